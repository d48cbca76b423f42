"""h23-stfix: the review's misreadings of the h23 stance rules, each with the reading it should have (r23's where
r23 was right, none where the reviewer says so), and sentences of the fixed rules' shapes that must not be read their
way (self-review). All written for these tests."""

from __future__ import annotations

import pytest
from conftest import rules_on, stance_triples

U = "The Harwick Dockers' Union"
HU = "Harwick Dockers' Union"
S = "Selm Port Holdings"


def _triples(body: str) -> list[tuple[str, str, str]]:
    return stance_triples(rules_on(body + "\n", "2026-04-15"))


# --------------------------------------------------------------------------- A: feelings said of people, not things


@pytest.mark.parametrize(
    "body, expected",
    [
        (f"{S} said the company remained committed to the merger.", (S, "support", "the merger")),
        (f"{U} said the union was disappointed with the offer.", (HU, "oppose", "the offer")),
        (f"{U} said the board was unhappy with the offer.", (HU, "oppose", "the offer")),
        (f"{U} said the leadership was disappointed with the offer.", (HU, "oppose", "the offer")),
        (f"{S} said the board was unhappy with the strike.", (S, "oppose", "the strike")),
        (f"{U} said members were angry about the cuts.", (HU, "oppose", "the cuts")),
        (f"{U} said dockers were furious about the cuts.", (HU, "oppose", "the cuts")),
        (f"{U} said workers were committed to the strike.", (HU, "support", "the strike")),
        (f"{U} said members were willing to strike.", (HU, "support", "strike")),
        (f"{U} said staff were worried about the cuts.", (HU, "concern", "the cuts")),
        ("Mayor Ana Lopez said the city was committed to the stadium project.",
         ("Ana Lopez", "support", "the stadium project")),
        (f"{U} said it was open for talks.", (HU, "support", "talks")),
        (f"{U} said it remained open for negotiations with the port.", (HU, "support", "negotiations with the port")),
        (f"{U} said the door was open to further talks.", (HU, "support", "further talks")),
        (f"{U} said the door remained open for talks.", (HU, "support", "talks")),
        # self-review: a feeling about something is a person's
        (f"{U} said members were optimistic about a deal.", (HU, "support", "a deal")),
        (f"{U} said its leaders were optimistic about the talks.", (HU, "support", "the talks")),
    ],
)  # fmt: skip
def test_a_feeling_word_said_of_people_is_the_reporters_sides(body: str, expected: tuple[str, str, str]) -> None:
    assert _triples(body) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        f"{U} said the talks had been positive.",  # a thing's state
        f"{U} said the forecast was optimistic.",
        f"{U} said the offer was positive for members.",  # what a thing is good for
        f"{U} said the outlook was positive for the port.",
        f"{U} said the money had been committed before the strike.",  # a sum's use
        f"{U} said £5m had been committed to the new terminal.",
        f"{U} said the fund was open to all members.",  # a thing open to people
        f"{U} said the door of the depot was open to visitors.",  # a real door, not the idiom
        f"{U} said the door was closed to further talks.",
        f"{S} said the offer was open for acceptance until Friday.",
        f"{U} said the port was open for business.",
        f"{U} said the union was not committed to the merger.",  # negated: no support
    ],
)
def test_a_feeling_word_said_of_a_thing_still_takes_no_side(body: str) -> None:
    assert "support" not in {p for _, p, _ in _triples(body)}


# --------------------------------------------------------------------------- B7: asked someone for something


@pytest.mark.parametrize(
    "body, topic",
    [
        (f"{S} asked the court for a review of the ruling.", "the ruling"),
        (f"{U} asked the regulator for an inquiry into the collapse.", "the collapse"),
        (f"{U} asked the government for a guarantee that the depot would stay open.", "the depot would stay open"),
        (f"{U} asked the port for a guarantee on jobs.", "jobs"),
        (f"Mayor Ana Lopez met the minister, and {U[0].lower()}{U[1:]} was asking her for an inquiry into the "
         "collapse.", "the collapse"),
    ],
)  # fmt: skip
def test_asking_someone_for_scrutiny_is_about_the_matter_not_the_person(body: str, topic: str) -> None:
    assert [(p, t) for _, p, t in _triples(body)] == [("concern", topic)]


@pytest.mark.parametrize(
    "body",
    [
        f"{U} asked the minister for a meeting.",
        f"{U} asked the port for comment.",
        f"{U} asked the court for permission to appeal.",
        f"{U} did not ask the regulator for an inquiry into the collapse.",
        f"{U} asked the regulator for an inquiry.",
        f"{U} asked members for their views on the offer.",
    ],
)
def test_other_asks_for_something_take_no_side_on_the_person(body: str) -> None:
    assert _triples(body) == []


# --------------------------------------------------------------------------- B8: guarantees of money


def test_a_money_guarantee_is_no_worry() -> None:
    assert _triples(f"{S} wants a government guarantee on its new bonds.") == [
        (S, "support", "a government guarantee on its new bonds")
    ]
    assert _triples(f"{S} asked for a guarantee on the loan from the state.") == []
    assert _triples(f"{S} asked the bank for a guarantee on its debts.") == []
    assert "concern" not in {p for _, p, _ in _triples(f"{S} sought a state guarantee for the terminal.")}
    assert "concern" not in {p for _, p, _ in _triples(f"{S} wants a loan guarantee.")}


