"""The guided strategy's fallback where no English parse is possible: capitalisation rules.

Used for articles not in English (the pinned spaCy pipeline is English only) and when
spaCy is not installed; the result says so in its notes. What follows is the first
guided strategy's design, kept as it was measured:

Measured on the corpus with Qwen2.5-Coder-0.5B: asked for the whole schema, a small
model returned empty or invented actors and repeated items; asked to pick an event
type per sentence, it picked the first option offered, whatever the sentence. Asked
to *label* names that code found verbatim in the text, it was right most of the time.
So:

1. Code finds candidate names (`names.find_candidates`); the model labels each with a
   kind (person, government, country, ..., place, other). Labels that are not actors
   drop the candidate.
2. Code composes the rest from the text: events from sentences that mention an actor
   and use a verb of a known kind (`EVENT_VERBS`), stances and follow-ups from wording
   cues, a lead summary (the article's first sentences), and evidence that quotes whole
   sentences, verbatim by construction.

The same request goes to any engine; a strong model over an endpoint is better served
by the `single` strategy.
"""

from __future__ import annotations

import re
from typing import Any

from ..grounding import instruction_sentences
from ..inputs import Article, Sentence
from ..models import Actor, Event, Evidence, FollowUp, ModelOutput, Stance
from ..prompts import render_messages
from . import names
from .base import Conversation, Steps, article_context
from .names import Candidate, date_phrase, find_candidates, has_future_cue, stance_cue

__all__ = ["ACTOR_LABELS", "EVENT_VERBS", "fallback_question", "fallback_steps", "rule_tables", "rules_fingerprint"]

ACTOR_LABELS = {
    "person": "person",
    "government": "government",
    "country": "state",
    "organization": "organization",
    "international_organization": "igo",
    "armed_group": "armed_group",
    "group_of_people": "other",
    "place": None,
    "document_or_event": None,
    "other": None,
}
# First match wins: the more specific kinds come before "said".
EVENT_VERBS: list[tuple[str, re.Pattern[str]]] = [
    (t, re.compile(p, re.I))
    for t, p in [
        ("SANCTION", r"\b(sanction\w*|penalt\w+|imposed? (?:costs|tariffs|restrictions))\b"),
        ("ASSAULT", r"\b(attack\w*|killed|strikes? on|bomb\w*|rockets? (?:fire|attack)|crackdown|shot)\b"),
        ("MOBILIZE", r"\b(troops|deploy\w*|military build|mobiliz\w*|stationed)\b"),
        ("THREATEN", r"\b(warn\w*|threat\w*|would bring|prepared to impose)\b"),
        ("ACCUSE", r"\b(accus\w*|condemn\w*|criticiz\w*|criticis\w*|denounc\w*|blam\w*)\b"),
        ("REJECT", r"\b(reject\w*|veto\w*|refus\w*|denied|denial|failed to pass|voted against)\b"),
        ("PROTEST", r"\b(protest\w*|demonstrat\w*)\b"),
        ("REQUEST", r"\b(urg(?:e|ed|es|ing)|call(?:ed|s)? (?:on|for)|ask(?:ed|s)?|request\w*|appeal\w*)\b"),
        ("AGREE", r"\b(agree[ds]?|agreement|signed|adopted|approv\w*)\b"),
        ("AID", r"\b(aid|assistance|donat\w*|fund\w*|vaccines? (?:to|for))\b"),
        ("COOPERATE", r"\b(cooperat\w*|co-operat\w*|evacuat\w*|coordinat\w*|work(?:ed|ing)? (?:with|together))\b"),
        ("SUPPORT", r"\b(thank\w*|prais\w*|welcom\w*|support\w*|reaffirm\w*|gratitude|commend\w*)\b"),
        (
            "CONSULT",
            r"\b(spoke|speak|talk\w*|call\b|called|met|meet\w*|discuss\w*|visit\w*|conversation|summit|session|dialogue)\b",
        ),
        ("STATEMENT", r"\b(said|says|stated|told|announc\w*|wrote|tweeted|statement|stressed|emphasi\w*)\b"),
    ]
]
MAX_EVENTS = 10
MAX_STANCES = 6
MAX_FOLLOW_UPS = 5
_SUMMARY_CHARS = 480
_REPORTED = re.compile(r"\b(said|says|told|according to|stated|wrote|tweeted|announced|reported)\b", re.I)


