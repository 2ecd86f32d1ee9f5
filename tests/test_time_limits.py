"""Limits.max_seconds holds for every format and for the analysis itself, and the work of
hostile inputs is linear (issue #16): no test times anything; a quadratic step would hang."""

from __future__ import annotations

import re

import pytest

import jdmatch
from jdmatch import LimitError, Limits
from jdmatch.limits import check_time, time_limit

JD = "ML engineer\nRequirements\n- 5+ years of Python, PyTorch and Kubernetes.\n- Kafka or Flink."
RESUME = "Experience\n- Built PyTorch models and Kafka pipelines, cutting cost 30%.\nSkills\nSQL"
EXPIRED = Limits(max_seconds=1e-9)  # over before the first check


# --- the clock -------------------------------------------------------------------------------


def test_check_time_does_nothing_without_a_limit():
    check_time()


def test_an_expired_limit_names_the_document_and_how_to_raise_it():
    with (
        pytest.raises(LimitError, match=r"^cv\.pdf: parsing took over 1e-09 s; raise it with "),
        time_limit(EXPIRED, source="cv.pdf", doing="parsing"),
    ):
        check_time()


def test_limits_nest_keeping_the_earlier_deadline():
    outer = time_limit(EXPIRED, source="<text>", doing="reading and analysing the pair")
    inner = time_limit(Limits(max_seconds=3600), source="cv.pdf", doing="parsing")
    with outer, inner, pytest.raises(LimitError) as raised:
        check_time()
    assert raised.value.source == "cv.pdf"  # the document being read when time ran out
    assert "reading and analysing the pair took over" in str(raised.value)


def test_a_limit_ends_with_its_block_even_when_it_raises():
    with pytest.raises(LimitError), time_limit(EXPIRED, source="a", doing="parsing"):
        check_time()
    check_time()  # no limit left open


# --- every format ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("resume.txt", "Python and Kafka"),
        ("resume.md", "# Skills\n[PyTorch](https://pytorch.org) and Kafka"),
        ("resume.html", "<p>Python and Kafka</p>"),
    ],
)
def test_time_limit_holds_for_text_markdown_and_html(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(LimitError, match=rf"{re.escape(name)}: parsing took over"):
        jdmatch.load(path, limits=EXPIRED)


# --- the analysis ----------------------------------------------------------------------------


def test_analyze_bounds_the_whole_call():
    with pytest.raises(
        LimitError,
        match=r"<text>: reading and analysing the pair took over 1e-09 s; raise it with "
        r"analyze\(\.\.\., limits=Limits\(max_seconds=\.\.\.\)\)",
    ):
        jdmatch.analyze(JD, RESUME, limits=EXPIRED)


def test_analyze_time_limit_covers_reading_the_files(tmp_path):
    resume = tmp_path / "resume.txt"
    resume.write_text(RESUME)
    with pytest.raises(LimitError, match=r"resume\.txt: reading and analysing the pair took"):
        jdmatch.analyze(JD, resume, limits=EXPIRED)


def test_pipe_rows_report_the_pairs_time_limit_on_the_jd():
    analyzer = jdmatch.Analyzer(limits=EXPIRED)
    (row,) = analyzer.pipe([(JD, RESUME)], as_rows=True)
    assert row["score"] is None
    assert row["error"].startswith("jd: <text>: analysing the pair took over")


def test_pipe_leaves_no_limit_open_between_results():
    for _report in jdmatch.Analyzer(limits=EXPIRED).pipe([(JD, RESUME)] * 2, as_rows=True):
        check_time()  # the caller's code runs outside the pair's limit


def _steps():
    """Each step of the analysis whose work grows with the input, as a call on the pair."""
    from jdmatch.matching import extract, match_texts, pipeline_for
    from jdmatch.priority import read_asks
    from jdmatch.structure import read_job, read_resume, requirement_levels

    jd_mentions, resume_mentions = extract(JD), extract(RESUME)
    return {
        "matching": lambda: match_texts(pipeline_for(), [JD, RESUME]),
        "requirement levels": lambda: requirement_levels(JD, jd_mentions),
        "job structure": lambda: read_job(JD, jd_mentions),
        "resume structure": lambda: read_resume(RESUME, resume_mentions),
        "asks": lambda: read_asks(JD, jd_mentions, levels=["required"] * len(jd_mentions)),
    }


@pytest.mark.parametrize(
    "step", ["matching", "requirement levels", "job structure", "resume structure", "asks"]
)
def test_each_analysis_step_checks_the_clock_as_it_works(step):
    from jdmatch.caches import clear_caches

    run = _steps()[step]
    clear_caches()  # line levels are kept per text: make the step do its work
    with (
        pytest.raises(LimitError, match="took over"),
        time_limit(EXPIRED, source="<text>", doing="analysing"),
    ):
        run()


# --- linear work on hostile inputs (each took from minutes to hours before) -------------------


def test_one_line_resume_of_50000_mentions():
    # Reading the resume split the whole line again for every mention on it.
    report = jdmatch.analyze(JD, "Python, " * 50_000)
    assert "python" in {item.term for item in report.matched}


def test_posting_of_alternatives_joined_by_slashes():
    # Each mention of a run offered as alternatives added the whole run again.
    report = jdmatch.analyze("Python/" * 20_000 + "PyTorch", RESUME)
    assert {item.term for item in report.gaps} >= {"python"}


def test_400_kb_one_sentence_posting_is_analysed():
    report = jdmatch.analyze("5+ years of " + "Python, " * 50_000 + "and SQL.", RESUME)
    assert {"python", "sql"} <= {item.term for item in (*report.matched, *report.gaps)}


@pytest.mark.parametrize("run", ["[", "-", "$", ":)", "_"])
def test_long_runs_of_punctuation_are_tokenized_linearly(run):
    # spaCy strips affixes one at a time: 8,000 dashes took 36 s, 100,000 hours.
    text = "Python and SQL " + run * 50_000 + " Kafka"
    mentions = jdmatch.extract(text)
    assert [m.term for m in mentions] == ["python", "sql", "apache_kafka"]
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_markdown_with_200000_open_brackets_is_analysed(tmp_path):
    path = tmp_path / "brackets.md"
    path.write_text("Skills: Python and SQL " + "[" * 200_000 + " [a](" * 50_000)
    report = jdmatch.analyze(path, RESUME)
    assert {item.term for item in (*report.matched, *report.gaps)} == {"python", "sql"}


def test_a_long_sentence_is_read_once_not_once_per_mention():
    from jdmatch.structure import _sentence_level, requirement_levels

    text = "Requirements\n5+ years of " + "Python." * 40_000
    mentions = jdmatch.extract(text)
    _sentence_level.cache_clear()
    levels = requirement_levels(text, mentions)
    assert len(levels) == len(mentions) > 30_000
    reads = _sentence_level.cache_info()
    assert reads.hits + reads.misses <= 3  # its lines and its one sentence, not once a mention


def test_a_chain_of_ordinary_word_aliases_is_vouched_for_in_linear_time():
    # Each "Go" is vouched for by the next one, back to "Python": every round of acceptance
    # read every waiting match again (2,000 lines took 15 s, 4,000 over two minutes).
    text = "Go\n" * 3_000 + "Python"
    terms = [mention.term for mention in jdmatch.extract(text)]
    assert terms.count("go_language") == 3_000
