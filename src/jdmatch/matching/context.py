"""Matching, part 3: the context rules for ambiguous aliases.

An ambiguous alias that is *distinctive* in its exact case (an acronym such as ``NLP``, a
camel-cased name such as ``LoRA``, a form with a digit such as ``T5``) counts wherever it appears
with that case. One that is an ordinary word or a single letter (``Go``, ``R``, ``Spark``,
``Excel``) counts only in a technical context: a technology named within a few words, or a cue
such as "experience with" or "programming". Overlapping matches keep the longest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from operator import itemgetter

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
    # Decorated, so that the sort compares plain tuples: longest, earliest, then as found.
    for _, start, _, end, key in sorted(
        [(start - end, start, order, end, key) for order, (key, start, end) in enumerate(matches)]
    ):
        if start not in taken and end - 1 not in taken:
            kept.append((key, start, end))
            taken.update(range(start, end))
    kept.sort(key=itemgetter(1))
    return kept


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


_AT, _ABOUT, _COMMA = (get_string_id(word) for word in ("at", "about", ","))
_AT_OR_ABOUT = frozenset({_AT, _ABOUT})


def employer_names(table: TokenTable, matches: Iterable[tuple[int, int, int]]) -> set[int]:
    """Start tokens of matches that name the employer, not an ask.

    "At Hugging Face, we ..." and a line "About OpenAI" introduce the company that posts the
    job; its name is no skill to study.

    Args:
        table: The document's tokens.
        matches: ``(key, start, end)`` matches.

    Returns:
        The start token of each such match.

    Example:
        >>> from jdmatch import extract
        >>> [m.start for m in extract("At Splunk, we value craft. Splunk experience")]
        [27]
    """
    lower = table.lower
    return {
        start
        for _, start, end in matches
        if start
        and lower[start - 1] in _AT_OR_ABOUT
        and (_at_company(lower, start, end) or _about_company(table, start))
    }


def _at_company(lower: list[int], start: int, end: int) -> bool:
    return lower[start - 1] == _AT and end < len(lower) and lower[end] == _COMMA


def _about_company(table: TokenTable, start: int) -> bool:
    return table.lower[start - 1] == _ABOUT and (start == 1 or table.doc[start - 2].is_space)


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
_OPENERS_AND_ENDS = _FIELD_LIST_OPENERS | _FIELD_LIST_ENDS
_FIELD_LIST_MAX = 30  # tokens
_DEGREE_IDS = frozenset(get_string_id(word) for word in _DEGREE_WORDS)


def degree_fields(doc: Doc, table: TokenTable | None = None) -> set[int]:
    """Token indices of fields of study listed after a degree word.

    ``Master's degree in Computer Science, Statistics, or a related field``: the fields
    (up to "related", "with", a number, a full stop or a line break) are neither asks nor
    skills, so no mention starts there. ``table``, the document's tokens when the caller has
    read them, saves reading them again.
    """
    fields: set[int] = set()
    lowers = (table or TokenTable(doc)).lower
    for index in [i for i, word in enumerate(lowers) if word in _DEGREE_IDS]:
        token = doc[index]
        opener = next(
            (
                t.i
                for t in doc[token.i + 1 : token.i + 5]
                if t.lower_ in _OPENERS_AND_ENDS or "\n" in t.text_with_ws
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


class TokenTable:
    """A document's lower-case token ids, read once for the rules below.

    Reading ``token.lower_`` creates a Python string per call; this list holds spaCy's hashes
    instead, so the rules compare integers. The few other attributes they need are read from
    the tokens themselves.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.lower: list[int] = doc.to_array(LOWER).tolist()

    def alpha(self, index: int) -> bool:
        """Whether the token at ``index`` is a word of letters."""
        return self.doc[index].is_alpha

    def space(self, index: int) -> bool:
        """Whether whitespace follows the token at ``index``."""
        return bool(self.doc[index].whitespace_)


_HYPHEN = get_string_id("-")


def plausible_plain_matches(
    table: TokenTable,
    matches: Iterable[tuple[int, int, int]],
    concept_of: Mapping[int, Concept],
    checked: frozenset[int] | None = None,
) -> list[tuple[int, int, int]]:
    """Keep the case-insensitive matches that stand as mentions of their concept.

    Two things show that a match does not: it starts inside a hyphenated word ("cutting-edge
    ML" is not edge ML, "non-linear optimization" not linear optimization), or, for a concept
    without ambiguous aliases, the word right after or before it is one of the concept's
    ``not_followed_by`` or ``not_preceded_by`` words ("healthcare plans" names a benefit).
    (A concept with ambiguous aliases curates those words for its ambiguous aliases only.)

    Args:
        table: The document's tokens.
        matches: ``(key, start, end)`` matches of the case-insensitive matcher.
        concept_of: Concepts by key.
        checked: :func:`context_word_keys` of ``concept_of``, when the caller keeps them.

    Returns:
        The matches that count, in the same order.

    Example:
        >>> from jdmatch import extract
        >>> [m.term for m in extract("cutting-edge ML and edge ML on phones")]
        ['machine_learning', 'edge_deployment']
    """
    lower = table.lower
    if checked is None:
        checked = context_word_keys(concept_of)
    kept = []
    for key, start, end in matches:
        if (
            start >= 2
            and lower[start - 1] == _HYPHEN
            and not table.space(start - 1)
            and not table.space(start - 2)
            and table.alpha(start - 2)
        ):
            continue
        if key in checked and _has_context_words(table.doc, start, end, concept_of[key]):
            continue
        kept.append((key, start, end))
    return kept


