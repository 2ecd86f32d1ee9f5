"""Unit tests of jdmatch.coverage: weights, credits and the score, on the real components."""

from __future__ import annotations

import math

import pytest

import jdmatch
from jdmatch.coverage import (
    LISTED_CREDIT,
    NARROWER_CREDIT,
    REQUIREMENT_WEIGHTS,
    ConceptCoverage,
    compute_coverage,
    weighted_share,
)
from jdmatch.structure import read_job, read_resume


@pytest.fixture(scope="module")
def lexicon(mini_lexicon_path_module):
    return jdmatch.load_lexicon(mini_lexicon_path_module)


@pytest.fixture(scope="module")
def mini_lexicon_path_module():
    from pathlib import Path

    return Path(__file__).parent / "data" / "mini_lexicon.json"


@pytest.fixture(scope="module")
def tfidf(lexicon):
    return jdmatch.ConceptTfidf(lexicon=lexicon).fit(
        ["Python and Kubernetes.", "Python, XGBoost.", "Golang on k8s.", "Stakeholders; Python."]
    )


def coverage_of(jd, resume, lexicon, tfidf, *, structured=True):
    jd_mentions = jdmatch.extract(jd, lexicon=lexicon)
    resume_mentions = jdmatch.extract(resume, lexicon=lexicon)
    return compute_coverage(
        jd_mentions,
        resume_mentions,
        tfidf=tfidf,
        lexicon=lexicon,
        job=read_job(jd, jd_mentions) if structured else None,
        resume=read_resume(resume, resume_mentions) if structured else None,
    )


def by_term(coverage):
    return {item.term: item for item in coverage.concepts}


def test_weight_is_tfidf_times_requirement_weight(lexicon, tfidf):
    jd = "Requirements\nPython, Python and Kubernetes.\nNice to have\nGradient boosting is a plus."
    items = by_term(coverage_of(jd, "", lexicon, tfidf))
    assert items["python"].requirement == "required"
    assert items["python"].jd_weight == pytest.approx((1 + math.log(2)) * tfidf.idf("python"))
    assert items["gradient_boosting"].requirement == "preferred"
    assert items["gradient_boosting"].jd_weight == pytest.approx(
        tfidf.idf("gradient_boosting") * REQUIREMENT_WEIGHTS["preferred"]
    )


def test_credits_by_evidence(lexicon, tfidf):
    jd = "Requirements\nPython, Kubernetes, gradient boosting and stakeholder management."
    resume = "Skills\nKubernetes\nExperience\n- Built Python services and XGBoost models daily."
    items = by_term(coverage_of(jd, resume, lexicon, tfidf))
    assert (items["python"].evidence, items["python"].credit) == ("demonstrated", 1.0)
    assert (items["kubernetes"].evidence, items["kubernetes"].credit) == ("listed", LISTED_CREDIT)
    assert items["gradient_boosting"].via == ("XGBoost",)
    assert items["gradient_boosting"].credit == NARROWER_CREDIT
    assert (items["stakeholder_management"].evidence, items["stakeholder_management"].credit) == (
        "absent",
        0.0,
    )
    assert items["kubernetes"].resume_section == "skills"
    assert items["stakeholder_management"].resume_section == ""


def test_score_is_the_rounded_weighted_share(lexicon, tfidf):
    coverage = coverage_of("Python and Kubernetes are required.", "Python", lexicon, tfidf)
    expected = weighted_share(coverage.concepts)
    assert coverage.score == round(expected, 1)
    assert [i.jd_weight for i in coverage.concepts] == sorted(
        (i.jd_weight for i in coverage.concepts), reverse=True
    )


def test_without_structure_every_concept_is_required_and_demonstrated(lexicon, tfidf):
    coverage = coverage_of("Benefits\nPython", "Skills\nPython", lexicon, tfidf, structured=False)
    (item,) = coverage.concepts
    assert (item.requirement, item.evidence, item.credit) == ("required", "demonstrated", 1.0)
    assert coverage.score == 100.0


def test_a_jd_of_context_mentions_only_weighs_them_alike(lexicon, tfidf):
    coverage = coverage_of("About us\nWe love Python and Kubernetes.", "Python", lexicon, tfidf)
    assert {item.requirement for item in coverage.concepts} == {"mentioned"}
    assert all(item.jd_weight > 0 for item in coverage.concepts)
    assert 0 < coverage.score < 100


def test_an_empty_jd_scores_zero(lexicon, tfidf):
    coverage = coverage_of("No concepts here.", "Python", lexicon, tfidf)
    assert coverage.concepts == ()
    assert coverage.score == 0.0


def test_weighted_share_of_nothing_is_none():
    assert weighted_share([]) is None
    zero = ConceptCoverage("a", "A", "method", ("foundations",), 1, 0, 0.0, 0.0)
    assert weighted_share([zero]) is None
