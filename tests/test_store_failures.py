"""The store's failure modes: handles kept open while others write, stores created by
several processes at once, and damaged files."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import multiprocessing.synchronize
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import prospectus_ledger as pl
from prospectus_ledger.store import Store, StoredLedger, open_store
from prospectus_ledger.store._rows import checksum
from prospectus_ledger.store._values import pack_text, unpack_text

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
BASE = ROOT / "tests" / "fixtures" / "bases" / "example-trust-2020.md"
CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "supplements.jsonl"

# Instants around the seeds' effective dates and the Markdown bases' dates.
WHENS = (
    "2006-12-21T15:00",
    "2006-12-21T16:00",
    "2007-05-21",
    "2007-05-22",
    "2019-06-01",
    "2020-06-01",
)

# A base of another trust, dated before the example trust's: ingesting it gives the
# store an edition that sorts first, so every stored edition changes its row number.
AARDVARK = """---
registrant: Aardvark Trust
kind: prospectus
date: 2019-05-01
portfolios: [Aardvark Fund]
illustrative: true
---
# Aardvark Fund

## Investment Objective

The Aardvark Fund seeks current income.

## Principal Investment Strategy

The Aardvark Fund invests in investment-grade bonds.
"""


def _answers(ledger: StoredLedger) -> list[object]:
    """Everything a handle says, without the store's path (which differs by copy)."""
    said: list[object] = []
    for when in WHENS:
        snapshot = ledger.as_of(when)
        said.append([(view.edition, view.path, view.text) for view in snapshot.sections()])
        said.append(snapshot.documents())
    said.append(ledger.timeline())
    said.append(ledger.problems())
    said.append(ledger.to_json())
    said.append(repr(ledger).replace(str(ledger.store.path), "<store>"))
    return said


def _aardvark(folder: Path) -> Path:
    path = folder / "aardvark-trust-2019.md"
    path.write_text(AARDVARK, encoding="utf-8")
    return path


# -- 7. a handle kept open while another connection or process ingests --------------


def test_a_handle_kept_open_answers_as_a_fresh_one_after_another_store_ingests(
    tmp_path: Path,
) -> None:
    path = tmp_path / "shared.sqlite"
    Store(path).ingest([SEEDS, BASE])
    kept = open_store(path)
    before = _answers(kept)
    Store(path).ingest([_aardvark(tmp_path)])
    fresh = open_store(path)
    assert _answers(kept) == _answers(fresh)
    assert _answers(kept) != before
    view = kept.as_of("2020-06-01").section("Aardvark Fund -- Principal Investment Strategy")
    assert view.edition == "prospectus of Aardvark Trust dated 2019-05-01"
    assert view.text == "The Aardvark Fund invests in investment-grade bonds."
    assert "2 base editions" in repr(kept)


def test_a_ledger_sees_what_its_own_store_object_ingests(tmp_path: Path) -> None:
    store = Store(tmp_path / "own.sqlite")
    store.ingest([SEEDS, BASE])
    ledger = store.ledger()
    assert "1 base editions" in repr(ledger)
    store.ingest([_aardvark(tmp_path)])
    assert _answers(ledger) == _answers(open_store(tmp_path / "own.sqlite"))


_INGEST = """
import sys
from prospectus_ledger.store import Store
Store(sys.argv[1]).ingest(sys.argv[2:], errors="raise")
"""


def test_a_handle_kept_open_sees_what_another_process_ingests(tmp_path: Path) -> None:
    path = tmp_path / "process.sqlite"
    Store(path).ingest([SEEDS])
    kept = open_store(path)
    kept_snapshot = kept.as_of("2020-06-01")
    assert kept_snapshot.documents()  # the seeds' editions are in force in 2020 too
    assert "0 base editions" in repr(kept)
    subprocess.run(
        [sys.executable, "-c", _INGEST, str(path), str(BASE), str(_aardvark(tmp_path))],
        check=True,
    )
    assert _answers(kept) == _answers(open_store(path))
    assert {view.edition for view in kept.as_of("2020-06-01").sections()} >= {
        "prospectus of Aardvark Trust dated 2019-05-01",
        "prospectus of Example Trust dated 2020-05-01",
    }


