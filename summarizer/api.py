"""The library entry points: `Summarizer`, `summarize`, `asummarize`.

`Summarizer` holds configuration for repeated calls (one engine, one cache);
`summarize` and `asummarize` are one-shot conveniences over it. Arguments are checked
here, before anything is parsed, sent or cached (`check_arguments`).
"""

from __future__ import annotations

import datetime as dt
import inspect
import sys
from collections.abc import Callable
from dataclasses import MISSING, fields
from pathlib import Path
from typing import Any, ParamSpec, TypedDict, TypeVar, Unpack, get_type_hints

from .chunking import context_tokens_for
from .config import Settings, build_engine
from .engines.base import Engine
from .errors import InputError
from .inputs import Article, load_article, parse_article
from .models import ArticleSummary
from .pipeline import Pipeline

__all__ = [
    "ArticleArguments",
    "OneShotArguments",
    "Summarizer",
    "SummarizerArguments",
    "asummarize",
    "check_arguments",
    "read_article",
    "summarize",
]

# A publication date as callers may give it: "YYYY-MM-DD", a date or a datetime.
Published = str | dt.date | None


class ArticleArguments(TypedDict, total=False):
    """What a call says about its article; each overrides the article's header.

    published: ``"YYYY-MM-DD"``, a `datetime.date` or a `datetime.datetime`. language: the
    summary's language (e.g. ``"es"``); default: the article's.
    """

    published: Published
    title: str | None
    source: str | None
    language: str | None


class SummarizerArguments(TypedDict, total=False):
    """The keyword arguments of `Summarizer` (its docstring says what each does): its own,
    then the `Settings` fields it passes on (tests/test_api.py keeps the two lists equal)."""

    engine: str | Engine
    model: str | None
    base_url: str | None
    api_key: str | None
    api_key_env: str | None
    cache_dir: str | Path | None
    cache: bool
    mode: str
    model_path: str | None
    threads: int | None
    recordings: Path | None
    cache_busy_timeout: float | None
    max_attempts: int
    strategy: str
    temperature: float
    max_tokens: int | None
    timeout: float
    retries: int
    context_tokens: int | None
    chunk_overlap: int
    extra: dict[str, Any]


class OneShotArguments(ArticleArguments, SummarizerArguments, total=False):
    """The keyword arguments of `summarize`: the article's, then the `Summarizer`'s."""


P = ParamSpec("P")
R = TypeVar("R")
F = TypeVar("F", bound=Callable[..., Any])


def _default(name: str) -> Any:
    """An argument's default as `help()` shows it: the `Settings` field's (None for the article's)."""
    field = Settings.__dataclass_fields__.get("use_cache" if name == "cache" else name)
    if field is None:
        return None
    if field.default is MISSING and field.default_factory is not MISSING:
        return field.default_factory()
    return field.default


def _spelled_out(func: F) -> F:
    """Show each keyword of a ``**arguments: Unpack[...]`` parameter as its own parameter,
    for ``help()`` and `inspect.signature` (type checkers read the TypedDict itself)."""
    signature = inspect.signature(func)
    hints = get_type_hints(func)
    params = []
    for param in signature.parameters.values():
        if param.kind is not inspect.Parameter.VAR_KEYWORD:
            params.append(param.replace(annotation=hints.get(param.name, param.annotation)))
            continue
        for name, hint in get_type_hints(hints[param.name].__args__[0]).items():
            keyword = inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=_default(name), annotation=hint)
            params.append(keyword)
    func.__signature__ = signature.replace(parameters=params, return_annotation=hints.get("return"))  # type: ignore[attr-defined]
    return func


def check_arguments(
    text: Any, *, published: Any = None, title: Any = None, source: Any = None
) -> tuple[str, str | None, str | None, str | None]:
    """Check a call's arguments before anything is parsed, sent or cached.

    A wrong type used to surface as an AttributeError deep inside, or worse: ``title=123``
    paid for a request, cached it, then failed validation on every later read.

    Args:
        text: the article text; a `str` that encodes as UTF-8 (no lone surrogates).
        published: ``"YYYY-MM-DD"``, a `datetime.date`, a `datetime.datetime` (its
            date is used), or None.
        title: a `str` or None.
        source: a `str` or None.

    Returns:
        ``(text, published, title, source)``, `published` as a string.

    Raises:
        InputError: an argument has the wrong type or holds a lone surrogate.
    """
    if not isinstance(text, str):
        raise InputError(_not_text(text))
    if isinstance(published, dt.datetime):
        published = published.date().isoformat()
    elif isinstance(published, dt.date):
        published = published.isoformat()
    elif published is not None and not isinstance(published, str):
        raise InputError(f"published must be a YYYY-MM-DD string or a datetime.date, not {_type_name(published)}")
    for name, value in (("title", title), ("source", source)):
        if value is not None and not isinstance(value, str):
            raise InputError(f"{name} must be a string or None, not {_type_name(value)}")
    for name, value in (("text", text), ("published", published), ("title", title), ("source", source)):
        if value is not None:
            _check_encodable(name, value)
    return text, published, title, source


