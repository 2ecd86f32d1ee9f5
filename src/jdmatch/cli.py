"""The ``jdmatch`` command.

Exit codes: 0 success; 1 a jdmatch error (unreadable document, bad lexicon …: one line on
stderr, no traceback); 2 wrong command-line usage; 130 interrupted (Ctrl-C). Output is written in
any terminal encoding: characters it cannot show are escaped (``\u2022``), never an error.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from jdmatch import __version__
from jdmatch.aggregating import MultiReport
from jdmatch.analysis import analyze, analyze_many
from jdmatch.errors import JdmatchError
from jdmatch.extraction import extract
from jdmatch.lexicon import Concept, Lexicon, load_lexicon
from jdmatch.loading import Source, load
from jdmatch.pillars import PILLAR_LABELS
from jdmatch.reporting import Report
from jdmatch.scheduling import DEFAULTS, MAX_HOURS_PER_WEEK, MAX_WEEKS, Schedule
from jdmatch.structure import ROLE_FAMILIES, SENIORITIES

_EXAMPLES = """\
examples:
  jdmatch analyze posting.txt resume.pdf
  jdmatch analyze posting.html resume.docx --format markdown -o report.md
  jdmatch analyze posting.txt resume.pdf --format html -o report.html --weeks 6 --hours 8
  jdmatch analyze posting.txt resume.pdf --role research_scientist --seniority senior
  jdmatch plan resume.pdf saved/*.txt --weeks 8 --hours 10
  jdmatch plan resume.pdf --jds postings.csv --column description --format json -o plan.json
  jdmatch extract resume.pdf --format table
  jdmatch lexicon search kafka
  jdmatch lexicon check my_lexicon.json

exit codes: 0 success, 1 jdmatch error (one line on stderr), 2 wrong usage, 130 interrupted
"""
_FORMATS = ["table", "markdown", "json", "html"]


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``jdmatch`` command.

    Returns:
        The parser, with the ``analyze``, ``plan``, ``extract`` and ``lexicon`` sub-commands.
    """
    parser = argparse.ArgumentParser(
        prog="jdmatch",
        description="Match ML job descriptions against a resume and plan what to study.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"jdmatch {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    analyze_cmd = _command(commands, "analyze", "score a resume against one job description")
    analyze_cmd.add_argument("jd", help="job description: .pdf, .docx, .txt, .md or .html")
    analyze_cmd.add_argument("resume", help="resume: .pdf, .docx, .txt, .md or .html")
    analyze_cmd.add_argument("--role", choices=ROLE_FAMILIES, help="role (default: detect)")
    analyze_cmd.add_argument("--seniority", choices=SENIORITIES, help="level (default: detect)")
    _add_output(analyze_cmd, _FORMATS)
    _add_schedule(analyze_cmd)

    plan_cmd = _command(commands, "plan", "rank many postings and plan study across them")
    plan_cmd.add_argument("resume", help="resume: .pdf, .docx, .txt, .md or .html")
    plan_cmd.add_argument("jd", nargs="*", help="job description files")
    plan_cmd.add_argument("--jds", type=Path, help="a folder of postings, or a .csv of them")
    plan_cmd.add_argument("--column", default="description", help="CSV column with the text")
    _add_output(plan_cmd, _FORMATS)
    _add_schedule(plan_cmd)

    extract_cmd = _command(commands, "extract", "list the concepts found in one document")
    extract_cmd.add_argument("file", help="a .pdf, .docx, .txt, .md or .html file")
    _add_output(extract_cmd, ["json", "table"])

    lexicon_cmd = _command(commands, "lexicon", "inspect lexicons")
    lexicon_commands = lexicon_cmd.add_subparsers(dest="lexicon_command", required=True)
    check_cmd = lexicon_commands.add_parser(
        "check",
        help="validate a lexicon (duplicate aliases, unknown pillars or categories, cycles, "
        "concepts without prompts) and print its size",
    )
    check_cmd.add_argument("path", nargs="?", type=Path, help="file or folder; default: shipped")
    search_cmd = lexicon_commands.add_parser(
        "search", help="what a concept is: aliases, pillars, broader concepts, study prompts"
    )
    search_cmd.add_argument("term", help="a concept id, label or alias (or part of one)")
    search_cmd.add_argument("--lexicon", type=Path, help="your own lexicon file or folder")
    return parser


def _command(commands: Any, name: str, help_text: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        name, help=help_text, epilog=_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    return parser


def _add_output(command: argparse.ArgumentParser, formats: list[str]) -> None:
    command.add_argument("--format", choices=formats, default=formats[0], help="output format")
    command.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    command.add_argument(
        "--top", type=_positive_int, default=DEFAULTS.top, help="table rows to show"
    )
    command.add_argument("--lexicon", type=Path, help="your own lexicon file or folder")
    command.add_argument("-q", "--quiet", action="store_true", help="no progress bars or hints")


def _add_schedule(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--weeks",
        type=_int_up_to(MAX_WEEKS),
        default=DEFAULTS.weeks,
        help=f"weeks to plan (1-{MAX_WEEKS})",
    )
    command.add_argument(
        "--hours",
        type=_int_up_to(MAX_HOURS_PER_WEEK),
        default=int(DEFAULTS.hours_per_week),  # whole hours, as --hours takes them
        help=f"study hours a week (2-{MAX_HOURS_PER_WEEK})",
    )


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {text}")
    return value


def _int_up_to(largest: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        value = _positive_int(text)
        if value > largest:
            raise argparse.ArgumentTypeError(f"must be at most {largest}, got {text}")
        return value

    parse.__name__ = "int"  # argparse names the type in its "invalid int value" message
    return parse


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: Arguments without the program name; ``None`` reads ``sys.argv``.

    Returns:
        The exit code.
    """
    try:
        args = build_parser().parse_args(argv)
        # pdfminer logs a warning for every odd font in real PDFs; the command prints results.
        logging.getLogger("pdfminer").setLevel(logging.ERROR)
        output = _RUNNERS[args.command](args)
        if getattr(args, "output", None):
            # File names with undecodable bytes are kept as they are (surrogate escapes).
            args.output.write_text(output, encoding="utf-8", errors="backslashreplace")
        else:
            _write(sys.stdout, output)
    except KeyboardInterrupt:
        _write(sys.stderr, "jdmatch: interrupted\n")
        return 130
    except _UsageError as exc:
        _write(sys.stderr, f"jdmatch: error: {exc}\n")
        return 2
    except JdmatchError as exc:
        _write(sys.stderr, f"jdmatch: error: {exc}\n")
        return 1
    except OSError as exc:  # e.g. the output file cannot be written
        _write(sys.stderr, f"jdmatch: error: {exc}\n")
        return 1
    return 0


def _write(stream: Any, text: str) -> None:
    """Write in the stream's encoding, escaping what it cannot encode (and lone surrogates)."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        text = text.encode(encoding, errors="backslashreplace").decode(encoding, errors="replace")
    stream.write(text)


def _lexicon(args: argparse.Namespace) -> Lexicon | None:
    return load_lexicon(args.lexicon) if getattr(args, "lexicon", None) else None


def _run_analyze(args: argparse.Namespace) -> str:
    report = analyze(
        args.jd, args.resume, lexicon=_lexicon(args), role=args.role, seniority=args.seniority
    )
    return _export(report, args, lambda: report.to_json(top=args.top), _print_report)


def _run_plan(args: argparse.Namespace) -> str:
    if not args.jd and args.jds is None:
        raise _UsageError("plan needs job descriptions: give files, or --jds FOLDER|CSV")
    sources: Iterable[Source] | Path = args.jds if args.jds is not None else args.jd
    many = analyze_many(
        sources,
        args.resume,
        column=args.column,
        lexicon=_lexicon(args),
        progress=None if args.quiet else _progress_bar,
    )

    def as_json() -> str:
        data = many.to_dict(top=None)
        data["schedule"] = many.schedule(weeks=args.weeks, hours_per_week=args.hours).to_dict()
        return json.dumps(data, indent=2, ensure_ascii=False)

    return _export(many, args, as_json, _print_many)


def _export(
    result: Report | MultiReport,
    args: argparse.Namespace,
    as_json: Callable[[], str],
    draw: Callable[[Any, Any, Schedule, int], None],
) -> str:
    """Render a result in the format the command line asked for."""
    if args.format == "json":
        return as_json() + "\n"
    if args.format == "markdown":
        return result.to_markdown(top=args.top)
    if args.format == "html":
        return result.to_html(weeks=args.weeks, hours_per_week=args.hours)
    schedule = result.schedule(weeks=args.weeks, hours_per_week=args.hours)
    return _render(lambda console: draw(console, result, schedule, args.top))


class _UsageError(Exception):
    """Arguments that parse but do not make sense together (exit code 2)."""


def _progress_bar(postings: Iterable[Source]) -> Iterable[Source]:
    if not sys.stderr.isatty():
        return postings
    from rich.progress import track

    return track(postings, description="Scoring postings", transient=True)


def _render(draw: Any) -> str:
    """Draw with rich into a string; plain text when stdout is not a terminal."""
    from rich.console import Console

    console = Console(width=120 if not sys.stdout.isatty() else None, record=True)
    with console.capture() as capture:
        draw(console)
    return capture.get()


def _print_report(console: Any, report: Report, schedule: Schedule, top: int) -> None:
    from rich.table import Table

    role = f"{report.role.replace('_', ' ')}, {report.seniority}"
    console.print(f"[bold]Coverage score: {report.score:.1f} / 100[/bold]   (weighed for: {role})")
    console.print(report.fit.summary() if report.fit else "", markup=False)
    pillars = Table(title="Coverage by pillar", show_header=False)
    for pillar, value in report.pillar_coverage.items():
        pillars.add_row(PILLAR_LABELS[pillar], "not asked" if value is None else f"{value:.0f}%")
    console.print(pillars)
    _print_plan(console, report.plan_rows(), top, ["requirement", "evidence"])
    _print_schedule(console, schedule)


def _print_many(console: Any, many: MultiReport, schedule: Schedule, top: int) -> None:
    from rich.table import Table

    ranking = Table(title=f"Best fits ({len(many.reports)} postings, {len(many.skipped)} skipped)")
    for column in ("#", "posting", "score", "role", "why"):
        ranking.add_column(column)
    for row in many.ranking.head(top).itertuples():
        ranking.add_row(str(row.rank), row.title, f"{row.score:.1f}", row.role, row.why)
    console.print(ranking)
    _print_plan(console, many.plan_rows(), top, ["missing_in", "required_in"])
    _print_schedule(console, schedule)


def _print_plan(console: Any, plan: list[dict[str, Any]], top: int, extra: list[str]) -> None:
    from rich.table import Table

    table = Table(title=f"Study plan (top {min(top, len(plan))} of {len(plan)})")
    columns = ["rank", "label", "pillar", "status", "priority", *extra]
    for column in columns:
        table.add_column(column)
    for row in plan[:top]:
        table.add_row(*(str(row[column]) for column in columns))
    console.print(table)


def _print_schedule(console: Any, schedule: Schedule) -> None:
    from rich.table import Table

    table = Table(title=f"Schedule ({schedule.hours_per_week:g} hours a week)")
    for column in ("week", "hours", "study"):
        table.add_column(column)
    for week in schedule.weeks:
        items = ", ".join(f"{item.label} ({item.hours:g} h)" for item in week.items)
        table.add_row(str(week.number), f"{week.hours:g}", items or "-")
    console.print(table)
    if schedule.unscheduled:
        console.print(f"{len(schedule.unscheduled)} more concepts did not fit the budget.")


def _run_extract(args: argparse.Namespace) -> str:
    document = load(Path(args.file))
    mentions = extract(document, lexicon=_lexicon(args))
    if args.format == "json":
        return json.dumps([m.to_dict() for m in mentions], indent=2, ensure_ascii=False) + "\n"
    rows = [f"{'term':<32} {'start':>7} {'end':>7}  text"]
    rows += [f"{m.term:<32} {m.start:>7} {m.end:>7}  {m.text!r}" for m in mentions]
    return "\n".join(rows) + "\n"


def _run_lexicon(args: argparse.Namespace) -> str:
    if args.lexicon_command == "search":
        return _lexicon_search(load_lexicon(args.lexicon), args.term)
    return _lexicon_check(args.path)


def _lexicon_check(path: Path | None) -> str:
    lexicon = load_lexicon(path)  # validation happens on load; errors exit with code 1
    concepts = list(lexicon)
    prompts = {prompt for concept in concepts for prompt in concept.prompts}
    by_pillar = Counter(pillar for concept in concepts for pillar in concept.pillars)
    by_category = Counter(concept.category for concept in concepts)
    lines = [
        f"OK: {lexicon.path}",
        f"  concepts: {len(concepts)}",
        f"  curated aliases: {sum(len(c.aliases) + len(c.ambiguous_aliases) for c in concepts)}",
        f"  surface forms with generated variants: {len(lexicon.surface_forms)}",
        f"  distinct study prompts: {len(prompts)}",
        f"  concepts with a broader concept: {sum(bool(c.broader) for c in concepts)}",
        "  by pillar: " + ", ".join(f"{p} {by_pillar[p]}" for p in PILLAR_LABELS),
        "  by category: " + ", ".join(f"{c} {n}" for c, n in by_category.most_common()),
    ]
    return "\n".join(lines) + "\n"


def _lexicon_search(lexicon: Lexicon, term: str) -> str:
    needle = term.lower().strip()
    exact = lexicon.surface_forms.get(needle)
    found = (
        [lexicon[exact]]
        if exact
        else [
            concept
            for concept in lexicon
            if needle in concept.id
            or needle in concept.label.lower()
            or any(needle in alias.lower() for alias in concept.aliases)
        ]
    )
    if not found:
        raise JdmatchError(f"no concept matches {term!r}; try a shorter part of its name")
    return "\n".join(_describe(concept, lexicon) for concept in found[:10]) + (
        f"\n… and {len(found) - 10} more\n" if len(found) > 10 else ""
    )


def _describe(concept: Concept, lexicon: Lexicon) -> str:
    broader = ", ".join(lexicon[b].label for b in concept.broader) or "-"
    lines = [
        f"{concept.label}  [{concept.id}]",
        f"  category: {concept.category}; pillars: {', '.join(concept.pillars)}",
        f"  aliases: {', '.join((*concept.aliases, *concept.ambiguous_aliases))}",
        f"  broader: {broader}",
        *(f"  study: {prompt}" for prompt in concept.prompts),
    ]
    return "\n".join(lines) + "\n"


_RUNNERS = {
    "analyze": _run_analyze,
    "plan": _run_plan,
    "extract": _run_extract,
    "lexicon": _run_lexicon,
}
