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

__all__ = [
    "Actor",
    "ArticleSummary",
    "Completion",
    "ConfigError",
    "EndpointError",
    "Engine",
    "Event",
    "Evidence",
    "FollowUp",
    "InputError",
    "InvalidOutputError",
    "ModelOutput",
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
