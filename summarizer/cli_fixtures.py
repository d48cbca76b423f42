"""The `summarizer fixtures` commands: verify, update and record regression fixtures.

Owns choosing fixtures by name and reporting each one; the fixtures themselves
(articles, recordings, expected results) are `summarizer.fixtures`. `record` takes
the shared model options (and the config file) like `summarize`, but its own
``--engine``: it records a live engine, never the configured one.

Registered on the main app by `summarizer.cli` (``register_fixtures(app)``). Imports
nothing heavy at import time, so ``summarizer --help`` stays fast.
"""

# No `from __future__ import annotations` here: typer reads each command's annotations
# on every start, and evaluating them from strings cost ~20 ms of `summarizer --help`.
from pathlib import Path
from typing import Annotated, Any

import typer

from .cli_errors import add_command
from .cli_options import model_options, model_settings, option

__all__ = ["fixtures_app", "register_fixtures"]

fixtures_app = typer.Typer(
    help="""Record, verify and update regression fixtures (articles, recorded model replies, expected results).

    Examples:

    \b
      summarizer fixtures verify
      summarizer fixtures record 00-seed-2022-02-17-blinken --engine openai
      summarizer fixtures update 00-seed-2022-02-17-blinken
    """,
    short_help="Record, verify and update regression fixtures.",
    no_args_is_help=True,
)


def register_fixtures(app: typer.Typer) -> None:
    """Add the ``fixtures`` command group to `app`."""
    app.add_typer(fixtures_app, name="fixtures")


RootOpt = Annotated[Path, option("--root", env="SUMMARIZER_FIXTURES", metavar="DIR", help="Fixture set directory.")]
NamesArg = Annotated[
    list[str] | None, typer.Argument(metavar="NAME", help="Fixture names (default: all).", show_default=False)
]


def _fixture_names(fixtures: Any, names: list[str] | None) -> list[str]:
    from .errors import InputError

    all_names = fixtures.names()
    if not all_names:
        raise InputError(f"no fixture articles in {fixtures.root / 'articles'}")
    chosen = []
    for n in names or all_names:
        stem = Path(n).stem if n.endswith((".txt", ".md")) else n
        if stem not in all_names:
            raise InputError(f"no fixture named {n!r} (have: {', '.join(all_names)})")
        chosen.append(stem)
    return chosen


@add_command(fixtures_app, "verify")
def fixtures_verify(names: NamesArg = None, root: RootOpt = Path("fixtures")) -> None:
    """Replay every fixture through the whole pipeline and compare with the expected results.

    Exits 1 when any fixture changed, is stale or is missing, or when recordings are unused.

    Example:

    \b
      summarizer fixtures verify
    """
    from .fixtures import FixtureSet

    fixtures = FixtureSet(root)
    reports = [fixtures.verify(n) for n in _fixture_names(fixtures, names)]
    for r in reports:
        typer.echo(r.text())
    bad = [r for r in reports if not r.ok]
    typer.echo(f"{len(reports) - len(bad)} passed, {len(bad)} failed")
    if any(r.status == "stale" for r in bad):
        stale = " ".join(r.name for r in bad if r.status == "stale")
        typer.echo(f"stale recordings: re-record with `summarizer fixtures record {stale}`", err=True)
    if bad:
        raise typer.Exit(1)


@add_command(fixtures_app, "update")
def fixtures_update(names: NamesArg = None, root: RootOpt = Path("fixtures")) -> None:
    """Rewrite expected results from the current pipeline after an intended change, showing what changed.

    Example:

    \b
      summarizer fixtures update 00-seed-2022-02-17-blinken
    """
    from .fixtures import FixtureSet

    fixtures = FixtureSet(root)
    stale = []
    for n in _fixture_names(fixtures, names):
        report = fixtures.update(n)
        if report.status == "stale":
            stale.append(n)
            typer.echo(report.text())
        else:
            typer.echo(f"{n}: " + ("unchanged" if not report.diff else f"updated, {len(report.diff)} changes"))
            for d in report.diff:
                typer.echo(f"  {d}")
    if stale:
        typer.echo(f"stale recordings: re-record with `summarizer fixtures record {' '.join(stale)}`", err=True)
        raise typer.Exit(1)


# Recording calls the live model and keeps its replies verbatim: these shared options do not apply.
_NOT_RECORDED = (
    "recordings", "no_cache", "max_tokens", "temperature", "timeout", "retries", "context_tokens", "chunk_overlap",
    "verbose", "debug",
)  # fmt: skip


@add_command(fixtures_app, "record")
@model_options(without=_NOT_RECORDED)
def fixtures_record(
    ctx: typer.Context,
    articles: Annotated[
        list[str] | None,
        typer.Argument(metavar="NAME|PATH", help="Fixture names or article paths (default: all).", show_default=False),
    ] = None,
    root: RootOpt = Path("fixtures"),
    engine: Annotated[
        str, option("--engine", metavar="ENGINE", help="openai or local: the live engine to record.")
    ] = "local",
) -> None:
    """Run a live engine over fixture articles; write recordings and expected results.

    Fixtures with a hand-made script (fixtures/scripts/NAME.json) record that script
    through the real pipeline instead of a live model.

    Examples:

    \b
      summarizer fixtures record                       # all, embedded model
      summarizer fixtures record 04-austin-wallace-afghan-evacuation --engine openai
    """
    from .config import build_engine
    from .errors import ConfigError
    from .fixtures import FixtureSet

    if engine not in ("openai", "local"):
        raise ConfigError("--engine must be openai or local for recording")
    fixtures = FixtureSet(root)
    settings = model_settings(ctx)
    live: list[Any] = []

    def live_engine() -> Any:  # built once, only if some fixture needs a live model
        if not live:
            live.append(build_engine(settings))
        return live[0]

    failed = 0
    for n in _fixture_names(fixtures, articles):
        typer.echo(f"recording {n} ...", err=True)
        report = fixtures.record(
            n, live_engine, strategy=settings.resolved_strategy(),
            max_attempts=settings.max_attempts, params=settings.params(),
        )  # fmt: skip
        typer.echo(report.text())
        failed += not report.ok
    if failed:
        raise typer.Exit(1)
