"""The domain model: one home for what the steps of the flow agree on.

Pillars (with their labels), concept categories (with their default study hours), role families
(with their pillar weights), seniorities (with their pillar factors), the requirement, evidence
and status levels, every constant of the score, the study priority and the schedule, and the cue
words that read a posting's headings, sentences and title (as regular expressions) ship as
data in ``jdmatch/data/model.json``. This module reads and validates that file once, at import,
into :data:`MODEL`; every other module reads the model from here. Adding a pillar, a category or
a role is an edit to that one file (and a test); the levels are also :class:`typing.Literal`
types, so the file must list exactly the levels the code handles.

Example:
    >>> MODEL.pillars
    ('foundations', 'deep_learning', 'system_design', 'coding', 'behavioural')
    >>> MODEL.requirement_weights["preferred"]
    0.5
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, get_args

from jdmatch.errors import JdmatchError

#: How strongly a job description asks for a concept, strongest first.
RequirementLevel = Literal["required", "preferred", "mentioned"]
#: What a resume shows of a concept, strongest first.
EvidenceLevel = Literal["demonstrated", "listed", "absent"]
#: A study-plan row's status: nothing shown, only narrower concepts, or the concept itself.
Status = Literal["gap", "partial", "review"]
#: The evidence grades behind the study priority (:mod:`jdmatch.planning`).
PriorityEvidence = Literal["metric", "demonstrated", "listed", "narrower", "absent"]
#: How well a resume fits a posting, weakest first (:mod:`jdmatch.coverage`).
Band = Literal["weak", "partial", "strong"]

#: The model file format this version reads.
MODEL_FORMAT = 1
_FILE = "data/model.json"


class ModelError(JdmatchError, ValueError):
    """The domain model file is malformed or disagrees with the code's levels."""


@dataclass(frozen=True)
class Cues:
    """The cue words that read a posting's and a resume's wording, compiled.

    Each rule is an ordered ``(what it gives, pattern)`` pair; patterns are case-insensitive
    (``boilerplate`` is written in lower case and searched as written: callers lower-case the
    text). The first rule whose pattern occurs in a text decides.

    Attributes:
        heading_levels: The level a heading's words name ("Nice to have" → preferred).
        sentence_levels: The level a sentence's own cue sets ("... is a plus" → preferred).
        boilerplate: Phrases of benefits, pay and legal text, wherever they stand.
        role_titles: The role family a title names.
        ai_titles: A title that only says "AI" (the body's concepts then decide).
        seniority_titles: The seniority a title names.
        metric: A resume bullet that reports a number or an outcome.
    """

    heading_levels: tuple[tuple[re.Pattern[str], RequirementLevel], ...]
    sentence_levels: tuple[tuple[re.Pattern[str], RequirementLevel], ...]
    boilerplate: re.Pattern[str]
    role_titles: tuple[tuple[str, re.Pattern[str]], ...]
    ai_titles: re.Pattern[str]
    seniority_titles: tuple[tuple[str, re.Pattern[str]], ...]
    metric: re.Pattern[str]


