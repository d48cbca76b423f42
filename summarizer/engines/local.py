"""The embedded engine: a GGUF model run in-process by llama-cpp-python.

Owns loading the model (lazily, once per process and path), turning the request's JSON
Schema into a llama.cpp grammar (through llama-cpp-python's ``json_object`` + ``schema``
response format) so every reply parses, and serialising calls: one model, one
generation at a time. It is what runs when no endpoint is configured.

llama-cpp-python is optional (``pip install 'summarizer[local]'``) and imported only
when a model is first loaded.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import threading
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError, InputError
from ..models import Usage
from .base import Completion, Request

__all__ = ["LocalEngine", "DEFAULT_N_CTX", "NO_LLAMA_MESSAGE"]

# ~1500 words of article (~2000 tokens) plus prompt and a 1-2k token reply fit easily;
# the KV cache of a 0.5B model at 8192 tokens is ~100 MB.
DEFAULT_N_CTX = 8192
DEFAULT_MAX_TOKENS = 1024

# Sampling parameters passed through to llama-cpp-python; anything else in
# `Request.params` (e.g. OpenAI-only options) is ignored here.
_SAMPLING_KEYS = ("temperature", "top_p", "top_k", "min_p", "repeat_penalty", "seed", "max_tokens", "stop")

NO_LLAMA_MESSAGE = (
    "the local engine needs llama-cpp-python, which is not installed. Either install it with "
    "`pip install 'summarizer[local]'`, or configure an OpenAI-compatible endpoint "
    "(--base-url / OPENAI_BASE_URL, and OPENAI_API_KEY if it needs one)."
)


@dataclass
class _Loaded:
    llama: Any  # llama_cpp.Llama
    lock: threading.Lock  # llama.cpp contexts are not thread-safe


# One loaded model per (path, n_ctx) per process: loading costs seconds and ~0.5 GB.
_MODELS: dict[tuple[str, int], _Loaded] = {}
_MODELS_LOCK = threading.Lock()


def _cpu_count() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))  # respects taskset / cgroup cpusets
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _load(path: Path, n_ctx: int, n_threads: int | None) -> _Loaded:
    key = (str(path.resolve()), n_ctx)
    with _MODELS_LOCK:
        loaded = _MODELS.get(key)
        if loaded is not None:
            return loaded
        try:
            import llama_cpp
        except ImportError as exc:
            raise ConfigError(NO_LLAMA_MESSAGE) from exc
        threads = n_threads or _cpu_count()
        try:
            llama = llama_cpp.Llama(
                model_path=str(path),
                n_ctx=n_ctx,
                n_threads=threads,
                n_threads_batch=threads,
                n_batch=512,
                verbose=False,
            )
        except (ValueError, RuntimeError, OSError) as exc:
            raise ConfigError(f"could not load the local model {path}: {exc}") from exc
        loaded = _Loaded(llama=llama, lock=threading.Lock())
        _MODELS[key] = loaded
        return loaded


def _fingerprint(path: Path) -> str:
    """Cheap content fingerprint: size + first and last MiB (header, metadata, last tensors).

    Hashing all ~0.5 GB would add a second or two to every start; this changes whenever
    a different weights file is put at the same path.
    """
    size = path.stat().st_size
    digest = hashlib.sha256(str(size).encode())
    with path.open("rb") as fh:
        digest.update(fh.read(1 << 20))
        fh.seek(max(0, size - (1 << 20)))
        digest.update(fh.read(1 << 20))
    return digest.hexdigest()[:16]


class LocalEngine:
    """Grammar-constrained generation with an in-process llama.cpp model.

    ``model_path`` is a resolved GGUF file (see `model_files.resolve_model_path`). The
    model is loaded on the first call, not at construction, so building an engine is
    cheap and a missing llama-cpp-python is reported only when the engine is used.
    Prompt-prefix reuse is automatic: a ``Llama`` object keeps the KV cache of its last
    prompt and re-evaluates only the tokens after the longest common prefix, so passes
    that start with the same system message and article share that work.
    """

    name = "local"

    def __init__(self, model_path: str | os.PathLike[str], *, n_ctx: int = DEFAULT_N_CTX, n_threads: int | None = None):
        self.path = Path(model_path)
        self.model = self.path.name
        self.n_ctx = n_ctx
        self.n_threads = n_threads
        self._identity: dict[str, Any] | None = None
        # One asyncio lock per event loop, so concurrent coroutines queue here instead
        # of each occupying a worker thread while waiting for the model.
        self._alocks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )

    def identity(self) -> dict[str, Any]:
        if self._identity is None:
            try:
                fingerprint = _fingerprint(self.path)
            except OSError as exc:
                raise ConfigError(f"cannot read the local model {self.path}: {exc}") from exc
            self._identity = {
                "engine": self.name,
                "model": self.model,
                "model_fingerprint": fingerprint,
                "mode": "grammar",
            }
        return dict(self._identity)

    def complete(self, request: Request) -> Completion:
        loaded = _load(self.path, self.n_ctx, self.n_threads)
        kwargs: dict[str, Any] = {"temperature": 0.0, "max_tokens": DEFAULT_MAX_TOKENS, "seed": 0}
        kwargs.update({k: v for k, v in request.params.items() if k in _SAMPLING_KEYS and v is not None})
        with loaded.lock:
            try:
                raw = loaded.llama.create_chat_completion(
                    messages=request.messages,
                    # llama-cpp-python compiles the schema into a GBNF grammar, so the
                    # reply always parses and always has the schema's shape.
                    response_format={"type": "json_object", "schema": request.schema},
                    **kwargs,
                )
            except ValueError as exc:
                if "context window" in str(exc):
                    raise InputError(
                        f"the article is too long for the local model's context of {self.n_ctx} tokens: {exc}"
                    ) from exc
                raise
        choice = raw["choices"][0]
        usage = raw.get("usage") or {}
        return Completion(
            text=choice["message"].get("content") or "",
            usage=Usage(
                prompt_tokens=usage.get("prompt_tokens", 0),
                completion_tokens=usage.get("completion_tokens", 0),
                total_tokens=usage.get("total_tokens", 0),
            ),
            finish_reason=choice.get("finish_reason"),
            mode="grammar",
            raw=raw,
        )

    async def acomplete(self, request: Request) -> Completion:
        loop = asyncio.get_running_loop()
        lock = self._alocks.get(loop)
        if lock is None:
            lock = self._alocks[loop] = asyncio.Lock()
        async with lock:
            return await asyncio.to_thread(self.complete, request)
