"""Round 24, events (h24-ev): a warning of a risk is a statement the news reports (not a threat), and a
reply to "the request" made "on Wednesday" answers the one who asked. Each rule has sentences it must
read and sentences of the same shape it must leave alone (the self-review of COMMON.md)."""

from __future__ import annotations

from conftest import event_links, rules_on


def _events(body: str) -> list[tuple[str, list[str], list[str]]]:
    return event_links(rules_on(body))


def _types(body: str) -> list[str]:
    return [e[0] for e in _events(body)]


# "warned that <a thing> would ...": a warning of a risk, an event typed STATEMENT.


def test_warning_of_a_cost_is_a_statement() -> None:
    body = "The Harlow Chamber of Commerce warned that the new tax would cost local shops thousands of customers."
    assert _events(body) == [("STATEMENT", ["Harlow Chamber of Commerce"], [])]


def test_warning_beside_a_promise_to_comply() -> None:
    body = "Delta Freight Company said it would comply but warned that the cap would cost it foreign contracts."
    assert ("STATEMENT", ["Delta Freight Company"], []) in _events(body)
    assert "THREATEN" not in _types(body)


def test_warning_of_a_state_of_things() -> None:
    body = "Rural Vets Network said on Monday that many rural practices were short of staff, and warned that " \
        "many practices were closing."
    assert "THREATEN" not in _types(body)


def test_warning_after_a_finding_is_the_event() -> None:
    body = "A report by the Westmoor Highways Agency found cracks in the bridge and warned that one of the piers " \
        "could fail within a year."
    assert _types(body)[:1] == ["STATEMENT"]


# Same shape, still a threat (or not a warning of a risk).


def test_warning_of_the_speakers_own_act_is_a_threat() -> None:
    body = "The Harlow Drivers Union warned that it would strike if Westmoor Council cut jobs."
    assert "STATEMENT" not in _types(body)


def test_warning_of_its_members_act_is_not_a_statement() -> None:
    body = "The Harlow Drivers Union warned that its members would block the depot."
    assert "STATEMENT" not in _types(body)


def test_warning_of_a_response_to_be_done_is_a_threat() -> None:
    body = "Secretary of State Ann Lee warned that any attack on the port would be met with a firm response."
    assert "STATEMENT" not in _types(body)


def test_warning_on_a_named_partys_act_is_a_threat() -> None:
    body = "The Harlow Drivers Union warned that workers could walk out if Westmoor Council cut pay."
    assert "STATEMENT" not in _types(body)


def test_warning_of_a_duty_is_not_a_statement() -> None:
    body = "The Harlow Drivers Union warned that violence had to be avoided."
    assert "STATEMENT" not in _types(body)


def test_warning_a_party_is_not_retyped() -> None:
    body = "The Harlow Drivers Union warned Westmoor Council that the cuts would close the library."
    assert "STATEMENT" not in _types(body)


def test_warning_not_given_is_no_event() -> None:
    body = "The Harlow Drivers Union did not warn that the cuts would close the library."
    assert "STATEMENT" not in _types(body)


def test_warning_planned_is_no_event() -> None:
    body = "The Harlow Drivers Union will warn that the cuts would close the library."
    assert "STATEMENT" not in _types(body)


def test_warning_of_a_named_actors_act_is_not_a_statement() -> None:
    body = "The Harlow Drivers Union warned that Westmoor Council would close the library."
    assert "STATEMENT" not in _types(body)


def test_warning_inside_a_quote_is_no_event() -> None:
    body = '"We warned that the bridge could fail," said Ann Lee of the Westmoor Highways Agency.'
    assert "STATEMENT" not in _types(body)


# "rejected the request on Wednesday": the request told before, by another party.


_ASKED = "The Harlow Drivers Union asked Westmoor Council for a pay rise of 5 percent. "


def test_reply_to_the_request_on_a_day() -> None:
    body = _ASKED + "Westmoor Council rejected the request on Wednesday."
    assert ("REJECT", ["Westmoor Council"], ["Harlow Drivers Union"]) in _events(body)


def test_reply_to_a_request_named_by_its_content() -> None:
    body = _ASKED + "Westmoor Council rejected the request for a new depot on Wednesday."
    assert all(e[2] == [] for e in _events(body) if e[0] == "REJECT")


def test_reply_to_a_request_of_another_party() -> None:
    body = _ASKED + "Westmoor Council rejected the request of the traders on Wednesday."
    assert all("Harlow Drivers Union" not in e[2] for e in _events(body) if e[0] == "REJECT")


def test_reply_to_a_request_on_a_topic_is_not_a_time() -> None:
    body = _ASKED + "Westmoor Council rejected the request on the depot."
    assert all("Harlow Drivers Union" not in e[2] for e in _events(body) if e[0] == "REJECT")


