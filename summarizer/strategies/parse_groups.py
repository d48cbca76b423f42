"""Counted groups: "the two ministers", "both clubs", "the three governments" stand for the
actors named just before, as many as the number says, of the kind the noun names. Rules are
over the parse (a plural noun with a number or "both") and closed classes of English."""

from __future__ import annotations

from typing import Any

from .parse_places import country_code
from .parse_types import Found

__all__ = ["GROUP_TABLES", "counted_group"]

_STATE_NOUNS = frozenset("country nation state government".split())
_ANY_KIND = frozenset("side party".split())  # "both sides": people or institutions
_COUNTS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine".split())}
GROUP_TABLES: list[object] = [sorted(_STATE_NOUNS), sorted(_ANY_KIND), sorted(_COUNTS.items())]


def _fits(found: Found, noun: str, people: frozenset[str]) -> bool:
    if noun in people:
        return found.label in ("PERSON", "TITLE")
    if noun in _STATE_NOUNS:  # a state, also one the tagger misread as a person ("Togo")
        return found.label == "GPE" or bool(country_code(found.name, fuzzy=False))
    return noun in _ANY_KIND or found.label in ("ORG", "INSTITUTION", "GPE")


def counted_group(
    tok: Any, recent: list[int], actors: list[Found], nouns: frozenset[str], people: frozenset[str]
) -> list[int]:
    """The actors a counted plural noun phrase headed by `tok` stands for, else none.

    Args:
        tok: the head noun ("clubs").
        recent: actor indexes in order of latest mention.
        actors: the registry's actors.
        nouns: nouns of organisations, states and sides that can be counted.
        people: nouns of offices people hold ("ministers", "leaders").
    """
    noun = tok.lemma_.lower()
    if tok.tag_ not in ("NNS", "NNPS") or noun not in nouns | people:
        return []
    count = 2 if any(c.lower_ == "both" for c in tok.children) else 0
    for c in tok.children:
        if c.dep_ == "nummod" and c.i < tok.i:
            count = _COUNTS.get(c.lower_, int(c.text) if c.text.isdigit() else 0)
    if not 2 <= count <= 9:
        return []
    picked: list[int] = []
    for actor_i in reversed(recent):
        if _fits(actors[actor_i], noun, people):
            picked.append(actor_i)
        if len(picked) == count:
            break
    return sorted(picked) if len(picked) == count else []
