"""Does ``jdmatch.Analyzer.pipe`` stream a long batch of pairs in constant memory?

    python benchmarks/stream_memory.py --pairs 100000 [--corpora ../shared/corpora]
        [--batch-size 256] [--seed 0]

Builds one ``jdmatch.Analyzer`` and streams ``--pairs`` ``(jd, resume)`` text pairs through
``analyzer.pipe(pairs, batch_size=..., as_rows=True)``. The pairs come from a generator, never a
list, and each row is dropped as soon as it is counted, so whatever the process keeps is kept by
the library.

Each text is a ~400-character window of a real posting or resume (chosen with a seeded
``random.Random``; generated text when the corpora are absent), plus a few never-seen-before
8-letter words: the worst case for memory, since spaCy's vocabulary and string store grow with
every new word. Every job description also ends in "Python and SQL." so that each row is a real
analysis rather than a "no concepts" error.

The process's resident set size (``VmRSS`` from ``/proc/self/status``; the peak ``ru_maxrss``
where there is no ``/proc``) is sampled after every 5% of the pairs. One JSON object is printed
on stdout::

    {"pairs": N, "seconds": ..., "pairs_per_second": ..., "errors": ...,
     "rss_mb": [20 samples], "growth_mb": peak_of_second_half - peak_of_first_half}

``seconds`` times the streaming only, not loading the corpora or building the analyzer.
Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import string
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import jdmatch

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
from corpora import DEFAULT_ROOT, GLASSDOOR, LINKEDIN, postings, text_resumes

WINDOW = 400  # characters of real text per snippet
NEW_WORDS = 3  # never-seen-before words appended to every text
SAMPLES = 20  # RSS samples: one after every 5% of the pairs
SKILLS = "Python and SQL."  # lexicon concepts, so that no jd is a NoConceptsError
RESUME_SKILL = "Python."  # so that every pair matches something
GENERATED_WORDS = ["Python", "PyTorch", "Kubernetes", "data", "team", "models", "ship", "and", "we"]


def rss_mb() -> float:
    """Current resident set size in MB (peak RSS where ``/proc`` is absent)."""
    try:
        with Path("/proc/self/status").open(encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024  # bytes vs kB


def load_pools(root: Path) -> tuple[list[str], list[str]] | None:
    """Real postings and resumes to cut windows from, or ``None`` when the corpora are absent."""
    try:
        jds = [*postings(root, LINKEDIN), *postings(root, GLASSDOOR)]
        resumes = [text for _, text in text_resumes(root)]
    except OSError:
        return None
    return (jds, resumes) if jds and resumes else None


def window(text: str, rng: random.Random) -> str:
    """A ~``WINDOW``-character slice of ``text`` starting at a word boundary."""
    start = rng.randrange(max(1, len(text) - WINDOW))
    if start:
        start = text.find(" ", start) + 1  # 0 when there is no later space: take the start
    return text[start : start + WINDOW]


def generated(rng: random.Random) -> str:
    """About ``WINDOW`` characters of generated text."""
    return " ".join(rng.choices(GENERATED_WORDS, k=60))


def new_words(rng: random.Random) -> str:
    """``NEW_WORDS`` random 8-letter words (about 2e11 possibilities: new with near certainty)."""
    return " ".join("".join(rng.choices(string.ascii_lowercase, k=8)) for _ in range(NEW_WORDS))


def pairs(
    count: int, pools: tuple[list[str], list[str]] | None, seed: int
) -> Iterator[tuple[str, str]]:
    """Yield ``count`` ``(jd, resume)`` text pairs, one at a time."""
    rng = random.Random(seed)
    for _ in range(count):
        if pools is None:
            jd, resume = generated(rng), generated(rng)
        else:
            jd, resume = window(rng.choice(pools[0]), rng), window(rng.choice(pools[1]), rng)
        # The line break keeps jdmatch.load from ever taking a snippet for a path.
        yield f"{jd}\n{SKILLS} {new_words(rng)}", f"{resume}\n{RESUME_SKILL} {new_words(rng)}"


def stream(
    count: int, pools: tuple[list[str], list[str]] | None, batch_size: int, seed: int
) -> dict[str, object]:
    """Stream the pairs through one analyzer; return the counters, timing and RSS samples."""
    analyzer = jdmatch.Analyzer()
    rows = errors = 0
    samples: list[float] = []
    start = time.perf_counter()
    for row in analyzer.pipe(pairs(count, pools, seed), batch_size=batch_size, as_rows=True):
        rows += 1
        errors += bool(row["error"])  # "" for an analysed pair, the reason otherwise
        while len(samples) < SAMPLES and rows * SAMPLES >= (len(samples) + 1) * count:
            samples.append(round(rss_mb(), 1))
            print(f"{rows:,} pairs, RSS {samples[-1]:.1f} MB", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - start
    half = len(samples) // 2
    return {
        "pairs": rows,
        "seconds": round(seconds, 2),
        "pairs_per_second": round(rows / seconds, 1),
        "errors": errors,
        "rss_mb": samples,
        # The pipeline is renewed as new words pile up, so RSS saws up and down; memory that
        # grows with the stream shows as a higher peak in the second half than in the first.
        "growth_mb": round(max(samples[half:]) - max(samples[:half]), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.pairs < 1:
        parser.error("--pairs must be positive")
    result = stream(args.pairs, load_pools(args.corpora), args.batch_size, args.seed)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
