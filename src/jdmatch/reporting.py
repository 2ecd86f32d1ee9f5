"""Step 8 of the flow: the report a person reads and a program consumes."""

from __future__ import annotations

import json
import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, cast

from jdmatch.coverage import ConceptCoverage
from jdmatch.errors import Interval, check_parameter
from jdmatch.lexicon import Lexicon
from jdmatch.matching import Mention
from jdmatch.pillars import PILLAR_LABELS
from jdmatch.planning import Fit, StudyItem, plan_frame
from jdmatch.scheduling import DEFAULTS, Schedulable

if TYPE_CHECKING:
    import pandas as pd

#: Version of the layout of :meth:`Report.to_dict` (and so of the JSON output); the JSON Schema
#: ships as ``jdmatch/schemas/report.schema.json`` (see :func:`report_schema`).
SCHEMA_VERSION = 3


def report_schema() -> dict[str, Any]:
    """Return the JSON Schema of :meth:`Report.to_dict`.

    Returns:
        The schema, as shipped in ``jdmatch/schemas/report.schema.json``.

    Example:
        >>> report_schema()["properties"]["schema_version"]
        {'const': 3}
    """
    from importlib import resources

    text = resources.files("jdmatch").joinpath("schemas/report.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


class ReportBase(Schedulable):
    """The exporters :class:`Report` and :class:`~jdmatch.MultiReport` share.

    A result type gives its study plan's rows (:meth:`_plan_records`), its fields in output
    order (:meth:`_fields`), its Markdown lines (:meth:`_markdown_lines`) and its HTML data and
    renderer (:meth:`_html_data`, :meth:`_render_html`); checking ``top``, the schema version,
    JSON, the Markdown page and the HTML page's schedule are written here once.
    """

    def plan_rows(self, top: int | None = None) -> list[dict[str, Any]]:
        """Return the study plan's rows as JSON-ready dicts.

        Args:
            top: Keep only the first ``top`` rows; ``None`` keeps all.

        Returns:
            One dict per row, highest priority first.
        """
        return self._plan_records(None if top is None else checked_top(top, "plan_rows"))

    def to_dict(self, *, top: int | None = None) -> dict[str, Any]:
        """Return the result as JSON-ready data.

        Args:
            top: Keep only the first ``top`` rows of the study plan; ``None`` keeps all.

        Returns:
            ``schema_version`` followed by the result's own fields (see each result type).
        """
        if top is not None:
            checked_top(top, "to_dict")
        return {"schema_version": SCHEMA_VERSION, **self._fields(self.plan_rows(top))}

    def to_json(self, *, indent: int | None = 2, top: int | None = None) -> str:
        """Return :meth:`to_dict` as JSON.

        Args:
            indent: JSON indentation; ``None`` for one line.
            top: Keep only the first ``top`` study-plan rows.

        Returns:
            The JSON text.
        """
        return json.dumps(self.to_dict(top=top), indent=indent, ensure_ascii=False)

    def to_markdown(self, *, top: int = DEFAULTS.top) -> str:
        """Return a readable Markdown summary.

        Args:
            top: How many rows of each table to show.

        Returns:
            Markdown text.
        """
        return "\n".join(self._markdown_lines(checked_top(top, "to_markdown"))) + "\n"

    def to_html(
        self, *, weeks: int = DEFAULTS.weeks, hours_per_week: float = DEFAULTS.hours_per_week
    ) -> str:
        """Return a self-contained HTML page with the result and its schedule.

        One file with inline CSS and SVG and nothing fetched from the network; all document
        text is escaped (see :mod:`jdmatch.html_report`).

        Args:
            weeks: Weeks of the schedule shown.
            hours_per_week: Study hours per week of the schedule shown.

        Returns:
            The HTML text.
        """
        data = self._html_data()
        data["schedule"] = self.schedule(weeks=weeks, hours_per_week=hours_per_week).to_dict()
        return self._render_html(data)

    def _plan_records(self, top: int | None) -> list[dict[str, Any]]:
        """The first ``top`` rows of the study plan (all for ``None``) as JSON-ready dicts."""
        raise NotImplementedError

    def _fields(self, plan_rows: list[dict[str, Any]]) -> dict[str, Any]:
        """The fields of :meth:`to_dict` after ``schema_version``, in output order."""
        raise NotImplementedError

    def _markdown_lines(self, top: int) -> list[str]:
        """The lines of :meth:`to_markdown`, tables cut at ``top`` rows."""
        raise NotImplementedError

    def _html_data(self) -> dict[str, Any]:
        """What the HTML page shows besides the schedule."""
        return self.to_dict()

    def _render_html(self, data: dict[str, Any]) -> str:
        """Render :meth:`_html_data` and the schedule as a page."""
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

    def _fields(self, plan_rows: list[dict[str, Any]]) -> dict[str, Any]:
        """Fields of :meth:`to_dict`.

        After ``schema_version``: ``score``, ``jd_source``, ``resume_source``, ``role``,
        ``seniority``, ``fit`` (:meth:`~jdmatch.planning.Fit.to_dict`), ``pillar_coverage``,
        ``category_coverage``, ``matched``, ``gaps`` and ``study_plan`` (a list of row dicts).
        """
        return {
            "score": self.score,
            "jd_source": self.jd_source,
            "resume_source": self.resume_source,
            "role": self.role,
            "seniority": self.seniority,
            "fit": self.fit.to_dict() if self.fit else None,
            "pillar_coverage": dict(self.pillar_coverage),
            "category_coverage": dict(self.category_coverage),
            "matched": [_coverage_dict(item) for item in self.matched],
            "gaps": [_coverage_dict(item) for item in self.gaps],
            "study_plan": plan_rows,
        }

    def _html_data(self) -> dict[str, Any]:
        # The page highlights the JD's mentions: score gauge, pillar chart, JD with highlights.
        matched = {item.term for item in self.matched}
        data = self.to_dict()
        data["jd_text"] = self.jd_text
        data["jd_mentions"] = [
            {
                "term": mention.term,
                "label": mention.label,
                "start": mention.start,
                "end": mention.end,
                "status": "matched" if mention.term in matched else "missing",
            }
            for mention in self.jd_mentions
        ]
        return data

    def _render_html(self, data: dict[str, Any]) -> str:
        from jdmatch.html_report import render_html

        return render_html(data)

    def _markdown_lines(self, top: int) -> list[str]:
        pillar_rows = [
            [PILLAR_LABELS[pillar], "—" if value is None else f"{value:.0f}%"]
            for pillar, value in self.pillar_coverage.items()
        ]
        plan_rows = [
            [str(row.rank), row.label, row.pillar, row.status, f"{row.priority:.0f}", row.study]
            for row in self.plan[:top]
        ]
        return [
            "# jdmatch report",
            "",
            f"- Job description: `{self.jd_source}`",
            f"- Resume: `{self.resume_source}`",
            f"- **Coverage score: {self.score:.1f} / 100**",
            *([f"- Fit: {self.fit.summary()}"] if self.fit else []),
            f"- Role: {self.role.replace('_', ' ')} ({self.seniority})",
            f"- Matched: {_labels(self.matched)}",
            f"- Missing: {_labels(self.gaps)}",
            "",
            "## Coverage by pillar",
            "",
            *markdown_table(["Pillar", "Covered"], pillar_rows),
            "",
            f"## Study plan (top {min(top, len(self.plan))} of {len(self.plan)})",
            "",
            *markdown_table(["#", "Concept", "Pillar", "Status", "Priority", "Study"], plan_rows),
        ]


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


def checked_top(top: int | None, function: str) -> int:
    """Check a ``top`` (how many rows to keep) parameter.

    Args:
        top: The value given.
        function: The function that received it, for the message.

    Returns:
        ``top``, a positive int.

    Raises:
        InvalidParameterError: ``top`` is not a positive int.
    """
    return cast(int, check_parameter(top, "top", function, Interval(int, 1, None)))


def _labels(items: Sequence[ConceptCoverage], limit: int = 12) -> str:
    if not items:
        return "none"
    names = [item.label for item in items[:limit]]
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    return ", ".join(names) + more


def _coverage_dict(item: ConceptCoverage) -> dict[str, Any]:
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
    }


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
