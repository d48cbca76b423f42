"""Any OpenAI-compatible endpoint (OpenAI, Azure, vLLM, Ollama, llama.cpp servers) via the openai SDK.

Owns output modes, which API key goes to which endpoint, transport retries and the
per-request deadline; knows nothing of articles or validation.

Modes: ``json_schema`` (strict structured outputs), ``json_object`` (schema in the
prompt and in the ``schema`` field llama-cpp-python's server reads), ``tools`` (one
forced strict function call) and ``text`` (schema in the prompt; first JSON object
parsed out of the reply). ``auto`` tries them in that order, moving on only when a
server rejects the request format (judged by the error's ``code``/``param``/``type``,
never by words in its message), and remembers per endpoint and model what worked.
A model that rejects ``temperature`` (o-series, gpt-5) is asked again without it, and
that is remembered too.

Keys stay with their endpoint (see `resolve_api_key`): OPENAI_API_KEY goes only to
OpenAI and to OPENAI_BASE_URL; any other base URL gets SUMMARIZER_API_KEY or the
variable named by ``api_key_env``, else no key at all. Error text from the endpoint
is scrubbed of the key before it reaches a message or a log.

Transport faults (429, 5xx, timeouts, dropped connections) are retried by one
tenacity policy built from `RetryPolicy` (by default 4 retries and at most 60 s of
waiting in all, honouring Retry-After). ``timeout`` bounds each whole request, not
each read. Both the sync and the async API run the same async request path: sync
calls run it on the engine's own event-loop thread, because only cancelling a
request bounds it (httpx timeouts are per read, so a server trickling bytes would
never time out).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import logging
import os
import random
import re
import threading
import weakref
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import tenacity

from ..errors import ConfigError, EndpointError, scrub
from ..files import write_atomic
from ..models import Usage
from .base import Completion, Request

__all__ = [
    "MODES",
    "ModeMemory",
    "OpenAICompatEngine",
    "RetryPolicy",
    "extract_json",
    "resolve_api_key",
]

log = logging.getLogger(__name__)

T = TypeVar("T")

MODES = ("json_schema", "json_object", "tools", "text")
OPENAI_URL = "https://api.openai.com/v1"
# Never sent: the SDK insists on a key; the Authorization header is set per request.
_PLACEHOLDER_KEY = "unused-placeholder"

# 400 classification, by the error's structured fields only.
_CONTEXT_CODES = {"context_length_exceeded", "exceed_context_size_error", "context_window_exceeded"}
_SCHEMA_CODES = {"invalid_json_schema", "invalid_function_parameters", "invalid_schema", "invalid_tool_schema"}
_MODE_FIELD = re.compile(r"response_format|json_schema|json_object|tool_choice|tools?|functions?", re.I)
_DROPPABLE = ("temperature",)  # sampling parameters a model may refuse; sent again without


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded transport retries: `retries` extra tries and at most `max_wait` seconds asleep."""

    retries: int = 4
    backoff: float = 0.5  # first wait; doubles each retry, with jitter
    max_backoff: float = 8.0
    max_wait: float = 60.0  # total sleep budget, Retry-After included

    def planned_wait(self, state: tenacity.RetryCallState) -> float:
        """Seconds to sleep after this failed attempt: Retry-After if given, else backoff.

        Cached on the attempt, so the stop condition and the wait see the same number
        whichever tenacity asks first (the order changed between tenacity versions).
        """
        cached: tuple[int, float] | None = getattr(state, "_summarizer_wait", None)
        if cached is not None and cached[0] == state.attempt_number:
            return cached[1]
        err = state.outcome.exception() if state.outcome is not None else None
        wait = _retry_after(err)
        if wait is None:
            base = min(self.max_backoff, self.backoff * 2 ** (state.attempt_number - 1))
            wait = base * (0.5 + random.random() / 2)
        state._summarizer_wait = (state.attempt_number, wait)  # type: ignore[attr-defined]
        return wait

    def over_budget(self, state: tenacity.RetryCallState) -> bool:
        """True when another try would exceed the retry count or the sleep budget."""
        if state.attempt_number > self.retries:
            return True
        return state.idle_for + self.planned_wait(state) > self.max_wait

    def retrying(self, retryable: Callable[[BaseException], bool], **kwargs: Any) -> tenacity.AsyncRetrying:
        """The tenacity controller for one request (a fresh one each time: it keeps state).

        The sync API runs the same async path (see `OpenAICompatEngine.complete`), so this
        one policy serves both.
        """
        return tenacity.AsyncRetrying(
            stop=self.over_budget,
            wait=self.planned_wait,
            retry=tenacity.retry_if_exception(retryable),
            before_sleep=self._log_retry,
            **kwargs,
        )

    def _log_retry(self, state: tenacity.RetryCallState) -> None:
        err = state.outcome.exception() if state.outcome is not None else None
        log.info("transient error (%s); retry %d in %.1fs", type(err).__name__, state.attempt_number,
                 self.planned_wait(state))


