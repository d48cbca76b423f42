"""Actor kinds from the words the text refers to a name with (parse_persons, parse_actors): a
relative "which", a possessive "its" in the name's own clause, or an office only a body has
("X's chairman") make a name the recogniser read as a person's a body's; "her" and "his" make a
name read as a place's or an organisation's, or missed, a person's. A "his" or "her" owning a reported
subject is the person who reports it, named in the same sentence (parse_pronouns). Office holders
named by a plural title are a group, no person (parse_titles, guided_compose).

Every article here is written for these tests (lotteries, sport sponsorship, mining, courts).
"""

from __future__ import annotations

from conftest import rules_only

from summarizer.models import ArticleSummary


def _kinds(body: str) -> dict[str, str]:
    result: ArticleSummary = rules_only("title: Test\ndate: 2026-04-02\n---\n" + body)
    return {a.name: a.kind for a in result.actors}


def test_a_name_a_which_clause_refers_to_is_no_person():
    kinds = _kinds(
        "Varrow Lotto, which has run the draw since 2011, said on Monday that the tender had been unfair. "
        "Varrow Lotto will appeal."
    )
    assert kinds.get("Varrow Lotto") == "organization"


def test_a_name_whose_clause_says_its_is_no_person():
    kinds = _kinds(
        "Her former sponsor, Brisa Sport, ended its contract with her in May. Brisa Sport declined to comment."
    )
    assert kinds.get("Brisa Sport") == "organization"


def test_a_name_that_has_a_chairman_is_no_person():
    kinds = _kinds(
        "Tolvang's chairman, Arne Moe, said on Monday that the mine would stay open. Tolvang will pay the fine."
    )
    assert kinds.get("Tolvang") == "organization"
    assert kinds.get("Arne Moe") == "person"


def test_its_of_an_office_or_of_another_subject_says_nothing_of_the_name():
    kinds = _kinds(
        "Its chairwoman, Greta Lindahl, said the town's school and its surgery were full. "
        "Greta Lindahl said the council had lost its nerve."
    )
    assert kinds.get("Greta Lindahl") == "person"


def test_a_name_read_as_an_organisation_that_her_refers_to_is_a_person():
    kinds = _kinds("His lawyer, Ines Castaldo, said the ban was unfair. Castaldo said her client would appeal.")
    assert kinds.get("Castaldo") == "person"


def test_a_missed_name_that_her_refers_to_is_a_person():
    kinds = _kinds(
        "The club's lawyer, Beatriz Olmeda, told reporters the ban was unfair. Olmeda said her client would appeal."
    )
    assert kinds.get("Olmeda") == "person"


def test_the_owner_of_a_reported_subject_is_the_person_reporting():
    from summarizer.strategies.parse import analyse

    analysis = analyse([
        (1, "Tom Berg, the mine's chief executive, said on Monday that the shaft would close."),
        (2, "Premier Alice Nkosi said on Wednesday that her cabinet had written to the finance ministry."),
    ])  # fmt: skip
    write = next(c for c in analysis.sentences[1].clauses if c.verb == "write")
    assert [analysis.actors[a].name for a in write.agents] == ["Alice Nkosi"]


def test_office_holders_named_by_a_plural_title_are_a_group():
    kinds = _kinds(
        "The town council approved the budget on Monday. Opposition councillors said the vote had been rushed."
    )
    assert kinds.get("Opposition councillors") == "other"
