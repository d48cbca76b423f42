"""Follow-ups: what an article says will, must or may happen next, one per forward-looking clause.

Reads the clauses of the parse (`parse.analyse`) again with their spaCy tokens (the
grammar is `followups_grammar`; this module makes the items): a clause
looks ahead by its morphology and auxiliaries (will, shall, must, should, may, might,
could; "would" reported or under a condition; has to, is to, is due to, is expected
to, plans to, agreed to + infinitive; a thing "due" on a date ahead, "a survey, due by January"; a
mandative with a term "demanded that X pay within 30 days"; a present tense with a date after
publication), never by the words of the sentence around it, so
"the chief executive, who will step down" is a follow-up and "the company would run 140
warehouses" is not. A negated or perfect modal clause ("would not attend", "would have
evacuated") states no expectation, nor does a magnitude ("will cost 62 million"), what a thing
may show ("could show how"), a question asked ("questions about who would pay"), a plan in a
relative clause that describes someone, or a clause inside a reason ("although the law requires").

Who is expected to act is `followups_actors`'s. The actors the clause acts on ("will receive Vrana") take part too.
A step with no doer after the merge, not reported, whose subject is a thing acted on by no one named ("the zone
could be extended") or a thing that runs its course ("the licence starts on March 1") is the lead's doer's
(`followups_doer`) when the doer acts on that thing before ("has set up a control zone", "awarded the licence").
Its due date is the clause's own date, read forward from publication; a clause
inside another forward clause is part of it (not a coordinated clause with its own
subject), a second date ahead in one clause ("on Friday, with a back-up date of March 3")
is a second follow-up. Approvals a plan waits for and questions left open ("has not
decided whether to appeal") are `followups_side`'s.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..dates import read_item_date, resolve_date
from ..inputs import Article
from ..models import Evidence, FollowUp
from . import followups_dates, followups_grammar
from .followups_actors import actors as _actors
from .followups_dates import (
    NEXT,
    coarse_ahead,
    date_prep,
    date_words,
    due_dates,
    due_on,
    fold_idle,
    is_point,
    on_schedule,
    owner,
    reported_when,
    rolled_over,
)
from .followups_doer import lead_acts_on, lead_doers, runs_its_course, undone
from .followups_grammar import (
    CONDITION,
    DEADLINE_PREP,
    TIME_MARKS,
    absolute,
    ahead,
    any_subject,
    auxiliaries,
    condition,
    controller,
    has_to,
    negated,
    on_party,
    subject_of,
    told_apart,
)  # fmt: skip
from .followups_pending import pending
from .followups_said import advice, foreseen_effect, no_expectation, not_before
from .followups_side import Item, approvals, named as _named, open_questions
from .lexicon import (
    DATE_SPAN_LINKS,
    PURPOSE_MARKS,
)
from .parse_form import quote_left_open
from .parse_pipeline import pipeline
from .parse_types import Analysis, SentenceInfo
from .words import word_tables

__all__ = ["follow_ups", "rule_tables"]


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()[:60]


def _nearer_ahead(date: Any, day: str, published: str) -> bool:
    """Nearer ahead than behind: "expires on January 31" in September (not "announced on Sept. 22" in October)."""
    back, when = resolve_date(date_words(date), published, future=False), dt.date.fromisoformat
    return back is None or when(published) - when(back) > when(day) - when(published)


def _day(words: str, published: str | None) -> str | None:
    return resolve_date(words, published, future=True)


def follow_ups(article: Article, analysis: Analysis, ids: dict[int, str]) -> list[FollowUp]:
    """A follow-up per forward-looking clause (and per further date ahead in it)."""
    published = article.published
    nlp = pipeline()
    out: list[FollowUp] = []
    seen: set[str] = set()
    last_agents: list[int] = []
    before: SentenceInfo | None = None
    # Who speaks in a quotation that runs over sentences: the source of the sentence that opened it,
    # or of one just before ('"..." Priestley said. "But ... / If our equipment was involved, we will ...').
    quote_open, voice = False, None
    cited: tuple[int | None, int] = (None, -9)
    for info in analysis.sentences:
        key = _key(info.text)
        if key in seen:
            continue
        seen.add(key)
        doc = info.doc if info.doc is not None else nlp(info.text)
        left_open, within = quote_left_open(doc), quote_open  # (within: it begins inside the quotation)
        quote_open = quote_open if left_open is None else left_open
        if info.source is not None:
            cited = (info.source, info.number)
        if not within:
            voice = info.source if info.source is not None else cited[0] if info.number - cited[1] <= 2 else None
        quote_voice = voice if within or (left_open and info.source is None) else None
        # A copula heading a clause of its own counts too ("expected revenue to be flat").
        verbs = [t for t in doc if t.pos_ == "VERB" or (t.pos_ == "AUX" and t.dep_ in _COPULA_CLAUSES) or due_on(t)]
        # Each clause by its verb's position (not by order: one clause more or fewer would shift them all).
        clauses = {c.index: c for c in info.clauses if c.index >= 0}
        dates = _dates(doc)
        anchors = _anchors(verbs, dates, published, info is analysis.sentences[0])
        anchors, dates = fold_idle(anchors, dates, clauses, analysis, ids)  # "if no money has come by May"
        at = {a.i for a in anchors}
        # A clause inside another forward-looking clause is part of it ("will publish results on
        # April 30, when she said she would give more detail"), unless it is a dated condition.
        top = {a.i: _top(a, at) for a in anchors}
        items: list[Item] = []
        for verb in anchors:
            if top[verb.i] != verb.i:
                continue
            members = [a for a in anchors if top[a.i] == verb.i]
            own = [d for d in dates if top.get(owner(d, at) or -1) == verb.i and is_point(d)]
            own = own or due_dates(verb, dates)
            # (not a due date: "will not open before 2033" sets the earliest, not a term)
            if not_before(verb):
                own = [d for d in own if d.root.head.head.i != verb.i]
            actors, origin = _actors(verb, clauses, info, analysis, ids, last_agents, before, quote_voice)
            if verb.i in clauses and actors:
                # and whom the clause acts on ("will receive Vrana on Monday") takes part; alone it is
                # no doer ("plan to hand it to the council": not the council's plan)
                actors = actors + [r for r in clauses[verb.i].recipients if r in ids and r not in actors]
            controlled = verb.dep_ in ("xcomp", "advcl") and controller(verb) is not None
            cond = any(condition(m) is not None for m in members) or any_subject(verb)
            days = [d for d in own if (_day(date_words(d), published) or "") >= (published or "~")]
            chosen = days or own[:1]
            if not chosen:
                items.append(Item(verb, actors, origin, cond, None, controlled))
            for n, d in enumerate(chosen):
                if n and date_prep(d) in DATE_SPAN_LINKS:
                    continue  # "from Oct. 31 to Nov. 12" is one span of time
                # A further date on a noun is that event's ("a session of the OSCE on Thursday").
                noun = d.root.head.head if d.root.dep_ == "pobj" else d.root.head
                inside = (
                    [t for t in noun.subtree if not d.start <= t.i < d.end] if noun.pos_ in ("NOUN", "PROPN") else []
                )
                who = (_named(inside, analysis, ids) if n else []) or actors
                items.append(Item(verb, who, origin, cond and not (n and condition(verb) is None), d, controlled))
        items += approvals(anchors, analysis, ids, items)
        # A question left open is one item for who must settle it, not a plan of its own clause.
        opened = open_questions(doc, clauses, analysis, ids)
        asked = {t.i for o in opened for t in o.verb.subtree}
        items = [i for i in items if i.verb.i not in asked] + opened
        # "said X should ...", "said the plan would put jobs at risk": a view, not a step ahead
        lead = info is analysis.sentences[0]
        merged = _merge([i for i in items if not advice(i) and not foreseen_effect(i, analysis, ids, lead)])
        for item in merged:
            if not item.actors and info.source is None and (undone(item.verb) or runs_its_course(item.verb, analysis)) \
                    and lead_acts_on(item.verb, analysis, ids, info):  # (a thing the lead's doer acts on)
                # "the zone could be extended", after "the department ordered vaccine": the lead's doer acts
                item.actors, item.origin = lead_doers(analysis, ids), "rule"
            date = item.date
            words = date_words(date) if date is not None else None
            deadline = date is not None and date_prep(date) in DEADLINE_PREP
            kind = ("open_question" if item.open else "conditional" if item.conditional else "deadline" if deadline
                    else "scheduled" if words else "expected_action")  # fmt: skip
            evidence = [Evidence(sentence=info.number, quote=info.text)]
            description = info.text if len(merged) == 1 else _clause_text(item.verb)
            if words and any(f.description == description for f in out):
                description = f"{description} ({words})"  # the second date of one plan
            out.append(FollowUp(
                description=description, kind=kind,  # type: ignore[arg-type]
                actors=[ids[a] for a in item.actors if a in ids], due=_due(words, evidence, article),
                due_text=words, basis="explicit", evidence=evidence,
                origin={"description": "rule", "kind": "rule", "actors": item.origin, "due": "parse",
                        "due_text": "parse", "basis": "rule", "evidence": "parse"},
            ))  # fmt: skip
        agents = [a for c in info.clauses if c.main and not c.agents_by_rule for a in c.agents if a in ids]
        if agents:
            last_agents = agents
        before = info
    return out


(_COPULA_CLAUSES,) = word_tables("followups", "_COPULA_CLAUSES")


def _dates(doc: Any) -> list[Any]:
    """Date and time phrases, one span for "Thursday" + "morning" that the tagger splits."""
    out: list[Any] = []
    for ent in (e for e in doc.ents if e.label_ in ("DATE", "TIME") and not reported_when(e)):
        if out and out[-1].end == ent.start:
            out[-1] = doc[out[-1].start : ent.end]
        else:
            out.append(ent)
    return out


def _top(verb: Any, anchors: set[int]) -> int:
    """The outermost forward-looking clause this one sits in (itself if none)."""
    top = verb.i
    if verb.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION for m in verb.children):
        return int(top)  # a condition with a date of its own: a deadline for its subject
    tok = verb
    while tok.head.i != tok.i:
        if tok.dep_ == "relcl" and tok.i == verb.i and on_party(tok):
            break  # "has until May 1 to report to the office, which could fine it": the office's own step
        if tok.dep_ == "conj" and (tok.i in anchors or any(c.dep_.startswith("nsubj") for c in tok.children)):
            # "would keep urging ... and would leave no doubt", "a hearing will be held on May 2, and
            # the office expects to publish": two follow-ups side by side
            break
        tok = tok.head
        if tok.i in anchors:
            top = tok.i
    return int(top)


def _due(words: str | None, evidence: list[Evidence], article: Article) -> str | None:
    """The forward reading of the date words, when grounding's reading of the sentence allows it."""
    if not words:
        return None
    day = resolve_date(words, article.published, future=True)
    if day is None:
        return None
    reading = read_item_date(words, evidence, article, future=True)
    return day if reading.date is None or day in reading.accepted else None


