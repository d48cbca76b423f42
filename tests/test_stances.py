"""Stances read from attitude predicates: holder, position and topic from the parse.

Every article here was written for these tests, in domains the fixtures lack (health,
courts, local politics, technology, education), so the rules are checked on sentences
they were not tuned on.
"""

from __future__ import annotations

import pytest
from conftest import rules_on, rules_only, stance_triples as _stances

from summarizer.models import ArticleSummary
from summarizer.strategies import parse_pipeline
from summarizer.strategies.names import stance_cue

pytestmark = pytest.mark.skipif(not parse_pipeline.available(), reason="needs spaCy's English pipeline")


def _run(body: str) -> ArticleSummary:
    return rules_on(body, "2026-05-04")


def test_quote_evaluation_is_the_speakers_stance_named_after_the_quote():
    result = _run(
        "The hospital trust changed the night rota for nurses on Monday. "
        '"The new rota is a mistake that will exhaust our members," said Jane Okoro, the leader of the nurses\' union.'
    )
    assert ("Jane Okoro", "oppose", "The new rota") in _stances(result)


def test_a_passive_stance_is_held_by_the_by_agent_and_is_about_the_subject():
    result = _run("The verdict against the landlord was welcomed by Greenfield Tenants Association on Tuesday.")
    assert _stances(result) == [("Greenfield Tenants Association", "support", "The verdict against the landlord")]


def test_a_labelling_verb_evaluates_its_object():
    result = _run("Senator Paul Varga called the budget cut for rural clinics reckless in a speech on Friday.")
    assert _stances(result) == [("Paul Varga", "oppose", "the budget cut for rural clinics")]


def test_a_feeling_said_of_the_speaker_is_its_stance_on_what_it_is_about():
    result = _run("Orbis Semiconductors said in a statement that it was disappointed by the court's ruling.")
    assert _stances(result) == [("Orbis Semiconductors", "oppose", "the court's ruling")]


def test_a_report_that_leads_gives_the_stance_to_the_speaker():
    result = _run("Jonas Berg, the mayor, said the city council strongly supported the new cycle lanes.")
    assert _stances(result) == [("Jonas Berg", "support", "the new cycle lanes")]


def test_one_sentence_can_state_two_positions():
    result = _run(
        "Health minister Lena Fischer praised the vaccine trial on Monday and warned that the rollout "
        "would have to stop if supplies ran short."
    )
    assert {(h, p) for h, p, _ in _stances(result)} == {("Lena Fischer", "support"), ("Lena Fischer", "oppose")}


def test_backing_set_against_a_worry_by_but_is_a_mixed_view():
    result = _run(
        "The Coastal Ferry Union said it backed the new timetable but warned that the late crossings could be cut."
    )
    assert [(h, p) for h, p, _ in _stances(result)] == [("Coastal Ferry Union", "mixed")]


def test_backing_one_thing_but_criticising_another_party_is_two_stances():
    result = _run(
        "Mayor Ana Ruiz welcomed the verdict but criticised the Ministry of Housing for delaying the repairs."
    )
    assert {(h, p) for h, p, _ in _stances(result)} == {("Ana Ruiz", "support"), ("Ana Ruiz", "oppose")}


def test_negation_and_rejecting_a_criticism_turn_the_position():
    result = _run(
        "The competition regulator did not back the merger of Telvia and Ostra. "
        "Telvia rejected the criticism from consumer groups."
    )
    positions = {(h, p) for h, p, _ in _stances(result)}
    assert ("competition regulator", "oppose") in positions
    assert ("Telvia", "support") in positions


def test_a_request_to_stop_something_opposes_it():
    result = _run("Education secretary Mark Olsen urged the teachers' union to end the strike before the exams.")
    assert _stances(result) == [("Mark Olsen", "oppose", "end the strike before the exams")]


def test_a_quote_that_continues_a_stance_is_its_evidence_not_a_new_stance():
    result = _run(
        "Councillor Priya Shah criticised the school board for closing the village library. "
        '"Children here have nowhere else to read," Shah said.'
    )
    assert len(result.stances) == 1
    stance = result.stances[0]
    assert stance.position == "oppose" and stance.topic == "closing the village library"
    assert [e.sentence for e in stance.evidence] == [1, 2]


def test_words_that_only_look_like_attitudes_are_no_stance():
    result = _run(
        "The planning committee of Nordby Council will meet on Thursday, with a back-up date of March 3. "
        "Nordby Council did not say whether it would support the new stadium. "
        "The repairs will cost the council about 2 million euros."
    )
    assert result.stances == []


