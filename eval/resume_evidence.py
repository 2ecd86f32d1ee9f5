"""Resume evidence accuracy against blind expert section labels of real resumes.

    python eval/resume_evidence.py --corpora ../shared/corpora [--split dev|test] [--show]

``eval/labels/resume_sections_gold.jsonl`` holds, for 64 resumes of ``../shared/corpora``
(24 text resumes, 40 PDFs; 8 labelled twice), each section's exact heading text and type
(experience, projects, publications, skills, summary, education, certifications, other). The
texts are read by path, as jdmatch reads them: a text resume's repaired CSV cell through
``jdmatch.load``, a PDF through ``jdmatch.load(path)``. Each labelled heading is found in
jdmatch's text by its exact text, in order (the labeller's line indices may differ slightly, and
a flattened resume holds several headings on one line); a section runs from its heading to the
next one, text before the first heading is ``other``.

For every concept ``jdmatch.extract`` finds in a resume, the gold evidence is ``demonstrated``
when one of its mentions lies in a section of type experience, projects or publications, else
``listed``; the prediction is ``read_resume(text, mentions).evidence``. Printed per split:
evidence accuracy overall and per kind (text / PDF), section-type accuracy per non-blank line
(the type at the line's first character), and the agreement of the two labellers on the
resumes labelled twice (evidence and line type). Nothing read here is written anywhere.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpora import DEFAULT_ROOT, text_resumes

import jdmatch
from jdmatch.resume_sections import section_spans
from jdmatch.structure import read_resume

LABELS = Path(__file__).resolve().parent / "labels"
DEMONSTRATING = frozenset({"experience", "projects", "publications"})


@dataclass
class GoldResume:
    file: str
    kind: str  # "text" or "pdf"
    split: str
    text: str
    primary: list[dict[str, Any]]
    others: list[list[dict[str, Any]]] = field(default_factory=list)


def resumes(root: Path, split: str | None = None) -> Iterator[GoldResume]:
    """Yield the labelled resumes with jdmatch's text (primary labeller = first by name)."""
    sample = {item["file"]: item for item in json.loads((LABELS / "sample.json").read_text())[
        "resumes"
    ]}  # fmt: skip
    grouped: dict[str, list[dict[str, Any]]] = {}
    for line in (LABELS / "resume_sections_gold.jsonl").read_text().splitlines():
        if line.strip():
            record = json.loads(line)
            grouped.setdefault(record["file"], []).append(record)
    texts: dict[int, str] | None = None
    for name, records in sorted(grouped.items()):
        item = sample[name]
        if split and item["split"] != split:
            continue
        records.sort(key=lambda r: r["labeller"])
        if item["source"] == "resumes-text":
            if texts is None:
                texts = dict(enumerate(text for _category, text in text_resumes(root)))
            text = jdmatch.load(texts[int(item["row"])]).text
            kind = "text"
        else:
            text = jdmatch.load(root / "resumes-pdf" / item["path"]).text
            kind = "pdf"
        yield GoldResume(
            name,
            kind,
            item["split"],
            text,
            records[0]["sections"],
            [r["sections"] for r in records[1:]],
        )


def _find(text: str, heading: str, start: int, line: int | None) -> int:
    """Where ``heading`` stands in ``text`` at or after ``start`` (-1 when it is not there).

    The labelled line is tried first (the labellers' line numbering is jdmatch's for these
    texts), preferring an occurrence that ends at a word boundary ("Experience", not the start
    of "Experienced"); then the rest of the text, exactly and then case- and space-blind.
    """
    words = [re.escape(word) for word in heading.split()]
    if not words:
        return -1
    exact = re.compile(re.escape(heading) + r"(?!\w)")
    loose = re.compile(r"\s+".join(words), re.IGNORECASE)
    if line is not None:
        starts = line_starts(text)
        if line < len(starts):
            first = max(start, starts[line])
            last = starts[line + 1] if line + 1 < len(starts) else len(text)
            for pattern in (exact, loose):
                match = pattern.search(text, first, last)
                if match:
                    return match.start()
    for pattern in (exact, loose):
        match = pattern.search(text, start)
        if match:
            return match.start()
    return -1


