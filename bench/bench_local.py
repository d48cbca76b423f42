"""Embedded-model benchmark: speed, memory, validity and actor quality over the corpus.

Runs the real pipeline (embedded engine, default strategy, no cache) over every
fixture article that has a gold annotation in fixtures/gold/, in one process with the
model loaded once, and prints per article: seconds, words, valid or the error, and the
quality scores of `summarizer.eval` against the gold (actor recall and precision,
events F1 strict/relaxed, unfaithful claims: evidence not at its offsets, actors not
in the text, dates contradicting their words). Ends with totals and peak RSS.
`summarizer eval` gives the full report; this adds speed and memory.

    python bench/bench_local.py [--model-path FILE] [--strategy guided|single] [ARTICLE_STEM ...]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer import Summarizer, SummarizerError  # noqa: E402
from summarizer.eval import load_gold_dir  # noqa: E402
from summarizer.eval.score import combine, score_article  # noqa: E402
from summarizer.inputs import load_article  # noqa: E402

GOLD = ROOT / "fixtures" / "gold"
ARTICLES = ROOT / "fixtures" / "articles"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stems", nargs="*")
    parser.add_argument("--model-path")
    parser.add_argument("--strategy", default="auto")
    parser.add_argument(
        "--long", action="store_true", help="also time an ~800-word article made of the bodies of 09 and 14"
    )
    args = parser.parse_args()
    golds = load_gold_dir(GOLD)
    stems = args.stems or sorted(golds)

    cache = tempfile.mkdtemp(prefix="bench-local-")
    s = Summarizer(engine="local", cache=False, cache_dir=cache, model_path=args.model_path, strategy=args.strategy)
    t0 = time.perf_counter()
    s.pipeline.engine.complete  # noqa: B018 - resolve (and assemble) the model before timing
    print(f"model resolved in {time.perf_counter() - t0:.1f}s: {s.pipeline.engine.model}")

    rows = []
    reports = []
    for stem in stems:
        article = load_article(ARTICLES / f"{stem}.txt")
        words = len(article.text[article.body_start :].split())
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            result = s.summarize_article(article)
        except SummarizerError as err:
            rows.append((stem, words, time.perf_counter() - t0, False, 0.0, 0.0, 0, 0, str(err)[:80]))
            print(f"{stem[:34]:34} {words:4d}w INVALID {err}")
            continue
        secs, cpu = time.perf_counter() - t0, time.process_time() - c0
        report = score_article(result, golds[stem], seconds=secs)
        reports.append(report)
        recall, precision = report.actors.match.recall or 0.0, report.actors.match.precision or 0.0
        evidence = [ev for item in [*result.stances, *result.events, *result.follow_ups] for ev in item.evidence]
        bad = report.faithfulness.evidence_not_located
        rows.append((stem, words, secs, True, recall, precision, len(evidence), bad, ""))
        unmatched = [i.label for i in report.items if i.section == "actors" and i.status in ("spurious", "unfaithful")]
        ev_f1 = f"{report.events.strict.f1 or 0:.2f}/{report.events.relaxed.f1 or 0:.2f}"
        print(
            f"{stem[:34]:34} {words:4d}w {secs:5.1f}s (cpu {cpu:5.1f}s) actors {len(result.actors):2d} "
            f"recall {recall:.2f} precision {precision:.2f} events F1 {ev_f1} evidence {len(evidence):2d} "
            f"ungrounded {bad} calls {result.provenance.attempts} unmatched={unmatched}"
        )
    if args.long:
        bodies = []
        for stem in ("09-us-russia-geneva-talks", "14-tai-clouthier-usmca-vancouver"):
            a = load_article(ARTICLES / f"{stem}.txt")
            bodies.append(a.text[a.body_start :].strip())
        text = "date: 2022-01-10\n---\n" + "\n\n".join(bodies)
        t0 = time.perf_counter()
        long_result = s.summarize(text)
        print(
            f"\nlong article ({len(text.split())} words): {time.perf_counter() - t0:.1f}s, "
            f"{len(long_result.actors)} actors, {long_result.provenance.usage.total_tokens} tokens"
        )
    if reports:
        totals = combine(reports)
        print(
            f"\nscored against fixtures/gold (micro): actors P {totals.actors.match.precision or 0:.2f} "
            f"R {totals.actors.match.recall or 0:.2f}; events F1 strict {totals.events.strict.f1 or 0:.2f} "
            f"relaxed {totals.events.relaxed.f1 or 0:.2f}; unfaithful {totals.faithfulness.model_dump()}"
        )
    valid = [r for r in rows if r[3]]
    n = max(1, len(valid))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    per_100w = sum(r[2] for r in valid) / max(1, sum(r[1] for r in valid)) * 100
    print(
        f"\n{len(valid)}/{len(rows)} valid; mean {sum(r[2] for r in valid) / n:.1f}s per article "
        f"({per_100w:.2f}s per 100 words, so ~{per_100w * 8:.0f}s for 800 words); "
        f"actor recall {sum(r[4] for r in valid) / n:.2f}, precision {sum(r[5] for r in valid) / n:.2f} (macro); "
        f"evidence {sum(r[6] for r in valid)} quotes, {sum(r[7] for r in valid)} ungrounded; peak RSS {rss:.0f} MB"
    )


if __name__ == "__main__":
    main()
