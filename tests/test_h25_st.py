"""h25-st: a refusal told as the news opposes what was asked ("refused that request", "has refused to delay", a bare
"X refused." after a sentence asking X to act). Each positive sentence fails without its rule; the others share a
rule's surface shape and must not be read its way (self-review). All written for these tests."""

from __future__ import annotations

import pytest
from conftest import rules_on, stance_triples

PORT = "The Harwick Port Authority"
UNION = "The Harwick Dockers' Union"


def _triples(body: str) -> list[tuple[str, str, str]]:
    return stance_triples(rules_on(body + "\n", "2026-04-15"))


# --------------------------------------------------------------------------- refusing what was asked


@pytest.mark.parametrize(
    ("body", "topic"),
    [
        (f"{PORT} refused that request.", "that request"),
        (f"{PORT} refused the union's demand for a pay rise.", "a pay rise"),
        (f"{PORT} has refused a request from the dockers to reopen the north gate.", "reopen the north gate"),
        (f"{UNION} had asked the port to delay the vote. {PORT} has refused to delay.", "delay"),
        (f"{UNION} asked the port to renew the contract. {PORT} declined to renew it.", "renew it"),
        (f"{UNION} asked the port to pay the fine. {PORT} refused to pay and said it would appeal.", "pay"),
        (f"{UNION} asked the port to accept the offer. {PORT} refused to accept the offer.", "the offer"),
        (f"{UNION} asked the port to withdraw the new rota. {PORT} refused.", "withdraw the new rota"),
        (f"{UNION} demanded that the report be published in full. {PORT} has refused, citing legal advice.",
         "the report be published in full"),
    ],
)  # fmt: skip
def test_a_refusal_told_as_the_news_opposes_what_was_asked(body: str, topic: str) -> None:
    assert ("Harwick Port Authority", "oppose", topic) in _triples(body)


@pytest.mark.parametrize(
    "body",
    [
        f"{PORT} refused to comment.",  # silence
        f"{PORT} refused to grant the circus a permit.",  # its own act, nothing asked of it
        f"{PORT} refused to pay the fine.",
        f"{UNION} asked the port to pay the fine. {PORT} refused to delay the vote.",  # not what was asked
        f"{PORT} declined to comment on the request.",  # no side taken (a neutral reading, not oppose)
        f"{PORT} declined to name the buyer.",  # withholding an answer
        f"{PORT} refused to be drawn on the talks.",
        f"{PORT} declined to give details of the offer.",
        f"{PORT} refused to discuss the contract.",
        f"{PORT} refused to be interviewed.",
        "Jan Brandell said the Harwick Port Authority had refused to hear two witnesses.",  # another's account
        "The Harwick Port Authority had refused to hear two witnesses, Jan Brandell said.",  # (trailing)
        f"{PORT} would refuse to sign if the union walked out.",  # held out, not made
        f"{PORT} will refuse to sign the deal.",  # not yet
        f"{PORT} did not refuse the request.",  # negated
        f"{PORT} never refused to meet the union.",
        f"{PORT} was refused a licence by the ministry.",  # suffered
        f"{PORT} refused a licence to Baltic Tugs.",  # a thing not asked of it (an act: its own licence)
        f"{PORT} refused entry to the inspectors.",
        f"{PORT} refused to reopen the decision.",  # keeping, read elsewhere (support)
        f"{PORT}, which refused to pay the fine, lost its appeal.",  # described
        f'"The alternative was to cut wages, and that we refused to do," {PORT} said.',  # the pro-verb
        f"{UNION} threatened to refuse overtime.",  # a threat, not a refusal made
        f"Did {PORT} refuse the request?",  # a question
        f"{UNION} asked when the port would reopen. {PORT} refused.",  # a question asked, not a request
        f"{UNION} did not ask the port to withdraw the rota. {PORT} refused.",  # nothing asked
        f"{UNION} asked Baltic Tugs to withdraw its boats. {PORT} refused.",  # asked of another
        f"{UNION} met on Monday. {PORT} refused.",  # nothing asked before
        f"{UNION} would ask the port to withdraw the rota if the talks failed. {PORT} refused.",  # held out
        f"{PORT} refused to back down.",  # a particle: its own course, no matter of another's
    ],
)
def test_refusals_of_no_asked_matter_are_not_read_as_opposing_it(body: str) -> None:
    assert [t for t in _triples(body) if t[0] == "Harwick Port Authority" and t[1] == "oppose"] == []


# --------------------------------------------------------------------------- refusing to take an attitude


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (f"{PORT} refused to back the plan.", [("Harwick Port Authority", "oppose", "the plan")]),  # as "did not"
        (f"{PORT} declined to endorse the merger.", [("Harwick Port Authority", "oppose", "the merger")]),
        (f"{PORT} declined to criticise the plan.", []),  # not criticising takes no side
        (f"{PORT} refused to complain about the noise.", []),
        (f"{PORT} refused to ask for a review.", []),  # a request not made
        (f"{PORT} refused to call for a strike.", []),
    ],
)
def test_refusing_an_attitude_is_read_as_its_negation(body: str, expected: list[tuple[str, str, str]]) -> None:
    assert _triples(body) == expected


# --------------------------------------------------------------------------- asking for redress of a named loss


