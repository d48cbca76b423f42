"""What the guided strategy's parse produces: actors found, clauses, sentences, and the
registry that folds the forms of one actor's name together ("Blinken", "Antony Blinken",
"US" beside "United States")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .parse_places import countries_in
from .words import word_tables

__all__ = [
    "ADDRESS_FORMS", "Analysis", "Clause", "Found", "Registry", "SentenceInfo",
    "compound_part", "fold", "initials", "is_actor", "is_name",
]  # fmt: skip


DESCRIPTOR_HEADS, ADDRESS_FORMS = word_tables("parse_types", "DESCRIPTOR_HEADS ADDRESS_FORMS")


def is_name(span: Any) -> bool:
    """An entity the tagger also reads as a proper name (drops "Spoke" tagged GPE at a sentence start)."""
    words = [t for t in span if t.is_alpha]
    capitalised = bool(words) and all(t.text[:1].isupper() for t in words)  # "Veldin's" tagged a noun
    return (capitalised or any(t.pos_ == "PROPN" for t in span)) and not any(t.pos_ == "VERB" for t in span)


def compound_part(span: Any) -> bool:
    """Part of an "A-B" compound or a modifier of a noun ("Ukraine-Russia border", "US sanctions")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if (before is not None and before.text == "-") or (after is not None and after.text == "-"):
        return True
    return False


@dataclass
class Found:
    """One actor as the parse found it."""

    key: str
    name: str
    label: str  # PERSON, ORG, GPE, TITLE (an office named by its title), HANDLE
    title: str | None = None
    mentions: list[str] = field(default_factory=list)
    anchor: int | None = None  # a titled office's country or organisation (index into actors)
    owner: str = ""  # that owner as the title writes it, folded ("qatar", "canadian"), known or not
    roles: int = 0  # times it was an agent, recipient or source
    acts: int = 0  # times it was a named agent or the source: an institution named by a noun must act
    first: int = 0  # sentence number of its first mention
    # A name the tagger reads as a person's that the article calls an institution ("the ferry
    # operator Skarvik Line"): shown as an organisation; the label stays, for coreference.
    institution: bool = False
    described_as: list[str] = field(default_factory=list)  # what the article calls it ("environmental group")
    group: bool = False  # office holders named by a plural title ("opposition councillors"): several people

@dataclass
class Clause:
    verb: str  # lemma
    text: str  # the verb as written
    agents: list[int]
    recipients: list[int]
    reporting: bool
    negated: bool
    future: bool
    conditional: bool
    main: bool  # the sentence's root or the content of its reporting verb
    agents_by_rule: bool = False  # agents came from the discourse (no named subject)
    # Where the verb sits in the parse and how it is inflected (`parse_form.clause_form`), for
    # telling a reported event from a plan, a description or the speaker's own words.
    dep: str = "ROOT"  # the verb's dependency label (ROOT, ccomp, conj, relcl, advcl, xcomp ...)
    head: int = 0  # the token position of the verb's syntactic head
    tag: str = ""  # the verb's fine-grained tag (VBD, VBN, VBZ, VBG ...)
    aux: list[str] = field(default_factory=list)  # its auxiliaries as written, lower case ("would", "had")
    modal: bool = False  # ruled by a modal ("would run", "can offer", "must stop")
    past: bool = False  # a past or perfect form ("opened", "had opened", "did not open", "was opened")
    passive: bool = False
    subject: str = ""  # lemma of its subject's head word ("deal", "it", "readout", "who"); "" if none
    objects: list[str] = field(default_factory=list)  # lemmas of its objects and their of/in contents
    particles: list[str] = field(default_factory=list)  # its particles and prepositions ("call on", "call off")
    settings: list[str] = field(default_factory=list)  # "in a call with X": an occasion shared with someone
    quoted: bool = False  # inside a direct quotation: the speaker's words, not the reporter's
    measure: bool = False  # its only complement is an amount ("fell 3 percent", "rose to 40 euros")
    labelled: str = ""  # a naming verb's label on its object: "support" ("called it a victory"), else "oppose"
    index: int = -1  # the verb's token index in the sentence's `doc`

    def verb_in(self, doc: Any) -> Any:
        """Its verb's token in the sentence's parse, or None when there is no parse at hand or the
        index is not in it (a clause made by a rule, not read off this parse)."""
        return doc[self.index] if doc is not None and 0 <= self.index < len(doc) else None

