"""Finding actors in a sentence's noun phrases, for the guided strategy's parse.

A noun phrase stands for an actor when it is a named person, organisation or country
(not a place something happens in, a destination, or part of a compound), an office
named by its title ("the Secretary of State", "his Russian counterpart"), an institution
named by a common noun ("the civil protection agency", `parse_institutions`), a pronoun that continues the
discourse, or a group ("the two ministers"). Rules are over parse labels plus the
closed classes of English below; none names an entity.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .parse_coref import SUBJECT_INSTITUTIONS
from .parse_descriptions import apposed, bare, compound_name, dateline, ent_text, listed_titles, name_of, named_place
from .parse_groups import counted_group, past_clause
from .parse_institutions import INSTITUTIONS, InstitutionReader
from .parse_pipeline import HANDLE
from .parse_places import capital_code, country_code
from .parse_titles import strip_det
from .parse_types import Found, compound_part, fold, is_name
from .words import word_tables

__all__ = ["GROUP_NOUNS", "INSTITUTIONS", "LOCATIVE", "MOVEMENT", "ROLE_NOUNS", "SPEAKER_NOUNS", "ActorReader",
           "is_name"]  # fmt: skip

(LOCATIVE, ROLE_NOUNS, GROUP_NOUNS, SPEAKER_NOUNS, MOVEMENT, SERVED, TRADE_NOUNS, TITLE_RANKS, QUALIFIERS,
 OFFICE_QUALIFIERS, UNQUALIFYING, QUALIFIER_TAGS, OCCASIONS, TOPIC_NOUNS, MEDIA_AND_CHAMBERS, PLACE_ENTS,
 RECOURSE) = word_tables(
    "parse_actors", "LOCATIVE ROLE_NOUNS GROUP_NOUNS SPEAKER_NOUNS MOVEMENT SERVED TRADE_NOUNS TITLE_RANKS QUALIFIERS "
    "OFFICE_QUALIFIERS UNQUALIFYING QUALIFIER_TAGS OCCASIONS TOPIC_NOUNS MEDIA_AND_CHAMBERS PLACE_ENTS RECOURSE"
)


class ActorReader(InstitutionReader):
    """The actors of an article's sentences, read in order (the base of `parse._Reader`)."""

    generic = INSTITUTIONS
    roles = ROLE_NOUNS

    def __init__(self, nlp: Any) -> None:
        super().__init__()
        self.nlp = nlp
        self.last_agents: list[int] = []
        self.last_bound: int | None = None  # the organisation the last sentence ordered or asked to act
        self.together: list[list[int]] = []  # actors named together ("the US, Britain and Norway")
        self.which: dict[int, str] = {}  # an actor's phrase that says which one ("committee on finance")

    def _entity_actor(self, ent: Any, number: int) -> int | None:
        label = ent.label_
        text = ent_text(ent)
        if not text or not is_name(ent) or text.startswith("@"):
            return None
        if label == "PERSON" and all(t.lemma_.lower() in ROLE_NOUNS for t in ent if t.is_alpha):
            return None  # a title read as a name ("State Councilor and Foreign Minister X"): names nobody
        if self.described.work(text, ent) and not self.reg.lookup(text, label):
            return None  # "the studio's flagship game, Ashen Crown", "the next Ashen Tide game": a title
        if dateline(ent):
            return None  # "KALDVIK, Norway, March 9 (Nordwire) -": the wire's dateline, a place
        if label == "PERSON" and self.described.place(text) and not self._person(text):
            return None  # "Hoogveld" read as a person's name, with "the conditions at Hoogveld": a place
        if label == "PERSON" and len(ent) == 1 and ent.root.dep_ == "compound" and ent.root.head.tag_ == "NN":
            return None  # "the Launceston company", "Hoogveld prison": one name modifying a noun is no person
        root = ent.root
        if label in ("GPE", "ORG") and (
            any(c.dep_ in ("compound", "nmod") and c.lemma_.lower() in ROLE_NOUNS for c in root.children)
            or root.dep_ == "appos" and root.head.lemma_.lower() in ROLE_NOUNS and root.head.tag_ == "NN"
        ):
            label = "PERSON"  # "President Biden", "its director, Signe Aagaard Holm" read as a place: the title says
        if label in ("ORG", "PERSON") and (country_code(text, fuzzy=False) or capital_code(text)):
            label = "GPE"  # "Chile", "Uruguay", "Asuncion" read as an organisation or a person: a state
        elif label == "GPE" and self.described.organisation(text):
            label = "ORG"  # "the energy trader Voltara" read as a place: the article says what it is
        arguments = ("poss", "nsubj", "nsubjpass", "dobj", "pobj")  # not a word of a title ("Deputy Defense Minister")
        if label == "PERSON" and root.dep_ in arguments and self.reg.lookup(text, label) is None:
            # "Kaarela's chief pharmacist" and "Kaarela University Hospital", "Fjordterminal announced" and
            # "Fjordterminal AS" in the article, one word read as a person's name: no person has it, so it
            # is the one organisation's short form
            fuller = [n for n in self.described.organisations if n.startswith(text + " ")]  # (also "Cascade Ridge")
            if len(fuller) == 1:
                return self._mention(self._by_name(fuller[0], number), text)
        if label == "PERSON":  # "Councillor Owen Pryce", "Mrs Garside" tagged with the word before the name
            text = self._untitled(ent) or text
        found = self._entity_of(text, label, number)
        if found is not None and text in self.described.phrases:
            self.reg.actors[found].described_as = self.described.phrases[text]
        if found is not None and label == "PERSON" and (
            text in self.described.plural_names
            or self.described.organisation(text, INSTITUTIONS | SUBJECT_INSTITUTIONS | TRADE_NOUNS)
        ):
            self.reg.actors[found].institution = True  # "the ferry operator Skarvik Line" read as a person
        return found

    def _entity_of(self, text: str, label: str, number: int) -> int | None:
        """The actor of a name with this label: one known by it or a form of it, else a new one."""
        known = self.reg.lookup(text, label)
        if known is None and label in ("GPE", "ORG", "FAC"):
            known = self._state_of(text, label)
        if known is None:
            known = self._shorter(text, label)
        if known is not None:
            actor = self.reg.actors[known]
            if label == "PERSON" and actor.label in ("GPE", "ORG"):
                actor.label = "PERSON"
            if text not in actor.mentions:
                actor.mentions.append(text)
            return known
        if label not in ("PERSON", "ORG", "GPE"):
            return None
        if capital_code(text):
            label = "GPE"  # "the Kremlin": a state named by its seat of government
        return self.reg.add(text, label, number)

    def _anchor(self, head: Any, number: int) -> int | None:
        """The country or organisation a role noun belongs to ("Qatar's", "Canadian", "of Qatar")."""
        for child in head.children:  # "the agency's director general"
            if child.dep_ == "poss" and child.lemma_.lower() in INSTITUTIONS:
                return self._institution(child, number)
            if child.dep_ == "poss" and child.lower_ in ("its", "their"):  # "Its managing director": the
                if self.last_thing is not None:  # last sentence's subject, else the organisation last named
                    return self.last_thing
                labels = ("ORG", "INSTITUTION")
                return next((i for i in reversed(self.recent) if self.reg.actors[i].label in labels), None)
            if child.dep_ == "poss" and child.pos_ == "NOUN" and bare(child):  # "the museum's director": the one
                if (named := self._described(child.lemma_.lower(), number, organisations_only=True)) is not None:
                    return named  # museum the article names
            if child.dep_ == "poss" and (child.pos_ == "PROPN" or child.ent_type_):  # "Halvorsen's chief executive"
                owner = self._np(child, number)
                if owner is not None:
                    return owner
        for tok in head.subtree:
            if tok.ent_type_ in ("GPE", "ORG") and tok.i != head.i:
                ent = next((e for e in head.doc.ents if e.start <= tok.i < e.end), None)
                if ent is not None:
                    return self._entity_actor(ent, number)
            if tok.ent_type_ == "NORP" and tok.dep_ == "amod":
                return self._norp(tok.text)
        return None

    def _role(self, head: Any, number: int) -> int | None:
        """An office named by its title: the person who holds it, or the office itself."""
        ranked = any(c.dep_ == "amod" and c.lower_ in TITLE_RANKS for c in head.children)  # "chief pharmacist"
        if head.lemma_.lower() not in ROLE_NOUNS and not ranked or head.tag_ in ("NNS", "NNPS"):
            return None
        # "his Russian counterpart, Sergei Lavrov", "the mayor of Dorrow, Ilse Maartens": the apposed name
        for child in apposed(head):
            actor = self._np(child, number)
            if actor is not None:
                found = self.reg.actors[actor]
                if found.label == "PERSON" and not found.title:
                    found.title = strip_det(self._title_span(head).text)
                    found.anchor = self._anchor(head, number)
                    found.owner = self._office(head, found.anchor).owner
                return actor
        anchor = self._anchor(head, number)
        if head.lemma_.lower() in SPEAKER_NOUNS:
            # An unnamed spokesperson speaks for whom they represent ("a spokeswoman for X", "its spokesman").
            for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "for"):
                speaks_for = next((self._untagged(o, number) if (n := self._np(o, number)) is None else n
                                   for o in prep.children if o.dep_ == "pobj"), None)  # fmt: skip
                if speaks_for is not None:
                    return speaks_for
            if (member := self._member_of(head, number)) is not None:
                return member  # "a Frostgale spokesperson"
            alone = not any(c.dep_ in ("poss", "prep", "compound", "amod") for c in head.children)
            owned = self.last_thing if anchor is None and alone else anchor
            if owned is not None and self.reg.actors[owned].label in ("ORG", "GPE", "INSTITUTION"):
                return owned
        span = self._title_span(head)
        text = strip_det(span.text)
        owner = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
        office = self._office(head, anchor)
        # A person or office already given this title ("the Secretary of State" after "Secretary
        # of State X"), never one of another owner ("Qatar's minister" is not Canada's).
        held = self._holder(office, anchor)
        if held is not None:
            if office.owner and self.reg.actors[held].label == "TITLE":
                self._mention(held, text)
            return self._handle(held, span)
        title = text
        if anchor is not None and owner is not None:
            short = min(self.reg.actors[anchor].mentions, key=len)
            owner_s = f"{short}'" if short.endswith("s") else f"{short}'s"
            title = f"{owner_s} {text}" if short[:1].isupper() else text  # "Its managing director": Carrow's
        elif anchor is None:
            the = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)  # ("the chief veterinary officer")
            if (the or head.i > 0 and head.doc[head.i - 1].lower_ in ("his", "her")) and text[:1].islower():
                # "the minister": the last person named with a compatible role; an office
                # no one was named for is an actor when it acts ("the mayor said").
                if head.dep_ != "nsubj" or not the:
                    return None
            elif not text[:1].isupper() and not any(c.dep_ == "poss" for c in head.children):
                return None  # (but "the province's environment minister": an office of a named owner)
        key = fold(text)
        if key in self.reg.by_key:
            return self._mention(self.reg.by_key[key], text)
        idx = self.reg.insert(Found(key=key, name=text, label="TITLE", title=title, mentions=[text],
                                    anchor=anchor, owner=office.owner, first=number))  # fmt: skip
        return self._handle(idx, span)

    def _np(self, tok: Any, number: int, source: int | None = None) -> int | None:
        """The actor a noun phrase headed by `tok` stands for, if any."""
        if tok.ent_type_:
            ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
            if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE") and not compound_part(ent):
                if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE and (
                    ent.label_ == "GPE" or self.reg.lookup(ent_text(ent), ent.label_) is None
                ):
                    return None  # a place: "in Eastern Europe", "near Ridley Falls" read as an organisation
                if ent.label_ == "ORG" and named_place(tok):
                    return None
                first = tok  # (and the names joined to it: "leave for Kamloops or Vancouver")
                while first.dep_ == "conj" and first.head.i != first.i:
                    first = first.head
                verb = first.head.head if first.dep_ == "pobj" else first.head
                unnamed = first.head.lower_ in ("to", "for") and self.reg.lookup(tok.text, "") is None and (
                    verb.lemma_.lower() not in RECOURSE  # (but "go to FIFA", "return to OPEC": a body, unless
                    or any(c.ent_type_ == "GPE" for c in first.conjuncts))  # beside a place: "Kamloops or Vancouver")
                one_word = ent.label_ == "GPE" or ent.label_ in ("PERSON", "ORG") and len(ent) == 1 and (
                    ent.label_ == "PERSON" or unnamed)  # (a city read as a person, or as an organisation no one named)
                if one_word and first.dep_ in ("pobj", "dobj") and verb.lemma_.lower() in MOVEMENT:
                    return None  # a destination: "travel to Rome", "visited Kyiv"
                named = self._entity_actor(ent, number)
                if named is not None or is_name(ent):
                    return named
                # "the education ministry" tagged ORG but no proper name: a description, read below
        people = self._people(tok, number)
        if people is not None:
            return people
        if tok.pos_ == "PRON":
            return self._pronoun(tok, source, number)
        if tok.pos_ == "NOUN" and tok.text[:1].isupper() and not tok.ent_type_ and tok.tag_ == "NN":
            # "Ruiz said", "Aerlift, which flies ..., cancelled" with the name tagged a common noun
            known = self.reg.lookup(tok.text, "")
            if known is not None and self.reg.actors[known].label in ("PERSON", "ORG"):
                return self._mention(known, tok.text)
        if tok.pos_ == "PROPN" and tok.lower_ not in ROLE_NOUNS:  # "Qatar's Minister": a title, read below
            known = self.reg.lookup(tok.text, "")
            if known is not None and self.reg.actors[known].label == "PERSON":
                return known
            name = name_of(tok)
            # "Orbitra" after "Orbitra Semiconductors", also when tagged a nationality or a region here
            misread = not tok.ent_type_ or tok.ent_type_ in ("NORP", "LOC") and tok.tag_ == "NNP"
            if known is None and misread and tok.text[:1].isupper():
                known = self._shorter(name, "ORG")
            if known is not None and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "poss"):
                return self._mention(known, name)  # a known name tagged otherwise here ("Portmoor" a nationality)
            titled = self._titled(tok, name, number)
            if titled is not None:
                return titled
            # (not a common noun the article writes in lower case, capitalised as the sentence's first
            # word: '"Records that already exist can tell us ..."')
            first = name == tok.text and tok.lower_ in self.described.common and not any(
                t.is_alpha for t in tok.doc[: tok.i])
            if (tok.dep_ in ("nsubj", "nsubjpass") and not tok.ent_type_ and tok.text[:1].isupper() and not first
                    and not any(w.lower() in ROLE_NOUNS for w in name.split())):  # fmt: skip
                # A proper name the recogniser missed, acting: "Orbitra Semiconductors reported ..."
                return None if dateline(tok.doc[tok.i : tok.i + 1]) else self._by_name(name, number)
        if HANDLE.fullmatch(tok.text):
            return None
        role = self._role(tok, number)
        if role is not None:
            return role
        institution = self._institution(tok, number)
        if institution is not None:
            return institution
        if (named := compound_name(tok, INSTITUTIONS | SUBJECT_INSTITUTIONS | GROUP_NOUNS - ROLE_NOUNS)) is not None:
            return self._entity_actor(named, number)  # "the opposition Centre Left party said"
        if tok.pos_ == "NOUN" and tok.tag_ == "NN" and bare(tok):
            # "the airline" after "the budget airline Aerlift": a description the article gave a name
            # (not "the unions" after "the European Union": a plural is not the one named)
            described = self._described(tok.lemma_.lower(), number, organisations_only=True)
            if described is not None:
                return self._mention(described, tok.text)
        if tok.pos_ in ("NOUN", "PROPN"):
            for child in tok.children:  # "the mediator, Judge Tomas Brandt": the apposed name
                if child.dep_ == "appos" and not past_clause(child):
                    named = self._np(child, number, source)
                    if named is not None:
                        return named
            for child in tok.children:  # "Haiti's efforts": the possessor (not of "her clients")
                if child.dep_ == "poss" and tok.lemma_.lower() not in SERVED:
                    return self._np(child, number, source)
        return None

    def _group(self, tok: Any, number: int) -> list[int]:
        fresh = {i for i, n in self.last_named.items() if n >= number - 1}  # named in this or the last sentence
        nouns = GROUP_NOUNS | INSTITUTIONS
        return counted_group(tok, self.recent, fresh, self.reg.actors, nouns, ROLE_NOUNS, self.together)

    def _nps(self, tok: Any, number: int, source: int | None) -> list[int]:
        """A noun phrase and its conjuncts ("Qatar's Foreign Minister as well as the Canadian Foreign Minister")."""
        out: list[int] = []
        if group := self._group(tok, number):  # "the two ministers", "both clubs" (`parse_groups`)
            return group
        if tok.pos_ == "PRON" and tok.lower_ in ("they", "them"):
            return self._they(tok, number)
        if tok.tag_ in ("NNS", "NNPS") and tok.lemma_.lower() in ROLE_NOUNS:
            # "the foreign ministers of Norway and Chile": the countries they speak for.
            for child in tok.children:
                if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ == "of"):
                    heads = [child] if child.dep_ == "poss" else [c for c in child.children if c.dep_ == "pobj"]
                    for head in heads:
                        for t in [head, *head.conjuncts]:
                            actor = self._np(t, number, source)
                            if actor is not None and actor not in out:
                                out.append(actor)
            nationality = next((c for c in tok.children if c.dep_ == "amod" and c.ent_type_ == "NORP"), None)
            joined = [] if nationality is None else [nationality, *nationality.conjuncts]
            states = [self._norp(n.text) for n in joined]
            if not out and len(states) > 1 and None not in states:
                # "Chilean and Brazilian officials": Chile and Brazil, once the article has named both
                out += [self._mention(s, tok.doc[joined[0].i : tok.i + 1].text) for s in states if s is not None]
            state = states[0] if states else None
            if not out and state is not None and nationality is not None:
                # "Russian officials": Russia, once the article has named it
                out.append(self._mention(state, tok.doc[nationality.i : tok.i + 1].text))
            elif not out and (member := self._member_of(tok, number)) is not None:
                out.append(member)  # "Meridian executives", "union negotiators": the body they act for
            elif not out and (nationality is not None or any(c.dep_ == "compound" for c in tok.children)):
                out.append(self._officials(tok, number))  # "Chinese officials", "health ministers"
            return out
        for t in [tok, *tok.conjuncts, *listed_titles(tok)]:
            actor = self._np(t, number, source)
            if actor is not None:
                actor = self._qualified(t, actor, number)
            if actor is not None and actor not in out:
                out.append(actor)
        if len(out) > 1:
            self.together.append(list(out))
        return out

    def _qualified(self, tok: Any, actor: int, number: int) -> int:
        """The phrase with the prepositional phrase that says which one, as a form of the name:
        "the manager at the store", "the parliamentary committee on finance", "the Court of First
        Instance in Brussels" (the tagger's name ends before "in"). For bodies and offices only."""
        if self.reg.actors[actor].label not in ("TITLE", "INSTITUTION", "ORG", "GROUP"):
            return actor
        doc = tok.doc
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None) if tok.ent_type_ else None
        start, end = (ent.start, ent.end - 1) if ent is not None else (tok.left_edge.i, tok.i)
        office = self.reg.actors[actor].label in ("TITLE", "GROUP")  # "the manager at the store", not "the
        preps = QUALIFIERS | OFFICE_QUALIFIERS if office else QUALIFIERS  # board at the meeting"
        # right after the name, or begun inside it ("the Regional Veterinary Service of" tagged, "Castilla-La
        # Mancha" left out; "the High Court of Castile" tagged, "and León" left out)
        prep = max((c for c in tok.children if c.dep_ == "prep" and tok.i < c.i <= end + 1 and c.lower_ in preps),
                   key=lambda c: c.i, default=None)  # (the last: "Court of First Instance" + "in Brussels")
        if prep is None:
            return actor
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None or obj.right_edge.i - prep.i > 5 or obj.right_edge.i <= end:
            return actor
        words, said = doc[start : obj.right_edge.i + 1], doc[prep.i + 1 : obj.right_edge.i + 1]
        if any(t.pos_ not in QUALIFIER_TAGS and t.tag_ != "HYPH" or t.ent_type_ in UNQUALIFYING or t.tag_ == "JJS"
               for t in said) or any(
            t.dep_ in ("poss", "case") for t in words
        ):
            return actor  # (not "the court in its ruling on Monday", "the firm with the most stores",
            # "X's leader in Oslo")
        if any(t.pos_ == "CCONJ" for t in said if t.i > end):
            return actor  # maybe another name joined on: "the University of Oslo and Equinor" (as "of Castile
            # and León")
        # which one, not an occasion: "the manager at the store", "the committee on finance", a name; not
        # "the court in a statement", "the union in the talks" ("in" only before a name: a place)
        det, head, by = next((c.lower_ for c in obj.children if c.dep_ == "det"), None), obj.lemma_.lower(), prep.lower_
        if obj.pos_ != "PROPN" and (by == "in" or not (det == "the" or det is None and obj.tag_ == "NN")):
            return actor
        if head in OCCASIONS or obj.lower_ in MEDIA_AND_CHAMBERS or head in MEDIA_AND_CHAMBERS:
            return actor  # an occasion, a time or a source: "the minister at the meeting", "the ministry on Twitter"
        if obj.pos_ == "PROPN" and by in ("in", "on") and (
            obj.ent_type_ not in PLACE_ENTS or doc[obj.left_edge.i : obj.i + 1].text in self.described.people
        ):
            return actor  # only a place names which one: not "a leader in Houston Summers" (a person elsewhere)
        if obj.pos_ != "PROPN" and by == "on" and head not in TOPIC_NOUNS:
            return actor  # a topic, not a state, a way or a spot: "the committee on finance", not "on strike"
        phrase, which = strip_det(words.text), said.text.lower()
        if self.which.setdefault(actor, which) != which:
            return self._another(actor, phrase, which, number)  # "the committee on transport" after "... on finance"
        return self._mention(actor, phrase)

    def _another(self, actor: int, phrase: str, which: str, number: int) -> int:
        """Another body or office of the same title, named with its own which-one phrase."""
        first = self.reg.actors[actor]
        known = self.reg.lookup(phrase, first.label)
        if known is not None and known != actor:
            return known
        found = self.reg.insert(replace(first, key=fold(phrase), name=phrase, mentions=[phrase], roles=0, acts=0,
                                        first=number))  # fmt: skip
        self.which[found] = which
        return found