def test_a_guarantee_on_what_people_stand_to_lose_is_still_a_worry() -> None:
    assert [p for _, p, _ in _triples(f"{U} asked the port for guarantees on pay.")] == ["concern"]
    assert [p for _, p, _ in _triples(f"{U} demanded a guarantee on pensions.")] == ["concern"]


# --------------------------------------------------------------------------- B9: conditions without "if", habits


@pytest.mark.parametrize(
    "body",
    [
        f"{U} said it would ask for a review of the ruling in the event that talks failed.",
        f"{U} said it would demand an inquiry into the collapse provided that members agreed.",
        f"{U} demanded an inquiry into the collapse in the event of a second accident.",
        "In the 1990s the Harwick Dockers' Union would demand an audit of the fund every spring.",  # a past habit
    ],
)
def test_a_request_under_a_condition_or_a_habit_voices_no_worry(body: str) -> None:
    assert "concern" not in {p for _, p, _ in _triples(body)}


@pytest.mark.parametrize(
    "body",
    [
        f"{U} demanded an inquiry into the collapse after the accident, provided by law.",  # "provided": no condition
        f"{U} demanded an inquiry into the collapse, and the port provided the records.",
        f"{U} demanded an inquiry into the collapse every year.",  # a past simple, made
        f"{U} demanded an inquiry into why the port provided that data to the buyers.",  # "provided that" + a noun
    ],
)
def test_requests_made_still_voice_a_worry(body: str) -> None:
    assert [p for _, p, _ in _triples(body)] == ["concern"]


# --------------------------------------------------------------------------- C11: "should not ask X to"


@pytest.mark.parametrize(
    "body, topic",
    [
        (f"{U} said the government should not ask nurses to work longer hours.", "work longer hours"),
        (f"{U} said the government must not ask workers to pay more.", "pay more"),
        (f"{U} said the government ought not to ask nurses to work longer hours.", "work longer hours"),
        (f"{U} said it could not ask its members to accept the offer.", "accept the offer"),
    ],
)
def test_a_request_that_should_not_be_made_opposes_it(body: str, topic: str) -> None:
    assert _triples(body) == [(HU, "oppose", topic)]


@pytest.mark.parametrize(
    "body",
    [
        f"{U} said the government will not ask nurses to work longer hours.",
        f"{U} said it would not ask its members to accept the offer.",
        f"{U} said it won't ask its members to accept the offer.",
        f"{U} said it had not asked its members to accept the offer.",
    ],
)
def test_a_request_one_will_not_make_takes_no_side(body: str) -> None:
    assert _triples(body) == []


# --------------------------------------------------------------------------- D: "would rather" taken back


@pytest.mark.parametrize(
    "body",
    [
        f"{U} said {S} would rather cut jobs than invest.",
        f"Critics say {S} would rather pay dividends than fix the cranes.",
        '"I would rather resign than sign this deal," Paul Grant said.',
        f"{U} said it would rather keep quiet.",
    ],
)
def test_would_rather_backs_nothing(body: str) -> None:
    assert _triples(body) == []


def test_would_rather_wait_for_a_ruling_takes_no_side_yet() -> None:
    assert _triples(f"{S} said it would rather wait for the ruling.") == [(S, "neutral", "the ruling")]


# --------------------------------------------------------------------------- E: a question after a statement


@pytest.mark.parametrize(
    "body, expected",
    [
        (f'{U} rejected the offer, asking: "Who would accept this?"', (HU, "oppose", "the offer")),
        (f'{U} condemned the cuts and asked: "Where is the money going?"', (HU, "oppose", "the cuts")),
        (f"{U} said it opposed the cuts - so why did the port go ahead?", (HU, "oppose", "the cuts")),
        (f"{U} welcomed the offer but asked why it had taken so long?", (HU, "support", "the offer")),
        # self-review
        (f'"Who would accept this?" asked {U[0].lower()}{U[1:]}, which rejected the offer.',
         (HU, "oppose", "the offer")),
        (f"{U} rejected the cross-party plan and asked why the port wanted the cuts?",
         (HU, "oppose", "the cross-party plan")),
        (f"{U} rejected the offer but would it strike?", (HU, "oppose", "the offer")),
        (f'{U} said: "We reject the offer. Who would accept it?"', (HU, "oppose", "the offer")),
    ],
)  # fmt: skip
def test_a_statement_before_a_question_still_counts(body: str, expected: tuple[str, str, str]) -> None:
    assert _triples(body) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        f"Why does the government want {U[0].lower()}{U[1:]} to sign it?",
        f'"Who would support that?" {U[0].lower()}{U[1:]} asked.',
        f"Does {S} back the plan?",
        f"Is {U[0].lower()}{U[1:]} right to reject the offer?",
    ],
)
def test_a_question_states_no_position(body: str) -> None:
    assert _triples(body) == []


def test_a_statement_after_a_question_counts() -> None:
    assert _triples(f"Why does the government want it? {U} welcomed the offer.") == [(HU, "support", "the offer")]
