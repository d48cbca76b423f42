"""Claims a result makes that its own article does not support.

Owns the three checks behind `Faithfulness`: an actor none of whose names occur in
the article, evidence whose offsets do not hold its quote, and a date whose own words
("on Tuesday") resolve to a different day. Gold is not needed for any of them; they
are counted whatever the matching makes of the item.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..dates import resolve_date
from ..models import Actor, ArticleSummary, GroundedEvidence
from ..quotes import locate_quote
from .gold import Span
from .matching import spellings

__all__ = ["actor_in_text", "dates_contradicting_text", "located_spans"]


def actor_in_text(actor: Actor, folded_text: str) -> bool:
    """Whether any of the actor's names, in any equal spelling, occurs in the folded text.

    Args:
        actor: the predicted actor.
        folded_text: the article as `matching.fold_text` gives it.
    """
    return any(f" {v} " in folded_text for name in [actor.name, *actor.mentions] for v in spellings(name) if v)


def located_spans(evidence: Sequence[GroundedEvidence], text: str) -> tuple[list[Span], int]:
    """Spans of evidence whose offsets really hold the quote; and how many do not."""
    spans, bad = [], 0
    for ev in evidence:
        ok = 0 <= ev.start < ev.end <= len(text) and locate_quote(ev.quote, text, ev.start, ev.end) is not None
        if ok:
            spans.append((ev.start, ev.end))
        else:
            bad += 1
    return spans, bad


def dates_contradicting_text(result: ArticleSummary) -> int:
    """Event dates and follow-up due dates that contradict their own words."""
    published = result.article.published
    dated = [(e.date, e.date_text) for e in result.events] + [(f.due, f.due_text) for f in result.follow_ups]
    return sum(_contradicts(date, words, published) for date, words in dated)


def _contradicts(date: str | None, words: str | None, published: str | None) -> bool:
    """A date whose own words resolve to a different day (either direction of a bare weekday)."""
    if not date or not words:
        return False
    readings = {resolve_date(words, published, future=False), resolve_date(words, published, future=True)} - {None}
    return bool(readings) and date not in readings
