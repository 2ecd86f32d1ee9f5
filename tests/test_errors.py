"""Parameter checks, limit messages, StatisticsError and what jdmatch exports."""

from __future__ import annotations

import importlib.metadata
import math
import pickle

import pytest

import jdmatch
from jdmatch.errors import Interval, Options, check_parameter
from jdmatch.loading import raise_hint
from jdmatch.weighting import load_statistics


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: jdmatch.Limits(max_bytes=0),
            "'max_bytes' parameter of Limits must be an int in [1, 1125899906842624]. Got 0",
        ),
        (
            lambda: jdmatch.Limits(max_pages=10**400),
            "'max_pages' parameter of Limits must be an int in [1, ",
        ),
        (
            lambda: jdmatch.Limits(max_seconds=math.nan),
            "'max_seconds' parameter of Limits must be a number in (0, 86400]. Got nan instead.",
        ),
        (lambda: jdmatch.Limits(max_seconds=True), "must be a number in (0, 86400]. Got True"),
        (
            lambda: jdmatch.load("SQL", limits=3),
            "'limits' parameter of load must be a Limits or None. Got 3",
        ),
        (
            lambda: jdmatch.Document(text=b"x"),
            "'text' parameter of Document must be a str. Got b'x'",
        ),
        (
            lambda: jdmatch.Analyzer(role="pilot"),
            "'role' parameter of analyze must be one of ['ml_engineer'",
        ),
        (lambda: jdmatch.Analyzer(seniority=1), "must be one of ['intern'"),
        (
            lambda: list(jdmatch.Analyzer().pipe([], n_process=0)),
            "'n_process' parameter of Analyzer.pipe must be -1 or a positive int. Got 0 instead.",
        ),
        (
            lambda: list(jdmatch.Analyzer().pipe([], batch_size=1.0)),
            "'batch_size' parameter of Analyzer.pipe must be a positive int. Got 1.0",
        ),
        (
            lambda: jdmatch.ConceptTfidf(lexicon="x"),
            "'lexicon' parameter of ConceptTfidf must be a Lexicon or None. Got 'x'",
        ),
    ],
)
def test_public_entries_word_bad_parameters_alike(call, message):
    with pytest.raises(jdmatch.InvalidParameterError) as caught:
        call()
    assert message in str(caught.value)
    assert str(caught.value).startswith("The '")
    assert str(caught.value).endswith(" instead.")


def test_schedule_bounds_use_the_helper():
    report = jdmatch.analyze("PyTorch and Kafka.", "PyTorch")
    with pytest.raises(jdmatch.InvalidParameterError, match=r"an int in \[1, 520\]\. Got 0"):
        report.schedule(weeks=0)
    with pytest.raises(jdmatch.InvalidParameterError, match=r"a number in \[2, 168\]\. Got nan"):
        report.schedule(hours_per_week=math.nan)


def test_check_parameter_accepts_any_constraint_and_returns_the_value():
    positive = Interval(int, 1, None)
    assert check_parameter(-1, "n", "f", Options((-1,)), positive) == -1
    assert check_parameter(None, "n", "f", positive, None) is None
    assert check_parameter(2.5, "x", "f", Interval(float, 2, 3)) == 2.5
    for bad in (True, 0, 1.0, math.nan, "1"):
        with pytest.raises(jdmatch.InvalidParameterError, match="must be a positive int"):
            check_parameter(bad, "n", "f", positive)
    with pytest.raises(jdmatch.InvalidParameterError, match=r"a number in \(0, 1\]"):
        check_parameter(0, "x", "f", Interval(float, 0, 1, closed="right"))


def test_limit_errors_say_how_to_raise_the_limit():
    assert raise_hint("max_chars") == "load(..., limits=Limits(max_chars=...))"
    assert raise_hint("max_bytes", call=False) == "Limits(max_bytes=...)"
    with pytest.raises(jdmatch.LimitError) as caught:
        jdmatch.load("Python and SQL", limits=jdmatch.Limits(max_chars=5))
    assert str(caught.value) == (
        "<text>: the text has 14 characters; the limit is 5 (raise it with "
        "load(..., limits=Limits(max_chars=...)))"
    )


def test_a_malformed_statistics_file_is_a_statistics_error(tmp_path):
    bad = tmp_path / "reference_idf.json"
    bad.write_text('{"format": 1, "n_documents": "many"}', encoding="utf-8")
    with pytest.raises(jdmatch.StatisticsError, match="cannot read document frequencies") as caught:
        load_statistics(bad)
    error = caught.value
    # Still a LexiconError (what it was before), a JdmatchError and a ValueError.
    assert isinstance(error, jdmatch.LexiconError)
    assert isinstance(error, jdmatch.JdmatchError)
    assert isinstance(error, ValueError)
    assert error.path == str(bad)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is jdmatch.StatisticsError
    assert str(copy) == str(error)


def test_version_comes_from_the_package_metadata():
    assert jdmatch.__version__ == importlib.metadata.version("jdmatch")


def test_errors_warnings_and_clear_caches_are_exported():
    for name in ("ModelError", "StatisticsWarning", "StatisticsError", "clear_caches"):
        assert name in jdmatch.__all__
        assert hasattr(jdmatch, name)
    assert issubclass(jdmatch.ModelError, jdmatch.JdmatchError)
    assert issubclass(jdmatch.StatisticsWarning, UserWarning)
    jdmatch.analyze("PyTorch", "PyTorch")
    jdmatch.clear_caches()
    from jdmatch.caches import cache_sizes

    assert sum(cache_sizes().values()) == 0
