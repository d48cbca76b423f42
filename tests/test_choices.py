"""Closed questions scored over all options, calibrated by the content-free prior."""

from __future__ import annotations

import math

import pytest
from fake_openai import Reply

from summarizer.choices import NONE_OF_THESE, Chooser, describe, lettered_request, option_logprobs, pick
from summarizer.engines.base import Completion, Request
from summarizer.engines.fake import FunctionEngine
from summarizer.engines.openai import OpenAICompatEngine, RetryPolicy
from summarizer.models import Usage

OPTIONS = ["AGREE", "ACCUSE", "PROTEST"]
QUESTION = "What kind of event does the sentence report?"


def completion(logprobs: dict[str, float] | None, text: str = "A") -> Completion:
    return Completion(text=text, usage=Usage(), choice_logprobs=logprobs)


def test_lettered_request_lists_options_then_none_of_these():
    request, listed = lettered_request(QUESTION, "They signed.", OPTIONS, descriptions={"AGREE": "sign or settle"})
    assert listed == ("AGREE", "ACCUSE", "PROTEST", None)
    assert request.choices == ("A", "B", "C", "D")
    user = request.messages[-1]["content"]
    assert "A) AGREE: sign or settle\nB) ACCUSE\nC) PROTEST\nD) none of these" in user
    assert user.startswith("Text: They signed.") and user.endswith("Answer:")
    empty, _ = lettered_request(QUESTION, "  ", OPTIONS)
    assert empty.messages[-1]["content"].startswith("Text: (empty)")


def test_option_logprobs_renormalise_over_the_options():
    scores = option_logprobs(completion({"A": math.log(0.2), "B": math.log(0.2)}), ("X", "Y", "Z"))
    assert scores["X"] == pytest.approx(math.log(0.5)) and scores["Y"] == pytest.approx(math.log(0.5))
    assert scores["Z"] == -math.inf  # not among the engine's candidates
    flat = option_logprobs(completion({}), ("X", "Y"))
    assert flat == {"X": pytest.approx(math.log(0.5)), "Y": pytest.approx(math.log(0.5))}


def test_pick_with_the_prior_undoes_a_first_option_preference():
    # The model likes whatever is listed first; the text moves ACCUSE up, but not past it.
    prior = {"AGREE": math.log(0.7), "ACCUSE": math.log(0.1), "PROTEST": math.log(0.1), None: math.log(0.1)}
    scores = {"AGREE": math.log(0.5), "ACCUSE": math.log(0.4), "PROTEST": math.log(0.05), None: math.log(0.05)}
    assert pick(scores) == "AGREE"
    assert pick(scores, prior) == "ACCUSE"
    none_wins = {"AGREE": math.log(0.6), "ACCUSE": math.log(0.05), "PROTEST": math.log(0.05), None: math.log(0.3)}
    assert pick(none_wins, prior) is None  # "none of these" is an answer


def _biased_model(request: Request) -> Completion:
    """A model that favours the first letter, and the letter of the option the text names."""
    user = request.messages[-1]["content"]
    letters = {line[3:].split(":")[0]: line[0] for line in user.splitlines() if line[1:3] == ") "}
    lp = {letter: math.log(0.05) for letter in request.choices or ()}
    lp["A"] = math.log(0.6)
    for option, letter in letters.items():
        if option.lower() in user.split("\n")[0].lower():
            lp[letter] = math.log(0.3)
    return completion(lp)


def test_chooser_asks_the_prior_once_and_picks_the_named_option():
    seen: list[Request] = []

    def model(request: Request) -> Completion:
        seen.append(request)
        return _biased_model(request)

    chooser = Chooser(FunctionEngine(model), QUESTION, OPTIONS)
    assert chooser.ask("Students protest outside parliament.").option == "PROTEST"
    assert chooser.ask("The rivals accuse each other.").option == "ACCUSE"
    texts = [r.messages[-1]["content"].split("\n")[0] for r in seen]
    assert texts.count("Text: (empty)") == 1  # one prior for the whole chooser


def test_chooser_without_logprobs_takes_the_generated_option():
    chooser = Chooser(FunctionEngine(lambda r: completion({"C": 0.0}, text="C")), QUESTION, OPTIONS)
    choice = chooser.ask("Farmers marched.")
    assert (choice.option, choice.calibrated) == ("PROTEST", False)
    assert describe(choice).startswith("PROTEST (generated)")
    none = Chooser(FunctionEngine(lambda r: completion({"D": 0.0}, text="D")), QUESTION, OPTIONS).ask("Rain.")
    assert none.option is None and NONE_OF_THESE in describe(none)


def test_chooser_over_http_with_logprobs(fake):
    def answer(body: dict) -> Reply:
        user = body["messages"][-1]["content"]
        if user.startswith("Text: (empty)"):
            return Reply.label({"A": -0.4, "B": -2.0, "C": -2.0, "D": -2.0})
        return Reply.label({"A": -0.7, "B": -0.9, "C": -3.0, "D": -3.0})  # B moved up from the prior

    fake.default = answer
    engine = OpenAICompatEngine("fake-model", base_url=fake.base_url, retry=RetryPolicy(retries=0))
    choice = Chooser(engine, QUESTION, OPTIONS).ask("The mayor was accused of lying.")
    assert choice.calibrated and choice.option == "ACCUSE"
    assert all(r.body["logprobs"] is True and r.body["max_tokens"] == 1 for r in fake.chat_requests)
