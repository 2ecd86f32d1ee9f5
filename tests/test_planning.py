"""Unit tests of jdmatch.planning: priorities, statuses, reasons and order."""

from __future__ import annotations

import pytest

import jdmatch
from jdmatch.coverage import ConceptCoverage, Coverage
from jdmatch.planning import EVIDENCE_VALUES, STUDY_PLAN_COLUMNS, plan_frame, rank_study_items


@pytest.fixture(scope="module")
def lexicon():
    return jdmatch.load_lexicon()


def item(term, lexicon, weight, *, count=0, evidence="absent", via=(), metric=False,
         requirement="required", section="", years=0):  # fmt: skip
    concept = lexicon[term]
    credit = {"demonstrated": 1.0, "listed": 0.75}.get(evidence, 0.5 if via else 0.0)
    return ConceptCoverage(
        term=term, label=concept.label, category=concept.category, pillars=concept.pillars,
        jd_count=1, resume_count=count, jd_weight=weight, credit=credit, via=via,
        requirement=requirement, evidence=evidence, resume_section=section, metric=metric,
        years_asked=years,
    )  # fmt: skip


def test_priority_formula_status_and_order(lexicon):
    coverage = Coverage(
        concepts=(
            item("apache_kafka", lexicon, 4.0),
            item("python", lexicon, 4.0, count=2, evidence="demonstrated", section="experience",
                 metric=True),
            item("sql", lexicon, 2.0, count=1, evidence="listed", section="skills"),
            item("gradient_boosting", lexicon, 2.0, via=("XGBoost",)),
        ),
        score=0.0,
    )  # fmt: skip
    plan = rank_study_items(coverage, lexicon=lexicon)
    rows = {row.term: row for row in plan}
    assert [row.rank for row in plan] == [1, 2, 3, 4]
    assert plan[0].term == "apache_kafka"
    assert rows["apache_kafka"].priority == 100.0
    assert rows["apache_kafka"].status == "gap"
    assert rows["python"].priority == round(100 * (1 - EVIDENCE_VALUES["metric"]), 1)
    assert rows["python"].status == "review"
    assert rows["sql"].priority == round(100 * 0.5 * (1 - EVIDENCE_VALUES["listed"]), 1)
    assert rows["gradient_boosting"].status == "partial"
    assert rows["gradient_boosting"].priority == round(
        100 * 0.5 * (1 - EVIDENCE_VALUES["narrower"]), 1
    )
    assert rows["gradient_boosting"].study.startswith("You have XGBoost; review")
    assert rows["sql"].study.startswith("Listed but never shown in your experience")
    assert "with a measured outcome" in rows["python"].reason
    assert rows["apache_kafka"].reason.startswith("Required by the JD (named once)")


def test_role_weights_scale_the_priority_of_the_main_pillar(lexicon):
    coverage = Coverage(
        concepts=(item("apache_kafka", lexicon, 1.0), item("statistics", lexicon, 1.0)),
        score=0.0,
    )
    pillars = {lexicon["apache_kafka"].pillar: 2.0}
    plan = rank_study_items(coverage, lexicon=lexicon, pillar_weights=pillars)
    assert [row.term for row in plan] == ["apache_kafka", "statistics"]
    assert plan[0].role_weight == 2.0
    assert plan[1].priority == 50.0


def test_ties_break_on_resume_count_then_term(lexicon):
    coverage = Coverage(
        concepts=(item("sql", lexicon, 1.0), item("python", lexicon, 1.0)), score=0.0
    )
    assert [row.term for row in rank_study_items(coverage, lexicon=lexicon)] == ["python", "sql"]


def test_zero_weight_gives_zero_priority(lexicon):
    coverage = Coverage(concepts=(item("sql", lexicon, 0.0),), score=0.0)
    (row,) = rank_study_items(coverage, lexicon=lexicon)
    assert row.priority == 0.0


def test_years_appear_in_the_reason(lexicon):
    coverage = Coverage(concepts=(item("python", lexicon, 1.0, years=3),), score=0.0)
    (row,) = rank_study_items(coverage, lexicon=lexicon)
    assert "3+ years" in row.reason
    assert row.years_asked == 3


def test_frame_has_the_plan_columns(lexicon):
    coverage = Coverage(concepts=(item("sql", lexicon, 1.0),), score=0.0)
    frame = plan_frame(rank_study_items(coverage, lexicon=lexicon))
    assert list(frame.columns) == list(STUDY_PLAN_COLUMNS)
    assert frame.loc[0, "term"] == "sql"
