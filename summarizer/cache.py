"""Content-addressed disk cache of validated model outputs (SQLite in WAL mode).

Owns the cache key recipe and storage. Keys hash canonical JSON of everything that
changes the answer, behind a versioned prefix. Values are validated `ModelOutput`
JSON plus usage; the result is re-derived on read, so derived fields never go stale.
Several processes may read and write at once (WAL, busy timeout). A damaged entry
or a damaged database file is a miss, never a crash.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["Cache", "CacheEntry", "cache_key", "default_cache_dir"]

log = logging.getLogger(__name__)

KEY_PREFIX = "k1:"
_DB_NAME = "cache.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    key TEXT PRIMARY KEY,
    created REAL NOT NULL,
    payload TEXT NOT NULL,
    tokens INTEGER NOT NULL DEFAULT 0,
    hits INTEGER NOT NULL DEFAULT 0
)
"""


def default_cache_dir() -> Path:
    """SUMMARIZER_CACHE_DIR, else the platform's user cache dir."""
    env = os.environ.get("SUMMARIZER_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs  # lazily: only needed when no dir is given

    return Path(platformdirs.user_cache_dir("summarizer"))


def cache_key(parts: dict[str, Any]) -> str:
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return KEY_PREFIX + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass
class CacheEntry:
    key: str
    payload: dict[str, Any]


class Cache:
    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.path = self.directory / _DB_NAME
        self._conn: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        if self._conn is None:
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise ConfigError(
                    f"cache dir {self.directory} cannot be used ({err.strerror or err}); "
                    "pass another --cache-dir, or --no-cache"
                ) from None
            try:
                self._conn = self._open()
            except sqlite3.DatabaseError as err:
                # Not a database any more (truncated, overwritten): keep it aside, start anew.
                aside = self.path.with_name(f"{_DB_NAME}.damaged-{int(time.time())}")
                log.warning("cache database %s is damaged (%s); moved to %s", self.path, err, aside)
                os.replace(self.path, aside)
                self._conn = self._open()
        return self._conn

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute(_SCHEMA)
        return conn

    def get(self, key: str) -> CacheEntry | None:
        try:
            row = self._connect().execute("SELECT payload FROM entries WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError as err:
            log.warning("cache read failed (%s); treating as a miss", err)
            return None
        if row is None:
            return None
        try:
            payload = json.loads(row[0])
            if not isinstance(payload, dict):
                raise ValueError("not an object")
        except ValueError:
            log.warning("cache entry %s is damaged; treating as a miss", key)
            self.delete(key)
            return None
        return CacheEntry(key, payload)

    def record_hit(self, key: str) -> None:
        try:
            self._connect().execute("UPDATE entries SET hits = hits + 1 WHERE key = ?", (key,))
        except sqlite3.DatabaseError as err:
            log.warning("cache hit not recorded (%s)", err)

    def put(self, key: str, payload: dict[str, Any], *, tokens: int = 0) -> None:
        data = json.dumps(payload, sort_keys=True, ensure_ascii=False)
        try:
            self._connect().execute(
                "INSERT OR REPLACE INTO entries (key, created, payload, tokens, hits) VALUES (?, ?, ?, ?, 0)",
                (key, time.time(), data, tokens),
            )
        except sqlite3.DatabaseError as err:
            # A result the user already has must not be lost to a cache fault.
            log.warning("cache write failed (%s); result not cached", err)

    def delete(self, key: str) -> None:
        try:
            self._connect().execute("DELETE FROM entries WHERE key = ?", (key,))
        except sqlite3.DatabaseError:
            pass

    def stats(self) -> dict[str, Any]:
        conn = self._connect()
        entries, tokens_saved = conn.execute(
            "SELECT COUNT(*), COALESCE(SUM(tokens * hits), 0) FROM entries"
        ).fetchone()
        size = sum(p.stat().st_size for p in self.directory.glob(_DB_NAME + "*") if p.is_file())
        return {"path": str(self.directory), "entries": entries, "bytes": size, "tokens_saved": tokens_saved}

    def clear(self) -> int:
        conn = self._connect()
        (count,) = conn.execute("SELECT COUNT(*) FROM entries").fetchone()
        conn.execute("DELETE FROM entries")
        conn.execute("VACUUM")
        return int(count)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
