"""The store's SQLite schema, its versions and migrations, and how it is opened and read."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import attrs

from ..errors import InvalidLedgerDataError, StoreError

SCHEMA_VERSION = 3
"""The schema version this library writes; older stores are migrated forward."""

# What a store holds as it came in: nothing here is derived.
_CONTENTS = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS filings (
    sha256 TEXT PRIMARY KEY,
    name TEXT,
    content BLOB NOT NULL,
    added_at TEXT NOT NULL,
    encoding TEXT NOT NULL DEFAULT 'identity'
);
CREATE TABLE IF NOT EXISTS supplements (
    identity TEXT PRIMARY KEY,
    filing TEXT NOT NULL REFERENCES filings(sha256),
    supplement_date TEXT,
    data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS amendments (
    supplement TEXT NOT NULL REFERENCES supplements(identity),
    position INTEGER NOT NULL,
    action TEXT NOT NULL,
    document TEXT,
    target TEXT NOT NULL,
    effective TEXT,
    PRIMARY KEY (supplement, position)
);
CREATE TABLE IF NOT EXISTS documents (
    identity TEXT PRIMARY KEY,
    filing TEXT NOT NULL REFERENCES filings(sha256),
    data BLOB NOT NULL
);
"""

# What is derived from the contents at every ingest: the editions, and per edition
# the versions of its sections (no whole states: a version row is written only when
# a section's own text, place or children change).
_DERIVED = """
CREATE TABLE IF NOT EXISTS editions (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    start_us INTEGER NOT NULL,
    end_us INTEGER,
    data TEXT NOT NULL,
    fingerprint BLOB NOT NULL,
    position INTEGER NOT NULL,
    problems INTEGER NOT NULL,
    portfolios TEXT NOT NULL,
    checksum INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS editions_by_time ON editions (start_us, end_us);
CREATE TABLE IF NOT EXISTS texts (
    id INTEGER PRIMARY KEY,
    digest BLOB NOT NULL UNIQUE,
    data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS paths (
    id INTEGER PRIMARY KEY,
    edition INTEGER NOT NULL REFERENCES editions(id),
    key TEXT NOT NULL,
    heading_key TEXT NOT NULL,
    owners TEXT NOT NULL,
    first_us INTEGER NOT NULL,
    checksum INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS paths_by_edition ON paths (edition);
CREATE TABLE IF NOT EXISTS versions (
    path INTEGER NOT NULL REFERENCES paths(id),
    valid_from_us INTEGER NOT NULL,
    valid_to_us INTEGER,
    known_from_us INTEGER,
    section INTEGER REFERENCES texts(id),
    provenance INTEGER REFERENCES texts(id),
    label INTEGER REFERENCES texts(id),
    place TEXT,
    children TEXT,
    checksum INTEGER NOT NULL,
    PRIMARY KEY (path, valid_from_us)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS shapes (
    edition INTEGER NOT NULL REFERENCES editions(id),
    valid_from_us INTEGER NOT NULL,
    valid_to_us INTEGER,
    header INTEGER NOT NULL REFERENCES texts(id),
    tops TEXT NOT NULL,
    covered TEXT NOT NULL,
    checksum INTEGER NOT NULL,
    PRIMARY KEY (edition, valid_from_us)
) WITHOUT ROWID;
"""

Rebuild = Callable[[sqlite3.Connection], object]
"""Writes the derived tables from the contents, inside the caller's transaction (what
it returns is not used)."""

_TO_SCHEMA_2 = """
DROP TABLE IF EXISTS section_versions; DROP TABLE IF EXISTS states; DROP TABLE IF EXISTS nodes;
DELETE FROM editions; DELETE FROM meta WHERE key = 'state_digests';
ALTER TABLE filings ADD COLUMN encoding TEXT NOT NULL DEFAULT 'identity';
"""

_TO_SCHEMA_3 = """
DELETE FROM shapes; DELETE FROM versions; DELETE FROM paths; DROP TABLE editions;
"""

