"""Follow-ups of the guided strategy: one per clause that looks ahead, with who is expected
to act and the date it is due, read from the parse (`strategies/followups.py`).

Every article here was written for these tests, in domains the fixtures lack (health,
energy, chemicals, sport, science); they run the whole strategy with an engine that
declines the summary, as `bench/eval_rules.py` does, so no model is loaded.
"""

from __future__ import annotations

from conftest import followup_names as _names, rules_only

from summarizer.inputs import parse_article
from summarizer.models import ArticleSummary, FollowUp

HEADER = "title: Test\ndate: 2026-04-15\n---\n"  # a Wednesday


def _run(body: str) -> ArticleSummary:
    return rules_only(HEADER + body)


def _by_sentence(result: ArticleSummary) -> dict[int, list[FollowUp]]:
    out: dict[int, list[FollowUp]] = {}
    for f in result.follow_ups:
        out.setdefault(f.evidence[0].sentence, []).append(f)
    return out


def test_an_obligation_is_for_the_one_obliged_not_the_speaker():
    result = _run("Energy Minister Carla Dumas said Novalink must repay its customers by June 30.")
    (f,) = result.follow_ups
    assert _names(result, f) == ["Novalink"]
    assert (f.kind, f.due, f.due_text) == ("deadline", "2026-06-30", "by June 30")


def test_no_follow_up_from_a_negated_counterfactual_descriptive_or_unknown_future():
    result = _run(
        "The merged firm would employ about 4,000 nurses. "
        "The hospital would have closed earlier if the funds had not arrived. "
        "Mayor Ida Brenner said the city would not raise taxes this year. "
        "The agency did not say when the tests would resume."
    )
    assert result.follow_ups == []


def test_a_relative_clause_looks_ahead_for_the_noun_it_describes():
    # The main clauses are past and about someone else; only the relative clauses look ahead.
    result = _run(
        "Lena Voss thanked Orbis Chemicals, which will close two plants in June. "
        "The union met Baltica Rail, whose board will vote on the offer on May 6."
    )
    by = _by_sentence(result)
    assert [(_names(result, f), f.due_text) for f in by[1]] == [(["Orbis Chemicals"], "in June")]
    assert [(_names(result, f), f.due) for f in by[2]] == [(["Baltica Rail"], "2026-05-06")]


def test_the_object_of_a_directive_is_expected_to_act():
    result = _run("Health Minister Tomas Reyes is urging Kestrel Labs to publish its trial data.")
    (f,) = result.follow_ups
    assert _names(result, f) == ["Kestrel Labs"] and f.kind == "expected_action"


def test_a_past_directive_looks_ahead_only_with_a_term_of_its_own_or_of_its_partner():
    result = _run(
        "A tribunal in Halsford on Monday ordered Brightwater Utilities to compensate its customers. "
        "The regulator has told Corran Gas to replace the valves within 60 days. "
        "The court gave Norvale Rail until June 1 to repay the fares, and ordered Tarsk Buses to publish an apology."
    )
    by = _by_sentence(result)
    assert 1 not in by  # the order is told as done; its term, if any, is told elsewhere
    assert [_names(result, f) for f in by[2]] == [["Corran Gas"]]
    assert [_names(result, f) for f in by[3]] == [["Norvale Rail"], ["Tarsk Buses"]]


def test_a_deadline_given_to_someone_is_theirs_with_its_date():
    result = _run("The court gave Velto Energy until September 1 to remove the pipeline.")
    (f,) = result.follow_ups
    assert _names(result, f) == ["Velto Energy"]
    assert (f.kind, f.due) == ("deadline", "2026-09-01")


def test_a_condition_names_who_acts_when_the_main_clause_does_not():
    result = _run("If Kessler Pharma files an appeal, the ban will be suspended.")
    (f,) = result.follow_ups
    assert _names(result, f) == ["Kessler Pharma"] and f.kind == "conditional"


def test_a_dated_condition_is_a_second_follow_up_for_its_own_subject():
    result = _run(
        "The nurses' union said it will strike from May 2 unless Harlow Health improves its offer by April 28."
    )
    got = {(tuple(_names(result, f)), f.kind, f.due) for f in result.follow_ups}
    assert got == {(("nurses' union",), "conditional", "2026-05-02"), (("Harlow Health",), "deadline", "2026-04-28")}


