"""Batch throughput and per-article overhead, against a fake OpenAI-compatible server.

One run measures, on the same N articles (default 300, ~800 words each) and a fake
server (tests/fake_openai.py, in its own process) answering every request after a
fixed latency:

  (a) a plain asyncio + openai SDK loop (semaphore, json_schema, pydantic validation)
  (b) `summarizer batch` as a real process (start-up included), fresh cache
  (b') `summarizer.batch.summarize_many` in this process
  (c) instructor over AsyncOpenAI (Mode.JSON, same model class, same concurrency)

and prints wall times, ratios to (a) and client CPU. Then, with the model call
replaced by an in-memory reply, the CPU our pipeline spends per article (sentence
splitting, render, validate, ground, derive, cache), and `summarizer --help` start-up.

    python bench/bench_batch.py                      # N=300, latency 1 s, concurrency 32
    python bench/bench_batch.py -n 500 --latency 2 --concurrency 64 --json out.json

The N articles are copies of one article built from fixtures/articles (the seed
article, then the Geneva talks one, cut at ~800 words), each with its own title
header: the prompts (and cache keys) differ, the numbered sentences do not, so one
canned reply (tests/fake_openai.py serves one fixed file) is valid and grounded for
every copy.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FAKE_SERVER = ROOT / "tests" / "fake_openai.py"
SOURCES = [
    ROOT / "fixtures/articles/00-seed-2022-02-17-blinken.txt",
    ROOT / "fixtures/articles/09-us-russia-geneva-talks.txt",
]
MODEL = "gpt-4o-mini"
SYSTEM = "Summarize the news article as one JSON object matching the schema."

# `summarizer batch` whether or not summarizer.cli registers the command yet.
CLI = (
    "from summarizer.cli import app\n"
    "from summarizer.batch_cli import register_batch\n"
    "if 'batch' not in {c.name for c in app.registered_commands}: register_batch(app)\n"
    "app(prog_name='summarizer')\n"
)


# --------------------------------------------------------------------------- inputs


def build_body(words: int) -> str:
    """Paragraphs of the source articles (headers dropped) until about `words` words."""
    from summarizer.inputs import parse_article

    paragraphs: list[str] = []
    for path in SOURCES:
        if path.is_file():
            article = parse_article(path.read_text(encoding="utf-8"))
            paragraphs += [p.strip() for p in article.text[article.body_start :].split("\n") if p.strip()]
    if not paragraphs:
        raise SystemExit("no source articles found under fixtures/articles")
    out: list[str] = []
    count = 0
    while count < words:
        for p in paragraphs:
            out.append(p)
            count += len(p.split())
            if count >= words:
                break
    return "\n\n".join(out)


def article_text(i: int, body: str) -> str:
    return f"title: Bench article {i}\n---\n{body}\n"


def canned_output(body: str) -> dict[str, Any]:
    """A valid, grounded ModelOutput for the body: 3 actors, 2 stances, 3 events, 1 follow-up,
    each citing a different sentence with a verbatim slice of it (about what a real reply holds).

    It passes the checks a real reply must pass: each actor is a name the body uses, and
    each claim's agent is named in the sentence it cites."""
    from summarizer.inputs import parse_article

    sentences = parse_article(article_text(0, body)).sentences
    named = [(s, m.group()) for s in sentences if (m := re.search(r"\b[A-Z][a-z]{3,}\b", s.text[1:]))]
    if len(named) < 8:
        raise SystemExit("the bench body has too few sentences that name someone")
    actors: dict[str, str] = {}  # name -> id

    def cite(k: int) -> tuple[list[dict[str, Any]], str]:
        s, name = named[k % len(named)]
        m = re.match(r"\S+(?:\s+\S+){5}", s.text)
        assert m is not None
        actor_id = actors.setdefault(name, f"A{len(actors) + 1}")
        return [{"sentence": s.number, "quote": m.group()}], actor_id

    def event(n: int, kind: str, k: int) -> dict[str, Any]:
        evidence, who = cite(k)
        return {
            "id": f"E{n}", "type": kind, "summary": f"Event {n}.", "actors": [who], "recipients": [],
            "date": None, "date_text": None, "location": None, "factuality": "reported", "evidence": evidence,
        }  # fmt: skip

    def stance(k: int) -> dict[str, Any]:
        evidence, who = cite(k)
        return {"holder": who, "topic": "the talks", "target": None, "position": "concern",
                "summary": "A stance.", "evidence": evidence}  # fmt: skip

    events = [event(1, "CONSULT", 2), event(2, "STATEMENT", 5), event(3, "REQUEST", 7)]
    stances = [stance(2), stance(5)]
    follow_evidence, follow_who = cite(7)
    return {
        "summary": sentences[0].text[:300],
        "key_points": [s.text[:100] for s in sentences[:3]],
        "actors": [
            {"id": i, "name": name, "kind": "person", "title": None, "country": None, "mentions": [name]}
            for name, i in actors.items()
        ],
        "stances": stances,
        "events": events,
        "follow_ups": [
            {"description": "More talks.", "kind": "expected_action", "actors": [follow_who], "due": None,
             "due_text": None, "basis": "explicit", "evidence": follow_evidence}
        ],
    }  # fmt: skip


