"""Who an act is done to (parse `_participants`, guided candidates, guided_compose): the
subject of a passive with a by-phrase, the one an occasion was shared with, no recipient
from an adverbial side clause, and the doer of an earlier act a response refers back to.

Every sentence here is written for these tests (sport, health, ports, local government).
"""

from __future__ import annotations

from conftest import analysed, clause_roles, rules_on

from summarizer.models import ArticleSummary


def _run(body: str) -> ArticleSummary:
    return rules_on(body)


def _recipients(result: ArticleSummary, kind: str) -> list[str]:
    names = {a.id: a.name for a in result.actors}
    event = next(e for e in result.events if e.type == kind)
    return [names[r] for r in event.recipients]


def test_the_subject_of_a_passive_with_a_by_phrase_is_acted_on():
    analysis = analysed("Midfielder Tomas Reyes was suspended by the Football League on Friday.")
    assert clause_roles(analysis, 1, "suspend") == (["Football League"], ["Tomas Reyes"])


def test_the_one_an_occasion_was_shared_with_is_acted_on():
    analysis = analysed("Health Minister Clara Vogt discussed the hospital budget in a video call with Pavel Novak.")
    assert clause_roles(analysis, 1, "discuss")[1] == ["Pavel Novak"]


def test_a_plan_acted_in_line_with_is_not_acted_on():
    analysis = analysed(
        "The Harbour Board published its plan. The Port Authority raised fees in line with the Harbour Board's plan."
    )
    assert clause_roles(analysis, 2, "raise")[1] == []


def test_a_title_the_tagger_reads_as_a_name_is_no_actor():
    analysis = analysed("Envoy Mia Berg spoke on Monday in a call with Councillor and Transport Minister Ama Mensah.")
    names = {a.name for a in analysis.actors}
    assert "Councillor" not in names and "Ama Mensah" in names


def test_an_adverbial_side_clause_gives_the_act_no_recipient():
    result = _run(
        "Port director Ana Ruiz and dock union leader Ben Cole agreed on Monday to keep talking while "
        "both sides continue moving cargo from Rotterdam, the port said."
    )
    assert _recipients(result, "AGREE") == []


def test_a_response_to_an_earlier_act_is_aimed_at_its_doer():
    result = _run(
        "Mayor Lina Holt criticised the regional transport agency on Monday for the long delays on the coast line. "
        "The agency rejected the criticism on Tuesday, saying the delays were caused by storms."
    )
    assert _recipients(result, "REJECT") == ["Lina Holt"]


def test_the_one_a_ruling_obliges_is_acted_on():
    result = _run(
        "Judge Mira Stone ruled on Monday that the ferry operator Tallis Lines must repair the harbour wall by June."
    )
    names = {a.id: a.name for a in result.actors}
    event = next(e for e in result.events if names[e.actors[0]] == "Mira Stone")
    assert [names[r] for r in event.recipients] == ["Tallis Lines"]


def test_a_possessor_is_no_recipient_only_of_what_it_gives():
    analysis = analysed(
        "Mayor Ines Duarte praised Norway's leadership on Iceland in the fisheries talks. "
        "Mayor Ines Duarte conveyed the council's thanks to Lisbon Port Authority."
    )
    assert "Norway" in clause_roles(analysis, 1, "praise")[1]
    assert clause_roles(analysis, 2, "convey")[1] == ["Lisbon Port Authority"]


def test_a_claim_is_against_whom_it_names_past_the_amount_it_seeks():
    # The parser hangs "against X" on the amount; the claim is still aimed at X.
    analysis = analysed("Norlund Cargo filed a claim for 4 million euros against Baltic Quay Services on Monday.")
    assert clause_roles(analysis, 1, "file") == (["Norlund Cargo"], ["Baltic Quay Services"])


def test_a_name_apposed_to_a_description_is_the_one_ordered():
    analysis = analysed(
        "A court in the Belgian city of Aalst on Monday ordered the Dutch-registered bus operator Rijnlo "
        "to refund about 3,000 passengers."
    )
    assert clause_roles(analysis, 1, "order")[1] == ["Rijnlo"]


def test_a_thing_of_the_doers_own_gives_no_recipient():
    # "her" must not be read as the other person named before: the clinic is hers.
    analysis = analysed(
        "Dr Mara Quist thanked Nurse Ben Otieno on Monday. "
        "Dr Mara Quist handed the keys to her clinic on Tuesday."
    )
    assert clause_roles(analysis, 2, "hand")[1] == []


def test_the_one_fined_is_not_read_as_part_of_the_amount():
    # The parser folds the name into "2 million euros"; the name is the one fined.
    analysis = analysed("The Harbour Board fined Keller Shipping 2 million euros on Monday.")
    assert clause_roles(analysis, 1, "fine") == (["Harbour Board"], ["Keller Shipping"])


def test_the_one_a_letter_is_sent_to_is_acted_on():
    analysis = analysed("Dorrow Council sent a letter to Vantage Pharma on Monday.")
    assert clause_roles(analysis, 1, "send")[1] == ["Vantage Pharma"]


def test_a_count_of_people_is_no_name():
    analysis = analysed("Dorrow Council fined 12 Vantage drivers on Monday.")
    assert clause_roles(analysis, 1, "fine")[1] == []


def test_the_one_a_demand_is_made_of_is_acted_on():
    analysis = analysed(
        "The Tenants' Association demanded that Harbour Homes repair the lifts. "
        "The Tenants' Association said that Harbour Homes had repaired the lifts."
    )
    assert clause_roles(analysis, 1, "demand")[1] == ["Harbour Homes"]
    assert clause_roles(analysis, 2, "say")[1] == []  # a report, not a demand


def test_a_response_to_an_act_named_by_the_same_word_is_aimed_at_its_doer():
    result = _run(
        "The Harbour Board ordered a halt to night fishing near Dorrow Point on Monday. "
        "The Fishers' Guild welcomed the order on Tuesday."
    )
    assert _recipients(result, "SUPPORT") == ["Harbour Board"]


def test_the_subject_of_a_typed_passive_without_a_doer_is_acted_on():
    analysis = analysed(
        "Midfielder Tomas Reyes was suspended for three matches on Friday. "
        "The Kestrel Rocket was moved to the launch pad on Friday."
    )
    assert clause_roles(analysis, 1, "suspend")[1] == ["Tomas Reyes"]
    assert "Kestrel Rocket" not in clause_roles(analysis, 2, "move")[1]  # an untyped act: no one acted on
