"""The disk cache: keys, storage, damage tolerance, concurrency and the `cache` commands."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import pty
import random
import re
import select
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import ROOT, SEED, generic_output_for
from fake_openai import Reply

from summarizer.cache import MIGRATIONS, Cache, cache_key


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
    assert cache.clear()[0] == 1 and cache.get("k") is None
    cache.close()


@pytest.mark.parametrize("payload", ["garbage", "[1, 2]", "", "{"])
def test_cache_damaged_entry_is_a_miss(tmp_path, payload):
    cache = Cache(tmp_path)
    cache.put("k", {"output": {}})
    cache._connection().execute("UPDATE entries SET payload = ?", (payload,))
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
    assert not cache_dir.exists()  # looking does not create a cache

    fake.default = Reply.json(seed_output, usage=(90, 10))
    ok(summarize(cli, fake))
    ok(summarize(cli, fake))  # a hit saves 100 tokens
    stats = cli("cache", "stats")
    assert stats.exit_code == 0 and stats.stderr == ""
    data = json.loads(stats.stdout)
    assert (data["entries"], data["tokens_saved"], data["path"]) == (1, 100, str(cache_dir))
    assert data["bytes"] > 0 and data["schema_version"] == len(MIGRATIONS) and data["damaged"] == []

    cleared = cli("cache", "clear", "--yes")  # (without a terminal, --yes is required: see below)
    assert cleared.exit_code == 0 and cleared.stdout == "", cleared.stderr
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


# --------------------------------------------------------------------------- faults, in real processes
#
# Each case runs the CLI as its own process against a cache in a real predicament: another
# process holding the lock, a directory or file it may not write, pages of garbage, a full
# filesystem. Nothing the cache already holds may be moved aside or lost, and the result
# is always returned.

OTHER_TEXT = "date 2022-03-01 The council met in Vienna. It agreed on a statement.\n"
THIRD_TEXT = "date 2022-03-02 The ministers met in Oslo. They signed a fishing accord.\n"


def run_cli(*args, env=None, prefix=(), timeout=60):
    """`python -m summarizer.cli ARGS` as a real process (optionally behind `prefix`, e.g. setpriv)."""
    return subprocess.run(
        [*prefix, sys.executable, "-m", "summarizer.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
    )


def cache_warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "summarizer.cache" in line]


def damaged_files(cache_dir: Path) -> list[str]:
    """Everything set aside: databases and their -wal and -shm."""
    return sorted(p.name for p in cache_dir.glob("cache.sqlite3.damaged-*"))


def damaged_dbs(cache_dir: Path) -> list[str]:
    return [name for name in damaged_files(cache_dir) if not name.endswith(("-wal", "-shm"))]


@pytest.fixture
def articles(write_article, parse, seed_output):
    """Three articles (the seed and two short ones) and a fake-server handler answering each."""
    other = write_article("other.txt", OTHER_TEXT)
    third = write_article("third.txt", THIRD_TEXT)
    outputs = {
        "As the situation still remains fragile": seed_output,
        "The council met in Vienna": generic_output_for(parse(OTHER_TEXT)),
        "The ministers met in Oslo": generic_output_for(parse(THIRD_TEXT)),
    }

    def answer(body):
        user = body["messages"][1]["content"]
        return Reply.json(next(out for needle, out in outputs.items() if needle in user))

    return SimpleNamespace(seed=SEED, other=other, third=third, answer=answer)


def fill_cache(cli, fake, articles, cache_dir):
    """A cache holding the seed's result, closed as a finished process leaves it."""
    fake.default = articles.answer
    ok(summarize(cli, fake, SEED, "--cache-dir", cache_dir))
    assert entries(cache_dir) == 1 and not (cache_dir / "cache.sqlite3-wal").exists()
    return len(fake.chat_requests)


def summarize_proc(fake, path, cache_dir, *, prefix=(), env=None, timeout=60):
    return run_cli(
        "summarize", path, "--base-url", fake.base_url, "--retries", "0", "--cache-dir", cache_dir,
        prefix=prefix, env=env, timeout=timeout,
    )  # fmt: skip


def batch_proc(fake, paths, cache_dir, *, prefix=(), env=None, timeout=60):
    result = run_cli(
        "batch", *paths, "--base-url", fake.base_url, "--retries", "0", "--cache-dir", cache_dir,
        prefix=prefix, env=env, timeout=timeout,
    )  # fmt: skip
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    return result, lines


