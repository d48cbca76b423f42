"""Stances from a dependency parse: who takes which position on what.

A stance is read from an attitude predicate, not from a word anywhere in the sentence:
a verb of attitude ("welcomed the ruling", "criticised the agency for ..."), a verb of
emphasis, request or wish ("stressed the need for ...", "urged X to ..."), a noun of
attitude someone voices or holds ("voiced concern over ...", "Washington's worries
about ..."), an adjective of feeling said of an actor ("the airline was disappointed"),
or an evaluation in reported speech or a labelling verb ("the decision was 'a clear
mistake'", "called his performance 'a disgrace'"). Its holder is the predicate's
subject, or the speaker when the predicate sits in what someone is reported to have said
and the report leads ("Harris said the administration backed ...") or the predicate's
subject is no actor. Its topic is what the predicate is about (its object, the content
of a request, what an evaluation is said of), never the clipped sentence.

The word lists are closed classes of English attitude words (a small general sentiment
lexicon), not names or topics of any article. The parse turns polarity: a negation ("did
not back"), emphasis or a request whose content is a halt or a refusal ("stressed that
the firing had to end"), rejecting a criticism (which defends what was criticised).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .parse_types import Analysis, Found, SentenceInfo

__all__ = ["Item", "Reading", "find", "lexicon", "read_sentence"]

# Verbs whose subject takes a position towards their object.
_VERBS: dict[str, str] = {
    **dict.fromkeys(
        "welcome praise support back endorse commend applaud hail thank congratulate favour favor champion "
        "defend embrace celebrate recommend advocate appreciate reaffirm pledge approve".split(),
        "support",
    ),
    **dict.fromkeys(
        "condemn criticise criticize reject oppose denounce deplore deride dismiss accuse blame slam object "
        "dispute contest decry veto sue warn threaten refuse resist".split(),
        "oppose",
    ),
    **dict.fromkeys("worry fear regret".split(), "concern"),
}
# Verbs of emphasis, request and wish: a position for what they put forward, turned to
# "oppose" when that is a halt or a refusal ("stressed that the rocket fire had to end").
_FORWARD = frozenset(
    "stress emphasise emphasize underline underscore insist reiterate repeat restate highlight argue urge demand "
    "press call appeal ask encourage want wish seek aim assure promise vow".split()
)
# Verbs that label their object with an evaluation ("called it 'a disgrace'", "regards it as vital").
_LABELLING = frozenset("call describe regard consider see view brand label term deem".split())
# Nouns of attitude, held by the one who voices them or by their possessor.
_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        "support backing commitment gratitude thanks solidarity praise appreciation endorsement wish hope need".split(),
        "support",
    ),
    **dict.fromkeys("condemnation criticism opposition objection rejection denial complaint".split(), "oppose"),
    **dict.fromkeys("concern worry fear alarm anxiety unease".split(), "concern"),
}
# Adjectives of feeling: said of an actor, they are that actor's position.
_FEELINGS: dict[str, str] = {
    **dict.fromkeys(
        "pleased happy delighted satisfied encouraged grateful positive optimistic confident committed open "
        "willing eager supportive hopeful keen".split(),
        "support",
    ),
    **dict.fromkeys(
        "angry furious frustrated opposed critical unhappy dismayed outraged skeptical sceptical".split(), "oppose"
    ),
    **dict.fromkeys("concerned worried alarmed troubled anxious disappointed".split(), "concern"),
}
# Evaluations of a thing: the position of whoever is reported to make them.
_EVALUATIONS: dict[str, str] = {
    **dict.fromkeys(
        "right fair good great excellent vital essential important constructive historic successful effective "
        "reasonable sensible legitimate victory success breakthrough milestone".split(),
        "support",
    ),
    **dict.fromkeys(
        "wrong unacceptable unfair unlawful illegal farcical unnecessary heinous unjust unjustified unprovoked "
        "dangerous reckless irresponsible bad poor disappointing shameful outrageous absurd ridiculous silly misguided "
        "flawed disgraceful appalling deplorable inadequate insufficient mistake disgrace betrayal failure "
        "scandal outrage farce disaster violation".split(),
        "oppose",
    ),
    **dict.fromkeys("risky fragile worrying alarming concerning troubling".split(), "concern"),
}
# Verbs of effect: in reported speech, what harms is opposed and what helps supported by the speaker
# ("the policies were undermining its own efforts", "the deal will help small farmers").
_EFFECTS: dict[str, str] = {
    **dict.fromkeys("undermine damage harm hurt endanger jeopardise jeopardize weaken erode violate breach".split(),
                    "oppose"),
    **dict.fromkeys("help benefit strengthen improve protect".split(), "support"),
}
# Consequences held out ("would bring a severe response", "impose heavy costs if ..."): a threat
# against what would bring them.
_CONSEQUENCES = frozenset("cost consequence penalty response price punishment sanction".split())
_SEVERE = frozenset("severe high heavy serious significant swift harsh strong massive".split())
# Verbs whose content is a halt: "had to end", "must stop".
_STOPS = frozenset("end stop halt cease avoid withdraw abandon drop".split())
# Prepositions that introduce what an attitude is about, most telling first.
_ABOUT = ("for", "over", "about", "on", "against", "to", "with", "of")
# Prepositions giving the reason for an attitude towards someone ("thanked X for Y", "accused X of Y").
_REASONS = ("for", "of", "over", "about")
_PRONOUNS = frozenset("they it he she we".split())
_QUOTES = "\"'\u201c\u2018"
_TOPIC_WORDS = 12


@dataclass
class Reading:
    """One stance a sentence states."""

    holder: int  # index into the analysis' actors
    position: str  # support, oppose, concern
    topic: str
    target: int | None
    token: int  # the predicate's token index in the sentence


@dataclass
class Item:
    """One stance of the article, with the sentences that state or continue it."""

    reading: Reading
    sentence: SentenceInfo
    evidence: list[int] = field(default_factory=list)  # sentence numbers, the stating one first


def lexicon() -> list[object]:
    """The tables above, for the guided strategy's rules fingerprint."""
    tables = (_VERBS, _NOUNS, _FEELINGS, _EVALUATIONS)
    return [[sorted(t.items()) for t in (*tables, _EFFECTS)], sorted(_FORWARD), sorted(_LABELLING), sorted(_STOPS),
            sorted(_CONSEQUENCES), sorted(_SEVERE), list(_ABOUT), list(_REASONS), sorted(_PRONOUNS),
            _TOPIC_WORDS]  # fmt: skip