def test_reply_to_its_own_request_is_to_no_one() -> None:
    body = "Westmoor Council asked the Harlow Drivers Union for its accounts. Westmoor Council rejected the " \
        "request on Wednesday."
    assert all(e[2] == [] for e in _events(body) if e[0] == "REJECT")


def test_reply_on_a_day_to_a_request_with_another_party_after_it() -> None:
    body = _ASKED + "Westmoor Council rejected the request on Wednesday from the Harlow Traders Guild."
    assert all("Harlow Drivers Union" not in e[2] for e in _events(body) if e[0] == "REJECT")


def test_reply_to_a_request_with_no_request_told() -> None:
    body = "Westmoor Council met the Harlow Drivers Union on Monday. Westmoor Council rejected the request on " \
        "Wednesday."
    assert all("Harlow Drivers Union" not in e[2] for e in _events(body) if e[0] == "REJECT")


def test_warning_of_a_strike_is_still_a_threat() -> None:
    body = "Carrow Buses called its offer final and warned that a longer strike would put some routes at risk."
    assert "STATEMENT" not in _types(body)


def test_warning_of_aggression_against_a_country_is_still_a_threat() -> None:
    body = "Secretary of State Ann Lee warned that further aggression against Ukraine would draw a severe response."
    assert "STATEMENT" not in _types(body)


# "X is said to have asked Y": hearsay of an act is the act, reported.


def test_said_to_have_asked() -> None:
    body = "Westmoor Council's leader, Ann Lee, is reported to have asked two firms whether they would help."
    assert ("REQUEST", ["Ann Lee"], []) in _events(body)


def test_understood_to_have_urged() -> None:
    body = "Ann Lee is understood to have urged the Harlow Drivers Union to call off the strike."
    assert ("REQUEST", ["Ann Lee"], ["Harlow Drivers Union"]) in _events(body)


def test_expected_to_have_is_no_hearsay() -> None:
    body = "Ann Lee is expected to have asked the Harlow Drivers Union for its accounts by May."
    assert "REQUEST" not in _types(body)


def test_not_thought_to_have_is_no_act() -> None:
    body = "Ann Lee is not thought to have asked the Harlow Drivers Union for help."
    assert "REQUEST" not in _types(body)


def test_said_to_be_asking_is_no_act_told() -> None:
    body = "Ann Lee is said to be asking the Harlow Drivers Union for help."
    assert "REQUEST" not in _types(body)


def test_said_to_ask_every_year_is_a_habit() -> None:
    body = "Ann Lee is said to ask the Harlow Drivers Union for help every year."
    assert "REQUEST" not in _types(body)


def test_might_be_said_to_have_is_no_report() -> None:
    body = "Ann Lee might be said to have asked the Harlow Drivers Union for too much."
    assert "REQUEST" not in _types(body)


def test_asked_to_have_is_no_hearsay() -> None:
    body = "Ann Lee was told to have asked the Harlow Drivers Union for the accounts by May."
    assert ("REQUEST", ["Ann Lee"], ["Harlow Drivers Union"]) not in _events(body)


def test_said_in_a_quote_to_have_asked() -> None:
    body = '"Ann Lee is said to have asked the Harlow Drivers Union for help," Tom Reed said.'
    assert ("REQUEST", ["Ann Lee"], ["Harlow Drivers Union"]) not in _events(body)


# A passive act with no doer, after a body is cited, is the body's; one not done is no one's.

_CITED = "The Harlow Football Association said it had finished its inquiry into the match. "


def test_passive_act_after_a_citation_is_the_cited_bodys() -> None:
    body = _CITED + "Two players were suspended for six games."
    assert ("SANCTION", ["Harlow Football Association"], []) in _events(body)


def test_passive_act_not_done_is_no_ones() -> None:
    body = _CITED + "Two players were not suspended."
    assert all(e[0] != "SANCTION" for e in _events(body))


def test_case_not_settled_is_no_agreement() -> None:
    body = _CITED + "The doping case has not been settled."
    assert all(e[0] != "AGREE" for e in _events(body))


# "wrote to X in February asking for ...": a participle the parser hung on the time goes on with the letter.


def test_letter_asking_after_a_month() -> None:
    body = "Ahmed Rahim wrote to Transport Secretary Ann Lee in February asking for emergency money."
    assert _events(body) == [("REQUEST", ["Ahmed Rahim"], ["Ann Lee"])]


def test_letter_asking_is_one_act_not_also_a_consultation() -> None:
    body = "Ahmed Rahim has written to Transport Secretary Ann Lee asking for emergency money."
    assert _events(body) == [("REQUEST", ["Ahmed Rahim"], ["Ann Lee"])]


