"""HTML: the main article text and its metadata, extracted by trafilatura.

trafilatura is the field's standard open-source extractor (the best open-source F1
in the ScrapingHub article-extraction benchmark and in its own multilingual
evaluation); it drops navigation, ads, comments and scripts, and reads title, date,
author and site name from the page's metadata (Open Graph, JSON-LD, meta tags).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from ..errors import InputError

__all__ = ["Extracted", "extract_html", "looks_like_html"]

_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)
_MIN_SENTENCE_WORDS = 8
_HTML_TAGS = re.compile(r"<(?:p|div|article|body|br|h[1-6])\b[^>]*>", re.I)
# The article's text and metadata only (no comments, tables or images), and precision over
# recall: a paragraph missed costs less than a menu or a caption summarized as news.
_EXTRACTION: dict[str, Any] = dict(
    with_metadata=True, include_comments=False, include_tables=False, include_images=False, favor_precision=True
)


@dataclass(frozen=True)
class Extracted:
    text: str  # paragraphs separated by blank lines
    title: str | None
    published: str | None
    author: str | None
    site_name: str | None


def looks_like_html(head: str) -> bool:
    """Starts like an HTML document, or is mostly block tags."""
    if _HTML_START.match(head):
        return True
    return head.lstrip().startswith("<") and len(_HTML_TAGS.findall(head[:20000])) >= 3


def extract_html(data: bytes | str, url: str | None = None) -> Extracted:
    """Main text and metadata of a page. Raises `InputError` when it has no article text."""
    import trafilatura

    # trafilatura logs its own view of a bad page at ERROR; ours is the one clear line below.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    if isinstance(data, str) and not re.search(r"<(?:html|body)\b", data[:20000], re.I):
        data = f"<html><body>{data}</body></html>"  # a fragment: trafilatura needs a document
    elif isinstance(data, bytes) and not re.search(rb"<(?:html|body)\b", data[:20000], re.I):
        data = b"<html><body>" + data + b"</body></html>"
    doc = trafilatura.bare_extraction(data, url=url, **_EXTRACTION)
    text = getattr(doc, "text", None) or ""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = (_metadata(doc, "title") or "").strip() or None
    if lines and title and lines[0] == title:
        lines = lines[1:]  # the headline repeated as the first line of the text
    # trafilatura falls back to any text it finds (a menu's "Home World"): an article
    # has at least one sentence-sized line.
    if not any(len(line.split()) >= _MIN_SENTENCE_WORDS or len(line) >= 40 for line in lines):
        raise InputError("no article text found in this HTML page (only navigation, scripts or boilerplate)")
    return Extracted(
        text="\n\n".join(lines) + "\n",
        title=title,
        published=_metadata(doc, "date"),
        author=_metadata(doc, "author"),
        site_name=_metadata(doc, "sitename"),
    )


def _metadata(doc: Any, name: str) -> str | None:
    """A metadata field of trafilatura's document; None when it is missing or empty."""
    return getattr(doc, name, None) or None