# The stringified pydantic error llama-cpp-python's server puts in its message:
# "... 'loc': ('body', 'response_format', 'type') ..." (a field location, not prose).
_LOC_IN_TEXT = re.compile(r"'loc': \(\s*'body',\s*'([A-Za-z_]+)'")


def _rejected_field(err: Any) -> str:
    """The top-level request field an error points at ("" if it names none)."""
    param = str(getattr(err, "param", None) or "")
    if param:
        return re.split(r"[.\[]", param, maxsplit=1)[0].lower()
    body = getattr(err, "body", None)
    details = body.get("detail") if isinstance(body, dict) else None  # FastAPI's 422
    for item in details if isinstance(details, list) else ():
        loc = item.get("loc") if isinstance(item, dict) else None
        if isinstance(loc, list) and len(loc) > 1 and loc[0] == "body":
            return str(loc[1]).lower()
    type_ = body.get("type") if isinstance(body, dict) else None
    message = body.get("message") if isinstance(body, dict) else None
    if type_ == "internal_server_error" and isinstance(message, str):
        m = _LOC_IN_TEXT.search(message)
        if m:
            return m.group(1).lower()
    return ""


def _is_endpoint_failure(err: BaseException) -> bool:
    import openai

    # JSONDecodeError: a 200 whose body claims to be JSON and is not.
    return isinstance(err, (openai.APIError, TimeoutError, json.JSONDecodeError))


def _retry_after(err: BaseException | None) -> float | None:
    response = getattr(err, "response", None)
    if response is None:
        return None
    value = response.headers.get("retry-after")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:  # an HTTP date: fall back to backoff
        return None


def _is_transient(err: BaseException) -> bool:
    import openai

    if isinstance(err, (openai.APIConnectionError, openai.APITimeoutError, TimeoutError)):
        return True
    return isinstance(err, openai.APIStatusError) and (err.status_code in (408, 409, 429) or err.status_code >= 500)


class ModeMemory:
    """What worked for an endpoint+model (mode, refused parameters), in a small JSON file beside the cache.

    The file maps ``endpoint -> mode``, or ``endpoint -> {"mode": ..., "drop": [...]}``
    once the endpoint has refused a sampling parameter.
    """

    def __init__(self, path: Path | None):
        self.path = path
        self._lock = threading.Lock()
        self._known: dict[str, dict[str, Any]] | None = None  # read once; identity() asks often

    def _entry(self, endpoint: str) -> dict[str, Any]:
        if self._known is None:
            self._known = self._load()
        return self._known.get(endpoint, {})

    def get(self, endpoint: str) -> str | None:
        """The mode that worked for `endpoint`, if known."""
        mode = self._entry(endpoint).get("mode")
        return mode if isinstance(mode, str) else None

    def dropped(self, endpoint: str) -> tuple[str, ...]:
        """Sampling parameters `endpoint` refused (sent no more)."""
        return tuple(self._entry(endpoint).get("drop", ()))

    def set(self, endpoint: str, mode: str) -> None:
        self._update(endpoint, mode=mode)

    def drop(self, endpoint: str, param: str) -> None:
        self._update(endpoint, drop=param)

    def _update(self, endpoint: str, *, mode: str | None = None, drop: str | None = None) -> None:
        with self._lock:
            old = self._entry(endpoint)
            if (mode is None or old.get("mode") == mode) and (drop is None or drop in old.get("drop", ())):
                return  # already known: no disk work on every call
            data = {**(self._known or {}), **self._load()}
            entry = dict(data.get(endpoint, {}))
            if mode is not None:
                entry["mode"] = mode
            if drop is not None:
                entry["drop"] = sorted({*entry.get("drop", ()), drop})
            data[endpoint] = entry
            self._known = data
            if self.path is None:
                return
            # A plain mode stays a plain string (the format older versions wrote and read).
            on_disk = {k: (v["mode"] if set(v) == {"mode"} else v) for k, v in data.items()}
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(self.path, json.dumps(on_disk, indent=1, sort_keys=True))
            except OSError as err:
                log.warning("could not remember what works for %s: %s", endpoint, err)

    def _load(self) -> dict[str, dict[str, Any]]:
        if self.path is None or not self.path.exists():
            return {}
        try:
            data = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return {}
        known: dict[str, dict[str, Any]] = {}
        for key, value in data.items() if isinstance(data, dict) else ():
            if isinstance(value, str):
                value = {"mode": value}
            if not isinstance(value, dict):
                continue
            entry: dict[str, Any] = {}
            if value.get("mode") in MODES:
                entry["mode"] = value["mode"]
            drop = value.get("drop")
            if isinstance(drop, list) and all(p in _DROPPABLE for p in drop):
                entry["drop"] = sorted(drop)
            if entry:
                known[key] = entry
        return known


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


