"""One report model, every format the same: terminal, Markdown, JSON, HTML and the notebook."""

from __future__ import annotations

import inspect
import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

import jdmatch
from jdmatch.cli import build_parser
from jdmatch.pillars import PILLAR_LABELS
from jdmatch.reporting import (
    MULTI_REPORT_SECTIONS,
    REPORT_SECTIONS,
    SCHEMA_VERSION,
    START_HERE_ROWS,
    ReportBase,
)
from jdmatch.scheduling import DEFAULTS, Schedulable, make_schedule

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
JDS = ["ML engineer: PyTorch, Kafka, Kubernetes and SQL.", "Data scientist: SQL, XGBoost, Spark."]
RESUME = "Python and SQL analyst; some PyTorch."
EXPORTERS = ("plan_rows", "to_dict", "to_json", "to_markdown", "to_text", "to_html")


@pytest.fixture(scope="module")
def results():
    return jdmatch.analyze(JDS[0], RESUME), jdmatch.analyze_many(JDS, RESUME)


@pytest.fixture(scope="module")
def example():
    """One real report: the shipped example posting against the shipped resume PDF."""
    return jdmatch.analyze(
        EXAMPLES / "postings" / "ml_engineer_jd.txt", EXAMPLES / "sample_resume.pdf"
    )


@pytest.fixture(scope="module")
def example_many():
    return jdmatch.analyze_many(
        sorted((EXAMPLES / "postings").glob("*.txt")), EXAMPLES / "sample_resume.pdf"
    )


def test_both_result_types_share_the_exporters(results):
    for result in results:
        assert isinstance(result, ReportBase)
        for name in (*EXPORTERS, "_repr_html_"):
            assert getattr(type(result), name) is getattr(ReportBase, name)
        assert json.loads(result.to_json(top=2)) == result.to_dict(top=2)
        assert result.to_dict()["schema_version"] == SCHEMA_VERSION == 4
        assert result.to_dict(top=1)["study_plan"] == result.plan_rows(1)
        assert len(result.plan_rows(2)) == 2
        assert result.to_markdown().endswith("\n")
        assert result.to_html().startswith("<!DOCTYPE html>")


def test_each_result_lists_its_sections_then_its_fields(results):
    report, many = results
    single, pooled = report.to_dict(), many.to_dict()
    assert [(s["id"], s["title"]) for s in single["sections"]] == list(REPORT_SECTIONS)
    assert [(s["id"], s["title"]) for s in pooled["sections"]] == list(MULTI_REPORT_SECTIONS)
    assert list(single) == [
        "schema_version", "kind", "sections", "title", "company", "jd_source", "resume_source",
        "role", "seniority", "start_here", "score", "score_meaning", "fit", "facts",
        "pillar_coverage", "pillar_counts", "category_coverage", "study_plan_total",
        "study_plan", "schedule", "matched", "gaps", "resume_reading",
    ]  # fmt: skip
    assert list(pooled) == [
        "schema_version", "kind", "sections", "resume_source", "postings_scored", "start_here",
        "ranking", "pillar_coverage", "pillar_counts", "study_plan_total", "study_plan",
        "schedule", "matched", "gaps", "resume_reading", "skipped",
    ]  # fmt: skip
    assert (single["kind"], pooled["kind"]) == ("single", "many")


@pytest.mark.parametrize("method", EXPORTERS)
@pytest.mark.parametrize("top", [0, -1, 1.5, True])
def test_top_is_checked_the_same_way_for_both(results, method, top):
    for result in results:
        call = getattr(result, method)
        with pytest.raises(jdmatch.InvalidParameterError, match="The 'top' parameter of"):
            call(top) if method == "plan_rows" else call(top=top)


def test_one_constant_holds_the_defaults():
    assert (DEFAULTS.weeks, DEFAULTS.hours_per_week, DEFAULTS.top) == (8, 10.0, 15)
    for function in (
        ReportBase.to_dict,
        ReportBase.to_json,
        ReportBase.to_markdown,
        ReportBase.to_text,
        ReportBase.to_html,
        Schedulable.schedule,
        make_schedule,
    ):
        parameters = inspect.signature(function).parameters
        assert parameters["weeks"].default == DEFAULTS.weeks
        assert parameters["hours_per_week"].default == DEFAULTS.hours_per_week
    for function in (ReportBase.to_markdown, ReportBase.to_text, ReportBase.to_html):
        assert inspect.signature(function).parameters["top"].default == DEFAULTS.top
    for function in (ReportBase.to_dict, ReportBase.to_json):  # JSON: every row
        assert inspect.signature(function).parameters["top"].default is None
    for command in (["analyze", "a", "b"], ["plan", "resume"]):
        args = build_parser().parse_args(command)
        assert (args.weeks, args.hours, args.top) == (8, 10, None)


