"""The reviewer's probes of round 24's follow-up rules (branch h24-fufix), each read as the reviewer
expects, and counter-sentences of the same shape that keep the rules' gains. Published 2026-04-02."""

from __future__ import annotations

import pytest
from conftest import all_owned_by, followup_names, owners_of, rules_on

from summarizer.models import ArticleSummary

PORT = "Velmar Port Authority"
L = "The Velmar Port Authority said on Monday it had bought two new cranes for the container terminal.\n\n"


def _run(body: str) -> ArticleSummary:
    return rules_on(body, "2026-04-02")


# 8: a passive with no agent is the lead's doer's only when its subject is what the doer's act is about.
@pytest.mark.parametrize(("body", "words", "who"), [
    (L + "The results of the regional election will be announced on May 10.", "results", PORT),
    (L + "The cup final will be played behind closed doors on May 9.", "cup final", PORT),
    (L + "The bodies of the two crew members will be flown home on May 4.", "bodies", PORT),
    (L + "The shipping firm will be fined on May 4.", "shipping firm", PORT),
    ("The Orsk Dockers' Union said on Monday its members would strike from May 4.\n\n"
     "The port will be closed for the duration of the strike.", "port will", "Orsk Dockers' Union"),
])  # fmt: skip
def test_a_passive_of_no_one_is_not_the_leads_doers(body: str, words: str, who: str) -> None:
    for owners in owners_of(_run(body), words):
        assert who not in owners


@pytest.mark.parametrize(("sentence", "words"), [
    # the thing the lead's doer acts on: its doer
    ("The two new cranes will be delivered on May 4.", "cranes"),
    ("The cranes will be installed at the container terminal by May 4.", "cranes"),
    ("The new cranes will be tested on May 4.", "new cranes"),
    # what the doer acts on in a later sentence ("has set up a control zone ... the zone could be extended")
    ("The authority has also set up a safety zone around the terminal.\n\nThe zone could be extended to the ferry"
     " berths.", "zone could"),
])  # fmt: skip
def test_a_passive_of_the_leads_object_is_the_leads_doers(sentence: str, words: str) -> None:
    owners = owners_of(_run(L + sentence), words)
    assert owners and all(o == [PORT] for o in owners)


def test_a_passive_the_leads_doer_reports_is_its_thing() -> None:
    body = ("The Orsk court said on Monday the trial of the former mayor would be delayed.\n\nThe trial will be held"
            " in Velmar on May 4.")
    assert owners_of(_run(body), "held in") == [["Orsk court"]]


@pytest.mark.parametrize(("body", "words"), [
    # only where the thing is: not what the doer acts on
    (L + "The container terminal will be closed on May 4.", "terminal will"),
    # the object of a purpose: not the doer's act
    ("The Velmar Port Authority said on Monday it had hired temporary crane drivers to break the dockers' strike.\n\n"
     "The strike will be ended on May 4.", "strike will"),
])  # fmt: skip
def test_a_passive_of_a_thing_the_doer_does_not_act_on_is_not_its(body: str, words: str) -> None:
    for owners in owners_of(_run(body), words):
        assert PORT not in owners


# 10: a thing the lead names runs its course for the lead's doer only when it is what the doer acts on.
@pytest.mark.parametrize("body", [
    "The Velmar Port Authority said on Monday it would close the harbour because of the storm.\n\nMayor Lena Dahl"
    " welcomed the decision.\n\nThe storm will end on May 4.",
    "The Velmar Port Authority said on Monday it had hired temporary crane drivers to break the dockers' strike.\n\n"
    "Mayor Lena Dahl criticised the move.\n\nThe strike will end on May 4.",
    "The Velmar Port Authority said on Monday it would keep the harbour open during the festival.\n\nMayor Lena Dahl"
    " welcomed the decision.\n\nThe festival will begin on May 4.",
    # (own) a time only mentioned; a service another is asked to run (object control)
    "The Velmar Port Authority said on Monday it would close the harbour during the regatta.\n\nMayor Lena Dahl"
    " welcomed the decision.\n\nThe regatta will end on May 4.",
    "The Velmar Port Authority said on Monday it had asked the ferry company to run a night service.\n\nMayor Lena"
    " Dahl welcomed the decision.\n\nThe service will start on May 4.",
    # (own) what the doer says it will not do
    "The Velmar Port Authority said on Monday it would not renew the lease of the ferry company.\n\nMayor Lena Dahl"
    " criticised the move.\n\nThe lease will expire on May 4.",
])  # fmt: skip
def test_a_thing_the_lead_merely_mentions_runs_no_course_of_its_doer(body: str) -> None:
    for owners in owners_of(_run(body), "May 4"):
        assert PORT not in owners