def expect_result(proc, *, cached):
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["provenance"]["cached"] is cached
    return data


SETUP_SCRIPT = r"""
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)  # a new file, still in rollback mode
conn.execute("BEGIN IMMEDIATE")
conn.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, created REAL NOT NULL, "
             "payload TEXT NOT NULL, tokens INTEGER NOT NULL DEFAULT 0, hits INTEGER NOT NULL DEFAULT 0)")
print("ready", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
conn.close()
"""


def test_cache_open_waits_while_another_process_sets_up_a_new_file(tmp_path, caplog):
    """SQLite answers BUSY at once, without waiting, to a connection that would deadlock (here:
    turning a file to WAL while another process writes it in rollback mode, as two processes
    creating one cache together do). Opening retries until the busy timeout, then carries on."""
    holder = subprocess.Popen(
        [sys.executable, "-c", SETUP_SCRIPT, str(tmp_path / "cache.sqlite3"), "1.0"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline() == "ready\n"
        cache = Cache(tmp_path, busy_timeout=20)
        started = time.monotonic()
        assert cache.put("k", {"v": 1}) is True
        assert time.monotonic() - started < 15
        assert cache.get("k").payload == {"v": 1}
        cache.close()
    finally:
        holder.communicate(timeout=30)
    assert holder.returncode == 0
    assert not [r for r in caplog.records if r.name == "summarizer.cache" and r.levelname == "WARNING"]
    assert damaged_files(tmp_path) == [] and user_version(tmp_path / "cache.sqlite3") == len(MIGRATIONS)


# -- a held lock (item 1)

HOLDER = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive-locking-mode":
    conn.execute("PRAGMA locking_mode=EXCLUSIVE")  # readers are shut out too
conn.execute("BEGIN EXCLUSIVE")
conn.execute("UPDATE entries SET hits = hits + 1")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
conn.close()
"""


@contextlib.contextmanager
def lock_held(db: Path, how: str):
    """Another process holds an exclusive transaction on `db` until the block ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db), how], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.communicate("\n", timeout=30)
    assert holder.returncode == 0


FAST_BUSY = {"SUMMARIZER_CACHE_BUSY_TIMEOUT": "0.3"}


def test_cache_locked_database_is_skipped_not_set_aside(cli, fake, articles, tmp_path):
    """Readers shut out (exclusive locking mode): the run skips the cache, and the file stays."""
    cache_dir = tmp_path / "locked"
    calls = fill_cache(cli, fake, articles, cache_dir)
    db = cache_dir / "cache.sqlite3"
    inode = db.stat().st_ino
    with lock_held(db, "exclusive-locking-mode"):
        result = summarize_proc(fake, SEED, cache_dir, env=FAST_BUSY, timeout=25)
        expect_result(result, cached=False)  # could not read the hit, but the answer is there
        assert len(fake.chat_requests) == calls + 1
        (warning,) = cache_warnings(result.stderr)
        assert "locked" in warning and "skipped for this run" in warning
    assert damaged_files(cache_dir) == [] and db.stat().st_ino == inode
    assert entries(cache_dir) == 1
    expect_result(summarize_proc(fake, SEED, cache_dir), cached=True)  # the paid-for entry is still served


def test_cache_write_lock_held_reads_hits_and_warns_once(cli, fake, articles, tmp_path):
    """A writer holding the lock (WAL lets readers in): hits are read, writes skipped, one warning."""
    cache_dir = tmp_path / "busy"
    calls = fill_cache(cli, fake, articles, cache_dir)
    db = cache_dir / "cache.sqlite3"
    with lock_held(db, "write"):
        # The default waits 30 s for the lock; the test's 0.3 s keeps it short. Without the
        # fix every article waited (and warned) in turn.
        result, lines = batch_proc(fake, [SEED, articles.other, articles.third], cache_dir, env=FAST_BUSY, timeout=25)
        assert result.returncode == 0, result.stderr
        assert [("result" in line, line.get("result", {}).get("provenance", {}).get("cached")) for line in lines] == [
            (True, True), (True, False), (True, False),
        ]  # fmt: skip
        assert len(fake.chat_requests) == calls + 2
        (warning,) = cache_warnings(result.stderr)
        assert "locked" in warning and "not cached" in warning
    assert damaged_files(cache_dir) == [] and entries(cache_dir) == 1