# Each entry upgrades a store from the version before it: SQL, and whether the
# derived tables must then be written anew (inside the same transaction).
MIGRATIONS: dict[int, tuple[str, bool]] = {
    # Schema 2 keeps section versions instead of whole states: the states, their
    # nodes and the old version rows go; filings gain an encoding (new ones are
    # compressed; the old ones stay as they were, and read as they did).
    2: (_TO_SCHEMA_2 + _DERIVED, True),
    # Schema 3 keeps each edition's rows while nothing its replay depends on changes
    # (its fingerprint), so that an ingest rewrites only the editions it touches:
    # editions gain a fingerprint, their order, their problems, the portfolios they
    # name and a checksum; paths an index by edition.
    3: (_TO_SCHEMA_3 + _DERIVED, True),
}

FORMAT = "prospectus-ledger"
"""What the ``format`` row of a store's ``meta`` table says."""

BUSY_SECONDS = 30.0

MMAP_BYTES = 1 << 30
"""How much of a store is read through a memory map (SQLite maps no more than the file)."""
"""How long to wait for another process's write before giving up."""

# quick_check lists at most this many problems; the first few say enough.
_QUICK_CHECK_LIMIT = 10


@attrs.frozen
class Opened:
    """An open store: its connection, and the schema version it was migrated from
    (``None`` when it was already of this library's)."""

    connection: sqlite3.Connection
    migrated_from: int | None


def connect(path: Path, *, rebuild: Rebuild, create: bool = True) -> Opened:
    """Open the store at ``path``, creating (when ``create``) or migrating its schema.

    A migration that changes the derived tables writes them anew with
    ``rebuild``, in the migration's own transaction: a store is upgraded whole
    or not at all.

    Safe when several processes open or create the same store at once: the
    schema is created in one write transaction, by whichever process gets
    there first.  Once the file is known to be a store, its integrity is
    checked (SQLite's ``quick_check``) before its contents are read or written.

    Raises:
        StoreError: when the file is not a prospectus-ledger store, is damaged,
            or has a schema version this library does not read.
    """
    file = str(path)
    try:
        connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_SECONDS)
    except sqlite3.Error as error:
        raise StoreError(file, f"cannot open the file as a SQLite database: {error}") from error
    try:
        # Before anything else: every statement below may meet another
        # process's lock, and should wait for it rather than fail.
        connection.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
        migrated: list[int] = []
        _while_locked(
            connection, lambda: migrated.extend(_open_schema(connection, path, create, rebuild))
        )
        connection.execute("PRAGMA synchronous = FULL")
        # Reading through a memory map: a question touches a few pages spread over
        # the file, each a system call without it.
        connection.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        connection.execute("PRAGMA foreign_keys = ON")
    except StoreError:
        connection.close()
        raise
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        connection.close()
        raise StoreError(file, f"not a readable prospectus-ledger store: {error}") from error
    return Opened(connection, migrated[0] if migrated else None)


def _while_locked(connection: sqlite3.Connection, attempt: Callable[[], None]) -> None:
    """Run ``attempt``, again while another process holds a lock it cannot wait for.

    SQLite does not call the busy handler everywhere: switching a new file to
    WAL while another process creates it, for one, fails at once with
    "database is locked".  ``attempt`` must be safe to repeat.
    """
    deadline = time.monotonic() + BUSY_SECONDS
    pause = 0.005
    while True:
        try:
            attempt()
            return
        except sqlite3.OperationalError as error:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            locked = getattr(error, "sqlite_errorcode", None) in _BUSY_CODES
            if not locked or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.25)


_BUSY_CODES = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _tables(connection: sqlite3.Connection) -> set[str]:
    return {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }


