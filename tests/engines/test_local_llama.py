"""What the embedded engine changes in llama-cpp-python, checked without a model."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from summarizer.engines.local_llama import has_amx, load_guard

AMX_CPU = "processor\t: 0\nflags\t\t: fpu sse avx2 avx512f amx_bf16 amx_tile amx_int8\n"
PLAIN_CPU = "processor\t: 0\nflags\t\t: fpu sse avx2 avx512f\n"


class FakeLib:
    """The binding's `llama_model_default_params`, as `Llama()` calls it while loading."""

    def __init__(self) -> None:
        self.llama_model_default_params = self.defaults

    @staticmethod
    def defaults() -> Any:
        return SimpleNamespace(use_extra_bufts=True, n_gpu_layers=0)


def test_amx_is_read_from_the_cpu_flags() -> None:
    assert has_amx(AMX_CPU)
    assert not has_amx(PLAIN_CPU)
    assert not has_amx("model name\t: amx_tile in a name, not a flag\n")


def test_on_an_amx_cpu_the_model_loads_without_weight_repacking() -> None:
    lib = FakeLib()
    with load_guard(lib, AMX_CPU):
        params = lib.llama_model_default_params()
        assert params.use_extra_bufts is False
        assert params.n_gpu_layers == 0  # the other defaults are left alone
    # Restored afterwards: only the load is affected.
    assert lib.llama_model_default_params().use_extra_bufts is True


def test_elsewhere_weight_repacking_stays_on() -> None:
    lib = FakeLib()
    with load_guard(lib, PLAIN_CPU):
        assert lib.llama_model_default_params().use_extra_bufts is True


def test_the_defaults_are_restored_when_the_load_fails() -> None:
    lib = FakeLib()
    try:
        with load_guard(lib, AMX_CPU):
            raise ValueError("could not load")
    except ValueError:
        pass
    assert lib.llama_model_default_params().use_extra_bufts is True
