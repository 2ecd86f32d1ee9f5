"""The HTML report: one self-contained, escaped page people navigate, checked by parsing it and
in headless Chromium at desktop and phone widths."""

from __future__ import annotations

import itertools
import os
import re
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

import jdmatch
from jdmatch.html_report import render_html
from jdmatch.lexicon import PILLARS
from jdmatch.reporting import REPORT_SECTIONS
from jdmatch.scheduling import DEFAULTS

SECTIONS = (*(key for key, _ in REPORT_SECTIONS), "texts")
HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(1)> & "quotes" </div>'
JD = f"""Senior Machine Learning Engineer
Company: Example Robotics

Requirements:
- 5+ years of Python and SQL; PyTorch and XGBoost in production.
- Kubernetes, Kafka and a feature store for real-time serving.
- Statistics, A/B testing and gradient boosting.
- Airflow DAGs, one unbroken token that must not widen the page: {"x" * 300}
{HOSTILE}
"""
RESUME = [
    "Jane Doe - Machine learning engineer",
    "Experience",
    "Built PyTorch models and SQL pipelines in Python on AWS, cutting latency by 30%.",
    "Skills: Docker, statistics <b>bold</b> & <i>",
]
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CSP = "default-src 'none'; style-src 'unsafe-inline'"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Desktop and phone viewports the page is checked at (CSS pixels).
VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}


