"""OpenAICompatEngine against the loopback fake server: modes, fallback memory, retries, errors."""

from __future__ import annotations

import asyncio
import json
import time

import pytest
from fake_openai import Reply

from summarizer.engines.base import Request
from summarizer.engines.openai import ModeMemory, OpenAICompatEngine, RetryPolicy, extract_json
from summarizer.errors import ConfigError, EndpointError
from summarizer.models import ModelOutput, inline_schema

SCHEMA = inline_schema(ModelOutput)
FAST = RetryPolicy(retries=2, backoff=0.01, max_backoff=0.02)
MESSAGES = [{"role": "system", "content": "You are terse."}, {"role": "user", "content": "Summarize."}]
REPLY = '{"ok": true}'


def request(**params):
    return Request(messages=[dict(m) for m in MESSAGES], schema=SCHEMA, schema_name="article_summary", params=params)


def engine(fake, *, mode="auto", retry=FAST, memory=None, **kw):
    return OpenAICompatEngine("fake-model", base_url=fake.base_url, mode=mode, retry=retry, mode_memory=memory, **kw)


# --------------------------------------------------------------------------- modes


def test_engine_json_schema_request_is_strict(fake):
    fake.enqueue(Reply.content(REPLY, usage=(11, 4)))
    done = engine(fake, mode="json_schema").complete(request(temperature=0.0, max_tokens=50))
    body = fake.chat_requests[0].body
    assert body["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "article_summary", "schema": SCHEMA, "strict": True},
    }
    assert body["messages"] == MESSAGES  # schema travels in response_format only
    assert (body["model"], body["temperature"], body["max_tokens"]) == ("fake-model", 0.0, 50)
    assert "tools" not in body
    assert (done.text, done.mode, done.finish_reason) == (REPLY, "json_schema", "stop")
    assert (done.usage.prompt_tokens, done.usage.completion_tokens, done.usage.total_tokens) == (11, 4, 15)


def test_engine_json_object_request_carries_schema_twice(fake):
    fake.enqueue(Reply.content(REPLY))
    done = engine(fake, mode="json_object").complete(request())
    body = fake.chat_requests[0].body
    assert body["response_format"] == {"type": "json_object", "schema": SCHEMA}
    system = body["messages"][0]["content"]
    assert system.startswith("You are terse.")
    assert system.endswith(json.dumps(SCHEMA, separators=(",", ":")))
    assert body["messages"][1:] == MESSAGES[1:]
    assert done.mode == "json_object"


def test_engine_tools_request_forces_one_function(fake):
    fake.enqueue(Reply.content(REPLY))
    done = engine(fake, mode="tools").complete(request())
    body = fake.chat_requests[0].body
    (tool,) = body["tools"]
    assert tool["type"] == "function"
    assert tool["function"]["name"] == "article_summary"
    assert tool["function"]["parameters"] == SCHEMA and tool["function"]["strict"] is True
    assert body["tool_choice"] == {"type": "function", "function": {"name": "article_summary"}}
    assert "response_format" not in body
    assert (done.text, done.mode) == (REPLY, "tools")  # the call's arguments


def test_engine_text_mode_parses_first_json_object_out_of_prose(fake):
    prose = 'Sure {not json}! Here it is:\n```json\n{"summary": "a {brace} inside", "n": [1, 2]}\n```\nAnd {"x": 1}.'
    fake.enqueue(Reply.content(prose))
    done = engine(fake, mode="text").complete(request())
    body = fake.chat_requests[0].body
    assert "response_format" not in body and "tools" not in body
    assert "matches this JSON Schema" in body["messages"][0]["content"]
    assert json.loads(done.text) == {"summary": "a {brace} inside", "n": [1, 2]}
    assert done.mode == "text"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": 1}', '{"a": 1}'),
        ('prefix {"a": {"b": [1, "}"]}} suffix', '{"a": {"b": [1, "}"]}}'),
        ('{broken {"a": 2}', '{"a": 2}'),
        ("no json at all", "no json at all"),
    ],
)
def test_extract_json(text, expected):
    assert extract_json(text) == expected


def test_engine_unknown_mode():
    with pytest.raises(ConfigError, match="unknown mode"):
        OpenAICompatEngine("m", base_url="http://127.0.0.1:9/v1", mode="xml")


# --------------------------------------------------------------------------- auto and memory


