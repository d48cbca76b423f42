"""h24-st: asking for a thing to be granted is a request ("asked for a slower pace"); complaining that or about
something is a worry; a speaker saying a matter is needed for a purpose backs it; a speaker saying it (or its body)
was not consulted voices a grievance. Each positive sentence fails without its rule; the others share a rule's
surface shape and must not be read its way (self-review). All written for these tests."""

from __future__ import annotations

import pytest
from conftest import rules_on, stance_triples

UNION = "The Harwick Dockers' Union"
PORT = "The Harwick Port Authority"


def _triples(body: str) -> list[tuple[str, str, str]]:
    return stance_triples(rules_on(body + "\n", "2026-04-15"))


# --------------------------------------------------------------------------- asking for a thing


@pytest.mark.parametrize(
    "body",
    [
        f"{UNION} asked for comment from the port.",  # to be told
        f"{UNION} asked for more data on injuries.",  # to be told ("data" is lemmatised "datum")
        f"{UNION} asked for details of the contract.",
        f"{UNION} asked the port for a copy of the report.",
        f"{UNION} would ask for arbitration if the port refused.",  # a condition: not made
        f"{UNION} asked for more time to study the plan.",  # a delay for oneself
        f"{UNION} has not asked for a new vote.",  # not made
        f"{UNION} asked for emergency aid for its members.",  # help for oneself
        f"{UNION} asked for 2 million pounds in back pay.",  # a sum named
        "Mark Ellison asked for a lawyer after his arrest.",  # a service
        f"{UNION} asked what the port would ask for next.",  # a question
        "Who asked for the review? Nobody at the Harwick Port Authority would say.",  # a question
    ],
)
def test_asking_to_be_told_helped_or_under_a_condition_is_no_request(body: str) -> None:
    assert _triples(body) == []


def test_asking_for_a_thing_beside_another_stance_is_its_evidence() -> None:
    # "would ask for a meeting" beside the complaint of the same holder: one stance, the complaint's
    body = f"{UNION} criticised the new rota and would ask for a meeting with the port."
    assert [(p, t) for _, p, t in _triples(body)] == [("oppose", "the new rota")]


# --------------------------------------------------------------------------- complaining


@pytest.mark.parametrize(
    "body, topic",
    [
        (f"{UNION} complained that the rota had changed twice in a month.", "the rota"),
        (f"{UNION} complained about the new rota.", "the new rota"),
        (f"{UNION} complained to the Harwick Port Authority about the new rota.", "the new rota"),
    ],
)
def test_complaining_that_or_about_a_matter_is_a_worry(body: str, topic: str) -> None:
    assert [(p, t) for _, p, t in _triples(body)] == [("concern", topic)]


@pytest.mark.parametrize(
    "body",
    [
        "Mark Ellison complained of chest pains before the match.",  # an ailment
        f"{UNION} complained to the Harwick Port Authority.",  # to whom, about nothing named
        f"{UNION} said nobody had complained about the rota.",  # no one complained
        f"{UNION} did not complain about the rota.",  # negated
        f"{UNION} denied that it had complained about the rota.",  # denied
        f"{UNION} asked whether anyone had complained about the rota.",  # a question
    ],
)
def test_complaint_shapes_that_voice_no_worry(body: str) -> None:
    assert _triples(body) == []


# --------------------------------------------------------------------------- needed for a purpose


@pytest.mark.parametrize(
    "body",
    [
        f"{PORT} said more staff would be needed to keep the docks open.",  # a forecast
        f"{PORT} said no change was needed to keep the docks open.",  # none needed
        f"{PORT} said the new rota was not needed.",  # negated
        f"{PORT} said the new rota was needed.",  # no purpose: a fact of use
        f"{PORT} said the money needed for repairs had not arrived.",  # a description
        f"A crane was needed to lift the wreck, {PORT[0].lower() + PORT[1:]} said.",  # a thing used
        f"Two hours were needed to clear the quay, {PORT[0].lower() + PORT[1:]} said.",  # a span of time
        f"{PORT} said what was needed to keep the docks open was a new rota.",  # "what"
        "The new rota was needed to keep the docks open at night.",  # nobody reported
    ],
)
def test_need_shapes_that_back_nothing(body: str) -> None:
    assert _triples(body) == []


