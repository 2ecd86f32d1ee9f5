"""Cut a resume into typed sections, and tell the lines that show work done.

Resumes come in three shapes that one reader has to handle:

- *styled* resumes (PDF, DOCX, Markdown), where a heading stands alone on its line, in upper,
  title or lower case, with or without a colon ("WORK EXPERIENCE", "Work History",
  "Accomplishments");
- *inline* headings at the start of a line, followed by a colon or a bullet and the section's
  first items ("Skills: Python, SQL", "TECHNICAL SKILLS ❖ Languages ...", "Key Skills - SDLC");
- *flattened* exports, where the labels of a form ("Education Details", "Skill Details",
  "Company Details", then ``company - ...`` and ``description - ...`` per job) are glued to the
  text before them ("...24 monthsCompany Details") and blocks repeat.

:func:`section_spans` returns where each section starts, as character offsets, so that two
headings on one line each take effect where they stand. Section types are those of
:data:`SECTION_TYPES`; text before the first heading is ``"other"`` (name and contact).

:func:`shows_work` tells a line that reports work done from one that lists: it starts with an
action verb ("Built", "Deployed", "Led a team of five", "Mentored two juniors") and states a
number or an outcome. Named on such a line, a concept is demonstrated even outside experience and
projects (but not in skills, education or a summary, where "Developed skills in ..." lists).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from jdmatch.caches import BoundedCache, bounded_cache

#: Section types of a resume.
SECTION_TYPES: tuple[str, ...] = (
    "experience",
    "projects",
    "publications",
    "skills",
    "summary",
    "education",
    "certifications",
    "other",
)
#: Sections whose content shows the work (the rest only list or describe).
DEMONSTRATING = frozenset({"experience", "projects", "publications"})

# Heading phrases, first match wins: the order settles "Technical Skills Summary" (skills),
# "Personal Profile" (other), "Education and Training" (education), "Career Overview" (summary).
_HEADING_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("skills", re.compile(r"(programming|computer|scripting|markup|query|other) languages",
                          re.IGNORECASE)),
    ("other", re.compile(
        r"personal|contact|interests?\b|hobbies|languages|references|additional information|"
        r"affiliations?|memberships?|extra[- ]?curricular|beyond curriculum|volunteer|"
        r"declaration|activities and|community", re.IGNORECASE)),
    ("publications", re.compile(
        r"publications?|papers|patents|presentations|talks\b|conferences", re.IGNORECASE)),
    ("skills", re.compile(r"skill", re.IGNORECASE)),
    ("projects", re.compile(r"projects?\b|portfolio|thesis|dissertation|research\b",
                            re.IGNORECASE)),
    ("experience", re.compile(
        r"exp[ei]ri?e?n[cs]e|employment|work history|career history|positions|"
        r"internships?|work (profile|summary)|professional background|technical activities|"
        r"quantifiable results|responsibilit|assignments", re.IGNORECASE)),
    ("education", re.compile(r"education|academic|degrees?\b|coursework|studies|schooling",
                             re.IGNORECASE)),
    ("certifications", re.compile(
        r"certif|licen[cs]es?|awards?|honou?rs|achievements?|recognitions?|accomplishments?|"
        r"courses|training|ongoing learning", re.IGNORECASE)),
    ("skills", re.compile(
        r"competenc|technolog|tools|tech stack|expertise|proficienc|highlights|"
        r"qualifications|strengths|knowledge|abilities", re.IGNORECASE)),
    ("summary", re.compile(r"summary|profile|objective|about me|overview|introduction",
                           re.IGNORECASE)),
)  # fmt: skip

# Labels of flattened exports, wherever they stand (glued to the text before or after them).
_FLAT_LABELS = re.compile(r"Education Details|Skill Details|Company Details|Project Details")
_FLAT_TYPES = {
    "Education Details": "education",
    "Skill Details": "skills",
    "Company Details": "experience",
    "Project Details": "projects",
}
# Fields of a flattened job entry, at the start of a line ("company - Acme", "description - ").
_FLAT_FIELD = re.compile(r"^[ \t]*(company|description)[ \t]*-(?:[ \t]|$)", re.MULTILINE)
# A heading alone on its line: words only (a trailing number as in "Work Experience 2").
_HEADING_LINE = re.compile(r"^[^\w]*([A-Z][A-Za-z &/'()-]*?)(?:\s+\d)?[\s:_-]*$")
# A heading at the start of a line, then a colon, a bullet or a dash and the section's items.
_INLINE_HEADING = re.compile(r"^[^\w]*([A-Z][A-Za-z &/']*?)\s*(?::|_{3,}|\s[*•❖✓➢➔−–|-]\s?)")
# Words a heading is made of: a line of these alone is a heading wherever it stands, while a
# line such as "TECHNOLOGY ASSISTED REVIEW" inside a job is the name of a project.
_HEADING_WORD_LIST = """
    skills skill technical key core competencies competency technologies technology tools tech
    stack expertise proficiency proficiencies highlights qualifications strengths knowledge
    abilities summary profile objective objectives career professional about me overview
    introduction executive personal contact information info details interests areas of
    hobbies interest languages references detailed additional affiliations memberships extra
    curricular extracurricular beyond curriculum volunteer volunteering leadership declaration
    activities
    community publications papers patents presentations talks conferences selected projects
    project portfolio thesis dissertation research academic academics experience experiences
    experince expirience employment work history positions internship internships background
    results quantifiable responsibilities assignments education educational degrees degree
    coursework studies schooling certifications certification certificates certificate licenses
    licences license licence awards award honors honours achievements achievement recognition
    recognitions accomplishments accomplishment courses course training trainings ongoing
    learning and & / the other relevant software programming computer it worked on dossier set
    list major industrial scholastic related notable my a in for with summer winter
