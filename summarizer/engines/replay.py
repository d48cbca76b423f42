"""Recorded model calls: replay them, or record them around a live engine.

One readable JSON file per model call, named by a fingerprint of everything that
changes the answer (messages, schema, engine identity = model and mode, sampling
parameters). `ReplayEngine` answers a request only from a recording with the same
fingerprint: when a template or the schema changes, the request no longer matches
and `StaleRecordingError` names what to re-record. `RecordingEngine` wraps a live
engine and writes what it sees. Secrets never reach a recording: only the request's
content is hashed or summarised, never headers or keys.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import Any

from ..errors import ConfigError, SummarizerError
from ..files import write_atomic
from ..models import Usage
from .base import Completion, Engine, Request

__all__ = ["RecordingEngine", "ReplayEngine", "StaleRecordingError", "fingerprint", "scrub"]

FINGERPRINT_PREFIX = "r1:"
_SECRET_KEYS = {"api_key", "authorization", "openai_api_key", "x-api-key", "cookie", "set-cookie"}


class StaleRecordingError(SummarizerError):
    """No recording matches a request: prompts, schema or parameters changed since recording."""

    exit_code = 4


def fingerprint(request: Request, identity: dict[str, Any]) -> str:
    data = {
        "messages": request.messages,
        "schema": request.schema,
        "schema_name": request.schema_name,
        "params": request.params,
        "identity": identity,
    }
    if request.choices is not None:  # only then: recordings made before choices keep their fingerprints
        data["choices"] = list(request.choices)
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return FINGERPRINT_PREFIX + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def scrub(value: Any) -> Any:
    """Drop secret-looking keys anywhere in a JSON-like value."""
    if isinstance(value, dict):
        return {k: ("<scrubbed>" if k.lower() in _SECRET_KEYS else scrub(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v) for v in value]
    return value


def _choice_logprobs(stored: Any) -> dict[str, float] | None:
    """A recording's choice_logprobs (null for a label with no chance); None when absent."""
    if not isinstance(stored, dict):
        return None
    return {str(k): (float(v) if v is not None else -math.inf) for k, v in stored.items()}


def _file_name(fp: str) -> str:
    return fp.removeprefix(FINGERPRINT_PREFIX)[:16] + ".json"


def _request_summary(request: Request) -> dict[str, Any]:
    """Enough to see what a call was about without repeating the whole article."""
    last = request.messages[-1]["content"] if request.messages else ""
    summary: dict[str, Any] = {
        "schema_name": request.schema_name,
        "params": scrub(request.params),
        "messages": [
            {
                "role": m["role"],
                "chars": len(m["content"]),
                "sha256": hashlib.sha256(m["content"].encode()).hexdigest()[:16],
            }
            for m in request.messages
        ],
        "last_message_tail": last[-400:],
    }
    if request.choices is not None:
        summary["choices"] = list(request.choices)
    return summary


class ReplayEngine:
    """Answers requests from recordings in one directory (searched recursively)."""

    name = "replay"

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self._by_fp: dict[str, tuple[Path, dict[str, Any]]] = {}
        self.used: set[Path] = set()
        identities: dict[str, dict[str, Any]] = {}
        for path in sorted(self.directory.rglob("*.json")) if self.directory.exists() else []:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                fp = data["fingerprint"]
                ident = data["identity"]
            except (OSError, ValueError, KeyError, TypeError):
                continue  # not a recording
            self._by_fp[fp] = (path, data)
            identities[json.dumps(ident, sort_keys=True)] = ident
        self._identities = list(identities.values())
        # What these recordings answer, whatever their directory is called: part of the cache key.
        digest = hashlib.sha256()
        for fp in sorted(self._by_fp):
            digest.update(json.dumps([fp, self._by_fp[fp][1].get("response")], sort_keys=True).encode("utf-8"))
        self._digest = digest.hexdigest()[:16]
        if not self._by_fp:
            raise ConfigError(f"no recordings in {self.directory}; record some with `summarizer fixtures record`")
        self.model = str(self._identities[0].get("model", "recorded")) if self._identities else "recorded"

    def identity(self) -> dict[str, Any]:
        """Engine, model and the recordings (their directory and a digest of their replies).

        Two recording sets whose model is called alike must not share cache entries, and a
        set re-recorded in place must not be answered from the cache of the old one.
        """
        return {
            "engine": self.name,
            "model": self.model,
            "recordings": str(self.directory.resolve()),
            "recordings_sha256": self._digest,
        }

    @property
    def recordings(self) -> list[Path]:
        return sorted(p for p, _ in self._by_fp.values())

    def complete(self, request: Request) -> Completion:
        for ident in self._identities:
            hit = self._by_fp.get(fingerprint(request, ident))
            if hit is not None:
                path, data = hit
                self.used.add(path)
                resp = data["response"]
                return Completion(
                    text=resp["text"],
                    usage=Usage.model_validate(resp.get("usage", {})),
                    finish_reason=resp.get("finish_reason"),
                    refusal=resp.get("refusal"),
                    mode=resp.get("mode", str(ident.get("mode", ""))),
                    choice_logprobs=_choice_logprobs(resp.get("choice_logprobs")),
                )
        raise StaleRecordingError(
            f"no recording in {self.directory} matches a {request.schema_name!r} request: the recordings are stale "
            "(a prompt template, the schema or a parameter changed since they were recorded); "
            "re-record with `summarizer fixtures record`"
        )

    async def acomplete(self, request: Request) -> Completion:
        return self.complete(request)


class RecordingEngine:
    """Wraps a live engine; writes each call it makes as a recording."""

    def __init__(self, inner: Engine, directory: Path):
        self.inner = inner
        self.directory = Path(directory)
        self.name = inner.name
        self.model = inner.model
        self.written: list[Path] = []
        self._seq = 0

    def identity(self) -> dict[str, Any]:
        return self.inner.identity()

    def complete(self, request: Request) -> Completion:
        identity = self.inner.identity()  # before the call: what the request was sent as
        completion = self.inner.complete(request)
        self._write(request, identity, completion)
        return completion

    async def acomplete(self, request: Request) -> Completion:
        identity = self.inner.identity()
        completion = await self.inner.acomplete(request)
        self._write(request, identity, completion)
        return completion

    def _write(self, request: Request, identity: dict[str, Any], completion: Completion) -> None:
        # After a mode fallback the reply came through another mode: key it by that.
        if completion.mode and identity.get("mode") not in (None, completion.mode):
            identity = {**identity, "mode": completion.mode}
        fp = fingerprint(request, identity)
        self._seq += 1
        record: dict[str, Any] = {
            "fingerprint": fp,
            "sequence": self._seq,
            "identity": scrub(identity),
            "request": _request_summary(request),
            "response": {
                "text": completion.text,
                "finish_reason": completion.finish_reason,
                "refusal": completion.refusal,
                "mode": completion.mode,
                "usage": completion.usage.model_dump(),
            },
        }
        if completion.choice_logprobs is not None:
            # JSON has no -inf: a label the engine gave no chance is stored as null.
            record["response"]["choice_logprobs"] = {
                label: (lp if math.isfinite(lp) else None) for label, lp in completion.choice_logprobs.items()
            }
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / _file_name(fp)
        write_atomic(path, json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
        self.written.append(path)
