"""The service against the library, side by side in one run, against a fake endpoint.

On the same N articles (default 300, ~800 words each, built as bench_batch.py builds
them) and the same fake OpenAI-compatible server (tests/fake_openai.py, in its own
process) answering every request after a fixed latency (default 1 s):

  (a) `summarize_many` in this process, concurrency C (default 32), fresh cache
  (b) `summarizer serve --concurrency C` as a process, fresh cache: POST /v1/jobs with
      the N articles, then GET /v1/jobs/{id}/results until the last line (wall time
      from the POST to the last line)

and prints both wall times and their ratio (goal: (b) within 1.1x of (a)); then the
latency of cache hits on POST /v1/summaries (sequential requests for articles the job
summarized: p50, p99), and the service's resident memory (now and peak).

    python bench/bench_service.py                       # N=300, latency 1 s, concurrency 32
    python bench/bench_service.py -n 100 --hits 100 --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]

import bench_batch  # noqa: E402  (its article builder, canned reply and fake-server start-up)


def start_service(base_url: str, concurrency: int, cache_dir: Path) -> tuple[subprocess.Popen[str], str]:
    """`summarizer serve` on a free loopback port; returns the process and its URL."""
    env = bench_batch._env()
    env["PYTHONPATH"] = str(ROOT)
    env["OPENAI_API_KEY"] = "sk-bench"
    cmd = [
        sys.executable, "-m", "summarizer.cli", "serve", "--port", "0", "--base-url", base_url,
        "--model", bench_batch.MODEL, "--concurrency", str(concurrency), "--cache-dir", str(cache_dir),
        "--max-body", str(64 * 2**20),
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert proc.stderr is not None
    for line in proc.stderr:
        m = re.search(r"serving on (http://\S+)", line)
        if m:
            return proc, m.group(1)
    raise SystemExit(f"the service did not start (exit {proc.wait()})")


def rss_kib(pid: int) -> dict[str, int]:
    """Resident memory now (VmRSS) and at its peak (VmHWM), KiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0])
    return fields


def run_job(url: str, texts: list[str]) -> tuple[float, int]:
    """(wall s from POST to the last result line, lines that hold a result)."""
    import httpx

    items = [{"id": i, "text": t} for i, t in enumerate(texts)]
    with httpx.Client(base_url=url, timeout=600) as client:
        started = time.perf_counter()
        response = client.post("/v1/jobs", json={"items": items})
        response.raise_for_status()
        job = response.json()["id"]
        ok = 0
        with client.stream("GET", f"/v1/jobs/{job}/results") as stream:
            for line in stream.iter_lines():
                if line:
                    ok += '"result"' in line[:40]
        return time.perf_counter() - started, ok


def cache_hits(url: str, texts: list[str], count: int) -> list[float]:
    """Seconds per POST /v1/summaries for already-summarized articles (sequential)."""
    import httpx

    times = []
    with httpx.Client(base_url=url, timeout=60) as client:
        client.post("/v1/summaries", json={"text": texts[0]}).raise_for_status()  # warm
        for i in range(count):
            t = time.perf_counter()
            response = client.post("/v1/summaries", json={"text": texts[i % len(texts)]})
            times.append(time.perf_counter() - t)
            if response.status_code != 200 or '"cached":true' not in response.text.replace(" ", ""):
                raise SystemExit(f"not a cache hit: {response.status_code} {response.text[:200]}")
    return times


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("-n", "--articles", type=int, default=300)
    p.add_argument("--latency", type=float, default=1.0)
    p.add_argument("--concurrency", type=int, default=32)
    p.add_argument("--words", type=int, default=800)
    p.add_argument("--hits", type=int, default=300, help="cache-hit requests timed")
    p.add_argument("--json", type=Path, help="also write the figures here")
    a = p.parse_args(argv)

    body = bench_batch.build_body(a.words)
    texts = [bench_batch.article_text(i, body) for i in range(a.articles)]
    work = Path(tempfile.mkdtemp(prefix="bench-service-"))
    reply_file = work / "reply.json"
    reply_file.write_text(json.dumps(bench_batch.canned_output(body)), encoding="utf-8")
    server, base_url = bench_batch.start_server(reply_file, a.latency)
    figures: dict[str, Any] = {
        "articles": a.articles, "words": len(body.split()), "latency_s": a.latency, "concurrency": a.concurrency,
        "cpus": os.cpu_count(), "load_before": os.getloadavg()[0],
    }  # fmt: skip
    print(
        f"{a.articles} articles of {figures['words']} words; fake server latency {a.latency:.2f} s; "
        f"concurrency {a.concurrency}; {os.cpu_count()} CPUs; load average {figures['load_before']:.1f}",
        flush=True,
    )
    service = None
    try:
        wall_lib, _ = bench_batch.timed_in_process(
            lambda: bench_batch.library_batch(texts, base_url, a.concurrency, work / "cache-lib")  # type: ignore[arg-type]
        )
        service, url = start_service(base_url, a.concurrency, work / "cache-service")
        figures["rss_idle_kib"] = rss_kib(service.pid)["VmRSS"]
        wall_job, ok = run_job(url, texts)
        if ok != a.articles:
            raise SystemExit(f"the job returned {ok} results of {a.articles}")
        hits = sorted(cache_hits(url, texts, a.hits))
        memory = rss_kib(service.pid)
        figures.update(
            wall_summarize_many_s=wall_lib,
            wall_service_job_s=wall_job,
            ratio=wall_job / wall_lib,
            hit_p50_ms=statistics.median(hits) * 1000,
            hit_p99_ms=hits[min(len(hits) - 1, int(len(hits) * 0.99))] * 1000,
            rss_kib=memory["VmRSS"],
            rss_peak_kib=memory["VmHWM"],
            load_after=os.getloadavg()[0],
        )
    finally:
        if service is not None:
            service.terminate()
            service.wait(60)
        server.kill()
    f = figures
    print(f"(a) summarize_many (in-process)     {f['wall_summarize_many_s']:7.2f} s")
    print(f"(b) summarizer serve, POST /v1/jobs  {f['wall_service_job_s']:7.2f} s   ratio (b)/(a) {f['ratio']:.3f}")
    print(f"cache hits on POST /v1/summaries ({a.hits}, sequential): p50 {f['hit_p50_ms']:.1f} ms, "
          f"p99 {f['hit_p99_ms']:.1f} ms")  # fmt: skip
    mib = {k: f[k] / 1024 for k in ("rss_idle_kib", "rss_kib", "rss_peak_kib")}
    print(f"service RSS: {mib['rss_idle_kib']:.0f} MiB idle, {mib['rss_kib']:.0f} MiB after, "
          f"peak {mib['rss_peak_kib']:.0f} MiB; "
          f"load average {f['load_before']:.1f} -> {f['load_after']:.1f}")  # fmt: skip
    if a.json:
        a.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
