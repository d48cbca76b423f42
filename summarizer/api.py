"""The library entry points: `Summarizer`, `summarize`, `asummarize`.

`Summarizer` holds configuration for repeated calls (one engine, one cache);
`summarize` and `asummarize` are one-shot conveniences over it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .chunking import context_tokens_for
from .config import Settings, build_engine
from .engines.base import Engine
from .inputs import Article, load_article, parse_article
from .models import ArticleSummary
from .pipeline import Pipeline

__all__ = ["Summarizer", "summarize", "asummarize"]


class Summarizer:
    """Configuration for repeated calls.

    Args:
        engine: ``"auto"`` (an endpoint when `base_url`, OPENAI_BASE_URL or
            OPENAI_API_KEY is set, else the embedded model), ``"openai"``,
            ``"local"``, or any object implementing `Engine`.
        model: model name for the endpoint (default SUMMARIZER_MODEL or gpt-4o-mini).
        base_url: OpenAI-compatible endpoint (default OPENAI_BASE_URL).
        api_key: default OPENAI_API_KEY.
        cache_dir: cache location (default SUMMARIZER_CACHE_DIR or the user cache dir).
        cache: False disables the cache.
        **options: further `Settings` fields (mode, model_path, max_attempts,
            strategy, temperature, max_tokens, timeout, retries, context_tokens,
            chunk_overlap). A long article is split into chunks that fit
            `context_tokens` (default: the embedded model's, or the known model's).

    Raises:
        ConfigError: on unknown options or an engine that cannot be set up.
    """

    def __init__(
        self,
        *,
        engine: str | Engine = "auto",
        model: str | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
        cache_dir: str | Path | None = None,
        cache: bool = True,
        **options: Any,
    ):
        from .errors import ConfigError

        known = set(Settings.__dataclass_fields__)
        unknown = set(options) - known
        if unknown:
            raise ConfigError(f"unknown option(s): {', '.join(sorted(unknown))}")
        self.settings = Settings(
            engine=engine if isinstance(engine, str) else "custom",
            model=model,
            base_url=base_url,
            api_key=api_key,
            cache_dir=Path(cache_dir) if cache_dir else None,
            use_cache=cache,
            **options,
        )
        self._engine = engine if not isinstance(engine, str) else None
        self._pipeline: Pipeline | None = None

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
                strategy=strategy,  # type: ignore[arg-type]
                params=self.settings.params(),
                context_tokens=context_tokens_for(engine, self.settings.context_tokens),
                chunk_overlap=self.settings.chunk_overlap,
            )
        return self._pipeline

    def summarize(
        self,
        text: str,
        *,
        published: str | None = None,
        title: str | None = None,
        source: str | None = None,
        language: str | None = None,
    ) -> ArticleSummary:
        """Summarize article text: plain text (header lines are recognised), Markdown or an
        HTML page. `language` (e.g. ``"es"``) is the summary's; default: the article's.
        Raises `SummarizerError`s."""
        article = parse_article(text, published=published, title=title, source=source, language=language)
        return self.pipeline.run(article)

    async def asummarize(
        self,
        text: str,
        *,
        published: str | None = None,
        title: str | None = None,
        source: str | None = None,
        language: str | None = None,
    ) -> ArticleSummary:
        """Async twin of `summarize`."""
        article = parse_article(text, published=published, title=title, source=source, language=language)
        return await self.pipeline.arun(article)

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

    def summarize_file(self, path: str | Path, **meta: str | None) -> ArticleSummary:
        """Summarize a file, ``-`` (stdin) or an http(s) URL (fetched; HTML is extracted)."""
        return self.summarize_article(load_article(path, **meta))

    def summarize_article(self, article: Article) -> ArticleSummary:
        return self.pipeline.run(article)


def summarize(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    source: str | None = None,
    language: str | None = None,
    **config: Any,
) -> ArticleSummary:
    """Summarize one article. `config` takes `Summarizer`'s arguments."""
    with Summarizer(**config) as summarizer:
        return summarizer.summarize(text, published=published, title=title, source=source, language=language)


async def asummarize(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    source: str | None = None,
    language: str | None = None,
    **config: Any,
) -> ArticleSummary:
    """Async twin of `summarize`."""
    async with Summarizer(**config) as summarizer:
        return await summarizer.asummarize(text, published=published, title=title, source=source, language=language)
