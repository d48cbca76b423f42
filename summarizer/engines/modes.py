"""Output modes and what an endpoint is remembered to accept.

Owns the mode names in their fallback order, `ModeMemory` (per endpoint and model: the
mode that worked and the request fields it refused, in a small JSON file beside the
cache) and `extract_json` for replies that wrap their JSON in prose.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from pathlib import Path
from typing import Any

from ..files import write_atomic

__all__ = ["DROPPABLE", "MODES", "ModeMemory", "extract_json"]

log = logging.getLogger(__name__)

MODES = ("json_schema", "json_object", "tools", "text")
# Request fields a model may refuse; the request is sent again without them, and that is
# remembered. Sampling (temperature: o-series, gpt-5) and logprobs (servers that have none).
DROPPABLE = ("temperature", "logprobs", "top_logprobs")


class ModeMemory:
    """What worked for an endpoint+model (mode, refused parameters), in a small JSON file beside the cache.

    The file maps ``endpoint -> mode``, or ``endpoint -> {"mode": ..., "drop": [...]}``
    once the endpoint has refused a sampling parameter.
    """

    def __init__(self, path: Path | None):
        self.path = path
        self._lock = threading.Lock()
        self._known: dict[str, dict[str, Any]] | None = None  # read once; identity() asks often

    def _entry(self, endpoint: str) -> dict[str, Any]:
        if self._known is None:
            self._known = self._load()
        return self._known.get(endpoint, {})

    def get(self, endpoint: str) -> str | None:
        """The mode that worked for `endpoint`, if known."""
        mode = self._entry(endpoint).get("mode")
        return mode if isinstance(mode, str) else None

    def dropped(self, endpoint: str) -> tuple[str, ...]:
        """Sampling parameters `endpoint` refused (sent no more)."""
        return tuple(self._entry(endpoint).get("drop", ()))

    def set(self, endpoint: str, mode: str) -> None:
        self._update(endpoint, mode=mode)

    def drop(self, endpoint: str, param: str) -> None:
        self._update(endpoint, drop=param)

    def _update(self, endpoint: str, *, mode: str | None = None, drop: str | None = None) -> None:
        with self._lock:
            old = self._entry(endpoint)
            if (mode is None or old.get("mode") == mode) and (drop is None or drop in old.get("drop", ())):
                return  # already known: no disk work on every call
            data = {**(self._known or {}), **self._load()}
            entry = dict(data.get(endpoint, {}))
            if mode is not None:
                entry["mode"] = mode
            if drop is not None:
                entry["drop"] = sorted({*entry.get("drop", ()), drop})
            data[endpoint] = entry
            self._known = data
            if self.path is None:
                return
            # A plain mode stays a plain string (the format older versions wrote and read).
            on_disk = {k: (v["mode"] if set(v) == {"mode"} else v) for k, v in data.items()}
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(self.path, json.dumps(on_disk, indent=1, sort_keys=True))
            except OSError as err:
                log.warning("could not remember what works for %s: %s", endpoint, err)

    def _load(self) -> dict[str, dict[str, Any]]:
        if self.path is None or not self.path.exists():
            return {}
        try:
            data = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return {}
        known: dict[str, dict[str, Any]] = {}
        for key, value in data.items() if isinstance(data, dict) else ():
            if isinstance(value, str):
                value = {"mode": value}
            if not isinstance(value, dict):
                continue
            entry: dict[str, Any] = {}
            if value.get("mode") in MODES:
                entry["mode"] = value["mode"]
            drop = value.get("drop")
            if isinstance(drop, list) and all(p in DROPPABLE for p in drop):
                entry["drop"] = sorted(drop)
            if entry:
                known[key] = entry
        return known


def extract_json(text: str) -> str:
    """The first complete JSON object in `text` (for replies wrapped in prose or fences)."""
    decoder = json.JSONDecoder()
    for m in re.finditer(r"\{", text):
        try:
            _, end = decoder.raw_decode(text, m.start())
        except ValueError:
            continue
        return text[m.start() : end]
    return text
