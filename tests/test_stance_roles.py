"""A stance said only in a bare quote, from its speaker's part in the article's central act.

The sentences were written for these tests, not taken from the fixtures.
"""

from __future__ import annotations

import pytest
from conftest import rules_on

from summarizer.models import ArticleSummary
from summarizer.strategies import parse_pipeline

pytestmark = pytest.mark.skipif(not parse_pipeline.available(), reason="needs spaCy's English pipeline")


def _run(body: str) -> ArticleSummary:
    return rules_on(body, "2026-05-04")


def _sides(result: ArticleSummary) -> list[tuple[str, str]]:
    names = {a.id: a.name for a in result.actors}
    return [(names[s.holder], s.position) for s in result.stances]


def test_the_doers_first_person_quote_supports_the_act():
    result = _run(
        "The Dunmore Water Board cut the water supply to 40 farms on Monday. "
        '"We cannot share water we do not have," the board\'s chairman, Alan Reed, said.'
    )
    assert ("Alan Reed", "support") in _sides(result)


def test_the_recipients_first_person_quote_opposes_the_act():
    result = _run(
        "The Dunmore Town Council fined Harbour Lights Ltd 20,000 euros on Monday. "
        '"We did everything by the book," the chief executive of Harbour Lights Ltd, Ann Bell, said.'
    )
    assert ("Ann Bell", "oppose") in _sides(result)


def test_a_quote_of_another_partys_doings_takes_no_side_by_role():
    result = _run(
        "The Dunmore Town Council fined Harbour Lights Ltd 20,000 euros on Monday. "
        '"The company had two years to fix the roof," the council\'s leader, Mary Quinn, said.'
    )
    assert _sides(result) == []


def test_an_office_speaks_for_the_body_its_possessor_names():
    result = _run(
        "Ireland's grid operator cut power to the Tarn steel mill on Monday. "
        '"We gave them two warnings," the operator\'s chief executive said.'
    )
    assert ("operator's chief executive", "support") in _sides(result)


def test_a_quote_of_them_acting_on_us_opposes():
    result = _run(
        "The Harlow Water Company raised its prices by 30 percent on Monday. "
        '"They took our money for years and gave us nothing," said Ada Finch, a pensioner in Harlow.'
    )
    assert ("Ada Finch", "oppose") in _sides(result)
