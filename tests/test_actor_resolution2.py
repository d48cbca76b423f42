"""More of who the guided strategy's actors are: counted groups ("both clubs", "the three
governments"), a spokesperson speaking for an organisation, a title before a name the tagger
missed, and the "it" an order's deadline applies to (parse_actors).

Every article here is written for these tests (sport, health, local politics, telecoms).
"""

from __future__ import annotations

from conftest import agents_of, analysed, clause_roles, rules_on

from summarizer.models import ArticleSummary


def _run(body: str) -> ArticleSummary:
    return rules_on(body)


def _names(result: ArticleSummary) -> set[str]:
    return {a.name for a in result.actors}


def test_a_counted_group_is_the_actors_of_its_kind_named_just_before():
    result = _run(
        "Ghana, Togo and Benin signed a border accord on Monday in Accra. "
        "The three governments agreed to share the cost of new patrol boats."
    )
    assert agents_of(result, "share the cost") == {"Ghana", "Togo", "Benin"}
    clubs = _run(
        "The striker Leon Dacosta will move from Ashby Athletic to Corran City FC for 40 million pounds. "
        "Both clubs confirmed the transfer on Friday."
    )
    assert agents_of(clubs, "confirmed the transfer") == {"Ashby Athletic", "Corran City"}  # not the player


def test_an_unnamed_spokesperson_speaks_for_the_organisation():
    result = _run(
        "Novera Health recalled 20,000 insulin pens on Tuesday after a fault in the dose counter. "
        "A spokeswoman for Novera Health rejected claims that patients had been given wrong doses."
    )
    assert not any("spokes" in n.lower() for n in _names(result))
    assert agents_of(result, "rejected claims") == {"Novera Health"}
    unattached = _run(
        "Carewell Clinics closed two wards at its Leeds hospital on Monday. "
        "A spokesperson rejected claims by the nurses union that the wards were unsafe."
    )
    assert not any("spokes" in n.lower() for n in _names(unattached))
    assert agents_of(unattached, "rejected claims") == {"Carewell Clinics"}
    assert [s.holder for s in unattached.stances] == [
        next(a.id for a in unattached.actors if a.name == "Carewell Clinics")
    ]


def test_a_title_before_a_name_the_tagger_missed_makes_a_person():
    result = _run(
        "Mayor Ana Ruiz closed the public swimming pools on Monday because of the drought. "
        "Ruiz said the pools would reopen when the reservoirs recovered."
    )
    ruiz = next(a for a in result.actors if a.name == "Ana Ruiz")
    assert ruiz.kind == "person" and ruiz.title == "Mayor"
    assert not any("Mayor" in n for n in _names(result))
    assert agents_of(result, "closed the public swimming pools") == {"Ana Ruiz"}


def test_the_one_ordered_to_act_is_who_has_until_the_deadline():
    result = _run(
        "The telecoms regulator ordered Brightcell Telecom on Monday to refund customers it had overcharged. "
        "It has until July 2 to pay back 40 million euros."
    )
    assert agents_of(result, "has until July 2") == {"Brightcell Telecom"}


def test_an_institution_that_only_speaks_is_the_source():
    result = _run(
        "Forty patients were moved to other wards after a burst pipe flooded a ward on Monday. "
        "The hospital trust said that repairs would take two weeks."
    )
    assert "hospital trust" in {n.lower() for n in _names(result)}
    named = _run(
        "Kelso Health cancelled 300 operations on Monday because of the nurses' strike. "
        "The hospital said the strike had cost it 2 million pounds."
    )
    assert "hospital" in next(a for a in named.actors if a.name == "Kelso Health").mentions
    assert "hospital" not in {n.lower() for n in _names(named)}
    place = _run("Three workers were taken to the hospital on Monday after a gas leak at the Voss plant.")
    assert "hospital" not in {n.lower() for n in _names(place)}  # a place, not an actor


def test_a_speaking_group_with_an_apposed_name_is_that_name():
    result = _run(
        "The city council approved a new bus depot on Tuesday. "
        "A parents' group, Safer Roads Alliance, said it would challenge the decision in court."
    )
    names = _names(result)
    assert "Safer Roads Alliance" in names and not any("group" in n for n in names)


def test_a_counted_group_is_the_ones_named_together_before_others_named_since():
    analysis = analysed(
        "Chile, Peru and Bolivia on Monday condemned the coup in Paraguay. Brazil said it was watching closely. "
        "The three countries demanded that Paraguay's army return to barracks."
    )
    assert sorted(clause_roles(analysis, 3, "demand")[0]) == ["Bolivia", "Chile", "Peru"]


def test_a_fuller_description_is_the_one_organisation_the_article_names_by_its_noun():
    # Lead by description, name later in an apposition: one actor, under its name (parse_actors)
    result = _run(
        "Portugal's aviation regulator grounded four Atlanta Air jets on Monday over engine checks. "
        "The regulator, the Civil Flight Authority, said the jets would stay on the ground for a week."
    )
    assert "Civil Flight Authority" in _names(result)
    assert not any("aviation regulator" in n for n in _names(result))
    assert agents_of(result, "grounded four") == {"Civil Flight Authority"}
    # the parser may hang the apposition on the phrase's head ("Engineers from the regulator, ...")
    hung = _run(
        "Portugal's aviation regulator grounded four Atlanta Air jets on Monday over engine checks. "
        "Engineers from the regulator, the Civil Flight Authority, inspected the jets in Porto last week."
    )
    assert agents_of(hung, "grounded four") == {"Civil Flight Authority"}