# --------------------------------------------------------------------------- helpers


def _negated(tok: Any) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _phrase(tok: Any) -> str:
    """A topic as written: the phrase `tok` heads, without a relative clause or apposition, a few words long."""
    doc = tok.doc
    start, end = tok.left_edge.i, tok.i + 1
    if tok.pos_ in ("VERB", "AUX"):
        end = tok.right_edge.i + 1  # a clause: "build wide agreement among ..."
    else:
        for child in tok.rights:
            if child.dep_ in ("relcl", "acl", "appos", "punct", "cc") or child.text in (",", ";", "("):
                break
            if child.dep_ == "conj" and child.pos_ not in ("NOUN", "PROPN"):
                break
            end = max(end, child.right_edge.i + 1)
    while start < end and (doc[start].dep_ in ("punct", "mark", "cc", "aux") or doc[start].text in _QUOTES):
        start += 1
    while end > start and (doc[end - 1].dep_ in ("punct", "cc") or doc[end - 1].text in _QUOTES + ","):
        end -= 1
    words = doc[start:end].text.replace("\u201c", "").replace("\u201d", "").replace('"', "").split()
    if len(words) <= _TOPIC_WORDS:
        return " ".join(words)
    words = words[:_TOPIC_WORDS]
    while words and words[-1].lower() in ("of", "the", "a", "an", "and", "to", "for", "in", "on", "by", "with"):
        words.pop()
    return " ".join(words) + "\u2026"


