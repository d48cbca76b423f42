"""Stances of requests, refusals and descriptions: what is asked of whom, what is refused.

The sentences were written for these tests, not taken from the fixtures.
"""

from __future__ import annotations

import pytest
from conftest import rules_on, stance_triples as _stances

from summarizer.models import ArticleSummary
from summarizer.strategies import parse_pipeline

pytestmark = pytest.mark.skipif(not parse_pipeline.available(), reason="needs spaCy's English pipeline")


def _run(body: str) -> ArticleSummary:
    return rules_on(body, "2026-05-04")


def test_refusing_to_act_is_an_act_not_a_stance():
    result = _run("The Pinecrest Town Council refused to grant the circus a permit on Friday.")
    assert _stances(result) == []


def test_refusing_to_reopen_a_decision_supports_it():
    result = _run("The education minister, Carla Voss, refused on Monday to reopen the decision on school hours.")
    assert [(h, p) for h, p, _ in _stances(result)] == [("Carla Voss", "support")]


def test_asking_to_act_oneself_is_no_stance():
    result = _run("The Riverside Tenants Union said it would ask to meet the landlord before the vote.")
    assert _stances(result) == []


def test_asking_to_find_out_is_a_concern():
    result = _run('"We want to know who approved the new timetable," said Rosa Lind, the commuters\' spokeswoman.')
    assert [(h, p) for h, p, _ in _stances(result)] == [("Rosa Lind", "concern")]


def test_an_effect_in_a_relative_clause_describes_it():
    result = _run("Mayor Ines Duarte said the school, which was damaged by a flood in May, would reopen in June.")
    assert _stances(result) == []


def test_an_insult_labels_its_object():
    result = _run('The Drivers Guild called the two-percent pay offer "an insult".')
    assert [(h, p) for h, p, _ in _stances(result)] == [("Drivers Guild", "oppose")]


def test_whom_a_request_is_made_of_is_not_its_topic():
    result = _run("The Northern Fisheries Board, which had urged Norway in its report, declined to comment.")
    assert _stances(result) == []


def test_a_request_for_a_thing_beside_another_stance_is_its_evidence():
    result = _run("The Kestrel Taxi Union said it would not join the airport boycott and called for talks instead.")
    assert [(h, p) for h, p, _ in _stances(result)] == [("Kestrel Taxi Union", "oppose")]


def test_a_request_to_reconsider_beside_a_request_for_a_thing_opposes():
    result = _run(
        "The Elm Street Traders Association urged the council to reconsider and said its members would attend "
        "the next meeting to press for a compromise."
    )
    assert [(h, p) for h, p, _ in _stances(result)] == [("Elm Street Traders Association", "oppose")]


def test_an_appeal_to_a_court_opposes_the_ruling():
    result = _run("The Brenner Haulage Company said it would appeal to the Supreme Court for Trade against the fine.")
    assert [(h, p) for h, p, _ in _stances(result)] == [("Brenner Haulage Company", "oppose")]


def test_an_appeal_for_help_is_no_opposition():
    result = _run("The Marlow Red Cross appealed to residents for blankets and bottled water.")
    assert [p for _, p, _ in _stances(result)] != ["oppose"]


def test_studying_a_ruling_takes_no_side_yet():
    result = _run("The Harlow Bus Company said it was studying the court's decision.")
    assert [(h, p) for h, p, _ in _stances(result)] == [("Harlow Bus Company", "neutral")]


def test_studying_a_ruling_beside_a_feeling_is_that_feelings_evidence():
    result = _run("The Harlow Bus Company said it was disappointed and would study the judgment.")
    assert [(h, p) for h, p, _ in _stances(result)] == [("Harlow Bus Company", "oppose")]


@pytest.mark.parametrize("parties", ["both sides", "the two unions"])
def test_a_request_of_every_party_takes_no_side(parties):
    result = _run(f"The mediator, Tomas Reyes, urged {parties} to return to the table before the harvest.")
    assert [(h, p) for h, p, _ in _stances(result)] == [("Tomas Reyes", "neutral")]


def test_a_request_of_one_party_supports_what_is_asked():
    result = _run("The mediator, Tomas Reyes, urged the union to return to the table before the harvest.")
    assert [(h, p) for h, p, _ in _stances(result)] == [("Tomas Reyes", "support")]


def test_a_measure_kept_until_a_condition_is_backed_by_who_says_so():
    result = _run("The port's harbour master, Lena Brook, said the closure would remain in force until the divers "
                  "had checked every berth.")
    assert [(h, p) for h, p, _ in _stances(result)] == [("Lena Brook", "support")]


