"""The HTTP routes and their request and response types.

Owns the URL space: sync summaries (JSON or a rendered view), jobs (submit, status,
results streamed as JSONL in input order, cancel), the HTML report of a cached result,
health, readiness and metrics. Each route is a thin call into `Service` or
`JobManager`; errors are raised as `ProblemError` or library errors and turned into
problem documents by the app's handlers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, StreamingResponse
from fastapi.types import DecoratedCallable
from pydantic import BaseModel, ConfigDict, Field

from ..models import ArticleSummary, Usage
from ..render import render
from .auth import require_key
from .problems import PROBLEM_JSON, Problem, ProblemError
from .runtime import Service
from .store import JobRow

__all__ = ["JobItem", "JobRequest", "JobStatus", "SummaryRequest", "router"]

JSONL = "application/x-ndjson"
# The 200 answer of GET /v1/jobs/{id}/results.
_RESULT_LINES = {
    "content": {JSONL: {}},
    "description": 'One line per item: {"id", "result"} or {"id", "error", "kind"}.',
}


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The article: plain text or Markdown; a leading header is recognised.")
    published: str | None = Field(None, description="Publication date YYYY-MM-DD (overrides the header).")
    title: str | None = Field(None, description="Title (overrides the header).")
    source: str | None = Field(None, description="Where the article comes from.")


class SummaryRequest(_Input):
    """One article to summarize now."""

    format: Literal["json", "md", "html"] = Field(
        "json", description="json: the ArticleSummary; md: Markdown; html: the self-contained report."
    )


class JobItem(_Input):
    """One article of a job: the `summarizer batch` JSONL item shape."""

    id: Any = Field(None, description="Echoed in the result line (default: the item's position).")


class JobRequest(BaseModel):
    """Articles to summarize in the background."""

    model_config = ConfigDict(extra="forbid")

    items: list[JobItem] = Field(min_length=1, description="The articles, in the order results are returned.")


class JobStatus(BaseModel):
    """A job's status and progress."""

    id: str
    status: Literal["queued", "running", "done", "cancelled", "failed"]
    total: int = Field(description="Items in the job.")
    finished: int = Field(description="Items with a result line (summarized, cached or failed).")
    summarized: int = Field(description="Items the model summarized.")
    cached: int = Field(description="Items answered from the cache.")
    failed: int = Field(description="Items that failed (their line says why).")
    usage: Usage = Field(description="Tokens spent so far, repairs included.")
    cost: float | None = Field(description="Dollars spent so far; null when the model's price is unknown.")
    error: str | None = Field(description="Why the job failed, when it did.")
    created: float
    updated: float
    results: str = Field(description="Where to read the result lines.")

    @classmethod
    def of(cls, job: JobRow) -> JobStatus:
        return cls(
            id=job.id,
            status=job.status,  # type: ignore[arg-type]
            total=job.total,
            finished=job.finished,
            summarized=job.done,
            cached=job.cached,
            failed=job.failed,
            usage=Usage(
                prompt_tokens=job.prompt_tokens, completion_tokens=job.completion_tokens, total_tokens=job.total_tokens
            ),
            cost=job.cost,
            error=job.error,
            created=job.created,
            updated=job.updated,
            results=f"/v1/jobs/{job.id}/results",
        )


class Health(BaseModel):
    status: str
    checks: dict[str, str] = Field(default_factory=dict)


def _problem(description: str) -> dict[str, Any]:
    """An OpenAPI response entry for a problem+json answer."""
    return {"model": Problem, "content": {PROBLEM_JSON: {}}, "description": description}


_PROBLEMS: dict[int | str, dict[str, Any]] = {
    code: _problem(text)
    for code, text in {
        400: "The body is not JSON.",
        401: "No API key, or a wrong one.",
        413: "The body is too large.",
        415: "The body is not application/json.",
        422: "Bad input (nothing was sent to a model), or the model's output stayed invalid.",
        429: "Too many requests or jobs in progress (or the endpoint's rate limit): see Retry-After.",
        502: "The model endpoint failed after retries.",
        503: "The service is shutting down.",
        504: "The model endpoint timed out after retries.",
    }.items()
}


def _service(request: Request) -> Service:
    return request.app.state.service  # type: ignore[no-any-return]


def _job(service: Service, job_id: str) -> JobRow:
    assert service.store is not None
    job = service.store.get(job_id)
    if job is None:
        raise ProblemError(404, f"no job {job_id!r}", kind="NotFound")
    return job


api = APIRouter(prefix="/v1", dependencies=[Depends(require_key)], responses=_PROBLEMS)


