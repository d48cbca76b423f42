"""Which clauses the guided strategy lists as events, who acted, and the PLOVER type.

Every article here is written for these tests (a hospital strike, a chip maker, a
city council), in domains the fixtures do not cover; the rules must hold on them.
"""

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


def test_plans_possibilities_descriptions_and_measurements_are_not_events():
    result = _run(
        "Meridian Health dismissed its chief nurse on Monday.",
        "Meridian Health will publish its annual results on June 2.",
        "The merged group would employ about 4,000 people.",
        "Meridian Health runs nine clinics in the region.",
        "Meridian Health shares fell 3 percent in Warsaw on Tuesday.",
    )
    by_sentence = _events(result)
    assert set(by_sentence) == {1}  # only the dismissal happened
    # The plan is still kept, as a follow-up.
    assert any(f.evidence[0].sentence == 2 for f in result.follow_ups)


def test_a_pronoun_in_a_report_is_the_speaker_and_a_light_verb_takes_its_objects_type():
    result = _run(
        "The Nursing Guild said on Tuesday that it had held three rounds of talks with Meridian Health.",
        "The Nursing Guild said it had imposed a ban on overtime and appealed for donations.",
    )
    by_sentence = _events(result)
    talks, ban = by_sentence[1][0], by_sentence[2][0]
    assert talks.type == "CONSULT" and _names(result, talks.actors) == {"Nursing Guild"}
    assert ban.type == "SANCTION" and _names(result, ban.actors) == {"Nursing Guild"}


def test_the_speakers_own_words_in_quotes_and_reports_about_the_text_are_not_events():
    result = _run(
        "Tomas Reyes, a nurse, spoke to reporters outside the hospital on Monday.",
        '"We have waited for a decent offer long enough," Reyes said.',
        "The statement from Meridian Health did not say how many operations were postponed.",
        "Reyes did not say whether the Nursing Guild had accepted a new offer.",
    )
    assert set(_events(result)) <= {1}


def test_a_negated_act_is_an_event_that_did_not_happen():
    result = _run("The regional health authority did not send inspectors to the Orlen hospital on Monday.")
    (event,) = result.events
    assert event.factuality == "denied"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # A report is itself an act by what it reports: a refusal, a threat, a demand.
        ("Meridian Health said it would not raise its offer while the strike continued.", "REJECT"),
        ("The Nursing Guild said it will extend the strike unless Meridian Health improves its offer.", "THREATEN"),
        ("Mayor Ana Kowal told Meridian Health that the hospital must reopen its emergency ward.", "REQUEST"),
        # A particle changes the verb's category.
        ("Mayor Ana Kowal called on Meridian Health to reopen the emergency ward.", "REQUEST"),
        ("Meridian Health called off the planned sale of its clinics on Monday.", "RETREAT"),
        # The object of a light verb names the event.
        ("Mayor Ana Kowal raised concerns about the emergency ward with Meridian Health.", "ACCUSE"),
        ("Vantor Chips sent food and medicine to the flooded town of Dolsk on Monday.", "AID"),
        ("Kestria sent troops to its border with Marovia on Monday.", "MOBILIZE"),
        # Defending one's own decision rebuts its critics; raising something with someone is talking to them.
        ("Meridian Health defended its decision to close the ward on Monday.", "REJECT"),
        ("Mayor Ana Kowal raised the issue with Meridian Health on Monday.", "CONSULT"),
        ("Mayor Ana Kowal attended a meeting of the hospital board on Monday.", "CONSULT"),
        # A naming verb with a label on its object judges it; with none, "called X" is a phone call.
        ('The Nursing Guild called the new rota "a danger to patients" on Monday.', "ACCUSE"),
        ('The Nursing Guild described the pay offer as "insulting" on Monday.', "ACCUSE"),
        ("Mayor Ana Kowal called the agreement a victory for the town on Monday.", "SUPPORT"),
        ("Mayor Ana Kowal called Meridian Health's chief executive on Monday.", "CONSULT"),
        # Phrasal verbs of PLOVER's support and rejection, and disputing a finding.
        ("Mayor Ana Kowal ruled out any merger with Meridian Health on Monday.", "REJECT"),
        ("Mayor Ana Kowal stood behind the Nursing Guild on Monday.", "SUPPORT"),
        ("Meridian Health disputed the inspectors' findings on Monday.", "REJECT"),
        # A light verb in the passive takes its subject's type, as it would its object's.
        ("The occupation of the ward was organised by the Nursing Guild on Monday.", "PROTEST"),
        ("A settlement was reached by Vantor Chips on Monday, according to its lawyer.", "AGREE"),
    ],
)
def test_speech_acts_particles_and_light_verbs_type_the_event(sentence: str, kind: str) -> None:
    result = _run(sentence)
    assert [e.type for e in result.events] == [kind]


