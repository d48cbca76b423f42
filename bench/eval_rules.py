"""Score the guided strategy's parse and rules against gold, without the model.

The guided strategy asks the model only for the summary (closed questions are off by
default), so every scored item (actors, events, stances, follow-ups) comes from the
spaCy parse and the rules. This runs it with an engine that declines to write the
summary (the lead is used, as the strategy's fallback does), so a rule change can be
scored on the fixtures and the dev set in seconds, with no model loaded and no lock:

    python bench/eval_rules.py                      # both sets, one line per metric
    python bench/eval_rules.py --set dev --misses   # and each missed / spurious item
    python bench/eval_rules.py --json report.json   # the full eval report of each set
    python bench/eval_rules.py --articles DIR --gold DIR   # any other annotated set

Figures from `summarizer eval` with the embedded model differ only in summary fields,
which the eval does not score.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.api import Summarizer, read_article  # noqa: E402
from summarizer.engines.base import Request  # noqa: E402
from summarizer.engines.fake import FunctionEngine  # noqa: E402
from summarizer.eval.gold import load_gold_dir  # noqa: E402
from summarizer.eval.metrics import EvalReport  # noqa: E402
from summarizer.eval.score import evaluate  # noqa: E402

SETS = {
    "fixtures": (ROOT / "fixtures" / "articles", ROOT / "fixtures" / "gold"),
    "dev": (ROOT / "fixtures" / "dev" / "articles", ROOT / "fixtures" / "dev" / "gold"),
}
# The headline metrics of the #12 targets, in the order the README's Quality table uses.
METRICS = [
    "f1.actors", "precision.events", "recall.events", "precision.events.relaxed", "recall.events.relaxed",
    "accuracy.event_type", "accuracy.event_agent", "recall.stances", "recall.stances.relaxed",
    "accuracy.stance_position", "recall.follow_ups", "recall.follow_ups.relaxed", "accuracy.follow_up_due",
    "unfaithful.actors_not_in_text", "unfaithful.evidence_not_located", "unfaithful.dates_contradicting_text",
]  # fmt: skip


def _decline(request: Request) -> str:
    return "{}"  # not a valid summary: the strategy falls back to the lead and says so


def rules_only() -> Summarizer:
    """The guided strategy with no model: every scored item comes from the parse and the rules."""
    return Summarizer(engine=FunctionEngine(_decline), strategy="guided", cache=False, max_attempts=1)


def run(name: str) -> EvalReport:
    articles, gold_dir = SETS[name]
    gold = load_gold_dir(gold_dir, articles_dir=articles)
    results = {}
    with rules_only() as s:
        for stem in sorted(gold):
            path = next(articles.glob(stem + ".*"))
            results[stem] = s.summarize_article(read_article(path))
    return evaluate(results, gold)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=[*SETS, "both"], default="both")
    ap.add_argument("--json", metavar="FILE", help="write {set: eval report} as JSON")
    ap.add_argument("--misses", action="store_true", help="print each unmatched gold and predicted item")
    ap.add_argument("--articles", metavar="DIR", type=Path, help="score this set instead (with --gold)")
    ap.add_argument("--gold", metavar="DIR", type=Path, help="the gold files of --articles")
    args = ap.parse_args()
    if bool(args.articles) != bool(args.gold):
        ap.error("--articles and --gold go together")
    if args.articles:
        SETS["other"] = (args.articles, args.gold)
        args.set = "other"
    names = list(SETS)[:2] if args.set == "both" else [args.set]
    started = time.perf_counter()
    reports = {n: run(n) for n in names}
    print(f"{'metric':28}" + "".join(f"{n:>10}" for n in names))
    for key in METRICS:
        cells = []
        for n in names:
            v = reports[n].metrics().get(key)
            cells.append(f"{v:10.2f}" if isinstance(v, float) else f"{v!s:>10}")
        print(f"{key:28}" + "".join(cells))
    print(f"({time.perf_counter() - started:.1f} s, no model)")
    if args.misses:
        for n in names:
            _print_misses(n, reports[n])
    if args.json:
        dump = {n: r.model_dump(mode="json", exclude={"articles": {"__all__": {"text"}}}) for n, r in reports.items()}
        Path(args.json).write_text(json.dumps(dump, indent=1, ensure_ascii=False))


def _print_misses(name: str, report: EvalReport) -> None:
    for art in report.articles:
        outcomes = [o for o in art.items if o.status != "hit"]
        if outcomes:
            print(f"\n== {name}/{art.article}")
            for o in outcomes:
                problems = f"  [{'; '.join(o.problems)}]" if o.problems else ""
                print(f"  {o.section:10} {o.status:12} {o.label[:150]}{problems}")


if __name__ == "__main__":
    main()
