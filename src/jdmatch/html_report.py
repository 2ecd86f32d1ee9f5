"""Step 8b of the flow: the report as one self-contained HTML page.

:func:`render_html` turns the data of a report (:meth:`jdmatch.Report.to_dict` plus the job
description's text, its mentions and a schedule) into a single HTML file with inline CSS and
inline SVG only: no script, no font, no image and no link to anything outside the file, so it
opens offline, prints cleanly and can be mailed as it is. Every piece of document text goes
through :func:`html.escape`, so a job description holding markup shows that markup as text.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

from jdmatch.lexicon import PILLARS
from jdmatch.pillars import PILLAR_LABELS

#: How many study-plan rows the page shows.
STUDY_PLAN_ROWS = 25

_STATUSES = ("matched", "missing")

_CSS = """
:root { --ink: #1f2933; --muted: #52606d; --line: #cbd2d9; --soft: #f5f7fa;
  --accent: #3e6a8a; --matched: #d3ecd9; --matched-line: #2f7d4a; --missing: #f9dccf;
  --missing-line: #b4532a; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }
header { border-bottom: 2px solid var(--line); margin-bottom: 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 0 0 .5rem; border-bottom: 1px solid var(--line);
  padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: .75rem 0 .35rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem;
  margin: .5rem 0 1rem; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
section { margin: 1.5rem 0; break-inside: avoid-page; }
.overview { display: grid; grid-template-columns: minmax(14rem, 1fr) 2.4fr; gap: 1.5rem;
  align-items: start; }
.overview section { margin: 0; }
svg { display: block; max-width: 100%; height: auto; }
svg text { fill: var(--ink); font-family: inherit; }
.gauge-track { fill: none; stroke: #e4e7eb; stroke-width: 18; stroke-linecap: round; }
.gauge-value { fill: none; stroke: var(--accent); stroke-width: 18; stroke-linecap: round; }
.gauge-score { font-size: 34px; font-weight: 700; }
.gauge-caption { font-size: 12px; fill: var(--muted); }
.bar-track { fill: #eef1f4; }
.bar { fill: var(--accent); }
.bar-label { font-size: 13px; }
.bar-value { font-size: 13px; font-weight: 600; }
.not-asked .bar-track { fill: none; stroke: var(--line); stroke-dasharray: 4 3; }
.not-asked .bar-value { fill: var(--muted); font-weight: 400; font-style: italic; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; }
.concepts { margin: 0; padding: 0; list-style: none; }
.concepts li { padding: .2rem .4rem; border-left: 4px solid var(--line); margin: .2rem 0;
  background: var(--soft); }
.concepts.matched li { border-left-color: var(--matched-line); }
.concepts.missing li { border-left-color: var(--missing-line); }
.legend { color: var(--muted); font-size: .9em; margin: 0 0 .5rem; }
.jd { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--soft);
  border: 1px solid var(--line); padding: .75rem 1rem; font-size: .92rem; margin: 0; }
mark { color: inherit; padding: 0 .1em; border-radius: 2px; }
mark.matched { background: var(--matched); box-shadow: inset 0 -2px 0 var(--matched-line); }
mark.missing { background: var(--missing); box-shadow: inset 0 -2px 0 var(--missing-line); }
table { border-collapse: collapse; width: 100%; font-size: .88rem; margin: .25rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left;
  vertical-align: top; }
thead th { background: #e4e7eb; }
tbody tr:nth-child(even) { background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.plan { font-size: .84rem; }
.plan .short, .plan .num { white-space: nowrap; }
.plan .name { width: 28%; }
.detail { color: var(--muted); font-size: .85em; }
.status { font-weight: 600; }
.status.gap { color: var(--missing-line); }
.status.review { color: var(--matched-line); }
table.items { table-layout: fixed; }
.items .name { width: 12rem; }
.items .pillar { width: 9rem; }
.items .num { width: 4.5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; }
section.week { margin: .5rem 0 0; }
tr { break-inside: avoid; }
.empty { color: var(--muted); font-style: italic; }
footer { color: var(--muted); font-size: .8rem; border-top: 1px solid var(--line);
  padding-top: .5rem; margin-top: 2rem; }
@media (max-width: 48rem) { .overview, .columns { grid-template-columns: 1fr; } }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  section { margin: 1rem 0; }
  thead { display: table-header-group; }
  h2 { break-after: avoid-page; }
}
"""


def render_html(data: Mapping[str, Any]) -> str:
    """Render a report's data as one self-contained HTML page.

    The page holds a title with the two sources and the detected role and seniority, a score
    gauge, a bar chart of coverage by pillar, the matched and missing concepts, the job
    description with every mention highlighted, the top of the study plan and the week-by-week
    schedule. Its blocks have the ids ``score-gauge``, ``pillar-chart``, ``matched-missing``,
    ``jd-text``, ``study-plan`` and ``schedule``. Styles and charts are inline; the page has no
    script and refers to nothing outside itself. Keys that are missing are shown as empty.

    Args:
        data: :meth:`jdmatch.Report.to_dict` plus ``jd_text`` (the job description's text),
            ``jd_mentions`` (a list of ``{term, label, start, end, status}`` with ``status``
            ``"matched"`` or ``"missing"``; offsets index ``jd_text``, any order, overlaps
            allowed) and ``schedule`` (:meth:`jdmatch.scheduling.Schedule.to_dict`).

    Returns:
        The HTML document, starting with ``<!DOCTYPE html>``.

    Example:
        >>> page = render_html(
        ...     {
        ...         "score": 75.0,
        ...         "jd_text": "PyTorch <b>and</b> Kafka",
        ...         "jd_mentions": [
        ...             {"term": "apache_kafka", "label": "Apache Kafka", "start": 19,
        ...              "end": 24, "status": "missing"},
        ...             {"term": "pytorch", "label": "PyTorch", "start": 0, "end": 7,
        ...              "status": "matched"},
        ...         ],
        ...     }
        ... )
        >>> page.startswith("<!DOCTYPE html>")
        True
        >>> '<mark class="matched" title="PyTorch">PyTorch</mark> &lt;b&gt;and' in page
        True
        >>> '<mark class="missing" title="Apache Kafka">Kafka</mark>' in page
        True
    """
    jd_source = _str(data.get("jd_source", ""))
    resume_source = _str(data.get("resume_source", ""))
    role = _str(data.get("role", "")).replace("_", " ")
    seniority = _str(data.get("seniority", ""))
    title = f"jdmatch report: {jd_source or 'job description'} vs {resume_source or 'resume'}"
    details = [
        ("Job description", jd_source),
        ("Resume", resume_source),
        ("Detected role", role + (f" ({seniority})" if seniority else "")),
        ("Fit", _str(_mapping(data.get("fit")).get("summary"))),
    ]
    body = [
        '<div class="overview">',
        _gauge_section(data.get("score")),
        _pillar_section(_mapping(data.get("pillar_coverage"))),
        "</div>",
        _matched_missing_section(_rows(data.get("matched")), _rows(data.get("gaps"))),
        _jd_section(_str(data.get("jd_text", "")), _rows(data.get("jd_mentions"))),
        _plan_section(_rows(data.get("study_plan"))),
        _schedule_section(_mapping(data.get("schedule"))),
    ]
    return _page(title, "jdmatch report", details, body, data)


def render_many_html(data: Mapping[str, Any]) -> str:
    """Render one resume against many postings as one self-contained HTML page.

    The page holds the ranking of the postings (id ``ranking``), the pooled study plan
    (``study-plan``) and the schedule (``schedule``), styled like :func:`render_html`.

    Args:
        data: :meth:`jdmatch.MultiReport.to_dict` plus ``schedule``
            (:meth:`jdmatch.scheduling.Schedule.to_dict`).

    Returns:
        The HTML document, starting with ``<!DOCTYPE html>``.

    Example:
        >>> page = render_many_html({"resume_source": "cv.pdf", "ranking": [
        ...     {"rank": 1, "title": "ML <Engineer>", "score": 40.0, "role": "ml_engineer",
        ...      "why": "covers 4 of 10 concepts"}]})
        >>> "ML &lt;Engineer&gt;" in page and 'id="ranking"' in page
        True
    """
    resume_source = _str(data.get("resume_source", ""))
    ranking = _rows(data.get("ranking"))
    details = [
        ("Resume", resume_source),
        ("Postings", f"{len(ranking)} scored, {len(_rows(data.get('skipped')))} skipped"),
    ]
    body = [
        _ranking_section(ranking),
        _plan_section(_rows(data.get("study_plan"))),
        _schedule_section(_mapping(data.get("schedule"))),
    ]
    return _page(f"jdmatch: {resume_source or 'resume'} vs many postings", "jdmatch: many "
                 "postings", details, body, data)  # fmt: skip


def _page(
    title: str,
    heading: str,
    details: Sequence[tuple[str, str]],
    body: Sequence[str],
    data: Mapping[str, Any],
) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # Nothing on the page may load from anywhere, even if a later edit tried.
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="referrer" content="no-referrer">',
        f"<title>{escape(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape(heading)}</h1>",
        '<dl class="meta">',
        *(f"<dt>{escape(name)}</dt><dd>{escape(value)}</dd>" for name, value in details),
        "</dl>",
        "</header>",
        "<main>",
        *body,
        "</main>",
        "<footer>Made by jdmatch"
        + (
            f", report schema {escape(_str(data['schema_version']))}"
            if "schema_version" in data
            else ""
        )
        + ". Coverage is TF-IDF weighted; see the project README for the formula.</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _ranking_section(ranking: Sequence[Mapping[str, Any]]) -> str:
    rows = [
        "<tr>"
        f'<td class="num">{escape(_str(row.get("rank")))}</td>'
        f'<td class="name"><strong>{escape(_str(row.get("title") or row.get("jd")))}</strong>'
        f'<br><span class="detail">{escape(_str(row.get("why")))}</span></td>'
        f'<td class="short">{escape(_str(row.get("role")).replace("_", " "))}</td>'
        f'<td class="num">{escape(_str(row.get("score")))}</td>'
        "</tr>"
        for row in ranking
    ]
    return "\n".join(
        [
            '<section id="ranking" aria-labelledby="ranking-title">',
            '<h2 id="ranking-title">Postings, best fit first</h2>',
            '<table class="plan"><thead><tr><th scope="col" class="num">#</th>'
            '<th scope="col" class="name">Posting and why</th><th scope="col" class="short">'
            'Role</th><th scope="col" class="num">Score</th></tr></thead><tbody>',
            *rows,
            "</tbody></table>",
            "</section>",
        ]
    )


def _gauge_section(score: Any) -> str:
    value = _number(score)
    shown = 0.0 if value is None else min(max(value, 0.0), 100.0)
    cx, cy, r = 110.0, 110.0, 85.0
    track = f"M {cx - r:.1f} {cy:.1f} A {r:.1f} {r:.1f} 0 0 1 {cx + r:.1f} {cy:.1f}"
    arc = ""
    if shown > 0:
        angle = math.pi * (1 - shown / 100)
        x, y = cx + r * math.cos(angle), cy - r * math.sin(angle)
        arc = (
            f'<path class="gauge-value" d="M {cx - r:.1f} {cy:.1f} '
            f'A {r:.1f} {r:.1f} 0 0 1 {x:.2f} {y:.2f}"/>'
        )
    text = "—" if value is None else f"{value:.0f}"
    label = "no score" if value is None else f"Coverage score {value:.1f} out of 100"
    return "\n".join(
        [
            '<section id="score-gauge" aria-labelledby="score-gauge-title">',
            '<h2 id="score-gauge-title">Coverage score</h2>',
            f'<svg viewBox="0 0 220 150" width="220" height="150" role="img" '
            f'aria-label="{escape(label)}">',
            f"<title>{escape(label)}</title>",
            f'<path class="gauge-track" d="{track}"/>',
            arc,
            f'<text class="gauge-score" x="{cx:.0f}" y="{cy - 8:.0f}" '
            f'text-anchor="middle">{escape(text)}</text>',
            f'<text class="gauge-caption" x="{cx:.0f}" y="{cy + 14:.0f}" '
            'text-anchor="middle">out of 100</text>',
            f'<text class="gauge-caption" x="{cx - r:.0f}" y="{cy + 30:.0f}" '
            'text-anchor="middle">0</text>',
            f'<text class="gauge-caption" x="{cx + r:.0f}" y="{cy + 30:.0f}" '
            'text-anchor="middle">100</text>',
            "</svg>",
            "</section>",
        ]
    )


def _pillar_section(coverage: Mapping[str, Any]) -> str:
    pillars = list(PILLARS) + [p for p in coverage if p not in PILLARS]
    label_width, bar_width, row_height = 330, 300, 34
    width = label_width + bar_width + 80
    height = row_height * len(pillars) + 10
    rows: list[str] = []
    for index, pillar in enumerate(pillars):
        value = _number(coverage.get(pillar))
        label = PILLAR_LABELS.get(pillar, pillar.replace("_", " "))
        y = 6 + index * row_height
        fill = 0.0 if value is None else bar_width * min(max(value, 0.0), 100.0) / 100
        shown = "not asked" if value is None else f"{value:.0f}%"
        state = " not-asked" if value is None else ""
        tip = f"{label}: {'not asked in the job description' if value is None else shown}"
        rows.append(
            f'<g class="pillar{state}" data-pillar="{escape(pillar)}">'
            f"<title>{escape(tip)}</title>"
            f'<text class="bar-label" x="0" y="{y + 17}">{escape(label)}</text>'
            f'<rect class="bar-track" x="{label_width}" y="{y}" width="{bar_width}" '
            f'height="22" rx="3"/>'
            f'<rect class="bar" data-pillar="{escape(pillar)}" x="{label_width}" y="{y}" '
            f'width="{fill:.1f}" height="22" rx="3"/>'
            f'<text class="bar-value" x="{label_width + bar_width + 8}" y="{y + 17}">'
            f"{escape(shown)}</text>"
            "</g>"
        )
    return "\n".join(
        [
            '<section id="pillar-chart" aria-labelledby="pillar-chart-title">',
            '<h2 id="pillar-chart-title">Coverage by interview pillar</h2>',
            f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            'aria-label="Coverage by pillar, 0 to 100 percent">',
            *rows,
            "</svg>",
            "</section>",
        ]
    )


def _matched_missing_section(
    matched: Sequence[Mapping[str, Any]], gaps: Sequence[Mapping[str, Any]]
) -> str:
    def items(rows: Sequence[Mapping[str, Any]], status: str) -> str:
        if not rows:
            return '<p class="empty">None.</p>'
        lines = [f'<ul class="concepts {status}">']
        for row in rows:
            count = _number(row.get("jd_count")) or 0
            details = [
                _str(row.get("requirement", "")),
                _str(row.get("evidence", "")) if status == "matched" else "",
                f"named {count:g}× in the JD" if count > 1 else "",
            ]
            detail = ", ".join(d for d in details if d)
            lines.append(
                f'<li data-term="{escape(_str(row.get("term", "")))}">'
                f"{escape(_str(row.get('label', row.get('term', ''))))}"
                + (f' <span class="detail">({escape(detail)})</span>' if detail else "")
                + "</li>"
            )
        lines.append("</ul>")
        return "\n".join(lines)

    return "\n".join(
        [
            '<section id="matched-missing" aria-labelledby="matched-missing-title">',
            '<h2 id="matched-missing-title">Concepts of the job description</h2>',
            '<div class="columns">',
            "<div>",
            f"<h3>Matched in the resume ({len(matched)})</h3>",
            items(matched, "matched"),
            "</div>",
            "<div>",
            f"<h3>Missing from the resume ({len(gaps)})</h3>",
            items(gaps, "missing"),
            "</div>",
            "</div>",
            "</section>",
        ]
    )


def _jd_section(text: str, mentions: Sequence[Mapping[str, Any]]) -> str:
    return "\n".join(
        [
            '<section id="jd-text" aria-labelledby="jd-text-title">',
            '<h2 id="jd-text-title">Job description</h2>',
            '<p class="legend"><mark class="matched">matched</mark> the resume shows it; '
            '<mark class="missing">missing</mark> it does not.</p>',
            f'<div class="jd">{highlight(text, mentions)}</div>',
            "</section>",
        ]
    )


def highlight(text: str, mentions: Iterable[Mapping[str, Any]]) -> str:
    """Return ``text`` escaped for HTML, with each mention wrapped in a ``<mark>``.

    Mentions may come in any order. Offsets are clamped to the text; empty spans are dropped;
    where two mentions overlap, the one starting first (the longer one on a tie) wins, so the
    markup stays well nested.

    Args:
        text: The plain text.
        mentions: ``{start, end, label, status}`` mappings; ``status`` ``"matched"`` gives
            ``class="matched"``, anything else ``class="missing"``.

    Returns:
        HTML text.

    Example:
        >>> highlight("a<b> SQL", [{"start": 5, "end": 8, "label": "SQL", "status": "matched"}])
        'a&lt;b&gt; <mark class="matched" title="SQL">SQL</mark>'
    """
    spans: list[tuple[int, int, str, str]] = []
    for mention in mentions:
        start, end = _number(mention.get("start")), _number(mention.get("end"))
        if start is None or end is None:
            continue
        low, high = max(0, int(start)), min(len(text), int(end))
        if low >= high:
            continue
        status = _str(mention.get("status", ""))
        label = _str(mention.get("label", mention.get("term", "")))
        spans.append((low, high, status if status in _STATUSES else "missing", label))
    spans.sort(key=lambda span: (span[0], -span[1]))
    out: list[str] = []
    cursor = 0
    for start, end, status, label in spans:
        if start < cursor:
            continue
        out.append(escape(text[cursor:start]))
        out.append(
            f'<mark class="{status}" title="{escape(label)}">{escape(text[start:end])}</mark>'
        )
        cursor = end
    out.append(escape(text[cursor:]))
    return "".join(out)


def _plan_section(plan: Sequence[Mapping[str, Any]]) -> str:
    shown = plan[:STUDY_PLAN_ROWS]
    head = (
        '<th scope="col" class="num">#</th><th scope="col" class="name">Concept and why</th>'
        '<th scope="col" class="short">Pillar</th><th scope="col" class="short">Status</th>'
        '<th scope="col" class="num">Priority</th><th scope="col">What to study</th>'
    )
    body: list[str] = []
    for row in shown:
        priority = _number(row.get("priority"))
        status = _str(row.get("status"))
        asked = " / ".join(
            _str(row.get(key)) for key in ("requirement", "evidence") if row.get(key)
        )
        reason = _str(row.get("reason"))
        body.append(
            "<tr>"
            f'<td class="num">{escape(_str(row.get("rank")))}</td>'
            f'<td class="name"><strong>{escape(_str(row.get("label", row.get("term"))))}'
            "</strong>"
            + (f'<br><span class="detail">{escape(reason)}</span>' if reason else "")
            + "</td>"
            f'<td class="short">{escape(_str(row.get("pillar")).replace("_", " "))}</td>'
            f'<td class="short"><span class="status {escape(status)}">{escape(status)}</span>'
            + (f'<br><span class="detail">{escape(asked)}</span>' if asked else "")
            + "</td>"
            f'<td class="num">{"" if priority is None else f"{priority:.0f}"}</td>'
            f'<td class="study">{escape(_str(row.get("study")))}</td>'
            "</tr>"
        )
    caption = f"Top {len(shown)} of {len(plan)} concepts, highest priority first"
    table = (
        "\n".join(
            [
                '<table class="plan">',
                f"<caption>{escape(caption)}</caption>",
                f"<thead><tr>{head}</tr></thead>",
                "<tbody>",
                *body,
                "</tbody>",
                "</table>",
            ]
        )
        if shown
        else '<p class="empty">Nothing to study.</p>'
    )
    return "\n".join(
        [
            '<section id="study-plan" aria-labelledby="study-plan-title">',
            '<h2 id="study-plan-title">Study plan</h2>',
            table,
            "</section>",
        ]
    )


def _schedule_section(schedule: Mapping[str, Any]) -> str:
    weeks = _rows(schedule.get("weeks"))
    unscheduled = _rows(schedule.get("unscheduled"))
    per_week = _number(schedule.get("hours_per_week"))
    parts = [
        '<section id="schedule" aria-labelledby="schedule-title">',
        '<h2 id="schedule-title">Schedule</h2>',
    ]
    if per_week is not None:
        parts.append(
            f"<p>{len(weeks)} weeks at {escape(_hours(per_week))} hours a week: foundations "
            "first, system design last, one behavioural story every week.</p>"
        )
    if not weeks:
        parts.append('<p class="empty">No schedule.</p>')
    for week in weeks:
        number = _str(week.get("number", ""))
        focus = ", ".join(_str(p).replace("_", " ") for p in _list(week.get("focus")))
        heading = f"Week {number} · {_hours(week.get('hours'))} h"
        if focus:
            heading += f" · {focus}"
        items = _rows(week.get("items"))
        parts += [
            f'<section class="week" id="week-{escape(number)}">',
            f"<h3>{escape(heading)}</h3>",
            _items_table(f"Week {number}", items)
            if items
            else '<p class="empty">Nothing new this week: revisit the earlier weeks.</p>',
            "</section>",
        ]
    if unscheduled:
        parts.append(
            '<section class="unscheduled">\n'
            f"<h3>Did not fit the budget ({len(unscheduled)})</h3>\n"
            + _items_table("Unscheduled", unscheduled)
            + "\n</section>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def _items_table(caption: str, items: Sequence[Mapping[str, Any]]) -> str:
    rows = [
        "<tr>"
        f'<td class="name">{escape(_str(item.get("label", item.get("term", ""))))}</td>'
        f'<td class="pillar">{escape(_str(item.get("pillar", "")).replace("_", " "))}</td>'
        f'<td class="num">{escape(_hours(item.get("hours")))}</td>'
        f"<td>{escape(_str(item.get('prompt', '')))}</td>"
        "</tr>"
        for item in items
    ]
    return "\n".join(
        [
            '<table class="items">',
            f'<caption class="visually-hidden">{escape(caption)}</caption>',
            '<thead><tr><th scope="col" class="name">Concept</th>'
            '<th scope="col" class="pillar">Pillar</th><th scope="col" class="num">Hours</th>'
            '<th scope="col">What to do</th></tr></thead>',
            "<tbody>",
            *rows,
            "</tbody>",
            "</table>",
        ]
    )


def _hours(value: Any) -> str:
    number = _number(value)
    return "" if number is None else f"{number:g}"


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if not isinstance(value, (int, float)):
        try:
            value = float(value)
        except (TypeError, ValueError):
            return None
    number = float(value)
    return None if math.isnan(number) or math.isinf(number) else number


def _str(value: Any) -> str:
    return "" if value is None else str(value)


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        return []
    return list(value)


def _rows(value: Any) -> list[Mapping[str, Any]]:
    return [row for row in _list(value) if isinstance(row, Mapping)]
