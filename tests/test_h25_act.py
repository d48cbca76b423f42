"""h25 actors: members of a named organisation, named by a role noun with the organisation's
name before it ("a Frostgale spokesperson", "Meridian executives"), act for that organisation
(fresh18 f18-03 "Meridian executives", fresh19 f19-02 "A Frostgale spokesperson"; gold folds
both into the organisation)."""

from __future__ import annotations

import pytest
from conftest import actor_names, analysed, clause_roles

# --------------------------------------------------------------------------- read the rule's way

@pytest.mark.parametrize(
    ("text", "verb", "owner"),
    [
        # the tagger reads the name as an adjective here, and the organisation as a person's name
        ("Talks with the developer Frostgale Interactive broke down. A Frostgale spokesperson declined to comment.",
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


@pytest.mark.parametrize(
    "text",
    [
        # the first word of a person's name is a town's name here: "Hamilton officials" are the town's
        "Hamilton Smith resigned on Monday. Hamilton officials said the vote was fair.",
        "Hamilton Smith, the mayor, resigned on Monday. Hamilton officials said the vote was fair.",
        "Jordan Peterson spoke on Monday. Jordan officials said the visit was private.",
        # a name read as a person's that the article never describes as a body stays a person's
        "Talks with Frostgale Interactive broke down. A Frostgale spokesperson declined to comment.",
    ],
)
def test_a_first_name_before_a_role_is_no_body_of_the_persons(text: str) -> None:
    analysis = analysed(text)
    assert all(c.agents != [0] for s in analysis.sentences if s.number == 2 for c in s.clauses)


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
    assert "Oxfam" in actor_names(analysis)
    assert all(c.agents != [0] for s in analysis.sentences if s.number == 2 for c in s.clauses if c.verb == "detain")


def test_a_spokesperson_named_by_a_common_noun_speaks_for_the_body_it_names() -> None:
    # fresh12 "An agency spokeswoman", fresh15 "A ministry spokeswoman", fresh4 "a federation spokesman"
    # (each article also calls the body "the agency", "the ministry", "the federation": rev-act 1b)
    analysis = analysed("The Northern Roads Agency closed the bridge. The agency has apologised. "
                        "An agency spokeswoman said it was cooperating.")
    agents, _ = clause_roles(analysis, 3, "say")
    assert agents == ["Northern Roads Agency"]
    assert len(analysis.actors) == 1


def test_a_spokesperson_of_a_body_the_article_never_named_is_not_another_body() -> None:
    analysis = analysed("The Northern Roads Agency closed the bridge. A police spokeswoman said two people were hurt.")
    assert all(c.agents != [0] for s in analysis.sentences if s.number == 2 for c in s.clauses)


def test_plural_members_named_by_a_common_noun_stay_a_group() -> None:
    # "council officers", "union negotiators": members counted in the plural may be of any such body
    analysis = analysed("The union Unite called a strike. Union negotiators walked out on Tuesday.")
    agents, _ = clause_roles(analysis, 2, "walk")
    assert agents != ["Unite"]


# --------------------------------------------------------------------------- titles of works are no actors
# fresh18 f18-03 "the survival series Ashen Tide", fresh19 f19-02 "the studio's flagship game, Ashen Crown":
# both tagged as persons' names, neither an actor in the gold.

@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Talks with Frostgale Interactive broke down, putting the October release of the studio's flagship "
         "game, Ashen Crown, in doubt. Henrik Almqvist said Ashen Crown would ship in October.", "Ashen Crown"),
        ("Hollowpine Games, the Canadian studio behind the survival series Ashen Tide, is preparing to cancel a "
         "project. Some staff would be moved to the next Ashen Tide game.", "Ashen Tide"),
    ],
)  # fmt: skip
def test_a_name_apposed_to_a_work_is_a_title(text: str, title: str) -> None:
    assert title not in actor_names(analysed(text))


@pytest.mark.parametrize(
    "text",
    [
        # the name is the maker's, apposed to the maker (the parser hangs it on "makers")
        "The makers of the game, Frostgale Interactive, said they would cut jobs.",
        "The developer of the series, Frostgale Interactive, said it would cut jobs.",
        "Frostgale Interactive, the studio behind the game, said it would cut jobs.",
        "The game's publisher, Meridian Playworks, said sales rose.",
        "The publisher of the novel, Penguin Books, said sales rose.",
        # a person apposed to a role of a work, or the parser's parenthetical
        "The director of the film, Frostgale Interactive's Anna Berg, said the shoot was over.",
        "The game, Frostgale Interactive said, would ship in May.",
        # a name whose own head is the work noun ("Games") is a business's
        "Riot Games said the game, its biggest, was late.",
    ],
)
def test_a_makers_name_beside_a_work_is_still_an_actor(text: str) -> None:
    names = actor_names(analysed(text))
    assert any(n.startswith(("Frostgale", "Meridian", "Penguin", "Riot")) for n in names)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("The director of the film, Anna Berg, said the shoot was over.", "Anna Berg"),
        ("The star of the film, Tom Hanks, said the shoot was over.", "Tom Hanks"),
        ("The series' creator, Anna Berg, said the show would end.", "Anna Berg"),
        ("The show's host, John Oliver, criticised the law.", "John Oliver"),
    ],
)
def test_a_person_apposed_to_a_role_in_a_work_is_an_actor(text: str, person: str) -> None:
    assert person in actor_names(analysed(text))


def test_a_name_also_described_as_a_business_is_no_title() -> None:
    # the game and the studio share a name: "the studio, Ashen Crown," describes it as a business too
    text = ("The studio's flagship game, Ashen Crown, is late. Ashen Crown, the studio, said it would cut jobs.")
    assert "Ashen Crown" in actor_names(analysed(text))


# --------------------------------------------------------------------------- untagged names with a plural possessive
# "The Ballycrane Residents' Association" (fresh19 f19-03) read as "Association"; the same shape left untagged in
# fresh6 f6-01, fresh11 f11-02, fresh12 f12-03 and fresh18 f18-04.

@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Ballycrane Residents' Association said older people felt shut out.", "Ballycrane Residents' Association"),
        ("The Kgomotso Residents' Forum, which has campaigned for years over cracked houses near the Rietkuil shaft, "
         "welcomed the royalty increase.", "Kgomotso Residents' Forum"),
        ("The Regional Emergency Managers' Network, which represents staff in the country's 16 regions, has "
         "welcomed the approach.", "Regional Emergency Managers' Network"),
    ],
)  # fmt: skip
def test_an_untagged_name_with_a_plural_possessive_is_one_organisation(text: str, name: str) -> None:
    assert actor_names(analysed(text)) == [name]


@pytest.mark.parametrize(
    ("text", "not_name"),
    [
        # lower case: a description, not a name
        ("The council met the Ballycrane residents' association on Monday.", "Ballycrane Residents' Association"),
        # a singular possessor is an owner: the office is the prime minister's
        ("The Prime Minister's Office said the vote would go ahead.", "Prime Minister's Office"),
        # no word before the plural: whose residents is not said
        ("Fans queued to buy the Beatles' White Album on Friday.", "Beatles' White Album"),
        # not opened by "the": a modifier of "members", not the body
        ("Ballycrane Residents' Association members said older people felt shut out.",
         "Ballycrane Residents' Association"),
        # a name the recogniser tagged already keeps its reading
        ("She played the Rolling Stones' Greatest Hits at the party.", "Rolling Stones' Greatest Hits"),
    ],
)  # fmt: skip
def test_other_possessive_shapes_make_no_organisation(text: str, not_name: str) -> None:
    assert not_name not in actor_names(analysed(text))
