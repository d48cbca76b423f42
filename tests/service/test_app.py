"""The app in-process through httpx's ASGI transport, where a real port adds nothing:
the library embedding (`create_app(engine=...)`), unexpected bugs as a bare 500, the
problem document's fields, the job store's lease and key hygiene, and settings."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import generic_output_for

from summarizer.config import Settings
from summarizer.engines.fake import FunctionEngine
from summarizer.errors import ConfigError
from summarizer.inputs import parse_article
from summarizer.service import ServiceSettings, create_app
from summarizer.service.settings import is_loopback, read_api_keys
from summarizer.service.store import JobStore

from .conftest import BODY

REPLY = json.dumps(generic_output_for(parse_article(BODY)))


def run_app(settings: ServiceSettings, engine: Any, script: Any) -> Any:
    async def main() -> Any:
        app = create_app(settings, engine=engine)
        async with app.router.lifespan_context(app):
            # Starlette re-raises after answering, for the server to log; the client has its answer.
            transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
            async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
                return await script(client)

    return asyncio.run(main())


def settings_for(tmp_path: Path, **kw: Any) -> ServiceSettings:
    return ServiceSettings(summarizer=Settings(cache_dir=tmp_path / "cache"), **kw)


def test_app_embedded_with_an_engine_object(tmp_path):
    calls: list[Any] = []

    def answer(request: Any) -> Any:
        calls.append(request)
        return REPLY

    async def script(client: httpx.AsyncClient) -> list[httpx.Response]:
        return [await client.post("/v1/summaries", json={"text": BODY}) for _ in range(2)]

    first, second = run_app(settings_for(tmp_path), FunctionEngine(answer), script)
    assert first.status_code == 200 and first.json()["provenance"]["engine"] == FunctionEngine(answer).name
    assert second.json()["provenance"]["cached"] is True and len(calls) == 1


def test_unexpected_bug_is_a_bare_500(tmp_path):
    def broken(request: Any) -> Any:
        raise RuntimeError("secret internals at /srv/app.py line 12")

    async def script(client: httpx.AsyncClient) -> httpx.Response:
        return await client.post("/v1/summaries", json={"text": BODY})

    response = run_app(settings_for(tmp_path), FunctionEngine(broken), script)
    assert response.status_code == 500 and response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body == {
        "type": "about:blank",
        "title": "Internal Server Error",
        "status": 500,
        "detail": "internal error; the server log has the details",
        "kind": "InternalError",
    }
    assert "secret internals" not in response.text


def test_invalid_output_problem_lists_the_errors(tmp_path):
    async def script(client: httpx.AsyncClient) -> httpx.Response:
        return await client.post("/v1/summaries", json={"text": BODY})

    settings = settings_for(tmp_path)
    settings.summarizer.max_attempts = 1
    response = run_app(settings, FunctionEngine(lambda r: json.dumps({"summary": "no other fields"})), script)
    assert response.status_code == 422
    body = response.json()
    assert body["kind"] == "InvalidOutputError" and body["errors"] and body["title"] == "Unprocessable Entity"


def test_problem_for_maps_each_exit_code_kind():
    import openai

    from summarizer.errors import EndpointError, InputError, InvalidOutputError, RefusalError, TruncatedOutputError
    from summarizer.service.problems import problem_for

    def caused(err: Exception, cause: Exception) -> Exception:
        err.__cause__ = cause
        return err

    request = httpx.Request("POST", "http://x/v1/chat/completions")
    limited = openai.RateLimitError("slow down", response=httpx.Response(429, request=request), body=None)
    cases = {
        InputError("empty"): 422,
        ConfigError("bad"): 422,
        EndpointError("down"): 502,
        caused(EndpointError("slow"), openai.APITimeoutError(request=request)): 504,
        caused(EndpointError("limited"), limited): 429,
        InvalidOutputError("bad", errors=["x"]): 422,
        TruncatedOutputError("cut"): 422,
        RefusalError("no"): 422,
    }
    for err, status in cases.items():
        assert problem_for(err).status == status, err
    assert problem_for(caused(EndpointError("limited"), limited), retry_after=7).headers == {"Retry-After": "7"}


def test_settings_never_carry_keys_into_the_worker_environment(tmp_path, monkeypatch):
    settings = ServiceSettings(
        summarizer=Settings(api_key="sk-upstream", base_url="http://127.0.0.1:1/v1"), api_keys=("client-key",)
    )
    text = settings.to_env() + repr(settings)
    assert "sk-upstream" not in text and "client-key" not in text
    monkeypatch.setenv("SUMMARIZER_SERVICE_SETTINGS", settings.to_env())
    monkeypatch.setenv("SUMMARIZER_SERVICE_KEYS", "client-key")
    again = ServiceSettings.from_env()
    assert again.summarizer.base_url == "http://127.0.0.1:1/v1" and again.api_keys == ("client-key",)


def test_read_api_keys_and_loopback(tmp_path, monkeypatch):
    empty = tmp_path / "empty"
    empty.write_text("# nothing\n\n")
    with pytest.raises(ConfigError, match="no key"):
        read_api_keys(empty)
    with pytest.raises(ConfigError, match="cannot read"):
        read_api_keys(tmp_path / "missing")
    monkeypatch.setenv("SUMMARIZER_SERVICE_KEYS", " a ,b,, ")
    assert read_api_keys(None) == ("a", "b")
    assert [is_loopback(h) for h in ("127.0.0.1", "::1", "localhost", "0.0.0.0", "10.0.0.1", "example.org")] == [
        True, True, True, False, False, False,
    ]  # fmt: skip


def test_store_lease_takeover_and_migration(tmp_path):
    path = tmp_path / "jobs.sqlite3"
    one = JobStore(path, owner="otherhost:1:a")
    job = one.create([{"id": 0, "text": "x"}, {"id": 1, "text": "y"}])
    assert one.claim(5) == [job]
    two = JobStore(path, owner="thishost:2:b")
    assert two.claim(5) == []  # another host's live lease
    one._db.execute("UPDATE jobs SET lease = 0")  # the lease ran out
    assert two.claim(5) == [job]
    two.record(job, 1, json.dumps({"id": 1, "result": {}}), outcome="done", usage=(3, 4, 7), cost=None)
    row = two.get(job)
    assert row is not None and row.done == 1 and row.total_tokens == 7 and row.cost is None  # unknown price
    assert [i for i, _ in two.pending(job)] == [0]
    assert JobStore(path).get(job) is not None  # reopening migrates nothing twice
    (version,) = two._db.execute("PRAGMA user_version").fetchone()
    assert version == 1


def test_gate_bounds_calls_in_flight(tmp_path):
    in_flight = {"now": 0, "max": 0}

    class Slow:
        name, model = "slow", "slow-model"

        def identity(self) -> dict[str, Any]:
            return {"engine": "slow"}

        def complete(self, request: Any) -> Any:
            raise AssertionError("the service calls acomplete")

        async def acomplete(self, request: Any) -> Any:
            from summarizer.engines.base import Completion
            from summarizer.models import Usage

            in_flight["now"] += 1
            in_flight["max"] = max(in_flight["max"], in_flight["now"])
            await asyncio.sleep(0.5)  # longer than the CPU work between calls on a loaded machine
            in_flight["now"] -= 1
            return Completion(text=REPLY, usage=Usage(), finish_reason="stop")

    async def script(client: httpx.AsyncClient) -> list[int]:
        posts = [client.post("/v1/summaries", json={"text": BODY, "title": f"T{n}"}) for n in range(6)]
        return [r.status_code for r in await asyncio.gather(*posts)]

    assert run_app(settings_for(tmp_path, concurrency=2), Slow(), script) == [200] * 6
    assert in_flight["max"] == 2
    in_flight["max"] = 0
    Slow.name = "local"  # the embedded engine: one generation at a time, whatever --concurrency says
    assert run_app(settings_for(tmp_path / "2", concurrency=2), Slow(), script) == [200] * 6
    assert in_flight["max"] == 1
