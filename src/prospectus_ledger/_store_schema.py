"""The store's SQLite schema, its versions and migrations, and row encodings."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal, TypeVar

import attrs
import pendulum

from ._engine import Edition, EditionKey
from .errors import InvalidLedgerDataError, StoreError
from .serialize import structure, unstructure
from .supplement import Amendment, Supplement
from .tree import Document

SCHEMA_VERSION = 1
"""The schema version this library writes; older stores are migrated forward."""

_SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS filings (
    sha256 TEXT PRIMARY KEY,
    name TEXT,
    content BLOB NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS supplements (
    identity TEXT PRIMARY KEY,
    filing TEXT NOT NULL REFERENCES filings(sha256),
    supplement_date TEXT,
    data TEXT NOT NULL
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
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS editions (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    start_us INTEGER NOT NULL,
    end_us INTEGER,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS editions_by_time ON editions (start_us, end_us);
CREATE TABLE IF NOT EXISTS nodes (hash TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS states (
    edition INTEGER NOT NULL REFERENCES editions(id),
    seq INTEGER NOT NULL,
    valid_from_us INTEGER NOT NULL,
    valid_from TEXT NOT NULL,
    header TEXT NOT NULL,
    roots TEXT NOT NULL,
    PRIMARY KEY (edition, seq)
);
CREATE INDEX IF NOT EXISTS states_by_time ON states (edition, valid_from_us);
CREATE TABLE IF NOT EXISTS section_versions (
    edition INTEGER NOT NULL REFERENCES editions(id),
    path TEXT NOT NULL,
    heading_key TEXT NOT NULL,
    portfolio TEXT,
    valid_from_us INTEGER NOT NULL,
    valid_to_us INTEGER,
    known_at TEXT,
    node TEXT NOT NULL REFERENCES nodes(hash)
);
CREATE INDEX IF NOT EXISTS section_versions_by_heading
    ON section_versions (heading_key, valid_from_us);
"""

# Each entry upgrades a store from the version before it.  Version 1 is the
# first, so there is nothing to migrate yet; a later version adds
# ``MIGRATIONS[2] = "ALTER TABLE ..."`` and bumps SCHEMA_VERSION.
MIGRATIONS: dict[int, str] = {}

FORMAT = "prospectus-ledger"
"""What the ``format`` row of a store's ``meta`` table says."""

BUSY_SECONDS = 30.0
"""How long to wait for another process's write before giving up."""

# quick_check lists at most this many problems; the first few say enough.
_QUICK_CHECK_LIMIT = 10


def connect(path: Path, *, create: bool = True) -> sqlite3.Connection:
    """Open the store at ``path``, creating (when ``create``) or migrating its schema.

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
        _while_locked(connection, lambda: _open_schema(connection, path, create))
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
    except StoreError:
        connection.close()
        raise
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        connection.close()
        raise StoreError(file, f"not a readable prospectus-ledger store: {error}") from error
    return connection


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


def _open_schema(connection: sqlite3.Connection, path: Path, create: bool) -> None:
    """Check that ``path`` is a store (or make it one), sound, and of this schema."""
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
        check_integrity(connection, file)
    else:
        _create(connection)
    _migrate(connection, file)
    # WAL lets readers read while a writer writes.  Set once the file is
    # known to be a store: a file that is not one is left as it was.
    connection.execute("PRAGMA journal_mode = WAL")


def _create(connection: sqlite3.Connection) -> None:
    """Create the schema, unless another process did so first."""
    connection.execute("BEGIN IMMEDIATE")
    # Asked again with the write lock held: between the first look and the
    # lock another process may have created the store.
    if not _tables(connection):
        _run_script(connection, _SCHEMA_V1)
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


def _migrate(connection: sqlite3.Connection, file: str) -> None:
    """Bring an older store's schema up to this library's."""
    version = _schema_version(connection, file)
    if version > SCHEMA_VERSION:
        raise StoreError(
            file,
            f"schema version {version} is newer than this library reads ({SCHEMA_VERSION}); "
            "upgrade prospectus-ledger",
        )
    if version == SCHEMA_VERSION:
        return
    connection.execute("BEGIN IMMEDIATE")
    # Read again under the write lock: another process may have migrated it.
    for step in range(_schema_version(connection, file) + 1, SCHEMA_VERSION + 1):
        _run_script(connection, MIGRATIONS[step])
    connection.execute(
        "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),)
    )
    connection.execute("COMMIT")


def check_integrity(connection: sqlite3.Connection, file: str) -> None:
    """Refuse a file SQLite's own ``quick_check`` finds damaged.

    ``quick_check`` reads every page and checks the structure of every table
    and index (not that indexes agree with their tables, which
    ``integrity_check`` does at many times the cost).  It returns one row,
    ``ok``, or the problems it found.
    """
    found = [row[0] for row in connection.execute(f"PRAGMA quick_check({_QUICK_CHECK_LIMIT})")]
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


def verified_json(text: object, identity: str, what: str) -> Any:
    """The JSON of a stored supplement or base edition, checked against its identity.

    A row's identity is the SHA-256 of its content as JSON with sorted keys
    (:func:`~prospectus_ledger._engine.supplement_identity`); the stored text
    is the same JSON in another key order.  Hashing what was read again shows
    whether the text changed since it was written: SQLite keeps no checksums,
    and a changed byte inside a row is invisible to ``quick_check``.

    Raises:
        ValueError: when the text is not JSON or does not match its identity.
    """
    if not isinstance(text, str):
        raise ValueError(f"{what}: expected JSON text, found {type(text).__name__}")
    try:
        data = json.loads(text)
    except RecursionError as error:
        raise ValueError(f"{what}: JSON nested deeper than Python reads") from error
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False)
    if sha256(canonical.encode("utf-8")) != identity:
        raise ValueError(f"{what}: the stored text does not match its identity (it was altered)")
    return data


def _run_script(connection: sqlite3.Connection, script: str) -> None:
    # executescript() would commit the open transaction; run statement by statement.
    for statement in script.split(";"):
        if statement.strip():
            connection.execute(statement)


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def amendment_row(supplement: str, position: int, amendment: Amendment) -> tuple[Any, ...]:
    """One row of the ``amendments`` table."""
    target = amendment.target
    return (
        supplement,
        position,
        amendment.action,
        amendment.document.value if amendment.document else None,
        json.dumps(list(target.path) if target else []),
        amendment.effective.isoformat() if amendment.effective else None,
    )


def edition_json(edition: Edition) -> str:
    """An edition without its steps (the document without its sections)."""
    return json.dumps(
        {
            "key": unstructure(edition.key),
            "document": unstructure(attrs.evolve(edition.document, sections=())),
            "start": edition.start.isoformat(),
            "known_at": edition.known_at.isoformat(),
            "end": edition.end.isoformat() if edition.end else None,
        },
        sort_keys=True,
    )


def _instant(value: Any, file: str) -> pendulum.DateTime:
    parsed = pendulum.parse(value) if isinstance(value, str) else None
    if not isinstance(parsed, pendulum.DateTime):
        raise StoreError(
            file, f"damaged store: expected an ISO instant in the editions table, got {value!r}"
        )
    return parsed


def edition_from_json(text: str, *, file: str) -> Edition:
    """Read back :func:`edition_json`."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise StoreError(file, f"damaged store: an edition is not JSON: {error}") from error
    return edition_from_data(data, file=file)


