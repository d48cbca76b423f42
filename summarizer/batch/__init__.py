"""Many articles at once: inputs, the run, its results. The public names of `summarizer.batch`.

    inputs.py    paths, directories, JSONL files and stdin, library objects -> `BatchItem`s
    run.py       `BatchRun`: bounded concurrency, failure isolation, single flight, cost
    results.py   `BatchResult` per item (its JSONL line, what it spent), `BatchTotals`

Pacing by requests and tokens per minute is an engine wrapper, `RateLimitedEngine`
(summarizer/engines/pacing.py); `summarize_as_completed(rpm=, tpm=)` applies it.

Library use::

    from summarizer.batch import summarize_many, summarize_as_completed

    for r in summarize_many(["text one ...", "text two ..."], concurrency=16, model="gpt-4o-mini"):
        print(r.id, r.result.summary if r.ok else f"{r.kind}: {r.error}")

    async for r in summarize_as_completed(items, concurrency=16):   # as they finish
        ...
"""

from ..engines.pacing import RateLimitedEngine
from .inputs import ARTICLE_SUFFIXES, BatchItem, items_from_paths
from .results import BatchResult, BatchTotals
from .run import BatchRun, asummarize_many, summarize_as_completed, summarize_many

__all__ = [
    "ARTICLE_SUFFIXES",
    "BatchItem",
    "BatchResult",
    "BatchRun",
    "BatchTotals",
    "RateLimitedEngine",
    "asummarize_many",
    "items_from_paths",
    "summarize_as_completed",
    "summarize_many",
]
