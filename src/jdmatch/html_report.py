"""Step 8b of the flow: the report as one self-contained HTML page, and the notebook view.

:func:`render_html` turns the report model (:meth:`jdmatch.Report.to_dict`, plus for one posting
the two texts and their mentions) into a single HTML file with inline CSS and inline SVG only:
no script, no font, no image and no link to anything outside the file, so it opens offline,
prints cleanly and can be mailed as it is. Every piece of document text goes through
:func:`html.escape`, so a job description holding markup shows that markup as text.

The page is headed by the job title and company, has a table of contents, shows the "start
here" summary and the score first, folds long sections into ``<details>`` blocks, shows the
posting and the resume side by side with concepts highlighted in both, reflows its tables into
cards at phone width, and has a print stylesheet (every block unfolded, no navigation). With
``fragment=True`` it is the notebook view: the same content in one ``<div>`` whose styles are
scoped to it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

from jdmatch.text_report import headline, pillar_label, sources_line

_STATUSES = ("matched", "partial", "missing")
#: The section of the page that only HTML has: both texts side by side.
TEXTS_SECTION = ("texts", "Posting and resume side by side")

_PAGE_CSS = """
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #fff; }
"""

_CSS = """
.jdmatch { --ink: #1f2933; --muted: #52606d; --line: #cbd2d9; --soft: #f5f7fa;
  --accent: #2f5f82; --matched: #d3ecd9; --matched-line: #2f7d4a; --missing: #f9dccf;
  --missing-line: #b4532a; --partial: #f8edc4; --partial-line: #8a6d00;
  color: var(--ink); background: #fff; max-width: 74rem; margin: 0 auto; padding: 1.25rem;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; overflow-wrap: break-word; }
.jdmatch * { box-sizing: border-box; }
.jdmatch .masthead { border-bottom: 2px solid var(--line); padding-bottom: .6rem; }
.jdmatch .kicker { margin: 0; color: var(--muted); font-size: .78rem; letter-spacing: .06em;
  text-transform: uppercase; }
.jdmatch h1 { font-size: 1.55rem; line-height: 1.25; margin: .15rem 0 .2rem;
  overflow-wrap: anywhere; }
.jdmatch .subtitle { margin: 0; color: var(--muted); overflow-wrap: anywhere; }
.jdmatch nav.toc ol { list-style: none; display: flex; flex-wrap: wrap; gap: .35rem;
  margin: .7rem 0 0; padding: 0; }
.jdmatch nav.toc a { display: inline-block; padding: .05rem .6rem; border: 1px solid var(--line);
  border-radius: 999px; color: var(--accent); text-decoration: none; font-size: .84rem; }
.jdmatch nav.toc a:hover, .jdmatch nav.toc a:focus { background: var(--soft); }
.jdmatch section { margin: 1.6rem 0; }
.jdmatch h2 { font-size: 1.2rem; margin: 0 0 .5rem; border-bottom: 1px solid var(--line);
  padding-bottom: .2rem; }
.jdmatch h3 { font-size: 1rem; margin: .8rem 0 .35rem; }
.jdmatch p { margin: .35rem 0; }
.jdmatch .note, .jdmatch .detail { color: var(--muted); font-size: .88em; }
.jdmatch .overview { display: grid; grid-template-columns: minmax(0, 2fr) minmax(15rem, 1fr);
  gap: 1.5rem; align-items: start; margin-top: 1.1rem; }
.jdmatch .overview section { margin: 0; }
.jdmatch ol.cards { list-style: none; margin: 0; padding: 0; display: grid; gap: .6rem;
  grid-template-columns: minmax(0, 1fr); }
.jdmatch .card { border: 1px solid var(--line); border-left: 4px solid var(--missing-line);
  border-radius: 4px; padding: .5rem .75rem; background: #fff; }
.jdmatch .card.review { border-left-color: var(--matched-line); }
.jdmatch .card.partial { border-left-color: var(--partial-line); }
.jdmatch .card-title { margin: 0 0 .2rem; font-size: 1.02rem; }
.jdmatch .rank { display: inline-block; min-width: 1.6rem; height: 1.6rem; line-height: 1.6rem;
  border-radius: 50%; background: var(--accent); color: #fff; text-align: center;
  font-weight: 700; font-size: .85rem; margin-right: .35rem; }
.jdmatch .tag { display: inline-block; font-size: .75rem; padding: 0 .4rem; border-radius: 3px;
  background: var(--soft); border: 1px solid var(--line); color: var(--muted);
  vertical-align: middle; white-space: nowrap; }
.jdmatch .field { font-weight: 600; color: var(--muted); margin-right: .3rem; }
.jdmatch .card p { font-size: .9rem; }
.jdmatch .gauge { margin: 0 auto .2rem; }
.jdmatch .meaning { font-weight: 500; }
.jdmatch .band { font-weight: 600; }
.jdmatch svg { display: block; max-width: 100%; height: auto; }
.jdmatch svg text { fill: var(--ink); font-family: inherit; }
.jdmatch .gauge-track { fill: none; stroke: #e4e7eb; stroke-width: 18; stroke-linecap: round; }
.jdmatch .gauge-value { fill: none; stroke: var(--accent); stroke-width: 18;
  stroke-linecap: round; }
.jdmatch .gauge-score { font-size: 34px; font-weight: 700; }
.jdmatch .gauge-caption { font-size: 12px; fill: var(--muted); }
.jdmatch ul.bars { list-style: none; margin: .5rem 0 0; padding: 0; }
.jdmatch .pillar-row { display: grid; gap: .3rem .8rem; align-items: center; padding: .2rem 0;
  grid-template-columns: minmax(0, 19rem) minmax(6rem, 1fr) 8rem; }
.jdmatch .bar-track { display: block; height: 1.1rem; background: #eef1f4; border-radius: 3px;
  overflow: hidden; }
.jdmatch .bar { display: block; height: 100%; background: var(--accent); }
.jdmatch .not-asked .bar-track { background: none; border: 1px dashed var(--line); }
.jdmatch .bar-value { font-weight: 600; font-variant-numeric: tabular-nums; }
.jdmatch .not-asked .bar-value { color: var(--muted); font-weight: 400; font-style: italic; }
.jdmatch details { margin: .25rem 0; }
.jdmatch summary { cursor: pointer; color: var(--accent); font-weight: 600; padding: .15rem 0; }
.jdmatch table { border-collapse: collapse; width: 100%; font-size: .87rem;
  margin: .35rem 0 1rem; }
.jdmatch caption { text-align: left; font-weight: 600; padding: .25rem 0; }
.jdmatch th, .jdmatch td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left;
  vertical-align: top; overflow-wrap: break-word; }
.jdmatch thead th { background: #e4e7eb; }
.jdmatch tbody tr:nth-child(even) { background: var(--soft); }
.jdmatch td.text { overflow-wrap: anywhere; }
.jdmatch .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.jdmatch .plan th.concept { width: 22%; }
.jdmatch .plan th.why { width: 40%; }
.jdmatch .status { font-weight: 600; }
.jdmatch .status.gap { color: var(--missing-line); }
.jdmatch .status.partial { color: var(--partial-line); }
.jdmatch .status.review { color: var(--matched-line); }
.jdmatch .items th.concept { width: 24%; }
.jdmatch .items th.pillar { width: 8.5rem; }
.jdmatch .items th.hours { width: 4.5rem; }
.jdmatch details.week > summary { font-weight: 400; color: var(--ink); }
.jdmatch details.week > summary strong { color: var(--accent); }
.jdmatch details.week[open] > summary { margin-bottom: .2rem; }
.jdmatch .columns { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
  gap: 1.25rem; }
.jdmatch .legend { color: var(--muted); font-size: .9em; }
.jdmatch .texts { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
  gap: 1rem; }
.jdmatch .doc-text { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--soft);
  border: 1px solid var(--line); padding: .75rem 1rem; font-size: .86rem; margin: 0;
  max-height: 36rem; overflow-y: auto; }
.jdmatch mark { color: inherit; padding: 0 .1em; border-radius: 2px; }
.jdmatch mark.matched { background: var(--matched);
  box-shadow: inset 0 -2px 0 var(--matched-line); }
.jdmatch mark.missing { background: var(--missing);
  box-shadow: inset 0 -2px 0 var(--missing-line); }
.jdmatch mark.partial { background: var(--partial);
  box-shadow: inset 0 -2px 0 var(--partial-line); }
.jdmatch .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; }
.jdmatch .empty { color: var(--muted); font-style: italic; }
.jdmatch footer { color: var(--muted); font-size: .8rem; border-top: 1px solid var(--line);
  padding-top: .5rem; margin-top: 2rem; overflow-wrap: anywhere; }
@media (max-width: 52rem) {
  .jdmatch .overview, .jdmatch .columns, .jdmatch .texts { grid-template-columns: minmax(0, 1fr); }
  .jdmatch .pillar-row { grid-template-columns: minmax(0, 1fr) 7rem; }
  .jdmatch .pillar-row .bar-label { grid-column: 1 / -1; }
}
@media (max-width: 40rem) {
  .jdmatch { padding: .8rem; font-size: 14px; }
  .jdmatch h1 { font-size: 1.3rem; }
  .jdmatch table.cardlike, .jdmatch table.cardlike tbody, .jdmatch table.cardlike tr,
  .jdmatch table.cardlike td { display: block; width: 100%; }
  .jdmatch table.cardlike thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip-path: inset(50%); }
  .jdmatch table.cardlike tr { border: 1px solid var(--line); border-radius: 4px;
    margin: .5rem 0; padding: .3rem .55rem; }
  .jdmatch table.cardlike td { border: none; padding: .12rem 0; text-align: left; }
  .jdmatch table.cardlike td[data-label]::before { content: attr(data-label) ": ";
    font-weight: 600; color: var(--muted); }
  .jdmatch table.cardlike td.ordinal { display: inline-block; width: auto; margin-right: .35rem;
    font-weight: 700; color: var(--accent); vertical-align: top; }
  .jdmatch table.cardlike td.ordinal::before { content: "#"; }
  .jdmatch table.cardlike td.ordinal + td { display: inline-block; width: calc(100% - 3rem); }
  .jdmatch .doc-text { max-height: 24rem; }
}
@media print {
  @page { margin: 1.4cm; }
  .jdmatch { max-width: none; padding: 0; font-size: 10pt; }
  .jdmatch nav.toc { display: none; }
  .jdmatch summary { list-style: none; color: var(--ink); }
  .jdmatch summary::-webkit-details-marker { display: none; }
  .jdmatch details::details-content { content-visibility: visible; display: contents; }
  .jdmatch .doc-text { max-height: none; overflow: visible; font-size: 8.5pt; }
  .jdmatch .overview { grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); }
  .jdmatch h2, .jdmatch h3, .jdmatch summary { break-after: avoid-page; }
  .jdmatch tr, .jdmatch .card, .jdmatch .pillar-row { break-inside: avoid; }
  .jdmatch thead { display: table-header-group; }
  .jdmatch a { color: inherit; text-decoration: none; }
}
"""


def render_html(data: Mapping[str, Any], *, fragment: bool = False) -> str:
    """Render a report model as one self-contained HTML page (or a notebook fragment).

    The page holds a header with the job title and company, a table of contents, then one
    ``<section>`` per entry of ``data["sections"]`` with that entry's ``id`` (``start-here``,
    ``score`` or ``ranking``, ``pillars``, ``study-plan``, ``schedule``, ``concepts``,
    ``resume``) and, when ``jd_text`` is given, ``texts``: the posting and the resume side by
    side, concepts highlighted in both. Styles are inline and scoped to the report's
    ``<div class="jdmatch">``; the page has no script and refers to nothing outside itself.
    Keys that are missing are shown as empty.

    Args:
        data: :meth:`jdmatch.Report.to_dict` or :meth:`jdmatch.MultiReport.to_dict`, plus
            optionally ``jd_text`` and ``resume_text`` with ``jd_mentions`` and
            ``resume_mentions`` (lists of ``{term, label, start, end, status}``, ``status``
            ``"matched"``, ``"partial"`` or ``"missing"``; offsets index the text, any order,
            overlaps allowed).
        fragment: Return only the report's ``<div>`` with its styles, for a notebook cell.

    Returns:
        The HTML document, starting with ``<!DOCTYPE html>`` (or the fragment).

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
    sections = [
        (str(s.get("id", "")), str(s.get("title", ""))) for s in _rows(data.get("sections"))
    ]
    if "jd_text" in data:
        sections.append(TEXTS_SECTION)
    title, subtitle = headline(data)
    kicker = "jdmatch · many postings" if data.get("kind") == "many" else "jdmatch report"
    body = [
        '<div class="jdmatch">',
        '<header class="masthead">',
        f'<p class="kicker">{escape(kicker)}</p>',
        f"<h1>{escape(title)}</h1>",
        f'<p class="subtitle">{escape(subtitle)}</p>',
        _toc(sections),
        "</header>",
        "<main>",
        *_sections(data, sections),
        "</main>",
        "<footer>"
        + escape(sources_line(data))
        + ". Made by jdmatch"
        + (
            f", report schema {escape(_str(data['schema_version']))}"
            if "schema_version" in data
            else ""
        )
        + ".</footer>",
        "</div>",
    ]
    if fragment:
        return "\n".join([body[0], f"<style>{_CSS}</style>", *body[1:]]) + "\n"
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
        f"<title>{escape(_page_title(title, data))}</title>",
        f"<style>{_PAGE_CSS}{_CSS}</style>",
        "</head>",
        "<body>",
        *body,
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _page_title(title: str, data: Mapping[str, Any]) -> str:
    company = data.get("company")
    return f"jdmatch: {title}" + (f" at {company}" if company else "")


