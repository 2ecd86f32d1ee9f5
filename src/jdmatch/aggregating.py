"""Many postings at once: rank them by fit and pool their gaps into one study plan.

A candidate rarely targets one job. :func:`jdmatch.analyze_many` scores one resume against many
job descriptions (a list, a folder of files, or a CSV column); :func:`combine` ranks the postings
by score and pools the per-posting study plans: a concept's combined priority is the sum of its
needs in every posting (how surely that posting's interview probes it, times what the resume
lacks of it), scaled so the top concept scores 100. A concept missing in 14 of 20 postings,
and required in 9, therefore outranks one missing once; and a concept the resume covers in every
posting never outranks one it misses somewhere, whatever the sums.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jdmatch.coverage import ConceptCoverage
from jdmatch.errors import DocumentNotFoundError, DocumentReadError, invalid_parameter
from jdmatch.headline import read_headline
from jdmatch.lexicon import Lexicon
from jdmatch.loading import FORMATS, Document, Source, _decode
from jdmatch.model import MODEL
from jdmatch.reporting import (
    MULTI_REPORT_SECTIONS,
    START_HERE_ROWS,
    Report,
    ReportBase,
    pillar_counts,
    records,
    resume_reading,
    score_meaning,
    start_here,
)
from jdmatch.scheduling import Schedule

if TYPE_CHECKING:
    import pandas as pd

#: Columns of :attr:`MultiReport.ranking`.
RANKING_COLUMNS: tuple[str, ...] = (
    "rank", "jd", "company", "title", "score", "role", "seniority", "matched", "gaps", "why",
)  # fmt: skip
#: CSV columns that name a posting's company (compared lower-case, letters and digits only).
COMPANY_COLUMNS = ("company", "companyname", "employer", "employername", "organization")
#: Columns of :attr:`MultiReport.study_plan`.
COMBINED_PLAN_COLUMNS: tuple[str, ...] = (
    "rank", "term", "label", "pillar", "category", "status", "priority", "postings",
    "missing_in", "required_in", "evidence", "reason", "study",
)  # fmt: skip


@dataclass(frozen=True)
class MultiReport(ReportBase):
    """One resume against many job descriptions.

    Attributes:
        ranking: One row per posting, best fit first; columns :data:`RANKING_COLUMNS`:
            ``rank``, ``jd`` (source), ``company`` (the CSV's company column for a posting
            read from a CSV that has one, else the company the posting's first lines name, see
            :func:`jdmatch.headline.read_headline`; missing, ``null`` in JSON, when neither
            names one), ``title`` (first line), ``score``, ``role``, ``seniority``,
            ``matched`` and ``gaps`` (counts), ``why`` (a one-line reason).
        study_plan: One row per concept named by any posting, highest pooled priority first;
            columns :data:`COMBINED_PLAN_COLUMNS`: ``rank``, ``term``, ``label``, ``pillar``,
            ``category``, ``status`` (``gap``, ``partial`` or ``review``, as for one posting),
            ``priority`` (0–100, pooled), ``postings`` (how many name it), ``missing_in`` (how
            many the resume does not cover), ``required_in`` (how many require it and are not
            covered), ``evidence`` (in the resume), ``reason`` and ``study``.
        reports: The per-posting reports, in ranking order.
        skipped: ``(source, reason)`` of postings that could not be scored.
        resume_source: Where the resume came from.
    """

    ranking: pd.DataFrame = field(compare=False, repr=False)
    study_plan: pd.DataFrame = field(compare=False, repr=False)
    reports: tuple[Report, ...] = field(repr=False)
    skipped: tuple[tuple[str, str], ...]
    resume_source: str
    lexicon: Lexicon | None = field(default=None, compare=False, repr=False)

    def _plan_records(self, top: int | None) -> list[dict[str, Any]]:
        return records(self.study_plan if top is None else self.study_plan.head(top))

    def _fields(self, top: int | None, schedule: Schedule) -> dict[str, Any]:
        """Fields of :meth:`to_dict`, section by section.

        After ``schema_version``: ``kind`` (``"many"``), ``sections``, ``resume_source``,
        ``postings_scored``, ``start_here``, ``ranking`` (``top`` rows of :attr:`ranking`,
        each with its ``score_meaning``),
        ``pillar_coverage`` (the mean over the postings that ask each pillar),
        ``pillar_counts``, ``study_plan_total``, ``study_plan`` (the pooled plan's ``top``
        rows), ``schedule``, ``matched`` and ``gaps`` (pooled concepts), ``resume_reading``
        and ``skipped``.
        """
        concepts = _pooled_concepts(self.reports)
        first = self.reports[0] if self.reports else None
        return {
            "kind": "many",
            "sections": [{"id": key, "title": title} for key, title in MULTI_REPORT_SECTIONS],
            "resume_source": self.resume_source,
            "postings_scored": len(self.reports),
            "start_here": self._start_here(),
            "ranking": self._ranking_rows(top),
            "pillar_coverage": _mean_pillar_coverage(self.reports),
            "pillar_counts": pillar_counts(item for item, _ in concepts.values()),
            "study_plan_total": len(self.study_plan),
            "study_plan": self.plan_rows(top),
            "schedule": schedule.to_dict(),
            "matched": [_pooled_dict(*entry) for entry in concepts.values() if entry[0].matched],
            "gaps": [_pooled_dict(*entry) for entry in concepts.values() if not entry[0].matched],
            "resume_reading": resume_reading(
                first.resume_text if first else "",
                first.resume_mentions if first else (),
                (item for item, _ in concepts.values()),
                many=True,
            ),
            "skipped": [{"jd": source, "reason": reason} for source, reason in self.skipped],
        }

    def _start_here(self) -> list[dict[str, Any]]:
        """The pooled plan's first rows, each reason quoting the posting that wants it most."""
        rows = start_here(self.plan_rows(START_HERE_ROWS))
        for row in rows:
            wanted = [
                (item.priority, -rank, report, item)
                for rank, report in enumerate(self.reports)
                for item in report.plan
                if item.term == row["term"] or row["term"] in item.options
            ]
            if wanted:
                _, _, report, item = max(wanted, key=lambda entry: entry[:2])
                title = read_headline(report.jd_text, lexicon=self.lexicon).title
                title = title or report.jd_source
                row["reason"] = f"{row['reason']} Most wanted by “{title}”: {item.reason}"
        return rows

    def _ranking_rows(self, top: int | None) -> list[dict[str, Any]]:
        rows = records(self.ranking if top is None else self.ranking.head(top))
        for row, report in zip(rows, self.reports, strict=False):
            row["score_meaning"] = score_meaning((*report.matched, *report.gaps))["summary"]
        return rows


