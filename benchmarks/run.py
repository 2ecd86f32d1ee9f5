"""jdmatch benchmarks: each figure is a ratio against a baseline taken in the same run.

    python benchmarks/run.py [--corpora ../shared/corpora] [--output benchmarks/results/latest.md]
        [--stream-pairs 100000]

Reads the real postings, resumes and resume PDFs by path (falls back to generated text when the
corpora are absent) and prints, with its target and PASS/FAIL:

1. extraction throughput of ``jdmatch.extract_many`` vs the bare ``spacy.blank("en")`` tokenizer;
2. warm ``jdmatch.analyze(jd, resume)`` latency vs tokenizing the same pair (median, 200 pairs);
3. cold start of ``jdmatch analyze jd.txt resume.txt`` vs ``import spacy; spacy.blank("en")``;
4. ``jdmatch.load`` on the resume PDFs vs bare ``pdfminer.high_level.extract_text``;
5. peak memory (RSS) of one ``analyze`` in a fresh process;
6. with the ``dask`` extra: ``jdmatch.dask.score_partitions`` on a 2-worker ``LocalCluster``
   vs ``jdmatch.score_frame`` in one process, on the same pairs (workers warmed up first);
7. memory while ``jdmatch.Analyzer.pipe`` streams ``--stream-pairs`` pairs, each with a few
   never-seen-before words, in a fresh process (``benchmarks/stream_memory.py``): how much
   higher RSS peaks in the second half of the stream than in the first (0 = constant).

Timings that compare two things run them alternately (rows 1, 3, 4, 6), because this shared
machine's speed drifts within minutes. The table is also written as Markdown to ``--output``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import spacy

import jdmatch

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
from corpora import DEFAULT_ROOT, GLASSDOOR, LINKEDIN, postings, text_resumes

Row = tuple[str, float, str, bool, str]  # name, value, target text, passed, detail


def generated_texts(count: int, seed: int) -> list[str]:
    words = ["Python", "PyTorch", "Kubernetes", "data", "team", "models", "ship", "and", "we"]
    rng = random.Random(seed)
    return [" ".join(rng.choices(words, k=600)) for _ in range(count)]


def load_corpora(root: Path) -> tuple[list[str], list[str], list[Path]]:
    try:
        jds = [*postings(root, LINKEDIN), *postings(root, GLASSDOOR)]
        resumes = [text for _, text in text_resumes(root)]
        pdfs = sorted((root / "resumes-pdf").rglob("*.pdf"))
    except OSError:
        return generated_texts(1000, 1), generated_texts(160, 2), []
    return jds, resumes, pdfs


def interleaved(
    first: Callable[[], object],
    second: Callable[[], object],
    *,
    repeat: int = 3,
    pick: Callable[[list[float]], float] = min,
) -> tuple[float, float]:
    """Time both, run alternately (this machine's speed drifts within minutes); pick of each."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for run, measured in zip((first, second), times, strict=True):
            start = time.perf_counter()
            run()
            measured.append(time.perf_counter() - start)
    return pick(times[0]), pick(times[1])


def extraction(jds: list[str]) -> Row:
    nlp = spacy.blank("en")
    jdmatch.extract("warm-up: PyTorch")
    bare, ours = interleaved(
        lambda: list(nlp.tokenizer.pipe(jds)), lambda: list(jdmatch.extract_many(jds))
    )
    megabytes = sum(len(t.encode()) for t in jds) / 1e6
    detail = (
        f"{len(jds)} postings, {megabytes:.1f} MB: {len(jds) / ours:.0f} docs/s "
        f"({megabytes / ours:.2f} MB/s) vs {len(jds) / bare:.0f} docs/s"
    )
    ratio = bare / ours
    return ("1. extraction throughput vs tokenizer", ratio, ">= 0.6x", ratio >= 0.6, detail)


def analyze_latency(jds: list[str], resumes: list[str]) -> Row:
    rng = random.Random(0)
    pairs = [(rng.choice(jds), rng.choice(resumes)) for _ in range(200)]
    nlp = spacy.blank("en")
    for jd, resume in pairs[:5]:  # warm-up
        _analyze_or_none(jd, resume)
    ours, bare = [], []
    for jd, resume in pairs:
        start = time.perf_counter()
        _analyze_or_none(jd, resume)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        nlp.tokenizer(jd)
        nlp.tokenizer(resume)
        bare.append(time.perf_counter() - start)
    ratio = statistics.median(ours) / statistics.median(bare)
    detail = (
        f"median analyze {1000 * statistics.median(ours):.1f} ms vs tokenize "
        f"{1000 * statistics.median(bare):.1f} ms (200 pairs)"
    )
    return ("2. warm analyze latency vs tokenizing", ratio, "<= 3x", ratio <= 3, detail)


def _analyze_or_none(jd: str, resume: str) -> None:
    with contextlib.suppress(jdmatch.JdmatchError):  # a posting with no concept: work done
        jdmatch.analyze(jd, resume)


def cold_start(jd: str, resume: str) -> Row:
    with tempfile.TemporaryDirectory() as folder:
        jd_path, resume_path = Path(folder, "jd.txt"), Path(folder, "resume.txt")
        jd_path.write_text(jd, encoding="utf-8")
        resume_path.write_text(resume, encoding="utf-8")
        ours, bare = interleaved(
            lambda: _run(
                [sys.executable, "-m", "jdmatch", "analyze", str(jd_path), str(resume_path)]
            ),
            lambda: _run([sys.executable, "-c", "import spacy; spacy.blank('en')"]),
            repeat=5,
            pick=statistics.median,
        )
    ratio = ours / bare
    detail = f"jdmatch analyze {ours:.2f} s vs spacy.blank {bare:.2f} s (medians of 5, interleaved)"
    return ("3. cold start vs import spacy + blank", ratio, "<= 1.5x", ratio <= 1.5, detail)


def _run(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True, timeout=300)


def pdf_loading(pdfs: list[Path]) -> Row:
    if not pdfs:
        return ("4. PDF loading vs bare pdfminer", float("nan"), ">= 0.9x", False, "no PDFs found")
    from pdfminer.high_level import extract_text

    bare, ours = interleaved(
        lambda: [extract_text(str(p)) for p in pdfs], lambda: [jdmatch.load(p) for p in pdfs]
    )
    ratio = bare / ours
    detail = f"{len(pdfs)} resume PDFs: jdmatch.load {ours:.2f} s vs extract_text {bare:.2f} s"
    return ("4. PDF loading vs bare pdfminer", ratio, ">= 0.9x", ratio >= 0.9, detail)


def peak_memory(jd: str, resume: str) -> Row:
    # VmHWM, the peak of this process image: Linux carries ru_maxrss over from the forking
    # parent across exec, which made this benchmark report the parent's peak (in kB either way).
    script = (
        "import resource, sys, jdmatch; jdmatch.analyze(sys.argv[1], sys.argv[2])\n"
        "try:\n"
        "    status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
        "    print(status.split()[0])\n"
        "except OSError:\n"
        "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", script, jd, resume],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    ).stdout
    megabytes = int(output.split()[-1]) / 1024
    detail = "peak RSS of a fresh process that analyses one pair"
    return ("5. peak memory of one analyze (MB)", megabytes, "<= 250", megabytes <= 250, detail)


