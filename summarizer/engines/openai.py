"""Any OpenAI-compatible endpoint (OpenAI, Azure, vLLM, Ollama, llama.cpp servers) via the openai SDK.

Owns output modes and transport retries; knows nothing of articles or validation.

Modes: ``json_schema`` (strict structured outputs), ``json_object`` (schema in the
prompt and in the ``schema`` field llama-cpp-python's server reads), ``tools`` (one
forced strict function call) and ``text`` (schema in the prompt; first JSON object
parsed out of the reply). ``auto`` tries them in that order, moving on when a server
rejects the request format, and remembers per endpoint and model what worked.

Transport faults (429, 5xx, timeouts, dropped connections) are retried with
exponential backoff that honours Retry-After, within `RetryPolicy` (by default 4
retries and at most 60 s of waiting in all). Authentication and other client errors
are not retried.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import random
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError, EndpointError
from ..models import Usage
from .base import Completion, Request

__all__ = ["MODES", "ModeMemory", "OpenAICompatEngine", "RetryPolicy", "extract_json"]

log = logging.getLogger(__name__)

MODES = ("json_schema", "json_object", "tools", "text")
_REJECTION_HINT = re.compile(r"response_format|json_schema|json_object|tool|function|not supported|unsupported", re.I)


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded transport retries: `retries` extra tries and at most `max_wait` seconds asleep."""

    retries: int = 4
    backoff: float = 0.5  # first wait; doubles each retry, with jitter
    max_backoff: float = 8.0
    max_wait: float = 60.0  # total sleep budget, Retry-After included


class ModeMemory:
    """Which mode worked for an endpoint+model, kept in a small JSON file beside the cache."""

    def __init__(self, path: Path | None):
        self.path = path
        self._lock = threading.Lock()
        self._known: dict[str, str] | None = None  # read once; identity() asks often

    def get(self, endpoint: str) -> str | None:
        if self._known is None:
            self._known = self._load()
        return self._known.get(endpoint)

    def set(self, endpoint: str, mode: str) -> None:
        with self._lock:
            if self._known is not None and self._known.get(endpoint) == mode:
                return  # already known: no disk work on every call
            data = {**(self._known or {}), **self._load()}
            data[endpoint] = mode
            self._known = data
            if self.path is None:
                return
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
                tmp.write_text(json.dumps(data, indent=1, sort_keys=True))
                os.replace(tmp, self.path)
            except OSError as err:
                log.warning("could not remember mode for %s: %s", endpoint, err)

    def _load(self) -> dict[str, str]:
        if self.path is None or not self.path.exists():
            return {}
        try:
            data = json.loads(self.path.read_text())
            return {k: v for k, v in data.items() if v in MODES} if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}


def extract_json(text: str) -> str:
    """The first complete JSON object in `text` (for replies wrapped in prose or fences)."""
    decoder = json.JSONDecoder()
    for m in re.finditer(r"\{", text):
        try:
            _, end = decoder.raw_decode(text, m.start())
        except ValueError:
            continue
        return text[m.start() : end]
    return text


