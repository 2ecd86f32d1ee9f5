"""The batch API: Analyzer.pipe, score_frame, and the scikit-learn KeywordVectorizer."""

from __future__ import annotations

import sys
import typing

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

import jdmatch
from jdmatch.analysis import ROW_KEYS
from jdmatch.extraction import count_terms
from jdmatch.vectorizer import KeywordVectorizer

PAIRS = [
    ("ML Engineer\nRequirements\nKafka, Flink and Python.", "Python and Kafka developer"),
    ("Data Scientist\nRequirements\nSQL, statistics and A/B testing.", "SQL analyst"),
    ("We sell garden furniture.", "Python"),
    ("Research Scientist\nRequirements\nPyTorch, transformers.", "PyTorch research"),
]


def test_pipe_reports_equal_single_analyses():
    analyzer = jdmatch.Analyzer()
    readable = [pair for pair in PAIRS if "garden" not in pair[0]]
    streamed = list(analyzer.pipe(readable, batch_size=2))
    for report, (jd, resume) in zip(streamed, readable, strict=True):
        assert report.to_json() == jdmatch.analyze(jd, resume).to_json()


def test_pipe_rows_keep_going_past_bad_pairs():
    rows = list(jdmatch.Analyzer().pipe(PAIRS, batch_size=3, as_rows=True))
    assert [tuple(row) for row in rows] == [ROW_KEYS] * 4
    assert rows[2]["score"] is None
    assert "no skill or technology" in rows[2]["error"]
    for row, (jd, resume) in zip(rows, PAIRS, strict=True):
        if row["score"] is not None:
            assert row["score"] == jdmatch.analyze(jd, resume).score
            assert row["error"] == ""


def test_pipe_raises_in_report_mode():
    with pytest.raises(jdmatch.NoConceptsError):
        list(jdmatch.Analyzer().pipe(PAIRS))


def test_analyzer_configuration():
    analyzer = jdmatch.Analyzer(role="research_scientist", seniority="staff")
    report = analyzer.analyze(*PAIRS[0])
    assert (report.role, report.seniority) == ("research_scientist", "staff")
    with pytest.raises(jdmatch.InvalidParameterError, match="The 'batch_size' parameter"):
        list(analyzer.pipe(PAIRS, batch_size=0))


def test_score_frame():
    frame = pd.DataFrame(PAIRS, columns=["jd", "cv"], index=[10, 11, 12, 13])
    scored = jdmatch.score_frame(frame, "jd", "cv")
    assert list(scored.index) == [10, 11, 12, 13]
    assert list(scored.columns) == ["score", "role", "seniority", "matched", "gaps", "error"]
    assert scored.loc[10, "score"] == jdmatch.analyze(*PAIRS[0]).score
    assert np.isnan(scored.loc[12, "score"])
    with pytest.raises(jdmatch.InvalidParameterError, match="The 'jd_col' parameter"):
        jdmatch.score_frame(frame, "job", "cv")


def test_keyword_vectorizer_matches_concept_tfidf():
    texts = [jd for jd, _ in PAIRS]
    vectorizer = KeywordVectorizer().fit(texts)
    matrix = vectorizer.transform(texts)
    assert matrix.shape == (4, len(jdmatch.load_lexicon()))
    names = vectorizer.get_feature_names_out()
    tfidf = jdmatch.ConceptTfidf().fit(texts)
    for row, text in enumerate(texts):
        expected = tfidf.weigh(count_terms(jdmatch.extract(text)))
        found = {names[col]: matrix[row, col] for col in matrix[row].nonzero()[1]}
        assert found == pytest.approx(expected)


def test_keyword_vectorizer_in_a_pipeline():
    texts = ["PyTorch and transformers", "Kafka and Flink", "PyTorch, CNNs", "Kafka streams"]
    labels = [1, 0, 1, 0]
    model = make_pipeline(KeywordVectorizer(use_reference_idf=True), LogisticRegression())
    model.fit(texts, labels)
    assert list(model.predict(["PyTorch models", "Flink jobs"])) == [1, 0]
    assert clone(model).get_params()["keywordvectorizer__use_reference_idf"] is True


def test_keyword_vectorizer_must_be_fitted():
    with pytest.raises(jdmatch.NotFittedError, match="Call 'fit' first"):
        KeywordVectorizer().transform(["Python"])


