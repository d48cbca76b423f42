"""A word of the stance lexicon keeps its reading when it is the second of two coordinated
adjectives: the parser hangs it on the first ("quick and heavy fines": "heavy" is a conj of
"quick", not an amod of "fines"). Sentences written for this test, in domains the fixtures lack."""

from __future__ import annotations

import pytest
from conftest import rules_on

from summarizer.models import ArticleSummary
from summarizer.strategies import parse_pipeline

pytestmark = pytest.mark.skipif(not parse_pipeline.available(), reason="needs spaCy's English pipeline")


def _run(body: str) -> ArticleSummary:
    return rules_on(body, "2026-05-04")


def test_a_severe_consequence_second_in_a_coordination_is_still_a_threat():
    result = _run(
        "Energy commissioner Lena Voss said the regulator would impose quick and heavy fines if the "
        "pipeline operator kept venting gas near the school."
    )
    names = {a.id: a.name for a in result.actors}
    assert [(names[s.holder], s.position) for s in result.stances] == [("Lena Voss", "oppose")]
    assert result.stances[0].topic.startswith("the pipeline operator kept venting gas")
