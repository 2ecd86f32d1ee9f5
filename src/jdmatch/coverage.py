"""Step 5 of the flow: how much of the job description the resume covers.

Every concept the job description mentions gets a weight ``w`` (its TF-IDF in the JD, see
:mod:`jdmatch.weighting`) and a credit ``e`` from the resume:

- ``e = 1`` when the resume mentions the concept itself;
- ``e = 0.5`` (:data:`NARROWER_CREDIT`) when it mentions only narrower concepts (the JD asks
  for gradient boosting, the resume shows XGBoost), following the lexicon's ``broader`` links;
- ``e = 0`` otherwise.

The score is the weighted share of the JD that the resume evidences::

    score = 100 * sum(w_c * e_c) / sum(w_c)     over the concepts c of the JD

so missing a concept the JD stresses, or one that is rare across postings, costs more than
missing one that every posting names in passing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jdmatch.extraction import Mention, count_terms
from jdmatch.lexicon import Concept, Lexicon
from jdmatch.weighting import ConceptTfidf

#: Credit for a JD concept that the resume shows only through narrower concepts.
NARROWER_CREDIT = 0.5


@dataclass(frozen=True)
class ConceptCoverage:
    """One concept of the job description and how the resume covers it.

    Attributes:
        term: Concept id.
        label: Display name.
        category: Concept category.
        pillars: Interview pillars, main one first.
        jd_count: Mentions in the job description.
        resume_count: Mentions in the resume.
        jd_weight: TF-IDF weight of the concept in the job description.
        credit: Share of the concept the resume evidences: 1, :data:`NARROWER_CREDIT` or 0.
        via: Labels of the narrower concepts that earned partial credit (empty otherwise).
    """

    term: str
    label: str
    category: str
    pillars: tuple[str, ...]
    jd_count: int
    resume_count: int
    jd_weight: float
    credit: float
    via: tuple[str, ...] = ()

    @property
    def matched(self) -> bool:
        """Whether the resume mentions the concept itself."""
        return self.resume_count > 0


@dataclass(frozen=True)
class Coverage:
    """All JD concepts with their coverage, heaviest first, and the overall score.

    Attributes:
        concepts: One entry per concept of the job description, by descending weight.
        score: 0–100, the weighted share of the job description the resume covers.
    """

    concepts: tuple[ConceptCoverage, ...]
    score: float


def weighted_share(items: Iterable[ConceptCoverage]) -> float | None:
    """Return ``100 * sum(weight * credit) / sum(weight)``, or ``None`` for no items.

    Args:
        items: Concept coverages to pool.

    Returns:
        The covered share in percent, or ``None`` when ``items`` is empty.

    Example:
        >>> a = ConceptCoverage("a", "A", "method", ("foundations",), 1, 1, 3.0, 1.0)
        >>> b = ConceptCoverage("b", "B", "method", ("foundations",), 1, 0, 1.0, 0.0)
        >>> weighted_share([a, b])
        75.0
    """
    total = covered = 0.0
    for item in items:
        total += item.jd_weight
        covered += item.jd_weight * item.credit
    return 100.0 * covered / total if total > 0 else None


def compute_coverage(
    jd_mentions: Sequence[Mention],
    resume_mentions: Sequence[Mention],
    *,
    tfidf: ConceptTfidf,
    lexicon: Lexicon,
) -> Coverage:
    """Compare the concepts of a job description with those of a resume.

    Args:
        jd_mentions: Mentions found in the job description.
        resume_mentions: Mentions found in the resume.
        tfidf: Fitted TF-IDF weights over ``lexicon``.
        lexicon: The lexicon both mention lists come from.

    Returns:
        The per-concept coverage and the score (0 when the JD has no concepts).
    """
    jd_counts = count_terms(jd_mentions)
    resume_counts = count_terms(resume_mentions)
    weights = tfidf.weigh(jd_counts)
    narrower_in_resume: dict[str, list[str]] = {}
    for term in resume_counts:
        for ancestor in lexicon.ancestors[term]:
            narrower_in_resume.setdefault(ancestor, []).append(lexicon[term].label)
    concepts = sorted(
        (
            _concept_coverage(
                lexicon[term],
                jd_count=jd_counts[term],
                resume_count=resume_counts.get(term, 0),
                weight=weights[term],
                narrower=narrower_in_resume.get(term, []),
            )
            for term in jd_counts
        ),
        key=lambda item: (-item.jd_weight, item.term),
    )
    score = weighted_share(concepts)
    return Coverage(concepts=tuple(concepts), score=round(score or 0.0, 1))


def _concept_coverage(
    concept: Concept, *, jd_count: int, resume_count: int, weight: float, narrower: Sequence[str]
) -> ConceptCoverage:
    via = () if resume_count else tuple(sorted(set(narrower)))
    return ConceptCoverage(
        term=concept.id,
        label=concept.label,
        category=concept.category,
        pillars=concept.pillars,
        jd_count=jd_count,
        resume_count=resume_count,
        jd_weight=weight,
        credit=1.0 if resume_count else NARROWER_CREDIT if via else 0.0,
        via=via,
    )
