"""The command line, run as a user runs it: a separate process, from another folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Every test runs the command in a subprocess.
pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

JD = EXAMPLES / "postings" / "ml_engineer_jd.txt"
RESUME = EXAMPLES / "sample_resume.pdf"


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jdmatch", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        input=stdin,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


def test_analyze_table(tmp_path):
    result = run("analyze", str(JD), str(RESUME), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Score: " in result.stdout
    assert "Top 15 of" in result.stdout
    assert "Coverage by pillar" in result.stdout
    assert "8 weeks at 10 hours a week" in result.stdout
    assert "Traceback" not in result.stderr


def test_analyze_json_to_file(tmp_path):
    out = tmp_path / "report.json"
    result = run("analyze", str(JD), str(RESUME), "--format", "json", "--top", "5", "-o", str(out),
                 cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    data = json.loads(out.read_text())
    assert data["schema_version"] == 4
    assert len(data["study_plan"]) == 5


def test_analyze_markdown(tmp_path):
    result = run("analyze", str(JD), str(RESUME), "--format", "markdown", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Senior Machine Learning Engineer")


def test_extract_json_fields(tmp_path):
    text = tmp_path / "jd.txt"
    content = "We use PyTorch, k8s and CI/CD.\n"
    text.write_text(content)
    result = run("extract", str(text), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    mentions = json.loads(result.stdout)
    assert [m["term"] for m in mentions] == ["pytorch", "kubernetes", "ci_cd"]
    for mention in mentions:
        assert set(mention) == {"term", "label", "text", "start", "end", "category", "pillars"}
        assert content[mention["start"] : mention["end"]] == mention["text"]


def test_extract_table(tmp_path):
    result = run("extract", str(RESUME), "--format", "table", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].split()[:3] == ["term", "start", "end"]
    assert "pytorch" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["analyze", "missing.txt", str(RESUME)], "missing.txt: no such file"),
        (["extract", "notes.odt"], "unsupported file type '.odt'"),
        (["extract", "fake.pdf"], "named .pdf but it is a PNG image"),
        (["extract", "empty.txt"], "contains no text"),
        (["analyze", "garden.txt", str(RESUME)], "no skill or technology"),
        (["extract", str(RESUME), "--lexicon", "nope.json"], "no such lexicon"),
    ],
)
def test_errors_are_one_line_without_traceback(tmp_path, args, message):
    (tmp_path / "notes.odt").write_text("x")
    (tmp_path / "fake.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "garden.txt").write_text("We sell garden furniture.")
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("jdmatch: error: ")
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_usage_errors_exit_2(tmp_path):
    result = run("analyze", str(JD), cwd=tmp_path)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_help_shows_examples(tmp_path):
    result = run("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "jdmatch analyze posting.txt resume.pdf" in result.stdout
    result = run("plan", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "jdmatch plan resume.pdf --jds postings.csv" in result.stdout
    assert "jdmatch analyze" not in result.stdout


def test_posting_through_a_pipe_and_html_from_the_extension(tmp_path):
    out = tmp_path / "report.html"
    result = run("analyze", "-", str(RESUME), "-o", str(out), cwd=tmp_path, stdin=JD.read_text())
    assert result.returncode == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "")
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert "Northwind Media" in page  # the posting's text, read from the pipe


def test_bad_hours_exit_2_naming_the_flag(tmp_path):
    result = run("analyze", str(JD), str(RESUME), "--hours", "1", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: jdmatch analyze")
    assert "argument --hours: must be a number from 2 to 168, got 1" in result.stderr
    assert "hours_per_week" not in result.stderr
    assert "Traceback" not in result.stderr


def test_console_script_is_installed(tmp_path):
    script = shutil.which("jdmatch", path=str(Path(sys.executable).parent))
    assert script is not None, "pip install . should put a 'jdmatch' command beside python"
    result = subprocess.run([script, "--version"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("jdmatch ")


def test_example_script(tmp_path):
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "study_plan.py")],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Coverage score:")
    assert "Study first:" in result.stdout


def test_lexicon_check_passes_on_the_shipped_lexicon(tmp_path):
    result = run("lexicon", "check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")
    counts = dict(
        line.strip().split(": ", 1) for line in result.stdout.splitlines()[1:6] if ": " in line
    )
    assert int(counts["concepts"]) >= 1200
    assert int(counts["curated aliases"]) >= 3000
    assert int(counts["distinct study prompts"]) >= 200


def test_lexicon_check_fails_on_a_broken_lexicon(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"lexicon_format": 1, "concepts": [{"id": "a", "label": "A", "category": "x",'
        ' "pillars": ["coding"], "aliases": ["a1"], "prompts": ["p"]}]}'
    )
    result = run("lexicon", "check", str(bad), cwd=tmp_path)
    assert result.returncode == 1
    assert "unknown category 'x'" in result.stderr


def test_analyze_html(tmp_path):
    out = tmp_path / "report.html"
    result = run("analyze", str(JD), str(RESUME), "--format", "html", "-o", str(out),
                 "--weeks", "4", "--hours", "6", cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    page = out.read_text()
    assert page.lstrip().lower().startswith("<!doctype html")
    assert 'id="schedule"' in page


def test_plan_over_files_and_csv(tmp_path):
    postings = []
    for number, text in enumerate(["Kafka and Flink.", "Kafka and SQL.", "Kafka, Kubernetes."]):
        path = tmp_path / f"jd{number}.txt"
        path.write_text(f"ML Engineer\nRequirements\n{text}")
        postings.append(str(path))
    result = run("plan", str(RESUME), *postings, "--weeks", "2", "--hours", "5", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "One resume against 3 postings" in result.stdout
    table = tmp_path / "jds.csv"
    table.write_text('title,body\nML Engineer,"Kafka, Flink"\nMLE,"Kafka, SQL"\n')
    result = run("plan", str(RESUME), "--jds", str(table), "--column", "body", "--format",
                 "json", "--quiet", cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    # The resume covers Kafka in both postings: the one concept it misses comes first.
    assert data["study_plan"][0]["term"] == "apache_flink"
    assert len(data["schedule"]["weeks"]) == 8
    assert result.stderr == ""
    page = tmp_path / "plan.html"
    result = run("plan", str(RESUME), *postings, "--format", "html", "-o", str(page), "-q",
                 cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert 'id="ranking"' in page.read_text()


def test_plan_without_postings_is_a_usage_error(tmp_path):
    result = run("plan", str(RESUME), cwd=tmp_path)
    assert result.returncode == 2
    assert "plan needs job descriptions" in result.stderr


def test_lexicon_search(tmp_path):
    result = run("lexicon", "search", "k8s", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("Kubernetes")
    assert "[kubernetes]" in first
    assert "  study: " in result.stdout
    assert "pillars: system_design" in result.stdout
    result = run("lexicon", "search", "zzzz-not-a-skill", cwd=tmp_path)
    assert result.returncode == 1
    assert "no concept matches" in result.stderr
