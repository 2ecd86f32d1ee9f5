"""The headline of a report: the posting's job title and the company its first lines name."""

from __future__ import annotations

import json

import pytest

from jdmatch.headline import COMPANY_SEARCH_LINES, Headline, read_headline
from jdmatch.lexicon import load_lexicon
from jdmatch.structure import TITLE_CHARS


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("ML Engineer\nCompany: Northwind Media\nAbout the role", "Northwind Media"),
        ("ML Engineer\nEmployer - Acme Robotics Inc.\n", "Acme Robotics"),
        ("Role: ML Engineer\nClient : Contoso Bank\nLocation: Remote", "Contoso Bank"),
        ("Senior Data Scientist at Lumen Labs\nWe build models.", "Lumen Labs"),
        ("Applied Scientist @ Harbor Freight Data\n", "Harbor Freight Data"),
        ("Research Engineer\nLumen Labs (fictional company)\nAbout the role", "Lumen Labs"),
        ("ML Engineer\n\nAbout Acme\nAcme builds robots.", "Acme"),
        ("ML Engineer\nAbout Acme Robotics\nWe build arms.", "Acme Robotics"),
        (
            "Data Scientist\n\nAbout Blue Heron Labs:\nBlue Heron Labs is a startup.",
            "Blue Heron Labs",
        ),
        ("ML Engineer\nAcme Robotics is looking for an engineer to join us.", "Acme Robotics"),
        ("Zephyr Health is hiring a Senior ML Engineer.", "Zephyr Health"),
        ("ML Engineer\nAt Acme, we build robots for farms.", "Acme"),
        ("At Northwind, we rank the home feed.\nRequirements: Python", "Northwind"),
        ("ML Engineer\nHere at Fabrikam, we rank the home feed.", "Fabrikam"),
        ("ML Engineer\nJoin Acme Robotics and help us ship models.", "Acme Robotics"),
        ("Join Fabrikam, where you will build search.", "Fabrikam"),
        ("ML Engineer\nContoso’s mission is to make search fair.", "Contoso"),
        ("## Data Scientist\n**Company:** Acme\n", "Acme"),
        ("ML Engineer\nWestern Widgets®\nAbout the role", "Western Widgets"),
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
        "ML Engineer\nActive Secret Clearance\nAbout the role",  # a requirement, not a name
        "Machine Learning Engineer\nRequirements\nPython is a must.\nPyTorch is a plus.",
        "This is a remote position.\nExperience is required with SQL.",
        "ML Engineer\nAI is changing how we work.\nRequirements: SQL",
        "ML Engineer\nTeams / Data Science\n",  # a slash: a path of departments
        "",
    ],
)
def test_no_company_rather_than_a_guess(text):
    assert read_headline(text).company is None


def test_only_the_first_lines_are_searched():
    filler = "Python.\n" * (COMPANY_SEARCH_LINES - 2)
    assert read_headline(f"Machine Learning Engineer\n{filler}About Late Labs\n").company == (
        "Late Labs"
    )
    assert read_headline(f"Machine Learning Engineer\n{filler}Python.\nAbout Late Labs\n") == (
        Headline(title="Machine Learning Engineer", company=None)
    )


def test_a_concept_is_no_company_in_a_sentence_but_is_where_the_shape_says_so():
    lexicon = load_lexicon()
    assert "hugging face" in lexicon.surface_forms
    assert read_headline("ML Engineer\nHugging Face is a plus.", lexicon=lexicon).company is None
    text = "ML Engineer\nAt Hugging Face, we build open models."
    assert read_headline(text, lexicon=lexicon).company == "Hugging Face"


def test_the_lexicon_given_decides_what_is_a_concept(tmp_path):
    concept = {
        "id": "zephyr_stack",
        "label": "Zephyr Stack",
        "category": "tooling",
        "pillars": ["coding"],
        "aliases": ["zephyr stack"],
        "prompts": ["Explain the Zephyr stack."],
    }
    path = tmp_path / "lexicon.json"
    path.write_text(json.dumps({"lexicon_format": 1, "concepts": [concept]}))
    text = "ML Engineer\nZephyr Stack is hiring.\n"
    assert read_headline(text).company == "Zephyr Stack"
    assert read_headline(text, lexicon=load_lexicon(path)).company is None


def test_title_is_the_first_line_without_markdown_marks():
    assert read_headline("\n\n# **Senior ML Engineer**\nbody") == Headline(
        title="Senior ML Engineer", company=None
    )
    assert read_headline("") == Headline(title="", company=None)
    assert len(read_headline("x" * 500).title) == TITLE_CHARS
