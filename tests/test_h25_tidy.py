"""The tables and tests that the h25 tidy-up made one: a people noun (`parse_people`), a hearsay frame
(`parse_form.hearsay_frame`), the address forms (`parse_types.ADDRESS_FORMS`). Sentences written for
these tests."""

from __future__ import annotations

import pytest
from conftest import agents_of, analysed, clause_roles, owners_of, rules_on

from summarizer.strategies.parse_form import hearsay_frame

LEAD = "The Harwick Transit Authority raised bus fares by 20 percent on Monday. "


# --------------------------------------------------------------------------- "which" after people


@pytest.mark.parametrize(
    ("text", "verb", "agents"),
    [
        # people by a table (DOERS) or by the agent ending: "which" is the body before "of"
        ("The association of licence holders, which has 900 members, asked the ministry to delay the fee.",
         "have", ["association of licence holders"]),
        ("The federation of blood donors, which represents 40 clinics, said it would appeal.", "represent",
         ["federation of blood donors"]),
        ("The union of pastry bakers, which met on Monday, said it would sue the city.", "meet",
         ["union of pastry bakers"]),
        # things that end like agent nouns: no actor either way
        ("The cost of the motors, which rose 3 percent, worried the Harwick Ferry Company.", "rise", []),
        ("The sale of the reactors, which began in May, was approved by the Elbe Power Board.", "begin", []),
    ],
)
def test_which_after_people_is_the_body_before_of(text: str, verb: str, agents: list[str]) -> None:
    assert clause_roles(analysed(text), 1, verb)[0] == agents


# --------------------------------------------------------------------------- what people may do is a step


@pytest.mark.parametrize(
    ("sentence", "owners"),
    [
        # people (DOERS, new: commuters, donors): a possibility of theirs is a step they may take
        ("A spokesman for the Harwick Commuters Group said the commuters could take the authority to court.",
         [["Harwick Commuters Group", "Harwick Transit Authority"]]),
        ("A spokesman for the Harwick Commuters Group said the donors could withdraw their money.",
         [["Harwick Commuters Group"]]),
        # things: a risk, not anyone's step
        ("A spokesman for the Harwick Commuters Group said the fares could rise again.", []),
        ("A spokesman for the Harwick Commuters Group said the motors could fail.", []),
    ],
)
def test_a_possibility_of_people_is_a_step(sentence: str, owners: list[list[str]]) -> None:
    assert owners_of(rules_on(LEAD + sentence, "2026-04-02"), sentence[:25]) == owners


# --------------------------------------------------------------------------- hearsay


@pytest.mark.parametrize(
    ("frame", "passive", "infinitive", "heard"),
    [
        ("say", True, {"to", "have"}, True),
        ("understand", True, {"to", "have"}, True),
        ("expect", True, {"to", "have"}, False),  # no hearsay
        ("say", False, {"to", "have"}, False),  # "they say to have ...": no passive frame
        ("say", True, {"to"}, False),  # "is said to be in talks": no act told
    ],
)
def test_hearsay_frame(frame: str, passive: bool, infinitive: set[str], heard: bool) -> None:
    assert hearsay_frame(frame, passive, infinitive) is heard


@pytest.mark.parametrize(
    ("sentence", "agents"),
    [
        ("Lena Marsh is said to have met the union leaders on Monday.", {"Lena Marsh"}),
        ("The chair, Lena Marsh, is understood to have warned the board about the costs.", {"Lena Marsh"}),
        ("Lena Marsh is said not to have met the union leaders.", set()),
        ("Lena Marsh is expected to have finished the review by Monday.", set()),
    ],
)
def test_an_act_told_by_hearsay_is_the_raised_subjects(sentence: str, agents: set[str]) -> None:
    assert agents_of(rules_on(LEAD + sentence, "2026-04-02"), "Lena Marsh") == agents


# --------------------------------------------------------------------------- review (rev-ev items 4, 5)


@pytest.mark.parametrize(
    ("body", "words", "agents"),
    [
        # "which" after bodies is their relative: their act is not their head's or owner's
        ("Marta Quist, the head of two energy companies, which have sued the Varnian government, resigned on "
         "Monday.", "sued", {"Marta Quist"}),
        ("Ilse Brandt, the envoy of four countries, which have imposed sanctions on Varnia, arrived in Geneva.",
         "sanctions", {"Ilse Brandt"}),
        ("Delta Holdings, the owner of three regional banks, which have sued Marin Developments, reported a "
         "loss on Monday.", "sued", set()),
        ("Keller Group, the owner of several banks, which have sued Marin Developments, reported a loss.",
         "sued", set()),
    ],
)
def test_which_after_bodies_is_theirs(body: str, words: str, agents: set[str]) -> None:
    result = rules_on(body, "2026-04-02")
    # the resignation or arrival stays the person's; no event gives the bodies' suit to the person or owner
    suits = [e for e in result.events if e.type in ("ACCUSE", "SANCTION")]
    names = {a.id: a.name for a in result.actors}
    assert not any(set(map(names.get, e.actors)) & (agents | {"owner of three regional banks",
                                                              "owner of several banks"}) for e in suits)


def test_which_after_a_body_of_people_named_by_of_is_the_body() -> None:
    text = "The federation of the rebel militias, which represents 12 armed groups, rejected the plan."
    assert clause_roles(analysed(text), 1, "represent")[0] == ["federation of the rebel militias"]


def test_things_named_like_holders_take_no_step() -> None:
    body = ("Varn Foods raised prices on Monday. A spokesman for Varn Foods said the cup holders could break in "
            "cold weather.")
    assert owners_of(rules_on(body, "2026-04-02"), "cup holders") == []


@pytest.mark.parametrize(
    ("text", "verb", "agents"),
    [
        # a plural verb agrees only with the plural noun: the firms did it, not their head
        ("The chief executive of two carmakers, which have recalled 40,000 vehicles, resigned on Monday.",
         "recall", []),
        ("The chairman of three lenders, which have cut mortgage rates, met the minister.", "cut", []),
        # a singular verb agrees only with the noun before "of"
        ("The federation of farmers, which represents 20,000 growers, said it would appeal.", "represent",
         ["federation of farmers"]),
    ],
)
def test_which_agrees_with_its_verb(text: str, verb: str, agents: list[str]) -> None:
    assert clause_roles(analysed(text), 1, verb)[0] == agents
