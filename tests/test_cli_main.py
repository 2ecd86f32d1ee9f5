"""The command line's conventions, run in-process through ``jdmatch.cli.main``.

Formats from the ``-o`` extension, ``-`` for standard input, numbers checked by argparse,
library messages in the flags' words, per-command help, search order, companies in the
``plan`` ranking and requirement levels in ``extract``. (The same command in a subprocess:
``test_cli.py``.)
"""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

import jdmatch
from jdmatch import cli
from jdmatch.scheduling import MAX_HOURS_PER_WEEK, MAX_WEEKS, make_schedule

JD = """Machine Learning Engineer, Search
About Acme Robotics
We build warehouse robots.

Requirements
- 3+ years of Python and SQL
- Train models with PyTorch; stream events with Kafka

Nice to have
- Kubernetes is a plus
"""
RESUME = """Jane Doe

Experience
- Built PyTorch ranking models that cut latency by 30%

Skills
Python, SQL
"""


def _is_table(text: str) -> bool:
    """The terminal report: headed by the posting's title and company, then its sections."""
    return text.startswith("Machine Learning Engineer, Search\nAcme Robotics") and (
        "\nStart here ─" in text
    )


def _is_markdown(text: str) -> bool:
    return text.startswith("# Machine Learning Engineer, Search\n") and "\n## Start here\n" in text


@pytest.fixture
def files(tmp_path):
    jd, resume = tmp_path / "jd.txt", tmp_path / "resume.txt"
    jd.write_text(JD)
    resume.write_text(RESUME)
    return jd, resume


def run(capsys, *args, stdin: bytes | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    code = cli.main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


# --- 1. the format follows the -o extension ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "looks_like"),
    [
        ("report.html", lambda text: text.startswith("<!DOCTYPE html>")),
        ("report.HTM", lambda text: text.startswith("<!DOCTYPE html>")),
        ("report.md", lambda text: _is_markdown(text)),
        ("report.json", lambda text: json.loads(text)["schema_version"] >= 1),
        ("report.txt", lambda text: _is_table(text)),
        ("report", lambda text: _is_table(text)),
    ],
)
def test_analyze_format_follows_the_extension(capsys, files, tmp_path, name, looks_like):
    out_file = tmp_path / name
    code, out, err = run(capsys, "analyze", *files, "-o", out_file)
    assert (code, out, err) == (0, "", "")
    assert looks_like(out_file.read_text())


def test_format_wins_over_a_conflicting_extension_and_says_so(capsys, files, tmp_path):
    out_file = tmp_path / "report.html"
    code, _, err = run(capsys, "analyze", *files, "-o", out_file, "--format", "json")
    assert code == 0
    assert json.loads(out_file.read_text())["jd_source"] == str(files[0])
    assert "--format json wins over the .html extension" in err
    code, _, err = run(capsys, "analyze", *files, "-o", out_file, "--format", "markdown", "-q")
    assert (code, err) == (0, "")
    assert _is_markdown(out_file.read_text())


def test_an_extension_without_a_format_is_a_usage_error(capsys, files, tmp_path):
    code, _, err = run(capsys, "analyze", *files, "-o", tmp_path / "report.csv")
    assert code == 2
    assert err.startswith("usage: jdmatch analyze")
    assert "cannot tell the output format from 'report.csv': give --format" in err
    assert not (tmp_path / "report.csv").exists()


def test_extract_writes_csv_from_the_extension(capsys, files, tmp_path):
    out_file = tmp_path / "mentions.csv"
    assert run(capsys, "extract", files[0], "-o", out_file)[0] == 0
    lines = out_file.read_text().splitlines()
    assert lines[0] == "term,label,text,start,end,category,pillars"
    mentions = jdmatch.extract(JD)
    assert len(lines) == 1 + len(mentions)
    assert [line.split(",")[0] for line in lines[1:]] == [m.term for m in mentions]


def test_without_output_each_command_keeps_its_default(capsys, files):
    code, out, _ = run(capsys, "extract", files[0])
    assert code == 0
    assert [m["term"] for m in json.loads(out)] == [m.term for m in jdmatch.extract(JD)]
    code, out, _ = run(capsys, "analyze", *files)
    assert _is_table(out)