def _toc(sections: Sequence[tuple[str, str]]) -> str:
    # In-page links only: a fragment never leaves the file.
    links = "".join(
        f'<li><a href="#{escape(key)}">{escape(title)}</a></li>' for key, title in sections
    )
    return f'<nav class="toc" aria-label="Contents"><ol>{links}</ol></nav>'


def _sections(data: Mapping[str, Any], sections: Sequence[tuple[str, str]]) -> list[str]:
    renderers = {
        "start-here": _start_here,
        "score": _score,
        "ranking": _ranking,
        "pillars": _pillars,
        "study-plan": _plan,
        "schedule": _schedule,
        "concepts": _concepts,
        "resume": _resume,
        "texts": _texts,
    }
    html = {
        key: _section(key, title, renderers[key](data))
        for key, title in sections
        if key in renderers
    }
    out: list[str] = []
    # The summary and the score share the first screen.
    if "start-here" in html and "score" in html:
        out += ['<div class="overview">', html.pop("start-here"), html.pop("score"), "</div>"]
    out += [html[key] for key, _ in sections if key in html]
    return out


def _section(key: str, title: str, content: str) -> str:
    return (
        f'<section id="{escape(key)}" aria-labelledby="{escape(key)}-title">\n'
        f'<h2 id="{escape(key)}-title">{escape(title)}</h2>\n{content}\n</section>'
    )