# --------------------------------------------------------------------------- not consulted


def test_saying_one_was_not_consulted_is_a_grievance() -> None:
    body = f"{UNION} said it had not been consulted on the new rota."
    assert _triples(body) == [("Harwick Dockers' Union", "concern", "the new rota")]
    body = f'"We were not consulted on the rota," said Mark Ellison of {UNION[4:]}.'
    assert [(p, t) for _, p, t in _triples(body)] == [("concern", "the rota")]


def test_not_consulted_then_a_stance_in_the_next_sentence_is_one_stance() -> None:
    body = f"{UNION} said it had not been consulted. It accused the Harwick Port Authority of cutting jobs."
    result = rules_on(body + "\n", "2026-04-15")
    assert [(p, t) for _, p, t in stance_triples(result)] == [("oppose", "cutting jobs")]
    assert [e.sentence for e in result.stances[0].evidence] == [1, 2]


@pytest.mark.parametrize(
    "body",
    [
        f"{UNION} said it had been consulted on the new rota.",  # consulted
        f"{UNION} said doctors had not been consulted about the patient.",  # someone else's case
        f"{PORT} said the Harwick Dockers' Union would not be consulted on the rota.",  # another's say
        f"{UNION} had not been consulted on the rota.",  # narration, nobody says it
        f"{UNION} asked why it had not been consulted on the rota.",  # a question
        f"{UNION} denied that it had not been consulted on the rota.",  # denied
        "She said he had not been consulted on the rota.",  # another person
        f"Mark Ellison said he had not consulted {UNION[0].lower() + UNION[1:]}.",  # active: he did not consult
    ],
)
def test_consult_shapes_that_voice_no_grievance(body: str) -> None:
    assert _triples(body) == []


# --------------------------------------------------------------------------- undoing asked for; a risk warned of


@pytest.mark.parametrize(
    "body, topic",
    [
        (f"{UNION} called for the fines to be cancelled.", "the fines"),
        (f"{UNION} asked the tribunal to annul the result.", "the result"),
        (f"{UNION} urged the council to revoke the licence.", "the licence"),
    ],
)
def test_asking_for_a_thing_to_be_undone_opposes_it(body: str, topic: str) -> None:
    assert [(p, t) for _, p, t in _triples(body)] == [("oppose", topic)]


@pytest.mark.parametrize(
    "body",
    [
        f"{UNION} said it would cancel the strike.",  # its own act, no request
        f"{UNION} did not call for the fines to be cancelled.",  # not made
        f"{UNION} said it would not ask the port to cancel the contract.",  # not made
    ],
)
def test_undoing_shapes_that_oppose_nothing(body: str) -> None:
    assert _triples(body) == []


def test_warning_that_one_of_them_could_fail_is_a_risk() -> None:
    body = f"{PORT} warned that one of the gates could fail within five years."
    assert [p for _, p, _ in _triples(body)] == ["concern"]


@pytest.mark.parametrize(
    "body",
    [
        f"{UNION} warned that it could strike next month.",  # its own act threatened
        f"{UNION} warned that they could strike next month.",
        f"{UNION} warned that the port would fail.",  # no "could": as before
    ],
)
def test_warning_of_ones_own_act_or_without_a_maybe_stays_opposition(body: str) -> None:
    assert [p for _, p, _ in _triples(body)] == ["oppose"]


@pytest.mark.parametrize(
    "body",
    [
        f"{UNION} urged the port not to cancel the contract.",  # keep it
        f"{UNION} urged the port not to scrap the night shift.",
    ],
)
def test_asking_for_a_thing_not_to_be_undone_keeps_it(body: str) -> None:
    assert [p for _, p, _ in _triples(body)] == ["support"]


@pytest.mark.parametrize(
    "body",
    [
        f"{UNION} asked the minister for a meeting.",  # a hearing for oneself
        f"{UNION} asked the court for permission to appeal.",
        f"{UNION} asked the regulator for an inquiry.",  # scrutiny of nothing named
        f"{UNION} asked for a guarantee on the loan from the state.",  # a money guarantee
    ],
)
def test_asking_for_a_hearing_or_bare_scrutiny_is_no_request(body: str) -> None:
    assert _triples(body) == []
