"""Matching, part 5: the ``jdmatch_concepts`` spaCy component and :func:`make_nlp`.

The component holds ``PhraseMatcher``s: one on lower-cased tokens for ordinary aliases, and one
on exact tokens for ambiguous aliases, whose matches the context rules of
:mod:`jdmatch.matching.context` accept or reject.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from os import PathLike

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from jdmatch.lexicon import Lexicon, load_lexicon
from jdmatch.matching.context import (
    _NOT_TECHNICAL,
    _WINDOW,
    SurfaceKeys,
    TokenTable,
    _in_technical_context,
    _longest_first,
    _plausible,
    context_word_keys,
    degree_fields,
    elided_mentions,
    employer_names,
    plausible_plain_matches,
    surface_keys,
)
from jdmatch.matching.patterns import (
    _IN_CONTEXT,
    _WaitingPatterns,
    build_pattern_table,
    shipped_pattern_table,
)
from jdmatch.matching.tokenizer import SkillListEnglish, customize_tokenizer

#: Name of the registered spaCy pipeline component.
COMPONENT_NAME = "jdmatch_concepts"
#: ``doc.spans`` key under which the component stores concept spans (label = concept id).
SPAN_KEY = "jdmatch_concepts"


class ConceptMatcher:
    """spaCy component that stores concept spans in ``doc.spans["jdmatch_concepts"]``.

    Add it with ``nlp.add_pipe("jdmatch_concepts")`` (shipped lexicon) or
    ``nlp.add_pipe("jdmatch_concepts", config={"lexicon_path": "my_lexicon.json"})``. It works
    with any English tokenizer; :func:`customize_tokenizer` adds the splits that find concepts
    glued together by ``/`` or bullets.

    Example:
        >>> doc = make_nlp()("PyTorch on k8s")
        >>> [span.label_ for span in doc.spans["jdmatch_concepts"]]
        ['pytorch', 'kubernetes']
    """

    def __init__(self, nlp: Language, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        # One pass finds both kinds of exact-case alias: ordinary-word ones under a key of
        # their own, so that they can be held back for a technical context.
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        table = shipped_pattern_table(nlp, lexicon) or build_pattern_table(nlp, lexicon)
        self._waiting = _WaitingPatterns(
            table,
            {
                "lower": (self._lower, ""),
                "distinctive": (self._exact, ""),
                "contextual": (self._exact, _IN_CONTEXT),
            },
        )
        #: Concepts by the string id of their id (how the matchers report them).
        self.concept_of = {nlp.vocab.strings.add(concept.id): concept for concept in lexicon}
        self._contextual_keys = {
            get_string_id(concept.id + _IN_CONTEXT): key for key, concept in self.concept_of.items()
        }
        self._lower_patterns = table["lower"]
        self._surface_keys: SurfaceKeys | None = None  # built on first use
        self._checked = context_word_keys(self.concept_of)

    def add_all_patterns(self) -> None:
        """Add every pattern to the matchers now instead of as documents need them.

        Patterns join their matcher when a document first contains their first word; this
        only moves that work earlier (the matches are the same either way).
        """
        self._waiting.add_all()

    @property
    def patterns_ready(self) -> int:
        """How many patterns have joined the matchers so far."""
        return self._waiting.added

    def __call__(self, doc: Doc) -> Doc:
        """Find concepts in ``doc`` and store them in ``doc.spans["jdmatch_concepts"]``."""
        doc.spans[SPAN_KEY] = [Span(doc, s, e, label=key) for key, s, e in self.find(doc)]
        return doc

    def find(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Return the concepts in ``doc`` without storing spans.

        Args:
            doc: A tokenized document.

        Returns:
            ``(concept id's string id, start token, end token)`` in text order; where matches
            overlap, the longest wins (as with spaCy's ``filter_spans``).
        """
        self._waiting.add_for(doc)
        concept_of = self.concept_of
        tokens = TokenTable(doc)
        plain = plausible_plain_matches(tokens, self._lower(doc), concept_of, self._checked)
        exact = self._exact(doc)
        in_context = self._contextual_keys
        distinctive = [
            (key, s, e)
            for key, s, e in exact
            if key not in in_context
            and _plausible(Span(doc, s, e), concept_of[key], ordinary_word=False)
        ]
        anchors = {
            token_index
            for key, start, end in plain + distinctive
            if concept_of[key].category not in _NOT_TECHNICAL
            for token_index in range(start, end)
        }
        pending = [
            (in_context[key], Span(doc, s, e))
            for key, s, e in exact
            if key in in_context
            and _plausible(Span(doc, s, e), concept_of[in_context[key]], ordinary_word=True)
        ]
        matches = _longest_first(plain + distinctive + _vouched(pending, anchors))
        if self._surface_keys is None:
            self._surface_keys = surface_keys(self._lower_patterns)
        if matches and (elided := elided_mentions(tokens, matches, self._surface_keys)):
            replaced = {i for _, start, end in elided for i in range(start, end)}
            matches = sorted(
                [match for match in matches if match[1] not in replaced] + elided,
                key=lambda match: match[1],
            )
        fields = degree_fields(doc, tokens) | employer_names(tokens, matches) if matches else set()
        return [match for match in matches if match[1] not in fields]