def _fold(summary: str, content: str, *, open_: bool = True) -> str:
    """A collapsible block: ``summary`` always shown, ``content`` folded away on request."""
    return (
        f"<details{' open' if open_ else ''}><summary>{escape(summary)}</summary>\n"
        f"{content}\n</details>"
    )


def _start_here(data: Mapping[str, Any]) -> str:
    rows = _rows(data.get("start_here"))
    if not rows:
        return '<p class="empty">Nothing to study: the posting names nothing the resume lacks.</p>'
    cards = []
    for number, row in enumerate(rows, start=1):
        status = _str(row.get("status"))
        cards.append(
            f'<li class="card {escape(status)}" data-term="{escape(_str(row.get("term")))}">'
            f'<p class="card-title"><span class="rank">{number}</span>'
            f"<strong>{escape(_str(row.get('label')))}</strong> "
            f'<span class="tag status {escape(status)}">{escape(status)}</span> '
            f'<span class="tag">{escape(pillar_label(_str(row.get("pillar"))))}</span></p>'
            f'<p class="why"><span class="field">Why</span>{escape(_str(row.get("reason")))}</p>'
            f'<p class="do"><span class="field">Study</span>{escape(_str(row.get("study")))}</p>'
            "</li>"
        )
    return '<ol class="cards">\n' + "\n".join(cards) + "\n</ol>"


