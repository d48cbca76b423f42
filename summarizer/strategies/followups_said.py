"""Forward-looking clauses in reported speech that state a view, not what will happen.

"said the authority should attach conditions", "argued that companies should have full
access": advice to someone, with no date, is the speaker's position on what ought to be
(a stance), not a step the article expects. A clause with a date ("should publish its
assessment by the end of June") sets a term, and stays a follow-up. So is an undated effect
a speaker foresees of a thing ("said the savings would protect 40 jobs", "warned that a
longer strike would put routes at risk"): the verbs of effect the stances read as the
speaker's position (`stance_words.EFFECTS`, "put at risk"), not an act anyone will do.

Nor does a forward clause state an expectation (`no_expectation`) when it was reported in the past
perfect with no date ahead ("had warned in August that it would shut the furnace": said before the
news, and overtaken by it), feared or doubted ("feared that a merger would close branches"), kept
back ("declined to say whether the closures could be reversed"), a preference ("I would rather
...", "we would like to ..."), an ability ended ("could no longer pay"), what a thing is ("What
we cannot offer is to stand still", an undated "the alternative was to cut pensions"), or an
existential of none ("there will be no boats left"), or an undated possibility open to each or every
one ("each affected user could claim up to 300 euros", "networks of every size could fail"), or an
undated infinitive under a verb with no modal inside direct speech ("somebody has to pay for that milk",
"I want them to tell us why", "our job is to get the power back"): the speaker's wish or duty put in
words, not a step reported (a plan stays, "we expect to meet", and so does a modal on it or above it,
"we will have to explain it"), or hearsay inside direct speech ("They tell me I'll get a cheque back",
"We are told the numbers will be limited"), or a direct question ("What does Brussels have to decide?").
"""

from __future__ import annotations

from typing import Any

from .followups_grammar import auxiliaries, has_to, lemma, names_none, reporting_clause, subject_of
from .followups_side import Item, named
from .lexicon import FUTURE_MODALS, HYPOTHETICAL_MODALS, INTENT_VERBS, MAYBE_MODALS as _MAYBE, WITHHOLDING
from .parse_actors import INSTITUTIONS, MOVEMENT
from .parse_people import person_noun
from .parse_types import Analysis
from .stance_context import harm_idiom
from .stance_words import EFFECTS
from .words import word_tables

__all__ = ["INERT", "advice", "foreseen_effect", "no_expectation", "not_before"]

(
    _ADVISORY, _FEARING, _RATHER, _PREFER, _FIRST_PERSON, _DISTRIBUTIVE, _DESIRE, _INDEFINITE, _PROCEED, INERT,
    _PRESENT, _SPEAKING, _HABITUAL, _SPANS, _SETS_GOING, _PROCESSES, _PLAIN_NOT, _EVER, _OUTCOMES,
    _OUTCOME_THINGS,
) = word_tables(
    "followups_said", "_ADVISORY _FEARING _RATHER _PREFER _FIRST_PERSON _DISTRIBUTIVE _DESIRE _INDEFINITE _PROCEED"
    " INERT _PRESENT _SPEAKING _HABITUAL _SPANS _SETS_GOING _PROCESSES _PLAIN_NOT _EVER _OUTCOMES"
    " _OUTCOME_THINGS"
)


def no_expectation(verb: Any, dated: bool) -> bool:
    """Whether a clause that looks ahead by its grammar states no expectation (see the docstring)."""
    report = reporting_clause(verb)
    if report is not None and lemma(report) in _FEARING:
        return True
    if report is not None and not dated and any(a.lower_ == "had" and a.dep_ == "aux" for a in report.children):
        return True
    if any(lemma(a) in WITHHOLDING and any(c.dep_ == "xcomp" and verb in c.subtree for c in a.children)
           for a in verb.ancestors):  # fmt: skip
        return True  # (not "declined to comment but said it would assess the reform")
    words = {a.lower_ for a in auxiliaries(verb)}
    if "would" in words and any(c.dep_ == "advmod" and c.lower_ in _RATHER for c in verb.children):
        return True  # "I would rather disappoint 20,000 fans"
    head = verb.head if verb.dep_ == "xcomp" else verb
    subject = subject_of(head)
    if lemma(head) in _PREFER and "would" in {a.lower_ for a in auxiliaries(head)} and subject is not None:
        return subject.lower_ in _FIRST_PERSON  # "I would like to be buried from it": a wish
    if words & {"could", "can"} and any(c.dep_ == "advmod" and c.lower_ == "longer" for c in verb.children):
        return True  # "she could no longer promise viewers": an ability ended, nothing ahead
    head = verb.head
    if verb.dep_ == "xcomp" and has_to(verb) and lemma(head) == "be" and head.i != verb.i:
        # "What we cannot offer is to stand still", "the alternative was to cut pensions": what a thing
        # is, not the semi-modal "is to" of a plan ("the minister is to visit Oslo on Monday")
        if any(c.dep_ == "csubj" for c in head.children) or (head.tag_ == "VBD" and not dated):
            return True
    subject = subject_of(verb)
    if words & _MAYBE and not dated and subject is not None and any(
            t.lower_ in _DISTRIBUTIVE and t.dep_ == "det" for t in subject.subtree):  # fmt: skip
        return True  # "each affected user could claim up to 300 euros": what anyone may do, no one's step
    if not dated and (_quoted_wish(verb) or _hearsay(verb) or _asked_outright(verb)):
        return True
    there = any(c.dep_ == "expl" for c in verb.children)
    return there and any(c.dep_ == "attr" and names_none(c) for c in verb.children)


