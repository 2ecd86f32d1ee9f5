"""The ``jdmatch`` command.

Exit codes: 0 success, 1 a jdmatch error (unreadable document, bad lexicon ...; one line on
stderr), 2 wrong command-line usage.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from jdmatch import __version__
from jdmatch.analysis import analyze
from jdmatch.errors import JdmatchError
from jdmatch.extraction import extract
from jdmatch.lexicon import Lexicon, load_lexicon
from jdmatch.loading import load
from jdmatch.pillars import PILLAR_LABELS
from jdmatch.reporting import Report
from jdmatch.structure import ROLE_FAMILIES, SENIORITIES

_EXAMPLES = """\
examples:
  jdmatch analyze posting.txt resume.pdf
  jdmatch analyze posting.html resume.docx --format markdown -o report.md
  jdmatch analyze posting.txt resume.pdf --format json --top 20
  jdmatch analyze posting.txt resume.pdf --role research_scientist --seniority senior
  jdmatch extract resume.pdf --format table
  jdmatch lexicon check my_lexicon.json
"""


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``jdmatch`` command.

    Returns:
        The parser, with the ``analyze`` and ``extract`` sub-commands.
    """
    parser = argparse.ArgumentParser(
        prog="jdmatch",
        description="Match an ML job description against a resume and rank what to study.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"jdmatch {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    analyze_cmd = commands.add_parser(
        "analyze",
        help="score a resume against a job description and print a study plan",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    analyze_cmd.add_argument("jd", help="job description: .pdf, .docx, .txt, .md or .html")
    analyze_cmd.add_argument("resume", help="resume: .pdf, .docx, .txt, .md or .html")
    analyze_cmd.add_argument(
        "--format", choices=["table", "markdown", "json"], default="table", help="output format"
    )
    analyze_cmd.add_argument("--top", type=_positive_int, default=15, help="study-plan rows")
    analyze_cmd.add_argument(
        "--role", choices=ROLE_FAMILIES, help="weigh priorities for this role (default: detect)"
    )
    analyze_cmd.add_argument(
        "--seniority", choices=SENIORITIES, help="weigh priorities for this level (default: detect)"
    )
    _add_common(analyze_cmd)

    extract_cmd = commands.add_parser(
        "extract", help="list the concepts found in one document", epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    extract_cmd.add_argument("file", help="a .pdf, .docx, .txt, .md or .html file")
    extract_cmd.add_argument("--format", choices=["json", "table"], default="json")
    _add_common(extract_cmd)

    lexicon_cmd = commands.add_parser("lexicon", help="inspect lexicons")
    lexicon_commands = lexicon_cmd.add_subparsers(dest="lexicon_command", required=True)
    check_cmd = lexicon_commands.add_parser(
        "check",
        help="validate a lexicon (duplicate aliases, unknown pillars or categories, cycles, "
        "concepts without prompts) and print its size",
    )
    check_cmd.add_argument("path", nargs="?", type=Path, help="file or folder; default: shipped")
    return parser


def _add_common(command: argparse.ArgumentParser) -> None:
    command.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    command.add_argument("--lexicon", type=Path, help="your own lexicon file or folder")


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {text}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: Arguments without the program name; ``None`` reads ``sys.argv``.

    Returns:
        The exit code.
    """
    args = build_parser().parse_args(argv)
    # pdfminer logs a warning for every odd font in real PDFs; the command prints only results.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        if args.command == "lexicon":
            output = _run_lexicon_check(args.path)
        elif args.command == "analyze":
            output = _run_analyze(args, _lexicon(args))
        else:
            output = _run_extract(args, _lexicon(args))
        if getattr(args, "output", None):
            args.output.write_text(output, encoding="utf-8")
        else:
            sys.stdout.write(output)
    except JdmatchError as exc:
        print(f"jdmatch: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # e.g. the output file cannot be written
        print(f"jdmatch: error: {exc}", file=sys.stderr)
        return 1
    return 0


def _lexicon(args: argparse.Namespace) -> Lexicon | None:
    return load_lexicon(args.lexicon) if args.lexicon else None


def _run_lexicon_check(path: Path | None) -> str:
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


def _run_analyze(args: argparse.Namespace, lexicon: Lexicon | None) -> str:
    report = analyze(
        args.jd, args.resume, lexicon=lexicon, role=args.role, seniority=args.seniority
    )
    if args.format == "json":
        return report.to_json(top=args.top) + "\n"
    if args.format == "markdown":
        return report.to_markdown(top=args.top)
    return _table(report, args.top)


def _table(report: Report, top: int) -> str:
    role = f"{report.role.replace('_', ' ')}, {report.seniority}"
    lines = [f"Coverage score: {report.score:.1f} / 100   (weighed for: {role})", ""]
    for pillar, value in report.pillar_coverage.items():
        shown = "   —" if value is None else f"{value:3.0f}%"
        lines.append(f"  {PILLAR_LABELS[pillar]:<48} {shown}")
    plan = report.study_plan.head(top)[
        ["rank", "label", "pillar", "status", "priority", "requirement", "evidence"]
    ]
    lines += ["", f"Study plan (top {len(plan)} of {len(report.study_plan)}):", ""]
    lines.append(plan.to_string(index=False))
    if len(plan):
        lines += ["", "First steps:"]
        for row in report.study_plan.head(min(top, 5)).itertuples():
            lines.append(f"  {row.rank}. {row.label}: {row.study}")
    return "\n".join(lines) + "\n"


def _run_extract(args: argparse.Namespace, lexicon: Lexicon | None) -> str:
    document = load(Path(args.file))
    mentions = extract(document, lexicon=lexicon)
    if args.format == "json":
        return json.dumps([m.to_dict() for m in mentions], indent=2, ensure_ascii=False) + "\n"
    rows = [f"{'term':<32} {'start':>7} {'end':>7}  text"]
    rows += [f"{m.term:<32} {m.start:>7} {m.end:>7}  {m.text!r}" for m in mentions]
    return "\n".join(rows) + "\n"
