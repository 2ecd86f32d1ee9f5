"""The ``jdmatch`` command.

Exit codes: 0 success; 1 a jdmatch error (unreadable document, bad lexicon …: one line on
stderr, no traceback); 2 wrong command-line usage (argparse's usage line and the flag at fault);
130 interrupted (Ctrl-C). Output is written in any terminal encoding: characters it cannot show
are escaped (``\u2022``), never an error.

Conventions: the output format follows the ``-o`` file's extension unless ``--format`` is given
(``--format`` wins over a conflicting extension); ``-`` as a document reads standard input;
numbers are checked by argparse itself; library messages that name a Python parameter are
reworded to name the flag.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import math
import re
import sys
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from jdmatch import __version__
from jdmatch.aggregating import MultiReport
from jdmatch.analysis import analyze, analyze_many
from jdmatch.errors import InvalidParameterError, JdmatchError, LimitError
from jdmatch.extraction import Mention, extract
from jdmatch.lexicon import Concept, Lexicon, load_lexicon
from jdmatch.loading import DEFAULT_LIMITS, Document, Source, _decode, load
from jdmatch.pillars import PILLAR_LABELS
from jdmatch.reporting import Report
from jdmatch.scheduling import DEFAULTS, MAX_HOURS_PER_WEEK
from jdmatch.structure import (
    ROLE_FAMILIES,
    SENIORITIES,
    Layout,
    mention_sections,
    requirement_levels,
)

#: Longest study plan the command line makes: a year. (The library accepts up to 520 weeks,
#: which only prints hundreds of empty weeks.)
MAX_WEEKS = 52
#: Fewest study hours a week: :func:`jdmatch.scheduling.make_schedule` refuses fewer (it names
#: no constant for it; a test keeps the two equal).
MIN_HOURS_PER_WEEK = 2.0
#: The document argument that reads standard input.
STDIN = "-"

_EXIT_CODES = (
    "exit codes: 0 success, 1 jdmatch error (one line on stderr), 2 wrong usage, 130 interrupted"
)
_DESCRIPTION = "Match ML job descriptions against a resume and plan what to study."
_OVERVIEW = f"""\
examples:
  jdmatch analyze posting.txt resume.pdf
  jdmatch plan resume.pdf saved/*.txt
  jdmatch extract posting.txt --levels --format table
  jdmatch lexicon search rag

Run 'jdmatch COMMAND --help' for each command's options and examples.

{_EXIT_CODES}
"""
_EXAMPLES = {
    "analyze": """\
  jdmatch analyze posting.txt resume.pdf
  jdmatch analyze posting.html resume.docx -o report.md     # Markdown, from the extension
  jdmatch analyze posting.txt resume.pdf -o report.html --weeks 6 --hours 7.5
  jdmatch analyze posting.txt resume.pdf --format json --top 20
  jdmatch analyze posting.txt resume.pdf --role research_scientist --seniority senior
  cat posting.txt | jdmatch analyze - resume.pdf             # the posting from stdin""",
    "plan": """\
  jdmatch plan resume.pdf saved/*.txt --weeks 8 --hours 10
  jdmatch plan resume.pdf --jds saved/                     # every posting in a folder
  jdmatch plan resume.pdf --jds postings.csv --column description -o plan.json""",
    "extract": """\
  jdmatch extract resume.pdf --format table
  jdmatch extract posting.txt --levels --format table    # why each mention is required
  jdmatch extract posting.txt -o mentions.csv
  cat posting.txt | jdmatch extract -""",
    "check": """\
  jdmatch lexicon check
  jdmatch lexicon check my_lexicon.json""",
    "search": """\
  jdmatch lexicon search rag
  jdmatch lexicon search k8s
  jdmatch lexicon search kafka --lexicon my_lexicon.json""",
}
#: Output format of an ``-o`` file, by its extension.
_FORMAT_OF_SUFFIX = {
    "": "table",
    ".txt": "table",
    ".text": "table",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
}
_REPORT_FORMATS = ["table", "markdown", "json", "html"]
_EXTRACT_FORMATS = ["json", "table", "csv"]


class _HelpFormatter(argparse.RawDescriptionHelpFormatter, argparse.ArgumentDefaultsHelpFormatter):
    """Examples kept as written, and each option's default (when it has a real one)."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.default is None or isinstance(action.default, bool):
            return action.help
        return super()._get_help_string(action)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``jdmatch`` command.

    Returns:
        The parser, with the ``analyze``, ``plan``, ``extract`` and ``lexicon`` sub-commands.

    Example:
        >>> args = build_parser().parse_args(["analyze", "jd.txt", "cv.pdf", "--hours", "7.5"])
        >>> args.hours, args.weeks
        (7.5, 8)
    """
    parser = argparse.ArgumentParser(
        prog="jdmatch", description=_DESCRIPTION, epilog=_OVERVIEW, formatter_class=_HelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"jdmatch {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    analyze_cmd = _command(commands, "analyze", "score a resume against one job description")
    analyze_cmd.add_argument("jd", help="job description: .pdf, .docx, .txt, .md, .html or -")
    analyze_cmd.add_argument("resume", help="resume: .pdf, .docx, .txt, .md, .html or -")
    analyze_cmd.add_argument(
        "--role",
        choices=ROLE_FAMILIES,
        metavar="ROLE",
        help=f"weigh the plan for this role (default: detected): {', '.join(ROLE_FAMILIES)}",
    )
    analyze_cmd.add_argument(
        "--seniority",
        choices=SENIORITIES,
        metavar="LEVEL",
        help=f"weigh the plan for this level (default: detected): {', '.join(SENIORITIES)}",
    )
    _add_output(analyze_cmd, _REPORT_FORMATS, top=True)
    _add_schedule(analyze_cmd)

    plan_cmd = _command(commands, "plan", "rank many postings and plan study across them")
    plan_cmd.add_argument("resume", help="resume: .pdf, .docx, .txt, .md, .html or -")
    plan_cmd.add_argument("jd", nargs="*", help="job description files (one of them may be -)")
    plan_cmd.add_argument("--jds", type=Path, help="a folder of postings, or a .csv of them")
    plan_cmd.add_argument("--column", default="description", help="CSV column with the text")
    _add_output(plan_cmd, _REPORT_FORMATS, top=True)
    _add_schedule(plan_cmd)

    extract_cmd = _command(commands, "extract", "list the concepts found in one document")
    extract_cmd.add_argument("file", help="a .pdf, .docx, .txt, .md or .html file, or -")
    extract_cmd.add_argument(
        "--levels",
        action="store_true",
        help="read the file as a job posting: show each mention's line and requirement level "
        "(required, preferred or mentioned), as the analysis gives them",
    )
    _add_output(extract_cmd, _EXTRACT_FORMATS, top=False)

    lexicon_cmd = _command(commands, "lexicon", "inspect lexicons")
    lexicon_commands = lexicon_cmd.add_subparsers(
        dest="lexicon_command", required=True, metavar="{check,search}"
    )
    check_cmd = _command(
        lexicon_commands,
        "check",
        "validate a lexicon (duplicate aliases, unknown pillars or categories, cycles, "
        "concepts without prompts) and print its size",
    )
    check_cmd.add_argument("path", nargs="?", type=Path, help="file or folder; default: shipped")
    search_cmd = _command(
        lexicon_commands,
        "search",
        "what a concept is: aliases, pillars, broader concepts, study prompts; exact names "
        "first, then names that start with the term, then names that contain it",
    )
    search_cmd.add_argument("term", help="a concept id, label or alias (or part of one)")
    search_cmd.add_argument("--lexicon", type=Path, help="your own lexicon file or folder")
    return parser


def _command(commands: Any, name: str, help_text: str) -> argparse.ArgumentParser:
    examples = _EXAMPLES.get(name)
    epilog = f"examples:\n{examples}\n\n" if examples else ""
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=help_text,
        description=textwrap.fill(help_text[0].upper() + help_text[1:] + ".", width=78),
        epilog=epilog + _EXIT_CODES,
        formatter_class=_HelpFormatter,
    )
    parser.set_defaults(command_parser=parser)
    return parser


def _add_output(command: argparse.ArgumentParser, formats: list[str], *, top: bool) -> None:
    by_format = {
        name: " or ".join(suffix or "none" for suffix, f in _FORMAT_OF_SUFFIX.items() if f == name)
        for name in formats
    }
    extensions = "; ".join(f"{suffixes}: {name}" for name, suffixes in by_format.items())
    note = (
        f"The output format follows the -o file's extension ({extensions}) unless --format "
        "says otherwise: with both, --format wins."
    )
    command.description = textwrap.fill(f"{command.description} {note}", width=78)
    command.add_argument(
        "--format",
        choices=formats,
        help=f"output format (default: from the -o extension; else {formats[0]})",
    )
    command.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    if top:
        command.add_argument(
            "--top",
            type=_positive_int,
            default=None,
            help=f"study-plan and ranking rows to show (default: {DEFAULTS.top}; every row in "
            "JSON)",
        )
    command.add_argument("--lexicon", type=Path, help="your own lexicon file or folder")
    command.add_argument("-q", "--quiet", action="store_true", help="no progress bars or notes")


def _add_schedule(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--weeks",
        type=_int_in(1, MAX_WEEKS),
        default=DEFAULTS.weeks,
        help=f"weeks to plan, 1 to {MAX_WEEKS}",
    )
    command.add_argument(
        "--hours",
        type=_number_in(MIN_HOURS_PER_WEEK, MAX_HOURS_PER_WEEK),
        default=DEFAULTS.hours_per_week,
        help=f"study hours a week, {MIN_HOURS_PER_WEEK:g} to {MAX_HOURS_PER_WEEK} (7.5 is fine)",
    )


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {text}")
    return value


_positive_int.__name__ = "int"  # argparse names the type in its "invalid int value" message


def _int_in(smallest: int, largest: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        value = int(text)
        if value < smallest:
            raise argparse.ArgumentTypeError(f"must be at least {smallest}, got {text}")
        if value > largest:
            raise argparse.ArgumentTypeError(f"must be at most {largest}, got {text}")
        return value

    parse.__name__ = "int"
    return parse


def _number_in(smallest: float, largest: float) -> Callable[[str], float]:
    def parse(text: str) -> float:
        value = float(text)  # "7.5", "8", "1e1"
        if not (math.isfinite(value) and smallest <= value <= largest):
            raise argparse.ArgumentTypeError(
                f"must be a number from {smallest:g} to {largest:g}, got {text}"
            )
        return value

    parse.__name__ = "number"
    return parse


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: Arguments without the program name; ``None`` reads ``sys.argv``.

    Returns:
        The exit code (also for ``--help`` and usage errors, which argparse ends by exiting).

    Example:
        >>> main(["lexicon", "search", "zzzz-not-a-skill"])
        1
    """
    try:
        args = build_parser().parse_args(argv)
        # pdfminer logs a warning for every odd font in real PDFs; the command prints results.
        logging.getLogger("pdfminer").setLevel(logging.ERROR)
        _check_stdin_once(args)
        output = _RUNNERS[args.command](args)
        if getattr(args, "output", None):
            # File names with undecodable bytes are kept as they are (surrogate escapes).
            args.output.write_text(output, encoding="utf-8", errors="backslashreplace")
        else:
            _write(sys.stdout, output)
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        return 0 if exc.code is None else exc.code if isinstance(exc.code, int) else 1
    except KeyboardInterrupt:
        _write(sys.stderr, "jdmatch: interrupted\n")
        return 130
    except _UsageError as exc:
        return _usage_error(exc.parser, str(exc))
    except JdmatchError as exc:
        message, flag = _cli_wording(str(exc))
        if flag is not None and isinstance(exc, InvalidParameterError):
            return _usage_error(args.command_parser, message)
        _write(sys.stderr, f"jdmatch: error: {message}\n")
        return 1
    except OSError as exc:  # e.g. the output file cannot be written
        _write(sys.stderr, f"jdmatch: error: {exc}\n")
        return 1
    return 0


def _usage_error(parser: argparse.ArgumentParser, message: str) -> int:
    """Print a usage error as argparse does (usage line, then the message); return 2."""
    parser.print_usage(sys.stderr)
    _write(sys.stderr, f"{parser.prog}: error: {message}\n")
    return 2


class _UsageError(Exception):
    """Arguments that parse but do not make sense together (exit code 2)."""

    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser = parser


def _write(stream: Any, text: str) -> None:
    """Write in the stream's encoding, escaping what it cannot encode (and lone surrogates)."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        text = text.encode(encoding, errors="backslashreplace").decode(encoding, errors="replace")
    stream.write(text)


# --- library messages in the command line's words ------------------------------------------

#: The flag of each Python parameter a library message may name.
FLAG_OF_PARAMETER = {
    "lexicon": "--lexicon",
    "hours_per_week": "--hours",
    "weeks": "--weeks",
    "top": "--top",
    "column": "--column",
    "jds": "--jds",
    "role": "--role",
    "seniority": "--seniority",
}
_PARAMETER_MESSAGE = re.compile(
    r"The '(?P<name>\w+)' parameter of [\w.]+ must be (?P<expected>.+?)\. "
    r"Got (?P<got>.+) instead\.",
    re.DOTALL,
)
_PASS_PARAMETER = re.compile(r"\bpass (?P<name>\w+)=")
_RAISE_LIMIT = re.compile(
    r"raise it with (?P<hint>(?:load\(\.\.\., limits=)?Limits\(\w+=\.\.\.\)\)?)"
)


def _cli_wording(message: str) -> tuple[str, str | None]:
    """Reword a library message that names a Python parameter; return it and the flag.

    ``"The 'hours_per_week' parameter of schedule must be …"`` becomes ``"argument --hours:
    must be …"``, ``"pass lexicon="`` becomes ``"pass --lexicon FILE"``. Document limits have
    no flag: their hint says it is for Python.
    """
    found = _PARAMETER_MESSAGE.search(message)
    if found and found["name"] == "jds" and found["expected"] == "at least one readable posting":
        return f"no job description could be scored; the first one: {_unquoted(found['got'])}", None
    if found and found["name"] in FLAG_OF_PARAMETER:
        flag = FLAG_OF_PARAMETER[found["name"]]
        return f"argument {flag}: must be {found['expected']}; got {found['got']}", flag
    message = _PASS_PARAMETER.sub(
        lambda m: f"pass {FLAG_OF_PARAMETER.get(m['name'], m['name'] + '=')} FILE", message
    )
    message = _RAISE_LIMIT.sub(
        lambda m: f"the command line keeps the default limits; from Python: {m['hint']}", message
    )
    return message, None


def _unquoted(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1].replace("\\'", "'")
    return text


# --- documents, standard input and formats ---------------------------------------------------


def _check_stdin_once(args: argparse.Namespace) -> None:
    documents = [getattr(args, name, None) for name in ("jd", "resume", "file")]
    flat = [d for item in documents for d in (item if isinstance(item, list) else [item])]
    if flat.count(STDIN) > 1:
        raise _UsageError(args.command_parser, "only one document can be read from stdin (-)")


def _source(argument: str) -> Source:
    """A document argument: ``-`` reads standard input, anything else is a path."""
    return _read_stdin() if argument == STDIN else Path(argument)


def _read_stdin() -> Document:
    """Standard input as a text document, decoded and bounded like a text file."""
    if sys.stdin is None:
        raise JdmatchError("standard input is closed; give a file instead of -")
    if sys.stdin.isatty():
        _write(sys.stderr, "jdmatch: reading standard input (end it with Ctrl-D)\n")
    limit = DEFAULT_LIMITS.max_bytes
    binary = getattr(sys.stdin, "buffer", None)  # None when stdin was replaced by a text stream
    data = binary.read(limit + 1) if binary is not None else sys.stdin.read(limit + 1).encode()
    if len(data) > limit:
        raise LimitError(f"more than {limit:,} bytes; save it to a file", source="<stdin>")
    text = _decode(Path("<stdin>"), data)  # as a text file: UTF-8, UTF-16 or cp1252
    return load(Document(text=text, source="<stdin>", format="text"))  # checks it holds text


def _output_format(args: argparse.Namespace, formats: list[str]) -> str:
    """``--format`` if given, else the ``-o`` file's extension, else the command's default."""
    suffix = args.output.suffix.lower() if args.output is not None else None
    from_suffix = _FORMAT_OF_SUFFIX.get(suffix) if suffix is not None else None
    if args.format is not None:
        if suffix and from_suffix not in (None, args.format) and not args.quiet:
            _write(
                sys.stderr,
                f"jdmatch: note: writing {args.format} to {args.output.name} "
                f"(--format {args.format} wins over the {suffix} extension)\n",
            )
        return str(args.format)
    if suffix is None:
        return formats[0]
    if from_suffix not in formats:
        extensions = sorted(s for s, f in _FORMAT_OF_SUFFIX.items() if f in formats and s)
        raise _UsageError(
            args.command_parser,
            f"cannot tell the output format from {args.output.name!r}: give --format "
            f"({', '.join(formats)}) or an -o file ending in {', '.join(extensions)}",
        )
    return str(from_suffix)


def _lexicon(args: argparse.Namespace) -> Lexicon | None:
    return load_lexicon(args.lexicon) if getattr(args, "lexicon", None) else None


# --- analyze and plan ----------------------------------------------------------------------


def _run_analyze(args: argparse.Namespace) -> str:
    output_format = _output_format(args, _REPORT_FORMATS)
    report = analyze(
        _source(args.jd),
        _source(args.resume),
        lexicon=_lexicon(args),
        role=args.role,
        seniority=args.seniority,
    )
    return _export(report, args, output_format)


def _run_plan(args: argparse.Namespace) -> str:
    if not args.jd and args.jds is None:
        raise _UsageError(args.command_parser, "plan needs job descriptions: files, or --jds")
    output_format = _output_format(args, _REPORT_FORMATS)
    lexicon = _lexicon(args)
    sources: Iterable[Source] | Path = (
        args.jds if args.jds is not None else [_source(jd) for jd in args.jd]
    )
    many = analyze_many(
        sources,
        _source(args.resume),
        column=args.column,
        lexicon=lexicon,
        progress=None if args.quiet else _progress_bar,
    )
    return _export(many, args, output_format)


def _export(result: Report | MultiReport, args: argparse.Namespace, output_format: str) -> str:
    """Render a result in the format the command line asked for (every format: one model)."""
    schedule = {"weeks": args.weeks, "hours_per_week": args.hours}
    if output_format == "json":  # every row unless --top says otherwise
        return result.to_json(top=args.top, **schedule) + "\n"
    top = DEFAULTS.top if args.top is None else args.top
    if output_format == "markdown":
        return result.to_markdown(top=top, **schedule)
    if output_format == "html":
        return result.to_html(top=top, **schedule)
    terminal = args.output is None and sys.stdout.isatty()
    return result.to_text(top=top, width=None if terminal else 120, styles=terminal, **schedule)


def _progress_bar(postings: Iterable[Source]) -> Iterable[Source]:
    if not sys.stderr.isatty():
        return postings
    from rich.progress import track

    return track(postings, description="Scoring postings", transient=True)


# --- extract -------------------------------------------------------------------------------


def _run_extract(args: argparse.Namespace) -> str:
    output_format = _output_format(args, _EXTRACT_FORMATS)
    document = load(_source(args.file))
    mentions = extract(document, lexicon=_lexicon(args))
    rows = [mention.to_dict() for mention in mentions]
    if args.levels:
        for row, line, level, section in zip(rows, *_levels(document.text, mentions), strict=True):
            row["line"] = line
            row["requirement"] = level
            row["section"] = section
    if output_format == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    if output_format == "csv":
        return _csv_text(rows)
    return _mention_table(rows, levels=args.levels)


def _levels(text: str, mentions: Sequence[Mention]) -> tuple[list[int], list[str], list[str]]:
    """Each mention's 1-based line, the requirement level the analysis gives it, its heading."""
    layout = Layout(text)
    lines = [layout.line_of(mention.start) + 1 for mention in mentions]
    return (
        lines,
        list(requirement_levels(text, mentions)),
        mention_sections(text, mentions, layout=layout),
    )


def _mention_table(rows: list[dict[str, Any]], *, levels: bool) -> str:
    width = max([len("term"), *(len(row["term"]) for row in rows)])
    header = f"{'term':<{width}} {'start':>7} {'end':>7}"
    header += f" {'line':>5}  {'requirement':<11}  {'section':<24}" if levels else ""
    lines = [header + "  text"]
    for row in rows:
        line = f"{row['term']:<{width}} {row['start']:>7} {row['end']:>7}"
        line += (
            f" {row['line']:>5}  {row['requirement']:<11}  {row['section'][:24]:<24}"
            if levels
            else ""
        )
        lines.append(f"{line}  {row['text']!r}")
    return "\n".join(lines) + "\n"


def _csv_text(rows: list[dict[str, Any]]) -> str:
    columns = ["term", "label", "text", "start", "end", "category", "pillars"]
    columns += [name for name in ("line", "requirement", "section") if rows and name in rows[0]]
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "pillars": ",".join(row["pillars"])})
    return buffer.getvalue()


# --- lexicon -------------------------------------------------------------------------------


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


#: Concepts ``lexicon search`` prints in full.
SEARCH_RESULTS = 10


def search_concepts(lexicon: Lexicon, term: str) -> list[Concept]:
    """Concepts whose names match ``term``, best matches first.

    Exact matches of an id, label, alias or generated surface form come first; then names that
    start with the term; then names with a word that starts with it; then names that contain
    it. Within each group, the concept with the shortest matching name comes first.

    Args:
        lexicon: The lexicon to search.
        term: Part of a concept's id, label or alias, in any case.

    Returns:
        The matching concepts.

    Example:
        >>> [concept.id for concept in search_concepts(load_lexicon(), "rag")][:2]
        ['retrieval_augmented_generation', 'ragas']
    """
    needle = " ".join(term.lower().replace("_", " ").split())
    exact_form = lexicon.surface_forms.get(needle)
    ranked = []
    for concept in lexicon:
        rank = _match_rank(concept, needle)
        if concept.id == exact_form:
            rank = (0, 0)
        if rank is not None:
            ranked.append((rank, concept.label.lower(), concept))
    ranked.sort(key=lambda entry: (entry[0], entry[1]))
    return [concept for _, _, concept in ranked]


def _match_rank(concept: Concept, needle: str) -> tuple[int, int] | None:
    """``(group, length of the matching name)``, lower is better; ``None`` when no name matches."""
    names = [
        concept.id.replace("_", " "),
        concept.label,
        *concept.aliases,
        *concept.ambiguous_aliases,
    ]
    best: tuple[int, int] | None = None
    for name in (" ".join(name.lower().split()) for name in names):
        if name == needle:
            group = 0
        elif name.startswith(needle):
            group = 1
        elif any(word.startswith(needle) for word in re.split(r"[^\w+#]+", name)):
            group = 2
        elif needle in name:
            group = 3
        else:
            continue
        if best is None or (group, len(name)) < best:
            best = (group, len(name))
    return best


def _lexicon_search(lexicon: Lexicon, term: str) -> str:
    found = search_concepts(lexicon, term)
    if not found:
        raise JdmatchError(f"no concept matches {term!r}; try a shorter part of its name")
    more = len(found) - SEARCH_RESULTS
    shown = "\n".join(_describe(concept, lexicon) for concept in found[:SEARCH_RESULTS])
    if more > 0:
        others = ", ".join(concept.id for concept in found[SEARCH_RESULTS : SEARCH_RESULTS + 10])
        shown += f"\n… and {more} more: {others}{', …' if more > 10 else ''}\n"
    return shown


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
