"""The running service: one engine shared by every request and job, bounded and drained.

Owns what lives as long as the process: the `Summarizer` all routes and jobs call
(built once from the CLI's settings), the gate that bounds model calls in flight over
sync requests and jobs together (and pacing, as `summarizer batch` paces), admission
of sync requests (429 beyond the limit), draining on shutdown, readiness checks, and
the job manager. Does not know HTTP (`routes`) or SQL (`store`).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import os
import tempfile
import time
from collections.abc import AsyncIterator
from typing import Any

from ..api import Summarizer
from ..batch import RateLimitedEngine
from ..config import build_engine
from ..engines.base import Completion, Engine, Request
from ..models import ArticleSummary
from ..pricing import Price, cost, load_prices
from .metrics import Metrics
from .problems import ProblemError, Redactor
from .settings import ServiceSettings
from .store import JobStore

__all__ = ["NotCachedError", "Service"]

log = logging.getLogger(__name__)

# True while a job's article is being summarized: on shutdown its next model call
# waits (the item stays pending, resumable) instead of failing the item.
IN_JOB: contextvars.ContextVar[bool] = contextvars.ContextVar("summarizer_service_in_job", default=False)


class NotCachedError(Exception):
    """A cache-only lookup would have needed a model call."""


class _Gate:
    """Bounds model calls in flight for the whole service, counts them, and drains.

    Deliberately has no ``inner`` attribute: `BatchRun` closes the innermost engine
    when a job ends, and this engine is shared by every request and job.
    """

    def __init__(self, engine: Engine, limit: int, metrics: Metrics, prices: dict[str, Price] | None, free: bool):
        self._engine = engine
        self.name = engine.name
        self.model = engine.model
        self.limit = limit
        self.metrics = metrics
        self.prices = prices
        self.free = free
        self.in_flight = 0
        self.draining = False
        self._sem: asyncio.Semaphore | None = None
        self._idle = asyncio.Event()
        self._idle.set()

    def identity(self) -> dict[str, Any]:
        return self._engine.identity()

    def complete(self, request: Request) -> Completion:  # the service only calls acomplete
        return self._count(self._engine.complete(request))

    async def acomplete(self, request: Request) -> Completion:
        if self._sem is None:
            self._sem = asyncio.Semaphore(self.limit)
        await self._refuse_if_draining()
        async with self._sem:
            await self._refuse_if_draining()
            self.in_flight += 1
            self._idle.clear()
            self.metrics.in_flight.inc()
            try:
                completion = await self._engine.acomplete(request)
            finally:
                self.in_flight -= 1
                self.metrics.in_flight.dec()
                if not self.in_flight:
                    self._idle.set()
        return self._count(completion)

    async def _refuse_if_draining(self) -> None:
        if not self.draining:
            return
        if IN_JOB.get():
            await asyncio.Event().wait()  # until the job is cancelled at shutdown; the item stays pending
        raise ProblemError(503, "the service is shutting down; retry on another instance or later",
                           kind="ShuttingDown", headers={"Retry-After": "5"})  # fmt: skip

    def _count(self, completion: Completion) -> Completion:
        m, usage = self.metrics, completion.usage
        m.model_calls.inc()
        m.tokens.labels("prompt").inc(usage.prompt_tokens)
        m.tokens.labels("completion").inc(usage.completion_tokens)
        value = 0.0 if self.free else cost(self.model, usage, self.prices)
        if value:
            m.cost.inc(value)
        return completion

    async def drain(self, grace: float) -> bool:
        """Start no new model call; wait up to `grace` s for running ones. True when idle."""
        self.draining = True
        try:
            await asyncio.wait_for(self._idle.wait(), timeout=grace)
            return True
        except asyncio.TimeoutError:
            return False


class _CacheOnly:
    """The gate's identity, but a model call is refused: a lookup that never spends tokens."""

    def __init__(self, engine: Any):
        self._engine = engine
        self.name = engine.name
        self.model = engine.model

    def identity(self) -> dict[str, Any]:
        return self._engine.identity()  # type: ignore[no-any-return]

    def complete(self, request: Request) -> Completion:
        raise NotCachedError

    async def acomplete(self, request: Request) -> Completion:
        raise NotCachedError


