"""Event rules of round 22, each on sentences written for it (domains the fixtures do not cover)."""

from __future__ import annotations

import pytest
from conftest import events_by_sentence as _events, rules_only

from summarizer.models import ArticleSummary
from summarizer.strategies import parse_pipeline

pytestmark = pytest.mark.skipif(not parse_pipeline.available(), reason="the guided parse needs spaCy")


def _run(*sentences: str) -> ArticleSummary:
    return rules_only("title: Test\ndate: 2026-05-06\n---\n" + " ".join(sentences))


def _names(result: ArticleSummary, ids: list[str]) -> set[str]:
    return {a.name for a in result.actors if a.id in ids}


def test_a_typed_act_the_speaker_announces_for_itself_is_its_act_now():
    result = _run(
        "The Orland Beekeepers' Guild lost its grazing permit on the Tarrow estate on Monday.",
        "The Orland Beekeepers' Guild said on Tuesday it would oppose the new permit rules.",
        "The Tarrow Estate Trust said prices for honey would rise this year.",
        "The Orland Beekeepers' Guild said it would oppose the rules if the trust raised the fee.",
    )
    by_sentence = _events(result)
    assert [e.type for e in by_sentence[2]] == ["REJECT"]
    assert _names(result, by_sentence[2][0].actors) == {"Orland Beekeepers' Guild"}
    assert 3 not in by_sentence  # a forecast of what a thing will do, untyped
    assert [e.type for e in by_sentence.get(4, [])] != ["REJECT"]  # a conditional plan is a threat, not an announcement


def test_a_person_announces_own_act_but_an_office_holder_only_tells_the_institutions_plan():
    result = _run(
        "The Kelso Tramways Authority cut the evening timetable on Monday.",
        "The drivers' representative, Tomas Vire, said he would meet the authority's board on Friday.",
        "Its director, Maren Holt, said the authority would meet the drivers' union on Friday.",
    )
    by_sentence = _events(result)
    assert [e.type for e in by_sentence[2]] == ["CONSULT"]
    assert _names(result, by_sentence[2][0].actors) == {"Tomas Vire"}
    assert 3 not in by_sentence
