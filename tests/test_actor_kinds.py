"""An actor's kind and country from its name: public bodies are governments, businesses' own
departments and international bodies are not; a state the name opens with is its country."""

from __future__ import annotations

import pytest

from summarizer.api import Summarizer
from summarizer.engines.base import Request
from summarizer.engines.fake import FunctionEngine
from summarizer.inputs import parse_article
from summarizer.strategies.actor_kinds import body_kind, country_of
from summarizer.strategies.parse_types import Found

STATES = [Found("norway", "Norway", "GPE"), Found("peru", "Peru", "GPE")]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Norway's fisheries ministry", "government"),
        ("the regional prosecutor's office", "government"),
        ("the city council", "government"),
        ("Lisvik Municipal Council", "government"),
        ("the national statistics office", "government"),
        ("the Department of Roads", "government"),
        ("the police fraud bureau", "government"),
        ("the Supreme Court", "government"),
        ("the governing council", "organization"),  # a university's, a club's
        ("Halvik Foods' legal department", "organization"),  # a business owns it
        ("the company's board", "organization"),
        ("the International Energy Agency", "igo"),  # a body of states
        ("the European Commission", "igo"),
        ("Amnesty International", "organization"),  # "international" is its head, not a scope
        ("the Peruvian Growers' Council", "organization"),  # growers own it, not Peru
        ("Halvik Foods", "organization"),
        ("the Harbour Residents Association", "organization"),
    ],
)
def test_a_body_is_a_government_by_its_head_noun_and_scope(name, kind):
    assert body_kind(Found(name.lower(), name, "ORG"), STATES) == kind


def test_a_body_takes_the_country_its_name_opens_with():
    assert country_of(Found("m", "Norway's fisheries ministry", "INSTITUTION"), STATES) == "NOR"
    assert country_of(Found("m", "Peruvian water authority", "INSTITUTION"), STATES) == "PER"
    assert country_of(Found("m", "the national statistics office", "INSTITUTION"), STATES) is None
    assert country_of(Found("m", "Halvik Foods", "ORG"), STATES) is None
    # a person is no body: their country comes from their office, not their name
    assert country_of(Found("p", "Peru Alvarado", "PERSON"), STATES) is None


ARTICLE = """title: Ferry fares
date: 2027-03-03
---
Norway's transport ministry ordered the operator Fjordline Ferries on Tuesday to cut its fares by 10 percent.
The company's legal department said on Wednesday that it would appeal to the Supreme Court.
The city council of Bergen backed the ministry, its mayor said.
"""


def test_summarize_shows_public_bodies_as_governments():
    def decline(request: Request) -> str:
        return "{}"

    with Summarizer(engine=FunctionEngine(decline), strategy="guided", cache=False, max_attempts=1) as s:
        result = s.summarize_article(parse_article(ARTICLE))
    kinds = {a.name: (a.kind, a.country, (a.origin or {}).get("kind")) for a in result.actors}
    ministry = next(v for k, v in kinds.items() if "ministry" in k)
    assert ministry == ("government", "NOR", "rule")
    assert all(v[0] != "government" for k, v in kinds.items() if "Fjordline" in k or "department" in k)


def test_an_international_body_belongs_to_no_state():
    states = [Found("us", "United States", "GPE"), Found("ca", "Canada", "GPE")]
    assert country_of(Found("un", "United Nations", "ORG"), states) is None
    assert country_of(Found("ua", "United Arab Emirates office", "ORG"), states) is None
    assert country_of(Found("cm", "Canadian fisheries ministry", "INSTITUTION"), states) == "CAN"


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("Spain's agriculture ministry", "ministry"),
        ("Nordvik Institute for Polar Research", "institute"),
        ("Permanent Council of the Organization for Security", "council"),  # not "of"
        ("Transport and Road Workers' Union", "union"),  # not "transport"
        ("the regional government of Ardevales", "government"),
    ],
)
def test_a_bodys_head_noun_is_the_noun_before_its_linking_preposition(name, head):
    # one reading of a name's head serves both the kind (body_kind) and "the union" finding its body (by_head)
    from summarizer.strategies.actor_kinds import head_noun

    assert head_noun(name) == head


@pytest.mark.parametrize(
    ("name", "described_as", "kind"),
    [
        ("Greenway", ["environmental group"], "ngo"),
        ("Shop Fair", ["consumer group"], "ngo"),
        ("Bread First", ["charity"], "ngo"),
        ("the Open Courts Foundation", [], "ngo"),
        ("Halden Metals", ["mining group"], "organization"),  # a business described as a group
        ("Halden Metals", ["group"], "organization"),
    ],
)
def test_a_cause_group_is_an_ngo_by_its_head_or_its_description(name, described_as, kind):
    found = Found(name.lower(), name, "ORG", described_as=described_as)
    assert body_kind(found, STATES) == kind


def test_summarize_shows_a_group_the_article_calls_environmental_as_an_ngo():
    def decline(request: Request) -> str:
        return "{}"

    article = (
        "title: Test\ndate: 2026-04-02\n---\n"
        "The environmental group Coastwatch criticised the port's expansion plan on Monday. "
        "The mining group Halden Metals said it backed the plan."
    )
    with Summarizer(engine=FunctionEngine(decline), strategy="guided", cache=False, max_attempts=1) as s:
        result = s.summarize_article(parse_article(article))
    kinds = {a.name: a.kind for a in result.actors}
    assert kinds.get("Coastwatch") == "ngo"
    assert kinds.get("Halden Metals") == "organization"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("the Prudential Supervision Office", "government"),  # a public function before a shared head
        ("the Air Safety Investigation Office", "government"),
        ("the Council of State", "government"),  # the scope after the head
        ("the Treasury", "government"),
        ("the Harlow school board", "government"),
        ("the Council of Elders", "organization"),
        ("the marketing office", "organization"),
    ],
)
def test_a_shared_head_is_a_governments_by_the_public_function_or_scope_around_it(name, kind):
    assert body_kind(Found(name.lower(), name, "ORG"), STATES) == kind


def test_an_organ_of_the_articles_one_public_body_is_the_governments():
    council = Found("lisvik city council", "Lisvik City Council", "ORG")
    committee = Found("council's finance committee", "council's finance committee", "INSTITUTION")
    assert body_kind(committee, [*STATES, council, committee]) == "government"
    club = Found("lisvik rowing council", "Lisvik Rowing Council", "ORG")  # no public scope: not the state's
    assert body_kind(committee, [*STATES, club, committee]) == "organization"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a conservation group", "ngo"),  # the cause in its own name
        ("the disciplinary tribunal of the International Rowing Union", "organization"),
        ("Kaldvik's municipal council", "government"),  # a town's own council, though the town is no actor
        ("Halvik Foods' regional office", "organization"),
    ],
)
def test_a_bodys_whole_name_says_its_kind(name, kind):
    assert body_kind(Found(name.lower(), name, "INSTITUTION"), STATES) == kind
