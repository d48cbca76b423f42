"""What the CLI does with endpoints that misbehave (issue #9, items 4, 8-11), over real HTTP.

Each test drives `summarizer summarize` (or `batch`) against the loopback fake server:
the endpoint in the cache key, a whole-request timeout, 400s classified by their
structured fields, and 200s that are not chat completions.
"""

from __future__ import annotations

import json
import shutil
import time

import pytest
from conftest import SEED
from fake_openai import FakeOpenAI, Reply


def summarize(cli, fake, *extra):
    return cli("summarize", SEED, "--base-url", fake.base_url, "--retries", "0", *map(str, extra))


def one_error_line(result, code):
    assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarizer: error: "), result.stderr
    assert result.stdout == ""
    return lines[0]


def error(status=400, **fields):
    body = {"message": "fake error", "type": "invalid_request_error", "param": None, "code": None, **fields}
    return Reply.error(status, {"error": body})


# --------------------------------------------------------------------------- item 4: endpoint in the cache key


def test_cache_key_includes_the_endpoint(cli, fake, seed_output):
    """Two servers that both call their model "local" never share cached results."""
    fake.enqueue(Reply.json(seed_output))
    first = summarize(cli, fake, "--model", "local")
    assert first.exit_code == 0, first.stderr
    with FakeOpenAI(models=["local"]) as other:
        other.enqueue(Reply.json(seed_output))
        second = summarize(cli, other, "--model", "local")
        assert second.exit_code == 0, second.stderr
        assert len(other.chat_requests) == 1  # asked, not served from the first server's cache
    assert json.loads(second.stdout)["provenance"]["cached"] is False
    again = summarize(cli, fake, "--model", "local")  # the first server's own entry still hits
    assert json.loads(again.stdout)["provenance"]["cached"] is True
    assert len(fake.chat_requests) == 1


# --------------------------------------------------------------------------- item 9: --timeout is per request


def test_cli_timeout_bounds_the_whole_request(cli, fake):
    """A server trickling one byte every 0.1 s never trips a per-read timeout; the whole request must stop at 1 s."""
    fake.enqueue(Reply.trickle(0.1, Reply.content('{"summary": "slow"}')))
    started = time.monotonic()
    line = one_error_line(summarize(cli, fake, "--timeout", "1", "--no-cache"), 3)
    elapsed = time.monotonic() - started
    assert "timed out" in line
    assert elapsed < 3.0, f"--timeout 1 held the call for {elapsed:.1f}s"


def test_cli_batch_timeout_bounds_the_whole_request(cli, fake, tmp_path):
    article = tmp_path / "a.txt"
    shutil.copy(SEED, article)
    fake.enqueue(Reply.trickle(0.1, Reply.content('{"summary": "slow"}')))
    out = tmp_path / "out.jsonl"
    started = time.monotonic()
    result = cli("batch", article, "-o", out, "--base-url", fake.base_url, "--retries", "0", "--timeout", "1")
    elapsed = time.monotonic() - started
    assert result.exit_code == 1
    (line,) = [json.loads(x) for x in out.read_text().splitlines()]
    assert line["kind"] == "EndpointError" and "timed out" in line["error"]
    assert elapsed < 3.0, f"--timeout 1 held the batch for {elapsed:.1f}s"


# --------------------------------------------------------------------------- item 10: 400s by code/param/type


def test_cli_context_length_exits_3_with_token_counts(cli, fake):
    fake.default = error(
        message="This model's maximum context length is 8192 tokens. However, your messages resulted in "
        "9301 tokens. Please reduce the length of the messages.",
        param="messages",
        code="context_length_exceeded",
    )
    line = one_error_line(summarize(cli, fake), 3)
    assert "the article and prompt are 9301 tokens; the model's context is 8192" in line
    assert len(fake.chat_requests) == 1  # no mode cascade


def test_cli_context_length_from_llama_cpp_fields(cli, fake):
    """llama.cpp's server gives the numbers as fields of the error, under its own type."""
    fake.default = Reply.error(400, {"error": {"code": 400, "message": "the request exceeds the available context size",
                                               "type": "exceed_context_size_error", "n_prompt_tokens": 5120,
                                               "n_ctx": 4096}})  # fmt: skip
    line = one_error_line(summarize(cli, fake), 3)
    assert "the article and prompt are 5120 tokens; the model's context is 4096" in line
    assert len(fake.chat_requests) == 1


