"""Which actor a description, a short form or a seat of government stands for.

News names an actor once in full and then refers to it by a description ("Havenbond,
the union that ...", "the operator Carrow Buses" ... "the union", "the company"), by
a shorter form of its name ("Brandt" after "Brandt Logistics", "the Commission" after
"the European Commission") or, for a state, by its capital or its seat of government
("Moscow said", "the Kremlin denied"). This module reads those links from the parse:
appositions and compound nouns beside a proper name give its descriptions, a name's
own head noun ("Workers' Union") gives one too, and `parse_places` maps a capital to
its country's ISO code. It names no entity of any article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .parse_groups import past_clause
from .parse_places import CAPITALS, capital_code, country_code
from .parse_types import Registry, fold, initials
from .words import word_tables

__all__ = ["BUSINESS_NOUNS", "GOVERNMENT_NOUNS", "SUBJECT_INSTITUTIONS", "Coreference", "Descriptions",
           "apposed", "bare", "coref_tables", "describe", "ent_text", "listed_titles", "name_of", "named_place",
           "short_form"]  # fmt: skip

(
    BUSINESS_NOUNS, SUBJECT_INSTITUTIONS, GOVERNMENT_NOUNS, PLACE_NOUNS,
) = word_tables(
    "parse_coref",
    "BUSINESS_NOUNS SUBJECT_INSTITUTIONS GOVERNMENT_NOUNS PLACE_NOUNS"
)  # fmt: skip


def coref_tables() -> list[object]:
    """The capitals above, for the guided strategy's rules fingerprint (words.toml has the nouns)."""
    return [sorted(CAPITALS.items())]


def short_form(short: list[str], full: list[str], generic: frozenset[str]) -> bool:
    """Whether folded name words `short` are a shorter form of `full`: its leading words
    ("brandt" / "brandt logistics") unless what is left names an institution of a place
    ("westmark" / "westmark city council"), or its trailing words ("commission")."""
    n = len(short)
    if not short or n >= len(full):
        return False
    if full[-n:] == short:
        return True
    return full[:n] == short and not any(w in generic or w == "city" for w in full[n:])


@dataclass
class Descriptions:
    """What the article calls each proper name: description lemma -> names, in order of appearance."""

    by_noun: dict[str, list[str]] = field(default_factory=dict)
    organisations: list[str] = field(default_factory=list)  # names the tagger reads as organisations
    plural_names: list[str] = field(default_factory=list)  # of those, names it read as persons ("X Roasters")
    said: set[tuple[str, str]] = field(default_factory=set)  # (noun, name) the text puts side by side, not a head

    def organisation(self, name: str, nouns: frozenset[str] | None = None) -> bool:
        """Whether the article describes `name` by a noun that is no kind of place ("the trader X"),
        or by one of `nouns` when given ("the ferry operator X" as an institution, not "the coach X")."""
        return any(
            name in names
            for noun, names in self.by_noun.items()
            if (noun in nouns if nouns is not None else noun not in PLACE_NOUNS)
        )

    def add(self, noun: str, name: str, said: bool = True) -> None:
        if said:
            self.said.add((noun, name))
        names = self.by_noun.setdefault(noun, [])
        if name not in names:
            names.append(name)


def name_of(tok: Any) -> str:
    """The proper name headed by `tok`: the token with its proper-noun compounds."""
    parts = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    start = min([tok.i, *(t.i for c in parts for t in c.subtree)])
    return str(tok.doc[start : tok.i + 1].text)