def test_the_due_date_is_the_forward_clauses_own_read_ahead():
    result = _run(
        "Senator Ruth Abara, who met the researchers on Monday, said the committee would publish its findings "
        "on May 12. Dunmore Rovers have until Friday to appeal, the league said. "
        "The launch of the probe is scheduled for June 3."
    )
    by = _by_sentence(result)
    assert [(f.due_text, f.due) for f in by[1]] == [("on May 12", "2026-05-12")]  # not Monday, the meeting
    assert [(f.due_text, f.due, f.kind) for f in by[2]] == [("until Friday", "2026-04-17", "deadline")]
    assert [f.due for f in by[3]] == ["2026-06-03"]


def test_two_dates_ahead_in_one_plan_are_two_follow_ups():
    result = _run(
        "Coach Anna Field said the team would play the first leg on May 2, with a replay on May 9. "
        "The launch director said the rocket would fly on Friday, with a back-up date of May 12."
    )
    by = _by_sentence(result)
    assert sorted(f.due for f in by[1]) == ["2026-05-02", "2026-05-09"]
    assert sorted(f.due for f in by[2]) == ["2026-04-17", "2026-05-12"]


def test_a_noun_of_need_with_its_own_subject_looks_ahead():
    result = _run(
        "Minister Karin Holt met officials of Velmora Steel on Tuesday. "
        "The talks covered the urgent need for Velmora Steel to cut its emissions."
    )
    assert [_names(result, f) for f in _by_sentence(result)[2]] == [["Velmora Steel"]]


def test_an_approval_the_plan_waits_for_is_a_follow_up_for_the_approver():
    result = _run(
        "The Competition Authority opened a review of the takeover on Monday. "
        "The takeover is expected to close in June, subject to approval by the Competition Authority."
    )
    by = _by_sentence(result)[2]
    assert ["Competition Authority"] in [_names(result, f) for f in by if f.kind == "conditional"]
    assert "in June" in [f.due_text for f in by]


def test_after_a_parenthetical_speaker_the_subject_of_the_content_acts():
    result = _run("Velmora Steel has already paid 2 million euros, Karin Holt said, and will pay the rest by July 1.")
    (f,) = result.follow_ups
    assert _names(result, f) == ["Velmora Steel"] and f.due == "2026-07-01"


def test_a_plan_or_need_named_by_a_noun_is_its_holders():
    result = _run(
        "Mayor Ida Brenner stressed the need to repair the Kell bridge. "
        "Her office welcomed Dalton Rail's plan to open a station in Kell. "
        "He pointed to the council's decision to close the library."
    )
    by = _by_sentence(result)
    assert [_names(result, f) for f in by[1]] == [["Ida Brenner"]]
    assert [_names(result, f) for f in by[2]] == [["Dalton Rail"]]
    assert 3 not in by  # a decision taken is news, not a plan


def test_when_a_thing_is_the_subject_the_one_it_gives_to_is_concerned():
    result = _run(
        "The Orvia Institute won a science prize on Monday. "
        "The prize gives the Orvia Institute a place at the world congress next year."
    )
    assert [(_names(result, f), f.due_text) for f in _by_sentence(result)[2]] == [(["Orvia Institute"], "next year")]


def test_a_surname_a_weekday_with_its_hour_and_a_plan_given_up():
    result = _run(
        "His deputy, Rosa Quint, faces the former police chief Dan Morrow. "
        "Morrow has promised to reopen the rural stations within a year. "
        "Polls close at 8 p.m., and results are expected on Thursday morning. "
        "The county had planned to hold the vote in October but delayed it after a flood."
    )
    by = _by_sentence(result)
    assert [_names(result, f) for f in by[2]] == [["Dan Morrow"]]
    assert [f.due for f in by[3]] == ["2026-04-16"]
    assert 4 not in by


def test_a_reported_would_counts_however_the_parser_hangs_it():
    # The parser hangs "and that the scheme would be reviewed" on the relative clause before it.
    result = _run(
        "A spokesperson said the grants were designed for towns where families had no clinic "
        "and that the scheme would be reviewed every year."
    )
    assert [f.kind for f in result.follow_ups] == ["expected_action"]


def test_a_pronoun_in_reported_speech_is_the_speaker_never_the_last_sentences_actor():
    result = _run(
        "A jury found former mayor Erik Sand guilty of fraud on Tuesday. "
        "His lawyer, Mia Rask, said Sand would appeal the verdict. "
        "Prosecutors said they would seek a prison term of at least four years."
    )
    by = _by_sentence(result)
    assert [_names(result, f) for f in by[2]] == [["Erik Sand"]]
    assert [_names(result, f) for f in by[3]] == [[]]  # the prosecutors are no actor here