"""
_HEADING_WORDS = frozenset(_HEADING_WORD_LIST.split())
_MAX_HEADING_WORDS = 5
_MAX_HEADING_CHARS = 80
# Two to four upper-case words after a sentence's end.
_GLUED_HEADING = re.compile(r"(?<=[a-z0-9)][.!?] )([A-Z]{2,}(?: (?:[A-Z]{2,}|&)){1,3})(?![\w.])")
_MAX_INLINE_WORDS = 3

# Action verbs that open a line reporting work done ("Built ...", "Led a team of five ...").
_ACTION_VERBS = (
    "achiev|administer|analy[sz]|architect|automat|build|built|coach|conduct|construct|"
    "coordinat|creat|debugg?|deliver|deploy|design|develop|direct|drove|engineer|establish|"
    "execut|extract|founded|generat|guid|head|hired|implement|improv|increas|integrat|"
    "introduc|invent|launch|led|lead|maintain|manag|mentor|migrat|model|monitor|optimi[sz]|"
    "organi[sz]|overs|own|perform|pilot|predict|prepar|present|produc|program|publish|"
    "re-?design|redu|refactor|research|ran|run|scal|shipp?|spearhead|streamlin|supervis|"
    "taught|test|train|transform|trained|tun|wrote|writ|work"
)
# A number or an outcome: "a team of five", "3 models", "cut latency by 30%".
_SIZE = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds|"
    r"thousands|millions|reduced|increased|improved|cut|saved|grew|boosted|doubled|tripled|"
    r"decreased)\b",
    re.IGNORECASE,
)
_WORK_LINE = re.compile(
    rf"^[\s\-•*▪◦●✓➢➔−–>]*(?:\d+[.)]\s+)?(?:I\s+|we\s+)?(?:{_ACTION_VERBS})\w*\b", re.IGNORECASE
)


def heading_type(phrase: str) -> str | None:
    """The section type a heading phrase names, or ``None`` when it names none.

    Example:
        >>> heading_type("Work History"), heading_type("Technical Skills Summary")
        ('experience', 'skills')
    """
    for kind, pattern in _HEADING_RULES:
        if pattern.search(phrase):
            return kind
    return None


def _line_heading(line: str) -> tuple[str | None, bool, bool]:
    """``(type, alone, plain)`` of a heading opening ``line``.

    ``alone`` when the heading is the whole line, ``plain`` when it is made of heading words
    only ("Technical Skills", not "Technology Assisted Review"). A heading ends with a heading
    word ("Accenture Experience"), so "Project management" is none.
    """
    line = line.strip()
    for pattern, most, alone in (
        (_HEADING_LINE, _MAX_HEADING_WORDS, True),
        (_INLINE_HEADING, _MAX_INLINE_WORDS, False),
    ):
        # Headings are short: looking further would only cost time (the lazy patterns are
        # quadratic on a long run of spaces).
        if alone and len(line) > _MAX_HEADING_CHARS:
            continue
        match = pattern.match(line[:_MAX_HEADING_CHARS])
        if match and 0 < len(words := match.group(1).split()) <= most:
            known = [word.lower().strip("():-'") in _HEADING_WORDS for word in words]
            if not known[-1]:  # "Project management", "Data Science Manager": not headings
                return None, False, False
            return heading_type(match.group(1)), alone, all(known)
    return None, False, False


def section_spans(text: str) -> list[tuple[int, str]]:
    r"""Where each section of a resume starts, and its type.

    Args:
        text: The resume.

    Returns:
        ``[(offset, type)]`` sorted by offset, starting with ``(0, "other")``; a section runs
        to the next one's offset. Types are those of :data:`SECTION_TYPES`.

    Example:
        >>> cv = "Jane Doe\nSkills: Python\nWork History\nBuilt a Kafka pipeline."
        >>> section_spans(cv)
        [(0, 'other'), (9, 'skills'), (24, 'experience')]
    """
    # An analysis reads a resume's sections twice (evidence, then years and titles).
    found = _SPANS.get(text)
    if found is None:
        found = _SPANS.put(text, tuple(_section_spans(text)))
    return list(found)


_SPANS: BoundedCache[str, tuple[tuple[int, str], ...]] = bounded_cache("section_spans", maxsize=8)


def _section_spans(text: str) -> list[tuple[int, str]]:
    marks: list[tuple[int, str]] = [
        (match.start(), _FLAT_TYPES[match.group()]) for match in _FLAT_LABELS.finditer(text)
    ]
    marks += [(match.start(1), "experience") for match in _FLAT_FIELD.finditer(text)]
    marks += _glued_headings(text)
    flat = sorted({offset for offset, _kind in marks})
    offset = 0
    current = "other"
    events = sorted(marks)
    spans: list[tuple[int, str]] = [(0, "other")]
    next_mark = 0
    for line in text.split("\n"):
        end = offset + len(line)
        # Marks of a flattened export found earlier on this line take effect first.
        while next_mark < len(events) and events[next_mark][0] < offset:
            current = events[next_mark][1]
            spans.append(events[next_mark])
            next_mark += 1
        # A mark at the line's start or in its indent (found by bisection: a flattened export
        # can hold hundreds of marks).
        first_mark = bisect_left(flat, offset)
        indent_end = offset + len(line) - len(line.lstrip())
        starts_flat = first_mark < len(flat) and flat[first_mark] <= indent_end
        if not starts_flat:
            kind, alone, plain = _line_heading(_strip_flat(line))
            # A heading is made of heading words, but for a job or project heading with a name
            # ("Accenture Experience"). Within a job or project, only a heading alone on its
            # line ends it: an "Environment: ..." line does not.
            if (
                kind is not None
                and (plain or kind in DEMONSTRATING)
                and (alone or current not in DEMONSTRATING or kind in DEMONSTRATING)
            ):
                current = kind
                spans.append((offset, kind))
        while next_mark < len(events) and events[next_mark][0] <= end:
            current = events[next_mark][1]
            spans.append(events[next_mark])
            next_mark += 1
        offset = end + 1
    return _merged(spans)


def _glued_headings(text: str) -> list[tuple[int, str]]:
    """Upper-case headings that PDF extraction glued after a sentence.

    As in "... cofounder of a youth club. SELECTED PUBLICATIONS · Doe, J. 2017 ...".
    """
    found = []
    for match in _GLUED_HEADING.finditer(text):
        words = match.group(1).split()
        if all(word.lower() in _HEADING_WORDS for word in words):
            kind = heading_type(match.group(1))
            if kind is not None:
                found.append((match.start(1), kind))
    return found


def _strip_flat(line: str) -> str:
    """A line without the flattened labels glued to its end."""
    match = _FLAT_LABELS.search(line)
    return line[: match.start()] if match else line


def _merged(spans: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Spans sorted by offset, a later span at the same offset replacing an earlier one."""
    merged: list[tuple[int, str]] = []
    for offset, kind in sorted(spans, key=lambda span: span[0]):
        if merged and merged[-1][0] == offset:
            merged[-1] = (offset, kind)
        elif not merged or merged[-1][1] != kind:
            merged.append((offset, kind))
    return merged


def section_at(spans: list[tuple[int, str]], starts: list[int], offset: int) -> str:
    """The type of the section holding ``offset`` (``starts``: the spans' offsets)."""
    return spans[max(bisect_right(starts, offset) - 1, 0)][1]


def shows_work(line: str, bullet: str | None = None) -> bool:
    """Whether a line reports work done: it opens with an action verb and states a size.

    Args:
        line: The line.
        bullet: The whole bullet the line belongs to, when it wraps over several lines.

    Returns:
        ``True`` when ``line`` opens with an action verb ("Built", "Led", "Mentored") and the
        bullet states a number or an outcome ("a team of five", "30%", "reduced").

    Example:
        >>> shows_work("- Led a team of five to ship a fraud model"), shows_work("Led projects")
        (True, False)
    """
    return _WORK_LINE.match(line) is not None and _SIZE.search(bullet or line) is not None
