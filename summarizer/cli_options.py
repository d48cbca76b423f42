"""The options the commands share, each declared once, and the typed settings they make.

Every alias below is an ``Annotated`` type carrying its ``typer.Option`` (flag,
environment variable, metavar, help); a command takes an option by naming the alias
and the default from `D`, e.g. ``engine: EngineOpt = D.engine``. summarize, batch,
eval, serve and fixtures record use these, so a flag means the same everywhere and
the config file (whose keys are these parameter names) reaches each command the same
way.

The root command puts a `CliState` on ``ctx.obj``; `model_settings(ctx)` turns a
command's options (flags > env > config file > defaults, as typer resolved them) into
one typed `summarizer.config.Settings`, once, for `Summarizer.from_settings`.
Imports nothing heavy, so ``summarizer --help`` stays fast.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

if TYPE_CHECKING:
    from .config import Settings

__all__ = [
    "D",
    "CliState",
    "cli_state",
    "model_settings",
    "ApiKeyEnvOpt",
    "BaseUrlOpt",
    "CacheDirOpt",
    "ChunkOverlapOpt",
    "ConcurrencyOpt",
    "ContextTokensOpt",
    "DebugOpt",
    "EngineOpt",
    "MaxAttemptsOpt",
    "MaxTokensOpt",
    "ModeOpt",
    "ModelOpt",
    "ModelPathOpt",
    "NoCacheOpt",
    "OutputOpt",
    "RecordingsOpt",
    "RetriesOpt",
    "RpmOpt",
    "StrategyOpt",
    "TemperatureOpt",
    "ThreadsOpt",
    "TimeoutOpt",
    "TpmOpt",
    "VerboseOpt",
    "model_options",
]

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class _Defaults:
    """The shared options' defaults, in one place (None: resolved later, see the help)."""

    engine: str = "auto"
    model: str | None = None
    base_url: str | None = None
    api_key_env: str | None = None
    mode: str = "auto"
    recordings: Path | None = None
    model_path: str | None = None
    threads: int | None = None
    strategy: str = "auto"
    no_cache: bool = False
    cache_dir: Path | None = None
    max_attempts: int = 3
    max_tokens: int | None = None
    temperature: float = 0.0
    timeout: float = 120.0
    retries: int = 4
    context_tokens: int | None = None
    chunk_overlap: int = 1
    concurrency: int = 8
    rpm: float | None = None
    tpm: float | None = None
    verbose: int = 0
    debug: bool = False


D = _Defaults()