def _score(data: Mapping[str, Any]) -> str:
    meaning = _mapping(data.get("score_meaning"))
    band = _str(meaning.get("fit_band"))
    return "\n".join(
        [
            '<div class="score-box">',
            _gauge(data.get("score")),
            f'<p class="meaning">{escape(_str(meaning.get("summary")))}</p>',
            "</div>",
            f'<p class="band">Fit: {escape(band)}</p>' if band else "",
            *(
                f'<p class="fact">{escape(_str(line))}</p>'
                for line in _mapping(data.get("facts")).values()
                if line
            ),
            f'<p class="note">{escape(_str(meaning.get("formula")))}</p>',
        ]
    )


def _gauge(score: Any) -> str:
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
    text = "—" if value is None else f"{value:.1f}"
    label = "no score" if value is None else f"Score {value:.1f} out of 100"
    return "\n".join(
        [
            f'<svg class="gauge" viewBox="0 0 220 140" width="176" height="112" role="img" '
            f'aria-label="{escape(label)}">',
            f"<title>{escape(label)}</title>",
            f'<path class="gauge-track" d="{track}"/>',
            arc,
            f'<text class="gauge-score" x="{cx:.0f}" y="{cy - 8:.0f}" '
            f'text-anchor="middle">{escape(text)}</text>',
            f'<text class="gauge-caption" x="{cx:.0f}" y="{cy + 14:.0f}" '
            'text-anchor="middle">out of 100</text>',
            "</svg>",
        ]
    )