def _about(tok: Any, preps: tuple[str, ...] = _ABOUT) -> Any | None:
    """The object of the first telling preposition under `tok` ("concern over X", "thanked X for Y")."""
    for prep in preps:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == prep:
                for obj in child.children:
                    if obj.dep_ in ("pobj", "pcomp") and obj.ent_type_ not in ("DATE", "TIME"):
                        return obj
    return None


def _halt(tok: Any) -> Any | None:
    """In content that asks for a halt or a refusal ("the rocket fire had to end", "would not
    negotiate"), what is to stop: the halting verb's subject, else the verb."""
    chain, verbs = [tok], []
    while chain:  # the content and the clauses it continues into, not its purpose or relative clauses
        t = chain.pop()
        verbs.append(t)
        chain += [c for c in t.children if c.dep_ in ("xcomp", "ccomp", "conj")]
    for t in sorted(verbs, key=lambda v: v.i):
        if t.pos_ in ("VERB", "AUX") and (t.lemma_.lower() in _STOPS or _negated(t)):
            subject = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return subject if subject is not None and subject.pos_ != "PRON" else t
    return None


def _is_group(tok: Any) -> bool:
    """A pronoun or a counted group ("they", "the three governments", "both sides") standing for actors named before."""
    if tok.pos_ == "PRON":
        return tok.lower_ in _PRONOUNS
    return tok.tag_ == "NNS" and any(c.dep_ in ("nummod", "det", "predet") and c.lower_ in
                                     ("two", "three", "four", "both") for c in tok.children)  # fmt: skip


class _Sentence:
    """One sentence's parse with the actors `parse` resolved for it."""

    def __init__(self, info: SentenceInfo, actors: list[Found], previous: int | None):
        self.info = info
        self.doc = info.doc
        self.actors = actors
        self.previous = previous  # the holder the discourse is about (for "they", "the three countries")
        self.clause_at = {c.index: c for c in info.clauses if c.index >= 0}

    def actor_in(self, tok: Any) -> int | None:
        """An actor this sentence mentions whose name is in the phrase headed by `tok`."""
        text = f" {self.doc[tok.left_edge.i : tok.i + 1].text.lower()} "
        for actor in self.info.mentioned:
            if any(f" {m.lower()} " in text or f" {m.lower()}'" in text for m in self.actors[actor].mentions if m):
                return actor
        return None

    def subject(self, verb: Any, depth: int = 0) -> int | None:
        """The actor acting as `verb`'s subject: its clause's agents, a group the discourse
        names, or (no subject of its own) that of the verb it depends on."""
        clause = self.clause_at.get(verb.i)
        if clause is not None and clause.agents and not clause.agents_by_rule:
            return clause.agents[0]
        subj = self.subject_token(verb)
        if subj is not None:
            if subj.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                return self.actor_in(verb.head)  # "the union, which welcomed ..."
            actor = self.actor_in(subj)
            if actor is None and subj.pos_ == "PRON" and subj.lower_ in _PRONOUNS:
                report = self.report(verb)  # "Aerlift said it would appeal": the speaker
                return report[1] if report is not None else self.previous
            return self.previous if actor is None and _is_group(subj) else actor
        if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp") and verb.head.i != verb.i and depth < 4:
            return self.subject(verb.head, depth + 1)
        return None

    @staticmethod
    def subject_token(verb: Any) -> Any | None:
        """The verb's subject as written: "by X" of a passive, else its nsubj (None: no subject of its own)."""
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
        if subj is not None and subj.dep_ == "nsubjpass":
            return next((o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"),
                        subj)  # fmt: skip
        return subj

    def asserted(self, tok: Any) -> bool:
        """Not inside what someone did not say or an embedded question ("did not say whether ...")."""
        for anc in [tok, *tok.ancestors]:
            clause = self.clause_at.get(anc.i)
            if clause is not None and clause.reporting and clause.negated and anc.i != tok.i:
                return False
            if anc.dep_ == "ccomp" and anc.i != tok.i and (
                any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in anc.children)
                or anc.left_edge.tag_ in ("WRB", "WP", "WDT")
            ):
                return False
        return True

    def report(self, tok: Any) -> tuple[int, int] | None:
        """(token index, speaker) of the report `tok` is part of the content of: an enclosing
        reporting verb, a trailing "..., X said", or a quote whose speaker a neighbour names."""
        for anc in tok.ancestors:
            clause = self.clause_at.get(anc.i)
            if clause is not None and clause.reporting:
                subject = [c for c in anc.children if c.dep_.startswith("nsubj")]
                if any(s.left_edge.i <= tok.i <= s.right_edge.i for s in subject):
                    return None  # in the speaker's own description
                speaker = clause.agents[0] if clause.agents else self.info.source
                return (anc.i, speaker) if speaker is not None else None
        for t in self.doc:
            clause = self.clause_at.get(t.i)
            if clause is not None and clause.reporting and t.dep_ in ("parataxis", "ccomp") and t.i != tok.i:
                speaker = clause.agents[0] if clause.agents else self.info.source
                if speaker is not None and t.head.i in [a.i for a in tok.ancestors] + [tok.i]:
                    return t.i, speaker
        if self.info.source is not None and self.doc.text[:1] in _QUOTES:
            return -1, self.info.source
        return None

    def holder(self, tok: Any, subject: int | None) -> int | None:
        """The subject, or the speaker when `tok` is reported and the report leads or the subject is no actor."""
        report = self.report(tok)
        if report is None:
            return subject
        at, speaker = report
        return speaker if subject is None or at < tok.i else subject

    def target(self, topic: Any | None, holder: int | None) -> int | None:
        if topic is None:
            return None
        actor = self.actor_in(topic)
        if actor is None:
            actor = next((self.actor_in(c) for c in topic.children if c.dep_ == "poss"), None)
        return actor if actor != holder else None


