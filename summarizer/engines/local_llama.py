"""What the embedded engine changes in llama-cpp-python's `Llama`: how it loads on AMX
CPUs, and a faster sampler for grammar-constrained greedy replies.

Owns the load-time guard against weight repacking on AMX machines (`load_guard`) and
the grammar-checked greedy sampler (`use_checked_grammar`). Does not load models,
build requests or read replies (`local.py`).
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["CheckedGrammar", "Checking", "has_amx", "load_guard", "no_weight_repacking", "use_checked_grammar"]

log = logging.getLogger("summarizer.engines.local")


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


class CheckedGrammar:
    """Greedy decoding under a grammar that checks only the best token, as llama.cpp's own
    sampler does: the grammar is applied to the whole vocabulary only when it rejects it.

    llama-cpp-python applies the grammar to every token of the vocabulary (151,936 for
    Qwen2.5) before each greedy pick. Measured on one thread: 30-45 ms per generated token
    on top of the 70-100 ms decode, for the summary question about a third of its time.
    The token picked is the same: the best-scoring token the grammar allows (first of
    equals, as the greedy sampler picks). Runs as a sampler between llama-cpp-python's
    penalties and greedy samplers, in place of its grammar sampler.
    """

    def __init__(self, lib: Any, vocab: Any, grammar: str, root: str):
        import numpy as np

        self._np = np
        self._lib = lib
        self._sampler = lib.llama_sampler_init_grammar(vocab, grammar.encode("utf-8"), root.encode("utf-8"))
        if not self._sampler:
            raise ValueError("llama.cpp could not parse the grammar")
        self._one = (lib.llama_token_data * 1)()
        self._one_array = lib.llama_token_data_array(data=self._one, size=1, selected=-1, sorted=False)
        self._dtype = np.dtype([("id", np.intc), ("logit", np.single), ("p", np.single)], align=True)
        self.full_checks = 0  # how often the best token was refused (the whole vocabulary checked)

    def apply(self, cur_p: Any) -> None:
        array = cur_p.contents
        buffer = (self._lib.llama_token_data * array.size).from_address(ctypes.addressof(array.data.contents))
        view = self._np.frombuffer(buffer, dtype=self._dtype)
        try:
            refused = self._refused(view)
        except Exception:  # noqa: BLE001 - a ctypes callback cannot raise: check every token
            refused = True
        if refused:
            self.full_checks += 1
            self._lib.llama_sampler_apply(self._sampler, cur_p)
        self._lib.llama_sampler_accept(self._sampler, int(view["id"][int(view["logit"].argmax())]))

    def _refused(self, view: Any) -> bool:
        """Whether the grammar refuses the best-scoring token."""
        best = int(view["logit"].argmax())
        one = self._one[0]
        one.id, one.logit, one.p = int(view["id"][best]), float(view["logit"][best]), 0.0
        self._one_array.size, self._one_array.selected, self._one_array.sorted = 1, -1, False
        self._lib.llama_sampler_apply(self._sampler, ctypes.byref(self._one_array))
        return math.isinf(one.logit) and one.logit < 0

    def close(self) -> None:
        if self._sampler:
            self._lib.llama_sampler_free(self._sampler)
            self._sampler = None


@dataclass
class Checking:
    """The sampler of `use_checked_grammar`'s last generation, while it lives (for -v and tests)."""

    last: CheckedGrammar | None = None


def use_checked_grammar(llama: Any, enabled: Callable[[], bool]) -> Checking:
    """Have `llama` decode greedy grammar-constrained replies with `CheckedGrammar`.

    Wraps its sampler set-up (`Llama._init_sampler`, called once per generation); any
    other generation (sampled, with logits processors, without a grammar) or a binding
    without the expected parts keeps llama-cpp-python's own sampler.
    """
    from llama_cpp import llama_cpp as lib
    from llama_cpp._internals import LlamaSampler

    original = llama._init_sampler
    checking = Checking()

    def init_sampler(**kwargs: Any) -> Any:
        grammar = kwargs.get("grammar")
        if checking.last is not None:
            checking.last.close()
            checking.last = None
        if grammar is None or kwargs.get("temp") != 0.0 or kwargs.get("logits_processor") or not enabled():
            return original(**kwargs)
        try:
            checked = CheckedGrammar(lib, llama._model.vocab, grammar._grammar, grammar._root)
            sampler = LlamaSampler()  # type: ignore[no-untyped-call]
            sampler.add_penalties(
                n_vocab=llama._n_vocab,
                penalty_last_n=llama.last_n_tokens_size,
                penalty_repeat=kwargs.get("repeat_penalty", 1.0),
                penalty_freq=kwargs.get("frequency_penalty", 0.0),
                penalty_present=kwargs.get("presence_penalty", 0.0),
            )
            sampler.add_custom(checked.apply)
            sampler.add_greedy()  # type: ignore[no-untyped-call]
        except (AttributeError, TypeError, ValueError) as exc:  # another binding version
            log.debug("llama-cpp-python's own grammar sampler (%s)", exc)
            return original(**kwargs)
        checking.last = checked
        return sampler

    llama._init_sampler = init_sampler
    return checking