class Service:
    """State shared by the routes: settings, summarizer, store, metrics, jobs."""

    def __init__(self, settings: ServiceSettings, *, engine: Engine | None = None):
        self.settings = settings
        self.metrics = Metrics()
        self._given_engine = engine
        self._base: Engine | None = engine
        self.summarizer: Summarizer | None = None
        self.gate: _Gate | None = None
        self.store: JobStore | None = None
        self.jobs: Any = None  # JobManager, once started
        self.waiting = 0
        self.started = time.time()
        self._ready_cache: tuple[float, dict[str, str]] | None = None
        self.redact = Redactor([settings.summarizer.api_key, os.environ.get("OPENAI_API_KEY")])

    # ------------------------------------------------------------------ life cycle

    def prepare(self) -> None:
        """Build the engine and open the job store (once), before serving.

        Raises:
            ConfigError: a bad setting, no engine available, or an unusable job store.
        """
        if self._base is None:
            self._base = build_engine(self.settings.summarizer)
        if self.store is None:
            self.store = JobStore(self.settings.resolved_store_path())

    @property
    def draining(self) -> bool:
        return self.gate is not None and self.gate.draining

    async def start(self) -> None:
        from .jobs import JobManager

        s = self.settings
        self.prepare()
        base = self._base
        assert base is not None
        free = base.name == "local"
        prices = load_prices(s.config_file)
        # The embedded model runs one generation at a time, whatever --concurrency says.
        self.gate = _Gate(base, 1 if free else s.concurrency, self.metrics, prices, free)
        engine: Any = self.gate
        if s.rpm or s.tpm:
            engine = RateLimitedEngine(self.gate, rpm=s.rpm, tpm=s.tpm)
        cfg = s.summarizer
        self.summarizer = Summarizer(
            engine=engine,
            cache_dir=cfg.cache_dir,
            cache=cfg.use_cache,
            max_attempts=cfg.max_attempts,
            strategy=cfg.resolved_strategy() if self._given_engine is None else cfg.strategy.replace("auto", "single"),
            temperature=cfg.temperature,
            max_tokens=cfg.max_tokens,
        )
        self.summarizer.pipeline  # noqa: B018 - build it now: a bad setting fails start-up, not a request
        self.jobs = JobManager(self, prices=prices)
        await self.jobs.start()

    def begin_drain(self) -> None:
        """SIGTERM: start no new model calls (running ones finish). Safe in a signal handler."""
        if self.gate is not None:
            self.gate.draining = True

    async def stop(self) -> None:
        """Let running model calls finish (up to the grace period), leave jobs resumable, close."""
        grace = self.settings.shutdown_grace
        if self.gate is not None:
            idle = await self.gate.drain(grace)
            if not idle:
                log.warning("model calls still running after %.0f s; stopping anyway", grace)
        if self.jobs is not None:
            await self.jobs.stop()
        close = getattr(self._base, "aclose", None)
        if close is not None:
            with contextlib.suppress(Exception):
                await close()
        if self.summarizer is not None:
            self.summarizer.close()
        if self.store is not None:
            self.store.close()

    # ------------------------------------------------------------------ requests

    @contextlib.asynccontextmanager
    async def admitted(self) -> AsyncIterator[None]:
        """A place among the sync requests in progress, or 429 (never an unbounded queue)."""
        if self.gate is not None and self.gate.draining:
            raise ProblemError(503, "the service is shutting down", kind="ShuttingDown", headers={"Retry-After": "5"})
        if self.waiting >= self.settings.max_waiting:
            self.metrics.errors.labels("Overloaded").inc()
            raise ProblemError(
                429,
                f"too many summaries in progress ({self.waiting}); retry after {self.settings.retry_after} s",
                kind="Overloaded",
                headers={"Retry-After": str(self.settings.retry_after)},
            )
        self.waiting += 1
        try:
            yield
        finally:
            self.waiting -= 1

    async def summarize(self, fields: dict[str, Any]) -> ArticleSummary:
        """One article through the shared pipeline; remembers it for the HTML route."""
        assert self.summarizer is not None and self.store is not None
        result = await self.summarizer.asummarize(
            fields["text"], published=fields.get("published"), title=fields.get("title"), source=fields.get("source")
        )
        self.metrics.results.labels("cache" if result.provenance.cached else "model").inc()
        if result.provenance.cache_key:
            self.store.remember_report(result.provenance.cache_key, fields)
        return result

    async def cached_result(self, key: str) -> ArticleSummary | None:
        """The cached result under `key`, re-derived from its article; None if not cached."""
        assert self.summarizer is not None and self.store is not None
        fields = self.store.report_input(key)
        if fields is None:
            return None
        from ..batch import BatchItem

        pipeline = self.summarizer.pipeline
        lookup = pipeline.with_engine(_CacheOnly(pipeline.engine))
        try:
            article = BatchItem.coerce(fields, 0).article()
            result = await lookup.arun(article)
        except NotCachedError:
            return None
        return result if result.provenance.cache_key == key else None

    # ------------------------------------------------------------------ readiness

    async def readiness(self) -> dict[str, str]:
        """Each check's state: "ok" or why not. Cached for 2 s (probes come often)."""
        now = time.monotonic()
        if self._ready_cache is not None and now - self._ready_cache[0] < 2.0:
            return self._ready_cache[1]
        checks = {"engine": await self._engine_ready(), "cache": self._cache_ready(), "store": self._store_ready()}
        self._ready_cache = (now, checks)
        return checks

    async def _engine_ready(self) -> str:
        if self.gate is None:
            return "not started"
        engine = self.gate._engine
        if engine.name != "openai":
            return "ok"  # embedded model found and loadable, or recordings present: built at start-up
        import httpx

        base = str(getattr(engine, "base_url", None) or "https://api.openai.com/v1").rstrip("/")
        # No key is sent: any HTTP answer proves the endpoint reachable, and the key stays home.
        try:
            async with httpx.AsyncClient(timeout=3.0) as client:
                response = await client.get(f"{base}/models")
        except httpx.HTTPError as err:
            return f"endpoint {base} unreachable ({type(err).__name__})"
        if response.status_code >= 500:
            return f"endpoint {base} answered {response.status_code}"
        return "ok"

    def _cache_ready(self) -> str:
        cfg = self.settings.summarizer
        if not cfg.use_cache:
            return "ok"  # disabled: nothing to write
        directory = cfg.resolved_cache_dir()
        try:
            directory.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=directory, prefix=".ready-"):
                pass
        except OSError as err:
            return f"cache dir {directory} not writable ({err.strerror or err})"
        return "ok"

    def _store_ready(self) -> str:
        if self.store is None:
            return "not started"
        return "ok" if self.store.writable() else f"job store {self.store.path} not writable"
