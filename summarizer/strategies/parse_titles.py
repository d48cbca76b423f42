"""Which office a title names: its owner and its words, for telling one office holder from another.

A title with an owner ("Qatar's Minister of Foreign Affairs", "the Canadian foreign
minister", "the mayor of Dorrow") names the holder of THAT owner's office: it is the same
office as an earlier title only when the owners agree (the same actor, or the same name
or nationality stem: "Canada's", "Canadian") and the words agree ("Foreign Minister" and
"Minister of Foreign Affairs", not "prime minister" and "trade minister"). A bare title
("the minister") may continue any holder of the role. Rules over parse labels only.
"""

from __future__ import annotations

import re
from typing import Any

from .parse_coref import Coreference
from .parse_descriptions import PLACE_NOUNS, ent_text
from .parse_groups import split_title
from .parse_pipeline import HANDLE
from .parse_types import ADDRESS_FORMS, Found, fold
from .words import word_tables

__all__ = [
    "TITLE_ENDS", "TITLE_FILLER", "Office", "TitleReader", "office_of", "owner_in", "same_office", "same_owner",
    "strip_det", "title_tables",
]  # fmt: skip

TITLE_FILLER, TITLE_ENDS, NO_LONGER, WHOSE, BODY_NOUNS = word_tables(
    "parse_titles", "TITLE_FILLER TITLE_ENDS NO_LONGER WHOSE BODY_NOUNS"
)
_DET = re.compile(r"^(?:the|a|an|his|her|their|its)\s+", re.I)


def title_tables() -> list[object]:
    """The pattern above, for the guided strategy's rules fingerprint (words.toml has the words)."""
    return [_DET.pattern]


def strip_det(text: str) -> str:
    """A title as a name: no leading article or possessive pronoun ("the mayor" -> "mayor")."""
    return _DET.sub("", text)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower())) - TITLE_FILLER


def _owner_token(tok: Any) -> bool:
    return tok.ent_type_ in ("GPE", "ORG", "NORP") or tok.dep_ == "poss" and tok.pos_ != "PRON"


def _text(tok: Any) -> str:
    """A modifier's words, folded: "the agency's" -> "agency"."""
    return " ".join(t.lower_ for t in tok.subtree if t.is_alpha and t.dep_ != "det")


def _unowned(title: str) -> str:
    """A title without its owner: "NATO's secretary general" -> "secretary general"."""
    return re.sub(r"^.*['\u2019]s?\s+", "", title).lower()


def _charge(of: Any) -> bool:
    """An "of" phrase that is no part of a title: what someone is accused of ("accused the mayor
    of gambling ...", "of 'gambling ...'"), a gerund or a quotation."""
    nxt = of.doc[of.i + 1] if of.i + 1 < len(of.doc) else None
    return nxt is not None and (nxt.tag_ == "VBG" or nxt.is_quote or nxt.tag_ == "``")


def _placed(of: Any) -> set[int]:
    """The tokens of a place the owner of a title is said to be in ("the council of the University
    of X in Ireland"): where it is, not part of its name."""
    out: set[int] = set()
    for prep in (t for t in of.subtree if t.dep_ == "prep" and t.lower_ == "in" and t.i > of.i):
        places = [o for o in prep.children if o.dep_ == "pobj"]
        if places and all(o.ent_type_ == "GPE" for o in places):
            out |= {t.i for t in prep.subtree}
    return out


class Office:
    """A title as written at one mention: its role noun, owner and describing words."""

    def __init__(self, role: str, owner: str, words: set[str], of_words: set[str]):
        self.role = role
        self.owner = owner  # the owner as written, folded ("qatar", "canadian"); "" if none
        self.words = words  # the describing words, not the role or owner ("foreign", "affairs")
        self.of_words = of_words  # those from an "of" phrase ("Minister of Foreign Affairs")


