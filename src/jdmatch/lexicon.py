"""The concept lexicon: curated data files, validated on load.

The shipped lexicon lives in the ``lexicons/`` folder of the project (inside the wheel it is
``jdmatch/lexicons``); its ``README.md`` documents the file format. :func:`load_lexicon` reads the
shipped files or a user's own, checks every rule, and adds the spelling variants (plurals,
hyphen/space/joined forms) that the matcher needs.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import Any

from jdmatch.caches import BoundedCache, bounded_cache
from jdmatch.errors import LexiconError
from jdmatch.model import MODEL

#: The five pillars of an ML interview, in the order they are usually studied (from
#: :data:`jdmatch.model.MODEL`, which ``jdmatch/data/model.json`` defines).
PILLARS: tuple[str, ...] = MODEL.pillars

#: Concept categories (from :data:`jdmatch.model.MODEL`); ``lexicons/README.md`` says what each
#: one holds.
CATEGORIES: tuple[str, ...] = MODEL.categories

#: The lexicon file format this version reads.
LEXICON_FORMAT = 1

_ID = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
_REQUIRED = ("id", "label", "category", "pillars", "aliases", "prompts")
_OPTIONAL = ("ambiguous_aliases", "not_followed_by", "not_preceded_by", "broader", "effort_hours")


@dataclass(frozen=True)
class Concept:
    """One skill, technology or topic that jdmatch looks for.

    Attributes:
        id: Stable snake_case identifier (the ``term`` column of results).
        label: Display name.
        category: One of :data:`CATEGORIES`.
        pillars: Interview pillars, most relevant first (values of :data:`PILLARS`).
        aliases: Surface forms matched case-insensitively, as curated.
        ambiguous_aliases: Surface forms that are also ordinary words; matched with their exact
            case (or in capitals) and only in a technical context.
        not_followed_by: Lower-case words that, right after an ambiguous alias, show that it is
            not this concept (``#num`` stands for any number).
        not_preceded_by: Lower-case words that, right before an ambiguous alias, show the same
            (``HTML5`` before ``MSE``: Media Source Extensions, not mean squared error).
        broader: Ids of broader concepts.
        prompts: What to study or be ready to answer.
        effort_hours: Rough study effort, when the lexicon gives one.
    """

    id: str
    label: str
    category: str
    pillars: tuple[str, ...]
    aliases: tuple[str, ...]
    prompts: tuple[str, ...]
    ambiguous_aliases: tuple[str, ...] = ()
    not_followed_by: frozenset[str] = frozenset()
    not_preceded_by: frozenset[str] = frozenset()
    broader: tuple[str, ...] = ()
    effort_hours: float | None = None

    @property
    def pillar(self) -> str:
        """The concept's main pillar."""
        return self.pillars[0]


@dataclass(frozen=True, eq=False)
class Lexicon:
    """A validated set of concepts, looked up by id.

    Attributes:
        concepts: Concepts by id.
        path: The file or folder it was loaded from.
        sources: The files the lexicon was read from.
        surface_forms: Every matchable form (lower case) with the id of its concept: curated
            aliases first, then generated variants that no curated alias claims. (Generated
            on first use for the shipped lexicon, which the test suite validates; on load for
            any other, so that conflicting aliases are reported at once.)
        ancestors: For each concept id, the ids of all its broader concepts, transitively
            (XGBoost → gradient boosting → ensemble methods).

    Example:
        >>> lexicon = load_lexicon()
        >>> lexicon["pytorch"].label
        'PyTorch'
    """

    concepts: Mapping[str, Concept]
    path: str
    sources: tuple[str, ...]
    ancestors: Mapping[str, frozenset[str]] = field(repr=False)

    @cached_property
    def surface_forms(self) -> Mapping[str, str]:
        """Every matchable form (lower case) with the id of its concept (see above)."""
        return MappingProxyType(_surface_forms(self.concepts.values(), Path(self.path)))

    @cached_property
    def source_digest(self) -> str:
        """SHA-256 of the lexicon files and of the rules that generate surface forms.

        Cheaper than :attr:`fingerprint` (which generates every surface form); derived data
        such as the pattern table is keyed by it.
        """
        digest = hashlib.sha256(f"surface form rules {SURFACE_FORM_RULES}\n".encode())
        for source in self.sources:
            digest.update(Path(source).read_bytes())
        return digest.hexdigest()

    def __getitem__(self, concept_id: str) -> Concept:
        return self.concepts[concept_id]

    def __reduce__(self) -> tuple[Any, ...]:
        # Sent to worker processes as its path: each process loads (and keeps) it once.
        return (load_lexicon, (self.path,))

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self.concepts

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts.values())

    def __len__(self) -> int:
        return len(self.concepts)

    @cached_property
    def fingerprint(self) -> str:
        """SHA-256 of the concept ids and surface forms; changes whenever matching would."""
        # Sorting the keys alone is several times faster than sorting (form, id) pairs.
        forms = "".join(
            f"{form}\t{self.surface_forms[form]}\n" for form in sorted(self.surface_forms)
        )
        ambiguous = "".join(f"{c.id}\t{'|'.join(c.ambiguous_aliases)}\n" for c in self)
        return hashlib.sha256((forms + ambiguous).encode()).hexdigest()


