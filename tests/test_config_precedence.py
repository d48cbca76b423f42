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


@pytest.mark.parametrize(("config", "env", "flag", "expected"), LAYERS)
def test_eval_model_precedence(cli, fake, seed_output, tmp_path: Path, config, env, flag, expected) -> None:
    if config:
        (tmp_path / "config.toml").write_text(f'model = "{config}"\n')
    fake.enqueue(Reply.json(seed_output))
    argv = ["eval", str(SEED), "--gold", str(ROOT / "fixtures" / "gold"), "--base-url", fake.base_url, "--no-cache"]
    if flag:
        argv += ["--model", flag]
    result = cli(*argv, env={"SUMMARIZER_MODEL": env} if env else None)
    assert "failed" not in result.stderr, result.stderr
    assert len(fake.chat_requests) == 1
    assert fake.chat_requests[0].body["model"] == expected


def test_fixtures_record_model_from_env_beats_config(cli, fake, tmp_path: Path) -> None:
    from summarizer.fixtures import FixtureSet

    root = tmp_path / "fixtures"
    shutil.copytree(ROOT / "fixtures", root)
    fixtures = FixtureSet(root)
    valid = json.loads(fixtures.script("repair-unknown-actor").read_text())["replies"][1]["text"]
    fixtures.script("repair-unknown-actor").unlink()
    fake.enqueue(Reply.content(valid))
    (tmp_path / "config.toml").write_text(f'model = "from-config"\nbase-url = "{fake.base_url}"\n')
    argv = ["fixtures", "record", "repair-unknown-actor", "--root", str(root), "--engine", "openai"]
    cli(*argv, env={"SUMMARIZER_MODEL": "from-env"})
    assert fake.chat_requests, "no request reached the configured endpoint"
    assert fake.chat_requests[0].body["model"] == "from-env"


# A config file setting every shared option to a value unlike its default.
CONFIG_VALUES = {
    "engine": "replay", "model": "from-config", "base_url": "http://127.0.0.1:9/v1", "api_key_env": "MY_KEY",
    "mode": "tools", "recordings": "/tmp/recordings", "model_path": "/tmp/model.gguf", "strategy": "single",
    "no_cache": True, "cache_dir": "/tmp/config-cache", "max_attempts": 5, "max_tokens": 900, "temperature": 0.5,
    "timeout": 30.0, "retries": 2, "context_tokens": 4096, "chunk_overlap": 2,
}  # fmt: skip


def _command_context(root: Any, ctx: Any, path: tuple[str, ...], args: list[str]) -> Any:
    """The context click makes for the command at `path` under the root context `ctx`."""
    parent, group = ctx, root
    for name in path[:-1]:
        group = group.commands[name]
        parent = group.make_context(name, [path[-1]], parent=parent)
    command = group.commands[path[-1]]
    required = ["x" for p in command.params if p.param_type_name == "argument" and p.required]
    return command.make_context(path[-1], [*required, *args], parent=parent)