def dask_speedup(jds: list[str], resumes: list[str]) -> Row:
    name, target = "6. Dask 2-worker speed-up vs one process", ">= 1.6x"
    try:
        import dask
        import dask.dataframe as dd
        import distributed
    except ImportError:
        return (name, float("nan"), target, False, "dask extra not installed")
    import pandas as pd

    from jdmatch.dask import DASK_CONFIG, score_partitions

    rng = random.Random(1)
    frame = pd.DataFrame(
        [(rng.choice(jds), rng.choice(resumes)) for _ in range(1200)], columns=["jd", "cv"]
    )
    # Both sides first score the same other pairs, so that both time warm pipelines.
    warm = pd.DataFrame(
        [(rng.choice(jds), rng.choice(resumes)) for _ in range(300)], columns=["jd", "cv"]
    )
    jdmatch.score_frame(warm, "jd", "cv")
    with (
        dask.config.set(DASK_CONFIG),  # see jdmatch.dask.DASK_CONFIG for why
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        client.run(jdmatch.score_frame, warm, "jd", "cv")
        runs = iter(range(3))  # a new column each run, or Dask would return the last result

        def on_cluster() -> object:
            parted = dd.from_pandas(frame.assign(run=next(runs)), npartitions=8)
            return client.compute(score_partitions(parted, "jd", "cv")).result()

        single, cluster_time = interleaved(
            lambda: jdmatch.score_frame(frame, "jd", "cv"), on_cluster
        )
    ratio = single / cluster_time
    detail = (
        f"1,200 real pairs, best of 3 alternate runs: one process {single:.1f} s, "
        f"2 workers {cluster_time:.1f} s"
    )
    return (name, ratio, target, ratio >= 1.6, detail)


def stream_memory(corpora: Path, pairs: int) -> Row:
    script = Path(__file__).with_name("stream_memory.py")
    output = subprocess.run(
        [sys.executable, str(script), "--pairs", str(pairs), "--corpora", str(corpora)],
        check=True,
        capture_output=True,
        text=True,
        timeout=3600,
    ).stdout
    result = json.loads(output.splitlines()[-1])
    growth, samples = result["growth_mb"], result["rss_mb"]
    detail = (
        f"{result['pairs']:,} pairs at {result['pairs_per_second']:,.0f} pairs/s; "
        f"RSS {min(samples):.0f}–{max(samples):.0f} MB over the stream"
    )
    if result["errors"]:
        detail += f"; {result['errors']:,} error rows"
    name = f"7. peak memory growth streaming {pairs:,} pairs (MB)"
    return (name, growth, "<= 25", growth <= 25, detail)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_ROOT)
    parser.add_argument(
        "--output", type=Path, default=Path(__file__).with_name("results") / "latest.md"
    )
    parser.add_argument("--stream-pairs", type=int, default=100_000)
    args = parser.parse_args()
    jds, resumes, pdfs = load_corpora(args.corpora)
    pair = (jds[0], resumes[0])
    rows = [
        extraction(jds),
        analyze_latency(jds, resumes),
        cold_start(*pair),
        pdf_loading(pdfs),
        peak_memory(*pair),
        dask_speedup(jds, resumes),
        stream_memory(args.corpora, args.stream_pairs),
    ]
    machine = (
        f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}"
    )
    lines = [
        f"jdmatch {jdmatch.__version__} benchmarks on {machine}",
        "",
        "| benchmark | value | target | result | detail |",
        "|---|---|---|---|---|",
        *(
            f"| {name} | {value:.2f} | {target} | {'PASS' if passed else 'FAIL'} | {detail} |"
            for name, value, target, passed, detail in rows
        ),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