# --- 2. "-" reads standard input ------------------------------------------------------------


def test_posting_from_stdin(capsys, files, monkeypatch):
    code, out, err = run(
        capsys, "analyze", "-", files[1], "--format", "json",
        stdin=JD.encode(), monkeypatch=monkeypatch,
    )  # fmt: skip
    assert (code, err) == (0, "")
    from_stdin = json.loads(out)
    assert from_stdin["jd_source"] == "<stdin>"
    from_file = jdmatch.analyze(files[0], files[1])
    assert from_stdin["score"] == from_file.score
    assert [row["term"] for row in from_stdin["study_plan"]] == [
        row["term"] for row in from_file.plan_rows(len(from_stdin["study_plan"]))
    ]


def test_resume_from_stdin_in_cp1252(capsys, files, monkeypatch):
    resume = RESUME.replace("Jane Doe", "Renée Doe – ML engineer")
    code, out, _ = run(
        capsys, "analyze", files[0], "-", "--format", "json",
        stdin=resume.encode("cp1252"), monkeypatch=monkeypatch,
    )  # fmt: skip
    assert code == 0
    report = json.loads(out)
    assert report["resume_source"] == "<stdin>"
    assert report["score"] == jdmatch.analyze(JD, resume).score


def test_extract_and_plan_read_stdin(capsys, files, monkeypatch):
    code, out, _ = run(capsys, "extract", "-", stdin=JD.encode(), monkeypatch=monkeypatch)
    assert code == 0
    assert [m["term"] for m in json.loads(out)] == [m.term for m in jdmatch.extract(JD)]
    code, out, _ = run(
        capsys, "plan", files[1], "-", files[0], "--format", "json", "-q",
        stdin=b"Data Scientist\nRequirements: XGBoost and SQL", monkeypatch=monkeypatch,
    )  # fmt: skip
    assert code == 0
    assert {row["jd"] for row in json.loads(out)["ranking"]} == {"<stdin>", str(files[0])}


def test_reading_stdin_twice_is_a_usage_error(capsys, files, monkeypatch):
    for args in (["analyze", "-", "-"], ["plan", "-", files[0], "-"]):
        code, _, err = run(capsys, *args, stdin=JD.encode(), monkeypatch=monkeypatch)
        assert code == 2
        assert "only one document can be read from stdin (-)" in err
        assert "usage: jdmatch" in err


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "<stdin>: the document contains no text"),
        (b"  \n\n", "<stdin>: the document contains no text"),
        (bytes(range(1, 32)) * 40, "<stdin>: the file is not text"),
    ],
)
def test_unusable_stdin_is_a_one_line_error(capsys, files, monkeypatch, data, message):
    code, out, err = run(capsys, "analyze", "-", files[1], stdin=data, monkeypatch=monkeypatch)
    assert (code, out) == (1, "")
    assert err.startswith(f"jdmatch: error: {message}")
    assert len(err.splitlines()) == 1


# --- 3. numbers are checked by argparse, naming the flag -------------------------------------


def test_fractional_hours(capsys, files):
    code, out, _ = run(capsys, "analyze", *files, "--hours", "7.5", "--weeks", "3")
    assert code == 0
    assert "3 weeks at 7.5 hours a week" in out
    weeks = re.findall(r"^ (\d+) +[\d.]+ ", out.split("\nSchedule ", 1)[1], re.MULTILINE)
    assert weeks == ["1", "2", "3"]


