"""Step 7 of the flow: rank what to study.

Every concept of the job description becomes a row. Its priority combines how much the JD
weighs it with how much the resume already shows of it::

    evidence = r / (r + 1)   when the resume mentions the concept r times (1 → 0.5, 3 → 0.75)
             = 0.25          when it shows only narrower concepts (XGBoost for gradient boosting)
             = 0             otherwise
    priority = 100 * (w / w_max) * (1 - evidence)

``w`` is the concept's TF-IDF weight in the JD and ``w_max`` the largest such weight, so the
most important concept the resume never mentions scores 100. Concepts the resume names stay on
the list at lower priority, to review.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jdmatch.coverage import ConceptCoverage, Coverage
from jdmatch.lexicon import Lexicon
from jdmatch.pillars import PILLAR_LABELS

if TYPE_CHECKING:
    import pandas as pd

#: Columns of the study plan, in order.
STUDY_PLAN_COLUMNS: tuple[str, ...] = (
    "rank",
    "term",
    "label",
    "pillar",
    "pillars",
    "category",
    "status",
    "priority",
    "jd_weight",
    "jd_count",
    "resume_count",
    "reason",
    "study",
)


def study_plan(coverage: Coverage, *, lexicon: Lexicon) -> pd.DataFrame:
    """Rank the job description's concepts by what the candidate should study first.

    Args:
        coverage: Result of :func:`jdmatch.coverage.compute_coverage`.
        lexicon: The lexicon the coverage was computed with (for study prompts).

    Returns:
        One row per JD concept, highest priority first, with the columns
        ``rank`` (1 = study first), ``term`` (concept id), ``label``, ``pillar`` (main pillar),
        ``pillars`` (all, comma-separated), ``category``, ``status`` (``"gap"`` when the resume
        shows nothing of it, ``"partial"`` when it shows only narrower concepts, ``"review"``
        when it names the concept), ``priority`` (0–100, formula above),
        ``jd_weight`` (TF-IDF in the JD), ``jd_count``, ``resume_count``, ``reason`` (why it
        ranks there) and ``study`` (what to prepare, from the lexicon).
    """
    import pandas as pd

    max_weight = max((item.jd_weight for item in coverage.concepts), default=0.0)
    rows = [_row(item, max_weight, lexicon) for item in coverage.concepts]
    rows.sort(key=lambda row: (-row["priority"], row["resume_count"], row["term"]))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    frame: pd.DataFrame = pd.DataFrame(rows, columns=list(STUDY_PLAN_COLUMNS))
    return frame


#: Evidence that narrower concepts give for a broader one the resume never names.
NARROWER_EVIDENCE = 0.25


def _row(item: ConceptCoverage, max_weight: float, lexicon: Lexicon) -> dict[str, Any]:
    if item.matched:
        evidence = item.resume_count / (item.resume_count + 1)
    else:
        evidence = NARROWER_EVIDENCE if item.via else 0.0
    priority = 100.0 * (item.jd_weight / max_weight) * (1.0 - evidence) if max_weight else 0.0
    concept = lexicon[item.term]
    study = " ".join(concept.prompts[:2])
    if item.via:
        study = f"You have {_listing(item.via)}; review {concept.label} itself. {study}"
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
        "reason": _reason(item),
        "study": study,
    }


def _reason(item: ConceptCoverage) -> str:
    asked = f"the JD names it {_times(item.jd_count)}"
    pillar = f"pillar: {PILLAR_LABELS[item.pillars[0]]}"
    if item.matched:
        return f"Review: {asked}; the resume shows it {_times(item.resume_count)} ({pillar})."
    if item.via:
        return (
            f"Partial: {asked}; the resume shows only the narrower {_listing(item.via)} ({pillar})."
        )
    return f"Gap: {asked} and the resume never does ({pillar})."


def _listing(labels: tuple[str, ...], limit: int = 3) -> str:
    shown = ", ".join(labels[:limit])
    return shown + (f" and {len(labels) - limit} more" if len(labels) > limit else "")


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"
