"""Plain text: header lines, paragraphs (blank lines, indentation; single newlines are
wraps), a leading headline, and the `Paragraph` builder every format shares."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ._sentences import Budget, split_spans
from ._types import Sentence

__all__ = ["Paragraph", "Builder", "parse_header", "text_paragraphs", "sentences_of"]

# "date 2022-02-17 As the situation..." (the seed article): date inline, text follows.
_INLINE_DATE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_ -]{0,30}):[ \t]*(.*?)[ \t]*$")
_HEADER_END = re.compile(r"^-{3,}[ \t]*$")
_MAX_HEADER_LINES = 30
# A line longer than this is not hard-wrapped: the newline after it ends a paragraph.
# Wire copy wraps at 68-80 columns, Markdown sources at 80-100.
WRAP_MAX = 100
# A headline: one short line, no closing full stop, then a blank line.
_HEADLINE_MAX = 150
# A line ending so is a sentence (or a fragment), not a headline.
_NOT_HEADLINE_END = (
    ".",
    ",",
    ";",
    ":",
    "!",
    "\u2026",
    "\u3002",
    "\uff0e",
    "\uff01",
    "\uff0c",
    "\uff1b",
    "\uff1a",
    "\u06d4",
)
_BULLET = re.compile(r"[ \t]*(?:[-*+\u2022]|\d{1,3}[.)])[ \t]+\S")


@dataclass
class Paragraph:
    """A paragraph as shown to the model, with the map back to the article text."""

    text: str
    # (offset in `text`, offset in the article text) where a run of copied characters starts
    segments: list[tuple[int, int]] = field(default_factory=list)

    def source(self, i: int) -> int:
        k = bisect.bisect_right(self.segments, i, key=lambda seg: seg[0]) - 1
        clean, src = self.segments[max(k, 0)]
        return src + (i - clean)


class Builder:
    """Builds a `Paragraph` from copied runs of the source and substituted characters."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._segments: list[tuple[int, int]] = []
        self._length = 0
        self._next_src = -1  # the source offset a contiguous copy would continue at

    def copy(self, s: str, src: int) -> None:
        """Append `s`, which is ``source[src:src + len(s)]``."""
        if not s:
            return
        if src != self._next_src:
            self._segments.append((self._length, src))
        self._parts.append(s)
        self._length += len(s)
        self._next_src = src + len(s)

    def put(self, s: str, src: int) -> None:
        """Append `s`, standing for the source at `src` (a space for a line break)."""
        for ch in s:
            self._segments.append((self._length, src))
            self._parts.append(ch)
            self._length += 1
        self._next_src = -1

    def __len__(self) -> int:
        return self._length

    def build(self) -> Paragraph:
        return Paragraph("".join(self._parts), self._segments)


def parse_header(text: str) -> tuple[dict[str, str], int]:
    """Header fields and where the body starts.

    A header is an inline ``date YYYY-MM-DD`` or ``key: value`` lines closed by ``---``.
    """
    m = _INLINE_DATE.match(text)
    if m:
        return {"date": m.group(1)}, m.end()
    # `key: value` lines closed by `---`, optionally opened by `---` (front matter).
    pos, fields = 0, dict[str, str]()
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


def _lines(text: str, start: int) -> list[tuple[int, str]]:
    """(offset, line without its line ending) for every line from `start`."""
    out = []
    pos = start
    for raw in text[start:].splitlines(keepends=True):
        out.append((pos, raw.rstrip("\r\n")))
        pos += len(raw)
    return out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def text_paragraphs(text: str, body_start: int) -> tuple[str | None, list[Paragraph]]:
    """The leading headline (or None) and the paragraphs of a plain-text body.

    Paragraphs are separated by blank lines. Inside a block, a newline is a line wrap
    (shown as one space) unless the line before it is longer than `WRAP_MAX` (one
    paragraph per line), or the next line is indented deeper or starts a list item.
    """
    blocks: list[list[tuple[int, str]]] = [[]]
    for off, line in _lines(text, body_start):
        if line.strip():
            blocks[-1].append((off, line))
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    headline = None
    if len(blocks) > 1 and len(blocks[0]) == 1:
        first = blocks[0][0][1].strip()
        # Spaceless scripts (Chinese, Japanese) pack a headline into far fewer characters.
        longest = _HEADLINE_MAX if " " in first else _HEADLINE_MAX // 3
        if len(first) <= longest and not first.endswith(_NOT_HEADLINE_END) and not first[0].islower():
            headline = first
    paragraphs: list[Paragraph] = []
    for block in blocks:
        builder = Builder()
        for k, (off, line) in enumerate(block):
            lead = _indent(line)
            content = line.rstrip()
            if k > 0:
                prev = block[k - 1][1]
                if len(prev) > WRAP_MAX or lead > _indent(prev) or _BULLET.match(line):
                    if len(builder):
                        paragraphs.append(builder.build())
                    builder = Builder()
                else:
                    builder.put(" ", off - 1)  # the wrap's newline
            builder.copy(content[lead:], off + lead)
        if len(builder):
            paragraphs.append(builder.build())
    return headline, paragraphs


def sentences_of(paragraphs: list[Paragraph], language: str | None) -> tuple[Sentence, ...]:
    """Numbered sentences of `paragraphs`, with spans in the article text."""
    sentences: list[Sentence] = []
    budget = Budget()
    for para in paragraphs:
        clean = para.text
        identity = len(para.segments) == 1
        base = para.segments[0][1] if para.segments else 0
        k = 0  # segment index, moving forward only: linear over the paragraph
        for start, end in split_spans(clean, language, budget):
            raw = clean[start:end]
            s = start + len(raw) - len(raw.lstrip())
            e = start + len(raw.rstrip())
            if e <= s:
                continue
            if identity:
                sentences.append(Sentence(len(sentences) + 1, base + s, base + e, clean[s:e]))
                continue
            while k + 1 < len(para.segments) and para.segments[k + 1][0] <= s:
                k += 1
            first = para.segments[k]
            rel = [(0, first[1] + (s - first[0]))]
            j = k + 1
            while j < len(para.segments) and para.segments[j][0] < e:
                rel.append((para.segments[j][0] - s, para.segments[j][1]))
                j += 1
            last = rel[-1]
            src_end = last[1] + (e - s - last[0])
            sentences.append(
                Sentence(
                    len(sentences) + 1,
                    rel[0][1],
                    src_end,
                    clean[s:e],
                    segments=tuple(rel) if len(rel) > 1 else None,
                )
            )
    return tuple(sentences)
