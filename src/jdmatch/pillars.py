"""Step 6 of the flow: coverage by interview pillar and by concept category.

A concept counts towards every pillar it belongs to (PyTorch is both coding and deep learning),
so a pillar's coverage is the weighted share of that pillar's JD concepts the resume covers.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from jdmatch.coverage import Coverage, weighted_share
from jdmatch.lexicon import CATEGORIES, PILLARS

#: Human names of the pillars.
PILLAR_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "foundations": "Foundational ML theory",
        "deep_learning": "Deep learning and modern architectures",
        "system_design": "ML system design",
        "coding": "Coding and implementation",
        "behavioural": "Behavioural and cross-functional communication",
    }
)


def pillar_coverage(coverage: Coverage) -> Mapping[str, float | None]:
    """Return the covered share (0–100) of each pillar's JD concepts.

    Args:
        coverage: Result of :func:`jdmatch.coverage.compute_coverage`.

    Returns:
        ``{pillar: percent}`` for all five pillars in order; ``None`` where the job description
        names no concept of that pillar.
    """
    return MappingProxyType(
        {
            pillar: _rounded(weighted_share(c for c in coverage.concepts if pillar in c.pillars))
            for pillar in PILLARS
        }
    )


def category_coverage(coverage: Coverage) -> Mapping[str, float | None]:
    """Return the covered share (0–100) of the JD concepts in each category it uses.

    Args:
        coverage: Result of :func:`jdmatch.coverage.compute_coverage`.

    Returns:
        ``{category: percent}`` for the categories present in the job description.
    """
    present = {c.category for c in coverage.concepts}
    return MappingProxyType(
        {
            category: _rounded(
                weighted_share(c for c in coverage.concepts if c.category == category)
            )
            for category in CATEGORIES
            if category in present
        }
    )


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
