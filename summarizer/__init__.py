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


if TYPE_CHECKING:  # for type checkers and IDEs; "X as X" marks each as re-exported
    from .api import Summarizer as Summarizer, asummarize as asummarize, summarize as summarize
    from .batch import (
        BatchResult as BatchResult,
        asummarize_many as asummarize_many,
        summarize_as_completed as summarize_as_completed,
        summarize_many as summarize_many,
    )
    from .engines.base import Completion as Completion, Engine as Engine, Request as Request
    from .engines.fake import FakeEngine as FakeEngine, FunctionEngine as FunctionEngine
    from .engines.openai import OpenAICompatEngine as OpenAICompatEngine
    from .errors import (
        ConfigError as ConfigError,
        EndpointError as EndpointError,
        InputError as InputError,
        InvalidOutputError as InvalidOutputError,
        OutputError as OutputError,
        RefusalError as RefusalError,
        SummarizerError as SummarizerError,
        TruncatedOutputError as TruncatedOutputError,
    )
    from .eval.score import evaluate as evaluate
    from .models import (
        Actor as Actor,
        ArticleSummary as ArticleSummary,
        Event as Event,
        Evidence as Evidence,
        FollowUp as FollowUp,
        ModelOutput as ModelOutput,
        Stance as Stance,
    )
    from .pipeline import Pipeline as Pipeline