def test_engine_auto_falls_back_and_remembers(fake, tmp_path):
    fake.reject_modes = {"json_schema"}
    memory = ModeMemory(tmp_path / "modes.json")
    fake.enqueue(Reply.content(REPLY))
    first = engine(fake, memory=memory)
    assert first.identity()["mode"] == "json_schema"
    done = first.complete(request())
    kinds = [r.body["response_format"]["type"] for r in fake.chat_requests]
    assert kinds == ["json_schema", "json_object"]
    assert done.mode == "json_object"
    assert json.loads((tmp_path / "modes.json").read_text()) == {first.endpoint: "json_object"}

    # A new engine over the same memory goes straight to json_object.
    fake.enqueue(Reply.content(REPLY))
    second = engine(fake, memory=ModeMemory(tmp_path / "modes.json"))
    assert second.identity()["mode"] == "json_object"
    second.complete(request())
    assert [r.body["response_format"]["type"] for r in fake.chat_requests[2:]] == ["json_object"]


def test_engine_auto_walks_every_mode_down_to_text(fake):
    fake.reject_modes = {"json_schema", "json_object", "tools"}
    fake.enqueue(Reply.content("Here: " + REPLY))
    done = engine(fake).complete(request())
    assert done.mode == "text" and done.text == REPLY
    assert len(fake.chat_requests) == 4


def test_engine_auto_every_mode_rejected(fake):
    fake.default = Reply.error(
        400,
        {
            "error": {
                "message": "response_format is not supported",
                "type": "invalid_request_error",
                "param": "response_format",
            }
        },
    )
    with pytest.raises(EndpointError, match="rejected every output mode"):
        engine(fake).complete(request())
    assert len(fake.chat_requests) == 4


def test_engine_explicit_mode_rejected_suggests_auto(fake):
    fake.reject_modes = {"json_schema"}
    with pytest.raises(EndpointError, match="try --mode auto"):
        engine(fake, mode="json_schema").complete(request())
    assert len(fake.chat_requests) == 1


def test_mode_memory_ignores_damaged_file(tmp_path):
    path = tmp_path / "modes.json"
    path.write_text("{not json")
    memory = ModeMemory(path)
    assert memory.get("x") is None
    memory.set("x", "tools")
    assert ModeMemory(path).get("x") == "tools"
    path.write_text(json.dumps({"x": "bogus", "y": "text"}))
    fresh = ModeMemory(path)  # an instance reads the file once (identity() asks often)
    assert (fresh.get("x"), fresh.get("y")) == (None, "text")
    assert memory.get("x") == "tools"


# --------------------------------------------------------------------------- transport retries


def test_engine_retries_5xx_then_succeeds(fake):
    fake.enqueue(Reply.error(500), Reply.error(503), Reply.content(REPLY))
    assert engine(fake).complete(request()).text == REPLY
    assert len(fake.chat_requests) == 3


def test_engine_5xx_beyond_budget(fake):
    fake.default = Reply.error(500)
    with pytest.raises(EndpointError, match="HTTP 500 after 3 tries"):
        engine(fake).complete(request())
    assert len(fake.chat_requests) == 3  # 1 + retries


def test_engine_honours_retry_after(fake):
    fake.enqueue(Reply.error(429, headers={"Retry-After": "1"}), Reply.content(REPLY))
    assert engine(fake).complete(request()).text == REPLY
    first, second = fake.arrivals
    assert second - first >= 1.0


def test_engine_retry_after_beyond_wait_budget_fails_at_once(fake):
    fake.enqueue(Reply.error(429, headers={"Retry-After": "30"}))
    started = time.monotonic()
    with pytest.raises(EndpointError, match="HTTP 429"):
        engine(fake, retry=RetryPolicy(retries=3, backoff=0.01, max_wait=1.0)).complete(request())
    assert time.monotonic() - started < 5
    assert len(fake.chat_requests) == 1


def test_engine_auth_error_is_not_retried(fake):
    fake.default = Reply.error(401)
    with pytest.raises(EndpointError, match="rejected the API key.*OPENAI_API_KEY"):
        engine(fake, retry=RetryPolicy(retries=3, backoff=0.01)).complete(request())
    assert len(fake.chat_requests) == 1


def test_engine_not_found_names_model_and_base_url(fake):
    fake.default = Reply.error(404)
    with pytest.raises(EndpointError, match="--model.*--base-url"):
        engine(fake).complete(request())
    assert len(fake.chat_requests) == 1


def test_engine_dropped_connection_is_retried(fake):
    fake.enqueue(Reply.drop(), Reply.content(REPLY))
    assert engine(fake).complete(request()).text == REPLY
    assert len(fake.chat_requests) == 2


