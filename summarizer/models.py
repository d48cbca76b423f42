"""Pydantic models: what a model must emit, and the richer result code derives from it.

Owns the two schemas of DESIGN.md. `ModelOutput` (and its parts) is only what a
language model can know and is written for OpenAI strict structured outputs: every
field required, nullable as ``X | None``, no defaults, no extra keys, enums as
``Literal``. `ArticleSummary` adds what code derives (evidence offsets, resolved
dates, event quad class, article metadata, provenance). Imports nothing of ours.

``Field(description=...)`` text is shown to the model in the schema: treat it as
prompt copy.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

__all__ = [
    "SCHEMA_VERSION",
    "ActorKind",
    "EventType",
    "Position",
    "Factuality",
    "Origin",
    "FollowUpKind",
    "Evidence",
    "Actor",
    "Stance",
    "Event",
    "FollowUp",
    "ModelOutput",
    "GroundedEvidence",
    "ResultStance",
    "ResultEvent",
    "ResultFollowUp",
    "ArticleInfo",
    "Usage",
    "ChunkReport",
    "Provenance",
    "ArticleSummary",
    "QUAD_CLASS",
    "inline_schema",
]

# Bump when ModelOutput or ArticleSummary change shape; it is part of provenance and of
# every cache key (through the exported schema).
SCHEMA_VERSION = "3"

ActorKind = Literal["person", "government", "state", "organization", "igo", "ngo", "armed_group", "media", "other"]
EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    "STATEMENT", "OTHER",
]  # fmt: skip
Position = Literal["support", "oppose", "concern", "neutral", "mixed"]
Factuality = Literal["occurred", "reported", "planned", "expected", "hypothetical", "denied"]
FollowUpKind = Literal["scheduled", "expected_action", "deadline", "conditional", "open_question"]
# Where a field's value came from: the model's answer, a linguistic parse of the text, or
# a written rule. Strategies set it; a field not named in an item's `origin` came from the model.
Origin = Literal["model", "parse", "rule"]
QuadClass = Literal["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict", "neutral"]

# PLOVER event types grouped into the four classic "quad classes"; code derives this,
# the model never has to.
QUAD_CLASS: dict[str, QuadClass] = {
    "AGREE": "verbal_cooperation",
    "CONSULT": "verbal_cooperation",
    "SUPPORT": "verbal_cooperation",
    "CONCEDE": "verbal_cooperation",
    "COOPERATE": "material_cooperation",
    "AID": "material_cooperation",
    "RETREAT": "material_cooperation",
    "REQUEST": "verbal_cooperation",
    "ACCUSE": "verbal_conflict",
    "REJECT": "verbal_conflict",
    "THREATEN": "verbal_conflict",
    "PROTEST": "verbal_conflict",
    "SANCTION": "material_conflict",
    "MOBILIZE": "material_conflict",
    "COERCE": "material_conflict",
    "ASSAULT": "material_conflict",
    "STATEMENT": "neutral",
    "OTHER": "neutral",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- model output


class Evidence(_Strict):
    sentence: int = Field(description="Number of the article sentence that supports this, as shown in [brackets].")
    quote: str = Field(
        description="A short verbatim quote copied exactly from that sentence: whole words, at least three of them."
    )


class Actor(_Strict):
    id: str = Field(description='Short id: "A1", "A2", ... in order of first mention.')
    name: str = Field(description="Fullest name used in the article.")
    kind: ActorKind
    title: str | None = Field(description="Title or role as stated in the article, or null.")
    country: str | None = Field(description='ISO 3166-1 alpha-3 code of the actor\'s country ("USA", "RUS"), or null.')
    mentions: list[str] = Field(description="Surface forms the article uses for this actor, each exactly as written.")
    # Not shown to the model (excluded from its schema): set by code, e.g. {"kind": "model", "name": "parse"}.
    origin: SkipJsonSchema[dict[str, Origin]] = Field(default_factory=dict)


class Stance(_Strict):
    holder: str = Field(description="Actor id of who holds the stance.")
    topic: str = Field(description="Short phrase: what the stance is about.")
    target: str | None = Field(description="Actor id the stance is directed at, or null.")
    position: Position
    summary: str = Field(description="One sentence describing the stance.")
    evidence: list[Evidence] = Field(min_length=1, description="At least one piece of evidence.")
    # Not shown to the model (excluded from its schema): set by code, e.g. {"kind": "model", "name": "parse"}.
    origin: SkipJsonSchema[dict[str, Origin]] = Field(default_factory=dict)


class Event(_Strict):
    id: str = Field(description='Short id: "E1", "E2", ...')
    type: EventType
    summary: str = Field(description="Who did what to whom, in one sentence.")
    actors: list[str] = Field(description="Actor ids of who acted.")
    recipients: list[str] = Field(description="Actor ids of who was acted upon.")
    date: str | None = Field(description="ISO date YYYY-MM-DD if known, else null.")
    date_text: str | None = Field(description='The date words used in the article, e.g. "on Tuesday", or null.')
    location: str | None
    factuality: Factuality
    evidence: list[Evidence] = Field(min_length=1, description="At least one piece of evidence.")
    # Not shown to the model (excluded from its schema): set by code, e.g. {"kind": "model", "name": "parse"}.
    origin: SkipJsonSchema[dict[str, Origin]] = Field(default_factory=dict)


class FollowUp(_Strict):
    description: str = Field(description="What is expected to happen next.")
    kind: FollowUpKind
    actors: list[str] = Field(description="Actor ids of who is expected to act.")
    due: str | None = Field(description="ISO date YYYY-MM-DD if known, else null.")
    due_text: str | None = Field(description='The date words used in the article, e.g. "next week", or null.')
    basis: Literal["explicit", "inferred"]
    evidence: list[Evidence] = Field(min_length=1, description="At least one piece of evidence.")
    # Not shown to the model (excluded from its schema): set by code, e.g. {"kind": "model", "name": "parse"}.
    origin: SkipJsonSchema[dict[str, Origin]] = Field(default_factory=dict)


class ModelOutput(_Strict):
    """Everything the model is asked for; validated, grounded, then cached."""

    summary: str = Field(description="Two or three sentences summarizing the article.")
    key_points: list[str] = Field(description="At most five key points.", max_length=5)
    actors: list[Actor]
    stances: list[Stance]
    events: list[Event]
    follow_ups: list[FollowUp]
    # Set by code, never by the model: where the summary and the key points came from, and
    # what a limit left out (e.g. "12 of 31 candidate events kept"), so nothing is dropped silently.
    summary_origin: SkipJsonSchema[Origin] = "model"
    key_points_origin: SkipJsonSchema[Origin] = "model"
    notes: SkipJsonSchema[list[str]] = Field(default_factory=list)


# --------------------------------------------------------------------------- result


class GroundedEvidence(Evidence):
    """Evidence located by code: ``text[start:end]`` is the quote as it stands in the article."""

    start: int
    end: int


class ResultStance(Stance):
    evidence: list[GroundedEvidence]  # type: ignore[assignment]


class ResultEvent(Event):
    evidence: list[GroundedEvidence]  # type: ignore[assignment]
    quad_class: QuadClass
    date_resolved_by: Literal["model", "code"] | None = Field(
        description="Who produced `date`: the model, or code from `date_text` and the publication date."
    )
    date_ambiguous: bool = Field(
        default=False,
        description=(
            '`date_text` has two readings ("next Tuesday" said on a Monday: tomorrow or in eight days); '
            "`date` is the nearer one. Derived by code."
        ),
    )


class ResultFollowUp(FollowUp):
    evidence: list[GroundedEvidence]  # type: ignore[assignment]
    due_resolved_by: Literal["model", "code"] | None
    due_ambiguous: bool = Field(
        default=False, description="`due_text` has two readings; `due` is the nearer one. Derived by code."
    )


class ArticleInfo(BaseModel):
    title: str | None
    published: str | None
    source: str | None
    sha256: str
    chars: int
    # The exact text evidence offsets index, so views work from a saved result alone.
    text: str
    # Input layer (summarizer/inputs): the format read, the detected language (ISO 639-1),
    # page metadata, and for an HTML page the sha256 of the page's bytes (`text` is the
    # extracted article text; `sha256` is always of `text`).
    format: str = "text"
    language: str | None = None
    author: str | None = None
    site_name: str | None = None
    url: str | None = None
    original_sha256: str | None = None


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            total_tokens=self.total_tokens + other.total_tokens,
        )


class ChunkReport(BaseModel):
    """One chunk of a long article (see summarizer/chunking.py): which sentences, and how it went."""

    index: int  # 1-based
    first_sentence: int  # the article's sentence numbers the chunk covered
    last_sentence: int
    ok: bool
    error: str | None = None  # why the chunk failed after its repairs
    kind: str | None = None  # the error's class (InvalidOutputError, EndpointError, ...)
    usage: Usage = Usage()
    attempts: int = 0


class Provenance(BaseModel):
    engine: str
    model: str
    mode: str
    strategy: str
    prompt_hash: str
    schema_version: str
    usage: Usage
    attempts: int
    cached: bool
    cache_key: str | None = None
    # A long article summarized in chunks: one report per chunk; None when it fit at once.
    chunks: list[ChunkReport] | None = None


class ArticleSummary(BaseModel):
    """The validated, grounded summary of one article, with what code derived."""

    summary: str
    key_points: list[str]
    actors: list[Actor]
    stances: list[ResultStance]
    events: list[ResultEvent]
    follow_ups: list[ResultFollowUp]
    article: ArticleInfo
    provenance: Provenance
    # True when some chunks of a long article failed: their part of the article is missing
    # (provenance.chunks says which and why); the CLI exits 6.
    partial: bool = False
    summary_origin: Origin = "model"
    key_points_origin: Origin = "model"
    notes: list[str] = Field(default_factory=list)


def inline_schema(model: type[BaseModel]) -> dict[str, object]:
    """The model's JSON Schema with every $ref inlined and titles dropped.

    Inlined schemas are accepted alike by OpenAI strict mode, llama.cpp grammars and
    servers that do not resolve references.
    """
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def walk(node: object) -> object:
        if isinstance(node, dict):
            if "$ref" in node:
                target = walk(defs[node["$ref"].split("/")[-1]])
                extra = {k: walk(v) for k, v in node.items() if k != "$ref"}
                return {**target, **extra} if isinstance(target, dict) else target
            out = {k: walk(v) for k, v in node.items() if k not in ("title", "properties")}
            if "properties" in node:  # property names are data, not keywords
                out["properties"] = {name: walk(sub) for name, sub in node["properties"].items()}
            return out
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    result = walk(schema)
    assert isinstance(result, dict)
    return result
