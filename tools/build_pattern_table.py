"""Rewrite the shipped lexicon's pattern table, ``lexicons/pattern_tokens.json``.

    python tools/build_pattern_table.py

Building a pipeline means tokenizing every surface form of the lexicon, which takes longer than
everything else a cold ``jdmatch analyze`` does. The table stores those tokens once, keyed to the
lexicon's fingerprint and the tokenizer's rules; a pipeline whose lexicon or tokenizer differs
ignores it and tokenizes. Re-run this after changing the lexicon or the tokenizer rules: a test
fails while the shipped table is stale.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import jdmatch
from jdmatch.matching import PATTERN_TABLE, write_pattern_table

OUTPUT = Path(__file__).resolve().parents[1] / "lexicons" / PATTERN_TABLE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    write_pattern_table(jdmatch.make_nlp(), jdmatch.load_lexicon(), args.output)
    print(f"wrote {args.output} ({args.output.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
