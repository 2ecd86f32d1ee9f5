"""Step 8c of the flow: the report as terminal text and as Markdown.

Both read the report model (:meth:`jdmatch.Report.to_dict`) through one function,
:func:`section_blocks`, which turns each of its sections into the same paragraphs, numbered
items and tables; :func:`render_markdown` writes them as GitHub-flavoured Markdown and
:func:`render_text` draws them with rich (imported only here, only when text is drawn).
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jdmatch.pillars import PILLAR_LABELS
from jdmatch.reporting import markdown_table


@dataclass(frozen=True)
class Table:
    """A table of a section: column titles and rows of cells (plain strings)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    title: str = ""
    #: Columns worth a wide share of the line (reasons, prompts).
    wide: tuple[int, ...] = ()


@dataclass(frozen=True)
class Item:
    """A numbered item: a heading line and labelled lines under it."""

    number: int
    heading: str
    lines: tuple[tuple[str, str], ...] = field(default=())


Block = str | Table | Item


def section_blocks(data: Mapping[str, Any]) -> list[tuple[str, str, list[Block]]]:
    """Return each section of a report model as ``(id, title, blocks)``, in its order.

    Args:
        data: :meth:`jdmatch.Report.to_dict` or :meth:`jdmatch.MultiReport.to_dict`.

    Returns:
        One entry per section of ``data["sections"]``; a block is a paragraph (``str``), an
        :class:`Item` or a :class:`Table`.

    Example:
        >>> import jdmatch
        >>> data = jdmatch.analyze("Requirements: PyTorch and Kafka.", "PyTorch").to_dict()
        >>> [title for _, title, _ in section_blocks(data)][:3]
        ['Start here', 'Score', 'Coverage by pillar']
    """
    builders = {
        "start-here": _start_here,
        "score": _score,
        "ranking": _ranking,
        "pillars": _pillars,
        "study-plan": _plan,
        "schedule": _schedule,
        "concepts": _concepts,
        "resume": _resume,
    }
    return [
        (section["id"], section["title"], builders[section["id"]](data))
        for section in data["sections"]
    ]


def headline(data: Mapping[str, Any]) -> tuple[str, str]:
    """Return a report's title line and the line under it.

    Args:
        data: A report model.

    Returns:
        ``(title, subtitle)``: the job title and company with the role for one posting; the
        number of postings for many.
    """
    if data.get("kind") == "many":
        scored = data.get("postings_scored", 0)
        skipped = len(data.get("skipped", []))
        ranking = data.get("ranking") or [{}]
        best = ranking[0]
        parts = [f"{skipped} skipped" if skipped else "none skipped"]
        if best:
            parts.insert(0, f"Best fit: {_posting_name(best)}, score {best['score']:.1f}")
        return f"One resume against {scored} postings", "; ".join(parts)
    role = str(data.get("role") or "").replace("_", " ")
    if data.get("seniority"):
        role += f", {data['seniority']}"
    parts = [str(part) for part in (data.get("company"), role) if part]
    return str(data.get("title") or "Job description"), " · ".join(parts)


def sources_line(data: Mapping[str, Any]) -> str:
    """Return the line that names the files the report was made from."""
    if data.get("kind") == "many":
        return f"Resume: {data.get('resume_source', '')}"
    return f"Posting: {data.get('jd_source', '')} · Resume: {data.get('resume_source', '')}"


def pillar_label(pillar: str) -> str:
    """The human name of a pillar."""
    return PILLAR_LABELS.get(pillar, pillar.replace("_", " "))


def _start_here(data: Mapping[str, Any]) -> list[Block]:
    rows = data.get("start_here", [])
    if not rows:
        return ["Nothing to study: the posting names nothing the resume lacks."]
    return [
        Item(
            number=index,
            heading=f"{row['label']} ({row['status']}, {pillar_label(row['pillar'])})",
            lines=(("Why", str(row["reason"])), ("Study", str(row["study"]))),
        )
        for index, row in enumerate(rows, start=1)
    ]


