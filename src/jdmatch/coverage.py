"""Step 5 of the flow: how much of the job description the resume covers.

Every concept the job description mentions gets a weight ``w``: its TF-IDF in the JD (see
:mod:`jdmatch.weighting`) times the weight of its requirement level (see
:mod:`jdmatch.structure`), :data:`REQUIREMENT_WEIGHTS`: required 1, preferred 0.5, mentioned 0
(company blurbs, benefits and legal text count for nothing). The resume earns a credit ``e``:

- ``e = 1`` when it demonstrates the concept (names it in experience, projects or publications);
- ``e = 0.75`` (:data:`LISTED_CREDIT`) when it only lists it (skills, summary, education);
- ``e = 0.5`` (:data:`NARROWER_CREDIT`) when it shows only narrower concepts (the JD asks for
  gradient boosting, the resume shows XGBoost), following the lexicon's ``broader`` links: a
  concept's direct broader concepts, and above them only while the category stays the same
  (motion planning is part of autonomous driving, but knowing it says little of deep learning);
- ``e = 0`` otherwise.

The score is the weighted share of the JD that the resume evidences::

    score = 100 * sum(w_c * e_c) / sum(w_c)     over the concepts c of the JD

so missing a concept the JD requires, or one that is rare across postings, costs more than
missing one that every posting names in passing. When every concept of a JD is context only
(no requirement level above ``mentioned``), the levels are ignored rather than scoring nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from jdmatch.lexicon import Concept, Lexicon
from jdmatch.matching import Mention, count_terms
from jdmatch.model import MODEL, EvidenceLevel, RequirementLevel
from jdmatch.structure import JobStructure, ResumeStructure
from jdmatch.weighting import ConceptTfidf

#: Weight of each requirement level in the score and the study priority (from
#: :data:`jdmatch.model.MODEL`).
REQUIREMENT_WEIGHTS: Mapping[RequirementLevel, float] = MODEL.requirement_weights
#: Credit of each evidence level: demonstrated 1, listed (skills section, never used in the
#: experience) :data:`LISTED_CREDIT`, absent 0 (from :data:`jdmatch.model.MODEL`).
EVIDENCE_CREDIT: Mapping[EvidenceLevel, float] = MODEL.evidence_credit
#: Credit for a concept the resume lists (skills section) but never uses in its experience.
LISTED_CREDIT = MODEL.evidence_credit["listed"]
#: Credit for a JD concept that the resume shows only through narrower concepts.
NARROWER_CREDIT = MODEL.narrower_credit


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
        jd_weight: Weight in the job description: TF-IDF times the requirement weight.
        credit: Share of the concept the resume evidences: 1, :data:`LISTED_CREDIT`,
            :data:`NARROWER_CREDIT` or 0.
        via: Labels of the narrower concepts that earned partial credit (empty otherwise).
        requirement: ``"required"``, ``"preferred"`` or ``"mentioned"``.
        evidence: ``"demonstrated"``, ``"listed"`` or ``"absent"``.
        resume_section: The resume section that decided the evidence (``""`` when absent).
        metric: Whether the resume demonstrates it on a line with a number or an outcome.
        years_asked: Years of experience the JD asks for it (0 when it does not say).
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
    requirement: RequirementLevel = "required"
    evidence: EvidenceLevel = "absent"
    resume_section: str = ""
    metric: bool = False
    years_asked: int = 0

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
    """Return ``100 * sum(weight * credit) / sum(weight)``, or ``None`` for no weight.

    Args:
        items: Concept coverages to pool.

    Returns:
        The covered share in percent, or ``None`` when ``items`` weigh nothing.

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
    job: JobStructure | None = None,
    resume: ResumeStructure | None = None,
) -> Coverage:
    """Compare the concepts of a job description with those of a resume.

    Args:
        jd_mentions: Mentions found in the job description.
        resume_mentions: Mentions found in the resume.
        tfidf: Fitted TF-IDF weights over ``lexicon``.
        lexicon: The lexicon both mention lists come from.
        job: Requirement levels and years asked; ``None`` counts every concept as required.
        resume: Evidence levels; ``None`` counts every resume mention as demonstrated.

    Returns:
        The per-concept coverage and the score (0 when the JD has no concepts).
    """
    jd_counts = count_terms(jd_mentions)
    resume_counts = count_terms(resume_mentions)
    tfidf_weights = tfidf.weigh(jd_counts)
    levels: dict[str, RequirementLevel] = {
        term: job.requirement.get(term, "required") if job else "required" for term in jd_counts
    }
    level_weights = {term: REQUIREMENT_WEIGHTS[level] for term, level in levels.items()}
    if not any(level_weights.values()):  # only context mentions: weigh them all alike
        level_weights = dict.fromkeys(level_weights, 1.0)
    narrower_in_resume: dict[str, list[str]] = {}
    for term in resume_counts:
        for ancestor in _kind_of(lexicon, term):
            narrower_in_resume.setdefault(ancestor, []).append(lexicon[term].label)
    concepts = sorted(
        (
            _concept_coverage(
                lexicon[term],
                jd_count=jd_counts[term],
                resume_count=resume_counts.get(term, 0),
                weight=tfidf_weights[term] * level_weights[term],
                narrower=narrower_in_resume.get(term, []),
                requirement=levels[term],
                years=job.years.get(term, 0) if job else 0,
                resume=resume,
            )
            for term in jd_counts
        ),
        key=lambda item: (-item.jd_weight, item.term),
    )
    score = weighted_share(concepts)
    return Coverage(concepts=tuple(concepts), score=round(score or 0.0, 1))


def _kind_of(lexicon: Lexicon, term: str) -> set[str]:
    """Broader concepts that ``term`` is a kind of: its parents, then same-category ancestors."""
    found: set[str] = set()
    frontier = list(lexicon[term].broader)
    found.update(frontier)
    while frontier:
        parent = frontier.pop()
        category = lexicon[parent].category
        for grandparent in lexicon[parent].broader:
            if grandparent not in found and lexicon[grandparent].category == category:
                found.add(grandparent)
                frontier.append(grandparent)
    return found


def _concept_coverage(
    concept: Concept,
    *,
    jd_count: int,
    resume_count: int,
    weight: float,
    narrower: Sequence[str],
    requirement: RequirementLevel,
    years: int,
    resume: ResumeStructure | None,
) -> ConceptCoverage:
    via = () if resume_count else tuple(sorted(set(narrower)))
    evidence: EvidenceLevel = "absent"
    if resume_count:
        evidence = resume.evidence.get(concept.id, "demonstrated") if resume else "demonstrated"
    credit = EVIDENCE_CREDIT[evidence]
    if evidence == "absent" and via:
        credit = NARROWER_CREDIT
    return ConceptCoverage(
        term=concept.id,
        label=concept.label,
        category=concept.category,
        pillars=concept.pillars,
        jd_count=jd_count,
        resume_count=resume_count,
        jd_weight=weight,
        credit=credit,
        via=via,
        requirement=requirement,
        evidence=evidence,
        resume_section=resume.sections.get(concept.id, "") if resume and resume_count else "",
        metric=bool(resume and concept.id in resume.metric),
        years_asked=years,
    )
