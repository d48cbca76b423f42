"""Scoring: pure functions from a result and its gold annotation to a typed report.

The entry points: `score_article` (one result), `failed_article` (a run that failed)
and `evaluate` (many, paired with their gold, with totals). It reads no files and
calls no model: `summarizer.eval.gold` loads gold, the `summarizer eval` command runs
the pipeline and prints. The parts, each its own module:

- `metrics`: the report objects, totals and metric names;
- `matching`: actors by name, items by evidence span and agent (the rules are there);
- `sections`: what each section checks on a matched pair, and the outcomes;
- `faithfulness`: claims the article does not support.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from ..models import ArticleSummary
from .faithfulness import dates_contradicting_text
from .gold import GoldArticle, GoldError, LoadedGold, load_gold_dir
from .matching import match_actors, normalise_name
from .metrics import (
    ATTRIBUTES,
    PRF,
    SECTIONS,
    Accuracy,
    ActorScores,
    ArticleReport,
    Cost,
    EvalReport,
    Faithfulness,
    ItemOutcome,
    SectionScores,
    combine,
)
from .sections import score_actors, score_sections

__all__ = [
    "PRF",
    "Accuracy",
    "ActorScores",
    "SectionScores",
    "Faithfulness",
    "Cost",
    "ItemOutcome",
    "ArticleReport",
    "EvalReport",
    "SECTIONS",
    "ATTRIBUTES",
    "normalise_name",
    "match_actors",
    "score_article",
    "failed_article",
    "combine",
    "evaluate",
]


def score_article(
    result: ArticleSummary, loaded: LoadedGold | GoldArticle, *, seconds: float | None = None
) -> ArticleReport:
    """Score one result against its gold annotation.

    Args:
        result: the summarizer's result for the article.
        loaded: its gold annotation.
        seconds: wall time the run took, if measured.

    Returns:
        The article's report, with an outcome for every gold and predicted item.

    Raises:
        GoldError: a gold quote does not occur in the result's article text (different article).
    """
    gold = _gold_of(loaded)
    p = result.provenance
    report = ArticleReport(
        article=gold.article,
        text=result.article.text,
        cost=Cost(tokens=p.usage.total_tokens, calls=p.attempts, seconds=seconds, cached=p.cached),
    )
    mapping = match_actors(result.actors, gold)
    score_actors(report, result, gold, mapping)
    score_sections(report, result, gold, mapping)
    report.faithfulness.dates_contradicting_text += dates_contradicting_text(result)
    return report


def failed_article(gold: LoadedGold | GoldArticle, error: str) -> ArticleReport:
    """The report of an article the run could not summarize: every gold item is missed."""
    g = gold.gold if isinstance(gold, LoadedGold) else gold
    text = gold.text if isinstance(gold, LoadedGold) else ""
    r = ArticleReport(article=g.article, error=error, text=text)
    r.actors.match = PRF(fn=sum(not a.optional for a in g.actors))
    for name in SECTIONS:
        n = len(getattr(g, name))
        sc: SectionScores = getattr(r, name)
        sc.strict, sc.relaxed = PRF(fn=n), PRF(fn=n)
    return r


# --------------------------------------------------------------------------- library entry point


def evaluate(
    results: ArticleSummary | Iterable[ArticleSummary] | Mapping[str, ArticleSummary],
    gold: str
    | Path
    | LoadedGold
    | GoldArticle
    | Iterable[LoadedGold | GoldArticle]
    | Mapping[str, LoadedGold | GoldArticle],
    *,
    seconds: Mapping[str, float] | None = None,
) -> EvalReport:
    """Score results against gold annotations.

    A result is paired with the gold whose key (article stem) is the result's key
    when both are mappings, else with the gold whose recorded sha256 is the result's
    article sha256.

    Args:
        results: one result, several, or a mapping of article stem to result.
        gold: a directory of gold files, or loaded annotations (see
            `summarizer.eval.gold.load_gold_dir`): one, several, or a mapping by stem.
        seconds: optional wall time per article stem, reported as cost.

    Returns:
        The report: per article and in total.

    Raises:
        GoldError: a result has no gold annotation, or its quotes do not fit the article.
    """
    if isinstance(results, ArticleSummary):
        results = [results]
    if isinstance(gold, str | Path):
        gold = load_gold_dir(gold)
    elif isinstance(gold, LoadedGold | GoldArticle):
        gold = [gold]
    gold_map: dict[str, LoadedGold | GoldArticle] = (
        dict(gold) if isinstance(gold, Mapping) else {_gold_of(g).article: g for g in gold}
    )
    by_sha = {_gold_of(g).sha256: g for g in gold_map.values()}
    items = list(results.items()) if isinstance(results, Mapping) else [(None, r) for r in results]
    reports = []
    for key, result in items:
        g = gold_map.get(key) if key is not None else None
        if g is None:
            g = by_sha.get(result.article.sha256)
        if g is None:
            what = key or result.article.title or result.article.sha256[:12]
            raise GoldError(f"no gold annotation for {what!r} (paired by file stem, then by the article's sha256)")
        stem = _gold_of(g).article
        reports.append(score_article(result, g, seconds=(seconds or {}).get(stem)))
    return combine(reports)


def _gold_of(g: LoadedGold | GoldArticle) -> GoldArticle:
    return g.gold if isinstance(g, LoadedGold) else g
