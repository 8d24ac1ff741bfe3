"""A nightly ingest: one new filing into a store of many registrants.

A store of ``registrants`` trusts (the synthetic trust of ``synthetic.py`` with
:data:`PORTFOLIOS` portfolios, under as many names, each with its own
supplements, ``size`` in all) is ingested
whole; then one more supplement of one trust is ingested, which changes that
trust's one edition (for three trusts in turn); then another, after every
edition's fingerprint has been spoilt, so that every edition is written again
(what an ingest did before schema 3, measured in the same run on the same
store).  It all runs in a fresh process, as a nightly job would.

Run alone: ``python benchmarks/nightly.py --sizes 10000``.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import attrs
import synthetic
from store_scale import filings_of
from timing import duration, log, ratio

import prospectus_ledger as pl

SIZES = (10_000, 100_000)
REGISTRANTS = 100
ONE_MORE = 3
"""Filings ingested one at a time (the median is reported)."""
PORTFOLIOS = 3
"""Portfolios per trust: 60 sections, about the size of a summary prospectus."""


@attrs.frozen
class NightlyResult:
    """The figures of one size."""

    size: int
    registrants: int
    editions: int
    whole: float
    one: float
    one_written: int
    every: float
    every_written: int


def family(size: int, registrants: int) -> list[synthetic.Synthetic]:
    """``registrants`` synthetic trusts of ``size // registrants`` supplements each, each
    under its own name (and its supplements under their own file names)."""
    found = []
    for number in range(registrants):
        data = synthetic.generate(
            size // registrants, seed=20240611 + number, portfolios=PORTFOLIOS
        )
        name = f"Synthetic Trust {number:03d}"
        supplements = tuple(
            attrs.evolve(
                supplement,
                registrant=name,
                source=pl.Source(name=f"{number:03d}-{supplement.source.name}"),
            )
            for supplement in data.supplements
        )
        found.append(
            attrs.evolve(
                data, base=attrs.evolve(data.base, registrant=name), supplements=supplements
            )
        )
    return found


def _written(path: Path, before: dict[int, bytes]) -> int:
    """How many editions' rows the last ingest wrote (a row not there before)."""
    now = _fingerprints(path)
    return sum(1 for number, mark in now.items() if before.get(number) != mark)


def _fingerprints(path: Path) -> dict[int, bytes]:
    connection = sqlite3.connect(path)
    try:
        return dict(connection.execute("SELECT id, fingerprint FROM editions"))
    finally:
        connection.close()


def run_size(size: int, folder: Path, registrants: int = REGISTRANTS) -> NightlyResult:
    """Every figure for ``size`` supplements across ``registrants`` trusts, measured in a
    fresh process (as a nightly job meets the store, without this run's heap)."""
    log(f"nightly {size:,}: {registrants} trusts, in a fresh process")
    result = subprocess.run(
        [sys.executable, __file__, "--worker", str(size), str(folder), str(registrants)],
        capture_output=True,
        text=True,
        check=True,
    )
    return NightlyResult(**json.loads(result.stdout))


def measure(size: int, folder: Path, registrants: int) -> NightlyResult:
    """:func:`run_size`'s figures, in this process."""
    trusts = family(size, registrants)
    # Tonight's filings: the last supplement of the first four trusts.
    held = [filings_of(data)[-1] for data in trusts[: ONE_MORE + 1]]
    names = {filing.name for filing in held}
    rest = [filing for data in trusts for filing in filings_of(data) if filing.name not in names]
    path = folder / f"nightly-{size}.sqlite"
    start = time.perf_counter()
    pl.Store(path).add_parsed(rest)
    whole = time.perf_counter() - start
    ones, written = [], []
    for filing in held[:ONE_MORE]:
        before = _fingerprints(path)
        start = time.perf_counter()
        pl.Store(path).add_parsed([filing])
        ones.append(time.perf_counter() - start)
        written.append(_written(path, before))
    # Spoil every fingerprint (and so every row's checksum): every edition is written
    # again, as every ingest did before schema 3.
    connection = sqlite3.connect(path)
    connection.execute("UPDATE editions SET fingerprint = zeroblob(32)")
    connection.commit()
    connection.close()
    before = _fingerprints(path)
    start = time.perf_counter()
    pl.Store(path).add_parsed(held[ONE_MORE:])
    every = time.perf_counter() - start
    return NightlyResult(
        size,
        registrants,
        len(before),
        whole,
        statistics.median(ones),
        max(written),
        every,
        _written(path, before),
    )


def report(results: Sequence[NightlyResult]) -> list[str]:
    """The report's section."""
    lines = [
        "## A nightly ingest",
        "",
        "One new filing into a store of many registrants: the synthetic trust above, with "
        f"{PORTFOLIOS} portfolios (x 20 sections), under {REGISTRANTS} names, each with its "
        "own supplements (the size is all of them), "
        "ingested whole through `Store.add_parsed`; then one more supplement of one trust "
        f"(changing that trust's one edition), {ONE_MORE} times, for {ONE_MORE} trusts "
        "(the median); then one more of another trust after every edition's fingerprint was "
        "spoilt, so that every edition is replayed and written again, as every ingest did "
        "before store schema 3. Each ingest is a fresh `Store` on the file, all in a fresh "
        "process.",
        "",
        "| supplements | trusts (editions) | ingest of them all | one more filing | editions "
        "written | one more, every edition written | editions written | ratio |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r.size:,} | {r.registrants} ({r.editions}) | {duration(r.whole)} | "
            f"{duration(r.one)} | {r.one_written} | {duration(r.every)} | {r.every_written} | "
            f"{ratio(r.every / r.one)} |"
        )
    lines += [
        "",
        "What remains of one more filing is the same for any store of that size: reading "
        "every stored supplement back and routing them all again (routing needs them all).",
        "",
    ]
    return lines


def run(sizes: Sequence[int] = SIZES) -> list[str]:
    """Every size; the report's section."""
    with tempfile.TemporaryDirectory() as folder:
        return report([run_size(size, Path(folder)) for size in sizes])


def main(argv: Sequence[str] | None = None) -> int:
    """Run the nightly-ingest benchmark alone and print its section."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--worker", nargs=3, metavar=("SIZE", "FOLDER", "REGISTRANTS"))
    args = parser.parse_args(argv)
    if args.worker:
        size, folder, registrants = args.worker
        found = measure(int(size), Path(folder), int(registrants))
        sys.stdout.write(json.dumps(attrs.asdict(found)))
        return 0
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    sys.stdout.write("\n".join(run(sizes)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
