"""The domain model (jdmatch/data/model.json) is the one definition every part agrees with."""

from __future__ import annotations

import json
from pathlib import Path
from typing import get_args

import pytest

import jdmatch
from jdmatch import coverage, lexicon, pillars, planning, scheduling, structure
from jdmatch.model import (
    MODEL,
    EvidenceLevel,
    ModelError,
    RequirementLevel,
    Status,
    default_model_path,
    load_model,
)
from jdmatch.reporting import report_schema

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def schema():
    return report_schema()


def test_schema_enums_follow_the_model(schema):
    properties, defs = schema["properties"], schema["$defs"]
    assert properties["role"]["enum"] == list(MODEL.roles)
    assert properties["seniority"]["enum"] == list(MODEL.seniorities)
    assert defs["pillar"]["enum"] == list(MODEL.pillars)
    assert defs["pillar_coverage"]["required"] == list(MODEL.pillars)
    (pattern,) = defs["pillar_coverage"]["patternProperties"]
    assert pattern == "^(" + "|".join(MODEL.pillars) + ")$"
    assert defs["requirement"]["enum"] == list(MODEL.requirement_levels)
    assert defs["evidence"]["enum"] == list(MODEL.evidence_levels)
    assert defs["status"]["enum"] == list(MODEL.statuses)


def test_levels_are_the_literal_types():
    assert MODEL.requirement_levels == get_args(RequirementLevel)
    assert MODEL.evidence_levels == get_args(EvidenceLevel)
    assert MODEL.statuses == get_args(Status)


def test_every_module_reads_the_one_model():
    assert jdmatch.PILLARS is lexicon.PILLARS is MODEL.pillars
    assert jdmatch.CATEGORIES is MODEL.categories
    assert pillars.PILLAR_LABELS is MODEL.pillar_labels
    assert pillars.ROLE_PILLAR_WEIGHTS is MODEL.role_pillar_weights
    assert pillars.SENIORITY_PILLAR_FACTORS is MODEL.seniority_pillar_factors
    assert structure.ROLE_FAMILIES is MODEL.roles
    assert structure.SENIORITIES is MODEL.seniorities
    assert structure.REQUIREMENT_LEVELS is MODEL.requirement_levels
    assert structure.EVIDENCE_LEVELS is MODEL.evidence_levels
    assert coverage.REQUIREMENT_WEIGHTS is MODEL.requirement_weights
    assert MODEL.evidence_credit["listed"] == coverage.LISTED_CREDIT
    assert MODEL.narrower_credit == coverage.NARROWER_CREDIT
    assert planning.EVIDENCE_VALUES is MODEL.priority_evidence
    assert scheduling.DEFAULT_EFFORT_HOURS is MODEL.category_effort_hours
    assert scheduling.PILLAR_ORDER is MODEL.pillar_order


def test_model_is_consistent():
    assert set(MODEL.role_pillar_weights) == set(MODEL.roles)
    assert all(set(w) == set(MODEL.pillars) for w in MODEL.role_pillar_weights.values())
    assert set(MODEL.category_effort_hours) == set(MODEL.categories)
    assert set(MODEL.pillar_order) | {MODEL.story_pillar} == set(MODEL.pillars)
    known = jdmatch.load_lexicon()
    assert MODEL.llm_terms <= set(known.concepts)


def test_the_lexicon_readme_names_every_pillar_and_category():
    readme = (ROOT / "lexicons" / "README.md").read_text(encoding="utf-8")
    for name in (*MODEL.pillars, *MODEL.categories):
        assert f"`{name}`" in readme


def test_shipped_model_loads_alike_twice():
    assert load_model() == load_model(default_model_path())


def _edited(tmp_path, **changes):
    data = json.loads(default_model_path().read_text(encoding="utf-8"))
    data.update(changes)
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_new_role_is_one_edit(tmp_path):
    data = json.loads(default_model_path().read_text(encoding="utf-8"))
    roles = {**data["roles"], "quant": dict.fromkeys(data["pillars"], 1.0)}
    model = load_model(_edited(tmp_path, roles=roles))
    assert model.roles[-1] == "quant"
    assert model.role_pillar_weights["quant"]["coding"] == 1.0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"model_format": 2}, "model_format"),
        ({"roles": {"ml_engineer": {"coding": 1.0}}}, "missing pillar"),
        ({"seniorities": {"mid": {"cooking": 1.0}}}, "unknown pillar"),
        ({"requirement_levels": {"required": 1.0, "mentioned": 0.0}}, "requirement_levels"),
        ({"statuses": ["gap", "review"]}, "statuses"),
        ({"narrower_credit": "half"}, "narrower_credit"),
        (
            {
                "fit": {
                    "title_weight": 1.5,
                    "field_title_credit": 0.5,
                    "years_short_keep": 0.5,
                    "bands": ["weak", "partial", "strong"],
                }
            },
            "between 0 and 1",
        ),
        (
            {
                "fit": {
                    "title_weight": 0.2,
                    "field_title_credit": 0.5,
                    "years_short_keep": 0.5,
                    "bands": ["weak", "strong"],
                }
            },
            "bands",
        ),
        ({"cues": {}}, "cues"),
        ({"field_concepts_except": {"machine_learning": ["chef"]}}, "field_concepts_except"),
        ({"field_concepts_except": {"python": ["analyst"]}}, "field_concepts_except"),
    ],
)
def test_a_broken_model_is_refused(tmp_path, changes, message):
    with pytest.raises(ModelError, match=message):
        load_model(_edited(tmp_path, **changes))


def test_a_missing_model_file_is_refused(tmp_path):
    with pytest.raises(ModelError, match="cannot read"):
        load_model(tmp_path / "absent.json")


def _with_cues(tmp_path, **cues):
    data = json.loads(default_model_path().read_text(encoding="utf-8"))
    return _edited(tmp_path, cues={**data["cues"], **cues})


def test_cue_words_are_data(tmp_path):
    data = json.loads(default_model_path().read_text(encoding="utf-8"))
    headings = data["cues"]["heading_levels"]
    preferred = {**headings[0], "any_of": [*headings[0]["any_of"], "brownie points"]}
    model = load_model(_with_cues(tmp_path, heading_levels=[preferred, *headings[1:]]))
    pattern, level = model.cues.heading_levels[0]
    assert level == "preferred"
    assert pattern.search("Brownie points if you know JAX")
    assert not MODEL.cues.heading_levels[0][0].search("Brownie points")


@pytest.mark.parametrize(
    ("cues", "message"),
    [
        ({"heading_levels": [{"level": "optional", "any_of": ["bonus"]}]}, "must be one of"),
        ({"role_titles": [{"role": "chef", "any_of": ["chef"]}]}, "must be one of"),
        ({"sentence_levels": [{"level": "preferred", "any_of": ["(plus"]}]}, "regular expression"),
        ({"metric": []}, "any_of"),
        ({"seniority_titles": []}, "non-empty list"),
    ],
)
def test_broken_cue_words_are_refused(tmp_path, cues, message):
    with pytest.raises(ModelError, match=message):
        load_model(_with_cues(tmp_path, **cues))
