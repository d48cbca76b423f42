"""The `summarizer` command line (Typer).

Owns argument parsing, config layering and turning errors into one stderr line and
an exit code (see `summarizer.errors`). stdout carries results only; logs go to
stderr (-v). Heavy modules are imported inside commands so `--help` stays fast.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from .batch_cli import register_batch
from .cli_errors import (
    OutputWriteError,
    SummarizerCommand,
    SummarizerGroup,
    check_output_path,
    fail,
    handle_errors,
    setup_logging,
    write_error,
)
from .cli_options import (
    ApiKeyEnvOpt,
    BaseUrlOpt,
    CacheDirOpt,
    ChunkOverlapOpt,
    ContextTokensOpt,
    D,
    DebugOpt,
    EngineOpt,
    MaxAttemptsOpt,
    MaxTokensOpt,
    ModelOpt,
    ModelPathOpt,
    ModeOpt,
    NoCacheOpt,
    RecordingsOpt,
    RetriesOpt,
    StrategyOpt,
    TemperatureOpt,
    ThreadsOpt,
    TimeoutOpt,
    VerboseOpt,
)
from .eval_cli import register_eval
from .files import write_atomic
from .serve_cli import register_serve

# The root's help is main()'s docstring, which has the examples.
app = typer.Typer(
    name="summarizer",
    cls=SummarizerGroup,
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)
cache_app = typer.Typer(
    help="""Inspect or clear the on-disk cache of validated results.

    Examples:

    \b
      summarizer cache stats
      summarizer cache clear --yes
      summarizer cache path
    """,
    short_help="Inspect or clear the on-disk cache.",
    no_args_is_help=True,
)
app.add_typer(cache_app, name="cache")
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
app.add_typer(fixtures_app, name="fixtures")
register_batch(app)
register_eval(app)
register_serve(app)

def write_output(text: str, output: Path | None) -> None:
    """Write to stdout, or to FILE atomically (a failure never leaves half a file).

    Check FILE with `check_output_path` before any paid work: this only writes.
    A device or a pipe (``-o /dev/stdout``) is written in place, never replaced.

    Raises:
        OutputWriteError: the write failed (full disk, closed pipe, refused file).
    """
    data = text if text.endswith("\n") else text + "\n"
    if output is None:
        try:
            sys.stdout.write(data)
            sys.stdout.flush()  # now, so a closed pipe is reported here and not at exit
        except OSError as err:
            raise write_error("standard output", err) from None
        return
    output = output.expanduser()
    if os.path.exists(output) and not os.path.isfile(output):
        try:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(data)
        except OSError as err:
            raise write_error(str(output), err) from None
        return
    target = Path(os.path.realpath(output))  # replace a symlink's target, not the link
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    except OSError as err:
        raise write_error(str(output), err) from None


@app.callback()
def main(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE", help="TOML config file [env: SUMMARIZER_CONFIG; default: user config dir/config.toml]"
        ),
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
    # Config-file values become command defaults: flags and env vars still win.
    if "use_cache" in settings:
        settings["no_cache"] = not settings.pop("use_cache")
    cache_dir = {"cache_dir": settings["cache_dir"]} if "cache_dir" in settings else {}
    ctx.default_map = {
        "summarize": settings,
        "batch": settings,
        "eval": settings,
        # Recording takes its own --engine (openai or local), never the configured one.
        "fixtures": {"record": {k: v for k, v in settings.items() if k != "engine"}},
        "cache": {"stats": cache_dir, "clear": cache_dir, "path": cache_dir},
    }


OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
]


@app.command(cls=SummarizerCommand)
@handle_errors
def summarize(
    path: Annotated[str, typer.Argument(
            help="Article file (.txt, .md, .html), an http(s) URL, or - for stdin.", metavar="PATH|URL|-"
        )],
    published: Annotated[
        str | None,
        typer.Option(metavar="YYYY-MM-DD", help="Publication date (overrides the header's)."),
    ] = None,
    title: Annotated[str | None, typer.Option(metavar="TEXT", help="Article title (overrides the header's).")] = None,
    language: Annotated[
        str | None,
        typer.Option(
            "--language",
            metavar="CODE",
            help="Language of the summary and descriptions, e.g. es [default: the article's].",
        ),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="json, md (Markdown) or html (a report).")
    ] = "json",
    output: OutputOpt = None,
    engine: EngineOpt = D.engine,
    model: ModelOpt = D.model,
    base_url: BaseUrlOpt = D.base_url,
    api_key_env: ApiKeyEnvOpt = D.api_key_env,
    mode: ModeOpt = D.mode,
    recordings: RecordingsOpt = D.recordings,
    model_path: ModelPathOpt = D.model_path,
    threads: ThreadsOpt = D.threads,
    strategy: StrategyOpt = D.strategy,
    no_cache: NoCacheOpt = D.no_cache,
    cache_dir: CacheDirOpt = D.cache_dir,
    max_attempts: MaxAttemptsOpt = D.max_attempts,
    max_tokens: MaxTokensOpt = D.max_tokens,
    temperature: TemperatureOpt = D.temperature,
    timeout: TimeoutOpt = D.timeout,
    retries: RetriesOpt = D.retries,
    context_tokens: ContextTokensOpt = D.context_tokens,
    chunk_overlap: ChunkOverlapOpt = D.chunk_overlap,
    verbose: VerboseOpt = D.verbose,
    debug: DebugOpt = D.debug,
) -> None:
    """Summarize one article and print the result.

    Examples:

    \b
      summarizer summarize fixtures/articles/00-seed-2022-02-17-blinken.txt
      summarizer summarize article.txt --base-url http://127.0.0.1:8080/v1 --mode json_object
      summarizer summarize - --published 2022-02-17 --format md < article.txt

      summarizer summarize https://example.org/news/story.html --language en
    """
    setup_logging(verbose, debug)
    from .api import Summarizer, check_arguments, read_article
    from .errors import ConfigError

    if format not in ("json", "md", "html"):
        raise ConfigError(f"--format must be json, md or html, not {format!r}")
    # Arguments that are not valid Unicode (bytes the locale could not decode) stop here.
    _, published, title, _ = check_arguments("", published=published, title=title)
    article = read_article(path, published=published, title=title, language=language)
    if output is not None:
        output = check_output_path(output)  # before the model is paid, not after
    with Summarizer(
        engine=engine,
        model=model,
        base_url=base_url,
        api_key_env=api_key_env,
        cache_dir=cache_dir,
        cache=not no_cache,
        mode=mode,
        model_path=model_path,
        threads=threads,
        recordings=recordings,
        strategy=strategy,
        max_attempts=max_attempts,
        max_tokens=max_tokens,
        temperature=temperature,
        timeout=timeout,
        retries=retries,
        context_tokens=context_tokens,
        chunk_overlap=chunk_overlap,
    ) as summarizer:
        with _status(f"Summarizing {path} ..."):
            result = summarizer.summarize_article(article)
    try:
        write_output(_render(result, format), output)
    except OutputWriteError as err:
        if result.provenance.cached or not no_cache:
            hint = "the result is in the cache: rerun (with another -o) and no new request is made"
        else:
            hint = "--no-cache was given, so a rerun asks the model again"
        raise OutputWriteError(f"{err}; {hint}") from None
    if result.partial:  # chunks of a long article failed: say which, exit 6 (README: exit codes)
        for chunk in result.provenance.chunks or []:
            if not chunk.ok:
                typer.echo(
                    f"summarizer: warning: partial result: chunk {chunk.index} (sentences "
                    f"{chunk.first_sentence}-{chunk.last_sentence}) failed: {chunk.error}",
                    err=True,
                )
        raise typer.Exit(6)


@contextlib.contextmanager
def _status(message: str) -> Iterator[None]:
    """A spinner on stderr while a model works, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(message):
        yield


