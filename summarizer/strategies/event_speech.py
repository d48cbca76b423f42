"""A report that is itself an act (a demand, a refusal, a threat, an accusation, a consultation):
the stage of `guided_events` for a sentence that tells no typed act by a verb."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from . import event_clauses, parse_form
from .event_clauses import REPORTED
from .event_lines import Reading, agents_of, on_main_line
from .event_types import NOUN_TYPES, clause_type
from .lexicon import CONSEQUENCE_MODALS
from .parse_people import person_noun
from .parse_types import Clause, SentenceInfo
from .words import word_tables

__all__ = ["speech_acts"]

_OBLIGATION, _FAULTS, _SEQUEL, _PASSIVE, _DIRECTING, _FORESEEN, _VIEWING, _SPIRITS, _PRESS = word_tables(
    "event_speech", "_OBLIGATION _FAULTS _SEQUEL _PASSIVE _DIRECTING _FORESEEN _VIEWING _SPIRITS _PRESS"
)


def speech_acts(
    info: SentenceInfo, by_i: dict[int, Clause], keep: set[int], interlocutors: set[int], sides: dict[int, int]
) -> list[Reading]:
    """A report that is itself an act, by what it reports: an obligation put on someone
    ("told X that Y must stop") is a demand, the speaker's own negated will or would ("said
    it would not make a new offer"; the speaker's institution's is its own: "its director said the
    agency would not"), or a named actor's, a refusal, with a condition ("will strike unless ...")
    a threat, as is a penalty held out under a condition ("X could be fined if ..."); telling a
    person or a country anything is a consultation with them (telling
    a council or a broadcaster is a statement to an audience). Other reports,
    and plans ("said it would publish"), are not events."""
    out: list[Reading] = []
    for said in info.clauses:
        if not (said.reporting or clause_type(said) == "STATEMENT") or said.negated:
            continue
        if (said.future or said.modal or said.conditional) and not _told_later(said, info.doc):
            continue  # "will write to the minister", "would tell X if ...": a telling planned, not done
        if not (on_main_line(said, by_i) or (said.dep == "relcl" and said.past)):
            continue  # (or told of: "a call in which X told Y that ...")
        speaker = [a for a in said.agents if a in keep]
        if not speaker:
            continue
        side = {*speaker, *(sides[s] for s in speaker if s in sides)}  # and the institutions they speak for
        content = [c for c in info.clauses if c.head == said.index and c.dep in REPORTED and c.index != said.index]
        content += [c for c in info.clauses if any(c.head == k.index and c.dep == "conj" for k in content)]
        kind, accused = "", []
        for c in content:
            if clause_type(c) == "STATEMENT" and not c.reporting:
                continue  # "said it would not take sides": a position, no refusal of an act
            agents, by_speaker = agents_of(c, by_i, keep, info.doc)
            # an untyped "will not" over a that-clause inside a quote carried on ("But we will not pretend that
            # doing nothing is an option"): a thought declined in the speaker's argument; not an act refused
            # there ("We will not pay them", "We will not accept it")
            carried = c.negated and clause_type(c) == "OTHER" and _quote_goes_on(c, info.doc) and _of_a_thought(
                c, info.doc)
            if not agents and event_clauses.owned_by_pronoun(c, info.doc, typed=False):
                agents, by_speaker = speaker, True  # "the union said its members would block the port unless ..."
            # what the speaker's institution will do, if done to another party ("its director said the
            # agency would suspend X's licence if ...", "... would strike if X cut a single job"); its own
            # plans stay follow-ups ("would try again if")
            others = event_clauses.condition_by_other(c, info.clauses, side, keep)
            mine = set(agents) <= set(speaker) or set(agents) <= side and bool(set(c.recipients) - side or others)
            own = by_speaker or bool(agents) and mine
            if agents and not own and c.verb in _FAULTS and c.past and not (c.negated or c.future or c.modal):
                # "the regulator said the bank had ignored the warnings": a fault told of another party
                # is the speaker's charge against it, not an act the news reports as the other's.
                kind, accused = "ACCUSE", agents
            elif _OBLIGATION & set(c.aux) and not own and (agents or any(r in interlocutors for r in said.recipients)):
                kind = "REQUEST"  # (an obligation on no one, "science must not leave a mess", is an opinion)
            elif c.conditional and set(c.aux) & set(CONSEQUENCE_MODALS) and not c.quoted and _penalty(c) and not (
                own or event_clauses.owned_by_pronoun(c, info.doc, typed=False)  # "said it could face fines if"
                or said.verb in _VIEWING  # "estimated that X could be fined if ...": a view, no threat
            ):
                kind = "THREATEN"  # "said X's licence could be suspended if ...", "the fines would apply unless ..."
                accused = [r for r in c.recipients if r in keep and r not in side]
            elif own and (c.future or c.modal) and (c.conditional or c.negated) and parse_form.willed(c) and not (
                carried
            ):
                # An unconditional "will" is a plan (a follow-up); a refusal or a threat is an act now.
                kind = "THREATEN" if c.conditional else "REJECT"
                accused = others if c.conditional else []  # (threatened: the party whose act sets it off)
            elif agents and c.negated and c.modal and not c.conditional and parse_form.willed(c) and not carried:
                # "said the party would not join the coalition": a refusal the speaker announces
                # for a named actor (what an unnamed thing will not do, "prices would not rise", is a forecast).
                kind = "REJECT"
            if kind:
                break
        if not kind and _directed(said, info.clauses, info.doc):
            kind, accused = "REQUEST", [r for r in said.recipients if r in keep]  # "told X to hand over its records"
        if not kind and any(r in interlocutors for r in said.recipients):
            kind = "CONSULT"
        if kind:
            out.append(Reading(replace(said, recipients=accused) if accused else said, speaker, kind, False))
            break
    return out


def _penalty(clause: Clause) -> bool:
    """A penalty held out in a clause: a sanction or coercion done by no one named ("X could be fined",
    "its licence would be suspended"), or a sanction's noun as subject or object ("the fines would apply")."""
    unnamed = clause.passive and not clause.agents and clause_type(clause) in ("SANCTION", "COERCE")
    return unnamed or any(NOUN_TYPES.get(w) == "SANCTION" for w in [clause.subject, *clause.objects])


