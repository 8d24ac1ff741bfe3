"""The ledger API over a store: a :class:`~prospectus_ledger.ledger.Ledger` whose
contents are the store's (composition, not a second ledger)."""

from __future__ import annotations

from collections.abc import Sequence

import pendulum

from ..engine.compiled import Compiled, StateSource
from ..engine.contents import supplements_in_order
from ..engine.identity import documents_in_order
from ..engine.routing import compile_ledger
from ..engine.tracks import TrackSource
from ..errors import StoreError
from ..files import PathLike
from ..ledger import Ledger
from ..supplement import Supplement
from ..tree import Document
from . import _rows as rows
from . import schema
from ._states import StoredStates
from ._store import ParsedFiling, Store


class StoreContents:
    """A store as a ledger's :class:`~prospectus_ledger.engine.contents.Contents`.

    Questions with everything known are answered from the store's tables
    (:class:`~prospectus_ledger.store._states.StoredStates`); everything else
    loads the stored supplements into memory (no re-parsing), again whenever
    the store has changed since: a handle kept open answers as a fresh one
    would after another process ingests.  Filings added are written to the
    store; supplements and base editions alone are refused, since a store
    keeps the filings they came from.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._states = StoredStates(store._connection, store.path)
        self._generation: schema.Generation | None = None
        self._documents: tuple[Document, ...] = ()
        self._supplements: tuple[Supplement, ...] = ()
        self._compiled: Compiled | None = None
        self._by_identity: tuple[dict[str, Document], dict[str, Supplement]] = ({}, {})

    @property
    def label(self) -> str:
        """The store's file, as the ledger's ``repr`` shows it."""
        return f" {self.store.path}"

    def _load(self) -> None:
        connection = self.store._connection
        with schema.guarded(self.store.path), schema.reading(connection):
            generation = schema.generation(connection)
            if generation == self._generation:
                return
            self._by_identity = self.store._contents()
        documents, supplements = self._by_identity
        # In the order a ledger in memory gives them (identities as stored and checked).
        self._documents = documents_in_order(documents)
        self._supplements = supplements_in_order(supplements)
        self._compiled = None
        self._generation = generation

    def documents(self) -> tuple[Document, ...]:
        self._load()
        return self._documents

    def supplements(self) -> tuple[Supplement, ...]:
        self._load()
        return self._supplements

    def _refuse(self) -> StoreError:
        return StoreError(
            str(self.store.path), "a store keeps filings: add them with add_file or add_filing"
        )

    def add_document(self, document: Document) -> bool:
        raise self._refuse()

    def add_supplement(self, supplement: Supplement) -> bool:
        raise self._refuse()

    def holds(self, sha256: str) -> bool:
        return self.store._holds(sha256)

    def add_filing(
        self,
        name: str | None,
        data: bytes,
        supplements: Sequence[Supplement],
        documents: Sequence[Document],
    ) -> bool:
        if self.holds(rows.sha256(data)):
            return False
        self.store._write([ParsedFiling(name, data, list(supplements), list(documents))])
        self._generation = None  # the write bumped it: the next question reloads
        return True

    def compiled(self) -> Compiled:
        self._load()
        if self._compiled is None:
            self._compiled = compile_ledger(*self._by_identity)
        return self._compiled

    def states(self, known_at: pendulum.DateTime | None) -> StateSource:
        # With everything known, the store's tables answer; an earlier state of
        # knowledge is replayed in memory.
        return self._states if known_at is None else self.compiled()

    def tracks(self) -> TrackSource:
        return self._states


class StoredLedger(Ledger):
    """A ledger backed by a :class:`Store`, with the same API as an in-memory one: a
    :class:`~prospectus_ledger.ledger.Ledger` whose contents are the store's
    (:class:`StoreContents`).  ``add_file`` and ``add_filing`` write to the store."""

    def __init__(self, store: Store) -> None:
        super().__init__(max_filing_bytes=store.max_filing_bytes, contents=StoreContents(store))
        self.store = store


def open_store(path: PathLike, *, create: bool = False) -> StoredLedger:
    """Open a store and return its ledger; with ``create=True``, make a new one when
    the file does not exist (a mistyped path is otherwise an error, not a new store).

    Raises:
        StoreError: for a missing file (without ``create``), a file that is not a
            store, is damaged, or was written by a newer version of the library;
            the error names the file.
    """
    return StoredLedger(Store(path, create=create))
