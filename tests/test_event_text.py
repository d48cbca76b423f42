"""An event's summary is its clause as the article words it, with the actors' names."""

from __future__ import annotations

import pytest

from summarizer.strategies import parse_pipeline
from summarizer.strategies.event_text import clause_summary

pytestmark = pytest.mark.skipif(not parse_pipeline.available(), reason="spaCy's English pipeline is not installed")


def _summary(text: str, verb: str, agents: list[str]) -> str | None:
    doc = parse_pipeline.pipeline()(text)
    return clause_summary(doc, next(t.i for t in doc if t.text == verb), agents)


@pytest.mark.parametrize(
    ("text", "verb", "agents", "expected"),
    [
        # the preposition stays ("spoke with"), the purpose clause goes
        ("The mayor spoke with the transport minister on Tuesday to discuss the tram plan.", "spoke",
         ["Ana Ruiz"], "Ana Ruiz spoke with the transport minister on Tuesday"),
        # negation is part of the act; the attribution is not
        ("The hospital board did not approve the nurses' pay claim, a spokeswoman said.", "approve",
         ["Hospital board"], "Hospital board did not approve the nurses' pay claim"),
        # a sentence adverb and an adverbial clause are left out, the particle kept
        ("Separately, the union called off the strike after the ministry offered a raise.", "called",
         ["Havenbond"], "Havenbond called off the strike"),
        # the subject is replaced by the actors' names
        ("It fined the ferry operator 3 million euros for failing to report the leak.", "fined",
         ["The maritime authority"], "The maritime authority fined the ferry operator 3 million euros for failing to "
         "report the leak"),
    ],
)  # fmt: skip
def test_clause_summary_keeps_the_act_in_the_articles_words(text, verb, agents, expected):
    assert _summary(text, verb, agents) == expected


def test_quoted_words_lose_their_attribution_and_editorial_marks():
    text = "I also thanked the nurses for their patience [sic],' Dr Moss wrote on Twitter."
    assert _summary(text, "thanked", ["Lena Moss"]) == "Lena Moss also thanked the nurses for their patience"


def test_a_verb_opening_the_sentence_is_not_capitalised_after_the_name():
    assert _summary("Spoke with the union's negotiators today about the pay offer.", "Spoke", ["Omar Reid"]) == (
        "Omar Reid spoke with the union's negotiators today about the pay offer"
    )


def test_a_long_complement_is_cut_to_its_core_and_the_act_kept():
    text = ("The chief executive said that the company would cut its forecast for the third quarter because "
            "demand from carmakers in Europe and Asia had fallen further than its analysts had expected in May.")
    # "said" alone would say nothing: what was said, without its own subordinate clauses
    assert _summary(text, "said", ["Mira Holt"]) == (
        "Mira Holt said that the company would cut its forecast for the third quarter"
    )
    text = ("The union on Friday rejected the offer made by the regional transport authority after eleven hours "
            "of talks that ended without agreement on pay, rest breaks or the length of shifts at the depots.")
    assert _summary(text, "rejected", ["The union"]).startswith("The union on Friday rejected the offer")


def test_an_index_outside_the_sentence_gives_none():
    doc = parse_pipeline.pipeline()("The council voted.")
    assert clause_summary(doc, 7, ["The council"]) is None


def test_a_passive_keeps_its_subject_and_names_its_doers_once():
    from summarizer.strategies.parse_pipeline import pipeline

    doc = pipeline()("The merger was approved by the Halden board on Friday.")
    verb = next(t.i for t in doc if t.lemma_ == "approve")
    assert clause_summary(doc, verb, ["Halden"]) == "The merger was approved by the Halden board on Friday"


def test_a_participle_act_is_headed_by_its_doers_not_given_a_tense_it_lacks():
    text = "The association welcomed the ruling on Monday while also criticising Harbour Council for years of delay."
    expected = "Residents' association: also criticising Harbour Council for years of delay"
    assert _summary(text, "criticising", ["Residents' association"]) == expected


def test_a_side_acts_object_is_not_the_main_acts_recipient():
    from conftest import rules_only

    result = rules_only(
        "title: T\ndate: 2026-05-04\n---\nThe residents' association welcomed the court ruling on Monday "
        "while also criticising Harbour Council for years of delay, its chair Lena Vos said."
    )
    names = {a.id: a.name for a in result.actors}
    welcomed = [e for e in result.events if "welcomed" in e.summary]
    assert [[names[r] for r in e.recipients] for e in welcomed] == [[]]


def test_a_fronted_prepositional_phrase_follows_the_act_so_the_names_lead():
    text = "In a call with the Spanish trade minister in late May, the mayor discussed the harbour levy."
    expected = "Ana Ruiz discussed the harbour levy in a call with the Spanish trade minister in late May"
    assert _summary(text, "discussed", ["Ana Ruiz"]) == expected


def test_an_according_to_attribution_is_not_part_of_the_act():
    text = "The port authority fined the ferry operator on Friday, according to a statement from the ministry."
    expected = "Harbour board fined the ferry operator on Friday"
    assert _summary(text, "fined", ["Harbour board"]) == expected
