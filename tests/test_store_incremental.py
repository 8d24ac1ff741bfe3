"""An ingest rewrites only the editions its filings change: the others keep their rows,
and the store answers as one built from every filing at once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import prospectus_ledger as pl
from prospectus_ledger.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").iterdir())
TRUST = ROOT / "tests" / "fixtures" / "bases" / "example-trust-2020.md"
DELAWARE = ROOT / "tests" / "fixtures" / "delaware" / "base.html"


def _editions(path: Path) -> dict[str, tuple[int, bytes]]:
    connection = sqlite3.connect(path)
    try:
        return {
            name: (number, bytes(mark))
            for number, name, mark in connection.execute(
                "SELECT id, name, fingerprint FROM editions ORDER BY position"
            )
        }
    finally:
        connection.close()


def _rows(path: Path, table: str) -> int:
    connection = sqlite3.connect(path)
    try:
        (count,) = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(count)
    finally:
        connection.close()


def test_an_ingest_keeps_the_rows_of_the_editions_it_does_not_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prospectus_ledger.store import _index

    path = tmp_path / "ledger.sqlite"
    Store(path).ingest([TRUST, DELAWARE, SEEDS[0]])
    before = _editions(path)
    written: list[str] = []
    rows_of = _index._version_rows

    def spied(index: int, edition: pl.engine.Edition, *rest: object) -> object:
        written.append(edition.name)
        return rows_of(index, edition, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(_index, "_version_rows", spied)
    report = Store(path).ingest([SEEDS[1]])
    after = _editions(path)
    assert (report.editions_written, report.editions) == (len(written), len(after))
    changed = {name for name in after if before.get(name) != after[name]}
    # Only the editions the new supplement amends (the trust's prospectus and SAI) were
    # written again; the example trust's and Delaware's kept their rows.
    assert changed == set(written)
    assert written
    assert all("MET INVESTORS" in name for name in written)
    untouched = [name for name in before if "MET INVESTORS" not in name]
    assert len(untouched) >= 2
    assert all(after[name] == before[name] for name in untouched)
    assert [name for name in after if name not in changed] == [
        name for name in before if name not in changed
    ]
    # Ingesting nothing new writes nothing.
    written.clear()
    again = Store(path).ingest([TRUST, *SEEDS])
    assert written == []
    assert (again.editions_written, again.editions) == (0, len(after))
    assert _editions(path) == after


def test_a_store_ingested_piece_by_piece_answers_as_one_ingested_at_once(
    tmp_path: Path,
) -> None:
    pieces = tmp_path / "pieces.sqlite"
    for files in ([TRUST], [SEEDS[1]], [DELAWARE], [SEEDS[0]]):
        Store(pieces).ingest(files)
    whole = tmp_path / "whole.sqlite"
    report = Store(whole).ingest([TRUST, DELAWARE, *SEEDS])
    loaded = pl.load([TRUST, DELAWARE, *SEEDS])
    assert open_store(pieces).to_json() == open_store(whole).to_json()
    assert list(open_store(pieces).versions()) == list(loaded.versions())
    assert report.problems == len(loaded.problems())
    assert Store(pieces).ingest([TRUST]).problems == len(loaded.problems())
    assert list(_editions(pieces)) == list(_editions(whole))
    for table in ("paths", "versions", "shapes"):
        assert _rows(pieces, table) == _rows(whole, table)
    stored = open_store(pieces)
    assert stored.portfolios() == loaded.portfolios()
    for when in ("2007-05-22", "2019-06-01", "2020-06-01", "2024-06-01"):
        assert stored.as_of(when).documents() == loaded.as_of(when).documents()


def test_an_edition_row_that_does_not_match_its_checksum_is_written_anew(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ledger.sqlite"
    Store(path).ingest([TRUST, SEEDS[0]])
    connection = sqlite3.connect(path)
    connection.execute("UPDATE editions SET problems = problems + 7, position = 5")
    connection.commit()
    connection.close()
    with pytest.raises(pl.StoreError, match="damaged store"):
        open_store(path).as_of("2020-06-01").documents()
    report = Store(path).ingest([SEEDS[1]])
    loaded = pl.load([TRUST, *SEEDS])
    assert report.problems == len(loaded.problems())
    assert open_store(path).to_json() == loaded.to_json()
    for when in ("2007-05-22", "2020-06-01"):
        assert open_store(path).as_of(when).documents() == loaded.as_of(when).documents()
