"""Quotes: where a quote stands in the article, forgiving what a copy changes.

Pure functions, no I/O. Folding (quote marks, dashes, case, whitespace, compatibility
forms) with a map back to the source offsets, matches on word boundaries (also in
scripts written without spaces), `locate_quote` and the minimum length of a quote.
Does not decide what a quote must support (grounding.py) nor read dates (dates.py).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from .inputs import Sentence

__all__ = [
    "MIN_QUOTE_CHARS",
    "MIN_QUOTE_WORDS",
    "find_bounded",
    "fold",
    "folded_span",
    "locate_in_sentence",
    "locate_quote",
    "quote_too_short",
]

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
# A quote must say something: "a" or "the" would ground almost anywhere. A quote that is
# the whole cited sentence is accepted whatever its length (the sentence has no more).
MIN_QUOTE_WORDS = 3
MIN_QUOTE_CHARS = 12


@lru_cache(maxsize=None)
def _fold_char(ch: str) -> str:
    """One source character folded: compatibility form, plain quote marks and dashes, case."""
    folded = unicodedata.normalize("NFKC", ch).translate(_QUOTE_CHARS)
    return " " if folded.isspace() else folded.casefold()


def _normalise(s: str) -> tuple[str, list[int]]:
    """Fold quote marks, dashes, case and whitespace; map each output char to its source index."""
    out: list[str] = []
    index: list[int] = []
    prev_space = True
    for i, ch in enumerate(s):
        folded = _fold_char(ch)
        if folded == " ":
            if not prev_space:
                out.append(" ")
                index.append(i)
            prev_space = True
            continue
        prev_space = False
        for c in folded:
            out.append(c)
            index.append(i)
    while out and out[-1] == " ":
        out.pop()
        index.pop()
    return "".join(out), index


def fold(s: str) -> str:
    """Fold quote marks, dashes, case and whitespace, for occurrence checks over a whole article.

    Args:
        s: any text.

    Returns:
        The folded text (`_normalise` without its map back to the source).
    """
    if s.isascii():  # the common case, ten times faster: ASCII folds to lower case (and ` to ')
        return " ".join(s.replace("`", "'").lower().split())
    return " ".join("".join(map(_fold_char, s)).split())


# Scripts written without spaces between words (Chinese, Japanese kana, Thai, Lao, Khmer,
# Myanmar): any character may start or end a word, and each counts as one for length.
_UNSPACED = (
    (0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x3040, 0x30FF), (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F),
)  # fmt: skip


def _unspaced(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _UNSPACED)


def _is_word(ch: str) -> bool:
    """A character that continues a word in a script that separates words by spaces."""
    return (ch.isalnum() or ch == "_") and not _unspaced(ch)


def find_bounded(hay: str, needle: str, lo: int = 0, hi: int | None = None, *, right: bool = True) -> int:
    """First index of `needle` in ``hay[lo:hi]`` that starts (and, if `right`, ends) on a word boundary.

    A one-letter quote "a" must not ground inside "situation"; with ``right=False`` a
    name may run on into a longer word ("Russia" in "Russian").

    Args:
        hay: the text searched (usually folded).
        needle: the text looked for, folded like `hay`.
        lo: where the search starts in `hay`.
        hi: where it ends (None: the end of `hay`).
        right: whether the match must also end on a word boundary.

    Returns:
        The index, or -1 when there is no such match (or `needle` is empty).
    """
    hi = len(hay) if hi is None else hi
    if not needle:
        return -1
    check_left, check_right = _is_word(needle[0]), right and _is_word(needle[-1])
    pos = hay.find(needle, lo, hi)
    while pos >= 0:
        end = pos + len(needle)
        if (not check_left or pos == 0 or not _is_word(hay[pos - 1])) and (
            not check_right or end >= len(hay) or not _is_word(hay[end])
        ):
            return pos
        pos = hay.find(needle, pos + 1, hi)
    return -1


@lru_cache(maxsize=4096)
def _normalised_span(text: str, start: int, end: int) -> tuple[str, list[int]]:
    # Cached: a reply citing one sentence many times (or 5,000 times) folds it once.
    return _normalise(text[start:end])


def folded_span(text: str, start: int, end: int) -> str:
    """``text[start:end]`` folded as `locate_quote` folds it (cached per span).

    Args:
        text: the article text.
        start: where the span starts.
        end: where it ends.

    Returns:
        The folded span.
    """
    return _normalised_span(text, start, end)[0]


@lru_cache(maxsize=8192)
def _needle(quote: str) -> str:
    # Cached: a quote missing from its sentence is looked for in every other one.
    return _normalise(quote.strip(_QUOTE_TRIM))[0]


def locate_quote(quote: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    """Find `quote` inside ``text[start:end]`` on word boundaries; return absolute offsets.

    A verbatim quote is found as it is, so ``text[start:end] == quote``; otherwise
    quote marks, dashes, case, whitespace and surrounding punctuation are forgiven.

    Args:
        quote: the quote as the model gave it.
        text: the text searched.
        start: where the searched range starts in `text`.
        end: where it ends.

    Returns:
        ``(start, end)`` offsets in `text`, or None when the quote is not in the range.
    """
    exact = find_bounded(text, quote, start, end) if quote.strip() else -1
    if exact >= 0:
        return exact, exact + len(quote)
    needle = _needle(quote)
    if not needle:
        return None
    hay, index = _normalised_span(text, start, end)
    pos = find_bounded(hay, needle)
    if pos < 0:
        return None
    return start + index[pos], start + index[pos + len(needle) - 1] + 1


def locate_in_sentence(quote: str, sentence: Sentence) -> tuple[int, int] | None:
    """`locate_quote` in the sentence as the model saw it, mapped back to the article.

    The model sees the sentence with line wraps and Markdown markup removed; offsets
    index the article text as written.

    Args:
        quote: the quote as the model gave it.
        sentence: the cited sentence.

    Returns:
        ``(start, end)`` offsets in `Article.text`, or None when the quote is not there.
    """
    span = locate_quote(quote, sentence.text, 0, len(sentence.text))
    return None if span is None else sentence.source_span(*span)


def quote_too_short(quote: str, sentence: str) -> bool:
    """Is `quote` under `MIN_QUOTE_WORDS` words and `MIN_QUOTE_CHARS` characters, and not all of `sentence`?

    In scripts written without spaces each character counts as a word.

    Args:
        quote: the quote as the model gave it.
        sentence: the text of the cited sentence.

    Returns:
        True when the quote is too short to show anything.
    """
    words = quote.strip(_QUOTE_TRIM).split()
    count = sum(max(1, sum(map(_unspaced, w))) for w in words)  # 港口将继续 is five words, not one
    if count >= MIN_QUOTE_WORDS or len(" ".join(words)) >= MIN_QUOTE_CHARS:
        return False
    return fold(quote.strip(_QUOTE_TRIM)) != fold(sentence.strip(_QUOTE_TRIM))
