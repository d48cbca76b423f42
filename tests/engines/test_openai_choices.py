"""Closed questions (`Request.choices`) over real HTTP to the fake OpenAI-compatible server."""

from __future__ import annotations

import asyncio
import json
import logging
import math

import pytest
from fake_openai import Reply

from summarizer.engines.base import Request
from summarizer.engines.labels import label_logprobs
from summarizer.engines.openai import ModeMemory, OpenAICompatEngine, RetryPolicy

FAST = RetryPolicy(retries=1, backoff=0.01, max_backoff=0.02)
LABELS = ("A", "B", "C", "D")


def question(**params: object) -> Request:
    messages = [
        {"role": "system", "content": "Answer with one letter."},
        {"role": "user", "content": "Which is a colour? A) dog B) red C) seven D) none of these"},
    ]
    return Request(messages=messages, schema={}, schema_name="choice", params=dict(params), choices=LABELS)


def engine(fake, memory: ModeMemory | None = None) -> OpenAICompatEngine:
    return OpenAICompatEngine("fake-model", base_url=fake.base_url, retry=FAST, mode_memory=memory)


def test_choices_request_asks_one_token_with_top_logprobs(fake):
    fake.enqueue(Reply.label({" B": -0.2, "A": -2.0, " A": -2.5, "B": -3.0, " C": -4.0, "x": -5.0}))
    done = engine(fake).complete(question(temperature=0.0))
    body = fake.chat_requests[0].body
    assert (body["max_tokens"], body["logprobs"], body["top_logprobs"]) == (1, True, 20)
    assert "response_format" not in body and "tools" not in body
    assert body["messages"][-1]["content"].startswith("Which is a colour?")  # no schema appended
    assert done.text == " B"
    lp = done.choice_logprobs
    assert lp is not None and set(lp) == {"A", "B", "C"}  # D was not among the candidates
    # " B" and "B" are both the label B: their probabilities add up.
    assert lp["B"] == pytest.approx(math.log(math.exp(-0.2) + math.exp(-3.0)))
    assert lp["A"] == pytest.approx(math.log(math.exp(-2.0) + math.exp(-2.5)))
    assert max(lp, key=lambda k: lp[k]) == "B"


def test_choices_only_the_servers_top_candidates_are_known(fake):
    fake.enqueue(Reply.label({f" {c}": -float(i) for i, c in enumerate("ABCD")}))
    done = engine(fake).complete(question())
    assert done.choice_logprobs is not None and set(done.choice_logprobs) == set(LABELS)


def test_choices_refused_logprobs_fall_back_to_the_generated_label_and_are_remembered(fake, tmp_path, caplog):
    fake.reject_params = {"logprobs"}
    fake.default = Reply.content("C")
    memory = ModeMemory(tmp_path / "modes.json")
    eng = engine(fake, memory)
    with caplog.at_level(logging.INFO, logger="summarizer.engines.openai"):
        done = eng.complete(question())
    assert [("logprobs" in r.body) for r in fake.chat_requests] == [True, False]
    assert "top_logprobs" not in fake.chat_requests[1].body  # never without logprobs
    assert done.text == "C" and done.choice_logprobs == {"C": 0.0}
    assert any("gave no logprobs" in r.getMessage() for r in caplog.records)
    # Remembered: the next engine over the same memory does not ask for logprobs again.
    fresh = engine(fake, ModeMemory(tmp_path / "modes.json"))
    assert "logprobs" in fresh.identity()["dropped_params"]
    fresh.complete(question())
    assert "logprobs" not in fake.chat_requests[2].body
    assert len(fake.chat_requests) == 3


def test_choices_server_that_ignores_logprobs_gives_the_generated_label(fake):
    fake.enqueue(Reply.raw({
        "id": "x", "object": "chat.completion", "created": 0, "model": "fake-model",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": " D"}, "finish_reason": "length"}],
        "usage": {"prompt_tokens": 5, "completion_tokens": 1, "total_tokens": 6},
    }, content_type="application/json"))  # fmt: skip
    done = engine(fake).complete(question())
    assert done.choice_logprobs == {"D": 0.0}


def test_choices_answer_that_is_no_label_gives_no_logprobs(fake):
    fake.enqueue(Reply.label({"The": -0.1, "Answer": -0.9}))
    done = engine(fake).complete(question())
    assert done.choice_logprobs == {}


def test_choices_do_not_move_the_remembered_mode(fake, tmp_path):
    memory = ModeMemory(tmp_path / "modes.json")
    fake.enqueue(Reply.label({"A": -0.1}))
    engine(fake, memory).complete(question())
    assert not (tmp_path / "modes.json").exists()  # a plain-text question says nothing of output modes


def test_choices_async_path(fake):
    fake.enqueue(Reply.label({" A": -0.05, " B": -3.0}))
    eng = engine(fake)

    async def run():
        try:
            return await eng.acomplete(question())
        finally:
            await eng.aclose()

    done = asyncio.run(run())
    assert done.choice_logprobs == pytest.approx({"A": -0.05, "B": -3.0})


def test_choices_fake_server_script_form(fake):
    fake.enqueue(Reply.from_json(json.loads('{"label": {" C": -0.3, " A": -1.4}}')))
    assert engine(fake).complete(question()).choice_logprobs == pytest.approx({"C": -0.3, "A": -1.4})


@pytest.mark.parametrize(
    ("candidates", "expected"),
    [
        ([(" A", -1.0), ("A", -1.0)], {"A": math.log(2 * math.exp(-1.0))}),
        ([(" ", -0.1), ("\n", -0.2)], {}),  # whitespace alone is no label
        ([("A", -0.5), ("A", -0.5)], {"A": -0.5}),  # the chosen token listed again counts once
        ([("b", -0.5)], {}),  # labels are matched exactly, case included
    ],
)
def test_label_logprobs(candidates, expected):
    assert label_logprobs(candidates, ("A", "B")) == pytest.approx(expected)
