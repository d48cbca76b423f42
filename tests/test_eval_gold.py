"""Gold annotations: the loader's checks, the exported schema, and the fixture gold files themselves."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from summarizer.eval.gold import GoldArticle, GoldError, gold_schema, load_gold, load_gold_dir

GOLD = ROOT / "fixtures" / "gold"
SEED = "00-seed-2022-02-17-blinken"
ANNOTATED = sorted(p.stem for p in GOLD.glob("*.json"))


def _copy(tmp_path: Path, name: str = SEED) -> tuple[Path, dict]:
    (tmp_path / "gold").mkdir()
    (tmp_path / "articles").mkdir()
    shutil.copy(ROOT / "fixtures" / "articles" / f"{name}.txt", tmp_path / "articles")
    data = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
    return tmp_path / "gold" / f"{name}.json", data


def _write(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_gold_exists_for_every_fixture_article_with_recordings():
    with_recordings = {p.name for p in (ROOT / "fixtures" / "recordings").iterdir() if p.name[:2].isdigit()}
    assert set(ANNOTATED) == with_recordings
    assert len(ANNOTATED) == 15


@pytest.mark.parametrize("name", ANNOTATED)
def test_gold_fixture_loads_and_quotes_its_article(name):
    loaded = load_gold(GOLD / f"{name}.json")
    g = loaded.gold
    assert g.article == name and g.actors and g.events
    for item in [*g.stances, *g.events, *g.follow_ups]:
        assert loaded.spans(item.evidence), item


def test_gold_article_15_has_no_follow_ups_on_purpose():
    assert load_gold(GOLD / "15-iran-sanctions-protest-crackdown.json").gold.follow_ups == []


def test_load_gold_rejects_a_quote_not_in_the_article(tmp_path):
    path, data = _copy(tmp_path)
    data["events"][0]["evidence"] = ["Blinken spoke with the Pope"]
    with pytest.raises(GoldError, match=r"events\[0\]: quote not in the article: 'Blinken spoke with the Pope'"):
        load_gold(_write(path, data))


def test_load_gold_rejects_an_unknown_actor_id(tmp_path):
    path, data = _copy(tmp_path)
    data["stances"][1]["holders"] = ["A99"]
    with pytest.raises(GoldError, match=r"stances\[1\] names unknown actor 'A99'"):
        load_gold(_write(path, data))


def test_load_gold_rejects_a_changed_article(tmp_path):
    path, data = _copy(tmp_path)
    article = tmp_path / "articles" / f"{SEED}.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    with pytest.raises(GoldError, match="changed since it was annotated"):
        load_gold(_write(path, data))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["events"][0].update(types=["VISIT"]), "events.0.types.0"),
        (lambda d: d["events"][0].update(date="2022-02-30"), "events.0.date"),
        (lambda d: d.update(extra=1), "extra"),
        (lambda d: d["actors"].append(dict(d["actors"][0])), "duplicate actor ids: A1"),
    ],
)
def test_load_gold_names_where_a_file_is_malformed(tmp_path, change, message):
    path, data = _copy(tmp_path)
    change(data)
    with pytest.raises(GoldError, match="not a valid gold file") as err:
        load_gold(_write(path, data))
    assert message in str(err.value)


def test_load_gold_says_when_a_file_cannot_be_read(tmp_path):
    with pytest.raises(GoldError, match=r"missing\.json: cannot read \(No such file or directory\)"):
        load_gold(tmp_path / "missing.json")


def test_load_gold_dir_refuses_an_empty_directory(tmp_path):
    with pytest.raises(GoldError, match="no gold files"):
        load_gold_dir(tmp_path)


def test_gold_schema_exported_file_is_in_sync():
    command = "python -m summarizer.eval > schemas/gold.schema.json"
    path = ROOT / "schemas" / "gold.schema.json"
    assert path.is_file(), f"schemas/gold.schema.json is missing; regenerate it with: {command}"
    assert path.read_text(encoding="utf-8") == gold_schema(), (
        f"schemas/gold.schema.json is out of date; regenerate it with: {command}"
    )
    assert json.loads(gold_schema()) == GoldArticle.model_json_schema()
