"""Follow-up rules of round 23 narrowed after review (branch h23-fufix): the reviewer's sentences with the
right reading (r23's where r23 was right), and more sentences of the same shapes written for these tests.
Published 2026-04-02, a Thursday."""

from __future__ import annotations

import pytest
from conftest import rules_on

from summarizer.models import ArticleSummary


def _run(body: str) -> ArticleSummary:
    return rules_on(body + "\n", "2026-04-02")


# F1: "due" + a date reads forward only after a verb that brings the thing about; a thing paid, missed or
# handed in was due last Monday.
@pytest.mark.parametrize("sentence", [
    "Tom Baker repaid a loan due on Monday.",
    "Tom Baker missed a payment that was due on Monday.",
    "Tom Baker paid the bill, which was due on Monday, a day late.",
    "Tom Baker handed in the report, due on Monday, on time.",
    "Tom Baker submitted his report due on Monday.",
])  # fmt: skip
def test_a_thing_due_under_a_past_verb_is_dated_back(sentence: str) -> None:
    result = _run(sentence)
    assert [e.date for e in result.events] == ["2026-03-30"]
    assert not result.follow_ups


@pytest.mark.parametrize(("sentence", "due"), [
    ("The Harlow council has commissioned a survey, due by the end of May.", "2026-05-31"),
    ("The Harlow council has ordered a study of the bridge, due in November.", None),
    ("The Harlow council set out its plan on Monday. First payments due in October 2030.", None),
    ("Most of the money would be returned to households, with the first payments due in October 2030.", None),
])  # fmt: skip
def test_a_thing_commissioned_due_ahead_is_a_step(sentence: str, due: str | None) -> None:
    assert [f.due for f in _run(sentence).follow_ups] == [due]


# F2: only a thing brought about (commissioned, ordered, launched, requested), not one dropped or put off,
# nor one whose result is reported.
@pytest.mark.parametrize("sentence", [
    "The Harlow council has scrapped a review due in May.",
    "The Harlow council has cancelled a vote due in May.",
    "The Harlow council has postponed a vote due in May.",
    "Payments due in June were deferred to September.",
    "The Harlow council commissioned a study, due in May, which found no damage.",
    # same shapes
    "The Harlow council has withdrawn a study due in May.",
    "The Harlow council has deferred a vote due in June.",
    "The Harlow council has not commissioned a survey due in May.",
    "The Harlow council commissioned a study, due in May, that showed no damage.",
    "The Harlow council ordered a study, due in May, which confirmed the damage.",
    "The Harlow council received a report due in May.",
    "The Harlow council set out its plan on Monday. Bonds due in 2031.",
    "The Harlow council set out its plan on Monday. Rent due in March.",
    # "with" + a thing due, beside a past, a perfect or a negated clause
    "Tom Baker paid the fee, with the last instalment due on Monday.",
    "The Harlow Bank lent the money, with repayments due in May.",
    "The Harlow council has signed the deal, with payments due in June.",
    "The Harlow council would not sell the land, with payments due in June.",
])  # fmt: skip
def test_a_thing_due_but_dropped_or_done_is_no_step(sentence: str) -> None:
    assert not _run(sentence).follow_ups


# F3/F4: a predicative adjective of schedule takes the date, unless denied; a weekday after "for" only on a
# word of schedule.
@pytest.mark.parametrize(("sentence", "due"), [
    ("The final report is due on May 5.", "2026-05-05"),
    ("The hearing is set for Friday.", "2026-04-03"),
    ("The vote is scheduled for Tuesday.", "2026-04-07"),
])  # fmt: skip
def test_a_date_on_a_word_of_schedule_is_a_step(sentence: str, due: str) -> None:
    assert [f.due for f in _run(sentence).follow_ups] == [due]


@pytest.mark.parametrize("sentence", [
    "The report is no longer due in June.",
    "The plant is idle in August.",
    "The Harlow council has asked for Tuesday off.",
    # same shapes
    "The report is not due in June.",
    "The Harlow council has called for Tuesday off.",
    "Tom Baker has paid for Tuesday's dinner.",
    "The Harlow council voted for Tuesday closures.",
    "Tom Baker thanked the staff for Monday.",
    "The mayor praised the council for Friday.",
    "Tom Baker waited for Monday.",
])  # fmt: skip
def test_a_denied_or_unscheduled_date_is_no_step(sentence: str) -> None:
    assert not _run(sentence).follow_ups


# F5: "not ... before" + a date is a step at the earliest only with "not" itself, a reported "would", and
# no refusal to speak or custom.
@pytest.mark.parametrize("sentence", [
    "Traditionally, the fleet would not leave port before June.",
    "In those years, the ferry would not sail before May.",
    "The minister would not comment before Monday.",
    "The company said it would never pay before June.",
    "The plant will not reopen before June, if ever.",
    # same shapes
    "Usually, the ferry will not sail before May.",
    "The ferry used to not sail before May.",
    "The minister will not speak before Monday.",
    "The Harlow council would not vote before June in those days.",
    "The company will never pay before June.",
    "Tom Baker did not leave before Monday.",
    "The council had not decided before May.",
])  # fmt: skip
def test_a_habit_refusal_or_never_before_is_no_step(sentence: str) -> None:
    assert not _run(sentence).follow_ups


@pytest.mark.parametrize("sentence", [
    "The Harlow council said it would not vote before June.",
    "The ferry will not sail before May 4.",
    "A decision is not expected before June.",
])  # fmt: skip
def test_not_before_stays_a_step(sentence: str) -> None:
    assert [(f.kind, f.due) for f in _run(sentence).follow_ups] == [("expected_action", None)]


# F6: a measure that sets a process going ("would require a vote") is a step ahead, not a foreseen effect.
@pytest.mark.parametrize("sentence", [
    "Mayor Ana Ruiz said the reform would require a vote in parliament.",
    "Mayor Ana Ruiz said the law would need the approval of the Senate.",
    "Mayor Ana Ruiz said the ruling would force a new election.",
    "Mayor Ana Ruiz said the decision would reopen the case.",
    "Mayor Ana Ruiz said the decision would prompt an appeal by the union.",
    # same shapes
    "Mayor Ana Ruiz said the law would trigger a referendum.",
    "Mayor Ana Ruiz said the change would require a review by the court.",
])  # fmt: skip
def test_a_process_set_going_is_a_step(sentence: str) -> None:
    assert [f.kind for f in _run(sentence).follow_ups] == ["expected_action"]


@pytest.mark.parametrize("sentence", [
    "Mayor Ana Ruiz said the ban would hurt small shops.",
    "Mayor Ana Ruiz said the cuts would save 12 million dollars.",
])  # fmt: skip
def test_an_effect_stays_no_step(sentence: str) -> None:
    assert not _run(sentence).follow_ups


# F7: "why" takes the step as given.
@pytest.mark.parametrize("sentence", [
    "Why will the Harlow council close the school?",
])  # fmt: skip
def test_why_keeps_the_step(sentence: str) -> None:
    assert [f.kind for f in _run(sentence).follow_ups] == ["expected_action"]


@pytest.mark.parametrize("sentence", [
    "When will the Harlow council close the school?",
    "How will the Harlow council pay for the school?",
])  # fmt: skip
def test_other_questions_stay_asked(sentence: str) -> None:
    assert not _run(sentence).follow_ups