def test_cli_mode_fallback_ignores_words_in_the_message(cli, fake, tmp_path):
    """"function", "tool", "unsupported" in a message about something else is not a mode rejection."""
    fake.default = error(
        message="Unsupported: the tool/function named in your prompt is not supported by json_schema moderation",
        param="messages",
        code="invalid_value",
    )
    line = one_error_line(summarize(cli, fake, "--cache-dir", tmp_path / "c"), 3)
    assert "HTTP 400" in line and "tool/function" in line
    assert len(fake.chat_requests) == 1  # the json_schema request only: no cascade


def test_cli_mode_fallback_on_the_rejected_field(cli, fake, seed_output, tmp_path):
    fake.enqueue(error(message="nope", param="response_format"), error(message="nope", param="response_format"))
    fake.enqueue(Reply.json(seed_output))
    result = summarize(cli, fake, "--cache-dir", tmp_path / "c")
    assert result.exit_code == 0, result.stderr
    sent = [("response_format" in r.body and r.body["response_format"]["type"]) or ("tools" in r.body and "tools")
            for r in fake.chat_requests]  # fmt: skip
    assert sent == ["json_schema", "json_object", "tools"]
    assert json.loads((tmp_path / "c" / "modes.json").read_text()) == {f"{fake.base_url}#gpt-4o-mini": "tools"}


def test_cli_temperature_rejected_is_dropped_and_remembered(cli, fake, seed_output, tmp_path):
    fake.reject_params = {"temperature"}  # as gpt-5 and the o-series answer
    fake.default = Reply.json(seed_output)
    cache = tmp_path / "c"
    first = summarize(cli, fake, "--cache-dir", cache, "--no-cache")
    assert first.exit_code == 0, first.stderr
    assert ["temperature" in r.body for r in fake.chat_requests] == [True, False]
    modes = json.loads((cache / "modes.json").read_text())
    assert modes[f"{fake.base_url}#gpt-4o-mini"]["drop"] == ["temperature"]

    second = summarize(cli, fake, "--cache-dir", cache, "--no-cache")  # a new process would read modes.json
    assert second.exit_code == 0, second.stderr
    assert ["temperature" in r.body for r in fake.chat_requests[2:]] == [False]  # not asked twice again


def test_cli_invalid_schema_is_a_bug_never_remembered(cli, fake, seed_output, tmp_path):
    fake.enqueue(
        error(
            message="Invalid schema for response_format 'article_summary': 'additionalProperties' is required",
            param="response_format",
            code="invalid_json_schema",
        ),
        Reply.json(seed_output),
    )
    line = one_error_line(summarize(cli, fake, "--cache-dir", tmp_path / "c"), 3)
    assert "rejected the output schema as invalid" in line and "bug" in line
    assert len(fake.chat_requests) == 1
    assert not (tmp_path / "c" / "modes.json").exists()  # never "use json_object" from now on


# --------------------------------------------------------------------------- item 11: 200 that is not a completion


@pytest.mark.parametrize(
    ("reply", "shown"),
    [
        (Reply.raw("<html><body><h1>Welcome to nginx!</h1></body></html>"), "<html><body><h1>Welcome to nginx!"),
        (Reply.raw("this is {not json", content_type="application/json"), "this is {not json"),
        (Reply.raw({"id": "x", "object": "chat.completion", "choices": []}, content_type="application/json"),
         '"choices":[]'),
    ],
    ids=["html", "not-json", "no-choices"],
)
def test_cli_200_that_is_not_a_chat_completion_exits_3(cli, fake, reply, shown):
    fake.default = reply
    line = one_error_line(summarize(cli, fake, "--no-cache", "--retries", "2"), 3)
    assert "answered with something that is not a chat completion: " in line
    assert shown in line
    assert "could not connect" not in line
    assert len(fake.chat_requests) == 1  # not retried: it will not get better


def test_cli_not_a_completion_shows_at_most_200_chars(cli, fake):
    fake.default = Reply.raw("<html>" + "x" * 1000 + "</html>")
    line = one_error_line(summarize(cli, fake, "--no-cache"), 3)
    shown = line.split("not a chat completion: ", 1)[1]
    assert shown.startswith("<html>xxx") and len(shown) == 200
