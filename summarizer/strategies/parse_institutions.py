"""Institutions named by a common noun, for the guided strategy's parse.

"The civil protection agency said", "a court in Varnes ruled", "the company": a body named by
what it is, not by a proper name, is an actor when it acts or is addressed. Such a phrase is the
body the article named with that description ("Havenbond, the union"), the one business named
("the company"), the state ("the government"), the same body in another term ("the previous
council"), else a new institution. Rules are over parse labels and the closed classes of nouns
below; none names an entity.
"""

from __future__ import annotations

from typing import Any

from .parse_coref import BUSINESS_NOUNS, GOVERNMENT_NOUNS, SUBJECT_INSTITUTIONS
from .parse_descriptions import bare, hyphenated, name_of, placed_in
from .parse_groups import called_name
from .parse_pronouns import PronounReader
from .parse_titles import strip_det
from .parse_types import Found, fold
from .words import word_tables

__all__ = ["INSTITUTIONS", "TERM_ADJECTIVES", "InstitutionReader"]

INSTITUTIONS, TERM_ADJECTIVES, REGULATOR_NOUNS, REGULATOR_HEADS, COLLECTIVE_BODIES = word_tables(
    "parse_institutions", "INSTITUTIONS TERM_ADJECTIVES REGULATOR_NOUNS REGULATOR_HEADS COLLECTIVE_BODIES"
)


class InstitutionReader(PronounReader):
    """Bodies named by a common noun (the base of `parse_actors.ActorReader`)."""

    def _institution(self, head: Any, number: int) -> int | None:
        """An institution named by a common noun ("the civil protection agency"), when it acts or is addressed."""
        noun = head.lemma_.lower()  # "the hospital trust said": only as a subject, and with no apposed name
        doer = head.dep_ == "nsubj" or head.dep_ == "pobj" and head.head.dep_ == "agent"  # "was reached by the airline"
        subject = doer and not any(c.dep_ == "appos" for c in head.children)
        collective = noun in COLLECTIVE_BODIES  # "Police said": a body named without an article, tagged plural
        if noun not in INSTITUTIONS and not (subject and noun in SUBJECT_INSTITUTIONS) or (
            head.tag_ in ("NNS", "NNPS") and not collective
        ):
            return None
        if head.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "dative", "poss", "appos", "conj"):
            return None
        if any(c.dep_ == "amod" and (c.tag_ == "VBN" or c.text.islower() and c.text.endswith("ed"))
               and not hyphenated(c) for c in head.children):  # fmt: skip
            # "the combined company", "the merged group": a description, not a name ("the governing
            # council", "the organising committee": a present participle names what the body does)
            return None
        text = strip_det(self._title_span(head).text)
        det = next((c.lower_ for c in head.children if c.dep_ == "det"), None)
        called = called_name(head) or next((c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "ORG"),
                                           None)  # fmt: skip
        if called is not None:  # "a group calling itself Grey Heron", "a law firm, Brandt Okafor LLP,": that name
            return self._np(called, number) if called.ent_type_ else self._by_name(name_of(called), number)
        kind = any(c.dep_ == "relcl" for c in head.children)  # "a company that carries ... cannot": any such
        introduced = det in ("a", "an") and subject and not kind
        if introduced and (named := self._named_later(text, number)) is not None:
            return self._mention(named, text)  # "a conservation group asked ..." and later "X, the conservation group"
        if not text or text.lower() == head.lower_ and not (det == "the" or introduced or collective):
            # a bare "union" or "court" names nothing in particular; "A court in Varnes ruled" introduces one
            return None
        text += placed_in(head)  # "a regional court in Tuscany", "the board for research misconduct"
        if noun in GOVERNMENT_NOUNS:
            state = self._government(head, number)
            if state is not None:
                return self._mention(state, text)
        key = fold(text)
        if key in self.reg.by_key:
            return self.reg.by_key[key]
        if any(c.dep_ == "amod" and c.lower_ in TERM_ADJECTIVES for c in head.children):
            # "the previous council" after "Waimaru City Council": the same institution in another term
            order = [*reversed(self.recent), *reversed(range(len(self.reg.actors)))]
            same = next((i for i in order if self.reg.actors[i].label in ("ORG", "INSTITUTION")
                         and self.reg.actors[i].key.split()[-1:] == [noun]), None)  # fmt: skip
            if same is not None:
                return self._mention(same, text)
        # "the agency" after "the civil protection agency", "the council" after "the council of X": the last such
        words = key.split()
        for actor_i in reversed(self.recent):
            their = (found := self.reg.actors[actor_i]).key.split()
            cut = next((i for i, w in enumerate(their) if w in ("of", "in")), len(their))
            headed = their[:cut]  # "regional government" of "X", "court" in "Y"
            if found.label in ("INSTITUTION", "ORG") and headed[-1:] == [noun]:
                ends = (their[-len(words) :], headed[-len(words) :])
                if text.lower() == head.lower_ or (len(their) > len(words) and words in ends):
                    return actor_i
        if bare(head):
            # "the union" after "Havenbond, the union that ...": the name the article gave it.
            described = self._described(noun, number)
            described = self._described_before(noun) if described is None else described
            if described is not None:
                return self._mention(described, head.text)
        elif det in (None, "the") and any(c.dep_ in ("poss", "compound", "amod") for c in head.children) and (
            once := self._described_once(noun, head)
        ):
            # "Finland's medicines regulator ordered ..." and later "the regulator, the Medicines Safety
            # Agency": a fuller description of the one organisation the article calls by this noun
            return self._mention(self._by_name(once, number), text)
        elif noun in REGULATOR_NOUNS and any(c.dep_ == "poss" for c in head.children):
            # "New Zealand's banking regulator fined X" and then "The Prudential Supervision Office said":
            # news leads with what a regulator does and names it after; the one regulatory body named
            bodies = [n for n in self.described.organisations if n.split()[-1].lower() in REGULATOR_HEADS]
            if len(bodies) == 1:
                return self._mention(self._by_name(bodies[0], number), text)
        if bare(head) and (noun in BUSINESS_NOUNS or noun not in INSTITUTIONS):
            # "the company", "the airline": the one business named, else nobody; "the hospital" when none is
            business = self._business(head, number)
            if business is not None or noun in BUSINESS_NOUNS or any(a.label == "ORG" for a in self.reg.actors):
                return business
        return self.reg.insert(Found(key=key, name=text, label="INSTITUTION", mentions=[text], first=number))