def test_cache_commands_on_a_locked_cache_say_so(cli, fake, articles, tmp_path):
    cache_dir = tmp_path / "locked"
    fill_cache(cli, fake, articles, cache_dir)
    with lock_held(cache_dir / "cache.sqlite3", "exclusive-locking-mode"):
        for args in (["stats"], ["clear", "--yes"]):
            result = run_cli("cache", *args, "--cache-dir", cache_dir, env=FAST_BUSY, timeout=25)
            assert result.returncode == 2 and result.stdout == ""
            assert result.stderr.startswith("summarizer: error: ") and result.stderr.count("\n") == 1
            assert "locked by another process" in result.stderr
    assert damaged_files(cache_dir) == [] and entries(cache_dir) == 1


EMFILE_SCRIPT = r"""
import json, logging, os, resource, sys
from summarizer.cache import Cache

logging.basicConfig(format="%(levelname)s %(name)s: %(message)s")

resource.setrlimit(resource.RLIMIT_NOFILE, (64, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
held = []
try:
    while True:
        held.append(os.open(os.devnull, os.O_RDONLY))
except OSError:
    pass  # EMFILE: not one descriptor left
cache = Cache(sys.argv[1])
hit = cache.get("k")
stored = cache.put("k2", {"v": 2})
for fd in held:
    os.close(fd)
print(json.dumps({"hit": hit is not None, "stored": stored}))
"""


def test_cache_out_of_file_descriptors_moves_nothing(tmp_path):
    """EMFILE on open is not corruption: the run goes without the cache, the file stays."""
    cache = Cache(tmp_path)
    cache.put("k", {"v": 1})
    cache.close()
    result = subprocess.run(
        [sys.executable, "-c", EMFILE_SCRIPT, str(tmp_path)], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"hit": False, "stored": False}
    (warning,) = cache_warnings(result.stderr)
    assert "skipped for this run" in warning
    assert damaged_files(tmp_path) == [] and entries(tmp_path) == 1


# -- a read-only cache (item 2)


@pytest.fixture
def unprivileged(tmp_path):
    """A command prefix under which file permissions apply (root ignores them), or a skip."""
    probe = tmp_path / "probe"
    probe.mkdir()
    probe.chmod(0o555)
    try:
        if os.geteuid() != 0:
            prefix: list[str] = []
        elif shutil.which("setpriv"):
            # Root without capabilities (no CAP_DAC_OVERRIDE) is held to the mode bits like
            # anyone; it stays uid 0, so it can still reach the interpreter under /root.
            prefix = ["setpriv", "--bounding-set=-all", "--inh-caps=-all"]
        else:
            pytest.skip("running as root without setpriv: cannot drop the permission override")
        tried = subprocess.run([*prefix, "touch", str(probe / "x")], capture_output=True)
        if tried.returncode == 0:
            pytest.skip("file permissions are not enforced here (capabilities could not be dropped)")
        return prefix
    finally:
        probe.chmod(0o755)


