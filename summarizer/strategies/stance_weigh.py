"""A sentence's stance readings weighed together: a relative clause that only introduces the speaker ("Whitcombe,
who is seeking a third term, said ..."), a contention given as the reason for a stance its holder takes in the same
sentence, and one holder's support and objection set against each other by "but" (one mixed view).
"""

from __future__ import annotations

from typing import Any

from .lexicon import REPORTING
from .stance_context import Reading
from .stance_words import ARGUING, CONTRASTING

__all__ = ["described", "reason", "weighed"]


def described(doc: Any, reading: Reading) -> bool:
    """ "Whitcombe, who is seeking a third term, said ...": what a relative clause tells of the speaker
    introduces who speaks; it is not a position the sentence reports."""
    for anc in [doc[reading.token], *doc[reading.token].ancestors]:
        if anc.dep_ == "relcl":  # (about a person: "who"; "the union, which opposes the merger," holds a view)
            head = anc.head
            who = any(c.tag_ == "WP" for c in anc.children)
            return who and head.dep_ == "nsubj" and head.head.lemma_.lower() in REPORTING
    return False


def reason(doc: Any, reading: Reading, out: list[Reading]) -> bool:
    """ "has backed the extension, arguing that closing the plant would ...": a contention given as the
    reason for a stance its holder takes in the same sentence is that stance's, not one of its own; and
    what the contention's claim says ("arguing that a dark screen only helps its rivals") is the contention's."""
    tok = doc[reading.token]
    if tok.lemma_.lower() in ARGUING and tok.dep_ == "advcl" and tok.tag_ == "VBG":
        return any(r.holder == reading.holder and r.token == tok.head.i for r in out)
    return any(r.holder == reading.holder and doc[r.token].lemma_.lower() in ARGUING and r.token in
               [a.i for a in tok.ancestors] for r in out)  # fmt: skip


def weighed(doc: Any, out: list[Reading]) -> list[Reading]:
    """ "said it supported strong enforcement but warned that heavy fines ...", "said the design was sound but
    the timetable too slow": one holder's support and objection set against each other by "but" is one mixed
    view; not when the objection is to another party ("welcomed the ruling but criticised the government")."""
    for first in out:
        for second in out:
            backing, objection = (first, second) if first.position == "support" else (second, first)
            if (second.holder == first.holder and second.token > first.token and backing.position == "support"
                    and objection.position in ("oppose", "concern") and objection.target in (None, backing.target)
                    and any(t.dep_ == "cc" and t.lower_ in CONTRASTING for t in doc[first.token : second.token])):
                mixed = Reading(first.holder, "mixed", first.topic, first.target, first.token)
                return [mixed if r is first else r for r in out if r is not second]
    return out
