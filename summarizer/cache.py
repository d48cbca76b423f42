"""Content-addressed disk cache of validated model outputs (SQLite in WAL mode).

Owns the cache key recipe, storage, the schema's migrations and what happens when the
database file misbehaves. Keys hash canonical JSON of everything that changes the
answer, behind a versioned prefix. Values are validated `ModelOutput` JSON plus usage;
the result is re-derived on read, so derived fields never go stale. Several processes
may read and write at once (WAL, busy timeout).

Nothing paid for may be lost, so faults are told apart by SQLite's error code, never
guessed from an exception's type:

- a damaged entry is a miss (and is dropped);
- a locked, read-only, full or unopenable cache is skipped for the rest of the run with
  one warning: hits are still read when SQLite can read, results are returned but not
  stored, and the file is left exactly where it is;
- only a database SQLite proves corrupt (SQLITE_CORRUPT, SQLITE_NOTADB, or a failing
  ``PRAGMA quick_check``) is set aside, with its -wal and -shm, as
  ``cache.sqlite3.damaged-N``, and a new one is started.

The schema carries ``PRAGMA user_version`` and is upgraded in place by the numbered
steps in `MIGRATIONS` (append-only; each runs once, in the transaction that bumps the
version).

This module is the store: the key, the entries and the `cache` commands. Below it,
`cache_connection` opens the database and applies the fault rules above,
`cache_recovery` tells faults apart and sets corrupt files aside, and
`cache_migrations` holds the schema steps. Does not own what a cached payload means
(`result_cache`, `pipeline`) or where the cache lives by default beyond
`default_cache_dir`.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cache_connection import CacheConnection
from .cache_migrations import MIGRATIONS, Migration
from .cache_recovery import DB_NAME, SIDECARS, damaged_files
from .errors import ConfigError
from .hashing import digest

__all__ = [
    "MIGRATIONS",
    "Cache",
    "CacheEntry",
    "Migration",
    "cache_key",
    "BUSY_TIMEOUT",
    "default_cache_dir",
]

log = logging.getLogger(__name__)

# Bumped when the recipe changes, so old entries are never read under a new meaning.
KEY_PREFIX = "k1:"
BUSY_TIMEOUT = 30.0  # seconds another process's write may hold us up (default)


def default_cache_dir() -> Path:
    """The platform's user cache dir (``$XDG_CACHE_HOME/summarizer`` on Linux).

    The library reads no SUMMARIZER_* variable: the CLI maps SUMMARIZER_CACHE_DIR to
    ``--cache-dir`` and passes it in."""
    import platformdirs  # lazily: only needed when no dir is given

    return Path(platformdirs.user_cache_dir("summarizer"))


def cache_key(parts: dict[str, Any]) -> str:
    """A versioned SHA-256 of `parts` as canonical JSON (see `summarizer.hashing`)."""
    return KEY_PREFIX + digest(parts)


@dataclass
class CacheEntry:
    key: str
    payload: dict[str, Any]


class Cache:
    """The result cache in one directory.

    Reads and writes never raise for a fault of the database file: see the module
    docstring for what happens instead. `stats` and `clear` (the `cache` commands)
    raise `ConfigError` when the cache cannot be used, since there the user asked
    for the cache itself.

    Args:
        directory: where ``cache.sqlite3`` lives (created on first use).
        busy_timeout: seconds to wait for another process's write lock before giving up
            on writing for this run (default `BUSY_TIMEOUT`).
        migrations: the schema steps, in order (default `MIGRATIONS`).

    Raises:
        ConfigError: on first use, when `directory` is an existing file, not a directory.
    """

    def __init__(
        self,
        directory: Path,
        *,
        busy_timeout: float | None = None,
        migrations: Sequence[Migration] | None = None,
    ):
        self.directory = Path(directory)
        self.path = self.directory / DB_NAME
        self.busy_timeout = BUSY_TIMEOUT if busy_timeout is None else busy_timeout
        self.migrations = list(MIGRATIONS if migrations is None else migrations)
        self._db = CacheConnection(self.directory, self.busy_timeout, self.migrations)
        self._warned_read_only = False

    def _connection(self) -> sqlite3.Connection | None:
        """The open connection (opened, migrated or recovered on first use); None when skipped."""
        return self._db.connection()

    # ------------------------------------------------------------ entries

    def get(self, key: str) -> CacheEntry | None:
        """The entry for `key`, or None (a miss) when absent, damaged or unreadable."""
        row = self._db.run(
            lambda c: c.execute("SELECT payload FROM entries WHERE key = ?", (key,)).fetchone(), write=False
        )
        if row is None:
            return None
        try:
            payload = json.loads(row[0])
            if not isinstance(payload, dict):
                raise ValueError("not an object")
        except (TypeError, ValueError):
            log.warning("cache entry %s is damaged; treating as a miss", key)
            self.delete(key)
            return None
        return CacheEntry(key, payload)

    def record_hit(self, key: str) -> None:
        """Count a hit (for `stats`); skipped, never waited for, when the database is busy."""
        self._db.run(
            lambda c: c.execute("UPDATE entries SET hits = hits + 1 WHERE key = ?", (key,)), write=True, wait=False
        )

    def put(self, key: str, payload: dict[str, Any], *, tokens: int = 0) -> bool:
        """Store a validated payload. Returns False (after one warning per run) when it was not stored."""
        data = json.dumps(payload, sort_keys=True, ensure_ascii=False)
        stored = self._db.run(
            lambda c: c.execute(
                "INSERT OR REPLACE INTO entries (key, created, payload, tokens, hits) VALUES (?, ?, ?, ?, 0)",
                (key, time.time(), data, tokens),
            ),
            write=True,
        )
        if stored is None:
            # A result the user already has must not be lost to a cache fault: say so once.
            if self._db.off is None and self._db.read_only is not None and not self._warned_read_only:
                self._warned_read_only = True
                log.warning(
                    "cache %s not written in this run: %s; results are not cached", self.directory, self._db.read_only
                )
            return False
        return True

    def delete(self, key: str) -> None:
        """Drop one entry (a damaged one); skipped when the cache cannot be written."""
        self._db.run(lambda c: c.execute("DELETE FROM entries WHERE key = ?", (key,)), write=True, wait=False)

    # ------------------------------------------------------------ the `cache` commands

    def _require(self) -> sqlite3.Connection:
        conn = self._connection()
        if conn is None:
            raise ConfigError(f"cache {self.directory} cannot be used: {self._db.off}")
        return conn

    def disk_bytes(self) -> int:
        """Bytes on disk of the live database and its -wal.

        The -shm is left out: it is a shared-memory index that exists only while the
        database is open (so it would count only because we are looking).
        """
        return sum(p.stat().st_size for p in (self.path, self.path.with_name(DB_NAME + "-wal")) if p.is_file())

    def damaged(self) -> list[Path]:
        """Corrupt databases set aside in this directory (by any run), oldest first."""
        return damaged_files(self.directory)

    def stats(self) -> dict[str, Any]:
        """Entries, bytes on disk, tokens saved by hits, schema version and damaged files.

        Does not create a cache that does not exist yet.

        Raises:
            ConfigError: when the cache cannot be read (locked, unreadable, newer schema).
        """
        with self._db.raising_instead_of_warning():
            self._db.not_a_file()
            entries = tokens_saved = 0
            if self.path.exists() or self._db.conn is not None:
                row = self._db.run(
                    lambda c: c.execute("SELECT COUNT(*), COALESCE(SUM(tokens * hits), 0) FROM entries").fetchone(),
                    write=False,
                )
                if row is None:
                    raise ConfigError(f"cache {self.directory} cannot be used: {self._db.off or 'it cannot be read'}")
                entries, tokens_saved = int(row[0]), int(row[1])
            damaged = self.damaged()
            return {
                "path": str(self.directory),
                "entries": entries,
                "bytes": self.disk_bytes(),
                "tokens_saved": tokens_saved,
                "schema_version": len(self.migrations),
                "read_only": self._db.read_only is not None,
                "damaged": [p.name for p in damaged],
                "damaged_bytes": sum(
                    q.stat().st_size for p in damaged for q in (p, *(p.with_name(p.name + s) for s in SIDECARS))
                    if q.is_file()
                ),
            }  # fmt: skip

    def clear(self) -> tuple[int, int]:
        """Delete every entry and give the space back.

        Returns:
            (entries removed, bytes freed on disk).

        Raises:
            ConfigError: when the cache cannot be written (read-only, locked, full); then
                nothing is removed.
        """
        with self._db.raising_instead_of_warning():
            self._db.not_a_file()
            if not self.path.exists() and self._db.conn is None:
                return 0, 0
            self._connection()  # opened first: it may migrate, or set a corrupt file aside
            before, opened = self.disk_bytes(), self._db.file_id

            def delete_all(conn: sqlite3.Connection) -> int:
                conn.execute("BEGIN IMMEDIATE")
                (count,) = conn.execute("SELECT COUNT(*) FROM entries").fetchone()
                conn.execute("DELETE FROM entries")
                conn.execute("COMMIT")
                return int(count)

            count = self._db.run(delete_all, write=True)
            if count is None:
                self._require()
                raise ConfigError(
                    f"cache {self.directory} cannot be cleared: {self._db.read_only or 'it cannot be written'}; "
                    "nothing was removed"
                )
            with contextlib.suppress(sqlite3.DatabaseError):  # giving space back is best effort
                conn = self._require()
                conn.execute("VACUUM")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            if self._db.file_id != opened:  # set aside while clearing: moved, not freed
                return count, 0
            return count, max(before - self.disk_bytes(), 0)

    def close(self) -> None:
        """Close the connection; a later use opens it again (and may warn again)."""
        self._db.close()
        self._warned_read_only = False
