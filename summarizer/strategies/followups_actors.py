"""Who is expected to act in a forward-looking clause of `followups` (its doer stage).

In this order: the clause's own subject (or the agent of its passive); the object that
controls an infinitive ("urged Henry to build", "gave Aerlift until July 31 to pay"); the
noun a relative clause hangs on ("shareholders, who will vote"); the subject of its
condition ("if Aerlift appeals, the refunds will be suspended"), unless the condition
befalls it ("if the club were suspended"); the actors named inside a subject that is no
actor ("a case against Aerlift is due to be heard"), not in its parentheses (a dateline's
wire); the doer a definite noun had in the sentence before, or the actor of the clause
beside a passive with no agent, the one institution a common noun heads, and an organ's
owning institution too ("the council's finance committee") (`followups_doer`); the
discourse's actors for "it" or an agreement; last the speaker who announced an
unattributed plan (or the body a spokesperson speaks for: "a spokeswoman for the operator
said"), with the organisation whose office the speaker holds, unless the clause is a time
limit set for its subject ("have until May 1 to reply"). Whom the clause acts on is never
its only actor. Never the reporting speaker when the clause names its own actor.
"""

from __future__ import annotations

from typing import Any

from ..models import Origin
from . import parse
from .followups_dates import due_on
from .followups_doer import (
    antecedent,
    bracketed,
    by_head,
    given_until,
    lead_doers,
    nominal_act,
    partner_of,
    relative_speaker,
    spoken_for,
    spoken_through,
    staff_of,
)  # fmt: skip
from .followups_grammar import ANAPHORS, any_subject, condition, controller, held_until, reporting_clause, subject_of
from .followups_pending import time_allowed
from .followups_side import named as _named
from .lexicon import CONDITION_MARKS, DEMONSTRATIVES, FIRST_PERSON, HYPOTHETICAL_MODALS, RELATIVE_PRONOUNS
from .parse_form import pronoun_owned
from .parse_types import Analysis, Clause, SentenceInfo

__all__ = ["actors"]


