"""Kinds of the guided strategy's actors from their names and descriptions: the news media,
businesses the tagger reads as persons, public bodies by their head, scope or officer, cause
groups by name (actor_kinds, guided_compose); and names: a place modifying a noun, a name begun
too late or joined by "and", a body described before it is named (parse_actors, parse_pipeline,
parse_descriptions, parse_types).

Every article here is written for these tests (transport, food retail, water, courts, defence).
"""

from __future__ import annotations

from conftest import actor_kinds, agents_of, rules_on, rules_only

from summarizer.models import ArticleSummary


def _kinds(body: str) -> dict[str, str]:
    return actor_kinds(rules_on(body))


def test_the_news_media_by_name_or_description():
    kinds = _kinds(
        "The ferry operator Tarnby Line cut its winter timetable on Monday. Its chief executive, Mette Orlund, "
        "told the regional newspaper Vestkysten that fuel costs had doubled. The Halden Evening Post reported "
        "that two routes would close. Brask Daily News said the company had warned the unions in March."
    )
    assert kinds.get("Vestkysten") == "media"
    assert kinds.get("Halden Evening Post") == "media"
    assert kinds.get("Brask Daily News") == "media"
    assert kinds.get("Tarnby Line") == "organization"  # a business, not the press


def test_a_power_station_is_no_broadcaster():
    kinds = _kinds("The power station Orvel Bay was shut on Monday, the grid operator Nettkraft said.")
    assert kinds.get("Orvel Bay") != "media"


def test_a_business_named_like_a_person_by_its_trade():
    kinds = _kinds(
        "The watchdog asked the country's largest grocers, Dunmore Fresh and the German-owned discounter "
        "Billwerk, for their margins. Billwerk declined to comment. The taxi cooperative Miejskie Taxi welcomed "
        "the inquiry."
    )
    assert kinds.get("Billwerk") == "organization"
    assert kinds.get("Miejskie Taxi") == "organization"


def test_public_bodies_by_head_scope_and_officer():
    kinds = _kinds(
        "The Water Pricing Commission fined Corlan Water on Tuesday. The loser of the tender, Hest Marine, "
        "went to the Tender Appeals Board, and the navy said its ships were late. The environment select "
        "committee will report in May. The provincial governor's office confirmed it had received the letter. "
        "The council of Lindenfeld has voted to take the federal government to court. The mayor said "
        "Lindenfeld already houses around 40 Ukrainian refugees."
    )
    assert kinds.get("Water Pricing Commission") == "government"
    assert kinds.get("Tender Appeals Board") == "government"
    assert kinds.get("navy") == "government"
    assert kinds.get("environment select committee") == "government"
    assert kinds.get("provincial governor's office") == "government"
    assert kinds.get("council of Lindenfeld") == "government"
    assert kinds.get("Corlan Water") == "organization"


def test_the_council_of_europe_is_no_town_council():
    kinds = _kinds("The Council of Europe criticised the prison conditions on Monday.")
    assert kinds.get("Council of Europe") != "government"


def test_cause_groups_by_the_head_of_their_name():
    kinds = _kinds(
        "Halvard River Watch said the dam would flood 40 homes. The ruling followed a complaint filed by the "
        "Prisoners' Rights League on behalf of 41 detainees. "
        "The energy company Fossdal Kraft said it would compensate the owners."
    )
    assert kinds.get("Prisoners' Rights League") == "ngo"
    assert kinds.get("Halvard River Watch") == "ngo"
    assert kinds.get("Fossdal Kraft") == "organization"


def _actors(body: str) -> dict[str, list[str]]:
    result: ArticleSummary = rules_only("title: Test\ndate: 2026-04-02\n---\n" + body)
    return {a.name: a.mentions for a in result.actors}


def test_a_one_word_name_modifying_a_noun_is_no_person():
    from summarizer.inputs import parse_article
    from summarizer.strategies.guided import plan

    article = parse_article(
        "title: Test\ndate: 2026-04-02\n---\nThe licence was granted on Monday to the Tulsk company Brannoch "
        "Dairies. Brannoch Dairies said it would hire 40 people. The permit allows the company to build a plant.\n"
    )
    found = plan(article).analysis
    assert found is not None
    assert "Tulsk" not in {a.name for a in found.actors}  # a place, not a person who takes no part
    assert "Brannoch Dairies" in {a.name for a in found.actors}


def test_a_name_begun_too_late_is_joined_to_its_first_words():
    actors = _actors(
        "The Polish Platform Drivers' Association, which represents 3,000 drivers, said it would hold a "
        "protest convoy on Saturday."
    )
    assert "Polish Platform Drivers' Association" in actors


