"""Import blind labels from the labellers' folder into ``eval/labels`` (ids and labels only).

The labellers worked on copies named ``NN_<li|gd><row>.txt`` (see ``label_sample.py``); this
keys every record by corpus and row instead, and keeps nothing but line indices, labels and the
short phrases the protocol asks for.

    python eval/import_labels.py ../labelling/out
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = HERE / "labels"
CORPUS = {"li": "jobs-aiml-linkedin", "gd": "jobs-glassdoor-ds"}


def posting_key(name: str) -> tuple[str, int]:
    """``("jobs-aiml-linkedin", 478)`` for ``00_li478.txt`` or ``000_li478.txt``."""
    match = re.fullmatch(r"\d+_(li|gd)(\d+)\.txt", name)
    if not match:
        raise ValueError(f"not a posting file name: {name}")
    return CORPUS[match.group(1)], int(match.group(2))


#: Longest phrase kept from a posting: labels keep short phrases, never running text.
MAX_PHRASE_WORDS = 8
_FIRST_WORDS = re.compile(rf"\s*(\S+(?:\s+\S+){{0,{MAX_PHRASE_WORDS - 1}}})")


def short(phrase: str) -> str:
    """The phrase's first :data:`MAX_PHRASE_WORDS` words, spacing kept (still a substring)."""
    match = _FIRST_WORDS.match(phrase)
    return match.group(1) if match else phrase.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    sample = json.loads((LABELS / "sample.json").read_text())
    split = {(p["corpus"], p["row"]): p["split"] for p in sample["postings"]}
    plan, keywords, sections, fit = [], [], [], []
    for path in sorted(args.folder.glob("*.jsonl")):
        kind, labeller = path.stem.split("_", 1)
        for line in path.read_text().splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            if kind == "taskA":
                corpus, row = posting_key(record["file"])
                plan.append(
                    {
                        "corpus": corpus,
                        "row": row,
                        "split": split[corpus, row],
                        "labeller": labeller,
                        "role": record.get("role"),
                        "seniority": record.get("seniority"),
                        "lines": record["lines"],
                        "core": [
                            {"surface": short(c["surface"]), "canonical": c["canonical"]}
                            for c in record["core"]
                        ],
                        # One object per phrase: listed phrases must not join into posting text.
                        "noise": [{"phrase": short(n)} for n in record.get("noise", [])],
                    }
                )
            elif kind == "kw":
                corpus, row = posting_key(record["file"])
                keywords.append(
                    {
                        "corpus": corpus,
                        "row": row,
                        "split": split[corpus, row],
                        "labeller": labeller,
                        "keywords": [
                            {**k, "surface": short(k["surface"])} for k in record["keywords"]
                        ],
                    }
                )
            elif kind == "taskB":
                sections.append(
                    {"file": record["file"], "labeller": labeller, "sections": record["sections"]}
                )
            elif kind == "taskC":
                corpus, row = posting_key(record["jd"])
                fit.append(
                    {
                        "corpus": corpus,
                        "row": row,
                        "split": split[corpus, row],
                        "labeller": labeller,
                        "ranking": record["ranking"],
                        "grades": record["grades"],
                    }
                )
    for name, records in (
        ("postings_gold", plan),
        ("keywords_gold", keywords),
        ("resume_sections_gold", sections),
        ("fit_gold", fit),
    ):
        if records:
            text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
            (LABELS / f"{name}.jsonl").write_text(text)
            print(f"{name}: {len(records)} records")


if __name__ == "__main__":
    main()
