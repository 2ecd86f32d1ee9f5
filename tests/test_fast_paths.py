"""The shortcuts behind a fast cold start and bounded memory give the same results as the long way.

- the shipped pattern table, where it fits, equals tokenizing the lexicon now; a stale one is
  ignored (never a failing test);
- patterns added as documents need them match exactly what all patterns match;
- the one-document TF-IDF equals scikit-learn's TfidfTransformer;
- a pipeline renewed after many new words matches as before;
- importing jdmatch and analysing text loads neither pandas, scikit-learn nor pdfminer.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfTransformer

import jdmatch
from jdmatch import extraction
from jdmatch.extraction import (
    COMPONENT_NAME,
    PATTERN_TABLE,
    SPAN_KEY,
    build_pattern_table,
    shipped_pattern_table,
    write_pattern_table,
)
from jdmatch.lexicon import default_lexicon_path
from jdmatch.matching import pipelines
from jdmatch.planning import STUDY_PLAN_COLUMNS

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

TEXTS = [
    *(path.read_text(encoding="utf-8") for path in sorted((EXAMPLES / "postings").glob("*.txt"))),
    "Go-based services, R programming, C++/C#, Node.js/Java; Spark and Airflow pipelines.",
    "We excel at teamwork. Go to market with the spark of an idea.",
    "NLP, LoRA, T5 and BERT; CNNs and Transformers; scikit-learn, k8s, CI/CD.",
]


def spans(nlp, text):
    doc = nlp(text)
    return [(span.label_, span.start_char, span.end_char) for span in doc.spans[SPAN_KEY]]


def test_shipped_pattern_table_is_used_only_when_it_fits():
    """The shipped table, when it fits the lexicon and tokenizer, equals tokenizing now.

    After a lexicon or tokenizer edit it no longer fits: the pipeline ignores it and tokenizes
    at run time (slower to start, same matches) until ``python tools/build_pattern_table.py``
    rewrites it. That is never a failing test.
    """
    nlp = jdmatch.make_nlp()
    lexicon = jdmatch.load_lexicon()
    shipped = shipped_pattern_table(nlp, lexicon)
    built = build_pattern_table(nlp, lexicon)
    assert shipped is None or shipped == built
    matcher = nlp.get_pipe(COMPONENT_NAME)
    matcher.add_all_patterns()
    assert matcher.patterns_ready == sum(len(p) for by_id in built.values() for p in by_id.values())


def test_a_stale_pattern_table_is_ignored(tmp_path, mini_lexicon_path):
    lexicon = jdmatch.load_lexicon(mini_lexicon_path)
    folder = tmp_path / "lexicon"
    folder.mkdir()
    (folder / "mini.json").write_text(Path(mini_lexicon_path).read_text("utf-8"), "utf-8")
    copy = jdmatch.load_lexicon(folder)
    nlp = jdmatch.make_nlp(copy)
    write_pattern_table(nlp, copy, folder / PATTERN_TABLE)
    assert shipped_pattern_table(nlp, copy) == build_pattern_table(nlp, lexicon)

    data = json.loads((folder / PATTERN_TABLE).read_text("utf-8"))
    data["lexicon"] = "0" * 64  # written for other surface forms
    (folder / PATTERN_TABLE).write_text(json.dumps(data), "utf-8")
    assert shipped_pattern_table(nlp, copy) is None
    (folder / PATTERN_TABLE).write_text("{not json", "utf-8")
    assert shipped_pattern_table(nlp, copy) is None
    fresh = jdmatch.make_nlp(copy)  # tokenizes instead
    assert [label for label, _, _ in spans(fresh, "Golang on k8s")] == ["go_lang", "kubernetes"]


def test_patterns_added_on_demand_match_like_all_patterns():
    on_demand = jdmatch.make_nlp()
    everything = jdmatch.make_nlp()
    everything.get_pipe(COMPONENT_NAME).add_all_patterns()
    for text in TEXTS:
        assert spans(on_demand, text) == spans(everything, text)
        assert spans(on_demand, text)  # every text names some concept


def test_a_fresh_pipeline_labels_an_ordinary_word_alias_found_first():
    # Only the in-context pattern of Pulsar joins for this document; its label must exist.
    assert [label for label, _, _ in spans(jdmatch.make_nlp(), "Experience with Pulsar")] == [
        "apache_pulsar"
    ]


def test_threads_sharing_a_fresh_pipeline_match_like_one_thread():
    from concurrent.futures import ThreadPoolExecutor

    expected = [spans(jdmatch.make_nlp(), text) for text in TEXTS]
    shared = jdmatch.make_nlp()  # patterns join while the threads match
    with ThreadPoolExecutor(4) as pool:
        found = list(pool.map(lambda text: spans(shared, text), TEXTS * 4))
    assert found == expected * 4


def test_one_document_weights_equal_scikit_learns_transformer():
    tfidf = jdmatch.ConceptTfidf().fit(TEXTS)
    counts = extraction.count_terms(jdmatch.extract(TEXTS[0]))
    columns = [tfidf.vocabulary_[term] for term in counts]
    matrix = csr_matrix(
        (list(counts.values()), ([0] * len(counts), columns)), shape=(1, len(tfidf.vocabulary_))
    )
    # scikit-learn fitted on the same documents, from their count matrix.
    corpus = [extraction.count_terms(m) for m in jdmatch.extract_many(TEXTS)]
    rows, cols, values = zip(
        *(
            (row, tfidf.vocabulary_[term], count)
            for row, doc in enumerate(corpus)
            for term, count in doc.items()
        ),
        strict=True,
    )
    fitted = TfidfTransformer(norm=None, sublinear_tf=True, smooth_idf=True).fit(
        csr_matrix((values, (rows, cols)), shape=(len(TEXTS), len(tfidf.vocabulary_)))
    )
    expected = fitted.transform(matrix).toarray()[0]
    weights = tfidf.weigh(counts)
    np.testing.assert_allclose([weights[t] for t in counts], expected[columns])
    np.testing.assert_allclose(tfidf.transformer().transform(matrix).toarray()[0], expected)


def test_pipeline_is_renewed_after_many_new_words(monkeypatch):
    text = TEXTS[0]
    before = jdmatch.extract(text)
    old = pipelines.pipeline_for(None)
    monkeypatch.setattr(pipelines, "RENEW_AFTER_LEXEMES", len(old.vocab) + 50)
    novel = " ".join(f"word{number}x" for number in range(100))
    jdmatch.extract(novel)  # this batch pushes the vocabulary past the bound ...
    assert jdmatch.extract(text) == before  # ... so the next one gets a fresh pipeline
    assert pipelines.pipeline_for(None) is not old


@pytest.mark.slow  # a fresh interpreter in a subprocess
def test_the_text_path_imports_neither_pandas_nor_scikit_learn_nor_pdfminer():
    script = (
        "import sys, jdmatch\n"
        "report = jdmatch.analyze('Python, Kafka and SQL are required.', 'Python and SQL')\n"
        "report.to_markdown(); report.to_json(); report.schedule()\n"
        "print(sorted(m for m in ('pandas', 'sklearn', 'scipy', 'pdfminer') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.split("\n")[-2] == "[]"


def test_study_plan_frame_holds_the_plan_rows():
    report = jdmatch.analyze(TEXTS[0], "Python, SQL and Docker; built XGBoost models.")
    frame = report.study_plan
    assert list(frame.columns) == list(STUDY_PLAN_COLUMNS)
    assert frame.to_dict(orient="records") == report.plan_rows()
    assert report.plan_rows(3) == report.plan_rows()[:3]
    with pytest.raises(jdmatch.InvalidParameterError, match="The 'top' parameter of plan_rows"):
        report.plan_rows(0)


def test_shipped_table_lives_beside_the_lexicon():
    assert (default_lexicon_path() / PATTERN_TABLE).is_file()
