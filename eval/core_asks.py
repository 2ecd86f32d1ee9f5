"""Core asks in the top of the study plan: the figure issue #14 is judged by.

For each blind-labelled posting (``eval/labels/postings_gold.jsonl``, protocol
``plan-labeling.md`` Task A) the labeller named the 5-10 topics its interview will certainly
probe. A core ask is *in the top k* when one of the plan's first k rows (or an option the row
lists) has a mention in the posting that overlaps an occurrence of the ask's surface phrase.
Also printed: the share of top-k rows that come only from lines the labeller marked as company
context (or headings) or from phrases marked as noise: not asks. Lines describing the team's own
stack (``team``) are neutral in the protocol, so rows from them count as neither.

    python eval/core_asks.py --corpora ../shared/corpora [--split test] [--resume ds]

``--resume blank`` (default) analyses each posting against a resume that names nothing, so the
order is the posting's own; ``--resume ds`` uses the first data-science text resume.
"""

from __future__ import annotations

import argparse
from bisect import bisect_right
from pathlib import Path

from corpora import DEFAULT_ROOT, text_resumes
from gold import BLANK_RESUME, GoldPosting, line_starts, occurrences, overlaps, postings

import jdmatch

NOT_ASKS = {"context", "heading"}
NEUTRAL = "team"


def row_terms(row: object) -> set[str]:
    terms = {row.term}  # type: ignore[attr-defined]
    terms.update(getattr(row, "options", ()) or ())
    return terms


def evaluate(posting: GoldPosting, resume: str, top: int) -> tuple[int, int, int, int, list[str]]:
    """Return (core asks hit, core asks, top rows that are not asks, top rows, missed asks)."""
    report = jdmatch.analyze(posting.text, resume)
    rows = report.plan[:top]
    spans: dict[str, list[tuple[int, int]]] = {}
    for mention in report.jd_mentions:
        spans.setdefault(mention.term, []).append((mention.start, mention.end))
    top_spans = [span for row in rows for term in row_terms(row) for span in spans.get(term, [])]
    hit, missed = 0, []
    for ask in posting.primary["core"]:
        places = occurrences(posting.text, ask["surface"])
        if any(overlaps(p, s) for p in places for s in top_spans):
            hit += 1
        else:
            missed.append(ask["canonical"])
    labels = dict((int(i), label) for i, label in posting.primary["lines"])
    starts = line_starts(posting.text)
    noise = [
        span for phrase in posting.primary["noise"] for span in occurrences(posting.text, phrase)
    ]
    not_asks = 0

    def label_of(span: tuple[int, int]) -> str:
        return labels.get(bisect_right(starts, span[0]) - 1, "required")

    for row in rows:
        places = [s for term in row_terms(row) for s in spans.get(term, [])]
        if places and all(label_of(s) == NEUTRAL for s in places):
            continue
        ask_places = [
            s
            for s in places
            if label_of(s) not in NOT_ASKS and not any(overlaps(s, n) for n in noise)
        ]
        not_asks += not ask_places
    return hit, len(posting.primary["core"]), not_asks, len(rows), missed


def agreement(root: Path) -> tuple[int, int, int]:
    """Core asks of one labeller that the other also named, over doubly labelled postings.

    Two asks match when their surfaces overlap somewhere in the posting or their canonical
    names are equal. Returns (matched, asks, postings), both directions pooled.
    """
    matched = asks = pairs = 0
    for posting in postings(root):
        for other in posting.others:
            pairs += 1
            for one, two in ((posting.primary, other), (other, posting.primary)):
                theirs = [
                    (a["canonical"], occurrences(posting.text, a["surface"])) for a in two["core"]
                ]
                for ask in one["core"]:
                    places = occurrences(posting.text, ask["surface"])
                    asks += 1
                    matched += any(
                        canonical == ask["canonical"]
                        or any(overlaps(p, q) for p in places for q in spans)
                        for canonical, spans in theirs
                    )
    return matched, asks, pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all")
    parser.add_argument("--resume", choices=["blank", "ds"], default="blank")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    resume = BLANK_RESUME
    if args.resume == "ds":
        resume = next(
            text for category, text in text_resumes(args.corpora) if category == "Data Science"
        )
    splits = ["dev", "test"] if args.split == "all" else [args.split]
    for split in splits:
        hits = asks = bad = rows = n = 0
        for posting in postings(args.corpora, split=split):
            h, a, b, r, missed = evaluate(posting, resume, args.top)
            hits, asks, bad, rows, n = hits + h, asks + a, bad + b, rows + r, n + 1
            if args.verbose:
                print(f"  {posting.name}: {h}/{a} missed {missed}")
        print(
            f"{split}: {n} postings, core asks in top {args.top}: "
            f"{hits}/{asks} = {hits / asks:.3f}; "
            f"top-{args.top} rows that are not asks: {bad}/{rows} = {bad / max(rows, 1):.3f}"
        )

    matched, total, pairs = agreement(args.corpora)
    if pairs:
        print(
            f"labeller agreement on {pairs} doubly labelled postings: {matched}/{total} = "
            f"{matched / total:.3f} of one labeller's core asks named by the other"
        )


if __name__ == "__main__":
    main()
