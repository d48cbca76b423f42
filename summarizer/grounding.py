"""Grounding: checks a model output against the article and derives the result.

Pure functions, no I/O. `check_output` lists every problem a re-ask can fix (sentence
numbers out of range, quotes not in the cited sentence, unknown or duplicate ids);
`derive_result` turns a checked output into an `ArticleSummary` with character offsets,
resolved dates and quad classes. A quote that is not in the text is an error, never
silently kept.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from typing import Any

from .inputs import Article, Sentence
from .models import (
    QUAD_CLASS,
    ArticleInfo,
    ArticleSummary,
    Evidence,
    GroundedEvidence,
    ModelOutput,
    Provenance,
    ResultEvent,
    ResultFollowUp,
    ResultStance,
)

__all__ = ["check_output", "derive_result", "locate_quote", "resolve_date"]

_QUOTE_CHARS = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\u00a0": " ",
    }
)  # fmt: skip
# Characters a model often wraps a quote in; they are not part of the quote.
_QUOTE_TRIM = " \t\n'\".\u2026,;:"


def _normalise(s: str) -> tuple[str, list[int]]:
    """Fold quote marks, dashes, case and whitespace; map each output char to its source index."""
    out: list[str] = []
    index: list[int] = []
    prev_space = True
    for i, ch in enumerate(s):
        ch = unicodedata.normalize("NFKC", ch).translate(_QUOTE_CHARS)
        if ch.isspace():
            if not prev_space:
                out.append(" ")
                index.append(i)
            prev_space = True
            continue
        prev_space = False
        for c in ch.casefold():
            out.append(c)
            index.append(i)
    while out and out[-1] == " ":
        out.pop()
        index.pop()
    return "".join(out), index


def locate_quote(quote: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    """Find `quote` inside ``text[start:end]``; return absolute offsets of the match.

    A verbatim quote is found as it is, so ``text[start:end] == quote``; otherwise
    quote marks, dashes, case, whitespace and surrounding punctuation are forgiven.
    """
    exact = text.find(quote, start, end) if quote.strip() else -1
    if exact >= 0:
        return exact, exact + len(quote)
    needle, _ = _normalise(quote.strip(_QUOTE_TRIM))
    if not needle:
        return None
    hay, index = _normalise(text[start:end])
    pos = hay.find(needle)
    if pos < 0:
        return None
    return start + index[pos], start + index[pos + len(needle) - 1] + 1


def _locate(quote: str, sentence: Sentence) -> tuple[int, int] | None:
    """`locate_quote` in the sentence as the model saw it (line wraps and Markdown markup
    removed), mapped back to offsets in the article text as written."""
    span = locate_quote(quote, sentence.text, 0, len(sentence.text))
    return None if span is None else sentence.source_span(*span)


def _evidence_items(output: ModelOutput) -> list[tuple[str, Evidence]]:
    items: list[tuple[str, Evidence]] = []
    for i, st in enumerate(output.stances):
        items += [(f"stances[{i}].evidence[{j}]", ev) for j, ev in enumerate(st.evidence)]
    for i, evn in enumerate(output.events):
        items += [(f"events[{i}].evidence[{j}]", ev) for j, ev in enumerate(evn.evidence)]
    for i, fu in enumerate(output.follow_ups):
        items += [(f"follow_ups[{i}].evidence[{j}]", ev) for j, ev in enumerate(fu.evidence)]
    return items


def check_output(output: ModelOutput, article: Article) -> list[str]:
    """Every grounding and reference problem, each as one line the model can act on."""
    errors: list[str] = []
    n = len(article.sentences)
    for where, ev in _evidence_items(output):
        sent = article.sentence(ev.sentence)
        if sent is None:
            errors.append(f"{where}: sentence {ev.sentence} does not exist (the article has sentences 1-{n})")
        elif _locate(ev.quote, sent) is None:
            elsewhere = [s.number for s in article.sentences if _locate(ev.quote, s) is not None]
            hint = f"; it occurs in sentence {elsewhere[0]}" if elsewhere else "; it is not in the article at all"
            errors.append(
                f"{where}: quote {ev.quote!r} is not in sentence {ev.sentence}{hint}. Quote words exactly as written"
            )

    actor_ids = [a.id for a in output.actors]
    errors += [f"actors: duplicate id {i!r}" for i in _duplicates(actor_ids)]
    errors += [f"events: duplicate id {i!r}" for i in _duplicates([e.id for e in output.events])]
    known = set(actor_ids)

    def refs(where: str, ids: list[str | None]) -> None:
        for ref in ids:
            if ref is not None and ref not in known:
                errors.append(f"{where}: unknown actor id {ref!r} (known ids: {', '.join(actor_ids) or 'none'})")

    for i, st in enumerate(output.stances):
        refs(f"stances[{i}].holder", [st.holder])
        refs(f"stances[{i}].target", [st.target])
    for i, evn in enumerate(output.events):
        refs(f"events[{i}].actors", list(evn.actors))
        refs(f"events[{i}].recipients", list(evn.recipients))
    for i, fu in enumerate(output.follow_ups):
        refs(f"follow_ups[{i}].actors", list(fu.actors))
    return errors


def _duplicates(ids: list[str]) -> list[str]:
    seen: set[str] = set()
    dups: list[str] = []
    for i in ids:
        if i in seen and i not in dups:
            dups.append(i)
        seen.add(i)
    return dups


# --------------------------------------------------------------------------- dates

_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH_DAY = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.I)
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?\b(?:,?\s+(\d{{4}}))?", re.I)
_ISO = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


def resolve_date(date_text: str | None, published: str | None, *, future: bool = False) -> str | None:
    """Resolve a date phrase against the publication date; None when it names no single day.

    `future` says which way a bare weekday points ("on Tuesday" in a plan is the next
    Tuesday, in a report the last one; the publication day itself counts either way).
    """
    if not date_text:
        return None
    phrase = date_text.strip().lower()
    iso = _ISO.search(phrase)
    if iso:
        try:
            return dt.date.fromisoformat(iso.group(1)).isoformat()
        except ValueError:
            return None
    if published is None:
        return None
    pub = dt.date.fromisoformat(published)
    if re.search(r"\btoday\b|\btonight\b|\bthis (morning|afternoon|evening)\b", phrase):
        return pub.isoformat()
    if re.search(r"\byesterday\b", phrase):
        return (pub - dt.timedelta(days=1)).isoformat()
    if re.search(r"\btomorrow\b", phrase):
        return (pub + dt.timedelta(days=1)).isoformat()
    for m, day_first in ((_MONTH_DAY.search(date_text), False), (_DAY_MONTH.search(date_text), True)):
        if m:
            month_s, day_s = (m.group(2), m.group(1)) if day_first else (m.group(1), m.group(2))
            year = int(m.group(3)) if m.group(3) else pub.year
            try:
                d = dt.date(year, _MONTHS[month_s.lower().rstrip(".")], int(day_s))
            except (ValueError, KeyError):
                return None
            if not m.group(3):  # no year given: take the nearest in the stated direction
                if future and d < pub - dt.timedelta(days=180):
                    d = d.replace(year=year + 1)
                elif not future and d > pub + dt.timedelta(days=180):
                    d = d.replace(year=year - 1)
            return d.isoformat()
    for name, wd in _WEEKDAYS.items():
        if re.search(rf"\b{name}\b", phrase):
            # "next Monday" said on a Monday is a week ahead; a bare "on Monday" is that day.
            step = 7 if re.search(r"\b(next|last|previous)\b", phrase) else 0
            if re.search(r"\b(last|previous)\b", phrase):
                future = False
            elif re.search(r"\bnext\b", phrase):
                future = True
            delta = (wd - pub.weekday()) % 7 if future else -((pub.weekday() - wd) % 7)
            if delta == 0:
                delta = step if future else -step
            return (pub + dt.timedelta(days=delta)).isoformat()
    return None


def _date_field(
    model_date: str | None, date_text: str | None, published: str | None, future: bool
) -> tuple[str | None, str | None, str | None]:
    """(date, date_text, resolved_by): a valid model ISO date wins; else code resolves."""
    if model_date:
        try:
            return dt.date.fromisoformat(model_date).isoformat(), date_text, "model"
        except ValueError:
            date_text = date_text or model_date  # a phrase put in the ISO field
    resolved = resolve_date(date_text, published, future=future)
    return resolved, date_text, "code" if resolved else None


# --------------------------------------------------------------------------- result


def _ground(evidence: list[Evidence], article: Article) -> list[GroundedEvidence]:
    grounded = []
    for ev in evidence:
        sent = article.sentence(ev.sentence)
        span = _locate(ev.quote, sent) if sent else None
        if span is None:  # check_output ran first; this is a programming error
            raise ValueError(f"ungrounded evidence {ev!r}")
        grounded.append(GroundedEvidence(sentence=ev.sentence, quote=ev.quote, start=span[0], end=span[1]))
    return grounded


def derive_result(output: ModelOutput, article: Article, provenance: Provenance) -> ArticleSummary:
    """Build the result from a checked output: offsets, dates, quad classes, metadata."""
    pub = article.published
    events = []
    for e in output.events:
        future = e.factuality in ("planned", "expected", "hypothetical")
        date, date_text, by = _date_field(e.date, e.date_text, pub, future)
        data: dict[str, Any] = e.model_dump(exclude={"evidence", "date", "date_text"})
        events.append(
            ResultEvent(
                **data,
                date=date,
                date_text=date_text,
                date_resolved_by=by,  # type: ignore[arg-type]
                quad_class=QUAD_CLASS[e.type],
                evidence=_ground(e.evidence, article),
            )
        )
    follow_ups = []
    for f in output.follow_ups:
        due, due_text, by = _date_field(f.due, f.due_text, pub, True)
        data = f.model_dump(exclude={"evidence", "due", "due_text"})
        follow_ups.append(
            ResultFollowUp(
                **data, due=due, due_text=due_text, due_resolved_by=by, evidence=_ground(f.evidence, article)  # type: ignore[arg-type]
            )
        )
    stances = [
        ResultStance(**s.model_dump(exclude={"evidence"}), evidence=_ground(s.evidence, article))
        for s in output.stances
    ]
    return ArticleSummary(
        summary=output.summary,
        key_points=output.key_points,
        actors=output.actors,
        stances=stances,
        events=events,
        follow_ups=follow_ups,
        article=ArticleInfo(
            title=article.title,
            published=pub,
            source=article.source,
            sha256=article.sha256,
            chars=len(article.text),
            text=article.text,
            **article.metadata(),
        ),
        provenance=provenance,
    )
