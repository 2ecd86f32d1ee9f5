"""Resume sections and evidence on small made-up resumes: text, a real PDF and a real DOCX."""

from __future__ import annotations

import pytest

import jdmatch
from jdmatch.resume_sections import heading_type, section_spans, shows_work
from jdmatch.structure import read_resume


def evidence(text: str) -> dict[str, str]:
    return dict(read_resume(text, jdmatch.extract(text)).evidence)


def types_of(text: str) -> list[str]:
    return [kind for _offset, kind in section_spans(text)]


# A flattened export: labels glued to the text before them, job blocks repeated.
FLATTENED = (
    "Skills * Programming: Python, Tableau, SQL.Education Details \n"
    "January 2016 B.Sc. Computer Science Pune University\n"
    "Data Scientist - Acme\n"
    "Skill Details \n"
    "Tableau- Experience - 24 months\n"
    "Python- Experience - 24 monthsCompany Details \n"
    "company - Acme Analytics\n"
    "description - Churn prediction for a telecom client.\n"
    "TECHNOLOGY ASSISTED REVIEW\n"
    "* Built churn models with XGBoost and scikit-learn on 2 years of data.\n"
    "Tools & Technologies: PyTorch, Docker\n"
    "company - Beta Labs\n"
    "description - Forecasting demand with Prophet.\n"
)


def test_flattened_labels_glued_to_text_start_sections_where_they_stand():
    spans = section_spans(FLATTENED)
    kinds = [kind for _offset, kind in spans]
    assert kinds[:3] == ["skills", "education", "skills"]
    assert "experience" in kinds
    education = next(offset for offset, kind in spans if kind == "education")
    assert FLATTENED[education:].startswith("Education Details")


def test_flattened_job_blocks_demonstrate_and_skill_details_list():
    found = evidence(FLATTENED)
    assert found["xgboost"] == "demonstrated"
    assert found["scikit_learn"] == "demonstrated"
    # A project's name inside a job and a tools line are not new sections.
    assert found["pytorch"] == "demonstrated"
    assert found["docker"] == "demonstrated"
    assert found["prophet"] == "demonstrated"
    assert found["tableau"] == "listed"


def test_label_glued_to_the_text_after_it():
    text = "Key Skills - Python - Kubernetes\nWork History\nDeployed models with Terraform."
    assert types_of(text) == ["skills", "experience"]
    found = evidence(text)
    assert found["kubernetes"] == "listed"
    assert found["terraform"] == "demonstrated"


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Work History", "experience"),
        ("PROFESSIONAL EXPERIENCE", "experience"),
        ("Professional experience", "experience"),
        ("WORK EXPERINCE", "experience"),
        ("Accomplishments", "certifications"),
        ("Technical Skills Summary", "skills"),
        ("Career Overview", "summary"),
        ("Personal Profile", "other"),
        ("Education and Training", "education"),
        ("Selected Publications", "publications"),
        ("Highlights", "skills"),
        ("Programming Languages", "skills"),
        ("Languages", "other"),
    ],
)
def test_heading_types(heading, kind):
    assert heading_type(heading) == kind


def test_headings_without_styling_switch_sections():
    text = (
        "Jane Roe\nSummary\nAnalyst who likes Tableau.\nWork History\n"
        "Forecast sales with Prophet and SQL.\nSkills\nKubernetes, Spark"
    )
    found = evidence(text)
    assert found["tableau"] == "listed"
    assert found["prophet"] == "demonstrated"
    assert found["sql"] == "demonstrated"
    assert found["kubernetes"] == "listed"
    assert found["apache_spark"] == "listed"


def test_phrases_that_only_look_like_headings_do_not_switch():
    text = (
        "DIRECTOR OF ENGINEERING\nExperience\nProject management\nShipped a Kafka pipeline.\n"
        "technology.\nTuned Airflow jobs."
    )
    assert types_of(text) == ["other", "experience"]
    found = evidence(text)
    assert found["apache_kafka"] == "demonstrated"
    assert found["apache_airflow"] == "demonstrated"


def test_heading_repeated_by_pdf_extraction_keeps_the_section():
    text = "Experience\nExperience\nBuilt a Kafka pipeline.\nSkills\nSkills\nPython"
    assert types_of(text) == ["experience", "skills"]
    assert evidence(text) == {"apache_kafka": "demonstrated", "python": "listed"}


def test_action_line_with_a_size_demonstrates_outside_experience():
    text = (
        "Skills\nPython, Docker\nAccomplishments\n"
        "Led a team of five to deploy Docker services.\n"
        "Certified in Kubernetes."
    )
    found = evidence(text)
    assert found["docker"] == "demonstrated"  # the action line, outside experience
    assert found["python"] == "listed"
    assert found["kubernetes"] == "listed"


