"""Step 3a of the flow: a learned reader of a posting's lines (required, preferred, mentioned).

Rules tuned on a few postings did not carry over to real ones (issue #12): a short bullet was
taken for a heading, unusual nice-to-have headings were missed, and an "About <Company>" heading
zeroed every later section. This module classifies each line of a posting as ``heading``,
``required``, ``preferred`` or ``mentioned`` with a multinomial logistic model fitted on blind
expert line labels of real postings (``tools/fit_line_levels.py``; weights ship as JSON in
``lexicons/line_model.json``, never pickled), reading the lines in order (greedy sequential
decoding). The rules of :mod:`jdmatch.structure` are features, not the decision:

- the rules' own outputs: the section level their heading state machine gives the line, the level
  the line's heading words name, its sentence cue ("... is a plus"), boilerplate phrases;
- the line's shape: length, colon at the end, all capitals, title case, a bullet marker, an
  inline heading ("Requirements: Python");
- its words, and the words and rule level of the current heading (the last line read as one);
- its relative position in the posting, and the label given to the line before it.

A line read as ``heading`` gets the strongest-scoring of the three levels. The score of class
``k`` is ``b_k + sum_f x_f * w_fk`` over the line's features ``f`` (computed here by hand).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple, cast

from jdmatch.caches import BoundedCache, bounded_cache, cached_file
from jdmatch.errors import LexiconError
from jdmatch.lexicon import default_lexicon_path
from jdmatch.limits import check_time
from jdmatch.model import RequirementLevel

#: File name of the shipped model, inside the lexicon folder.
LINE_MODEL = "line_model.json"
#: The classes of the model, in the order of its weights.
LINE_CLASSES: tuple[str, ...] = ("heading", "required", "preferred", "mentioned")
#: The levels a line can get (the classes but ``heading``), strongest first.
LEVELS: tuple[str, ...] = ("required", "preferred", "mentioned")

_WORD = re.compile(r"[a-z][a-z'+#]*")
_BULLET = re.compile(r"^\s*([-•*▪◦●·o>]|\d{1,2}[.)])\s*")
# What a word of a title-case line starts with.
_TITLE_STARTS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789&(/")
# Texts with fewer non-blank lines are snippets, not postings: the rules read them.
_SHORT = 10
# The value of the rules' features: above 1, the fitted model leans on them more than on words
# (the same L2 penalty buys a larger effect), which carries better to unseen headings.
_RULE_VALUE = 2.0
_MINOR_WORDS = frozenset({"a", "an", "and", "as", "at", "for", "in", "of", "on", "or", "the", "to",
                          "with", "we", "you", "our", "your", "is", "are", "be"})  # fmt: skip


class LineRules(NamedTuple):
    """What the rules of :mod:`jdmatch.structure` say about one line.

    Attributes:
        heading: The rules take the line for a heading (alone, or inline before a colon).
        inline: The heading is followed by content on the same line.
        heading_level: The level the heading's words name (the whole line's words when the rules
            see no heading), ``None`` when no heading rule matches.
        cue_level: The level a sentence cue of the line sets ("... is a plus"), if any.
        boilerplate: The line holds a boilerplate phrase (benefits, equal opportunity ...).
        rule_level: The level the rules alone give the line (their heading state machine).
    """

    heading: bool
    inline: bool
    heading_level: str | None
    cue_level: str | None
    boilerplate: bool
    rule_level: str


@dataclass(frozen=True)
class LineModel:
    """A fitted multinomial logistic model over named, sparse line features.

    Attributes:
        classes: Class names, in weight order (:data:`LINE_CLASSES`).
        intercept: One bias per class.
        weights: ``{feature: one weight per class}``; unknown features weigh nothing.
        provenance: What the model was fitted on, with its held-out figures.
    """

    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]
    provenance: Mapping[str, Any] = field(default_factory=dict)

    def scores(self, features: Mapping[str, float]) -> list[float]:
        """Return the linear score of every class for one line's features."""
        # The hottest loop of reading a posting: the four classes are summed unrolled, from a
        # plain dict (a read-only mapping's lookups cost twice as much).
        s0, s1, s2, s3 = self.intercept
        for row, value in zip(map(self._table.get, features), features.values(), strict=True):
            if row is not None:
                s0 += row[0] * value
                s1 += row[1] * value
                s2 += row[2] * value
                s3 += row[3] * value
        return [s0, s1, s2, s3]

    def word_scores(self, words: set[str], scores: list[float]) -> list[float]:
        """Add the weights of a line's ``w:`` features (:func:`line_words`) to ``scores``."""
        table = self._word_table
        s0, s1, s2, s3 = scores
        for row in map(table.get, words):
            if row is not None:
                s0 += row[0]
                s1 += row[1]
                s2 += row[2]
                s3 += row[3]
        return [s0, s1, s2, s3]

    @cached_property
    def _word_table(self) -> dict[str, tuple[float, ...]]:
        return {name[2:]: row for name, row in self._table.items() if name.startswith("w:")}

    @cached_property
    def _table(self) -> dict[str, tuple[float, ...]]:
        if len(self.classes) != len(LINE_CLASSES) or len(self.intercept) != len(LINE_CLASSES):
            raise ValueError(f"a line model scores the classes {list(LINE_CLASSES)}")
        return dict(self.weights)

    def to_json(self) -> str:
        """Serialise to the JSON format of ``line_model.json``.

        Returns:
            JSON, one feature per line.
        """
        rows = ",\n".join(
            f"  {json.dumps(name)}: {json.dumps([round(w, 5) for w in row])}"
            for name, row in sorted(self.weights.items())
        )
        head = json.dumps(
            {
                "format": 1,
                "provenance": dict(self.provenance),
                "classes": list(self.classes),
                "intercept": [round(b, 5) for b in self.intercept],
            },
            indent=1,
        )
        return head[:-2] + ',\n "weights": {\n' + rows + "\n }\n}\n"