def test_a_measure_asked_to_stay_is_the_request_not_a_second_stance():
    result = _run("The fishermen's leader, Ada Moss, demanded that the ban stay in place until the stock recovered.")
    assert [h for h, _, _ in _stances(result)] == ["Ada Moss"]


def test_asking_another_party_for_redress_opposes_it():
    result = _run("The Valley Growers Union demanded that Orla Dairies compensate farmers for the late payments.")
    assert [(h, p) for h, p, _ in _stances(result)] == [("Valley Growers Union", "oppose")]


def test_seeking_a_court_remedy_opposes():
    result = _run("Harbour Residents Group said it would seek an injunction against the new flight path.")
    assert [(h, p) for h, p, _ in _stances(result)] == [("Harbour Residents Group", "oppose")]


def test_asking_another_party_for_something_else_supports_it():
    result = _run("The Valley Growers Union urged Orla Dairies to raise the milk price for small farms.")
    assert [(h, p) for h, p, _ in _stances(result)] == [("Valley Growers Union", "support")]


def test_a_contention_opposes_what_it_is_about():
    result = _run("The Ferry Workers Union argued that the port authority had ignored its own safety rules.")
    assert [(h, p) for h, p, _ in _stances(result)] == [("Ferry Workers Union", "oppose")]


def test_a_contention_of_what_should_be_puts_it_forward():
    result = _run("The Ferry Workers Union argued that small ports should keep their night crossings.")
    assert [(h, p) for h, p, _ in _stances(result)] == [("Ferry Workers Union", "support")]


def test_a_contention_given_as_the_reason_for_a_stance_is_that_stances():
    result = _run(
        "The Ferry Workers Union welcomed the new timetable, arguing that the late crossings would help shift workers."
    )
    assert [(h, p) for h, p, _ in _stances(result)] == [("Ferry Workers Union", "support")]


def test_refusing_to_accept_a_thing_opposes_it():
    result = _run("The Dock Workers Union said it would not accept any contract that cut night pay.")
    assert [(h, p) for h, p, _ in _stances(result)] == [("Dock Workers Union", "oppose")]


def test_going_along_with_a_thing_backs_it_and_with_both_parties_takes_no_side():
    backs = _run("Lenholm Rail said it would comply with the safety order.")
    assert [(h, p) for h, p, _ in _stances(backs)] == [("Lenholm Rail", "support")]
    both = _run("Brava Cables said it was cooperating with both the regulator and the operator.")
    assert [(h, p) for h, p, _ in _stances(both)] == [("Brava Cables", "neutral")]
    refused = _run("Lenholm Rail said it would not cooperate with the inquiry.")
    assert [(h, p) for h, p, _ in _stances(refused)] == [("Lenholm Rail", "oppose")]


def test_waiting_for_a_report_takes_no_side_yet():
    result = _run("Councillor Mara Deng said she would wait for the auditors' report.")
    assert [(h, p) for h, p, _ in _stances(result)] == [("Mara Deng", "neutral")]


def test_calling_on_someone_to_act_is_a_request_even_when_the_parse_makes_on_a_particle():
    result = _run(
        "Mayor Karin Lindqvist said in a statement that the audit had \"confirmed what the members decided\" "
        "and called on Okafor to concede so that the club could move on."
    )
    assert ("Karin Lindqvist", "oppose") in [(h, p) for h, p, _ in _stances(result)]


def test_what_a_relative_clause_tells_of_the_speaker_is_no_stance():
    result = _run("Mayor Ana Ruiz, who is seeking a third term, said the new bridge would open in May.")
    assert _stances(result) == []


def test_asking_a_court_to_block_a_plan_opposes_it():
    result = _run("The Harbour Residents Association said it would ask a judge to block the marina plan.")
    assert [(h, p) for h, p, _ in _stances(result)] == [("Harbour Residents Association", "oppose")]


def test_seeking_a_sanction_of_a_term_opposes():
    result = _run("The Cycling Ethics Commission said it was seeking a three-year ban for the rider.")
    assert [(h, p) for h, p, _ in _stances(result)] == [("Cycling Ethics Commission", "oppose")]


def test_asking_for_a_ban_on_a_thing_supports_it():
    result = _run("The Lakeside Anglers Club called for a ban on jet skis.")
    assert [(h, p) for h, p, _ in _stances(result)] == [("Lakeside Anglers Club", "support")]


def test_refusing_to_fund_a_thing_opposes_it():
    result = _run("The Westbrook Health Trust said it would not fund the new scanner programme.")
    assert [(h, p) for h, p, _ in _stances(result)] == [("Westbrook Health Trust", "oppose")]
