"""The options the commands share, each declared once, and the typed settings they make.

Each shared option is one field of `_Shared`: name, type, default (`D` holds them)
and its ``typer.Option`` (flags, environment variable, metavar, help), built by
`option`, the one factory every command's options go through. `model_options` adds
the model options to a command; the few a command places itself have an alias, e.g.
``concurrency: ConcurrencyOpt = D.concurrency``. summarize, batch, eval, serve and
fixtures record use these, so a flag means the same everywhere and the config file
(whose keys are these parameter names) reaches each command the same way.

The root command puts a `CliState` on ``ctx.obj``; `model_settings(ctx)` turns a
command's options (flags > env > config file > defaults, as typer resolved them) into
one typed `summarizer.config.Settings`, once, for `Summarizer.from_settings`.
Imports nothing heavy, so ``summarizer --help`` stays fast.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, get_type_hints

import typer

if TYPE_CHECKING:
    from .config import Settings

__all__ = [
    "D",
    "CliState",
    "cli_state",
    "model_settings",
    "CacheDirOpt",
    "ConcurrencyOpt",
    "OutputOpt",
    "RpmOpt",
    "TpmOpt",
    "format_option",
    "model_options",
    "option",
]

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def option(*flags: str, help: str, env: str | None = None, metavar: str | None = None, **checks: Any) -> Any:
    """A `typer.Option` as the commands declare theirs.

    Args:
        flags: e.g. ``"--output", "-o"``; none: typer's, from the parameter's name.
        help: the help line.
        env: the environment variable that sets it (shown in the help).
        metavar: the value's name in the help.
        checks: typer's other settings (min, max, count, show_default).
    """
    return typer.Option(*flags, envvar=env, metavar=metavar, help=help, **checks)


def format_option(help: str) -> Any:
    """The ``--format``/``-f`` option of the commands that print a result or a report in a chosen form."""
    return option("--format", "-f", metavar="FORMAT", help=help)


def _shared(default: T, *flags: str, help: str, **settings: Any) -> T:
    """A `_Shared` field: `default` is what `D` holds; the `option` rides in the field's metadata."""
    return field(default=default, metadata={"option": option(*flags, help=help, **settings)})


