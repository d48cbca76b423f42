"""What a batch reads: command-line inputs and library items, as `BatchItem`s.

Owns turning paths (files, directories searched recursively, JSONL files, ``-`` for
JSONL on stdin, URLs) and library objects (texts, Paths, Articles, mappings) into
`BatchItem`s, flagging a bad JSONL line or a repeated id as a problem of that item
alone. Reading one article into an `Article` is `summarizer.inputs`; summarizing is
`summarizer.batch.run`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..api import check_arguments, read_article
from ..errors import InputError
from ..inputs import Article, is_url, load_article, parse_article

__all__ = ["ARTICLE_SUFFIXES", "BatchItem", "items_from_paths"]

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True)
class BatchItem:
    """One article to summarize: a file, or text with optional metadata.

    `id` is echoed in the result (any JSON value; a path for files). `problem` marks
    an input that could not be read as an article (a bad JSONL line): it fails alone.
    """

    id: Any
    text: str | None = None
    path: Path | None = None
    published: str | None = None
    title: str | None = None
    source: str | None = None
    parsed: Article | None = None
    problem: str | None = None
    url: str | None = None

    def article(self) -> Article:
        """The parsed article. Raises `InputError`."""
        if self.problem is not None:
            raise InputError(self.problem)
        if self.parsed is not None:
            return self.parsed
        if self.path is not None:
            return read_article(self.path, published=self.published, title=self.title, source=self.source)
        text, published, title, source = check_arguments(
            "" if self.url is not None else self.text, published=self.published, title=self.title, source=self.source
        )
        if self.url is not None:  # fetched (summarizer.inputs)
            return load_article(self.url, published=published, title=title, source=source)
        return parse_article(text, published=published, title=title, source=source)

    @classmethod
    def coerce(cls, obj: Any, index: int) -> BatchItem:
        """A `BatchItem` from a str (text), Path (file), Article or mapping {id?, text, published?, title?, source?}."""
        if isinstance(obj, BatchItem):
            return obj
        if isinstance(obj, str):
            return cls(id=index, text=obj)
        if isinstance(obj, Path):
            return cls(id=str(obj), path=obj)
        if isinstance(obj, Article):
            return cls(id=index, parsed=obj)
        if isinstance(obj, Mapping):
            return _item_from_mapping(obj, index)
        raise TypeError(f"cannot summarize a {type(obj).__name__}: pass text, a Path, an Article or a dict with 'text'")


_MAPPING_KEYS = {"id", "text", "published", "title", "source"}


def _item_from_mapping(obj: Mapping[str, Any], default_id: Any) -> BatchItem:
    item_id = obj.get("id", default_id)
    text = obj.get("text")
    unknown = sorted(set(obj) - _MAPPING_KEYS)
    if unknown:
        problem = f"unknown key(s) {', '.join(map(repr, unknown))} (expected id, text, published, title, source)"
    elif not isinstance(text, str):
        problem = "no 'text' string in this item (expected {id, text, published?, title?})"
    else:
        try:
            text, published, title, source = check_arguments(
                text, published=obj.get("published"), title=obj.get("title"), source=obj.get("source")
            )
        except InputError as err:
            problem = str(err)
        else:
            return BatchItem(id=item_id, text=text, published=published, title=title, source=source)
    return BatchItem(id=item_id, problem=problem)


def items_from_paths(paths: Iterable[str | Path]) -> list[BatchItem]:
    """Items from the command line's inputs, in order.

    A directory gives its ``*.txt`` and ``*.md`` files (recursively, sorted, hidden
    ones skipped); a ``.jsonl`` file one item per non-blank line
    ``{"id", "text", "published"?, "title"?}``; ``-`` JSONL on stdin; any other file
    one article. Unreadable or empty articles and bad JSONL lines fail alone, later,
    and so does an item whose id an earlier item already has (its output line could
    not be told apart).

    Raises:
        InputError: a path does not exist or cannot be reached, a directory holds no
            articles, or a JSONL file or stdin cannot be read; nothing has been sent
            to a model.
    """
    found: list[tuple[BatchItem, str]] = []  # each item and where it came from
    for raw in paths:
        name = str(raw)
        try:
            found += _items_from_path(name)
        except OSError as err:  # e.g. a directory on the way that cannot be searched
            raise InputError(f"{name}: cannot read ({err.strerror or err})") from None
    return _flag_duplicate_ids(found)


def _items_from_path(name: str) -> list[tuple[BatchItem, str]]:
    if name == "-":
        # sys.stdin is None when the process was started with its stdin closed (`<&-`).
        if sys.stdin is None or sys.stdin.closed:
            raise InputError("-: standard input is closed; pipe JSONL in, or give files")
        return _jsonl_items(sys.stdin.buffer.read(), "stdin")
    if is_url(name):
        return [(BatchItem(id=name, url=name), name)]
    path = Path(name)
    if path.is_dir():
        found = sorted(
            p
            for p in path.rglob("*")
            if p.suffix.lower() in ARTICLE_SUFFIXES
            and p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if not found:
            raise InputError(f"{name}: no *.txt or *.md files in this directory")
        return [(BatchItem(id=str(p), path=p), str(p)) for p in found]
    if path.suffix.lower() in JSONL_SUFFIXES:
        return _jsonl_items(path.read_bytes(), name)
    if path.exists():
        return [(BatchItem(id=name, path=path), name)]
    raise InputError(f"{name}: no such file or directory")


def _flag_duplicate_ids(found: list[tuple[BatchItem, str]]) -> list[BatchItem]:
    """Items in order; one whose id an earlier item has becomes an input error naming the first."""
    first: dict[str, str] = {}
    items = []
    for item, where in found:
        key = json.dumps(item.id, sort_keys=True, ensure_ascii=False)
        if key in first:
            item = BatchItem(
                id=item.id,
                problem=f"{where}: duplicate id {key} (first used at {first[key]}); give each item its own id",
            )
        else:
            first[key] = where
        items.append(item)
    return items


def _jsonl_items(data: bytes, name: str) -> list[tuple[BatchItem, str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{name}: is not UTF-8 text (bad byte at offset {err.start})") from None
    items: list[tuple[BatchItem, str]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            obj = json.loads(line)
        except ValueError as err:
            items.append((BatchItem(id=where, problem=f"{where}: not a JSON object ({err})"), where))
            continue
        if not isinstance(obj, dict):
            items.append((BatchItem(id=where, problem=f"{where}: not a JSON object"), where))
            continue
        item = _item_from_mapping(obj, where)
        if item.problem is not None:
            item = BatchItem(id=item.id, problem=f"{where}: {item.problem}")
        items.append((item, where))
    return items
