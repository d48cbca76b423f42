"""The exception tree. Every error carries the CLI exit code that reports it.

    SummarizerError                 base: ``except SummarizerError`` catches all of ours
    ├── InputError          (2)     missing, unreadable, empty, binary or undecodable input
    ├── ConfigError         (2)     bad option values or config file; no engine available
    ├── EndpointError       (3)     the endpoint failed after the retry budget (5xx, 429,
    │                               timeouts, connection, authentication)
    ├── FetchError          (3)     a URL to summarize could not be fetched
    └── OutputError         (4)     the model's output was unusable
        ├── InvalidOutputError      still invalid after the repair attempts
        ├── TruncatedOutputError    the reply was cut off at the token limit
        └── RefusalError            the model refused to answer

`scrub` removes secrets from text that came from elsewhere (an endpoint's error body
may echo the API key) before it goes into an error message or a log line.

Imports nothing of ours.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "SummarizerError",
    "InputError",
    "ConfigError",
    "EndpointError",
    "FetchError",
    "OutputError",
    "InvalidOutputError",
    "TruncatedOutputError",
    "RefusalError",
    "REDACTED",
    "scrub",
]

REDACTED = "[redacted]"
# Key shapes worth hiding even when we do not know the key: OpenAI-style secret keys
# (sk-..., sk-proj-...) and bearer credentials as a server may echo them.
# (A bearer credential has a digit and 8+ characters: "Bearer token required" is prose.)
_KEY_SHAPES = re.compile(r"\bsk-[A-Za-z0-9_\-]{6,}|\bBearer\s+(?=[^\s\"',;]*\d)[^\s\"',;]{8,}", re.IGNORECASE)


def scrub(text: str, secrets: Iterable[str | None] = ()) -> str:
    """`text` with every occurrence of a secret, and anything shaped like a key, as ``[redacted]``.

    Args:
        text: an error body, message or log line.
        secrets: exact strings to hide (the API key in use); empty or None are skipped.

    Returns:
        The text with ``sk-...`` and ``Bearer ...`` shapes and each secret replaced.
    """
    # Longest first, so a secret that contains another is hidden whole.
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return _KEY_SHAPES.sub(REDACTED, text)


class SummarizerError(Exception):
    """Base class. Usage::

        try:
            result = summarize(text)
        except SummarizerError as err:
            print(err, file=sys.stderr)
            sys.exit(err.exit_code)
    """

    exit_code = 1
    # Set by the pipeline on errors raised after a model call: what was spent before the
    # failure (a `models.Usage`, kept untyped here because this module imports nothing of ours).
    usage: object | None = None
    attempts: int = 0


class InputError(SummarizerError):
    exit_code = 2


class ConfigError(SummarizerError):
    exit_code = 2


class EndpointError(SummarizerError):
    exit_code = 3


class FetchError(SummarizerError):
    """A URL could not be fetched (no network, DNS, refused, timeout, HTTP error).

    Not an `EndpointError`: a dead web page says nothing about the model's endpoint, so
    it does not count toward batch's run of endpoint failures.
    """

    exit_code = 3


class OutputError(SummarizerError):
    """The model answered, but not usably. Keeps the last raw reply and the errors."""

    exit_code = 4

    def __init__(self, message: str, *, raw: str | None = None, errors: list[str] | None = None):
        super().__init__(message)
        self.raw = raw
        self.errors = list(errors or [])


class InvalidOutputError(OutputError):
    pass


class TruncatedOutputError(OutputError):
    pass


class RefusalError(OutputError):
    pass
