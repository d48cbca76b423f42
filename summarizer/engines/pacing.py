"""Pacing: any `Engine` held to a requests-per-minute and tokens-per-minute budget.

Owns the budgets (aiolimiter leaky buckets) and the estimate of what a call will
count against them. It does not own transport retries or Retry-After (the wrapped
engine's), or how many calls are in flight (the caller's).

aiolimiter's limiters belong to one event loop and are not thread-safe, so each event
loop that calls `acomplete` gets budgets of its own (a program has one loop at a time:
``asyncio.run``, a server), paced on that loop: a loop that stalls (CPU-bound work, an
import) delays its grants with its sends, so grants never pile up and leave together.
Plain threads calling the sync `complete` share one more budget, kept on a private
event loop in a daemon thread, so no two threads ever touch a limiter at once.
"""

from __future__ import annotations

import asyncio
import json
import math
import threading
import weakref
from typing import Any

from aiolimiter import AsyncLimiter

from ..errors import ConfigError
from .base import Completion, Engine, Request

__all__ = ["RateLimitedEngine"]

# Schema sizes remembered per schema object (see `RateLimitedEngine.estimate`); a
# strategy that builds a schema per question must not grow the table without end.
_SCHEMA_MEMO_SIZE = 64


class RateLimitedEngine:
    """Any `Engine`, paced by a requests-per-minute and/or tokens-per-minute budget.

    Each budget refills evenly and holds at most one second's worth (so requests are
    spread out, not bunched at the start of each minute). Before each call it waits
    for both budgets, first come, first served. A call's tokens are estimated as the
    characters of the messages and schema / 4, plus ``max_tokens`` when set, and
    corrected with the reported usage afterwards (the difference is charged to, or
    credited to, the calls that follow). A call estimated at more than the bucket
    holds waits for a full bucket and leaves the rest as debt, so it is never blocked
    forever and the long-run rate still holds. A retry inside the wrapped engine is
    not charged again. Name, model and identity are the wrapped engine's, so cache
    keys do not change. The budgets are per event loop, plus one shared by the
    threads that call `complete` (see the module's docstring).

    Args:
        engine: the engine to pace.
        rpm: requests per minute, or None for no limit.
        tpm: tokens (prompt + completion) per minute, or None for no limit.

    Raises:
        ConfigError: a budget that is not positive.
    """

    def __init__(self, engine: Engine, *, rpm: float | None = None, tpm: float | None = None):
        for budget in (rpm, tpm):
            if budget is not None and budget < 0:
                raise ConfigError("rate limits must be positive")
        self.inner = engine
        self.name = engine.name
        self.model = engine.model
        self.rpm, self.tpm = rpm or None, tpm or None
        self._budgets: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Budget] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()  # guards the two fields above and below
        self._sync_loop: asyncio.AbstractEventLoop | None = None
        self._stop: weakref.finalize[[asyncio.AbstractEventLoop], RateLimitedEngine] | None = None
        self._schema_chars: dict[int, tuple[Any, int]] = {}

    def identity(self) -> dict[str, Any]:
        return self.inner.identity()

    def estimate(self, request: Request) -> int:
        """Tokens a call will count against the budget, before it is made."""
        key = id(request.schema)
        memo = self._schema_chars.get(key)
        if memo is None or memo[0] is not request.schema:  # (the object is kept, so its id is not reused)
            if len(self._schema_chars) >= _SCHEMA_MEMO_SIZE:
                self._schema_chars.clear()
            memo = self._schema_chars[key] = (request.schema, len(json.dumps(request.schema, separators=(",", ":"))))
        chars = sum(len(m.get("content") or "") for m in request.messages) + memo[1]
        return math.ceil(chars / 4) + int(request.params.get("max_tokens") or 0)

    async def acomplete(self, request: Request) -> Completion:
        if not (self.rpm or self.tpm):
            return await self.inner.acomplete(request)
        budget = self._budget()
        estimate = self.estimate(request)
        await budget.reserve(estimate)
        completion = await self.inner.acomplete(request)
        budget.settle(estimate, completion)
        return completion

    def complete(self, request: Request) -> Completion:
        if not (self.rpm or self.tpm):
            return self.inner.complete(request)
        estimate = self.estimate(request)
        loop = self._threads_loop()
        asyncio.run_coroutine_threadsafe(self._reserve_here(estimate), loop).result()
        completion = self.inner.complete(request)
        loop.call_soon_threadsafe(self._settle_here, estimate, completion)
        return completion

    def close(self) -> None:
        """Stop the thread that paces `complete` calls (also done when the engine is garbage collected).

        A later `complete` starts it again, with full budgets.
        """
        with self._lock:
            if self._stop is not None:
                self._stop()
                self._sync_loop = self._stop = None

    def _budget(self) -> _Budget:
        """The running event loop's budgets."""
        loop = asyncio.get_running_loop()
        with self._lock:
            budget = self._budgets.get(loop)
            if budget is None:
                budget = self._budgets[loop] = _Budget(self.rpm, self.tpm)
            return budget

    async def _reserve_here(self, estimate: int) -> None:
        await self._budget().reserve(estimate)

    def _settle_here(self, estimate: int, completion: Completion) -> None:
        self._budget().settle(estimate, completion)

    def _threads_loop(self) -> asyncio.AbstractEventLoop:
        """The private event loop that paces the threads calling `complete`, started on first use."""
        with self._lock:
            if self._sync_loop is None:
                loop = asyncio.new_event_loop()
                threading.Thread(target=_serve, args=(loop,), name="summarizer-pacing", daemon=True).start()
                # The thread holds the loop, not the engine: when the engine goes, the loop stops.
                self._stop = weakref.finalize(self, _stop, loop)
                self._sync_loop = loop
            return self._sync_loop


