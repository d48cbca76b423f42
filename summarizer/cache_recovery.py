"""Telling the cache database's faults apart, and setting a corrupt one aside.

Owns SQLite's verdicts (read from its result codes, never guessed from an exception's
type or message), the proof of corruption (SQLITE_CORRUPT, SQLITE_NOTADB, or a failing
``PRAGMA quick_check``) and moving a proven-corrupt database, with its -wal and -shm,
to ``cache.sqlite3.damaged-N``. It does not decide when to do so (`cache_connection`)
and never deletes anything.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from pathlib import Path

__all__ = [
    "BUSY_CODES",
    "DB_NAME",
    "SIDECARS",
    "Unusable",
    "code",
    "damaged_files",
    "describe",
    "file_id",
    "is_corrupt",
    "set_aside",
]

# The cache's messages keep one logger name, whichever of its modules speaks.
log = logging.getLogger("summarizer.cache")

DB_NAME = "cache.sqlite3"
SIDECARS = ("-wal", "-shm")

# Primary result codes (https://sqlite.org/rescode.html); extended codes keep them in the low byte.
_ERROR, _BUSY, _LOCKED, _CORRUPT, _NOTADB = 1, 5, 6, 11, 26
_CORRUPT_CODES = {_CORRUPT, _NOTADB}
BUSY_CODES = {_BUSY, _LOCKED}


class Unusable(Exception):
    """The database cannot be used for this run (not corrupt: never set aside)."""


def code(err: sqlite3.Error) -> int | None:
    """SQLite's primary result code for `err`, or None when it gave none."""
    value = getattr(err, "sqlite_errorcode", None)
    return value & 0xFF if isinstance(value, int) else None


def describe(err: BaseException) -> str:
    """The error's message with SQLite's name for it, e.g. ``... [SQLITE_BUSY]``."""
    name = getattr(err, "sqlite_errorname", None)
    return f"{err} [{name}]" if name else str(err)


def file_id(path: Path) -> tuple[int, int] | None:
    """(device, inode) of `path`, or None when it does not exist: tells a replaced file apart."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def is_corrupt(err: sqlite3.DatabaseError, conn: sqlite3.Connection | None) -> bool:
    """Proven corrupt: SQLite says so, or (for an error it did not classify) quick_check fails."""
    verdict = code(err)
    if verdict in _CORRUPT_CODES:
        return True
    if verdict not in (None, _ERROR) or conn is None:  # SQLITE_ERROR is SQLite's "something else"
        return False
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as check_err:
        return code(check_err) in _CORRUPT_CODES
    return rows != [("ok",)]


def set_aside(
    path: Path, opened: tuple[int, int] | None, err: sqlite3.DatabaseError, conn: sqlite3.Connection | None
) -> None:
    """Move the corrupt database at `path` and its sidecars aside, then close `conn`.

    Nothing moves when the file is no longer the one we opened (`opened`, from
    `file_id`): another process has set it aside already. The files move before the
    connection closes: closing the last connection deletes the -wal and -shm, and the
    -wal may hold the latest committed entries.

    Raises:
        Unusable: the files cannot be moved.
    """
    try:
        if opened is not None and file_id(path) != opened:
            log.info("cache database %s was already replaced by another process", path)
            return
        n = int(time.time())
        while any(path.with_name(f"{DB_NAME}.damaged-{n}{s}").exists() for s in ("", *SIDECARS)):
            n += 1
        aside = path.with_name(f"{DB_NAME}.damaged-{n}")
        try:
            os.replace(path, aside)
            for suffix in SIDECARS:
                side = path.with_name(DB_NAME + suffix)
                if side.exists():
                    os.replace(side, aside.with_name(aside.name + suffix))
        except OSError as move_err:
            raise Unusable(
                f"it is corrupt ({describe(err)}) and cannot be set aside ({move_err.strerror or move_err})"
            ) from None
    finally:
        if conn is not None:
            conn.close()
    log.warning("cache database %s is corrupt (%s); set aside as %s, starting a new one", path, describe(err), aside)


def damaged_files(directory: Path) -> list[Path]:
    """Corrupt databases set aside in `directory` (by any run), oldest first; sidecars not listed."""
    if not directory.is_dir():
        return []
    return sorted(
        (p for p in directory.glob(f"{DB_NAME}.damaged-*") if not p.name.endswith(SIDECARS)),
        key=lambda p: p.name,
    )