def _reporting(article: Article) -> list[Sentence]:
    """The sentences that report: text addressed to the model (see grounding) names no actor and supports nothing."""
    skip = instruction_sentences(article)
    return [s for s in article.sentences if s.number not in skip]


def candidates(article: Article) -> list[Candidate]:
    return find_candidates([s.text for s in _reporting(article)])


def actor_labels_schema(names: list[str]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {n: {"type": "string", "enum": list(ACTOR_LABELS)} for n in names},
        "required": names,
        "additionalProperties": False,
    }


def parse_actor_labels(data: Any, names: list[str]) -> tuple[dict[str, str], list[str]]:
    if not isinstance(data, dict):
        return {}, ["the reply must be a JSON object mapping each name to a label"]
    errors = [f"missing label for {n!r}" for n in names if n not in data]
    errors += [
        f"{k!r}: label must be one of {', '.join(ACTOR_LABELS)}"
        for k, v in data.items()
        if not isinstance(v, str) or v not in ACTOR_LABELS
    ]
    errors += [f"{k!r} is not one of the names asked about" for k in data if k not in names]
    return {n: data[n] for n in names if n in data}, errors


def event_type(sentence: str) -> str | None:
    for kind, pattern in EVENT_VERBS:
        if pattern.search(sentence):
            return kind
    return None


def build_actors(cands: list[Candidate], labels: dict[str, str]) -> list[Actor]:
    actors: list[Actor] = []
    for cand in cands:
        kind = ACTOR_LABELS.get(labels.get(cand.name, "other"))
        if kind is None:
            continue
        if cand.title and kind != "person":
            kind = "person"  # "Secretary of State X": a titled name is a person, whatever the label
        actors.append(
            Actor(
                id=f"A{len(actors) + 1}",
                name=cand.name,
                kind=kind,  # type: ignore[arg-type]
                title=cand.title,
                country=None,
                mentions=cand.mentions,
            )
        )
    return actors


_PRONOUN_START = re.compile(r"^(?:He|She|They)\b")
_NEGATED = re.compile(r"\b(did not|does not|do not|didn't|doesn't|no figures|nor)\b", re.I)


def _source_spans(text: str) -> list[tuple[int, int]]:
    """Where a sentence names its source ("according to Kirby", "..., the Pentagon said")."""
    spans = [m.span() for m in re.finditer(r"\b(?:according to|released by|said by)\s+[^,.;]+", text, re.I)]
    spans += [m.span() for m in re.finditer(r",\s+[^,;]{1,60}?\s+(?:said|says|stated|added)\b[^,;]*[.;]?$", text)]
    return spans


def _mentioned(sentence: Sentence, actors: list[Actor], *, skip_sources: bool = False) -> list[str]:
    """Actor ids in order of first mention in the sentence (optionally not as its source)."""
    sources = _source_spans(sentence.text) if skip_sources else []
    hits: list[tuple[int, str]] = []
    for actor in actors:
        positions = [
            m.start()
            for form in actor.mentions
            for m in re.finditer(rf"\b{re.escape(form)}\b", sentence.text)
            if not any(a <= m.start() < b for a, b in sources)
        ]
        if positions:
            hits.append((min(positions), actor.id))
    return [i for _, i in sorted(hits)]


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _evidence(sentence: Sentence) -> list[Evidence]:
    return [Evidence(sentence=sentence.number, quote=sentence.text)]


