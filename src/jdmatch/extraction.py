"""Step 3 of the flow, under its former name: :mod:`jdmatch.matching` re-exported.

Every public name of the former ``extraction`` module is importable from here as before; the
code lives in the :mod:`jdmatch.matching` package, one module per job.

Example:
    >>> [m.term for m in extract("We use PyTorch, k8s and CI/CD.")]
    ['pytorch', 'kubernetes', 'ci_cd']
"""

from __future__ import annotations

from jdmatch.matching import (
    COMPONENT_NAME,
    PATTERN_TABLE,
    PIECE_LENGTH,
    RENEW_AFTER_LEXEMES,
    SPAN_KEY,
    ConceptMatcher,
    Mention,
    PatternTable,
    SkillListEnglish,
    build_pattern_table,
    count_terms,
    customize_tokenizer,
    extract,
    extract_many,
    is_distinctive,
    make_concept_matcher,
    make_nlp,
    match_texts,
    pipeline_for,
    preload,
    shipped_pattern_table,
    tokenizer_signature,
    write_pattern_table,
)

__all__ = [
    "COMPONENT_NAME",
    "PATTERN_TABLE",
    "PIECE_LENGTH",
    "RENEW_AFTER_LEXEMES",
    "SPAN_KEY",
    "ConceptMatcher",
    "Mention",
    "PatternTable",
    "SkillListEnglish",
    "build_pattern_table",
    "count_terms",
    "customize_tokenizer",
    "extract",
    "extract_many",
    "is_distinctive",
    "make_concept_matcher",
    "make_nlp",
    "match_texts",
    "pipeline_for",
    "preload",
    "shipped_pattern_table",
    "tokenizer_signature",
    "write_pattern_table",
]
