"""Common nouns of people: whether "the workers", "the cabinet" or "the economists" name people, who may act,
and not a thing ("the river", "the reactor", "the order") whose name only ends like an agent noun's. One test for
the parse ("the association of boat owners, which ...": "which" stands for no people) and the follow-ups (what
people may do is a step, not a risk)."""

from __future__ import annotations

import re
from typing import Any

from .parse_actors import GROUP_NOUNS, ROLE_NOUNS, SERVED
from .words import word_tables

__all__ = ["person_noun"]

PEOPLE, BODIES, DOERS = word_tables("parse_people", "PEOPLE BODIES DOERS")

# A noun of someone by a trade or belief ("economist", "politician"), not "list" or "median".
_AGENT_NOUN = re.compile(r"[a-z]{4}(?:ist|ian)$")


def person_noun(noun: Any) -> bool:
    """A common noun of people: an office, a group, those served, people named by what they are
    (words.toml PEOPLE), a body of people ("the cabinet", "the jury": BODIES) or people named by what
    they do ("worker", "contractor": DOERS; "economist", "politician": by the ending)."""
    word = noun.lemma_.lower()
    return bool(word in ROLE_NOUNS | GROUP_NOUNS | SERVED | PEOPLE | BODIES | DOERS or _AGENT_NOUN.search(word)
                or noun.ent_type_ in ("PERSON", "NORP"))  # fmt: skip
