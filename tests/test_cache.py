"""The disk cache: keys, storage, damage tolerance, concurrency and the `cache` commands."""

from __future__ import annotations

import gc
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED, generic_output_for
from fake_openai import Reply

from summarizer.cache import Cache, cache_key


def summarize(cli, fake, path=SEED, *extra):
    result = cli("summarize", path, "--base-url", fake.base_url, "--retries", "0", *extra)
    gc.collect()  # the in-process run's SQLite connection is closed, as at process exit
    return result


def ok(result):
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return json.loads(result.stdout)


def entries(cache_dir: Path) -> int:
    db = cache_dir / "cache.sqlite3"
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        (count,) = conn.execute("SELECT COUNT(*) FROM entries").fetchone()
    conn.close()
    return int(count)


@pytest.fixture
def cache_dir(tmp_path):
    return tmp_path / "cache"  # SUMMARIZER_CACHE_DIR (see conftest)


# --------------------------------------------------------------------------- unit


def test_cache_key_is_canonical():
    a = cache_key({"b": 1, "a": [1, 2], "c": {"y": "é", "x": None}})
    b = cache_key({"c": {"x": None, "y": "é"}, "a": [1, 2], "b": 1})
    assert a == b and a.startswith("k1:") and len(a) == 3 + 64
    assert cache_key({"a": [2, 1]}) != cache_key({"a": [1, 2]})


def test_cache_roundtrip(tmp_path):
    cache = Cache(tmp_path / "c")
    assert cache.get("k") is None
    cache.put("k", {"output": {"x": 1}}, tokens=40)
    assert cache.get("k").payload == {"output": {"x": 1}}
    cache.record_hit("k")
    cache.record_hit("k")
    stats = cache.stats()
    assert (stats["entries"], stats["tokens_saved"], stats["path"]) == (1, 80, str(tmp_path / "c"))
    assert stats["bytes"] > 0
    assert cache.clear() == 1 and cache.get("k") is None
    cache.close()


@pytest.mark.parametrize("payload", ["garbage", "[1, 2]", "", "{"])
def test_cache_damaged_entry_is_a_miss(tmp_path, payload):
    cache = Cache(tmp_path)
    cache.put("k", {"output": {}})
    cache._connect().execute("UPDATE entries SET payload = ?", (payload,))
    assert cache.get("k") is None
    assert cache.stats()["entries"] == 0  # and it is dropped
    cache.close()


def test_cache_damaged_database_is_a_miss(tmp_path):
    cache = Cache(tmp_path)
    cache.put("k", {"output": {}})
    cache.close()
    (tmp_path / "cache.sqlite3").write_bytes(os.urandom(4096))
    cache = Cache(tmp_path)
    assert cache.get("k") is None
    cache.put("k", {"v": 2})
    assert cache.get("k").payload == {"v": 2}
    assert list(tmp_path.glob("cache.sqlite3.damaged-*"))  # kept aside, not deleted
    cache.close()


# --------------------------------------------------------------------------- through the CLI


def test_cache_second_identical_call_sends_nothing(cli, fake, seed_output, cache_dir):
    fake.enqueue(Reply.json(seed_output, usage=(50, 10)))
    first = ok(summarize(cli, fake))
    second = ok(summarize(cli, fake))
    assert len(fake.chat_requests) == 1
    assert (first["provenance"]["cached"], second["provenance"]["cached"]) == (False, True)
    assert second["provenance"]["usage"] == first["provenance"]["usage"]  # what the answer cost
    assert {k: v for k, v in second.items() if k != "provenance"} == {
        k: v for k, v in first.items() if k != "provenance"
    }
    assert entries(cache_dir) == 1


def test_cache_no_cache_flag(cli, fake, seed_output, cache_dir):
    fake.default = Reply.json(seed_output)
    ok(summarize(cli, fake, SEED, "--no-cache"))
    ok(summarize(cli, fake, SEED, "--no-cache"))
    assert len(fake.chat_requests) == 2
    assert entries(cache_dir) == 0


def test_cache_cache_dir_option(cli, fake, seed_output, tmp_path, cache_dir):
    fake.default = Reply.json(seed_output)
    other = tmp_path / "elsewhere"
    ok(summarize(cli, fake, SEED, "--cache-dir", other))
    assert entries(other) == 1 and entries(cache_dir) == 0


@pytest.mark.parametrize("template", ["article.j2", "repair.j2"])
def test_cache_template_change_misses(cli, fake, seed_output, prompts_copy, template):
    import summarizer.prompts as prompts

    fake.default = Reply.json(seed_output)
    ok(summarize(cli, fake))
    assert ok(summarize(cli, fake))["provenance"]["cached"] is True
    with open(prompts_copy / template, "a", encoding="utf-8") as fh:
        fh.write("\nKeep it short.\n")
    prompts._env.cache_clear()
    prompts.prompt_hash.cache_clear()
    again = ok(summarize(cli, fake))
    assert again["provenance"]["cached"] is False
    assert len(fake.chat_requests) == 2


def test_cache_damaged_entry_through_cli(cli, fake, seed_output, cache_dir):
    fake.default = Reply.json(seed_output)
    ok(summarize(cli, fake))
    with sqlite3.connect(cache_dir / "cache.sqlite3") as conn:
        conn.execute("UPDATE entries SET payload = 'garbage'")
    conn.close()
    result = summarize(cli, fake)
    assert ok(result)["provenance"]["cached"] is False
    assert result.stderr == ""
    assert len(fake.chat_requests) == 2
    assert ok(summarize(cli, fake))["provenance"]["cached"] is True  # re-stored


