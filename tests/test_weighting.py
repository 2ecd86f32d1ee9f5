from __future__ import annotations

import json
import math
import warnings
from pathlib import Path

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfTransformer

import jdmatch
from jdmatch import ConceptTfidf, InvalidParameterError, NotFittedError
from jdmatch.extraction import count_terms
from jdmatch.weighting import StatisticsWarning

POSTINGS = [
    "Python and Kubernetes; Python again.",
    "Python, XGBoost and gradient boosting.",
    "Golang services on k8s.",
    "Stakeholder management and Python.",
]


@pytest.fixture
def lexicon(mini_lexicon_path):
    return jdmatch.load_lexicon(mini_lexicon_path)


def count_matrix(lexicon, texts):
    vocabulary = {concept.id: column for column, concept in enumerate(lexicon)}
    rows, columns, values = [], [], []
    for row, mentions in enumerate(jdmatch.extract_many(texts, lexicon=lexicon)):
        for term, count in count_terms(mentions).items():
            rows.append(row)
            columns.append(vocabulary[term])
            values.append(count)
    return csr_matrix((values, (rows, columns)), shape=(len(texts), len(vocabulary)))


def test_fit_gives_scikit_learns_idf(lexicon):
    fitted = ConceptTfidf(lexicon=lexicon).fit(POSTINGS)
    reference = TfidfTransformer(smooth_idf=True).fit(count_matrix(lexicon, POSTINGS))
    np.testing.assert_allclose(fitted.idf_, reference.idf_)
    assert fitted.n_documents_ == len(POSTINGS)
    assert fitted.document_frequency_[fitted.vocabulary_["python"]] == 3


def test_weigh_is_scikit_learns_sublinear_tfidf(lexicon):
    fitted = ConceptTfidf(lexicon=lexicon).fit(POSTINGS)
    counts = {"python": 3, "kubernetes": 1}
    weights = fitted.weigh(counts)
    for term, count in counts.items():
        assert weights[term] == pytest.approx((1 + math.log(count)) * fitted.idf(term))


def test_rarer_concepts_weigh_more(lexicon):
    fitted = ConceptTfidf(lexicon=lexicon).fit(POSTINGS)
    assert fitted.idf("python") < fitted.idf("kubernetes") < fitted.idf("go_lang") + 1e-9


def test_from_statistics_round_trip(lexicon):
    fitted = ConceptTfidf(lexicon=lexicon).fit(POSTINGS)
    rebuilt = ConceptTfidf.from_statistics(fitted.statistics_, lexicon=lexicon)
    np.testing.assert_allclose(rebuilt.idf_, fitted.idf_)


def test_unfitted_use_says_how_to_fix():
    with pytest.raises(NotFittedError, match=r"Call 'fit'"):
        ConceptTfidf().idf("python")


def test_empty_corpus_is_rejected(lexicon):
    with pytest.raises(
        InvalidParameterError, match=r"The 'documents' parameter of ConceptTfidf.fit"
    ):
        ConceptTfidf(lexicon=lexicon).fit([])


def test_unknown_concepts_are_rejected(lexicon):
    fitted = ConceptTfidf(lexicon=lexicon).fit(POSTINGS)
    with pytest.raises(InvalidParameterError, match="concept id of the lexicon"):
        fitted.idf("cobol")
    with pytest.raises(InvalidParameterError, match="counts of concepts in the lexicon"):
        fitted.weigh({"cobol": 2})


def test_wrong_lexicon_type():
    with pytest.raises(InvalidParameterError, match="The 'lexicon' parameter of ConceptTfidf"):
        ConceptTfidf(lexicon="mini.json")  # type: ignore[arg-type]


def test_analyze_with_refitted_idf(lexicon):
    fitted = ConceptTfidf(lexicon=lexicon).fit(POSTINGS)
    report = jdmatch.analyze(
        "Python, Kubernetes and XGBoost.", "Python only.", lexicon=lexicon, tfidf=fitted
    )
    items = (*report.matched, *report.gaps)
    expected = (
        100 * sum(i.score_weight * i.credit for i in items) / sum(i.score_weight for i in items)
    )
    assert {i.term: i.credit for i in items}["python"] == 0.75  # "Python only." lists it
    assert report.score == pytest.approx(expected, abs=0.05)


