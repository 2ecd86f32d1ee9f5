"""How well ``jdmatch.cli.company_of`` finds a posting's company in its own first lines.

    python eval/company_names.py --corpora ../shared/corpora

For every posting of the two posting corpora that have a company column (LinkedIn
``companyName``, Glassdoor ``Company Name``), the company is looked for in the posting's text
alone and compared with the column: *found* is the share of postings where a name is found,
*agrees* the share of those where it matches the column (one contains the other, compared on
letters and digits). A disagreement is often still right: the posting names a client of a
staffing agency, or a subsidiary of the company that posted it. Prints only the figures.
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

from corpora import DEFAULT_ROOT

from jdmatch.cli import company_of
from jdmatch.lexicon import load_lexicon

CORPORA = {
    "jobs-aiml-linkedin": (
        "jobs-aiml-linkedin/ai_ml_jobs_linkedin.dedup.csv",
        "companyName",
        "description",
    ),
    "jobs-glassdoor-ds": (
        "jobs-glassdoor-ds/Uncleaned_DS_jobs.dedup.csv",
        "Company Name",
        "Job Description",
    ),
}


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def measure(path: Path, company_column: str, text_column: str) -> tuple[int, int, int]:
    """``(postings, found, agrees)`` for one corpus."""
    lexicon = load_lexicon()
    postings = found = agrees = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            # Glassdoor's column holds "Acme\n3.9": the company, then its rating.
            truth = _key((row.get(company_column) or "").split("\n", 1)[0])
            text = row.get(text_column) or ""
            if not truth or not text.strip():
                continue
            postings += 1
            name = _key(company_of(text, lexicon=lexicon))
            if name:
                found += 1
                agrees += name in truth or truth in name
    return postings, found, agrees


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    args = parser.parse_args()
    for corpus, (relative, company_column, text_column) in CORPORA.items():
        postings, found, agrees = measure(args.corpora / relative, company_column, text_column)
        print(
            f"{corpus}: {postings} postings; a company found in {found} ({found / postings:.0%}); "
            f"agrees with the column in {agrees} ({agrees / max(found, 1):.0%} of those found)"
        )


if __name__ == "__main__":
    main()
