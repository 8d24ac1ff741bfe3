"""Parse a folder of filings in parallel with dask and write one store per registrant.

Run from the repository root (needs ``pip install 'dask[bag]'``)::

    python examples/dask_ingest.py FOLDER OUT_DIR [--scheduler processes|threads|sync]

Trusts are independent: an edition belongs to one registrant and a supplement
amends only its own registrant's editions, so each registrant's filings can be
parsed and stored apart, on as many cores (or machines) as there are.  See
``docs/scale.md``.

Each file is read and parsed once, in parallel:

1. every file is read and parsed into a :class:`prospectus_ledger.ParsedFiling`,
   and the registrants it concerns are noted (registrant names normalised
   with :func:`prospectus_ledger.heading_key`; supplements with no registrant
   and files that hold none go to the store ``unknown-registrant``; files that
   cannot be read are logged and stored nowhere);
2. each registrant's parsed filings are written to
   ``OUT_DIR/<registrant>.sqlite`` with :meth:`prospectus_ledger.Store.add_parsed`,
   one task per registrant, which parses nothing again.

A store keeps whole filings (their original bytes), so a filing whose
supplements name two registrants is stored in both stores; in each, the other
registrant's supplements form an edition chain of their own and change nothing
of this one's answers.  Ingesting into existing stores only adds what is new.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import dask.bag as db

import prospectus_ledger as pl
from prospectus_ledger.sources import expand_sources
from prospectus_ledger.store import IngestReport

LOG = logging.getLogger("dask_ingest")

UNKNOWN = "unknown-registrant"
"""The store for supplements that name no registrant, and files that hold none."""


def read_and_name(file: Path) -> tuple[str, list[str], pl.ParsedFiling | str]:
    """The file, the normalised names of the registrants it names, and the file
    parsed (or why it cannot be read).

    A file that holds nothing that names a registrant belongs to :data:`UNKNOWN`;
    one that cannot be read names no registrant.
    """
    try:
        parsed = pl.ParsedFiling.read(file)
    except pl.ProspectusLedgerError as error:
        return str(file), [], str(error)
    names = {
        pl.heading_key(item.registrant) if item.registrant else UNKNOWN
        for item in [*parsed.supplements, *parsed.documents]
    }
    return str(file), sorted(names or {UNKNOWN}), parsed


def group_by_registrant(
    found: Sequence[tuple[str, list[str], pl.ParsedFiling | str]],
) -> dict[str, list[pl.ParsedFiling]]:
    """Registrant name -> its parsed filings, both sorted (filings by file name)."""
    groups: dict[str, list[pl.ParsedFiling]] = {}
    for file, names, parsed in sorted(found, key=lambda item: item[0]):
        if isinstance(parsed, str):
            LOG.warning("%s: not stored: %s", file, parsed)
            continue
        for name in names:
            groups.setdefault(name, []).append(parsed)
    return dict(sorted(groups.items()))


def store_name(registrant: str) -> str:
    """A file name for a registrant's store ("met-investors-series-trust.sqlite")."""
    slug = re.sub(r"[^a-z0-9]+", "-", registrant.lower()).strip("-") or UNKNOWN
    return f"{slug}.sqlite"


def _store_paths(registrants: Sequence[str], out_dir: Path) -> dict[str, Path]:
    """A distinct store path per registrant, even when two names slug alike."""
    paths: dict[str, Path] = {}
    used: set[str] = set()
    for registrant in registrants:
        name = store_name(registrant)
        stem, number = name.removesuffix(".sqlite"), 2
        while name in used:
            name, number = f"{stem}-{number}.sqlite", number + 1
        used.add(name)
        paths[registrant] = out_dir / name
    return paths


def _write(task: tuple[str, list[pl.ParsedFiling], str]) -> tuple[str, str, IngestReport]:
    registrant, filings, path = task
    store = pl.Store(path)
    try:
        report = store.add_parsed(filings)
    finally:
        store.close()
    return registrant, path, report


def ingest_by_registrant(
    folder: str | Path, out_dir: str | Path, *, scheduler: Any = "processes"
) -> dict[str, Path]:
    """Parse ``folder``'s filings in parallel and write one store per registrant.

    Args:
        folder: a folder of filings (read by content; see
            ``prospectus_ledger.sources``), or a file.
        out_dir: where the stores go (created if needed), one
            ``<registrant>.sqlite`` each.
        scheduler: any dask scheduler: ``"processes"`` (the default: parsing
            is pure Python), ``"threads"``, ``"sync"`` (for debugging), or a
            ``dask.distributed.Client``.

    Returns:
        The normalised registrant name (``heading_key`` of the name as
        printed, or :data:`UNKNOWN`) -> its store's path.
    """
    files = expand_sources(folder)
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    if not files:
        return {}
    partitions = max(1, min(len(files), 64))
    found = db.from_sequence(files, npartitions=partitions).map(read_and_name)
    groups = group_by_registrant(found.compute(scheduler=scheduler))
    paths = _store_paths(list(groups), target)
    tasks = [(name, group, str(paths[name])) for name, group in groups.items()]
    if not tasks:
        return {}
    written = (
        db.from_sequence(tasks, npartitions=max(1, min(len(tasks), 64)))
        .map(_write)
        .compute(scheduler=scheduler)
    )
    return {
        registrant: Path(path) for registrant, path, _ in sorted(written, key=lambda item: item[0])
    }


def _write_versions(task: tuple[str, str, str]) -> tuple[str, int]:
    registrant, store, out = task
    frame = pl.open_store(store).versions().to_dataframe()
    folder = Path(out) / f"registrant={store_name(registrant)}"
    folder.mkdir(parents=True, exist_ok=True)
    frame.to_parquet(folder / "part-0.parquet", index=False)
    return registrant, len(frame)


def export_versions(
    stores: dict[str, Path], out_dir: str | Path, *, scheduler: Any = "processes"
) -> Path:
    """Write each store's version table (``Ledger.versions()``) as one partition of a
    Parquet dataset, ``out_dir/registrant=<name>/part-0.parquet``, one task per store;
    read it back with DuckDB (``read_parquet('out_dir/*/*.parquet',
    hive_partitioning = true)``) or pandas.  Needs pyarrow (the ``parquet`` extra).
    """
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    tasks = [(name, str(path), str(target)) for name, path in stores.items()]
    if tasks:
        db.from_sequence(tasks, npartitions=max(1, min(len(tasks), 64))).map(
            _write_versions
        ).compute(scheduler=scheduler)
    return target


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ingest FOLDER into per-registrant stores in OUT_DIR."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument(
        "--scheduler", default="processes", choices=("processes", "threads", "sync")
    )
    args = parser.parse_args(argv)
    stores = ingest_by_registrant(args.folder, args.out_dir, scheduler=args.scheduler)
    for registrant, path in stores.items():
        ledger = pl.open_store(path)
        print(f"{registrant}: {path} ({len(ledger.supplements)} supplements)")
    print(f"{len(stores)} stores in {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
