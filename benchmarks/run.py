"""Benchmarks for prospectus-ledger; writes docs/benchmarks.md.

Usage::

    python benchmarks/run.py            # print the report
    python benchmarks/run.py --write    # also write docs/benchmarks.md

Machines here are shared and noisy, so every figure is a median of repeated
runs, and each is set beside a baseline measured in the same run on the same
input: the ratio is the figure to compare across machines.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path

import prospectus_ledger as pl

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "supplements.jsonl"
REPORT = ROOT / "docs" / "benchmarks.md"
REPEATS = 7


def median_seconds(work: Callable[[], object], repeats: int = REPEATS) -> float:
    """Median wall time of ``work`` over ``repeats`` runs (after one warm-up run)."""
    work()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def corpus_texts() -> list[str]:
    """The corpus texts plus the two seeds: the filings the parser is measured on."""
    texts = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    texts += [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").iterdir())]
    return texts


def bench_parse() -> list[str]:
    """Parse throughput on one core, against a word-tokenising pass over the same text."""
    texts = corpus_texts()
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1_000_000
    word = re.compile(r"\w+")

    def parse_all() -> None:
        for text in texts:
            pl.parse_filing(text)

    def tokenise_all() -> None:
        for text in texts:
            word.findall(text)

    parse = median_seconds(parse_all)
    baseline = median_seconds(tokenise_all)
    return [
        "## Parsing",
        "",
        f"{len(texts)} filings (the corpus and the seeds), {megabytes:.3f} MB of text, "
        "parsed on one core.",
        "",
        "| measure | median | throughput |",
        "| --- | ---: | ---: |",
        f"| `parse_filing` on every filing | {parse * 1000:.1f} ms | "
        f"{megabytes / parse:.2f} MB/s |",
        f"| baseline: `re.findall(r'\\w+')` over the same text | {baseline * 1000:.2f} ms | "
        f"{megabytes / baseline:.1f} MB/s |",
        "",
        f"Parsing costs {parse / baseline:.0f}x the baseline. Target: at least 2 MB/s "
        f"({'met' if megabytes / parse >= 2 else 'NOT met'}).",
        "",
    ]


def bench_load() -> list[str]:
    """Adding parsed supplements to a ledger and compiling it, per supplement."""
    texts = corpus_texts()
    supplements = [s for text in texts for s in pl.parse_filing(text)]

    def load_all() -> None:
        ledger = pl.Ledger()
        for supplement in supplements:
            ledger.add_supplement(supplement)
        ledger.timeline()

    seconds = median_seconds(load_all)
    return [
        "## Loading",
        "",
        "| measure | median |",
        "| --- | ---: |",
        f"| load and compile {len(supplements)} parsed supplements | {seconds * 1000:.1f} ms |",
        f"| per supplement | {seconds / len(supplements) * 1e6:.0f} µs |",
        "",
    ]


def machine() -> list[str]:
    packages = ", ".join(
        f"{name} {version(name)}" for name in ("attrs", "cattrs", "pendulum", "deepdiff", "lxml")
    )
    return [
        "# Benchmarks",
        "",
        "Produced by `python benchmarks/run.py --write`. Medians of "
        f"{REPEATS} runs after a warm-up; ratios are against baselines measured in the same run.",
        "",
        f"- Machine: {platform.machine()}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}",
        f"- prospectus-ledger {version('prospectus-ledger')}; {packages}",
        "",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args(argv)
    report = "\n".join([*machine(), *bench_parse(), *bench_load()])
    sys.stdout.write(report)
    if args.write:
        REPORT.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
