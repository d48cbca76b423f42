"""Ways of asking a model for a summary, each behind the `Strategy` protocol (see base.py).

- ``single``: one question with the whole output schema (strong models at an endpoint).
- ``guided``: code finds names and sentences, the model answers closed questions about
  them (the embedded default).
"""

from __future__ import annotations

from ..errors import ConfigError
from .base import Conversation, FirstQuestion, Steps, Strategy
from .guided import Guided
from .single import Single

__all__ = ["STRATEGIES", "Conversation", "FirstQuestion", "Steps", "Strategy", "get_strategy"]

STRATEGIES: dict[str, Strategy] = {s.name: s for s in (Single(), Guided())}


def get_strategy(name: str | Strategy) -> Strategy:
    """The strategy called `name` (a `Strategy` object is returned as it is)."""
    if not isinstance(name, str):
        return name
    try:
        return STRATEGIES[name]
    except KeyError:
        raise ConfigError(f"unknown strategy {name!r}; choose {', '.join(STRATEGIES)}") from None
