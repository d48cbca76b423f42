"""Stances read from what a verb says of a matter rather than a position it takes on it, the `stances`
readings of labels, silence and effects: "called his performance 'a disgrace'" (a label with an
evaluation), "declined to comment on the talks" (no side taken on what is named), "said the policies
were undermining ..." (the speaker on what has the effect), "would rather have one full school than two empty
ones" (a preference backs what is preferred).
"""

from __future__ import annotations

from typing import Any

from .lexicon import HYPOTHETICAL_MODALS, MAYBE_MODALS, WITHHOLDING
from .stance_context import Reading, StanceSentence, is_negated, phrase, prep_object
from .stance_words import (
    BALLOTING,
    BODY_PRONOUNS,
    EVALUATIONS,
    FIRST_PERSON,
    LOSING,
    MEASURES,
    PREFERRING,
    QUOTES,
    TAKING_PART,
    THIRD_PLURAL,
    TOPIC_WORDS,
    WEIGHED,
)

__all__ = ["effect", "labelling", "measure", "no_comment", "preference"]


def no_comment(s: StanceSentence, tok: Any) -> Reading | None:
    """ "would not comment on the dispute", "declined to comment on the talks": no side taken on
    what is named (with nothing named, "declined to comment", no stance at all)."""
    withheld = is_negated(tok) or (tok.dep_ == "xcomp" and tok.head.lemma_.lower() in WITHHOLDING)
    topic = prep_object(tok, ("on", "about"))
    if not withheld or topic is None or topic.pos_ not in ("NOUN", "PROPN"):
        return None
    holder = s.holder(tok, s.subject(tok))
    return Reading(holder, "neutral", phrase(topic), s.target(topic, holder), tok.i) if holder is not None else None