def test_can_with_a_deadline_looks_ahead_could_see_does_not():
    result = _run(
        "Voters can register until April 30. "
        "Residents could see smoke from miles away on Monday. "
        "Talks between the two hospitals are scheduled for next week."
    )
    by = _by_sentence(result)
    assert [(f.kind, f.due) for f in by[1]] == [("deadline", "2026-04-30")]
    assert 2 not in by
    assert [f.due_text for f in by[3]] == ["for next week"]


def test_a_noun_with_a_by_agent_is_no_approval_unless_the_plan_waits_for_it():
    visit = _run("After a visit by the Minister of Labour Anna Brill, the dockers' union will strike on Friday.")
    assert not any("Anna Brill" in _names(visit, f) for f in visit.follow_ups)
    ruling = _run(
        "Parents took the Eastfield school closure to the Westmark High Court on Monday. "
        "The school will reopen in May, pending a ruling by the Westmark High Court."
    )
    assert any(f.kind == "conditional" and _names(ruling, f) == ["Westmark High Court"] for f in ruling.follow_ups)


def test_clauses_pair_with_their_verbs_by_position_not_by_count():
    from dataclasses import replace

    from summarizer.strategies import followups, guided

    article = parse_article(
        HEADER + "Northgate Water raised its prices on Monday. Northgate Water stressed the need to cut leaks by 2030."
    )
    p = guided.plan(article)
    assert p.analysis is not None
    ids = {i: f"A{n + 1}" for n, i in enumerate(p.actors)}
    expected = [(f.actors, f.kind) for f in followups.follow_ups(article, p.analysis, ids)]
    assert expected == [(["A1"], "deadline")]  # whose need: the one who stressed it
    # A clause list one longer than the sentence's verbs (an extra clause a later stage added,
    # say) must not cost the others their agents.
    info = p.analysis.sentences[1]
    extra = replace(info.clauses[0], index=len(info.text) + 100, agents=[], main=False)
    info.clauses.append(extra)
    assert [(f.actors, f.kind) for f in followups.follow_ups(article, p.analysis, ids)] == expected


def test_what_is_denied_or_named_as_nothing_is_no_follow_up():
    result = _run(
        "The mayor of Dunmore, Rita Kahn, denied claims that parking fees would rise next year. "
        '"There is no plan to close the plant," a spokesman for Dorland Steel said. '
        '"We have promised nothing," said Ines Moreau, the leader of the farmers\' union.'
    )
    assert result.follow_ups == []


def test_two_reported_expectations_in_one_sentence_are_two_follow_ups():
    result = _run(
        "Velta Motors said it expected revenue to be flat in the third quarter "
        "and warned that sales could fall in the fourth quarter."
    )
    assert len(result.follow_ups) == 2


def test_a_deadline_ahead_is_never_read_before_publication():
    result = _run(
        "Drilling at the Orvik site will begin in December and must stop by February 15. "
        "The new fines add to penalties announced on March 2 against the shipping firm Kalmar Lines."
    )
    assert [f.due for f in result.follow_ups if f.due_text == "by February 15"] == ["2027-02-15"]
    assert not any("March 2" in f.evidence[0].quote for f in result.follow_ups)


def test_whom_the_forward_clause_acts_on_takes_part_in_it():
    result = _run("Mayor Rita Kahn will receive Omar Haddad at the town hall on Friday.")
    (f,) = result.follow_ups
    assert _names(result, f) == ["Rita Kahn", "Omar Haddad"]


def test_a_second_clause_with_its_own_subject_is_a_second_follow_up():
    result = _run(
        "A public inquiry into the pier collapse will be held in Dunmore on June 12, "
        "and the Harbour Authority expects to publish its findings next spring."
    )
    assert [(f.due_text, _names(result, f)) for f in result.follow_ups] == [
        ("on June 12", ["Harbour Authority"]),  # the inquiry names no doer: the clause beside it does
        ("next spring", ["Harbour Authority"]),
    ]