# --------------------------------------------------------------------------- contenders


def _messages(text: str) -> list[dict[str, str]]:
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": text}]


async def plain_loop(paths: list[Path], base_url: str, concurrency: int) -> int:
    """(a) What a user would write by hand: semaphore + AsyncOpenAI + pydantic."""
    from openai import AsyncOpenAI

    from summarizer.models import ModelOutput, inline_schema

    schema = inline_schema(ModelOutput)
    client = AsyncOpenAI(base_url=base_url, api_key="sk-bench", max_retries=2)
    sem = asyncio.Semaphore(concurrency)

    async def one(path: Path) -> ModelOutput:
        async with sem:
            response = await client.chat.completions.create(  # type: ignore[call-overload]
                model=MODEL,
                messages=_messages(path.read_text(encoding="utf-8")),
                response_format={
                    "type": "json_schema",
                    "json_schema": {"name": "article_summary", "schema": schema, "strict": True},
                },
                temperature=0.0,
            )
            return ModelOutput.model_validate_json(response.choices[0].message.content or "")

    try:
        done = await asyncio.gather(*(one(p) for p in paths))
    finally:
        await client.close()
    return len(done)


async def instructor_loop(paths: list[Path], base_url: str, concurrency: int) -> int:
    """(c) instructor, Mode.JSON, the same pydantic model and concurrency."""
    import instructor
    from openai import AsyncOpenAI

    from summarizer.models import ModelOutput

    raw = AsyncOpenAI(base_url=base_url, api_key="sk-bench", max_retries=2)
    client = instructor.from_openai(raw, mode=instructor.Mode.JSON)
    sem = asyncio.Semaphore(concurrency)

    async def one(path: Path) -> ModelOutput:
        async with sem:
            return await client.chat.completions.create(
                model=MODEL,
                response_model=ModelOutput,
                messages=_messages(path.read_text(encoding="utf-8")),  # type: ignore[arg-type]
                temperature=0.0,
            )

    try:
        done = await asyncio.gather(*(one(p) for p in paths))
    finally:
        await raw.close()
    return len(done)


def library_batch(paths: list[Path], base_url: str, concurrency: int, cache_dir: Path) -> int:
    """(b') summarize_many in this process."""
    from summarizer.batch import summarize_many

    results = summarize_many(paths, concurrency=concurrency, base_url=base_url, model=MODEL, cache_dir=cache_dir)
    failed = [r for r in results if not r.ok]
    if failed:
        raise SystemExit(f"summarize_many: {len(failed)} failed, e.g. {failed[0].kind}: {failed[0].error}")
    return len(results)


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed_in_process(fn: Any) -> tuple[float, float]:
    """(wall s, CPU s of this process and its children) of fn()."""
    cpu, wall = _cpu(), time.perf_counter()
    fn()
    return time.perf_counter() - wall, _cpu() - cpu


