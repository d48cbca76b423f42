"""The embedded engine: a GGUF model run in-process by llama-cpp-python.

Owns loading the model (lazily, once per process, path and thread count), turning the
request's JSON Schema into a llama.cpp grammar (through llama-cpp-python's
``json_object`` + ``schema`` response format) so every reply parses, answering closed
questions from the first token's log-probabilities, and serialising calls: one model,
one generation at a time. It is what runs when no endpoint is configured.

Generation runs in a worker thread while the caller waits, so Ctrl-C (or cancelling
the awaiting task) is seen at once; it then sets an abort flag that llama.cpp checks
during every decode (``llama_set_abort_callback``), so the generation in flight stops
within one step instead of running to its end.

llama-cpp-python is optional (``pip install 'summarizer[local]'``) and imported only
when a model is first loaded.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..errors import ConfigError, InputError
from ..models import Usage
from .base import Completion, Request
from .labels import label_logprobs
from .local_llama import Checking, load_guard, use_checked_grammar
from .local_perf import log_perf, reset_perf

__all__ = ["DEFAULT_N_CTX", "NO_LLAMA_MESSAGE", "LocalEngine", "default_threads"]

log = logging.getLogger(__name__)

T = TypeVar("T")

# ~1500 words of article (~2000 tokens) plus prompt and a 1-2k token reply fit easily;
# the KV cache of a 0.5B model at 8192 tokens is ~100 MB.
DEFAULT_N_CTX = 8192
DEFAULT_MAX_TOKENS = 1024
# Prompt tokens per decode. llama.cpp reserves its compute buffer for a whole batch: 302 MB at
# 512, 151 MB at 256 (measured, this model, context 8192); peak RSS 742 -> 719 MB, and prompt
# evaluation on one thread no slower (565 tokens: 7.3-7.5 s at 512, 5.8-6.9 s at 256, load 3-5).
N_BATCH = 256
# How long an interrupted caller waits for the generation to notice the abort flag
# (measured: about 0.03 s; llama.cpp checks it between the graph's operations).
_ABORT_GRACE = 5.0

# Greedy replies check the grammar against the best token only (`local_llama.CheckedGrammar`):
# the same tokens, measured about a third faster for the summary question on one thread.
CHECKED_GRAMMAR = True

# Sampling parameters passed through to llama-cpp-python; anything else in
# `Request.params` (e.g. OpenAI-only options) is ignored here.
_SAMPLING_KEYS = ("temperature", "top_p", "top_k", "min_p", "repeat_penalty", "seed", "max_tokens", "stop")

NO_LLAMA_MESSAGE = (
    "the local engine needs llama-cpp-python, which is not installed. Either install it with "
    "`pip install 'summarizer[local]'`, or configure an OpenAI-compatible endpoint "
    "(--base-url / OPENAI_BASE_URL, and OPENAI_API_KEY if it needs one)."
)


class _Aborted(Exception):
    """The generation was stopped by its caller (Ctrl-C, a cancelled task)."""


@dataclass
class _Loaded:
    llama: Any  # llama_cpp.Llama
    threads: int
    lock: threading.Lock = field(default_factory=threading.Lock)  # llama.cpp contexts are not thread-safe
    abort: threading.Event | None = None  # the running generation's abort flag
    callback: Any = None  # the ctypes abort callback; kept referenced while the model lives
    label_tokens: dict[tuple[str, ...], list[tuple[str, int]]] = field(default_factory=dict)
    checking: Checking | None = None  # the grammar-checked greedy sampler's last generation


# One loaded model per (path, n_ctx, threads) per process: loading costs seconds and ~0.5 GB.
_MODELS: dict[tuple[str, int, int], _Loaded] = {}
_MODELS_LOCK = threading.Lock()


def _cpu_count() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))  # respects taskset / cgroup cpusets
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def default_threads(cpus: int | None = None) -> int:
    """llama.cpp threads when none are configured: one core left for everything else, at most 4.

    llama.cpp's threads spin while they wait for each other, so one thread per core
    collapses as soon as anything else wants a core: on this project's 2-core machine
    with one other CPU-bound process, 2 threads took several times as long per
    article as 1 thread, while idle 2 threads gained much less (README, "The embedded
    model"). Beyond 4, a 0.5B model gains little and memory bandwidth is the limit.
    """
    n = _cpu_count() if cpus is None else cpus
    return max(1, min(n - 1, 4))


def _set_abort_callback(loaded: _Loaded) -> None:
    """Have llama.cpp poll the running generation's abort flag during each decode."""
    try:
        from llama_cpp import llama_cpp as lib

        @lib.ggml_abort_callback  # type: ignore[untyped-decorator]
        def should_abort(_data: Any) -> bool:
            flag = loaded.abort
            return flag is not None and flag.is_set()

        lib.llama_set_abort_callback(loaded.llama._ctx.ctx, should_abort, None)
        loaded.callback = should_abort
    except (AttributeError, ImportError, TypeError) as exc:  # an older or newer binding
        log.debug("no llama.cpp abort callback (%s): Ctrl-C waits for the current step", exc)


def _load(path: Path, n_ctx: int, n_threads: int | None) -> _Loaded:
    threads = n_threads or default_threads()
    key = (str(path.resolve()), n_ctx, threads)
    with _MODELS_LOCK:
        loaded = _MODELS.get(key)
        if loaded is not None:
            return loaded
        try:
            import llama_cpp
        except ImportError as exc:
            raise ConfigError(NO_LLAMA_MESSAGE) from exc
        started = time.perf_counter()
        try:
            with load_guard(llama_cpp.llama_cpp):
                llama = llama_cpp.Llama(
                    model_path=str(path),
                    n_ctx=n_ctx,
                    n_threads=threads,
                    n_threads_batch=threads,
                    n_batch=N_BATCH,
                    verbose=False,
                )
        except (ValueError, RuntimeError, OSError) as exc:
            raise ConfigError(f"could not load the local model {path}: {exc}") from exc
        log.info(
            "loaded the local model %s in %.1fs (%d threads, context %d tokens)",
            path.name,
            time.perf_counter() - started,
            threads,
            n_ctx,
        )
        loaded = _Loaded(llama=llama, threads=threads)
        _set_abort_callback(loaded)
        loaded.checking = use_checked_grammar(llama, lambda: CHECKED_GRAMMAR)
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


def _run_interruptibly(fn: Callable[[], T], abort: threading.Event) -> T:
    """Run `fn` in a worker thread; on Ctrl-C in the caller, raise the abort flag and
    re-raise once the worker has stopped (or after a grace period)."""
    box: dict[str, Any] = {}
    done = threading.Event()

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as err:  # noqa: BLE001 - handed to the caller below
            box["error"] = err
        finally:
            done.set()

    threading.Thread(target=target, name="summarizer-llama", daemon=True).start()
    try:
        done.wait()  # a signal interrupts this wait at once, unlike a call into llama.cpp
    except BaseException:
        abort.set()
        done.wait(_ABORT_GRACE)
        raise
    if "error" in box:
        raise box["error"]
    value: T = box["value"]
    return value


class LocalEngine:
    """Grammar-constrained generation with an in-process llama.cpp model.

    ``model_path`` is a resolved GGUF file (see `model_files.resolve_model_path`). The
    model is loaded on the first call, not at construction, so building an engine is
    cheap and a missing llama-cpp-python is reported only when the engine is used.
    Prompt-prefix reuse is automatic: a ``Llama`` object keeps the KV cache of its last
    prompt and re-evaluates only the tokens after the longest common prefix, so passes
    that start with the same system message and article share that work.

    Args:
        model_path: the GGUF file.
        n_ctx: the context window in tokens.
        n_threads: llama.cpp threads; None picks `default_threads()` (see there why).
    """

    name = "local"

    def __init__(self, model_path: str | os.PathLike[str], *, n_ctx: int = DEFAULT_N_CTX, n_threads: int | None = None):
        if n_threads is not None and n_threads < 1:
            raise ConfigError(f"threads must be 1 or more, not {n_threads}")
        self.path = Path(model_path)
        self.model = self.path.name
        self.n_ctx = n_ctx
        self.n_threads = n_threads
        self._identity: dict[str, Any] | None = None
        # One asyncio lock per event loop, so concurrent coroutines queue here instead
        # of each occupying a worker thread while waiting for the model.
        self._alocks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = weakref.WeakKeyDictionary()

    def identity(self) -> dict[str, Any]:
        # Threads are not here: they change the speed, not the answer.
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
        abort = threading.Event()
        return _run_interruptibly(lambda: self._generate(request, abort), abort)

    async def acomplete(self, request: Request) -> Completion:
        loop = asyncio.get_running_loop()
        lock = self._alocks.get(loop)
        if lock is None:
            lock = self._alocks[loop] = asyncio.Lock()
        async with lock:
            abort = threading.Event()
            work = asyncio.ensure_future(asyncio.to_thread(self._generate, request, abort))
            try:
                return await asyncio.shield(work)
            except asyncio.CancelledError:
                abort.set()  # the thread cannot be cancelled; the generation can
                with contextlib.suppress(BaseException):
                    await asyncio.wait_for(asyncio.shield(work), _ABORT_GRACE)
                raise

    # ------------------------------------------------------------------ the worker side

    def _generate(self, request: Request, abort: threading.Event) -> Completion:
        loaded = _load(self.path, self.n_ctx, self.n_threads)
        with loaded.lock:
            if abort.is_set():
                raise _Aborted
            loaded.abort = abort
            reset_perf(loaded.llama)
            try:
                if request.choices is not None:
                    return self._choose(loaded, request)
                return self._fill_schema(loaded, request)
            except RuntimeError as exc:
                if abort.is_set():  # "llama_decode returned 2": aborted on request
                    raise _Aborted from exc
                raise
            finally:
                loaded.abort = None

    def _fill_schema(self, loaded: _Loaded, request: Request) -> Completion:
        kwargs: dict[str, Any] = {"temperature": 0.0, "max_tokens": DEFAULT_MAX_TOKENS, "seed": 0}
        kwargs.update({k: v for k, v in request.params.items() if k in _SAMPLING_KEYS and v is not None})
        try:
            raw = loaded.llama.create_chat_completion(
                messages=request.messages,
                # llama-cpp-python compiles the schema into a GBNF grammar, so the
                # reply always parses and always has the schema's shape.
                response_format={"type": "json_object", "schema": request.schema},
                **kwargs,
            )
        except ValueError as exc:
            raise self._too_long(exc) from exc
        completion = _completion(raw)
        log_perf(loaded.llama, completion.usage, loaded.threads)
        return completion

    def _choose(self, loaded: _Loaded, request: Request) -> Completion:
        """One token, greedy; each label's log-probability read from the full distribution."""
        import numpy as np
        from llama_cpp import LogitsProcessorList

        labels = request.choices or ()
        first: list[Any] = []

        def capture(_input_ids: Any, scores: Any) -> Any:
            if not first:  # the logits of the reply's first token, before any sampling
                first.append(np.array(scores, dtype=np.float64, copy=True))
            return scores

        kwargs = {k: v for k, v in request.params.items() if k in ("seed", "stop") and v is not None}
        try:
            raw = loaded.llama.create_chat_completion(
                messages=request.messages,
                max_tokens=1,
                temperature=0.0,
                logits_processor=LogitsProcessorList([capture]),
                **kwargs,
            )
        except ValueError as exc:
            raise self._too_long(exc) from exc
        completion = _completion(raw)
        if first:
            logits = first[0]
            top = float(logits.max())
            logprobs = logits - (top + float(np.log(np.exp(logits - top).sum())))
            candidates = [(text, float(logprobs[token])) for text, token in self._label_tokens(loaded, labels)]
            completion.choice_logprobs = label_logprobs(candidates, labels)
        else:  # no logits seen (a binding that skips processors): what was generated
            completion.choice_logprobs = label_logprobs([(completion.text, 0.0)], labels)
        log_perf(loaded.llama, completion.usage, loaded.threads)
        return completion

    @staticmethod
    def _label_tokens(loaded: _Loaded, labels: tuple[str, ...]) -> list[tuple[str, int]]:
        """(token text, token id) of each label's first token, with and without a leading space."""
        known = loaded.label_tokens.get(labels)
        if known is None:
            known = []
            for label in labels:
                for form in (label, " " + label):
                    ids = loaded.llama.tokenize(form.encode("utf-8"), add_bos=False, special=False)
                    if ids:
                        text = loaded.llama.detokenize(ids[:1]).decode("utf-8", "replace")
                        if (text, ids[0]) not in known:
                            known.append((text, int(ids[0])))
            loaded.label_tokens[labels] = known
        return known

    def _too_long(self, exc: ValueError) -> Exception:
        if "context window" in str(exc):
            return InputError(f"the article is too long for the local model's context of {self.n_ctx} tokens: {exc}")
        return exc


def _completion(raw: dict[str, Any]) -> Completion:
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
