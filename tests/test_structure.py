"""Reading postings and resumes like a hiring manager: sections, levels, evidence, role."""

from __future__ import annotations

import pytest

import jdmatch
from jdmatch.structure import (
    detect_role,
    detect_seniority,
    read_job,
    read_resume,
    requirement_levels,
    years_asked,
)


def levels_by_term(text: str) -> dict[str, str]:
    mentions = jdmatch.extract(text)
    return {
        m.term: level for m, level in zip(mentions, requirement_levels(text, mentions), strict=True)
    }


@pytest.mark.parametrize(
    ("heading", "level"),
    [
        ("REQUIREMENTS", "required"),
        ("Requirements:", "required"),
        ("Minimum Qualifications", "required"),
        ("What you'll bring", "required"),
        ("## Responsibilities", "required"),
        ("**What You Will Do**", "required"),
        ("About the role", "required"),
        ("About This Role", "required"),
        ("What You’ll Do", "required"),
        ("What We're Looking For", "required"),
        ("Total Rewards", "mentioned"),
        ("PREFERRED QUALIFICATIONS", "preferred"),
        ("Nice to have:", "preferred"),
        ("Bonus points", "preferred"),
        ("Desired Skills", "preferred"),
        ("About Us", "mentioned"),
        ("Who we are", "mentioned"),
        ("Benefits & Perks", "mentioned"),
        ("Equal Opportunity Employer", "mentioned"),
        ("Compensation", "mentioned"),
    ],
)
def test_heading_styles(heading, level):
    text = f"Intro line with SQL.\n{heading}\n- Kubernetes and Terraform"
    found = levels_by_term(text)
    assert found["kubernetes"] == level
    assert found["terraform"] == level
    assert found["sql"] == "required"  # text before any heading


def test_inline_heading_applies_to_the_rest_of_its_line_and_section():
    text = "Requirements: Python, SQL\nNice to have: Kafka\nTerraform too"
    assert levels_by_term(text) == {
        "python": "required",
        "sql": "required",
        "apache_kafka": "preferred",
        "terraform": "preferred",
    }


@pytest.mark.parametrize(
    ("sentence", "level"),
    [
        ("Experience with Kafka is a plus.", "preferred"),
        ("Familiarity with Kafka preferred.", "preferred"),
        ("Kafka would be a bonus.", "preferred"),
        ("Ideally you have used Kafka.", "preferred"),
        ("Kafka is nice to have.", "preferred"),
        ("Kafka experience is a must have.", "required"),
        ("Kafka is required.", "required"),
        ("No prior Kafka experience required.", "mentioned"),
        ("You don't need Kafka knowledge to start.", "mentioned"),
        ("You will build streaming jobs on Kafka.", "required"),
    ],
)
def test_inline_cues_and_negation(sentence, level):
    assert levels_by_term(f"Responsibilities\n{sentence}")["apache_kafka"] == level


def test_preferred_section_sentence_can_still_say_required():
    text = "Preferred qualifications\nKafka is required for the streaming team."
    assert levels_by_term(text)["apache_kafka"] == "required"


def test_boilerplate_lines_are_context_without_a_heading():
    text = (
        "We build ML systems with PyTorch.\n"
        "We are an equal opportunity employer and value diversity in our Python community."
    )
    found = levels_by_term(text)
    assert found["pytorch"] == "required"
    assert found["python"] == "mentioned"


def test_boilerplate_lines_found_when_lower_casing_changes_offsets():
    # "İ" lower-cases to two characters, so the text is searched as it is.
    text = (
        "İstanbul office: we build ML systems with PyTorch.\n"
        "We are an Equal Opportunity employer and value diversity in our Python community."
    )
    assert len(text.lower()) != len(text)
    found = levels_by_term(text)
    assert found["pytorch"] == "required"
    assert found["python"] == "mentioned"


