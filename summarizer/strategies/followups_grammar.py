"""The grammar of looking ahead, for follow-ups: which clause of a spaCy parse speaks of
what will, must or may happen (`ahead`), what it waits for (`condition`), which
question it leaves open (`open_question`), who its
infinitive's doer is (`controller`, `subject_of`), who reports it (`reporting_clause`),
(the date phrase it owns is `followups_dates`'s). Rules over dependency
labels, tags and a few closed classes of English function words; no domain vocabulary.
`followups` turns these into items.
"""

from __future__ import annotations

from typing import Any

from .lexicon import (
    ASSERTING,
    CONDITION_MARKS,
    DENYING,
    FUTURE_MODALS,
    HYPOTHETICAL_MODALS,
    INTENT_VERBS,
    MAYBE_MODALS,
    NONE_WORDS,
    OBLIGE_MODALS,
    RECURRING,
    REPORTING,
    SEMI_MODAL_HEADS,
    WITHHOLDING,
)
from .words import word_tables

__all__ = [
    "ANAPHORS", "CONDITION", "DEADLINE_PREP", "TIME_MARKS", "absolute", "ahead", "any_subject", "auxiliaries",
    "condition", "controller", "has_to", "held_until", "lemma", "names_none", "negated", "open_question", "on_party",
    "reporting_clause", "rule_tables", "subject_of", "told_apart", "verb_above",
]  # fmt: skip

# Closed classes of English function words and semi-modals, no domain vocabulary.
_WILL = FUTURE_MODALS
_OBLIGE = OBLIGE_MODALS
_MAYBE = MAYBE_MODALS
(
    _PERCEIVE, _EXPECT_NOUN, _PLAN_NOUN, _DIRECT, DEADLINE_PREP, ANAPHORS, TIME_MARKS, _OPEN_WH,
    _SETTLE, _MEASURE, _EVIDENCE, _RATE_DETS, _AT_ONCE, _CAN,
) = word_tables(
    "followups_grammar",
    "_PERCEIVE _EXPECT_NOUN _PLAN_NOUN _DIRECT DEADLINE_PREP ANAPHORS TIME_MARKS _OPEN_WH _SETTLE _MEASURE"
    " _EVIDENCE _RATE_DETS _AT_ONCE _CAN"
)  # fmt: skip

# Verbs and predicative words whose infinitive (or "to" + gerund) is a plan, an
# expectation or a commitment: "plans to meet", "is expected to close", "is due to be heard".
# (The verbs of intent parse reads for `future`, and predicative words parse does not need.)
_INTENT = INTENT_VERBS | frozenset("commit determine ready likely poised bound about going".split())


# Marks of a condition a follow-up waits for: the condition marks parse reads, and "once"
# ("once the court rules"), a time that is a condition too (parse's `conditional` leaves it out).
CONDITION = CONDITION_MARKS | frozenset({"once"})


def lemma(tok: Any) -> str:
    """The lemma, with the small tagger's odd ones mended ("hoped" -> "hop")."""
    low = tok.lower_
    for suffix in ("d", "ed", "s", "es"):
        if tok.tag_ in ("VBD", "VBN", "VBZ") and low.endswith(suffix) and low[: -len(suffix)] in _INTENT:
            return str(low[: -len(suffix)])
    return str(tok.lemma_).lower()


def auxiliaries(verb: Any) -> list[Any]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


def negated(verb: Any) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _perfect_modal(verb: Any) -> bool:
    """A perfect modal ("would have evacuated", "could have been expected"): a past that did not happen."""
    words = [a.lower_ for a in auxiliaries(verb)]
    return "have" in words and any(w in _WILL | _OBLIGE | _MAYBE | HYPOTHETICAL_MODALS for w in words)


