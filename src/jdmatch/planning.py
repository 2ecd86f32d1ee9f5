"""Step 7 of the flow: rank what to study.

Every concept of the job description becomes a row. Its priority combines how much the JD
weighs it (TF-IDF times requirement level), how much the role weighs its pillar, and how much the
resume already shows of it::

    evidence = 0.85   demonstrated in experience or projects, with a number or an outcome
             = 0.75   demonstrated in experience or projects
             = 0.40   only listed (skills, summary, education)
             = 0.25   only narrower concepts (XGBoost for gradient boosting)
             = 0      absent
    priority = 100 * (w * r / max(w * r)) * (1 - evidence)

``w`` is the concept's weight in the JD and ``r`` the role weight of its main pillar
(:func:`jdmatch.pillars.role_weights`), so the most important concept the resume never shows
scores 100. A concept the JD requires but the resume only lists is flagged: expect probing
questions, and prepare a STAR story that shows it in use.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from jdmatch.coverage import ConceptCoverage, Coverage
from jdmatch.lexicon import Lexicon
from jdmatch.model import MODEL, EvidenceLevel, PriorityEvidence, RequirementLevel, Status
from jdmatch.pillars import PILLAR_LABELS

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class StudyItem:
    """One ranked row of a study plan (the columns of :func:`study_plan`'s DataFrame).

    Attributes:
        rank: 1 = study first.
        term: Concept id.
        label: Display name.
        pillar: Main pillar.
        pillars: All pillars, comma-separated.
        category: Concept category.
        status: ``"gap"`` (the resume shows nothing of it), ``"partial"`` (only narrower
            concepts) or ``"review"`` (the resume names it).
        priority: 0–100, formula above.
        jd_weight: TF-IDF times requirement weight.
        jd_count: Mentions in the JD.
        resume_count: Mentions in the resume.
        requirement: ``required``, ``preferred`` or ``mentioned``.
        evidence: ``demonstrated``, ``listed`` or ``absent``.
        role_weight: The role's weight of the main pillar.
        years_asked: Years of experience the JD asks for (0 when it states none).
        reason: Which level and section decided the row.
        study: What to prepare, from the lexicon.
    """

    rank: int
    term: str
    label: str
    pillar: str
    pillars: str
    category: str
    status: Status
    priority: float
    jd_weight: float
    jd_count: int
    resume_count: int
    requirement: RequirementLevel
    evidence: EvidenceLevel
    role_weight: float
    years_asked: int
    reason: str
    study: str

    def to_dict(self) -> dict[str, Any]:
        """Return the row as a JSON-ready dict, keys in :data:`STUDY_PLAN_COLUMNS` order.

        Returns:
            ``{column: value}``.
        """
        return {name: getattr(self, name) for name in STUDY_PLAN_COLUMNS}


#: Columns of the study plan, in order.
STUDY_PLAN_COLUMNS: tuple[str, ...] = tuple(item.name for item in fields(StudyItem))

#: Evidence values behind the priority formula above (from :data:`jdmatch.model.MODEL`).
EVIDENCE_VALUES: Mapping[PriorityEvidence, float] = MODEL.priority_evidence


def study_plan(
    coverage: Coverage, *, lexicon: Lexicon, pillar_weights: Mapping[str, float] | None = None
) -> pd.DataFrame:
    """Rank the job description's concepts by what the candidate should study first.

    Args:
        coverage: Result of :func:`jdmatch.coverage.compute_coverage`.
        lexicon: The lexicon the coverage was computed with (for study prompts).
        pillar_weights: ``{pillar: weight}`` of the role (see
            :func:`jdmatch.pillars.role_weights`); ``None`` weighs every pillar 1.

    Returns:
        One row per JD concept, highest priority first, with the columns
        :data:`STUDY_PLAN_COLUMNS` (described in :class:`StudyItem`).
    """
    items = rank_study_items(coverage, lexicon=lexicon, pillar_weights=pillar_weights)
    return plan_frame(items)


def plan_frame(items: Sequence[StudyItem]) -> pd.DataFrame:
    """Return study items as a DataFrame with the columns :data:`STUDY_PLAN_COLUMNS`.

    Args:
        items: Ranked items, e.g. from :func:`rank_study_items`.

    Returns:
        One row per item.
    """
    import pandas as pd

    frame: pd.DataFrame = pd.DataFrame(
        [item.to_dict() for item in items], columns=list(STUDY_PLAN_COLUMNS)
    )
    return frame


def rank_study_items(
    coverage: Coverage, *, lexicon: Lexicon, pillar_weights: Mapping[str, float] | None = None
) -> tuple[StudyItem, ...]:
    """Rank the job description's concepts, as :func:`study_plan` does, without pandas.

    Args:
        coverage: Result of :func:`jdmatch.coverage.compute_coverage`.
        lexicon: The lexicon the coverage was computed with.
        pillar_weights: ``{pillar: weight}`` of the role; ``None`` weighs every pillar 1.

    Returns:
        The items, highest priority first.

    Example:
        >>> import jdmatch
        >>> report = jdmatch.analyze("PyTorch and Kafka are required.", "PyTorch")
        >>> [(item.rank, item.term, item.status) for item in report.plan]
        [(1, 'apache_kafka', 'gap'), (2, 'pytorch', 'review')]
    """
    weights = pillar_weights or {}
    role_weight = {item.term: weights.get(item.pillars[0], 1.0) for item in coverage.concepts}
    max_weight = max((i.jd_weight * role_weight[i.term] for i in coverage.concepts), default=0.0)
    rows = [_row(item, role_weight[item.term], max_weight, lexicon) for item in coverage.concepts]
    rows.sort(key=lambda row: (-row["priority"], row["resume_count"], row["term"]))
    return tuple(StudyItem(**{**row, "rank": rank}) for rank, row in enumerate(rows, start=1))


def _evidence_key(item: ConceptCoverage) -> PriorityEvidence:
    if item.evidence == "demonstrated":
        return "metric" if item.metric else "demonstrated"
    if item.evidence == "listed":
        return "listed"
    return "narrower" if item.via else "absent"


def _row(
    item: ConceptCoverage, role_weight: float, max_weight: float, lexicon: Lexicon
) -> dict[str, Any]:
    evidence = EVIDENCE_VALUES[_evidence_key(item)]
    weight = item.jd_weight * role_weight
    priority = 100.0 * (weight / max_weight) * (1.0 - evidence) if max_weight else 0.0
    concept = lexicon[item.term]
    study = " ".join(concept.prompts[:2])
    if item.via:
        study = f"You have {_listing(item.via)}; review {concept.label} itself. {study}"
    elif item.evidence == "listed" and item.requirement == "required":
        study = (
            "Listed but never shown in your experience: expect probing questions, and "
            f"prepare a STAR story where you used {concept.label}. {study}"
        )
    return {
        "rank": 0,
        "term": item.term,
        "label": item.label,
        "pillar": item.pillars[0],
        "pillars": ", ".join(item.pillars),
        "category": item.category,
        "status": "review" if item.matched else "partial" if item.via else "gap",
        "priority": round(priority, 1),
        "jd_weight": round(item.jd_weight, 3),
        "jd_count": item.jd_count,
        "resume_count": item.resume_count,
        "requirement": item.requirement,
        "evidence": item.evidence,
        "role_weight": role_weight,
        "years_asked": item.years_asked,
        "reason": _reason(item),
        "study": study,
    }


def _reason(item: ConceptCoverage) -> str:
    years = f", {item.years_asked}+ years" if item.years_asked else ""
    asked = f"{item.requirement.capitalize()} by the JD ({_times(item.jd_count)}{years})"
    pillar = f"pillar: {PILLAR_LABELS[item.pillars[0]]}"
    if item.evidence == "demonstrated":
        outcome = " with a measured outcome" if item.metric else ""
        return f"{asked}; the resume uses it in {item.resume_section}{outcome} ({pillar})."
    if item.evidence == "listed":
        return f"{asked}; the resume only lists it in {item.resume_section} ({pillar})."
    if item.via:
        return f"{asked}; the resume shows only the narrower {_listing(item.via)} ({pillar})."
    return f"{asked}; the resume never names it ({pillar})."


def _listing(labels: tuple[str, ...], limit: int = 3) -> str:
    shown = ", ".join(labels[:limit])
    return shown + (f" and {len(labels) - limit} more" if len(labels) > limit else "")


def _times(count: int) -> str:
    return "named once" if count == 1 else f"named {count} times"
