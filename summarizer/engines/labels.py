"""Closed questions: reading a label's log-probability from first-token candidates.

Shared by the engines that answer `Request.choices`: the model's candidates for the
first token of its reply (token text -> log-probability) are mapped to the labels.
Tokenizers differ in whether the label comes with a leading space (" A" vs "A"), so
a candidate counts for a label when it equals the label after stripping whitespace,
and a label reached by several candidates gets their summed probability.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

__all__ = ["label_logprobs", "logsumexp"]


def logsumexp(values: Iterable[float]) -> float:
    """log(sum(exp(v))) computed without overflow; -inf for no values."""
    vals = list(values)
    if not vals:
        return -math.inf
    top = max(vals)
    if top == -math.inf:
        return top
    return top + math.log(sum(math.exp(v - top) for v in vals))


def label_logprobs(candidates: Iterable[tuple[str, float]], labels: Sequence[str]) -> dict[str, float]:
    """Each label's log-probability as the reply's first token.

    Args:
        candidates: (token text, log-probability) of the first token's top candidates;
            a token may appear once with and once without a leading space.
        labels: the closed question's labels, e.g. ("A", "B", "C").

    Returns:
        label -> log-probability, for the labels some candidate matched (a label no
        candidate matched is absent: it was outside the engine's top candidates).
    """
    wanted = {label.strip(): label for label in labels}
    found: dict[str, list[float]] = {}
    seen: set[str] = set()
    for token, logprob in candidates:
        if token in seen:  # the chosen token is often listed among the top ones too
            continue
        seen.add(token)
        label = wanted.get(token.strip())
        if label is not None and token.strip():
            found.setdefault(label, []).append(float(logprob))
    return {label: logsumexp(lps) for label, lps in found.items()}
