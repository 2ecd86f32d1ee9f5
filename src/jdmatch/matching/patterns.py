"""Matching, part 4: the pattern table, every surface form already tokenized, and its file.

Tokenizing every surface form of a lexicon is the slow part of building a pipeline, so the
shipped lexicon carries its table in ``pattern_tokens.json`` (``python
tools/build_pattern_table.py`` rewrites it). A table built for other surface forms or other
tokenizer rules is ignored and the patterns are tokenized at run time. Patterns join their
matcher only once a document contains their first word (:class:`_WaitingPatterns`).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from functools import lru_cache
from os import PathLike
from pathlib import Path
from typing import cast

from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

from jdmatch.caches import register
from jdmatch.lexicon import Lexicon
from jdmatch.matching.context import _exact_forms, is_distinctive
from jdmatch.matching.tokenizer import _tokenizer_like, tokenizer_signature
from jdmatch.normalizing import normalize

#: Matcher patterns by matcher (``lower``, ``distinctive``, ``contextual``), then concept id:
#: each pattern is its tokens joined by single spaces.
PatternTable = dict[str, dict[str, list[str]]]
#: File name of the pattern table shipped beside the lexicon (see :func:`build_pattern_table`).
PATTERN_TABLE = "pattern_tokens.json"
_PATTERN_TABLE_FORMAT = 1


class _WaitingPatterns:
    """Patterns that join their matcher only once a document contains their first word.

    A cold start then adds the few thousand patterns that one job description and one resume
    can match instead of all of them (0.15 s saved). After :data:`_LAZY_DOCUMENTS` documents
    the rest are added at once, so that a long run pays nothing per document.
    """

    def __init__(self, table: PatternTable, matchers: dict[str, tuple[PhraseMatcher, str]]) -> None:
        self._matchers = matchers
        self._documents = 0
        # Threads may share a pipeline (Dask's threaded scheduler): one adds at a time, and a
        # thread whose patterns another is adding waits for the lock before it matches.
        self._lock = threading.Lock()
        self._complete = False
        self.added = 0
        # first token's id -> (matcher name, concept id, pattern)
        self._by_first_id: dict[int, list[tuple[str, str, str]]] = {}
        for name, by_concept in table.items():
            for concept_id, patterns in by_concept.items():
                for pattern in patterns:
                    first = pattern.split(" ", 1)[0]
                    key = _hash(first.lower() if name == "lower" else first)
                    self._by_first_id.setdefault(key, []).append((name, concept_id, pattern))

    def add_for(self, doc: Doc) -> None:
        if self._complete:
            return
        self._documents += 1
        if self._documents > _LAZY_DOCUMENTS:
            self.add_all()
            return
        ids = set(doc.to_array([LOWER, ORTH]).ravel().tolist())
        with self._lock:
            self._add_unlocked(self._by_first_id.keys() & ids)

    def add_all(self) -> None:
        with self._lock:
            self._add_unlocked(list(self._by_first_id))

    def _add_unlocked(self, first_ids: Iterable[int]) -> None:
        # Patterns leave the waiting list only once they are in their matcher: a call stopped
        # half-way (Ctrl-C) leaves them waiting, and adding one twice to a PhraseMatcher under
        # the same key changes nothing, so the next call finds the same matches.
        first_ids = [first_id for first_id in first_ids if first_id in self._by_first_id]
        grouped: dict[tuple[str, str], list[tuple[int, ...]]] = {}
        for first_id in first_ids:
            for name, concept_id, pattern in self._by_first_id[first_id]:
                ids = _hashes(pattern, lower=name == "lower")
                grouped.setdefault((name, concept_id), []).append(ids)
        for (name, concept_id), patterns in grouped.items():
            # Patterns as string ids: what a PhraseMatcher compares, without building a Doc
            # per surface form (PhraseMatcher.add takes id sequences too; its stub lists Docs).
            matcher, key_suffix = self._matchers[name]
            matcher.add(concept_id + key_suffix, patterns)  # type: ignore[arg-type]
        for first_id in first_ids:
            self._by_first_id.pop(first_id)
        self.added += sum(len(patterns) for patterns in grouped.values())
        self._complete = not self._by_first_id


_LAZY_DOCUMENTS = 32
_IN_CONTEXT = "#in-context"  # key suffix of ordinary-word aliases


def build_pattern_table(nlp: Language, lexicon: Lexicon) -> PatternTable:
    """Tokenize every surface form of a lexicon into the patterns of the three matchers.

    This is the slow part of building a pipeline (about 1.5 s for the shipped lexicon), so the
    shipped lexicon carries its table in ``pattern_tokens.json``
    (``python tools/build_pattern_table.py`` rewrites it); other lexicons are tokenized here.

    Args:
        nlp: The pipeline whose tokenizer rules the patterns must follow.
        lexicon: The lexicon.

    Returns:
        The table.

    Example:
        >>> import spacy
        >>> from jdmatch.lexicon import load_lexicon
        >>> nlp = spacy.blank("en")
        >>> build_pattern_table(nlp, load_lexicon())["lower"]["ci_cd"][:2]
        ['ci / cd', 'cicd']
    """
    tokenizer = _pattern_tokenizer(nlp)
    table: PatternTable = {"lower": {}, "distinctive": {}, "contextual": {}}
    for form, concept_id in lexicon.surface_forms.items():
        table["lower"].setdefault(concept_id, []).append(form)
    for concept in lexicon:
        for name, distinctive in (("distinctive", True), ("contextual", False)):
            aliases = [a for a in concept.ambiguous_aliases if is_distinctive(a) == distinctive]
            if forms := _exact_forms(aliases):
                table[name][concept.id] = forms
    for patterns in table.values():
        for concept_id, forms in patterns.items():
            # Patterns go through the same normalisation as the texts they must match.
            docs = tokenizer.pipe(normalize(form).text for form in forms)
            patterns[concept_id] = [" ".join(token.text for token in doc) for doc in docs]
    return table


def write_pattern_table(nlp: Language, lexicon: Lexicon, path: str | PathLike[str]) -> None:
    """Write :func:`build_pattern_table`'s table as JSON, keyed to the lexicon and tokenizer.

    Args:
        nlp: The pipeline whose tokenizer the patterns follow.
        lexicon: The lexicon.
        path: The JSON file to write.
    """
    data = {
        "format": _PATTERN_TABLE_FORMAT,
        "lexicon": lexicon.source_digest,
        "tokenizer": tokenizer_signature(nlp),
        "command": "python tools/build_pattern_table.py",
        "patterns": build_pattern_table(nlp, lexicon),
    }
    text = json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True)
    Path(path).write_text(text + "\n", encoding="utf-8")


def shipped_pattern_table(nlp: Language, lexicon: Lexicon) -> PatternTable | None:
    """Read the pattern table stored in a lexicon's folder, if it fits this lexicon and tokenizer.

    Args:
        nlp: The pipeline the patterns are for.
        lexicon: The lexicon.

    Returns:
        The table, or ``None`` when there is none, it is unreadable, or it was built for other
        surface forms or other tokenizer rules (the caller then tokenizes).
    """
    file = Path(lexicon.path) / PATTERN_TABLE
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    current = (_PATTERN_TABLE_FORMAT, lexicon.source_digest, tokenizer_signature(nlp))
    if not isinstance(data, dict) or current != (
        data.get("format"),
        data.get("lexicon"),
        data.get("tokenizer"),
    ):
        return None
    table: PatternTable = data["patterns"]
    return table


def _hashes(pattern: str, *, lower: bool) -> tuple[int, ...]:
    return tuple(_hash(token.lower() if lower else token) for token in pattern.split(" "))


# The id a token's text gets in a vocabulary (a hash, or a reserved symbol's id). Patterns share
# most of their tokens ("learning", "-", "data"): look each up once (bounded; the shipped
# lexicon's patterns hold about 20,000 distinct tokens).
_hash = lru_cache(maxsize=1 << 16)(get_string_id)
register("token_ids", clear=_hash.cache_clear, size=lambda: _hash.cache_info().currsize)


def _pattern_tokenizer(nlp: Language) -> Tokenizer:
    """Copy ``nlp``'s tokenizer rules onto a pipeline of its own to tokenize the patterns.

    Tokenizing tens of thousands of surface forms with the pipeline's own tokenizer fills its
    cache and vocabulary and leaves it several times slower on every later document.
    """
    return _tokenizer_like(cast(Tokenizer, nlp.tokenizer), Vocab())
