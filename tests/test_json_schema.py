"""The JSON output follows the shipped, versioned JSON Schema."""

from __future__ import annotations

import json

import jsonschema
import pytest

import jdmatch
from jdmatch.reporting import SCHEMA_VERSION, report_schema

JD = """Senior Machine Learning Engineer
Requirements
5+ years of Python; PyTorch, Kubernetes, feature stores and gradient boosting.
Nice to have
Kafka is a plus.
About us
We are an equal opportunity employer.
"""
RESUME = "Skills\nPython, SQL\nExperience\n- Cut latency 30% with XGBoost models on Kubernetes."


@pytest.fixture(scope="module")
def schema():
    schema = report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def test_report_json_matches_the_schema(schema):
    data = json.loads(jdmatch.analyze(JD, RESUME).to_json())
    assert data["schema_version"] == SCHEMA_VERSION
    jsonschema.validate(data, schema)
    assert {row["status"] for row in data["study_plan"]} >= {"gap", "review", "partial"}


def test_example_report_matches_the_schema(schema, tmp_path):
    from pathlib import Path

    examples = Path(__file__).resolve().parents[1] / "examples"
    report = jdmatch.analyze(
        examples / "postings" / "ml_engineer_jd.txt", examples / "sample_resume.pdf"
    )
    jsonschema.validate(json.loads(report.to_json(top=5)), schema)


def test_schema_rejects_a_changed_layout(schema):
    data = jdmatch.analyze(JD, RESUME).to_dict()
    data["score"] = "high"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
