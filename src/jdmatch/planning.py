"""Step 7 of the flow: rank what to study.

Every concept of the job description becomes a row. Its priority combines how surely the
interview will probe it (the probe model of :mod:`jdmatch.priority`, fitted on blind expert
labels; without it, the JD's TF-IDF weight times the role's pillar weight) and how much the
resume already shows of it::

    evidence = 0.85   demonstrated in experience or projects, with a number or an outcome
             = 0.75   demonstrated in experience or projects
             = 0.40   only listed (skills, summary, education)
             = 0.25   only narrower concepts (XGBoost for gradient boosting)
             = 0      absent
    priority = 100 * (p / max(p)) * (1 - evidence)

``p`` is the probe probability (or ``w * r``: the concept's TF-IDF weight in the JD times the
role weight of its main pillar, :func:`jdmatch.pillars.role_weights`), so the most important
concept the resume never shows scores 100. Concepts the posting offers as alternatives ("Pinecone,
Chroma or pgvector") share one row, led by the one the interview is likeliest to probe; the row
lists the others in ``options`` and takes the best evidence among them, since knowing one option
answers the ask. A concept the JD requires but the resume only lists is flagged: expect probing
questions, and prepare a STAR story that shows it in use.

Where the posting asks years of a concept ("5+ years of PyTorch") and the resume's dated jobs
show fewer (:attr:`jdmatch.facts.ResumeFacts.concept_years`), the evidence counts for less::

    evidence *= keep + (1 - keep) * min(1, years shown / years asked)

with ``keep`` :data:`YEARS_SHORT_KEEP` (a resume showing none of the years keeps half its
evidence), and the row's reason says how many years the resume shows. A resume without any
dated job leaves the evidence as it is (its years are unknown, not zero).

:func:`summarize_fit` sums the plan up as a hiring manager reads it (:class:`Fit`): the score's
band (weak, partial, strong; thresholds fitted on real resumes and postings, see
:func:`jdmatch.coverage.load_score_bands`), how many required and preferred asks the resume
covers, its years of experience against the years asked, its degree against the degree asked,
and its title closest to the posting's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from jdmatch.caches import BoundedCache, bounded_cache
from jdmatch.coverage import ConceptCoverage, Coverage, ScoreBands, load_score_bands
from jdmatch.facts import Degree, Facts, YearsSource
from jdmatch.lexicon import Lexicon
from jdmatch.model import MODEL, Band, EvidenceLevel, PriorityEvidence, RequirementLevel, Status
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
        options: Concept ids the posting names as alternatives to this one (folded into
            this row).
        probe: How surely the interview probes it (the probe model's probability).
        years_shown: Years of it the resume shows (its dated jobs naming it, or the years it
            states), when the posting asks years of it and the resume names it; ``None``
            otherwise, and when the resume dates no job and states no years of it.
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
    options: tuple[str, ...] = ()
    probe: float = 0.0
    years_shown: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the row as a JSON-ready dict, keys in :data:`STUDY_PLAN_COLUMNS` order.

        Returns:
            ``{column: value}``.
        """
        row = {name: getattr(self, name) for name in STUDY_PLAN_COLUMNS}
        row["options"] = list(self.options)
        return row


#: Columns of the study plan, in order.
STUDY_PLAN_COLUMNS: tuple[str, ...] = tuple(item.name for item in fields(StudyItem))