# -- 8. several processes creating one new store at once ----------------------------


def _create_and_ingest(
    paths: list[str], filing: str, barrier: multiprocessing.synchronize.Barrier, errors: str
) -> None:
    """In a child process: for each new store, wait for the others, then open and ingest."""
    failures = []
    for path in paths:
        barrier.wait(timeout=300)
        try:
            Store(path, create=True).ingest([filing], errors="raise", jobs=1)
        except Exception as error:  # every failure is reported to the parent
            failures.append(f"{path}: {type(error).__name__}: {error}")
    Path(errors).write_text("\n".join(failures), encoding="utf-8")


def _small_filings(folder: Path, count: int) -> list[Path]:
    """``count`` corpus supplements, each as a file of its own."""
    files = []
    for index, line in enumerate(CORPUS.read_text(encoding="utf-8").splitlines()[:count]):
        file = folder / f"filing-{index}.txt"
        file.write_text(json.loads(line)["text"], encoding="utf-8")
        files.append(file)
    return files


def test_processes_creating_one_new_store_at_once_all_succeed(tmp_path: Path) -> None:
    processes, rounds = 8, 3
    files = _small_filings(tmp_path, processes)
    paths = [str(tmp_path / f"new-{number}.sqlite") for number in range(rounds)]
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(processes)
    children = []
    for number, file in enumerate(files):
        errors = tmp_path / f"errors-{number}.txt"
        child = context.Process(
            target=_create_and_ingest, args=(paths, str(file), barrier, str(errors))
        )
        child.start()
        children.append((child, errors))
    for child, _ in children:
        child.join(timeout=600)
    assert [child.exitcode for child, _ in children] == [0] * processes
    failures = [line for _, errors in children for line in errors.read_text().splitlines()]
    assert failures == []
    expected = {hashlib.sha256(file.read_bytes()).hexdigest() for file in files}
    supplements = len(pl.load(files).supplements)
    for path in paths:
        store = Store(path, create=False)
        assert store._filing_hashes() == expected
        assert len(store.ledger().supplements) == supplements
        store.close()


# -- 9. damaged stores ----------------------------------------------------------------


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[object]]:
    """A store of the seeds and a base, closed (no WAL beside it), and what it answers."""
    path = tmp_path_factory.mktemp("pristine") / "pristine.sqlite"
    store = Store(path)
    store.ingest([SEEDS, BASE])
    ledger = store.ledger()
    answers = [*_answers(ledger), *_filing_texts(store)]
    store.close()
    assert not Path(f"{path}-wal").exists()
    return path, answers


def _filing_texts(store: Store) -> list[bytes]:
    return [
        store.filing_bytes(hashlib.sha256(file.read_bytes()).hexdigest())
        for file in sorted(SEEDS.iterdir())
    ]


def _copy(pristine: Path, target: Path) -> Path:
    shutil.copyfile(pristine, target)
    return target


def _edit(path: Path, *statements: str | tuple[str, tuple[object, ...]]) -> None:
    """Change a store's rows behind the library's back."""
    connection = sqlite3.connect(path)
    for statement in statements:
        sql, parameters = statement if isinstance(statement, tuple) else (statement, ())
        connection.execute(sql, parameters)
    connection.commit()
    connection.close()


def _refused_or_unchanged(path: Path, expected: list[object]) -> str:
    """Open a damaged copy and ask everything: a StoreError naming the file, or the
    very answers of the undamaged store; never other text."""
    try:
        store = Store(path, create=False)
        try:
            answers = [*_answers(store.ledger()), *_filing_texts(store)]
        finally:
            store.close()
    except pl.StoreError as error:
        refusal = error
    else:
        assert answers == expected, f"{path.name} answered with different text"
        return "unchanged"
    assert refusal.file == str(path), refusal
    assert str(refusal).startswith(f"{path}: "), refusal
    return "refused"


def _use(path: Path) -> Callable[[], object]:
    def use() -> object:
        return _answers(open_store(path, create=False))

    return use


