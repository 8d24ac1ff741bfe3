"""A durable ledger in one SQLite file (standard library ``sqlite3``, no server).

The store keeps:

* **filings**: the original bytes of every file ingested, by SHA-256, so
  nothing is ever lost and ingesting the same file twice is a no-op;
* **supplements** and **documents** (base editions) as the converter's JSON,
  with the **amendments** listed one per row;
* **editions**, and per edition its **states**: the instant each state took
  effect and the roots of its section tree;
* **nodes**: every section once, addressed by the hash of its content, with
  its children by hash, so unchanged subtrees and identical text are stored
  once however many versions share them;
* **section_versions**: every version of every section with its validity
  interval and the instant it became known.

``as_of(when).section(path)`` on a store (everything known) is answered by
lookups: the edition in force, its latest state at ``when`` (from a catalogue
of the editions and states, read once per change of the store), and that
state's nodes; nothing is replayed.  Queries that need the full history
(``known_at``, ``history``, ``diff``, ``timeline``, ``problems``) rebuild the
ledger in memory from the stored supplements, without parsing anything again.

Every ingest is one transaction: an interrupted or failing ingest leaves the
store as it was, and readers (WAL mode) see the old or the new state, never a
mix.  Every ingest also bumps the store's generation, so that a handle kept
open while another process ingests reads the store again before answering.
A damaged file is refused with a :class:`StoreError` naming it: SQLite's
``quick_check`` on opening, and what each row says checked against its hash
or identity as it is read.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import attrs
import pendulum

from . import _store_schema as schema
from ._engine import Compiled, document_identity, supplement_identity
from ._filings import ParsedFiling, read_all
from ._routing import compile_ledger
from ._store_nodes import Encoder, micros, version_rows
from ._store_states import StoredStates
from .errors import InvalidFilingError, ProspectusLedgerError, StoreError
from .instants import parse_when
from .ledger import (
    DEFAULT_MAX_FILING_BYTES,
    Ledger,
    PathLike,
    parse_any,
    read_bytes,
    read_file,
    too_large,
)
from .manifest import Manifest, as_manifest, sources_for
from .provenance import Source, SourceLike, as_source
from .serialize import dumps
from .snapshot import Snapshot
from .sources import find_sources
from .supplement import Supplement
from .timeline import problems_of
from .tree import Document

__all__ = [
    "IngestReport",
    "ParsedFiling",
    "Store",
    "StoredLedger",
    "is_store_file",
    "open_store",
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
    """

    files: int
    new_filings: int
    supplements: int
    documents: int
    amendments: int
    problems: int
    failures: tuple[tuple[str, str], ...]
    skipped: tuple[tuple[str, str], ...] = ()


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
        self._connection = schema.connect(self.path, create=create)

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
                digest = schema.sha256(read_bytes(file, self.max_filing_bytes))
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
            digest = schema.sha256(filing.content)
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
            failures=tuple(failures),
        )

    def _write(self, parsed: Sequence[ParsedFiling]) -> tuple[int, int, int]:
        """Write parsed filings and rebuild the derived tables, in one transaction."""
        supplements_added = documents_added = amendments_added = 0
        connection = self._connection
        try:
            connection.execute("BEGIN IMMEDIATE")
            for filing in parsed:
                name, data = filing.name, filing.content
                supplements, documents = filing.supplements, filing.documents
                digest = schema.sha256(data)
                inserted = connection.execute(
                    "INSERT OR IGNORE INTO filings (sha256, name, content, added_at) VALUES "
                    "(?, ?, ?, ?)",
                    (digest, name, data, pendulum.now("UTC").isoformat()),
                ).rowcount
                if not inserted:
                    continue  # another process stored the same filing first
                for supplement in supplements:
                    identity = supplement_identity(supplement)
                    added = connection.execute(
                        "INSERT OR IGNORE INTO supplements (identity, filing, "
                        "supplement_date, data) "
                        "VALUES (?, ?, ?, ?)",
                        (identity, digest, _date_text(supplement), dumps(supplement, indent=None)),
                    ).rowcount
                    if added:
                        supplements_added += 1
                        amendments_added += len(supplement.amendments)
                        connection.executemany(
                            "INSERT INTO amendments (supplement, position, action, document, "
                            "target, effective) "
                            "VALUES (?, ?, ?, ?, ?, ?)",
                            [
                                schema.amendment_row(identity, index, a)
                                for index, a in enumerate(supplement.amendments)
                            ],
                        )
                for document in documents:
                    documents_added += connection.execute(
                        "INSERT OR IGNORE INTO documents (identity, filing, data) VALUES (?, ?, ?)",
                        (document_identity(document), digest, dumps(document, indent=None)),
                    ).rowcount
            if parsed:
                self._rebuild()
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
        return supplements_added, documents_added, amendments_added

    def _rebuild(self) -> None:
        """Recompute editions, states, nodes and section versions from the stored contents."""
        connection = self._connection
        compiled = compile_ledger(self._documents(), self._supplements_by_identity())
        for table in ("section_versions", "states", "editions"):
            connection.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
        encoder = Encoder({row[0] for row in connection.execute("SELECT hash FROM nodes")})
        full = compiled.bucket(None)
        # Each state's header and roots, hashed: a later state's header has no other copy
        # to be checked against (a fund renamed by a supplement changes it).
        digests: dict[str, str] = {}
        for index, edition in enumerate(compiled.editions):
            connection.execute(
                "INSERT INTO editions (id, name, start_us, end_us, data) VALUES (?, ?, ?, ?, ?)",
                (
                    index,
                    edition.name,
                    micros(edition.start),
                    micros(edition.end) if edition.end else None,
                    schema.edition_json(edition),
                ),
            )
            replay = compiled.replay(index, full)
            # An instruction effective before its edition starts takes effect with it.
            instants = [edition.start, *(max(at, edition.start) for at in replay.instants)]
            for sequence, (instant, state) in enumerate(zip(instants, replay.states, strict=True)):
                roots, new_nodes = encoder.roots(state.sections)
                connection.executemany("INSERT INTO nodes (hash, data) VALUES (?, ?)", new_nodes)
                header = schema.header_json(state)
                digests[f"{index}:{sequence}"] = schema.state_digest(header, roots)
                connection.execute(
                    "INSERT INTO states (edition, seq, valid_from_us, valid_from, header, roots) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (index, sequence, micros(instant), instant.isoformat(), header, roots),
                )
            connection.executemany(
                "INSERT INTO section_versions (edition, path, heading_key, portfolio, "
                "valid_from_us, "
                "valid_to_us, known_at, node) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                version_rows(index, edition, compiled.section_index(index, full), encoder),
            )
        connection.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('state_digests', ?)",
            (json.dumps(digests, separators=(",", ":")),),
        )
        connection.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('portfolios', ?)",
            (schema.json_list(compiled.portfolio_names()),),
        )
        # Counted here, from the compile just done, so that an ingest (even one
        # with nothing new) never compiles the whole ledger again to report it.
        connection.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('problems', ?)",
            (str(len(problems_of(compiled))),),
        )
        # Editions were renumbered: handles open on the store must read them again.
        schema.bump_generation(connection)

    # -- reading -------------------------------------------------------------

    def _problem_count(self) -> int:
        with schema.guarded(self.path):
            row = self._connection.execute(
                "SELECT value FROM meta WHERE key = 'problems'"
            ).fetchone()
        return int(row[0]) if row and str(row[0]).isdigit() else 0

    def _supplements(self) -> list[Supplement]:
        return list(self._supplements_by_identity().values())

    def _supplements_by_identity(self) -> dict[str, Supplement]:
        """The stored supplements under the identities they were stored with."""
        with schema.guarded(self.path):
            return schema.read_contents(self._connection, "supplements", Supplement, self.path)

    def _documents(self) -> list[Document]:
        with schema.guarded(self.path):
            stored = schema.read_contents(self._connection, "documents", Document, self.path)
            return list(stored.values())

    def _filing_hashes(self) -> set[str]:
        with schema.guarded(self.path):
            return {row[0] for row in self._connection.execute("SELECT sha256 FROM filings")}

    def filing_bytes(self, sha256: str) -> bytes:
        """The original bytes of a stored filing.

        Raises:
            StoreError: when the store holds no filing with that hash.
        """
        with schema.guarded(self.path):
            row = self._connection.execute(
                "SELECT content FROM filings WHERE sha256 = ?", (sha256,)
            ).fetchone()
        if row is None:
            raise StoreError(str(self.path), f"no filing with sha256 {sha256}")
        content = bytes(row[0])
        if schema.sha256(content) != sha256:
            raise StoreError(
                str(self.path),
                f"damaged store: the filing stored as sha256 {sha256} has other bytes "
                f"(their sha256 is {schema.sha256(content)})",
            )
        return content

    def ledger(self) -> StoredLedger:
        """The ledger API over this store."""
        return StoredLedger(self)