@pytest.mark.slow  # worker processes
def test_pipe_in_worker_processes_equals_one_process():
    analyzer = jdmatch.Analyzer()
    pairs = PAIRS * 5
    expected = list(analyzer.pipe(pairs, batch_size=3, as_rows=True))
    assert list(analyzer.pipe(pairs, batch_size=3, as_rows=True, n_process=2)) == expected
    readable = [pair for pair in pairs if "garden" not in pair[0]]
    reports = list(analyzer.pipe(readable, batch_size=2, n_process=2))
    assert [r.to_json() for r in reports] == [r.to_json() for r in analyzer.pipe(readable)]
    assert reports[0].study_plan.equals(jdmatch.analyze(*readable[0]).study_plan)


@pytest.mark.slow  # worker processes
def test_pipe_in_worker_processes_raises_like_one_process():
    stream = jdmatch.Analyzer().pipe(PAIRS, batch_size=1, n_process=2)
    assert next(stream).score > 0
    assert next(stream).score >= 0
    with pytest.raises(jdmatch.NoConceptsError, match="found no skill"):
        next(stream)


@pytest.mark.parametrize("n_process", [0, -2, 1.5, True, "2"])
def test_pipe_rejects_bad_n_process(n_process):
    with pytest.raises(jdmatch.InvalidParameterError, match="The 'n_process' parameter"):
        list(jdmatch.Analyzer().pipe(PAIRS, n_process=n_process))


def test_error_rows_say_which_side_failed(tmp_path):
    missing_resume = tmp_path / "gone.pdf"
    missing_jd = tmp_path / "gone-too.txt"
    pairs = [(PAIRS[0][0], missing_resume), (missing_jd, "Python"), PAIRS[2]]
    rows = list(jdmatch.Analyzer().pipe(pairs, as_rows=True))
    # A resume that cannot be read is named under resume_source, never under jd_source.
    assert rows[0]["resume_source"] == str(missing_resume)
    assert rows[0]["jd_source"] == "<text>"
    assert rows[0]["error"].startswith(f"resume: {missing_resume}: ")
    assert rows[1]["jd_source"] == str(missing_jd)
    assert rows[1]["error"].startswith(f"jd: {missing_jd}: ")
    # A posting without concepts is the JD's failure, even when both sources are "<text>".
    assert rows[2]["error"].startswith("jd: <text>: found no skill or technology")
    assert all(row["score"] is None for row in rows)


def test_pipe_in_report_mode_raises_the_failing_sides_error(tmp_path):
    missing = tmp_path / "gone.pdf"
    stream = jdmatch.Analyzer().pipe([PAIRS[0], (PAIRS[1][0], missing)], batch_size=2)
    assert next(stream).jd_source == "<text>"  # the readable pair before it still comes out
    with pytest.raises(jdmatch.DocumentNotFoundError) as caught:
        next(stream)
    assert caught.value.source == str(missing)


def test_analyze_many_equals_the_pipe_stream():
    postings = [jd for jd, _ in PAIRS]
    many = jdmatch.analyze_many(postings, "Python, SQL and Kafka")
    analyzer = jdmatch.Analyzer()
    one_by_one = [
        analyzer.analyze(jd, "Python, SQL and Kafka") for jd in postings if "garden" not in jd
    ]
    with pytest.raises(jdmatch.NoConceptsError) as caught:
        analyzer.analyze(PAIRS[2][0], "Python, SQL and Kafka")
    assert many.skipped == ((caught.value.source, str(caught.value)),)  # raw reason, no prefix
    expected = sorted(one_by_one, key=lambda report: (-report.score, report.jd_source))
    assert [r.to_json() for r in many.reports] == [r.to_json() for r in expected]


@pytest.mark.skipif(sys.version_info < (3, 11), reason="typing.get_overloads is Python 3.11+")
def test_pipe_is_typed_by_as_rows():
    overloads = typing.get_overloads(jdmatch.Analyzer.pipe)
    typed = {f.__annotations__["as_rows"]: f.__annotations__["return"] for f in overloads}
    assert typed == {
        "Literal[False]": "Iterator[Report]",
        "Literal[True]": "Iterator[Row]",
        "bool": "Iterator[Report | Row]",
    }