def _render(result: Any, format: str) -> str:
    from .render import render

    return render(result, format)  # type: ignore[arg-type]


@app.command("render", cls=SummarizerCommand)
@handle_errors
def render_result(
    path: Annotated[Path, typer.Argument(metavar="RESULT.json", help="A result saved with --format json.")],
    format: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="html (a report), md (Markdown) or json.")
    ] = "html",
    output: OutputOpt = None,
) -> None:
    """Render a saved result as Markdown or a self-contained HTML report (no article file needed).

    Examples:

    \b
      summarizer summarize article.txt -o result.json && summarizer render result.json -o report.html
      summarizer render result.json --format md
    """
    from pydantic import ValidationError

    from .errors import ConfigError, InputError
    from .models import ArticleSummary
    from .render import render

    if format not in ("json", "md", "html"):
        raise ConfigError(f"--format must be md, html or json, not {format!r}")
    if output is not None:
        output = check_output_path(output)
    try:
        result = ArticleSummary.model_validate_json(path.read_bytes())
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror or err})") from None
    except ValidationError as err:
        raise InputError(
            f"{path}: not a summarizer result ({err.error_count()} errors); "
            f"make one with `summarizer summarize ARTICLE --format json -o {path}`"
        ) from None
    write_output(render(result, format), output)  # type: ignore[arg-type]


