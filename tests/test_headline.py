"""The headline of a report: the posting's job title and, when it says so plainly, its company."""

from __future__ import annotations

import pytest

from jdmatch.headline import MAX_TITLE_CHARS, Headline, read_headline


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("ML Engineer\nCompany: Northwind Media\nAbout the role", "Northwind Media"),
        ("ML Engineer\nEmployer - Acme Robotics Inc.\n", "Acme Robotics"),
        ("Senior Data Scientist at Lumen Labs\nWe build models.", "Lumen Labs"),
        ("Applied Scientist @ Harbor Freight Data\n", "Harbor Freight Data"),
        ("Research Engineer\nLumen Labs (fictional company)\nAbout the role", "Lumen Labs"),
        ("ML Engineer\n\nAbout Acme\nAcme builds robots.", "Acme"),
        ("ML Engineer\nAcme Robotics is looking for an engineer to join us.", "Acme Robotics"),
        ("ML Engineer\nAt Acme, we build robots for farms.", "Acme"),
        ("ML Engineer\nJoin Acme Robotics and help us ship models.", "Acme Robotics"),
        ("## Data Scientist\n**Company:** Acme\n", "Acme"),
    ],
)
def test_company_is_read_from_plain_shapes(text, company):
    assert read_headline(text).company == company


@pytest.mark.parametrize(
    "text",
    [
        "ML Engineer\nRemote, full-time\nAbout the role",  # a work arrangement
        "ML Engineer\nSan Francisco, CA\n",  # a place
        "ML Engineer\nAbout the role\nYou will build models.",  # a heading
        "ML Engineer\nHi Professionals,\nWe have an opening.",  # a greeting
        "ML Engineer\nCompany Profile\nWe are a bank.",  # a heading with the word company
        "ML Engineer\nThe Opportunity\nWe are hiring.",
        "ML Engineer\nThis role is looking for a builder.",
        "ML Engineer\nW2 only 12 month contract\n",
        "ML Engineer\nWe are looking for someone who loves data.",
        "",
    ],
)
def test_no_company_rather_than_a_guess(text):
    assert read_headline(text).company is None


def test_title_is_the_first_line_without_markdown_marks():
    assert read_headline("\n\n# **Senior ML Engineer**\nbody") == Headline(
        title="Senior ML Engineer", company=None
    )
    assert read_headline("") == Headline(title="", company=None)
    assert len(read_headline("x" * 500).title) == MAX_TITLE_CHARS
