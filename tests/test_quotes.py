"""Quotes: locating a quote in the article, forgiving quote marks, dashes, case and spacing."""

from __future__ import annotations

import pytest

from summarizer.inputs import parse_article
from summarizer.quotes import locate_quote

# An oracle independent of the code under test: fold quote marks, dashes, spaces, case.
_FOLD = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-", "\u00a0": " "}
)


def norm(s: str) -> str:
    return " ".join(s.translate(_FOLD).split()).casefold()


def locate_in_article(article, quote):
    """Locate `quote` in the first sentence where it occurs (by the oracle)."""
    for s in article.sentences:
        span = locate_quote(quote, article.text, s.start, s.end)
        if span is not None:
            return s, span
    return None, None


# --------------------------------------------------------------------------- locate_quote


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        pytest.param(
            "Qatar's Minister of Foreign Affairs",
            "Qatar\u2019s Minister of Foreign Affairs",
            id="curly-apostrophe-in-text",
        ),
        pytest.param(
            "United States\u2019 gratitude to Canada",
            "United States' gratitude to Canada",
            id="curly-apostrophe-in-quote",
        ),
        pytest.param(
            "his \u201cunwavering support\u201d for", 'his "unwavering support" for', id="curly-double-quotes"
        ),
        pytest.param("- Secretary Antony Blinken", "\u2014 Secretary Antony Blinken", id="hyphen-for-em-dash"),
        pytest.param("\u2013 Secretary Antony Blinken", "\u2014 Secretary Antony Blinken", id="en-dash-for-em-dash"),
        pytest.param("Antony   Blinken\n spoke  with", "Antony Blinken spoke with", id="whitespace"),
        pytest.param("Antony\u00a0Blinken spoke", "Antony Blinken spoke", id="nbsp"),
        pytest.param("ANTONY BLINKEN SPOKE", "Antony Blinken spoke", id="case"),
        pytest.param(
            '"I also thanked Qatar for continued assistance with Afghanistan diplomacy."',
            "I also thanked Qatar for continued assistance with Afghanistan diplomacy",
            id="wrapping-quotes-and-period-trimmed",
        ),
    ],
)
def test_locate_quote_normalises(seed_article, quote, expected):
    sent, span = locate_in_article(seed_article, quote)
    assert span is not None, f"{quote!r} not located"
    start, end = span
    assert sent.start <= start < end <= sent.end
    assert seed_article.text[start:end] == expected
    assert norm(seed_article.text[start:end]) == norm(quote.strip(" '\"."))


def test_locate_quote_offsets_index_text_with_header():
    text = "title: T\ndate: 2022-01-10\n---\nThe minister  said \u201cwe will\t\u00a0act\u201d \u2014 today.\n"
    article = parse_article(text)
    assert article.body_start > 0
    sent = article.sentences[0]
    span = locate_quote('said "we will act" - today', text, sent.start, sent.end)
    assert span is not None
    assert text[span[0] : span[1]] == "said \u201cwe will\t\u00a0act\u201d \u2014 today"
    assert norm(text[span[0] : span[1]]) == norm('said "we will act" - today')


def test_locate_quote_misses():
    text = "Alpha beta gamma. Delta epsilon."
    assert locate_quote("beta gamma", text, 0, 17) == (6, 16)
    assert locate_quote("Delta", text, 0, 17) is None  # in the text, but not in that range
    assert locate_quote("zeta", text, 0, len(text)) is None
    assert locate_quote("  ...  ", text, 0, len(text)) is None  # nothing left to find


def test_locate_quote_matches_whole_words_only():
    text = "As the situation remains fragile, talks go on."
    assert locate_quote("a", text, 0, len(text)) is None  # today it grounded inside "situation"
    assert locate_quote("ituation remains fragile", text, 0, len(text)) is None
    assert locate_quote("SITUATION REMAINS FRAGIL", text, 0, len(text)) is None  # normalised path too
    assert locate_quote("situation remains fragile", text, 0, len(text)) == (7, 32)
    assert locate_quote("fragile, talks", text, 0, len(text)) == (25, 39)
