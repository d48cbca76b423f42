""""Can" that looks ahead, for follow-ups (`followups_grammar.ahead` takes it with a term: "voters can
register until April 30").

Without a term, a "can" states what is possible now ("the plant can process 1,000 tonnes", "now we
can offer them one network") unless it is held to something still to come: a present condition of
its own ("if it finds collusion, it can open an inquiry": a step on a condition), or it is a power
the main clause of the narrative gives a body or a party ("The authority can block the deal or
accept it", "Either side can challenge the ruling"): a step open to it from now on. Not in direct
speech (what a speaker can do), not a bare plural ("Symptoms can take ten weeks to appear": what a
thing does), not negated, not a past "could".
"""

from __future__ import annotations

from typing import Any

from .followups_grammar import _CAN, auxiliaries, condition, negated, subject_of
from .followups_said import quoted
from .lexicon import CONDITION_MARKS

__all__ = ["can_ahead"]


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