def _ranking(data: Mapping[str, Any]) -> str:
    rows = _rows(data.get("ranking"))
    scored = int(_number(data.get("postings_scored")) or len(rows))
    body = [
        "<tr>"
        f'<td class="num ordinal">{escape(_str(row.get("rank")))}</td>'
        f'<td class="text" data-label="Posting">'
        f"<strong>{escape(_str(row.get('title') or row.get('jd')))}</strong>"
        + (
            f'<br><span class="detail">{escape(_str(row.get("company")))}</span>'
            if row.get("company")
            else ""
        )
        + f'<br><span class="detail">{escape(_str(row.get("role")).replace("_", " "))}, '
        f"{escape(_str(row.get('seniority')))}</span></td>"
        f'<td class="num" data-label="Score">{_fixed(row.get("score"), 1)}</td>'
        f'<td class="text" data-label="What the score means">'
        f"{escape(_str(row.get('score_meaning')))}"
        f'<br><span class="detail">{escape(_str(row.get("why")))}</span></td>'
        "</tr>"
        for row in rows
    ]
    table = (
        '<table class="ranking cardlike"><thead><tr><th scope="col" class="num">#</th>'
        '<th scope="col">Posting</th><th scope="col" class="num">Score</th>'
        '<th scope="col">What the score means</th></tr></thead><tbody>\n'
        + "\n".join(body)
        + "\n</tbody></table>"
    )
    skipped = _rows(data.get("skipped"))
    skipped_html = (
        _fold(
            f"Skipped postings ({len(skipped)})",
            "<ul>"
            + "".join(
                f"<li>{escape(_str(row.get('jd')))}: {escape(_str(row.get('reason')))}</li>"
                for row in skipped
            )
            + "</ul>",
            open_=False,
        )
        if skipped
        else ""
    )
    summary = f"{_top_of(len(rows), scored)} postings, best fit first"
    return _fold(summary, table) + skipped_html


