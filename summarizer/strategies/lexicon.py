"""Closed classes of English words that more than one rule module reads (not names, not
lexicons of a domain). One place, so two rules meaning the same set cannot drift apart, and
`rule_tables()` puts every one of them in the guided strategy's rules fingerprint."""

from __future__ import annotations

__all__ = ["AWAITED_NOUNS", "AWAITING_PREPS", "AWAITING_VERBS", "CONDITION_MARKS", "GROUP_DETERMINERS", "rule_tables"]

# Nouns of a decision a plan can wait for ("subject to approval by", "pending a ruling by").
AWAITED_NOUNS = frozenset(
    "approval ruling decision vote verdict consent clearance permission authorisation authorization "
    "ratification review".split()
)
# What makes a plan wait for such a decision: "pending a ruling", "requires a vote".
AWAITING_PREPS = frozenset({"pending"})
AWAITING_VERBS = frozenset({"require", "await", "need"})
# Subordinators of a condition: "if", "unless" (not "whether": an indirect question).
CONDITION_MARKS = frozenset({"if", "unless"})
# A determiner that makes a plural noun a group of actors named before ("both sides").
GROUP_DETERMINERS = frozenset({"both"})


def rule_tables() -> list[object]:
    """Every closed class above, for the guided strategy's rules fingerprint."""
    return [sorted(v) for k, v in sorted(globals().items()) if k.isupper() and isinstance(v, frozenset)]