def _type_name(value: Any) -> str:
    return "None" if value is None else type(value).__name__


def _not_text(value: Any) -> str:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return (
            f"text must be a str, not {_type_name(value)}; decode it first (data.decode('utf-8')), "
            "or pass the file to Summarizer.summarize_file"
        )
    if isinstance(value, Path):
        return "text must be the article's text, not a Path; use Summarizer.summarize_file for files"
    if isinstance(value, (list, tuple)):
        return f"text must be one article's text (a str), not a {_type_name(value)}; use summarize_many for many"
    return f"text must be the article's text (a str), not {_type_name(value)}"


def _check_encodable(name: str, value: str) -> None:
    # A lone surrogate (say, from bytes decoded with errors="surrogateescape") can be
    # neither sent to an endpoint as JSON nor stored in the cache: refuse it before both.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:
        raise InputError(
            f"{name} holds a lone surrogate U+{ord(value[err.start]):04X} at character {err.start}, "
            "which is not valid Unicode; decode the source bytes with errors='replace', or fix the text"
        ) from None


def _parse(text: Any, published: Any = None, title: Any = None, source: Any = None, language: Any = None) -> Article:
    text, published, title, source = check_arguments(text, published=published, title=title, source=source)
    if language is not None and not isinstance(language, str):
        raise InputError(f"language must be a str such as 'es', not {_type_name(language)}")
    return parse_article(text, published=published, title=title, source=source, language=language)


def read_article(
    path: str | Path,
    *,
    published: str | None = None,
    title: str | None = None,
    source: str | None = None,
    language: str | None = None,
) -> Article:
    """`load_article`, with OS errors (a closed stdin, a directory on the way that cannot
    be searched) reported as an `InputError` naming the path.

    Raises:
        InputError: the file or standard input cannot be read, or is not an article.
    """
    stdin = str(path) == "-"
    # sys.stdin is None when the process was started with its stdin closed (`<&-`).
    if stdin and (sys.stdin is None or sys.stdin.closed):
        raise InputError("standard input is closed; pipe an article in, or give a file path")
    try:
        return load_article(path, published=published, title=title, source=source, language=language)
    except OSError as err:
        raise InputError(f"{'standard input' if stdin else path}: cannot read ({err.strerror or err})") from None


