"""Batch summarization: ordering, failure isolation, resume, Ctrl-C, rate limits, tokens and cost.

End-to-end tests run `summarizer batch` against the loopback fake server, in-process
through CliRunner or as a real process when a signal must be sent. Every article
shares one body (so one canned reply grounds in all of them) and differs in its
title, which the prompt shows: the cache keys differ and the fake server can tell
the articles apart.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path
from typing import Any

import pytest
import typer
from conftest import ROOT, generic_output_for
from fake_openai import Reply
from typer.testing import CliRunner

from summarizer.batch import (
    BatchItem,
    BatchResult,
    RateLimitedEngine,
    items_from_paths,
    summarize_as_completed,
    summarize_many,
)
from summarizer.batch_cli import register_batch
from summarizer.engines.base import Completion, Engine, Request
from summarizer.engines.fake import FunctionEngine
from summarizer.errors import ConfigError, InputError, InvalidOutputError
from summarizer.inputs import parse_article
from summarizer.models import Usage
from summarizer.pricing import PRICES, Price, cost, load_prices, price_for

BODY = (
    "The council met in Geneva on Monday to discuss the ceasefire.\n\n"
    "Ministers argued over the proposal for several hours. "
    "A second round of talks is planned for next week."
)
REPLY = json.dumps(generic_output_for(parse_article(BODY)))
TITLE = re.compile(r"Title: Item (\d+)")

# Runs the CLI as a real process whether or not summarizer.cli registers `batch` yet.
_MAIN = (
    "from summarizer.cli import app\n"
    "from summarizer.batch_cli import register_batch\n"
    "if 'batch' not in {c.name for c in app.registered_commands}: register_batch(app)\n"
    "app(prog_name='summarizer')\n"
)


def item_text(i: int) -> str:
    return f"title: Item {i}\n---\n{BODY}"


def item_of(body: dict[str, Any]) -> int:
    """Which article a captured chat request is about."""
    m = TITLE.search(json.dumps(body.get("messages", [])))
    assert m, body
    return int(m.group(1))


@pytest.fixture
def articles(tmp_path: Path):
    """Write `n` article files item-00.txt ... under tmp_path/in; returns the directory."""

    def write(n: int) -> Path:
        folder = tmp_path / "in"
        folder.mkdir(exist_ok=True)
        for i in range(n):
            (folder / f"item-{i:02d}.txt").write_text(item_text(i), encoding="utf-8")
        return folder

    return write


def _app() -> typer.Typer:
    from summarizer.cli import app

    if "batch" not in {c.name for c in app.registered_commands}:
        register_batch(app)
    return app


@pytest.fixture
def batch():
    """Invoke ``summarizer batch ARGS`` in-process; stdout and stderr apart."""
    runner = CliRunner()

    def invoke(*args: Any, input: str | None = None) -> Any:
        return runner.invoke(_app(), ["batch", *map(str, args)], input=input)

    return invoke


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def ids(rows: list[dict[str, Any]]) -> list[int]:
    return [int(re.search(r"item-(\d+)", str(r["id"])).group(1)) for r in rows]  # type: ignore[union-attr]


class TitleEngine:
    """In-memory engine: replies REPLY after a per-article delay; counts calls in flight."""

    name = "title-engine"
    model = "gpt-4o-mini"

    def __init__(self, delay: Any = 0.0, reply: Any = None):
        self.delay = delay  # seconds, or callable(item number, call number) -> seconds
        self.reply = reply  # callable(item number, call number) -> text, default REPLY
        self.calls: dict[int, int] = {}
        self.in_flight = 0
        self.max_in_flight = 0
        self.closed = 0

    def identity(self) -> dict[str, Any]:
        return {"engine": self.name, "model": self.model}

    def complete(self, request: Request) -> Completion:
        raise NotImplementedError

    async def aclose(self) -> None:
        self.closed += 1

    async def acomplete(self, request: Request) -> Completion:
        item = item_of({"messages": request.messages})
        call = self.calls[item] = self.calls.get(item, 0) + 1
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delay(item, call) if callable(self.delay) else self.delay)
        finally:
            self.in_flight -= 1
        text = self.reply(item, call) if self.reply else REPLY
        return Completion(
            text=text, usage=Usage(prompt_tokens=100, completion_tokens=10, total_tokens=110), finish_reason="stop"
        )


def test_title_engine_is_an_engine():
    assert isinstance(TitleEngine(), Engine)
    assert isinstance(RateLimitedEngine(TitleEngine(), rpm=60), Engine)


# --------------------------------------------------------------------------- library


def test_summarize_many_returns_input_order_whatever_finishes_first():
    n = 8
    engine = TitleEngine(delay=lambda item, call: (n - item) * 0.03)  # later items finish first
    results = summarize_many([item_text(i) for i in range(n)], engine=engine, cache=False, concurrency=n)
    assert [r.index for r in results] == list(range(n))
    assert [r.id for r in results] == list(range(n))
    assert all(r.ok and r.result is not None and r.result.article.title == f"Item {r.index}" for r in results)


def test_summarize_as_completed_yields_in_completion_order():
    n = 6
    engine = TitleEngine(delay=lambda item, call: (n - item) * 0.05)

    async def collect() -> list[BatchResult]:
        return [
            r
            async for r in summarize_as_completed(
                [item_text(i) for i in range(n)], engine=engine, cache=False, concurrency=n
            )
        ]

    results = asyncio.run(collect())
    assert [r.index for r in results] == list(reversed(range(n)))


def test_summarize_many_bounds_concurrency_and_closes_the_engine():
    engine = TitleEngine(delay=0.02)
    results = summarize_many([item_text(i) for i in range(10)], engine=engine, cache=False, concurrency=3)
    assert all(r.ok for r in results)
    assert engine.max_in_flight == 3
    assert engine.closed == 1


def test_summarize_many_keeps_order_and_reports_parse_errors():
    items = [item_text(i) for i in range(12)] + ["  "]
    results = summarize_many(items, engine=TitleEngine(delay=0.05), cache=False, concurrency=2)
    assert [r.index for r in results] == list(range(13))
    assert [r.kind for r in results] == [None] * 12 + ["InputError"]


def test_summarize_many_closes_openai_connections(fake, tmp_path):
    fake.default = Reply.content(REPLY)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        results = summarize_many([item_text(i) for i in range(3)], base_url=fake.base_url, cache=False)
        gc.collect()
    assert all(r.ok for r in results)
    assert [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)] == []


def test_summarize_many_isolates_failures():
    def reply(item: int, call: int) -> str:
        return "not JSON" if item == 1 else REPLY

    engine = TitleEngine(reply=reply)
    items = [item_text(0), item_text(1), "   ", {"id": "no-text"}, {"id": "x", "text": item_text(4)}, item_text(5)]
    results = summarize_many(items, engine=engine, cache=False, max_attempts=2)
    assert [r.kind for r in results] == [None, "InvalidOutputError", "InputError", "InputError", None, None]
    assert [r.id for r in results] == [0, 1, 2, "no-text", "x", 5]
    assert isinstance(results[1].error, InvalidOutputError)
    assert "empty" in str(results[2].error)
    assert engine.calls == {0: 1, 1: 2, 4: 1, 5: 1}


def test_summarize_many_sums_usage_over_repairs_and_failures():
    def reply(item: int, call: int) -> str:
        if item == 0 and call == 1:
            return "not JSON"
        return "still not JSON" if item == 1 else REPLY

    engine = TitleEngine(reply=reply)
    ok, bad = summarize_many([item_text(0), item_text(1)], engine=engine, cache=False, max_attempts=3)
    assert ok.ok and ok.result is not None
    assert ok.usage == Usage(prompt_tokens=200, completion_tokens=20, total_tokens=220)
    assert ok.result.provenance.usage == ok.usage and ok.result.provenance.attempts == 2
    assert ok.cost == pytest.approx((200 * 0.15 + 20 * 0.60) / 1e6)
    assert not bad.ok and bad.usage.total_tokens == 330
    assert json.loads(bad.to_json())["usage"]["total_tokens"] == 330


def test_summarize_many_counts_a_shared_failure_once():
    # Three copies of one article, in flight together: one request, and its failure's
    # tokens (two attempts) are the first copy's only.
    engine = TitleEngine(delay=0.2, reply=lambda item, call: "not JSON")

    async def go() -> tuple[list[BatchResult], Any]:
        run = summarize_as_completed([item_text(1)] * 3, engine=engine, cache=False, concurrency=3, max_attempts=2)
        return [r async for r in run], run

    results, run = asyncio.run(go())
    assert engine.calls == {1: 2}
    assert sorted(r.usage.total_tokens for r in results) == [0, 0, 220]
    assert [r.kind for r in results] == ["InvalidOutputError"] * 3
    assert run.totals.usage == Usage(prompt_tokens=200, completion_tokens=20, total_tokens=220)
    assert run.totals.failed == 3


def test_summarize_many_counts_every_chunk_of_a_failed_long_article():
    # A long article in chunks, each failing after its repairs: the article's error
    # carries the tokens of every chunk's calls, not the first chunk's alone.
    calls = []

    def never_json(request: Request) -> Completion:
        calls.append(request)
        return Completion(text="not JSON", usage=Usage(prompt_tokens=100, completion_tokens=10, total_tokens=110))

    long = (ROOT / "tests" / "data" / "long-feature.txt").read_text(encoding="utf-8")
    engine = FunctionEngine(never_json, model="gpt-4o-mini")
    [r] = summarize_many([long], engine=engine, cache=False, max_attempts=2, context_tokens=8000)
    assert r.kind == "InvalidOutputError" and len(calls) > 2  # more than one chunk was asked
    assert r.usage.total_tokens == 110 * len(calls)
    assert r.error is not None and r.error.attempts == len(calls)  # type: ignore[attr-defined]


def test_summarize_many_second_run_comes_from_cache(tmp_path: Path):
    engine = TitleEngine()
    items = [item_text(i) for i in range(4)]
    first = summarize_many(items, engine=engine, cache_dir=tmp_path / "c")
    second = summarize_many(items, engine=engine, cache_dir=tmp_path / "c")
    assert not any(r.cached for r in first) and all(r.cached for r in second)
    assert engine.calls == {0: 1, 1: 1, 2: 1, 3: 1}
    assert all(r.usage.total_tokens == 0 for r in second)


def test_batch_run_cancel_stops_and_keeps_what_finished():
    engine = TitleEngine(delay=lambda item, call: 0.01 if item < 3 else 30)

    async def go() -> tuple[list[int], Any]:
        run = summarize_as_completed([item_text(i) for i in range(8)], engine=engine, cache=False, concurrency=4)
        got = []
        async for r in run:
            got.append(r.index)
            if len(got) == 3:
                asyncio.get_running_loop().call_later(0.05, run.cancel)
        return got, run

    started = time.monotonic()
    got, run = asyncio.run(go())
    assert time.monotonic() - started < 5
    assert sorted(got) == [0, 1, 2] and run.cancelled and run.totals.finished == 3


def test_summarize_many_rejects_summarizer_and_options_together():
    from summarizer.api import Summarizer

    with pytest.raises(ConfigError):
        summarize_many(["x"], summarizer=Summarizer(engine=TitleEngine()), model="m")


def test_batch_item_coerce_rejects_unknown_types():
    with pytest.raises(TypeError):
        BatchItem.coerce(3.5, 0)


# --------------------------------------------------------------------------- inputs


def test_items_from_paths_reads_dirs_files_and_jsonl(tmp_path: Path):
    d = tmp_path / "d"
    (d / "sub").mkdir(parents=True)
    (d / ".hidden").mkdir()
    for name in ("b.txt", "a.md", "sub/c.TXT", "notes.json", ".hidden/x.txt", "sub/.y.md"):
        (d / name).write_text(BODY)
    single = tmp_path / "one.html"
    single.write_text(BODY)
    jsonl = tmp_path / "items.jsonl"
    jsonl.write_text(
        json.dumps({"id": 7, "text": BODY, "published": "2022-02-17", "title": "T"}) + "\n\n"
        + "{broken\n"
        + json.dumps({"text": BODY}) + "\n"
        + json.dumps({"id": "k", "txt": BODY}) + "\n"
        + json.dumps([1]) + "\n"
    )  # fmt: skip
    items = items_from_paths([d, single, jsonl])
    assert [i.id for i in items] == [
        str(d / "a.md"), str(d / "b.txt"), str(d / "sub" / "c.TXT"), str(single),
        7, f"{jsonl}:3", f"{jsonl}:4", "k", f"{jsonl}:6",
    ]  # fmt: skip
    seven = items[4]
    assert (seven.text, seven.published, seven.title, seven.problem) == (BODY, "2022-02-17", "T", None)
    assert items[5].problem and "not a JSON object" in items[5].problem
    assert items[6].problem is None and items[6].text == BODY
    assert items[7].problem and "'txt'" in items[7].problem
    assert items[8].problem and "not a JSON object" in items[8].problem
    assert items[4].article().published == "2022-02-17"
    with pytest.raises(InputError):
        items[7].article()


def test_items_from_paths_fails_fast_on_missing_paths_and_empty_dirs(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        items_from_paths([tmp_path / "missing.txt"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no \\*.txt or \\*.md"):
        items_from_paths([tmp_path / "empty"])


# --------------------------------------------------------------------------- prices


def test_price_for_matches_aliases_snapshots_and_prefixes():
    assert price_for("gpt-4o-mini") == PRICES["gpt-4o-mini"]
    assert price_for("gpt-4o-mini-2024-07-18") == PRICES["gpt-4o-mini"]
    assert price_for("openai/gpt-4.1-nano") == PRICES["gpt-4.1-nano"]
    assert price_for("gpt-4o") != price_for("gpt-4o-mini")
    assert price_for("my-local-model") is None
    usage = Usage(prompt_tokens=1_000_000, completion_tokens=500_000, total_tokens=1_500_000)
    assert cost("gpt-4o", usage) == pytest.approx(2.5 + 5.0)
    assert cost("my-local-model", usage) is None


def test_load_prices_reads_the_config_table(tmp_path: Path):
    config = tmp_path / "config.toml"
    config.write_text('model = "x"\n[prices]\n"gpt-4o" = { input = 1, output = 2 }\n"mine" = [0.5, 0]\n')
    prices = load_prices(config)
    assert prices["gpt-4o"] == Price(1.0, 2.0) and prices["mine"] == Price(0.5, 0.0)
    assert prices["gpt-4o-mini"] == PRICES["gpt-4o-mini"]
    assert load_prices(tmp_path / "absent.toml") == PRICES
    config.write_text('[prices]\n"gpt-4o" = { input = -1, output = 2 }\n')
    with pytest.raises(ConfigError, match="non-negative"):
        load_prices(config)
    config.write_text('[prices]\n"gpt-4o" = "cheap"\n')
    with pytest.raises(ConfigError, match=r"\[prices\] 'gpt-4o'"):
        load_prices(config)


# --------------------------------------------------------------------------- rate limits


def _request(chars: int, max_tokens: int | None = None) -> Request:
    params = {"max_tokens": max_tokens} if max_tokens else {}
    return Request(messages=[{"role": "user", "content": "x" * chars}], schema={}, params=params)


def test_rate_limited_engine_estimates_prompt_chars_and_max_tokens():
    engine = RateLimitedEngine(TitleEngine(), tpm=1000)
    assert engine.estimate(_request(398)) == 100  # 398 chars + "{}" schema
    assert engine.estimate(_request(398, max_tokens=50)) == 150
    assert (engine.name, engine.model, engine.identity()) == ("title-engine", "gpt-4o-mini", TitleEngine().identity())


class _Instant:
    name = "instant"
    model = "m"

    def __init__(self, tokens: int):
        self.tokens = tokens
        self.times: list[float] = []

    def identity(self) -> dict[str, Any]:
        return {}

    def complete(self, request: Request) -> Completion:
        self.times.append(time.monotonic())
        return Completion(text="{}", usage=Usage(total_tokens=self.tokens))

    async def acomplete(self, request: Request) -> Completion:
        return self.complete(request)


def test_rate_limited_engine_paces_requests_per_minute():
    inner = _Instant(tokens=1)
    engine = RateLimitedEngine(inner, rpm=600)  # 10 a second, bursts of 10

    async def go() -> None:
        await asyncio.gather(*(engine.acomplete(_request(4)) for _ in range(25)))

    asyncio.run(go())
    spans = [t - inner.times[0] for t in inner.times]
    assert spans[9] < 0.5  # the first second's worth at once
    assert 1.3 < spans[24] < 2.5  # then 10 a second


def test_rate_limited_engine_paces_tokens_and_corrects_with_usage():
    # 600 tokens a minute = 10 a second; each request is estimated at 10 tokens.
    def run(actual: int) -> float:
        inner = _Instant(tokens=actual)
        engine = RateLimitedEngine(inner, tpm=600)
        for _ in range(3):
            engine.complete(_request(38))
        return inner.times[-1] - inner.times[0]

    assert 1.7 < run(actual=10) < 2.6  # as estimated: a second per request after the first
    assert 0.7 < run(actual=5) < 1.4  # reported usage is half the estimate: half the wait


# --------------------------------------------------------------------------- CLI


def test_cli_batch_writes_one_line_per_input_in_order(batch, fake, articles, tmp_path):
    folder = articles(6)
    slow = {0: 0.4, 1: 0.3, 2: 0.2}
    fake.default = lambda body: Reply.delay(slow.get(item_of(body), 0.0), Reply.content(REPLY, usage=(90, 10)))
    out = tmp_path / "out.jsonl"
    result = batch(folder, "-o", out, "--base-url", fake.base_url, "--concurrency", 6)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    rows = lines(out)
    assert ids(rows) == list(range(6))
    assert all(set(r) == {"id", "result"} for r in rows)
    assert rows[3]["result"]["article"]["title"] == "Item 3"
    assert result.stdout == ""
    summary = result.stderr.strip().splitlines()[-1]
    assert "6 of 6 articles: 6 summarized, 0 from cache, 0 failed" in summary
    assert "600 tokens (540 prompt + 60 completion)" in summary
    assert f"cost ${(540 * 0.15 + 60 * 0.60) / 1e6:.4f} (gpt-4o-mini" in summary


def test_cli_batch_isolates_failures_and_exits_1(batch, fake, articles, tmp_path):
    folder = articles(5)
    (folder / "item-05.txt").write_text("")  # empty: fails alone, nothing sent
    jsonl = tmp_path / "more.jsonl"
    jsonl.write_text(json.dumps({"id": "j1", "text": item_text(6)}) + "\nnot json\n")

    def reply(body: dict[str, Any]) -> Reply:
        item = item_of(body)
        if item == 1:
            return Reply.content("never JSON")
        if item == 3:
            return Reply.error(400)  # a client error: not retried
        return Reply.content(REPLY)

    fake.default = reply
    out = tmp_path / "out.jsonl"
    result = batch(folder, jsonl, "-o", out, "--base-url", fake.base_url, "--max-attempts", 2, "--retries", 0)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    rows = lines(out)
    assert [r["id"] for r in rows] == [str(folder / f"item-0{i}.txt") for i in range(6)] + ["j1", f"{jsonl}:2"]
    assert [r.get("kind") for r in rows] == [
        None, "InvalidOutputError", None, "EndpointError", None, "InputError", None, "InputError",
    ]  # fmt: skip
    assert "empty" in rows[5]["error"] and "HTTP 400" in rows[3]["error"]
    assert rows[1]["usage"]["total_tokens"] > 0  # two attempts were paid for
    assert "4 summarized, 0 from cache, 4 failed" in result.stderr


def test_cli_batch_totals_count_the_tokens_of_failed_items(batch, fake, articles, tmp_path):
    folder = articles(3)
    # Item 1 never answers in JSON: its two attempts are paid for like the others' calls.
    fake.default = lambda body: Reply.content("never JSON" if item_of(body) == 1 else REPLY, usage=(90, 10))
    out = tmp_path / "out.jsonl"
    result = batch(folder, "-o", out, "--base-url", fake.base_url, "--max-attempts", 2, "--no-cache")
    assert result.exit_code == 1, (result.stdout, result.stderr)
    rows = lines(out)
    assert rows[1]["kind"] == "InvalidOutputError"
    assert rows[1]["usage"] == {"prompt_tokens": 180, "completion_tokens": 20, "total_tokens": 200}
    summary = result.stderr.strip().splitlines()[-1]
    assert "2 summarized, 0 from cache, 1 failed" in summary
    assert "400 tokens (360 prompt + 40 completion)" in summary
    assert f"cost ${(360 * 0.15 + 40 * 0.60) / 1e6:.4f} (gpt-4o-mini" in summary


def test_cli_batch_rerun_skips_what_is_cached(batch, fake, articles, tmp_path):
    folder = articles(5)
    fake.default = lambda body: Reply.content("never JSON") if item_of(body) in (1, 3) else Reply.content(REPLY)
    out = tmp_path / "out.jsonl"
    common = ("-o", out, "--base-url", fake.base_url, "--max-attempts", 1)
    first = batch(folder, *common)
    assert first.exit_code == 1
    fake.reset()
    fake.default = Reply.content(REPLY, usage=(50, 5))
    second = batch(folder, *common)
    assert second.exit_code == 0, second.stderr
    assert sorted(item_of(r.body) for r in fake.chat_requests) == [1, 3]
    assert ids(lines(out)) == list(range(5)) and all("result" in r for r in lines(out))
    assert "2 summarized, 3 from cache, 0 failed" in second.stderr
    assert "110 tokens" in second.stderr and "saved by the cache" in second.stderr

    stats = CliRunner().invoke(_app(), ["cache", "stats"])
    assert stats.exit_code == 0
    data = json.loads(stats.stdout)
    assert data["entries"] == 5 and data["tokens_saved"] > 0


def test_cli_batch_honours_retry_after(batch, fake, articles, tmp_path):
    folder = articles(3)
    fake.enqueue(Reply.error(429, headers={"Retry-After": "1"}))
    fake.default = Reply.content(REPLY)
    out = tmp_path / "out.jsonl"
    result = batch(folder, "-o", out, "--base-url", fake.base_url, "--concurrency", 3)
    assert result.exit_code == 0, result.stderr
    assert ids(lines(out)) == [0, 1, 2]
    assert len(fake.chat_requests) == 4
    arrivals = fake.arrivals  # type: ignore[attr-defined]
    assert arrivals[-1] - arrivals[0] >= 0.95  # the retry waited for Retry-After
    limited = item_of(fake.chat_requests[0].body)
    assert [item_of(r.body) for r in fake.chat_requests].count(limited) == 2


def test_cli_batch_paces_requests_with_rpm(batch, fake, articles, tmp_path):
    folder = articles(5)
    fake.default = Reply.content(REPLY)
    out = tmp_path / "out.jsonl"
    started = time.monotonic()
    result = batch(folder, "-o", out, "--base-url", fake.base_url, "--concurrency", 5, "--rpm", 120)
    assert result.exit_code == 0, result.stderr
    # 2 a second, bursts of 2: the fifth request may start only 1.5 s after the first.
    assert 1.45 < time.monotonic() - started < 8
    assert len(fake.chat_requests) == 5 and ids(lines(out)) == list(range(5))


def test_cli_batch_stops_starting_requests_when_the_endpoint_is_down(batch, closed_port_url, articles, tmp_path):
    folder = articles(14)
    out = tmp_path / "out.jsonl"
    started = time.monotonic()
    result = batch(folder, "-o", out, "--base-url", closed_port_url, "--retries", 0, "--concurrency", 2)
    assert result.exit_code == 1
    assert time.monotonic() - started < 30
    rows = lines(out)
    assert ids(rows) == list(range(14)) and {r["kind"] for r in rows} == {"EndpointError"}
    assert sum("not attempted" in r["error"] for r in rows) >= 4


def test_cli_batch_reports_unknown_cost_and_config_prices(batch, fake, articles, tmp_path):
    folder = articles(2)
    fake.default = Reply.content(REPLY, usage=(1_000_000, 0))
    out = tmp_path / "out.jsonl"
    result = batch(folder, "-o", out, "--base-url", fake.base_url, "--model", "house-model", "--no-cache")
    assert result.exit_code == 0, result.stderr
    assert "cost unknown (no price for model 'house-model'" in result.stderr

    config = tmp_path / "prices.toml"
    config.write_text('[prices]\n"house-model" = { input = 2.0, output = 0 }\n')
    result = CliRunner().invoke(
        _app(),
        ["--config", str(config), "batch", str(folder), "-o", str(out), "--base-url", fake.base_url,
         "--model", "house-model", "--no-cache"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "cost $4.0000 (house-model" in result.stderr


def test_cli_batch_writes_jsonl_to_stdout_with_progress(batch, fake, tmp_path):
    fake.default = Reply.content(REPLY)
    stdin = "".join(json.dumps({"id": f"s{i}", "text": item_text(i)}) + "\n" for i in range(3))
    result = batch("-", "--base-url", fake.base_url, "--progress", input=stdin)
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["s0", "s1", "s2"]


def test_cli_batch_bad_inputs_exit_2_before_any_request(batch, fake, tmp_path):
    result = batch(tmp_path / "missing", "--base-url", fake.base_url)
    assert result.exit_code == 2
    assert result.stderr.startswith("summarizer: error: ") and "no such file" in result.stderr
    assert fake.chat_requests == []


@pytest.mark.parametrize(
    "options",
    [["--concurrency", "4"], ["--concurrency", "4", "--no-cache"], ["--concurrency", "1", "--no-cache"]],
    ids=["concurrent-cached", "concurrent-no-cache", "sequential-no-cache"],
)
def test_cli_batch_sends_identical_articles_once(batch, fake, tmp_path, options):
    fake.default = Reply.delay(0.3, Reply.content(REPLY, usage=(90, 10)))
    items = tmp_path / "items.jsonl"
    texts = [item_text(1), item_text(2), item_text(1), item_text(1)]  # three copies of item 1
    items.write_text("".join(json.dumps({"id": f"x{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
    out = tmp_path / "out.jsonl"
    result = batch(items, "-o", out, "--base-url", fake.base_url, *options)
    assert result.exit_code == 0, result.stderr
    assert sorted(item_of(r.body) for r in fake.chat_requests) == [1, 2]  # one request per distinct article
    rows = lines(out)
    assert [r["id"] for r in rows] == ["x0", "x1", "x2", "x3"]
    assert [r["result"]["article"]["title"] for r in rows] == ["Item 1", "Item 2", "Item 1", "Item 1"]
    assert [r["result"]["provenance"]["cached"] for r in rows] == [False, False, True, True]
    assert "2 summarized, 2 from cache, 0 failed; 200 tokens" in result.stderr


def test_summarize_many_shares_one_request_between_concurrent_copies(fake, tmp_path):
    fake.default = Reply.delay(0.3, Reply.content(REPLY))
    results = summarize_many([item_text(5)] * 3, concurrency=3, base_url=fake.base_url, cache=False)
    assert [r.ok for r in results] == [True] * 3 and len(fake.chat_requests) == 1
    assert [r.usage.total_tokens > 0 for r in results] == [True, False, False]  # the copies cost nothing


def test_summarize_many_copies_share_a_failure_in_flight(fake, tmp_path):
    fake.default = Reply.delay(0.3, Reply.error(401))
    results = summarize_many([item_text(5)] * 2, concurrency=2, base_url=fake.base_url, cache=False, retries=0)
    assert [r.kind for r in results] == ["EndpointError", "EndpointError"] and len(fake.chat_requests) == 1


def test_cli_batch_duplicate_ids_fail_the_later_items(batch, fake, tmp_path):
    fake.default = Reply.content(REPLY)
    items = tmp_path / "items.jsonl"
    rows_in = [("a", 1), ("b", 2), ("a", 3), (7, 4), ("c", 5), (7, 6)]
    items.write_text("".join(json.dumps({"id": i, "text": item_text(n)}) + "\n" for i, n in rows_in))
    out = tmp_path / "out.jsonl"
    result = batch(items, "-o", out, "--base-url", fake.base_url)
    assert result.exit_code == 1, result.stderr
    rows = lines(out)
    assert [r["id"] for r in rows] == ["a", "b", "a", 7, "c", 7]
    assert [r.get("kind") for r in rows] == [None, None, "InputError", None, None, "InputError"]
    assert rows[2]["error"] == f'{items}:3: duplicate id "a" (first used at {items}:1); give each item its own id'
    assert rows[5]["error"].startswith(f"{items}:6: duplicate id 7 (first used at {items}:4)")
    assert sorted(item_of(r.body) for r in fake.chat_requests) == [1, 2, 4, 5]  # the duplicates were not sent
    assert "4 summarized, 0 from cache, 2 failed" in result.stderr


def test_batch_cli_imports_nothing_heavy():
    heavy = ("openai", "rich", "summarizer.batch")
    code = f"import sys, summarizer.batch_cli; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


# --------------------------------------------------------------------------- Ctrl-C


def _wait_for(condition: Any, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_cli_batch_sigint_writes_finished_articles_and_rerun_completes(fake, articles, tmp_path):
    folder = articles(12)
    stuck = {2, 8, 9, 10}  # with 4 workers: item 2 holds one; 8-10 the other three; 11 never starts
    fake.default = lambda body: Reply.delay(60 if item_of(body) in stuck else 0.0, Reply.content(REPLY))
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-c", _MAIN, "batch", str(folder), "-o", str(out), "--base-url", fake.base_url,
           "--concurrency", "4"]  # fmt: skip
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ), cwd=ROOT
    )
    try:
        _wait_for(lambda: {8, 9, 10} <= {item_of(r.body) for r in fake.chat_requests})
        time.sleep(0.5)  # let the results before them reach the writer
        assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == [
            str(folder / f"item-0{i}.txt") for i in (0, 1)
        ]
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=20)
    finally:
        proc.kill()
    assert time.monotonic() - sent < 10
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert ids(lines(out)) == [0, 1, 3, 4, 5, 6, 7]  # every finished one, in order, gaps skipped
    assert "7 of 12 articles" in stderr and "interrupted; 5 articles not finished" in stderr

    fake.reset()
    fake.default = Reply.content(REPLY)
    rerun = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ), cwd=ROOT, timeout=60)
    assert rerun.returncode == 0, rerun.stderr
    assert sorted(item_of(r.body) for r in fake.chat_requests) == [2, 8, 9, 10, 11]
    assert ids(lines(out)) == list(range(12))
    assert "5 summarized, 7 from cache, 0 failed" in rerun.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a named pipe")
def test_reading_an_article_does_not_stall_the_others(tmp_path):
    # A named pipe blocks its reader until someone writes: read on the event loop, it
    # would hold up the other article until the writer below gives up waiting.
    pipe = tmp_path / "slow.txt"
    os.mkfifo(pipe)
    done = threading.Event()

    def writer() -> None:
        done.wait(timeout=10)
        with open(pipe, "w", encoding="utf-8") as fh:
            fh.write(item_text(0))

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()

    async def go() -> list[Any]:
        order = []
        run = summarize_as_completed(
            [BatchItem(id="pipe", path=pipe), item_text(1)], engine=TitleEngine(), cache=False, concurrency=2
        )
        async for r in run:
            order.append(r.id)
            done.set()  # the first result is in: let the pipe's reader finish
        return order

    started = time.perf_counter()
    order = asyncio.run(go())
    thread.join()
    assert order == [1, "pipe"]
    assert time.perf_counter() - started < 8  # the writer's give-up timeout never ran out
