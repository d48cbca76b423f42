"""The regression harness: every fixture replays through the whole pipeline, one test each."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import summarizer.prompts as prompts_module
from summarizer.cli import app
from summarizer.engines.openai import OpenAICompatEngine
from summarizer.fixtures import FixtureSet, json_diff

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = FixtureSet(ROOT / "fixtures")
runner = CliRunner()


@pytest.mark.parametrize("name", FIXTURES.names())
def test_fixture(name: str) -> None:
    report = FIXTURES.verify(name)
    assert report.ok, report.text()


def test_fixture_set_has_enough_fixtures() -> None:
    names = FIXTURES.names()
    assert len(names) >= 12 + 4
    for name in names:
        assert FIXTURES.expected_path(name).exists(), name
        assert list(FIXTURES.recordings(name).glob("*.json")), name


def test_repair_fixtures_really_repair() -> None:
    for name in ("repair-fabricated-quote", "repair-unknown-actor", "repair-truncated-json"):
        expected = json.loads(FIXTURES.expected_path(name).read_text())
        assert expected["result"]["provenance"]["attempts"] == 2, name
    never = json.loads(FIXTURES.expected_path("never-valid").read_text())
    assert never["error"]["exit_code"] == 4
    assert any("not in sentence" in e for e in never["error"]["errors"])


@pytest.fixture
def fixture_copy(tmp_path: Path) -> FixtureSet:
    root = tmp_path / "fixtures"
    shutil.copytree(ROOT / "fixtures", root)
    return FixtureSet(root)


@pytest.fixture
def edited_prompts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of prompts/ that the pipeline uses instead of the real one."""
    folder = tmp_path / "prompts"
    shutil.copytree(prompts_module.prompts_dir(), folder)
    monkeypatch.setattr(prompts_module, "prompts_dir", lambda: folder)
    prompts_module._env.cache_clear()
    prompts_module.prompt_hash.cache_clear()
    yield folder
    prompts_module._env.cache_clear()
    prompts_module.prompt_hash.cache_clear()


def test_verify_cli_passes_on_the_shipped_fixtures() -> None:
    result = runner.invoke(app, ["fixtures", "verify", "--root", str(ROOT / "fixtures")])
    assert result.exit_code == 0, result.output
    assert f"{len(FIXTURES.names())} passed, 0 failed" in result.stdout


def test_template_change_makes_recordings_stale(fixture_copy: FixtureSet, edited_prompts: Path) -> None:
    system = edited_prompts / "system.j2"
    system.write_text(system.read_text() + "\nBe brief.\n")
    result = runner.invoke(app, ["fixtures", "verify", "repair-unknown-actor", "--root", str(fixture_copy.root)])
    assert result.exit_code == 1
    assert "stale" in result.stdout
    assert "stale recording: recordings/repair-unknown-actor/" in result.stdout
    assert "summarizer fixtures record repair-unknown-actor" in result.stderr


def test_unused_recordings_are_reported(fixture_copy: FixtureSet) -> None:
    folder = fixture_copy.recordings("repair-unknown-actor")
    extra = json.loads(next(folder.glob("*.json")).read_text())
    extra["fingerprint"] = "r1:" + "0" * 64
    (folder / "0000000000000000.json").write_text(json.dumps(extra))
    report = fixture_copy.verify("repair-unknown-actor")
    assert not report.ok
    assert report.unused == ["recordings/repair-unknown-actor/0000000000000000.json"]


