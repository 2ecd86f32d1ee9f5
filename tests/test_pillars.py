"""Unit tests of jdmatch.pillars: coverage per pillar and category, and role weights."""

from __future__ import annotations

import pytest

from jdmatch.coverage import ConceptCoverage, Coverage
from jdmatch.model import MODEL
from jdmatch.pillars import category_coverage, pillar_coverage, role_weights


def item(term, category, pillars, weight, credit):
    return ConceptCoverage(
        term, term.title(), category, pillars, 1, int(credit > 0), weight, credit
    )


COVERAGE = Coverage(
    concepts=(
        item("pytorch", "library", ("coding", "deep_learning"), 3.0, 1.0),
        item("kafka", "platform", ("system_design",), 2.0, 0.0),
        item("statistics", "math", ("foundations",), 1.0, 0.75),
        item("numpy", "library", ("coding",), 1.0, 0.0),
    ),
    score=0.0,
)


def test_pillar_coverage_counts_a_concept_in_every_pillar_it_belongs_to():
    coverage = pillar_coverage(COVERAGE)
    assert list(coverage) == list(MODEL.pillars)
    assert coverage["coding"] == 75.0  # pytorch 3 of 4
    assert coverage["deep_learning"] == 100.0
    assert coverage["system_design"] == 0.0
    assert coverage["foundations"] == 75.0
    assert coverage["behavioural"] is None  # the JD names none


def test_category_coverage_lists_only_present_categories_in_model_order():
    coverage = category_coverage(COVERAGE)
    assert list(coverage) == ["library", "platform", "math"]
    assert coverage["library"] == 75.0
    assert coverage["platform"] == 0.0


def test_coverage_is_rounded_to_one_decimal():
    third = Coverage(
        concepts=(item("a", "method", ("foundations",), 1.0, 1.0),
                  item("b", "method", ("foundations",), 2.0, 0.0)),
        score=0.0,
    )  # fmt: skip
    assert pillar_coverage(third)["foundations"] == 33.3


@pytest.mark.parametrize("role", MODEL.roles)
@pytest.mark.parametrize("seniority", MODEL.seniorities)
def test_role_weights_are_the_role_weight_times_the_seniority_factor(role, seniority):
    weights = role_weights(role, seniority)
    assert list(weights) == list(MODEL.pillars)
    for pillar in MODEL.pillars:
        factor = MODEL.seniority_pillar_factors[seniority].get(pillar, 1.0)
        assert weights[pillar] == round(MODEL.role_pillar_weights[role][pillar] * factor, 3)


def test_seniority_shifts_the_weights():
    assert (
        role_weights("ml_engineer", "senior")["behavioural"]
        > role_weights("ml_engineer", "mid")["behavioural"]
    )
    assert role_weights("ml_engineer", "intern")["coding"] == round(1.3 * 1.15, 3)