def test_engine_connection_refused(closed_port_url):
    eng = OpenAICompatEngine("m", base_url=closed_port_url, retry=RetryPolicy(retries=1, backoff=0.01))
    with pytest.raises(EndpointError, match="could not connect.*after 2 tries"):
        eng.complete(request())


def test_engine_timeout(fake):
    fake.enqueue(Reply.delay(1.5, Reply.content(REPLY)))
    with pytest.raises(EndpointError, match="timed out"):
        engine(fake, timeout=0.2, retry=RetryPolicy(retries=0)).complete(request())


def acomplete(eng):
    """Run one async completion in its own event loop, closing the client before the loop ends."""

    async def run():
        try:
            return await eng.acomplete(request())
        finally:
            await eng.aclose()

    return asyncio.run(run())


def test_engine_async_retries_then_succeeds(fake):
    fake.enqueue(Reply.error(502), Reply.content(REPLY, usage=(3, 2)))
    done = acomplete(engine(fake, mode="json_schema"))
    assert (done.text, done.usage.total_tokens) == (REPLY, 5)
    assert len(fake.chat_requests) == 2


def test_engine_async_auto_fallback(fake, tmp_path):
    fake.reject_modes = {"json_schema"}
    fake.enqueue(Reply.content(REPLY))
    done = acomplete(engine(fake, memory=ModeMemory(tmp_path / "m.json")))
    assert done.mode == "json_object"


def test_engine_close_is_idempotent(fake):
    fake.enqueue(Reply.content(REPLY))
    eng = engine(fake, mode="json_schema")
    eng.close()  # nothing opened yet
    eng.complete(request())
    eng.close()
    eng.close()
    asyncio.run(eng.aclose())


# --------------------------------------------------------------------------- replies


def test_engine_refusal(fake):
    fake.enqueue(Reply.refusal("I can't help with that."))
    done = engine(fake, mode="json_schema").complete(request())
    assert done.refusal == "I can't help with that." and done.text == ""


def test_engine_content_filter_is_a_refusal(fake):
    fake.enqueue(Reply.content("", finish_reason="content_filter"))
    assert "content filter" in engine(fake, mode="json_schema").complete(request()).refusal


def test_engine_truncated_reply_keeps_finish_reason(fake):
    fake.enqueue(Reply.content('{"summary": "cut', finish_reason="length"))
    done = engine(fake, mode="json_schema").complete(request())
    assert done.finish_reason == "length"


# --------------------------------------------------------------------------- keys and endpoints


def test_engine_without_key_or_base_url_is_a_config_error():
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        OpenAICompatEngine("m")


def test_engine_local_server_needs_no_key(fake):
    fake.enqueue(Reply.content(REPLY))
    engine(fake, mode="json_schema").complete(request())
    assert "authorization" not in fake.chat_requests[0].headers  # no key at all, not a placeholder