def test_changed_expected_result_shows_a_field_level_diff(fixture_copy: FixtureSet) -> None:
    path = fixture_copy.expected_path("repair-fabricated-quote")
    data = json.loads(path.read_text())
    data["result"]["actors"][0]["name"] = "Someone Else"
    path.write_text(json.dumps(data))
    result = runner.invoke(app, ["fixtures", "verify", "repair-fabricated-quote", "--root", str(fixture_copy.root)])
    assert result.exit_code == 1
    assert 'result.actors[0].name: "Someone Else" -> "Lloyd Austin"' in result.stdout
    assert "0 passed, 1 failed" in result.stdout
    update = runner.invoke(app, ["fixtures", "update", "repair-fabricated-quote", "--root", str(fixture_copy.root)])
    assert update.exit_code == 0, update.output
    assert "updated, 1 changes" in update.stdout
    assert fixture_copy.verify("repair-fabricated-quote").ok


def test_update_replaces_the_expected_file_whole(fixture_copy: FixtureSet) -> None:
    """A reader that opened the old expected file keeps reading the old one, never a half-written file."""
    path = fixture_copy.expected_path("repair-fabricated-quote")
    data = json.loads(path.read_text())
    data["result"]["summary"] = "An outdated summary."
    path.write_text(json.dumps(data))
    with path.open(encoding="utf-8") as reader:
        assert fixture_copy.update("repair-fabricated-quote").status == "changed"
        assert json.loads(reader.read())["result"]["summary"] == "An outdated summary."
    assert fixture_copy.verify("repair-fabricated-quote").ok
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []


def test_record_rerecords_a_scripted_fixture_after_a_template_change(
    fixture_copy: FixtureSet, edited_prompts: Path
) -> None:
    article = edited_prompts / "article.j2"
    article.write_text(article.read_text() + "\nKeep quotes short.\n")
    assert fixture_copy.verify("repair-truncated-json").status == "stale"
    result = runner.invoke(app, ["fixtures", "record", "repair-truncated-json", "--root", str(fixture_copy.root)])
    assert result.exit_code == 0, result.output
    assert fixture_copy.verify("repair-truncated-json").ok


def test_recordings_never_hold_the_api_key(fixture_copy: FixtureSet, fake) -> None:  # type: ignore[no-untyped-def]
    from fake_openai import Reply

    key = "sk-proj-Abc123DEF456ghi789JKL012mno345PQR678stu901VWX"
    valid = json.loads(fixture_copy.script("repair-unknown-actor").read_text())["replies"][1]["text"]
    fake.enqueue(Reply.content(valid))
    fixture_copy.script("repair-unknown-actor").unlink()  # record live, not from the script
    engine = OpenAICompatEngine("gpt-test", base_url=fake.base_url, api_key=key, mode="json_schema")
    report = fixture_copy.record("repair-unknown-actor", lambda: engine, strategy="single")
    assert report.ok, report.text()
    assert fake.chat_requests[0].headers["authorization"] == f"Bearer {key}"  # the key was really used
    for path in fixture_copy.root.rglob("*"):
        if path.is_file():
            assert key not in path.read_text(errors="replace"), path
            assert key[:12] not in path.read_text(errors="replace"), path


def test_json_diff_names_fields() -> None:
    assert json_diff({"a": [1, 2]}, {"a": [1, 3], "b": 0}) == ["a[1]: 2 -> 3", "b: added 0"]


def test_record_against_a_dead_endpoint_keeps_the_old_recordings(fixture_copy: FixtureSet, closed_port_url) -> None:  # type: ignore[no-untyped-def]
    from summarizer.engines.openai import RetryPolicy
    from summarizer.errors import EndpointError

    name = "repair-unknown-actor"
    before = {p.name: p.read_text() for p in fixture_copy.recordings(name).glob("*.json")}
    expected_before = fixture_copy.expected_path(name).read_text()
    fixture_copy.script(name).unlink()  # record live
    engine = OpenAICompatEngine("gpt-test", base_url=closed_port_url, mode="json_schema", retry=RetryPolicy(retries=0))
    with pytest.raises(EndpointError):
        fixture_copy.record(name, lambda: engine, strategy="single")
    assert {p.name: p.read_text() for p in fixture_copy.recordings(name).glob("*.json")} == before
    assert fixture_copy.expected_path(name).read_text() == expected_before
