"""Step 6b of the flow: how surely an interview for this posting will probe each concept.

TF-IDF says what *distinguishes* a posting (a rare tool named once weighs a lot); an interview
probes what the posting *centres on*. This module reads, for every concept of a posting, the
signals an interviewer reads (:data:`FEATURES`) and turns them into a probability that the
concept is one of the posting's core asks, with a logistic model fitted on blind expert labels
of real postings (``tools/fit_priority.py``; weights ship as JSON, never pickled):

    probe(c) = 1 / (1 + exp(-(b + sum_i w_i * (x_i(c) - mean_i) / scale_i)))

The signals: the requirement level; how often and on how many lines the posting asks it;
whether the title names it; how early the requirements name it; emphasis ("strong", "deep",
"expert in", years asked); whether it stands alone or inside a list of alternatives ("Pinecone,
Chroma or pgvector", "e.g. PaLM"); how central it is to the role family (the share of real
postings of that family that ask it, :class:`RoleCentrality`); its TF-IDF rarity; how broad it is
(umbrella concepts such as machine learning have many narrower ones); its category; and the
role's weight of its interview pillar; and how often experts named the concept a core ask in
the labelled postings that mention it (smoothed towards the base rate, so a concept seen a few
times says little: umbrella words such as "machine learning" or "programming languages" are
mentioned everywhere and rarely core).
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import Any

from jdmatch.caches import BoundedCache, bounded_cache, cached_file
from jdmatch.errors import LexiconError
from jdmatch.extraction import Mention
from jdmatch.lexicon import CATEGORIES, Lexicon, default_lexicon_path
from jdmatch.limits import check_time
from jdmatch.model import MODEL
from jdmatch.structure import JobStructure, Layout, requirement_levels
from jdmatch.weighting import ConceptTfidf

#: File names of the shipped model and statistics, inside the lexicon folder.
PROBE_MODEL = "priority_model.json"
ROLE_CENTRALITY = "role_centrality.json"

#: The signals the probe model reads, in the order of its weights.
FEATURES: tuple[str, ...] = (
    "required", "preferred", "mentioned", "log_asked_mentions", "asked_lines",
    "in_title", "first_position", "early", "emphasis", "log_years",
    "share_in_lists", "alternative", "standalone",
    "role_centrality", "overall_centrality", "idf", "log_narrower", "pillar_weight",
    "concept_core_rate",
    *(f"category_{category}" for category in CATEGORIES),
)  # fmt: skip
# Each category's feature, named once.
_CATEGORY_FEATURES: tuple[tuple[str, str], ...] = tuple(
    (category, f"category_{category}") for category in CATEGORIES
)

_EMPHASIS = re.compile(
    r"\b(strong|deep|solid|extensive|expert|expertise|proficien\w*|advanced|hands-on|"
    r"in-depth|mastery|fluen\w*|excellent|thorough)\b",
    re.IGNORECASE,
)
_YEARS = re.compile(
    r"\b(\d{1,2})\s*\+?\s*(?:-\s*\d{1,2}\s*)?\+?\s*(?:years?|yrs?)\b", re.IGNORECASE
)
# What may stand between two items of one list: commas, slashes, "and", "or", "&".
_LIST_GAP = re.compile(r"[\s,;/&()]*(?:\b(?:and|or|and/or)\b)?[\s,;/&()]*", re.IGNORECASE)
_EXAMPLE_CUE = re.compile(
    r"(\b(e\.g|eg|i\.e|such as|like|including|for example|for instance|one or more|any of|"
    r"at least one|one of)\b[.:,]?|\()\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ProbeModel:
    """A fitted logistic model over :data:`FEATURES` (see the module docstring).

    Attributes:
        features: Feature names, in weight order.
        mean: Per-feature mean used to centre the features.
        scale: Per-feature scale used to standardise the features.
        coef: Per-feature weights.
        intercept: The bias ``b``.
        core_rates: ``{concept id: smoothed share of labelled postings naming it where it
            was a core ask}``, for concepts seen often enough.
        base_rate: The feature's value for any other concept.
        provenance: What the model was fitted on, with its held-out figures.
    """

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    core_rates: Mapping[str, float] = field(default_factory=dict)
    base_rate: float = 0.0
    provenance: Mapping[str, Any] = field(default_factory=dict)

    def __reduce__(self) -> tuple[Any, ...]:
        # Read-only mappings do not pickle; worker processes get plain copies.
        return (
            ProbeModel,
            (self.features, self.mean, self.scale, self.coef, self.intercept,
             dict(self.core_rates), self.base_rate, dict(self.provenance)),
        )  # fmt: skip

    def core_rate(self, term: str) -> float:
        """How often experts named ``term`` a core ask where a posting mentions it."""
        return self.core_rates.get(term, self.base_rate)

    def probability(self, values: Mapping[str, float]) -> float:
        """Return the probability that a concept with these feature values is a core ask.

        Args:
            values: ``{feature: value}``; missing features count as their mean.

        Returns:
            A probability in ``(0, 1)``.
        """
        z = self.intercept
        get = values.get
        for name, mean, scale, weight in self._terms:
            z += weight * (get(name, mean) - mean) / scale
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    @cached_property
    def _terms(self) -> tuple[tuple[str, float, float, float], ...]:
        return tuple(zip(self.features, self.mean, self.scale, self.coef, strict=True))

    def to_json(self) -> str:
        """Serialise to the JSON format of ``priority_model.json``.

        Returns:
            Indented JSON.
        """
        data = {
            "format": 1,
            "provenance": dict(self.provenance),
            "intercept": self.intercept,
            "base_rate": self.base_rate,
            "core_rates": dict(sorted(self.core_rates.items())),
            "features": [
                {"name": n, "mean": m, "scale": s, "weight": w}
                for n, m, s, w in zip(self.features, self.mean, self.scale, self.coef, strict=True)
            ],
        }
        return json.dumps(data, indent=1) + "\n"


def load_probe_model(path: str | PathLike[str] | None = None) -> ProbeModel:
    """Read a probe model written by :meth:`ProbeModel.to_json`.

    Args:
        path: The JSON file; ``None`` reads the shipped model.

    Returns:
        The model.

    Raises:
        LexiconError: The file is missing or malformed.

    Example:
        >>> model = load_probe_model()
        >>> model.features == FEATURES
        True
    """
    file = Path(path) if path is not None else default_lexicon_path() / PROBE_MODEL
    return cached_file(_MODELS, file, _read_probe_model)


def _read_probe_model(file: Path) -> ProbeModel:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if data["format"] != 1:
            raise ValueError(f"unknown format {data['format']!r}")
        rows = data["features"]
        values = [
            (str(r["name"]), float(r["mean"]), float(r["scale"]), float(r["weight"])) for r in rows
        ]
        if any(not math.isfinite(v) for row in values for v in row[1:]) or any(
            row[2] <= 0 for row in values
        ):
            raise ValueError("weights must be finite numbers and scales positive")
        intercept = float(data["intercept"])
        rates = {str(t): float(r) for t, r in data.get("core_rates", {}).items()}
        base_rate = float(data.get("base_rate", 0.0))
        if not all(0 <= r <= 1 for r in (*rates.values(), base_rate)):
            raise ValueError("core rates must lie between 0 and 1")
        if not math.isfinite(intercept):
            raise ValueError("the intercept must be a finite number")
        return ProbeModel(
            features=tuple(row[0] for row in values),
            mean=tuple(row[1] for row in values),
            scale=tuple(row[2] for row in values),
            coef=tuple(row[3] for row in values),
            intercept=intercept,
            core_rates=MappingProxyType(rates),
            base_rate=base_rate,
            provenance=MappingProxyType(dict(data.get("provenance", {}))),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise LexiconError(f"cannot read the priority model ({exc})", path=file) from exc


@dataclass(frozen=True)
class RoleCentrality:
    """How many real postings of each role family ask each concept.

    Attributes:
        n_postings: ``{role: postings of that family}``.
        asked: ``{role: {concept id: postings asking it}}``.
        provenance: Where the counts come from.
    """

    n_postings: Mapping[str, int]
    asked: Mapping[str, Mapping[str, int]]
    provenance: Mapping[str, Any] = field(default_factory=dict)

    #: Pseudo-postings that pull a small family's shares towards the share over all families.
    prior_strength = 30.0

    def __reduce__(self) -> tuple[Any, ...]:
        # Read-only mappings do not pickle; worker processes get plain copies.
        asked = {role: dict(counts) for role, counts in self.asked.items()}
        return (RoleCentrality, (dict(self.n_postings), asked, dict(self.provenance)))

    def overall(self, term: str) -> float:
        """Share of all postings that ask ``term``."""
        return self._overall.get(term, 0.0)

    @cached_property
    def _overall(self) -> Mapping[str, float]:
        total = sum(self.n_postings.values())
        counts: dict[str, int] = {}
        for asked in self.asked.values():
            for term, count in asked.items():
                counts[term] = counts.get(term, 0) + count
        return MappingProxyType({t: c / total for t, c in counts.items()} if total else {})

    def share(self, role: str, term: str) -> float:
        """Share of the role family's postings that ask ``term``, shrunk towards all postings.

        Args:
            role: A role family.
            term: A concept id.

        Returns:
            ``(asked + k * overall) / (postings + k)`` with ``k =`` :attr:`prior_strength`.

        Example:
            >>> centrality = load_centrality()
            >>> centrality.share("data_scientist", "sql") > centrality.share("mlops", "sql")
            True
        """
        n = self.n_postings.get(role, 0)
        asked = self.asked.get(role, {}).get(term, 0)
        return (asked + self.prior_strength * self.overall(term)) / (n + self.prior_strength)


def load_centrality(path: str | PathLike[str] | None = None) -> RoleCentrality:
    """Read the role centrality statistics written by ``tools/fit_centrality.py``.

    Args:
        path: The JSON file; ``None`` reads the shipped statistics.

    Returns:
        The statistics.

    Raises:
        LexiconError: The file is missing or malformed.
    """
    file = Path(path) if path is not None else default_lexicon_path() / ROLE_CENTRALITY
    return cached_file(_CENTRALITIES, file, _read_centrality)


def _read_centrality(file: Path) -> RoleCentrality:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if data["format"] != 1:
            raise ValueError(f"unknown format {data['format']!r}")
        roles = data["roles"]
        return RoleCentrality(
            n_postings=MappingProxyType({r: int(v["n_postings"]) for r, v in roles.items()}),
            asked=MappingProxyType(
                {
                    r: MappingProxyType({str(t): int(c) for t, c in v["asked"].items()})
                    for r, v in roles.items()
                }
            ),
            provenance=MappingProxyType(dict(data.get("provenance", {}))),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise LexiconError(f"cannot read role centrality statistics ({exc})", path=file) from exc


@dataclass(frozen=True)
class AskSignals:
    """What a posting's wording says about one of its concepts.

    Attributes:
        asked_mentions: Mentions at the required or preferred level.
        asked_lines: Distinct lines holding those mentions.
        in_title: Whether the title line names it.
        first_position: Where the first asked mention stands among the posting's asked
            concepts (0 = first, 1 = last).
        emphasis: Whether a line asking it stresses depth ("strong", "expert", years).
        share_in_lists: Share of its asked mentions that stand in a list of three or more.
        alternative: Whether it is offered as one option among others ("X or Y", "e.g.").
        standalone: Whether some asked mention stands outside any list.
        options: Concept ids named beside it as alternatives, in text order.
    """

    asked_mentions: int
    asked_lines: int
    in_title: bool
    first_position: float
    emphasis: bool
    share_in_lists: float
    alternative: bool
    standalone: bool
    options: tuple[str, ...]


def read_asks(
    text: str,
    mentions: Sequence[Mention],
    *,
    levels: Sequence[str] | None = None,
    layout: Layout | None = None,
) -> dict[str, AskSignals]:
    r"""Read the wording signals of every concept of a job description.

    Args:
        text: The job description, as the mentions' offsets index it.
        mentions: Mentions found in ``text``.
        levels: Their requirement levels, when already read
            (:func:`jdmatch.structure.requirement_levels`).
        layout: Its lines, when already found.

    Returns:
        ``{concept id: signals}`` for every concept mentioned.

    Example:
        >>> from jdmatch.extraction import extract
        >>> jd = "ML Engineer\nStrong Python.\nA vector database such as Pinecone or Chroma."
        >>> signals = read_asks(jd, extract(jd))
        >>> signals["python"].emphasis, signals["pinecone"].alternative
        (True, True)
    """
    if levels is None:
        levels = requirement_levels(text, mentions)
    layout = layout or Layout(text)
    lines, starts = layout.lines, layout.line_starts
    title_line = next((n for n, line in enumerate(lines) if line.strip()), 0)
    by_line: dict[int, list[int]] = {}
    line_of: list[int] = []
    line = 0
    for index, mention in enumerate(mentions):
        while line + 1 < len(starts) and starts[line + 1] <= mention.start:
            line += 1
        line_of.append(line)
        by_line.setdefault(line, []).append(index)
    in_list, alternative = _lists(text, mentions, by_line, starts)
    order: dict[str, None] = {}  # a dict: a list's membership test was quadratic
    stressed: dict[int, bool] = {}  # lines that stress depth, read once
    collected: dict[str, dict[str, Any]] = {}
    for index, mention in enumerate(mentions):
        check_time()
        entry = collected.setdefault(
            mention.term,
            {"asked": 0, "lines": set(), "title": False, "emphasis": False, "lists": 0,
             "alternative": False, "standalone": False, "options": [], "groups": set()},
        )  # fmt: skip
        number = line_of[index]
        if number == title_line:
            entry["title"] = True
        if levels[index] == "mentioned":
            continue
        order.setdefault(mention.term)
        entry["asked"] += 1
        entry["lines"].add(number)
        if number not in stressed:
            stressed[number] = bool(_EMPHASIS.search(lines[number]) or _YEARS.search(lines[number]))
        if stressed[number]:
            entry["emphasis"] = True
        if index in in_list:
            entry["lists"] += 1
        else:
            entry["standalone"] = True
        if index in alternative:
            entry["alternative"] = True
            group = alternative[index]
            if id(group) not in entry["groups"]:  # once per group, not once per mention in it
                entry["groups"].add(id(group))
                entry["options"].extend(
                    mentions[i].term for i in group if mentions[i].term != mention.term
                )
    position = {term: n / max(len(order) - 1, 1) for n, term in enumerate(order)}
    return {
        term: AskSignals(
            asked_mentions=entry["asked"],
            asked_lines=len(entry["lines"]),
            in_title=entry["title"],
            first_position=position.get(term, 1.0),
            emphasis=entry["emphasis"],
            share_in_lists=entry["lists"] / entry["asked"] if entry["asked"] else 0.0,
            alternative=entry["alternative"],
            standalone=entry["standalone"],
            options=tuple(dict.fromkeys(entry["options"])),
        )
        for term, entry in collected.items()
    }


def _lists(
    text: str,
    mentions: Sequence[Mention],
    by_line: Mapping[int, list[int]],
    starts: Sequence[int],
) -> tuple[set[int], dict[int, list[int]]]:
    """Find runs of mentions joined by list separators on each line.

    Returns the indices of mentions in runs of three or more, and for mentions in a run offered
    as alternatives ("or", "/", "e.g.", "such as" before or inside it) the run's indices.
    """
    in_list: set[int] = set()
    alternative: dict[int, list[int]] = {}
    for number, indices in by_line.items():
        runs: list[list[int]] = [[indices[0]]]
        for previous, current in itertools.pairwise(indices):
            gap = text[mentions[previous].end : mentions[current].start]
            if len(gap) <= 12 and _LIST_GAP.fullmatch(gap):
                runs[-1].append(current)
            else:
                runs.append([current])
        for run in runs:
            if len({mentions[i].term for i in run}) >= 3:
                in_list.update(run)
            for group in _alternative_groups(text, mentions, run, line_start=starts[number]):
                for i in group:
                    alternative[i] = group
    return in_list, alternative


def _alternative_groups(
    text: str, mentions: Sequence[Mention], run: list[int], *, line_start: int
) -> list[list[int]]:
    """Split a run of listed mentions into the groups offered as alternatives.

    A cue just before the run ("such as", "e.g.", "like", an opening parenthesis) makes the
    whole run a set of examples; otherwise the run splits at "and", and a part joined by "or"
    or "/" is a set of alternatives ("Docker, Airflow and AWS or GCP": only AWS or GCP).
    """
    if len(run) < 2:
        return []
    first = mentions[run[0]]
    lead = text[max(line_start, first.start - 25) : first.start]
    if _EXAMPLE_CUE.search(lead):
        return [run]
    groups: list[list[int]] = []
    part = [run[0]]
    offered = False
    for previous, current in itertools.pairwise(run):
        gap = text[mentions[previous].end : mentions[current].start]
        if re.search(r"\band\b|&", gap, re.IGNORECASE) and not re.search(r"\bor\b", gap):
            if offered and len(part) > 1:
                groups.append(part)
            part, offered = [current], False
            continue
        part.append(current)
        offered = offered or bool(re.search(r"\bor\b|/", gap, re.IGNORECASE))
    if offered and len(part) > 1:
        groups.append(part)
    return groups


#: Longest quote of a document line in a reason.
QUOTE_CHARS = 110


def quote_lines(
    text: str, mentions: Sequence[Mention], *, levels: Sequence[str] | None = None
) -> dict[str, str]:
    r"""Quote, for each concept, the line of the document that names it.

    The first line naming the concept is quoted; with ``levels`` (one requirement level per
    mention) the first line that *asks* for it, when one does. A long line is cut to
    :data:`QUOTE_CHARS` characters around the mention.

    Args:
        text: The document, as the mentions' offsets index it.
        mentions: Mentions found in ``text``.
        levels: Requirement level of each mention (see
            :func:`jdmatch.structure.requirement_levels`), or ``None``.

    Returns:
        ``{concept id: quoted line}``.

    Example:
        >>> from jdmatch.extraction import extract
        >>> jd = "About us\nWe love data.\nRequirements\n- 3+ years of Python in production."
        >>> quote_lines(jd, extract(jd))["python"]
        '3+ years of Python in production.'
    """
    quotes: dict[str, str] = {}
    asked: set[str] = set()
    for index, mention in enumerate(mentions):
        is_asked = levels is None or levels[index] != "mentioned"
        if mention.term in asked or (mention.term in quotes and not is_asked):
            continue
        if is_asked:
            asked.add(mention.term)
        quotes[mention.term] = _quote(text, mention)
    return quotes


def _quote(text: str, mention: Mention) -> str:
    start = text.rfind("\n", 0, mention.start) + 1
    end = text.find("\n", mention.end)
    raw = text[start : end if end >= 0 else len(text)]
    stripped = raw.lstrip()
    offset = mention.start - start - (len(raw) - len(stripped))
    line = stripped.rstrip()
    bullet = len(line) - len(line.lstrip("-•*▪◦●· \t"))
    line, offset = line[bullet:], offset - bullet
    if len(line) <= QUOTE_CHARS:
        return line
    left = max(0, min(offset - QUOTE_CHARS // 3, len(line) - QUOTE_CHARS))
    cut = line[left : left + QUOTE_CHARS].strip()
    return ("…" if left else "") + cut + ("…" if left + QUOTE_CHARS < len(line) else "")


def ask_features(
    signals: Mapping[str, AskSignals],
    *,
    job: JobStructure,
    role: str,
    lexicon: Lexicon,
    tfidf: ConceptTfidf,
    centrality: RoleCentrality,
    pillar_weights: Mapping[str, float],
) -> dict[str, dict[str, float]]:
    """Turn wording signals and statistics into the probe model's feature values.

    Args:
        signals: From :func:`read_asks`.
        job: The posting's structure (requirement levels and years asked).
        role: The role family the plan is weighed for.
        lexicon: The lexicon of the mentions.
        tfidf: Fitted TF-IDF weights (for the concept's rarity).
        centrality: How many postings of each role family ask each concept.
        pillar_weights: ``{pillar: weight}`` of the role.

    Returns:
        ``{concept id: {feature: value}}`` with every name of :data:`FEATURES`.
    """
    max_idf = float(tfidf.idf_.max()) if len(tfidf.idf_) else 1.0
    narrower = _narrower_counts(lexicon)
    features: dict[str, dict[str, float]] = {}
    for term, signal in signals.items():
        concept = lexicon[term]
        level = job.requirement.get(term, "required")
        values = {
            "required": float(level == "required"),
            "preferred": float(level == "preferred"),
            "mentioned": float(level == "mentioned"),
            "log_asked_mentions": math.log1p(signal.asked_mentions),
            "asked_lines": float(min(signal.asked_lines, 5)),
            "in_title": float(signal.in_title),
            "first_position": signal.first_position,
            "early": float(signal.asked_mentions > 0 and signal.first_position <= 0.25),
            "emphasis": float(signal.emphasis),
            "log_years": math.log1p(job.years.get(term, 0)),
            "share_in_lists": signal.share_in_lists,
            "alternative": float(signal.alternative),
            "standalone": float(signal.standalone),
            "role_centrality": centrality.share(role, term),
            "overall_centrality": centrality.overall(term),
            "idf": tfidf.idf(term) / max_idf if term in tfidf.vocabulary_ else 1.0,
            "log_narrower": math.log1p(narrower.get(term, 0)),
            "pillar_weight": pillar_weights.get(concept.pillars[0], 1.0),
            "concept_core_rate": 0.0,  # filled in from the model by probe_scores
        }
        for category, name in _CATEGORY_FEATURES:
            values[name] = float(concept.category == category)
        features[term] = values
    return features


def _narrower_counts(lexicon: Lexicon) -> Mapping[str, int]:
    """How many concepts of the lexicon are narrower than each (kept per lexicon content)."""

    def count() -> Mapping[str, int]:
        counts: dict[str, int] = {}
        for concept in lexicon:
            for ancestor in lexicon.ancestors[concept.id]:
                counts[ancestor] = counts.get(ancestor, 0) + 1
        return MappingProxyType(counts)

    return _NARROWER.get_or_build(lexicon.source_digest, count)


# Loaded once per file content and kept: reading them costs more than a warm analysis.
_MODELS: BoundedCache[tuple[str, int, int], ProbeModel] = bounded_cache("probe_models", maxsize=4)
_CENTRALITIES: BoundedCache[tuple[str, int, int], RoleCentrality] = bounded_cache(
    "role_centralities", maxsize=4
)
_NARROWER: BoundedCache[str, Mapping[str, int]] = bounded_cache("narrower_counts", maxsize=8)


#: Concepts that only name the field of the job (from :data:`jdmatch.model.MODEL`). They stay
#: out of the top of a plan unless the posting names little else: an ML interview takes machine
#: learning as given and probes what the posting asks within it.
FIELD_CONCEPTS: frozenset[str] = MODEL.field_concepts
#: How many concepts a posting must name besides its field concepts for those to step back.
FIELD_STEP_BACK: int = MODEL.field_step_back


def probe_scores(
    features: Mapping[str, Mapping[str, float]], model: ProbeModel, *, role: str | None = None
) -> dict[str, float]:
    """Return each concept's probability of being probed in the interview.

    Field concepts (:data:`FIELD_CONCEPTS`, but those the role asks for as such: see
    :meth:`jdmatch.model.DomainModel.field_concepts_of`) are capped just below the posting's
    :data:`FIELD_STEP_BACK`-th other concept, when it has that many.

    Args:
        features: From :func:`ask_features`.
        model: The fitted probe model.
        role: The posting's role family (``None``: every field concept steps back).

    Returns:
        ``{concept id: probability}``.

    Example:
        >>> model = load_probe_model()
        >>> values = dict(zip(model.features, model.mean, strict=True))
        >>> scores = probe_scores({"python": values, "sql": values}, model)
        >>> scores["python"] > scores["sql"]  # Python is core in more labelled postings
        True
    """
    scores = {
        term: model.probability({**values, "concept_core_rate": model.core_rate(term)})
        for term, values in features.items()
    }
    field = MODEL.field_concepts_of(role)
    others = sorted((p for t, p in scores.items() if t not in field), reverse=True)
    if len(others) >= FIELD_STEP_BACK:
        cap = others[FIELD_STEP_BACK - 1] * 0.99
        for term in field & scores.keys():
            scores[term] = min(scores[term], cap)
    return scores
