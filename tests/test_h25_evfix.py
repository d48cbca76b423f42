"""Round 25, events fixed after the review (rev-ev items 1, 2, 3, 6): every reviewer sentence read as the reviewer
expects it (or a strict xfail saying why not), and sentences of the same shape that must keep the round's gains."""

from __future__ import annotations

import pytest
from conftest import event_links, event_types, events_by_sentence, rules_on


def _events(body: str) -> list[tuple[str, list[str], list[str]]]:
    return event_links(rules_on(body))


def _in_sentence(body: str, n: int) -> list[tuple[str, list[str], list[str]]]:
    result = rules_on(body)
    names = {a.id: a.name for a in result.actors}
    return [(e.type, [names[a] for a in e.actors], [names[r] for r in e.recipients])
            for e in events_by_sentence(result).get(n, [])]  # fmt: skip


# 1. A "will not" in a quotation carried on from the sentence before: a refusal (the carried-quote rule is taken
# back but for a thought declined, "we will not pretend that ...").

_PELICAN = 'Omar Haddad, the chief executive of Pelican Air, spoke on Tuesday. "The pilots\' demands are unaffordable. '


@pytest.mark.parametrize("quote", [
    'We will not raise salaries by 30 percent," he said.',
    'We will not pay them," he said.',
    'Pelican Air will not return to the table," he said.',
    'We will not resume flights to Lagos until the strike ends," he said.',
    'And we will never fly to Lagos again," he said.',
])  # fmt: skip
def test_carried_quote_refusal_is_a_refusal(quote: str) -> None:
    rejects = [e for e in _in_sentence(_PELICAN + quote, 3) if e[0] == "REJECT"]
    assert rejects and all(e[1] == ["Omar Haddad"] for e in rejects)


def test_carried_quote_resume_talks_is_a_refusal() -> None:
    body = 'Omar Haddad, the chief executive of Pelican Air, spoke on Tuesday. "Talks have failed. We will not ' \
        'resume talks with the union," he said.'
    assert ("REJECT", ["Omar Haddad"], []) in _in_sentence(body, 3)


def test_carried_quote_pretending_that_is_no_refusal() -> None:
    body = _PELICAN + 'But we will not pretend that doing nothing is an option," he added.'
    assert "REJECT" not in event_types(body)


def test_carried_quote_thinking_that_is_no_refusal() -> None:
    body = _PELICAN + 'We will not pretend that the airline can pay it," he said.'
    assert "REJECT" not in event_types(body)


def test_carried_quote_refusal_with_a_that_clause_further_down_is_a_refusal() -> None:
    body = _PELICAN + 'We will not pay them until they show that the figures add up," he said.'
    assert "REJECT" in event_types(body)


def test_carried_quote_refusal_to_sign_what_is_a_refusal() -> None:
    body = _PELICAN + 'We will not sign a deal that we cannot afford," he said.'
    assert "REJECT" in event_types(body)


# 2a. "told X not to worry", "to rest easy", "to look forward to": reassurance passed on, no request.


@pytest.mark.parametrize("body", [
    "Orbis Telecom told Lumen Cable not to worry about the merger.",
    "Orbis Telecom told its customers not to worry about the outage.",
    "Orbis Telecom told Lumen Cable to rest easy about the merger.",
    "Orbis Telecom told Lumen Cable to feel free to bid.",
    "Orbis Telecom told Lumen Cable to look forward to closer ties.",
    "Orbis Telecom told Lumen Cable to stay tuned for an offer.",
    "The Orbis Telecom chairman told Lumen Cable to take heart from the ruling.",
    "Brenton Rail told Hollis Freight to look forward to a new contract.",
    "Brenton Rail told Hollis Freight to rest assured that the depot would stay open.",
    "Brenton Rail told Hollis Freight to keep in mind that fees would rise.",
    "Brenton Rail told Hollis Freight to count on the depot staying open.",
    "Brenton Rail told Hollis Freight to prepare for higher fees.",
    "Brenton Rail told Hollis Freight to brace for higher fees.",
])  # fmt: skip
def test_reassurance_told_is_no_request(body: str) -> None:
    assert "REQUEST" not in event_types(body)


def test_reassurance_told_a_company_is_a_consultation_as_before() -> None:
    body = "Brenton Rail told Hollis Freight to look forward to a new contract."
    assert _events(body) == [("CONSULT", ["Brenton Rail"], ["Hollis Freight"])]


# Same shape, still a request: an act done to something, a typed act, an act under the infinitive.


@pytest.mark.parametrize("body", [
    "Brenton Rail told Hollis Freight to prepare new contracts for the depot.",
    "Brenton Rail told Hollis Freight to take action against the strikers.",
    "Orbis Telecom told Lumen Cable not to sell the network.",
    "Orbis Telecom told Lumen Cable to withdraw its bid.",
    "The Harlow Drivers Union told its members to consider pulling out of the talks.",
    "The inspectorate told Trellis Toys to hand over its sales records by Friday.",
    "The agency told families not to stop treatment abruptly.",
])  # fmt: skip
def test_an_act_told_is_a_request(body: str) -> None:
    assert "REQUEST" in event_types(body)


# 2b. A to-infinitive of purpose before a that-clause: what was told is a fact.


@pytest.mark.xfail(strict=True, reason="left: the parse hangs the that-clause on the infinitive's object as a "
                   "relative clause, the shape of a request ('told X to justify the cuts that it had made')")
@pytest.mark.parametrize("body", [
    "Prime Minister Ola Berg told the Nordic Council to mark the treaty's 50th anniversary that the alliance had "
    "never been stronger.",
    "Ola Berg told Parliament to justify the cuts that the deficit had doubled.",
    "Ola Berg told Reuters to clarify his remarks that he had not meant to criticise Sweden.",
])  # fmt: skip
def test_purpose_before_a_that_clause_is_no_request(body: str) -> None:
    assert "REQUEST" not in event_types(body)


