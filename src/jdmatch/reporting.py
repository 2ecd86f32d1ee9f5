"""Step 8 of the flow: the report a person reads and a program consumes.

A result (:class:`Report` for one posting, :class:`jdmatch.MultiReport` for many) is turned
once into one report model, the JSON-ready dict of :meth:`ReportBase.to_dict`, and every format
reads that model: JSON is the model itself, and the terminal text, Markdown
(:mod:`jdmatch.text_report`), HTML and the notebook view (:mod:`jdmatch.html_report`) render
its sections, in the order its ``sections`` list gives:

=================  ===========================================================================
``start-here``     the three things to study first, each with its reason (the posting's line)
``score``          the score and what it means (``ranking`` for many postings: each one's score)
``pillars``        coverage by interview pillar
``study-plan``     the study plan, with each row's reason and what to study
``schedule``       the week-by-week schedule
``concepts``       matched and missing concepts, with their counts in the posting and resume
``resume``         how the resume was read: its sections and what they show
=================  ===========================================================================

``top`` means the same in every format: the first ``top`` rows of the study plan (and of the
ranking of postings); ``None`` keeps them all, the default of JSON. Every other list is
complete in every format.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from jdmatch.coverage import LISTED_CREDIT, NARROWER_CREDIT, TITLE_WEIGHT, ConceptCoverage
from jdmatch.errors import Interval, check_parameter
from jdmatch.headline import read_headline
from jdmatch.lexicon import Lexicon
from jdmatch.matching import Mention
from jdmatch.model import MODEL
from jdmatch.planning import Fit, StudyItem, plan_frame, requirement_counts, shown_as
from jdmatch.resume_sections import DEMONSTRATING, section_spans
from jdmatch.scheduling import DEFAULTS, Schedulable, Schedule
from jdmatch.structure import read_resume

if TYPE_CHECKING:
    import pandas as pd

#: Version of the layout of :meth:`ReportBase.to_dict` (and so of the JSON output); the JSON
#: Schemas ship as ``jdmatch/schemas/report.schema.json`` (see :func:`report_schema`) and
#: ``jdmatch/schemas/multi_report.schema.json`` (see :func:`multi_report_schema`).
SCHEMA_VERSION = 4

#: Sections of a report on one posting, in order: ``(id, title)``.
REPORT_SECTIONS: tuple[tuple[str, str], ...] = (
    ("start-here", "Start here"),
    ("score", "Score"),
    ("pillars", "Coverage by pillar"),
    ("study-plan", "Study plan"),
    ("schedule", "Schedule"),
    ("concepts", "Matched and missing concepts"),
    ("resume", "How the resume was read"),
)
#: Sections of a report on many postings, in order: ``(id, title)``.
MULTI_REPORT_SECTIONS: tuple[tuple[str, str], ...] = (
    ("start-here", "Start here"),
    ("ranking", "Postings, best fit first"),
    ("pillars", "Coverage by pillar"),
    ("study-plan", "Study plan across the postings"),
    ("schedule", "Schedule"),
    ("concepts", "Matched and missing concepts"),
    ("resume", "How the resume was read"),
)
#: Rows of the "start here" summary.
START_HERE_ROWS = 3
#: Longest resume heading kept in "how the resume was read", in characters.
MAX_HEADING_CHARS = 60


def report_schema() -> dict[str, Any]:
    """Return the JSON Schema of :meth:`Report.to_dict`.

    Returns:
        The schema, as shipped in ``jdmatch/schemas/report.schema.json``.

    Example:
        >>> report_schema()["properties"]["schema_version"]
        {'const': 4}
    """
    return _schema("report.schema.json")


def multi_report_schema() -> dict[str, Any]:
    """Return the JSON Schema of :meth:`jdmatch.MultiReport.to_dict`.

    Returns:
        The schema, as shipped in ``jdmatch/schemas/multi_report.schema.json``.

    Example:
        >>> multi_report_schema()["properties"]["kind"]
        {'const': 'many'}
    """
    return _schema("multi_report.schema.json")


def _schema(name: str) -> dict[str, Any]:
    from importlib import resources

    text = resources.files("jdmatch").joinpath(f"schemas/{name}").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


class ReportBase(Schedulable):
    """The exporters :class:`Report` and :class:`~jdmatch.MultiReport` share.

    A result type gives its study plan's rows (:meth:`_plan_records`) and its report model's
    fields (:meth:`_fields`); the model, JSON, Markdown, terminal text, HTML and the notebook
    view are written here once, each from :meth:`to_dict`.
    """

    def plan_rows(self, top: int | None = None) -> list[dict[str, Any]]:
        """Return the study plan's rows as JSON-ready dicts.

        Args:
            top: Keep only the first ``top`` rows; ``None`` keeps all.

        Returns:
            One dict per row, highest priority first.
        """
        return self._plan_records(checked_top(top, "plan_rows"))

    def to_dict(
        self,
        *,
        top: int | None = None,
        weeks: int = DEFAULTS.weeks,
        hours_per_week: float = DEFAULTS.hours_per_week,
    ) -> dict[str, Any]:
        """Return the report model: the result as JSON-ready data, section by section.

        Args:
            top: Keep only the first ``top`` rows of the study plan (and of the ranking of
                postings); ``None`` keeps all.
            weeks: Weeks of the schedule.
            hours_per_week: Study hours per week of the schedule.

        Returns:
            ``schema_version``, ``kind`` (``"single"`` or ``"many"``), ``sections`` (the
            ``{id, title}`` of each section, in reading order), then the result's own fields
            (see each result type and the shipped JSON Schemas).
        """
        top = checked_top(top, "to_dict")
        schedule = self.schedule(weeks=weeks, hours_per_week=hours_per_week)
        return {"schema_version": SCHEMA_VERSION, **self._fields(top, schedule)}

    def to_json(
        self,
        *,
        indent: int | None = 2,
        top: int | None = None,
        weeks: int = DEFAULTS.weeks,
        hours_per_week: float = DEFAULTS.hours_per_week,
    ) -> str:
        """Return :meth:`to_dict` as JSON.

        Args:
            indent: JSON indentation; ``None`` for one line.
            top: Keep only the first ``top`` study-plan (and ranking) rows; ``None`` keeps all.
            weeks: Weeks of the schedule.
            hours_per_week: Study hours per week of the schedule.

        Returns:
            The JSON text.
        """
        data = self.to_dict(top=top, weeks=weeks, hours_per_week=hours_per_week)
        return json.dumps(data, indent=indent, ensure_ascii=False)

    def to_markdown(
        self,
        *,
        top: int | None = DEFAULTS.top,
        weeks: int = DEFAULTS.weeks,
        hours_per_week: float = DEFAULTS.hours_per_week,
    ) -> str:
        """Return the report as Markdown, with the sections of :meth:`to_dict`.

        Args:
            top: Rows of the study plan (and ranking) to show; ``None`` shows all.
            weeks: Weeks of the schedule.
            hours_per_week: Study hours per week of the schedule.

        Returns:
            Markdown text.
        """
        from jdmatch.text_report import render_markdown

        top = checked_top(top, "to_markdown")
        return render_markdown(self.to_dict(top=top, weeks=weeks, hours_per_week=hours_per_week))

    def to_text(
        self,
        *,
        top: int | None = DEFAULTS.top,
        weeks: int = DEFAULTS.weeks,
        hours_per_week: float = DEFAULTS.hours_per_week,
        width: int | None = 100,
        styles: bool = False,
    ) -> str:
        """Return the report as terminal text (rich tables), with the sections of :meth:`to_dict`.

        Args:
            top: Rows of the study plan (and ranking) to show; ``None`` shows all.
            weeks: Weeks of the schedule.
            hours_per_week: Study hours per week of the schedule.
            width: Line width; ``None`` uses the terminal's.
            styles: Keep colours and bold as terminal escape codes.

        Returns:
            The text.
        """
        from jdmatch.text_report import render_text

        top = checked_top(top, "to_text")
        check_parameter(width, "width", "to_text", Interval(int, 40, 1000), None)
        data = self.to_dict(top=top, weeks=weeks, hours_per_week=hours_per_week)
        return render_text(data, width=width, styles=styles)

    def to_html(
        self,
        *,
        top: int | None = DEFAULTS.top,
        weeks: int = DEFAULTS.weeks,
        hours_per_week: float = DEFAULTS.hours_per_week,
    ) -> str:
        """Return a self-contained HTML page with the sections of :meth:`to_dict`.

        One file with inline CSS and SVG, no script, and nothing fetched from the network; all
        document text is escaped (see :mod:`jdmatch.html_report`). A report on one posting
        also shows the posting and the resume side by side, concepts highlighted in both.

        Args:
            top: Rows of the study plan (and ranking) to show; ``None`` shows all.
            weeks: Weeks of the schedule.
            hours_per_week: Study hours per week of the schedule.

        Returns:
            The HTML text.
        """
        from jdmatch.html_report import render_html

        top = checked_top(top, "to_html")
        return render_html(self._html_data(top, weeks, hours_per_week))

    def _repr_html_(self) -> str:
        """The notebook view (Jupyter, VS Code): the HTML report as a fragment of a page."""
        from jdmatch.html_report import render_html

        return render_html(
            self._html_data(DEFAULTS.top, DEFAULTS.weeks, DEFAULTS.hours_per_week), fragment=True
        )

    def _html_data(self, top: int | None, weeks: int, hours_per_week: float) -> dict[str, Any]:
        """The report model plus what only the HTML page shows."""
        return self.to_dict(top=top, weeks=weeks, hours_per_week=hours_per_week)

    def _plan_records(self, top: int | None) -> list[dict[str, Any]]:
        """The first ``top`` rows of the study plan (all for ``None``) as JSON-ready dicts."""
        raise NotImplementedError

    def _fields(self, top: int | None, schedule: Schedule) -> dict[str, Any]:
        """The fields of :meth:`to_dict` after ``schema_version``, in output order."""
        raise NotImplementedError


@dataclass(frozen=True)
class Report(ReportBase):
    """Everything jdmatch found for one job description and one resume.

    Attributes:
        score: 0–100, TF-IDF-weighted share of the JD's concepts the resume shows
            (formula in :mod:`jdmatch.coverage`).
        pillar_coverage: ``{pillar: 0–100 or None}`` for the five pillars; ``None`` where the JD
            names nothing of that pillar.
        category_coverage: ``{category: 0–100}`` for the categories the JD uses.
        matched: JD concepts the resume mentions, heaviest first.
        gaps: JD concepts the resume never mentions, heaviest first.
        plan: The ranked study plan as :class:`~jdmatch.planning.StudyItem` rows (the
            :attr:`study_plan` DataFrame holds the same rows).
        jd_source: Where the job description came from (path or ``"<text>"``).
        resume_source: Where the resume came from.
        role: Role family the priorities were weighed for (detected or given).
        seniority: Seniority the priorities were weighed for (detected or given).
        jd_text: The job description's text, as its mentions' offsets index it.
        jd_mentions: The concepts found in the job description, in text order.
        lexicon: The lexicon the report was made with.
        resume_text: The resume's text, as its mentions' offsets index it.
        resume_mentions: The concepts found in the resume, in text order.
        fit: How the resume fits, as a hiring manager reads it: the score's band, required and
            preferred asks covered, years, degree and title (:class:`~jdmatch.planning.Fit`).

    Example:
        >>> import jdmatch
        >>> report = jdmatch.analyze("We need PyTorch and Kafka.", "I used PyTorch.")
        >>> [gap.term for gap in report.gaps]
        ['apache_kafka']
    """

    score: float
    pillar_coverage: Mapping[str, float | None]
    category_coverage: Mapping[str, float | None]
    matched: tuple[ConceptCoverage, ...]
    gaps: tuple[ConceptCoverage, ...]
    plan: tuple[StudyItem, ...] = field(compare=False, repr=False)
    jd_source: str = "<text>"
    resume_source: str = "<text>"
    role: str = "ml_engineer"
    seniority: str = "mid"
    jd_text: str = field(default="", compare=False, repr=False)
    jd_mentions: tuple[Mention, ...] = field(default=(), compare=False, repr=False)
    lexicon: Lexicon | None = field(default=None, compare=False, repr=False)
    resume_text: str = field(default="", compare=False, repr=False)
    resume_mentions: tuple[Mention, ...] = field(default=(), compare=False, repr=False)
    fit: Fit | None = None

    def __getstate__(self) -> dict[str, Any]:
        # Plain dicts for the read-only mappings, so that a report can be pickled (worker
        # processes of Analyzer.pipe send reports back); the DataFrame is rebuilt on demand.
        state = {key: value for key, value in self.__dict__.items() if key != "study_plan"}
        state["pillar_coverage"] = dict(self.pillar_coverage)
        state["category_coverage"] = dict(self.category_coverage)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key in ("pillar_coverage", "category_coverage"):
            state[key] = MappingProxyType(state[key])
        self.__dict__.update(state)

    @cached_property
    def study_plan(self) -> pd.DataFrame:
        """The ranked study plan as a DataFrame (columns in :func:`jdmatch.planning.study_plan`).

        Built on first use, so that a report which is only printed or saved never imports pandas.
        """
        return plan_frame(self.plan)

    def _plan_records(self, top: int | None) -> list[dict[str, Any]]:
        return [item.to_dict() for item in self.plan[:top]]

    def _fields(self, top: int | None, schedule: Schedule) -> dict[str, Any]:
        """Fields of :meth:`to_dict`, section by section.

        After ``schema_version``: ``kind`` (``"single"``), ``sections``, ``title`` and
        ``company`` (from the posting's first lines; ``company`` may be ``None``),
        ``jd_source``, ``resume_source``, ``role``, ``seniority``, ``start_here``, ``score``,
        ``score_meaning`` (its ``fit_band`` is :attr:`fit`'s band), ``fit`` (:func:`fit_dict`),
        ``facts`` (:func:`fit_facts`), ``pillar_coverage``, ``pillar_counts``,
        ``category_coverage``, ``study_plan_total``, ``study_plan`` (``top`` rows),
        ``schedule``, ``matched``, ``gaps`` and ``resume_reading``.
        """
        headline = read_headline(self.jd_text, lexicon=self.lexicon)
        concepts = (*self.matched, *self.gaps)
        return {
            "kind": "single",
            "sections": [{"id": key, "title": title} for key, title in REPORT_SECTIONS],
            "title": headline.title,
            "company": headline.company,
            "jd_source": self.jd_source,
            "resume_source": self.resume_source,
            "role": self.role,
            "seniority": self.seniority,
            "start_here": start_here(self.plan_rows(START_HERE_ROWS)),
            "score": self.score,
            "score_meaning": score_meaning(concepts, fit_band=self.fit.band if self.fit else None),
            "fit": fit_dict(self.fit) if self.fit else None,
            "facts": fit_facts(self.fit) if self.fit else _NO_FACTS,
            "pillar_coverage": dict(self.pillar_coverage),
            "pillar_counts": pillar_counts(concepts),
            "category_coverage": dict(self.category_coverage),
            "study_plan_total": len(self.plan),
            "study_plan": self.plan_rows(top),
            "schedule": schedule.to_dict(),
            "matched": [concept_dict(item) for item in self.matched],
            "gaps": [concept_dict(item) for item in self.gaps],
            "resume_reading": resume_reading(self.resume_text, self.resume_mentions, concepts),
        }

    def _html_data(self, top: int | None, weeks: int, hours_per_week: float) -> dict[str, Any]:
        # The page also shows both texts side by side, concepts highlighted in both.
        data = self.to_dict(top=top, weeks=weeks, hours_per_week=hours_per_week)
        matched = {item.term for item in self.matched}
        partial = {item.term for item in self.gaps if item.credit > 0}
        via = {label for item in self.gaps if item.credit > 0 for label in item.via}
        data["jd_text"] = self.jd_text
        data["jd_mentions"] = [
            _mention_dict(m, "matched" if m.term in matched else _partial(m.term in partial))
            for m in self.jd_mentions
        ]
        data["resume_text"] = self.resume_text
        data["resume_mentions"] = [
            _mention_dict(m, "matched" if m.term in matched else "partial")
            for m in self.resume_mentions
            if m.term in matched or m.label in via
        ]
        return data


def _partial(partial: bool) -> str:
    return "partial" if partial else "missing"


def _mention_dict(mention: Mention, status: str) -> dict[str, Any]:
    return {
        "term": mention.term,
        "label": mention.label,
        "start": mention.start,
        "end": mention.end,
        "status": status,
    }


def start_here(plan_rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return the "start here" rows: the first rows of a plan, with what a person acts on.

    Args:
        plan_rows: The plan's first :data:`START_HERE_ROWS` rows (dicts of a plan).

    Returns:
        ``{rank, term, label, pillar, status, reason, study}`` per row.

    Example:
        >>> start_here([{"rank": 1, "term": "sql", "label": "SQL", "pillar": "coding",
        ...              "status": "gap", "reason": "Asked.", "study": "Write joins."}])[0]["label"]
        'SQL'
    """
    keys = ("rank", "term", "label", "pillar", "status", "reason", "study")
    return [{key: row.get(key) for key in keys} for row in plan_rows[:START_HERE_ROWS]]


def score_meaning(
    concepts: Iterable[ConceptCoverage], *, fit_band: str | None = None
) -> dict[str, Any]:
    """Say what a score stands for: how many of the posting's asks the resume shows.

    Args:
        concepts: Every concept of the posting with its coverage.
        fit_band: A named band of the score, when one is known; shown beside the score.

    Returns:
        ``{summary, formula, fit_band, required, preferred}``: ``required`` and ``preferred``
        count the posting's concepts of that level as ``{concepts, demonstrated, listed,
        narrower, absent}``; ``summary`` says it in one sentence, ``formula`` how the score
        weighs them.

    Example:
        >>> python = ConceptCoverage("python", "Python", "language", ("coding",), 1, 2, 1.0,
        ...                          1.0, evidence="demonstrated")
        >>> kafka = ConceptCoverage("apache_kafka", "Apache Kafka", "platform",
        ...                         ("system_design",), 1, 0, 1.0, 0.0)
        >>> score_meaning([python, kafka])["summary"]
        'Shows 1 of the 2 required concepts (1 demonstrated in experience or projects).'
    """
    counts = requirement_counts(concepts)
    required, preferred = counts["required"], counts["preferred"]
    return {
        "summary": _meaning_sentence(required, preferred),
        "formula": (
            "The score is the share of the posting's asks the resume shows, each ask weighed "
            "by TF-IDF (rare, specific asks weigh more), by its level (required 1, "
            f"preferred {MODEL.requirement_weights['preferred']:g}, company and benefits "
            "text 0) and by how likely the interview is to probe it; an ask demonstrated "
            f"counts fully, listed {LISTED_CREDIT:g}, shown only through narrower concepts "
            f"{NARROWER_CREDIT:g}, once however often it is named. When the posting opens with "
            f"a job title, the resume's closest title counts for {TITLE_WEIGHT:.0%} of the "
            "score."
        ),
        "fit_band": fit_band,
        "required": required,
        "preferred": preferred,
    }


def _meaning_sentence(required: Mapping[str, int], preferred: Mapping[str, int]) -> str:
    parts = []
    if required["concepts"]:
        shown = required["demonstrated"] + required["listed"]
        how = [
            f"{required['demonstrated']} demonstrated in experience or projects"
            if required["demonstrated"]
            else "",
            f"{required['listed']} only listed" if required["listed"] else "",
        ]
        detail = ", ".join(part for part in how if part)
        parts.append(
            f"Shows {shown} of the {required['concepts']} required concepts"
            + (f" ({detail})" if detail else "")
        )
    if preferred["concepts"]:
        shown = preferred["demonstrated"] + preferred["listed"]
        parts.append(f"{shown} of the {preferred['concepts']} preferred ones")
    if not parts:
        return "The posting asks for nothing outright: every concept is context only."
    sentence = " and ".join(parts)
    if required["narrower"]:
        sentence += (
            f"; {required['narrower']} more required "
            f"{'one' if required['narrower'] == 1 else 'ones'} only through narrower concepts"
        )
    return sentence[0].upper() + sentence[1:] + "."


_FIT_FIELDS = (
    "skills_score", "title_match", "closest_title", "posting_title", "years_shown",
    "years_source", "years_asked", "degree_held", "degree_asked", "degree_level",
)  # fmt: skip
_NO_FACTS: dict[str, str | None] = {"years": None, "degree": None, "title": None}


def fit_dict(fit: Fit) -> dict[str, Any]:
    """Return what a fit adds to the score section, as a JSON-ready dict.

    The band and the required and preferred counts are not repeated: the score section holds
    them once, in ``score_meaning`` (``fit_band``, ``required``, ``preferred``).

    Args:
        fit: The fit (:func:`jdmatch.planning.summarize_fit`).

    Returns:
        ``{skills_score, title_match, closest_title, posting_title, years_shown, years_source,
        years_asked, degree_held, degree_asked, degree_level}`` (see :class:`~jdmatch.Fit`).

    Example:
        >>> import jdmatch
        >>> fit = jdmatch.analyze("Requirements: PyTorch, 3+ years.", "Used PyTorch.").fit
        >>> fit_dict(fit)["years_asked"]
        3
    """
    return {name: getattr(fit, name) for name in _FIT_FIELDS}


def fit_facts(fit: Fit) -> dict[str, str | None]:
    """Say what a hiring manager reads first: years shown against years asked, degree, title.

    Args:
        fit: The fit (:func:`jdmatch.planning.summarize_fit`).

    Returns:
        ``{years, degree, title}``: one sentence each, ``None`` where neither the posting nor
        the resume says anything of it.

    Example:
        >>> import jdmatch
        >>> fit = jdmatch.analyze("Requirements: PyTorch, 3+ years.", "Used PyTorch.").fit
        >>> fit_facts(fit)["years"]
        'Experience: no years shown (no dated job); 3+ years asked.'
    """
    years = None
    if fit.years_asked or fit.years_source != "none":
        shown = (
            f"about {fit.years_shown:g} years shown ("
            + ("from the dates of its jobs)" if fit.years_source == "dates" else "as stated)")
            if fit.years_source != "none"
            else "no years shown (no dated job)"
        )
        asked = f"{fit.years_asked}+ years asked" if fit.years_asked else "no years asked"
        years = f"Experience: {shown}; {asked}."
    degree = None
    if fit.degree_asked or fit.degree_held:
        held = f"{fit.degree_held} named" if fit.degree_held else "none named"
        asked = f"{fit.degree_asked} {fit.degree_level}" if fit.degree_asked else "none asked"
        degree = f"Degree: {held}; {asked}."
    title = None
    if fit.title_match is not None:
        closest = f"\u201c{fit.closest_title}\u201d" if fit.closest_title else "none close"
        title = (
            f"Title: closest to \u201c{fit.posting_title}\u201d is {closest}, "
            f"{fit.title_match:.0%} alike."
        )
    return {"years": years, "degree": degree, "title": title}


def pillar_counts(concepts: Iterable[ConceptCoverage]) -> dict[str, dict[str, int]]:
    """Count each pillar's concepts of the posting, and those the resume shows.

    Args:
        concepts: Every concept of the posting with its coverage.

    Returns:
        ``{pillar: {"concepts": n, "shown": k}}`` for the five pillars; a concept counts in
        every pillar it belongs to, as in the pillar coverage.

    Example:
        >>> item = ConceptCoverage("pytorch", "PyTorch", "library", ("coding", "deep_learning"),
        ...                        1, 1, 1.0, 1.0)
        >>> pillar_counts([item])["coding"]
        {'concepts': 1, 'shown': 1}
    """
    counts = {pillar: {"concepts": 0, "shown": 0} for pillar in MODEL.pillars}
    for item in concepts:
        for pillar in item.pillars:
            if pillar in counts:
                counts[pillar]["concepts"] += 1
                counts[pillar]["shown"] += item.matched
    return counts


def concept_dict(item: ConceptCoverage) -> dict[str, Any]:
    """Return a concept of the posting and its coverage as a JSON-ready dict.

    Args:
        item: The concept's coverage.

    Returns:
        ``{term, label, category, pillars, jd_count, resume_count, jd_weight, requirement,
        evidence, via}`` (``via``: the narrower concepts that earned partial credit).
    """
    return {
        "term": item.term,
        "label": item.label,
        "category": item.category,
        "pillars": list(item.pillars),
        "jd_count": item.jd_count,
        "resume_count": item.resume_count,
        "jd_weight": round(item.jd_weight, 4),
        "requirement": item.requirement,
        "evidence": item.evidence,
        "via": list(item.via),
    }


def resume_reading(
    text: str,
    mentions: Sequence[Mention],
    concepts: Iterable[ConceptCoverage],
    *,
    many: bool = False,
) -> dict[str, Any]:
    r"""Say how a resume was read: its sections, and what it demonstrates or only lists.

    Args:
        text: The resume, as the mentions' offsets index it.
        mentions: The concepts found in the resume.
        concepts: Every concept of the posting with its coverage.
        many: The concepts come from several postings (for the wording of ``summary``).

    Returns:
        ``{summary, sections, posting_concepts, resume_concepts}``: ``sections`` lists each
        section found, in order, as ``{heading, type, line, demonstrates, concepts,
        posting_concepts}`` (``line`` 1-based; ``demonstrates``: concepts named there count as
        demonstrated; ``concepts``: distinct concepts named in it; ``posting_concepts``: how
        many of them the posting names); ``posting_concepts`` counts the posting's concepts
        as ``{demonstrated, with_outcome, listed, narrower, absent}``; ``resume_concepts``
        counts every concept the resume names as ``{concepts, demonstrated, listed}``.

    Example:
        >>> from jdmatch.matching import extract
        >>> cv = "Skills\nPython, Kafka\nExperience\nBuilt Kafka consumers."
        >>> reading = resume_reading(cv, extract(cv), [])
        >>> [(s["heading"], s["type"], s["concepts"]) for s in reading["sections"]]
        [('Skills', 'skills', 2), ('Experience', 'experience', 1)]
        >>> reading["resume_concepts"]
        {'concepts': 2, 'demonstrated': 1, 'listed': 1}
    """
    concepts = tuple(concepts)
    posting_terms = {item.term for item in concepts}
    spans = section_spans(text)
    sections = []
    for index, (start, kind) in enumerate(spans):
        end = spans[index + 1][0] if index + 1 < len(spans) else len(text)
        terms = {m.term for m in mentions if start <= m.start < end}
        if start == 0 and kind == "other" and not text[:end].strip():
            continue
        sections.append(
            {
                "heading": _heading(text, start, end, first=start == 0 and kind == "other"),
                "type": kind,
                "line": text.count("\n", 0, start) + 1,
                "demonstrates": kind in DEMONSTRATING,
                "concepts": len(terms),
                "posting_concepts": len(terms & posting_terms),
            }
        )
    evidence = Counter(read_resume(text, mentions).evidence.values())
    shown = Counter(shown_as(item) for item in concepts)
    posting = {
        "demonstrated": shown["demonstrated"],
        "with_outcome": sum(item.matched and item.metric for item in concepts),
        "listed": shown["listed"],
        "narrower": shown["narrower"],
        "absent": shown["absent"],
    }
    resume = {
        "concepts": sum(evidence.values()),
        "demonstrated": evidence["demonstrated"],
        "listed": evidence["listed"],
    }
    return {
        "summary": _reading_sentence(sections, posting, resume, many=many),
        "sections": sections,
        "posting_concepts": posting,
        "resume_concepts": resume,
    }


def _heading(text: str, start: int, end: int, *, first: bool) -> str:
    """What a section is called: its heading line (an inline heading up to its colon)."""
    if first:
        return "(top of the resume)"
    line = text[start:end].lstrip().split("\n", 1)[0].strip()
    head = line.split(":", 1)[0].strip() if ":" in line else line
    head = head.strip(" \t-–—•*_|")
    return head[:MAX_HEADING_CHARS] if head else "(untitled)"


def _reading_sentence(
    sections: Sequence[Mapping[str, Any]],
    posting: Mapping[str, int],
    resume: Mapping[str, int],
    *,
    many: bool,
) -> str:
    kinds = sorted({str(s["type"]) for s in sections if s["type"] != "other"})
    found = (
        f"Found {len(sections)} sections ({', '.join(kinds)})"
        if kinds
        else "Found no section heading, so every line was read as one block"
    )
    whose = "postings'" if many else "posting's"
    return (
        f"{found}. The resume names {resume['concepts']} concepts: {resume['demonstrated']} "
        f"demonstrated (in experience, projects or publications, or on a line that shows work "
        f"done), {resume['listed']} only listed. Of the {whose} concepts it demonstrates "
        f"{posting['demonstrated']} ({posting['with_outcome']} with a measured outcome), lists "
        f"{posting['listed']}, shows {posting['narrower']} only through narrower concepts and "
        f"lacks {posting['absent']}."
    )


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    r"""Format rows as a GitHub-flavoured Markdown table.

    Args:
        header: Column titles.
        rows: Cells, already formatted as strings.

    Returns:
        The table's lines.

    Example:
        >>> print(markdown_table(["a", "b"], [["1", "x|y"]])[2])
        | 1 | x\|y |
    """

    def line(cells: Sequence[str]) -> str:
        return (
            "| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in cells) + " |"
        )

    return [line(header), line(["---"] * len(header)), *(line(row) for row in rows)]


def checked_top(top: int | None, function: str) -> int | None:
    """Check a ``top`` (how many rows to keep) parameter.

    Args:
        top: The value given; ``None`` keeps every row.
        function: The function that received it, for the message.

    Returns:
        ``top``: a positive int, or ``None``.

    Raises:
        InvalidParameterError: ``top`` is neither a positive int nor ``None``.

    Example:
        >>> checked_top(5, "to_markdown"), checked_top(None, "to_json")
        (5, None)
    """
    checked: int | None = check_parameter(top, "top", function, Interval(int, 1, None), None)
    return checked


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Return a DataFrame's rows as JSON-ready dicts (numpy scalars made plain, NaN as None).

    Args:
        frame: Any DataFrame of the results.

    Returns:
        One dict per row.
    """
    return [_plain(row) for row in frame.to_dict(orient="records")]


def _plain(row: Mapping[Hashable, Any]) -> dict[str, Any]:
    """Turn numpy scalars from pandas into plain Python values for ``json``."""
    plain: dict[str, Any] = {}
    for key, value in row.items():
        if hasattr(value, "item"):
            value = value.item()
        if isinstance(value, float) and math.isnan(value):
            value = None
        plain[str(key)] = value
    return plain