def _bucket(per_minute: float | None) -> AsyncLimiter | None:
    """A leaky bucket draining `per_minute`/60 a second that holds one second's worth (at least 1)."""
    if not per_minute:
        return None
    per_second = per_minute / 60.0
    capacity = max(1.0, per_second)
    return AsyncLimiter(capacity, capacity / per_second)


class _Budget:
    """The two budgets of one event loop; used only from that loop."""

    def __init__(self, rpm: float | None, tpm: float | None):
        self.requests = _bucket(rpm)
        self.tokens = _bucket(tpm)
        # Tokens charged to the next call: what a big call could not take from a full
        # bucket, or what calls used beyond their estimate; negative when they used less.
        self.owed = 0.0
        # aiolimiter wakes the smallest waiting amount first; one waiter at a time in the
        # limiters keeps the order of arrival (a big call is never starved by small ones).
        self._fifo = asyncio.Lock()

    async def reserve(self, estimate: int) -> None:
        """Return when a call estimated at `estimate` tokens may start."""
        async with self._fifo:
            if self.requests is not None:
                await self.requests.acquire(1)
            if self.tokens is not None:
                await self._take_tokens(estimate)

    def settle(self, estimate: int, completion: Completion) -> None:
        """Correct a call's estimate with the usage it reported."""
        if self.tokens is not None and completion.usage.total_tokens:
            # A credit is worth at most a full bucket, as an idle bucket holds no more.
            extra = completion.usage.total_tokens - estimate
            self.owed = max(self.owed + extra, -self.tokens.max_rate)

    async def _take_tokens(self, estimate: int) -> None:
        """Pay what earlier calls owe, then take this call's tokens, at most a full bucket now.

        aiolimiter takes no more than a full bucket at once; what a bigger call could
        not take is owed, and the next call waits for it before its own.
        """
        assert self.tokens is not None
        full = self.tokens.max_rate
        owed, self.owed, own = self.owed, 0.0, float(estimate)
        if owed < 0:  # a credit: this call takes that much less; what is left stays
            own, owed = own + owed, 0.0
            if own < 0:
                self.owed, own = own, 0.0
        try:
            while owed > 0:
                piece = min(owed, full)
                await self.tokens.acquire(piece)
                owed -= piece
        finally:
            self.owed += max(owed, 0.0)  # still owed if this call was cancelled while paying
        take = min(own, full)
        if take > 0:
            await self.tokens.acquire(take)
        self.owed += own - take


def _serve(loop: asyncio.AbstractEventLoop) -> None:
    asyncio.set_event_loop(loop)
    try:
        loop.run_forever()
    finally:
        loop.close()


def _stop(loop: asyncio.AbstractEventLoop) -> None:
    try:
        loop.call_soon_threadsafe(loop.stop)
    except RuntimeError:  # already closed
        pass
