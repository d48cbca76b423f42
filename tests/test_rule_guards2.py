"""Guards from the review of guided 11's round: each sentence (written for these tests) is one a
rule of that round misread, and the rule was taken back (events: announced acts; follow-ups: "can"
and habits; stances: refusals, denials, evaluation words; actors: how a name is referred to). A
rule written again for these constructions has to read them right."""

from __future__ import annotations

from conftest import actor_kinds, rules_on, stance_triples

from summarizer.models import ArticleSummary


def _run(body: str) -> ArticleSummary:
    return rules_on(body + "\n", "2026-04-15")


def test_breaking_off_talks_is_no_consultation():
    result = _run("The Harwick Dockers' Union said it would no longer negotiate with Selm Port Holdings.")
    assert not [e for e in result.events if e.type == "CONSULT"]


def test_a_forecast_of_being_fined_is_no_sanction_by_the_one_fined():
    result = _run("Halden Bank said on Monday it would be fined by the board.")
    assert not [e for e in result.events if e.type == "SANCTION"]


def test_a_target_met_is_no_meeting():
    result = _run("Halden Bank said it would meet its capital targets by the end of the year.")
    assert not [e for e in result.events if e.type == "CONSULT"]


def test_what_a_machine_can_do_is_no_step():
    result = _run("The Orre Power Company opened the plant on Monday. The reactor can power 300,000 homes.")
    assert not [f for f in result.follow_ups if "power" in f.evidence[0].quote and "homes" in f.evidence[0].quote]


def test_advice_under_if_is_no_step():
    result = _run("If you are over 65, you can get a free flu vaccine at any pharmacy.")
    assert not result.follow_ups


def test_a_natural_habit_is_no_deadline():
    result = _run(
        "The Health Agency reported 40 new cases on Monday. Symptoms usually appear within 14 days of infection."
    )
    assert not [f for f in result.follow_ups if "Symptoms" in f.evidence[0].quote]


def test_a_contracts_term_is_no_second_step():
    result = _run(
        "The Kelso Transport Authority said it would open a new tender in September for a contract that "
        "would run until 2035."
    )
    assert not [f for f in result.follow_ups if f.due_text and "2035" in f.due_text]


def test_refusing_a_cut_does_not_oppose_what_would_be_cut():
    result = _run("The Fenwick Rail Company said it would not cut the Sunday services.")
    assert "oppose" not in {p for _, p, _ in stance_triples(result)}


def test_keeping_an_option_open_opposes_nothing():
    result = _run("The Harbour Pilots Guild said it would not rule out the closure of the Ashdale depot.")
    assert "oppose" not in {p for _, p, _ in stance_triples(result)}


def test_denying_bail_is_a_decision_not_a_stance():
    result = _run("The judge denied bail to the two men on Monday.")
    assert "oppose" not in {p for _, p, _ in stance_triples(result)}


def test_asking_passengers_to_delay_opposes_nothing():
    result = _run("The Fenwick Rail Company asked passengers to delay their journeys until the weekend.")
    assert "oppose" not in {p for _, p, _ in stance_triples(result)}


def test_a_fact_about_a_protest_is_no_support():
    result = _run("The police said the protest was lawful.")
    assert "support" not in {p for _, p, _ in stance_triples(result)}


def test_hardly_necessary_is_no_support():
    result = _run("The Kelby Chamber of Commerce said the new parking rules were hardly necessary.")
    assert ("Kelby Chamber of Commerce", "support") not in {(h, p) for h, p, _ in stance_triples(result)}


def test_a_client_who_hires_lawyers_to_challenge_a_ruling_opposes_it():
    result = _run("The Fenwick Rail Company hired lawyers to challenge the ruling.")
    assert ("Fenwick Rail Company", "oppose") in {(h, p) for h, p, _ in stance_triples(result)}


def test_a_club_referred_to_by_who_is_no_person():
    result = _run("Ashdale Rovers, who finished third last season, said on Monday they would appeal the fine.")
    assert actor_kinds(result).get("Ashdale Rovers") != "person"


def test_its_of_a_coordinated_object_says_nothing_of_the_subject():
    result = _run("Alice Nkosi visited the hospital and its new wing on Monday.")
    assert actor_kinds(result).get("Alice Nkosi") == "person"
