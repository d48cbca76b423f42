"""Predicates on one clause for `guided_events`: what it tells besides the main line's acts.

A relative clause or participle telling an act in passing, nothing done, a passive whose doer is the
body the report cites, an answer withheld. Nothing here names an entity or an article's topic.
"""

from __future__ import annotations

from typing import Any

from . import parse_form
from .event_types import DOCUMENTS as _DOCUMENTS, NOUN_TYPES, clause_type
from .lexicon import CONDITION_MARKS, NONE_WORDS, RELATIVE_PRONOUNS, WITHHOLDING
from .parse_types import Clause, SentenceInfo
from .stance_words import BODY_POSSESSIVES
from .words import word_tables

__all__ = [
    "claimed", "condition_by_other", "forewarned", "left_out", "nothing_done", "owned_by_pronoun", "pending",
    "reported_doer", "signed", "silent", "told_of",
]

(_NOT_REPORTERS, _ANSWERING, REPORTED, _WEIGHING, _WARNING, _DUTY, _TARGETING, _INCLUDING,
 _PENALTIES, _RISKING, _REPRISALS, _LIMITING, _TOLD_BEFORE, _TAKING_PART, _VIEWS, _NEITHER,
 _AWAITED, _PERFECT, _LAPSING) = word_tables(
    "event_clauses",
    "_NOT_REPORTERS _ANSWERING REPORTED _WEIGHING _WARNING _DUTY _TARGETING _INCLUDING _PENALTIES _RISKING "
    "_REPRISALS _LIMITING _TOLD_BEFORE _TAKING_PART _VIEWS _NEITHER _AWAITED _PERFECT _LAPSING",
)


def told_of(clause: Clause, kind: str, doc: Any = None) -> bool:
    """A relative clause that tells what its actor did ("the union, which called the strike
    on May 8, ...", "a contract X signed in October"), not what it is ("the union that represents
    4,000 workers"), or a participle that names who did it ("the contract, signed by X and Y in 2024, ...")."""
    if kind in ("OTHER", "STATEMENT"):
        return False
    if clause.dep == "acl":
        return clause.tag == "VBN" and bool(clause.agents) and not _DOCUMENTS.intersection(clause.objects)
    if clause.dep != "relcl" or not clause.past:
        return False
    if clause.subject in ("who", "which", "that"):
        return True
    # An object relative with its own doer: not a label put in passing ("what they called an attempt",
    # "reforms, which X called historic") nor an act in a plan ("would fight every bill it proposed").
    frame = doc[clause.head].head if doc is not None and 0 <= clause.head < len(doc) else None
    planned = frame is not None and (parse_form.has_modal(frame) or parse_form.conditional(frame))
    aside = bool(clause.labelled) and RELATIVE_PRONOUNS.intersection(clause.objects)
    return bool(clause.agents) and not planned and not aside


def owned_by_pronoun(clause: Clause, doc: Any, typed: bool = True) -> bool:
    """Whether the clause tells an act (a typed verb, not "its shares fell"; any verb if not `typed`) of
    a common noun owned by a pronoun ("its members voted", "their board approved"); a conjunct with
    no subject, of its head's ("its members would stay out and would block ...")."""
    verb = clause.verb_in(doc)
    if verb is None or typed and clause_type(clause) in ("OTHER", "STATEMENT"):
        return False
    verb = verb.head if clause.dep == "conj" and not clause.subject else verb
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return (subject is not None and subject.pos_ == "NOUN"
            and any(c.dep_ == "poss" and c.lower_ in BODY_POSSESSIVES for c in subject.children))  # fmt: skip


def signed(clause: Clause, doc: Any) -> bool:
    """An agreement a participle tells on its noun, no doer named: "the contract, signed in 2024," (not "contracts")."""
    return (clause.dep == "acl" and clause.tag == "VBN" and not clause.agents and doc is not None
            and any(NOUN_TYPES.get(o) == "AGREE" for o in clause.objects) and doc[clause.head].tag_ == "NN")


