"""Does the score mean something? Real resumes against real ML postings.

    python eval/score_sanity.py [--corpora ../shared/corpora] [--postings 120]

Scores every text resume of ``resumes-text`` (data-science resumes, other tech resumes and
non-tech resumes) and every PDF of ``resumes-pdf`` (ML-mentioning, IT, non-tech) against a
deterministic sample of the LinkedIn AI/ML postings (each read as its title line, then its
description, as a posting reaches ``jdmatch.analyze``), all read by path. Prints the mean and
median score of each group and, per posting, how often a resume of a higher group outranks one
of a lower group (a pairwise AUC; 0.5 would be chance). Nothing read here is written anywhere.

The scores are ``jdmatch.analyze(posting, resume).score`` (checked on the first pair), computed
with each posting and each resume read once.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from corpora import DEFAULT_ROOT, posting_rows, text_resumes

import jdmatch
from jdmatch.coverage import compute_coverage
from jdmatch.facts import (
    PostingFacts,
    ResumeFacts,
    is_job_title,
    read_posting_facts,
    read_resume_facts,
    title_closeness,
)
from jdmatch.matching import Mention
from jdmatch.pillars import role_weights
from jdmatch.priority import (
    ask_features,
    load_centrality,
    load_probe_model,
    probe_scores,
    read_asks,
)
from jdmatch.structure import JobStructure, ResumeStructure, read_job, read_resume

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
#: Groups of resumes relevant to an ML posting, and the others (for the bands' fit).
RELEVANT = ("text: data science", "pdf: mentions ML")


def sample_postings(root: Path, n: int = 120) -> list[str]:
    """Every ``len // n``-th LinkedIn AI/ML posting with a description, as title + description."""
    texts = [
        title + "\n" + text
        for title, text in posting_rows(root, "jobs-aiml-linkedin")
        if text.strip()
    ]
    return texts[:: max(1, len(texts) // n)][:n]


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


def resume_groups(root: Path) -> dict[str, list[str]]:
    """The six groups of real resumes, by name."""
    return {**text_groups(root), **pdf_groups(root)}


@dataclass
class _Posting:
    mentions: list[Mention]
    job: JobStructure
    probe: dict[str, float]
    facts: PostingFacts


@dataclass
class _Resume:
    mentions: list[Mention]
    structure: ResumeStructure
    facts: ResumeFacts


class Scorer:
    """Scores of many resumes against many postings, each document read once."""

    def __init__(self) -> None:
        self.lexicon = jdmatch.load_lexicon()
        self.tfidf = jdmatch.ConceptTfidf.reference(lexicon=self.lexicon)
        self.model = load_probe_model()
        self.centrality = load_centrality()

    def postings(self, texts: Sequence[str]) -> list[_Posting]:
        read = []
        for text, mentions in zip(
            texts, jdmatch.extract_many(texts, lexicon=self.lexicon), strict=True
        ):
            if not mentions:
                continue
            job = read_job(text, mentions)
            signals = read_asks(text, mentions, levels=job.mention_levels)
            features = ask_features(
                signals, job=job, role=job.role, lexicon=self.lexicon, tfidf=self.tfidf,
                centrality=self.centrality, pillar_weights=role_weights(job.role, job.seniority),
            )  # fmt: skip
            probe = probe_scores(features, self.model, role=job.role)
            read.append(_Posting(mentions, job, probe, read_posting_facts(text, job)))
        return read

    def resumes(self, texts: Sequence[str]) -> list[_Resume]:
        return [
            _Resume(mentions, read_resume(text, mentions), read_resume_facts(text, mentions))
            for text, mentions in zip(
                texts, jdmatch.extract_many(texts, lexicon=self.lexicon), strict=True
            )
        ]

    def score(self, posting: _Posting, resume: _Resume) -> float:
        title = (
            title_closeness(posting.facts.title, resume.facts.titles)[0]
            if is_job_title(posting.facts.title)
            else None
        )
        return compute_coverage(
            posting.mentions,
            resume.mentions,
            tfidf=self.tfidf,
            lexicon=self.lexicon,
            job=posting.job,
            resume=resume.structure,
            probe=posting.probe,
            title_match=title,
        ).score


def score_groups(
    postings: Sequence[str], groups: dict[str, list[str]]
) -> dict[str, list[list[float]]]:
    """``{group: [[score of each resume] for each posting]}``, as ``jdmatch.analyze`` scores."""
    scorer = Scorer()
    read_postings = scorer.postings(postings)
    scores: dict[str, list[list[float]]] = {}
    for name, texts in groups.items():
        resumes = scorer.resumes(texts)
        scores[name] = [[scorer.score(p, r) for r in resumes] for p in read_postings]
    first_group = next(iter(groups))
    expected = jdmatch.analyze(
        next(text for text in postings if jdmatch.extract(text)), groups[first_group][0]
    ).score
    assert scores[first_group][0][0] == expected, (scores[first_group][0][0], expected)
    return scores


def pairwise_auc(higher: list[float], lower: list[float]) -> float:
    wins = sum(1.0 if h > low else 0.5 if h == low else 0.0 for h in higher for low in lower)
    return wins / (len(higher) * len(lower))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--postings", type=int, default=120, help="postings to sample")
    args = parser.parse_args()
    groups = resume_groups(args.corpora)
    scores = score_groups(sample_postings(args.corpora, args.postings), groups)
    n_postings = len(next(iter(scores.values())))
    print(f"{n_postings} LinkedIn AI/ML postings x resumes\n")
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