def _told_later(said: Clause, doc: Any) -> bool:
    """A narrative "would" of a telling done after the story's time ("X would later tell Y", "Two days
    later, X would tell Y", "Years later, X would write to Y"): a past act, not a plan. Only a bare
    "would" of the sentence's own verb (not "said he would later tell", "would later have told", "would
    tell Y later, he said") with a word of sequel before it or a "later" with its measure ("two days later"),
    and no other frame before the verb (a plan's or a condition's: "Under the deal", "Otherwise")."""
    bare = [a for a in said.aux if not (said.passive and a in _PASSIVE)]  # ("would later be told by X")
    verb = said.verb_in(doc)
    if verb is None or said.conditional or bare != ["would"]:
        return False
    if said.dep != "ROOT" or any(c.dep_ == "parataxis" for c in verb.children):
        return False
    sequel = [c for c in verb.children if c.dep_ == "advmod" and c.lower_ in _SEQUEL
              and (c.i < verb.i or any(m.dep_ == "npadvmod" for m in c.children))]
    # nothing else framing it before the verb: "Under the plan, X would later write", "Otherwise X would eventually"
    framed = [c for c in verb.lefts
              if c not in sequel and c.dep_ not in ("nsubj", "nsubjpass", "aux", "auxpass", "punct", "cc")]
    return bool(sequel) and not framed


