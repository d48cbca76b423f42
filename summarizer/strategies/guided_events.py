"""Which clauses of a sentence report an event, who acted in it, and its PLOVER type.

An event is something an actor did that the article reports as having happened: a
clause on the sentence's main line (its root, the content of a reporting verb, or a
conjunct of either), in a past or present tense, not ruled by a modal or a condition
(those are follow-ups), not a relative clause or participle describing someone. Its
type comes from the verb, or for a light verb from its object (`event_types`). Where a clause
sits and whose act it is: `event_lines`; a report that is itself an act: `event_speech`.
Nothing here names an entity or an article's topic.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from . import event_clauses, event_speech, parse_form
from .actor_kinds import MEDIA_HEADS
from .event_clauses import REPORTED
from .event_lines import FINITE, PRONOUNS, Reading, agents_of, on_main_line
from .event_types import DOCUMENTS as _DOCUMENTS, NOUN_TYPES, clause_type
from .lexicon import CONDITION_MARKS
from .parse_types import Clause, SentenceInfo
from .words import word_tables

__all__ = ["Reading", "readings"]

(
    _ACT_NOUNS, _MATERIAL, SECONDARY, _STATIVE, _DECIDE, _CAUSE, _GIVING, _GRANTING,
    _LETTERS, _PARTY_PREPS, _PERSONAL, _BODY, _MANDATING, _CONCEDED, _CONCEDING,
    _ADVISING,
) = word_tables(
    "guided_events",
    "_ACT_NOUNS _MATERIAL SECONDARY _STATIVE _DECIDE _CAUSE _GIVING _GRANTING _LETTERS _PARTY_PREPS _PERSONAL _BODY "
    "_MANDATING _CONCEDED _CONCEDING _ADVISING"
)  # fmt: skip


def _rehung(clause: Clause, by_i: dict[int, Clause], doc: Any) -> Clause:
    """A clause with no subject that the parser hung inside what a reporting verb reports, on a
    predicate whose subject cannot be its doer: a finite conjunct of a copula ("said the plan
    was late and criticised the council") or a participle of a clause with no actor as subject
    ("said the bridge had not moved, rejecting claims ..."), or a finite past conjunct of a verb with
    an auxiliary ("said the operator had acted late and called on X"). It goes with the reporting
    verb and shares its doers."""
    if doc is None or not 0 <= clause.head < len(doc):
        return clause
    head = doc[clause.head]
    timed = _timed_participle(clause, doc)
    if timed is not None and timed.i in by_i:
        # "wrote to X in February asking for ...", "wrote to X last week, urging ...": hung on the time, the
        # participle goes on with the verb the time belongs to, and shares its doers.
        return replace(clause, dep="advcl", head=timed.i, agents=list(by_i[timed.i].agents))
    content, said = by_i.get(clause.head), by_i.get(head.head.i)
    if (clause.dep == "conj" and not clause.subject and clause.tag == "VBD" and not clause.aux and content is not None
            and content.aux and head.dep_ in REPORTED and said is not None and said.reporting and said.agents
            and said.index != clause.head):
        # "said the operator had acted too late and called on X": a finite past cannot share the
        # reported verb's auxiliary, so it is the speaker's second act, not the operator's.
        return replace(clause, head=said.index, agents=list(said.agents))
    if (clause.dep == "conj" and not clause.subject and clause.tag == "VBD" and not clause.aux and head.dep_ == "advcl"
            and content is not None and (content.future or content.modal)):
        # "criticised X for spending as if the boom will last and called for ...": a finite past cannot
        # go on with a clause of what will be; it is the second act of the past verb above.
        up = next((by_i[t.i] for t in head.ancestors if t.i in by_i and by_i[t.i].tag == "VBD"), None)
        return clause if up is None else replace(clause, head=up.index)
    if clause.subject or clause.agents:
        return clause
    if (clause.dep == "conj" and clause.tag == "VBD" and not clause.aux and content is not None
            and not content.agents and content.subject not in PRONOUNS | {""}
            and clause_type(clause) not in ("OTHER", "STATEMENT", *_MATERIAL)):
        # "said 40 percent of sales came from X and called for a fund", "argued the study risked ... and
        # urged the office to ...": a past verb of speech acts with no subject, hung on a clause whose subject
        # (a thing) cannot be its doer, is the act of the nearest clause above with a doer.
        up = next((by_i[t.i] for t in head.ancestors if t.i in by_i and by_i[t.i].agents), None)
        return clause if up is None else replace(clause, head=up.index, agents=list(up.agents))
    if head.dep_ not in REPORTED or said is None or not said.reporting or said.index == clause.head:
        return clause
    if clause.dep == "conj" and clause.tag in FINITE and head.pos_ == "AUX" and clause.head not in by_i:
        return replace(clause, head=said.index, agents=list(said.agents))
    if clause.dep == "advcl" and clause.tag == "VBG" and content is not None and not content.agents:
        return replace(clause, head=said.index, agents=list(said.agents))
    return clause


def _conceded(clause: Clause, doc: Any) -> bool:
    """Whether the verb, "accept", takes as object what was decided or found about its doer ("accepted the
    decision", "the findings"), as it stands: not a decision "to" do something ("accepted the decision to raise
    pay": agreed), nor what its own side decided or advised ("accepted the advice of its lawyers": followed it),
    nor what it receives from others ("accepted the results from all 40 districts": took them in); not
    "recognised the outcome of the election" (a recognition)."""
    verb = clause.verb_in(doc)
    if verb is None or clause.verb not in _CONCEDING:
        return False
    if any(c.dep_ == "prep" and c.lower_ == "from" for c in verb.children):
        return False  # (the parser may hang "from the districts" on the verb)
    objects = [t for t in verb.children if t.dep_ == "dobj"]
    return any(o.lemma_.lower() in _CONCEDED and not any(c.dep_ in ("acl", "relcl") for c in o.children)
               and not _own_or_received(o) for o in objects)


def _own_or_received(noun: Any) -> bool:
    """Whether a noun is its doer's side's own ("its lawyers' advice", "the advice of its lawyers") or taken from
    others ("the results from the districts")."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    owners += [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
               for o in c.children if o.dep_ == "pobj"]
    own = any(o.tag_ == "PRP$" or any(p.tag_ == "PRP$" for p in o.children if p.dep_ == "poss") for o in owners)
    return own or any(c.dep_ == "prep" and c.lower_ == "from" for c in noun.children)


def _mandated(clause: Clause, clauses: list[Clause], doc: Any = None) -> list[int] | None:
    """The parties a verb of advice asks to act by a mandative subjunctive: a bare verb with its own subject and
    no auxiliary in what it recommends ("recommended that the factory install ... and that X review ...");
    None when it has none ("recommended they accept", "suggested that the road could be carried": a view).
    After "advised" or "recommended", a plain present after a singular subject is that subjunctive too ("advised
    that the hospital suspend the surgeon", which the tagger may read as a present; not after "suggested":
    "polls suggested that the Greens lead", "that Arsenal lead the table" tell a fact)."""
    if clause.verb not in _MANDATING or clause.negated or clause.quoted:
        return None
    verb = clause.verb_in(doc)
    if clause.verb not in _ADVISING and verb is not None and parse_form.found_by(verb):
        return None  # "polls by X suggested that Labour lead ...": what a finding shows, no advice
    content = [c for c in clauses if c.head == clause.index and c.dep == "ccomp" and c.index != clause.index]
    content += [c for c in clauses if any(c.head == k.index and c.dep == "conj" for k in content)]
    bare = [c for c in content if (c.tag == "VB" or c.tag == "VBP" and clause.verb in _ADVISING
                                   and _singular_subject(c, doc)) and c.subject and not c.aux]
    return [a for c in bare for a in c.agents if a not in clause.agents] if bare else None


def _singular_subject(clause: Clause, doc: Any) -> bool:
    """Whether the clause's subject is a singular noun ("the hospital", "Orsk General Hospital")."""
    verb = clause.verb_in(doc)
    return verb is not None and any(t.dep_ == "nsubj" and t.tag_ in ("NN", "NNP") for t in verb.children)


def _timed_participle(clause: Clause, doc: Any) -> Any:
    """The verb a participle with no subject goes on with when the parser hung it on a time: on a preposition
    whose object is a date ("in February asking for ...") or on a date itself ("last week, urging ..."); not
    a noun's own participle ("a plan calling for cuts", "a report on Monday's vote urging ...": not a time)."""
    verb = clause.verb_in(doc)
    if clause.tag != "VBG" or clause.subject or clause.dep not in ("pcomp", "acl") or verb is None:
        return None
    head = verb.head
    if clause.dep == "pcomp":
        when = [o for o in head.children if o.dep_ == "pobj"]
        verb = head.head if head.dep_ == "prep" else None
    else:
        when = [head]
        verb = head.head.head if head.dep_ == "pobj" else head.head if head.dep_ == "npadvmod" else None
    if verb is None or verb.pos_ not in ("VERB", "AUX") or not when:
        return None
    return verb if all(w.ent_type_ in ("DATE", "TIME") for w in when) else None


def _written_with(clause: Clause, writer: Clause, doc: Any, people: set[int]) -> bool:
    """A bare participle with no subject or party of its own that goes with a past letter to a party
    ("wrote to X asking for aid", "wrote to X last week, urging her to resign"): the letter's party is
    its party. Only a letter, not to a newspaper ("wrote to The Times, calling for an inquiry": a letter
    for its readers), nor a telling ("told the BBC, calling for an inquiry": the call is to the public).
    Not beside a plain "said" (no party), not one with a party of its own, an object ("accusing the
    council of ...") or by a preposition ("apologising to the families", "calling on ministers to act"),
    or a pronoun that cannot be the letter's party ("wrote to Ann Lee, accusing them of lying"), nor
    one a conjunction ties ("while visiting Y")."""
    if clause.verb_in(doc) is None or writer.verb_in(doc) is None:
        return False
    if not (clause.dep == "advcl" and clause.tag == "VBG" and not clause.subject and not clause.recipients
            and writer.verb in _LETTERS and bool(writer.recipients) and writer.past
            and clause.agents == writer.agents and writer.index == clause.head):
        return False
    verb = doc[clause.index]
    if any(c.dep_ == "mark" for c in verb.children) or any(o not in PRONOUNS for o in clause.objects):
        return False  # (objects are lemmas: "them" is "they")
    addressed = [o for p in doc[writer.index].children if p.dep_ in ("prep", "dative") for o in [p, *p.children]
                 if o.dep_ in ("pobj", "dative")]
    if any(o.lower_ in MEDIA_HEADS for o in addressed):
        return False
    parties = [o for p in verb.children if p.dep_ == "prep" and p.lower_ in _PARTY_PREPS for o in p.children
               if o.dep_ == "pobj"]  # ("apologising to her for ...": a pronoun that agrees is the letter's party)
    parties += [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    if not parties:
        return True
    one = writer.recipients[0] in people  # (a pronoun stands for one party only)
    return len(writer.recipients) == 1 and all(o.lower_ in (_PERSONAL if one else _BODY) for o in parties)


def _adverbial(clause: Clause, by_i: dict[int, Clause], kind: str) -> bool:
    """An adverbial clause of a reported event that tells another past act: finite ("withdrew
    it after the committee asked for more data"), or a participle sharing the doer of a past
    act ("reaffirmed its support while raising concerns about ..."); conditions are excluded
    by `_eventive`."""
    parent = by_i.get(clause.head)
    if kind in ("OTHER", "STATEMENT") or parent is None or not on_main_line(parent, by_i, added=False):
        return False  # (what an added remark dates, "noting prices fell since the deal was signed", is background)
    if clause.dep == "xcomp" and parent.reporting:
        # "wrote to the minister to ask for a meeting", "had written asking for aid": the writing's purpose,
        # by the writer (not "told X to stop": X is to act)
        return bool(clause.agents) and clause.agents == parent.agents and parent.past and not (
            parent.future or parent.modal or parent.conditional or parent.negated)
    if clause.dep != "advcl" or parent.future or parent.modal or parent.conditional:
        return False  # "would not stock it until X had signed off": the bound of a plan, not an act told
    if clause.tag == "VBG" and not clause.subject:
        return parent.past and not parent.negated
    return bool(clause.subject) and clause.past





def _told_condition(clause: Clause, doc: Any) -> bool:
    """A past act that carries a condition it did not wait on: "raised its offer to 4% and 2% more if the
    targets were met, and accused the union of ...": the condition is part of what was offered (a past
    verb with no modal cannot be a plan hanging on it); not the condition itself ("if the airline met ...")."""
    if not clause.conditional or not clause.past or clause.future or clause.modal or doc is None:
        return False
    verb = clause.verb_in(doc)
    if verb is None:
        return False
    if any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for t in (verb, verb.head) for m in t.children):
        return False  # the condition itself, or a clause inside it
    shared = clause.dep == "conj"  # "raised ... if ..., and accused ...": a past conjunct of a past act
    return not (shared and (parse_form.has_modal(verb.head) or verb.head.tag_ not in ("VBD", "VBN")))


def _aside(clause: Clause, by_i: dict[int, Clause], kind: str) -> bool:
    """A typed verb of speech set in the sentence it frames ("Without the money, Eliassen admitted, the firm
    could run out of cash", "It was, the minister conceded, too late"): the speaker's act, as a report would be."""
    parent = by_i.get(clause.head)
    return (clause.dep == "parataxis" and kind not in ("OTHER", "STATEMENT") and clause.past and bool(clause.subject)
            and not clause.objects and parent is not None and parent.dep == "ROOT" and not parent.reporting)


def _caused(clause: Clause, by_i: dict[int, Clause], kind: str) -> bool:
    """The act a causative on the main line made someone do ("forced the minister to resign")."""
    parent = by_i.get(clause.head)
    return (clause.dep == "xcomp" and kind != "STATEMENT" and parent is not None and parent.past
            and parent.verb in _CAUSE and not parent.negated and on_main_line(parent, by_i))  # fmt: skip


def _eventive(clause: Clause, kind: str) -> bool:
    """Whether the clause, on the main line, reports something done rather than a plan,
    a possibility, a state or a measurement."""
    if clause.future or clause.modal or clause.conditional or clause.quoted:
        return False  # a plan, a possibility, a condition, or the speaker's own words
    if clause.subject in _DOCUMENTS:
        return False  # "the readout did not say ...": about the report
    if clause.verb in _GIVING and not clause.past:
        return False  # "offers the surest path": what it can give
    if kind == "OTHER":
        # An untyped verb is an event only as a past action: "Henry leads a government",
        # "the deal values Brandt at ..." describe, "is due", "remained committed" are states.
        # ("voted 10 to 5 to build ...": a tally, not a measurement)
        return clause.verb not in _STATIVE and clause.past and not (clause.measure and clause.verb not in _DECIDE)
    return True


def readings(
    info: SentenceInfo, keep: set[int], interlocutors: set[int] | None = None, people: set[int] | None = None,
    parties: list[int] | None = None, reporter: int | None = None, told: frozenset[str] = frozenset(),
    sides: dict[int, int] | None = None,
) -> list[Reading]:
    """The sentence's clauses that report events with an agent in `keep`, typed ones first.
    `interlocutors` (people and countries, default `keep`): telling one of them is a consultation.
    `people` (default none): actors that "he" or "she" may stand for.
    `parties` (default none): the actors the text is about, the parties of "the deal was signed".
    `reporter` (default none): the body the sentences just before cite, the doer of a passive with none.
    `told` (default none): what earlier acts were done to ("filed a claim"): "the claim was lodged" tells one again.
    `sides` (default none): the institution each office-holder speaks for ("the agency's director" for the agency)."""
    if info.text.rstrip().endswith("?"):
        return []  # "What did the regulator decide?": an explainer's question asks, it tells no act
    by_i = parsed = {c.index: c for c in info.clauses}
    clauses = [_rehung(c, by_i, info.doc) for c in info.clauses]
    by_i = {c.index: c for c in clauses}
    out: list[Reading] = []
    # "X warned ..., the ministry said after he spoke with Y": an unresolved he/she is the one person acting here.
    persons = {a for c in info.clauses for a in c.agents if a in (people or set()) and a in keep}
    for clause in clauses:
        if _told_condition(clause, info.doc):
            clause = replace(clause, conditional=False)
        kind = clause_type(clause)
        urged = _mandated(clause, info.clauses, info.doc)
        if urged is not None:  # "recommended that the factory install a system": asked of the factory
            kind, clause = "REQUEST", replace(clause, recipients=clause.recipients or urged)
        complaining = event_clauses.left_out(clause, kind, by_i, sides or {}, info.doc)
        if complaining:  # "said it had not been consulted": the speaker's complaint, not a consultation denied
            kind, clause = "ACCUSE", replace(clause, negated=False, agents=complaining, recipients=[])
        if clause.verb in _DECIDE:
            decided = [clause_type(c) for c in info.clauses if c.head == clause.index
                       and (c.dep == "xcomp" or c.dep == "advcl" and "to" in c.aux)]  # ("voted on Tuesday to bar")
            # (an untyped act decided is no agreement: "voted to bar cruise ships", "voted to take X to court")
            kind = next((k for k in decided if k not in ("OTHER", "STATEMENT")), "OTHER" if decided else kind)
        if clause.verb in _GRANTING and any(c.head == clause.index and c.dep == "ccomp" for c in info.clauses):
            kind = "CONCEDE"  # "accepted that mistakes were made"
        if clause.verb in _GRANTING and not clause.negated and _conceded(clause, info.doc):
            kind = "CONCEDE"  # "accepted the decision", "accepted the findings"
        if _caused(clause, by_i, kind):
            clause = replace(clause, past=True)  # "forced X to cancel ...": X cancelled it
        warned = event_clauses.forewarned(clause, info.clauses, info.doc)
        silent = event_clauses.silent(clause, info.clauses, info.doc) or event_clauses.pending(clause, info.doc) \
            or warned
        said_as, kind = kind, "STATEMENT" if silent else kind  # (a warning sits where its verb's type would)
        if (clause.reporting or kind == "STATEMENT") and not silent or not _eventive(clause, kind):
            continue
        if kind == "OTHER" and clause.verb not in _DECIDE and any(
            c.head == clause.index and c.dep == "xcomp" and "to" in c.aux for c in info.clauses
        ):
            continue  # "hoped to meet", "declined to say": an attitude to an act, not one (a decision is)
        if event_clauses.nothing_done(clause, kind, info.doc):
            continue
        aspect = by_i.get(clause.head) if clause.dep == "xcomp" else None
        if clause.dep == "conj" and clause.head in by_i and by_i[clause.head].dep == "xcomp" and not clause.subject:
            aspect = by_i.get(by_i[clause.head].head)  # "would keep forecasting and issuing ...": the same plan
        if aspect is not None and (aspect.future or aspect.modal or aspect.conditional or aspect.quoted):
            continue  # "would keep urging": the plan, not the act
        shared = by_i.get(clause.head) if clause.dep == "conj" and clause.tag == "VB" and not clause.aux else None
        if shared is not None and (shared.future or shared.modal or shared.conditional):
            continue  # "would file an appeal and ask the court to ...": a bare verb shares the plan's modal
        caused = _caused(clause, by_i, kind)
        signed = kind == "AGREE" and event_clauses.signed(clause, info.doc)
        if not (signed or caused or on_main_line(clause, by_i) or _aside(clause, by_i, kind)
                or event_clauses.told_of(clause, kind, info.doc)
                or _adverbial(clause, by_i, said_as if warned else kind)):
            continue
        agents, by_speaker = agents_of(clause, by_i, keep, info.doc)
        told_as = parsed.get(clause.index, clause)  # as parsed: "said X had cut staff and moved work" is X's
        doers = [a for a in told_as.agents if a in keep] or agents
        if (kind == "OTHER" or told_as.negated) and not by_speaker \
                and event_clauses.claimed(told_as, parsed, doers, sides or {}):
            # (and "wrote that X had not provided a schedule": what X failed to do is the speaker's charge)
            continue  # "the union said the company had cut its staff": the union's case, not an act
        if caused and aspect is not None and not agents:
            agents = [r for r in aspect.recipients if r in keep]  # the one made to act
        if not agents and clause.subject in ("he", "she") and len(persons) == 1:
            agents = sorted(persons)
        if not agents and kind == "AGREE" and not clause.negated and (
                signed or clause.passive and NOUN_TYPES.get(clause.subject) == "AGREE"):
            # "The agreement was signed on Tuesday": no doer named, the parties the text is about.
            agents = [a for a in parties or [] if a in keep and not clause.agents]
        if not agents and reporter in keep and reporter is not None and clause.subject not in told \
                and event_clauses.reported_doer(clause, info, kind):
            agents = [reporter]  # "prosecutors said ... The two were charged on Wednesday": by them
        if agents:
            writer = by_i.get(clause.head)
            if clause.dep == "xcomp" and writer is not None and writer.reporting and not clause.recipients:
                clause = replace(clause, recipients=list(writer.recipients))  # "wrote to X to ask": asked X
            elif writer is not None and _written_with(clause, writer, info.doc, people or set()):
                clause = replace(clause, recipients=list(writer.recipients))  # "wrote to X asking for": asked X
            out.append(Reading(clause, agents, kind, by_speaker, silent, warned))
    if any(not r.silent and r.clause.dep not in SECONDARY for r in out):
        # "did not make a bid, and declined to comment": the act is the news (a warning is news of its own,
        # "found corrosion and warned that a gate could fail", but not beside a typed act, "called the fine
        # excessive and warned that ...", nor in a participle: "opened a review, warning")
        typed = any(o.type not in ("OTHER", "STATEMENT") and o.clause.dep not in SECONDARY for o in out)
        out = [r for r in out if not r.silent or r.warned and r.clause.dep not in SECONDARY and not typed]
    out.sort(key=lambda r: (r.type == "OTHER", r.clause.dep in SECONDARY))
    verbal = len(out)
    for nominal in info.nominals:
        # "followed a meeting between X and Y": in a sentence that tells no act by a verb, an act a noun
        # names; beside one, only a material act ("condemned the army's detention of ..."): a verbal act
        # named there ("rejected the union's request") is what the verb answers, told where it happened.
        kind = NOUN_TYPES.get(nominal.verb, "STATEMENT")
        agents = [a for a in nominal.agents if a in keep]
        if verbal and kind not in _MATERIAL:
            continue
        if agents and nominal.verb in _ACT_NOUNS and _eventive(nominal, kind):
            out.append(Reading(nominal, agents, kind, False))
    out[verbal:] = sorted(out[verbal:], key=lambda r: r.type == "OTHER")  # after any act a verb tells
    if not any(r.type != "OTHER" and r.clause.dep not in SECONDARY for r in out[:verbal] or out):
        acts = event_speech.speech_acts(info, by_i, keep, keep if interlocutors is None else interlocutors, sides or {})
        # "wrote to X asking for money": the letter is the request made of X, not also a consultation with X
        acts = [a for a in acts if not (a.type == "CONSULT" and any(
            r.type not in ("OTHER", "STATEMENT") and r.agents == a.agents and r.clause.recipients
            and r.clause.recipients == a.clause.recipients for r in out))]
        charged = {a for r in acts if r.type == "ACCUSE" for a in r.clause.recipients}
        # (the fault charged is the speaker's act, not also one by the accused)
        out = acts + [r for r in out if not (r.clause.dep in REPORTED and set(r.agents) <= charged)]
    return out