def test_a_question_someone_has_not_settled_or_will_not_answer_is_open_for_them():
    result = _run(
        "The Velto Group has not decided whether it will rebuild the pier. "
        "Kestrel Bank declined to say whether more branches would close. "
        "The city and the Harbour Authority have still not agreed on who should pay for the repairs. "
        "The statement did not specify whether the ferry would resume."
    )
    by = _by_sentence(result)
    assert [(f.kind, _names(result, f)) for f in by[1]] == [("open_question", ["Velto Group"])]
    assert [(f.kind, _names(result, f)) for f in by[2]] == [("open_question", ["Kestrel Bank"])]
    assert [f.kind for f in by[3]] == ["open_question"] and "Harbour Authority" in _names(result, by[3][0])
    assert 4 not in by  # a document's silence is no question anyone has to settle


def test_a_subject_that_names_nobody_expects_nothing_unless_it_sets_a_term():
    result = _run(
        "Nobody will be left without a roof, the housing minister said. "
        "The Kenmore Clinic said no patient would lose care before June 30."
    )
    assert [(f.evidence[0].sentence, f.kind, f.due) for f in result.follow_ups] == [(2, "deadline", "2026-06-30")]


def test_whom_a_clause_acts_on_is_not_its_doer_when_no_doer_is_named():
    # The residents are no actor; the club they hand the letter to must not be credited with the plan.
    result = _run(
        "The Harlow Rovers board sold the stadium to a developer on Monday. "
        "Some residents plan to hand a protest letter to the board next Saturday."
    )
    (f,) = _by_sentence(result)[2]
    assert f.due == "2026-04-18"
    assert _names(result, f) == []


def test_a_passive_with_no_agent_takes_the_actor_of_the_clause_beside_it():
    result = _run(
        "A disciplinary hearing will be held in Leeds on May 4, and the Northern Cycling Board "
        "expects to announce its verdict in June."
    )
    hearing = next(f for f in result.follow_ups if f.due == "2026-05-04")
    assert _names(result, hearing) == ["Northern Cycling Board"]


def test_a_passive_beside_a_reporting_clause_stays_unattributed():
    # The agency reports the forecast; it does not make the wind blow.
    result = _run(
        "Strong winds are forecast until Friday, and the Coastal Weather Agency said ferries "
        "could be cancelled by Thursday."
    )
    winds = next(f for f in result.follow_ups if f.due == "2026-04-17")
    assert _names(result, winds) == []


def test_a_noun_taken_up_from_the_sentence_before_keeps_its_doer():
    result = _run(
        "A grant programme was approved by the Marlow Health Trust on Tuesday. "
        "The programme will fund 40 clinics from July. "
        "The sports minister asked the Olympic Audit Office to review the federation's accounts. "
        "The review is due to report within six weeks."
    )
    by = _by_sentence(result)
    assert [_names(result, f) for f in by[2]] == [["Marlow Health Trust"]]
    assert [_names(result, f) for f in by[4]] == [["Olympic Audit Office"]]


def test_a_plan_left_to_its_announcer_is_also_the_organisation_the_announcer_speaks_for():
    result = _run(
        "The Coastal Ferries Union called a ballot on Monday. "
        "Its general secretary, Maria Lund, said crews would refuse overtime from May 4. "
        "Norway imposed new duties on Monday. "
        "Its trade minister, Eva Holt, said tariffs on steel would rise in June."
    )
    by = _by_sentence(result)
    assert [_names(result, f) for f in by[2]] == [["Maria Lund", "Coastal Ferries Union"]]
    assert [_names(result, f) for f in by[4]] == [["Eva Holt"]]  # a minister's country is not credited


def test_a_time_limit_set_for_others_is_not_the_step_of_who_reports_it():
    result = _run(
        "The Westfield Education Board fined two schools on Monday. "
        "Both schools have until June 1 to appeal, the Westfield Education Board said."
    )
    (f,) = _by_sentence(result)[2]
    assert (f.kind, f.due) == ("deadline", "2026-06-01")
    assert "Westfield Education Board" not in _names(result, f)


def test_no_follow_up_from_a_magnitude_what_a_thing_may_show_or_a_question_asked():
    result = _run(
        "The new bridge will cost 80 million dollars. "
        "The survey, which began in March, could show how many birds winter on the lake. "
        "Arno Pike said the board had not answered questions about who would repair the roof."
    )
    assert result.follow_ups == []