def _asked_outright(verb: Any) -> bool:
    """A direct question, its auxiliary before its subject and a question mark at the end ("What does
    Brussels have to decide?", "should the road be moved, or should the site be excavated?"): asked, not
    expected (not "the council will decide, she said?": no inversion)."""
    ends = [t for t in verb.sent if not t.is_quote and not t.is_space]
    if not ends or ends[-1].text != "?" or any(t.lower_ == "why" for t in ends):
        return False  # (but "Why will the council close the school?" takes the closing as given)
    head = verb
    while head.dep_ == "xcomp" and not any(c.dep_.startswith("nsubj") for c in head.children):
        head = head.head
    subjects = [c.i for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and any(a.i < subjects[0] for a in auxiliaries(head))


def _hearsay(verb: Any) -> bool:
    """A complement inside direct speech of what unnamed others say or want ("They tell me I'll get a
    cheque back", "We are told the numbers will be limited", "They want to know they'll be paid"): the
    speaker's account of hearsay, no one's step."""
    if verb.dep_ != "ccomp" or not quoted(verb):
        return False
    head = verb.head
    while head.dep_ == "xcomp" and head.head.i != head.i:
        head = head.head
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any((s.dep_ == "nsubj" and s.lower_ == "they") or (s.dep_ == "nsubjpass" and s.lower_ in _FIRST_PERSON)
               for s in subjects)  # fmt: skip


def _quoted_wish(verb: Any) -> bool:
    """An infinitive under a verb with no modal ("has to pay", "want them to tell", "asks owners to
    come in"; not "is ready to", an adjective's) whose words are inside quotation marks."""
    head = verb.head
    if not has_to(verb) or head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
        return False
    if lemma(head) in INTENT_VERBS and lemma(head) not in _DESIRE:
        return False  # "we expect Russia to give a response", "we plan to meet": a plan, quoted or not
    if any(t.tag_ == "MD" for v in (verb, *verb.ancestors) for t in (v, *auxiliaries(v))):
        return False  # (nor under one: "if we have to explain it to every voter, we will")
    return quoted(verb)


def quoted(tok: Any) -> bool:
    """Inside direct speech: an odd number of quotation marks before it in its sentence, or none before
    and an odd number in all (the last sentence of a quotation that opened in an earlier one)."""
    marks = [t.i for t in tok.sent if t.is_quote and t.tag_ != "POS" and t.dep_ != "case"]  # not "consumers' bills"
    before = sum(1 for i in marks if i < tok.i)
    return before % 2 == 1 or (before == 0 and len(marks) % 2 == 1)


def advice(item: Item) -> bool:
    """Whether the item is undated advice in reported speech: its only modal is one of advice."""
    words = {a.lower_ for a in auxiliaries(item.verb)}
    return item.date is None and bool(words) and words <= _ADVISORY and reporting_clause(item.verb) is not None



def foreseen_effect(item: Item, analysis: Analysis, ids: dict[int, str], lead: bool = False) -> bool:
    """Whether the item is an undated, reported effect of a thing that is no actor ("the plan would
    put jobs at risk"); a pronoun only when no actor was found for it. Or what an indefinite thing or
    person would do ("a shutdown would punish thousands of drivers", "a family will get back more than
    it pays"): a case put, with no one's step in it (not in the lead, where a news story introduces its
    doers so: "an international team of scientists will try to recover ice")."""
    verb = item.verb
    subject = subject_of(verb)
    case = subject is not None and subject.dep_ == "nsubj" and any(
        c.dep_ == "det" and c.lower_ in _INDEFINITE for c in subject.children)
    if case and subject is not None and not lead and item.date is None and not item.conditional and any(
            a.tag_ == "MD" for a in auxiliaries(verb)) and not named(list(subject.subtree), analysis, ids):  # fmt: skip
        return True
    if item.date is not None or reporting_clause(verb) is None or subject is None:
        return False
    if _thing_acts_on(item, subject, analysis, ids) or _risk_of(item, subject, analysis, ids):
        return True
    # ("the deal would save", not "the state would cover the cost", "a buyer would be required to", nor what
    # it obliges: "the law would require landlords to register")
    # (a thing by its noun: not a pronoun, a body or a place: "the city would cover the shortfall")
    outcome = verb.lemma_.lower() in _OUTCOMES and subject.dep_ == "nsubj" and subject.pos_ == "NOUN" \
        and subject.lemma_.lower() in INERT | _OUTCOME_THINGS and not subject.ent_type_ \
        and not any(c.dep_ == "xcomp" for c in verb.children)
    if not (verb.lemma_.lower() in EFFECTS or outcome or harm_idiom(verb)):
        return False
    if subject.pos_ == "PRON" and item.actors:
        return False
    return not named(list(subject.subtree), analysis, ids)


def _risk_of(item: Item, subject: Any, analysis: Analysis, ids: dict[int, str]) -> bool:
    """A reported, undated possibility of a thing ("warned that the register could breach data protection
    law", "warned that shelf prices could rise by a fifth"): a risk the speaker sees, no one's step. A
    common noun subject of an active verb with "could", "might" or "may", no person or group, no actor
    named in it; not on a condition ("could fail if ..."), not what a body may do ("the council could
    raise the fee")."""
    if item.conditional or subject.dep_ != "nsubj" or subject.pos_ != "NOUN":
        return False
    if not {a.lower_ for a in auxiliaries(item.verb)} & _MAYBE:
        return False
    if person_noun(subject) or subject.lemma_.lower() in INSTITUTIONS or subject.ent_type_:
        return False  # (people and bodies may act: "said the workers might strike", "the council could")
    return not named(list(subject.subtree), analysis, ids)


def _thing_acts_on(item: Item, subject: Any, analysis: Analysis, ids: dict[int, str]) -> bool:
    """A reported, undated effect a measure will have ("said the cuts would save 48 million euros", "the
    order would punish owners"): "the" + a noun of a measure, decision or sum that names no actor, an
    active modal verb with a direct object, and a doer that is only the speaker the rules fell back on.
    Not a doer ("the city would pay the costs"), nor the thing's own course ("the law would take effect",
    "the ship would leave"), nor what it obliges ("the law would require firms to report")."""
    verb = item.verb
    if item.origin != "rule" or item.conditional or subject.dep_ != "nsubj" or subject.pos_ != "NOUN":
        return False
    if not any(a.tag_ == "MD" for a in auxiliaries(verb)) or verb.lemma_.lower() in _PROCEED | MOVEMENT:
        return False  # (nor a move: "said the ship would leave Harwick")
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN", "NUM", "PRON")]
    if not objects or verb.lemma_.lower() in _SETS_GOING or any(o.lemma_.lower() in _PROCESSES for o in objects):
        return False  # (nor a process it sets going: "the reform would require a vote", "would reopen the case")
    if any(t.ent_type_ == "DATE" for t in verb.subtree):
        return False  # "... while the commission ends its review, which is due by March": a term inside
    the = any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children)
    if not the or subject.lemma_.lower() not in INERT:
        return False  # (not "the city would pay the costs", "members would drive their flocks": doers)
    if any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
        return False
    return not named(list(subject.subtree), analysis, ids)


