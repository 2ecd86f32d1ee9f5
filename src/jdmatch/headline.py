"""The posting's headline: its job title and, where the posting says it plainly, its company.

A report is headed by what a person calls the job ("Senior ML Engineer at Northwind Media"),
not by file paths. The title is the posting's first line. The company is read only from shapes
that leave little doubt, in the first lines of the posting:

- a labelled line: ``Company: Northwind Media``, ``Employer - Acme Corp``;
- a title that ends with ``at`` or ``@`` and a name: ``ML Engineer at Acme``;
- a short line of capitalised words right under the title (``Northwind Media``), which is
  neither a heading, a place nor a work arrangement;
- an ``About Acme`` heading;
- a first sentence such as ``Acme is looking for ...``, ``At Acme, we ...`` or
  ``Join Acme ...``.

Anything else gives no company rather than a guess. On the 1,043 real postings of the shared
corpora (``python eval/headline_companies.py``: title line and text, as
:func:`jdmatch.analyze_many` reads a CSV), it names a company
for 172 (16%): 152 agree with the CSV's company column, 19 are the posting's own name for its
employer (a subsidiary, a division, an acronym, the client of a recruiter or a job board) and 1
is wrong (a security clearance under the title).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Lines at the top of a posting that are searched for the company.
HEAD_LINES = 8
#: Longest title or company name kept, in characters.
MAX_TITLE_CHARS = 120
MAX_COMPANY_CHARS = 60

_NAME_WORD = r"[A-Z0-9][\w&.'’+-]*"
_NAME = rf"{_NAME_WORD}(?:[ \t]+(?:(?:&|and|of|de)[ \t]+)?{_NAME_WORD}){{0,4}}"
_LABELLED = re.compile(
    r"^(?:company|employer|hiring company)(?: name)?"
    r"\s*[:|–—-]\s*(?P<name>.+)$",
    re.IGNORECASE,
)
_TITLE_AT = re.compile(rf"\s(?:at|@)\s+(?P<name>{_NAME})\s*$")
_ABOUT = re.compile(rf"^about\s+(?P<name>{_NAME})\s*:?$", re.IGNORECASE)
_SENTENCE = re.compile(
    rf"^(?:[Aa]t\s+(?P<at>{_NAME}),\s+(?:we|our)\b|[Jj]oin\s+(?P<join>{_NAME})\b|"
    rf"(?P<subject>{_NAME})\s+(?:is|are)\s+(?:looking|seeking|hiring|searching))",
)
_PARENTHESES = re.compile(r"\s*[(\[].*?[)\]]\s*")
# Words that make a short capitalised line something other than a company's name.
_NOT_A_NAME_WORDS = """
    about overview summary description requirements requirement responsibilities qualifications
    qualification skills benefits role position job opportunity team remote hybrid onsite
    office full part time contract contractor permanent temporary
    internship intern location locations salary compensation pay us you your we our who what
    why how apply posted posting date hiring urgent new immediate start title
    department level senior junior engineer engineering scientist developer manager analyst
    lead staff principal director specialist architect consultant years experience united
    states usa uk europe america worldwide anywhere hi hello dear greetings company profile
    introduction intro vision mission information type requisition business unit linkedin only
    they it he she client clients
"""
_NOT_A_NAME = frozenset(_NOT_A_NAME_WORDS.split())
_BAD_FIRST_WORDS = frozenset({"the", "a", "an", "this", "join", "our", "we", "at", "and"})
_LEGAL_SUFFIX = re.compile(r",?\s+(?:inc|llc|ltd|gmbh|corp|co|plc|s\.?a)\.?$", re.IGNORECASE)


@dataclass(frozen=True)
class Headline:
    """What a report is headed by.

    Attributes:
        title: The posting's first line ("" for an empty posting).
        company: The company, when the posting names it plainly; else ``None``.
    """

    title: str
    company: str | None


def read_headline(text: str) -> Headline:
    r"""Read a posting's job title and company from its first lines.

    Args:
        text: The posting.

    Returns:
        The title (the first non-blank line, without Markdown marks) and the company, or
        ``None`` when no line names it in one of the shapes the module lists.

    Example:
        >>> read_headline("Senior ML Engineer\nNorthwind Media (fictional)\nAbout the role")
        Headline(title='Senior ML Engineer', company='Northwind Media')
        >>> read_headline("Data Scientist at Acme Labs\nWe build things.").company
        'Acme Labs'
        >>> read_headline("ML Engineer\nRemote, full-time").company is None
        True
    """
    lines = [_plain(line) for line in text.split("\n")]
    lines = [line for line in lines if line][:HEAD_LINES]
    if not lines:
        return Headline(title="", company=None)
    title = lines[0][:MAX_TITLE_CHARS]
    return Headline(title=title, company=_company(lines))


def _company(lines: list[str]) -> str | None:
    for line in lines:
        labelled = _LABELLED.match(line)
        if labelled:
            return _checked(labelled.group("name"))
    at = _TITLE_AT.search(lines[0])
    if at:
        return _checked(at.group("name"))
    if len(lines) > 1:
        second = _checked(_PARENTHESES.sub(" ", lines[1]).strip(), strict=True)
        if second:
            return second
    for line in lines[1:]:
        about = _ABOUT.match(line)
        if about:
            return _checked(about.group("name"))
    for line in lines[1:]:
        sentence = _SENTENCE.match(line)
        if sentence:
            name = sentence.group("at") or sentence.group("join") or sentence.group("subject")
            return _checked(name)
    return None


def _checked(name: str, *, strict: bool = False) -> str | None:
    """The name if it looks like a company's, else ``None``.

    ``strict`` (a bare line under the title) also asks for one to five capitalised words with
    no punctuation of a sentence or an address.
    """
    name = _LEGAL_SUFFIX.sub("", name.strip(" \t.,;:-–—|·•*_")).strip()
    words = name.split()
    if not words or len(name) > MAX_COMPANY_CHARS or "/" in name:
        return None
    lowered = re.findall(r"[a-z0-9]+", name.lower())
    if words[0].lower() in _BAD_FIRST_WORDS or any(word in _NOT_A_NAME for word in lowered):
        return None
    if strict:
        if len(words) > 5 or re.search(r"[,:;!?/|+]|\d", name):
            return None
        if not all(re.match(r"[A-Z0-9&]", word) or word in {"of", "and", "de"} for word in words):
            return None
    return name


def _plain(line: str) -> str:
    """A line without Markdown heading and emphasis marks and surrounding space."""
    return line.strip().lstrip("#").strip().strip("*_").strip()
