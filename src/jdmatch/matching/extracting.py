"""Matching, part 7: the front door, :func:`extract` and :func:`extract_many`.

Texts are normalised (:mod:`jdmatch.normalizing`), cut into pieces of at most
:data:`PIECE_LENGTH` characters at line breaks, tokenized and matched; offsets are mapped back
to the caller's text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import cast

from spacy.language import Language

from jdmatch.errors import invalid_parameter
from jdmatch.lexicon import Concept, Lexicon
from jdmatch.limits import check_time
from jdmatch.loading import Document
from jdmatch.matching.component import COMPONENT_NAME, ConceptMatcher
from jdmatch.matching.mention import Mention
from jdmatch.matching.pipelines import _cached_nlp
from jdmatch.normalizing import NormalizedText, normalize


def extract(text: str | Document, *, lexicon: Lexicon | None = None) -> list[Mention]:
    """Find every concept mentioned in a text.

    Args:
        text: The text (or a loaded :class:`~jdmatch.loading.Document`).
        lexicon: The lexicon to match; ``None`` uses the shipped one.

    Returns:
        Mentions in text order, with offsets into ``text`` (``Document.text`` for a document).

    Example:
        >>> [m.term for m in extract("We use PyTorch, k8s and CI/CD.")]
        ['pytorch', 'kubernetes', 'ci_cd']
    """
    return next(extract_many([text], lexicon=lexicon))


def extract_many(
    texts: Iterable[str | Document], *, lexicon: Lexicon | None = None, batch_size: int = 64
) -> Iterator[list[Mention]]:
    """Stream :func:`extract` over many texts, like spaCy's ``Language.pipe``.

    Args:
        texts: Texts or documents; consumed lazily.
        lexicon: The lexicon to match; ``None`` uses the shipped one.
        batch_size: How many texts spaCy tokenizes at a time.

    Yields:
        The mentions of each text, in input order.

    Example:
        >>> [len(m) for m in extract_many(["Python", "SQL and Spark SQL"])]
        [1, 2]
    """
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
        raise invalid_parameter("batch_size", "extract_many", "a positive int", batch_size)
    normalized = (normalize(_as_text(text)) for text in texts)
    while batch := list(itertools.islice(normalized, batch_size)):
        nlp = _cached_nlp(lexicon)
        matcher = cast(ConceptMatcher, nlp.get_pipe(COMPONENT_NAME))
        yield from _extract_batch(nlp, matcher, batch)


def match_texts(nlp: Language, texts: Sequence[str | Document]) -> list[list[Mention]]:
    """Find the concepts of several texts with a given pipeline.

    What :func:`extract_many` does with the shared pipeline, for a caller that holds its own
    (such as :class:`jdmatch.Analyzer`).

    Args:
        nlp: A pipeline from :func:`make_nlp` (or :func:`pipeline_for`).
        texts: Texts or documents.

    Returns:
        The mentions of each text, in input order.

    Example:
        >>> from jdmatch.matching.pipelines import pipeline_for
        >>> [[m.term for m in found] for found in match_texts(pipeline_for(), ["Kafka", "SQL"])]
        [['apache_kafka'], ['sql']]
    """
    matcher = cast(ConceptMatcher, nlp.get_pipe(COMPONENT_NAME))
    return _extract_batch(nlp, matcher, [normalize(_as_text(text)) for text in texts])


def _extract_batch(
    nlp: Language, matcher: ConceptMatcher, batch: list[NormalizedText]
) -> list[list[Mention]]:
    # The pipeline is the tokenizer and the matcher; calling them directly skips storing and
    # re-reading spans (a fifth of the matching time).
    concept_of = matcher.concept_of
    results: list[list[Mention]] = [[] for _ in batch]
    for piece, (index, norm, offset) in _pieces(enumerate(batch)):
        check_time()  # a piece takes at most about a second
        doc = nlp.make_doc(_LONG_PUNCTUATION.sub(_spaces, piece))
        for key, first, stop in matcher.find(doc):
            last = doc[stop - 1]
            start_char, end_char = doc[first].idx, last.idx + len(last.text)
            start, end = norm.original_span(offset + start_char, offset + end_char)
            results[index].append(_mention(concept_of[key], norm.original, start, end))
    return results


# spaCy strips a token's prefixes and suffixes one at a time, copying the rest each time:
# 8,000 dashes took 36 s. No concept is written with such a run; blanking it (same length, so
# offsets hold) keeps tokenizing linear.
_LONG_PUNCTUATION = re.compile(r"(?:[^\w\s]|_){32,}")


def _spaces(run: re.Match[str]) -> str:
    return " " * len(run[0])


#: Texts longer than this are matched piece by piece, cut at line breaks: spaCy refuses texts
#: over ``nlp.max_length`` characters, and memory stays bounded.
PIECE_LENGTH = 100_000


def _pieces(
    texts: Iterable[tuple[int, NormalizedText]],
) -> Iterator[tuple[str, tuple[int, NormalizedText, int]]]:
    """Cut each normalised text into pieces of at most :data:`PIECE_LENGTH` characters.

    Yields ``(piece, (text index, normalised text, piece offset))``; every text
    yields at least one piece, so empty texts still get their (empty) result.
    """
    for index, norm in texts:
        text, offset = norm.text, 0
        while len(text) - offset > PIECE_LENGTH:
            cut = text.rfind("\n", offset, offset + PIECE_LENGTH)
            if cut <= offset:
                cut = text.rfind(" ", offset, offset + PIECE_LENGTH)
            cut = cut + 1 if cut > offset else offset + PIECE_LENGTH
            yield text[offset:cut], (index, norm, offset)
            offset = cut
        yield text[offset:], (index, norm, offset)


def _mention(concept: Concept, original: str, start: int, end: int) -> Mention:
    return Mention(
        term=concept.id,
        label=concept.label,
        text=original[start:end],
        start=start,
        end=end,
        category=concept.category,
        pillars=concept.pillars,
    )


def _as_text(text: str | Document) -> str:
    if isinstance(text, Document):
        return text.text
    if isinstance(text, str):
        return text
    raise invalid_parameter("text", "extract", "a str or a Document", text)
