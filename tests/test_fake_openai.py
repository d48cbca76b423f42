"""Tests of the fake OpenAI server itself, through the real `openai` client."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import openai
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fake_openai import FakeOpenAI, Reply, serve  # noqa: E402

MSGS = [{"role": "user", "content": "Summarize: hello world"}]
TOOL = {"type": "function", "function": {"name": "emit_summary", "parameters": {"type": "object"}}}


@pytest.fixture
def fake():
    with FakeOpenAI(models=["fake-a", "fake-b"]) as f:
        yield f


def client(fake: FakeOpenAI, **kw) -> openai.OpenAI:
    return openai.OpenAI(base_url=fake.base_url, api_key="sk-test", max_retries=0, **kw)


def test_content_reply(fake):
    fake.enqueue(Reply.content('{"summary": "hi"}', usage=(12, 3)))
    r = client(fake).chat.completions.create(model="fake-a", messages=MSGS)
    assert r.choices[0].message.content == '{"summary": "hi"}'
    assert r.choices[0].finish_reason == "stop"
    assert (r.usage.prompt_tokens, r.usage.completion_tokens, r.usage.total_tokens) == (12, 3, 15)
    assert r.model == "fake-a"
    assert fake.pending == 0


def test_truncated_content_and_estimated_usage(fake):
    fake.enqueue(Reply.content('{"summ', finish_reason="length"))
    r = client(fake).chat.completions.create(model="fake-a", messages=MSGS)
    assert r.choices[0].finish_reason == "length"
    assert r.usage.total_tokens == r.usage.prompt_tokens + r.usage.completion_tokens > 0


def test_tools_adaptation(fake):
    fake.enqueue(Reply.content('{"summary": "x"}'), Reply.content('{"summ', finish_reason="length"))
    c = client(fake)
    kw = dict(model="fake-a", messages=MSGS, tools=[TOOL],
              tool_choice={"type": "function", "function": {"name": "emit_summary"}})
    r = c.chat.completions.create(**kw)
    msg = r.choices[0].message
    assert msg.content is None
    assert r.choices[0].finish_reason == "tool_calls"
    assert len(msg.tool_calls) == 1
    assert msg.tool_calls[0].type == "function"
    assert msg.tool_calls[0].function.name == "emit_summary"
    assert json.loads(msg.tool_calls[0].function.arguments) == {"summary": "x"}
    assert msg.tool_calls[0].id
    r2 = c.chat.completions.create(**kw)
    assert r2.choices[0].finish_reason == "length"
    assert r2.choices[0].message.tool_calls[0].function.arguments == '{"summ'


def test_refusal(fake):
    fake.enqueue(Reply.refusal("I can't help with that."))
    r = client(fake).chat.completions.create(model="fake-a", messages=MSGS)
    assert r.choices[0].message.refusal == "I can't help with that."
    assert r.choices[0].message.content is None


def test_429_retry_after(fake):
    fake.enqueue(Reply.error(429, headers={"Retry-After": "1"}))
    with pytest.raises(openai.RateLimitError) as ei:
        client(fake).chat.completions.create(model="fake-a", messages=MSGS)
    assert isinstance(ei.value, openai.APIStatusError)
    assert ei.value.status_code == 429
    assert ei.value.response.headers["retry-after"] == "1"


@pytest.mark.parametrize("status,exc", [(500, openai.InternalServerError),
                                        (401, openai.AuthenticationError)])
def test_other_errors(fake, status, exc):
    fake.enqueue(Reply.error(status, "plain text body"))
    with pytest.raises(exc) as ei:
        client(fake).chat.completions.create(model="fake-a", messages=MSGS)
    assert ei.value.status_code == status


def test_400_openai_style_body(fake):
    body = {"error": {"message": "bad schema", "type": "invalid_request_error",
                      "param": "response_format", "code": None}}
    fake.enqueue(Reply.error(400, body))
    with pytest.raises(openai.BadRequestError) as ei:
        client(fake).chat.completions.create(model="fake-a", messages=MSGS)
    assert ei.value.param == "response_format"
    assert "bad schema" in str(ei.value)


def test_drop(fake):
    fake.enqueue(Reply.drop(), Reply.content("after"))
    c = client(fake)
    with pytest.raises(openai.APIConnectionError):
        c.chat.completions.create(model="fake-a", messages=MSGS)
    # the server keeps working after a drop
    assert c.chat.completions.create(model="fake-a", messages=MSGS).choices[0].message.content == "after"


def test_delay_and_timeout(fake):
    fake.enqueue(Reply.delay(1.0, Reply.content("late")), Reply.delay(0.2, Reply.content("ok")))
    c = client(fake)
    with pytest.raises(openai.APITimeoutError):
        c.with_options(timeout=0.3).chat.completions.create(model="fake-a", messages=MSGS)
    t0 = time.monotonic()
    r = c.chat.completions.create(model="fake-a", messages=MSGS)
    assert r.choices[0].message.content == "ok"
    assert time.monotonic() - t0 >= 0.2


def test_reject_modes(fake):
    fake.reject_modes = {"json_schema", "tools"}
    fake.enqueue(Reply.content("{}"))
    c = client(fake)
    rf = {"type": "json_schema", "json_schema": {"name": "s", "schema": {"type": "object"}}}
    with pytest.raises(openai.BadRequestError) as ei:
        c.chat.completions.create(model="fake-a", messages=MSGS, response_format=rf)
    assert "response_format" in str(ei.value)
    assert ei.value.param == "response_format"
    with pytest.raises(openai.BadRequestError) as ei:
        c.chat.completions.create(model="fake-a", messages=MSGS, tools=[TOOL])
    assert "tools" in str(ei.value)
    assert fake.pending == 1  # rejections do not consume the queue
    r = c.chat.completions.create(model="fake-a", messages=MSGS, response_format={"type": "json_object"})
    assert r.choices[0].message.content == "{}"
    assert len(fake.requests) == 3


def test_captured_request(fake):
    fake.enqueue(Reply.content("ok"))
    client(fake).chat.completions.create(model="fake-b", messages=MSGS, temperature=0.2,
                                         response_format={"type": "json_object"})
    req = fake.requests[0]
    assert req.method == "POST"
    assert req.path == "/v1/chat/completions"
    assert req.headers["authorization"] == "Bearer sk-test"
    assert req.body["model"] == "fake-b"
    assert req.body["messages"] == MSGS
    assert req.body["temperature"] == 0.2
    assert req["body"]["response_format"] == {"type": "json_object"}
    assert fake.chat_requests == [req]
    fake.reset()
    assert fake.requests == [] and fake.pending == 0


def test_no_reply_left_and_default(fake):
    c = client(fake)
    with pytest.raises(openai.InternalServerError) as ei:
        c.chat.completions.create(model="fake-a", messages=MSGS)
    assert "no scripted reply left" in str(ei.value)
    fake.default = lambda body: Reply.content(f"echo {body['model']}")
    assert c.chat.completions.create(model="fake-b", messages=MSGS).choices[0].message.content == "echo fake-b"
    fake.default = Reply.content("fixed")
    assert c.chat.completions.create(model="fake-b", messages=MSGS).choices[0].message.content == "fixed"


def test_models(fake):
    assert [m.id for m in client(fake).models.list()] == ["fake-a", "fake-b"]


def test_concurrency(fake):
    n = 20
    fake.default = lambda body: Reply.delay(0.05, Reply.content(body["messages"][0]["content"]))
    c = client(fake)
    barrier = threading.Barrier(n)
    results: dict[int, str] = {}
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            barrier.wait()
            r = c.chat.completions.create(model="fake-a", messages=[{"role": "user", "content": f"msg {i}"}])
            results[i] = r.choices[0].message.content
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert not errors
    assert results == {i: f"msg {i}" for i in range(n)}
    assert len(fake.requests) == n
    assert time.monotonic() - t0 < 0.05 * n  # handled in parallel, not serially


def test_serve_helper():
    fake = serve(Reply.content("a"), models=["m"])
    try:
        r = httpx.post(fake.base_url + "/chat/completions", json={"model": "m", "messages": MSGS})
        assert r.status_code == 200
        assert r.json()["choices"][0]["message"]["content"] == "a"
    finally:
        fake.stop()


def test_script_mode(tmp_path):
    script = tmp_path / "replies.json"
    script.write_text(json.dumps([
        {"content": "first", "finish_reason": "length"},
        {"error": 500},
        {"delay": 0.1, "content": "slow"},
        {"drop": True},
    ]))
    default = tmp_path / "default.txt"
    default.write_text('{"summary": "default"}')
    log = tmp_path / "requests.jsonl"
    proc = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("fake_openai.py")), "--port", "0",
         "--script", str(script), "--default-content", str(default), "--requests-log", str(log)],
        stdout=subprocess.PIPE, text=True)
    try:
        base_url = proc.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/v1")
        c = openai.OpenAI(base_url=base_url, api_key="sk-test", max_retries=0)
        r = c.chat.completions.create(model="m", messages=MSGS)
        assert (r.choices[0].message.content, r.choices[0].finish_reason) == ("first", "length")
        with pytest.raises(openai.InternalServerError):
            c.chat.completions.create(model="m", messages=MSGS)
        assert c.chat.completions.create(model="m", messages=MSGS).choices[0].message.content == "slow"
        with pytest.raises(openai.APIConnectionError):
            c.chat.completions.create(model="m", messages=MSGS)
        for _ in range(2):
            r = c.chat.completions.create(model="m", messages=MSGS)
            assert r.choices[0].message.content == '{"summary": "default"}'
        lines = [json.loads(x) for x in log.read_text().splitlines()]
        assert len(lines) == 6 and lines[0]["body"]["messages"] == MSGS
        c.close()
    finally:
        proc.terminate()
        proc.wait(5)
        proc.stdout.close()  # or the pipe is left to the garbage collector (a ResourceWarning)
