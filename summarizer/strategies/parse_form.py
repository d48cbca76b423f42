"""Where a verb sits in its sentence and how it is inflected: the form half of a `Clause`.

Dependency label and head, tense and aspect from the tag and auxiliaries, modality, voice,
the subject's and objects' head words, particles, whether the verb stands inside a direct
quotation, and whether its only complement is an amount. `guided_events` reads these to
tell a reported event from a plan, a description or a quoted remark. Parse labels and
closed classes of English function words only.
"""

from __future__ import annotations

import re
from typing import Any

from .lexicon import (
    AMOUNT_PREPS,
    CONDITION_MARKS,
    CONTENT_PREPS,
    FUTURE_MODALS,
    HYPOTHETICAL_MODALS,
    LABEL_BLOCKING_PREPS,
)
from .parse_actors import GROUP_NOUNS, INSTITUTIONS, ROLE_NOUNS
from .parse_coref import name_of
from .parse_types import Clause
from .stance_words import EVALUATIONS
from .words import word_tables

__all__ = [
    "auxiliary_words", "clause_form", "conditional", "dative", "demanded_of", "denied", "found_by",
    "has_modal", "heard", "hearsay_frame", "labelled",
    "author", "misread_root",
    "nothing_done", "noun_preps", "only_degree", "owned_thing", "progressive", "pronoun_owned", "quote_left_open",
    "quoted_tokens", "rule_tables", "unread_name", "verb_lemma", "willed",
]  # fmt: skip

(
    MODALS, _PAST_AUX, _AMOUNTS, _WHEN, _SETTING, IRREALIS, DENIALS, _WH, _OPEN, _QUOTES, _OPENING, _NAMING,
    _COMPLEMENTS, _FARTHER, _AUTHORED, _AUTHORS, HEARSAY,
) = word_tables(
    "parse_form",
    "MODALS _PAST_AUX _AMOUNTS _WHEN _SETTING IRREALIS DENIALS _WH _OPEN _QUOTES _OPENING _NAMING _COMPLEMENTS "
    "_FARTHER _AUTHORED _AUTHORS HEARSAY"
)  # fmt: skip


# A stem of one syllable closed by a single consonant ("hop", "fin", "plan"): English doubles that
# consonant before -ed and -ing ("hopped", "planning"), so an undoubled form is of a stem in -e.
_SHORT_STEM = re.compile(r"[^aeiou]*[aeiou][^aeiouwxy]")


def verb_lemma(tok: Any) -> str:
    """A verb's lemma, lower case, with the -e the lemmatizer drops from some stems put back:
    "hoped" and "fined" are of "hope" and "fine" ("hop" and "fin" would make "hopped", "finned")."""
    lemma = str(tok.lemma_).lower()
    text = str(tok.lower_)
    if tok.pos_ in ("VERB", "AUX") and _SHORT_STEM.fullmatch(lemma) and text in (lemma + "ed", lemma + "ing"):
        return lemma + "e"
    return lemma


def quoted_tokens(doc: Any) -> set[int]:
    """Token positions inside quotation marks. A quote closed before any opens continues one
    from the sentence before ('Today they lost," he said.'): the words before it are quoted."""
    inside: set[int] = set()
    depth = 0
    first_close: int | None = None
    for tok in doc:
        if tok.text in _QUOTES:
            # A straight quote opens when it follows a space (or starts the sentence) and sticks to the next word.
            straight_open = (
                tok.text == '"'
                and (tok.i == 0 or bool(doc[tok.i - 1].whitespace_))
                and (tok.i + 1 < len(doc) and not tok.whitespace_)
            )
            if tok.text in _OPENING or straight_open:
                depth += 1
            elif depth:
                depth -= 1
            elif first_close is None:
                first_close = tok.i
        elif depth:
            inside.add(tok.i)
    if first_close is not None:
        inside.update(range(first_close))
    return inside


def quote_left_open(doc: Any) -> bool | None:
    """Whether a sentence ends inside a quotation it opened ('"I spoke to a driver today.' goes on in
    the next sentence); None if it has no quotation mark (it leaves the state as it found it)."""
    if not any(t.text in _QUOTES for t in doc):
        return None
    return len(doc) - 1 in quoted_tokens(doc)  # (its last token, the full stop, still quoted)


def denied(tok: Any) -> bool:
    """Whether a word is denied by what governs it, up to its clause's verb."""
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.lemma_.lower() in DENIALS:
            return True
        if tok.pos_ in ("VERB", "AUX"):
            return False
    return False


