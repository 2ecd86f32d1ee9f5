"""How often the report's headline names a company, and how often the CSV's company agrees.

    python eval/headline_companies.py [--corpora ../shared/corpora] [--show 20]

Reads every posting of the two posting corpora by path (title line, newline, description, as
``jdmatch.analyze_many`` reads a CSV) and compares :func:`jdmatch.headline.read_headline`'s
company with the CSV's company column. Two names agree when one contains the other after
lower-casing and dropping legal suffixes and punctuation. The disagreements are worth reading
(``--show``): many are the posting's own name for its employer (a subsidiary, an acronym, a
recruiter's client), which the CSV does not give. Nothing read here is written anywhere.
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

from corpora import DEFAULT_ROOT, POSTING_CORPORA, posting_rows

from jdmatch.headline import read_headline

COMPANY_COLUMNS = {"jobs-aiml-linkedin": "companyName", "jobs-glassdoor-ds": "Company Name"}
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--show", type=int, default=0, help="print this many disagreements")
    args = parser.parse_args()
    csv.field_size_limit(1 << 30)
    disagreements = []
    total = {"postings": 0, "named": 0, "agree": 0}
    for corpus in POSTING_CORPORA:
        counts = {"postings": 0, "named": 0, "agree": 0}
        companies = _companies(args.corpora, corpus)
        for (title, text), truth in zip(posting_rows(args.corpora, corpus), companies, strict=True):
            counts["postings"] += 1
            found = read_headline(f"{title}\n{text}").company
            if not found:
                continue
            counts["named"] += 1
            a, b = _key(found), _key(truth)
            if a and b and (a in b or b in a):
                counts["agree"] += 1
            else:
                disagreements.append((corpus, found, truth))
        for key in total:
            total[key] += counts[key]
        print(
            f"{corpus}: {counts['postings']} postings, company named for {counts['named']}, "
            f"agrees with the CSV for {counts['agree']}"
        )
    print(
        f"all: {total['postings']} postings, named {total['named']} "
        f"({total['named'] / total['postings']:.0%}), agree {total['agree']}"
    )
    for corpus, found, truth in disagreements[: args.show]:
        print(f"  {corpus}: read {found!r}, CSV {truth!r}")


if __name__ == "__main__":
    main()
