"""The commands that show data without running a model: `summarizer render` and `summarizer schema`.

`render` turns a saved result into Markdown, an HTML report or JSON again (the views
are `summarizer.render`); `schema` prints the JSON Schema of the result, of the model
output, or the service's OpenAPI document.

Registered on the main app by `summarizer.cli` (``register_views(app)``). Imports
nothing heavy at import time, so ``summarizer --help`` stays fast.
"""

# No `from __future__ import annotations` here: typer reads each command's annotations
# on every start, and evaluating them from strings cost ~20 ms of `summarizer --help`.
from pathlib import Path
from typing import Annotated

import typer

from .cli_errors import add_command, check_output_path, write_output
from .cli_options import OutputOpt, format_option, option

__all__ = ["register_views", "render_result", "schema"]


def render_result(
    path: Annotated[Path, typer.Argument(metavar="RESULT.json", help="A result saved with --format json.")],
    format: Annotated[str, format_option("html (a report), md (Markdown) or json.")] = "html",
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


def schema(
    model_output: Annotated[
        bool, option("--model-output", help="The schema the model must fill, not the result's.")
    ] = False,
    openapi: Annotated[
        bool, option("--openapi", help="The service's OpenAPI document (schemas/openapi.json).")
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
    import json

    from .models import ArticleSummary, ModelOutput, inline_schema

    if output is not None:
        output = check_output_path(output)
    data = inline_schema(ModelOutput) if model_output else ArticleSummary.model_json_schema()
    if openapi:
        from .service import openapi_document

        data = openapi_document()
    write_output(json.dumps(data, indent=2, sort_keys=True), output)


def register_views(app: typer.Typer) -> None:
    """Add the ``render`` and ``schema`` commands to `app`."""
    add_command(app, "render")(render_result)
    add_command(app, "schema")(schema)
