"""h24-stfix: the reviewer's sentences on the h24 stance rules (asking for a thing, complaints, needed for a
purpose, not consulted, undoing verbs, warned-could), each read as the reviewer expects, plus counter-sentences
that keep each rule's gain. Each body is a whole article under the test header."""

from __future__ import annotations

import pytest
from conftest import rules_on, stance_triples

RG = "The Corvale Residents' Group"
DU = "The Dockside Workers' Union"
PA = "The Belmont Parents' Association"
NU = "The Westfield Nurses' Union"
TF = "The Teachers' Federation of Arnholt"
OT = "The Orbis Telecom Group"


def _triples(body: str) -> list[tuple[str, str, str]]:
    return stance_triples(rules_on(body + "\n", "2026-04-15"))


NONE = [
    # 1a: asked to be told
    f"{RG} asked for an explanation of the delay.",
    f"{RG} asked the council for an explanation of the delay.",
    f"{RG} asked for an update on the bypass.",
    f"{RG} asked for clarity on the timetable.",
    f"{RG} asked for a briefing on the flood plan.",
    f"{DU} asked for a list of the jobs at risk.",
    f"{DU} asked for an assessment of the risks.",
    f"{DU} asked for a breakdown of the costs.",
    f"{DU} asked for proof that the cranes were safe.",
    # 1b: help, a service or a delay for oneself, or no matter
    "The Kestrel Mining Company asked the bank for a loan.",
    "The Kestrel Mining Company asked for an extension of the deadline.",
    "Marta Lind asked for bail after her arrest.",
    f"{RG} asked for assistance after the flood.",
    f"{RG} asked for donations.",
    "Mayor Tom Reyes asked for patience from residents during the works.",
    "Sam Oduya asked for forgiveness after the red card.",
    "Mayor Tom Reyes asked for privacy for his family.",
    f"{RG} asked for a minute's silence.",
    f"{RG} asked for prayers for the victims.",
    f"{RG} asked for volunteers.",
    f"{DU} asked for trouble by striking.",
    "Goalkeeper Sam Oduya has asked for a transfer.",
    # 1c: no request made
    "Dunmore Rovers had been expected to ask for a replay but did not.",
    "Dunmore Rovers are considering asking for a replay.",
    "Dunmore Rovers said they would consider asking for a replay.",
    # 2: complaints not made, or not about a matter
    f"{PA} said it had stopped complaining about the nursery.",
    f"{PA} no longer complains about the nursery.",
    f"{PA} refused to complain about the nursery.",
    f"{PA} rarely complained about the nursery.",
    f"{PA} said parents had no reason to complain about the nursery.",
    "The Harbour Board said the union had no right to complain about the rota.",
    "Lia Brandt complained about a sore throat before the debate.",
    f"{DU} complained about a headache after the fumes.",
    # 3: needed to ...
    f"{NU} said ministers believed the cuts were needed to save money.",
    f"{NU} said the government claimed the cuts were needed to save money.",
    f"{NU} said the board claimed the cuts were needed to save money.",
    f"{NU} said it was told the cuts were needed to save money.",
    f"{NU} said the cuts were needed to save money, according to the ministry.",
    '"They told us the cuts were needed to save money," said Ana Ruiz of the Westfield Nurses\' Union.',
    "The Westfield Health Board said the extra beds were no longer needed to meet demand.",
    "The Westfield Health Board said the extra beds were hardly needed to meet demand.",
    f"{NU} said the cuts were supposedly needed to save money.",
    "Fire chief Dara Quinn said the helicopter was needed to reach the injured climbers.",
    "Coach Ines Moreau said her best players were needed to win the final.",
    "Surgeon Paul Adeyemi said the operation was needed to save her leg.",
    "The Arnholt Finance Ministry said the approval of parliament was needed to raise the tax.",
    "Kestrel Mining said the consent of its shareholders was needed to complete the sale.",
    "Coroner Helen Marsh said the post-mortem results were needed to establish the cause of death.",
    "Police in Tarrow said the suspect's fingerprints were needed to confirm his identity.",
    "The Westfield Health Board said the ward's beds were needed to treat flu patients.",
    # 4: not consulted, without a grievance
    f"{TF} said it did not mind that it had not been consulted.",
    f"{TF} said it was not concerned that it had not been consulted.",
    f"{TF} said it had not been consulted, which it said was normal for such changes.",
    "Harbour Board chair Rui Santos said the board had not been consulted, but added that this was normal.",
    f"{TF} said it had not yet been consulted but expected to be soon.",
    # 5: telling people to cancel their own things
    "Skyline Air asked passengers to cancel their bookings online.",
    "The Tarrow Savings Bank asked customers to cancel any cards they had lost.",
    "The Tarrow Cycling Club asked members to cancel their standing orders and pay online instead.",
    "The Arnholt Foreign Ministry asked airlines to cancel flights to the border region.",
    # asking for a measure: not made
    "Dunmore Rovers are considering asking for a ban on away fans.",
    "Dunmore Rovers had been expected to ask for a ban on away fans but did not.",
    "Dunmore Rovers would ask for a ban if the fans misbehaved.",
    "Dunmore Rovers asked for an explanation of the ban.",
    "Sam Oduya asked for an end to his contract.",  # his own
    # 1d/1e (asking for a thing taken back: no reading, as in r25)
    f"{RG} asked for a refund of the parking fees.",
    f"{DU} asked for an apology from the Harbour Board.",
    f"{DU} asked for compensation from the Meridian Port Company.",
    # 4: another's grievance
    "Parents said they had not been consulted on the curriculum, the Teachers' Federation of Arnholt said.",
    '"They were never consulted," Ana Ruiz of the Teachers\' Federation of Arnholt said of the parents.',
    # 2: a habit, not a grievance on a matter (the reviewer reads Brandt criticising the association: left)
    "Lia Brandt said the Belmont Parents' Association always complained about everything.",
    # counter-sentences kept from the rules' gains: none of these is a stance either
    "The Tarrow Chamber of Commerce asked drivers to cancel their permits online.",
    f"{PA} said it no longer complained about the nursery.",
]


