"""Markdown: the readable text of each block, mapped back to the source characters.

markdown-it-py gives each block its source lines; inside a block, each piece of
inline text is found again in those lines, so markup (``**``, ``[..](url)``, ``#``,
``>``) is dropped from what the model sees while evidence offsets still index the
file as written.
"""

from __future__ import annotations

import re
from typing import Any

from ._text import Builder, Paragraph

__all__ = ["markdown_paragraphs", "looks_like_markdown"]

_SIGNALS = [
    (re.compile(r"^#{1,6}[ \t]+\S", re.M), 2),  # ATX heading
    (re.compile(r"\[[^\]\n]+\]\([^)\s]+\)"), 2),  # inline link
    (re.compile(r"(\*\*|__)[^\s*_][^\n]*?\1"), 1),  # strong emphasis
    (re.compile(r"^[ \t]{0,3}[-*+][ \t]+\S", re.M), 1),  # bullet list item
    (re.compile(r"^>[ \t]?\S", re.M), 1),  # block quote
]


def looks_like_markdown(body: str) -> bool:
    """Two or more signals of Markdown (a heading or a link count double) in the first 20,000 chars."""
    head = body[:20000]
    score = 0
    for pattern, weight in _SIGNALS:
        if pattern.search(head):
            score += weight
    return score >= 2


def _align(children: list[Any], region: str, region_start: int, builder: Builder) -> None:
    cursor = 0
    for tok in children:
        if tok.type in ("text", "code_inline", "text_special"):
            content = tok.content
            if not content:
                continue
            pos = region.find(content, cursor)
            if pos >= 0:
                builder.copy(content, region_start + pos)
                cursor = pos + len(content)
                continue
            for ch in content:  # an escape or an entity: match what can be matched
                pos = region.find(ch, cursor, cursor + 12)
                if pos >= 0:
                    builder.copy(ch, region_start + pos)
                    cursor = pos + 1
                else:
                    builder.put(ch, region_start + min(cursor, max(len(region) - 1, 0)))
        elif tok.type in ("softbreak", "hardbreak"):
            nl = region.find("\n", cursor)
            nl = nl if nl >= 0 else cursor
            builder.put(" ", region_start + nl)
            cursor = nl + 1 if nl < len(region) else nl
        elif tok.type == "image":
            # skip the image's alt text and URL in the source
            close = region.find(")", cursor)
            cursor = close + 1 if close >= 0 else cursor


def markdown_paragraphs(text: str, body_start: int) -> tuple[str | None, list[Paragraph]]:
    """The title (a first-level heading before any paragraph) and the paragraphs.

    Other headings are section breaks: they end a paragraph and are not sentences.
    Code blocks, HTML blocks and tables are skipped.
    """
    from markdown_it import MarkdownIt

    body = text[body_start:]
    md = MarkdownIt("commonmark").enable("strikethrough")
    tokens = md.parse(body)
    line_starts = [0, *(m.end() for m in re.finditer("\n", body))]
    title: str | None = None
    seen_paragraph = False
    paragraphs: list[Paragraph] = []
    for i, tok in enumerate(tokens):
        if tok.type != "inline" or tok.map is None or i == 0:
            continue
        opener = tokens[i - 1]
        if opener.type not in ("paragraph_open", "heading_open"):
            continue
        first, last = tok.map
        start = line_starts[first]
        end = line_starts[last] if last < len(line_starts) else len(body)
        builder = Builder()
        _align(tok.children or [], body[start:end], body_start + start, builder)
        para = builder.build()
        if not para.text.strip():
            continue
        if opener.type == "heading_open":
            if title is None and not seen_paragraph and opener.tag in ("h1", "h2"):
                title = para.text.strip()
            continue
        seen_paragraph = True
        paragraphs.append(para)
    return title, paragraphs
