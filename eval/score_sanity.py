"""Does the score mean something? Real resumes against real ML postings.

    python eval/score_sanity.py [--corpora ../shared/corpora] [--postings 120]

Scores every text resume of ``resumes-text`` (data-science resumes, other tech resumes and
non-tech resumes) and every PDF of ``resumes-pdf`` (ML-mentioning, IT, non-tech) against a
deterministic sample of the LinkedIn AI/ML postings, all read by path. Prints the mean and median
score of each group and, per posting, how often a resume of a higher group outranks one of a
lower group (a pairwise AUC; 0.5 would be chance). Nothing read here is written anywhere.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import statistics
from pathlib import Path

from corpora import DEFAULT_ROOT, LINKEDIN, postings, text_resumes

import jdmatch
from jdmatch.coverage import compute_coverage
from jdmatch.structure import read_job, read_resume

TECH = {
    "Java Developer", "Database", "DevOps Engineer", "Hadoop", "DotNet Developer", "Testing",
    "Automation Testing", "Python Developer", "SAP Developer", "ETL Developer", "Blockchain",
    "Web Designing", "Network Security Engineer", "Business Analyst",
}  # fmt: skip
PDF_GROUPS = {
    "ml_mention": "pdf: mentions ML",
    "it_random": "pdf: IT",
    "nontech_random": "pdf: non-tech",
}


def text_groups(root: Path) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {"text: data science": [], "text: other tech": [],
                                    "text: non-tech": []}  # fmt: skip
    for category, text in text_resumes(root):
        if category == "Data Science":
            groups["text: data science"].append(text)
        elif category in TECH:
            groups["text: other tech"].append(text)
        else:
            groups["text: non-tech"].append(text)
    return groups


def pdf_groups(root: Path) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {name: [] for name in PDF_GROUPS.values()}
    with (root / "resumes-pdf" / "manifest.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            document = jdmatch.load(root / "resumes-pdf" / row["file"])
            groups[PDF_GROUPS[row["selection"]]].append(document.text)
    return groups


def pairwise_auc(higher: list[float], lower: list[float]) -> float:
    wins = sum(1.0 if h > low else 0.5 if h == low else 0.0 for h in higher for low in lower)
    return wins / (len(higher) * len(lower))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--postings", type=int, default=120, help="postings to sample")
    args = parser.parse_args()
    lexicon = jdmatch.load_lexicon()
    tfidf = jdmatch.ConceptTfidf.reference(lexicon=lexicon)
    all_postings = list(postings(args.corpora, LINKEDIN))
    step = max(1, len(all_postings) // args.postings)
    sample = all_postings[::step][: args.postings]
    jds = [
        (mentions, read_job(text, mentions))
        for text, mentions in zip(
            sample, jdmatch.extract_many(sample, lexicon=lexicon), strict=True
        )
        if mentions
    ]
    groups = {**text_groups(args.corpora), **pdf_groups(args.corpora)}
    scores: dict[str, list[list[float]]] = {}  # group -> per posting -> per resume
    for name, texts in groups.items():
        resumes = [
            (mentions, read_resume(text, mentions))
            for text, mentions in zip(
                texts, jdmatch.extract_many(texts, lexicon=lexicon), strict=True
            )
        ]
        scores[name] = [
            [
                compute_coverage(
                    jd, cv, tfidf=tfidf, lexicon=lexicon, job=job, resume=structure
                ).score
                for cv, structure in resumes
            ]
            for jd, job in jds
        ]
    print(f"{len(jds)} LinkedIn AI/ML postings x resumes\n")
    print(f"{'group':<22} {'resumes':>7} {'mean':>6} {'median':>7}")
    for name, per_posting in scores.items():
        flat = list(itertools.chain.from_iterable(per_posting))
        print(f"{name:<22} {len(groups[name]):>7} {statistics.mean(flat):6.1f} "
              f"{statistics.median(flat):7.1f}")  # fmt: skip
    print("\npairwise AUC (share of resume pairs ordered as expected, mean over postings)")
    for kind in ("text", "pdf"):
        names = [name for name in scores if name.startswith(kind)]
        for higher, lower in itertools.combinations(names, 2):
            aucs = [
                pairwise_auc(h, low) for h, low in zip(scores[higher], scores[lower], strict=True)
            ]
            print(f"  {higher} > {lower}: {statistics.mean(aucs):.3f}")


if __name__ == "__main__":
    main()