@dataclass(frozen=True)
class DomainModel:
    """The validated content of ``model.json``.

    Attributes:
        pillars: The interview pillars, in the order they are usually studied.
        pillar_labels: Display name of each pillar.
        categories: Concept categories.
        category_holds: What each category holds (documentation).
        category_effort_hours: Study hours of a concept whose lexicon entry gives none.
        roles: Role families jdmatch recognises.
        role_pillar_weights: ``{role: {pillar: weight}}`` (1 = neutral), for every pillar.
        llm_terms: Concept ids whose mentions make a vague "AI Engineer" title an LLM engineer's.
        field_concepts: Concept ids that only name the field of a job (machine learning, AI …);
            they step back in the study order (see :mod:`jdmatch.priority`).
        field_exceptions: ``{concept id: roles}`` for which a field concept is a real ask
            (machine learning in a data scientist's posting); see :meth:`field_concepts_of`.
        field_step_back: How many other concepts a posting must name for them to step back.
        seniorities: Seniority levels, most junior first.
        seniority_pillar_factors: ``{seniority: {pillar: factor}}`` on top of the role weights
            (a pillar left out keeps factor 1).
        requirement_levels: Requirement levels, strongest first.
        requirement_weights: Weight of each requirement level in the score and the priority.
        evidence_levels: Evidence levels of a resume, strongest first.
        evidence_credit: Score credit of each evidence level.
        narrower_credit: Score credit of a concept the resume shows only through narrower ones.
        title_weight: Share of the score that the closeness of the resume's titles to the
            posting's title takes (:mod:`jdmatch.coverage`).
        field_title_credit: Title closeness of two titles of the ML and data field that share
            no word ("Data Scientist" for an "ML Engineer" posting).
        years_short_keep: Share of a concept's evidence kept in the study priority when the
            resume shows none of the years the posting asks (:mod:`jdmatch.planning`).
        bands: Fit bands, weakest first.
        statuses: Study-plan statuses.
        priority_evidence: Evidence values of the study priority, by :data:`PriorityEvidence`.
        pillar_order: The order in which the schedule studies the technical pillars.
        story_pillar: The pillar studied alongside, one story a week.
        story_hours: Hours a week set aside for one behavioural story.
        mock_interview_hours: Hours of mock interviews in the last week.
        cues: The cue words of requirement levels, boilerplate, titles and metrics.
    """

    pillars: tuple[str, ...]
    pillar_labels: Mapping[str, str]
    categories: tuple[str, ...]
    category_holds: Mapping[str, str]
    category_effort_hours: Mapping[str, float]
    roles: tuple[str, ...]
    role_pillar_weights: Mapping[str, Mapping[str, float]]
    llm_terms: frozenset[str]
    field_concepts: frozenset[str]
    field_exceptions: Mapping[str, frozenset[str]]
    field_step_back: int
    seniorities: tuple[str, ...]
    seniority_pillar_factors: Mapping[str, Mapping[str, float]]
    requirement_levels: tuple[RequirementLevel, ...]
    requirement_weights: Mapping[RequirementLevel, float]
    evidence_levels: tuple[EvidenceLevel, ...]
    evidence_credit: Mapping[EvidenceLevel, float]
    narrower_credit: float
    title_weight: float
    field_title_credit: float
    years_short_keep: float
    bands: tuple[Band, ...]
    statuses: tuple[Status, ...]
    priority_evidence: Mapping[PriorityEvidence, float]
    pillar_order: tuple[str, ...]
    story_pillar: str
    story_hours: float
    mock_interview_hours: float
    cues: Cues

    def field_concepts_of(self, role: str | None) -> frozenset[str]:
        """The concepts that only name the field of a job of this role family.

        Args:
            role: A role family (``None``: any role).

        Returns:
            :attr:`field_concepts` but those the role asks for as such.

        Example:
            >>> "machine_learning" in MODEL.field_concepts_of("data_scientist")
            False
        """
        return frozenset(
            term
            for term in self.field_concepts
            if role is None or role not in self.field_exceptions.get(term, ())
        )


def default_model_path() -> Path:
    """Return the path of the model file shipped with jdmatch.

    Returns:
        ``jdmatch/data/model.json``.

    Example:
        >>> default_model_path().name
        'model.json'
    """
    return Path(str(resources.files("jdmatch").joinpath(_FILE)))


def load_model(path: str | PathLike[str] | None = None) -> DomainModel:
    """Read and validate a domain model file.

    Args:
        path: A model JSON file; ``None`` reads the shipped one (which :data:`MODEL` holds).

    Returns:
        The validated model.

    Raises:
        ModelError: The file is missing, is not valid JSON, or breaks a rule (unknown pillar,
            a role without a weight for every pillar, levels other than the code's ...).

    Example:
        >>> load_model().roles[:2]
        ('ml_engineer', 'research_scientist')
    """
    file = Path(path) if path is not None else default_model_path()
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{file}: cannot read the domain model ({exc})") from exc
    try:
        return _parse(data)
    except ModelError as exc:
        raise ModelError(f"{file}: {exc}") from None


