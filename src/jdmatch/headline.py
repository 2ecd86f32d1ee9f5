"""The posting's headline: its job title and, where its first lines name it, its company.

A report is headed by what a person calls the job ("Senior ML Engineer — Northwind Media"),
not by file paths, and a ranking of many postings names each one the same way. The title is
the posting's first line (:func:`jdmatch.structure.posting_title`) without Markdown marks. The
company is looked for in the first :data:`COMPANY_SEARCH_LINES` non-blank lines; the first line
that names one in any of these shapes gives it:

- a labelled line: ``Company: Northwind Media``, ``Client: Contoso Bank``,
  ``Employer - Acme Corp``;
- a title that ends with ``at`` or ``@`` and a name: ``ML Engineer at Acme`` (first line);
- a short line of capitalised words right under the title (``Northwind Media``) that is
  neither a heading, a place nor a work arrangement (second line);
- a heading ``About Acme``, ``Join Acme``, ``Life at Acme``, ``Why join Acme?``, or a
  sentence that says it is the company: ``At Acme, we …``, ``Here at Acme, …``, ``Join Acme
  and …``, ``Greetings from Acme``;
- a sentence that introduces a name: ``Acme is hiring …``, ``Acme builds …``, ``Acme’s
  mission …``, ``Join Acme, where you …``. Here a concept of the lexicon is no company
  ("Python is a must"), though in the shapes above it is ("At Hugging Face, we …").

A name that opens with a word of headings and sentences ("Experience is required") or holds a
slash is no company either, and legal suffixes ("Inc.", "LLC") are dropped. Anything else
gives no company rather than a guess.

On the 1,042 real postings of the shared corpora with a company column, read as
:func:`jdmatch.analyze_many` reads a CSV (title line, then the description;
``python eval/company_names.py``), it names a company for 464 (45%) and agrees with the
column for 410 of them (88%); on the 49 of the blind labels' ``test`` split, never tuned on,
for 22 and 17. Most of the others are the posting's own name for its employer (a subsidiary,
a division, an acronym, the client of a recruiter).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from itertools import islice

from jdmatch.lexicon import Lexicon, load_lexicon
from jdmatch.structure import posting_title

#: Non-blank lines at the top of a posting searched for its company.
COMPANY_SEARCH_LINES = 15
#: Longest company name kept, in characters.
MAX_COMPANY_CHARS = 60

_NAME_WORD = r"[A-Z0-9][\w&.'’+-]*"
_NAME = rf"{_NAME_WORD}(?:(?: (?:&|of|de|and|for))? {_NAME_WORD}){{0,4}}?"
_GREEDY_NAME = rf"{_NAME_WORD}(?:(?: (?:&|of|de|and|for))? {_NAME_WORD}){{0,4}}"
_INTRODUCES = (
    r"(?:is|are) (?:a|an|the|one|now|currently|in search|on a mission|proud|excited|"
    r"dedicated|committed|focused|partnered|at the|\w+ing)\b|has (?:a|an|partnered|been|built)\b|"
    r"was (?:founded|started|born|built)\b|"
    r"(?:uses|builds|helps|provides|develops|creates|offers|enables|empowers|delivers|makes|"
    r"works|exists|powers|serves|partners|specializes|specialises|combines|brings)\b|"
    r"['’]s (?:mission|vision|purpose)\b"
)
_LABELLED = re.compile(
    r"^(?:company|client|employer|organi[sz]ation|company name|hiring company)"
    r"(?:\s*:|\s+[|–—-])\s*(?P<name>[^\n]{2,60}?)\s*$",
    re.IGNORECASE,
)
#: Shapes that say a name is the company's (a tool's name there is still the company's:
#: "At Hugging Face, we ...").
_NAMING = (
    re.compile(rf"^(?i:about|join|why join|life at|working at)\s+(?P<name>{_NAME})\s*[:!?.]?\s*$"),
    re.compile(rf"^(?i:about) (?P<name>{_NAME})\s*:"),
    re.compile(rf"^(?i:(?:here )?at) (?P<name>{_NAME})(?=,| \(| (?:we|our|you)\b)"),
    re.compile(rf"^(?i:join) (?P<name>{_NAME}) (?:and|as|in|on|to)\b"),
    re.compile(rf"^(?i:greetings from|this is \w+ from|bring your heart to) (?P<name>{_NAME})\b"),
)
#: Sentences that may name a company or a concept ("Python is a must"): a concept is no company.
_INTRODUCING = (
    re.compile(rf"^(?P<name>{_NAME})(?: \([^)]{{1,40}}\))?(?: |(?=['’]s ))(?:{_INTRODUCES})"),
    re.compile(rf"\b(?i:join|at|from|to) (?P<name>{_NAME}),? (?:where |and )?(?:we|our|you)\b"),
)
_TITLE_AT = re.compile(rf"\s(?:at|@)\s+(?P<name>{_GREEDY_NAME})\s*$")
_PARENTHESES = re.compile(r"\s*[(\[].*?[)\]]\s*")
# Capitalised words that open lines without naming a company ("Experience is a must").
_NOT_COMPANY_FIRST_WORDS_TEXT = """
    a about ai all an and apply are as at basic benefits bs candidate candidates client clients
    company compensation contract customer data description duties each every experience
    experienced familiarity for freelance full he here how hybrid if in is it job join
    junior key knowledge lead location machine minimum ml ms must need no one our overview
    paid part phd position preferred principal proficiency qualifications remote
    requirements responsibilities role salary senior she software staff strong summary
    team the there they this title understanding us we what who why work you your
