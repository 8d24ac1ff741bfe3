"""The SQLite store: same answers as in memory, idempotent and transactional ingest."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import prospectus_ledger as pl
from prospectus_ledger.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
BASE = ROOT / "tests" / "fixtures" / "bases" / "example-trust-2020.md"
CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "supplements.jsonl"


@pytest.fixture(scope="module")
def corpus_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus texts as files, as a nightly job would find them."""
    folder = tmp_path_factory.mktemp("corpus")
    for index, line in enumerate(CORPUS.read_text(encoding="utf-8").splitlines()):
        (folder / f"corpus-{index:03d}.txt").write_text(json.loads(line)["text"], encoding="utf-8")
    return folder


def _dates(ledger: pl.Ledger) -> list[str]:
    """Every effective date on the timeline, the day before, and the day itself."""
    days = {
        entry.effective.to_date_string()
        for entry in ledger.timeline()
        if entry.effective is not None
    }
    days |= {
        entry.effective.subtract(days=1).to_date_string()
        for entry in ledger.timeline()
        if entry.effective is not None
    }
    return sorted(days)


def test_store_answers_like_the_in_memory_ledger_on_the_seeds(tmp_path: Path) -> None:
    store = Store(tmp_path / "seeds.sqlite")
    report = store.ingest([SEEDS, BASE])
    assert (report.files, report.new_filings, report.supplements, report.documents) == (3, 3, 2, 1)
    stored, memory = open_store(tmp_path / "seeds.sqlite"), pl.load([SEEDS, BASE])
    for when in [*_dates(memory), "2006-12-21T15:00", "2006-12-21T16:00", "2020-06-01"]:
        assert stored.as_of(when).documents() == memory.as_of(when).documents(), when
    view = stored.as_of("2007-05-22").section("Principal Investment Strategy")
    assert view == memory.as_of("2007-05-22").section("Principal Investment Strategy")
    with pytest.raises(pl.NoTextKnownError):
        stored.as_of("2007-05-21").section("Principal Investment Strategy")
    assert stored.timeline() == memory.timeline()
    assert stored.problems() == memory.problems()
    assert stored.history(
        "Principal Investment Strategy", portfolio="Third Avenue Small Cap Value Portfolio"
    ) == (
        memory.history(
            "Principal Investment Strategy", portfolio="Third Avenue Small Cap Value Portfolio"
        )
    )
    known = stored.as_of("2007-05-25", known_at="2007-05-28")
    assert known.documents() == memory.as_of("2007-05-25", known_at="2007-05-28").documents()


def test_store_answers_like_the_in_memory_ledger_on_the_corpus(
    tmp_path: Path, corpus_folder: Path
) -> None:
    store = Store(tmp_path / "corpus.sqlite")
    report = store.ingest(corpus_folder)
    assert report.failures == ()
    stored, memory = open_store(tmp_path / "corpus.sqlite"), pl.load(corpus_folder)
    assert len(stored.supplements) == len(memory.supplements)
    for when in _dates(memory):
        assert stored.as_of(when).documents() == memory.as_of(when).documents(), when
    assert stored.timeline() == memory.timeline()
    assert stored.problems() == memory.problems()


def test_ingesting_twice_is_a_no_op(tmp_path: Path) -> None:
    store = Store(tmp_path / "twice.sqlite")
    store.ingest(SEEDS)
    before = store.ledger().to_json()
    again = store.ingest(SEEDS)
    assert (again.new_filings, again.supplements, again.amendments) == (0, 0, 0)
    assert store.ledger().to_json() == before
    connection = sqlite3.connect(tmp_path / "twice.sqlite")
    assert connection.execute("SELECT COUNT(*) FROM filings").fetchone() == (2,)


def test_the_original_bytes_are_kept(tmp_path: Path) -> None:
    store = Store(tmp_path / "bytes.sqlite")
    store.ingest(SEEDS)
    for seed in SEEDS.iterdir():
        data = seed.read_bytes()
        import hashlib

        assert store.filing_bytes(hashlib.sha256(data).hexdigest()) == data
    with pytest.raises(pl.StoreError):
        store.filing_bytes("0" * 64)


def test_a_failing_ingest_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    store = Store(tmp_path / "atomic.sqlite")
    store.ingest([SEEDS / "000_6de0636f7720f9ef.txt"])
    before = store.ledger().to_json()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    with pytest.raises(pl.InvalidFilingError, match=r"bad\.txt"):
        store.ingest([SEEDS / "004_75a3e5324524647b.txt", bad], errors="raise")
    assert store.ledger().to_json() == before
    recorded = store.ingest([SEEDS / "004_75a3e5324524647b.txt", bad])
    assert recorded.new_filings == 1
    assert recorded.failures[0][0].endswith("bad.txt")