@pytest.mark.parametrize(
    ("flag", "value", "says"),
    [
        ("--hours", "1", "must be a number from 2 to 168, got 1"),
        ("--hours", "1.99", "must be a number from 2 to 168"),
        ("--hours", "169", "must be a number from 2 to 168"),
        ("--hours", "nan", "must be a number from 2 to 168, got nan"),
        ("--hours", "inf", "must be a number from 2 to 168, got inf"),
        ("--hours", "-5", "must be a number"),
        ("--hours", "seven", "invalid number value: 'seven'"),
        ("--weeks", "0", "must be at least 1, got 0"),
        ("--weeks", "53", "must be at most 52, got 53"),
        ("--weeks", "100000000", "must be at most 52, got 100000000"),
        ("--weeks", "2.5", "invalid int value: '2.5'"),
        ("--top", "0", "must be a positive integer, got 0"),
        ("--top", "ten", "invalid int value: 'ten'"),
    ],
)
def test_bad_numbers_exit_2_naming_the_flag(capsys, files, flag, value, says):
    code, out, err = run(capsys, "analyze", *files, f"{flag}={value}")
    assert (code, out) == (2, "")
    assert err.startswith("usage: jdmatch analyze")
    assert f"jdmatch analyze: error: argument {flag}: {says}" in err


def test_the_command_line_bounds_are_the_librarys(files):
    report = jdmatch.analyze(*files)
    lowest = cli.MIN_HOURS_PER_WEEK
    assert report.schedule(hours_per_week=lowest).hours_per_week == lowest
    with pytest.raises(jdmatch.InvalidParameterError, match="hours_per_week"):
        report.schedule(hours_per_week=lowest - 0.01)
    assert report.schedule(hours_per_week=MAX_HOURS_PER_WEEK).hours_per_week == MAX_HOURS_PER_WEEK
    assert cli.MAX_WEEKS <= MAX_WEEKS
    assert len(report.schedule(weeks=cli.MAX_WEEKS).weeks) == cli.MAX_WEEKS
    args = cli.build_parser().parse_args(["plan", "cv.pdf", "--hours", "2", "--weeks", "52"])
    assert (args.hours, args.weeks) == (2.0, 52)


# --- 4. library messages in the flags' words ------------------------------------------------


def test_no_concepts_names_the_lexicon_flag(capsys, files, tmp_path):
    garden = tmp_path / "garden.txt"
    garden.write_text("We sell garden furniture and hand-made pots.")
    code, _, err = run(capsys, "analyze", garden, files[1])
    assert code == 1
    assert "pass --lexicon FILE with your own concepts" in err
    assert "lexicon=" not in err


