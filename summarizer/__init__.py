"""summarizer: news articles in, validated and grounded structured summaries out.

Public API::

    from summarizer import summarize, Summarizer
    result = summarize(text, published="2022-02-17")

Names are imported on first use (PEP 562), so `summarizer --help` does not pay for
pydantic, jinja2 and the engines; each name still has one home module, listed below.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_HOMES = {
    "Actor": "models",
    "ArticleSummary": "models",
    "BatchResult": "batch",
    "Completion": "engines.base",
    "ConfigError": "errors",
    "EndpointError": "errors",
    "Engine": "engines.base",
    "Event": "models",
    "Evidence": "models",
    "FakeEngine": "engines.fake",
    "FollowUp": "models",
    "FunctionEngine": "engines.fake",
    "InputError": "errors",
    "InvalidOutputError": "errors",
    "ModelOutput": "models",
    "OpenAICompatEngine": "engines.openai",
    "OutputError": "errors",
    "Pipeline": "pipeline",
    "RefusalError": "errors",
    "Request": "engines.base",
    "Stance": "models",
    "Summarizer": "api",
    "SummarizerError": "errors",
    "TruncatedOutputError": "errors",
    "asummarize": "api",
    "asummarize_many": "batch",
    "evaluate": "eval.score",
    "summarize": "api",
    "summarize_as_completed": "batch",
    "summarize_many": "batch",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:
    from .api import Summarizer, asummarize, summarize
    from .batch import BatchResult, asummarize_many, summarize_as_completed, summarize_many
    from .engines.base import Completion, Engine, Request
    from .engines.fake import FakeEngine, FunctionEngine
    from .engines.openai import OpenAICompatEngine
    from .errors import (
        ConfigError,
        EndpointError,
        InputError,
        InvalidOutputError,
        OutputError,
        RefusalError,
        SummarizerError,
        TruncatedOutputError,
    )
    from .eval.score import evaluate
    from .models import Actor, ArticleSummary, Event, Evidence, FollowUp, ModelOutput, Stance
    from .pipeline import Pipeline