def compose_output(article: Article, actors: list[Actor]) -> ModelOutput:
    """Everything but the actor labels, from the text: events, stances, follow-ups, summary."""
    events: list[Event] = []
    previous_actor: str | None = None
    seen: set[str] = set()
    for sentence in _reporting(article):
        key = re.sub(r"\W+", " ", sentence.text).strip().lower()[:60]
        if key in seen:  # a quoted tweet repeated verbatim is one event, not two
            continue
        seen.add(key)
        kind = event_type(sentence.text)
        ids = _mentioned(sentence, actors, skip_sources=True)
        if _PRONOUN_START.match(sentence.text) and previous_actor and previous_actor not in ids:
            ids = [previous_actor, *ids]  # "He thanked Wallace": he is who acted last
        if ids:
            previous_actor = ids[0]
        if kind is None or not ids or _NEGATED.search(sentence.text) or len(events) >= MAX_EVENTS:
            continue
        future = has_future_cue(sentence.text)
        events.append(
            Event(
                id=f"E{len(events) + 1}",
                type=kind,  # type: ignore[arg-type]
                summary=_clip(sentence.text, 240),
                actors=ids[:1],
                recipients=ids[1:3],
                date=None,  # code resolves date_text against the publication date
                date_text=date_phrase(sentence.text),
                location=None,
                factuality="planned" if future else "reported" if _REPORTED.search(sentence.text) else "occurred",
                evidence=_evidence(sentence),
            )
        )

    stances: list[Stance] = []
    follow_ups: list[FollowUp] = []
    holders = {a.id for a in actors if a.kind in ("person", "government", "state", "organization", "igo")}
    people = {a.id for a in actors if a.kind == "person"}
    for sentence in _reporting(article):
        ids = _mentioned(sentence, actors)
        position = stance_cue(sentence.text)
        # People hold stances before institutions do; places never.
        holder = next((i for i in ids if i in people), None) or next((i for i in ids if i in holders), None)
        if position and holder and len(stances) < MAX_STANCES:
            target = next((i for i in ids if i != holder), None)
            stances.append(
                Stance(
                    holder=holder,
                    topic=_clip(sentence.text, 80),
                    target=target,
                    position=position,  # type: ignore[arg-type]
                    summary=_clip(sentence.text, 240),
                    evidence=_evidence(sentence),
                )
            )
        if ids and has_future_cue(sentence.text) and len(follow_ups) < MAX_FOLLOW_UPS:
            when = date_phrase(sentence.text)
            follow_ups.append(
                FollowUp(
                    description=_clip(sentence.text, 240),
                    kind="scheduled" if when else "expected_action",
                    actors=ids,
                    due=None,
                    due_text=when,
                    basis="explicit",
                    evidence=_evidence(sentence),
                )
            )

    lead = " ".join(s.text for s in _reporting(article)[:2])
    return ModelOutput(
        summary=_clip(lead, _SUMMARY_CHARS),
        key_points=[_clip(e.summary, 160) for e in events[:5]],
        actors=actors,
        stances=stances,
        events=events,
        follow_ups=follow_ups,
    )


def fallback_steps(
    article: Article, cands: list[Candidate], messages: list[dict[str, str]], conversation: Conversation
) -> Steps:
    """The capitalisation path: the model labels names found by `names`, rules compose the rest."""
    labels: dict[str, str] = {}
    if cands:
        asked = [c.name for c in cands]
        labels = yield from conversation.ask(
            messages, actor_labels_schema(asked), "actor_kinds", lambda data: parse_actor_labels(data, asked)
        )
    output = compose_output(article, build_actors(cands, labels))
    for actor in output.actors:
        actor.origin = {"name": "rule", "kind": "model", "mentions": "rule", "title": "rule", "country": "rule"}
    for event in output.events:
        event.origin = dict.fromkeys(("type", "actors", "recipients", "summary", "date_text", "factuality"), "rule")
    for stance in output.stances:
        stance.origin = dict.fromkeys(("holder", "topic", "target", "position", "summary"), "rule")
    for follow_up in output.follow_ups:
        follow_up.origin = dict.fromkeys(("description", "kind", "actors", "due_text", "basis"), "rule")
    output.summary_origin = "rule"
    output.key_points_origin = "rule"
    return output


def fallback_question(article: Article) -> tuple[list[dict[str, str]], list[Candidate]]:
    cands = candidates(article)
    messages = render_messages("system.j2", "actors.j2", names=[c.name for c in cands], **article_context(article))
    return messages, cands


def rules_fingerprint() -> str:
    """A hash of the rule tables that compose guided results (not of the source file:
    a comment edit must not empty every user's cache)."""
    import hashlib

    return hashlib.sha256(repr(rule_tables()).encode()).hexdigest()[:16]


def rule_tables() -> list[object]:
    """The tables and patterns the capitalisation path reads, as `rules_fingerprint()` hashes them."""
    return [
        sorted(ACTOR_LABELS.items(), key=str),
        [(kind, p.pattern, p.flags) for kind, p in EVENT_VERBS],
        [MAX_EVENTS, MAX_STANCES, MAX_FOLLOW_UPS, _SUMMARY_CHARS, _REPORTED.pattern],
        [_PRONOUN_START.pattern, _NEGATED.pattern],
        names.rule_tables(),
    ]
