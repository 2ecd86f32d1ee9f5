"""Real-world sweep: load and analyze every document in ../shared/corpora, count the outcomes.

    python eval/sweep.py --corpora ../shared/corpora

Runs ``jdmatch.load`` and ``jdmatch.analyze`` on every resume PDF (as files), every text resume
and every posting (as text): each resume against the shipped example JD, each posting against
the shipped example resume. Prints the count of each outcome (ok, or the jdmatch error type),
any exception that is not a ``JdmatchError`` (the target is none), and the slowest call.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from corpora import DEFAULT_ROOT, GLASSDOOR, LINKEDIN, postings, text_resumes

import jdmatch

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def documents(root: Path) -> Iterator[tuple[str, str, jdmatch.loading.Source]]:
    """Yield ``(kind, name, source)`` for every document of the corpora."""
    for path in sorted((root / "resumes-pdf").rglob("*.pdf")):
        yield "resume", str(path.relative_to(root)), path
    for number, (_, text) in enumerate(text_resumes(root)):
        yield "resume", f"resumes-text #{number}", text
    for which, name in ((LINKEDIN, "jobs-aiml-linkedin"), (GLASSDOOR, "jobs-glassdoor-ds")):
        for number, text in enumerate(postings(root, which)):
            yield "posting", f"{name} #{number}", text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    args = parser.parse_args()
    example_jd = jdmatch.load(EXAMPLES / "postings" / "ml_engineer_jd.txt")
    example_resume = jdmatch.load(EXAMPLES / "sample_resume.pdf")
    outcomes: Counter[str] = Counter()
    unexpected: list[str] = []
    slowest = (0.0, "")
    for kind, name, source in documents(args.corpora):
        started = time.perf_counter()
        try:
            document = jdmatch.load(source)
            if kind == "resume":
                jdmatch.analyze(example_jd, document)
            else:
                jdmatch.analyze(document, example_resume)
            outcome = "ok"
        except jdmatch.JdmatchError as exc:
            outcome = type(exc).__name__
        except Exception as exc:  # what the sweep is looking for
            outcome = f"UNEXPECTED {type(exc).__name__}"
            unexpected.append(f"{name}: {type(exc).__name__}: {exc}")
        seconds = time.perf_counter() - started
        slowest = max(slowest, (seconds, name))
        outcomes[f"{kind}: {outcome}"] += 1
    for outcome, count in sorted(outcomes.items()):
        print(f"{outcome:<40} {count:>6}")
    print(f"unexpected exceptions: {len(unexpected)}")
    for line in unexpected[:20]:
        print(f"  {line}")
    print(f"slowest load + analyze: {slowest[0]:.2f} s ({slowest[1]})")


if __name__ == "__main__":
    main()
