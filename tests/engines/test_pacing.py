"""Pacing (summarizer/engines/pacing.py): one budget across threads and event loops, big calls, cancellation.

The basic rpm and tpm pacing and the token estimate are tested in tests/test_batch.py
(with `summarizer batch --rpm`); these cover what the aiolimiter-based wrapper adds.
"""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest

from summarizer.engines.base import Completion, Request
from summarizer.engines.pacing import RateLimitedEngine
from summarizer.errors import ConfigError
from summarizer.models import Usage


class Recorder:
    """An engine that answers at once, reporting `tokens` used, and records when it was called."""

    name = "recorder"
    model = "m"

    def __init__(self, tokens: int = 1):
        self.tokens = tokens
        self.times: list[float] = []
        self._lock = threading.Lock()

    def identity(self) -> dict[str, Any]:
        return {"engine": self.name}

    def complete(self, request: Request) -> Completion:
        with self._lock:
            self.times.append(time.monotonic())
        return Completion(text="{}", usage=Usage(total_tokens=self.tokens))

    async def acomplete(self, request: Request) -> Completion:
        return self.complete(request)


def request(chars: int) -> Request:
    """A request estimated at (chars + 2) / 4 tokens (the "{}" schema counts)."""
    return Request(messages=[{"role": "user", "content": "x" * chars}], schema={}, params={})


def assert_paced(times: list[float], burst: int, interval: float) -> None:
    """No call came before the budget allowed: the k-th no earlier than (k - burst + 1) intervals."""
    times = sorted(times)
    for k, t in enumerate(times):
        assert t - times[0] >= (k - burst + 1) * interval - 0.05, (k, t - times[0])


def test_pacing_sync_calls_from_many_threads_share_one_budget():
    inner = Recorder()
    engine = RateLimitedEngine(inner, rpm=600)  # 10 a second, bursts of 10

    def calls() -> None:
        for _ in range(6):
            engine.complete(request(2))

    threads = [threading.Thread(target=calls) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert len(inner.times) == 24
    assert_paced(inner.times, burst=10, interval=0.1)
    assert max(inner.times) - min(inner.times) < 2.5


def test_pacing_each_event_loop_is_paced_on_budgets_of_its_own():
    # Each asyncio.run (each summarize_many) has its own loop; aiolimiter's limiters
    # belong to one loop (reused in another, they warn, and warnings are errors here).
    inner = Recorder()
    engine = RateLimitedEngine(inner, rpm=600)  # 10 a second, bursts of 10

    async def go() -> None:
        await asyncio.gather(*(engine.acomplete(request(2)) for _ in range(15)))

    for _ in range(2):
        inner.times.clear()
        asyncio.run(go())
        assert_paced(inner.times, burst=10, interval=0.1)


def test_pacing_a_stalled_loop_does_not_release_a_burst_afterwards():
    # Grants are made on the caller's loop: while it is busy (CPU work, an import),
    # none pile up to leave together when it is free again.
    inner = Recorder()
    engine = RateLimitedEngine(inner, rpm=120)  # 2 a second, bursts of 2

    async def go() -> None:
        calls = [asyncio.create_task(engine.acomplete(request(2))) for _ in range(5)]
        await asyncio.sleep(0.05)  # the first two went
        time.sleep(1.6)  # the loop stalls
        await asyncio.gather(*calls)

    asyncio.run(go())
    after_stall = sorted(inner.times)[2:]
    # A full bucket (2) at once, the third half a second later (not all three together).
    assert after_stall[2] - after_stall[0] >= 0.4


def test_pacing_a_call_bigger_than_the_bucket_goes_then_the_next_pays_for_it():
    # 600 tokens a minute: a bucket of 10 tokens refilled at 10 a second. Each call is
    # estimated at 20 tokens and uses 20: the first goes at once, the next 2 s later.
    inner = Recorder(tokens=20)
    engine = RateLimitedEngine(inner, tpm=600)

    async def go() -> None:
        await asyncio.gather(*(engine.acomplete(request(78)) for _ in range(2)))

    started = time.monotonic()
    asyncio.run(go())
    assert inner.times[0] - started < 0.5
    assert 1.7 < inner.times[1] - inner.times[0] < 2.6


def test_pacing_usage_above_the_estimate_is_charged_to_the_next_call():
    # A bucket of 10 tokens refilled at 10 a second. Estimated at 5 tokens, the first
    # call reports 15: 5 beyond the full bucket, so the second (5 more) waits 1 s, not 0.
    inner = Recorder(tokens=15)
    engine = RateLimitedEngine(inner, tpm=600)
    for _ in range(2):
        engine.complete(request(18))
    assert 0.85 < inner.times[1] - inner.times[0] < 1.6


def test_pacing_cancelled_waiters_leave_the_budget_usable():
    inner = Recorder()
    engine = RateLimitedEngine(inner, rpm=60)  # one a second

    async def go() -> None:
        waiting = [asyncio.create_task(engine.acomplete(request(2))) for _ in range(5)]
        await asyncio.sleep(0.3)  # the first went; the others wait
        for task in waiting:
            task.cancel()
        await asyncio.gather(*waiting, return_exceptions=True)

    asyncio.run(go())
    assert len(inner.times) == 1
    asyncio.run(engine.acomplete(request(2)))  # the cancelled ones took nothing
    assert len(inner.times) == 2 and inner.times[1] - inner.times[0] < 1.8


def test_pacing_close_stops_the_thread_and_a_later_call_starts_afresh():
    before = set(threading.enumerate())
    engine = RateLimitedEngine(Recorder(), rpm=600)
    engine.complete(request(2))
    pacers = [t for t in set(threading.enumerate()) - before if t.name == "summarizer-pacing"]
    assert len(pacers) == 1
    engine.close()
    for t in pacers:
        t.join(timeout=5)
    assert not any(t.is_alive() for t in pacers)
    engine.complete(request(2))


def test_pacing_without_budgets_calls_straight_through():
    inner = Recorder()
    engine = RateLimitedEngine(inner)
    for _ in range(50):
        engine.complete(request(2))
    assert len(inner.times) == 50


def test_pacing_rejects_negative_budgets():
    with pytest.raises(ConfigError, match="positive"):
        RateLimitedEngine(Recorder(), rpm=-1)
    with pytest.raises(ConfigError, match="positive"):
        RateLimitedEngine(Recorder(), tpm=-5)
