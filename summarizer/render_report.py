"""A result as the plain data its views show: the report model behind `render`.

Python computes everything as plain data here (the article cut into segments at every
evidence boundary, which items cite which evidence, actor colours, the timeline, which
texts only repeat others); the Jinja2 templates in ``views/`` emit all markup (see
`render.py`). Imports only `models`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from .models import Actor, ArticleSummary, ChunkReport, GroundedEvidence

__all__ = ["ORIGINS", "Report", "build_report"]

# Golden-angle steps spread consecutive actor numbers around the colour wheel, so
# "A1".."A8" never land on near-identical hues (a plain hash often would).
_GOLDEN_ANGLE = 137.508
_FIRST_HUE = 212  # A1 starts blue
_NUMBERED_ID = re.compile(r"[A-Za-z]*0*(\d{1,6})")
# Where a field came from (models.Origin), in the order views list them, with the letter
# of the compact marker. A field absent from an item's `origin` map came from the model.
ORIGINS = {"model": "M", "parse": "P", "rule": "R"}
# The fields each kind of item shows, in the order it shows them; `origin` keys beyond
# these (a strategy's own) are listed after them, so no recorded origin goes unshown.
_ORIGIN_FIELDS = {
    "actor": ("name", "kind", "title", "country", "mentions"),
    "stance": ("holder", "target", "position", "topic", "summary", "evidence"),
    "event": ("type", "actors", "recipients", "date", "location", "factuality", "summary", "evidence"),
    "follow_up": ("kind", "actors", "due", "basis", "description", "evidence"),
}
# What a text has to be folded to before two texts count as one: quotes, spaces, case.
_FOLD_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "`": "'"})
_PRONOUNS = frozenset("he him his she her hers it its they them their theirs we us our ours you your i me my".split())


@dataclass(frozen=True)
class _ActorRef:
    """An actor id as cited by an item; ``dom_id`` is None for an id nobody declared."""

    id: str
    name: str
    hue: int | None
    dom_id: str | None


@dataclass(frozen=True)
class _Quote:
    """One piece of evidence under an item."""

    ev: str | None  # evidence id of the highlighted span; None when offsets don't fit
    text: str  # the article text at the offsets, or the model's quote when unlocated
    sentence: int
    start: int
    end: int


@dataclass
class _Item:
    """An actor, stance, event or follow-up, with what the views need to show it."""

    kind: Literal["actor", "stance", "event", "follow_up"]
    dom_id: str
    label: str
    title: str  # one plain-text line, used in lists of citing items
    data: Any  # the model object; templates read its fields directly
    quotes: list[_Quote] = field(default_factory=list)
    who: list[_ActorRef] = field(default_factory=list)
    whom: list[_ActorRef] = field(default_factory=list)
    hue: int | None = None
    evidence: list[str] = field(default_factory=list)  # evidence ids, for linking
    # The summary (description) to show, None when it only repeats one of the quotes; a
    # stance's topic, None when it is the start of its summary or quote.
    text: str | None = None
    topic: str | None = None
    # Where each shown field came from: (origin, field names), in ORIGINS order.
    origins: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass(frozen=True)
class _Segment:
    """A run of article text covered by the same evidence spans (and actor mention)."""

    text: str
    start: int
    end: int
    evidence: tuple[str, ...]
    actor: _ActorRef | None

    @property
    def depth(self) -> int:
        return min(len(self.evidence), 3)


@dataclass(frozen=True)
class _TimelineEntry:
    date: str
    kind: Literal["event", "published", "follow_up"]
    item: _Item | None
    date_text: str | None


@dataclass
class Report:
    """The items built from a result and their layout; what follows from the result alone
    (title, dateline, counts, shown key points) is derived, never stored beside it."""

    result: ArticleSummary
    actors: list[_Item]
    stances: list[_Item]
    events: list[_Item]
    follow_ups: list[_Item]
    segments: list[_Segment]
    timeline: list[_TimelineEntry]
    data: dict[str, Any]  # what the page script needs, embedded as JSON

    @property
    def title(self) -> str:
        return (self.result.article.title or "").strip() or "Untitled article"

    @property
    def published(self) -> str | None:
        return self.result.article.published

    @property
    def source(self) -> str | None:
        return self.result.article.source

    @property
    def source_url(self) -> str | None:
        source = self.source
        return source if source and re.match(r"https?://\S+$", source) else None

    @property
    def key_points(self) -> list[str]:
        """The key points that do not repeat the summary (the lead sentence, clipped or not)."""
        return [p for p in self.result.key_points if not _repeats(p, [self.result.summary], inside=True)]

    @property
    def repeated_points(self) -> int:
        """Key points not shown again because the summary says them."""
        return len(self.result.key_points) - len(self.key_points)

    @property
    def failed_chunks(self) -> list[ChunkReport]:
        """Chunks of a partial result that failed, with why."""
        return [c for c in self.result.provenance.chunks or [] if not c.ok]

    @property
    def undated_events(self) -> int:
        return sum(1 for item in self.events if not item.data.date)

    @property
    def unlocated(self) -> int:
        return sum(1 for item in (*self.stances, *self.events, *self.follow_ups) for q in item.quotes if q.ev is None)


def _actor_hue(actor_id: str) -> int:
    """A hue (0-359) that depends only on the actor id."""
    match = _NUMBERED_ID.fullmatch(actor_id.strip())
    if match:
        return round(_FIRST_HUE + (int(match.group(1)) - 1) * _GOLDEN_ANGLE) % 360
    digest = hashlib.sha256(actor_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:2], "big") % 360


def _located(ev: GroundedEvidence, text: str) -> bool:
    return 0 <= ev.start < ev.end <= len(text)


def _segments(
    text: str,
    spans: Iterable[tuple[int, int, str]],
    mentions: Iterable[tuple[int, int, _ActorRef]] = (),
) -> list[_Segment]:
    """Cut ``text`` at every span and mention boundary.

    Each segment lists the evidence ids covering it (in span order), so overlapping and
    nested spans need no nesting in the markup. Mentions must not overlap each other.
    Joining the segments' text gives back ``text`` exactly.
    """
    spans = list(spans)
    mentions = list(mentions)
    cuts = {0, len(text)}
    for start, end, _ in spans:
        cuts.update((start, end))
    for start, end, _ in mentions:
        cuts.update((start, end))
    bounds = sorted(cut for cut in cuts if 0 <= cut <= len(text))
    segments = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        covering = tuple(ev for s, e, ev in spans if s <= start and end <= e)
        actor = next((ref for s, e, ref in mentions if s <= start and end <= e), None)
        segments.append(_Segment(text[start:end], start, end, covering, actor))
    return segments


def _mentions(text: str, actors: list[_Item]) -> list[tuple[int, int, _ActorRef]]:
    """Where the text names an actor (its name or listed mentions), without overlaps.

    A reading aid only (not evidence): whole-word, case-sensitive matches; at each
    position the longest form wins. Pronouns are skipped: "He" may be a different
    person three sentences later, and a wrong colour is worse than none.
    """
    found: list[tuple[int, int, _ActorRef]] = []
    for item in actors:
        actor: Actor = item.data
        ref = _ActorRef(actor.id, actor.name, item.hue, item.dom_id)
        for form in {actor.name.strip(), *(m.strip() for m in actor.mentions)}:
            if len(form) < 2 or form.lower() in _PRONOUNS:
                continue
            for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
                found.append((match.start(), match.end(), ref))
    found.sort(key=lambda m: (m[0], m[0] - m[1], m[2].id))
    chosen: list[tuple[int, int, _ActorRef]] = []
    for mention in found:
        if not chosen or mention[0] >= chosen[-1][1]:
            chosen.append(mention)
    return chosen


def _origins(kind: str, origin: dict[str, str]) -> list[tuple[str, list[str]]]:
    """Group an item's fields by where they came from: [("model", ["kind"]), ("parse", ["name"])]."""
    fields = [*_ORIGIN_FIELDS[kind], *(f for f in origin if f not in _ORIGIN_FIELDS[kind])]
    groups: dict[str, list[str]] = {}
    for name in fields:
        groups.setdefault(origin.get(name, "model"), []).append(name)
    order = list(ORIGINS)
    return sorted(groups.items(), key=lambda g: order.index(g[0]) if g[0] in order else len(order))