def _parse(data: Any) -> DomainModel:
    if not isinstance(data, dict) or data.get("model_format") != MODEL_FORMAT:
        raise ModelError(f'expected an object with "model_format": {MODEL_FORMAT}')
    pillar_labels = _strings_by_id(data, "pillars")
    pillars = tuple(pillar_labels)
    categories = _mapping(data, "categories")
    holds = {name: _string(entry, "holds", name) for name, entry in categories.items()}
    effort = {name: _positive(entry, "effort_hours", name) for name, entry in categories.items()}
    roles = _mapping(data, "roles")
    role_weights = {role: _pillar_numbers(weights, pillars, role, every=True)
                    for role, weights in roles.items()}  # fmt: skip
    seniorities = _mapping(data, "seniorities")
    factors = {level: _pillar_numbers(weights, pillars, level, every=False)
               for level, weights in seniorities.items()}  # fmt: skip
    requirement = _levels(data, "requirement_levels", RequirementLevel)
    evidence = _levels(data, "evidence_levels", EvidenceLevel)
    priority = _levels(data, "priority_evidence", PriorityEvidence)
    statuses = data.get("statuses")
    if statuses != list(get_args(Status)):
        raise ModelError(f"'statuses' must be {list(get_args(Status))}; got {statuses!r}")
    llm_terms = data.get("llm_terms")
    if not isinstance(llm_terms, list) or not all(isinstance(t, str) for t in llm_terms):
        raise ModelError("'llm_terms' must be a list of concept ids")
    field = data.get("field_concepts")
    if not isinstance(field, list) or not all(isinstance(t, str) for t in field):
        raise ModelError("'field_concepts' must be a list of concept ids")
    exceptions = data.get("field_concepts_except", {})
    if not isinstance(exceptions, dict) or not all(
        term in field
        and isinstance(given, list)
        and all(role in data.get("roles", {}) for role in given)
        for term, given in exceptions.items()
    ):
        raise ModelError("'field_concepts_except' must map field concepts to lists of known roles")
    step_back = data.get("field_step_back")
    if isinstance(step_back, bool) or not isinstance(step_back, int) or step_back < 1:
        raise ModelError(f"'field_step_back' must be a positive int; got {step_back!r}")
    fit = _mapping(data, "fit")
    shares = {name: _number(fit, name, "fit") for name in
              ("title_weight", "field_title_credit", "years_short_keep")}  # fmt: skip
    if any(value > 1 for value in shares.values()):
        raise ModelError(f"fit: shares must lie between 0 and 1; got {shares}")
    if fit.get("bands") != list(get_args(Band)):
        raise ModelError(f"fit: 'bands' must be {list(get_args(Band))}; got {fit.get('bands')!r}")
    schedule = _mapping(data, "schedule")
    order = schedule.get("pillar_order")
    story = schedule.get("story_pillar")
    if story not in pillars:
        raise ModelError(f"schedule: unknown 'story_pillar' {story!r}")
    if not isinstance(order, list) or sorted(order) != sorted(p for p in pillars if p != story):
        raise ModelError("schedule: 'pillar_order' must list every pillar but the story pillar")
    return DomainModel(
        pillars=pillars,
        pillar_labels=MappingProxyType(pillar_labels),
        categories=tuple(categories),
        category_holds=MappingProxyType(holds),
        category_effort_hours=MappingProxyType(effort),
        roles=tuple(roles),
        role_pillar_weights=MappingProxyType(role_weights),
        llm_terms=frozenset(llm_terms),
        field_concepts=frozenset(field),
        field_exceptions=MappingProxyType(
            {term: frozenset(roles) for term, roles in exceptions.items()}
        ),
        field_step_back=step_back,
        seniorities=tuple(seniorities),
        seniority_pillar_factors=MappingProxyType(factors),
        requirement_levels=tuple(requirement),
        requirement_weights=requirement,
        evidence_levels=tuple(evidence),
        evidence_credit=evidence,
        narrower_credit=_number(data, "narrower_credit", "model"),
        title_weight=shares["title_weight"],
        field_title_credit=shares["field_title_credit"],
        years_short_keep=shares["years_short_keep"],
        bands=tuple(fit["bands"]),
        statuses=tuple(statuses),
        priority_evidence=priority,
        pillar_order=tuple(order),
        story_pillar=story,
        story_hours=_positive(schedule, "story_hours", "schedule"),
        mock_interview_hours=_positive(schedule, "mock_interview_hours", "schedule"),
        cues=_cues(_mapping(data, "cues"), roles=tuple(roles), seniorities=tuple(seniorities)),
    )


