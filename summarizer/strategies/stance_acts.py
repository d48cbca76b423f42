"""Stances said by an act or an idiom rather than a verb of attitude.

A step back held out against a condition ("said it would withdraw the loan if the cut went
ahead") opposes what the condition would bring forward; an act kept up until a decision is
undone ("will stay until the decision is reversed") opposes the decision, while a measure said to
be kept up until a condition is met ("would remain in place until a census is done") is backed; refusing to take
part ("would not join the blockade") opposes what is refused, refusing to undo a thing ("refused to
reopen the decision") supports it; a phrasal verb of rejection
("ruled out any deal with ...", "hit out at ...") opposes its object, one of alignment ("stood by
the vote", "sided with the parents") supports it; having no view on a matter
("had made no decision on jobs") takes no side on it; saying one was not consulted on a matter is a
grievance about it (concern). All read the parse; the
words are closed classes of English (`stance_words`).
"""

from __future__ import annotations

from typing import Any

from .lexicon import CONDITION_MARKS, CONSEQUENCE_MODALS, FUTURE_MODALS, RECURRING, REPORTING, WITHHOLDING
from .parse_form import progressive
from .stance_context import Reading, StanceSentence, is_negated, phrase, prep_object
from .stance_words import (
    ABOUT,
    ALIGNING,
    APPEALING,
    BALLOTING,
    COMPLYING,
    CONSULTING,
    CONTRASTING,
    DASHES,
    FIRST_PERSON,
    GOING,
    PROCEEDING,
    PRONOUNS,
    QUESTION_BREAKS,
    QUOTES,
    REJECTING,
    REOPENING,
    REVERSING,
    RULINGS,
    SETTING_AGAINST,
    SEVERE,
    STAYING,
    STUDYING,
    SUBMISSIONS,
    TAKING_PART,
    VIEWS,
)  # fmt: skip

__all__ = [
    "aligning", "asked", "appealing", "complying", "contrast", "holding_out", "keeping", "no_view", "phrasal",
    "refusal", "retreat", "staying", "studying", "threat",
]  # fmt: skip


def retreat(s: StanceSentence, tok: Any) -> Reading | None:
    """ "said it would withdraw the loan if the cut went ahead", "will end the contract if the strike
    continues": a step back held out (a modal) against what a condition brings forward."""
    if is_negated(tok) or not any(c.dep_ == "aux" and c.lower_ in CONSEQUENCE_MODALS for c in tok.children):
        return None
    condition = next((c for c in tok.children if c.dep_ == "advcl"
                      and any(m.dep_ == "mark" and m.lower_ == "if" for m in c.children)), None)  # fmt: skip
    if condition is None or is_negated(condition) or not _goes_forward(condition):
        return None  # "if the weather worsens", "if the debt is not paid": no plan opposed
    topic = s.subject_token(condition)
    return _held(s, tok, topic, "oppose") if topic is not None and topic.pos_ in ("NOUN", "PROPN") else None


def _goes_forward(verb: Any) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in PROCEEDING or (lemma == "go" and any(c.dep_ in ("prt", "advmod") and c.lower_ in GOING
                                                       for c in verb.children))  # fmt: skip


def phrasal(s: StanceSentence, tok: Any) -> Reading | None:
    """ "has ruled out any deal with the Greens", "hit out at the regulator": a phrasal verb of rejection."""
    particle = next((c for c in tok.children if c.dep_ == "prt"), None)
    if particle is None or f"{tok.lemma_.lower()} {particle.lower_}" not in REJECTING or is_negated(tok):
        return None
    # What is rejected: an object ("any deal"), an act ("ruled out using public money"), or what it is at.
    topic = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if topic is None:  # a gerund the parse may hang as an adverbial clause
        topic = next((c for c in tok.children if c.dep_ in ("xcomp", "ccomp")
                      or (c.dep_ == "advcl" and c.tag_ == "VBG" and not any(m.dep_ == "mark" for m in c.children))),
                     None)  # fmt: skip
    topic = topic if topic is not None else prep_object(tok, ("at", "against", *ABOUT))
    return _held(s, tok, topic, "oppose") if topic is not None and topic.pos_ != "PRON" else None


