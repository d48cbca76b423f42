"""The data the input layer produces: `Article` and its numbered `Sentence`s."""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from typing import Any

from ._language import language_name

__all__ = ["Article", "Sentence"]


@dataclass(frozen=True)
class Sentence:
    """One numbered sentence.

    `text` is what the model is shown: for plain text the exact slice
    ``article.text[start:end]``; where the source has line wraps or Markdown markup it
    is the readable form (wraps become spaces, markup is gone). `source_span` maps
    offsets inside `text` back to `Article.text`, so evidence offsets always index the
    text as written.
    """

    number: int  # 1-based, as shown to the model
    start: int
    end: int  # article.text[start:end] is the sentence as written, without surrounding whitespace
    text: str
    # (offset in `text`, offset in article.text) where a run of copied characters starts;
    # None when `text` is the plain slice article.text[start:end].
    segments: tuple[tuple[int, int], ...] | None = field(default=None, compare=False, repr=False)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in `Article.text` of ``self.text[start:end]`` (``start < end``)."""
        if self.segments is None:
            return self.start + start, self.start + end
        return self._source(start), self._source(end - 1) + 1

    def _source(self, i: int) -> int:
        assert self.segments is not None
        k = bisect.bisect_right(self.segments, i, key=lambda seg: seg[0]) - 1
        clean, source = self.segments[max(k, 0)]
        return source + (i - clean)


@dataclass(frozen=True)
class Article:
    """An article ready for a model: the text evidence offsets index, metadata, sentences.

    `text` is the decoded file (header and markup included) for plain text and
    Markdown, or the extracted article text for HTML. `sha256` is always the hash of
    `text`; `original_sha256` is the hash of the bytes read when they differ from
    `text` (an HTML page). `language` is the detected language (ISO 639-1) and
    `summary_language` the one asked for with ``--language`` (None: the article's).
    """

    text: str
    body_start: int
    title: str | None
    published: str | None  # ISO date
    source: str | None
    sentences: tuple[Sentence, ...]
    format: str = "text"  # text | markdown | html
    language: str | None = None
    summary_language: str | None = None
    author: str | None = None
    site_name: str | None = None
    url: str | None = None
    original_sha256: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def prompt_language(self) -> str | None:
        """The language the prompt asks the summary in (its English name), or None for
        an English article summarized in English (the prompt then says nothing)."""
        target = self.summary_language or self.language
        if target is None or (target == "en" and self.language in (None, "en")):
            return None
        return language_name(target)

    def metadata(self) -> dict[str, Any]:
        """What the result's `article` section records beyond title, date, source and hashes."""
        return {
            "format": self.format,
            "language": self.language,
            "author": self.author,
            "site_name": self.site_name,
            "url": self.url,
            "original_sha256": self.original_sha256,
        }

    def sentence(self, number: int) -> Sentence | None:
        if 1 <= number <= len(self.sentences):
            return self.sentences[number - 1]
        return None
