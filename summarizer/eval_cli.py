"""The `summarizer eval` command: score summaries against gold annotations.

Owns the command's options, finding articles and saved results and pairing them
with gold files, running the configured engine and strategy over the articles
(through the cache, so a rerun is free), and printing the report, the comparison
with a baseline and the gate verdict. The scoring itself is `summarizer.eval`.

Registered on the main app by `summarizer.cli` (``register_eval(app)``). Imports
nothing heavy at import time, so ``summarizer --help`` stays fast.
"""

# No `from __future__ import annotations` here: typer reads each command's annotations
# on every start, and evaluating them from strings cost ~20 ms of `summarizer --help`.
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .cli_errors import add_command, setup_logging, write_output
from .cli_options import format_option, model_options, model_settings, option

if TYPE_CHECKING:
    from .config import Settings
    from .eval.gold import LoadedGold
    from .eval.score import ArticleReport
    from .models import ArticleSummary

__all__ = ["register_eval", "eval_command"]

_FORMATS = ("text", "json", "md")


@model_options(without=("context_tokens", "chunk_overlap"))  # eval reads whole articles
def eval_command(
    ctx: typer.Context,
    articles: Annotated[
        list[str] | None,
        typer.Argument(
            help="Article files or directories to summarize and score [default: every gold file's article].",
            metavar="ARTICLES|DIR",
            show_default=False,
        ),
    ] = None,
    gold: Annotated[Path, option("--gold", metavar="DIR", help="Directory of gold files (NAME.json).")] = Path(
        "fixtures/gold"
    ),
    results: Annotated[
        Path | None,
        option(
            "--results",
            metavar="DIR|FILE",
            help="Score saved results instead of running a model: a directory of result JSON files, "
            "or the JSONL file `summarizer batch` wrote.",
        ),
    ] = None,
    articles_dir: Annotated[
        Path | None,
        option(
            "--articles",
            metavar="DIR",
            help="Where gold files' articles live [default: articles/ beside the gold directory].",
        ),
    ] = None,
    format: Annotated[str, format_option("text|json|md.")] = "text",
    output: Annotated[
        Path | None, option("--output", "-o", metavar="FILE", help="Write the report to FILE instead of stdout.")
    ] = None,
    html: Annotated[
        Path | None, option("--html", metavar="FILE", help="Also write a clickable HTML report to FILE.")
    ] = None,
    compare_with: Annotated[
        Path | None,
        option("--compare", metavar="BASELINE.json", help="A saved --format json report to compare with."),
    ] = None,
    minimum: Annotated[
        list[str] | None,
        option("--min", metavar="METRIC=VALUE", help="Exit 1 when METRIC falls below VALUE (repeatable)."),
    ] = None,
    maximum: Annotated[
        list[str] | None,
        option("--max", metavar="METRIC=VALUE", help="Exit 1 when METRIC rises above VALUE (repeatable)."),
    ] = None,
) -> None:
    """Score summaries against gold annotations: per section precision, recall, F1, attribute accuracy,
    unfaithful claims and cost.

    Runs the configured engine and strategy over the articles (cached, so a rerun is
    free), or scores saved results with --results. Exit 1 when an article failed or a
    --min/--max gate fails.

    Examples:

      summarizer eval --gold fixtures/gold --engine replay --recordings fixtures/recordings --strategy guided

      summarizer eval fixtures/articles --gold fixtures/gold --format json -o report.json

      summarizer eval --results saved/ --gold fixtures/gold --compare report.json --min recall.events=0.6

      summarizer batch fixtures/articles -o out.jsonl && summarizer eval --results out.jsonl
    """
    setup_logging(ctx.params["verbose"], ctx.params["debug"])
    import json

    from .errors import ConfigError, InputError
    from .eval.gold import load_gold_dir
    from .eval.report import check_gates, compare, format_json, format_markdown, format_text, parse_gate, render_html
    from .eval.score import combine

    if format not in _FORMATS:
        raise ConfigError(f"--format must be text, json or md, not {format!r}")
    if results is not None and articles:
        raise ConfigError("give ARTICLES to run a model, or --results DIR to score saved results, not both")
    baseline = None
    if compare_with is not None:
        try:
            baseline = json.loads(compare_with.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise InputError(f"{compare_with}: cannot read the baseline report ({err})") from None
    golds = load_gold_dir(gold, articles_dir=articles_dir)
    known = _metric_names()
    gates = [parse_gate(g, "min", known) for g in minimum or []] + [parse_gate(g, "max", known) for g in maximum or []]

    if results is not None:
        reports = _score_saved(results, golds)
    else:
        reports = _run(articles, golds, gold, articles_dir, model_settings(ctx))
    report = combine(reports)

    text = {"text": format_text, "json": format_json, "md": format_markdown}[format](report)
    write_output(text, output)
    if html is not None:
        write_output(render_html(report, title=f"Evaluation against {gold}"), html)
    if baseline is not None:
        to_stderr = output is None and format == "json"  # keep stdout valid JSON
        typer.echo(f"\nCompared with {compare_with}:\n" + compare(report, baseline), err=to_stderr, nl=False)
    failed_runs = [a.article for a in reports if a.error]
    failed_gates = check_gates(report, gates)
    for line in failed_gates:
        typer.echo(f"summarizer: eval: {line}", err=True)
    if failed_runs:
        typer.echo(f"summarizer: eval: {len(failed_runs)} article(s) failed: {', '.join(failed_runs)}", err=True)
    if failed_gates or failed_runs:
        raise typer.Exit(1)


def register_eval(app: typer.Typer) -> None:
    """Add the ``eval`` command to `app`."""
    add_command(app, "eval")(eval_command)


def _metric_names() -> list[str]:
    """Every metric name a report has (an empty report lists them all), for checking gates early."""
    from .eval.score import combine

    return list(combine([]).metrics())


def _load_result(path: Path) -> "ArticleSummary":
    import json

    from pydantic import ValidationError

    from .errors import InputError
    from .models import ArticleSummary

    try:
        data = json.loads(path.read_bytes())
        if isinstance(data, dict) and "result" in data and "article" not in data:
            data = data["result"]  # a fixture's expected file: {"result", "settings"}
        return ArticleSummary.model_validate(data)
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror or err})") from None
    except (ValueError, ValidationError):
        raise InputError(
            f"{path}: not a summarizer result; "
            f"save one with `summarizer summarize ARTICLE --format json -o {path.name}`"
        ) from None


