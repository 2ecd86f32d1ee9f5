"""Step 2 of the flow: clean up the text that real files produce, and keep the way back.

PDF and Word exports are full of ligatures (``ﬁ``), private-use bullet glyphs, smart quotes,
non-breaking and zero-width spaces, and words hyphenated across line breaks. Matching runs on the
normalised text; :meth:`NormalizedText.original_span` maps every span back to the string the
caller passed, so reported offsets always slice the caller's own text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

# Characters replaced by fixed strings; everything else outside ASCII goes through NFKC.
_REPLACEMENTS: dict[str, str] = {
    **dict.fromkeys("‘’‚‛′`", "'"),
    **dict.fromkeys("“”„‟″", '"'),
    **dict.fromkeys("‐‑‒–—―−⁃", "-"),
    # Bullets, including the private-use glyphs that Symbol and Wingdings fonts leave in PDFs.
    **dict.fromkeys("•●▪◦‣∙■□►▸▹➢➤✓✔❖◆◇○\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf0e8", "•"),
    **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                    "\u202f\u205f\u3000", " "),
    **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""),
    **dict.fromkeys("\u2028\u2029\u0085", "\n"),
}  # fmt: skip

# One pass finds everything to change. Hyphenation first: a lower-case word broken across a
# line ("Kuber-\nnetes") is joined; a hyphen before an upper-case letter or digit is kept.
_CHANGES = re.compile(
    r"(?P<hyphenation>(?<=[a-z])[-\u00ad\u2010\u2011][ \t]*\r?\n[ \t]*(?=[a-z]))"
    r"|(?P<newline>\r\n?)"
    r"|(?P<space>[\t\f\v])"
    r"|(?P<other>[^\x00-\x7f])"
)


@dataclass(frozen=True)
class NormalizedText:
    r"""Normalised text together with the map back to the original.

    Attributes:
        text: The normalised text that matching runs on.
        original: The text as the caller passed it.

    Example:
        >>> n = normalize("Deep ﬁne-\ntuning")
        >>> n.text
        'Deep finetuning'
        >>> n.original_span(5, 15)
        (5, 16)
    """

    text: str
    original: str
    # Each piece of the normalised text starts at _starts[i] and came from the original text at
    # _origins[i]. A piece is either copied (same length) or a replacement of _origin_ends[i].
    _starts: tuple[int, ...] = ()
    _origins: tuple[int, ...] = ()
    _origin_ends: tuple[int | None, ...] = ()

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span ``[start, end)`` of :attr:`text` back to :attr:`original`.

        Args:
            start: Start offset in the normalised text.
            end: End offset (exclusive) in the normalised text; greater than ``start``.

        Returns:
            The ``(start, end)`` of the same characters in the original text.
        """
        if not self._starts:
            return start, end
        return self._original_position(start, at_end=False), self._original_position(
            end - 1, at_end=True
        )

    def _original_position(self, position: int, *, at_end: bool) -> int:
        piece = bisect_right(self._starts, position) - 1
        origin = self._origins[piece]
        replaced_end = self._origin_ends[piece]
        if replaced_end is None:  # a copied piece: offsets move together
            return origin + (position - self._starts[piece]) + (1 if at_end else 0)
        return replaced_end if at_end else origin


def normalize(text: str) -> NormalizedText:
    """Normalise text for matching, remembering where every character came from.

    Applies NFKC (which also splits ligatures such as ``ﬁ``), turns smart quotes, dashes,
    bullets and odd spaces into plain forms, drops zero-width characters and soft hyphens,
    unifies line breaks, and joins words hyphenated across a line break.

    Args:
        text: Any string.

    Returns:
        The normalised text and its map back to ``text``.

    Example:
        >>> normalize("“PyTorch” • Kubernetes").text
        '"PyTorch" • Kubernetes'
    """
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    origin_ends: list[int | None] = []
    length = 0
    copied_from = 0

    def add(piece: str, origin: int, replaced_end: int | None) -> None:
        nonlocal length
        if not piece:
            return
        pieces.append(piece)
        starts.append(length)
        origins.append(origin)
        origin_ends.append(replaced_end)
        length += len(piece)

    for match in _CHANGES.finditer(text):
        replacement = _replacement(match)
        if replacement == match.group():
            continue
        add(text[copied_from : match.start()], copied_from, None)
        add(replacement, match.start(), match.end())
        copied_from = match.end()
    if not starts:
        return NormalizedText(text=text, original=text)
    add(text[copied_from:], copied_from, None)
    return NormalizedText(
        text="".join(pieces),
        original=text,
        _starts=tuple(starts),
        _origins=tuple(origins),
        _origin_ends=tuple(origin_ends),
    )


def _replacement(match: re.Match[str]) -> str:
    kind = match.lastgroup
    if kind == "hyphenation":
        return ""
    if kind == "newline":
        return "\n"
    if kind == "space":
        return " "
    char = match.group()
    fixed = _REPLACEMENTS.get(char)
    if fixed is not None:
        return fixed
    return unicodedata.normalize("NFKC", char)
