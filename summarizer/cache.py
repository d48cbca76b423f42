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

Does not own what a cached payload means (`pipeline`) or where the cache lives by
default beyond `default_cache_dir`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .errors import ConfigError

__all__ = [
    "MIGRATIONS",
    "Cache",
    "CacheEntry",
    "Migration",
    "cache_key",
    "default_busy_timeout",
    "default_cache_dir",
]

log = logging.getLogger(__name__)

KEY_PREFIX = "k1:"
_DB_NAME = "cache.sqlite3"
_SIDECARS = ("-wal", "-shm")
_BUSY_TIMEOUT = 30.0  # seconds another process's write may hold us up

T = TypeVar("T")

# ---------------------------------------------------------------- migrations

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = []


def _migration(step: Migration) -> Migration:
    """Register the next schema step. Append only: a released step is never edited or reordered."""
    MIGRATIONS.append(step)
    return step


@_migration
def m001_entries(conn: sqlite3.Connection) -> None:
    # Also adopts caches made before versioning (user_version 0): same table, kept as is.
    conn.execute(
        """
        CREATE TABLE IF NOT EXISTS entries (
            key TEXT PRIMARY KEY,
            created REAL NOT NULL,
            payload TEXT NOT NULL,
            tokens INTEGER NOT NULL DEFAULT 0,
            hits INTEGER NOT NULL DEFAULT 0
        )
        """
    )


# ---------------------------------------------------------------- SQLite's verdicts

# Primary result codes (https://sqlite.org/rescode.html); extended codes keep them in the low byte.
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _AUTH, _NOTADB = (
    3, 5, 6, 8, 10, 11, 13, 14, 23, 26,
)  # fmt: skip
_CORRUPT_CODES = {_CORRUPT, _NOTADB}
_BUSY_CODES = {_BUSY, _LOCKED}


def _code(err: sqlite3.Error) -> int | None:
    code = getattr(err, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _describe(err: BaseException) -> str:
    name = getattr(err, "sqlite_errorname", None)
    return f"{err} [{name}]" if name else str(err)


def default_cache_dir() -> Path:
    """SUMMARIZER_CACHE_DIR, else the platform's user cache dir."""
    env = os.environ.get("SUMMARIZER_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs  # lazily: only needed when no dir is given

    return Path(platformdirs.user_cache_dir("summarizer"))


def default_busy_timeout() -> float:
    """SUMMARIZER_CACHE_BUSY_TIMEOUT (seconds), else 30: how long to wait for another writer.

    Raises:
        ConfigError: when the variable is not a non-negative number.
    """
    env = os.environ.get("SUMMARIZER_CACHE_BUSY_TIMEOUT")
    if not env:
        return _BUSY_TIMEOUT
    try:
        value = float(env)
    except ValueError:
        value = -1.0
    if not value >= 0:  # also refuses nan
        raise ConfigError(f"SUMMARIZER_CACHE_BUSY_TIMEOUT must be a number of seconds, not {env!r}")
    return value


def cache_key(parts: dict[str, Any]) -> str:
    """A versioned SHA-256 of `parts` as canonical JSON (sorted keys, no spaces)."""
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return KEY_PREFIX + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass
class CacheEntry:
    key: str
    payload: dict[str, Any]


class _Unusable(Exception):
    """The database cannot be used for this run (not corrupt: never set aside)."""


class Cache:
    """The result cache in one directory.

    Reads and writes never raise for a fault of the database file: see the module
    docstring for what happens instead. `stats` and `clear` (the `cache` commands)
    raise `ConfigError` when the cache cannot be used, since there the user asked
    for the cache itself.

    Args:
        directory: where ``cache.sqlite3`` lives (created on first use).
        busy_timeout: seconds to wait for another process's write lock before giving up
            on writing for this run (default `default_busy_timeout()`).
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
        self.path = self.directory / _DB_NAME
        self.busy_timeout = default_busy_timeout() if busy_timeout is None else busy_timeout
        self.migrations = list(MIGRATIONS if migrations is None else migrations)
        self._lock = threading.RLock()  # one connection; a batch may share it across threads
        self._reset()

    def _reset(self) -> None:
        self._conn: sqlite3.Connection | None = None
        self._file_id: tuple[int, int] | None = None  # (device, inode) of the file we opened
        self._off: str | None = None  # why the cache is skipped for the rest of this run
        self._read_only: str | None = None  # why results are not stored in this run
        self._warned_read_only = False
        self._raising = False  # see _raising_instead_of_warning

    # ------------------------------------------------------------ opening

    def _connection(self) -> sqlite3.Connection | None:
        """The open connection, opening (and migrating, or recovering) it on first use."""
        if self._conn is None and self._off is None:
            try:
                self._conn = self._open()
            except _Unusable as why:
                self._turn_off(str(why))
        return self._conn

    def _not_a_file(self) -> None:
        if self.directory.exists() and not self.directory.is_dir():
            raise ConfigError(
                f"cache dir {self.directory} cannot be used (it is a file); pass another --cache-dir, or --no-cache"
            )

    def _open(self) -> sqlite3.Connection:
        self._not_a_file()
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):  # a file where a directory should be: a typo
            raise ConfigError(
                f"cache dir {self.directory} cannot be created (a file is in its way); "
                "pass another --cache-dir, or --no-cache"
            ) from None
        except OSError as err:
            raise _Unusable(f"the directory cannot be created ({err.strerror or err})") from None
        # SQLite answers BUSY at once, without waiting, where waiting could deadlock: two
        # processes turning a new file to WAL together. Those are retried until the busy
        # timeout; a lock that outlasts it means the cache is skipped for this run.
        deadline = time.monotonic() + self.busy_timeout
        pause = 0.01
        set_aside = 0
        while set_aside < 2:  # a corrupt file is set aside once, then a new one is started
            try:
                conn = self._raw_connect(self.path)
            except sqlite3.DatabaseError as err:  # cannot even open: no descriptors, no access...
                self._read_only = self._unwritable(err)
                return self._open_read_only(err)
            try:
                self._file_id = self._stat_id()
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                self._migrate(conn)
                return conn
            except sqlite3.DatabaseError as err:
                if self._is_corrupt(err, conn):
                    self._set_aside_file(err, conn)
                    set_aside += 1
                    continue
                conn.close()
                if _code(err) in _BUSY_CODES and time.monotonic() < deadline:
                    time.sleep(pause)
                    pause = min(pause * 2, 0.25)
                    continue
                if _code(err) in _BUSY_CODES:
                    raise _Unusable(f"it is locked by another process ({_describe(err)})") from None
                # Read-only directory or file, full disk...: read what can be read, store
                # nothing, touch nothing.
                self._read_only = self._unwritable(err)
                return self._open_read_only(err)
            except BaseException:
                conn.close()
                raise
        raise _Unusable("a new database could not be started after setting the corrupt one aside")

    def _unwritable(self, err: sqlite3.Error, verb: str = "written") -> str:
        where = "" if os.access(self.directory, os.W_OK) else "; the directory is not writable"
        return f"it cannot be {verb} ({_describe(err)}{where})"

    def _raw_connect(self, target: Path | str, *, uri: bool = False) -> sqlite3.Connection:
        return sqlite3.connect(
            target, timeout=self.busy_timeout, isolation_level=None, check_same_thread=False, uri=uri
        )

    def _open_read_only(self, cause: sqlite3.Error) -> sqlite3.Connection:
        if not self.path.is_file():
            raise _Unusable(self._unwritable(cause, "opened"))
        # mode=ro still needs the -shm index; immutable=1 reads the file as it is, which is
        # the only way into a WAL database in a directory we may not write to.
        for query in ("mode=ro", "immutable=1"):
            conn = None
            try:
                conn = self._raw_connect(f"{self.path.resolve().as_uri()}?{query}", uri=True)
                (version,) = conn.execute("PRAGMA user_version").fetchone()
                if version != len(self.migrations):
                    conn.close()
                    raise _Unusable(
                        f"{self._read_only} and its schema (version {version}) needs an upgrade "
                        f"to version {len(self.migrations)}"
                    )
                conn.execute("SELECT key FROM entries LIMIT 1").fetchall()
                return conn
            except sqlite3.DatabaseError:
                if conn is not None:
                    conn.close()
        raise _Unusable(f"{self._read_only}, nor read")

    def _migrate(self, conn: sqlite3.Connection) -> None:
        """Run the schema steps this database has not had, each in its own transaction."""
        target = len(self.migrations)
        while True:
            (version,) = conn.execute("PRAGMA user_version").fetchone()
            if version > target:
                raise _Unusable(
                    f"it was made by a newer summarizer (schema version {version}; this one knows "
                    f"{target}); upgrade summarizer or pass another --cache-dir"
                )
            if version == target:
                return
            conn.execute("BEGIN IMMEDIATE")  # another process may be migrating: re-read under the lock
            try:
                (version,) = conn.execute("PRAGMA user_version").fetchone()
                if version < target:
                    step = self.migrations[version]
                    step(conn)
                    conn.execute(f"PRAGMA user_version = {version + 1:d}")
                    log.info("cache schema upgraded to version %d (%s)", version + 1, step.__name__)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:  # some errors (a full disk) have rolled it back already
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                raise

    # ------------------------------------------------------------ faults

    def _stat_id(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_dev, st.st_ino)

    def _is_corrupt(self, err: sqlite3.DatabaseError, conn: sqlite3.Connection | None) -> bool:
        """Proven corrupt: SQLite says so, or (for an error it did not classify) quick_check fails."""
        code = _code(err)
        if code in _CORRUPT_CODES:
            return True
        if code not in (None, 1) or conn is None:  # 1 = SQLITE_ERROR, SQLite's "something else"
            return False
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        except sqlite3.DatabaseError as check_err:
            return _code(check_err) in _CORRUPT_CODES
        return rows != [("ok",)]

    def _set_aside_file(self, err: sqlite3.DatabaseError, conn: sqlite3.Connection | None) -> None:
        """Move the corrupt database and its sidecars aside (unless someone already has), then close `conn`.

        The files move before the connection closes: closing the last connection deletes
        the -wal and -shm, and the -wal may hold the latest committed entries.
        """
        try:
            if self._file_id is not None and self._stat_id() != self._file_id:
                log.info("cache database %s was already replaced by another process", self.path)
                return
            n = int(time.time())
            while any(self.path.with_name(f"{_DB_NAME}.damaged-{n}{s}").exists() for s in ("", *_SIDECARS)):
                n += 1
            aside = self.path.with_name(f"{_DB_NAME}.damaged-{n}")
            try:
                os.replace(self.path, aside)
                for suffix in _SIDECARS:
                    side = self.path.with_name(_DB_NAME + suffix)
                    if side.exists():
                        os.replace(side, aside.with_name(aside.name + suffix))
            except OSError as move_err:
                raise _Unusable(
                    f"it is corrupt ({_describe(err)}) and cannot be set aside ({move_err.strerror or move_err})"
                ) from None
        finally:
            if conn is not None:
                conn.close()
        log.warning(
            "cache database %s is corrupt (%s); set aside as %s, starting a new one", self.path, _describe(err), aside
        )

    def _turn_off(self, why: str) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._off is None:
            self._off = why
            if self._raising:
                return
            log.warning("cache %s skipped for this run: %s; results are not cached", self.directory, why)

    def _stop_writing(self, why: str) -> None:
        if self._read_only is None:
            self._read_only = why

    def _run(self, op: Callable[[sqlite3.Connection], T], *, write: bool, wait: bool = True) -> T | None:
        """Run `op` on the database; None when the cache cannot serve it in this run.

        A corrupt database is set aside and `op` retried once on a new one. A write that
        finds the cache locked, read-only or full stops writes for the run (hits are still
        read); a read that fails turns the cache off. With ``wait=False`` a locked database
        is not waited for and only this `op` is skipped (a hit counter is not worth a wait).
        """
        with self._lock:
            for _ in range(2):
                conn = self._connection()
                if conn is None or (write and self._read_only is not None):
                    return None
                try:
                    if not wait:
                        conn.execute("PRAGMA busy_timeout = 0")
                    try:
                        return op(conn)
                    finally:
                        if not wait:
                            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000):d}")
                except sqlite3.DatabaseError as err:
                    if conn.in_transaction:
                        with contextlib.suppress(sqlite3.Error):
                            conn.execute("ROLLBACK")
                    if self._is_corrupt(err, conn):
                        if self._read_only is not None:
                            self._turn_off(f"it is corrupt ({_describe(err)}) and read-only, so it stays")
                            return None
                        self._conn = None
                        try:
                            self._set_aside_file(err, conn)
                        except _Unusable as why:
                            self._turn_off(str(why))
                            return None
                        continue
                    if not wait and _code(err) in _BUSY_CODES:
                        return None
                    if not write:
                        self._turn_off(f"it cannot be read ({_describe(err)})")
                    elif _code(err) in _BUSY_CODES:
                        self._stop_writing(f"it is locked by another process ({_describe(err)})")
                    else:
                        self._stop_writing(self._unwritable(err))
                    return None
            return None

    # ------------------------------------------------------------ entries

    def get(self, key: str) -> CacheEntry | None:
        """The entry for `key`, or None (a miss) when absent, damaged or unreadable."""
        row = self._run(
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
        self._run(
            lambda c: c.execute("UPDATE entries SET hits = hits + 1 WHERE key = ?", (key,)), write=True, wait=False
        )

    def put(self, key: str, payload: dict[str, Any], *, tokens: int = 0) -> bool:
        """Store a validated payload. Returns False (after one warning per run) when it was not stored."""
        data = json.dumps(payload, sort_keys=True, ensure_ascii=False)
        stored = self._run(
            lambda c: c.execute(
                "INSERT OR REPLACE INTO entries (key, created, payload, tokens, hits) VALUES (?, ?, ?, ?, 0)",
                (key, time.time(), data, tokens),
            ),
            write=True,
        )
        if stored is None:
            # A result the user already has must not be lost to a cache fault: say so once.
            if self._off is None and self._read_only is not None and not self._warned_read_only:
                self._warned_read_only = True
                log.warning(
                    "cache %s not written in this run: %s; results are not cached", self.directory, self._read_only
                )
            return False
        return True

    def delete(self, key: str) -> None:
        """Drop one entry (a damaged one); skipped when the cache cannot be written."""
        self._run(lambda c: c.execute("DELETE FROM entries WHERE key = ?", (key,)), write=True, wait=False)

    # ------------------------------------------------------------ the `cache` commands

    def _require(self) -> sqlite3.Connection:
        conn = self._connection()
        if conn is None:
            raise ConfigError(f"cache {self.directory} cannot be used: {self._off}")
        return conn

    def disk_bytes(self) -> int:
        """Bytes on disk of the live database and its -wal.

        The -shm is left out: it is a shared-memory index that exists only while the
        database is open (so it would count only because we are looking).
        """
        return sum(p.stat().st_size for p in (self.path, self.path.with_name(_DB_NAME + "-wal")) if p.is_file())

    def damaged(self) -> list[Path]:
        """Corrupt databases set aside in this directory (by any run), oldest first."""
        if not self.directory.is_dir():
            return []
        return sorted(
            (p for p in self.directory.glob(f"{_DB_NAME}.damaged-*") if not p.name.endswith(_SIDECARS)),
            key=lambda p: p.name,
        )

    @contextlib.contextmanager
    def _raising_instead_of_warning(self) -> Iterator[None]:
        """For the `cache` commands: a reason to skip the cache becomes their error, not also a warning."""
        with self._lock:
            self._raising = True
            try:
                yield
            finally:
                self._raising = False

    def stats(self) -> dict[str, Any]:
        """Entries, bytes on disk, tokens saved by hits, schema version and damaged files.

        Does not create a cache that does not exist yet.

        Raises:
            ConfigError: when the cache cannot be read (locked, unreadable, newer schema).
        """
        with self._raising_instead_of_warning():
            self._not_a_file()
            entries = tokens_saved = 0
            if self.path.exists() or self._conn is not None:
                row = self._run(
                    lambda c: c.execute("SELECT COUNT(*), COALESCE(SUM(tokens * hits), 0) FROM entries").fetchone(),
                    write=False,
                )
                if row is None:
                    raise ConfigError(f"cache {self.directory} cannot be used: {self._off or 'it cannot be read'}")
                entries, tokens_saved = int(row[0]), int(row[1])
            damaged = self.damaged()
            return {
                "path": str(self.directory),
                "entries": entries,
                "bytes": self.disk_bytes(),
                "tokens_saved": tokens_saved,
                "schema_version": len(self.migrations),
                "read_only": self._read_only is not None,
                "damaged": [p.name for p in damaged],
                "damaged_bytes": sum(
                    q.stat().st_size for p in damaged for q in (p, *(p.with_name(p.name + s) for s in _SIDECARS))
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
        with self._raising_instead_of_warning():
            self._not_a_file()
            if not self.path.exists() and self._conn is None:
                return 0, 0
            self._connection()  # opened first: it may migrate, or set a corrupt file aside
            before, opened = self.disk_bytes(), self._file_id

            def delete_all(conn: sqlite3.Connection) -> int:
                conn.execute("BEGIN IMMEDIATE")
                (count,) = conn.execute("SELECT COUNT(*) FROM entries").fetchone()
                conn.execute("DELETE FROM entries")
                conn.execute("COMMIT")
                return int(count)

            count = self._run(delete_all, write=True)
            if count is None:
                self._require()
                raise ConfigError(
                    f"cache {self.directory} cannot be cleared: {self._read_only or 'it cannot be written'}; "
                    "nothing was removed"
                )
            with contextlib.suppress(sqlite3.DatabaseError):  # giving space back is best effort
                conn = self._require()
                conn.execute("VACUUM")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            if self._file_id != opened:  # set aside while clearing: moved, not freed
                return count, 0
            return count, max(before - self.disk_bytes(), 0)

    def close(self) -> None:
        """Close the connection; a later use opens it again (and may warn again)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
            self._reset()
