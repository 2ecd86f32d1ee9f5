"""Fit the line model (``lexicons/line_model.json``) on blind expert line labels of postings.

    python tools/fit_line_levels.py --corpora ../shared/corpora

Every non-blank line (but the title) of the *dev* postings of ``eval/labels/postings_gold.jsonl``
is one example: the features of :func:`jdmatch.line_levels.line_features` (the previous label
and the current heading follow the gold labels while fitting) and its gold class (``heading``;
``required``; ``preferred``; ``context`` and ``team`` -> ``mentioned``; ``mixed`` lines are not
examples). A scikit-learn multinomial ``LogisticRegression`` is fitted; its regularisation ``C``
and class weighting are chosen by grouped cross-validation over dev postings, decoding each
held-out posting greedily line by line as jdmatch does and scoring the concept requirement
levels of ``eval/posting_levels.py``. Word features seen in fewer than ``--min-df`` dev postings
are dropped. The *test* split is read only with ``--report-test``, after the choice, to write its
figures into the model's provenance. Only weights and figures are written.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))

import numpy as np
from corpora import DEFAULT_ROOT
from gold import GoldPosting, postings
from posting_levels import Tally, score_posting
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

import jdmatch.line_levels as line_module
from jdmatch.extraction import Mention, extract
from jdmatch.line_levels import LINE_CLASSES, LINE_MODEL, LineModel, feature_rows
from jdmatch.structure import _line_rules, line_levels, requirement_levels

CLASS_OF = {
    "title": "heading",  # line 0 of every labelled posting: the model learns to read a title
    "heading": "heading",
    "required": "required",
    "preferred": "preferred",
    "context": "mentioned",
    "team": "mentioned",
}
WORD_PREFIXES = ("w:", "h:", "first:")


def gold_classes(posting: GoldPosting) -> list[str | None]:
    labels = {int(i): label for i, label in posting.primary["lines"]}
    n = len(posting.text.split("\n"))
    return [CLASS_OF.get(labels.get(i, "")) for i in range(n)]


def examples(posting: GoldPosting) -> tuple[list[dict[str, float]], list[str]]:
    """The posting's labelled lines, then the same without its title line.

    Every labelled posting starts with its title; users often paste a posting without one, so
    each posting is also read from its second line on.
    """
    xs, ys = [], []
    lines = posting.text.split("\n")
    classes = gold_classes(posting)
    for skip in (0, 1):
        text = "\n".join(lines[skip:])
        rows = feature_rows(lines[skip:], _line_rules(text, lines[skip:]), classes[skip:])
        for features, label in zip(rows, classes[skip:], strict=True):
            if features is not None and label is not None:
                xs.append(features)
                ys.append(label)
    return xs, ys


def fit(
    data: list[tuple[GoldPosting, list[dict[str, float]], list[str]]],
    *,
    c: float,
    balanced: bool,
    min_df: int,
) -> LineModel:
    df: Counter[str] = Counter()
    for _, xs, _ in data:
        df.update({name for x in xs for name in x if name.startswith(WORD_PREFIXES)})
    keep = {name for name, n in df.items() if n >= min_df}

    def kept(x: dict[str, float]) -> dict[str, float]:
        return {k: v for k, v in x.items() if not k.startswith(WORD_PREFIXES) or k in keep}

    rows = [kept(x) for _, xs, _ in data for x in xs]
    labels = [y for _, _, ys in data for y in ys]
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    classifier = LogisticRegression(
        C=c, class_weight="balanced" if balanced else None, max_iter=3000
    )
    classifier.fit(matrix, labels)
    order = [list(classifier.classes_).index(k) for k in LINE_CLASSES]
    coef = classifier.coef_[order]
    intercept = classifier.intercept_[order]
    weights = {
        name: tuple(float(w) for w in coef[:, j])
        for j, name in enumerate(vectorizer.get_feature_names_out())
        if np.any(np.abs(coef[:, j]) > 1e-4)
    }
    return LineModel(
        classes=LINE_CLASSES, intercept=tuple(float(b) for b in intercept), weights=weights
    )


def line_only_levels(text: str, mentions: list[Mention]) -> list[str]:
    """The mentions' line levels with no sentence cue on top."""
    from bisect import bisect_right

    levels = line_levels(text)
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    return [levels[bisect_right(starts, m.start) - 1] for m in mentions]