def test_a_topic_is_a_phrase_not_the_clipped_sentence():
    result = _run(
        "The Riverside Parents Association criticised the district's decision to cut bus routes to three "
        "rural schools from September."
    )
    assert len(result.stances) == 1
    topic = result.stances[0].topic
    assert topic.startswith("the district's decision") and len(topic.split()) <= 13


def test_a_topic_never_ends_inside_a_hyphenated_word():
    # The parse splits "de-escalation" into "de", "-", "escalation" and may hang the rest on
    # the hyphen; the topic was "meaningful de" before. A spaced dash still ends the phrase.
    result = _run(
        'Maria Lind, the foreign minister of Sweden, emphasised the need for "verifiable, credible, meaningful '
        'de-escalation," a spokesperson said. The union said it supported a four-day week - but not at any price.'
    )
    topics = {topic for _, _, topic in _stances(result)}
    assert "verifiable, credible, meaningful de-escalation" in topics
    assert "a four-day week" in topics


@pytest.mark.parametrize(
    "sentence",
    ["The committee meets on Monday.", "The launch has a back-up date.", "Prices rose by 3 percent."],
)
def test_the_fallback_cue_does_not_fire_on_parts_of_other_words(sentence: str):
    assert stance_cue(sentence) is None


def test_the_fallback_cue_still_reads_attitude_words():
    assert stance_cue("The union backed the deal.") == "support"
    assert stance_cue("The minister condemned the attack.") == "oppose"


def test_a_severe_consequence_held_out_opposes_what_would_bring_it():
    result = _run(
        "Interior minister Karl Dahl said the government would impose heavy fines if the factory kept "
        "dumping waste into the river."
    )
    assert [(h, p) for h, p, _ in _stances(result)] == [("Karl Dahl", "oppose")]
    assert result.stances[0].topic.startswith("the factory kept dumping waste")


def test_what_harms_in_reported_speech_is_opposed_by_the_speaker():
    result = _run("Professor Maria Lund said the funding cuts were undermining research at small universities.")
    assert _stances(result) == [("Maria Lund", "oppose", "the funding cuts")]


def test_a_pronoun_in_what_someone_said_is_the_speaker():
    result = _run(
        "The Coastal Fishers Cooperative said it would ask the ministry to reopen the northern fishing grounds."
    )
    assert _stances(result) == [("Coastal Fishers Cooperative", "support", "reopen the northern fishing grounds")]


def test_an_embedded_question_or_an_unsaid_claim_is_no_stance():
    result = _run(
        "Brightline Energy did not say whether it supported the new grid tariff. "
        "The regulator asked how the company would protect customers."
    )
    assert result.stances == []


def test_a_request_to_act_is_support_for_the_action_not_for_the_addressee():
    result = _run("Union leader Sara Mbeki called on the hospital board to hire more night nurses.")
    assert len(result.stances) == 1
    stance = result.stances[0]
    assert stance.position == "support" and stance.topic.startswith("hire more night nurses")
    # An unnamed board that is only addressed is not kept as an actor (the actor rules keep
    # common-noun institutions that act or speak); when kept, it is the target, never the holder.
    target = next((a.name for a in result.actors if a.id == stance.target), None)
    assert target in (None, "hospital board") and stance.holder != stance.target


def test_people_of_an_organisation_speak_for_it_and_a_second_verb_keeps_the_subject():
    result = _run(
        "Observers from the Civic Monitoring Network praised the vote count in Lerin. "
        "Patient group HealthWatch said it supported the nurses and was concerned about the cancelled operations."
    )
    stances = _stances(result)
    assert ("Civic Monitoring Network", "support", "the vote count") in stances
    assert ("HealthWatch", "support", "the nurses") in stances
    assert ("HealthWatch", "concern", "the cancelled operations") in stances


def test_a_warning_is_about_what_it_warns_against():
    result = _run("Fire chief Olga Berg warned that the dry forests could burn for weeks, the agency said.")
    # (a risk that could come is a concern: she does not oppose the forests)
    assert _stances(result) == [("Olga Berg", "concern", "the dry forests")]


def test_aid_given_or_received_is_no_stance():
    result = _run(
        "The Red Lantern Foundation provided support for 300 families after the fire. "
        "Northwind Airlines received backing from its bankers for a new loan."
    )
    assert result.stances == []


