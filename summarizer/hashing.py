"""Canonical JSON and its digest: the one recipe behind cache keys and recording fingerprints.

Owns how a JSON-like value becomes bytes to hash (sorted keys, no spaces, UTF-8 kept
as is) and the hash itself (SHA-256, hex). It does not own what goes into a key or a
fingerprint, nor their versioned prefixes: `summarizer.cache` and
`summarizer.engines.replay` choose those. Changing anything here changes every key
and fingerprint, so every user's cache misses and every recording turns stale.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

__all__ = ["canonical_json", "digest"]


def canonical_json(value: Any) -> str:
    """`value` as JSON that is the same text for the same data.

    Args:
        value: anything `json.dumps` takes (dicts, lists, strings, numbers, None).

    Returns:
        Compact JSON with keys sorted at every level and non-ASCII characters kept.

    Raises:
        TypeError: `value` holds something JSON cannot express.
    """
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def digest(value: Any) -> str:
    """The SHA-256 (64 hex digits) of `value`'s canonical JSON, encoded as UTF-8.

    Raises:
        TypeError: `value` holds something JSON cannot express.
    """
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()