def _reported(verb: Any) -> bool:
    """Under a verb of saying, promising or expecting ("said it would"), or with "X said" beside it."""
    tok = verb
    while tok.head.i != tok.i:  # (any way up: the parser may hang "and that X would" on a relative clause)
        tok = tok.head
        if lemma(tok) in REPORTING | _INTENT | ASSERTING:
            return True
    return any(c.dep_ == "parataxis" and lemma(c) in REPORTING for c in tok.children) or any(
        c.dep_ == "ccomp" and c.i == verb.i for c in tok.head.children if lemma(tok.head) in REPORTING
    )


def _told_done(verb: Any) -> bool:
    """A past or perfect verb ("ordered", "has asked"), not one looking ahead itself."""
    words = {a.lower_ for a in auxiliaries(verb)}
    return not words & (_WILL | _OBLIGE | _MAYBE) and (verb.tag_ == "VBD" or (verb.tag_ == "VBN" and bool(
        words & {"has", "have", "had"})))  # fmt: skip


def _termed(verb: Any, own: bool = False) -> bool:
    """A term set for an infinitive's act: a date in it ("to inspect within 30 days") or a
    deadline on the verb that gives it ("gave X until July 31 to pay"); with `own`, only a
    deadline of its own ("that X pay within 30 days", not "be phased in over three years")."""
    heads = [c for c in verb.head.children if c.dep_ == "prep" and c.lower_ in DEADLINE_PREP]
    if own:
        preps = [p for p in verb.subtree if p.dep_ == "prep" and p.lower_ in DEADLINE_PREP]
        own_preps = [p for p in preps if getattr(verb_above(p), "i", -1) == verb.i]
        return any(t.ent_type_ == "DATE" and not _rate(t) for p in own_preps for t in p.subtree)
    # (not a date of a relative or adverbial clause: "refund passengers whose flights it cancelled last
    # summer", "since the drought began three years ago")
    described = {d.i for r in verb.subtree if r.dep_ in ("relcl", "acl", "advcl") and r.i != verb.i for d in r.subtree}
    tokens = [t for t in verb.subtree if t.i not in described] + [t for h in heads for t in h.subtree]
    return any(t.ent_type_ == "DATE" and not _rate(t) for t in tokens)


def _at_once(verb: Any) -> bool:
    """An act asked for now: "immediately", "without delay"."""
    words = [c.lower_ for c in verb.children if c.dep_ == "advmod"]
    preps = [c for c in verb.children if c.dep_ == "prep"]
    words += [f"{c.lower_} {o.lower_}" for c in preps for o in c.children if o.dep_ == "pobj"]
    return any(w in _AT_ONCE for w in words)


def _rate(tok: Any) -> bool:
    """A date token of a rate ("twice a year", "every month"), not of a term ("within a year")."""
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return ent is not None and ent.root.dep_ == "npadvmod" and any(w.lower_ in _RATE_DETS | RECURRING for w in ent)


def _finite(verb: Any) -> Any:
    """The verb whose tense a bare participle shares ("signed a letter on Monday urging X to ...")."""
    tok = verb
    while tok.tag_ == "VBG" and not auxiliaries(tok) and tok.dep_ in ("advcl", "acl", "xcomp"):
        above = verb_above(tok)
        if above is None:
            break
        tok = above
    return tok


def _asked(verb: Any) -> bool:
    """An indirect question on a noun or a preposition ("questions about who would pay"): asked, not expected."""
    first = min(verb.subtree, key=lambda t: t.i)
    return first.lower_ in _OPEN_WH and first.i != verb.i and (verb.dep_ == "pcomp" or verb.head.pos_ == "NOUN")


def _describing(noun: Any) -> bool:
    """A noun in a relative clause that describes someone ("Vrana, whose plan to cut taxes she called a
    gift"), not one that announces ("the minister, who announced a plan to build")."""
    verb = verb_above(noun)
    return verb is not None and verb.dep_ == "relcl" and lemma(verb) not in REPORTING | ASSERTING | _INTENT


