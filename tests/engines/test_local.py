"""The embedded engine with the real bundled model, and llama-cpp-python's own server.

These load the 0.5B model shipped by the `local` extra (assembled once into the user
cache dir and reused across runs); they skip only when the extra is not installed.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # loads the embedded model

llama_cpp = pytest.importorskip("llama_cpp", reason="the `local` extra (llama-cpp-python) is not installed")

from summarizer import Summarizer  # noqa: E402
from summarizer.engines.base import Request  # noqa: E402
from summarizer.engines.openai import ModeMemory, OpenAICompatEngine  # noqa: E402
from summarizer.inputs import load_article  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "fixtures" / "articles" / "04-austin-wallace-afghan-evacuation.txt"


def test_local_engine_end_to_end_on_a_corpus_article(model_path: Path, tmp_path: Path) -> None:
    article = load_article(ARTICLE)
    summarizer = Summarizer(engine="local", model_path=str(model_path), cache_dir=tmp_path / "cache")
    result = summarizer.summarize_article(article)

    assert result.provenance.engine == "local" and result.provenance.strategy == "guided"
    names = [a.name for a in result.actors]
    assert "Lloyd Austin" in names and "Ben Wallace" in names
    for item in [*result.stances, *result.events, *result.follow_ups]:
        for ev in item.evidence:
            quoted = article.text[ev.start : ev.end]
            assert quoted and quoted in ev.quote  # offsets point at the quote, in the exact text
    assert result.events and result.events[0].date == "2021-08-22"  # "on Sunday" before Monday 2021-08-23

    again = summarizer.summarize_article(article)  # cached like any engine's result
    assert again.provenance.cached and again.model_dump(exclude={"provenance"}) == result.model_dump(
        exclude={"provenance"}
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_llama_cpp_server_mode_fallback(model_path: Path, tmp_path: Path) -> None:
    """llama-cpp-python's server rejects json_schema; auto falls back to json_object and remembers."""
    port = _free_port()
    # The server loads its model as the embedded engine does: without weight repacking on an
    # AMX CPU, where llama.cpp 0.3.36 crashes in its first decode (engines/local_llama.py).
    start = (
        "import runpy, llama_cpp; from summarizer.engines.local_llama import load_guard\n"
        "with load_guard(llama_cpp.llama_cpp): runpy.run_module('llama_cpp.server', run_name='__main__')"
    )
    server = subprocess.Popen(
        [sys.executable, "-c", start, "--model", str(model_path), "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", "2048"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        base_url = f"http://127.0.0.1:{port}/v1"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, "llama_cpp.server exited"
                time.sleep(0.5)
        memory = ModeMemory(tmp_path / "modes.json")
        engine = OpenAICompatEngine("local", base_url=base_url, mode="auto", mode_memory=memory)
        schema = {
            "type": "object",
            "properties": {"country": {"type": "string", "enum": ["Afghanistan", "Britain", "Canada"]}},
            "required": ["country"],
            "additionalProperties": False,
        }
        request = Request(
            messages=[
                {"role": "system", "content": "Answer with JSON."},
                {
                    "role": "user",
                    "content": (
                        "Austin and Wallace discussed the evacuation from Afghanistan. Which country was evacuated?"
                    ),
                },
            ],
            schema=schema,
            schema_name="answer",
            params={"temperature": 0.0, "max_tokens": 32},
        )
        completion = engine.complete(request)
        assert completion.mode == "json_object"
        assert json.loads(completion.text)["country"] in schema["properties"]["country"]["enum"]
        assert memory.get(engine.endpoint) == "json_object"
        assert engine.identity()["mode"] == "json_object"  # the next call goes straight there
    finally:
        server.terminate()
        server.wait(timeout=30)
