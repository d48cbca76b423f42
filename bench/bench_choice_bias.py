"""First-option bias of the embedded model on closed questions, and what removes it.

21 short sentences written for this bench (not fixture text), each with a gold
PLOVER-like event type (or "none of these"), are asked "What kind of event does the
sentence report?" with 7 types and "none of these", in several option orders (seeded
shuffles, the same for every sentence). Printed side by side, per method: how often
the pick is the first-listed option, how often it is right, and how often it is
"none of these":

- generated: the model writes {"answer": "<letter>"} under a JSON grammar;
- argmax: the letter with the highest first-token log-probability (choices.option_logprobs);
- prior: argmax after subtracting the content-free prior (same question, empty text);
- average: option scores averaged over the orders, then argmax;
- average+prior: both.

    flock /tmp/llama.lock python bench/bench_choice_bias.py [--orders 4] [--threads N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.choices import lettered_request, option_logprobs, pick  # noqa: E402
from summarizer.engines.base import Request  # noqa: E402
from summarizer.engines.local import LocalEngine  # noqa: E402
from summarizer.engines.model_files import resolve_model_path  # noqa: E402

QUESTION = "What kind of event does the sentence report?"
TYPES = {
    "AGREE": "agree to, sign or settle something",
    "CONSULT": "meet, visit, call or hold talks",
    "ACCUSE": "accuse, blame, criticise or charge someone",
    "THREATEN": "threaten or warn of action",
    "PROTEST": "demonstrate, march, strike or rally",
    "ASSAULT": "attack with force, kill or bomb",
    "AID": "give aid, relief or help",
}
# (sentence, gold type or None for "none of these"), written for this bench.
SENTENCES: list[tuple[str, str | None]] = [
    ("The two governments signed a trade accord in Lisbon on Tuesday, ending months of talks.", "AGREE"),
    ("Union leaders and the mining company agreed to a three-year wage deal late on Friday.", "AGREE"),
    ("After a night of negotiation, the coalition partners settled their dispute over the budget.", "AGREE"),
    ("The foreign minister spoke by telephone with her Kenyan counterpart about the drought.", "CONSULT"),
    ("Delegations from both countries met in Oslo to discuss fishing quotas.", "CONSULT"),
    ("The president hosted the visiting prime minister for talks at the palace.", "CONSULT"),
    ("The opposition party accused the mayor of hiding the true cost of the stadium.", "ACCUSE"),
    ("Prosecutors charged the former bank chairman with fraud and money laundering.", "ACCUSE"),
    ("Human rights groups blamed the security forces for the deaths of four students.", "ACCUSE"),
    ("The ministry warned that it would cut off gas supplies if the debt was not paid.", "THREATEN"),
    ("The rebel commander threatened to attack the capital unless talks resumed.", "THREATEN"),
    ("Officials said sanctions would follow if the ship was not released within a week.", "THREATEN"),
    ("Thousands of farmers marched through the city centre to protest against the new tax.", "PROTEST"),
    ("Nurses went on strike across the province, demanding safer staffing levels.", "PROTEST"),
    ("Students held a sit-in outside parliament to demand cheaper public transport.", "PROTEST"),
    ("Gunmen opened fire on a police checkpoint, killing two officers.", "ASSAULT"),
    ("An air strike destroyed a warehouse on the edge of the town overnight.", "ASSAULT"),
    ("The Red Cross delivered food and medicine to families displaced by the floods.", "AID"),
    ("Japan pledged 50 million dollars in emergency relief for the earthquake victims.", "AID"),
    ("The museum's new wing will display paintings from the nineteenth century.", None),
    ("Rain is expected across the north of the country on Thursday.", None),
]
METHODS = ("generated", "argmax", "prior", "average", "average+prior")


def _generated(engine: LocalEngine, request: Request, listed: tuple[str | None, ...]) -> str | None:
    letters = list(request.choices or ())
    schema = {
        "type": "object",
        "properties": {"answer": {"type": "string", "enum": letters}},
        "required": ["answer"],
        "additionalProperties": False,
    }
    ask = Request(
        messages=request.messages, schema=schema, schema_name="answer", params={"temperature": 0.0, "max_tokens": 16}
    )
    letter = json.loads(engine.complete(ask).text)["answer"]
    return listed[letters.index(letter)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orders", type=int, default=4, help="option orders per sentence")
    parser.add_argument("--threads", type=int)
    parser.add_argument("--model-path")
    parser.add_argument("--limit", type=int, help="only the first N sentences")
    args = parser.parse_args()

    import platformdirs

    path = resolve_model_path(args.model_path, Path(platformdirs.user_cache_dir("summarizer")))
    engine = LocalEngine(path, n_threads=args.threads)
    rng = random.Random(12)
    orders = [rng.sample(list(TYPES), len(TYPES)) for _ in range(args.orders)]
    sentences = SENTENCES[: args.limit] if args.limit else SENTENCES
    load = os.getloadavg()[0]
    started = time.perf_counter()

    priors = []
    for order in orders:
        request, listed = lettered_request(QUESTION, "", order, descriptions=TYPES)
        priors.append(option_logprobs(engine.complete(request), listed))

    picks: dict[str, list[tuple[str | None, str | None, str | None]]] = {m: [] for m in METHODS}  # (pick, gold, first)
    for sentence, gold in sentences:
        per_order = []
        for order, prior in zip(orders, priors, strict=True):
            request, listed = lettered_request(QUESTION, sentence, order, descriptions=TYPES)
            scores = option_logprobs(engine.complete(request), listed)
            per_order.append((scores, prior, listed[0]))
            picks["generated"].append((_generated(engine, request, listed), gold, listed[0]))
            picks["argmax"].append((pick(scores), gold, listed[0]))
            picks["prior"].append((pick(scores, prior), gold, listed[0]))
        options = list(per_order[0][0])
        mean = {o: sum(s[o] for s, _, _ in per_order) / len(per_order) for o in options}
        mean_prior = {o: sum(p[o] for _, p, _ in per_order) / len(per_order) for o in options}
        for _, _, first in per_order:  # order-free picks, scored against each order's first option
            picks["average"].append((pick(mean), gold, first))
            picks["average+prior"].append((pick(mean, mean_prior), gold, first))
        print(f"  {sentence[:60]:60} gold {gold or 'none':8} "
              + " ".join(f"{m}={picks[m][-1][0] or 'none'}" for m in METHODS), file=sys.stderr)  # fmt: skip

    n = len(picks["argmax"])
    gold_first = sum(1 for _, gold, first in picks["argmax"] if gold == first) / n
    elapsed = time.perf_counter() - started
    print(
        f"{len(sentences)} sentences x {len(orders)} orders = {n} questions, 8 options (7 types + none of these); "
        f"gold listed first in {gold_first:.0%}; chance of picking the first-listed option 1/8 = 12.5%"
    )
    print(f"{elapsed:.0f}s, load average {load:.2f} at start, {os.getloadavg()[0]:.2f} at end\n")
    print(f"{'method':16}{'first-listed wins':>19}{'accuracy':>10}{'none of these':>15}")
    for method in METHODS:
        rows = picks[method]
        first = sum(1 for p, _, f in rows if p == f) / n
        right = sum(1 for p, g, _ in rows if p == g) / n
        none = sum(1 for p, _, _ in rows if p is None) / n
        print(f"{method:16}{first:>19.1%}{right:>10.1%}{none:>15.1%}")


if __name__ == "__main__":
    main()