def absolute(verb: Any) -> bool:
    """An infinitive in an absolute clause with "with" ("..., with the result to be announced on October
    30", "with the western half to follow"), however the parser hangs it: what is to come."""
    if not has_to(verb):
        return False
    if verb.dep_ in ("relcl", "acl"):
        return bool(verb.head.dep_ == "pobj" and verb.head.head.lower_ == "with")
    if verb.dep_ == "pcomp":
        return bool(verb.head.lower_ == "with")
    return verb.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "with" for m in verb.children)


def held_until(verb: Any) -> Any | None:
    """The clause a denied modal act waits for: "will not leave until the permit is withdrawn", "cannot
    reopen until the directorate approves a plan" (the act comes once it is met: a condition)."""
    if not negated(verb) or not any(a.tag_ == "MD" for a in auxiliaries(verb)):
        return None
    return next((c for c in verb.children if c.dep_ == "advcl" and [m.lower_ for m in c.children
                 if m.dep_ == "mark"] == ["until"]), None)  # fmt: skip


def ahead(verb: Any, dated: bool) -> bool:
    """Does this clause look ahead by its own grammar?"""
    held = held_until(verb) is not None
    if (negated(verb) and not held) or _perfect_modal(verb) or lemma(verb) in _MEASURE:
        return False
    if any(c.dep_ == "mark" and c.lower_ == "whether" for c in verb.children):
        return False  # "lawmakers are asking whether the navy will get its ships by 2035": a question
    subject = subject_of(verb)
    if subject is not None and subject.lower_ == "what" and subject.tag_ == "WP":
        return False  # "here is what could come of it": what may happen, asked or described
    if subject is not None and subject.tag_ == "WP" and verb.dep_ == "ROOT" and _asks(verb):
        return False  # "Who will pay for the repairs?": a question asked, no one's step
    if subject is not None and subject.dep_ != "csubj" and names_none(subject) and not dated:
        # "nobody will be left behind": what will not happen (but "no one will be dismissed before
        # June" is a commitment with a term)
        return False
    report = reporting_clause(verb)
    if report is not None and negated(report):
        return False  # "did not say when they would meet": what the article does not know
    if any(lemma(a) in DENYING for a in verb.ancestors):
        return False  # "denied claims that rates would rise": what someone says will not happen
    if any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children) and has_to(verb):
        # "the need for Russia to de-escalate" (a noun's), not "was needed for aid to reach them" (a purpose)
        return verb.head.pos_ == "NOUN" and any(c.dep_.startswith("nsubj") for c in verb.children)
    words = {a.lower_ for a in auxiliaries(verb)}
    if "could" in words and lemma(verb) in _PERCEIVE:
        return False  # "residents could see smoke": what was possible, not what may come
    if words & _MAYBE and lemma(verb) in _EVIDENCE and not dated:
        return False  # "the samples could show how ...": what may be learnt
    if words & (_WILL | _OBLIGE | _MAYBE):
        # (in a relative clause only a will or a must, or a may that acts on a party: "the office, which could fine it")
        return verb.dep_ != "relcl" or bool(words & (_WILL | _OBLIGE)) or on_party(verb)
    if words & _CAN and (dated or held):
        return True  # "voters can register until April 30", "the plant cannot reopen until X approves"
    if "would" in words:
        # "said it would", "would ... if", or a date ahead; not "the company would run 140 warehouses";
        # in a relative clause only with a date ahead: "a draft law that would cut the fee from January 2031"
        if verb.dep_ == "relcl":
            return dated
        return not _asked(verb) and (_reported(verb) or condition(verb) is not None or dated)
    head = verb.head
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if verb.dep_ in ("xcomp", "ccomp", "advcl") and to and head.i != verb.i:
        if negated(head) or (not dated and any(a.lower_ == "had" for a in auxiliaries(head))):
            return False  # "had planned to hold it in October": a plan given up or done
        if not dated and head.lower_ == "had" and head.tag_ == "VBD" and reporting_clause(verb) is None:
            return False  # "residents had to be asked to leave": a need in the past, told as narrative
        owned = lemma(head) == "have" and any(c.dep_ == "dobj" for c in head.children)  # "had nothing left to do"
        if lemma(head) in _INTENT | SEMI_MODAL_HEADS and not owned:
            return True  # "plans to meet", "was to meet", "has to pay", "is expected to close"
        if any(c.dep_ == "acomp" and lemma(c) in _INTENT for c in head.children):
            return True  # "is likely to", "is due to"
        if controller(verb) is not None:
            # "urges Henry to build", "gave Aerlift until July 31 to pay"; a past order with no term
            # ("on Monday ordered the firm to refund") is told as done, its term told elsewhere
            # (or coordinated with one that has a term: "gave X until May 1 to pay and ordered it to publish")
            partner = [head.head, *head.head.children] if head.dep_ == "conj" else []
            sibling = [c for c in partner if c.dep_ in ("xcomp", "advcl") and has_to(c) and c.i != head.i]
            return dated or not _told_done(_finite(head)) or any(_termed(v) for v in [verb, *sibling])
    if absolute(verb):
        return True  # "with the result to be announced on October 30": what is to come
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ == "to" and lemma(head.head) in _INTENT:
        return True  # "is committed to building"
    that = any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)
    if verb.dep_ == "ccomp" and that and lemma(head) not in REPORTING and not to:
        # the mandative subjunctive: "demanded that the government be reinstated"
        if (verb.tag_ == "VB" and not words) or (verb.tag_ == "VBN" and [a.tag_ for a in auxiliaries(verb)] == ["VB"]):
            # only with a term ("pay within 30 days", "be reinstated without delay"); with none
            # ("demanded that the rights be respected") it is a stance, not a step expected
            return dated or _termed(verb, own=True) or _at_once(verb)
    if verb.dep_ == "acl" and to and lemma(head) in _PLAN_NOUN and not negated(head.head) and not names_none(head) \
            and not _describing(head):
        return True  # "stressed the need to hold elections", not "there is no plan to sell"
    if lemma(verb) in _EXPECT_NOUN and any(c.dep_ == "dobj" and not names_none(c) for c in verb.children) and not to:
        return verb.tag_ != "VBN" or bool(words)  # "expected annual savings", "pledged backing"
    if dated and (verb.tag_ in ("VBZ", "VBP") or words & {"is", "are", "am", "has", "have"}):
        return True  # "vote on April 24", "is forecast until Thursday"
    return False