def context_word_keys(concept_of: Mapping[int, Concept]) -> frozenset[int]:
    """Keys of the concepts whose plain matches :func:`plausible_plain_matches` checks.

    Args:
        concept_of: Concepts by key.

    Returns:
        The keys of concepts without ambiguous aliases that list ``not_followed_by`` or
        ``not_preceded_by`` words.
    """
    return frozenset(
        key
        for key, concept in concept_of.items()
        if not concept.ambiguous_aliases and (concept.not_followed_by or concept.not_preceded_by)
    )


def _has_context_words(doc: Doc, start: int, end: int, concept: Concept) -> bool:
    if concept.not_followed_by and end < len(doc):
        after = doc[end]
        if ("#num" if after.like_num else after.lower_) in concept.not_followed_by:
            return True
    return (
        bool(concept.not_preceded_by)
        and start > 0
        and (doc[start - 1].lower_ in concept.not_preceded_by)
    )


def _ids(words: Iterable[str]) -> frozenset[int]:
    return frozenset(get_string_id(word) for word in words)


# Tokens that join the items of a coordination ("A, B and C").
_CONJUNCTIONS = _ids({",", "and", "or", "&", "/", "and/or"})
# Items that name a field, a team or a thing of their own rather than a variant of the alias:
# "data science and analytics", "data analysis and modeling", "engineering team and executive
# leadership".
_NOT_ELIDED = _ids(
    {"analytics", "engineering", "product", "products", "modeling", "modelling", "control",
     "team", "teams", "science", "research", "design", "business"}
)  # fmt: skip
# Words that may follow an item placed after the alias; any other word shows that the item is
# the start of a phrase of its own ("extraction and analytics platform").
_ITEM_ENDS = _CONJUNCTIONS | _ids(
    {"of", "for", "in", "on", "with", "to", "at", "by", "from", "using", "across", "within", "into",
     "as", "etc", "is", "are"}
)  # fmt: skip


#: Surface forms as tuples of lower-case token ids, to the key of their concept.
class SurfaceKeys:
    """Case-insensitive surface forms as tuples of token ids, to the key of their concept.

    Built on a pipeline's first document, so it does the least it can up front: it hashes only
    the first and the last words of the forms with several tokens (so that an item that cannot
    begin or end a form is skipped without building candidates) and groups the forms by their
    first word; a group's forms are hashed the first time a candidate starts with that word.
    """

    def __init__(self, patterns: Mapping[str, Iterable[str]]) -> None:
        ids: dict[str, int] = {}

        def id_of(word: str) -> int:
            found = ids.get(word)
            if found is None:
                found = ids[word] = get_string_id(word)
            return found

        self._id_of = id_of
        self._groups: dict[int, list[tuple[str, int]]] = {}
        lasts: set[int] = set()
        for concept_id, forms in patterns.items():
            key = get_string_id(concept_id)
            for form in forms:
                first, space, rest = form.lower().partition(" ")
                if space:  # candidates always have several tokens
                    self._groups.setdefault(id_of(first), []).append((rest, key))
                    lasts.add(id_of(rest.rpartition(" ")[2]))
        self.firsts = frozenset(self._groups)
        self.lasts = frozenset(lasts)
        self._forms: dict[int, dict[tuple[int, ...], int]] = {}

    def get(self, form: tuple[int, ...]) -> int | None:
        """The key of the concept whose surface form has these token ids, if any."""
        group = self._forms.get(form[0])
        if group is None:
            id_of = self._id_of
            group = self._forms[form[0]] = {
                (form[0], *(id_of(word) for word in rest.split(" "))): key
                for rest, key in self._groups.get(form[0], [])
            }
        return group.get(form)


def surface_keys(patterns: Mapping[str, Iterable[str]]) -> SurfaceKeys:
    """Index case-insensitive patterns (tokens joined by spaces) by their token ids.

    Args:
        patterns: Patterns by concept id, as in the pattern table's ``lower`` matcher.

    Returns:
        The key of each pattern's concept, by the pattern's lower-case token ids (forms of one
        token are left out: an elided item and the words it shares make two or more).

    Example:
        >>> keys = surface_keys({"ab_testing": ["A/B testing"]})
        >>> keys.get(tuple(get_string_id(w) for w in ("a/b", "testing"))) == get_string_id(
        ...     "ab_testing"
        ... )
        True
    """
    return SurfaceKeys(patterns)


