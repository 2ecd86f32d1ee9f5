"""Fit how central each concept is to each role family: the share of real postings that ask it.

    python tools/fit_centrality.py --corpora ../shared/corpora

Reads the LinkedIn AI/ML and Glassdoor data-science postings by path (title + description),
leaves out every posting of the blind-labelled sample (``eval/labels/sample.json``) so the
evaluation never sees statistics fitted on its own postings, detects each posting's role family
from its title, and counts the postings of each family that *ask* for each concept (a mention
at the required or preferred level; company and benefit text does not count). Only the counts
are written, with provenance, to ``lexicons/role_centrality.json``; no posting text.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))

from corpora import DEFAULT_ROOT, POSTING_CORPORA, posting_rows

import jdmatch
from jdmatch.extraction import extract_many
from jdmatch.structure import ROLE_FAMILIES, read_job

OUTPUT = ROOT / "lexicons" / "role_centrality.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    sample = json.loads((ROOT / "eval" / "labels" / "sample.json").read_text())
    held = {(p["corpus"], p["row"]) for p in sample["postings"]}
    held |= {
        (p["corpus"], p["row"])
        for p in json.loads((ROOT / "eval" / "labels" / "jd_sections.json").read_text())["postings"]
    }
    texts = [
        title + "\n" + text
        for corpus in POSTING_CORPORA
        for row, (title, text) in enumerate(posting_rows(args.corpora, corpus))
        if (corpus, row) not in held and text.strip()
    ]
    lexicon = jdmatch.load_lexicon()
    postings: Counter[str] = Counter()
    asked: dict[str, Counter[str]] = {role: Counter() for role in ROLE_FAMILIES}
    for text, mentions in zip(texts, extract_many(texts, lexicon=lexicon), strict=True):
        if not mentions:
            continue
        job = read_job(text, mentions)
        postings[job.role] += 1
        asked[job.role].update(
            term for term, level in job.requirement.items() if level != "mentioned"
        )
    data = {
        "format": 1,
        "provenance": {
            "corpora": [
                "jobs-aiml-linkedin (LinkedIn AI/ML postings, US, 2023-2024)",
                "jobs-glassdoor-ds (Glassdoor data-science postings, about 2020)",
            ],
            "left_out": f"{len(held)} postings of the blind-labelled samples",
            "what": "per role family (detected from the title): number of postings, and number "
            "of postings asking each concept at the required or preferred level",
            "command": "python tools/fit_centrality.py --corpora ../shared/corpora",
            "created": date.today().isoformat(),
            "lexicon": lexicon.fingerprint,
        },
        "roles": {
            role: {"n_postings": postings[role], "asked": dict(sorted(asked[role].items()))}
            for role in ROLE_FAMILIES
        },
    }
    args.output.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    print(f"{sum(postings.values())} postings: {dict(postings)} -> {args.output}")


if __name__ == "__main__":
    main()