def test_years_asked_per_concept():
    text = "5+ years of Python and SQL. 2-3 years with Kubernetes. Kafka experience."
    assert years_asked(text, jdmatch.extract(text)) == {"python": 5, "sql": 5, "kubernetes": 2}


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Senior Machine Learning Engineer", "ml_engineer"),
        ("Research Scientist, Language Models", "research_scientist"),
        ("Applied Scientist II", "applied_scientist"),
        ("Data Scientist, Growth", "data_scientist"),
        ("MLOps Engineer", "mlops"),
        ("Software Engineer, ML Platform", "mlops"),
        ("Big Data Engineer", "data_engineer"),
        ("Generative AI Engineer", "llm_engineer"),
        ("LLM Engineer", "llm_engineer"),
        ("Business Intelligence Analyst", "analyst"),
        ("Materials Scientist", "research_scientist"),
    ],
)
def test_role_from_title(title, role):
    assert detect_role(title) == role


def test_vague_ai_title_uses_the_body():
    body = {"large_language_models", "retrieval_augmented_generation", "python"}
    assert detect_role("AI Engineer", body) == "llm_engineer"
    assert detect_role("AI Engineer", {"python", "pytorch"}) == "ml_engineer"


@pytest.mark.parametrize(
    ("title", "years", "seniority"),
    [
        ("Machine Learning Engineer Intern", 0, "intern"),
        ("Machine Learning Engineer - 2024 Grad", 0, "junior"),
        ("Junior Data Scientist", 0, "junior"),
        ("Machine Learning Engineer II", 0, "mid"),
        ("Machine Learning Engineer", 0, "mid"),
        ("Machine Learning Engineer", 3, "mid"),
        ("Machine Learning Engineer", 5, "senior"),
        ("Sr. ML Engineer", 0, "senior"),
        ("Staff Machine Learning Engineer", 0, "staff"),
        ("Principal Scientist", 0, "staff"),
        ("Engineering Manager, ML", 0, "manager"),
    ],
)
def test_seniority(title, years, seniority):
    assert detect_seniority(title, years) == seniority


def test_read_job_takes_the_strongest_level_per_concept():
    text = "Senior ML Engineer\nAbout us\nWe love Kafka.\nRequirements\n6+ years of Kafka."
    job = read_job(text, jdmatch.extract(text))
    assert job.requirement["apache_kafka"] == "required"
    assert (job.role, job.seniority, job.years["apache_kafka"]) == ("ml_engineer", "senior", 6)


RESUME = """Alex Example
Summary
ML engineer who likes Scala.
Skills
Python, Kubernetes, Terraform
Experience
- Cut p99 latency 40% by moving inference to Kubernetes.
- Built feature pipelines in Airflow and Python.
Projects
Fine-tuned a transformer with PyTorch for search.
Education
MSc with coursework in statistics.
Certifications
AWS Certified Machine Learning
"""


def test_resume_evidence_levels_and_sections():
    resume = read_resume(RESUME, jdmatch.extract(RESUME))
    assert resume.evidence["kubernetes"] == "demonstrated"
    assert resume.sections["kubernetes"] == "experience"
    assert "kubernetes" in resume.metric
    assert resume.evidence["python"] == "demonstrated"
    assert "python" not in resume.metric
    assert resume.evidence["pytorch"] == "demonstrated"
    assert resume.sections["pytorch"] == "projects"
    assert (resume.evidence["terraform"], resume.sections["terraform"]) == ("listed", "skills")
    assert (resume.evidence["scala"], resume.sections["scala"]) == ("listed", "summary")
    assert (resume.evidence["statistics"], resume.sections["statistics"]) == ("listed", "education")
    assert (resume.evidence["aws_certification"], resume.sections["aws_certification"]) == (
        "listed",
        "certifications",
    )


def test_resume_without_headings_counts_sentences_as_demonstrated():
    text = "I built and deployed fraud models with XGBoost for three years.\nSQL"
    resume = read_resume(text, jdmatch.extract(text))
    assert resume.evidence["xgboost"] == "demonstrated"
    assert resume.evidence["sql"] == "listed"