def test_analyze_rejects_idf_from_another_lexicon(lexicon):
    fitted = ConceptTfidf(lexicon=lexicon).fit(POSTINGS)
    with pytest.raises(InvalidParameterError, match="fitted on the same lexicon"):
        jdmatch.analyze("Python and SQL", "Python", tfidf=fitted)


def test_shipped_reference_statistics_cover_the_shipped_lexicon():
    # Keyed by concept id: a lexicon edit never fails this test. A concept added since the
    # statistics were fitted gets df 0 and a StatisticsWarning; a removed one is ignored.
    statistics = jdmatch.load_statistics()
    lexicon = jdmatch.load_lexicon()
    assert statistics.n_documents > 1000
    assert all(0 <= df <= statistics.n_documents for df in statistics.document_frequency.values())
    assert sum(df > 0 for df in statistics.document_frequency.values()) > 1000
    assert "jobs-aiml-linkedin" in " ".join(statistics.provenance["corpora"])
    # Most of the lexicon was counted (refit with tools/fit_reference_idf.py after edits).
    assert len(set(lexicon.concepts) & set(statistics.document_frequency)) > 0.9 * len(lexicon)


def _edited_lexicon(tmp_path, mini_lexicon_path, *, add=(), remove=()):
    data = json.loads(Path(mini_lexicon_path).read_text(encoding="utf-8"))
    data["concepts"] = [c for c in data["concepts"] if c["id"] not in remove]
    for concept_id in add:
        data["concepts"].append(
            {"id": concept_id, "label": concept_id.title(), "category": "library",
             "pillars": ["coding"], "aliases": [concept_id], "prompts": ["Learn it."]}
        )  # fmt: skip
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return jdmatch.load_lexicon(path)


def test_a_new_concept_gets_df_zero_and_a_warning(tmp_path, lexicon, mini_lexicon_path):
    statistics = ConceptTfidf(lexicon=lexicon).fit(POSTINGS).statistics_
    edited = _edited_lexicon(tmp_path, mini_lexicon_path, add=["polars"])
    with pytest.warns(StatisticsWarning, match=r"1 concept\(s\) .*\(polars\)"):
        tfidf = ConceptTfidf.from_statistics(statistics, lexicon=edited)
    assert tfidf.document_frequency_[tfidf.vocabulary_["polars"]] == 0
    assert tfidf.idf("python") == ConceptTfidf.from_statistics(statistics, lexicon=lexicon).idf(
        "python"
    )


def test_a_removed_concept_is_ignored(tmp_path, lexicon, mini_lexicon_path):
    statistics = ConceptTfidf(lexicon=lexicon).fit(POSTINGS).statistics_
    edited = _edited_lexicon(tmp_path, mini_lexicon_path, remove=["go_lang"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tfidf = ConceptTfidf.from_statistics(statistics, lexicon=edited)
    assert "go_lang" not in tfidf.vocabulary_
    assert tfidf.idf("python") == pytest.approx(math.log(5 / 4) + 1)


def test_fitted_statistics_list_every_concept(lexicon):
    statistics = ConceptTfidf(lexicon=lexicon).fit(POSTINGS).statistics_
    assert set(statistics.document_frequency) == set(lexicon.concepts)
    assert statistics.document_frequency["stakeholder_management"] == 1


def test_reference_idf_ranks_common_below_specific_concepts():
    tfidf = ConceptTfidf.reference()
    assert tfidf.idf("python") < tfidf.idf("apache_kafka") < tfidf.idf("faiss")


def test_malformed_statistics_file(tmp_path):
    path = tmp_path / "idf.json"
    path.write_text('{"format": 1, "n_documents": "many"}')
    with pytest.raises(jdmatch.LexiconError, match="cannot read document frequencies"):
        jdmatch.load_statistics(path)