@dataclass
class SentenceInfo:
    number: int
    text: str
    clauses: list[Clause]
    source: int | None
    mentioned: list[int]  # actors in order of mention (pronouns and titles resolved)
    dates: list[str]
    future: bool
    conditional: bool
    commitment: bool
    modal: bool = False  # an obligation or possibility ("must publish", "could reach")
    present: bool = False  # the main verb is in the present tense ("hears the cases on Thursday")
    resolved_from: dict[int, int] = field(default_factory=dict)  # actor -> sentence that names it
    nominals: list[Clause] = field(default_factory=list)  # acts named by a noun with their doer (dep "nominal")
    # The spaCy Doc the clauses were read from (one clause per VERB token, or the AUX root, in
    # token order), for readings over dependencies (stances, follow-ups).
    doc: Any = field(default=None, repr=False, compare=False)

@dataclass
class Analysis:
    actors: list[Found]
    sentences: list[SentenceInfo]

def is_actor(found: Found) -> bool:
    """Whether a name the parse found is an actor of the article: it takes part in what
    happens (an institution named only by a common noun must act or speak, not merely be
    acted on: "kept Brandt's head office"), or it is a person's full name; a one-word
    "person" that never takes part is more often a misread product or place ("Aster")."""
    if found.label == "MERGED":
        return False
    if found.label == "INSTITUTION":
        return found.acts > 0
    if found.label == "PERSON" and found.roles == 0:
        return len(found.key.split()) > 1
    return found.roles > 0


def fold(text: str) -> str:
    """A name as a registry key: no article, possessive or punctuation, lower case."""
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"['\u2019]s?$", "", text)
    return re.sub(r"[^\w]+", " ", text.replace(".", "")).strip().lower()

def initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w[0].isupper())