def office_of(head: Any) -> Office:
    """The office a role noun `head` names, read from its modifiers and "of" phrase."""
    owner = ""
    words: set[str] = set()
    of_words: set[str] = set()
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i > head.i and not _charge(child):
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                if any(t.ent_type_ in ("GPE", "ORG", "NORP") for t in obj.subtree):
                    owner = owner or _text(obj)  # "the mayor of Dorrow"
                else:  # "Minister of Foreign Affairs"
                    of_words |= {t.lemma_.lower() for t in obj.subtree if t.is_alpha}
        elif child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < head.i:
            if _owner_token(child) and not owner:
                owner = _text(child)
            elif not _owner_token(child):
                words |= {t.lemma_.lower() for t in child.subtree if t.is_alpha}
    of_words -= TITLE_FILLER
    words = (words | of_words) - TITLE_FILLER - {head.lemma_.lower()}
    return Office(head.lemma_.lower(), owner, words, of_words)


def owner_in(words: Any) -> str:
    """The owner in the words before a name ("US Secretary of State", "Canadian Foreign Minister"), folded."""
    for tok in words:
        if tok.ent_type_ in ("GPE", "ORG", "NORP") or tok.dep_ == "poss":
            ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
            span = [t for t in (ent if ent is not None else [tok]) if t.i < words.end]
            return " ".join(t.lower_ for t in span if t.is_alpha)
    return ""


def same_owner(a_anchor: int | None, a_owner: str, b_anchor: int | None, b_owner: str) -> bool:
    """Whether two titles' owners can be the same: the same actor, else the same stem as written
    ("canada", "canadian"); a title with no owner fits any."""
    if a_anchor is not None and b_anchor is not None:
        return a_anchor == b_anchor
    if a_owner and b_owner:
        return a_owner[:4] == b_owner[:4]
    return True


def same_office(held: Found, office: Office, anchor: int | None) -> bool:
    """Whether `held` (a person or office with a title) holds the office a mention names: the
    role is among its title's words, the owners can be one, and the mention's describing words
    are the held title's, or share one with it and add only an "of" phrase's."""
    if not held.title or held.label not in ("PERSON", "TITLE"):
        return False
    title = _words(held.title)
    if office.role not in title or not same_owner(held.anchor, held.owner, anchor, office.owner):
        return False
    theirs = title - _words(held.owner) - {office.role}
    extra = office.words - theirs
    return not extra or bool(office.words & theirs) and extra <= office.of_words


