"""The input layer: bytes, a file, stdin or a URL -> `Article`.

Owns format detection (plain text, Markdown, HTML), decoding and input validation
(missing, empty, binary, UTF-16 or undecodable input raises `InputError` before
anything is sent to a model), extraction of an HTML page's main text, header
metadata, paragraphs, the language, and the numbered sentences the prompt shows and
evidence cites.

Offsets are code points (Python ``str`` indices) into `Article.text`: the decoded
file as given for plain text and Markdown (header and markup included), the extracted
article text for HTML (whose page bytes are hashed in `Article.original_sha256`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
from pathlib import Path
from typing import TypedDict, Unpack

from ..errors import InputError
from ._decode import check_bytes, decode_text
from ._fetch import USER_AGENT, FetchError, fetch_url, is_url
from ._html import extract_html, looks_like_html
from ._language import detect_language, language_name
from ._markdown import looks_like_markdown, markdown_paragraphs
from ._text import Paragraph, parse_header, sentences_of, text_paragraphs
from ._types import Article, Sentence

__all__ = [
    "Article",
    "Sentence",
    "FetchError",
    "USER_AGENT",
    "FORMATS",
    "MAX_ARTICLE_CHARS",
    "is_url",
    "language_name",
    "load_article",
    "load_url",
    "parse_article",
    "parse_bytes",
    "parse_date",
]

MAX_ARTICLE_CHARS = 2_000_000
# An HTML page carries markup, scripts and styles around its text.
MAX_HTML_BYTES = 10 * 1024 * 1024
FORMATS = ("auto", "text", "markdown", "html")
_SUFFIX_FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".xhtml": "html"}
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")


def parse_date(value: str, what: str = "date") -> str:
    """Return `value` as an ISO date string or raise InputError."""
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise InputError(f"{what} {value!r} is not a date in YYYY-MM-DD form") from None


def _check_language(language: str | None) -> str | None:
    if language is None or language == "":
        return None
    if not isinstance(language, str) or not _LANGUAGE_CODE.match(language.strip().lower()):
        raise InputError(f"--language {language!r} is not a language code such as en, es, zh")
    return language.strip().lower()


class Metadata(TypedDict, total=False):
    """What a caller may say about an article; each beats the header and page metadata."""

    published: str | None
    title: str | None
    source: str | None
    language: str | None


def load_article(path: str | Path, *, format: str | None = None, **meta: Unpack[Metadata]) -> Article:
    """Read an article from a file, ``-`` (stdin) or an http(s) URL.

    The format comes from `format`, else the suffix (``.md``, ``.html``/``.htm``),
    else the content. `published`, `title`, `source` and `language` (see `Metadata`)
    beat header and page metadata.

    Raises:
        InputError: missing, unreadable, empty, binary, UTF-16 or undecodable input,
            or a page without article text (exit 2).
        FetchError: a URL that cannot be fetched (exit 3).
    """
    format = format or "auto"
    if isinstance(path, str) and is_url(path):
        return load_url(path, format=format, **meta)
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
        if format == "auto":
            format = _SUFFIX_FORMATS.get(p.suffix.lower(), "auto")
    try:
        return parse_bytes(data, format=format, **meta)
    except InputError as err:
        message = str(err)
        raise InputError(message if message.startswith(name) else f"{name}: {message}") from None


def load_url(url: str, *, format: str | None = None, **meta: Unpack[Metadata]) -> Article:
    """Fetch `url` and parse the page (an HTML page goes through extraction).

    Raises:
        FetchError: no network, refused, timeout, too many redirects, HTTP error (exit 3).
        InputError: not a page (content type), too large, or no article text (exit 2).
    """
    fetched = fetch_url(url)
    if format in (None, "auto"):
        format = {"text/html": "html", "application/xhtml+xml": "html", "text/markdown": "markdown"}.get(
            fetched.content_type, "auto"
        )
    meta["source"] = meta.get("source") or fetched.url
    try:
        return parse_bytes(fetched.data, format=format, url=fetched.url, charset=fetched.charset, **meta)
    except InputError as err:
        raise InputError(f"{url}: {err}") from None


def parse_bytes(
    data: bytes,
    *,
    format: str | None = None,
    url: str | None = None,
    charset: str | None = None,
    **meta: Unpack[Metadata],
) -> Article:
    """Parse an article's bytes (see `load_article`). Raises `InputError`."""
    format = format or "auto"
    if format not in FORMATS:
        raise InputError(f"unknown input format {format!r} (expected {', '.join(FORMATS)})")
    check_bytes(data)
    if format == "auto" and looks_like_html(data[:20000].decode("latin-1")):
        format = "html"
    if format == "html":
        if len(data) > MAX_HTML_BYTES:
            raise InputError(f"the page has {len(data):,} bytes; the limit is {MAX_HTML_BYTES:,}")
        page: bytes | str = data
        if charset:
            try:
                page = data.decode(charset)
            except (LookupError, UnicodeDecodeError):
                page = data  # trafilatura detects the encoding itself
        return _from_html(
            page, hashlib.sha256(data).hexdigest(), url,
            meta.get("published"), meta.get("title"), meta.get("source"), meta.get("language"),
        )  # fmt: skip
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8", "ascii", "us-ascii"):
        try:
            text = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            text = decode_text(data)
    else:
        text = decode_text(data)
    return parse_article(text, format=format, url=url, **meta)


