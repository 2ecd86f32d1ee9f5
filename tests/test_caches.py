"""State you can see: every cache is registered in jdmatch.caches, bounded, keyed by content."""

from __future__ import annotations

import csv
import os
import pickle
import shutil

import pytest

import jdmatch
from jdmatch import caches
from jdmatch.analysis import _reference_tfidf
from jdmatch.caches import BoundedCache, cache_sizes, clear_caches
from jdmatch.extraction import pipeline_for


def test_every_cache_is_registered_and_cleared():
    before = jdmatch.analyze("Kafka and SQL are required.", "SQL").to_json()
    sizes = cache_sizes()
    assert {"lexicons", "pipelines", "reference_tfidf", "token_ids", "sentence_levels"} <= set(
        sizes
    )
    assert sizes["lexicons"] >= 1
    assert sizes["pipelines"] >= 1
    clear_caches()
    assert not any(cache_sizes().values())
    # Results do not depend on what was kept.
    assert jdmatch.analyze("Kafka and SQL are required.", "SQL").to_json() == before


def test_bounded_cache_drops_the_least_recently_used():
    cache: BoundedCache[str, int] = BoundedCache("test", maxsize=2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "a" is now the most recent
    cache.put("c", 3)
    assert cache.keys() == ["a", "c"]
    assert len(cache) == 2
    with pytest.raises(ValueError, match="maxsize"):
        BoundedCache("bad", maxsize=0)


def test_an_edited_lexicon_file_is_read_again(tmp_path, mini_lexicon_path):
    path = tmp_path / "lexicon.json"
    shutil.copy(mini_lexicon_path, path)
    first = jdmatch.load_lexicon(path)
    assert jdmatch.load_lexicon(path) is first  # unchanged files: the same object
    text = path.read_text(encoding="utf-8").replace('"k8s"]', '"k8s", "kube"]', 1)
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    edited = jdmatch.load_lexicon(path)
    assert edited is not first
    assert [m.term for m in jdmatch.extract("kube", lexicon=edited)] == ["kubernetes"]


def test_pipelines_and_reference_weights_are_keyed_by_content(tmp_path, mini_lexicon_path):
    copy = tmp_path / "same.json"
    shutil.copy(mini_lexicon_path, copy)
    original, same = jdmatch.load_lexicon(mini_lexicon_path), jdmatch.load_lexicon(copy)
    assert original is not same
    assert pipeline_for(original) is pipeline_for(same)
    assert _reference_tfidf(original) is _reference_tfidf(same)
    assert pipeline_for(None) is not pipeline_for(original)


def test_the_analyzer_owns_its_pipeline_and_statistics():
    analyzer = jdmatch.Analyzer()
    nlp = analyzer.nlp
    assert analyzer.nlp is nlp
    assert analyzer.tfidf.n_documents_ > 1000
    copy = pickle.loads(pickle.dumps(analyzer))
    assert copy._nlp is None  # a worker process builds its own pipeline
    assert copy.analyze("Kafka", "Kafka").score == analyzer.analyze("Kafka", "Kafka").score


def test_reading_a_csv_leaves_the_field_size_limit_alone(tmp_path):
    path = tmp_path / "postings.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "description"])
        writer.writerow(["ML Engineer", "Python and Kafka. " + "x" * 200_000])
    limit = csv.field_size_limit()
    many = jdmatch.analyze_many(path, "Python")
    assert len(many.reports) == 1
    assert csv.field_size_limit() == limit


def test_the_caches_module_is_documented():
    assert ">>>" in (caches.__doc__ or "")
