"""Common nouns of people: whether "the workers", "the cabinet" or "the economists" name people, who may act,
and not a thing ("the river", "the reactor", "the order") whose name only ends like an agent noun's. One test for
the parse ("the association of boat owners, which ...": "which" stands for no people) and the follow-ups (what
people may do is a step, not a risk)."""

from __future__ import annotations

import re
from typing import Any

from .parse_actors import GROUP_NOUNS, ROLE_NOUNS, SERVED
from .words import word_tables

__all__ = ["antecedent", "person_noun"]

PEOPLE, BODIES, DOERS = word_tables("parse_people", "PEOPLE BODIES DOERS")

# A noun of someone by a trade or belief ("economist", "politician"), not "list" or "median".
_AGENT_NOUN = re.compile(r"[a-z]{4}(?:ist|ian)$")


def person_noun(noun: Any, by_ending: bool = False) -> bool:
    """A common noun of people: an office, a group, those served, people named by what they are
    (words.toml PEOPLE), a body of people ("the cabinet", "the jury": BODIES) or people named by what
    they do ("worker", "contractor": DOERS; "economist", "politician": by the ending).

    Args:
        by_ending: also any common noun that ends like an agent noun ("racers", "bakers", "editors"), for a
            reading where a thing so named ("tractors", "reactors") does no harm.
    """
    word = noun.lemma_.lower()
    if by_ending and noun.pos_ == "NOUN" and word.endswith(("er", "or", "ist")):
        return True
    return bool(word in ROLE_NOUNS | GROUP_NOUNS | SERVED | PEOPLE | BODIES | DOERS or _AGENT_NOUN.search(word)
                or noun.ent_type_ in ("PERSON", "NORP"))  # fmt: skip


def antecedent(relative: Any, verb: Any) -> Any:
    """The noun a relative clause's pronoun stands for: the noun the clause hangs on, or the name that
    noun describes ("Caremark, the union that represents ..."). "Which" stands for no people, so after
    people named by an "of" phrase it is the noun before it: "the association of boat owners, which has
    14,000 members" (people also by the ending, "racers", "bakers": a thing so named, "the price of
    tractors, which rose", is no actor either way). Not after bodies, for which "which" is the relative:
    "the head of two energy companies, which have sued ...", "the owner of three banks, which ...", unless
    the verb agrees with the singular noun before "of" only ("the federation of militias, which represents"),
    and never when it agrees only with the plural ("the chief executive of two carmakers, which have recalled")."""
    noun = verb.head.head if verb.head.dep_ == "appos" else verb.head
    tags = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    singular, plural = "VBZ" in tags, "VBP" in tags  # (a plural verb agrees only with the plural noun)
    people = person_noun(noun, by_ending=True) and not plural and (
        singular or noun.lemma_.lower() not in GROUP_NOUNS | BODIES)  # fmt: skip
    if relative.lower_ == "which" and noun.tag_ == "NNS" and people and (
            noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN"):  # fmt: skip
        return noun.head.head
    return noun