#: Evidence values behind the priority formula above (from :data:`jdmatch.model.MODEL`).
EVIDENCE_VALUES: Mapping[PriorityEvidence, float] = MODEL.priority_evidence
#: Share of a concept's evidence kept when the resume shows none of the years asked of it.
YEARS_SHORT_KEEP: float = MODEL.years_short_keep


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
    coverage: Coverage,
    *,
    lexicon: Lexicon,
    pillar_weights: Mapping[str, float] | None = None,
    probe: Mapping[str, float] | None = None,
    options: Mapping[str, Sequence[str]] | None = None,
    quotes: Mapping[str, str] | None = None,
    resume_quotes: Mapping[str, str] | None = None,
    posting_words: frozenset[str] = frozenset(),
    facts: Facts | None = None,
) -> tuple[StudyItem, ...]:
    r"""Rank the job description's concepts, as :func:`study_plan` does, without pandas.

    Args:
        coverage: Result of :func:`jdmatch.coverage.compute_coverage`.
        lexicon: The lexicon the coverage was computed with.
        pillar_weights: ``{pillar: weight}`` of the role; ``None`` weighs every pillar 1.
        probe: ``{concept id: probability the interview probes it}`` (see
            :func:`jdmatch.priority.probe_scores`); ``None`` ranks by TF-IDF weight times the
            role's pillar weight.
        options: ``{concept id: ids the posting offers as its alternatives}``; those share
            one row. ``None`` gives every concept its own row.
        quotes: ``{concept id: the posting's line that asks for it}``, quoted in the reason.
        resume_quotes: ``{concept id: the resume line that shows it}``, quoted in the reason.
        posting_words: Lower-case words of the posting (:func:`content_words`); of a concept's
            study prompts, the two that share most words with the posting are shown.
        facts: The posting's and the resume's facts (:func:`jdmatch.facts.read_facts`): the
            years the resume shows of a concept asked with years; ``None`` ignores years.

    Returns:
        The items, highest priority first.

    Example:
        >>> import jdmatch
        >>> cv = "Experience\nShipped PyTorch models, cutting latency by 30%."
        >>> report = jdmatch.analyze("PyTorch and Kafka are required.", cv)
        >>> [(item.rank, item.term, item.status) for item in report.plan]
        [(1, 'apache_kafka', 'gap'), (2, 'pytorch', 'review')]
    """
    weights = pillar_weights or {}
    role_weight = {item.term: weights.get(item.pillars[0], 1.0) for item in coverage.concepts}
    if probe is None:
        importance = {i.term: i.jd_weight * role_weight[i.term] for i in coverage.concepts}
    else:
        importance = {i.term: probe.get(i.term, 0.0) for i in coverage.concepts}
    groups = _fold_alternatives(coverage, importance, options or {})
    max_weight = max(importance.values(), default=0.0)
    rows = [
        _row(
            _best_evidence(group),
            importance[group[0].term],
            role_weight[group[0].term],
            max_weight,
            lexicon,
            lead=group[0],
            options=tuple(item.term for item in group[1:]),
            quote=(quotes or {}).get(group[0].term, ""),
            posting_words=posting_words,
            resume_quote=(resume_quotes or {}).get(_best_evidence(group).term, ""),
            years_shown=_years_shown(_best_evidence(group), group[0], facts),
        )
        for group in groups
    ]
    rows.sort(key=lambda row: (-row["priority"], row["resume_count"], row["term"]))
    return tuple(StudyItem(**{**row, "rank": rank}) for rank, row in enumerate(rows, start=1))


def _fold_alternatives(
    coverage: Coverage, importance: Mapping[str, float], options: Mapping[str, Sequence[str]]
) -> list[list[ConceptCoverage]]:
    """Group each concept with the alternatives offered beside it, most important first."""
    by_term = {item.term: item for item in coverage.concepts}
    ordered = sorted(coverage.concepts, key=lambda item: (-importance[item.term], item.term))
    placed: set[str] = set()
    groups = []
    for item in ordered:
        if item.term in placed:
            continue
        group = [item]
        placed.add(item.term)
        for term in options.get(item.term, ()):
            if term in by_term and term not in placed:
                group.append(by_term[term])
                placed.add(term)
        groups.append(group)
    return groups


def _best_evidence(group: Sequence[ConceptCoverage]) -> ConceptCoverage:
    """The group member the resume shows best: one option known answers the ask."""
    return max(group, key=lambda item: (item.credit, item.metric, item is group[0]))


_WORD = re.compile(r"[a-z][a-z0-9+#-]{3,}")
# Words too common in prompts and postings to say which prompt fits.
_COMMON_WORDS = frozenset(
    [
        "with",
        "that",
        "this",
        "from",
        "your",
        "what",
        "when",
        "where",
        "which",
        "would",
        "could",
        "should",
        "have",
        "will",
        "they",
        "them",
        "their",
        "about",
        "into",
        "over",
        "under",
        "than",
        "then",
        "more",
        "most",
        "other",
        "such",
        "each",
        "used",
        "using",
        "work",
        "data",
        "model",
        "models",
        "explain",
        "describe",
        "walk",
        "through",
        "show",
        "know",
    ]
)


def content_words(text: str) -> frozenset[str]:
    """Lower-case words of four or more letters that can tell study prompts apart.

    Args:
        text: A posting.

    Returns:
        The set of its content words.

    Example:
        >>> sorted(content_words("Deploy LLMs for biosignal research"))
        ['biosignal', 'deploy', 'llms', 'research']
    """
    return frozenset(_WORD.findall(text.lower())) - _COMMON_WORDS