class StoredLedger(Ledger):
    """A ledger backed by a :class:`Store`, with the same API as an in-memory one.

    ``as_of(when)`` with everything known answers from the store's tables;
    everything else loads the stored supplements into memory (no re-parsing),
    again whenever the store has changed since: a handle kept open answers as
    a fresh one would after another process ingests.  ``add_file`` and
    ``add_filing`` write to the store.
    """

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self._states = StoredStates(store._connection, store.path)
        self._generation: schema.Generation | None = None

    def _load(self) -> None:
        connection = self.store._connection
        with schema.guarded(self.store.path), schema.reading(connection):
            generation = schema.generation(connection)
            if generation == self._generation:
                return
            self._documents.clear()
            self._supplements.clear()
            self._compiled = None
            for document in self.store._documents():
                Ledger.add_document(self, document)
            for supplement in self.store._supplements():
                Ledger.add_supplement(self, supplement)
            self._generation = generation

    def _compile(self) -> Compiled:
        self._load()
        return super()._compile()

    @property
    def supplements(self) -> tuple[Supplement, ...]:
        self._load()
        return super().supplements

    @property
    def documents(self) -> tuple[Document, ...]:
        self._load()
        return super().documents

    def as_of(self, when: object, known_at: object = None) -> Snapshot:
        """As :meth:`Ledger.as_of`; with everything known, answered from the store's indexes."""
        if known_at is not None:
            return super().as_of(when, known_at)
        return Snapshot(self._states, parse_when(when), None)

    def add_file(self, path: PathLike, source: Source | None = None) -> list[Supplement]:
        """Read one file and write what it holds to the store (one transaction);
        ``source`` as for :meth:`Ledger.add_file`."""
        data, supplements, documents = read_file(
            Path(path), max_bytes=self.store.max_filing_bytes, source=source
        )
        return self._add(Path(path).name, data, supplements, documents)

    def add_filing(self, data: str | bytes, source: SourceLike = None) -> list[Supplement]:
        """Parse one filing and write it to the store (one transaction); ``source`` as
        for :meth:`Ledger.add_filing`."""
        raw = data.encode("utf-8", errors="surrogatepass") if isinstance(data, str) else data
        source = as_source(source)
        supplements, documents, _doubt = parse_any(
            raw, source, max_bytes=self.store.max_filing_bytes
        )
        return self._add(source.name, raw, supplements, documents)

    def add_supplement(self, supplement: Supplement) -> bool:
        """Supplements enter a store only with their filing: use :meth:`add_filing`.

        Raises:
            StoreError: always.
        """
        raise StoreError(
            str(self.store.path), "a store keeps filings: add them with add_file or add_filing"
        )

    add_document = add_supplement  # type: ignore[assignment]

    def _add(
        self,
        name: str | None,
        data: bytes,
        supplements: list[Supplement],
        documents: list[Document],
    ) -> list[Supplement]:
        held = self.store._filing_hashes()
        if schema.sha256(data) in held:
            return []
        self.store._write([ParsedFiling(name, data, supplements, documents)])
        self._reset()
        return supplements

    def _reset(self) -> None:
        # The write bumped the generation; this makes the next question reload.
        self._generation = None

    def __repr__(self) -> str:
        self._load()
        return (
            f"<StoredLedger {self.store.path}: {len(self._documents)} base editions, "
            f"{len(self._supplements)} supplements>"
        )


SQLITE_MAGIC = b"SQLite format 3\x00"


def is_store_file(path: PathLike) -> bool:
    """Whether ``path`` is a SQLite file (a store, or a file to be refused as one)."""
    file = Path(path)
    if not file.is_file():
        return False
    with file.open("rb") as handle:
        return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC


def open_store(path: PathLike, *, create: bool = False) -> StoredLedger:
    """Open a store and return its ledger; with ``create=True``, make a new one when
    the file does not exist (a mistyped path is otherwise an error, not a new store).

    Raises:
        StoreError: for a missing file (without ``create``), a file that is not a
            store, is damaged, or was written by a newer version of the library;
            the error names the file.
    """
    return Store(path, create=create).ledger()


def _date_text(supplement: Supplement) -> str | None:
    return supplement.supplement_date.to_date_string() if supplement.supplement_date else None
