"""Step 5 of the flow: how well the resume fits the job description, as a hiring manager reads it.

The score has two parts: the posting's skills the resume shows (TF-IDF-weighted coverage), and
how close the resume's job titles come to the posting's title.

**Skills.** Every concept the job description mentions gets a weight

    w = tfidf * level * probe

- ``tfidf``: its TF-IDF in the JD (see :mod:`jdmatch.weighting`): a concept every posting names
  (Python) weighs less than a specific one (FAISS), and one the posting repeats weighs more;
- ``level``: the weight of its requirement level (see :mod:`jdmatch.structure`),
  :data:`REQUIREMENT_WEIGHTS`: required 1, preferred 0.5, mentioned 0 (company blurbs,
  benefits and legal text count for nothing), so required asks count most;
- ``probe``: the probe model's probability that the interview probes it
  (:func:`jdmatch.priority.probe_scores`), so the posting's core asks weigh more than its long
  tail (1 for every concept when no probe is given).

The resume earns a credit ``e`` per concept, from the best section that names it:

- ``e = 1`` when it demonstrates the concept (names it in experience, projects or
  publications, or on a line that reports work done): demonstrated work counts more ...
- ``e = 0.75`` (:data:`LISTED_CREDIT`) ... than a word only listed (skills, summary, education);
- ``e = 0.5`` (:data:`NARROWER_CREDIT`) when it shows only narrower concepts (the JD asks for
  gradient boosting, the resume shows XGBoost), following the lexicon's ``broader`` links: a
  concept's direct broader concepts, and above them only while the category stays the same
  (motion planning is part of autonomous driving, but knowing it says little of deep learning);
- ``e = 0`` otherwise.

A concept counts once, by its best section: naming it ten times, or in three listing sections,
earns no more than naming it once, so repetition and keyword stuffing are not rewarded::

    skills = 100 * sum(w_c * e_c) / sum(w_c)     over the concepts c of the JD

When every concept of a JD is context only (no requirement level above ``mentioned``), the
levels are ignored rather than scoring nothing.

**Title.** A hiring manager reads the resume's titles first. When the posting's first line is
a job title (:func:`jdmatch.facts.is_job_title`), the closeness ``t`` of the resume's closest
title to it (0–1, :func:`jdmatch.facts.title_closeness`: the share of the title's words it
shares, at least :data:`jdmatch.facts.FIELD_TITLE_CREDIT` for two titles of the ML and data
field) counts as one more ask, weighing :data:`TITLE_WEIGHT` of the score::

    score = (1 - TITLE_WEIGHT) * skills + TITLE_WEIGHT * 100 * t

and ``score = skills`` for a posting without a title. The factors were chosen, and the two
constants set, on the development split of blind expert rankings of real resumes
(``eval/fit_pairs.py``); the constants live in ``jdmatch/data/model.json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import Any

from jdmatch.caches import BoundedCache, bounded_cache, cached_file
from jdmatch.errors import StatisticsError
from jdmatch.lexicon import Concept, Lexicon, default_lexicon_path
from jdmatch.matching import Mention, count_terms
from jdmatch.model import MODEL, Band, EvidenceLevel, RequirementLevel
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
#: Share of the score taken by the closeness of the resume's titles to the posting's title.
TITLE_WEIGHT = MODEL.title_weight


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
        probe: How surely the interview probes it (the probe model's probability; 1 when the
            score was computed without the probe model). Its weight in the score is
            ``jd_weight * probe``.
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
    probe: float = 1.0

    @property
    def score_weight(self) -> float:
        """The concept's weight in the score: ``jd_weight * probe``."""
        return self.jd_weight * self.probe

    @property
    def matched(self) -> bool:
        """Whether the resume mentions the concept itself."""
        return self.resume_count > 0


@dataclass(frozen=True)
class Coverage:
    """All JD concepts with their coverage, heaviest first, and the overall score.

    Attributes:
        concepts: One entry per concept of the job description, by descending weight.
        score: 0–100: the skills the resume shows and, when the posting has a title, how close
            the resume's titles come to it (formula in the module docstring).
        skills_score: 0–100, the weighted share of the job description's skills the resume
            shows.
        title_match: Closeness of the resume's closest title to the posting's title (0–1),
            ``None`` when the posting has no title to compare.
    """

    concepts: tuple[ConceptCoverage, ...]
    score: float
    skills_score: float = 0.0
    title_match: float | None = None