def test_a_plain_announcement_of_a_plan_is_no_event():
    result = _run("Meridian Health said it would publish a report on the strike on its website.")
    assert result.events == []
    assert result.follow_ups  # what it plans is a follow-up


def test_a_relative_or_adverbial_clause_that_tells_a_past_act_is_its_own_event():
    result = _run(
        "The Nursing Guild, which called the strike on April 20, welcomed the court's ruling on Monday.",
        "Vantor Chips withdrew its application in May after the regulator asked for more test data.",
        "The Nursing Guild, which represents 4,000 nurses, praised the mayor.",
    )
    by_sentence = _events(result)
    assert sorted(e.type for e in by_sentence[1]) == ["PROTEST", "SUPPORT"]
    assert sorted(e.type for e in by_sentence[2]) == ["REQUEST", "RETREAT"]
    assert [e.type for e in by_sentence[3]] == ["SUPPORT"]  # "represents" describes, it is no event


def test_an_object_relative_clause_with_its_own_doer_tells_an_act_unless_planned_or_a_label_in_passing():
    result = _run(
        "A loan the Nursing Guild approved in March was repaid on Monday.",
        "Mayor Ana Kowal said the council would block any merger that Meridian Health proposed.",
        "The Nursing Guild praised the reforms, which Mayor Ana Kowal called historic.",
    )
    by_sentence = _events(result)
    assert [e.type for e in by_sentence[1]] == ["AGREE"]
    assert _names(result, by_sentence[1][0].actors) == {"Nursing Guild"}
    assert "REQUEST" not in {e.type for e in by_sentence.get(2, [])}  # a proposal only imagined
    assert [e.type for e in by_sentence[3]] == ["SUPPORT"]  # the praise, not the label in passing


def test_a_finite_past_after_a_reported_perfect_is_the_speakers_own_act():
    # "called" cannot share "had": the mayor called on the guild, not Meridian Health; and the
    # date of what was reported ("on Monday") is not the call's.
    result = _run(
        "Mayor Ana Kowal said Meridian Health had closed the ward on Monday and called on the Nursing Guild"
        " to end the strike."
    )
    requests = [e for e in result.events if e.type == "REQUEST"]
    assert [_names(result, e.actors) for e in requests] == [{"Ana Kowal"}]
    assert requests[0].date is None


def test_an_act_dated_after_the_article_is_no_event_but_a_deadline_or_a_later_step_keeps_it():
    result = _run(  # (published 2026-05-06)
        "Judge Maria Lopez has set a hearing on the strike for June 20.",
        "Mayor Ana Kowal meets the Nursing Guild again on Thursday.",
        "The court gave Meridian Health until June 30 to reopen the ward.",
        "Mayor Ana Kowal invited Meridian Health on Monday to meet the Nursing Guild next Tuesday.",
    )
    assert set(_events(result)) == {3, 4}


def test_writing_to_someone_to_ask_for_something_is_a_request_to_them():
    result = _run("The Nursing Guild had written to Mayor Ana Kowal last week to ask for an emergency meeting.")
    (event,) = result.events
    assert event.type == "REQUEST"
    assert _names(result, event.recipients) == {"Ana Kowal"}


def test_an_untyped_act_is_an_event_only_in_the_past():
    result = _run(
        "Vantor Chips opened a new factory in Dresden on Monday.",
        "Vantor Chips leads the market for sensor chips.",
        "Vantor Chips remained the largest employer in the town.",
    )
    assert set(_events(result)) == {1}
    assert result.events[0].type == "OTHER"


def test_an_act_named_by_a_noun_with_its_doers_is_an_event_when_no_verb_tells_one():
    result = _run(
        "Mayor Ana Kowal met the nurses' leader, Tomas Reyes, on Monday.",
        "The vote followed talks between Kowal and Reyes at the town hall.",
        "Kowal rejected the Nursing Guild's request for a pay review.",
    )
    by_sentence = _events(result)
    (talks,) = by_sentence[2]
    assert talks.type == "CONSULT" and _names(result, talks.actors) == {"Ana Kowal", "Tomas Reyes"}
    # A verb tells the act here: the request it rejected is its topic, not a second event.
    assert [e.type for e in by_sentence[3]] == ["REJECT"]


