"""The summary check holds each reported statement to the actor the article gives it to.

A summary sentence in which an actor says or urges something is matched to the article
sentence it paraphrases; that actor must be its speaker or agent. Driven directly through
`check_summary` and through the pipeline with a scripted engine, as `test_summary` does.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import Summarizing

from summarizer.engines.base import Request
from summarizer.engines.fake import FunctionEngine
from summarizer.inputs import Article, parse_article
from summarizer.models import ModelOutput
from summarizer.pipeline import Pipeline
from summarizer.strategies import parse_pipeline
from summarizer.strategies.summary import check_summary, fallback_summary

pytestmark = pytest.mark.skipif(not parse_pipeline.available(), reason="needs the spaCy English pipeline")

SENTENCES = [
    "Fisheries ministers from Dorland and Kestia met in Lanvik on Tuesday to discuss the new catch limits.",
    "During a phone call with her Kestian counterpart, Ivo Marek, on Monday, Dorland's minister Elsa Varga "
    "said that her government expects a written reply on the catch proposal by Friday.",
    "Marek thanked the Dorland delegation for hosting the meeting.",
    "The talks will resume next month in Kestia.",
    "Marek also stressed the need for shared patrol boats, the ministry said.",
]
TEXT = "Dorland and Kestia discuss catch limits\n\n" + " ".join(SENTENCES) + "\n"
OPENING = "Fisheries ministers from Dorland and Kestia met in Lanvik to discuss the new catch limits. "
RIGHT = OPENING + "Elsa Varga said that her government expects a written reply on the catch proposal by Friday."
WRONG = RIGHT.replace("Elsa Varga said", "Ivo Marek said")


@pytest.fixture(scope="module")
def article() -> Article:
    return parse_article(TEXT, published="2025-05-06")


def items(article: Article) -> dict[str, Any]:
    def ev(n: int) -> list[dict[str, Any]]:
        return [{"sentence": n, "quote": article.sentences[n - 1].text}]

    def actor(i: int, name: str) -> dict[str, Any]:
        return {"id": f"A{i}", "name": name, "kind": "person", "title": "minister", "country": None,
                "mentions": [name, name.split()[-1]]}  # fmt: skip

    event = {"recipients": [], "date": None, "date_text": None, "location": None, "factuality": "occurred"}
    return {
        "summary": "",
        "key_points": [],
        "actors": [actor(1, "Elsa Varga"), actor(2, "Ivo Marek")],
        "stances": [],
        # A call lists both parties as actors: who spoke in it is read from the sentence.
        "events": [
            {
                **event,
                "id": "E1",
                "type": "CONSULT",
                "summary": SENTENCES[1],
                "actors": ["A1", "A2"],
                "evidence": ev(2),
            },
            {**event, "id": "E2", "type": "SUPPORT", "summary": SENTENCES[2], "actors": ["A2"], "evidence": ev(3)},
            {
                **event,
                "id": "E3",
                "type": "CONSULT",
                "summary": SENTENCES[4],
                "actors": ["A1", "A2"],
                "evidence": ev(5),
            },
        ],
        "follow_ups": [],
    }


@pytest.fixture(scope="module")
def output(article: Article) -> ModelOutput:
    return ModelOutput.model_validate(items(article))


def test_a_statement_given_to_the_wrong_speaker_fails(article: Article, output: ModelOutput) -> None:
    (problem,) = check_summary(WRONG, article, output)
    assert "the summary has Ivo Marek say what Elsa Varga said in sentence 2" in problem
    # Without the items the check has no actors to hold the statement to.
    assert check_summary(WRONG, article) == []


@pytest.mark.parametrize(
    "summary",
    [
        RIGHT,
        RIGHT.replace("Elsa Varga said", "Varga said"),
        # A pronoun subject is not resolved here: not checked.
        RIGHT.replace("Elsa Varga said", "She said"),
        # The one who thanked is the subject of the article's own verb.
        OPENING + "Marek thanked the Dorland delegation for hosting the meeting.",
    ],
    ids=["right-speaker", "short-name", "pronoun", "thanked"],
)
def test_a_statement_given_to_its_speaker_passes(article: Article, output: ModelOutput, summary: str) -> None:
    assert check_summary(summary, article, output) == []


@pytest.mark.parametrize(
    "summary",
    [
        # No verb of saying: a sentence about the reply, not a report of who asked for it.
        OPENING + "Ivo Marek expects a written reply on the catch proposal by Friday.",
        # A statement no article sentence is close to: nothing to hold it against.
        OPENING + "Ivo Marek said the talks were useful.",
    ],
    ids=["no-reporting-verb", "no-close-sentence"],
)
def test_sentences_the_check_cannot_place_are_not_checked(article: Article, output: ModelOutput, summary: str) -> None:
    assert check_summary(summary, article, output) == []


def test_the_wrong_speaker_fails_whichever_verb_reports_it(article: Article, output: ModelOutput) -> None:
    thanked = OPENING + "Varga thanked the Dorland delegation for hosting the meeting."
    (problem,) = check_summary(thanked, article, output)
    assert "the summary has Elsa Varga thank what Ivo Marek said in sentence 3" in problem


def test_a_source_that_is_not_an_actor_leaves_the_speaker_to_the_parse(article: Article, output: ModelOutput) -> None:
    # "..., the ministry said": Marek stressed it, though the call's event lists both ministers.
    stressed = OPENING + "Elsa Varga stressed the need for shared patrol boats."
    (problem,) = check_summary(stressed, article, output)
    assert "the summary has Elsa Varga stress what Ivo Marek said in sentence 5" in problem
    assert check_summary(stressed.replace("Elsa Varga", "Ivo Marek"), article, output) == []


def run(article: Article, replies: list[str]) -> tuple[Any, list[Request]]:
    requests: list[Request] = []

    def answer(request: Request) -> str:
        requests.append(request)
        assert request.schema_name == "summary"
        return json.dumps({"summary": replies[min(len(requests), len(replies)) - 1]})

    result = Pipeline(FunctionEngine(answer), max_attempts=3, strategy=Summarizing(items)).run(article)
    return result, requests


def test_a_misattributed_summary_is_reasked_and_the_corrected_one_kept(article: Article) -> None:
    result, requests = run(article, [WRONG, RIGHT])
    assert result.summary == RIGHT and result.summary_origin == "model" and result.notes == []
    assert len(requests) == 2
    assert "the summary has Ivo Marek say what Elsa Varga said" in requests[1].messages[-1]["content"]


def test_a_summary_that_keeps_misattributing_falls_back_to_the_lead(article: Article) -> None:
    result, requests = run(article, [WRONG])
    assert len(requests) == 2
    assert result.summary_origin == "rule" and result.summary == fallback_summary(article)
    (note,) = result.notes
    assert "after 2 attempt(s)" in note and "Ivo Marek say what Elsa Varga said" in note


def test_an_act_with_someone_the_article_never_links_fails(article: Article, output: ModelOutput) -> None:
    # Marek thanked the delegation (an item links them); nothing has Varga meet it.
    data = items(article)
    data["actors"].append({"id": "A3", "name": "Dorland delegation", "kind": "organization", "title": None,
                           "country": None, "mentions": ["Dorland delegation"]})  # fmt: skip
    data["events"][1]["recipients"] = ["A3"]
    linked = ModelOutput.model_validate(data)
    assert not check_summary(OPENING + "Ivo Marek thanked the Dorland delegation for hosting the meeting.",
                             article, linked)  # fmt: skip
    errors = check_summary(OPENING + "Elsa Varga met the Dorland delegation in Lanvik on Monday.", article, linked)
    assert any("Elsa Varga meet with or on Dorland delegation" in e for e in errors), errors


def test_an_act_the_article_tells_with_both_names_passes_without_an_item(article: Article) -> None:
    # No item links Varga and Marek here, but the article has the call with both named.
    data = items(article)
    data["events"] = []
    bare = ModelOutput.model_validate(data)
    summary = OPENING + "Elsa Varga said her government expects a written reply from Ivo Marek by Friday."
    assert not [e for e in check_summary(summary, article, bare) if "with or on" in e]


def test_an_actor_given_as_doer_and_object_of_one_act_fails(article: Article, output: ModelOutput) -> None:
    errors = check_summary(OPENING + "Elsa Varga and Ivo Marek pressed Marek on the catch proposal.", article, output)
    assert any("Ivo Marek press itself" in e for e in errors), errors
