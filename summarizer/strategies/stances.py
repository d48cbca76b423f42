"""Stances from a dependency parse: who takes which position on what.

A stance is read from an attitude predicate, not from a word anywhere in the sentence:
a verb of attitude, emphasis, request or wish ("welcomed the ruling", "urged X to ..."),
a noun of attitude someone voices or holds ("voiced concern over ..."), an adjective of
feeling said of an actor ("the airline was disappointed"), or an evaluation in reported
speech or a labelling verb ("called his performance 'a disgrace'"). Its holder is the
predicate's subject, or the speaker when the predicate sits in what someone is reported
to have said and the report leads, or the subject is no actor. Its topic is what the
predicate is about, never the clipped sentence. The same stance told again (a headline
and its body, a post and the sentence quoting it) is one stance with both as evidence.
The noun and adjective readings are in `stance_nouns`.

The word lists are closed classes of English attitude words, not names or topics of any
article. The parse turns polarity: a negation ("did not back"), a request whose content
is a halt ("stressed that the firing had to end"), rejecting a criticism, joining an action
"against" something. A request not made ("has not asked for") and a threat of one's own act
("threatened to walk out") take no side. Declining to
comment on a named matter takes no side on it (neutral); a bare "declined to comment" is no stance.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .followups_grammar import names_none
from .lexicon import (
    FUTURE_MODALS,
    HYPOTHETICAL_MODALS,
    LABEL_BLOCKING_PREPS,
    MAYBE_MODALS,
    OBLIGE_MODALS,
    SEMI_MODAL_HEADS,
    WITHHOLDING,
)
from .parse_people import person_noun
from .parse_types import Found, SentenceInfo
from .stance_acts import (
    aligning,
    appealing,
    asked,
    complying,
    contrast,
    holding_out,
    keeping,
    no_view,
    phrasal,
    refusal,
    retreat,
    staying,
    studying,
    threat,
    unheard,
)  # fmt: skip
from .stance_context import (
    Reading,
    StanceSentence,
    asks_which,
    both_sides,
    embedded_question,
    halted,
    harm_idiom,
    hedged,
    is_negated,
    phrase,
    prep_object,
    redress,
    worried,
)
from .stance_labels import effect, labelling, measure, no_comment, preference
from .stance_nouns import evaluation, feeling, noun
from .stance_refusals import refusing
from .stance_weigh import described, reason, weighed
from .stance_words import (
    ADDRESSING,
    ANNULLING,
    ARGUING,
    ARTICLES,
    ASKING_FOR,
    COMMITTING,
    COMPLAINING,
    COMPLAINT_PREPS,
    CONSEQUENCES,
    DEFINITE,
    DIRECTING,
    DOORS,
    EFFECTS,
    EVALUATIONS,
    FEELINGS,
    FIRST_PERSON,
    FORWARD,
    INQUIRING,
    LABELLING,
    LENGTHS,
    NO_COMMENT,
    NOUNS,
    PARTITIVES,
    PREFERRING,
    PRONOUNS,
    QUESTIONING,
    REASONS,
    REDRESS_NOUNS,
    REQUESTS,
    REVERSING,
    SELDOM,
    SIDES,
    STATE_PREPS,
    STATES,
    STOPS,
    SUMS,
    TAKING_PART,
    TOWARD_PREPS,
    TOWARDS,
    UNCHOSEN,
    VERBS,
    WARNING,
    lexicon,
)  # fmt: skip

__all__ = ["Reading", "lexicon", "read_sentence"]


# --------------------------------------------------------------------------- reading


def read_sentence(
    info: SentenceInfo, actors: list[Found], previous: int | None = None, told: Callable[[Reading], bool] | None = None,
    before: Any = None,
) -> list[Reading]:
    """Every stance one sentence states, at most one per position: the first predicate's that
    is not `told` already (a repeated stance gives the sentence's next one its turn). `before` is the parse of the
    sentence just before (what a bare "X refused." refuses)."""
    if info.doc is None:
        return []
    s = StanceSentence(info, actors, previous)
    out: list[Reading] = []
    question = asked(info.doc)  # "Why does the government want it?": a question states no one's position
    for tok in info.doc:
        reading = _read(s, tok, before) if tok.i not in question else None
        if reading is not None and all(r.position != reading.position for r in out) and not (told and told(reading)):
            out.append(reading)
    return weighed(info.doc, [r for r in out if not reason(info.doc, r, out) and not described(info.doc, r)])


def _loss(s: StanceSentence, loss: Any | None) -> bool:
    """What redress is asked "for": a loss ("lost earnings", "the cancelled race"), not a party ("for its members",
    "for the riders") or a stretch of time ("for the duration of the race")."""
    return loss is not None and loss.pos_ != "PRON" and s.actor_in(loss) is None and not (
        person_noun(loss, by_ending=True) or loss.lemma_.lower() in LENGTHS or loss.ent_type_ in ("DATE", "TIME"))


def _read(s: StanceSentence, tok: Any, before: Any = None) -> Reading | None:
    lemma, low = tok.lemma_.lower(), tok.lower_
    if not s.asserted(tok) or any(c.dep_ == "mark" and c.lower_ == "than" for c in tok.children) and any(
            c.lower_ in PREFERRING for a in tok.ancestors for c in a.children):  # fmt: skip
        return None  # "would rather lose her seat than vote for the budget": the course spurned (`preference`)
    if tok.pos_ == "NOUN" and lemma in CONSEQUENCES and tok.dep_ == "dobj":
        return threat(s, tok)
    if tok.pos_ == "VERB" and lemma in LABELLING and not any(c.dep_ == "prep" and c.lower_ in LABEL_BLOCKING_PREPS
                                                              for c in tok.children) and (
            reading := labelling(s, tok)) is not None:  # fmt: skip
        return reading  # no label: "called on Okafor to concede" may still be a request
    if tok.pos_ == "VERB" and lemma in NO_COMMENT:
        return no_comment(s, tok)
    if tok.pos_ == "VERB" and (reading := appealing(s, tok)) is not None:
        return reading
    if tok.pos_ == "VERB" and (lemma in VERBS or lemma in FORWARD):
        return _verb(s, tok, lemma)
    if tok.pos_ == "VERB" and lemma in STOPS:
        return retreat(s, tok)
    if tok.pos_ == "VERB" and (reading := phrasal(s, tok) or refusal(s, tok) or holding_out(s, tok)
                                   or aligning(s, tok) or keeping(s, tok) or studying(s, tok) or staying(s, tok)
                                   or complying(s, tok) or unheard(s, tok) or refusing(s, tok, before)) is not None:
        return reading
    if tok.pos_ == "VERB" and (lemma in EFFECTS or harm_idiom(tok)):
        return effect(s, tok, EFFECTS.get(lemma, "oppose"))
    if tok.pos_ == "NOUN" and (reading := no_view(s, tok)) is not None:
        return reading
    if tok.pos_ == "NOUN" and lemma in NOUNS and tok.tag_ in ("NN", "NNS"):
        return noun(s, tok, lemma)
    if low in FEELINGS and (tok.pos_ == "ADJ" or tok.tag_ == "VBN"):
        return None if _of_thing(s, tok) else feeling(s, tok, FEELINGS[low])
    if tok.pos_ in ("ADJ", "NOUN") and (low in EVALUATIONS or lemma in EVALUATIONS):
        return evaluation(s, tok, EVALUATIONS.get(low) or EVALUATIONS[lemma])
    if tok.pos_ == "ADV" and (reading := preference(s, tok)) is not None:
        return reading  # "would rather have one full school than two empty ones"
    if tok.pos_ == "ADJ" and any(c.lower_ == "too" for c in tok.children):
        return evaluation(s, tok, "oppose")  # "the sample was too small to draw conclusions"
    if tok.pos_ in ("VERB", "ADJ", "AUX") and tok.dep_ == "conj":  # "but was ready to ...": a copula too
        return contrast(s, tok)
    return None


def _of_thing(s: StanceSentence, tok: Any) -> bool:
    """ "said the figures were positive", "the call centre would stay open", "the funds were committed to the
    terminal": a feeling word in its sense of a thing's state (or of a sum's use) is no feeling of whoever reports
    it. Only words said of things as well as of people: "the board was unhappy", "members were angry" stay the
    reporter's side's feeling."""
    head = tok.head if tok.dep_ in ("acomp", "oprd") else tok
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and (subj.lemma_.lower() in SUMS or subj.ent_type_ == "MONEY"):
        return True  # "the funds were committed to the new terminal", "£5m had been committed"
    towards = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in TOWARD_PREPS]
    if tok.lower_ in TOWARDS and not towards:
        return True  # "would stay open", "an offer that remained open": not "open to talks", "open for talks"
    if tok.lower_ not in TOWARDS | STATES or subj is None or any(c.dep_ == "poss" for c in subj.children):
        return False  # "said its members were angry": the holder's own people
    if tok.lower_ in TOWARDS and subj.lemma_.lower() in DOORS and not any(c.dep_ == "prep" for c in subj.children):
        return False  # "the door remained open to further talks": the speaker's openness ("of the depot": a door)
    if tok.lower_ in STATES and any(c.dep_ == "prep" and c.lower_ in STATE_PREPS for c in tok.children):
        return False  # "members were optimistic about a deal": a person's feeling (not "positive for members")
    return subj.pos_ in ("NOUN", "PROPN") and s.actor_in(subj) is None and (
        head.i not in s.clause_at or s.subject(head) is None)


def _verb(s: StanceSentence, tok: Any, lemma: str) -> Reading | None:
    addressed = lemma in REQUESTS and any(c.dep_ == "xcomp" for c in tok.children)  # "called on X to concede"
    if tok.dep_ == "amod" or (tok.dep_ == "acl" and tok.tag_ == "VBN") or any(
            c.dep_ == "prt" and not (addressed and c.lower_ in ADDRESSING) for c in tok.children):  # fmt: skip
        return None  # "the policy aimed at X", "called off", "report back": not an attitude taken
    dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if dobj is not None and names_none(dobj):
        return None  # "we have promised nothing"
    passive = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if lemma in FORWARD and passive is not None and getattr(s.subject_token(tok), "i", None) == passive.i:
        return None  # "we are being asked to sign": the one asked holds no position, the asker is unnamed
    if dobj is not None and dobj.lemma_.lower() in NOUNS and prep_object(dobj) is not None:
        if not (VERBS.get(lemma) == "oppose" == NOUNS[dobj.lemma_.lower()]):
            return None  # "reaffirmed his commitment to ...": the noun says what and towards what
    if dobj is None:  # "the verdict was welcomed by ...": a passive is about its subject
        dobj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if dobj is not None and dobj.tag_ in ("WDT", "WP"):
        dobj = tok.head if tok.dep_ == "relcl" else None  # "the reforms, which X welcomed"
    clause = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp")), None)
    about = prep_object(tok)
    if lemma in FORWARD and clause is None:  # "asked for the ruling to be suspended": the "for" clause
        clause = next((c for c in tok.children if c.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ == "for" for m in c.children)), None)  # fmt: skip
    if lemma in FORWARD:
        # "urged Henry to build ...", "called for stronger ...", "stressed that ...": what is put forward.
        topic = clause if clause is not None else (dobj if dobj is not None else about)
        if topic is dobj and asks_which(dobj):
            return None  # "what outcome it was seeking": a question, not a position
        if clause is not None and topic is clause and embedded_question(clause):
            return None  # "asked how the company would ...": a question, not a position
        asked_for = prep_object(tok, ("for",))  # "asking for a guarantee that ...": a request, not for comment
        sought = clause is None and asked_for is not None and (  # "asked for an end to the strikes": a request
            worried(asked_for) is not None or measure(asked_for, tok)  # (not "asked for comment")
            or asked_for.lemma_.lower() in REDRESS_NOUNS and _loss(s, prep_object(asked_for, ("for",))))
        # (and "asked for compensation for lost trade": redress of a named loss, as "demanded" it would be)
        if lemma in QUESTIONING and (clause is None or clause.dep_ == "xcomp" and dobj is None) and not sought:
            return None  # "asked questions", "asked for comment", "would ask to meet them": no request of another
        if lemma in QUESTIONING and sought and hedged(tok):
            return None  # "would ask for arbitration if the board did not ...": no request made
        if lemma in REQUESTS and asked_for is None and clause is None:
            return None  # "pressed ahead with", "called the strike on Monday": no request
        topic = asked_for if clause is None and lemma in REQUESTS else topic
        if lemma in QUESTIONING and clause is None and asked_for is not None:
            topic = asked_for  # "asked the court for a review of the ruling": what is asked for, not whom
        addressee = dobj is not None and dobj.pos_ == "PROPN" and lemma not in ASKING_FOR  # not "wants a WHO ..."
        if addressee and topic is dobj and clause is None and s.actor_in(dobj) is not None:
            return None  # "had urged Slovenia in its report ...": whom it is asked of, not what
        if topic is None or (topic is clause and lemma in COMMITTING):
            return None  # "promised to pay half the cost": a commitment to act (a follow-up)
        worry = worried(topic) if lemma in DIRECTING else None  # scrutiny or a guarantee asked of another
        if worry is not None and hedged(tok):
            return None  # "can ask for a review", "would ask for one if ...": no request made
        halt = halted(topic) if worry is None else None  # "to guarantee that it would not close" asks no halt
        undo = topic if worry is None and topic.pos_ == "VERB" and topic.lemma_.lower() in REVERSING else None
        kept = None if undo is None else next((c for c in undo.children if c.dep_ == "dobj"), None)
        kept = prep_object(undo, ("from",)) if kept is None and undo is not None else kept  # "not to withdraw from"
        if undo is not None and is_negated(undo):
            topic = kept if kept is not None else topic  # "urged the council not to revoke the licence": for it
        elif undo is not None and undo.lemma_.lower() in ANNULLING and not _known(undo):
            return None  # "asked passengers to cancel their bookings", "airlines to cancel flights": their own
        position = "oppose" if halt is not None or worry is None and redress(topic) else "support"
        if worry is not None:
            position, topic = "concern", worry  # "demanded an independent review of how ... sets its forecasts"
        elif halt is None and topic is clause and any(v.lemma_.lower() in INQUIRING for v in [clause, *(
                c for c in clause.children if c.dep_ == "conj" and c.pos_ == "VERB")]):  # fmt: skip
            position = "concern"  # "we want to know who signed off on it", "to come and explain": a worry
        elif halt is None and topic is clause and dobj is not None and both_sides(dobj):
            position = "neutral"  # "urged both sides to return to talks": a mediator's request, no side taken
        elif halt is None and topic is clause and lemma in ARGUING and clause.dep_ == "ccomp" and not _ought(clause):
            position = "oppose"  # "argued that the agency had changed its rules": a claim against another party
            said = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if any(c.dep_ == "neg" for c in clause.children) or said is not None and any(
                c.dep_ == "det" and c.lower_ == "no" for c in said.children
            ):
                return None  # "argued that no such resolution was needed": what it is against has no words here
            against = s.actor_in(said) if said is not None else None
            subject = s.subject_token(tok)
            if against is None or subject is not None and s.actor_in(subject) == against:
                return None  # "argued that the merger would lower prices": a claim about a thing takes no side
            topic = said if said is not None and said.pos_ in ("NOUN", "PROPN") else clause
        topic = halt if halt is not None and halt.pos_ != "VERB" else topic
    else:
        position = VERBS[lemma]
        if position == "neutral" and (dobj is None or dobj.pos_ not in ("NOUN", "PROPN")):
            return None  # "we respect it": no matter named to take no side on
        # When the object is someone, the reason is the topic: "thanked Wallace for the contributions",
        # "criticised the agency for relying on ..."; not "blamed climate change for the heat".
        someone = dobj is not None and (s.actor_in(dobj) is not None or bool(s.recipients(tok)) or dobj.pos_ == "PRON")
        if lemma in COMPLAINING:  # "complained about noise", not "of chest pains" or "to the regulator"
            about = prep_object(tok, tuple(COMPLAINT_PREPS))
            about = next((o for t in tok.subtree if t.dep_ == "prep" and t.lower_ == "about" and (
                t.head.i == tok.i or t.head.dep_ == "pobj" and t.head.head.head.i == tok.i) for o in t.children
                if o.dep_ == "pobj"), about)  # "complained over the phone to the school about the nursery"
            if _no_complaint(tok, about):
                return None
        topic = (prep_object(tok, REASONS) if someone else None) or dobj or clause or about
        if topic is None or (topic is clause and clause.dep_ == "xcomp" and dobj is None and about is None):
            # "ran onto the pitch to protest"; "threatened to issue a notice": the holder's own act, not a position
            return None
        if clause is not None and topic is clause and clause.lemma_.lower() in NO_COMMENT:
            return None  # "refused to comment": silence, not a position
        if position == "oppose" and NOUNS.get(topic.lemma_.lower()) == "oppose":
            position = "support"  # rejecting a criticism defends what it criticised
        # "voted to back a legal challenge against the law": joining an action against it (an xcomp of the
        # holder's decision, its object); not "welcomed the verdict against the landlord", an outcome
        joined = position == "support" and tok.dep_ == "xcomp" and topic is dobj and dobj is not None
        against = prep_object(topic, ("against",)) if joined else None
        if against is not None:
            position, topic = "oppose", against
        said = s.subject_token(topic) if topic is clause else None
        if position != "support" and said is not None and said.pos_ in ("NOUN", "PROPN"):
            topic = said  # "warned that any further aggression would ...": what is warned against
        if lemma in WARNING and said is not None and _risk(said) and clause is not None and any(
                c.dep_ == "aux" and c.lower_ in MAYBE_MODALS for c in clause.children):  # fmt: skip
            position = "concern"  # "warned that sales could fall", "that one of them could fail": a risk (not a
            # threat, "that it could strike"; not "disputed that this could harm consumers", a claim denied)
    refused = tok.dep_ == "xcomp" and tok.head.lemma_.lower() in WITHHOLDING and not is_negated(tok.head)
    if refused and (hedged(tok.head) or any(c.tag_ == "MD" for c in tok.head.children)):
        return None  # "may refuse to back the plan": a refusal that may come, no side taken yet
    if is_negated(tok) or tok.dep_ == "acomp" and is_negated(tok.head) or refused:  # "was not opposed to"
        # ("refused to back the plan", "declined to endorse it": as "did not back")
        # the modal: "should not ask", or "ought" heading "not to ask"
        modals = [c for c in tok.children if c.dep_ == "aux"] + ([tok.head] if tok.dep_ == "xcomp" else [])
        if position != "support" or (lemma in REQUESTS or lemma in QUESTIONING) and not any(
                m.tag_ == "MD" and m.lower_ not in FUTURE_MODALS | HYPOTHETICAL_MODALS for m in modals):  # fmt: skip
            return None  # "has not yet asked for X", "will not ask the council to fund it": no side taken
            # ("could not ask staff to", "should not ask nurses to work longer hours": what is opposed)
        if dobj is not None and (dobj.lower_ in UNCHOSEN or dobj.lower_ in PARTITIVES and prep_object(dobj, (
                "of",)) is not None or lemma not in TAKING_PART and any(  # not "refused to accept any cut"
                c.dep_ == "det" and c.lower_ in PARTITIVES for c in dobj.children) and not any(
                c.dep_ == "relcl" for c in dobj.children)):  # fmt: skip
            return None  # "declined to endorse anyone", "either side", "any of the three bids": no one chosen
            # (not "would not support any coalition that delayed ...": a kind opposed)
        position = "oppose"
    subject = s.subject(tok)
    if subject is None and s.subject_token(tok) is not None:
        return None  # "countries that are supporting ...": someone not an actor holds it
    if passive is not None and getattr(s.subject_token(tok), "i", None) == passive.i:
        subject = None  # "the company had been warned twice": the one warned holds nothing; who warned is unnamed
    holder = s.holder(tok, subject)
    if holder is None:
        return None
    target = s.actor_in(dobj) if dobj is not None else None
    target = target if target is not None else next((r for r in s.recipients(tok) if r != holder), None)
    words = phrase(topic)
    told = about if about is not None and topic is about else None  # "about the closure to the board"
    to = None if told is None else next((c for c in told.rights if c.dep_ == "prep" and c.lower_ == "to"), None)
    words = words if to is None or told is None else s.doc[told.left_edge.i : to.i].text
    return Reading(holder, position, words, target if target != holder else s.target(topic, holder), tok.i)


def _no_complaint(tok: Any, about: Any) -> bool:
    """Whether a complaint is not made ("stopped complaining", "had no reason to complain", "rarely complained") or
    is of an ailment ("complained about a sore throat"; not "about the closure", "about a lack of staff")."""
    if tok.dep_ in ("acl", "relcl", "pcomp") or tok.dep_ == "xcomp" and tok.head.lemma_.lower() not in DIRECTING:
        return True  # (but "urged parents to complain": what is asked)
    if any(c.dep_ == "advmod" and c.lower_ in SELDOM for c in tok.children):
        return True
    return about is not None and any(c.dep_ == "det" and c.lower_ in ARTICLES for c in about.children) and not any(
        c.dep_ == "prep" for c in about.children)  # (but "about a lack of staff")


def _known(undo: Any) -> bool:
    """Whether an annulling verb undoes a known matter ("to annul the result", "for the permit to be revoked"), not
    the asked one's arrangement ("to cancel their bookings", "any cards", "flights")."""
    return any(c.dep_ == "nsubjpass" for c in undo.children) or any(
        c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ in DEFINITE for d in c.children) for c in undo.children)


def _risk(said: Any) -> bool:
    """Whether what a warning says could happen is a risk, not the holder's own side ("that it could strike", "that I
    could quit", "that all of its members could strike", "that anyone who helped the army could be killed")."""
    return said.lower_ not in PRONOUNS | FIRST_PERSON | SIDES and not any(c.dep_ == "relcl" for c in said.children)


def _ought(clause: Any) -> bool:
    """ "firms should have access", "the EU needs to act", "it has to end": a clause of what should be."""
    return any(c.dep_ == "aux" and c.lower_ in OBLIGE_MODALS for c in clause.children) or (
        clause.lemma_.lower() in SEMI_MODAL_HEADS and any(c.dep_ == "xcomp" for c in clause.children))