def test_default_html_uses_the_default_schedule(results):
    for result in results:
        explicit = result.to_html(weeks=DEFAULTS.weeks, hours_per_week=DEFAULTS.hours_per_week)
        assert result.to_html() == explicit


# --- every format: the same sections with the same key content ---------------------------------


def markdown_sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", text, flags=re.MULTILINE)
    bodies = (re.sub(r"\\(.)", r"\1", body) for body in parts[2::2])  # Markdown escapes
    return {title: _flat(body) for title, body in zip(parts[1::2], bodies, strict=True)}


def terminal_sections(text: str) -> dict[str, str]:
    parts = re.split(r"^(\S.*?) ─{3,}$", text, flags=re.MULTILINE)
    return {title: _flat(body) for title, body in zip(parts[1::2], parts[2::2], strict=True)}


class SectionText(HTMLParser):
    """The heading and the text of each <section> with an id, tags dropped."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: dict[str, list[str]] = {}
        self.titles: list[str] = []
        self._stack: list[str | None] = []
        self._in_h2 = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self._stack.append(dict(attrs).get("id"))
        self._in_h2 = tag == "h2"
        if self._in_h2:
            self.titles.append("")

    def handle_endtag(self, tag):
        if tag == "section":
            self._stack.pop()
        if tag == "h2":
            self._in_h2 = False

    def handle_data(self, data):
        if self._in_h2:
            self.titles[-1] += data
        for key in self._stack:
            if key:
                self.sections.setdefault(key, []).append(data)

    def text(self) -> dict[str, str]:
        return {key: _flat(" ".join(parts)) for key, parts in self.sections.items()}


def _flat(text: str) -> str:
    """Text with entities decoded, table rules and terminal bars dropped, spaces collapsed."""
    return " ".join(unescape(text).translate(_RULES).split())


_RULES = {ord(char): " " for char in "|█░"}


def key_content(data: dict) -> dict[str, list[str]]:
    """What each section must show in every format, read from the report model."""
    schedule = data["schedule"]
    reading = data["resume_reading"]
    content = {
        "start-here": [
            part
            for row in data["start_here"]
            for part in (row["label"], *re.findall(r"“([^”]+)”", row["reason"]), row["study"])
        ],
        "pillars": [
            (f"{PILLAR_LABELS[pillar]} {value:.0f}%", f'"{pillar}": {value}')
            for pillar, value in data["pillar_coverage"].items()
            if value is not None
        ],
        "study-plan": [part for row in data["study_plan"] for part in (row["label"], row["study"])]
        + [row["reason"] for row in data["study_plan"]],
        "schedule": [item["label"] for week in schedule["weeks"] for item in week["items"]]
        + [item["label"] for item in schedule["unscheduled"]],
        "concepts": [row["label"] for row in (*data["matched"], *data["gaps"])],
        "resume": [reading["summary"], *(s["heading"] for s in reading["sections"])],
    }
    if data["kind"] == "single":
        score = (f"{data['score']:.1f}", str(data["score"]))
        facts = [line for line in data["facts"].values() if line]
        content["score"] = [score, data["score_meaning"]["summary"], *facts]
        if data["score_meaning"]["fit_band"]:
            content["score"].append(data["score_meaning"]["fit_band"])
    else:
        content["ranking"] = [
            part
            for row in data["ranking"]
            for part in (
                row["title"],
                (f"{row['score']:.1f}", str(row["score"])),
                row["score_meaning"],
            )
        ]
    return content


def _shown(expected: str | tuple[str, str], *, json_format: bool) -> str:
    """How an expected piece reads in a format: as text, or as JSON (an escaped string, or
    the JSON form given beside the text form)."""
    if isinstance(expected, tuple):
        return _flat(expected[1] if json_format else expected[0])
    return _flat(json.dumps(expected, ensure_ascii=False)[1:-1] if json_format else expected)


def every_format(result, top: int | None) -> dict[str, dict[str, str]]:
    """Each format's sections as ``{title: flattened text}``, in order."""
    data = result.to_dict(top=top)
    titles = {s["id"]: s["title"] for s in data["sections"]}
    html = SectionText(result.to_html(top=top))
    notebook = SectionText(result._repr_html_() if top == DEFAULTS.top else "")
    formats = {
        "json": {
            s["title"]: _flat(
                json.dumps([data[k] for k in _JSON_KEYS[s["id"]]], ensure_ascii=False)
            )
            for s in data["sections"]
        },
        "markdown": markdown_sections(result.to_markdown(top=top)),
        "terminal": terminal_sections(result.to_text(top=top, width=1000)),
        "html": {titles[key]: text for key, text in html.text().items() if key in titles},
    }
    if top == DEFAULTS.top:
        formats["notebook"] = {
            titles[key]: text for key, text in notebook.text().items() if key in titles
        }
    return formats


