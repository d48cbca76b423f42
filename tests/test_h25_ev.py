"""Round 25, events (h25-ev): "told X to do Y" is a request of X; a "will not" in a quotation carried on from
the sentence before is the speaker's argument, not a refusal; "estimated" and "cautioned" give a view (a
statement), not an untyped act; a conjunct of an infinitive under a modal shares the plan. Each rule has
sentences it must read and sentences of the same shape it must leave alone (the self-review of COMMON.md)."""

from __future__ import annotations

import pytest
from conftest import event_links, event_types, rules_on


def _events(body: str) -> list[tuple[str, list[str], list[str]]]:
    return event_links(rules_on(body))


# "told X to do Y": an order or a request of X.


def test_telling_a_company_to_act_is_a_request() -> None:
    body = "Westmoor Council told Harlow Buses to stop the night service."
    assert _events(body) == [("REQUEST", ["Westmoor Council"], ["Harlow Buses"])]


def test_telling_not_to_act_is_a_request() -> None:
    body = "Westmoor Council told Harlow Buses not to run the night service."
    assert event_types(body) == ["REQUEST"]


def test_telling_by_a_named_doer_in_the_passive_is_a_request() -> None:
    body = "Patients have been told by the Westmoor Health Agency not to stop treatment abruptly."
    assert ("REQUEST", ["Westmoor Health Agency"], []) in _events(body)


def test_telling_reported_by_the_one_told() -> None:
    body = "Harlow Buses said Westmoor Council had told it to stop the night service."
    assert "REQUEST" in event_types(body)


# Same shape, no request.


def test_telling_how_to_act_is_no_request() -> None:
    assert "REQUEST" not in event_types("Westmoor Council told Harlow Buses how to run the night service.")


def test_telling_what_to_do_denied_is_no_request() -> None:
    assert "REQUEST" not in event_types("Nobody told Harlow Buses what to do, Ann Lee said.")


def test_telling_planned_is_no_request() -> None:
    assert "REQUEST" not in event_types("Westmoor Council will tell Harlow Buses to stop the night service.")


def test_telling_denied_is_no_request() -> None:
    assert "REQUEST" not in event_types("Westmoor Council did not tell Harlow Buses to stop the night service.")


def test_telling_a_fact_is_no_request() -> None:
    body = "Westmoor Council told Harlow Buses that it wanted to stop the night service."
    assert "REQUEST" not in event_types(body)


def test_telling_with_no_doer_is_no_request() -> None:
    assert "REQUEST" not in event_types("Harlow Buses was told to stop the night service.")


def test_telling_in_the_speakers_quote_is_no_request() -> None:
    body = '"I told Harlow Buses to stop the night service," said Ann Lee, the leader of Westmoor Council.'
    assert "REQUEST" not in event_types(body)


def test_telling_to_expect_is_no_request() -> None:
    body = "Westmoor Council told residents to expect delays on the Harlow road."
    assert "REQUEST" not in event_types(body)


def test_telling_as_a_habit_is_no_request() -> None:
    assert "REQUEST" not in event_types("Westmoor Council tells Harlow Buses to stop the night service every winter.")


# A "will not" inside a quotation the sentence before opened: part of the argument.


_OPENED = 'Ann Lee, the leader of Westmoor Council, spoke after the vote. "The network is old. '


@pytest.mark.xfail(strict=True, reason="taken back (h25-evfix): no narrowing separates this argument from a "
                   "refusal of the same shape ('We will not pay them')")
def test_carried_quote_will_not_is_no_refusal() -> None:
    body = _OPENED + 'We will not gamble with the network in the middle of winter," she said.'
    assert "REJECT" not in event_types(body)


def test_carried_quote_after_but_is_no_refusal() -> None:
    body = _OPENED + 'But we will not pretend that doing nothing is an option," she added.'
    assert "REJECT" not in event_types(body)


# Same shape, still a refusal.


def test_a_quote_of_its_own_will_not_is_a_refusal() -> None:
    body = 'Ann Lee, the leader of Westmoor Council, spoke after the vote. "We will not sign the plan," she said.'
    assert "REJECT" in event_types(body)


def test_a_quote_after_the_speaker_will_not_is_a_refusal() -> None:
    body = 'Ann Lee, the leader of Westmoor Council, said: "We will not sign the plan."'
    assert "REJECT" in event_types(body)


def test_a_reported_will_not_is_a_refusal() -> None:
    body = _OPENED + 'It cannot wait," she said. Westmoor Council said it would not sign the plan.'
    assert "REJECT" in event_types(body)


# "estimated that ...", "cautioned against ...": a view given, not an act.


def test_an_estimate_is_no_event() -> None:
    body = "Lotta Sarvas, an analyst at Pixelmark, estimated that a three-month delay would cost Vantor " \
        "40 million euros."
    assert _events(body) == []


def test_an_estimate_of_a_past_loss_is_no_event() -> None:
    body = "Enrico Valli, a conservator, estimated that a tenth of the painted surface had already been lost."
    assert _events(body) == []


def test_a_caution_against_is_no_event() -> None:
    body = "Colette Brisebois, an analyst at Northfold Insight, said cancellations had become common, but she " \
        "cautioned against reading too much into the staff accounts."
    assert _events(body) == []


def test_a_caution_of_a_general_truth_is_no_event() -> None:
    body = "Lotta Sarvas, an analyst at Pixelmark, cautioned that studios which burn out their " \
        "teams tend to lose them straight after a launch."
    assert _events(body) == []