def test_engine_keys_and_base_url_from_env(fake, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    fake.enqueue(Reply.content(REPLY), Reply.content(REPLY))
    engines = [
        OpenAICompatEngine("m", mode="json_schema"),
        OpenAICompatEngine("m", mode="json_schema", api_key="sk-explicit"),
    ]
    try:
        for engine in engines:
            engine.complete(request())
    finally:
        for engine in engines:
            engine.close()  # or its socket is left to the garbage collector (a ResourceWarning)
    assert [r.headers["authorization"] for r in fake.chat_requests] == ["Bearer sk-from-env", "Bearer sk-explicit"]


def test_engine_identity():
    eng = OpenAICompatEngine("m", base_url="http://127.0.0.1:9/v1", mode="tools")
    assert eng.identity() == {"engine": "openai", "endpoint": "http://127.0.0.1:9/v1", "model": "m", "mode": "tools"}
    assert eng.endpoint == "http://127.0.0.1:9/v1#m"


# --------------------------------------------------------------------------- one retry policy (issue #9, item 8)


def test_retry_policy_is_one_tenacity_controller():
    import tenacity

    policy = RetryPolicy(retries=2)
    controller = policy.retrying(lambda err: True)
    assert isinstance(controller, tenacity.AsyncRetrying)  # the sync API runs the same async path


def test_engine_async_honours_retry_after(fake):
    fake.enqueue(Reply.error(429, headers={"Retry-After": "1"}), Reply.content(REPLY))
    assert acomplete(engine(fake, mode="json_schema")).text == REPLY
    first, second = fake.arrivals
    assert second - first >= 1.0


def test_engine_async_retry_after_beyond_wait_budget_fails_at_once(fake):
    fake.enqueue(Reply.error(429, headers={"Retry-After": "30"}))
    started = time.monotonic()
    with pytest.raises(EndpointError, match="HTTP 429 after 1 tries"):
        acomplete(engine(fake, mode="json_schema", retry=RetryPolicy(retries=3, backoff=0.01, max_wait=1.0)))
    assert time.monotonic() - started < 5
    assert len(fake.chat_requests) == 1


@pytest.mark.parametrize("path", ["sync", "async"])
def test_engine_sleep_budget_caps_retries(fake, path):
    """Many retries allowed, little sleep: the budget, not the count, ends it, on both paths."""
    fake.default = Reply.error(503)
    eng = engine(fake, mode="json_schema", retry=RetryPolicy(retries=20, backoff=0.4, max_backoff=0.4, max_wait=1.0))
    started = time.monotonic()
    with pytest.raises(EndpointError, match="HTTP 503 after [2-6] tries"):
        eng.complete(request()) if path == "sync" else acomplete(eng)
    assert time.monotonic() - started < 2.5
    assert 2 <= len(fake.chat_requests) <= 6  # 0.2-0.4 s per wait within 1 s


def test_engine_timeout_bounds_the_whole_request_sync_and_async(fake):
    for run in (lambda e: e.complete(request()), acomplete):
        fake.enqueue(Reply.trickle(0.05, Reply.content(REPLY)))
        started = time.monotonic()
        with pytest.raises(EndpointError, match="timed out after 1 tries"):
            run(engine(fake, mode="json_schema", timeout=0.5, retry=RetryPolicy(retries=0)))
        assert time.monotonic() - started < 2.0


def test_engine_close_stops_the_sync_loop_thread(fake):
    import threading

    fake.enqueue(Reply.content(REPLY))
    eng = engine(fake, mode="json_schema")
    eng.complete(request())
    assert any(t.name == "summarizer-openai" for t in threading.enumerate())
    before = sum(t.name == "summarizer-openai" for t in threading.enumerate())
    eng.close()
    assert sum(t.name == "summarizer-openai" for t in threading.enumerate()) == before - 1


# --------------------------------------------------------------------------- 400s by structured fields (item 10)


def test_engine_llama_cpp_python_validation_500_is_a_mode_rejection(fake):
    """llama-cpp-python's server answers a json_schema response_format with a 500 whose
    message is a stringified validation error with its `loc`; that field is structured."""
    message = (
        "1 validation error: {'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), "
        "'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema'}"
    )
    fake.enqueue(
        Reply.error(500, {"error": {"message": message, "type": "internal_server_error", "param": None, "code": None}}),
        Reply.content(REPLY),
    )
    done = engine(fake).complete(request())
    assert done.mode == "json_object"
    assert len(fake.chat_requests) == 2  # not retried as a 5xx first


def test_engine_fastapi_422_on_response_format_is_a_mode_rejection(fake):
    fake.enqueue(
        Reply.error(422, {"detail": [{"type": "literal_error", "loc": ["body", "response_format", "type"],
                                      "msg": "Input should be 'json_object'"}]}),
        Reply.content(REPLY),
    )  # fmt: skip
    assert engine(fake).complete(request()).mode == "json_object"


def test_engine_temperature_rejection_remembered_in_identity(fake, tmp_path):
    fake.reject_params = {"temperature"}
    fake.default = Reply.content(REPLY)
    memory = ModeMemory(tmp_path / "modes.json")
    eng = engine(fake, memory=memory)
    assert "dropped_params" not in eng.identity()
    eng.complete(request(temperature=0.0))
    assert eng.identity()["dropped_params"] == ["temperature"]  # part of the cache key from now on
    fresh = engine(fake, memory=ModeMemory(tmp_path / "modes.json"))
    assert fresh.identity()["dropped_params"] == ["temperature"]
    assert fresh.identity()["mode"] == "json_schema"


# --------------------------------------------------------------------------- 200s that are not completions (item 11)


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("body", [[], {}, "plain", {"choices": [{"message": None}]}, {"choices": "x"}, ""])
def test_engine_odd_200_bodies_are_not_completions(fake, body):
    fake.enqueue(Reply.raw(body, content_type="application/json"))
    with pytest.raises(EndpointError, match="not a chat completion: "):
        engine(fake, mode="json_schema").complete(request())
    assert len(fake.chat_requests) == 1