def _pillars(data: Mapping[str, Any]) -> str:
    coverage = _mapping(data.get("pillar_coverage"))
    counts = _mapping(data.get("pillar_counts"))
    items = []
    for pillar, raw in coverage.items():
        value = _number(raw)
        label = pillar_label(str(pillar))
        count = _mapping(counts.get(pillar))
        shown = "not asked" if value is None else f"{value:.0f}%"
        width = 0.0 if value is None else min(max(value, 0.0), 100.0)
        state = " not-asked" if value is None else ""
        items.append(
            f'<li class="pillar-row{state}" data-pillar="{escape(str(pillar))}">'
            f'<span class="bar-label">{escape(label)}</span>'
            f'<span class="bar-track" role="img" aria-label="{escape(f"{label}: {shown}")}">'
            f'<span class="bar" style="width: {width:.1f}%"></span></span>'
            f'<span class="bar-value">{escape(shown)} <span class="detail">'
            f"{escape(_str(count.get('shown', 0)))} of {escape(_str(count.get('concepts', 0)))}"
            "</span></span></li>"
        )
    note = (
        "Mean over the postings that ask each pillar"
        if data.get("kind") == "many"
        else "The score's formula on each pillar's concepts"
    )
    return (
        f'<p class="note">{escape(note)}; a concept counts in every pillar it belongs to. '
        "Beside each bar: concepts the resume shows, of those asked.</p>\n"
        '<ul class="bars">\n' + "\n".join(items) + "\n</ul>"
    )


def _plan(data: Mapping[str, Any]) -> str:
    rows = _rows(data.get("study_plan"))
    if not rows:
        return '<p class="empty">Nothing to study.</p>'
    total = int(_number(data.get("study_plan_total")) or len(rows))
    many = data.get("kind") == "many"
    body = []
    for row in rows:
        status = _str(row.get("status"))
        facts = (
            f"missing in {_str(row.get('missing_in'))} of {_str(row.get('postings'))} postings"
            if many
            else f"{_str(row.get('requirement'))}, {_str(row.get('evidence'))}"
        )
        body.append(
            f'<tr data-term="{escape(_str(row.get("term")))}">'
            f'<td class="num ordinal">{escape(_str(row.get("rank")))}</td>'
            f'<td class="concept text"><strong>'
            f"{escape(_str(row.get('label', row.get('term'))))}</strong><br>"
            f'<span class="status {escape(status)}">{escape(status)}</span> '
            f'<span class="detail">{escape(_str(row.get("pillar")).replace("_", " "))} · '
            f"priority {_fixed(row.get('priority'), 0)} · {escape(facts)}</span></td>"
            f'<td class="why text" data-label="Why">{escape(_str(row.get("reason")))}</td>'
            f'<td class="text" data-label="What to study">{escape(_str(row.get("study")))}</td>'
            "</tr>"
        )
    table = "\n".join(
        [
            '<table class="plan cardlike">',
            '<thead><tr><th scope="col" class="num">#</th><th scope="col" class="concept">'
            'Concept</th><th scope="col" class="why">Why</th><th scope="col">What to study</th>'
            "</tr></thead>",
            "<tbody>",
            *body,
            "</tbody>",
            "</table>",
        ]
    )
    return _fold(f"{_top_of(len(rows), total)} concepts, highest priority first", table)


