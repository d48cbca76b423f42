"""The date phrases of follow-ups: which forward-looking clause a date belongs to (`owner`),
how it is written with its preposition (`date_words`, `date_prep`), whether it says when
rather than how long or how often (`is_point`), and whether a month and day read ahead is
only a day just past rolled over (`rolled_over`). The clause grammar is `followups_grammar`.
"""

from __future__ import annotations

import re
from typing import Any

from ..datenames import MONTHS, WEEKDAYS
from ..dates import resolve_date
from .followups_grammar import CONDITION, TIME_MARKS, auxiliaries, has_to, lemma, negated, verb_above
from .followups_side import named
from .lexicon import FUTURE_MODALS, HYPOTHETICAL_MODALS, NOT_DUE_PREPS, RECURRING, UNTIL_PREPS
from .parse_actors import INSTITUTIONS
from .parse_people import person_noun
from .parse_types import Analysis, Clause
from .words import word_tables

__all__ = ["NEXT", "coarse_ahead", "date_prep", "date_words", "due_dates", "due_on", "fold_idle", "idle_condition",
           "is_point", "on_schedule", "owner", "reported_when", "rolled_over", "rule_tables"]  # fmt: skip

_MONTH_DAY = re.compile(r"\b(?:%s)\.?\s+\d{1,2}\b|\b\d{1,2}\s+(?:%s)\b" % (("|".join(MONTHS),) * 2), re.I)
# A day of a month written with an ordinal ("June 3rd", "the 3rd of June", "3rd June")
_ORDINAL_DAY = re.compile(
    r"\b(?:%s)\.?\s+\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:%s)\b"
    % (("|".join(MONTHS),) * 2),
    re.I,
)

_DAY_NAME = re.compile(r"\b(?:%s|%s)\b|\btoday\b|\btomorrow\b" % ("|".join(MONTHS), "|".join(WEEKDAYS)), re.I)
_WEEKDAY = re.compile(r"(?:%s)" % "|".join(WEEKDAYS), re.I)
NEXT = re.compile(r"(?:(?:early|late|later)\s+)?(?:next|coming|later this)\b", re.I)
(_COMMISSIONING, _SCHEDULING, _SCHEDULE_ADJ, _HYPOTHESIS, _ASKING, _IDLE_PRONOUNS) = word_tables(
    "followups_dates", "_COMMISSIONING _SCHEDULING _SCHEDULE_ADJ _HYPOTHESIS _ASKING _IDLE_PRONOUNS"
)


def owner(date: Any, anchors: set[int]) -> int | None:
    """The anchor a date belongs to: its own verb, or the verb above a time clause, an
    infinitive or a conjunct that shares the subject; never a verb across a relative or
    reported clause ("passengers whose flights it cancelled last summer")."""
    verb = date.root if date.root.pos_ in ("VERB", "AUX") else verb_above(date.root)
    head = date.root.head
    direct = verb is not None and (head.i == verb.i or (head.dep_ == "prep" and head.head.i == verb.i))
    while verb is not None:
        if verb.i in anchors:
            return int(verb.i)
        if direct and date_prep(date) in UNTIL_PREPS:
            # "has until June 18 to lodge an appeal", "gave Aerlift until July 31 to pay"
            inf = [c for c in verb.children if c.i in anchors and c.dep_ in ("xcomp", "advcl") and has_to(c)]
            if inf:
                return int(inf[0].i)
        marks = {m.lower_ for m in verb.children if m.dep_ == "mark"}
        own_subject = any(c.dep_.startswith("nsubj") for c in verb.children)
        past = verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries(verb))
        if (verb.dep_ == "advcl" and marks & (TIME_MARKS | CONDITION) and not past) or (
            verb.dep_ in ("xcomp", "advcl", "conj") and not own_subject and not marks
        ):
            verb, direct = verb_above(verb), False
            continue
        return None
    return None


