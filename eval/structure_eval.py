"""Requirement levels and role families against hand labels of real postings.

    python eval/structure_eval.py --corpora ../shared/corpora

``eval/labels/jd_sections.json`` holds labels written by reading 41 postings (31 LinkedIn AI/ML,
10 Glassdoor data science; indices and labels only, no posting text): the role family, the
seniority, and the requirement level of every line. For each posting this script runs
``jdmatch.extract`` and ``jdmatch.structure.read_job`` on the title line plus the description
(as a user saving a posting would have it), and compares:

- requirement level per mention, on lines labelled ``required`` or ``preferred`` (the target)
  and on all lines, skipping lines the labeller marked as mixing levels;
- role family and seniority per posting.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

from corpora import DEFAULT_ROOT

import jdmatch
from jdmatch.structure import read_job, requirement_levels

csv.field_size_limit(sys.maxsize)
LABELS = Path(__file__).with_name("labels") / "jd_sections.json"
CORPORA = {
    "jobs-aiml-linkedin": ("ai_ml_jobs_linkedin.dedup.csv", "title", "description"),
    "jobs-glassdoor-ds": ("Uncleaned_DS_jobs.dedup.csv", "Job Title", "Job Description"),
}


def rows(root: Path, corpus: str) -> list[dict[str, str]]:
    file, _, _ = CORPORA[corpus]
    with (root / corpus / file).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def line_labels(posting: dict, n_lines: int) -> list[str | None]:
    labels: list[str | None] = [None] * n_lines
    for first, last, level in posting["levels"]:
        for line in range(first, last + 1):
            labels[line] = level
    for line in posting.get("mixed_lines", []):
        labels[line] = None
    return labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--show", action="store_true", help="print every disagreement")
    args = parser.parse_args()
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    tables = {corpus: rows(args.corpora, corpus) for corpus in CORPORA}
    counts: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    for posting in labels["postings"]:
        _, title_column, text_column = CORPORA[posting["corpus"]]
        row = tables[posting["corpus"]][posting["row"]]
        description = row[text_column].replace("]]>", " ")
        text = row[title_column] + "\n" + description  # line i of the description is i + 1
        gold = line_labels(posting, len(description.splitlines()))
        mentions = jdmatch.extract(text)
        line_starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]
        for mention, level in zip(mentions, requirement_levels(text, mentions), strict=True):
            line = sum(1 for start in line_starts if start <= mention.start) - 2
            expected = gold[line] if 0 <= line < len(gold) else None
            if expected is None:
                continue
            counts["all"] += 1
            counts["all_ok"] += level == expected
            if expected in {"required", "preferred"}:
                counts["target"] += 1
                counts["target_ok"] += level == expected
            confusion[(expected, level)] += 1
            if args.show and level != expected:
                print(f"  {posting['corpus']} {posting['row']} line {line}: {mention.text!r} "
                      f"labelled {expected}, got {level}")  # fmt: skip
        job = read_job(text, mentions)
        counts["postings"] += 1
        counts["role_ok"] += job.role == posting["role"]
        counts["seniority_ok"] += job.seniority == posting["seniority"]
        if args.show and (job.role != posting["role"] or job.seniority != posting["seniority"]):
            print(f"  {posting['corpus']} {posting['row']} {row[title_column]!r}: role "
                  f"{posting['role']} / {job.role}, seniority {posting['seniority']} / "
                  f"{job.seniority}")  # fmt: skip
    n = counts["postings"]
    print(f"{n} hand-labelled postings, {counts['all']} mentions on labelled lines")
    target = counts["target_ok"] / counts["target"]
    print(f"requirement level, mentions on required/preferred lines: {target:.3f} "
          f"({counts['target']} mentions)")  # fmt: skip
    print(f"requirement level, all labelled mentions:               "
          f"{counts['all_ok'] / counts['all']:.3f}")  # fmt: skip
    print(f"role family:  {counts['role_ok'] / n:.3f} ({counts['role_ok']}/{n})")
    print(f"seniority:    {counts['seniority_ok'] / n:.3f} ({counts['seniority_ok']}/{n})")
    print("confusion (labelled -> predicted): " + ", ".join(
        f"{gold}->{got} {count}" for (gold, got), count in sorted(confusion.items())))  # fmt: skip


if __name__ == "__main__":
    main()