def test_only_a_light_verb_takes_its_type_from_its_object():
    result = _run(
        "Vantor Chips reversed its withdrawal from the trade association on Monday.",
        "Vantor Chips held talks with the trade association on Tuesday.",
    )
    by_sentence = _events(result)
    assert [e.type for e in by_sentence[1]] == ["OTHER"]  # reversing a withdrawal is no retreat
    assert [e.type for e in by_sentence[2]] == ["CONSULT"]


def test_an_aspectual_verb_passes_to_its_act_unless_it_is_a_plan():
    result = _run(
        "Kestria continues to build up troops along its border with Marovia.",
        "Kestria said it would keep shelling the port.",
        "The Marovian army began shelling the town of Dolsk on Monday.",
    )
    by_sentence = _events(result)
    assert [e.type for e in by_sentence[1]] == ["MOBILIZE"]
    assert 2 not in by_sentence
    assert [e.type for e in by_sentence[3]] == ["ASSAULT"]


def test_telling_a_person_is_a_consultation_telling_an_audience_is_not():
    result = _run(
        "Mayor Ana Kowal told the nurses' leader, Tomas Reyes, that the budget was tight.",
        "Kowal told the city council that the budget was tight.",
    )
    by_sentence = _events(result)
    (told,) = by_sentence[1]
    assert told.type == "CONSULT" and _names(result, told.recipients) == {"Tomas Reyes"}
    assert 2 not in by_sentence


def test_a_statement_of_a_demand_or_made_in_a_call_with_someone_is_an_act():
    result = _run(
        "Mayor Ana Kowal stressed the need for more night staff at the hospital.",
        "In a call with the nurses' leader, Tomas Reyes, Kowal pointed to the budget.",
        "Kowal stressed the value of the hospital to the town.",
    )
    by_sentence = _events(result)
    assert [e.type for e in by_sentence[1]] == ["REQUEST"]
    assert [e.type for e in by_sentence[2]] == ["CONSULT"]
    assert 3 not in by_sentence  # a statement, nothing more


@pytest.mark.parametrize(
    "first",
    [
        "Mayor Ana Kowal met the nurses' leader, Tomas Reyes, at the town hall on Monday.",
        "Health Minister Ana Kowal discussed the budget in a phone call with union leader Tomas Reyes on Monday.",
    ],
)
def test_telling_someone_already_consulted_is_the_same_conversation(first: str) -> None:
    result = _run(first, "Kowal told Reyes that the budget was tight.")
    assert [(e.type, e.evidence[0].sentence) for e in result.events] == [("CONSULT", 1)]


def test_a_participle_that_names_its_doers_tells_their_act_but_not_a_document_released():
    result = _run(
        "The contract, signed by Vantor Chips and Meridian Health in 2024, covers four plants.",
        "The statement, released by Vantor Chips on Monday, gave no figures.",
    )
    by_sentence = _events(result)
    (signed,) = by_sentence[1]
    assert signed.type == "AGREE" and _names(result, signed.actors) == {"Vantor Chips", "Meridian Health"}
    assert 2 not in by_sentence


def test_two_coordinated_acts_of_different_kinds_are_two_events_and_a_vote_is_a_decision():
    result = _run(
        "Mayor Ana Kowal welcomed the ruling but criticised Meridian Health for closing the ward.",
        "The Dolsk city council voted 9 to 4 on Tuesday to reopen the ward.",
    )
    by_sentence = _events(result)
    assert sorted(e.type for e in by_sentence[1]) == ["ACCUSE", "SUPPORT"]
    assert [e.type for e in by_sentence[2]] == ["OTHER"]  # (the act decided, untyped: not an agreement)


def test_a_material_act_named_by_a_noun_beside_a_verb_is_an_event_but_a_verbal_one_is_not():
    result = _run(
        "Norvik Police raided the offices of the Daily Courier on Thursday.",
        "The Veldhaven Council condemned Norvik Police's detention of two reporters on Friday.",
        "Kessel Union called a strike on Monday.",
        "The Harbour Authority rejected Kessel Union's request for a wage review.",
    )
    by_sentence = _events(result)
    condemned = {(e.type, frozenset(_names(result, e.actors))) for e in by_sentence[2]}
    assert ("ACCUSE", frozenset({"Veldhaven Council"})) in condemned
    assert ("COERCE", frozenset({"Norvik Police"})) in condemned  # the detention the council condemned
    # The request is what the rejection answers, not a second event of the sentence.
    assert [(e.type, _names(result, e.actors)) for e in by_sentence[4]] == [("REJECT", {"Harbour Authority"})]


