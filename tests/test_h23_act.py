"""Rules of branch h23-act (actors), each with sentences of the same shape it must not misread."""

from __future__ import annotations

import pytest
from conftest import actor_kinds, mentions_of, rules_on

# --------------------------------------------------------------------------- a name read as a person's is a place


def test_person_read_name_put_at_a_place_is_no_actor() -> None:
    # "Veldhaven" is read as a person's name as the object of "inspected"; "conditions at
    # Veldhaven" says it is where something is.
    body = ("The inspectors said conditions at Veldhaven were the worst in the country. The federal "
            "ombudsman, which inspected Veldhaven in March, said it had recommended a cap.")
    assert "Veldhaven" not in actor_kinds(rules_on(body))


@pytest.mark.parametrize(
    ("body", "person"),
    [
        # a person after "in" or "at" is still a person
        ("Voters showed little confidence in Maria Delgado, who lost her seat on Sunday.", "Maria Delgado"),
        ("The court heard that officers shouted at Tomas Berg before his arrest. Berg was later released "
         "without charge.", "Berg"),
        ("Investors placed their trust in Arvid Lund at the annual meeting. Lund said the company would cut "
         "costs.", "Arvid Lund"),
        ("In Petra Holm, the party has found a leader who can win, said Ola Berge, its chairman.", "Petra Holm"),
        ("Crowds waited near Jonas Ekberg as he left the court in Oslo. Ekberg said he would appeal.",
         "Jonas Ekberg"),
        ("Reporters gathered around Sara Lind after the vote. Lind said the bill would pass.", "Sara Lind"),
        # a firm the article describes ("the broker"), and one that speaks, are no places
        ("Analysts at the broker Fenwick Hale said in a note that the deal would close. Fenwick Hale expects "
         "approval.", "Fenwick Hale"),
        ("Protesters gathered outside Hanna Kivi's office on Friday. Kivi later met them.", "Hanna Kivi"),
    ],
)
def test_names_after_place_prepositions_that_stay_actors(body: str, person: str) -> None:
    assert person in actor_kinds(rules_on(body))


# --------------------------------------------------------------------------- the phrase that says which one


def _mentions(body: str, name: str) -> list[str]:
    return mentions_of(rules_on(body), name)


def test_which_one_phrase_is_a_form_of_the_name() -> None:
    body = "The parliamentary committee on transport said it would summon the company's directors in May."
    assert "parliamentary committee on transport" in _mentions(body, "parliamentary committee")
    body = "The manager at the depot said drivers would be paid on Friday."
    assert "manager at the depot" in _mentions(body, "manager")


def test_which_one_phrase_begun_inside_a_tagged_name() -> None:
    # the tagger's name is "the Regional Veterinary Service of", the place left out
    body = "Two weeks later, on May 2, the Regional Veterinary Service of Castilla-La Mancha ordered the zoo to close."
    found = next(a for a in rules_on(body).actors if a.name.startswith("Regional Veterinary Service"))
    assert "Regional Veterinary Service of Castilla-La Mancha" in found.mentions


@pytest.mark.parametrize(
    ("body", "name"),
    [
        # another name joined on, and a name the tagger read whole
        ("The University of Oslo and Equinor signed a research deal on Monday.", "University of Oslo"),
        ("The Ministry of Health of Chile said the vaccine would arrive in May.", "Ministry of Health of Chile"),
        ("The Bank of England and Barclays said rates would stay high.", "Bank of England"),
        # an occasion, a time or a source, not which one
        ("The court in a statement said the ruling would be published on Monday.", "court"),
        ("The union in the talks said it would not accept the offer.", "union"),
        ("The council on Tuesday approved the plan to close two libraries.", "council"),
        ("The union at its conference voted to strike in June.", "union"),
        ("The court in its ruling said the ministry had acted unlawfully.", "court"),
        ("The board at the meeting said it would sell the stadium.", "board"),
        ("The court at the hearing said the ministry had acted unlawfully.", "court"),
        # a description that picks one out by a superlative, and a phrase with a clause in it
        ("The firm with the most stores, Halvex, said prices would rise.", "Halvex"),
        ("The agency with responsibility for ports said the berth would reopen.", "agency"),
    ],
)
def test_phrases_that_are_no_part_of_the_name(body: str, name: str) -> None:
    assert _mentions(body, name) in ([name], [name, "firm"])