def default_lexicon_path() -> Path:
    """Return the folder of the lexicon shipped with jdmatch.

    Returns:
        ``jdmatch/lexicons`` inside an installed wheel, or the project's ``lexicons/`` folder
        in a source checkout or editable install.
    """
    return _SHIPPED_PATH.get_or_build("shipped", _find_shipped_lexicon)


def _find_shipped_lexicon() -> Path:
    # Finding the shipped folder through importlib.resources costs more than a warm analyze
    # spends on matching a short text; it is done once (see _SHIPPED_PATH).
    shipped = resources.files("jdmatch").joinpath("lexicons")
    if shipped.is_dir():
        return Path(str(shipped)).resolve()
    return Path(__file__).resolve().parents[2] / "lexicons"


def load_lexicon(path: str | PathLike[str] | None = None) -> Lexicon:
    """Read and validate a lexicon.

    Args:
        path: A lexicon JSON file, or a folder whose ``concepts/*.json`` (or ``*.json``) files
            are merged. ``None`` reads the lexicon shipped with jdmatch. Loaded lexicons are
            kept (see :mod:`jdmatch.caches`) by path and by the size and modification time of
            their files: the same files give the same object, an edited file is read again.

    Returns:
        The validated lexicon.

    Raises:
        LexiconError: A file is missing, is not valid JSON, or breaks a rule of the format
            (the message names the file, the line and the concept).

    Example:
        >>> len(load_lexicon()) >= 400
        True
    """
    shipped = _shipped_path()
    resolved = shipped if path is None else Path(path).resolve()
    key = (resolved, _stamp(resolved))
    lexicon = _LEXICONS.get(key)
    if lexicon is None:
        lexicon = _read_lexicon(resolved)
        if resolved != shipped:
            # Generating them reports conflicting aliases now. (The shipped lexicon's are
            # generated on first use: the test suite validates them.)
            lexicon.surface_forms  # noqa: B018
        _LEXICONS.put(key, lexicon)
    return lexicon


#: Loaded lexicons, by resolved path and the stamp of their files.
_LEXICONS: BoundedCache[tuple[Path, tuple[tuple[str, int, int], ...]], Lexicon] = bounded_cache(
    "lexicons", maxsize=16
)
_SHIPPED_PATH: BoundedCache[str, Path] = bounded_cache("shipped_lexicon_path", maxsize=1)


def _shipped_path() -> Path:
    return default_lexicon_path()


