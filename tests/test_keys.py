"""Keys stay with their endpoint, and never reach stderr, logs or batch output (issue #9, items 6 and 7).

Every case runs the real CLI (or the library) over real HTTP to the loopback fake
server, and looks at the Authorization header the server actually received.
"""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import SEED, generic_output_for
from fake_openai import FakeOpenAI, Reply

from summarizer import Summarizer
from summarizer.errors import EndpointError, scrub
from summarizer.inputs import load_article

USER_OPENAI_KEY = "sk-proj-UsersRealOpenAIKey0123456789"
LOCAL_TOKEN = "vllm-token-7f3a9c"  # not key-shaped: only exact-match scrubbing can catch it


def summarize(cli, fake, *extra, **kw):
    return cli("summarize", SEED, "--base-url", fake.base_url, "--retries", "0", "--no-cache", *extra, **kw)


def auth_headers(fake):
    return [r.headers.get("authorization") for r in fake.chat_requests]


@pytest.fixture
def seed_reply(seed_output):
    return Reply.json(seed_output)


# --------------------------------------------------------------------------- item 6: which key goes where


def test_keys_openai_key_never_goes_to_a_base_url(cli, fake, seed_reply, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", USER_OPENAI_KEY)
    fake.enqueue(seed_reply)
    result = summarize(cli, fake)
    assert result.exit_code == 0, result.stderr
    assert auth_headers(fake) == [None]  # no Authorization header at all


def test_keys_openai_key_goes_to_openai_base_url(cli, fake, seed_reply, monkeypatch):
    """OPENAI_API_KEY with OPENAI_BASE_URL is the openai SDK's own pairing; also when --base-url repeats it."""
    monkeypatch.setenv("OPENAI_API_KEY", USER_OPENAI_KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url + "/")  # a trailing slash is the same URL
    fake.enqueue(seed_reply, seed_reply)
    assert cli("summarize", SEED, "--no-cache").exit_code == 0
    assert summarize(cli, fake).exit_code == 0
    assert auth_headers(fake) == [f"Bearer {USER_OPENAI_KEY}"] * 2


def test_keys_summarizer_api_key_goes_to_the_base_url(cli, fake, seed_reply, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", USER_OPENAI_KEY)
    monkeypatch.setenv("SUMMARIZER_API_KEY", LOCAL_TOKEN)
    fake.enqueue(seed_reply)
    assert summarize(cli, fake).exit_code == 0
    assert auth_headers(fake) == [f"Bearer {LOCAL_TOKEN}"]


def test_keys_api_key_env_names_the_variable(cli, fake, seed_reply, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", USER_OPENAI_KEY)
    monkeypatch.setenv("SUMMARIZER_API_KEY", "not-this-one")
    monkeypatch.setenv("MY_VLLM_KEY", LOCAL_TOKEN)
    fake.enqueue(seed_reply)
    assert summarize(cli, fake, "--api-key-env", "MY_VLLM_KEY").exit_code == 0
    assert auth_headers(fake) == [f"Bearer {LOCAL_TOKEN}"]


def test_keys_api_key_env_unset_is_a_config_error(cli, fake):
    result = summarize(cli, fake, "--api-key-env", "NO_SUCH_VARIABLE_SET")
    assert result.exit_code == 2
    assert "NO_SUCH_VARIABLE_SET" in result.stderr and "not set" in result.stderr
    assert fake.chat_requests == []  # exit 2: nothing was sent


def test_keys_config_file_base_url_gets_no_openai_key(cli, fake, seed_reply, tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", USER_OPENAI_KEY)
    monkeypatch.setenv("TEAM_KEY", LOCAL_TOKEN)
    config = tmp_path / "config.toml"  # SUMMARIZER_CONFIG points here (conftest)
    config.write_text(f'base-url = "{fake.base_url}"\nretries = 0\nno-cache = true\n')
    fake.enqueue(seed_reply, seed_reply)
    assert cli("summarize", SEED).exit_code == 0
    config.write_text(config.read_text() + 'api-key-env = "TEAM_KEY"\n')
    assert cli("summarize", SEED).exit_code == 0
    assert auth_headers(fake) == [None, f"Bearer {LOCAL_TOKEN}"]


def test_keys_verbose_says_no_key_is_sent(proc, fake, seed_reply, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", USER_OPENAI_KEY)
    fake.enqueue(seed_reply)
    result = proc("summarize", SEED, "--base-url", fake.base_url, "--no-cache", "-v")  # a real process: real logging
    assert result.returncode == 0, result.stderr
    assert f"no API key is sent to {fake.base_url}" in result.stderr
    assert "SUMMARIZER_API_KEY" in result.stderr and "--api-key-env" in result.stderr


def test_keys_batch_passes_api_key_env(cli, fake, tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", USER_OPENAI_KEY)
    monkeypatch.setenv("MY_VLLM_KEY", LOCAL_TOKEN)
    article = tmp_path / "a.txt"
    shutil.copy(SEED, article)
    fake.default = lambda body: Reply.json(generic_output_for(load_article(article)))
    out = tmp_path / "out.jsonl"
    common = ["batch", article, "-o", out, "--base-url", fake.base_url, "--retries", "0", "--no-cache"]
    assert cli(*common).exit_code == 0
    assert cli(*common, "--api-key-env", "MY_VLLM_KEY").exit_code == 0
    assert auth_headers(fake) == [None, f"Bearer {LOCAL_TOKEN}"]


def test_keys_fixtures_record_passes_api_key_env(cli, fake, tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", USER_OPENAI_KEY)
    monkeypatch.setenv("MY_VLLM_KEY", LOCAL_TOKEN)
    root = tmp_path / "fixtures"
    (root / "articles").mkdir(parents=True)
    shutil.copy(SEED, root / "articles" / "seed.txt")
    fake.default = lambda body: Reply.json(generic_output_for(load_article(root / "articles" / "seed.txt")))
    result = cli("fixtures", "record", "seed", "--root", root, "--engine", "openai", "--base-url", fake.base_url,
                 "--api-key-env", "MY_VLLM_KEY", "--cache-dir", tmp_path / "c")  # fmt: skip
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert auth_headers(fake) == [f"Bearer {LOCAL_TOKEN}"]
    recorded = "".join(p.read_text() for p in (root / "recordings").rglob("*.json"))
    assert LOCAL_TOKEN not in recorded and USER_OPENAI_KEY not in recorded


def test_keys_library_reads_only_key_variables(fake, seed_text, seed_output, tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", USER_OPENAI_KEY)
    monkeypatch.setenv("MY_VLLM_KEY", LOCAL_TOKEN)
    fake.default = Reply.json(seed_output)
    for options in ({}, {"api_key_env": "MY_VLLM_KEY"}, {"api_key": "explicit-key-1"}):
        with Summarizer(base_url=fake.base_url, cache=False, retries=0, **options) as s:
            s.summarize(seed_text)
    assert auth_headers(fake) == [None, f"Bearer {LOCAL_TOKEN}", "Bearer explicit-key-1"]


# --------------------------------------------------------------------------- item 7: error bodies are scrubbed


def echo(status, message):
    return Reply.error(status, {"error": {"message": message, "type": "invalid_request_error", "code": None}})


def test_keys_error_body_echoing_the_key_is_scrubbed_on_stderr(cli, fake, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_API_KEY", LOCAL_TOKEN)
    fake.enqueue(echo(401, f"Incorrect API key provided: {LOCAL_TOKEN}. Header was 'Bearer {LOCAL_TOKEN}'."))
    result = summarize(cli, fake)
    assert result.exit_code == 3
    assert LOCAL_TOKEN not in result.stderr
    assert "rejected the API key" in result.stderr

    fake.enqueue(echo(500, f"upstream said: Authorization: Bearer {LOCAL_TOKEN}; also sk-abcdef1234567890XYZ"))
    result = summarize(cli, fake)
    assert result.exit_code == 3
    assert LOCAL_TOKEN not in result.stderr and "sk-abcdef1234567890XYZ" not in result.stderr
    assert "[redacted]" in result.stderr


def test_keys_scrubbed_in_verbose_logs(proc, fake, seed_reply, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_API_KEY", LOCAL_TOKEN)
    fake.enqueue(
        Reply.error(400, {"error": {"message": f"response_format not allowed for key {LOCAL_TOKEN}",
                                    "type": "invalid_request_error", "param": "response_format"}}),
        seed_reply,
    )  # fmt: skip
    result = proc("summarize", SEED, "--base-url", fake.base_url, "--no-cache", "-vv")
    assert result.returncode == 0, result.stderr
    assert "rejected mode json_schema" in result.stderr  # the log line is there, scrubbed
    assert LOCAL_TOKEN not in result.stderr


def test_keys_scrubbed_in_batch_output(cli, fake, tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_API_KEY", LOCAL_TOKEN)
    article = tmp_path / "a.txt"
    shutil.copy(SEED, article)
    fake.default = echo(503, f"overloaded; retry with key {LOCAL_TOKEN} later")
    out = tmp_path / "out.jsonl"
    result = cli("batch", article, "-o", out, "--base-url", fake.base_url, "--retries", "0", "--no-cache")
    assert result.exit_code == 1
    (line,) = [json.loads(x) for x in out.read_text().splitlines()]
    assert line["kind"] == "EndpointError"
    assert LOCAL_TOKEN not in out.read_text() and LOCAL_TOKEN not in result.stderr


def test_keys_library_error_is_scrubbed(fake, seed_text):
    fake.default = echo(400, f"bad request from sk-live-{'x' * 24} / {LOCAL_TOKEN}")
    with Summarizer(base_url=fake.base_url, api_key=LOCAL_TOKEN, cache=False, retries=0) as s:
        with pytest.raises(EndpointError) as info:
            s.summarize(seed_text)
    assert LOCAL_TOKEN not in str(info.value) and "sk-live-" not in str(info.value)
    assert "[redacted]" in str(info.value)


@pytest.mark.parametrize(
    ("text", "secrets", "expected"),
    [
        ("key abc123secret here", ["abc123secret"], "key [redacted] here"),
        ("Bearer eyJhbGciOi.x-y9", [], "[redacted]"),
        ("a Bearer token is required", [], "a Bearer token is required"),  # prose, not a credential
        ("sk-proj-AbC_12-xyz9 and sk-ab", [], "[redacted] and sk-ab"),  # too short to be a key
        ("nothing secret", [None, ""], "nothing secret"),
    ],
)
def test_scrub(text, secrets, expected):
    assert scrub(text, secrets) == expected


def test_keys_two_servers_do_not_share_a_key_via_env(cli, fake, seed_reply, monkeypatch):
    """OPENAI_BASE_URL pairs OPENAI_API_KEY with that server only, not with another --base-url."""
    monkeypatch.setenv("OPENAI_API_KEY", USER_OPENAI_KEY)
    with FakeOpenAI() as other:
        monkeypatch.setenv("OPENAI_BASE_URL", other.base_url)
        fake.enqueue(seed_reply)
        assert summarize(cli, fake).exit_code == 0
    assert auth_headers(fake) == [None]
