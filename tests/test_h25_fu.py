"""Follow-up rules of round 25 (branch h25-fu), each with sentences written for these tests: the
construction the rule reads, and ordinary sentences of the same surface shape it must leave alone.
Published 2026-04-02, a Thursday."""

from __future__ import annotations

import pytest
from conftest import all_owned_by, owners_of, rules_on

from summarizer.models import ArticleSummary

COUNCIL = "The Harwick City Council voted on Monday to close two branch libraries and sell the old depot.\n\n"


def _run(body: str) -> ArticleSummary:
    return rules_on(body + "\n", "2026-04-02")


# F1: bare "officials", "officers", "councillors" as a subject, after a lead whose one doer is a public
# body: that body's staff (f18-01 "Officials will report ... to the board's next meeting", f19-01 "officers
# must tell Coastline Safety Services by March 1", f19-03 "Officials said a contractor would be appointed",
# "Councillors will get a report").
@pytest.mark.parametrize("sentence", [
    "Officials will report on the savings to the next meeting on May 14.",
    # (bare "officers" only after the article names them as the body's own: h25-fufix)
    "It asked officers to list the savings. Officers must tell the library staff union by May 1 whether the "
    "branches will close.",
    "Officials said a buyer for the depot would be chosen by the end of June.",
    "Councillors will get a report on the closures at their meeting on May 14.",
    "The officials will publish the full list of savings next week.",
])  # fmt: skip
def test_bare_staff_of_the_leads_public_body(sentence: str) -> None:
    owners = owners_of(_run(COUNCIL + sentence), sentence.split(". ")[-1][:14])
    assert all_owned_by(owners, "Harwick City Council")


@pytest.mark.parametrize(("lead", "sentence"), [
    # the lead's doer is a company, not a public body: officials are someone else's
    ("Trellis Toys recalled 180,000 magnetic building sets on Monday.\n\n",
     "Officials will inspect shops in every province next week."),
    # the lead's doer is a person
    ("Mayor Ana Ruiz said on Monday that two branch libraries would close.\n\n",
     "Officials will report on the savings on May 14."),
    # two doers in the lead: whose staff is not told
    ("The Harwick City Council and the Orre Transit Authority agreed on Monday to merge their ticket offices.\n\n",
     "Officials will report on the savings on May 14."),
])  # fmt: skip
def test_staff_with_no_one_public_body_in_the_lead(lead: str, sentence: str) -> None:
    owners = owners_of(_run(lead + sentence), sentence[:14])
    assert all(o == [] or "Trellis Toys" not in o and "Ana Ruiz" not in o and "Harwick City Council" not in o
               for o in owners)  # fmt: skip


@pytest.mark.parametrize(("sentence", "words"), [
    # the phrase says whose officials they are
    ("Health officials will inspect the old depot on May 4.", "Health officials"),
    ("Officials from the Orre Transport Ministry will visit the depot on May 4.", "Officials from"),
    ("Two officers will be questioned about the sale on May 4.", "Two officers"),
    ("Union officials will meet library staff on May 4.", "Union officials"),
    # a relative clause picks out some officials: not the body's staff at large
    ("Officials who lost their jobs will appeal on May 4.", "Officials who"),
    # acted on, not acting
    ("Officials will be questioned about the sale on May 4.", "Officials will be"),
    # another body reports what its own officers will do
    ("Officers will patrol the closed branches from Friday, the Harwick police said.", "Officers will patrol"),
    # a possessor names them
    ("The union's officials will meet library staff on May 4.", "union's officials"),
    # some councillors, not the council
    ("Opposition councillors will table a motion of no confidence on May 14.", "Opposition councillors"),
    ("Councillors from the Green group will walk out of the meeting on May 14.", "Councillors from"),
    # another public body acts in the sentence before: its officials
    ("The Orre Regional Government has objected to the closures. Officials will meet the council on May 4.",
     "Officials will meet"),
    ("The Orre Transport Ministry has objected to the closures. Officials will meet the council on May 4.",
     "Officials will meet"),
])  # fmt: skip
def test_staff_named_otherwise_are_not_the_leads(sentence: str, words: str) -> None:
    owners = owners_of(_run(COUNCIL + sentence), words)
    assert all("Harwick City Council" not in o for o in owners)


# F2: a condition by "if" on what no actor does, dated by a month, season or year, is part of the step it
# conditions, not a follow-up of its own (f18-02 "if no money has arrived by September, the team will ...",
# f19-03 "If the new cemetery slips beyond 2035", and in earlier sets "if domestic prices fell by November",
# "If it tastes the same next summer", "if the public gives us the chance next year").
def _split_conditions(sentence: str) -> list[str]:
    """The descriptions of the follow-ups of `sentence` (after the council lead) that are a condition alone."""
    result = _run(COUNCIL + sentence)
    marks = ("if ", "unless ", "once ")
    return [f.description for f in result.follow_ups if f.evidence[0].sentence == 2
            and f.description.lower().startswith(marks) and "," not in f.description]  # fmt: skip


@pytest.mark.parametrize("sentence", [
    "The library trust said that if no money has arrived by September, it will close the branch.",
    "If prices fall by November, the depot will be sold.",
    "If the new depot slips beyond 2028, the council may rent space in Orre.",
    "If it rains next summer, the fair will move indoors.",
    "If the depot is not sold by September, the Harwick City Council will lease it.",
])  # fmt: skip
def test_an_idle_dated_hypothesis_is_no_follow_up_of_its_own(sentence: str) -> None:
    assert _split_conditions(sentence) == []