class Registry:
    """Actors by folded key, with the surname and acronym folding of names."""

    def __init__(self) -> None:
        self.actors: list[Found] = []
        self.by_key: dict[str, int] = {}
        self.merged: dict[int, int] = {}  # an actor found to be another, named later -> that one

    def add(self, name: str, label: str, sentence: int) -> int:
        key = fold(name)
        found = self.lookup(name, label)
        if found is not None:
            actor = self.actors[found]
            if name not in actor.mentions:
                actor.mentions.append(name)
            return found
        new = self.insert(Found(key=key, name=name, label=label, mentions=[name], first=sentence))
        if label == "ORG":
            self._named_after_description(new)
        return new

    def insert(self, found: Found) -> int:
        """A new actor, indexed by its key: its index."""
        self.actors.append(found)
        self.by_key[found.key] = len(self.actors) - 1
        return len(self.actors) - 1

    def _named_after_description(self, new: int) -> None:
        """A body described before it is named is the named one ("Ireland's competition watchdog"
        ... "the Competition and Fair Trade Office", "the power company" ... "Cascade Ridge Power"):
        the one earlier description in lower case, by a noun that describes any body of its kind
        (company, watchdog ...), whose modifiers are all words of the name and whose head is not (the
        same head is a short form's), when no other name has them. Not a name whose
        head comes first ("the property company" is no "Association of Property Owners")."""
        name = self.actors[new]
        words = set(name.key.split())
        if " of " in name.name:
            self._owned_description(new)
            return

        def modifiers(found: Found) -> list[str]:
            said = re.sub(r"^(?:the|a|an)\s+", "", found.name).split()
            owned = max((i for i, w in enumerate(said) if w.endswith(("'s", "s'", "\u2019s"))), default=-1)
            rest = said[owned + 1 :]
            lower = len(rest) > 1 and all(w.islower() for w in rest) and rest[-1] not in words
            lower = lower and rest[-1] in DESCRIPTOR_HEADS  # not "the energy ministry" ... "Energy Workers Federation"
            return rest[:-1] if lower else []

        said_of = {i: set(modifiers(a)) for i, a in enumerate(self.actors[:new]) if a.label == "INSTITUTION"}
        described = [i for i, mods in said_of.items() if mods and mods <= words]
        if len(described) == 1 and not any(
            a.label == "ORG" and said_of[described[0]] <= set(a.key.split()) for a in self.actors[:new]
        ):
            self.merge(described[0], new)

    def _owned_description(self, new: int) -> None:
        """The same for a name of the form "Association of ...", "Ministry of ...": the one earlier
        description with an owner ("Poland's largest road freight association", "Brazil's trade
        ministry") whose head is the name's first word and one of whose other words is in the name
        ("road", "trade"); not "Germany's economy ministry" ... "the Ministry of Finance"."""
        key = self.actors[new].key.split()
        words, head = set(key), key[0] if key else ""
        found = []
        for i, body in enumerate(self.actors[:new]):
            said = re.sub(r"^(?:the|a|an)\s+", "", body.name).split()
            owned = max((k for k, w in enumerate(said) if w.endswith(("'s", "s'", "\u2019s"))), default=-1)
            rest = said[owned + 1 :]
            if body.label != "INSTITUTION" or owned < 0 or len(rest) < 2 or not all(w.islower() for w in rest):
                continue
            owner = countries_in([re.sub(r"(?:'s|s'|\u2019s)$", "", said[owned])])
            named = countries_in(self.actors[new].name.split()[1:])  # "of Argentina", "of German Road Carriers"
            if rest[-1] == head and any(w in words for w in rest[:-1]) and not (owner and named and owner - named):
                found.append(i)
        if len(found) == 1:
            self.merge(found[0], new)

    def has_roles(self, i: int | None) -> bool:
        """Whether actor `i` (if any) has acted or been acted upon already."""
        return i is not None and bool(self.actors[i].roles)

    def lookup(self, name: str, label: str) -> int | None:
        key = fold(name)
        if key in self.by_key:
            return self.by_key[key]
        words = key.split()
        for i, actor in enumerate(self.actors):
            their = actor.key.split()
            if actor.label == "PERSON" and len(words) == 1 and words[0] in (their[-1], their[0]) and len(their) > 1:
                return i  # "Blinken" is Antony Blinken
            if label == "PERSON" and actor.label == "PERSON" and len(their) == 1 and len(words) > 1:
                if their[0] == words[-1]:
                    if words[0].rstrip(".") not in ADDRESS_FORMS:  # ("Okafor" ... "Ms Okafor": still Okafor)
                        self.promote(i, name, key)
                    return i
            bare = name.replace(".", "")
            if label != "PERSON" and re.fullmatch(r"[A-Z]{2,6}", bare) and initials(actor.name) == bare:
                return i  # "US" beside "United States"
            if label != "PERSON" and re.fullmatch(r"[A-Z]{3,6}", bare) and initials(actor.name).endswith(bare):
                return i  # "OFAC" beside "the Treasury Department's Office of Foreign Assets Control"
            if actor.label != "PERSON" and re.fullmatch(r"[A-Z]{2,6}", actor.name.replace(".", "")):
                if initials(name) == actor.name.replace(".", ""):
                    self.promote(i, name, key)
                    return i
        return None

    def merge(self, old: int, into: int) -> None:
        """Actor `old` is `into` ("Iran's interior minister" ... "Interior Minister Ahmad Vahidi"):
        its forms and roles move over, and `Analysis` readers see `into` wherever `old` was."""
        gone, kept = self.actors[old], self.actors[into]
        kept.mentions += [m for m in gone.mentions if m not in kept.mentions]
        kept.roles, kept.acts = kept.roles + gone.roles, kept.acts + gone.acts
        gone.roles = gone.acts = 0
        gone.label = "MERGED"
        self.merged[old] = into
        for key, i in self.by_key.items():
            if i == old:
                self.by_key[key] = into

    def fold_places_into_councils(self) -> None:
        """A town acting is its council ("the town council of Skarvik" ... "Skarvik is cutting off
        the branch it sits on"): a one-word place, or a town read as a person, that takes part and
        that one council of the article is named for (not "drivers in the city of Westmark")."""
        for i, place in enumerate(self.actors):
            if place.label not in ("PERSON", "GPE") or " " in place.key or place.title or not place.roles:
                continue
            named = re.compile(rf"(?:\bcouncil of {re.escape(place.name)}|^(?:the )?{re.escape(place.name)}"
                               r"(?: (?:city|town|municipal|county|district))? council)$", re.I)  # fmt: skip
            councils = [j for j, body in enumerate(self.actors)
                        if body.label in ("INSTITUTION", "ORG") and named.search(body.name)]  # fmt: skip
            if len(councils) == 1:
                self.merge(i, councils[0])

    def promote(self, i: int, name: str, key: str) -> None:
        """A fuller form seen later becomes the name ("Blinken" ... "Antony Blinken")."""
        actor = self.actors[i]
        actor.name = name
        actor.key = key
        self.by_key[key] = i
        if name not in actor.mentions:
            actor.mentions.append(name)