def due_on(tok: Any) -> bool:
    """ "due" set beside a noun with a date of its own, the noun the object of a verb that brings the thing
    about ("has commissioned a survey, due by the end of January", "ordered a study, due in November") or
    heading a line with no verb ("First payments due in October 2030."), or set by "with" beside a will/would
    clause ("would be returned, with the first payments due in October"): a reduced "which is due then" (not
    "is due": the copula's clause). Not a thing dropped or put off ("has scrapped a review due in May"),
    paid or done ("repaid a loan due on Monday"), nor one whose result a relative clause reports
    ("commissioned a study, due in May, which found no damage")."""
    if not (tok.lower_ == "due" and tok.pos_ == "ADJ" and tok.dep_ in ("amod", "advcl") and any(
            c.dep_ in ("prep", "pcomp") and any(t.ent_type_ == "DATE" for t in c.subtree) for c in tok.children)):
        return False  # fmt: skip
    noun = tok.head if tok.dep_ == "amod" else next((c for c in tok.head.children if c.dep_ == "dobj"), None)
    if noun is None or any(c.dep_ == "relcl" for c in noun.children):
        return False
    if noun.dep_ == "ROOT":
        return True  # a line with no verb: "First payments due in October 2030."
    if noun.dep_ == "pobj" and noun.head.lower_ == "with":
        # "would be returned to households, with the first payments due in October 2030": a schedule of a
        # step ahead (not "paid the fee, with the last instalment due on Monday")
        verb = noun.head.head
        return bool({a.lower_ for a in auxiliaries(verb)} & (FUTURE_MODALS | HYPOTHETICAL_MODALS)) and not negated(verb)
    # (the verbs `dates` reads a "due" date forward after, so that the item's due date grounds)
    return noun.dep_ == "dobj" and lemma(noun.head) in _COMMISSIONING and not negated(noun.head)


def on_schedule(verb: Any, adj: Any) -> bool:
    """A predicative adjective of schedule ("the report is due in June", "is set for May"), which takes the
    clause's date; not a state at a time ("the plant is idle in August"), nor one denied ("is no longer
    due", "is not due")."""
    if adj.lemma_.lower() not in _SCHEDULE_ADJ and adj.lower_ not in _SCHEDULE_ADJ:
        return False
    return not any(c.dep_ == "neg" for t in (verb, adj, *verb.children) for c in t.children)


def due_dates(verb: Any, dates: list[Any]) -> list[Any]:
    """The dates of such a "due" ("due by the end of January", however the parser hangs "by")."""
    if not due_on(verb):
        return []
    return [d for d in dates if d.root.head.head.i == verb.i and is_point(d)]


def date_words(date: Any) -> str:
    """The date as written with its preposition: "by September 30", "next Tuesday"."""
    head = date.root.head
    if date.root.dep_ == "pobj" and head.dep_ in ("prep", "agent") and head.i < date.start:
        return str(head.doc[head.i : date.end].text)
    return str(date.text)


def date_prep(date: Any) -> str:
    head = date.root.head
    return str(head.lower_) if date.root.dep_ == "pobj" and head.dep_ in ("prep", "agent") else ""


def is_point(date: Any) -> bool:
    """A date that says when, not how long or how often ("for several months", "two-year", "every year")."""
    if date.root.dep_ in ("amod", "compound", "nummod") or date_prep(date) == "since":
        return False  # (nor "since Saturday": a time behind, whatever the weekday reads forward to)
    if date.label_ == "TIME" and not _DAY_NAME.search(date.text):
        return False  # "at 8 p.m.", but "on Wednesday morning"
    if date_prep(date) in NOT_DUE_PREPS and not (_MONTH_DAY.search(date.text) or NEXT.match(date.text)
                                                 or (date_prep(date) == "for" and _WEEKDAY.fullmatch(date.text)
                                                     and date.root.head.head.lower_ in _SCHEDULING)):
        # "for several months", but "scheduled for June 3 / next week / Tuesday", "a back-up date of March 3"
        # (a weekday only on a word of schedule: not "has asked for Tuesday off")
        return False
    return not any(t.lower_ in RECURRING for t in date)


def rolled_over(date: Any, day: str, published: str) -> bool:
    """A month and day just past, read as next year's only because a day ahead cannot be past
    ("add to sanctions announced on Sept. 22"): no sign by itself that the clause looks ahead."""
    back = resolve_date(date_words(date), published, future=False)
    return back is not None and back < published and back[4:] == day[4:]


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def coarse_ahead(date: Any, published: str) -> bool:
    """A date that names no day but lies ahead of publication as a whole: a later year ("in
    2031", "by 2030", "in the summer of 2028"), or a later month of the same year with no
    year written ("in September" in July); a day is read by `resolve_date`, a year is not."""
    if _MONTH_DAY.search(date.text):
        return False
    years = [int(y) for y in _YEAR.findall(date.text)]
    if years:
        return min(years) > int(published[:4])
    months = [MONTHS[t.text.capitalize()] for t in date if t.text.capitalize() in MONTHS and t.tag_ == "NNP"]
    return bool(months) and min(months) > int(published[5:7])