@pytest.mark.xfail(reason="wrong in r25 too (oppose / none): no small general fix", strict=False)
@pytest.mark.parametrize(
    "body",
    [
        f"{OT} warned that none of its satellites could fail.",
        "Coach Ines Moreau warned that anything could happen in the final.",
    ],
)
def test_no_worry_wrong_in_both(body: str) -> None:
    assert _triples(body) == []


@pytest.mark.parametrize("body", NONE)
def test_no_stance(body: str) -> None:
    assert _triples(body) == []


NO_HOLDER = [
    # someone else's grievance: not the reporting speaker's
    (
        "Parents said they had not been consulted on the curriculum, the Teachers' Federation of Arnholt said.",
        "Teachers' Federation of Arnholt",
    ),
    ('"They were never consulted," Ana Ruiz of the Teachers\' Federation of Arnholt said of the parents.', "Ana Ruiz"),
    # someone said to have asked: not the speaker's request
    (f"{DU} said the Meridian Port Company had asked for a faster timetable.", "Dockside Workers' Union"),
    ("Union leader Eli Grant said Meridian Port Company had asked for a faster timetable.", "Eli Grant"),
    # not the speaker's worry
    (f"{PA} said parents had no reason to complain about the nursery.", "Belmont Parents' Association"),
]


@pytest.mark.parametrize("body, holder", NO_HOLDER)
def test_not_the_speakers(body: str, holder: str) -> None:
    assert all(h != holder for h, _, _ in _triples(body))


