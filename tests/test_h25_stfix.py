"""h25-stfix: the reviewer's sentences (rev-st, sections A-E) on this round's stance rules, each read as the reviewer
expects, and counter-sentences of the fixer's own that keep the gains. All written for these tests."""

from __future__ import annotations

import pytest
from conftest import rules_on, stance_triples

TRUST = "The Meridian Hospital Trust"
BOARD = "The Vantor Water Board"


def _triples(body: str) -> list[tuple[str, str, str]]:
    return stance_triples(rules_on(body + "\n", "2026-04-15"))


def _of(body: str, holder: str) -> list[tuple[str, str]]:
    return [(p, t) for h, p, t in _triples(body) if holder in h]


# --------------------------------------------------------------------------- A. refusal told as news


@pytest.mark.parametrize(
    "body",
    [
        f"{TRUST} refused a request for comment.",
        f"{TRUST} declined requests for comment.",
        f"{TRUST} declined a request for an interview with its chief executive.",
        f"{TRUST} did not respond to a request for comment and declined a request for an interview.",
        f"{TRUST} refused a request for information about the ward.",
    ],
)
def test_a1_refusing_a_request_for_an_answer_takes_no_side(body: str) -> None:
    assert _of(body, "Trust") == []


@pytest.mark.parametrize(
    ("body", "holder", "topic"),
    [
        ("The nurses asked Kessel Pumps to repair the pipes. Kessel Pumps refused.", "Kessel Pumps",
         "repair the pipes"),
        (f"The nurses asked the Meridian Hospital Trust to publish the audit. {TRUST} refused.", "Trust",
         "publish the audit"),
        (f"The nurses asked the Meridian Hospital Trust to publish the audit. {TRUST} declined.", "Trust",
         "publish the audit"),
        (f"The nurses asked the Meridian Hospital Trust to publish the audit. {TRUST} refused to publish it.",
         "Trust", "publish it"),
        (f"The nurses asked Meridian to publish the audit. {TRUST} refused.", "Trust", "publish the audit"),
        # counters of the fixer's own: the common-noun control still works
        (f"The nurses asked the trust to publish the audit. {TRUST} refused.", "Trust", "publish the audit"),
    ],
)  # fmt: skip
def test_a2_a_request_addressed_by_name_is_what_the_bare_refusal_refuses(body: str, holder: str, topic: str) -> None:
    assert ("oppose", topic) in [(p, t) for p, t in _of(body, holder) if p == "oppose"] or any(
        p == "oppose" and topic in t for p, t in _of(body, holder))


@pytest.mark.parametrize(
    "body",
    [
        # the request named someone else
        "The nurses asked Kessel Pumps to repair the pipes. The Meridian Hospital Trust refused.",
    ],
)
def test_a2_a_request_of_another_party_is_not_refused(body: str) -> None:
    assert [p for p, _ in _of(body, "Trust") if p == "oppose"] == []


def test_a3_a_purpose_infinitive_is_not_what_was_asked() -> None:
    body = f"{TRUST} asked the ministry for more money to publish the audit. The ministry refused."
    assert [t for h, p, t in _triples(body) if "ministry" in h.lower() and "publish" in t] == []


def test_a4_a_want_with_no_addressee_is_not_asked_of_the_refuser() -> None:
    body = f"The nurses wanted to strike on Monday. {TRUST} refused."
    assert _of(body, "Trust") == []


@pytest.mark.parametrize(
    ("body", "topic"),
    [
        # counters: what the A-narrowings must keep
        (f"{TRUST} refused a request from the nurses to reopen the ward.", "reopen the ward"),
        (f"{TRUST} refused the union's demand for a pay rise.", "a pay rise"),
        (f"The nurses asked the trust to reopen the ward. {TRUST} refused.", "reopen the ward"),
        (f"The nurses demanded that the audit be published. {TRUST} refused.", "the audit be published"),
    ],
)
def test_a_refusals_of_what_was_asked_still_oppose_it(body: str, topic: str) -> None:
    assert ("oppose", topic) in _of(body, "Trust")


# --------------------------------------------------------------------------- B. refused to back X


@pytest.mark.parametrize(
    "body",
    [
        f"{TRUST} may refuse to back the plan.",
        f"{TRUST} could refuse to back the plan.",
    ],
)
def test_b2_a_refusal_that_may_come_takes_no_side(body: str) -> None:
    assert _of(body, "Trust") == []


