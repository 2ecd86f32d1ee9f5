"""Readers for the real corpora in ``../shared/corpora`` (read by path, never copied).

Each reader yields plain texts. The corpora are not part of the repository: several have
unknown licences and some hold personal data. Only derived statistics are shipped.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path

csv.field_size_limit(sys.maxsize)

DEFAULT_ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"

LINKEDIN = ("jobs-aiml-linkedin/ai_ml_jobs_linkedin.dedup.csv", "description")
GLASSDOOR = ("jobs-glassdoor-ds/Uncleaned_DS_jobs.dedup.csv", "Job Description")
RESUMES = "resumes-text/UpdatedResumeDataSet.dedup.csv"


def postings(root: Path, which: tuple[str, str]) -> Iterator[str]:
    """Yield the description column of a postings CSV."""
    relative, column = which
    with (root / relative).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text = (row.get(column) or "").replace("]]>", " ")
            if text.strip():
                yield text


POSTING_CORPORA = {
    "jobs-aiml-linkedin": (
        "jobs-aiml-linkedin/ai_ml_jobs_linkedin.dedup.csv",
        "title",
        "description",
    ),
    "jobs-glassdoor-ds": (
        "jobs-glassdoor-ds/Uncleaned_DS_jobs.dedup.csv",
        "Job Title",
        "Job Description",
    ),
}


def posting_rows(root: Path, corpus: str) -> Iterator[tuple[str, str]]:
    """Yield ``(title, description)`` of every row of a postings corpus, in file order.

    Row numbers (the position in this iteration) are the ids the label files use.
    """
    relative, title_column, text_column = POSTING_CORPORA[corpus]
    with (root / relative).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield (
                (row.get(title_column) or "").strip(),
                (row.get(text_column) or "").replace("]]>", " "),
            )


def posting_text(root: Path, corpus: str, row: int) -> str:
    """The labelled text of one posting: title, newline, description (protocol line numbering)."""
    for number, (title, text) in enumerate(posting_rows(root, corpus)):
        if number == row:
            return title + "\n" + text
    raise IndexError(f"{corpus} has no row {row}")


def text_resumes(root: Path) -> Iterator[tuple[str, str]]:
    """Yield ``(category, text)`` of the text resumes, with their mojibake repaired."""
    with (root / RESUMES).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield row["Category"], _repair(row["Resume"])


def _repair(text: str) -> str:
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text
