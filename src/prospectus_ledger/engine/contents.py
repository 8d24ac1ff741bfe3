"""Where a ledger's base editions and supplements are kept: the seam between a
:class:`~prospectus_ledger.ledger.Ledger` and its storage.

A ledger asks its contents for what it holds, hands them what is added, and
asks them for the sources its questions are answered from: a
:class:`~prospectus_ledger.engine.compiled.StateSource` for snapshots and a
:class:`~prospectus_ledger.engine.tracks.TrackSource` for many questions at once.
:class:`MemoryContents` keeps everything in memory and answers from the
compiled ledger; the store's contents (:mod:`prospectus_ledger.store`) keep
everything in SQLite and answer from its tables.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Protocol

import pendulum

from ..supplement import Supplement
from ..tree import Document
from .compiled import Compiled, StateSource, document_identity, earliest_date
from .held import HeldSupplements
from .identity import documents_in_order
from .routing import compile_ledger
from .tracks import TrackSource


class Contents(Protocol):
    """What a ledger's contents do for it."""

    @property
    def label(self) -> str:
        """How the ledger names them in its ``repr`` ("" in memory, the file of a store)."""
        ...

    def documents(self) -> tuple[Document, ...]:
        """The base editions held, in a stable order."""
        ...

    def supplements(self) -> tuple[Supplement, ...]:
        """The supplements held, in a stable order (by date, then identity)."""
        ...

    def add_document(self, document: Document) -> bool:
        """Keep a base edition; ``False`` when it was held already."""
        ...

    def add_supplement(self, supplement: Supplement) -> bool:
        """Keep a supplement; ``False`` when it was held already."""
        ...

    def holds(self, sha256: str) -> bool:
        """Whether the filing whose bytes have this SHA-256 is held (not to be parsed again)."""
        ...

    def add_filing(
        self,
        name: str | None,
        data: bytes,
        supplements: Sequence[Supplement],
        documents: Sequence[Document],
    ) -> bool:
        """Keep what one filing (``data``, read and parsed) holds, all or nothing;
        ``False`` when the filing was held already."""
        ...

    def compiled(self) -> Compiled:
        """The compiled form of everything held."""
        ...

    def states(self, known_at: pendulum.DateTime | None) -> StateSource:
        """What a snapshot applying what was known at ``known_at`` asks."""
        ...

    def tracks(self) -> TrackSource:
        """What many questions at once ask, everything known."""
        ...


def supplements_in_order(
    by_identity: Mapping[str, Supplement] | HeldSupplements,
) -> tuple[Supplement, ...]:
    """Supplements in the stable order a ledger gives them: by date, then identity."""
    if isinstance(by_identity, HeldSupplements):
        by_identity = by_identity.identities()
    earliest = earliest_date()
    return tuple(
        by_identity[key]
        for key in sorted(
            by_identity, key=lambda key: (by_identity[key].supplement_date or earliest, key)
        )
    )


class MemoryContents:
    """Contents kept in memory, compiled on first use after every change."""

    label = ""

    def __init__(self) -> None:
        self._documents: dict[str, Document] = {}
        # Identified only when two of one filing meet, or when listed: see held.py.
        self._supplements = HeldSupplements()
        self._filings: set[str] = set()
        self._compiled: Compiled | None = None

    def documents(self) -> tuple[Document, ...]:
        return documents_in_order(self._documents)

    def supplements(self) -> tuple[Supplement, ...]:
        return supplements_in_order(self._supplements)

    def add_document(self, document: Document) -> bool:
        identity = document_identity(document)
        if identity in self._documents:
            return False
        self._documents[identity] = document
        self._compiled = None
        return True

    def add_supplement(self, supplement: Supplement) -> bool:
        if not self._supplements.add(supplement):
            return False
        self._compiled = None
        return True

    def add_filing(
        self,
        name: str | None,
        data: bytes,
        supplements: Sequence[Supplement],
        documents: Sequence[Document],
    ) -> bool:
        digest = hashlib.sha256(data).hexdigest()
        if digest in self._filings:
            return False
        for document in documents:
            self.add_document(document)
        for supplement in supplements:
            self.add_supplement(supplement)
        self._filings.add(digest)
        return True

    def holds(self, sha256: str) -> bool:
        return sha256 in self._filings

    def compiled(self) -> Compiled:
        if self._compiled is None:
            self._compiled = compile_ledger(self._documents, self._supplements)
        return self._compiled

    def states(self, known_at: pendulum.DateTime | None) -> StateSource:
        return self.compiled()

    def tracks(self) -> TrackSource:
        return self.compiled()
