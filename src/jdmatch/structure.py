"""Step 3b of the flow: read documents the way a hiring manager does.

A job description is cut into sections by its headings (free text, upper or title case, with or
without a colon, sometimes inline as in ``Requirements: Python, SQL``), and each mention gets a
*requirement level* from its section and from cues in its own sentence:

- ``required``: responsibilities, requirements, qualifications, must-haves, and any text with no
  heading that says otherwise (and "must have", "required" in the sentence);
- ``preferred``: preferred / nice-to-have / bonus sections, and sentences such as
  "experience with Spark is a plus" or "familiarity with JAX preferred";
- ``mentioned``: context only: about the company, benefits, pay, legal and equal-opportunity
  text, application instructions, and negated asks ("no prior Kafka experience required").

The posting's role family and seniority come from its title (its first line) and body; "3+ years
of Python" is kept per concept. A resume is cut into sections too (summary, skills, experience,
projects, education, publications, certifications, other; see :mod:`jdmatch.resume_sections`),
and each concept gets an *evidence level*: ``demonstrated`` (named in experience, projects or
publications, or on a line that opens with an action verb and states a size, such as "Led a
team of five", outside skills, summary and education; ``metric`` when the same bullet reports a
number or an outcome), ``listed`` (only in skills, summary, education, certifications or other)
or ``absent``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from types import MappingProxyType

from jdmatch.caches import register
from jdmatch.limits import check_time
from jdmatch.line_levels import LineRules, classify_lines, predict_levels
from jdmatch.matching import Mention
from jdmatch.model import MODEL, EvidenceLevel, RequirementLevel
from jdmatch.resume_sections import DEMONSTRATING, section_at, section_spans, shows_work

#: Requirement levels, strongest first (from :data:`jdmatch.model.MODEL`).
REQUIREMENT_LEVELS: tuple[RequirementLevel, ...] = MODEL.requirement_levels
#: Role families jdmatch recognises (from :data:`jdmatch.model.MODEL`).
ROLE_FAMILIES: tuple[str, ...] = MODEL.roles
#: Seniority levels, most junior first (from :data:`jdmatch.model.MODEL`).
SENIORITIES: tuple[str, ...] = MODEL.seniorities
#: Evidence levels of a resume, strongest first (from :data:`jdmatch.model.MODEL`).
EVIDENCE_LEVELS: tuple[EvidenceLevel, ...] = MODEL.evidence_levels

_CUES = MODEL.cues
# Lines that are boilerplate wherever they stand (the phrases are lower case).
_BOILERPLATE_PHRASE = _CUES.boilerplate
_BOILERPLATE_LINE = re.compile(_BOILERPLATE_PHRASE.pattern, re.IGNORECASE)
_YEARS = re.compile(
    r"(\d{1,2})\s*\+?\s*(?:(?:-|–|to)\s*\d{1,2}\s*)?\+?\s*(?:years?|yrs?)\b", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n")

_METRIC = _CUES.metric
_ROLE_TITLE_RULES = _CUES.role_titles
_SENIORITY_TITLE_RULES = _CUES.seniority_titles


@dataclass(frozen=True)
class JobStructure:
    """What the structure of a job description says.

    Attributes:
        requirement: ``{concept id: strongest requirement level of its mentions}``.
        years: ``{concept id: years of experience asked}``, where a sentence states them.
        role: Detected role family (one of :data:`ROLE_FAMILIES`).
        seniority: Detected seniority (one of :data:`SENIORITIES`).
        title: The line the role and seniority were read from.
        mention_levels: The requirement level of each mention, in the mentions' order.
        line_levels: The requirement level of each line of the text.
        years_role: The most years of experience an asked line states (capped at 15).
    """

    requirement: Mapping[str, RequirementLevel]
    years: Mapping[str, int]
    role: str
    seniority: str
    title: str
    mention_levels: tuple[RequirementLevel, ...] = ()
    line_levels: tuple[RequirementLevel, ...] = ()
    years_role: int = 0


@dataclass(frozen=True)
class ResumeStructure:
    """What the structure of a resume says.

    Attributes:
        evidence: ``{concept id: "demonstrated" or "listed"}`` for concepts the resume names.
        sections: ``{concept id: the section that decided the evidence}``.
        metric: Concept ids demonstrated on a line that reports a number or an outcome.
    """

    evidence: Mapping[str, EvidenceLevel]
    sections: Mapping[str, str]
    metric: frozenset[str]


def requirement_levels(
    text: str,
    mentions: Sequence[Mention],
    *,
    levels_of_lines: Sequence[RequirementLevel] | None = None,
    layout: Layout | None = None,
) -> list[RequirementLevel]:
    r"""Give each mention of a job description its requirement level.

    Args:
        text: The job description, as the mentions' offsets index it.
        mentions: Mentions found in ``text``.
        levels_of_lines: The level of every line, when already read
            (``JobStructure.line_levels``).
        layout: Its lines and sentences, when already found.

    Returns:
        One level per mention, in order: ``"required"``, ``"preferred"`` or ``"mentioned"``.

    Example:
        >>> from jdmatch.matching import extract
        >>> jd = "Requirements\nPython and SQL.\nNice to have\nKafka. Terraform is a plus."
        >>> requirement_levels(jd, extract(jd))
        ['required', 'required', 'preferred', 'preferred']
    """
    layout = layout or Layout(text)
    if levels_of_lines is None or len(levels_of_lines) != len(layout.lines):
        levels_of_lines = line_levels(text, layout=layout)
    return _mention_levels(layout, levels_of_lines, mentions)


def _mention_levels(
    layout: Layout, levels: Sequence[RequirementLevel], mentions: Sequence[Mention]
) -> list[RequirementLevel]:
    """Each mention's level: its line's, unless a cue of its own sentence says otherwise."""
    found: list[RequirementLevel] = []
    # Read once per sentence: a long sentence was copied and hashed again for every mention.
    by_sentence: dict[tuple[int, int], RequirementLevel | None] = {}
    for mention in mentions:
        level = levels[layout.line_of(mention.start)]
        if level != "mentioned":
            bounds = layout.sentences.bounds(mention.start, mention.end)
            if bounds not in by_sentence:
                by_sentence[bounds] = _sentence_level(layout.text[bounds[0] : bounds[1]])
            level = by_sentence[bounds] or level
        found.append(level)
    return found


@lru_cache(maxsize=1024)  # a sentence often names several concepts
def _sentence_level(sentence: str) -> RequirementLevel | None:
    """The level a sentence's own cue sets ("... is a plus"), if it has one."""
    return _SENTENCE_CUES.first(sentence)


