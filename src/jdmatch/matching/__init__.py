"""Step 3 of the flow: find the lexicon's concepts in text with spaCy.

The matcher is a spaCy pipeline component (``"jdmatch_concepts"``) holding ``PhraseMatcher``s:
one on lower-cased tokens for ordinary aliases, and one on exact tokens for ambiguous aliases.
An ambiguous alias that is *distinctive* in its exact case (an acronym such as ``NLP`` or
``BERT``, a camel-cased name such as ``LoRA``, a form with a digit such as ``T5``) counts wherever
it appears with that case. One that is an ordinary word or a single letter in any case (``Go``,
``R``, ``Spark``, ``Excel``, ``transformer``) counts only in a technical context: a technology
named within a few words, or a cue such as "experience with" or "programming".

One module per job, each importing only the ones before it:

- :mod:`~jdmatch.matching.mention`: the :class:`Mention` type and :func:`count_terms`;
- :mod:`~jdmatch.matching.tokenizer`: the tokenizer rules for skill lists and their signature;
- :mod:`~jdmatch.matching.context`: the context rules for ambiguous aliases;
- :mod:`~jdmatch.matching.patterns`: the pattern table (surface forms already tokenized), its
  file beside the lexicon, and patterns that join the matchers as documents need them;
- :mod:`~jdmatch.matching.component`: the spaCy component and :func:`make_nlp`;
- :mod:`~jdmatch.matching.pipelines`: the shared pipelines (see :mod:`jdmatch.caches`), renewed
  after :data:`RENEW_AFTER_LEXEMES` words so long streams stay in bounded memory;
- :mod:`~jdmatch.matching.extracting`: the front door, :func:`extract` and :func:`extract_many`.

:mod:`jdmatch.extraction` re-exports the same names.

Example:
    >>> [m.term for m in extract("We use PyTorch, k8s and CI/CD.")]
    ['pytorch', 'kubernetes', 'ci_cd']
"""

from __future__ import annotations

from jdmatch.matching.component import (
    COMPONENT_NAME,
    SPAN_KEY,
    ConceptMatcher,
    make_concept_matcher,
    make_nlp,
)
from jdmatch.matching.context import (
    is_distinctive,
)
from jdmatch.matching.extracting import (
    PIECE_LENGTH,
    extract,
    extract_many,
    match_texts,
)
from jdmatch.matching.mention import (
    Mention,
    count_terms,
)
from jdmatch.matching.patterns import (
    PATTERN_TABLE,
    PatternTable,
    build_pattern_table,
    shipped_pattern_table,
    write_pattern_table,
)
from jdmatch.matching.pipelines import (
    RENEW_AFTER_LEXEMES,
    pipeline_for,
    preload,
)
from jdmatch.matching.tokenizer import (
    SkillListEnglish,
    customize_tokenizer,
    tokenizer_signature,
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
