"""Matching, part 3: the context rules for ambiguous aliases.

An ambiguous alias that is *distinctive* in its exact case (an acronym such as ``NLP``, a
camel-cased name such as ``LoRA``, a form with a digit such as ``T5``) counts wherever it appears
with that case. One that is an ordinary word or a single letter (``Go``, ``R``, ``Spark``,
``Excel``) counts only in a technical context: a technology named within a few words, or a cue
such as "experience with" or "programming". Overlapping matches keep the longest.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from jdmatch.lexicon import Concept

# Mentions of these categories do not vouch for an ambiguous neighbour ("excel at teamwork").
_NOT_TECHNICAL = frozenset({"soft_skill", "domain"})
# Words right before an ambiguous alias that show it is meant as a technology.
_CUES_BEFORE = frozenset(
    {"with", "using", "in", "of", "use", "uses", "like", "including", "include", "includes",
     "languages", "language", "frameworks", "framework", "tools", "stack", "via", "on",
     "proficient", "proficiency", "knowledge", "experience", "expertise", "familiarity",
     "written", "built", "build", "building", "programming", "skills", "e.g.", "as", "and", "or"}
)  # fmt: skip
# Words that introduce a list only before a colon ("Nice to have: Spark, Airflow").
_CUES_BEFORE_COLON = frozenset(
    {"have", "requirements", "required", "preferred", "qualifications", "technologies", "bonus",
     "plus", "tech", "requirement"}
)  # fmt: skip
# Words right after an ambiguous alias that show it is meant as a technology.
_CUES_AFTER = frozenset(
    {"programming", "language", "languages", "developer", "developers", "development", "code",
     "codebase", "scripts", "scripting", "framework", "frameworks", "library", "libraries",
     "skills", "experience", "expertise", "ecosystem", "api", "apis", "sdk", "jobs", "cluster",
     "clusters", "streaming", "applications", "services", "microservices", "packages",
     "notebooks", "dataframes", "engineer", "engineers", "modules", "projects", "pipelines",
     "models", "model", "systems", "research", "techniques", "algorithms", "methods",
     "background", "infrastructure", "platform", "platforms", "workflows", "concepts", "stack",
     "tools", "tooling", "architectures", "architecture", "training", "inference"}
)  # fmt: skip
# Joined by a hyphen to these, an ambiguous alias still names the technology ("Go-based").
_HYPHEN_SUFFIXES_OK = frozenset({"based", "powered", "native", "like", "compatible", "first"})
_WINDOW = 8  # tokens on each side searched for a technology neighbour


def _longest_first(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Do what spaCy's ``filter_spans`` does, on ``(key, start, end)`` tuples.

    Longest first, then earliest; a match overlapping one already kept is dropped.
    """
    kept: list[tuple[int, int, int]] = []
    taken: set[int] = set()
    for match in sorted(matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True):
        _, start, end = match
        if start not in taken and end - 1 not in taken:
            kept.append(match)
            taken.update(range(start, end))
    return sorted(kept, key=lambda match: match[1])


def is_distinctive(alias: str) -> bool:
    """Tell whether an ambiguous alias, in its exact case, is safe to match without context.

    Acronyms (``NLP``), camel case (``LoRA``), forms with digits (``T5``) and multi-word
    proper names (``Monte Carlo``) are; single letters (``R``) and single words that are
    ordinary English in some case (``Spark``, ``transformer``) are not.

    Args:
        alias: An ambiguous alias as curated.

    Returns:
        True when the exact-case form needs no technical context.

    Example:
        >>> [is_distinctive(a) for a in ["NLP", "LoRA", "T5", "Go", "R", "transformer"]]
        [True, True, True, False, False, False]
    """
    if len(alias) < 2:
        return False
    if any(char.isdigit() for char in alias) or alias.isupper():
        return True
    has_inner_capital = any(char.isupper() for char in alias[1:].replace(" ", ""))
    return has_inner_capital or (" " in alias and alias[0].isupper())


def _exact_forms(aliases: Iterable[str]) -> list[str]:
    """Exact-case forms of ambiguous aliases: as written, in capitals, and plural."""
    forms: list[str] = []
    for alias in aliases:
        candidates = [alias]
        if len(alias) > 1:
            candidates.append(alias.upper())
            if alias[-1].isalpha() and alias[-1].lower() not in "sxz":
                candidates.append(alias + "s")  # CNNs, Transformers
        forms.extend(form for form in candidates if form not in forms)
    return forms


