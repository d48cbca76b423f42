"""One sentence as the stance readings see it: the parse with the actors `parse` resolved.

Owns who is the subject of a predicate (its clause's agents, a group or pronoun the
discourse or the speaker stands for, the subject of the verb it depends on), whether
it is reported and by whom (an enclosing reporting verb, a trailing "..., X said", a
quote whose speaker a neighbouring sentence names), whether it is asserted at all (not
in what someone did not say or denies, not in an embedded question), and topics as
phrases; and the small tests of the parse the readings share (a question asked, a
halt asked for, an idiom of harm).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .lexicon import (
    AFFILIATION_PREPS,
    CONDITION_MARKS,
    DENYING,
    GROUP_DETERMINERS,
    HYPOTHETICAL_MODALS,
    MAYBE_MODALS,
    PHRASE_BREAKS,
    QUESTION_MARKS,
    TRAILING_WORDS,
)
from .parse_types import Analysis, Found, SentenceInfo
from .stance_words import (
    ABOUT,
    ASKING_FOR,
    ASSURING,
    DEBTS,
    EVENTUALITIES,
    GUARANTORS,
    HABITUAL,
    HARM_IDIOMS,
    INVERTED_MODALS,
    PAIR,
    PRONOUNS,
    PROVISOS,
    QUOTES,
    REDRESS_NOUNS,
    REDRESS_VERBS,
    REVERSING,
    SANCTIONS,
    SCRUTINY,
    STOPS,
    TOPIC_WORDS,
    UNABLE,
)

__all__ = [
    "Reading", "StanceSentence", "asks_which", "both_sides", "embedded_question", "halted", "harm_idiom", "hedged",
    "is_group", "is_negated", "phrase", "prep_object", "redress", "worried",
]  # fmt: skip


@dataclass
class Reading:
    """One stance a sentence states."""

    holder: int  # index into the analysis' actors
    position: str  # support, oppose, concern, neutral
    topic: str
    target: int | None
    token: int  # the predicate's token index in the sentence


def is_negated(tok: Any) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def phrase(tok: Any) -> str:
    """A topic as written: the phrase `tok` heads, without a relative clause or apposition, a few words long."""
    doc = tok.doc
    start, end = tok.left_edge.i, tok.i + 1
    if tok.pos_ in ("VERB", "AUX"):
        end = tok.right_edge.i + 1  # a clause: "build wide agreement among ..."
    else:
        for child in tok.rights:
            if child.dep_ in ("relcl", "acl", "appos", "punct", "cc") or child.text in PHRASE_BREAKS:
                break
            if child.dep_ == "conj" and child.pos_ not in ("NOUN", "PROPN"):
                break
            end = max(end, child.right_edge.i + 1)
    while start < end and (doc[start].dep_ in ("punct", "mark", "cc", "aux") or doc[start].text in QUOTES):
        start += 1
    while end > start and (doc[end - 1].dep_ in ("punct", "cc") or doc[end - 1].text in QUOTES + ","):
        end -= 1
    # The parse splits "de-escalation" into three tokens and may hang the rest on the hyphen:
    # a word is never cut at a hyphen written without spaces.
    while end < len(doc) - 1 and end > start and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_:  # fmt: skip
        end += 2
    words = doc[start:end].text.replace("\u201c", "").replace("\u201d", "").replace('"', "").split()
    if len(words) <= TOPIC_WORDS:
        return " ".join(words)
    words = words[:TOPIC_WORDS]
    while words and words[-1].lower() in TRAILING_WORDS:
        words.pop()
    return " ".join(words) + "\u2026"


def prep_object(tok: Any, preps: tuple[str, ...] = ABOUT) -> Any | None:
    """The object of the first telling preposition under `tok` ("concern over X", "thanked X for Y")."""
    for prep in preps:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == prep:
                for obj in child.children:
                    if obj.dep_ in ("pobj", "pcomp") and obj.ent_type_ not in ("DATE", "TIME"):
                        return obj
    return None


def embedded_question(clause: Any) -> bool:
    """ "how the company would ...", "whether it would ...": a clause that asks."""
    return clause.left_edge.tag_ in ("WRB", "WP", "WDT") or any(
        c.dep_ == "mark" and c.lower_ in QUESTION_MARKS for c in clause.children
    )


def asks_which(tok: Any | None) -> bool:
    return tok is not None and any(c.tag_ in ("WDT", "WP") for c in tok.children)


def harm_idiom(tok: Any) -> bool:
    """ "put X at risk", "broke the rules": harm said with a common verb."""
    link, words = HARM_IDIOMS.get(tok.lemma_.lower(), ("", frozenset()))
    if link == "at":
        return any(t.lower_ in words and t.head.lower_ == "at" for t in tok.subtree)
    if link == "prt":  # "cracked down on protests"
        return any(c.dep_ == "prt" and c.lower_ in words for c in tok.children)
    return link == "dobj" and any(c.dep_ == "dobj" and c.lemma_.lower() in words for c in tok.children)


def halted(tok: Any) -> Any | None:
    """In content that asks for a halt or a refusal ("the rocket fire had to end", "would not
    negotiate"), what is to stop: the halting verb's subject, else the verb. Not undoing ("urged the
    port not to cancel the contract") keeps a thing: no halt."""
    chain, verbs = [tok], []
    while chain:  # the content and the clauses it continues into, not its purpose or relative clauses
        t = chain.pop()
        verbs.append(t)
        chain += [c for c in t.children if c.dep_ in ("xcomp", "ccomp", "conj")]
    for t in sorted(verbs, key=lambda v: v.i):
        if t.pos_ == "VERB" and t.lemma_.lower() in REVERSING:  # "urged X to reconsider": against what is undone
            return None if is_negated(t) else next((c for c in t.children if c.dep_ in ("dobj", "nsubjpass")), t)
        # a denied state ("the council was not opposed to ...") is a claim, not a halt asked for
        if t.pos_ in ("VERB", "AUX") and (t.lemma_.lower() in STOPS or is_negated(t) and t.lemma_.lower() != "be"):
            subject = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return subject if subject is not None and subject.pos_ != "PRON" else t
    return None


def redress(topic: Any) -> bool:
    """Whether what is asked for makes another party yield, pay or answer in law: a content clause of
    redress ("to concede", "that the firm compensate drivers", "that the government pay compensation")
    or a thing of it ("an injunction", "a class action", "a compensation fund")."""
    if topic.pos_ not in ("VERB", "AUX"):
        return _redress_noun(topic)
    verbs = [topic, *(c for c in topic.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    return any(
        not is_negated(v) and (v.lemma_.lower() in REDRESS_VERBS
                               or any(c.dep_ == "dobj" and _redress_noun(c) for c in v.children))
        for v in verbs
    )  # fmt: skip


def _redress_noun(tok: Any) -> bool:
    words = [tok.lemma_.lower(), *(f"{c.lower_} {tok.lower_}" for c in tok.children if c.dep_ == "compound")]
    if tok.lemma_.lower() in SANCTIONS:  # "a four-year ban", not "a ban on large ships"
        return not any(c.dep_ == "prep" and c.lower_ == "on" for c in tok.children)
    return any(w in REDRESS_NOUNS for w in words) or any(
        c.dep_ == "compound" and c.lemma_.lower() in REDRESS_NOUNS for c in tok.children)


def worried(topic: Any) -> Any | None:
    """What a request of another voices a worry about (concern): the matter of the scrutiny asked for ("an
    independent review of the maintenance programme", "an inquiry into the collapse"), or what the guarantee
    asked for would secure ("a guarantee that the call centre would stay open", "asked the board to guarantee
    November's wages"). None for anything else, for scrutiny of nothing named ("asked for an inquiry") and of
    a matter someone calls theirs ("asked for a hearing on its appeal": its own case, no worry about it)."""
    lemma = topic.lemma_.lower()
    if topic.pos_ == "NOUN" and lemma in SCRUTINY:
        matter = prep_object(topic, ("of", "into", "on", "over"))
        if matter is None or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in matter.children):
            return None
        return matter
    if lemma not in ASSURING or is_negated(topic) or topic.pos_ not in ("NOUN", "VERB"):
        return None
    # "a guarantee that ...", "to guarantee that ...": its content; "guarantees on jobs". Not a guarantor's
    # ("to guarantee the loan", "a loan guarantee", "a guarantee for the bonds"): a matter of money, no worry.
    if any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in GUARANTORS | DEBTS for c in topic.children):
        return None  # "a government guarantee on its new bonds", "a state guarantee": backing for money
    content = next((c for c in topic.children if c.dep_ in ("acl", "ccomp")
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)  # fmt: skip
    if content is not None or topic.pos_ == "VERB":
        return content
    matter = prep_object(topic, ("on", "over", "about"))
    if matter is not None and (matter.lemma_.lower() in DEBTS or any(c.dep_ == "poss" for c in matter.children)):
        return None  # "a guarantee on the loan from the state", "on its bonds": a matter of money, or one's own
    return matter


def hedged(verb: Any) -> bool:
    """A request not made as such: one the holder can or may make ("can ask for a review within 30 days"),
    one held out under a condition ("would ask for a review if the port refused", "... provided that members
    agreed", "in the event that talks failed", "should talks fail"), a past habit ("used to demand an audit",
    "in the 1990s would demand an audit", "would demand an audit every spring")."""
    return any(c.dep_ == "aux" and c.lower_ in UNABLE | MAYBE_MODALS for c in verb.children) or any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children)
        for c in verb.children) or verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "use" or any(
        _condition(t) for t in verb.subtree) or _habit(verb)  # fmt: skip