def test_too_and_a_second_verb_in_reported_speech_are_evaluations_of_the_subject():
    result = _run(
        "Professor Lukas Brenner said the sample was too small to draw firm conclusions. "
        "Mayor Petra Lind said the data centre would bring 400 jobs and was good news for the region."
    )
    stances = _stances(result)
    assert ("Lukas Brenner", "oppose", "the sample") in stances
    assert ("Petra Lind", "support", "the data centre") in stances


def test_what_is_only_weighed_or_conditional_is_no_stance():
    result = _run(
        "The World Health Organization said it would review the data before deciding whether to recommend "
        "the vaccine. If the Harbour Board approves the plan, work will start in May."
    )
    assert result.stances == []


def test_declining_to_comment_takes_no_side_and_a_warning_against_names_its_topic():
    result = _run(
        "Telvia Group refused to comment on the report. "
        "Coach Marco Bellini warned against complacency before the final."
    )
    # no side on the report (neutral), never "oppose" read off "refused"
    assert _stances(result) == [("Telvia Group", "neutral", "the report"), ("Marco Bellini", "oppose", "complacency")]


def test_two_sentences_that_only_open_alike_are_two_stances_a_verbatim_repeat_is_one():
    opening = "The Harbourside Rowing Club said on Monday in a statement to its members that it "
    result = _run(
        f"{opening}strongly opposed the plan to sell the boathouse. "
        f"{opening}welcomed the decision of the city council on the new river path. "
        f"{opening}strongly opposed the plan to sell the boathouse."
    )
    positions = sorted(p for holder, p, _ in _stances(result) if holder == "Harbourside Rowing Club")
    assert positions == ["oppose", "support"]


def test_a_group_of_any_count_continues_the_stance_holder_before():
    for count in ("two", "five", "12"):
        result = _run(
            "The Westmark Nurses Union condemned the new night rota on Monday. "
            f"The {count} unions also criticised the pay offer of the hospital trust."
        )
        assert ("Westmark Nurses Union", "oppose", "the pay offer of the hospital trust") in _stances(result), count


def test_what_is_denied_promised_as_nothing_or_asked_of_the_speaker_is_no_stance():
    result = _run(
        "The club's owner, Marta Silva, denied that she had promised to back the new coach. "
        '"Nobody has called us and we have promised nothing," said Tom Reyes, the leader of the dockers\' union. '
        '"We are being asked to pay for a road nobody wants," said councillor Ana Lima.'
    )
    assert [p for _, p, _ in _stances(result) if p == "support"] == []


def test_a_promise_to_act_is_a_commitment_not_a_stance():
    result = _run("Harlow County Council has promised to pay for the new flood barriers by the autumn.")
    assert result.stances == []
    assert result.follow_ups  # the commitment is a follow-up


def test_a_warning_that_something_could_happen_is_concern():
    result = _run("Velta Motors warned on Monday that sales of its small vans could fall next year.")
    assert [(h, p) for h, p, _ in _stances(result)] == [("Velta Motors", "concern")]


def test_a_name_the_parse_missed_in_one_sentence_is_still_that_actor():
    from summarizer.strategies.parse_types import Found, SentenceInfo
    from summarizer.strategies.stances import read_sentence

    doc = parse_pipeline.pipeline()("Korvex rejected the criticism on Monday.")
    info = SentenceInfo(3, doc.text, [], None, [], [], False, False, False, doc=doc)  # no actor found in it
    actors = [Found("korvex", "Korvex", "ORG", mentions=["Korvex"])]
    assert [(r.holder, r.position) for r in read_sentence(info, actors)] == [(0, "support")]


def test_a_stance_told_again_is_one_stance_citing_both_sentences():
    # A headline-like opening line and the body sentence that repeats it.
    result = _run(
        "Coach Marta Silva backs the new academy plan.\n\n"
        "The club's board presented the academy plan to supporters on Sunday. "
        "Coach Marta Silva backs the new academy plan, she told reporters after the meeting."
    )
    backing = [s for s in result.stances if s.position == "support" and "academy" in s.topic]
    assert len(backing) == 1
    assert len(backing[0].evidence) == 2


