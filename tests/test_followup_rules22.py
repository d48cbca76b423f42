"""Follow-up rules of round 22, each on sentences written for it (no fixture text):
a "can" held to a present condition or given as a power in the narrative (`followups_can`), and
a bare "the party" / "the group" in a clause reported by someone who holds an office in a body
(`followups_doer.speakers_body`)."""

from __future__ import annotations

from conftest import followup_names as _names, rules_only

from summarizer.models import ArticleSummary

HEADER = "title: Test\ndate: 2026-04-15\n---\n"  # a Wednesday


def _run(body: str) -> ArticleSummary:
    return rules_only(HEADER + body)


def _quotes(result: ArticleSummary) -> list[str]:
    return [f.evidence[0].quote for f in result.follow_ups]


def test_a_can_held_to_a_present_condition_looks_ahead():
    result = _run(
        "The Marine Fisheries Office opened an inquiry on Tuesday into catches at the port of Lindhaven. "
        "If the office finds illegal landings, it can suspend the licences of the vessels involved."
    )
    (f,) = [f for f in result.follow_ups if "suspend" in f.evidence[0].quote]
    assert f.kind == "conditional"
    assert _names(result, f) == ["Marine Fisheries Office"]


def test_a_power_given_in_the_narrative_looks_ahead_but_not_what_a_thing_can_do():
    result = _run(
        "The Grain Trade Authority has opened a review of the merger of Harvest Mills and Ostra Foods. "
        "The authority can block the merger or approve it with conditions. "
        "Mould spores can survive for weeks in damp storage."
    )
    quotes = _quotes(result)
    assert any("can block the merger" in q for q in quotes)
    assert not any("spores" in q for q in quotes)


def test_a_can_in_direct_speech_or_negated_is_no_step_ahead():
    result = _run(
        "The Grain Trade Authority has opened a review of the merger of Harvest Mills and Ostra Foods. "
        '"We can offer farmers better prices," the chief executive of Harvest Mills, Olga Brandt, said. '
        "The authority cannot block the merger on its own."
    )
    quotes = _quotes(result)
    assert not any("better prices" in q or "cannot block" in q for q in quotes)


def test_a_bare_body_noun_reported_by_its_officer_is_the_speakers_body():
    result = _run(
        "The standards commissioner, Rita Holm, opened an inquiry on Monday into the expenses of Olaf Berg, "
        "a member of parliament. The Nordic Renewal Alliance's chief whip, Anna Lindqvist, said the party "
        "would suspend Berg if the commissioner found a breach."
    )
    (f,) = [f for f in result.follow_ups if "suspend" in f.evidence[0].quote]
    assert "Anna Lindqvist" in _names(result, f)
    assert "Rita Holm" not in _names(result, f)  # (the parse's guess for "the party")


def test_two_clauses_with_a_month_ahead_each_are_two_steps():
    result = _run(
        "The Baltic Rail Authority cancelled its contract with Nordline on Monday. "
        "The authority said it would open a new tender in September and hoped to sign a contract by March 2027."
    )
    assert sorted(f.due_text or "" for f in result.follow_ups if "tender" in f.evidence[0].quote) == [
        "by March 2027", "in September",
    ]  # fmt: skip


def test_a_habit_with_a_term_is_a_procedures_step_but_not_a_perfect_or_an_untimed_habit():
    result = _run(
        "Harbour Foods appealed against the fine to the Food Standards Council on Monday. "
        "The Food Standards Council normally rules within 60 days of an appeal. "
        "Appeals of this kind have usually taken more than a year. "
        "The council usually meets in a converted warehouse."
    )
    quotes = _quotes(result)
    assert any("normally rules" in q for q in quotes)
    assert not any("usually taken" in q or "usually meets" in q for q in quotes)
