"""Loading articles: header forms, sentence spans, and input validation (InputError, exit 2)."""

from __future__ import annotations

import hashlib
import io
import sys
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.inputs import load_article, parse_article, parse_date

ROOT = Path(__file__).resolve().parent.parent


def test_article_inline_date_header(seed_article, seed_text):
    assert seed_article.published == "2022-02-17"
    assert seed_article.title is None and seed_article.source is None
    assert seed_article.text == seed_text  # header included: offsets index the file text
    assert seed_text[: seed_article.body_start].strip() == "date 2022-02-17"
    assert seed_article.sentences[0].text.startswith("As the situation still remains fragile")


def test_article_sentence_spans_index_the_full_text(seed_article):
    numbers = [s.number for s in seed_article.sentences]
    assert numbers == list(range(1, len(numbers) + 1))
    for s in seed_article.sentences:
        assert s.start >= seed_article.body_start
        assert seed_article.text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
    assert seed_article.sentence(0) is None
    assert seed_article.sentence(len(numbers) + 1) is None
    assert seed_article.sentence(1) == seed_article.sentences[0]


def test_article_sha256_is_of_the_text(seed_article, seed_text):
    assert seed_article.sha256 == hashlib.sha256(seed_text.encode("utf-8")).hexdigest()


def test_article_key_value_header(geneva_path, geneva_article):
    text = geneva_path.read_bytes().decode("utf-8")
    assert geneva_article.title.startswith("U.S. warns Russia of 'significant' costs")
    assert geneva_article.published == "2022-01-10"
    assert geneva_article.source.startswith("original article written for the summarizer project")
    assert geneva_article.text == text
    assert text[: geneva_article.body_start].rstrip().endswith("---")
    assert geneva_article.sentences[0].text.startswith("The United States told Russia at talks in Geneva")
    # header lines are not sentences
    assert not any(s.text.startswith(("title:", "date:", "---")) for s in geneva_article.sentences)


def test_article_front_matter_opened_by_dashes():
    art = parse_article("---\ntitle: T\ndate: 2021-05-01\n---\nBody sentence one. Body two.\n")
    assert (art.title, art.published) == ("T", "2021-05-01")
    assert [s.text for s in art.sentences] == ["Body sentence one.", "Body two."]


def test_article_published_argument_overrides_header(geneva_path, seed_text):
    assert load_article(geneva_path, published="2022-01-12").published == "2022-01-12"
    assert parse_article(seed_text, published="2021-01-01").published == "2021-01-01"


def test_article_title_and_source_arguments_override_header(geneva_path):
    art = load_article(geneva_path, title="Other", source="Wire")
    assert (art.title, art.source) == ("Other", "Wire")


def test_article_unparseable_header_date_is_unknown():
    art = parse_article("title: X\ndate: sometime in May\n---\nA sentence.\n")
    assert art.published is None


def test_article_without_header():
    art = parse_article("Plain text. No header here.")
    assert art.body_start == 0 and art.published is None
    assert [s.number for s in art.sentences] == [1, 2]


def test_article_crlf_spans():
    text = "title: T\r\n---\r\nFirst sentence here. Second one.\r\n\r\nThird paragraph.\r\n"
    art = parse_article(text)
    assert art.title == "T"
    for s in art.sentences:
        assert text[s.start : s.end] == s.text and "\r" not in s.text
    assert [s.text for s in art.sentences] == ["First sentence here.", "Second one.", "Third paragraph."]


def test_article_utf8_bom_is_dropped(write_article):
    path = write_article("bom.txt", b"\xef\xbb\xbfdate 2022-02-17 A sentence.")
    art = load_article(path)
    assert art.published == "2022-02-17" and not art.text.startswith("\ufeff")


def test_article_from_stdin(monkeypatch, seed_text):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(seed_text.encode("utf-8"))))
    art = load_article("-")
    assert art.text == seed_text and art.published == "2022-02-17"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param("empty.txt", b"", "empty", id="empty"),
        pytest.param("blank.txt", b"  \n\t\n   \n", "empty", id="whitespace-only"),
        pytest.param("nul.txt", b"Some text\x00\x01\x02 more", "binary", id="binary"),
        pytest.param("latin1.txt", "Caf\u00e9 au lait.".encode("latin-1"), "UTF-8", id="invalid-utf8"),
        pytest.param("header-only.txt", b"title: T\ndate: 2022-01-01\n---\n\n", "no text", id="header-only"),
    ],
)
def test_article_bad_input_raises_input_error(write_article, name, content, message):
    path = write_article(name, content)
    with pytest.raises(InputError, match=message) as info:
        load_article(path)
    assert info.value.exit_code == 2


def test_article_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_article(tmp_path / "nope.txt")


def test_article_directory(tmp_path):
    with pytest.raises(InputError, match="directory"):
        load_article(tmp_path)


@pytest.mark.parametrize("value", ["2022-13-01", "17/02/2022", "yesterday", ""])
def test_article_bad_published(value, seed_text):
    if value == "":
        # an empty --published means "not given"
        assert parse_article(seed_text, published=value).published == "2022-02-17"
        return
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        parse_article(seed_text, published=value)


def test_parse_date_normalises():
    assert parse_date(" 2022-02-17 ") == "2022-02-17"


def test_article_path_accepts_str(tmp_path: Path):
    p = tmp_path / "a.md"
    p.write_text("# Heading\n\nA sentence.", encoding="utf-8")
    assert load_article(str(p)).sentences[-1].text == "A sentence."


_TRICKY = [
    "Lt. Gen. James Mingus joined Sherman. Col. Gen. Aleksandr Fomin attended with Ryabkov.",
    "The U.S. team met on Jan. 10 in Geneva. Talks resumed at 9 a.m. on Tuesday.",
    "It cost $3.5 million. Officials said so... Then they left.",
    "\u201cWe will respond,\u201d she said. \u201cNot today.\u201d Dr. Smith agreed.",
    "He wrote on Twitter. \u2014 Secretary Antony Blinken (@SecBlinken) February 17, 2022",
    "See www.state.gov for details. No. 10 Downing Street said nothing.",
]


def _paragraphs() -> list[str]:
    import re

    paragraphs = list(_TRICKY)
    for path in sorted((ROOT / "fixtures" / "articles").glob("*.txt")):
        article = parse_article(path.read_text(encoding="utf-8"))
        body = article.text[article.body_start :]
        paragraphs += [m.group() for m in re.finditer(r"[^\n]+", body) if m.group().strip()]
    return paragraphs


def test_fast_sentence_split_agrees_with_pysbd_everywhere() -> None:
    """The fast path must give pysbd's sentences; otherwise prompts, keys and recordings would shift."""
    from summarizer.inputs._sentences import _segmenter, split_spans

    segmenter = _segmenter("en")
    for paragraph in _paragraphs():
        ours = [paragraph[s:e].strip() for s, e in split_spans(paragraph, "en") if paragraph[s:e].strip()]
        reference = [paragraph[x.start : x.end].strip() for x in segmenter.segment(paragraph)]
        assert ours == [r for r in reference if r], paragraph