@pytest.mark.parametrize(
    "body",
    [
        f"{TRUST} declined to endorse anyone in the election.",
        f"{TRUST} refused to back either side in the dispute.",
        f"{TRUST} declined to support any of the three bids.",
    ],
)
def test_b1_refusing_to_back_anyone_is_no_opposition(body: str) -> None:
    assert [p for p, _ in _of(body, "Trust") if p == "oppose"] == []


@pytest.mark.parametrize(
    "body",
    [
        f"{TRUST} refused to back the plan.",
        f"{TRUST} has refused to back the plan.",
        f"{TRUST} declined to endorse the merger.",
    ],
)
def test_b_refusing_to_back_a_plan_still_opposes_it(body: str) -> None:
    assert [p for p, _ in _of(body, "Trust")] == ["oppose"]


@pytest.mark.xfail(strict=True, reason="B3: holder carried to the reporter, pre-existing (base gives Ortiz support)")
def test_b3_a_reported_refusal_is_the_refusers() -> None:
    body = "Lena Ortiz said the Meridian Hospital Trust had refused to back the plan."
    assert _of(body, "Ortiz") == []


# --------------------------------------------------------------------------- C. asking for redress


@pytest.mark.parametrize(
    "body",
    [
        "The Aldgate Cyclists' Club asked for compensation for its members.",
        "The Aldgate Cyclists' Club asked for compensation for the riders.",
        "Aldgate Council asked for a refund for its members.",
        "Aldgate Council asked for an injunction for the duration of the race.",
    ],
)
def test_c1_redress_for_a_party_names_no_loss(body: str) -> None:
    assert _triples(body) == []


@pytest.mark.parametrize(
    "body",
    [
        "Aldgate Council asked for a refund for the cancelled race.",
        "Aldgate Council asked for an apology for the delay.",
        "The Aldgate Cyclists' Club asked for compensation for lost earnings.",
        "Aldgate Council asked for compensation for the damage to the road.",
    ],
)
def test_c_redress_for_a_loss_still_opposes_it(body: str) -> None:
    assert [p for _, p, _ in _triples(body)] == ["oppose"]


@pytest.mark.xfail(strict=True, reason="C2: holder carried to the reporter, pre-existing for 'had demanded'")
def test_c2_a_reported_request_for_redress_is_the_clubs() -> None:
    body = "Lena Ortiz said the Aldgate Cyclists' Club had asked for compensation for lost earnings."
    assert _of(body, "Ortiz") == []


# --------------------------------------------------------------------------- D. preference


@pytest.mark.parametrize(
    "body",
    [
        '"She would rather sell the club than pay its debts," Lena Ortiz said of the owner.',
        "Lena Ortiz said he would rather sell the club than pay its debts.",
        '"It would rather spend the money on roads," Lena Ortiz said of the council.',
        "\"It would rather strengthen the owners' hand than weaken it,\" Lena Ortiz said of the ruling.",
        "Nobody would rather pay more tax, Lena Ortiz said.",
    ],
)
def test_d1_d2_anothers_preference_is_not_the_speakers(body: str) -> None:
    assert _of(body, "Ortiz") == []


@pytest.mark.parametrize(
    ("body", "topic"),
    [
        ("The Kessel Farmers' Union said it would rather sell the land than pay its debts.", "sell the land"),
        ('"I would rather sell the club than pay its debts," Lena Ortiz said.', "sell the club"),
        ('"We would rather spend the money on roads," Lena Ortiz said.', "spend the money on roads"),
    ],
)
def test_d_ones_own_preference_is_backed(body: str, topic: str) -> None:
    assert [(p, t) for _, p, t in _triples(body)] == [("support", topic)]


def test_d_a_persons_pronoun_in_reported_speech_is_anyone() -> None:
    """No gender is known: "Ortiz said she would rather ..." reads as "he" would, no stance (taken back)."""
    assert _of("Lena Ortiz said she would rather sell the club than pay its debts.", "Ortiz") == []


@pytest.mark.parametrize(
    ("body", "holder", "topic"),
    [
        ("Lena Ortiz said she would rather lose her seat than vote for the budget.", "Ortiz", None),
        ("The Kessel Farmers' Union would rather lose the contract than accept the price cut.", "Union",
         "the price cut"),
        ('"We\'d rather lose money than lose the fans," said Lena Ortiz.', "Ortiz", None),
        ("The Kessel Farmers' Union said it would rather lose the case than sign the deal.", "Union", None),
        ('"We would rather lose our seats than vote for the budget," Lena Ortiz said.', "Ortiz", "the budget"),
        ("The Kessel Farmers' Union said it would rather forfeit the grant than join the scheme.", "Union",
         "the scheme"),
    ],
)  # fmt: skip
def test_d3_a_preferred_loss_opposes_what_would_be_joined(body: str, holder: str, topic: str | None) -> None:
    assert _of(body, holder) == ([] if topic is None else [("oppose", topic)])


