"""Keyword extraction against blind gold labels of real ML postings (issue #12).

Scoring follows ``../shared/eval-protocol/keyword-labeling.md``: a gold concept is *found* when
an extracted mention overlaps an occurrence of one of its surfaces; an extracted concept is
*right* when one of its mentions overlaps a ``required`` gold surface, *wrong* when it overlaps
no gold surface at all, neutral otherwise. Recall = found / required gold concepts; precision =
right / (right + wrong). Also prints the two labellers' agreement on the doubly labelled postings
(each labeller's required concepts scored against the other's labels, same rule).

    python eval/keywords.py --corpora ../shared/corpora [--split dev|test|all] [--misses]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

from corpora import DEFAULT_ROOT
from gold import occurrences, overlaps, postings

import jdmatch
from jdmatch.extraction import extract


def score(text: str, keywords: list[dict[str, Any]], spans: dict[str, list[tuple[int, int]]]):
    """Return (found, required, right, wrong, missed canonicals, wrong terms)."""
    gold: dict[str, dict[str, Any]] = {}
    for item in keywords:
        entry = gold.setdefault(item["canonical"], {"level": item["level"], "places": []})
        if item["level"] == "required":
            entry["level"] = "required"
        entry["places"] += occurrences(text, item["surface"])
    required = {c: g for c, g in gold.items() if g["level"] == "required"}
    mention_spans = [s for places in spans.values() for s in places]
    found = [
        c
        for c, g in required.items()
        if any(overlaps(p, s) for p in g["places"] for s in mention_spans)
    ]
    right = wrong = 0
    wrong_terms = []
    req_places = [p for g in required.values() for p in g["places"]]
    all_places = [p for g in gold.values() for p in g["places"]]
    for term, places in spans.items():
        if any(overlaps(s, p) for s in places for p in req_places):
            right += 1
        elif not any(overlaps(s, p) for s in places for p in all_places):
            wrong += 1
            wrong_terms.append(term)
    missed = [c for c in required if c not in found]
    return len(found), len(required), right, wrong, missed, wrong_terms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all")
    parser.add_argument("--misses", action="store_true", help="list the commonest misses")
    args = parser.parse_args()
    lexicon = jdmatch.load_lexicon()
    splits = ["dev", "test"] if args.split == "all" else [args.split]
    for split in splits:
        totals = Counter()
        misses: Counter[str] = Counter()
        wrongs: Counter[str] = Counter()
        for posting in postings(args.corpora, kind="keywords_gold", split=split):
            spans: dict[str, list[tuple[int, int]]] = {}
            for m in extract(posting.text, lexicon=lexicon):
                spans.setdefault(m.term, []).append((m.start, m.end))
            f, r, ri, w, missed, wrong = score(posting.text, posting.primary["keywords"], spans)
            totals.update(found=f, required=r, right=ri, wrong=w, postings=1)
            misses.update(missed)
            wrongs.update(wrong)
        recall = totals["found"] / max(totals["required"], 1)
        precision = totals["right"] / max(totals["right"] + totals["wrong"], 1)
        print(
            f"{split}: {totals['postings']} postings, recall {totals['found']}/{totals['required']}"
            f" = {recall:.3f}, precision {totals['right']}/{totals['right'] + totals['wrong']}"
            f" = {precision:.3f}"
        )
        if args.misses:
            print("  missed:", misses.most_common(40))
            print("  wrong:", wrongs.most_common(30))
    agree = Counter()
    for posting in postings(args.corpora, kind="keywords_gold"):
        for other in posting.others:
            a, b = posting.primary["keywords"], other["keywords"]
            for one, two in ((a, b), (b, a)):
                spans: dict[str, list[tuple[int, int]]] = {}
                for item in one:
                    if item["level"] == "required":
                        spans.setdefault(item["canonical"], []).extend(
                            occurrences(posting.text, item["surface"])
                        )
                f, r, ri, w, _, _ = score(posting.text, two, spans)
                agree.update(found=f, required=r, right=ri, wrong=w, pairs=1)
    if agree["pairs"]:
        print(
            f"labeller agreement on {agree['pairs'] // 2} doubly labelled postings: recall "
            f"{agree['found'] / agree['required']:.3f}, precision "
            f"{agree['right'] / (agree['right'] + agree['wrong']):.3f} (one against the other)"
        )


if __name__ == "__main__":
    main()
