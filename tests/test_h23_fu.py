"""Follow-up rules of round 23 (branch h23-fu), each with sentences written for these tests: the
construction the rule reads, and ordinary sentences of the same surface shape it must leave alone."""

from __future__ import annotations

import pytest
from conftest import rules_on

from summarizer.models import ArticleSummary


def _run(body: str) -> ArticleSummary:
    return rules_on(body + "\n", "2026-04-15")


# A reported, undated effect of a measure ("said the tax would raise 40 million dollars"): no one's step.
@pytest.mark.parametrize("sentence", [
    "Mayor Ana Ruiz said the tax would raise 40 million dollars.",
    "The Harwick Transit Authority said on Monday that the cuts would save 12 million dollars a year.",
    "The Orre Growers' Union said the duty would push up prices for every family.",
])  # fmt: skip
def test_a_measures_effect_is_no_step(sentence: str) -> None:
    assert not _run(sentence).follow_ups


@pytest.mark.parametrize("sentence", [
    # doers named by a common noun
    "Mayor Ana Ruiz said the city would pay the costs.",
    "Mayor Ana Ruiz said the family would sell the house.",
    "The Harwick Dockers' Union said the workers would stage a strike.",
    "Mayor Ana Ruiz said the contractor would repair the bridge.",
    # a measure's own course, or what it obliges
    "The Harwick Transit Authority said the new rules would take effect.",
    "Mayor Ana Ruiz said the law would require landlords to register.",
    # a date, a condition
    "Mayor Ana Ruiz said the tax would raise 40 million dollars from January 2027.",
    "The Harwick Dockers' Union said the strike would close the port if talks failed.",
    # a move, not an effect
    "Selm Port Holdings said the ship would leave Harwick.",
])  # fmt: skip
def test_steps_of_the_same_shape_stay(sentence: str) -> None:
    assert _run(sentence).follow_ups


# A direct question, its auxiliary before its subject ("What does Brussels have to decide?"): asked, not expected.
@pytest.mark.parametrize("sentence", [
    "What does the Orre city council have to decide?",
    "Should the road be moved, or should the site be excavated?",
    "When will the Harwick Transit Authority raise the fares?",
])  # fmt: skip
def test_a_question_asked_is_no_step(sentence: str) -> None:
    assert not _run(sentence).follow_ups


@pytest.mark.parametrize("sentence", [
    # no inversion: a statement, whatever ends it
    "The Orre city council will publish the report, but will anyone read it?",
    "Halden Bank said it would repay the loan?",
    # a date ahead: the session is set, whoever asks about it
    "Will the Orre city council approve the plan on May 4?",
    # a question asked by someone, answered with a step
    "Asked whether the club would appeal, Mayor Ana Ruiz said it would appeal.",
    '"Why would we wait?" Mayor Ana Ruiz said, adding that the city would publish the plan.',
    "Mayor Ana Ruiz said the city would publish the plan.",
])  # fmt: skip
def test_statements_beside_a_question_stay(sentence: str) -> None:
    assert _run(sentence).follow_ups


# A date on a predicative "due" ("the report is due in June") or a weekday after "scheduled for" is the clause's own.
@pytest.mark.parametrize("sentence", [
    "The Orre city council said the report is due in June.",
    "The next council meeting is scheduled for Tuesday.",
])  # fmt: skip
def test_a_date_due_or_scheduled_is_a_step(sentence: str) -> None:
    assert _run(sentence).follow_ups


@pytest.mark.parametrize("sentence", [
    "The rent was due in March, and the tenants paid it late.",
    "Payment is due in full.",
    "The delay is due to the weather in March.",
    "The team was due in Paris on Monday.",
    "The loan is due in 2020.",
    "The strike lasted for Tuesday only.",
    "The shop was closed for Monday's holiday.",
    "Tickets for Saturday sold out on Monday.",
    "The hearing was scheduled for Tuesday but was cancelled.",
])  # fmt: skip
def test_past_or_causal_due_and_other_for_weekdays_are_no_step(sentence: str) -> None:
    assert not _run(sentence).follow_ups


# "due" beside a noun with a date ahead ("has commissioned a survey, due by the end of January"): the survey's term.
def test_a_thing_due_on_a_date_ahead_is_a_step() -> None:
    result = rules_on(
        "The Orre Water Association has commissioned an independent survey of the site, due by the end of January.\n",
        "2026-10-15",
    )
    assert [f.due for f in result.follow_ups] == ["2027-01-31"]


@pytest.mark.parametrize("sentence", [
    "A payment, due in March, was never made.",
    "Halden Bank repaid a loan due in March.",
    "The loan, due in 2020, was repaid.",
    "Halden Bank has issued a bond, due in 2031.",
    "The Orre city council approved a budget due to rise in June.",
    "The delay was due in part to the storm in March.",
])  # fmt: skip
def test_a_due_behind_a_bare_year_or_a_cause_is_no_step(sentence: str) -> None:
    assert not _run(sentence).follow_ups


# A negated expectation with "before" + a date ("would not arrive before June 20"): the earliest it comes, no due date.
@pytest.mark.parametrize("sentence", [
    "The Orre Water Association said the new pumps would not arrive before June 20.",
    "A decision is not expected before early next year.",
    "The agency has said a replacement bridge will not open before 2033.",
])  # fmt: skip
def test_not_before_a_date_is_a_step_with_no_due_date(sentence: str) -> None:
    result = _run(sentence)
    assert [(f.kind, f.due) for f in result.follow_ups] == [("expected_action", None)]


@pytest.mark.parametrize("sentence", [
    "The crew did not receive an updated report before Monday.",
    "The national weather agency said last week that it did not expect significant rain before the autumn.",
    "A decision was not expected before May.",
    "The Orre Water Association said it could not pay the workers before June 20.",
    "Mayor Ana Ruiz said she would not have signed the contract before June 20.",
    "The Orre city council said nobody would be evicted before June 20 if the rent was paid.",
])  # fmt: skip
def test_past_or_able_not_before_is_no_step(sentence: str) -> None:
    assert not [f for f in _run(sentence).follow_ups if f.kind == "expected_action"]
