"""Long articles: split into chunks that fit the context, each through the repair loop, merged."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fake_openai import Reply

from summarizer import Summarizer
from summarizer.chunking import context_tokens_for, estimate_tokens, plan
from summarizer.errors import EndpointError
from summarizer.inputs import load_article

LONG = Path(__file__).resolve().parent / "data" / "long-feature.txt"  # ~5,900 words, see tests/data/README.md
_NUMBERED = re.compile(r"^\[(\d+)\] (.*)$", re.M)


def _sentences(body: dict[str, Any]) -> list[tuple[int, str]]:
    user = body["messages"][1]["content"]
    return [(int(n), text) for n, text in _NUMBERED.findall(user)]


def _words(text: str, n: int = 5) -> str:
    return " ".join(text.split()[:n])


def chunk_reply(body: dict[str, Any], *, broken: str | None = None) -> Reply:
    """A grounded reply for whatever chunk the request shows: events citing its first and last
    sentence, Blinken as actor when the chunk names him; the merge question gets a summary."""
    last = body["messages"][-1]["content"]
    if "was too long to read at once" in last:
        return Reply.json({"summary": "Merged summary of all parts.", "key_points": ["one", "two"]}, usage=(50, 10))
    sentences = _sentences(body)
    (n1, s1), (n2, s2) = sentences[0], sentences[-1]
    if broken and broken in body["messages"][1]["content"]:
        s1 = "words that are nowhere in this article"
    text = " ".join(t for _, t in sentences)
    actors = []
    if "Blinken" in text:
        actors = [
            {"id": "A1", "name": "Blinken", "kind": "person", "title": None, "country": "USA", "mentions": ["Blinken"]}
        ]
    if "Antony Blinken" in text:
        actors[0]["name"] = "Antony Blinken"
        actors[0]["mentions"] = ["Antony Blinken", "Blinken"]
    who = ["A1"] if actors else []
    event = {
        "type": "STATEMENT", "summary": "s", "actors": who, "recipients": [], "date": None, "date_text": None,
        "location": None, "factuality": "occurred",
    }  # fmt: skip
    return Reply.json(
        {
            "summary": f"Part starting at {_words(s1, 3)}.",
            "key_points": [f"point {n1}"],
            "actors": actors,
            "stances": [],
            "events": [
                # an event's actor is named in its cited sentence (#9 item 16)
                {**event, "id": "E1", "actors": who if "Blinken" in s1 else [],
                 "evidence": [{"sentence": 1, "quote": _words(s1)}]},
                {**event, "id": "E2", "actors": who if "Blinken" in s2 else [],
                 "evidence": [{"sentence": n2, "quote": _words(s2)}]},
            ],
            "follow_ups": [],
        },
        usage=(100, 20),
    )


def test_the_test_article_is_long():
    words = len(LONG.read_text(encoding="utf-8").split())
    assert 5500 <= words <= 6500


def test_plan_covers_every_sentence_in_order_with_overlap():
    art = load_article(LONG)
    chunks = plan(art, 1500, overlap=2)
    assert len(chunks) > 3
    assert chunks[0].first == 1 and chunks[-1].last == len(art.sentences)
    for a, b in zip(chunks, chunks[1:], strict=False):
        assert b.first == a.last - 1  # two sentences shared
    for c in chunks:
        assert [s.number for s in c.article.sentences] == list(range(1, len(c.article.sentences) + 1))
        assert c.article.text == art.text  # offsets keep indexing the whole article
        assert [s.start for s in c.article.sentences] == [s.start for s in art.sentences[c.first - 1 : c.last]]
        cost = sum(estimate_tokens(f"[{s.number}] {s.text}\n") for s in c.article.sentences)
        assert cost <= 1500 or len(c.article.sentences) == 1


def test_plan_keeps_a_short_article_whole(seed_article):
    assert len(plan(seed_article, 100_000)) == 1


def test_context_defaults():
    class Local:
        n_ctx = 8192
        model = "qwen"

    class Endpoint:
        def __init__(self, model: str) -> None:
            self.model = model

    assert context_tokens_for(Local()) == 8192
    assert context_tokens_for(Endpoint("gpt-4o-mini")) == 128_000
    assert context_tokens_for(Endpoint("gpt-4o-mini-2024-07-18")) == 128_000
    assert context_tokens_for(Endpoint("my-own-model")) == 32_768
    assert context_tokens_for(Endpoint("gpt-4o"), 4000) == 4000


def test_library_long_article_is_chunked_and_merged(fake):
    fake.default = chunk_reply
    art = load_article(LONG)
    with Summarizer(base_url=fake.base_url, api_key="sk-test", cache=False, context_tokens=8000) as s:
        result = s.summarize_article(art)
    chunks = result.provenance.chunks
    assert chunks is not None and len(chunks) >= 3 and all(c.ok for c in chunks)
    assert not result.partial
    calls = len(fake.chat_requests)
    assert calls == len(chunks) + 1  # one per chunk, one for the summary over them
    assert result.summary == "Merged summary of all parts."
    assert result.provenance.usage.total_tokens == len(chunks) * 120 + 60
    # no prompt exceeded the context: every chunk request is well under it
    for req in fake.chat_requests[:-1]:
        assert estimate_tokens(json.dumps(req.body["messages"])) < 8000
    # events: first and last sentence of each chunk; overlapping sentences are one event, not two
    cited = [e.evidence[0].sentence for e in result.events]
    assert cited == sorted(set(cited))
    assert len(result.events) == len(chunks) + 1
    assert [e.id for e in result.events] == [f"E{i}" for i in range(1, len(result.events) + 1)]
    for e in result.events:
        ev = e.evidence[0]
        assert art.text[ev.start : ev.end] == ev.quote
        assert art.sentences[ev.sentence - 1].start <= ev.start < art.sentences[ev.sentence - 1].end
    # Blinken, named in several chunks, is one actor with the fullest name
    assert [a.name for a in result.actors] == ["Antony Blinken"]
    assert result.actors[0].id == "A1"
    assert {a for e in result.events for a in e.actors} <= {"A1"}


def test_long_article_prompt_is_measured_once_not_again_per_chunk(fake, monkeypatch):
    """The prompt without sentences is rendered to size the chunks once per article: each
    chunk fits by construction and goes straight to its questions."""
    from summarizer.strategies.single import Single

    fake.default = chunk_reply
    measured: list[Any] = []
    first_question = Single.first_question

    def counting(self: Single, article: Any) -> Any:
        if not article.sentences:
            measured.append(article)
        return first_question(self, article)

    monkeypatch.setattr(Single, "first_question", counting)
    with Summarizer(base_url=fake.base_url, api_key="sk-test", cache=False, context_tokens=8000) as s:
        result = s.summarize_article(load_article(LONG))
    assert result.provenance.chunks is not None and len(result.provenance.chunks) >= 3
    assert len(measured) == 1


def test_cli_long_article_partial_when_a_chunk_fails(cli, fake, tmp_path):
    art = load_article(LONG)
    target = "The evacuation from Kabul tested every alliance"
    fake.default = lambda body: chunk_reply(body, broken=target)
    out = tmp_path / "out.json"
    result = cli(
        "summarize", LONG, "--base-url", fake.base_url, "--no-cache", "--context-tokens", "8000",
        "--max-attempts", "2", "-o", out,
    )  # fmt: skip
    assert result.exit_code == 6, result.stderr
    data = json.loads(out.read_text())
    assert data["partial"] is True
    failed = [c for c in data["provenance"]["chunks"] if not c["ok"]]
    assert len(failed) >= 1
    bad = failed[0]
    assert bad["kind"] == "InvalidOutputError" and "not in sentence" in bad["error"]
    covered = art.sentences[bad["first_sentence"] - 1 : bad["last_sentence"]]
    assert any(target in s.text for s in covered)
    assert (
        f"partial result: chunk {bad['index']} (sentences {bad['first_sentence']}-{bad['last_sentence']}) failed"
        in result.stderr
    )
    assert bad["attempts"] == 2 and bad["usage"]["total_tokens"] == 240  # the failed chunk's cost counts
    assert data["provenance"]["attempts"] == sum(c["attempts"] for c in data["provenance"]["chunks"]) + 1
    calls = len(fake.chat_requests)
    assert data["provenance"]["usage"]["total_tokens"] == (calls - 1) * 120 + 60


def test_cli_context_too_small_for_the_prompt(cli, fake):
    result = cli("summarize", LONG, "--base-url", fake.base_url, "--no-cache", "--context-tokens", "1000")
    assert result.exit_code == 2
    assert "leaves no room for the article" in result.stderr
    assert fake.chat_requests == []


@pytest.mark.slow
def test_embedded_model_summarizes_the_long_article_in_chunks(tmp_path):
    """The real 0.5B model (n_ctx 8192): the 5,900-word article does not fit, so it is chunked."""
    pytest.importorskip("llama_cpp", reason="the `local` extra (llama-cpp-python) is not installed")
    import platformdirs

    from summarizer.engines.model_files import resolve_model_path

    try:
        model = resolve_model_path(None, Path(platformdirs.user_cache_dir("summarizer")))
    except Exception as err:  # noqa: BLE001 - the parts are part of the `local` extra
        pytest.skip(f"bundled model not available: {err}")
    art = load_article(LONG)
    with Summarizer(engine="local", model_path=str(model), cache_dir=tmp_path / "cache") as s:
        result = s.summarize_article(art)
    chunks = result.provenance.chunks
    assert chunks is not None and len(chunks) >= 2
    assert chunks[0].first_sentence == 1 and chunks[-1].last_sentence == len(art.sentences)
    assert result.partial == (not all(c.ok for c in chunks))
    assert result.provenance.usage.total_tokens == sum(c.usage.total_tokens for c in chunks)
    for item in [*result.stances, *result.events, *result.follow_ups]:
        for ev in item.evidence:
            assert art.text[ev.start : ev.end] and art.text[ev.start : ev.end] in ev.quote
    ids = [a.id for a in result.actors]
    assert ids == [f"A{i}" for i in range(1, len(ids) + 1)]
    names = [a.name.casefold() for a in result.actors]
    assert len(names) == len(set(names))  # unified across chunks
    assert any("blinken" in n for n in names)


def test_cli_batch_chunks_a_long_article_with_context_tokens(cli, fake, tmp_path):
    fake.default = chunk_reply
    out = tmp_path / "out.jsonl"
    result = cli("batch", LONG, "--base-url", fake.base_url, "--no-cache", "--context-tokens", "8000", "-o", out)
    assert result.exit_code == 0, result.stderr
    (line,) = [json.loads(x) for x in out.read_text().splitlines()]
    chunks = line["result"]["provenance"]["chunks"]
    assert chunks is not None and len(chunks) >= 3 and all(c["ok"] for c in chunks)
    assert len(fake.chat_requests) == len(chunks) + 1  # one per chunk, one for the summary over them


def test_library_endpoint_failing_on_the_merge_question_charges_every_chunk(fake):
    def reply(body: dict[str, Any]) -> Reply:
        if "was too long to read at once" in body["messages"][-1]["content"]:
            return Reply.error(401)  # not retried: the error comes straight back
        return chunk_reply(body)

    fake.default = reply
    with Summarizer(base_url=fake.base_url, api_key="sk-test", cache=False, context_tokens=8000) as s:
        with pytest.raises(EndpointError) as info:
            s.summarize_article(load_article(LONG))
    chunk_calls = len(fake.chat_requests) - 1
    assert chunk_calls >= 3
    assert info.value.attempts == chunk_calls
    assert info.value.usage is not None and info.value.usage.total_tokens == chunk_calls * 120  # type: ignore[attr-defined]
