"""Rules of branch h23-act (actors), each with sentences of the same shape it must not misread."""

from __future__ import annotations

import pytest
from conftest import actor_kinds, rules_on

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