EngineOpt = Annotated[
    str,
    typer.Option(
        "--engine",
        envvar="SUMMARIZER_ENGINE",
        metavar="ENGINE",
        help="auto, openai, local or replay. auto: an endpoint when one is configured, else the embedded model.",
    ),
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model", envvar="SUMMARIZER_MODEL", metavar="NAME", help="Model name at the endpoint [default: gpt-4o-mini]."
    ),
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        envvar="OPENAI_BASE_URL",
        metavar="URL",
        help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1.",
    ),
]
ApiKeyEnvOpt = Annotated[
    str | None,
    typer.Option(
        "--api-key-env",
        metavar="NAME",
        help="Environment variable holding the key for --base-url [default: SUMMARIZER_API_KEY; "
        "OPENAI_API_KEY goes only to OpenAI and OPENAI_BASE_URL].",
    ),
]
ModeOpt = Annotated[
    str,
    typer.Option(
        "--mode",
        envvar="SUMMARIZER_MODE",
        metavar="MODE",
        help="auto, json_schema, json_object, tools or text. auto falls back in that order.",
    ),
]
RecordingsOpt = Annotated[
    Path | None,
    typer.Option("--recordings", metavar="DIR", help="Recordings for --engine replay [default: fixtures/recordings]."),
]
ModelPathOpt = Annotated[
    str | None,
    typer.Option(
        "--model-path",
        envvar="SUMMARIZER_LOCAL_MODEL",
        metavar="FILE",
        help="GGUF file for the embedded engine [default: the bundled Qwen2.5-Coder-0.5B].",
    ),
]
ThreadsOpt = Annotated[
    int | None,
    typer.Option(
        "--threads",
        envvar="SUMMARIZER_THREADS",
        metavar="N",
        min=1,
        help="llama.cpp threads for the embedded engine [default: the cores less one, at most 4].",
    ),
]
StrategyOpt = Annotated[
    str,
    typer.Option(
        "--strategy",
        envvar="SUMMARIZER_STRATEGY",
        metavar="STRATEGY",
        help="auto, single or guided. auto: guided for the embedded model, single otherwise.",
    ),
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the cache (a rerun then starts over).")
]
CacheDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--cache-dir", envvar="SUMMARIZER_CACHE_DIR", metavar="DIR", help="Cache location [default: user cache dir]."
    ),
]
MaxAttemptsOpt = Annotated[
    int,
    typer.Option(
        "--max-attempts",
        envvar="SUMMARIZER_MAX_ATTEMPTS",
        min=1,
        max=10,
        metavar="N",
        help="Calls per pass, repairs included.",
    ),
]
MaxTokensOpt = Annotated[
    int | None,
    typer.Option(
        "--max-tokens", envvar="SUMMARIZER_MAX_TOKENS", min=1, metavar="N", help="Output token limit per call."
    ),
]
TemperatureOpt = Annotated[
    float,
    typer.Option(
        "--temperature",
        envvar="SUMMARIZER_TEMPERATURE",
        min=0.0,
        max=2.0,
        metavar="T",
        help="Sampling temperature.",
    ),
]
TimeoutOpt = Annotated[
    float,
    typer.Option("--timeout", envvar="SUMMARIZER_TIMEOUT", min=0.1, metavar="SECONDS", help="Seconds per request."),
]
RetriesOpt = Annotated[
    int,
    typer.Option(
        "--retries",
        envvar="SUMMARIZER_RETRIES",
        min=0,
        max=20,
        metavar="N",
        help="Transport retries per request (429, 5xx, timeouts).",
    ),
]
ContextTokensOpt = Annotated[
    int | None,
    typer.Option(
        "--context-tokens",
        envvar="SUMMARIZER_CONTEXT_TOKENS",
        min=512,
        metavar="N",
        help="The model's context window; longer articles are summarized in chunks "
        "[default: the embedded model's, or the known model's].",
    ),
]
ChunkOverlapOpt = Annotated[
    int,
    typer.Option("--chunk-overlap", min=0, max=20, metavar="N", help="Sentences repeated between consecutive chunks."),
]
ConcurrencyOpt = Annotated[
    int,
    typer.Option(
        "--concurrency",
        envvar="SUMMARIZER_CONCURRENCY",
        min=1,
        max=1024,
        metavar="N",
        help="Articles in flight at once.",
    ),
]
RpmOpt = Annotated[
    float | None,
    typer.Option("--rpm", envvar="SUMMARIZER_RPM", min=0.001, metavar="N", help="Requests-per-minute budget."),
]
TpmOpt = Annotated[
    float | None,
    typer.Option("--tpm", envvar="SUMMARIZER_TPM", min=1, metavar="N", help="Tokens-per-minute budget."),
]
VerboseOpt = Annotated[
    int,
    typer.Option("--verbose", "-v", count=True, show_default=False, help="-v: progress logs; -vv: debug logs."),
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks.")]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
]


@dataclass
class CliState:
    """What the root command hands every command on ``ctx.obj``, instead of module state."""

    config_file: Path | None = None  # --config as given; None: SUMMARIZER_CONFIG or the user config dir
    file_settings: dict[str, Any] = field(default_factory=dict)  # the config file's, by Settings field
    settings: Settings | None = None  # the running command's, built once by `model_settings`


def cli_state(ctx: typer.Context) -> CliState:
    """The `CliState` the root command made (a fresh one for a command run on its own)."""
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState()
    return root.obj


