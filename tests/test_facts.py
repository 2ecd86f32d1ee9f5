"""What a hiring manager reads first: years, degrees and titles, on resume lines written here."""

from __future__ import annotations

from datetime import date

import pytest

import jdmatch
from jdmatch.facts import (
    degree_held,
    is_job_title,
    job_ranges,
    merged_years,
    parse_point,
    read_facts,
    read_posting_facts,
    read_resume_facts,
    resume_titles,
    stated_years,
    title_closeness,
)
from jdmatch.structure import read_job

TODAY = date(2025, 7, 1)


def facts_of(text: str):
    return read_resume_facts(text, jdmatch.extract(text), today=TODAY)


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        ("Data Scientist, Northwind, Jan 2018 - Present", date(2018, 1, 1), TODAY),
        ("Analyst, Contoso, 2016–2019", date(2016, 7, 1), date(2019, 7, 1)),
        ("Engineer at Fabrikam 03/2015 to 06/2017", date(2015, 3, 1), date(2017, 6, 30)),
        ("Researcher (September 2012 – Aug. 2014)", date(2012, 9, 1), date(2014, 8, 31)),
        ("Intern, Globex, June 2011 till date", date(2011, 6, 1), TODAY),
    ],
)
def test_job_date_ranges_in_the_usual_forms(line, start, end):
    ranges = job_ranges(f"Experience\n{line}\nBuilt dashboards.", today=TODAY)
    assert [(s, e) for _offset, s, e in ranges] == [(start, end)]


def test_a_range_broken_over_lines_by_pdf_extraction_is_read():
    cv = "Work History\nLab Manager\nMay 2011\nto\nJanuary 2015\nRan the sequencing lab."
    assert facts_of(cv).years == 3.8  # May 2011 to the end of January 2015


def test_overlapping_jobs_count_once():
    cv = (
        "Experience\nML Engineer, Tailspin, Jan 2020 - Dec 2022\nTrained ranking models.\n"
        "Lecturer (part time), City College Extension, Jan 2021 - Jun 2021\n"
        "Consultant, Adatum, Jan 2023 - Dec 2023\nAdvised on forecasting."
    )
    facts = facts_of(cv)
    assert facts.years_source == "dates"
    assert facts.years == pytest.approx(4.0, abs=0.05)  # 2020-2022 and 2023, not 4.5


def test_present_is_today_from_the_parameter():
    cv = "Experience\nData Engineer, Woodgrove, Jul 2023 - Present\nMoved ETL jobs to Spark."
    earlier = read_resume_facts(cv, jdmatch.extract(cv), today=date(2024, 7, 1))
    later = read_resume_facts(cv, jdmatch.extract(cv), today=date(2025, 7, 1))
    assert (earlier.years, later.years) == (1.0, 2.0)


def test_studies_are_not_jobs():
    cv = (
        "Education\nB.Tech Computer Science, Riverside University, 2012 - 2016\n"
        "Experience\nSoftware Engineer, Proseware, 2016 - 2018\nWrote Java services.\n"
        "M.Sc. Statistics, Lakeside University, 2018 - 2020"
    )
    facts = facts_of(cv)
    assert facts.years == 2.0
    assert facts.degree == "master"


def test_a_degree_named_in_a_job_is_not_held():
    cv = (
        "Jane Roe\nMathematics Teacher\nExperience\nTeacher, Hillside School, 2015 - 2023\n"
        "- Prepared students for Master's entrance exams.\n- Supervised PhD applicants' essays.\n"
        "Education\nBachelor of Science in Mathematics, 2014"
    )
    assert facts_of(cv).degree == "bachelor"
    assert facts_of("Supervised PhD applicants.\nSkills\nLaTeX").degree == "phd"  # no education


def test_dates_that_are_no_job_are_left_out():
    cv = "Experience\nVolunteer, 2030 - 2031\nCoach, 1960 - 2024\nClerk, 2019 - 2017"
    assert job_ranges(cv, today=TODAY) == []


def test_without_dates_the_stated_years_count():
    cv = "Summary\nData analyst with 6+ years of experience in retail reporting.\nSkills\nSQL"
    facts = facts_of(cv)
    assert (facts.years, facts.years_source) == (6.0, "stated")
    assert facts_of("Skills\nSQL, Excel").years_source == "none"
    assert stated_years("Experience of over 3 years in SAP.") == 3.0


def test_years_per_concept_follow_the_jobs_that_name_it():
    cv = (
        "Experience\nML Engineer, Tailspin, Jan 2023 - Dec 2023\n"
        "- Served PyTorch models behind a REST API.\n"
        "Data Analyst, Adatum, Jan 2018 - Dec 2022\n"
        "- Built SQL reports and Tableau dashboards.\n"
        "Skills\nPython, PyTorch, SQL"
    )
    years = facts_of(cv).concept_years
    assert years["pytorch"] == 1.0
    assert years["sql"] == 5.0
    assert "python" not in years  # only listed, in no dated job


