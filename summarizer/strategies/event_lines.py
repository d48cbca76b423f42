"""Where a clause sits on its sentence's line and whose act it is: the second stage of
`guided_events`. A clause on the main line (the root, the content of a reporting verb, or a
conjunct of either) may report an event; its agents are its own, or those it shares with the
clause it hangs on, and a pronoun in a report stands for the speaker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import event_clauses
from .event_clauses import REPORTED
from .event_types import DOCUMENTS as _DOCUMENTS
from .lexicon import ASSERTING
from .parse_form import hearsay_frame
from .parse_types import Clause
from .words import word_tables

__all__ = ["FINITE", "PRONOUNS", "Reading", "agents_of", "hearsay", "on_main_line", "reports"]

PRONOUNS, LINKS, ASPECT, FINITE = word_tables("event_lines", "PRONOUNS LINKS ASPECT FINITE")


@dataclass
class Reading:
    """One clause read as an event."""

    clause: Clause
    agents: list[int]
    type: str
    by_speaker: bool  # the agents are the speaker of the reporting verb ("X said it had ...")
    silent: bool = False  # a statement that is an act: an answer withheld or a matter weighed (`event_clauses`)
    warned: bool = False  # a statement that is an act: a warning of a risk (`event_clauses.forewarned`)


def on_main_line(clause: Clause, by_i: dict[int, Clause], added: bool = True) -> bool:
    """The root, or reached from it only through conjuncts and the content of reporting verbs
    (`added`: also of a participle that goes on with the report, "said, adding that ...")."""
    seen: set[int] = set()
    while clause.dep != "ROOT":
        parent = by_i.get(clause.head)
        if parent is None or clause.index in seen:
            return False
        if clause.dep == "xcomp" and parent.verb in ASPECT:
            pass  # "continues to build up troops": the act goes on
        elif clause.dep == "xcomp" and hearsay(parent, clause):
            pass  # "X is said to have told Y": the act, reported
        elif added and clause.dep == "advcl" and clause.reporting and clause.tag == "VBG" and not clause.subject:
            pass  # "the minister said, adding that X had agreed to ...": the report goes on
        elif clause.dep == "parataxis" and clause.reporting and parent.quoted and parent.dep == "ROOT":
            pass  # '"...", the minister said, and he has asked X to ...': the frame of a quote opening the sentence
        elif clause.dep == "conj" and clause.subject and clause.tag in FINITE and parent.tag == "VBG":
            # "won, beating X 2-1, but a row led ...": a finite clause with its own subject the
            # parser hung on a participle is coordinated with the clause the participle modifies.
            seen.add(clause.index)
            clause = by_i.get(parent.head, parent)
            if clause is parent:
                return False
            continue
        elif clause.dep not in LINKS:
            return False
        elif clause.dep != "conj" and (not reports(parent) or parent.negated):
            # "argued that ...": an opinion; "did not say whether ...": not a report at all.
            return False
        seen.add(clause.index)
        clause = parent
    return True


def hearsay(frame: Clause, act: Clause) -> bool:
    """An act told by hearsay (`parse_form.hearsay_frame`: "X is said to have told Y", "are believed to have
    urged Y"), and told as having happened: not "is not thought to have met Y", "is said not to have met Y",
    "will be said to have ...", nor under a modal, a condition or in a quotation."""
    return hearsay_frame(frame.verb, frame.passive, set(act.aux)) and not (
        act.negated or frame.negated or frame.future or frame.modal or frame.conditional or frame.quoted)


def reports(clause: Clause) -> bool:
    """A report of speech, or an assertion whose content the speaker gives as fact ("announced that
    they had opened talks", "confirmed it had withdrawn the trains"): its content is reported."""
    return clause.reporting or (clause.verb in ASSERTING and clause.past)


def agents_of(clause: Clause, by_i: dict[int, Clause], keep: set[int], doc: Any = None) -> tuple[list[int], bool]:
    """The clause's own agents, else those it shares: a conjunct without a subject takes its
    head's, a pronoun subject in a reported clause stands for the speaker."""
    seen: set[int] = set()
    while clause.index not in seen:
        seen.add(clause.index)
        if clause.subject in _DOCUMENTS:
            return [], False  # "the readout did not say ... and it gave no ...": the text, not an actor
        parent = by_i.get(clause.head)
        if (
            parent is not None
            and reports(parent)
            and clause.dep in REPORTED
            and not clause.passive  # ("X said it had been fined by Y": the one acted on, not the doer)
            and (clause.subject in PRONOUNS or (not clause.agents and event_clauses.owned_by_pronoun(clause, doc)))
        ):
            # "Lindqvist said he backed ...", "X said it had ...": the pronoun is the speaker;
            # "the union said its members had voted ...": theirs acted for the speaker.
            speaker = [a for a in parent.agents if a in keep]
            if speaker:
                return speaker, True
        own = [a for a in clause.agents if a in keep]
        if own or parent is None or parent.index == clause.index:
            return own, False
        if clause.dep != "conj" or clause.subject not in PRONOUNS | {""}:
            return [], False
        clause = parent  # "X said ... and it asked ...", "opened ... and appealed ...": the same subject
    return [], False
