"""The store: ingesting filings into it, and the ledger API over it."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pendulum

from .._filings import ParsedFiling, read_all
from ..engine.compiled import document_identity, supplement_identity
from ..engine.routing import compile_ledger
from ..errors import InvalidFilingError, ProspectusLedgerError, StoreError
from ..files import (
    DEFAULT_MAX_FILING_BYTES,
    PathLike,
    read_bytes,
    too_large,
)
from ..manifest import Manifest, as_manifest, sources_for
from ..serialize import dumps
from ..sources import find_sources
from ..supplement import Supplement
from ..tree import Document
from . import _rows as rows
from . import schema
from ._index import write_derived

if TYPE_CHECKING:
    from ._ledger import StoredLedger

__all__ = [
    "IngestReport",
    "ParsedFiling",
    "Store",
    "is_store_file",
]

Progress = Callable[[int, int, str], None]
"""Called with (number, total, file name) before each file is read."""


@attrs.frozen
class IngestReport:
    """What one ingest did.

    Attributes:
        files: files read.
        new_filings: files not already in the store.
        supplements: supplements added.
        documents: base editions added.
        amendments: amendments added.
        problems: problems in the whole store after the ingest.
        failures: files that could not be read: (file, error message).
        skipped: files a folder held that were left out: (file, reason).
        editions: editions in the store after the ingest.
        editions_written: editions whose rows the ingest wrote (the others, which
            nothing new changed, kept theirs).
    """

    files: int
    new_filings: int
    supplements: int
    documents: int
    amendments: int
    problems: int
    failures: tuple[tuple[str, str], ...]
    skipped: tuple[tuple[str, str], ...] = ()
    editions: int = 0
    editions_written: int = 0


class Store:
    """An open SQLite store.  Use :func:`open_store` for the ledger API."""

    def __init__(
        self,
        path: PathLike,
        *,
        create: bool = True,
        max_filing_bytes: int = DEFAULT_MAX_FILING_BYTES,
    ) -> None:
        self.path = Path(path)
        self.max_filing_bytes = max_filing_bytes
        if not create and not self.path.exists():
            raise StoreError(
                str(self.path),
                "no such store (check the path; open_store(path, create=True) makes a new "
                "one, and so does 'prospectus-ledger ingest ... --store PATH')",
            )
        file = str(self.path)
        opened = schema.connect(
            self.path, create=create, rebuild=lambda connection: rebuild(connection, file)
        )
        self._connection = opened.connection
        # Opening checked the tables questions read; the rest is checked whole once,
        # before it is first read or written (the cost of a cold start is not it).
        self._checked_whole = opened.migrated_from is not None
        self.migrated_from = opened.migrated_from
        """The schema version this store was upgraded from when it was opened, if any."""

    def close(self) -> None:
        """Close the connection."""
        self._connection.close()

    # -- writing -------------------------------------------------------------

    def ingest(
        self,
        sources: PathLike | Iterable[PathLike],
        *,
        errors: str = "record",
        progress: Progress | None = None,
        jobs: int | None = 1,
        manifest: PathLike | Manifest | None = None,
    ) -> IngestReport:
        """Read files (folders expand to their filings) and store what they hold.

        Files are parsed first, by ``jobs`` processes (``None``: one per core);
        then everything new is written, and the derived tables rebuilt, in one
        transaction.  With ``errors="raise"`` the first unreadable file aborts
        the ingest and the store is unchanged; with ``"record"`` it is
        reported in :attr:`IngestReport.failures`.  ``manifest`` as for
        :func:`~prospectus_ledger.load`.

        Raises:
            InvalidManifestError: for a manifest that cannot be read, or that
                lists none of the files; nothing is written then.
        """
        listing = as_manifest(manifest)
        found = find_sources(sources, exclude=[listing.file] if listing is not None else [])
        files = list(found.files)
        sources_of = dict(zip(files, sources_for(files, listing), strict=True))
        known = self._filing_hashes()
        failures: list[tuple[str, str]] = []
        # Hash first, parse only what the store does not hold: re-ingesting a
        # folder (the nightly case) parses nothing it has seen.
        fresh: list[Path] = []
        for file in files:
            try:
                digest = rows.sha256(read_bytes(file, self.max_filing_bytes))
            except ProspectusLedgerError as error:
                if errors == "raise":
                    raise
                failures.append((str(file), str(error)))
                continue
            if digest not in known:
                known.add(digest)
                fresh.append(file)
        parsed: list[ParsedFiling] = []
        for number, (file, outcome) in enumerate(
            read_all(fresh, jobs, self.max_filing_bytes, [sources_of[f] for f in fresh]), start=1
        ):
            if progress is not None:
                progress(number, len(fresh), file.name)
            if isinstance(outcome, ProspectusLedgerError):
                if errors == "raise":
                    raise outcome
                failures.append((str(file), str(outcome)))
                continue
            parsed.append(outcome)
        report = self._report(len(files), parsed, failures)
        return attrs.evolve(
            report, skipped=tuple((str(file), reason) for file, reason in found.skipped)
        )

    def add_parsed(self, filings: Iterable[ParsedFiling]) -> IngestReport:
        """Store filings already read and parsed (see :meth:`ParsedFiling.read`).

        As :meth:`ingest`, without reading or parsing: filings the store
        holds (by the SHA-256 of their content) are skipped, and everything
        new is written, and the derived tables rebuilt, in one transaction.
        The store keeps what each filing says it holds; :meth:`ingest` is the
        way to have the store parse the bytes itself.

        Raises:
            InvalidFilingError: for an item that is not a :class:`ParsedFiling`,
                or content larger than the store's ``max_filing_bytes``; nothing
                is written then.
        """
        items = list(filings)
        known = self._filing_hashes()
        fresh: list[ParsedFiling] = []
        for position, filing in enumerate(items):
            if not isinstance(filing, ParsedFiling):
                raise InvalidFilingError(
                    f"item {position}", f"expected a ParsedFiling, got a {type(filing).__name__}"
                )
            if len(filing.content) > self.max_filing_bytes:
                raise InvalidFilingError(
                    filing.name or f"item {position}",
                    too_large(len(filing.content), self.max_filing_bytes),
                )
            digest = rows.sha256(filing.content)
            if digest not in known:
                known.add(digest)
                fresh.append(filing)
        return self._report(len(items), fresh, [])

    def _report(
        self, files: int, parsed: Sequence[ParsedFiling], failures: list[tuple[str, str]]
    ) -> IngestReport:
        counts = self._write(parsed)
        return IngestReport(
            files=files,
            new_filings=len(parsed),
            supplements=counts[0],
            documents=counts[1],
            amendments=counts[2],
            problems=self._problem_count(),
            editions=self._edition_count(),
            editions_written=counts[3],
            failures=tuple(failures),
        )

    def _check_whole(self) -> None:
        """SQLite's check of the whole file, once per handle, before anything but the
        tables questions read is read or written (see :data:`schema.OPENING_TABLES`)."""
        if not self._checked_whole:
            with schema.guarded(self.path):
                schema.check_integrity(self._connection, str(self.path))
            self._checked_whole = True

    def _write(self, parsed: Sequence[ParsedFiling]) -> tuple[int, int, int, int]:
        """Write parsed filings and bring the derived tables up to date, in one
        transaction: supplements, base editions and amendments added, editions written."""
        self._check_whole()
        supplements_added = documents_added = amendments_added = written = 0
        connection = self._connection
        try:
            connection.execute("BEGIN IMMEDIATE")
            for filing in parsed:
                name, data = filing.name, filing.content
                supplements, documents = filing.supplements, filing.documents
                digest = rows.sha256(data)
                packed, encoding = rows.pack_filing(data)
                inserted = connection.execute(
                    "INSERT OR IGNORE INTO filings (sha256, name, content, added_at, encoding) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (digest, name, packed, pendulum.now("UTC").isoformat(), encoding),
                ).rowcount
                if not inserted:
                    continue  # another process stored the same filing first
                for supplement in supplements:
                    identity = supplement_identity(supplement)
                    added = connection.execute(
                        "INSERT OR IGNORE INTO supplements (identity, filing, "
                        "supplement_date, data) "
                        "VALUES (?, ?, ?, ?)",
                        (
                            identity,
                            digest,
                            _date_text(supplement),
                            rows.pack_json(dumps(supplement, indent=None), data),
                        ),
                    ).rowcount
                    if added:
                        supplements_added += 1
                        amendments_added += len(supplement.amendments)
                        connection.executemany(
                            "INSERT INTO amendments (supplement, position, action, document, "
                            "target, effective) "
                            "VALUES (?, ?, ?, ?, ?, ?)",
                            [
                                rows.amendment_row(identity, index, a)
                                for index, a in enumerate(supplement.amendments)
                            ],
                        )
                for document in documents:
                    documents_added += connection.execute(
                        "INSERT OR IGNORE INTO documents (identity, filing, data) VALUES (?, ?, ?)",
                        (
                            document_identity(document),
                            digest,
                            rows.pack_json(dumps(document, indent=None), data),
                        ),
                    ).rowcount
            if parsed:
                written = self._rebuild()
            connection.execute("COMMIT")
        except BaseException as error:
            # SQLite rolls back by itself after some errors (a full disk, damage).
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            if isinstance(error, sqlite3.DatabaseError):
                raise StoreError(
                    str(self.path), f"could not write to the store: {error}"
                ) from error
            raise
        return supplements_added, documents_added, amendments_added, written

    def _rebuild(self) -> int:
        """Bring the derived tables up to date (inside the write); editions written."""
        return rebuild(self._connection, self.path)

    # -- reading -------------------------------------------------------------

    def _edition_count(self) -> int:
        with schema.guarded(self.path):
            (count,) = self._connection.execute("SELECT count(*) FROM editions").fetchone()
        return int(count)

    def _problem_count(self) -> int:
        with schema.guarded(self.path):
            row = self._connection.execute(
                "SELECT value FROM meta WHERE key = 'problems'"
            ).fetchone()
        return int(row[0]) if row and str(row[0]).isdigit() else 0

    def _contents(self) -> tuple[dict[str, Document], dict[str, Supplement]]:
        """The stored base editions and supplements, under the identities they were
        stored with (each checked against its identity)."""
        self._check_whole()
        with schema.guarded(self.path):
            return rows.read_stored(self._connection, self.path)

    def _holds(self, sha256: str) -> bool:
        """Whether the filing whose bytes have this SHA-256 is stored."""
        self._check_whole()
        with schema.guarded(self.path):
            found = self._connection.execute(
                "SELECT 1 FROM filings WHERE sha256 = ?", (sha256,)
            ).fetchone()
        return found is not None

    def _filing_hashes(self) -> set[str]:
        self._check_whole()
        with schema.guarded(self.path):
            return {row[0] for row in self._connection.execute("SELECT sha256 FROM filings")}

    def filing_bytes(self, sha256: str) -> bytes:
        """The original bytes of a stored filing.

        Raises:
            StoreError: when the store holds no filing with that hash.
        """
        self._check_whole()
        with schema.guarded(self.path):
            row = self._connection.execute(
                "SELECT content, encoding FROM filings WHERE sha256 = ?", (sha256,)
            ).fetchone()
            if row is None:
                raise StoreError(str(self.path), f"no filing with sha256 {sha256}")
            content = rows.unpack_filing(*row)
        if rows.sha256(content) != sha256:
            raise StoreError(
                str(self.path),
                f"damaged store: the filing stored as sha256 {sha256} has other bytes "
                f"(their sha256 is {rows.sha256(content)})",
            )
        return content

    def ledger(self) -> StoredLedger:
        """The ledger API over this store."""
        from ._ledger import StoredLedger

        return StoredLedger(self)


SQLITE_MAGIC = b"SQLite format 3\x00"


def is_store_file(path: PathLike) -> bool:
    """Whether ``path`` is a SQLite file (a store, or a file to be refused as one)."""
    file = Path(path)
    if not file.is_file():
        return False
    with file.open("rb") as handle:
        return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC


def _date_text(supplement: Supplement) -> str | None:
    return supplement.supplement_date.to_date_string() if supplement.supplement_date else None


def rebuild(connection: sqlite3.Connection, path: PathLike) -> int:
    """Bring the derived tables up to date with the stored contents (inside the caller's
    write transaction), and tell every open handle that the store changed; how many
    editions were written (the others kept their rows)."""
    with schema.guarded(str(path)):
        documents, supplements = rows.read_stored(connection, Path(path))
    identities = {id(document): key for key, document in documents.items()}
    written = write_derived(connection, compile_ledger(documents, supplements), identities)
    # Editions were added, dropped and reordered: open handles must read them again.
    schema.bump_generation(connection)
    return written
