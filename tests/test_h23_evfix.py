"""Round 23, event fixes after review (h23-evfix): the letter rule's party is a letter's only (not a
telling's, not a newspaper's) and never beside a party of the participle's own; a narrative "would"
of a telling done later ("would later tell X") is a consultation, a planned one is not. Each reviewer
sentence (published 2026-04-02) with its right reading, and same-shape sentences to leave alone."""

from __future__ import annotations

import pytest
from conftest import event_links, rules_on


def _events(body: str) -> list[tuple[str, list[str], list[str]]]:
    return event_links(rules_on(body))


# E1: a telling to a news outlet gives the participle no party (the call is to the public).


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Ahmed Rahim told the BBC on Monday, calling for an inquiry.", "REQUEST"),
        ("Ahmed Rahim told Reuters on Monday, calling for an inquiry.", "REQUEST"),
        ("Ahmed Rahim told CNN on Monday, apologising for the delays.", "CONCEDE"),
        # (a warning of a thing's fate is a statement the news reports: test_h24_ev)
        ("Ahmed Rahim told Sky News on Monday, warning that the plant would close.", "STATEMENT"),
        ("Ahmed Rahim told the Financial Times on Monday, promising a new plan.", "AGREE"),
        ("Ahmed Rahim told The Guardian, refusing to resign.", "REJECT"),
    ],
)
def test_told_an_outlet_is_no_party(body: str, expected: str) -> None:
    assert _events(body) == [(expected, ["Ahmed Rahim"], [])]


@pytest.mark.parametrize(
    "body",
    [
        "Ahmed Rahim wrote to The Times on Monday, calling for an inquiry.",
        "Ahmed Rahim wrote to the Financial Times on Monday, calling for an inquiry.",
        "Ahmed Rahim wrote in The Guardian on Monday, calling for an inquiry.",
    ],
)
def test_letter_to_a_newspaper_is_for_its_readers(body: str) -> None:
    assert _events(body) == [("REQUEST", ["Ahmed Rahim"], [])]


# E2: the participle's own party, by a preposition or a pronoun that cannot be the letter's party.


def test_apologising_to_others_is_not_to_the_letter_party() -> None:
    body = "Ahmed Rahim wrote to Ann Lee on Monday, apologising to the families of the victims."
    assert _events(body) == [("CONSULT", ["Ahmed Rahim"], ["Ann Lee"]), ("CONCEDE", ["Ahmed Rahim"], [])]


def test_accusing_them_is_not_the_letter_party() -> None:
    body = "Ahmed Rahim wrote to Ann Lee on Monday, accusing them of lying."
    assert _events(body) == [("CONSULT", ["Ahmed Rahim"], ["Ann Lee"]), ("ACCUSE", ["Ahmed Rahim"], [])]


@pytest.mark.parametrize(
    "body",
    [
        "Ahmed Rahim wrote to Ann Lee on Monday, calling on ministers to act.",
        "Ahmed Rahim wrote to the Harlow council on Monday, urging her to resign.",
        "Ahmed Rahim wrote to Ann Lee on Monday, urging it to act.",
        "Ahmed Rahim wrote to Ann Lee and Tom Baker on Monday, urging her to resign.",
    ],
)
def test_participle_party_of_its_own(body: str) -> None:
    assert [e for e in _events(body) if e[0] == "REQUEST"] == [("REQUEST", ["Ahmed Rahim"], [])]


def test_pronoun_that_agrees_is_the_letter_party() -> None:
    assert ("REQUEST", ["Ahmed Rahim"], ["Harlow council"]) in _events(
        "Ahmed Rahim wrote to the Harlow council on Monday, urging it to act.")
    assert ("CONCEDE", ["Ahmed Rahim"], ["Ann Lee"]) in _events(
        "Ahmed Rahim wrote to Ann Lee on Monday, apologising to her for the delays.")
    assert ("REQUEST", ["Ahmed Rahim"], ["Ann Lee", "Tom Baker"]) in _events(
        "Ahmed Rahim wrote to Ann Lee and Tom Baker on Monday asking for a delay.")  # no pronoun to agree


# E3: a narrative "would" with a later time tells a telling done.


@pytest.mark.parametrize(
    "body",
    [
        "Ahmed Rahim would later tell Ann Lee that the plan was dead.",
        "Two days later, Ahmed Rahim would tell Ann Lee that the plan was dead.",
        "Years later, Ahmed Rahim would write to Ann Lee asking for forgiveness.",
        "Ahmed Rahim would subsequently write to Ann Lee about the loan.",
    ],
)
def test_narrative_would_is_a_consultation(body: str) -> None:
    assert _events(body) == [("CONSULT", ["Ahmed Rahim"], ["Ann Lee"])]


def test_narrative_would_passive_and_demand() -> None:
    assert _events("Two days later, Ahmed Rahim would be told by Ann Lee that the plan was dead.") == [
        ("CONSULT", ["Ann Lee"], ["Ahmed Rahim"])
    ]
    assert _events("Ahmed Rahim would later tell Ann Lee that the Harlow council must close the plant.") == [
        ("REQUEST", ["Ahmed Rahim"], ["Ann Lee"])
    ]


@pytest.mark.parametrize(
    "body",
    [
        "Ahmed Rahim said he would later tell Ann Lee that the plan was dead.",
        "Ahmed Rahim would later tell Ann Lee that the plan was dead, his aide said.",
        "Ahmed Rahim would later have told Ann Lee that the plan was dead.",
        "Ahmed Rahim would later have been told by Ann Lee that the plan was dead.",
        "Ahmed Rahim will later tell Ann Lee that the plan is dead.",
        "Ahmed Rahim could later tell Ann Lee that the plan was dead.",
        "Ahmed Rahim would tell Ann Lee later if the board agreed.",
        "If elected, Ahmed Rahim would later tell Ann Lee about the loan.",
        "Under the plan, Ahmed Rahim would later write to Ann Lee.",
        "Otherwise Ahmed Rahim would eventually tell Ann Lee about the loan.",
        "Ahmed Rahim would tell Ann Lee later.",
        "Ahmed Rahim would usually tell Ann Lee about the loans.",
        "Ahmed Rahim would tell Ann Lee about the loans every week.",
        "Later, Ahmed Rahim would not tell Ann Lee about the loan.",
        "Eventually, Ahmed Rahim would have to tell Ann Lee about the loan.",
        "Ahmed Rahim is expected to tell Ann Lee later this week.",
    ],
)
def test_planned_habitual_or_framed_would_is_no_consultation(body: str) -> None:
    assert _events(body) == []