# ---------------------------------------------------------------------- keys


def _normal_url(url: str) -> str:
    return url.strip().rstrip("/").lower()


def _is_openai(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "https" and parts.hostname == "api.openai.com"


def resolve_api_key(
    base_url: str | None, *, api_key: str | None = None, api_key_env: str | None = None
) -> tuple[str | None, str]:
    """The API key for an endpoint, and where it came from (for messages; never the key).

    The key stays with its endpoint:

    1. `api_key`, when the caller passes one explicitly;
    2. the environment variable named by `api_key_env` (an error when it is unset);
    3. OPENAI_API_KEY, only for OpenAI itself (no base URL, or api.openai.com) and for
       the URL in OPENAI_BASE_URL (the pairing the openai SDK uses);
    4. SUMMARIZER_API_KEY, for any endpoint;
    5. otherwise no key: a user's OpenAI key never goes to an unrelated ``--base-url``.

    Args:
        base_url: the endpoint; None means OpenAI.
        api_key: an explicit key.
        api_key_env: the name of an environment variable that holds the key.

    Returns:
        ``(key or None, description of its source)``.

    Raises:
        ConfigError: `api_key_env` names a variable that is not set.
    """
    if api_key:
        return api_key, "the api_key argument"
    if api_key_env:
        value = os.environ.get(api_key_env)
        if not value:
            raise ConfigError(f"--api-key-env {api_key_env}: the environment variable {api_key_env} is not set")
        return value, f"${api_key_env} (--api-key-env)"
    env_base = os.environ.get("OPENAI_BASE_URL")
    paired = base_url is None or _is_openai(base_url) or (
        bool(env_base) and _normal_url(base_url) == _normal_url(env_base or "")
    )
    if paired and os.environ.get("OPENAI_API_KEY"):
        return os.environ["OPENAI_API_KEY"], "OPENAI_API_KEY"
    if os.environ.get("SUMMARIZER_API_KEY"):
        return os.environ["SUMMARIZER_API_KEY"], "SUMMARIZER_API_KEY"
    return None, "no key"


def _key_hint(base_url: str | None) -> str:
    if base_url is None or _is_openai(base_url):
        return "check OPENAI_API_KEY"
    return (
        "set SUMMARIZER_API_KEY or name the variable holding the key with --api-key-env NAME "
        "(OPENAI_API_KEY is sent only to OpenAI and to OPENAI_BASE_URL)"
    )


# ---------------------------------------------------------------------- the sync bridge


class _LoopThread:
    """An event loop in a daemon thread, running the async request path for sync callers.

    Holds no reference to the engine, so a forgotten engine is still collected; its
    finalizer stops the loop, which closes its client in the loop's own thread.
    """

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.client: Any = None  # the AsyncOpenAI client bound to self.loop
        self._thread = threading.Thread(target=self._main, name="summarizer-openai", daemon=True)
        self._thread.start()

    def _main(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_forever()
        finally:
            if self.client is not None:
                self.loop.run_until_complete(self.client.close())
            self.loop.run_until_complete(self.loop.shutdown_asyncgens())
            self.loop.close()

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        future = asyncio.run_coroutine_threadsafe(coro, self.loop)
        try:
            return future.result()
        except BaseException:
            future.cancel()  # Ctrl-C in the caller stops the request too
            raise

    def stop(self) -> None:
        if self._thread.is_alive():
            self.loop.call_soon_threadsafe(self.loop.stop)
            if threading.current_thread() is not self._thread:
                self._thread.join(timeout=10)


# ---------------------------------------------------------------------- the engine


class OpenAICompatEngine:
    """Engine over the openai SDK. The SDK client is created lazily (fast CLI start-up)."""

    name = "openai"

    def __init__(
        self,
        model: str,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        api_key_env: str | None = None,
        mode: str = "auto",
        timeout: float = 120.0,
        retry: RetryPolicy | None = None,
        mode_memory: ModeMemory | None = None,
    ):
        if mode != "auto" and mode not in MODES:
            raise ConfigError(f"unknown mode {mode!r}; choose auto, {', '.join(MODES)}")
        self.model = model
        self.base_url = base_url or os.environ.get("OPENAI_BASE_URL") or None
        self._api_key, source = resolve_api_key(self.base_url, api_key=api_key, api_key_env=api_key_env)
        if self._api_key is None and self.base_url is None:
            raise ConfigError("no API key: set OPENAI_API_KEY, or point --base-url at a server that needs none")
        if self._api_key is None:
            log.info("no API key is sent to %s (%s)", self._where_url, _key_hint(self.base_url))
        else:
            log.info("sending the API key from %s to %s", source, self._where_url)
        self.mode = mode
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.memory = mode_memory or ModeMemory(None)
        self._bridge: _LoopThread | None = None
        self._bridge_lock = threading.Lock()
        self._aclient: Any = None
        self._aloop: asyncio.AbstractEventLoop | None = None

    # ------------------------------------------------------------------ identity

    @property
    def endpoint(self) -> str:
        return f"{self._where_url}#{self.model}"

    @property
    def _where_url(self) -> str:
        url = self.base_url or OPENAI_URL
        parts = urlsplit(url)
        if "@" in parts.netloc:  # credentials in a URL never go into cache keys or files
            url = parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]).geturl()
        return url.rstrip("/")

    def resolved_mode(self) -> str:
        if self.mode != "auto":
            return self.mode
        return self.memory.get(self.endpoint) or MODES[0]

    def identity(self) -> dict[str, Any]:
        """Everything that changes the answer: the endpoint too, so two servers that both
        call their model "local" never share cached results."""
        ident: dict[str, Any] = {
            "engine": self.name,
            "endpoint": self._where_url,
            "model": self.model,
            "mode": self.resolved_mode(),
        }
        dropped = self.memory.dropped(self.endpoint)
        if dropped:
            ident["dropped_params"] = list(dropped)
        return ident

    def _modes_to_try(self) -> list[str]:
        if self.mode != "auto":
            return [self.mode]
        first = self.resolved_mode()
        return [first] + [m for m in MODES[MODES.index(first) + 1 :]]

    # ------------------------------------------------------------------ requests

    def _kwargs(self, request: Request, mode: str, dropped: set[str]) -> dict[str, Any]:
        messages = [dict(m) for m in request.messages]
        schema_text = json.dumps(request.schema, separators=(",", ":"))
        params = {k: v for k, v in request.params.items() if k not in dropped}
        kwargs: dict[str, Any] = {"model": self.model, **params}
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
        choices = getattr(response, "choices", None)
        msg = getattr(choices[0], "message", None) if isinstance(choices, list) and choices else None
        if msg is None:
            raise self._not_a_completion(response)
        choice = choices[0]  # type: ignore[index]
        u = getattr(response, "usage", None)
        usage = Usage(
            prompt_tokens=getattr(u, "prompt_tokens", 0) or 0,
            completion_tokens=getattr(u, "completion_tokens", 0) or 0,
            total_tokens=getattr(u, "total_tokens", 0) or 0,
        )
        refusal = getattr(msg, "refusal", None)
        if choice.finish_reason == "content_filter" and not refusal:
            refusal = "the reply was withheld by the provider's content filter"
        if mode == "tools" and getattr(msg, "tool_calls", None):
            text = msg.tool_calls[0].function.arguments or ""
        else:
            text = getattr(msg, "content", None) or ""
            if mode == "text":
                text = extract_json(text)
        return Completion(
            text=text, usage=usage, finish_reason=choice.finish_reason, refusal=refusal, mode=mode, raw=response
        )

    def _not_a_completion(self, body: Any) -> EndpointError:
        if isinstance(body, (str, bytes)):
            text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
        elif hasattr(body, "model_dump_json"):
            text = body.model_dump_json(exclude_unset=True, warnings=False)
        else:
            text = repr(body)
        detail = self._scrub(" ".join(text.split())[:200])
        return EndpointError(
            f"{self._where()} answered with something that is not a chat completion: {detail or '(empty)'}"
        )

    def _where(self) -> str:
        return self._where_url if self.base_url else "the OpenAI API"

    def _scrub(self, text: str) -> str:
        return scrub(text, [self._api_key])

    # ------------------------------------------------------------------ errors

    def _classify(self, err: BaseException) -> str:
        """What an endpoint's refusal means: context, schema, mode, temperature, or other.

        Judged by the error's structured fields (``code``, ``type``, ``param``, or the
        ``loc`` of a request-validation error), never by words in its message.
        """
        import openai

        if not isinstance(err, openai.APIStatusError) or err.status_code in (401, 403, 404, 408, 429):
            return "other"
        code, kind = (str(getattr(err, f, None) or "").lower() for f in ("code", "type"))
        field = _rejected_field(err)
        if err.status_code in (400, 422):
            if code in _CONTEXT_CODES or kind in _CONTEXT_CODES:
                return "context"
            if code in _SCHEMA_CODES or kind in _SCHEMA_CODES:
                return "schema"
            if field in _DROPPABLE:
                return field
            if _MODE_FIELD.fullmatch(field) or _MODE_FIELD.search(code) or _MODE_FIELD.search(kind):
                return "mode"
        elif _MODE_FIELD.fullmatch(field):
            # llama-cpp-python's server answers a request-validation error on
            # response_format with a 500 carrying the validation's `loc`.
            return "mode"
        return "other"

    def _retryable(self, err: BaseException) -> bool:
        return _is_transient(err) and self._classify(err) == "other"

    def _context_error(self, err: Any) -> EndpointError:
        body = err.body if isinstance(err.body, dict) else {}
        message = str(body.get("message") or err.message or "")
        prompt = body.get("n_prompt_tokens")  # llama.cpp's server says it in fields
        context = body.get("n_ctx")
        if not isinstance(context, int):
            m = re.search(r"context length is (\d+)", message)
            context = int(m.group(1)) if m else None
        if not isinstance(prompt, int):  # OpenAI, vLLM and llama-cpp-python word it like this
            m = re.search(r"\((\d+) in the messages|resulted in (\d+) tokens|requested (\d+) tokens", message)
            prompt = int(next(g for g in m.groups() if g)) if m else None
        if isinstance(prompt, int) and isinstance(context, int):
            fit = f"the article and prompt are {prompt} tokens; the model's context is {context}"
        else:
            fit = f"the article and prompt do not fit in the model's context ({self._scrub(message)[:200]})"
        return EndpointError(f"{self._where()} refused the request: {fit}; use a shorter article or a larger model")

    def _endpoint_error(self, err: BaseException, tries: int) -> EndpointError:
        import openai

        where = self._where()
        if isinstance(err, openai.AuthenticationError):
            sent = "" if self._api_key else "no key was sent; "
            return EndpointError(f"{where} rejected the API key (401): {sent}{_key_hint(self.base_url)}")
        if isinstance(err, openai.PermissionDeniedError):
            return EndpointError(f"{where} denied access (403): check the key's permissions for model {self.model!r}")
        if isinstance(err, openai.NotFoundError):
            return EndpointError(f"{where} answered 404: check --model ({self.model!r}) and --base-url")
        if isinstance(err, openai.APIStatusError):
            detail = self._detail(err)
            return EndpointError(f"{where} failed with HTTP {err.status_code} after {tries} tries: {detail}")
        if isinstance(err, (openai.APITimeoutError, TimeoutError)):
            return EndpointError(f"{where} timed out after {tries} tries; raise --timeout or try later")
        if isinstance(err, openai.APIConnectionError):
            detail = self._scrub(str(err))[:200]
            return EndpointError(f"could not connect to {where} after {tries} tries ({detail}); is the server running?")
        if isinstance(err, openai.APIResponseValidationError):
            return self._not_a_completion(err.response.text)
        if isinstance(err, json.JSONDecodeError):  # a 200 whose JSON body does not parse
            return self._not_a_completion(err.doc)
        return self._not_a_completion(f"{type(err).__name__}: {err}")

    def _give_up(self, state: tenacity.RetryCallState) -> Any:
        err = state.outcome.exception() if state.outcome is not None else None
        assert err is not None  # tenacity gives up only after a failure
        raise self._endpoint_error(err, state.attempt_number) from err

    # ------------------------------------------------------------------ sync / async

    def _new_async_client(self) -> Any:
        import openai

        return openai.AsyncOpenAI(
            base_url=self.base_url, api_key=_PLACEHOLDER_KEY, timeout=self.timeout, max_retries=0
        )

    def _client_for_running_loop(self) -> Any:
        # An AsyncOpenAI client belongs to the event loop it first ran in; a Summarizer
        # reused under a second asyncio.run() needs a fresh one.
        loop = asyncio.get_running_loop()
        if self._bridge is not None and loop is self._bridge.loop:
            if self._bridge.client is None:
                self._bridge.client = self._new_async_client()
            return self._bridge.client
        if self._aclient is None or self._aloop is not loop:
            self._aclient = self._new_async_client()
            self._aloop = loop
        return self._aclient

    def _auth_headers(self) -> dict[str, Any]:
        import openai

        # Set per request so the SDK never adds a key of its own (it would read
        # OPENAI_API_KEY from the environment); Omit sends no Authorization at all.
        return {"Authorization": f"Bearer {self._api_key}" if self._api_key else openai.Omit()}

    async def _attempt(self, kwargs: dict[str, Any]) -> Any:
        client = self._client_for_running_loop()
        # The whole request, not each read, is bounded by the timeout.
        async with asyncio.timeout(self.timeout):
            return await client.chat.completions.create(**kwargs, extra_headers=self._auth_headers())

    async def aclose(self) -> None:
        """Close the async client's connections (call before the event loop ends)."""
        if self._aclient is not None and self._aloop is asyncio.get_running_loop():
            await self._aclient.close()
        self._aclient = None
        self._aloop = None

    def close(self) -> None:
        """Close the sync API's connections and stop its event-loop thread."""
        with self._bridge_lock:
            bridge, self._bridge = self._bridge, None
        if bridge is not None:
            bridge.stop()

    def complete(self, request: Request) -> Completion:
        with self._bridge_lock:
            if self._bridge is None:
                self._bridge = _LoopThread()
                weakref.finalize(self, self._bridge.stop)
            bridge = self._bridge
        try:
            return bridge.run(self.acomplete(request))
        except concurrent.futures.CancelledError:  # the loop was stopped under us (close())
            raise EndpointError(f"the request to {self._where()} was cancelled") from None

    async def acomplete(self, request: Request) -> Completion:
        modes = self._modes_to_try()
        dropped = set(self.memory.dropped(self.endpoint))
        index = 0
        while True:
            mode = modes[index]
            kwargs = self._kwargs(request, mode, dropped)
            try:
                retrying = self.retry.retrying(self._retryable, retry_error_callback=self._give_up)
                response: Any = await retrying(self._attempt, kwargs)
            except EndpointError:
                raise
            except Exception as err:  # noqa: BLE001 - sorted out right here
                if not _is_endpoint_failure(err):
                    raise  # a bug of ours, not the endpoint's: let it show as one
                problem = self._classify(err)
                if problem in _DROPPABLE and problem in kwargs:
                    log.info("%s refused %s=%r; asking again without it", self.endpoint, problem, kwargs[problem])
                    dropped.add(problem)
                    self.memory.drop(self.endpoint, problem)
                    continue
                if problem == "mode" and index + 1 < len(modes):
                    log.info("%s rejected mode %s (%s); trying the next mode", self.endpoint, mode, self._detail(err))
                    index += 1
                    continue
                raise self._final_error(err, problem, mode) from err
            if self.mode == "auto":
                self.memory.set(self.endpoint, mode)
            return self._completion(response, mode)

    def _detail(self, err: BaseException) -> str:
        """The endpoint's own words (its error message, not the SDK's wrapping), scrubbed."""
        body = getattr(err, "body", None)
        message = body.get("message") if isinstance(body, dict) else None
        if not isinstance(message, str) or not message:
            message = body if isinstance(body, str) and body else str(getattr(err, "message", None) or err)
        return self._scrub(" ".join(message.split()))[:200]

    def _final_error(self, err: BaseException, problem: str, mode: str) -> EndpointError:
        where = self._where()
        if problem == "context":
            return self._context_error(err)
        if problem == "schema":
            return EndpointError(
                f"{where} rejected the output schema as invalid ({self._detail(err)}); this is a bug in "
                "summarizer, please report it with this message"
            )
        if problem == "mode" and self.mode == "auto":
            return EndpointError(f"{self.endpoint} rejected every output mode ({', '.join(MODES)})")
        if problem == "mode":
            return EndpointError(f"{where} rejected output mode {mode!r}: {self._detail(err)}; try --mode auto")
        status = getattr(err, "status_code", None)
        if status in (400, 422):
            return EndpointError(f"{where} refused the request (HTTP {status}): {self._detail(err)}")
        return self._endpoint_error(err, 1)