def test_stored_ledger_add_file_writes_through(tmp_path: Path) -> None:
    ledger = open_store(tmp_path / "through.sqlite", create=True)
    assert len(ledger.add_file(SEEDS / "000_6de0636f7720f9ef.txt")) == 1
    assert ledger.add_file(SEEDS / "000_6de0636f7720f9ef.txt") == []
    reopened = open_store(tmp_path / "through.sqlite")
    assert reopened.as_of("2007-05-22").section("Principal Investment Strategy").text
    with pytest.raises(pl.StoreError):
        reopened.add_supplement(reopened.supplements[0])


def test_versions_table_matches_history(tmp_path: Path) -> None:
    """A row per version of a section, found by its heading's key, with each version
    running until the next one starts."""
    store = Store(tmp_path / "versions.sqlite")
    store.ingest([SEEDS, BASE])
    connection = sqlite3.connect(tmp_path / "versions.sqlite")
    rows = connection.execute(
        "SELECT p.key, v.valid_from_us, v.valid_to_us FROM versions v JOIN paths p "
        "ON p.id = v.path WHERE p.heading_key = ? AND v.section IS NOT NULL "
        "ORDER BY v.valid_from_us",
        ("dreman value management, llc",),
    ).fetchall()
    assert [json.loads(key)[-1][0] for key, _, _ in rows] == ["dreman value management, llc"] * len(
        rows
    )
    assert [to for _, _, to in rows[:-1]] == [start for _, start, _ in rows[1:]]
    history = pl.load(SEEDS).history("Dreman Value Management, LLC")
    assert len(history) == len(rows)


def test_not_a_store_damaged_or_newer_stores_are_clear_errors(tmp_path: Path) -> None:
    text = tmp_path / "text.sqlite"
    text.write_text("this is not a database " * 100, encoding="utf-8")
    with pytest.raises(pl.StoreError, match=r"text\.sqlite"):
        open_store(text)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE something (x)").connection.commit()
    with pytest.raises(pl.StoreError, match="not a prospectus-ledger store"):
        open_store(other)
    newer = tmp_path / "newer.sqlite"
    Store(newer).close()
    connection = sqlite3.connect(newer)
    connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    connection.commit()
    connection.close()
    with pytest.raises(pl.StoreError, match="newer than this library"):
        open_store(newer)
    with pytest.raises(pl.StoreError, match="no such store"):
        open_store(tmp_path / "missing.sqlite", create=False)


def test_truncated_store_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "truncated.sqlite"
    store = Store(path)
    store.ingest([SEEDS, BASE])
    store.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])

    def use_it() -> None:
        ledger = open_store(path)
        ledger.as_of("2007-05-22").section("Principal Investment Strategy")
        ledger.timeline()

    with pytest.raises(pl.StoreError, match=r"truncated\.sqlite"):
        use_it()


_INGEST = """
import sys
from prospectus_ledger.store import Store
store = Store(sys.argv[1])
for path in sys.argv[2:]:
    store.ingest([path])
print("done", flush=True)
"""


def test_killed_ingest_leaves_a_readable_store_with_nothing_lost(
    tmp_path: Path, corpus_folder: Path
) -> None:
    files = sorted(corpus_folder.iterdir())[:40]
    kills = 0
    for attempt, delay in enumerate((0.3, 0.6, 0.9, 1.2, 1.6, 2.0)):
        path = tmp_path / f"killed-{attempt}.sqlite"
        process = subprocess.Popen(
            [sys.executable, "-c", _INGEST, str(path), *map(str, files)],
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        )
        time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait(timeout=60)
        if not path.exists():
            continue
        if path.stat().st_size == 0:
            # Killed before the schema's one transaction: nothing was stored, the empty
            # file is refused as a store, and ingesting again makes it one.
            with pytest.raises(pl.StoreError, match="not a prospectus-ledger store"):
                open_store(path)
            assert Store(path).ingest(files).failures == ()
            continue
        ledger = open_store(path)
        stored = {s.source.sha256 for s in ledger.supplements}
        connection = sqlite3.connect(path)
        filings = {row[0] for row in connection.execute("SELECT sha256 FROM filings")}
        assert stored <= filings, "no supplement without its filing"
        for sha in filings:
            data = Store(path).filing_bytes(sha)
            assert sha in {s.source.sha256 for s in pl.parse_filing(data)} or data
        assert ledger.timeline() is not None
        report = Store(path).ingest(files)
        assert report.failures == ()
        complete = open_store(path)
        assert len(complete.supplements) == len(pl.load(files).supplements)
    assert kills >= 1, "the ingest finished before any kill: use more files"


