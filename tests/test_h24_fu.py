"""Follow-up rules of round 24 (branch h24-fu), each with sentences written for these tests: the
construction the rule reads, and ordinary sentences of the same surface shape it must leave alone.
Published 2026-04-02, a Thursday."""

from __future__ import annotations

import pytest
from conftest import all_owned_by, followup_names, owners_of, rules_on

from summarizer.models import ArticleSummary

LEAD = "The Harwick Transit Authority said on Monday it had ordered 40 new buses for the city.\n\n"


def _run(body: str) -> ArticleSummary:
    return rules_on(body + "\n", "2026-04-02")


# F1: a passive with no agent, said by no one, whose subject is a thing the lead's doer acts on (h24-fufix:
# only such a thing, not any common noun): the lead's doer acts on it.
ACTS = ("The Harwick Transit Authority said on Monday it would buy 40 new buses, extend the route and sell the old"
        " depot.\n\n")


@pytest.mark.parametrize("sentence", [
    "The old depot will be closed in June.",
    "Any bus without a permit will be stopped at the depot.",
    "The route could be extended to the airport if demand grows.",
    "The first 12 buses are expected in the week of May 11.",
])  # fmt: skip
def test_an_undone_passive_is_the_leads_doers(sentence: str) -> None:
    owners = owners_of(_run(ACTS + sentence), sentence[:12])
    assert owners and all(o == ["Harwick Transit Authority"] for o in owners)


@pytest.mark.parametrize(("sentence", "words"), [
    # a thing the lead's doer does not act on (h24-fufix)
    ("The old depot will be closed in June.", "old depot"),
    ("The route could be extended to the airport if demand grows.", "route"),
    # an agent named: its doer
    ("The old depot will be closed by the Orre city council in June.", "old depot"),
    # reported by someone who is no actor: the lead's doer is not the one who said so
    ("A local analyst said the fares would be raised in May.", "fares"),
    # the subject of a passive that asks it to act is the doer of that act
    ("An independent laboratory has been asked to test the brakes by May 4.", "laboratory"),
    # active, with a thing as subject: not read by this rule
    ("The new timetable will start in June.", "timetable"),
    # a passive verb that raises its subject to an infinitive: the subject's own course
    ("The ferry is scheduled to leave Harwick at noon on May 4.", "ferry"),
    ("The weather is expected to improve by May 4.", "weather"),
    # who it is according to
    ("The old depot will be closed in June, according to the Orre city council.", "old depot"),
    # a quotation with its speaker: the speaker's side
    ('"The old depot will be closed in June," Mayor Ana Ruiz said.', "old depot"),
    # people acted on: not the lead's doer's to do
    ("A man will be charged with assault on May 4.", "charged"),
    ("The two suspects will be sentenced on May 4.", "sentenced"),
    ("The drivers will be paid on May 4.", "drivers"),
    ("New students will be admitted from May 4.", "students"),
])  # fmt: skip
def test_passives_that_are_not_undone_keep_their_reading(sentence: str, words: str) -> None:
    for owners in owners_of(_run(LEAD + sentence), words):
        assert "Harwick Transit Authority" not in owners


def test_a_past_passive_is_no_follow_up() -> None:
    assert not owners_of(_run(LEAD + "The old depot was closed in 2020."), "old depot")


def test_a_passive_whose_subject_is_an_actor_keeps_it() -> None:
    owners = owners_of(_run(LEAD + "The Orre city council will be asked to vote on the plan in May."), "Orre")
    assert owners and all("Harwick Transit Authority" not in o for o in owners)


# F2: an unnamed speaker who speaks for a body ("a spokeswoman for the operator said"): that body.
@pytest.mark.parametrize("sentence", [
    "A spokeswoman for the Harwick Transit Authority said all 31 drivers would be redeployed.",
    "A spokesman for Selm Port Holdings said the ferry would be repaired by May 4.",
])  # fmt: skip
def test_a_spokespersons_body_owns_what_was_said(sentence: str) -> None:
    result = _run(sentence)
    owners = owners_of(result)
    assert owners and all(set(o) & {"Harwick Transit Authority", "Selm Port Holdings"} for o in owners)


@pytest.mark.parametrize("sentence", [
    # the speaker names the doer
    "A spokeswoman for the Harwick Transit Authority said the Orre city council would pay for the repairs.",
    # not a speaker noun: a report written for a body says nothing in its name
    "A report for the Harwick Transit Authority said the fares would be raised in May.",
    # an actor named inside the body it speaks for is not that body
    "A spokesman for the family of Mayor Ana Ruiz said the house would be sold in May.",
    # the body is only where the speaker was
    "A spokeswoman at the Harwick Transit Authority meeting said the Orre city council would vote in May.",
])  # fmt: skip
def test_other_speakers_are_not_read_as_a_spokesperson(sentence: str) -> None:
    result = _run(sentence)
    for f in result.follow_ups:
        assert followup_names(result, f) not in (["Harwick Transit Authority"], ["Ana Ruiz"])


