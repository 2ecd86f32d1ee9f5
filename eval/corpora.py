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
