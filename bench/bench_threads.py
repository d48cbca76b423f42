"""Embedded model: seconds per article for several llama.cpp thread counts, side by side.

Each thread count runs in its own process (the model is loaded once there, not timed
with the articles), over the same articles through the real pipeline (guided strategy,
no cache). ``--busy K`` starts K other CPU-bound processes (``while 1: pass``) for the
whole run, to measure a machine that is doing something else. Load averages before and
after are printed with the table, since other work on a shared machine moves the numbers.

    flock /tmp/llama.lock python bench/bench_threads.py [--threads 1,2,4] [--busy 1] [STEM ...]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ARTICLES = ROOT / "fixtures" / "articles"
DEFAULT_STEMS = ("04-austin-wallace-afghan-evacuation", "01-harris-tedros-who-call")


def _worker(threads: int, stems: list[str], model_path: str | None) -> None:
    from summarizer import Summarizer
    from summarizer.inputs import load_article

    cache = tempfile.mkdtemp(prefix="bench-threads-")
    s = Summarizer(engine="local", cache=False, cache_dir=cache, model_path=model_path, threads=threads)
    t0 = time.perf_counter()
    s.summarize("date: 2022-01-10\n---\nThe minister met the envoy in Geneva on Monday.")  # load + warm up
    out: dict[str, object] = {"warmup_s": time.perf_counter() - t0, "articles": {}}
    for stem in stems:
        article = load_article(ARTICLES / f"{stem}.txt")
        t0 = time.perf_counter()
        result = s.summarize_article(article)
        out["articles"][stem] = {  # type: ignore[index]
            "seconds": time.perf_counter() - t0,
            "tokens": result.provenance.usage.total_tokens,
        }
    print(json.dumps(out))


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f} (1 min), {five:.2f} (5 min)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stems", nargs="*", default=list(DEFAULT_STEMS))
    parser.add_argument("--threads", default="1,2,4", help="comma-separated thread counts")
    parser.add_argument("--busy", type=int, default=0, help="other CPU-bound processes to run meanwhile")
    parser.add_argument("--model-path")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        _worker(args.worker, args.stems, args.model_path)
        return

    counts = [int(n) for n in args.threads.split(",")]
    busy = [subprocess.Popen([sys.executable, "-c", "while 1: pass"]) for _ in range(args.busy)]
    try:
        time.sleep(2 if busy else 0)  # let the spinners reach full speed
        print(f"cpus {os.cpu_count()}, other CPU-bound processes {args.busy}, load average before: {_load()}")
        results: dict[int, dict[str, object]] = {}
        for n in counts:
            cmd = [sys.executable, __file__, "--worker", str(n), *args.stems]
            if args.model_path:
                cmd += ["--model-path", args.model_path]
            done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
            if done.returncode != 0:
                sys.exit(f"threads={n} failed:\n{done.stderr[-2000:]}")
            results[n] = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"  threads={n} done, load average {_load()}", file=sys.stderr)
        print(f"load average after: {_load()}\n")
        header = f"{'seconds per article':44}" + "".join(f"{f'threads={n}':>12}" for n in counts)
        print(header)
        for stem in args.stems:
            cells = "".join(f"{results[n]['articles'][stem]['seconds']:12.1f}" for n in counts)  # type: ignore[index]
            print(f"{stem[:44]:44}{cells}")
        means = {n: sum(a["seconds"] for a in results[n]["articles"].values()) / len(args.stems) for n in counts}  # type: ignore[union-attr]
        print(f"{'mean':44}" + "".join(f"{means[n]:12.1f}" for n in counts))
        best = min(means, key=lambda n: means[n])
        print(f"{'ratio to the best':44}" + "".join(f"{means[n] / means[best]:12.2f}" for n in counts))
        print(f"{'load + warm-up call':44}" + "".join(f"{results[n]['warmup_s']:12.1f}" for n in counts))
    finally:
        for proc in busy:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    main()