# F3: a date between a past verb of saying and the reported clause's subject is when it was said.
@pytest.mark.parametrize(("sentence", "dues"), [
    # (the parser hangs "on Thursday" on "block": it was one step dated twice, the day it was said too)
    ("The Harwick Dockers' Union said on Thursday its members would block the port from May 4 unless the"
     " Orre city council paid the bill.", ["2026-05-04"]),
    # (a day just past read forward would be a due date behind publication)
    ("The Harwick Dockers' Union said on Monday its members would strike.", [None]),
])  # fmt: skip
def test_the_date_of_the_saying_is_not_the_steps(sentence: str, dues: list[str | None]) -> None:
    assert [f.due for f in _run(sentence).follow_ups] == dues


@pytest.mark.parametrize(("sentence", "due"), [
    # the date after the clause's subject, or inside it after "that": the step's own
    ("The Harwick Dockers' Union said its members would strike on Monday.", "2026-04-06"),
    ("The Harwick Dockers' Union said on Tuesday that from May 4 its members would strike.", "2026-05-04"),
    ("The Harwick Dockers' Union said that on May 4 its members would strike.", "2026-05-04"),
    ("Mayor Ana Ruiz said on Wednesday the Orre city council would vote on the budget on April 20.", "2026-04-20"),
    # a verb of saying ahead: the date is the saying's, and the step is undated
    ("The Harwick Dockers' Union will say on Monday whether its members would strike.", "2026-04-06"),
])  # fmt: skip
def test_dates_of_the_step_stay(sentence: str, due: str) -> None:
    result = _run(sentence)
    assert due in [f.due for f in result.follow_ups]


# F4: "it" as the next sentence's subject continues a body named by a common noun that names a body
# in subject position ("the road transport inspectorate said ... It said it would ..."), as it does
# a proper name or "the council".
@pytest.mark.parametrize(("body", "name"), [
    ("The road transport inspectorate said it had issued 6,300 fines in its first week. It said it would review"
     " every fine by May 4.", "road transport inspectorate"),
    ("The island's ferry operator said sailings had been cut. It said it would charter a barge from May 4.",
     "island's ferry operator"),
    ("The insurer said it had paid 400 claims. It said it would pay the rest by May 4.", "insurer"),
])  # fmt: skip
def test_it_continues_a_body_named_by_its_kind(body: str, name: str) -> None:
    result = _run(body)
    owners = owners_of(result)
    assert all_owned_by(owners, name)


@pytest.mark.parametrize(("body", "name"), [
    # the subject is the body's report, not the body: "it" is the report
    ("The road transport inspectorate's report said fines had risen. It said the fines would be reviewed by"
     " May 4.", "road transport inspectorate"),
    # a common noun of the same kind that is no body
    ("The centre of the storm passed the Harwick Transit Authority depot on Monday. It will reach Orre on May 4.",
     "Harwick Transit Authority"),
    # a person's sentence between: "it" is not carried over two sentences
    ("The road transport inspectorate said it had issued 6,300 fines. Mayor Ana Ruiz welcomed the news. It"
     " will be reviewed on May 4.", "road transport inspectorate"),
])  # fmt: skip
def test_it_does_not_continue_what_is_no_bodys_subject(body: str, name: str) -> None:
    result = _run(body)
    for f in result.follow_ups:
        if "It" in f.evidence[0].quote[:3]:
            assert name not in followup_names(result, f)


# F5: a condition that befalls its subject (a passive with no agent) is no step of that subject's: "the
# list would be published if the club were suspended" waits for whoever suspends the club.
@pytest.mark.parametrize(("sentence", "owner"), [
    ("The Orre Rugby Board said a revised fixture list would be published by May 4 if Harwick RFC were"
     " suspended.", "Orre Rugby Board"),
    # the condition's own act: whose step it waits for
    ("The Orre Rugby Board said a revised fixture list would be published by May 4 if Harwick RFC withdrew.",
     "Harwick RFC"),
    # a passive condition with its agent: the agent's step
    ("The bridge will be reopened on May 4 if the repairs are approved by the Orre city council.",
     "Orre city council"),
])  # fmt: skip
def test_a_condition_that_befalls_its_subject_is_not_its_step(sentence: str, owner: str) -> None:
    result = _run(sentence)
    assert owners_of(result) == [[owner]]


