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
from functools import cache, lru_cache
from types import MappingProxyType

from jdmatch.caches import BoundedCache, bounded_cache, register
from jdmatch.line_levels import LineRules, predict_levels
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

_MENTIONED_HEADING = re.compile(
    r"about (us|the company|the team|our company|[A-Z][\w&.-]*$)|who we are|our (mission|story|"
    r"company|culture|values|team)|company (overview|description|information)|benefits|perks|"
    r"what we offer|we offer|compensation|salary|pay (range|transparency)|equal (employment )?"
    r"opportunit|eeo|accommodation|privacy|disclaimer|how to apply|why (join|work)|life at|"
    r"location|work environment|physical (demands|requirements)|travel|rewards|interview|"
    r"(hiring|recruit\w*|application) process|next steps",
    re.IGNORECASE,
)
_PREFERRED_HEADING = re.compile(
    r"prefer|nice[ -]to[ -]haves?|bonus|pluses|desired|desirable|good to have|extra credit|"
    r"additional (skills|qualifications)|advantageous|it'?s a plus|stand out|ideally|"
    r"recommended\b|helpful",
    re.IGNORECASE,
)
_REQUIRED_HEADING = re.compile(
    r"require|qualifications?|must[ -]haves?|what you('ll| will)? (bring|need|have)|who you are|"
    r"skills|experience|responsibilit|what you('ll| will)? do|what you will be doing|the role|"
    r"about (the|this) (role|position|job|opportunity)|duties|your impact|accountabilit|minimum|"
    r"basic|"
    r"you have|about you|your profile|job description|overview|in this role|key|essential|"
    r"looking for|what we expect|ideal candidate|your background|you are|you bring|what you need",
    re.IGNORECASE,
)
# Lines that are boilerplate wherever they stand.
_BOILERPLATE_PHRASE = re.compile(  # lower case
    r"equal opportunity|without regard to|reasonable accommodation|e-?verify|401\(?k\)?|"
    r"paid time off|health insurance|dental|salary range|pay range|base (salary|pay)|"
    r"protected veteran|sexual orientation|national origin|applicants? (with|who)"
)
_BOILERPLATE_LINE = re.compile(_BOILERPLATE_PHRASE.pattern, re.IGNORECASE)
_PREFERRED_CUE = re.compile(
    r"\b(is|are|would be|will be|a) (a )?(big |huge |strong )?(plus|bonus|advantage)\b|"
    r"\bnice[ -]to[ -]have\b|\bpreferred\b|\bpreferably\b|\bideally\b|\bbonus\b|\ba plus\b|"
    r"\bdesired\b|\bdesirable\b|\bgood to have\b|\bnot required\b|\boptional\b",
    re.IGNORECASE,
)
_NEGATED_CUE = re.compile(
    r"\bno (prior |previous )?([\w/+#.-]+ ){0,4}(experience|knowledge|background) "
    r"(is )?(required|needed|necessary)\b|\bdon'?t need\b|\bnot necessary\b",
    re.IGNORECASE,
)
_REQUIRED_CUE = re.compile(
    r"\bmust\b|\brequired\b|\brequirement\b|\bmandatory\b|\bessential\b", re.IGNORECASE
)
_YEARS = re.compile(
    r"(\d{1,2})\s*\+?\s*(?:(?:-|–|to)\s*\d{1,2}\s*)?\+?\s*(?:years?|yrs?)\b", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n")

_METRIC = re.compile(
    r"\d+(\.\d+)?\s*(%|x\b|percent|ms\b|k\b|m\b|\+)|[$€£]\s?\d|\b(reduced|increased|improved|"
    r"cut|saved|grew|boosted|lifted|raised|doubled|tripled|accelerated|decreased)\b",
    re.IGNORECASE,
)

_ROLE_TITLE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("analyst", re.compile(r"analyst", re.IGNORECASE)),
    ("mlops", re.compile(r"ml ?ops|machine learning op|ml (platform|infra)|ai (platform|infra)"
                         r"|ml systems|platform engineer", re.IGNORECASE)),
    ("data_engineer", re.compile(r"data engineer|big data engineer|etl", re.IGNORECASE)),
    ("applied_scientist", re.compile(r"applied (ml |ai )?scientist|applied research",
                                     re.IGNORECASE)),
    ("research_scientist", re.compile(r"research (scientist|engineer)|researcher|scientist,? "
                                      r"research|phd", re.IGNORECASE)),
    ("llm_engineer", re.compile(r"\bllm|gen(erative)? ?ai|prompt engineer|conversational ai",
                                re.IGNORECASE)),
    ("data_scientist", re.compile(r"data scien|statistician|decision scien", re.IGNORECASE)),
    # Any other scientist (materials, research, speech ...) does research.
    ("research_scientist", re.compile(r"scientist", re.IGNORECASE)),
    ("ml_engineer", re.compile(r"machine learning|\bml\b|\bai\b|deep learning|computer vision|"
                               r"\bnlp\b|perception|artificial intelligence", re.IGNORECASE)),
)  # fmt: skip
_SENIORITY_TITLE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("intern", re.compile(r"\bintern(ship)?\b|co-?op\b", re.IGNORECASE)),
    ("manager", re.compile(r"\b(manager|director|head of|vp|vice president)\b", re.IGNORECASE)),
    ("staff", re.compile(r"\b(staff|principal|distinguished|architect)\b", re.IGNORECASE)),
    ("senior", re.compile(r"\b(senior|sr\.?|lead|iii|iv)\b", re.IGNORECASE)),
    ("junior", re.compile(r"\b(junior|jr\.?|entry|new grads?|graduate|associate|i)\b|\b20\d\d "
                          r"grad", re.IGNORECASE)),
    ("mid", re.compile(r"\bii\b|\bmid\b", re.IGNORECASE)),
)  # fmt: skip


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
        years_role: The most years of experience an asked line states (capped at 15).
    """

    requirement: Mapping[str, RequirementLevel]
    years: Mapping[str, int]
    role: str
    seniority: str
    title: str
    mention_levels: tuple[RequirementLevel, ...] = ()
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


def requirement_levels(text: str, mentions: Sequence[Mention]) -> list[RequirementLevel]:
    r"""Give each mention of a job description its requirement level.

    Args:
        text: The job description, as the mentions' offsets index it.
        mentions: Mentions found in ``text``.

    Returns:
        One level per mention, in order: ``"required"``, ``"preferred"`` or ``"mentioned"``.

    Example:
        >>> from jdmatch.matching import extract
        >>> jd = "Requirements\nPython and SQL.\nNice to have\nKafka. Terraform is a plus."
        >>> requirement_levels(jd, extract(jd))
        ['required', 'required', 'preferred', 'preferred']
    """
    line_levels = _line_levels(text)
    line_starts = _line_starts(text)
    sentences = _Sentences(text)
    levels: list[RequirementLevel] = []
    for mention in mentions:
        line = _line_of(line_starts, mention.start)
        level = line_levels[line]
        if level != "mentioned":
            level = _sentence_level(sentences.around(mention.start, mention.end)) or level
        levels.append(level)
    return levels


@lru_cache(maxsize=1024)  # a sentence often names several concepts
def _sentence_level(sentence: str) -> RequirementLevel | None:
    """The level a sentence's own cue sets ("... is a plus"), if it has one."""
    return _first_level(sentence, _SENTENCE_CUES)