def test_told_to_justify_what_it_had_made_is_a_request() -> None:
    assert "REQUEST" in event_types("Ola Berg told the Harlow Council to justify the cuts that it had made.")


# 2c-d. The party told is the teller, or the press: a referral, no request.


def test_told_the_bbc_to_contact_its_press_office_is_no_request() -> None:
    assert "REQUEST" not in event_types("The company told the BBC to contact its press office.")


def test_told_reporters_to_direct_questions_is_no_request() -> None:
    assert "REQUEST" not in event_types("The hospital told reporters to direct questions to the health ministry.")


def test_told_journalists_to_contact_the_ministry_is_no_request() -> None:
    assert "REQUEST" not in event_types("The Westmoor Hospital told journalists to contact the health ministry.")


def test_told_a_ministry_to_answer_reporters_is_a_request() -> None:
    body = "The Westmoor Hospital told the Health Ministry to answer questions from reporters."
    assert "REQUEST" in event_types(body)


def test_told_a_company_to_contact_its_customers_is_a_request() -> None:
    assert "REQUEST" in event_types("The inspectorate told Trellis Toys to contact its customers by Friday.")


# 3. "has not yet responded": awaited only in the present perfect with no time run out.


@pytest.mark.parametrize("body", [
    "The Fisheries Ministry had not yet responded to the ultimatum when it expired on Friday.",
    "The Fisheries Ministry had not yet responded to the ultimatum by the time the deadline passed on Friday.",
    "The Fisheries Ministry has not yet responded to the ultimatum, which expired on Friday.",
    "Once again, the Fisheries Ministry did not yet respond to the fishermen's letter, and the deadline expired "
    "on Friday.",
])  # fmt: skip
def test_an_answer_not_given_in_time_is_withheld(body: str) -> None:
    assert ("STATEMENT", ["Fisheries Ministry"], []) in _events(body)


@pytest.mark.parametrize("body", [
    "The Fisheries Ministry has still not responded to the fishermen's letter.",
    "The Fisheries Ministry has not responded to the fishermen's letter so far.",
    "The Fisheries Ministry has not yet responded to the fishermen's letter.",
    "The Fisheries Ministry have not replied yet to the fishermen's letter.",
    "The Fisheries Ministry has not yet responded to the ultimatum, which expires on Friday.",
    "The Fisheries Ministry has not yet responded to the ultimatum, and the deadline passes on Friday.",
    "The Fisheries Ministry has not yet responded to the letter, which the union sent on Friday.",
])  # fmt: skip
def test_an_answer_still_to_come_is_no_event(body: str) -> None:
    assert _events(body) == []


@pytest.mark.xfail(strict=True, reason="left (wrong in both): 'as of Friday' is a time phrase the rule does not read")
def test_an_answer_not_given_as_of_a_day_is_no_event() -> None:
    assert _events("The Fisheries Ministry has not responded to the fishermen's letter as of Friday.") == []


def test_an_answer_still_not_given_in_the_past_is_withheld() -> None:
    body = "The Fisheries Ministry still did not respond to the fishermen's letter on Friday."
    assert ("STATEMENT", ["Fisheries Ministry"], []) in _events(body)


def test_an_answer_never_given_is_withheld() -> None:
    assert event_types("The Fisheries Ministry has never responded to the fishermen's letter.") == ["STATEMENT"]


# 6a. "cautioned X that/against": a warning to a party (wrong in both: left).


@pytest.mark.xfail(strict=True, reason="left (wrong in both): a caution's object reads as a formal act done to "
                   "someone; the type has no sight of the that-clause, and a statement with no content is dropped")
@pytest.mark.parametrize("body", [
    "The central bank cautioned the government that cutting taxes would fuel inflation.",
    "The central bank cautioned the government against cutting taxes.",
    "The Coast Guard cautioned the fishermen that the storm would arrive on Friday.",
    "Brisk Energy cautioned investors that profits would fall.",
])  # fmt: skip
def test_a_caution_given_to_a_party_is_a_statement(body: str) -> None:
    assert event_types(body) == ["STATEMENT"]


# 6b. An estimate or a caution that a third party may punish: a view, no threat.


@pytest.mark.parametrize("verb", ["estimated", "cautioned"])
def test_a_penalty_estimated_is_no_threat(verb: str) -> None:
    body = f"Nadia Feld, an economist at Corvid Bank, {verb} that Tellis Motors could be fined if regulators found " \
        "it had cheated."
    assert "THREATEN" not in event_types(body)


@pytest.mark.xfail(strict=True, reason="left (wrong in both): 'said X could be fined if' reads the speaker's "
                   "threat even when a third party would fine")
def test_a_penalty_said_by_an_economist_is_no_threat() -> None:
    body = "Nadia Feld, an economist at Corvid Bank, said that Tellis Motors could be fined if regulators found " \
        "it had cheated."
    assert "THREATEN" not in event_types(body)


def test_a_penalty_held_out_by_the_regulator_is_a_threat() -> None:
    body = "The Westmoor Trading Standards Office said Tellis Motors could be fined if it failed to recall the cars."
    assert "THREATEN" in event_types(body)


def test_an_estimate_of_damage_is_no_event() -> None:
    assert _events("Nadia Feld, an economist at Corvid Bank, estimated the damage at 40 million euros.") == []


def test_an_estimate_that_homes_lost_power_is_no_event() -> None:
    assert _events("Westmoor Power estimated that 4,000 homes had lost power.") == []


def test_a_police_caution_is_still_an_act() -> None:
    assert event_types("Westmoor Police cautioned two drivers for speeding on Monday.") == ["OTHER"]