# --------------------------------------------------------------------------- reading


def read_sentence(info: SentenceInfo, actors: list[Found], previous: int | None = None) -> list[Reading]:
    """Every stance one sentence states, at most one per position (the first predicate's)."""
    if info.doc is None:
        return []
    s = _Sentence(info, actors, previous)
    out: list[Reading] = []
    for tok in info.doc:
        reading = _read(s, tok)
        if reading is not None and all(r.position != reading.position for r in out):
            out.append(reading)
    return out


def _read(s: _Sentence, tok: Any) -> Reading | None:
    lemma, low = tok.lemma_.lower(), tok.lower_
    if not s.asserted(tok):
        return None
    if tok.pos_ == "NOUN" and lemma in _CONSEQUENCES and tok.dep_ == "dobj":
        return _threat(s, tok)
    if tok.pos_ == "VERB" and lemma in _LABELLING and not any(c.dep_ == "prep" and c.lower_ in ("for", "on")
                                                              for c in tok.children):  # fmt: skip
        return _labelling(s, tok)
    if tok.pos_ == "VERB" and (lemma in _VERBS or lemma in _FORWARD):
        return _verb(s, tok, lemma)
    if tok.pos_ == "VERB" and (lemma in _EFFECTS or _harm_idiom(tok)):
        return _effect(s, tok, _EFFECTS.get(lemma, "oppose"))
    if tok.pos_ == "NOUN" and lemma in _NOUNS and tok.tag_ in ("NN", "NNS"):
        return _noun(s, tok, lemma)
    if low in _FEELINGS and (tok.pos_ == "ADJ" or tok.tag_ == "VBN"):
        return _feeling(s, tok, _FEELINGS[low])
    if tok.pos_ in ("ADJ", "NOUN") and (low in _EVALUATIONS or lemma in _EVALUATIONS):
        return _evaluation(s, tok, _EVALUATIONS.get(low) or _EVALUATIONS[lemma])
    return None


