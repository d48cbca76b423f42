"""Per-section scoring: actors, then stances, events and follow-ups by their evidence.

Owns what each section checks on a matched pair (the attributes of `ATTRIBUTES`),
how a wrong attribute is worded for readers ("type ACCUSE, gold THREATEN or
REQUEST"), the labels of items, and filling an `ArticleReport` with counts and one
`ItemOutcome` per gold and predicted item. Attribute accuracy is measured on the
relaxed pairs. Matching itself is `matching`; faithfulness checks are `faithfulness`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from ..models import ArticleSummary, Event, FollowUp, Stance
from .faithfulness import actor_in_text, located_spans
from .gold import DateRange, GoldArticle, GoldError, GoldEvent, GoldFollowUp, GoldStance, Span, locate_all
from .matching import fold_text, match_items
from .metrics import PRF, Accuracy, ArticleReport, ItemOutcome, SectionName

__all__ = ["score_actors", "score_sections"]

P = TypeVar("P")
G = TypeVar("G")


class _Names:
    """Actor ids as names in problem lines: gold ids by the gold's names, predicted by the result's."""

    def __init__(self, result: ArticleSummary, gold: GoldArticle):
        self._gold = {a.id: a.name for a in gold.actors}
        self._pred = {a.id: a.name for a in result.actors}

    def gold(self, ids: Sequence[str]) -> str:
        return ", ".join(self._gold[i] for i in ids if i in self._gold) or "nobody"

    def pred(self, ids: Sequence[str]) -> str:
        return ", ".join(self._pred.get(i, i) for i in ids) or "nobody"


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


def _date_text(date: str | None, window: DateRange | None) -> str:
    if date:
        return date
    if window and (window.earliest or window.latest):
        return f"none or {window.earliest or '...'} to {window.latest or '...'}"
    return "none"


def _any_of(values: Sequence[str]) -> str:
    return " or ".join(values)


# What a pair shows readers per attribute: (word, predicted value, gold value).
Facts = dict[str, tuple[str, str, str]]


@dataclass(frozen=True)
class _Rules(Generic[P, G]):
    """One evidence-located section: a pair's verdicts (keys in `ATTRIBUTES` order), its facts, labels."""

    judge: Callable[[P, G, Mapping[str, str]], dict[str, bool]]
    facts: Callable[[P, G, _Names], Facts]
    gold_label: Callable[[G, _Names], str]
    pred_label: Callable[[P, _Names], str]


def _judge_stance(ps: Stance, gs: GoldStance, mapping: Mapping[str, str]) -> dict[str, bool]:
    return {"agent": _ids_ok([ps.holder], gs.holders, mapping), "position": ps.position in gs.positions}


def _judge_event(pe: Event, ge: GoldEvent, mapping: Mapping[str, str]) -> dict[str, bool]:
    return {
        "type": pe.type in ge.types,
        "agent": _ids_ok(pe.actors, ge.actors, mapping),
        "recipient": _ids_ok(pe.recipients, ge.recipients, mapping, also=ge.actors),
        "date": _date_ok(pe.date, ge.date, ge.date_range),
        "factuality": pe.factuality in ge.factuality,
    }


def _judge_follow_up(pf: FollowUp, gf: GoldFollowUp, mapping: Mapping[str, str]) -> dict[str, bool]:
    agent = _ids_ok(pf.actors, gf.actors, mapping)
    return {"kind": pf.kind in gf.kinds, "agent": agent, "due": _date_ok(pf.due, gf.due, gf.due_range)}


def _event_facts(pe: Event, ge: GoldEvent, n: _Names) -> Facts:
    return {
        "type": ("type", pe.type, _any_of(ge.types)),
        "agent": ("actors", n.pred(pe.actors), n.gold(ge.actors)),
        "recipient": ("recipients", n.pred(pe.recipients), n.gold(ge.recipients)),
        "date": ("date", str(pe.date), _date_text(ge.date, ge.date_range)),
        "factuality": ("factuality", pe.factuality, _any_of(ge.factuality)),
    }


_RULES: dict[SectionName, _Rules[Any, Any]] = {
    "stances": _Rules[Stance, GoldStance](
        judge=_judge_stance,
        facts=lambda ps, gs, n: {
            "agent": ("holder", n.pred([ps.holder]), n.gold(gs.holders)),
            "position": ("position", ps.position, _any_of(gs.positions)),
        },
        gold_label=lambda s, n: f"{n.gold(s.holders[:1])} on {s.topic}",
        pred_label=lambda s, n: f"{n.pred([s.holder])} on {s.topic} ({s.position})",
    ),
    "events": _Rules[Event, GoldEvent](
        judge=_judge_event,
        facts=_event_facts,
        gold_label=lambda e, n: f"{e.id} {'/'.join(e.types)}: {e.summary}",
        pred_label=lambda e, n: f"{e.type}: {e.summary}",
    ),
    "follow_ups": _Rules[FollowUp, GoldFollowUp](
        judge=_judge_follow_up,
        facts=lambda pf, gf, n: {
            "kind": ("kind", pf.kind, _any_of(gf.kinds)),
            "agent": ("actors", n.pred(pf.actors), n.gold(gf.actors)),
            "due": ("due", str(pf.due), _date_text(gf.due, gf.due_range)),
        },
        gold_label=lambda f, n: f.description,
        pred_label=lambda f, n: f"{f.kind}: {f.description}",
    ),
}


