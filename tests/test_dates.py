"""Dates: reading date phrases against the publication date, and the tense of their sentence."""

from __future__ import annotations

import pytest

from summarizer.dates import read_date, resolve_date
from summarizer.tense import sentence_tense

# --------------------------------------------------------------------------- read_date, resolve_date


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
        # a day ahead is never before publication, however near the day is
        pytest.param("by February 15", "2026-04-16", True, "2027-02-15", id="future-past-month-day"),
        pytest.param("by February 15", "2026-04-16", False, "2026-02-15", id="past-recent-month-day"),
        pytest.param("by March 31 next year", "2026-09-03", True, "2027-03-31", id="month-day-next-year"),
        pytest.param("on May 2 last year", "2026-09-03", False, "2025-05-02", id="month-day-last-year"),
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


@pytest.mark.parametrize(
    ("phrase", "future", "expected"),
    [
        ("by the end of the year", True, "2026-12-31"),
        ("by the end of next year", True, "2027-12-31"),
        ("at the end of the month", False, "2026-05-31"),
        ("before the end of next month", True, "2026-06-30"),
        ("by the end of March", True, "2027-03-31"),
        ("at the end of March", False, "2026-03-31"),
        ("by the end of December", True, "2026-12-31"),
    ],
)
def test_resolve_the_end_of_a_period(phrase, future, expected):
    assert resolve_date(phrase, "2026-05-19", future=future) == expected


def test_read_date_ambiguity_rules():
    monday, friday = "2022-01-10", "2022-01-14"
    assert read_date("next Tuesday", monday) == read_date("next Tuesday", monday, future=True)
    r = read_date("next Tuesday", monday)
    assert (r.date, r.ambiguous, r.accepted) == ("2022-01-11", True, ("2022-01-11", "2022-01-18"))
    r = read_date("last Tuesday", friday)
    assert (r.date, r.ambiguous, r.accepted) == ("2022-01-11", True, ("2022-01-04", "2022-01-11"))
    r = read_date("next Monday", monday)
    assert (r.date, r.ambiguous) == ("2022-01-17", False)
    r = read_date("on Wednesday", monday, future=False)
    assert (r.date, r.ambiguous, r.accepted) == ("2022-01-05", False, ("2022-01-05", "2022-01-12"))


# --------------------------------------------------------------------------- tense (item 24)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("by the end of the week", "2027-02-19"),  # published on a Wednesday: that week's Friday
        ("the end of next week", "2027-02-26"),
        ("by the end of this week", "2027-02-19"),
    ],
)
def test_the_end_of_a_week_is_its_friday(phrase, expected):
    assert resolve_date(phrase, "2027-02-17", future=True) == expected


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected"),
    [
        (
            "She also said some subjects would be held back for the council in Brussels on Wednesday.",
            "on Wednesday",
            True,
        ),
        ("Sherman will travel there on Tuesday to give a briefing.", "on Tuesday", True),
        ("On Wednesday she will head the delegation.", "On Wednesday", True),
        ("The two sides agreed on Monday to reopen the crossing next Tuesday.", "on Monday", False),
        ("The two sides agreed on Monday to reopen the crossing on Thursday.", "on Thursday", True),
        ("Price said on Sunday.", "on Sunday", False),
        ("Officials who met on Sunday said talks will continue.", "on Sunday", False),
        ("The vote is expected to be held on Friday.", "on Friday", True),
        ("Talks had been planned for months and were held on Friday.", "on Friday", False),
        ("The ministers traveled to Geneva on Sunday.", "on Sunday", False),
        ("Troops will have withdrawn by Friday.", "by Friday", True),
        ("Rain on Friday.", "on Friday", None),
        ("The firm will hold a news conference after the checks are completed on Thursday.", "on Thursday", True),
        ("Rivers could reach flood level by Tuesday night, the institute said.", "by Tuesday night", True),
        ("Both clubs have until Wednesday to reply, the league said.", "until Wednesday", True),
        ("The club had until Wednesday to reply.", "until Wednesday", False),
        ("The regulator has given the bank until the end of June to raise capital.", "until the end of June", True),
        ("The court had given him until March to pay.", "until March", False),
        ("More rain is forecast until Thursday, and the institute said rivers could rise.", "until Thursday", None),
        ("The union has asked the board to publish the accounts by the end of June.", "the end of June", True),
        ("The regulator ordered the bank to repay customers within 30 days.", "30 days", True),
        ("She had been invited to speak to the students on Tuesday.", "on Tuesday", False),
        # "plan" after a determiner is the noun, which says nothing of the verb's tense
        ("The council unveiled its plan on Monday.", "on Monday", False),
        ("The ministry published the plans on Tuesday.", "on Tuesday", False),
        ("The council set out its plan on Monday.", "on Monday", None),
        ("The council plans to publish its budget on Monday.", "on Monday", True),
        ("The council will present its plan on Monday.", "on Monday", True),
        # a present perfect in a clause of condition or time looks ahead
        ("If the union has not called off the strike by the end of June, the firm will sue.", "the end of June", True),
        ("Unless the council has approved the plan by March, the grant lapses.", "by March", True),
        ("Once the board has signed the deal on Friday, work can begin.", "on Friday", True),
        ("If the union had not called off the strike by the end of June, the firm would have sued.", "the end of June",
         False),
        ("The firm would not say if it has paid the fine on Monday.", "on Monday", False),  # a question
        ("The union has called off the strike since the end of June.", "the end of June", False),
    ],
)
def test_sentence_tense(sentence, phrase, expected):
    at = sentence.index(phrase)
    assert sentence_tense(sentence, at, at + len(phrase)) is expected
