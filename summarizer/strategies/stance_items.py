"""The article's stances: each sentence's readings (`stances.read_sentence`), in order.

A stance told again (a headline and its body, a post and the sentence that quotes it)
is one stance citing both sentences, and the repeating sentence's next predicate of that
position gets its turn. A sentence with no reading of its own that quotes the holder of
the stance just before continues that stance, and so does a reading of the same position
by someone the next sentence names as the body's ("Its president, X, accused ...").
A request ("She demanded that ...", "asked both banks to ...") or a grievance of not being
consulted by the holder of a stance in the same sentence or the one just before (or by that
body's spokesperson) is more evidence of that stance, not a stance of its own. A bare
first-person quote by a party to the central act whose speaker has no stance yet is that
party's side of the act (`stance_roles`), until the speaker's next sentence says the side
with a predicate of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .parse_types import Analysis, SentenceInfo
from .stance_context import folded, sentence_before
from .stance_roles import central, role_reading
from .stance_words import ASKING_FOR, BODY_POSSESSIVES, CONSULTING, DIRECTING, QUESTIONING, REQUESTS, STUDYING
from .stances import Reading, read_sentence

__all__ = ["Item", "find"]


@dataclass
class Item:
    """One stance of the article, with the sentences that state or continue it."""

    reading: Reading
    sentence: SentenceInfo
    evidence: list[int] = field(default_factory=list)  # sentence numbers, the stating one first
    # read from the speaker's part in the central act (`stance_roles`), not a predicate, or a grievance of not
    # being consulted: a stance of its holder in the next sentence takes it over ("said it had not been
    # consulted. It accused the operator of ...": one stance, both sentences its evidence)
    by_role: bool = False


def find(analysis: Analysis, keep: set[int]) -> list[Item]:
    """The article's stances, in order: each sentence's readings whose holder is a kept actor.

    A sentence with no reading of its own that quotes the holder of the stance just before
    ("'It comes out of our pay packets,' said the union's chairwoman") continues that
    stance: it is cited as more evidence, not counted as a stance of its own.
    """
    items: list[Item] = []
    seen: set[str] = set()
    previous: int | None = None
    last_number = -1
    act = central(analysis)
    docs = {s.number: s.doc for s in analysis.sentences}
    for info in analysis.sentences:
        key = folded(info.text)
        # A quoted tweet repeated verbatim is one stance, not two; two sentences that only
        # open alike ("The union said on Monday that ...") are two.
        if key in seen:
            continue
        seen.add(key)
        repeats: list[Item] = []  # the same stance told again (headline and body, a post and its quote)
        prior = sentence_before(analysis, info.number)
        readings = [
            r for r in read_sentence(info, analysis.actors, previous, _told(items, repeats), docs.get(prior))
            if r.holder in keep
        ]
        for item in repeats:
            item.evidence.append(info.number)
        last = items[-1] if items and last_number == prior else None
        if repeats and not readings:
            continue
        if not readings:
            # the holder quoted, or whom it speaks through ("..., said the union's chairwoman, X")
            if last is not None and info.source is not None and (
                    info.source == last.reading.holder or analysis.actors[info.source].anchor == last.reading.holder):
                last.evidence.append(info.number)
                last_number = info.number
                continue
            previous = previous if last is not None else None
            # a bare quote by a party to the central act, its first word on it: its side of the act
            role = role_reading(analysis, info, act)
            if role is None or role.holder not in keep or any(i.reading.holder == role.holder for i in items):
                continue
            items.append(Item(role, info, [info.number], by_role=True))
            previous, last_number = role.holder, info.number
            continue
        for reading in readings:
            if last is not None and last.by_role and last.reading.holder == reading.holder:
                # the bare quote's speaker says next what the side is: that stance, the quote its evidence
                last.reading, last.sentence, last.by_role = reading, info, False
                last.evidence.append(info.number)
                continue
            if _aside(info, reading) and any(r.holder == reading.holder and not _aside(info, r) for r in readings):
                continue  # "would not join the blockade and called for talks instead": the other is the stance
            if (_directs(info, reading) or _unheard(info, reading)) and not repeats:  # a repeat's request is news
                # "She demanded that ...": what the holder wants done is evidence of the stance the holder
                # takes in this sentence ("feared a merger ... and asked both banks to ...") or the one before
                # (or that the body whose spokesperson asks took there: "Its director, X, demanded that ...").
                if any(r.holder == reading.holder and not _directs(info, r) and not _aside(info, r)
                       and not _unheard(info, r) for r in readings):  # fmt: skip
                    continue
                if last is not None and (last.reading.holder in (reading.holder, analysis.actors[reading.holder].anchor)
                                         or _spokesperson(analysis, info, reading)):
                    last.evidence.append(info.number)
                    continue
            same = last is not None and last.reading.position == reading.position
            if last is not None and same and _spokesperson(analysis, info, reading):
                last.evidence.append(info.number)  # "Its president, X, accused ...": the body's stance, told again
                continue
            evidence = [info.number]
            named_in = info.resolved_from.get(reading.holder)
            if named_in is not None:  # "he", "the minister": also cite the sentence that names the holder
                evidence.append(named_in)
            items.append(Item(reading, info, evidence, by_role=_unheard(info, reading)))
        previous, last_number = readings[-1].holder, info.number
    return items


def _directs(info: SentenceInfo, reading: Reading) -> bool:
    """Whether the reading's predicate directs someone to act, with a clause saying what ("urged X to ..."),
    or asks for a thing ("would seek compensation for ...")."""
    if info.doc is None:
        return False
    tok = info.doc[reading.token]
    links = ("ccomp", "xcomp", "dobj") if tok.lemma_.lower() in ASKING_FOR else ("ccomp", "xcomp")
    return tok.lemma_.lower() in DIRECTING and any(c.dep_ in links for c in tok.children)


def _unheard(info: SentenceInfo, reading: Reading) -> bool:
    """Whether the reading is a grievance of not being consulted ("said the union had not been consulted"): like a
    request, evidence of the stance its holder takes in the sentence or the one before, not one of its own."""
    return info.doc is not None and info.doc[reading.token].lemma_.lower() in CONSULTING


def _aside(info: SentenceInfo, reading: Reading) -> bool:
    """Whether the reading's predicate is a bare request for a thing ("called for talks", "pressed for a
    compromise") or a study of a ruling ("would study the judgment"): beside another stance of its
    holder in the sentence, more evidence of that one."""
    if info.doc is None:
        return False
    tok = info.doc[reading.token]
    if reading.position == "neutral" and tok.lemma_.lower() in STUDYING:
        return True
    bare = not any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)  # "would ask for a meeting" too
    return tok.lemma_.lower() in REQUESTS | QUESTIONING and bare and any(
        c.dep_ == "prep" and c.lower_ == "for" for c in tok.children)


def _spokesperson(analysis: Analysis, info: SentenceInfo, reading: Reading) -> bool:
    """Whether the reading's predicate, or the report it is part of, has for subject someone
    named by the body just before ("Its chief executive, X, said ... and accused ..."); not
    another organisation ("Its largest investor, X Partners, said it supported ..."), a party of its own."""
    if info.doc is None:
        return False
    holder = analysis.actors[reading.holder]
    organisation = holder.label == "ORG" or holder.institution
    return any(c.dep_ == "poss" and c.lower_ in BODY_POSSESSIVES
               and not (organisation and holder.name in "".join(t.text_with_ws for t in subj.subtree))
               for verb in [info.doc[reading.token], *info.doc[reading.token].ancestors]
               for subj in verb.children if subj.dep_ in ("nsubj", "nsubjpass") for c in subj.children)  # fmt: skip


def _told(items: list[Item], repeats: list[Item]) -> Callable[[Reading], bool]:
    """Whether a reading repeats an earlier item (same holder, position, target and topic),
    noting that item in `repeats`."""

    def key(r: Reading) -> tuple[object, ...]:
        return r.holder, r.position, r.target, folded(r.topic)

    def told(r: Reading) -> bool:
        item = next((i for i in items if key(i.reading) == key(r)), None)
        if item is not None and item not in repeats:
            repeats.append(item)
        return item is not None

    return told