@pytest.mark.parametrize("sentence", [
    # "unless": what must be done in time to avert the step, a term of its own
    "The council will sell the depot unless a buyer comes forward by September.",
    # a day set in the calendar
    "The Kessock Timber company will seek an injunction if the blockade continues past September 12.",
    # "once": a time, not a hypothesis
    "Once the sale closes in September, the depot will be demolished.",
    "Unless the depot is sold by June, the council will lease it.",
    # a named party's act by a date: its term
    "If the council approves the sale by September, the depot will close.",
    # a weekday is a day set in the calendar too
    "If no buyer is found by Friday, the depot will close.",
])  # fmt: skip
def test_a_dated_condition_that_sets_a_term_stays_its_own(sentence: str) -> None:
    assert len(_split_conditions(sentence)) == 1


# F3: declining to say something in the past with nothing ahead in it is a fact withheld, not a question
# left open (f19-02 "declined to say what was said in the room", f17-01 "whether an exemption was being
# considered", fresh10/fresh12 "whether she agreed with it", "refused to say whether the licence was at risk").
def _open(sentence: str) -> list[str]:
    result = _run(COUNCIL + sentence)
    return [f.description for f in result.follow_ups if f.evidence[0].sentence == 2 and f.kind == "open_question"]


@pytest.mark.parametrize("sentence", [
    "The Harwick City Council declined to say what was said at the meeting.",
    "Mayor Ana Ruiz declined to say whether she agreed with the decision.",
    "Mayor Ana Ruiz refused to say whether the depot was at risk.",
    "The Harwick City Council declined to say whether a sale was being considered.",
    "The Harwick City Council declined to say whether the libraries had been valued.",
    "The Harwick City Council declined to say who had bought the depot.",
    "Mayor Ana Ruiz declined to say when she last spoke to the library trust.",
    "The Harwick City Council declined to say whether the libraries were insured.",
    "The Harwick City Council refused to say how many staff lost their jobs.",
])  # fmt: skip
def test_a_past_fact_withheld_is_no_open_question(sentence: str) -> None:
    assert _open(sentence) == []


@pytest.mark.parametrize("sentence", [
    # something ahead in the question: a modal, an infinitive, a plan's participle, a present of schedule
    "The Harwick City Council declined to say whether more closures were expected.",
    "The Harwick City Council declined to say whether the closures could be reversed.",
    "The Harwick City Council declined to say whether it would appeal.",
    "The Harwick City Council declined to say when the libraries reopen.",
    "The Harwick City Council declined to say whether to sell the depot.",
    "The Harwick City Council declined to say how much the sale would raise.",
    "Mayor Ana Ruiz declined to say whether she agreed to sell the depot.",
    "The Harwick City Council declined to say whether the depot was due to be sold.",
    "The Harwick City Council declined to say whether a sale was planned.",
    "The Harwick City Council declined to say who will buy the depot.",
    "The Harwick City Council declined to say whether the sale was going to go ahead.",
    "The Harwick City Council declined to say whether it had decided to sell the depot.",
    # not a refusal to say: an undecided matter stays open whatever its tense
    "The Harwick City Council has not decided whether the depot was worth keeping.",
])  # fmt: skip
def test_a_question_with_something_ahead_stays_open(sentence: str) -> None:
    assert len(_open(sentence)) == 1


# F4: a reported, undated effect of a thing with a verb of outcome (save, strip, push, cover) is the
# speaker's forecast, no one's step (f19-04 "the deal would save about NZ$4 million a year", "outsourcing
# would strip the country of skills"; earlier sets "the cut would push many of its members below break-even",
# "the ratios would require about 1,200 extra nurses", "the bill freeze would cover only two of the next
# five years"; not "require", which sets a process going: "would require a vote").
def _items(sentence: str) -> list[list[str]]:
    return owners_of(_run(COUNCIL + sentence), sentence[:20])


@pytest.mark.parametrize("sentence", [
    "The library trust said the closures would save £400,000 a year.",
    "Critics say the sale would strip the town of its last public building.",
    "The library trust said the plan would push many readers to other towns.",
])  # fmt: skip
def test_a_things_outcome_reported_is_no_step(sentence: str) -> None:
    assert _items(sentence) == []


@pytest.mark.parametrize("sentence", [
    # an actor, a pronoun for one, people or a body as subject: their step
    "The library trust said it would cut opening hours at two branches.",
    "The library trust said the Harwick City Council would cover the cost of the move.",
    "The library trust said the state would cover the cost of the move.",
    "The library trust said volunteers would cover the evening shifts.",
    # a passive that sets a duty, or what a thing obliges someone to do
    "The library trust said a buyer would be required to keep the facade.",
    "The library trust said the lease would require the buyer to keep the facade.",
    "The library trust said the closures would push the council to sell the depot.",
    # what sets a process going ("require" is not read as an outcome: "would require a vote")
    "The library trust said the new rules would require about 40 extra staff.",
    # dated: a step on a date
    "The library trust said the closures would save £400,000 a year from April.",
    # not reported: the article's own statement of a plan
    "The new rules will require every branch to open on Saturdays from May 2.",
])  # fmt: skip
def test_an_outcome_with_a_doer_a_duty_or_a_date_stays(sentence: str) -> None:
    assert len(_items(sentence)) == 1
