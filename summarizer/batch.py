"""Many articles at once: bounded concurrency, rate budgets, per-article isolation, tokens and cost.

Owns turning inputs (paths, texts, dicts) into `BatchItem`s, running them through one
`Pipeline` with at most `concurrency` in flight, pacing requests with an optional
requests-per-minute and tokens-per-minute budget (`RateLimitedEngine`), counting the
tokens each article spent (repairs and failed attempts included) and what they cost,
and reading and parsing each article in a thread so the event loop is free for the
network. It does not own the conversation with the model
(`pipeline`), transport retries and Retry-After (the engine), or the cache: a cached
article costs no request, so a rerun after a crash or Ctrl-C picks up where the last
run stopped.

Library use::

    from summarizer.batch import summarize_many, summarize_as_completed

    for r in summarize_many(["text one ...", "text two ..."], concurrency=16, model="gpt-4o-mini"):
        print(r.id, r.result.summary if r.ok else f"{r.kind}: {r.error}")

    async for r in summarize_as_completed(items, concurrency=16):   # as they finish
        ...

One article's failure never stops the others: it becomes a `BatchResult` with
`error` set. Only a run of `max_endpoint_failures` consecutive endpoint failures
(the endpoint is down or misconfigured) stops starting new requests; the articles not
attempted are reported as failed, and a rerun continues.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging
import math
import sys
import time
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .api import check_arguments, read_article
from .engines.base import Completion, Engine, Request
from .errors import ConfigError, EndpointError, InputError, SummarizerError
from .inputs import Article, is_url, load_article, parse_article
from .models import ArticleSummary, Usage
from .pipeline import Pipeline
from .pricing import Price, cost

__all__ = [
    "ARTICLE_SUFFIXES",
    "BatchItem",
    "BatchResult",
    "BatchRun",
    "BatchTotals",
    "RateLimitedEngine",
    "asummarize_many",
    "items_from_paths",
    "summarize_as_completed",
    "summarize_many",
]

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
DEFAULT_CONCURRENCY = 8
# Consecutive endpoint failures (each after its own retry budget) after which no new
# request is started: the endpoint is down, unreachable or rejects the key.
MAX_ENDPOINT_FAILURES = 8


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class BatchItem:
    """One article to summarize: a file, or text with optional metadata.

    `id` is echoed in the result (any JSON value; a path for files). `problem` marks
    an input that could not be read as an article (a bad JSONL line): it fails alone.
    """

    id: Any
    text: str | None = None
    path: Path | None = None
    published: str | None = None
    title: str | None = None
    source: str | None = None
    parsed: Article | None = None
    problem: str | None = None
    url: str | None = None

    def article(self) -> Article:
        """The parsed article. Raises `InputError`."""
        if self.problem is not None:
            raise InputError(self.problem)
        if self.parsed is not None:
            return self.parsed
        if self.path is not None:
            return read_article(self.path, published=self.published, title=self.title, source=self.source)
        text, published, title, source = check_arguments(
            "" if self.url is not None else self.text, published=self.published, title=self.title, source=self.source
        )
        if self.url is not None:  # fetched (summarizer.inputs)
            return load_article(self.url, published=published, title=title, source=source)
        return parse_article(text, published=published, title=title, source=source)

    @classmethod
    def coerce(cls, obj: Any, index: int) -> BatchItem:
        """A `BatchItem` from a str (text), Path (file), Article or mapping {id?, text, published?, title?, source?}."""
        if isinstance(obj, BatchItem):
            return obj
        if isinstance(obj, str):
            return cls(id=index, text=obj)
        if isinstance(obj, Path):
            return cls(id=str(obj), path=obj)
        if isinstance(obj, Article):
            return cls(id=index, parsed=obj)
        if isinstance(obj, Mapping):
            return _item_from_mapping(obj, index)
        raise TypeError(f"cannot summarize a {type(obj).__name__}: pass text, a Path, an Article or a dict with 'text'")


_MAPPING_KEYS = {"id", "text", "published", "title", "source"}


def _item_from_mapping(obj: Mapping[str, Any], default_id: Any) -> BatchItem:
    item_id = obj.get("id", default_id)
    text = obj.get("text")
    unknown = sorted(set(obj) - _MAPPING_KEYS)
    if unknown:
        problem = f"unknown key(s) {', '.join(map(repr, unknown))} (expected id, text, published, title, source)"
    elif not isinstance(text, str):
        problem = "no 'text' string in this item (expected {id, text, published?, title?})"
    else:
        try:
            text, published, title, source = check_arguments(
                text, published=obj.get("published"), title=obj.get("title"), source=obj.get("source")
            )
        except InputError as err:
            problem = str(err)
        else:
            return BatchItem(id=item_id, text=text, published=published, title=title, source=source)
    return BatchItem(id=item_id, problem=problem)


def items_from_paths(paths: Iterable[str | Path]) -> list[BatchItem]:
    """Items from the command line's inputs, in order.

    A directory gives its ``*.txt`` and ``*.md`` files (recursively, sorted, hidden
    ones skipped); a ``.jsonl`` file one item per non-blank line
    ``{"id", "text", "published"?, "title"?}``; ``-`` JSONL on stdin; any other file
    one article. Unreadable or empty articles and bad JSONL lines fail alone, later,
    and so does an item whose id an earlier item already has (its output line could
    not be told apart).

    Raises:
        InputError: a path does not exist or cannot be reached, a directory holds no
            articles, or a JSONL file or stdin cannot be read; nothing has been sent
            to a model.
    """
    found: list[tuple[BatchItem, str]] = []  # each item and where it came from
    for raw in paths:
        name = str(raw)
        try:
            found += _items_from_path(name)
        except OSError as err:  # e.g. a directory on the way that cannot be searched
            raise InputError(f"{name}: cannot read ({err.strerror or err})") from None
    return _flag_duplicate_ids(found)


def _items_from_path(name: str) -> list[tuple[BatchItem, str]]:
    if name == "-":
        # sys.stdin is None when the process was started with its stdin closed (`<&-`).
        if sys.stdin is None or sys.stdin.closed:
            raise InputError("-: standard input is closed; pipe JSONL in, or give files")
        return _jsonl_items(sys.stdin.buffer.read(), "stdin")
    if is_url(name):
        return [(BatchItem(id=name, url=name), name)]
    path = Path(name)
    if path.is_dir():
        found = sorted(
            p
            for p in path.rglob("*")
            if p.suffix.lower() in ARTICLE_SUFFIXES
            and p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if not found:
            raise InputError(f"{name}: no *.txt or *.md files in this directory")
        return [(BatchItem(id=str(p), path=p), str(p)) for p in found]
    if path.suffix.lower() in JSONL_SUFFIXES:
        return _jsonl_items(path.read_bytes(), name)
    if path.exists():
        return [(BatchItem(id=name, path=path), name)]
    raise InputError(f"{name}: no such file or directory")


def _flag_duplicate_ids(found: list[tuple[BatchItem, str]]) -> list[BatchItem]:
    """Items in order; one whose id an earlier item has becomes an input error naming the first."""
    first: dict[str, str] = {}
    items = []
    for item, where in found:
        key = json.dumps(item.id, sort_keys=True, ensure_ascii=False)
        if key in first:
            item = BatchItem(
                id=item.id,
                problem=f"{where}: duplicate id {key} (first used at {first[key]}); give each item its own id",
            )
        else:
            first[key] = where
        items.append(item)
    return items


def _jsonl_items(data: bytes, name: str) -> list[tuple[BatchItem, str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{name}: is not UTF-8 text (bad byte at offset {err.start})") from None
    items: list[tuple[BatchItem, str]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            obj = json.loads(line)
        except ValueError as err:
            items.append((BatchItem(id=where, problem=f"{where}: not a JSON object ({err})"), where))
            continue
        if not isinstance(obj, dict):
            items.append((BatchItem(id=where, problem=f"{where}: not a JSON object"), where))
            continue
        item = _item_from_mapping(obj, where)
        if item.problem is not None:
            item = BatchItem(id=item.id, problem=f"{where}: {item.problem}")
        items.append((item, where))
    return items


# --------------------------------------------------------------------------- results


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


# --------------------------------------------------------------------------- engines


class _Meter:
    """Tokens spent on one article, whatever the engine and however often it is asked."""

    def __init__(self) -> None:
        self.usage = Usage()


_METER: contextvars.ContextVar[_Meter | None] = contextvars.ContextVar("summarizer_batch_meter", default=None)


class _MeteredEngine:
    """Adds each completion's usage to the current article's meter (a context variable,
    so concurrent articles sharing one engine are counted apart)."""

    def __init__(self, engine: Engine):
        self.inner = engine
        self.name = engine.name
        self.model = engine.model

    def identity(self) -> dict[str, Any]:
        return self.inner.identity()

    def complete(self, request: Request) -> Completion:
        return self._count(self.inner.complete(request))

    async def acomplete(self, request: Request) -> Completion:
        return self._count(await self.inner.acomplete(request))

    @staticmethod
    def _count(completion: Completion) -> Completion:
        meter = _METER.get()
        if meter is not None:
            meter.usage += completion.usage
        return completion


class _Bucket:
    """Token bucket refilled at `per_minute`/60 a second, holding at most one second's
    worth (so requests are paced evenly, not bunched at the start of each minute).

    A take larger than the bucket waits for a full bucket and leaves it in debt, so a
    single big request is never blocked forever and the long-run rate still holds.
    """

    def __init__(self, per_minute: float):
        if per_minute <= 0:
            raise ConfigError("rate limits must be positive")
        self.rate = per_minute / 60.0
        self.capacity = max(1.0, self.rate)
        self.level = self.capacity
        self.stamp = time.monotonic()

    def _refill(self) -> None:
        now = time.monotonic()
        self.level = min(self.capacity, self.level + (now - self.stamp) * self.rate)
        self.stamp = now

    def wait_for(self, amount: float) -> float:
        """Seconds until `amount` may be taken (0 when it may be taken now)."""
        self._refill()
        need = min(amount, self.capacity)
        return 0.0 if self.level >= need else (need - self.level) / self.rate

    def take(self, amount: float) -> None:
        self._refill()
        self.level -= amount

    def give_back(self, amount: float) -> None:
        """Correct an estimate: positive gives tokens back, negative takes more."""
        self._refill()
        self.level = min(self.capacity, self.level + amount)


class RateLimitedEngine:
    """Any `Engine`, paced by a requests-per-minute and/or tokens-per-minute budget.

    Before each call it waits for both budgets; the call's tokens are estimated as
    characters of the messages and schema / 4, plus ``max_tokens`` when set, and
    corrected with the reported usage afterwards. Waiting requests are served first
    come, first served. Transport retries (and Retry-After) stay with the wrapped
    engine; a retry is not charged again. Name, model and identity are the wrapped
    engine's, so cache keys do not change.

    Args:
        engine: the engine to pace.
        rpm: requests per minute, or None for no limit.
        tpm: tokens (prompt + completion) per minute, or None for no limit.
    """

    def __init__(self, engine: Engine, *, rpm: float | None = None, tpm: float | None = None):
        self.inner = engine
        self.name = engine.name
        self.model = engine.model
        self.requests = _Bucket(rpm) if rpm else None
        self.tokens = _Bucket(tpm) if tpm else None
        self._lock: asyncio.Lock | None = None
        self._lock_loop: asyncio.AbstractEventLoop | None = None
        self._schema_chars: dict[int, int] = {}

    def identity(self) -> dict[str, Any]:
        return self.inner.identity()

    def estimate(self, request: Request) -> int:
        """Tokens a call will count against the budget, before it is made."""
        key = id(request.schema)
        if key not in self._schema_chars:
            self._schema_chars[key] = len(json.dumps(request.schema, separators=(",", ":")))
        chars = sum(len(m.get("content") or "") for m in request.messages) + self._schema_chars[key]
        return math.ceil(chars / 4) + int(request.params.get("max_tokens") or 0)

    def _wait(self, estimate: int) -> float:
        waits = [b.wait_for(n) for b, n in ((self.requests, 1), (self.tokens, estimate)) if b is not None]
        return max(waits, default=0.0)

    def _take(self, estimate: int) -> None:
        if self.requests is not None:
            self.requests.take(1)
        if self.tokens is not None:
            self.tokens.take(estimate)

    def _settle(self, estimate: int, completion: Completion) -> Completion:
        if self.tokens is not None and completion.usage.total_tokens:
            self.tokens.give_back(estimate - completion.usage.total_tokens)
        return completion

    def complete(self, request: Request) -> Completion:
        estimate = self.estimate(request)
        while (wait := self._wait(estimate)) > 0:
            time.sleep(wait)
        self._take(estimate)
        return self._settle(estimate, self.inner.complete(request))

    async def acomplete(self, request: Request) -> Completion:
        estimate = self.estimate(request)
        async with self._fifo():
            while (wait := self._wait(estimate)) > 0:
                await asyncio.sleep(wait)
            self._take(estimate)
        return self._settle(estimate, await self.inner.acomplete(request))

    def _fifo(self) -> asyncio.Lock:
        # asyncio.Lock binds to the loop it is first used in; each asyncio.run gets its own.
        loop = asyncio.get_running_loop()
        if self._lock is None or self._lock_loop is not loop:
            self._lock, self._lock_loop = asyncio.Lock(), loop
        return self._lock


# --------------------------------------------------------------------------- running


_DONE = object()


class BatchRun:
    """An async iterator over the `BatchResult`s of a batch, in completion order.

    At most `concurrency` articles are in flight. `cancel()` (e.g. from a signal
    handler) stops the run: in-flight articles are abandoned and iteration ends;
    everything already yielded is done (and cached). `totals` are kept up to date.
    Build one with `summarize_as_completed`.
    """

    def __init__(
        self,
        items: Iterable[Any],
        pipeline: Pipeline,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        prices: Mapping[str, Price] | None = None,
        max_endpoint_failures: int | None = MAX_ENDPOINT_FAILURES,
    ):
        if concurrency < 1:
            raise ConfigError("--concurrency must be at least 1")
        self._items = items
        self.pipeline = pipeline.with_engine(_MeteredEngine(pipeline.engine))
        self.model = pipeline.engine.model
        self.free = pipeline.engine.name == "local"  # tokens on the embedded model cost nothing
        self.prices = prices
        self.concurrency = concurrency
        self.max_endpoint_failures = max_endpoint_failures
        self.totals = BatchTotals(total=len(items) if isinstance(items, Sequence) else None)
        self.cancelled = False
        self._tasks: list[asyncio.Task[None]] = []
        self._started = False
        self._endpoint_failures = 0
        self._stopped_by: BaseException | None = None
        # Single flight: one request per distinct article (see `_summarize`).
        self._flights: dict[tuple[Any, ...], asyncio.Future[ArticleSummary]] = {}

    def __aiter__(self) -> AsyncIterator[BatchResult]:
        if self._started:
            raise RuntimeError("a BatchRun can be iterated only once")
        self._started = True
        return self._results()

    def cancel(self) -> None:
        """Stop: abandon in-flight articles, start no more; iteration then ends."""
        self.cancelled = True
        for task in self._tasks:
            task.cancel()

    async def _results(self) -> AsyncIterator[BatchResult]:
        queue: asyncio.Queue[Any] = asyncio.Queue()
        source = enumerate(self._items)  # shared by the workers; next() never awaits

        async def worker() -> None:
            try:
                for index, obj in source:
                    queue.put_nowait(await self._one(index, obj))
            finally:
                queue.put_nowait(_DONE)

        workers = self.concurrency if self.totals.total is None else max(1, min(self.concurrency, self.totals.total))
        self._tasks = [asyncio.create_task(worker(), name=f"summarizer-batch-{i}") for i in range(workers)]
        if self.cancelled:
            self.cancel()
        running = len(self._tasks)
        try:
            while running:
                got = await queue.get()
                if got is _DONE:
                    running -= 1
                    continue
                self.totals.add(got)
                yield got
        finally:
            for task in self._tasks:
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
            await _close(self.pipeline.engine)

    async def _one(self, index: int, obj: Any) -> BatchResult:
        meter = _Meter()
        token = _METER.set(meter)
        item_id: Any = index
        try:
            item = BatchItem.coerce(obj, index)
            item_id = item.id
            if self._stopped_by is not None:
                raise EndpointError(
                    f"not attempted: {self.max_endpoint_failures} requests in a row failed at the endpoint "
                    f"(last: {self._stopped_by}); fix the endpoint and rerun"
                )
            result = await self._summarize(await _parse(item))
        except asyncio.CancelledError:
            raise
        except Exception as err:  # noqa: BLE001 - one article's failure, of any kind, is its own
            if not isinstance(err, SummarizerError):
                log.warning("article %r failed unexpectedly", item_id, exc_info=True)
            self._count_endpoint_failure(err)
            return BatchResult(index, item_id, error=err, usage=meter.usage, cost=self._cost(meter.usage))
        finally:
            _METER.reset(token)
        if not result.provenance.cached:
            self._endpoint_failures = 0
        return BatchResult(index, item_id, result=result, usage=meter.usage, cost=self._cost(meter.usage))

    async def _summarize(self, article: Article) -> ArticleSummary:
        """The pipeline's answer, asked once per distinct article in this run (single flight).

        A second copy of an article (same text, title, date and source, so the same
        cache key under this run's one pipeline) waits for the first one's request
        instead of sending its own, with or without a cache; it is reported like a
        cache hit (no request, no tokens). Concurrent copies share a failure too. Once
        the first is done, later copies read the cache; without a cache, successful
        answers are kept for the rest of the run.
        """
        key = (article.sha256, article.title, article.published, article.source)
        flight = self._flights.get(key)
        if flight is not None:
            first = await asyncio.shield(flight)
            return first.model_copy(update={"provenance": first.provenance.model_copy(update={"cached": True})})
        flight = asyncio.get_running_loop().create_future()
        # A failure nobody else awaited must not be logged as "never retrieved".
        flight.add_done_callback(lambda f: f.cancelled() or f.exception())
        self._flights[key] = flight
        try:
            result = await self.pipeline.arun(article)
        except BaseException as err:
            self._flights.pop(key, None)  # a later copy tries again, as a rerun would
            if isinstance(err, asyncio.CancelledError):
                flight.cancel()
            else:
                flight.set_exception(err)
            raise
        flight.set_result(result)
        if self.pipeline.cache is not None:
            self._flights.pop(key, None)  # later copies are cache hits
        return result

    def _count_endpoint_failure(self, err: Exception) -> None:
        if not isinstance(err, EndpointError) or self._stopped_by is not None or not self.max_endpoint_failures:
            return
        self._endpoint_failures += 1
        if self._endpoint_failures >= self.max_endpoint_failures:
            log.warning("%d requests in a row failed at the endpoint; starting no more", self._endpoint_failures)
            self._stopped_by = err

    def _cost(self, usage: Usage) -> float | None:
        if self.free:
            return 0.0
        return cost(self.model, usage, self.prices)


async def _parse(item: BatchItem) -> Article:
    """The item's `Article`, read, fetched and split into sentences off the event loop.

    A thread, not inline: a path is read from disk and a URL fetched over the network,
    which must not stall the other articles' requests; splitting costs only ~1-3 ms
    per article now, so worker processes no longer pay for themselves (see bench/).
    """
    if item.parsed is not None or item.problem is not None:
        return item.article()
    return await asyncio.to_thread(item.article)


async def _close(engine: Any) -> None:
    """Close the innermost engine's connections, if it can: they belong to this event loop."""
    while hasattr(engine, "inner"):
        engine = engine.inner
    aclose = getattr(engine, "aclose", None)
    if aclose is None:
        return
    try:
        await aclose()
    except Exception as err:  # noqa: BLE001 - closing is best effort; the results are in
        log.debug("closing the engine failed: %s", err)


def _pipeline(summarizer: Any, config: dict[str, Any], rpm: float | None, tpm: float | None) -> Pipeline:
    from .api import Summarizer

    if summarizer is not None and config:
        raise ConfigError("pass either summarizer= or configuration options, not both")
    pipeline: Pipeline = (summarizer or Summarizer(**config)).pipeline
    if rpm or tpm:
        pipeline = pipeline.with_engine(RateLimitedEngine(pipeline.engine, rpm=rpm, tpm=tpm))
    return pipeline


def summarize_as_completed(
    items: Iterable[Any],
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    rpm: float | None = None,
    tpm: float | None = None,
    summarizer: Any = None,
    prices: Mapping[str, Price] | None = None,
    max_endpoint_failures: int | None = MAX_ENDPOINT_FAILURES,
    **config: Any,
) -> BatchRun:
    """Summarize many articles; iterate the results as they complete.

    Args:
        items: texts, Paths, Articles, `BatchItem`s or dicts ``{id?, text, published?,
            title?, source?}``; ids default to the position.
        concurrency: articles in flight at once.
        rpm: requests-per-minute budget (None: unlimited).
        tpm: tokens-per-minute budget (None: unlimited).
        summarizer: a configured `Summarizer` to use; otherwise `config` builds one.
        prices: price table (default the built-in one; see `summarizer.pricing`).
        max_endpoint_failures: consecutive endpoint failures after which no new request
            is started (None: never stop).
        **config: `Summarizer` arguments (engine, model, base_url, cache_dir, ...).

    Returns:
        A `BatchRun`: ``async for result in run`` yields `BatchResult`s; ``run.totals``
        sums them; ``run.cancel()`` stops early.

    Raises:
        ConfigError: bad options, or no engine can be set up.
    """
    return BatchRun(
        items,
        _pipeline(summarizer, config, rpm, tpm),
        concurrency=concurrency,
        prices=prices,
        max_endpoint_failures=max_endpoint_failures,
    )


async def asummarize_many(items: Iterable[Any], **options: Any) -> list[BatchResult]:
    """Like `summarize_many`, awaitable. Results in input order."""
    results = [r async for r in summarize_as_completed(items, **options)]
    return sorted(results, key=lambda r: r.index)


def summarize_many(items: Iterable[Any], **options: Any) -> list[BatchResult]:
    """Summarize many articles concurrently; one `BatchResult` per item, in input order.

    Takes `summarize_as_completed`'s arguments (``concurrency=``, ``rpm=``, ``tpm=``,
    ``summarizer=`` or `Summarizer` options). Failures do not raise: check
    ``result.ok`` / ``result.error``. Inside a running event loop use
    `asummarize_many` or `summarize_as_completed`.
    """
    return asyncio.run(asummarize_many(items, **options))
