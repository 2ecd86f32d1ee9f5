"""The probe model behind the study order, alternatives folded into one row, and the plans."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

import jdmatch
from jdmatch.extraction import extract
from jdmatch.priority import (
    FEATURES,
    load_centrality,
    load_probe_model,
    probe_scores,
    read_asks,
)

BLANK = "Jane Doe\nExperience\nCashier at a grocery store, 2019-2023."


def test_shipped_model_reads_every_feature_with_provenance():
    model = load_probe_model()
    assert model.features == FEATURES
    assert all(scale > 0 for scale in model.scale)
    assert "postings_gold" in model.provenance["labels"]
    at_means = model.probability(dict(zip(model.features, model.mean, strict=True)))
    assert at_means == pytest.approx(1 / (1 + math.exp(-model.intercept)))


def test_a_broken_model_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "priority_model.json"
    data = json.loads(load_probe_model().to_json())
    data["features"][0]["scale"] = 0
    bad.write_text(json.dumps(data))
    with pytest.raises(jdmatch.LexiconError, match="priority model"):
        load_probe_model(bad)


def test_model_round_trips_through_json(tmp_path):
    model = load_probe_model()
    path = tmp_path / "model.json"
    path.write_text(model.to_json())
    assert load_probe_model(path).coef == model.coef


def test_centrality_is_shrunk_towards_all_postings():
    centrality = load_centrality()
    # A family with one posting says little on its own: its share stays near the overall one.
    small = min(centrality.n_postings, key=lambda role: centrality.n_postings[role])
    assert abs(centrality.share(small, "python") - centrality.overall("python")) < 0.3
    assert 0 <= centrality.share("ml_engineer", "python") <= 1


def test_read_asks_sees_alternatives_lists_and_emphasis():
    jd = (
        "Machine Learning Engineer\n"
        "- Strong Python.\n"
        "- Docker, Airflow and AWS or GCP.\n"
        "- A vector database such as Pinecone, Chroma or pgvector.\n"
    )
    signals = read_asks(jd, extract(jd))
    assert signals["python"].emphasis
    assert signals["python"].standalone
    assert signals["aws"].options == ("gcp",)
    assert not signals["docker"].alternative  # joined by "and": both are asked
    assert set(signals["pinecone"].options) >= {"chroma"}


def test_alternatives_share_one_row_that_lists_them():
    jd = "Requirements\nExperience with a vector database such as Pinecone, Chroma or pgvector."
    plan = jdmatch.analyze(jd, BLANK).plan
    folded = [row for row in plan if row.options]
    assert len(folded) == 1
    assert {folded[0].term, *folded[0].options} >= {"pinecone", "chroma"}
    assert "one option among" in folded[0].reason


def test_knowing_one_option_answers_the_ask():
    jd = "Requirements\nExperience with a vector database such as Pinecone, Chroma or pgvector."
    row = next(
        r for r in jdmatch.analyze(jd, "Experience\nBuilt search on Chroma.").plan if r.options
    )
    assert row.status == "review"


def test_core_languages_outrank_a_web_framework_named_once():
    jd = (
        "Senior Machine Learning Engineer\nRequirements\n"
        "- 5+ years of Python and SQL; deep experience with PyTorch.\n"
        "- Deploy and monitor models in production.\n"
        "- Nice to have: React, Spring Boot or Android.\n"
    )
    plan = jdmatch.analyze(jd, BLANK).plan
    rank = {term: row.rank for row in plan for term in (row.term, *row.options)}
    assert rank["python"] < rank["react"]
    assert rank["pytorch"] < rank["react"]
    assert rank["react"] == rank["android_development"]  # offered as alternatives: one row


def test_pooled_plan_never_ranks_a_covered_concept_above_a_missing_one():
    many = jdmatch.analyze_many(
        ["Python, SQL and Kubernetes.", "Python and SQL.", "Python, SQL and Kafka."],
        "Experience\nBuilt Python and SQL pipelines, cutting costs 30%.",
    )
    plan = many.study_plan
    covered = plan[plan["missing_in"] == 0]
    missing = plan[plan["missing_in"] > 0]
    assert len(covered)
    assert len(missing)
    assert missing["rank"].max() < covered["rank"].min()


def test_short_schedule_studies_the_top_gaps_and_skips_priority_zero():
    jd = (
        "Machine Learning Engineer\nRequirements\n- Python, PyTorch, Kubernetes and SQL.\n"
        "- Feature stores, model monitoring and A/B testing.\n- Communication, mentoring.\n"
    )
    report = jdmatch.analyze(jd, "Experience\nBuilt PyTorch models, cutting latency 30%.")
    schedule = report.schedule(weeks=2, hours_per_week=5)
    scheduled = [item.term for week in schedule.weeks for item in week.items]
    top_gaps = [row.term for row in report.plan if row.status == "gap"][:3]
    assert any(term in scheduled for term in top_gaps)
    zero = {row.term for row in report.plan if row.priority == 0}
    assert not zero & set(scheduled)
    rows = {row.term for row in report.plan}
    listed = set(scheduled) | {item.term for item in schedule.unscheduled}
    assert rows <= listed


def test_reason_quotes_the_line_that_asks():
    jd = "About us\nWe use Kafka everywhere.\nRequirements\n- 3+ years of Kafka in production."
    row = next(r for r in jdmatch.analyze(jd, BLANK).plan if r.term == "apache_kafka")
    assert "“3+ years of Kafka in production.”" in row.reason


def test_reason_quotes_the_resume_line_that_shows_it():
    jd = "Requirements\n- Kafka and Flink."
    cv = "Experience\n- Moved billing events to Kafka, cutting lag by 40%."
    row = next(r for r in jdmatch.analyze(jd, cv).plan if r.term == "apache_kafka")
    assert "Moved billing events to Kafka" in row.reason


def test_partial_credit_follows_kind_of_links_only():
    jd = "Requirements\n- Deep learning and autonomous driving."
    plan = jdmatch.analyze(jd, "Experience\n- Built motion planning for robots.").plan
    rows = {row.term: row for row in plan}
    assert rows["autonomous_driving"].status == "partial"
    assert rows["deep_learning"].status == "gap"


def test_the_prompts_shown_fit_the_posting():
    lexicon = jdmatch.load_lexicon()
    prompts = next(c.prompts for c in lexicon if len(c.prompts) >= 3)
    concept = next(c for c in lexicon if c.prompts == prompts)
    # A posting that repeats the words of the last prompt gets that prompt.
    jd = f"Requirements\n- {concept.label}. {prompts[-1]}"
    row = next(r for r in jdmatch.analyze(jd, BLANK).plan if r.term == concept.id)
    assert prompts[-1] in row.study


def test_the_schedule_keeps_the_top_of_the_plan_when_the_hours_allow():
    """The chosen gaps are all studied, in study order, though weeks leave hours in pieces."""
    examples = Path(__file__).resolve().parents[1] / "examples"
    report = jdmatch.analyze(
        examples / "postings" / "ml_engineer_jd.txt", examples / "sample_resume.pdf"
    )
    schedule = report.schedule(weeks=8, hours_per_week=10)
    scheduled = {item.term for week in schedule.weeks for item in week.items}
    top = [row.term for row in report.plan[:10] if row.priority > 0]
    assert set(top) <= scheduled
    assert sum(week.hours for week in schedule.weeks) <= 8 * 10


def test_machine_learning_steps_back_for_ml_roles_only():
    """For an ML engineer, machine learning names the field; for a data scientist it is an ask."""
    model = load_probe_model()
    values = dict(zip(model.features, model.mean, strict=True))
    terms = ["machine_learning", *(f"t{n}" for n in range(12))]
    features = {term: dict(values) for term in terms}
    features["machine_learning"]["required"] = 5.0  # far above the others on its own
    ml_engineer = probe_scores(features, model, role="ml_engineer")
    data_scientist = probe_scores(features, model, role="data_scientist")
    others = sorted((p for t, p in ml_engineer.items() if t != "machine_learning"), reverse=True)
    assert ml_engineer["machine_learning"] < others[9]
    assert data_scientist["machine_learning"] > max(others)