@contextlib.contextmanager
def read_only_mount(path: Path):
    """`path` bind-mounted read-only onto itself (EROFS, even for root), or a skip."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a read-only bind mount needs root and mount(8)")
    if subprocess.run(["mount", "--bind", str(path), str(path)], capture_output=True).returncode != 0:
        pytest.skip("mount --bind is not permitted here")
    try:
        remount = subprocess.run(["mount", "-o", "remount,bind,ro", str(path)], capture_output=True)
        if remount.returncode != 0:
            pytest.skip("remounting read-only is not permitted here")
        yield
    finally:
        subprocess.run(["umount", str(path)], check=True)


@contextlib.contextmanager
def read_only(how: str, cache_dir: Path):
    db = cache_dir / "cache.sqlite3"
    if how == "mount":
        with read_only_mount(cache_dir):
            yield
        return
    target = cache_dir if how == "directory" else db
    target.chmod(0o555 if how == "directory" else 0o444)
    try:
        yield
    finally:
        target.chmod(0o755 if how == "directory" else 0o644)


@pytest.mark.parametrize("how", ["directory", "database", "mount"])
def test_cache_read_only_still_returns_results(cli, fake, articles, tmp_path, request, how):
    prefix = request.getfixturevalue("unprivileged") if how != "mount" else []
    cache_dir = tmp_path / f"ro-{how}"
    calls = fill_cache(cli, fake, articles, cache_dir)
    with read_only(how, cache_dir):
        hit = summarize_proc(fake, SEED, cache_dir, prefix=prefix)
        expect_result(hit, cached=True)  # hits are still read
        assert cache_warnings(hit.stderr) == []  # nothing needed writing: nothing to warn about

        miss = summarize_proc(fake, articles.other, cache_dir, prefix=prefix)
        expect_result(miss, cached=False)
        (warning,) = cache_warnings(miss.stderr)
        assert "cannot be written" in warning and "not cached" in warning
        assert "Traceback" not in miss.stderr

        result, lines = batch_proc(fake, [SEED, articles.other, articles.third], cache_dir, prefix=prefix)
        assert result.returncode == 0, result.stderr
        assert [line["result"]["provenance"]["cached"] for line in lines] == [True, False, False]
        assert len(cache_warnings(result.stderr)) == 1 and "Traceback" not in result.stderr
    assert len(fake.chat_requests) == calls + 3
    assert damaged_files(cache_dir) == [] and entries(cache_dir) == 1


# -- corrupt pages and corrupt files (items 1 and 3)


def corrupt_pages(db: Path) -> None:
    """Keep the header page of a real database, write garbage over every page after it."""
    data = bytearray(db.read_bytes())
    assert data[:16] == b"SQLite format 3\x00"
    page_size = int.from_bytes(data[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    assert len(data) > page_size, "the database needs pages past the first"
    data[page_size:] = random.Random(9).randbytes(len(data) - page_size)
    db.write_bytes(bytes(data))


def test_cache_corrupt_pages_are_set_aside_once(cli, fake, articles, tmp_path):
    cache_dir = tmp_path / "pages"
    fill_cache(cli, fake, articles, cache_dir)
    db = cache_dir / "cache.sqlite3"
    corrupt_pages(db)
    garbage = db.read_bytes()

    first = summarize_proc(fake, SEED, cache_dir)
    expect_result(first, cached=False)
    (warning,) = cache_warnings(first.stderr)
    assert "corrupt" in warning and "set aside" in warning
    (aside,) = damaged_dbs(cache_dir)
    assert (cache_dir / aside).read_bytes() == garbage  # kept, byte for byte

    second = summarize_proc(fake, SEED, cache_dir)  # recovered: no warning on every call for ever
    expect_result(second, cached=True)
    assert second.stderr == ""
    assert damaged_dbs(cache_dir) == [aside]


def test_cache_commands_work_on_corrupt_pages(cli, fake, articles, tmp_path):
    cache_dir = tmp_path / "pages"
    fill_cache(cli, fake, articles, cache_dir)
    corrupt_pages(cache_dir / "cache.sqlite3")

    stats = run_cli("cache", "stats", "--cache-dir", cache_dir)
    assert stats.returncode == 0, stats.stderr
    data = json.loads(stats.stdout)
    assert data["entries"] == 0 and len(data["damaged"]) == 1 and data["damaged_bytes"] > 0
    assert len(cache_warnings(stats.stderr)) == 1

    corrupt_pages(cache_dir / "cache.sqlite3")  # the new database fares no better
    cleared = run_cli("cache", "clear", "--yes", "--cache-dir", cache_dir)
    assert cleared.returncode == 0, cleared.stderr
    assert "removed 0 entries" in cleared.stderr and "--debug" not in cleared.stderr
    assert "freeing 0 bytes" in cleared.stderr  # set aside (the warning says where), not freed
    assert len(damaged_dbs(cache_dir)) == 2
    assert json.loads(run_cli("cache", "stats", "--cache-dir", cache_dir).stdout)["entries"] == 0


def test_cache_corrupt_file_is_set_aside_with_its_sidecars(cli, fake, articles, tmp_path):
    """What a crash leaves (database, -wal, -shm) moves aside as one, so it can be looked at."""
    source = tmp_path / "source"
    fill_cache(cli, fake, articles, source)
    cache_dir = tmp_path / "crashed"
    cache_dir.mkdir()
    writer = sqlite3.connect(source / "cache.sqlite3", isolation_level=None)
    try:
        writer.execute("UPDATE entries SET hits = 7")  # lives in the -wal until a checkpoint
        for suffix in ("", "-wal", "-shm"):
            shutil.copyfile(source / f"cache.sqlite3{suffix}", cache_dir / f"cache.sqlite3{suffix}")
    finally:
        writer.close()
    db = cache_dir / "cache.sqlite3"
    with open(db, "r+b") as fh:
        fh.write(b"not a database any more")  # over the header: SQLITE_NOTADB
    wal = (cache_dir / "cache.sqlite3-wal").read_bytes()
    assert wal

    result = summarize_proc(fake, SEED, cache_dir)
    expect_result(result, cached=False)
    (aside,) = damaged_dbs(cache_dir)
    assert damaged_files(cache_dir) == [aside, f"{aside}-shm", f"{aside}-wal"]
    assert (cache_dir / f"{aside}-wal").read_bytes() == wal
    assert entries(cache_dir) == 1  # the new database, with this run's result


def test_cache_unclassified_error_is_not_read_as_corruption(tmp_path, caplog):
    """An error SQLite does not call corruption (here: no such table) moves nothing aside."""
    cache = Cache(tmp_path)
    cache.put("k", {"v": 1})
    cache._connection().execute("ALTER TABLE entries RENAME TO elsewhere")
    assert cache.get("k") is None and cache.put("k", {"v": 2}) is False
    cache.close()
    assert damaged_files(tmp_path) == []
    with sqlite3.connect(tmp_path / "cache.sqlite3") as conn:
        assert conn.execute("SELECT COUNT(*) FROM elsewhere").fetchone() == (1,)
    conn.close()
    assert [r.message for r in caplog.records if "skipped for this run" in r.message]


# -- a full filesystem (item 1)


@contextlib.contextmanager
def small_tmpfs(path: Path, size: str = "4m"):
    path.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a small tmpfs needs root and mount(8)")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    if mounted.returncode:
        pytest.skip("mounting a tmpfs is not permitted here")
    try:
        yield path
    finally:
        subprocess.run(["umount", str(path)], check=True)


def fill_up(directory: Path) -> Path:
    """Write zeros into `directory` until its filesystem has no byte left."""
    filler = directory / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        for size in (65536, 4096, 1):
            with contextlib.suppress(OSError):
                while os.write(fd, b"\0" * size):
                    pass
    finally:
        os.close(fd)
    return filler


def test_cache_full_filesystem_is_skipped_not_set_aside(cli, fake, articles, tmp_path):
    with small_tmpfs(tmp_path / "tmpfs") as mount:
        cache_dir = mount / "cache"
        calls = fill_cache(cli, fake, articles, cache_dir)
        filler = fill_up(mount)
        try:
            expect_result(summarize_proc(fake, SEED, cache_dir), cached=True)  # hits are still read
            miss = summarize_proc(fake, articles.other, cache_dir)
            expect_result(miss, cached=False)
            (warning,) = cache_warnings(miss.stderr)
            assert "not cached" in warning and "Traceback" not in miss.stderr
        finally:
            filler.unlink()
        assert damaged_files(cache_dir) == [] and entries(cache_dir) == 1
        assert len(fake.chat_requests) == calls + 1
        expect_result(summarize_proc(fake, SEED, cache_dir), cached=True)


# --------------------------------------------------------------------------- migrations (item 5)

OLD_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    key TEXT PRIMARY KEY,
    created REAL NOT NULL,
    payload TEXT NOT NULL,
    tokens INTEGER NOT NULL DEFAULT 0,
    hits INTEGER NOT NULL DEFAULT 0
)
"""  # exactly what the cache made before it had a schema version


