"""Errors as RFC 9457 problem details (``application/problem+json``).

Owns the mapping from the library's error kinds (the CLI's exit codes) to HTTP
statuses, and the one JSON shape every error response has::

    {"type": "about:blank", "title": "Bad Gateway", "status": 502,
     "detail": "http://... failed with HTTP 500 after 5 tries: ...",
     "kind": "EndpointError", "errors": [...]}

`kind` is the error class (as in `summarizer batch` lines); `errors` lists what was
wrong with a request or with the model's last output. Never a stack trace.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from pydantic import BaseModel, Field
from starlette.responses import JSONResponse

from ..errors import ConfigError, EndpointError, InputError, OutputError, SummarizerError

__all__ = ["PROBLEM_JSON", "Problem", "ProblemError", "Redactor", "problem_for", "problem_response"]

PROBLEM_JSON = "application/problem+json"


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    type: str = Field("about:blank", description="A URI for the problem type; about:blank: see `status`.")
    title: str = Field(description="The HTTP status phrase.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="What went wrong and how to fix it, in one line.")
    kind: str = Field(description="The error kind: InputError, EndpointError, InvalidOutputError, Overloaded, ...")
    errors: list[str] | None = Field(None, description="Each problem with the request or the model's last output.")


class ProblemError(Exception):
    """Raised inside the service to answer with a problem document."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        kind: str,
        errors: list[str] | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.kind = kind
        self.errors = errors
        self.headers = headers or {}


class Redactor:
    """Blanks out secrets (the upstream endpoint's key) in text bound for a client, a log
    line or the job store: an upstream error body or a proxy may echo what it was sent."""

    def __init__(self, secrets: list[str | None]):
        # Short values ("no-key", "") would blank ordinary words; real keys are long.
        self._secrets = sorted({s for s in secrets if s and len(s) >= 8}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "[redacted]")
        return text

    def problem(self, problem: ProblemError) -> ProblemError:
        problem.detail = self(problem.detail)
        if problem.errors is not None:
            problem.errors = [self(e) for e in problem.errors]
        return problem


def _timed_out(err: BaseException) -> bool:
    """True when the endpoint error was a timeout (judged by the cause's type, not its words)."""
    cause = err.__cause__
    while cause is not None:
        if "Timeout" in type(cause).__name__:  # openai.APITimeoutError, httpx.*Timeout
            return True
        cause = cause.__cause__
    return False


def _rate_limited(err: BaseException) -> bool:
    cause = err.__cause__
    return cause is not None and getattr(cause, "status_code", None) == 429


def problem_for(err: SummarizerError, *, retry_after: int = 2) -> ProblemError:
    """The HTTP answer for a library error, by its kind (= its CLI exit code)."""
    detail = " ".join(str(err).split()) or type(err).__name__
    kind = type(err).__name__
    if isinstance(err, (InputError, ConfigError)):
        return ProblemError(422, detail, kind=kind)
    if isinstance(err, EndpointError):
        if _timed_out(err):
            return ProblemError(504, detail, kind=kind)
        if _rate_limited(err):
            return ProblemError(429, detail, kind=kind, headers={"Retry-After": str(retry_after)})
        return ProblemError(502, detail, kind=kind)
    if isinstance(err, OutputError):
        return ProblemError(422, detail, kind=kind, errors=[" ".join(e.split()) for e in err.errors])
    return ProblemError(500, "internal error", kind="InternalError")


def problem_response(problem: ProblemError) -> JSONResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(problem.status).phrase,
        "status": problem.status,
        "detail": problem.detail,
        "kind": problem.kind,
    }
    if problem.errors is not None:
        body["errors"] = problem.errors
    return JSONResponse(body, status_code=problem.status, headers=problem.headers, media_type=PROBLEM_JSON)