def test_a_nationality_adjective_names_the_doer_of_an_act_unless_the_act_is_denied():
    result = _run(
        "Argentina and Chile held talks on fishing quotas in March.",
        "Chile condemned the Argentine detention of a trawler crew on Sunday.",
        "Argentina has maintained its denial of the Chilean arrest of the captain.",
    )
    by_sentence = _events(result)
    assert any(e.type == "COERCE" and _names(result, e.actors) == {"Argentina"} for e in by_sentence[2])
    assert not any(e.type == "COERCE" for e in by_sentence.get(3, []))  # denied: no arrest by Chile


def test_a_vote_or_decision_to_act_takes_the_type_of_the_act_decided():
    result = _run(
        "The Senate voted on Tuesday to ban single-use plastic bags.",
        "The Nursing Guild said its members had voted to reject Meridian Health's offer.",
        "Parliament agreed to extend the fishing ban.",
        "The Harbour Authority decided to suspend Dockline Logistics on Monday.",
    )
    typed = {n: [(e.type, _names(result, e.actors)) for e in evs] for n, evs in _events(result).items()}
    assert typed[1] == [("SANCTION", {"Senate"})]
    assert typed[2] == [("REJECT", {"Nursing Guild"})]  # its members voted: the guild's act
    assert typed[3] == [("AGREE", {"Parliament"})]  # an agreement stays one
    assert typed[4] == [("SANCTION", {"Harbour Authority"})]


def test_coordinated_clauses_with_different_doers_are_two_events():
    result = _run(
        "Meridian Health reopened the Eastgate clinic on Monday, and the Nursing Guild welcomed the decision."
    )
    acts = {(e.type, frozenset(_names(result, e.actors))) for e in _events(result)[1]}
    assert acts == {("SUPPORT", frozenset({"Nursing Guild"})), ("OTHER", frozenset({"Meridian Health"}))}


def test_an_unresolved_he_or_she_in_an_adverbial_clause_is_the_one_person_acting_in_the_sentence():
    result = _run(
        "Health Minister Anna Kowalczyk warned on Monday that the outbreak could reach the capital, the Health "
        "Ministry said after she met the mayor of Lodz, Tomasz Zielinski."
    )
    acts = {(e.type, frozenset(_names(result, e.actors))) for e in _events(result)[1]}
    # (warning that the outbreak could reach the capital: a risk foreseen, a statement the news reports)
    assert acts == {("STATEMENT", frozenset({"Anna Kowalczyk"})), ("CONSULT", frozenset({"Anna Kowalczyk"}))}


def test_telling_a_person_in_a_relative_clause_is_a_consultation_worded_without_the_relative_link():
    result = _run(
        "The strike ended after a meeting on Friday in which Mayor Ines Duarte told the union leader, Paulo Reis, "
        "that the city would review the rota."
    )
    [event] = _events(result)[1]
    assert event.type == "CONSULT"
    assert _names(result, event.actors) == {"Ines Duarte"}
    assert _names(result, event.recipients) == {"Paulo Reis"}
    assert "which" not in event.summary.split()


def test_a_causative_tells_the_act_it_caused_by_its_object_even_when_the_parser_hangs_it_on_a_participle():
    result = _run(
        "Kessel Union called a strike on Monday.",
        "The walkout forced Meridian Health to withdraw its pay offer.",
        "The Harbour Authority did not force Kessel Union to withdraw the ballot.",
        "Dockline Logistics won the port contract in May, beating Norvik Freight by a wide margin, but a safety "
        "complaint led the Harbour Authority to suspend the award.",
    )
    typed = {n: {(e.type, frozenset(_names(result, e.actors))) for e in evs} for n, evs in _events(result).items()}
    assert ("RETREAT", frozenset({"Meridian Health"})) in typed[2]
    assert not any(kind == "RETREAT" for kind, _ in typed.get(3, set()))  # not forced: nothing withdrawn
    assert ("SANCTION", frozenset({"Harbour Authority"})) in typed[4]


def test_an_untyped_act_a_past_causative_made_someone_do_happened_and_a_future_one_did_not():
    result = _run(
        "The storm forced Medwick Airlines to cancel twelve flights on Monday.",
        "The fog will force Medwick Airlines to close its terminal in Dunmore.",
    )
    by_sentence = _events(result)
    [event] = by_sentence[1]
    assert event.type == "OTHER" and _names(result, event.actors) == {"Medwick Airlines"}
    assert 2 not in by_sentence  # a forecast: nothing closed yet


