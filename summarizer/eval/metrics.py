"""The evaluation's report objects and their numbers: counts, rates, totals, metric names.

Owns the typed report (`ArticleReport` per article, `EvalReport` over a run), how
counts add up across articles (micro-averaged: counts summed, then divided) and the
stable metric names gates and baselines use (``recall.events``). It does not decide
what counts as a match (`matching`, `sections`, `faithfulness`).
"""

from __future__ import annotations

import statistics
from typing import Literal

from pydantic import BaseModel, Field, computed_field

from .gold import Span

__all__ = [
    "ATTRIBUTES",
    "PRF",
    "SECTIONS",
    "Accuracy",
    "ActorScores",
    "ArticleReport",
    "Cost",
    "EvalReport",
    "Faithfulness",
    "ItemOutcome",
    "Section",
    "SectionName",
    "combine",
]

SECTIONS = ("stances", "events", "follow_ups")
# Attributes checked on matched pairs, per section (every report lists them all, so
# metric names never depend on what a run happened to produce).
ATTRIBUTES = {
    "stances": ("agent", "position"),
    "events": ("type", "agent", "recipient", "date", "factuality"),
    "follow_ups": ("kind", "agent", "due"),
}
Section = Literal["actors", "stances", "events", "follow_ups"]
SectionName = Literal["stances", "events", "follow_ups"]  # the sections matched by evidence


