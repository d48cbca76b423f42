"""Jobs over real HTTP: submit, status, results streamed in input order (the lines of
`summarizer batch`), cancel, the queued-jobs limit, restart after kill -9 and SIGTERM."""

from __future__ import annotations

import json
import os
import threading
import time
from collections import Counter
from pathlib import Path

from fake_openai import Reply

from .conftest import BODY, REPLY, article, item_of, wait_for


def submit(client, items):
    response = client.post("/v1/jobs", json={"items": items})
    assert response.status_code == 202, response.text
    job = response.json()
    assert response.headers["location"] == f"/v1/jobs/{job['id']}"
    return job


def status(client, job_id):
    response = client.get(f"/v1/jobs/{job_id}")
    assert response.status_code == 200, response.text
    return response.json()


def results(client, job_id):
    response = client.get(f"/v1/jobs/{job_id}/results")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/x-ndjson")
    return [json.loads(line) for line in response.text.splitlines()]


def slow(seconds):
    return lambda body: Reply.delay(seconds, Reply.content(REPLY))


def test_job_results_stream_in_input_order_as_batch_writes_them(serve, fake, cli, tmp_path):
    # Later items answer sooner, so completion order is not input order.
    fake.default = lambda body: Reply.delay(0.1 * (6 - (item_of_body(body) or 0)), Reply.content(REPLY))
    items = [article(n) for n in range(5)] + [{"id": "bad", "text": ""}]
    service = serve("--concurrency", "6")
    with service.client() as client:
        job = submit(client, items)
        assert job["status"] in ("queued", "running") and job["total"] == 6
        lines = results(client, job["id"])  # streams while the job runs
        final = status(client, job["id"])
        key = lines[2]["result"]["provenance"]["cache_key"]
        report = client.get(f"/v1/summaries/{key}.html")  # a job's results have reports too
    assert report.status_code == 200 and "Item 2" in report.text
    assert [line["id"] for line in lines] == [f"item-{n}" for n in range(5)] + ["bad"]
    assert all("result" in line for line in lines[:5])
    assert lines[5]["kind"] == "InputError" and "empty" in lines[5]["error"]
    assert final["status"] == "done" and final["finished"] == 6 and final["summarized"] == 5 and final["failed"] == 1
    assert final["usage"]["total_tokens"] > 0 and final["cost"] is not None and final["cost"] > 0
    # The same lines as `summarizer batch` over the same items (the batch run hits the cache).
    jsonl = tmp_path / "items.jsonl"
    jsonl.write_text("".join(json.dumps(i) + "\n" for i in items))
    batch = cli("batch", jsonl, "--base-url", fake.base_url)
    batch_lines = [json.loads(line) for line in batch.stdout.splitlines()]
    for ours, theirs in zip(lines, batch_lines, strict=True):
        if "result" in ours:
            assert theirs["result"]["provenance"]["cached"] is True
            theirs["result"]["provenance"]["cached"] = False
        assert ours == theirs


def item_of_body(body):
    class R:
        pass

    r = R()
    r.body = body
    return item_of(r)


def test_job_not_found_is_404(serve):
    service = serve()
    with service.client() as client:
        for response in (
            client.get("/v1/jobs/nope"),
            client.get("/v1/jobs/nope/results"),
            client.delete("/v1/jobs/nope"),
        ):
            assert response.status_code == 404 and response.json()["kind"] == "NotFound"


def test_job_request_shape_is_checked(serve, fake):
    service = serve()
    with service.client() as client:
        assert client.post("/v1/jobs", json={"items": []}).status_code == 422
        bad = client.post("/v1/jobs", json={"items": [{"text": BODY, "colour": "red"}]})
        assert bad.status_code == 422 and any("colour" in e for e in bad.json()["errors"])
    assert fake.chat_requests == []


