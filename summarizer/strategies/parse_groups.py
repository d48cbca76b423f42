"""Noun phrases and clause shapes whose form says which actors they are. Counted groups: "the two ministers",
"both clubs", "the three governments" stand for the actors named just before, as many as the
number says, of the kind the noun names. Titled names: "Mayor Ana Ruiz" is a person with a
title. Rules are over the parse and closed classes of English."""

from __future__ import annotations

from typing import Any

from .parse_places import country_code
from .parse_types import Found
from .words import word_tables

__all__ = [
    "BOUND_PRONOUNS", "GROUP_TABLES", "bound_object", "called_name", "counted_group", "deadline",
    "described_group", "past_clause", "split_title", "subject_before",
]  # fmt: skip

_STATE_NOUNS, _ANY_KIND, BOUND_PRONOUNS = word_tables("parse_groups", "_STATE_NOUNS _ANY_KIND BOUND_PRONOUNS")
_COUNTS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine".split())}
GROUP_TABLES: list[object] = [sorted(_COUNTS.items())]  # words.toml has the word tables


def _fits(found: Found, noun: str, people: frozenset[str], fresh: bool) -> bool:
    if noun in people:
        return found.label in ("PERSON", "TITLE")
    if noun in _STATE_NOUNS:  # a state, also one the tagger misread as a person ("Togo")
        return found.label == "GPE" or bool(country_code(found.name, fuzzy=False))
    # "the two companies": organisations (or a name misread as a place that is no country), named
    # just before: an organisation the tagger missed here must not make the group reach back to older ones
    misread = found.label == "GPE" and not country_code(found.name, fuzzy=False)
    return noun in _ANY_KIND or (found.label in ("ORG", "INSTITUTION") or misread) and fresh


def counted_group(
    tok: Any, recent: list[int], fresh: set[int], actors: list[Found], nouns: frozenset[str], people: frozenset[str],
    together: list[list[int]] | None = None,
) -> list[int]:
    """The actors a counted plural noun phrase headed by `tok` stands for, else none.

    Args:
        tok: the head noun ("clubs").
        recent: actor indexes in order of latest mention.
        fresh: actors named in this or the last sentence.
        actors: the registry's actors.
        nouns: nouns of organisations, states and sides that can be counted.
        people: nouns of offices people hold ("ministers", "leaders").
        together: actors named together, in order: "the three countries" are the last three
            named in one breath ("the US, Britain and Norway"), before the last three named.
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
    for named in reversed(together or []):
        if len(named) == count and all(_fits(actors[i], noun, people, True) for i in named):
            return sorted(named)
    picked: list[int] = []
    for actor_i in reversed(recent):
        if _fits(actors[actor_i], noun, people, actor_i in fresh):
            picked.append(actor_i)
        if len(picked) == count:
            break
    return sorted(picked) if len(picked) == count else []


def described_group(noun: Any) -> str:
    """A group no name stands for, as the subject of a clause: described by the places its members come
    from ("ferry operators from Poland and Sweden", "teachers' groups from several countries") or by the
    kinds of people in it ("firefighters, soldiers and volunteers"); else ""."""
    if noun.tag_ != "NNS" or noun.pos_ != "NOUN" or not noun.dep_.startswith("nsubj"):
        return ""
    start = noun.left_edge.i + (noun.left_edge.dep_ == "det")
    kinds = [noun, *noun.conjuncts]
    if len(kinds) > 1 and all(t.tag_ == "NNS" and t.pos_ == "NOUN" for t in kinds):
        return str(noun.doc[start : max(t.i for t in kinds) + 1].text)
    origin = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "from" and c.i > noun.i), None)
    if origin is None:
        return ""
    places = [t for c in origin.children if c.dep_ == "pobj" for t in (c, *c.conjuncts)]
    if not places or any(t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "NORP", "LOC") for t in places):
        return ""  # ("observers from the Civic Network": its people, who speak for it)
    return str(noun.doc[start : origin.right_edge.i + 1].text)


def called_name(head: Any) -> Any | None:
    """The proper name a noun is given by a participle: "a group calling itself X", "a firm
    called X", "an alliance known as X"."""
    for acl in (c for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in ("call", "name", "know")):
        for c in acl.children:
            if c.dep_ in ("oprd", "dobj", "attr", "xcomp") and c.pos_ == "PROPN":
                return c
            if c.dep_ == "prep" and c.lower_ == "as":
                return next((o for o in c.children if o.dep_ == "pobj" and o.pos_ == "PROPN"), None)
    return None


def past_clause(appos: Any) -> bool:
    """Whether an apposition comes after a clause on its head, so it names that clause's object
    and not the head: "The order, signed by the secretary, Ines Marchal," names the secretary."""
    head = appos.head
    return any(c.dep_ in ("acl", "relcl") and head.i < c.i < appos.i for c in head.children)


def split_title(name: str, roles: frozenset[str]) -> tuple[str, str] | None:
    """ "Health Minister Ana Ruiz" -> ("Health Minister", "Ana Ruiz"): the capitalised words up to
    the last role noun are a title, the proper name after it the person's; None if no such split."""
    words = name.split()
    last = max((k for k, w in enumerate(words) if w.lower() in roles), default=-1)
    rest = words[last + 1 :]
    if last < 0 or not rest or not all(w[:1].isupper() and w.replace("-", "").isalpha() for w in rest):
        return None
    return " ".join(words[: last + 1]), " ".join(rest)


# Clause shapes that say who acts: an apposed speaker, the one an order binds, time left to act.
def subject_before(verb: Any) -> list[Any]:
    """"..., the country's civil protection agency said.": the parser hung the speaker on the
    name before it (an apposition) and left the verb without a subject; that noun phrase."""
    if any(c.dep_.startswith("nsubj") for c in verb.children) or verb.i == 0:
        return []
    head = verb.doc[verb.i - 1]
    while head.head.i != head.i and head.head.i < verb.i and head.dep_ in ("compound", "amod", "poss", "nmod"):
        head = head.head
    opens = head.left_edge.i
    if head.dep_ == "appos" and head.pos_ in ("NOUN", "PROPN") and opens > 0 and verb.doc[opens - 1].text == ",":
        return [head]
    return []


def bound_object(verb: Any) -> Any:
    """The object an obligation or request binds ("ordered X to pay", "told X to publish"):
    the direct object of a verb that also takes a "to" infinitive."""
    if not any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in verb.children):
        return None
    # (Not "her"/"him": a person's pronoun is resolved without gender yet, and the wrong person would act.)
    return next((c for c in verb.children if c.dep_ == "dobj" and (c.pos_ in ("PROPN", "NOUN")
                                                                   or c.lower_ in BOUND_PRONOUNS)), None)  # fmt: skip


def deadline(verb: Any) -> bool:
    """"It has until June 18 to ...", "it has 30 days to ...": a time left to act."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "aux")]  # "has" misread as the aux of "to pay"
    return any(
        h.lemma_.lower() == "have"
        and any((c.dep_ == "prep" and c.lower_ == "until") or (c.dep_ == "dobj" and c.ent_type_ in ("DATE", "TIME"))
                for c in h.children)
        for h in heads
    )  # fmt: skip
