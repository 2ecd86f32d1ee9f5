"""Extraction quality on SkillSpan (Zhang et al., NAACL 2022), knowledge layer.

    python eval/skillspan.py --corpora ../shared/corpora --split dev

Rebuilds each posting from SkillSpan's tokens (joined by spaces, one sentence a line), turns
the BIO tags of ``tags_knowledge`` (and ``tags_skill``) into character spans, runs
``jdmatch.extract`` on the posting and compares, per posting:

- recall over all gold knowledge spans, and over the *covered* ones: spans in which jdmatch finds
  a concept when it reads the span's text on its own (a span the lexicon cannot know, such as
  "English" or "financial services", is not covered);
- precision of the mentions against the knowledge spans, against knowledge or skill spans
  (methods and soft skills are often annotated in the skill layer), and of the mentions of
  technologies (languages, libraries, platforms, data stores, tools) against knowledge spans;

both *lenient* (any character overlap) and *exact* (same start and end). Tune on ``train``,
report ``dev``; the ``test`` split is held back from this project.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from corpora import DEFAULT_ROOT

import jdmatch

Span = tuple[int, int]

#: Categories that SkillSpan's knowledge layer (technologies, tools, languages) is about.
TECH = frozenset({"language", "library", "platform", "data_store", "tooling"})


@dataclass
class Posting:
    text: str
    knowledge: list[Span] = field(default_factory=list)
    skill: list[Span] = field(default_factory=list)


def read_postings(root: Path, split: str) -> Iterator[Posting]:
    """Group SkillSpan's sentences by posting and rebuild text and gold character spans."""
    current: tuple[str, int] | None = None
    posting = Posting(text="")
    with (root / "skillspan" / f"{split}.json").open(encoding="utf-8") as handle:
        for line in handle:
            sentence = json.loads(line)
            key = (sentence["source"], sentence["idx"])
            if key != current and posting.text:
                yield posting
                posting = Posting(text="")
            current = key
            _add_sentence(posting, sentence)
    if posting.text:
        yield posting


def _add_sentence(posting: Posting, sentence: dict[str, list[str]]) -> None:
    offset = len(posting.text)
    starts = []
    for token in sentence["tokens"]:
        starts.append(offset)
        offset += len(token) + 1
    posting.text += " ".join(sentence["tokens"]) + "\n"
    ends = [start + len(token) for start, token in zip(starts, sentence["tokens"], strict=True)]
    posting.knowledge += _bio_spans(sentence["tags_knowledge"], starts, ends)
    posting.skill += _bio_spans(sentence["tags_skill"], starts, ends)


def _bio_spans(tags: list[str], starts: list[int], ends: list[int]) -> list[Span]:
    spans: list[Span] = []
    for index, tag in enumerate(tags):
        if tag.startswith("B") or (
            tag.startswith("I") and (not spans or index == 0 or tags[index - 1] == "O")
        ):
            spans.append((starts[index], ends[index]))
        elif tag.startswith("I"):
            spans[-1] = (spans[-1][0], ends[index])
    return spans


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--split", choices=["train", "dev"], default="dev")
    parser.add_argument("--show", type=int, default=0, help="print this many misses of each kind")
    args = parser.parse_args()
    postings = list(read_postings(args.corpora, args.split))
    all_mentions = list(jdmatch.extract_many(p.text for p in postings))
    gold_texts = [p.text[s:e] for p in postings for s, e in p.knowledge]
    covered_texts = {
        t for t, m in zip(gold_texts, jdmatch.extract_many(gold_texts), strict=True) if m
    }
    counts: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for posting, mentions in zip(postings, all_mentions, strict=True):
        found = [(m.start, m.end) for m in mentions]
        for gold in posting.knowledge:
            covered = posting.text[gold[0] : gold[1]] in covered_texts
            hit = any(overlaps(gold, span) for span in found)
            counts["gold"] += 1
            counts["gold_hit"] += hit
            counts["gold_exact"] += gold in found
            counts["covered"] += covered
            counts["covered_hit"] += covered and hit
            counts["covered_exact"] += covered and gold in found
            if covered and not hit:
                missed[posting.text[gold[0] : gold[1]]] += 1
        for mention, span in zip(mentions, found, strict=True):
            in_knowledge = any(overlaps(span, gold) for gold in posting.knowledge)
            in_either = in_knowledge or any(overlaps(span, gold) for gold in posting.skill)
            counts["mentions"] += 1
            counts["mention_knowledge"] += in_knowledge
            if mention.category in TECH:
                counts["tech_mentions"] += 1
                counts["tech_knowledge"] += in_knowledge
            counts["mention_exact"] += span in posting.knowledge
            counts["mention_either"] += in_either
            if not in_either:
                wrong[f"{mention.text} ({mention.term})"] += 1
    report(args.split, len(postings), counts)
    if args.show:
        print(f"\ncovered gold spans missed: {missed.most_common(args.show)}")
        print(f"\nmentions in no gold span: {wrong.most_common(args.show)}")


def report(split: str, n_postings: int, c: Counter[str]) -> None:
    def ratio(a: str, b: str) -> str:
        return f"{c[a] / c[b]:.3f}" if c[b] else "n/a"

    print(f"SkillSpan {split}: {n_postings} postings, {c['gold']} gold knowledge spans "
          f"({c['covered']} covered by the lexicon), {c['mentions']} jdmatch mentions")  # fmt: skip
    print(f"{'':44} {'lenient':>8} {'exact':>8}")
    rows = [
        ("recall, all gold knowledge spans", ratio("gold_hit", "gold"),
         ratio("gold_exact", "gold")),
        ("recall, covered gold knowledge spans", ratio("covered_hit", "covered"),
         ratio("covered_exact", "covered")),
        ("precision vs knowledge spans", ratio("mention_knowledge", "mentions"),
         ratio("mention_exact", "mentions")),
        ("precision vs knowledge or skill spans", ratio("mention_either", "mentions"), ""),
        ("precision of technology mentions vs knowledge", ratio("tech_knowledge", "tech_mentions"),
         ""),
    ]  # fmt: skip
    for name, lenient, exact in rows:
        print(f"{name:44} {lenient:>8} {exact:>8}")


if __name__ == "__main__":
    main()
