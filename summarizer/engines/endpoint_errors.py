"""What an endpoint's failure means, and how to say it in one line.

Owns the classification of a refused request (context too long, invalid schema,
rejected output mode, a refused request field, or anything else), judged by the
error's structured fields (``code``, ``type``, ``param``, or the ``loc`` of a
request-validation error), never by words in its message; and the wording of every
`EndpointError`, scrubbed of the API key. Knows nothing of retries or modes' order.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..errors import EndpointError, scrub
from .keys import key_hint
from .modes import DROPPABLE, MODES

__all__ = ["ErrorWords", "classify", "is_endpoint_failure"]

# 400 classification, by the error's structured fields only.
_CONTEXT_CODES = {"context_length_exceeded", "exceed_context_size_error", "context_window_exceeded"}
_SCHEMA_CODES = {"invalid_json_schema", "invalid_function_parameters", "invalid_schema", "invalid_tool_schema"}
_MODE_FIELD = re.compile(r"response_format|json_schema|json_object|tool_choice|tools?|functions?", re.I)

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


def is_endpoint_failure(err: BaseException) -> bool:
    """True for the endpoint's faults (HTTP, timeouts, bodies that do not parse), not ours."""
    import openai

    # JSONDecodeError: a 200 whose body claims to be JSON and is not.
    return isinstance(err, (openai.APIError, TimeoutError, json.JSONDecodeError))


def classify(err: BaseException) -> str:
    """What an endpoint's refusal means: "context", "schema", "mode", a refused field
    (one of `DROPPABLE`, e.g. "temperature" or "logprobs"), or "other"."""
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
        if field in DROPPABLE:
            return field
        if _MODE_FIELD.fullmatch(field) or _MODE_FIELD.search(code) or _MODE_FIELD.search(kind):
            return "mode"
    elif _MODE_FIELD.fullmatch(field):
        # llama-cpp-python's server answers a request-validation error on
        # response_format with a 500 carrying the validation's `loc`.
        return "mode"
    return "other"


class ErrorWords:
    """The one-line `EndpointError` for each way an endpoint can fail, naming the endpoint.

    Args:
        where: the endpoint as shown to users ("the OpenAI API" or its URL, no credentials).
        model: the model name, for 403/404 hints.
        base_url: the configured base URL (None: OpenAI), for the key hint.
        api_key: the key sent, scrubbed from every message; None when none is sent.
    """

    def __init__(self, where: str, *, model: str, base_url: str | None, api_key: str | None):
        self.where = where
        self.model = model
        self.base_url = base_url
        self._api_key = api_key

    def scrub(self, text: str) -> str:
        return scrub(text, [self._api_key])

    def detail(self, err: BaseException) -> str:
        """The endpoint's own words (its error message, not the SDK's wrapping), scrubbed."""
        body = getattr(err, "body", None)
        message = body.get("message") if isinstance(body, dict) else None
        if not isinstance(message, str) or not message:
            message = body if isinstance(body, str) and body else str(getattr(err, "message", None) or err)
        return self.scrub(" ".join(message.split()))[:200]

    def not_a_completion(self, body: Any) -> EndpointError:
        if isinstance(body, (str, bytes)):
            text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
        elif hasattr(body, "model_dump_json"):
            text = body.model_dump_json(exclude_unset=True, warnings=False)
        else:
            text = repr(body)
        detail = self.scrub(" ".join(text.split())[:200])
        return EndpointError(
            f"{self.where} answered with something that is not a chat completion: {detail or '(empty)'}"
        )

    def context_error(self, err: Any) -> EndpointError:
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
            fit = f"the article and prompt do not fit in the model's context ({self.scrub(message)[:200]})"
        return EndpointError(f"{self.where} refused the request: {fit}; use a shorter article or a larger model")

    def endpoint_error(self, err: BaseException, tries: int) -> EndpointError:
        """The error for a failure after `tries` tries (the retry budget is spent)."""
        import openai

        where = self.where
        if isinstance(err, openai.AuthenticationError):
            sent = "" if self._api_key else "no key was sent; "
            return EndpointError(f"{where} rejected the API key (401): {sent}{key_hint(self.base_url)}")
        if isinstance(err, openai.PermissionDeniedError):
            return EndpointError(f"{where} denied access (403): check the key's permissions for model {self.model!r}")
        if isinstance(err, openai.NotFoundError):
            return EndpointError(f"{where} answered 404: check --model ({self.model!r}) and --base-url")
        if isinstance(err, openai.APIStatusError):
            detail = self.detail(err)
            return EndpointError(f"{where} failed with HTTP {err.status_code} after {tries} tries: {detail}")
        if isinstance(err, (openai.APITimeoutError, TimeoutError)):
            return EndpointError(f"{where} timed out after {tries} tries; raise --timeout or try later")
        if isinstance(err, openai.APIConnectionError):
            detail = self.scrub(str(err))[:200]
            return EndpointError(f"could not connect to {where} after {tries} tries ({detail}); is the server running?")
        if isinstance(err, openai.APIResponseValidationError):
            return self.not_a_completion(err.response.text)
        if isinstance(err, json.JSONDecodeError):  # a 200 whose JSON body does not parse
            return self.not_a_completion(err.doc)
        return self.not_a_completion(f"{type(err).__name__}: {err}")

    def final_error(self, err: BaseException, problem: str, mode: str, *, auto: bool, endpoint: str) -> EndpointError:
        """The error for a refusal nothing more can be done about (`problem` from `classify`)."""
        where = self.where
        if problem == "context":
            return self.context_error(err)
        if problem == "schema":
            return EndpointError(
                f"{where} rejected the output schema as invalid ({self.detail(err)}); this is a bug in "
                "summarizer, please report it with this message"
            )
        if problem == "mode" and auto:
            return EndpointError(f"{endpoint} rejected every output mode ({', '.join(MODES)})")
        if problem == "mode":
            return EndpointError(f"{where} rejected output mode {mode!r}: {self.detail(err)}; try --mode auto")
        status = getattr(err, "status_code", None)
        if status in (400, 422):
            return EndpointError(f"{where} refused the request (HTTP {status}): {self.detail(err)}")
        return self.endpoint_error(err, 1)