@app.command(cls=SummarizerCommand)
@handle_errors
def schema(
    model_output: Annotated[
        bool, typer.Option("--model-output", help="The schema the model must fill, not the result's.")
    ] = False,
    openapi: Annotated[
        bool, typer.Option("--openapi", help="The service's OpenAPI document (schemas/openapi.json).")
    ] = False,
    output: OutputOpt = None,
) -> None:
    """Print the JSON Schema of the result (or of the model output, or the service's OpenAPI document).

    Examples:

    \b
      summarizer schema > result.schema.json
      summarizer schema --model-output -o model-output.schema.json
      summarizer schema --openapi -o schemas/openapi.json
    """
    from .models import ArticleSummary, ModelOutput, inline_schema

    if output is not None:
        output = check_output_path(output)
    data = inline_schema(ModelOutput) if model_output else ArticleSummary.model_json_schema()
    if openapi:
        from .service import openapi_document

        data = openapi_document()
    write_output(json.dumps(data, indent=2, sort_keys=True), output)


def _cache(cache_dir: Path | None) -> Any:
    from .cache import Cache, default_cache_dir

    return Cache(cache_dir.expanduser() if cache_dir else default_cache_dir())


def _size(n: int) -> str:
    """1,234,567 -> '1.2 MiB (1,234,567 bytes)'; small sizes in bytes only."""
    if n < 1024:
        return f"{n:,} bytes"
    value = float(n)
    for unit in ("KiB", "MiB", "GiB", "TiB"):  # noqa: B007 - the unit the loop stops at is the answer
        value /= 1024
        if value < 1024:
            break
    return f"{value:.1f} {unit} ({n:,} bytes)"


def _stats_table(stats: dict[str, Any]) -> str:
    rows = [
        ("cache", stats["path"]),
        ("entries", f"{stats['entries']:,}"),
        ("size on disk", _size(stats["bytes"])),
        ("tokens saved", f"{stats['tokens_saved']:,}"),
        ("schema version", str(stats["schema_version"])),
    ]
    if stats["read_only"]:
        rows.append(("read-only", "yes: hits are read, new results are not stored"))
    if stats["damaged"]:
        rows.append(("set aside", f"{len(stats['damaged'])} corrupt database(s), {_size(stats['damaged_bytes'])}"))
        rows += [("", name) for name in stats["damaged"]]
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label:<{width}}  {value}".rstrip() for label, value in rows)


@cache_app.command("stats")
@handle_errors
def cache_stats(
    cache_dir: CacheDirOpt = D.cache_dir,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON even on a terminal (the default when piped).")
    ] = False,
) -> None:
    """Entries, size on disk and tokens the cache has saved.

    A table on a terminal; JSON with --json or when stdout is not a terminal. Corrupt
    databases set aside by earlier runs are listed too.

    Examples:

      summarizer cache stats

      summarizer cache stats --json > cache-stats.json
    """
    setup_logging(0, False)
    cache = _cache(cache_dir)
    try:
        stats = cache.stats()
    finally:
        cache.close()
    if as_json or not sys.stdout.isatty():
        write_output(json.dumps(stats, indent=2), None)
    else:
        write_output(_stats_table(stats), None)


