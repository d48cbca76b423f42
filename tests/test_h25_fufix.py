"""The reviewer's sentences on round 25's follow-up rules (rev-fu F1-F4), each read as the reviewer
expects, with counter-sentences of the same shape that keep the gains the rules were made for.
Published 2031-05-14, a Wednesday."""

from __future__ import annotations

import pytest
from conftest import all_owned_by, followup_names, owners_of, rules_on

from summarizer.models import ArticleSummary

TARROW = "The Tarrow Rail Company cut 40 services on Tuesday.\n\n"
HEALTH = "The Ministry of Health banned menthol cigarettes on Tuesday.\n\n"
WATER = "The Dunmore Water Board raised tariffs by 9 percent on Tuesday.\n\n"
BOROUGH = "Ravensholt Borough Council approved a new incinerator on Tuesday.\n\n"


def _run(body: str) -> ArticleSummary:
    return rules_on(body + "\n", "2031-05-14")


# F1: bare "officials", "officers", "councillors" are the lead's public body's only when nothing else in
# the article could own them, and never a court's.
@pytest.mark.parametrize(("body", "words", "body_name"), [
    # 1: staff another owns, named before
    (HEALTH + "Officials from the tobacco industry said they would sue. Officials will lodge the appeal by June 3.",
     "lodge the appeal", "Ministry of Health"),
    (WATER + "Aelric Mining said it would challenge the rise. Its officials will file the claim by June 3. "
     "Officials will also meet investors on June 10.", "meet investors", "Dunmore Water Board"),
    # 2: customs officers before; officers after a protest are the police
    (HEALTH + "Customs officers seized 4,000 cartons. Officers will search ports again on June 3.",
     "search ports", "Ministry of Health"),
    (BOROUGH + "Protesters blocked the site gates for two hours. Officers will return to the site on June 3.",
     "return to the site", "Ravensholt Borough Council"),
    # 3: another public body named before; the body would meet itself
    (HEALTH + "The Orre Regional Government said it would not enforce the ban. Its premier called the rule "
     "unworkable. Officials will meet the ministry on June 3.", "meet the ministry", "Ministry of Health"),
    # 4: a court has no staff who act on its ruling
    ("The High Court quashed the Ministry of Transport's ban on diesel buses on Tuesday.\n\n"
     "Officials will ask the Court of Appeal to restore the ban by June 3.", "Court of Appeal", "High Court"),
    # 5: officials report another's step
    (HEALTH + "Officials said the tobacco companies would appeal by June 3.", "tobacco companies",
     "Ministry of Health"),
    # (own: same shapes)
    (HEALTH + "Officials said the tobacco company would appeal by June 3.", "tobacco company", "Ministry of Health"),
    (HEALTH + "Officials said retailers would challenge the ban by June 3.", "retailers", "Ministry of Health"),
    (WATER + "Aelric Mining's officials will file a claim by June 3. Officials will also meet investors on June 10.",
     "meet investors", "Dunmore Water Board"),
    (HEALTH + "Border officials seized 4,000 cartons. Officials will search ports again on June 3.",
     "search ports", "Ministry of Health"),
    (WATER + "The Orre Environment Agency has objected. The Orre mayor agreed. Officials will visit the site on "
     "June 3.", "visit the site", "Dunmore Water Board"),
    ("The Supreme Court struck down the fishing quota on Tuesday.\n\nOfficials will publish a new quota by June 3.",
     "new quota", "Supreme Court"),
    (WATER + "Officials will meet the board on June 3.", "meet the board", "Dunmore Water Board"),
    (HEALTH + "Officials will meet the Ministry of Health on June 3.", "meet the Ministry", "Ministry of Health"),
    (WATER + "Officers will close the reservoir road on June 3.", "reservoir road", "Dunmore Water Board"),
])  # fmt: skip
def test_staff_someone_else_could_own_are_not_the_leads(body: str, words: str, body_name: str) -> None:
    owners = owners_of(_run(body), words)
    assert owners and all(body_name not in o for o in owners)


def test_officials_against_a_courts_ruling_are_not_the_courts() -> None:
    owners = owners_of(_run("The High Court quashed the Ministry of Transport's ban on diesel buses on Tuesday.\n\n"
                          "Officials will ask the Court of Appeal to restore the ban by June 3."), "Court of Appeal")
    assert owners and all(o in ([], ["Ministry of Transport"]) for o in owners)


@pytest.mark.parametrize(("body", "words", "expected"), [
    # another body reports what its officers will do
    (WATER + "Officers will arrest anyone who blocks the reservoir road from June 1, the Dunmore Police said.",
     "arrest anyone", ["Dunmore Police"]),
    # another body's step the sentence before: the officials are no one named
    (WATER + "The Environment Agency said it would review the permit. Officials will visit the site on June 3.",
     "visit the site", []),
])  # fmt: skip
def test_staff_the_reviewer_found_sound(body: str, words: str, expected: list[str]) -> None:
    assert owners_of(_run(body), words) == [expected]