def test_an_empty_file_is_not_a_store(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    with pytest.raises(pl.StoreError, match=r"empty\.sqlite.*not a prospectus-ledger store"):
        open_store(empty, create=False)
    assert empty.read_bytes() == b"", "refusing it wrote nothing"
    # Asked to create a store, an empty file becomes one.
    ledger = open_store(empty, create=True)
    ledger.add_file(SEEDS / "000_6de0636f7720f9ef.txt")
    assert open_store(empty, create=False).as_of("2007-05-22").documents()


def test_an_empty_sqlite_database_is_not_a_store_unless_creating(tmp_path: Path) -> None:
    path = tmp_path / "no-tables.sqlite"
    sqlite3.connect(path).execute("VACUUM").connection.close()
    with pytest.raises(pl.StoreError, match=r"no-tables\.sqlite.*not a prospectus-ledger store"):
        Store(path, create=False)


@pytest.mark.parametrize("version", ["0", "-1", "one", ""])
def test_a_schema_version_this_library_never_wrote_is_refused(
    tmp_path: Path, pristine: tuple[Path, list[object]], version: str
) -> None:
    path = _copy(pristine[0], tmp_path / "version.sqlite")
    _edit(path, ("UPDATE meta SET value = ? WHERE key = 'schema_version'", (version,)))
    with pytest.raises(pl.StoreError, match=r"version\.sqlite.*schema version") as raised:
        Store(path)
    assert repr(version) in str(raised.value)


def test_a_sqlite_file_with_another_programs_meta_table_is_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "foreign.sqlite"
    _edit(
        path,
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "INSERT INTO meta VALUES ('schema_version', '1'), ('format', 'something-else')",
    )
    with pytest.raises(pl.StoreError, match=r"foreign\.sqlite.*not a prospectus-ledger store"):
        Store(path)


def _a_section_text(path: Path) -> int:
    """The id of the text holding a section's own fields (a leaf's, in force at the
    store's first edition's start)."""
    connection = sqlite3.connect(path)
    (number,) = connection.execute(
        "SELECT section FROM versions WHERE section IS NOT NULL AND children IS NULL "
        "ORDER BY path, valid_from_us"
    ).fetchone()
    connection.close()
    return int(number)


def _reseal(path: Path, table: str, where: str) -> None:
    """Give the rows of ``table`` matching ``where`` the checksums of what they now
    hold: damage that a row's own checksum does not catch."""
    columns = {
        "versions": "path, valid_from_us, valid_to_us, known_from_us, section, provenance, "
        "label, place, children",
        "shapes": "edition, valid_from_us, valid_to_us, header, tops, covered",
    }[table]
    keys = {"versions": "path, valid_from_us", "shapes": "edition, valid_from_us"}[table]
    connection = sqlite3.connect(path)
    found = connection.execute(f"SELECT {columns} FROM {table} WHERE {where}").fetchall()
    for values in found:
        connection.execute(
            f"UPDATE {table} SET checksum = ? WHERE ({keys}) = (?, ?)",
            (checksum(*values), *values[:2]),
        )
    connection.commit()
    connection.close()


@pytest.mark.parametrize("data", [b"j{}", b"j[1,2]", b"z{}", "text", b"", b"jnot json"])
def test_a_text_row_overwritten_is_a_damaged_store(
    tmp_path: Path, pristine: tuple[Path, list[object]], data: object
) -> None:
    path = _copy(pristine[0], tmp_path / "text.sqlite")
    _edit(path, ("UPDATE texts SET data = ? WHERE id = ?", (data, _a_section_text(path))))
    with pytest.raises(pl.StoreError, match=r"text\.sqlite.*damaged store"):
        _use(path)()
    assert _refused_or_unchanged(path, pristine[1]) == "refused"


@pytest.mark.parametrize(
    "data",
    [
        "{}",
        "[1,2]",
        '{"heading": 5}',
        '{"blocks":[999999],"heading":"x","placeholder":false,"portfolio":null}',
        '{"blocks":"no","heading":"x","placeholder":false,"portfolio":null}',
        '{"blocks":[],"heading":"x","placeholder":"no","portfolio":null}',
    ],
)
def test_a_text_of_the_wrong_shape_under_its_own_digest_is_a_damaged_store(
    tmp_path: Path, pristine: tuple[Path, list[object]], data: str
) -> None:
    """A text whose digest matches its content, named by a version whose checksum
    matches it, but whose content is not a section's own fields."""
    path = _copy(pristine[0], tmp_path / "shape.sqlite")
    old = _a_section_text(path)
    _edit(
        path,
        (
            "INSERT INTO texts (id, digest, data) VALUES (999000, ?, ?)",
            (hashlib.sha256(data.encode()).digest(), b"j" + data.encode()),
        ),
        ("UPDATE versions SET section = 999000 WHERE section = ?", (old,)),
    )
    _reseal(path, "versions", "section = 999000")
    with pytest.raises(pl.StoreError, match=r"shape\.sqlite.*damaged store"):
        _use(path)()


def test_a_missing_text_names_the_file(tmp_path: Path, pristine: tuple[Path, list[object]]) -> None:
    path = _copy(pristine[0], tmp_path / "missing.sqlite")
    _edit(
        path,
        "PRAGMA foreign_keys = OFF",
        ("DELETE FROM texts WHERE id = ?", (_a_section_text(path),)),
    )
    with pytest.raises(pl.StoreError, match=r"missing\.sqlite.*damaged store.*missing"):
        _use(path)()


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("shapes", "tops"),
        ("shapes", "covered"),
        ("versions", "children"),
        ("versions", "place"),
        ("paths", "key"),
        ("editions", "data"),
        ("editions", "position"),
        ("editions", "portfolios"),
        ("editions", "problems"),
        ("editions", "fingerprint"),
        ("supplements", "data"),
    ],
)
@pytest.mark.parametrize("data", ["{}", "[1,2]", "null", "not json"])
def test_other_rows_overwritten_are_a_damaged_store(
    tmp_path: Path, pristine: tuple[Path, list[object]], table: str, column: str, data: str
) -> None:
    path = _copy(pristine[0], tmp_path / "rows.sqlite")
    _edit(path, (f"UPDATE {table} SET {column} = ?", (data,)))
    with pytest.raises(pl.StoreError, match=r"rows\.sqlite.*damaged store"):
        _use(path)()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE shapes SET tops = '[999999]'",
        "UPDATE versions SET children = '[999999]' WHERE children IS NOT NULL",
        "DELETE FROM versions WHERE valid_from_us = (SELECT MAX(valid_from_us) FROM versions)",
    ],
)
def test_rows_resealed_after_damage_are_still_a_damaged_store(
    tmp_path: Path, pristine: tuple[Path, list[object]], statement: str
) -> None:
    """Rows whose checksums were made to match a change: versions and shapes must still
    follow each other without gaps, and every path a row names must be there.  (A
    change that is consistent in every way, such as a section left out of its parent's
    children, is tampering no checksum kept beside the data can tell from the truth.)"""
    path = _copy(pristine[0], tmp_path / "resealed.sqlite")
    _edit(path, "PRAGMA foreign_keys = OFF", statement)
    _reseal(path, "versions", "1")
    _reseal(path, "shapes", "1")
    assert _refused_or_unchanged(path, pristine[1]) == "refused"


