"""Every closed class of words the guided rules read is part of `rules_fingerprint()`, so a
change to one of them moves the cache key (and the version-bump test asks for a new version)."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from types import ModuleType

from summarizer import strategies
from summarizer.strategies import fallback, guided

# Not hashed on purpose: export lists; what every request carries, so the request's own key has
# it: the summary's JSON schema and the closed questions' answer letters.
NOT_RULES = {"__all__", "SUMMARY_SCHEMA", "LABELS"}


def _assigned(module: ModuleType) -> set[str]:
    """Names the module assigns at its top level (not those it imports)."""
    tree = ast.parse(inspect.getsource(module))
    out: set[str] = set()
    for node in tree.body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        out |= {t.id for t in targets if isinstance(t, ast.Name)}
    return out


def _word_tables(module: ModuleType) -> Iterator[tuple[str, frozenset[str]]]:
    """The module's own constants that are collections of strings (a dict by its keys)."""
    for name in sorted(_assigned(module) - NOT_RULES):
        value = getattr(module, name)
        if isinstance(value, dict):
            value = list(value)
        if isinstance(value, frozenset | set | tuple | list) and value and all(isinstance(v, str) for v in value):
            yield name, frozenset(value)


def _hashed(tables: object, out: set[frozenset[str]]) -> set[frozenset[str]]:
    """Every collection of strings inside the hashed tables (a list of pairs by its first items)."""
    if isinstance(tables, list | tuple):
        if tables and all(isinstance(t, str) for t in tables):
            out.add(frozenset(tables))
        if tables and all(isinstance(t, tuple) and t and isinstance(t[0], str) for t in tables):
            out.add(frozenset(t[0] for t in tables))
        for t in tables:
            _hashed(t, out)
    return out


def test_every_word_table_of_the_strategies_is_in_the_fingerprint():
    hashed = _hashed(guided.rule_tables(), set())
    hashed |= _hashed(fallback.rule_tables(), set())
    missing = []
    for info in pkgutil.iter_modules(strategies.__path__):
        module = importlib.import_module(f"summarizer.strategies.{info.name}")
        missing += [f"{info.name}.{name}" for name, words in _word_tables(module) if words not in hashed]
    assert missing == [], missing


# Modules other branches are editing now; their inline word sets are listed in the report (#12).
EDITED_ELSEWHERE = {"guided_events", "parse_actors", "parse_coref", "parse_groups"}
# What a token is compared as when the comparison is about its words (not its labels).
WORD_ATTRIBUTES = {"lower_", "text", "lemma_", "norm_", "orth_"}


def _about_words(node: ast.expr) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr in WORD_ATTRIBUTES
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "lower"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id in ("lemma", "date_prep")
    return isinstance(node, ast.Name) and node.id in ("lemma", "low", "word", "prep")


def test_no_rule_tests_a_token_against_an_inline_set_of_words():
    """A set written inline in a rule ("in ('call', 'press')") escapes the fingerprint: name it."""
    inline = []
    for info in pkgutil.iter_modules(strategies.__path__):
        if info.name in EDITED_ELSEWHERE:
            continue
        module = importlib.import_module(f"summarizer.strategies.{info.name}")
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if isinstance(node, ast.Compare) and _about_words(node.left):
                inline += [
                    f"{info.name}:{node.lineno}: {ast.unparse(node)}"
                    for op, right in zip(node.ops, node.comparators, strict=True)
                    if isinstance(op, ast.In | ast.NotIn) and isinstance(right, ast.Tuple | ast.Set | ast.List)
                ]
    assert inline == [], inline
