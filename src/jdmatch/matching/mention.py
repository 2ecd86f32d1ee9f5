"""Matching, part 1: the :class:`Mention` type, one occurrence of a concept in a text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a concept in a text.

    ``text[mention.start:mention.end] == mention.text`` holds for the string passed to
    :func:`~jdmatch.matching.extract`, whatever normalisation happened in between.

    Attributes:
        term: The concept id.
        label: The concept's display name.
        text: The characters matched, as they stand in the caller's text.
        start: Offset of the first character in the caller's text.
        end: Offset just past the last character.
        category: The concept's category.
        pillars: The concept's pillars, main one first.
    """

    term: str
    label: str
    text: str
    start: int
    end: int
    category: str
    pillars: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the mention as a JSON-ready dict.

        Returns:
            ``{term, label, text, start, end, category, pillars}``.
        """
        return {
            "term": self.term,
            "label": self.label,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "category": self.category,
            "pillars": list(self.pillars),
        }


def count_terms(mentions: Sequence[Mention]) -> dict[str, int]:
    """Count mentions per concept id.

    Args:
        mentions: Mentions from :func:`extract`.

    Returns:
        ``{concept id: number of mentions}``.

    Example:
        >>> from jdmatch.matching import extract
        >>> count_terms(extract("Python, python and SQL"))
        {'python': 2, 'sql': 1}
    """
    counts: dict[str, int] = {}
    for mention in mentions:
        counts[mention.term] = counts.get(mention.term, 0) + 1
    return counts
