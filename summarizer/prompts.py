"""Jinja2 environment over prompts/: renders chat messages and the prompt hash.

Templates use StrictUndefined, so a missing variable fails loudly. The article is
passed as data and never rendered as template source: an article containing ``{{``
or ``{%`` is just text.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from .engines.base import Message

__all__ = ["MAX_REPAIR_ERRORS", "prompts_dir", "prompt_hash", "render_messages", "render_repair", "render_text"]

# A repair turn lists at most this many errors (and how many more there were): a reply
# with thousands of bad items must not make a request of megabytes.
MAX_REPAIR_ERRORS = 20


def prompts_dir() -> Path:
    """prompts/ inside an installed wheel, else the checkout's top-level prompts/."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "prompts", here.parent / "prompts"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("prompt templates not found (expected summarizer/prompts or ./prompts)")


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(prompts_dir())),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache(maxsize=1)
def prompt_hash() -> str:
    """Hash of every template's name and content: changes whenever a template does."""
    h = hashlib.sha256()
    for path in sorted(prompts_dir().glob("*.j2")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def render_text(template: str, **context: Any) -> str:
    return _env().get_template(template).render(**context).strip()


def render_messages(system: str, user: str, **context: Any) -> list[Message]:
    return [
        {"role": "system", "content": render_text(system, **context)},
        {"role": "user", "content": render_text(user, **context)},
    ]


def render_repair(errors: list[str]) -> str:
    """The re-ask message: the first `MAX_REPAIR_ERRORS` errors and a count of the rest."""
    shown = errors[:MAX_REPAIR_ERRORS]
    return render_text("repair.j2", errors=shown, more=len(errors) - len(shown))
