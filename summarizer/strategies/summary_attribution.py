"""Who a summary says said it: a statement given to the wrong actor fails the summary check.

A summary sentence that reports speech or a position ("X said that ...", "X urged ...")
is matched to the article sentence it paraphrases (the most content words shared with
what X is said to have said), and X must be a speaker or agent of that sentence: the
subject of a reporting verb there, or, when the sentence names no speaker, the subject of
its main verb or an actor of an item citing it; the holder of a stance citing it always
counts. Read off the same pinned spaCy pipeline the guided strategy parses with; English
only, and a sentence whose speaker or source cannot be told is not checked.

Does not ask a model or compose items; `summary.check_summary` calls it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..inputs import Article
from ..models import Actor, ModelOutput
from . import parse_pipeline
from .stance_words import FORWARD, VERBS
from .words import word_tables

__all__ = ["REPORTING_VERBS", "summary_errors"]

# Verbs that report speech or a position: the parse's reporting verbs, the stance readings'
# verbs of attitude and emphasis, and a few more of communication. Closed class of English.
REPORTING_VERBS = frozenset(
    {*"say tell state write tweet add report note post".split(), *VERBS, *FORWARD}
    | set(
        "announce declare confirm deny claim explain reply respond suggest propose express voice inform "
        "acknowledge admit reveal predict estimate insist".split()
    )
)
# A summary sentence is checked against an article sentence sharing at least this many of
# its content lemmas and this share of them; below that it paraphrases nothing closely.
MIN_SHARED = 3
MIN_SHARE = 0.5
(
    _CONTENT, _SUBJECTS, _NAME_PARTS, _OBJECTS,
) = word_tables(
    "summary_attribution",
    "_CONTENT _SUBJECTS _NAME_PARTS _OBJECTS"
)  # fmt: skip
_POSSESSIVE = re.compile(r"['\u2019]s?$")


def summary_errors(sentences: list[str], article: Article, output: ModelOutput) -> list[str]:
    """The summary sentences that misplace a statement or an act (see `_speaker_errors` and
    `_participant_errors`). The summary and the article are each parsed once for both.

    Args:
        sentences: The summary's sentences.
        article: The article summarized.
        output: The items composed from it (their actors' names and mentions, their evidence).

    Returns:
        One problem per wrong sentence and kind, worded for a re-ask; empty when the check
        does not apply (an article or summary not in English, no parse pipeline).
    """
    if article.language not in (None, "", "en") or article.summary_language not in (None, "", "en"):
        return []
    if not output.actors or not parse_pipeline.available():
        return []
    nlp = parse_pipeline.pipeline()
    numbered = [(s.number, " ".join(s.text.split())) for s in article.sentences]
    docs = _parsed(nlp, tuple(t for _, t in numbered))
    summary = list(nlp.pipe(sentences))
    return _speaker_errors(summary, numbered, docs, output) + _participant_errors(summary, docs, output)


def _speaker_errors(
    summary: list[Any], numbered: list[tuple[int, str]], docs: list[Any], output: ModelOutput
) -> list[str]:
    """Summary sentences that give a statement to an actor the article does not."""
    errors: list[str] = []
    for doc in summary:
        for verb in (t for t in doc if _reports(t)):
            subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
            if subject is None or subject.pos_ == "PRON" or any(c.dep_ == "conj" for c in subject.children):
                continue  # a pronoun or several speakers: nothing to hold to one actor
            said = _actor(subject, output.actors)
            if said is None:
                continue
            said_lemmas = _lemmas(t for t in verb.subtree if t.i not in {s.i for s in subject.subtree} and t != verb)
            matches = _paraphrased(said_lemmas, docs)
            if not matches:
                continue
            speakers = {k: _speakers(numbered[k][0], docs[k], output) for k in matches}
            if any(said.id in ids for ids in speakers.values()) or not any(speakers.values()):
                continue
            k = next(k for k in matches if speakers[k])
            names = {a.id: a.name for a in output.actors}
            who = " and ".join(names[i] for i in speakers[k])
            errors.append(
                f"the summary has {said.name} {verb.lemma_.lower()} what {who} said in sentence "
                f"{numbered[k][0]}: give each statement to the actor the article gives it to"
            )
            break
    return errors


@lru_cache(maxsize=4)
def _parsed(nlp: Any, texts: tuple[str, ...]) -> list[Any]:
    """The article's sentences parsed once per article, not once per summary attempt."""
    return list(nlp.pipe(texts))


def _reports(token: Any) -> bool:
    return bool(token.pos_ == "VERB" and token.lemma_.lower() in REPORTING_VERBS)


def _lemmas(tokens: Any) -> set[str]:
    return {t.lemma_.lower() for t in tokens if t.pos_ in _CONTENT and not t.is_stop and t.is_alpha}


def _paraphrased(lemmas: set[str], docs: list[Any]) -> list[int]:
    """Indexes of the article sentences sharing the most of `lemmas` (ties all), if enough."""
    if len(lemmas) < MIN_SHARED:
        return []
    shared = [len(lemmas & _lemmas(doc)) for doc in docs]
    best = max(shared, default=0)
    if best < MIN_SHARED or best / len(lemmas) < MIN_SHARE:
        return []
    return [k for k, n in enumerate(shared) if n == best]


def _name_words(head: Any) -> list[str]:
    """The head of a noun phrase and the names before it ("Mara Quist", "Velmar's harbour master")."""
    words = [t for t in head.children if t.dep_ in _NAME_PARTS and t.i < head.i and t.pos_ == "PROPN"]
    return [_POSSESSIVE.sub("", t.text) or t.text for t in [*words, head]]


def _actor(head: Any, actors: list[Actor]) -> Actor | None:
    """The one actor whose name or a mention holds every naming word of the phrase at `head`."""
    if head.pos_ in ("PRON", "DET"):
        return None
    words = _name_words(head)
    found = [
        a
        for a in actors
        if any(all(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", m) for w in words) for m in [a.name, *a.mentions])
    ]
    return found[0] if len(found) == 1 else None


def _speakers(number: int, doc: Any, output: ModelOutput) -> list[str]:
    """Actor ids that speak or act in an article sentence (see the module docstring)."""
    reporters: list[str] = []
    unknown = False
    for tok in doc:
        heads: list[Any] = []
        if _reports(tok):
            heads = [c for c in tok.children if c.dep_ in _SUBJECTS]
            heads += [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            heads = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
        for head in [*heads, *(c for h in heads for c in h.conjuncts)]:
            actor = _actor(head, output.actors)
            if actor is not None:
                reporters.append(actor.id)
            elif head.pos_ == "PRON":
                unknown = True  # "he said": the speaker is someone, only not known here
    cites = [item for group in (output.stances, output.events, output.follow_ups) for item in group
             if any(ev.sentence == number for ev in item.evidence)]  # fmt: skip
    ids = [*reporters, *(s.holder for s in output.stances if s in cites)]
    if not reporters or unknown:
        roots = [t for t in doc if t.dep_ == "ROOT"]
        for head in (c for r in roots for c in r.children if c.dep_ in _SUBJECTS):
            actor = _actor(head, output.actors)
            ids += [actor.id] if actor is not None else []
        ids += [a for e in output.events if e in cites for a in e.actors]
        ids += [a for f in output.follow_ups if f in cites for a in f.actors]
    return list(dict.fromkeys(ids))


def _participant_errors(summary: list[Any], docs: list[Any], output: ModelOutput) -> list[str]:
    """Summary sentences that have one actor act on or with another when no item of the
    article links the two ("Blinken spoke with Ned Price" where Price only reported the call).

    Linked: an event with one among its actors and the other among its actors or recipients,
    a stance held by one about the other, a follow-up naming both, or an article sentence
    with the same verb naming both.
    """
    linked: set[frozenset[str]] = set()
    for event in output.events:
        linked |= {frozenset((a, b)) for a in event.actors for b in [*event.actors, *event.recipients] if a != b}
    linked |= {frozenset((s.holder, s.target)) for s in output.stances if s.target and s.target != s.holder}
    for f in output.follow_ups:
        linked |= {frozenset((a, b)) for a in f.actors for b in f.actors if a != b}
    errors: list[str] = []
    for doc in summary:
        for verb in (t for t in doc if t.pos_ == "VERB"):
            subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
            doers = [_actor(t, output.actors) for t in ([subject, *subject.conjuncts] if subject is not None else [])]
            if not doers or doers[0] is None:
                continue
            doer = doers[0]
            joint = {a.id for a in doers[1:] if a is not None}  # "X and Y pressed Y": Y is no doer of its own act
            heads = [c for c in verb.children if c.dep_ in _OBJECTS]
            heads += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
            # Their conjuncts and appositions too ("the Canadian Foreign Minister, Ned Price": who that is).
            for h in heads:
                heads += [c for c in (*h.conjuncts, *h.children) if c not in heads and (c.dep_ == "appos" or c in
                                                                                         h.conjuncts)]  # fmt: skip
            for head in heads:
                other = _actor(head, output.actors)
                if other is not None and other.id in joint:
                    errors.append(f"the summary has {other.name} {verb.lemma_.lower()} itself: name who acts on whom")
                    break
                if (other is not None and other.id != doer.id and frozenset((doer.id, other.id)) not in linked
                        and not _said_together(verb.lemma_.lower(), doer, other, docs)):  # fmt: skip
                    errors.append(
                        f"the summary has {doer.name} {verb.lemma_.lower()} with or on {other.name}, which the "
                        "article does not say: name only who takes part in each act"
                    )
                    break
    return errors


def _said_together(lemma: str, doer: Actor, other: Actor, docs: list[Any]) -> bool:
    """An article sentence with the same verb naming both (an act no item was composed for)."""
    for doc in docs:
        if lemma in {t.lemma_.lower() for t in doc if t.pos_ == "VERB"} and all(
            any(re.search(rf"(?<!\w){re.escape(m)}(?!\w)", doc.text) for m in [a.name, *a.mentions])
            for a in (doer, other)
        ):
            return True
    return False


def rule_tables() -> list[object]:
    """The word and label tables of the speaker check, for the guided rules fingerprint."""
    return [sorted(REPORTING_VERBS)]
