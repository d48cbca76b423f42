"""Bad usage, configuration, input and output paths: one `summarizer: error:` line and the documented code.

Exit 2 when nothing was sent to a model; exit 5 when the output could not be written
after the model was paid (the result stays in the cache). Never a traceback, never
"unexpected ...".
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SEED, generic_output_for
from fake_openai import Reply

from summarizer.engines.fake import FunctionEngine
from summarizer.inputs import parse_article
from summarizer.pipeline import Pipeline


def _one_line(result, code: int, needle: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("summarizer: error: ")
    assert needle in result.stderr and "Traceback" not in result.stderr


def test_output_path_is_a_directory(cli, fake, seed_output, tmp_path: Path) -> None:
    fake.default = Reply.json(seed_output)
    out = tmp_path / "outdir"
    out.mkdir()
    _one_line(cli("summarize", str(SEED), "--base-url", fake.base_url, "-o", str(out)), 2, "is a directory")
    assert list(out.iterdir()) == [] and not list(tmp_path.glob(".outdir*"))


def test_cache_dir_that_is_a_file(cli, fake, seed_output, tmp_path: Path) -> None:
    fake.default = Reply.json(seed_output)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    _one_line(cli("summarize", str(SEED), "--base-url", fake.base_url, "--cache-dir", str(blocker)), 2, "--no-cache")
    _one_line(cli("cache", "stats", "--cache-dir", str(blocker)), 2, "cannot be used")


def test_config_file_errors(cli, tmp_path: Path) -> None:
    _one_line(cli("--config", str(tmp_path / "missing.toml"), "cache", "path"), 2, "not found")
    typo = tmp_path / "typo.toml"
    typo.write_text('[price]\n"gpt-4o-mini" = [1, 2]\n')
    _one_line(cli("--config", str(typo), "cache", "path"), 2, "unknown table [price]")


def test_config_file_no_cache_named_like_the_flag(cli, fake, seed_output, tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("no-cache = true\n")
    fake.default = Reply.json(seed_output)
    for _ in range(2):
        result = cli("--config", str(config), "summarize", str(SEED), "--base-url", fake.base_url)
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["provenance"]["cached"] is False
    assert len(fake.chat_requests) == 2


def test_replay_without_recordings_is_a_config_error(cli, tmp_path: Path) -> None:
    empty = tmp_path / "recordings"
    empty.mkdir()
    _one_line(cli("summarize", str(SEED), "--engine", "replay", "--recordings", str(empty)), 2, "no recordings")


def test_guided_label_of_the_wrong_type_is_repaired(seed_article) -> None:  # type: ignore[no-untyped-def]
    calls = []

    def answer(request):  # type: ignore[no-untyped-def]
        calls.append(request)
        labels = {name: "person" for name in request.schema["required"]}
        if len(calls) == 1:
            labels["Antony Blinken"] = ["person"]  # a list, not a label
        return json.dumps(labels)

    from summarizer.strategies.guided import Guided

    result = Pipeline(FunctionEngine(answer), strategy=Guided(nlp=False)).run(seed_article)
    labelling = [r for r in calls if r.schema_name == "actor_kinds"]
    assert len(labelling) == 2 and result.provenance.attempts == len(calls)
    assert "'Antony Blinken': label must be one of" in calls[1].messages[-1]["content"]


@pytest.mark.timeout(120)  # a hang guard, not a speed target: pysbd alone takes many minutes here
def test_huge_paragraph_is_split_without_pysbd_whole() -> None:
    article = parse_article("Word. " * 40_000)  # every full stop looks like an abbreviation's
    assert len(article.sentences) == 40_000


def test_config_value_of_the_wrong_type(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('max-attempts = "three"\n')
    _one_line(cli("--config", str(bad), "summarize", str(SEED)), 2, "max-attempts must be a whole number")
    bad.write_text("no-cache = 1\n")
    _one_line(cli("--config", str(bad), "summarize", str(SEED)), 2, "no-cache must be true or false")


# --------------------------------------------------------------------------- usage errors (#9 item 12)


@pytest.mark.parametrize(
    "argv, hint",
    [
        (["summarize", "--bogus", str(SEED)], "summarizer summarize"),
        (["summarize"], "summarizer summarize"),
        (["summarize", str(SEED), "--max-attempts", "0"], "summarizer summarize"),
        (["batch"], "summarizer batch"),
        (["batch", str(SEED), "--concurrency", "many"], "summarizer batch"),
        (["render"], "summarizer render"),
        (["schema", "--bogus"], "summarizer schema"),
        (["fixtures", "verify", "--bogus"], "summarizer fixtures verify"),
        (["no-such-command"], "summarizer"),
        (["--bogus", "summarize"], "summarizer"),
    ],
    ids=[
        "unknown-option", "missing-argument", "out-of-range", "batch-missing", "batch-not-a-number",
        "render-missing", "schema-unknown", "fixtures-unknown", "unknown-command", "root-unknown-option",
    ],
)  # fmt: skip
def test_cli_usage_error_is_one_error_line_and_a_usage_hint(cli, fake, argv, hint) -> None:  # type: ignore[no-untyped-def]
    result = cli(*argv, "--base-url", fake.base_url) if argv[0] == "summarize" and len(argv) > 2 else cli(*argv)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("summarizer: error: "), result.stderr
    assert [line for line in lines if "error" in line.lower()] == [lines[0]], result.stderr
    assert lines[1] == f"Usage: {hint} [OPTIONS]" or lines[1].startswith(f"Usage: {hint} [OPTIONS] ")
    assert lines[2] == f"Try '{hint} --help' for help."
    assert len(lines) == 3 and "Traceback" not in result.stderr
    assert fake.requests == []


def test_cli_usage_error_in_a_real_process(proc) -> None:  # type: ignore[no-untyped-def]
    done = proc("summarize", "--no-such-flag", str(SEED))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "summarizer: error: No such option: --no-such-flag",
        "Usage: summarizer summarize [OPTIONS] PATH|URL|-",
        "Try 'summarizer summarize --help' for help.",
    ]


# --------------------------------------------------------------------------- real processes


def _run(*argv: str, stdin: Any = subprocess.DEVNULL, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """``summarizer ARGV`` as a real process with the (clean) test environment."""
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "summarizer.cli", *argv],
        stdin=stdin,
        text=True,
        timeout=120,
        env=dict(os.environ),
        cwd=ROOT,
        **kwargs,
    )


def _one_error_line(done: subprocess.CompletedProcess[str], code: int, needle: str) -> str:
    assert done.returncode == code, (done.stdout, done.stderr)
    errors = [line for line in done.stderr.splitlines() if line.startswith("summarizer: error: ")]
    assert len(errors) == 1, done.stderr
    assert needle in errors[0], errors[0]
    assert "unexpected" not in done.stderr and "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr
    return errors[0]


@pytest.mark.parametrize("command", ["summarize", "batch"])
def test_cli_closed_stdin_is_an_input_error(fake, command: str) -> None:
    done = _run(command, "-", "--base-url", fake.base_url, stdin=None, preexec_fn=lambda: os.close(0))
    _one_error_line(done, 2, "standard input is closed")
    assert fake.requests == []


def test_cli_undecodable_title_is_an_input_error(fake, seed_output) -> None:
    fake.default = Reply.json(seed_output)
    argv = [sys.executable, "-m", "summarizer.cli", "summarize", str(SEED), "--base-url", fake.base_url]
    done = subprocess.run(
        [*argv, "--title", b"Caf\xe9"],  # Latin-1 bytes in a UTF-8 locale: not decodable
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120, env={**os.environ, "LC_ALL": "C.UTF-8"},
        cwd=ROOT,
    )  # fmt: skip
    _one_error_line(done, 2, "title holds a lone surrogate U+DCE9")
    assert fake.requests == []


def _without_dac_override() -> list[str]:
    """A command prefix under which root obeys file permissions, or skip the test.

    Tests run as root, which reads and writes through any mode bits; dropping the
    two capabilities that allow it makes a chmod-000 directory mean what it says.
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("needs setpriv (util-linux) to drop root's permission override")
    prefix = [setpriv, "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]
    probe = subprocess.run([*prefix, "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot drop capabilities here: {probe.stderr.decode(errors='replace').strip()}")
    return prefix


@pytest.fixture
def locked_dir(tmp_path: Path) -> Iterator[Path]:
    """A directory with an article inside that its owner may not search (mode 000)."""
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    locked.chmod(0)
    try:
        yield locked
    finally:
        locked.chmod(0o755)


def test_cli_unreadable_parent_directory_is_an_input_error(fake, locked_dir: Path, tmp_path: Path) -> None:
    prefix = _without_dac_override()

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*prefix, sys.executable, "-m", "summarizer.cli", *argv, "--base-url", fake.base_url],
            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120, env=dict(os.environ), cwd=ROOT,
        )  # fmt: skip

    article = str(locked_dir / "a.txt")
    _one_error_line(run("summarize", article), 2, f"{article}: cannot read (Permission denied)")
    _one_error_line(run("batch", article), 2, f"{article}: cannot read (Permission denied)")
    out = str(locked_dir / "out.json")
    _one_error_line(run("summarize", str(SEED), "-o", out), 2, f"{out}: cannot be written (Permission denied)")
    _one_error_line(run("batch", str(SEED), "-o", out), 2, f"{out}: cannot be written (Permission denied)")
    assert fake.requests == []