def test_no_follow_up_from_a_plan_in_a_description_or_a_past_letter_or_a_reason():
    result = _run(
        "The mayor said he would not back Ilse Marr, whose plan to sell the port he has called reckless. "
        "Ten doctors' groups signed a letter on Monday urging Medora Health to drop the charge. "
        "Senator Lea Kim criticised Portvale for waiting a week, although the rules require ports to report "
        "spills within two days."
    )
    assert result.follow_ups == []


def test_a_participle_of_a_present_directive_still_looks_ahead():
    result = _run("The union is writing to Medora Health, urging it to drop the charge.")
    assert len(result.follow_ups) == 1


def test_of_two_subjects_the_parser_hangs_on_one_verb_the_nearer_acts():
    # the parser reads "the tribunal rules" as a second subject of "will have to pay"
    result = _run(
        "Orvo Fabrics signed a deal with Lusa Textiles in 2024. If the tribunal rules in Lusa's favour, "
        "Orvo Fabrics will have to pay the damages within 90 days, the lawyers said."
    )
    assert [_names(result, f) for f in _by_sentence(result)[2]] == [["Orvo Fabrics"]]


def test_a_common_noun_stands_for_the_one_institution_whose_name_ends_in_it():
    result = _run(
        "Canada's health department ordered clinics to check their stocks of the vaccine. If the checks find "
        "expired vials, the vials will be destroyed, a department spokesman said."
    )
    assert [_names(result, f) for f in _by_sentence(result)[2]] == [["Canada's health department"]]


def test_an_organ_of_an_institution_acts_for_it_too():
    result = _run(
        "Ardmore District Council voted on Monday to close the public pool. "
        "The council's planning committee will meet next Tuesday to discuss the site."
    )
    (f,) = _by_sentence(result)[2]
    assert _names(result, f) == ["council's planning committee", "Ardmore District Council"]


def test_a_common_noun_names_the_institution_it_heads_even_before_a_phrase_and_none_of_two():
    # "Institute" heads "Tarn Institute for Marine Science" though it is not the name's last word
    first = "The Tarn Institute for Marine Science announced a survey of the fjord on Monday. "
    last = "If the survey finds oil, the drilling will be stopped, an institute spokesman said."
    result = _run(first + last)
    assert [_names(result, f) for f in _by_sentence(result)[2]] == [["Tarn Institute for Marine Science"]]
    result = _run(first + "Norway's national coastal institute agreed to lend a ship. " + last)
    assert [_names(result, f) for f in _by_sentence(result)[3]] == [[]]


def test_a_name_described_by_what_it_makes_is_the_company_taken_up_later():
    # the tagger reads "Harald Stene" as a person's name; "the cement maker" says it is a business
    result = _run(
        "A judge ordered the cement maker Harald Stene to repair the dam on Tuesday. "
        "The company must file a repair plan with the judge by May 30."
    )
    assert [_names(result, f) for f in _by_sentence(result)[2]] == [["Harald Stene"]]


def test_a_past_order_with_a_rate_is_told_as_done_but_one_with_a_term_looks_ahead():
    result = _run(
        "The regulator on Monday ordered Velta Bank to inspect its branches twice a year. "
        "The regulator on Monday ordered Korso Bank to report its reserves every month. "
        "The regulator on Monday ordered Almo Bank to inspect its branches within a year."
    )
    assert sorted(_by_sentence(result)) == [3]


def test_an_act_named_only_by_a_bare_noun_is_the_project_of_the_leads_doer():
    result = _run(
        "Harlow County Council voted on Tuesday to build a new bridge over the Tane river. "
        "The old bridge was closed in 2024. Construction is due to start in May. "
        "Testing of the deck will begin next spring."
    )
    by = _by_sentence(result)
    assert [_names(result, f) for f in by[3] + by[4]] == [["Harlow County Council"]] * 2


def test_a_past_date_of_a_clause_inside_a_past_order_is_no_term():
    result = _run(
        "The water agency on Monday ordered Kelda Farms to cut its water use by 20 percent, "
        "the toughest rule since the drought began two years ago."
    )
    assert result.follow_ups == []


def test_a_possible_step_of_a_party_in_a_relative_clause_is_its_own_follow_up():
    result = _run(
        "Velta Bank has until June 30 to send its accounts to the Ostmark banking authority, "
        "which could fine it up to 2 percent of its turnover. "
        "The leaders will meet at the summit, which Ostmark will host later this month."
    )
    by = _by_sentence(result)
    assert sorted(_names(result, f)[0] for f in by[1]) == ["Ostmark banking authority", "Velta Bank"]
    assert len(by[2]) == 1


