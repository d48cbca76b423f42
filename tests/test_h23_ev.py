"""Round 23, events (h23-ev): the party of a letter is the party of the request written in it, and a
telling still to come is no consultation. Each rule has sentences it must read and sentences of the
same shape it must leave alone (the self-review of COMMON.md)."""

from __future__ import annotations

from conftest import event_links, rules_on


def _events(body: str) -> list[tuple[str, list[str], list[str]]]:
    return event_links(rules_on(body))


def _typed(body: str, kind: str) -> list[tuple[str, list[str], list[str]]]:
    return [e for e in _events(body) if e[0] == kind]


# "wrote to X asking for ...": the request is made of X.


def test_letter_party_is_the_request_party() -> None:
    body = "Ahmed Rahim has written to Transport Secretary Ann Lee asking for emergency money."
    assert _typed(body, "REQUEST") == [("REQUEST", ["Ahmed Rahim"], ["Ann Lee"])]


def test_letter_party_with_a_pronoun_object() -> None:
    body = "Ahmed Rahim wrote to Ann Lee on Monday, urging her to resign."
    assert _typed(body, "REQUEST") == [("REQUEST", ["Ahmed Rahim"], ["Ann Lee"])]


def test_letter_party_thanked() -> None:
    body = "Ahmed Rahim wrote to Ann Lee on Monday, thanking her for the grant."
    assert _typed(body, "SUPPORT") == [("SUPPORT", ["Ahmed Rahim"], ["Ann Lee"])]


# Same shape, not the letter's party.


def test_participle_with_its_own_object_keeps_it() -> None:
    body = "Ahmed Rahim wrote to Ann Lee on Monday, accusing the council of delays."
    assert all("Ann Lee" not in e[2] for e in _typed(body, "ACCUSE"))


def test_participle_with_a_thing_as_object() -> None:
    body = "Ahmed Rahim wrote to Ann Lee last year, seeking compensation for the flood."
    assert all(e[2] == [] for e in _typed(body, "REQUEST"))


def test_plain_said_has_no_party() -> None:
    body = "Ahmed Rahim said on Monday, asking for emergency money."
    assert all(e[2] == [] for e in _typed(body, "REQUEST"))


def test_participle_tied_by_a_conjunction() -> None:
    body = "Ahmed Rahim wrote to Ann Lee on Monday while visiting Madrid."
    assert all(e[0] == "CONSULT" for e in _events(body))


def test_another_subject_asking_is_not_the_first_letter() -> None:
    body = "Ann Lee wrote to Ahmed Rahim in March, and the Harlow council replied on Friday asking for time."
    assert all("Ahmed Rahim" not in e[2] for e in _typed(body, "REQUEST"))


def test_negated_letter() -> None:
    assert _events("Ahmed Rahim did not write to Ann Lee asking for money.") == []


def test_ability_can_write() -> None:
    assert _events("Ahmed Rahim can write to Ann Lee asking for money whenever he likes.") == []


def test_quoted_letter_is_no_request_of_hers() -> None:
    body = '"We wrote to Ann Lee asking for help," Ahmed Rahim said.'
    assert _typed(body, "REQUEST") == []


def test_past_habit_gets_no_party() -> None:
    body = "Ahmed Rahim used to write to Ann Lee every week, asking for news of the harbour."
    assert all("Ann Lee" not in e[2] for e in _typed(body, "REQUEST"))


# A telling still to come is no consultation.


def test_will_write_is_no_event() -> None:
    assert _events("Ahmed Rahim will write to Ann Lee asking for emergency money.") == []


def test_would_tell_is_no_event() -> None:
    assert _events("Ahmed Rahim said he would tell Ann Lee on Monday.") == []


def test_conditional_tell_is_no_event() -> None:
    assert _events("If the board refuses, Ahmed Rahim will tell Ann Lee.") == []


def test_telling_done_is_still_a_consultation() -> None:
    body = "Ahmed Rahim told Ann Lee on Monday that the plan was dead."
    assert _events(body) == [("CONSULT", ["Ahmed Rahim"], ["Ann Lee"])]


def test_letter_written_is_still_a_consultation() -> None:
    body = "Ahmed Rahim has written to Ann Lee about the harbour."
    assert [e[:2] for e in _events(body)] == [("CONSULT", ["Ahmed Rahim"])]


def test_should_have_told_is_no_event() -> None:
    assert _events("Ahmed Rahim should have told Ann Lee about the loan.") == []


def test_future_demand_told_is_no_event() -> None:
    assert _events("Ahmed Rahim will tell Ann Lee that the Harlow council must close the plant.") == []


def test_expected_to_tell_is_no_event() -> None:
    assert _events("Ahmed Rahim is expected to tell Ann Lee on Friday.") == []


def test_told_with_a_planned_content_is_still_told() -> None:
    assert _events("Ahmed Rahim told Ann Lee he would resign.") == [("CONSULT", ["Ahmed Rahim"], ["Ann Lee"])]
    assert _typed("Ahmed Rahim told Ann Lee he would not sign the plan.", "REJECT") == [
        ("REJECT", ["Ahmed Rahim"], ["Ann Lee"])
    ]


def test_told_passive_and_pluperfect_still_told() -> None:
    assert _events("Ann Lee was told by Ahmed Rahim that the plan was dead.") == [
        ("CONSULT", ["Ahmed Rahim"], ["Ann Lee"])
    ]
    assert _events("Ahmed Rahim had told Ann Lee in March that the plan was dead.") == [
        ("CONSULT", ["Ahmed Rahim"], ["Ann Lee"])
    ]


def test_planned_meeting_in_a_relative_clause_leaves_the_telling() -> None:
    body = "Ahmed Rahim, who will meet Ann Lee on Friday, told Tom Baker the plan was dead."
    assert _events(body) == [("CONSULT", ["Ahmed Rahim"], ["Tom Baker"])]


def test_company_with_which_letter_is_no_request_event() -> None:
    body = "Harlow Foods, which wrote to Ann Lee in May asking for a delay, said it had no comment."
    assert _typed(body, "REQUEST") == []


def test_coordinated_writers_are_not_each_others_recipients() -> None:
    body = "Ahmed Rahim and Ann Lee wrote to the Harlow council asking for a delay."
    for _, agents, recipients in _typed(body, "REQUEST"):
        assert not set(agents) & set(recipients)
