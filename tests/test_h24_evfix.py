"""Round 24, event fixes (h24-evfix): the reviewer's sentences for the h24-ev rules, read as the reviewer expects,
with counter-sentences of the same shape that keep each rule's gain."""

from __future__ import annotations

import pytest
from conftest import event_links, rules_on


def _events(body: str) -> list[tuple[str, list[str], list[str]]]:
    return event_links(rules_on(body, "2026-04-02"))


def _types(body: str) -> list[str]:
    return [e[0] for e in _events(body)]


# 1. A warning is of a risk (a STATEMENT) only when what it foresees befalls a thing; an act of the speaker's side,
# a penalty or a hostile act, or a limit put on someone ("until", "unless", "while") is a threat.


@pytest.mark.parametrize("body", [
    "The Valdor Teachers' Federation warned that schools would stay shut until the ministry met its demands.",
    "The Kessel Dockworkers' Union warned that picket lines would go up at every terminal.",
    "The Orsk Farmers' Federation warned that tractors would block the motorway on Friday.",
    "The Norland Fishermen's Association warned that boats would sail into the closed zone in protest.",
    "The Kremlin warned that the deployment of missiles in Poland would provoke a military response.",
    "The Baltic Energy Regulator warned that fines would follow for any supplier that missed the deadline.",
    "The European Commission warned that sanctions would hit the Russian economy hard.",
    "Beijing warned that retaliation would be swift.",
    "The rebel commander warned that the pipeline would not be safe while foreign troops remained.",
    # counter-sentences of our own
    "The Orsk Taxi Drivers' Association warned that cabs would block the airport road.",
    "The Harlow Drivers Union warned that buses would stay in the depots until Westmoor Council paid.",
    "The Tervian Finance Ministry warned that tariffs would hit Orsk exporters hard.",
    "The Orsk Interior Ministry warned that the consequences would be severe.",
    "The Norland Fishermen's Association warned that the fleet would stay in port in protest.",
    "The Orsk Nurses' Union warned that wards would remain closed unless the ministry hired staff.",
    "The Orsk Dockers' Union warned that strike action would cost the port millions.",
    "The Tervian Army warned that troops would cross the border.",
    "The Orsk Dockers' Union warned that the port would close if the strike went ahead.",
])
def test_warning_of_an_act_a_penalty_or_a_limit_is_a_threat(body: str) -> None:
    assert _types(body) == ["THREATEN"]


@pytest.mark.parametrize("body", [
    "The Norland Fishermen's Association warned that the quota cut would force half the fleet to stay in port.",
    "The Central Bank of Tervia cautioned that inflation would remain above target until next year.",
    "The Orsk Nurses' Union warned that waiting lists would grow by a third.",
    "The Tervian Defence Ministry warned that the exercise would involve live fire.",
    # counter-sentences of our own
    "The Orsk Retailers' Association warned that prices would rise by a tenth.",
    "The Central Bank of Tervia warned that unemployment could double by 2030.",
    "The Orsk Hospital Trust warned that the ward would close within a year.",
    "The Harlow Anglers' Club warned that heavy fines on small clubs risked pushing anglers away.",
    "The Orsk Chamber of Commerce warned that the new levy would hurt small shops.",
])
def test_warning_of_what_befalls_a_thing_stays_a_statement(body: str) -> None:
    assert _types(body) == ["STATEMENT"]


# 2. Hearsay of an act ("X is said to have signed"): not when the infinitive is denied.


@pytest.mark.parametrize("body", [
    "Ines Moreau is said not to have signed the agreement with Calder Mining.",
    "Paul Varga is understood not to have met the Calder Mining board.",
    "Paul Varga is believed never to have signed the Calder Mining contract.",
    "Paul Varga is reported to have not yet accepted the Calder Mining offer.",
    "Ines Moreau is reported never to have met the Calder Mining board.",
    "Paul Varga is believed to have not signed the Calder Mining contract.",
])
def test_hearsay_of_an_act_denied_is_no_event(body: str) -> None:
    assert _events(body) == []