def test_a_repeated_stance_gives_the_sentences_next_predicate_its_turn():
    result = _run(
        "Mayor Ines Duarte welcomed the harbour levy on Monday.\n\n"
        "Mayor Ines Duarte welcomed the harbour levy and urged the port authority to publish its accounts."
    )
    stances = _stances(result)
    assert [s for s in stances if s[2] == "the harbour levy"] == [("Ines Duarte", "support", "the harbour levy")]
    assert any(holder == "Ines Duarte" and "accounts" in topic for holder, _, topic in stances), stances


def test_a_trailing_reporter_does_not_hold_what_the_reported_subject_stressed():
    result = _run(
        "The health minister, Petra Lind, rejected the union's pay claim while raising doubts about the "
        "board's ability to recruit staff and stressing the need for more rural nurses, the ministry's "
        "spokesman Karl Berg said."
    )
    holders = {holder for holder, _, topic in _stances(result) if "nurses" in topic}
    assert holders == {"Petra Lind"}, _stances(result)


def test_no_comment_on_a_named_matter_is_neutral_and_a_bare_no_comment_is_no_stance():
    result = _run(
        "Orlen Shipping said it would not comment on the strike at the port of Daventa. "
        "Halden Mining declined to comment on the pay dispute. "
        "A spokesman for Corvo Steel declined to comment."
    )
    stances = _stances(result)
    assert ("Orlen Shipping", "neutral", "the strike at the port of Daventa") in stances
    assert ("Halden Mining", "neutral", "the pay dispute") in stances
    assert not any(holder == "Corvo Steel" for holder, _, _ in stances)


def test_a_step_back_held_out_against_a_plan_going_ahead_opposes_the_plan():
    result = _run("Meridian Bank said it would withdraw its sponsorship if the stadium sale went ahead.")
    assert ("Meridian Bank", "oppose", "the stadium sale") in _stances(result)


def test_a_step_back_on_a_condition_that_is_no_plan_takes_no_side():
    result = _run("Meridian Bank said it would withdraw its sponsorship if the club was relegated again.")
    assert not any(position == "oppose" and "club" in topic for _, position, topic in _stances(result))


def test_ruling_out_something_opposes_it():
    result = _run("Interior minister Dana Holt has ruled out any amnesty for the striking wardens.")
    assert _stances(result) == [("Dana Holt", "oppose", "any amnesty for the striking wardens")]


def test_ruling_out_an_act_opposes_the_act():
    result = _run("Club chairman Ivo Marsh ruled out selling the training ground to pay the debts.")
    assert ("Ivo Marsh", "oppose", "selling the training ground to pay the debts") in _stances(result)


def test_holding_out_until_a_decision_is_undone_opposes_the_decision():
    result = _run(
        "Dock workers' leader Tomas Reid said the crews would stay on strike until the new shift rule was scrapped."
    )
    assert ("Tomas Reid", "oppose", "the new shift rule") in _stances(result)


def test_refusing_to_join_opposes_what_is_refused():
    result = _run("The Varna Fishing Cooperative said it would not join the boycott of the auction house.")
    assert ("Varna Fishing Cooperative", "oppose", "the boycott of the auction house") in _stances(result)


def test_joining_is_no_stance_by_itself():
    result = _run("The engineer Mara Quist joined the Harlow Rail Company in 2019.")
    assert _stances(result) == []


def test_having_no_decision_on_a_matter_takes_no_side_on_it():
    result = _run("Kestrel Airways said it had made no decision on the fuel surcharge and would review it in May.")
    assert ("Kestrel Airways", "neutral", "the fuel surcharge") in _stances(result)


def test_a_decision_on_a_matter_is_no_stance_by_itself():
    result = _run("Kestrel Airways made a decision on the fuel surcharge on Monday.")
    assert _stances(result) == []


def test_a_body_approving_a_plan_decides_it_and_takes_no_stance():
    result = _run("The board of Linden Hospital approved new visiting hours for the children's ward on Monday.")
    assert _stances(result) == []


def test_the_bodys_spokesperson_right_after_tells_the_bodys_stance_again():
    result = _run(
        "The Coastal Anglers' Federation condemned the new mackerel quota on Monday. "
        "Its chairman, Rob Fenn, said the rule was rushed and accused the ministry of ignoring the science."
    )
    stances = _stances(result)
    assert [(holder, position) for holder, position, _ in stances] == [("Coastal Anglers' Federation", "oppose")]
    assert len(result.stances[0].evidence) == 2