def test_a_passive_act_with_no_doer_is_by_the_body_the_report_just_cited_unless_it_is_an_attack_or_told_again():
    result = _run(
        "The Harwick prosecutor's office said on Monday that a bank clerk had moved 2 million euros to his own "
        "accounts.",
        "The clerk was charged on Tuesday with fraud.",
        "The Orlen Valley Fire Service said a landslide had buried six houses.",
        "Four people were killed.",
        "The Harwick prosecutor's office said it had lodged an objection with the Harwick District Court.",
        "The objection was lodged with the court under the banking law.",
    )
    by_sentence = _events(result)
    [charged] = by_sentence[2]
    assert charged.type == "ACCUSE" and _names(result, charged.actors) == {"Harwick prosecutor's office"}
    assert 4 not in by_sentence  # the fire service killed no one
    assert 6 not in by_sentence  # the objection of sentence 5, told again


def test_a_light_verb_with_a_document_is_no_agreement_what_the_document_asks_is_the_act():
    result = _run(
        "The Kessel Nurses' Guild signed an open letter on Thursday urging the Halvard Health Ministry to raise pay.",
        "The Kessel Nurses' Guild signed a pay agreement with Meridian Health on Friday.",
    )
    typed = {n: {e.type for e in evs} for n, evs in _events(result).items()}
    assert typed[1] == {"REQUEST"}  # the letter's demand, not an agreement
    assert typed[2] == {"AGREE"}


def test_a_past_tense_the_tagger_reads_as_a_participle_still_tells_a_past_act():
    # spaCy tags "pressed" here VBN, though it has its own subject and no auxiliary.
    result = _run(
        "Meridian Health announced a rescue plan on Monday.",
        "The vote came as Meridian Health, its lenders and other partners pressed ahead with their rescue plan.",
    )
    assert any(_names(result, e.actors) == {"Meridian Health"} for e in _events(result).get(2, []))


def _run_paragraphs(*paragraphs: str) -> ArticleSummary:
    return rules_on("\n\n".join(paragraphs), "2026-05-06")


def test_an_act_told_in_a_headline_and_again_in_the_body_is_one_event_with_both_quotes():
    result = _run_paragraphs(
        "Mayor Ines Falk praises Harbor Rescue after the floods",
        "Mayor Ines Falk on Tuesday praised Harbor Rescue for its work during the floods.",
        "Harbor Rescue evacuated 300 residents from the lower town on Sunday.",
    )
    praise = [e for e in result.events if e.type == "SUPPORT"]
    assert len(praise) == 1 and [e.sentence for e in praise[0].evidence] == [1, 2]
    assert len(result.events) == 2


def test_an_attitude_to_an_act_is_no_event_and_a_participle_tells_a_second_act_of_the_doer():
    result = _run(
        "Judge Carla Moss fined Velta Shipping 40,000 euros on Monday while also ordering the company to repair "
        "the pier.",
        "Velta Shipping hoped to settle the case out of court.",
        "Velta Shipping declined to say whether it would appeal.",
    )
    assert set(_events(result)) == {1}  # hoping and declining to say are not acts
    assert {e.type for e in _events(result)[1]} == {"SANCTION", "COERCE"}  # "fined" is of "fine", not "fin"


def test_nothing_done_a_question_left_open_a_progressive_or_a_relation_is_no_event():
    result = _run(
        "Meridian Health dismissed its chief nurse on Monday.",
        "Meridian Health gave no date for the reopening of the ward.",
        "The Nursing Guild did not indicate whether its members would return on Friday.",
        "Velta Shipping was studying the ruling on Tuesday.",
        "In the court's view, Brandt Logistics amounted to little more than a shell company.",
        "Ines Falk said hospitals must not close wards in the winter.",
    )
    assert set(_events(result)) == {1}


def test_a_light_verb_on_a_definite_act_noun_is_the_act_told_before():
    result = _run(
        "Mayor Ines Falk has promised that the city will rebuild the harbour wall.",
        "Ines Falk made the commitment when she met Harbor Rescue on Monday.",
    )
    assert sorted(e.type for e in result.events) == ["AGREE", "CONSULT"]
    pledge = next(e for e in result.events if e.type == "AGREE")
    assert [e.sentence for e in pledge.evidence] == [1, 2]