_JSON_KEYS = {
    "start-here": ("start_here",),
    "score": ("score", "score_meaning", "fit", "facts"),
    "ranking": ("ranking",),
    "pillars": ("pillar_coverage", "pillar_counts"),
    "study-plan": ("study_plan_total", "study_plan"),
    "schedule": ("schedule",),
    "concepts": ("matched", "gaps"),
    "resume": ("resume_reading",),
}


@pytest.mark.parametrize("top", [DEFAULTS.top, 4])
def test_every_format_has_the_same_sections_and_content(example, top):
    data = example.to_dict(top=top)
    titles = [s["title"] for s in data["sections"]]
    assert titles == [title for _, title in REPORT_SECTIONS]
    assert len(data["start_here"]) == START_HERE_ROWS
    formats = every_format(example, top)
    assert set(formats) == {"json", "markdown", "terminal", "html"} | (
        {"notebook"} if top == DEFAULTS.top else set()
    )
    content = key_content(data)
    for name, sections in formats.items():
        assert list(sections) == titles, name
        for section in data["sections"]:
            text = sections[section["title"]]
            for expected in content[section["id"]]:
                shown = _shown(expected, json_format=name == "json")
                assert shown in text, (name, section["id"], expected)


def test_every_format_of_many_postings_has_the_same_sections(example_many):
    data = example_many.to_dict(top=DEFAULTS.top)
    titles = [title for _, title in MULTI_REPORT_SECTIONS]
    content = key_content(data)
    for name, sections in every_format(example_many, DEFAULTS.top).items():
        assert list(sections) == titles, name
        for section in data["sections"]:
            for expected in content[section["id"]]:
                shown = _shown(expected, json_format=name == "json")
                assert shown in sections[section["title"]], (name, section["id"], expected)


def test_top_means_the_same_in_every_format(example, example_many):
    for result, extra in ((example, ""), (example_many, "ranking")):
        total = len(result.plan_rows())
        for top in (1, 3):
            data = result.to_dict(top=top)
            assert len(data["study_plan"]) == top
            assert data["study_plan_total"] == total
            if extra:
                assert len(data["ranking"]) == min(top, len(result.reports))
            markdown = result.to_markdown(top=top).split("\n## ")
            plan_md = next(part for part in markdown if part.startswith("Study plan"))
            assert sum(line.startswith("| ") for line in plan_md.splitlines()) == 2 + top
            html = result.to_html(top=top).split('id="study-plan"')[1].split("</section>")[0]
            assert html.count("<tr data-term=") == top
            caption = f"Top {top} of {total} concepts"
            assert caption in plan_md
            assert caption in html
            assert caption in result.to_text(top=top)
        # JSON keeps every row unless told; the others show DEFAULTS.top.
        assert len(result.to_dict()["study_plan"]) == total
        assert len(json.loads(result.to_json())["study_plan"]) == total
        assert f"Top {DEFAULTS.top} of {total}" in result.to_markdown()


