"""Office holders named by a plural title are a group, no person (parse_titles, guided_compose).

Every article here is written for these tests.
"""

from __future__ import annotations

from conftest import actor_kinds, rules_on


def _kinds(body: str) -> dict[str, str]:
    return actor_kinds(rules_on(body))


def test_office_holders_named_by_a_plural_title_are_a_group():
    kinds = _kinds(
        "The town council approved the budget on Monday. Opposition councillors said the vote had been rushed."
    )
    assert kinds.get("Opposition councillors") == "other"
