"""The job store: jobs, their items and finished result lines, in SQLite beside the cache.

Owns persistence only: a job's status and running totals, each item's input and, once
finished, its result line (exactly the line `summarizer batch` writes), and which
process is running the job (an owner with a lease, so a restarted service, or another
worker, takes over the jobs of a process that died). Several processes may use one
file (WAL, busy timeout). It never holds configuration, so the upstream endpoint's
key is never written here. Does not run jobs (`summarizer.service.jobs`).
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError

__all__ = ["JobRow", "JobStore", "STATUSES", "UNFINISHED"]

STATUSES = ("queued", "running", "done", "cancelled", "failed")
UNFINISHED = ("queued", "running")
# A job whose owner has not renewed its lease for this long is taken over.
LEASE_SECONDS = 15.0

_MIGRATIONS = [
    """
    CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        created REAL NOT NULL,
        updated REAL NOT NULL,
        status TEXT NOT NULL,
        total INTEGER NOT NULL,
        done INTEGER NOT NULL DEFAULT 0,
        cached INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        prompt_tokens INTEGER NOT NULL DEFAULT 0,
        completion_tokens INTEGER NOT NULL DEFAULT 0,
        total_tokens INTEGER NOT NULL DEFAULT 0,
        cost REAL,
        error TEXT,
        owner TEXT,
        lease REAL NOT NULL DEFAULT 0
    );
    CREATE INDEX jobs_status ON jobs (status);
    CREATE TABLE items (
        job TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        input TEXT NOT NULL,
        line TEXT,
        PRIMARY KEY (job, idx)
    );
    CREATE TABLE reports (
        key TEXT PRIMARY KEY,
        input TEXT NOT NULL,
        created REAL NOT NULL
    );
    """,
]


@dataclass
class JobRow:
    """A job as stored: status and totals."""

    id: str
    created: float
    updated: float
    status: str
    total: int
    done: int
    cached: int
    failed: int
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int
    cost: float | None
    error: str | None
    owner: str | None
    lease: float

    @property
    def finished(self) -> int:
        return self.done + self.cached + self.failed


def process_id() -> str:
    """This process as a job owner: host, pid and a random part (pids are reused)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _alive(owner: str) -> bool:
    """False when `owner` is a process on this host that no longer exists."""
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine's: only its lease tells
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class JobStore:
    """SQLite job store. Thread-safe (one connection, one lock); every write commits."""

    def __init__(self, path: Path, *, owner: str | None = None):
        self.path = Path(path)
        self.owner = owner or process_id()
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except (OSError, sqlite3.Error) as err:
            raise ConfigError(f"job store {self.path} cannot be used ({err}); pass another --cache-dir") from None

    def _migrate(self) -> None:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                (version,) = self._db.execute("PRAGMA user_version").fetchone()
                for n, script in enumerate(_MIGRATIONS[version:], version + 1):
                    for statement in filter(str.strip, script.split(";")):
                        self._db.execute(statement)
                    self._db.execute(f"PRAGMA user_version = {n}")
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def writable(self) -> bool:
        """True when a write commits (readiness)."""
        try:
            with self._lock:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute("ROLLBACK")
            return True
        except sqlite3.Error:
            return False

    # ------------------------------------------------------------------ jobs

    def create(self, inputs: list[dict[str, Any]]) -> str:
        """A new queued job over `inputs` (batch item dicts); returns its id."""
        job_id = uuid.uuid4().hex
        now = time.time()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute(
                    "INSERT INTO jobs (id, created, updated, status, total, cost) VALUES (?, ?, ?, 'queued', ?, 0.0)",
                    (job_id, now, now, len(inputs)),
                )
                self._db.executemany(
                    "INSERT INTO items (job, idx, input) VALUES (?, ?, ?)",
                    ((job_id, i, json.dumps(item, ensure_ascii=False)) for i, item in enumerate(inputs)),
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return job_id

    def get(self, job_id: str) -> JobRow | None:
        with self._lock:
            row = self._db.execute(f"SELECT {_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return JobRow(*row) if row else None

    def count_unfinished(self) -> int:
        with self._lock:
            (n,) = self._db.execute("SELECT COUNT(*) FROM jobs WHERE status IN ('queued', 'running')").fetchone()
        return int(n)

    def counts(self) -> dict[str, int]:
        with self._lock:
            rows = self._db.execute("SELECT status, COUNT(*) FROM jobs GROUP BY status").fetchall()
        return {status: int(n) for status, n in rows}

    def claim(self, limit: int) -> list[str]:
        """Take up to `limit` unfinished jobs nobody live is running, oldest first."""
        if limit <= 0:
            return []
        now = time.time()
        with self._lock:
            rows = self._db.execute(
                "SELECT id, owner, lease FROM jobs WHERE status IN ('queued', 'running') "
                "AND (owner IS NULL OR owner != ?) ORDER BY created",
                (self.owner,),
            ).fetchall()
        claimed: list[str] = []
        for job_id, owner, lease in rows:
            if len(claimed) >= limit:
                break
            if owner is not None and lease > now and _alive(owner):
                continue
            with self._lock:
                cur = self._db.execute(
                    "UPDATE jobs SET owner = ?, lease = ?, status = 'running', updated = ? "
                    "WHERE id = ? AND status IN ('queued', 'running') AND owner IS ? AND lease = ?",
                    (self.owner, now + LEASE_SECONDS, now, job_id, owner, lease),
                )
            if cur.rowcount == 1:
                claimed.append(job_id)
        return claimed

    def renew(self, job_ids: list[str]) -> None:
        """Extend this process's lease on `job_ids`."""
        lease = time.time() + LEASE_SECONDS
        with self._lock:
            self._db.executemany(
                "UPDATE jobs SET lease = ? WHERE id = ? AND owner = ?", ((lease, j, self.owner) for j in job_ids)
            )

    def release(self, job_ids: list[str]) -> None:
        """Give up `job_ids` unfinished (shutdown): the next process resumes them at once."""
        with self._lock:
            self._db.executemany(
                "UPDATE jobs SET owner = NULL, lease = 0 WHERE id = ? AND owner = ?",
                ((j, self.owner) for j in job_ids),
            )

    def finish(self, job_id: str, status: str, error: str | None = None) -> None:
        """Mark a job finished (done/failed), unless it was cancelled meanwhile."""
        with self._lock:
            self._db.execute(
                "UPDATE jobs SET status = ?, error = ?, updated = ?, owner = NULL, lease = 0 "
                "WHERE id = ? AND status IN ('queued', 'running')",
                (status, error, time.time(), job_id),
            )

    def cancel(self, job_id: str) -> bool:
        """Mark an unfinished job cancelled; False when it had already finished."""
        with self._lock:
            cur = self._db.execute(
                "UPDATE jobs SET status = 'cancelled', updated = ? WHERE id = ? AND status IN ('queued', 'running')",
                (time.time(), job_id),
            )
        return cur.rowcount == 1

    # ------------------------------------------------------------------ items

    def pending(self, job_id: str) -> list[tuple[int, dict[str, Any]]]:
        """(index, input) of the items without a result, in input order."""
        with self._lock:
            rows = self._db.execute(
                "SELECT idx, input FROM items WHERE job = ? AND line IS NULL ORDER BY idx", (job_id,)
            ).fetchall()
        return [(idx, json.loads(data)) for idx, data in rows]

    def item_input(self, job_id: str, idx: int) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute("SELECT input FROM items WHERE job = ? AND idx = ?", (job_id, idx)).fetchone()
        return json.loads(row[0]) if row else None

    def record(
        self,
        job_id: str,
        idx: int,
        line: str,
        *,
        outcome: str,
        usage: tuple[int, int, int],
        cost: float | None,
        report_key: str | None = None,
    ) -> None:
        """Store an item's result line and add it to the job's totals, in one transaction.

        Args:
            outcome: ``done``, ``cached`` or ``failed``.
            usage: (prompt, completion, total) tokens this run spent on the item.
            cost: their price; None when unknown (the job's cost becomes unknown).
            report_key: the result's cache key, remembered for the HTML report route.
        """
        if outcome not in ("done", "cached", "failed"):
            raise ValueError(outcome)
        now = time.time()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                cur = self._db.execute(
                    "UPDATE items SET line = ? WHERE job = ? AND idx = ? AND line IS NULL", (line, job_id, idx)
                )
                if cur.rowcount == 1:
                    self._db.execute(
                        f"UPDATE jobs SET {outcome} = {outcome} + 1, prompt_tokens = prompt_tokens + ?, "
                        "completion_tokens = completion_tokens + ?, total_tokens = total_tokens + ?, "
                        "cost = CASE WHEN cost IS NULL OR ? IS NULL THEN NULL ELSE cost + ? END, updated = ? "
                        "WHERE id = ?",
                        (*usage, None if usage[2] and cost is None else 1, cost or 0.0, now, job_id),
                    )
                    if report_key is not None:
                        self._db.execute(
                            "INSERT OR IGNORE INTO reports (key, input, created) "
                            "SELECT ?, input, ? FROM items WHERE job = ? AND idx = ?",
                            (report_key, now, job_id, idx),
                        )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def lines(self, job_id: str, start: int, limit: int = 256) -> list[tuple[int, str | None]]:
        """(index, line or None) from `start` on, in input order."""
        with self._lock:
            rows = self._db.execute(
                "SELECT idx, line FROM items WHERE job = ? AND idx >= ? ORDER BY idx LIMIT ?", (job_id, start, limit)
            ).fetchall()
        return [(int(idx), line) for idx, line in rows]

    # ------------------------------------------------------------------ reports

    def remember_report(self, key: str, inputs: dict[str, Any]) -> None:
        """Keep the article a cached result came from, for GET /v1/summaries/{key}.html."""
        with self._lock:
            self._db.execute(
                "INSERT OR IGNORE INTO reports (key, input, created) VALUES (?, ?, ?)",
                (key, json.dumps(inputs, ensure_ascii=False), time.time()),
            )

    def report_input(self, key: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute("SELECT input FROM reports WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None


_COLUMNS = (
    "id, created, updated, status, total, done, cached, failed, prompt_tokens, completion_tokens, "
    "total_tokens, cost, error, owner, lease"
)