register(
    "sentence_levels",
    clear=_sentence_level.cache_clear,
    size=lambda: _sentence_level.cache_info().currsize,
)


#: How many characters of a line the heading rules read.
HEADING_CHARS = 60


def line_levels(text: str, *, layout: Layout | None = None) -> list[RequirementLevel]:
    r"""The requirement level of every line, from the learned line model (:mod:`line_levels`).

    Args:
        text: The job description.
        layout: Its lines and sentences, when already found.

    Returns:
        One level per line of ``text`` (``text.split("\n")``).

    Example:
        >>> line_levels("Requirements\nPython\nNice to have\nKafka")
        ['required', 'required', 'preferred', 'preferred']
    """
    lines = (layout or Layout(text)).lines
    return predict_levels(lines, _line_rules(text, lines))


def _line_rules(text: str, lines: Sequence[str]) -> list[LineRules]:
    """What the rules say about every line: the line model reads them as features."""
    level: RequirementLevel = "required"
    rules = []
    boilerplate = _boilerplate_lines(text)
    for number, line in enumerate(lines):
        check_time()
        heading, rest = _heading(line)
        if heading is not None:
            level = _heading_level(heading, current=level)
        rules.append(
            LineRules(
                heading=heading is not None,
                inline=bool(rest),
                # A heading's words stand at the start of its line: reading the first
                # characters keeps this linear and cheap on long paragraphs.
                heading_level=_HEADING_RULES.first(
                    (heading or line.strip())[:HEADING_CHARS].replace("’", "'")
                )
                if heading is not None or len(line) <= HEADING_CHARS
                else None,
                cue_level=_sentence_level(line) if line.strip() else None,
                boilerplate=number in boilerplate,
                rule_level="mentioned" if number in boilerplate and not rest else level,
            )
        )
    return rules