def describe(docs: list[Any], into: Descriptions, generic: frozenset[str]) -> None:
    """Collect the descriptions of proper names over the article's parsed sentences:
    "Havenbond, the union", "the operator Carrow Buses", "Transport Workers' Union"."""
    nouns = {t.lower_ for doc in docs for t in doc if t.pos_ == "NOUN" and t.text.islower()}
    for doc in docs:
        for tok in doc:
            misread = tok.pos_ == "NOUN" and tok.text[:1].isupper() and tok.i > 0  # "operator Baltrans" a plural noun
            if tok.pos_ != "PROPN" and not misread or tok.dep_ == "compound":
                continue
            name = name_of(tok)
            for child in tok.children:
                # "Havenbond, the union that ...", "Ondara, a Franco-Belgian company"
                if child.dep_ == "appos" and child.pos_ == "NOUN" and child.tag_ == "NN":
                    into.add(child.lemma_.lower(), name)
                # "the consumer association Verbraucherschutz Nord", "the company Arclight Launch"
                if child.dep_ == "compound" and child.pos_ == "NOUN" and child.tag_ == "NN":
                    into.add(child.lemma_.lower(), name)
            # "the operator Carrow Buses": the name apposed to a description
            if tok.dep_ == "appos" and tok.head.pos_ == "NOUN" and tok.head.tag_ == "NN" and not past_clause(tok):
                into.add(tok.head.lemma_.lower(), name)
            elif tok.dep_ == "appos" and (before := _before_comma(tok)) is not None and before.head.head == tok.head:
                into.add(before.lemma_.lower(), name)  # "Inspectors from the regulator, the X," hung on "Inspectors"
        for ent in doc.ents:
            # "Brenntal Roasters ... the roaster": a name read as a person's whose plural head the
            # article uses as a common noun is a business (not "Judge Pieter Aalders": no "aalder").
            plural = ent.label_ == "PERSON" and ent.root.tag_ == "NNPS" and ent.root.lower_[:-1] in nouns
            if plural:
                into.plural_names.append(ent_text(ent))
            if (ent.label_ == "ORG" or plural) and any(t.pos_ == "PROPN" for t in ent) and not named_place(ent.root):
                text = re.sub(r"^(?:the)\s+", "", ent.text, flags=re.I)
                text = re.sub(r"['\u2019]s?$", "", text)
                if text not in into.organisations:
                    into.organisations.append(text)
                head = ent.root
                if len(text.split()) > 1 and head.text[:1].isupper() and head.i > ent.start:
                    # "Transport Workers' Union": a union; "the Halden Gallery ... the gallery";
                    # "Kestrel Roasters ... the roaster" (a plural head names one of them).
                    into.add(head.lower_, text, said=False)
                    if head.tag_ == "NNPS" or head.lower_.endswith("s") and not head.lower_.endswith("ss"):
                        into.add(head.lower_[:-1], text, said=False)


def _before_comma(tok: Any) -> Any:
    """The singular common noun right before the comma that opens the phrase `tok` heads, if any."""
    start = tok.left_edge.i
    noun = tok.doc[start - 2] if start > 1 and tok.doc[start - 1].text == "," else None
    return noun if noun is not None and noun.pos_ == "NOUN" and noun.tag_ == "NN" else None


def named_place(tok: Any) -> bool:
    """The name in "the town of Ridley Falls", "the province of X": a place, whatever the tagger says."""
    return bool(tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in PLACE_NOUNS)


def apposed(head: Any) -> list[Any]:
    """Names apposed to a role noun, or to the end of its "of" phrase ("the mayor of X, Y,")."""
    listed = listed_titles(head)
    out = [c for c in head.children if c.dep_ == "appos" and c not in listed]
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                out += [c for c in obj.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
    return out


def listed_titles(head: Any) -> list[Any]:
    """Titles of other owners the parser hung on a title as appositions: the next items of a
    list ("NATO's secretary general, the EU's foreign policy chief and ..."), not its holder."""
    if not any(c.dep_ == "poss" for c in head.children):
        return []
    return [c for c in head.children if c.dep_ == "appos" and any(g.dep_ == "poss" for g in c.children)]


def bare(head: Any) -> bool:
    """A definite description with nothing but its article: "the union", "the company"."""
    return all(c.dep_ in ("det", "case", "punct", "relcl", "acl", "prep", "appos") for c in head.children) and any(
        c.dep_ == "det" and c.lower_ == "the" for c in head.children
    )


def ent_text(span: Any) -> str:
    """An entity as a name: no leading article, no possessive ending, no unclosed bracket."""
    tokens = [t for t in span if not (t.i == span.start and t.lower_ in ("the", "a", "an"))]
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].pos_ == "ADP"):  # "Kenji Morita of" as tagged
        tokens = tokens[:-1]
    if not tokens:
        return ""
    doc = span.doc
    text = doc[tokens[0].i : tokens[-1].i + 1].text
    text = re.sub(r"\s*\([^)]*$", "", text)  # "Office of Foreign Assets Control (OFAC" as tagged
    return re.sub(r"['\u2019]s?$", "", text)


