"""Whether a name stands for a person or a body, from the words English refers to it with.

The recogniser guesses a name's kind from its letters, and an unfamiliar company's name
("Nordcert", "Jambo Lotto") often reads as a person's, a person's ("Marta Belloch") as a
place's. The grammar around the name says which it is: a relative clause opened by "which"
("Jambo Lotto, which said ...") or a possessive "its" in the clause the name is the subject of
("Pampero Sport ended its contract", "X denied that its staff had ...") refers to a thing, never
a person, and so does a name that owns an office only a body has ("X's chairman"); "who", "his"
and "her" refer to a person. Only a pronoun whose chain of heads reaches the name's own clause
without passing another subject counts ("X said the firm lost its licence": "its" is the
firm's). Rules are over tags and dependency labels, and the closed classes in words.toml.
"""

from __future__ import annotations

from typing import Any

from .parse_actors import ROLE_NOUNS
from .parse_descriptions import Descriptions, ent_text, name_of
from .words import word_tables

__all__ = ["refer"]

THING_POSSESSIVES, PERSON_POSSESSIVES, BODY_OFFICES = word_tables(
    "parse_persons", "THING_POSSESSIVES PERSON_POSSESSIVES BODY_OFFICES"
)

# Relative pronouns by their tag: "which" (WDT) stands for a thing, "who" and "whom" (WP) for a person.
_THING_RELATIVE, _PERSON_RELATIVE = "WDT", "WP"


def _relative(root: Any) -> str | None:
    """The tag of the relative pronoun of a relative clause on the name ("X, which said"), or on a
    description set beside it ("said X, a charge nurse who has worked there ...")."""
    nouns = [root, *(c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN")]
    for clause in (c for n in nouns for c in n.children if c.dep_ == "relcl"):
        pronoun = next((c for c in clause.children if c.tag_ in (_THING_RELATIVE, _PERSON_RELATIVE)), None)
        if pronoun is not None:
            return str(pronoun.tag_)
    return None


def _reaches(tok: Any, verb: Any) -> bool:
    """Whether `tok`'s chain of heads reaches `verb` passing no clause with a subject of its own that
    the chain does not run through ("its" of "X said the firm lost its licence" stops at "lost"), and
    no object before `tok` that it may refer to instead ("X ordered the owner to remove its fuel")."""
    path = {tok.i}
    node = tok
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("dobj", "dative") and c.i not in path and c.i < tok.i for c in node.children
        ):
            return False
        if node.i == verb.i:
            return True
        if node.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") and c.i not in path
                                                for c in node.children):  # fmt: skip
            return False
        if node.dep_ in ("relcl", "advcl", "acl"):
            return False  # another clause's own words ("X, whose rival raised its offer")
        path.add(node.i)
    return False


def _possessives(root: Any) -> set[str]:
    """The possessive pronouns of the clause the name is the subject of that refer back to it."""
    # "Sarratea's sponsor, X, ended its contract" (not "Its chairwoman, X, said": "its" is whose office)
    subject = root.head if root.dep_ == "appos" else root
    if subject.dep_ not in ("nsubj", "nsubjpass") or subject is not root and subject.lemma_.lower() in ROLE_NOUNS:
        return set()
    verb, own = subject.head, {t.i for t in subject.subtree}  # (not "said X, its director": an apposition's)
    return {t.lower_ for t in verb.subtree if t.tag_ == "PRP$" and t.i > root.i and t.i not in own
            and _reaches(t, verb)}  # fmt: skip


def refer(docs: list[Any], into: Descriptions) -> None:
    """Collect over the article's sentences the names it refers to as things and as persons."""
    for doc in docs:
        # names the recogniser tagged, and proper nouns it missed that head a subject ("Olmeda said")
        named = [(ent_text(e), e.root) for e in doc.ents if e.label_ in ("PERSON", "ORG", "GPE")]
        named += [(name_of(t), t) for t in doc if t.pos_ == "PROPN" and t.dep_ in ("nsubj", "nsubjpass")
                  and not t.ent_type_]  # fmt: skip
        for name, root in named:
            relative = _relative(root)
            owned = _possessives(root)
            # "Tembo Gaming's chairman", "Thaba's chief executive": an office only a body has
            office = root.dep_ == "poss" and root.head.lemma_.lower() in BODY_OFFICES
            if relative == _THING_RELATIVE or owned & THING_POSSESSIVES or office:
                into.things.add(name)
            # ("the Moravian Democrats, who": a plural name is a body's whose members act)
            if relative == _PERSON_RELATIVE and root.tag_ == "NNP" or owned & PERSON_POSSESSIVES:
                into.persons.add(name)
