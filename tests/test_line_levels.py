"""The learned line reader: issue #12's patterns on made-up postings, and its model file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import jdmatch
from jdmatch.errors import LexiconError
from jdmatch.line_levels import LINE_CLASSES, LineModel, default_line_model, load_line_model
from jdmatch.structure import line_levels, read_job

INTRO = (
    "Machine Learning Engineer\n"
    "Acme Robotics builds warehouse robots for retailers around the world.\n"
    "\n"
    "What you'll do\n"
    "- Train and deploy ranking models in Python\n"
    "- Build data pipelines with Airflow and SQL\n"
    "- Work with product managers on experiments\n"
    "\n"
)
OUTRO = (
    "\n"
    "Benefits\n"
    "- Health insurance, dental and vision\n"
    "- 401(k) with company match\n"
    "Acme is an equal opportunity employer.\n"
)


def levels(text: str) -> dict[str, str]:
    return dict(read_job(text, jdmatch.extract(text)).requirement)


def line_level(text: str, fragment: str) -> str:
    lines = text.split("\n")
    number = next(i for i, line in enumerate(lines) if fragment in line)
    return line_levels(text)[number]


def test_short_bullet_with_experience_stays_in_its_preferred_section():
    text = (
        INTRO + "Requirements\n"
        "- 3+ years of experience with PyTorch\n"
        "- Strong SQL skills\n"
        "\n"
        "Preferred qualifications\n"
        "• Have experience in Ruby\n"
        "• Kubernetes\n"
        "• Familiarity with Terraform\n" + OUTRO
    )
    found = levels(text)
    assert found["pytorch"] == "required"
    assert found["ruby_language"] == "preferred"
    assert found["kubernetes"] == "preferred"
    assert found["terraform"] == "preferred"


@pytest.mark.parametrize(
    "heading",
    [
        "Preferred, but not required",
        "Bonus points!",
        "Ideally, these qualities describe you",
        "Desired skills:",
    ],
)
def test_unusual_nice_to_have_headings(heading):
    text = (
        INTRO + "Requirements\n"
        "- 3+ years of experience with PyTorch\n"
        "- Strong SQL skills\n"
        "\n"
        f"{heading}\n"
        "- Experience with Kubernetes\n"
        "- Exposure to Terraform\n" + OUTRO
    )
    found = levels(text)
    assert found["pytorch"] == "required"
    assert found["kubernetes"] == "preferred"
    assert found["terraform"] == "preferred"


def test_inline_desirable_does_not_leak_past_the_next_heading():
    text = (
        INTRO + "Desirable: experience with Ruby and Terraform.\n"
        "\n"
        "Requirements\n"
        "- Experience with Kubernetes\n"
        "- Strong knowledge of PyTorch\n"
        "- Solid statistics background\n" + OUTRO
    )
    found = levels(text)
    assert found["terraform"] == "preferred"
    assert found["kubernetes"] == "required"
    assert found["pytorch"] == "required"


def test_all_caps_section_after_about_company_is_required_again():
    text = (
        "Senior Data Scientist\n"
        "About Acme\n"
        "Acme is a fintech company serving small businesses across Europe.\n"
        "We are backed by leading investors and growing fast.\n"
        "\n"
        "WHAT YOU'LL DO\n"
        "- Build forecasting models in Python\n"
        "- Run A/B tests and analyse them with SQL\n"
        "- Deploy models on Kubernetes\n"
        "\n"
        "WHAT YOU BRING\n"
        "- 5+ years of experience with PyTorch\n"
        "- Experience with Spark\n" + OUTRO
    )
    found = levels(text)
    assert found["python"] == "required"
    assert found["sql"] == "required"
    assert found["kubernetes"] == "required"
    assert found["pytorch"] == "required"


def test_interview_process_section_is_not_a_requirement():
    text = (
        INTRO + "Requirements\n"
        "- 3+ years of experience with PyTorch\n"
        "- Strong SQL skills\n"
        "\n"
        "Our interview process\n"
        "- A 30 minute call with a recruiter\n"
        "- A take-home exercise\n"
        "- An onsite with a system design round and a coding round\n" + OUTRO
    )
    assert line_level(text, "system design round") != "required"
    assert line_level(text, "take-home") != "required"


def test_benefits_and_equal_opportunity_are_context():
    text = INTRO + "Requirements\n- Experience with PyTorch\n- Strong SQL skills\n" + OUTRO
    assert line_level(text, "401(k)") == "mentioned"
    assert line_level(text, "equal opportunity") == "mentioned"
    assert levels(text)["pytorch"] == "required"


def test_snippets_keep_the_rules():
    # Under ten non-blank lines there is no posting to read in order: the rules decide.
    text = "Requirements\nPython and SQL.\nNice to have\nKafka. Terraform is a plus."
    assert line_levels(text) == ["required", "required", "preferred", "preferred"]


def test_shipped_model_loads():
    model = load_line_model()
    assert model.classes == LINE_CLASSES
    assert model.weights
    assert default_line_model() is default_line_model()
    assert model.provenance["labels"].startswith("eval/labels/postings_gold.jsonl")


def test_model_round_trips_through_json(tmp_path: Path):
    model = LineModel(
        classes=LINE_CLASSES,
        intercept=(0.0, 1.0, -1.0, 0.5),
        weights={"bullet": (0.1, 0.2, 0.3, 0.4)},
        provenance={"note": "made up"},
    )
    file = tmp_path / "line_model.json"
    file.write_text(model.to_json(), encoding="utf-8")
    again = load_line_model(file)
    assert again.classes == model.classes
    assert again.intercept == model.intercept
    assert dict(again.weights) == {"bullet": (0.1, 0.2, 0.3, 0.4)}
    assert again.scores({"bullet": 1.0}) == pytest.approx([0.1, 1.2, -0.7, 0.9])


def _valid() -> dict[str, object]:
    return {
        "format": 1,
        "classes": list(LINE_CLASSES),
        "intercept": [0.0, 0.0, 0.0, 0.0],
        "weights": {"bullet": [0.0, 1.0, 0.0, 0.0]},
    }


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        "[]",
        json.dumps({**_valid(), "format": 2}),
        json.dumps({**_valid(), "classes": ["required", "preferred"]}),
        json.dumps({**_valid(), "intercept": [0.0, 0.0]}),
        json.dumps({**_valid(), "weights": {"bullet": [0.0, "x", 0.0, 0.0]}}),
        json.dumps({**_valid(), "weights": {"bullet": [0.0, 1.0]}}),
        json.dumps({**_valid(), "weights": []}),
        json.dumps({k: v for k, v in _valid().items() if k != "weights"}),
        '{"format": 1, "classes": ["heading", "required", "preferred", "mentioned"], '
        '"intercept": [0, 0, 0, NaN], "weights": {}}',
    ],
)
def test_bad_model_files_raise_a_lexicon_error(tmp_path: Path, content: str):
    file = tmp_path / "line_model.json"
    file.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match="line model"):
        load_line_model(file)


def test_missing_model_file_raises_a_lexicon_error(tmp_path: Path):
    with pytest.raises(LexiconError) as caught:
        load_line_model(tmp_path / "nope.json")
    assert isinstance(caught.value, jdmatch.JdmatchError)
