"""Any OpenAI-compatible endpoint (OpenAI, Azure, vLLM, Ollama, llama.cpp servers) via the openai SDK.

Owns the request for each output mode and for closed questions, the mode fallback
loop and the sync/async bridge; knows nothing of articles or validation. Its parts:
`modes` (mode names, `ModeMemory`, `extract_json`), `keys` (which API key goes to
which endpoint), `retry` (the transport retry policy), `endpoint_errors` (what a
refusal means and how to say it) and `loop_thread` (the sync bridge's event loop).

Modes: ``json_schema`` (strict structured outputs), ``json_object`` (schema in the
prompt and in the ``schema`` field llama-cpp-python's server reads), ``tools`` (one
forced strict function call) and ``text`` (schema in the prompt; first JSON object
parsed out of the reply). ``auto`` tries them in that order, moving on only when a
server rejects the request format (judged by the error's ``code``/``param``/``type``,
never by words in its message), and remembers per endpoint and model what worked.
A model that rejects ``temperature`` (o-series, gpt-5) is asked again without it, and
that is remembered too.

A closed question (`Request.choices`) is one token of plain text with
``logprobs=True, top_logprobs=20``; the first token's candidates give each label's
log-probability. An endpoint that refuses logprobs is asked again without them (and
that is remembered): the generated label then gets log-probability 0, the others none.

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
import threading
import weakref
from typing import Any
from urllib.parse import urlsplit

from ..errors import ConfigError, EndpointError
from ..models import Usage
from .base import Completion, Request
from .endpoint_errors import ErrorWords, classify, is_endpoint_failure
from .keys import OPENAI_URL, key_hint, resolve_api_key
from .labels import label_logprobs
from .loop_thread import LoopThread
from .modes import DROPPABLE, MODES, ModeMemory, extract_json
from .retry import RetryPolicy, is_transient

__all__ = [
    "MODES",
    "ModeMemory",
    "OpenAICompatEngine",
    "RetryPolicy",
    "extract_json",
    "resolve_api_key",
]

log = logging.getLogger(__name__)

# Never sent: the SDK insists on a key; the Authorization header is set per request.
_PLACEHOLDER_KEY = "unused-placeholder"
# Candidates asked for a closed question's first token (OpenAI's maximum is 20).
TOP_LOGPROBS = 20


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
            log.info("no API key is sent to %s (%s)", self._where_url, key_hint(self.base_url))
        else:
            log.info("sending the API key from %s to %s", source, self._where_url)
        self.mode = mode
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.memory = mode_memory or ModeMemory(None)
        self._bridge: LoopThread | None = None
        self._bridge_lock = threading.Lock()
        self._aclient: Any = None
        self._aloop: asyncio.AbstractEventLoop | None = None
        self._words = ErrorWords(
            self._where_url if self.base_url else "the OpenAI API",
            model=model,
            base_url=self.base_url,
            api_key=self._api_key,
        )

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
        params = {k: v for k, v in request.params.items() if k not in dropped}
        kwargs: dict[str, Any] = {"model": self.model, **params}
        if request.choices is not None:  # one token of plain text, scored over the candidates
            kwargs["max_tokens"] = 1
            if "logprobs" not in dropped:
                kwargs["logprobs"] = True
                if "top_logprobs" not in dropped:
                    kwargs["top_logprobs"] = TOP_LOGPROBS
            kwargs["messages"] = messages
            return kwargs
        schema_text = json.dumps(request.schema, separators=(",", ":"))
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

    def _completion(self, response: Any, mode: str, request: Request) -> Completion:
        choices = getattr(response, "choices", None)
        msg = getattr(choices[0], "message", None) if isinstance(choices, list) and choices else None
        if msg is None:
            raise self._words.not_a_completion(response)
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
            text=text,
            usage=usage,
            finish_reason=choice.finish_reason,
            refusal=refusal,
            mode=mode,
            raw=response,
            choice_logprobs=self._choice_logprobs(choice, text, request.choices) if request.choices else None,
        )

    def _choice_logprobs(self, choice: Any, text: str, labels: tuple[str, ...]) -> dict[str, float]:
        """Each label's log-probability as the first token, from the reply's logprobs.

        Without logprobs (refused, or ignored by the server) the generated label gets 0
        and the others nothing: the answer is then what the model generated first.
        """
        content = getattr(getattr(choice, "logprobs", None), "content", None)
        if content:
            first = content[0]
            candidates = [(first.token, first.logprob)]
            candidates += [(c.token, c.logprob) for c in getattr(first, "top_logprobs", None) or ()]
            return label_logprobs(candidates, labels)
        log.info(
            "%s gave no logprobs: the closed question is answered by the generated label %r alone, "
            "not by comparing the options",
            self.endpoint,
            text,
        )
        return label_logprobs([(text, 0.0)], labels)

    def _give_up(self, state: Any) -> Any:
        err = state.outcome.exception() if state.outcome is not None else None
        assert err is not None  # tenacity gives up only after a failure
        raise self._words.endpoint_error(err, state.attempt_number) from err

    def _retryable(self, err: BaseException) -> bool:
        return is_transient(err) and classify(err) == "other"

    # ------------------------------------------------------------------ sync / async

    def _new_async_client(self) -> Any:
        import openai

        return openai.AsyncOpenAI(base_url=self.base_url, api_key=_PLACEHOLDER_KEY, timeout=self.timeout, max_retries=0)

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
                self._bridge = LoopThread()
                weakref.finalize(self, self._bridge.stop)
            bridge = self._bridge
        try:
            return bridge.run(self.acomplete(request))
        except concurrent.futures.CancelledError:  # the loop was stopped under us (close())
            raise EndpointError(f"the request to {self._words.where} was cancelled") from None

    async def acomplete(self, request: Request) -> Completion:
        # A closed question is plain text whatever the mode: nothing to fall back through.
        modes = [self.resolved_mode()] if request.choices is not None else self._modes_to_try()
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
                if not is_endpoint_failure(err):
                    raise  # a bug of ours, not the endpoint's: let it show as one
                problem = classify(err)
                if problem in DROPPABLE and problem in kwargs:
                    log.info("%s refused %s=%r; asking again without it", self.endpoint, problem, kwargs[problem])
                    dropped.add(problem)
                    self.memory.drop(self.endpoint, problem)
                    continue
                if problem == "mode" and index + 1 < len(modes):
                    log.info(
                        "%s rejected mode %s (%s); trying the next mode", self.endpoint, mode, self._words.detail(err)
                    )
                    index += 1
                    continue
                raise self._words.final_error(
                    err, problem, mode, auto=self.mode == "auto", endpoint=self.endpoint
                ) from err
            if self.mode == "auto" and request.choices is None:
                self.memory.set(self.endpoint, mode)
            return self._completion(response, mode, request)
