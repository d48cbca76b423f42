"""Recordings of closed questions: choice_logprobs are stored and replayed; old recordings still load."""

from __future__ import annotations

import json
import math

import pytest
from fake_openai import Reply

from summarizer.engines.base import Request
from summarizer.engines.fake import FakeEngine
from summarizer.engines.openai import OpenAICompatEngine, RetryPolicy
from summarizer.engines.replay import RecordingEngine, ReplayEngine, StaleRecordingError, fingerprint

MESSAGES = [{"role": "user", "content": "Which is a colour? A) dog B) red C) seven"}]


def question(choices: tuple[str, ...] | None = ("A", "B", "C")) -> Request:
    return Request(messages=[dict(m) for m in MESSAGES], schema={}, schema_name="choice", choices=choices)


def test_recording_stores_and_replays_choice_logprobs(tmp_path):
    logprobs = {"A": -2.5, "B": -0.1, "C": -math.inf}
    recorder = RecordingEngine(FakeEngine([{"text": "B", "choice_logprobs": logprobs}]), tmp_path)
    assert recorder.complete(question()).choice_logprobs == logprobs
    stored = json.loads(recorder.written[0].read_text())
    assert stored["response"]["choice_logprobs"] == {"A": -2.5, "B": -0.1, "C": None}  # valid JSON, no -Infinity
    assert stored["request"]["choices"] == ["A", "B", "C"]

    replayed = ReplayEngine(tmp_path).complete(question())
    assert (replayed.text, replayed.choice_logprobs) == ("B", logprobs)


def test_recording_over_http_replays_the_same_logprobs(fake, tmp_path):
    fake.enqueue(Reply.label({" B": -0.3, " A": -1.7, "C": -4.0}))
    live = OpenAICompatEngine("fake-model", base_url=fake.base_url, retry=RetryPolicy(retries=0))
    recorded = RecordingEngine(live, tmp_path).complete(question())
    replayed = ReplayEngine(tmp_path).complete(question())
    assert replayed.choice_logprobs == pytest.approx(recorded.choice_logprobs)
    assert set(replayed.choice_logprobs or {}) == {"A", "B", "C"}


def test_choices_are_part_of_the_fingerprint(tmp_path):
    ident = {"engine": "fake", "model": "m", "mode": "fake"}
    assert fingerprint(question(), ident) != fingerprint(question(("A", "B")), ident)
    assert fingerprint(question(), ident) != fingerprint(question(None), ident)
    RecordingEngine(FakeEngine([{"text": "B", "choice_logprobs": {"B": 0.0}}]), tmp_path).complete(question())
    with pytest.raises(StaleRecordingError):
        ReplayEngine(tmp_path).complete(question(("A", "B")))


def test_recordings_without_choices_keep_their_fingerprint_and_load(tmp_path):
    request = question(None)
    ident = {"engine": "fake", "model": "m", "mode": "fake"}
    # The recipe recordings were made with before choices existed.
    import hashlib

    old = {"messages": request.messages, "schema": {}, "schema_name": "choice", "params": {}, "identity": ident}
    canonical = json.dumps(old, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert fingerprint(request, ident) == "r1:" + hashlib.sha256(canonical.encode()).hexdigest()

    old_file = {
        "fingerprint": fingerprint(request, ident),
        "identity": ident,
        "response": {"text": "{}", "finish_reason": "stop", "refusal": None, "mode": "fake", "usage": {}},
    }
    (tmp_path / "old.json").write_text(json.dumps(old_file))
    replayed = ReplayEngine(tmp_path).complete(request)
    assert replayed.text == "{}" and replayed.choice_logprobs is None