@pytest.mark.parametrize(
    ("body", "topic"),
    [
        (f"{UNION} asked for compensation for lost wages.", "compensation for lost wages"),
        (f"{UNION} asked the port for compensation for lost wages.", "compensation for lost wages"),
        (f"{UNION} wrote to the minister last week asking for compensation for lost trade.",
         "compensation for lost trade"),
        (f"{UNION} asked for an apology for the remarks.", "an apology for the remarks"),
    ],
)  # fmt: skip
def test_asking_for_redress_of_a_named_loss_is_read_as_asking_it_of_another(body: str, topic: str) -> None:
    # as "demanded compensation for lost wages", "called for compensation ..." already are (redress: oppose)
    assert _triples(body) == [("Harwick Dockers' Union", "oppose", topic)]


@pytest.mark.parametrize(
    "body",
    [
        f"{UNION} asked for compensation from the port.",  # no loss named (as in h24: no reading)
        f"{UNION} could ask for compensation for lost wages.",  # not made
        f"{UNION} would ask for compensation for lost wages if the port closed.",
        f"{UNION} has not asked for compensation for lost wages.",
        f"{UNION} asked how compensation for lost wages would be paid.",  # a question
        f"{UNION} asked for a compensation form for each member.",  # a form, not redress
        f"{UNION} asked for details of the compensation for lost wages.",  # to be told
        f"{UNION} asked for patience for the delays.",  # not redress
    ],
)
def test_asking_about_redress_or_for_no_redress_is_no_stance(body: str) -> None:
    assert _triples(body) == []


# --------------------------------------------------------------------------- a preference


@pytest.mark.parametrize(
    ("body", "topic"),
    [
        # (h25-stfix: "would rather lose the case than sign the deal" is a sacrifice, no support for the loss: D3)
        (f"{UNION} said it would rather keep the case open than sign the deal.", "keep the case open"),
        ('"We would rather keep the north gate open, but we cannot pay for it," said Mark Ellison.',
         "keep the north gate open"),
        ('"I would rather they closed the depot than sold it," Mark Ellison said.', "they closed the depot"),
        # (h25-stfix: "Mark Ellison said he would sooner ..." taken back: no gender known, "he" may be anyone)
    ],
)  # fmt: skip
def test_a_preference_backs_what_is_preferred(body: str, topic: str) -> None:
    assert [(p, t) for _, p, t in _triples(body)] == [("support", topic)]


@pytest.mark.parametrize(
    "body",
    [
        f"{UNION} walked out rather than sign the deal.",  # "rather than" alone: no preference voiced
        f"{UNION} chose a strike rather than a ballot.",
        f"{UNION} said the deal would be rather expensive.",  # a degree
        '"I would rather not say," Mark Ellison said.',  # a reply withheld
        "Mark Ellison said he would rather not comment on the talks.",
        f"{UNION} said the talks were going rather well.",
        "Would Mark Ellison rather sign the deal?",  # a question
        "Mark Ellison said the port would rather be safe than sorry.",  # a state ("be")
        f"{UNION} said it had, or rather its members had, voted to strike.",  # a correction
        "Mark Ellison said he would sooner resign than sign the deal.",  # one's own course (a threat)
        "Mark Ellison said he would rather wait for the report.",  # (waiting for a ruling: neutral, h23)
        f"{UNION} said {PORT} would rather cut jobs than invest.",  # another's preference, claimed
        f"Critics say {PORT} would rather pay dividends than fix the cranes.",
        f'"They would rather have a strike than a deal," {PORT} said of the union.',  # others' preference
    ],
)
def test_rather_without_a_preference_voiced_is_no_stance(body: str) -> None:
    assert [t for t in _triples(body) if t[1] == "support"] == []


# --------------------------------------------------------------------------- a matter put to the holder, studied


@pytest.mark.parametrize(
    ("body", "topic"),
    [
        ("The Arnholt Transport Ministry said it would study any application from the airline.",
         "any application from the airline"),
        ("The European Commission said it would assess the notification once received.", "the notification"),
        (f"{UNION} is examining the proposal.", "the proposal"),
        (f"{UNION} said it was studying the port's offer.", "the port's offer"),
    ],
)  # fmt: skip
def test_studying_a_matter_put_to_the_holder_takes_no_side_yet(body: str, topic: str) -> None:
    assert [(p, t) for _, p, t in _triples(body)] == [("neutral", topic)]


@pytest.mark.parametrize(
    "body",
    [
        f"{UNION} said it was reviewing its application.",  # its own
        f"{UNION} would review its proposal before the vote.",
        f"{UNION} examined the proposal last week.",  # done, not under way
        f"{UNION} asked the port to review the request.",  # asked of another (a request, not studying)
        f"{UNION} said the council was studying the proposal.",  # the council's (named), not the union's
        f"{UNION} said the council was studying the decision.",  # (so for a ruling too: as in r26, the union's)
        f"{PORT} is assessing bids from three firms.",  # a tender, not a matter of dispute
        f"{UNION} will review applications for membership in May.",  # a routine, no one matter
        f"{UNION} is studying offers from three insurers.",
    ],
)
def test_studying_its_own_or_done_or_asked_is_not_neutral_on_it(body: str) -> None:
    assert [t for t in _triples(body) if t[1] == "neutral" and t[0] == "Harwick Dockers' Union"] == []