def test_parallel_ingest_stores_the_same_as_serial(tmp_path: Path, corpus_folder: Path) -> None:
    serial, parallel = Store(tmp_path / "serial.sqlite"), Store(tmp_path / "parallel.sqlite")
    one = serial.ingest(corpus_folder, jobs=1)
    many = parallel.ingest(corpus_folder, jobs=2)
    assert (one.new_filings, one.supplements, one.amendments) == (
        many.new_filings,
        many.supplements,
        many.amendments,
    )
    assert serial.ledger().to_json() == parallel.ledger().to_json()


def test_an_older_store_is_migrated_forward(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prospectus_ledger.store import schema

    path = tmp_path / "old.sqlite"
    Store(path).ingest(SEEDS)
    now = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(
        schema.MIGRATIONS, now + 1, ("ALTER TABLE filings ADD COLUMN note TEXT", False)
    )
    store = Store(path)
    assert store.migrated_from == now
    assert store.ledger().as_of("2007-05-22").section("Principal Investment Strategy").text
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (
        str(now + 1),
    )
    columns = [row[1] for row in connection.execute("PRAGMA table_info(filings)")]
    assert "note" in columns
    assert Store(path).migrated_from is None


SCHEMA_1 = ROOT / "tests" / "fixtures" / "stores" / "schema-1.sqlite"
SCHEMA_2 = ROOT / "tests" / "fixtures" / "stores" / "schema-2.sqlite"


def _tables(path: Path) -> set[str]:
    connection = sqlite3.connect(path)
    try:
        return {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    finally:
        connection.close()


def test_a_store_written_by_schema_1_is_upgraded_and_answers_as_before(tmp_path: Path) -> None:
    """A store written before versions replaced states (the seeds and the example trust,
    ingested by the release that wrote schema 1): opened, it is upgraded in place, and
    answers every question as the filings loaded in memory do."""
    path = tmp_path / "schema-1.sqlite"
    shutil.copy(SCHEMA_1, path)
    assert {"states", "nodes", "section_versions"} <= _tables(path)
    store = Store(path)
    assert store.migrated_from == 1
    assert not {"states", "nodes", "section_versions"} & _tables(path)
    assert {"texts", "paths", "versions", "shapes"} <= _tables(path)
    stored, loaded = store.ledger(), pl.load([SEEDS, BASE])
    for when in ("2006-12-21T15:00", "2007-05-22", "2019-06-01", "2020-06-01"):
        assert stored.as_of(when).documents() == loaded.as_of(when).documents()
        assert [(v.path, v.text) for v in stored.as_of(when).sections()] == [
            (v.path, v.text) for v in loaded.as_of(when).sections()
        ]
    assert stored.timeline() == loaded.timeline()
    # Filings written by schema 1 keep their bytes as they were, and read as before.
    seed = sorted(SEEDS.iterdir())[0]
    assert store.filing_bytes(hashlib.sha256(seed.read_bytes()).hexdigest()) == seed.read_bytes()
    assert Store(path).migrated_from is None


def test_a_store_written_by_schema_2_is_upgraded_and_answers_as_before(tmp_path: Path) -> None:
    """A store written before editions kept their rows across ingests (the seeds and the
    example trust, ingested by the release that wrote schema 2): opened, it is upgraded
    in place, and answers as the filings loaded in memory do."""
    path = tmp_path / "schema-2.sqlite"
    shutil.copy(SCHEMA_2, path)
    store = Store(path)
    assert store.migrated_from == 2
    connection = sqlite3.connect(path)
    columns = {row[1] for row in connection.execute("PRAGMA table_info(editions)")}
    assert {"fingerprint", "position", "problems", "portfolios"} <= columns
    connection.close()
    stored, loaded = store.ledger(), pl.load([SEEDS, BASE])
    for when in ("2006-12-21T15:00", "2007-05-22", "2019-06-01", "2020-06-01"):
        assert stored.as_of(when).documents() == loaded.as_of(when).documents()
    assert stored.timeline() == loaded.timeline()
    assert store.ingest([BASE]).problems == len(loaded.problems())
    assert Store(path).migrated_from is None


def test_a_migration_that_fails_leaves_the_old_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prospectus_ledger.store import _store

    path = tmp_path / "schema-1.sqlite"
    shutil.copy(SCHEMA_1, path)

    def broken(*_: object) -> None:
        raise pl.StoreError(str(path), "the rebuild failed")

    monkeypatch.setattr(_store, "write_derived", broken)
    with pytest.raises(pl.StoreError, match="the rebuild failed"):
        Store(path)
    assert {"states", "nodes", "section_versions"} <= _tables(path)
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (
        "1",
    )
    connection.close()
    monkeypatch.undo()
    assert Store(path).migrated_from == 1


def test_adding_parsed_filings_stores_what_ingesting_the_files_does(
    tmp_path: Path, corpus_folder: Path
) -> None:
    files = [*sorted(corpus_folder.iterdir())[:12], *sorted(SEEDS.iterdir()), BASE]
    ingested = Store(tmp_path / "ingested.sqlite")
    ingested.ingest(files)
    parsed = [pl.ParsedFiling.read(file) for file in files]
    # Filings travel between processes: a pickled one stores the same.
    parsed = [pickle.loads(pickle.dumps(filing)) for filing in parsed]
    added = Store(tmp_path / "added.sqlite")
    report = added.add_parsed(parsed)
    assert (report.files, report.new_filings, report.failures) == (len(files), len(files), ())
    assert report.supplements == sum(len(filing.supplements) for filing in parsed)
    assert (
        open_store(tmp_path / "added.sqlite").to_json()
        == open_store(tmp_path / "ingested.sqlite").to_json()
    )
    again = added.add_parsed(parsed)
    assert (again.new_filings, again.supplements, again.documents) == (0, 0, 0)
    assert added._filing_hashes() == ingested._filing_hashes()


def test_adding_what_is_not_a_parsed_filing_is_refused_and_writes_nothing(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "ledger.sqlite", max_filing_bytes=1_000)
    good = pl.ParsedFiling.read(BASE)
    with pytest.raises(pl.InvalidFilingError, match=r"item 1.*expected a ParsedFiling, got a str"):
        store.add_parsed([good, "seeds/"])  # type: ignore[list-item]
    big = pl.ParsedFiling("big.txt", b"x" * 1_001)
    with pytest.raises(pl.InvalidFilingError, match=r"big\.txt.*1,001 bytes.*limit is 1,000"):
        store.add_parsed([good, big])
    assert store._filing_hashes() == set()
    assert "1,234 bytes" in repr(pl.ParsedFiling("a.txt", b"x" * 1_234))


def test_open_store_refuses_a_missing_file_unless_asked_to_create(tmp_path: Path) -> None:
    with pytest.raises(pl.StoreError, match="no such store"):
        open_store(tmp_path / "typo.sqlite")
    assert not (tmp_path / "typo.sqlite").exists()
    assert len(open_store(tmp_path / "new.sqlite", create=True).supplements) == 0


def test_load_opens_a_store_as_the_cli_does(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    pl.Store(path).ingest([SEEDS])
    ledger = pl.load(path)
    assert isinstance(ledger, pl.StoredLedger)
    assert len(ledger.supplements) == 2
    with pytest.raises(pl.InvalidManifestError, match="is a store"):
        pl.load(path, manifest=tmp_path / "manifest.csv")


def test_the_command_line_says_when_it_upgrades_a_store(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from prospectus_ledger.cli import main

    path = tmp_path / "schema-1.sqlite"
    shutil.copy(SCHEMA_1, path)
    result = CliRunner().invoke(
        main,
        ["show", str(path), "Principal Risks", "--as-of", "2020-06-01"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert f"Upgraded {path} from store schema 1 to 3" in result.stderr
    assert "Market risk" in result.stdout
    again = CliRunner().invoke(
        main, ["show", str(path), "Principal Risks", "--as-of", "2020-06-01"]
    )
    assert "Upgraded" not in again.stderr


def test_the_compression_dictionary_never_changes() -> None:
    """Values stored with the dictionary of JSON shapes read back only with the very same
    bytes: a change would make every existing store unreadable."""
    from prospectus_ledger.store._rows import SHAPES

    assert hashlib.sha256(SHAPES).hexdigest() == (
        "b70ec66d714b36c6e51ae3edd98240fa6504014b1628d998e7e79a94e8dfba9c"
    )


@pytest.mark.parametrize("filing", [b"", b"The Fund's new strategy. " * 3000])
def test_json_rows_compressed_against_their_filing_read_back(filing: bytes) -> None:
    from prospectus_ledger.store._rows import pack_json, unpack_json

    text = '{"text": "The Fund\'s new strategy.", "words": "Effective May 1"}'
    packed = pack_json(text, filing)
    assert unpack_json(packed, lambda: filing) == text
    assert unpack_json(text, lambda: filing) == text  # a schema 1 row
    with pytest.raises(Exception):  # noqa: B017, PT011 - zlib's own error or a ValueError
        unpack_json(packed, lambda: filing + b"other")


@pytest.mark.parametrize(
    "raw", [b"{}", b'{"heading": "Principal Risks"}' * 40, bytes(range(256)) * 4]
)
def test_texts_read_back_in_each_of_their_forms(raw: bytes) -> None:
    from prospectus_ledger.store._values import pack_text, unpack_text

    assert unpack_text(pack_text(raw)) == raw