def rule_tables() -> list[object]:
    """The patterns above, for the guided strategy's rules fingerprint."""
    return [NEXT.pattern, _MONTH_DAY.pattern, _DAY_NAME.pattern, _YEAR.pattern, _WEEKDAY.pattern,
            _ORDINAL_DAY.pattern]  # fmt: skip


def reported_when(date: Any) -> bool:
    """A date between a past verb of saying and the subject of what was said ("said on Wednesday its
    members would block ..."): when it was said, though the parser may hang it on the reported verb;
    not after "that" ("said that from May 4 its members would strike") nor a date ahead ("said next
    week the bill would pass")."""
    verb = date.root.head.head if date.root.dep_ == "pobj" else date.root.head
    said = verb.head
    if verb.dep_ != "ccomp" or said.tag_ != "VBD" or not said.i < date.start or NEXT.search(date.text):
        return False
    if any(c.dep_ == "mark" and c.i < date.start for c in verb.children) or "tomorrow" in date.text.lower():
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and date.end <= subject.left_edge.i


def idle_condition(verb: Any, clauses: dict[int, Clause], analysis: Analysis, ids: dict[int, str]) -> bool:
    """A condition on what no actor does, by a month, season or year ("if no money has arrived by
    September, the team will", "if prices fall by November", "if the cemetery slips beyond 2035"): part
    of the step it conditions, not a term of its own, as a condition on a named party's act is ("if
    Carrow makes a new offer by September 28", "if the regulator's review is not finished by September",
    "...; if it has not ruled by August" after the regulator acts), a term set by "unless", a day set in
    the calendar ("if the blockade continues past September 12", "by the 3rd of June"), or an "if" that
    means "whether" ("will decide in June if the line can reopen by September")."""
    marks = {m.lower_ for m in verb.children if m.dep_ == "mark"}
    if verb.dep_ != "advcl" or not marks or not marks <= set(_HYPOTHESIS):
        return False
    if verb.head.i < verb.i and lemma(verb.head) in _ASKING:
        return False  # "will decide in June if the line can reopen": whether it can
    own = clauses.get(verb.i)
    if own is not None and any(a in ids for a in own.agents):
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    whose = [c for c in (subject.children if subject is not None else []) if c.dep_ == "poss" and c.tag_ != "PRP$"]
    if named([t for c in whose for t in c.subtree], analysis, ids) or any(
            person_noun(c) or c.lemma_.lower() in INSTITUTIONS for c in whose):  # fmt: skip
        return False  # "if the regulator's review is not finished": the regulator's act
    if subject is not None and subject.tag_ == "PRP" and subject.lower_ not in _IDLE_PRONOUNS:
        return False  # "if he has not signed by June"
    if subject is not None and subject.lower_ in _IDLE_PRONOUNS and any(
            a in ids for c in clauses.values() if 0 <= c.index < subject.i for a in c.agents):  # fmt: skip
        return False  # "The regulator must rule by July; if it has not ruled by August": the regulator's
    text = " ".join(t.text for t in verb.subtree)
    return not (_MONTH_DAY.search(text) or _ORDINAL_DAY.search(text) or _WEEKDAY.search(text))


def fold_idle(
    anchors: list[Any], dates: list[Any], clauses: dict[int, Clause], analysis: Analysis, ids: dict[int, str]
) -> tuple[list[Any], list[Any]]:
    """The forward-looking clauses and dates of a sentence with its idle conditions folded into the step
    they condition, and their dates left out: a step is not due by its condition's date ("if the tunnel
    has not reopened by the end of June, the regulator will fine the company": a fine after June at the
    earliest, on no day said)."""
    idle = [a for a in anchors if idle_condition(a, clauses, analysis, ids)]
    inside = {t.i for a in idle for t in a.subtree}
    return [a for a in anchors if a not in idle], [d for d in dates if d.root.i not in inside]
