"""Who acts in a clause (parse, parse_actors, parse_coref): a passive conjunct's own by-phrase,
an office relative to another holder, the same institution in another term, the speaker of
a reported clause, "the company" that is not the clause's own subject.

Every sentence here is written for these tests (planning, finance, research, transport).
"""

from __future__ import annotations

from conftest import analysed, clause_roles

from summarizer.strategies.parse_types import Analysis


def _names(analysis: Analysis) -> set[str]:
    return {a.name for a in analysis.actors if a.label != "MERGED"}


def test_a_passive_conjunct_is_done_by_its_own_by_phrase():
    analysis = analysed("The footbridge was designed by Halvard Engineering and was approved by the regional council.")
    assert clause_roles(analysis, 1, "design")[0] == ["Halvard Engineering"]
    assert clause_roles(analysis, 1, "approve")[0] == ["regional council"]


def test_a_holders_predecessor_is_not_the_holder():
    analysis = analysed(
        "Mayor Ana Ruiz opened the ferry terminal on Monday. "
        "The terminal was first proposed in 2019 by Ruiz's predecessor."
    )
    assert clause_roles(analysis, 2, "propose")[0] == ["Ruiz's predecessor"]


def test_an_institution_in_another_term_is_the_same_institution():
    analysis = analysed(
        "Westmark City Council approved the budget on Monday. The plan was drafted by the previous council in 2022. "
        "The council said costs had risen."
    )
    assert clause_roles(analysis, 2, "draft")[0] == ["Westmark City Council"]
    assert clause_roles(analysis, 3, "say")[0] == ["Westmark City Council"]
    assert "previous council" not in _names(analysis)


def test_a_pronoun_reported_by_a_named_speaker_is_the_speaker():
    analysis = analysed(
        "Park Min-seo said profits rose. The fund's managing partner, Vivian Lo, said she would raise the issue."
    )
    assert clause_roles(analysis, 2, "raise")[0] == ["Vivian Lo"]


def test_the_company_is_not_the_clauses_own_subject():
    analysis = analysed(
        "Orbitra Semiconductors reported lower sales on Monday. "
        "Pellam Capital, a fund that owns 3 percent of Orbitra, criticised the company for its spending."
    )
    assert clause_roles(analysis, 2, "criticise") == (["Pellam Capital"], ["Orbitra Semiconductors"])


def test_a_name_apposed_to_a_title_is_a_person_whatever_the_tagger_says():
    analysis = analysed(
        "The Varde Institute for Marine Studies will send a ship north in May, said the institute's director, "
        "Eirik Polar Dahl. Dahl denied reports that the trip had been delayed."
    )
    assert clause_roles(analysis, 2, "deny")[0] == ["Eirik Polar Dahl"]
    assert next(a for a in analysis.actors if a.name == "Eirik Polar Dahl").label == "PERSON"  # not an organisation


def test_a_name_described_as_a_business_is_no_people_even_when_it_looks_plural():
    for name in ("Nordtrans", "Kalmarians"):
        analysis = analysed(
            f"Port inspectors fined the Swedish ferry operator {name} on Monday. "
            f"{name}'s chief executive denied that the company had broken safety rules."
        )
        assert next(a for a in analysis.actors if a.name == name).label == "ORG"
        assert clause_roles(analysis, 2, "break")[0] == [name]


def test_an_office_of_a_common_noun_owner_acts():
    analysis = analysed("The province's health minister rejected the criticism on Tuesday.")
    assert clause_roles(analysis, 1, "reject")[0] == ["province's health minister"]


def test_the_company_is_no_named_place_and_no_nation():
    analysis = analysed(
        "The spill reached the river near the town of Marlow Falls. "
        "The Okanee First Nation sued the paper maker Dunmore Paper in March. "
        "The company must file a clean-up plan within 30 days."
    )
    assert "Marlow Falls" not in _names(analysis)  # "the town of X" read as an organisation
    assert clause_roles(analysis, 3, "file")[0] == ["Dunmore Paper"]


def test_the_company_before_several_are_named_is_nobody():
    analysis = analysed("The regulator fined the company on Tuesday. Orvane Foods and Kelby Holdings were both named.")
    assert clause_roles(analysis, 1, "fined")[1] == []


def test_a_subject_pronoun_in_a_conjoined_clause_is_that_sentences_named_subject():
    analysis = analysed(
        "Jonas Berg won the harbour board vote on Monday. "
        "Marta Lind ran the port authority for six years, and she founded the Harbour Trust in 2022. "
        "Pavel Ek, the trust's chair, denied that he had promised Berg any seat."
    )
    assert clause_roles(analysis, 2, "found")[0] == ["Marta Lind"]
    assert clause_roles(analysis, 3, "promise")[0] == ["Pavel Ek"]


def test_the_head_noun_of_an_organisations_name_stands_for_it():
    analysis = analysed(
        "The Halden Maritime Museum lost its lease on Monday, the harbour board said. "
        "The museum must move its collection by June 30. "
        "The dispute went to the International Grain Arbitration Chamber. The chamber has set a hearing for May 4."
    )
    assert clause_roles(analysis, 2, "move")[0] == ["Halden Maritime Museum"]
    assert clause_roles(analysis, 4, "set")[0] == ["International Grain Arbitration Chamber"]


def test_the_head_noun_fits_no_organisation_named_otherwise():
    analysis = analysed(
        "The Halden Gallery and the Nordic Film Archive signed the loan deal. "
        "The museum will pay for insurance."
    )
    assert clause_roles(analysis, 2, "pay")[0] == []


