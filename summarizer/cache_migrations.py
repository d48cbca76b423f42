"""The cache database's schema: numbered, append-only migration steps and running them.

The schema carries ``PRAGMA user_version``; `migrate` runs the steps a database has
not had, each in the transaction that bumps the version, so two processes upgrading
one file at once run each step once. It does not open files or recover from faults
(`cache_connection`, `cache_recovery`).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable, Sequence

from .cache_recovery import Unusable

__all__ = ["MIGRATIONS", "Migration", "migrate"]

log = logging.getLogger("summarizer.cache")  # one logger name for the whole cache

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


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration]) -> None:
    """Run the schema steps this database has not had, each in its own transaction.

    Args:
        conn: an open connection in autocommit mode (``isolation_level=None``).
        migrations: every step, in order; the database ends at version ``len(migrations)``.

    Raises:
        Unusable: the database was made by a newer summarizer (a higher version).
        sqlite3.DatabaseError: a step or the version bump failed (rolled back).
    """
    target = len(migrations)
    while True:
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        if version > target:
            raise Unusable(
                f"it was made by a newer summarizer (schema version {version}; this one knows "
                f"{target}); upgrade summarizer or pass another --cache-dir"
            )
        if version == target:
            return
        conn.execute("BEGIN IMMEDIATE")  # another process may be migrating: re-read under the lock
        try:
            (version,) = conn.execute("PRAGMA user_version").fetchone()
            if version < target:
                step = migrations[version]
                step(conn)
                conn.execute(f"PRAGMA user_version = {version + 1:d}")
                log.info("cache schema upgraded to version %d (%s)", version + 1, step.__name__)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # some errors (a full disk) have rolled it back already
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            raise
