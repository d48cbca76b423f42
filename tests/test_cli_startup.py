"""`summarizer --help` loads only what it shows: no models, engines, HTTP clients or templates.

Start-up time itself is measured by bench/bench_help.py, not asserted here (a shared
machine's load moves it); what a help run imports does not move, so it is asserted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT

# Heavy modules `--help` has no use for (import time in ms on the team's 2-core VM).
HEAVY = (
    "summarizer.models",  # pydantic models of the schema (~60, with pydantic)
    "summarizer.api",  # the library: pipeline, engines, inputs
    "summarizer.cache",  # sqlite3
    "summarizer.render",
    "openai",
    "httpx",
    "jinja2",
    "rich",
    "uvicorn",
    "fastapi",
)

_PROBE = """
import json, sys
sys.argv = ["summarizer", *json.loads(sys.argv[1])]
from summarizer.cli import run
try:
    run()
except SystemExit:
    pass
sys.__stderr__.write("\\nMODULES " + json.dumps(sorted(sys.modules)))
"""


def _modules_after(*argv: str) -> set[str]:
    """The modules loaded by ``summarizer ARGV`` in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(argv)],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        cwd=ROOT,
        timeout=60,
    )
    assert "Usage:" in done.stdout, done.stderr
    return set(json.loads(done.stderr.rsplit("\nMODULES ", 1)[1]))


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return [n for n in names if any(m == n or m.startswith(n + ".") for m in modules)]


def test_root_help_loads_nothing_heavy() -> None:
    modules = _modules_after("--help")
    assert "summarizer.cli_summarize" in modules  # the probe ran the real app
    assert _loaded(modules, (*HEAVY, "pydantic")) == []


@pytest.mark.parametrize("command", ["summarize", "batch", "serve", "eval", "cache stats", "fixtures record"])
def test_command_help_loads_nothing_heavy(command: str) -> None:
    # pydantic itself loads: typer 0.29 checks every option's value with a pydantic
    # TypeAdapter, the root's --config included, before a command's --help is handled.
    modules = _modules_after(*command.split(), "--help")
    assert _loaded(modules, HEAVY) == []


def test_command_annotations_are_not_strings() -> None:
    """Typer evaluates string annotations on every start; the command modules give it objects."""
    import inspect

    import typer

    from summarizer.cli import app

    def callbacks(command: object) -> list[object]:
        subcommands = getattr(command, "commands", None)
        own = [getattr(command, "callback", None)]
        return own + [cb for sub in (subcommands or {}).values() for cb in callbacks(sub)]

    found = [cb for cb in callbacks(typer.main.get_command(app)) if cb is not None]
    assert len(found) >= 13  # the root, 6 commands, 3 cache and 3 fixtures commands
    for cb in found:
        function = inspect.unwrap(cb)  # type: ignore[arg-type]
        strings = [name for name, value in inspect.get_annotations(function).items() if isinstance(value, str)]
        assert not strings, f"{function.__module__}.{function.__qualname__}: string annotations {strings}"
