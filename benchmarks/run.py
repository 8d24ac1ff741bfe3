"""Benchmarks for prospectus-ledger; writes docs/benchmarks.md.

Usage::

    python benchmarks/run.py            # print the report
    python benchmarks/run.py --write    # also write docs/benchmarks.md
    python benchmarks/run.py --sizes 100,1000   # a quick partial run

Machines here are shared and noisy, so every figure is a median of repeated
runs or of many queries, and each is set beside a baseline measured in the
same run on the same input: the ratio is the figure to compare across
machines.  Progress goes to stderr.  See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import alternatives
import nightly
import scale
import store_scale
from timing import REPEATS, duration, log, median_seconds

import prospectus_ledger as pl

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "supplements.jsonl"
REPORT = ROOT / "docs" / "benchmarks.md"


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
        f"Parsing costs {parse / baseline:.0f}x the baseline. Target (issue 17): at least "
        f"5 MB/s on one core ({'met' if megabytes / parse >= 5 else '**NOT met**'}).",
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
        f"{len(supplements) / seconds:,.0f} supplements/s, with the timeline (every replay). "
        "The compile alone (no replay) at 10,000 and 100,000 synthetic supplements is in the "
        "store section below; `benchmarks/compile_speed.py` times it on its own.",
        "",
    ]


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def _git_version() -> str:
    try:
        result = subprocess.run(
            [alternatives.GIT, "--version"], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return "git: not found"
    return str(result.stdout).strip()


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine() -> list[str]:
    """The report's title and the machine and package versions."""
    packages = ", ".join(
        f"{name} {_version(name)}"
        for name in (
            "attrs",
            "cattrs",
            "pendulum",
            "orjson",
            "numpy",
            "pandas",
            "pyarrow",
            "duckdb",
            "deepdiff",
            "lxml",
            "dask",
        )
    )
    return [
        "# Benchmarks",
        "",
        "Produced by `python benchmarks/run.py --write` (see `benchmarks/README.md`). Parse and "
        f"load figures are medians of {REPEATS} runs after a warm-up; query figures are over "
        "hundreds of queries; every ratio is against a baseline measured in the same run.",
        "",
        f"- Machine: {_cpu()}, {os.cpu_count()} CPUs, {platform.machine()}, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}",
        f"- prospectus-ledger {_version('prospectus-ledger')}; {packages}; "
        f"SQLite {sqlite3.sqlite_version}; {_git_version()}",
        "",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Run every benchmark once; print the report and, with ``--write``, save it."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md")
    parser.add_argument(
        "--sizes",
        default=",".join(str(size) for size in scale.SIZES),
        help="numbers of synthetic supplements, comma-separated (default: %(default)s)",
    )
    parser.add_argument(
        "--store-sizes",
        default=",".join(str(size) for size in store_scale.SIZES),
        help="synthetic supplements for the store and batch benchmark (default: %(default)s; "
        "empty to skip it)",
    )
    parser.add_argument(
        "--nightly-sizes",
        default=",".join(str(size) for size in nightly.SIZES),
        help="synthetic supplements for the nightly-ingest benchmark (default: %(default)s; "
        "empty to skip it)",
    )
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    store_sizes = [int(size) for size in args.store_sizes.split(",") if size.strip()]
    nightly_sizes = [int(size) for size in args.nightly_sizes.split(",") if size.strip()]
    started = time.perf_counter()
    log("parsing")
    lines = [*machine(), *bench_parse()]
    log("loading")
    lines += bench_load()
    lines += scale.run(CORPUS, ROOT / "seeds", sizes)
    if store_sizes:
        lines += store_scale.run(store_sizes)
    if nightly_sizes:
        lines += nightly.run(nightly_sizes)
    wall = time.perf_counter() - started
    lines += [f"The whole run took {duration(wall)}.", ""]
    report = "\n".join(lines)
    sys.stdout.write(report)
    if args.write:
        REPORT.write_text(report, encoding="utf-8")
        log(f"wrote {REPORT.relative_to(ROOT)}")
    log(f"done in {duration(wall)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
