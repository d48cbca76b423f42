"""A following "It" continues a body its subject names by a common noun ("The inspectorate said
... It said it would review") only when the body itself is an actor of that sentence, not an
actor the body's report names ("The utility said Calder Mining had not paid ... It said it
would cut the power": "It" is the utility, never Calder Mining). Sentences from the round-24
review and written for this test. Published 2026-04-02."""

from __future__ import annotations

import pytest
from conftest import all_owned_by, owners_of, rules_on


def _owners(body: str, words: str) -> list[list[str]]:
    return owners_of(rules_on(body + "\n", "2026-04-02"), words)


@pytest.mark.parametrize(("body", "named"), [
    ("The utility said Calder Mining had not paid its bills. It said it would cut the mine's power on May 4.",
     "Calder Mining"),
    ("The watchdog said Calder Mining had broken the rules. It said it would fine the company by May 4.",
     "Calder Mining"),
    ("The insurer said Harwick Motors had missed two payments. It said it would end the policy on May 4.",
     "Harwick Motors"),
    ("The regulator said Orre Water had failed its tests. It said it would publish the results by May 4.",
     "Orre Water"),
])  # fmt: skip
def test_it_is_never_the_actor_the_bodys_report_names(body: str, named: str) -> None:
    owners = _owners(body, "It said it would")
    assert owners and all(named not in o for o in owners)


@pytest.mark.parametrize(("body", "body_name"), [
    ("The road transport inspectorate said on Monday that checks would continue. "
     "It said it would review the rules by May 4.", "road transport inspectorate"),
    ("The insurer said on Monday that premiums would rise. It said it would write to customers by May 4.",
     "insurer"),
])  # fmt: skip
def test_it_still_continues_the_body_itself(body: str, body_name: str) -> None:
    owners = _owners(body, "It said it would")
    assert all_owned_by(owners, body_name)