def test_cancel_stops_the_job_and_keeps_finished_lines(serve, fake):
    fake.default = slow(0.5)
    service = serve("--concurrency", "1")
    with service.client() as client:
        job = submit(client, [article(n) for n in range(20)])
        wait_for(lambda: status(client, job["id"])["finished"] >= 2, what="two results")
        cancelled = client.delete(f"/v1/jobs/{job['id']}")
        assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
        lines = results(client, job["id"])
        time.sleep(1.2)
        after = status(client, job["id"])
        again = client.delete(f"/v1/jobs/{job['id']}")
    assert 2 <= len(lines) < 20 and [line["id"] for line in lines] == [f"item-{n}" for n in range(len(lines))]
    assert after["status"] == "cancelled" and after["finished"] < 20
    assert len(fake.chat_requests) <= after["finished"] + 1  # nothing started after the cancel
    assert again.status_code == 409 and again.json()["kind"] == "Conflict"


def test_too_many_queued_jobs_is_429(serve, fake):
    fake.default = slow(1.0)
    service = serve("--max-jobs", "1")
    with service.client() as client:
        submit(client, [article(1)])
        response = client.post("/v1/jobs", json={"items": [article(2)]})
    assert response.status_code == 429 and response.json()["kind"] == "Overloaded"
    assert int(response.headers["retry-after"]) > 0


def test_restart_after_kill_resumes_the_job_with_every_result(serve, fake):
    fake.default = slow(0.3)
    first = serve("--concurrency", "1")
    with first.client() as client:
        job = submit(client, [article(n) for n in range(8)])
        wait_for(lambda: status(client, job["id"])["finished"] >= 3, what="three results")
    first.kill()  # SIGKILL: no shutdown code runs
    done_before = len(fake.chat_requests)
    second = serve("--concurrency", "1")
    with second.client() as client:
        wait_for(lambda: status(client, job["id"])["status"] == "done", timeout=60, what="the resumed job")
        lines = results(client, job["id"])
        final = status(client, job["id"])
    assert [line["id"] for line in lines] == [f"item-{n}" for n in range(8)]
    assert all("result" in line for line in lines)
    assert final["finished"] == 8 and final["failed"] == 0
    per_item = Counter(item_of(r) for r in fake.chat_requests)
    # Finished items were not asked again; at most the one in flight at the kill was.
    assert sum(per_item.values()) <= 8 + 1 and max(per_item.values()) <= 2
    assert done_before >= 3


def test_sigterm_lets_running_calls_finish_and_job_resumes(serve, fake):
    fake.default = slow(1.0)
    first = serve("--concurrency", "2", "--shutdown-grace", "10")
    with first.client() as client:
        job = submit(client, [article(n) for n in range(10)])
        wait_for(lambda: len(fake.chat_requests) >= 2, what="two calls in flight")
        started = time.monotonic()
        code = first.terminate()
        stopped_after = time.monotonic() - started
    assert code == 0, first.stderr
    assert stopped_after < 10
    asked = Counter(item_of(r) for r in fake.chat_requests)
    second = serve("--concurrency", "4")
    with second.client() as client:
        # The calls that were running at SIGTERM finished and were recorded: not asked again.
        recorded = status(client, job["id"])["finished"]
        assert recorded >= 2
        wait_for(lambda: status(client, job["id"])["status"] == "done", timeout=60, what="the resumed job")
        lines = results(client, job["id"])
    assert [line["id"] for line in lines] == [f"item-{n}" for n in range(10)]
    assert all("result" in line for line in lines)
    again = Counter(item_of(r) for r in fake.chat_requests)
    assert all(again[n] == 1 for n in asked), (asked, again)


def test_results_stream_while_job_runs(serve, fake):
    fake.default = slow(0.4)
    service = serve("--concurrency", "1")
    seen: list[float] = []
    with service.client() as client:
        job = submit(client, [article(n) for n in range(4)])
        started = time.monotonic()
        with client.stream("GET", f"/v1/jobs/{job['id']}/results") as response:
            for line in response.iter_lines():
                if line:
                    seen.append(time.monotonic() - started)
    assert len(seen) == 4
    assert seen[0] < seen[-1] - 0.6  # the first line came well before the last was ready