def not_before(verb: Any) -> bool:
    """A negated expectation with "before" + a date on the verb ("parts will not arrive before June 20", "is
    not expected before early next year", "said it would not sign before May"): a step at the earliest then.
    Only "not" ("would never pay before June", "will not reopen before June, if ever": maybe not at all); a
    "would" only reported (a habit, "in those years the ferry would not sail before May"); not a refusal to
    speak ("would not comment before Monday"), a custom ("traditionally"), a perfect or a past."""
    if not any(c.dep_ == "neg" and c.lower_ in _PLAIN_NOT for c in verb.children) or not any(
            c.dep_ == "prep" and c.lower_ == "before" and any(t.ent_type_ == "DATE" for t in c.subtree)
            for c in verb.children):  # fmt: skip
        return False
    words = {a.lower_ for a in auxiliaries(verb)}
    if "have" in words or lemma(verb) in _SPEAKING or verb.lemma_.lower() in _SPEAKING:
        return False  # "would not have signed it before May": a past that did not happen
    sent = list(verb.sent)
    if any(t.lower_ in _EVER or t.lower_ in _HABITUAL for t in sent):
        return False
    if any(t.lower_ == "used" and t.nbor(1).lower_ == "to" for t in sent[:-1]) or any(
            t.lower_ == "those" and t.head.lemma_.lower() in _SPANS for t in sent):  # fmt: skip
        return False  # "used to", "in those years": a past custom
    if "would" in words and reporting_clause(verb) is None:
        return False
    return bool(words & (FUTURE_MODALS | HYPOTHETICAL_MODALS)) or (lemma(verb) == "expect" and bool(words & _PRESENT))