def nothing_done(clause: Clause, kind: str, doc: Any) -> bool:
    """Whether the clause tells that nothing was done or what was going on, not an act
    (`parse_form.nothing_done`), or is an untyped verb in the progressive ("was studying it") or
    with only a degree for complement ("X went further.": what X said comes next)."""
    verb = clause.verb_in(doc)
    if verb is None:
        return False
    untyped = kind == "OTHER" and (parse_form.progressive(verb) or parse_form.only_degree(verb))
    return parse_form.nothing_done(verb, clause.negated) or untyped


def reported_doer(clause: Clause, info: SentenceInfo, kind: str) -> bool:
    """A past passive typed act with no doer named, in a sentence that cites no one, whose subject is not
    the act itself ("the sanctions were imposed": told again): the body the report cites did it (not when
    a by-phrase names a party the parse did not resolve, "was blamed by the company on ...", unlike a
    bare plural of means, "lifted off by coast guard helicopters")."""
    verb = clause.verb_in(info.doc)
    named = verb is not None and any(
        o.dep_ == "pobj" and any(d.dep_ in ("det", "poss") for d in o.children)
        for c in verb.children if c.dep_ == "agent" for o in c.children)
    return (clause.passive and clause.past and not clause.agents and info.source is None and not named
            and not clause.negated and not _of_none(clause, info.doc)  # ("the case has not been settled", "no
            # players were suspended": nothing done, by anyone)
            and kind != "OTHER" and kind not in _NOT_REPORTERS and clause.subject not in NOUN_TYPES)  # fmt: skip