def timed_cli(
    folder: Path, base_url: str, concurrency: int, out: Path, cache_dir: Path, n: int
) -> tuple[float, float]:
    """(b) `summarizer batch` as a process: (wall s, CPU s of the child)."""
    cmd = [
        sys.executable, "-c", CLI, "batch", str(folder), "-o", str(out), "--base-url", base_url, "--model", MODEL,
        "--concurrency", str(concurrency), "--cache-dir", str(cache_dir), "--no-progress",
    ]  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=_env(), cwd=ROOT)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"summarizer batch failed ({proc.returncode}):\n{proc.stderr}")
    written = out.read_text(encoding="utf-8").count("\n")
    if written != n or '"error"' in out.read_text(encoding="utf-8"):
        raise SystemExit(f"summarizer batch wrote {written} lines, or errors:\n{proc.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    env["SUMMARIZER_CONFIG"] = os.devnull + ".absent.toml"
    return env


# --------------------------------------------------------------------------- CPU overhead


class _Canned:
    """Engine answering instantly with the canned reply: what remains is our own CPU."""

    name = "canned"
    model = MODEL

    def __init__(self, text: str):
        from summarizer.engines.base import Completion
        from summarizer.models import Usage

        self._completion = Completion(text=text, usage=Usage(total_tokens=1), finish_reason="stop", mode="json_schema")

    def identity(self) -> dict[str, Any]:
        return {"engine": self.name, "model": self.model, "mode": "json_schema"}

    def complete(self, request: Any) -> Any:
        return self._completion

    async def acomplete(self, request: Any) -> Any:
        return self._completion


def cpu_overhead(body: str, reply: str, count: int, workdir: Path) -> dict[str, float]:
    """Median CPU ms per article of each stage, the model call excluded."""
    from summarizer.cache import Cache
    from summarizer.inputs import parse_article
    from summarizer.pipeline import Pipeline

    texts = [article_text(10_000 + i, body) for i in range(count)]
    pipeline = Pipeline(_Canned(reply), cache=Cache(workdir / "cpu-cache"), params={"temperature": 0.0})
    nocache = Pipeline(_Canned(reply), cache=None, params={"temperature": 0.0})
    parse_article(texts[0])
    pipeline.run(parse_article(article_text(-1, body)))  # warm: templates, schema, sqlite

    def per_item(fn: Any, items: list[Any]) -> tuple[float, list[Any]]:
        times, out = [], []
        for x in items:
            t = time.process_time()
            out.append(fn(x))
            times.append(time.process_time() - t)
        return statistics.median(times) * 1000, out

    parse_ms, articles = per_item(parse_article, texts)
    miss_ms, results = per_item(pipeline.run, articles)
    assert not any(r.provenance.cached for r in results)
    hit_ms, results = per_item(pipeline.run, articles)
    assert all(r.provenance.cached for r in results)
    nocache_ms, _ = per_item(nocache.run, articles)
    return {"parse": parse_ms, "miss": miss_ms, "hit": hit_ms, "no_cache": nocache_ms}


def help_startup(runs: int) -> dict[str, float]:
    """Median wall ms of `summarizer --help` (the installed script) and of a bare interpreter."""
    script = Path(sys.executable).with_name("summarizer")
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "summarizer.cli"]

    def median_ms(argv: list[str]) -> tuple[float, float]:
        walls, cpus = [], []
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run(argv, capture_output=True, check=True, env=_env())
            walls.append(time.perf_counter() - t)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        return statistics.median(walls) * 1000, statistics.median(cpus) * 1000

    median_ms(cmd + ["--help"])  # warm the page cache
    help_wall, help_cpu = median_ms(cmd + ["--help"])
    py_wall, py_cpu = median_ms([sys.executable, "-c", "pass"])
    return {"help": help_wall, "help_cpu": help_cpu, "python": py_wall, "python_cpu": py_cpu}


# --------------------------------------------------------------------------- main


