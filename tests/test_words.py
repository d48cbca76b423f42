"""The word tables of the rules are data (strategies/words.toml): read once, checked at import,
hashed by the guided rules fingerprint."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from summarizer.strategies import guided, words

ROOT = Path(__file__).resolve().parent.parent


def test_a_module_that_binds_a_table_the_file_lacks_fails(monkeypatch):
    monkeypatch.setattr(words, "WORDS", words.load_words('[harbour]\nCRANES = ["gantry", "reach"]\n'))
    assert words.word_tables("harbour", "CRANES") == (frozenset({"gantry", "reach"}),)
    with pytest.raises(LookupError, match="TUGS"):
        words.word_tables("harbour", "CRANES TUGS")


def test_a_table_in_the_file_that_the_module_does_not_bind_fails(monkeypatch):
    monkeypatch.setattr(words, "WORDS", words.load_words('[harbour]\nCRANES = ["gantry"]\nTUGS = ["pusher"]\n'))
    with pytest.raises(LookupError, match="TUGS"):
        words.word_tables("harbour", "CRANES")


def test_a_table_must_be_a_list_of_words():
    with pytest.raises(ValueError, match="CRANES"):
        words.load_words('[harbour]\nCRANES = "gantry reach"\n')
    with pytest.raises(ValueError, match="harbour"):
        words.load_words('harbour = ["gantry"]\n')


def test_the_tables_are_read_only():
    for tables in words.WORDS.values():
        with pytest.raises(TypeError):
            tables["EXTRA"] = frozenset()  # type: ignore[index]


def test_every_section_is_bound_by_its_module():
    """A section with no module, or a module attribute that is not the file's table, is a stale file."""
    for section, tables in words.WORDS.items():
        module = importlib.import_module(f"summarizer.strategies.{section}")
        for name, table in tables.items():
            assert getattr(module, name) is table, f"{section}.{name}"


def test_the_fingerprint_follows_the_words_not_the_file(monkeypatch):
    before = guided.rules_fingerprint()
    data = (ROOT / "summarizer" / "strategies" / "words.toml").read_text(encoding="utf-8")
    monkeypatch.setattr(words, "WORDS", words.load_words("# a comment of the file\n" + data))
    assert guided.rules_fingerprint() == before
    monkeypatch.setattr(words, "WORDS", words.load_words(data + '\n[harbour]\nCRANES = ["gantry"]\n'))
    assert guided.rules_fingerprint() != before

