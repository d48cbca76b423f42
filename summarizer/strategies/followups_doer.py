"""Who does what a thing is said to do next, when the clause names no doer of its own.

`followups._actors` asks here once the clause's subject names no actor: a passive with no agent
takes the actor of the clause coordinated with it ("a hearing will be held on May 2, and the
office expects to publish"); a definite noun taken up from the sentence before takes the doer
it had there ("the council approved a scheme. The scheme will pay ...", "asked the board to
review the accounts. The review is due ..."). Both read only the grammar of one or two sentences,
never the article's most mentioned actor. A plan left to whoever announced it is also the
organisation whose office the announcer holds. A common noun ("the office", "a department
spokeswoman") stands for the one institution whose name it heads; an act named only by a bare
noun ("Construction is due to start in 2028"), with no doer found any other way, is the project of
whoever the article's first sentence says acts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .actor_kinds import GOVERNMENT_BODIES, SHARED_BODIES, head_noun
from .followups_grammar import lemma, reporting_clause, subject_of
from .followups_said import INERT
from .followups_side import named
from .lexicon import RELATIVE_PRONOUNS
from .parse_actors import INSTITUTIONS, SPEAKER_NOUNS
from .parse_people import person_noun
from .parse_types import Analysis, Clause, SentenceInfo
from .words import word_tables

__all__ = [
    "antecedent", "bracketed", "by_head", "given_until", "lead_acts_on", "lead_doers", "nominal_act", "partner_of",
    "relative_speaker", "runs_its_course", "spoken_for", "spoken_through", "staff_of", "undone",
]  # fmt: skip


def partner_of(verb: Any, clauses: dict[int, Clause], analysis: Analysis, ids: dict[int, str]) -> list[int]:
    """For a thing acted on with no doer named ("a hearing will be held on May 2"), the actor of the
    clause coordinated with it in the same sentence ("... and the office expects to publish")."""
    subject = subject_of(verb)
    if subject is None or subject.dep_ != "nsubjpass" or subject.pos_ == "PRON":
        return []
    if any(c.dep_ == "agent" for c in verb.children):
        return []
    head = verb.head if verb.dep_ == "conj" else verb
    for other in [head, *(c for c in head.children if c.dep_ == "conj")]:
        if other.i == verb.i or any(c.dep_ == "ccomp" for c in other.children):
            continue  # "..., and the institute said rivers could rise": who reports is no doer
        own = next((c for c in other.children if c.dep_ == "nsubj"), None)  # its own active subject
        if own is not None and own.pos_ != "PRON":
            got = named(list(own.subtree), analysis, ids)
            clause = clauses.get(other.i)
            if not got and clause is not None and not clause.agents_by_rule:  # "the office": resolved by the parse
                got = [a for a in clause.agents if a in ids]
            if got:
                return got
    return []


def antecedent(subject: Any, before: SentenceInfo | None, analysis: Analysis, ids: dict[int, str]) -> list[int]:
    """Who did what a definite noun takes up from the sentence before: the doer of the verb it names
    ("the ministry ordered ... The order takes effect"), the agent of the noun's passive ("a scheme was
    approved by the council") or the doer of the clause it is the object of ("the council approved a
    scheme")."""
    if before is None or before.doc is None or subject.pos_ != "NOUN":
        return []
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children):
        return []
    word = subject.lemma_.lower()
    clauses = {c.index: c for c in before.clauses if c.index >= 0}

    def doers(verb: Any) -> list[int]:
        clause = clauses.get(verb.i)
        return [a for a in clause.agents if a in ids] if clause is not None and not clause.agents_by_rule else []

    for tok in before.doc:
        if tok.lemma_.lower() != word:
            continue
        if tok.pos_ == "VERB":
            got = doers(tok)
        elif tok.pos_ == "NOUN" and tok.dep_ == "nsubjpass":
            by = [t for c in tok.head.children if c.dep_ == "agent" for t in c.subtree]
            got = named(by, analysis, ids) or (doers(tok.head) if by else [])
        elif tok.pos_ == "NOUN" and tok.dep_ == "dobj":
            got = doers(tok.head)
        else:
            got = []
        if got:
            return got
    return []


