"""The `summarizer summarize` command: one article in, one result out.

Owns the command's own options (the article, its date and title, the language and
format of the result, ``-o``), the spinner while the model works, and exit 6 for a
partial result. The model options are the shared ones of `summarizer.cli_options`;
the work is `summarizer.api.Summarizer`.

Registered on the main app by `summarizer.cli` (``register_summarize(app)``). Imports
nothing heavy at import time, so ``summarizer --help`` stays fast.
"""

# No `from __future__ import annotations` here: typer reads each command's annotations
# on every start, and evaluating them from strings cost ~20 ms of `summarizer --help`.
import contextlib
import sys
from collections.abc import Iterator
from typing import Annotated

import typer

from .cli_errors import OutputWriteError, add_command, check_output_path, setup_logging, write_output
from .cli_options import OutputOpt, format_option, model_options, model_settings, option

__all__ = ["register_summarize", "summarize"]


@model_options()
def summarize(
    ctx: typer.Context,
    path: Annotated[
        str,
        typer.Argument(help="Article file (.txt, .md, .html), an http(s) URL, or - for stdin.", metavar="PATH|URL|-"),
    ],
    published: Annotated[
        str | None,
        option(metavar="YYYY-MM-DD", help="Publication date (overrides the header's)."),
    ] = None,
    title: Annotated[str | None, option(metavar="TEXT", help="Article title (overrides the header's).")] = None,
    language: Annotated[
        str | None,
        option(metavar="CODE", help="Language of the summary and descriptions, e.g. es [default: the article's]."),
    ] = None,
    format: Annotated[str, format_option("json, md (Markdown) or html (a report).")] = "json",
    output: OutputOpt = None,
) -> None:
    """Summarize one article and print the result.

    Examples:

    \b
      summarizer summarize fixtures/articles/00-seed-2022-02-17-blinken.txt
      summarizer summarize article.txt --base-url http://127.0.0.1:8080/v1 --mode json_object
      summarizer summarize - --published 2022-02-17 --format md < article.txt

      summarizer summarize https://example.org/news/story.html --language en
    """
    setup_logging(ctx.params["verbose"], ctx.params["debug"])
    from .api import Summarizer, check_arguments, read_article
    from .errors import ConfigError
    from .render import render

    if format not in ("json", "md", "html"):
        raise ConfigError(f"--format must be json, md or html, not {format!r}")
    # Arguments that are not valid Unicode (bytes the locale could not decode) stop here.
    _, published, title, _ = check_arguments("", published=published, title=title)
    article = read_article(path, published=published, title=title, language=language)
    if output is not None:
        output = check_output_path(output)  # before the model is paid, not after
    with Summarizer.from_settings(model_settings(ctx)) as summarizer:
        with _status(f"Summarizing {path} ..."):
            result = summarizer.summarize_article(article)
    try:
        write_output(render(result, format), output)  # type: ignore[arg-type]
    except OutputWriteError as err:
        if result.provenance.cached or model_settings(ctx).use_cache:
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


def register_summarize(app: typer.Typer) -> None:
    """Add the ``summarize`` command to `app`."""
    add_command(app, "summarize")(summarize)


@contextlib.contextmanager
def _status(message: str) -> Iterator[None]:
    """A spinner on stderr while a model works, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(message):
        yield
