"""Who a title names and who receives an act (parse_actors, parse_titles, parse): a title with
an owner is the holder of THAT owner's office, never the holder of the same title for
another owner; a possessive on the object says whose feeling it is, not who receives it.

Every sentence here is written for these tests (trade, health, shipping, sport, courts).
"""

from __future__ import annotations

from conftest import analysed, clause_roles, rules_only


def test_a_title_of_another_nationality_is_another_office_holder():
    analysis = analysed(
        "The mayor met Norway's trade minister on Monday. On Tuesday she met the Danish trade minister. "
        "The vaccine maker Corvel briefed the Brazilian health minister. The Argentine health minister criticised "
        "the delay."
    )
    assert clause_roles(analysis, 2, "meet")[1] == ["Danish trade minister"]
    assert clause_roles(analysis, 4, "criticise")[0] == ["Argentine health minister"]


def test_an_owned_title_written_another_way_is_that_owners_holder_only():
    analysis = analysed(
        "Lindvik Shipping's chair spoke with Kenya's Transport Minister as well as the Chilean Transport Minister "
        "on Friday. On Saturday the chair met Kenya's Minister of Transport again. "
        "The port authority hosted the Peruvian Transport Minister. Its director also met Kenya's Minister of "
        "Transport."
    )
    assert clause_roles(analysis, 1, "speak")[1] == ["Kenya's Transport Minister", "Chilean Transport Minister"]
    assert clause_roles(analysis, 2, "meet")[1] == ["Kenya's Transport Minister"]
    assert clause_roles(analysis, 4, "meet")[1] == ["Kenya's Transport Minister"]


def test_another_office_of_the_same_owner_is_another_holder():
    analysis = analysed(
        "Norway's foreign minister met the dockers' union on Monday. Norway's prime minister criticised the strike."
    )
    assert clause_roles(analysis, 2, "criticise")[0] == ["Norway's prime minister"]


def test_a_bare_title_continues_the_last_holder_of_the_role():
    analysis = analysed("The league fined Kenya's sports minister on Monday. The minister said he would appeal.")
    assert clause_roles(analysis, 2, "say")[0] == ["Kenya's sports minister"]


def test_an_office_merges_into_a_named_holder_only_when_one_fits():
    analysis = analysed(
        "The court summoned Norway's trade minister and Denmark's trade minister on Monday. "
        "Trade Minister Per Olsen said he would attend."
    )
    names = {a.name for a in analysis.actors if a.label != "MERGED"}
    assert {"Norway's trade minister", "Denmark's trade minister"} <= names  # which one he is, is not said


def test_a_possessive_on_the_object_names_whose_feeling_it_is_not_who_receives_it():
    analysis = analysed(
        "The coach expressed the club's thanks to Veldin Airways for the charter flight. "
        "The union criticised Harlow Mining's safety record."
    )
    assert clause_roles(analysis, 1, "express")[1] == ["Veldin Airways"]
    assert clause_roles(analysis, 2, "criticise")[1] == ["Harlow Mining"]  # no recipient of its own: the owner is it


def test_a_numbered_document_after_a_role_word_is_no_titled_person():
    result = rules_only(
        "title: T\ndate: 2026-05-04\n---\nThe fines were imposed under Executive Order 4417, which allows "
        "penalties for serious safety breaches by mining companies, and Executive Order 5120. "
        "Mayor Ana Ruiz welcomed the fines."
    )
    names = [a.name for a in result.actors]
    assert "Order" not in names and "Executive Order" not in names, names
    assert "Ana Ruiz" in names


def test_what_a_titled_person_is_accused_of_is_no_part_of_the_title():
    analysis = analysed(
        "Mayor Ilse Brandt backed the tram plan on Monday. "
        'The opposition was led by Councillor Tom Hadley, who accused the mayor of "gambling the town\'s savings on '
        'a toy". Blackwood accused the mayor of lying.'
    )
    assert clause_roles(analysis, 2, "accuse")[1] == ["Ilse Brandt"]
    assert clause_roles(analysis, 3, "accuse")[1] == ["Ilse Brandt"]


def test_a_list_of_titles_of_other_owners_is_a_list_not_one_holder():
    analysis = analysed(
        "The minister held a call on Monday with Norway's trade minister, Sweden's energy commissioner and "
        "a delegate of the port authority."
    )
    names = {a.name for a in analysis.actors}
    assert "Norway's trade minister" in names and "Sweden's energy commissioner" in names
    assert {"Norway's trade minister", "Sweden's energy commissioner"} <= set(clause_roles(analysis, 1, "hold")[1])


def test_a_name_given_a_title_after_it_is_the_office_named_before():
    analysis = analysed(
        "The minister held a call on Monday with Norway's trade minister. "
        "Her counterpart on the call was Ola Dahl, Norway's trade minister."
    )
    names = {a.name for a in analysis.actors if a.label != "MERGED"}
    assert "Ola Dahl" in names and "Norway's trade minister" not in names
    assert clause_roles(analysis, 1, "hold")[1] == ["Ola Dahl"]
