"""What the embedded engine changes in llama-cpp-python's `Llama`: how it loads on AMX
CPUs, and a faster sampler for grammar-constrained greedy replies.

Owns the load-time guard against weight repacking on AMX machines (`load_guard`) and
the grammar-checked greedy sampler (`use_checked_grammar`). Does not load models,
build requests or read replies (`local.py`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["has_amx", "load_guard", "no_weight_repacking"]


def has_amx(cpuinfo: str | None = None) -> bool:
    """Whether the CPU advertises AMX tiles (the ``amx_tile`` flag of /proc/cpuinfo)."""
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    return any(line.startswith("flags") and "amx_tile" in line.split() for line in cpuinfo.splitlines())


@contextlib.contextmanager
def no_weight_repacking(lib: Any) -> Iterator[None]:
    """While a `Llama` loads: llama.cpp's extra buffer types (weight repacking) off.

    `Llama()` takes no such argument, so the binding's default model parameters are
    wrapped for the duration (callers hold the engine's load lock).
    """
    original = lib.llama_model_default_params

    def params() -> Any:
        p = original()
        if hasattr(p, "use_extra_bufts"):
            p.use_extra_bufts = False
        return p

    lib.llama_model_default_params = params
    try:
        yield
    finally:
        lib.llama_model_default_params = original


def load_guard(lib: Any, cpuinfo: str | None = None) -> contextlib.AbstractContextManager[None]:
    """The context a model loads in: without weight repacking on an AMX CPU.

    Measured on this project's 2-core VM (a Xeon with AMX): llama-cpp-python 0.3.36, built
    natively, repacks the Q4_K weights for AMX at load and then segfaults in the first
    decode (1 or 2 threads, any prompt); with repacking off it runs. Elsewhere repacking
    stays on: it speeds up prompt evaluation where it works.
    """
    return no_weight_repacking(lib) if has_amx(cpuinfo) else contextlib.nullcontext()
