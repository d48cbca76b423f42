"""Helpers for the input-layer tests: a model output quoting given phrases of an article."""

from __future__ import annotations

import json
from typing import Any

from summarizer.inputs import Article


def evidence(article: Article, phrase: str, occurrence: int = 0) -> dict[str, Any]:
    """Evidence for the `occurrence`-th sentence (0-based) whose shown text holds `phrase`."""
    found = [s for s in article.sentences if phrase in s.text]
    assert len(found) > occurrence, f"{phrase!r} is in {len(found)} sentence(s)"
    return {"sentence": found[occurrence].number, "quote": phrase}


def output_for(
    article: Article, actor: str, phrases: list[str | tuple[str, int]], summary: str = "A summary."
) -> dict[str, Any]:
    """A valid model output: one actor, one event citing each phrase (a (phrase, occurrence) pair
    picks a later sentence holding the same phrase)."""
    cites = [evidence(article, p) if isinstance(p, str) else evidence(article, *p) for p in phrases]
    return {
        "summary": summary,
        "key_points": [],
        "actors": [{"id": "A1", "name": actor, "kind": "person", "title": None, "country": None, "mentions": [actor]}],
        "stances": [],
        "events": [
            {
                "id": f"E{i + 1}",
                "type": "STATEMENT",
                "summary": f"{actor} spoke.",
                "actors": ["A1"],
                "recipients": [],
                "date": None,
                "date_text": None,
                "location": None,
                "factuality": "occurred",
                "evidence": [cite],
            }
            for i, cite in enumerate(cites)
        ],
        "follow_ups": [],
    }


def summarize_args(fake: Any, path: Any, *extra: Any) -> list[str]:
    return ["summarize", str(path), "--base-url", fake.base_url, "--retries", "1", "--no-cache", *map(str, extra)]


def ok_json(result: Any) -> dict[str, Any]:
    assert result.exit_code == 0, (result.exit_code, result.stderr)
    data: dict[str, Any] = json.loads(result.stdout)
    return data