def test_undated_advice_in_reported_speech_is_a_view_not_a_follow_up():
    result = _run(
        "The consumer group Fair Rail said the operator should refund every cancelled ticket. "
        "The regulator said the operator should publish its safety audit by June 30."
    )
    (f,) = result.follow_ups
    assert "safety audit" in f.evidence[0].quote and f.due == "2026-06-30"


def test_an_effect_a_speaker_foresees_of_a_thing_is_a_view_not_a_follow_up():
    result = _run(
        "The mayor, Ana Ruiz, said the new tram line would harm small shops in the old town. "
        "Ana Ruiz said the council would vote on the tram line on May 5."
    )
    (f,) = result.follow_ups
    assert "vote" in f.evidence[0].quote and f.due == "2026-05-05"


def test_by_a_date_after_a_passive_is_a_deadline_not_an_agent():
    result = _run("The Harbour Board fined the ferry operator. The levy must be paid by June 30.")
    (f,) = result.follow_ups
    assert (f.kind, f.due, f.due_text) == ("deadline", "2026-06-30", "by June 30")


def test_a_passive_expected_by_a_date_is_a_follow_up_due_then():
    result = _run(
        "The Harbour Board closed the old bridge on Monday. "
        "A new safety review from the Harbour Board is expected by the end of June."
    )
    (f,) = result.follow_ups
    assert f.due == "2026-06-30"


def test_a_present_tense_with_a_month_and_day_long_past_this_year_is_next_years():
    result = rules_only("title: Test\ndate: 2026-09-28\n---\nThe broadcaster's current licence expires on January 31.")
    (f,) = result.follow_ups
    assert f.due == "2027-01-31"


def test_a_plan_said_in_a_relative_clause_is_the_plan_of_the_noun_it_hangs_on():
    result = _run(
        "The plan was criticised by Nordic Rail, the biggest employer in the town, which said it had no trains "
        "left and would cut 200 jobs on Friday if the line stayed closed."
    )
    (f,) = result.follow_ups
    assert _names(result, f) == ["Nordic Rail"]


def test_having_something_to_do_is_no_obligation():
    result = _run("The Harbour Board said it had nothing left to repair after the storm.")
    assert result.follow_ups == []


def test_a_demand_looks_ahead_only_with_a_term():
    result = _run(
        "The tenants' association demanded that Harlow Council repair the lifts within two weeks. "
        "The residents also demanded that their complaints be heard. "
        "The council demanded that the contract be cancelled without delay."
    )
    by = _by_sentence(result)
    assert [(_names(result, f), f.kind) for f in by[1]] == [(["Harlow Council"], "deadline")]
    assert 2 not in by  # a demand with no term is a stance, not a step expected
    assert 3 in by


def test_a_month_or_year_ahead_dates_a_present_clause_but_not_a_plan_given_up():
    result = _run(
        "Harbour master Ines Kolar, whose term ends in September, told reporters that the port was busy. "
        "The new ferry terminal opens in 2029. "
        "The diocese had hoped to reopen the chapel in August 2029."
    )
    by = _by_sentence(result)
    assert [f.due_text for f in by[1]] == ["in September"]
    assert [f.due_text for f in by[2]] == ["in 2029"]
    assert 3 not in by


def test_a_wish_or_duty_in_direct_speech_is_no_follow_up_but_a_quoted_plan_is():
    result = _run(
        'The Orbis Cycling Club closed its velodrome on Monday. "Somebody has to pay for the roof, and '
        'I want the council to tell us who," said its chair, Pilar Nunes. "We expect the council to '
        'answer us."'
    )
    said = " ".join(f.evidence[0].quote for f in result.follow_ups)
    assert "has to pay" not in said
    assert "expect the council to answer" in said


def test_a_request_reported_in_the_past_perfect_still_stands_unless_dated_in_the_past():
    lead = "The Halden boathouse closed on Friday. "
    result = _run(lead + "The Halden Rowing Federation said it had asked the Oslo city council to review the lease.")
    (f,) = result.follow_ups
    assert "Oslo city council" in _names(result, f)
    dated = _run(lead + "The Halden Rowing Federation said it had asked the Oslo city council on Monday to review it.")
    assert dated.follow_ups == []


