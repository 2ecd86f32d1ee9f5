"""How well :func:`jdmatch.headline.read_headline` finds a posting's company in its first lines.

    python eval/company_names.py [--corpora ../shared/corpora] [--show 20]

Every posting of the two posting corpora that have a company column (LinkedIn ``companyName``,
Glassdoor ``Company Name``) is read as :func:`jdmatch.analyze_many` reads a CSV row (title line,
newline, description) and its company looked for in that text alone, then compared with the
column: *named* is the share of postings where a company is found, *agree* the share of those
where it matches the column (one contains the other, compared on letters and digits without
legal suffixes). A disagreement is often still right: the posting names a subsidiary, a
division, an acronym, or the client of a recruiter. The postings of the blind labels' ``test``
split (``eval/labels/sample.json``), which no rule was tuned on, are also counted apart.
Prints only figures (and, with ``--show``, pairs of short names); nothing is written.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

from corpora import DEFAULT_ROOT, POSTING_CORPORA, posting_rows

from jdmatch.headline import read_headline
from jdmatch.lexicon import load_lexicon

COMPANY_COLUMNS = {"jobs-aiml-linkedin": "companyName", "jobs-glassdoor-ds": "Company Name"}
SAMPLE = Path(__file__).resolve().parent / "labels" / "sample.json"
_SUFFIX = re.compile(r"\b(inc|llc|ltd|corp|corporation|co|gmbh|plc|group|technologies|the)\b")


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", _SUFFIX.sub(" ", name.lower()))


def _companies(root: Path, corpus: str) -> list[str]:
    relative = POSTING_CORPORA[corpus][0]
    with (root / relative).open(encoding="utf-8", newline="") as handle:
        # Glassdoor's column holds "Acme\n3.9": the company, then its rating.
        return [
            (row[COMPANY_COLUMNS[corpus]] or "").split("\n")[0] for row in csv.DictReader(handle)
        ]


def _test_postings() -> set[tuple[str, int]]:
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return {(p["corpus"], p["row"]) for p in sample["postings"] if p["split"] == "test"}


def _line(name: str, counts: dict[str, int]) -> str:
    postings, named, agree = counts["postings"], counts["named"], counts["agree"]
    return (
        f"{name}: {postings} postings, a company named for {named} ({named / postings:.0%}), "
        f"agrees with the CSV for {agree} ({agree / max(named, 1):.0%} of those named)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--show", type=int, default=0, help="print this many disagreements")
    args = parser.parse_args()
    lexicon = load_lexicon()
    test = _test_postings()
    totals = {name: {"postings": 0, "named": 0, "agree": 0} for name in ("all", "test split")}
    disagreements = []
    for corpus in POSTING_CORPORA:
        counts = {"postings": 0, "named": 0, "agree": 0}
        companies = _companies(args.corpora, corpus)
        rows = zip(posting_rows(args.corpora, corpus), companies, strict=True)
        for row, ((title, text), truth) in enumerate(rows):
            if not truth.strip() or not text.strip():
                continue
            found = read_headline(f"{title}\n{text}", lexicon=lexicon).company
            agrees = bool(found) and bool(_key(truth)) and _agree(_key(found or ""), _key(truth))
            groups = [counts, totals["all"]] + (
                [totals["test split"]] if (corpus, row) in test else []
            )
            for group in groups:
                group["postings"] += 1
                group["named"] += bool(found)
                group["agree"] += agrees
            if found and not agrees:
                disagreements.append((corpus, row, found, truth))
        print(_line(corpus, counts))
    for name, counts in totals.items():
        print(_line(name, counts))
    for corpus, row, found, truth in disagreements[: args.show]:
        print(f"  {corpus} row {row}: read {found!r}, CSV {truth!r}")


def _agree(found: str, truth: str) -> bool:
    return bool(found) and (found in truth or truth in found)


if __name__ == "__main__":
    main()