@cache_app.command("clear")
@handle_errors
def cache_clear(
    cache_dir: CacheDirOpt = D.cache_dir,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Clear without asking (required when stdin is not a terminal).")
    ] = False,
) -> None:
    """Delete every cached result, after asking; says how many entries and bytes went.

    On a terminal it asks first. Without a terminal (a script, a pipe, CI) it refuses
    with exit 2 unless --yes is given: results cost money to make, so clearing them is
    never a side effect of a pasted line.

    Examples:

      summarizer cache clear

      summarizer cache clear --yes --cache-dir /tmp/summarizer-cache
    """
    from .errors import ConfigError

    setup_logging(0, False)
    cache = _cache(cache_dir)
    try:
        if not yes:
            if not sys.stdin.isatty():
                raise ConfigError(
                    f"cache clear would delete every cached result in {cache.directory}; "
                    "stdin is not a terminal to confirm on, so pass --yes (nothing was removed)"
                )
            stats = cache.stats()
            if stats["entries"] == 0:
                typer.echo(f"the cache in {cache.directory} is empty; nothing to remove", err=True)
                return
            question = f"Delete {stats['entries']:,} cached results ({_size(stats['bytes'])}) in {cache.directory}?"
            if not typer.confirm(question, default=False, err=True):
                typer.echo("nothing removed", err=True)
                return
        count, freed = cache.clear()
    finally:
        cache.close()
    typer.echo(f"removed {count:,} entries from {cache.directory}, freeing {_size(freed)}", err=True)


@cache_app.command("path")
@handle_errors
def cache_path(cache_dir: CacheDirOpt = D.cache_dir) -> None:
    """Print the cache directory.

    Examples:

      summarizer cache path

      ls -l "$(summarizer cache path)"
    """
    write_output(str(_cache(cache_dir).directory), None)


RootOpt = Annotated[
    Path, typer.Option("--root", envvar="SUMMARIZER_FIXTURES", metavar="DIR", help="Fixture set directory.")
]
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


@fixtures_app.command("verify", cls=SummarizerCommand)
@handle_errors
def fixtures_verify(
    names: NamesArg = None,
    root: RootOpt = Path("fixtures"),
) -> None:
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


@fixtures_app.command("update", cls=SummarizerCommand)
@handle_errors
def fixtures_update(
    names: NamesArg = None,
    root: RootOpt = Path("fixtures"),
) -> None:
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


@fixtures_app.command("record", cls=SummarizerCommand)
@handle_errors
def fixtures_record(
    articles: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="NAME|PATH", help="Fixture names or article paths (default: all).", show_default=False
        ),
    ] = None,
    root: RootOpt = Path("fixtures"),
    engine: Annotated[
        str, typer.Option("--engine", metavar="ENGINE", help="openai or local: the live engine to record.")
    ] = "local",
    model: ModelOpt = D.model,
    base_url: BaseUrlOpt = D.base_url,
    api_key_env: ApiKeyEnvOpt = D.api_key_env,
    mode: ModeOpt = D.mode,
    model_path: ModelPathOpt = D.model_path,
    strategy: StrategyOpt = D.strategy,
    max_attempts: MaxAttemptsOpt = D.max_attempts,
    cache_dir: CacheDirOpt = D.cache_dir,
) -> None:
    """Run a live engine over fixture articles; write recordings and expected results.

    Fixtures with a hand-made script (fixtures/scripts/NAME.json) record that script
    through the real pipeline instead of a live model.

    Examples:

    \b
      summarizer fixtures record                       # all, embedded model
      summarizer fixtures record 04-austin-wallace-afghan-evacuation --engine openai
    """
    from .config import Settings, build_engine
    from .errors import ConfigError
    from .fixtures import FixtureSet

    if engine not in ("openai", "local"):
        raise ConfigError("--engine must be openai or local for recording")
    fixtures = FixtureSet(root)
    settings = Settings(engine=engine, model=model, base_url=base_url, api_key_env=api_key_env, mode=mode,
                        model_path=model_path,
                        cache_dir=cache_dir, strategy=strategy, max_attempts=max_attempts)
    live: list[Any] = []

    def live_engine() -> Any:  # built once, only if some fixture needs a live model
        if not live:
            live.append(build_engine(settings))
        return live[0]

    failed = 0
    for n in _fixture_names(fixtures, articles):
        typer.echo(f"recording {n} ...", err=True)
        report = fixtures.record(
            n, live_engine, strategy=settings.resolved_strategy(), max_attempts=max_attempts, params=settings.params()
        )
        typer.echo(report.text())
        failed += not report.ok
    if failed:
        raise typer.Exit(1)


def run() -> None:
    """The ``summarizer`` console script."""
    app(prog_name="summarizer")


if __name__ == "__main__":
    run()
