"""What an article calls each proper name, and the noun-phrase shapes that tell it.

"Havenbond, the union that ...", "the operator Carrow Buses", "Transport Workers' Union":
appositions and compound nouns beside a proper name give its descriptions, and a name's own
head noun gives one too. `parse_coref` links a later "the union" to the name through these;
the small readers of a phrase's shape (a bare definite description, an apposed name, a
named place) live here too, as both modules use them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .lexicon import ASSERTING, REPORTING
from .parse_groups import past_clause
from .parse_places import capital_code, country_code
from .words import word_tables

__all__ = ["PLACE_NOUNS", "Descriptions", "apposed", "bare", "compound_name", "dateline", "describe", "ent_text",
           "hyphenated", "listed_titles", "name_of", "named_place", "placed_in"]  # fmt: skip

PLACE_NOUNS, ARTICLES, WHERE, WHERE_AFTER_NOUN, WHERE_IN, IN_PLACE_NOUNS, WORK_NOUNS = word_tables(
    "parse_descriptions", "PLACE_NOUNS ARTICLES WHERE WHERE_AFTER_NOUN WHERE_IN IN_PLACE_NOUNS WORK_NOUNS"
)


@dataclass
class Descriptions:
    """What the article calls each proper name: description lemma -> names, in order of appearance."""

    by_noun: dict[str, list[str]] = field(default_factory=dict)
    organisations: list[str] = field(default_factory=list)  # names the tagger reads as organisations
    plural_names: list[str] = field(default_factory=list)  # of those, names it read as persons ("X Roasters")
    said: set[tuple[str, str]] = field(default_factory=set)  # (noun, name) the text puts side by side, not a head
    phrases: dict[str, list[str]] = field(default_factory=dict)  # name -> its descriptions with their modifiers
    acronyms: dict[str, str] = field(default_factory=dict)  # "APUM" -> the name it was defined for
    places: set[str] = field(default_factory=set)  # names the text puts where something is ("homes in X")
    subjects: set[str] = field(default_factory=set)  # names that are a verb's subject ("X said")
    only_in: set[str] = field(default_factory=set)  # of `places`, those put only after "in"
    objects: set[str] = field(default_factory=set)  # names that are a verb's object ("accused X")
    people: set[str] = field(default_factory=set)  # full names tagged a person's somewhere
    common: set[str] = field(default_factory=set)  # plural nouns the article writes in lower case ("records")
    works: set[str] = field(default_factory=set)  # names apposed to a noun of a work ("the game, X")
    speakers: set[str] = field(default_factory=set)  # names that say something ("X said"): no work's
    definite: set[str] = field(default_factory=set)  # nouns the article writes alone after "the" ("the agency")

    def place(self, name: str) -> bool:
        """Whether a name read as a person's is a place: the text puts something in or at it, or
        calls it "the island of X", and never makes it a subject or describes it by a noun that is
        no place ("Shares in Alcora fell" read as a place, but "Alcora said")."""
        if name in self.only_in and name in self.objects:
            return False  # "placed their hopes in X" and "accused X": "in" is no proof against an object
        return name in self.places and name not in self.subjects and not self.organisation(name)

    def organisation(self, name: str, nouns: frozenset[str] | None = None) -> bool:
        """Whether the article describes `name` by a noun that is no kind of place ("the trader X"),
        or by one of `nouns` when given ("the ferry operator X" as an institution, not "the coach X")."""
        return any(
            name in names
            for noun, names in self.by_noun.items()
            if (noun in nouns if nouns is not None else noun not in PLACE_NOUNS)
        )

    def work(self, name: str, ent: Any) -> bool:
        """Whether the article apposes `name` to a noun of a work ("the flagship game, X", "the series
        X") and describes it by no noun of another kind (not "X, the studio behind the game"), and
        the name as found here is a title's: of more than one word, read as a person's or modifying a
        work ("the next X game"); not one word ("the album, Metallica"), nor one that speaks."""
        if len(ent) < 2 or ent.label_ != "PERSON" and not (
            ent.root.dep_ == "compound" and ent.root.head.lemma_.lower() in WORK_NOUNS
        ):
            return False
        words = name.lower().split()  # (not the name's own head: "Hollowpine Games" is no game)
        nouns = {noun for noun, names in self.by_noun.items() if name in names and not {noun, noun + "s"} & set(words)}
        return name in self.works and nouns <= WORK_NOUNS and name not in self.speakers

    def note(self, described: Any, name: str, said: bool = True) -> None:
        """A description the text gives `name`, also with its modifiers ("the environmental group X")."""
        self.add(described.lemma_.lower(), name, said)
        modifiers = [c.lower_ for c in described.children if c.dep_ in ("amod", "compound") and c.i < described.i]
        self.phrases.setdefault(name, []).append(" ".join([*modifiers, described.lemma_.lower()]))

    def add(self, noun: str, name: str, said: bool = True) -> None:
        if said:
            self.said.add((noun, name))
        names = self.by_noun.setdefault(noun, [])
        if name not in names:
            names.append(name)


def name_of(tok: Any) -> str:
    """The proper name headed by `tok`: the token with its proper-noun compounds."""
    parts = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    # names joined by "and" before the head: "the Competition and Fair Trade Office"
    parts += [c for c in tok.lefts if c.dep_ == "nmod" and c.pos_ == "PROPN"
              and all(t.pos_ in ("PROPN", "CCONJ") for t in c.subtree)]  # fmt: skip
    # a capitalised word the tagger read as an adjective right before it: "Fjordterminal AS"
    parts += [c for c in tok.lefts if c.dep_ == "amod" and c.i == tok.i - 1 and c.text[:1].isupper()
              and c.i > 0 and not c.ent_type_]  # fmt: skip
    start = min([tok.i, *(t.i for c in parts for t in c.subtree)])
    lower = start
    while lower < tok.i and tok.doc[lower].pos_ in ("NOUN", "PROPN") and tok.doc[lower].text.islower():
        lower += 1
    if any(t.pos_ == "NOUN" for t in tok.doc[start:lower]):
        start = lower  # not the description before it: "the road haulage federation BVSL" is BVSL (but "de Wit")
    return str(tok.doc[start : tok.i + 1].text)


def describe(docs: list[Any], into: Descriptions, generic: frozenset[str]) -> None:
    """Collect the descriptions of proper names over the article's parsed sentences:
    "Havenbond, the union", "the operator Carrow Buses", "Transport Workers' Union"."""
    nouns = {t.lower_ for doc in docs for t in doc if t.pos_ == "NOUN" and t.text.islower()}
    # (plural ones only: a bare singular count noun as a subject is a name, "Anchor said ...")
    into.common |= {t.lower_ for doc in docs for t in doc if t.tag_ == "NNS" and t.text.islower()}
    into.people |= {ent_text(e) for doc in docs for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
    into.definite |= {t.lemma_.lower() for doc in docs for t in doc if t.tag_ == "NN" and t.text.islower() and any(
        c.dep_ == "det" and c.lower_ == "the" for c in t.children) and not any(
        c.dep_ in ("compound", "amod", "poss") for c in t.children)}  # fmt: skip
    for doc in docs:
        for tok in doc:
            misread = tok.pos_ == "NOUN" and tok.text[:1].isupper() and tok.i > 0  # "operator Baltrans" a plural noun
            if tok.pos_ != "PROPN" and not misread or tok.dep_ == "compound" or not tok.text[:1].isupper():
                continue  # (a lowercase word tagged a proper noun, "the police cybercrime bureau", is none)
            name = name_of(tok)
            if _where(tok):
                if tok.head.lower_ in WHERE_IN and (name not in into.places or name in into.only_in):
                    into.only_in.add(name)
                else:
                    into.only_in.discard(name)
                into.places.add(name)
            if tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
                into.objects.add(name)
            if tok.dep_ in ("nsubj", "nsubjpass"):
                into.subjects.add(name)
                if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in REPORTING | ASSERTING:
                    into.speakers.add(name)  # ("Metallica said it would tour": no album's title)
            for child in tok.children:
                # "Havenbond, the union that ...", "Ondara, a Franco-Belgian company"
                if child.dep_ == "appos" and child.pos_ == "NOUN" and child.tag_ == "NN":
                    into.note(child, name)
                # "the consumer association Verbraucherschutz Nord", "the company Arclight Launch"
                if child.dep_ == "compound" and child.pos_ == "NOUN" and child.tag_ == "NN":
                    into.note(child, name)
            # "the operator Carrow Buses": the name apposed to a description
            if tok.dep_ == "appos" and tok.head.pos_ == "NOUN" and tok.head.tag_ == "NN" and not past_clause(tok):
                into.note(tok.head, name, said=not _nested(tok.head))
                if tok.head.lemma_.lower() in WORK_NOUNS:
                    into.works.add(name)
            elif tok.dep_ == "appos" and tok.head.tag_ == "NNS" and (before := _before_comma(tok)) is not None and (
                before.head.head == tok.head  # "Inspectors from the regulator, the X,": one name is no plural's
            ):
                into.add(before.lemma_.lower(), name)
            elif (before := _right_before(tok)) is not None:
                # "The environmental group Río Vivo has said" parsed as two subjects: one name described
                into.note(before, name)
            elif tok.ent_type_ == "ORG" and tok.dep_ not in ("nsubj", "nsubjpass") and (
                described := _surface_apposition(tok)
            ) is not None:
                # "according to the regulator, the Electronic Communications Authority." parsed as an
                # object of the verb: by its shape, a name set beside a definite description
                into.note(described, name)
        for ent in doc.ents:
            # "the Association of Urban Property Owners of Málaga (APUM)": the acronym is defined for the name
            after = doc.text[ent.end_char :]
            after = ent.text[ent.text.rfind("(") :] + after if "(" in ent.text else after  # ("X (APUM" as tagged)
            if defined := re.match(r"\s*\(([A-Z][A-Z&]{1,7})\)", after):
                into.acronyms.setdefault(defined.group(1), ent_text(ent))
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
    _laws_by_acronym(docs, into.acronyms)


def _where(tok: Any) -> bool:
    """A name as where something is: "homes in X", "the strike at X", "the island of X"."""
    if tok.dep_ != "pobj" or any(c.dep_ == "case" for c in tok.children):  # (not "in X's view")
        return False
    if named_place(tok):
        return True
    # the tagger reads it as a place here ("Shares in Alcora", "crew at Alcora": a company)
    prep, placed, on = tok.head.lower_, tok.ent_type_ in ("GPE", "LOC", "FAC"), tok.head.head
    if prep in WHERE_IN:  # "works in X", "centres in X"; not "faith in X", "a stake in X"
        return placed and (on.pos_ in ("VERB", "AUX") or on.pos_ == "NOUN" and on.lemma_.lower() in IN_PLACE_NOUNS)
    return placed and (prep in WHERE or prep in WHERE_AFTER_NOUN and on.pos_ == "NOUN")


def _laws_by_acronym(docs: list[Any], acronyms: dict[str, str]) -> None:
    """An acronym defined for a treaty or a law ("the United States-Mexico-Canada Agreement (USMCA)")
    names that document wherever the article uses it, never an actor ("the USMCA's environment chapter")."""
    from spacy.tokens import Span

    from .parse_pipeline import LAW_ENDINGS

    laws = {a for a, full in acronyms.items() if full.split()[-1].lower() in LAW_ENDINGS}
    for doc in docs if laws else []:
        doc.ents = [Span(doc, e.start, e.end, label="LAW") if e.text in laws else e for e in doc.ents]


def _nested(noun: Any) -> bool:
    """Whether a noun is the object of a phrase on a singular noun ("the group on the council, X,"): a
    name apposed to it may be the outer noun's, so it is no sure description of this one."""
    outer = noun.head.head if noun.dep_ == "pobj" else None
    return outer is not None and outer.pos_ in ("NOUN", "PROPN") and outer.tag_ in ("NN", "NNP")


def _before_comma(tok: Any) -> Any:
    """The singular common noun right before the comma that opens the phrase `tok` heads, if any."""
    return _noun_before_comma(tok.doc, tok.left_edge.i)


def _noun_before_comma(doc: Any, start: int) -> Any:
    """The singular common noun before a comma that ends right before token `start`, if any."""
    noun = doc[start - 2] if start > 1 and doc[start - 1].text == "," else None
    return noun if noun is not None and noun.pos_ == "NOUN" and noun.tag_ == "NN" else None


def _surface_apposition(tok: Any) -> Any:
    """The definite description a name is set beside by its shape alone: the phrase `tok` heads
    comes right after "the <noun>," (the parser may hang that comma on the name itself) and
    closes its clause; else None."""
    before = _noun_before_comma(tok.doc, min(t.i for t in tok.subtree if not t.is_punct))
    if before is None or not any(c.dep_ == "det" and c.lower_ == "the" for c in before.children):
        return None
    after = tok.right_edge.i + 1
    return before if after >= len(tok.doc) or tok.doc[after].text in ",.;)" else None  # (one punctuation token)


def _right_before(tok: Any) -> Any:
    """The description right before a name when the parser made both subjects of one verb."""
    start = min(t.i for t in tok.subtree)
    if start == 0:
        return None
    noun = tok.doc[start - 1]
    same = noun.dep_ == tok.dep_ == "nsubj" and noun.head == tok.head
    return noun if same and noun.pos_ == "NOUN" and noun.tag_ == "NN" else None


def dateline(ent: Any) -> bool:
    """Whether a name is (part of) a wire dateline: capitals opening the sentence, then a comma and a
    state or the date ("KALDVIK, Norway, March 9", "LISBON, March 9 (Atlantica Wire) -")."""
    doc, end = ent.doc, ent.end  # (an entity, or the span of a name the recogniser missed)
    if end + 1 >= len(doc) or doc[end].text != "," or doc[end + 1].ent_type_ not in ("GPE", "DATE"):
        return False  # (checked first: this runs for every name)
    return all(t.text.isupper() or not t.is_alpha for t in doc[:end])


def compound_name(head: Any, bodies: frozenset[str]) -> Any:
    """The organisation's name a body noun is modified by: "the Centre Left party", "the Unite union"."""
    if head.pos_ != "NOUN" or head.lemma_.lower() not in bodies:
        return None
    for child in head.children:
        if child.dep_ == "compound" and child.ent_type_ == "ORG":
            return next((e for e in head.doc.ents if e.start <= child.i < e.end and e.end <= head.i), None)
    return None


def placed_in(head: Any) -> str:
    """What a common-noun body's name says after its head, as " in Tuscany" of "a regional court in
    Tuscany" (a named place, not a state or its capital: "the culture ministry in Rome" sits where
    its state does) or " for research misconduct" of "the national board for research misconduct"
    (a bare noun phrase of what it is for, not "for the first time")."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.i != head.i + 1:
            continue
        obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
        if obj is None:
            continue
        text = str(head.doc[prep.i : obj.right_edge.i + 1].text)
        if prep.lower_ == "in" and (obj.pos_ == "PROPN" and obj.ent_type_ != "DATE" or obj.ent_type_ in ("GPE", "LOC")):
            seat = capital_code(obj.text) or country_code(obj.text, fuzzy=False)
            return "" if seat else " " + str(head.doc[prep.i : obj.i + 1].text)
        bare_for = not any(c.dep_ in ("det", "poss", "nummod") for c in obj.children) and obj.pos_ == "NOUN"
        if prep.lower_ == "for" and bare_for and all(t.is_alpha for t in obj.subtree):
            return " " + text
    return ""


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
    """A definite description with nothing but its article: "the union", "the company" (also as the
    first of a coordination, which carries the "and" and the next item: "the company and the union")."""
    shapes = ("det", "case", "punct", "relcl", "acl", "prep", "appos", "cc", "conj")
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    return definite and all(c.dep_ in shapes or hyphenated(c) for c in head.children)


def hyphenated(modifier: Any) -> bool:
    """A hyphenated description ("the Christchurch-based bank", "the mid-sized lender", "the
    state-owned company"): it says what the one named body is like, not which of several."""
    return modifier.dep_ == "amod" and any(t.text == "-" for t in modifier.subtree) or (
        modifier.dep_ == "amod" and modifier.text == "-"
    )


def ent_text(span: Any) -> str:
    """An entity as a name: no leading article, no possessive ending, no unclosed bracket."""
    tokens = [t for t in span if not (t.i == span.start and t.lower_ in ARTICLES)]
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].pos_ == "ADP"):  # "Kenji Morita of" as tagged
        tokens = tokens[:-1]
    if not tokens:
        return ""
    doc = span.doc
    text = doc[tokens[0].i : tokens[-1].i + 1].text
    text = re.sub(r"\s*\([^)]*$", "", text)  # "Office of Foreign Assets Control (OFAC" as tagged
    return re.sub(r"['\u2019]s?$", "", text)
