"""Scoring: pure functions from a result and its gold annotation to a typed report.

Owns matching (actors by name, items by evidence span and agent), the metrics
(precision, recall, F1, attribute accuracy, faithfulness counts, cost) and the
report objects. It reads no files and calls no model: `summarizer.eval.gold` loads
gold, the `summarizer eval` command runs the pipeline and prints.

Matching rules, in short:

- Actors match one-to-one when a predicted name or mention equals a gold name or
  alias after folding accents, case and punctuation (U.S., US and United States are
  one name), or, for a gold person, when one name is the other's trailing words
  ("Blinken" and "Antony Blinken"). Gold actors marked optional (cited sources,
  institutions the article folds into a person) count neither way.
- A predicted stance, event or follow-up matches a gold one (one-to-one) when their
  evidence spans overlap in the article. Strict mode also needs the right agent: the
  event's actors, the stance's holder, the follow-up's actors, mapped through the
  actor matching, must include one the gold names. Relaxed mode needs the span only.
- Attribute accuracy (event type, agent, recipient, date, factuality, stance
  position, follow-up kind and due date) is measured on the relaxed pairs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, computed_field

from ..dates import resolve_date
from ..models import Actor, ArticleSummary, GroundedEvidence
from ..quotes import locate_quote
from .gold import DateRange, GoldArticle, GoldError, LoadedGold, Span, load_gold_dir, locate_all

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
    "evaluate",
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

# Names that are one name. Small on purpose: each entry is a spelling the articles use.
# The first spelling of each group is the one names are folded to.
_SAME_NAME = [
    ("united states", "us", "usa", "united states of america", "america"),
    ("united kingdom", "uk", "britain", "great britain"),
    ("european union", "eu"),
    ("united nations", "un"),
]
_CANON = {variant: group[0] for group in _SAME_NAME for variant in group}


# --------------------------------------------------------------------------- report types


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
        return Faithfulness(
            actors_not_in_text=self.actors_not_in_text + other.actors_not_in_text,
            evidence_not_located=self.evidence_not_located + other.evidence_not_located,
            dates_contradicting_text=self.dates_contradicting_text + other.dates_contradicting_text,
        )


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

    def metrics(self) -> dict[str, float | None]:
        """Every headline number under a stable name, e.g. ``recall.events``."""
        return _metrics(self)


# --------------------------------------------------------------------------- names


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’`]s\b", "", text)  # "Qatar's" -> "qatar"
    text = re.sub(r"(?<=\b\w)\.(?=\w\.)|(?<=\b\w)\.(?=\W|$)", "", text)  # "u.s." -> "us"
    return re.sub(r"[^\w]+", " ", text).strip()


def normalise_name(name: str) -> str:
    """Fold accents, case and punctuation; map equivalent names to one form."""
    text = re.sub(r"^the ", "", _fold(name))
    return _CANON.get(text, text)


def _names(*names: str) -> set[str]:
    return {n for n in (normalise_name(x) for x in names) if n}


def _suffix_match(a: str, b: str) -> bool:
    """One name is the other's trailing words: "blinken" / "antony blinken"."""
    ta, tb = a.split(), b.split()
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return bool(short) and long_[-len(short) :] == short


def _name_score(pred: Actor, gold_names: set[str], gold_main: str, person: bool) -> float:
    pred_names = _names(pred.name, *pred.mentions)
    if normalise_name(pred.name) == gold_main:
        return 3.0
    if pred_names & gold_names:
        return 2.0
    if person and any(_suffix_match(p, g) for p in pred_names for g in gold_names):
        return 1.0
    return 0.0


def match_actors(predicted: Sequence[Actor], gold: GoldArticle) -> dict[str, str]:
    """One-to-one actor matching: predicted id -> gold id."""
    candidates: dict[int, list[tuple[float, int]]] = {}
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold.actors):
            s = _name_score(p, _names(g.name, *g.aliases), normalise_name(g.name), "person" in g.kinds)
            if s:
                candidates.setdefault(i, []).append((s, j))
    pairs = _max_matching(len(predicted), candidates)
    return {predicted[i].id: gold.actors[j].id for i, j in pairs.items()}


