"""One act told more than once is one event.

News tells an act again: a headline and the body sentence, a sentence and the tweet it
quotes, a summary sentence naming two calls and a paragraph on each. Two events are one
act when the same actors did the same kind of thing by the same word (the verb's lemma,
or the noun a light verb or a nominal names), with recipients equal or one a subset of
the other, and no dates that resolve apart. The merged event keeps every quote.

A sentence that names several recipients ("spoke with X as well as Y") and events that
each tell one of them, between them all of them, are separate acts told together: the
joint sentence becomes evidence of each, not an event of its own.

Owns only the folding of events already composed; what an event is and who acted
belong to `guided_events` and `parse`.
"""

from __future__ import annotations

from typing import Any

from ..dates import resolve_date
from ..models import Event, Evidence
from .event_types import LIGHT, NOUN_TYPES
from .parse_types import Clause, SentenceInfo
from .words import word_tables

__all__ = ["ANAPHORIC", "act_word", "answered_act", "answered_speaker", "decided_first", "merge_events"]

_HAPPENED, _ANAPHORS, _SPOKEN, _DECIDED, _AT_TIME = word_tables(
    "event_merge", "_HAPPENED _ANAPHORS _SPOKEN _DECIDED _AT_TIME"
)
_LEAD = 1  # the number of an article's first body sentence, its lead
_BACK = 4  # how many sentences back a "that claim" may reach for the one who made it
ANAPHORIC = "(an act told before)"


def act_word(clause: Clause, doc: Any = None) -> str:
    """The word that names the clause's act: the object of a light verb that types it ("held
    talks": talk), else the verb's (or noun's) lemma; `ANAPHORIC` for a light verb's act noun
    that refers back to an act told already ("made the commitment", "held these talks")."""
    if clause.verb not in LIGHT:
        return clause.verb
    noun = next((o for o in clause.objects if o in NOUN_TYPES), clause.verb)
    verb = clause.verb_in(doc)
    if verb is not None:
        for obj in verb.children:
            if obj.dep_ == "dobj" and obj.lemma_.lower() == noun and _refers_back(obj):
                return ANAPHORIC
    return noun


def _refers_back(noun: Any) -> bool:
    """A noun with a determiner that points back ("the commitment", "that criticism")."""
    return any(d.dep_ == "det" and d.lower_ in _ANAPHORS for d in noun.children)


def _named_in_place(noun: Any, deps: tuple[str, ...]) -> bool:
    """Whether the noun names its owner, content or recipient in place ("the union's claim", "the request
    for a loan"); a time the parser hung on it is the verb's ("rejected the request on Wednesday")."""
    return any(c.dep_ in deps and not (c.dep_ == "prep" and _timed(c)) for c in noun.children)


def _timed(prep: Any) -> bool:
    """A preposition of a point in time whose object is a date or a time and nothing more ("on Wednesday", "in
    March"; not "the request of 2019": a date that names which request)."""
    objects = [o for o in prep.children if o.dep_ == "pobj"]
    return prep.lower_ in _AT_TIME and bool(objects) and all(o.ent_type_ in ("DATE", "TIME") and not any(
        c.dep_ in ("prep", "relcl", "acl") for c in o.children) for o in objects) and len(list(prep.children)) == 1


def answered_act(clause: Clause, doc: Any, events: list[Event], acts: dict[str, str], own: list[str]) -> Event | None:
    """The earlier act that the clause's object refers back to ("rejected that criticism",
    "welcomed the ruling"): the last event of the noun's type, or told by the verb the noun is
    the -ing form of ("ruling": ruled), by other actors than the clause's own (`own`).
    None when the object names its own owner or recipient ("the union's offer", "criticism of X")."""
    verb = clause.verb_in(doc)
    if verb is None:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.pos_ != "NOUN" or not _refers_back(obj):
        return None
    if _named_in_place(obj, ("poss", "prep", "acl", "relcl", "compound", "amod")):
        return None
    noun = obj.lemma_.lower()
    for event in (e for e in reversed(events) if not set(e.actors) & set(own)):
        verb = acts.get(event.id, "")
        # "ruling": ruled; "the order", "the fine", "the ban": the verb itself, as a noun
        told = bool(verb) and noun in (verb, verb + "ing", verb[:-1] + "ing")
        if told or NOUN_TYPES.get(noun) == event.type:
            return event
    return None


def answered_speaker(clause: Clause, doc: Any, sentences: list[SentenceInfo], number: int) -> list[int]:
    """Who made the words the clause's object refers back to ("rejected that account", "did not
    respond to the criticism" after "X said ..."): the speaker of the nearest earlier sentence that reports
    speech, within a few sentences (the caller drops the clause's own doers: then no one)."""
    verb = clause.verb_in(doc)
    if verb is None:
        return []
    # the object, or what a reply is "to" ("did not respond to the ultimatum")
    to = [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "to" for o in p.children if o.dep_ == "pobj"]
    obj = next((c for c in verb.children if c.dep_ == "dobj"), next(iter(to), None))
    if obj is None or obj.lemma_.lower() not in _SPOKEN or not _refers_back(obj):
        return []
    if _named_in_place(obj, ("poss", "prep", "acl", "relcl")):
        return []  # "the union's claim", "the claim of X", "the claim that ...": named in place
    for info in sorted((s for s in sentences if number - _BACK <= s.number < number), key=lambda s: -s.number):
        said = [a for c in info.clauses if c.reporting and c.main for a in c.agents]
        if info.source is not None or said:
            return [info.source] if info.source is not None else said
    return []


