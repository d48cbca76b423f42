"""Validated results on disk: the key recipe, reading with validation, writing, provenance.

`cache.Cache` stores JSON payloads under keys and knows nothing of summaries; this layer
decides what identifies a result (the first request's messages, every template, the
output schema, the strategy and its declared version, the engine's identity and the
sampling parameters) and refuses a stored output that no longer validates or grounds in
the article it is asked for.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from .cache import Cache, cache_key
from .engines.base import Engine
from .grounding import Grounding, ground
from .inputs import Article
from .models import SCHEMA_VERSION, ModelOutput, Provenance, Usage
from .prompts import prompt_hash
from .strategies import FirstQuestion, Strategy
from .strategies.single import output_schema

__all__ = ["ResultCache", "Spent", "provenance", "result_key"]

log = logging.getLogger(__name__)


@dataclass
class Spent:
    """What producing an output cost: tokens over all calls, the calls, the mode that answered."""

    usage: Usage
    attempts: int
    mode: str = ""


def result_key(
    first: FirstQuestion, strategy: Strategy, engine: Engine, params: dict[str, Any]
) -> str:
    """The cache key of the result of asking `first` with this strategy, engine and parameters."""
    return cache_key(
        {
            "messages": first.messages,
            "prompt_hash": prompt_hash(),  # every other template (guided passes, repair)
            "schema": output_schema(),
            "schema_version": SCHEMA_VERSION,
            "strategy": strategy.name,
            # What code composes around the model's answers is part of the answer.
            "strategy_version": strategy.version,
            "engine": engine.identity(),
            "params": params,
        }
    )


def provenance(
    engine: Engine, strategy: Strategy, spent: Spent, *, cached: bool, key: str | None
) -> Provenance:
    """Where a result came from, as the result reports it."""
    return Provenance(
        engine=engine.name,
        model=engine.model,
        mode=spent.mode or str(engine.identity().get("mode", "")),
        strategy=strategy.name,
        prompt_hash=prompt_hash(),
        schema_version=SCHEMA_VERSION,
        usage=spent.usage,
        attempts=spent.attempts,
        cached=cached,
        cache_key=key,
    )


class ResultCache:
    """Model outputs by result key, over a `Cache` store."""

    def __init__(self, store: Cache):
        self.store = store

    def read(self, key: str, article: Article) -> tuple[ModelOutput, Spent, Grounding] | None:
        """The stored output, what it cost and its grounding in `article`; None on a miss or
        an unusable entry (deleted)."""
        entry = self.store.get(key)
        if entry is None:
            log.info("cache miss %s", key[:19])
            return None
        try:
            output = ModelOutput.model_validate(entry.payload["output"])
            spent = Spent(
                Usage.model_validate(entry.payload.get("usage", {})),
                int(entry.payload.get("attempts", 1)),
                str(entry.payload.get("mode", "")),
            )
            grounding = ground(output, article)
            if grounding.errors:
                raise ValueError("cached output does not ground in this article")
        except (KeyError, TypeError, ValueError) as err:
            log.warning("cache entry %s unusable (%s); treating as a miss", key[:19], err)
            self.store.delete(key)
            return None
        log.info("cache hit %s", key[:19])
        self.store.record_hit(key)
        return output, spent, grounding

    def write(self, key: str, output: ModelOutput, spent: Spent) -> None:
        payload = {
            "output": output.model_dump(mode="json"),
            "usage": spent.usage.model_dump(),
            "attempts": spent.attempts,
            "mode": spent.mode,
        }
        self.store.put(key, payload, tokens=spent.usage.total_tokens)
