"""The `summarizer` command line (Typer): the app, its root options and its commands.

Owns assembling the app from the command modules (one per command group:
`cli_summarize`, `batch_cli`, `cli_views`, `cli_cache`, `cli_fixtures`, `eval_cli`,
`serve_cli`) and the root callback, which reads the config file once and hands it to
every command: as ``ctx.default_map`` (so each option's value is flag > environment >
config file > default) and as the typed `CliState` on ``ctx.obj``. Errors become one
stderr line and an exit code (`summarizer.cli_errors`); stdout carries results only.
Heavy modules are imported inside commands so ``--help`` stays fast.
"""

# No `from __future__ import annotations` here: typer reads each command's annotations
# on every start, and evaluating them from strings cost ~20 ms of `summarizer --help`.
from pathlib import Path
from typing import Annotated, Any

import typer

from .batch_cli import register_batch
from .cli_cache import register_cache
from .cli_errors import SummarizerGroup, fail
from .cli_fixtures import register_fixtures
from .cli_options import CliState, option
from .cli_summarize import register_summarize
from .cli_views import register_views
from .eval_cli import register_eval
from .serve_cli import register_serve

__all__ = ["app", "run"]

# The root's help is main()'s docstring, which has the examples.
app = typer.Typer(
    name="summarizer",
    cls=SummarizerGroup,
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)
# Commands are listed in --help in this order, then the groups (cache, fixtures).
register_batch(app)
register_eval(app)
register_serve(app)
register_summarize(app)
register_views(app)
register_cache(app)
register_fixtures(app)

# Options a command declares for itself, whose config-file value it must not take:
# recording uses its own --engine (openai or local), never the configured one.
_NOT_FROM_CONFIG: dict[tuple[str, ...], frozenset[str]] = {("fixtures", "record"): frozenset({"engine"})}


@app.callback()
def main(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        option(metavar="FILE", help="TOML config file [env: SUMMARIZER_CONFIG; default: user config dir/config.toml]"),
    ] = None,
) -> None:
    """Turn news articles into validated, grounded, structured summaries.

    Examples:

    \b
      summarizer summarize fixtures/articles/00-seed-2022-02-17-blinken.txt
      OPENAI_API_KEY=sk-... summarizer summarize article.txt --model gpt-4o-mini -o out.json
      cat article.md | summarizer summarize - --published 2022-02-17
      summarizer schema --model-output
    """
    from .config import load_config_file
    from .errors import ConfigError

    try:
        settings = load_config_file(config)
    except ConfigError as err:
        raise fail(str(err), err.exit_code) from None
    ctx.obj = CliState(config_file=config, file_settings=dict(settings))
    # Config-file values become the commands' defaults: flags and env vars still win.
    values = dict(settings)
    if "use_cache" in values:
        values["no_cache"] = not values.pop("use_cache")  # named like the flag
    ctx.default_map = _file_defaults(ctx.command, values, ())


def _file_defaults(command: Any, values: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    """The ``default_map`` under `command`: each command below gets the values it has options for."""
    subcommands = getattr(command, "commands", None)
    if subcommands is not None:
        return {name: _file_defaults(sub, values, (*path, name)) for name, sub in subcommands.items()}
    own = _NOT_FROM_CONFIG.get(path, frozenset())
    names = {param.name for param in command.params} - own
    return {name: value for name, value in values.items() if name in names}


def run() -> None:
    """The ``summarizer`` console script."""
    app(prog_name="summarizer")


if __name__ == "__main__":
    run()
