"""Stances read from a refusal told as the news: refusing what another party asked opposes it ("Board members refused
that request", "refused a request from the residents to buy back plots", "the office has refused to delay", and a bare
"Nereus refused." after a sentence asking Nereus to act). The words are closed classes of English (`stance_words`).
"""

from __future__ import annotations

from typing import Any

from .lexicon import CONDITION_MARKS, WITHHOLDING
from .stance_context import Reading, StanceSentence, embedded_question, hedged, is_negated, phrase, prep_object
from .stance_words import (
    AIMING,
    ANSWERS,
    DIRECTING,
    FORWARD,
    NO_COMMENT,
    PLEAS,
    PRO_VERBS,
    REOPENING,
    TAKING_PART,
    TELLING,
    VERBS,
)  # fmt: skip

__all__ = ["refusing"]


def refusing(s: StanceSentence, tok: Any, before: Any = None) -> Reading | None:
    """ "Board members refused that request", "has refused a request from the residents to buy back plots", "the
    office has refused to delay": a refusal told as the news opposes what was asked. Not one another party reports
    ("Brandell said the board had refused to hear ..."), held out ("would refuse to ... if"), undone ("never
    refused"), described ("which it has refused to do"), suffered ("was refused a visa"), of an answer ("declined
    to name the buyer"), of a thing not asked ("refused a visa", "refused entry") or of undoing ("keeping")."""
    if tok.lemma_.lower() not in WITHHOLDING or tok.dep_ not in ("ROOT", "conj") or tok.head.dep_ not in ("ROOT",):
        return None
    if is_negated(tok) or any(c.dep_ in ("nsubjpass", "auxpass") or c.tag_ == "MD" for c in tok.children):
        return None
    subject = s.subject(tok)
    report = s.report(tok)
    if subject is None or report is not None and report[1] != subject:
        return None
    dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    done = next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    if dobj is not None and dobj.lemma_.lower() in PLEAS:
        asked = next((c for c in dobj.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"
                      and any(m.dep_ == "aux" and m.lower_ == "to" for m in c.children)), None)  # fmt: skip
        sought = prep_object(dobj, ("for",))
        if asked is None and sought is not None and sought.lemma_.lower() in NO_COMMENT | TELLING | ANSWERS:
            return None  # "refused a request for comment", "for an interview", "for information": no answer given
        topic = asked if asked is not None else sought or dobj
        made = prep_object(dobj, ("from",))  # "a request from the residents' association"
        target = s.actor_in(made) if made is not None else s.target(dobj, subject)
        return Reading(subject, "oppose", phrase(topic), target if target != subject else None, tok.i)
    if dobj is None and done is None and not any(c.dep_ in ("ccomp", "prep", "prt") for c in tok.children):
        # "... asked Nereus to withdraw its tugs. Nereus refused.": what the sentence before asked
        asked = _asked_before(before, s.actors[subject].mentions)
        return None if asked is None else Reading(subject, "oppose", phrase(asked), None, tok.i)
    if dobj is not None or done is None or is_negated(done) or any(c.dep_ == "prt" for c in done.children):
        return None
    if done.lemma_.lower() in NO_COMMENT | TELLING | REOPENING | PRO_VERBS | FORWARD | VERBS.keys():
        return None
    asked = _asked_before(before, s.actors[subject].mentions)
    if asked is None or asked.lemma_.lower() != done.lemma_.lower():
        return None  # "refused to grant the circus a permit": its own act, unless the sentence before asked it
    joined = next((c for c in done.children if c.dep_ == "dobj"), None) if done.lemma_.lower() in TAKING_PART else None
    topic = joined if joined is not None and joined.pos_ in ("NOUN", "PROPN") else done  # "to accept the offer"
    return Reading(subject, "oppose", phrase(topic), s.target(topic, subject), tok.i)


def _asked_before(before: Any, mentions: list[str]) -> Any | None:
    """What the sentence before asks for, as a clause ("demanded that the contract be published", "asked Nereus to
    withdraw its tugs"): a request made (not "did not ask", not "would ask ... if", "will ask") whose named
    addressee, if any, is the refuser (one of its `mentions`)."""
    for verb in before if before is not None else []:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in DIRECTING or is_negated(verb) or hedged(verb):
            continue
        if any(c.tag_ == "MD" for c in verb.children) or any(t.dep_ == "mark" and t.lower_ in CONDITION_MARKS
                                                             for t in verb.subtree):  # fmt: skip
            continue  # "would ask the port to ... if the talks failed", "will ask": not (yet) asked
        asked = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")), None)
        whom = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if asked is not None and asked.dep_ == "xcomp" and (
                whom is None and verb.lemma_.lower() in AIMING or prep_object(verb, ("for",)) is not None):
            continue  # "the nurses wanted to strike": their own aim; "asked the ministry for money to publish ..."
        words = [t.lower_ for t in whom.subtree if t.i <= whom.i and t.pos_ in ("NOUN", "PROPN")] if whom else []
        named = whom is None or any(m and (m.lower() in whom.text.lower() or whom.pos_ in ("NOUN", "PROPN") and all(
            w in m.lower().split() for w in words)) for m in mentions)  # "asked the port", "asked Kessel Pumps to"
        if asked is not None and named and not embedded_question(asked):
            return asked
    return None
