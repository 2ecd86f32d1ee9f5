"""Unit tests of jdmatch.coverage: weights, credits and the score, on the real components."""

from __future__ import annotations

import math

import pytest

import jdmatch
from jdmatch.coverage import (
    LISTED_CREDIT,
    NARROWER_CREDIT,
    REQUIREMENT_WEIGHTS,
    TITLE_WEIGHT,
    ConceptCoverage,
    compute_coverage,
    load_score_bands,
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


def test_core_asks_weigh_more_than_the_long_tail(lexicon, tfidf):
    # The same resume covers one of two concepts; the score follows the probe of the one it has.
    jd, resume = "Python and Kubernetes are required.", "Experience\nBuilt Python services."
    jd_mentions = jdmatch.extract(jd, lexicon=lexicon)
    resume_mentions = jdmatch.extract(resume, lexicon=lexicon)

    def score(probe):
        return compute_coverage(
            jd_mentions, resume_mentions, tfidf=tfidf, lexicon=lexicon,
            job=read_job(jd, jd_mentions), resume=read_resume(resume, resume_mentions),
            probe=probe,
        )  # fmt: skip

    core, tail = (
        score({"python": 0.9, "kubernetes": 0.1}),
        score({"python": 0.1, "kubernetes": 0.9}),
    )
    assert core.score > score(None).score > tail.score
    items = by_term(core)
    expected = weighted_share(core.concepts)
    assert core.score == round(expected, 1)
    assert items["python"].score_weight == pytest.approx(items["python"].jd_weight * 0.9)


def test_repeating_a_concept_or_stuffing_sections_earns_nothing(lexicon, tfidf):
    jd = "Requirements\nPython and Kubernetes."
    once = coverage_of(jd, "Skills\nPython", lexicon, tfidf)
    repeated = coverage_of(jd, "Skills\nPython, Python, python\nSummary\nPython. Python!", lexicon,
                           tfidf)  # fmt: skip
    assert repeated.score == once.score
    shown = coverage_of(jd, "Experience\nShipped Python services.", lexicon, tfidf)
    assert shown.score > once.score  # demonstrated work counts more than a listed word


def test_required_asks_count_more_than_preferred_ones(lexicon, tfidf):
    jd = "Requirements\nPython.\nNice to have\nKubernetes."
    required_shown = coverage_of(jd, "Experience\nBuilt Python jobs.", lexicon, tfidf)
    preferred_shown = coverage_of(jd, "Experience\nRan Kubernetes clusters.", lexicon, tfidf)
    assert required_shown.score > preferred_shown.score


def test_the_title_takes_its_share_of_the_score(lexicon, tfidf):
    jd_mentions = jdmatch.extract("Python and Kubernetes are required.", lexicon=lexicon)
    resume_mentions = jdmatch.extract("Python", lexicon=lexicon)
    scores = [
        compute_coverage(
            jd_mentions, resume_mentions, tfidf=tfidf, lexicon=lexicon, title_match=match
        )
        for match in (None, 0.0, 1.0)
    ]
    untitled, unlike, alike = scores
    assert untitled.title_match is None
    assert untitled.score == untitled.skills_score
    assert unlike.score == round((1 - TITLE_WEIGHT) * unlike.skills_score, 1)
    assert alike.score == round((1 - TITLE_WEIGHT) * alike.skills_score + 100 * TITLE_WEIGHT, 1)


def test_score_bands(tmp_path):
    bands = load_score_bands()
    assert bands.band(0.0) == "weak"
    assert bands.band(100.0) == "strong"
    assert bands.band(bands.partial) == "partial"
    assert {"created", "command"} <= set(bands.provenance)
    broken = tmp_path / "bands.json"
    broken.write_text('{"format": 1, "partial": 50, "strong": 10}')
    with pytest.raises(jdmatch.StatisticsError, match="partial <= strong"):
        load_score_bands(broken)