def _quote_goes_on(clause: Clause, doc: Any) -> bool:
    """Whether a quoted clause is in a quotation carried on from the sentence before, unbroken from the
    sentence's start to its verb ('But we will not pretend that doing nothing is an option," he added.'), not
    one that opens in this sentence ('"We will not sign the plan," she said.')."""
    verb = clause.verb_in(doc)
    if verb is None or not clause.quoted:
        return False
    inside = parse_form.quoted_tokens(doc)  # (a quotation mark is not inside: the quote runs unbroken from the start)
    return all(i in inside for i in range(verb.i + 1))


def _of_a_thought(clause: Clause, doc: Any) -> bool:
    """Whether a clause's verb takes a finite that-clause ("pretend that doing nothing is an option"): what
    it declines is a proposition, not an act."""
    verb = clause.verb_in(doc)
    return verb is not None and any(
        t.dep_ == "ccomp" and (t.tag_ in ("VBZ", "VBP", "VBD", "MD") or any(a.tag_ == "MD" for a in t.children))
        for t in verb.children)


def _directed(said: Clause, clauses: list[Clause], doc: Any) -> bool:
    """A telling that gives an order: a verb of telling, done (not planned, denied or quoted), with a party and a
    to-infinitive for that party to do ("told the company to hand over its records", "has told its members to
    consider ..."); not a telling of how or what ("told us how to live", "told the doctors what to switch to"), nor
    of what to expect ("told residents to expect delays")."""
    verb = said.verb_in(doc)
    if said.verb not in _DIRECTING or not said.past or said.quoted or verb is None:
        return False
    if any(t.dep_ == "ccomp" for t in verb.children):
        return False  # "told Parliament to justify the cuts that the deficit had doubled": what was told is a fact
    party = ("nsubjpass",) if said.passive else ("dobj", "dative")  # ("families were told by the agency to ...")
    told = [t for t in verb.children if t.dep_ in party]
    if any(t.lemma_.lower() in _PRESS for t in told):
        return False  # "told reporters to direct questions to the ministry": the press told, a referral
    if not any(t.pos_ in ("PROPN", "PRON") or t.pos_ == "NOUN" and person_noun(t) for t in told) and not (
            told and said.recipients):
        return False  # (no party told: "told the story of the flood to show ...": a telling for a purpose)
    for c in clauses:
        todo = c.verb_in(doc)
        if c.head != said.index or c.dep != "xcomp" or "to" not in c.aux or todo is None or c.index == said.index:
            continue
        if c.verb in _FORESEEN or set(c.agents) & set(said.agents):
            continue  # "told residents to expect delays": a forecast passed on (and no party told but the teller)
        if not _an_act(c, clauses, todo):
            continue  # "told X not to worry", "to rest easy", "to look forward to ...": reassurance, no act asked
        if not any(t.tag_ in ("WP", "WRB", "WDT") for t in todo.subtree if t.i < todo.i):
            return True
    return False


def _an_act(todo: Clause, clauses: list[Clause], verb: Any) -> bool:
    """Whether an infinitive a party is told names an act asked of it: one done to something ("to hand over its
    records", "not to stop treatment"; not "to take heart from the ruling"), a typed act ("to strike", "to
    reject the scheme") or one with an act of its own under it ("to consider pulling flats"); not a state or a
    feeling ("not to worry", "to rest easy", "to feel free to bid", "to look forward to", "to stay tuned")."""
    objects = [t for t in verb.children if t.dep_ == "dobj" and t.lemma_.lower() not in _SPIRITS]
    if objects or clause_type(todo) not in ("OTHER", "STATEMENT"):
        return True
    if todo.verb not in _SPIRITS and all(t.dep_ in ("aux", "neg", "punct") for t in verb.children):
        return True  # "told X to stop", "to leave" (not "told X not to worry")
    return any(c.head == todo.index and (
        c.dep in ("xcomp", "ccomp") and c.tag in ("VBG", "VB") and not (
            set(c.aux) - {"to"} or any(t.dep_ in ("acomp", "advmod") for t in verb.children))
        or c.dep == "conj" and (sub := c.verb_in(verb.doc)) is not None and _an_act(c, clauses, sub))
        for c in clauses)  # ("to take heart and pay the fine")
