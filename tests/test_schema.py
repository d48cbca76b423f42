"""JSON Schemas: `summarizer schema`, the exported files in schemas/, and strict-mode compatibility."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import ROOT

from summarizer.models import ArticleSummary, ModelOutput, inline_schema

EXPORTS = {
    "article_summary.schema.json": [],
    "model_output.schema.json": ["--model-output"],
}


def test_schema_command_prints_result_schema(cli):
    result = cli("schema")
    assert result.exit_code == 0 and result.stderr == ""
    assert json.loads(result.stdout) == ArticleSummary.model_json_schema()


def test_schema_command_model_output(cli):
    result = cli("schema", "--model-output")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == inline_schema(ModelOutput)


@pytest.mark.parametrize("name", list(EXPORTS))
def test_schema_exported_files_are_in_sync(cli, name):
    flags = EXPORTS[name]
    command = " ".join(["summarizer schema", *flags, f"> schemas/{name}"])
    path = ROOT / "schemas" / name
    assert path.is_file(), f"schemas/{name} is missing; regenerate it with: {command}"
    printed = cli("schema", *flags).stdout
    assert path.read_text(encoding="utf-8") == printed, f"schemas/{name} is out of date; regenerate it with: {command}"


def _objects(node: Any, where: str = "$"):
    if isinstance(node, dict):
        if node.get("type") == "object" or "properties" in node:
            yield where, node
        for key, value in node.items():
            yield from _objects(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _objects(value, f"{where}[{i}]")


def _keywords(node: Any):
    """Every schema keyword used, property names excluded (a field may be called "title")."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties":
                for sub in value.values():
                    yield from _keywords(sub)
            else:
                yield key
                yield from _keywords(value)
    elif isinstance(node, list):
        for value in node:
            yield from _keywords(value)


def test_model_output_schema_fits_strict_structured_outputs():
    schema = inline_schema(ModelOutput)
    objects = list(_objects(schema))
    assert len(objects) >= 6  # root, actor, stance, event, follow-up, evidence
    for where, obj in objects:
        assert obj.get("additionalProperties") is False, where
        assert sorted(obj["required"]) == sorted(obj["properties"]), f"{where}: every field must be required"
    assert not set(_keywords(schema)) & {"$ref", "$defs", "default", "title"}


def test_model_output_schema_describes_fields_for_the_model():
    props = inline_schema(ModelOutput)["properties"]
    evidence = props["events"]["items"]["properties"]["evidence"]["items"]["properties"]
    assert "verbatim" in evidence["quote"]["description"]
    assert "sentence" in evidence["sentence"]["description"]
    assert props["key_points"]["maxItems"] == 5
    assert "person" in props["actors"]["items"]["properties"]["kind"]["enum"]


def test_result_schema_has_code_derived_fields():
    defs = ArticleSummary.model_json_schema()["$defs"]
    assert {"start", "end"} <= set(defs["GroundedEvidence"]["properties"])
    assert {"quad_class", "date_resolved_by"} <= set(defs["ResultEvent"]["properties"])
    assert {"prompt_hash", "schema_version", "usage", "attempts", "cached"} <= set(defs["Provenance"]["properties"])


def test_model_output_schema_requires_evidence_for_every_claim():
    """minItems is accepted by OpenAI strict structured outputs (as maxItems on key_points already is)."""
    props = inline_schema(ModelOutput)["properties"]
    for section in ("stances", "events", "follow_ups"):
        evidence = props[section]["items"]["properties"]["evidence"]
        assert evidence["minItems"] == 1, section
    assert (
        "at least three"
        in props["events"]["items"]["properties"]["evidence"]["items"]["properties"]["quote"]["description"]
    )


def test_result_schema_marks_ambiguous_dates():
    defs = ArticleSummary.model_json_schema()["$defs"]
    assert defs["ResultEvent"]["properties"]["date_ambiguous"]["type"] == "boolean"
    assert defs["ResultFollowUp"]["properties"]["due_ambiguous"]["type"] == "boolean"
