"""render -> call -> parse -> validate -> repair loop -> derive -> cache.

Owns the conversation with a model, whatever the engine: the strategy (one call, or
a guided labelling pass), the re-ask loop and the cache. Engines are seen only through the
`Engine` protocol. The loop is written once as a generator that yields `Request`s
and receives `Completion`s; `run` drives it synchronously, `arun` asynchronously.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Callable, Generator
from functools import lru_cache
from typing import Any, Literal, NamedTuple

from pydantic import ValidationError

from . import chunking, guided
from .cache import Cache, cache_key
from .engines.base import Completion, Engine, Message, Request
from .errors import (
    ConfigError,
    InvalidOutputError,
    OutputError,
    RefusalError,
    SummarizerError,
    TruncatedOutputError,
)
from .grounding import check_output, derive_result
from .inputs import Article
from .models import SCHEMA_VERSION, ArticleSummary, ModelOutput, Provenance, Usage, inline_schema
from .names import Candidate
from .prompts import prompt_hash, render_messages, render_repair

__all__ = ["Pipeline", "STRATEGIES"]

log = logging.getLogger(__name__)

Strategy = Literal["single", "guided"]
STRATEGIES = ("single", "guided")
Steps = Generator[Request, Completion, Any]

class _FirstQuestion(NamedTuple):
    messages: list[Message]
    candidates: list[Candidate]  # guided only: the names the first question asks about


class _Outcome:
    """What the steps report besides the output: usage summed over all calls, tries, mode."""

    def __init__(self) -> None:
        self.usage = Usage()
        self.attempts = 0
        self.mode = ""


class Pipeline:
    """One configured way of turning an `Article` into an `ArticleSummary`.

    Args:
        engine: any `Engine`.
        cache: where validated outputs are kept; None disables caching.
        max_attempts: calls per pass, the first included, before giving up (exit 4).
        strategy: ``single`` (one call with the whole schema) or ``guided`` (code
            finds names, the model labels them, code composes the rest; see guided.py).
        params: sampling parameters passed to the engine (part of the cache key).
    """

    def __init__(
        self,
        engine: Engine,
        *,
        cache: Cache | None = None,
        max_attempts: int = 3,
        strategy: Strategy = "single",
        params: dict[str, Any] | None = None,
        context_tokens: int | None = None,
        chunk_overlap: int = 1,
    ):
        if max_attempts < 1:
            raise ConfigError("--max-attempts must be at least 1")
        if strategy not in STRATEGIES:
            raise ConfigError(f"unknown strategy {strategy!r}; choose {', '.join(STRATEGIES)}")
        self.engine = engine
        self.cache = cache
        self.max_attempts = max_attempts
        self.strategy = strategy
        self.params = dict(params or {})
        # Long articles are split to fit this many tokens (see chunking.py); None: never split.
        self.context_tokens = context_tokens
        self.chunk_overlap = chunk_overlap

    def with_engine(self, engine: Engine) -> Pipeline:
        """The same configuration over another engine (e.g. a wrapper that meters or paces it)."""
        return Pipeline(
            engine, cache=self.cache, max_attempts=self.max_attempts, strategy=self.strategy, params=self.params,
            context_tokens=self.context_tokens, chunk_overlap=self.chunk_overlap,
        )  # fmt: skip

    # ------------------------------------------------------------------ drivers

    def run(self, article: Article) -> ArticleSummary:
        chunks = self._chunks(article)
        if chunks is not None:
            return self._run_chunks(article, chunks)
        identity = self.engine.identity()
        first = self._first_question(article)
        key, hit = self._cached(article, first)
        if hit is not None:
            return hit
        outcome = _Outcome()
        output = self._drive(self._steps(article, outcome, first))
        return self._finish(article, output, outcome, key, identity, first)

    async def arun(self, article: Article) -> ArticleSummary:
        chunks = self._chunks(article)
        if chunks is not None:
            return await self._arun_chunks(article, chunks)
        identity = self.engine.identity()
        first = self._first_question(article)
        key, hit = self._cached(article, first)
        if hit is not None:
            return hit
        outcome = _Outcome()
        output = await self._adrive(self._steps(article, outcome, first))
        return self._finish(article, output, outcome, key, identity, first)

    def _drive(self, steps: Steps) -> Any:
        """Answer each request the steps yield with the engine; their return value."""
        try:
            request = next(steps)
            while True:
                request = steps.send(self.engine.complete(request))
        except StopIteration as stop:
            return stop.value

    async def _adrive(self, steps: Steps) -> Any:
        """Async twin of `_drive`."""
        try:
            request = next(steps)
            while True:
                request = steps.send(await self.engine.acomplete(request))
        except StopIteration as stop:
            return stop.value

    # ------------------------------------------------------------------ long articles

    def _chunks(self, article: Article) -> list[chunking.Chunk] | None:
        """The chunks of an article too long for the context; None when it fits at once."""
        if not self.context_tokens:
            return None
        prompt = self._first_question(dataclasses.replace(article, sentences=())).messages
        schema = _output_schema() if self.strategy == "single" else None
        reply = int(self.params.get("max_tokens") or (4096 if self.strategy == "single" else 1024))
        return chunking.plan_to_fit(article, prompt, schema, reply, self.context_tokens, self.chunk_overlap)

    def _run_chunks(self, article: Article, chunks: list[chunking.Chunk]) -> ArticleSummary:
        """Each chunk through the whole pipeline (repairs, cache), then one merged result."""
        done: list[tuple[ArticleSummary | None, SummarizerError | None, chunking.Meter]] = []
        for chunk in chunks:
            meter = chunking.Meter(self.engine)
            try:
                done.append((self.with_engine(meter).run(chunk.article), None, meter))
            except SummarizerError as err:  # reported in the result; the other chunks go on
                done.append((None, err, meter))
        results = chunking.results_or_raise(done)
        outcome = _Outcome()
        steps = self._merge_steps(article, results, outcome)
        summary = None
        if steps is not None:
            try:
                summary = self._drive(steps)
            except OutputError as err:
                log.warning("the summary over the chunks failed (%s); using the first chunk's", err)
        return self._merged(chunks, done, results, summary, outcome)

    async def _arun_chunks(self, article: Article, chunks: list[chunking.Chunk]) -> ArticleSummary:
        done: list[tuple[ArticleSummary | None, SummarizerError | None, chunking.Meter]] = []
        for chunk in chunks:
            meter = chunking.Meter(self.engine)
            try:
                done.append((await self.with_engine(meter).arun(chunk.article), None, meter))
            except SummarizerError as err:
                done.append((None, err, meter))
        results = chunking.results_or_raise(done)
        outcome = _Outcome()
        steps = self._merge_steps(article, results, outcome)
        summary = None
        if steps is not None:
            try:
                summary = await self._adrive(steps)
            except OutputError as err:
                log.warning("the summary over the chunks failed (%s); using the first chunk's", err)
        return self._merged(chunks, done, results, summary, outcome)

    def _merge_steps(
        self, article: Article, results: list[ArticleSummary | None], outcome: _Outcome
    ) -> Steps | None:
        """The question for one summary over the chunks' summaries (single strategy only)."""
        merge = chunking.merge_question(article, results) if self.strategy == "single" else None
        if merge is None:
            return None
        return self._ask(merge, chunking.merged_schema(), "merged_summary", chunking.parse_merged, outcome)

    @staticmethod
    def _merged(
        chunks: list[chunking.Chunk],
        done: chunking.Done,
        results: list[ArticleSummary | None],
        summary: chunking.MergedSummary | None,
        outcome: _Outcome,
    ) -> ArticleSummary:
        reports = chunking.reports(chunks, done)
        return chunking.merge(
            chunks, results, reports, summary=summary, extra_usage=outcome.usage, extra_attempts=outcome.attempts
        )

    # ------------------------------------------------------------------ cache

    def _context(self, article: Article) -> dict[str, Any]:
        return {
            "title": article.title,
            "published": article.published,
            "source": article.source,
            "sentences": article.sentences,
            "language": article.prompt_language,
        }

    def _first_question(self, article: Article) -> _FirstQuestion:
        """The first request's messages (and, for guided, the names it asks about).

        Built once per run: the cache key hashes these messages and the first call sends them.
        """
        if self.strategy == "single":
            return _FirstQuestion(render_messages("system.j2", "article.j2", **self._context(article)), [])
        cands = guided.candidates(article)
        names = [c.name for c in cands]
        return _FirstQuestion(render_messages("system.j2", "actors.j2", names=names, **self._context(article)), cands)

    def key(self, article: Article, first: _FirstQuestion | None = None) -> str:
        first = first or self._first_question(article)
        return cache_key(
            {
                "messages": first.messages,
                "prompt_hash": prompt_hash(),  # every other template (guided passes, repair)
                "schema": _output_schema(),
                "schema_version": SCHEMA_VERSION,
                "strategy": self.strategy,
                # guided results are partly composed by code: its rules are part of the answer
                "code": _guided_code_hash() if self.strategy == "guided" else None,
                "engine": self.engine.identity(),
                "params": self.params,
            }
        )

    def _cached(self, article: Article, first: _FirstQuestion) -> tuple[str | None, ArticleSummary | None]:
        """(cache key, cached result or None); no key when there is no cache."""
        if self.cache is None:
            return None, None
        key = self.key(article, first)
        entry = self.cache.get(key)
        if entry is None:
            log.info("cache miss %s", key[:19])
            return key, None
        try:
            output = ModelOutput.model_validate(entry.payload["output"])
            usage = Usage.model_validate(entry.payload.get("usage", {}))
            attempts = int(entry.payload.get("attempts", 1))
            mode = str(entry.payload.get("mode", ""))
            if check_output(output, article):
                raise ValueError("cached output does not ground in this article")
        except (KeyError, TypeError, ValueError) as err:
            log.warning("cache entry %s unusable (%s); treating as a miss", key[:19], err)
            self.cache.delete(key)
            return key, None
        log.info("cache hit %s", key[:19])
        self.cache.record_hit(key)
        return key, derive_result(output, article, self._provenance(usage, attempts, mode, cached=True, key=key))

    def _finish(
        self,
        article: Article,
        output: ModelOutput,
        outcome: _Outcome,
        key: str | None,
        identity: dict[str, Any],
        first: _FirstQuestion,
    ) -> ArticleSummary:
        if self.cache is not None:
            # The engine may have settled on another mode (auto fallback): key by what answered.
            key = self.key(article, first) if key is None or self.engine.identity() != identity else key
            payload = {
                "output": output.model_dump(mode="json"),
                "usage": outcome.usage.model_dump(),
                "attempts": outcome.attempts,
                "mode": outcome.mode,
            }
            self.cache.put(key, payload, tokens=outcome.usage.total_tokens)
        log.info("tokens used: %s over %d calls", outcome.usage.total_tokens, outcome.attempts)
        return derive_result(
            output, article, self._provenance(outcome.usage, outcome.attempts, outcome.mode, cached=False, key=key)
        )

    def _provenance(self, usage: Usage, attempts: int, mode: str, *, cached: bool, key: str | None) -> Provenance:
        identity = self.engine.identity()
        return Provenance(
            engine=self.engine.name,
            model=self.engine.model,
            mode=mode or str(identity.get("mode", "")),
            strategy=self.strategy,
            prompt_hash=prompt_hash(),
            schema_version=SCHEMA_VERSION,
            usage=usage,
            attempts=attempts,
            cached=cached,
            cache_key=key,
        )

    # ------------------------------------------------------------------ steps

    def _steps(self, article: Article, outcome: _Outcome, first: _FirstQuestion) -> Steps:
        if self.strategy == "single":

            def parse_summary(data: Any) -> tuple[ModelOutput | None, list[str]]:
                output, errors = _validate(data, ModelOutput)
                return output, errors or check_output(output, article)  # type: ignore[arg-type]

            output = yield from self._ask(first.messages, _output_schema(), "article_summary", parse_summary, outcome)
            return output

        # guided: the model labels what code found; see guided.py for why.
        cands = first.candidates
        labels: dict[str, str] = {}
        if cands:
            names = [c.name for c in cands]
            labels = yield from self._ask(
                first.messages, guided.actor_labels_schema(names), "actor_kinds",
                lambda data: guided.parse_actor_labels(data, names), outcome,
            )  # fmt: skip
        actors = guided.build_actors(cands, labels)
        output = guided.compose_output(article, actors)
        errors = check_output(output, article)
        if errors:  # composed from verbatim sentences, so this is a bug, not a model fault
            raise InvalidOutputError("the composed output did not ground: " + "; ".join(errors), errors=errors)
        return output

    def _ask(
        self,
        messages: list[Message],
        schema: dict[str, Any],
        name: str,
        parse: Callable[[Any], tuple[Any, list[str]]],
        outcome: _Outcome,
    ) -> Steps:
        """One question: call, parse and check, re-ask with the exact errors, up to max_attempts.

        A repair request is the question, the last reply and at most
        `prompts.MAX_REPAIR_ERRORS` of its errors (with a count of the rest): never the whole history, so a reply
        with thousands of bad items cannot make each re-ask larger than the last.
        """
        question = list(messages)
        request_messages = question
        errors: list[str] = []
        text = ""
        for attempt in range(1, self.max_attempts + 1):
            completion = yield Request(messages=request_messages, schema=schema, schema_name=name, params=self.params)
            outcome.usage += completion.usage
            outcome.attempts += 1
            outcome.mode = completion.mode or outcome.mode
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


@lru_cache(maxsize=1)
def _guided_code_hash() -> str:
    """Hash of the modules whose rules compose guided results (names, cues, verbs)."""
    import hashlib
    from pathlib import Path

    from . import names

    h = hashlib.sha256()
    for module in (guided, names):
        h.update(Path(str(module.__file__)).read_bytes())
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def _output_schema() -> dict[str, Any]:
    """The model-output schema, built once: it is part of every request and cache key."""
    return inline_schema(ModelOutput)


def _validate(data: Any, model: type[ModelOutput]) -> tuple[ModelOutput | None, list[str]]:
    try:
        return model.model_validate(data), []
    except ValidationError as err:
        return None, [
            f"schema: {'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}"
            for e in err.errors(include_url=False)
        ]