@pytest.mark.parametrize(("body", "words"), [
    (WATER + "Officials will meet the union on June 3.", "meet the union"),
    # a company and a residents' group named before are no public body: the board's officials still
    (WATER + "Aelric Mining said it would challenge the rise. The Dunmore Residents' Association backed it. "
     "Officials will report to the board on June 3.", "report to the board"),
    (WATER + "Officials said a contractor would be appointed by June 30.", "contractor"),
    (WATER + "Officials said they would publish the new tariffs by June 30.", "publish the new"),
    (WATER + "Officials said the works would finish by June 30.", "works would"),
    # the body's own people acted on: still its officials
    (WATER + "Officials will brief the board's inspectors on June 3.", "brief the board"),
    # the body's officers named before: its officers
    (BOROUGH + "It asked officers to report on the noise. Officers must tell the operator by June 3 whether the "
     "permit will be varied.", "must tell"),
    # councillors sit on the council, whatever other public body is named before
    (BOROUGH + "The regional transport agency promised half the cost. Councillors will get a report on June 3.",
     "get a report"),
])  # fmt: skip
def test_staff_of_the_leads_one_public_body_kept(body: str, words: str) -> None:
    owners = owners_of(_run(body), words)
    lead = "Dunmore Water Board" if body.startswith(WATER) else "Ravensholt Borough Council"
    assert all_owned_by(owners, lead)


@pytest.mark.parametrize("sentence", [
    "Officials from the Orre Transport Ministry will visit the depot on June 3.",
    "Police officers will patrol the depot from June 3.",
    "Officials in Brussels will rule on the tariffs by June 3.",
    "The officials accused of taking bribes will appear in court on June 3.",
])  # fmt: skip
def test_staff_named_in_the_phrase_left_alone(sentence: str) -> None:
    assert all("Dunmore Water Board" not in o for o in owners_of(_run(WATER + sentence), sentence[:12]))


# F2: an idle dated condition is folded into its step only when it is no one's act, dated by no day, and
# a real condition; its date is never the step's.
def _conditions(body: str) -> list[tuple[str, str | None]]:
    """(description, due) of the follow-ups that are a condition alone."""
    result = _run(body)
    marks = ("if ", "unless ", "once ")
    return [(f.description, f.due) for f in result.follow_ups
            if f.description.lower().startswith(marks) and "," not in f.description]  # fmt: skip


def _step_due(body: str, words: str) -> list[str | None]:
    return [f.due for f in _run(body).follow_ups if words in f.description]


@pytest.mark.parametrize("sentence", [
    "If the tunnel has not reopened by June 3rd, the regulator will fine the company.",
    "If the tunnel has not reopened by the 3rd of June, the regulator will fine the company.",
    "If the tunnel has not reopened by June 3, the regulator will fine the company.",
    "If the tunnel has not reopened by 3rd June, the regulator will fine the company.",
])  # fmt: skip
def test_a_condition_by_a_day_is_its_own_term(sentence: str) -> None:
    assert [d for _, d in _conditions(TARROW + sentence)] == ["2031-06-03"]
    assert all(d is None for d in _step_due(TARROW + sentence, "the regulator will fine"))


@pytest.mark.parametrize("sentence", [
    "If the tunnel has not reopened by the end of June, the regulator will fine the company.",
    "If no buyer has come forward by September, the depot will close.",
    "If passenger numbers have not recovered by the autumn, the company will close the line.",
])  # fmt: skip
def test_a_folded_conditions_date_is_not_the_steps(sentence: str) -> None:
    result = _run(TARROW + sentence)
    assert all(f.due is None for f in result.follow_ups if f.evidence[0].sentence == 2)


@pytest.mark.parametrize("sentence", [
    "If the regulator's review is not finished by September, the company will restore the services.",
    "If the minister's signature has not arrived by September, the company will restore the services.",
    "The regulator must rule by July whether the cuts are lawful; if it has not ruled by August, passengers "
    "can sue.",
    "The company will decide in June if the line can reopen by September.",
    "The company will check in June if the line can reopen by September.",
])  # fmt: skip
def test_a_partys_or_a_whether_condition_stays_its_own(sentence: str) -> None:
    assert len(_conditions(TARROW + sentence)) == 1


@pytest.mark.parametrize("sentence", [
    "If no buyer has come forward by September, the depot will close.",
    "The depot will reopen if passenger numbers recover by September.",
    "If the strike goes on into July, the company will cut more services.",
    "If the line is not repaired by mid-June, the company will hire buses.",
    "If the depot's roof is not repaired by September, the company will close it.",
    "If fares have not fallen by the autumn, the company will cut more services.",
])  # fmt: skip
def test_an_idle_condition_stays_folded(sentence: str) -> None:
    assert _conditions(TARROW + sentence) == []