# The lexicon's prompts never change while it is loaded: their words are found once.
_PROMPT_WORDS: BoundedCache[str, frozenset[str]] = bounded_cache("prompt_words", maxsize=16384)


def _prompt_words(prompt: str) -> frozenset[str]:
    found = _PROMPT_WORDS.get(prompt)
    return found if found is not None else _PROMPT_WORDS.put(prompt, content_words(prompt))


def _fitting_prompts(prompts: Sequence[str], words: frozenset[str]) -> list[str]:
    """The two prompts sharing most content words with the posting, in lexicon order on ties."""
    if not words or len(prompts) <= 2:
        return list(prompts[:2])
    overlap = [len(_prompt_words(prompt) & words) for prompt in prompts]
    best = sorted(range(len(prompts)), key=lambda i: (-overlap[i], i))[:2]
    return [prompts[i] for i in sorted(best)]


def _evidence_key(item: ConceptCoverage) -> PriorityEvidence:
    if item.evidence == "demonstrated":
        return "metric" if item.metric else "demonstrated"
    if item.evidence == "listed":
        return "listed"
    return "narrower" if item.via else "absent"


def _row(
    item: ConceptCoverage,
    weight: float,
    role_weight: float,
    max_weight: float,
    lexicon: Lexicon,
    *,
    lead: ConceptCoverage,
    options: tuple[str, ...],
    quote: str = "",
    resume_quote: str = "",
    posting_words: frozenset[str] = frozenset(),
    years_shown: float | None = None,
) -> dict[str, Any]:
    evidence = EVIDENCE_VALUES[_evidence_key(item)]
    if years_shown is not None:
        evidence *= YEARS_SHORT_KEEP + (1 - YEARS_SHORT_KEEP) * min(
            1.0, years_shown / lead.years_asked
        )
    priority = 100.0 * (weight / max_weight) * (1.0 - evidence) if max_weight else 0.0
    concept = lexicon[lead.term]
    study = " ".join(_fitting_prompts(concept.prompts, posting_words))
    if item.via:
        study = f"You have {_listing(item.via)}; review {concept.label} itself. {study}"
    elif item.evidence == "listed" and item.requirement == "required":
        study = (
            "Listed but never shown in your experience: expect probing questions, and "
            f"prepare a STAR story where you used {concept.label}. {study}"
        )
    reason = _reason(item, quote=quote, resume_quote=resume_quote)
    if years_shown is not None and years_shown < lead.years_asked:
        reason = reason.removesuffix(".") + _years_note(years_shown, lead.years_asked)
    if options:
        named = ", ".join(lexicon[term].label for term in options)
        shown = f"; the resume shows {item.label}" if item is not lead else ""
        reason = f"Asked as one option among {lead.label}, {named}{shown}. {reason}"
    return {
        "rank": 0,
        "term": lead.term,
        "label": lead.label,
        "pillar": lead.pillars[0],
        "pillars": ", ".join(lead.pillars),
        "category": lead.category,
        "status": "review" if item.matched else "partial" if item.via else "gap",
        "priority": round(priority, 1),
        "jd_weight": round(lead.jd_weight, 3),
        "jd_count": lead.jd_count,
        "resume_count": item.resume_count,
        "requirement": lead.requirement,
        "evidence": item.evidence,
        "role_weight": role_weight,
        "years_asked": lead.years_asked,
        "reason": reason,
        "study": study,
        "options": options,
        "probe": round(weight, 4),
        "years_shown": years_shown,
    }


def _years_shown(item: ConceptCoverage, lead: ConceptCoverage, facts: Facts | None) -> float | None:
    """Years of a concept the resume's dated jobs show, where the posting asks years of it.

    ``None`` when the posting asks no years of it, the resume never names it, or the resume
    dates no job (its years are then unknown). A concept named outside every dated job has 0.
    """
    if facts is None or not lead.years_asked or not item.matched:
        return None
    shown = facts.resume.concept_years.get(item.term)
    if shown is None and facts.resume.years_source != "dates":
        return None
    return shown or 0.0


def _years_note(shown: float, asked: int) -> str:
    if shown == 0:
        return f"; no dated job of the resume shows it ({asked}+ years asked)."
    unit = "year" if shown == 1 else "years"
    return f"; the resume shows about {shown:g} {unit} of it ({asked}+ years asked)."


