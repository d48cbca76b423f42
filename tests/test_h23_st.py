"""h23-st: requests for scrutiny or a guarantee are a worry (concern), "to come and explain" too; a feeling word
said of a thing is no one's feeling; "will not ask X to ..." takes no side. Each positive sentence fails without
its rule; the others share a rule's surface shape and must not be read its way (self-review). All written for
these tests."""

from __future__ import annotations

import pytest
from conftest import rules_on, stance_triples

UNION = "The Harwick Dockers' Union"


def _triples(body: str) -> list[tuple[str, str, str]]:
    return stance_triples(rules_on(body + "\n", "2026-04-15"))


# --------------------------------------------------------------------------- scrutiny asked for


@pytest.mark.parametrize(
    "body, topic",
    [
        (f"{UNION} called for an inquiry into the death of a crane driver.", "the death of a crane driver"),
        (f"{UNION} demanded an independent review of how the port sets its rotas.", "how the port sets its rotas"),
        ("The opposition Harwick Green Party has demanded a public hearing on the water supply.", "the water supply"),
    ],
)
def test_asking_for_scrutiny_of_a_matter_is_a_worry_about_it(body: str, topic: str) -> None:
    assert [(p, t) for _, p, t in _triples(body)] == [("concern", topic)]


@pytest.mark.parametrize(
    "body",
    [
        f"{UNION} did not call for an inquiry into the death of a crane driver.",  # negated
        f"{UNION} said it would not call for an inquiry into the collapse.",  # refused
        f"{UNION} said it would ask for a review of the decision if the port refused.",  # a condition
        f"{UNION} can ask for a review of the ruling within 30 days.",  # ability
        f"{UNION} might ask for a guarantee that the depot would stay open.",  # a possibility
        f"{UNION} used to demand an audit of the pension fund every spring.",  # a past habit
        f"{UNION} asked for a hearing on its appeal.",  # its own case
        f"{UNION} said an inquiry into the accident had been called for by the families.",  # passive, no asker
        f"{UNION} opened an investigation into the accident.",  # no request
    ],
)
def test_no_worry_from_scrutiny_not_asked_for(body: str) -> None:
    assert "concern" not in {p for _, p, _ in _triples(body)}


def test_welcoming_or_promising_a_review_stays_support() -> None:
    assert [p for _, p, _ in _triples(f"{UNION} welcomed the inquiry into the death of a crane driver.")] == ["support"]
    assert [p for _, p, _ in _triples("Selm Port Holdings promised a review of its safety rules.")] == ["support"]


# --------------------------------------------------------------------------- a guarantee asked for


@pytest.mark.parametrize(
    "body",
    [
        f"{UNION} wrote to Selm Port Holdings asking for a guarantee that the Kelby depot would stay open.",
        "The mayor asked the government to guarantee that the spaceport would stay open.",
        f"{UNION} asked for guarantees on jobs.",
    ],
)
def test_asking_for_a_guarantee_is_a_worry(body: str) -> None:
    assert {p for _, p, _ in _triples(body)} == {"concern"}


def test_a_guarantee_that_something_will_not_happen_asks_no_halt() -> None:
    # before: "oppose the plant" (the negated content read as a halt asked for)
    body = "The mayor asked the government to guarantee that the plant would not close."
    assert {p for _, p, _ in _triples(body)} == {"concern"}


@pytest.mark.parametrize(
    "body",
    [
        f"{UNION} asked Selm Port Holdings to guarantee the loan.",  # a guarantor's act
        f"{UNION} wants a loan guarantee from the state.",
        "Selm Port Holdings asked the bank for a guarantee for the bonds.",
        "Selm Port Holdings said it could guarantee that no jobs would be lost.",  # its own
        "Selm Port Holdings gave a guarantee that the terminal would stay open.",
        f"{UNION} did not ask for any guarantee that the depot would stay open.",
    ],
)
def test_a_guarantee_of_money_or_given_is_no_worry(body: str) -> None:
    assert "concern" not in {p for _, p, _ in _triples(body)}


# --------------------------------------------------------------------------- to come and explain


def test_asking_someone_to_come_and_explain_is_a_worry() -> None:
    body = f"{UNION} asked Selm Port Holdings to come to the meeting and explain its plans."
    assert [p for _, p, _ in _triples(body)] == ["concern"]


@pytest.mark.parametrize(
    "body",
    [
        f"{UNION} asked Selm Port Holdings to stay and help.",
        f"{UNION} asked its members to come to the hall and vote.",
        "Selm Port Holdings explained its plans to the Harwick Dockers' Union.",
        f"{UNION} did not ask Selm Port Holdings to come and explain its plans.",
    ],
)
def test_other_two_part_requests_are_no_worry(body: str) -> None:
    assert "concern" not in {p for _, p, _ in _triples(body)}


# --------------------------------------------------------------------------- feeling words said of things


@pytest.mark.parametrize(
    "body",
    [
        f"{UNION} said the shop would remain open on Sundays.",
        f'"The doors are open," {UNION[4:]} said.',
        "The mayor said Selm Port Holdings had kept the offer open.",
        f"{UNION} said the figures were positive.",
        f"{UNION} said the funds were committed to the new terminal.",
        f"{UNION} published an open letter to Selm Port Holdings.",
        "Selm Port Holdings said the outlook was positive.",
        f"{UNION} said the mood was optimistic.",
        f"{UNION} said the government was open to talks.",  # not the union's own openness
    ],
)
def test_a_feeling_word_said_of_a_thing_is_no_ones_feeling(body: str) -> None:
    assert _triples(body) == []


def test_feelings_of_the_speaker_still_count() -> None:
    assert [p for _, p, _ in _triples(f"{UNION} said it remained open to a deal.")] == ["support"]
    assert [p for _, p, _ in _triples(f"{UNION} said it was pleased with the offer.")] == ["support"]
    assert [p for _, p, _ in _triples(f"{UNION} said its members were angry about the cuts.")] == ["oppose"]


# --------------------------------------------------------------------------- a request one will not make


def test_a_request_one_will_not_make_takes_no_side() -> None:
    assert _triples(f"{UNION} said it would not ask its members to accept the offer.") == []


def test_a_request_one_cannot_bring_oneself_to_make_still_opposes() -> None:
    body = f"{UNION} said it could not ask its members to accept the offer."
    assert [p for _, p, _ in _triples(body)] == ["oppose"]
