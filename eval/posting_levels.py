"""Requirement-level accuracy on the blind line labels of real postings (issue #12, item 1).

    python eval/posting_levels.py --corpora ../shared/corpora [--split dev|test|all] [--verbose]

Gold: ``eval/labels/postings_gold.jsonl`` (protocol ``plan-labeling.md`` Task A; primary
labeller per posting). Gold line labels map to levels as ``title``/``required`` -> required,
``preferred`` -> preferred, ``context``/``team`` -> mentioned; ``heading`` and ``mixed`` lines
are skipped. Printed per split:

- *lines*: jdmatch's line level (``structure.line_levels``) against the gold level;
- *concepts*: for each concept jdmatch extracts, the gold level is the strongest gold level of
  the lines holding its mentions and the prediction is ``read_job(...).requirement[term]``:
  accuracy, preferred recall (gold preferred predicted preferred), mentioned recall;
- *misread blocks*: the share of postings with a maximal run of >= 3 non-blank lines with one
  gold label in {required, preferred, context} (blank lines do not break a run) where most
  jdmatch mentions in the run get another level;
- the two labellers' line agreement on doubly labelled postings.
"""

from __future__ import annotations

import argparse
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corpora import DEFAULT_ROOT
from gold import GoldPosting, line_starts, postings

from jdmatch.extraction import Mention, extract
from jdmatch.structure import REQUIREMENT_LEVELS, line_levels, requirement_levels

GOLD_LEVEL = {
    "title": "required",
    "required": "required",
    "preferred": "preferred",
    "context": "mentioned",
    "team": "mentioned",
}
BLOCK_LABELS = {"required", "preferred", "context"}


@dataclass
class Tally:
    lines: Counter[tuple[str, str]] = field(default_factory=Counter)
    concepts: Counter[tuple[str, str]] = field(default_factory=Counter)
    postings: int = 0
    misread: int = 0
    misread_names: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.lines.update(other.lines)
        self.concepts.update(other.concepts)
        self.postings += other.postings
        self.misread += other.misread
        self.misread_names.extend(other.misread_names)

    @staticmethod
    def accuracy(pairs: Counter[tuple[str, str]]) -> float:
        total = sum(pairs.values())
        return sum(n for (g, p), n in pairs.items() if g == p) / max(total, 1)

    @staticmethod
    def recall(pairs: Counter[tuple[str, str]], level: str) -> tuple[int, int]:
        total = sum(n for (g, _), n in pairs.items() if g == level)
        return pairs[(level, level)], total

    def summary(self) -> str:
        pref, n_pref = self.recall(self.concepts, "preferred")
        ment, n_ment = self.recall(self.concepts, "mentioned")
        lpref, ln_pref = self.recall(self.lines, "preferred")
        lment, ln_ment = self.recall(self.lines, "mentioned")
        return (
            f"lines {self.accuracy(self.lines):.3f} (n={sum(self.lines.values())}; "
            f"preferred {lpref}/{ln_pref}, mentioned {lment}/{ln_ment}); "
            f"concepts {self.accuracy(self.concepts):.3f} (n={sum(self.concepts.values())}), "
            f"preferred recall {pref / max(n_pref, 1):.3f} ({pref}/{n_pref}), "
            f"mentioned recall {ment / max(n_ment, 1):.3f} ({ment}/{n_ment}); "
            f"postings with a misread block {self.misread}/{self.postings} = "
            f"{self.misread / max(self.postings, 1):.3f}"
        )


def score_posting(
    posting: GoldPosting,
    *,
    line_levels: Callable[[str], list[str]] = line_levels,
    mention_levels: Callable[[str, Sequence[Mention]], list[str]] = requirement_levels,
    mentions: Sequence[Mention] | None = None,
) -> Tally:
    """Compare one posting's levels with its primary gold labels."""
    text = posting.text
    labels = {int(i): label for i, label in posting.primary["lines"]}
    tally = Tally(postings=1)
    for number, level in enumerate(line_levels(text)):
        gold = GOLD_LEVEL.get(labels.get(number, ""))
        if gold is not None:
            tally.lines[(gold, level)] += 1
    if mentions is None:
        mentions = extract(text)
    levels = mention_levels(text, mentions)
    line_of = _line_finder(line_starts(text))
    gold_of: dict[str, str] = {}
    predicted: dict[str, str] = {}
    per_line: dict[int, list[str]] = {}
    for mention, level in zip(mentions, levels, strict=True):
        number = line_of(mention.start)
        per_line.setdefault(number, []).append(level)
        strongest = predicted.get(mention.term)
        if strongest is None or _rank(level) < _rank(strongest):
            predicted[mention.term] = level
        gold = GOLD_LEVEL.get(labels.get(number, ""))
        if gold is not None:
            current = gold_of.get(mention.term)
            if current is None or _rank(gold) < _rank(current):
                gold_of[mention.term] = gold
    for term, gold in gold_of.items():
        tally.concepts[(gold, predicted[term])] += 1
    for label, block in _blocks(text, labels):
        found = [level for number in block for level in per_line.get(number, [])]
        wrong = sum(level != GOLD_LEVEL[label] for level in found)
        if found and wrong * 2 > len(found):
            tally.misread = 1
            tally.misread_names.append(f"{posting.name} lines {block[0]}-{block[-1]} {label}")
            break
    return tally


def _rank(level: str) -> int:
    return REQUIREMENT_LEVELS.index(level)


def _line_finder(starts: list[int]) -> Callable[[int], int]:
    return lambda offset: bisect_right(starts, offset) - 1


def _blocks(text: str, labels: dict[int, str]) -> Iterable[tuple[str, list[int]]]:
    """Maximal runs of >= 3 non-blank lines sharing a gold label in :data:`BLOCK_LABELS`."""
    run: list[int] = []
    run_label = ""
    for number, line in enumerate([*text.split("\n"), "<end>"]):
        if not line.strip():
            continue
        label = labels.get(number, "") if line != "<end>" else ""
        if label == run_label and label:
            run.append(number)
            continue
        if run_label in BLOCK_LABELS and len(run) >= 3:
            yield run_label, run
        run, run_label = [number], label


def agreement(items: Iterable[GoldPosting]) -> tuple[int, int, int, int]:
    """(same label, same level, lines both labelled, postings) over doubly labelled postings."""
    same = same_level = total = n = 0
    for posting in items:
        first = {int(i): label for i, label in posting.primary["lines"]}
        for other in posting.others:
            n += 1
            for i, label in other["lines"]:
                if int(i) in first:
                    total += 1
                    same += first[int(i)] == label
                    same_level += GOLD_LEVEL.get(first[int(i)], first[int(i)]) == GOLD_LEVEL.get(
                        label, label
                    )
    return same, same_level, total, n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    splits = ["dev", "test"] if args.split == "all" else [args.split]
    for split in splits:
        items = list(postings(args.corpora, split=split))
        tally = Tally()
        for posting in items:
            tally.add(score_posting(posting))
        print(f"{split}: {len(items)} postings: {tally.summary()}")
        if args.verbose:
            for name in tally.misread_names:
                print(f"  misread block: {name}")
        same, same_level, total, n = agreement(items)
        if n:
            print(
                f"  labeller agreement on {n} doubly labelled postings: "
                f"labels {same}/{total} = {same / total:.3f}, "
                f"levels {same_level}/{total} = {same_level / total:.3f}"
            )


if __name__ == "__main__":
    main()