def decided_first(clause: Clause, doc: Any, events: list[Event], own: list[str]) -> Event | None:
    """The act "the decision" / "the ruling" refers back to when no earlier act is told by that
    word ("welcomed the decision", "appealed the ruling"): the decision a news report opens
    with, when the first event is told in the lead sentence and not by the clause's own doers."""
    verb = clause.verb_in(doc)
    if verb is None or not events:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.lemma_.lower() not in _DECIDED or not _refers_back(obj):
        return None
    if _named_in_place(obj, ("poss", "prep", "acl", "relcl", "compound", "amod")):
        return None  # "the court's decision", "the decision to close ...": named in place
    lead = events[0]
    if lead.evidence[0].sentence != _LEAD or set(lead.actors) & set(own):
        return None  # the first act found is not the one the report opens with, or the doer's own
    return lead


def _dates_apart(a: Event, b: Event, published: str | None) -> bool:
    """Whether both events carry dates that resolve to different days."""
    if not (a.date_text and b.date_text):
        return False
    da, db = resolve_date(a.date_text, published), resolve_date(b.date_text, published)
    return da is not None and db is not None and da != db


def _same_act(a: Event, b: Event, acts: dict[str, str], published: str | None, anaphoric: str | None) -> bool:
    """Same doers, same type, same act word (or the later one refers back to the act), same
    reality and no conflicting dates (recipients aside); `a` is told first."""
    word, later = acts.get(a.id), acts.get(b.id)
    same_word = bool(word) and (word == later or (later is not None and later == anaphoric))
    same_reality = a.factuality == b.factuality or {a.factuality, b.factuality} <= _HAPPENED
    return (same_word and set(a.actors) == set(b.actors) and a.type == b.type and same_reality
            and not _dates_apart(a, b, published))  # fmt: skip


def _absorb(kept: Event, others: list[Event]) -> Event:
    """`kept` with the other tellings' quotes (after its own), recipients and first date."""
    evidence: dict[tuple[int, str], Evidence] = {(e.sentence, e.quote): e for e in kept.evidence}
    for other in others:
        for e in other.evidence:
            evidence.setdefault((e.sentence, e.quote), e)
    recipients = list(dict.fromkeys([*kept.recipients, *(r for o in others for r in o.recipients)]))
    date_text = kept.date_text or next((o.date_text for o in others if o.date_text), None)
    update = {"evidence": list(evidence.values()), "recipients": recipients, "date_text": date_text}
    return kept.model_copy(update=update)


def merge_events(
    events: list[Event], acts: dict[str, str], published: str | None, *, anaphoric: str | None = ANAPHORIC
) -> list[Event]:
    """The events with every act told more than once folded into one, renumbered E1, E2 ...

    Args:
        events: composed events, in article order.
        acts: event id -> the word that names its act (a verb's or noun's lemma); an
            event without one is never merged.
        published: the article's publication date, to resolve relative dates.
        anaphoric: the act word of an event that refers back to an act already told ("made
            the commitment"): it joins the earlier telling of the same type by the same doers.
    """
    # 1. The same act with the same recipients: one event, at its first telling.
    groups: list[list[Event]] = []
    for event in events:
        # (a telling that refers back is checked against the tellings that name the act)
        group = next((g for g in groups if set(g[0].recipients) == set(event.recipients)
                      and acts.get(g[0].id) != anaphoric
                      and all(_same_act(m, event, acts, published, anaphoric) for m in g
                              if acts.get(m.id) != anaphoric)), None)  # fmt: skip
        if group is None:
            groups.append([event])
        else:
            group.append(event)
    folded = [_absorb(g[0], g[1:]) for g in groups]
    # 2. A telling with more recipients than others of the same act.
    drop: set[int] = set()
    out = list(folded)
    for k, joint in enumerate(folded):
        if k in drop:
            continue
        parts = [i for i, e in enumerate(folded) if i != k and i not in drop
                 and set(e.recipients) < set(joint.recipients)
                 and _same_act(*((joint, e) if k < i else (e, joint)), acts, published, anaphoric)]  # fmt: skip
        if not parts:
            continue
        shares = [set(folded[i].recipients) for i in parts]
        disjoint = sum(len(s) for s in shares) == len(set().union(*shares))
        if len(parts) > 1 and disjoint and set().union(*shares) == set(joint.recipients):
            # Separate acts told together: the joint sentence is evidence of each.
            for i in parts:
                out[i] = _absorb(out[i], [joint.model_copy(update={"recipients": out[i].recipients,
                                                                   "date_text": None})])  # fmt: skip
            drop.add(k)
        else:
            out[k] = _absorb(out[k], [out[i] for i in parts])
            drop.update(parts)
    kept = [e for i, e in enumerate(out) if i not in drop]
    return [e.model_copy(update={"id": f"E{n}"}) for n, e in enumerate(kept, 1)]