@pytest.mark.parametrize("sentence", [
    "If the minister has not signed the order by September, the company will cut more services.",
    "If the union does not call off the strike by September, the company will cut more services.",
    "The company said it would sell the depot if it has not found a buyer by September.",
    "If he has not signed the order by September, the company will cut more services.",
])  # fmt: skip
def test_a_named_doers_condition_stays_its_own(sentence: str) -> None:
    assert len(_conditions(TARROW + sentence)) == 1


def test_even_if_folded() -> None:
    result = _run(TARROW + "Even if the line is repaired by September, the services will not return.")
    assert not [f for f in result.follow_ups if f.description.lower().startswith("even if")]


# F3: declining to say what is under way or a state that may hold ahead leaves a question open.
@pytest.mark.parametrize("question", [
    "whether the cuts were going ahead in June",
    "whether it was considering further cuts",
    "whether drivers were expecting redundancies",
    "whether a decision on the depot was imminent",
    "whether the services were due back in the autumn",
    "whether the cuts were temporary",
    "when the services would return",
    "whether more services would be cut",
    "whether drivers had been offered new posts, or when the depot would shut",
    # (own)
    "whether the union was planning a strike",
    "whether the closure was likely",
])  # fmt: skip
def test_a_question_with_something_ahead_stays_open(question: str) -> None:
    result = _run(TARROW + f"The company declined to say {question}.")
    owners = [followup_names(result, f) for f in result.follow_ups if f.kind == "open_question"]
    assert owners == [["Tarrow Rail Company"]]


@pytest.mark.parametrize("question", [
    "who had ordered the cuts",
    "whether it had been warned by the regulator",
    "whether staff were told of the cuts",
    # (own: what was done, not under way; a state named by a participle)
    "whether a sale was being considered",
    "whether the trains were insured",
])  # fmt: skip
def test_a_past_fact_withheld_stays_dropped(question: str) -> None:
    result = _run(TARROW + f"The company declined to say {question}.")
    assert [f for f in result.follow_ups if f.kind == "open_question"] == []


@pytest.mark.xfail(strict=True, reason="a state told by a prepositional phrase is read as a past fact, as "
                   "'whether the licence was at risk' must be (fresh-set gold); no general line found")
@pytest.mark.parametrize("question", ["whether it was in talks with a buyer", "whether the depot was for sale"])
def test_a_state_by_a_phrase_borderline(question: str) -> None:
    result = _run(TARROW + f"The company declined to say {question}.")
    assert len([f for f in result.follow_ups if f.kind == "open_question"]) == 1


# F4: an outcome verb's subject is read as a thing only when its noun names a thing: never a pronoun, a
# body, a place or a fund.
@pytest.mark.parametrize(("body", "words"), [
    (BOROUGH + "The operator said it would cover the cost of monitoring.", "cost of monitoring"),
    (TARROW + "The mayor said the city would cover the shortfall.", "city would"),
    (TARROW + "The mayor said the county would cover the shortfall.", "county would"),
    (TARROW + "The mayor said the province would cover the shortfall.", "province would"),
    (TARROW + "The mayor said the navy would push the protest boats out of the harbour.", "navy would"),
    (TARROW + "The mayor said the school would cover the pupils' fares.", "school would"),
    (TARROW + "The union said the hospital would cover the workers' fares.", "hospital would"),
    (TARROW + "The union said the airline would cover passengers' hotel bills.", "airline would"),
    (TARROW + "The company said the charity would cover the cost of replacement buses.", "charity would"),
    (TARROW + "The company said the fund would cover the cost of the repairs.", "fund would"),
    (TARROW + "The mayor said the Tarrow Rail Company would cover the shortfall.", "Company would cover"),
    (TARROW + "The union said they would cover the workers' fares.", "they would"),
])  # fmt: skip
def test_a_doers_outcome_verb_is_a_step(body: str, words: str) -> None:
    assert len(owners_of(_run(body), words)) == 1


@pytest.mark.parametrize("body", [
    TARROW + "The company said the cuts would save 12 million pounds.",
    TARROW + "Commuters said the cuts would push them onto the roads.",
    TARROW + "The company said the pension scheme would cover the shortfall.",
    TARROW + "The company said the deal would save 4 million pounds a year.",
    TARROW + "Critics said the sale would strip the town of its last station.",
    TARROW + "The union said the fare freeze would cover only two of the next five years.",
])  # fmt: skip
def test_a_things_outcome_is_no_step(body: str) -> None:
    assert owners_of(_run(body), "would") == []