def _boilerplate_lines(text: str) -> set[int]:
    """Numbers of the lines holding a boilerplate phrase (benefits, equal opportunity ...).

    One search over the lower-cased text: five times faster than a case-insensitive search,
    and no phrase spans lines. (Lower-casing keeps offsets unless a rare letter such as "İ"
    grows; then the text is searched as it is.)
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        found = _BOILERPLATE_PHRASE.finditer(lowered)
    else:
        found = _BOILERPLATE_LINE.finditer(text)
    line_starts = _line_starts(text)
    return {_line_of(line_starts, match.start()) for match in found}


def _heading(line: str) -> tuple[str | None, str]:
    """Split a line into ``(heading, rest)`` when it starts with or is a heading."""
    stripped = line.strip().strip("*#•-_ \t")
    if not stripped:
        return None, ""
    head, colon, rest = stripped.partition(":")
    if colon and 0 < len(head.split()) <= 6 and not head.endswith((".", ",")):
        return head, rest.strip()
    words = stripped.split()
    looks_like_heading = (
        len(words) <= 8
        and len(stripped) <= 70
        and not stripped.endswith((".", ",", ";"))
        and (stripped.isupper() or stripped.istitle() or len(words) <= 5)
    )
    return (stripped, "") if looks_like_heading else (None, "")


def _heading_level(heading: str, *, current: RequirementLevel) -> RequirementLevel:
    return _HEADING_RULES.first(heading.replace("’", "'")) or current


class _LevelRules:
    """Ordered ``(pattern, level)`` rules: the first pattern found anywhere in a text decides."""

    def __init__(self, *rules: tuple[re.Pattern[str], RequirementLevel]) -> None:
        if any(pattern.flags != re.IGNORECASE | re.UNICODE for pattern, _ in rules):
            raise ValueError("level rules are case-insensitive patterns")
        self._rules = rules
        # Most lines and sentences match no rule: one search of the union tells, at about the
        # cost of one of its patterns, before the rules are tried in order. An ASCII text is
        # searched lower-cased without IGNORECASE, three times faster (the patterns are lower
        # case; outside ASCII, case folding and lower-casing can differ).
        union = "|".join(f"(?:{p.pattern})" for p, _ in rules)
        if union != union.lower():
            raise ValueError("level rules are written in lower case")
        self._any = re.compile(union, re.IGNORECASE)
        self._any_lowered = re.compile(union)
        self._lowered = tuple((re.compile(p.pattern), level) for p, level in rules)

    def first(self, text: str) -> RequirementLevel | None:
        """The level of the first rule whose pattern occurs in ``text``, if any."""
        if text.isascii():
            lowered = text.lower()
            if self._any_lowered.search(lowered) is None:
                return None
            return next((level for p, level in self._lowered if p.search(lowered)), None)
        if self._any.search(text) is None:
            return None
        return next((level for pattern, level in self._rules if pattern.search(text)), None)


_SENTENCE_CUES = _LevelRules(*_CUES.sentence_levels)
_HEADING_RULES = _LevelRules(*_CUES.heading_levels)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(match.end() for match in re.finditer("\n", text))
    return starts


def _line_of(line_starts: list[int], offset: int) -> int:
    return bisect_right(line_starts, offset) - 1


class _Sentences:
    """A text's sentence boundaries, found once and then looked up by bisection.

    Searching the text up to each mention instead made reading a long posting quadratic.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        boundaries = list(_SENTENCE_END.finditer(text))
        self._starts = [boundary.start() for boundary in boundaries]
        self._ends = [boundary.end() for boundary in boundaries]

    def start_of(self, offset: int) -> int:
        """Where the sentence holding ``offset`` begins (a mention never starts in a gap)."""
        before = bisect_right(self._ends, offset)
        return self._ends[before - 1] if before else 0

    def around(self, start: int, end: int) -> str:
        """The sentence holding the span ``start:end``."""
        first, last = self.bounds(start, end)
        return self._text[first:last]

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """Where the sentence holding the span ``start:end`` begins and ends."""
        after = bisect_left(self._starts, end)
        right = self._starts[after] if after < len(self._starts) else len(self._text)
        return self.start_of(start), right


