"""Acts told by general English constructions: an offer, an answer withheld, a threat set off by
another party's act. Every article here is written for these tests, in domains the fixtures do not cover."""

from __future__ import annotations

import pytest
from conftest import events_by_sentence as _events, rules_on

from summarizer.models import ArticleSummary
from summarizer.strategies import parse_pipeline

pytestmark = pytest.mark.skipif(not parse_pipeline.available(), reason="the guided parse needs spaCy")


def _run(*sentences: str) -> ArticleSummary:
    return rules_on(" ".join(sentences), "2026-05-06")


def _names(result: ArticleSummary, ids: list[str]) -> set[str]:
    return {a.name for a in result.actors if a.id in ids}


def test_an_offer_made_is_aid_and_what_something_offers_is_not_an_act():
    result = _run(
        "The Dalmore Ferry Company cut its winter sailings to the island of Skerrin on Monday.",
        "The Skerrin Island Council has offered to pay for a second boat.",
        "The Dalmore Ferry Company offers the only year-round link to the mainland.",
    )
    by_sentence = _events(result)
    assert [e.type for e in by_sentence[2]] == ["AID"]
    assert _names(result, by_sentence[2][0].actors) == {"Skerrin Island Council"}
    assert 3 not in by_sentence


def test_an_answer_withheld_is_a_statement_but_not_a_question_left_open_or_a_request_for_comment():
    result = _run(
        "The Tarrow Valley Growers' Association sent the water board an ultimatum on Monday.",
        "The Tarrow Water Board did not respond to the ultimatum on Tuesday.",
        "The Orland Seed Cooperative declined to comment on the dispute.",
        "The Tarrow Water Board declined to say whether the quotas would change.",
        "The Orland Seed Cooperative did not respond to a request for comment.",
    )
    by_sentence = _events(result)
    assert [(e.type, e.factuality) for e in by_sentence[2]] == [("STATEMENT", "denied")]
    assert _names(result, by_sentence[2][0].actors) == {"Tarrow Water Board"}
    assert [e.type for e in by_sentence[3]] == ["STATEMENT"]
    assert 4 not in by_sentence and 5 not in by_sentence


def test_a_plan_set_off_by_another_partys_act_is_a_threat_to_that_party():
    result = _run(
        "The Brennock Nurses' Union said its members would walk off the wards on June 3 unless "
        "Castlegate Hospital Trust restored the night allowance.",
        "The Brennock Nurses' Union said it would hold a ballot in July.",
    )
    by_sentence = _events(result)
    threat = by_sentence[1][0]
    assert threat.type == "THREATEN"
    assert _names(result, threat.actors) == {"Brennock Nurses' Union"}
    assert _names(result, threat.recipients) == {"Castlegate Hospital Trust"}
    assert 2 not in by_sentence  # its own plan, with no condition on another party: a follow-up


def test_what_a_speaker_says_another_party_had_done_is_its_case_not_an_act():
    result = _run(
        "The Harrowgate Tenants' Federation said Pellow Housing had raised rents twice and cut repairs staff.",
        "Pellow Housing said it had hired twelve new plumbers in March.",
    )
    by_sentence = _events(result)
    assert 1 not in by_sentence  # the federation's case against the landlord
    assert _names(result, by_sentence[2][0].actors) == {"Pellow Housing"}  # the speaker's own act


def test_taking_a_side_or_a_view_is_a_position_not_an_act():
    result = _run(
        "The Corlan Fishermen's Association blockaded the harbour at Rossmar on Monday.",
        "The Rossmar Chamber of Commerce took the opposite view.",
        "The Marine Licensing Board said it would not take sides in the dispute.",
    )
    by_sentence = _events(result)
    assert 1 in by_sentence and 2 not in by_sentence and 3 not in by_sentence


def test_a_missed_deadline_told_of_another_party_is_the_speakers_charge():
    result = _run(
        "The Kestrel Bay Port Authority said Dunmore Dredging had missed two deadlines for the new quay.",
    )
    charge = _events(result)[1][0]
    assert charge.type == "ACCUSE"
    assert _names(result, charge.actors) == {"Kestrel Bay Port Authority"}
    assert _names(result, charge.recipients) == {"Dunmore Dredging"}


def test_a_past_act_the_parser_hangs_on_a_clause_of_what_will_be_is_the_main_verbs_second_act():
    result = _run(
        "Corvell Partners, an investor in Almira Foods, criticised the company for acting as if demand "
        "will grow forever and called for a smaller dividend.",
    )
    types = {e.type for e in _events(result)[1]}
    assert types == {"ACCUSE", "REQUEST"}


def test_a_matter_the_speaker_says_it_is_weighing_is_its_answer_but_an_open_question_is_not():
    result = _run(
        "The Ostrava Cycling League suspended the Velka Team for a week on Monday.",
        "Moravia Bank, the team's main sponsor, said it was reviewing its sponsorship.",
        "The Velka Team said it was studying whether to appeal the suspension.",
    )
    by_sentence = _events(result)
    assert [e.type for e in by_sentence[2]] == ["STATEMENT"]
    assert _names(result, by_sentence[2][0].actors) == {"Moravia Bank"}
    assert 3 not in by_sentence


def test_a_date_in_a_plan_told_beside_an_act_is_not_the_acts_date():
    result = _run(
        "The Carrow Water Board has offered to pay for new pumps and said it would send the first payment on July 1.",
    )
    offer = _events(result)[1][0]
    assert offer.type == "AID"
    assert offer.date is None or not offer.date.endswith("07-01")


def test_a_reply_to_words_said_before_is_aimed_at_who_said_them():
    result = _run(
        "The Harwick Growers Association said the Torvale Water Board had wasted the reservoir in May.",
        '"They ignored every warning," the association said.',
        "The Torvale Water Board rejected that claim on Tuesday.",
    )
    reply = next(e for e in result.events if e.type == "REJECT")
    assert _names(result, reply.actors) == {"Torvale Water Board"}
    assert _names(result, reply.recipients) == {"Harwick Growers Association"}


def test_welcoming_the_decision_is_aimed_at_who_took_the_decision_the_report_opens_with():
    result = _run(
        "The Brennock Planning Board voted on Monday to block a waste incinerator near the village of Aldy.",
        "The incinerator would have burned 90,000 tonnes of rubbish a year.",
        "The Aldy Residents Alliance welcomed the decision.",
    )
    reaction = next(e for e in result.events if _names(result, e.actors) == {"Aldy Residents Alliance"})
    assert _names(result, reaction.recipients) == {"Brennock Planning Board"}


def test_no_reply_to_an_ultimatum_is_aimed_at_who_set_it():
    result = _run(
        "The Harwick Growers Association said it would block the roads into Torvale on June 3 unless the "
        "Torvale Water Board restored its irrigation quota.",
        "The Torvale Water Board did not respond to the ultimatum on Tuesday.",
    )
    silence = next(e for e in result.events if e.evidence[0].sentence == 2)
    assert _names(result, silence.actors) == {"Torvale Water Board"}
    assert _names(result, silence.recipients) == {"Harwick Growers Association"}
