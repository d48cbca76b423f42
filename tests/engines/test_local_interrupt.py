"""The embedded engine with the real model: -v timings, Ctrl-C in flight, closed questions.

Slow: each test loads the bundled 0.5B model. Run them under ``flock /tmp/llama.lock``.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # loads the embedded model

pytest.importorskip("llama_cpp", reason="the `local` extra (llama-cpp-python) is not installed")

from summarizer.engines.base import Request  # noqa: E402
from summarizer.engines.local import LocalEngine  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SHORT = ROOT / "fixtures" / "articles" / "04-austin-wallace-afghan-evacuation.txt"
LONG = ROOT / "tests" / "data" / "long-feature.txt"  # prompts of ~5,000 tokens: long in flight


def _summarize(model_path: Path, cache: Path, article: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "summarizer.cli", "summarize", str(article), "--engine", "local",
         "--model-path", str(model_path), "--cache-dir", str(cache), "-v", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip


def test_local_ctrl_c_stops_a_generation_in_flight_and_leaves_the_cache_sound(model_path, tmp_path):
    cache = tmp_path / "cache"
    # A finished run first: its result must survive the interrupted one.
    done = _summarize(model_path, cache, SHORT, "--threads", "1")
    out, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    assert "loaded the local model" in err and "(1 threads" in err  # -v: load time, threads
    assert "tokens/s; generated" in err and "tokens/s (1 threads)" in err  # -v: prompt and generation speed

    running = _summarize(model_path, cache, LONG, "--no-cache")
    lines: list[str] = []
    loaded = threading.Event()

    def read_stderr() -> None:
        assert running.stderr is not None
        for line in running.stderr:
            lines.append(line)
            if "loaded the local model" in line:
                loaded.set()

    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    assert loaded.wait(180), "".join(lines)
    time.sleep(1.5)  # well inside the first chunk's prompt (thousands of tokens)
    assert running.poll() is None, "".join(lines)
    sent = time.monotonic()
    running.send_signal(signal.SIGINT)
    running.wait(timeout=30)
    stopped = time.monotonic() - sent
    reader.join(5)
    assert running.stdout is not None and running.stderr is not None
    running.stdout.close()
    running.stderr.close()
    assert running.returncode == 130, "".join(lines)
    assert stopped < 2.0, f"took {stopped:.1f}s to stop"
    assert "summarizer: error: interrupted" in "".join(lines)

    db = next(cache.glob("*.sqlite3"))
    assert not list(cache.glob("*.damaged*"))
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    again = _summarize(model_path, cache, SHORT, "--threads", "1")
    out_again, err_again = again.communicate(timeout=600)
    assert again.returncode == 0, err_again
    first, cached = json.loads(out), json.loads(out_again)
    assert cached["provenance"].pop("cached") is True and first["provenance"].pop("cached") is False
    assert cached == first  # the earlier result, from the cache
    assert "loaded the local model" not in err_again  # a cache hit never loads the model


def _question(subject: str) -> Request:
    return Request(
        messages=[
            {"role": "system", "content": "Answer with the letter of the correct option only."},
            {"role": "user", "content": f"{subject}\nA) a dog\nB) red\nC) seven\nD) none of these\nAnswer:"},
        ],
        schema={},
        schema_name="choice",
        params={"seed": 0},
        choices=("A", "B", "C", "D"),
    )


def test_local_choices_give_every_label_a_logprob(model_path):
    engine = LocalEngine(model_path, n_ctx=2048, n_threads=1)
    for subject in ("Which of these is a colour?", "Which of these is a number?"):
        done = engine.complete(_question(subject))
        lp = done.choice_logprobs
        assert lp is not None and set(lp) == {"A", "B", "C", "D"}
        assert all(v <= 0 for v in lp.values())
        # The labels are the model's likely first tokens: most of the probability is theirs.
        assert 0.5 < sum(math.exp(v) for v in lp.values()) <= 1.0 + 1e-6
        # Greedy generation takes the likeliest token, so the generated label is the argmax:
        # the logits were read at the right step and mapped to the right token ids.
        assert done.text.strip() == max(lp, key=lambda k: lp[k])
        assert done.usage.completion_tokens == 1


def test_local_cancelled_task_stops_and_the_model_answers_the_same_afterwards(model_path):
    engine = LocalEngine(model_path, n_ctx=8192, n_threads=1)
    probe = Request(
        messages=[{"role": "user", "content": "Name a colour."}],
        schema={"type": "object", "properties": {"colour": {"type": "string"}}, "required": ["colour"]},
        schema_name="probe",
        params={"max_tokens": 16, "seed": 0},
    )
    before = engine.complete(probe).text
    long_request = Request(
        messages=[{"role": "user", "content": "Summarize:\n" + LONG.read_text()[:14000]}],
        schema={"type": "object", "properties": {"summary": {"type": "string"}}, "required": ["summary"]},
        schema_name="long",
        params={"max_tokens": 400},
    )

    async def cancel_in_flight() -> float:
        task = asyncio.ensure_future(engine.acomplete(long_request))
        await asyncio.sleep(1.5)
        assert not task.done()
        started = time.monotonic()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return time.monotonic() - started

    assert asyncio.run(cancel_in_flight()) < 2.0
    assert engine.complete(probe).text == before  # no half-evaluated prompt left behind