@pytest.mark.parametrize(("body", "kind", "doer"), [
    ("Paul Varga is said to have signed the Calder Mining contract.", "AGREE", "Paul Varga"),
    ("Ines Moreau is understood to have met the Calder Mining board.", "CONSULT", "Ines Moreau"),
])
def test_hearsay_of_an_act_told_is_the_act(body: str, kind: str, doer: str) -> None:
    assert [(e[0], e[1]) for e in _events(body)] == [(kind, [doer])]


@pytest.mark.parametrize(("body", "kind"), [
    ("Ines Moreau is said to have been asked by Calder Mining to resign.", "REQUEST"),
    ("Paul Varga is thought to have been threatened by Calder Mining.", "THREATEN"),
])
def test_hearsay_of_a_passive_act_is_its_doers(body: str, kind: str) -> None:
    # (the one acted on, the raised subject, is left out as a recipient: parse.py's `_participants`, not this area)
    assert [(e[0], e[1]) for e in _events(body)] == [(kind, ["Calder Mining"])]


# 3. "said it had not been asked to X": a complaint only when X is a part in a decision (review, comment, views);
# not a demand it was spared. A pronoun subject of a passive is the one acted on, not the doer.


@pytest.mark.parametrize("body", [
    "The Orsk Hoteliers' Association said it had not been asked to pay the new tourist tax.",
    "Calder Mining said it had never been asked to hand over any data to the police.",
    "The Orsk Hoteliers' Association said its members had not been asked to close.",
    "The Orsk Football Federation said it had not been asked to investigate the match.",
    "The Orsk Hoteliers' Association said it had not been asked to repay the loan.",
    "The Orsk Hoteliers' Association said it had not been asked for money.",
])
def test_not_asked_to_meet_a_demand_is_no_complaint(body: str) -> None:
    assert _events(body) == []


@pytest.mark.parametrize("body", [
    "Dr Ines Moreau said she had not been consulted about the closure of the ward.",
    "The Orsk Hoteliers' Association said it had not been asked to comment on the plan.",
    "The Orsk Hoteliers' Association said it had not been asked for its views on the plan.",
    "The Orsk Hoteliers' Association said it had never been asked to take part in the talks.",
])
def test_not_consulted_or_asked_for_a_view_is_a_complaint(body: str) -> None:
    assert _types(body) == ["ACCUSE"]


def test_not_consulted_but_welcomed_is_a_complaint_and_support() -> None:
    body = "The Orsk Hoteliers' Association said it had not been consulted, but welcomed the decision."
    assert sorted(_types(body)) == ["ACCUSE", "SUPPORT"]


@pytest.mark.parametrize(("body", "event"), [
    ("The Orsk Hoteliers' Association said it had been fined by the Orsk Tourism Authority.",
     ("SANCTION", ["Orsk Tourism Authority"], ["Orsk Hoteliers' Association"])),
    ("Paul Varga said he had been threatened by Calder Mining.", ("THREATEN", ["Calder Mining"], ["Paul Varga"])),
])
def test_a_passive_pronoun_in_a_report_is_the_one_acted_on(body: str, event: tuple[str, list[str], list[str]]) -> None:
    assert _events(body) == [event]


def test_a_passive_pronoun_with_no_doer_is_not_the_speakers_act() -> None:
    assert _events("Calder Mining said it had been fined.") == []


# 4. "accepted the decision": a concession, not a receipt ("the results from the districts"), not following
# one's own side ("the advice of its lawyers"), not a recognition ("recognised the outcome").


@pytest.mark.parametrize("body", [
    "The Tervian Electoral Commission accepted the results from all 40 districts on Monday.",
    "The United States recognised the outcome of the Tervian election on Monday.",
    "Calder Mining accepted the advice of its lawyers and settled the case.",
    "Paul Varga accepted the advice of his doctors and retired.",
    "Calder Mining accepted the results from the laboratory.",
    "The Orsk Green Party recognised the result of the referendum.",
    "Calder Mining accepted its lawyers' advice.",
])
def test_accepting_what_is_received_or_ones_own_is_no_concession(body: str) -> None:
    assert "CONCEDE" not in _types(body)


