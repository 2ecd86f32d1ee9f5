"""The JSON output of both result types follows its shipped, versioned JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import jdmatch
from jdmatch.model import MODEL
from jdmatch.reporting import SCHEMA_VERSION, multi_report_schema, report_schema
from jdmatch.resume_sections import SECTION_TYPES

JD = """Senior Machine Learning Engineer
Requirements
5+ years of Python; PyTorch, Kubernetes, feature stores and gradient boosting.
Nice to have
Kafka is a plus.
About us
We are an equal opportunity employer.
"""
RESUME = "Skills\nPython, SQL\nExperience\n- Cut latency 30% with XGBoost models on Kubernetes."
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SHARED_DEFS = (
    "pillar", "requirement", "evidence", "status", "section", "start_here_row",
    "pillar_coverage", "pillar_counts", "schedule_item", "schedule", "level_counts",
    "resume_reading",
)  # fmt: skip


@pytest.fixture(scope="module", params=["single", "many"])
def schema(request):
    schema = report_schema() if request.param == "single" else multi_report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


@pytest.fixture(scope="module")
def many():
    postings = sorted((EXAMPLES / "postings").glob("*.txt"))
    return jdmatch.analyze_many([*postings, "We sell garden furniture."], RESUME)


def test_report_json_matches_the_schema():
    data = json.loads(jdmatch.analyze(JD, RESUME).to_json())
    assert data["schema_version"] == SCHEMA_VERSION
    jsonschema.validate(data, report_schema())
    assert {row["status"] for row in data["study_plan"]} >= {"gap", "review", "partial"}


def test_example_report_matches_the_schema():
    report = jdmatch.analyze(
        EXAMPLES / "postings" / "ml_engineer_jd.txt", EXAMPLES / "sample_resume.pdf"
    )
    for top in (None, 5):
        jsonschema.validate(json.loads(report.to_json(top=top)), report_schema())


def test_many_postings_json_matches_its_own_schema(many):
    for top in (None, 2):
        data = json.loads(many.to_json(top=top, weeks=3, hours_per_week=6))
        jsonschema.validate(data, multi_report_schema())
    assert data["kind"] == "many"
    assert data["skipped"][0]["reason"]
    assert len(data["ranking"]) == 2
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(json.loads(many.to_json()), report_schema())


def test_schema_rejects_a_changed_layout(many):
    data = jdmatch.analyze(JD, RESUME).to_dict()
    data["score"] = "high"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, report_schema())
    pooled = many.to_dict()
    del pooled["resume_reading"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(pooled, multi_report_schema())


def test_both_schemas_define_their_shared_parts_identically():
    single, pooled = report_schema()["$defs"], multi_report_schema()["$defs"]
    for name in SHARED_DEFS:
        assert single[name] == pooled[name], name


def test_schema_enums_follow_the_model(schema):
    properties, defs = schema["properties"], schema["$defs"]
    roles = (
        properties["role"]["enum"]
        if "role" in properties
        else defs["ranking_row"]["properties"]["role"]["enum"]
    )
    assert roles == list(MODEL.roles)
    assert defs["pillar"]["enum"] == list(MODEL.pillars)
    assert defs["pillar_coverage"]["required"] == list(MODEL.pillars)
    assert defs["pillar_counts"]["required"] == list(MODEL.pillars)
    assert defs["requirement"]["enum"] == list(MODEL.requirement_levels)
    assert defs["evidence"]["enum"] == list(MODEL.evidence_levels)
    assert defs["status"]["enum"] == list(MODEL.statuses)
    section_type = defs["resume_reading"]["properties"]["sections"]["items"]["properties"]
    assert section_type["type"]["enum"] == list(SECTION_TYPES)
    assert properties["schema_version"] == {"const": SCHEMA_VERSION}
    if "score_meaning" in properties:
        band = properties["score_meaning"]["properties"]["fit_band"]["enum"]
        assert band == [*MODEL.bands, None]
        assert defs["fit"]["properties"]["degree_level"] == {"$ref": "#/$defs/requirement"}