def _max_matching(n_pred: int, candidates: Mapping[int, list[tuple[float, int]]]) -> dict[int, int]:
    """Maximum one-to-one matching (augmenting paths), trying better candidates first.

    Predictions with a better best candidate go first, so among matchings of the
    same size the stronger pairs win.
    """
    ranked = {i: [j for _, j in sorted(c, key=lambda t: (-t[0], t[1]))] for i, c in candidates.items()}
    order = sorted(ranked, key=lambda i: (-max(s for s, _ in candidates[i]), i))
    owner: dict[int, int] = {}  # gold -> pred

    def augment(i: int, seen: set[int]) -> bool:
        for j in ranked[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in order:
        augment(i, set())
    return {i: j for j, i in owner.items()}


def _in_text(actor: Actor, folded_text: str) -> bool:
    for name in [actor.name, *actor.mentions]:
        n = normalise_name(name)
        variants = next((g for g in _SAME_NAME if n in g), (n,))
        if any(f" {v} " in folded_text for v in variants if v):
            return True
    return False


def _fold_text(text: str) -> str:
    return f" {_fold(text)} "


# --------------------------------------------------------------------------- items


def _overlaps(a: Sequence[Span], b: Sequence[Span]) -> bool:
    return any(max(s1, s2) < min(e1, e2) for s1, e1 in a for s2, e2 in b)


def _pred_spans(evidence: Sequence[GroundedEvidence], text: str) -> tuple[list[Span], int]:
    """Spans of evidence whose offsets really hold the quote; and how many do not."""
    spans, bad = [], 0
    for ev in evidence:
        ok = 0 <= ev.start < ev.end <= len(text) and locate_quote(ev.quote, text, ev.start, ev.end) is not None
        if ok:
            spans.append((ev.start, ev.end))
        else:
            bad += 1
    return spans, bad


def _ids_ok(
    pred_ids: Sequence[str], gold_ids: Sequence[str], mapping: Mapping[str, str], also: Sequence[str] = ()
) -> bool:
    """Agent/recipient agreement: any shared actor.

    When the gold names none, the prediction may name none, or only actors in `also`
    (for recipients: the event's own actors, as in "A and B agreed" read as "A agreed
    with B").
    """
    mapped = {mapping.get(p, f"?{p}") for p in pred_ids}
    if not gold_ids:
        return mapped <= set(also)
    return bool(mapped & set(gold_ids))


def _date_ok(pred: str | None, gold: str | None, window: DateRange | None) -> bool:
    if gold is not None:
        return pred == gold
    return pred is None or (window is not None and window.contains(pred))


class _Pair:
    """A candidate pairing of predicted item i with gold item j."""

    def __init__(self, i: int, j: int, agent_ok: bool, attrs: dict[str, bool]):
        self.i, self.j, self.agent_ok, self.attrs = i, j, agent_ok, attrs

    @property
    def score(self) -> float:
        return 1 + self.agent_ok + sum(self.attrs.values()) / (len(self.attrs) or 1)


def _match_section(
    pred_spans: list[list[Span]],
    gold_spans: list[list[Span]],
    judge: Callable[[int, int], tuple[bool, dict[str, bool]]],
) -> tuple[dict[int, int], dict[int, int], dict[tuple[int, int], _Pair]]:
    pairs: dict[tuple[int, int], _Pair] = {}
    for i, ps in enumerate(pred_spans):
        for j, gs in enumerate(gold_spans):
            if _overlaps(ps, gs):
                agent_ok, attrs = judge(i, j)
                pairs[(i, j)] = _Pair(i, j, agent_ok, attrs)
    relaxed_c: dict[int, list[tuple[float, int]]] = {}
    strict_c: dict[int, list[tuple[float, int]]] = {}
    for (i, j), p in pairs.items():
        relaxed_c.setdefault(i, []).append((p.score, j))
        if p.agent_ok:
            strict_c.setdefault(i, []).append((p.score, j))
    return _max_matching(len(pred_spans), strict_c), _max_matching(len(pred_spans), relaxed_c), pairs


def _label(kind: str, text: str) -> str:
    return f"{kind}: {text}" if text else kind


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
    gold = loaded.gold if isinstance(loaded, LoadedGold) else loaded
    text = result.article.text

    def gspans(quotes: list[str], where: str) -> list[Span]:
        spans = [s for q in quotes for s in locate_all(q, text)]
        if any(not locate_all(q, text) for q in quotes):
            raise GoldError(
                f"gold {gold.article!r}: {where} quotes text the result's article lacks; "
                "is this result for a different article?"
            )
        return spans

    report = ArticleReport(article=gold.article, text=text)
    p = result.provenance
    report.cost = Cost(tokens=p.usage.total_tokens, calls=p.attempts, seconds=seconds, cached=p.cached)
    faith = report.faithfulness

    # Actors. Optional gold actors (sources, institutions folded into a person) still
    # map predictions for agent checks, but count neither as found nor as missed.
    mapping = match_actors(result.actors, gold)
    gold_by_id = {a.id: a for a in gold.actors}
    folded = _fold_text(text)
    matched_gold = set(mapping.values())
    core_hits = sum(not gold_by_id[g].optional for g in matched_gold)
    report.actors.match = PRF(
        tp=core_hits,
        fp=len(result.actors) - len(mapping),
        fn=sum(not a.optional for a in gold.actors) - core_hits,
    )
    for j, g in enumerate(gold.actors):
        if g.id not in matched_gold and not g.optional:
            first = [s for n in (g.name, *g.aliases) for s in locate_all(n, text)[:1]]
            report.items.append(
                ItemOutcome(section="actors", status="missed", label=g.name, gold_index=j, spans=sorted(first)[:1])
            )
    for i, a in enumerate(result.actors):
        in_text = _in_text(a, folded)
        if not in_text:
            faith.actors_not_in_text += 1
        if a.id in mapping:
            g = gold_by_id[mapping[a.id]]
            problems = []
            if not g.optional:
                kind_ok = a.kind in g.kinds
                country_ok = (a.country or "").upper() == (g.country or "")
                report.actors.kind.add(kind_ok)
                report.actors.country.add(country_ok)
                if not kind_ok:
                    problems.append(f"kind {a.kind}, gold {' or '.join(g.kinds)}")
                if not country_ok:
                    problems.append(f"country {a.country}, gold {g.country}")
            label = f"{a.name} = {g.name}" + (" (optional)" if g.optional else "")
            report.items.append(
                ItemOutcome(
                    section="actors",
                    status="hit",
                    label=label,
                    gold_index=gold.actors.index(g),
                    predicted_index=i,
                    problems=problems,
                )
            )
        else:
            status: Literal["spurious", "unfaithful"] = "spurious" if in_text else "unfaithful"
            problems = [] if in_text else ["name not in the article"]
            report.items.append(
                ItemOutcome(section="actors", status=status, label=a.name, predicted_index=i, problems=problems)
            )

    # Evidence-located sections
    def pspans(items: Sequence[object]) -> list[list[Span]]:
        out = []
        for it in items:
            spans, bad = _pred_spans(it.evidence, text)  # type: ignore[attr-defined]
            faith.evidence_not_located += bad
            out.append(spans)
        return out

    def names(ids: Sequence[str]) -> str:
        return ", ".join(gold_by_id[i].name for i in ids if i in gold_by_id) or "nobody"

    pred_actor_names = {a.id: a.name for a in result.actors}

    def pnames(ids: Sequence[str]) -> str:
        return ", ".join(pred_actor_names.get(i, i) for i in ids) or "nobody"

    # Stances
    st_p, st_g = pspans(result.stances), [gspans(s.evidence, f"stances[{j}]") for j, s in enumerate(gold.stances)]

    def judge_stance(i: int, j: int) -> tuple[bool, dict[str, bool]]:
        ps, gs = result.stances[i], gold.stances[j]
        agent = _ids_ok([ps.holder], gs.holders, mapping)
        return agent, {"agent": agent, "position": ps.position in gs.positions}

    def describe_stance(i: int, j: int, attrs: dict[str, bool]) -> list[str]:
        ps, gs = result.stances[i], gold.stances[j]
        out = []
        if not attrs["agent"]:
            out.append(f"holder {pnames([ps.holder])}, gold {names(gs.holders)}")
        if not attrs["position"]:
            out.append(f"position {ps.position}, gold {' or '.join(gs.positions)}")
        return out

    _score_section(
        report,
        "stances",
        report.stances,
        st_p,
        st_g,
        judge_stance,
        describe_stance,
        [f"{gold_by_id[s.holders[0]].name} on {s.topic}" for s in gold.stances],
        [f"{pnames([s.holder])} on {s.topic} ({s.position})" for s in result.stances],
    )

    # Events
    ev_p, ev_g = pspans(result.events), [gspans(e.evidence, f"events[{j}]") for j, e in enumerate(gold.events)]

    def judge_event(i: int, j: int) -> tuple[bool, dict[str, bool]]:
        pe, ge = result.events[i], gold.events[j]
        agent = _ids_ok(pe.actors, ge.actors, mapping)
        return agent, {
            "type": pe.type in ge.types,
            "agent": agent,
            "recipient": _ids_ok(pe.recipients, ge.recipients, mapping, also=ge.actors),
            "date": _date_ok(pe.date, ge.date, ge.date_range),
            "factuality": pe.factuality in ge.factuality,
        }

    def describe_event(i: int, j: int, attrs: dict[str, bool]) -> list[str]:
        pe, ge = result.events[i], gold.events[j]
        out = []
        if not attrs["type"]:
            out.append(f"type {pe.type}, gold {' or '.join(ge.types)}")
        if not attrs["agent"]:
            out.append(f"actors {pnames(pe.actors)}, gold {names(ge.actors)}")
        if not attrs["recipient"]:
            out.append(f"recipients {pnames(pe.recipients)}, gold {names(ge.recipients)}")
        if not attrs["date"]:
            out.append(f"date {pe.date}, gold {_date_text(ge.date, ge.date_range)}")
        if not attrs["factuality"]:
            out.append(f"factuality {pe.factuality}, gold {' or '.join(ge.factuality)}")
        return out

    _score_section(
        report,
        "events",
        report.events,
        ev_p,
        ev_g,
        judge_event,
        describe_event,
        [f"{e.id} {'/'.join(e.types)}: {e.summary}" for e in gold.events],
        [f"{e.type}: {e.summary}" for e in result.events],
    )

    # Follow-ups
    fu_p, fu_g = (
        pspans(result.follow_ups),
        [gspans(f.evidence, f"follow_ups[{j}]") for j, f in enumerate(gold.follow_ups)],
    )

    def judge_follow_up(i: int, j: int) -> tuple[bool, dict[str, bool]]:
        pf, gf = result.follow_ups[i], gold.follow_ups[j]
        agent = _ids_ok(pf.actors, gf.actors, mapping)
        return agent, {"kind": pf.kind in gf.kinds, "agent": agent, "due": _date_ok(pf.due, gf.due, gf.due_range)}

    def describe_follow_up(i: int, j: int, attrs: dict[str, bool]) -> list[str]:
        pf, gf = result.follow_ups[i], gold.follow_ups[j]
        out = []
        if not attrs["kind"]:
            out.append(f"kind {pf.kind}, gold {' or '.join(gf.kinds)}")
        if not attrs["agent"]:
            out.append(f"actors {pnames(pf.actors)}, gold {names(gf.actors)}")
        if not attrs["due"]:
            out.append(f"due {pf.due}, gold {_date_text(gf.due, gf.due_range)}")
        return out

    _score_section(
        report,
        "follow_ups",
        report.follow_ups,
        fu_p,
        fu_g,
        judge_follow_up,
        describe_follow_up,
        [f.description for f in gold.follow_ups],
        [f"{f.kind}: {f.description}" for f in result.follow_ups],
    )

    # Dates that contradict their own words
    published = result.article.published
    for ev in result.events:
        faith.dates_contradicting_text += _contradicts(ev.date, ev.date_text, published)
    for fu in result.follow_ups:
        faith.dates_contradicting_text += _contradicts(fu.due, fu.due_text, published)
    return report


def _date_text(date: str | None, window: DateRange | None) -> str:
    if date:
        return date
    if window and (window.earliest or window.latest):
        return f"none or {window.earliest or '...'} to {window.latest or '...'}"
    return "none"


def _contradicts(date: str | None, words: str | None, published: str | None) -> bool:
    """A date whose own words resolve to a different day (either direction of a bare weekday)."""
    if not date or not words:
        return False
    readings = {resolve_date(words, published, future=False), resolve_date(words, published, future=True)} - {None}
    return bool(readings) and date not in readings


def _score_section(
    report: ArticleReport,
    section: Literal["stances", "events", "follow_ups"],
    scores: SectionScores,
    pred_spans: list[list[Span]],
    gold_spans: list[list[Span]],
    judge: Callable[[int, int], tuple[bool, dict[str, bool]]],
    describe: Callable[[int, int, dict[str, bool]], list[str]],
    gold_labels: list[str],
    pred_labels: list[str],
) -> None:
    strict, relaxed, pairs = _match_section(pred_spans, gold_spans, judge)
    n_pred, n_gold = len(pred_spans), len(gold_spans)
    scores.strict = PRF(tp=len(strict), fp=n_pred - len(strict), fn=n_gold - len(strict))
    scores.relaxed = PRF(tp=len(relaxed), fp=n_pred - len(relaxed), fn=n_gold - len(relaxed))
    strict_gold = set(strict.values())
    for i, j in sorted(relaxed.items(), key=lambda t: t[1]):
        pair = pairs[(i, j)]
        for name, ok in pair.attrs.items():
            scores.attributes.setdefault(name, Accuracy()).add(ok)
        report.items.append(
            ItemOutcome(
                section=section,
                status="hit" if j in strict_gold else "relaxed_hit",
                label=gold_labels[j],
                gold_index=j,
                predicted_index=i,
                problems=describe(i, j, pair.attrs),
                spans=gold_spans[j],
            )
        )
    matched_gold = set(relaxed.values())
    for j in range(n_gold):
        if j not in matched_gold:
            report.items.append(
                ItemOutcome(section=section, status="missed", label=gold_labels[j], gold_index=j, spans=gold_spans[j])
            )
    for i in range(n_pred):
        if i not in relaxed:
            report.items.append(
                ItemOutcome(
                    section=section,
                    status="spurious",
                    label=pred_labels[i],
                    predicted_index=i,
                    spans=pred_spans[i],
                    problems=[] if pred_spans[i] else ["no evidence located in the article"],
                )
            )


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


# --------------------------------------------------------------------------- totals


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
    timed = [a.cost.seconds for a in ran if a.cost.seconds is not None]
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
    return m


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
