"""The dask recipe (examples/dask_ingest.py) stores what the serial path loads."""

from __future__ import annotations

import importlib.util
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

import prospectus_ledger as pl

pytest.importorskip("dask")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = ROOT / "seeds"
CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "supplements.jsonl"
UNKNOWN = "unknown-registrant"


@pytest.fixture(scope="module")
def dask_ingest() -> Iterator[ModuleType]:
    """The example as a module; its functions travel to dask's worker processes by value."""
    import cloudpickle

    spec = importlib.util.spec_from_file_location("dask_ingest", EXAMPLES / "dask_ingest.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["dask_ingest"] = module
    spec.loader.exec_module(module)
    cloudpickle.register_pickle_by_value(module)
    yield module
    cloudpickle.unregister_pickle_by_value(module)
    del sys.modules["dask_ingest"]


@pytest.fixture(scope="module")
def corpus_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus texts as files, as a nightly job would find them."""
    folder = tmp_path_factory.mktemp("corpus")
    for index, line in enumerate(CORPUS.read_text(encoding="utf-8").splitlines()):
        (folder / f"corpus-{index:03d}.txt").write_text(json.loads(line)["text"], encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def serial(corpus_folder: Path) -> dict[str, pl.Ledger]:
    """Per registrant, an in-memory ledger of the files that name it, parsed one by one."""
    groups: dict[str, list[Path]] = {}
    for file in sorted(corpus_folder.iterdir()):
        supplements = pl.parse_filing(file.read_bytes(), pl.Source(name=file.name))
        names = {
            pl.heading_key(supplement.registrant) if supplement.registrant else UNKNOWN
            for supplement in supplements
        }
        for name in names or {UNKNOWN}:
            groups.setdefault(name, []).append(file)
    return {name: pl.load(files) for name, files in groups.items()}


def _instants(ledger: pl.Ledger) -> list[str]:
    """Every effective instant on the timeline, its day, and the day before."""
    found: set[str] = set()
    for entry in ledger.timeline():
        if entry.effective is not None:
            found.add(entry.effective.isoformat())
            found.add(entry.effective.to_date_string())
            found.add(entry.effective.subtract(days=1).to_date_string())
    return sorted(found)


@pytest.mark.parametrize("scheduler", ["sync", "threads", "processes"])
def test_dask_ingest_gives_the_serial_ledgers(
    scheduler: str,
    tmp_path: Path,
    corpus_folder: Path,
    serial: dict[str, pl.Ledger],
    dask_ingest: ModuleType,
) -> None:
    stores = dask_ingest.ingest_by_registrant(corpus_folder, tmp_path, scheduler=scheduler)
    assert set(stores) == set(serial)
    assert UNKNOWN in stores, "the corpus has supplements that name no registrant"
    assert len({path.name for path in stores.values()}) == len(stores)
    for name, memory in serial.items():
        stored = pl.open_store(stores[name])
        assert stored.timeline() == memory.timeline(), name
        for when in _instants(memory):
            assert stored.as_of(when).documents() == memory.as_of(when).documents(), (name, when)


def test_ingesting_again_adds_nothing(
    tmp_path: Path, corpus_folder: Path, dask_ingest: ModuleType
) -> None:
    first = dask_ingest.ingest_by_registrant(corpus_folder, tmp_path, scheduler="sync")
    before = {name: pl.open_store(path).to_json() for name, path in first.items()}
    again = dask_ingest.ingest_by_registrant(corpus_folder, tmp_path, scheduler="sync")
    assert again == first
    assert {name: pl.open_store(path).to_json() for name, path in again.items()} == before


def test_an_unreadable_file_does_not_stop_the_others(
    tmp_path: Path,
    corpus_folder: Path,
    dask_ingest: ModuleType,
    caplog: pytest.LogCaptureFixture,
) -> None:
    folder = tmp_path / "filings"
    folder.mkdir()
    for file in sorted(corpus_folder.iterdir())[:5]:
        (folder / file.name).write_bytes(file.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    with caplog.at_level(logging.WARNING, logger="dask_ingest"):
        stores = dask_ingest.ingest_by_registrant(folder, tmp_path / "stores", scheduler="sync")
    assert sum(len(pl.open_store(path).supplements) for path in stores.values()) >= 5
    filings = sum(len(pl.open_store(path).store._filing_hashes()) for path in stores.values())
    assert filings >= 5
    assert [record.getMessage() for record in caplog.records if "empty.txt" in record.getMessage()]


def test_each_file_is_parsed_once(
    tmp_path: Path,
    corpus_folder: Path,
    dask_ingest: ModuleType,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "filings"
    folder.mkdir()
    for file in sorted(corpus_folder.iterdir())[:8]:
        (folder / file.name).write_bytes(file.read_bytes())
    calls: list[str] = []
    real = pl.parse_filing

    def counting(data: bytes | str, source: pl.Source | None = None) -> list[pl.Supplement]:
        calls.append(source.name if source is not None and source.name else "")
        return real(data, source)

    monkeypatch.setattr("prospectus_ledger.parsing.parse_filing", counting)
    dask_ingest.ingest_by_registrant(folder, tmp_path / "stores", scheduler="sync")
    assert sorted(calls) == sorted(file.name for file in folder.iterdir())


def test_store_names_are_file_names(dask_ingest: ModuleType) -> None:
    name = dask_ingest.store_name("met investors series trust")
    assert name == "met-investors-series-trust.sqlite"
    assert dask_ingest.store_name("mfs series trust ix /ma/") == "mfs-series-trust-ix-ma.sqlite"
    assert dask_ingest.store_name(UNKNOWN) == "unknown-registrant.sqlite"


def test_the_version_tables_as_a_parquet_dataset_per_registrant(
    tmp_path: Path, dask_ingest: ModuleType
) -> None:
    import duckdb

    stores = dask_ingest.ingest_by_registrant(SEEDS, tmp_path / "stores", scheduler="sync")
    out = dask_ingest.export_versions(stores, tmp_path / "versions", scheduler="sync")
    partitions = sorted(path.parent.name for path in out.glob("*/part-0.parquet"))
    assert partitions == [f"registrant={dask_ingest.store_name(name)}" for name in sorted(stores)]
    ((text,),) = duckdb.sql(
        f"SELECT text FROM read_parquet('{out}/*/*.parquet', hive_partitioning = true) "
        "WHERE heading = 'Principal Investment Strategy' AND NOT partial "
        "AND valid_from <= TIMESTAMPTZ '2007-05-22 23:59:59-04' "
        "AND (valid_to IS NULL OR valid_to > TIMESTAMPTZ '2007-05-22 23:59:59-04')"
    ).fetchall()
    expected = pl.load(SEEDS).as_of("2007-05-22").section("Principal Investment Strategy").text
    assert text == expected