def _route(
    method: str, path: str, summary: str, *, problems: dict[int, str] | None = None, **options: Any
) -> Callable[[DecoratedCallable], DecoratedCallable]:
    """An `api` route's decorator: its method, path and OpenAPI summary.

    `problems` documents the problem answers the route may give (status: description)
    beyond every route's (`_PROBLEMS`); `options` go to FastAPI as they are.
    """
    responses = options.pop("responses", {}) | {code: _problem(text) for code, text in (problems or {}).items()}
    return api.api_route(path, methods=[method], summary=summary, responses=responses, **options)


@_route("POST", "/summaries", "Summarize one article now", response_model=ArticleSummary,
        responses={200: {"content": {"text/markdown": {}, "text/html": {}}}})  # fmt: skip
async def create_summary(body: SummaryRequest, request: Request) -> Response:
    """The validated, grounded summary (or its Markdown or HTML view). A repeated article is a cache hit."""
    service = _service(request)
    async with service.admitted():
        result = await service.summarize(body.model_dump(exclude={"format"}))
    if body.format == "json":
        return Response(result.model_dump_json(), media_type="application/json")
    media = "text/markdown" if body.format == "md" else "text/html"
    return Response(render(result, body.format), media_type=f"{media}; charset=utf-8")


@_route("GET", "/summaries/{cache_key}.html", "The HTML report of a cached result", response_class=HTMLResponse,
        problems={404: "Not in the cache."})  # fmt: skip
async def summary_report(cache_key: str, request: Request) -> HTMLResponse:
    """The self-contained report (its own Content-Security-Policy) of a result this service made."""
    result = await _service(request).cached_result(cache_key)
    if result is None:
        raise ProblemError(404, f"no cached result {cache_key!r} from this service", kind="NotFound")
    return HTMLResponse(render(result, "html"))


@_route("POST", "/jobs", "Summarize many articles in the background", status_code=202, response_model=JobStatus)
async def create_job(body: JobRequest, request: Request, response: Response) -> JobStatus:
    """Queues the job; poll `GET /v1/jobs/{id}` and read `GET /v1/jobs/{id}/results`."""
    service = _service(request)
    inputs = []
    for i, item in enumerate(body.items):
        fields = item.model_dump(exclude_none=True)
        fields.setdefault("id", i)
        inputs.append(fields)
    job_id = service.jobs.submit(inputs)
    response.headers["Location"] = f"/v1/jobs/{job_id}"
    return JobStatus.of(_job(service, job_id))


@_route("GET", "/jobs/{job_id}", "A job's status and progress", response_model=JobStatus)
async def get_job(job_id: str, request: Request) -> JobStatus:
    return JobStatus.of(_job(_service(request), job_id))


@_route("GET", "/jobs/{job_id}/results", "A job's result lines, streamed in input order",
        response_class=StreamingResponse, responses={200: _RESULT_LINES})  # fmt: skip
async def job_results(job_id: str, request: Request) -> StreamingResponse:
    """Each line as soon as it and all before it are finished, as `summarizer batch` writes them."""
    service = _service(request)
    _job(service, job_id)
    return StreamingResponse(service.jobs.lines(job_id), media_type=JSONL)


@_route("DELETE", "/jobs/{job_id}", "Cancel a job", response_model=JobStatus,
        problems={409: "The job already finished."})  # fmt: skip
async def cancel_job(job_id: str, request: Request) -> JobStatus:
    """Stops the job; finished lines stay readable."""
    service = _service(request)
    job = _job(service, job_id)
    if not service.jobs.cancel(job_id):
        raise ProblemError(409, f"job {job_id} already finished ({job.status})", kind="Conflict")
    return JobStatus.of(_job(service, job_id))


ops = APIRouter()


@ops.get("/healthz", summary="The process is up", response_model=Health)
async def healthz() -> Health:
    return Health(status="ok")


@ops.get("/readyz", summary="Engine reachable, cache and job store writable", response_model=Health,
         responses={503: {"model": Health, "description": "Not ready: `checks` says why."}})  # fmt: skip
async def readyz(request: Request) -> JSONResponse:
    checks = await _service(request).readiness()
    ok = all(v == "ok" for v in checks.values())
    return JSONResponse({"status": "ready" if ok else "not ready", "checks": checks}, status_code=200 if ok else 503)


@ops.get("/metrics", summary="Prometheus metrics", dependencies=[Depends(require_key)],
         response_class=Response, responses={200: {"content": {"text/plain": {}}}})  # fmt: skip
async def metrics(request: Request) -> Response:
    service = _service(request)
    if service.store is not None:
        counts = service.store.counts()
        for status in ("queued", "running", "done", "cancelled", "failed"):
            service.metrics.jobs.labels(status).set(counts.get(status, 0))
    return Response(service.metrics.render(), media_type="text/plain; version=0.0.4; charset=utf-8")


router = APIRouter()
router.include_router(api)
router.include_router(ops)
