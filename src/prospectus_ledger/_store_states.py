"""What a snapshot over a store asks, answered from the store's tables.

The store keeps every state of every edition as rows of shared nodes; a
snapshot loads the states in force at its instant and walks them.

Another process (or another :class:`~prospectus_ledger.store.Store` object)
may ingest while a handle is open, and an ingest renumbers the editions.
Every question therefore reads the store's generation first, in the same read
transaction as its answer, and reads the catalogue of editions and states
again when the generation changed: an old handle answers as a fresh one would.

The catalogue is read from the tables themselves (not their indexes, whose
damage SQLite's ``quick_check`` does not see), and what the rows say twice
must agree: a damaged store raises :class:`StoreError`, never other text.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import math
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
import pendulum

from . import _store_schema as schema
from ._engine import Edition, identifiers_of
from ._lookup import find_in_states, in_scope
from ._store_nodes import NodeCache, micros
from .errors import StoreError
from .tree import Document, DocumentKind, Located


@attrs.frozen
class _Row:
    """One edition's row: its id and name, the instants it is in force, its JSON, parsed."""

    index: int
    name: object
    start_us: int
    end_us: int | None
    data: dict[str, Any]


@attrs.frozen
class _Catalogue:
    """Every edition, and per edition its states in order, as (valid_from_us, seq, rowid,
    valid_from)."""

    editions: tuple[_Row, ...]
    states: dict[int, list[tuple[int, int, int, str]]]
    digests: dict[str, str] | None = None