def _verb(s: _Sentence, tok: Any, lemma: str) -> Reading | None:
    if tok.dep_ == "amod" or (tok.dep_ == "acl" and tok.tag_ == "VBN") or any(c.dep_ == "prt" for c in tok.children):
        return None  # "the policy aimed at X", "called off", "report back": not an attitude taken
    dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if dobj is not None and dobj.lemma_.lower() in _NOUNS and _about(dobj) is not None:
        if not (_VERBS.get(lemma) == "oppose" == _NOUNS[dobj.lemma_.lower()]):
            return None  # "reaffirmed his commitment to ...": the noun says what and towards what
    if dobj is None:  # "the verdict was welcomed by ...": a passive is about its subject
        dobj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if dobj is not None and dobj.tag_ in ("WDT", "WP"):
        dobj = tok.head if tok.dep_ == "relcl" else None  # "the reforms, which X welcomed"
    clause = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp")), None)
    about = _about(tok)
    if lemma in _FORWARD:
        # "urged Henry to build ...", "called for stronger ...", "stressed that ...": what is put forward.
        topic = clause if clause is not None else (dobj if dobj is not None else about)
        if dobj is not None and topic is dobj and any(c.tag_ in ("WDT", "WP") for c in dobj.children):
            return None  # "what outcome it was seeking": a question, not a position
        if lemma == "ask" and clause is None:
            return None  # "asked questions", "asked for comment": no request of an action
        if lemma in ("call", "press", "appeal") and _about(tok, ("for",)) is None and clause is None:
            return None  # "pressed ahead with", "called the strike on Monday": no request
        topic = _about(tok, ("for",)) if clause is None and lemma in ("call", "press", "appeal") else topic
        if topic is None:
            return None
        halt = _halt(topic)
        position = "oppose" if halt is not None else "support"
        topic = halt if halt is not None and halt.pos_ != "VERB" else topic
    else:
        position = _VERBS[lemma]
        # "thanked Wallace for the contributions", "criticised the agency for relying on ...".
        reason = _about(tok, _REASONS)
        topic = (reason if dobj is not None else None) or dobj or clause or about
        if topic is None:
            return None  # "ran onto the pitch to protest": no object, no stance taken towards anything
        if position == "oppose" and _NOUNS.get(topic.lemma_.lower()) == "oppose":
            position = "support"  # rejecting a criticism defends what it criticised
    if _negated(tok):
        if position != "support":
            return None
        position = "oppose"
    subject = s.subject(tok)
    if subject is None and s.subject_token(tok) is not None:
        return None  # "countries that are supporting ...": someone not an actor holds it
    holder = s.holder(tok, subject)
    if holder is None:
        return None
    target = s.actor_in(dobj) if dobj is not None else None
    recipients = s.clause_at[tok.i].recipients if tok.i in s.clause_at else []
    target = target if target is not None else next((r for r in recipients if r != holder), None)
    return Reading(holder, position, _phrase(topic), target if target != holder else s.target(topic, holder), tok.i)


def _labelling(s: _Sentence, tok: Any) -> Reading | None:
    """"calling his performance 'a disgrace'", "regard it as vital", "a killing they described as heinous"."""
    labels = [c for c in tok.children if c.dep_ in ("oprd", "attr", "ccomp")]
    labels += [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" for o in c.subtree]
    labels += [a for c in tok.children if c.dep_ == "dobj" for a in c.children if a.dep_ == "appos"]
    word = next((t for lab in labels for t in lab.subtree
                 if t.lower_ in _EVALUATIONS or t.lemma_.lower() in _EVALUATIONS), None)  # fmt: skip
    if word is None:
        return None
    position = _EVALUATIONS.get(word.lower_) or _EVALUATIONS[word.lemma_.lower()]
    if _negated(tok) or _negated(word):
        return None
    holder = s.holder(tok, s.subject(tok))
    if holder is None:
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if (obj is None or obj.tag_ in ("WDT", "WP")) and tok.dep_ in ("relcl", "ccomp"):
        obj = tok.head if tok.dep_ == "relcl" else obj  # "a killing the department described as heinous"
    if obj is None:  # "called the cut reckless": the small clause's other half
        obj = next((c for c in labels if c.i != word.i and word.i not in [t.i for t in c.subtree]
                    and c.pos_ in ("NOUN", "PROPN")), None)  # fmt: skip
    topic = obj if obj is not None and obj.pos_ != "PRON" else word
    return Reading(holder, position, _phrase(topic), s.target(topic, holder), tok.i)


def _harm_idiom(tok: Any) -> bool:
    """"put X at risk", "broke the rules": harm said with a common verb."""
    lemma = tok.lemma_.lower()
    if lemma == "put":
        return any(t.lower_ == "risk" and t.head.lower_ == "at" for t in tok.subtree)
    if lemma == "crack":  # "cracked down on protests"
        return any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children)
    return lemma == "break" and any(c.dep_ == "dobj" and c.lemma_.lower() in ("rule", "law") for c in tok.children)


