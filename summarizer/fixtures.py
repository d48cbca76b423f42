"""Recorded fixtures and the regression harness: record, verify, update.

A fixture set is a directory::

    articles/NAME.txt        the article (header lines as usual)
    recordings/NAME/*.json   one file per model call (see engines.replay)
    expected/NAME.json       {"settings": ..., "result": ...} or {"settings": ..., "error": ...}
    scripts/NAME.json        optional: hand-made replies, recorded instead of a live model

`verify` replays every fixture through the whole pipeline (parse, validate, repair,
ground, derive) and compares with the expected file field by field. Users' own test
suites use `FixtureSet` the same way (see the README).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .engines.base import Engine
from .engines.fake import FakeEngine
from .engines.replay import RecordingEngine, ReplayEngine, StaleRecordingError
from .errors import InputError, OutputError, SummarizerError
from .files import write_atomic
from .inputs import load_article
from .pipeline import Pipeline

__all__ = ["FixtureReport", "FixtureSet", "json_diff"]

_ARTICLE_SUFFIXES = (".txt", ".md")
RECORD_HINT = "summarizer fixtures record"


@dataclass
class FixtureReport:
    name: str
    status: str  # "ok", "changed", "stale", "missing", "error"
    diff: list[str] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok" and not self.unused

    def text(self) -> str:
        lines = [f"{self.name}: {self.status}" + (f" ({self.message})" if self.message else "")]
        lines += [f"  {d}" for d in self.diff]
        lines += [f"  unused recording: {u}" for u in self.unused]
        return "\n".join(lines)


def json_diff(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Field-level differences, one readable line each."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        out: list[str] = []
        for key in sorted(set(expected) | set(actual), key=str):
            sub = f"{path}.{key}" if path else str(key)
            if key not in actual:
                out.append(f"{sub}: removed (was {_short(expected[key])})")
            elif key not in expected:
                out.append(f"{sub}: added {_short(actual[key])}")
            else:
                out += json_diff(expected[key], actual[key], sub)
        return out
    if isinstance(expected, list) and isinstance(actual, list):
        out = []
        for i in range(max(len(expected), len(actual))):
            sub = f"{path}[{i}]"
            if i >= len(actual):
                out.append(f"{sub}: removed (was {_short(expected[i])})")
            elif i >= len(expected):
                out.append(f"{sub}: added {_short(actual[i])}")
            else:
                out += json_diff(expected[i], actual[i], sub)
        return out
    if expected != actual:
        return [f"{path}: {_short(expected)} -> {_short(actual)}"]
    return []


def _short(value: Any, limit: int = 120) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _outcome(pipeline: Pipeline, article_path: Path, expected_errors: type[SummarizerError]) -> dict[str, Any]:
    """What the pipeline makes of one fixture: its result, or the (expected kind of) error it ends in."""
    try:
        result = pipeline.run(load_article(article_path))
    except StaleRecordingError:
        raise
    except expected_errors as err:
        error: dict[str, Any] = {"kind": type(err).__name__, "exit_code": err.exit_code, "message": str(err)}
        if isinstance(err, OutputError):
            error["errors"] = err.errors
        return {"error": error}
    return {"result": result.model_dump(mode="json")}


class FixtureSet:
    """The fixtures under one root directory (default: ./fixtures)."""

    def __init__(self, root: str | Path = "fixtures"):
        self.root = Path(root)

    # ------------------------------------------------------------------ layout

    def names(self) -> list[str]:
        folder = self.root / "articles"
        if not folder.is_dir():
            return []
        return sorted(p.stem for p in folder.iterdir() if p.suffix in _ARTICLE_SUFFIXES)

    def article(self, name: str) -> Path:
        for suffix in _ARTICLE_SUFFIXES:
            path = self.root / "articles" / f"{name}{suffix}"
            if path.exists():
                return path
        raise InputError(f"no fixture article named {name!r} in {self.root / 'articles'}")

    def recordings(self, name: str) -> Path:
        return self.root / "recordings" / name

    def expected_path(self, name: str) -> Path:
        return self.root / "expected" / f"{name}.json"

    def script(self, name: str) -> Path:
        return self.root / "scripts" / f"{name}.json"

    def _expected(self, name: str) -> dict[str, Any] | None:
        path = self.expected_path(name)
        if not path.exists():
            return None
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data

    # ------------------------------------------------------------------ replay

    def _replay(self, name: str, settings: dict[str, Any]) -> tuple[dict[str, Any], ReplayEngine]:
        engine = ReplayEngine(self.recordings(name))
        pipeline = Pipeline(
            engine,
            cache=None,
            max_attempts=settings.get("max_attempts", 3),
            strategy=settings.get("strategy", "single"),
            params=settings.get("params", {}),
        )
        return _outcome(pipeline, self.article(name), SummarizerError), engine

    def verify(self, name: str) -> FixtureReport:
        expected = self._expected(name)
        if expected is None:
            return FixtureReport(name, "missing", message=f"no expected result; run `{RECORD_HINT} {name}`")
        settings = expected.get("settings", {})
        try:
            actual, engine = self._replay(name, settings)
        except StaleRecordingError:
            stale = [str(p.relative_to(self.root)) for p in ReplayEngine(self.recordings(name)).recordings]
            return FixtureReport(
                name,
                "stale",
                diff=[f"stale recording: {p}" for p in stale],
                message=f"recordings are stale (prompts, schema or parameters changed); run `{RECORD_HINT} {name}`",
            )
        expected_body = {k: v for k, v in expected.items() if k != "settings"}
        diff = json_diff(expected_body, actual)
        unused = [str(p.relative_to(self.root)) for p in engine.recordings if p not in engine.used]
        return FixtureReport(name, "changed" if diff else "ok", diff=diff, unused=unused)

    def update(self, name: str) -> FixtureReport:
        """Rewrite the expected result from the current pipeline; report what changed."""
        expected = self._expected(name) or {}
        settings = expected.get("settings") or {"strategy": "single", "max_attempts": 3, "params": {}}
        report = self.verify(name) if expected else FixtureReport(name, "missing")
        if report.status == "stale":
            return report
        actual, _ = self._replay(name, settings)
        self._write_expected(name, settings, actual)
        return report

    def _write_expected(self, name: str, settings: dict[str, Any], body: dict[str, Any]) -> None:
        path = self.expected_path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"settings": settings, **body}, indent=2, sort_keys=True, ensure_ascii=False)
        write_atomic(path, text + "\n")  # a reader (a test run, an editor) never sees half a file

    # ------------------------------------------------------------------ record

    def record(
        self,
        name: str,
        live_engine: Callable[[], Engine],
        *,
        strategy: str,
        max_attempts: int = 3,
        params: dict[str, Any] | None = None,
    ) -> FixtureReport:
        """Run a live engine (or the fixture's script) and replace the recordings and expected result."""
        script = self.script(name)
        if script.exists():
            replies = json.loads(script.read_text(encoding="utf-8"))
            engine: Engine = FakeEngine(replies["replies"], model=replies.get("model", "scripted"))
            strategy = replies.get("strategy", strategy)
        else:
            engine = live_engine()
        settings: dict[str, Any] = {"strategy": strategy, "max_attempts": max_attempts, "params": dict(params or {})}
        target = self.recordings(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target.parent, prefix=f".{name}.") as tmp:
            recorder = RecordingEngine(engine, Path(tmp) / "new")
            pipeline = Pipeline(
                recorder,
                cache=None,
                max_attempts=max_attempts,
                strategy=strategy,
                params=settings["params"],
            )
            # Only the model's own failures are outcomes worth recording; an endpoint or
            # config failure propagates and leaves the old recordings untouched.
            _outcome(pipeline, self.article(name), OutputError)
            if target.exists():
                shutil.rmtree(target)
            if recorder.written:
                Path(tmp, "new").rename(target)
        # The expected result is what replay makes of the new recordings.
        actual, _ = self._replay(name, settings)
        self._write_expected(name, settings, actual)
        return self.verify(name)
