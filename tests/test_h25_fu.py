"""Follow-up rules of round 25 (branch h25-fu), each with sentences written for these tests: the
construction the rule reads, and ordinary sentences of the same surface shape it must leave alone.
Published 2026-04-02, a Thursday."""

from __future__ import annotations

import pytest
from conftest import followup_names, rules_on

from summarizer.models import ArticleSummary

COUNCIL = "The Harwick City Council voted on Monday to close two branch libraries and sell the old depot.\n\n"


def _run(body: str) -> ArticleSummary:
    return rules_on(body + "\n", "2026-04-02")


def _owners(result: ArticleSummary, words: str) -> list[list[str]]:
    """The actors' names of each follow-up whose evidence quotes a sentence containing `words`."""
    return [followup_names(result, f) for f in result.follow_ups if any(words in e.quote for e in f.evidence)]


# F1: bare "officials", "officers", "councillors" as a subject, after a lead whose one doer is a public
# body: that body's staff (f18-01 "Officials will report ... to the board's next meeting", f19-01 "officers
# must tell Coastline Safety Services by March 1", f19-03 "Officials said a contractor would be appointed",
# "Councillors will get a report").
@pytest.mark.parametrize("sentence", [
    "Officials will report on the savings to the next meeting on May 14.",
    "Officers must tell the library staff union by May 1 whether the branches will close.",
    "Officials said a buyer for the depot would be chosen by the end of June.",
    "Councillors will get a report on the closures at their meeting on May 14.",
    "The officials will publish the full list of savings next week.",
])  # fmt: skip
def test_bare_staff_of_the_leads_public_body(sentence: str) -> None:
    owners = _owners(_run(COUNCIL + sentence), sentence[:14])
    assert owners and all("Harwick City Council" in o for o in owners)


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
    owners = _owners(_run(lead + sentence), sentence[:14])
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
])  # fmt: skip
def test_staff_named_otherwise_are_not_the_leads(sentence: str, words: str) -> None:
    owners = _owners(_run(COUNCIL + sentence), words)
    assert all("Harwick City Council" not in o for o in owners)
