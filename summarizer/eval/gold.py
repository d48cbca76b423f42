"""Gold annotations: the reference a result is scored against, and their loader.

Owns the gold file format (one JSON file per article, ``fixtures/gold/NAME.json``,
NAME being the article's file stem) and its checks: every evidence quote occurs
verbatim in the article, and every actor id a stance, event or follow-up names is
declared. It does not score anything (that is `summarizer.eval.score`).

Where a reader could defend several answers (an event that is both a THREATEN and a
REQUEST, a stance that is "concern" or "oppose"), the gold lists every acceptable one;
a prediction is right when it gives any of them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..errors import InputError
from ..models import ActorKind, EventType, Factuality, FollowUpKind, Position

__all__ = [
    "GOLD_VERSION",
    "GoldError",
    "GoldActor",
    "GoldStance",
    "GoldEvent",
    "GoldFollowUp",
    "GoldArticle",
    "LoadedGold",
    "Span",
    "load_gold",
    "load_gold_dir",
    "locate_all",
]

GOLD_VERSION = "1"

Span = tuple[int, int]


class GoldError(InputError):
    """A gold file is unreadable, malformed, quotes text its article lacks, or names an unknown id."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _iso(value: str | None) -> str | None:
    if value is not None:
        dt.date.fromisoformat(value)  # raises ValueError on a malformed date
    return value


class DateRange(_Strict):
    """Bounds for a date the article implies but does not state (either bound may be open)."""

    earliest: str | None = Field(default=None, description="First acceptable ISO date, or null (open).")
    latest: str | None = Field(default=None, description="Last acceptable ISO date, or null (open).")

    _check = field_validator("earliest", "latest")(_iso)

    def contains(self, date: str) -> bool:
        return (self.earliest is None or date >= self.earliest) and (self.latest is None or date <= self.latest)


class GoldActor(_Strict):
    id: str = Field(description='Id referenced by the other sections: "A1", "A2", ...')
    name: str = Field(description="Fullest name in the article.")
    aliases: list[str] = Field(default_factory=list, description="Other names the article uses for this actor.")
    kinds: list[ActorKind] = Field(min_length=1, description="Acceptable actor kinds (any one is right).")
    country: str | None = Field(description="ISO 3166-1 alpha-3 code, or null for an international body or none.")
    role: str | None = Field(default=None, description="Title or role, for readers; not scored.")
    optional: bool = Field(
        default=False,
        description="Named but not central (a cited source, an institution the article folds into its "
        "representative): predicting it is neither rewarded nor penalised.",
    )


class GoldStance(_Strict):
    holders: list[str] = Field(
        min_length=1, description="Actor ids; a prediction naming any of them has the right holder."
    )
    target: str | None = Field(default=None, description="Actor id the stance is directed at, or null.")
    topic: str = Field(description="What the stance is about, for readers; not scored.")
    positions: list[Position] = Field(min_length=1, description="Acceptable positions.")
    evidence: list[str] = Field(min_length=1, description="Verbatim quotes from the article.")


class GoldEvent(_Strict):
    id: str = Field(description='"E1", "E2", ...')
    summary: str = Field(description="Who did what to whom, for readers; not scored.")
    types: list[EventType] = Field(min_length=1, description="Acceptable PLOVER event types.")
    actors: list[str] = Field(
        description="Actor ids of who acted; naming any of them is right. Empty: the article names no agent."
    )
    recipients: list[str] = Field(default_factory=list, description="Actor ids acted upon (may be empty).")
    date: str | None = Field(description="ISO date the article states or implies exactly, or null.")
    date_range: DateRange | None = Field(
        default=None, description="When `date` is null: bounds an inferred date must fall within."
    )
    factuality: list[Factuality] = Field(min_length=1, description="Acceptable factuality values.")
    evidence: list[str] = Field(min_length=1, description="Verbatim quotes from the article.")

    _check = field_validator("date")(_iso)


class GoldFollowUp(_Strict):
    description: str = Field(description="What is expected next, for readers; not scored.")
    kinds: list[FollowUpKind] = Field(min_length=1, description="Acceptable follow-up kinds.")
    actors: list[str] = Field(default_factory=list, description="Actor ids expected to act (may be empty).")
    due: str | None = Field(description="ISO date it is due, or null.")
    due_range: DateRange | None = Field(default=None, description="When `due` is null: bounds an inferred due date.")
    evidence: list[str] = Field(min_length=1, description="Verbatim quotes from the article.")

    _check = field_validator("due")(_iso)


