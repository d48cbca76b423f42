"""Bearer-key authentication.

Owns checking ``Authorization: Bearer <key>`` against the configured keys: every key
is compared (in constant time, `hmac.compare_digest`) whatever matched earlier, so the
answer's timing does not tell how much of a key was right. Keys are never logged or
echoed; a refusal says only that a key is missing or wrong.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from .problems import ProblemError

__all__ = ["KeyChecker", "require_key"]

_bearer = HTTPBearer(auto_error=False, description="A key from --api-key-file or SUMMARIZER_SERVICE_KEYS.")


class KeyChecker:
    """The configured keys; `enabled` is False when there are none."""

    def __init__(self, keys: tuple[str, ...]):
        self._keys = [k.encode("utf-8") for k in keys]

    @property
    def enabled(self) -> bool:
        return bool(self._keys)

    def __repr__(self) -> str:
        return f"KeyChecker({len(self._keys)} keys)"

    def check(self, presented: str) -> bool:
        given = presented.encode("utf-8")
        ok = False
        for key in self._keys:
            ok |= hmac.compare_digest(given, key)
        return ok


async def require_key(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    """FastAPI dependency: 401 unless a configured key is presented (no-op without keys)."""
    checker: KeyChecker = request.app.state.keys
    if not checker.enabled:
        return
    if credentials is None:
        raise ProblemError(
            401, "this service needs an API key: send Authorization: Bearer <key>", kind="Unauthorized",
            headers={"WWW-Authenticate": "Bearer"},
        )  # fmt: skip
    if not checker.check(credentials.credentials):
        raise ProblemError(
            401,
            "the API key is not valid",
            kind="Unauthorized",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )
