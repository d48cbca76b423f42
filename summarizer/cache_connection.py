"""One connection to the cache database that outlives the file misbehaving.

Owns opening (WAL, waiting out another process's lock up to the busy timeout,
migrating, falling back to reading a file it may not write), running each operation
with the fault rules of `summarizer.cache` (a corrupt file is set aside and the
operation retried once; a locked, read-only or full one stops writes for the run; an
unreadable one turns the cache off), and the one warning each such decision earns.
It knows nothing of what the tables hold (`cache`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from .cache_migrations import Migration, migrate
from .cache_recovery import BUSY_CODES, DB_NAME, Unusable, code, describe, file_id, is_corrupt, set_aside
from .errors import ConfigError

__all__ = ["CacheConnection"]

log = logging.getLogger("summarizer.cache")  # one logger name for the whole cache

T = TypeVar("T")


class CacheConnection:
    """The cache's SQLite connection in `directory`, opened on first use.

    Args:
        directory: where ``cache.sqlite3`` lives (created on first use).
        busy_timeout: seconds to wait for another process's write lock.
        migrations: the schema steps, in order.
    """

    def __init__(self, directory: Path, busy_timeout: float, migrations: Sequence[Migration]):
        self.directory = directory
        self.path = directory / DB_NAME
        self.busy_timeout = busy_timeout
        self.migrations = list(migrations)
        self.lock = threading.RLock()  # one connection; a batch may share it across threads
        self.reset()

    def reset(self) -> None:
        """Forget the connection and every decision made in this run."""
        self.conn: sqlite3.Connection | None = None
        self.file_id: tuple[int, int] | None = None  # (device, inode) of the file we opened
        self.off: str | None = None  # why the cache is skipped for the rest of this run
        self.read_only: str | None = None  # why results are not stored in this run
        self.raising = False  # see raising_instead_of_warning

    # ------------------------------------------------------------ opening

    def connection(self) -> sqlite3.Connection | None:
        """The open connection, opening (and migrating, or recovering) it on first use."""
        if self.conn is None and self.off is None:
            try:
                self.conn = self._open()
            except Unusable as why:
                self.turn_off(str(why))
        return self.conn

    def not_a_file(self) -> None:
        """Refuse a cache directory that is a file: a typo the user should hear about.

        Raises:
            ConfigError: `directory` exists and is not a directory.
        """
        if self.directory.exists() and not self.directory.is_dir():
            raise ConfigError(
                f"cache dir {self.directory} cannot be used (it is a file); pass another --cache-dir, or --no-cache"
            )

    def _open(self) -> sqlite3.Connection:
        self.not_a_file()
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):  # a file where a directory should be: a typo
            raise ConfigError(
                f"cache dir {self.directory} cannot be created (a file is in its way); "
                "pass another --cache-dir, or --no-cache"
            ) from None
        except OSError as err:
            raise Unusable(f"the directory cannot be created ({err.strerror or err})") from None
        # SQLite answers BUSY at once, without waiting, where waiting could deadlock: two
        # processes turning a new file to WAL together. Those are retried until the busy
        # timeout; a lock that outlasts it means the cache is skipped for this run.
        deadline = time.monotonic() + self.busy_timeout
        pause = 0.01
        set_aside_count = 0
        while set_aside_count < 2:  # a corrupt file is set aside once, then a new one is started
            try:
                conn = self._raw_connect(self.path)
            except sqlite3.DatabaseError as err:  # cannot even open: no descriptors, no access...
                self.read_only = self.unwritable(err)
                return self._open_read_only(err)
            try:
                self.file_id = file_id(self.path)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                migrate(conn, self.migrations)
                return conn
            except sqlite3.DatabaseError as err:
                if is_corrupt(err, conn):
                    set_aside(self.path, self.file_id, err, conn)
                    set_aside_count += 1
                    continue
                conn.close()
                if code(err) in BUSY_CODES and time.monotonic() < deadline:
                    time.sleep(pause)
                    pause = min(pause * 2, 0.25)
                    continue
                if code(err) in BUSY_CODES:
                    raise Unusable(f"it is locked by another process ({describe(err)})") from None
                # Read-only directory or file, full disk...: read what can be read, store
                # nothing, touch nothing.
                self.read_only = self.unwritable(err)
                return self._open_read_only(err)
            except BaseException:
                conn.close()
                raise
        raise Unusable("a new database could not be started after setting the corrupt one aside")

    def unwritable(self, err: sqlite3.Error, verb: str = "written") -> str:
        """Why the cache cannot be `verb`, naming an unwritable directory when that is the cause."""
        where = "" if os.access(self.directory, os.W_OK) else "; the directory is not writable"
        return f"it cannot be {verb} ({describe(err)}{where})"

    def _raw_connect(self, target: Path | str, *, uri: bool = False) -> sqlite3.Connection:
        return sqlite3.connect(
            target, timeout=self.busy_timeout, isolation_level=None, check_same_thread=False, uri=uri
        )

    def _open_read_only(self, cause: sqlite3.Error) -> sqlite3.Connection:
        if not self.path.is_file():
            raise Unusable(self.unwritable(cause, "opened"))
        # mode=ro still needs the -shm index; immutable=1 reads the file as it is, which is
        # the only way into a WAL database in a directory we may not write to.
        for query in ("mode=ro", "immutable=1"):
            conn = None
            try:
                conn = self._raw_connect(f"{self.path.resolve().as_uri()}?{query}", uri=True)
                (version,) = conn.execute("PRAGMA user_version").fetchone()
                if version != len(self.migrations):
                    conn.close()
                    raise Unusable(
                        f"{self.read_only} and its schema (version {version}) needs an upgrade "
                        f"to version {len(self.migrations)}"
                    )
                conn.execute("SELECT key FROM entries LIMIT 1").fetchall()
                return conn
            except sqlite3.DatabaseError:
                if conn is not None:
                    conn.close()
        raise Unusable(f"{self.read_only}, nor read")

    # ------------------------------------------------------------ faults

    def turn_off(self, why: str) -> None:
        """Skip the cache for the rest of the run, warning once (unless a command raises instead)."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        if self.off is None:
            self.off = why
            if self.raising:
                return
            log.warning("cache %s skipped for this run: %s; results are not cached", self.directory, why)

    def _stop_writing(self, why: str) -> None:
        if self.read_only is None:
            self.read_only = why

    def _set_aside(self, err: sqlite3.DatabaseError, conn: sqlite3.Connection) -> bool:
        """Set the corrupt file aside so the next use starts a new one; False when it must stay."""
        if self.read_only is not None:
            self.turn_off(f"it is corrupt ({describe(err)}) and read-only, so it stays")
            return False
        self.conn = None
        try:
            set_aside(self.path, self.file_id, err, conn)
        except Unusable as why:
            self.turn_off(str(why))
            return False
        return True

    def run(self, op: Callable[[sqlite3.Connection], T], *, write: bool, wait: bool = True) -> T | None:
        """Run `op` on the database; None when the cache cannot serve it in this run.

        A corrupt database is set aside and `op` retried once on a new one. A write that
        finds the cache locked, read-only or full stops writes for the run (hits are still
        read); a read that fails turns the cache off. With ``wait=False`` a locked database
        is not waited for and only this `op` is skipped (a hit counter is not worth a wait).
        """
        with self.lock:
            for _ in range(2):
                conn = self.connection()
                if conn is None or (write and self.read_only is not None):
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
                    if is_corrupt(err, conn):
                        if self._set_aside(err, conn):
                            continue
                        return None
                    if not wait and code(err) in BUSY_CODES:
                        return None
                    if not write:
                        self.turn_off(f"it cannot be read ({describe(err)})")
                    elif code(err) in BUSY_CODES:
                        self._stop_writing(f"it is locked by another process ({describe(err)})")
                    else:
                        self._stop_writing(self.unwritable(err))
                    return None
            return None

    @contextlib.contextmanager
    def raising_instead_of_warning(self) -> Iterator[None]:
        """For the `cache` commands: a reason to skip the cache becomes their error, not also a warning."""
        with self.lock:
            self.raising = True
            try:
                yield
            finally:
                self.raising = False

    def close(self) -> None:
        """Close the connection and forget this run's decisions; a later use opens it again."""
        with self.lock:
            if self.conn is not None:
                self.conn.close()
            self.reset()