def _open_schema(
    connection: sqlite3.Connection, path: Path, create: bool, rebuild: Rebuild
) -> list[int]:
    """Check that ``path`` is a store (or make it one), sound, and of this schema; the
    version it was migrated from, if it was."""
    file = str(path)
    tables = _tables(connection)
    if not tables and not create:
        empty = path.exists() and path.stat().st_size == 0
        what = "an empty file (0 bytes)" if empty else "a SQLite database with no tables"
        raise StoreError(
            file, f"not a prospectus-ledger store: expected a store's tables, found {what}"
        )
    if tables:
        _check_meta(connection, file, tables)
        # A store of this schema has the tables questions read checked now, the rest
        # before they are read (see Store); an older one is checked whole, as it is
        # about to be migrated.
        current = _schema_version(connection, file) == SCHEMA_VERSION
        _check_length(connection, path)
        check_integrity(connection, file, OPENING_TABLES if current else None)
    else:
        _create(connection)
    migrated = _migrate(connection, file, rebuild)
    # WAL lets readers read while a writer writes.  Set once the file is
    # known to be a store: a file that is not one is left as it was.
    connection.execute("PRAGMA journal_mode = WAL")
    return migrated


def _create(connection: sqlite3.Connection) -> None:
    """Create the schema, unless another process did so first."""
    connection.execute("BEGIN IMMEDIATE")
    # Asked again with the write lock held: between the first look and the
    # lock another process may have created the store.
    if not _tables(connection):
        _run_script(connection, _CONTENTS + _DERIVED)
    connection.execute(
        "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?), ('format', ?)",
        (str(SCHEMA_VERSION), FORMAT),
    )
    connection.execute("COMMIT")


def _check_meta(connection: sqlite3.Connection, file: str, tables: set[str]) -> None:
    """Refuse a SQLite file that is not a prospectus-ledger store."""
    if "meta" not in tables:
        raise StoreError(file, "a SQLite file, but not a prospectus-ledger store (no meta table)")
    meta = dict(connection.execute("SELECT key, value FROM meta WHERE key = 'format'").fetchall())
    if meta.get("format") != FORMAT:
        raise StoreError(
            file,
            "a SQLite file, but not a prospectus-ledger store: expected its meta table to "
            f"say format {FORMAT!r}, found {meta.get('format')!r}",
        )


def _schema_version(connection: sqlite3.Connection, file: str) -> int:
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        raise StoreError(file, "damaged store: the meta table records no schema version")
    value = row[0]
    if not isinstance(value, str) or not value.isdigit() or int(value) < 1:
        raise StoreError(
            file,
            "damaged store: expected a schema version number in the meta table "
            f"(this library writes {SCHEMA_VERSION}), found {value!r}",
        )
    return int(value)


def _migrate(connection: sqlite3.Connection, file: str, rebuild: Rebuild) -> list[int]:
    """Bring an older store's schema up to this library's; the version it had, if older."""
    version = _schema_version(connection, file)
    if version > SCHEMA_VERSION:
        raise StoreError(
            file,
            f"schema version {version} is newer than this library reads ({SCHEMA_VERSION}); "
            "upgrade prospectus-ledger",
        )
    if version == SCHEMA_VERSION:
        return []
    connection.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: another process may have migrated it.
        found = _schema_version(connection, file)
        derived_changed = False
        for step in range(found + 1, SCHEMA_VERSION + 1):
            script, changes_derived = MIGRATIONS[step]
            _run_script(connection, script)
            derived_changed = derived_changed or changes_derived
        if derived_changed:
            rebuild(connection)
        connection.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),)
        )
        connection.execute("COMMIT")
    except BaseException:
        # The store stays as it was, in its old schema.
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    return [found] if found != SCHEMA_VERSION else []


def _check_length(connection: sqlite3.Connection, path: Path) -> None:
    """Refuse a file shorter than the pages SQLite counts in it (a truncated copy),
    whatever table its lost pages held.  Pages still in the write-ahead log may lie
    past the file's end: then the log is there to be read, and nothing is refused."""
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 32:  # the log's header is 32 bytes
        return
    (pages,) = connection.execute("PRAGMA page_count").fetchone()
    (size,) = connection.execute("PRAGMA page_size").fetchone()
    if path.stat().st_size < pages * size:
        raise StoreError(
            str(path),
            f"damaged store: SQLite counts {pages} pages of {size} bytes in it, but the file "
            f"holds {path.stat().st_size} bytes (a truncated copy?)",
        )


