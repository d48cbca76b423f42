"""The library API (`summarize`, `asummarize`, `Summarizer`), the public namespace and the test guard rails."""

from __future__ import annotations

import asyncio
import gc
import inspect
import json
import os
import re
import socket
import subprocess
import sys
import warnings
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import SEED, NetworkBlockedError, generic_output_for, seed_output_for
from fake_openai import Reply

import summarizer
from summarizer import (
    ArticleSummary,
    ConfigError,
    EndpointError,
    InputError,
    Summarizer,
    SummarizerError,
    asummarize,
    summarize,
    summarize_many,
)
from summarizer.api import SummarizerArguments
from summarizer.config import Settings
from summarizer.engines.base import Completion
from summarizer.inputs import parse_article
from summarizer.models import Usage

ROOT = Path(__file__).resolve().parent.parent

EXPECTED_ALL = {
    "Actor",
    "ArticleSummary",
    "BatchResult",
    "Completion",
    "ConfigError",
    "EndpointError",
    "Engine",
    "Event",
    "evaluate",
    "Evidence",
    "FakeEngine",
    "FollowUp",
    "FunctionEngine",
    "InputError",
    "InvalidOutputError",
    "ModelOutput",
    "OpenAICompatEngine",
    "OutputError",
    "Pipeline",
    "RefusalError",
    "Request",
    "Stance",
    "Summarizer",
    "SummarizerError",
    "TruncatedOutputError",
    "asummarize",
    "asummarize_many",
    "summarize",
    "summarize_as_completed",
    "summarize_many",
}


def test_public_api_all_is_sorted_and_complete():
    assert summarizer.__all__ == sorted(summarizer.__all__)
    assert set(summarizer.__all__) == EXPECTED_ALL
    assert len(summarizer.__all__) == len(EXPECTED_ALL)  # no duplicates
    for name in summarizer.__all__:
        assert getattr(summarizer, name) is not None


def test_public_errors_share_one_root_with_exit_codes():
    assert summarizer.InputError.exit_code == summarizer.ConfigError.exit_code == 2
    assert summarizer.EndpointError.exit_code == 3
    for name in ("InvalidOutputError", "RefusalError", "TruncatedOutputError"):
        err = getattr(summarizer, name)
        assert issubclass(err, summarizer.OutputError) and err.exit_code == 4
    for name in summarizer.__all__:
        obj = getattr(summarizer, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, SummarizerError)


# --------------------------------------------------------------------------- summarize / asummarize


def test_summarize_returns_article_summary(fake, seed_output, seed_text, tmp_path, capsys):
    fake.enqueue(Reply.json(seed_output, usage=(40, 2)))
    result = summarize(seed_text, published="2022-02-17", base_url=fake.base_url, cache_dir=tmp_path / "lib-cache")
    assert isinstance(result, ArticleSummary)
    assert result.article.published == "2022-02-17"
    assert result.events[0].date == "2022-02-15"
    assert (result.provenance.engine, result.provenance.model, result.provenance.usage.total_tokens) == (
        "openai",
        "gpt-4o-mini",
        42,
    )
    assert (tmp_path / "lib-cache" / "cache.sqlite3").exists()
    assert capsys.readouterr() == ("", "")  # the library never prints


def test_asummarize(fake, seed_output, seed_text, tmp_path):
    fake.enqueue(Reply.json(seed_output))
    result = asyncio.run(
        asummarize(seed_text, published="2022-02-17", base_url=fake.base_url, cache_dir=tmp_path / "c")
    )
    assert isinstance(result, ArticleSummary)
    assert result.summary == seed_output["summary"]
    assert len(fake.chat_requests) == 1


def test_asummarize_many_at_once(fake, seed_output, seed_text, tmp_path):
    fake.default = Reply.delay(0.2, Reply.json(seed_output))

    async def main():
        async with Summarizer(base_url=fake.base_url, cache=False, cache_dir=tmp_path / "c") as s:
            return await asyncio.gather(*(s.asummarize(seed_text) for _ in range(3)))

    results = asyncio.run(main())
    assert [r.summary for r in results] == [seed_output["summary"]] * 3
    assert len(fake.chat_requests) == 3


# Reusing without aclose() leaves the first loop's client to the garbage collector: that is
# the scenario under test, so its "unclosed transport" report is expected here.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_summarizer_async_reused_across_event_loops(fake, seed_output, seed_text, tmp_path):
    fake.default = Reply.json(seed_output)
    s = Summarizer(base_url=fake.base_url, cache=False, cache_dir=tmp_path / "c", retries=0)
    asyncio.run(s.asummarize(seed_text))

    async def again():
        async with s:
            return await s.asummarize(seed_text)

    assert asyncio.run(again()).summary == seed_output["summary"]
    assert len(fake.chat_requests) == 2
    gc.collect()  # the first loop's client is finalised within this test


