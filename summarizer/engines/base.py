"""The one protocol every way of reaching a model implements, and what it returns.

The pipeline sees engines only through `Engine`; only config/cli and `Summarizer`
construct concrete engines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from ..models import Usage

__all__ = ["Completion", "Engine", "Message", "Request"]

Message = dict[str, str]  # {"role": ..., "content": ...}


@dataclass(frozen=True)
class Request:
    """One model call: chat messages plus the JSON Schema the reply must fill."""

    messages: list[Message]
    schema: dict[str, Any]
    schema_name: str = "article_summary"
    # Sampling parameters (temperature, max_tokens, seed, ...); part of the cache key.
    params: dict[str, Any] = field(default_factory=dict)
    # A closed question: the reply is one of these labels (short, one token each, e.g.
    # "A".."H"), and the engine reports each label's log-probability as the reply's first
    # token, so the caller picks by comparing all options instead of taking what was
    # generated first. `schema` is then unused.
    choices: tuple[str, ...] | None = None


@dataclass
class Completion:
    text: str
    usage: Usage
    finish_reason: str | None = None  # "stop", "length", "content_filter", "tool_calls"
    refusal: str | None = None  # set when the model explicitly refused
    mode: str = ""  # the output mode that produced this reply
    raw: Any = None
    # For a closed question (`Request.choices`): label -> log-probability of that label as
    # the first token of the reply; a label outside the engine's top candidates is absent.
    choice_logprobs: dict[str, float] | None = None


@runtime_checkable
class Engine(Protocol):
    """A way of reaching a model.

    ``name`` and ``model`` identify it in provenance; ``identity()`` returns everything
    about the engine that changes the answer (endpoint, model, resolved mode, ...),
    which goes into the cache key: two servers that both call their model "local"
    must not share cached results.
    """

    name: str
    model: str

    def identity(self) -> dict[str, Any]: ...

    def complete(self, request: Request) -> Completion: ...

    async def acomplete(self, request: Request) -> Completion: ...
