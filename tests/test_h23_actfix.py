"""Fixes to the h23-act actor rules after review: sentences the rules misread, with what they must give."""

from __future__ import annotations

import pytest
from conftest import actor_kinds, event_links, mentions_of, rules_on

# --------------------------------------------------------------------------- "in" + a person's name is no place


def _links(body: str, kind: str) -> list[tuple[list[str], list[str]]]:
    return [(actors, recipients) for type_, actors, recipients in event_links(rules_on(body)) if type_ == kind]


@pytest.mark.parametrize(
    ("body", "person"),
    [
        # reviewer's sentences: "in" after a noun that is no place ("a stake in", "faith in", "a leader in")
        ("The fund sold its stake in Tesla last year. The union accuses Tesla of refusing to negotiate.", "Tesla"),
        ("The voters placed their hopes in Georgia Meloni. Brussels criticised Georgia Meloni.", "Georgia Meloni"),
        ("The party has put its faith in Jordan Bardella. Rivals accused Jordan Bardella of lying.", "Jordan Bardella"),
        ("The board expressed full confidence in Jordan Bardella. Critics attacked Jordan Bardella over the deal.",
         "Jordan Bardella"),
        ("Fans saw a leader in Houston Summers. The party nominated Houston Summers in May.", "Houston Summers"),
        # same shapes, own sentences: a noun of feeling or interest, and "in" on a verb with the name an object
        ("Investors lost faith in Marta Kowalski. The board dismissed Marta Kowalski on Friday.", "Marta Kowalski"),
        ("The party sees a future prime minister in Lena Vogt. Critics attacked Lena Vogt over the budget.",
         "Lena Vogt"),
        ("The coalition invested its hopes in Adam Kral. Opponents accused Adam Kral of fraud.", "Adam Kral"),
        ("Voters believe in Jordan Bardella. Rivals criticised Jordan Bardella.", "Jordan Bardella"),
        ("Interest in Houston Summers grew after the debate. The party nominated Houston Summers.", "Houston Summers"),
    ],
)
def test_a_person_after_in_stays_a_person(body: str, person: str) -> None:
    assert actor_kinds(rules_on(body)).get(person) == "person"


def test_an_accused_name_after_in_keeps_its_event() -> None:
    body = "The fund sold its stake in Tesla last year. The union accuses Tesla of refusing to negotiate."
    assert _links(body, "ACCUSE") == [(["union"], ["Tesla"])]
    body = "The voters placed their hopes in Georgia Meloni. Brussels criticised Georgia Meloni."
    assert _links(body, "ACCUSE") == [(["Brussels"], ["Georgia Meloni"])]


# --------------------------------------------------------------------------- the which-one phrase


def _mentions(body: str, name: str) -> list[str]:
    return mentions_of(rules_on(body), name)


@pytest.mark.parametrize(
    ("body", "name"),
    [
        # an occasion or a time after "at", and company after "with"
        ("The minister at the meeting said the plan would go ahead.", "minister"),
        ("The president at the summit said the plan would go ahead.", "president"),
        ("The spokesman at the briefing said the plan would go ahead.", "spokesman"),
        ("The chairman at the hearing said the plan would go ahead.", "chairman"),
        ("The negotiator at the talks said the plan would go ahead.", "negotiator"),
        ("The manager at the time said the plan would go ahead.", "manager"),
        ("The mayor with the police chief announced the closure of the bridge.", "mayor"),
        ("The minister with the delegation met Chinese officials.", "minister"),
        ("The spokesman at the end of the talks said the plan would go ahead.", "spokesman"),
        ("The mayor of Lyon with her deputies announced the plan.", "mayor of Lyon"),
        # a source or a chamber after "in"/"on" + a proper noun, and a person's name
        ("The ministry on Twitter said the plan would go ahead.", "ministry"),
        ("The National Bank of Ukraine on Telegram said the plan would go ahead.", "National Bank of Ukraine"),
        ("The minister in Parliament defended the cuts on Wednesday.", "minister"),
        ("The official in the Senate said the plan would go ahead.", "official"),
        ("The minister on Facebook said the plan would go ahead.", "minister"),
        ("Fans saw a leader in Houston Summers. The party nominated Houston Summers in May.", "leader"),
        # "on" + a noun that is no topic: a state, a way, a spot
        ("The union on strike rejected the offer.", "union"),
        ("The court on appeal cut the sentence.", "court"),
        ("The minister on television said the plan would go ahead.", "minister"),
        ("The minister on the radio said the plan would go ahead.", "minister"),
        ("The minister on the phone said the plan would go ahead.", "minister"),
        ("The union on the picket line said it would not return.", "union"),
        ("The chairman on behalf of the board said the plan would go ahead.", "chairman"),
    ],
)
def test_phrases_that_say_no_which_one(body: str, name: str) -> None:
    assert _mentions(body, name) == [name]


def test_an_office_with_company_keeps_its_event() -> None:
    assert _links("The minister with the delegation met Chinese officials.", "CONSULT") == [
        (["minister"], ["Chinese officials"])
    ]


@pytest.mark.parametrize(
    ("body", "name", "phrase"),
    [
        ("The committee on the economy approved the budget.", "committee", "committee on the economy"),
        ("The committee on finance approved the budget.", "committee", "committee on finance"),
        ("The manager at the depot said drivers would be paid.", "manager", "manager at the depot"),
        ("The Court of First Instance in Brussels ruled that the ban was unlawful.", "Court of First Instance",
         "Court of First Instance in Brussels"),
    ],
)
def test_phrases_that_still_say_which_one(body: str, name: str, phrase: str) -> None:
    assert phrase in _mentions(body, name)


@pytest.mark.parametrize(
    ("body", "first", "second"),
    [
        ("The committee on finance approved the budget. The committee on transport rejected the rail plan.",
         "committee on finance", "committee on transport"),
        ("The manager at the store said prices would rise. The manager at the warehouse said stock was low.",
         "manager at the store", "manager at the warehouse"),
    ],
)
def test_two_different_which_ones_are_two_actors(body: str, first: str, second: str) -> None:
    actors = rules_on(body).actors
    for actor in actors:
        assert not (first in actor.mentions and second in actor.mentions)
    assert any(a.name == second for a in actors)


def test_the_second_which_one_acts_on_its_own() -> None:
    body = "The committee on finance approved the budget. The committee on transport rejected the rail plan."
    assert _links(body, "REJECT") == [(["committee on transport"], [])]
    assert _links(body, "AGREE") == [(["committee"], [])]


@pytest.mark.parametrize(
    "body",
    [
        # the same which-one phrase again, with more or less of the title, or none, is the same actor
        "The parliamentary committee on finance met on Monday. The committee on finance approved the budget.",
        "The committee on finance approved the budget. The committee later rejected the rail plan.",
        "The manager at the store said prices would rise. The manager at the store also said stock was low.",
        "The committee on finance approved the budget. The Committee on Finance will meet again in May.",
        # a phrase that says no which one is no second actor
        "The committee on finance approved the budget. The committee on the finance bill met later.",
        "The manager at the store said prices would rise. The manager at the time said stock was low.",
    ],
)
def test_the_same_or_no_which_one_starts_no_second_actor(body: str) -> None:
    assert len(rules_on(body).actors) == 1