@pytest.mark.parametrize(("body", "who"), [
    ("The Orsk court said on Monday the trial of the former mayor would be delayed.\n\nMayor Lena Dahl welcomed the"
     " decision.\n\nThe trial will resume on May 4.", "Orsk court"),
    ("The Velmar Port Authority said on Monday it would close the harbour because of the storm.\n\nMayor Lena Dahl"
     " welcomed the decision.\n\nThe harbour will reopen on May 4.", PORT),
    ("The Velmar Port Authority said on Monday it would open a public consultation on the new terminal.\n\nMayor Lena"
     " Dahl welcomed the decision.\n\nThe consultation will close on May 4.", PORT),
])  # fmt: skip
def test_a_thing_the_leads_doer_acts_on_runs_its_course(body: str, who: str) -> None:
    owners = owners_of(_run(body), "May 4")
    assert all_owned_by(owners, who)


# 11: a body's reported possibility is a step it may take; a thing's is a risk, no one's step.
@pytest.mark.parametrize("sentence", [
    "Olav Berg said the regime could retaliate.",
    "Olav Berg said the jury could acquit the former mayor.",
    "Olav Berg said the cabinet could resign.",
    "Olav Berg said the workers could strike.",
    "Olav Berg said the economist could advise the council.",
    "Olav Berg said the hauliers could block the border.",
    "Olav Berg said the rebels could retaliate.",
])  # fmt: skip
def test_a_bodys_reported_possibility_is_kept(sentence: str) -> None:
    assert _run(sentence).follow_ups


@pytest.mark.parametrize("sentence", [
    "Olav Berg said the river could burst its banks.",
    "Olav Berg said the reactor could overheat.",
    "Olav Berg said the fee could rise by a fifth.",
    "Olav Berg said the tanker could sink.",
    "Olav Berg said the order could backfire.",
    "Olav Berg said the incident could damage trust in the port.",
    "Olav Berg said the border could close.",
    "Olav Berg said the event could draw visitors.",
    "Olav Berg said the reactors could overheat.",
])  # fmt: skip
def test_a_things_reported_possibility_is_a_risk(sentence: str) -> None:
    assert not _run(sentence).follow_ups


# 12: the body a spokesperson speaks for. The reviewer's sentences are read the same way with the rule off:
# the owner is the parse's speaker of "said" (parse.py / the actor modules), which `spoken_through` never
# overrides; left to those modules.
WRONG_IN_BOTH = pytest.mark.xfail(reason="the parse's speaker, not followups_doer.spoken_through", strict=True)


@pytest.mark.parametrize(("sentence", "wrong"), [
    ("A spokeswoman for the campaign against Calder Mining said a petition would be delivered on May 4.",
     ["Calder Mining"]),
    ("A spokesman for the ministry's critics said the report would be published on May 4.", ["ministry"]),
    ("A spokesman for the dockers at the Velmar Port Authority said the ballot would be held on May 4.", [PORT]),
])  # fmt: skip
@WRONG_IN_BOTH
def test_a_spokesperson_for_no_named_body_gives_none_inside(sentence: str, wrong: list[str]) -> None:
    result = _run(sentence)
    for f in result.follow_ups:
        assert followup_names(result, f) != wrong


@WRONG_IN_BOTH
def test_a_spokesperson_for_two_bodies_speaks_for_both() -> None:
    result = _run("A spokesman for the Orsk Dockers' Union and the Velmar Port Authority said the talks would be"
                  " resumed on May 4.")
    assert owners_of(result) == [["Orsk Dockers' Union", PORT]]


@pytest.mark.parametrize(("sentence", "who"), [
    # the body the spokesperson speaks for (the gain: f17-03's "a spokeswoman for the operator")
    ("A spokeswoman for the operator said the ferry would be repaired by May 4.\n\nThe operator runs the Velmar"
     " ferry.", "operator"),
    ("A spokesman for the Velmar Port Authority said the ferry would be repaired by May 4.", PORT),
])  # fmt: skip
def test_a_spokesperson_speaks_for_the_body(sentence: str, who: str) -> None:
    result = _run(sentence)
    owners = owners_of(result)
    assert all_owned_by(owners, who)


@pytest.mark.parametrize(("sentence", "bodies"), [
    ("A spokesman for the ministry's critics said the report would be published on May 4.", []),
    ("A spokeswoman for the campaign against Calder Mining said a petition would be delivered on May 4.", []),
    ("A spokesman for the family of Mayor Lena Dahl said the house would be sold on May 4.", []),
    ("A spokeswoman for Calder Mining said a petition would be delivered on May 4.", ["Calder Mining"]),
    ("A spokesman for the ministry said the report would be published on May 4.", ["ministry"]),
])  # fmt: skip
def test_the_body_a_spokesperson_speaks_for_is_the_phrases_head(sentence: str, bodies: list[str]) -> None:
    from conftest import analysed

    from summarizer.strategies.followups_doer import spoken_through

    analysis = analysed(sentence)
    ids = {i: str(i) for i in range(len(analysis.actors))}
    speaker = next(t for t in analysis.sentences[0].doc if t.lower_.startswith("spokes"))
    assert [analysis.actors[a].name for a in spoken_through(speaker, analysis, ids)] == bodies
