"""Ambiguity traps: false positives and misses on jdmatch's own table of sentences.

    python eval/ambiguity_traps.py

``eval/ambiguity_traps.json`` holds sentences written for jdmatch where a word that can name a
technology does (``found``: "Python, R and SQL") or does not (``not_found``: "the R&D team",
"go to market", "excel at", "C-suite", "spring 2025"). Prints the number of misses and false
positives, and each one. The same table runs as a test.
"""

from __future__ import annotations

import json
from pathlib import Path

import jdmatch

TABLE = Path(__file__).with_name("ambiguity_traps.json")


def main() -> None:
    traps = json.loads(TABLE.read_text(encoding="utf-8"))
    misses = [
        trap
        for trap in traps["found"]
        if (trap["term"], trap["surface"])
        not in {(m.term, m.text) for m in jdmatch.extract(trap["text"])}
    ]
    false_positives = [
        trap
        for trap in traps["not_found"]
        if trap["term"] in {m.term for m in jdmatch.extract(trap["text"])}
    ]
    print(f"technical contexts: {len(traps['found'])} sentences, {len(misses)} missed")
    print(f"ordinary prose:     {len(traps['not_found'])} sentences, "
          f"{len(false_positives)} false positives")  # fmt: skip
    for trap in misses + false_positives:
        print(f"  {trap['term']}: {trap['text']!r}")


if __name__ == "__main__":
    main()