def test_an_agreement_signed_with_no_doer_named_is_the_parties_act_and_a_decision_is_an_act():
    result = _run(
        "Norwegian Health Minister Lina Berg met her Swedish counterpart Ola Dahl in Oslo on Monday.",
        "The agreement was signed on Tuesday.",
        "The two ministers also decided to open a joint stockpile in Malmo.",
    )
    by_sentence = _events(result)
    signed = by_sentence[2][0]
    assert signed.type == "AGREE" and _names(result, signed.actors) == {"Lina Berg", "Ola Dahl"}
    assert signed.summary.endswith("the agreement was signed on Tuesday")  # what was signed, not who
    assert _names(result, by_sentence[3][0].actors) == {"Lina Berg", "Ola Dahl"}


def test_an_agreement_a_participle_tells_with_no_doer_is_the_parties_act_but_a_kind_of_deal_is_none():
    result = _run(
        "Norwegian Health Minister Lina Berg met her Swedish counterpart Ola Dahl in Oslo on Monday.",
        "The accord, signed in 2023, set up a shared stockpile of vaccines.",
        "Lina Berg criticised deals signed without a vote in parliament.",
    )
    by_sentence = _events(result)
    [signed] = by_sentence[2]
    assert signed.type == "AGREE" and _names(result, signed.actors) == {"Lina Berg", "Ola Dahl"}
    assert {e.type for e in by_sentence[3]} == {"ACCUSE"}  # "deals signed ...": a kind of deal, no act


def test_an_act_told_in_a_relative_clause_on_the_speaker_does_not_hide_the_threat_the_speaker_makes():
    result = _run(
        "The Harwick Rowing Club, which has banned motor boats from its lake since 2021, said it would leave the "
        "regional league if the fees rose again.",
    )
    typed = {(e.type, frozenset(_names(result, e.actors))) for e in _events(result)[1]}
    assert ("THREATEN", frozenset({"Harwick Rowing Club"})) in typed
    assert ("SANCTION", frozenset({"Harwick Rowing Club"})) in typed


def test_lending_is_aid_also_when_a_relative_clause_tells_it():
    result = _run(
        "The Orlen Trust, which has lent the Harwick Library 300 rare maps since 2015, said on Monday that it "
        "welcomed the new reading room.",
        "The Nordbank Fund loaned the Harwick Library 2 million euros in May.",
    )
    by_sentence = _events(result)
    aid = {(e.type, frozenset(_names(result, e.actors))) for n in (1, 2) for e in by_sentence[n]}
    assert ("AID", frozenset({"Orlen Trust"})) in aid and ("AID", frozenset({"Nordbank Fund"})) in aid


def test_a_subjectless_act_hung_inside_a_report_on_a_predicate_it_cannot_share_is_the_speakers():
    # The parser hangs "and condemned ..." on the reported copula, and "denying ..." on a reported
    # clause whose subject is no actor: each is the speaker's own act, not the reported subject's.
    result = _run(
        "The Harbour Authority said the new crane was unsafe and condemned Dockline Logistics for buying it.",
        "The city council said the bridge over the canal had not moved, rejecting claims by residents that it had "
        "shifted.",
        "Meridian Health said the Nursing Guild was ready to talk and would not strike.",
    )
    typed = {n: {(e.type, frozenset(_names(result, e.actors))) for e in evs} for n, evs in _events(result).items()}
    assert ("ACCUSE", frozenset({"Harbour Authority"})) in typed[1]
    assert ("REJECT", frozenset({"city council"})) in typed[2]
    assert not typed.get(3)  # a reported plan ("would not strike") is no act of the speaker's


def test_saying_what_one_cannot_do_or_would_do_were_things_otherwise_is_no_refusal_or_threat():
    result = _run(
        "Meridian Health said it could not keep the night clinic open without more nurses.",
        "The hospital director, Ana Kowal, met the Nursing Guild on Monday.",
        '"We cannot pay wages that the ministry has not sent us," Kowal said at a news conference in Dolsk.',
        "The mediator, Piet Laan, met both sides on Thursday.",
        '"I would not be sitting at this table if I did not believe both sides wanted a settlement," he said.',
        "Meridian Health said it would not sell the clinic.",
        "The Nursing Guild said it would strike if Meridian Health cut the night shift.",
    )
    typed = {n: [e.type for e in evs] for n, evs in _events(result).items()}
    # What one cannot do, and in one's own quoted words what one would do were things otherwise.
    assert not any(typed.get(n) for n in (1, 3, 5))
    assert typed[6] == ["REJECT"]  # what it will not do is a refusal
    assert typed[7] == ["THREATEN"]  # reported, "would ... if" is the backshifted "will ... if"