def test_a_named_person_after_a_bodys_stance_keeps_a_stance_of_their_own():
    result = _run(
        "The Coastal Anglers' Federation condemned the new mackerel quota on Monday. "
        "Fisheries minister Ada Lund accused the federation of ignoring the science."
    )
    assert len(result.stances) == 2


def test_hitting_out_at_someone_opposes_them():
    result = _run("The Professional Cricketers Association hit out at the Cricket Board over the winter schedule.")
    assert ("Professional Cricketers Association", "oppose", "the Cricket Board") in _stances(result)


def test_a_demand_right_after_a_stance_by_its_holder_is_more_evidence_of_it():
    result = _run(
        "The Orchard Growers' Union condemned the new water charges on Tuesday. "
        "It demanded that the charges be phased in over five years."
    )
    assert [(holder, position) for holder, position, _ in _stances(result)] == [("Orchard Growers' Union", "oppose")]
    assert len(result.stances[0].evidence) == 2


def test_a_request_beside_a_feeling_in_one_sentence_is_no_stance_of_its_own():
    result = _run(
        "The nurses' union said it feared that the merger would close rural clinics and asked both hospitals "
        "to meet its officials."
    )
    assert [(holder, position) for holder, position, _ in _stances(result)] == [("nurses' union", "concern")]


def test_a_consequence_held_out_in_a_future_statement_opposes_what_brings_it():
    result = _run(
        "Minister Clara Voss said she would make clear that any new strike at the port carried "
        '"a heavy cost" for the union.'
    )
    assert ("Clara Voss", "oppose", "any new strike at the port") in _stances(result)


def test_asking_for_a_decision_to_be_reviewed_or_reconsidered_opposes_it():
    result = _run(
        "Mayor Paula Brandt said she would ask the High Court to review the rent decision. "
        "Senator Omar Haddad urged the port board to reconsider the new shift rules."
    )
    positions = {holder: position for holder, position, _ in _stances(result)}
    assert positions == {"Paula Brandt": "oppose", "Omar Haddad": "oppose"}


def test_asking_for_something_to_be_suspended_opposes_it():
    result = _run("Senator Omar Haddad asked for the ban to be suspended until the inquiry ends.")
    assert _stances(result) == [("Omar Haddad", "oppose", "the ban")]


def test_a_demand_by_the_bodys_spokesperson_right_after_its_stance_is_more_evidence_of_it():
    result = _run(
        "The consumer group Fair Rail criticised the rail operator on Monday. "
        "Its director, Ana Lima, demanded that the operator publish its safety accounts."
    )
    assert [(holder, position) for holder, position, _ in _stances(result)] == [("Fair Rail", "oppose")]
    assert len(result.stances[0].evidence) == 2


def test_respecting_a_decision_takes_no_side_on_it():
    result = _run("The Lakeside Water Board said it respected the tribunal's ruling on the new dam.")
    assert [(holder, position) for holder, position, _ in _stances(result)] == [("Lakeside Water Board", "neutral")]
    assert _stances(_run('"The result is clear and we respect it," said mayor Ines Duarte.')) == []


def test_a_quote_and_a_demand_by_the_bodys_officer_continue_the_bodys_stance():
    result = _run(
        "The Green Rail Alliance criticised the new timetable on Monday. "
        '"Passengers deserve better," said its director, Mara Holt. '
        "She called on the operator to publish its punctuality figures."
    )
    assert [(holder, position) for holder, position, _ in _stances(result)] == [("Green Rail Alliance", "oppose")]
    assert len(result.stances[0].evidence) == 3


def test_asking_for_a_thing_beside_a_labelling_in_one_sentence_is_no_stance_of_its_own():
    result = _run(
        "The Riverside Tenants Group said it would seek damages for every family and described the landlord's "
        'repairs as "chaotic".'
    )
    assert [(holder, position) for holder, position, _ in _stances(result)] == [("Riverside Tenants Group", "oppose")]


@pytest.mark.parametrize("word", ["excessive", "disproportionate", "chaotic", "arbitrary", "unworkable", "premature"])
def test_a_general_negative_evaluation_labels_its_object(word):
    result = _run(f"Mayor Ines Duarte said the new parking fees were {word}.")
    assert [(holder, position) for holder, position, _ in _stances(result)] == [("Ines Duarte", "oppose")]


def test_a_general_positive_evaluation_labels_its_object():
    result = _run("The Lakeside Water Board described the engineers' safety checks as sound.")
    assert [(holder, position) for holder, position, _ in _stances(result)] == [("Lakeside Water Board", "support")]