@pytest.mark.parametrize("fraction", [0.1, 0.3, 0.5, 0.7, 0.9, 0.99])
def test_a_truncated_store_is_refused_on_opening(
    tmp_path: Path, pristine: tuple[Path, list[object]], fraction: float
) -> None:
    data = pristine[0].read_bytes()
    path = tmp_path / "truncated.sqlite"
    path.write_bytes(data[: int(len(data) * fraction)])
    with pytest.raises(pl.StoreError, match=r"truncated\.sqlite"):
        Store(path, create=False)


@pytest.mark.parametrize(
    ("index", "refused_when"),
    [("sqlite_autoindex_texts_1", "read"), ("editions_by_time", "opened")],
)
def test_damage_quick_check_reports_is_refused(
    tmp_path: Path, pristine: tuple[Path, list[object]], index: str, refused_when: str
) -> None:
    """An index page overwritten: the tables still read, but SQLite's own check fails.
    The tables questions read are checked when the store is opened; the whole file
    before anything else is read or written."""
    path = _copy(pristine[0], tmp_path / "index.sqlite")
    connection = sqlite3.connect(path)
    (page_size,) = connection.execute("PRAGMA page_size").fetchone()
    (root,) = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = ?", (index,)
    ).fetchone()
    connection.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start : start + page_size] = b"\xff" * page_size
    path.write_bytes(bytes(data))
    if refused_when == "opened":
        with pytest.raises(pl.StoreError, match=r"index\.sqlite.*quick_check"):
            Store(path, create=False)
        return
    uses: list[Callable[[Store], object]] = [
        lambda store: store.ledger().timeline(),
        lambda store: store.ingest(SEEDS),
        lambda store: store.ledger().versions(),
    ]
    for use in uses:
        store = Store(path, create=False)
        with pytest.raises(pl.StoreError, match=r"index\.sqlite.*quick_check"):
            use(store)