def _schedule(data: Mapping[str, Any]) -> str:
    schedule = _mapping(data.get("schedule"))
    weeks = _rows(schedule.get("weeks"))
    unscheduled = _rows(schedule.get("unscheduled"))
    per_week = _number(schedule.get("hours_per_week"))
    parts = []
    if per_week is not None:
        parts.append(
            f'<p class="note">{len(weeks)} weeks at {escape(_hours(per_week))} hours a week: the '
            "top gaps that fit, foundations first, system design and mock interviews last, one "
            "behavioural story a week.</p>"
        )
    if not weeks:
        parts.append('<p class="empty">No schedule.</p>')
    for index, week in enumerate(weeks):
        number = _str(week.get("number", ""))
        focus = ", ".join(_str(p).replace("_", " ") for p in _list(week.get("focus")))
        heading = f"Week {number} · {_hours(week.get('hours'))} h"
        if focus:
            heading += f" · {focus}"
        items = _rows(week.get("items"))
        labels = ", ".join(_str(item.get("label", item.get("term", ""))) for item in items)
        parts += [
            # The first week unfolded; the others list their concepts until opened.
            f'<details class="week" id="week-{escape(number)}"{" open" if index == 0 else ""}>',
            f"<summary><strong>{escape(heading)}</strong>: "
            f"{escape(labels or 'nothing new: revisit the earlier weeks')}</summary>",
            _items_table(items) if items else "",
            "</details>",
        ]
    content = "\n".join(parts)
    if unscheduled:
        content += "\n" + _fold(
            f"Did not fit the budget ({len(unscheduled)})",
            '<div class="unscheduled">' + _items_table(unscheduled) + "</div>",
            open_=False,
        )
    return content


def _items_table(items: Sequence[Mapping[str, Any]]) -> str:
    rows = [
        "<tr>"
        f'<td class="concept" data-label="Concept">'
        f"{escape(_str(item.get('label', item.get('term', ''))))}</td>"
        f'<td data-label="Pillar">{escape(_str(item.get("pillar", "")).replace("_", " "))}</td>'
        f'<td class="num hours" data-label="Hours">{escape(_hours(item.get("hours")))}</td>'
        f'<td class="text" data-label="What to do">{escape(_str(item.get("prompt", "")))}</td>'
        "</tr>"
        for item in items
    ]
    return "\n".join(
        [
            '<table class="items cardlike">',
            '<thead><tr><th scope="col" class="concept">Concept</th>'
            '<th scope="col" class="pillar">Pillar</th>'
            '<th scope="col" class="num hours">Hours</th><th scope="col">What to do</th>'
            "</tr></thead>",
            "<tbody>",
            *rows,
            "</tbody>",
            "</table>",
        ]
    )


def _concepts(data: Mapping[str, Any]) -> str:
    many = data.get("kind") == "many"
    gaps, matched = _rows(data.get("gaps")), _rows(data.get("matched"))
    note = (
        f'<p class="note">How often each concept is named in the posting{"s" if many else ""} '
        f"and in the resume; the heaviest concepts first.</p>"
    )
    tables = [
        _concept_table(f"Missing from the resume ({len(gaps)})", gaps, "missing", many=many),
        _concept_table(f"Matched in the resume ({len(matched)})", matched, "matched", many=many),
    ]
    summary = (
        f"{len(gaps)} missing, {len(matched)} matched: counts in the "
        f"posting{'s' if many else ''} and the resume"
    )
    content = note + '\n<div class="columns">\n' + "\n".join(tables) + "\n</div>"
    return _fold(summary, content, open_=False)


def _concept_table(
    title: str, rows: Sequence[Mapping[str, Any]], status: str, *, many: bool
) -> str:
    if not rows:
        return f'<div><h3>{escape(title)}</h3><p class="empty">None.</p></div>'
    head = ["Concept", "Asked", *(["Postings"] if many else []), "Posting", "Resume"]
    body = []
    for row in rows:
        via = ", ".join(_str(v) for v in _list(row.get("via")))
        evidence = f"narrower: {via}" if via else _str(row.get("evidence"))
        cells = [
            ("Concept", f"<strong>{escape(_str(row.get('label')))}</strong>"
             f'<br><span class="detail">{escape(evidence)}</span>', ""),
            ("Asked", escape(_str(row.get("requirement"))), ""),
            *([("Postings", escape(_str(row.get("postings"))), "num")] if many else []),
            ("Posting", f"{escape(_str(row.get('jd_count')))}×", "num"),
            ("Resume", f"{escape(_str(row.get('resume_count')))}×", "num"),
        ]  # fmt: skip
        body.append(
            f'<tr data-term="{escape(_str(row.get("term")))}">'
            + "".join(_td(label, cell, css) for label, cell, css in cells)
            + "</tr>"
        )
    header = "".join(
        f'<th scope="col" class="num">{escape(name)}</th>'
        if name in _NUMERIC
        else f'<th scope="col">{escape(name)}</th>'
        for name in head
    )
    return (
        f"<div><h3>{escape(title)}</h3>"
        f'<table class="concepts {status} cardlike"><thead><tr>{header}</tr></thead><tbody>\n'
        + "\n".join(body)
        + "\n</tbody></table></div>"
    )


