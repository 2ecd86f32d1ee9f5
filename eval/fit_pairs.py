"""Does the score order resumes the way a hiring manager does? (issue #13)

For 12 real postings, 7 real resumes each were ranked blind by fit for the posting's interview
(``eval/labels/fit_gold.jsonl``, protocol ``plan-labeling.md`` Task C; 2 postings ranked twice).
Prints, per split, the share of resume pairs that ``jdmatch.analyze(...).score`` orders as the
expert's ranking does (a tie in score counts half), the two rankers' agreement, and how the
report's fit band (weak / partial / strong) meets the expert's grade (1-5).

    python eval/fit_pairs.py --corpora ../shared/corpora
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections import Counter
from pathlib import Path

from corpora import DEFAULT_ROOT, posting_text, text_resumes
from gold import LABELS

import jdmatch


def resume_source(root: Path, name: str, texts: dict[int, str]) -> jdmatch.loading.Source:
    if name.startswith("t"):
        return texts[int(name[1:].removesuffix(".txt"))]
    category, number = name.removeprefix("p_").removesuffix(".txt").rsplit("_", 1)
    return root / "resumes-pdf" / category / f"{number}.pdf"


def concordance(ranking: list[str], scores: dict[str, float]) -> tuple[float, int]:
    agree = 0.0
    pairs = 0
    for better, worse in itertools.combinations(ranking, 2):
        pairs += 1
        if scores[better] > scores[worse]:
            agree += 1
        elif scores[better] == scores[worse]:
            agree += 0.5
    return agree, pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    args = parser.parse_args()
    records = [json.loads(line) for line in (LABELS / "fit_gold.jsonl").read_text().splitlines()]
    texts = dict(enumerate(text for _category, text in text_resumes(args.corpora)))
    seen: dict[tuple[str, int], list[dict[str, object]]] = {}
    for record in records:
        seen.setdefault((record["corpus"], record["row"]), []).append(record)
    totals: dict[str, list[float]] = {}
    bands: Counter[tuple[str, int, str]] = Counter()
    for (corpus, row), rankings in sorted(seen.items()):
        rankings.sort(key=lambda r: str(r["labeller"]))
        primary = rankings[0]
        jd = posting_text(args.corpora, corpus, row)
        ranking = [str(name) for name in primary["ranking"]]  # type: ignore[union-attr]
        reports = {
            name: jdmatch.analyze(jd, resume_source(args.corpora, name, texts)) for name in ranking
        }
        scores = {name: report.score for name, report in reports.items()}
        agree, pairs = concordance(ranking, scores)
        split = str(primary["split"])
        grades: dict[str, int] = primary["grades"]  # type: ignore[assignment]
        for name, report in reports.items():
            assert report.fit is not None
            bands[(split, grades[name], report.fit.band)] += 1
        total = totals.setdefault(split, [0.0, 0])
        total[0] += agree
        total[1] += pairs
        if len(rankings) > 1:
            other = {str(n): -i for i, n in enumerate(rankings[1]["ranking"])}  # type: ignore[arg-type]
            a, p = concordance(ranking, other)
            both = totals.setdefault("rankers", [0.0, 0])
            both[0] += a
            both[1] += p
    for split in ("dev", "test"):
        agree, pairs = totals.get(split, [0.0, 0])
        if pairs:
            print(
                f"{split}: {agree:g}/{pairs} = {agree / pairs:.3f} of expert-ranked resume pairs "
                "in the expert's order"
            )
    for split in ("dev", "test"):
        print(f"{split}: expert grade -> fit band (weak / partial / strong)")
        for grade in sorted({g for s, g, _band in bands if s == split}):
            counts = " / ".join(
                str(bands[(split, grade, b)]) for b in ("weak", "partial", "strong")
            )
            print(f"  grade {grade}: {counts}")
    if "rankers" in totals:
        agree, pairs = totals["rankers"]
        print(f"two rankers on the same postings: {agree:g}/{pairs} = {agree / pairs:.3f}")


if __name__ == "__main__":
    main()
