"""The app factory: `create_app(settings)` gives the FastAPI app of `summarizer serve`.

Owns putting the parts together: the lifespan (build the shared engine and job store,
resume jobs; on shutdown drain model calls and leave jobs resumable), the body-size
and content-type guard, request metrics, and the handlers that turn every error into
a problem document (never a stack trace). `openapi_document()` is what
`summarizer schema --openapi` prints.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..engines.base import Engine
from ..errors import SummarizerError
from .auth import KeyChecker
from .problems import ProblemError, problem_for, problem_response
from .routes import router
from .runtime import Service
from .settings import ServiceSettings

__all__ = ["app_from_env", "create_app", "openapi_document"]

log = logging.getLogger(__name__)

DESCRIPTION = """\
News articles in, validated and grounded structured summaries out: the same pipeline,
cache and configuration as the `summarizer` command line.

`POST /v1/summaries` answers now; `POST /v1/jobs` queues many articles, whose result
lines (as `summarizer batch` writes them) stream from `GET /v1/jobs/{id}/results` in
input order. Errors are `application/problem+json` (RFC 9457) with the error `kind`.
"""


def create_app(settings: ServiceSettings | None = None, *, engine: Engine | None = None) -> FastAPI:
    """The service app.

    Args:
        settings: listen, auth, limits and model configuration (default: all defaults).
        engine: an `Engine` to use instead of building one from `settings` (tests, embedding).

    Returns:
        A FastAPI app; its lifespan builds the engine and the job store and resumes jobs.
    """
    settings = settings or ServiceSettings()
    service = Service(settings, engine=engine)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await service.start()
        try:
            yield
        finally:
            await service.stop()

    app = FastAPI(
        title="summarizer",
        version="1",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.service = service
    app.state.keys = KeyChecker(settings.api_keys)
    app.include_router(router)
    _add_error_handlers(app)
    app.add_middleware(_Guard, max_body=settings.max_body_bytes, service=service)
    return app


def app_from_env() -> FastAPI:
    """The app of one `summarizer serve --workers N` worker (settings from the parent)."""
    return create_app(ServiceSettings.from_env())


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document (independent of settings)."""
    return create_app().openapi()


def _add_error_handlers(app: FastAPI) -> None:
    metrics = app.state.service.metrics
    redact = app.state.service.redact

    def answer(problem: ProblemError) -> Response:
        problem = redact.problem(problem)
        if problem.status >= 400 and problem.kind not in ("NotFound", "Overloaded"):
            metrics.errors.labels(problem.kind).inc()
        return problem_response(problem)

    @app.exception_handler(ProblemError)
    async def on_problem(request: Request, err: ProblemError) -> Response:
        return answer(err)

    @app.exception_handler(SummarizerError)
    async def on_library_error(request: Request, err: SummarizerError) -> Response:
        return answer(problem_for(err, retry_after=app.state.service.settings.retry_after))

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, err: RequestValidationError) -> Response:
        errors = list(err.errors())
        if any(e.get("type") == "json_invalid" for e in errors):
            return answer(ProblemError(400, "the body is not valid JSON", kind="InputError"))
        lines = [f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}" for e in errors]
        return answer(ProblemError(422, "the request does not match the schema", kind="InputError", errors=lines))

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, err: StarletteHTTPException) -> Response:
        kind = {404: "NotFound", 405: "MethodNotAllowed"}.get(err.status_code, "HTTPError")
        return answer(ProblemError(err.status_code, str(err.detail), kind=kind, headers=dict(err.headers or {})))

    @app.exception_handler(Exception)
    async def on_bug(request: Request, err: Exception) -> Response:
        # The traceback goes to the server's log only; the client learns nothing of the code.
        log.error("unexpected %s on %s %s", type(err).__name__, request.method, request.url.path, exc_info=err)
        return answer(ProblemError(500, "internal error; the server log has the details", kind="InternalError"))


class _Guard:
    """Pure ASGI middleware: request metrics, 415 for non-JSON bodies, 413 beyond the body limit.

    The body is read (at most `max_body` bytes) before the app sees it, so an oversized
    request costs bounded memory and never reaches a model.
    """

    def __init__(self, app: ASGIApp, *, max_body: int, service: Service):
        self.app = app
        self.max_body = max_body
        self.metrics = service.metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 500}
        timed = {"done": False}
        method = scope["method"]

        async def send_counted(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                self._observe(scope, method, started)
                timed["done"] = True
            await send(message)

        try:
            if method in ("POST", "PUT", "PATCH"):
                problem = self._check_type(scope)
                if problem is None:
                    body, problem = await self._read_body(scope, receive)
                    receive = _replay(body, receive)
                if problem is not None:
                    self.metrics.errors.labels(problem.kind).inc()
                    await problem_response(problem)(scope, receive, send_counted)
                    return
            await self.app(scope, receive, send_counted)
        finally:
            if not timed["done"]:
                self._observe(scope, method, started)
            self.metrics.requests.labels(method, _route(scope), str(status["code"])).inc()

    def _observe(self, scope: Scope, method: str, started: float) -> None:
        self.metrics.latency.labels(method, _route(scope)).observe(time.perf_counter() - started)

    def _check_type(self, scope: Scope) -> ProblemError | None:
        headers = dict(scope.get("headers") or [])
        ctype = headers.get(b"content-type", b"").decode("latin-1").split(";")[0].strip().lower()
        if ctype != "application/json" and not ctype.endswith("+json"):
            return ProblemError(415, f"send the body as application/json, not {ctype or 'no content type'}",
                                kind="InputError")  # fmt: skip
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            return self._too_large()
        return None

    def _too_large(self) -> ProblemError:
        return ProblemError(413, f"the body is larger than {self.max_body:,} bytes", kind="InputError")

    async def _read_body(self, scope: Scope, receive: Receive) -> tuple[bytes, ProblemError | None]:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return b"", self._too_large()
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks), None


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body already read, then the client's own messages (a disconnect, later)."""
    sent = {"done": False}

    async def replay() -> Message:
        if not sent["done"]:
            sent["done"] = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _route(scope: Scope) -> str:
    """The route's template (bounded label values), not the raw path."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return str(path) if path else "unmatched"