def aligning(s: StanceSentence, tok: Any) -> Reading | None:
    """ "The government stood by the vote", "the mayor sided with the parents": a verb of alignment
    with its preposition supports the preposition's object; "voted against the merger" opposes it."""
    if is_negated(tok):
        return None
    prep = next((c for c in tok.children if c.dep_ == "prep"
                 and f"{tok.lemma_.lower()} {c.lower_}" in ALIGNING | SETTING_AGAINST), None)  # fmt: skip
    topic = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if prep is None or topic is None or topic.pos_ not in ("NOUN", "PROPN"):
        return None
    if tok.lemma_.lower() in BALLOTING and any(c.dep_ == "aux" and c.lower_ in CONSEQUENCE_MODALS
                                               for c in tok.children):  # fmt: skip
        return None  # "will vote on a motion for ...": a vote to come, not a side taken
    return _held(s, tok, topic, "support" if f"{tok.lemma_.lower()} {prep.lower_}" in ALIGNING else "oppose")


def holding_out(s: StanceSentence, tok: Any) -> Reading | None:
    """ "the students would stay until the decision was reversed": an act kept up until a
    decision is undone opposes the decision."""
    until = next((c for c in tok.children if c.dep_ == "advcl" and c.lemma_.lower() in REVERSING
                  and any(m.dep_ in ("mark", "prep") and m.lower_ == "until" for m in c.children)), None)  # fmt: skip
    if until is None or is_negated(until) or is_negated(tok):
        return None
    topic = next((c for c in until.children if c.dep_ in ("nsubjpass", "dobj")), None)
    return _held(s, tok, topic, "oppose") if topic is not None and topic.pos_ in ("NOUN", "PROPN") else None


def staying(s: StanceSentence, tok: Any) -> Reading | None:
    """ "said the suspension would remain in place until a census was done", "said the trains would stay in
    their depots until ...": a measure said to be kept up until a condition is met is backed by whoever says
    so (support). Only in what someone states, not in what is asked ("demanded that the licence stay ...")."""
    if tok.lemma_.lower() not in STAYING or is_negated(tok) or tok.dep_ != "ccomp":
        return None
    if tok.head.lemma_.lower() not in REPORTING or not any(
            c.dep_ == "aux" and (c.lower_ in FUTURE_MODALS or c.lower_ == "would") for c in tok.children):  # fmt: skip
        return None  # "will remain", reported as "would remain": what is to be kept up
    if not any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "until" for m in c.children)
               for c in tok.children):  # fmt: skip
        return None  # "until Friday" dates it; a condition to be met is what keeps it up
    topic = s.subject_token(tok)
    return _held(s, tok, topic, "support") if topic is not None and topic.pos_ in ("NOUN", "PROPN") else None


def refusal(s: StanceSentence, tok: Any) -> Reading | None:
    """ "said it would not join a government led by ...": refusing to take part opposes what is refused."""
    if tok.lemma_.lower() not in TAKING_PART or not is_negated(tok):
        return None
    topic = next((c for c in tok.children if c.dep_ == "dobj"), None)
    return _held(s, tok, topic, "oppose") if topic is not None and topic.pos_ in ("NOUN", "PROPN") else None


def complying(s: StanceSentence, tok: Any) -> Reading | None:
    """ "said it would cooperate fully", "was cooperating with investigators", "will comply with the court
    order": going along with a thing backs it; with both parties ("with both the agency and the carmaker")
    it takes no side; "would not cooperate with the inquiry" opposes it. Only a finite statement of one's
    own conduct, not "the importance of cooperating with allies"."""
    finite = tok.tag_ != "VBG" or any(c.dep_ == "aux" for c in tok.children)
    if tok.lemma_.lower() not in COMPLYING or tok.dep_ not in ("ROOT", "ccomp", "conj") or not finite:
        return None
    topic = prep_object(tok, ("with", "by"))
    both = topic is not None and any(c.dep_ == "preconj" or c.lower_ == "both" for c in topic.children)
    position = "oppose" if is_negated(tok) else "neutral" if both else "support"
    return _held(s, tok, topic if topic is not None else tok, position)