def actors(
    verb: Any,
    clauses: dict[int, Clause],
    info: SentenceInfo,
    analysis: Analysis,
    ids: dict[int, str],
    last_agents: list[int],
    before: SentenceInfo | None,
    voice: int | None = None,
) -> tuple[list[int], Origin]:
    """Who is expected to act in this clause (see the module's docstring for the order)."""
    allowed = time_allowed(verb)
    if allowed is not None:
        # "the company has 14 days to reply, the authority said": the subject's step, not the speaker's
        own = clauses.get(allowed.i)
        got = [a for a in own.agents if a in ids] if own is not None and not own.agents_by_rule else []
        subject_ = subject_of(allowed)
        got = got or (_named(list(subject_.subtree), analysis, ids) if subject_ is not None else [])
        if got:
            return got, "parse"
    if (verb.dep_ == "acl" or due_on(verb)) and subject_of(verb) is None:
        # "Blinken stressed the need to hold elections", "Halvorsen's plan to expand": whose need or plan
        # ("has commissioned a survey, due by January": whose survey).
        noun = verb.head
        owner_ = _named([t for c in noun.children if c.dep_ == "poss" for t in c.subtree], analysis, ids)
        holder = noun.head if noun.dep_ in ("dobj", "nsubjpass") else None
        got = owner_ or [a for a in (clauses[holder.i].agents if holder is not None and holder.i in clauses else [])
                         if a in ids]  # fmt: skip
        if got:
            return got, "parse"
    ctrl = controller(verb) if verb.dep_ in ("xcomp", "advcl") else None
    if ctrl is not None:
        # "ordered it to publish", after "gave Aerlift until July 31 to pay": the object named before.
        head = verb.head
        while ctrl.pos_ == "PRON" and head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
            ctrl = next((c for c in head.children if c.dep_ in ("dobj", "dative")), ctrl)
        named = _named(list(ctrl.subtree), analysis, ids) or [
            r for r in (clauses[head.i].recipients if head.i in clauses else []) if r in ids
        ]  # "both sides"
        if named:
            return named, "parse"
    subject = subject_of(verb)
    # (case-sensitive: "the WHO" is tagged WP too)
    relative = subject is not None and (subject.text in RELATIVE_PRONOUNS or any(
        c.text == "whose" for c in subject.children))  # fmt: skip
    rel = verb
    while rel.dep_ != "relcl" and rel.dep_ in ("xcomp", "conj") and rel.head.i != rel.i:
        rel = rel.head
    if rel.dep_ == "relcl" and (subject is None or relative):
        inside = {t.i for t in rel.subtree}
        named = _named([t for t in rel.head.subtree if t.i not in inside], analysis, ids)
        # "the council approved a draft law that would cut the fee from 2031": a proposal, its authors'
        # (not "approved a reform that will raise the age": a measure in force acts by itself)
        proposal = any(a.lower_ in HYPOTHETICAL_MODALS for a in rel.children if a.dep_ == "aux")
        holder = rel.head.head if rel.head.dep_ == "dobj" and rel.head.pos_ == "NOUN" and proposal else None
        named = named or [a for a in (clauses[holder.i].agents if holder is not None and holder.i in clauses
                                      else []) if a in ids]  # fmt: skip
        if named:
            return named, "parse"
    report = reporting_clause(verb)
    speakers = [a for a in (clauses[report.i].agents if report is not None and report.i in clauses else [])
                if a in ids] or ([info.source] if info.source is not None and info.source in ids else [])  # fmt: skip
    said_by = subject_of(report) if report is not None else None  # "a department spokeswoman said"
    # ("Officials said a contractor would be appointed": the staff of the lead's one public body)
    by_post = [] if said_by is None else (
        by_head(said_by, analysis, ids) or staff_of(said_by, analysis, ids, info, told=verb))
    speakers = speakers or by_post or (
        relative_speaker(report, analysis, ids) if report is not None else [])  # "X, ..., which said it would"
    # "a spokeswoman for the operator said": who the unnamed speaker speaks for
    speakers = speakers or (spoken_through(said_by, analysis, ids) if said_by is not None else [])
    kept = [a for a in (clauses[verb.i].agents if verb.i in clauses else []) if a in ids]
    by_rule = verb.i in clauses and clauses[verb.i].agents_by_rule
    if any_subject(verb) and report is not None and speakers:
        return speakers, "rule"  # "X warned that any further attack would draw a response": X responds
    if subject is not None and not relative:
        if subject.pos_ == "PRON" and report is not None and speakers:
            return speakers, "rule"  # "the union said it will widen the action", "he said he would"
        inner = {t.i for c in subject.children if c.dep_ in ("relcl", "acl", "appos") for t in c.subtree}
        inner |= bracketed(list(subject.subtree))  # "CAIRO, Sept 10 (Nilepoint News) - Egypt will": the wire's name
        named = _named([t for t in subject.subtree if t.i not in inner], analysis, ids)
        # "the council approved a scheme. The scheme will pay": the doer it had there, before the
        # parse's guess for this clause
        named = named or antecedent(subject, before, analysis, ids) or (kept if not by_rule else [])
        named = named or by_head(subject, analysis, ids) or staff_of(subject, analysis, ids, info, speakers)
        # "the council's finance committee will meet": an organ acts for the organisation that owns it
        poss = [c for c in subject.children if c.dep_ == "poss" and c.pos_ != "PRON"]
        whose = _named([t for c in poss for t in c.subtree], analysis, ids) or [
            a for c in poss for a in by_head(c, analysis, ids)]  # fmt: skip
        if named and all(analysis.actors[a].label == "INSTITUTION" for a in named):
            named += [a for a in whose if a not in named and analysis.actors[a].label in ("ORG", "INSTITUTION")]
        owned = pronoun_owned(subject)
        if named:
            # "the federation said its committee would hear the cases": for the federation;
            # "the club would be granted the freedom of the town": and who grants it.
            if (owned or subject.dep_ == "nsubjpass") and report is not None:
                named += [a for a in speakers if a not in named]
            return named, "parse"
        if report is not None and speakers and owned:
            # "the federation said its members would block the port": the speaker's own people
            return speakers + spoken_for(speakers, analysis, ids), "rule"
    elif kept and not by_rule and not relative:
        return kept, "parse"
    cond = condition(verb)
    waited = cond is not None and any(m.lower_ in CONDITION_MARKS for m in cond.children if m.dep_ == "mark")
    # (not when a speaker tells what unnamed people will do, a plural active subject: "the forum warned
    # that operators might drop ports if Skarvik became unreachable" is the forum's side, not Skarvik's;
    # but "the reactor could operate if its owner replaced the generators" waits for the owner)
    unnamed_doers = subject is not None and subject.dep_ == "nsubj" and subject.tag_ == "NNS" and bool(speakers)
    # (nor a condition that befalls its subject: "the list would be published if the club were suspended"
    # waits for whoever suspends it, not for the club)
    befalls = cond is not None and any(c.dep_ == "nsubjpass" for c in cond.children) and not any(
        c.dep_ == "agent" for c in cond.children)  # fmt: skip
    if cond is not None and (waited or cond.i == getattr(held_until(verb), "i", -1)) and not (
            unnamed_doers and report is not None) and not befalls:  # fmt: skip
        # "if Aerlift appeals, the refunds will be suspended": whose step it waits for.
        got = [a for a in (clauses[cond.i].agents if cond.i in clauses else []) if a in ids]
        got = got or _named([t for t in cond.subtree if t.dep_ != "mark"], analysis, ids)
        if got:
            return got, "rule"
    if subject is not None and (subject.lower_ in ANAPHORS or subject.lemma_.lower() in parse._COMMIT or any(
            c.lower_ in DEMONSTRATIVES and c.dep_ == "det" for c in subject.children)):  # fmt: skip
        if last_agents and not (subject.pos_ == "PRON" and report is not None):
            # "that agreement will take effect": its parties; but "prosecutors said they would": not
            # the last sentence's actors
            return list(last_agents), "rule"
    ours = subject is not None and any(t.lower_ in FIRST_PERSON for t in subject.subtree)
    voiced = speakers or ([voice] if voice is not None and voice in ids else [])
    if ours and voiced and report is None:
        # a quote with no verb of saying ("We are ready to change the plan."), or a sentence of a
        # quotation an earlier one opened ('she said: "..." / "I will keep knocking on doors."'): the speaker's side
        return voiced + spoken_for(voiced, analysis, ids), "rule"
    given = [t for c in verb.children if c.dep_ == "dative" for t in c.subtree]
    if subject is not None and subject.pos_ != "PRON" and _named(given, analysis, ids):
        # "the win gives Rennfeld a place in next season's cup": a thing acts, for them
        return _named(given, analysis, ids), "parse"
    partner = partner_of(verb, clauses, analysis, ids)
    if partner:
        return partner, "rule"
    if speakers and given_until(verb):
        return [], "parse"  # "both clubs have until Friday to reply, the board said": not the board's step
    if speakers and (report is not None or any(t.lower_ == "according" for t in verb.doc)):
        return speakers + spoken_for(speakers, analysis, ids), "rule"
    if subject is not None and report is None and nominal_act(subject):
        return lead_doers(analysis, ids), "rule"  # "Construction is due to start in 2028": the lead's project
    return [], "parse"
