"""Run `summarizer serve` as a real process on a free loopback port, against the fake endpoint.

`serve(*args)` starts the service (``python -m summarizer.cli serve --port 0 ...``) with
the test's clean environment, waits for its "serving on" line and returns a handle with
its URL, an httpx client, its stderr so far, and kill/terminate. Every article in these
tests shares one body (so one canned reply grounds in all of them) and differs in its
title, which the prompt shows: cache keys differ and the fake server can tell them apart.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import ROOT, generic_output_for

from summarizer.inputs import parse_article

BODY = (
    "The council met in Geneva on Monday to discuss the ceasefire.\n\n"
    "Ministers argued over the proposal for several hours. "
    "A second round of talks is planned for next week."
)
REPLY = json.dumps(generic_output_for(parse_article(BODY)))
TITLE = re.compile(r"Title: Item (\d+)")
# The upstream key every service test runs with: it must never come back out.
UPSTREAM_KEY = "sk-upstream-secret-7f3a9c"


def article(n: int) -> dict[str, Any]:
    return {"id": f"item-{n}", "text": BODY, "title": f"Item {n}", "published": "2022-02-14"}


def item_of(request: Any) -> int | None:
    """Which article a captured chat request was about (by its title), or None."""
    text = json.dumps(request.body["messages"])
    m = TITLE.search(text)
    return int(m.group(1)) if m else None


class Service:
    """A running `summarizer serve` process."""

    def __init__(self, args: list[str], env: dict[str, str]):
        self.args = args
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "summarizer.cli", "serve", "--port", "0", *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        self.lines: list[str] = []
        self._ready = threading.Event()
        self.url = ""
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        if not self._ready.wait(60) or not self.url:
            self.kill()
            raise AssertionError(f"the service did not start: {self.stderr}")

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line)
            m = re.search(r"serving on (http://\S+)", line)
            if m and not self.url:
                self.url = m.group(1)
                self._ready.set()
        self._ready.set()

    @property
    def stderr(self) -> str:
        return "".join(self.lines)

    def client(self, key: str | None = None, timeout: float = 30) -> httpx.Client:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=timeout)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(30)
        self._reader.join(5)  # it ends at EOF; then its pipe can be closed (no ResourceWarning)
        if self.proc.stderr is not None and not self._reader.is_alive():
            self.proc.stderr.close()

    def terminate(self, timeout: float = 60) -> int:
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout)


@pytest.fixture
def serve(fake: Any, tmp_path: Path) -> Iterator[Callable[..., Service]]:
    """Start services against `fake` (base URL and upstream key set); all stopped at the end."""
    started: list[Service] = []
    fake.default = lambda body: _reply()

    def start(*args: Any, env: dict[str, str] | None = None, endpoint: bool = True) -> Service:
        environ = dict(os.environ)
        environ["PYTHONPATH"] = os.pathsep.join([str(ROOT), environ.get("PYTHONPATH", "")])
        if endpoint:
            environ["OPENAI_BASE_URL"] = fake.base_url
            environ["OPENAI_API_KEY"] = UPSTREAM_KEY
        environ.update(env or {})
        service = Service([str(a) for a in args], environ)
        started.append(service)
        return service

    yield start
    for service in started:
        service.kill()


def _reply() -> Any:
    from fake_openai import Reply

    return Reply.content(REPLY)


def wait_for(predicate: Callable[[], Any], timeout: float = 30, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")
