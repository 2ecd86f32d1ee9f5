"""Blind gold labels of real postings and resumes, and the matching rules of the protocols.

Labels live in ``eval/labels/*.jsonl`` as ids, line indices, labels and short phrases; the texts
are read from ``../shared/corpora`` by path (:func:`corpora.posting_text`). Each posting has one
*primary* labelling (the labeller whose batch it was in); postings labelled twice also carry a
second one, used only for agreement figures.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpora import posting_text

LABELS = Path(__file__).resolve().parent / "labels"
#: A resume that names no concept: the plan then follows the posting alone.
BLANK_RESUME = "Jane Doe\nExperience\nCashier at a grocery store, 2019-2023."


@dataclass
class GoldPosting:
    corpus: str
    row: int
    split: str
    text: str
    primary: dict[str, Any]
    others: list[dict[str, Any]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.corpus}#{self.row}"


def _records(name: str) -> list[dict[str, Any]]:
    path = LABELS / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def postings(
    root: Path, kind: str = "postings_gold", split: str | None = None
) -> Iterator[GoldPosting]:
    """Yield the labelled postings (``kind``: ``postings_gold`` or ``keywords_gold``)."""
    grouped: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for record in _records(kind):
        grouped.setdefault((record["corpus"], record["row"]), []).append(record)
    for (corpus, row), records in sorted(grouped.items()):
        if split and records[0]["split"] != split:
            continue
        records.sort(key=lambda r: r["labeller"])
        for record in records:  # noise phrases are stored one object each
            record["noise"] = [
                n["phrase"] if isinstance(n, dict) else n for n in record.get("noise", [])
            ]
        yield GoldPosting(
            corpus,
            row,
            records[0]["split"],
            posting_text(root, corpus, row),
            records[0],
            records[1:],
        )


def occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    """Word-bounded, case-insensitive occurrences of ``surface`` in ``text``."""
    pattern = re.compile(r"(?<!\w)" + re.escape(surface.strip()) + r"(?!\w)", re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts
