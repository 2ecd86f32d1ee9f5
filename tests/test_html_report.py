"""The HTML report: one self-contained, escaped page, checked by parsing it and in Chromium."""

from __future__ import annotations

import itertools
import re
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

import jdmatch
from jdmatch.html_report import render_html
from jdmatch.lexicon import PILLARS

BLOCKS = ("score-gauge", "pillar-chart", "matched-missing", "jd-text", "study-plan", "schedule")
HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(1)> & "quotes" </div>'
JD = f"""Senior Machine Learning Engineer

Requirements:
- 5+ years of Python and SQL; PyTorch and XGBoost in production.
- Kubernetes, Kafka and a feature store for real-time serving.
- Statistics, A/B testing and gradient boosting.
{HOSTILE}
"""
RESUME = [
    "Jane Doe - Machine learning engineer",
    "Experience",
    "Built PyTorch models and SQL pipelines in Python on AWS, cutting latency by 30%.",
    "Skills: Docker, statistics",
]
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
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


def report_data(report, *, weeks=8, hours_per_week=10):
    data = report.to_dict()
    matched = {item.term for item in report.matched}
    data["jd_text"] = report.jd_text
    data["jd_mentions"] = [
        {"term": m.term, "label": m.label, "start": m.start, "end": m.end,
         "status": "matched" if m.term in matched else "missing"}
        for m in report.jd_mentions
    ]  # fmt: skip
    data["schedule"] = report.schedule(weeks=weeks, hours_per_week=hours_per_week).to_dict()
    return data


class Page(HTMLParser):
    """Every element with its attributes, plus the text inside each <mark>."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[tuple[str | None, str | None, str]] = []
        self._mark: list[str] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag == "mark":
            self._mark = []
            self._mark_attrs = attributes

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "mark" and self._mark is not None:
            attrs = self._mark_attrs
            self.marks.append((attrs.get("class"), attrs.get("title"), "".join(self._mark)))
            self._mark = None

    def handle_data(self, data):
        if self._mark is not None:
            self._mark.append(data)

    def ids(self) -> set[str]:
        return {attrs["id"] for _, attrs in self.elements if attrs.get("id")}

    def find(self, tag: str, **wanted: str) -> list[dict[str, str | None]]:
        return [
            attrs
            for name, attrs in self.elements
            if name == tag and all(attrs.get(k) == v for k, v in wanted.items())
        ]


@pytest.fixture
def report(pdf_file):
    return jdmatch.analyze(JD, pdf_file(RESUME, name="resume.pdf"))


@pytest.fixture
def data(report):
    return report_data(report)


@pytest.fixture
def html(data):
    return render_html(data)


@pytest.fixture
def report_file(tmp_path, html):
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    return path


def test_page_parses_and_has_every_block(html, data):
    page = Page(html)
    assert html.startswith("<!DOCTYPE html>")
    assert set(BLOCKS) <= page.ids()
    for block in BLOCKS:
        assert page.find("section", id=block), block
    assert page.find("title")
    assert "resume.pdf" in html
    assert "ml engineer (senior)" in html
    # The gauge shows the score as text inside the SVG.
    gauge = html.split('id="score-gauge"')[1].split("</section>")[0]
    assert "<svg" in gauge
    assert f">{data['score']:.0f}</text>" in gauge
    # The study plan shows at most 25 rows, the schedule one table per week.
    plan = html.split('id="study-plan"')[1].split("</section>")[0]
    assert plan.count("<tr>") - 1 == min(25, len(data["study_plan"]))
    weeks = data["schedule"]["weeks"]
    assert [a["id"] for a in page.find("section", **{"class": "week"})] == [
        f"week-{week['number']}" for week in weeks
    ]
    assert len(page.find("table", **{"class": "items"})) == sum(1 for w in weeks if w["items"])


def test_every_mention_is_marked_with_its_status(report, data, html):
    mentions = sorted(report.jd_mentions, key=lambda m: m.start)
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))  # no overlaps here
    matched = {item.term for item in report.matched}
    expected = [
        ("matched" if m.term in matched else "missing", m.label, report.jd_text[m.start : m.end])
        for m in mentions
    ]
    marks = Page(html).marks
    legend = [("matched", None, "matched"), ("missing", None, "missing")]
    assert marks[:2] == legend
    assert marks[2:] == expected
    assert {status for status, _, _ in expected} == {"matched", "missing"}


def test_long_plan_is_cut_at_25_rows_and_unscheduled_is_listed():
    report = jdmatch.analyze(
        EXAMPLES / "postings" / "ml_engineer_jd.txt", EXAMPLES / "sample_resume.pdf"
    )
    data = report_data(report, weeks=2, hours_per_week=6)
    assert len(data["study_plan"]) > 25
    assert data["schedule"]["unscheduled"]
    html = render_html(data)
    plan = html.split('id="study-plan"')[1].split("</section>")[0]
    assert plan.count("<tr>") == 1 + 25
    assert f"Top 25 of {len(data['study_plan'])} concepts" in plan
    page = Page(html)
    assert len(page.find("section", **{"class": "unscheduled"})) == 1
    unscheduled = html.split('class="unscheduled"')[1].split("</section>")[0]
    assert unscheduled.count("<tr>") == 1 + len(data["schedule"]["unscheduled"])


def test_matched_and_missing_lists(report, html):
    page = Page(html)
    matched = [a["data-term"] for a in page.find("li") if a.get("data-term")]
    assert matched == [item.term for item in (*report.matched, *report.gaps)]
    assert page.find("ul", **{"class": "concepts matched"})
    assert page.find("ul", **{"class": "concepts missing"})


def test_document_text_is_escaped(html):
    page = Page(html)
    tags = {tag for tag, _ in page.elements}
    assert "script" not in tags
    assert "img" not in tags
    assert not any(any(name.startswith("on") for name in attrs) for _, attrs in page.elements)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&amp; &quot;quotes&quot; &lt;/div&gt;" in html


def test_hostile_sources_and_labels_are_escaped():
    page = render_html(
        {
            "jd_source": "<script>alert(1)</script>.txt",
            "resume_source": '"><img src=x onerror=alert(1)>',
            "role": "<b>",
            "score": 10,
            "jd_text": "abc",
            "jd_mentions": [
                {"label": '"><script>x</script>', "start": 0, "end": 1, "status": "<i>"}
            ],
            "study_plan": [{"rank": 1, "label": "<img src=x>", "study": "<script>"}],
            "schedule": {"weeks": [{"number": 1, "items": [{"label": "<script>"}]}]},
        }
    )
    tags = {tag for tag, _ in Page(page).elements}
    assert not tags & {"script", "img", "b", "i"}
    assert Page(page).marks[2:] == [("missing", '"><script>x</script>', "a")]


def test_nothing_external(html):
    page = Page(html)
    lowered = html.lower()
    assert "http://" not in lowered
    assert "https://" not in lowered
    assert "//" not in html
    assert "url(" not in lowered
    assert "@import" not in lowered
    for tag, attrs in page.elements:
        for name in ("src", "href", "srcset", "action", "xlink:href", "data"):
            assert name not in attrs, (tag, attrs)
    assert not {tag for tag, _ in page.elements} & {"link", "script", "iframe", "object", "embed"}


def test_one_bar_per_pillar(data, html):
    page = Page(html)
    bars = page.find("rect", **{"class": "bar"})
    assert [bar["data-pillar"] for bar in bars] == list(PILLARS)
    widths = {bar["data-pillar"]: float(bar["width"]) for bar in bars}
    coverage = data["pillar_coverage"]
    assert coverage["behavioural"] is None
    assert widths["behavioural"] == 0
    assert page.find("g", **{"class": "pillar not-asked", "data-pillar": "behavioural"})
    assert "not asked" in html
    full = max(widths.values()) / (max(v for v in coverage.values() if v) / 100)
    for pillar, value in coverage.items():
        assert widths[pillar] == pytest.approx(full * (value or 0) / 100, abs=0.1)


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
    assert Page(page).marks[2:] == [
        ("matched", "Python", "Python"),
        ("matched", "and PyTorch", "and PyTorch"),
        ("missing", "clamped", "<x>"),
    ]
    jd = page.split('<div class="jd">')[1].split("</div>")[0]
    assert re.sub(r"<[^>]+>", "", jd) == "Python and PyTorch &lt;x&gt;"


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


RENDER_FACTS = """() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.width, r.height]; };
  const q = (s) => document.querySelector(s);
  const css = (s, p) => getComputedStyle(q(s)).getPropertyValue(p);
  return {
    gauge: box(q('#score-gauge svg')),
    arc: q('#score-gauge path.gauge-value').getTotalLength(),
    score: q('#score-gauge text.gauge-score').textContent,
    bars: [...document.querySelectorAll('#pillar-chart rect.bar')].map(
      (r) => [r.dataset.pillar, r.getBoundingClientRect().width]),
    track: box(q('#pillar-chart rect.bar-track')),
    planRows: [...document.querySelectorAll('#study-plan tbody tr')].filter(
      (r) => box(r)[1] > 0).length,
    weeks: [...document.querySelectorAll('#schedule section.week')].filter(
      (t) => box(t)[1] > 0).length,
    weekRows: [...document.querySelectorAll('#schedule section.week tbody tr')].filter(
      (r) => box(r)[1] > 0).length,
    marks: document.querySelectorAll('#jd-text .jd mark').length,
    matchedColour: css('#jd-text .jd mark.matched', 'background-color'),
    missingColour: css('#jd-text .jd mark.missing', 'background-color'),
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    scripts: document.scripts.length,
    images: document.images.length,
    jdText: q('#jd-text .jd').innerText,
  };
}"""


@pytest.mark.slow  # a real headless browser
def test_renders_in_headless_chromium(chromium, report_file, data, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    url = report_file.as_uri()
    requests: list[str] = []
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),  # a fresh profile for every run
            executable_path=str(chromium),
            headless=True,
            args=CHROMIUM_FLAGS,
            timeout=60_000,
            viewport={"width": 1100, "height": 900},
        )
        try:
            context.set_default_timeout(20_000)
            page = context.new_page()
            page.on("request", lambda request: requests.append(request.url))
            page.goto(url, wait_until="load")
            facts = page.evaluate(RENDER_FACTS)
            screenshot = tmp_path / "report.png"
            page.screenshot(path=str(screenshot), full_page=True)
        finally:
            context.close()

    assert requests == [url]
    assert facts["overflow"] <= 0  # nothing wider than the window
    assert facts["scripts"] == 0
    assert facts["images"] == 0
    # The gauge: a visible SVG, an arc as long as the score says, the score inside.
    assert facts["gauge"][0] > 100
    assert facts["gauge"][1] > 50
    score = data["score"]
    assert facts["score"] == f"{score:.0f}"
    assert facts["arc"] == pytest.approx(3.14159 * 85 * score / 100, rel=0.02)
    # The chart: five bars, each as wide as its pillar's coverage.
    assert [pillar for pillar, _ in facts["bars"]] == list(PILLARS)
    track = facts["track"][0]
    assert track > 100
    for pillar, width in facts["bars"]:
        value = data["pillar_coverage"][pillar] or 0
        assert width == pytest.approx(track * value / 100, abs=1.5), pillar
    # The tables and the highlighted JD.
    assert facts["planRows"] == min(25, len(data["study_plan"]))
    assert facts["weeks"] == len(data["schedule"]["weeks"])
    assert facts["weekRows"] == sum(len(week["items"]) for week in data["schedule"]["weeks"])
    assert facts["marks"] == len(data["jd_mentions"])
    assert facts["matchedColour"] != facts["missingColour"]
    assert "<script>alert(1)</script>" in facts["jdText"]
    assert "<img src=x onerror=alert(1)>" in facts["jdText"]
    # A real picture of the page.
    png = screenshot.read_bytes()
    width, height, distinct = png_facts(png)
    assert width >= 1000
    assert height > 900
    assert len(png) > 20_000
    assert distinct > 50
