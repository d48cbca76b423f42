"""Kinds of the guided strategy's actors from their names and descriptions: the news media,
businesses the tagger reads as persons, public bodies by their head, scope or officer, cause
groups by name, and towns or regions acting as their local government (actor_kinds,
guided_compose).

Every article here is written for these tests (transport, food retail, water, courts, defence).
"""

from __future__ import annotations

from conftest import rules_only

from summarizer.models import ArticleSummary


def _kinds(body: str) -> dict[str, str]:
    result: ArticleSummary = rules_only("title: Test\ndate: 2026-04-02\n---\n" + body)
    return {a.name: a.kind for a in result.actors}


def test_the_news_media_by_name_or_description():
    kinds = _kinds(
        "The ferry operator Tarnby Line cut its winter timetable on Monday. Its chief executive, Mette Orlund, "
        "told the regional newspaper Vestkysten that fuel costs had doubled. The Halden Evening Post reported "
        "that two routes would close. Brask Daily News said the company had warned the unions in March."
    )
    assert kinds.get("Vestkysten") == "media"
    assert kinds.get("Halden Evening Post") == "media"
    assert kinds.get("Brask Daily News") == "media"
    assert kinds.get("Tarnby Line") == "organization"  # a business, not the press


def test_a_power_station_is_no_broadcaster():
    kinds = _kinds("The power station Orvel Bay was shut on Monday, the grid operator Nettkraft said.")
    assert kinds.get("Orvel Bay") != "media"


def test_a_business_named_like_a_person_by_its_trade():
    kinds = _kinds(
        "The watchdog asked the country's largest grocers, Dunmore Fresh and the German-owned discounter "
        "Billwerk, for their margins. Billwerk declined to comment. The taxi cooperative Miejskie Taxi welcomed "
        "the inquiry."
    )
    assert kinds.get("Billwerk") == "organization"
    assert kinds.get("Miejskie Taxi") == "organization"


def test_public_bodies_by_head_scope_and_officer():
    kinds = _kinds(
        "The Water Pricing Commission fined Corlan Water on Tuesday. The loser of the tender, Hest Marine, "
        "went to the Tender Appeals Board, and the navy said its ships were late. The environment select "
        "committee will report in May. The provincial governor's office confirmed it had received the letter. "
        "The council of Lindenfeld has voted to take the federal government to court. The mayor said "
        "Lindenfeld already houses around 40 Ukrainian refugees."
    )
    assert kinds.get("Water Pricing Commission") == "government"
    assert kinds.get("Tender Appeals Board") == "government"
    assert kinds.get("navy") == "government"
    assert kinds.get("environment select committee") == "government"
    assert kinds.get("provincial governor's office") == "government"
    assert kinds.get("council of Lindenfeld") == "government"
    assert kinds.get("Corlan Water") == "organization"


def test_the_council_of_europe_is_no_town_council():
    kinds = _kinds("The Council of Europe criticised the prison conditions on Monday.")
    assert kinds.get("Council of Europe") != "government"


def test_cause_groups_by_the_head_of_their_name():
    kinds = _kinds(
        "Halvard River Watch said the dam would flood 40 homes. The ruling followed a complaint filed by the "
        "Prisoners' Rights League on behalf of 41 detainees. "
        "The energy company Fossdal Kraft said it would compensate the owners."
    )
    assert kinds.get("Prisoners' Rights League") == "ngo"
    assert kinds.get("Halvard River Watch") == "ngo"
    assert kinds.get("Fossdal Kraft") == "organization"


def test_a_region_acting_is_its_government_and_a_country_its_state():
    kinds = _kinds(
        "Andalusia rejected the water transfer on Monday. Portugal said it would send two aircraft "
        "to fight the fires."
    )
    assert kinds.get("Andalusia") == "government"
    assert kinds.get("Portugal") == "state"
