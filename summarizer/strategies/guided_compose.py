"""Composing the guided strategy's output from the parse and the model's answers.

Items are composed from the parse: an event's actors and recipients, a follow-up for
each sentence that looks ahead (a future, an obligation, a condition, a date after
publication), dates as the article words them (grounding resolves them), each actor's
kind and country (`actor_kinds`). Evidence quotes whole sentences, verbatim by
construction. Every item's `origin` names where each field came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..claims import unmentioned
from ..dates import resolve_date
from ..grounding import instruction_sentences
from ..inputs import Article, Sentence
from ..models import Actor, Event, Evidence, FollowUp, ModelOutput, Origin, Stance
from . import followups
from .actor_kinds import body_kind, country_of, public_office
from .event_merge import act_word, answered_act, answered_speaker, decided_first, merge_events
from .event_text import clause_summary
from .followups_grammar import DEADLINE_PREP
from .guided_questions import NONE, Plan
from .lexicon import OBLIGE_MODALS, UNTIL_PREPS
from .parse_types import Clause, SentenceInfo

__all__ = [
    "DROP_STATEMENTS",
    "MAX_KEY_POINTS",
    "MODEL_VALUES",
    "SUMMARY_SENTENCES",
    "compose",
    "reporting_sentences",
    "sentence_key",
]

# The lead sentences that stand in as the summary when the model writes none.
SUMMARY_SENTENCES = 2
# A sentence that only reports speech is a stance (if it takes a position), not an event:
# measured on the fixtures and the dev set, such events were almost all spurious.
DROP_STATEMENTS = True
# Which answers the model gives beyond "none of these" (which always drops the item).
# Measured on the recorded fixtures with Qwen2.5-Coder-0.5B (README): the verb rules
# named event types, positions and organisation kinds better than the model's picks,
# calibrated or not, so the model only decides what is no event, stance or actor.
MODEL_VALUES: frozenset[str] = frozenset()
# The key points are the first events' summaries, at most this many.
MAX_KEY_POINTS = 5


def reporting_sentences(article: Article) -> list[Sentence]:
    """The article's sentences without those that address the model rather than report."""
    skip = instruction_sentences(article)
    return [s for s in article.sentences if s.number not in skip]


def sentence_key(text: str) -> str:
    """A sentence folded for spotting repeats (a quoted tweet given twice)."""
    return re.sub(r"\W+", " ", text).strip().lower()[:60]


