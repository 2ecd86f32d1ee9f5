r"""Step 3c of the flow: what a hiring manager reads first on a resume, beside the skills.

Four facts, each read from the text with simple, documented rules:

- **Years of experience** the resume shows: the job date ranges of its experience sections
  ("Jan 2018 - Present", "2016–2019", "03/2015 to 06/2017", "May 2011 to January 2015"),
  overlapping ranges merged, summed. "Present", "Current", "Now", "Till date" end on ``today``.
  A month alone runs from its first day to its last, a year alone stands for its middle
  (July 1), so "2016–2019" is three years. Ranges on education lines (a degree, a university)
  are left out. When a resume has no job range at all, the largest "N years of experience" it
  states is used instead (``years_source`` says which).
- **Years per concept**: the merged ranges of the jobs whose description names the concept (a
  job runs from its date range to the next one), or what the resume states: "5 years of Python",
  or a flattened export's "Python- Experience - 24 months". The largest reading counts.
- **Degree held**: the highest of bachelor, master and PhD the resume names ("B.Tech", "MSc",
  "Master of Science", "MS in", "Ph.D."; "MS Office" is no degree).
- **Titles**: short title-case lines or segments of the experience sections and the headline
  that end with a job noun ("Data Scientist", "Software Engineer", "Head of Analytics"), and the
  headline of flattened exports (the line before "Skill Details").

On the posting's side, :func:`read_posting_facts` reads the degree it asks (the lowest degree
named on a required line, else on a preferred one) and takes the years asked for the role from
:class:`~jdmatch.structure.JobStructure`. :func:`title_closeness` compares titles by their words:
the share of the posting title's words (seniority and filler words left out, "ML" read as
"machine learning", words compared by their first five letters so that "scientist" meets
"science") that the closest resume title shares.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType
from typing import Literal

from jdmatch.matching import Mention
from jdmatch.model import MODEL, RequirementLevel
from jdmatch.resume_sections import section_spans
from jdmatch.structure import JobStructure, requirement_levels, years_asked

#: Degrees jdmatch tells apart, lowest first.
Degree = Literal["bachelor", "master", "phd"]
DEGREES: tuple[Degree, ...] = ("bachelor", "master", "phd")
#: Closeness of two titles of the ML and data field that share no word (from
#: :data:`jdmatch.model.MODEL`).
FIELD_TITLE_CREDIT: float = MODEL.field_title_credit
#: Where the years of experience come from: job date ranges, a stated "N years", or nothing.
YearsSource = Literal["dates", "stated", "none"]

_DAYS_PER_YEAR = 365.25
# How far around a date range, on its line, a degree or a school makes it no job.
_NEAR = 120
# A range longer than this is a misreading (a birth year, a founding date).
_MAX_RANGE_YEARS = 50

_MONTH_NAMES = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
)  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_POINT = rf"(?:{_MONTH},?\s*'?{_YEAR}|(?:0?[1-9]|1[0-2])\s*[/.-]\s*{_YEAR}|{_YEAR})"
_OPEN_END = r"present|current(?:ly)?|now|today|till\s+(?:date|now)|to\s+date|date|ongoing"
_RANGE = re.compile(
    rf"(?<![\w/.-])({_POINT})\s*(?:-|–|—|~|\bto\b|\btill\b|\buntil\b|\bthrough\b|\bthru\b)\s*"
    rf"({_POINT}|{_OPEN_END})(?![\w/])",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(rf"({_MONTH}),?\s*'?({_YEAR})", re.IGNORECASE)
_NUMERIC = re.compile(rf"(0?[1-9]|1[0-2])\s*[/.-]\s*({_YEAR})")
# A line about studies: its date range is not a job.
_EDUCATION_LINE = re.compile(
    r"\b(universit\w*|college|school|institute|academy|b\.?\s?tech|m\.?\s?tech|b\.?\s?sc|"
    r"m\.?\s?sc|bachelor\w*|master'?s|ph\.?\s?d|mba|mca|bca|gpa|cgpa|degree|diploma|"
    r"graduat\w*|hsc|ssc|class (x|xii)|pgdm)\b",
    re.IGNORECASE,
)
_STATED_YEARS = re.compile(
    r"(\d{1,2}(?:\.\d)?)\s*\+?\s*(?:years?|yrs?)\b[^.\n]{0,40}?\bexperience|"
    r"\bexperience\b[^.\n]{0,25}?\b(?:of|over|around|about|nearly|almost)\s+"
    r"(\d{1,2}(?:\.\d)?)\s*\+?\s*(?:years?|yrs?)\b",
    re.IGNORECASE,
)
# A flattened export's skill line: "Python- Experience - 24 months".
# "2+ years of experience with a PhD": the degree is a condition, not an ask.
_DEGREE_CONDITION = re.compile(r"\b(?:with|w/|without|w/o)\s*(?:an?\s+)?$", re.IGNORECASE)
_SKILL_MONTHS = re.compile(r"-\s*Experience\s*-\s*(\d{1,3})\s*months", re.IGNORECASE)

# Degree words, highest degree first. Short forms ("MS", "BE", "MA") count only in capitals
# and before "in", "of", "/", "(" or a field name, so "MS Office" and "Boston, MA" are none.
_DEGREE_RULES: tuple[tuple[Degree, re.Pattern[str]], ...] = (
    ("phd", re.compile(
        r"\bph\.?\s?d\b|\bdoctor(?:ate| of philosophy)\b|\bd\.\s?phil\b|\bpost-?\s?doc",
        re.IGNORECASE)),
    ("master", re.compile(
        r"\bmaster'?s?\b(?! ?card)|\bm\.\s?(?:tech|sc|s|e|a|eng|phil)\b\.?|\bm\.?(?:tech|sc)\b|"
        r"\bmba\b|\bmca\b|\bmsc\b|\bmeng\b|\bpost-?\s?graduat",
        re.IGNORECASE)),
    ("master", re.compile(
        r"\b(?:MS|ME|MA)\b(?=\s*(?:/|,\s|\(|\s(?:in|of)\b|\sdegree))(?<!,\sMA)(?<!,\sME)")),
    ("bachelor", re.compile(
        r"\bbachelor'?s?\b|\bb\.\s?(?:tech|sc|s|e|a|eng|com)\b\.?|\bb\.?(?:tech|sc|com)\b|"
        r"\bbca\b|\bbsc\b|\bbeng\b|\bllb\b|\bundergraduate degree",
        re.IGNORECASE)),
    ("bachelor", re.compile(
        r"\b(?:BS|BE|BA)\b(?=\s*(?:/|,\s|\(|\s(?:in|of)\b|\sdegree|\s+[A-Z][a-z]))")),
)  # fmt: skip

# Nouns that end a job title ("Data Scientist", "Head of Analytics" opens with one).
_JOB_NOUNS = (
    "engineer|scientist|analyst|developer|programmer|manager|consultant|intern|director|"
    "specialist|architect|administrator|officer|associate|assistant|researcher|executive|"
    "principal|teacher|professor|lecturer|technician|designer|coordinator|representative|"
    "accountant|advocate|clerk|supervisor|president|vp|founder|owner|trainee|fellow|lead|head|"
    "tester|statistician|economist|strategist|instructor|tutor|nurse|advisor|adviser|auditor|"
    "editor|writer|agent|operator|mechanic|chef|attorney|lawyer|partner|cto|ceo|cfo|"
    "practitioner|modeler|modeller|dba|sde|swe|mle"
)
_TITLE_END = re.compile(rf"\b({_JOB_NOUNS})\b(?!.*\b({_JOB_NOUNS})\b)", re.IGNORECASE)
_TITLE_HEAD = re.compile(rf"^({_JOB_NOUNS}) of\b", re.IGNORECASE)
_SEGMENT_SPLIT = re.compile(r"\s[-–—|]\s|\t|,\s|\s(?:at|@)\s|\(|\)|\s{3,}")
_MINOR = frozenset({"of", "and", "&", "in", "for", "the", "at", "to", "on", "with", "a", "/"})
_MAX_TITLE_WORDS = 6
_MAX_TITLE_LINE = 120
# Where a resume names the degrees its owner holds (with its first lines, the headline).
_DEGREE_SECTIONS = frozenset({"education", "summary", "other", "certifications"})
_HEADLINE_LINES = 3
_SCHOOL_LINE = re.compile(
    r"^.*\b(?:universit\w*|college|school|institute|academy)\b.*$", re.IGNORECASE | re.MULTILINE
)
_FLAT_HEADLINE = "Skill Details"
_FLAT_LABEL = re.compile(r"\b(Details|Detail)\b")

# Words of a title that say nothing of the job: seniority, place, contract, ids.
_TITLE_STOP = frozenset(
    (
        "senior", "sr", "jr", "junior", "staff", "principal", "lead", "ii", "iii", "iv", "i", "v",
        "remote", "us", "usa", "uk", "eu", "the", "a", "an", "of", "and", "for", "in", "at", "to",
        "with", "hybrid", "onsite", "on", "site", "full", "time", "part", "contract",
        "contractor", "new", "grad", "graduate", "level", "entry", "mid", "experienced", "job",
        "role", "position", "temporary", "permanent",
    )
)  # fmt: skip
_TITLE_ABBREVIATIONS = {
    "ml": "machine learning", "ai": "artificial intelligence", "ds": "data science",
    "nlp": "natural language processing", "cv": "computer vision", "swe": "software engineer",
    "sde": "software development engineer", "mle": "machine learning engineer",
    "bi": "business intelligence", "qa": "quality assurance", "ui": "user interface",
    "ux": "user experience", "it": "information technology", "mlops": "machine learning operations",
}  # fmt: skip
_STEM_LETTERS = 5
# Titles of the ML and data field: two of them are close even when they share no word.
_FIELD_TITLE = re.compile(
    r"data scien|machine learning|\bml\b|\bai\b|artificial intelligence|deep learning|\bnlp\b|"
    r"computer vision|statistic|analytics|data analy|data min|\bllm|generative",
    re.IGNORECASE,
)
_MAX_POSTING_TITLE_WORDS = 10


@dataclass(frozen=True)
class ResumeFacts:
    """What a resume shows beside its skills.

    Attributes:
        years: Years of experience: merged job date ranges, or the stated years (0 if none).
        years_source: ``"dates"``, ``"stated"`` or ``"none"``.
        concept_years: ``{concept id: years the resume shows of it}`` where it shows some.
        degree: The highest degree named, or ``None``.
        titles: Job titles found, in text order, without repeats.
    """

    years: float
    years_source: YearsSource
    concept_years: Mapping[str, float] = field(default_factory=dict)
    degree: Degree | None = None
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class PostingFacts:
    """What a posting asks beside its skills.

    Attributes:
        title: The posting's title line.
        years: Years of experience asked for the role (0 when it states none).
        degree: The lowest degree asked, or ``None``.
        degree_level: ``"required"`` or ``"preferred"`` (``"mentioned"`` when none is asked).
    """

    title: str
    years: int
    degree: Degree | None = None
    degree_level: RequirementLevel = "mentioned"


def _month_start(year: int, month: int) -> date:
    return date(year, month, 1)


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def parse_point(text: str, *, end: bool, today: date) -> date | None:
    """Read one end of a date range: a month and year, a numeric month, a year, or "present".

    Args:
        text: The date as written ("Jan 2018", "03/2015", "2016", "Present").
        end: Whether it closes a range (a month then ends on its last day).
        today: The date "present" stands for.

    Returns:
        The date, or ``None`` when ``text`` is no date.

    Example:
        >>> parse_point("Mar 2015", end=True, today=date(2026, 1, 1))
        datetime.date(2015, 3, 31)
        >>> parse_point("Present", end=True, today=date(2026, 1, 1))
        datetime.date(2026, 1, 1)
    """
    text = text.strip()
    if re.fullmatch(_OPEN_END, text, re.IGNORECASE):
        return today
    named = _MONTH_YEAR.fullmatch(text)
    numeric = _NUMERIC.fullmatch(text)
    if named:
        month = _MONTH_NAMES.index(named.group(1)[:3].lower()) + 1
        year = int(named.group(2))
    elif numeric:
        month, year = int(numeric.group(1)), int(numeric.group(2))
    elif re.fullmatch(_YEAR, text):
        return date(int(text), 7, 1)
    else:
        return None
    return _month_end(year, month) if end else _month_start(year, month)


def job_ranges(
    text: str, *, today: date | None = None, spans: Sequence[tuple[int, str]] | None = None
) -> list[tuple[int, date, date]]:
    r"""Find the job date ranges of a resume.

    Ranges count in experience sections; a resume with no experience section counts them
    anywhere but in education, skills and certifications. A range on an education line (a
    degree, a university) is no job, and neither is one that ends before it starts, ends in
    the future or spans more than 50 years.

    Args:
        text: The resume.
        today: The date "Present" stands for; ``None`` uses :meth:`datetime.date.today`.
        spans: The resume's sections (:func:`jdmatch.resume_sections.section_spans`), when
            already read.

    Returns:
        ``[(offset, start, end)]`` in text order.

    Example:
        >>> cv = "Experience\nData Scientist, Acme, Jan 2018 - Present\nAnalyst, 2015–2018"
        >>> [(s.year, e.year) for _, s, e in job_ranges(cv, today=date(2024, 6, 30))]
        [(2018, 2024), (2015, 2018)]
    """
    today = today or date.today()
    spans = spans if spans is not None else section_spans(text)
    starts = [offset for offset, _kind in spans]
    has_experience = any(kind == "experience" for _offset, kind in spans)
    allowed = {"experience"} if has_experience else {"experience", "projects", "summary", "other"}
    # Education words are found once; a range is near one when one stands on its line within
    # _NEAR characters (searching each range's line instead was quadratic on a long line).
    schooling = [match.start() for match in _EDUCATION_LINE.finditer(text)]
    found = []
    for match in _RANGE.finditer(text):
        kind = spans[bisect_right(starts, match.start()) - 1][1]
        if kind not in allowed or _near(text, schooling, match.start(), match.end()):
            continue
        start = parse_point(match.group(1), end=False, today=today)
        end = parse_point(match.group(2), end=True, today=today)
        if start is None or end is None or end < start or end > today + timedelta(days=31):
            continue
        if (end - start).days > _MAX_RANGE_YEARS * _DAYS_PER_YEAR:
            continue
        found.append((match.start(), start, min(end, today)))
    return found


def _near(text: str, positions: Sequence[int], start: int, end: int) -> bool:
    """Whether a sorted position stands on the line of ``text[start:end]``, near it.

    Near: within :data:`_NEAR` characters.
    """
    index = bisect_right(positions, start - _NEAR - 1)
    while index < len(positions) and positions[index] <= end + _NEAR:
        low, high = min(positions[index], start), max(positions[index], end)
        if "\n" not in text[low:high]:
            return True
        index += 1
    return False


def merged_years(ranges: Iterable[tuple[date, date]]) -> float:
    """Total years covered by date ranges, overlaps counted once.

    Args:
        ranges: ``(start, end)`` pairs.

    Returns:
        The years of their union.

    Example:
        >>> jobs = [(date(2016, 1, 1), date(2019, 1, 1)), (date(2018, 1, 1), date(2020, 1, 1))]
        >>> merged_years(jobs)
        4.0
    """
    total = 0
    current: tuple[date, date] | None = None
    for start, end in sorted(ranges):
        if current and start <= current[1]:
            current = (current[0], max(current[1], end))
            continue
        if current:
            total += (current[1] - current[0]).days
        current = (start, end)
    if current:
        total += (current[1] - current[0]).days
    return round(total / _DAYS_PER_YEAR, 1)


def stated_years(text: str) -> float:
    """The largest "N years of experience" a text states (0 when none).

    Example:
        >>> stated_years("Data scientist with 6+ years of industry experience in retail.")
        6.0
    """
    # A flattened export's skill line ("Python- Experience - 24 months") states no career.
    skill_lines = [match.start() for match in _SKILL_MONTHS.finditer(text)]
    found = [
        float(match.group(1) or match.group(2))
        for match in _STATED_YEARS.finditer(text)
        if not _near(text, skill_lines, match.start(), match.end())
    ]
    return max(found, default=0.0)


def degree_held(text: str) -> Degree | None:
    """The highest degree a resume names.

    Example:
        >>> degree_held("B.Tech in Computer Science, 2014. MS in Statistics, 2016.")
        'master'
        >>> degree_held("Skills: MS Office, MS SQL Server") is None
        True
    """
    return max(_degrees(text), key=DEGREES.index, default=None)


def _degrees(text: str) -> set[Degree]:
    return {degree for degree, pattern in _DEGREE_RULES if pattern.search(text)}


def resume_titles(text: str, *, spans: Sequence[tuple[int, str]] | None = None) -> tuple[str, ...]:
    r"""Job titles a resume shows: its headline and the titles of its experience sections.

    Args:
        text: The resume.
        spans: The resume's sections, when already read.

    Returns:
        Titles in text order, each once.

    Example:
        >>> cv = "SENIOR DATA SCIENTIST\nExperience\nData Scientist - Acme Corp\nBuilt models."
        >>> resume_titles(cv)
        ('SENIOR DATA SCIENTIST', 'Data Scientist')
    """
    spans = spans if spans is not None else section_spans(text)
    starts = [offset for offset, _kind in spans]
    titles: list[str] = []
    offset = 0
    for number, line in enumerate(text.split("\n")):
        # A title line is short: long lines are descriptions, not worth splitting.
        if len(line) <= _MAX_TITLE_LINE and (
            number < 3 or spans[bisect_right(starts, offset) - 1][1] == "experience"
        ):
            titles.extend(_line_titles(line))
        offset += len(line) + 1
    flat = text.find(_FLAT_HEADLINE)
    if flat > 0:
        # A flattened export's headline stands between the education lines and the skills.
        before = [line.strip() for line in text[:flat].split("\n") if line.strip()][-3:]
        titles.extend(
            _SEGMENT_SPLIT.split(line)[0].strip()
            for line in before
            if len(line.split()) <= _MAX_TITLE_WORDS
            and not _FLAT_LABEL.search(line)
            and not re.search(r"\d|\b\w\.\w\.", line)
            and not _EDUCATION_LINE.search(line)
            and not _RANGE.search(line)
        )
    return tuple(dict.fromkeys(title for title in titles if title))


def _line_titles(line: str) -> list[str]:
    found = []
    for segment in _SEGMENT_SPLIT.split(_RANGE.sub(" | ", line)):
        segment = segment.strip(" •*-–:;.\r")
        words = segment.split()
        if not 1 <= len(words) <= _MAX_TITLE_WORDS or not _title_case(words):
            continue
        end = _TITLE_END.search(segment)
        if end:
            found.append(segment[: end.end()].strip())
        elif _TITLE_HEAD.match(segment):
            found.append(segment)
    return found


def _title_case(words: Sequence[str]) -> bool:
    """Every word but the minor ones starts with a capital (a title, not a sentence)."""
    return all(
        word[0].isupper() or word.lower() in _MINOR or not word[0].isalpha() for word in words
    )


def title_words(title: str) -> frozenset[str]:
    """The words of a title that say what the job is, as compared by :func:`title_closeness`.

    Example:
        >>> sorted(title_words("Senior ML Engineer (Remote)"))
        ['engin', 'learn', 'machi']
    """
    words: list[str] = []
    for word in re.findall(r"[a-z]+", title.lower()):
        for part in _TITLE_ABBREVIATIONS.get(word, word).split():
            if part not in _TITLE_STOP and len(part) > 1:
                words.append(part[:_STEM_LETTERS])
    return frozenset(words)


def is_job_title(line: str) -> bool:
    """Whether a posting's first line is a job title ("Senior ML Engineer"), not a sentence.

    Example:
        >>> is_job_title("Senior ML Engineer - Remote"), is_job_title("We need an engineer.")
        (True, False)
    """
    line = line.strip()
    return (
        0 < len(line.split()) <= _MAX_POSTING_TITLE_WORDS
        and not line.endswith((".", "!", "?"))
        and bool(re.search(rf"\b({_JOB_NOUNS})s?\b", line, re.IGNORECASE))
    )


def title_closeness(
    posting_title: str, titles: Sequence[str], *, field_credit: float = FIELD_TITLE_CREDIT
) -> tuple[float, str]:
    """How close the resume's titles come to the posting's title, and the closest one.

    The closeness of two titles is the share of the posting title's words (:func:`title_words`)
    the resume's title shares; two titles of the ML and data field ("Data Scientist" for an
    "ML Engineer" posting) are at least ``field_credit`` close.

    Args:
        posting_title: The posting's title line.
        titles: The resume's titles (:func:`resume_titles`).
        field_credit: Closeness of two field titles that share no word.

    Returns:
        ``(closeness of the closest title, that title)``; ``(0.0, "")`` when none is close.

    Example:
        >>> title_closeness("Data Scientist II", ["Java Developer", "Data Science Intern"])
        (1.0, 'Data Science Intern')
        >>> title_closeness("Machine Learning Engineer", ["Data Scientist"])
        (0.5, 'Data Scientist')
    """
    wanted = title_words(posting_title)
    in_field = bool(_FIELD_TITLE.search(posting_title))
    best, closest = 0.0, ""
    for title in titles:
        share = len(wanted & title_words(title)) / len(wanted) if wanted else 0.0
        if in_field and _FIELD_TITLE.search(title):
            share = max(share, field_credit)
        if share > best:
            best, closest = share, title
    return round(best, 3), closest


def read_resume_facts(
    text: str, mentions: Sequence[Mention], *, today: date | None = None
) -> ResumeFacts:
    r"""Read a resume's years of experience (overall and per concept), degree and titles.

    Args:
        text: The resume, as the mentions' offsets index it.
        mentions: Mentions found in ``text``.
        today: The date "Present" stands for; ``None`` uses :meth:`datetime.date.today`.

    Returns:
        The facts (see the module docstring for the rules).

    Example:
        >>> from jdmatch.matching import extract
        >>> cv = ("MSc Statistics\nExperience\nData Scientist, Acme, 2019 - 2023\n"
        ...       "Built PyTorch models.\nAnalyst, Initech, 2016 - 2019\nSQL reports.")
        >>> facts = read_resume_facts(cv, extract(cv), today=date(2024, 1, 1))
        >>> facts.years, facts.degree, dict(facts.concept_years)["pytorch"]
        (7.0, 'master', 4.0)
    """
    spans = section_spans(text)
    ranges = job_ranges(text, today=today, spans=spans)
    source: YearsSource = "dates"
    if ranges:
        years = merged_years((start, end) for _, start, end in ranges)
    else:
        years = stated_years(text)
        source = "stated" if years else "none"
    return ResumeFacts(
        years=years,
        years_source=source,
        concept_years=MappingProxyType(_concept_years(text, mentions, ranges, spans)),
        degree=degree_held(_education_text(text, spans)),
        titles=resume_titles(text, spans=spans),
    )


def _education_text(text: str, spans: Sequence[tuple[int, str]]) -> str:
    """Where a resume names the degrees held.

    Its headline, education sections and the lines elsewhere that name a school; all of it when
    it has no education section. A degree named in a job ("prepared students for Master's
    exams") is not a degree held.
    """
    if not any(kind == "education" for _offset, kind in spans):
        return text
    ends = [offset for offset, _kind in spans[1:]] + [len(text)]
    parts = text.split("\n", _HEADLINE_LINES)[:_HEADLINE_LINES]
    for (start, kind), end in zip(spans, ends, strict=True):
        if kind in _DEGREE_SECTIONS:
            parts.append(text[start:end])
        else:
            parts.extend(_SCHOOL_LINE.findall(text, start, end))
    return "\n".join(parts)


def _concept_years(
    text: str,
    mentions: Sequence[Mention],
    ranges: Sequence[tuple[int, date, date]],
    spans: Sequence[tuple[int, str]],
) -> dict[str, float]:
    """Years per concept: the jobs naming it, or a stated "N years of X" / "X- ... 24 months"."""
    job_starts = [offset for offset, _start, _end in ranges]
    section_ends = _SectionEnd([offset for offset, _kind in spans[1:]] + [len(text) + 1])
    by_term: dict[str, set[int]] = {}
    for mention in mentions:
        job = bisect_right(job_starts, mention.start) - 1
        # A job's description runs from its date range to the next one, within its section.
        if job >= 0 and mention.start < section_ends(job_starts[job]):
            by_term.setdefault(mention.term, set()).add(job)
    years = {
        term: merged_years((ranges[j][1], ranges[j][2]) for j in jobs)
        for term, jobs in by_term.items()
    }
    for term, stated in years_asked(text, mentions).items():
        years[term] = max(years.get(term, 0.0), float(stated))
    for term, months in _skill_months(text, mentions).items():
        years[term] = max(years.get(term, 0.0), round(months / 12, 1))
    return {term: value for term, value in years.items() if value > 0}


class _SectionEnd:
    """Where the section holding an offset ends."""

    def __init__(self, ends: list[int]) -> None:
        self._ends = ends

    def __call__(self, offset: int) -> int:
        index = bisect_right(self._ends, offset)
        return self._ends[index] if index < len(self._ends) else self._ends[-1]


def _skill_months(text: str, mentions: Sequence[Mention]) -> dict[str, int]:
    """Months per concept named before "- Experience - N months" on its line."""
    months: dict[str, int] = {}
    found = list(_SKILL_MONTHS.finditer(text)) if mentions else []
    if not found:  # most resumes have no such line
        return months
    line_starts = [0, *(match.end() for match in re.finditer("\n", text))]
    by_line = {bisect_right(line_starts, match.start()): match for match in found}
    for mention in mentions:
        match = by_line.get(bisect_right(line_starts, mention.start))
        if match and mention.end <= match.start():
            months[mention.term] = max(months.get(mention.term, 0), int(match.group(1)))
    return months


def read_posting_facts(text: str, job: JobStructure) -> PostingFacts:
    r"""Read the degree a posting asks, with the years it asks for the role.

    Args:
        text: The posting.
        job: Its structure (:func:`jdmatch.structure.read_job`).

    Returns:
        The posting's facts.

    Example:
        >>> from jdmatch.matching import extract
        >>> from jdmatch.structure import read_job
        >>> jd = ("Data Scientist\nRequirements\n- 5+ years of experience with Python.\n"
        ...       "- Bachelor's degree in a quantitative field; PhD is a plus.")
        >>> facts = read_posting_facts(jd, read_job(jd, extract(jd)))
        >>> facts.years, facts.degree, facts.degree_level
        (5, 'bachelor', 'required')
    """
    asked: dict[RequirementLevel, set[Degree]] = {}
    for degree, level in _degree_phrases(text, job):
        if level != "mentioned":
            asked.setdefault(level, set()).add(degree)
    levels: tuple[RequirementLevel, ...] = ("required", "preferred")
    for level in levels:
        if asked.get(level):
            lowest = min(asked[level], key=DEGREES.index)
            return PostingFacts(job.title, job.years_role, lowest, level)
    return PostingFacts(job.title, job.years_role)


def _degree_phrases(text: str, job: JobStructure) -> list[tuple[Degree, RequirementLevel]]:
    """Each degree a posting names, with the requirement level where it stands."""
    found = sorted(
        (match.start(), match.end(), degree)
        for degree, pattern in _DEGREE_RULES
        for match in pattern.finditer(text)
        if not _DEGREE_CONDITION.search(text, max(0, match.start() - 12), match.start())
    )
    marks = [Mention("degree", "degree", text[s:e], s, e, "practice", ()) for s, e, _ in found]
    # The posting's line levels are read once, by read_job.
    levels = requirement_levels(text, marks, levels_of_lines=job.line_levels) if marks else []
    return [(degree, level) for (_s, _e, degree), level in zip(found, levels, strict=True)]


@dataclass(frozen=True)
class Facts:
    """The posting's and the resume's facts, side by side.

    Attributes:
        posting: What the posting asks (title, years, degree).
        resume: What the resume shows (years, years per concept, degree, titles).
        title_match: Closeness of the resume's closest title to the posting's (0–1), ``None``
            when the posting's first line is no job title.
        closest_title: That resume title (``""`` when none comes close).
    """

    posting: PostingFacts
    resume: ResumeFacts
    title_match: float | None
    closest_title: str = ""


def read_facts(
    jd_text: str,
    job: JobStructure,
    resume_text: str,
    resume_mentions: Sequence[Mention],
    *,
    today: date | None = None,
) -> Facts:
    r"""Read the posting's and the resume's facts and compare their titles.

    Args:
        jd_text: The posting.
        job: Its structure (:func:`jdmatch.structure.read_job`).
        resume_text: The resume, as its mentions' offsets index it.
        resume_mentions: Mentions found in the resume.
        today: The date "Present" stands for; ``None`` uses :meth:`datetime.date.today`.

    Returns:
        Both sides' facts and the title closeness.

    Example:
        >>> from jdmatch.matching import extract
        >>> from jdmatch.structure import read_job
        >>> jd = "Machine Learning Engineer\nRequirements: 3+ years of PyTorch."
        >>> cv = "Experience\nML Engineer, Acme, 2021 - 2023\nTrained PyTorch models."
        >>> facts = read_facts(jd, read_job(jd, extract(jd)), cv, extract(cv),
        ...                    today=date(2024, 1, 1))
        >>> facts.title_match, facts.closest_title, facts.resume.concept_years["pytorch"]
        (1.0, 'ML Engineer', 2.0)
    """
    posting = read_posting_facts(jd_text, job)
    resume = read_resume_facts(resume_text, resume_mentions, today=today)
    if not is_job_title(posting.title):
        return Facts(posting, resume, None)
    closeness, closest = title_closeness(posting.title, resume.titles)
    return Facts(posting, resume, closeness, closest)
