"""The lexicon loader: a user's own file works, and every broken rule is a clear LexiconError."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

import jdmatch
from jdmatch import LexiconError
from jdmatch.lexicon import spelling_variants


def write(tmp_path: Path, data: object, name: str = "lexicon.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=1))
    return path


@pytest.fixture
def mini(mini_lexicon_path) -> dict:
    return json.loads(mini_lexicon_path.read_text())


def test_user_lexicon_loads(mini_lexicon_path):
    lexicon = jdmatch.load_lexicon(mini_lexicon_path)
    assert len(lexicon) == 6
    assert lexicon["xgboost"].broader == ("gradient_boosting",)
    assert lexicon["go_lang"].ambiguous_aliases == ("Go",)
    assert lexicon.surface_forms["k8s"] == "kubernetes"
    assert lexicon.sources == (str(mini_lexicon_path.resolve()),)


def test_loads_are_cached_by_path(mini_lexicon_path):
    assert jdmatch.load_lexicon(mini_lexicon_path) is jdmatch.load_lexicon(str(mini_lexicon_path))


def test_folder_of_files_is_merged(tmp_path, mini):
    first, second = copy.deepcopy(mini), copy.deepcopy(mini)
    first["concepts"], second["concepts"] = mini["concepts"][:3], mini["concepts"][3:]
    write(tmp_path, first, "a.json")
    write(tmp_path, second, "b.json")
    assert len(jdmatch.load_lexicon(tmp_path)) == 6


def test_generated_variants_do_not_override_curated_aliases(tmp_path, mini):
    mini["concepts"][0]["aliases"].append("gradient boostings")  # python now owns this form
    lexicon = jdmatch.load_lexicon(write(tmp_path, mini))
    assert lexicon.surface_forms["gradient boostings"] == "python"
    assert lexicon.surface_forms["gradient-boosting"] == "gradient_boosting"


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("llm", ["llms"]),
        ("query", ["queries"]),
        ("batch", ["batches"]),
        ("pandas", []),
        ("c++", []),
        ("feature store", ["feature stores", "feature-store", "feature-stores"]),
        (
            "fine-tuning",
            ["fine-tunings", "fine tuning", "fine tunings", "finetuning", "finetunings"],
        ),
    ],
)
def test_spelling_variants(form, expected):
    assert spelling_variants(form) == expected


def mutate(mini: dict, index: int, **changes: object) -> dict:
    data = copy.deepcopy(mini)
    for key, value in changes.items():
        if value is None:
            del data["concepts"][index][key]
        else:
            data["concepts"][index][key] = value
    return data


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"category": "framework"}, r"concept 'python': unknown category 'framework'"),
        ({"pillars": ["ml_theory"]}, r"unknown pillar\(s\) \['ml_theory'\]"),
        ({"pillars": []}, r"'pillars' must not be empty"),
        ({"prompts": []}, r"concept 'python': 'prompts' must not be empty"),
        ({"prompts": None}, r"missing required field\(s\) \['prompts'\]"),
        ({"aliases": "Python"}, r"'aliases' must be a list of non-empty strings"),
        ({"id": "Python Lang"}, r"'id' must be snake_case"),
        ({"broader": ["nothing_here"]}, r"unknown broader concept 'nothing_here'"),
        ({"colour": "blue"}, r"unknown field\(s\) \['colour'\]"),
        ({"effort_hours": -2}, r"'effort_hours' must be a positive number"),
        ({"aliases": ["k8s"]}, r"alias 'k8s' belongs to both"),
        ({"id": "kubernetes"}, r"concept id 'kubernetes' is defined twice"),
    ],
)
def test_broken_rules_name_file_and_concept(tmp_path, mini, changes, message):
    path = write(tmp_path, mutate(mini, 0, **changes))
    with pytest.raises(LexiconError, match=message) as caught:
        jdmatch.load_lexicon(path)
    assert caught.value.path.endswith("lexicon.json")
    assert isinstance(caught.value, ValueError)


def test_error_reports_the_line_of_the_concept(tmp_path, mini):
    path = write(tmp_path, mutate(mini, 2, category="nope"))
    with pytest.raises(LexiconError) as caught:
        jdmatch.load_lexicon(path)
    lines = path.read_text().splitlines()
    assert '"kubernetes"' in lines[caught.value.line - 1]
    assert f"lexicon.json:{caught.value.line}:" in str(caught.value)


def test_cycle_in_broader_links(tmp_path, mini):
    data = mutate(mini, 3, broader=["xgboost"])  # gradient_boosting -> xgboost -> gradient_boosting
    with pytest.raises(LexiconError, match=r"cycle: .*gradient_boosting -> xgboost"):
        jdmatch.load_lexicon(write(tmp_path, data))


def test_invalid_json_reports_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{\n  "lexicon_format": 1,\n  "concepts": [\n    {"id": "x",}\n  ]\n}\n')
    with pytest.raises(LexiconError, match=r"bad.json:4: invalid JSON") as caught:
        jdmatch.load_lexicon(path)
    assert caught.value.line == 4


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([1, 2], 'expected an object with a "concepts" list'),
        ({"lexicon_format": 2, "concepts": []}, '"lexicon_format" must be 1'),
        ({"lexicon_format": 1, "concepts": ["python"]}, "concept #0: must be an object"),
    ],
)
def test_malformed_structure(tmp_path, data, message):
    with pytest.raises(LexiconError, match=message):
        jdmatch.load_lexicon(write(tmp_path, data))


def test_missing_lexicon_path(tmp_path):
    with pytest.raises(LexiconError, match="no such lexicon file or folder"):
        jdmatch.load_lexicon(tmp_path / "missing.json")


def test_empty_folder(tmp_path):
    with pytest.raises(LexiconError, match=r"no lexicon files"):
        jdmatch.load_lexicon(tmp_path)
