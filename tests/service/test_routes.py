"""`summarizer serve` over real HTTP: the sync route, views, errors as problem+json, auth,
health, readiness, metrics and the OpenAPI document. Jobs are in test_jobs.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import httpx
from conftest import ROOT
from fake_openai import Reply

from summarizer.models import ArticleSummary

from .conftest import BODY, UPSTREAM_KEY, article, item_of

PROBLEM = "application/problem+json"


def assert_problem(response: httpx.Response, status: int, kind: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status and body["kind"] == kind and body["detail"]
    assert "Traceback" not in response.text and 'File "' not in response.text
    return body


def test_summaries_returns_result_then_cache_hit(serve, fake):
    service = serve()
    with service.client() as client:
        first = client.post("/v1/summaries", json={k: v for k, v in article(1).items() if k != "id"})
        assert first.status_code == 200, first.text
        result = ArticleSummary.model_validate_json(first.content)
        assert result.article.title == "Item 1" and result.article.published == "2022-02-14"
        assert result.provenance.cached is False and result.events[0].evidence[0].start is not None
        second = client.post("/v1/summaries", json={"text": BODY, "title": "Item 1", "published": "2022-02-14"})
        assert second.status_code == 200
        assert ArticleSummary.model_validate_json(second.content).provenance.cached is True
    assert len(fake.chat_requests) == 1
    assert UPSTREAM_KEY not in first.text + second.text + service.stderr


def test_summaries_views_md_and_html(serve):
    service = serve()
    with service.client() as client:
        md = client.post("/v1/summaries", json={"text": BODY, "title": "Item 2", "format": "md"})
        html = client.post("/v1/summaries", json={"text": BODY, "title": "Item 2", "format": "html"})
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert md.text.startswith("#") and "Item 2" in md.text
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "Content-Security-Policy" in html.text and "<mark" in html.text


def test_bad_input_is_rejected_before_any_model_call(serve, fake):
    service = serve("--max-body", "4096")
    with service.client() as client:
        assert_problem(
            client.post("/v1/summaries", content=b"{not json", headers={"content-type": "application/json"}),
            400,
            "InputError",
        )
        assert_problem(
            client.post("/v1/summaries", content=b"text", headers={"content-type": "text/plain"}), 415, "InputError"
        )
        assert_problem(client.post("/v1/summaries", json={"text": "x" * 5000}), 413, "InputError")
        missing = assert_problem(client.post("/v1/summaries", json={"title": "no text"}), 422, "InputError")
        assert any(e.startswith("body.text") for e in missing["errors"])
        assert_problem(client.post("/v1/summaries", json={"text": BODY, "colour": "red"}), 422, "InputError")
        assert_problem(client.post("/v1/summaries", json={"text": BODY, "format": "pdf"}), 422, "InputError")
        empty = assert_problem(client.post("/v1/summaries", json={"text": "   "}), 422, "InputError")
        assert "empty" in empty["detail"]
        assert_problem(client.get("/v1/nothing-here"), 404, "NotFound")
    assert fake.chat_requests == []


def test_endpoint_failure_is_502(serve, fake):
    fake.default = lambda body: Reply.error(500)
    service = serve("--retries", "0")
    with service.client() as client:
        body = assert_problem(client.post("/v1/summaries", json={"text": BODY}), 502, "EndpointError")
    assert "500" in body["detail"] and UPSTREAM_KEY not in json.dumps(body)


def test_endpoint_timeout_is_504(serve, fake):
    fake.default = lambda body: Reply.delay(3, Reply.error(500))
    service = serve("--retries", "0", "--timeout", "0.5")
    with service.client() as client:
        assert_problem(client.post("/v1/summaries", json={"text": BODY}), 504, "EndpointError")


def test_endpoint_rate_limit_is_429_with_retry_after(serve, fake):
    fake.default = lambda body: Reply.error(429)
    service = serve("--retries", "0")
    with service.client() as client:
        response = client.post("/v1/summaries", json={"text": BODY})
    assert_problem(response, 429, "EndpointError")
    assert int(response.headers["retry-after"]) > 0


def test_invalid_model_output_is_422_with_the_errors(serve, fake):
    fake.default = lambda body: Reply.content('{"summary": 3}')
    service = serve("--max-attempts", "2")
    with service.client() as client:
        body = assert_problem(client.post("/v1/summaries", json={"text": BODY}), 422, "InvalidOutputError")
    assert body["errors"] and all(isinstance(e, str) for e in body["errors"])
    assert len(fake.chat_requests) == 2


def test_too_many_waiting_summaries_is_429(serve, fake):
    fake.default = lambda body: Reply.delay(2.0, Reply.content(json.dumps(_reply_for())))
    service = serve("--max-waiting", "1")
    statuses: list[httpx.Response] = []

    def post(n: int) -> None:
        with service.client() as client:
            statuses.append(client.post("/v1/summaries", json={"text": BODY, "title": f"Item {n}"}))

    first = threading.Thread(target=post, args=(1,))
    first.start()
    import time

    time.sleep(0.8)
    post(2)
    first.join()
    codes = sorted(r.status_code for r in statuses)
    assert codes == [200, 429], [r.text for r in statuses]
    overloaded = next(r for r in statuses if r.status_code == 429)
    assert_problem(overloaded, 429, "Overloaded")
    assert int(overloaded.headers["retry-after"]) > 0


def _reply_for() -> dict:
    from conftest import generic_output_for

    from summarizer.inputs import parse_article

    return generic_output_for(parse_article(BODY))


def test_auth_required_with_keys_and_keys_never_logged(serve, tmp_path):
    keys = tmp_path / "keys"
    keys.write_text("# service keys\nclient-key-one\nclient-key-two\n")
    service = serve("--api-key-file", keys, "-v")
    with service.client() as anonymous:
        body = assert_problem(anonymous.post("/v1/summaries", json={"text": BODY}), 401, "Unauthorized")
        assert "client-key" not in json.dumps(body)
        assert anonymous.get("/healthz").status_code == 200
        assert_problem(anonymous.get("/metrics"), 401, "Unauthorized")
        assert_problem(anonymous.get("/v1/jobs/x"), 401, "Unauthorized")
    with service.client("wrong-key") as wrong:
        response = wrong.post("/v1/summaries", json={"text": BODY})
        assert_problem(response, 401, "Unauthorized")
        assert response.headers["www-authenticate"].startswith("Bearer")
    with service.client("client-key-two") as client:
        assert client.post("/v1/summaries", json={"text": BODY}).status_code == 200
        assert client.get("/metrics").status_code == 200
    assert "client-key" not in service.stderr and UPSTREAM_KEY not in service.stderr
    assert "POST /v1/summaries" in service.stderr  # -v logs requests, not their headers


def test_auth_keys_from_environment(serve):
    service = serve(env={"SUMMARIZER_SERVICE_KEYS": "env-key-a, env-key-b"})
    with service.client() as anonymous:
        assert anonymous.post("/v1/summaries", json={"text": BODY}).status_code == 401
    with service.client("env-key-b") as client:
        assert client.post("/v1/summaries", json={"text": BODY}).status_code == 200


def test_without_keys_refuses_non_loopback(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SUMMARIZER_SERVICE_KEYS"}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-m", "summarizer.cli", "serve", "--host", "0.0.0.0", "--base-url", "http://127.0.0.1:9/v1"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "refusing to listen on 0.0.0.0 without API keys" in done.stderr
    assert "Traceback" not in done.stderr


def test_health_and_readiness(serve, fake):
    service = serve()
    with service.client() as client:
        assert client.get("/healthz").json() == {"status": "ok", "checks": {}}
        ready = client.get("/readyz")
        assert ready.status_code == 200 and ready.json()["checks"] == {"engine": "ok", "cache": "ok", "store": "ok"}
        fake.stop()
        import time

        time.sleep(2.1)  # readiness is cached for 2 s
        not_ready = client.get("/readyz")
    assert not_ready.status_code == 503 and "unreachable" in not_ready.json()["checks"]["engine"]


def test_metrics_count_requests_calls_tokens_and_cache_hits(serve, fake):
    service = serve()
    with service.client() as client:
        for _ in range(2):
            assert client.post("/v1/summaries", json={"text": BODY, "title": "Item 5"}).status_code == 200
        client.post("/v1/summaries", json={"title": "no text"})
        text = client.get("/metrics").text
    assert "summarizer_model_calls_total 1.0" in text
    assert 'summarizer_results_total{source="cache"} 1.0' in text
    assert 'summarizer_results_total{source="model"} 1.0' in text
    assert 'summarizer_errors_total{kind="InputError"} 1.0' in text
    assert 'summarizer_http_requests_total{method="POST",route="/v1/summaries",status="200"} 2.0' in text
    assert "summarizer_http_request_seconds_bucket" in text
    tokens = [line for line in text.splitlines() if line.startswith('summarizer_tokens_total{kind="prompt"}')]
    assert tokens and float(tokens[0].split()[-1]) > 0
    assert "summarizer_cost_dollars_total" in text
    assert item_of(fake.chat_requests[0]) == 5


def test_openapi_and_docs(serve):
    service = serve()
    with service.client() as client:
        document = client.get("/openapi.json").json()
        docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    assert set(document["paths"]) >= {
        "/v1/summaries", "/v1/summaries/{cache_key}.html", "/v1/jobs", "/v1/jobs/{job_id}",
        "/v1/jobs/{job_id}/results", "/healthz", "/readyz", "/metrics",
    }  # fmt: skip
    assert "ArticleSummary" in document["components"]["schemas"]


def test_openapi_export_is_in_sync(cli):
    path = ROOT / "schemas" / "openapi.json"
    command = "summarizer schema --openapi > schemas/openapi.json"
    assert path.is_file(), f"schemas/openapi.json is missing; regenerate it with: {command}"
    printed = cli("schema", "--openapi")
    assert printed.exit_code == 0, printed.stderr
    assert path.read_text(encoding="utf-8") == printed.stdout, f"schemas/openapi.json is out of date: {command}"


def test_html_report_route(serve):
    service = serve()
    with service.client() as client:
        made = client.post("/v1/summaries", json={"text": BODY, "title": "Item 7"}).json()
        key = made["provenance"]["cache_key"]
        report = client.get(f"/v1/summaries/{key}.html")
        missing = client.get("/v1/summaries/k1:0000.html")
    assert report.status_code == 200 and report.headers["content-type"].startswith("text/html")
    assert "Content-Security-Policy" in report.text and "Item 7" in report.text
    assert_problem(missing, 404, "NotFound")


def test_service_settings_from_config_file(serve, tmp_path, fake):
    config = Path(os.environ["SUMMARIZER_CONFIG"])
    config.write_text('model = "from-config-file"\nmax_attempts = 1\n')
    service = serve(env={"SUMMARIZER_CONFIG": str(config)})
    with service.client() as client:
        result = client.post("/v1/summaries", json={"text": BODY}).json()
    assert result["provenance"]["model"] == "from-config-file"
    assert fake.chat_requests[0].body["model"] == "from-config-file"
    service2 = serve("--model", "from-flag", env={"SUMMARIZER_CONFIG": str(config), "SUMMARIZER_MODEL": "from-env"})
    with service2.client() as client:
        assert (
            client.post("/v1/summaries", json={"text": BODY, "title": "x"}).json()["provenance"]["model"] == "from-flag"
        )


def test_bad_configuration_exits_2_with_one_line(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "summarizer.cli", "serve", "--engine", "replay", "--recordings", tmp_path / "none"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert (
        done.stderr.startswith("summarizer: error: --engine replay needs recordings") and done.stderr.count("\n") == 1
    )


def test_unusable_job_store_exits_2_with_one_line(tmp_path):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache directory should be")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "summarizer.cli", "serve", "--base-url", "http://127.0.0.1:9/v1",
         "--cache-dir", blocked],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("summarizer: error: job store") and done.stderr.count("\n") == 1