def _condition(tok: Any) -> bool:
    """A condition not marked with "if": "provided (that) members agreed", "providing members agreed", "in the
    event that talks failed", a clause led by its modal ("should talks fail")."""
    doc, nxt = tok.doc, tok.nbor() if tok.i + 1 < len(tok.doc) else None
    if tok.lower_ in PROVISOS and nxt is not None:
        return nxt.lower_ == "that" and nxt.dep_ == "mark" or nxt.dep_ in ("nsubj", "nsubjpass") and nxt.head.i > nxt.i
    if tok.lower_ in EVENTUALITIES and tok.i >= 2:
        return bool(doc[tok.i - 2].lower_ == "in" and doc[tok.i - 1].dep_ == "det")
    return tok.dep_ == "aux" and tok.lower_ in INVERTED_MODALS and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.i > tok.i for c in tok.head.children)  # (a question: `asked`)


def _habit(verb: Any) -> bool:
    """ "in the 1990s the union would demand an audit", "the union would demand an audit every spring" (not
    reported: "said it would demand one every spring" is a future): "would" of what used to happen."""
    if not any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_MODALS for c in verb.children):
        return False
    times = [t for c in verb.children if c.dep_ in ("prep", "npadvmod") for t in c.subtree]
    return any(re.fullmatch(r"\d{3}0s", t.text) for t in times) or verb.dep_ == "ROOT" and any(
        t.dep_ == "det" and t.lower_ in HABITUAL for t in times)  # fmt: skip


