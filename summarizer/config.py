"""Settings and engine construction: the one place that picks a concrete engine.

Precedence for the CLI is flags > environment (SUMMARIZER_*, OPENAI_*) > config file
(TOML) > defaults; typer applies the first three, this module reads the file and
holds the defaults. Library callers pass `Settings` fields as arguments.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .cache import Cache, default_cache_dir
from .engines.base import Engine
from .errors import ConfigError

__all__ = ["Settings", "build_engine", "config_path", "load_config_file", "read_config_toml", "DEFAULT_MODEL"]

DEFAULT_MODEL = "gpt-4o-mini"
ENGINES = ("auto", "openai", "local", "replay")


@dataclass
class Settings:
    engine: str = "auto"
    model: str | None = None  # SUMMARIZER_MODEL; DEFAULT_MODEL for openai
    base_url: str | None = None
    api_key: str | None = None  # library only; see engines.openai.resolve_api_key for the rule
    api_key_env: str | None = None  # name of an environment variable that holds the key
    mode: str = "auto"
    model_path: str | None = None  # local engine: a GGUF file
    threads: int | None = None  # local engine: llama.cpp threads (None: measured default)
    recordings: Path | None = None  # replay engine: a directory of recordings
    cache_dir: Path | None = None
    use_cache: bool = True
    max_attempts: int = 3
    strategy: str = "auto"  # auto: guided for the local engine, single otherwise
    temperature: float = 0.0
    max_tokens: int | None = None
    timeout: float = 120.0
    retries: int = 4
    context_tokens: int | None = None  # long articles are chunked to fit (chunking.py)
    chunk_overlap: int = 1
    extra: dict[str, Any] = field(default_factory=dict)

    def resolved_cache_dir(self) -> Path:
        return Path(self.cache_dir).expanduser() if self.cache_dir else default_cache_dir()

    def engine_kind(self) -> str:
        if self.engine not in ENGINES:
            raise ConfigError(f"unknown engine {self.engine!r}; choose {', '.join(ENGINES)}")
        if self.engine != "auto":
            return self.engine
        if self.base_url or os.environ.get("OPENAI_BASE_URL") or os.environ.get("OPENAI_API_KEY"):
            return "openai"
        return "local"

    def resolved_strategy(self) -> str:
        if self.strategy == "auto":
            return "guided" if self.engine_kind() == "local" else "single"
        return self.strategy

    def params(self) -> dict[str, Any]:
        params: dict[str, Any] = {"temperature": self.temperature}
        if self.max_tokens is not None:
            params["max_tokens"] = self.max_tokens
        return params

    def cache(self) -> Cache | None:
        return Cache(self.resolved_cache_dir()) if self.use_cache else None


def build_engine(settings: Settings) -> Engine:
    kind = settings.engine_kind()
    if kind == "openai":
        from .engines.openai import ModeMemory, OpenAICompatEngine, RetryPolicy

        return OpenAICompatEngine(
            settings.model or os.environ.get("SUMMARIZER_MODEL") or DEFAULT_MODEL,
            base_url=settings.base_url,
            api_key=settings.api_key,
            api_key_env=settings.api_key_env,
            mode=settings.mode,
            timeout=settings.timeout,
            retry=RetryPolicy(retries=settings.retries),
            mode_memory=ModeMemory(settings.resolved_cache_dir() / "modes.json"),
        )
    if kind == "local":
        import importlib.util

        from .engines.local import NO_LLAMA_MESSAGE, LocalEngine
        from .engines.model_files import resolve_model_path

        # Say how to get going before assembling half a gigabyte of weights for nothing.
        if importlib.util.find_spec("llama_cpp") is None:
            raise ConfigError(NO_LLAMA_MESSAGE)
        try:
            path = resolve_model_path(
                settings.model_path or os.environ.get("SUMMARIZER_LOCAL_MODEL"), settings.resolved_cache_dir()
            )
        except ConfigError as err:
            if settings.engine == "auto":
                raise ConfigError(f"{err} (or configure an endpoint: --base-url / OPENAI_BASE_URL)") from None
            raise
        return LocalEngine(path, n_threads=settings.threads)
    from .engines.replay import ReplayEngine

    directory = Path(settings.recordings or "fixtures/recordings")
    if not directory.is_dir():
        raise ConfigError(f"--engine replay needs recordings: {directory} is not a directory (see --recordings)")
    return ReplayEngine(directory)


# What each setting must be in the TOML file (the rest are strings).
_FILE_TYPES: dict[str, type | tuple[type, ...]] = {
    "max_attempts": int,
    "max_tokens": int,
    "threads": int,
    "retries": int,
    "temperature": (int, float),
    "timeout": (int, float),
    "use_cache": bool,
    "no_cache": bool,
}


_KIND_NAMES: dict[type, str] = {int: "a whole number", bool: "true or false", str: "a string"}


def config_path() -> Path:
    """SUMMARIZER_CONFIG, else config.toml in the user config dir."""
    env = os.environ.get("SUMMARIZER_CONFIG")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("summarizer")) / "config.toml"


def read_config_toml(path: Path) -> dict[str, Any]:
    """The parsed config file, or ConfigError saying why it cannot be read."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"config file {path} is not valid TOML: {err}") from None


def load_config_file(path: Path | None = None) -> dict[str, Any]:
    """The config file's settings (keys as Settings fields, dashes allowed); {} if absent."""
    explicit = path is not None
    path = path or config_path()
    if not path.exists():
        if explicit:  # --config names a file: a typo must not pass silently
            raise ConfigError(f"config file {path} not found")
        return {}
    data = read_config_toml(path)
    known = {f.name for f in fields(Settings)}
    settings: dict[str, Any] = {}
    for key, value in data.items():
        name = key.replace("-", "_")
        if isinstance(value, dict):
            if key != "prices":  # [prices] belongs to batch cost accounting
                raise ConfigError(f"config file {path}: unknown table [{key}] (known: [prices])")
            continue
        if (name not in known and name != "no_cache") or name in ("api_key", "extra"):
            raise ConfigError(f"config file {path}: unknown setting {key!r}")
        expected = _FILE_TYPES.get(name, str)
        if isinstance(value, bool) and expected is not bool or not isinstance(value, expected):
            kind = _KIND_NAMES.get(expected, "a number") if isinstance(expected, type) else "a number"
            raise ConfigError(f"config file {path}: {key} must be {kind}, not {value!r}")
        if name == "no_cache":  # named like the flag
            name, value = "use_cache", not value
        settings[name] = value
    return settings
