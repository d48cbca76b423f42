"""Transport retries for endpoint calls: one bounded tenacity policy for sync and async.

Owns which failures are transient (429, 408, 409, 5xx, timeouts, dropped connections),
how long to wait (Retry-After, else doubling backoff with jitter) and the budget (a
number of retries and a total sleep). Knows nothing of modes or of error wording.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import tenacity

__all__ = ["RetryPolicy", "is_transient"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded transport retries: `retries` extra tries and at most `max_wait` seconds asleep."""

    retries: int = 4
    backoff: float = 0.5  # first wait; doubles each retry, with jitter
    max_backoff: float = 8.0
    max_wait: float = 60.0  # total sleep budget, Retry-After included

    def planned_wait(self, state: tenacity.RetryCallState) -> float:
        """Seconds to sleep after this failed attempt: Retry-After if given, else backoff.

        Cached on the attempt, so the stop condition and the wait see the same number
        whichever tenacity asks first (the order changed between tenacity versions).
        """
        cached: tuple[int, float] | None = getattr(state, "_summarizer_wait", None)
        if cached is not None and cached[0] == state.attempt_number:
            return cached[1]
        err = state.outcome.exception() if state.outcome is not None else None
        wait = _retry_after(err)
        if wait is None:
            base = min(self.max_backoff, self.backoff * 2 ** (state.attempt_number - 1))
            wait = base * (0.5 + random.random() / 2)
        state._summarizer_wait = (state.attempt_number, wait)  # type: ignore[attr-defined]
        return wait

    def over_budget(self, state: tenacity.RetryCallState) -> bool:
        """True when another try would exceed the retry count or the sleep budget."""
        if state.attempt_number > self.retries:
            return True
        return state.idle_for + self.planned_wait(state) > self.max_wait

    def retrying(self, retryable: Callable[[BaseException], bool], **kwargs: Any) -> tenacity.AsyncRetrying:
        """The tenacity controller for one request (a fresh one each time: it keeps state).

        The sync API runs the same async path (see `OpenAICompatEngine.complete`), so this
        one policy serves both.
        """
        return tenacity.AsyncRetrying(
            stop=self.over_budget,
            wait=self.planned_wait,
            retry=tenacity.retry_if_exception(retryable),
            before_sleep=self._log_retry,
            **kwargs,
        )

    def _log_retry(self, state: tenacity.RetryCallState) -> None:
        err = state.outcome.exception() if state.outcome is not None else None
        log.info(
            "transient error (%s); retry %d in %.1fs",
            type(err).__name__,
            state.attempt_number,
            self.planned_wait(state),
        )


def _retry_after(err: BaseException | None) -> float | None:
    response = getattr(err, "response", None)
    if response is None:
        return None
    value = response.headers.get("retry-after")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:  # an HTTP date: fall back to backoff
        return None


def is_transient(err: BaseException) -> bool:
    import openai

    if isinstance(err, (openai.APIConnectionError, openai.APITimeoutError, TimeoutError)):
        return True
    return isinstance(err, openai.APIStatusError) and (err.status_code in (408, 409, 429) or err.status_code >= 500)