def test_cli_bad_output_paths_exit_2_before_any_request(cli, fake, seed_output, tmp_path: Path) -> None:
    fake.default = Reply.json(seed_output)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    outdir = tmp_path / "outdir"
    outdir.mkdir()
    for command in ("summarize", "batch"):
        for target, needle in (
            (outdir, "is a directory; give a file name for -o"),
            (blocker / "x.json", "cannot be written (Not a directory); give another path for -o"),
            (blocker / "deeper" / "x.json", "cannot be written (Not a directory)"),
        ):
            result = cli(command, str(SEED), "--base-url", fake.base_url, "-o", str(target))
            _one_line(result, 2, needle)
    _one_line(cli("schema", "-o", str(blocker / "s.json")), 2, "(Not a directory)")
    assert fake.requests == [] and blocker.read_text() == "x" and list(outdir.iterdir()) == []


@pytest.fixture
def full_device(tmp_path: Path) -> Path:
    """A private /dev/full (every write fails with ENOSPC), made with mknod, or skip.

    Private, so that code which would replace its -o target (the bug under test)
    replaces a file under tmp_path, not the system's /dev/full.
    """
    path = tmp_path / "full"
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
        with open(path, "w") as fh:
            fh.write("x")
    except OSError as err:
        if err.errno == errno.ENOSPC:
            return path
        pytest.skip(f"cannot make a full device here ({err.strerror})")
    pytest.skip("the device accepted a write")