def compose(article: Article, plan_: Plan, answers: dict[tuple[str, int], str | None]) -> ModelOutput:
    """The output from the parse and the model's answers (None: the engine gave none)."""
    assert plan_.analysis is not None
    names = plan_.analysis.actors
    notes: list[str] = []
    unanswered = [k for k, v in answers.items() if v is None]
    if unanswered:
        notes.append(
            f"the engine scored no options for {len(unanswered)} of {len(answers)} closed questions; "
            "rules chose those answers"
        )
    ids: dict[int, str] = {}
    actors: list[Actor] = []
    for i in plan_.actors:
        found = names[i]
        origin: dict[str, Origin] = {"name": "parse", "mentions": "parse", "title": "parse"}
        if found.label == "TITLE" and public_office(found):
            kind, origin["kind"] = "government", "rule"  # "the Ombudsman", "the sheriff", no person named
        elif found.group:  # "opposition councillors", "civil protection officials": a group, no one person
            kind, origin["kind"] = "other", "parse"
        elif found.label in ("PERSON", "TITLE") and not found.institution:
            kind, origin["kind"] = "person", "parse"
        elif found.label == "GPE":
            kind, origin["kind"] = "state", "parse"
        elif found.label == "GROUP":  # a people named by its nationality ("Palestinians")
            kind, origin["kind"] = "other", "parse"
        else:
            answer = answers.get(("kind", i))
            if answer == NONE:
                continue
            use = answer if answer and "kind" in MODEL_VALUES else None
            kind, origin["kind"] = (use, "model") if use else (body_kind(found, names), "rule")
        country = country_of(found, names)
        origin["country"] = "parse" if country else "rule"
        ids[i] = f"A{len(actors) + 1}"
        mentions = [m for m in dict.fromkeys([found.name, *found.mentions]) if m]
        actors.append(Actor(id=ids[i], name=found.name, kind=kind, title=found.title,  # type: ignore[arg-type]
                            country=country, mentions=mentions, origin=origin))  # fmt: skip

    events: list[Event] = []
    stances: list[Stance] = []
    follow_ups: list[FollowUp] = []
    dropped = statements = 0
    acts: dict[str, str] = {}  # event id -> the word naming its act, to fold an act told twice
    for n, cand in enumerate(plan_.candidates):
        info = cand.sentence
        agents = [ids[a] for a in cand.agents if a in ids]
        recipients = [ids[r] for r in cand.recipients if r in ids]
        act = cand.event  # the clause read as an event, if any
        # The event's own agents and recipients when a clause was read as one (`guided_events`).
        acting = [ids[a] for a in act.agents if a in ids] if act else agents
        acted_on = [ids[r] for r in act.clause.recipients if r in ids] if act else []
        acted_on = [r for r in acted_on or recipients if r not in acting]
        if not acting:
            continue
        evidence = [Evidence(sentence=info.number, quote=info.text)]
        answer = answers.get(("event", n))
        if answer != NONE and "event" not in MODEL_VALUES:
            answer = None  # the model kept the sentence; the rule names its type
        type_origin: Origin = "model" if answer else "rule"
        etype = answer or cand.rule_type
        clause = act.clause if act else cand.clause
        if clause is not None and not acted_on:  # "ruled that X must pay", "X must report, it said": X
            acted_on = [ids[a] for a in _obliged(info, clause) if a in ids and ids[a] not in acting]
        answered = answered_act(clause, info.doc, events, acts, acting) if clause and not acted_on else None
        if answered is not None:  # "rejected that criticism": the ones who criticised, cited where told
            acted_on = list(answered.actors)
            evidence += [e for e in answered.evidence[:1] if all(e.sentence != o.sentence for o in evidence)]
        elif clause is not None and not acted_on:  # "rejected that claim" after "X said ...": X
            said = answered_speaker(clause, info.doc, plan_.analysis.sentences, info.number)
            acted_on = [ids[a] for a in said if a in ids and ids[a] not in acting]
            first = decided_first(clause, info.doc, events, acting) if not acted_on else None
            acted_on = list(first.actors) if first is not None else acted_on  # "welcomed the decision"
        for actor in dict.fromkeys(acting + acted_on):
            # Referred to here, not named ("the minister", "he", "the two sides"): also cite
            # the last sentence before that names it, so the reader sees who it is.
            forms = [m.lower() for m in next(a for a in actors if a.id == actor).mentions]
            if any(f in e.quote.lower() for e in evidence for f in forms):
                continue
            earlier = next((s for s in reversed(plan_.analysis.sentences) if s.number < info.number
                            and any(f in s.text.lower() for f in forms)), None)  # fmt: skip
            if earlier is not None and all(e.sentence != earlier.number for e in evidence):
                evidence.append(Evidence(sentence=earlier.number, quote=earlier.text))
        # A clause act as an event has its own tense and condition; else the sentence's.
        future = act.clause.future if act else info.future or (clause is not None and clause.future)
        conditional = act.clause.conditional if act else info.conditional
        if etype == "STATEMENT" and DROP_STATEMENTS and not (act and act.silent):  # (silence, a matter weighed: acts)
            statements += 1
        elif act and act.clause.reporting and etype == "CONSULT" and any(
            e.type == "CONSULT" and set(e.actors) & set(acting) and _with_any(e, acted_on, actors) for e in events
        ):
            statements += 1  # "... told her that ...": more of a conversation already listed, not another one
        elif act and _ahead(info, article, act.clause):
            statements += 1  # "has set a hearing for May 6", "meets again on Thursday": a date ahead is a follow-up's
        elif etype != NONE:
            factuality = (
                "hypothetical" if conditional else "planned" if future
                else "denied" if clause is not None and clause.negated
                else "reported" if info.source is not None else "occurred"
            )  # fmt: skip
            if clause is not None:
                acts[f"E{len(events) + 1}"] = act_word(clause, info.doc)
            summary = _event_summary(info, clause, [_name(a, actors) for a in acting],
                                     [_name(r, actors) for r in acted_on])  # fmt: skip
            events.append(Event(
                id=f"E{len(events) + 1}", type=etype, summary=summary, actors=acting,  # type: ignore[arg-type]
                recipients=acted_on, date=None, date_text=_when(info, article, act.clause if act else None),
                location=None,
                factuality=factuality, evidence=evidence,  # type: ignore[arg-type]
                origin={"type": type_origin, "actors": cand.agents_origin, "recipients": "parse",
                        "summary": "rule", "date_text": "parse", "factuality": "rule", "location": "rule",
                        "evidence": "parse"},
            ))  # fmt: skip
        else:
            dropped += 1
    told = len(events)
    events = merge_events(events, acts, article.published)
    if len(events) < told:
        notes.append(f"{told - len(events)} events told again (a headline, a quoted tweet) are folded into "
                     "the first telling, with all their quotes")
    events, unsupported = _supported(events, actors, article)
    if unsupported:  # a rule's slip: better an event with fewer participants than no result
        notes.append(f"{unsupported} of the events' actors or recipients are left out: no sentence the event "
                     "cites names them")
    texts = {s.number: s.text for s in plan_.analysis.sentences}
    for n, item in enumerate(plan_.stances):
        reading = item.reading
        answer = answers.get(("position", n))
        if reading.holder not in ids or answer == NONE:
            continue
        use = answer if answer and "position" in MODEL_VALUES else None
        target = ids.get(reading.target) if reading.target is not None else None
        stances.append(Stance(
            holder=ids[reading.holder], topic=reading.topic, target=target,
            position=use or reading.position,  # type: ignore[arg-type]
            summary=item.sentence.text, evidence=[Evidence(sentence=k, quote=texts[k]) for k in item.evidence],
            origin={"holder": "parse", "topic": "parse", "target": "parse", "position": "model" if use else "rule",
                    "summary": "rule", "evidence": "parse"},
        ))  # fmt: skip
    follow_ups = _follow_ups(article, plan_, ids)
    if statements:
        notes.append(f"{statements} sentences that report no act (speech, plans, descriptions) are not listed as "
                     "events (see stances and follow-ups)")
    if dropped:
        notes.append(f"{dropped} of {len(plan_.candidates)} candidate event sentences were judged no event")
    lead = [s.text for s in reporting_sentences(article)[:SUMMARY_SENTENCES]]
    key_points = [e.summary for e in events]
    if len(key_points) > MAX_KEY_POINTS:
        notes.append(f"key points: the first {MAX_KEY_POINTS} of {len(key_points)} events")
    return ModelOutput(
        summary=" ".join(lead), key_points=key_points[:MAX_KEY_POINTS], actors=actors, stances=stances,
        events=events, follow_ups=follow_ups, summary_origin="rule", key_points_origin="rule", notes=notes,
    )  # fmt: skip


