"""An event's one-line summary from its clause in the parse: who, then the verb phrase as
the article words it ("Blinken spoke with Qatar's Minister of Foreign Affairs").

Owns which of a verb's dependents belong to the act's wording. Does not decide what is an
event or who its actors are (`guided_events`, `parse`).
"""

from __future__ import annotations

from typing import Any

from .words import word_tables

__all__ = ["clause_summary", "rule_tables"]

_KEEP, _OPENING = word_tables("event_text", "_KEEP _OPENING")
MAX_WORDS = 24  # past this, the complement clause is dropped (the act, not what was said)


def _span_text(tokens: list[Any]) -> str:
    """The tokens in article order, with the article's own spacing inside runs."""
    out: list[str] = []
    previous = None
    for tok in sorted(tokens, key=lambda t: t.i):
        if previous is not None and tok.i != previous + 1 and out and not out[-1].endswith(" "):
            out.append(" ")
        out.append(tok.text_with_ws)
        previous = tok.i
    return "".join(out).strip().strip(",;:-\u2014[]()").strip()


def _tokens(verb: Any, *, complements: bool) -> list[Any]:
    tokens = [verb]
    for child in verb.children:
        if child.dep_ not in _KEEP or (child.dep_ in _OPENING and child.i > verb.i):
            continue
        if not complements and child.dep_ in ("ccomp", "xcomp") and child.i > verb.i:
            continue
        if child.i < verb.i and any(t.tag_ in ("WDT", "WP", "WP$") for t in child.subtree):
            continue  # a relative clause's link ("in which", "to whom"), not the act
        if child.dep_ == "prep" and child.lower_ == "according":
            continue  # the attribution ("according to a readout"), not the act
        if child.dep_ == "advmod" and child.i < verb.i - 1:
            continue  # a sentence adverb ("Separately, ..."), not the act's manner
        if child.dep_ == "ccomp" and child.i > verb.i and child.left_edge.i > 0 and doc_punct(child):
            continue  # the attribution after quoted words ("... diplomacy,' Blinken wrote"), not the act
        tokens.extend(t for t in child.subtree if t.pos_ != "X")  # editorial marks such as "[sic]"
    return tokens


def _phrase(verb: Any, subject: list[Any], *, complements: bool) -> str:
    """The verb phrase in article order, a fronted prepositional phrase moved after it ("In a
    call with X, the mayor discussed Y" -> "discussed Y in a call with X"), so the actors'
    names can lead."""
    tokens = _tokens(verb, complements=complements)
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    opening = subj.left_edge.i if subj is not None else verb.i  # before the subject: the sentence's opening
    fronted = {t.i for c in verb.children if c.dep_ == "prep" and c.i < opening for t in c.subtree}
    if subject or not fronted:
        return _span_text(subject + tokens)
    after = _span_text([t for t in tokens if t.i in fronted])
    return f"{_span_text([t for t in tokens if t.i not in fronted])} {after[:1].lower()}{after[1:]}".strip()


def _said(verb: Any) -> str:
    """The core of a reported clause: its link, subject and verb phrase without clauses of its
    own ("that Washington would not negotiate European security")."""
    said = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if said is None:
        return ""
    head = [t for c in said.children if c.dep_ in ("mark", "nsubj", "nsubjpass") for t in c.subtree]
    return _span_text(head + _tokens(said, complements=False))


def doc_punct(clause: Any) -> bool:
    """Whether a clause follows punctuation (a closing quote or a comma), as an attribution does."""
    return bool(clause.doc[clause.left_edge.i - 1].is_punct)


def clause_summary(doc: Any, verb_index: int, agents: list[str]) -> str | None:
    """``"<agents> <verb phrase>"`` for the verb at `verb_index` of a spaCy `doc`, or None
    when the index is not a token of it (the caller keeps its own wording)."""
    if not 0 <= verb_index < len(doc):
        return None
    verb = doc[verb_index]
    # A passive keeps its subject, what was acted on ("the deal was approved by ..."): the doers are
    # in its by-phrase, or, unnamed there, put before it ("X and Y: the agreement was signed").
    subject = [t for c in verb.children if c.dep_ == "nsubjpass" for t in c.subtree]
    phrase = _phrase(verb, subject, complements=True)
    if len(phrase.split()) > MAX_WORDS:
        phrase = _phrase(verb, subject, complements=False)
        said = _said(verb)
        if len(phrase.split()) <= 2 and said and len(said.split()) <= MAX_WORDS:
            phrase = f"{phrase} {said}"  # "also repeated": the act is what was said, in short
    if phrase and all(t.is_punct for t in verb.doc[: verb.i]) and verb.pos_ != "PROPN":
        phrase = phrase[:1].lower() + phrase[1:]  # a headline or tweet opening with its verb ("Spoke with ...")
    who = " and ".join(agents)
    # A participle clause ("..., also criticising the council") has no tense to give the
    # doers: they head it like a passive's, rather than reading "X also criticising".
    participle = verb.tag_ == "VBG" and not any(c.dep_ in _OPENING for c in verb.children)
    if participle and who and phrase:
        text = f"{who}: {phrase}"
    elif subject and phrase:
        by_phrase = any(c.dep_ == "agent" for c in verb.children)
        text = phrase if by_phrase or not who else f"{who}: {phrase[:1].lower() + phrase[1:]}"
    else:
        text = f"{who} {phrase}".strip() if who else phrase
    return text[:1].upper() + text[1:] if text else None


def rule_tables() -> list[object]:
    """The length above, for the guided strategy's rules fingerprint (words.toml has the labels)."""
    return [MAX_WORDS]