def test_cli_write_failure_after_the_call_exits_5_and_keeps_the_result_cached(
    cli, fake, seed_output, tmp_path: Path, full_device: Path
) -> None:
    fake.default = Reply.json(seed_output)
    result = cli("summarize", str(SEED), "--base-url", fake.base_url, "-o", str(full_device))
    _one_line(result, 5, f"{full_device}: cannot write (No space left on device); the result is in the cache")
    assert len(fake.chat_requests) == 1 and full_device.is_char_device()  # written in place, never replaced

    out = tmp_path / "out.json"
    again = cli("summarize", str(SEED), "--base-url", fake.base_url, "-o", str(out))
    assert again.exit_code == 0, again.stderr
    assert json.loads(out.read_text())["provenance"]["cached"] is True
    assert len(fake.chat_requests) == 1  # the rerun made no new request


def test_cli_batch_write_failure_exits_5_and_a_rerun_costs_nothing(
    cli, fake, seed_output, tmp_path: Path, full_device: Path
) -> None:
    fake.default = Reply.json(seed_output)
    result = cli("batch", str(SEED), "--base-url", fake.base_url, "-o", str(full_device))
    assert result.exit_code == 5, result.stderr
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert errors == [
        f"summarizer: error: {full_device}: cannot write (No space left on device); 0 of 1 results written; "
        "finished articles are in the cache: rerun and they make no new request"
    ]
    assert len(fake.chat_requests) == 1

    out = tmp_path / "out.jsonl"
    again = cli("batch", str(SEED), "--base-url", fake.base_url, "-o", str(out))
    assert again.exit_code == 0, again.stderr
    assert "0 summarized, 1 from cache" in again.stderr
    assert json.loads(out.read_text())["result"]["provenance"]["cached"] is True
    assert len(fake.chat_requests) == 1


def test_cli_summarize_broken_pipe_exits_5_quietly_and_keeps_the_result(fake, seed_output) -> None:
    fake.default = Reply.delay(0.5, Reply.json(seed_output))
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written (`| head` that exited)
    try:
        done = _run("summarize", str(SEED), "--base-url", fake.base_url, stdout=write_end, stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    _one_error_line(done, 5, "standard output was closed (broken pipe); the result is in the cache")
    assert len(fake.chat_requests) == 1
    again = _run("summarize", str(SEED), "--base-url", fake.base_url)
    assert again.returncode == 0 and json.loads(again.stdout)["provenance"]["cached"] is True
    assert len(fake.chat_requests) == 1


def test_cli_batch_into_head_stops_with_exit_5_and_a_rerun_resumes(fake, tmp_path: Path) -> None:
    body = "The council met in Geneva on Monday to discuss the ceasefire. Ministers argued for hours."
    items = tmp_path / "items.jsonl"
    items.write_text(
        "".join(json.dumps({"id": f"i{n}", "text": f"title: Item {n}\n---\n{body}"}) + "\n" for n in range(6))
    )
    fake.default = Reply.delay(0.3, Reply.json(generic_output_for(parse_article(body))))
    argv = [
        sys.executable,
        "-m",
        "summarizer.cli",
        "batch",
        str(items),
        "--base-url",
        fake.base_url,
        "--concurrency",
        "1",
    ]
    with subprocess.Popen(
        argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ), cwd=ROOT
    ) as child:  # `summarizer batch ... | head -n 1`
        assert child.stdout is not None and child.stderr is not None
        first = json.loads(child.stdout.readline())
        child.stdout.close()
        stderr = child.stderr.read().decode()
        code = child.wait(timeout=60)
    assert first["id"] == "i0" and "result" in first
    done = subprocess.CompletedProcess(argv, code, "", stderr)
    _one_error_line(done, 5, "standard output was closed (broken pipe)")
    assert "finished articles are in the cache" in stderr
    sent = len(fake.chat_requests)
    assert sent < 6  # it stopped instead of summarizing everything for nobody

    out = tmp_path / "out.jsonl"
    again = _run("batch", str(items), "--base-url", fake.base_url, "-o", str(out))
    assert again.returncode == 0, again.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    cached = sum(r["result"]["provenance"]["cached"] for r in rows)
    assert [r["id"] for r in rows] == [f"i{n}" for n in range(6)] and cached >= 1
    assert len(fake.chat_requests) - sent == 6 - cached  # only what was not finished is asked again
