"""Matching predictions to gold: actors by name, items by evidence span and agent.

- Actors match one-to-one when a predicted name or mention equals a gold name or
  alias after folding accents, case and punctuation (U.S., US and United States are
  one name), or, for a gold person, when one name is the other's trailing words
  ("Blinken" and "Antony Blinken"). Gold actors marked optional (cited sources,
  institutions the article folds into a person) count neither way.
- A predicted stance, event or follow-up matches a gold one (one-to-one) when their
  evidence spans overlap in the article. Strict mode also needs the right agent: the
  event's actors, the stance's holder, the follow-up's actors, mapped through the
  actor matching, must include one the gold names. Relaxed mode needs the span only.

Both are maximum one-to-one matchings in which stronger pairs win ties. This module
does not count or report anything (`sections`, `metrics`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..models import Actor
from .gold import GoldArticle, Span

__all__ = ["Judge", "Pair", "fold_text", "match_actors", "match_items", "normalise_name", "spellings"]

# Names that are one name. Small on purpose: each entry is a spelling the articles use.
# The first spelling of each group is the one names are folded to.
_SAME_NAME = [
    ("united states", "us", "usa", "united states of america", "america"),
    ("united kingdom", "uk", "britain", "great britain"),
    ("european union", "eu"),
    ("united nations", "un"),
]
_CANON = {variant: group[0] for group in _SAME_NAME for variant in group}

# Judges a candidate pair (predicted i, gold j): each attribute's verdict, "agent" among them.
Judge = Callable[[int, int], dict[str, bool]]


# --------------------------------------------------------------------------- names


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’`]s\b", "", text)  # "Qatar's" -> "qatar"
    text = re.sub(r"(?<=\b\w)\.(?=\w\.)|(?<=\b\w)\.(?=\W|$)", "", text)  # "u.s." -> "us"
    return re.sub(r"[^\w]+", " ", text).strip()


def normalise_name(name: str) -> str:
    """Fold accents, case and punctuation; map equivalent names to one form."""
    text = re.sub(r"^the ", "", _fold(name))
    return _CANON.get(text, text)


def _names(*names: str) -> set[str]:
    return {n for n in (normalise_name(x) for x in names) if n}


def _suffix_match(a: str, b: str) -> bool:
    """One name is the other's trailing words: "blinken" / "antony blinken"."""
    ta, tb = a.split(), b.split()
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return bool(short) and long_[-len(short) :] == short


def _name_score(pred: Actor, gold_names: set[str], gold_main: str, person: bool) -> float:
    pred_names = _names(pred.name, *pred.mentions)
    if normalise_name(pred.name) == gold_main:
        return 3.0
    if pred_names & gold_names:
        return 2.0
    if person and any(_suffix_match(p, g) for p in pred_names for g in gold_names):
        return 1.0
    return 0.0


def match_actors(predicted: Sequence[Actor], gold: GoldArticle) -> dict[str, str]:
    """One-to-one actor matching: predicted id -> gold id."""
    candidates: dict[int, list[tuple[float, int]]] = {}
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold.actors):
            s = _name_score(p, _names(g.name, *g.aliases), normalise_name(g.name), "person" in g.kinds)
            if s:
                candidates.setdefault(i, []).append((s, j))
    pairs = _max_matching(len(predicted), candidates)
    return {predicted[i].id: gold.actors[j].id for i, j in pairs.items()}


def _max_matching(n_pred: int, candidates: Mapping[int, list[tuple[float, int]]]) -> dict[int, int]:
    """Maximum one-to-one matching (augmenting paths), trying better candidates first.

    Predictions with a better best candidate go first, so among matchings of the
    same size the stronger pairs win.
    """
    ranked = {i: [j for _, j in sorted(c, key=lambda t: (-t[0], t[1]))] for i, c in candidates.items()}
    order = sorted(ranked, key=lambda i: (-max(s for s, _ in candidates[i]), i))
    owner: dict[int, int] = {}  # gold -> pred

    def augment(i: int, seen: set[int]) -> bool:
        # A free candidate first: displacing another prediction could push it to a worse pair
        # (two items cited by one sentence would swap their dates) when both could keep the best.
        for j in ranked[i]:
            if j not in owner and j not in seen:
                seen.add(j)
                owner[j] = i
                return True
        for j in ranked[i]:
            if j in seen:
                continue
            seen.add(j)
            if augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in order:
        augment(i, set())
    return {i: j for j, i in owner.items()}


def spellings(name: str) -> tuple[str, ...]:
    """Every folded spelling of `name`'s one name: its group in the table of equal names, or itself."""
    n = normalise_name(name)
    return next((g for g in _SAME_NAME if n in g), (n,))


def fold_text(text: str) -> str:
    """The whole text folded as names are, padded with spaces so ``f" {name} " in`` finds whole words."""
    return f" {_fold(text)} "


# --------------------------------------------------------------------------- items


def _overlaps(a: Sequence[Span], b: Sequence[Span]) -> bool:
    return any(max(s1, s2) < min(e1, e2) for s1, e1 in a for s2, e2 in b)


@dataclass(frozen=True)
class Pair:
    """A candidate pairing of predicted item `i` with gold item `j`, and its attributes' verdicts."""

    i: int
    j: int
    attrs: dict[str, bool]

    @property
    def agent_ok(self) -> bool:
        return self.attrs["agent"]

    @property
    def score(self) -> float:
        return 1 + self.agent_ok + sum(self.attrs.values()) / len(self.attrs)


def match_items(
    pred_spans: list[list[Span]], gold_spans: list[list[Span]], judge: Judge
) -> tuple[dict[int, int], dict[int, int], dict[tuple[int, int], Pair]]:
    """Match one section's items by overlapping evidence, strictly (right agent too) and relaxed.

    Args:
        pred_spans: each predicted item's located evidence spans.
        gold_spans: each gold item's evidence spans.
        judge: the attribute verdicts of a pair whose spans overlap.

    Returns:
        (strict matching, relaxed matching, every judged pair), matchings as predicted -> gold index.
    """
    pairs: dict[tuple[int, int], Pair] = {}
    for i, ps in enumerate(pred_spans):
        for j, gs in enumerate(gold_spans):
            if _overlaps(ps, gs):
                pairs[(i, j)] = Pair(i, j, judge(i, j))
    relaxed_c: dict[int, list[tuple[float, int]]] = {}
    strict_c: dict[int, list[tuple[float, int]]] = {}
    for (i, j), p in pairs.items():
        relaxed_c.setdefault(i, []).append((p.score, j))
        if p.agent_ok:
            strict_c.setdefault(i, []).append((p.score, j))
    return _max_matching(len(pred_spans), strict_c), _max_matching(len(pred_spans), relaxed_c), pairs