def test_asummarize_closes_its_connections(fake, seed_output, seed_text, tmp_path):
    fake.enqueue(Reply.json(seed_output))
    gc.collect()  # earlier tests' garbage is not this test's business
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        asyncio.run(asummarize(seed_text, base_url=fake.base_url, cache_dir=tmp_path / "c"))
        gc.collect()
    assert [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)] == []


def test_summarizer_reused_for_two_calls(fake, seed_output, seed_text, parse, tmp_path):
    other_text = "date 2022-03-01 The council met in Vienna. It agreed on a statement."
    fake.enqueue(Reply.json(seed_output), Reply.json(generic_output_for(parse(other_text))))
    with Summarizer(model="custom-model", base_url=fake.base_url, cache_dir=tmp_path / "c") as s:
        first = s.summarize(seed_text)
        pipeline = s.pipeline
        second = s.summarize(other_text)
        assert s.pipeline is pipeline  # one engine, one cache
        third = s.summarize(seed_text)
    assert first.article.published == "2022-02-17" and second.article.published == "2022-03-01"
    assert [r.body["model"] for r in fake.chat_requests] == ["custom-model", "custom-model"]
    assert third.provenance.cached is True and len(fake.chat_requests) == 2


def test_summarizer_file_and_metadata(fake, seed_output, tmp_path):
    fake.enqueue(Reply.json(seed_output))
    with Summarizer(base_url=fake.base_url, cache=False, cache_dir=tmp_path / "c") as s:
        result = s.summarize_file(SEED, title="Blinken calls", source="Wire")
    assert (result.article.title, result.article.source) == ("Blinken calls", "Wire")
    assert not (tmp_path / "c" / "cache.sqlite3").exists()


def test_summarizer_accepts_an_engine_object(seed_output, seed_text):
    class OneShot:
        name = "one-shot"
        model = "m"

        def identity(self):
            return {"engine": self.name, "model": self.model}

        def complete(self, request):
            return Completion(text=json.dumps(seed_output), usage=Usage(total_tokens=1), mode="custom")

        async def acomplete(self, request):
            return self.complete(request)

    result = Summarizer(engine=OneShot(), cache=False).summarize(seed_text)
    assert (result.provenance.engine, result.provenance.mode, result.provenance.strategy) == (
        "one-shot",
        "custom",
        "single",
    )


def test_summarizer_unknown_option():
    with pytest.raises(ConfigError, match="unknown option.*colour"):
        Summarizer(colour="blue")


def test_summarize_bad_input_raises_before_any_request(fake, tmp_path):
    with pytest.raises(InputError):
        summarize("   \n", base_url=fake.base_url, cache_dir=tmp_path)
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        summarize("Some text.", published="soon", base_url=fake.base_url, cache_dir=tmp_path)
    assert fake.requests == []


_BAD_ARGUMENTS = [
    pytest.param(None, {}, "text must be the article's text \\(a str\\), not None", id="none"),
    pytest.param(42, {}, "not int", id="number"),
    pytest.param(b"Blinken spoke.", {}, "not bytes; decode it first", id="bytes"),
    pytest.param(["one.", "two."], {}, "not a list; use summarize_many", id="list"),
    pytest.param("SEED", {"title": 123}, "title must be a string or None, not int", id="title-int"),
    pytest.param("SEED", {"source": ["x"]}, "source must be a string or None, not list", id="source-list"),
    pytest.param(
        "SEED", {"published": 20220217}, "published must be a YYYY-MM-DD string or a datetime.date", id="published-int"
    ),
    pytest.param("Blinken spoke \ud800 today.", {}, "lone surrogate U\\+D800 at character 14", id="surrogate"),
    pytest.param("SEED", {"title": "Bad \udcff title"}, "title holds a lone surrogate U\\+DCFF", id="surrogate-title"),
]


@pytest.mark.parametrize("text, kwargs, message", _BAD_ARGUMENTS)
def test_summarize_bad_arguments_raise_input_error_before_any_request(
    fake, seed_output, seed_text, tmp_path, text, kwargs, message
):
    fake.default = Reply.json(seed_output)  # would answer, if anything were sent
    text = seed_text if text == "SEED" else text
    config = {"base_url": fake.base_url, "cache_dir": tmp_path / "c"}
    for call in (
        lambda: summarize(text, **kwargs, **config),
        lambda: asyncio.run(asummarize(text, **kwargs, **config)),
    ):
        with pytest.raises(InputError, match=message) as info:
            call()
        assert info.value.exit_code == 2
    if isinstance(text, str):  # a batch item fails alone, with the same error
        (item,) = summarize_many([{"text": text, **kwargs}], **config)
        assert isinstance(item.error, InputError) and re.search(message, str(item.error))
    assert fake.requests == []
    # Nothing bad was cached: the same article with good arguments still summarizes.
    result = summarize(seed_text, title="Fine", **config)
    assert result.article.title == "Fine" and len(fake.chat_requests) == 1