# Same shape, still an event.


def test_a_caution_of_a_risk_is_a_warning() -> None:
    body = "The Harlow Chamber of Commerce cautioned that the new tax would cost local shops thousands of customers."
    assert event_types(body) == ["STATEMENT"]


def test_a_police_caution_is_an_act() -> None:
    assert event_types("Westmoor Police cautioned two drivers for speeding on Monday.") == ["OTHER"]


def test_a_caution_given_to_a_party_is_still_read() -> None:
    assert event_types("Westmoor Council cautioned Harlow Buses against cutting the night service.") != []


def test_a_cost_estimated_and_an_act_done() -> None:
    body = "Westmoor Council estimated the cost at 3 million pounds and approved the plan on Monday."
    assert "AGREE" in event_types(body)


# A conjunct of an infinitive under a modal: the same plan.


def test_conjunct_under_would_keep_is_no_act() -> None:
    assert _events("The National Weather Bureau would keep forecasting and issuing warnings.") == []


def test_conjunct_under_will_continue_is_no_act() -> None:
    assert _events("Westmoor Council will continue funding and supporting the Harlow food bank.") == []


# Same shape, still an act.


def test_conjunct_of_a_past_aspect_verb_is_an_act() -> None:
    assert "SUPPORT" in event_types("Westmoor Council kept funding and supporting the Harlow food bank.")


def test_conjunct_with_its_own_subject_is_its_own_act() -> None:
    body = "The National Weather Bureau would keep forecasting, and Westmoor Council banned the Harlow march."
    assert "SANCTION" in event_types(body)


def test_past_conjunct_beside_a_plan_is_an_act() -> None:
    body = "Westmoor Council wants to keep the service and has banned the Harlow march."
    assert "SANCTION" in event_types(body)


def test_telling_a_story_to_make_a_point_is_no_request() -> None:
    body = "Ann Lee, the leader of Westmoor Council, told the story of the Harlow flood to show how the agency " \
        "had failed."
    assert "REQUEST" not in event_types(body)


def test_telling_reporters_a_wish_is_no_request() -> None:
    body = "Ann Lee, the leader of Westmoor Council, told reporters she wanted Harlow Buses to stop the night " \
        "service."
    assert "REQUEST" not in event_types(body)


def test_telling_members_to_strike_is_a_request() -> None:
    body = "The Harlow Drivers Union told its members to strike on Monday."
    assert event_types(body) == ["REQUEST"]


def test_telling_a_joke_to_ease_the_mood_is_no_request() -> None:
    body = "Ann Lee, the leader of Westmoor Council, told a joke about the Harlow buses to ease the mood."
    assert "REQUEST" not in event_types(body)


def test_telling_a_committee_to_act_is_a_request() -> None:
    body = "Ann Lee, the leader of Westmoor Council, told the planning committee to reject the Harlow scheme."
    assert "REQUEST" in event_types(body)


# "has not yet replied": an answer still awaited, not one withheld.


def test_not_yet_replied_is_no_event() -> None:
    assert _events("Westmoor Council has not yet replied to the letter from Harlow Buses.") == []


def test_never_replied_is_an_answer_withheld() -> None:
    assert event_types("Westmoor Council never replied to the letter from Harlow Buses.") == ["STATEMENT"]


def test_did_not_respond_is_an_answer_withheld() -> None:
    body = "Westmoor Council did not respond to the ultimatum from Harlow Buses on Tuesday."
    assert event_types(body) == ["STATEMENT"]


def test_not_replied_yet_is_no_event() -> None:
    assert _events("Westmoor Council has not replied yet to the letter from Harlow Buses.") == []


def test_yet_beside_an_answer_denied_elsewhere() -> None:
    body = "Westmoor Council did not respond to the ultimatum, and Harlow Buses has yet to decide."
    assert "STATEMENT" in event_types(body)


def test_carried_quote_refusing_a_typed_act_is_a_refusal() -> None:
    body = 'Ann Lee, the leader of Westmoor Council, spoke after the vote. "The offer is an insult. We will not ' \
        'accept it," she said.'
    assert "REJECT" in event_types(body)


@pytest.mark.xfail(strict=True, reason="taken back (h25-evfix): no narrowing separates this argument from a "
                   "refusal of the same shape ('We will not pay them')")
def test_carried_quote_will_not_do_that_is_no_refusal() -> None:
    body = _OPENED + 'I will not do that to people," she said.'
    assert "REJECT" not in event_types(body)


def test_told_in_the_passive_by_no_one_reported_is_no_request() -> None:
    assert "REQUEST" not in event_types("Harlow Buses said it had been told to stop the night service.")


def test_told_to_applause_that_is_no_request() -> None:
    body = "Ann Lee, the leader of Westmoor Council, told the meeting to loud applause that the plan had failed."
    assert "REQUEST" not in event_types(body)


def test_told_to_its_surprise_that_is_no_request() -> None:
    body = "Westmoor Council told Harlow Buses to its surprise that the contract had ended."
    assert "REQUEST" not in event_types(body)


def test_telling_reported_by_the_teller_is_a_request() -> None:
    body = "Ann Lee said she had told Harlow Buses to stop the night service."
    assert ("REQUEST", ["Ann Lee"], ["Harlow Buses"]) in _events(body)
