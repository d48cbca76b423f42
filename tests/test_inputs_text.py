"""Plain text: paragraphs, line wraps, a leading headline, binary and UTF-16 input, linear splitting."""

from __future__ import annotations

import time

import pytest
from fake_openai import Reply
from inputs_helpers import ok_json, output_for, summarize_args

from summarizer import summarize
from summarizer.errors import InputError
from summarizer.inputs import load_article, parse_article

# Written for these tests: a wire story hard-wrapped at 72 columns, with a headline.
WIRE = """\
Harbour pilots end strike after mayor brokers pay deal

NORDBY, March 4 - Harbour pilots in the port of Nordby ended a five-day
strike on Monday after the mayor, Lena Holm, brokered a pay deal between
the pilots' association and the port authority, officials said.

Ships that had waited at anchor for up to four days began moving into the
inner harbour on Monday afternoon. The port authority said it expected
the backlog to clear by Thursday.

"Nobody won this dispute, but the port is open again," Holm told
reporters outside the town hall.
"""


def test_wrapped_lines_join_into_sentences_that_index_the_text():
    art = parse_article(WIRE)
    texts = [s.text for s in art.sentences]
    assert texts[0] == (
        "NORDBY, March 4 - Harbour pilots in the port of Nordby ended a five-day strike on Monday after the "
        "mayor, Lena Holm, brokered a pay deal between the pilots' association and the port authority, "
        "officials said."
    )
    assert len(texts) == 4
    for s in art.sentences:
        written = art.text[s.start : s.end]
        assert " ".join(written.split()) == s.text  # the wraps are the only difference
        assert "\n" in written or written == s.text


def test_headline_becomes_the_title_and_is_no_sentence():
    art = parse_article(WIRE)
    assert art.title == "Harbour pilots end strike after mayor brokers pay deal"
    assert not any("brokers pay deal" in s.text for s in art.sentences)


@pytest.mark.parametrize(
    "first",
    [
        "A short line that ends with a full stop.",  # a sentence, not a headline
        "x" * 200,  # too long for a headline
    ],
)
def test_not_a_headline(first):
    art = parse_article(first + "\n\nThe body follows here. It has two sentences.\n")
    assert art.title is None
    assert art.sentences[0].text == first


def test_headline_needs_a_blank_line_after_it():
    art = parse_article("Pilots end strike\nThe body follows here.\n")
    assert art.title is None


def test_explicit_title_wins_and_a_matching_headline_is_dropped():
    art = parse_article(WIRE, title="Other title")
    assert art.title == "Other title"
    assert art.sentences[0].text.startswith("Harbour pilots end strike")  # kept: it is not the title
    art = parse_article("title: Pilots end strike\n---\nPilots end strike\n\nThe body. It goes on.\n")
    assert art.title == "Pilots end strike" and art.sentences[0].text == "The body."


def test_blank_lines_separate_paragraphs_even_without_a_full_stop():
    art = parse_article("First paragraph.\n\nSecond paragraph without a stop\n\nThird one\n")
    assert [s.text for s in art.sentences] == ["First paragraph.", "Second paragraph without a stop", "Third one"]


def test_long_lines_are_paragraphs_of_their_own():
    long_a = "The council met on Monday to discuss the budget for the new ferry line between the two islands " * 2
    text = f"{long_a.strip()}\nthe second line starts in lower case but is its own paragraph.\n"
    art = parse_article(text)
    assert [s.text for s in art.sentences] == [
        long_a.strip(),
        "the second line starts in lower case but is its own paragraph.",
    ]


def test_indented_line_starts_a_paragraph():
    text = "  The first paragraph is\nwrapped here and has no stop\n  The second paragraph starts indented.\n"
    art = parse_article(text)
    assert [s.text for s in art.sentences] == [
        "The first paragraph is wrapped here and has no stop",
        "The second paragraph starts indented.",
    ]


def test_crlf_wraps():
    text = "Pilots end strike\r\n\r\nThe pilots ended the strike\r\non Monday. The port reopened.\r\n"
    art = parse_article(text)
    assert art.title == "Pilots end strike"
    assert [s.text for s in art.sentences] == ["The pilots ended the strike on Monday.", "The port reopened."]
    for s in art.sentences:
        assert " ".join(art.text[s.start : s.end].split()) == s.text


def test_cli_wrapped_article_evidence_indexes_the_file(cli, fake, tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text(WIRE, encoding="utf-8")
    art = load_article(path)
    fake.enqueue(Reply.json(output_for(art, "Lena Holm", ["ended a five-day strike on Monday after the mayor"])))
    data = ok_json(cli(*summarize_args(fake, path)))
    assert data["article"]["title"] == "Harbour pilots end strike after mayor brokers pay deal"
    ev = data["events"][0]["evidence"][0]
    assert data["article"]["text"] == WIRE
    assert WIRE[ev["start"] : ev["end"]] == "ended a five-day\nstrike on Monday after the mayor"
    # the headline is not sentence 1 of the prompt
    prompt = fake.chat_requests[0].body["messages"][-1]["content"]
    assert "Title: Harbour pilots end strike" in prompt
    assert "[1] NORDBY, March 4" in prompt and "five-day strike on Monday" in prompt


def test_library_wrapped_article(fake):
    art = parse_article(WIRE)
    fake.enqueue(Reply.json(output_for(art, "Lena Holm", ["the backlog to clear by Thursday"])))
    result = summarize(WIRE, base_url=fake.base_url, api_key="sk-test", cache=False)
    ev = result.events[0].evidence[0]
    assert result.article.title == art.title
    assert WIRE[ev.start : ev.end] == "the backlog to clear by Thursday"


# --------------------------------------------------------------------------- bytes (#9 item 23)


def test_nul_byte_beyond_the_first_64_kib_is_binary(write_article):
    data = b"A sentence. " * 10000 + b"\x00" + b"More text."
    assert len(data) > 65536 + 100
    path = write_article("late-nul.txt", data)
    with pytest.raises(InputError, match="binary") as info:
        load_article(path)
    assert info.value.exit_code == 2


def test_nul_in_text_given_to_the_library_is_refused():
    with pytest.raises(InputError, match="binary"):
        parse_article("A sentence.\x00 Another one.")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_named(write_article, cli, encoding):
    path = write_article(f"{encoding}.txt", "Pilots end strike. The port reopened on Monday.\n".encode(encoding))
    with pytest.raises(InputError, match="UTF-16 text; convert it to UTF-8"):
        load_article(path)
    result = cli("summarize", path, "--base-url", "http://127.0.0.1:9/v1")
    assert result.exit_code == 2
    assert "UTF-16 text; convert it to UTF-8" in result.stderr
    assert "binary" not in result.stderr


# --------------------------------------------------------------------------- speed (#9 item 22)


def test_huge_single_paragraph_splits_in_under_five_seconds():
    # Every sentence holds abbreviations, so the slow path (pysbd) is asked as often as it can be.
    base = (
        "The U.S. envoy met Dr. Reyes in Geneva on Jan. 10 at 9 a.m. and talks went on. Ministers said it was close. "
    )
    text = base * (1_900_000 // len(base))
    assert len(text) > 1_890_000 and "\n" not in text
    start = time.process_time()
    art = parse_article(text)
    spent = time.process_time() - start
    assert spent < 5.0, f"{spent:.1f} s of CPU"
    assert len(art.sentences) == 2 * (1_900_000 // len(base))
    assert art.sentences[-2].text == base.split(" Ministers")[0]