@pytest.mark.parametrize(
    ("make_error", "flag"),
    [
        (lambda: make_schedule([], lexicon=jdmatch.load_lexicon(), hours_per_week=1), "--hours"),
        (lambda: make_schedule([], lexicon=jdmatch.load_lexicon(), weeks=0), "--weeks"),
        (lambda: jdmatch.analyze(JD, RESUME).to_markdown(top=0), "--top"),
        (lambda: jdmatch.analyze_many(Path("jd.txt"), RESUME), None),
    ],
)
def test_parameter_messages_are_reworded(tmp_path, make_error, flag, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("jd.txt").write_text(JD)
    with pytest.raises(jdmatch.JdmatchError) as raised:
        make_error()
    message, named = cli._cli_wording(str(raised.value))
    if flag is None:  # jds: a text file, not a folder or CSV
        assert named == "--jds"
        assert message.startswith("argument --jds: must be a folder, a .csv file")
    else:
        assert named == flag
        assert message.startswith(f"argument {flag}: must be ")
    assert "parameter of" not in message


def test_a_bad_csv_column_is_a_usage_error(capsys, files, tmp_path):
    table = tmp_path / "jds.csv"
    table.write_text('title,body\nML Engineer,"Kafka, Flink"\n')
    code, _, err = run(capsys, "plan", files[1], "--jds", table, "--column", "text")
    assert code == 2
    assert "jdmatch plan: error: argument --column: must be one of the CSV's columns" in err
    assert "'text'" in err


def test_no_readable_posting_names_the_first_failure(capsys, files, tmp_path):
    garden = tmp_path / "garden.txt"
    garden.write_text("We sell garden furniture.")
    code, _, err = run(capsys, "plan", files[1], garden, "-q")
    assert code == 1
    assert err.startswith("jdmatch: error: no job description could be scored; the first one: ")
    assert "garden.txt" in err
    assert "parameter of" not in err


def test_limit_hints_say_they_are_for_python(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Python " * 100)
    with pytest.raises(jdmatch.JdmatchError) as raised:
        jdmatch.load(big, limits=jdmatch.Limits(max_bytes=10))
    message, flag = cli._cli_wording(str(raised.value))
    assert flag is None
    assert "the command line keeps the default limits; from Python: load(" in message


# --- 5. help per command, with defaults -----------------------------------------------------


@pytest.mark.parametrize(
    ("command", "own", "defaults"),
    [
        (
            ["analyze"],
            "jdmatch analyze posting.txt resume.pdf",
            ["(default: 8)", "(default: 15; every row in JSON)"],
        ),
        (["plan"], "jdmatch plan resume.pdf --jds", ["(default: description)", "(default: 10.0)"]),
        (["extract"], "jdmatch extract posting.txt --levels", ["else json)"]),
        (["lexicon", "search"], "jdmatch lexicon search rag", []),
        (["lexicon", "check"], "jdmatch lexicon check my_lexicon.json", []),
    ],
)
def test_each_command_shows_its_own_examples_and_defaults(capsys, command, own, defaults):
    code, out, _ = run(capsys, *command, "--help")
    assert code == 0
    examples = out.split("examples:\n", 1)[1]
    lines = [line.strip() for line in examples.splitlines() if line.startswith("  ")]
    assert own in "\n".join(lines)
    assert all(" ".join(command) in line for line in lines if line.startswith("jdmatch "))
    flowing = " ".join(out.split())
    for default in defaults:
        assert default in flowing
    assert "(default: None)" not in out
    assert "(default: False)" not in out


# --- 6. lexicon search: exact names first --------------------------------------------------


def _group(concept, needle):
    names = [concept.id.replace("_", " "), concept.label, *concept.aliases]
    names = [name.lower() for name in (*names, *concept.ambiguous_aliases)]
    if needle in names:
        return 0
    if any(name.startswith(needle) for name in names):
        return 1
    if any(word.startswith(needle) for name in names for word in re.split(r"[^\w+#]+", name)):
        return 2
    return 3


@pytest.mark.parametrize("term", ["rag", "RAG", "kafka", "spark", "sql"])
def test_search_puts_exact_names_first_then_prefixes_then_substrings(term):
    lexicon = jdmatch.load_lexicon()
    found = cli.search_concepts(lexicon, term)
    groups = [_group(concept, term.lower()) for concept in found]
    assert groups == sorted(groups)
    assert groups[0] == 0
    everything = [c for c in lexicon if term.lower() in " ".join(
        [c.id.replace("_", " "), c.label, *c.aliases, *c.ambiguous_aliases]).lower()]  # fmt: skip
    assert {c.id for c in found} == {c.id for c in everything}


def test_search_rag_shows_rag_first(capsys):
    code, out, _ = run(capsys, "lexicon", "search", "rag")
    assert code == 0
    assert (
        out.splitlines()[0]
        == "Retrieval-augmented generation (RAG)  [retrieval_augmented_generation]"
    )
    assert "… and " in out  # more than ten concepts contain "rag" ("storage", "average" ...)


def test_search_by_generated_form(capsys):
    code, out, _ = run(capsys, "lexicon", "search", "k8s")
    assert code == 0
    assert out.startswith("Kubernetes  [kubernetes]")


# --- 7. companies in the plan ranking ------------------------------------------------------

COMPANIES_CSV = (
    "title,companyName,description\n"
    'ML Engineer,Contoso,"Requirements: PyTorch, Kafka and SQL"\n'
    'ML Engineer,,"About Fabrikam Labs\nRequirements: PyTorch and Spark"\n'
    'Data Scientist,Northwind Traders,"Requirements: XGBoost, SQL and statistics"\n'
)
#: (title, company) of each posting of COMPANIES_CSV: the CSV's column, else the posting's lines.
CSV_POSTINGS = {
    ("ML Engineer", "Contoso"),
    ("ML Engineer", "Fabrikam Labs"),
    ("Data Scientist", "Northwind Traders"),
}


def _ranking_section(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


@pytest.mark.parametrize("output_format", ["table", "markdown", "json", "html"])
def test_plan_ranking_shows_company_and_title_from_a_csv(capsys, files, tmp_path, output_format):
    table = tmp_path / "jds.csv"
    table.write_text(COMPANIES_CSV)
    code, out, _ = run(capsys, "plan", files[1], "--jds", table, "-q", "--format", output_format)
    assert code == 0
    if output_format == "json":
        rows = json.loads(out)["ranking"]
        assert {(row["title"], row["company"]) for row in rows} == CSV_POSTINGS
        return
    if output_format == "html":
        section = _ranking_section(out, 'id="ranking"', "</table>")
        for title, company in CSV_POSTINGS:
            assert f'<strong>{title}</strong><br><span class="detail">{company}</span>' in section
        return
    section = _ranking_section(out, "Postings, best fit first", "Coverage by pillar")
    for title, company in CSV_POSTINGS:
        assert f"{title} — {company} (" in section


def test_plan_ranking_reads_companies_from_files(capsys, files, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Senior Data Scientist\nZephyr Health is hiring.\nRequirements: SQL, XGBoost")
    anonymous = tmp_path / "anonymous.txt"
    anonymous.write_text("ML Engineer\nRequirements: Kafka and Flink")
    code, out, _ = run(
        capsys, "plan", files[1], files[0], other, anonymous, "-q", "--format", "json"
    )
    assert code == 0
    companies = {row["title"]: row["company"] for row in json.loads(out)["ranking"]}
    assert companies == {
        "Machine Learning Engineer, Search": "Acme Robotics",
        "Senior Data Scientist": "Zephyr Health",
        "ML Engineer": None,
    }
    code, out, _ = run(capsys, "plan", files[1], files[0], other, anonymous, "-q")
    section = _ranking_section(out, "Postings, best fit first", "Coverage by pillar")
    assert "Machine Learning Engineer, Search — Acme Robotics" in section
    assert "Senior Data Scientist — Zephyr Health (" in section
    assert " ML Engineer (ml engineer)" in section


# --- 8. extract --levels: why a row says "required" ----------------------------------------


def test_extract_levels_are_the_analysis_levels(capsys, files):
    code, out, _ = run(capsys, "extract", files[0], "--levels")
    assert code == 0
    mentions = json.loads(out)
    lines = JD.split("\n")
    for mention in mentions:
        assert mention["text"] in lines[mention["line"] - 1]
    level = {m["term"]: m["requirement"] for m in mentions}
    assert level["kubernetes"] == "preferred"
    assert level["pytorch"] == "required"
    # The analysis says the same, row by row (a concept takes its strongest mention's level).
    plan = {row["term"]: row["requirement"] for row in jdmatch.analyze(*files).plan_rows()}
    for term, requirement in plan.items():
        assert requirement in {m["requirement"] for m in mentions if m["term"] == term}
    # Each mention names the heading it stands under, the reason for its level.
    section = {m["term"]: m["section"] for m in mentions}
    assert section["kubernetes"] == "Nice to have"
    assert section["pytorch"] == "Requirements"


def test_extract_levels_in_the_table_and_csv(capsys, files, tmp_path):
    code, out, _ = run(capsys, "extract", files[0], "--levels", "--format", "table")
    assert code == 0
    header, *rows = out.splitlines()
    assert header.split() == ["term", "start", "end", "line", "requirement", "section", "text"]
    assert any(row.split()[0] == "kubernetes" and "preferred" in row.split() for row in rows)
    out_file = tmp_path / "levels.csv"
    assert run(capsys, "extract", files[0], "--levels", "-o", out_file)[0] == 0
    assert out_file.read_text().splitlines()[0].endswith(",line,requirement,section")


def test_extract_without_levels_keeps_its_fields(capsys, files):
    _, out, _ = run(capsys, "extract", files[0])
    assert set(json.loads(out)[0]) == {
        "term", "label", "text", "start", "end", "category", "pillars",
    }  # fmt: skip


# --- argparse's own exits come back as codes ------------------------------------------------


def test_main_returns_argparse_exit_codes(capsys):
    assert run(capsys, "analyze")[0] == 2
    assert run(capsys, "--version")[0] == 0
    assert run(capsys, "nope")[0] == 2