def _reason(item: ConceptCoverage, *, quote: str = "", resume_quote: str = "") -> str:
    years = f", {item.years_asked}+ years" if item.years_asked else ""
    asked = f"{item.requirement.capitalize()} by the JD ({_times(item.jd_count)}{years})"
    if quote:
        asked += f": \u201c{quote}\u201d"
    pillar = f"pillar: {PILLAR_LABELS[item.pillars[0]]}"
    shown = f": \u201c{resume_quote}\u201d" if resume_quote else ""
    if item.evidence == "demonstrated":
        outcome = " with a measured outcome" if item.metric else ""
        return f"{asked}; the resume uses it in {item.resume_section}{outcome}{shown} ({pillar})."
    if item.evidence == "listed":
        return f"{asked}; the resume only lists it in {item.resume_section}{shown} ({pillar})."
    if item.via:
        return f"{asked}; the resume shows only the narrower {_listing(item.via)} ({pillar})."
    return f"{asked}; the resume never names it ({pillar})."


def _listing(labels: tuple[str, ...], limit: int = 3) -> str:
    shown = ", ".join(labels[:limit])
    return shown + (f" and {len(labels) - limit} more" if len(labels) > limit else "")


def _times(count: int) -> str:
    return "named once" if count == 1 else f"named {count} times"


@dataclass(frozen=True)
class Fit:
    """How the resume fits the posting, summed up as a hiring manager reads it.

    Attributes:
        band: ``"weak"``, ``"partial"`` or ``"strong"``, from the score
            (:class:`jdmatch.coverage.ScoreBands`).
        score: The score (0–100).
        skills_score: Its skills part: the TF-IDF-weighted share of the posting's skills shown.
        title_match: Closeness of the resume's closest title to the posting's (0–1); ``None``
            when the posting's first line is no job title.
        closest_title: That resume title (``""`` when none comes close).
        posting_title: The posting's title line.
        required_covered: Required concepts the resume names (:func:`requirement_counts`).
        required_demonstrated: Of those, the ones it shows in its work.
        required_total: Required concepts of the posting.
        preferred_covered: Preferred concepts the resume names.
        preferred_total: Preferred concepts of the posting.
        years_shown: Years of experience the resume shows (0 when it shows none).
        years_source: ``"dates"`` (job date ranges), ``"stated"`` or ``"none"``.
        years_asked: Years of experience the posting asks for the role (0 when none).
        degree_held: The highest degree the resume names, or ``None``.
        degree_asked: The lowest degree the posting asks, or ``None``.
        degree_level: ``"required"`` or ``"preferred"`` (``"mentioned"`` when none is asked).
    """

    band: Band
    score: float
    skills_score: float
    title_match: float | None
    closest_title: str
    posting_title: str
    required_covered: int
    required_demonstrated: int
    required_total: int
    preferred_covered: int
    preferred_total: int
    years_shown: float
    years_source: YearsSource
    years_asked: int
    degree_held: Degree | None
    degree_asked: Degree | None
    degree_level: RequirementLevel

    def to_dict(self) -> dict[str, Any]:
        """Return the fit as a JSON-ready dict (the attributes, plus ``summary``).

        Returns:
            ``{attribute: value, ..., "summary": ...}``.
        """
        data = {item.name: getattr(self, item.name) for item in fields(self)}
        data["summary"] = self.summary()
        return data

    def summary(self) -> str:
        r"""One line a person reads: the band, the asks covered, years, degree and title.

        Example:
            >>> import jdmatch
            >>> jd = "Data Scientist\nRequirements: Python, SQL and A/B testing. Kafka is a plus."
            >>> cv = "Data Scientist\nExperience\n- Built Python models, cutting churn 10%."
            >>> print(jdmatch.analyze(jd, cv).fit.summary())
            Strong fit (score 33): covers 1 of 3 required concepts (1 shown in work), 0 of 1
            preferred; title “Data Scientist” matches 100%.
        """
        parts = [
            f"{self.band.capitalize()} fit (score {self.score:.0f}): covers "
            f"{self.required_covered} of {self.required_total} required concepts "
            f"({self.required_demonstrated} shown in work)"
        ]
        if self.preferred_total:
            parts[0] += f", {self.preferred_covered} of {self.preferred_total} preferred"
        if self.title_match is not None:
            closest = f"\u201c{self.closest_title}\u201d" if self.closest_title else "none close"
            parts.append(f"title {closest} matches {self.title_match:.0%}")
        if self.years_asked or self.years_source != "none":
            shown = f"{self.years_shown:g}" if self.years_source != "none" else "no"
            asked = f", {self.years_asked}+ asked" if self.years_asked else ""
            parts.append(f"{shown} years of experience shown{asked}")
        if self.degree_asked or self.degree_held:
            held = self.degree_held or "no degree named"
            asked = f", {self.degree_asked} {self.degree_level}" if self.degree_asked else ""
            parts.append(f"degree: {held}{asked}")
        return "; ".join(parts) + "."