def test_participle_of_a_noun_is_not_the_letters() -> None:
    body = "Ahmed Rahim wrote to Ann Lee in February about a plan calling for deep cuts."
    assert ("REQUEST", ["Ahmed Rahim"], ["Ann Lee"]) not in _events(body)


def test_participle_of_people_after_a_month_is_theirs() -> None:
    body = "Ahmed Rahim wrote to Ann Lee in February about workers asking for money."
    assert ("REQUEST", ["Ahmed Rahim"], ["Ann Lee"]) not in _events(body)


def test_letter_in_february_while_visiting() -> None:
    body = "Ahmed Rahim wrote to Ann Lee in February while visiting Madrid."
    assert _types(body) == ["CONSULT"]


def test_letter_planned_in_february_asking() -> None:
    body = "Ahmed Rahim will write to Ann Lee in February asking for money."
    assert "REQUEST" not in _types(body)


def test_letter_not_written_in_february_asking() -> None:
    body = "Ahmed Rahim did not write to Ann Lee in February asking for money."
    assert "REQUEST" not in _types(body)


def test_letter_asking_another_party_keeps_the_consultation() -> None:
    body = "Ahmed Rahim wrote to Ann Lee on Monday, asking the Harlow Council for money."
    events = _events(body)
    assert ("CONSULT", ["Ahmed Rahim"], ["Ann Lee"]) in events
    assert ("REQUEST", ["Ahmed Rahim"], ["Ann Lee"]) not in events


def test_warning_in_a_participle_beside_the_act_is_part_of_it() -> None:
    body = "The Harlow Competition Authority opened an in-depth review of the takeover on Monday, warning that the " \
        "merger could weaken competition."
    assert "STATEMENT" not in _types(body)


def test_warning_in_a_participle_of_a_telling_is_the_statement() -> None:
    body = "Ahmed Rahim told Sky News on Monday, warning that the plant would close."
    assert _events(body) == [("STATEMENT", ["Ahmed Rahim"], [])]


def test_warning_beside_a_typed_act_is_part_of_it() -> None:
    body = "The Harlow Startup Alliance called the fine excessive and warned that such fines would push founders " \
        "abroad."
    assert "STATEMENT" not in _types(body)


# "said it had not been consulted": the speaker's complaint (an accusation), not a consultation denied.

_UNION = "The Harlow Drivers Union said "


def test_not_consulted_is_a_complaint() -> None:
    assert _events(_UNION + "it had not been consulted.") == [("ACCUSE", ["Harlow Drivers Union"], [])]


def test_not_asked_to_review_is_a_complaint() -> None:
    body = _UNION + "on Tuesday it had not been asked to review the proposal."
    assert ("ACCUSE", ["Harlow Drivers Union"], []) in _events(body)


def test_not_asked_by_a_named_party_is_no_complaint() -> None:
    body = _UNION + "it had not been asked by Westmoor Council to intervene."
    assert "ACCUSE" not in _types(body)


def test_another_party_not_consulted_is_not_the_speakers_complaint() -> None:
    body = _UNION + "Westmoor Council had not been consulted."
    assert "ACCUSE" not in _types(body)


def test_consulted_is_no_complaint() -> None:
    assert "ACCUSE" not in _types(_UNION + "it had been consulted.")


def test_a_report_denied_is_no_complaint() -> None:
    body = "The Harlow Drivers Union did not say it had not been consulted."
    assert "ACCUSE" not in _types(body)


def test_not_to_be_consulted_is_no_complaint_told() -> None:
    assert "ACCUSE" not in _types(_UNION + "it would not be consulted.")


def test_not_paid_is_not_this_complaint() -> None:
    assert "ACCUSE" not in _types(_UNION + "it had not been paid.")


def test_not_consulted_in_a_quote_is_no_complaint_told_by_the_rule() -> None:
    body = '"We have not been consulted," Tom Reed said.'
    assert "ACCUSE" not in _types(body)


def test_passive_act_never_done_is_no_ones() -> None:
    body = _CITED + "Two players were never suspended."
    assert all(e[0] != "SANCTION" for e in _events(body))


def test_passive_act_not_yet_done_is_no_ones() -> None:
    body = _CITED + "Two players have not yet been suspended."
    assert all(e[0] != "SANCTION" for e in _events(body))


def test_passive_act_of_no_one_is_no_ones() -> None:
    body = _CITED + "No players were suspended."
    assert all(e[0] != "SANCTION" for e in _events(body))


def test_passive_agreement_not_reached_is_no_ones() -> None:
    body = _CITED + "A settlement with the club was not reached."
    assert all(e[0] != "AGREE" for e in _events(body))