def _supported(events: list[Event], actors: list[Actor], article: Article) -> tuple[list[Event], int]:
    """The events without the participants no cited sentence names, and how many went."""
    out: list[Event] = []
    left_out = 0
    for event in events:
        missing = {(role, ref) for role, ref, _ in unmentioned(event, actors, article)}
        left_out += len(missing)
        out.append(event.model_copy(update={
            "actors": [a for a in event.actors if ("actors", a) not in missing],
            "recipients": [r for r in event.recipients if ("recipients", r) not in missing],
        }) if missing else event)  # fmt: skip
    return out, left_out


def _ahead(info: SentenceInfo, article: Article, clause: Clause) -> bool:
    """Whether a date of the act's own clause lies after the article's ("has set a hearing for May 6",
    "meets again on Thursday"): what is set for then has not happened. Not a deadline ("gave X until
    July 31") nor a date of a clause it governs ("invited them to meet next Tuesday") or of the occasion it
    summons to ("called them to a hearing on May 6")."""
    verb = clause.verb_in(info.doc)
    if verb is None or not article.published:
        return False

    def elsewhere(tok: Any) -> bool:  # a deadline on the way up to the verb, or the occasion it summons to
        return tok.lower_ in UNTIL_PREPS or tok.dep_ == "prep" and tok.lower_ == "to" and tok.head.i == verb.i and any(
            o.dep_ == "dobj" for o in verb.children)  # ("called X to a hearing on October 23": summoned now)

    own = " ".join(t.text for t in verb.subtree if _under(t, verb, elsewhere))
    ahead = clause.future or clause.tag in ("VBZ", "VBP")  # "meets on Thursday": the coming one
    days = [resolve_date(d, article.published, future=ahead) for d in info.dates if d in own]
    return any(day and day > article.published for day in days)