def evaluate(
    model: LineModel,
    items: list[GoldPosting],
    mentions: dict[str, list[Mention]],
    *,
    cues: bool = True,
) -> Tally:
    saved = line_module.default_line_model
    line_module.default_line_model = lambda: model  # type: ignore[assignment]
    try:
        tally = Tally()
        for posting in items:
            tally.add(
                score_posting(
                    posting,
                    mentions=mentions[posting.name],
                    mention_levels=requirement_levels if cues else line_only_levels,
                )
            )
        return tally
    finally:
        line_module.default_line_model = saved


def objective(tally: Tally) -> float:
    pref, n_pref = tally.recall(tally.concepts, "preferred")
    ment, n_ment = tally.recall(tally.concepts, "mentioned")
    return (tally.accuracy(tally.concepts) + pref / n_pref + ment / n_ment) / 3


def figures(tally: Tally) -> dict[str, Any]:
    pref, n_pref = tally.recall(tally.concepts, "preferred")
    ment, n_ment = tally.recall(tally.concepts, "mentioned")
    return {
        "postings": tally.postings,
        "line_accuracy": round(tally.accuracy(tally.lines), 3),
        "concept_accuracy": round(tally.accuracy(tally.concepts), 3),
        "preferred_recall": round(pref / n_pref, 3),
        "mentioned_recall": round(ment / n_ment, 3),
        "misread_block_share": round(tally.misread / tally.postings, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--min-df", type=int, default=3)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--report-test", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "lexicons" / LINE_MODEL)
    args = parser.parse_args()
    dev = list(postings(args.corpora, split="dev"))
    mentions = {p.name: extract(p.text) for p in dev}
    data = [(p, *examples(p)) for p in dev]
    groups = np.arange(len(dev))
    best: tuple[float, float, bool, bool] | None = None
    folds = list(GroupKFold(n_splits=args.folds).split(groups, groups=groups))
    for balanced in (False, True):
        for c in (0.1, 0.3, 1.0, 3.0):
            models = [
                fit([data[i] for i in train], c=c, balanced=balanced, min_df=args.min_df)
                for train, _ in folds
            ]
            for cues in (True, False):  # the sentence cues on top of the line levels, or not
                tally = Tally()
                for model, (_, held) in zip(models, folds, strict=True):
                    tally.add(evaluate(model, [dev[i] for i in held], mentions, cues=cues))
                score = objective(tally)
                print(f"C={c} balanced={balanced} cues={cues}: {score:.3f} {figures(tally)}")
                # structure.requirement_levels keeps the cues (negation, "is a plus"): choose
                # among cues=True; the cues=False rows show what they add.
                if cues and (best is None or score > best[0]):
                    best = (score, c, balanced, cues)
    assert best is not None
    _, c, balanced, cues = best
    print(f"chosen: C={c} balanced={balanced} sentence cues on top={cues}")
    model = fit(data, c=c, balanced=balanced, min_df=args.min_df)
    cv = Tally()
    for train, held in folds:
        fold = fit([data[i] for i in train], c=c, balanced=balanced, min_df=args.min_df)
        cv.add(evaluate(fold, [dev[i] for i in held], mentions, cues=cues))
    provenance: dict[str, Any] = {
        "fitted": str(date.today()),
        "tool": "tools/fit_line_levels.py",
        "labels": "eval/labels/postings_gold.jsonl, dev split, primary labeller",
        "postings": len(dev),
        "lines": sum(len(ys) for _, _, ys in data),
        "C": c,
        "class_weight": "balanced" if balanced else None,
        "min_df": args.min_df,
        "sentence_cues_on_top": cues,
        "dev_cv": figures(cv),
    }
    if args.report_test:
        test = list(postings(args.corpora, split="test"))
        test_mentions = {p.name: extract(p.text) for p in test}
        provenance["test"] = figures(evaluate(model, test, test_mentions, cues=cues))
        print(f"test: {provenance['test']}")
    model = LineModel(model.classes, model.intercept, model.weights, provenance)
    args.out.write_text(model.to_json(), encoding="utf-8")
    print(f"wrote {args.out} ({len(model.weights)} features)")


if __name__ == "__main__":
    main()
