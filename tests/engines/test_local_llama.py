"""What the embedded engine changes in llama-cpp-python, checked without a model."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from summarizer.engines.base import Request
from summarizer.engines.local_llama import has_amx, load_guard, use_checked_grammar

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


class FakeLlama:
    """`Llama._init_sampler` as generate() calls it: keyword arguments, once per generation."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self._init_sampler = self.own_sampler

    def own_sampler(self, **kwargs: Any) -> str:
        self.calls.append(kwargs)
        return "llama-cpp-python's sampler"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"temp": 0.8, "grammar": object(), "logits_processor": None},  # sampled, not greedy
        {"temp": 0.0, "grammar": None, "logits_processor": None},  # no grammar
        {"temp": 0.0, "grammar": object(), "logits_processor": [print]},  # choices read the logits
    ],
    ids=["sampled", "no-grammar", "logits-processor"],
)
def test_other_generations_keep_llama_cpp_pythons_sampler(kwargs: dict[str, Any]) -> None:
    pytest.importorskip("llama_cpp", reason="the `local` extra (llama-cpp-python) is not installed")
    llama = FakeLlama()
    use_checked_grammar(llama, lambda: True)
    assert llama._init_sampler(**kwargs) == "llama-cpp-python's sampler"
    assert llama.calls == [kwargs]


def test_checked_grammar_can_be_turned_off() -> None:
    pytest.importorskip("llama_cpp", reason="the `local` extra (llama-cpp-python) is not installed")
    llama = FakeLlama()
    use_checked_grammar(llama, lambda: False)
    kwargs = {"temp": 0.0, "grammar": object(), "logits_processor": None}
    assert llama._init_sampler(**kwargs) == "llama-cpp-python's sampler"


@pytest.mark.slow  # loads the embedded model
def test_checked_grammar_generates_the_same_reply_checking_far_fewer_tokens(model_path: Path) -> None:
    pytest.importorskip("llama_cpp", reason="the `local` extra (llama-cpp-python) is not installed")
    from summarizer.engines import local

    engine = local.LocalEngine(model_path)
    schema = {"type": "object", "properties": {"summary": {"type": "string"}}, "required": ["summary"]}
    messages = [{"role": "user", "content": 'Describe a harbour strike in two sentences as {"summary": "..."}.'}]
    request = Request(messages=messages, schema=schema, schema_name="summary", params={"max_tokens": 60})
    engine.complete(request)  # loads the model
    loaded = next(m for k, m in local._MODELS.items() if k[0] == str(model_path.resolve()))
    replies = {}
    for checked in (False, True):
        local.CHECKED_GRAMMAR = checked
        # Each from an empty context: a reused prompt prefix is decoded in other batches,
        # which alone can change a greedy reply.
        loaded.llama.reset()
        try:
            replies[checked] = engine.complete(request)
        finally:
            local.CHECKED_GRAMMAR = True
    assert replies[True].text == replies[False].text
    assert replies[True].usage.completion_tokens > 10
    assert loaded.checking is not None and loaded.checking.last is not None
    # Only the tokens the grammar refused were checked against the whole vocabulary.
    assert loaded.checking.last.full_checks < replies[True].usage.completion_tokens / 2


def test_the_model_loads_with_a_batch_of_256_tokens(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """llama.cpp's compute buffer grows with the batch: 302 MB at 512 tokens, 151 MB at 256."""
    import sys

    from summarizer.engines import local

    made: list[dict[str, Any]] = []

    class Llama:
        def __init__(self, **kwargs: Any) -> None:
            made.append(kwargs)
            self._init_sampler = lambda **_: None

    fake = SimpleNamespace(Llama=Llama, llama_cpp=FakeLib())
    monkeypatch.setitem(sys.modules, "llama_cpp", fake)
    monkeypatch.setattr(local, "_set_abort_callback", lambda loaded: None)
    monkeypatch.setattr(local, "use_checked_grammar", lambda llama, enabled: None)
    monkeypatch.setattr(local, "_MODELS", {})
    local._load(tmp_path / "model.gguf", 8192, 1)
    (kwargs,) = made
    assert kwargs["n_batch"] == 256 and kwargs["n_ctx"] == 8192 and kwargs["n_threads"] == 1
