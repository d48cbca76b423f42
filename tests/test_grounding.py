"""Grounding: quote location (with normalisation), reference checks, date resolution, derivation."""

from __future__ import annotations

import pytest

from summarizer.grounding import check_output, derive_result, locate_quote, resolve_date
from summarizer.inputs import parse_article
from summarizer.models import ModelOutput, Provenance, Usage

# An oracle independent of the code under test: fold quote marks, dashes, spaces, case.
_FOLD = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-", "\u00a0": " "}
)


def norm(s: str) -> str:
    return " ".join(s.translate(_FOLD).split()).casefold()


def provenance() -> Provenance:
    return Provenance(
        engine="test", model="m", mode="json_schema", strategy="single", prompt_hash="h",
        schema_version="1", usage=Usage(), attempts=1, cached=False,
    )  # fmt: skip


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


# --------------------------------------------------------------------------- check_output


def check(seed_article, data):
    return check_output(ModelOutput.model_validate(data), seed_article)


def test_check_output_valid_seed_output(seed_article, seed_output):
    assert check(seed_article, seed_output) == []


def test_check_output_sentence_out_of_range(seed_article, seed_output):
    n = len(seed_article.sentences)
    seed_output["events"][0]["evidence"][0]["sentence"] = n + 5
    assert check(seed_article, seed_output) == [
        f"events[0].evidence[0]: sentence {n + 5} does not exist (the article has sentences 1-{n})"
    ]


def test_check_output_fabricated_quote(seed_article, seed_output):
    seed_output["stances"][0]["evidence"][0] = {"sentence": 1, "quote": "Blinken threatened to bomb Moscow"}
    assert check(seed_article, seed_output) == [
        "stances[0].evidence[0]: quote 'Blinken threatened to bomb Moscow' is not in sentence 1; "
        "it is not in the article at all. Quote words exactly as written"
    ]


def test_check_output_quote_from_another_sentence(seed_article, seed_output):
    ev = seed_output["follow_ups"][0]["evidence"][0]
    wrong = 1 if ev["sentence"] != 1 else 2
    seed_output["follow_ups"][0]["evidence"][0] = {"sentence": wrong, "quote": ev["quote"]}
    (error,) = check(seed_article, seed_output)
    assert error.startswith(f"follow_ups[0].evidence[0]: quote {ev['quote']!r} is not in sentence {wrong}")
    assert f"it occurs in sentence {ev['sentence']}" in error


def test_check_output_unknown_actor_ids(seed_article, seed_output):
    seed_output["stances"][0]["holder"] = "A9"
    seed_output["stances"][0]["target"] = "Ukraine"
    seed_output["events"][0]["recipients"] = ["A2", "A7"]
    seed_output["follow_ups"][0]["actors"] = ["A8"]
    known = "A1, A2, A3, A4, A5"
    assert check(seed_article, seed_output) == [
        f"stances[0].holder: unknown actor id 'A9' (known ids: {known})",
        f"stances[0].target: unknown actor id 'Ukraine' (known ids: {known})",
        f"events[0].recipients: unknown actor id 'A7' (known ids: {known})",
        f"follow_ups[0].actors: unknown actor id 'A8' (known ids: {known})",
    ]


def test_check_output_duplicate_ids(seed_article, seed_output):
    seed_output["actors"].append({**seed_output["actors"][0], "name": "Someone else"})
    seed_output["events"][1]["id"] = "E1"
    assert check(seed_article, seed_output) == ["actors: duplicate id 'A1'", "events: duplicate id 'E1'"]


def test_check_output_null_target_is_fine(seed_article, seed_output):
    seed_output["stances"][0]["target"] = None
    assert check(seed_article, seed_output) == []


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("phrase", "published", "future", "expected"),
    [
        pytest.param("on February 15", "2022-02-17", False, "2022-02-15", id="month-day"),
        pytest.param("on Feb. 15", "2022-02-17", False, "2022-02-15", id="abbreviated-month"),
        pytest.param("15th of February", "2022-02-17", False, "2022-02-15", id="day-month"),
        pytest.param("February 15, 2021", "2022-02-17", False, "2021-02-15", id="explicit-year"),
        pytest.param("on 2022-02-03", None, False, "2022-02-03", id="iso-without-published"),
        pytest.param("yesterday", "2022-02-17", False, "2022-02-16", id="yesterday"),
        pytest.param("today", "2022-02-17", False, "2022-02-17", id="today"),
        pytest.param("tomorrow", "2022-02-17", True, "2022-02-18", id="tomorrow"),
        pytest.param("December 28", "2022-01-10", False, "2021-12-28", id="past-year-wrap"),
        pytest.param("January 3", "2021-12-20", True, "2022-01-03", id="future-year-wrap"),
        # weekdays in the Geneva corpus article, published Monday 2022-01-10
        pytest.param("on Sunday", "2022-01-10", False, "2022-01-09", id="past-weekday"),
        pytest.param("on Saturday", "2022-01-10", False, "2022-01-08", id="past-saturday"),
        pytest.param("on Tuesday", "2022-01-10", True, "2022-01-11", id="future-weekday"),
        pytest.param("On Wednesday", "2022-01-10", True, "2022-01-12", id="future-wednesday"),
        pytest.param("on Monday", "2022-01-10", False, "2022-01-10", id="publication-weekday"),
        pytest.param("last Tuesday", "2022-01-10", True, "2022-01-04", id="last-overrides-future"),
        pytest.param("next Sunday", "2022-01-10", False, "2022-01-16", id="next-overrides-past"),
        pytest.param("last week", "2022-02-17", False, None, id="no-single-day"),
        pytest.param("in May", "2022-02-17", False, None, id="month-only"),
        pytest.param("on February 15", None, False, None, id="unknown-publication-date"),
        pytest.param(None, "2022-02-17", False, None, id="no-phrase"),
        pytest.param("February 30", "2022-02-17", False, None, id="impossible-date"),
    ],
)
def test_resolve_date(phrase, published, future, expected):
    assert resolve_date(phrase, published, future=future) == expected


