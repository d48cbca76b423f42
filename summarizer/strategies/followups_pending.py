"""Clauses that look ahead with no modal and no verb of intent, for `followups`: a span of time
allowed to the subject for an act ("has 14 days to reply", "now has eight days to sign the law"),
a deliberation or preparation under way ("is studying the decision", "said the association was
preparing a claim"), whose outcome is still to come, and a directive that still stands: in the
present perfect ("has asked the prosecutor's office to examine ...", or reported a tense back: "said
it had asked the court to review ...") or in the passive, unless past and undated ("have been told
to keep monitoring", "had been ordered to hand over the logs by March 20"). Rules over dependency
labels, tags and closed classes of verbs; `followups_grammar.ahead` reads the modals and verbs of intent.
"""

from __future__ import annotations

from typing import Any

from .followups_grammar import (
    _DIRECT,  # the directives `controller` reads ("urged X to", "ordered X to")
    auxiliaries,
    controller,
    has_to,
    lemma,
    negated,
    reporting_clause,
)
from .lexicon import REPORTING
from .words import word_tables

__all__ = ["pending", "time_allowed"]

(_DELIBERATE, _ASKED, _SPEECH_PARTIES) = word_tables("followups_pending", "_DELIBERATE _ASKED _SPEECH_PARTIES")


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
    names = {lemma(verb)} | {f"{lemma(verb)} {c.lower_}" for c in verb.children if c.dep_ in ("prep", "prt")}
    if not names & _DELIBERATE or verb.tag_ != "VBG" or negated(verb):
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


def _standing(verb: Any, dated: bool, lead: bool) -> bool:
    """An infinitive of a directive that still stands (see the docstring); an active one in the simple
    past ("on Monday ordered the firm to refund") is told as done (`followups_grammar.ahead`), and so
    is one in the present perfect of the lead ("A judge has ordered the mill to clean up the river"),
    the tense news tells its event in."""
    head = verb.head
    if not has_to(verb) or verb.dep_ not in ("xcomp", "advcl") or lemma(head) not in _DIRECT:
        return False
    if negated(head) or negated(verb):
        return False  # ("have been told not to stop treatment": what not to do)
    words = {a.lower_ for a in auxiliaries(head)}
    # "said investigators had asked the firm to hand over its logs": the present perfect put back a
    # tense by reported speech, a directive that still stands as much as "have asked" does
    report = reporting_clause(head)
    # (active only, and with no past date of its own: "had asked the ministry on Monday to find" is a
    # past act, which a present perfect could not date)
    told = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    backshift = ("had" in words and head.tag_ == "VBN" and told is None and not _dated_itself(head, verb)
                 and report is not None and lemma(report) in REPORTING)
    past = not backshift and (head.tag_ == "VBD" or bool(words & {"had", "was", "were"}))
    if told is not None:  # (not "we are being asked to sign a blank cheque": a quote's rhetoric)
        return (dated or not past) and told.lower_ not in _SPEECH_PARTIES
    party = controller(verb)
    # (not "they have asked us to deliver it": the speaker's own side, in a quote)
    perfect = not past and not lead and bool(words & {"has", "have", "had"})
    return perfect and party is not None and party.lower_ not in _SPEECH_PARTIES


def _dated_itself(head: Any, verb: Any) -> bool:
    """A date or time phrase on the head verb itself, not inside its infinitive ("had asked on Monday")."""
    inside = {t.i for t in verb.subtree}
    return any(t.ent_type_ in ("DATE", "TIME") and t.i not in inside and t.head.i in (head.i, *[c.i for c in
               head.children if c.dep_ == "prep"]) for t in head.subtree)  # fmt: skip


def pending(verb: Any, dated: bool, lead: bool) -> bool:
    """Does this clause look ahead by a time allowed, a deliberation under way or a standing directive?
    (`lead`: the clause is in the article's first sentence.)"""
    return time_allowed(verb) is not None or _under_way(verb) or _standing(verb, dated, lead)
