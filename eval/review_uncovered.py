"""What do real ML postings name that the lexicon misses? Frequent terms outside every mention.

    python eval/review_uncovered.py --corpora ../shared/corpora

Reads the LinkedIn AI/ML postings by path, extracts concepts with ``jdmatch.extract_many`` and
lists (a) capitalised tokens and short capitalised sequences (product names, acronyms) and
(b) lower-case bigrams and trigrams without stopwords that no mention covers, each with its
document frequency (postings) and one short context; ``--top N`` sets the rows per table
(default 60). Nothing read here is written anywhere.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from corpora import DEFAULT_ROOT, LINKEDIN, postings
from spacy.lang.en.stop_words import STOP_WORDS

import jdmatch

WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[.+#&-][A-Za-z0-9]+)*\+*#?")
LOWER = re.compile(r"[a-z]+(?:-[a-z]+)*")
GENERIC = {
    "experience", "ability", "skills", "strong", "work", "working", "including", "years",
    "team", "teams", "knowledge", "understanding", "excellent", "preferred", "required",
    "related", "role", "job", "company", "candidate", "candidates", "new", "best", "etc",
}  # fmt: skip
Term = tuple[str, int, int]  # (key, start, end)


def capitalised_runs(text: str, lower_words: Counter[str]) -> Iterator[Term]:
    """Yield runs of up to three capitalised words, plus acronyms inside longer runs."""
    run: list[re.Match[str]] = []
    for match in [*WORD.finditer(text), None]:
        word = match.group() if match else ""
        keep = bool(word) and word.lower() not in STOP_WORDS and (
            sum(c.isupper() for c in word) > 1 or any(c.isupper() for c in word[1:])
            or (word[0].isupper() and lower_words[word.lower()] < 5)
        )  # fmt: skip
        if keep and match and (not run or text[run[-1].end() : match.start()] == " "):
            run.append(match)
            continue
        if 1 <= len(run) <= 3:
            yield " ".join(m.group() for m in run), run[0].start(), run[-1].end()
        elif run:
            yield from ((m.group(), m.start(), m.end()) for m in run if m.group()[1:].isupper())
        run = [match] if keep and match else []


def lower_ngrams(text: str) -> Iterator[Term]:
    """Yield bigrams and trigrams of consecutive lower-case non-stopwords."""
    run: list[re.Match[str]] = []
    for match in [*WORD.finditer(text), None]:
        word = match.group() if match else ""
        ok = bool(LOWER.fullmatch(word)) and word not in STOP_WORDS and word not in GENERIC
        if ok and match and (not run or text[run[-1].end() : match.start()] == " "):
            run.append(match)
            continue
        for n in (2, 3):
            for i in range(len(run) - n + 1):
                words = run[i : i + n]
                yield " ".join(m.group() for m in words), words[0].start(), words[-1].end()
        run = [match] if ok and match else []


def context(text: str, start: int, end: int, width: int = 60) -> str:
    pad = max(0, (width - (end - start)) // 2)
    snippet = " ".join(text[max(0, start - pad) : end + pad].split())
    return snippet[:width]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--top", type=int, default=60, help="rows per table")
    args = parser.parse_args()
    texts = list(postings(args.corpora, LINKEDIN))
    lower_words = Counter(w for t in texts for w in set(LOWER.findall(t)))
    tables: dict[str, tuple[Counter[str], dict[str, str]]] = {
        "capitalised": (Counter(), {}),
        "lower-case n-grams": (Counter(), {}),
    }
    for text, mentions in zip(texts, jdmatch.extract_many(texts), strict=True):
        covered = bytearray(len(text))
        for m in mentions:
            covered[m.start : m.end] = b"\x01" * (m.end - m.start)
        for name, terms in (
            ("capitalised", capitalised_runs(text, lower_words)),
            ("lower-case n-grams", lower_ngrams(text)),
        ):
            counts, examples = tables[name]
            seen: set[str] = set()
            for key, start, end in terms:
                if not any(covered[start:end]):
                    seen.add(key)
                    examples.setdefault(key, context(text, start, end))
            counts.update(seen)
    print(f"{len(texts)} LinkedIn AI/ML postings\n")
    for name, (counts, examples) in tables.items():
        print(f"{name} not inside any mention (df = postings)")
        print(f"{'term':<32} {'df':>4}  context")
        for key, df in counts.most_common(args.top):
            print(f"{key[:32]:<32} {df:>4}  {examples[key]}")
        print()


if __name__ == "__main__":
    main()
