"""Bad configuration and output paths end in one line and exit 2, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED
from fake_openai import Reply

from summarizer.engines.fake import FunctionEngine
from summarizer.inputs import parse_article
from summarizer.pipeline import Pipeline


def _one_line(result, code: int, needle: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("summarizer: error: ")
    assert needle in result.stderr and "Traceback" not in result.stderr


def test_output_path_is_a_directory(cli, fake, seed_output, tmp_path: Path) -> None:
    fake.default = Reply.json(seed_output)
    out = tmp_path / "outdir"
    out.mkdir()
    _one_line(cli("summarize", str(SEED), "--base-url", fake.base_url, "-o", str(out)), 2, "is a directory")
    assert list(out.iterdir()) == [] and not list(tmp_path.glob(".outdir*"))


def test_cache_dir_that_is_a_file(cli, fake, seed_output, tmp_path: Path) -> None:
    fake.default = Reply.json(seed_output)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    _one_line(cli("summarize", str(SEED), "--base-url", fake.base_url, "--cache-dir", str(blocker)), 2, "--no-cache")
    _one_line(cli("cache", "stats", "--cache-dir", str(blocker)), 2, "cannot be used")


def test_config_file_errors(cli, tmp_path: Path) -> None:
    _one_line(cli("--config", str(tmp_path / "missing.toml"), "cache", "path"), 2, "not found")
    typo = tmp_path / "typo.toml"
    typo.write_text('[price]\n"gpt-4o-mini" = [1, 2]\n')
    _one_line(cli("--config", str(typo), "cache", "path"), 2, "unknown table [price]")


def test_config_file_no_cache_named_like_the_flag(cli, fake, seed_output, tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("no-cache = true\n")
    fake.default = Reply.json(seed_output)
    for _ in range(2):
        result = cli("--config", str(config), "summarize", str(SEED), "--base-url", fake.base_url)
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["provenance"]["cached"] is False
    assert len(fake.chat_requests) == 2


def test_replay_without_recordings_is_a_config_error(cli, tmp_path: Path) -> None:
    empty = tmp_path / "recordings"
    empty.mkdir()
    _one_line(cli("summarize", str(SEED), "--engine", "replay", "--recordings", str(empty)), 2, "no recordings")


def test_guided_label_of_the_wrong_type_is_repaired(seed_article) -> None:  # type: ignore[no-untyped-def]
    calls = []

    def answer(request):  # type: ignore[no-untyped-def]
        calls.append(request)
        labels = {name: "person" for name in request.schema["required"]}
        if len(calls) == 1:
            labels["Antony Blinken"] = ["person"]  # a list, not a label
        return json.dumps(labels)

    result = Pipeline(FunctionEngine(answer), strategy="guided").run(seed_article)
    assert result.provenance.attempts == 2
    assert "'Antony Blinken': label must be one of" in calls[1].messages[-1]["content"]


@pytest.mark.timeout(120)  # a hang guard, not a speed target: pysbd alone takes many minutes here
def test_huge_paragraph_is_split_without_pysbd_whole() -> None:
    article = parse_article("Word. " * 40_000)  # every full stop looks like an abbreviation's
    assert len(article.sentences) == 40_000


def test_config_value_of_the_wrong_type(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('max-attempts = "three"\n')
    _one_line(cli("--config", str(bad), "summarize", str(SEED)), 2, "max-attempts must be a whole number")
    bad.write_text("no-cache = 1\n")
    _one_line(cli("--config", str(bad), "summarize", str(SEED)), 2, "no-cache must be true or false")
