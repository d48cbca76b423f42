"""Is this reported statement an event? How well the parse, and the bundled model, can tell.

The guided strategy lists a clause read as a plain statement ("X said ...") as a stance or a
follow-up, not as an event (`guided_compose.DROP_STATEMENTS`). Annotators disagree on that
judgment, so this measures it: every statement is kept as an event, each one is labelled by the
gold (an event there, strict or relaxed match, or not), and then

- the share that are gold events, overall and by the tense of what was said (a cheap parse feature);
- a logistic regression over 14 such parse features (tense, quotation, negation, a verb of speech,
  dates, amounts, first person, length ...), each set scored by a fit to the other sets: its area
  under the ROC curve, and the event precision and recall of every set if the statements it rates
  at least 0.7 were kept;
- with `--model N`: N of them, sampled, put to the bundled model as a two-option closed question
  (few-shot examples written for this purpose), scored by the log-probability of each option; the
  area under the ROC curve says whether its preference separates gold events from the rest (0.5 is
  chance; the first-option bias does not change it).

    python bench/statement_judgement.py                      # fixtures, dev and fresh..fresh23
    python bench/statement_judgement.py --sets fresh22 fresh23 --model 200
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.api import read_article  # noqa: E402
from summarizer.eval.gold import load_gold_dir  # noqa: E402
from summarizer.eval.score import evaluate  # noqa: E402
from summarizer.strategies import guided_compose  # noqa: E402
from summarizer.strategies.parse_pipeline import pipeline  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from eval_rules import rules_only  # noqa: E402

SPEECH = {"say", "tell", "add", "argue", "announce", "confirm", "state", "insist", "note", "explain", "claim",
          "warn", "write", "report", "acknowledge", "admit", "reply", "respond"}  # fmt: skip
FIRST = ("i", "we", "our", "us", "my")
SYSTEM = (
    "You sort sentences from news articles. Answer A if the sentence reports something an actor did, "
    "decided, announced or demanded (an event a reader would list). Answer B if it only gives an opinion, "
    "a description, a forecast or a plan. Reply with one letter."
)
SHOTS = [  # written for this check, not taken from any article
    ("The union said it had filed a complaint with the labour board on Monday.", "A"),
    ("The mayor said the new road was a waste of money.", "B"),
    ("The club's owners agreed on Friday to sell the stadium to the city.", "A"),
    ("Prices are likely to rise again next year, the analyst said.", "B"),
    ("The regulator ordered the firm to pay back customers within 60 days, its chair told reporters.", "A"),
    ('"We are a small village and we want to be heard," she said.', "B"),
]


def _set_paths(names: list[str]) -> list[tuple[Path, Path]]:
    out = []
    for name in names:
        base = ROOT / "fixtures" if name == "fixtures" else ROOT / "fixtures" / name
        out.append((base / "articles", base / "gold"))
    return out


Row = tuple[str, bool, bool, str]  # quote, a gold event's span, and its agent too, set


def _scored(s: Any, articles: Path, gold_dir: Path) -> tuple[dict[str, Any], Any]:
    """The rules' result for each of a set's articles, and the set's eval report."""
    gold = load_gold_dir(gold_dir, articles_dir=articles)
    results = {stem: s.summarize_article(read_article(next(articles.glob(stem + ".*")))) for stem in gold}
    return results, evaluate(results, gold)


def kept_statements(names: list[str]) -> tuple[list[Row], dict[str, tuple[int, int, int]]]:
    """Every clause the rules read as a plain statement, kept as an event and labelled by the gold;
    and each set's strict event counts (tp, fp, fn) as shipped, statements dropped."""
    counts = {}
    with rules_only() as s:
        for name, (articles, gold_dir) in zip(names, _set_paths(names), strict=True):
            strict = _scored(s, articles, gold_dir)[1].events.strict
            counts[name] = (strict.tp, strict.fp, strict.fn)
    guided_compose.DROP_STATEMENTS = False
    rows: list[Row] = []
    try:
        with rules_only() as s:
            for name, (articles, gold_dir) in zip(names, _set_paths(names), strict=True):
                results, report = _scored(s, articles, gold_dir)
                for art in report.articles:
                    for o in art.items:
                        if o.section == "events" and o.predicted_index is not None:
                            event = results[art.article].events[o.predicted_index]
                            if event.type == "STATEMENT":
                                rows.append((event.evidence[0].quote, o.status != "spurious", o.status == "hit", name))
    finally:
        guided_compose.DROP_STATEMENTS = True
    return rows, counts


def _said(doc: Any) -> tuple[Any, Any]:
    """The sentence's root, and what was said: the complement of a verb of speech, else the root."""
    root = next(t for t in doc if t.dep_ == "ROOT")
    if root.lemma_ not in SPEECH:
        return root, root
    return root, next((c for c in root.children if c.dep_ in ("ccomp", "xcomp", "parataxis")), root)


def said_tense(doc: Any) -> str:
    """The tense of what was said."""
    content = _said(doc)[1]
    aux = {c.lower_ for c in content.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "would", "'ll", "shall"}:
        return "future"
    if aux & {"could", "might", "may", "should", "must", "can"}:
        return "modal"
    if content.tag_ in ("VBD", "VBN") or aux & {"had", "has", "have", "was", "were"}:
        return "past"
    return "present"


