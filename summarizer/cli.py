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
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from .batch_cli import register_batch
from .cli_errors import fail, handle_errors, setup_logging, state

app = typer.Typer(
    name="summarizer",
    help="Turn news articles into validated, grounded, structured summaries.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)
cache_app = typer.Typer(help="Inspect or clear the on-disk cache.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")
fixtures_app = typer.Typer(help="Record, verify and update regression fixtures.", no_args_is_help=True)
app.add_typer(fixtures_app, name="fixtures")
register_batch(app)

def write_output(text: str, output: Path | None) -> None:
    """stdout, or FILE written atomically (a failure never leaves half a file)."""
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from .errors import InputError

    output = output.expanduser()
    if output.is_dir():
        raise InputError(f"{output}: is a directory; give a file name for -o")
    tmp = None
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text if text.endswith("\n") else text + "\n")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a result file is an ordinary file
        os.replace(tmp, output)
    except OSError as err:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        raise InputError(f"{output}: cannot write ({err.strerror or err})") from None


@app.callback()
def main(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option(help="TOML config file [env: SUMMARIZER_CONFIG; default: user config dir/config.toml]"),
    ] = None,
) -> None:
    """Turn news articles into validated, grounded, structured summaries.

    Examples:

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
        "cache": {"stats": cache_dir, "clear": cache_dir, "path": cache_dir},
    }


EngineOpt = Annotated[str, typer.Option("--engine", envvar="SUMMARIZER_ENGINE", help="auto|openai|local|replay. auto: an endpoint when one is configured, else the embedded model.")]
ModelOpt = Annotated[str | None, typer.Option("--model", envvar="SUMMARIZER_MODEL", help="Model name at the endpoint [default: gpt-4o-mini].")]
BaseUrlOpt = Annotated[str | None, typer.Option("--base-url", envvar="OPENAI_BASE_URL", help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1.")]
ModeOpt = Annotated[str, typer.Option("--mode", envvar="SUMMARIZER_MODE", help="auto|json_schema|json_object|tools|text.")]
CacheDirOpt = Annotated[Path | None, typer.Option("--cache-dir", envvar="SUMMARIZER_CACHE_DIR", help="Cache location [default: user cache dir].")]


@app.command()
@handle_errors
def summarize(
    path: Annotated[
        str, typer.Argument(help="Article file (.txt, .md, .html), an http(s) URL, or - for stdin.", metavar="PATH|URL|-")
    ],
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD (overrides the header).")] = None,
    title: Annotated[str | None, typer.Option(help="Article title (overrides the header).")] = None,
    language: Annotated[
        str | None,
        typer.Option("--language", help="Language of the summary and descriptions, e.g. es [default: the article's]."),
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="json|md|html.")] = "json",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE instead of stdout.")] = None,
    engine: EngineOpt = "auto",
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOpt = "auto",
    recordings: Annotated[Path | None, typer.Option("--recordings", help="Recordings directory for --engine replay [default: fixtures/recordings].")] = None,
    model_path: Annotated[str | None, typer.Option("--model-path", envvar="SUMMARIZER_LOCAL_MODEL", help="GGUF file for the embedded engine [default: the bundled Qwen2.5-Coder-0.5B].")] = None,
    strategy: Annotated[str, typer.Option(envvar="SUMMARIZER_STRATEGY", help="auto|single|guided. auto: guided for the embedded model, single otherwise.")] = "auto",
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache.")] = False,
    cache_dir: CacheDirOpt = None,
    max_attempts: Annotated[int, typer.Option(envvar="SUMMARIZER_MAX_ATTEMPTS", min=1, max=10, help="Calls per pass, repairs included.")] = 3,
    max_tokens: Annotated[int | None, typer.Option(envvar="SUMMARIZER_MAX_TOKENS", min=1, help="Output token limit per call.")] = None,
    temperature: Annotated[float, typer.Option(envvar="SUMMARIZER_TEMPERATURE", min=0.0, max=2.0)] = 0.0,
    timeout: Annotated[float, typer.Option(envvar="SUMMARIZER_TIMEOUT", min=0.1, help="Seconds per request.")] = 120.0,
    retries: Annotated[int, typer.Option(envvar="SUMMARIZER_RETRIES", min=0, max=20, help="Transport retries (429, 5xx, timeouts).")] = 4,
    context_tokens: Annotated[
        int | None,
        typer.Option(
            "--context-tokens",
            envvar="SUMMARIZER_CONTEXT_TOKENS",
            min=512,
            help="The model's context window; longer articles are summarized in chunks "
            "[default: the embedded model's, or the known model's].",
        ),
    ] = None,
    chunk_overlap: Annotated[
        int, typer.Option("--chunk-overlap", min=0, max=20, help="Sentences repeated between consecutive chunks.")
    ] = 1,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="-v: progress; -vv: debug logs.")] = 0,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    """Summarize one article and print the result.

    Examples:

      summarizer summarize fixtures/articles/00-seed-2022-02-17-blinken.txt

      summarizer summarize article.txt --base-url http://127.0.0.1:8080/v1 --mode json_object

      summarizer summarize - --published 2022-02-17 --format md < article.txt

      summarizer summarize https://example.org/news/story.html --language en
    """
    state["debug"] = debug
    setup_logging(verbose, debug)
    from .api import Summarizer
    from .errors import ConfigError
    from .inputs import load_article

    if format not in ("json", "md", "html"):
        raise ConfigError(f"--format must be json, md or html, not {format!r}")
    article = load_article(path, published=published, title=title, language=language)
    with Summarizer(
        engine=engine,
        model=model,
        base_url=base_url,
        cache_dir=cache_dir,
        cache=not no_cache,
        mode=mode,
        model_path=model_path,
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
    write_output(_render(result, format), output)
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


@app.command("render")
@handle_errors
def render_result(
    path: Annotated[Path, typer.Argument(metavar="RESULT.json", help="A result saved with --format json.")],
    format: Annotated[str, typer.Option("--format", "-f", help="md|html.")] = "html",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE instead of stdout.")] = None,
) -> None:
    """Render a saved result as Markdown or a self-contained HTML report (no article file needed).

    Examples:

      summarizer summarize article.txt -o result.json && summarizer render result.json -o report.html

      summarizer render result.json --format md
    """
    from pydantic import ValidationError

    from .errors import ConfigError, InputError
    from .models import ArticleSummary
    from .render import render

    if format not in ("json", "md", "html"):
        raise ConfigError(f"--format must be md, html or json, not {format!r}")
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


@app.command()
@handle_errors
def schema(
    model_output: Annotated[bool, typer.Option("--model-output", help="The schema the model must fill, not the result's.")] = False,
) -> None:
    """Print the JSON Schema of the result (or of the model output)."""
    from .models import ArticleSummary, ModelOutput, inline_schema

    data = inline_schema(ModelOutput) if model_output else ArticleSummary.model_json_schema()
    write_output(json.dumps(data, indent=2, sort_keys=True), None)


def _cache(cache_dir: Path | None) -> Any:
    from .cache import Cache, default_cache_dir

    return Cache(cache_dir.expanduser() if cache_dir else default_cache_dir())


@cache_app.command("stats")
@handle_errors
def cache_stats(cache_dir: CacheDirOpt = None) -> None:
    """Entries, size on disk and tokens the cache has saved."""
    stats = _cache(cache_dir).stats()
    write_output(json.dumps(stats, indent=2), None)


@cache_app.command("clear")
@handle_errors
def cache_clear(cache_dir: CacheDirOpt = None) -> None:
    """Delete every cached result."""
    count = _cache(cache_dir).clear()
    typer.echo(f"removed {count} entries", err=True)


@cache_app.command("path")
@handle_errors
def cache_path(cache_dir: CacheDirOpt = None) -> None:
    """Print the cache directory."""
    write_output(str(_cache(cache_dir).directory), None)


RootOpt = Annotated[Path, typer.Option("--root", envvar="SUMMARIZER_FIXTURES", help="Fixture set directory.")]


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


@fixtures_app.command("verify")
@handle_errors
def fixtures_verify(
    names: Annotated[list[str] | None, typer.Argument(help="Fixture names (default: all).")] = None,
    root: RootOpt = Path("fixtures"),
) -> None:
    """Replay every fixture through the whole pipeline and compare with the expected results.

    Exits 1 when any fixture changed, is stale or is missing, or when recordings are unused.

    Example:

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