@pytest.mark.parametrize("verb", ["betrayed", "ignored", "neglected", "misled", "sacrificed"])
def test_a_harm_said_of_someone_in_reported_speech_is_the_speakers_opposition(verb):
    result = _run(f"Mayor Ines Duarte said the water company had {verb} the residents of the valley for years.")
    assert [(holder, position) for holder, position, _ in _stances(result)] == [("Ines Duarte", "oppose")]


@pytest.mark.parametrize("phrase", ["stood by", "sided with", "stood behind"])
def test_a_verb_of_alignment_supports_its_prepositions_object(phrase):
    result = _run(f"The Harbour Workers Union {phrase} the dock safety inspectors on Monday.")
    assert [(holder, position) for holder, position, _ in _stances(result)] == [("Harbour Workers Union", "support")]


def test_what_they_want_in_one_persons_quote_is_not_that_persons_stance():
    result = _run(
        "The city council cancelled the builder's contract on Monday. "
        '"They want someone to blame for their own delays," said Marco Bellini, the builder\'s owner.'
    )
    assert [s for s in _stances(result) if s[0] == "Marco Bellini" and s[1] == "support"] == []


@pytest.mark.parametrize(
    "idiom", ["had pulled the plug on the town's only swimming pool", "had moved the goalposts for the pool's owners"]
)
def test_a_common_idiom_of_harm_in_reported_speech_is_the_speakers_opposition(idiom):
    result = _run(f"Mayor Ines Duarte said the regional government {idiom}.")
    assert [(holder, position) for holder, position, _ in _stances(result)] == [("Ines Duarte", "oppose")]


def test_voting_against_a_plan_opposes_it():
    result = _run("The Elmfield Teachers Association voted on Tuesday against the plan to merge the two schools.")
    assert [(h, p) for h, p, _ in _stances(result)] == [("Elmfield Teachers Association", "oppose")]


def test_a_vote_to_come_takes_no_side_yet():
    result = _run("The Elmfield Town Council will vote on Monday on a motion for a new library.")
    assert _stances(result) == []


def test_a_thing_granted_and_a_thing_denied_is_a_mixed_view():
    result = _run("Mayor Ines Duarte said the new budget would not fix every road but would keep the buses running.")
    assert [(h, p) for h, p, _ in _stances(result)] == [("Ines Duarte", "mixed")]


def test_two_denials_joined_by_and_draw_no_contrast():
    result = _run('"The money is in place and the date has not moved," Mayor Ines Duarte said.')
    assert [p for _, p, _ in _stances(result)] != ["mixed"]


def test_the_one_a_passive_attitude_is_aimed_at_does_not_hold_it():
    result = _run("Orla Dairies had been warned twice about the late payments to its farmers.")
    assert _stances(result) == []


def test_a_refusal_set_against_a_readiness_by_but_is_a_mixed_view():
    result = _run(
        "Mayor Ana Ruiz said the city would not buy the old stadium but was ready to talk to any investor."
    )
    assert [(h, p) for h, p, _ in _stances(result)] == [("Ana Ruiz", "mixed")]


def test_insisting_that_one_is_not_opposed_is_no_opposition():
    result = _run("Mayor Ana Ruiz insisted the town was not opposed to the new wind farm.")
    assert [(h, p) for h, p, _ in _stances(result)] == [("Ana Ruiz", "support")]


def test_a_contention_that_nothing_was_needed_names_nothing_to_oppose():
    result = rules_only(
        "title: Test\ndate: 2026-04-02\n---\nThe ambassador argued that no such ban was needed to protect "
        "the fishing grounds.\n"
    )
    assert not [s for s in result.stances if s.topic.lower().startswith("no ")]


def test_an_effect_that_could_happen_is_a_concern():
    result = rules_only(
        "title: Test\ndate: 2026-05-04\n---\n"
        "The Rail Passengers Council said on Monday that the timetable change could hurt night workers."
    )
    assert [(h, p) for h, p, _ in _stances(result)] == [("Rail Passengers Council", "concern")]


def test_another_organisation_named_by_the_body_keeps_a_stance_of_its_own():
    result = _run(
        "The board of Marlow Ferries recommended the takeover bid on Monday. "
        "Its largest shareholder, Greyfield Capital Partners, said it supported the bid."
    )
    holders = [holder for holder, _, _ in _stances(result)]
    assert "Greyfield Capital Partners" in holders and len(holders) == 2