def _asks(verb: Any) -> bool:
    """Whether the verb's sentence ends in a question mark (before any closing quotation mark)."""
    ends = [t for t in verb.sent if not t.is_quote and not t.is_space]
    return bool(ends) and ends[-1].text == "?"


def open_question(verb: Any) -> Any | None:
    """The verb that leaves this indirect question open, if one does: "have not determined
    whether the cracks mattered", "declined to say when", "have still not agreed on who should
    pay" (not "asked whether", "will decide whether": a question that will be settled)."""
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ not in ("ccomp", "pcomp", "xcomp"):
        return None
    first = min(verb.subtree, key=lambda t: t.i)
    if first.lower_ not in _OPEN_WH or first.i == verb.i:
        return None
    head = verb.head.head if verb.head.dep_ in ("prep", "prt") else verb.head
    if negated(head) and lemma(head) in _SETTLE:
        return head
    if head.dep_ == "xcomp" and lemma(head.head) in WITHHOLDING:
        return head.head
    return None


def on_party(verb: Any) -> bool:
    """A clause whose object is a party named or pointed to ("could fine it", "may sue Baltrans"), not a
    relative pronoun ("which Mexico City will host") or a thing."""
    return any(c.dep_ == "dobj" and c.tag_ in ("PRP", "NNP", "NNPS") for c in verb.children)