def user_version(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def test_cache_upgrades_an_unversioned_database_in_place(cli, fake, articles, tmp_path):
    cache_dir = tmp_path / "old"
    fill_cache(cli, fake, articles, cache_dir)
    db = cache_dir / "cache.sqlite3"
    conn = sqlite3.connect(db)
    row = conn.execute("SELECT key, payload, tokens FROM entries").fetchone()
    conn.close()
    db.unlink()
    old = sqlite3.connect(db, isolation_level=None)  # as the unversioned code left it
    old.execute("PRAGMA journal_mode=WAL")
    old.execute(OLD_SCHEMA)
    old.execute("INSERT INTO entries (key, created, payload, tokens, hits) VALUES (?, 1.0, ?, ?, 3)", row)
    old.close()
    assert user_version(db) == 0
    inode = db.stat().st_ino

    requests = len(fake.chat_requests)
    expect_result(summarize_proc(fake, SEED, cache_dir), cached=True)  # the old entry answers
    assert len(fake.chat_requests) == requests
    assert user_version(db) == len(MIGRATIONS) and db.stat().st_ino == inode  # upgraded in place
    assert damaged_files(cache_dir) == []
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT key, hits FROM entries").fetchall() == [(row[0], 4)]
    conn.close()


def test_cache_future_migration_runs_once(tmp_path):
    cache = Cache(tmp_path)
    cache.put("k", {"v": 1}, tokens=5)
    cache.close()
    runs = []

    def m002_add_model_column(conn):
        runs.append(1)
        conn.execute("ALTER TABLE entries ADD COLUMN model TEXT")

    for _ in range(3):  # three runs (the first upgrades, the others find it done)
        upgraded = Cache(tmp_path, migrations=[*MIGRATIONS, m002_add_model_column])
        assert upgraded.get("k").payload == {"v": 1}
        assert upgraded.put("k2", {"v": 2}) is True
        upgraded.close()
    assert runs == [1]
    db = tmp_path / "cache.sqlite3"
    assert user_version(db) == len(MIGRATIONS) + 1
    conn = sqlite3.connect(db)
    assert [r[1] for r in conn.execute("PRAGMA table_info(entries)")][-1] == "model"
    conn.close()


def test_cache_failed_migration_changes_nothing(tmp_path):
    cache = Cache(tmp_path)
    cache.put("k", {"v": 1})
    cache.close()

    def m002_broken(conn):
        conn.execute("ALTER TABLE entries ADD COLUMN model TEXT")
        raise sqlite3.OperationalError("simulated failure half-way")

    broken = Cache(tmp_path, migrations=[*MIGRATIONS, m002_broken])
    assert broken.get("k") is None and broken.put("k", {"v": 2}) is False  # skipped, not thrown away
    broken.close()
    db = tmp_path / "cache.sqlite3"
    assert user_version(db) == len(MIGRATIONS) and damaged_files(tmp_path) == []
    conn = sqlite3.connect(db)
    assert "model" not in [r[1] for r in conn.execute("PRAGMA table_info(entries)")]  # rolled back
    conn.close()
    assert Cache(tmp_path).get("k").payload == {"v": 1}


def test_cache_from_a_newer_summarizer_is_left_alone(tmp_path, caplog):
    cache = Cache(tmp_path)
    cache.put("k", {"v": 1})
    cache.close()
    db = tmp_path / "cache.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = db.read_bytes()
    newer = Cache(tmp_path)
    assert newer.get("k") is None and newer.put("k", {"v": 2}) is False
    newer.close()
    assert db.read_bytes() == before and damaged_files(tmp_path) == []
    assert any("newer summarizer" in r.message for r in caplog.records)


# --------------------------------------------------------------------------- replay identity (item 4)


def record(directory: Path, output: dict, article) -> None:
    """Recordings of one answer for `article`, as `fixtures record` writes them."""
    from summarizer.config import Settings
    from summarizer.engines.fake import FakeEngine
    from summarizer.engines.replay import RecordingEngine
    from summarizer.pipeline import Pipeline

    engine = RecordingEngine(FakeEngine([json.dumps(output)], model="local"), directory)
    Pipeline(engine, strategy="single", params=Settings().params()).run(article)


def test_cache_replay_identity_includes_recordings(cli, seed_article, seed_output, tmp_path):
    first, second = tmp_path / "rec-a", tmp_path / "rec-b"
    record(first, seed_output, seed_article)
    changed = json.loads(json.dumps(seed_output))
    changed["summary"] = "A different recorded answer from another set of recordings."
    record(second, changed, seed_article)

    def replay(directory):
        args = ("summarize", SEED, "--engine", "replay", "--recordings", directory, "--strategy", "single")
        return ok(cli(*args))

    a, b = replay(first), replay(second)
    assert a["summary"] == seed_output["summary"] and b["summary"] == changed["summary"]
    assert b["provenance"]["cached"] is False  # another directory: not the first one's entry
    assert replay(first)["provenance"]["cached"] is True

    record(first, changed, seed_article)  # re-recorded in place, with another answer
    assert replay(first)["summary"] == changed["summary"]


# --------------------------------------------------------------------------- the cache commands (item 25)


def test_readme_cache_commands_are_separate_lines():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    joined = [line for line in readme.splitlines() if line.count("summarizer cache") > 1]
    assert joined == [], "a pasted line must not pipe one cache command into another"
    for command in ("stats", "clear", "path"):
        assert f"summarizer cache {command}" in readme


def test_cache_clear_without_a_terminal_needs_yes(cli, fake, seed_output, cache_dir):
    fake.default = Reply.json(seed_output)
    ok(summarize(cli, fake))
    refused = cli("cache", "clear")
    assert refused.exit_code == 2 and refused.stdout == ""
    assert refused.stderr.startswith("summarizer: error: ") and refused.stderr.count("\n") == 1
    assert "--yes" in refused.stderr and "nothing was removed" in refused.stderr
    assert entries(cache_dir) == 1

    filler = Cache(cache_dir)
    for n in range(3):  # entries big enough to take pages of their own
        filler.put(f"k{n}", {"text": "x" * 20_000})
    filler.close()
    size = sum(p.stat().st_size for p in cache_dir.glob("cache.sqlite3*"))
    cleared = cli("cache", "clear", "-y")
    assert cleared.exit_code == 0, cleared.stderr
    freed = re.search(r"removed 4 entries from .*, freeing .*?([\d,]+) bytes", cleared.stderr)
    assert freed, cleared.stderr
    assert 60_000 <= int(freed.group(1).replace(",", "")) <= size
    assert entries(cache_dir) == 0


def on_terminal(args, *, answer=None, stdin_tty=True, timeout=30):
    """Run the CLI with a pseudo-terminal as stdin, stdout and stderr; type `answer` at the prompt."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "summarizer.cli", *map(str, args)],
        stdin=slave if stdin_tty else subprocess.DEVNULL, stdout=slave, stderr=slave,
        env={**os.environ, "COLUMNS": "200"}, cwd=ROOT,
    )  # fmt: skip
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 4096)
                except OSError:  # EIO: the process closed the terminal
                    break
                if not chunk:
                    break
                seen += chunk
                if answer is not None and b"[y/N]" in seen:
                    os.write(master, answer.encode() + b"\n")
                    answer = None
            elif proc.poll() is not None:
                break
        proc.wait(timeout=max(deadline - time.monotonic(), 1))
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode, seen.decode("utf-8", "replace").replace("\r\n", "\n")


def test_cache_clear_asks_on_a_terminal(cli, fake, seed_output, cache_dir):
    fake.default = Reply.json(seed_output)
    ok(summarize(cli, fake))
    code, text = on_terminal(["cache", "clear"], answer="n")
    assert code == 0 and "Delete 1 cached results" in text and "nothing removed" in text, text
    assert entries(cache_dir) == 1
    code, text = on_terminal(["cache", "clear"], answer="y")
    assert code == 0 and "removed 1 entries" in text and "bytes" in text, text
    assert entries(cache_dir) == 0


def test_cache_stats_is_a_table_on_a_terminal_and_json_otherwise(cli, fake, seed_output, cache_dir):
    fake.default = Reply.json(seed_output, usage=(90, 10))
    ok(summarize(cli, fake))
    ok(summarize(cli, fake))
    code, table = on_terminal(["cache", "stats"])
    assert code == 0, table
    rows = dict(re.split(r"\s{2,}", line.strip(), maxsplit=1) for line in table.strip().splitlines())
    assert rows["cache"] == str(cache_dir) and rows["entries"] == "1" and rows["tokens saved"] == "100"
    assert "bytes" in rows["size on disk"]

    code, text = on_terminal(["cache", "stats", "--json"])
    assert code == 0 and json.loads(text)["entries"] == 1
    piped = run_cli("cache", "stats")
    assert piped.returncode == 0 and json.loads(piped.stdout)["tokens_saved"] == 100


@pytest.mark.parametrize("command", ["stats", "clear", "path"])
def test_cache_command_help_has_an_example(cli, command):
    result = cli("cache", command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout and f"summarizer cache {command}" in result.stdout