def _pages_of(path: Path, table: str) -> set[int]:
    """The pages (numbered from 1) that hold ``table``'s rows."""
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute("SELECT pageno FROM dbstat WHERE name = ?", (table,)).fetchall()
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table to map pages to tables")
    finally:
        connection.close()
    return {row[0] for row in rows}


@pytest.mark.parametrize("width", [1, 16])
def test_flipped_bytes_are_refused_or_change_nothing(
    tmp_path: Path, pristine: tuple[Path, list[object]], width: int
) -> None:
    """Bytes flipped at 150 places spread over the file: every copy is refused with an
    error naming it, or answers exactly as the undamaged store did (a state's header
    and roots are checked against the digest the store recorded for them)."""
    original = pristine[0].read_bytes()
    places = 150
    outcomes = []
    for number in range(places):
        damaged = bytearray(original)
        middle = (2 * number + 1) * len(original) // (2 * places)
        for offset in range(middle, min(middle + width, len(original))):
            damaged[offset] ^= 0x5A
        path = tmp_path / f"flipped-{width}-{middle}.sqlite"
        path.write_bytes(bytes(damaged))
        outcomes.append(_refused_or_unchanged(path, pristine[1]))
    assert "refused" in outcomes
    assert len(outcomes) > places * 0.8


def _rewrite_text(path: Path, number: int, old: str, new: str) -> None:
    """Change the JSON a text holds, compressed again as the store writes it."""
    connection = sqlite3.connect(path)
    (data,) = connection.execute("SELECT data FROM texts WHERE id = ?", (number,)).fetchone()
    raw = unpack_text(data)
    assert old.encode() in raw
    packed = pack_text(raw.replace(old.encode(), new.encode()))
    connection.execute("UPDATE texts SET data = ? WHERE id = ?", (packed, number))
    connection.commit()
    connection.close()


def test_a_later_header_changed_is_a_damaged_store(
    tmp_path: Path, pristine: tuple[Path, list[object]]
) -> None:
    """A later shape's header (a fund renamed by a supplement changes it from then on)
    has no second copy when it differs from the first: its digest catches a change."""
    path = _copy(pristine[0], tmp_path / "header.sqlite")
    connection = sqlite3.connect(path)
    later = connection.execute(
        "SELECT s.header FROM shapes s JOIN editions e ON e.id = s.edition "
        "WHERE s.valid_from_us > e.start_us"
    ).fetchall()
    connection.close()
    assert later
    _rewrite_text(path, later[0][0], "Small-Cap", "Smal6-Cap")
    with pytest.raises(pl.StoreError, match=r"header\.sqlite.*damaged store"):
        _use(path)()


