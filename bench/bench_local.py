"""Embedded-model benchmark: speed, memory, validity and actor quality over the corpus.

Runs the real pipeline (embedded engine, default strategy, no cache) over every
fixture article that has a gold annotation in fixtures/gold/, in one process with the
model loaded once, and prints per article: seconds, words, valid or the error, actors
found against the hand-made annotation (recall and precision, matched loosely by
name), and evidence checks (every quote located at its offsets). Ends with totals and
peak RSS.

    python bench/bench_local.py [--model-path FILE] [--strategy guided|single] [ARTICLE_STEM ...]
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer import Summarizer, SummarizerError  # noqa: E402
from summarizer.article import load_article  # noqa: E402
from summarizer.grounding import locate_quote  # noqa: E402

GOLD = ROOT / "fixtures" / "gold"
ARTICLES = ROOT / "fixtures" / "articles"
# Words too common to identify an actor on their own.
_STOP = {"united", "states", "government", "minister", "foreign", "president", "secretary", "state", "people",
         "other", "international", "national", "council", "security", "officials", "department", "administration",
         "delegation", "chinese", "sudanese", "iranian", "haitian", "russian", "house", "office"}  # fmt: skip


def gold_actors(stem: str) -> list[list[str]]:
    """Each annotated actor as a list of aliases, from '- **A1. Name (alias / alias)**' lines."""
    notes = (GOLD / f"{stem}.notes.md").read_text(encoding="utf-8")
    section = notes.split("## Actors", 1)[1].split("\n## ", 1)[0]
    actors = []
    for m in re.finditer(r"^- \*\*A\d+\. (.+?)\*\*", section, re.M):
        label = m.group(1)
        aliases = [label, re.sub(r"\([^)]*\)", "", label).strip()]
        for part in [aliases[1], *re.findall(r"\(([^)]*)\)", label)]:
            aliases += [p.strip() for p in re.split(r"/|;|,", part) if p.strip()]
        actors.append(list(dict.fromkeys(a for a in aliases if a)))
    return actors


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    s = s.replace("u.s.", "united states").replace("u.n.", "united nations")
    s = re.sub(r"[^a-z0-9 ]", " ", s)
    s = re.sub(r"\bus\b", "united states", s)
    s = re.sub(r"\buk\b|\bbritain\b|\bbritish\b", "united kingdom", s)
    s = re.sub(r"\b(the|of|and|s)\b", " ", s)
    return " ".join(s.split())


def matches(name: str, aliases: list[str]) -> bool:
    p = _norm(name)
    for alias in aliases:
        a = _norm(alias)
        if not p or not a:
            continue
        if p == a or (len(p) > 3 and p in a) or (len(a) > 3 and a in p):
            return True
        if {t for t in p.split() if len(t) > 3 and t not in _STOP} & {t for t in a.split() if len(t) > 3 and t not in _STOP}:
            return True
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stems", nargs="*")
    parser.add_argument("--model-path")
    parser.add_argument("--strategy", default="auto")
    parser.add_argument(
        "--long", action="store_true", help="also time an ~800-word article made of the bodies of 09 and 14"
    )
    args = parser.parse_args()
    stems = args.stems or sorted(p.name.removesuffix(".notes.md") for p in GOLD.glob("*.notes.md"))

    cache = tempfile.mkdtemp(prefix="bench-local-")
    s = Summarizer(engine="local", cache=False, cache_dir=cache, model_path=args.model_path, strategy=args.strategy)
    t0 = time.perf_counter()
    s.pipeline.engine.complete  # noqa: B018 - resolve (and assemble) the model before timing
    print(f"model resolved in {time.perf_counter() - t0:.1f}s: {s.pipeline.engine.model}")

    rows = []
    for stem in stems:
        article = load_article(ARTICLES / f"{stem}.txt")
        words = len(article.text[article.body_start :].split())
        gold = gold_actors(stem)
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            result = s.summarize_article(article)
        except SummarizerError as err:
            rows.append((stem, words, time.perf_counter() - t0, False, 0.0, 0.0, 0, 0, str(err)[:80]))
            print(f"{stem[:34]:34} {words:4d}w INVALID {err}")
            continue
        secs, cpu = time.perf_counter() - t0, time.process_time() - c0
        names = [a.name for a in result.actors]
        recall = sum(any(matches(n, g) for n in names) for g in gold) / max(1, len(gold))
        precision = sum(any(matches(n, g) for g in gold) for n in names) / max(1, len(names))
        evidence = [ev for item in [*result.stances, *result.events, *result.follow_ups] for ev in item.evidence]
        sentences = {x.number: x for x in article.sentences}
        bad = sum(
            locate_quote(ev.quote, article.text, sentences[ev.sentence].start, sentences[ev.sentence].end)
            != (ev.start, ev.end)
            for ev in evidence
        )
        rows.append((stem, words, secs, True, recall, precision, len(evidence), bad, ""))
        false = [n for n in names if not any(matches(n, g) for g in gold)]
        print(
            f"{stem[:34]:34} {words:4d}w {secs:5.1f}s (cpu {cpu:5.1f}s) actors {len(names):2d} "
            f"recall {recall:.2f} precision {precision:.2f} evidence {len(evidence):2d} ungrounded {bad} "
            f"calls {result.provenance.attempts} false={false}"
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
    valid = [r for r in rows if r[3]]
    n = max(1, len(valid))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    per_100w = sum(r[2] for r in valid) / max(1, sum(r[1] for r in valid)) * 100
    print(
        f"\n{len(valid)}/{len(rows)} valid; mean {sum(r[2] for r in valid) / n:.1f}s per article "
        f"({per_100w:.2f}s per 100 words, so ~{per_100w * 8:.0f}s for 800 words); "
        f"actor recall {sum(r[4] for r in valid) / n:.2f}, precision {sum(r[5] for r in valid) / n:.2f}; "
        f"evidence {sum(r[6] for r in valid)} quotes, {sum(r[7] for r in valid)} ungrounded; peak RSS {rss:.0f} MB"
    )


if __name__ == "__main__":
    main()
