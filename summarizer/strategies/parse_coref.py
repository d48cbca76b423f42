"""Which actor a description, a short form or a seat of government stands for.

News names an actor once in full and then refers to it by a description ("Havenbond,
the union that ...", "the operator Carrow Buses" ... "the union", "the company"), by
a shorter form of its name ("Brandt" after "Brandt Logistics", "the Commission" after
"the European Commission") or, for a state, by its capital or its seat of government
("Moscow said", "the Kremlin denied"). This module follows those links: the descriptions
`parse_descriptions` collects from appositions, compound nouns and a name's own head noun
("Workers' Union"), the short forms of names, and `parse_places`, which maps a capital to
its country's ISO code. It names no entity of any article.
"""

from __future__ import annotations

import os
from typing import Any

from .parse_descriptions import (
    PLACE_NOUNS,
    Descriptions,
    apposed,
    bare,
    describe,
    ent_text,
    listed_titles,
    name_of,
    named_place,
)
from .parse_places import CAPITALS, capital_code, country_code
from .parse_types import Registry, fold, initials
from .words import word_tables

__all__ = ["BUSINESS_NOUNS", "GOVERNMENT_NOUNS", "SUBJECT_INSTITUTIONS", "Coreference", "Descriptions",
           "apposed", "bare", "coref_tables", "describe", "ent_text", "listed_titles", "name_of", "named_place",
           "short_form"]  # fmt: skip

BUSINESS_NOUNS, SUBJECT_INSTITUTIONS, GOVERNMENT_NOUNS, SUBNATIONAL = word_tables(
    "parse_coref", "BUSINESS_NOUNS SUBJECT_INSTITUTIONS GOVERNMENT_NOUNS SUBNATIONAL"
)


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
        if (full := self.described.acronyms.get(name)) is not None and full != name:
            return self.reg.lookup(full, "")  # (the name itself, read before its acronym)
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

    def _untagged(self, tok: Any, number: int) -> int | None:
        """An organisation a spokesperson speaks for, named by capitalised words the recogniser missed
        ("a spokesperson for Marinha Movel")."""
        if tok.pos_ != "PROPN" or tok.ent_type_ or not tok.text[:1].isupper() or tok.lower_ in self.roles:
            return None
        return self._by_name(name_of(tok), number)

    def _described_once(self, noun: str, head: Any) -> str | None:
        """The one organisation the article calls by this noun, when it says so ("the regulator, X", also
        with X untagged; not only "X Institute": "Norway's coastal institute" is not the "Tarn Institute"),
        unless both descriptions have modifiers and share none ("the federal agency" is not "Canada's
        national public health agency")."""
        said, organisations = self.described.said, self.described.organisations
        names = [n for n in self.described.by_noun.get(noun, []) if n in organisations or (noun, n) in said]
        if len(names) != 1 or (noun, names[0]) not in said:
            return None
        mine = {c.lower_ for c in head.children if c.dep_ in ("amod", "compound")}
        theirs = {w for p in self.described.phrases.get(names[0], []) if p.endswith(noun) for w in p.split()[:-1]}
        return None if mine and theirs and not mine & (theirs | set(fold(names[0]).split())) else names[0]

    def _named_later(self, phrase: str, number: int) -> int | None:
        """The one organisation the article names with exactly this description and its modifiers
        (a description first introduced with "a", named later: "Lobo Vivo, the conservation group")."""
        names = [n for n, said in self.described.phrases.items() if phrase.lower() in said and " " in phrase]
        return self._by_name(names[0], number) if len(names) == 1 else None

    def _described_before(self, noun: str) -> int | None:
        """The body last mentioned by a fuller description with this head noun: "the regulator" after
        "New Zealand's banking regulator" was found to be the Prudential Supervision Office."""
        for i in reversed(self.recent):
            found = self.reg.actors[i]
            if found.label in ("ORG", "INSTITUTION") and any(
                " " in m and m.split()[-1].lower() == noun and m != found.name for m in found.mentions
            ):
                return i
        return None

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
        if noun in BUSINESS_NOUNS and all(self.reg.lookup(n, "") not in self.recent for n in names) and any(
            a.label == "ORG" for a in self.reg.actors
        ):
            return None  # "the company" before "His company, Palmer Urban": one named so far (`_business`)
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
        """A nationality adjective names a country already known by a similar name ("Russian" ~ "Russia"):
        of several, the one not named by the adjective itself ("Ugandan eggs") and sharing the longest
        start with it ("Austrian": Austria, not Australia; "Slovak": Slovakia, not Slovenia)."""
        low = adjective.lower()
        stem = low[:4]
        found = [
            (actor.key != low, len(os.path.commonprefix([actor.key, low])), -i)
            for i, actor in enumerate(self.reg.actors)
            if (actor.label == "GPE" or country_code(actor.name, fuzzy=False)) and actor.key[:4] == stem
        ]  # (or "Chile" read as an organisation)
        return -max(found)[2] if found else None

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
            or c.dep_ == "amod" and c.lower_ in SUBNATIONAL  # "the regional government": not the state's
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