@pytest.mark.parametrize(
    ("body", "holder"),
    [
        ("Lena Ortiz said she would rather lose her seat than vote for the budget.", "Ortiz"),
        ("The Kessel Farmers' Union would rather lose the contract than accept the price cut.", "Union"),
        ('"We\'d rather lose money than lose the fans," said Lena Ortiz.', "Ortiz"),
        ("The Kessel Farmers' Union said it would rather lose the case than sign the deal.", "Union"),
    ],
)
def test_d3_a_preferred_loss_is_no_support_for_the_loss(body: str, holder: str) -> None:
    assert [t for p, t in _of(body, holder) if p == "support" and t.startswith("lose")] == []


def test_d4_a_personal_wish_is_no_position() -> None:
    """(By the D1 narrowing: "she" in reported speech is no one known.)"""
    assert _of("Lena Ortiz said she would rather spend more time with her family.", "Ortiz") == []


# --------------------------------------------------------------------------- E. studying a matter


@pytest.mark.parametrize(
    "body",
    [
        f"{BOARD} is studying the application of the new chlorine rules.",
        "Vantor Water Board engineers will examine the application of the coating to the pipes.",
        f"{BOARD} will assess each application on its merits.",
        f"{BOARD} said it would review every request it receives.",
        f"{BOARD} is reviewing the offer it made to the farmers.",
        f"{BOARD} is reviewing the board's own proposal.",
    ],
)
def test_e_a_routine_or_own_matter_studied_takes_no_side(body: str) -> None:
    assert _triples(body) == []


@pytest.mark.parametrize(
    "body",
    [
        f"{BOARD} said it would study any application from the airline.",
        f"{BOARD} is studying the farmers' request.",
        f"{BOARD} is reviewing the offer made by Kessel Pumps.",
        f"{BOARD} is examining the proposal to cut water bills.",
        f"{BOARD} is studying the application from the airline.",
    ],
)
def test_e_a_matter_put_to_the_holder_studied_is_neutral(body: str) -> None:
    assert [p for _, p, _ in _triples(body)] == ["neutral"]


# --------------------------------------------------------------------------- counters of the fixer's own


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A3/A4: the request itself, with no purpose "for" and an addressee or a passive asked of another, is refused
        (f"{TRUST} asked the ministry to publish the audit. The ministry refused.", ("ministry", "oppose",
                                                                                    "publish the audit")),
        ("Kessel Pumps asked to be excused from the hearing. The judge refused.", ("judge", "oppose",
                                                                                  "be excused from the hearing")),
        # B1: a named choice refused is still opposed
        (f"{TRUST} declined to endorse the candidate.", ("Meridian Hospital Trust", "oppose", "the candidate")),
        (f"{TRUST} declined to back the plan until the audit is published.", ("Meridian Hospital Trust", "oppose",
                                                                              "the plan")),
        # C: a loss named by what was not done
        ("Aldgate Council asked for a refund for each claim it had paid in error.", ("Aldgate Council", "oppose",
                                                                                    "a refund for each claim it had "
                                                                                    "paid in error")),
    ],
)  # fmt: skip
def test_counters_keep_the_gains(body: str, expected: tuple[str, str, str]) -> None:
    assert expected in _triples(body)


@pytest.mark.parametrize(
    "body",
    [
        f"{TRUST} would refuse to back the plan if the audit were published.",
        f"{TRUST} might decline to endorse the merger.",
        '"I would rather lose my job than sign the deal," Lena Ortiz said.',  # a loss preferred, nothing joined named
        "Fans would rather keep the stadium, Lena Ortiz said.",
        f"{BOARD} will examine each request on its merits.",
        f"{BOARD} is studying the application of the rules to small farms.",
    ],
)
def test_counters_no_side(body: str) -> None:
    assert [p for _, p, _ in _triples(body) if p in ("support", "oppose", "neutral")] == []


@pytest.mark.parametrize(
    "body",
    [
        f"{TRUST} said it would not support any plan that closed the ward.",
        f"{TRUST} refused to back any deal that cut nurses' pay.",
    ],
)
def test_b1_a_kind_refused_is_still_opposed(body: str) -> None:
    assert [p for _, p, _ in _triples(body)] == ["oppose"]