def _effect(s: _Sentence, tok: Any, position: str) -> Reading | None:
    """"She said the policies were undermining ...", "put investment at risk": the speaker on what has the effect."""
    report = s.report(tok)
    subj = s.subject_token(tok)
    while subj is None and tok.dep_ in ("conj", "xcomp") and tok.head.i != tok.i:
        tok = tok.head  # "continued to put ... and were undermining ...": the first verb's subject
        subj = s.subject_token(tok)
    if report is None or subj is None or subj.pos_ == "PRON" or _negated(tok):
        return None
    return Reading(report[1], position, _phrase(subj), s.target(subj, report[1]), tok.i)


def _threat(s: _Sentence, tok: Any) -> Reading | None:
    """"any new assault would carry a high cost", "ready to impose heavy penalties if Russia escalated":
    a severe consequence held out against what would bring it."""
    if not any(c.dep_ == "amod" and c.lower_ in _SEVERE for c in tok.subtree):
        return None
    verb = tok.head
    condition = next((c for c in verb.children if c.dep_ == "advcl"
                      and any(m.lower_ in ("if", "unless") for m in c.children)), None)  # fmt: skip
    if condition is None:  # "penalties ... in response to any further military action"
        response = next((p for p in verb.subtree if p.lower_ == "to" and p.head.lower_ == "response"), None)
        condition = next((o for o in response.children if o.dep_ == "pobj"), None) if response is not None else None
    future = any(c.dep_ == "aux" and c.lower_ in ("would", "will", "could") for c in verb.children)
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
    return Reading(holder, "oppose", _phrase(topic), s.target(topic, holder), tok.i)


def _noun(s: _Sentence, tok: Any, lemma: str) -> Reading | None:
    """"voiced concern over ...", "Washington's worries about ...", "U.S. support for ..."."""
    head = tok
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    verb = head.head if head.dep_ in ("dobj", "attr", "nsubj", "nsubjpass") else None
    if head.dep_ == "pobj" and head.head.head.pos_ == "VERB":
        verb = head.head.head  # "pointed to ... as evidence of Washington's backing"
    about = _about(tok)
    if about is None:  # "a wish for Jerusalem to be ...": a clause of its own
        about = next((c for c in tok.children if c.dep_ in ("acl", "advcl") and c.pos_ in ("VERB", "AUX")), None)
    if about is None and verb is not None and head.dep_ == "dobj":
        about = _about(verb)  # "showed solidarity with ...", the parser hanging "with" on the verb
    if about is None:
        return None  # "support" for nothing named: aid, staff or a noun, not a stance
    holder = s.subject(verb) if verb is not None and head.dep_ in ("dobj", "attr") else None
    if holder is None:
        holder = next((a for c in tok.children if c.dep_ in ("poss", "compound")
                       for a in [s.actor_in(c)] if a is not None), None)  # fmt: skip
    holder = s.holder(verb if verb is not None else tok, holder)
    if holder is None:
        return None
    position = _NOUNS[lemma]
    if verb is not None and head.dep_ == "dobj" and _negated(verb):
        if position != "support":
            return None
        position = "oppose"
    return Reading(holder, position, _phrase(about), s.target(about, holder), tok.i)