def _score(data: Mapping[str, Any]) -> list[Block]:
    meaning = data.get("score_meaning", {})
    band = meaning.get("fit_band")
    score = f"Score: {data['score']:.1f} / 100" + (f" ({band})" if band else "")
    facts = [str(line) for line in (data.get("facts") or {}).values() if line]
    return [score, str(meaning.get("summary", "")), *facts, str(meaning.get("formula", ""))]


def _ranking(data: Mapping[str, Any]) -> list[Block]:
    rows = data.get("ranking", [])
    scored = data.get("postings_scored", len(rows))
    blocks: list[Block] = [
        f"{_top_of(len(rows), scored)} postings, best fit first. The score of each is the "
        "TF-IDF-weighted share of its asks the resume shows (0–100)."
    ]
    blocks.append(
        Table(
            header=("#", "Posting", "Score", "What the score means"),
            rows=tuple(
                (
                    str(row["rank"]),
                    _posting_name(row),
                    f"{row['score']:.1f}",
                    f"{row.get('score_meaning', '')} Top gaps: {_top_gaps(row)}",
                )
                for row in rows
            ),
            wide=(1, 3),
        )
    )
    skipped = data.get("skipped", [])
    if skipped:
        blocks.append("Skipped: " + "; ".join(f"{row['jd']} ({row['reason']})" for row in skipped))
    return blocks


def _posting_name(row: Mapping[str, Any]) -> str:
    title = str(row.get("title") or row.get("jd") or "")
    company = row.get("company")
    role = str(row.get("role", "")).replace("_", " ")
    return f"{title} — {company} ({role})" if company else f"{title} ({role})"


def _top_gaps(row: Mapping[str, Any]) -> str:
    why = str(row.get("why", ""))
    return why.split("top gaps: ", 1)[1] if "top gaps: " in why else "none"


def _top_of(shown: int, total: int) -> str:
    return f"All {total}" if shown >= total else f"Top {shown} of {total}"


def _pillars(data: Mapping[str, Any]) -> list[Block]:
    coverage = data.get("pillar_coverage", {})
    counts = data.get("pillar_counts", {})
    many = data.get("kind") == "many"
    rows = []
    for pillar, value in coverage.items():
        count = counts.get(pillar, {"concepts": 0, "shown": 0})
        rows.append(
            (
                pillar_label(pillar),
                "not asked" if value is None else f"{value:.0f}%",
                f"{count['shown']} of {count['concepts']}",
            )
        )
    note = (
        "Each pillar's coverage is the mean over the postings that ask it; a concept counts "
        "in every pillar it belongs to."
        if many
        else "Coverage is the score's formula on each pillar's concepts; a concept counts in "
        "every pillar it belongs to."
    )
    return [note, Table(header=("Pillar", "Covered", "Concepts shown"), rows=tuple(rows))]


def _plan(data: Mapping[str, Any]) -> list[Block]:
    rows = data.get("study_plan", [])
    total = data.get("study_plan_total", len(rows))
    if not rows:
        return ["Nothing to study."]
    many = data.get("kind") == "many"
    return [
        f"{_top_of(len(rows), total)} concepts, highest priority first.",
        Table(
            header=("#", "Concept", "Why", "What to study"),
            rows=tuple(
                (
                    str(row["rank"]),
                    _plan_concept(row, many=many),
                    str(row["reason"]),
                    str(row["study"]),
                )
                for row in rows
            ),
            wide=(2, 3),
        ),
    ]


def _plan_concept(row: Mapping[str, Any], *, many: bool) -> str:
    facts = [str(row["status"]), str(row["pillar"]).replace("_", " ")]
    facts.append(f"priority {row['priority']:.0f}")
    if many:
        facts.append(f"missing in {row['missing_in']} of {row['postings']}")
    else:
        facts.append(f"{row['requirement']}, {row['evidence']}")
    return f"{row['label']} ({'; '.join(facts)})"