def spoken_for(speakers: list[int], analysis: Analysis, ids: dict[int, str]) -> list[int]:
    """The organisations whose office the speakers hold ("its general secretary, Fergal Moran, said
    lecturers would stop marking": the association's step too), not a country ("Spain's minister")."""
    out: list[int] = []
    for a in speakers:
        anchor = analysis.actors[a].anchor
        if anchor is not None and anchor in ids and anchor not in speakers + out:
            if analysis.actors[anchor].label != "GPE":
                out.append(anchor)
    return out


def given_until(verb: Any) -> bool:
    """A time limit set for the clause's subject ("have until March 5 to file"): who reports it set
    the limit, the step is the subject's."""
    have = verb.head if verb.dep_ == "xcomp" else verb
    return have.lemma_.lower() == "have" and any(c.dep_ == "prep" and c.lower_ == "until" for c in have.children)


def by_head(phrase: Any, analysis: Analysis, ids: dict[int, str]) -> list[int]:
    """The institution a common noun phrase names by the head noun of its name, when exactly one kept
    institution's name ends in it ("a department spokeswoman" for "Canada's transport department", "the
    office" for "the Environmental Compliance Office"); of two ("the institute" with two institutes), none."""
    nouns = {t.lemma_.lower() for t in [phrase, *(c for c in phrase.children if c.dep_ == "compound")]
             if t.pos_ in ("NOUN", "PROPN") and t.text.islower()}  # fmt: skip
    if not nouns or phrase.pos_ != "NOUN":
        return []
    got = [i for i in ids if analysis.actors[i].label in ("ORG", "INSTITUTION")
           and head_noun(analysis.actors[i].name) in nouns]  # fmt: skip
    return got if len(got) == 1 else []


def staff_of(
    phrase: Any,
    analysis: Analysis,
    ids: dict[int, str],
    info: SentenceInfo,
    speakers: Sequence[int] = (),
    told: Any = None,
) -> list[int]:
    """Bare "officials", "officers", "councillors" as a subject (no body, place or person named in the
    phrase) after a first sentence whose one doer is a public body ("Glenmorra County Council froze ...
    Officials will report in May"): that body's staff, when nothing else in the article could own them.
    Not a body the lead does not name, nor one of two doers, nor a court (it has no officials who act
    on its ruling), nor when the lead or a sentence before names another public body ("The state
    government objected. Officials will meet the council"), or staff another owns ("Customs officers
    seized ... Officers will search", "Its officials will file ... Officials will meet"), nor when
    another body reports it ("officers will patrol the beach, the police said"), the clause acts on the
    body itself ("officials will meet the ministry"), or the staff report another's step (`told`:
    "officials said the tobacco companies would appeal"). Bare "officers" are so often the police that
    only officers the article has already named as the body's own are ("requiring officers to report
    ... officers must tell the contractor")."""
    word = phrase.lemma_.lower()
    if phrase.dep_ != "nsubj" or phrase.tag_ not in ("NNS", "NNPS") or word not in _STAFF:
        return []
    if any(c.dep_ != "det" or c.lower_ != "the" for c in phrase.children):
        return []  # "health officials", "officials in Brussels", "its officers", "two officials"
    lead = lead_doers(analysis, ids)
    body = analysis.actors[lead[0]] if len(lead) == 1 else None
    public = GOVERNMENT_BODIES | SHARED_BODIES
    head = head_noun(body.name) if body is not None else ""
    if body is None or body.label not in ("ORG", "INSTITUTION") or head not in public:
        return []
    if head in _BENCHES or (speakers and lead[0] not in speakers):
        return []
    # (councillors sit on a council: only another council could own them)
    rivals = {"council"} if word in _COUNCILLORS else public
    if word in _COUNCILLORS and head not in rivals:
        return []
    earlier = [s for s in analysis.sentences if s.number < info.number]
    if any(a in ids and a != lead[0] and analysis.actors[a].label in ("ORG", "INSTITUTION")
           and head_noun(analysis.actors[a].name) in rivals for s in earlier for a in s.mentioned):  # fmt: skip
        return []  # "The Orre Regional Government said it would not enforce the ban. ... Officials will meet"
    staff = [t for s in earlier[1:] if s.doc is not None for t in s.doc if t.lemma_.lower() in _STAFF]
    if any(c.dep_ in ("compound", "poss", "prep", "amod", "nmod") for t in staff for c in t.children):
        return []  # "Officials from the tobacco industry said ... Officials will lodge the appeal"
    if word in _POLICED and not any(t.lemma_.lower() == word and t.dep_ not in ("nsubj", "nsubjpass") for t in staff):
        return []  # "Protesters blocked the gates. Officers will return": the police
    verb = phrase.head
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    owners = {t.i for c in objects for k in c.children if k.dep_ == "poss" for t in k.subtree}
    acted_on = [t for c in objects for t in c.subtree if t.i not in owners]  # (not "the ministry's inspectors")
    if lead[0] in named(acted_on, analysis, ids) + [a for c in objects for a in by_head(c, analysis, ids)]:
        return []  # "Officials will meet the ministry": not the ministry's own
    who = subject_of(told) if told is not None else None
    if who is not None and who.dep_ == "nsubj" and who.pos_ != "PRON" and (
            person_noun(who) or who.lemma_.lower() in INSTITUTIONS):  # fmt: skip
        return []  # "Officials said the tobacco companies would appeal": the companies' step
    return lead


