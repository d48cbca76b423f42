"""`summarizer serve` with no endpoint configured: the embedded model, one generation at
a time. Slow (a real model on 2 cores): run under ``flock /tmp/llama.lock``."""

from __future__ import annotations

import threading

import pytest
from conftest import SEED

pytestmark = pytest.mark.slow


def test_serve_without_endpoint_uses_the_embedded_model(serve):
    service = serve(endpoint=False)
    text = SEED.read_text(encoding="utf-8")
    answers = []

    def post(title):
        with service.client(timeout=900) as client:
            answers.append(client.post("/v1/summaries", json={"text": text, "title": title}))

    threads = [threading.Thread(target=post, args=(t,)) for t in ("one", "two")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [a.status_code for a in answers] == [200, 200], [a.text[:300] for a in answers]
    assert {a.json()["provenance"]["engine"] for a in answers} == {"local"}
    with service.client() as client:
        metrics = client.get("/metrics").text
        assert client.get("/readyz").status_code == 200
    peak = [line for line in metrics.splitlines() if line.startswith("summarizer_model_calls_in_flight ")]
    assert peak == ["summarizer_model_calls_in_flight 0.0"]
