"""How many tuning articles each word-list entry of the guided rules is used on.

An audit for overfitting: an entry that only one fixture or dev article uses may exist
to fix that article. For every entry of the rule tables (the closed classes the
guided strategy's fingerprint covers) this prints

- `occurs`: the articles (fixtures + dev, those with gold) where the entry occurs as a
  token or a lemma (a phrase entry: as a substring of the lower-cased text);
- with `--ablate`, `fires`: the articles whose guided output (actors, events, stances,
  follow-ups) changes when the entry alone is removed from its table (only entries
  that occur in at most `--max` articles are ablated: an entry that does not occur
  cannot change anything). Tables copied into other constants at import time are
  not ablated through the copy, so `fires` can miss a use; `occurs` cannot.

    python bench/rule_hits.py                 # entries occurring in <= 1 article
    python bench/rule_hits.py --max 2 --ablate
    python bench/rule_hits.py --all           # every entry, with its count
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eval_rules import rules_only  # noqa: E402  (this directory: the same model-free strategy)

from summarizer.api import read_article  # noqa: E402
from summarizer.eval.gold import load_gold_dir  # noqa: E402

SETS = [
    (ROOT / "fixtures" / "articles", ROOT / "fixtures" / "gold"),
    (ROOT / "fixtures" / "dev" / "articles", ROOT / "fixtures" / "dev" / "gold"),
]
S = "summarizer.strategies."
# (module, attribute): the word tables of the guided rules (see rules_fingerprint()).
TABLES = [
    *((S + "guided_events", t) for t in (
        "VERB_TYPES", "NOUN_TYPES", "_ACT_NOUNS", "LIGHT", "_DOCUMENTS", "_STATIVE", "_ASPECT", "_DECIDE", "_CAUSE")),
    *((S + "stance_words", t) for t in (
        "VERBS", "FORWARD", "LABELLING", "NOUNS", "TRANSFER", "FEELINGS", "EVALUATIONS", "EFFECTS",
        "CONSEQUENCES", "SEVERE", "STOPS", "NO_COMMENT")),
    *((S + "parse", t) for t in ("_REPORTING", "_FUTURE_HEADS", "_COMMIT", "_MODALS")),
    *((S + "parse_actors", t) for t in ("LOCATIVE", "ROLE_NOUNS", "INSTITUTIONS", "GROUP_NOUNS", "MOVEMENT")),
    *((S + "parse_coref", t) for t in ("BUSINESS_NOUNS", "GOVERNMENT_NOUNS", "PLACE_NOUNS")),
    (S + "parse_places", "CAPITALS"),
    *((S + "followups_grammar", t) for t in (
        "_WILL", "_OBLIGE", "_MAYBE", "_PERCEIVE", "_INTENT", "_EXPECT_NOUN", "_PLAN_NOUN", "_DIRECT",
        "CONDITION", "DEADLINE_PREP", "ANAPHORS", "_TIME_MARKS")),
    *((S + "names", t) for t in ("_LEAD", "_TITLE", "_DEPT", "_ADJECTIVES", "_JUNK")),
    *(("summarizer.dates", t) for t in ("_FUTURE_WORDS", "_PAST_WORDS", "_NOT_PAST")),
]  # fmt: skip


def articles() -> dict[str, Any]:
    out = {}
    for folder, gold_dir in SETS:
        for stem in sorted(load_gold_dir(gold_dir, articles_dir=folder)):
            out[stem] = read_article(next(folder.glob(stem + ".*")))
    return out


def occurrences(arts: dict[str, Any]) -> dict[str, tuple[set[str], str]]:
    """Per article: its tokens and lemmas (lower-cased, as written too), and its lower-cased text."""
    from summarizer.strategies.parse_pipeline import pipeline

    nlp = pipeline()
    out = {}
    for stem, art in arts.items():
        text = f"{art.title or ''}\n{art.text}"
        doc = nlp(text)
        words = {t.lower_ for t in doc} | {t.lemma_.lower() for t in doc} | {t.text for t in doc}
        out[stem] = (words, text.lower())
    return out


def entries(module: str, attr: str) -> Iterator[str]:
    table = getattr(importlib.import_module(module), attr)
    yield from sorted(table)


def occurs(entry: str, seen: tuple[set[str], str]) -> bool:
    words, text = seen
    if " " in entry or "-" in entry or "'" in entry[1:]:
        return entry.lower() in text
    return entry in words or entry.lower() in words


def outputs(arts: dict[str, Any], stems: list[str]) -> dict[str, str]:
    with rules_only() as s:
        out = {}
        for stem in stems:
            r = s.summarize_article(arts[stem])
            out[stem] = repr([r.actors, r.events, r.stances, r.follow_ups])
        return out


def without(module: str, attr: str, entry: str) -> list[tuple[Any, str, Any]]:
    """Rebind the table, less `entry`, in every loaded summarizer module holding it; the undo list."""
    table = getattr(importlib.import_module(module), attr)
    reduced: Any = (
        {k: v for k, v in table.items() if k != entry} if isinstance(table, dict) else type(table)(table - {entry})
    )
    undo = []
    for mod in [m for n, m in list(sys.modules.items()) if n.startswith("summarizer") and m is not None]:
        for name, value in list(vars(mod).items()):
            if value is table:
                undo.append((mod, name, value))
                setattr(mod, name, reduced)
    return undo


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--max", type=int, default=1, help="list entries occurring in at most this many articles")
    ap.add_argument("--all", action="store_true", help="list every entry")
    ap.add_argument("--ablate", action="store_true", help="also find the articles whose output the entry changes")
    args = ap.parse_args()
    arts = articles()
    seen = occurrences(arts)
    base = outputs(arts, list(arts)) if args.ablate else {}
    print(f"{len(arts)} articles; entries occurring in {'any number of' if args.all else f'<= {args.max}'} articles")
    print(f"{'table':36} {'entry':22} {'occurs':>6} {'fires':>5}  articles (occurs / fires)")
    for module, attr in TABLES:
        for entry in entries(module, attr):
            where = [stem for stem in arts if occurs(entry, seen[stem])]
            if not args.all and len(where) > args.max:
                continue
            fires: list[str] = []
            if args.ablate and where and len(where) <= args.max:
                undo = without(module, attr, entry)
                try:
                    after = outputs(arts, where)
                finally:
                    for mod, name, value in undo:
                        setattr(mod, name, value)
                fires = [stem for stem in where if after[stem] != base[stem]]
            short = [w.split("-", 2)[-1][:18] if w.startswith("dev") else w[:2] for w in where]
            fired = f"{len(fires):>5}" if args.ablate and len(where) <= args.max else f"{'':>5}"
            shown = ",".join(short) if len(short) <= 4 else f"{','.join(short[:4])},..."
            mark = f" / {','.join(w.split('-', 2)[-1][:18] if w.startswith('dev') else w[:2] for w in fires)}"
            print(f"{module.rsplit('.', 1)[-1] + '.' + attr:36} {entry[:22]:22} {len(where):>6} {fired}  {shown}"
                  f"{mark if fires else ''}")  # fmt: skip


if __name__ == "__main__":
    main()
