"""Fit the probe model (``lexicons/priority_model.json``) on blind expert labels of postings.

    python tools/fit_priority.py --corpora ../shared/corpora

Each blind-labelled posting of the *dev* split (``eval/labels/postings_gold.jsonl``) gives one
example per concept jdmatch finds in it: the features of :mod:`jdmatch.priority`, and the label
"the expert named it a core ask" (a mention overlaps a core surface phrase). A scikit-learn
``LogisticRegression`` is fitted on standardised features; its regularisation ``C`` is chosen
by grouped cross-validation over dev postings on the figure that matters (core asks in the top
10). The *test* split is never read here. Only the weights and figures are written.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))

import numpy as np
from corpora import DEFAULT_ROOT
from gold import occurrences, overlaps, postings
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

import jdmatch
from jdmatch.extraction import extract
from jdmatch.pillars import role_weights
from jdmatch.priority import (
    FEATURES,
    PROBE_MODEL,
    ProbeModel,
    ask_features,
    load_centrality,
    read_asks,
)
from jdmatch.structure import read_job
from jdmatch.weighting import ConceptTfidf


def examples(root: Path, split: str):
    """Yield per posting: (terms, feature matrix, labels, core spans per ask, term spans)."""
    lexicon = jdmatch.load_lexicon()
    tfidf = ConceptTfidf.reference(lexicon=lexicon)
    centrality = load_centrality()
    for posting in postings(root, split=split):
        mentions = extract(posting.text, lexicon=lexicon)
        if not mentions:
            continue
        job = read_job(posting.text, mentions)
        signals = read_asks(posting.text, mentions)
        features = ask_features(
            signals,
            job=job,
            role=job.role,
            lexicon=lexicon,
            tfidf=tfidf,
            centrality=centrality,
            pillar_weights=role_weights(job.role, job.seniority),
        )
        spans: dict[str, list[tuple[int, int]]] = {}
        for m in mentions:
            spans.setdefault(m.term, []).append((m.start, m.end))
        asks = [occurrences(posting.text, a["surface"]) for a in posting.primary["core"]]
        terms = sorted(features)
        x = np.array([[features[t][f] for f in FEATURES] for t in terms])
        y = np.array(
            [any(overlaps(p, s) for ask in asks for p in ask for s in spans[t]) for t in terms]
        )
        options = {t: set(signals[t].options) for t in terms}
        yield posting.name, terms, x, y, asks, spans, options


def top_hits(data, scores_of, top: int = 10) -> tuple[int, int]:
    hit = total = 0
    for (_name, terms, _x, _y, asks, spans, options), scores in zip(data, scores_of, strict=True):
        rows: list[set[str]] = []
        placed: set[str] = set()
        for i in np.argsort(-scores, kind="stable"):
            if terms[i] in placed:
                continue
            row = {terms[i]} | (options[terms[i]] - placed)
            placed |= row
            rows.append(row)
            if len(rows) == top:
                break
        chosen = [s for row in rows for t in row for s in spans[t]]
        hit += sum(any(overlaps(p, s) for p in ask for s in chosen) for ask in asks)
        total += len(asks)
    return hit, total


RATE = FEATURES.index("concept_core_rate")
#: Pseudo-postings pulling a concept's core rate towards the base rate.
SMOOTHING = 5.0
#: A concept needs this many labelled postings to get its own rate in the shipped table.
MIN_SUPPORT = 3


def rate_counts(data) -> tuple[dict[str, list[int]], float]:
    """``{term: [postings naming it, postings where it was core]}`` and the base rate."""
    counts: dict[str, list[int]] = {}
    for _name, terms, _x, y, *_ in data:
        for term, core in zip(terms, y, strict=True):
            entry = counts.setdefault(term, [0, 0])
            entry[0] += 1
            entry[1] += int(core)
    present = sum(c[0] for c in counts.values())
    return counts, sum(c[1] for c in counts.values()) / max(present, 1)


def smoothed(core: float, present: float, base: float) -> float:
    return (core + SMOOTHING * base) / (present + SMOOTHING)


def with_rates(data, counts, base, *, leave_out: bool):
    """Fill the core-rate column: from ``counts``, minus the posting itself when training."""
    filled = []
    for name, terms, x, y, *rest in data:
        x = x.copy()
        for i, (term, core) in enumerate(zip(terms, y, strict=True)):
            present, cores = counts.get(term, [0, 0])
            if leave_out:
                present, cores = present - 1, cores - int(core)
            x[i, RATE] = smoothed(cores, present, base)
        filled.append((name, terms, x, y, *rest))
    return filled


def fit(
    x: np.ndarray, y: np.ndarray, c: float
) -> tuple[LogisticRegression, np.ndarray, np.ndarray]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
    model.fit((x - mean) / scale, y)
    return model, mean, scale


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--output", type=Path, default=ROOT / "lexicons" / PROBE_MODEL)
    args = parser.parse_args()
    data = list(examples(args.corpora, "dev"))
    groups = np.concatenate([[n] * len(d[1]) for n, d in enumerate(data)])
    x_all = np.vstack([d[2] for d in data])
    y_all = np.concatenate([d[3] for d in data])
    best = None
    folds = list(GroupKFold(n_splits=5).split(x_all, y_all, groups))
    for c in (0.01, 0.03, 0.1, 0.3, 1.0, 3.0):
        hit = total = 0
        for train, held in folds:
            train_data = [data[i] for i in sorted(set(groups[train]))]
            counts, base = rate_counts(train_data)
            train_data = with_rates(train_data, counts, base, leave_out=True)
            model, mean, scale = fit(
                np.vstack([d[2] for d in train_data]), np.concatenate([d[3] for d in train_data]), c
            )
            part = [data[i] for i in sorted(set(groups[held]))]
            part = with_rates(part, counts, base, leave_out=False)
            scores = [model.decision_function((d[2] - mean) / scale) for d in part]
            h, t = top_hits(part, scores)
            hit, total = hit + h, total + t
        print(f"C={c}: cross-validated core asks in top 10 = {hit}/{total} = {hit / total:.3f}")
        if best is None or hit / total > best[1]:
            best = (c, hit / total)
    assert best is not None
    counts, base = rate_counts(data)
    trained = with_rates(data, counts, base, leave_out=True)
    model, mean, scale = fit(np.vstack([d[2] for d in trained]), y_all, best[0])
    rates = {
        term: round(smoothed(cores, present, base), 4)
        for term, (present, cores) in counts.items()
        if present >= MIN_SUPPORT
    }
    probe = ProbeModel(
        features=FEATURES,
        mean=tuple(round(float(v), 6) for v in mean),
        scale=tuple(round(float(v), 6) for v in scale),
        coef=tuple(round(float(v), 6) for v in model.coef_[0]),
        intercept=round(float(model.intercept_[0]), 6),
        core_rates=rates,
        base_rate=round(base, 4),
        provenance={
            "labels": f"eval/labels/postings_gold.jsonl, dev split: {len(data)} postings, "
            f"{len(y_all)} concepts, {int(y_all.sum())} core",
            "model": f"sklearn LogisticRegression(C={best[0]}, class_weight='balanced') on "
            "standardised features",
            "cross_validated_core_asks_in_top_10": round(best[1], 3),
            "command": "python tools/fit_priority.py --corpora ../shared/corpora",
            "created": date.today().isoformat(),
        },
    )
    args.output.write_text(probe.to_json())
    for name, weight in sorted(zip(FEATURES, probe.coef, strict=False), key=lambda p: -abs(p[1])):
        print(f"  {name:24s} {weight:+.3f}")
    print(f"-> {args.output}")


if __name__ == "__main__":
    main()
