"""Matching, part 2: the tokenizer rules that split skill lists, and their signature.

:func:`customize_tokenizer` teaches any English pipeline the splits (``Node.js/Java``,
``C++/C#``, bullet-glued words); :class:`SkillListEnglish` is ``spacy.blank("en")`` built with
them from the start; :func:`tokenizer_signature` digests the rules, so that a pattern table
tokenized with other rules is not used.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from spacy.lang.en import English, EnglishDefaults
from spacy.language import BaseDefaults, Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex
from spacy.vocab import Vocab


def customize_tokenizer(nlp: Language) -> None:
    """Teach an English tokenizer the splits that skill lists need.

    Splits on ``/``, ``;``, ``|`` and bullets between words (``Node.js/Java``, ``Python;SQL``),
    after ``+`` and ``#`` (``C++-based``, ``C++,C#``), keeps ``C#``/``F#`` whole, strips leading
    bullets, dashes and asterisks, and treats only ``http(s)://`` and ``www.`` strings as URLs.
    :func:`make_nlp` builds its blank pipeline with these rules from the start.

    Args:
        nlp: A spaCy pipeline whose tokenizer is changed in place.
    """
    rules = _skill_list_rules(nlp.Defaults)
    nlp.tokenizer = _tokenizer_like(
        cast(Tokenizer, nlp.tokenizer),
        nlp.vocab,
        prefix_search=compile_prefix_regex(rules.prefixes).search,
        suffix_search=compile_suffix_regex(rules.suffixes).search,
        infix_finditer=compile_infix_regex(rules.infixes).finditer,
        url_match=rules.url_match,
    )


@dataclass(frozen=True)
class _TokenizerRules:
    prefixes: list[Any]  # strings and compiled patterns, as spaCy keeps them
    suffixes: list[Any]
    infixes: list[Any]
    url_match: Callable[[str], Any]


def _skill_list_rules(defaults: type[BaseDefaults]) -> _TokenizerRules:
    suffixes = [r"(?<![A-Za-z])#" if rule == "#" else rule for rule in defaults.suffixes or ()]
    # A full stop after a capital or digit ends the sentence ("AdamW.", "Open3D."); the
    # tokenizer's own exceptions still keep abbreviations such as "U.S." whole.
    # A trailing hyphen is punctuation too ("Python- Experience - 2 years").
    suffixes += [r"[/|•·]", r"(?<=[A-Z0-9])\.", r"(?<=[A-Za-z0-9+#.])-"]
    prefixes = [*(defaults.prefixes or ()), r"[•·\-\*/|>~]"]
    infixes = [
        *(defaults.infixes or ()),
        r"(?<=\S)[/;|•·](?=\S)",
        r"(?<=[+#])[-,](?=\S)",
        r"(?<=[A-Za-z)]),(?=\S)",
    ]
    url_match = re.compile(r"(?:https?://|www\.)\S+").match
    return _TokenizerRules(prefixes, suffixes, infixes, url_match)


_RULES = _skill_list_rules(EnglishDefaults)


class _SkillListDefaults(EnglishDefaults):
    prefixes = _RULES.prefixes
    suffixes = _RULES.suffixes
    infixes = _RULES.infixes
    url_match = _RULES.url_match


class SkillListEnglish(English):  # type: ignore[no-untyped-call]  # spaCy's hook is untyped
    """``spacy.blank("en")`` with the tokenizer rules of :func:`customize_tokenizer`.

    Building the blank pipeline with these rules, instead of changing its tokenizer afterwards,
    compiles the rule patterns and loads the tokenizer's special cases once, not twice.
    """

    Defaults = _SkillListDefaults


def _tokenizer_like(
    source: Tokenizer,
    vocab: Vocab,
    *,
    prefix_search: Callable[[str], Any] | None = None,
    suffix_search: Callable[[str], Any] | None = None,
    infix_finditer: Callable[[str], Any] | None = None,
    url_match: Callable[[str], Any] | None = None,
) -> Tokenizer:
    """A new tokenizer with ``source``'s rules, some of them replaced.

    Built in one go: every rule set on an existing tokenizer reloads its thousands of special
    cases, which took 0.45 s of each cold start.
    """
    return Tokenizer(
        vocab,
        rules=source.rules,
        prefix_search=prefix_search or source.prefix_search,
        suffix_search=suffix_search or source.suffix_search,
        infix_finditer=infix_finditer or source.infix_finditer,
        token_match=source.token_match,
        url_match=url_match or source.url_match,
    )


def tokenizer_signature(nlp: Language) -> str:
    """Return a SHA-256 digest of a tokenizer's rules.

    The rules are its prefix, suffix and infix patterns, URL and token matches, and special
    cases.

    Args:
        nlp: The pipeline.

    Returns:
        A hex digest that changes whenever the rules change.
    """
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    searches = (
        tokenizer.prefix_search,
        tokenizer.suffix_search,
        tokenizer.infix_finditer,
        tokenizer.url_match,
        tokenizer.token_match,
    )
    parts = [
        str(getattr(getattr(search, "__self__", None), "pattern", search)) for search in searches
    ]
    parts.append(json.dumps(sorted(tokenizer.rules.items()), default=str))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