def _pooled_concepts(reports: Sequence[Report]) -> dict[str, tuple[ConceptCoverage, int]]:
    """Each concept any posting names, with how many postings name it; most named first.

    Counts and weights are summed over the postings; the requirement is the strongest.
    """
    pooled: dict[str, tuple[ConceptCoverage, int]] = {}
    for report in reports:
        for item in (*report.matched, *report.gaps):
            if item.term not in pooled:
                pooled[item.term] = (item, 1)
                continue
            seen, postings = pooled[item.term]
            strongest = min(
                (seen.requirement, item.requirement), key=MODEL.requirement_levels.index
            )
            pooled[item.term] = (
                replace(
                    seen,
                    jd_count=seen.jd_count + item.jd_count,
                    jd_weight=seen.jd_weight + item.jd_weight,
                    credit=max(seen.credit, item.credit),
                    requirement=strongest,
                ),
                postings + 1,
            )
    return dict(sorted(pooled.items(), key=lambda entry: (-entry[1][1], -entry[1][0].jd_weight)))


def _pooled_dict(item: ConceptCoverage, postings: int) -> dict[str, Any]:
    return {
        "term": item.term,
        "label": item.label,
        "category": item.category,
        "pillars": list(item.pillars),
        "postings": postings,
        "jd_count": item.jd_count,
        "resume_count": item.resume_count,
        "requirement": item.requirement,
        "evidence": item.evidence,
    }


def _mean_pillar_coverage(reports: Sequence[Report]) -> dict[str, float | None]:
    means: dict[str, float | None] = {}
    for pillar in MODEL.pillars:
        values = [v for r in reports if (v := r.pillar_coverage.get(pillar)) is not None]
        means[pillar] = round(sum(values) / len(values), 1) if values else None
    return means