def start_server(reply_file: Path, latency: float) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, str(FAKE_SERVER), "--default-content", str(reply_file), "--default-delay", str(latency)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    base_url = proc.stdout.readline().strip()
    if not base_url.startswith("http"):
        proc.kill()
        raise SystemExit("the fake server did not start")
    return proc, base_url


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("-n", "--articles", type=int, default=300)
    p.add_argument("--latency", type=float, default=1.0, help="seconds the fake server takes per request")
    p.add_argument("--concurrency", type=int, default=32)
    p.add_argument("--words", type=int, default=800, help="words per article")
    p.add_argument("--cpu-articles", type=int, default=100, help="articles for the CPU-overhead measurement")
    p.add_argument("--help-runs", type=int, default=15)
    p.add_argument("--skip", action="append", default=[], choices=["plain", "cli", "library", "instructor"])
    p.add_argument("--repeat", type=int, default=1, help="rounds of the contenders; medians are reported")
    p.add_argument("--json", type=Path, help="also write the figures here")
    a = p.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    body = build_body(a.words)
    reply = json.dumps(canned_output(body))
    work = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    figures: dict[str, Any] = {
        "articles": a.articles, "words": len(body.split()), "latency_s": a.latency,
        "concurrency": a.concurrency, "cpus": os.cpu_count(), "python": sys.version.split()[0],
    }  # fmt: skip
    try:
        folder = work / "articles"
        folder.mkdir()
        paths = []
        for i in range(a.articles):
            path = folder / f"article-{i:04d}.txt"
            path.write_text(article_text(i, body), encoding="utf-8")
            paths.append(path)
        reply_file = work / "reply.json"
        reply_file.write_text(reply, encoding="utf-8")
        server, base_url = start_server(reply_file, a.latency)
        figures["load_before"] = os.getloadavg()[0]
        print(
            f"{a.articles} articles of {figures['words']} words; fake server latency {a.latency:.2f} s; "
            f"concurrency {a.concurrency}; {os.cpu_count()} CPUs; Python {figures['python']}; "
            f"load average {figures['load_before']:.1f}",
            flush=True,
        )
        samples: dict[str, list[tuple[float, float]]] = {}
        try:
            for rep in range(a.repeat):
                # Each contender gets a fresh cache; the order is the same in every round.
                if "plain" not in a.skip:
                    samples.setdefault("(a) asyncio + openai SDK loop", []).append(
                        timed_in_process(lambda: asyncio.run(plain_loop(paths, base_url, a.concurrency)))
                    )
                if "cli" not in a.skip:
                    samples.setdefault("(b) summarizer batch (CLI process)", []).append(
                        timed_cli(
                            folder,
                            base_url,
                            a.concurrency,
                            work / "out.jsonl",
                            work / f"cache-cli-{rep}",
                            a.articles,
                        )  # fmt: skip
                    )
                if "library" not in a.skip:
                    samples.setdefault("(b') summarize_many (in-process)", []).append(
                        timed_in_process(
                            lambda cache=work / f"cache-lib-{rep}": library_batch(paths, base_url, a.concurrency, cache)
                        )
                    )
                if "instructor" not in a.skip:
                    samples.setdefault("(c) instructor, Mode.JSON", []).append(
                        timed_in_process(lambda: asyncio.run(instructor_loop(paths, base_url, a.concurrency)))
                    )
        finally:
            server.kill()
            server.wait()

        rows = {
            name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
            for name, runs in samples.items()
        }
        ideal = -(-a.articles // a.concurrency) * a.latency
        base = next(iter(rows.values()))[0] if rows else 0.0
        label = f"median of {a.repeat}" if a.repeat > 1 else "one run"
        print(f"\n{label:38s}{'wall s':>8s}{'ratio':>8s}{'CPU s':>8s}{'CPU ms/article':>16s}")
        for name, (wall, cpu_s) in rows.items():
            print(f"{name:38s}{wall:8.2f}{wall / base:8.2f}{cpu_s:8.2f}{cpu_s / a.articles * 1000:16.1f}")
        print(f"{'ideal: ceil(N/concurrency) x latency':38s}{ideal:8.2f}")
        figures["runs"] = {k: [{"wall_s": w, "cpu_s": c} for w, c in runs] for k, runs in samples.items()}
        figures["ideal_s"] = ideal

        cpu = cpu_overhead(body, reply, a.cpu_articles, work)
        figures["cpu_ms_per_article"] = cpu
        print(
            f"\nCPU per article, model call excluded (median of {a.cpu_articles} articles, {figures['words']} words):"
        )
        print(f"  sentence splitting (parse_article, pysbd)                  {cpu['parse']:7.2f} ms")
        print(f"  pipeline, cache miss (render, key, validate, ground, cache) {cpu['miss']:7.2f} ms")
        print(f"  pipeline, cache hit (render, key, read, re-ground, derive)  {cpu['hit']:7.2f} ms")
        print(f"  pipeline, no cache (render, validate, ground, derive)       {cpu['no_cache']:7.2f} ms")
        print(f"  total on a miss (split + pipeline)                          {cpu['parse'] + cpu['miss']:7.2f} ms")

        start = help_startup(a.help_runs)
        figures["startup_ms"] = start
        print(
            f"\nsummarizer --help: {start['help']:.0f} ms wall, {start['help_cpu']:.0f} ms CPU, median of "
            f"{a.help_runs} (python -c pass: {start['python']:.0f} ms wall, {start['python_cpu']:.0f} ms CPU)"
        )

        if rows and "(b) summarizer batch (CLI process)" in rows:
            ratio = rows["(b) summarizer batch (CLI process)"][0] / base
            print("\nTargets:")
            print(f"  batch within 1.1x of the plain loop: {ratio:.2f}x {'ok' if ratio <= 1.1 else 'MISSED'}")
            print(f"  pipeline CPU under 2 ms/article: {cpu['miss']:.2f} ms {'ok' if cpu['miss'] < 2 else 'MISSED'}"
                  f" (plus {cpu['parse']:.1f} ms sentence splitting)")  # fmt: skip
            print(f"  --help under 300 ms: {start['help']:.0f} ms {'ok' if start['help'] < 300 else 'MISSED'}")
        if a.json:
            a.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