# "recommended that X install ...": a mandative subjunctive asks X to act, a request.


def test_recommended_that_a_party_act_is_a_request() -> None:
    body = "Nordcert recommended that Harlow Textiles install an electronic attendance system and that Lindqvale " \
        "review its purchasing practices."
    assert _events(body) == [("REQUEST", ["Nordcert"], ["Harlow Textiles", "Lindqvale"])]


def test_suggested_that_a_body_reconsider_is_a_request() -> None:
    body = "The Harlow Auditors suggested that Westmoor Council reconsider the tender."
    assert ("REQUEST", ["Harlow Auditors"], ["Westmoor Council"]) in _events(body)


def test_recommended_with_a_present_tense_is_no_request() -> None:
    body = "The Harlow Drivers Union recommended they accept the offer."
    assert "REQUEST" not in _types(body)


def test_recommended_a_thing_stays_support() -> None:
    body = "The Harlow Drivers Union recommended the offer to its members."
    assert _types(body) == ["SUPPORT"]


def test_suggested_with_a_modal_is_no_request() -> None:
    body = "The Harlow Auditors suggested that the road could be carried over the hill."
    assert "REQUEST" not in _types(body)


def test_not_recommended_is_no_request() -> None:
    body = "Nordcert did not recommend that Harlow Textiles install a system."
    assert "REQUEST" not in _types(body)


def test_recommended_with_an_agreeing_verb_is_no_request() -> None:
    body = "Nordcert recommended that Harlow Textiles installs a system."
    assert "REQUEST" not in _types(body)


def test_recommendation_planned_is_no_request() -> None:
    body = "Nordcert will recommend that Harlow Textiles install a system."
    assert "REQUEST" not in _types(body)


def test_recommended_in_a_quote_is_no_request() -> None:
    body = '"We recommended that Harlow Textiles install a system," Tom Reed said.'
    assert "REQUEST" not in _types(body)


def test_warning_of_fines_faced_is_a_threat() -> None:
    body = "The Harlow Drivers Union warned that the company would face fines."
    assert "STATEMENT" not in _types(body)


def test_warning_of_a_strike_triggered_is_a_threat() -> None:
    body = "The Harlow Drivers Union warned that the plan would trigger a strike."
    assert "STATEMENT" not in _types(body)


def test_warning_of_an_act_foreseen_is_not_a_statement() -> None:
    body = "The Harlow Drivers Union warned that the agency would suspend the licences."
    assert "STATEMENT" not in _types(body)


def test_warning_that_a_depot_would_close_is_a_statement() -> None:
    body = "The Harlow Drivers Union warned that the depot would close within a year."
    assert _types(body) == ["STATEMENT"]


# "accepted the decision / the findings": a concession, not an agreement.


def test_accepted_the_decision_is_a_concession() -> None:
    body = "Councillor Tom Reed said after the vote that he accepted the decision."
    assert "CONCEDE" in _types(body) and "AGREE" not in _types(body)


def test_accepted_the_findings_is_a_concession() -> None:
    body = "Harlow Mutual accepted the findings on Monday."
    assert _types(body) == ["CONCEDE"]


def test_accepted_the_offer_is_an_agreement() -> None:
    body = "The Harlow Drivers Union accepted the offer on Monday."
    assert _types(body) == ["AGREE"]


def test_accepted_a_decision_to_act_is_no_concession() -> None:
    body = "The Harlow Drivers Union accepted the decision to raise pay."
    assert "CONCEDE" not in _types(body)


def test_not_accepting_the_decision_is_no_concession() -> None:
    body = "The Harlow Drivers Union did not accept the decision."
    assert "CONCEDE" not in _types(body)


def test_accepted_the_case_is_no_concession() -> None:
    body = "The Harlow Tribunal accepted the case on Monday."
    assert "CONCEDE" not in _types(body)


def test_accepted_a_decision_made_by_another_is_no_concession() -> None:
    body = "The Harlow Drivers Union accepted the decision made by Westmoor Council to raise pay."
    assert "CONCEDE" not in _types(body)


def test_accepting_the_decision_planned_is_no_event() -> None:
    body = "The Harlow Drivers Union will accept the decision."
    assert "CONCEDE" not in _types(body)


def test_its_members_not_consulted_is_a_complaint() -> None:
    body = _UNION + "its members had not been consulted."
    assert _events(body) == [("ACCUSE", ["Harlow Drivers Union"], [])]


def test_known_to_have_opposed_is_no_act_told() -> None:
    body = "Ann Lee is known to have opposed the plan for years."
    assert "REJECT" not in _types(body)