def labelling(s: StanceSentence, tok: Any) -> Reading | None:
    """ "calling his performance 'a disgrace'", "regard it as vital", "a killing they described as unjustified"."""
    labels = [c for c in tok.children if c.dep_ in ("oprd", "attr", "ccomp")]
    labels += [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" for o in c.subtree]
    labels += [a for c in tok.children if c.dep_ == "dobj" for a in c.children if a.dep_ == "appos"]
    word = next((t for lab in labels for t in lab.subtree
                 if t.lower_ in EVALUATIONS or t.lemma_.lower() in EVALUATIONS), None)  # fmt: skip
    if word is None:
        return None
    position = EVALUATIONS.get(word.lower_) or EVALUATIONS[word.lemma_.lower()]
    if is_negated(tok) or is_negated(word):
        return None
    holder = s.holder(tok, s.subject(tok))
    if holder is None:
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if (obj is None or obj.tag_ in ("WDT", "WP")) and tok.dep_ in ("relcl", "ccomp"):
        obj = tok.head if tok.dep_ == "relcl" else obj  # "a killing the department described as unjustified"
    if obj is None:  # "called the cut reckless": the small clause's other half
        obj = next((c for c in labels if c.i != word.i and word.i not in [t.i for t in c.subtree]
                    and c.pos_ in ("NOUN", "PROPN")), None)  # fmt: skip
    topic = obj if obj is not None and obj.pos_ != "PRON" else word
    return Reading(holder, position, phrase(topic), s.target(topic, holder), tok.i)


def effect(s: StanceSentence, tok: Any, position: str) -> Reading | None:
    """ "She said the policies were undermining ...", "put investment at risk": the speaker on what has the effect."""
    if tok.dep_ in ("relcl", "acl"):
        return None  # "the plant, which was damaged by a fire": a description, not the speaker's judgement
    report = s.report(tok)
    subj = s.subject_token(tok)
    while subj is None and tok.dep_ in ("conj", "xcomp") and tok.head.i != tok.i:
        tok = tok.head  # "continued to put ... and were undermining ...": the first verb's subject
        subj = s.subject_token(tok)
    if report is None or subj is None or subj.pos_ == "PRON" or is_negated(tok):
        return None
    if subj.dep_ == "nsubjpass":  # "patients were being put at risk": a worry for whoever suffers it
        position = "concern" if position == "oppose" else position
    if position == "oppose" and any(c.dep_ == "aux" and c.lower_ in MAYBE_MODALS for c in tok.children):
        position = "concern"  # "warning that the merger could weaken ...": a risk, not an opponent
    return Reading(report[1], position, phrase(subj), s.target(subj, report[1]), tok.i)


def measure(thing: Any, tok: Any) -> bool:
    """ "asking for an end to the strikes", "for an exemption for ...", "asking for the appointment to be reviewed":
    a measure asked for, a request. Not a thing to be told, help or a favour for oneself ("asked for an
    explanation", "for a loan", "for privacy", "for a transfer"): only a noun of a measure, or a thing asked to be
    done to; not a request weighed or expected ("are considering asking for a ban")."""
    if tok.dep_ in ("xcomp", "pcomp") and tok.head.lemma_.lower() in WEIGHED:
        return False
    if any(t.dep_ == "poss" and t.pos_ == "PRON" for t in thing.subtree):
        return False  # "asked for an end to his contract", "for its members to be paid": for its own
    done = any(c.dep_ in ("relcl", "acl") and any(a.dep_ == "auxpass" for a in c.children)
               and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in thing.children)  # fmt: skip
    return thing.pos_ == "NOUN" and (thing.lemma_.lower() in MEASURES or done)


def preference(s: StanceSentence, tok: Any) -> Reading | None:
    """ "We would rather give our farmers a hard number now than a nasty surprise", "I'd rather we had a national
    appeal than a cheque", "said he would rather go to the country than ...": a preference backs what is preferred,
    the words between "rather" and "than". Not "rather than" alone ("walked rather than drove": no preference
    voiced), not "would rather not" (a reply withheld), not a degree ("would be rather expensive"), not one's own
    course with no matter named ("would rather resign than sign", "rather keep quiet": an object or a clause of its
    own is preferred), not a preference someone else is said to have ("said the port would rather cut jobs")."""
    if tok.lower_ not in PREFERRING or tok.dep_ != "advmod" or tok.i == 0 or tok.head.pos_ not in ("VERB", "AUX"):
        return None
    verb, modal = tok.head, s.doc[tok.i - 1]
    if not (modal.lower_ in HYPOTHETICAL_MODALS or modal.lemma_.lower() in HYPOTHETICAL_MODALS):
        return None
    if is_negated(verb) or tok.i + 1 >= len(s.doc) or s.doc[tok.i + 1].dep_ == "neg" or verb.lemma_.lower() == "be":
        return None  # "would rather not say"; "would rather be ..." (a state, often of degree)
    if not any(c.dep_ in ("dobj", "dative") or c.dep_ in ("nsubj", "nsubjpass") and c.i > tok.i for c in verb.children):
        return None  # "would rather resign than sign", "rather keep quiet", "rather wait for the ruling": own course
    than = next((t for t in verb.subtree if t.i > tok.i and t.lower_ == "than"), None)
    end = than.i if than is not None else verb.right_edge.i + 1
    stop = next((t.i for t in s.doc[tok.i + 1 : end] if t.text == "," or t.dep_ == "cc" and t.head.i == verb.i), end)
    words = [t.text for t in s.doc[tok.i + 1 : stop] if t.text not in QUOTES and not t.is_punct]  # ", but we ..."
    if not words:
        return None
    said = modal.head if modal.dep_ == "ROOT" and verb.head.i == modal.i else verb  # "I'd rather we had ..."
    holder = s.holder(said, s.subject(said))
    first = next((c for h in (verb, modal, said) for c in h.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    if first is not None and first.lower_ in THIRD_PLURAL:
        return None  # '"They would rather have a strike than a deal," the port said': others' preference, claimed
    if first is not None and first.pos_ == "PRON" and first.lower_ not in FIRST_PERSON and (
            first.lower_ not in BODY_PRONOUNS or any(t.text in QUOTES and t.dep_ != "case" for t in s.doc[: tok.i])
            or s.subject(verb) != holder):  # fmt: skip
        return None  # '"She would rather sell the club," Ortiz said of the owner', "Nobody would rather pay more tax",
        # "Ortiz said he would rather ...": no gender known, "he" may be anyone
    if verb.lemma_.lower() in LOSING:  # "would rather lose the contract than accept the price cut": a sacrifice
        return _spurned(s, than, verb, holder)
    if holder is None and first is not None and first.lower_ in FIRST_PERSON:
        holder = s.info.source  # "... he says. I'd rather we had ...": the quoted speaker
    if first is not None and first.pos_ in ("NOUN", "PROPN") and (s.actor_in(first) != holder or any(
            a.dep_ in ("ccomp", "parataxis") for a in [verb, *verb.ancestors])):  # fmt: skip
        return None  # "the union said the port would rather cut jobs than invest": a claim about another's preference
    topic = " ".join(words[:TOPIC_WORDS]) + ("\u2026" if len(words) > TOPIC_WORDS else "")
    return Reading(holder, "support", topic, None, tok.i) if holder is not None else None


def _spurned(s: StanceSentence, than: Any, verb: Any, holder: int | None) -> Reading | None:
    """A loss preferred to taking part in something ("would rather lose her seat than vote for the budget", "than
    accept the price cut") opposes what would be joined; the loss itself is backed by no one."""
    alt = than.head if than is not None and than.head.pos_ == "VERB" and verb in than.head.ancestors else None
    if alt is None or holder is None or is_negated(alt):
        return None
    joined = next((c for c in alt.children if c.dep_ == "dobj"), None) if alt.lemma_.lower() in TAKING_PART else None
    voted = prep_object(alt, ("for",)) if alt.lemma_.lower() in BALLOTING else None
    topic = joined if joined is not None else voted
    return None if topic is None else Reading(holder, "oppose", phrase(topic), s.target(topic, holder), alt.i)