def line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(match.end() for match in re.finditer("\n", text))
    return starts


def gold_spans(text: str, sections: list[dict[str, Any]]) -> tuple[list[tuple[int, str]], int]:
    """``[(start, type)]`` of the labelled sections in ``text``, and how many were not found."""
    spans: list[tuple[int, str]] = [(0, "other")]
    position = 0
    missing = 0
    for section in sections:
        heading = section["heading"]
        if heading is None:
            spans.append((position, section["type"]))
            continue
        found = _find(text, heading, position, section.get("line"))
        if found < 0:
            missing += 1
            continue
        spans.append((found, section["type"]))
        position = found + len(heading)
    return spans, missing


def type_at(spans: list[tuple[int, str]], offset: int) -> str:
    """The type of the section holding ``offset`` (spans sorted by start, the last one wins)."""
    kind = spans[0][1]
    for start, section in spans:
        if start > offset:
            break
        kind = section
    return kind


def gold_evidence(spans: list[tuple[int, str]], mentions: list[jdmatch.Mention]) -> dict[str, str]:
    evidence: dict[str, str] = {}
    for mention in mentions:
        level = "demonstrated" if type_at(spans, mention.start) in DEMONSTRATING else "listed"
        if evidence.get(mention.term) != "demonstrated":
            evidence[mention.term] = level
    return evidence


def line_types(text: str, spans: list[tuple[int, str]]) -> list[str | None]:
    """The type at each non-blank line's first character (``None`` for blank lines)."""
    types: list[str | None] = []
    offset = 0
    for line in text.split("\n"):
        stripped = len(line) - len(line.lstrip())
        types.append(type_at(spans, offset + stripped) if line.strip() else None)
        offset += len(line) + 1
    return types


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--split", choices=("dev", "test"), action="append")
    parser.add_argument("--show", action="store_true", help="print every wrong concept")
    args = parser.parse_args()
    for split in args.split or ["dev", "test"]:
        report(args.corpora, split, show=args.show)


def report(root: Path, split: str, *, show: bool = False) -> None:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    lines_right = lines_total = missing = 0
    agree = agree_total = line_agree = line_agree_total = 0
    for resume in resumes(root, split):
        mentions = jdmatch.extract(resume.text)
        spans, lost = gold_spans(resume.text, resume.primary)
        missing += lost
        gold = gold_evidence(spans, mentions)
        predicted = read_resume(resume.text, mentions).evidence
        wrong = []
        for term, level in gold.items():
            for key in ("all", resume.kind):
                total[key] += 1
                right[key] += predicted.get(term) == level
            if predicted.get(term) != level:
                wrong.append(f"{term}={predicted.get(term)}")
        gold_lines = line_types(resume.text, spans)
        predicted_lines = line_types(resume.text, section_spans(resume.text))
        for want, got in zip(gold_lines, predicted_lines, strict=True):
            if want is not None:
                lines_total += 1
                lines_right += want == got
        for other in resume.others:
            other_spans, _ = gold_spans(resume.text, other)
            second = gold_evidence(other_spans, mentions)
            agree_total += len(gold)
            agree += sum(second[term] == level for term, level in gold.items())
            for want, got in zip(gold_lines, line_types(resume.text, other_spans), strict=True):
                if want is not None:
                    line_agree_total += 1
                    line_agree += want == got
        if show and wrong:
            print(f"  {resume.file} ({len(wrong)}/{len(gold)} wrong): {', '.join(wrong)}")
    print(f"[{split}] evidence accuracy")
    for key in ("all", "text", "pdf"):
        if total[key]:
            share = right[key] / total[key]
            print(f"  {key:5s} {share:.3f}  ({right[key]}/{total[key]} concepts)")
    if lines_total:
        print(f"  section type per line {lines_right / lines_total:.3f}  ({lines_total} lines)")
    if agree_total:
        print(
            f"  labeller agreement: evidence {agree / agree_total:.3f} ({agree_total} concepts),"
            f" line type {line_agree / max(line_agree_total, 1):.3f}"
        )
    print(f"  headings not found in jdmatch's text: {missing}")


if __name__ == "__main__":
    main()