def iter_postings(
    jds: Iterable[Source] | str | os.PathLike[str], *, column: str = "description"
) -> Iterator[Source]:
    """Expand what :func:`analyze_many` accepts into single postings.

    Args:
        jds: A folder (its supported files, sorted), a ``.csv`` file (one posting per row, from
            ``column``, with a ``title`` column put first when there is one), or an iterable of
            paths, texts or documents.
        column: The CSV column holding the posting text.

    Yields:
        Paths, texts or documents, one per posting.

    Example:
        >>> list(iter_postings(["Python and SQL", "Kafka"]))
        ['Python and SQL', 'Kafka']
    """
    if isinstance(jds, (str, os.PathLike)):
        path = Path(jds)
        if path.is_dir():
            yield from sorted(p for p in path.iterdir() if p.suffix.lower() in FORMATS)
            return
        if path.suffix.lower() == ".csv":
            yield from _csv_postings(path, column)
            return
        if path.exists():
            raise invalid_parameter(
                "jds", "analyze_many", "a folder, a .csv file or a list of postings", str(path)
            )
        raise DocumentNotFoundError("no such folder or CSV file of postings", source=path)
    yield from jds


def _csv_postings(path: Path, column: str) -> Iterator[Document]:
    import csv  # only for CSV input: not part of every cold start
    from io import StringIO

    try:
        # Decoded like a document: UTF-8, UTF-16 or cp1252, binary data refused.
        with StringIO(_decode(path, path.read_bytes()), newline="") as handle:
            reader = csv.DictReader(handle)
            reader.reader = _UnboundedFields(reader.reader)  # type: ignore[assignment]
            if column not in (reader.fieldnames or []):
                raise invalid_parameter(
                    "column",
                    "analyze_many",
                    f"one of the CSV's columns {reader.fieldnames}",
                    column,
                )
            for number, row in enumerate(reader, start=1):
                title = (row.get("title") or row.get("Job Title") or "").strip()
                text = row[column] or ""
                yield Document(
                    text=f"{title}\n{text}" if title else text,
                    source=f"{path}#row{number}",
                    format="text",
                )
    except (OSError, csv.Error) as exc:
        raise DocumentReadError(f"cannot read the CSV file ({exc})", source=path) from exc


def listed_companies(jds: Iterable[Source] | str | os.PathLike[str]) -> dict[str, str]:
    """The company of each posting of a CSV file that has a company column.

    Args:
        jds: What :func:`iter_postings` accepts; only a ``.csv`` file names companies.

    Returns:
        ``{source: company}`` with the sources :func:`iter_postings` gives the CSV's rows, for
        the rows whose company cell is not empty; ``{}`` for a CSV without a company column
        (:data:`COMPANY_COLUMNS`) and for anything but a CSV.

    Example:
        >>> listed_companies(["Python and SQL"])
        {}
    """
    import csv
    from io import StringIO

    if not isinstance(jds, (str, os.PathLike)) or Path(jds).suffix.lower() != ".csv":
        return {}
    path = Path(jds)
    try:
        with StringIO(_decode(path, path.read_bytes()), newline="") as handle:
            reader = csv.DictReader(handle)
            reader.reader = _UnboundedFields(reader.reader)  # type: ignore[assignment]
            column = next(
                (name for name in reader.fieldnames or [] if _letters(name) in COMPANY_COLUMNS),
                None,
            )
            if column is None:
                return {}
            # Glassdoor's column holds "Acme\n3.9": the company, then its rating.
            names = (
                (f"{path}#row{number}", (row[column] or "").strip().split("\n", 1)[0].strip())
                for number, row in enumerate(reader, start=1)
            )
            return {source: name for source, name in names if name}
    except (OSError, csv.Error) as exc:
        raise DocumentReadError(f"cannot read the CSV file ({exc})", source=path) from exc


def _letters(name: str) -> str:
    return "".join(char for char in name.lower() if char.isascii() and char.isalnum())


