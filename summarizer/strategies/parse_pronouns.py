"""Pronouns, read as the actor the discourse continues with, for the guided strategy's parse.

"I" and "we" are the speaker; "it" the organisation or state whose report the clause is,
else the last sentence's subject; "he" and "she" the person named as the subject of the
clause this one hangs on, else the last person acting as a main subject; "they" only the
named subject of the report it hangs on ("Police said they would ..."), else nobody.
"""

from __future__ import annotations

from typing import Any

from .parse_titles import TitleReader
from .words import word_tables

__all__ = ["PronounReader"]

SPEAKER_PRONOUNS, PERSON_PRONOUNS, IMPERSONAL_VERBS = word_tables(
    "parse_pronouns", "SPEAKER_PRONOUNS PERSON_PRONOUNS IMPERSONAL_VERBS"
)


class PronounReader(TitleReader):
    """The discourse state pronouns continue (the base of `parse_actors.ActorReader`)."""

    def __init__(self) -> None:
        super().__init__()
        self.last_subject: int | None = None  # the person who last acted as a main subject
        self.last_thing: int | None = None  # the organisation or state that was the last sentence's subject
        self.its_object = False  # whether the last sentence's main verb acted on a thing of its subject's

    def remember_thing(self, thing: int | None, root: Any) -> None:
        """What a following "it" continues (`last_thing`), and whether the sentence's main verb acted on
        a thing the subject owns ("The trust submitted its budget"): then "It will be approved by the
        ministry" is that thing, not the trust."""
        self.last_thing = thing
        objects = [c for c in root.children if c.dep_ == "dobj"] if root is not None else []
        self.its_object = any(c.dep_ == "poss" and c.lower_ == "its" for o in objects for c in o.children)

    def _nps(self, tok: Any, number: int, source: int | None) -> list[int]:
        raise NotImplementedError  # a noun phrase and its conjuncts (parse_actors.ActorReader)

    def _pronoun(self, tok: Any, source: int | None, number: int = 0) -> int | None:
        low = tok.lower_
        if low in SPEAKER_PRONOUNS and tok.text != "US":
            return source
        if low == "it" and tok.dep_ in ("nsubj", "nsubjpass"):
            # "The United States told Russia that it was prepared to ...": the organisation or
            # state whose report or decision the clause is.
            verb = tok.head
            while verb.dep_ in ("ccomp", "xcomp", "conj", "advcl") and verb.head.i != verb.i:
                verb = verb.head
                subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
                if subject is not None:
                    actor = self._np(subject, number)
                    if actor is not None and self.reg.actors[actor].label in ("ORG", "GPE", "INSTITUTION"):
                        return actor
                    return None
            # "... submitted its budget. It will be approved by the ministry": a step ahead, by another, on
            # that thing (but "... lost its licence. It was bought by Siemens": the company)
            by = tok.dep_ == "nsubjpass" and any(c.dep_ == "agent" for c in tok.head.children)
            if by and self.its_object and any(c.tag_ == "MD" for c in tok.head.children):
                return None
            if tok.head.lemma_.lower() not in IMPERSONAL_VERBS:  # not "it is clear that ..."
                return self.last_thing  # "Aerlift said ... It has until June 18": the last sentence's subject
        if low in PERSON_PRONOUNS:
            verb = tok.head
            subject = tok.dep_ in ("nsubj", "nsubjpass")
            while subject and verb.dep_ in ("ccomp", "conj", "advcl") and verb.head.i != verb.i:
                # "Lo said she would ...", "Vrana resigned, and he founded ...": the person named as the
                # subject of the clause this one hangs on
                verb = verb.head
                named = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
                actor = self._np(named, number) if named is not None else None
                if actor is not None and self.reg.actors[actor].label in ("PERSON", "TITLE"):
                    return actor
            if tok.dep_ in ("nsubj", "nsubjpass") and self.last_subject is not None:
                return self.last_subject  # a subject pronoun continues the last sentence's subject
            for actor_i in reversed(self.recent):
                if self.reg.actors[actor_i].label in ("PERSON", "TITLE"):
                    return actor_i
        return None

    def _they(self, tok: Any, number: int) -> list[int]:
        """ "They": the named subject of the report the clause hangs on ("Harris and Tedros said they
        hoped ...", "Police said they would ..."); else nobody: which group is not said."""
        verb = tok.head
        while verb.dep_ in ("ccomp", "conj", "advcl", "xcomp") and verb.head.i != verb.i:
            verb = verb.head
            named = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
            if named is not None:
                found = self._nps(named, number, None)
                person = len(found) == 1 and self.reg.actors[found[0]].label in ("PERSON", "TITLE")
                return [] if person else found
        return []
