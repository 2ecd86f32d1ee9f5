"""Step 3 of the flow: find the lexicon's concepts in text with spaCy.

The matcher is a spaCy pipeline component (``"jdmatch_concepts"``) holding ``PhraseMatcher``s:
one on lower-cased tokens for ordinary aliases, and one on exact tokens for ambiguous aliases.
An ambiguous alias that is *distinctive* in its exact case (an acronym such as ``NLP`` or
``BERT``, a camel-cased name such as ``LoRA``, a form with a digit such as ``T5``) counts wherever
it appears with that case. One that is an ordinary word or a single letter in any case (``Go``,
``R``, ``Spark``, ``Excel``, ``transformer``) counts only in a technical context: a technology
named within a few words, or a cue such as "experience with" or "programming".

:func:`make_nlp` builds ``spacy.blank("en")`` (or an installed model) with a tokenizer that also
splits ``Node.js/Java``, ``C++/C#``, ``C++-based`` and bullet-glued words; :func:`extract` is the
one-call front door.

Starting fast: the patterns come ready-tokenized from ``pattern_tokens.json`` beside the lexicon
(see :func:`build_pattern_table`) and join the matchers as documents need them; a cached
pipeline is renewed after :data:`RENEW_AFTER_LEXEMES` words, so long streams stay in bounded
memory.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from os import PathLike
from pathlib import Path
from typing import Any, cast

import spacy
from spacy.attrs import LOWER, ORTH
from spacy.lang.en import English, EnglishDefaults
from spacy.language import BaseDefaults, Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex
from spacy.vocab import Vocab

from jdmatch.errors import invalid_parameter
from jdmatch.lexicon import Concept, Lexicon, load_lexicon
from jdmatch.loading import Document
from jdmatch.normalizing import NormalizedText, normalize

#: Name of the registered spaCy pipeline component.
COMPONENT_NAME = "jdmatch_concepts"
#: ``doc.spans`` key under which the component stores concept spans (label = concept id).
SPAN_KEY = "jdmatch_concepts"

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


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a concept in a text.

    ``text[mention.start:mention.end] == mention.text`` holds for the string passed to
    :func:`extract`, whatever normalisation happened in between.

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


class ConceptMatcher:
    """spaCy component that stores concept spans in ``doc.spans["jdmatch_concepts"]``.

    Add it with ``nlp.add_pipe("jdmatch_concepts")`` (shipped lexicon) or
    ``nlp.add_pipe("jdmatch_concepts", config={"lexicon_path": "my_lexicon.json"})``. It works
    with any English tokenizer; :func:`customize_tokenizer` adds the splits that find concepts
    glued together by ``/`` or bullets.

    Example:
        >>> doc = make_nlp()("PyTorch on k8s")
        >>> [span.label_ for span in doc.spans["jdmatch_concepts"]]
        ['pytorch', 'kubernetes']
    """

    def __init__(self, nlp: Language, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        # One pass finds both kinds of exact-case alias: ordinary-word ones under a key of
        # their own, so that they can be held back for a technical context.
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        table = shipped_pattern_table(nlp, lexicon) or build_pattern_table(nlp, lexicon)
        self._waiting = _WaitingPatterns(
            table,
            {
                "lower": (self._lower, ""),
                "distinctive": (self._exact, ""),
                "contextual": (self._exact, _IN_CONTEXT),
            },
        )
        #: Concepts by the string id of their id (how the matchers report them).
        self.concept_of = {nlp.vocab.strings.add(concept.id): concept for concept in lexicon}
        self._contextual_keys = {
            get_string_id(concept.id + _IN_CONTEXT): key for key, concept in self.concept_of.items()
        }

    def add_all_patterns(self) -> None:
        """Add every pattern to the matchers now instead of as documents need them.

        Patterns join their matcher when a document first contains their first word; this
        only moves that work earlier (the matches are the same either way).
        """
        self._waiting.add_all()

    @property
    def patterns_ready(self) -> int:
        """How many patterns have joined the matchers so far."""
        return self._waiting.added

    def __call__(self, doc: Doc) -> Doc:
        """Find concepts in ``doc`` and store them in ``doc.spans["jdmatch_concepts"]``."""
        doc.spans[SPAN_KEY] = [Span(doc, s, e, label=key) for key, s, e in self.find(doc)]
        return doc

    def find(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Return the concepts in ``doc`` without storing spans.

        Args:
            doc: A tokenized document.

        Returns:
            ``(concept id's string id, start token, end token)`` in text order; where matches
            overlap, the longest wins (as with spaCy's ``filter_spans``).
        """
        self._waiting.add_for(doc)
        concept_of = self.concept_of
        plain = self._lower(doc)
        exact = self._exact(doc)
        in_context = self._contextual_keys
        distinctive = [
            (key, s, e)
            for key, s, e in exact
            if key not in in_context
            and _plausible(Span(doc, s, e), concept_of[key], ordinary_word=False)
        ]
        anchors = {
            token_index
            for key, start, end in plain + distinctive
            if concept_of[key].category not in _NOT_TECHNICAL
            for token_index in range(start, end)
        }
        pending = [
            (in_context[key], Span(doc, s, e))
            for key, s, e in exact
            if key in in_context
            and _plausible(Span(doc, s, e), concept_of[in_context[key]], ordinary_word=True)
        ]
        contextual: list[tuple[int, int, int]] = []
        # An accepted ordinary-word match vouches for its neighbours in turn
        # ("Python, Spark, Airflow and dbt"), so repeat until nothing changes.
        while accepted := [item for item in pending if _in_technical_context(item[1], anchors)]:
            contextual += [(key, span.start, span.end) for key, span in accepted]
            anchors.update(i for _, span in accepted for i in range(span.start, span.end))
            pending = [item for item in pending if item not in accepted]
        matches = _longest_first(plain + distinctive + contextual)
        fields = _degree_fields(doc) if matches else set()
        return [match for match in matches if match[1] not in fields]


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
     "experience", "years", "and/or", "who", "that", "where", "plus", "from", "focus", "focusing"}
)  # fmt: skip
_FIELD_LIST_MAX = 30  # tokens
_DEGREE_IDS = frozenset(get_string_id(word) for word in _DEGREE_WORDS)