class Coreference:
    """The registry of an article's actors, and the links above from a form the text uses
    to the actor it stands for (the base of `parse_actors.ActorReader`)."""

    generic: frozenset[str] = frozenset()  # nouns that name an institution by what it is
    roles: frozenset[str] = frozenset()  # nouns that name an office a person holds

    def __init__(self) -> None:
        self.reg = Registry()
        self.recent: list[int] = []  # actors in order of latest mention
        self.last_named: dict[int, int] = {}  # actor -> last sentence that names it (not by pronoun)
        self.described = Descriptions()  # filled from the whole article before the first sentence

    def _np(self, tok: Any, number: int, source: int | None = None) -> int | None:
        raise NotImplementedError  # the noun phrase reader (parse_actors.ActorReader)

    def _anchor(self, head: Any, number: int) -> int | None:
        raise NotImplementedError  # the country or organisation of a role noun (parse_actors.ActorReader)

    def _entity_actor(self, ent: Any, number: int) -> int | None:
        raise NotImplementedError  # the actor of a named entity (parse_actors.ActorReader)

    def _state_of(self, name: str, label: str) -> int | None:
        """A capital or seat of government stands for its state ("Moscow said" is Russia),
        and a state named after its capital takes over the capital's actor."""
        capital = capital_code(name)
        code = capital or (country_code(name) if label == "GPE" else None)
        if code is None:
            return None
        for i, actor in enumerate(self.reg.actors):
            if actor.label != "GPE" or code not in {country_code(m) or capital_code(m) for m in actor.mentions}:
                continue
            if not capital and capital_code(actor.name):
                self.reg.promote(i, name, fold(name))  # "Moscow" ... "Russia": the state's own name
            return i
        return None

    def _shorter(self, name: str, label: str) -> int | None:
        """A shorter or fuller form of a known name: "Brandt" after "Brandt Logistics", "the
        Commission" after "the European Commission", "De Wit" after "Sanne de Wit"."""
        words = fold(name).split()
        if country_code(name) or capital_code(name):
            return None  # "Mexico" is not short for "Mexico City"
        for i in reversed(range(len(self.reg.actors))):
            actor = self.reg.actors[i]
            their = actor.key.split()
            if actor.label == "TITLE":
                continue  # an office is found by its title and owner (`parse_actors._role`), not by a word of it
            if actor.label == "PERSON" or label == "PERSON":
                if (
                    actor.label == label
                    and len(words) > 1
                    and their[-len(words) :] == words
                    and len(their) > len(words)
                ):
                    return i  # a surname of several words
                continue
            if actor.label == "GPE" and label == "GPE" or country_code(actor.name) or capital_code(actor.name):
                continue
            if their[-len(words) :] == words and "of" in their[-len(words) - 2 : -len(words)]:
                continue  # "the University of X" owns "the council of the University of X": another actor
            if short_form(words, their, self.generic):
                return i
            extra = name.split()[len(their) :] if fold(name).startswith(actor.key) else []
            if short_form(their, words, self.generic) and actor.label != "INSTITUTION":
                if not all(w[:1].isupper() for w in extra):
                    return i  # "fined Voltara 2 million euros" tagged as one name: still Voltara
                self.reg.promote(i, name, fold(name))  # "Carrow" ... "Carrow Buses"
                actor.label = label if label in ("ORG", "GPE") else actor.label
                return i
        return None

    def _mention(self, actor: int, form: str) -> int:
        """Record a form the text uses for `actor` ("union" for the union it resolved to)."""
        mentions = self.reg.actors[actor].mentions
        if form not in mentions and form.lower() not in (m.lower() for m in mentions):
            mentions.append(form)
        return actor

    def _by_name(self, name: str, number: int, label: str = "ORG") -> int:
        """The actor of a name the article gives (registered now if named only later)."""
        known = self.reg.lookup(name, label)
        if known is None:
            known = self._state_of(name, label) if label != "PERSON" else None
        if known is None:
            known = self._shorter(name, label)
        if known is not None:
            return self._mention(known, name)
        return self.reg.add(name, "GPE" if capital_code(name) else label, number)

    def _described(self, noun: str, number: int, organisations_only: bool = False) -> int | None:
        """The named actor the article describes with `noun`: the last one mentioned, else the first named."""
        names = self.described.by_noun.get(noun, [])
        if organisations_only:
            names = [
                n
                for n in names
                if n in self.described.organisations
                or any(self.reg.actors[i].label == "ORG" for i in [self.reg.lookup(n, "")] if i is not None)
            ]
        if not names:
            return None
        ids = [self._by_name(n, number) for n in names]
        chosen = next((i for i in reversed(self.recent) if i in ids), ids[0])
        found = self.reg.actors[chosen]
        if found.label == "PERSON" and noun in self.generic:
            found.label = "ORG"  # "the consumer association Verbraucherschutz Nord" is no person
        return chosen

    def _described_as_other(self, name: str) -> bool:
        """Whether the article describes `name` as an institution of another kind ("the union")."""
        return any(
            name in names
            for noun, names in self.described.by_noun.items()
            if noun in self.generic and noun not in BUSINESS_NOUNS
        )

    def _business(self, head: Any, number: int) -> int | None:
        """ "The company": the one business named so far, or of several the one named last (in
        this sentence, or alone in the last sentence naming any); before any is named, the
        article's only one. Else nobody: which one is not said."""

        # also a name read as a person's that the article calls an institution, once it acted ("the ferry operator X")
        called = {a.name: i for i, a in enumerate(self.reg.actors) if a.label == "PERSON" and a.institution and a.acts}

        def fits(names: list[str]) -> set[int | None]:
            return {
                self.reg.lookup(n, "ORG") if n not in called else called[n]
                for n in names
                if n[:1].isupper()  # a name, not "the coast guard" the tagger calls an organisation
                and not any(w in self.generic or w in PLACE_NOUNS for w in fold(n).split())  # no "First Nation"
                and not self._described_as_other(n)
                and not any(o != n and initials(o) == n.replace(".", "") for o in names)  # an acronym
            }

        form = head.text
        orgs = [a.name for a in self.reg.actors if a.label == "ORG"]
        known = {i for i in fits(orgs + list(called)) if i is not None}
        if len(known) > 1:
            # Named earlier in this sentence (also as a possessor the tagger missed: "Hanseo's officer said the
            # company ..."), but not the clause's own subject: "X criticised the company" is not X.
            doc = head.doc
            names = [(t.i + 1, name_of(t)) for t in doc[: head.i] if t.pos_ == "PROPN" and t.dep_ != "compound"]
            here = sorted([(e.end, e.text) for e in doc.ents if e.end <= head.i] + names)
            subject = next((c for c in head.head.children if c.dep_ == "nsubj"), None) if head.dep_ == "dobj" else None
            itself = self._named(name_of(subject)) if subject is not None and subject.pos_ == "PROPN" else None
            near = [i for i in (self._named(t) for _, t in reversed(here)) if i in known and i != itself]
            if not near:  # the one named last, unless two were named in that same sentence
                last = max(self.last_named.get(i, -1) for i in known)
                near = [i for i in known if self.last_named.get(i, -1) == last]
                near = near if len(near) == 1 else []
            return self._mention(near[0], form) if near else None
        if known:
            return self._mention(known.pop(), form)
        later = [n for n in self.described.organisations if fits([n])]  # (an unregistered one fits as {None})
        if len(later) != 1:
            return None  # several named later, or none: which is not said
        return self._mention(self._by_name(later[0], number), form)

    def _named(self, name: str) -> int | None:
        """The organisation `name` or a shorter form of it stands for, if known (registers nothing)."""
        known = self.reg.lookup(name, "ORG")
        return known if known is not None else self._shorter(name, "ORG")

    def _norp(self, adjective: str) -> int | None:
        """A nationality adjective names a country already known by a similar name ("Russian" ~ "Russia")."""
        stem = adjective.lower()[:4]
        for i, actor in enumerate(self.reg.actors):
            if actor.label == "GPE" and actor.key[:4] == stem:
                return i
        return None

    def _government(self, head: Any, number: int) -> int | None:
        """ "The Iranian government", "Iran's government": the state; "the government", "the new
        administration", "the Biden administration": the one state the article has named so far."""
        for child in head.children:
            owner = None
            if child.dep_ == "amod" and child.ent_type_ == "NORP":
                owner = self._norp(child.text)
            elif child.dep_ in ("poss", "compound") and child.ent_type_ == "GPE":
                owner = self._np(child, number)
            elif child.dep_ == "prep" and child.lower_ == "of":
                owner = next((self._np(o, number) for o in child.children if o.dep_ == "pobj" and o.ent_type_), None)
            if owner is not None and self.reg.actors[owner].label == "GPE":
                return owner
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) or any(
            c.dep_ in ("poss", "prep", "nmod")
            or (c.dep_ == "compound" and c.ent_type_ != "PERSON")
            or c.ent_type_ in ("NORP", "GPE")  # a state not (yet) among the actors: not the one that is
            for c in head.children
        ):
            return None
        states = [
            i
            for i, a in enumerate(self.reg.actors)
            if a.label == "GPE" and (country_code(a.name) or capital_code(a.name))
        ]
        return states[0] if len(states) == 1 else None

    def _people(self, tok: Any, number: int) -> int | None:
        """A people named by its nationality: "Palestinians", "the Sudanese people" (a group),
        "Ukrainians" beside a named Ukraine (that state)."""
        if tok.tag_ not in ("NNS", "NNPS") and tok.lower_ != "people" or tok.lemma_.lower() in self.roles:
            return None
        if tok.text[:1].isupper() and self.described.organisation(tok.text):
            return self._by_name(tok.text, number)  # "the ferry operator Baltrans": a name, not a people
        alone = tok.i + 1 == len(tok.doc) or tok.nbor().ent_iob_ != "I"
        if tok.ent_type_ == "NORP" and tok.ent_iob_ == "B" and alone:
            state = self._norp(tok.text)
            text = tok.text
        else:
            nationality = next((c for c in tok.children if c.dep_ == "amod" and c.ent_type_ == "NORP"), None)
            if nationality is None or tok.lower_ != "people":
                return None  # "Haitian efforts", "European rules": things, not a people
            state, text = None, tok.doc[nationality.i : tok.i + 1].text
        if state is not None:
            return self._mention(state, text)
        return self.reg.by_key.get(fold(text)) or self.reg.add(text, "GROUP", number)