_NOMINAL = re.compile(r"(?:tion|sion|ment|ing)$")


def nominal_act(subject: Any) -> bool:
    """A bare noun that names an act by its verb ("Construction", "Drilling", "public consultation"):
    no article or possessor, and no actor in it."""
    return bool(subject.pos_ == "NOUN" and subject.tag_ == "NN" and _NOMINAL.search(subject.lower_)
                and not any(c.dep_ in ("det", "poss") for c in subject.children))  # fmt: skip


def lead_doers(analysis: Analysis, ids: dict[int, str]) -> list[int]:
    """Who the article's first sentence says acts (its main clause's named doers): whose project an
    act named only by a noun later is ("The council voted to build a line ... Construction starts in 2028")."""
    if not analysis.sentences:
        return []
    first = analysis.sentences[0]
    return [a for c in first.clauses if c.dep == "ROOT" and not c.agents_by_rule for a in c.agents if a in ids]


def relative_speaker(report: Any, analysis: Analysis, ids: dict[int, str]) -> list[int]:
    """Who reports in a relative clause ("Nordhavn Seafood, the largest processor in the town, which said it
    would lay off 140 workers"): the first actor named up the noun phrase the clause hangs on, through its
    prepositions and appositions (the parse may hang "which" on "the town")."""
    if not any(c.dep_ == "nsubj" and c.text in RELATIVE_PRONOUNS for c in report.children) or report.dep_ != "relcl":
        return []
    tok = report.head
    while True:
        got = named([tok, *(c for c in tok.children if c.dep_ in ("compound", "det", "amod"))], analysis, ids)
        if got or tok.dep_ not in ("pobj", "prep", "appos") or tok.head.i == tok.i:
            return got
        tok = tok.head


def undone(verb: Any) -> bool:
    """A thing acted on by no one named and by no one who says so: a passive whose subject is a common
    noun and that has no agent ("the zone could be extended", "any shipment will be stopped"), not
    reported ("officials said the plan would be needed"); the subject of the verb itself (not "a
    laboratory has been asked to test": the laboratory tests)."""
    subject = subject_of(verb)
    if subject is None or reporting_clause(verb) is not None:
        return False
    return bool(subject.dep_ == "nsubjpass" and subject.head.i == verb.i and subject.pos_ == "NOUN"
                and not person_noun(subject)  # (not "a man will be charged": not the lead's doer's to do)
                and not any(c.dep_ == "agent" for c in verb.children))  # fmt: skip


(_COURSE, _SPOKEN_FOR, _STAFF, _BENCHES, _POLICED, _COUNCILLORS) = word_tables(
    "followups_doer", "_COURSE _SPOKEN_FOR _STAFF _BENCHES _POLICED _COUNCILLORS"
)


def runs_its_course(verb: Any, analysis: Analysis) -> bool:
    """A thing the lead sentence names that runs its own course ahead, with no doer in the clause and no
    one who says so ("... awarded the national lottery licence to Tembo. The ten-year licence starts on
    March 1", "agreed to close the lock ... the lock will close on June 1"): a common noun that is no
    person or group, and a verb of its course with no object (but "take effect"); not a measure, a
    decision or a sum, which runs by itself once in force; not a thing the lead does not name ("the storm
    will end on Friday")."""
    subject = subject_of(verb)
    if subject is None or subject.dep_ != "nsubj" or subject.pos_ != "NOUN" or reporting_clause(verb) is not None:
        return False
    word = subject.lemma_.lower()
    if person_noun(subject) or word in INERT:
        return False  # (people and groups; a measure runs by itself)
    if lemma(verb) not in _COURSE:
        return False
    if not all(o.lower_ == "effect" for o in verb.children if o.dep_ == "dobj"):
        return False
    lead = analysis.sentences[0].doc if analysis.sentences else None
    return lead is not None and any(t.pos_ == "NOUN" and t.lemma_.lower() == word for t in lead)


