"""What a batch gives back: one `BatchResult` per item, and `BatchTotals` over them.

Owns what an item spent in this run and the JSONL line that reports it. The tokens
come from what the pipeline returns: a result's provenance (zero when it came from
the cache), or the usage the pipeline charged to the error it raised, so a failed
item's repairs are paid for in the totals too. Prices are `summarizer.pricing`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..models import ArticleSummary, Usage

__all__ = ["BatchResult", "BatchTotals", "spent_on"]


def spent_on(result: ArticleSummary | None = None, error: BaseException | None = None) -> Usage:
    """Tokens this run spent to get `result` or `error`.

    A cached result cost nothing now (its provenance says what it cost when made); an
    error carries what was spent before it (`SummarizerError.usage`), or nothing when
    it was raised before any call.
    """
    if result is not None:
        return Usage() if result.provenance.cached else result.provenance.usage
    usage = getattr(error, "usage", None)
    return usage if isinstance(usage, Usage) else Usage()


@dataclass
class BatchResult:
    """What became of one input: `result`, or `error` (never both).

    `usage` is what this run spent on the article: every call, repairs and failed
    attempts included; zero for a cache hit. `cost` is its price in dollars, or None
    when the model's price is unknown.
    """

    index: int  # position in the input
    id: Any
    result: ArticleSummary | None = None
    error: BaseException | None = None
    usage: Usage = field(default_factory=Usage)
    cost: float | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def cached(self) -> bool:
        return self.result is not None and self.result.provenance.cached

    @property
    def kind(self) -> str | None:
        """The error's class name (InputError, EndpointError, InvalidOutputError, ...)."""
        return None if self.error is None else type(self.error).__name__

    def to_json(self) -> str:
        """One JSONL line (without newline): {"id", "result"} or {"id", "error", "kind"[, "usage"]}."""
        ident = json.dumps(self.id, ensure_ascii=False)
        if self.result is not None:
            return f'{{"id": {ident}, "result": {self.result.model_dump_json()}}}'
        line: dict[str, Any] = {"id": self.id, "error": str(self.error) or self.kind, "kind": self.kind}
        if self.usage.total_tokens:
            line["usage"] = self.usage.model_dump()
        return json.dumps(line, ensure_ascii=False)


@dataclass
class BatchTotals:
    """Running totals of a batch: what finished, tokens spent, their cost."""

    total: int | None = None
    done: int = 0  # summarized by the model in this run
    cached: int = 0  # answered from the cache, no request made
    failed: int = 0
    usage: Usage = field(default_factory=Usage)
    saved: Usage = field(default_factory=Usage)  # tokens the cached results cost when first made
    cost: float | None = 0.0  # None once a priced item was unknown

    @property
    def finished(self) -> int:
        return self.done + self.cached + self.failed

    def add(self, r: BatchResult) -> None:
        if r.error is not None:
            self.failed += 1
        elif r.cached:
            self.cached += 1
            assert r.result is not None
            self.saved += r.result.provenance.usage
        else:
            self.done += 1
        self.usage += r.usage
        if r.usage.total_tokens:
            self.cost = None if (self.cost is None or r.cost is None) else self.cost + r.cost
