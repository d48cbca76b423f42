"""Clauses that look ahead with no future form, for follow-ups: "can", and a habit with a term.

"Can" that looks ahead (`followups_grammar.ahead` takes it with a term: "voters can
register until April 30").

Without a term, a "can" states what is possible now ("the plant can process 1,000 tonnes", "now we
can offer them one network") unless it is held to something still to come: a present condition of
its own ("if it finds collusion, it can open an inquiry": a step on a condition), or it is a power
the main clause of the narrative gives a body or a party ("The authority can block the deal or
accept it", "Either side can challenge the ruling"): a step open to it from now on. Not in direct
speech (what a speaker can do), not a bare plural ("Symptoms can take ten weeks to appear": what a
thing does), not negated, not a past "could".

A habit with a term (`habitual_term`) is a procedure's step for the case at hand: "The review board
normally rules within 90 days of an appeal being filed", "a decision is usually issued within 30
days", "the court usually takes several months to deliver a judgment" (a simple present or a
passive; not a perfect, "have usually taken more than a year", what was).
"""

from __future__ import annotations

from typing import Any

from .followups_grammar import _CAN, auxiliaries, condition, negated, subject_of
from .followups_said import quoted
from .lexicon import CONDITION_MARKS
from .words import word_tables

__all__ = ["can_ahead", "habitual_term", "rule_tables"]

(_HABITUAL,) = word_tables("followups_can", "_HABITUAL")


def can_ahead(verb: Any) -> bool:
    """Whether a "can" clause with no term looks ahead (see the module's docstring)."""
    if not {a.lower_ for a in auxiliaries(verb)} & _CAN or negated(verb):
        return False
    return _held_to_condition(verb) or _power(verb)


def _held_to_condition(verb: Any) -> bool:
    """A present "if"/"unless" clause of its own ("if she finds a breach, she can require repayment");
    not "as soon as", a time, nor a past "if they could"."""
    cond = condition(verb)
    if cond is None or cond.tag_ not in ("VBZ", "VBP"):
        return False
    return any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in cond.children)


def _power(verb: Any) -> bool:
    """The narrative's main clause (or a conjunct of it) giving a determined or named subject a power."""
    main = verb.head if verb.dep_ == "conj" else verb
    if main.dep_ != "ROOT" or quoted(verb):
        return False
    subject = subject_of(verb)
    if subject is None or subject.dep_ != "nsubj":
        return False
    return subject.pos_ in ("PROPN", "PRON") or any(c.dep_ in ("det", "poss") for c in subject.children)


def habitual_term(verb: Any) -> bool:
    """A simple present or a passive verb of habit ("normally rules") with a span of time of its own."""
    if not any(c.dep_ == "advmod" and c.lower_ in _HABITUAL for c in verb.children) or negated(verb):
        return False
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if not (verb.tag_ in ("VBZ", "VBP") or passive) or any(a.lemma_ == "have" for a in auxiliaries(verb)):
        return False
    def own(head: Any) -> bool:  # the verb's, or its "within"'s
        return bool(head.i == verb.i or (head.dep_ == "prep" and head.lower_ == "within" and head.head.i == verb.i))

    spans = [e for e in verb.doc.ents if e.label_ == "DATE" and own(e.root.head)]
    return any(any(t.like_num or t.pos_ == "ADJ" for t in e) for e in spans)  # "90 days", "several months"


def rule_tables() -> list[object]:
    """The closed class above, for the guided strategy's rules fingerprint."""
    return [sorted(_HABITUAL)]
