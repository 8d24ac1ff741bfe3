"""Parse a folder of filings in parallel with dask and write one store per registrant.

Run from the repository root (needs ``pip install 'dask[bag]'``)::

    python examples/dask_ingest.py FOLDER OUT_DIR [--scheduler processes|threads|sync]

Trusts are independent: an edition belongs to one registrant and a supplement
amends only its own registrant's editions, so each registrant's filings can be
parsed and stored apart, on as many cores (or machines) as there are.  See
``docs/scale.md``.

Two passes, both spread over the dask scheduler:

1. every file is read and parsed, to learn the registrants it concerns
   (registrant names normalised with :func:`prospectus_ledger.heading_key`;
   supplements with no registrant, files that hold none, and files that cannot
   be read go to the store ``unknown-registrant``);
2. each registrant's files are ingested into ``OUT_DIR/<registrant>.sqlite``
   with :meth:`prospectus_ledger.Store.ingest`, one task per registrant.

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
from prospectus_ledger.ledger import expand_sources, read_file
from prospectus_ledger.store import IngestReport

LOG = logging.getLogger("dask_ingest")

UNKNOWN = "unknown-registrant"
"""The store for supplements that name no registrant, and files that hold none."""


def registrant_names(file: Path) -> tuple[str, list[str]]:
    """The file, and the normalised names of the registrants its contents name.

    A file that cannot be read, or holds nothing that names a registrant,
    belongs to :data:`UNKNOWN` (the ingest into that store reports why).
    """
    try:
        _, supplements, documents = read_file(file)
    except pl.ProspectusLedgerError:
        return str(file), [UNKNOWN]
    names = {
        pl.heading_key(item.registrant) if item.registrant else UNKNOWN
        for item in [*supplements, *documents]
    }
    return str(file), sorted(names or {UNKNOWN})


def group_by_registrant(found: Sequence[tuple[str, list[str]]]) -> dict[str, list[str]]:
    """Registrant name -> its files, both sorted."""
    groups: dict[str, list[str]] = {}
    for file, names in found:
        for name in names:
            groups.setdefault(name, []).append(file)
    return {name: sorted(files) for name, files in sorted(groups.items())}


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


def _ingest(task: tuple[str, list[str], str]) -> tuple[str, str, IngestReport]:
    registrant, files, path = task
    store = pl.Store(path)
    try:
        report = store.ingest([Path(file) for file in files])
    finally:
        store.close()
    return registrant, path, report


def ingest_by_registrant(
    folder: str | Path, out_dir: str | Path, *, scheduler: Any = "processes"
) -> dict[str, Path]:
    """Parse ``folder``'s filings in parallel and write one store per registrant.

    Args:
        folder: a folder of filings (``.txt``, ``.htm``, ``.html``, ``.sgml``,
            ``.nc``; also ``.md`` bases and ``.json`` exports), or a file.
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
    found = db.from_sequence(files, npartitions=partitions).map(registrant_names)
    groups = group_by_registrant(found.compute(scheduler=scheduler))
    paths = _store_paths(list(groups), target)
    tasks = [(name, group, str(paths[name])) for name, group in groups.items()]
    written = (
        db.from_sequence(tasks, npartitions=max(1, min(len(tasks), 64)))
        .map(_ingest)
        .compute(scheduler=scheduler)
    )
    stores: dict[str, Path] = {}
    for registrant, path, report in sorted(written, key=lambda item: item[0]):
        for file, error in report.failures:
            LOG.warning("%s: not stored in %s: %s", file, path, error)
        stores[registrant] = Path(path)
    return stores


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
