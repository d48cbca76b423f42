"""A small fake OpenAI-compatible HTTP server for tests (standard library only).

Usage in tests::

    with FakeOpenAI(models=["m"]) as fake:
        fake.enqueue(Reply.content('{"a": 1}'), Reply.error(429, headers={"Retry-After": "1"}))
        client = openai.OpenAI(base_url=fake.base_url, api_key="sk-test", max_retries=0)
        ...
        assert fake.requests[0].body["model"] == "m"

Each POST /v1/chat/completions consumes one scripted reply (FIFO).  When the
queue is empty, ``fake.default`` (a Reply, or a callable ``body -> Reply | None``)
is used; otherwise the server answers 500 "fake server: no scripted reply left".

As a script (for tests that run the CLI as a real process)::

    python tests/fake_openai.py --port 0 --script replies.json [--default-content FILE]

prints the base_url on the first line of stdout, then serves until killed.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Optional, Union

__all__ = ["Reply", "CapturedRequest", "FakeOpenAI", "serve"]

NO_REPLY_MESSAGE = "fake server: no scripted reply left"


@dataclass
class Reply:
    """A scripted reply. Build with the constructors: Reply.content/.json/.refusal/.error/.drop/.delay/
    .trickle/.raw."""

    kind: str  # "content" | "refusal" | "error" | "drop" | "delay" | "trickle" | "raw"
    text: Optional[str] = None
    finish_reason: str = "stop"
    usage: Optional[tuple[int, int]] = None  # (prompt_tokens, completion_tokens); None = estimated
    status: int = 200
    body: Any = None  # error body: dict/list -> JSON, str -> text/plain
    headers: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    then: Optional["Reply"] = None
    content_type: Optional[str] = None  # "raw" replies only
    # First-token candidates (token -> logprob) sent when the request asks for logprobs;
    # None: the reply's text alone, with logprob 0.
    top_logprobs: Optional[dict[str, float]] = None

    @classmethod
    def content(cls, text: str, finish_reason: str = "stop",
                usage: Optional[tuple[int, int]] = None,
                top_logprobs: Optional[dict[str, float]] = None) -> "Reply":
        """Assistant message with content=text. If the request has `tools`, it is returned
        as a tool call with arguments=text (finish_reason "tool_calls", or kept if not "stop").
        When the request asks for `logprobs`, the first token's candidates are
        `top_logprobs` (token -> logprob, cut to the request's `top_logprobs`), else the
        text alone with logprob 0."""
        return cls("content", text=text, finish_reason=finish_reason, usage=usage, top_logprobs=top_logprobs)

    @classmethod
    def label(cls, top_logprobs: dict[str, float]) -> "Reply":
        """A one-token answer to a closed question: the likeliest candidate, with all of them
        as its logprobs (e.g. {" B": -0.2, "A": -1.9, " A": -3.0})."""
        best = max(top_logprobs, key=lambda t: top_logprobs[t])
        return cls.content(best, "length", usage=None, top_logprobs=top_logprobs)

    @classmethod
    def json(cls, obj: Any, finish_reason: str = "stop",
             usage: Optional[tuple[int, int]] = None) -> "Reply":
        """Shortcut: Reply.content(json.dumps(obj))."""
        return cls.content(json.dumps(obj, ensure_ascii=False), finish_reason, usage)

    @classmethod
    def refusal(cls, text: str, usage: Optional[tuple[int, int]] = None) -> "Reply":
        return cls("refusal", text=text, usage=usage)

    @classmethod
    def error(cls, status: int, body: Any = None, headers: Optional[dict[str, str]] = None) -> "Reply":
        """HTTP error. body=None gives an OpenAI-style {"error": {...}} body."""
        if body is None:
            body = _error_body(f"fake server: scripted error {status}", _ERROR_TYPES.get(status, "api_error"))
        return cls("error", status=status, body=body, headers=dict(headers or {}))

    @classmethod
    def drop(cls) -> "Reply":
        """Read the request, then shut the socket down without answering."""
        return cls("drop")

    @classmethod
    def delay(cls, seconds: float, then: Optional["Reply"] = None) -> "Reply":
        """Sleep `seconds`, then answer with `then` (default: Reply.content(""))."""
        return cls("delay", seconds=seconds, then=then if then is not None else cls.content(""))

    @classmethod
    def trickle(cls, seconds_per_byte: float, then: Optional["Reply"] = None) -> "Reply":
        """Send `then`'s status line and headers at once, then its body one byte every
        `seconds_per_byte` (a server that is alive but never finishes)."""
        return cls("trickle", seconds=seconds_per_byte, then=then if then is not None else cls.content(""))

    @classmethod
    def raw(cls, body: Any, status: int = 200, content_type: str = "text/html; charset=utf-8",
            headers: Optional[dict[str, str]] = None) -> "Reply":
        """Any body with any status and Content-Type (dict/list bodies are sent as JSON text),
        e.g. an HTML page or `{"choices": []}` answering 200 where a chat completion belongs."""
        text = json.dumps(body) if isinstance(body, (dict, list)) else str(body)
        return cls("raw", text=text, status=status, headers=dict(headers or {}), content_type=content_type)

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Reply":
        """JSON script form: {"content": s, "finish_reason": .., "usage": [p, c], "top_logprobs": {..}}
        | {"label": {token: logprob, ...}} | {"json": obj}
        | {"refusal": s} | {"error": 500, "body": .., "headers": {..}} | {"drop": true}
        | {"delay": 2, "then": {...}} or {"delay": 2, <other keys of the reply>}
        | {"trickle": 0.2, "then": {...}} | {"raw": "<html>", "status": 200, "content_type": ".."}."""
        d = dict(d)
        if "trickle" in d:
            seconds = float(d.pop("trickle"))
            then = d.pop("then", None)
            return cls.trickle(seconds, cls.from_json(then if then is not None else d) if (then or d) else None)
        if "raw" in d:
            return cls.raw(d["raw"], int(d.get("status", 200)), d.get("content_type", "text/html; charset=utf-8"),
                           d.get("headers"))
        if "delay" in d:
            seconds = float(d.pop("delay"))
            then = d.pop("then", None)
            return cls.delay(seconds, cls.from_json(then if then is not None else d) if (then or d) else None)
        usage = tuple(d["usage"]) if d.get("usage") else None
        if d.get("drop"):
            return cls.drop()
        if "error" in d:
            return cls.error(int(d["error"]), d.get("body"), d.get("headers"))
        if "refusal" in d:
            return cls.refusal(d["refusal"], usage=usage)
        if "json" in d:
            return cls.json(d["json"], d.get("finish_reason", "stop"), usage)
        if "label" in d:
            return cls.label(d["label"])
        if "content" in d:
            return cls.content(d["content"], d.get("finish_reason", "stop"), usage, d.get("top_logprobs"))
        raise ValueError(f"fake server: cannot parse scripted reply {d!r}")


@dataclass
class CapturedRequest:
    method: str
    path: str
    headers: dict[str, str]  # keys lower-cased, e.g. headers["authorization"]
    body: Any  # parsed JSON (None if empty / not JSON)
    raw: bytes = b""

    def __getitem__(self, key: str) -> Any:  # allow req["body"] as well as req.body
        return getattr(self, key)


_ERROR_TYPES = {400: "invalid_request_error", 401: "authentication_error", 403: "permission_error",
                404: "not_found_error", 429: "rate_limit_error"}


def _error_body(message: str, type_: str = "invalid_request_error", param: Optional[str] = None,
                code: Optional[str] = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


def _estimate_tokens(obj: Any) -> int:
    if obj is None:
        return 0
    s = obj if isinstance(obj, str) else json.dumps(obj, ensure_ascii=False)
    return max(1, len(s) // 4) if s else 0


def _logprobs(reply: Reply, body: dict[str, Any]) -> Optional[dict[str, Any]]:
    """OpenAI's `choices[0].logprobs` for the reply's first token, when the request asks."""
    if not body.get("logprobs"):
        return None
    top = reply.top_logprobs if reply.top_logprobs is not None else {reply.text or "": 0.0}
    ranked = sorted(top.items(), key=lambda kv: -kv[1])
    first = ranked[0] if ranked else (reply.text or "", 0.0)
    listed = ranked[: int(body.get("top_logprobs") or 0)]
    return {"content": [{"token": first[0], "logprob": first[1], "bytes": list(first[0].encode()),
                         "top_logprobs": [{"token": t, "logprob": lp, "bytes": list(t.encode())}
                                          for t, lp in listed]}],
            "refusal": None}


def _tool_name(body: dict[str, Any]) -> str:
    choice = body.get("tool_choice")
    if isinstance(choice, dict):
        name = (choice.get("function") or {}).get("name") or choice.get("name")
        if name:
            return name
    for tool in body.get("tools") or []:
        name = (tool.get("function") or {}).get("name") or tool.get("name")
        if name:
            return name
    return "tool"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeOpenAI/1.0"
    timeout = 120  # idle keep-alive connections are closed after this
    disable_nagle_algorithm = True  # else headers+body in 2 writes cost ~40 ms (delayed ACK)

    def log_message(self, format: str, *args: Any) -> None:  # silence
        pass

    # -- plumbing ---------------------------------------------------------
    def _read(self) -> CapturedRequest:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        req = CapturedRequest(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body, raw)
        self.server.fake._capture(req)
        return req

    def _send(self, status: int, payload: Any, headers: Optional[dict[str, str]] = None,
              content_type: Optional[str] = None, seconds_per_byte: float = 0.0) -> None:
        if isinstance(payload, (dict, list)):
            data, ctype = json.dumps(payload).encode(), "application/json"
        else:
            data, ctype = str(payload if payload is not None else "").encode(), "text/plain; charset=utf-8"
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type or ctype)
            self.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                self.send_header(k, str(v))
            self.end_headers()
            if seconds_per_byte > 0:  # trickle: alive, but never done in time
                self.wfile.flush()
                for i in range(len(data)):
                    self.wfile.write(data[i:i + 1])
                    self.wfile.flush()
                    time.sleep(seconds_per_byte)
            else:
                self.wfile.write(data)
            self.wfile.flush()
        except OSError:  # client went away (e.g. timed out during a delay)
            self.close_connection = True

    def _drop(self) -> None:
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    # -- routes -----------------------------------------------------------
    def do_GET(self) -> None:
        self._read()
        if self.path.rstrip("/") in ("/v1/models", "/models"):
            fake = self.server.fake
            data = [{"id": m, "object": "model", "created": 0, "owned_by": "fake"} for m in fake.models]
            self._send(200, {"object": "list", "data": data})
        else:
            self._send(404, _error_body(f"fake server: unknown path GET {self.path}", "not_found_error"))

    def do_POST(self) -> None:
        req = self._read()
        if self.path.rstrip("/") not in ("/v1/chat/completions", "/chat/completions"):
            self._send(404, _error_body(f"fake server: unknown path POST {self.path}", "not_found_error"))
            return
        body = req.body if isinstance(req.body, dict) else {}
        fake = self.server.fake
        rejected = fake._rejection(body)
        if rejected is not None:
            self._send(400, rejected)
            return
        if body.get("stream"):
            self._send(400, _error_body("fake server: streaming is not supported", param="stream"))
            return
        reply = fake._next_reply(body)
        if reply is None:
            self._send(500, _error_body(NO_REPLY_MESSAGE, "server_error"))
            return
        self._answer(reply, body)

    def _answer(self, reply: Reply, body: dict[str, Any]) -> None:
        per_byte = 0.0
        while reply.kind in ("delay", "trickle"):
            if reply.kind == "trickle":
                per_byte = reply.seconds
            else:
                time.sleep(reply.seconds)
            reply = reply.then or Reply.content("")
        if reply.kind == "drop":
            self._drop()
        elif reply.kind == "error":
            self._send(reply.status, reply.body, reply.headers, seconds_per_byte=per_byte)
        elif reply.kind == "raw":
            self._send(reply.status, reply.text, reply.headers, content_type=reply.content_type,
                       seconds_per_byte=per_byte)
        elif reply.kind in ("content", "refusal"):
            self._send(200, self.server.fake._completion(reply, body), reply.headers, seconds_per_byte=per_byte)
        else:
            self._send(500, _error_body(f"fake server: unknown reply kind {reply.kind!r}", "server_error"))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 256  # many concurrent connections in benchmarks
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, OSError):  # resets / broken pipes are expected (drops, client timeouts)
            return
        super().handle_error(request, client_address)


DefaultHandler = Union[Reply, Callable[[dict[str, Any]], Optional[Reply]], None]


class FakeOpenAI:
    """Fake OpenAI-compatible server on 127.0.0.1 (ephemeral port by default)."""

    def __init__(self, models: Optional[list[str]] = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.models: list[str] = list(models or ["fake-model"])
        self.host, self.port = host, port
        self.requests: list[CapturedRequest] = []
        self.default: DefaultHandler = None
        self.reject_modes: set[str] = set()
        # Request fields refused with 400 and that field as `param` (e.g. {"temperature"},
        # as OpenAI's o-series and gpt-5 models answer).
        self.reject_params: set[str] = set()
        self._queue: collections.deque[Reply] = collections.deque()
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._server: Optional[_Server] = None
        self._thread: Optional[threading.Thread] = None

    # -- lifecycle --------------------------------------------------------
    def start(self) -> "FakeOpenAI":
        if self._server is None:
            self._server = _Server((self.host, self.port), _Handler)
            self._server.fake = self  # type: ignore[attr-defined]
            self.port = self._server.server_address[1]
            self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                            name=f"fake-openai-{self.port}", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            if self._thread is not None:
                self._thread.join(timeout=5)
            self._server = self._thread = None

    def __enter__(self) -> "FakeOpenAI":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.url}/v1"

    # -- scripting --------------------------------------------------------
    def enqueue(self, *replies: Reply) -> "FakeOpenAI":
        with self._lock:
            self._queue.extend(replies)
        return self

    @property
    def pending(self) -> int:
        """Number of scripted replies not consumed yet."""
        with self._lock:
            return len(self._queue)

    @property
    def chat_requests(self) -> list[CapturedRequest]:
        """Captured POST .../chat/completions requests only."""
        with self._lock:
            return [r for r in self.requests if r.method == "POST" and r.path.rstrip("/").endswith("chat/completions")]

    def reset(self) -> None:
        """Clear queue, captured requests, default, reject_modes and reject_params."""
        with self._lock:
            self._queue.clear()
            self.requests.clear()
        self.default = None
        self.reject_modes = set()
        self.reject_params = set()

    # -- internals (called from handler threads) ---------------------------
    def _capture(self, req: CapturedRequest) -> None:
        with self._lock:
            self.requests.append(req)

    def _next_reply(self, body: dict[str, Any]) -> Optional[Reply]:
        with self._lock:
            if self._queue:
                return self._queue.popleft()
        default = self.default
        if isinstance(default, Reply):
            return default
        if callable(default):
            return default(body)
        return None

    def _rejection(self, body: dict[str, Any]) -> Optional[dict[str, Any]]:
        for name in sorted(self.reject_params):
            if name in body:
                return _error_body(f"Unsupported parameter: '{name}' is not supported with this model.",
                                   param=name, code="unsupported_parameter")
        modes = self.reject_modes
        if not modes:
            return None
        rf = body.get("response_format")
        rf_type = rf.get("type") if isinstance(rf, dict) else None
        if rf_type and rf_type in modes:
            return _error_body(f"response_format type '{rf_type}' is not supported by this server",
                               param="response_format")
        if "tools" in modes and body.get("tools"):
            return _error_body("tools / function calling is not supported by this server", param="tools")
        return None

    def _completion(self, reply: Reply, body: dict[str, Any]) -> dict[str, Any]:
        n = next(self._ids)
        message: dict[str, Any] = {"role": "assistant", "content": None, "refusal": None}
        finish = reply.finish_reason
        if reply.kind == "refusal":
            message["refusal"] = reply.text
            finish = "stop"
        elif body.get("tools"):
            message["tool_calls"] = [{"id": f"call_fake_{n}", "type": "function",
                                      "function": {"name": _tool_name(body), "arguments": reply.text or ""}}]
            if finish == "stop":
                finish = "tool_calls"
        else:
            message["content"] = reply.text
        if reply.usage is not None:
            prompt, completion = int(reply.usage[0]), int(reply.usage[1])
        else:
            prompt, completion = _estimate_tokens(body.get("messages")), _estimate_tokens(reply.text)
        return {
            "id": f"chatcmpl-fake-{n}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model") or self.models[0],
            "choices": [{"index": 0, "message": message, "finish_reason": finish,
                         "logprobs": _logprobs(reply, body) if reply.kind == "content" else None}],
            "usage": {"prompt_tokens": prompt, "completion_tokens": completion,
                      "total_tokens": prompt + completion},
        }


def serve(*replies: Reply, models: Optional[list[str]] = None, default: DefaultHandler = None) -> FakeOpenAI:
    """Start a FakeOpenAI (caller must .stop() it), optionally pre-scripted."""
    fake = FakeOpenAI(models=models).start()
    fake.enqueue(*replies)
    fake.default = default
    return fake


def main(argv: Optional[list[str]] = None) -> None:
    p = argparse.ArgumentParser(description="Fake OpenAI-compatible server for tests.")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--script", help="JSON file: list of replies (see Reply.from_json)")
    p.add_argument("--default-content", help="file whose text answers every request once the script is used up")
    p.add_argument("--default-delay", type=float, default=0.0, help="latency (s) for default answers")
    p.add_argument("--model", action="append", help="model name for /v1/models (repeatable)")
    p.add_argument("--reject", action="append", default=[], help="reject mode, e.g. json_schema or tools")
    p.add_argument("--reject-param", action="append", default=[],
                   help="refuse requests carrying this field with 400, e.g. temperature")
    p.add_argument("--requests-log", help="append each captured request as a JSON line to this file")
    a = p.parse_args(argv)

    fake = FakeOpenAI(models=a.model, host=a.host, port=a.port)
    if a.script:
        with open(a.script, encoding="utf-8") as f:
            fake.enqueue(*(Reply.from_json(d) for d in json.load(f)))
    if a.default_content:
        with open(a.default_content, encoding="utf-8") as f:
            reply = Reply.content(f.read())
        fake.default = Reply.delay(a.default_delay, reply) if a.default_delay else reply
    fake.reject_modes = set(a.reject)
    fake.reject_params = set(a.reject_param)
    if a.requests_log:
        log_lock, capture = threading.Lock(), fake._capture

        def _capture_and_log(req: CapturedRequest) -> None:
            capture(req)
            line = json.dumps({"method": req.method, "path": req.path, "headers": req.headers, "body": req.body})
            with log_lock, open(a.requests_log, "a", encoding="utf-8") as f:
                f.write(line + "\n")

        fake._capture = _capture_and_log  # type: ignore[method-assign]
    fake.start()
    print(fake.base_url, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        fake.stop()


if __name__ == "__main__":
    main()