def test_start_here_quotes_the_posting_for_one_and_many(example, example_many):
    for result in (example, example_many):
        rows = result.to_dict()["start_here"]
        assert [row["term"] for row in rows] == [row["term"] for row in result.plan_rows(3)]
        for row in rows:
            quotes = re.findall(r"“([^”]+)”", row["reason"])
            assert quotes, row["reason"]
            texts = (
                [result.jd_text]
                if isinstance(result, jdmatch.Report)
                else [report.jd_text for report in result.reports]
            )
            # The quote is the posting's own line (or its start), not a template.
            assert any(_flat(quotes[-1])[:40] in _flat(text) for text in texts)


def test_score_meaning_counts_the_asks(example):
    meaning = example.to_dict()["score_meaning"]
    concepts = (*example.matched, *example.gaps)
    required = [c for c in concepts if c.requirement == "required"]
    assert meaning["required"]["concepts"] == len(required)
    shown = [c for c in required if c.matched]
    assert meaning["required"]["demonstrated"] + meaning["required"]["listed"] == len(shown)
    assert meaning["summary"].startswith(f"Shows {len(shown)} of the {len(required)} required")
    assert meaning["fit_band"] == example.fit.band  # the fit's band, the report's only one
    assert (example.fit.required_covered, example.fit.required_total) == (len(shown), len(required))
    kinds = ("demonstrated", "listed", "narrower", "absent")
    assert sum(meaning["required"][kind] for kind in kinds) == len(required)


def test_resume_reading_names_the_sections_it_found(example):
    reading = example.to_dict()["resume_reading"]
    headings = [(s["heading"], s["type"]) for s in reading["sections"]]
    assert ("Experience", "experience") in headings
    assert ("Education", "education") in headings
    experience = next(s for s in reading["sections"] if s["type"] == "experience")
    assert experience["demonstrates"]
    assert experience["posting_concepts"] > 0
    posting = reading["posting_concepts"]
    assert posting["demonstrated"] == sum(c.evidence == "demonstrated" for c in example.matched)
    total = posting["demonstrated"] + posting["listed"] + posting["narrower"] + posting["absent"]
    assert total == len(example.matched) + len(example.gaps)


def test_header_names_the_job_and_company_not_paths(example):
    data = example.to_dict()
    assert data["title"] == "Senior Machine Learning Engineer, Ranking & Recommendations"
    assert data["company"] == "Northwind Media"
    for text in (example.to_markdown(), example.to_text()):
        first = text.splitlines()[0]
        assert "Senior Machine Learning Engineer" in first
        assert "ml_engineer_jd.txt" not in first
    html = example.to_html()
    heading = html.split("<h1>")[1].split("</h1>")[0]
    assert heading == "Senior Machine Learning Engineer, Ranking &amp; Recommendations"
    assert "Northwind Media" in html.split('class="subtitle">')[1].split("</p>")[0]


def test_terminal_text_is_plain_unless_styles_are_asked(example):
    plain = example.to_text(top=3, width=100)
    assert "\x1b[" not in plain
    assert max(len(line) for line in plain.splitlines()) <= 100
    styled = example.to_text(top=3, width=100, styles=True)
    assert "\x1b[" in styled
    with pytest.raises(jdmatch.InvalidParameterError, match="The 'width' parameter of to_text"):
        example.to_text(width=10)


def test_document_text_cannot_inject_markup_into_text_formats():
    jd = "Senior ML Engineer\nRequirements: [bold]PyTorch[/bold] and *Kafka* <script>x</script>"
    report = jdmatch.analyze(jd, "Python")
    assert "[bold]PyTorch[/bold]" in report.to_text(width=200)  # rich markup stays text
    markdown = report.to_markdown()
    assert "<script>" not in markdown
    assert "\\<script\\>" in markdown


def test_notebook_view_is_a_scoped_fragment(results):
    for result in results:
        fragment = result._repr_html_()
        assert fragment.startswith('<div class="jdmatch">\n<style>')
        assert "<html" not in fragment
        assert "<body" not in fragment
        assert "<script" not in fragment
        # Every style rule is scoped to the report, so a notebook's own page is untouched.
        css = fragment.split("<style>")[1].split("</style>")[0]
        rules = re.findall(r"(?:^|})\s*([^{}@]+?)\s*{", re.sub(r"@media[^{]+{", "}", css))
        assert rules
        assert all(
            all(part.strip().startswith(".jdmatch") for part in rule.split(",")) for rule in rules
        ), [rule for rule in rules if not rule.startswith(".jdmatch")]