def test_concurrent_sync_and_job_share_the_model_limit(serve, fake):
    fake.default = slow(0.5)
    service = serve("--concurrency", "2")
    in_flight: list[int] = []
    with service.client() as client:
        job = submit(client, [article(n) for n in range(6)])
        threads = [
            threading.Thread(target=lambda n=n: client.post("/v1/summaries", json={"text": BODY, "title": f"Item {n}"}))
            for n in (10, 11)
        ]
        for t in threads:
            t.start()
        wait_for(lambda: status(client, job["id"])["status"] == "done", timeout=60, what="the job")
        for t in threads:
            t.join()
    arrivals = sorted(fake.arrivals)
    # At most 2 calls in flight: any 3 consecutive arrivals span at least one reply's latency.
    in_flight = [arrivals[i + 2] - arrivals[i] for i in range(len(arrivals) - 2)]
    assert len(arrivals) == 8 and min(in_flight) >= 0.4, in_flight


def test_upstream_key_echoed_by_the_endpoint_never_leaves(serve, fake, tmp_path):
    from .conftest import UPSTREAM_KEY

    echo = {"error": {"message": f"proxy refused header Authorization: Bearer {UPSTREAM_KEY}", "type": "api_error"}}
    fake.default = lambda body: Reply.error(500, body=echo)
    service = serve("--retries", "0", "-vv")
    with service.client() as client:
        sync = client.post("/v1/summaries", json={"text": BODY})
        job = submit(client, [article(1)])
        wait_for(lambda: status(client, job["id"])["status"] == "done", what="the job")
        lines = client.get(f"/v1/jobs/{job['id']}/results").text
    assert sync.status_code == 502 and "proxy refused" in sync.text and "[redacted]" in sync.text
    assert "[redacted]" in lines and json.loads(lines)["kind"] == "EndpointError"
    store = Path(os.environ["SUMMARIZER_CACHE_DIR"]) / "service.sqlite3"
    stored = b"".join(p.read_bytes() for p in store.parent.glob("service.sqlite3*"))
    assert UPSTREAM_KEY not in sync.text + lines and UPSTREAM_KEY.encode() not in stored
    assert UPSTREAM_KEY not in service.stderr


def test_rpm_paces_model_calls_as_batch_does(serve, fake):
    service = serve("--rpm", "60", "--concurrency", "8")  # unpaced, all 3 would arrive within milliseconds
    with service.client() as client:
        job = submit(client, [article(n) for n in range(3)])
        wait_for(lambda: status(client, job["id"])["status"] == "done", timeout=60, what="the job")
    arrivals = sorted(fake.arrivals)
    assert len(arrivals) == 3 and arrivals[-1] - arrivals[0] >= 0.9, arrivals


def test_workers_share_the_job_store_and_run_each_item_once(serve, fake):
    import httpx

    fake.default = slow(0.2)
    service = serve("--workers", "2", "--concurrency", "2")

    def healthy():
        try:
            return httpx.get(f"{service.url}/healthz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    wait_for(healthy, timeout=60, what="the workers")
    with service.client() as client:
        jobs = [submit(client, [article(10 * j + n) for n in range(4)]) for j in range(3)]
        for job in jobs:
            wait_for(lambda job=job: status(client, job["id"])["status"] == "done", timeout=60, what="a job")
        lines = [results(client, job["id"]) for job in jobs]
    assert [[line["id"] for line in ls] for ls in lines] == [[f"item-{10 * j + n}" for n in range(4)] for j in range(3)]
    per_item = Counter(item_of(r) for r in fake.chat_requests)
    assert len(per_item) == 12 and set(per_item.values()) == {1}  # no job was run by both workers
