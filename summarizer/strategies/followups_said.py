"""Forward-looking clauses in reported speech that state a view, not what will happen.

"said the authority should attach conditions", "argued that companies should have full
access": advice to someone, with no date, is the speaker's position on what ought to be
(a stance), not a step the article expects. A clause with a date ("should publish its
assessment by the end of June") sets a term, and stays a follow-up.
"""

from __future__ import annotations

from .followups_grammar import auxiliaries, reporting_clause
from .followups_side import Item
from .words import word_tables

__all__ = ["advice"]

(_ADVISORY,) = word_tables("followups_said", "_ADVISORY")


def advice(item: Item) -> bool:
    """Whether the item is undated advice in reported speech: its only modal is one of advice."""
    words = {a.lower_ for a in auxiliaries(item.verb)}
    return item.date is None and bool(words) and words <= _ADVISORY and reporting_clause(item.verb) is not None