def _when(info: SentenceInfo, article: Article, clause: Clause | None = None) -> str | None:
    """The sentence's first phrase that dates something ("on Tuesday"), before a span of time
    the tagger also reads as one ("all night", "for two hours"); else its first, if any. An act
    told in a relative clause with a date of its own has that date ("a contract X signed in October"), one
    rehung on a reporting verb only its own."""
    own = [d for d in info.dates if not _asked_term(info.text, d)]
    future = info.future
    verb = clause.verb_in(info.doc) if clause is not None else None
    if clause is not None and verb is not None:
        inside = info.doc[verb.left_edge.i : verb.right_edge.i + 1].text
        rehung = verb.head.i != clause.head  # (`guided_events._rehung`: the speaker's act, not the reported one's)
        if (clause.dep == "relcl" or rehung) and any(d in inside for d in own):
            own, future = [d for d in own if d in inside], future and not clause.past
        elif rehung:  # "said families had learned of it on Monday and accused X": Monday is not the accusation's
            said = info.doc[clause.head]  # but "said on Wednesday that ... and accused X": the speaker's act then
            frame = " ".join(t.text for t in said.subtree if _under(t, said))
            own = [d for d in own if d in frame]
            if not own:
                return None
        # "called them to a hearing on October 23": the occasion's date, not the summons'
        occasion = " ".join(t.text for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for t in c.subtree
                            if any(o.dep_ == "dobj" for o in verb.children))  # (not "did not respond to X on Monday")
        own = [d for d in own if d not in occasion] if occasion else own
    if clause is not None and info.doc is not None and not (clause.future or clause.modal):
        plans = _plans(info, clause)
        own = [d for d in own if not any(d in plan for plan in plans)]
    dated = [d for d in own if resolve_date(d, article.published, future=future)]
    return next(iter(dated or own), None)


def _under(tok: Any, verb: Any, stop: Callable[[Any], bool] | None = None) -> bool:
    """Whether `tok` belongs to `verb`'s own clause: no clause link (nor a word `stop` names) on the
    way up to it."""
    while tok.i != verb.i:
        if tok.dep_ in ("ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis") or stop and stop(tok):
            return False
        tok = tok.head
    return True


def _plans(info: SentenceInfo, act: Clause) -> list[str]:
    """The text of the clauses of what will or would be done beside an act done ("said it would block
    traffic on March 20 unless ...", "offered to pay and said the money would come from July 1"): their
    dates are the plan's, not the act's."""
    doc = info.doc
    planned = [c for c in info.clauses if (c.future or c.modal) and c.index != act.index and c.verb_in(doc) is not None]
    spans = [(doc[c.index].left_edge.i, doc[c.index].right_edge.i + 1) for c in planned]
    return [doc[a:b].text for a, b in spans if not a <= act.index < b]  # (not a plan the act is told inside)


_ASKED_TERM = re.compile(rf"\bto\s+\w+\b.*\b(?:{'|'.join(sorted(DEADLINE_PREP))})\s+$")


def _asked_term(text: str, phrase: str) -> bool:
    """A term set for what the act asks for, not the act's own date: "asked X to publish it by
    the end of June"."""
    at = text.find(phrase)
    return at > 0 and bool(_ASKED_TERM.search(text[:at]))


def _follow_ups(article: Article, plan_: Plan, ids: dict[int, str]) -> list[FollowUp]:
    """A follow-up per clause that looks ahead (`followups`)."""
    assert plan_.analysis is not None
    return followups.follow_ups(article, plan_.analysis, ids)


def _obliged(info: SentenceInfo, clause: Clause) -> list[int]:
    """Who the clause's content obliges: the subject of a complement with a modal of
    obligation ("ruled that Northline must clean the river", "said the firm should pay")."""
    return [a for c in info.clauses if c.head == clause.index and c.index != clause.index and c.dep == "ccomp"
            and OBLIGE_MODALS & set(c.aux) and not c.agents_by_rule for a in c.agents]  # fmt: skip


def _with_any(event: Event, ids: list[str], actors: list[Actor]) -> bool:
    """Whether the event is with one of these actors: a recipient, or named in its evidence."""
    if set(event.recipients) & set(ids):
        return True
    quoted = " ".join(e.quote for e in event.evidence)
    return any(m in quoted for a in actors if a.id in ids for m in a.mentions)


def _event_summary(info: SentenceInfo, clause: Clause | None, acting: list[str], acted_on: list[str]) -> str:
    """The clause's verb phrase in the article's words with its actors' names; for an act
    named by a noun, or without a parse, the actors, the word and the recipients."""
    doc = info.doc
    verb = clause.verb_in(doc) if clause is not None else None
    if clause is not None and verb is not None and verb.pos_ in ("VERB", "AUX"):
        text = clause_summary(doc, clause.index, acting)
        if text:
            return text
    verb = clause.text if clause else ""
    return " ".join(p for p in [", ".join(acting), verb, ", ".join(acted_on)] if p)


def _name(actor_id: str, actors: list[Actor]) -> str:
    return next(a.name for a in actors if a.id == actor_id)


