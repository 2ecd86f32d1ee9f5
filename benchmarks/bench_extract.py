"""Extraction throughput against the bare spaCy tokenizer, in one process and run.

    python benchmarks/bench_extract.py [--corpora ../shared/corpora] [--repeat 3]

Reads the real postings by path (falls back to generated text when the corpora are absent),
times ``spacy.blank("en")`` tokenizing them and ``jdmatch.extract_many`` on the same texts after a
warm-up, and prints docs/s, MB/s and the ratio (best of ``--repeat`` runs each).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import spacy

import jdmatch

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
from corpora import DEFAULT_ROOT, GLASSDOOR, LINKEDIN, postings


def load_texts(root: Path) -> list[str]:
    try:
        return [*postings(root, LINKEDIN), *postings(root, GLASSDOOR)]
    except OSError:
        words = [
            "Python",
            "PyTorch",
            "Kubernetes",
            "data",
            "team",
            "build",
            "models",
            "ship",
            "features",
            "we",
            "you",
            "and",
        ]
        rng = random.Random(0)
        return [" ".join(rng.choices(words, k=600)) for _ in range(1000)]


def best_time(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = load_texts(args.corpora)
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    nlp = spacy.blank("en")
    jdmatch.extract("warm-up: PyTorch")
    bare = best_time(lambda: list(nlp.tokenizer.pipe(texts)), args.repeat)
    ours = best_time(lambda: list(jdmatch.extract_many(texts)), args.repeat)
    print(f"{len(texts)} postings, {megabytes:.1f} MB")
    for name, seconds in (("spacy.blank tokenizer", bare), ("jdmatch.extract_many", ours)):
        print(f"{name:24} {len(texts) / seconds:8.0f} docs/s {megabytes / seconds:6.2f} MB/s")
    print(f"ratio (jdmatch / bare tokenizer): {bare / ours:.2f}x")


if __name__ == "__main__":
    main()
