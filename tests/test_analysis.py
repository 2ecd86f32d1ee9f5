"""The whole flow through the front door, on real files and the shipped lexicon."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

import jdmatch
from jdmatch import NoConceptsError
from jdmatch.planning import EVIDENCE_VALUES, STUDY_PLAN_COLUMNS
from jdmatch.reporting import SCHEMA_VERSION

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

JD = (
    "Machine learning engineer. Required: Python, PyTorch, Kubernetes, Kafka and a feature "
    "store. You will run A/B tests and mentor juniors. Python every day."
)


@pytest.fixture(scope="module")
def report():
    return jdmatch.analyze(JD, "Python developer: PyTorch models and Docker on AWS.")


def test_score_is_the_weighted_share_of_matched_concepts(report):
    items = (*report.matched, *report.gaps)
    # Each concept weighs its TF-IDF times its requirement weight times the interview probe.
    covered = sum(item.jd_weight * item.probe * item.credit for item in items)
    total = sum(item.jd_weight * item.probe for item in items)
    assert report.fit.title_match is None  # the JD's first line is a sentence, not a title
    assert report.score == pytest.approx(100 * covered / total, abs=0.05)
    assert 0 < min(item.probe for item in items) <= max(item.probe for item in items) < 1
    assert all(item.credit == 1 for item in report.matched)
    assert all(item.credit == (0.5 if item.via else 0) for item in report.gaps)
    assert 0 < report.score < 100


def test_matched_and_gaps(report):
    assert {item.term for item in report.matched} == {"python", "pytorch"}
    gaps = {item.term for item in report.gaps}
    assert {"kubernetes", "apache_kafka", "feature_store"} <= gaps
    python = next(item for item in report.matched if item.term == "python")
    assert (python.jd_count, python.resume_count) == (2, 1)


def test_study_plan_shape_and_order(report):
    plan = report.study_plan
    assert tuple(plan.columns) == STUDY_PLAN_COLUMNS
    assert list(plan["rank"]) == list(range(1, len(plan) + 1))
    assert list(plan["priority"]) == sorted(plan["priority"], reverse=True)
    # Every JD concept stands exactly once: as a row, or as an option folded into one.
    placed = list(plan["term"]) + [term for options in plan["options"] for term in options]
    assert sorted(placed) == sorted(i.term for i in (*report.matched, *report.gaps))
    assert 0 < plan.loc[0, "priority"] <= 100.0
    assert plan["study"].str.len().min() > 10
    assert set(plan["pillar"]) <= set(jdmatch.PILLARS)


def test_gaps_outrank_the_same_concept_when_covered():
    jd = "Kubernetes, Kafka and Airflow."
    covered = jdmatch.analyze(jd, "Kubernetes").study_plan.set_index("term")
    assert covered.loc["kubernetes", "status"] == "review"
    assert covered.loc["kubernetes", "evidence"] == "listed"
    missing = jdmatch.analyze(jd, "Airflow").study_plan.set_index("term")
    listed = EVIDENCE_VALUES["listed"]
    assert missing.loc["kubernetes", "priority"] == pytest.approx(
        covered.loc["kubernetes", "priority"] / (1 - listed), abs=0.2
    )


def test_pillar_coverage(report):
    assert list(report.pillar_coverage) == list(jdmatch.PILLARS)
    coding = [i for i in (*report.matched, *report.gaps) if "coding" in i.pillars]
    share = 100 * sum(i.jd_weight for i in coding if i.matched) / sum(i.jd_weight for i in coding)
    assert report.pillar_coverage["coding"] == pytest.approx(share, abs=0.05)
    for pillar, value in report.pillar_coverage.items():
        names_pillar = any(pillar in i.pillars for i in (*report.matched, *report.gaps))
        assert (value is None) == (not names_pillar)


def test_perfect_and_empty_resumes():
    assert jdmatch.analyze(JD, JD).score == 100.0
    nothing = jdmatch.analyze(JD, "I enjoy gardening and long walks.")
    assert nothing.score == 0.0
    assert not nothing.matched
    assert (nothing.study_plan.status == "gap").all()


def test_json_round_trip(report):
    data = json.loads(report.to_json())
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["score"] == report.score
    assert data["score_meaning"]["fit_band"] == report.fit.band
    assert data["fit"]["years_asked"] == report.fit.years_asked
    assert [row["term"] for row in data["study_plan"]] == list(report.study_plan["term"])
    assert len(json.loads(report.to_json(top=3))["study_plan"]) == 3
    assert not any(isinstance(v, float) and math.isnan(v) for v in data["pillar_coverage"].values())


def test_markdown(report):
    text = report.to_markdown(top=5)
    assert f"{report.score:.1f} / 100" in text
    assert "| Pillar | Covered |" in text
    plan = text.split("## Study plan")[1].split("\n## ")[0]
    assert sum(line.startswith("| ") for line in plan.splitlines()) == 2 + 5  # header, rule
    with pytest.raises(jdmatch.InvalidParameterError, match="The 'top' parameter of to_markdown"):
        report.to_markdown(top=0)


def test_jd_without_concepts_is_an_error_not_an_empty_report():
    with pytest.raises(NoConceptsError, match="no skill or technology"):
        jdmatch.analyze("We sell garden furniture.", "Python")


def test_files_in_every_format(tmp_path, pdf_file, docx_file):
    jd_html = tmp_path / "jd.html"
    jd_html.write_text(f"<html><body><p>{JD}</p><script>Kafka()</script></body></html>")
    resume_pdf = pdf_file(["Skills: Python, PyTorch, Kubernetes"])
    resume_docx = docx_file(["Experience"], table=[["Skills", "Python, PyTorch, Kubernetes"]])
    from_pdf = jdmatch.analyze(jd_html, resume_pdf)
    from_docx = jdmatch.analyze(jd_html, resume_docx)
    assert from_pdf.score == from_docx.score > 0
    assert from_pdf.jd_source == str(jd_html)


def test_shipped_example_makes_sense():
    report = jdmatch.analyze(
        EXAMPLES / "postings" / "ml_engineer_jd.txt", EXAMPLES / "sample_resume.pdf"
    )
    matched = {item.term for item in report.matched}
    gaps = {item.term for item in report.gaps}
    assert {"python", "pytorch", "xgboost", "docker", "apache_kafka", "kubernetes"} <= matched
    assert {"apache_flink", "feature_store", "faiss", "scann", "kv_cache"} <= gaps
    assert 20 < report.score < 80


def test_narrower_concepts_earn_partial_credit():
    lexicon = jdmatch.load_lexicon()
    assert "gradient_boosting" in lexicon.ancestors["xgboost"]
    report = jdmatch.analyze("We need gradient boosting and Kafka.", "XGBoost expert.")
    by_term = {item.term: item for item in report.gaps}
    boosting = by_term["gradient_boosting"]
    assert boosting.credit == 0.5
    assert boosting.via == ("XGBoost",)
    kafka = by_term["apache_kafka"]
    expected = 100 * 0.5 * boosting.score_weight / (boosting.score_weight + kafka.score_weight)
    assert report.score == pytest.approx(expected, abs=0.05)
    row = report.study_plan.set_index("term").loc["gradient_boosting"]
    assert row.status == "partial"
    assert row.study.startswith("You have XGBoost; review Gradient boosting")
    assert "narrower XGBoost" in row.reason


def test_broader_concept_in_resume_gives_no_credit_for_narrower_one():
    report = jdmatch.analyze("XGBoost and Kafka.", "gradient boosting")
    assert {item.term: item.credit for item in report.gaps}["xgboost"] == 0.0