def _schedule(data: Mapping[str, Any]) -> list[Block]:
    schedule = data.get("schedule", {})
    weeks = schedule.get("weeks", [])
    unscheduled = schedule.get("unscheduled", [])
    blocks: list[Block] = [
        f"{len(weeks)} weeks at {schedule.get('hours_per_week', 0):g} hours a week: the top "
        "gaps that fit, foundations first, system design and mock interviews last, one "
        "behavioural story a week."
    ]
    blocks.append(
        Table(
            header=("Week", "Hours", "Study"),
            rows=tuple(
                (
                    str(week["number"]),
                    f"{week['hours']:g}",
                    ", ".join(f"{i['label']} ({i['hours']:g} h)" for i in week["items"])
                    or "revisit the earlier weeks",
                )
                for week in weeks
            ),
            wide=(2,),
        )
    )
    if unscheduled:
        labels = ", ".join(str(item["label"]) for item in unscheduled)
        blocks.append(f"Did not fit the budget ({len(unscheduled)}): {labels}.")
    return blocks


def _concepts(data: Mapping[str, Any]) -> list[Block]:
    many = data.get("kind") == "many"
    header: tuple[str, ...] = ("Concept", "Asked", "In posting", "In resume", "Evidence")
    if many:
        header = ("Concept", "Asked", "Postings", "In postings", "In resume", "Evidence")
    blocks: list[Block] = [
        "How often each concept is named in the posting"
        + ("s (summed)" if many else "")
        + " and in the resume; the posting's heaviest concepts first."
    ]
    for title, rows in (
        (f"Missing from the resume ({len(data.get('gaps', []))})", data.get("gaps", [])),
        (f"Matched in the resume ({len(data.get('matched', []))})", data.get("matched", [])),
    ):
        blocks.append(
            Table(
                header=header,
                rows=tuple(_concept_row(row, many=many) for row in rows),
                title=title,
            )
        )
    return blocks


def _concept_row(row: Mapping[str, Any], *, many: bool) -> tuple[str, ...]:
    evidence = str(row["evidence"])
    if row.get("via"):
        evidence = "narrower: " + ", ".join(row["via"])
    counts = (f"{row['jd_count']}×", f"{row['resume_count']}×")
    if many:
        return (str(row["label"]), str(row["requirement"]), str(row["postings"]), *counts,
                evidence)  # fmt: skip
    return (str(row["label"]), str(row["requirement"]), *counts, evidence)


def _resume(data: Mapping[str, Any]) -> list[Block]:
    reading = data.get("resume_reading", {})
    whose = "Of the postings'" if data.get("kind") == "many" else "Of the posting's"
    rows = tuple(
        (
            str(section["heading"]),
            str(section["type"]) + (" (demonstrates)" if section["demonstrates"] else ""),
            str(section["line"]),
            str(section["concepts"]),
            str(section["posting_concepts"]),
        )
        for section in reading.get("sections", [])
    )
    return [
        str(reading.get("summary", "")),
        Table(header=("Section", "Read as", "Line", "Concepts", whose), rows=rows),
    ]


# --- Markdown ---------------------------------------------------------------------------------


def render_markdown(data: Mapping[str, Any]) -> str:
    """Render a report model as GitHub-flavoured Markdown.

    Args:
        data: :meth:`jdmatch.Report.to_dict` or :meth:`jdmatch.MultiReport.to_dict`.

    Returns:
        The Markdown text: a title, then one ``##`` heading per section.

    Example:
        >>> import jdmatch
        >>> data = jdmatch.analyze("Requirements: PyTorch and Kafka.", "PyTorch").to_dict()
        >>> [line for line in render_markdown(data).splitlines() if line.startswith("## ")][:2]
        ['## Start here', '## Score']
    """
    title, subtitle = headline(data)
    lines = [f"# {_md(title)}", "", f"{_md(subtitle)}  ", f"{_md(sources_line(data))}"]
    for _, section_title, blocks in section_blocks(data):
        lines += ["", f"## {section_title}"]
        for block in blocks:
            lines += ["", *_markdown_block(block)]
    return "\n".join(lines) + "\n"


def _markdown_block(block: Block) -> list[str]:
    if isinstance(block, Table):
        caption = [f"**{_md(block.title)}**", ""] if block.title else []
        if not block.rows:
            return [*caption, "None."]
        return [*caption, *_markdown_rows(block.header, block.rows)]
    if isinstance(block, Item):
        return [
            f"{block.number}. **{_md(block.heading)}**",
            *(f"   - {name}: {_md(text)}" for name, text in block.lines),
        ]
    return [_md(block)]


