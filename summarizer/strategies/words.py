"""The closed classes of words the rules read, as data: ``words.toml``, one section per rules
module, loaded once here.

A module binds its tables by name in one statement::

    _LIGHT, _STATIVE = word_tables("guided_events", "_LIGHT _STATIVE")

so a table the file lacks, or one the module does not bind, is an error when the module is
imported, not when a rule first reads it. The guided rules fingerprint hashes `WORDS` (the
words, not the file: a comment edit keeps the cache).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType

__all__ = ["WORDS", "load_words", "rule_tables", "word_tables"]

DATA = "words.toml"


def load_words(text: str) -> Mapping[str, Mapping[str, frozenset[str]]]:
    """Sections of tables of words from TOML text, read-only.

    Raises:
        ValueError: a value is not a list of strings.
    """
    out: dict[str, Mapping[str, frozenset[str]]] = {}
    for section, tables in tomllib.loads(text).items():
        if not isinstance(tables, dict):
            raise ValueError(f"{DATA}: {section!r} is not a section of tables")
        for name, words in tables.items():
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise ValueError(f"{DATA}: [{section}] {name} is not a list of strings")
        out[section] = MappingProxyType({name: frozenset(words) for name, words in tables.items()})
    return MappingProxyType(out)


WORDS = load_words(resources.files(__package__).joinpath(DATA).read_text(encoding="utf-8"))


def word_tables(section: str, names: str) -> tuple[frozenset[str], ...]:
    """The tables `names` (space-separated) of `section`, in that order.

    Raises:
        LookupError: the section's tables are not exactly `names` (one missing from the
            file, or one in the file that the module does not bind).
    """
    wanted = names.split()
    have = WORDS.get(section, {})
    missing, extra = sorted(set(wanted) - set(have)), sorted(set(have) - set(wanted))
    if missing or extra or len(set(wanted)) != len(wanted):
        raise LookupError(f"{DATA} [{section}]: missing {missing}, not bound by the module {extra}, asked {wanted}")
    return tuple(have[name] for name in wanted)


def rule_tables() -> list[object]:
    """Every table of the file, for the guided strategy's rules fingerprint."""
    return [
        (section, name, sorted(words))
        for section, tables in sorted(WORDS.items())
        for name, words in sorted(tables.items())
    ]