def test_a_body_described_before_it_is_named_is_the_named_one():
    actors = _actors(
        "The island's power company cut supplies on Monday. Westfjord Power said the line had been "
        "damaged by the storm."
    )
    assert "island's power company" in actors.get("Westfjord Power", [])
    assert "island's power company" not in actors


def test_a_name_joined_by_and_before_its_head_is_one_name():
    from spacy.tokens import Doc

    from summarizer.strategies.parse_descriptions import name_of
    from summarizer.strategies.parse_pipeline import pipeline

    # the parse the tagger gives "the Competition and Fair Trade Office" when it finds no name
    words = ["the", "Harbour", "and", "Coastal", "Affairs", "Office"]
    doc = Doc(pipeline().vocab, words=words, heads=[5, 5, 1, 1, 5, 5],
              deps=["det", "nmod", "cc", "conj", "compound", "ROOT"],
              pos=["DET", "PROPN", "CCONJ", "PROPN", "PROPN", "PROPN"])  # fmt: skip
    assert name_of(doc[5]) == "Harbour and Coastal Affairs Office"


def test_a_description_with_another_head_first_is_not_named_by_it():
    actors = _actors(
        "The property company said on Monday it would sell 150 flats. The Association of Urban Property "
        "Owners said it would challenge the law."
    )
    assert "property company" not in actors.get("Association of Urban Property Owners", [])


def test_a_town_acting_is_the_council_named_for_it():
    actors = _actors(
        "The town council of Lindenfeld voted on Monday to take the federal government to court. The mayor "
        "said Lindenfeld already houses around 40 Ukrainian refugees."
    )
    assert "Lindenfeld" not in actors
    assert "Lindenfeld" in actors.get("town council of Lindenfeld", [])


def test_a_finding_by_a_named_body_is_that_bodys_act():
    result = rules_only(
        "title: Test\ndate: 2026-04-02\n---\nA report by the Harbour Audit Office, published on Tuesday, found "
        "that the port's dredging contract had run two years late.\n"
    )
    assert agents_of(result, "found") == {"Harbour Audit Office"}


def test_a_name_beside_a_title_is_a_persons_whatever_the_recogniser_called_it():
    from spacy.tokens import Span

    from summarizer.strategies.parse_pipeline import mend_names, pipeline

    doc = pipeline()("Opposition councillor Henrik Bø of the Labour group said the party would table a motion.")
    # what the recogniser gives some names with unusual letters ("Magnus Rød" as a work of art)
    doc.ents = [Span(doc, 2, 4, label="WORK_OF_ART")]
    assert [(e.text, e.label_) for e in mend_names(doc).ents] == [("Henrik Bø", "PERSON")]
    title = pipeline()("The film Harbour Lights opened on Monday.")
    title.ents = [Span(title, 2, 4, label="WORK_OF_ART")]
    assert [e.label_ for e in mend_names(title).ents] == ["WORK_OF_ART"]  # no title beside it


def test_a_treaty_is_no_actor_whatever_the_recogniser_reads_it_as():
    from spacy.tokens import Span

    from summarizer.strategies.parse_pipeline import mend_names, pipeline

    doc = pipeline()("Ministers met to review the United States-Mexico-Canada Agreement on Monday.")
    start = next(t.i for t in doc if t.text == "United")
    end = next(t.i for t in doc if t.text == "Agreement") + 1
    doc.ents = [Span(doc, start, end, label="GPE")]  # as the recogniser read it in a fixture article
    assert [e.label_ for e in mend_names(doc).ents] == ["LAW"]


def test_two_names_joined_by_and_each_with_its_article_stay_two():
    from spacy.tokens import Span

    from summarizer.strategies.parse_pipeline import mend_names, pipeline

    doc = pipeline()("Officials of the Harbour Board and the National Ports Council met on Monday.")
    start = [t.i for t in doc if t.text == "the"][1]
    doc.ents = [Span(doc, start, start + 4, label="ORG")]  # "the National Ports Council", its article in it
    assert [e.text for e in mend_names(doc).ents] == ["the National Ports Council"]


def test_an_acronym_defined_for_a_treaty_is_no_actor_either():
    actors = _actors(
        "The two ministers met in Lima at the second meeting of the Joint Council of the Pacific Rim Trade "
        "Agreement (PRTA), according to a readout released on Friday. Both sides reaffirmed their commitment "
        "to implementing the PRTA in full. The PRTA bans imports of goods made with forced labour."
    )
    assert "PRTA" not in actors
