"""Time adding parsed supplements to a ledger and compiling it (no replay).

Usage::

    python benchmarks/compile_speed.py                     # corpus, 10,000 and 100,000
    python benchmarks/compile_speed.py --sizes 10000       # corpus and 10,000
    python benchmarks/compile_speed.py --identities FILE   # also write every identity

The measure is ``Ledger()``, ``add_document``/``add_supplement`` for each input
and ``Ledger._compile()`` (routing, ordering, identities), over inputs parsed or
generated beforehand; the replay the first query triggers is not in it.  Each
figure is the median of 7 runs after a warm-up, in wall time and in CPU time.
``--identities`` writes the identity of every input, to compare the hashes of
two versions of the library.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import run
import synthetic
from timing import REPEATS, log, median_seconds

import prospectus_ledger as pl
from prospectus_ledger.engine.compiled import document_identity, supplement_identity


def _load(documents: Sequence[pl.Document], supplements: Sequence[pl.Supplement]) -> None:
    ledger = pl.Ledger()
    for document in documents:
        ledger.add_document(document)
    for supplement in supplements:
        ledger.add_supplement(supplement)
    ledger._compile()


def _cpu_seconds(work: Callable[[], object]) -> float:
    """Median CPU time of ``work`` (after a warm-up): steadier than wall time on a
    shared machine, where other processes take turns on the cores."""
    work()
    times = []
    for _ in range(REPEATS):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return statistics.median(times)


def _row(name: str, documents: Sequence[pl.Document], supplements: Sequence[pl.Supplement]) -> str:
    count = len(supplements)
    wall = median_seconds(lambda: _load(documents, supplements), REPEATS)
    cpu = _cpu_seconds(lambda: _load(documents, supplements))
    return (
        f"{name:<18} {count:>7} supplements  wall {wall * 1000:8.1f} ms "
        f"{wall / count * 1e6:6.1f} µs each {count / wall:8,.0f}/s  "
        f"cpu {cpu * 1000:8.1f} ms {count / cpu:8,.0f}/s  (medians of {REPEATS})"
    )


def corpus() -> tuple[list[pl.Document], list[pl.Supplement]]:
    """The corpus filings and the seeds, parsed (as ``run.bench_load`` loads them)."""
    supplements = [s for text in run.corpus_texts() for s in pl.parse_filing(text)]
    return [], supplements


def main(argv: Sequence[str] | None = None) -> None:
    """Print the figures (and write identities when asked)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--identities", type=Path)
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size]
    identities: list[dict[str, str]] = []
    documents, supplements = corpus()
    print(_row("corpus (parsed)", documents, supplements), flush=True)
    identities += [{"supplement": supplement_identity(s)} for s in supplements]
    for size in sizes:
        log(f"generating {size:,} synthetic supplements")
        data = synthetic.generate(size)
        print(_row(f"synthetic {size:,}", [data.base], data.supplements), flush=True)
        identities.append({"document": document_identity(data.base)})
        identities += [{"supplement": supplement_identity(s)} for s in data.supplements]
    if args.identities is not None:
        lines = (json.dumps(row) for row in identities)
        args.identities.write_text("\n".join(lines) + "\n", encoding="utf-8")
        log(f"{len(identities):,} identities written to {args.identities}")


if __name__ == "__main__":
    main(sys.argv[1:])
