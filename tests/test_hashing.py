"""The one canonical-JSON hash behind cache keys and recording fingerprints."""

from __future__ import annotations

import json

from summarizer.cache import cache_key
from summarizer.engines.base import Request
from summarizer.engines.replay import fingerprint
from summarizer.hashing import canonical_json, digest


def test_canonical_json_sorts_keys_at_every_level_and_keeps_text():
    value = {"b": [{"z": 1, "y": None}], "a": 'Grüße, "Welt"'}
    text = canonical_json(value)
    assert text == '{"a":"Grüße, \\"Welt\\"","b":[{"y":null,"z":1}]}'
    assert json.loads(text) == value


def test_digest_is_the_same_for_the_same_data_in_any_key_order():
    a = digest({"b": 1, "a": [1, 2], "c": {"y": "é", "x": None}})
    b = digest({"c": {"x": None, "y": "é"}, "a": [1, 2], "b": 1})
    assert a == b and len(a) == 64 and int(a, 16) >= 0
    assert digest({"a": [2, 1]}) != a


def test_cache_key_values_did_not_change_when_the_hash_moved():
    """Pinned from the recipe before summarizer.hashing existed: users' caches still hit."""
    parts = {
        "messages": [{"role": "user", "content": 'Grüße, "Welt"'}],
        "params": {"temperature": 0.0, "seed": 7},
        "model": None,
    }
    assert cache_key(parts) == "k1:bb9a924ad5dbac28c31aa0a249ab9b84efcaab1cc5e9e16a8058cee94638f9a7"


def test_recording_fingerprints_did_not_change_when_the_hash_moved():
    """Pinned from the recipe before summarizer.hashing existed: recorded fixtures still replay."""
    request = Request(
        messages=[{"role": "system", "content": "Summarise."}, {"role": "user", "content": "Grüße"}],
        schema={"type": "object", "required": ["b", "a"]},
        params={"temperature": 0},
    )
    assert fingerprint(request, {"model": "m", "mode": "json_schema"}) == (
        "r1:4544cd2e3cf2596ec28d86cdc82234f7dea894bc1a89369367ea303f0ee82e77"
    )