class GoldArticle(_Strict):
    """The reference annotation of one article."""

    gold_version: Literal["1"] = "1"
    article: str = Field(description="The article's file name stem (fixtures/articles/NAME.txt).")
    sha256: str = Field(description="sha256 of the article's UTF-8 text, header included.")
    published: str | None = Field(description="Publication date, ISO.")
    actors: list[GoldActor]
    stances: list[GoldStance]
    events: list[GoldEvent]
    follow_ups: list[GoldFollowUp]
    notes: str | None = Field(default=None, description="Free text for annotators; not scored.")

    @model_validator(mode="after")
    def _ids_exist(self) -> GoldArticle:
        ids = [a.id for a in self.actors]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate actor ids: {', '.join(dupes)}")
        known = set(ids)
        problems = []
        refs: list[tuple[str, list[str]]] = []
        for i, s in enumerate(self.stances):
            refs.append((f"stances[{i}]", [*s.holders, *([s.target] if s.target else [])]))
        for i, e in enumerate(self.events):
            refs.append((f"events[{i}]", [*e.actors, *e.recipients]))
        for i, f in enumerate(self.follow_ups):
            refs.append((f"follow_ups[{i}]", f.actors))
        for where, names in refs:
            problems += [f"{where} names unknown actor {n!r}" for n in names if n not in known]
        if problems:
            raise ValueError("; ".join(problems))
        return self


def locate_all(quote: str, text: str) -> list[Span]:
    """Every span where `quote` occurs verbatim in `text` (a quote may occur more than once)."""
    spans = []
    pos = text.find(quote) if quote else -1
    while pos >= 0:
        spans.append((pos, pos + len(quote)))
        pos = text.find(quote, pos + 1)
    return spans


@dataclass(frozen=True)
class LoadedGold:
    """A validated gold annotation with its article text and every quote's spans."""

    gold: GoldArticle
    text: str
    path: Path | None = None

    def spans(self, quotes: list[str]) -> list[Span]:
        return [span for q in quotes for span in locate_all(q, self.text)]


def check_quotes(gold: GoldArticle, text: str) -> list[str]:
    """Quotes that do not occur in `text`, as readable problems."""
    problems = []
    sections: list[tuple[str, list[str]]] = []
    sections += [(f"stances[{i}]", s.evidence) for i, s in enumerate(gold.stances)]
    sections += [(f"events[{i}]", e.evidence) for i, e in enumerate(gold.events)]
    sections += [(f"follow_ups[{i}]", f.evidence) for i, f in enumerate(gold.follow_ups)]
    for where, quotes in sections:
        for q in quotes:
            if not q.strip() or q not in text:
                problems.append(f"{where}: quote not in the article: {q[:60]!r}")
    return problems


def load_gold(
    path: str | Path, article_text: str | None = None, *, articles_dir: str | Path | None = None
) -> LoadedGold:
    """Load and check one gold file.

    Args:
        path: the gold JSON file.
        article_text: the article's text; default: read ``ARTICLES/NAME.txt``.
        articles_dir: where articles live; default ``articles/`` beside the gold directory.

    Returns:
        The validated annotation with its article text.

    Raises:
        GoldError: unreadable or malformed file, a quote not in the article, an unknown id.
    """
    path = Path(path)
    gold = _parse(path)
    if article_text is None:
        base = Path(articles_dir) if articles_dir is not None else path.parent.parent / "articles"
        candidates = [base / f"{gold.article}{ext}" for ext in (".txt", ".md")]
        found = next((c for c in candidates if c.is_file()), None)
        if found is None:
            raise GoldError(f"{path}: article {gold.article!r} not found in {base} (pass --articles)")
        article_text = found.read_bytes().decode("utf-8")
    if sha256_text(article_text) != gold.sha256:
        raise GoldError(
            f"{path}: the article {gold.article!r} changed since it was annotated (sha256 differs); "
            "review the gold and update its sha256"
        )
    problems = check_quotes(gold, article_text)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise GoldError(f"{path}: {problems[0]}{more}")
    return LoadedGold(gold, article_text, path)


def _parse(path: Path) -> GoldArticle:
    """The gold file at `path`, validated; its first problem (where and what) as a GoldError."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise GoldError(f"{path}: cannot read ({err.strerror or err})") from None
    try:
        return GoldArticle.model_validate_json(data)
    except ValidationError as err:
        first = err.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"]) or "top level"
        raise GoldError(f"{path}: not a valid gold file: {where}: {first['msg']}") from None


def load_gold_dir(directory: str | Path, *, articles_dir: str | Path | None = None) -> dict[str, LoadedGold]:
    """Every ``*.json`` gold file in `directory`, keyed by article stem."""
    directory = Path(directory)
    if not directory.is_dir():
        raise GoldError(f"{directory}: not a directory of gold files")
    out = {}
    for p in sorted(directory.glob("*.json")):
        loaded = load_gold(p, articles_dir=articles_dir)
        out[loaded.gold.article] = loaded
    if not out:
        raise GoldError(f"{directory}: no gold files (*.json)")
    return out


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def gold_schema() -> str:
    """The JSON Schema of a gold file, as exported to schemas/gold.schema.json."""
    return json.dumps(GoldArticle.model_json_schema(), indent=2, sort_keys=True) + "\n"
