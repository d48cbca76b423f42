"""Forward-looking clauses in reported speech that state a view, not what will happen.

"said the authority should attach conditions", "argued that companies should have full
access": advice to someone, with no date, is the speaker's position on what ought to be
(a stance), not a step the article expects. A clause with a date ("should publish its
assessment by the end of June") sets a term, and stays a follow-up. So is an undated effect
a speaker foresees of a thing ("said the savings would protect 40 jobs", "warned that a
longer strike would put routes at risk"): the verbs of effect the stances read as the
speaker's position (`stance_words.EFFECTS`, "put at risk"), not an act anyone will do.
"""

from __future__ import annotations

from .followups_grammar import auxiliaries, reporting_clause, subject_of
from .followups_side import Item, named
from .parse_types import Analysis
from .stance_context import harm_idiom
from .stance_words import EFFECTS
from .words import word_tables

__all__ = ["advice", "foreseen_effect"]

(_ADVISORY,) = word_tables("followups_said", "_ADVISORY")


def advice(item: Item) -> bool:
    """Whether the item is undated advice in reported speech: its only modal is one of advice."""
    words = {a.lower_ for a in auxiliaries(item.verb)}
    return item.date is None and bool(words) and words <= _ADVISORY and reporting_clause(item.verb) is not None



def foreseen_effect(item: Item, analysis: Analysis, ids: dict[int, str]) -> bool:
    """Whether the item is an undated, reported effect of a thing that is no actor ("the plan would
    put jobs at risk"); a pronoun only when no actor was found for it."""
    verb = item.verb
    subject = subject_of(verb)
    if item.date is not None or reporting_clause(verb) is None or subject is None:
        return False
    if not (verb.lemma_.lower() in EFFECTS or harm_idiom(verb)):
        return False
    if subject.pos_ == "PRON" and item.actors:
        return False
    return not named(list(subject.subtree), analysis, ids)
