"""Fit the score's fit bands (``lexicons/score_bands.json``) on real resumes and postings.

    python tools/fit_score_bands.py --corpora ../shared/corpora [--postings 120]

Scores every resume of the shared corpora against a deterministic sample of real LinkedIn AI/ML
postings, as ``jdmatch.analyze`` does (``eval/score_sanity.py``), and splits the scores in two:
*relevant* resumes (data-science text resumes and PDFs that mention ML) and *other* resumes
(other tech, IT and non-tech). Then

- **partial** starts where a score stops looking like an unrelated resume's: at the
  ``OTHER_QUANTILE`` (90th) percentile of the other resumes' scores, so nine in ten unrelated
  resumes score as weak fits;
- **strong** starts at the ``RELEVANT_QUANTILE`` (75th) percentile of the relevant resumes'
  scores: the top quarter of real practitioners against real ML postings.

Only the two thresholds and their provenance are written (no text, no per-resume score). The
fit labels (``eval/labels/fit_gold.jsonl``) are not read: the bands are fitted on the corpora.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))

from corpora import DEFAULT_ROOT
from score_sanity import RELEVANT, resume_groups, sample_postings, score_groups

import jdmatch
from jdmatch.coverage import SCORE_BANDS

#: Percentile of the other resumes' scores where a partial fit starts.
OTHER_QUANTILE = 0.90
#: Percentile of the relevant resumes' scores where a strong fit starts.
RELEVANT_QUANTILE = 0.75


def quantile(values: list[float], share: float) -> float:
    """The ``share`` quantile of ``values`` (linear interpolation, as numpy's default)."""
    ordered = sorted(values)
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--postings", type=int, default=120, help="postings to sample")
    parser.add_argument("--output", type=Path, default=ROOT / "lexicons" / SCORE_BANDS)
    args = parser.parse_args()
    groups = resume_groups(args.corpora)
    scores = score_groups(sample_postings(args.corpora, args.postings), groups)
    relevant = [s for name in RELEVANT for s in itertools.chain.from_iterable(scores[name])]
    other = [
        s
        for name, per_posting in scores.items()
        if name not in RELEVANT
        for s in itertools.chain.from_iterable(per_posting)
    ]
    partial = round(quantile(other, OTHER_QUANTILE), 1)
    strong = round(max(quantile(relevant, RELEVANT_QUANTILE), partial), 1)
    n_postings = len(next(iter(scores.values())))
    data = {
        "format": 1,
        "provenance": {
            "created": date.today().isoformat(),
            "command": "python tools/fit_score_bands.py --corpora ../shared/corpora",
            "jdmatch": jdmatch.__version__,
            "postings": f"{n_postings} LinkedIn AI/ML postings (jobs-aiml-linkedin, every "
            "k-th row with a description, title line first)",
            "relevant": f"{len(relevant) // n_postings} resumes: {', '.join(RELEVANT)}",
            "other": f"{len(other) // n_postings} resumes: the other groups of "
            "resumes-text and resumes-pdf",
            "partial": f"{OTHER_QUANTILE:.0%} quantile of the other resumes' scores",
            "strong": f"{RELEVANT_QUANTILE:.0%} quantile of the relevant resumes' scores",
            "share_weak": {
                "relevant": round(sum(s < partial for s in relevant) / len(relevant), 3),
                "other": round(sum(s < partial for s in other) / len(other), 3),
            },
            "share_strong": {
                "relevant": round(sum(s >= strong for s in relevant) / len(relevant), 3),
                "other": round(sum(s >= strong for s in other) / len(other), 3),
            },
            "median_score": {
                "relevant": round(statistics.median(relevant), 1),
                "other": round(statistics.median(other), 1),
            },
        },
        "partial": partial,
        "strong": strong,
    }
    args.output.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(data, indent=1))


if __name__ == "__main__":
    main()