def keeping(s: StanceSentence, tok: Any) -> Reading | None:
    """ "refused to reopen the decision", "declined to drop its plans": refusing to undo a thing
    supports it (refusing anything else is an act, not a position)."""
    if tok.lemma_.lower() not in WITHHOLDING or is_negated(tok):
        return None
    undo = next((c for c in tok.children if c.dep_ == "xcomp" and not is_negated(c)
                 and c.lemma_.lower() in REOPENING), None)  # fmt: skip
    topic = next((c for c in undo.children if c.dep_ == "dobj"), None) if undo is not None else None
    return _held(s, tok, topic, "support") if topic is not None and topic.pos_ in ("NOUN", "PROPN") else None


def appealing(s: StanceSentence, tok: Any) -> Reading | None:
    """ "said it would appeal to the Council of State", "appealed against the ban": an appeal to a court
    opposes the ruling; "appealed to residents to stay calm", "appealed for help" are requests."""
    if tok.lemma_.lower() not in APPEALING or is_negated(tok):
        return None
    if any(c.dep_ in ("ccomp", "xcomp") for c in tok.children):
        return None
    topic = prep_object(tok, ("against", "to"))
    # "appealed to residents for blankets" asks a thing; "for" in a court's name ("... for Sport") asks nothing
    wanted = [o for t in (tok, topic) if t is not None for o in [prep_object(t, ("for",))] if o is not None]
    if any(o.pos_ != "PROPN" for o in wanted):
        return None
    return _held(s, tok, topic, "oppose") if topic is not None and topic.pos_ in ("NOUN", "PROPN") else None


def studying(s: StanceSentence, tok: Any) -> Reading | None:
    """ "said it was studying the decision", "would review the judgment", "would study any application": no side
    taken on it yet."""
    if tok.lemma_.lower() not in STUDYING or is_negated(tok) or tok.dep_ in ("xcomp", "relcl", "acl", "advcl"):
        return None  # not "asked the court to review the decision", "before studying it"
    if not (progressive(tok) or any(c.dep_ == "aux" and c.lower_ in CONSEQUENCE_MODALS for c in tok.children)):
        return None  # under way or to come, not done ("reviewed the ruling and found ...")
    said, studier = s.subject_token(tok), s.subject(tok)
    if said is not None and said.pos_ in ("NOUN", "PROPN") and studier is None:
        return None  # "critics said the board was studying it": someone not an actor studies it
    topic = next((c for c in tok.children if c.dep_ == "dobj" and _before_it(s, c, studier)), None)
    waited = prep_object(tok, ("for",))  # "would wait for the committee's report"
    topic = waited if topic is None and waited is not None and _before_it(s, waited, studier) else topic
    if topic is not None and said is not None and studier is not None and s.actor_in(said) == studier:
        return Reading(studier, "neutral", phrase(topic), s.target(topic, studier), tok.i)  # the studier's, if named
    return _held(s, tok, topic, "neutral") if topic is not None else None


def _before_it(s: StanceSentence, matter: Any, studier: int | None) -> bool:
    """A ruling, or a matter put to the holder for a decision ("any application", "the notification"), not its own
    ("its application", "the board's own proposal", "the offer it made"), not each of a routine ("each
    application", "every request it receives") and not a use ("the application of the new rules")."""
    if matter.lemma_.lower() in RULINGS:
        return True
    own = any(c.dep_ == "poss" and (c.pos_ == "PRON" or studier is not None and s.actor_in(c) == studier)
              or c.dep_ == "relcl" and any(w.dep_ == "nsubj" and w.pos_ == "PRON" for w in c.children)
              for c in matter.children)  # fmt: skip
    one = any(c.dep_ in ("det", "poss") and c.lower_ not in RECURRING for c in matter.children)  # not "applications"
    used = any(c.dep_ == "prep" and c.lower_ == "of" for c in matter.children)  # "the application of the coating"
    return matter.lemma_.lower() in SUBMISSIONS and one and not own and not used