@pytest.mark.parametrize(("phrase", "expected"), [("next Monday", "2022-01-17"), ("last Monday", "2022-01-03")])
def test_resolve_date_next_or_last_same_weekday(phrase, expected):
    assert resolve_date(phrase, "2022-01-10") == expected  # 2022-01-10 is a Monday


# --------------------------------------------------------------------------- derive_result


def test_derive_result_seed(seed_article, seed_output, seed_text):
    result = derive_result(ModelOutput.model_validate(seed_output), seed_article, provenance())
    e1, e2 = result.events
    assert (e1.date, e1.date_text, e1.date_resolved_by) == ("2022-02-15", "on February 15", "code")
    assert (e2.date, e2.date_resolved_by) == ("2022-02-17", "model")
    assert e1.quad_class == "verbal_cooperation"
    assert result.follow_ups[0].due is None and result.follow_ups[0].due_resolved_by is None
    assert result.article.published == "2022-02-17"
    assert result.article.text == seed_text and result.article.chars == len(seed_text)
    evidence = [ev for item in (*result.stances, *result.events, *result.follow_ups) for ev in item.evidence]
    assert len(evidence) == 4
    for ev in evidence:
        # slices of the real text, header included (wrapping quote marks are not part of a quote)
        assert seed_text[ev.start : ev.end] == ev.quote  # a verbatim quote is located as it is
        sent = seed_article.sentence(ev.sentence)
        assert sent.start <= ev.start < ev.end <= sent.end


def test_derive_result_geneva_weekdays(geneva_article):
    from conftest import geneva_output_for

    result = derive_result(ModelOutput.model_validate(geneva_output_for(geneva_article)), geneva_article, provenance())
    sunday, tuesday = result.events
    assert (sunday.date, sunday.date_resolved_by) == ("2022-01-09", "code")  # occurred: the last Sunday
    assert (tuesday.date, tuesday.date_resolved_by) == ("2022-01-11", "code")  # planned: the next Tuesday
    assert (result.follow_ups[0].due, result.follow_ups[0].due_resolved_by) == ("2022-01-12", "code")
    assert result.article.title.startswith("U.S. warns Russia")
    for ev in (*sunday.evidence, *tuesday.evidence):
        assert ev.start > geneva_article.body_start
        assert norm(geneva_article.text[ev.start : ev.end]) == norm(ev.quote)


def test_derive_result_date_phrase_in_iso_field(geneva_article):
    from conftest import geneva_output_for

    data = geneva_output_for(geneva_article)
    data["events"][1]["date"] = "Tuesday"  # a phrase in the ISO field: code moves and resolves it
    data["events"][1]["date_text"] = None
    result = derive_result(ModelOutput.model_validate(data), geneva_article, provenance())
    assert (result.events[1].date, result.events[1].date_text) == ("2022-01-11", "Tuesday")


def test_derive_result_published_override_changes_resolution(geneva_path):
    from conftest import geneva_output_for

    from summarizer.inputs import load_article

    article = load_article(geneva_path, published="2022-01-12")  # a Wednesday
    result = derive_result(ModelOutput.model_validate(geneva_output_for(article)), article, provenance())
    assert result.events[0].date == "2022-01-09"  # last Sunday
    assert result.events[1].date == "2022-01-18"  # next Tuesday


def test_derive_result_quad_classes(seed_article, seed_output):
    seed_output["events"][0]["type"] = "SANCTION"
    seed_output["events"][1]["type"] = "ACCUSE"
    result = derive_result(ModelOutput.model_validate(seed_output), seed_article, provenance())
    assert [e.quad_class for e in result.events] == ["material_conflict", "verbal_conflict"]


def test_derive_result_refuses_ungrounded_evidence(seed_article, seed_output):
    seed_output["events"][0]["evidence"][0]["quote"] = "not in the article"
    with pytest.raises(ValueError, match="ungrounded"):
        derive_result(ModelOutput.model_validate(seed_output), seed_article, provenance())