@fixtures_app.command("update")
@handle_errors
def fixtures_update(
    names: Annotated[list[str] | None, typer.Argument(help="Fixture names (default: all).")] = None,
    root: RootOpt = Path("fixtures"),
) -> None:
    """Rewrite expected results from the current pipeline after an intended change, showing what changed.

    Example:

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


@fixtures_app.command("record")
@handle_errors
def fixtures_record(
    articles: Annotated[list[str] | None, typer.Argument(help="Fixture names or article paths (default: all).")] = None,
    root: RootOpt = Path("fixtures"),
    engine: Annotated[str, typer.Option("--engine", help="openai|local: the live engine to record.")] = "local",
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOpt = "auto",
    model_path: Annotated[str | None, typer.Option("--model-path", envvar="SUMMARIZER_LOCAL_MODEL")] = None,
    strategy: Annotated[str, typer.Option(help="auto|single|guided.")] = "auto",
    max_attempts: Annotated[int, typer.Option(min=1, max=10)] = 3,
    cache_dir: CacheDirOpt = None,
) -> None:
    """Run a live engine over fixture articles; write recordings and expected results.

    Fixtures with a hand-made script (fixtures/scripts/NAME.json) record that script
    through the real pipeline instead of a live model.

    Examples:

      summarizer fixtures record                       # all, embedded model

      summarizer fixtures record 04-austin-wallace-afghan-evacuation --engine openai
    """
    from .config import Settings, build_engine
    from .errors import ConfigError
    from .fixtures import FixtureSet

    if engine not in ("openai", "local"):
        raise ConfigError("--engine must be openai or local for recording")
    fixtures = FixtureSet(root)
    settings = Settings(engine=engine, model=model, base_url=base_url, mode=mode, model_path=model_path,
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
    app()


if __name__ == "__main__":
    run()