class TitleReader(Coreference):
    """Titles over the registry: the span a title covers, the holder of an office, the title
    before a person's name (the base of `parse_actors.ActorReader`)."""

    def _title_span(self, head: Any) -> Any:
        """The title as written: the role noun with its possessor, modifiers and "of" phrase."""
        keep = [head]
        for child in head.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < head.i:
                keep += list(child.subtree)
            elif child.dep_ == "prep" and child.lower_ == "of" and child.i > head.i and not _charge(child):
                keep += [t for t in child.subtree if t.i not in _placed(child)]
        idx = sorted(t.i for t in keep)
        span = head.doc[idx[0] : idx[-1] + 1]
        comma = next((t.i for t in span if t.text in TITLE_ENDS and t.i > head.i), None)
        return head.doc[idx[0] : comma] if comma is not None else span

    def _office(self, head: Any, anchor: int | None) -> Office:
        """The office a role noun names; its owner the anchor's name when the title writes
        none ("its managing director")."""
        office = office_of(head)
        if not office.owner and anchor is not None:
            office.owner = fold(self.reg.actors[anchor].name)
        return office

    def _holder(self, office: Office, anchor: int | None) -> int | None:
        """Who holds `office`: the last one mentioned with that title; for a title with an
        owner also one named earlier in this sentence or long before ("Qatar's Foreign
        Minister as well as the Canadian Foreign Minister")."""
        owned = bool(office.owner) or anchor is not None
        others = [i for i in reversed(range(len(self.reg.actors))) if owned and i not in self.recent]
        for actor_i in [*reversed(self.recent), *others]:
            if same_office(self.reg.actors[actor_i], office, anchor):
                return actor_i
        return None

    def _handle(self, actor: int, span: Any) -> int:
        """ "Canadian Foreign Minister @melaniejoly": the handle after a title is a form of its holder."""
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        return self._mention(actor, nxt.text) if nxt is not None and HANDLE.fullmatch(nxt.text) else actor

    def _titled(self, tok: Any, name: str, number: int) -> int | None:
        """ "Mayor Ana Ruiz" the recogniser missed: a title before a proper name makes a titled person."""
        if tok.ent_type_ or tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "dative", "appos", "conj"):
            return None
        after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if after is not None and after.like_num:
            return None  # "Executive Order 13553", "Resolution 2231": a document's number, not a person
        split = split_title(name, self.roles)
        if split is None:
            return None
        title, rest = split
        actor = self._by_name(rest, number, "PERSON")
        found = self.reg.actors[actor]
        found.label = "PERSON"
        found.title = found.title or title
        return actor

    def _officials(self, tok: Any, number: int) -> int:
        """A group of office holders no country or person stands for, named by its title."""
        text = strip_det(self._title_span(tok).text)
        if fold(text) not in self.reg.by_key:
            self.reg.insert(Found(key=fold(text), name=text, label="TITLE", title=text, mentions=[text], first=number,
                                  group=True))  # fmt: skip
        return self.reg.by_key[fold(text)]

    def _member_of(self, head: Any, number: int) -> int | None:
        """The organisation the article named before whose members a role noun names by its name
        ("a Frostgale spokesperson", "Meridian executives"): they act for it. Not former members
        ("former Meridian executives"), nor a person's staff ("Trump aides"). A common noun names
        the body only for one who speaks for it ("a ministry spokeswoman"), not for members
        ("union leaders across the country": of any union)."""
        if any(c.dep_ == "amod" and c.lower_ in NO_LONGER or c.dep_ == "prep" and c.lower_ in WHOSE
               for c in head.children):  # fmt: skip
            return None  # (nor "union negotiators from Unison": the phrase after says whose)
        for child in (c for c in head.children if c.dep_ in ("compound", "amod") and c.i == head.i - 1):
            # (a name the tagger read as an adjective too: "a Frostgale spokesperson", "Meridian executives")
            if child.text[:1].isupper() and (child.pos_ == "PROPN" or child.dep_ == "amod") and not any(
                c.dep_ == "compound" for c in child.children
            ):
                known = self.reg.lookup(child.text, "")
                if known is None:
                    continue
                found = self.reg.actors[known]
                words = found.key.split()  # (a person's: the first word of a longer name the article describes
                if found.label in ("ORG", "INSTITUTION") or (  # as a body, "the developer Frostgale Interactive";
                    found.label == "PERSON" and len(words) > 1 and fold(child.text) == words[0]  # not "Hamilton
                    and child.ent_type_ not in ("GPE", "LOC") and self._body(found.name)
                ):  # officials" after "Hamilton Smith")
                    return self._mention(known, child.text)
            elif head.tag_ == "NN" and child.dep_ == "compound" and child.pos_ == "NOUN" and child.tag_ == "NN" \
                    and not list(child.children):
                # one spokesperson speaks for the one body the noun names ("a ministry spokeswoman"); members
                # counted in the plural may be of any ("union leaders across the country")
                named = self._spoken_for(child.lemma_.lower(), number)
                if named is not None and self.reg.actors[named].label in ("ORG", "INSTITUTION"):
                    return named
        return None

    def _spoken_for(self, noun: str, number: int) -> int | None:
        """The one organisation a "<noun> spokesperson" speaks for: the only one the article calls
        by the noun, where it describes it so ("the airline Skyvia") or calls it "the <noun>" alone
        ("the agency" after "the Northern Roads Agency"); not the last word of a name alone ("the
        European Union ... a union spokesman"), nor one of two ("the Finance Ministry and the Health
        Ministry ... a ministry spokeswoman")."""
        names = [n for n in self.described.by_noun.get(noun, []) if n in self.described.organisations
                 or any(self.reg.actors[i].label == "ORG" for i in [self.reg.lookup(n, "")] if i is not None)]
        if len(set(names)) != 1 or (noun, names[0]) not in self.described.said and noun not in self.described.definite:
            return None
        return self._described(noun, number, organisations_only=True)

    def _body(self, name: str) -> bool:
        """Whether the article describes `name` by a noun of a body (BODY_NOUNS, or a noun of an institution),
        neither a place nor an office ("the publisher X", "the Helsinki developer X"; not "X, the mayor", "the
        investor X")."""
        return any(name in names and noun not in self.roles for noun, names in self.described.by_noun.items()
                   if noun not in PLACE_NOUNS and (noun in BODY_NOUNS or noun in self.generic))  # fmt: skip

    def _person(self, text: str) -> bool:
        known = self.reg.lookup(text, "PERSON")
        return known is not None and self.reg.actors[known].label == "PERSON"

    def _untitled(self, ent: Any) -> str | None:
        """A person's name the tagger began with a title or a form of address ("Councillor Owen
        Pryce", "Mrs Garside", "Councillor Pryce" read as an organisation): the name after it.
        Only words that modify the name's head; a name the tagger did not read as a person's,
        or one word after a title, must be one known already ("General Motors" stays)."""
        words = [t for t in ent if t.is_alpha or t.text.endswith(".")]
        lead = 0
        while lead < len(words) - 1 and words[lead].dep_ == "compound" and words[lead].head.i >= words[lead].i and (
            words[lead].lemma_.lower() in self.roles or words[lead].lower_.rstrip(".") in ADDRESS_FORMS
        ):
            lead += 1
        rest = words[lead:]
        if not lead or not rest[0].text[:1].isupper() or not all(t.pos_ == "PROPN" for t in rest):
            return None
        name = ent_text(ent.doc[rest[0].i : ent.end])
        address = all(t.lower_.rstrip(".") in ADDRESS_FORMS for t in words[:lead])
        if (ent.label_ != "PERSON" or not address and len(rest) < 2) and not self._person(name):
            return None  # (a one-word name after a title must be known: "Dean Smith" is not Smith)
        return name

    def _person_title(self, ent: Any, actor: int) -> None:
        """ "US Secretary of State Antony Blinken": the modifiers before a name are its title."""
        doc = ent.doc
        head = ent.root.head
        if ent.root.dep_ == "appos" and head.dep_ == "pobj" and head.head.lower_ == "of":
            head = head.head.head  # "the mayor of Dorrow, Ilse Maartens"
        if ent.root.dep_ == "appos" and head.lemma_.lower() in self.roles:  # "his Russian counterpart, Sergei Lavrov"
            span = self._title_span(head)
            self.reg.actors[actor].title = strip_det(span.text)
            self.reg.actors[actor].anchor = self._anchor(head, self.reg.actors[actor].first)
            self.reg.actors[actor].owner = office_of(head).owner
            self._take_office(actor)  # "the mayor said ... The mayor, Ilse Maartens, said": one person
            return
        titled = next((c for c in ent.root.children if c.dep_ == "appos" and c.lemma_.lower() in self.roles
                       and c.tag_ == "NN" and c.i > ent.root.i), None)  # fmt: skip
        if titled is not None:  # "Jens Stoltenberg, NATO's secretary general": the office named before was his
            found = self.reg.actors[actor]
            found.title = strip_det(self._title_span(titled).text)
            found.anchor = self._anchor(titled, found.first)
            found.owner = office_of(titled).owner
            self._take_office(actor)
            return
        lefts = [c for c in ent.root.children if c.i < ent.start and c.dep_ in ("compound", "nmod", "amod")]
        if not lefts:
            return
        start = min(t.i for c in lefts for t in c.subtree)
        words = doc[start : ent.start]
        if any(t.lemma_.lower() in self.roles for t in words):
            found = self.reg.actors[actor]
            found.title = words.text
            anchor = next((t for t in words if t.ent_type_ in ("GPE", "ORG")), None)
            if anchor is not None:
                ent2 = next((e for e in doc.ents if e.start <= anchor.i < e.end), None)
                if ent2 is not None:
                    found.anchor = self._entity_actor(ent2, found.first)
            found.owner = owner_in(words)
            self._take_office(actor)

    def _take_office(self, actor: int) -> None:
        """ "Iran's interior minister" ... "Interior Minister Ahmad Vahidi": the office was this
        person, when only one office fits ("Norway's" and "Denmark's trade minister": which is not said)."""
        found = self.reg.actors[actor]
        owner = self.reg.actors[found.anchor].name if found.anchor is not None else ""
        title = _unowned(found.title or "")
        offices = [
            i
            for i, office in enumerate(self.reg.actors)
            if office.label == "TITLE"
            and _unowned(office.title or "") == title
            and (
                same_owner(found.anchor, found.owner, office.anchor, office.owner)
                or bool(owner) and owner in (found.title or "") and not (  # "Interior" read as an owner (not a
                    found.anchor is not None and self.reg.actors[found.anchor].label == "GPE")  # state: "Denmark's")
            )
        ]
        if len(offices) == 1:
            self.reg.merge(offices[0], actor)
