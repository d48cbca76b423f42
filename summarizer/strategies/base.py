"""What a strategy is, and the one question-and-repair loop every strategy asks through.

A strategy turns an `Article` into a `ModelOutput` by asking a model questions. It is
written as a generator that yields `Request`s and receives `Completion`s, so the
pipeline can drive it synchronously or asynchronously with any engine, and it knows
nothing of caches or engines.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Generator
from typing import Any, NamedTuple, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from ..engines.base import Completion, Message, Request
from ..errors import InvalidOutputError, RefusalError, TruncatedOutputError
from ..grounding import Grounding, ground
from ..inputs import Article
from ..models import ModelOutput, Usage
from ..prompts import render_repair

__all__ = ["Conversation", "FirstQuestion", "Steps", "Strategy", "article_context", "validate"]

log = logging.getLogger(__name__)

Steps = Generator[Request, Completion, Any]


class FirstQuestion(NamedTuple):
    """The first request's messages, built once per run: the cache key hashes them and
    the first call sends them. `state` is whatever else the strategy computed on the way
    (guided: the names the question asks about)."""

    messages: list[Message]
    state: Any = None


class Strategy(Protocol):
    """One way of asking a model for an article's summary.

    ``version`` is part of the cache key: bump it by hand whenever the strategy's rules
    change what it returns for the same replies, so no user gets a stale cached answer.
    """

    name: str
    version: str
    # Reply budget assumed when planning chunks of a long article (--max-tokens overrides).
    reply_tokens: int
    # Whether a long article's chunk summaries are merged by one more model question.
    merges_chunk_summaries: bool

    def first_question(self, article: Article) -> FirstQuestion: ...

    def steps(self, article: Article, first: FirstQuestion, conversation: Conversation) -> Steps:
        """Yield requests, receive completions; return the `ModelOutput`."""
        ...


def article_context(article: Article) -> dict[str, Any]:
    """The variables every prompt template sees about the article."""
    return {
        "title": article.title,
        "published": article.published,
        "source": article.source,
        "sentences": article.sentences,
        "language": article.prompt_language,
    }


class Conversation:
    """The settings questions are asked with, and what the asking has spent so far."""

    def __init__(self, *, max_attempts: int, params: dict[str, Any]):
        self.max_attempts = max_attempts
        self.params = params
        self.usage = Usage()
        self.attempts = 0
        self.mode = ""
        # The last output a strategy checked and what the check found, so the pipeline
        # derives the result from the quotes already located instead of locating them again.
        self.checked: tuple[ModelOutput, Grounding] | None = None

    def check(self, output: ModelOutput, article: Article) -> list[str]:
        """Ground `output` in `article`, remember the grounding, and return its errors."""
        grounding = ground(output, article)
        self.checked = (output, grounding)
        return grounding.errors

    def grounding_of(self, output: ModelOutput, article: Article) -> Grounding:
        """The grounding of `output`: the one found when it was checked, else a new one."""
        if self.checked is not None and self.checked[0] is output:
            return self.checked[1]
        return ground(output, article)

    def ask(
        self,
        messages: list[Message],
        schema: dict[str, Any],
        name: str,
        parse: Callable[[Any], tuple[Any, list[str]]],
    ) -> Steps:
        """One question: call, parse and check, re-ask with the exact errors, up to max_attempts.

        A repair request is the question, the last reply and at most
        `prompts.MAX_REPAIR_ERRORS` of its errors (with a count of the rest): never the whole
        history, so a reply with thousands of bad items cannot make each re-ask larger than the last.
        """
        question = list(messages)
        request_messages = question
        errors: list[str] = []
        text = ""
        for attempt in range(1, self.max_attempts + 1):
            completion = yield Request(messages=request_messages, schema=schema, schema_name=name, params=self.params)
            self.spent(completion)
            text = completion.text
            if completion.refusal:
                raise RefusalError(f"the model refused: {completion.refusal}", raw=text, errors=[completion.refusal])
            if completion.finish_reason == "length":
                raise TruncatedOutputError(
                    f"the model's reply was cut off at the token limit after {completion.usage.completion_tokens} "
                    "tokens (truncated JSON); raise --max-tokens or use a model with a larger output limit",
                    raw=text,
                    errors=["truncated reply (finish_reason=length)"],
                )
            try:
                data = json.loads(text)
            except ValueError as err:
                errors = [f"the reply is not valid JSON ({err})"]
            else:
                value, errors = parse(data)
                if not errors:
                    return value
            log.info("attempt %d/%d of %s invalid: %s", attempt, self.max_attempts, name, "; ".join(errors)[:500])
            request_messages = question + [
                {"role": "assistant", "content": text},
                {"role": "user", "content": render_repair(errors)},
            ]
        raise InvalidOutputError(
            f"the model's output was still invalid after {self.max_attempts} attempts: "
            + "; ".join(errors[:5])
            + (f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""),
            raw=text,
            errors=errors,
        )

    def choose(self, messages: list[Message], labels: tuple[str, ...], name: str) -> Steps:
        """A closed question: every label's log-probability as the first token of the reply.

        Returns a dict label -> log-probability (labels the engine did not rank are
        absent); the caller decides, e.g. by the argmax after calibration. No repair turn:
        the engine cannot answer outside the labels.
        """
        completion = yield Request(messages=list(messages), schema={}, schema_name=name, params=self.params,
                                   choices=labels)  # fmt: skip
        self.spent(completion)
        return dict(completion.choice_logprobs or {})

    def spent(self, completion: Completion) -> None:
        """Count a completion's tokens and the call itself."""
        self.usage += completion.usage
        self.attempts += 1
        self.mode = completion.mode or self.mode


M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], data: Any) -> tuple[M | None, list[str]]:
    """`data` as a `model`, or the schema errors worded for a repair request."""
    try:
        return model.model_validate(data), []
    except ValidationError as err:
        return None, [
            f"schema: {'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}"
            for e in err.errors(include_url=False)
        ]