class Summarizer:
    """Configuration for repeated calls.

    Args:
        engine: ``"auto"`` (an endpoint when `base_url`, OPENAI_BASE_URL or
            OPENAI_API_KEY is set, else the embedded model), ``"openai"``,
            ``"local"``, or any object implementing `Engine`.
        model: model name for the endpoint (default gpt-4o-mini). SUMMARIZER_MODEL is
            the CLI's; the library reads no SUMMARIZER_* setting from the environment.
        base_url: OpenAI-compatible endpoint (default OPENAI_BASE_URL).
        api_key: the API key, sent to this endpoint whatever it is. Without it the
            key stays with its endpoint: OPENAI_API_KEY for OpenAI and for
            OPENAI_BASE_URL, else SUMMARIZER_API_KEY, else none.
        api_key_env: the name of an environment variable holding the key (the only
            environment the library reads is for keys).
        cache_dir: cache location (default `summarizer.cache.default_cache_dir()`).
        cache: False disables the cache.
        mode, model_path, ...: the other arguments (`SummarizerArguments`) are the
            `Settings` fields of the same names (model_path: a GGUF file for the
            embedded engine; default the bundled model); `Summarizer.from_settings`
            takes them as one `Settings`. A long article is split into chunks that fit
            `context_tokens` (default: the embedded model's, or the known model's).

    Raises:
        ConfigError: on unknown options or an engine that cannot be set up.
    """

    @_spelled_out
    def __init__(self, **arguments: Unpack[SummarizerArguments]):
        from .errors import ConfigError

        unknown = set(arguments) - SummarizerArguments.__optional_keys__
        if unknown:
            raise ConfigError(f"unknown option(s): {', '.join(sorted(unknown))}")
        options: dict[str, Any] = dict(arguments)
        engine = options.pop("engine", "auto")
        cache_dir = options.pop("cache_dir", None)
        self.settings = Settings(
            engine=engine if isinstance(engine, str) else "custom",
            cache_dir=Path(cache_dir) if cache_dir else None,
            use_cache=options.pop("cache", True),
            **options,
        )
        self._engine = engine if not isinstance(engine, str) else None
        self._pipeline: Pipeline | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> Summarizer:
        """A `Summarizer` configured by a whole `Settings` (the CLI builds one per command).

        Raises:
            ConfigError: as the constructor.
        """
        values = {f.name: getattr(settings, f.name) for f in fields(settings)}
        values["cache"] = values.pop("use_cache")
        return cls(**values)

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            engine = self._engine or build_engine(self.settings)
            strategy = self.settings.strategy
            if strategy == "auto":
                strategy = self.settings.resolved_strategy() if self._engine is None else "single"
            self._pipeline = Pipeline(
                engine,
                cache=self.settings.cache(),
                max_attempts=self.settings.max_attempts,
                strategy=strategy,
                params=self.settings.params(),
                context_tokens=context_tokens_for(engine, self.settings.context_tokens),
                chunk_overlap=self.settings.chunk_overlap,
            )
        return self._pipeline

    @_spelled_out
    def summarize(self, text: str, **article: Unpack[ArticleArguments]) -> ArticleSummary:
        """Summarize article text: plain text (a leading header is recognised as in files),
        Markdown or an HTML page.

        Args:
            text: the article.
            **article: `ArticleArguments` (published, title, source, language), each
                overriding the article's header.

        Returns:
            The validated, grounded `ArticleSummary`.

        Raises:
            InputError: bad arguments or text, found before any request.
            SummarizerError: any other failure; ``err.exit_code`` as on the CLI.
        """
        parsed = _parse(text, **article)  # before the engine is built
        return self.pipeline.run(parsed)

    @_spelled_out
    async def asummarize(self, text: str, **article: Unpack[ArticleArguments]) -> ArticleSummary:
        """Async twin of `summarize`."""
        return await self.pipeline.arun(_parse(text, **article))

    async def aclose(self) -> None:
        """Close the engine's async connections; call before the event loop ends."""
        if self._pipeline is not None:
            aclose = getattr(self._pipeline.engine, "aclose", None)
            if aclose is not None:
                await aclose()

    def close(self) -> None:
        """Close the engine's connections and the cache."""
        if self._pipeline is not None:
            close = getattr(self._pipeline.engine, "close", None)
            if close is not None:
                close()
            if self._pipeline.cache is not None:
                self._pipeline.cache.close()

    def __enter__(self) -> Summarizer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    async def __aenter__(self) -> Summarizer:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
        self.close()

    @_spelled_out
    def summarize_file(self, path: str | Path, **article: Unpack[ArticleArguments]) -> ArticleSummary:
        """Summarize a file, ``-`` (stdin) or an http(s) URL (fetched; HTML is extracted).

        Raises as `summarize`.
        """
        if not isinstance(path, (str, Path)):
            raise InputError(f"path must be a str or Path, not {_type_name(path)}")
        _, published, title, source = check_arguments(
            "", published=article.get("published"), title=article.get("title"), source=article.get("source")
        )
        parsed = read_article(path, published=published, title=title, source=source, language=article.get("language"))
        return self.summarize_article(parsed)

    def summarize_article(self, article: Article) -> ArticleSummary:
        return self.pipeline.run(article)


def _one_shot(arguments: OneShotArguments) -> tuple[dict[str, Any], dict[str, Any]]:
    """A one-shot call's arguments: the article's, and the `Summarizer`'s."""
    config: dict[str, Any] = dict(arguments)
    return {k: config.pop(k) for k in ArticleArguments.__optional_keys__ if k in config}, config


@_spelled_out
def summarize(text: str, **arguments: Unpack[OneShotArguments]) -> ArticleSummary:
    """Summarize one article: `Summarizer(**config).summarize(text, **article)`, closed after."""
    article, config = _one_shot(arguments)
    with Summarizer(**config) as summarizer:
        return summarizer.summarize(text, **article)


@_spelled_out
async def asummarize(text: str, **arguments: Unpack[OneShotArguments]) -> ArticleSummary:
    """Async twin of `summarize`."""
    article, config = _one_shot(arguments)
    async with Summarizer(**config) as summarizer:
        return await summarizer.asummarize(text, **article)
