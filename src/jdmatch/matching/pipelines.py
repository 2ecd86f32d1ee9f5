"""Matching, part 6: the shared pipelines, one per lexicon content, renewed to bound memory.

Kept in :mod:`jdmatch.caches` (``"pipelines"``), keyed by the lexicon's
:attr:`~jdmatch.lexicon.Lexicon.source_digest`; a pipeline is rebuilt once its vocabulary holds
:data:`RENEW_AFTER_LEXEMES` words.
"""

from __future__ import annotations

from typing import cast

from spacy.language import Language

from jdmatch.caches import BoundedCache, bounded_cache
from jdmatch.lexicon import Lexicon, load_lexicon
from jdmatch.matching.component import COMPONENT_NAME, ConceptMatcher, make_nlp

#: A cached pipeline is rebuilt once its vocabulary holds this many words. spaCy keeps every
#: word it has seen (and caches how it tokenized it), so a long stream of new words (names,
#: numbers, typos) would otherwise grow memory without bound; renewing costs about 0.3 s, and
#: a 100,000-pair stream then stayed within 169–206 MB. Real postings bring about 25,000 words
#: per 1,000.
RENEW_AFTER_LEXEMES = 100_000
#: Pipelines by the content of their lexicon (:attr:`~jdmatch.lexicon.Lexicon.source_digest`),
#: so that passing the shipped lexicon and passing ``None`` share one; see :mod:`jdmatch.caches`.
_PIPELINES: BoundedCache[str, Language] = bounded_cache("pipelines", maxsize=8)


def pipeline_for(lexicon: Lexicon | None = None, *, current: Language | None = None) -> Language:
    """Return the shared pipeline that matches ``lexicon``, renewed when its vocabulary is full.

    Args:
        lexicon: The lexicon; ``None`` uses the shipped one.
        current: A pipeline the caller holds: returned as it is while its vocabulary has fewer
            than :data:`RENEW_AFTER_LEXEMES` words.

    Returns:
        A pipeline built by :func:`make_nlp` for ``lexicon``.

    Example:
        >>> nlp = pipeline_for()
        >>> pipeline_for(current=nlp) is nlp
        True
    """
    if current is not None and len(current.vocab) <= RENEW_AFTER_LEXEMES:
        return current
    key = lexicon if lexicon is not None else load_lexicon()
    digest = key.source_digest
    nlp = _PIPELINES.get(digest)
    if nlp is None or len(nlp.vocab) > RENEW_AFTER_LEXEMES:
        _PIPELINES.pop(digest)
        nlp = _PIPELINES.put(digest, make_nlp(key))
    return nlp


def _cached_nlp(lexicon: Lexicon | None) -> Language:
    return pipeline_for(lexicon)


def preload(lexicon: Lexicon | None = None) -> int:
    """Build the pipeline that :func:`extract` uses now, with all its patterns.

    The first call of :func:`extract` otherwise builds it (about 0.3 s), and patterns join the
    matcher over the first few dozen documents. A server or a worker process that wants no such
    delay on its first request calls this at start-up.

    Args:
        lexicon: The lexicon to match; ``None`` uses the shipped one.

    Returns:
        How many patterns the pipeline's matchers hold: all of the lexicon's.

    Example:
        >>> preload() > 30_000
        True
        >>> from jdmatch.matching import extract
        >>> [m.term for m in extract("Kafka")]
        ['apache_kafka']
    """
    matcher = cast(ConceptMatcher, _cached_nlp(lexicon).get_pipe(COMPONENT_NAME))
    matcher.add_all_patterns()
    return matcher.patterns_ready
