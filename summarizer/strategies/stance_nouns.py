"""Stances read from nouns and adjectives of attitude, the `stances` readings that are not verbs.

"voiced concern over ...", "Washington's support for ..." (a noun held by whoever voices or owns
it), "the airline was disappointed" (a feeling said of an actor), "the decision had been 'a
clear mistake'" (an evaluation in reported speech, held by the speaker).
"""

from __future__ import annotations

from typing import Any

from .lexicon import PREDICATIVE_PREPS
from .stance_context import Reading, StanceSentence, is_group, is_negated, phrase, prep_object
from .stance_words import NOUNS, TRANSFER

__all__ = ["evaluation", "feeling", "noun"]


def noun(s: StanceSentence, tok: Any, lemma: str) -> Reading | None:
    """ "voiced concern over ...", "Washington's worries about ...", "U.S. support for ..."."""
    head = tok
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    verb = head.head if head.dep_ in ("dobj", "attr", "nsubj", "nsubjpass") else None
    if head.dep_ == "pobj" and head.head.head.pos_ == "VERB":
        verb = head.head.head  # "pointed to ... as evidence of Washington's backing"
    if verb is not None and head.dep_ == "dobj" and verb.lemma_.lower() in TRANSFER:
        return None  # "provided support for 300 families": aid given, not a position
    about = prep_object(tok)
    if about is None:  # "a wish for Jerusalem to be ...": a clause of its own
        about = next((c for c in tok.children if c.dep_ in ("acl", "advcl") and c.pos_ in ("VERB", "AUX")), None)
    if about is None and verb is not None and head.dep_ == "dobj":
        about = prep_object(verb)  # "showed solidarity with ...", the parser hanging "with" on the verb
    if about is None:
        return None  # "support" for nothing named: aid, staff or a noun, not a stance
    holder = s.subject(verb) if verb is not None and head.dep_ in ("dobj", "attr") else None
    if holder is None:
        holder = next((a for c in tok.children if c.dep_ in ("poss", "compound")
                       for a in [s.actor_in(c)] if a is not None), None)  # fmt: skip
    holder = s.holder(verb if verb is not None else tok, holder)
    if holder is None:
        return None
    position = NOUNS[lemma]
    if verb is not None and head.dep_ == "dobj" and is_negated(verb):
        if position != "support":
            return None
        position = "oppose"
    return Reading(holder, position, phrase(about), s.target(about, holder), tok.i)


def feeling(s: StanceSentence, tok: Any, position: str) -> Reading | None:
    """ "Aerlift said it was disappointed", "the union is open to talks": a feeling said of an actor."""
    head = tok.head if tok.dep_ in ("acomp", "oprd") else tok
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    while subj is None and head.dep_ == "conj" and head.head.i != head.i:
        head = head.head  # "said it supported the nurses but was concerned about ...": the first verb's subject
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    holder = s.subject(head) if head.i in s.clause_at else None
    if holder is None:
        holder = s.actor_in(subj)
    if holder is None and subj.pos_ == "PRON":
        report = s.report(tok)
        holder = report[1] if report is not None else s.previous if is_group(subj) else None
    holder = s.holder(tok, holder)
    if holder is None:
        return None
    if is_negated(head) or is_negated(tok):
        if position != "support":
            return None
        position = "oppose"
    topic = prep_object(tok) or next((c for c in tok.children if c.dep_ == "xcomp"), None)
    if topic is None:  # "said it was disappointed and would study the judgment": the next object named
        topic = next((t for t in s.doc[tok.i + 1 :] if t.dep_ in ("dobj", "pobj") and t.pos_ == "NOUN"), None)
    text = phrase(topic) if topic is not None else tok.text
    return Reading(holder, position, text, s.target(topic, holder), tok.i)


def evaluation(s: StanceSentence, tok: Any, position: str) -> Reading | None:
    """An evaluation in reported speech: "the decision had been 'a clear mistake'", "she got it right"."""
    report = s.report(tok)
    if report is None:
        return None
    word = tok.head if tok.dep_ == "amod" else tok  # "a clear mistake", "the right home"
    if word.dep_ == "conj" and is_negated(word):
        word, negated = word.head, True  # "fair but not reckless"
    else:
        negated = False
    if word.dep_ not in ("attr", "acomp", "oprd", "ccomp", "pobj"):
        return None
    if word.dep_ == "pobj" and word.head.lower_ not in PREDICATIVE_PREPS:
        return None  # "amounted to 'a betrayal'"; not "in a good way"
    head = word.head.head if word.dep_ == "pobj" else word.head
    subj = next((c for c in (word if word.dep_ == "ccomp" else head).children if c.dep_ in ("nsubj", "nsubjpass")),
                None)  # fmt: skip
    while subj is None and word.dep_ != "ccomp" and head.dep_ == "conj" and head.head.i != head.i:
        head = head.head  # "would bring jobs and was good news": the first verb's subject
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if negated or is_negated(head) or is_negated(word):
        if position == "concern":
            return None
        position = "support" if position == "oppose" else "oppose"
    topic = subj if subj is not None and subj.pos_ != "PRON" else word
    return Reading(report[1], position, phrase(topic), s.target(topic, report[1]), tok.i)
