"""The `single` strategy: one question with the whole output schema, repaired until it validates and grounds.

The right choice for a capable model behind an endpoint; a small embedded model is
better served by `guided`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..inputs import Article
from ..models import ModelOutput, inline_schema
from ..prompts import render_messages
from .base import Conversation, FirstQuestion, Steps, article_context, validate

__all__ = ["Single", "output_schema"]


@lru_cache(maxsize=1)
def output_schema() -> dict[str, Any]:
    """The model-output schema, built once: it is part of every request and cache key."""
    return inline_schema(ModelOutput)


class Single:
    name = "single"
    # What this strategy returns is the model's validated reply: prompts and schema are
    # hashed into the cache key on their own, so only a change in the checks bumps this.
    version = "1"
    reply_tokens = 4096
    merges_chunk_summaries = True

    def first_question(self, article: Article) -> FirstQuestion:
        return FirstQuestion(render_messages("system.j2", "article.j2", **article_context(article)))

    def steps(self, article: Article, first: FirstQuestion, conversation: Conversation) -> Steps:
        def parse_summary(data: Any) -> tuple[ModelOutput | None, list[str]]:
            output, errors = validate(ModelOutput, data)
            if output is None:
                return None, errors
            return output, conversation.check(output, article)

        output = yield from conversation.ask(first.messages, output_schema(), "article_summary", parse_summary)
        return output