def parse_article(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    source: str | None = None,
    language: str | None = None,
    format: str | None = None,
    url: str | None = None,
) -> Article:
    """Parse article text: header lines, format, paragraphs, language, numbered sentences.

    Args:
        text: the article (plain text, Markdown or an HTML page).
        published: publication date YYYY-MM-DD; beats the header.
        title: beats the header, the Markdown heading or the page title.
        source: beats the header.
        language: language of the summary (ISO 639-1); None: the article's.
        format: ``auto`` or None (detected), ``text``, ``markdown`` or ``html``.
        url: where the text came from.

    Raises:
        InputError: empty, too long, header without text, a bad date or language, or
            an HTML page without article text.
    """
    format = format or "auto"
    if format not in FORMATS:
        raise InputError(f"unknown input format {format!r} (expected {', '.join(FORMATS)})")
    if not text.strip():
        raise InputError("the article is empty (only whitespace)")
    if "\x00" in text:
        raise InputError("looks like a binary file, not text (it contains NUL bytes)")
    if format == "auto" and looks_like_html(text[:20000]):
        format = "html"
    if format == "html":
        original = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        return _from_html(text, original, url, published, title, source, language)
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(f"the article has {len(text):,} characters; the limit is {MAX_ARTICLE_CHARS:,}")
    header, body_start = parse_header(text)
    if format == "auto":
        format = "markdown" if looks_like_markdown(text[body_start:]) else "text"
    return _build(text, body_start, header, format, published, title, source, language, url, None, None, None)


def _from_html(
    page: bytes | str,
    original_sha256: str,
    url: str | None,
    published: str | None,
    title: str | None,
    source: str | None,
    language: str | None,
) -> Article:
    ex = extract_html(page, url)
    if len(ex.text) > MAX_ARTICLE_CHARS:
        raise InputError(f"the article has {len(ex.text):,} characters; the limit is {MAX_ARTICLE_CHARS:,}")
    header = {k: v for k, v in (("title", ex.title), ("date", ex.published)) if v}
    return _build(
        ex.text, 0, header, "html", published, title, source or ex.site_name, language, url,
        ex.author, ex.site_name, original_sha256,
    )  # fmt: skip


def _build(
    text: str,
    body_start: int,
    header: dict[str, str],
    format: str,
    published: str | None,
    title: str | None,
    source: str | None,
    language: str | None,
    url: str | None,
    author: str | None,
    site_name: str | None,
    original_sha256: str | None,
) -> Article:
    published = parse_date(published, "--published") if published else None
    if published is None and header.get("date"):
        try:
            published = parse_date(header["date"][:10])
        except InputError:
            published = None  # an unparseable header date is "unknown", not fatal
    if not text[body_start:].strip():
        raise InputError("the article has a header but no text")
    summary_language = _check_language(language)
    paragraphs: list[Paragraph]
    if format == "markdown":
        heading, paragraphs = markdown_paragraphs(text, body_start)
        title = title or header.get("title") or heading
    else:
        headline, paragraphs = text_paragraphs(text, body_start)
        known = title or header.get("title")
        # A leading headline is the title, not the first sentence.
        if headline is not None and (known is None or _same(known, headline)):
            paragraphs = paragraphs[1:]
            known = known or headline
        title = known
    if not paragraphs:
        raise InputError("the article has a title but no text")
    detected = detect_language(" ".join(p.text for p in paragraphs[:40]))
    return Article(
        text=text,
        body_start=body_start,
        title=title or None,
        published=published,
        source=source or header.get("source") or None,
        sentences=sentences_of(paragraphs, detected),
        format=format,
        language=detected,
        summary_language=summary_language,
        author=author or header.get("author") or None,
        site_name=site_name,
        url=url,
        original_sha256=original_sha256,
    )


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