def _stamp(path: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of each file a lexicon path would be read from."""
    # Taken on every Analyzer: os.scandir lists and stats a folder in a few system calls,
    # where pathlib's glob costs more than matching a short text.
    try:
        if path.is_file():
            return ((path.name, *_size_and_time(path)),)
        concepts = path / "concepts"
        folder = concepts if concepts.is_dir() else path
        with os.scandir(folder) as entries:
            found = [
                (entry.name, *_size_and_time(entry))
                for entry in entries
                if entry.name.endswith(".json") and entry.name not in DERIVED_FILES
            ]
        return tuple(sorted(found))
    except OSError:
        return ()


def _size_and_time(file: Path | os.DirEntry[str]) -> tuple[int, int]:
    status = file.stat()
    return status.st_size, status.st_mtime_ns


def _read_lexicon(path: Path) -> Lexicon:
    files = _lexicon_files(path)
    concepts: dict[str, Concept] = {}
    for file in files:
        for concept in _read_file(file):
            if concept.id in concepts:
                raise LexiconError(f"concept id {concept.id!r} is defined twice", path=file)
            concepts[concept.id] = concept
    _check_broader(concepts, files[0] if len(files) == 1 else path)
    return Lexicon(
        concepts=MappingProxyType(concepts),
        path=str(path),
        sources=tuple(str(file) for file in files),
        ancestors=MappingProxyType(_ancestors(concepts)),
    )


#: Files that jdmatch derives from a lexicon and keeps beside it (the pattern table and the
#: reference statistics): never read as concept files.
DERIVED_FILES = frozenset({"pattern_tokens.json", "reference_idf.json"})


def _lexicon_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if path.is_dir():
        folder = path / "concepts" if (path / "concepts").is_dir() else path
        files = sorted(file for file in folder.glob("*.json") if file.name not in DERIVED_FILES)
        if files:
            return files
        raise LexiconError("no lexicon files (*.json) in this folder", path=path)
    raise LexiconError("no such lexicon file or folder", path=path)


def _read_file(file: Path) -> Iterator[Concept]:
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"cannot read the file ({exc})", path=file) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LexiconError(f"invalid JSON: {exc.msg}", path=file, line=exc.lineno) from exc
    except RecursionError as exc:  # thousands of nested brackets
        raise LexiconError("invalid JSON: nested too deeply", path=file) from exc
    if not isinstance(data, dict) or not isinstance(data.get("concepts"), list):
        raise LexiconError('expected an object with a "concepts" list', path=file)
    if data.get("lexicon_format") != LEXICON_FORMAT:
        raise LexiconError(
            f'"lexicon_format" must be {LEXICON_FORMAT}; got {data.get("lexicon_format")!r}',
            path=file,
        )
    for index, entry in enumerate(data["concepts"]):
        yield _parse_concept(entry, index, file, text)


def _parse_concept(entry: Any, index: int, file: Path, text: str) -> Concept:
    def fail(message: str) -> LexiconError:
        concept_id = entry.get("id") if isinstance(entry, dict) else None
        name = f"concept {concept_id!r}" if concept_id else f"concept #{index}"
        return LexiconError(f"{name}: {message}", path=file, line=_line_of(text, concept_id))

    if not isinstance(entry, dict):
        raise fail("must be an object")
    unknown = set(entry) - set(_REQUIRED) - set(_OPTIONAL)
    if unknown:
        raise fail(f"unknown field(s) {sorted(unknown)}; allowed: {[*_REQUIRED, *_OPTIONAL]}")
    missing = [name for name in _REQUIRED if name not in entry]
    if missing:
        raise fail(f"missing required field(s) {missing}")
    if not isinstance(entry["id"], str) or not _ID.match(entry["id"]):
        raise fail("'id' must be snake_case ASCII such as 'gradient_boosting'")
    if not isinstance(entry["label"], str) or not entry["label"].strip():
        raise fail("'label' must be a non-empty string")
    if entry["category"] not in CATEGORIES:
        raise fail(f"unknown category {entry['category']!r}; use one of {list(CATEGORIES)}")
    pillars = _strings(entry, "pillars", fail, required=True)
    bad_pillars = [pillar for pillar in pillars if pillar not in PILLARS]
    if bad_pillars:
        raise fail(f"unknown pillar(s) {bad_pillars}; use some of {list(PILLARS)}")
    effort = entry.get("effort_hours")
    if effort is not None and (
        isinstance(effort, bool) or not isinstance(effort, (int, float)) or not 0 < effort < 1e6
    ):  # "not 0 < effort" also refuses NaN; JSON's Infinity is refused by the upper bound
        raise fail("'effort_hours' must be a positive number")
    return Concept(
        id=entry["id"],
        label=entry["label"].strip(),
        category=entry["category"],
        pillars=pillars,
        aliases=_strings(entry, "aliases", fail, required=True),
        prompts=_strings(entry, "prompts", fail, required=True),
        ambiguous_aliases=_strings(entry, "ambiguous_aliases", fail, required=False),
        not_followed_by=frozenset(
            word.lower() for word in _strings(entry, "not_followed_by", fail, required=False)
        ),
        not_preceded_by=frozenset(
            word.lower() for word in _strings(entry, "not_preceded_by", fail, required=False)
        ),
        broader=_strings(entry, "broader", fail, required=False),
        effort_hours=float(effort) if effort is not None else None,
    )


def _strings(entry: dict[str, Any], name: str, fail: Any, *, required: bool) -> tuple[str, ...]:
    value = entry.get(name, [])
    try:  # one pass: only strings have .strip() (loading the lexicon is part of a cold start)
        stripped = tuple([v.strip() for v in value]) if isinstance(value, list) else None
    except AttributeError:
        stripped = None
    if stripped is None or not all(stripped):
        raise fail(f"{name!r} must be a list of non-empty strings")
    if required and not stripped:
        raise fail(f"{name!r} must not be empty")
    return stripped


def _line_of(text: str, concept_id: object) -> int | None:
    if not isinstance(concept_id, str):
        return None
    position = text.find(f'"{concept_id}"')
    return text.count("\n", 0, position) + 1 if position >= 0 else None


def _check_broader(concepts: Mapping[str, Concept], path: Path) -> None:
    for concept in concepts.values():
        for broader in concept.broader:
            if broader not in concepts:
                raise LexiconError(
                    f"concept {concept.id!r}: unknown broader concept {broader!r}", path=path
                )
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(concept_id: str, trail: list[str]) -> None:
        if state.get(concept_id) == 2:
            return
        if state.get(concept_id) == 1:
            cycle = " -> ".join([*trail[trail.index(concept_id) :], concept_id])
            raise LexiconError(f"the 'broader' links form a cycle: {cycle}", path=path)
        state[concept_id] = 1
        for broader in concepts[concept_id].broader:
            visit(broader, [*trail, concept_id])
        state[concept_id] = 2

    for concept_id in concepts:
        visit(concept_id, [])


def _ancestors(concepts: Mapping[str, Concept]) -> dict[str, frozenset[str]]:
    """Close the ``broader`` links transitively (they are known to be acyclic here)."""
    closure: dict[str, frozenset[str]] = {}

    def of(concept_id: str) -> frozenset[str]:
        if concept_id not in closure:
            direct = concepts[concept_id].broader
            closure[concept_id] = frozenset(direct).union(*(of(b) for b in direct))
        return closure[concept_id]

    for concept_id in concepts:
        of(concept_id)
    return closure


#: Version of the rules that generate surface forms from aliases (plurals, hyphen, space and
#: joined variants): change it with them, so that data keyed by :attr:`Lexicon.source_digest`
#: is rebuilt. (A test fails while the shipped pattern table is stale.)
SURFACE_FORM_RULES = "1"


def _surface_forms(concepts: Iterable[Concept], path: Path) -> dict[str, str]:
    curated: dict[str, str] = {}
    for concept in concepts:
        for alias in concept.aliases:
            key = alias.lower()
            owner = curated.setdefault(key, concept.id)
            if owner != concept.id:
                raise LexiconError(
                    f"alias {alias!r} belongs to both {owner!r} and {concept.id!r}", path=path
                )
    forms = dict(curated)
    for key, concept_id in curated.items():
        for variant in spelling_variants(key):
            forms.setdefault(variant, concept_id)
    return forms


_PLURAL_END = re.compile(r"[a-z]$")


def spelling_variants(form: str) -> list[str]:
    """Return the generated spellings of a lower-case surface form.

    Plurals (``llm`` → ``llms``, ``query`` → ``queries``), hyphen and space swaps
    (``feature store`` → ``feature-store``) and joined forms (``fine-tuning`` → ``finetuning``).

    Args:
        form: A lower-case alias.

    Returns:
        The variants, without ``form`` itself.

    Example:
        >>> spelling_variants("fine-tuning")
        ['fine-tunings', 'fine tuning', 'fine tunings', 'finetuning', 'finetunings']
    """
    bases = [form]
    if " " in form and form.count(" ") <= 3:
        bases.append(form.replace(" ", "-"))
    if "-" in form:
        bases.append(form.replace("-", " "))
        bases.append(form.replace("-", ""))
    variants: list[str] = []
    for base in bases:
        for candidate in (base, _plural(base)):
            if candidate and candidate != form and candidate not in variants:
                variants.append(candidate)
    return variants


def _plural(form: str) -> str | None:
    if not _PLURAL_END.search(form) or form.endswith(("s", "x", "z")):
        return None
    if form.endswith(("ch", "sh")):
        return form + "es"
    if form.endswith("y") and len(form) > 2 and form[-2] not in "aeiou":
        return form[:-1] + "ies"
    return form + "s"
