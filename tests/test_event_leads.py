"""Events in constructions news leads and reports share: a wire dateline before the lead's subject, a
passive whose by-phrase names a party the parse did not resolve. Every article here is written for
these tests, in domains the fixtures do not cover."""

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


def test_a_wire_dateline_is_not_the_leads_subject_nor_its_agency_an_actor():
    result = _run(
        "VALMORE, May 5 (Coastline Wire) - The Valmore Harbour Authority on Tuesday fined the shipping firm "
        "Norrland Cargo 2 million euros for dumping ballast water in the bay.",
        "The company said it would pay the fine.",
    )
    lead = _events(result)[1]
    assert [e.type for e in lead] == ["SANCTION"]
    assert _names(result, lead[0].actors) == {"Valmore Harbour Authority"}
    assert lead[0].date_text == "Tuesday"  # (the dateline's day is when the wire filed)
    assert "Coastline Wire" not in {a.name for a in result.actors}


def test_a_passive_whose_by_phrase_names_another_party_is_not_the_cited_bodys_act():
    result = _run(
        "The Ostrava Rail Agency said on Monday that it had opened an inquiry into the outage.",
        "The outage was blamed by the operator on a faulty signal.",
    )
    assert not any(
        "Ostrava Rail Agency" in _names(result, e.actors) for e in _events(result).get(2, [])
    )


def test_a_bare_verb_coordinated_with_a_plan_shares_its_modal():
    result = _run(
        "The Harlan Dairy Cooperative was fined 40,000 euros by the Orvel Food Agency on Monday.",
        "The Harlan Dairy Cooperative said it would file an appeal on Friday and ask the Orvel District Court "
        "to suspend the fine.",
    )
    assert not any(e.type == "REQUEST" for e in _events(result).get(2, []))


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        ("The Brenna Fishermen's Association said half of its members' income came from the herring catch "
         "and called for a compensation fund.", "Brenna Fishermen's Association"),
        ("The Kestrel Growers' Federation argued that the study risked becoming a witch hunt and urged "
         "the Tarvik Trade Ministry to look at importers.", "Kestrel Growers' Federation"),
    ],
)
def test_a_subjectless_speech_act_hung_on_a_things_clause_is_the_speakers(sentence: str, speaker: str):
    result = _run("The Tarvik Trade Ministry opened a study of fish prices on Monday.", sentence)
    acts = _events(result).get(2, [])
    assert [e.type for e in acts] == ["REQUEST"]
    assert _names(result, acts[0].actors) == {speaker}


def test_a_vote_to_do_an_untyped_act_is_that_act_not_an_agreement_and_its_tally_no_measure():
    result = _run(
        "The Marrow Town Council voted 9 to 4 on Monday to close the old ferry terminal.",
        "The Marrow Town Council voted on Tuesday to shut the harbour car park in winter.",
    )
    by_sentence = _events(result)
    assert [e.type for e in by_sentence[1]] == ["OTHER"]
    assert [e.type for e in by_sentence[2]] == ["OTHER"]


def test_accepting_or_acknowledging_that_something_went_wrong_is_a_concession_accepting_an_offer_is_not():
    result = _run(
        "The Dunmore Water Company accepted on Monday that its checks had failed.",
        "The Dunmore Water Company acknowledged that two pumps had been left unrepaired.",
        "The Dunmore Water Company accepted the Kelso Council's offer of a loan.",
    )
    by_sentence = _events(result)
    assert [e.type for e in by_sentence[1]] == ["CONCEDE"]
    assert [e.type for e in by_sentence[2]] == ["CONCEDE"]
    assert [e.type for e in by_sentence[3]] == ["AGREE"]


def test_signing_a_contract_with_someone_is_an_agreement_not_a_consultation():
    result = _run(
        "The Arnsberg Housing Agency signed a ten-year lease with the property firm Kelbrook Estates on Monday.",
    )
    assert [e.type for e in _events(result)[1]] == ["AGREE"]


def test_voting_with_a_side_is_support():
    result = _run("Two independent members, Maria Olsen and Peter Vik, voted with the Halden coalition on Tuesday.")
    assert [e.type for e in _events(result)[1]] == ["SUPPORT"]


def test_a_penalty_held_out_under_a_condition_is_the_speakers_threat():
    result = _run(
        "The Kessel Port Authority opened an inquiry into the Baltmar Shipping fire on Monday.",
        "If the inquiry finds that Baltmar Shipping ignored the safety rules, Baltmar Shipping could be fined "
        "up to 2 million euros, the Kessel Port Authority said.",
    )
    (threat,) = _events(result)[2]
    assert threat.type == "THREATEN"
    assert _names(result, threat.actors) == {"Kessel Port Authority"}
    assert _names(result, threat.recipients) == {"Baltmar Shipping"}
