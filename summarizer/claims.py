"""Claims: the actors an output names are in the article, and in the evidence of their events.

Pure functions, no I/O. `actor_errors`: every actor's name (or a mention) and every
mention occurs in the article, and its country is an ISO 3166-1 alpha-3 code.
`participant_errors`: each event's actors and recipients are named, or referred to by a
pronoun, in a sentence the event cites. Does not locate evidence (quotes.py), check
dates (dates.py) or ids (grounding.py), or decide what text addresses the model
(grounding.py passes the article's words without it).
"""

from __future__ import annotations

import re

import pycountry

from .inputs import Article
from .models import Actor, Event, ModelOutput
from .quotes import find_bounded, fold, folded_span

__all__ = ["actor_errors", "participant_errors", "unmentioned"]

# Pronouns that can stand for an actor in the sentence cited for its event. General on
# purpose: any personal pronoun may refer to any actor (a spokesman's "we" is his
# government, a ministry is "it" or "they"), as long as the actor was named before it
# (in that sentence or an earlier one). No nearer window: the guided strategy gives a
# leading "He" to the last actor named, however many sentences back.
_PRONOUNS = frozenset(
    "he him his himself she her hers herself it its itself they them their theirs themselves "
    "i me my mine we us our ours".split()
)


def _is_pronoun(word: str) -> bool:
    # On the original text: folded case would make "US" (the country) the pronoun "us".
    return word.lower() in _PRONOUNS and (len(word) == 1 or not word.isupper())


def _names_in(folded: str, forms: list[str]) -> bool:
    """A form occurs starting on a word boundary ("Russia" also in "Russian", "Russia's")."""
    return any(f and find_bounded(folded, f, right=False) >= 0 for f in forms)


def _mentioned_in(article: Article, number: int, forms: list[str]) -> bool:
    """Is the actor with these (folded) forms named in sentence `number`, or referred to by a pronoun there?"""
    sent = article.sentences[number - 1]
    folded = folded_span(article.text, sent.start, sent.end)
    if _names_in(folded, forms):
        return True
    # The pronoun list is English; in other languages a pronoun may be part of the verb
    # (Arabic "وأكد", "he confirmed"), so an actor named earlier is accepted there.
    english = article.language in (None, "", "en")
    if english and not any(_is_pronoun(w) for w in re.findall(r"\w+", sent.text)):
        return False
    earlier = article.sentences[: number - 1]
    return any(_names_in(folded_span(article.text, s.start, s.end), forms) for s in earlier)


def actor_errors(output: ModelOutput, words: str) -> list[str]:
    """Names and mentions occur in the article; countries are real ISO 3166-1 alpha-3 codes.

    Args:
        output: the model output.
        words: the article folded (`quotes.fold`), without the text addressed to the model.

    Returns:
        One line per actor not in the article, mention not in it, or country code that is not one.
    """
    errors: list[str] = []
    for i, actor in enumerate(output.actors):
        where = f"actors[{i}] ({actor.id})"
        forms = [actor.name, *actor.mentions]
        if not any(find_bounded(words, fold(f)) >= 0 for f in forms if fold(f)):
            errors.append(
                f"{where}: {actor.name!r} is not in the article, nor is any of its mentions; "
                "list only actors the article names"
            )
        else:
            errors += [
                f"{where}.mentions[{j}]: {m!r} is not in the article; list only forms the text uses"
                for j, m in enumerate(actor.mentions)
                if find_bounded(words, fold(m)) < 0
            ]
        known_country = pycountry.countries.get(alpha_3=actor.country) if actor.country is not None else None
        if actor.country is not None and (known_country is None or known_country.alpha_3 != actor.country):
            errors.append(
                f"{where}.country: {actor.country!r} is not an ISO 3166-1 alpha-3 code{_country_hint(actor.country)}"
            )
    return errors


def _country_hint(value: str) -> str:
    try:
        country = pycountry.countries.lookup(value.strip())
    except LookupError:
        return " (e.g. USA, GBR, RUS); give the code or null"
    return f"; for {country.name} give {country.alpha_3!r}, or null"


def participant_errors(output: ModelOutput, article: Article) -> list[str]:
    """Each event's actors and recipients are named, or referred to, in a sentence it cites.

    Args:
        output: the model output (unknown ids and missing sentences are reported elsewhere).
        article: the article.

    Returns:
        One line per actor or recipient that no cited sentence names or refers to.
    """
    errors: list[str] = []
    for i, event in enumerate(output.events):
        cited = sorted({ev.sentence for ev in event.evidence if article.sentence(ev.sentence) is not None})
        numbers = ", ".join(map(str, cited))
        errors += [
            f"events[{i}].{role}: {ref} ({name}) is not mentioned in the cited sentence "
            f"{numbers}; cite a sentence that names it, or leave it out"
            for role, ref, name in unmentioned(event, output.actors, article)
        ]
    return errors


def unmentioned(event: Event, actors: list[Actor], article: Article) -> list[tuple[str, str, str]]:
    """(role, id, name) of each of the event's actors and recipients that no sentence it cites
    names or refers to (none when it cites no sentence of the article: an evidence error)."""
    known = {a.id: a for a in actors}
    cited = sorted({ev.sentence for ev in event.evidence if article.sentence(ev.sentence) is not None})
    out: list[tuple[str, str, str]] = []
    for role, ids in (("actors", event.actors), ("recipients", event.recipients)):
        for ref in ids:
            actor = known.get(ref)
            if actor is None or not cited:
                continue  # reported as an unknown id or an evidence error already
            forms = [fold(f) for f in (actor.name, *actor.mentions)]
            if not any(_mentioned_in(article, n, forms) for n in cited):
                out.append((role, ref, actor.name))
    return out
