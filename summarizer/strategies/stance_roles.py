"""A stance said only in a quote, read from the speaker's part in the article's central act.

A quote with no word of attitude ("We cannot hand out water that is not there", "They pulled
the plug on a community") still takes a side when its speaker is a party to the act the
article leads with: the one who did it defends it (support), the one it was done to resists
it (oppose). The central act is the first sentence's main clause that names who acted;
anyone else's bare quote takes no side the parse can read.
"""

from __future__ import annotations

from dataclasses import dataclass

from .parse_types import Analysis, SentenceInfo
from .stance_context import Reading, phrase
from .stance_words import FIRST_PERSON, QUOTES, THIRD_PLURAL

__all__ = ["Central", "central", "role_reading"]


@dataclass
class Central:
    """The article's central act: who did it, to whom, where it is told."""

    agents: set[int]
    recipients: set[int]
    sentence: int
    topic: str  # the act as words, the topic of a side taken on it


def central(analysis: Analysis) -> Central | None:
    """The first main, told (not reported, quoted or planned) clause that names who acted."""
    for info in analysis.sentences:
        for clause in info.clauses:
            if clause.main and not clause.reporting and not clause.quoted and clause.agents and not clause.future:
                topic = phrase(info.doc[clause.index]) if info.doc is not None else ""
                return Central(set(clause.agents), set(clause.recipients), info.number, topic)
    return None


def role_reading(analysis: Analysis, info: SentenceInfo, act: Central | None) -> Reading | None:
    """The speaker's side on the central act, from a quote of theirs with no reading of its own."""
    if act is None or info.doc is None or info.source is None or info.number == act.sentence:
        return None
    if info.doc.text[:1] not in QUOTES and not any(c.quoted for c in info.clauses):
        return None
    if not any(t.lower_ in FIRST_PERSON for t in info.doc):
        return None  # "The company has done very little": of another's doings, not the speaker's side
    speaker = info.source
    parties = {speaker, analysis.actors[speaker].anchor, _possessor(analysis, speaker)}
    if parties & act.agents:
        position, side = "support", act.agents
    elif parties & act.recipients:
        position, side = "oppose", act.recipients
    elif _done_to_us(info, act.agents):
        position, side = "oppose", set()  # "They took our premiums and left us the rain": the one it was done to
    else:
        return None
    if any(c.agents and set(c.agents) & side and c.subject not in FIRST_PERSON
           for c in info.clauses if not c.reporting):  # fmt: skip
        return None  # "the agency had acted without ...": the speaker's side told of in the third person
    return Reading(speaker, position, act.topic, None, next(iter(info.doc.sents)).root.i)


def _possessor(analysis: Analysis, speaker: int) -> int | None:
    """The body a speaker named by its office speaks for ("the operator's chief executive": the first
    actor the article calls "(grid) operator"), when the parse gave the office no organisation."""
    name = analysis.actors[speaker].name
    if analysis.actors[speaker].anchor is not None or "'s " not in name:
        return None
    owner = name.split("'s ", 1)[0].lower()
    return next((i for i, a in enumerate(analysis.actors) if i != speaker
                 and any(f" {m.lower()}".endswith(f" {owner}") for m in a.mentions)), None)  # fmt: skip


def _done_to_us(info: SentenceInfo, doers: set[int]) -> bool:
    """Whether the quote tells the central act's doer, in the third person, acting on the speaker's
    side in the first ("they took our premiums", "the agency acted without giving us a chance")."""
    doc = info.doc
    for c in info.clauses:
        # the doer named, or "they" the quote leaves unnamed (someone other than the speaker's side)
        doer = bool(set(c.agents) & doers) or (not c.agents and c.subject in THIRD_PLURAL)
        if c.reporting or not doer or c.index < 0:
            continue
        verb = doc[c.index]
        if any(t.lower_ in FIRST_PERSON and t.dep_ in ("dobj", "dative", "poss", "pobj")
               for o in verb.children if o.dep_ in ("dobj", "dative", "prep", "advcl") for t in o.subtree):  # fmt: skip
            return True
    return False
