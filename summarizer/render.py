"""Readable views of a result: JSON, Markdown, and a self-contained HTML report.

Owns turning an `ArticleSummary` into text for people. Python computes everything as
plain data (`render_report.py`: the article cut into segments at every evidence
boundary, which items cite which evidence, actor colours, the timeline); the Jinja2
templates in ``views/`` emit all markup; this module owns their environment and the
Markdown escaping. The HTML environment autoescapes, so no article or model text
reaches the page as markup, and the data the page script needs travels as JSON
through ``tojson``.

Does not load articles, summarize, or write files (that is the CLI's job). Imports only
`models` (and `render_report`), plus Jinja2.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Literal, get_args

import jinja2

from .models import ArticleSummary
from .render_report import ORIGINS, build_report

__all__ = ["FORMATS", "Format", "render"]

Format = Literal["json", "md", "html"]
FORMATS: tuple[Format, ...] = get_args(Format)

_VIEWS = Path(__file__).with_name("views")

# CommonMark lets a backslash escape any ASCII punctuation. Escaped: what can open
# emphasis, code, links, raw HTML or strikethrough anywhere; "_" only where it can
# flank emphasis (not inside words like json_schema); "&" only where it would start an
# entity. Whitespace is collapsed first, so nothing can start a line but the view.
_MD_INLINE = re.compile(r"[\\`*\[\]<~]|&(?=#?\w+;)|(?<![^\W_])_|_(?![^\W_])")
# Text that would open a block (heading, quote, list, thematic break) at a line start,
# and the closing hashes a heading would drop.
_MD_BLOCK_START = re.compile(r"^(#|>|[-+=]|\d+[.)])")
_MD_CLOSING_HASHES = re.compile(r"(?<=\s)#+$")


def render(result: ArticleSummary, format: Format) -> str:
    """Render a result as JSON, Markdown or a self-contained HTML report.

    Args:
        result: A validated, grounded summary. Evidence offsets index
            ``result.article.text``; evidence whose offsets do not fit that text is
            shown as an unlocated quote instead of failing.
        format: ``"json"`` (``model_dump_json(indent=2)``, for machines), ``"md"``
            (terminal and GitHub) or ``"html"`` (one file with inline CSS and JS, no
            external resources; works offline and from ``file://``).

    Returns:
        The rendered document. Markdown and HTML end with a newline; JSON does not.

    Raises:
        ValueError: ``format`` is not one of `FORMATS`.
    """
    if format == "json":
        return result.model_dump_json(indent=2)
    if format in ("md", "html"):
        template = "report.html.j2" if format == "html" else "summary.md.j2"
        return _environment(html=format == "html").get_template(template).render(
            report=build_report(result), origins=ORIGINS
        )
    raise ValueError(f"unknown format {format!r}; expected one of: {', '.join(FORMATS)}")



def _md(value: object) -> str:
    """Escape text for one Markdown line: collapse whitespace, neutralise markup."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    text = _MD_INLINE.sub(lambda m: "\\" + m.group(), text)
    block = _MD_BLOCK_START.match(text)
    if block:  # escape the marker's punctuation: \#, \-, 12\.
        cut = block.end() - 1
        text = text[:cut] + "\\" + text[cut:]
    return _MD_CLOSING_HASHES.sub(lambda m: "\\" + m.group(), text)


def _csp_hash(source: str) -> str:
    """The CSP source expression allowing exactly this inline script."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _words(value: object) -> str:
    """``follow_up`` -> ``follow up``; ``verbal_conflict`` -> ``verbal conflict``."""
    return "" if value is None else str(value).replace("_", " ")


def _finalize(value: object) -> object:
    return "" if value is None else value


@cache
def _environment(*, html: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_VIEWS),
        autoescape=html,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    filters: dict[str, Callable[..., object]] = {"words": _words, "origin_letter": lambda o: ORIGINS.get(o, "?")}
    if html:
        filters["csp_hash"] = _csp_hash
    else:
        filters["md"] = _md
    env.filters.update(filters)
    return env
