"""The store's SQLite schema, its versions and migrations, and row encodings."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import attrs
import pendulum

from ._engine import Edition, EditionKey
from .errors import InvalidLedgerDataError, StoreError
from .serialize import structure, unstructure
from .supplement import Amendment
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


def connect(path: Path) -> sqlite3.Connection:
    """Open the store at ``path``, creating or migrating its schema.

    Raises:
        StoreError: when the file is not a SQLite store, is damaged, or has a
            newer schema than this library knows.
    """
    try:
        connection = sqlite3.connect(path, isolation_level=None, timeout=30.0)
        connection.execute("PRAGMA busy_timeout = 30000")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        _ensure_schema(connection, path)
        connection.execute("PRAGMA quick_check").fetchone()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        raise StoreError(str(path), f"not a readable prospectus-ledger store: {error}") from error
    return connection


# What reading a damaged store can raise, below the library: SQLite's own
# errors, bytes that are not UTF-8, JSON that does not parse or has the wrong
# shape.  At the storage boundary each becomes a StoreError naming the file.
DAMAGE = (sqlite3.DatabaseError, UnicodeDecodeError, json.JSONDecodeError, InvalidLedgerDataError)


def guarded(path: Path | str | None) -> contextlib.AbstractContextManager[None]:
    """A context in which damage to the store at ``path`` raises :class:`StoreError`."""
    return _Guard(str(path) if path is not None else None)


class _Guard(contextlib.AbstractContextManager[None]):
    def __init__(self, path: str | None) -> None:
        self.path = path

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        if isinstance(error, DAMAGE):
            raise StoreError(
                self.path, f"damaged store: {type(error).__name__}: {error}"
            ) from error


def _run_script(connection: sqlite3.Connection, script: str) -> None:
    # executescript() would commit the open transaction; run statement by statement.
    for statement in script.split(";"):
        if statement.strip():
            connection.execute(statement)


def _ensure_schema(connection: sqlite3.Connection, path: Path) -> None:
    tables = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if not tables:
        connection.execute("BEGIN IMMEDIATE")
        _run_script(connection, _SCHEMA_V1)
        connection.execute(
            "INSERT INTO meta (key, value) VALUES ('schema_version', ?), ('format', "
            "'prospectus-ledger')",
            (str(SCHEMA_VERSION),),
        )
        connection.execute("COMMIT")
        return
    if "meta" not in tables:
        raise StoreError(
            str(path), "a SQLite file, but not a prospectus-ledger store (no meta table)"
        )
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None or not str(row[0]).isdigit():
        raise StoreError(str(path), "the store records no schema version")
    version = int(row[0])
    if version > SCHEMA_VERSION:
        raise StoreError(
            str(path),
            f"schema version {version} is newer than this library reads ({SCHEMA_VERSION}); "
            "upgrade prospectus-ledger",
        )
    if version < SCHEMA_VERSION:
        connection.execute("BEGIN IMMEDIATE")
        for step in range(version + 1, SCHEMA_VERSION + 1):
            _run_script(connection, MIGRATIONS[step])
        connection.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),)
        )
        connection.execute("COMMIT")


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
        raise StoreError(file, f"expected an ISO instant in the editions table, got {value!r}")
    return parsed


def edition_from_json(text: str, *, file: str) -> Edition:
    """Read back :func:`edition_json`."""
    try:
        data = json.loads(text)
        return Edition(
            key=structure(data["key"], EditionKey, file=file),
            document=structure(data["document"], Document, file=file),
            start=_instant(data["start"], file),
            known_at=_instant(data["known_at"], file),
            end=_instant(data["end"], file) if data["end"] else None,
            steps=(),
        )
    except (json.JSONDecodeError, KeyError, TypeError, InvalidLedgerDataError) as error:
        raise StoreError(file, f"damaged editions table: {error}") from error


def header_json(state: Document) -> str:
    """A state's document without its sections (kind, registrant, portfolios, ...)."""
    return json.dumps(unstructure(attrs.evolve(state, sections=())), sort_keys=True)


def json_list(values: list[str]) -> str:
    """A JSON list of strings."""
    return json.dumps(values)


def parse_json_list(text: str) -> list[str]:
    """Read back :func:`json_list`."""
    values = json.loads(text)
    return [str(value) for value in values] if isinstance(values, list) else []
