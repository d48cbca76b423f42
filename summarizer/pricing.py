"""Token prices and what a batch cost.

Owns the built-in price table and the ``[prices]`` table of the config file. Knows
nothing of engines or batches: it turns a model name and a `Usage` into dollars, or
into None when the price is unknown, which is reported as unknown and never as $0.

The built-in prices are OpenAI's list prices for standard (not Batch API, not cached
input) tokens, in US dollars per million tokens, as of `PRICES_AS_OF`; they are
approximate and change. Override or extend them in the config file::

    [prices]
    "gpt-4o-mini" = { input = 0.15, output = 0.60 }
    "my-vllm-model" = [0, 0]      # input, output
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .models import Usage

__all__ = ["PRICES", "PRICES_AS_OF", "Price", "cost", "load_prices", "price_for"]

PRICES_AS_OF = "2025-08"


@dataclass(frozen=True)
class Price:
    """US dollars per million tokens."""

    input: float
    output: float

    def cost(self, usage: Usage) -> float:
        return (usage.prompt_tokens * self.input + usage.completion_tokens * self.output) / 1_000_000


PRICES: dict[str, Price] = {
    "gpt-5": Price(1.25, 10.00),
    "gpt-5-mini": Price(0.25, 2.00),
    "gpt-5-nano": Price(0.05, 0.40),
    "gpt-4.1": Price(2.00, 8.00),
    "gpt-4.1-mini": Price(0.40, 1.60),
    "gpt-4.1-nano": Price(0.10, 0.40),
    "gpt-4o": Price(2.50, 10.00),
    "gpt-4o-mini": Price(0.15, 0.60),
    "o4-mini": Price(1.10, 4.40),
    "o3": Price(2.00, 8.00),
    "o3-mini": Price(1.10, 4.40),
    "o1": Price(15.00, 60.00),
    "o1-mini": Price(1.10, 4.40),
    "gpt-4-turbo": Price(10.00, 30.00),
    "gpt-3.5-turbo": Price(0.50, 1.50),
}

# Dated snapshots ("gpt-4o-mini-2024-07-18", "gpt-4-0613") cost what their alias costs.
_SNAPSHOT = re.compile(r"-(\d{4}-\d{2}-\d{2}|\d{4})$")


def price_for(model: str, prices: Mapping[str, Price] | None = None) -> Price | None:
    """The price of `model`: exact name, then without a provider prefix ("openai/")
    or a snapshot date; None when unknown."""
    table = PRICES if prices is None else prices
    candidates = [model, model.rsplit("/", 1)[-1]]
    candidates += [_SNAPSHOT.sub("", c) for c in candidates]
    for name in candidates:
        if name in table:
            return table[name]
    return None


def cost(model: str, usage: Usage, prices: Mapping[str, Price] | None = None) -> float | None:
    """Dollars `usage` cost on `model`, or None when the model's price is unknown."""
    price = price_for(model, prices)
    return None if price is None else price.cost(usage)


def load_prices(path: Path | None = None) -> dict[str, Price]:
    """The built-in table updated with the config file's ``[prices]`` table.

    Args:
        path: the config file; default `summarizer.config.config_path()`.

    Raises:
        ConfigError: the file is not valid TOML or a price is malformed.
    """
    from .config import config_path, read_config_toml

    path = path or config_path()
    prices = dict(PRICES)
    if not path.exists():
        return prices
    data = read_config_toml(path)
    table = data.get("prices", {})
    if not isinstance(table, dict):
        raise ConfigError(f"config file {path}: [prices] must be a table of model = {{ input = ..., output = ... }}")
    for model, value in table.items():
        prices[model] = _parse_price(value, f"config file {path}: [prices] {model!r}")
    return prices


def _parse_price(value: Any, where: str) -> Price:
    if isinstance(value, dict) and set(value) == {"input", "output"}:
        pair = [value["input"], value["output"]]
    elif isinstance(value, list) and len(value) == 2:
        pair = value
    else:
        raise ConfigError(
            f"{where} must be {{ input = <$ per 1M tokens>, output = <$ per 1M tokens> }} or [input, output]"
        )
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0 for v in pair):
        raise ConfigError(f"{where}: prices must be non-negative numbers of dollars per million tokens")
    return Price(float(pair[0]), float(pair[1]))