def _anchors(verbs: list[Any], dates: list[Any], published: str | None, lead: bool) -> list[Any]:
    out = []
    for verb in verbs:
        marks = {m.lower_ for m in verb.children if m.dep_ == "mark"}
        if verb.dep_ == "advcl" and marks and not marks & (CONDITION | PURPOSE_MARKS) and not absolute(verb):
            continue  # "after the systems are checked on Thursday": the time of its head clause
        if _backdrop(verb):
            continue  # "although the law requires firms to report within a day": a reason, no plan
        own_ahead = called = False
        finite = not has_to(verb)
        for d in dates:
            head = d.root.head
            direct = head.i == verb.i or (head.dep_ in ("prep", "agent") and head.head.i == verb.i)
            # or on its predicative adjective: "the report is due in June"
            direct = direct or (head.dep_ == "prep" and head.head.dep_ == "acomp" and head.head.head.i == verb.i
                                and on_schedule(verb, head.head))
            # "summoned both sides to talks on Monday", "invited the council to talks next Monday": an
            # event the verb calls someone to, with a date ahead of its own
            noun = head.head if d.root.dep_ == "pobj" and head.dep_ == "prep" else head
            to = noun.head if noun.dep_ == "pobj" and noun.pos_ == "NOUN" else None
            to_event = to is not None and to.lower_ == "to" and to.head.i == verb.i and not negated(verb)
            # (not a bare weekday after a past verb: "summoned them to talks on Monday" may be the last one)
            to_event = to_event and bool(NEXT.match(d.text) or any(t.like_num for t in d))
            day = _day(date_words(d), published) if (direct or to_event) and is_point(d) else None
            if day is not None and published is not None and day > published and (
                    not rolled_over(d, day, published) or _nearer_ahead(d, day, published)):
                own_ahead, called = own_ahead or direct, called or to_event
            if direct and finite and published is not None and is_point(d) and coarse_ahead(d, published):
                # "whose term ends in September", "would move by 2030": a month or year ahead (not an
                # infinitive's: "had hoped to reopen it in August 2029" is a plan given up)
                own_ahead = True
            if (direct or to_event) and NEXT.match(d.text):
                # "next season", "later this month": ahead with no day to resolve
                own_ahead, called = own_ahead or direct, called or to_event
        if due_on(verb):
            # "has commissioned a study, due in November": the study's term
            if published is not None and any(_due_ahead(d, published) for d in due_dates(verb, dates)):
                out.append(verb)
            continue
        if verb.dep_ == "advcl" and marks & CONDITION:
            if own_ahead:  # "unless Carrow makes a new offer by September 28": a deadline of its own
                out.append(verb)
            continue
        if (ahead(verb, own_ahead) and not no_expectation(verb, own_ahead)) or pending(verb, own_ahead, lead) or called:
            out.append(verb)
        elif own_ahead and not_before(verb) and not no_expectation(verb, own_ahead):
            out.append(verb)  # "parts would not arrive before June 20": they arrive then at the earliest
    return out


