"""Loading articles: bytes -> text, header lines, numbered sentences with character spans.

Owns input validation (missing, empty, binary, undecodable files raise `InputError`
before anything is sent to a model) and the sentence numbering the prompt shows and
evidence cites. Offsets always index `Article.text`, the exact decoded text given,
header included.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError

__all__ = ["Article", "Sentence", "load_article", "parse_article", "parse_date"]

# "date 2022-02-17 As the situation..." (the seed article): date inline, text follows.
_INLINE_DATE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_ -]{0,30}):[ \t]*(.*?)[ \t]*$")
_HEADER_END = re.compile(r"^-{3,}[ \t]*$")
_MAX_HEADER_LINES = 30


@dataclass(frozen=True)
class Sentence:
    number: int  # 1-based, as shown to the model
    start: int
    end: int  # text[start:end] is the sentence, without surrounding whitespace
    text: str


@dataclass(frozen=True)
class Article:
    text: str
    body_start: int
    title: str | None
    published: str | None  # ISO date
    source: str | None
    sentences: tuple[Sentence, ...]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def sentence(self, number: int) -> Sentence | None:
        if 1 <= number <= len(self.sentences):
            return self.sentences[number - 1]
        return None


def parse_date(value: str, what: str = "date") -> str:
    """Return `value` as an ISO date string or raise InputError."""
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise InputError(f"{what} {value!r} is not a date in YYYY-MM-DD form") from None


def load_article(
    path: str | Path,
    *,
    published: str | None = None,
    title: str | None = None,
    source: str | None = None,
) -> Article:
    """Read a text or Markdown file (or stdin for ``-``) and parse it."""
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        name = "standard input"
    else:
        p = Path(path)
        name = str(p)
        if not p.exists():
            raise InputError(f"{name}: no such file")
        if p.is_dir():
            raise InputError(f"{name}: is a directory, not an article file")
        try:
            data = p.read_bytes()
        except OSError as err:
            raise InputError(f"{name}: cannot read ({err.strerror})") from None
    try:
        return parse_article(_decode(data, name), published=published, title=title, source=source)
    except InputError as err:
        message = str(err)
        raise InputError(message if message.startswith(name) else f"{name}: {message}") from None


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:65536]:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{name}: is not UTF-8 text (bad byte at offset {err.start}); convert it to UTF-8"
        ) from None


def parse_article(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    source: str | None = None,
) -> Article:
    """Parse header lines and split the body into numbered sentences.

    Explicit arguments beat header values.
    """
    if not text.strip():
        raise InputError("the article is empty (only whitespace)")
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(f"the article has {len(text):,} characters; the limit is {MAX_ARTICLE_CHARS:,}")
    header, body_start = _parse_header(text)
    published = parse_date(published, "--published") if published else None
    if published is None and header.get("date"):
        try:
            published = parse_date(header["date"])
        except InputError:
            published = None  # an unparseable header date is "unknown", not fatal
    if not text[body_start:].strip():
        raise InputError("the article has a header but no text")
    return Article(
        text=text,
        body_start=body_start,
        title=title or header.get("title") or None,
        published=published,
        source=source or header.get("source") or None,
        sentences=_split_sentences(text, body_start),
    )


def _parse_header(text: str) -> tuple[dict[str, str], int]:
    m = _INLINE_DATE.match(text)
    if m:
        return {"date": m.group(1)}, m.end()
    # `key: value` lines closed by `---`, optionally opened by `---` (front matter).
    pos, fields = 0, {}
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines[: _MAX_HEADER_LINES + 1]):
        stripped = line.strip()
        if _HEADER_END.match(stripped):
            if i == 0:
                pos += len(line)
                continue
            if fields:
                return fields, pos + len(line)
            break
        hm = _HEADER_LINE.match(stripped)
        if not hm:
            break
        fields[hm.group(1).strip().lower()] = hm.group(2)
        pos += len(line)
    return {}, 0


def _segmenter():  # type: ignore[no-untyped-def]
    # A new Segmenter per call: segment() keeps state on the instance, so one shared
    # across batch threads would mix texts. Construction costs about a microsecond.
    import pysbd  # imported lazily: it is slow to import and only needed here

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


# A plain sentence end: terminal punctuation (and closing quotes), space, a capital.
_BOUNDARY = re.compile(r"[.!?][\"'\u2019\u201d)\]]*\s+(?=[\"'\u2018\u201c(\[\u2014\u2013]?\s?[A-Z0-9])")
# Anything that makes a full stop ambiguous (abbreviations, initials, numbers, ellipses,
# URLs): such paragraphs go to pysbd, which knows these cases.
_AMBIGUOUS = re.compile(
    r"(?:\b[A-Z][a-z]{0,3}\.|\b[A-Z]\.|\b[a-z]{1,4}\.(?=\s*[a-z0-9])|\d\.\d|\.\.|\u2026|https?:|www\.|\b(?:[A-Z]\.){2,}|\bNo\.)"
)


# pysbd's time grows with the square of its input: past this, a piece keeps its clear cuts only.
_PYSBD_MAX_CHARS = 4000
MAX_ARTICLE_CHARS = 2_000_000


def _spans(chunk: str, segmenter: Any) -> list[tuple[int, int]]:
    """Sentence spans in one paragraph: a fast split where it is unambiguous, else pysbd.

    pysbd costs ~15 ms per article; most news paragraphs have no abbreviation or
    initial before a sentence end, and there the simple split gives pysbd's answer
    (tests/test_article.py checks they agree on every fixture article).
    """
    candidates = list(_BOUNDARY.finditer(chunk))
    ambiguous = [bool(_AMBIGUOUS.search(chunk, max(0, m.start() - 6), m.start() + 1)) for m in candidates]
    # Cut at the clear boundaries; only pieces holding an ambiguous one go to pysbd, so a
    # huge paragraph never reaches pysbd (quadratic) whole.
    cuts = [0, *(m.end() for m, amb in zip(candidates, ambiguous, strict=True) if not amb), len(chunk)]
    spans: list[tuple[int, int]] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece_ambiguous = any(
            amb and start <= m.start() < end for m, amb in zip(candidates, ambiguous, strict=True)
        )
        if not piece_ambiguous:
            spans.append((start, end))
            continue
        if end - start > _PYSBD_MAX_CHARS:  # too big for pysbd: cut at every candidate
            inner = [start, *(m.end() for m in candidates if start < m.end() < end), end]
            spans += list(zip(inner, inner[1:], strict=False))
            continue
        spans += [(start + s.start, start + s.end) for s in segmenter.segment(chunk[start:end])]
    return spans


def _split_sentences(text: str, body_start: int) -> tuple[Sentence, ...]:
    """Paragraphs (non-blank lines) first, then sentences inside each, keeping spans."""
    sentences: list[Sentence] = []
    segmenter = _segmenter()
    for para in re.finditer(r"[^\n]+", text[body_start:]):
        para_start = body_start + para.start()
        chunk = para.group()
        if not chunk.strip():
            continue
        for start, end in _spans(chunk, segmenter):
            raw = chunk[start:end]
            lead = len(raw) - len(raw.lstrip())
            s = para_start + start + lead
            e = para_start + start + len(raw.rstrip())
            if e > s:
                sentences.append(Sentence(len(sentences) + 1, s, e, text[s:e]))
    return tuple(sentences)