def nothing_done(verb: Any, negated: bool) -> bool:
    """Whether a verb tells that nothing was done: its object denied by "no" ("gave no timetable",
    "made no decision"), or, denied itself, it leaves a question open ("did not indicate whether")."""
    kids = list(verb.children)
    if any(c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children) for c in kids):
        return True
    return negated and any(
        c.dep_ in ("ccomp", "xcomp") and any(t.tag_ in _WH or t.lower_ in _OPEN for t in c.subtree) for c in kids
    )


def only_degree(verb: Any) -> bool:
    """Whether a verb's only complement is a comparative adverb of degree ("went further", "went
    further at a briefing"): a frame announcing what comes next, not an act (nor "pressed further
    for talks": a complement there tells what was done)."""
    kids = list(verb.children)
    told = [c for c in kids if c.dep_ in _COMPLEMENTS or c.dep_ == "prep" and c.lower_ not in _SETTING and not any(
        o.ent_type_ in _WHEN for o in c.children)]  # (an occasion or a date is no complement: "at a briefing")
    return any(c.dep_ == "advmod" and (c.tag_ == "RBR" or c.lower_ in _FARTHER) for c in kids) and not told


def auxiliary_words(verb: Any) -> list[str]:
    """A verb's auxiliaries, lower case, in order ("would", "have", "been")."""
    return [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]


def has_modal(verb: Any) -> bool:
    """Whether a modal auxiliary puts the verb ahead of the report ("would fight", "may appeal")."""
    return any(a in MODALS for a in auxiliary_words(verb))


def progressive(verb: Any) -> bool:
    """Whether a verb is in the progressive ("was studying", "are reviewing"): what was going on."""
    return bool(verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children))


def occasions(verb: Any) -> list[tuple[Any, Any]]:
    """(occasion, partner) of "in a call with X", "during talks with X", "at a meeting with X":
    an occasion the verb happened in and who it was shared with."""
    # (the parser often hangs the occasion on the object: "discussed [the plan in a call with X]")
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    return [
        (o, w)
        for c in (c for h in heads for c in h.children) if c.dep_ == "prep" and c.lower_ in _SETTING
        for o in c.children if o.dep_ == "pobj"
        for p in o.children if p.dep_ == "prep" and p.lower_ == "with"
        for w in p.children if w.dep_ == "pobj"
    ]  # fmt: skip


def noun_preps(noun: Any) -> list[Any]:
    """A noun's prepositions, with those the parser hung on an amount the noun holds: in "a claim
    for 4 million euros against X" the claim, not the euros, is against X."""
    preps = [c for c in noun.children if c.dep_ == "prep"]
    amounts = [o for p in preps for o in p.children if o.dep_ == "pobj" and _amount(o)]
    return preps + [c for a in amounts for c in a.children if c.dep_ == "prep"]


def owned_thing(noun: Any) -> bool:
    """A common noun with a possessor that names no actor itself ("X's gratitude", "the
    company's thanks"), as opposed to an office or institution ("Qatar's minister")."""
    lemma = noun.lemma_.lower()
    return (noun.pos_ == "NOUN" and lemma not in ROLE_NOUNS | INSTITUTIONS | GROUP_NOUNS
            and any(c.dep_ == "poss" for c in noun.children))  # fmt: skip


def demanded_of(verb: Any) -> list[Any]:
    """ "demanded that the council publish the study", "urged the report be released": the subject of a
    demand's content clause is the one it is made of (the caller checks the verb is a request)."""
    return [s for c in verb.children if c.dep_ == "ccomp" for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]


def pronoun_owned(noun: Any) -> bool:
    """ "her letter", "its role": a noun a pronoun owns (whose owner is found by guess, not by name)."""
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)


def unread_name(noun: Any) -> tuple[str, str] | None:
    """(name, entity label) of an object's proper name the parse left unread: apposed to a common
    noun that describes it ("ordered the budget airline Skyvale to ...", the recogniser missing it and
    the tagger perhaps calling it a common noun), or folded into the amount an act gives or takes
    ("fined Keller Shipping 2 million euros": the one fined, not a kind of euro)."""
    if noun.pos_ == "NOUN" and not _amount(noun):
        return next(((name_of(c), "ORG") for c in noun.children if c.dep_ == "appos" and not c.ent_type_
                     and c.pos_ in ("PROPN", "NOUN") and c.text[:1].isupper()), None)  # fmt: skip
    if not _amount(noun) or noun.i == noun.left_edge.i:
        return None
    lead = list(noun.doc[noun.left_edge.i : noun.i])
    first = next((k for k, t in enumerate(lead) if t.like_num or t.pos_ in ("NUM", "SYM")), len(lead))
    name = [t for t in lead[:first] if t.pos_ == "PROPN"]
    if not name or len(name) != first or any(t.dep_ not in ("compound", "nmod") for t in name):
        return None
    label = name[-1].ent_type_ if name[-1].ent_type_ in ("PERSON", "ORG", "GPE") else "ORG"
    return " ".join(t.text for t in name), label