"""
_NOT_COMPANY_FIRST_WORDS = frozenset(_NOT_COMPANY_FIRST_WORDS_TEXT.split())
# Words that make a bare line under the title something other than a company's name.
_NOT_NAME_WORDS_TEXT = """
    about overview summary description requirements requirement responsibilities
    qualifications qualification skills benefits role position job opportunity team remote
    hybrid onsite office full part time contract contractor permanent temporary internship
    intern location locations salary compensation pay us you your we our who what why how
    apply posted posting date hiring urgent new immediate start title department level senior
    junior engineer engineering scientist developer manager analyst lead staff principal
    director specialist architect consultant years experience united states usa uk europe
    america worldwide anywhere hi hello dear greetings company profile introduction intro
    vision mission information type requisition business unit linkedin only they it he she
    client clients clearance polygraph secret
"""
_NOT_NAME_WORDS = frozenset(_NOT_NAME_WORDS_TEXT.split())
_TRAILING_WORDS = re.compile(r"(?:\s\w\.?)+$|[’']s$")  # "Acme I", "Acme's"
_LEGAL_SUFFIX = re.compile(r",?\s+(?:inc|llc|ltd|gmbh|corp|co|plc|s\.?a)\.?$", re.IGNORECASE)
_EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")


@dataclass(frozen=True)
class Headline:
    """What a report, or a row of a ranking, is headed by.

    Attributes:
        title: The posting's first line without Markdown marks ("" for an empty posting).
        company: The company its first lines name; ``None`` when they name none.
    """

    title: str
    company: str | None


def read_headline(text: str, *, lexicon: Lexicon | None = None) -> Headline:
    r"""Read a posting's job title and company from its first lines.

    Args:
        text: The posting.
        lexicon: Its concepts are not taken for companies; ``None`` uses the shipped one.

    Returns:
        The title and the company, or ``None`` for the company when no line names it in one of
        the shapes the module lists.

    Example:
        >>> read_headline("Senior ML Engineer\nNorthwind Media (fictional)\nAbout the role")
        Headline(title='Senior ML Engineer', company='Northwind Media')
        >>> read_headline("Data Scientist\nAbout Acme Robotics:\nWe build arms.").company
        'Acme Robotics'
        >>> read_headline("ML Engineer\nRemote, full-time\nPython is a must.").company is None
        True
    """
    plain_lines = (plain for plain in map(_plain, io.StringIO(text)) if plain)  # read lazily
    lines = list(islice(plain_lines, COMPANY_SEARCH_LINES))
    title = posting_title("\n".join(lines[:1]))
    concept_forms = (lexicon or load_lexicon()).surface_forms
    for number, line in enumerate(lines):
        for name, kind in _candidates(number, line):
            company = _company_name(name)
            if company is None or (kind != "named" and company.lower() in concept_forms):
                continue
            if kind != "bare" or _bare_name(company):
                return Headline(title=title, company=company)
    return Headline(title=title, company=None)


def _candidates(number: int, line: str) -> list[tuple[str, str]]:
    """The names ``line`` may give, most explicit shape first (``number`` counts from 0).

    Each comes with its kind: ``"named"`` (a shape that says it is the company), ``"sentence"``
    (it may be a concept) or ``"bare"`` (the whole line under the title).
    """
    names = [(found["name"], "named") for found in [_LABELLED.search(line)] if found]
    if number == 0 and (at := _TITLE_AT.search(line)):
        names.append((at["name"], "named"))
    names += [(found["name"], "named") for shape in _NAMING if (found := shape.search(line))]
    names += [(found["name"], "sentence") for s in _INTRODUCING if (found := s.search(line))]
    if number == 1:
        names.append((_PARENTHESES.sub(" ", line).strip(), "bare"))
    return names


def _company_name(name: str) -> str | None:
    """``name`` without legal suffixes and trailing marks, if it may be a company's."""
    name = _TRAILING_WORDS.sub("", name.strip(" \t.,;:!-–—|·•®™")).strip()
    name = _LEGAL_SUFFIX.sub("", name).strip(" ,")
    if len(name) < 2 or len(name) > MAX_COMPANY_CHARS or "/" in name or name[0].isdigit():
        return None
    if name.split()[0].lower().strip(".,:'’") in _NOT_COMPANY_FIRST_WORDS:
        return None
    return name


def _bare_name(name: str) -> bool:
    """Whether a bare line reads as a name.

    That is one to five capitalised words, no punctuation of a sentence, and no word of a
    heading, place or work arrangement.
    """
    words = name.split()
    if len(words) > 5 or re.search(r"[,:;!?|+]|\d", name):
        return False
    if any(word in _NOT_NAME_WORDS for word in re.findall(r"[a-z0-9]+", name.lower())):
        return False
    return all(re.match(r"[A-Z0-9&]", word) or word in {"of", "and", "de"} for word in words)


def _plain(line: str) -> str:
    """A line without Markdown heading, bullet and emphasis marks and surrounding space."""
    line = _EMPHASIS.sub("", line.replace("\xa0", " "))
    return line.strip().lstrip("#•-").strip()
