"""Follow-ups beside the forward-looking clauses of `followups`: an approval a plan waits
for ("subject to approval by the Commission") and a question the article leaves open ("the
board has not decided whether to appeal"); with the item they make and the actors a phrase
names, which `followups` reads too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..models import Origin
from .followups_grammar import open_question
from .lexicon import (
    AWAITED_NOUNS,
    AWAITING_PREPS,
    AWAITING_VERBS,
    FUTURE_MODALS,
    HYPOTHETICAL_MODALS,
    INTENT_VERBS,
    MAYBE_MODALS,
    OBLIGE_MODALS,
    WITHHOLDING,
)  # fmt: skip
from .parse_types import Analysis, Clause

__all__ = ["Item", "approvals", "named", "open_questions"]


@dataclass
class Item:
    verb: Any
    actors: list[int]
    origin: Origin
    conditional: bool
    date: Any | None
    controlled: bool = False  # its actors are the object of a directive ("ordered it to publish")
    open: bool = False  # a question left open ("has not decided whether to appeal")


def named(tokens: list[Any], analysis: Analysis, ids: dict[int, str]) -> list[int]:
    """Actors (kept ones) whose name or mention is written in these tokens, longest match first."""
    if not tokens:
        return []
    doc = tokens[0].doc
    spans = sorted({(t.idx, t.idx + len(t.text)) for t in tokens})
    text = doc.text
    hits: list[tuple[int, int, int]] = []
    for i, actor in enumerate(analysis.actors):
        if i not in ids:
            continue
        forms = list(actor.mentions)
        if actor.label == "PERSON" and len(actor.name.split()) > 1 and len(actor.name.split()[-1]) > 2:
            forms.append(actor.name.split()[-1])  # "Morrow" for Dan Morrow, as the parse folds surnames
        for form in forms:
            if len(form) < 2:
                continue
            for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
                if any(s <= m.start() < e for s, e in spans) and any(s < m.end() <= e for s, e in spans):
                    hits.append((m.start(), m.end(), i))
    kept = [h for h in hits if not any(o[0] <= h[0] and h[1] <= o[1] and (o[1] - o[0]) > (h[1] - h[0])
                                        for o in hits)]  # fmt: skip
    out: list[int] = []
    for _, _, i in sorted(kept):
        if i not in out:
            out.append(i)
    return out


def open_questions(doc: Any, clauses: dict[int, Clause], analysis: Analysis, ids: dict[int, str]) -> list[Item]:
    """A question someone has not settled or will not answer: "the investigators have not
    determined whether ...", "declined to say when ...", "have not agreed on who should pay".
    Who is to settle it: the subject of the verb that leaves it open, when it is an actor."""
    out: list[Item] = []
    for verb in doc:
        holder = open_question(verb)
        if holder is None or (holder.lemma_.lower() in WITHHOLDING and _past_fact(verb)):
            continue
        clause = clauses.get(holder.i)
        actors = [a for a in clause.agents if a in ids] if clause is not None and not clause.agents_by_rule else []
        subject = next((c for c in holder.children if c.dep_ == "nsubj"), None)
        actors = actors or (named(list(subject.subtree), analysis, ids) if subject is not None else [])
        if actors:  # (not "the statement did not specify how": a document's silence)
            out.append(Item(verb, actors, "parse", False, None, open=True))
    return out


def _past_fact(verb: Any) -> bool:
    """An indirect question in the past with nothing ahead in it ("declined to say what was said in the
    room", "whether she agreed with it", "whether the licence was at risk"): a fact withheld, no step
    left open; not "whether more arrests were expected", "whether the closures could be reversed",
    "whether to appeal", "whether it was due to be sold", "when the talks resume", nor what was under way
    or a state that may hold ahead ("whether drivers were expecting redundancies", "whether the cuts were
    temporary"; but "whether a sale was being considered": what was done to it)."""
    ahead = FUTURE_MODALS | OBLIGE_MODALS | MAYBE_MODALS | HYPOTHETICAL_MODALS
    if any(t.dep_ in ("aux", "auxpass") and (t.lower_ in ahead or t.tag_ == "TO") for t in verb.subtree):
        return False
    if verb.lemma_.lower() in INTENT_VERBS and verb.tag_ == "VBN":
        return False  # "whether a sale was planned"
    if verb.tag_ == "VBG" and not any(a.dep_ == "auxpass" for a in verb.children):
        return False  # "whether it was considering further cuts": under way, its outcome ahead
    if any(c.dep_ == "acomp" and c.tag_ == "JJ" for c in verb.children):
        return False  # "whether a decision was imminent", "whether the services were due back": a state ahead
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in verb.children if a.dep_ in ("aux", "auxpass"))


def _awaited(noun: Any) -> bool:
    """An approval-type noun the plan waits for: "subject to approval", "pending a ruling",
    "requires a vote" (not any noun with a "by" agent: "after a visit by the minister")."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in AWAITED_NOUNS:
        return False
    gov = noun.head
    if noun.dep_ == "dobj":
        return gov.lemma_.lower() in AWAITING_VERBS
    if noun.dep_ != "pobj":
        return False
    if gov.lower_ == "to":  # "subject to approval"
        return bool(gov.head.lower_ == "subject")
    return gov.lower_ in AWAITING_PREPS


def approvals(anchors: list[Any], analysis: Analysis, ids: dict[int, str], items: list[Item]) -> list[Item]:
    """An action named by a noun with its agent in a forward sentence: "subject to approval by the
    Commission", "pending a ruling by the court" is a conditional follow-up for that agent."""
    if not anchors:
        return []
    out: list[Item] = []
    for tok in anchors[0].doc:
        noun = tok.head
        if tok.dep_ != "prep" or tok.lower_ != "by" or not _awaited(noun):
            continue
        by = named([t for c in tok.children if c.dep_ == "pobj" for t in c.subtree], analysis, ids)
        if by and not any(i.actors == by for i in items + out):
            out.append(Item(noun, by, "parse", True, None))
    return out
