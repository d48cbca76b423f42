"""The Strategy protocol: the pipeline knows only it; versions key the cache; errors carry spend."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from conftest import SEED, generic_output_for
from test_pipeline import ScriptedEngine

from summarizer.cache import Cache
from summarizer.errors import InvalidOutputError
from summarizer.inputs import Article, load_article
from summarizer.models import ModelOutput
from summarizer.pipeline import Pipeline
from summarizer.strategies import (
    STRATEGIES,
    Conversation,
    FirstQuestion,
    Steps,
    get_strategy,
    guided,
    guided_compose,
    guided_questions,
)
from summarizer.strategies.single import Single

# Every guided version and the rules it was released with. When a rule table changes,
# bump `Guided.version` and add the new line: cached guided results made by the old
# rules must not be served as the new rules' answers.
GUIDED_RULES = {
    "1": "753104470cbd8768",
    "2": "3862cdd3cb9f825d",
    "3": "990f381e35f91e7d",
    "4": "b01877f2988a0461",
    "5": "aa927ded795ae25e",  # word tables in strategies/words.toml, hashed as data from here on
    "6": "f1f2909063d33e59",
    "7": "2425cd2717a6d3e0",  # h13-fu and h13-ev merged
    "8": "e76a26e4bba508d7",  # lead's actor rules; h14-ev, h14-sf, h15-ev, h16-st, h16-ev merged
    "9": "33ec8ab99af15a68",  # lead's actor rules; h17-ev, h17-st, h17-fu, h18-*, h19-* merged
    "10": "ddccbe4d3e7b0f49",  # lead's actor rules; h20-*, h21-* merged; narrowed after the review
    "11": "5f2b47f14773bdd5",  # h22-act merged (plural office holders); the rest of h22 taken back after the review
    "12": "088e00ab01542931",  # h23-ev, h23-fu, h23-st, h23-act merged, narrowed after the review
    "13": "26bd0e6af8cb0378",  # h24-act, h24-ev, h24-fu, h24-st merged, narrowed after the review
    "14": "03fb958e476281bb",  # h25-tidy, h25-act, h25-ev, h25-fu, h25-st merged, narrowed after the review
}


def test_guided_rules_change_only_with_a_version_bump():
    version = guided.Guided.version
    assert version in GUIDED_RULES, f"record guided version {version!r} in GUIDED_RULES"
    assert guided.rules_fingerprint() == GUIDED_RULES[version], (
        "guided's rule tables changed: bump Guided.version and record the new fingerprint in GUIDED_RULES"
    )


def test_rules_fingerprint_follows_the_tables_not_the_source(monkeypatch):
    before = guided.rules_fingerprint()
    monkeypatch.setattr(guided_questions, "EVENT_OPTIONS", [*guided_questions.EVENT_OPTIONS[:-1]])
    assert guided.rules_fingerprint() != before
    monkeypatch.undo()
    monkeypatch.setattr(guided_compose, "MAX_KEY_POINTS", guided_compose.MAX_KEY_POINTS + 1)
    assert guided.rules_fingerprint() != before


def test_a_strategy_version_is_part_of_the_cache_key():
    article = load_article(SEED)

    class Bumped(Single):
        version = "2"

    engine = ScriptedEngine()
    assert Pipeline(engine, strategy=Single()).key(article) != Pipeline(engine, strategy=Bumped()).key(article)
    assert Pipeline(engine, strategy=Single()).key(article) == Pipeline(engine, strategy="single").key(article)


class _OneQuestion:
    """A strategy written outside the package: asks one free question, composes the output itself."""

    name = "one-question"
    version = "7"
    reply_tokens = 256
    merges_chunk_summaries = False

    def __init__(self, output: dict[str, Any]):
        self.output = output

    def first_question(self, article: Article) -> FirstQuestion:
        return FirstQuestion([{"role": "user", "content": f"{len(article.sentences)} sentences"}], state="mine")

    def steps(self, article: Article, first: FirstQuestion, conversation: Conversation) -> Steps:
        assert first.state == "mine"
        answer = yield from conversation.ask(first.messages, {"type": "object"}, "probe", lambda d: (d, []))
        return ModelOutput.model_validate({**self.output, "summary": answer["summary"]})


def test_pipeline_drives_any_strategy_and_caches_by_its_name_and_version(tmp_path):
    article = load_article(SEED)
    output = generic_output_for(article)
    engine = ScriptedEngine({"summary": "From the probe."})
    cache = Cache(tmp_path)
    strategy = _OneQuestion(output)
    result = Pipeline(engine, cache=cache, strategy=strategy).run(article)
    assert result.summary == "From the probe." and result.provenance.strategy == "one-question"
    assert engine.requests[0].messages == strategy.first_question(article).messages
    again = asyncio.run(Pipeline(ScriptedEngine(), cache=cache, strategy=strategy).arun(article))
    assert again.provenance.cached and again.summary == "From the probe."


@pytest.mark.parametrize("driver", ["sync", "async"])
def test_an_error_after_model_calls_carries_what_they_spent(driver):
    article = load_article(SEED)
    engine = ScriptedEngine("not json", "still not json")
    pipeline = Pipeline(engine, max_attempts=2, strategy="single")
    with pytest.raises(InvalidOutputError) as info:
        if driver == "sync":
            pipeline.run(article)
        else:
            asyncio.run(pipeline.arun(article))
    assert info.value.attempts == 2
    assert info.value.usage is not None and info.value.usage.total_tokens == 30  # type: ignore[attr-defined]


def test_strategies_are_named_once():
    assert set(STRATEGIES) == {"single", "guided"}
    assert get_strategy("guided") is STRATEGIES["guided"]