class PRF(BaseModel):
    """Counts of matched (tp), unmatched predicted (fp) and unmatched gold (fn) items."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float | None:
        if not self.tp + self.fp + self.fn:
            return None
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)

    def __add__(self, other: PRF) -> PRF:
        return PRF(tp=self.tp + other.tp, fp=self.fp + other.fp, fn=self.fn + other.fn)


class Accuracy(BaseModel):
    correct: int = 0
    total: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def add(self, ok: bool) -> None:
        self.correct += ok
        self.total += 1

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(correct=self.correct + other.correct, total=self.total + other.total)


class ActorScores(BaseModel):
    match: PRF = Field(default_factory=PRF)
    kind: Accuracy = Field(default_factory=Accuracy)
    country: Accuracy = Field(default_factory=Accuracy)

    def __add__(self, other: ActorScores) -> ActorScores:
        return ActorScores(
            match=self.match + other.match, kind=self.kind + other.kind, country=self.country + other.country
        )


class SectionScores(BaseModel):
    strict: PRF = Field(default_factory=PRF)
    relaxed: PRF = Field(default_factory=PRF)
    # On relaxed pairs: "type", "agent", "recipient", "date", "factuality", "position", "kind", "due".
    attributes: dict[str, Accuracy] = Field(default_factory=dict)

    def __add__(self, other: SectionScores) -> SectionScores:
        names = list(dict.fromkeys([*self.attributes, *other.attributes]))
        return SectionScores(
            strict=self.strict + other.strict,
            relaxed=self.relaxed + other.relaxed,
            attributes={n: self.attributes.get(n, Accuracy()) + other.attributes.get(n, Accuracy()) for n in names},
        )


class Faithfulness(BaseModel):
    """Claims the article does not support. Each should be zero."""

    actors_not_in_text: int = 0
    evidence_not_located: int = 0
    dates_contradicting_text: int = 0

    def __add__(self, other: Faithfulness) -> Faithfulness:
        return Faithfulness(**{name: getattr(self, name) + getattr(other, name) for name in Faithfulness.model_fields})


class Cost(BaseModel):
    tokens: int = 0
    calls: int = 0
    seconds: float | None = None  # wall time of the run, when the caller measured it
    cached: bool = False  # the result came from the cache (tokens and calls are the original run's)


class ItemOutcome(BaseModel):
    """One gold or predicted item and what became of it, for readers of the report."""

    section: Section
    status: Literal["hit", "relaxed_hit", "missed", "spurious", "unfaithful"]
    label: str
    gold_index: int | None = None
    predicted_index: int | None = None
    problems: list[str] = Field(default_factory=list)
    spans: list[Span] = Field(default_factory=list)


class ArticleReport(BaseModel):
    article: str
    error: str | None = None  # the run failed: every gold item counts as missed
    actors: ActorScores = Field(default_factory=ActorScores)
    stances: SectionScores = Field(default_factory=SectionScores)
    events: SectionScores = Field(default_factory=SectionScores)
    follow_ups: SectionScores = Field(default_factory=SectionScores)
    faithfulness: Faithfulness = Field(default_factory=Faithfulness)
    cost: Cost = Field(default_factory=Cost)
    items: list[ItemOutcome] = Field(default_factory=list)
    text: str = Field(default="", description="The article text spans index.")


class EvalReport(BaseModel):
    """Per-article reports and micro-averaged totals; `metrics()` flattens them for gates."""

    articles: list[ArticleReport]
    actors: ActorScores
    stances: SectionScores
    events: SectionScores
    follow_ups: SectionScores
    faithfulness: Faithfulness
    tokens_per_article: float | None
    calls_per_article: float | None
    seconds_per_article: float | None
    median_seconds_per_article: float | None = None

    def metrics(self) -> dict[str, float | None]:
        """Every headline number under a stable name, e.g. ``recall.events``."""
        return _metrics(self)


def combine(articles: list[ArticleReport]) -> EvalReport:
    """Micro-averaged totals over articles (counts summed, then divided)."""
    actors, faith = ActorScores(), Faithfulness()
    sections = {name: SectionScores() for name in SECTIONS}
    for a in articles:
        actors = actors + a.actors
        faith = faith + a.faithfulness
        for name in SECTIONS:
            sections[name] = sections[name] + getattr(a, name)
    ran = [a for a in articles if a.error is None]
    # A cached article took no model time: averaging it in would flatter the strategy.
    timed = sorted(a.cost.seconds for a in ran if a.cost.seconds is not None and not a.cost.cached)
    return EvalReport(
        articles=articles,
        actors=actors,
        stances=sections["stances"],
        events=sections["events"],
        follow_ups=sections["follow_ups"],
        faithfulness=faith,
        tokens_per_article=sum(a.cost.tokens for a in ran) / len(ran) if ran else None,
        calls_per_article=sum(a.cost.calls for a in ran) / len(ran) if ran else None,
        seconds_per_article=sum(timed) / len(timed) if timed else None,
        median_seconds_per_article=statistics.median(timed) if timed else None,
    )


def _metrics(r: EvalReport) -> dict[str, float | None]:
    m: dict[str, float | None] = {}
    for key in ("precision", "recall", "f1"):
        m[f"{key}.actors"] = getattr(r.actors.match, key)
    m["accuracy.actor_kind"] = r.actors.kind.value
    m["accuracy.actor_country"] = r.actors.country.value
    for name in SECTIONS:
        sc: SectionScores = getattr(r, name)
        for key in ("precision", "recall", "f1"):
            m[f"{key}.{name}"] = getattr(sc.strict, key)
            m[f"{key}.{name}.relaxed"] = getattr(sc.relaxed, key)
        prefix = {"stances": "stance", "events": "event", "follow_ups": "follow_up"}[name]
        for attr in ATTRIBUTES[name]:
            m[f"accuracy.{prefix}_{attr}"] = sc.attributes[attr].value if attr in sc.attributes else None
    m["unfaithful.actors_not_in_text"] = r.faithfulness.actors_not_in_text
    m["unfaithful.evidence_not_located"] = r.faithfulness.evidence_not_located
    m["unfaithful.dates_contradicting_text"] = r.faithfulness.dates_contradicting_text
    m["cost.tokens_per_article"] = r.tokens_per_article
    m["cost.calls_per_article"] = r.calls_per_article
    m["cost.seconds_per_article"] = r.seconds_per_article
    m["cost.median_seconds_per_article"] = r.median_seconds_per_article
    return m