def test_cache_entry_that_no_longer_grounds_is_a_miss(cli, fake, seed_output, cache_dir):
    fake.default = Reply.json(seed_output)
    ok(summarize(cli, fake))
    bad = json.loads(json.dumps(seed_output))
    bad["events"][0]["evidence"][0]["quote"] = "words that are not there"
    payload = json.dumps({"output": bad, "usage": {}, "attempts": 1, "mode": "json_schema"})
    with sqlite3.connect(cache_dir / "cache.sqlite3") as conn:
        conn.execute("UPDATE entries SET payload = ?", (payload,))
    conn.close()
    assert ok(summarize(cli, fake))["provenance"]["cached"] is False
    assert len(fake.chat_requests) == 2


def test_cache_damaged_database_file_through_cli(cli, fake, seed_output, cache_dir):
    fake.default = Reply.json(seed_output)
    ok(summarize(cli, fake))
    db = cache_dir / "cache.sqlite3"
    db.write_bytes(b"this is not an SQLite database\x00" * 200)
    result = summarize(cli, fake)
    assert ok(result)["provenance"]["cached"] is False
    assert len(fake.chat_requests) == 2
    assert ok(summarize(cli, fake))["provenance"]["cached"] is True


@pytest.mark.parametrize(
    "reply",
    [Reply.content("not json"), Reply.refusal("no"), Reply.content('{"summary": "cut', finish_reason="length")],
    ids=["invalid", "refusal", "truncated"],
)
def test_cache_never_stores_invalid_output(cli, fake, cache_dir, reply):
    fake.default = reply
    result = summarize(cli, fake, SEED, "--max-attempts", "2")
    assert result.exit_code == 4
    assert entries(cache_dir) == 0
    stats = cli("cache", "stats")
    assert json.loads(stats.stdout)["entries"] == 0


@pytest.mark.parametrize("same", [True, False], ids=["same-article", "different-articles"])
def test_cache_two_processes_at_once(fake, seed_output, write_article, parse, tmp_path, same):
    other_text = "date 2022-03-01 The council met in Vienna. It agreed on a statement.\n"
    other = write_article("other.txt", other_text)
    other_output = generic_output_for(parse(other_text))

    def answer(body):
        user = body["messages"][1]["content"]
        data = seed_output if "As the situation still remains fragile" in user else other_output
        return Reply.delay(0.5, Reply.json(data))  # both requests are in flight together

    fake.default = answer
    cache_dir = tmp_path / "shared-cache"
    paths = [SEED, SEED] if same else [SEED, other]
    procs: list[subprocess.Popen[str]] = []
    try:
        for path in paths:
            procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "summarizer.cli", "summarize", str(path),
                     "--base-url", fake.base_url, "--cache-dir", str(cache_dir)],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    cwd=ROOT,
                )
            )  # fmt: skip
        outputs = [p.communicate(timeout=60) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.communicate()
    for p, (out, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
        assert json.loads(out)["provenance"]["cached"] is False
    assert len(fake.chat_requests) == 2
    assert entries(cache_dir) == (1 if same else 2)


# --------------------------------------------------------------------------- cache commands


def test_cache_commands(cli, fake, seed_output, cache_dir):
    assert cli("cache", "path").stdout.strip() == str(cache_dir)
    empty = json.loads(cli("cache", "stats").stdout)
    assert (empty["entries"], empty["tokens_saved"]) == (0, 0)

    fake.default = Reply.json(seed_output, usage=(90, 10))
    ok(summarize(cli, fake))
    ok(summarize(cli, fake))  # a hit saves 100 tokens
    stats = cli("cache", "stats")
    assert stats.exit_code == 0 and stats.stderr == ""
    data = json.loads(stats.stdout)
    assert (data["entries"], data["tokens_saved"], data["path"]) == (1, 100, str(cache_dir))
    assert data["bytes"] > 0

    cleared = cli("cache", "clear")
    assert cleared.exit_code == 0 and cleared.stdout == ""
    assert "removed 1 entries" in cleared.stderr
    assert json.loads(cli("cache", "stats").stdout)["entries"] == 0
    assert ok(summarize(cli, fake))["provenance"]["cached"] is False


def test_cache_commands_take_cache_dir(cli, tmp_path):
    other = tmp_path / "other"
    assert cli("cache", "path", "--cache-dir", other).stdout.strip() == str(other)
    assert json.loads(cli("cache", "stats", "--cache-dir", other).stdout)["path"] == str(other)


def test_cache_dir_from_config_file(cli, tmp_path, monkeypatch):
    (tmp_path / "config.toml").write_text(f'cache_dir = "{tmp_path / "from-config"}"\n')
    assert cli("cache", "path").stdout.strip() == str(tmp_path / "cache")  # env beats the file
    monkeypatch.delenv("SUMMARIZER_CACHE_DIR")
    assert cli("cache", "path").stdout.strip() == str(tmp_path / "from-config")
    assert cli("cache", "path", "--cache-dir", tmp_path / "flag").stdout.strip() == str(tmp_path / "flag")