def _degree_fields(doc: Doc) -> set[int]:
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
        grouped: dict[tuple[str, str], list[tuple[int, ...]]] = {}
        for first_id in first_ids:
            for name, concept_id, pattern in self._by_first_id.pop(first_id, ()):
                ids = _hashes(pattern, lower=name == "lower")
                grouped.setdefault((name, concept_id), []).append(ids)
        for (name, concept_id), patterns in grouped.items():
            # Patterns as string ids: what a PhraseMatcher compares, without building a Doc
            # per surface form (PhraseMatcher.add takes id sequences too; its stub lists Docs).
            matcher, key_suffix = self._matchers[name]
            matcher.add(concept_id + key_suffix, patterns)  # type: ignore[arg-type]
            self.added += len(patterns)
        self._complete = not self._by_first_id


_LAZY_DOCUMENTS = 32
_IN_CONTEXT = "#in-context"  # key suffix of ordinary-word aliases


def build_pattern_table(nlp: Language, lexicon: Lexicon) -> PatternTable:
    """Tokenize every surface form of a lexicon into the patterns of the three matchers.

    This is the slow part of building a pipeline (about 1.5 s for the shipped lexicon), so the
    shipped lexicon carries its table in ``pattern_tokens.json``
    (``python eval/build_pattern_table.py`` rewrites it); other lexicons are tokenized here.

    Args:
        nlp: The pipeline whose tokenizer rules the patterns must follow.
        lexicon: The lexicon.

    Returns:
        The table.

    Example:
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
        "command": "python eval/build_pattern_table.py",
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


def _hashes(pattern: str, *, lower: bool) -> tuple[int, ...]:
    return tuple(_hash(token.lower() if lower else token) for token in pattern.split(" "))


# The id a token's text gets in a vocabulary (a hash, or a reserved symbol's id). Patterns share
# most of their tokens ("learning", "-", "data"): look each up once.
_hash = lru_cache(maxsize=None)(get_string_id)


def _pattern_tokenizer(nlp: Language) -> Tokenizer:
    """Copy ``nlp``'s tokenizer rules onto a pipeline of its own to tokenize the patterns.

    Tokenizing tens of thousands of surface forms with the pipeline's own tokenizer fills its
    cache and vocabulary and leaves it several times slower on every later document.
    """
    return _tokenizer_like(cast(Tokenizer, nlp.tokenizer), Vocab())


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


@Language.factory(COMPONENT_NAME, default_config={"lexicon_path": None})
def make_concept_matcher(nlp: Language, name: str, lexicon_path: str | None) -> ConceptMatcher:
    """Build the ``jdmatch_concepts`` component (spaCy calls this for ``add_pipe``).

    Args:
        nlp: The pipeline the component joins.
        name: The component's name in that pipeline.
        lexicon_path: A lexicon file or folder; ``None`` uses the shipped lexicon.

    Returns:
        The component.
    """
    return ConceptMatcher(nlp, load_lexicon(lexicon_path))


def make_nlp(
    lexicon: Lexicon | str | PathLike[str] | None = None, *, model: str | None = None
) -> Language:
    """Build a spaCy pipeline that finds concepts.

    Args:
        lexicon: A loaded :class:`~jdmatch.lexicon.Lexicon`, a lexicon path, or ``None`` for
            the shipped lexicon.
        model: Name of an installed spaCy model to start from; ``None`` (the default) uses
            ``spacy.blank("en")``, which needs no download.

    Returns:
        A pipeline with the customised tokenizer and the ``jdmatch_concepts`` component.

    Example:
        >>> doc = make_nlp()("Feature stores and Kafka")
        >>> [span.label_ for span in doc.spans["jdmatch_concepts"]]
        ['feature_store', 'apache_kafka']
    """
    if model:
        nlp = spacy.load(model, exclude=["ner", "parser", "lemmatizer"])
        customize_tokenizer(nlp)
    else:
        nlp = SkillListEnglish()
    if isinstance(lexicon, Lexicon):
        path: str | None = lexicon.path  # loads are cached by path: the same object comes back
    else:
        path = str(lexicon) if lexicon is not None else None
    nlp.add_pipe(COMPONENT_NAME, config={"lexicon_path": path})
    return nlp


#: A cached pipeline is rebuilt once its vocabulary holds this many words. spaCy keeps every
#: word it has seen (and caches how it tokenized it), so a long stream of new words (names,
#: numbers, typos) would otherwise grow memory without bound; renewing costs about 0.3 s, and
#: a 100,000-pair stream then stayed within 169–206 MB. Real postings bring about 25,000 words
#: per 1,000.
RENEW_AFTER_LEXEMES = 100_000
_PIPELINES: dict[Lexicon, Language] = {}
_PIPELINES_KEPT = 8


def _cached_nlp(lexicon: Lexicon | None) -> Language:
    # Key the cache on the lexicon object itself, so that passing the shipped lexicon and
    # passing None share one pipeline.
    key = lexicon if lexicon is not None else load_lexicon()
    nlp = _PIPELINES.get(key)
    if nlp is None or len(nlp.vocab) > RENEW_AFTER_LEXEMES:
        _PIPELINES.pop(key, None)
        if len(_PIPELINES) >= _PIPELINES_KEPT:
            _PIPELINES.pop(next(iter(_PIPELINES)))
        nlp = _PIPELINES[key] = make_nlp(key)
    return nlp


def preload(lexicon: Lexicon | None = None) -> int:
    """Build the pipeline that :func:`extract` uses now, with all its patterns.

    The first call of :func:`extract` otherwise builds it (about 0.3 s), and patterns join the
    matcher over the first few dozen documents. A server or a worker process that wants no such
    delay on its first request calls this at start-up.

    Args:
        lexicon: The lexicon to match; ``None`` uses the shipped one.

    Returns:
        How many patterns the pipeline's matchers hold: all of the lexicon's.

    Example:
        >>> preload() > 30_000
        True
        >>> [m.term for m in extract("Kafka")]
        ['apache_kafka']
    """
    matcher = cast(ConceptMatcher, _cached_nlp(lexicon).get_pipe(COMPONENT_NAME))
    matcher.add_all_patterns()
    return matcher.patterns_ready


def extract(text: str | Document, *, lexicon: Lexicon | None = None) -> list[Mention]:
    """Find every concept mentioned in a text.

    Args:
        text: The text (or a loaded :class:`~jdmatch.loading.Document`).
        lexicon: The lexicon to match; ``None`` uses the shipped one.

    Returns:
        Mentions in text order, with offsets into ``text`` (``Document.text`` for a document).

    Example:
        >>> [m.term for m in extract("We use PyTorch, k8s and CI/CD.")]
        ['pytorch', 'kubernetes', 'ci_cd']
    """
    return next(extract_many([text], lexicon=lexicon))


def extract_many(
    texts: Iterable[str | Document], *, lexicon: Lexicon | None = None, batch_size: int = 64
) -> Iterator[list[Mention]]:
    """Stream :func:`extract` over many texts, like spaCy's ``Language.pipe``.

    Args:
        texts: Texts or documents; consumed lazily.
        lexicon: The lexicon to match; ``None`` uses the shipped one.
        batch_size: How many texts spaCy tokenizes at a time.

    Yields:
        The mentions of each text, in input order.

    Example:
        >>> [len(m) for m in extract_many(["Python", "SQL and Spark SQL"])]
        [1, 2]
    """
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
        raise invalid_parameter("batch_size", "extract_many", "a positive int", batch_size)
    normalized = (normalize(_as_text(text)) for text in texts)
    while batch := list(itertools.islice(normalized, batch_size)):
        nlp = _cached_nlp(lexicon)
        matcher = cast(ConceptMatcher, nlp.get_pipe(COMPONENT_NAME))
        yield from _extract_batch(nlp, matcher, batch)


def _extract_batch(
    nlp: Language, matcher: ConceptMatcher, batch: list[NormalizedText]
) -> list[list[Mention]]:
    # The pipeline is the tokenizer and the matcher; calling them directly skips storing and
    # re-reading spans (a fifth of the matching time).
    concept_of = matcher.concept_of
    results: list[list[Mention]] = [[] for _ in batch]
    for piece, (index, norm, offset) in _pieces(enumerate(batch)):
        doc = nlp.make_doc(piece)
        for key, first, stop in matcher.find(doc):
            last = doc[stop - 1]
            start_char, end_char = doc[first].idx, last.idx + len(last.text)
            start, end = norm.original_span(offset + start_char, offset + end_char)
            results[index].append(_mention(concept_of[key], norm.original, start, end))
    return results


#: Texts longer than this are matched piece by piece, cut at line breaks: spaCy refuses texts
#: over ``nlp.max_length`` characters, and memory stays bounded.
PIECE_LENGTH = 100_000


def _pieces(
    texts: Iterable[tuple[int, NormalizedText]],
) -> Iterator[tuple[str, tuple[int, NormalizedText, int]]]:
    """Cut each normalised text into pieces of at most :data:`PIECE_LENGTH` characters.

    Yields ``(piece, (text index, normalised text, piece offset))``; every text
    yields at least one piece, so empty texts still get their (empty) result.
    """
    for index, norm in texts:
        text, offset = norm.text, 0
        while len(text) - offset > PIECE_LENGTH:
            cut = text.rfind("\n", offset, offset + PIECE_LENGTH)
            if cut <= offset:
                cut = text.rfind(" ", offset, offset + PIECE_LENGTH)
            cut = cut + 1 if cut > offset else offset + PIECE_LENGTH
            yield text[offset:cut], (index, norm, offset)
            offset = cut
        yield text[offset:], (index, norm, offset)


def _mention(concept: Concept, original: str, start: int, end: int) -> Mention:
    return Mention(
        term=concept.id,
        label=concept.label,
        text=original[start:end],
        start=start,
        end=end,
        category=concept.category,
        pillars=concept.pillars,
    )


def _as_text(text: str | Document) -> str:
    if isinstance(text, Document):
        return text.text
    if isinstance(text, str):
        return text
    raise invalid_parameter("text", "extract", "a str or a Document", text)


def count_terms(mentions: Sequence[Mention]) -> dict[str, int]:
    """Count mentions per concept id.

    Args:
        mentions: Mentions from :func:`extract`.

    Returns:
        ``{concept id: number of mentions}``.

    Example:
        >>> count_terms(extract("Python, python and SQL"))
        {'python': 2, 'sql': 1}
    """
    counts: dict[str, int] = {}
    for mention in mentions:
        counts[mention.term] = counts.get(mention.term, 0) + 1
    return counts