class Layout:
    r"""A document's lines and sentences, found once and shared by every reader after matching.

    Attributes:
        text: The document's text, as mention offsets index it.
        lines: Its lines (``text.split("\n")``).
        line_starts: The offset where each line starts.

    Example:
        >>> layout = Layout("Requirements\nPython. SQL.")
        >>> layout.lines, layout.line_of(14), layout.sentences.around(14, 20)
        (['Requirements', 'Python. SQL.'], 1, 'Python.')
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.line_starts = _line_starts(text)

    @cached_property
    def sentences(self) -> _Sentences:
        """The text's sentence boundaries (found on first use: resumes rarely need them)."""
        return _Sentences(self.text)

    def line_of(self, offset: int) -> int:
        """The number of the line holding ``offset``."""
        return _line_of(self.line_starts, offset)


def years_asked(
    text: str, mentions: Sequence[Mention], *, layout: Layout | None = None
) -> dict[str, int]:
    """Years of experience a job description asks for, per concept ("3+ years of Python").

    Args:
        text: The job description.
        mentions: Mentions found in ``text``.
        layout: Its lines and sentences, when already found.

    Returns:
        ``{concept id: years}`` for concepts named after a years phrase in the same sentence.

    Example:
        >>> from jdmatch.matching import extract
        >>> jd = "5+ years of Python and SQL. Some Kafka."
        >>> years_asked(jd, extract(jd))
        {'python': 5, 'sql': 5}
    """
    asked: dict[str, int] = {}
    sentences = (layout or Layout(text)).sentences
    # Every years phrase, found once: searching each sentence up to each mention was quadratic
    # in a long sentence. The phrase that counts is the last one ending before the mention.
    phrases = list(_YEARS.finditer(text))
    phrase_ends = [phrase.end() for phrase in phrases]
    for mention in mentions:
        sentence_start = sentences.start_of(mention.start)
        before = bisect_right(phrase_ends, mention.start)
        if before and phrases[before - 1].start() >= sentence_start:
            years = int(phrases[before - 1].group(1))
            asked[mention.term] = max(asked.get(mention.term, 0), years)
    return asked


def read_job(
    text: str, mentions: Sequence[Mention], *, layout: Layout | None = None
) -> JobStructure:
    r"""Read a job description's requirement levels, years asked, role and seniority.

    Args:
        text: The job description.
        mentions: Mentions found in ``text``.
        layout: Its lines and sentences, when already found.

    Returns:
        The structure; a concept's level is the strongest among its mentions.

    Example:
        >>> from jdmatch.matching import extract
        >>> jd = "Senior Research Scientist\nRequirements: PyTorch\nBonus: JAX"
        >>> job = read_job(jd, extract(jd))
        >>> job.role, job.seniority, dict(job.requirement)
        ('research_scientist', 'senior', {'pytorch': 'required', 'jax': 'preferred'})
    """
    layout = layout or Layout(text)
    by_line = line_levels(text, layout=layout)
    levels = _mention_levels(layout, by_line, mentions)
    requirement: dict[str, RequirementLevel] = {}
    for mention, level in zip(mentions, levels, strict=True):
        current = requirement.get(mention.term)
        if current is None or REQUIREMENT_LEVELS.index(level) < REQUIREMENT_LEVELS.index(current):
            requirement[mention.term] = level
    title = posting_title(text)
    asked_lines = (
        line for line, level in zip(layout.lines, by_line, strict=True) if level != "mentioned"
    )
    most_years = min(
        max((int(m.group(1)) for line in asked_lines for m in _YEARS.finditer(line)), default=0),
        15,
    )
    return JobStructure(
        requirement=MappingProxyType(requirement),
        years=MappingProxyType(years_asked(text, mentions, layout=layout)),
        role=detect_role(title, {m.term for m in mentions}),
        seniority=detect_seniority(title, most_years),
        title=title,
        mention_levels=tuple(levels),
        line_levels=tuple(by_line),
        years_role=most_years,
    )