def contrast(s: StanceSentence, tok: Any) -> Reading | None:
    """ "said the money would not cover every loss but would keep the orchards standing", "the price is
    full but not silly": in reported speech, one thing said of a subject and another denied is a mixed view."""
    head = tok.head
    if head.i == tok.i or head.pos_ not in ("VERB", "ADJ", "AUX") or is_negated(head) == is_negated(tok):
        return None
    if not any(c.dep_ == "cc" and c.lower_ in CONTRASTING for c in head.children):
        return None  # "... and the date has not moved": no contrast drawn
    report = s.report(head)
    if report is None:
        return None
    verb = head.head if head.dep_ in ("acomp", "attr") else head
    subject = s.subject_token(verb)
    if subject is None or subject.pos_ == "PRON":
        return None  # what is weighed must be named ("the reform would ... but ..."), not "it"
    return Reading(report[1], "mixed", phrase(subject), s.target(subject, report[1]), tok.i)


def no_view(s: StanceSentence, tok: Any) -> Reading | None:
    """ "said it had made no decision on jobs", "did not take a position on the bid": no side taken
    on what is named (neutral)."""
    if tok.lemma_.lower() not in VIEWS or tok.dep_ != "dobj" or tok.head.pos_ != "VERB":
        return None
    verb = tok.head
    if not (is_negated(verb) or any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)):
        return None
    topic = prep_object(tok, ("on", "about", "over"))
    if topic is None or topic.pos_ not in ("NOUN", "PROPN"):
        return None
    return _held(s, verb, topic, "neutral", tok.i)


def unheard(s: StanceSentence, tok: Any) -> Reading | None:
    """ "said it had not been consulted on the proposals", "Its chair said the association had not been
    consulted": a party that says it was left out of a matter voices a grievance about it (concern). Only the
    speaker (or its body) on itself: not "the minister said the union would not be consulted", "said doctors had
    not been consulted about the patient" (someone else's case), nor a bare narration."""
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    report = s.report(tok)
    if tok.lemma_.lower() not in CONSULTING or tok.tag_ != "VBN" or not is_negated(tok) or subj is None:
        return None
    if report is None or report[0] >= 0 and report[0] != tok.head.i:
        return None  # "Parents said they had not been consulted, the federation said": the parents' grievance
    if any(c.dep_ == "advmod" and c.lower_ == "yet" for c in tok.children) or _conceded(s, tok, report[0]):
        return None  # "had not yet been consulted"; "..., but added that this was normal"
    speaker = report[1]
    said_by = StanceSentence.subject_token(s.doc[report[0]]) if report[0] >= 0 else None
    same = said_by is None or said_by.pos_ != "PRON" or said_by.lower_ == subj.lower_  # not "she said he had not"
    if said_by is not None and said_by.pos_ in ("NOUN", "PROPN") and s.subject(s.doc[report[0]]) is None:
        return None  # "Parents said they had not been consulted, the federation said": the parents' grievance
    if tok.i < report[0] or report[0] < 0:  # a quote speaks of its speaker in the first person, not "they"
        same = subj.lower_ in FIRST_PERSON
    holder = s.actor_in(subj) if subj.pos_ != "PRON" else speaker if subj.lower_ in PRONOUNS and same else None
    if holder is None or holder not in (speaker, s.actors[speaker].anchor):
        return None
    holder = speaker  # "Its chairman said the union had not been consulted": the chairman, speaking for it
    topic = prep_object(tok, ("on", "about", "over", "before")) or tok
    return Reading(holder, "concern", phrase(topic), s.target(topic, holder), tok.i)


