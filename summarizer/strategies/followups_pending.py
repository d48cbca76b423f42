"""Clauses that look ahead with no modal and no verb of intent, for `followups`: a span of time
allowed to the subject for an act ("has 14 days to reply", "now has eight days to sign the law"),
and a deliberation or preparation under way ("is studying the decision", "said the association was
preparing a claim"), whose outcome is still to come. Rules over dependency labels, tags and one
closed class of verbs; `followups_grammar.ahead` reads the modals and verbs of intent.
"""

from __future__ import annotations

from typing import Any

from .followups_grammar import auxiliaries, has_to, lemma, negated, reporting_clause
from .words import word_tables

__all__ = ["pending", "time_allowed"]

(_DELIBERATE, _ASKED) = word_tables("followups_pending", "_DELIBERATE _ASKED")


def time_allowed(verb: Any) -> Any | None:
    """The "have" that allows its subject a span of time for this infinitive ("has 14 days to reply",
    "would have 30 days to appeal"); not a span used up ("has had eight months to act") or denied."""
    if not has_to(verb):
        return None
    if verb.dep_ in ("relcl", "acl") and verb.head.dep_ == "dobj":
        have = verb.head.head  # "has [14 days [to reply]]"
    elif verb.dep_ in ("xcomp", "advcl"):
        have = verb.head  # "has 14 days [to reply]", the infinitive hung on the verb
    else:
        return None
    span = [c for c in have.children if c.dep_ == "dobj" and c.ent_type_ == "DATE" and c.i < verb.i]
    if lemma(have) != "have" or not span or negated(have) or have.tag_ not in ("VB", "VBZ", "VBP"):
        return None
    return have


def _under_way(verb: Any) -> bool:
    """A deliberation in progress, now ("prosecutors are examining whether ...") or as someone
    reported it ("said it was studying the decision"); not one told in a relative clause ("who has
    been investigating") or a past one in narration ("were reviewing the files when ...")."""
    if lemma(verb) not in _DELIBERATE or verb.tag_ != "VBG" or negated(verb):
        return False
    asked = any(c.dep_ == "mark" and c.lower_ in _ASKED for c in verb.children)
    if verb.dep_ not in ("ROOT", "ccomp", "conj") or asked:
        return False  # (nor "did not say whether X was considering further steps": a question)
    aux = auxiliaries(verb)
    if len(aux) != 1 or aux[0].lemma_ != "be":
        return False  # (not "has been studying", "will be reviewing": the modal's own clause)
    if aux[0].tag_ in ("VBZ", "VBP"):
        return True
    report = reporting_clause(verb)
    return aux[0].tag_ == "VBD" and report is not None and not negated(report)


def pending(verb: Any) -> bool:
    """Does this clause look ahead by a time allowed or a deliberation under way?"""
    return time_allowed(verb) is not None or _under_way(verb)