# --------------------------------------------------------------------------- actors


def score_actors(report: ArticleReport, result: ArticleSummary, gold: GoldArticle, mapping: Mapping[str, str]) -> None:
    """Actor matching counts, kind and country accuracy, and an outcome per actor.

    Optional gold actors (sources, institutions folded into a person) still map
    predictions for agent checks, but count neither as found nor as missed.
    """
    text = report.text
    gold_by_id = {a.id: a for a in gold.actors}
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
    folded = fold_text(text)
    for i, a in enumerate(result.actors):
        in_text = actor_in_text(a, folded)
        report.faithfulness.actors_not_in_text += not in_text
        if a.id not in mapping:
            status: Literal["spurious", "unfaithful"] = "spurious" if in_text else "unfaithful"
            problems = [] if in_text else ["name not in the article"]
            report.items.append(
                ItemOutcome(section="actors", status=status, label=a.name, predicted_index=i, problems=problems)
            )
            continue
        g = gold_by_id[mapping[a.id]]
        problems = []
        if not g.optional:
            kind_ok = a.kind in g.kinds
            country_ok = (a.country or "").upper() == (g.country or "")
            report.actors.kind.add(kind_ok)
            report.actors.country.add(country_ok)
            if not kind_ok:
                problems.append(f"kind {a.kind}, gold {_any_of(g.kinds)}")
            if not country_ok:
                problems.append(f"country {a.country}, gold {g.country}")
        label = f"{a.name} = {g.name}" + (" (optional)" if g.optional else "")
        report.items.append(
            ItemOutcome(
                section="actors", status="hit", label=label, gold_index=gold.actors.index(g), predicted_index=i,
                problems=problems,
            )
        )  # fmt: skip


# --------------------------------------------------------------------------- evidence-located sections


def _gold_spans(quotes: list[str], text: str, article: str, where: str) -> list[Span]:
    if any(not locate_all(q, text) for q in quotes):
        raise GoldError(
            f"gold {article!r}: {where} quotes text the result's article lacks; is this result for a different article?"
        )
    return [s for q in quotes for s in locate_all(q, text)]


def score_sections(
    report: ArticleReport, result: ArticleSummary, gold: GoldArticle, mapping: Mapping[str, str]
) -> None:
    """Stances, events and follow-ups: strict and relaxed counts, attribute accuracy, outcomes.

    Raises:
        GoldError: a gold quote does not occur in the result's article text.
    """
    names = _Names(result, gold)
    for section, rules in _RULES.items():
        _score_section(report, section, rules, getattr(result, section), getattr(gold, section), mapping, names)


def _score_section(
    report: ArticleReport,
    section: SectionName,
    rules: _Rules[P, G],
    predicted: Sequence[Any],
    golden: Sequence[Any],
    mapping: Mapping[str, str],
    names: _Names,
) -> None:
    located = [located_spans(item.evidence, report.text) for item in predicted]
    report.faithfulness.evidence_not_located += sum(bad for _, bad in located)
    pred_spans = [spans for spans, _ in located]
    gold_spans = [_gold_spans(g.evidence, report.text, report.article, f"{section}[{j}]") for j, g in enumerate(golden)]
    strict, relaxed, pairs = match_items(
        pred_spans, gold_spans, lambda i, j: rules.judge(predicted[i], golden[j], mapping)
    )
    n_pred, n_gold = len(pred_spans), len(gold_spans)
    scores = getattr(report, section)
    scores.strict = PRF(tp=len(strict), fp=n_pred - len(strict), fn=n_gold - len(strict))
    scores.relaxed = PRF(tp=len(relaxed), fp=n_pred - len(relaxed), fn=n_gold - len(relaxed))
    strict_gold = set(strict.values())
    for i, j in sorted(relaxed.items(), key=lambda t: t[1]):
        attrs = pairs[(i, j)].attrs
        for name, ok in attrs.items():
            scores.attributes.setdefault(name, Accuracy()).add(ok)
        facts = rules.facts(predicted[i], golden[j], names)
        report.items.append(
            ItemOutcome(
                section=section,
                status="hit" if j in strict_gold else "relaxed_hit",
                label=rules.gold_label(golden[j], names),
                gold_index=j,
                predicted_index=i,
                problems=[f"{word} {p}, gold {g}" for a, (word, p, g) in facts.items() if not attrs[a]],
                spans=gold_spans[j],
            )
        )
    for j in sorted(set(range(n_gold)) - set(relaxed.values())):
        label = rules.gold_label(golden[j], names)
        report.items.append(
            ItemOutcome(section=section, status="missed", label=label, gold_index=j, spans=gold_spans[j])
        )
    for i in sorted(set(range(n_pred)) - set(relaxed)):
        report.items.append(
            ItemOutcome(
                section=section,
                status="spurious",
                label=rules.pred_label(predicted[i], names),
                predicted_index=i,
                spans=pred_spans[i],
                problems=[] if pred_spans[i] else ["no evidence located in the article"],
            )
        )