def test_a_first_header_or_an_editions_json_changed_is_a_damaged_store(
    tmp_path: Path, pristine: tuple[Path, list[object]]
) -> None:
    """The first shape's header and the edition's document are one document twice."""
    path = _copy(pristine[0], tmp_path / "editions-copy.sqlite")
    _edit(path, "UPDATE editions SET data = replace(data, 'Example Fund', 'Example Fumd')")
    with pytest.raises(pl.StoreError, match=r"editions-copy\.sqlite.*damaged store"):
        _use(path)()
    path = _copy(pristine[0], tmp_path / "first-header.sqlite")
    connection = sqlite3.connect(path)
    (first,) = connection.execute(
        "SELECT s.header FROM shapes s JOIN editions e ON e.id = s.edition "
        "WHERE s.valid_from_us = e.start_us AND e.data LIKE '%Example Fund%'"
    ).fetchone()
    connection.close()
    _rewrite_text(path, first, "Example Fund", "Example Fumd")
    # Resealed too: the digest is made to match, and the edition's own copy differs.
    connection = sqlite3.connect(path)
    (data,) = connection.execute("SELECT data FROM texts WHERE id = ?", (first,)).fetchone()
    raw = unpack_text(data)
    connection.execute(
        "UPDATE texts SET digest = ? WHERE id = ?", (hashlib.sha256(raw).digest(), first)
    )
    connection.commit()
    connection.close()
    with pytest.raises(pl.StoreError, match=r"first-header\.sqlite.*damaged store"):
        _use(path)()


def test_instants_changed_are_a_damaged_store(
    tmp_path: Path, pristine: tuple[Path, list[object]]
) -> None:
    """Instants kept as numbers (to search) and as text must agree, and every row's
    instants are in its checksum: an edition or version whose start moved would
    silently drop out of the answers."""
    for number, statement in enumerate(
        (
            "UPDATE editions SET start_us = start_us + 86400000000 WHERE id = 0",
            "UPDATE versions SET valid_from_us = valid_from_us + 1 "
            "WHERE valid_from_us > (SELECT MIN(start_us) FROM editions)",
            "UPDATE shapes SET valid_from_us = valid_from_us + 1",
            "UPDATE paths SET first_us = first_us + 1",
            "UPDATE paths SET edition = 99 WHERE id = (SELECT MIN(id) FROM paths)",
        )
    ):
        path = _copy(pristine[0], tmp_path / f"instants-{number}.sqlite")
        _edit(path, "PRAGMA foreign_keys = OFF", statement)
        with pytest.raises(pl.StoreError, match=rf"instants-{number}\.sqlite.*damaged store"):
            _use(path)()


def test_a_filing_whose_bytes_changed_is_refused(
    tmp_path: Path, pristine: tuple[Path, list[object]]
) -> None:
    path = _copy(pristine[0], tmp_path / "filing.sqlite")
    seed = sorted(SEEDS.iterdir())[0]
    digest = hashlib.sha256(seed.read_bytes()).hexdigest()
    _edit(path, ("UPDATE filings SET content = ? WHERE sha256 = ?", (b"other bytes", digest)))
    with pytest.raises(pl.StoreError, match=r"filing\.sqlite.*damaged store"):
        Store(path).filing_bytes(digest)


@pytest.mark.parametrize("table", ["versions", "shapes", "paths"])
def test_bytes_of_the_version_tables_changed_are_refused_or_change_nothing(
    tmp_path: Path, pristine: tuple[Path, list[object]], table: str
) -> None:
    """Every 7th byte of the pages holding a table of versions, changed one at a time:
    each row's checksum, and versions following each other without gaps, catch it."""
    original = pristine[0].read_bytes()
    page_size = sqlite3.connect(pristine[0]).execute("PRAGMA page_size").fetchone()[0]
    outcomes = []
    for page in sorted(_pages_of(pristine[0], table)):
        for offset in range((page - 1) * page_size, page * page_size, 7):
            damaged = bytearray(original)
            damaged[offset] ^= 0x01
            path = tmp_path / f"{table}-{offset}.sqlite"
            path.write_bytes(bytes(damaged))
            outcomes.append(_refused_or_unchanged(path, pristine[1]))
            path.unlink()
    assert outcomes
    assert "refused" in outcomes
