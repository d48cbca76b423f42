"""Long articles: split at sentence boundaries into chunks that fit the model's context,
and merge the chunks' results into one.

Pure functions over `Article`s and results; the pipeline drives the calls. A chunk is
the same article (same text, same metadata) with a run of its sentences renumbered
from 1, so each chunk goes through the ordinary prompt, repair loop, grounding and
cache, and its evidence offsets already index the whole article's text. Consecutive
chunks share `overlap` sentences so that an event told across a chunk boundary is
seen whole at least once; items found twice are de-duplicated by their evidence.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .engines.base import Message
from .errors import ConfigError, SummarizerError
from .inputs import Article
from .models import (
    Actor,
    ArticleSummary,
    ChunkReport,
    GroundedEvidence,
    Provenance,
    ResultEvent,
    ResultFollowUp,
    ResultStance,
    Usage,
    inline_schema,
)
from .prompts import render_messages
from .strategies.base import validate

log = logging.getLogger(__name__)

__all__ = [
    "Chunk",
    "DEFAULT_CONTEXT_TOKENS",
    "KNOWN_CONTEXT_TOKENS",
    "MergedSummary",
    "context_tokens_for",
    "estimate_tokens",
    "merge",
    "merge_question",
    "merged_schema",
    "parse_merged",
    "plan",
    "plan_to_fit",
    "reports",
    "results_or_raise",
]

# Context windows of known models (tokens), matched by the longest prefix of the model name.
KNOWN_CONTEXT_TOKENS = {
    "gpt-3.5-turbo": 16_385,
    "gpt-4": 8_192,
    "gpt-4-turbo": 128_000,
    "gpt-4o": 128_000,
    "gpt-4o-mini": 128_000,
    "gpt-4.1": 1_047_576,
    "gpt-5": 400_000,
    "o1": 200_000,
    "o3": 200_000,
    "o4-mini": 200_000,
    "qwen2.5": 32_768,
    "llama-3": 8_192,
    "llama-3.1": 131_072,
    "mistral": 32_768,
}
# An endpoint's model we know nothing about: a common size, and --context-tokens says otherwise.
DEFAULT_CONTEXT_TOKENS = 32_768
DEFAULT_OVERLAP = 1  # sentences repeated at the start of the next chunk
_WIDE = re.compile(r"[^\x00-\x7f]")


def estimate_tokens(text: str) -> int:
    """A deliberately high estimate of `text`'s token count, for any BPE tokenizer.

    English runs about 4 characters a token; other scripts are counted one token per
    character (Chinese is about that; Cyrillic and Arabic are fewer).
    """
    wide = len(_WIDE.findall(text))
    return int((len(text) - wide) / 3.5 + wide) + 1


def context_tokens_for(engine: Any, configured: int | None = None) -> int:
    """The context window to plan for: `configured` (``--context-tokens``), else the
    embedded engine's n_ctx, else the model's known window, else `DEFAULT_CONTEXT_TOKENS`."""
    if configured:
        return configured
    n_ctx = getattr(engine, "n_ctx", None)
    if isinstance(n_ctx, int) and n_ctx > 0:
        return n_ctx
    model = str(getattr(engine, "model", "")).lower().rsplit("/", 1)[-1]
    best = max((p for p in KNOWN_CONTEXT_TOKENS if model.startswith(p)), key=len, default=None)
    return KNOWN_CONTEXT_TOKENS[best] if best else DEFAULT_CONTEXT_TOKENS


@dataclasses.dataclass(frozen=True)
class Chunk:
    index: int  # 1-based
    first: int  # the article's number of the chunk's sentence 1
    article: Article

    @property
    def last(self) -> int:
        return self.first + len(self.article.sentences) - 1


def plan(article: Article, budget: int, overlap: int = DEFAULT_OVERLAP) -> list[Chunk]:
    """Split `article` into chunks whose numbered sentences cost at most `budget` tokens.

    One chunk (the article itself) when it fits. A single sentence larger than the
    budget is a chunk of its own (the model will then report it too long, and that
    chunk is reported as failed).
    """
    sentences = article.sentences
    costs = [estimate_tokens(f"[{s.number}] {s.text}\n") for s in sentences]
    if sum(costs) <= budget:
        return [Chunk(1, 1, article)]
    overlap = max(0, overlap)
    chunks: list[Chunk] = []
    start = 0
    while start < len(sentences):
        end, total = start, 0
        while end < len(sentences) and (end == start or total + costs[end] <= budget):
            total += costs[end]
            end += 1
        part = tuple(dataclasses.replace(s, number=i + 1) for i, s in enumerate(sentences[start:end]))
        chunks.append(Chunk(len(chunks) + 1, start + 1, dataclasses.replace(article, sentences=part)))
        if end >= len(sentences):
            break
        start = max(end - overlap, start + 1)
    return chunks


class MergedSummary(BaseModel):
    """What the model writes over the chunk summaries (the merge question)."""

    model_config = ConfigDict(extra="forbid")

    summary: str = Field(description="Two or three sentences summarizing the whole article.")
    key_points: list[str] = Field(description="At most five key points of the whole article.", max_length=5)


def _norm(name: str) -> str:
    return " ".join(name.casefold().replace("\u2019", "'").split())


def _spans(evidence: Sequence[GroundedEvidence]) -> set[tuple[int, int]]:
    return {(e.start, e.end) for e in evidence}


def _renumber(evidence: Sequence[GroundedEvidence], chunk: Chunk) -> list[GroundedEvidence]:
    return [e.model_copy(update={"sentence": chunk.first + e.sentence - 1}) for e in evidence]


class _Actors:
    """Actors unified across chunks: same name, or one's name among the other's mentions."""

    def __init__(self) -> None:
        self.merged: list[Actor] = []
        self._keys: list[set[str]] = []

    def add(self, actor: Actor) -> str:
        name = _norm(actor.name)
        mentions = {_norm(m) for m in actor.mentions}
        for i, existing in enumerate(self.merged):
            known_name = _norm(existing.name)
            if name == known_name or name in self._keys[i] or known_name in mentions:
                self._keys[i] |= mentions | {name}
                longer = actor.name if len(actor.name) > len(existing.name) else existing.name
                seen = {_norm(m) for m in existing.mentions}
                extra = [m for m in actor.mentions if _norm(m) not in seen]
                self.merged[i] = existing.model_copy(
                    update={
                        "name": longer,
                        "mentions": [*existing.mentions, *extra],
                        "title": existing.title or actor.title,
                        "country": existing.country or actor.country,
                    }
                )
                return existing.id
        new_id = f"A{len(self.merged) + 1}"
        self.merged.append(actor.model_copy(update={"id": new_id}))
        self._keys.append(mentions | {name})
        return new_id


def merge(
    chunks: Sequence[Chunk],
    results: Sequence[ArticleSummary | None],
    reports: Sequence[ChunkReport],
    *,
    summary: MergedSummary | None = None,
    extra_usage: Usage | None = None,
    extra_attempts: int = 0,
) -> ArticleSummary:
    """One result from the chunks' results (None for a failed chunk).

    Actors are unified and renumbered; stances, events and follow-ups citing the same
    evidence as an earlier one (of the same holder, type or kind) are dropped as
    duplicates; evidence sentence numbers become the article's. `summary` is what the
    model wrote over the chunk summaries (its call's usage and attempts are `extra_*`);
    without it the first chunk's summary (the article's lead) and the chunks' key points
    are used.
    """
    done = [(c, r) for c, r in zip(chunks, results, strict=True) if r is not None]
    if not done:
        raise ValueError("no chunk succeeded")
    actors = _Actors()
    stances: list[ResultStance] = []
    events: list[ResultEvent] = []
    follow_ups: list[ResultFollowUp] = []
    for chunk, result in done:
        ids = {a.id: actors.add(a) for a in result.actors}

        def remap(ref: str | None, ids: dict[str, str] = ids) -> str | None:
            return ids.get(ref, ref) if ref is not None else None

        for st in result.stances:
            evidence = _renumber(st.evidence, chunk)
            holder = remap(st.holder)
            if any(s.holder == holder and _spans(s.evidence) & _spans(evidence) for s in stances):
                continue
            stances.append(st.model_copy(update={"holder": holder, "target": remap(st.target), "evidence": evidence}))
        for ev in result.events:
            evidence = _renumber(ev.evidence, chunk)
            if any(e.type == ev.type and _spans(e.evidence) & _spans(evidence) for e in events):
                continue
            events.append(
                ev.model_copy(
                    update={
                        "id": f"E{len(events) + 1}",
                        "actors": [remap(a) for a in ev.actors],
                        "recipients": [remap(a) for a in ev.recipients],
                        "evidence": evidence,
                    }
                )
            )
        for fu in result.follow_ups:
            evidence = _renumber(fu.evidence, chunk)
            if any(f.kind == fu.kind and _spans(f.evidence) & _spans(evidence) for f in follow_ups):
                continue
            follow_ups.append(fu.model_copy(update={"actors": [remap(a) for a in fu.actors], "evidence": evidence}))
    usage = sum((r.usage for r in reports), Usage()) + (extra_usage or Usage())
    first = done[0][1]
    if summary is None:
        points: list[str] = []
        for _, r in done:
            points += [p for p in r.key_points if p not in points]
        summary = MergedSummary(summary=first.summary, key_points=points[:5])
    provenance: Provenance = first.provenance.model_copy(
        update={
            "usage": usage,
            "attempts": sum(r.attempts for r in reports) + extra_attempts,
            "cached": all(r is not None and r.provenance.cached for r in results),
            "cache_key": None,
            "chunks": list(reports),
        }
    )
    return ArticleSummary(
        summary=summary.summary,
        key_points=summary.key_points,
        actors=actors.merged,
        stances=stances,
        events=events,
        follow_ups=follow_ups,
        article=first.article,
        provenance=provenance,
        partial=any(not r.ok for r in reports),
    )


def plan_to_fit(
    article: Article,
    prompt: list[Message],
    schema: dict[str, Any] | None,
    reply_tokens: int,
    context_tokens: int,
    overlap: int = DEFAULT_OVERLAP,
) -> list[Chunk] | None:
    """Chunks for an article whose prompt would not fit `context_tokens`; None when it fits.

    Args:
        prompt: the first question's messages for the article with no sentences.
        schema: the output schema when it travels in the request (counted against the context).
        reply_tokens: room kept for the reply.

    Raises:
        ConfigError: the context cannot hold even the prompt and the reply.
    """
    overhead = sum(estimate_tokens(str(m["content"])) for m in prompt)
    if schema is not None:
        overhead += estimate_tokens(json.dumps(schema))
    budget = context_tokens - overhead - reply_tokens
    if budget < 100:
        raise ConfigError(
            f"a context of {context_tokens} tokens leaves no room for the article: the prompt takes about "
            f"{overhead} tokens and the reply {reply_tokens}; raise --context-tokens"
        )
    chunks = plan(article, budget, overlap)
    if len(chunks) == 1:
        return None
    log.info(
        "article of %d sentences split into %d chunks of at most ~%d tokens",
        len(article.sentences),
        len(chunks),
        budget,
    )
    return chunks


# Per chunk: its result or its error (which carries what the chunk spent before failing).
Done = Sequence[tuple[ArticleSummary | None, SummarizerError | None]]


def results_or_raise(done: Done) -> list[ArticleSummary | None]:
    """The chunks' results (None where one failed); when every chunk failed, the first error,
    charged with what all the chunks spent."""
    errors = [err for _, err in done if err is not None]
    if len(errors) == len(done):
        first = errors[0]
        first.usage = sum((e.usage for e in errors if isinstance(e.usage, Usage)), Usage())
        first.attempts = sum(e.attempts for e in errors)
        raise first
    return [result for result, _ in done]


def reports(chunks: Sequence[Chunk], done: Done) -> list[ChunkReport]:
    """One `ChunkReport` per chunk: its sentences, and its usage or its error."""
    out = []
    for chunk, (result, err) in zip(chunks, done, strict=True):
        report = ChunkReport(
            index=chunk.index, first_sentence=chunk.first, last_sentence=chunk.last, ok=result is not None
        )
        if result is not None:  # (a cached chunk reports what it cost when it was made)
            report.usage, report.attempts = result.provenance.usage, result.provenance.attempts
        elif err is not None:
            report.usage = err.usage if isinstance(err.usage, Usage) else Usage()
            report.attempts = err.attempts
            report.error, report.kind = str(err), type(err).__name__
        out.append(report)
    return out


def merge_question(article: Article, results: Sequence[ArticleSummary | None]) -> list[Message] | None:
    """The question that writes one summary over the chunk summaries (None for fewer than two)."""
    parts = [r.summary for r in results if r is not None]
    if len(parts) < 2:
        return None
    return render_messages("system.j2", "merge.j2", title=article.title, language=article.prompt_language, parts=parts)


@lru_cache(maxsize=1)
def merged_schema() -> dict[str, Any]:
    return inline_schema(MergedSummary)


def parse_merged(data: Any) -> tuple[MergedSummary | None, list[str]]:
    return validate(MergedSummary, data)
