"""h25 actors: members of a named organisation, named by a role noun with the organisation's
name before it ("a Frostgale spokesperson", "Meridian executives"), act for that organisation
(fresh18 f18-03 "Meridian executives", fresh19 f19-02 "A Frostgale spokesperson"; gold folds
both into the organisation)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import analysed, clause_roles


def _names(analysis: Any) -> list[str]:
    return [a.name for a in analysis.actors]


# --------------------------------------------------------------------------- read the rule's way

@pytest.mark.parametrize(
    ("text", "verb", "owner"),
    [
        # the tagger reads the name as an adjective here, and the organisation as a person's name
        ("Talks with Frostgale Interactive broke down. A Frostgale spokesperson declined to comment.",
         "decline", "Frostgale Interactive"),
        ("The publisher Meridian Playworks owns the studio. Meridian executives disliked the build.",
         "dislike", "Meridian Playworks"),
        ("Google said it would appeal. Senior Google executives met regulators on Monday.", "meet", "Google"),
        ("Google said it would appeal. A Google spokesperson said the ruling was wrong.", "say", "Google"),
    ],
)  # fmt: skip
def test_members_named_by_the_organisation_act_for_it(text: str, verb: str, owner: str) -> None:
    analysis = analysed(text)
    agents, _ = clause_roles(analysis, 2, verb)
    assert agents == [owner]
    assert len(analysis.actors) == 1


# --------------------------------------------------------------------------- same shape, another reading

def test_former_members_are_not_the_organisation() -> None:
    analysis = analysed("Meridian Playworks cut the budget. Former Meridian executives criticised the decision.")
    agents, _ = clause_roles(analysis, 2, "criticise")
    assert agents != ["Meridian Playworks"]


def test_a_persons_surname_before_a_plural_role_is_no_organisation() -> None:
    analysis = analysed("Anna Meridian resigned on Monday. Meridian executives disliked the build.")
    agents, _ = clause_roles(analysis, 2, "dislike")
    assert agents != ["Anna Meridian"]


def test_a_persons_staff_are_not_the_person() -> None:
    analysis = analysed("President Donald Trump spoke on Monday. Trump aides said he was tired.")
    assert all(c.agents != [0] for s in analysis.sentences if s.number == 2 for c in s.clauses)


def test_a_common_noun_before_a_role_names_no_one_body() -> None:
    # "union leaders across the country" are any union's, not the one union the article named
    analysis = analysed("The union Unite called a strike. Union leaders across the country met on Tuesday.")
    agents, _ = clause_roles(analysis, 2, "meet")
    assert agents != ["Unite"]


def test_party_leaders_are_not_the_one_party_named() -> None:
    analysis = analysed("The Labour Party won the vote. Party leaders met the king on Tuesday.")
    agents, _ = clause_roles(analysis, 2, "meet")
    assert agents != ["Labour Party"]


def test_a_phrase_after_the_role_says_whose_members() -> None:
    analysis = analysed("The union Unite called a strike. Unite negotiators from the rival Unison walked out.")
    agents, _ = clause_roles(analysis, 2, "walk")
    assert agents != ["Unite"]


def test_another_organisation_is_not_folded_into_the_named_one() -> None:
    analysis = analysed("The union Unite called a strike. Company negotiators walked out on Tuesday.")
    agents, _ = clause_roles(analysis, 2, "walk")
    assert agents != ["Unite"]


def test_a_nationality_before_officials_is_still_the_state() -> None:
    analysis = analysed("The carmaker Volvo cut jobs. Swedish officials said the cuts were legal.")
    agents, _ = clause_roles(analysis, 2, "say")
    assert agents != ["Volvo"]


def test_workers_are_not_a_role_of_the_organisation() -> None:
    # a role noun says who acts for a body; "workers" are its staff, whose acts are not its acts
    analysis = analysed("The charity Oxfam said aid was blocked. Oxfam workers were detained on Monday.")
    assert "Oxfam" in _names(analysis)
    assert all(c.agents != [0] for s in analysis.sentences if s.number == 2 for c in s.clauses if c.verb == "detain")
