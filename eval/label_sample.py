"""Choose the postings and resumes for blind labelling and write them where labellers read them.

The files written here are copies of corpus text for the labellers' eyes only: they go to a
folder outside the repository (``--out``) and are never committed. The repository keeps only the
ids this script picks (``eval/labels/sample.json``) so every eval script can find the same texts
in ``../shared/corpora`` by path.

Posting text = title + "\\n" + description with "]]>" removed; line index = index in
``text.split("\\n")`` (the protocol's numbering).

    python eval/label_sample.py --corpora ../shared/corpora --out ../labelling
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
from pathlib import Path

from corpora import DEFAULT_ROOT, posting_rows, text_resumes

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "labels" / "sample.json"
SEED = 20261202


def choose(root: Path) -> dict[str, list[dict[str, object]]]:
    """Pick 60 + 28 postings, then 40 + 20 more, none used by the earlier section labels."""
    used = {
        (p["corpus"], p["row"])
        for p in json.loads((HERE / "labels" / "jd_sections.json").read_text())["postings"]
    }
    rng = random.Random(SEED)
    chosen: list[dict[str, object]] = []
    for corpus, count in (("jobs-aiml-linkedin", 60), ("jobs-glassdoor-ds", 28)):
        rows = [
            row
            for row, (_title, text) in enumerate(posting_rows(root, corpus))
            if (corpus, row) not in used and 600 <= len(text) <= 9000
        ]
        chosen += [{"corpus": corpus, "row": row} for row in sorted(rng.sample(rows, count))]
    rng.shuffle(chosen)
    taken = used | {(str(item["corpus"]), int(str(item["row"]))) for item in chosen}
    second: list[dict[str, object]] = []
    for corpus, count in (("jobs-aiml-linkedin", 40), ("jobs-glassdoor-ds", 20)):
        rows = [
            row
            for row, (_title, text) in enumerate(posting_rows(root, corpus))
            if (corpus, row) not in taken and 600 <= len(text) <= 9000
        ]
        second += [{"corpus": corpus, "row": row} for row in sorted(rng.sample(rows, count))]
    rng.shuffle(second)
    chosen += second
    for number, item in enumerate(chosen):
        prefix = "li" if item["corpus"] == "jobs-aiml-linkedin" else "gd"
        item["file"] = f"{number:03d}_{prefix}{item['row']}.txt"
        # Every third posting is held apart from all tuning (about a third of the sample).
        item["split"] = "test" if number % 3 == 2 else "dev"
    return {"postings": chosen}


def choose_resumes(root: Path) -> list[dict[str, object]]:
    """Pick 24 text resumes (all 10 data science, 14 others) and all 40 PDF resumes."""
    rng = random.Random(SEED + 1)
    by_category: dict[str, list[int]] = {}
    for row, (category, _text) in enumerate(text_resumes(root)):
        by_category.setdefault(category, []).append(row)
    science = by_category.pop("Data Science")
    tech = [
        "Python Developer",
        "Java Developer",
        "DevOps Engineer",
        "Hadoop",
        "Database",
        "ETL Developer",
        "Blockchain",
        "Automation Testing",
        "Business Analyst",
    ]
    other = [rng.choice(by_category[c]) for c in tech]
    other += rng.sample([r for c, rows in by_category.items() if c not in tech for r in rows], 5)
    chosen: list[dict[str, object]] = [
        {"source": "resumes-text", "row": row, "file": f"t{row}.txt"} for row in science + other
    ]
    with (root / "resumes-pdf" / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            stem = line["file"].replace("/", "_").removesuffix(".pdf")
            chosen.append({"source": "resumes-pdf", "path": line["file"], "file": f"p_{stem}.txt"})
    for number, item in enumerate(chosen):
        item["split"] = "test" if number % 3 == 2 else "dev"
    return chosen


def choose_fit(sample: dict[str, list[dict[str, object]]], root: Path) -> list[dict[str, object]]:
    """Pick 8 dev and 4 test postings with an ML or data-science title, 7 mixed resumes each.

    Each gets 3 data-science text resumes, 2 PDFs that mention ML, 1 other tech text resume
    and 1 IT or non-tech PDF, so every ranking spans strong to unrelated.
    """
    rng = random.Random(SEED + 2)
    titles = {
        corpus: [title for title, _text in posting_rows(root, corpus)]
        for corpus in ("jobs-aiml-linkedin", "jobs-glassdoor-ds")
    }
    relevant = re.compile(r"data scien|machine learning|\bml\b|\bai\b|nlp|vision", re.IGNORECASE)
    pools: dict[str, list[str]] = {"science": [], "ml_pdf": [], "tech": [], "other_pdf": []}
    texts = dict(enumerate(category for category, _text in text_resumes(root)))
    for item in sample["resumes"]:
        name = str(item["file"])
        if item["source"] == "resumes-text":
            pools["science" if texts[int(str(item["row"]))] == "Data Science" else "tech"].append(
                name
            )
    with (root / "resumes-pdf" / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            stem = "p_" + line["file"].replace("/", "_").removesuffix(".pdf") + ".txt"
            pools["ml_pdf" if line["selection"] == "ml_mention" else "other_pdf"].append(stem)
    wanted = {"dev": 8, "test": 4}
    chosen: list[dict[str, object]] = []
    for item in sample["postings"]:
        split = str(item["split"])
        title = titles[str(item["corpus"])][int(str(item["row"]))]
        if wanted[split] and relevant.search(title):
            wanted[split] -= 1
            resumes = (
                rng.sample(pools["science"], 3)
                + rng.sample(pools["ml_pdf"], 2)
                + rng.sample(pools["tech"], 1)
                + rng.sample(pools["other_pdf"], 1)
            )
            rng.shuffle(resumes)
            chosen.append({"posting": item["file"], "split": split, "resumes": resumes})
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    sample = choose(args.corpora)
    sample["resumes"] = choose_resumes(args.corpora)
    sample["fit"] = choose_fit(sample, args.corpora)
    SAMPLE.write_text(json.dumps(sample, indent=1) + "\n")
    out = args.out / "postings"
    out.mkdir(parents=True, exist_ok=True)
    texts = {
        corpus: dict(enumerate(posting_rows(args.corpora, corpus)))
        for corpus in ("jobs-aiml-linkedin", "jobs-glassdoor-ds")
    }
    for item in sample["postings"]:
        title, text = texts[str(item["corpus"])][int(str(item["row"]))]
        (out / str(item["file"])).write_text(title + "\n" + text)
    print(f"{len(sample['postings'])} postings written to {out}")
    write_resumes(args.corpora, sample["resumes"], args.out / "resumes")


def write_resumes(root: Path, resumes: list[dict[str, object]], out: Path) -> None:
    """Write each resume as the text a reader sees (text resumes repaired, PDFs via pdfminer)."""
    from pdfminer.high_level import extract_text

    out.mkdir(parents=True, exist_ok=True)
    texts = dict(enumerate(text for _category, text in text_resumes(root)))
    for item in resumes:
        if item["source"] == "resumes-text":
            text = texts[int(str(item["row"]))]
        else:
            text = extract_text(root / "resumes-pdf" / str(item["path"]))
        (out / str(item["file"])).write_text(text)
    print(f"{len(resumes)} resumes written to {out}")


if __name__ == "__main__":
    main()
