"""Byte-identical check: digest every report of real posting x resume pairs.

    python tools/check_identical.py --corpora ../shared/corpora --out /tmp/identical.txt

Pairs every posting of ``jobs-aiml-linkedin`` and ``jobs-glassdoor-ds`` round-robin with the
text resumes and the resume PDFs (twice, the second round shifted by half the resumes), runs
``jdmatch.analyze`` on each pair and writes one line per pair: its name and the SHA-256 of the
report's ``to_json()``, of its ``to_markdown()`` and of its default ``schedule().to_dict()``.
The last line digests all of them. Run it before and after a refactor and ``diff`` the outputs:
they must be identical. The corpora are read by path, never copied.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import jdmatch

DEFAULT_ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
POSTINGS = (
    ("jobs-aiml-linkedin", "jobs-aiml-linkedin/ai_ml_jobs_linkedin.dedup.csv", "description"),
    ("jobs-glassdoor-ds", "jobs-glassdoor-ds/Uncleaned_DS_jobs.dedup.csv", "Job Description"),
)
RESUMES = "resumes-text/UpdatedResumeDataSet.dedup.csv"


def _rows(path: Path) -> Iterator[dict[str, str]]:
    limit = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)  # this script's own reader; restored below
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            yield from csv.DictReader(handle)
    finally:
        csv.field_size_limit(limit)


def postings(root: Path) -> list[tuple[str, str]]:
    """Return ``(name, text)`` of every non-empty posting."""
    found: list[tuple[str, str]] = []
    for name, relative, column in POSTINGS:
        for number, row in enumerate(_rows(root / relative)):
            text = (row.get(column) or "").replace("]]>", " ")
            if text.strip():
                found.append((f"{name} #{number}", text))
    return found


def resumes(root: Path) -> list[tuple[str, jdmatch.Document]]:
    """Return ``(name, document)`` of every text resume and every resume PDF, loaded once."""
    found: list[tuple[str, jdmatch.Document]] = []
    for number, row in enumerate(_rows(root / RESUMES)):
        text = row["Resume"]
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            text = text.encode("latin-1").decode("utf-8")
        try:
            found.append((f"resumes-text #{number}", jdmatch.load(text)))
        except jdmatch.JdmatchError:
            continue
    for path in sorted((root / "resumes-pdf").rglob("*.pdf")):
        try:
            found.append((str(path.relative_to(root)), jdmatch.load(path)))
        except jdmatch.JdmatchError:
            continue
    return found


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    started = time.perf_counter()
    jds = postings(args.corpora)
    people = resumes(args.corpora)
    lines: list[str] = []
    for round_number in range(args.rounds):
        shift = round_number * len(people) // max(args.rounds, 1)
        for index, (jd_name, jd_text) in enumerate(jds):
            resume_name, resume = people[(index + shift) % len(people)]
            name = f"{jd_name} x {resume_name}"
            try:
                report = jdmatch.analyze(jd_text, resume)
            except jdmatch.JdmatchError as exc:
                lines.append(f"{name}\terror {type(exc).__name__}: {exc}")
                continue
            schedule = json.dumps(report.schedule().to_dict(), ensure_ascii=False)
            digests = (_sha(report.to_json()), _sha(report.to_markdown()), _sha(schedule))
            lines.append(f"{name}\t{' '.join(digests)}")
    total = _sha("\n".join(lines))
    args.out.write_text("\n".join([*lines, f"TOTAL {len(lines)} pairs {total}"]) + "\n")
    seconds = time.perf_counter() - started
    print(f"{len(lines)} pairs ({len(jds)} postings, {len(people)} resumes), total {total}")
    print(f"{seconds:.0f} s, written to {args.out}")


if __name__ == "__main__":
    main()
