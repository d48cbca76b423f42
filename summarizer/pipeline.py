"""Article -> strategy's questions -> engine -> validated output -> derived result, with a result cache.

The pipeline drives a `Strategy` (see strategies/) with an `Engine`: a strategy is a
generator that yields `Request`s and receives `Completion`s, so `run` drives it
synchronously and `arun` asynchronously with the same code. The cache layer
(result_cache.py) decides keys and validates what it reads; long articles are split
into chunks that each go through the whole pipeline (chunking.py).
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from . import chunking
from .cache import Cache
from .engines.base import Completion, Engine, Request
from .errors import ConfigError, OutputError, SummarizerError
from .grounding import derive_result
from .inputs import Article
from .models import ArticleSummary, ModelOutput, Provenance
from .result_cache import ResultCache, Spent, provenance, result_key
from .strategies import STRATEGIES, Conversation, FirstQuestion, Steps, Strategy, get_strategy
from .strategies.single import output_schema

__all__ = ["Pipeline", "STRATEGIES"]

log = logging.getLogger(__name__)


class Pipeline:
    """One configured way of turning an `Article` into an `ArticleSummary`.

    Args:
        engine: any `Engine`.
        cache: where validated outputs are kept; None disables caching.
        max_attempts: calls per question, the first included, before giving up (exit 4).
        strategy: a `Strategy` or the name of one (``single``: one call with the whole
            schema; ``guided``: code finds names and sentences, the model labels them).
        params: sampling parameters passed to the engine (part of the cache key).
        context_tokens: split articles whose prompt would not fit this many tokens; None: never split.
        chunk_overlap: sentences repeated at the start of the next chunk.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        cache: Cache | None = None,
        max_attempts: int = 3,
        strategy: str | Strategy = "single",
        params: dict[str, Any] | None = None,
        context_tokens: int | None = None,
        chunk_overlap: int = 1,
    ):
        if max_attempts < 1:
            raise ConfigError("--max-attempts must be at least 1")
        self.engine = engine
        self.cache = cache
        self.results = ResultCache(cache) if cache is not None else None
        self.max_attempts = max_attempts
        self.strategy = get_strategy(strategy)
        self.params = dict(params or {})
        self.context_tokens = context_tokens
        self.chunk_overlap = chunk_overlap

    def with_engine(self, engine: Engine) -> Pipeline:
        """The same configuration over another engine (e.g. a wrapper that paces it)."""
        return Pipeline(
            engine, cache=self.cache, max_attempts=self.max_attempts, strategy=self.strategy, params=self.params,
            context_tokens=self.context_tokens, chunk_overlap=self.chunk_overlap,
        )  # fmt: skip

    def key(self, article: Article, first: FirstQuestion | None = None) -> str:
        """The cache key of this article's result under this configuration."""
        first = first or self.strategy.first_question(article)
        return result_key(first, self.strategy, self.engine, self.params)

    # ------------------------------------------------------------------ drivers

    def run(self, article: Article) -> ArticleSummary:
        result: ArticleSummary = self._drive(self._article(article))
        return result

    async def arun(self, article: Article) -> ArticleSummary:
        result: ArticleSummary = await self._adrive(self._article(article))
        return result

    def _drive(self, steps: Steps) -> Any:
        """Answer each request the steps yield with the engine; their return value.

        An engine error is thrown into the steps, so a chunk's failure stays the chunk's."""
        answer: Completion | SummarizerError | None = None
        try:
            while True:
                request = _advance(steps, answer)
                try:
                    answer = self.engine.complete(request)
                except SummarizerError as err:
                    answer = err
        except StopIteration as stop:
            return stop.value

    async def _adrive(self, steps: Steps) -> Any:
        """Async twin of `_drive`."""
        answer: Completion | SummarizerError | None = None
        try:
            while True:
                request = _advance(steps, answer)
                try:
                    answer = await self.engine.acomplete(request)
                except SummarizerError as err:
                    answer = err
        except StopIteration as stop:
            return stop.value

    def _article(self, article: Article) -> Steps:
        """One article's whole path as steps: chunks if it is too long, else `_whole`."""
        chunks = self._chunks(article)
        if chunks is not None:
            return (yield from self._chunked(article, chunks))
        return (yield from self._whole(article))

    def _whole(self, article: Article) -> Steps:
        """An article (or chunk) that fits the context: cache lookup, the strategy's questions, cache write."""
        first, key, hit = self._lookup(article)
        if hit is not None:
            return hit
        identity = self.engine.identity()
        conversation = Conversation(max_attempts=self.max_attempts, params=self.params)
        try:
            output = yield from self.strategy.steps(article, first, conversation)
        except SummarizerError as err:
            _charge(err, conversation)
            raise
        return self._finish(article, output, conversation, key, identity, first)

    # ------------------------------------------------------------------ cache

    def _lookup(self, article: Article) -> tuple[FirstQuestion, str | None, ArticleSummary | None]:
        """The first question, its cache key (None without a cache) and the cached result, if any."""
        first = self.strategy.first_question(article)
        if self.results is None:
            return first, None, None
        key = self.key(article, first)
        hit = self.results.read(key, article)
        if hit is None:
            return first, key, None
        output, spent, grounding = hit
        return first, key, derive_result(output, article, self._provenance(spent, cached=True, key=key), grounding)

    def _finish(
        self,
        article: Article,
        output: ModelOutput,
        conversation: Conversation,
        key: str | None,
        identity: dict[str, Any],
        first: FirstQuestion,
    ) -> ArticleSummary:
        spent = Spent(conversation.usage, conversation.attempts, conversation.mode)
        if self.results is not None:
            # The engine may have settled on another mode (auto fallback): key by what answered.
            if key is None or self.engine.identity() != identity:
                key = self.key(article, first)
            self.results.write(key, output, spent)
        log.info("tokens used: %s over %d calls", spent.usage.total_tokens, spent.attempts)
        grounding = conversation.grounding_of(output, article)
        return derive_result(output, article, self._provenance(spent, cached=False, key=key), grounding)

    def _provenance(self, spent: Spent, *, cached: bool, key: str | None) -> Provenance:
        return provenance(self.engine, self.strategy, spent, cached=cached, key=key)

    # ------------------------------------------------------------------ long articles

    def _chunks(self, article: Article) -> list[chunking.Chunk] | None:
        """The chunks of an article too long for the context; None when it fits at once."""
        if not self.context_tokens:
            return None
        prompt = self.strategy.first_question(dataclasses.replace(article, sentences=())).messages
        schema = output_schema() if self.strategy.merges_chunk_summaries else None
        reply = int(self.params.get("max_tokens") or self.strategy.reply_tokens)
        return chunking.plan_to_fit(article, prompt, schema, reply, self.context_tokens, self.chunk_overlap)

    def _chunked(self, article: Article, chunks: list[chunking.Chunk]) -> Steps:
        """Each chunk through the whole path (repairs, cache), then one merged result."""
        done: list[tuple[ArticleSummary | None, SummarizerError | None]] = []
        for chunk in chunks:
            try:
                # A chunk fits by construction: not measured and planned again.
                done.append(((yield from self._whole(chunk.article)), None))
            except SummarizerError as err:  # reported in the result; the other chunks go on
                done.append((None, err))
        results = chunking.results_or_raise(done)
        conversation = Conversation(max_attempts=self.max_attempts, params=self.params)
        summary = None
        merge = chunking.merge_question(article, results) if self.strategy.merges_chunk_summaries else None
        if merge is not None:
            try:
                summary = yield from conversation.ask(
                    merge, chunking.merged_schema(), "merged_summary", chunking.parse_merged
                )
            except OutputError as err:
                log.warning("the summary over the chunks failed (%s); using the first chunk's", err)
            except SummarizerError as err:  # e.g. the endpoint went down: charge the chunks too
                spent = chunking.reports(chunks, done)
                err.usage = sum((r.usage for r in spent), conversation.usage)
                err.attempts = sum(r.attempts for r in spent) + conversation.attempts
                raise
        return self._merged(chunks, done, results, summary, conversation)

    @staticmethod
    def _merged(
        chunks: list[chunking.Chunk],
        done: chunking.Done,
        results: list[ArticleSummary | None],
        summary: chunking.MergedSummary | None,
        conversation: Conversation,
    ) -> ArticleSummary:
        reports = chunking.reports(chunks, done)
        return chunking.merge(
            chunks, results, reports, summary=summary,
            extra_usage=conversation.usage, extra_attempts=conversation.attempts,
        )  # fmt: skip


def _advance(steps: Steps, answer: Completion | SummarizerError | None) -> Request:
    """The steps' next request, after giving them the engine's answer (or its error)."""
    if answer is None:
        return next(steps)
    if isinstance(answer, SummarizerError):
        return steps.throw(answer)
    return steps.send(answer)


def _charge(err: SummarizerError, conversation: Conversation) -> None:
    """Record on an error what was spent before it (outermost first: a chunk's error keeps its own)."""
    if err.usage is None:
        err.usage = conversation.usage
        err.attempts = conversation.attempts