def _cues(data: dict[str, Any], *, roles: tuple[str, ...], seniorities: tuple[str, ...]) -> Cues:
    levels = get_args(RequirementLevel)
    return Cues(
        heading_levels=_rules(data, "heading_levels", "level", levels),
        sentence_levels=_rules(data, "sentence_levels", "level", levels),
        boilerplate=_pattern(data.get("boilerplate"), "cues: 'boilerplate'", flags=0),
        role_titles=_rules(data, "role_titles", "role", roles),
        ai_titles=_pattern(data.get("ai_titles"), "cues: 'ai_titles'"),
        seniority_titles=_rules(data, "seniority_titles", "seniority", seniorities),
        metric=_pattern(data.get("metric"), "cues: 'metric'"),
    )


def _rules(
    data: dict[str, Any], name: str, key: str, allowed: tuple[str, ...]
) -> tuple[tuple[Any, ...], ...]:
    rules = data.get(name)
    if not isinstance(rules, list) or not rules:
        raise ModelError(f"cues: {name!r} must be a non-empty list of rules")
    compiled: list[tuple[Any, ...]] = []
    for number, rule in enumerate(rules):
        owner = f"cues: {name}[{number}]"
        gives = rule.get(key) if isinstance(rule, dict) else None
        if gives not in allowed:
            raise ModelError(f"{owner}: {key!r} must be one of {list(allowed)}; got {gives!r}")
        pattern = _pattern(rule.get("any_of"), owner)
        # Level rules give (pattern, level); title rules (name, pattern), as their readers use.
        compiled.append((pattern, gives) if key == "level" else (gives, pattern))
    return tuple(compiled)


def _pattern(alternatives: Any, owner: str, *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    if (
        not isinstance(alternatives, list)
        or not alternatives
        or not all(isinstance(a, str) and a for a in alternatives)
    ):
        raise ModelError(f"{owner}: 'any_of' must be a non-empty list of regular expressions")
    try:
        return re.compile("|".join(alternatives), flags)
    except re.error as exc:
        raise ModelError(f"{owner}: not a valid regular expression ({exc})") from None


def _mapping(data: Any, name: str) -> dict[str, Any]:
    value = data.get(name) if isinstance(data, dict) else None
    if not isinstance(value, dict) or not value:
        raise ModelError(f"{name!r} must be a non-empty object")
    return value


def _strings_by_id(data: Any, name: str) -> dict[str, str]:
    value = _mapping(data, name)
    for key, text in value.items():
        if not isinstance(text, str) or not text.strip():
            raise ModelError(f"{name}: {key!r} needs a non-empty label")
    return dict(value)


def _string(entry: Any, name: str, owner: str) -> str:
    value = entry.get(name) if isinstance(entry, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise ModelError(f"{owner}: {name!r} must be a non-empty string")
    return value


def _number(entry: Any, name: str, owner: str) -> float:
    value = entry.get(name) if isinstance(entry, dict) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ModelError(f"{owner}: {name!r} must be a number of at least 0")
    return float(value)


def _positive(entry: Any, name: str, owner: str) -> float:
    value = _number(entry, name, owner)
    if value <= 0:
        raise ModelError(f"{owner}: {name!r} must be positive")
    return value


def _pillar_numbers(
    weights: Any, pillars: tuple[str, ...], owner: str, *, every: bool
) -> Mapping[str, float]:
    if not isinstance(weights, dict):
        raise ModelError(f"{owner}: expected an object of pillar weights")
    unknown = sorted(set(weights) - set(pillars))
    missing = [pillar for pillar in pillars if pillar not in weights] if every else []
    if unknown or missing:
        raise ModelError(f"{owner}: unknown pillar(s) {unknown}, missing pillar(s) {missing}")
    return MappingProxyType({pillar: _positive(weights, pillar, owner) for pillar in weights})


def _levels(data: Any, name: str, levels: Any) -> Mapping[Any, float]:
    value = _mapping(data, name)
    expected = list(get_args(levels))
    if list(value) != expected:
        raise ModelError(f"{name!r} must give, in order, {expected}; got {list(value)}")
    return MappingProxyType({level: _number(value, level, name) for level in value})


#: The shipped domain model, read once at import.
MODEL: DomainModel = load_model()