class _UnboundedFields:
    """A CSV reader whose field size limit is lifted only while it reads a row.

    Postings are longer than the csv module's default field limit, and that limit is
    process-wide: it is raised for each read and restored before the row is handed on.
    """

    def __init__(self, reader: Any) -> None:
        self._reader = reader

    def __iter__(self) -> _UnboundedFields:
        return self

    def __next__(self) -> list[str]:
        import csv

        limit = csv.field_size_limit(sys.maxsize)
        try:
            row: list[str] = next(self._reader)
        finally:
            csv.field_size_limit(limit)
        return row

    @property
    def line_num(self) -> int:
        """The reader's line number."""
        number: int = self._reader.line_num
        return number


def combine(
    reports: Iterable[Report],
    *,
    resume_source: str,
    skipped: Iterable[tuple[str, str]] = (),
    lexicon: Lexicon | None = None,
    companies: Mapping[str, str] | None = None,
) -> MultiReport:
    """Rank per-posting reports by score and pool their study plans.

    Args:
        reports: Reports of one resume against several postings.
        resume_source: Where the resume came from.
        skipped: ``(source, reason)`` of postings that could not be scored.
        lexicon: The lexicon the reports were made with.
        companies: ``{posting source: company}`` known from elsewhere (a CSV's company
            column, see :func:`listed_companies`); other postings get the company their first
            lines name.

    Returns:
        The combined result.
    """
    ranked = sorted(reports, key=lambda report: (-report.score, report.jd_source))
    return MultiReport(
        ranking=_ranking(ranked, companies or {}, lexicon),
        study_plan=_pooled_plan(ranked),
        reports=tuple(ranked),
        skipped=tuple(skipped),
        resume_source=resume_source,
        lexicon=lexicon,
    )


def _source_of(posting: Source) -> str:
    return posting.source if isinstance(posting, Document) else str(posting)[:80]


def _ranking(
    reports: list[Report], companies: Mapping[str, str], lexicon: Lexicon | None
) -> pd.DataFrame:
    import pandas as pd

    rows = []
    for rank, report in enumerate(reports, start=1):
        top_gaps = ", ".join(item.label for item in report.gaps[:3]) or "none"
        headline = read_headline(report.jd_text, lexicon=lexicon)
        rows.append(
            {
                "rank": rank,
                "jd": report.jd_source,
                "company": companies.get(report.jd_source) or headline.company,
                "title": headline.title,
                "score": report.score,
                "role": report.role,
                "seniority": report.seniority,
                "matched": len(report.matched),
                "gaps": len(report.gaps),
                "why": f"covers {len(report.matched)} of "
                f"{len(report.matched) + len(report.gaps)} concepts; top gaps: {top_gaps}",
            }
        )
    frame: pd.DataFrame = pd.DataFrame(rows, columns=list(RANKING_COLUMNS))
    return frame


def _pooled_plan(reports: list[Report]) -> pd.DataFrame:
    import pandas as pd

    pooled: dict[str, dict[str, Any]] = {}
    for report in reports:
        # priority / 100 * the posting's top probe = probe * (1 - evidence): how surely this
        # posting's interview probes what the resume lacks, comparable across postings.
        top_probe = max((row.probe for row in report.plan), default=0.0)
        for row in report.plan:
            entry = pooled.setdefault(
                str(row.term),
                {"term": row.term, "label": row.label, "pillar": row.pillar,
                 "category": row.category, "status": row.status, "priority": 0.0,
                 "postings": 0, "missing_in": 0, "required_in": 0, "evidence": row.evidence,
                 "study": row.study},
            )  # fmt: skip
            entry["priority"] += row.priority / 100.0 * top_probe
            entry["postings"] += 1
            if row.status != "review":
                entry["missing_in"] += 1
                entry["required_in"] += row.requirement == "required"
    top = max((entry["priority"] for entry in pooled.values()), default=0.0) or 1.0
    rows = sorted(
        pooled.values(),
        key=lambda e: (e["missing_in"] == 0, -e["priority"], -e["missing_in"], e["term"]),
    )
    for rank, entry in enumerate(rows, start=1):
        entry["rank"] = rank
        entry["priority"] = round(100.0 * entry["priority"] / top, 1)
        entry["reason"] = (
            f"Named by {entry['postings']} of {len(reports)} postings; the resume does not "
            f"cover it in {entry['missing_in']}, {entry['required_in']} of which require it."
        )
    frame: pd.DataFrame = pd.DataFrame(rows, columns=list(COMBINED_PLAN_COLUMNS))
    return frame
