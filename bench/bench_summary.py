"""The summary question on the embedded model, before and after, side by side in one run.

The guided strategy's only model call is the summary (`strategies/summary.py`); this
times it alone, per article, for two versions of the code: the working tree ("after")
and `summary.py` with `prompts/summary.j2` as they are at a git revision ("before",
default: the commit before #12's speed work), "before" with the engine's grammar checked
against every token as it was then (`local.CHECKED_GRAMMAR` off; `--same-sampler` keeps it
on for both, to compare prompts alone). One process, the model loaded once; the
parse and rules run once per article (timed separately) and both versions summarize
the same composed items. Before each version's first call the model's evaluated prefix
is dropped, so every question pays for its whole prompt as a single-article run does
(re-asks reuse their question's prefix, as they do in a run).

Per article and version: wall seconds of the question (re-asks included), calls, prompt
tokens evaluated, generated tokens, llama.cpp's own prompt and generation seconds (the
rest of the wall time is sampling, grammar and Python), where the summary came from
(`model`, or `rule`: the lead, after every attempt failed its checks), and the summary.

    flock /tmp/llama.lock python bench/bench_summary.py [--set dev|fixtures] [--before REV] [--same-sampler] [STEM ...]

Record `uptime` with the figures: the machine is shared.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jinja2  # noqa: E402

from summarizer import Summarizer  # noqa: E402
from summarizer.engines import local  # noqa: E402
from summarizer.inputs import load_article  # noqa: E402
from summarizer.strategies import (  # noqa: E402
    Conversation,
    guided,
    summary as after_module,  # noqa: E402
)

SETS = {"dev": ROOT / "fixtures" / "dev" / "articles", "fixtures": ROOT / "fixtures" / "articles"}
BEFORE = "19fd21f"  # main when #12's speed work started


def _git(rev: str, path: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:{path}"], check=True, capture_output=True,
                          text=True).stdout  # fmt: skip


def before_module(rev: str) -> ModuleType:
    """`summary.py` at `rev`, imported beside the current one, rendering `summary.j2` at `rev`."""
    name = "summarizer.strategies._summary_before"
    spec = importlib.util.spec_from_loader(name, loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "summarizer.strategies"
    exec(compile(_git(rev, "summarizer/strategies/summary.py"), f"{rev}:summary.py", "exec"), module.__dict__)
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    old = env.from_string(_git(rev, "prompts/summary.j2"))
    current_render = module.render_text

    def render_text(template: str, **context: Any) -> str:
        return old.render(**context).strip() if template == "summary.j2" else current_render(template, **context)

    module.render_text = render_text
    return module


@dataclass
class Run:
    seconds: float = 0.0
    calls: int = 0
    prompt_tokens: int = 0  # evaluated, not reused
    generated: int = 0
    prompt_s: float = 0.0
    gen_s: float = 0.0
    origin: str = ""
    summary: str = ""
    notes: list[str] = field(default_factory=list)


def _perf(engine: Any) -> Any:
    from llama_cpp import llama_cpp as lib

    loaded = next(iter(local._MODELS.values()))
    return lib.llama_perf_context(loaded.llama._ctx.ctx)


def ask(module: ModuleType, article: Any, output: Any, engine: Any, params: dict[str, Any], attempts: int) -> Run:
    """Drive `write_summary` of `module` against the engine, timing each call."""
    for loaded in local._MODELS.values():
        loaded.llama.reset()  # no evaluated prefix carried over from the other version
    conversation = Conversation(max_attempts=attempts, params=dict(params))
    run = Run()
    steps = module.write_summary(article, output, conversation)
    started = time.perf_counter()
    answer = None
    try:
        while True:
            request = steps.send(answer) if answer is not None else next(steps)
            answer = engine.complete(request)
            perf = _perf(engine)
            run.calls += 1
            run.prompt_tokens += perf.n_p_eval
            run.generated += perf.n_eval
            run.prompt_s += perf.t_p_eval_ms / 1000
            run.gen_s += perf.t_eval_ms / 1000
    except StopIteration as stop:
        summary, origin, notes = stop.value
    run.seconds = time.perf_counter() - started
    run.summary, run.origin, run.notes = summary, origin, notes
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stems", nargs="*")
    parser.add_argument("--set", choices=sorted(SETS), default="dev")
    parser.add_argument("--before", default=BEFORE, help=f"git revision of the 'before' version [{BEFORE}]")
    parser.add_argument("--only", choices=["before", "after"], help="run one version only")
    parser.add_argument("--quiet", action="store_true", help="no summaries, figures only")
    parser.add_argument("--same-sampler", action="store_true", help="the current engine sampler for both versions")
    args = parser.parse_args()
    print(f"uptime: {os.getloadavg()}")

    versions = {"before": before_module(args.before), "after": after_module}
    if args.only:
        versions = {args.only: versions[args.only]}
    paths = sorted(p for p in SETS[args.set].glob("*.txt") if not args.stems or p.stem in args.stems)
    t0 = time.perf_counter()
    # The model is assembled once into the cache dir: SUMMARIZER_CACHE_DIR keeps it between runs.
    s = Summarizer(engine="local", cache=False, cache_dir=os.environ.get("SUMMARIZER_CACHE_DIR"), strategy="guided")
    engine, params, attempts = s.pipeline.engine, s.pipeline.params, s.pipeline.max_attempts
    print(f"model resolved in {time.perf_counter() - t0:.1f}s: {engine.model}; params {params}, {attempts} attempts")

    rows: dict[str, list[Run]] = {v: [] for v in versions}
    parse_s: list[float] = []
    for path in paths:
        article = load_article(path)
        t = time.perf_counter()
        strategy = guided.Guided()
        first = strategy.first_question(article)
        output = guided.compose(article, first.state, {})
        parse_s.append(time.perf_counter() - t)
        words = len(article.text[article.body_start :].split())
        print(f"\n{path.stem} ({words} words; parse and rules {parse_s[-1]:.2f}s)")
        for name, module in versions.items():
            local.CHECKED_GRAMMAR = name == "after" or args.same_sampler
            r = ask(module, article, output, engine, params, attempts)
            rows[name].append(r)
            rest = r.seconds - r.prompt_s - r.gen_s
            print(
                f"  {name:6} {r.seconds:5.1f}s  calls {r.calls}  prompt {r.prompt_tokens:4d} tok {r.prompt_s:4.1f}s  "
                f"generated {r.generated:3d} tok {r.gen_s:4.1f}s  other {rest:4.1f}s  {r.origin}"
            )
            if not args.quiet:
                print(f"         {r.summary}")
                for note in r.notes:
                    print(f"         note: {note[:160]}")

    print(f"\n{args.set}: {len(paths)} articles; parse and rules median {statistics.median(parse_s):.2f}s "
          f"(the first includes loading spaCy: {parse_s[0]:.2f}s)")  # fmt: skip
    for name, runs in rows.items():
        secs = [r.seconds for r in runs]
        kept = sum(r.origin == "model" for r in runs)
        print(
            f"  {name:6} summary question median {statistics.median(secs):5.1f}s mean {statistics.mean(secs):5.1f}s "
            f"max {max(secs):5.1f}s; calls {sum(r.calls for r in runs) / len(runs):.1f}/article; "
            f"prompt {statistics.mean(r.prompt_tokens for r in runs):.0f} tok, "
            f"generated {statistics.mean(r.generated for r in runs):.0f} tok/article; "
            f"model's summary kept {kept}/{len(runs)} (lead fallback {len(runs) - kept})"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:.0f} MB; uptime: {os.getloadavg()}")


if __name__ == "__main__":
    main()