def load_line_model(path: str | PathLike[str] | None = None) -> LineModel:
    """Read a line model written by :meth:`LineModel.to_json`.

    Args:
        path: The JSON file; ``None`` reads the shipped model.

    Returns:
        The model.

    Raises:
        LexiconError: The file is missing or malformed.

    Example:
        >>> load_line_model().classes
        ('heading', 'required', 'preferred', 'mentioned')
    """
    file = Path(path) if path is not None else default_lexicon_path() / LINE_MODEL
    return cached_file(_LINE_MODELS, file, _read_line_model)


def _read_line_model(file: Path) -> LineModel:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != 1:
            raise ValueError("unknown format")
        classes = tuple(str(c) for c in data["classes"])
        if classes != LINE_CLASSES:
            raise ValueError(f"classes must be {list(LINE_CLASSES)}")
        intercept = tuple(float(b) for b in data["intercept"])
        weights = {str(name): tuple(float(w) for w in row) for name, row in data["weights"].items()}
        rows = [intercept, *weights.values()]
        if any(len(row) != len(classes) for row in rows):
            raise ValueError("every weight row needs one weight per class")
        if not all(math.isfinite(w) for row in rows for w in row):
            raise ValueError("weights must be finite numbers")
        return LineModel(
            classes=classes,
            intercept=intercept,
            weights=MappingProxyType(weights),
            provenance=MappingProxyType(dict(data.get("provenance", {}))),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise LexiconError(f"cannot read the line model ({exc})", path=file) from exc


def default_line_model() -> LineModel:
    """The shipped line model (read once per file content, see :mod:`jdmatch.caches`)."""
    return load_line_model()


# Loaded once per file content and kept: reading it costs more than reading a posting.
_LINE_MODELS: BoundedCache[tuple[str, int, int], LineModel] = bounded_cache(
    "line_models", maxsize=4
)


def _upper_letters(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return all(c.isupper() for c in letters) and len(letters) > 1


def line_features(
    line: str,
    rules: LineRules,
    *,
    position: float,
    previous: str,
    heading: str,
    heading_rule: str | None,
    heading_cue: str | None,
    since_heading: int,
    words: bool = True,
) -> dict[str, float]:
    """The features of one non-blank line.

    Args:
        line: The line.
        rules: What the rules say about it.
        position: Its relative position in the posting, 0 (first line) to 1 (last line).
        previous: The label of the non-blank line before it (a class, or ``"start"``).
        heading: The text of the current heading ("" before any).
        heading_rule: The level the rules give the current heading (``None``: no rule matched).
        heading_cue: The level a sentence cue of the current heading sets ("Ideally, ...").
        since_heading: Non-blank lines since the current heading.
        words: Include the line's own words (``w:`` features); a model scores them faster
            from :func:`line_words` (:meth:`LineModel.word_scores`).

    Returns:
        ``{feature name: value}``.
    """
    bullet, text = _bullet_and_text(line)
    tokens = text.split()
    features: dict[str, float] = {
        f"rule={rules.rule_level}": _RULE_VALUE,
        f"own_heading={rules.heading_level}": _RULE_VALUE,
        f"cue={rules.cue_level}": _RULE_VALUE,
        f"prev={previous}": 1.0,
        f"section={heading_rule}": _RULE_VALUE,
        f"section_cue={heading_cue}": _RULE_VALUE,
        f"prev={previous}&section={heading_rule}": 1.0,
        f"rule={rules.rule_level}&section={heading_rule}": 1.0,
        f"since={min(since_heading, 4)}": 1.0,
        f"words={_bucket(len(tokens))}": 1.0,
        "position": position,
        "early": float(position < 0.15),
        "late": float(position > 0.8),
    }
    flags = {
        "rule_heading": rules.heading,
        "inline": rules.inline,
        "boilerplate": rules.boilerplate,
        "bullet": bullet,
        "colon_end": text.endswith(":"),
        "period_end": text.endswith((".", ";")),
        "question": text.endswith("?"),
        "exclaim": text.endswith("!"),
        # str.isupper() first: it is False for every line that is not all caps, without a
        # Python loop over its characters.
        "all_caps": text.isupper() and _upper_letters(text),
        "title_case": bool(tokens)
        and all(w[0] in _TITLE_STARTS or w.lower() in _MINOR_WORDS for w in tokens),
        "lower_start": bool(text) and text[0].islower(),
        "no_heading_yet": not heading,
        "first_line": previous == "start",
    }
    features.update({name: 1.0 for name, on in flags.items() if on})
    if rules.heading and not rules.inline:
        features[f"heading_shape&prev={previous}"] = 1.0
    if words:
        features.update(dict.fromkeys(map("w:".__add__, _words(text)), 1.0))
    if tokens:
        features[f"first:{tokens[0].lower().strip(':,.')}"] = 1.0
    if rules.inline:
        features[f"inline&own_heading={rules.heading_level}"] = 1.0
    if heading_rule is None:
        # The heading's words speak where the rules do not know the heading.
        features.update(dict.fromkeys(map("h:".__add__, set(_WORD.findall(heading.lower()))), 1.0))
    return features


def _bullet_and_text(line: str) -> tuple[bool, str]:
    """Whether a line is a bullet, and its text without the bullet marker and emphasis."""
    stripped = line.strip()
    marker = _BULLET.match(stripped)
    return marker is not None, (stripped[marker.end() :] if marker else stripped).strip("*#_ \t")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def line_words(line: str) -> set[str]:
    """The words of a line that its ``w:`` features name (see :func:`line_features`).

    Args:
        line: The line.

    Returns:
        Its lower-case words.

    Example:
        >>> sorted(line_words("- Python, SQL and C++"))
        ['and', 'c++', 'python', 'sql']
    """
    return _words(_bullet_and_text(line)[1])


def _bucket(n: int) -> str:
    if n <= 2:
        return str(n)
    if n <= 5:
        return "3-5"
    if n <= 9:
        return "6-9"
    if n <= 20:
        return "10-20"
    return "21+"


def classify_lines(
    lines: Sequence[str],
    rules: Sequence[LineRules],
    model: LineModel | None = None,
) -> list[str]:
    """Read a posting's lines in order and give each its class.

    Args:
        lines: The posting's lines (line 0 is its title when it has one).
        rules: What the rules say about each line.
        model: The model; ``None`` uses the shipped one.

    Returns:
        One class per line (:data:`LINE_CLASSES`); blank lines take the class of the line
        before them.
    """
    return [label for label, _ in _decode(lines, rules, model)]


def predict_levels(
    lines: Sequence[str], rules: Sequence[LineRules], model: LineModel | None = None
) -> list[RequirementLevel]:
    """The requirement level of every line (a heading line gets its best level).

    Args:
        lines: The posting's lines.
        rules: What the rules say about each line.
        model: The model; ``None`` uses the shipped one.

    Returns:
        One of :data:`LEVELS` per line.
    """
    return [cast("RequirementLevel", level) for _, level in _decode(lines, rules, model)]


def feature_rows(
    lines: Sequence[str], rules: Sequence[LineRules], gold: Sequence[str | None]
) -> list[dict[str, float] | None]:
    """The features of every line with the gold labels as context (``None`` for blank lines).

    Used to fit the model: the previous label and the current heading follow ``gold``.
    """
    return [features for features, _ in _walk(lines, rules, gold)]


def _walk(
    lines: Sequence[str],
    rules: Sequence[LineRules],
    gold: Sequence[str | None] | None,
    model: LineModel | None = None,
    out: list[tuple[str, str]] | None = None,
) -> list[tuple[dict[str, float] | None, int]]:
    """Walk the lines in order, with labels from ``gold`` or from ``model``'s predictions."""
    steps: list[tuple[dict[str, float] | None, int]] = []
    previous = "start"
    heading, heading_rule, heading_cue, since = "", None, None, 0
    last = max(len(lines) - 1, 1)
    for number, (line, rule) in enumerate(zip(lines, rules, strict=True)):
        if not line.strip():
            steps.append((None, number))
            if out is not None:
                out.append((previous, ""))
            continue
        check_time()  # a line at a time: a posting of 140,000 short lines takes seconds
        features = line_features(
            line,
            rule,
            position=number / last,
            previous=previous,
            heading=heading,
            heading_rule=heading_rule,
            heading_cue=heading_cue,
            since_heading=since,
            words=model is None,
        )
        steps.append((features, number))
        if gold is not None:
            label = gold[number] or previous
        else:
            assert model is not None
            # A line's words are scored from the model's word table: naming each as a
            # feature cost more than the rest of reading the posting's lines.
            line_scores = model.word_scores(line_words(line), model.scores(features))
            scores = dict(zip(model.classes, line_scores, strict=True))
            if rule.inline:  # content follows the heading: the line is labelled by it
                scores["heading"] = -math.inf
            label = max(scores, key=scores.__getitem__)
            if rule.boilerplate and not rule.inline and label != "heading":
                label = "mentioned"  # benefits, equal opportunity ... wherever they stand
            if out is not None:
                best_level = max(LEVELS, key=scores.__getitem__)
                out.append((label, best_level if label != "heading" else "~" + best_level))
        if label == "heading" or (rule.inline and rule.heading):
            heading = _BULLET.sub("", line.strip())
            if rule.inline:
                heading = heading.partition(":")[0]
            heading_rule = rule.heading_level
            heading_cue = rule.cue_level
            since = 0
        else:
            since += 1
        previous = label
    return steps


def _decode(
    lines: Sequence[str],
    rules: Sequence[LineRules],
    model: LineModel | None,
) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if sum(1 for line in lines if line.strip()) < _SHORT:
        # A snippet, not a posting: the model learnt from whole postings (their position and
        # order), so the rules decide.
        return [("heading" if r.heading and not r.inline else r.rule_level, r.rule_level)
                for r in rules]  # fmt: skip
    _walk(lines, rules, None, model or default_line_model(), out)
    # A blank line takes the level of the section it stands in; a heading the level its own
    # scores favour, and the first non-blank line (a title) asks what the posting is about.
    first = next((n for n, line in enumerate(lines) if line.strip()), len(lines))
    following = "required"
    for number in range(len(out) - 1, -1, -1):
        label, level = out[number]
        if number <= first:
            out[number] = (label, "required")
        elif level.startswith("~"):
            out[number] = (label, level[1:])
        elif level:
            following = level
        else:
            out[number] = (label, following)
    return out