def test_a_relative_pronoun_subject_is_its_antecedent_whatever_its_kind():
    analysis = analysed("The plan still needs the backing of the regional council, which will vote on it on March 3.")
    assert clause_roles(analysis, 1, "vote")[0] == ["regional council"]


def test_a_conjoined_participle_with_its_own_by_phrase_is_not_done_by_the_first_agent():
    analysis = analysed(
        "The levy was drafted by the port authority, and approved by the harbour board on Monday. "
        "The fare rise was proposed by Mayor Lina Ostrova, and endorsed by a panel of residents."
    )
    assert clause_roles(analysis, 1, "approve")[0] == ["harbour board"]
    assert clause_roles(analysis, 2, "endorse")[0] != ["Lina Ostrova"]


def test_the_company_is_no_lower_case_body_the_tagger_calls_an_organisation():
    analysis = analysed(
        "The fire on the Brenna Star was put out by the crew before the coast guard arrived, the company said."
    )
    assert "coast guard" not in clause_roles(analysis, 1, "say")[0]


def test_an_institution_introduced_by_a_indefinite_subject_acts():
    analysis = analysed(
        "A court in the port city of Varnes on Tuesday halted the demolition of the market hall. "
        "The court will hear the case in October."
    )
    assert clause_roles(analysis, 1, "halt")[0] == ["court"]
    assert clause_roles(analysis, 2, "hear")[0] == ["court"]


def test_a_kind_defined_by_a_relative_clause_is_no_particular_actor():
    analysis = analysed('"A union that represents nurses cannot ignore this," the minister said.')
    assert clause_roles(analysis, 1, "ignore")[0] == []


def test_a_noun_given_a_name_by_a_participle_is_that_name():
    analysis = analysed(
        "A group calling itself Night Owl claimed the attack on the water utility. "
        "An alliance known as the Clean Rivers Coalition sued the utility on Friday."
    )
    assert clause_roles(analysis, 1, "claim")[0] == ["Night Owl"]
    assert clause_roles(analysis, 2, "sue")[0] == ["Clean Rivers Coalition"]


def test_the_people_an_actor_serves_are_not_that_actor():
    analysis = analysed(
        "The tenants' lawyer, Femke de Graaf, welcomed the ruling. She said her clients had asked the council for a "
        "meeting. Harwick Rovers were fined after their supporters threw flares."
    )
    assert "Femke de Graaf" not in clause_roles(analysis, 2, "ask")[0]
    assert "Harwick Rovers" not in clause_roles(analysis, 3, "throw")[0]


def test_a_known_organisation_the_tagger_reads_as_a_common_noun_still_acts():
    analysis = analysed(
        "The budget airline Aerlift said on Monday it would appeal the ruling. "
        "Aerlift, which flies from 24 airports and carried 31 million passengers, cancelled 900 flights in May."
    )
    assert clause_roles(analysis, 2, "cancel")[0] == ["Aerlift"]


def test_a_description_in_a_passives_by_phrase_is_read_as_its_subject_would_be():
    analysis = analysed(
        "Skyrun Air cancelled 40 flights in May, and its chief executive, Ola Berg, apologised. "
        "A settlement with the stranded passengers was reached by the airline last Thursday."
    )
    assert clause_roles(analysis, 2, "reach")[0] == ["Skyrun Air"]


def test_they_in_a_report_are_its_named_speakers_unless_one_person():
    analysis = analysed(
        "The Harbour Board and the Stevedores' Union said they would resume talks on Friday. "
        "Mayor Ida Strand said they had ignored her warnings."
    )
    assert sorted(clause_roles(analysis, 1, "resume")[0]) == ["Harbour Board", "Stevedores' Union"]
    assert clause_roles(analysis, 2, "ignore")[0] == []


def test_as_if_compares_it_sets_no_condition():
    analysis = analysed(
        "The union criticised the board for spending as if the boom would last forever. "
        "The board will cut bonuses if profits fall."
    )
    spend = next(c for c in analysis.sentences[0].clauses if c.verb == "last")
    cut = next(c for c in analysis.sentences[1].clauses if c.verb == "cut")
    assert not spend.conditional and cut.conditional


def test_the_subject_of_a_passive_acts_in_its_infinitive_if_it_is_an_actor():
    analysis = analysed(
        "Brenntal Roasters ended its contract in May. The roaster is expected to publish its results next week. "
        "The port authority fined Velmar Shipping on Monday. Velmar Shipping was ordered to pay within 30 days. "
        "Kestrel, built by Velmar Shipping, is meant to carry grain."
    )
    assert clause_roles(analysis, 2, "publish")[0] == ["Brenntal Roasters"]
    assert clause_roles(analysis, 4, "pay")[0] == ["Velmar Shipping"]
    assert clause_roles(analysis, 5, "carry")[0] == []


def test_the_company_is_a_name_read_as_a_persons_that_the_article_calls_an_institution():
    analysis = analysed(
        "The ferry operator Skarvik Line suspended its night crossings on Tuesday. "
        "The company has until May 20 to send the inspection reports, the authority's director, Maja Holst, said."
    )
    assert clause_roles(analysis, 2, "have")[0] == ["Skarvik Line"]


def test_a_name_apposed_past_a_participles_object_names_that_object_not_the_thing():
    analysis = analysed(
        "The port board on Tuesday ordered shippers to cut their emissions. "
        "The order, signed by the secretary of state for ports, Helga Marchal, takes effect on March 15."
    )
    marlow = next(a for a in analysis.actors if a.name == "Helga Marchal")
    assert "order" not in marlow.mentions
