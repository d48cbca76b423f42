"""Dates: what a date phrase means against the publication date, in the tense of its sentence.

Pure functions, no I/O. `read_date` reads a phrase ("on Tuesday", "February 15",
"next Monday") against the publication date, with every reading a model may give;
`tense.sentence_tense` reads whether the words next to it speak of the future or the past;
`read_item_date` puts the two together for an event or follow-up, `date_errors` checks
a model's dates against them and `item_date` gives the date a result records. Does not
locate evidence (quotes.py) nor check anything else (grounding.py).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .datenames import MONTHS, WEEKDAYS
from .inputs import Article
from .models import Event, Evidence, FollowUp, ModelOutput
from .quotes import locate_quote
from .tense import sentence_tense

__all__ = [
    "DateReading",
    "date_errors",
    "item_date",
    "read_date",
    "read_item_date",
    "resolve_date",
]

_WEEKDAYS = {name.lower(): i for i, name in enumerate(WEEKDAYS)}
_MONTHS = {name.lower(): number for name, number in MONTHS.items()}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH_DAY = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.I)
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?\b(?:,?\s+(\d{{4}}))?", re.I)
_ISO = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


@dataclass(frozen=True)
class DateReading:
    """What code reads from a date phrase.

    Attributes:
        date: the chosen ISO date, or None when the phrase names no single day.
        ambiguous: the phrase has two readings ("next Tuesday" said on a Monday: tomorrow,
            or Tuesday of next week); `date` is the nearer one.
        accepted: every date a model may give for the phrase without contradicting it.
    """

    date: str | None
    ambiguous: bool = False
    accepted: tuple[str, ...] = ()


_NONE = DateReading(None)


def _single(d: dt.date) -> DateReading:
    return DateReading(d.isoformat(), False, (d.isoformat(),))


def read_date(date_text: str | None, published: str | None, *, future: bool = False) -> DateReading:
    """Read a date phrase against the publication date (ISO ``YYYY-MM-DD``).

    `future` says which way a phrase with no direction of its own points: "on
    Tuesday" in a plan is the coming Tuesday, in a report the last one (the
    publication day itself counts either way); a month and day with no year is taken
    in that direction when it is more than 180 days off. "next"/"last" point by
    themselves. "next Tuesday" said on a Monday (the coming Tuesday is still in the
    same week) could be tomorrow or a week later: the rule takes the nearer day and
    marks the reading ambiguous; "last Tuesday" said on a Friday likewise.

    Args:
        date_text: the date phrase (None or empty: nothing to read).
        published: the publication date, ISO; None reads only ISO dates in the phrase.
        future: whether a phrase with no direction of its own points forward.

    Returns:
        The reading; its `date` is None when the phrase names no single day.
    """
    if not date_text:
        return _NONE
    phrase = date_text.strip().lower()
    iso = _ISO.search(phrase)
    if iso:
        try:
            return _single(dt.date.fromisoformat(iso.group(1)))
        except ValueError:
            return _NONE
    if published is None:
        return _NONE
    pub = dt.date.fromisoformat(published)
    if re.search(r"\btoday\b|\btonight\b|\bthis (morning|afternoon|evening)\b", phrase):
        return _single(pub)
    if re.search(r"\byesterday\b", phrase):
        return _single(pub - dt.timedelta(days=1))
    if re.search(r"\btomorrow\b", phrase):
        return _single(pub + dt.timedelta(days=1))
    end = _END_OF.search(phrase)
    if end:
        return _single(_end_of(end, pub, future))
    for m, day_first in ((_MONTH_DAY.search(date_text), False), (_DAY_MONTH.search(date_text), True)):
        if m:
            month_s, day_s = (m.group(2), m.group(1)) if day_first else (m.group(1), m.group(2))
            # "March 31 next year": the year the phrase names relative to publication.
            shift = _YEAR_SHIFT.search(phrase)
            year = int(m.group(3)) if m.group(3) else pub.year + (_SHIFTS[shift.group(1)] if shift else 0)
            try:
                d = dt.date(year, _MONTHS[month_s.lower().rstrip(".")], int(day_s))
            except (ValueError, KeyError):
                return _NONE
            if m.group(3) or shift:
                return _single(d)
            # No year given: the nearest such day in each direction; a day ahead is never before
            # publication ("must stop by February 15" said in April: next February).
            ahead = d.replace(year=year + 1) if d < pub else d
            behind = d.replace(year=year - 1) if d > pub + dt.timedelta(days=180) else d
            chosen = ahead if future else behind
            return DateReading(chosen.isoformat(), False, tuple(sorted({ahead.isoformat(), behind.isoformat()})))
    for name, wd in _WEEKDAYS.items():
        if re.search(rf"\b{name}\b", phrase):
            coming = pub + dt.timedelta(days=(wd - pub.weekday()) % 7)  # the publication day counts
            last = pub - dt.timedelta(days=(pub.weekday() - wd) % 7)
            if re.search(r"\bnext\b", phrase):
                if coming == pub:
                    return _single(pub + dt.timedelta(days=7))
                if wd > pub.weekday():  # the coming one is still this week: this week's or next week's
                    return DateReading(
                        coming.isoformat(), True, (coming.isoformat(), (coming + dt.timedelta(days=7)).isoformat())
                    )
                return _single(coming)
            if re.search(r"\b(last|previous)\b", phrase):
                if last == pub:
                    return _single(pub - dt.timedelta(days=7))
                if wd < pub.weekday():  # the last one was this week: this week's or last week's
                    return DateReading(
                        last.isoformat(), True, ((last - dt.timedelta(days=7)).isoformat(), last.isoformat())
                    )
                return _single(last)
            chosen = coming if future else last
            return DateReading(chosen.isoformat(), False, tuple(sorted({coming.isoformat(), last.isoformat()})))
    return _NONE


_SHIFTS = {"next": 1, "last": -1, "this": 0}
_YEAR_SHIFT = re.compile(r"\b(next|last|this) year\b")

# "the end of the year", "end of next month", "the end of March": the last day of that period
# ("the end of the week": its Friday).
_END_OF = re.compile(rf"\bend of (?:the |this )?(?:(next|last) )?(year|month|week|{_MONTH_RE})\b", re.I)


def _end_of(m: re.Match[str], pub: dt.date, future: bool) -> dt.date:
    shift = {"next": 1, "last": -1}.get((m.group(1) or "").lower(), 0)
    unit = m.group(2).lower()
    if unit == "week":  # its working week's Friday
        return pub + dt.timedelta(days=(4 - pub.weekday()) % 7 + 7 * shift)
    if unit == "year":
        return dt.date(pub.year + shift, 12, 31)
    if unit == "month":
        month, year = pub.month + shift, pub.year
    else:
        month, year = _MONTHS[unit.rstrip(".")], pub.year
        if future and month < pub.month:
            year += 1  # "by the end of March" said in May: next March
        elif not future and month > pub.month:
            year -= 1
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def resolve_date(date_text: str | None, published: str | None, *, future: bool = False) -> str | None:
    """Resolve a date phrase against the publication date; None when it names no single day.

    Args:
        date_text: the date phrase.
        published: the publication date, ISO, or None.
        future: whether a phrase with no direction of its own points forward.

    Returns:
        The ISO date of `read_date` (see there for the rules), or None.
    """
    return read_date(date_text, published, future=future).date


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def _dating(item: Event | FollowUp) -> tuple[str, str | None, str | None, bool]:
    """(result field, model date, date phrase, leans to the future) of an event or follow-up."""
    if isinstance(item, Event):
        return "date", item.date, item.date_text, item.factuality in ("planned", "expected", "hypothetical")
    return "due", item.due, item.due_text, True


def read_item_date(date_text: str, evidence: list[Evidence], article: Article, *, future: bool) -> DateReading:
    """Read an item's own date phrase, in the tense of the cited sentence that contains it.

    When the tense comes from the sentence's words, a model date must match that
    reading; otherwise either direction is accepted.

    Args:
        date_text: the item's date phrase.
        evidence: the item's evidence; the first cited sentence containing the phrase gives the tense.
        article: the article, for its sentences and publication date.
        future: the item's own leaning (planned events, follow-ups), used when the
            sentence has no tense markers or the phrase is not in a cited sentence.

    Returns:
        The reading.
    """
    for ev in evidence:
        sent = article.sentence(ev.sentence)
        span = locate_quote(date_text, article.text, sent.start, sent.end) if sent else None
        if sent is None or span is None:
            continue
        tense = sentence_tense(sent.text, span[0] - sent.start, span[1] - sent.start)
        if tense is None:
            break
        reading = read_date(date_text, article.published, future=tense)
        if not reading.ambiguous and reading.date is not None:
            reading = DateReading(reading.date, False, (reading.date,))
        return reading
    return read_date(date_text, article.published, future=future)


def item_date(item: Event | FollowUp, article: Article) -> dict[str, str | bool | None]:
    """The date fields a result records for an event (``date...``) or follow-up (``due...``).

    A valid ISO date from the model wins (`date_errors` has checked it against the
    phrase); otherwise code reads the phrase. A phrase put in the ISO field is read as
    the phrase.

    Args:
        item: the event or follow-up as the model gave it.
        article: the article, for its sentences and publication date.

    Returns:
        ``{name: date, name_text: phrase, name_resolved_by: "model" | "code" | None,
        name_ambiguous: bool}`` where name is ``date`` or ``due``.
    """
    name, model_date, date_text, future = _dating(item)
    iso = _iso(model_date)
    if model_date and iso is None:
        date_text = date_text or model_date  # a phrase put in the ISO field
    reading = read_item_date(date_text, item.evidence, article, future=future) if date_text else _NONE
    date, by = (iso, "model") if iso is not None else (reading.date, "code" if reading.date else None)
    # A model date is ambiguous when it is one of the phrase's two readings.
    ambiguous = reading.ambiguous and (iso is None or iso in reading.accepted)
    return {name: date, f"{name}_text": date_text, f"{name}_resolved_by": by, f"{name}_ambiguous": ambiguous}


def date_errors(output: ModelOutput, article: Article) -> list[str]:
    """A model date must be one code can read from the item's date words and the publication date.

    Args:
        output: the model output.
        article: the article it was asked about.

    Returns:
        One line per contradicting date, saying which dates the phrase allows.
    """
    errors: list[str] = []
    items: list[tuple[str, Event | FollowUp]] = [(f"events[{i}]", e) for i, e in enumerate(output.events)]
    items += [(f"follow_ups[{i}]", f) for i, f in enumerate(output.follow_ups)]
    for where, item in items:
        name, model_date, text, future = _dating(item)
        iso = _iso(model_date)
        if iso is None or not text:
            continue
        reading = read_item_date(text, item.evidence, article, future=future)
        if reading.date is not None and iso not in reading.accepted:
            accepted = " or ".join(reading.accepted)
            errors.append(
                f"{where}.{name}: {model_date!r} does not match {text!r} (published {article.published}: "
                f"{accepted}); give {accepted} or null"
            )
    return errors
