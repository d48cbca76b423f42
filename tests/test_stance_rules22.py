"""Stances from a refusal the speaker states of a definite matter, from denying a charge, and the turn
of a stance described in a relative clause. Sentences written for these tests."""

from __future__ import annotations

import pytest
from conftest import rules_only

from summarizer.models import ArticleSummary
from summarizer.strategies import parse_pipeline

pytestmark = pytest.mark.skipif(not parse_pipeline.available(), reason="needs spaCy's English pipeline")


def _stances(body: str) -> list[tuple[str, str, str]]:
    result: ArticleSummary = rules_only(f"title: Test\ndate: 2026-05-04\n---\n{body}")
    names = {a.id: a.name for a in result.actors}
    return [(names[s.holder], s.position, s.topic) for s in result.stances]


def test_saying_one_will_not_act_on_a_definite_matter_opposes_it():
    body = (
        "The Harbour Pilots Guild met on Monday. The guild said it would not renew the Kestrel Line contract "
        "until the port authority had published its safety review."
    )
    assert ("Harbour Pilots Guild", "oppose", "the Kestrel Line contract") in _stances(body)


def test_saying_one_will_not_let_a_thing_happen_opposes_it():
    body = "The council leader, Maria Okonjo, said she would not allow the depot to become a car park."
    assert [s for s in _stances(body) if s[0] == "Maria Okonjo" and s[1] == "oppose"]


def test_refusing_an_indefinite_thing_is_the_speakers_own_conduct():
    body = "The Corlan Bakery Group said it would not make a new offer while the strike continued."
    assert not [s for s in _stances(body) if s[0] == "Corlan Bakery Group"]


def test_saying_one_will_not_take_sides_is_neutral():
    body = "The Westmark Water Regulator said it would not take sides while the case was before the courts."
    assert ("Westmark Water Regulator", "neutral", "sides") in [s[:3] for s in _stances(body)]


def test_denying_a_charge_opposes_it():
    body = "The Weston Procurement Board denies moving the goalposts."
    assert ("Weston Procurement Board", "oppose", "moving the goalposts") in _stances(body)
    assert ("Ana Ribeiro", "oppose", "wrongdoing") in _stances("The mayor, Ana Ribeiro, denies wrongdoing.")


def test_denying_a_report_states_a_fact():
    body = "The Hanseo Motor Company denied a report in the Daily Courier that it was selling its plant."
    assert not [s for s in _stances(body) if s[0] == "Hanseo Motor Company"]


def test_a_described_stance_leaves_the_sentences_turn_to_the_next():
    body = "Marco Veltri, who has long criticised the federation, said he would appeal against the ban."
    assert ("Marco Veltri", "oppose") in [s[:2] for s in _stances(body)]


def test_asking_to_delay_or_annul_a_thing_opposes_it():
    body = "The Lakeside Farmers Union wrote to the minister asking him to delay the water levy."
    assert [s for s in _stances(body) if s[0] == "Lakeside Farmers Union" and s[1] == "oppose"]
    body = "The Eastbridge Rowing Club has asked the tribunal to annul the election result."
    assert [s for s in _stances(body) if s[0] == "Eastbridge Rowing Club" and s[1] == "oppose"]


def test_saying_ones_own_people_will_not_act_on_a_singled_out_matter_opposes_it():
    body = "The Northern Dockers Union said its members would not unload ships chartered by the Orvane Line."
    assert [s for s in _stances(body) if s[0] == "Northern Dockers Union" and s[1] == "oppose"]


def test_what_one_is_instructed_to_ask_for_is_not_ones_own_view():
    body = "The campaign group Save Ashdale has instructed a Leeds law firm, Marlow Grant, to seek a judicial review."
    assert not [s for s in _stances(body) if "law firm" in s[0] or s[0] == "Marlow Grant"]


def test_more_evaluation_words_label_a_position():
    body = "The Kelby Taxpayers Alliance called the stadium plan unaffordable."
    assert [s for s in _stances(body) if s[0] == "Kelby Taxpayers Alliance" and s[1] == "oppose"]
    body = "The Kelby Chamber of Commerce said the new parking rules were necessary."
    assert [s for s in _stances(body) if s[0] == "Kelby Chamber of Commerce" and s[1] == "support"]


def test_asking_for_a_guarantee_voices_a_worry():
    body = "The Harbour Traders Association asked the council to guarantee that the fish market would stay open."
    assert ("Harbour Traders Association", "concern") in [s[:2] for s in _stances(body)]
    body = "The Millbrook Tenants Union wrote to the landlord asking for a guarantee that rents would not rise."
    assert ("Millbrook Tenants Union", "concern") in [s[:2] for s in _stances(body)]


def test_a_place_staying_open_is_no_feeling_of_the_speaker():
    body = "The Carrow Hospital Trust said the maternity ward would stay open."
    assert not [s for s in _stances(body) if s[0] == "Carrow Hospital Trust" and s[1] == "support"]


def test_saying_one_will_not_override_a_decision_keeps_it():
    body = "The transport minister, Alan Brodie, said he would not override the regulator's decision."
    assert ("Alan Brodie", "support") in [s[:2] for s in _stances(body)]


def test_a_restraint_held_for_now_is_no_refusal():
    body = "The Skelda Harbour Police said they would not move the trawlers for now."
    assert not [s for s in _stances(body) if s[0] == "Skelda Harbour Police" and s[1] == "oppose"]


def test_wanting_a_place_kept_open_backs_it():
    body = "The Dunmore Parish Council said it would rather keep the village library open."
    assert ("Dunmore Parish Council", "support") in [s[:2] for s in _stances(body)]