def _of_none(clause: Clause, doc: Any) -> bool:
    """Whether the clause's subject is a word of none or quantified by one ("nobody was suspended", "none of
    them", "no players were suspended", "neither player was"; not "no fewer than four players were")."""
    verb = clause.verb_in(doc)
    if verb is None:
        return False
    subjects = [t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass")]
    return any(s.lower_ in NONE_WORDS for s in subjects) or any(
        d.dep_ == "det" and (d.lower_ in NONE_WORDS or d.lower_ in _NEITHER) for s in subjects for d in s.children)


def silent(clause: Clause, clauses: list[Clause], doc: Any) -> bool:
    """An answer withheld, an act of its own: a verb of answering denied ("the ministry did not respond to
    the ultimatum", "never replied") or declined ("declined to comment on the vote"); not a question
    left open ("declined to say whether") nor a denied answer to "a request for comment" (a formula), nor an
    answer still awaited (`_awaited`: "has not yet replied to the letter": it may come)."""
    if doc is None or clause.future or clause.modal or clause.conditional or not clause.past:
        return False
    if clause.verb in WITHHOLDING and not clause.negated:
        said = [c for c in clauses if c.head == clause.index and c.dep == "xcomp" and c.index != clause.index]
    else:
        said = [clause] if clause.negated else []
    return any(
        c.verb in _ANSWERING and c.verb_in(doc) is not None
        and not any(t.dep_ in ("dobj", "ccomp") for t in doc[c.index].children)
        and not _awaited(c, clauses, doc)
        and not any(t.lemma_ == "comment" for t in doc[c.index].subtree if t.i != c.index)
        for c in said
    )  # fmt: skip


def _awaited(clause: Clause, clauses: list[Clause], doc: Any) -> bool:
    """An answer denied till now and still to come: a present perfect with "yet", "still" or "so far" ("has not
    yet replied to the letter", "has still not responded"); not one whose time ran out ("had not yet responded
    when it expired", "did not yet respond", "has not yet responded to the ultimatum, which expired on Friday")."""
    if not clause.negated or not _PERFECT.intersection(clause.aux):
        return False
    if any(c.verb in _LAPSING and c.past and c.index != clause.index for c in clauses):  # (not "which expires on")
        return False
    return any(t.dep_ == "advmod" and t.lower_ in _AWAITED for t in doc[clause.index].children)


def condition_by_other(clause: Clause, clauses: list[Clause], side: set[int], keep: set[int]) -> list[int]:
    """The other parties on whose act the clause is conditioned ("would return to the streets if X cut
    a single job", "would block the port unless X withdrew the plan"): what the speaker's side will then
    do is a threat to them."""
    conditions = [c for c in clauses if c.head == clause.index and c.dep == "advcl" and c.conditional]
    return [a for c in conditions for a in c.agents if a in keep and a not in side]


def claimed(clause: Clause, by_i: dict[int, Clause], agents: list[int], sides: dict[int, int]) -> bool:
    """Whether the clause is a speaker's account of what another party had done, told in the past
    perfect ("the union said the company had cut its staff and moved the work abroad", "said the
    authority had followed every procedure"): background the speaker argues from, not a reported act
    (what the speaker's own side had done is one: "he said Pulsio had stopped the transfers")."""
    content = by_i.get(clause.head) if clause.dep == "conj" and not clause.subject else clause
    said = by_i.get(content.head) if content is not None and content.dep in REPORTED else None
    if content is None or said is None or not said.reporting or "had" not in content.aux or content.passive:
        return False
    side = {*said.agents, *(sides[s] for s in said.agents if s in sides)}
    return bool(agents) and not set(agents) <= side


def pending(clause: Clause, doc: Any) -> bool:
    """A matter the speaker says it is weighing, its answer for now: a reported progressive of a verb of
    weighing with an object ("said it was reviewing its sponsorship", "was studying the decision"),
    not an open question ("was studying whether to appeal": what it will decide is a follow-up)."""
    verb = clause.verb_in(doc)
    if verb is None or clause.verb not in _WEIGHING or clause.dep not in REPORTED or clause.negated:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    asked = any(c.dep_ in ("ccomp", "xcomp") or c.dep_ == "mark" and c.lower_ != "that" for c in verb.children)
    return parse_form.progressive(verb) and bool(objects) and not asked  # (nor "said whether it was ...")


def forewarned(clause: Clause, clauses: list[Clause], doc: Any) -> bool:
    """A warning of a risk, told as done: "warned that the cap would cost it foreign contracts", "warned
    that many rural practices were short of staff". What it foresees is no one's act but what befalls a thing:
    a verb of change, loss, cost or state (`_RISKING`: "would rise", "could fail"; not "tractors would block the
    motorway", "boats would sail into the zone", "would provoke a response": acts held out), whose subject is a
    thing named by a common noun (not an actor, nor a pronoun: "warned it would shut the plant", nor a hostile
    act or a penalty: "a longer strike would put routes at risk", "sanctions would hit the economy", "retaliation
    would be swift", unless told before, "such fines would push founders abroad", or named a risk, "fines risked
    pushing players away"), in the active (not a response to be done: "any aggression would be met with ..."),
    not done "in protest", with no duty ("violence had to be avoided"), no limit put on anyone ("schools would
    stay shut until the ministry met its demands", "unless", "while") and no condition on a named party ("members
    could walk out if the ministry ...", "the port would close if the strike went ahead"). Only a warning to no
    one named (warning a party stays as it is read) and not itself planned or denied."""
    if doc is None or clause.verb not in _WARNING or clause.recipients or clause.negated:
        return False
    verb = clause.verb_in(doc)
    if clause.future or clause.modal or clause.conditional or clause.quoted or verb is None:
        return False
    content = [t for t in verb.children if t.dep_ == "ccomp"]
    if len(content) != 1 or any(t.dep_ in ("dobj", "dative") for t in verb.children):
        return False
    verb = content[0]
    by_i = {c.index: c for c in clauses}
    said = by_i.get(verb.i)
    if said is not None and (said.agents or clause_type(said) not in ("OTHER", "STATEMENT") or any(
            NOUN_TYPES.get(o) in _PENALTIES for o in said.objects)):
        return False  # (an act foreseen, "the agency would suspend ...", or a penalty, "would face fines")
    words = [verb.lemma_.lower(), *(t.lower_ for t in verb.children if t.dep_ == "aux")]
    subject = next((t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is None or subject.dep_ == "nsubjpass" or _DUTY.intersection(words) or words[0] not in _RISKING:
        return False  # (what befalls a thing, "would rise", "would cost it contracts"; not "tractors would block")
    if subject.pos_ not in ("NOUN", "NUM") or any(t.dep_ == "poss" for t in subject.children):
        return False  # ("warned that its members would ...": the speaker's side)
    if (_hostile(subject) and words[0] != "risk" and not _TOLD_BEFORE.intersection(_dets(subject))) or any(
            c.dep_ == "prep" and c.lower_ in _TARGETING for c in subject.children):
        return False  # "a longer strike would put routes at risk", "sanctions would hit", "retaliation would be swift"
        # (not a penalty told before, "such fines would push founders abroad", nor a risk named, "fines risked ...")
    if any(_hostile(o) for o in _prep_objects(verb)):
        return False  # "boats would sail into the zone in protest", "the fleet would stay in port in protest"
    marks = [m.lower_ for t in verb.children if t.dep_ == "advcl" for m in t.children if m.dep_ == "mark"]
    if _LIMITING.intersection(marks):
        return False  # "schools would stay shut until the ministry met its demands": a condition put on someone
    conditions = [t for t in verb.children if t.dep_ == "advcl"
                  and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in t.children)]
    named = [t for t in conditions if (t.i in by_i and by_i[t.i].agents) or any(s.pos_ == "PROPN" for s in t.subtree)
             or any(s.dep_ == "nsubj" and _hostile(s) for s in t.children)]  # ("if the strike went ahead")
    return not named


def _hostile(noun: Any) -> bool:
    """Whether a noun, or a noun it is compounded with, names a hostile act or a penalty ("a strike", "picket
    lines", "sanctions", "retaliation")."""
    lemmas = [noun.lemma_.lower(), *(c.lemma_.lower() for c in noun.children if c.dep_ == "compound")]
    return any(NOUN_TYPES.get(w) in _PENALTIES or w in _REPRISALS for w in lemmas)


def _asked_in(clause: Clause, doc: Any) -> bool:
    """Whether what a party was (not) asked for is a part in someone's decision: "asked to review the proposal",
    "to comment", "asked for its views", or nothing named ("had not been asked"); not a demand made of it ("asked
    to pay the tax", "to hand over data", "asked for money")."""
    verb = clause.verb_in(doc)
    if verb is None:
        return False
    done = [" ".join([c.lemma_.lower(), *(o.lemma_.lower() for o in c.children if o.dep_ == "dobj")][:2])
            for c in verb.children if c.dep_ == "xcomp"]  # ("asked to take part": the verb and its object)
    wanted = [o.lemma_.lower() for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"
              for o in c.children if o.dep_ == "pobj"]
    return all(w in _TAKING_PART or w.split()[0] in _TAKING_PART for w in done) and all(w in _VIEWS for w in wanted)


def _prep_objects(tok: Any) -> list[Any]:
    """The objects of the prepositions on a word, and on those objects, in turn ("in port in protest")."""
    found = [o for c in tok.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    return found + [n for o in found for n in _prep_objects(o)]


def _dets(noun: Any) -> set[str]:
    """The determiners of a noun, lowercased (and "such", which the parser may read as an adjective)."""
    return {c.lower_ for c in noun.children if c.dep_ in ("det", "predet", "amod")}


def left_out(clause: Clause, kind: str, by_i: dict[int, Clause], sides: dict[int, int], doc: Any = None) -> list[int]:
    """The speakers of a complaint that they were left out: "the union said it had not been consulted", "its
    chair said the association had not been asked to review the plan" (an accusation of whoever left them
    out). Only a past passive of consulting or asking, denied, with no doer named ("had not been asked by X
    to intervene" tells what X did not do), of the speaker's own side, in what the speaker reports; asked, only
    for a part in the decision ("had not been asked to review the proposal", not "to pay the tax": `_asked_in`)."""
    said = by_i.get(clause.head)
    if kind not in _INCLUDING or not (clause.negated and clause.passive and clause.past) or clause.agents:
        return []
    if clause.future or clause.modal or clause.conditional or clause.quoted or clause.dep not in REPORTED:
        return []
    if said is None or not said.reporting or said.negated or said.index == clause.index or not said.agents:
        return []
    if kind == "REQUEST" and not _asked_in(clause, doc):
        return []  # ("had not been asked to pay the tax", "to close": a demand it was spared, no complaint)
    side = {*said.agents, *(sides[s] for s in said.agents if s in sides)}
    if owned_by_pronoun(clause, doc, typed=False) and not clause.recipients:
        return list(said.agents)  # "the union said its members had not been consulted"
    if not clause.recipients or not set(clause.recipients) <= side:
        return []
    return [*said.agents, *(r for r in clause.recipients if r not in said.agents)]  # (and the side left out)