def summarize_fit(
    coverage: Coverage,
    facts: Facts | None = None,
    *,
    bands: ScoreBands | None = None,
) -> Fit:
    """Sum up how the resume fits the posting: band, asks covered, years, degree, title.

    The required and preferred concepts covered are :func:`requirement_counts`, the same
    counts the report's score section shows.

    Args:
        coverage: Result of :func:`jdmatch.coverage.compute_coverage`.
        facts: The posting's and the resume's facts; ``None`` leaves years, degrees and titles
            empty.
        bands: Band thresholds; ``None`` reads the shipped ones.

    Returns:
        The summary.

    Example:
        >>> import jdmatch
        >>> report = jdmatch.analyze("Requirements: PyTorch and Kafka.", "Used PyTorch daily.")
        >>> fit = report.fit
        >>> fit.required_covered, fit.required_total
        (1, 2)
    """
    bands = bands or load_score_bands()
    counts = requirement_counts(coverage.concepts)
    required, preferred = counts["required"], counts["preferred"]
    posting = facts.posting if facts else None
    resume = facts.resume if facts else None
    return Fit(
        band=bands.band(coverage.score),
        score=coverage.score,
        skills_score=coverage.skills_score,
        title_match=coverage.title_match,
        closest_title=facts.closest_title if facts else "",
        posting_title=posting.title if posting else "",
        required_covered=required["demonstrated"] + required["listed"],
        required_demonstrated=required["demonstrated"],
        required_total=required["concepts"],
        preferred_covered=preferred["demonstrated"] + preferred["listed"],
        preferred_total=preferred["concepts"],
        years_shown=resume.years if resume else 0.0,
        years_source=resume.years_source if resume else "none",
        years_asked=posting.years if posting else 0,
        degree_held=resume.degree if resume else None,
        degree_asked=posting.degree if posting else None,
        degree_level=posting.degree_level if posting else "mentioned",
    )


#: How a resume shows a concept of the posting, strongest first (:func:`shown_as`).
SHOWN_AS: tuple[str, ...] = ("demonstrated", "listed", "narrower", "absent")


def shown_as(item: ConceptCoverage) -> str:
    """How the resume shows a concept of the posting: one of :data:`SHOWN_AS`.

    Args:
        item: The concept's coverage.

    Returns:
        ``"demonstrated"`` or ``"listed"`` when the resume names it, ``"narrower"`` when it
        shows it only through narrower concepts, else ``"absent"``.

    Example:
        >>> shown_as(ConceptCoverage("sql", "SQL", "language", ("coding",), 1, 0, 1.0, 0.0))
        'absent'
    """
    if item.matched:
        return "demonstrated" if item.evidence == "demonstrated" else "listed"
    return "narrower" if item.credit > 0 else "absent"


def requirement_counts(concepts: Iterable[ConceptCoverage]) -> dict[str, dict[str, int]]:
    """Count the posting's required and preferred concepts by how the resume shows them.

    The one count of asks covered: :func:`summarize_fit` and the report's score section
    (:func:`jdmatch.reporting.score_meaning`) both read it.

    Args:
        concepts: Every concept of the posting with its coverage.

    Returns:
        ``{"required": counts, "preferred": counts}``, each ``{concepts, demonstrated, listed,
        narrower, absent}``.

    Example:
        >>> kafka = ConceptCoverage("apache_kafka", "Apache Kafka", "platform",
        ...                         ("system_design",), 1, 0, 1.0, 0.0)
        >>> requirement_counts([kafka])["required"]
        {'concepts': 1, 'demonstrated': 0, 'listed': 0, 'narrower': 0, 'absent': 1}
    """
    counts = {
        level: dict.fromkeys(("concepts", *SHOWN_AS), 0) for level in ("required", "preferred")
    }
    for item in concepts:
        if item.requirement in counts:
            counts[item.requirement]["concepts"] += 1
            counts[item.requirement][shown_as(item)] += 1
    return counts