def model_settings(ctx: typer.Context) -> Settings:
    """The command's model `Settings`, built once from its options.

    Typer has already layered each option (flag > environment > config file, through
    ``ctx.default_map`` > `D`); this only gathers them into one typed object, so no
    dict of options is passed around. Options a command lacks keep `Settings` defaults.
    """
    from dataclasses import fields

    from .config import Settings

    state = cli_state(ctx)
    if state.settings is None:
        params = ctx.params
        names = {f.name for f in fields(Settings)} - {"api_key", "extra", "use_cache", "cache_busy_timeout"}
        values: dict[str, Any] = {name: params[name] for name in names if name in params}
        if "no_cache" in params:
            values["use_cache"] = not params["no_cache"]
        values["cache_busy_timeout"] = busy_timeout_from_env()
        state.settings = Settings(**values)
    return state.settings


def busy_timeout_from_env() -> float | None:
    """SUMMARIZER_CACHE_BUSY_TIMEOUT (seconds to wait for another process's cache write), or None.

    An environment-only knob (no flag): for scripts that would rather skip the cache than
    wait 30 s behind a long writer.

    Raises:
        ConfigError: when the variable is not a non-negative number.
    """
    import os

    from .errors import ConfigError

    env = os.environ.get("SUMMARIZER_CACHE_BUSY_TIMEOUT")
    if not env:
        return None
    try:
        value = float(env)
    except ValueError:
        value = -1.0
    if not value >= 0:  # also refuses nan
        raise ConfigError(f"SUMMARIZER_CACHE_BUSY_TIMEOUT must be a number of seconds, not {env!r}")
    return value


# Every shared model option in help order, declared once: `model_options` adds them to a command.
_MODEL_OPTIONS: dict[str, Any] = {
    "engine": EngineOpt, "model": ModelOpt, "base_url": BaseUrlOpt, "api_key_env": ApiKeyEnvOpt, "mode": ModeOpt,
    "recordings": RecordingsOpt, "model_path": ModelPathOpt, "threads": ThreadsOpt, "strategy": StrategyOpt,
    "no_cache": NoCacheOpt, "cache_dir": CacheDirOpt, "max_attempts": MaxAttemptsOpt, "max_tokens": MaxTokensOpt,
    "temperature": TemperatureOpt, "timeout": TimeoutOpt, "retries": RetriesOpt,
    "context_tokens": ContextTokensOpt, "chunk_overlap": ChunkOverlapOpt,
}  # fmt: skip
_LAST_OPTIONS: dict[str, Any] = {"verbose": VerboseOpt, "debug": DebugOpt}


def model_options(*, without: tuple[str, ...] = ()) -> Callable[[F], F]:
    """Give a command the shared model options (all but `without`), then ``-v`` and ``--debug``.

    The options go into the command's signature after its own, so Typer parses, layers
    (flag > env > config file > default) and documents them as if written out; the
    command reads them through `model_settings(ctx)` and is called only with the
    parameters it declares itself (it may declare a shared one to read it directly).
    """

    def decorate(func: F) -> F:
        own = inspect.signature(func)
        declared = set(own.parameters)
        first = [p for p in own.parameters.values() if p.name not in _LAST_OPTIONS]
        last = [p for p in own.parameters.values() if p.name in _LAST_OPTIONS]
        kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
        shared = [
            inspect.Parameter(name, kind, default=getattr(D, name), annotation=annotation)
            for name, annotation in {**_MODEL_OPTIONS, **_LAST_OPTIONS}.items()
            if name not in declared and name not in without
        ]
        params = first + [p for p in shared if p.name in _MODEL_OPTIONS] + last + [
            p for p in shared if p.name in _LAST_OPTIONS
        ]

        @functools.wraps(func)
        def command(*args: Any, **kwargs: Any) -> Any:
            return func(*args, **{name: value for name, value in kwargs.items() if name in declared})

        command.__signature__ = own.replace(parameters=params)  # type: ignore[attr-defined]
        command.__annotations__ = {p.name: p.annotation for p in params} | {"return": own.return_annotation}
        return command  # type: ignore[return-value]

    return decorate