def _pair(stem: str, sha256: str, golds: "dict[str, LoadedGold]") -> "LoadedGold | None":
    if stem in golds:
        return golds[stem]
    return next((g for g in golds.values() if g.gold.sha256 == sha256), None)


def _saved_results(source: Path) -> "list[tuple[str, ArticleSummary | None, str | None]]":
    """(stem, result or None, error) from a directory of result JSON files or a batch JSONL file."""
    import json

    from .errors import InputError
    from .models import ArticleSummary

    if source.is_file() and source.suffix == ".jsonl":  # `summarizer batch -o FILE.jsonl`
        out: "list[tuple[str, ArticleSummary | None, str | None]]" = []
        for n, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                stem = Path(str(row["id"])).stem
                if "result" in row:
                    out.append((stem, ArticleSummary.model_validate(row["result"]), None))
                else:
                    out.append((stem, None, f"{row.get('kind', 'Error')}: {row.get('error', '')}"))
            except (ValueError, KeyError, TypeError) as err:
                raise InputError(f"{source}:{n}: not a `summarizer batch` output line ({err})") from None
        return out
    if not source.is_dir():
        raise InputError(f"{source}: not a directory of saved results or a batch .jsonl file (--results)")
    paths = sorted(source.glob("*.json"))
    if not paths:
        raise InputError(f"{source}: no result files (*.json)")
    return [(p.stem, _load_result(p), None) for p in paths]


def _score_saved(source: Path, golds: "dict[str, LoadedGold]") -> "list[ArticleReport]":
    from .errors import InputError
    from .eval.score import failed_article, score_article

    reports = []
    for stem, result, error in _saved_results(source):
        g = _pair(stem, result.article.sha256 if result else "", golds)
        if g is None:
            typer.echo(
                f"summarizer: eval: {stem}: no gold annotation (by file stem or article sha256); skipped", err=True
            )
            continue
        reports.append(score_article(result, g) if result is not None else failed_article(g, error or "failed"))
    if not reports:
        raise InputError(f"none of the results in {source} has a gold annotation")
    return reports


def _article_paths(articles: list[str] | None, golds: "dict[str, LoadedGold]", articles_dir: Path | None) -> list[Path]:
    from .errors import InputError

    paths: list[Path] = []
    if not articles:  # every gold file's own article
        for stem, g in golds.items():
            base = articles_dir or (g.path.parent.parent / "articles" if g.path else Path("."))
            paths.append(
                next((p for p in (base / f"{stem}.txt", base / f"{stem}.md") if p.is_file()), base / f"{stem}.txt")
            )
        return paths
    for a in articles:
        p = Path(a)
        if p.is_dir():
            paths += sorted(x for x in p.rglob("*") if x.suffix in (".txt", ".md") and not x.name.startswith("."))
        elif p.is_file():
            paths.append(p)
        else:
            raise InputError(f"{a}: no such file or directory")
    return paths


def _run(
    articles: list[str] | None,
    golds: "dict[str, LoadedGold]",
    gold_dir: Path,
    articles_dir: Path | None,
    settings: "Settings",
) -> "list[ArticleReport]":
    import logging

    from .api import Summarizer
    from .engines.replay import StaleRecordingError
    from .errors import ConfigError, InputError, SummarizerError
    from .eval.score import failed_article, score_article
    from .inputs import load_article

    todo = []
    for path in _article_paths(articles, golds, articles_dir):
        article = load_article(path)
        g = _pair(path.stem, article.sha256, golds)
        if g is None:
            typer.echo(f"summarizer: eval: {path.name}: no gold annotation (by file stem or sha256); skipped", err=True)
            continue
        todo.append((path, article, g))
    if not todo:
        raise InputError(f"none of the articles has a gold annotation in {gold_dir}")
    reports = []
    with Summarizer.from_settings(settings) as summarizer:
        for path, article, g in todo:
            logging.getLogger(__name__).info("summarizing %s", path)
            started = time.perf_counter()
            try:
                result = summarizer.summarize_article(article)
            except SummarizerError as err:
                if isinstance(err, InputError | ConfigError | StaleRecordingError):
                    raise  # a setup problem, not the article's: stop at once
                reports.append(failed_article(g, f"{type(err).__name__}: {err}"))
                continue
            reports.append(score_article(result, g, seconds=round(time.perf_counter() - started, 3)))
    return reports