@pytest.mark.parametrize("published", [date(2022, 2, 17), datetime(2022, 2, 17, 15, 30)], ids=["date", "datetime"])
def test_summarize_accepts_a_date_or_datetime_as_published(fake, seed_text, tmp_path, published):
    body = seed_text.split("2022-02-17 ", 1)[1]  # the seed without its date header
    fake.default = Reply.json(seed_output_for(parse_article(body, published="2022-02-17")))
    result = summarize(body, published=published, base_url=fake.base_url, cache_dir=tmp_path / "c")
    assert result.article.published == "2022-02-17"
    assert "2022-02-17" in fake.chat_requests[0].body["messages"][-1]["content"]


def test_summarize_endpoint_error(fake, seed_text, tmp_path):
    fake.default = Reply.error(401)
    with pytest.raises(EndpointError) as info:
        summarize(seed_text, base_url=fake.base_url, cache_dir=tmp_path, retries=0)
    assert info.value.exit_code == 3


# --------------------------------------------------------------------------- guard rails (conftest)


def test_guard_env_is_clean(tmp_path):
    assert not any(
        k.startswith(("OPENAI_", "SUMMARIZER_"))
        for k in os.environ
        if k not in ("SUMMARIZER_CACHE_DIR", "SUMMARIZER_CONFIG")
    )
    assert os.environ["SUMMARIZER_CACHE_DIR"].startswith(str(tmp_path))
    assert os.environ["SUMMARIZER_CONFIG"].startswith(str(tmp_path))


def test_guard_blocks_outbound_network():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s, pytest.raises(NetworkBlockedError):
        s.connect(("93.184.215.14", 443))
    with pytest.raises(socket.gaierror):
        socket.getaddrinfo("api.openai.com", 443)


def test_guard_allows_loopback(fake):
    with socket.create_connection(("127.0.0.1", fake.port), timeout=5):
        pass


def test_guard_stops_the_real_openai_api(monkeypatch, seed_text, tmp_path):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-key")
    with pytest.raises(EndpointError, match="could not connect"):
        summarize(seed_text, cache_dir=tmp_path, retries=0)


# --------------------------------------------------------------------------- signatures
def test_summarizer_arguments_are_the_settings_fields():
    """Each `Settings` field is an argument of `Summarizer` (use_cache as `cache`), and no other."""
    settings = set(Settings.__dataclass_fields__) - {"use_cache"} | {"cache"}
    assert SummarizerArguments.__optional_keys__ == settings


def test_help_shows_every_keyword_of_the_one_shot_calls():
    article = ["published", "title", "source", "language"]
    for call in (summarize, asummarize):
        params = inspect.signature(call).parameters
        assert list(params)[:5] == ["text", *article]
        assert params["cache"].default is True and params["strategy"].default == "auto"
        assert params["title"].annotation == str | None
    for method in (Summarizer.summarize, Summarizer.asummarize):
        assert list(inspect.signature(method).parameters) == ["self", "text", *article]
    assert list(inspect.signature(Summarizer.summarize_file).parameters) == ["self", "path", *article]
    assert "base_url" in inspect.signature(Summarizer).parameters


def test_type_checkers_read_every_keyword(tmp_path):
    """mypy checks the article's keywords and the Summarizer's alike, on the method and the one-shot call."""
    pytest.importorskip("mypy")
    calls = tmp_path / "calls.py"
    calls.write_text(
        "from summarizer.api import Summarizer, summarize\n"
        'summarize("Ward reopens.", title="Ward", strategy="guided", cache=False)\n'
        'summarize("Ward reopens.", title=3)\n'
        'summarize("Ward reopens.", max_attempts="three")\n'
        'summarize("Ward reopens.", colour="blue")\n'
        'Summarizer(cache=False).summarize("Ward reopens.", source=["x"])\n'
    )
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--follow-imports=silent", str(calls)],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "MYPYPATH": str(ROOT)}, check=False,
    ).stdout  # fmt: skip
    lines = [line.split(": error: ")[0].rsplit(":", 1)[-1] for line in out.splitlines() if ": error: " in line]
    assert lines == ["3", "4", "5", "6"], out
