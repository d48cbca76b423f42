"""Config layering: flag > environment > config file > default, for the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SEED
from fake_openai import Reply

# One row per layer: each adds a layer above the previous row's, and the top one wins.
LAYERS = [
    (None, None, None, "gpt-4o-mini"),  # default
    ("from-config", None, None, "from-config"),
    ("from-config", "from-env", None, "from-env"),
    ("from-config", "from-env", "from-flag", "from-flag"),
]


@pytest.mark.parametrize(("config", "env", "flag", "expected"), LAYERS)
def test_model_precedence(cli, fake, seed_output, tmp_path: Path, config, env, flag, expected) -> None:
    if config:
        (tmp_path / "config.toml").write_text(f'model = "{config}"\n')  # SUMMARIZER_CONFIG points here
    fake.enqueue(Reply.json(seed_output))
    argv = ["summarize", str(SEED), "--base-url", fake.base_url, "--no-cache"]
    if flag:
        argv += ["--model", flag]
    result = cli(*argv, env={"SUMMARIZER_MODEL": env} if env else None)
    assert result.exit_code == 0, result.stderr
    assert fake.chat_requests[0].body["model"] == expected
    assert json.loads(result.stdout)["provenance"]["model"] == expected


def test_max_attempts_from_env_beats_config(cli, fake, tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("max-attempts = 3\n")
    fake.default = Reply.content("not json")
    result = cli(
        "summarize", str(SEED), "--base-url", fake.base_url, "--no-cache", env={"SUMMARIZER_MAX_ATTEMPTS": "2"}
    )
    assert result.exit_code == 4
    assert len(fake.chat_requests) == 2
    assert "after 2 attempts" in result.stderr


@pytest.mark.parametrize(("config", "env", "flag", "expected"), LAYERS)
def test_batch_model_precedence(cli, fake, seed_output, tmp_path: Path, config, env, flag, expected) -> None:
    if config:
        (tmp_path / "config.toml").write_text(f'model = "{config}"\n')
    fake.enqueue(Reply.json(seed_output))
    argv = ["batch", str(SEED), "--base-url", fake.base_url, "--no-cache", "--no-progress"]
    if flag:
        argv += ["--model", flag]
    result = cli(*argv, env={"SUMMARIZER_MODEL": env} if env else None)
    assert result.exit_code == 0, result.stderr
    assert fake.chat_requests[0].body["model"] == expected
    line = json.loads(result.stdout.splitlines()[0])
    assert line["result"]["provenance"]["model"] == expected


# Options every model-running command takes, by parameter name (fixtures record has its own --engine).
SHARED = (
    "engine", "model", "base_url", "api_key_env", "mode", "recordings", "model_path", "strategy", "no_cache",
    "cache_dir", "max_attempts", "max_tokens", "temperature", "timeout", "retries", "context_tokens",
    "chunk_overlap", "concurrency", "rpm", "tpm", "verbose", "debug",
)  # fmt: skip


def _declaration(param: Any) -> tuple[Any, ...]:
    return (tuple(param.opts), param.envvar, param.metavar, param.help, param.default, param.count)


def test_shared_options_are_declared_once() -> None:
    """summarize, batch, eval, serve and fixtures record declare each shared option alike."""
    import typer

    from summarizer.cli import app

    root: Any = typer.main.get_command(app)  # typer may bring its own click: no isinstance checks
    fixtures = root.commands["fixtures"]
    commands = {name: root.commands[name] for name in ("summarize", "batch", "eval", "serve")}
    commands["fixtures record"] = fixtures.commands["record"]
    seen: dict[str, tuple[str, tuple[Any, ...]]] = {}
    for command_name, command in commands.items():
        for param in command.params:
            if param.name not in SHARED or (command_name, param.name) == ("fixtures record", "engine"):
                continue
            first = seen.setdefault(param.name, (command_name, _declaration(param)))
            assert _declaration(param) == first[1], f"{command_name} --{param.name} differs from {first[0]}'s"
    assert set(seen) == set(SHARED)
    for name in ("model", "max_attempts", "strategy", "cache_dir"):
        assert any(p.name == name for p in commands["fixtures record"].params)


@pytest.mark.parametrize(("flag", "expected"), [(None, "from-config"), ("from-flag", "from-flag")])
def test_fixtures_record_reads_the_config_file(cli, fake, tmp_path: Path, flag, expected) -> None:
    from summarizer.fixtures import FixtureSet

    root = tmp_path / "fixtures"
    shutil.copytree(ROOT / "fixtures", root)
    fixtures = FixtureSet(root)
    valid = json.loads(fixtures.script("repair-unknown-actor").read_text())["replies"][1]["text"]
    fixtures.script("repair-unknown-actor").unlink()  # record live, not from the script
    fake.enqueue(Reply.content(valid))
    # engine = "replay" would be refused by record: it keeps its own --engine.
    (tmp_path / "config.toml").write_text(f'model = "from-config"\nengine = "replay"\nbase-url = "{fake.base_url}"\n')
    argv = ["fixtures", "record", "repair-unknown-actor", "--root", str(root), "--engine", "openai"]
    if flag:
        argv += ["--model", flag]
    cli(*argv)
    assert fake.chat_requests, "no request reached the configured endpoint"
    assert fake.chat_requests[0].body["model"] == expected


def test_debug_belongs_to_one_invocation(cli, tmp_path: Path) -> None:
    """--debug is read from the command's own options, so it cannot outlive its run."""
    missing = tmp_path / "missing.txt"
    first = cli("summarize", missing, "--debug")
    assert first.exit_code == 2 and "Traceback" in first.stderr
    second = cli("render", missing)  # a command without --debug of its own
    assert second.exit_code != 0 and "missing.txt" in second.stderr
    assert "Traceback" not in second.stderr
