"""The fit a hiring manager reads: band, asks covered, years, degree and title, end to end."""

from __future__ import annotations

import json

import jsonschema
import pytest

import jdmatch
from jdmatch.coverage import load_score_bands
from jdmatch.reporting import report_schema

JD = """Senior Data Scientist
Requirements
- 5+ years of experience with PyTorch and Python.
- SQL and A/B testing.
- Master's degree in Statistics or Computer Science.
Nice to have
- Kafka is a plus.
"""


def resume(*jobs: str, extra: str = "") -> str:
    return "Jane Roe\nData Scientist\nExperience\n" + "\n".join(jobs) + "\n" + extra


ONE_YEAR = resume(
    "Data Scientist, Northwind, Jan 2023 - Dec 2023",
    "- Trained PyTorch churn models, cutting losses 12%.",
    "Analyst, Contoso, Jan 2019 - Dec 2022",
    "- Wrote SQL reports in Python for finance.",
    extra="Education\nBSc Mathematics, 2018",
)
SIX_YEARS = resume(
    "Data Scientist, Northwind, Jan 2018 - Dec 2023",
    "- Trained PyTorch churn models, cutting losses 12%.",
    "- Wrote SQL reports in Python for finance.",
    extra="Education\nMSc Statistics, 2017",
)


def row(report, term):
    return next(item for item in report.plan if item.term == term)


def test_a_shortfall_in_years_is_said_and_raises_the_priority():
    short, long = jdmatch.analyze(JD, ONE_YEAR), jdmatch.analyze(JD, SIX_YEARS)
    short_row, long_row = row(short, "pytorch"), row(long, "pytorch")
    assert (short_row.years_asked, short_row.years_shown) == (5, 1.0)
    assert "the resume shows about 1 year of it (5+ years asked)" in short_row.reason
    assert long_row.years_shown == 6.0
    assert "years asked)" not in long_row.reason
    assert short_row.evidence == long_row.evidence == "demonstrated"
    assert short_row.priority > long_row.priority


def test_a_concept_outside_every_dated_job_shows_no_years():
    cv = ONE_YEAR + "Skills\nKafka"
    jd = "Data Scientist\nRequirements\n- 3+ years of Kafka."
    kafka = row(jdmatch.analyze(jd, cv), "apache_kafka")
    assert kafka.years_shown == 0.0
    assert "no dated job of the resume shows it (3+ years asked)" in kafka.reason


def test_a_resume_without_dates_keeps_its_evidence():
    cv = "Experience\n- Trained PyTorch churn models, cutting losses 12%."
    pytorch = row(jdmatch.analyze(JD, cv), "pytorch")
    assert pytorch.years_shown is None
    assert "years asked" not in pytorch.reason


def test_the_fit_counts_asks_and_reads_years_degree_and_title():
    fit = jdmatch.analyze(JD, ONE_YEAR).fit
    assert (fit.required_covered, fit.required_demonstrated, fit.required_total) == (3, 3, 4)
    assert (fit.preferred_covered, fit.preferred_total) == (0, 1)
    assert (fit.years_shown, fit.years_source, fit.years_asked) == (5.0, "dates", 5)
    assert (fit.degree_held, fit.degree_asked, fit.degree_level) == (
        "bachelor",
        "master",
        "required",
    )
    assert (fit.title_match, fit.closest_title) == (1.0, "Data Scientist")
    assert fit.band == load_score_bands().band(fit.score)
    assert fit.summary().startswith(f"{fit.band.capitalize()} fit (score {fit.score:.0f})")
    assert "covers 3 of 4 required concepts (3 shown in work), 0 of 1 preferred" in fit.summary()


def test_the_right_title_raises_the_score():
    other_title = ONE_YEAR.replace("Data Scientist", "Accountant")
    assert jdmatch.analyze(JD, ONE_YEAR).score > jdmatch.analyze(JD, other_title).score


def test_bands_order_an_unrelated_resume_below_a_practitioner():
    unrelated = "Jane Roe\nPastry Chef\nExperience\nPastry Chef, Cafe Rouge, 2015 - 2023"
    assert jdmatch.analyze(JD, unrelated).fit.band == "weak"
    assert jdmatch.analyze(JD, SIX_YEARS).fit.band != "weak"


def test_the_fit_in_json_markdown_and_html():
    # The score section carries the fit: its band, the counts and one line per fact.
    report = jdmatch.analyze(JD, ONE_YEAR)
    data = json.loads(report.to_json())
    jsonschema.validate(data, report_schema())
    assert data["score_meaning"]["fit_band"] == report.fit.band
    assert data["score_meaning"]["required"]["concepts"] == report.fit.required_total
    assert data["fit"]["years_asked"] == report.fit.years_asked
    assert data["study_plan"][0]["years_shown"] is None or data["study_plan"][0]["years_shown"] >= 0
    facts = data["facts"]
    assert (
        facts["years"]
        == "Experience: about 5 years shown (from the dates of its jobs); 5+ years asked."
    )
    assert facts["degree"] == "Degree: bachelor named; master required."
    assert "\u201cData Scientist\u201d, 100% alike" in facts["title"]
    for rendered in (report.to_text(width=1000), report.to_markdown()):
        assert all(line in rendered for line in facts.values())
    page = report.to_html()
    assert f'<p class="band">Fit: {report.fit.band}</p>' in page
    assert facts["degree"] in page


def test_the_fit_of_a_pdf_resume(pdf_file):
    path = pdf_file(SIX_YEARS.split("\n"), name="cv.pdf")
    fit = jdmatch.analyze(JD, path).fit
    assert (fit.years_shown, fit.degree_held, fit.closest_title) == (
        6.0,
        "master",
        "Data Scientist",
    )


@pytest.mark.parametrize("top", [1, 3])
def test_reports_pickle_with_their_fit(top):
    import pickle

    report = jdmatch.analyze(JD, ONE_YEAR)
    copy = pickle.loads(pickle.dumps(report))
    assert copy.fit == report.fit
    assert copy.to_dict(top=top) == report.to_dict(top=top)
