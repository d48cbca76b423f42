"""The run of a batch: bounded concurrency, per-article isolation, one request per distinct article.

Owns running items through one `Pipeline` with at most `concurrency` in flight,
reading and parsing each article in a thread so the event loop is free for the
network, sending one request for copies of an article, stopping after a run of
endpoint failures, and pricing what each article spent. It does not own the inputs
(`batch.inputs`), the results' shape (`batch.results`), pacing (`engines.pacing`),
the conversation with the model (`pipeline`), transport retries and Retry-After (the
engine), or the cache: a cached article costs no request, so a rerun after a crash or
Ctrl-C picks up where the last run stopped.

One article's failure never stops the others: it becomes a `BatchResult` with
`error` set. Only a run of `max_endpoint_failures` consecutive endpoint failures
(the endpoint is down or misconfigured) stops starting new requests; the articles not
attempted are reported as failed, and a rerun continues.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from typing import Any

from ..engines.pacing import RateLimitedEngine
from ..errors import ConfigError, EndpointError, SummarizerError
from ..inputs import Article
from ..models import ArticleSummary, Usage
from ..pipeline import Pipeline
from ..pricing import Price, price_for
from .inputs import BatchItem
from .results import BatchResult, BatchTotals, spent_on

__all__ = ["BatchRun", "asummarize_many", "summarize_as_completed", "summarize_many"]

log = logging.getLogger(__name__)

DEFAULT_CONCURRENCY = 8
# Consecutive endpoint failures (each after its own retry budget) after which no new
# request is started: the endpoint is down, unreachable or rejects the key.
MAX_ENDPOINT_FAILURES = 8



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
        self.pipeline = pipeline
        self.model = pipeline.engine.model
        self.free = pipeline.engine.name == "local"  # tokens on the embedded model cost nothing
        self.prices = prices
        self._price = price_for(self.model, prices)  # looked up once, not per article
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
        except _Shared as shared:  # the first copy's failure: its tokens are the first copy's
            self._count_endpoint_failure(shared.error)
            return BatchResult(index, item_id, error=shared.error, cost=self._cost(Usage()))
        except Exception as err:  # noqa: BLE001 - one article's failure, of any kind, is its own
            if not isinstance(err, SummarizerError):
                log.warning("article %r failed unexpectedly", item_id, exc_info=True)
            self._count_endpoint_failure(err)
            usage = spent_on(error=err)
            return BatchResult(index, item_id, error=err, usage=usage, cost=self._cost(usage))
        if not result.provenance.cached:
            self._endpoint_failures = 0
        usage = spent_on(result)
        return BatchResult(index, item_id, result=result, usage=usage, cost=self._cost(usage))

    async def _summarize(self, article: Article) -> ArticleSummary:
        """The pipeline's answer, asked once per distinct article in this run (single flight).

        A second copy of an article (same text, title, date and source, so the same
        cache key under this run's one pipeline) waits for the first one's request
        instead of sending its own, with or without a cache; it is reported like a
        cache hit (no request, no tokens). Concurrent copies share a failure too (raised
        as `_Shared`: the tokens are counted once, on the first). Once the first is
        done, later copies read the cache; without a cache, successful answers are kept
        for the rest of the run.
        """
        key = (article.sha256, article.title, article.published, article.source)
        flight = self._flights.get(key)
        if flight is not None:
            try:
                first = await asyncio.shield(flight)
            except Exception as err:
                raise _Shared(err) from err
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
        return None if self._price is None else self._price.cost(usage)


class _Shared(Exception):
    """A copy of an article failed with its first copy's error (see `BatchRun._summarize`)."""

    def __init__(self, error: Exception):
        super().__init__(str(error))
        self.error = error


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
    from ..api import Summarizer

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