READ = [
    # 2: complaints
    (f"{PA} complained over the phone to the school about the nursery.", "concern", "the nursery"),
    (f"{PA} complained about the nursery's closure to the education board.", "concern", "the nursery's closure"),
    (f"{PA} complained over the closure of the nursery.", "concern", "the closure of the nursery"),
    (f"{PA} complained that the nursery had closed.", "concern", "the nursery"),
    (f"{PA} complained about the closure of the nursery.", "concern", "the closure of the nursery"),
    # 4: a grievance
    (f"{TF} said it had not been consulted about the new curriculum.", "concern", "the new curriculum"),
    # 1: asking for a measure (a noun of one, or a thing asked to be done to) is a request
    ("The Lorne Farmers' Alliance asked for a ban on imported grain.", "support", "a ban on imported grain"),
    (f"{DU} has asked for an exemption for small ports.", "support", "an exemption for small ports"),
    (f'"We asked for an end to the strikes," said Eli Grant of {DU[4:]}.', "support", "an end to the strikes"),
    # 5: undoing
    (
        "The Tarrow Chamber of Commerce urged the council not to revoke the market licence.",
        "support",
        "the market licence",
    ),
    ("The Tarrow Chamber of Commerce asked the council not to cancel the festival.", "support", "the festival"),
    ("The Tarrow Chamber of Commerce called for the permit to be revoked.", "oppose", "the permit"),
    (
        "The Tarrow Chamber of Commerce urged the council not to withdraw from the regional transport scheme.",
        "support",
        "the regional transport scheme",
    ),
    ("The Tarrow Chamber of Commerce asked the tribunal to annul the result.", "oppose", "the result"),
    ("The Tarrow Chamber of Commerce called for the fines to be cancelled.", "oppose", "the fines"),
    ("The Tarrow Chamber of Commerce urged the council to revoke the licence.", "oppose", "the licence"),
    # 2: complaints kept
    (f"{PA} complained to the council about the nursery.", "concern", "the nursery"),
    (f"{PA} complained about a lack of staff at the nursery.", "concern", "a lack of staff at the nursery"),
    (f"{PA} urged parents to complain about the nursery.", "concern", "the nursery"),
    # 4: grievances kept
    (
        '"We were never consulted on the curriculum," Ana Ruiz of the Teachers\' Federation of Arnholt said.',
        "concern",
        "the curriculum",
    ),
    (
        "Ana Ruiz, who leads the Teachers' Federation of Arnholt, said she had not been consulted on the curriculum.",
        "concern",
        "the curriculum",
    ),
    # 6: a risk warned of
    (f"{OT} warned that sales could fall.", "concern", "sales"),
    (f"{OT} warned that you could lose your signal.", "concern", "you could lose your signal"),
    (f"{OT} warned that some could lose their jobs.", "concern", "some could lose their jobs"),
    (f"{OT} warned that one of its satellites could fail.", "concern", "one of its satellites could fail"),
]


@pytest.mark.parametrize("body, position, topic", READ)
def test_read(body: str, position: str, topic: str) -> None:
    assert [(p, t) for _, p, t in _triples(body)] == [(position, topic)]


OPPOSE = [
    # 6: a non-warning verb with a that-clause: opposing (not a worry)
    f"{OT} contested that any of its towers could harm residents.",
    f"{OT} rejected that this could delay the merger.",
    f"{OT} disputed that this could harm consumers.",
    f"{OT} objected that one of the bidders could walk away.",
    f"{OT} threatened that some of its staff could walk out.",
    # the holder's own side: a threat
    f"{DU} warned that all of its members could strike next week.",
    f"{DU} warned that many of its members could refuse to work overtime.",
    "The Northern Liberation Front warned that anyone who helped the army could be killed.",
    "The Northern Liberation Front warned that those who testified could face consequences.",
    "Dock worker Eli Grant warned that I could quit if the rota stayed.",
    f"{DU} warned that it could cut 500 jobs.",
    f"{DU} warned that both of its branches could strike.",
    "The Northern Liberation Front warned that whoever helped the army could be punished.",
]


@pytest.mark.parametrize(
    "body",
    [
        f"{DU} said the Meridian Port Company had asked for a ban on overtime.",
        "Union leader Eli Grant said Meridian Port Company had asked for a ban on overtime.",
    ],
)
@pytest.mark.xfail(reason="left: the speaker holds what it reports (spokespeople: 'its director said X had asked')")
def test_the_asker_holds_a_request_reported(body: str) -> None:
    assert [(h, p) for h, p, _ in _triples(body)] == [("Meridian Port Company", "support")]


def test_mixed_grievance_leaves_the_stance() -> None:
    body = f"{TF} said it had not been properly consulted on the curriculum but supported its aims."
    assert [(p, t) for _, p, t in _triples(body)] == [("support", "its aims")]


def test_complaint_with_a_body_named_late() -> None:
    body = f"{PA} complained to the council about the nursery's closure to the education board."
    assert [p for _, p, _ in _triples(body)] == ["concern"]


@pytest.mark.parametrize("body", OPPOSE)
def test_not_a_worry(body: str) -> None:
    assert all(p != "concern" for _, p, _ in _triples(body))