def test_years_per_concept_from_what_the_resume_states():
    cv = "Skill Details\nPython- Experience - 30 months\nSummary\n4 years of SQL in banking."
    years = facts_of(cv).concept_years
    assert years["python"] == 2.5
    assert years["sql"] == 4.0


@pytest.mark.parametrize(
    ("text", "degree"),
    [
        ("B.Tech in Electronics, 2015", "bachelor"),
        ("Bachelor of Commerce", "bachelor"),
        ("BS in Computer Science", "bachelor"),
        ("MSc Data Science, 2019", "master"),
        ("Master's in Applied Statistics", "master"),
        ("MBA, 2010; B.E. Mechanical, 2006", "master"),
        ("Ph.D. in Physics (thesis on dark matter)", "phd"),
        ("Postdoctoral Fellow, 2021", "phd"),
        ("Skills: MS Office, MS SQL Server, MS Excel", None),
        ("Northeastern Tech, Boston, MA 02115", None),
    ],
)
def test_degrees(text, degree):
    assert degree_held(text) == degree


def test_degree_the_posting_asks():
    jd = (
        "Data Scientist\nQualifications\n- Master's degree in Statistics or related field.\n"
        "- 3+ years of industry experience with a PhD, 5+ years without.\n- Python and SQL.\n"
        "Preferred\n- PhD in Machine Learning."
    )
    facts = read_posting_facts(jd, read_job(jd, jdmatch.extract(jd)))
    assert (facts.degree, facts.degree_level, facts.years) == ("master", "required", 5)


def test_a_degree_only_preferred():
    jd = "ML Engineer\nRequirements\n- PyTorch and Kubernetes.\n- A PhD is a plus."
    facts = read_posting_facts(jd, read_job(jd, jdmatch.extract(jd)))
    assert (facts.degree, facts.degree_level) == ("phd", "preferred")


def test_titles_of_a_resume():
    cv = (
        "PRINCIPAL DATA SCIENTIST\nProfile\nI lead teams of analysts.\n"
        "Experience\nSenior Data Scientist - Northwind Traders\nJan 2019 - Present\n"
        "- Built churn models for the account managers.\n"
        "Business Intelligence Developer, Contoso | 2015 - 2018\n"
    )
    assert resume_titles(cv) == (
        "PRINCIPAL DATA SCIENTIST",
        "Senior Data Scientist",
        "Business Intelligence Developer",
    )


def test_title_closeness():
    assert title_closeness("Senior Data Scientist", ["Data Science Intern"]) == (
        1.0,
        "Data Science Intern",
    )
    assert title_closeness("Machine Learning Engineer", ["Software Engineer"]) == (
        pytest.approx(1 / 3, abs=0.001),
        "Software Engineer",
    )
    # Two titles of the ML and data field are close even when they share no word.
    assert title_closeness("ML Engineer", ["Java Developer", "Data Analyst"])[1] == "Data Analyst"
    assert title_closeness("Data Scientist", ["Accountant"]) == (0.0, "")


def test_a_posting_title_is_a_short_line_naming_a_job():
    assert is_job_title("Staff Machine Learning Engineer, Ads (Remote)")
    assert not is_job_title("We are looking for an engineer to join us.")
    assert not is_job_title("PyTorch, Kubernetes")


def test_read_facts_compares_both_sides():
    jd = "Senior Data Scientist\nRequirements: 5+ years of Python; SQL."
    cv = "Experience\nData Analyst, Adatum, Jan 2020 - Dec 2021\nPython and SQL reports."
    facts = read_facts(jd, read_job(jd, jdmatch.extract(jd)), cv, jdmatch.extract(cv), today=TODAY)
    assert (facts.title_match, facts.closest_title) == (0.5, "Data Analyst")
    assert (facts.posting.years, facts.resume.years) == (5, 2.0)
    untitled = "Requirements: 5+ years of Python; SQL."
    assert read_facts(untitled, read_job(untitled, []), cv, []).title_match is None


def test_parse_point_and_merge():
    assert parse_point("Sept 2019", end=False, today=TODAY) == date(2019, 9, 1)
    assert parse_point("12/2020", end=True, today=TODAY) == date(2020, 12, 31)
    assert parse_point("soon", end=True, today=TODAY) is None
    assert merged_years([]) == 0.0


def test_a_long_line_of_dates_is_read_in_one_pass():
    # 20,000 ranges on one line, each beside a school: reading each range's line was quadratic.
    cv = "Experience\n" + "Jan 2018 - Present, University " * 20_000
    cv += "\nTutor, 2010 - 2012"
    facts = facts_of(cv)
    assert (facts.years, facts.years_source) == (2.0, "dates")