def test_a_denied_act_held_until_a_condition_is_met_is_a_conditional_follow_up():
    result = _run(
        "The Hartwell Riders Club said its members would not return to the track until the owners repaired the fence. "
        "The museum cannot reopen until the Heritage Board approves a new fire plan. "
        "Gardeners did not leave until the storm passed."
    )
    by = _by_sentence(result)
    assert [f.kind for f in by[1]] == ["conditional"]
    assert [(f.kind, _names(result, f)) for f in by[2]] == [("conditional", ["Heritage Board"])]
    assert 3 not in by  # a past "did not ... until": what happened


def test_a_first_person_plan_in_a_quotation_carried_over_is_its_speakers():
    result = _run(
        'Astrid Falk, the chief executive of Norvane Energy, spoke to reporters on Tuesday. '
        'She said: "This was a hard week for everyone. '
        'We will publish every inspection report from now on."'
    )
    (f,) = result.follow_ups
    assert "Astrid Falk" in _names(result, f)


def test_what_unnamed_people_may_do_if_a_party_acts_is_the_speakers_side():
    result = _run(
        "The Coastal Ferry Alliance warned that operators could cancel sailings if the Port Authority raised its fees."
    )
    (f,) = result.follow_ups
    assert (f.kind, _names(result, f)) == ("conditional", ["Coastal Ferry Alliance"])


def test_one_subjects_two_undated_steps_one_on_a_condition_are_one_conditional_follow_up():
    result = _run("The Verdan Water Board said it would guard the dam but would evacuate the valley if the wall broke.")
    (f,) = result.follow_ups
    assert f.kind == "conditional"


def test_an_indirect_question_or_what_may_come_is_no_follow_up():
    result = _run(
        "Here is what the audit covers and what could come of it. "
        "Residents are asking whether the Larchmont bridge will reopen before the end of the year."
    )
    assert result.follow_ups == []


def test_a_date_since_which_something_holds_and_a_past_need_are_not_ahead():
    result = _run(
        "Trains have been cancelled across the Brenner line since Saturday. "
        "At the meeting, several fans had to be asked to leave the hall."
    )
    assert result.follow_ups == []


def test_a_proposal_that_would_act_from_a_date_ahead_is_a_follow_up_for_its_authors():
    result = _run(
        "The Marlow Assembly approved a draft bill that would raise the tobacco duty from January 2028. "
        "Its chairman runs a firm that would sell 40 shops."
    )
    (f,) = result.follow_ups
    assert (_names(result, f), f.due_text) == (["Marlow Assembly"], "from January 2028")


def test_an_absolute_clause_with_an_infinitive_looks_ahead_with_its_date():
    result = _run("The Orla Pilots' Union said it would poll its members, with the result to be published on May 4.")
    (f,) = result.follow_ups
    assert f.due == "2026-05-04"


def test_a_check_or_inquiry_under_way_is_a_step_still_to_come_but_not_looking_forward():
    result = _run(
        "The Ostrava Water Company said it had no record of the complaints, but that it was checking. "
        "The Ostrava Water Company is looking into whether the pipes were replaced. "
        "The Ostrava Water Company is looking forward to the new season."
    )
    by = _by_sentence(result)
    assert sorted(by) == [1, 2]


def test_what_an_indefinite_thing_would_do_is_a_case_put_not_a_step():
    result = _run(
        "The Kestrel Ferry Company cut two routes on Monday. "
        "Its chief executive, Anna Moll, said a strike would strand thousands of islanders. "
        "A family of four will save about 200 euros a year."
    )
    assert result.follow_ups == []


def test_a_second_modal_step_hung_on_the_first_ones_infinitive_is_the_same_follow_up():
    result = _run(
        "The Halden Arts Fund said it would ask Tomas Berg and the museum to return 2 million kronor and "
        "would bar him from applying for its grants for five years."
    )
    assert len(result.follow_ups) == 1


def test_a_direct_question_about_who_will_act_is_no_step():
    result = _run(
        "The Orvane Rail Company scrapped its new line on Monday. "
        "Who will carry the freight now? "
        "The ministry will hold a new tender in June."
    )
    assert [f.evidence[0].sentence for f in result.follow_ups] == [3]


def test_hearsay_inside_direct_speech_is_no_step():
    result = _run(
        'The Lindmoor council closed the bridge on Monday. "They tell me the repairs will take a month," '
        'said Ada Voss, a shopkeeper. "We were told the buses will run twice an hour," she said.'
    )
    assert result.follow_ups == []