def lead_acts_on(verb: Any, analysis: Analysis, ids: dict[int, str], info: SentenceInfo) -> bool:
    """Whether the clause's subject is a thing the lead's doer acts on, in the lead or a sentence before the
    clause: the object of a verb the doer does ("said it had ordered 1.2 million doses ... The first doses
    are expected", "has set up a control zone ... the zone could be extended") or the subject of a passive
    with no agent the doer reports ("said the trial would be delayed ... The trial will resume"); not a
    thing only mentioned ("because of the storm", "during the festival"), nor the object of a purpose ("hired
    drivers to break the strike") or of a negated verb ("would not renew the lease"), nor any other thing
    ("The cup final will be played")."""
    subject = subject_of(verb)
    doers = set(lead_doers(analysis, ids))
    if subject is None or not doers:
        return False
    word = subject.lemma_.lower()
    for before in analysis.sentences:
        if before is info:
            return False
        clauses = {c.index: c for c in before.clauses if c.index >= 0}
        for clause in clauses.values():
            tok = clause.verb_in(before.doc)
            if tok is None:
                continue
            if clause.dep not in ("ROOT", "ccomp", "xcomp", "conj") or clause.negated or (
                    tok.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in tok.head.children)):  # fmt: skip
                continue  # (what the doer does not do, or another is to do: "asked the firm to run a service")
            ours = bool(set(clause.agents) & doers)
            told = clauses.get(tok.head.i) if tok.dep_ == "ccomp" else None  # a passive the doer reports
            told_by = told is not None and told.reporting and bool(set(told.agents) & doers)
            if not ours and not (told_by and not any(c.dep_ == "agent" for c in tok.children)):
                continue
            kinds = ("dobj", "nsubjpass") if ours else ("nsubjpass",)
            things = [c for c in tok.children if c.dep_ in kinds]
            things += [c for t in things for c in t.children if c.dep_ == "conj"]
            if any(t.lemma_.lower() == word for t in things):
                return True
    return False


def spoken_through(phrase: Any, analysis: Analysis, ids: dict[int, str]) -> list[int]:
    """The body an unnamed speaker speaks for ("a spokeswoman for the operator", "a spokesman of the
    ministry", "for the union and the authority"): the actors whose name the "for"/"of" phrase of a speaker
    noun that is no actor itself heads; not one named inside it ("a spokesman for the family of Ana Ruiz",
    "for the ministry's critics", "for the campaign against Calder Mining": none)."""
    if phrase.pos_ != "NOUN" or phrase.lemma_.lower() not in SPEAKER_NOUNS:
        return []
    bodies = [o for c in phrase.children if c.dep_ == "prep" and c.lower_ in _SPOKEN_FOR for o in c.children
              if o.dep_ == "pobj"]  # fmt: skip
    bodies += [c for o in bodies for c in o.conjuncts if c.pos_ in ("NOUN", "PROPN")]
    out: list[int] = []
    for body in bodies:
        aside = {t.i for a in body.children if a.dep_ in ("prep", "relcl", "acl", "appos", "conj", "cc")
                 for t in a.subtree}  # fmt: skip
        for a in named([t for t in body.subtree if t.i not in aside], analysis, ids):
            actor = analysis.actors[a]
            if a not in out and any(body.text in form.split() for form in [actor.name, *actor.mentions]):
                out.append(a)  # (the phrase's head is in the actor's name: the body itself)
    return out


def bracketed(tokens: list[Any]) -> set[int]:
    """The positions of the tokens inside parentheses: an aside, not part of the phrase's reference (a
    dateline's "(Nilepoint News)" that the parser folds into the subject after it)."""
    out: set[int] = set()
    depth = 0
    for tok in tokens:
        if tok.text == "(":
            depth += 1
        elif tok.text == ")":
            depth = max(depth - 1, 0)
        elif depth:
            out.add(tok.i)
    return out
