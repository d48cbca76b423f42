"""The embedded engine's options that need no model: threads, their default, their plumbing."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import Summarizer
from summarizer.cli import app
from summarizer.config import Settings, build_engine, load_config_file
from summarizer.engines.local import LocalEngine, default_threads
from summarizer.errors import ConfigError

pytest.importorskip("llama_cpp", reason="the `local` extra (llama-cpp-python) is not installed")


@pytest.mark.parametrize(("cpus", "threads"), [(1, 1), (2, 1), (3, 2), (4, 3), (8, 4), (64, 4)])
def test_default_threads_leave_a_core_free(cpus, threads):
    assert default_threads(cpus) == threads


@pytest.fixture
def gguf(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.gguf"  # never loaded: engines load their model on the first call
    path.write_bytes(b"GGUF" + b"\0" * 64)
    return path


def test_threads_reach_the_engine_from_settings_and_the_library(gguf):
    assert build_engine(Settings(engine="local", model_path=str(gguf), threads=3)).n_threads == 3  # type: ignore[attr-defined]
    engine = Summarizer(engine="local", model_path=str(gguf), threads=2, cache=False).pipeline.engine
    assert isinstance(engine, LocalEngine) and engine.n_threads == 2
    assert build_engine(Settings(engine="local", model_path=str(gguf))).n_threads is None  # type: ignore[attr-defined]


def test_threads_do_not_change_the_cache_key(gguf):
    one, two = LocalEngine(gguf, n_threads=1), LocalEngine(gguf, n_threads=2)
    assert one.identity() == two.identity()


def test_threads_below_one_are_refused(gguf):
    with pytest.raises(ConfigError, match="threads must be 1 or more"):
        LocalEngine(gguf, n_threads=0)


def test_threads_in_the_config_file(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("threads = 2\n")
    assert load_config_file(config)["threads"] == 2
    config.write_text('threads = "two"\n')
    with pytest.raises(ConfigError, match="threads must be a whole number"):
        load_config_file(config)


@pytest.mark.parametrize("command", ["summarize", "batch"])
def test_threads_flag_and_environment_are_declared(command):
    runner = CliRunner()
    shown = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert "--threads" in shown.stdout and "SUMMARIZER_THREADS" in shown.stdout
    bad = runner.invoke(app, [command, "x.txt", "--threads", "0"])
    assert bad.exit_code == 2
    bad_env = runner.invoke(app, [command, "x.txt"], env={"SUMMARIZER_THREADS": "zero"})
    assert bad_env.exit_code == 2
