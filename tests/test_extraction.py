"""Extraction on the shipped lexicon: every concept in every context, and the ambiguity traps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import jdmatch
from jdmatch.extraction import SPAN_KEY, is_distinctive

LEXICON = jdmatch.load_lexicon()

#: Contexts in which every concept's main alias must be found ({a} as curated, {u} in capitals,
#: {t} in title case).
CONTEXTS = [
    "{a}",
    "Skills:\n{a}\nTools",
    "We use {a}",
    "{a}\n",
    "- {a}",
    "-{a}",
    "• {a}",
    "•{a}",
    "* {a}",
    "*{a}",
    "({a})",
    "x ({a}) y",
    "{a}/Java",
    "Node.js/{a}",
    "C++/C#/{a}",
    "{a}, SQL",
    "{a}.",
    "{a};",
    "{a}: required",
    "{a}-based tools",
    "{a}'s strengths",
    "{a}’s strengths",
    "{u}",
    "{t}",
]


def _cases():
    for concept in LEXICON:
        alias = concept.aliases[0]
        for context in CONTEXTS:
            if context == "{t}" and "." in alias:
                continue  # code names such as torch.compile are never written in title case
            yield concept.id, context.format(a=alias, u=alias.upper(), t=alias.title())
        plural = _plural_of(alias.lower())
        if plural is not None:
            yield concept.id, f"Several {plural} were used"


def _plural_of(form):
    for suffix, cut in (("s", 0), ("es", 0), ("ies", 1)):
        candidate = (form[:-cut] if cut else form) + suffix
        if LEXICON.surface_forms.get(candidate) == LEXICON.surface_forms[form]:
            return candidate
    return None


def test_every_concept_is_found_in_every_context():
    cases = list(_cases())
    found = jdmatch.extract_many([text for _, text in cases])
    misses = [
        (term, text)
        for (term, text), mentions in zip(cases, found, strict=True)
        if term not in {m.term for m in mentions}
    ]
    assert len(cases) > 20 * len(LEXICON)
    assert misses == []


#: The ambiguity trap tables, shared with eval/ambiguity_traps.py.
TRAPS = json.loads(
    (Path(__file__).resolve().parents[1] / "eval" / "ambiguity_traps.json").read_text()
)
AMBIGUOUS_FOUND = [(t["text"], t["term"], t["surface"]) for t in TRAPS["found"]]
AMBIGUOUS_NOT_FOUND = [(t["text"], t["term"]) for t in TRAPS["not_found"]]


@pytest.mark.parametrize(("text", "term", "surface"), AMBIGUOUS_FOUND)
def test_ambiguous_word_found_in_technical_context(text, term, surface):
    mentions = jdmatch.extract(text)
    assert (term, surface) in {(m.term, m.text) for m in mentions}


@pytest.mark.parametrize(("text", "term"), AMBIGUOUS_NOT_FOUND)
def test_ambiguous_word_not_found_in_ordinary_prose(text, term):
    assert term not in {m.term for m in jdmatch.extract(text)}


def test_trap_tables_name_real_concepts():
    assert len(AMBIGUOUS_FOUND) >= 30
    assert len(AMBIGUOUS_NOT_FOUND) >= 30
    for _, term, *_ in AMBIGUOUS_FOUND + AMBIGUOUS_NOT_FOUND:
        assert term in LEXICON


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("NLP", True),
        ("LoRA", True),
        ("T5", True),
        ("Monte Carlo", True),
        ("Go", False),
        ("R", False),
        ("Spark", False),
        ("transformer", False),
        ("dbt", False),
    ],
)
def test_distinctive_aliases(alias, expected):
    assert is_distinctive(alias) is expected


def test_issue_example():
    text = "We use PyTorch, k8s and CI/CD."
    mentions = jdmatch.extract(text)
    assert [(m.term, m.text, m.start, m.end) for m in mentions] == [
        ("pytorch", "PyTorch", 7, 14),
        ("kubernetes", "k8s", 16, 19),
        ("ci_cd", "CI/CD", 24, 29),
    ]
    python = mentions[0]
    assert python.label == LEXICON["pytorch"].label
    assert python.pillars == LEXICON["pytorch"].pillars


def test_offsets_point_into_the_callers_text_after_normalisation():
    text = "• Deep ﬁne-\ntuning of “LLMs” on Kuber-\nnetes\u00a0and\u200bPyTorch"
    mentions = jdmatch.extract(text)
    assert {m.term for m in mentions} >= {"fine_tuning", "large_language_models", "kubernetes"}
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    assert "Kuber-\nnetes" in {m.text for m in mentions}


def test_longest_match_wins():
    # "Spark Streaming" is one concept, not Spark plus a word; "Apache Spark" keeps its prefix.
    found = [(m.term, m.text) for m in jdmatch.extract("Apache Spark SQL and Spark Streaming")]
    assert found == [
        ("apache_spark", "Apache Spark"),
        ("sql", "SQL"),
        ("spark_streaming", "Spark Streaming"),
    ]


def test_document_input_and_stream_order():
    document = jdmatch.Document(text="Kafka and Flink", source="jd.txt")
    assert [m.term for m in jdmatch.extract(document)] == ["apache_kafka", "apache_flink"]
    results = list(jdmatch.extract_many(["Python", "no skills here", "SQL"], batch_size=2))
    assert [[m.term for m in r] for r in results] == [["python"], [], ["sql"]]


def test_extract_many_rejects_bad_batch_size():
    with pytest.raises(jdmatch.InvalidParameterError, match="The 'batch_size' parameter"):
        list(jdmatch.extract_many(["Python"], batch_size=0))


def test_extract_rejects_non_text():
    with pytest.raises(jdmatch.InvalidParameterError, match="The 'text' parameter of extract"):
        jdmatch.extract(b"Python")  # type: ignore[arg-type]


def test_registered_component_on_a_stock_blank_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("jdmatch_concepts")
    doc = nlp("Kafka and Flink streaming with feature stores")
    assert [span.label_ for span in doc.spans[SPAN_KEY]] == [
        "apache_kafka",
        "apache_flink",
        "streaming_processing",
        "feature_store",
    ] or {"apache_kafka", "apache_flink", "feature_store"} <= {
        s.label_ for s in doc.spans[SPAN_KEY]
    }


def test_component_with_a_user_lexicon(mini_lexicon_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("jdmatch_concepts", config={"lexicon_path": str(mini_lexicon_path)})
    doc = nlp("Python and Golang on k8s")
    assert [span.label_ for span in doc.spans[SPAN_KEY]] == ["python", "go_lang", "kubernetes"]


def test_make_nlp_uses_the_blank_pipeline():
    nlp = jdmatch.make_nlp()
    assert nlp.pipe_names == ["jdmatch_concepts"]
    assert nlp.lang == "en"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "PyTorch",
                "k8s",
                "R",
                "Go",
                "ﬁne-\ntuning",
                "•",
                " ",
                "\n",
                "C++/C#",
                "(",
                ")",
                ",",
                "LLMs",
                "’s",
                "\u200b",
                "Excel at",
                "x",
                "-",
            ]
        ),
        max_size=25,
    )
)
def test_offsets_always_slice_the_input(parts):
    text = "".join(parts)
    mentions = jdmatch.extract(text)
    assert mentions == jdmatch.extract(text)
    previous_end = 0
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert mention.start >= previous_end
        previous_end = mention.end
