"""Stances not read from what is only the holder's own act or a request not made, and a backing
of an action against something read as opposition to it. Sentences written for these tests."""

from __future__ import annotations

import pytest
from conftest import rules_only

from summarizer.models import ArticleSummary
from summarizer.strategies import parse_pipeline

pytestmark = pytest.mark.skipif(not parse_pipeline.available(), reason="needs spaCy's English pipeline")


def _stances(body: str) -> list[tuple[str, str, str]]:
    result: ArticleSummary = rules_only(f"title: Test\ndate: 2026-05-04\n---\n{body}")
    names = {a.id: a.name for a in result.actors}
    return [(names[s.holder], s.position, s.topic) for s in result.stances]


def test_threatening_ones_own_act_is_no_stance():
    body = "The Harbour Pilots Guild threatened to stop work on Friday after the port cut its fees."
    assert not [s for s in _stances(body) if s[0] == "Harbour Pilots Guild"]


def test_a_request_not_yet_made_takes_no_side():
    body = "The Dunmore Residents Group has not yet asked for the park to be declared a protected area."
    assert not [s for s in _stances(body) if s[0] == "Dunmore Residents Group"]


def test_voting_to_back_a_challenge_against_something_opposes_it():
    body = "The Brookfield Teachers Federation voted on Monday to back a court challenge against the new exam rules."
    assert ("Brookfield Teachers Federation", "oppose", "the new exam rules") in _stances(body)