class Page(HTMLParser):
    """Every element with its attributes, the <mark>s with their text, and the id of the
    innermost enclosing <section> of each."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None], str | None]] = []
        self.marks: list[tuple[str | None, str | None, str, str | None]] = []
        self._mark: list[str] | None = None
        self._sections: list[str | None] = []
        self._div_classes: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "section":
            self._sections.append(attributes.get("id"))
        if tag == "div":
            self._div_classes.append(attributes.get("class") or "")
        self.elements.append((tag, attributes, self.section))
        if tag == "mark":
            self._mark = []
            self._mark_attrs = attributes

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs), self.section))

    def handle_endtag(self, tag):
        if tag == "section":
            self._sections.pop()
        if tag == "div":
            self._div_classes.pop()
        if tag == "mark" and self._mark is not None:
            attrs = self._mark_attrs
            where = next((c for c in reversed(self._div_classes) if "doc-text" in c), None)
            self.marks.append((attrs.get("class"), attrs.get("title"), "".join(self._mark), where))
            self._mark = None

    def handle_data(self, data):
        if self._mark is not None:
            self._mark.append(data)

    @property
    def section(self) -> str | None:
        return next((key for key in reversed(self._sections) if key), None)

    def ids(self) -> list[str]:
        return [attrs["id"] for _, attrs, _ in self.elements if attrs.get("id")]

    def find(self, tag: str, *, section: str | None = None, **wanted: str) -> list[dict]:
        return [
            attrs
            for name, attrs, inside in self.elements
            if name == tag
            and (section is None or inside == section)
            and all(attrs.get(k) == v for k, v in wanted.items())
        ]


@pytest.fixture
def report(pdf_file):
    return jdmatch.analyze(JD, pdf_file(RESUME, name="resume.pdf"))


@pytest.fixture
def html(report):
    return report.to_html()


@pytest.fixture
def example():
    return jdmatch.analyze(
        EXAMPLES / "postings" / "ml_engineer_jd.txt", EXAMPLES / "sample_resume.pdf"
    )


def test_page_has_every_section_in_order(html, report):
    page = Page(html)
    assert html.startswith("<!DOCTYPE html>")
    sections = [attrs["id"] for attrs in page.find("section") if attrs.get("id") in SECTIONS]
    assert sections == list(SECTIONS)
    assert page.find("title")
    data = report.to_dict()
    gauge = html.split('id="score"')[1].split("</section>")[0]
    assert "<svg" in gauge
    assert f">{data['score']:.1f}</text>" in gauge
    assert data["score_meaning"]["summary"] in gauge.replace("&#x27;", "'")
    plan = page.find("tr", section="study-plan")
    assert len(plan) == 1 + min(DEFAULTS.top, len(report.plan))  # with the header row
    weeks = data["schedule"]["weeks"]
    assert [a["id"] for a in page.find("details", **{"class": "week"})] == [
        f"week-{week['number']}" for week in weeks
    ]
    assert len(page.find("table", **{"class": "items cardlike"})) == sum(
        1 for week in weeks if week["items"]
    ) + bool(data["schedule"]["unscheduled"])


def test_header_names_job_and_company_and_the_toc_links_every_section(html):
    page = Page(html)
    heading = html.split("<h1>")[1].split("</h1>")[0]
    assert heading == "Senior Machine Learning Engineer"
    subtitle = html.split('class="subtitle">')[1].split("</p>")[0]
    assert subtitle == "Example Robotics · ml engineer, senior"
    header = html.split("<header")[1].split("</header>")[0]
    assert "resume.pdf" not in header  # file paths only in the footer
    assert "resume.pdf" in html.split("<footer>")[1]
    links = [attrs["href"] for attrs in page.find("a")]
    assert links == [f"#{key}" for key in SECTIONS]
    assert set(link[1:] for link in links) <= set(page.ids())


def test_long_sections_fold_and_the_page_prints_and_fits_a_phone(html):
    page = Page(html)
    details = page.find("details")
    assert len(details) >= 6
    assert any("open" not in attrs for attrs in details)  # some start folded
    assert page.find("details", section="concepts")
    css = html.split("<style>")[1].split("</style>")[0]
    assert "@media print" in css
    printed = css.split("@media print")[1]
    assert "nav.toc { display: none; }" in printed
    assert "details::details-content" in printed  # folded blocks print unfolded
    assert "max-height: none" in printed
    assert re.search(r"@media \(max-width: \d+rem\)", css)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in html


def test_posting_and_resume_side_by_side_with_matches_marked_in_both(report, html):
    page = Page(html)
    jd_marks = [m for m in page.marks if m[3] and "jd" in m[3].split()]
    resume_marks = [m for m in page.marks if m[3] and "resume" in m[3].split()]
    mentions = sorted(report.jd_mentions, key=lambda m: m.start)
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))  # no overlaps here
    matched = {item.term for item in report.matched}
    assert jd_marks == [
        ("matched" if m.term in matched else "missing", m.label,
         report.jd_text[m.start : m.end], "doc-text jd")
        for m in mentions
    ]  # fmt: skip
    assert {status for status, *_ in jd_marks} == {"matched", "missing"}
    expected = [
        ("matched", m.label, report.resume_text[m.start : m.end], "doc-text resume")
        for m in sorted(report.resume_mentions, key=lambda m: m.start)
        if m.term in matched
    ]
    assert resume_marks == expected
    assert {label for _, label, _, _ in resume_marks} == {item.label for item in report.matched}
    legend = [m for m in page.marks if m[3] is None]
    assert [status for status, *_ in legend] == ["matched", "partial", "missing"]


def test_partial_credit_is_marked_in_both_texts():
    report = jdmatch.analyze(
        "ML Engineer\nRequirements: gradient boosting and Kafka.",
        "Experience\nTrained XGBoost models for churn.",
    )
    page = Page(report.to_html())
    texts = [(status, text, where) for status, _, text, where in page.marks if where]
    assert ("partial", "gradient boosting", "doc-text jd") in texts
    assert ("partial", "XGBoost", "doc-text resume") in texts
    assert ("missing", "Kafka", "doc-text jd") in texts


def test_long_plan_is_cut_at_top_rows_and_unscheduled_is_listed(example):
    html = example.to_html(weeks=2, hours_per_week=6)
    total = len(example.plan)
    assert total > DEFAULTS.top
    page = Page(html)
    assert len(page.find("tr", section="study-plan")) == 1 + DEFAULTS.top
    assert f"Top {DEFAULTS.top} of {total} concepts" in html
    everything = Page(example.to_html(top=None))
    assert len(everything.find("tr", section="study-plan")) == 1 + total
    unscheduled = html.split('class="unscheduled"')[1].split("</table>")[0]
    schedule = example.schedule(weeks=2, hours_per_week=6)
    assert unscheduled.count("<tr>") == 1 + len(schedule.unscheduled)


def test_matched_and_missing_tables_with_counts(report, html):
    page = Page(html)
    rows = [a["data-term"] for a in page.find("tr", section="concepts") if a.get("data-term")]
    assert rows == [item.term for item in (*report.gaps, *report.matched)]
    assert page.find("table", **{"class": "concepts missing cardlike"})
    assert page.find("table", **{"class": "concepts matched cardlike"})
    concepts = html.split('id="concepts"')[1].split("</section>")[0]
    for item in report.matched:
        row = concepts.split(f'data-term="{item.term}"')[1].split("</tr>")[0]
        assert f">{item.jd_count}×<" in row
        assert f">{item.resume_count}×<" in row


def test_document_text_is_escaped(html):
    page = Page(html)
    tags = {tag for tag, _, _ in page.elements}
    assert "script" not in tags
    assert "img" not in tags
    assert not tags & {"b", "i"}
    assert not any(any(name.startswith("on") for name in attrs) for _, attrs, _ in page.elements)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&amp; &quot;quotes&quot; &lt;/div&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;" in html  # the resume's text too


def test_hostile_fields_are_escaped():
    hostile = '"><script>x</script>'
    page = render_html(
        {
            "kind": "single",
            "sections": [{"id": key, "title": title} for key, title in REPORT_SECTIONS],
            "title": "<script>alert(1)</script>",
            "company": '"><img src=x onerror=alert(1)>',
            "jd_source": "<script>alert(1)</script>.txt",
            "resume_source": '"><img src=x onerror=alert(1)>',
            "role": "<b>",
            "score": 10,
            "score_meaning": {"summary": hostile, "formula": hostile, "fit_band": hostile},
            "start_here": [{"rank": 1, "term": hostile, "label": hostile, "pillar": hostile,
                            "status": hostile, "reason": hostile, "study": hostile}],
            "pillar_coverage": {hostile: 50},
            "study_plan": [{"rank": 1, "label": "<img src=x>", "study": "<script>",
                            "status": hostile, "term": hostile}],
            "schedule": {"weeks": [{"number": hostile, "items": [{"label": "<script>"}]}]},
            "matched": [{"term": hostile, "label": hostile, "via": [hostile]}],
            "resume_reading": {"summary": hostile, "sections": [{"heading": hostile}]},
            "jd_text": "abc",
            "jd_mentions": [{"label": hostile, "start": 0, "end": 1, "status": "<i>"}],
            "resume_text": hostile,
            "resume_mentions": [{"label": hostile, "start": 0, "end": 3, "status": "matched"}],
        }
    )  # fmt: skip
    parsed = Page(page)
    tags = {tag for tag, _, _ in parsed.elements}
    assert not tags & {"script", "img", "b", "i"}
    assert [m[:3] for m in parsed.marks if m[3]] == [
        ("missing", hostile, "a"),
        ("matched", hostile, hostile[:3]),
    ]
    assert "Fit: &quot;&gt;&lt;script&gt;" in page


def test_nothing_external(html):
    page = Page(html)
    lowered = html.lower()
    assert "http://" not in lowered
    assert "https://" not in lowered
    assert "//" not in html
    assert "url(" not in lowered
    assert "@import" not in lowered
    for tag, attrs, _ in page.elements:
        for name in ("src", "srcset", "action", "xlink:href", "data"):
            assert name not in attrs, (tag, attrs)
        assert (attrs.get("href") or "#").startswith("#"), attrs  # in-page links only
    assert not {tag for tag, _, _ in page.elements} & {
        "link", "script", "iframe", "object", "embed", "img", "form",
    }  # fmt: skip


def test_one_bar_per_pillar(report, html):
    page = Page(html)
    rows = page.find("li", section="pillars")
    assert [row["data-pillar"] for row in rows] == list(PILLARS)
    widths = [float(re.fullmatch(r"width: ([\d.]+)%", bar["style"])[1])  # type: ignore[index]
              for bar in page.find("span", section="pillars", **{"class": "bar"})]  # fmt: skip
    coverage = report.pillar_coverage
    assert coverage["behavioural"] is None
    assert page.find("li", **{"class": "pillar-row not-asked", "data-pillar": "behavioural"})
    for pillar, width in zip(PILLARS, widths, strict=True):
        assert width == pytest.approx(coverage[pillar] or 0, abs=0.05)


def test_overlapping_and_out_of_order_mentions():
    text = "Python and PyTorch <x>"
    mentions = [
        {"label": "PyTorch", "start": 11, "end": 18, "status": "missing"},
        {"label": "Py", "start": 11, "end": 13, "status": "matched"},  # inside the one above
        {"label": "and PyTorch", "start": 7, "end": 18, "status": "matched"},  # overlaps
        {"label": "Python", "start": 0, "end": 6, "status": "matched"},
        {"label": "empty", "start": 5, "end": 5, "status": "matched"},
        {"label": "outside", "start": 40, "end": 50, "status": "matched"},
        {"label": "clamped", "start": 19, "end": 99, "status": "missing"},
    ]
    page = render_html({"jd_text": text, "jd_mentions": mentions})
    assert [m[:3] for m in Page(page).marks if m[3]] == [
        ("matched", "Python", "Python"),
        ("matched", "and PyTorch", "and PyTorch"),
        ("missing", "clamped", "<x>"),
    ]
    jd = page.split('<div class="doc-text jd" tabindex="0">')[1].split("</div>")[0]
    assert re.sub(r"<[^>]+>", "", jd) == "Python and PyTorch &lt;x&gt;"


def test_a_fit_band_is_shown_where_the_model_gives_one(report):
    data = report.to_dict()
    data["score_meaning"]["fit_band"] = "stretch"
    assert '<p class="band">Fit: stretch</p>' in render_html(data)
    from jdmatch.text_report import render_markdown, render_text

    assert f"Score: {report.score:.1f} / 100 (stretch)" in render_markdown(data)
    assert f"Score: {report.score:.1f} / 100 (stretch)" in render_text(data)


def test_many_postings_page_names_the_best_fit_and_ranks_with_companies():
    postings = sorted((EXAMPLES / "postings").glob("*.txt"))
    many = jdmatch.analyze_many(postings, EXAMPLES / "sample_resume.pdf")
    html = many.to_html()
    page = Page(html)
    assert html.split("<h1>")[1].split("</h1>")[0] == "One resume against 3 postings"
    ranking = html.split('id="ranking"')[1].split("</section>")[0]
    assert "Northwind Media" in ranking
    assert "Lumen Labs" in ranking
    assert "texts" not in page.ids()
    assert [a["href"] for a in page.find("a")] == [
        f"#{s['id']}" for s in many.to_dict()["sections"]
    ]


# --- the real browser -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium, which the tests never install themselves (.ci/run does); else skip."""
    if not CHROMIUM.exists():
        pytest.skip(
            f"no headless Chromium at {CHROMIUM}: install Debian's package with "
            "'apt-get install --no-install-recommends chromium' (as .ci/run does) to run this test"
        )
    return CHROMIUM