def _conceded(s: StanceSentence, tok: Any, said: int) -> bool:
    """Whether a saying of not being consulted is conceded or set beside a stance: "said it had not been
    consulted, which it said was normal", "said the board had not been consulted, but added that ...", "had not
    been consulted on the curriculum but supported its aims" (that stance is the holder's)."""
    heads = [tok] + ([s.doc[said]] if said >= 0 else [])
    return any(c.dep_ == "cc" and c.lower_ in CONTRASTING for h in heads for c in h.children) or any(
        c.dep_ in ("advcl", "relcl") and c.lemma_.lower() in REPORTING and any(w.tag_ == "WDT" for w in c.subtree)
        for c in tok.children)


def _held(s: StanceSentence, verb: Any, topic: Any, position: str, at: int | None = None) -> Reading | None:
    """The reading of `verb`'s holder (its subject, or the speaker reporting it) on `topic`, said at `at`."""
    holder = s.holder(verb, s.subject(verb))
    if holder is None:
        return None
    return Reading(holder, position, phrase(topic), s.target(topic, holder), verb.i if at is None else at)


def threat(s: StanceSentence, tok: Any) -> Reading | None:
    """ "any new assault would carry a high cost", "ready to impose heavy penalties if Russia escalated":
    a severe consequence held out against what would bring it."""
    # "swift and severe penalties": the second adjective is a conj of the first, not an amod.
    if not any(c.lower_ in SEVERE and (c.dep_ == "amod" or c.dep_ == "conj" and c.head.dep_ == "amod")
               for c in tok.subtree):  # fmt: skip
        return None
    verb = tok.head
    condition = next((c for c in verb.children if c.dep_ == "advcl"
                      and any(m.lower_ in CONDITION_MARKS for m in c.children)), None)  # fmt: skip
    if condition is None:  # "penalties ... in response to any further military action"
        response = next((p for p in verb.subtree if p.lower_ == "to" and p.head.lower_ == "response"), None)
        condition = next((o for o in response.children if o.dep_ == "pobj"), None) if response is not None else None
    # "would leave no doubt that any new assault carried a high cost": the future of the clause it is said in.
    held = [verb, *[a for a in verb.ancestors if a.pos_ == "VERB"][:1]]
    future = any(c.dep_ == "aux" and c.lower_ in CONSEQUENCE_MODALS for v in held for c in v.children)
    if condition is None and not future:
        return None  # a consequence held out (in a future or a condition), not one imposed today
    topic = condition if condition is not None else s.subject_token(verb)
    if topic is None:
        return None
    report = s.report(tok)
    holder = report[1] if report is not None else None
    if holder is None and condition is not None:  # whoever holds out the consequence
        holder = next((a for anc in tok.ancestors for a in [s.subject(anc)] if anc.pos_ == "VERB"
                       and a is not None), None)  # fmt: skip
    if holder is None:
        return None
    return Reading(holder, "oppose", phrase(topic), s.target(topic, holder), tok.i)


def asked(doc: Any) -> set[int]:
    """The tokens of a direct question, which states no one's position: from the last break before its "?" (a
    colon, an opening quote, a spaced dash, "but": 'rejected the offer, asking: "Who would accept this?"', "opposed
    the cuts - so why did the port go ahead?") or, with no break, the whole sentence when it opens as a question
    does ("Why does the government want it?", "Does the company back the plan?")."""
    out: set[int] = set()
    start = 0
    for tok in doc:
        if tok.text != "?":
            continue
        breaks = [t.i + 1 for t in doc[start : tok.i] if _question_break(t)]
        first = next((t for t in doc[start : tok.i] if not t.is_punct), None)
        if breaks or first is not None and (first.tag_ in ("WP", "WRB", "WDT", "WP$", "MD") or first.pos_ == "AUX"):
            out |= set(range(max(breaks, default=start), tok.i + 1))
        start = tok.i + 1
    return out


def _question_break(tok: Any) -> bool:
    """Where a question put after a statement begins: an opening quote (not a possessive's), a colon, "but", a
    spaced dash (not "a cross-party group")."""
    if tok.text in QUOTES:
        return bool(tok.tag_ != "POS")
    if tok.text in DASHES:
        return tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)
    return tok.lower_ in QUESTION_BREAKS
