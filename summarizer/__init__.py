"""summarizer: news articles in, validated and grounded structured summaries out.

Public API::

    from summarizer import summarize, Summarizer
    result = summarize(text, published="2022-02-17")
"""

from .api import Summarizer, asummarize, summarize
from .engines.base import Completion, Engine, Request
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
from .models import Actor, ArticleSummary, Event, Evidence, FollowUp, ModelOutput, Stance
from .pipeline import Pipeline
from .engines.fake import FakeEngine, FunctionEngine
from .engines.openai import OpenAICompatEngine

__all__ = [
    "Actor",
    "ArticleSummary",
    "Completion",
    "ConfigError",
    "EndpointError",
    "Engine",
    "Event",
    "Evidence",
    "FakeEngine",
    "FollowUp",
    "FunctionEngine",
    "InputError",
    "InvalidOutputError",
    "ModelOutput",
    "OpenAICompatEngine",
    "OutputError",
    "Pipeline",
    "RefusalError",
    "Request",
    "Stance",
    "Summarizer",
    "SummarizerError",
    "TruncatedOutputError",
    "asummarize",
    "summarize",
]