@dataclass(frozen=True)
class _Shared:
    """Every shared option, declared once, in help order: its name, type, default, flags, env var and help.

    A None default is resolved later, as the help says. `D` holds the defaults.
    """

    # fmt: off
    engine: str = _shared("auto", "--engine", env="SUMMARIZER_ENGINE", metavar="ENGINE",
        help="auto, openai, local or replay. auto: an endpoint when one is configured, else the embedded model.")
    model: str | None = _shared(None, "--model", env="SUMMARIZER_MODEL", metavar="NAME",
        help="Model name at the endpoint [default: gpt-4o-mini].")
    base_url: str | None = _shared(None, "--base-url", env="OPENAI_BASE_URL", metavar="URL",
        help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1.")
    api_key_env: str | None = _shared(None, "--api-key-env", metavar="NAME",
        help="Environment variable holding the key for --base-url [default: SUMMARIZER_API_KEY; "
        "OPENAI_API_KEY goes only to OpenAI and OPENAI_BASE_URL].")
    mode: str = _shared("auto", "--mode", env="SUMMARIZER_MODE", metavar="MODE",
        help="auto, json_schema, json_object, tools or text. auto falls back in that order.")
    recordings: Path | None = _shared(None, "--recordings", metavar="DIR",
        help="Recordings for --engine replay [default: fixtures/recordings].")
    model_path: str | None = _shared(None, "--model-path", env="SUMMARIZER_LOCAL_MODEL", metavar="FILE",
        help="GGUF file for the embedded engine [default: the bundled Qwen2.5-Coder-0.5B].")
    threads: int | None = _shared(None, "--threads", env="SUMMARIZER_THREADS", metavar="N", min=1,
        help="llama.cpp threads for the embedded engine [default: the cores less one, at most 4].")
    strategy: str = _shared("auto", "--strategy", env="SUMMARIZER_STRATEGY", metavar="STRATEGY",
        help="auto, single or guided. auto: guided for the embedded model, single otherwise.")
    no_cache: bool = _shared(False, "--no-cache", help="Neither read nor write the cache (a rerun then starts over).")
    cache_dir: Path | None = _shared(None, "--cache-dir", env="SUMMARIZER_CACHE_DIR", metavar="DIR",
        help="Cache location [default: user cache dir].")
    max_attempts: int = _shared(3, "--max-attempts", env="SUMMARIZER_MAX_ATTEMPTS", metavar="N", min=1, max=10,
        help="Calls per pass, repairs included.")
    max_tokens: int | None = _shared(None, "--max-tokens", env="SUMMARIZER_MAX_TOKENS", metavar="N", min=1,
        help="Output token limit per call.")
    temperature: float = _shared(0.0, "--temperature", env="SUMMARIZER_TEMPERATURE", metavar="T", min=0.0, max=2.0,
        help="Sampling temperature.")
    timeout: float = _shared(120.0, "--timeout", env="SUMMARIZER_TIMEOUT", metavar="SECONDS", min=0.1,
        help="Seconds per request.")
    retries: int = _shared(4, "--retries", env="SUMMARIZER_RETRIES", metavar="N", min=0, max=20,
        help="Transport retries per request (429, 5xx, timeouts).")
    context_tokens: int | None = _shared(None, "--context-tokens", env="SUMMARIZER_CONTEXT_TOKENS", metavar="N",
        min=512, help="The model's context window; longer articles are summarized in chunks "
        "[default: the embedded model's, or the known model's].")
    chunk_overlap: int = _shared(1, "--chunk-overlap", metavar="N", min=0, max=20,
        help="Sentences repeated between consecutive chunks.")
    concurrency: int = _shared(8, "--concurrency", env="SUMMARIZER_CONCURRENCY", metavar="N", min=1, max=1024,
        help="Articles in flight at once.")
    rpm: float | None = _shared(None, "--rpm", env="SUMMARIZER_RPM", metavar="N", min=0.001,
        help="Requests-per-minute budget.")
    tpm: float | None = _shared(None, "--tpm", env="SUMMARIZER_TPM", metavar="N", min=1,
        help="Tokens-per-minute budget.")
    output: Path | None = _shared(None, "--output", "-o", metavar="FILE",
        help="Write to FILE (atomically) instead of stdout.")
    verbose: int = _shared(0, "--verbose", "-v", count=True, show_default=False,
        help="-v: progress logs; -vv: debug logs.")
    debug: bool = _shared(False, "--debug", help="Show tracebacks.")
    # fmt: on


D = _Shared()
_OPTIONS: dict[str, Any] = {f.name: f.metadata["option"] for f in fields(_Shared)}
_TYPES = get_type_hints(_Shared)

# The shared options a command declares itself, in its own place in the help;
# `model_options` adds the others (cache_dir is both: the cache commands declare it).
ConcurrencyOpt = Annotated[int, _OPTIONS["concurrency"]]
RpmOpt = Annotated[float | None, _OPTIONS["rpm"]]
TpmOpt = Annotated[float | None, _OPTIONS["tpm"]]
CacheDirOpt = Annotated[Path | None, _OPTIONS["cache_dir"]]
OutputOpt = Annotated[Path | None, _OPTIONS["output"]]
_DECLARED = ("concurrency", "rpm", "tpm", "output")
_LAST = ("verbose", "debug")  # after a command's own options


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
        first = [p for p in own.parameters.values() if p.name not in _LAST]
        last = [p for p in own.parameters.values() if p.name in _LAST]
        kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
        shared = [
            inspect.Parameter(name, kind, default=getattr(D, name), annotation=Annotated[_TYPES[name], info])
            for name, info in _OPTIONS.items()
            if name not in declared and name not in without and name not in _DECLARED
        ]
        params = first + [p for p in shared if p.name not in _LAST] + last + [p for p in shared if p.name in _LAST]

        @functools.wraps(func)
        def command(*args: Any, **kwargs: Any) -> Any:
            return func(*args, **{name: value for name, value in kwargs.items() if name in declared})

        command.__signature__ = own.replace(parameters=params)  # type: ignore[attr-defined]
        command.__annotations__ = {p.name: p.annotation for p in params} | {"return": own.return_annotation}
        return command  # type: ignore[return-value]

    return decorate