OPENING_TABLES = ("meta", "editions", "paths", "versions", "shapes")
"""The tables checked when a store is opened: what a question with everything known
reads besides ``texts``, whose every row is checked against its digest as it is read.
The whole file is checked before anything else is read or written."""


def check_integrity(
    connection: sqlite3.Connection, file: str, tables: Sequence[str] | None = None
) -> None:
    """Refuse a file SQLite's own ``quick_check`` finds damaged: the whole file, or only
    ``tables`` (each with its indexes).

    ``quick_check`` reads every page and checks the structure of every table
    and index (not that indexes agree with their tables, which
    ``integrity_check`` does at many times the cost).  It returns one row,
    ``ok``, or the problems it found.  Every page costs: at 100,000 supplements
    the whole file is about 300 MB, most of it filings and texts.
    """
    if tables is None:
        found = [row[0] for row in connection.execute(f"PRAGMA quick_check({_QUICK_CHECK_LIMIT})")]
    else:
        found = []
        for table in tables:
            answers = [row[0] for row in connection.execute(f"PRAGMA quick_check({table})")]
            found += [problem for problem in answers if problem != "ok"]
        found = found or ["ok"]
    if found != ["ok"]:
        said = "; ".join(str(problem) for problem in found[:3])
        more = f" (and {len(found) - 3} more)" if len(found) > 3 else ""
        raise StoreError(
            file,
            f"damaged store: SQLite's integrity check (quick_check) should say 'ok', "
            f"it says: {said}{more}",
        )


# What reading a damaged store can raise, below the library: SQLite's own
# errors, bytes that are not UTF-8, JSON that does not parse (ValueError) or
# has the wrong shape (KeyError, TypeError, InvalidLedgerDataError, a
# ValueError).  At the storage boundary each becomes a StoreError naming the
# file.
DAMAGE = (
    sqlite3.DatabaseError,
    zlib.error,
    UnicodeDecodeError,
    json.JSONDecodeError,
    InvalidLedgerDataError,
    KeyError,
    TypeError,
    ValueError,
)


def guarded(path: Path | str) -> contextlib.AbstractContextManager[None]:
    """A context in which damage to the store at ``path`` raises :class:`StoreError`."""
    return _Guard(str(path))


class _Guard(contextlib.AbstractContextManager[None]):
    def __init__(self, path: str) -> None:
        self.path = path

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        if isinstance(error, DAMAGE) and not isinstance(error, StoreError):
            raise StoreError(
                self.path,
                f"damaged store: what it holds cannot be read ({type(error).__name__}: {error})",
            ) from error


@contextlib.contextmanager
def reading(connection: sqlite3.Connection) -> Iterator[None]:
    """One read transaction: every query inside sees the same committed store.

    In autocommit mode each statement would see the store as it is when the
    statement runs, and a writer in another process may commit in between.
    Inside a transaction already (an ingest reading what it rebuilds from),
    the queries are part of that one.
    """
    if connection.in_transaction:
        yield
        return
    connection.execute("BEGIN")
    try:
        yield
    finally:
        if connection.in_transaction:
            connection.execute("COMMIT")


Generation = tuple[int, str]
"""What tells one state of a store from the next (see :func:`generation`)."""


def generation(connection: sqlite3.Connection) -> Generation:
    """Which state of the store ``connection`` sees; it changes with every write.

    ``meta.generation`` is bumped by every ingest, through any connection;
    SQLite's ``data_version`` changes when another connection commits anything
    (a writer that does not bump the generation, too).  Read it inside
    :func:`reading`, with the queries whose answers it vouches for.
    """
    (data_version,) = connection.execute("PRAGMA data_version").fetchone()
    row = connection.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return int(data_version), str(row[0]) if row else "0"


def bump_generation(connection: sqlite3.Connection) -> None:
    """Tell every open handle that the store changed (inside the writing transaction)."""
    connection.execute(
        "INSERT INTO meta (key, value) VALUES ('generation', '1') "
        "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
    )


def _run_script(connection: sqlite3.Connection, script: str) -> None:
    # executescript() would commit the open transaction; run statement by statement.
    for statement in script.split(";"):
        if statement.strip():
            connection.execute(statement)