def _vouched(pending: list[tuple[int, Span]], anchors: set[int]) -> list[tuple[int, int, int]]:
    """The ordinary-word matches that stand among technologies, as ``(key, start, end)``.

    An accepted match vouches for its neighbours in turn ("Python, Spark, Airflow and dbt"),
    so matches are read again until nothing changes; but only those within reach of one just
    accepted, whose context changed: reading all of them each round was cubic (2,000 lines of
    "Go" took 15 s). ``anchors`` (token indices of technologies) grows with each acceptance.
    """
    by_start = sorted(range(len(pending)), key=lambda i: pending[i][1].start)
    starts = [pending[i][1].start for i in by_start]
    reach = _WINDOW + max((len(span) for _, span in pending), default=0)
    waiting = set(range(len(pending)))
    vouched: list[tuple[int, int, int]] = []
    to_read = sorted(waiting)
    while accepted := [i for i in to_read if _in_technical_context(pending[i][1], anchors)]:
        waiting.difference_update(accepted)
        near: set[int] = set()
        for index in accepted:
            key, span = pending[index]
            vouched.append((key, span.start, span.end))
            anchors.update(range(span.start, span.end))
            low = bisect_left(starts, span.start - reach)
            high = bisect_right(starts, span.end + _WINDOW)
            near.update(by_start[low:high])
        to_read = sorted(near & waiting)  # in their first order, as every round read them
    return vouched


@Language.factory(COMPONENT_NAME, default_config={"lexicon_path": None})
def make_concept_matcher(nlp: Language, name: str, lexicon_path: str | None) -> ConceptMatcher:
    """Build the ``jdmatch_concepts`` component (spaCy calls this for ``add_pipe``).

    Args:
        nlp: The pipeline the component joins.
        name: The component's name in that pipeline.
        lexicon_path: A lexicon file or folder; ``None`` uses the shipped lexicon.

    Returns:
        The component.
    """
    return ConceptMatcher(nlp, load_lexicon(lexicon_path))


def make_nlp(
    lexicon: Lexicon | str | PathLike[str] | None = None, *, model: str | None = None
) -> Language:
    """Build a spaCy pipeline that finds concepts.

    Args:
        lexicon: A loaded :class:`~jdmatch.lexicon.Lexicon`, a lexicon path, or ``None`` for
            the shipped lexicon.
        model: Name of an installed spaCy model to start from; ``None`` (the default) uses
            ``spacy.blank("en")``, which needs no download.

    Returns:
        A pipeline with the customised tokenizer and the ``jdmatch_concepts`` component.

    Example:
        >>> doc = make_nlp()("Feature stores and Kafka")
        >>> [span.label_ for span in doc.spans["jdmatch_concepts"]]
        ['feature_store', 'apache_kafka']
    """
    if model:
        nlp = spacy.load(model, exclude=["ner", "parser", "lemmatizer"])
        customize_tokenizer(nlp)
    else:
        nlp = SkillListEnglish()
    if isinstance(lexicon, Lexicon):
        path: str | None = lexicon.path  # loads are cached by path: the same object comes back
    else:
        path = str(lexicon) if lexicon is not None else None
    nlp.add_pipe(COMPONENT_NAME, config={"lexicon_path": path})
    return nlp
