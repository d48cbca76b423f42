"""The summary question put to the model: the main actors and the sentences the items cite.

Owns what the model is shown and how many sentences it is asked for. Does not check the
reply or fall back (`summary`).
"""

from __future__ import annotations

from collections import Counter

from ..grounding import instruction_sentences
from ..inputs import Article, Sentence
from ..models import Event, FollowUp, ModelOutput, Stance
from ..prompts import render_text

__all__ = ["MAX_PROMPT_ACTORS", "MAX_PROMPT_SENTENCES", "MAX_SENTENCES", "MIN_SENTENCES", "reporting_sentences",
           "summary_messages"]  # fmt: skip

MIN_SENTENCES = 2
MAX_SENTENCES = 3
# Sentences shown to the model: the lead and those cited by items, in article order. A
# 0.5B model reads a short list better than the whole article, and it costs fewer tokens.
MAX_PROMPT_SENTENCES = 8
MAX_PROMPT_ACTORS = 5


def reporting_sentences(article: Article) -> list[Sentence]:
    """The article's sentences less those addressed to the model (they lend the summary nothing)."""
    skip = instruction_sentences(article)
    return [s for s in article.sentences if s.number not in skip]


def _main_actors(output: ModelOutput) -> list[str]:
    """Actor ids by how many items they take part in (ties: order of first mention)."""
    counts: Counter[str] = Counter()
    for event in output.events:
        counts.update({*event.actors, *event.recipients})
    for stance in output.stances:
        counts.update({stance.holder, *([stance.target] if stance.target else [])})
    for follow_up in output.follow_ups:
        counts.update(set(follow_up.actors))
    order = {a.id: n for n, a in enumerate(output.actors)}
    return sorted(order, key=lambda i: (-counts[i], order[i]))


def _cited(output: ModelOutput) -> list[int]:
    """Sentence numbers the items cite: events first, then follow-ups, then stances."""
    groups: list[list[Event] | list[FollowUp] | list[Stance]] = [output.events, output.follow_ups, output.stances]
    return [ev.sentence for group in groups for item in group for ev in item.evidence]


def summary_messages(article: Article, output: ModelOutput) -> list[dict[str, str]]:
    """The question: the main actors and the sentences the items cite (with the lead)."""
    reporting = reporting_sentences(article)
    by_number = {s.number: s for s in reporting}
    cited = [n for n in dict.fromkeys(_cited(output)) if n in by_number]
    # The lead first (news states its main development there), then the cited sentences
    # in the order the items were found (events first), at most MAX_PROMPT_SENTENCES.
    chosen = list(dict.fromkeys([*(s.number for s in reporting[:1]), *cited]))[:MAX_PROMPT_SENTENCES]
    names = {a.id: a for a in output.actors}
    actors = [names[i] for i in _main_actors(output)[:MAX_PROMPT_ACTORS]]
    content = render_text(
        "summary.j2",
        title=article.title,
        actors=[a.name + (f" ({a.title})" if a.title else "") for a in actors],
        sentences=[by_number[n].text for n in sorted(chosen)],
        low=min(MIN_SENTENCES, len(reporting) or 1),
        high=MAX_SENTENCES,
        language=article.prompt_language,
    )
    return [{"role": "user", "content": content}]
