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
    # Bidirectional controls (LRM, RLM, ALM, LRE ... RLO, LRI ... PDI) hide words from matching.
    **dict.fromkeys("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
                    "\u2066\u2067\u2068\u2069", ""),
    # NUL bytes between words (text extracted by some tools) separate them, like a space.
    "\x00": " ",
    **dict.fromkeys("\u2028\u2029\u0085", "\n"),
}  # fmt: skip

# A fast scan for the few characters that may change (a character class runs in C); each hit is
# then looked at in Python. Hyphenation: a lower-case word broken across a line
# ("Kuber-\nnetes") is joined; a hyphen before an upper-case letter or digit is kept.
_HYPHENS = "-\u00ad\u2010\u2011"
_FIXED = "".join(re.escape(char) for char, new in _REPLACEMENTS.items() if new != char)
_CANDIDATES = re.compile(rf"[{_HYPHENS}\r\t\f\v{_FIXED}\ud800-\udfff]")
# Only texts that NFKC would change (ligatures, full-width letters, "…") take the slow path.
_CANDIDATES_WITH_NFKC = re.compile(rf"[{_HYPHENS}\r\t\f\v{_FIXED}\ud800-\udfff]|[^\x00-\x7f]")
_HYPHENATION = re.compile(rf"[{_HYPHENS}][ \t]*\r?\n[ \t]*(?=[a-z])")


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

    candidates = _CANDIDATES if unicodedata.is_normalized("NFKC", text) else _CANDIDATES_WITH_NFKC
    for match in candidates.finditer(text):
        start = match.start()
        if start < copied_from:  # inside a hyphenation already joined
            continue
        end, replacement = _change_at(text, start)
        if replacement == text[start:end]:
            continue
        add(text[copied_from:start], copied_from, None)
        add(replacement, start, end)
        copied_from = end
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


def _change_at(text: str, start: int) -> tuple[int, str]:
    """What the character at ``start`` (and maybe the ones after it) becomes."""
    char = text[start]
    if char in _HYPHENS and start > 0 and "a" <= text[start - 1] <= "z":
        joined = _HYPHENATION.match(text, start)
        if joined:
            return joined.end(), ""
    if char == "\r":
        return (start + 2 if text.startswith("\r\n", start) else start + 1), "\n"
    if char in "\t\f\v":
        return start + 1, " "
    if "\ud800" <= char <= "\udfff":  # a lone surrogate cannot be encoded: it is no text
        return start + 1, "\ufffd"
    fixed = _REPLACEMENTS.get(char)
    return start + 1, fixed if fixed is not None else unicodedata.normalize("NFKC", char)