def test_shows_work():
    assert shows_work("- Led a team of five engineers")
    assert shows_work("• Mentored two juniors on PyTorch")
    assert shows_work("Deployed 3 models to production")
    assert shows_work("I built and deployed fraud models for three years.")
    assert not shows_work("Deployed models")  # no size: could be a summary's claim
    assert not shows_work("Python, SQL, 5 years")


def test_skills_inside_a_job_do_not_end_it_but_a_plain_heading_does():
    text = (
        "Experience\nData Engineer, Acme\nEnvironment: Airflow, Spark\n"
        "TECHNICAL SKILLS\nKafka\nEducation\nB.Sc. with SQL coursework"
    )
    assert types_of(text) == ["experience", "skills", "education"]
    found = evidence(text)
    assert found["apache_airflow"] == "demonstrated"
    assert found["apache_kafka"] == "listed"
    assert found["sql"] == "listed"


def test_real_pdf_resume(pdf_file):
    path = pdf_file(
        [
            "JANE ROE",
            "Highlights",
            "Python, Tableau, Docker",
            "Work History",
            "Data Scientist, Acme 2019 to 2023",
            "Built churn models with XGBoost that cut churn by 12%.",
            "Accomplishments",
            "Mentored two juniors on PyTorch.",
            "Education and Training",
            "M.Sc. Statistics",
        ],
        name="resume.pdf",
    )
    document = jdmatch.load(path)
    mentions = jdmatch.extract(document.text)
    resume = read_resume(document.text, mentions)
    assert resume.evidence["xgboost"] == "demonstrated"
    assert "xgboost" in resume.metric
    assert resume.evidence["tableau"] == "listed"
    assert resume.evidence["pytorch"] == "demonstrated"


def test_real_docx_resume(docx_file):
    path = docx_file(
        [
            "Jane Roe",
            "Professional Summary",
            "Engineer who enjoys Kubernetes.",
            "Professional Experience",
            "Deployed 40 models on Kubernetes with Terraform.",
            "Skills",
            "Python, SQL",
            "Publications",
            "Graph neural networks for fraud, KDD 2021.",
        ],
        name="resume.docx",
    )
    document = jdmatch.load(path)
    resume = read_resume(document.text, jdmatch.extract(document.text))
    assert resume.evidence["kubernetes"] == "demonstrated"
    assert resume.evidence["terraform"] == "demonstrated"
    assert resume.evidence["python"] == "listed"
    assert resume.sections["gnn"] == "publications"


def test_upper_case_heading_glued_after_a_sentence():
    text = "Interests\nChess and hiking. SELECTED PUBLICATIONS Doe, J. Graph neural networks, 2021."
    assert types_of(text) == ["other", "publications"]
    assert evidence(text)["gnn"] == "demonstrated"


@pytest.mark.parametrize(
    ("line", "term"),
    [
        ("Led a team of five engineers to ship a churn model.", "leadership"),
        ("Mentored two juniors on model evaluation.", "mentoring"),
        ("Managed offshore teams across three time zones.", "people_management"),
        ("Managed a team of 6 data scientists.", "people_management"),
        ("Coached 3 new hires on code review.", "mentoring"),
    ],
)
def test_leadership_lines_give_leadership_evidence(line, term):
    text = f"Accomplishments\n{line}"
    found = evidence(text)
    assert found[term] == "demonstrated"


def test_phd_with_publications_names_research():
    text = (
        "Education\nPh.D. in Statistics, thesis on Bayesian hierarchical models\n"
        "Publications\nDoe, J. Variational inference at scale. NeurIPS 2021."
    )
    found = evidence(text)
    assert found["research_skills"] == "listed"  # the thesis, under education
    assert found["research_publications"] == "demonstrated"
    report = jdmatch.analyze("Research Scientist\nRequirements\nResearch experience.", text)
    row = report.study_plan.set_index("term").loc["research_skills"]
    assert "never names" not in row["reason"]


def test_long_lines_are_read():
    # A long run of spaces once made the heading search quadratic (its speed is measured in
    # benchmarks/, not here): headings are looked for in a line's first 80 characters only.
    text = "Abc" + " " * 50_000 + "x\n" + "Word " * 50_000 + "\n" + ("Skills " + "a " * 9_000)
    spans = section_spans(text)
    assert spans
    assert all(kind for _offset, kind in spans)
    assert dict(read_resume(text, []).evidence) == {}