def elided_mentions(
    table: TokenTable, matches: list[tuple[int, int, int]], keys: SurfaceKeys
) -> list[tuple[int, int, int]]:
    """Mentions whose shared words a coordination leaves out.

    "Interpersonal, organizational and problem-solving skills" names organizational skills,
    "data extraction, exploration and visualization" data visualization, "supervised and
    unsupervised learning" supervised learning: an item next to a matched alias, joined by
    ``,``, ``and``, ``or``, ``&`` or ``/``, is a mention when the item with the alias's shared
    words (its last words for items before it, its first words for items after it) is itself
    an alias. The mention spans the item only. Items already inside a mention, items that name
    a field or team of their own ("data science and analytics") and items after the alias that
    go on into a phrase of their own ("extraction and analytics platform") are left alone.

    Args:
        table: The document's tokens.
        matches: The kept ``(key, start, end)`` matches, in text order, not overlapping.
        keys: Case-insensitive surface forms as token ids, to the key of their concept
            (:func:`surface_keys`).

    Returns:
        The new ``(key, start, end)`` matches; a caller drops the matches they replace.

    Example:
        >>> from jdmatch import extract
        >>> [(m.term, m.text) for m in extract("supervised and unsupervised learning")]
        [('supervised_learning', 'supervised'), ('unsupervised_learning', 'unsupervised learning')]
    """
    lower, size = table.lower, len(table.lower)
    conjunctions = _CONJUNCTIONS
    joined = []
    for _, start, end in matches:
        if end - start > 1:
            before = start > 0 and lower[start - 1] in conjunctions
            after = end < size and lower[end] in conjunctions
            if before or after:
                joined.append((start, end, before, after))
    if not joined:
        return []
    # A one-word match may give way to the elided form ("training, deployment and monitoring"
    # next to "model training" is model monitoring, not monitoring in general).
    taken = bytearray(size)
    for _, start, end in matches:
        if end - start > 1:
            taken[start:end] = b"\x01" * (end - start)
    found: list[tuple[int, int, int]] = []
    for start, end, before, after in joined:
        for step in (-1,) * before + (1,) * after:
            edge = start - 1 if step < 0 else end
            ends = keys.firsts if step < 0 else keys.lasts
            parts: list[tuple[int, ...]] | None = None
            while (item := _next_item(table, edge, step, taken, ends)) is not None:
                if parts is None:
                    parts = _shared_parts(table, start, end, step)
                mention = _elided_mention(table, parts, item, step, keys)
                if mention is None:
                    break
                found.append(mention)
                taken[item[0] : item[1]] = b"\x01" * (item[1] - item[0])
                edge = item[0] - 1 if step < 0 else item[1]
    return found


def _next_item(
    table: TokenTable, edge: int, step: int, taken: bytearray, ends: frozenset[int]
) -> tuple[int, int] | None:
    """The token range of the item (one or two words) joined at ``edge``, moving by ``step``.

    Line breaks are tokens of their own, so an item never runs across lines. An item none of
    whose words can end a surface form on the side away from the alias (``ends``) is none.
    """
    lower, size = table.lower, len(table.lower)
    near = edge
    while 0 <= near < size and lower[near] in _CONJUNCTIONS:
        near += step
    if near == edge or not 0 <= near < size or taken[near]:
        return None
    far = near + step
    two = 0 <= far < size and not taken[far] and lower[far] not in _CONJUNCTIONS
    if lower[near] not in ends and not (two and lower[far] in ends):
        return None
    if not table.alpha(near):
        return None
    if two and table.alpha(far):
        return (min(near, far), max(near, far) + 1)
    return (near, near + 1)


def _shared_parts(table: TokenTable, start: int, end: int, step: int) -> list[tuple[int, ...]]:
    """The alias's words an item may share, longest first.

    Its last words for an item before it, its first words for an item after it; always whole
    words ("pre-processing, training" shares no "pre-").
    """
    words = table.lower[start:end]
    shared = range(end - start - 1, 0, -1)
    if step < 0:
        return [tuple(words[-count:]) for count in shared if table.space(end - count - 1)]
    return [tuple(words[:count]) for count in shared if table.space(start + count - 1)]


def _elided_mention(
    table: TokenTable,
    parts: list[tuple[int, ...]],
    item: tuple[int, int],
    step: int,
    keys: SurfaceKeys,
) -> tuple[int, int, int] | None:
    """The item's words nearest the alias, completed by one of the alias's shared ``parts``."""
    lower = table.lower
    first, last = item
    for size in range(1, last - first + 1):
        start, end = (last - size, last) if step < 0 else (first, first + size)
        part = tuple(lower[start:end])
        if (part[0] not in keys.firsts if step < 0 else part[-1] not in keys.lasts) or (
            _NOT_ELIDED.intersection(part)
        ):
            continue
        if step > 0 and end < len(lower) and lower[end] not in _ITEM_ENDS and table.alpha(end):
            continue
        for shared in parts:
            key = keys.get(part + shared if step < 0 else shared + part)
            if key is not None:
                return key, start, end
    return None