def _td(label: str, content: str, css: str = "") -> str:
    """A table cell; ``data-label`` names its column where the table reflows into cards."""
    css_attribute = f' class="{escape(css)}"' if css else ""
    return f'<td{css_attribute} data-label="{escape(label)}">{content}</td>'


_NUMERIC = frozenset({"Postings", "Posting", "Resume"})


def _resume(data: Mapping[str, Any]) -> str:
    reading = _mapping(data.get("resume_reading"))
    whose = "Of the postings'" if data.get("kind") == "many" else "Of the posting's"
    rows = [
        "<tr>"
        f'<td class="text" data-label="Section">{escape(_str(s.get("heading")))}</td>'
        f'<td data-label="Read as">{escape(_str(s.get("type")))}'
        + (' <span class="detail">(demonstrates)</span>' if s.get("demonstrates") else "")
        + "</td>"
        f'<td class="num" data-label="Line">{escape(_str(s.get("line")))}</td>'
        f'<td class="num" data-label="Concepts">{escape(_str(s.get("concepts")))}</td>'
        f'<td class="num" data-label="{escape(whose)}">'
        f"{escape(_str(s.get('posting_concepts')))}</td>"
        "</tr>"
        for s in _rows(reading.get("sections"))
    ]
    table = (
        '<table class="sections cardlike"><thead><tr><th scope="col">Section</th>'
        '<th scope="col">Read as</th><th scope="col" class="num">Line</th>'
        f'<th scope="col" class="num">Concepts</th><th scope="col" class="num">{escape(whose)}'
        "</th></tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>"
    )
    return f"<p>{escape(_str(reading.get('summary')))}</p>\n" + _fold(
        f"Sections found ({len(rows)})", table
    )


def _texts(data: Mapping[str, Any]) -> str:
    jd = highlight(_str(data.get("jd_text")), _rows(data.get("jd_mentions")))
    resume = highlight(_str(data.get("resume_text")), _rows(data.get("resume_mentions")))
    legend = (
        '<p class="legend"><mark class="matched">matched</mark> named in both; '
        '<mark class="partial">partial</mark> the resume shows only narrower concepts; '
        '<mark class="missing">missing</mark> the resume does not show it.</p>'
    )
    content = "\n".join(
        [
            legend,
            '<div class="texts">',
            "<div><h3>Posting</h3>",
            f'<div class="doc-text jd" tabindex="0">{jd}</div></div>',
            "<div><h3>Resume</h3>",
            f'<div class="doc-text resume" tabindex="0">{resume}</div></div>',
            "</div>",
        ]
    )
    return _fold("Both texts, concepts highlighted", content)


def highlight(text: str, mentions: Iterable[Mapping[str, Any]]) -> str:
    """Return ``text`` escaped for HTML, with each mention wrapped in a ``<mark>``.

    Mentions may come in any order. Offsets are clamped to the text; empty spans are dropped;
    where two mentions overlap, the one starting first (the longer one on a tie) wins, so the
    markup stays well nested.

    Args:
        text: The plain text.
        mentions: ``{start, end, label, status}`` mappings; ``status`` ``"matched"`` or
            ``"partial"`` gives that class, anything else ``class="missing"``.

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


def _top_of(shown: int, total: int) -> str:
    return f"All {total}" if shown >= total else f"Top {shown} of {total}"


def _fixed(value: Any, digits: int) -> str:
    number = _number(value)
    return "" if number is None else f"{number:.{digits}f}"


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