def test_an_undone_clause_on_a_befallen_condition_is_the_leads() -> None:
    result = _run(ACTS + "The old depot will be closed if the Orre city council is dissolved.")
    assert owners_of(result, "closed if") == [["Harwick Transit Authority"]]


# F6: a thing the lead names that runs its own course ahead ("awarded the licence ... The licence starts
# on March 1"), with no doer and no one saying so: the lead's doer runs it.
RUN = ("The Harwick Transit Authority said on Monday it would close the old depot and open a public consultation.\n\n"
       "Mayor Ana Ruiz welcomed the news.\n\n")  # (the lead is not the sentence before: no antecedent there)


@pytest.mark.parametrize("sentence", [
    "The old depot will close on May 4.",
    "The public consultation will close on April 30.",
    "The public consultation is due to start on May 4.",
])  # fmt: skip
def test_a_thing_the_lead_names_runs_its_course_for_the_leads_doer(sentence: str) -> None:
    owners = owners_of(_run(RUN + sentence), sentence[:12])
    assert owners and all(o == ["Harwick Transit Authority"] for o in owners)


@pytest.mark.parametrize(("sentence", "words"), [
    # a thing the lead does not name: not the lead's doer's
    ("The storm will end on May 4.", "storm"),
    ("The strike will end on May 4.", "strike"),
    # a measure in force runs by itself
    ("The new fare cap takes effect on May 4.", "fare cap"),
    # people, not things
    ("The drivers will stay at the old depot until May 4.", "drivers"),
    # an object: an act, not a course
    ("The consultation will open a second round on May 4.", "second round"),
    # said by someone: their account
    ("A local analyst said the consultation would close on April 30.", "analyst"),
])  # fmt: skip
def test_other_courses_are_not_the_leads_doers(sentence: str, words: str) -> None:
    for owners in owners_of(_run(RUN + sentence), words):
        assert "Harwick Transit Authority" not in owners


# F7: a reported, undated possibility of a thing ("warned that shelf prices could rise by a fifth"): a risk
# the speaker sees, no one's step.
RISKS = [
    "The Orre Growers' Union warned that shelf prices could rise by a fifth.",
    "The Harwick Dockers' Union says the new terminal could draw visitors to the town.",
    "Mayor Ana Ruiz said the delay might cost the town its summer season.",
]


@pytest.mark.parametrize("sentence", RISKS)
def test_a_things_reported_possibility_is_no_step(sentence: str) -> None:
    assert not _run(sentence).follow_ups


@pytest.mark.parametrize("sentence", [
    # on a condition: a threat held out
    "The Harwick Dockers' Union warned that the strike could close the port if talks failed.",
    # a body, a person or people named by what they do or are: a step they may take
    "Mayor Ana Ruiz said the council could raise the fee.",
    "Mayor Ana Ruiz said the hospital could close its ward.",
    "Mayor Ana Ruiz said the contractor could repair the bridge.",
    "Mayor Ana Ruiz said the workers might strike.",
    "Mayor Ana Ruiz said the families could stay in the hotel.",
    # a date ahead: a term set
    "Mayor Ana Ruiz said the ferry could leave Harwick on May 4.",
    # not a possibility: what the speaker expects
    "Mayor Ana Ruiz said the new terminal would open to visitors.",
])  # fmt: skip
def test_possibilities_of_doers_or_dated_stay(sentence: str) -> None:
    assert _run(sentence).follow_ups


# F8: what a subject holds in parentheses is an aside, not its doer: a dateline's wire folded into the
# subject after it ("CAIRO, Sept 10 (Nilepoint News) - Egypt will limit ...") is nobody's step.
def test_a_datelines_wire_is_not_the_subjects_doer() -> None:
    body = ("CAIRO, Sept 10 (Nilepoint News) - Egypt will limit exports of urea fertiliser to 1.2 million tonnes in"
            " the last quarter of the year, the trade ministry said on Wednesday, about a third less than producers"
            " shipped in the same period of 2030.\n\nHalden Bank told Nilepoint News it would move its ships.")
    result = _run(body)
    owners = owners_of(result, "CAIRO")
    assert owners == [["trade ministry"]]


@pytest.mark.parametrize(("sentence", "owner"), [
    # the same body's short name, a person's aside: the doer stays
    ("The Association of Polish Road Carriers (ZMPD) will block the crossings from May 4.",
     "Association of Polish Road Carriers"),
    ("Mayor Ana Ruiz (who chairs the Orre city council) will visit Harwick on May 4.", "Ana Ruiz"),
])  # fmt: skip
def test_a_subject_with_an_aside_keeps_its_doer(sentence: str, owner: str) -> None:
    result = _run(sentence)
    assert owners_of(result) == [[owner]]