@pytest.fixture
def artifacts(tmp_path) -> Path:
    """Where the screenshots go: $JDMATCH_ARTIFACTS if set, else the test's temp folder."""
    folder = Path(os.environ.get("JDMATCH_ARTIFACTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def png_facts(data: bytes) -> tuple[int, int, int]:
    """Return width, height and the number of distinct decompressed byte values of a PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        if kind == b"IDAT":
            chunks.append(data[offset + 8 : offset + 8 + length])
        offset += 12 + length
    return width, height, len(set(zlib.decompress(b"".join(chunks))))


LAYOUT_FACTS = """() => {
  const q = (s) => document.querySelector(s);
  const rect = (s) => { const r = q(s).getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width,
            height: r.height}; };
  const wide = [...document.querySelectorAll('body *')].filter((el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') return false;
    }
    return r.right > window.innerWidth + 0.5 || r.left < -0.5;
  }).map((el) => el.tagName + '.' + el.className);
  return {
    innerWidth: window.innerWidth, innerHeight: window.innerHeight,
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    wide: wide.slice(0, 5),
    summary: rect('#start-here'), firstCard: rect('#start-here .card'),
    score: q('#score') ? rect('#score') : null,
    scripts: document.scripts.length, images: document.images.length,
  };
}"""

RENDER_FACTS = """() => {
  const q = (s) => document.querySelector(s);
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.width, r.height]; };
  return {
    gauge: box(q('#score svg')),
    arc: q('#score path.gauge-value').getTotalLength(),
    score: q('#score text.gauge-score').textContent,
    bars: [...document.querySelectorAll('#pillars li')].map((li) => [li.dataset.pillar,
      box(li.querySelector('.bar'))[0] / box(li.querySelector('.bar-track'))[0]]),
    planRows: [...document.querySelectorAll('#study-plan tbody tr')].filter(
      (r) => box(r)[1] > 0).length,
    jdMarks: document.querySelectorAll('.doc-text.jd mark').length,
    resumeMarks: document.querySelectorAll('.doc-text.resume mark').length,
    matchedColour: getComputedStyle(q('.doc-text mark.matched')).backgroundColor,
    missingColour: getComputedStyle(q('.doc-text mark.missing')).backgroundColor,
    jdText: q('.doc-text.jd').innerText,
    toc: [...document.querySelectorAll('nav.toc a')].map((a) => a.getAttribute('href')),
  };
}"""

PRINT_FACTS = """() => {
  const q = (s) => document.querySelector(s);
  const text = q('.doc-text.jd');
  return {
    toc: getComputedStyle(q('nav.toc')).display,
    foldedTable: q('#concepts table').getBoundingClientRect().height,
    foldedWeek: q('details.week:not([open]) table').getBoundingClientRect().height,
    clipped: text.scrollHeight - text.clientHeight,
  };
}"""


def _browse(chromium: Path, profile: Path, page_file: Path, visit) -> list[str]:
    """Open a page in headless Chromium, run ``visit(page)``; return every URL requested."""
    sync_api = pytest.importorskip("playwright.sync_api")
    requests: list[str] = []
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),  # a fresh profile for every run
            executable_path=str(chromium),
            headless=True,
            args=CHROMIUM_FLAGS,
            timeout=60_000,
            viewport={"width": 1280, "height": 800},
        )
        try:
            context.set_default_timeout(20_000)
            page = context.new_page()
            page.on("request", lambda request: requests.append(request.url))
            page.goto(page_file.as_uri(), wait_until="load")
            visit(page)
        finally:
            context.close()
    return requests


def _check_layout(page, artifacts: Path, name: str) -> dict[str, dict]:
    """Screenshot the page at each viewport and assert that it fits and opens on the summary."""
    facts = {}
    for viewport, (width, height) in VIEWPORTS.items():
        page.set_viewport_size({"width": width, "height": height})
        layout = page.evaluate(LAYOUT_FACTS)
        shot = artifacts / f"{name}-{viewport}.png"
        page.screenshot(path=str(shot))
        page.screenshot(path=str(artifacts / f"{name}-{viewport}-full.png"), full_page=True)
        png_width, png_height, distinct = png_facts(shot.read_bytes())
        assert (png_width, png_height) == (width, height)
        assert distinct > 50  # a real picture, not a blank page
        assert layout["overflow"] <= 0, (viewport, layout["wide"])  # nothing sideways
        assert layout["wide"] == [], viewport
        # The summary is above the fold: its heading and first item fit the first screen.
        assert 0 <= layout["summary"]["top"] < height / 2, viewport
        assert layout["firstCard"]["bottom"] <= height, viewport
        assert layout["scripts"] == 0
        assert layout["images"] == 0
        if layout["score"] and viewport == "desktop":  # beside the summary on a wide screen
            assert layout["score"]["top"] < height / 2
        facts[viewport] = layout
    return facts


@pytest.mark.slow  # a real headless browser
def test_renders_in_headless_chromium(chromium, example, tmp_path, artifacts):
    page_file = tmp_path / "report.html"
    page_file.write_text(example.to_html(), encoding="utf-8")
    found: dict = {}

    def visit(page):
        found["layout"] = _check_layout(page, artifacts, "report")
        page.set_viewport_size({"width": 1280, "height": 800})
        found["render"] = page.evaluate(RENDER_FACTS)
        page.emulate_media(media="print")
        found["print"] = page.evaluate(PRINT_FACTS)
        page.screenshot(path=str(artifacts / "report-print-full.png"), full_page=True)

    requests = _browse(chromium, tmp_path / "profile", page_file, visit)
    assert requests == [page_file.as_uri()]  # nothing but the file itself
    render = found["render"]
    # The gauge: a visible SVG, an arc as long as the score says, the score inside.
    assert render["gauge"][0] > 100
    assert render["gauge"][1] > 50
    assert render["score"] == f"{example.score:.1f}"
    assert render["arc"] == pytest.approx(3.14159 * 85 * example.score / 100, rel=0.02)
    # The chart: five bars, each as long as its pillar's coverage.
    assert [pillar for pillar, _ in render["bars"]] == list(PILLARS)
    for pillar, share in render["bars"]:
        assert share == pytest.approx((example.pillar_coverage[pillar] or 0) / 100, abs=0.01)
    assert render["planRows"] == DEFAULTS.top
    assert render["jdMarks"] == len(example.jd_mentions)
    matched = {item.term for item in example.matched}
    via = {label for item in example.gaps for label in item.via}
    assert render["resumeMarks"] == sum(
        m.term in matched or m.label in via for m in example.resume_mentions
    )
    assert render["matchedColour"] != render["missingColour"]
    assert render["toc"] == [f"#{key}" for key in SECTIONS]
    assert "Northwind Media" in render["jdText"]
    # Printed: no navigation, folded blocks unfolded, the texts not cut to a scroll box.
    printed = found["print"]
    assert printed["toc"] == "none"
    assert printed["foldedTable"] > 0
    assert printed["foldedWeek"] > 0
    assert printed["clipped"] <= 1


@pytest.mark.slow  # a real headless browser
def test_hostile_page_in_headless_chromium(chromium, report, tmp_path, artifacts):
    page_file = tmp_path / "hostile.html"
    page_file.write_text(report.to_html(), encoding="utf-8")
    found: dict = {}

    def visit(page):
        _check_layout(page, artifacts, "hostile")
        found["render"] = page.evaluate(RENDER_FACTS)

    requests = _browse(chromium, tmp_path / "profile", page_file, visit)
    assert requests == [page_file.as_uri()]
    assert "<script>alert(1)</script>" in found["render"]["jdText"]
    assert "<img src=x onerror=alert(1)>" in found["render"]["jdText"]


@pytest.mark.slow  # a real headless browser
def test_many_postings_page_in_headless_chromium(chromium, tmp_path, artifacts):
    postings = sorted((EXAMPLES / "postings").glob("*.txt"))
    many = jdmatch.analyze_many(postings, EXAMPLES / "sample_resume.pdf")
    page_file = tmp_path / "many.html"
    page_file.write_text(many.to_html(), encoding="utf-8")
    requests = _browse(
        chromium,
        tmp_path / "profile",
        page_file,
        lambda page: _check_layout(page, artifacts, "many"),
    )
    assert requests == [page_file.as_uri()]
