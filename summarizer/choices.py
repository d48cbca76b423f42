"""Closed questions answered by comparing every option's probability, calibrated.

Owns the lettered prompt (options as A, B, C, ... and a last "none of these"), reading
each option's log-probability from a `Completion.choice_logprobs`, and the calibration
that removes a small model's preference for an option by its position: subtracting
the content-free prior, i.e. the same question asked about an empty text (Zhao et al.
2021, "Calibrate before use"). bench/bench_choice_bias.py measured it against plain
argmax, JSON-constrained generation and averaging over option orders (README, "The
embedded model"). Knows nothing of articles or strategies: a strategy builds the
question, sends the requests through its engine and calls `pick`.

    chooser = Chooser(engine, "What kind of event does the sentence report?", ["AGREE", "ACCUSE", ...])
    chooser.ask("The two ministers signed the accord on Monday.")  # -> Choice(option="AGREE", ...)
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .engines.base import Completion, Engine, Request

__all__ = [
    "LETTERS",
    "NONE_OF_THESE",
    "Choice",
    "Chooser",
    "describe",
    "lettered_request",
    "option_logprobs",
    "pick",
]

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
NONE_OF_THESE = "none of these"
_SYSTEM = (
    "You answer a multiple-choice question about a short text. Reply with the letter of the one option "
    "that fits best, and nothing else. If no option fits, choose the option 'none of these'."
)


def lettered_request(
    question: str,
    text: str,
    options: Sequence[str],
    *,
    descriptions: Mapping[str, str] | None = None,
    system: str = _SYSTEM,
    params: Mapping[str, object] | None = None,
) -> tuple[Request, tuple[str | None, ...]]:
    """The closed question as a chat request whose reply is one letter.

    Args:
        question: what is asked, e.g. "What kind of event does the sentence report?".
        text: the text asked about (a sentence); "" asks the content-free question.
        options: the options in the order to list them; "none of these" is added last.
        descriptions: optional short gloss per option, shown after it.
        system: the system message.
        params: sampling parameters for the request.

    Returns:
        The request (``choices`` = the letters) and the option each letter stands for,
        in letter order (None for "none of these").
    """
    listed: tuple[str | None, ...] = (*options, None)
    if len(listed) > len(LETTERS):
        raise ValueError(f"at most {len(LETTERS) - 1} options, not {len(options)}")
    lines = []
    for letter, option in zip(LETTERS, listed, strict=False):
        gloss = (descriptions or {}).get(option or "") if option is not None else None
        shown = NONE_OF_THESE if option is None else f"{option}: {gloss}" if gloss else option
        lines.append(f"{letter}) {shown}")
    user = f"Text: {text.strip() or '(empty)'}\n\nQuestion: {question}\n" + "\n".join(lines) + "\n\nAnswer:"
    request = Request(
        messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
        schema={},
        schema_name="choice",
        params=dict(params or {"temperature": 0.0}),
        choices=tuple(LETTERS[: len(listed)]),
    )
    return request, listed


def option_logprobs(completion: Completion, listed: Sequence[str | None]) -> dict[str | None, float]:
    """Each listed option's log-probability, renormalised over the options.

    A letter the engine did not report (outside its top candidates) gets -inf. When no
    letter was reported at all, every option gets the same score (no information).
    """
    raw = completion.choice_logprobs or {}
    scores = [raw.get(letter, -math.inf) for letter in LETTERS[: len(listed)]]
    top = max(scores)
    if top == -math.inf:
        flat = -math.log(len(listed))
        return {option: flat for option in listed}
    total = top + math.log(sum(math.exp(s - top) for s in scores))
    return {option: s - total for option, s in zip(listed, scores, strict=True)}


def pick(scores: Mapping[str | None, float], prior: Mapping[str | None, float] | None = None) -> str | None:
    """The option with the highest calibrated score; None for "none of these".

    Args:
        scores: `option_logprobs` for the text (or their mean over option orders).
        prior: the same for the content-free question; subtracted when given, so an
            option the model favours whatever the text (often the first listed) wins
            only when the text moves it.
    """

    def calibrated(option: str | None) -> float:
        base = scores[option]
        if prior is None or base == -math.inf:
            return base
        return base - max(prior.get(option, 0.0), -30.0)  # a -inf prior would make any score win

    return max(scores, key=calibrated)


@dataclass(frozen=True)
class Choice:
    """The answer to one closed question."""

    option: str | None  # None: "none of these"
    scores: dict[str | None, float]  # option -> renormalised log-probability (uncalibrated)
    calibrated: bool  # False when the engine gave no logprobs: the pick is what was generated


@dataclass
class Chooser:
    """Asks one closed question about many texts through an engine, calibrated by the prior.

    The content-free prior (the question about an empty text) is asked once per
    chooser and reused, so calibration costs one request in all, not one per text.
    """

    engine: Engine
    question: str
    options: Sequence[str]
    descriptions: Mapping[str, str] | None = None
    _prior: dict[str | None, float] | None = field(default=None, init=False, repr=False)

    def _scores(self, text: str) -> tuple[dict[str | None, float], bool]:
        request, listed = lettered_request(self.question, text, self.options, descriptions=self.descriptions)
        completion = self.engine.complete(request)
        informative = len(completion.choice_logprobs or {}) > 1
        return option_logprobs(completion, listed), informative

    def ask(self, text: str) -> Choice:
        """The option that fits `text` best, or None for "none of these"."""
        scores, informative = self._scores(text)
        if not informative:  # an endpoint without logprobs: nothing to calibrate
            return Choice(option=max(scores, key=lambda o: scores[o]), scores=scores, calibrated=False)
        if self._prior is None:
            self._prior, _ = self._scores("")
        return Choice(option=pick(scores, self._prior), scores=scores, calibrated=True)


def describe(choice: Choice) -> str:
    """A one-line account of a choice, for logs."""
    shown = {o or NONE_OF_THESE: round(math.exp(s), 3) for o, s in choice.scores.items()}
    how = "calibrated" if choice.calibrated else "generated"
    return f"{choice.option or NONE_OF_THESE} ({how}) {json.dumps(shown)}"
