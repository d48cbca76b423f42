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
    OpenAICompatEngine("m", mode="json_schema").complete(request())
    OpenAICompatEngine("m", mode="json_schema", api_key="sk-explicit").complete(request())
    assert [r.headers["authorization"] for r in fake.chat_requests] == ["Bearer sk-from-env", "Bearer sk-explicit"]


def test_engine_identity():
    eng = OpenAICompatEngine("m", base_url="http://127.0.0.1:9/v1", mode="tools")
    assert eng.identity() == {"engine": "openai", "endpoint": "http://127.0.0.1:9/v1", "model": "m", "mode": "tools"}
    assert eng.endpoint == "http://127.0.0.1:9/v1#m"
