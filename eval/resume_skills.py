"""Resume-side recall against weak gold: the resumes' own "Skill Details" blocks.

    python eval/resume_skills.py --corpora ../shared/corpora

Reads the text resumes of ``resumes-text`` by path. Most of them carry a "Skill Details" block
that lists the candidate's skills, one per line with an experience tail
(``Python- Experience - Less than 1 year months``), sometimes several per line separated by
commas. The block runs to "Company Details", which often follows the last line with no break
(``...24 monthsCompany Details``). Each listed item is weak gold for the resume:

* *found* when a mention of ``jdmatch.extract`` on the whole resume overlaps the item's span;
* *covered* when ``jdmatch.extract`` on the item alone finds a concept, or the item's
  lower-cased text is a surface form of the lexicon.

Prints, overall and for the Data Science category: resumes with a non-empty block, items,
recall over all items and over covered items, the most frequent uncovered items (lexicon-growth
candidates) and the most frequent covered-but-missed items (extraction bugs) with a short
context. Nothing read here is written anywhere.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from corpora import DEFAULT_ROOT, text_resumes

import jdmatch

BLOCK_START = "Skill Details"
BLOCK_END = "Company Details"
FOCUS = "Data Science"
TOP_UNCOVERED = 25
TOP_MISSED = 15
CONTEXT = 40

_LINE = re.compile(r"[^\r\n]+")
_TAIL = re.compile(r"\s*-\s*Experience\s*-.*$")
# Items are split at commas, semicolons, bullets and sentence ends ("etc. Standard"), but not
# inside parentheses ("NetWeaver Gateway (oDATA, Fiori)") nor in "Extract, Transform, and Load".
_PIECE = re.compile(
    r"(?i:extract,\s*transform,\s*and\s*load)"
    r"|(?:\([^)]*\)|\(|\.(?!\s+[A-Z])|[^,;•·|(.])+"
)
_PREFIX = re.compile(r"^(?:experience in|knowledge of)\s+", re.IGNORECASE)
_LEAD = " \t:-*"
_TAIL_PUNCT = " \t.:-*"


@dataclass(frozen=True)
class Item:
    """One listed skill: its text and its span in the resume."""

    text: str
    start: int
    end: int


@dataclass
class Resume:
    """A resume's category, text, listed items and which of them the extractor found."""

    category: str
    text: str
    items: list[Item]
    found: list[bool]


def skill_block(text: str) -> tuple[int, int] | None:
    """Return the character span of the Skill Details block, or ``None`` without one."""
    head = text.find(BLOCK_START)
    if head < 0:
        return None
    start = head + len(BLOCK_START)
    end = text.find(BLOCK_END, start)
    return start, end if end >= 0 else len(text)


def trimmed(text: str, start: int, end: int) -> Item | None:
    """Strip separators, a lead-in phrase and trailing dots from ``text[start:end]``."""
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip(_LEAD))
    piece = piece.strip(_LEAD).rstrip(_TAIL_PUNCT)  # keep the dot of ".NET"
    prefix = _PREFIX.match(piece)
    if prefix:
        lead += prefix.end()
        piece = piece[prefix.end() :]
    if not piece:
        return None
    return Item(piece, start + lead, start + lead + len(piece))


def parse_items(text: str) -> list[Item]:
    """Split the Skill Details block of a resume into items with spans in ``text``."""
    span = skill_block(text)
    if span is None:
        return []
    items = []
    for line in _LINE.finditer(text, *span):
        tail = _TAIL.search(line.group())
        stop = line.start() + tail.start() if tail else line.end()
        for piece in _PIECE.finditer(text, line.start(), stop):
            item = trimmed(text, piece.start(), piece.end())
            if item is not None:
                items.append(item)
    return items


def overlaps(item: Item, mentions: Iterable[jdmatch.Mention]) -> bool:
    return any(m.start < item.end and m.end > item.start for m in mentions)