def _plain(text: str) -> str:
    return " ".join(text.translate(_FOLD_QUOTES).split()).casefold().rstrip(" .!?;:,'\"")


def _repeats(text: str, others: Iterable[str], *, inside: bool = False) -> bool:
    """Does `text` say nothing the `others` do not: equal to one of them, or (clipped
    with "…") the start of one; with ``inside``, also any part of one."""
    stripped = text.rstrip()
    clipped = stripped.endswith(("\u2026", "..."))
    folded = _plain(stripped.rstrip(".\u2026") if clipped else stripped)
    if not folded:
        return True
    for other in map(_plain, others):
        if folded == other or (clipped and other.startswith(folded)) or (inside and folded in other):
            return True
    return False


def build_report(result: ArticleSummary) -> Report:
    """The report model of a result, for the Markdown and HTML views."""
    text = result.article.text

    # Distinct located spans get ids in reading order, so one span cited by several
    # items is one highlight that links to all of them.
    all_evidence = [
        ev for group in (result.stances, result.events, result.follow_ups) for entry in group for ev in entry.evidence
    ]
    span_ids: dict[tuple[int, int], str] = {}
    for start, end in sorted({(ev.start, ev.end) for ev in all_evidence if _located(ev, text)}):
        span_ids[(start, end)] = f"ev{len(span_ids) + 1}"

    def quotes(evidence: list[GroundedEvidence]) -> list[_Quote]:
        out = []
        for ev in evidence:
            if _located(ev, text):
                out.append(_Quote(span_ids[(ev.start, ev.end)], text[ev.start : ev.end], ev.sentence, ev.start, ev.end))
            else:
                out.append(_Quote(None, ev.quote, ev.sentence, ev.start, ev.end))
        return out

    actors = [
        _Item("actor", f"actor-{n}", actor.id, actor.name, actor, hue=_actor_hue(actor.id))
        for n, actor in enumerate(result.actors, 1)
    ]
    by_id = {item.label: item for item in actors}

    def ref(actor_id: str | None) -> list[_ActorRef]:
        if actor_id is None:
            return []
        item = by_id.get(actor_id)
        if item is None:
            return [_ActorRef(actor_id, actor_id, None, None)]
        return [_ActorRef(actor_id, item.data.name, item.hue, item.dom_id)]

    def refs(actor_ids: list[str]) -> list[_ActorRef]:
        return [r for actor_id in actor_ids for r in ref(actor_id)]

    stances = []
    for n, stance in enumerate(result.stances, 1):
        who, whom = ref(stance.holder), ref(stance.target)
        title = f"{who[0].name if who else stance.holder}: {stance.position} on {stance.topic}"
        item = _Item("stance", f"stance-{n}", f"S{n}", title, stance, quotes(stance.evidence), who, whom)
        said = [q.text for q in item.quotes]
        item.text = None if _repeats(stance.summary, said) else stance.summary
        # A topic that only names the target ("support — on Canada · about Canada") says it twice.
        target = by_id.get(stance.target) if stance.target else None
        names = [target.data.name, *target.data.mentions] if target else []
        item.topic = None if _repeats(stance.topic, [stance.summary, *said, *names]) else stance.topic
        stances.append(item)
    events = []
    for n, event in enumerate(result.events, 1):
        label = event.id.strip() or f"E{n}"
        events.append(
            _Item("event", f"event-{n}", label, f"{event.type}: {event.summary}", event,
                  quotes(event.evidence), refs(event.actors), refs(event.recipients))
        )  # fmt: skip
    follow_ups = [
        _Item("follow_up", f"follow-up-{n}", f"F{n}", follow_up.description, follow_up,
              quotes(follow_up.evidence), refs(follow_up.actors))
        for n, follow_up in enumerate(result.follow_ups, 1)
    ]  # fmt: skip
    for item in [*events, *follow_ups]:
        said = item.data.summary if item.kind == "event" else item.data.description
        item.text = None if _repeats(said, [q.text for q in item.quotes]) else said
    for item in [*actors, *stances, *events, *follow_ups]:
        item.origins = _origins(item.kind, item.data.origin)

    citing = [*stances, *events, *follow_ups]
    cited_by: dict[str, list[str]] = {ev: [] for ev in span_ids.values()}
    for item in citing:
        item.evidence = list(dict.fromkeys(q.ev for q in item.quotes if q.ev is not None))
        for ev in item.evidence:
            cited_by[ev].append(item.dom_id)
    # An actor links to the evidence of every item it takes part in.
    for actor_item in actors:
        involved = (i for i in citing if any(r.dom_id == actor_item.dom_id for r in (*i.who, *i.whom)))
        actor_item.evidence = sorted({ev for i in involved for ev in i.evidence}, key=lambda ev: int(ev[2:]))

    spans = [(start, end, ev) for (start, end), ev in span_ids.items()]
    segments = _segments(text, spans, _mentions(text, actors))

    published = result.article.published
    timeline = [_TimelineEntry(item.data.date, "event", item, item.data.date_text) for item in events if item.data.date]
    timeline += [
        _TimelineEntry(item.data.due, "follow_up", item, item.data.due_text) for item in follow_ups if item.data.due
    ]
    if published and timeline:
        timeline.append(_TimelineEntry(published, "published", None, None))
    order = {"event": 0, "published": 1, "follow_up": 2}
    timeline.sort(key=lambda entry: (entry.date, order[entry.kind]))

    data = {
        "items": {
            item.dom_id: {"label": item.label, "kind": item.kind, "title": item.title, "evidence": item.evidence}
            for item in (*actors, *citing)
        },
        "evidence": {ev: {"start": start, "end": end, "items": cited_by[ev]} for (start, end), ev in span_ids.items()},
    }
    return Report(result, actors, stances, events, follow_ups, segments, timeline, data)