def test_a_description_stays_its_own_actor_when_two_organisations_share_its_noun():
    result = _run(
        "Portugal's aviation regulator grounded four Atlanta Air jets on Monday over engine checks. "
        "The Civil Flight Authority, one regulator, and the Air Safety Board, another regulator, disagreed."
    )
    assert agents_of(result, "grounded four") != {"Civil Flight Authority"}


def test_an_occupation_after_a_rank_is_an_office_and_its_owner_the_organisation_so_named():
    # "chief pharmacist" is a title though "pharmacist" is no office noun; "Marrick" (read as a
    # person's name) is the short form of the one organisation whose name starts with it
    result = _run(
        "Nurses at Marrick General Hospital reported a shortage of insulin pens on Monday. "
        "Marrick's chief pharmacist said on Tuesday that she had asked the health ministry to find extra pens abroad."
    )
    assert "Marrick" not in _names(result)
    assert agents_of(result, "asked the health ministry") == {"Marrick's chief pharmacist"}


def test_a_bare_description_first_in_a_coordination_is_the_actor_it_describes():
    result = _run(
        "The bus operator Trelwyn Coaches cut 40 routes on Monday. The drivers' union Unite Road said it would strike. "
        "The company and the union agreed on Friday to meet a mediator next week."
    )
    assert "company" not in _names(result)
    assert "union" not in _names(result)


def test_common_offices_named_by_title_are_actors():
    result = _run(
        "Corby Heath school district will close two primary schools in June. "
        "The district's superintendent said on Monday that the budget left no other choice. "
        "The school's principal criticised the decision."
    )
    assert {"district's superintendent", "school's principal"} <= _names(result)


def test_a_regional_government_is_not_the_state_and_its_short_form_is_itself():
    result = _run(
        "Portugal's environment ministry cut water allowances for farms on Monday. "
        "A relief fund was approved by the regional government of Alvaro on Tuesday. "
        "The ministry and the regional government have not agreed on who pays for a new dam."
    )
    assert agents_of(result, "have not agreed") == {"Portugal's environment ministry", "regional government of Alvaro"}


def test_a_regulator_described_in_the_lead_is_the_one_regulatory_body_named_after():
    lead = "Chile's banking regulator suspended the licence of Andes Credit Bank on Monday. "

    def suspender(result: ArticleSummary) -> set[str]:
        ids = {i for e in result.events if e.type == "SANCTION" for i in e.actors}
        return {a.name for a in result.actors if a.id in ids}

    result = _run(lead + "The Financial Market Commission said the bank had misled investors for two years.")
    assert suspender(result) == {"Financial Market Commission"}
    # not when the article names two such bodies: which one is not said
    two = _run(lead + "The Financial Market Commission and the Central Statistics Office published the figures.")
    assert suspender(two) != {"Financial Market Commission"}


def test_a_description_is_the_name_apposed_to_it_even_untagged_but_not_a_name_apposed_inside_a_phrase():
    result = _run(
        "Dockworkers at the port of Varna walked out after the port's operator refused to drop its crane plan. "
        "The union said the strike would go on unless the operator, Portlink AS, withdrew the plan."
    )
    assert agents_of(result, "refused to drop") == {"Portlink AS"}
    nested = _run(
        "The city council of Delft will vote on the budget on February 4. "
        "The largest opposition group on the council, Stad en Land, said it would table an amendment."
    )
    assert "Stad en Land" not in {a.name for a in nested.actors if "city council" in a.mentions}


def test_a_wire_dateline_names_no_actor():
    result = _run(
        "BRAMSTAD, Norway, May 4 (Nordwire) - Dockworkers at the container port of Bramstad walked off the job on "
        "Thursday, after the port's operator refused to drop plans to replace its crane drivers. "
        "NATO, the alliance, said on Friday that it would send ships."
    )
    assert not {"BRAMSTAD", "Bramstad"} & _names(result)
    assert "NATO" in _names(result)  # capitals opening a sentence, but no state after the comma


def test_a_capitalised_word_read_as_an_adjective_before_a_name_is_part_of_it():
    # the parser read "Fjordterminal" in "the operator, Fjordterminal AS," as an adjective of "AS"
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from summarizer.strategies.parse_descriptions import name_of

    words = ["the", "operator", ",", "Fjordterminal", "AS", ",", "withdrew", "the", "plan"]
    heads = [1, 6, 1, 4, 1, 1, 6, 8, 6]
    deps = ["det", "nsubj", "punct", "amod", "appos", "punct", "ROOT", "det", "dobj"]
    pos = ["DET", "NOUN", "PUNCT", "ADJ", "PROPN", "PUNCT", "VERB", "DET", "NOUN"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos)
    assert name_of(doc[4]) == "Fjordterminal AS"
    doc = Doc(Vocab(), words=["the", "new", "AS", "said"], heads=[2, 2, 3, 3], deps=["det", "amod", "nsubj", "ROOT"],
              pos=["DET", "ADJ", "PROPN", "VERB"])  # fmt: skip
    assert name_of(doc[2]) == "AS"