class OpenAICompatEngine:
    """Engine over the openai SDK. The SDK client is created lazily (fast CLI start-up)."""

    name = "openai"

    def __init__(
        self,
        model: str,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        mode: str = "auto",
        timeout: float = 120.0,
        retry: RetryPolicy | None = None,
        mode_memory: ModeMemory | None = None,
    ):
        if mode != "auto" and mode not in MODES:
            raise ConfigError(f"unknown mode {mode!r}; choose auto, {', '.join(MODES)}")
        self.model = model
        self.base_url = base_url or os.environ.get("OPENAI_BASE_URL") or None
        # Local servers need no key, but the SDK insists on one.
        self._api_key = api_key or os.environ.get("OPENAI_API_KEY") or ("no-key" if self.base_url else None)
        if self._api_key is None:
            raise ConfigError("no API key: set OPENAI_API_KEY, or point --base-url at a server that needs none")
        self.mode = mode
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.memory = mode_memory or ModeMemory(None)
        self._client: Any = None
        self._aclient: Any = None
        self._aloop: asyncio.AbstractEventLoop | None = None

    # ------------------------------------------------------------------ identity

    @property
    def endpoint(self) -> str:
        return f"{self.base_url or 'https://api.openai.com/v1'}#{self.model}"

    def resolved_mode(self) -> str:
        if self.mode != "auto":
            return self.mode
        return self.memory.get(self.endpoint) or MODES[0]

    def identity(self) -> dict[str, Any]:
        return {"engine": self.name, "model": self.model, "mode": self.resolved_mode()}

    def _modes_to_try(self) -> list[str]:
        if self.mode != "auto":
            return [self.mode]
        first = self.resolved_mode()
        return [first] + [m for m in MODES[MODES.index(first) + 1 :]]

    # ------------------------------------------------------------------ requests

    def _kwargs(self, request: Request, mode: str) -> dict[str, Any]:
        messages = [dict(m) for m in request.messages]
        schema_text = json.dumps(request.schema, separators=(",", ":"))
        kwargs: dict[str, Any] = {"model": self.model, **request.params}
        if mode in ("json_object", "text"):
            messages[0] = {
                "role": messages[0]["role"],
                "content": messages[0]["content"]
                + "\n\nReply with one JSON object that matches this JSON Schema:\n"
                + schema_text,
            }
        if mode == "json_schema":
            kwargs["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": request.schema_name, "schema": request.schema, "strict": True},
            }
        elif mode == "json_object":
            kwargs["response_format"] = {"type": "json_object", "schema": request.schema}
        elif mode == "tools":
            kwargs["tools"] = [
                {
                    "type": "function",
                    "function": {
                        "name": request.schema_name,
                        "description": "Record the structured summary.",
                        "parameters": request.schema,
                        "strict": True,
                    },
                }
            ]
            kwargs["tool_choice"] = {"type": "function", "function": {"name": request.schema_name}}
        kwargs["messages"] = messages
        return kwargs

    def _completion(self, response: Any, mode: str) -> Completion:
        choice = response.choices[0]
        msg = choice.message
        u = response.usage
        usage = Usage(
            prompt_tokens=getattr(u, "prompt_tokens", 0) or 0,
            completion_tokens=getattr(u, "completion_tokens", 0) or 0,
            total_tokens=getattr(u, "total_tokens", 0) or 0,
        )
        refusal = getattr(msg, "refusal", None)
        if choice.finish_reason == "content_filter" and not refusal:
            refusal = "the reply was withheld by the provider's content filter"
        if mode == "tools" and msg.tool_calls:
            text = msg.tool_calls[0].function.arguments or ""
        else:
            text = msg.content or ""
            if mode == "text":
                text = extract_json(text)
        return Completion(text=text, usage=usage, finish_reason=choice.finish_reason, refusal=refusal, mode=mode, raw=response)

    def _is_rejection(self, err: Exception) -> bool:
        import openai

        if not isinstance(err, openai.APIStatusError) or err.status_code in (401, 403, 404, 408, 429):
            return False
        return bool(_REJECTION_HINT.search(str(err.message) + " " + str(getattr(err, "body", ""))))

    def _is_transient(self, err: BaseException) -> bool:
        import openai

        if isinstance(err, (openai.APIConnectionError, openai.APITimeoutError)):
            return True
        return isinstance(err, openai.APIStatusError) and (err.status_code in (408, 409, 429) or err.status_code >= 500)

    def _wait(self, err: BaseException, attempt: int) -> float:
        retry_after = None
        response = getattr(err, "response", None)
        if response is not None:
            value = response.headers.get("retry-after")
            try:
                retry_after = float(value) if value is not None else None
            except ValueError:
                retry_after = None
        if retry_after is not None:
            return max(0.0, retry_after)
        base = min(self.retry.max_backoff, self.retry.backoff * 2**attempt)
        return base * (0.5 + random.random() / 2)

    def _endpoint_error(self, err: BaseException, tries: int) -> EndpointError:
        import openai

        where = self.base_url or "the OpenAI API"
        if isinstance(err, openai.AuthenticationError):
            return EndpointError(f"{where} rejected the API key (401): check OPENAI_API_KEY")
        if isinstance(err, openai.PermissionDeniedError):
            return EndpointError(f"{where} denied access (403): check the key's permissions for model {self.model!r}")
        if isinstance(err, openai.NotFoundError):
            return EndpointError(f"{where} answered 404: check --model ({self.model!r}) and --base-url")
        if isinstance(err, openai.APIStatusError):
            detail = str(err.message)[:200]
            return EndpointError(f"{where} failed with HTTP {err.status_code} after {tries} tries: {detail}")
        if isinstance(err, openai.APITimeoutError):
            return EndpointError(f"{where} timed out after {tries} tries; raise --timeout or try later")
        return EndpointError(f"could not connect to {where} after {tries} tries ({err}); is the server running?")

    def _after_error(self, err: Exception, attempt: int, slept: float) -> float:
        """How long to sleep before the next try, or raise when the budget is spent."""
        if not self._is_transient(err):
            raise self._endpoint_error(err, attempt + 1) from err
        wait = self._wait(err, attempt)
        if attempt >= self.retry.retries or slept + wait > self.retry.max_wait:
            raise self._endpoint_error(err, attempt + 1) from err
        log.info("transient error (%s); retry %d in %.1fs", type(err).__name__, attempt + 1, wait)
        return wait

    # ------------------------------------------------------------------ sync / async

    def _sync_client(self) -> Any:
        if self._client is None:
            import openai

            self._client = openai.OpenAI(base_url=self.base_url, api_key=self._api_key, timeout=self.timeout, max_retries=0)
        return self._client

    def _async_client(self) -> Any:
        # An AsyncOpenAI client belongs to the event loop it first ran in; a Summarizer
        # reused under a second asyncio.run() needs a fresh one.
        loop = asyncio.get_running_loop()
        if self._aclient is None or self._aloop is not loop:
            import openai

            self._aclient = openai.AsyncOpenAI(base_url=self.base_url, api_key=self._api_key, timeout=self.timeout, max_retries=0)
            self._aloop = loop
        return self._aclient

    async def aclose(self) -> None:
        """Close the async client's connections (call before the event loop ends)."""
        if self._aclient is not None and self._aloop is asyncio.get_running_loop():
            await self._aclient.close()
        self._aclient = None
        self._aloop = None

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def complete(self, request: Request) -> Completion:
        for mode in self._modes_to_try():
            kwargs = self._kwargs(request, mode)
            slept = 0.0
            for attempt in range(self.retry.retries + 1):
                try:
                    response = self._sync_client().chat.completions.create(**kwargs)
                    return self._accept(response, mode)
                except Exception as err:  # noqa: BLE001 - sorted by the helpers below
                    if self._rejected(err, mode):
                        break
                    wait = self._after_error(err, attempt, slept)
                    time.sleep(wait)
                    slept += wait
        raise self._no_mode_error()

    async def acomplete(self, request: Request) -> Completion:
        for mode in self._modes_to_try():
            kwargs = self._kwargs(request, mode)
            slept = 0.0
            for attempt in range(self.retry.retries + 1):
                try:
                    response = await self._async_client().chat.completions.create(**kwargs)
                    return self._accept(response, mode)
                except Exception as err:  # noqa: BLE001
                    if self._rejected(err, mode):
                        break
                    wait = self._after_error(err, attempt, slept)
                    await asyncio.sleep(wait)
                    slept += wait
        raise self._no_mode_error()

    def _accept(self, response: Any, mode: str) -> Completion:
        if self.mode == "auto":
            self.memory.set(self.endpoint, mode)
        return self._completion(response, mode)

    def _rejected(self, err: Exception, mode: str) -> bool:
        if self.mode == "auto" and self._is_rejection(err):
            log.info("%s rejected mode %s (%s); trying the next mode", self.endpoint, mode, err)
            return True
        if self._is_rejection(err) and not self._is_transient(err):
            raise EndpointError(
                f"{self.base_url or 'the endpoint'} rejected output mode {mode!r}: {str(err)[:200]}; try --mode auto"
            ) from err
        return False

    def _no_mode_error(self) -> EndpointError:
        return EndpointError(f"{self.endpoint} rejected every output mode ({', '.join(MODES)})")
