"""Fit the shipped reference IDF statistics on real ML and data-science postings.

    python tools/fit_reference_idf.py [--corpora ../shared/corpora]

Reads the LinkedIn AI/ML postings and the Glassdoor data-science postings by path, counts in how
many postings each lexicon concept occurs, and writes only those counts (with provenance) to
``lexicons/reference_idf.json``, every concept of the lexicon included (0 when no posting names
it). No posting text is written. Re-run it after changing the lexicon: until then a new concept
counts as named by no posting (with a warning) and a removed one is ignored.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from datetime import date
from pathlib import Path

import jdmatch

# The corpus readers live with the measurements, in eval/.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
from corpora import DEFAULT_ROOT, GLASSDOOR, LINKEDIN, postings

from jdmatch.weighting import REFERENCE_STATISTICS, DocumentFrequencies

OUTPUT = Path(__file__).resolve().parents[1] / "lexicons" / REFERENCE_STATISTICS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    lexicon = jdmatch.load_lexicon()
    linkedin = list(postings(args.corpora, LINKEDIN))
    glassdoor = list(postings(args.corpora, GLASSDOOR))
    fitted = jdmatch.ConceptTfidf(lexicon=lexicon).fit(itertools.chain(linkedin, glassdoor))
    statistics = DocumentFrequencies(
        n_documents=fitted.statistics_.n_documents,
        document_frequency=fitted.statistics_.document_frequency,
        provenance={
            "corpora": [
                f"jobs-aiml-linkedin: {len(linkedin)} LinkedIn AI/ML postings (US, 2023-2024)",
                f"jobs-glassdoor-ds: {len(glassdoor)} Glassdoor data-science postings (about 2020)",
            ],
            "what": "number of postings that mention each concept at least once",
            "command": "python tools/fit_reference_idf.py --corpora ../shared/corpora",
            "created": date.today().isoformat(),
            "lexicon": lexicon.fingerprint,
        },
    )
    args.output.write_text(statistics.to_json(), encoding="utf-8")
    print(
        f"{fitted.n_documents_} postings, {len(statistics.document_frequency)} concepts seen "
        f"-> {args.output}"
    )


if __name__ == "__main__":
    main()
