"""`summarize --format md|html` and `render RESULT.json` give the same views, from the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from summarizer.models import ArticleSummary
from summarizer.render import render

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "articles" / "00-seed-2022-02-17-blinken.txt"
RECORDINGS = ROOT / "fixtures" / "recordings" / "00-seed-2022-02-17-blinken"
REPLAY = ["--engine", "replay", "--recordings", str(RECORDINGS), "--strategy", "guided", "--no-cache"]


def test_summarize_formats_and_render_agree(cli, tmp_path: Path) -> None:
    saved = tmp_path / "result.json"
    result = cli("summarize", str(SEED), *REPLAY, "-o", str(saved))
    assert result.exit_code == 0, result.stderr
    summary = ArticleSummary.model_validate_json(saved.read_text())
    for fmt in ("md", "html"):
        direct = cli("summarize", str(SEED), *REPLAY, "--format", fmt)
        assert direct.exit_code == 0, direct.stderr
        out = tmp_path / f"report.{fmt}"
        rendered = cli("render", str(saved), "--format", fmt, "-o", str(out))
        assert rendered.exit_code == 0, rendered.stderr
        # The saved result alone is enough: no article file is read by `render`.
        assert out.read_text() == direct.stdout == render(summary, fmt)
    assert "<mark" in (tmp_path / "report.html").read_text()
    assert "## Actors" in (tmp_path / "report.md").read_text()


def test_render_rejects_what_is_not_a_result(cli, tmp_path: Path) -> None:
    bogus = tmp_path / "x.json"
    bogus.write_text('{"hello": 1}')
    result = cli("render", str(bogus), "--format", "html")
    assert result.exit_code == 2
    assert result.stderr.startswith("summarizer: error: ") and "not a summarizer result" in result.stderr
    missing = cli("render", str(tmp_path / "nope.json"))
    assert missing.exit_code == 2 and "cannot read" in missing.stderr


def test_render_shows_a_saved_results_origins_and_notes(cli, tmp_path: Path) -> None:
    """What a strategy records (origins, the summary's origin, notes) reaches the views from a saved file."""
    saved = tmp_path / "result.json"
    assert cli("summarize", str(SEED), *REPLAY, "-o", str(saved)).exit_code == 0
    data = json.loads(saved.read_text())
    data["summary_origin"] = "rule"
    data["notes"] = ["summary: the model failed the checks; the lead instead"]
    data["actors"][0]["origin"] = {"name": "parse", "kind": "model"}
    saved.write_text(json.dumps(data))
    md = cli("render", str(saved), "--format", "md")
    assert md.exit_code == 0, md.stderr
    assert "Summary ⟨R⟩: selected by rule" in md.stdout
    assert "- summary: the model failed the checks; the lead instead" in md.stdout
    assert "⟨M kind, title, country, mentions · P name⟩" in md.stdout
    page = cli("render", str(saved), "--format", "html")
    assert page.exit_code == 0 and 'id="notes"' in page.stdout and "o-rule" in page.stdout