def _feeling(s: _Sentence, tok: Any, position: str) -> Reading | None:
    """"Aerlift said it was disappointed", "the union is open to talks": a feeling said of an actor."""
    head = tok.head if tok.dep_ in ("acomp", "oprd") else tok
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    holder = s.subject(head) if head.i in s.clause_at else None
    if holder is None:
        holder = s.actor_in(subj)
    if holder is None and subj.pos_ == "PRON":
        report = s.report(tok)
        holder = report[1] if report is not None else s.previous if _is_group(subj) else None
    holder = s.holder(tok, holder)
    if holder is None:
        return None
    if _negated(head) or _negated(tok):
        if position != "support":
            return None
        position = "oppose"
    topic = _about(tok) or next((c for c in tok.children if c.dep_ == "xcomp"), None)
    if topic is None:  # "said it was disappointed and would study the judgment": the next object named
        topic = next((t for t in s.doc[tok.i + 1 :] if t.dep_ in ("dobj", "pobj") and t.pos_ == "NOUN"), None)
    text = _phrase(topic) if topic is not None else tok.text
    return Reading(holder, position, text, s.target(topic, holder), tok.i)


def _evaluation(s: _Sentence, tok: Any, position: str) -> Reading | None:
    """An evaluation in reported speech: "the decision had been 'a clear mistake'", "she got it right"."""
    report = s.report(tok)
    if report is None:
        return None
    word = tok.head if tok.dep_ == "amod" else tok  # "a clear mistake", "the right home"
    if word.dep_ == "conj" and _negated(word):
        word, negated = word.head, True  # "full but not silly"
    else:
        negated = False
    if word.dep_ not in ("attr", "acomp", "oprd", "ccomp", "pobj"):
        return None
    if word.dep_ == "pobj" and word.head.lower_ not in ("to", "as"):
        return None  # "amounted to 'a betrayal'"; not "in a good way"
    head = word.head.head if word.dep_ == "pobj" else word.head
    subj = next((c for c in (word if word.dep_ == "ccomp" else head).children if c.dep_ in ("nsubj", "nsubjpass")),
                None)  # fmt: skip
    if negated or _negated(head) or _negated(word):
        if position == "concern":
            return None
        position = "support" if position == "oppose" else "oppose"
    topic = subj if subj is not None and subj.pos_ != "PRON" else word
    return Reading(report[1], position, _phrase(topic), s.target(topic, report[1]), tok.i)


# --------------------------------------------------------------------------- the article


def find(analysis: Analysis, keep: set[int]) -> list[Item]:
    """The article's stances, in order: each sentence's readings whose holder is a kept actor.

    A sentence with no reading of its own that quotes the holder of the stance just before
    ("'It comes out of our pay packets,' said the union's chairwoman") continues that
    stance: it is cited as more evidence, not counted as a stance of its own.
    """
    items: list[Item] = []
    seen: set[str] = set()
    previous: int | None = None
    last_number = -1
    for info in analysis.sentences:
        key = re.sub(r"\W+", " ", info.text).strip().lower()[:60]
        if key in seen:  # a quoted tweet repeated verbatim is one stance, not two
            continue
        seen.add(key)
        readings = [r for r in read_sentence(info, analysis.actors, previous) if r.holder in keep]
        last = items[-1] if items and last_number == _before(analysis, info.number) else None
        if not readings:
            if last is not None and info.source is not None and info.source == last.reading.holder:
                last.evidence.append(info.number)
                last_number = info.number
            else:
                previous = previous if last is not None else None
            continue
        for reading in readings:
            evidence = [info.number]
            named_in = info.resolved_from.get(reading.holder)
            if named_in is not None:  # "he", "the minister": also cite the sentence that names the holder
                evidence.append(named_in)
            items.append(Item(reading, info, evidence))
        previous, last_number = readings[-1].holder, info.number
    return items


def _before(analysis: Analysis, number: int) -> int:
    """The number of the sentence just before `number` in the analysis."""
    earlier = [s.number for s in analysis.sentences if s.number < number]
    return earlier[-1] if earlier else -2