def test_a_reported_refusal_by_a_named_actor_is_the_speakers_act_but_a_forecast_of_a_thing_is_not():
    result = _run(
        "The hospital director, Ana Kowal, said the Nursing Guild would not accept the rota.",
        "Ana Kowal said the night shift would not end before June.",
        "Ana Kowal said the Nursing Guild would not accept the rota if the ministry cut pay.",
    )
    typed = {n: [(e.type, _names(result, e.actors)) for e in evs] for n, evs in _events(result).items()}
    assert typed[1] == [("REJECT", {"Ana Kowal"})]
    assert not typed.get(2)  # what a thing will not do is a forecast
    assert ("REJECT", {"Ana Kowal"}) not in typed.get(3, [])  # a conditional is no refusal


def test_an_office_holder_announcing_a_conditional_act_of_their_institution_against_another_is_a_threat():
    result = _run(
        "The Food Standards Agency fined Dunmore Foods 40,000 pounds on Monday over its labels.",
        "The agency's director, Mara Vell, said the agency would sue Dunmore Foods if the company did not"
        " correct its labels by Friday.",
        "Dunmore Foods' chief executive, Paul Arne, said the company would try again next month"
        " if the weather improved.",
    )
    by_sentence = _events(result)
    threats = [e for e in by_sentence.get(2, []) if e.type == "THREATEN"]
    assert len(threats) == 1
    assert _names(result, threats[0].actors) & {"Mara Vell", "Food Standards Agency"}
    assert "Dunmore Foods" in _names(result, threats[0].recipients or [])
    # the institution's own plan with a condition is no threat: a follow-up, not an event
    assert 3 not in by_sentence
    assert any(f.evidence[0].sentence == 3 for f in result.follow_ups)


def test_a_finite_verb_the_parser_hung_on_its_subject_noun_is_the_main_act():
    # The small parser reads this sentence as one noun phrase ("chair" as root, "accused" modifying it):
    # a finite past verb modifies no noun, so it is the sentence's act and the noun its doer.
    from summarizer.strategies.parse_form import misread_root
    from summarizer.strategies.parse_pipeline import pipeline

    sentence = "Its chair, Britta Ekström, accused Velmar of ignoring their complaints."
    assert any(misread_root(t) for t in pipeline()(sentence)), "the parser no longer misreads it: pick another"
    result = _run("The Harbour Workers Union called a strike at Velmar on Monday.", sentence)
    accusations = [e for e in _events(result).get(2, []) if e.type == "ACCUSE"]
    assert len(accusations) == 1
    assert _names(result, accusations[0].actors) == {"Britta Ekström"}
    assert _names(result, accusations[0].recipients or []) == {"Velmar"}


def test_a_fault_reported_of_another_party_is_the_speakers_accusation_but_not_of_its_own_side():
    result = _run(
        "The Nursing Guild said Meridian Health had ignored dozens of complaints about night shifts.",
        "Meridian Health said it had ignored no complaint.",
    )
    by_sentence = _events(result)
    charge = by_sentence[1][0]
    assert charge.type == "ACCUSE" and _names(result, charge.actors) == {"Nursing Guild"}
    assert _names(result, charge.recipients) == {"Meridian Health"}
    assert all(e.type != "ACCUSE" for e in by_sentence.get(2, []))  # its own word, negated: no charge


def test_an_announcement_that_a_past_act_was_done_reports_that_act():
    result = _run("Meridian Health and the Nursing Guild announced on Friday that they had opened talks on pay.")
    talks = [e for e in result.events if e.type == "CONSULT"]
    assert [_names(result, e.actors) for e in talks] == [{"Meridian Health", "Nursing Guild"}]


def test_a_reported_fear_or_understanding_is_a_state_of_mind_not_an_act():
    result = _run(
        "The Nursing Guild said it feared for the night staff at Meridian Health.",
        "Meridian Health's director, Ola Berg, said she understood the nurses' anger.",
    )
    assert _events(result) == {}


def test_a_participle_that_goes_on_with_a_report_reports_a_past_act_but_not_what_it_dates():
    result = _run(
        "\"The wards will reopen on Friday,\" Mayor Ana Kowal said, adding that the Nursing Guild had agreed"
        " to end its strike.",
        "\"This is about money,\" Ana Kowal said, noting that wages had fallen by a tenth since the Meridian Health"
        " contract was signed.",
    )
    by_sentence = _events(result)
    assert [(e.type, _names(result, e.actors)) for e in by_sentence[1]] == [("AGREE", {"Nursing Guild"})]
    assert 2 not in by_sentence