def dative(tok: Any) -> Any:
    """The one given to: an indirect object, or the object of a "to" the parser took for one ("sent a
    letter to X")."""
    if tok.pos_ != "ADP":
        return tok
    return next((o for o in tok.children if o.dep_ == "pobj"), tok)


def _amount(noun: Any) -> bool:
    """ "4 million euros", "$2m", "30 percent": a number, or a noun counted by one."""
    return noun.ent_type_ in _AMOUNTS or any(c.dep_ == "nummod" and (c.ent_type_ in _AMOUNTS or c.like_num)
                                             for c in noun.children)  # fmt: skip


def author(subject: Any) -> Any:
    """The body a finding is by, when it is the subject ("a report by the X Inspectorate, published
    on Tuesday, found ..."): the finding's by- or from-phrase, else the subject itself."""
    if subject is None or subject.dep_ != "nsubj" or subject.lemma_.lower() not in _AUTHORED:
        return subject  # (not "a report by X was rejected": the report is what is acted on)
    by = (o for p in subject.children if p.dep_ == "prep" and p.lower_ in _AUTHORS
          for o in p.children if o.dep_ == "pobj" and o.ent_type_ not in _WHEN)  # not "a survey from last year"
    return next(by, subject)


def found_by(verb: Any) -> bool:
    """Whether the verb's subject is a finding ("polls by the institute suggested ...", "a study shows ...")."""
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in _AUTHORED for c in verb.children)


def hearsay_frame(frame: str, passive: bool, infinitive: set[str]) -> bool:
    """A verb of hearsay (`frame`, a lemma) in the passive over a perfect infinitive (its auxiliaries):
    "X is said to have told Y", "is understood to have advised Y" (not "is expected to have finished",
    no hearsay; not "is said to be in talks", no act told). The one test for the parse (the doer is the
    raised subject, X) and for the events (`event_lines.hearsay`: the act is on the main line)."""
    return frame in HEARSAY and passive and {"to", "have"} <= infinitive


def heard(verb: Any) -> bool:
    """An act told by hearsay (`hearsay_frame`), not denied: its doer is the raised subject."""
    head = verb.head
    passive = any(c.dep_ == "nsubjpass" for c in head.children)
    infinitive = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return verb.dep_ == "xcomp" and hearsay_frame(head.lemma_.lower(), passive, infinitive) and not denied(head)