class StoredStates:
    """A :class:`~prospectus_ledger._engine.StateSource` answered from the store's tables."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._connection = connection
        self._file = str(path)
        # Nodes are addressed by content and never change: kept across generations.
        self._nodes = NodeCache(connection, self._file)
        # Valid for one generation only (an ingest renumbers the editions).
        self._generation: schema.Generation | None = None
        self._catalogue = _Catalogue((), {})
        self._editions: dict[int, Edition] = {}

    def _damaged(self, problem: str) -> StoreError:
        return StoreError(self._file, f"damaged store: {problem}")

    # -- the catalogue, read once per generation ------------------------------------

    def _fresh(self) -> _Catalogue:
        """The catalogue of the store as it is now (call inside a read transaction)."""
        now = schema.generation(self._connection)
        if now != self._generation:
            self._editions.clear()
            self._catalogue = self._read_catalogue()
            self._generation = now
        return self._catalogue

    def _instant_us(self, text: object, what: str) -> int:
        try:
            if isinstance(text, str):
                return micros(dt.datetime.fromisoformat(text))
        except ValueError:
            pass
        raise self._damaged(f"expected an ISO instant for {what}, found {text!r:.80}")

    def _read_catalogue(self) -> _Catalogue:
        rows: list[_Row] = []
        # NOT INDEXED: read the tables, which quick_check vouches for, not
        # their indexes, whose agreement with the tables it does not check.
        for index, name, start_us, end_us, text in self._connection.execute(
            "SELECT id, name, start_us, end_us, data FROM editions NOT INDEXED ORDER BY id"
        ):
            data = json.loads(text) if isinstance(text, str) else None
            if not isinstance(data, dict) or not isinstance(data.get("document"), dict):
                raise self._damaged(f"edition {index}: expected a JSON object, found {text!r:.80}")
            # The instants are kept twice, as numbers (to search) and as text.
            said = (
                self._instant_us(data.get("start"), f"the start of edition {index}"),
                self._instant_us(data["end"], f"the end of edition {index}")
                if data.get("end") is not None
                else None,
            )
            if said != (start_us, end_us):
                raise self._damaged(
                    f"edition {index} is in force from {said[0]} to {said[1]} (microseconds) "
                    f"by its JSON, but from {start_us!r} to {end_us!r} by its row"
                )
            rows.append(_Row(index, name, start_us, end_us, data))
        states: dict[int, list[tuple[int, int, int, str]]] = {row.index: [] for row in rows}
        for rowid, edition, seq, valid_from_us, valid_from in self._connection.execute(
            "SELECT rowid, edition, seq, valid_from_us, valid_from FROM states NOT INDEXED"
        ):
            said_us = self._instant_us(valid_from, f"a state of edition {edition!r}")
            if edition not in states or said_us != valid_from_us or not isinstance(seq, int):
                raise self._damaged(
                    f"a state of edition {edition!r} (number {seq!r}) takes effect at "
                    f"{valid_from!r} by its text and {valid_from_us!r} by its number, "
                    "or belongs to no edition"
                )
            states[edition].append((valid_from_us, seq, rowid, valid_from))
        for row in rows:
            found = sorted(states[row.index])
            states[row.index] = found
            # Each edition's states are numbered from 0, the first at its start.
            numbers = [(seq, at) for at, seq, _, _ in found]
            if (
                sorted(seq for seq, _ in numbers) != list(range(len(found)))
                or (
                    0,
                    row.start_us,
                )
                not in numbers
            ):
                raise self._damaged(
                    f"edition {row.index}: expected states numbered from 0, the first at its "
                    f"start ({row.start_us}), found (number, instant) {numbers!r:.200}"
                )
        return _Catalogue(tuple(rows), states, schema.state_digests(self._connection))

    def _edition(self, row: _Row) -> Edition:
        if row.index not in self._editions:
            edition = schema.edition_from_data(row.data, file=self._file)
            if edition.name != row.name:
                raise self._damaged(
                    f"edition {row.index} is {edition.name!r} by its JSON, "
                    f"but {row.name!r} by its row"
                )
            self._editions[row.index] = edition
        return self._editions[row.index]

    def _state(self, row: _Row, rowid: int, seq: int) -> Document:
        found = self._connection.execute(
            "SELECT header, roots FROM states WHERE rowid = ?", (rowid,)
        ).fetchone()
        if found is None:
            raise self._damaged(f"state {seq} of edition {row.index} is missing")
        header, roots = found
        digests = self._catalogue.digests
        if digests is not None and (
            not isinstance(header, str)
            or not isinstance(roots, str)
            or digests.get(f"{row.index}:{seq}") != schema.state_digest(header, roots)
        ):
            raise self._damaged(
                f"state {seq} of edition {row.index} does not hash to the digest the store "
                "recorded for it"
            )
        # The first state is the edition's own document: the two copies must agree.
        if seq == 0 and (not isinstance(header, str) or json.loads(header) != row.data["document"]):
            raise self._damaged(
                f"the first state of edition {row.index} should read as the edition's "
                "document, but its header differs"
            )
        return self._nodes.document(header, roots)

    # -- the questions a snapshot asks ----------------------------------------------

    def states_in_force(
        self, when: pendulum.DateTime, known_at: pendulum.DateTime | None
    ) -> list[tuple[Edition, Document]]:
        at = micros(when)
        found = []
        with schema.guarded(self._file), schema.reading(self._connection):
            catalogue = self._fresh()
            for row in catalogue.editions:
                if row.start_us > at or (row.end_us is not None and row.end_us <= at):
                    continue
                states = catalogue.states[row.index]
                # The latest state at ``at`` (of two at one instant, the later one).
                position = bisect.bisect_right(states, (at, math.inf, math.inf)) - 1
                if position < 0:
                    raise self._damaged(f"edition {row.index} has no state in force at {when}")
                _, seq, rowid, _ = states[position]
                found.append((self._edition(row), self._state(row, rowid, seq)))
        return found

    def _row_of(self, edition: Edition, catalogue: _Catalogue) -> _Row | None:
        """The row of ``edition`` in this generation, or ``None`` if it is gone."""
        for index, known in self._editions.items():
            if known is edition:
                return next(row for row in catalogue.editions if row.index == index)
        # Decoded in an earlier generation: found again by its key.
        for row in catalogue.editions:
            if self._edition(row).key == edition.key:
                return row
        return None

    def later_states(self, edition: Edition) -> Iterator[tuple[pendulum.DateTime, Document]]:
        with schema.guarded(self._file), schema.reading(self._connection):
            catalogue = self._fresh()
            row = self._row_of(edition, catalogue)
            later = [] if row is None else catalogue.states[row.index][1:]
            states = [
                (self._instant(valid_from), self._state(row, rowid, seq))
                for _, seq, rowid, valid_from in later
                if row is not None
            ]
        return iter(states)

    def _instant(self, text: str) -> pendulum.DateTime:
        # With the offset it was written with, as the ledger in memory gives it.
        instant = pendulum.parse(text)
        if not isinstance(instant, pendulum.DateTime):
            raise self._damaged(f"expected an ISO instant for a state, found {text!r:.80}")
        return instant

    def find_sections(
        self,
        when: pendulum.DateTime,
        known_at: pendulum.DateTime | None,
        headings: Sequence[str],
        portfolio: str | None,
        kind: DocumentKind | None,
        when_key: int | None = None,
    ) -> list[tuple[Edition, Located]]:
        """The sections ``headings`` names, found in the states loaded for ``when``
        (walking them: ``when_key`` is not needed)."""
        states = in_scope(self.states_in_force(when, known_at), portfolio, kind)
        return find_in_states(states, headings, portfolio)

    def portfolio_identifiers(self) -> dict[str, str]:
        """Each series ID, class ID and ticker the stored editions give, and its portfolio."""
        with schema.guarded(self._file), schema.reading(self._connection):
            catalogue = self._fresh()
            return identifiers_of(self._edition(row).document for row in catalogue.editions)

    def portfolio_names(self) -> list[str]:
        with schema.guarded(self._file), schema.reading(self._connection):
            row = self._connection.execute(
                "SELECT value FROM meta WHERE key = 'portfolios'"
            ).fetchone()
            return schema.parse_json_list(row[0]) if row else []