def test_an_act_coordinated_with_the_frame_of_an_opening_quote_is_an_event():
    result = _run(
        "Mayor Ana Kowal spoke on Monday.",
        "Patients \"cannot wait another month\", the mayor said, and she has asked the Nursing Guild"
        " to end the strike.",
    )
    requests = [e for e in result.events if e.type == "REQUEST"]
    assert [_names(result, e.actors) for e in requests] == [{"Ana Kowal"}]


def test_going_further_frames_what_comes_next_and_is_no_act():
    result = _run(
        "Bramwell Textiles, which runs three mills in the valley, went further.",
        "Its rival Ostrava Looms went farther at a meeting on Tuesday.",
        "Bramwell Textiles moved further into the Polish market in March.",
    )
    assert set(_events(result)) == {3}  # (a direction is a complement: the move is an act)


def test_an_adverbial_clause_of_a_plan_or_a_refusal_is_its_bound_not_an_act():
    result = _run(
        "Halden Dairies said it would not reopen the plant until the regulator had approved the new filters.",
        "Halden Dairies reopened the plant after the regulator approved the new filters.",
    )
    by_sentence = _events(result)
    assert 1 not in by_sentence or all(e.type != "AGREE" for e in by_sentence[1])
    assert "AGREE" in {e.type for e in by_sentence[2]}


def test_a_label_the_parser_hangs_without_an_object_still_makes_calling_a_judgment():
    result = _run(
        "The mayor of Tessby, Karin Lund, called the closure of the night clinic \"unacceptable\" and left.",
        "The Harbour Pilots' Guild, which represents 300 pilots, called the stoppage unlawful"
        " because the contract runs until June.",
    )
    types = {e.type for e in result.events}
    assert "CONSULT" not in types  # (not a phone call)
    assert "ACCUSE" in types


def test_a_question_in_the_narrative_asks_and_tells_no_act():
    result = _run(
        "What did the Harbour Board decide?",
        "The Harbour Board closed the north quay on Monday.",
    )
    assert set(_events(result)) == {2}


def test_a_sentence_inside_a_quotation_the_one_before_left_open_is_the_speakers_words():
    result = _run(
        "Its chair, Nora Vik, described the meeting. \"I met a nurse from the night shift today.",
        "She asked the Harbour Board to cancel her contract.",
        "What could I tell her?\" Vik said.",
        "The Harbour Board cancelled the contract on Monday.",
    )
    assert [e.type for e in result.events] == ["OTHER"]  # the cancellation; the nurse's request is quoted


def test_a_past_act_carrying_a_condition_in_what_it_offered_is_still_an_act():
    # the "if" belongs to the bid; the accusation after it was made, and on the day the speaker said so
    result = _run(
        "Pelton Foods said on Monday that it had raised its bid to 40 pence a share if the board backed it, "
        "and accused the board of stalling."
    )
    events = _events(result)[1]
    accused = [e for e in events if e.type == "ACCUSE"]
    assert accused and _names(result, accused[0].actors) == {"Pelton Foods"}
    assert accused[0].date_text == "Monday"


def test_summoning_someone_to_a_coming_hearing_is_a_request_made_now():
    result = _run("The audit committee summoned Carla Mendes to a hearing on June 20.")
    events = _events(result)[1]
    assert [e.type for e in events] == ["REQUEST"]
    assert _names(result, events[0].recipients) == {"Carla Mendes"}
    assert events[0].date_text != "June 20"  # the hearing's date, not the summons'


def test_hiring_a_party_is_cooperation_hiring_staff_is_not():
    result = _run(
        "The city council hired Marrow Engineering to inspect the bridge.",
        "Marrow Engineering hired 30 more inspectors in April.",
    )
    by_sentence = _events(result)
    assert [e.type for e in by_sentence[1]] == ["COOPERATE"]
    assert all(e.type != "COOPERATE" for e in by_sentence.get(2, []))


def test_a_typed_verb_of_speech_set_inside_the_sentence_is_the_speakers_act():
    result = _run("Without a buyer, Carla Mendes conceded, the plant could close by winter.")
    events = _events(result)[1]
    assert [e.type for e in events] == ["CONCEDE"]
    assert _names(result, events[0].actors) == {"Carla Mendes"}


def test_what_another_party_had_not_done_told_by_a_speaker_is_no_act_of_that_party():
    # the regulator's charge, not an aid "provided" (denied) by the rail operator
    result = _run("The regulator said that Harbin Rail had not provided the safety data and had missed two deadlines.")
    events = _events(result)[1]
    assert [e.type for e in events] == ["ACCUSE"]
    assert _names(result, events[0].actors) == {"regulator"}
