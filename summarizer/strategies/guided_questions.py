"""The guided strategy's plan and its closed questions (no model call here).

A `Plan` holds what the parse found (actors kept, candidate event sentences) and the
closed questions to put to the model: per organisation its kind, per candidate sentence
its event type, per stance candidate its position. Each question lists lettered options
ending in "none of these", repeats the article first and asks last, so llama.cpp reuses
the article's evaluated tokens; `pick` reads the answer from every option's
log-probability, calibrated against the same question asked about no sentence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ..engines.base import Message
from ..inputs import Article, Sentence
from ..models import Origin
from ..prompts import render_messages
from .base import article_context
from .guided_events import Reading
from .parse_types import Analysis, Clause, SentenceInfo
from .stance_items import Item

__all__ = [
    "CALIBRATE",
    "EVENT_OPTIONS",
    "KIND_OPTIONS",
    "LABELS",
    "NONE",
    "POSITION_OPTIONS",
    "PRIOR_FLOOR",
    "Candidate",
    "Plan",
    "Question",
    "closed_questions",
    "messages",
    "pick",
]

LABELS = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
NONE = "none"
# (value, what the model is shown); the last option is always "none of these".
EVENT_OPTIONS: list[tuple[str, str]] = [
    ("STATEMENT", "STATEMENT: a statement or comment, nothing more"),
    ("CONSULT", "CONSULT: talks, a meeting, a call, a visit"),
    ("AGREE", "AGREE: an agreement, deal, approval or decision taken together"),
    ("SUPPORT", "SUPPORT: praise, thanks, endorsement, backing"),
    ("REQUEST", "REQUEST: a demand, appeal, call on someone to act"),
    ("COOPERATE", "COOPERATE: working together, joint action"),
    ("AID", "AID: money, supplies or help given"),
    ("CONCEDE", "CONCEDE: giving in, an apology, a concession"),
    ("RETREAT", "RETREAT: a withdrawal, release, lifting of a measure"),
    ("ACCUSE", "ACCUSE: an accusation, criticism, condemnation"),
    ("REJECT", "REJECT: a refusal, denial, veto, rejection"),
    ("THREATEN", "THREATEN: a threat or warning of consequences"),
    ("PROTEST", "PROTEST: a protest, strike or demonstration"),
    ("SANCTION", "SANCTION: sanctions, a ban, a fine, a penalty imposed"),
    ("MOBILIZE", "MOBILIZE: troops, police or forces deployed or built up"),
    ("COERCE", "COERCE: arrests, seizures, forced measures"),
    ("ASSAULT", "ASSAULT: an attack, killing, violence"),
    ("OTHER", "OTHER: another concrete action (a launch, a ruling, a result, a disaster)"),
    (NONE, "none of these: background or description, no one acts here"),
]
POSITION_OPTIONS: list[tuple[str, str]] = [
    ("support", "support: in favour of it, praising or backing it"),
    ("oppose", "oppose: against it, criticising or rejecting it"),
    ("concern", "concern: worried about it, warning about it"),
    ("mixed", "mixed: partly for, partly against"),
    (NONE, "none of these: no position is stated"),
]
KIND_OPTIONS: list[tuple[str, str]] = [
    ("government", "a government, ministry, agency, police or court"),
    ("organization", "a company, union, club, party or other organisation"),
    ("igo", "an international organisation of states (UN, NATO, EU ...)"),
    ("ngo", "a charity or non-governmental organisation"),
    ("armed_group", "an armed group or militia"),
    ("media", "a newspaper, broadcaster or news agency"),
    ("state", "a country"),
    (NONE, "none of these: a place, document, event, product or topic"),
]
# Subtract each question kind's content-free prior from its scores (see `pick`).
CALIBRATE = True
PRIOR_FLOOR = 30.0


@dataclass
class Question:
    """One closed question: its messages and the option value behind each label."""

    name: str  # "kind", "event", "position"
    item: int  # index of the actor or candidate it is about
    messages: list[Message]
    values: list[str]  # option values, in label order

    @property
    def labels(self) -> tuple[str, ...]:
        return LABELS[: len(self.values)]


@dataclass
class Candidate:
    """One sentence's event as the parse reads it (its stances are `Plan.stances`)."""

    sentence: SentenceInfo
    clause: Clause | None
    agents: list[int]
    recipients: list[int]
    rule_type: str
    agents_origin: Origin
    event: Reading | None = None  # the clause read as an event (`guided_events.readings`), if any


