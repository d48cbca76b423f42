"""Test doubles behind the `Engine` protocol: a scripted queue and a function.

`FakeEngine` also drives hand-made fixture recordings (repair paths): its replies
are data, recorded through the real pipeline like any live engine's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..models import Usage
from .base import Completion, Request

__all__ = ["FakeEngine", "FunctionEngine"]


def _completion(reply: str | dict[str, Any] | Completion) -> Completion:
    if isinstance(reply, Completion):
        return reply
    if isinstance(reply, str):
        return Completion(text=reply, usage=Usage(), finish_reason="stop", mode="fake")
    usage = reply.get("usage") or {}
    if isinstance(usage, list | tuple):
        usage = {"prompt_tokens": usage[0], "completion_tokens": usage[1], "total_tokens": sum(usage)}
    return Completion(
        text=reply.get("text", ""),
        usage=Usage.model_validate(usage),
        finish_reason=reply.get("finish_reason", "stop"),
        refusal=reply.get("refusal"),
        mode=reply.get("mode", "fake"),
        choice_logprobs=reply.get("choice_logprobs"),
    )


class FakeEngine:
    """Answers each request with the next scripted reply (text, dict or Completion).

    ``history`` keeps every request, for assertions.
    """

    name = "fake"

    def __init__(self, replies: Iterable[str | dict[str, Any] | Completion] = (), model: str = "fake-model"):
        self.model = model
        self._replies = [_completion(r) for r in replies]
        self.history: list[Request] = []

    def enqueue(self, *replies: str | dict[str, Any] | Completion) -> None:
        self._replies += [_completion(r) for r in replies]

    def identity(self) -> dict[str, Any]:
        return {"engine": self.name, "model": self.model, "mode": "fake"}

    def complete(self, request: Request) -> Completion:
        self.history.append(request)
        if not self._replies:
            raise AssertionError("FakeEngine: no scripted reply left")
        return self._replies.pop(0)

    async def acomplete(self, request: Request) -> Completion:
        return self.complete(request)


class FunctionEngine:
    """Answers each request with ``fn(request)`` (a str, dict or Completion)."""

    name = "function"

    def __init__(self, fn: Callable[[Request], str | dict[str, Any] | Completion], model: str = "function-model"):
        self.fn = fn
        self.model = model

    def identity(self) -> dict[str, Any]:
        return {"engine": self.name, "model": self.model, "mode": "function"}

    def complete(self, request: Request) -> Completion:
        return _completion(self.fn(request))

    async def acomplete(self, request: Request) -> Completion:
        return self.complete(request)