def misread_root(verb: Any) -> bool:
    """Whether a finite past verb hangs on a noun that roots the sentence ("Its chair, Sara Nystrom,
    accused X of ..." parsed as a noun phrase): a finite verb modifies no noun, so it is the main verb
    and the noun its subject. (A participle, "the plan approved by X", is tagged VBN.)"""
    head = verb.head
    return bool(verb.dep_ == "acl" and verb.tag_ == "VBD" and head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN"))


def clause_form(verb: Any) -> dict[str, Any]:
    """The `Clause` fields that describe the verb's place and form (keyword arguments)."""
    kids = list(verb.children)
    subject = author(next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")), None))
    objects = [c for c in kids if c.dep_ in ("dobj", "attr", "oprd")]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        objects.append(verb.head)  # "the statement released by X": what was released
    # "$600 million in aid", "a package of sanctions": what an amount or a container holds.
    contents = [o for c in objects for p in c.children if p.dep_ == "prep" and p.lower_ in CONTENT_PREPS
                for o in p.children if o.dep_ == "pobj"]  # fmt: skip
    amounts = [c for c in kids if c.ent_type_ in _AMOUNTS and c.dep_ in ("npadvmod", "advmod")] + [
        o for c in kids if c.dep_ == "prep" and c.lower_ in AMOUNT_PREPS
        for o in c.children if o.dep_ == "pobj" and o.ent_type_ in _AMOUNTS
    ]  # fmt: skip
    aux = auxiliary_words(verb)
    return {
        "dep": "ROOT" if misread_root(verb) else verb.dep_,
        "head": verb.head.i,
        "tag": verb.tag_,
        "aux": aux,
        "modal": has_modal(verb),
        # (a "VBN" with its own subject and no auxiliary is a past tense the tagger misread)
        "past": verb.tag_ == "VBD"
        or any(a in _PAST_AUX for a in aux)
        or (verb.tag_ == "VBN" and not aux and any(c.dep_ == "nsubj" for c in kids)),
        "passive": any(c.dep_ in ("nsubjpass", "auxpass") for c in kids),
        "subject": subject.lemma_.lower() if subject is not None else "",
        "objects": [o.lemma_.lower() for o in objects + contents],
        # "call on X", "call off": a particle, or a preposition whose object is not a date ("called it on May 8").
        "particles": [
            c.lower_
            for c in kids
            if c.dep_ == "prt"
            or c.dep_ == "prep"
            and not any(o.ent_type_ in _WHEN for o in c.children if o.dep_ == "pobj")
        ],
        "settings": list(dict.fromkeys(o.lemma_.lower() for o, _ in occasions(verb))),
        "quoted": verb.i in quoted_tokens(verb.doc),
        "measure": bool(amounts) and all(o.ent_type_ in _AMOUNTS for o in objects),
        "labelled": labelled(verb),
    }


def labelled(verb: Any) -> str:
    """The label a naming verb puts on its object, as a position: "called the penalty 'grossly excessive'",
    "calling his performance 'a disgrace'", "described the information as 'chaotic'" (a predicative
    complement, an apposition, "as", or a quotation right after the object). A label the stance
    lexicon calls good is "support"; any other judges the thing ("oppose"); the object may be a relative
    pronoun ("which USTR called historic"). "" if no label: "called Abbas", "called for talks", "a group
    calling itself X"."""
    kids = list(verb.children)
    if verb_lemma(verb) not in _NAMING or any(
        c.dep_ == "prt" or c.dep_ == "prep" and c.lower_ in LABEL_BLOCKING_PREPS and c.i == verb.i + 1 for c in kids
    ):  # (not "called it a victory on Monday")
        return ""
    objs = [c for c in kids if c.dep_ == "dobj"]
    small = [c for c in kids if c.dep_ == "oprd"]
    if not objs and small:
        # The parser often hangs the object inside the label, or makes both predicative: "called
        # the loss 'unacceptable'" (loss and unacceptable both oprd), "called that 'a start'".
        return _position(list(small[-1].subtree))
    if not objs or objs[0].lower_.endswith(("self", "selves")):
        return ""
    obj = objs[0]  # (a second object is the label: "whose plan she has called a gift to the rich")
    labels = [t for c in kids if c.dep_ in ("oprd", "attr") or c in objs[1:] for t in c.subtree]
    labels += [t for c in kids if c.dep_ == "prep" and c.lower_ == "as" for t in c.subtree]
    labels += [t for a in obj.children if a.dep_ == "appos" for t in a.subtree]
    doc = verb.doc
    # (or after the object's own words, where the parser may hang it: "the closure of the clinic 'unacceptable'")
    start = next((t.i for t in doc[obj.i + 1 : obj.right_edge.i + 2] if t.text in _QUOTES), len(doc))
    if start < len(doc):
        end = next((t.i for t in doc[start + 1 :] if t.text in _QUOTES), len(doc))
        labels += list(doc[start + 1 : end])
    return _position(labels)


def _position(labels: list[Any]) -> str:
    """A label's position: "support" if the stance lexicon calls a word of it good, else "oppose"; "" if none."""
    if not labels:
        return ""
    good = any(EVALUATIONS.get(t.lower_) == "support" or EVALUATIONS.get(t.lemma_.lower()) == "support" for t in labels)
    return "support" if good else "oppose"


def willed(clause: Clause) -> bool:
    """Whether a modal clause says what its doer will or will not do ("would not raise its offer",
    "will strike unless ..."), not what it can ("could not keep the clinic open", "cannot pay"),
    nor, in the speaker's own quoted words, what it would do were things otherwise ("'I would not
    be here if I did not expect a deal'": "would" with a condition is reported speech's
    backshifted "will" only outside a quote)."""
    if not clause.modal:
        return True
    aux = set(clause.aux)
    if not aux & {*FUTURE_MODALS, *HYPOTHETICAL_MODALS}:
        return False
    return not (clause.quoted and clause.conditional and aux & set(HYPOTHETICAL_MODALS))


def rule_tables() -> list[object]:
    """The pattern above, for the guided strategy's rules fingerprint (words.toml has the closed classes)."""
    return [_SHORT_STEM.pattern]


def conditional(verb: Any) -> bool:
    """Whether the clause of `verb`, or the one it hangs on, is under a condition ("if", "unless");
    "as if" compares, it sets no condition ("spending as if the boom will last")."""

    def condition(mark: Any) -> bool:
        compared = mark.lower_ == "if" and mark.i > 0 and mark.doc[mark.i - 1].lower_ == "as"
        return bool(mark.lower_ in CONDITION_MARKS and not compared)

    for tok in [verb, verb.head]:
        for child in tok.children:
            marks = [m for m in child.children if m.dep_ == "mark"] if child.dep_ == "advcl" else []
            if any(condition(m) for m in marks) or child.dep_ == "mark" and condition(child):
                return True
    return False
