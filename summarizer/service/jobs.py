"""Jobs: many articles in the background, kept in the job store, resumed after a restart.

Owns running stored jobs through `summarize_as_completed` (the same run as `summarizer
batch`: bounded concurrency, one article's failure its own), recording each result
line as it finishes, claiming unfinished jobs nobody live is running (at start-up:
those of a process that died), cancelling, and waking the readers that stream a job's
results. A result that finished but was not recorded before a crash costs nothing on
resume: it is in the cache. Does not know HTTP.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from ..batch import BatchItem, BatchRun, summarize_as_completed
from ..pricing import Price
from .problems import ProblemError
from .runtime import IN_JOB
from .store import STATUSES, JobStore

if TYPE_CHECKING:
    from .runtime import Service

__all__ = ["JobManager"]

log = logging.getLogger(__name__)

# How often leases are renewed, other processes' cancellations noticed and orphaned jobs
# claimed; also the longest a results reader waits before looking at the store again.
TICK_SECONDS = 1.0


class JobManager:
    """Runs this process's share of the stored jobs."""

    def __init__(self, service: Service, *, prices: dict[str, Price] | None):
        assert service.store is not None
        self.service = service
        self.store: JobStore = service.store
        self.prices = prices
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._runs: dict[str, BatchRun] = {}
        self._changed: dict[str, asyncio.Event] = {}
        self._wake = asyncio.Event()
        self._loop_task: asyncio.Task[None] | None = None
        self._stopping = False

    async def start(self) -> None:
        self._loop_task = asyncio.create_task(self._loop(), name="summarizer-jobs")

    async def stop(self) -> None:
        """Cancel running jobs' runs (their unfinished items stay pending) and release them."""
        self._stopping = True
        if self._loop_task is not None:
            self._loop_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._loop_task
        running = list(self._tasks)
        for run in list(self._runs.values()):
            run.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)
        self.store.release(running)

    # ------------------------------------------------------------------ requests

    def submit(self, inputs: list[dict[str, Any]]) -> str:
        """Queue a job; 429 when `max_jobs` are unfinished."""
        limit = self.service.settings.max_jobs
        if self.store.count_unfinished() >= limit:
            self.service.metrics.errors.labels("Overloaded").inc()
            retry = self.service.settings.retry_after
            raise ProblemError(
                429, f"{limit} jobs are queued or running; retry after {retry} s", kind="Overloaded",
                headers={"Retry-After": str(retry)},
            )  # fmt: skip
        job_id = self.store.create(inputs)
        self._wake.set()
        return job_id

    def cancel(self, job_id: str) -> bool:
        """Cancel an unfinished job; False when it had already finished."""
        if not self.store.cancel(job_id):
            return False
        run = self._runs.get(job_id)
        if run is not None:
            run.cancel()
        self._notify(job_id)
        return True

    async def lines(self, job_id: str) -> AsyncIterator[str]:
        """The job's result lines in input order, each as soon as it and all before it are
        recorded. Ends when all are out or, for a cancelled or failed job, with the
        finished ones that remain (unfinished ones skipped)."""
        start = 0
        while True:
            changed = self._event(job_id)  # taken before reading: no wake-up is missed
            rows = self.store.lines(job_id, start)
            for idx, line in rows:
                if line is None:
                    break
                yield line + "\n"
                start = idx + 1
            job = self.store.get(job_id)
            if job is None or start >= job.total:
                return
            if job.status not in ("queued", "running"):  # finished: nothing more will come
                while rows := self.store.lines(job_id, start):
                    for _, line in rows:
                        if line is not None:
                            yield line + "\n"
                    start = rows[-1][0] + 1
                return
            if rows and rows[0][1] is not None:
                continue  # more than one page was ready
            if self.service.draining:
                return  # shutting down: the reader reconnects to the next instance
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(changed.wait(), timeout=TICK_SECONDS)

    # ------------------------------------------------------------------ running

    def _event(self, job_id: str) -> asyncio.Event:
        event = self._changed.get(job_id)
        if event is None:
            event = self._changed[job_id] = asyncio.Event()
        return event

    def _notify(self, job_id: str) -> None:
        event = self._changed.pop(job_id, None)
        if event is not None:
            event.set()

    async def _loop(self) -> None:
        while not self._stopping:
            try:
                self._tick()
            except Exception:  # noqa: BLE001 - a store hiccup must not stop the job loop
                log.warning("job loop: store access failed", exc_info=True)
            self._wake.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=TICK_SECONDS)

    def _tick(self) -> None:
        self.store.renew(list(self._tasks))
        for job_id, run in list(self._runs.items()):  # cancelled by another worker
            job = self.store.get(job_id)
            if job is not None and job.status == "cancelled" and not run.cancelled:
                run.cancel()
                self._notify(job_id)
        free = self.service.settings.job_slots - len(self._tasks)
        for job_id in self.store.claim(free):
            self._tasks[job_id] = asyncio.create_task(self._run(job_id), name=f"summarizer-job-{job_id}")
        counts = self.store.counts()
        for status in STATUSES:
            self.service.metrics.jobs.labels(status).set(counts.get(status, 0))

    async def _run(self, job_id: str) -> None:
        IN_JOB.set(True)
        try:
            await self._run_job(job_id)
        except Exception as err:  # noqa: BLE001 - the job fails, the service goes on
            why = self.service.redact(f"{type(err).__name__}: {err}")
            log.warning("job %s failed: %s", job_id, why)
            self.store.finish(job_id, "failed", why)
        finally:
            self._tasks.pop(job_id, None)
            self._runs.pop(job_id, None)
            self._notify(job_id)
            self._wake.set()  # a slot is free

    async def _run_job(self, job_id: str) -> None:
        pending = self.store.pending(job_id)
        if pending:
            log.info("job %s: %d items to summarize", job_id, len(pending))
            items = [BatchItem.coerce(inputs, idx) for idx, inputs in pending]
            run = summarize_as_completed(
                items,
                concurrency=self.service.settings.concurrency,
                summarizer=self.service.summarizer,
                prices=self.prices,
                max_endpoint_failures=None,  # the service keeps running; each item says what failed
            )
            self._runs[job_id] = run
            async for r in run:
                outcome = "failed" if r.error is not None else "cached" if r.cached else "done"
                key = r.result.provenance.cache_key if r.result is not None else None
                u = r.usage
                self.store.record(
                    job_id,
                    pending[r.index][0],
                    r.to_json() if r.error is None else self.service.redact(r.to_json()),
                    outcome=outcome,
                    usage=(u.prompt_tokens, u.completion_tokens, u.total_tokens),
                    cost=r.cost,
                    report_key=key,
                )
                m = self.service.metrics
                if r.error is not None:
                    m.errors.labels(r.kind or "Error").inc()
                else:
                    m.results.labels("cache" if r.cached else "model").inc()
                self._notify(job_id)
            if run.cancelled:
                return  # DELETE (status already cancelled) or shutdown (left running, resumable)
        self.store.finish(job_id, "done")