def names_none(tok: Any) -> bool:
    """ "nothing", "no plan": a noun phrase that names nothing."""
    return tok.lower_ in NONE_WORDS or any(c.dep_ == "det" and c.lower_ in NONE_WORDS for c in tok.children)


def condition(verb: Any) -> Any | None:
    """The verb of the clause's condition ("if Moscow escalates", "unless Carrow makes", "as soon as X decides")."""
    for tok in [verb, *[c for c in verb.children if c.dep_ == "advmod"]]:
        for child in tok.children:
            if child.dep_ != "advcl":
                continue
            marks = [m.lower_ for m in child.children if m.dep_ == "mark"]
            if any(m in CONDITION for m in marks) or (marks == ["as"] and tok.lower_ == "soon"):
                return child
            if tok.i == verb.i and getattr(held_until(verb), "i", -1) == child.i:
                return child  # "will not leave until the permit is withdrawn"
    return None


def controller(verb: Any) -> Any | None:
    """The object that controls an infinitive: "urged Henry to build", "called on the forces to free"."""
    head = verb.head
    if lemma(head) not in _DIRECT:
        return None
    for child in head.children:
        if child.dep_ in ("dobj", "dative") and child.i < verb.i:
            return child
        if child.dep_ == "prep" and child.lower_ == "on" and lemma(head) == "call" and child.i < verb.i:
            objs = [o for o in child.children if o.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def subject_of(verb: Any) -> Any | None:
    """The subject of the clause, up the chain of infinitives and conjuncts that share it."""
    tok = verb
    for _ in range(6):
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if subjects:
            # of two the parser hangs on one verb ("if the tribunal rules ..., Brenntal will have to"), the nearer
            before = [c for c in subjects if c.i < tok.i]
            return before[-1] if before else subjects[0]
        if tok.dep_ == "conj" and lemma(tok.head) in REPORTING:
            # "Washington has sent aid, she said, and will keep providing it": the fronted content's subject
            said = tok.head
            fronted = said.head if said.dep_ == "parataxis" else None
            fronted = fronted or next((c for c in said.children if c.dep_ == "ccomp" and c.i < said.i), None)
            if fronted is not None:
                return subject_of(fronted)
        if tok.dep_ not in ("xcomp", "conj", "advcl", "pcomp", "prep", "acomp") or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def reporting_clause(verb: Any) -> Any | None:
    """The verb whose content this clause is: "X said / warned / assured Y that ..."."""
    tok = verb
    while tok.head.i != tok.i:
        if tok.dep_ == "ccomp" or (tok.dep_ in ("xcomp", "conj") and lemma(tok.head) in REPORTING):
            return tok.head
        tok = tok.head
    return next((c for c in tok.children if c.dep_ == "parataxis" and lemma(c) in REPORTING), None)


def verb_above(tok: Any) -> Any | None:
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def has_to(verb: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def any_subject(verb: Any) -> bool:
    """A condition in a subject with "any": "any further aggression would draw a severe response"."""
    for tok in [verb, *[t for t in verb.subtree if t.dep_ in ("ccomp", "acl") and t.pos_ == "VERB"]]:
        subject = subject_of(tok)
        if subject is not None and any(c.lower_ == "any" and c.dep_ == "det" for c in subject.children):
            return True
    return False


def told_apart(one: Any, other: Any) -> bool:
    """Two clauses reported by two verbs ("expected revenue to be flat and warned that sales
    could fall"): two statements, two follow-ups."""
    a, b = reporting_clause(one), reporting_clause(other)
    return a is not None and b is not None and a.i != b.i


def rule_tables() -> list[object]:
    """The tables built in code, for the guided strategy's rules fingerprint (words.toml has
    the word tables; `followups_dates` the date patterns)."""
    tables = (_WILL, _OBLIGE, _MAYBE, _INTENT, CONDITION)
    return [sorted(t) for t in tables]