def weighted_share(items: Iterable[ConceptCoverage]) -> float | None:
    """Return ``100 * sum(weight * credit) / sum(weight)``, or ``None`` for no weight.

    The weight is :attr:`ConceptCoverage.score_weight`.

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
        total += item.score_weight
        covered += item.score_weight * item.credit
    return 100.0 * covered / total if total > 0 else None


def compute_coverage(
    jd_mentions: Sequence[Mention],
    resume_mentions: Sequence[Mention],
    *,
    tfidf: ConceptTfidf,
    lexicon: Lexicon,
    job: JobStructure | None = None,
    resume: ResumeStructure | None = None,
    probe: Mapping[str, float] | None = None,
    title_match: float | None = None,
) -> Coverage:
    r"""Compare the concepts of a job description with those of a resume.

    Args:
        jd_mentions: Mentions found in the job description.
        resume_mentions: Mentions found in the resume.
        tfidf: Fitted TF-IDF weights over ``lexicon``.
        lexicon: The lexicon both mention lists come from.
        job: Requirement levels and years asked; ``None`` counts every concept as required.
        resume: Evidence levels; ``None`` counts every resume mention as demonstrated.
        probe: ``{concept id: probability the interview probes it}``
            (:func:`jdmatch.priority.probe_scores`); ``None`` weighs every concept by TF-IDF
            and level alone.
        title_match: Closeness of the resume's titles to the posting's title, 0–1
            (:func:`jdmatch.facts.title_closeness`); ``None`` when the posting has no title.

    Returns:
        The per-concept coverage and the score (0 when the JD has no concepts).

    Example:
        >>> from jdmatch.matching import extract
        >>> jd, cv = "PyTorch and Kafka are required.", "Experience\nServed PyTorch models."
        >>> tfidf = ConceptTfidf.reference()
        >>> lexicon = tfidf.lexicon
        >>> coverage = compute_coverage(extract(jd), extract(cv), tfidf=tfidf, lexicon=lexicon)
        >>> titled = compute_coverage(extract(jd), extract(cv), tfidf=tfidf, lexicon=lexicon,
        ...                           title_match=1.0)
        >>> coverage.score == coverage.skills_score < titled.score
        True
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
                probe=probe.get(term, 0.0) if probe is not None else 1.0,
            )
            for term in jd_counts
        ),
        key=lambda item: (-item.jd_weight, item.term),
    )
    skills = weighted_share(concepts)
    if skills is None:  # every concept probed at 0: weigh them by TF-IDF and level alone
        skills = weighted_share(replace(item, probe=1.0) for item in concepts)
    skills = skills or 0.0
    score = skills
    if title_match is not None:
        score = (1 - TITLE_WEIGHT) * skills + TITLE_WEIGHT * 100 * title_match
    return Coverage(
        concepts=tuple(concepts),
        score=round(score, 1),
        skills_score=round(skills, 1),
        title_match=title_match,
    )


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
    probe: float,
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
        probe=probe,
    )


#: File name of the fitted band thresholds, inside the lexicon folder.
SCORE_BANDS = "score_bands.json"


@dataclass(frozen=True)
class ScoreBands:
    """Score thresholds of the fit bands, fitted on real resumes and postings.

    A score below ``partial`` is a weak fit, from ``partial`` a partial fit, from ``strong`` a
    strong fit (``tools/fit_score_bands.py`` says how they were set).

    Attributes:
        partial: Lowest score of a partial fit.
        strong: Lowest score of a strong fit.
        provenance: What the thresholds were fitted on, and how.
    """

    partial: float
    strong: float
    provenance: Mapping[str, Any] = field(default_factory=dict)

    def __reduce__(self) -> tuple[Any, ...]:
        # Read-only mappings do not pickle; worker processes get plain copies.
        return (ScoreBands, (self.partial, self.strong, dict(self.provenance)))

    def band(self, score: float) -> Band:
        """The band of a score.

        Example:
            >>> bands = ScoreBands(partial=20.0, strong=40.0)
            >>> bands.band(10.0), bands.band(20.0), bands.band(55.5)
            ('weak', 'partial', 'strong')
        """
        if score >= self.strong:
            return "strong"
        return "partial" if score >= self.partial else "weak"


def load_score_bands(path: str | PathLike[str] | None = None) -> ScoreBands:
    """Read band thresholds written by ``tools/fit_score_bands.py``.

    Args:
        path: The JSON file; ``None`` reads the shipped thresholds.

    Returns:
        The thresholds.

    Raises:
        StatisticsError: The file is missing or malformed.

    Example:
        >>> bands = load_score_bands()
        >>> 0 < bands.partial < bands.strong < 100
        True
    """
    file = Path(path) if path is not None else default_lexicon_path() / SCORE_BANDS
    return cached_file(_BANDS, file, _read_bands)


def _read_bands(file: Path) -> ScoreBands:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if data["format"] != 1:
            raise ValueError(f"unknown format {data['format']!r}")
        partial, strong = float(data["partial"]), float(data["strong"])
        if not 0 <= partial <= strong <= 100:
            raise ValueError("thresholds must satisfy 0 <= partial <= strong <= 100")
        return ScoreBands(partial, strong, MappingProxyType(dict(data.get("provenance", {}))))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StatisticsError(f"cannot read the score bands ({exc})", path=file) from exc


_BANDS: BoundedCache[tuple[str, int, int], ScoreBands] = bounded_cache("score_bands", maxsize=4)