def mention_sections(
    text: str, mentions: Sequence[Mention], *, layout: Layout | None = None
) -> list[str]:
    r"""The heading each mention of a job description stands under, as the line model reads it.

    Args:
        text: The job description, as the mentions' offsets index it.
        mentions: Mentions found in ``text``.
        layout: Its lines, when already found.

    Returns:
        One heading per mention ("" above the first heading); an inline heading
        ("Bonus: JAX") counts for its own line and the lines after it. A posting's first line
        (its title) stands as the heading above its first section.

    Example:
        >>> from jdmatch.matching import extract
        >>> jd = ("ML Engineer\nAbout us\nWe build tools for hospitals.\nRequirements\n"
        ...       "- 3+ years of Python\n- PyTorch\n- Docker\n- SQL\nNice to have\n- JAX\n"
        ...       "- Kafka\nBenefits\n- Health insurance")
        >>> sorted(set(mention_sections(jd, extract(jd))))
        ['ML Engineer', 'Nice to have', 'Requirements']
    """
    layout = layout or Layout(text)
    rules = _line_rules(text, layout.lines)
    current, headings = "", []
    for line, rule, kind in zip(
        layout.lines, rules, classify_lines(layout.lines, rules), strict=True
    ):
        # A bullet is a heading only when heading words say so ("- Kubernetes is a plus").
        bullet = line.lstrip()[:1] in _BULLET_MARKS
        heading = kind == "heading" and (not bullet or rule.heading_level is not None)
        if line.strip() and (heading or (rule.inline and rule.heading)):
            current = (_heading(line)[0] or line.strip()).strip()
        headings.append(current)
    return [headings[layout.line_of(mention.start)] for mention in mentions]


_BULLET_MARKS = frozenset("-•*▪◦●·")

#: Longest posting title kept (a first line longer than this is a sentence, cut).
TITLE_CHARS = 120


def posting_title(text: str) -> str:
    r"""A posting's title: its first non-blank line, cut to :data:`TITLE_CHARS` characters.

    Args:
        text: The job description.

    Returns:
        The title ("" for a blank text).

    Example:
        >>> posting_title("\n  Senior ML Engineer  \nWe build ...")
        'Senior ML Engineer'
    """
    return next((line.strip() for line in text.split("\n") if line.strip()), "")[:TITLE_CHARS]


def detect_role(title: str, terms: set[str] | frozenset[str] = frozenset()) -> str:
    """Guess the role family from a title, and from the body's concepts when the title is vague.

    Args:
        title: The posting's title line.
        terms: Concept ids found in the posting.

    Returns:
        One of :data:`ROLE_FAMILIES` (``"ml_engineer"`` when nothing decides).

    Example:
        >>> detect_role("Staff Applied Scientist, Ads")
        'applied_scientist'
    """
    for role, pattern in _ROLE_TITLE_RULES:
        if role != "ml_engineer" and pattern.search(title):
            return role
    if _CUES.ai_titles.search(title):
        llm_terms = len(terms & MODEL.llm_terms)
        if llm_terms >= 2:
            return "llm_engineer"
    return "ml_engineer"


