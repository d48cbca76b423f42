"""Sentence spans inside one paragraph: a linear rule where a cut is clear, pysbd where not.

pysbd knows abbreviations, initials and numbers in many languages, but costs ~15 ms
per article and its time grows with the square of its input. Most news paragraphs have
no abbreviation before a sentence end, and there a plain rule gives pysbd's answer
(tests/test_inputs_text.py holds the two together on every fixture paragraph). Only
pieces holding an ambiguous full stop, at most `_PYSBD_MAX_CHARS` long, go to pysbd, so
the whole split is linear in the paragraph's length.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["Budget", "split_spans", "PYSBD_LANGUAGES"]

# Languages pysbd has rules for (pysbd.languages.LANGUAGE_CODES, 0.3.4).
PYSBD_LANGUAGES = frozenset("en hi mr zh es am ar hy bg ur ru pl fa nl da fr my el it ja de kk sk".split())
# Scripts without letter case, where a sentence may start with any letter.
_CASELESS = frozenset("ar fa ur he ps sd ug yi hi mr ne bn ta te kn ml gu pa si th lo km my am ka".split())
# Scripts written without spaces between sentences.
_CJK = frozenset("zh ja ko".split())

# English (and unknown languages): terminal punctuation (and closing quotes), space, a capital.
_BOUNDARY_EN = re.compile(r"[.!?][\"'\u2019\u201d)\]]*\s+(?=[\"'\u2018\u201c(\[\u2014\u2013]?\s?[A-Z0-9])")
# Other alphabetic languages: the same shape; the next letter is checked with str.isupper().
_BOUNDARY_ANY = re.compile(
    r"[.!?\u2026\u061f\u06d4\u0964][\"'\u2019\u201d\u00bb\u203a)\]]*\s+"
    r"(?=[\"'\u2018\u201c\u00ab\u2039\u201e\u00bf\u00a1(\[\u2014\u2013\-]?\s?(\w))"
)
# Chinese and Japanese: full-width terminal punctuation ends a sentence, no space needed.
_BOUNDARY_CJK = re.compile(r"[\u3002\uff01\uff1f!?][\u300d\u300f\u201d\u2019\uff09)\u3011]*\s*(?=\S)")
# Anything that makes a full stop ambiguous (abbreviations, initials, numbers, ellipses,
# URLs): such pieces go to pysbd, which knows these cases.
_AMBIGUOUS = re.compile(
    r"(?:\b[A-Z][a-z]{0,3}\.|\b[A-Z]\.|\b[a-z]{1,4}\.(?=\s*[a-z0-9])|\d\.\d|\.\.|\u2026|https?:|www\.|\b(?:[A-Z]\.){2,}|\bNo\.)"
)
_AMBIGUOUS_ANY = re.compile(r"(?:\b\w{1,4}\.|\d\.\d|\.\.|\u2026|https?:|www\.)")
_PYSBD_MAX_CHARS = 4000
# pysbd costs about half a millisecond per 100 characters of ambiguous text. Past this
# many characters in one article (some 30,000 words with an abbreviation in every
# sentence) the rest is cut by `_ABBREVIATION` alone, so no input takes more than a
# few seconds to split.
PYSBD_BUDGET_CHARS = 300_000
# Fallback when pysbd is not used: a full stop after a capitalised word of up to three
# letters (Dr. Gen. Jan.), an initial, or a word with inner dots (U.S. a.m.) is no sentence end.
_ABBREVIATION = re.compile(r"(?:\b[A-Z][a-z]{0,2}|\b\w(?:\.\w)+|\b[A-Z])\.[\"'\u2019\u201d)\]]*\s+\Z")


class Budget:
    """Characters pysbd may still be given for one article."""

    def __init__(self, chars: int = PYSBD_BUDGET_CHARS) -> None:
        self.chars = chars


def _segmenter(language: str) -> Any:
    # A new Segmenter per piece: segment() keeps state on the instance, so one shared
    # across batch threads would mix texts. Construction costs about a microsecond.
    import pysbd  # lazily: slow to import, only needed here

    return pysbd.Segmenter(language=language, clean=False, char_span=True)


def _candidates(chunk: str, language: str) -> list[re.Match[str]]:
    if language in _CJK:
        return list(_BOUNDARY_CJK.finditer(chunk))
    if language == "en":
        return list(_BOUNDARY_EN.finditer(chunk))
    # A sentence starts with anything but a lower-case letter: a capital, a digit, or a
    # letter of a script without case (Arabic, Devanagari, ...).
    return [m for m in _BOUNDARY_ANY.finditer(chunk) if not m.group(1).islower()]


def split_spans(chunk: str, language: str | None = None, budget: Budget | None = None) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` in `chunk` (may carry surrounding whitespace).

    Args:
        chunk: one paragraph, line wraps already turned into spaces.
        language: ISO 639-1 code of the text; None or unknown is treated as English.
        budget: pysbd's remaining characters for the article this paragraph is in.
    """
    lang = (language or "en").lower()
    lang = lang if lang in PYSBD_LANGUAGES or lang in _CASELESS or lang in _CJK else "en"
    candidates = _candidates(chunk, lang)
    if lang in _CJK:
        ambiguous = [False] * len(candidates)
    else:
        pattern = _AMBIGUOUS if lang == "en" else _AMBIGUOUS_ANY
        ambiguous = [bool(pattern.search(chunk, max(0, m.start() - 6), m.start() + 1)) for m in candidates]
    spans: list[tuple[int, int]] = []
    start = 0
    inner: list[int] = []  # ambiguous candidate ends inside the current piece
    # One pass: cut at each clear boundary; a piece holding an ambiguous one goes to pysbd.
    for m, amb in zip([*candidates, None], [*ambiguous, False], strict=True):
        if m is not None and amb:
            inner.append(m.end())
            continue
        end = m.end() if m is not None else len(chunk)
        if end <= start:
            continue
        if not inner:
            spans.append((start, end))
        elif end - start > _PYSBD_MAX_CHARS or lang not in PYSBD_LANGUAGES or (budget and budget.chars <= 0):
            # too big for pysbd (quadratic), or over budget: cut where no abbreviation precedes
            cuts = [start, *(c for c in inner if not _ABBREVIATION.search(chunk, max(start, c - 12), c)), end]
            spans += list(zip(cuts, cuts[1:], strict=False))
        else:
            piece = chunk[start:end]
            if budget is not None:
                budget.chars -= len(piece)
            spans += [(start + s.start, start + s.end) for s in _segmenter(lang).segment(piece)]
        start, inner = end, []
    return spans