JD = """Machine Learning Engineer
Responsibilities
Deploy models on Kubernetes with Terraform and Python.
Requirements
3+ years of Python. Experience with PyTorch.
Nice to have
Kafka is a plus.
About us
We are a Scala shop.
"""


def test_analyze_reports_levels_evidence_and_role():
    report = jdmatch.analyze(JD, RESUME)
    plan = report.study_plan.set_index("term")
    assert (report.role, report.seniority) == ("ml_engineer", "mid")
    assert plan.loc["kubernetes", ["requirement", "evidence"]].tolist() == [
        "required",
        "demonstrated",
    ]
    assert plan.loc["apache_kafka", "requirement"] == "preferred"
    assert plan.loc["scala", "requirement"] == "mentioned"
    assert plan.loc["scala", "jd_weight"] == 0.0
    assert plan.loc["python", "years_asked"] == 3
    terraform = plan.loc["terraform"]
    assert terraform.evidence == "listed"
    assert terraform.study.startswith("Listed but never shown in your experience")
    assert "only lists it in skills" in terraform.reason
    assert "uses it in experience with a measured outcome" in plan.loc["kubernetes", "reason"]


def test_context_mentions_do_not_count_towards_the_score():
    jd = "Requirements\nPython and Kubernetes.\nAbout us\nWe also use Scala and Rust."
    with_scala = jdmatch.analyze(jd, "Python, Kubernetes, Scala")
    without_scala = jdmatch.analyze(jd, "Python, Kubernetes")
    assert with_scala.score == without_scala.score


def test_role_shapes_the_priorities():
    # What postings of a role family ask most (role centrality) and the role's pillar weights
    # move a concept's probe: Kubernetes up for MLOps, statistics up for a data scientist.
    jd = (
        "Requirements\nTransformers, attention and PyTorch; Kubernetes, Kafka and model serving."
        " Strong SQL and statistics."
    )
    scientist = {r.term: r.probe for r in jdmatch.analyze(jd, "Jane", role="data_scientist").plan}
    engineer = {r.term: r.probe for r in jdmatch.analyze(jd, "Jane", role="mlops").plan}
    assert engineer["kubernetes"] > scientist["kubernetes"]
    assert scientist["statistics"] > engineer["statistics"]


def test_role_and_seniority_overrides_are_validated():
    report = jdmatch.analyze(JD, RESUME, role="data_scientist", seniority="staff")
    assert (report.role, report.seniority) == ("data_scientist", "staff")
    assert report.to_dict()["role"] == "data_scientist"
    with pytest.raises(jdmatch.InvalidParameterError, match="The 'role' parameter of analyze"):
        jdmatch.analyze(JD, RESUME, role="wizard")
    with pytest.raises(jdmatch.InvalidParameterError, match="The 'seniority' parameter"):
        jdmatch.analyze(JD, RESUME, seniority="ancient")


def test_two_column_pdf_resume(tmp_path):
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    left = ["SKILLS", "Python, Terraform", "Snowflake and dbt", "", "EDUCATION", "MSc Statistics"]
    right = ["EXPERIENCE", "Senior ML Engineer, Example Co", "- Cut serving cost 35% by moving",
             "  inference to Kubernetes.", "- Built Kafka streaming features.", "PROJECTS",
             "Fine-tuned PyTorch models."]  # fmt: skip
    for row, text in enumerate(left):
        pdf.text(15, 20 + 4.5 * row, text)
    for row, text in enumerate(right):
        pdf.text(90, 20 + 4.5 * row, text)
    path = tmp_path / "two-columns.pdf"
    pdf.output(str(path))
    document = jdmatch.load(path)
    resume = read_resume(document.text, jdmatch.extract(document))
    assert {t: resume.evidence[t] for t in ("python", "terraform", "dbt", "statistics")} == {
        "python": "listed",
        "terraform": "listed",
        "dbt": "listed",
        "statistics": "listed",
    }
    assert resume.sections["kubernetes"] == "experience"
    assert resume.sections["pytorch"] == "projects"
    assert "kubernetes" in resume.metric  # the bullet wraps: its number is on the line above
    assert "apache_kafka" not in resume.metric