@pytest.mark.parametrize("body", [
    "Calder Mining accepted the ruling of the court of arbitration.",
    "Calder Mining accepted the criticism.",
    "Calder Mining accepted the decision of the referee.",
    "The Orsk Dockers' Union accepted the result of the ballot.",
    "Calder Mining accepted the findings of the inquiry.",
    "Calder Mining accepted the court's ruling.",
])
def test_accepting_what_was_decided_about_one_is_a_concession(body: str) -> None:
    assert _types(body) == ["CONCEDE"]


def test_refusing_to_accept_the_verdict_is_a_rejection() -> None:
    assert _types("Calder Mining refused to accept the verdict.") == ["REJECT"]


# 5. A date the parser hung on "the request" is the reply's only with a preposition of a point in time.

_ASKED = "The Orsk Dockers' Union asked Calder Mining for a safety audit. "


@pytest.mark.parametrize("tail", [
    "rejected the request of 2019 on Friday.", "rejected the request of March on Friday.",
])
def test_a_request_named_by_its_date_is_not_the_one_told(tail: str) -> None:
    assert ("REJECT", ["Calder Mining"], []) in _events(_ASKED + "Calder Mining " + tail)


@pytest.mark.parametrize("tail", ["rejected the request on Friday.", "rejected the request in March."])
def test_a_request_rejected_on_a_day_answers_the_one_who_asked(tail: str) -> None:
    # (the whole name since h25: the recogniser leaves "The Orsk Dockers' Union" untagged, once read as "Union")
    assert ("REJECT", ["Calder Mining"], ["Orsk Dockers' Union"]) in _events(_ASKED + "Calder Mining " + tail)


# 6. A passive of no one ("nobody", "none of", "neither") is no act by the body cited.

_CLOSED = "The Orsk Football Federation said it had closed its inquiry. "


@pytest.mark.parametrize("tail", [
    "Nobody was suspended.", "Neither player was suspended.", "None of the players was suspended.",
    "Neither club was fined.",
])
def test_a_passive_of_no_one_is_no_sanction(tail: str) -> None:
    assert "SANCTION" not in _types(_CLOSED + tail)


@pytest.mark.parametrize("tail", [
    "No fewer than four players were suspended.", "The players were not only suspended but also fined.",
    "Two players were suspended.",
])
def test_a_passive_of_some_is_the_cited_bodys_sanction(tail: str) -> None:
    assert ("SANCTION", ["Orsk Football Federation"], []) in _events(_CLOSED + tail)


# 7. "advised that X suspend": a mandative subjunctive, though the tagger reads a present; not a finding.


@pytest.mark.parametrize(("body", "recipient"), [
    ("The Tervian Medical Council advised that Orsk General Hospital suspend the surgeon.", "Orsk General Hospital"),
    ("The Tervian Medical Council recommended that Orsk General Hospital review its procedures.",
     "Orsk General Hospital"),
])
def test_advised_that_a_party_act_is_a_request(body: str, recipient: str) -> None:
    assert _events(body) == [("REQUEST", ["Tervian Medical Council"], [recipient])]


@pytest.mark.parametrize("body", [
    "The Tervian Polling Institute suggested that most voters support the Greens.",
    "Polls by the Tervian Polling Institute suggested that the Greens lead the Social Democrats.",
    "Polls by the Tervian Polling Institute suggested that Labour lead the Conservatives.",
    "Studies by the Orsk Institute suggest that children learn faster in small classes.",
    "The Tervian Medical Council said that Orsk General Hospital suspend the surgeon.",
])
def test_a_finding_or_a_plain_present_is_no_request(body: str) -> None:
    assert "REQUEST" not in _types(body)
