"""llama.cpp's own timings of the embedded model's calls, for -v.

Owns reading and resetting llama.cpp's per-context performance counters (prompt
tokens evaluated and generated, and the time each took) through llama-cpp-python's
low-level binding, and logging them per call. Does nothing when the binding lacks them.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from ..models import Usage

__all__ = ["log_perf", "reset_perf"]

log = logging.getLogger("summarizer.engines.local")  # the engine's logger: one switch for -v


def reset_perf(llama: Any) -> None:
    """Start llama.cpp's timings afresh for the next call."""
    with contextlib.suppress(AttributeError, ImportError):
        from llama_cpp import llama_cpp as lib

        lib.llama_perf_context_reset(llama._ctx.ctx)


def log_perf(llama: Any, usage: Usage, threads: int) -> None:
    """-v: prompt and generation speed of the call just made (llama.cpp's own timings)."""
    if not log.isEnabledFor(logging.INFO):
        return
    try:
        from llama_cpp import llama_cpp as lib

        perf = lib.llama_perf_context(llama._ctx.ctx)
    except (AttributeError, ImportError):
        return
    prompt_s, gen_s = perf.t_p_eval_ms / 1000, perf.t_eval_ms / 1000
    reused = max(0, usage.prompt_tokens - perf.n_p_eval)
    log.info(
        "local model: prompt %d tokens (%d reused) in %.2fs, %.0f tokens/s; generated %d tokens in %.2fs, "
        "%.1f tokens/s (%d threads)",
        perf.n_p_eval,
        reused,
        prompt_s,
        perf.n_p_eval / prompt_s if prompt_s > 0 else 0.0,
        perf.n_eval,
        gen_s,
        perf.n_eval / gen_s if gen_s > 0 else 0.0,
        threads,
    )