def _due_ahead(date: Any, published: str) -> bool:
    """A date ahead, and nearer ahead than behind ("a loan due in March" in April is March past); not a
    bare year ("a bond, due in 2031": a term of the thing, as a contract's)."""
    day = _day(date_words(date), published)
    if day is not None and day > published:
        return not rolled_over(date, day, published) or _nearer_ahead(date, day, published)
    return coarse_ahead(date, published) and not date.text.strip().isdigit()


def _backdrop(verb: Any) -> bool:
    """Inside an adverbial clause of reason or concession ("although the law requires ...", "because
    ..."): the nearest such clause above has a mark that is no condition, purpose or time; or inside
    a past time clause ("cancelled a week before it was due to open"): the time of a past event."""
    for tok in verb.ancestors:
        if tok.dep_ == "advcl":
            marks = {m.lower_ for m in tok.children if m.dep_ == "mark"}
            past = tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in tok.children if a.dep_ in ("aux", "auxpass"))
            if marks & TIME_MARKS and not marks & CONDITION and past:
                return True
            return bool(marks) and not marks & (CONDITION | PURPOSE_MARKS | TIME_MARKS)
    return False


def _merge(items: list[Item]) -> list[Item]:
    """One follow-up per distinct (actors, date, condition): "agreed to keep in contact and told
    their deputies to report back" is one; so are two undated verbs coordinated on one subject whose
    doers overlap ("said it would appeal and would ask for the ruling to be suspended"), or one on a
    condition set against the other by "but"."""
    out: list[Item] = []
    for item in items:
        same = next((k for k, o in enumerate(out) if (o.actors == item.actors or _one_subject(o, item))
                     and (o.conditional == item.conditional or _one_subject(o, item) and _contrasted(o, item))
                     and o.open == item.open
                     and not (o.controlled and item.controlled) and not told_apart(o.verb, item.verb)
                     and not _own_modals(o, item)
                     and (o.date is None or item.date is None or o.date.text == item.date.text)), None)  # fmt: skip
        if same is None:
            out.append(item)
            continue
        if item.conditional and not out[same].conditional:
            # "would facilitate protest but would act if roads were obstructed": one step, on a condition
            out[same].verb, out[same].conditional = item.verb, True
        if out[same].date is None and item.date is not None:
            out[same] = item
        elif out[same].actors != item.actors:
            out[same].actors = out[same].actors + [a for a in item.actors if a not in out[same].actors]
    return out