def _leaves(command: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        return [(path, command)]
    return [leaf for name, sub in subcommands.items() for leaf in _leaves(sub, (*path, name))]


def test_config_file_reaches_every_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command takes each shared option it declares from the config file (the file layer)."""
    import typer

    from summarizer.cli import app

    monkeypatch.delenv("SUMMARIZER_CACHE_DIR")  # set by conftest; the environment would win
    config = tmp_path / "every.toml"
    config.write_text("".join(f"{k} = {json.dumps(v)}\n" for k, v in CONFIG_VALUES.items()))
    root: Any = typer.main.get_command(app)
    with root.make_context("summarizer", ["--config", str(config)]) as ctx:
        ctx.invoke(root.callback, **ctx.params)  # the root callback: reads the file once
        assert ctx.obj.config_file == config and ctx.obj.file_settings["model"] == "from-config"
        checked = set()
        for path, _ in _leaves(root):
            sub = _command_context(root, ctx, path, [])
            for name, value in CONFIG_VALUES.items():
                if name not in sub.params:
                    continue
                if (path, name) == (("fixtures", "record"), "engine"):  # records its own --engine
                    assert sub.get_parameter_source(name).name == "DEFAULT" and sub.params[name] == "local"
                    continue
                assert sub.get_parameter_source(name).name == "DEFAULT_MAP", (path, name)
                got = sub.params[name]
                assert (str(got) if isinstance(got, Path) else got) == value, (path, name)
                checked.add(" ".join(path))
    assert checked >= {"summarize", "batch", "eval", "serve", "fixtures record", "cache stats", "cache clear"}


# Where each LAYERS row's winning value comes from, as click names it.
SOURCES = {
    "gpt-4o-mini": "DEFAULT", "from-config": "DEFAULT_MAP", "from-env": "ENVIRONMENT", "from-flag": "COMMANDLINE",
}  # fmt: skip


@pytest.mark.parametrize("path", [("summarize",), ("batch",), ("eval",), ("serve",), ("fixtures", "record")])
@pytest.mark.parametrize(("config", "env", "flag", "expected"), LAYERS)
def test_every_model_command_layers_its_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path, config, env, flag, expected
) -> None:
    """Each layer wins over the ones below it, for every command that runs a model."""
    import typer

    from summarizer.cli import app
    from summarizer.cli_options import model_settings

    (tmp_path / "config.toml").write_text(f'model = "{config}"\n' if config else "")
    if env:
        monkeypatch.setenv("SUMMARIZER_MODEL", env)
    root: Any = typer.main.get_command(app)
    with root.make_context("summarizer", ["--config", str(tmp_path / "config.toml")]) as ctx:
        ctx.invoke(root.callback, **ctx.params)
        sub = _command_context(root, ctx, path, ["--model", flag] if flag else [])
        assert sub.get_parameter_source("model").name == SOURCES[expected]
        assert (model_settings(sub).model or "gpt-4o-mini") == expected


def test_model_settings_are_typed_and_built_once(tmp_path: Path) -> None:
    """The command's options become one `Settings` on ctx.obj, layered as the options are."""
    import typer

    from summarizer.cli import app
    from summarizer.cli_options import model_settings
    from summarizer.config import Settings

    (tmp_path / "config.toml").write_text('max-attempts = 5\nmodel = "from-config"\nno-cache = true\n')
    root: Any = typer.main.get_command(app)
    with root.make_context("summarizer", ["--config", str(tmp_path / "config.toml")]) as ctx:
        ctx.invoke(root.callback, **ctx.params)
        sub = root.commands["batch"].make_context("batch", ["x", "--model", "from-flag", "--retries", "1"], parent=ctx)
        first = model_settings(sub)
        assert first is model_settings(sub) and ctx.obj.settings is first
    assert isinstance(first, Settings)
    assert (first.model, first.max_attempts, first.retries, first.use_cache) == ("from-flag", 5, 1, False)
    assert first.context_tokens is None and first.temperature == 0.0  # defaults


def test_library_reads_no_summarizer_settings_from_env(fake, seed_output, seed_text, tmp_path, monkeypatch) -> None:
    """SUMMARIZER_* variables are the CLI's; a library call does what its arguments say."""
    from summarizer import summarize

    for name, value in {
        "SUMMARIZER_MODEL": "from-env", "SUMMARIZER_MODE": "text", "SUMMARIZER_TEMPERATURE": "1.5",
        "SUMMARIZER_MAX_TOKENS": "77", "SUMMARIZER_MAX_ATTEMPTS": "1", "SUMMARIZER_STRATEGY": "guided",
        "SUMMARIZER_LOCAL_MODEL": str(tmp_path / "absent.gguf"), "SUMMARIZER_ENGINE": "local",
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    fake.enqueue(Reply.json(seed_output))
    result = summarize(seed_text, base_url=fake.base_url, cache_dir=tmp_path / "lib-cache")
    body = fake.chat_requests[0].body
    assert body["model"] == "gpt-4o-mini" and result.provenance.model == "gpt-4o-mini"
    assert body["temperature"] == 0 and "max_tokens" not in body and "max_completion_tokens" not in body
    assert body["response_format"]["type"] == "json_schema"
    assert result.provenance.strategy == "single"


def test_library_cache_ignores_summarizer_cache_variables(fake, seed_output, seed_text, tmp_path, monkeypatch) -> None:
    """SUMMARIZER_CACHE_DIR and SUMMARIZER_CACHE_BUSY_TIMEOUT are the CLI's; the library's
    default cache is the platform's user cache dir."""
    from summarizer import summarize

    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "env-cache"))
    monkeypatch.setenv("SUMMARIZER_CACHE_BUSY_TIMEOUT", "not a number")  # the CLI would refuse it
    fake.enqueue(Reply.json(seed_output))
    result = summarize(seed_text, base_url=fake.base_url)
    assert result.provenance.cache_key
    assert not (tmp_path / "env-cache").exists()
    assert (tmp_path / "xdg-cache" / "summarizer" / "cache.sqlite3").is_file()


def test_cli_cache_busy_timeout_comes_from_the_environment(cli, monkeypatch) -> None:
    monkeypatch.setenv("SUMMARIZER_CACHE_BUSY_TIMEOUT", "soon")
    result = cli("cache", "stats")
    assert result.exit_code == 2 and "SUMMARIZER_CACHE_BUSY_TIMEOUT must be a number of seconds" in result.stderr