register(
    "sentence_levels",
    clear=_sentence_level.cache_clear,
    size=lambda: _sentence_level.cache_info().currsize,
)


def _first_level(
    text: str, rules: Sequence[tuple[re.Pattern[str], RequirementLevel]]
) -> RequirementLevel | None:
    """The level of the first rule whose pattern occurs in ``text``."""
    return next((level for pattern, level in rules if pattern.search(text)), None)


#: How many characters of a line the heading rules read.
HEADING_CHARS = 60


def _line_levels(text: str) -> list[RequirementLevel]:
    """The requirement level of every line, from the learned line model (:mod:`line_levels`).

    One analysis asks for a posting's line levels several times (per mention, for the years
    asked, for the study order); the last few texts' levels are kept.
    """
    found = _LINE_LEVELS.get(text)
    if found is None:
        lines = text.split("\n")
        found = _LINE_LEVELS.put(text, tuple(predict_levels(lines, _line_rules(text, lines))))
    return list(found)


_LINE_LEVELS: BoundedCache[str, tuple[RequirementLevel, ...]] = bounded_cache(
    "line_levels", maxsize=8
)


def _line_rules(text: str, lines: Sequence[str]) -> list[LineRules]:
    """What the rules say about every line: the line model reads them as features."""
    level: RequirementLevel = "required"
    rules = []
    boilerplate = _boilerplate_lines(text)
    for number, line in enumerate(lines):
        heading, rest = _heading(line)
        if heading is not None:
            level = _heading_level(heading, current=level)
        rules.append(
            LineRules(
                heading=heading is not None,
                inline=bool(rest),
                # A heading's words stand at the start of its line: reading the first
                # characters keeps this linear and cheap on long paragraphs.
                heading_level=_first_level(
                    (heading or line.strip())[:HEADING_CHARS].replace("’", "'"), _HEADING_RULES
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
    return _first_level(heading.replace("’", "'"), _HEADING_RULES) or current


_SENTENCE_CUES: tuple[tuple[re.Pattern[str], RequirementLevel], ...] = (
    (_NEGATED_CUE, "mentioned"),
    (_PREFERRED_CUE, "preferred"),
    (_REQUIRED_CUE, "required"),
)
_HEADING_RULES: tuple[tuple[re.Pattern[str], RequirementLevel], ...] = (
    (_PREFERRED_HEADING, "preferred"),
    (
        re.compile(r"about (the|this) (role|position|job|opportunity)|about you", re.IGNORECASE),
        "required",
    ),
    (_MENTIONED_HEADING, "mentioned"),
    (_REQUIRED_HEADING, "required"),
)


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
        after = bisect_left(self._starts, end)
        right = self._starts[after] if after < len(self._starts) else len(self._text)
        return self._text[self.start_of(start) : right]


def years_asked(text: str, mentions: Sequence[Mention]) -> dict[str, int]:
    """Years of experience a job description asks for, per concept ("3+ years of Python").

    Args:
        text: The job description.
        mentions: Mentions found in ``text``.

    Returns:
        ``{concept id: years}`` for concepts named after a years phrase in the same sentence.

    Example:
        >>> from jdmatch.matching import extract
        >>> jd = "5+ years of Python and SQL. Some Kafka."
        >>> years_asked(jd, extract(jd))
        {'python': 5, 'sql': 5}
    """
    asked: dict[str, int] = {}
    sentences = _Sentences(text)
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


def read_job(text: str, mentions: Sequence[Mention]) -> JobStructure:
    r"""Read a job description's requirement levels, years asked, role and seniority.

    Args:
        text: The job description.
        mentions: Mentions found in ``text``.

    Returns:
        The structure; a concept's level is the strongest among its mentions.

    Example:
        >>> from jdmatch.matching import extract
        >>> jd = "Senior Research Scientist\nRequirements: PyTorch\nBonus: JAX"
        >>> job = read_job(jd, extract(jd))
        >>> job.role, job.seniority, dict(job.requirement)
        ('research_scientist', 'senior', {'pytorch': 'required', 'jax': 'preferred'})
    """
    requirement: dict[str, RequirementLevel] = {}
    levels = requirement_levels(text, mentions)
    for mention, level in zip(mentions, levels, strict=True):
        current = requirement.get(mention.term)
        if current is None or REQUIREMENT_LEVELS.index(level) < REQUIREMENT_LEVELS.index(current):
            requirement[mention.term] = level
    title = next((line.strip() for line in text.split("\n") if line.strip()), "")[:120]
    years = years_asked(text, mentions)
    asked_lines = (
        line
        for line, level in zip(text.split("\n"), _line_levels(text), strict=True)
        if level != "mentioned"
    )
    most_years = min(
        max((int(m.group(1)) for line in asked_lines for m in _YEARS.finditer(line)), default=0),
        15,
    )
    return JobStructure(
        requirement=MappingProxyType(requirement),
        years=MappingProxyType(years),
        role=detect_role(title, {m.term for m in mentions}),
        seniority=detect_seniority(title, most_years),
        title=title,
        mention_levels=tuple(levels),
        years_role=most_years,
    )


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
    if re.search(r"\bai\b|artificial intelligence", title, re.IGNORECASE):
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


def read_resume(text: str, mentions: Sequence[Mention]) -> ResumeStructure:
    r"""Read where a resume names each concept: in experience and projects, or only listed.

    Sections come from :func:`jdmatch.resume_sections.section_spans`. A concept is
    demonstrated when one of its mentions stands in experience, projects or publications, or on
    a line that shows work (:func:`jdmatch.resume_sections.shows_work`) outside skills, summary
    and education; in a resume with no heading at all, on any line of eight words or more.

    Args:
        text: The resume, as the mentions' offsets index it.
        mentions: Mentions found in ``text``.

    Returns:
        Evidence level, deciding section and metric flag per concept.

    Example:
        >>> from jdmatch.matching import extract
        >>> cv = "Skills\nPython, Kafka\nExperience\nCut costs 30% by moving jobs to Kafka."
        >>> resume = read_resume(cv, extract(cv))
        >>> dict(resume.evidence), sorted(resume.metric)
        ({'python': 'listed', 'apache_kafka': 'demonstrated'}, ['apache_kafka'])
    """
    line_starts = _line_starts(text)
    lines = text.split("\n")
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

    # A resume with no heading at all is prose: a sentence names what was done.
    prose = len(spans) == 1

    for mention in mentions:
        line = _line_of(line_starts, mention.start)
        section = section_at(spans, span_starts, mention.start)
        demonstrated = (
            section in DEMONSTRATING
            or (section not in _LISTING_SECTIONS and line_shows_work(line))
            or (prose and len(lines[line].split()) >= _PROSE_WORDS)
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