def both_sides(tok: Any) -> bool:
    """ "both sides", "both companies", "the two governments": every party to a dispute, asked alike."""
    return _counted(tok, lambda c: c.lower_ in PAIR)


def is_group(tok: Any) -> bool:
    """A pronoun or a counted group ("they", "the three governments", "both sides") standing for actors named before."""
    if tok.pos_ == "PRON":
        return tok.lower_ in PRONOUNS
    # Any count the parse reads as a number ("the five unions", "the 12 members"), or "both".
    return _counted(tok, lambda c: c.like_num or c.pos_ == "NUM")


def _counted(tok: Any, count: Callable[[Any], bool]) -> bool:
    """A plural noun with "both"/"all" or a count that `count` accepts ("the two governments")."""
    return tok.tag_ == "NNS" and any(
        (c.dep_ == "nummod" and count(c)) or (c.dep_ in ("det", "predet") and c.lower_ in GROUP_DETERMINERS)
        for c in tok.children
    )


class StanceSentence:
    """One sentence's parse with the actors `parse` resolved for it."""

    def __init__(self, info: SentenceInfo, actors: list[Found], previous: int | None):
        self.info = info
        self.doc = info.doc
        self.actors = actors
        self.previous = previous  # the holder the discourse is about (for "they", "the three countries")
        self.clause_at = {c.index: c for c in info.clauses if c.index >= 0}

    def actor_in(self, tok: Any) -> int | None:
        """An actor this sentence mentions whose name is in the phrase headed by `tok`."""
        text = f" {self.doc[tok.left_edge.i : tok.i + 1].text.lower()} "
        for actor in self.info.mentioned:
            if any(f" {m.lower()} " in text or f" {m.lower()}'" in text for m in self.actors[actor].mentions if m):
                return actor
        # A name written as it was elsewhere, which the parse did not find in this sentence
        # ("Baltrans rejected the criticism" tagged as a plural noun): that actor, by its name.
        cased = f" {self.doc[tok.left_edge.i : tok.i + 1].text} "
        for actor, found in enumerate(self.actors):
            if any(m[:1].isupper() and (f" {m} " in cased or f" {m}'" in cased) for m in found.mentions):
                return actor
        if tok.pos_ == "NOUN":  # "analysts at Brookfield", "observers from the network": who they speak for
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ in AFFILIATION_PREPS:
                    for obj in prep.children:
                        if obj.dep_ == "pobj" and obj.pos_ == "PROPN":
                            return self.actor_in(obj)
        return None

    def recipients(self, verb: Any) -> list[int]:
        """The actors `parse` read as the verb's object or participants."""
        clause = self.clause_at.get(verb.i)
        return list(clause.recipients) if clause is not None else []

    def subject(self, verb: Any, depth: int = 0) -> int | None:
        """The actor acting as `verb`'s subject: its clause's agents, a group the discourse
        names, or (no subject of its own) that of the verb it depends on."""
        clause = self.clause_at.get(verb.i)
        if clause is not None and clause.agents and not clause.agents_by_rule:
            return clause.agents[0]
        subj = self.subject_token(verb)
        if subj is not None:
            if subj.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                return self.actor_in(verb.head)  # "the union, which welcomed ..."
            actor = self.actor_in(subj)
            if actor is None and subj.pos_ == "PRON" and subj.lower_ in PRONOUNS:
                report = self.report(verb)  # "Aerlift said it would appeal": the speaker
                if report is not None and subj.lower_ == "they" and verb.lemma_.lower() in ASKING_FOR and self._person(
                        report[1]):  # fmt: skip
                    return None  # '"They want a scapegoat," he said': what others want, not the one speaking
                return report[1] if report is not None else self.previous
            return self.previous if actor is None and is_group(subj) else actor
        if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp") and verb.head.i != verb.i and depth < 4:
            return self.subject(verb.head, depth + 1)
        return None

    def _person(self, actor: int) -> bool:
        found = self.actors[actor]
        return found.label == "PERSON" and not found.institution

    @staticmethod
    def subject_token(verb: Any) -> Any | None:
        """The verb's subject as written: "by X" of a passive, else its nsubj (None: no subject of its own)."""
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
        if subj is not None and subj.dep_ == "nsubjpass":
            return next((o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"),
                        subj)  # fmt: skip
        return subj

    def asserted(self, tok: Any) -> bool:
        """Not in what someone did not say or denies, not in a question or a condition ("did not say whether
        it supported ...", "before deciding whether to recommend ...", "if the board agrees")."""
        for anc in [tok, *tok.ancestors]:
            clause = self.clause_at.get(anc.i)
            if clause is not None and clause.reporting and clause.negated and anc.i != tok.i:
                return False
            if anc.i != tok.i and anc.lemma_.lower() in DENYING:
                return False  # "denied that he had promised to back ...": what is denied is not held
            if any(c.dep_ == "mark" and c.lower_ in QUESTION_MARKS for c in anc.children):
                return False
            # An embedded question ("asked how ..."); "condemned what he called ..." labels, it does not ask.
            if anc.dep_ == "ccomp" and anc.left_edge.tag_ in (("WRB",) if anc.i == tok.i else ("WRB", "WP", "WDT")):
                return False
        return True

    def report(self, tok: Any) -> tuple[int, int] | None:
        """(token index, speaker) of the report `tok` is part of the content of: an enclosing
        reporting verb, a trailing "..., X said", or a quote whose speaker a neighbour names."""
        for anc in tok.ancestors:
            clause = self.clause_at.get(anc.i)
            if clause is not None and clause.reporting:
                subject = [c for c in anc.children if c.dep_.startswith("nsubj")]
                if any(s.left_edge.i <= tok.i <= s.right_edge.i for s in subject):
                    return None  # in the speaker's own description
                speaker = clause.agents[0] if clause.agents else self.info.source
                return (anc.i, speaker) if speaker is not None else None
        for t in self.doc:
            clause = self.clause_at.get(t.i)
            if clause is not None and clause.reporting and t.dep_ in ("parataxis", "ccomp") and t.i != tok.i:
                speaker = clause.agents[0] if clause.agents else self.info.source
                if speaker is not None and t.head.i in [a.i for a in tok.ancestors] + [tok.i]:
                    return t.i, speaker
        if self.info.source is not None and self.doc.text[:1] in QUOTES:
            return -1, self.info.source
        return None

    def holder(self, tok: Any, subject: int | None) -> int | None:
        """The subject, or the speaker when `tok` is reported and the report leads or the subject is no actor."""
        report = self.report(tok)
        if report is None:
            return subject
        at, speaker = report
        if subject is None and at > tok.i:
            # "X reiterated A, stressing B, the spokesman said": the reported clause's own subject
            # holds B (the parse often hangs such a participle too low to reach it), not the reporter.
            content = next((a for a in tok.ancestors if a.head.i == at and a.i != at), None)
            subject = self.subject(content) if content is not None else None
        return speaker if subject is None or at < tok.i else subject

    def target(self, topic: Any | None, holder: int | None) -> int | None:
        if topic is None:
            return None
        actor = self.actor_in(topic)
        if actor is None:
            actor = next((self.actor_in(c) for c in topic.children if c.dep_ == "poss"), None)
        return actor if actor != holder else None


def folded(text: str) -> str:
    """Text compared as words only: case, punctuation and "&" for "and" folded."""
    return re.sub(r"\W+", " ", text.replace("&", " and ")).strip().lower()


def sentence_before(analysis: Analysis, number: int) -> int:
    """The number of the sentence just before `number` in the analysis."""
    earlier = [s.number for s in analysis.sentences if s.number < number]
    return earlier[-1] if earlier else -2
