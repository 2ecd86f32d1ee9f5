"""Step 6 of the flow: coverage by interview pillar and by concept category.

A concept counts towards every pillar it belongs to (PyTorch is both coding and deep learning),
so a pillar's coverage is the weighted share of that pillar's JD concepts the resume covers.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from jdmatch.coverage import Coverage, weighted_share
from jdmatch.model import MODEL

#: Human names of the pillars (from :data:`jdmatch.model.MODEL`).
PILLAR_LABELS: Mapping[str, str] = MODEL.pillar_labels


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
            for pillar in MODEL.pillars
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
            for category in MODEL.categories
            if category in present
        }
    )


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


#: How much each role family weighs each pillar when ranking what to study (1 = neutral), from
#: :data:`jdmatch.model.MODEL`. Research roles lean on theory and deep learning; ML-engineer
#: roles on system design and coding; MLOps and data engineering on system design above all;
#: data science and analytics on foundations and communication; LLM engineering on deep
#: learning and system design.
ROLE_PILLAR_WEIGHTS: Mapping[str, Mapping[str, float]] = MODEL.role_pillar_weights

#: Seniority multipliers on top of the role's weights (from :data:`jdmatch.model.MODEL`): senior
#: roles lift system design and behavioural rounds; junior ones lift coding and foundations.
SENIORITY_PILLAR_FACTORS: Mapping[str, Mapping[str, float]] = MODEL.seniority_pillar_factors


def role_weights(role: str, seniority: str) -> Mapping[str, float]:
    """Pillar weights for a role family and seniority.

    Args:
        role: One of the keys of :data:`ROLE_PILLAR_WEIGHTS`.
        seniority: One of the keys of :data:`SENIORITY_PILLAR_FACTORS`.

    Returns:
        ``{pillar: weight}`` for the five pillars.

    Example:
        >>> weights = role_weights("research_scientist", "senior")
        >>> weights["deep_learning"] > weights["system_design"]
        True
    """
    base = ROLE_PILLAR_WEIGHTS[role]
    factors = SENIORITY_PILLAR_FACTORS[seniority]
    return MappingProxyType(
        {pillar: round(base[pillar] * factors.get(pillar, 1.0), 3) for pillar in MODEL.pillars}
    )