def _contrasted(one: Item, other: Item) -> bool:
    """Whether two conjoined steps are set against each other by "but" ("would facilitate protest but
    would act if ..."): one step on a condition; not "would appeal and would close the depot if it
    lost", two steps."""
    first = min(one.verb, other.verb, key=lambda t: t.i)
    return any(c.dep_ == "cc" and c.lower_ == "but" for c in first.children)


def _own_modals(one: Item, other: Item) -> bool:
    """Two conjoined verbs of one subject with a modal each, one dated and one not ("would call a
    strike on July 5 and would collect signatures"): two steps, not one step and its date."""
    if (one.date is None) == (other.date is None) or not _subjectless_conjunct(one, other):
        return False  # (a clause of its own subject is told apart by the merge's other tests)
    return all(any(t.tag_ == "MD" for t in auxiliaries(v)) for v in (one.verb, other.verb))


def _one_subject(one: Item, other: Item) -> bool:
    """Two undated conjoined verbs, the second with no subject of its own, whose doers overlap."""
    return (one.date is None and other.date is None and _subjectless_conjunct(one, other)
            and bool(set(one.actors) & set(other.actors)))


def _subjectless_conjunct(one: Item, other: Item) -> bool:
    """Whether the later of two verbs is conjoined to the earlier with no subject of its own."""
    a, b = sorted((one.verb, other.verb), key=lambda t: t.i)
    # (or to its infinitive, as the parser may hang it: "would ask X to return the money and would bar him")
    heads = {b.head.i} | ({b.head.head.i} if b.head.dep_ == "xcomp" else set())
    return b.dep_ == "conj" and a.i in heads and not any(c.dep_.startswith("nsubj") for c in b.children)


def _clause_text(verb: Any) -> str:
    tokens = list(verb.subtree)
    subject = subject_of(verb)
    if subject is not None and subject.i < tokens[0].i:
        tokens = list(subject.subtree) + tokens
    return str(verb.doc[tokens[0].i : tokens[-1].i + 1].text).strip(" ,;")


def rule_tables() -> list[object]:
    """The closed classes of the follow-up rules, for the guided strategy's rules fingerprint."""
    return followups_grammar.rule_tables() + followups_dates.rule_tables()