def load_resumes(root: Path) -> list[Resume]:
    """Parse every resume and mark the items that the extractor finds in the full text."""
    rows = [(category, text, parse_items(text)) for category, text in text_resumes(root)]
    mentions = jdmatch.extract_many(text for _, text, _ in rows)
    return [
        Resume(category, text, items, [overlaps(item, found) for item in items])
        for (category, text, items), found in zip(rows, mentions, strict=True)
    ]


def covered_texts(resumes: list[Resume]) -> set[str]:
    """Item texts (as written) that the lexicon covers, alone or as a surface form."""
    forms = jdmatch.load_lexicon().surface_forms
    texts = sorted({item.text for r in resumes for item in r.items})
    alone = zip(texts, jdmatch.extract_many(texts), strict=True)
    return {text for text, found in alone if found or text.lower() in forms}


def ambiguous_aliases() -> dict[str, str]:
    """Lower-cased ambiguous aliases (``R``, ``Excel``) with their concept ids.

    They are not surface forms and need a technical context, so a bare item never matches them:
    the item counts as uncovered, but the listing names the concept it is gated behind.
    """
    lexicon = jdmatch.load_lexicon()
    return {alias.lower(): c.id for c in lexicon for alias in c.ambiguous_aliases}


def context(text: str, item: Item) -> str:
    left = text[max(0, item.start - CONTEXT) : item.start]
    right = text[item.end : item.end + CONTEXT]
    snippet = f"{left}[[{text[item.start : item.end]}]]{right}"
    return " ".join(snippet.split())


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}% ({part}/{whole})" if whole else "n/a (0/0)"


def report(title: str, resumes: list[Resume], covered: set[str]) -> None:
    """Print the recall figures and the top uncovered and covered-but-missed items."""
    with_block = [r for r in resumes if r.items]
    pairs = [(r, item, hit) for r in with_block for item, hit in zip(r.items, r.found, strict=True)]
    in_lexicon = [(r, item, hit) for r, item, hit in pairs if item.text in covered]
    print(f"== {title} ==")
    print(f"resumes: {len(resumes)}, with a non-empty Skill Details block: {len(with_block)}")
    print(f"items: {len(pairs)}, covered by the lexicon: {len(in_lexicon)}")
    print(f"recall, all items:     {percent(sum(h for _, _, h in pairs), len(pairs))}")
    print(f"recall, covered items: {percent(sum(h for _, _, h in in_lexicon), len(in_lexicon))}")
    uncovered = Counter(item.text.lower() for _, item, _ in pairs if item.text not in covered)
    print(f"-- top {TOP_UNCOVERED} uncovered items (lexicon-growth candidates) --")
    gated = ambiguous_aliases()
    for key, count in uncovered.most_common(TOP_UNCOVERED):
        note = f"  (ambiguous alias of {gated[key]})" if key in gated else ""
        print(f"{count:4d}  {key}{note}")
    print_missed(in_lexicon)
    print()


def print_missed(in_lexicon: list[tuple[Resume, Item, bool]]) -> None:
    missed = Counter(item.text.lower() for _, item, hit in in_lexicon if not hit)
    example = {item.text.lower(): (r, item) for r, item, hit in in_lexicon if not hit}
    print(f"-- top {TOP_MISSED} covered-but-missed items (extraction bugs) --")
    for key, count in missed.most_common(TOP_MISSED):
        resume, item = example[key]
        terms = ",".join(m.term for m in jdmatch.extract(item.text))
        print(f"{count:4d}  {key!r} -> alone: {terms or '(surface form)'}")
        print(f"      {context(resume.text, item)}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    args = parser.parse_args(argv)
    resumes = load_resumes(args.corpora)
    covered = covered_texts(resumes)
    report("all resumes", resumes, covered)
    report(FOCUS, [r for r in resumes if r.category == FOCUS], covered)


if __name__ == "__main__":
    main()
