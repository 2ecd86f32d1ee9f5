"""Asks written as verbs or paraphrases, and words that look like asks but are not (issue #12).

Small made-up sentences through the real tokenizer and the shipped lexicon.
"""

from __future__ import annotations

import pytest

import jdmatch
from jdmatch.lexicon import load_lexicon


def terms(text: str) -> list[str]:
    return [mention.term for mention in jdmatch.extract(text)]


@pytest.mark.parametrize(
    ("text", "term", "surface"),
    [
        ("You will collaborate with data scientists", "collaboration", "collaborate"),
        ("Collaborating with product teams", "collaboration", "Collaborating"),
        ("Work collaboratively across teams", "collaboration", "Work collaboratively"),
        ("Partner with researchers to ship models", "collaboration", "Partner with"),
        ("Work closely with the platform team", "collaboration", "Work closely with"),
        ("Deploy machine learning on GPUs", "model_deployment", "Deploy machine learning"),
        ("Productionize models built by scientists", "model_deployment", "Productionize"),
        (
            "Deployment to production of new services",
            "model_deployment",
            "Deployment to production",
        ),
        ("Lead the design of the feature platform", "leadership", "Lead the design"),
        ("Has led a team of five engineers", "leadership", "led a team"),
        ("Mentor junior engineers", "mentoring", "Mentor junior engineers"),
        ("Ability to mentor analysts", "mentoring", "to mentor"),
        ("Document the training process", "documentation", "Document the"),
        ("Documenting all work as necessary", "documentation", "Documenting"),
        ("Prototype new ranking ideas", "rapid_prototyping", "Prototype"),
        ("Develop proofs of concept for clients", "rapid_prototyping", "proofs of concept"),
        ("Tune hyperparameters for large models", "hyperparameter_tuning", "Tune hyperparameters"),
        ("Build recommendation engines", "recommender_systems", "recommendation engines"),
        ("Monitor deployed models for drift", "model_monitoring", "Monitor deployed models"),
        ("Preprocess raw sensor data", "data_preprocessing", "Preprocess"),
        ("Build churn prevention models", "churn_prediction", "churn prevention models"),
        ("Strong organizational skills", "time_management", "Strong organizational"),
        ("Experience with SparkSQL", "spark_sql", "SparkSQL"),
        ("Take ownership of the roadmap", "sense_of_ownership", "Take ownership"),
        ("Work across backend and frontend code", "backend_development", "backend"),
        ("Work across backend and frontend code", "frontend_development", "frontend"),
    ],
)
def test_verb_and_paraphrase_forms_of_asks(text, term, surface):
    assert (term, surface) in {(m.term, m.text) for m in jdmatch.extract(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Bachelor's degree in Mathematics, Statistics, Computer Science or a related field",
        "Master’s in statistics, software engineering, or related fields is required",
        "Degree in a quantitative field (Mathematics, Statistics, Operational Research, etc)",
        "A degree in a technical discipline (computer science / mathematics / statistics)",
        "BS/MS in Data Science or Statistics",
        "PhD in Machine Learning or Applied Mathematics.",
    ],
)
def test_fields_of_a_degree_are_not_asks(text):
    assert terms(text) == []


def test_asks_after_a_degree_list_still_count():
    text = "MS in Statistics and 3+ years of experience with Python and SQL"
    assert terms(text) == ["python", "sql"]
    assert terms("PhD in Computer Science with a focus on NLP") == ["nlp"]
    assert terms("Statistics and Python") == ["statistics", "python"]
    # "degree" without a list of fields after it opens nothing.
    assert "statistics" in terms("A high degree of statistics knowledge")


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Expertise in programming languages such as Python", "programming_languages"),
        ("Proficient in at least one programming language", "programming_languages"),
        ("Experience using ML libraries such as SciPy", "ml_libraries"),
        ("Familiar with machine learning frameworks", "ml_libraries"),
        ("We build cutting-edge products", "edge_ai"),
        ("Train and evaluate core ML models", "core_ml"),
        ("Our team owns the user experience of checkout", "ui_ux_design"),
        ("Built HTML5 MSE video playback", "mse"),
        ("Mobile apps on J2ME CDC devices", "change_data_capture"),
        ("MSE in Electrical Engineering", "mse"),
    ],
)
def test_umbrella_words_idioms_and_lookalikes_are_not_asks(text, term):
    assert term not in terms(text)


def test_the_real_things_are_still_found():
    assert "core_ml" in terms("Ship on-device models with Core ML")
    assert "mse" in terms("Loss functions: MSE, MAE and Huber")
    assert "change_data_capture" in terms("CDC pipelines with Debezium")
    assert "ui_ux_design" in terms("UX design and user research")


def test_not_preceded_by_is_read_from_the_lexicon():
    assert load_lexicon()["mse"].not_preceded_by >= {"html5"}