def _plausible(span: Span, concept: Concept, *, ordinary_word: bool) -> bool:
    """Reject exact-case matches that the next or previous token shows to be something else."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in concept.not_preceded_by:  # HTML5 MSE, J2ME CDC
        return False
    if after is not None:
        if ("#num" if after.like_num else after.lower_) in concept.not_followed_by:
            return False
        beyond = doc[span.end + 1] if span.end + 1 < len(doc) else None
        if after.text == "&" and beyond is not None and len(beyond.text) == 1:  # R & D
            return False
        if ordinary_word and _hyphen_compound(span):  # C-suite, Go-to-market
            return beyond is not None and beyond.lower_ in _HYPHEN_SUFFIXES_OK
    # Glued to the word before ("cutting-Edge", "D&R"), it is part of that word.
    return before is None or before.text not in {"-", "&"} or bool(before.whitespace_)


def _hyphen_compound(span: Span) -> bool:
    """Whether the span is glued by a hyphen to the next word, as in "C-suite"."""
    doc = span.doc
    return (
        span.end + 1 < len(doc)
        and doc[span.end].text == "-"
        and not span[-1].whitespace_
        and not doc[span.end].whitespace_
    )


def _in_technical_context(span: Span, anchors: set[int]) -> bool:
    """Tell whether an ordinary-word alias stands among technologies or after a cue."""
    if _hyphen_compound(span):  # "Go-based": _plausible let it through only before "-based" ...
        return True
    before = _nearest_word(span.doc, span.start - 1, step=-1)
    after = _nearest_word(span.doc, span.end, step=1)
    if (before is not None and before.lower_ in _CUES_BEFORE) or (
        after is not None and after.lower_ in _CUES_AFTER
    ):
        return True
    colon = span.start - 1
    if (
        colon > 0
        and span.doc[colon].text == ":"
        and span.doc[colon - 1].lower_ in _CUES_BEFORE_COLON
    ):
        return True
    return _has_tech_neighbour(span, anchors)


def _nearest_word(doc: Doc, index: int, *, step: int) -> Token | None:
    """The token at ``index``, or the one past it when it is ``:``, ``-`` or ``(``.

    Cues are read across such punctuation: "Tools: Airflow", "Oracle - Experience".
    """
    if 0 <= index < len(doc) and doc[index].text in {":", "-", "(", ")"}:
        index += step
    return doc[index] if 0 <= index < len(doc) else None


def _has_tech_neighbour(span: Span, anchors: set[int]) -> bool:
    doc = span.doc
    for step, edge in ((-1, span.start - 1), (1, span.end)):
        index = edge
        for _ in range(_WINDOW):
            # One skill a line is a list too; a blank line or a full stop ends the search.
            if not 0 <= index < len(doc) or "\n\n" in doc[index].text or doc[index].text == ".":
                break
            if index in anchors:
                return True
            index += step
    return False


# Words that name a degree; the fields of study listed after them are not asks
# ("a degree in Mathematics, Statistics or a related field").
_DEGREE_WORDS = frozenset(
    {"degree", "degrees", "bachelor", "bachelors", "master", "masters", "phd", "ph.d", "ph.d.",
     "doctorate", "bs", "ms", "bsc", "msc", "b.s.", "m.s.", "b.sc", "m.sc", "ba", "ma", "major",
     "majors", "diploma"}
)  # fmt: skip
# Words that open the list of fields after a degree word ("in", "(", "such as", ":").
_FIELD_LIST_OPENERS = frozenset({"in", "(", ":", "such", "e.g."})
# Words that close it ("or a related field", "with a focus on", "or equivalent experience").
_FIELD_LIST_ENDS = frozenset(
    {".", ";", "with", "related", "relevant", "equivalent", "similar", "required", "preferred",
     "experience", "years", "and/or", "who", "that", "where", "plus", "from", "focus", "focusing",
     "thesis", "dissertation"}
)  # fmt: skip
_FIELD_LIST_MAX = 30  # tokens
_DEGREE_IDS = frozenset(get_string_id(word) for word in _DEGREE_WORDS)


def degree_fields(doc: Doc) -> set[int]:
    """Token indices of fields of study listed after a degree word.

    ``Master's degree in Computer Science, Statistics, or a related field``: the fields
    (up to "related", "with", a number, a full stop or a line break) are neither asks nor
    skills, so no mention starts there.
    """
    fields: set[int] = set()
    lowers = doc.to_array(LOWER).tolist()  # hashes: no string per token
    for index in [i for i, word in enumerate(lowers) if word in _DEGREE_IDS]:
        token = doc[index]
        opener = next(
            (
                t.i
                for t in doc[token.i + 1 : token.i + 5]
                if t.lower_ in _FIELD_LIST_OPENERS | _FIELD_LIST_ENDS or "\n" in t.text_with_ws
            ),
            None,
        )
        if opener is None or doc[opener].lower_ not in _FIELD_LIST_OPENERS:
            continue
        for t in doc[opener + 1 : opener + 1 + _FIELD_LIST_MAX]:
            if t.lower_ in _FIELD_LIST_ENDS or t.like_num or "\n" in t.text:
                break
            fields.add(t.i)
            if "\n" in t.whitespace_:
                break
    return fields