def detect_seniority(title: str, years: int = 0) -> str:
    """Guess the seniority from a title, else from the most years the posting asks for.

    Args:
        title: The posting's title line.
        years: The largest "N+ years" the posting asks for (0 when none).

    Returns:
        One of :data:`SENIORITIES`.

    Example:
        >>> detect_seniority("Machine Learning Engineer II"), detect_seniority("ML Engineer", 6)
        ('mid', 'senior')
    """
    for seniority, pattern in _SENIORITY_TITLE_RULES:
        if pattern.search(title):
            return seniority
    if years >= 8:
        return "staff"
    if years >= 5:
        return "senior"
    if 0 < years <= 1:
        return "junior"
    return "mid"


def read_resume(
    text: str, mentions: Sequence[Mention], *, layout: Layout | None = None
) -> ResumeStructure:
    r"""Read where a resume names each concept: in experience and projects, or only listed.

    Sections come from :func:`jdmatch.resume_sections.section_spans`. A concept is
    demonstrated when one of its mentions stands in experience, projects or publications, or on
    a line that shows work (:func:`jdmatch.resume_sections.shows_work`) outside skills, summary
    and education; in a resume with no heading at all, on any line of eight words or more.

    Args:
        text: The resume, as the mentions' offsets index it.
        mentions: Mentions found in ``text``.

        layout: Its lines, when already found.

    Returns:
        Evidence level, deciding section and metric flag per concept.

    Example:
        >>> from jdmatch.matching import extract
        >>> cv = "Skills\nPython, Kafka\nExperience\nCut costs 30% by moving jobs to Kafka."
        >>> resume = read_resume(cv, extract(cv))
        >>> dict(resume.evidence), sorted(resume.metric)
        ({'python': 'listed', 'apache_kafka': 'demonstrated'}, ['apache_kafka'])
    """
    layout = layout or Layout(text)
    lines = layout.lines
    spans = section_spans(text)
    span_starts = [offset for offset, _kind in spans]
    evidence: dict[str, EvidenceLevel] = {}
    deciding: dict[str, str] = {}
    metric: set[str] = set()

    @cache  # mentions share bullets
    def bullet_has_metric(line: int) -> bool:
        return _METRIC.search(_bullet_text(lines, line)) is not None

    @cache
    def line_shows_work(line: int) -> bool:
        return shows_work(lines[line], _bullet_text(lines, line))

    @cache  # splitting a line once per mention on it was quadratic in a one-line resume
    def long_line(line: int) -> bool:
        return len(lines[line].split()) >= _PROSE_WORDS

    # A resume with no heading at all is prose: a sentence names what was done.
    prose = len(spans) == 1

    for mention in mentions:
        check_time()
        line = layout.line_of(mention.start)
        section = section_at(spans, span_starts, mention.start)
        demonstrated = (
            section in DEMONSTRATING
            or (section not in _LISTING_SECTIONS and line_shows_work(line))
            or (prose and long_line(line))
        )
        level: EvidenceLevel = "demonstrated" if demonstrated else "listed"
        if evidence.get(mention.term) != "demonstrated":
            evidence[mention.term] = level
            deciding[mention.term] = section
        if demonstrated and bullet_has_metric(line):
            metric.add(mention.term)
    return ResumeStructure(
        evidence=MappingProxyType(evidence),
        sections=MappingProxyType(deciding),
        metric=frozenset(metric),
    )


# Sections where even a line opening with a verb only lists ("Developed skills in ...").
_LISTING_SECTIONS = frozenset({"skills", "education", "summary"})
# In a resume without headings, a line of this many words is a sentence, not a list.
_PROSE_WORDS = 8
_BULLET_START = re.compile(r"^\s*([-•*▪◦●]|\d+[.)])\s")


def _bullet_text(lines: Sequence[str], index: int) -> str:
    """The bullet or paragraph a line belongs to: PDFs wrap one bullet over several lines."""
    first = index
    while first > 0 and index - first < 3 and not _BULLET_START.match(lines[first]):
        if not lines[first - 1].strip():
            break
        first -= 1
    last = index
    while last + 1 < len(lines) and last - index < 3 and lines[last + 1].strip():
        if _BULLET_START.match(lines[last + 1]):
            break
        last += 1
    return " ".join(lines[first : last + 1])