@dataclass
class Plan:
    """What `guided.plan` read in an article and the closed questions it will ask."""

    english: bool
    analysis: Analysis | None = None
    actors: list[int] = field(default_factory=list)  # indices into analysis.actors kept as actors
    candidates: list[Candidate] = field(default_factory=list)
    stances: list[Item] = field(default_factory=list)  # the stances the parse reads, in order
    questions: list[Question] = field(default_factory=list)
    fallback_messages: list[Message] = field(default_factory=list)
    fallback_candidates: list[Any] = field(default_factory=list)


def messages(
    article: Article, sentence: Sentence | None, question: str, options: list[tuple[str, str]]
) -> list[Message]:
    labelled = [(LABELS[i], text) for i, (_, text) in enumerate(options)]
    return render_messages(
        "closed_system.j2", "closed.j2", sentence=sentence, question=question, options=labelled,
        **article_context(article),
    )  # fmt: skip


def pick(logprobs: dict[str, float], question: Question, prior: dict[str, float] | None = None) -> str | None:
    """The option with the highest log-probability; None when the engine ranked none.

    With a `prior` (the same question asked about no sentence), each option's prior
    log-probability is subtracted first ("calibrate before use"): an option the model
    favours whatever the sentence, such as the first one listed, wins only when the
    sentence moves it.
    """
    scored = [(lp - (max(prior.get(label, 0.0), -PRIOR_FLOOR) if CALIBRATE and prior else 0.0),
               question.values[question.labels.index(label)])
              for label, lp in logprobs.items() if label in question.labels and math.isfinite(lp)]  # fmt: skip
    return max(scored)[1] if scored else None




def closed_questions(article: Article, plan_: Plan, ask: frozenset[str]) -> list[Question]:
    """The closed questions of the kinds in `ask` about the plan's actors and candidates.

    Grouped by kind, options before the sentence: consecutive questions share the article
    and the option list, so the engine evaluates only the sentence and the question anew.
    Each group opens with its content-free question (see `pick`). Only the kinds asked are
    rendered: the others would cost a prompt each and be thrown away.
    """
    assert plan_.analysis is not None
    names = plan_.analysis.actors
    by_number = {s.number: s for s in article.sentences}
    kinds = [i for i in plan_.actors if names[i].label in ("ORG", "INSTITUTION")]
    groups: list[tuple[str, list[tuple[str, str]], str, list[tuple[int, Sentence | None, str]]]] = [
        ("kind", KIND_OPTIONS, 'What kind of actor is "(no name)" in this article?',
         [(i, None, f'What kind of actor is "{names[i].name}" in this article?') for i in kinds]),
        ("event", EVENT_OPTIONS, "Which kind of event does this sentence report?",
         [(n, by_number[c.sentence.number],
           f"Which kind of event does this sentence report, with "
           f"{' and '.join(names[a].name for a in (c.event.agents if c.event else c.agents))} "
           "as the actor?") for n, c in enumerate(plan_.candidates)]),
        ("position", POSITION_OPTIONS, "What position does the actor take towards it?",
         [(n, by_number[item.sentence.number],
           f"What position does {names[item.reading.holder].name} take towards {item.reading.topic}?")
          for n, item in enumerate(plan_.stances)]),
    ]  # fmt: skip
    empty = Sentence(number=0, start=0, end=0, text="(no sentence)")
    out: list[Question] = []
    for name, options, prior_text, asked in groups:
        if name not in ask:
            continue
        values = [v for v, _ in options]
        if asked and CALIBRATE:
            out.append(Question(name, -1, messages(article, empty, prior_text, options), values))
        for item, sentence, text in asked:
            out.append(Question(name, item, messages(article, sentence, text, options), values))
    return out