def features(doc: Any) -> list[float]:
    """Parse features of a statement: the tense and form of what was said, and what the sentence carries."""
    root, content = _said(doc)
    tense = said_tense(doc)
    labels = {e.label_ for e in doc.ents}
    return [
        float(tense == "future"), float(tense == "modal"), float(tense == "past"), float(tense == "present"),
        float('"' in doc.text or "\u201c" in doc.text), float(any(c.dep_ == "neg" for c in content.children)),
        float(root.lemma_ in SPEECH), float(root.lemma_ == "say"), float("DATE" in labels),
        float(bool(labels & {"MONEY", "PERCENT", "CARDINAL"})), float(any(t.lower_ in FIRST for t in doc)),
        len(doc) / 40, float(content is not root), float(any(t.dep_ == "dobj" for t in content.children)),
    ]  # fmt: skip


def held_out_fit(x: Any, y: Any, sets: Any) -> Any:
    """Each row's probability from a logistic regression fitted to the other sets' rows."""
    import numpy as np

    out = np.zeros(len(y))
    for name in dict.fromkeys(sets):
        test = sets == name
        mean, scale = x[~test].mean(0), x[~test].std(0) + 1e-9
        z = (x[~test] - mean) / scale
        w, b = np.zeros(x.shape[1]), 0.0
        for _ in range(2000):
            p = 1 / (1 + np.exp(-(z @ w + b)))
            w -= 0.5 * (z.T @ (p - y[~test]) + 10.0 * w) / len(z)
            b -= 0.5 * float((p - y[~test]).mean())
        out[test] = 1 / (1 + np.exp(-(((x[test] - mean) / scale) @ w + b)))
    return out


def auc(scored: list[tuple[float, bool]]) -> float:
    pos = [s for s, label in scored if label]
    neg = [s for s, label in scored if not label]
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def ask_model(rows: list[Row]) -> list[tuple[float, bool]]:
    from summarizer.config import Settings
    from summarizer.engines.base import Request
    from summarizer.engines.local import LocalEngine
    from summarizer.engines.model_files import resolve_model_path

    settings = Settings()
    engine = LocalEngine(resolve_model_path(settings.model_path, settings.resolved_cache_dir()))
    scored = []
    for quote, label, _, _ in rows:
        messages = [{"role": "system", "content": SYSTEM}]
        for shot, answer in SHOTS:
            messages += [{"role": "user", "content": shot}, {"role": "assistant", "content": answer}]
        messages.append({"role": "user", "content": quote})
        reply = engine.complete(Request(messages=messages, schema={}, choices=("A", "B")))  # type: ignore[arg-type]
        lp = reply.choice_logprobs or {}
        scored.append((lp.get("A", -99.0) - lp.get("B", -99.0), label))
    return scored


def main() -> None:
    import numpy as np

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    everyone = ["fixtures", *(n for n in ["dev", "holdout", "fresh", *(f"fresh{i}" for i in range(2, 40))]
                              if (ROOT / "fixtures" / n / "gold").is_dir())]  # fmt: skip
    ap.add_argument("--sets", nargs="+", default=everyone, metavar="SET", help="fixtures, dev, holdout, freshN")
    ap.add_argument("--model", type=int, default=0, metavar="N", help="ask the bundled model about N statements")
    args = ap.parse_args()
    started = time.perf_counter()
    rows, counts = kept_statements(args.sets)
    events = sum(row[1] for row in rows)
    print(
        f"{len(rows)} statements kept as events over {len(args.sets)} sets; {events} are gold events "
        f"({events / len(rows):.2f}) ({time.perf_counter() - started:.0f} s)"
    )
    docs = list(pipeline().pipe(row[0] for row in rows))  # each statement parsed once
    tenses = [said_tense(doc) for doc in docs]
    by_tense: Counter[tuple[str, bool]] = Counter((t, row[1]) for t, row in zip(tenses, rows, strict=True))
    for tense in ("past", "present", "future", "modal"):
        n = by_tense[(tense, True)] + by_tense[(tense, False)]
        if n:
            print(f"  said in the {tense:8} {n:5} statements, {by_tense[(tense, True)] / n:.2f} gold events")
    past = auc([(t == "past", r[1]) for t, r in zip(tenses, rows, strict=True)])
    print(f"AUC of 'said in the past' as the score: {past:.3f}")
    x = np.array([features(doc) for doc in docs])
    sets = np.array([row[3] for row in rows])
    rated = held_out_fit(x, np.array([row[1] for row in rows], dtype=float), sets)
    print(f"AUC of a logistic fit to {x.shape[1]} parse features, each set rated by a fit to the others: "
          f"{auc([(float(p), r[1]) for p, r in zip(rated, rows, strict=True)]):.3f}")  # fmt: skip
    print("event precision / recall (strict) as shipped -> with the statements it rates >= 0.7 kept:")
    for name in args.sets:
        tp, fp, fn = counts[name]
        mine = [(p >= 0.7, r[2]) for p, r in zip(rated, rows, strict=True) if r[3] == name]
        gained = sum(k and hit for k, hit in mine)
        wrong = sum(k and not hit for k, hit in mine)
        after = (tp + gained) / max(tp + gained + fp + wrong, 1), (tp + gained) / max(tp + fn, 1)
        print(f"  {name:9} {tp / max(tp + fp, 1):.2f} / {tp / max(tp + fn, 1):.2f} -> {after[0]:.2f} / {after[1]:.2f}")
    if args.model:
        sample = random.Random(7).sample(rows, min(args.model, len(rows)))
        started = time.perf_counter()
        scored = ask_model(sample)
        first = sum(s > 0 for s, _ in scored) / len(scored)
        print(
            f"bundled model on {len(sample)} statements: AUC {auc(scored):.3f}, answers A {first:.2f} of the time "
            f"({time.perf_counter() - started:.0f} s)"
        )


if __name__ == "__main__":
    main()