def edition_from_data(data: Any, *, file: str) -> Edition:
    """Read back :func:`edition_json`, parsed."""
    try:
        return Edition(
            key=structure(data["key"], EditionKey, file=file),
            document=structure(data["document"], Document, file=file),
            start=_instant(data["start"], file),
            known_at=_instant(data["known_at"], file),
            end=_instant(data["end"], file) if data["end"] else None,
            steps=(),
        )
    except (KeyError, TypeError, ValueError) as error:
        # ValueError: JSON that does not parse, InvalidLedgerDataError, ...
        raise StoreError(
            file, f"damaged store: an edition cannot be read ({type(error).__name__}: {error})"
        ) from error


_Content = TypeVar("_Content", Supplement, Document)


def read_contents(
    connection: sqlite3.Connection,
    table: Literal["supplements", "documents"],
    kind: type[_Content],
    path: Path,
) -> dict[str, _Content]:
    """The stored supplements or base editions, by the identities they were stored with,
    each checked against its identity (run it :func:`guarded`)."""
    rows = connection.execute(
        f"SELECT identity, data FROM {table} ORDER BY identity"  # noqa: S608 - two names
    ).fetchall()
    return {
        identity: structure(
            verified_json(data, identity, f"{table}[{identity}]"),
            kind,
            file=f"{path} {table}[{identity}]",
        )
        for identity, data in rows
    }


def header_json(state: Document) -> str:
    """A state's document without its sections (kind, registrant, portfolios, ...)."""
    return json.dumps(unstructure(attrs.evolve(state, sections=())), sort_keys=True)


def json_list(values: list[str]) -> str:
    """A JSON list of strings."""
    return json.dumps(values)


def parse_json_list(text: str) -> list[str]:
    """Read back :func:`json_list`."""
    values = json.loads(text)
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        raise ValueError(f"expected a JSON list of strings, found {text!r:.80}")
    return values


def state_digest(header: str, roots: str) -> str:
    """What a state's row must hash to: its header and its roots."""
    return hashlib.sha256(f"{header}\x00{roots}".encode()).hexdigest()


def state_digests(connection: sqlite3.Connection) -> dict[str, str] | None:
    """Each state's digest by "edition:seq", as the last rebuild wrote them (``None`` for
    a store written before they were kept)."""
    row = connection.execute("SELECT value FROM meta WHERE key = 'state_digests'").fetchone()
    if row is None:
        return None
    data = json.loads(row[0])
    if not isinstance(data, dict):
        raise TypeError(f"expected the state digests as a JSON object, found {row[0]!r:.80}")
    return {str(key): str(value) for key, value in data.items()}