def _markdown_rows(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    return markdown_table(header, [[_md(cell) for cell in row] for row in rows])


def _md(text: str) -> str:
    """Text with the characters Markdown would read as markup escaped."""
    return "".join("\\" + char if char in _MARKDOWN_SPECIALS else char for char in str(text))


_MARKDOWN_SPECIALS = frozenset("\\`*[]<>#")


# --- terminal ---------------------------------------------------------------------------------


def render_text(data: Mapping[str, Any], *, width: int | None = 100, styles: bool = False) -> str:
    """Render a report model as terminal text with rich.

    Args:
        data: :meth:`jdmatch.Report.to_dict` or :meth:`jdmatch.MultiReport.to_dict`.
        width: Line width; ``None`` uses the terminal's.
        styles: Keep colours and bold as terminal escape codes.

    Returns:
        The text: a title, then each section under a rule with its title.

    Example:
        >>> import jdmatch
        >>> data = jdmatch.analyze("Requirements: PyTorch and Kafka.", "PyTorch").to_dict()
        >>> "Start here" in render_text(data, width=80)
        True
    """
    from rich.console import Console
    from rich.rule import Rule
    from rich.text import Text

    columns = width if width is not None else shutil.get_terminal_size((100, 24)).columns
    console = Console(
        file=io.StringIO(),
        width=columns,
        force_terminal=styles,
        color_system="standard" if styles else None,
        record=False,
        highlight=False,
        emoji=False,
        markup=False,
    )
    title, subtitle = headline(data)
    console.print(Text(title, style="bold"))
    console.print(Text(subtitle))
    console.print(Text(sources_line(data), style="dim"))
    for section_id, section_title, blocks in section_blocks(data):
        console.print()
        console.print(Rule(Text(section_title, style="bold cyan"), align="left"))
        for index, block in enumerate(blocks):
            _draw_block(console, block, section_id=section_id, first=index == 0)
    output = str(console.file.getvalue())  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in output.split("\n"))


def _draw_block(console: Any, block: Block, *, section_id: str, first: bool) -> None:
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    if isinstance(block, Item):
        console.print(Text(f"{block.number}. {block.heading}", style="bold"))
        grid = RichTable.grid(padding=(0, 1))
        grid.add_column(width=2)
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(ratio=1, overflow="fold")
        for name, text in block.lines:
            grid.add_row("", f"{name}:", Text(text))
        console.print(grid)
        return
    if isinstance(block, str):
        style = "bold" if section_id == "score" and first else ""
        console.print(Text(block, style=style))
        return
    if not block.rows:
        console.print(Text(f"{block.title}: none." if block.title else "None."))
        return
    table = RichTable(
        title=block.title or None,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_lines=bool(block.wide),
        expand=bool(block.wide),
        pad_edge=False,
    )
    for column, name in enumerate(block.header):
        longest = max(len(name), *(len(row[column]) for row in block.rows))
        if not block.wide:
            table.add_column(name, overflow="fold")
        elif column in block.wide:
            table.add_column(name, ratio=2, overflow="fold")
        elif longest <= _SHORT_CELL:
            table.add_column(name, no_wrap=True, width=longest)
        else:
            table.add_column(name, ratio=1, overflow="fold")
    for row in block.rows:
        table.add_row(*(_cell(section_id, column, cell) for column, cell in enumerate(row)))
    console.print(table)


#: Cells up to this long keep their width in a table that fills the line.
_SHORT_CELL = 12


def _cell(section_id: str, column: int, cell: str) -> Any:
    from rich.text import Text

    if section_id == "pillars" and column == 1 and cell.endswith("%"):
        # A bar beside the figure: the terminal's chart.
        filled = round(float(cell[:-1]) / 10)
        text = Text("█" * filled, style="cyan")
        text.append("░" * (10 - filled), style="dim")
        text.append(f" {cell:>4}")
        return text
    return Text(cell)
