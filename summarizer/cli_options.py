"""The options the commands share, each declared once.

Every alias below is an ``Annotated`` type carrying its ``typer.Option`` (flag,
environment variable, metavar, help); a command takes an option by naming the alias
and the default from `D`, e.g. ``engine: EngineOpt = D.engine``. summarize, batch,
eval, serve and fixtures record use these, so a flag means the same everywhere and
the config file (whose keys are these parameter names) reaches each command the same
way. Imports nothing heavy, so ``summarizer --help`` stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

__all__ = [
    "D",
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
    "RecordingsOpt",
    "RetriesOpt",
    "RpmOpt",
    "StrategyOpt",
    "TemperatureOpt",
    "ThreadsOpt",
    "TimeoutOpt",
    "TpmOpt",
    "VerboseOpt",
]


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
