"""Follow-ups with no modal (`followups_pending`) and forward clauses that state no expectation
(`followups_said.no_expectation`), on sentences written for these tests."""

from __future__ import annotations

from conftest import followup_names as _names, rules_only

from summarizer.models import ArticleSummary

HEADER = "title: Test\ndate: 2026-04-15\n---\n"


def _run(body: str) -> ArticleSummary:
    return rules_only(HEADER + body)


def test_a_span_of_time_allowed_is_a_follow_up_for_its_subject_not_the_speaker():
    result = _run("Veltro Energy has 21 days to answer the complaint, the Water Regulation Authority said.")
    (f,) = result.follow_ups
    assert _names(result, f) == ["Veltro Energy"]


def test_a_span_of_time_used_up_is_no_follow_up():
    result = _run("Veltro Energy has had six months to repair the pipeline, the Water Regulation Authority said.")
    assert result.follow_ups == []


def test_a_reported_deliberation_under_way_is_a_follow_up():
    result = _run("The Brenmoor Health Trust said it was reviewing the cleaning contract.")
    (f,) = result.follow_ups
    assert _names(result, f) == ["Brenmoor Health Trust"]


def test_a_deliberation_asked_about_is_no_follow_up():
    result = _run("The Brenmoor Health Trust did not say whether Castell Care was considering a bid.")
    assert result.follow_ups == []


def test_a_prediction_reported_in_the_past_perfect_is_overtaken():
    result = _run("The Orlan Farmers' Union had warned in March that it would block the roads.")
    assert result.follow_ups == []


def test_a_feared_effect_is_no_follow_up():
    result = _run("The Pilots' Association of Varno said it feared that the merger would cut 300 jobs.")
    assert result.follow_ups == []


def test_a_preference_is_no_follow_up():
    result = _run('"I would rather close the stadium than risk a crush," said Mayor Tomas Reyl of Dunmore.')
    assert result.follow_ups == []


def test_an_existential_of_none_is_no_follow_up():
    result = _run('"If the quota is cut again, there will be no trawlers left," said Ana Ferro of the Coast Guild.')
    assert result.follow_ups == []


def test_what_a_source_declines_to_say_is_no_expected_action():
    result = _run("A ministry spokeswoman declined to say whether the closures could be reversed.")
    assert result.follow_ups == []


def test_the_speakers_own_people_act_not_the_party_in_the_condition():
    result = _run(
        "The Harbour Workers' Federation said its members would stay out for two days and would block "
        "the port again on May 20 unless the operator, Stena Terminals, withdrew the plan."
    )
    dated = [f for f in result.follow_ups if f.due == "2026-05-20"]
    assert dated and all("Stena Terminals" not in _names(result, f) for f in dated)
    assert "Harbour Workers' Federation" in _names(result, dated[0])


def test_a_plan_in_a_past_time_clause_is_no_follow_up():
    result = _run("The Dunmore Jazz Week was called off three days before it was due to open.")
    assert result.follow_ups == []


def test_an_ability_ended_is_no_follow_up():
    result = _run("Mayor Ilse Varga of Dunmore said the town could no longer pay for the ferry.")
    assert result.follow_ups == []


def test_what_a_thing_is_is_not_the_semi_modal_of_a_plan():
    result = _run('"What we cannot accept is to wait," said Ana Ferro of the Coast Guild. "The choice was to close."')
    assert result.follow_ups == []
    planned = _run("Foreign Minister Ana Ferro of Varno is to visit Oslo on Monday.")
    assert len(planned.follow_ups) == 1


def test_a_directive_in_the_present_perfect_still_stands_for_its_object_after_the_lead():
    result = _run(
        "A Varno court has ordered Kestrel Mining to close the shaft. "
        "The Health Ministry of Varno has asked the Varno Audit Office to examine the contracts."
    )
    (f,) = result.follow_ups  # (the lead's present perfect tells the news event, done)
    assert _names(result, f) == ["Varno Audit Office"]


def test_a_passive_directive_stands_unless_past_and_undated():
    (f,) = _run("Kestrel Mining has been told to close the shaft.").follow_ups
    assert f.actors
    assert _run("Kestrel Mining was told on Monday to close the shaft.").follow_ups == []
    dated = _run("Kestrel Mining had been ordered to close the shaft by May 20.").follow_ups
    assert [f.due for f in dated] == ["2026-05-20"]
    assert _run("Kestrel Mining has been told not to reopen the shaft.").follow_ups == []


def test_an_event_someone_is_called_to_with_a_date_ahead_is_a_follow_up():
    result = _run("The Varno Fishing Council has invited the Port Authority of Varno to talks next Tuesday.")
    (f,) = result.follow_ups
    assert f.kind == "scheduled" and f.due is not None
    assert "Varno Fishing Council" in _names(result, f)


def test_our_people_in_a_quote_with_no_verb_of_saying_are_the_speakers_side():
    result = _run(
        "\"The port is our life,\" said Ola Berg, who chairs the Harbour Pilots' Guild. "
        "\"If the port closes, many of our members will leave.\""
    )
    (f,) = [f for f in result.follow_ups if f.evidence[0].sentence == 2]
    assert f.actors


def test_a_verb_of_obligation_directs_its_object():
    result = _run("Under the charter, a petition of 5,000 voters would oblige the Varno Assembly to hold a referendum.")
    assert [_names(result, f) for f in result.follow_ups] == [["Varno Assembly"]]


def test_two_modal_steps_of_one_subject_one_dated_are_two_follow_ups():
    result = _run("The Varno Teachers' Union said it would strike on May 20 and would collect signatures.")
    assert sorted(str(f.due) for f in result.follow_ups) == ["2026-05-20", "None"]


def test_a_possibility_open_to_each_one_is_no_follow_up():
    result = _run("Ana Ferro, a lawyer for the Varno Consumer League, said each passenger could claim up to 200 euros.")
    assert result.follow_ups == []
