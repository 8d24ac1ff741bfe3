"""A nightly ingest: one new filing into a store of many registrants.

A store of ``registrants`` trusts (the synthetic trust of ``synthetic.py`` with
:data:`PORTFOLIOS` portfolios, under as many names, each with its own
supplements, ``size`` in all) is ingested
whole; then one more supplement of one trust is ingested, which changes that
trust's one edition; then another, after every edition's fingerprint has been
spoilt, so that every edition is written again (what an ingest did before
schema 3, measured in the same run on the same store).

Run alone: ``python benchmarks/nightly.py --sizes 10000``.
"""

from __future__ import annotations

import argparse
import sqlite3
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
    """Every figure for ``size`` supplements across ``registrants`` trusts."""
    log(f"nightly {size:,}: generating {registrants} trusts")
    trusts = family(size, registrants)
    filings = [filing for data in trusts for filing in filings_of(data)]
    # Tonight's filings: the last supplement of the first two trusts.
    held = [filings_of(trusts[0])[-1], filings_of(trusts[1])[-1]]
    rest = [filing for filing in filings if filing.name not in {f.name for f in held}]
    path = folder / f"nightly-{size}.sqlite"
    log(f"nightly {size:,}: ingesting {len(rest):,} filings")
    start = time.perf_counter()
    pl.Store(path).add_parsed(rest)
    whole = time.perf_counter() - start
    before = _fingerprints(path)
    log(f"nightly {size:,}: one more filing")
    start = time.perf_counter()
    pl.Store(path).add_parsed(held[:1])
    one = time.perf_counter() - start
    one_written = _written(path, before)
    # Spoil every fingerprint (and so every row's checksum): every edition is written
    # again, as every ingest did before schema 3.
    connection = sqlite3.connect(path)
    connection.execute("UPDATE editions SET fingerprint = zeroblob(32)")
    connection.commit()
    connection.close()
    before = _fingerprints(path)
    log(f"nightly {size:,}: one more filing, every edition written again")
    start = time.perf_counter()
    pl.Store(path).add_parsed(held[1:])
    every = time.perf_counter() - start
    every_written = _written(path, before)
    return NightlyResult(
        size, registrants, len(before), whole, one, one_written, every, every_written
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
        "(changing that trust's one edition); then one more of another trust after every "
        "edition's fingerprint was spoilt, so that every edition is replayed and written "
        "again, as every ingest did before store schema 3. Each is a fresh `Store` on the "
        "file, timed once.",
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
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    sys.stdout.write("\n".join(run(sizes)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
