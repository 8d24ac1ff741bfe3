"""What a snapshot over a store asks, answered from the store's tables.

The store keeps every state of every edition as rows of shared nodes; a
snapshot loads the states in force at its instant and walks them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

import pendulum

from . import _store_schema as schema
from ._engine import Edition
from ._lookup import find_in_states, in_scope
from ._store_nodes import NodeCache, micros
from .errors import StoreError
from .tree import Document, DocumentKind, Located


class StoredStates:
    """A :class:`~prospectus_ledger._engine.StateSource` answered by SQL index lookups."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._connection = connection
        self._path = path
        self._nodes = NodeCache(connection)
        self._editions: dict[int, Edition] = {}

    def _edition(self, index: int, data: str) -> Edition:
        if index not in self._editions:
            self._editions[index] = schema.edition_from_json(data, file=str(self._path))
        return self._editions[index]

    def states_in_force(
        self, when: pendulum.DateTime, known_at: pendulum.DateTime | None
    ) -> list[tuple[Edition, Document]]:
        at = micros(when)
        found = []
        with schema.guarded(self._path):
            rows = self._connection.execute(
                "SELECT id, data FROM editions "
                "WHERE start_us <= ? AND (end_us IS NULL OR end_us > ?) ORDER BY id",
                (at, at),
            ).fetchall()
            for index, data in rows:
                state = self._connection.execute(
                    "SELECT header, roots FROM states WHERE edition = ? AND valid_from_us <= ? "
                    "ORDER BY valid_from_us DESC, seq DESC LIMIT 1",
                    (index, at),
                ).fetchone()
                if state is None:
                    raise StoreError(
                        str(self._path), f"damaged store: edition {index} has no state"
                    )
                edition = self._edition(index, data)
                found.append((edition, self._nodes.document(state[0], state[1])))
        return found

    def later_states(self, edition: Edition) -> Iterator[tuple[pendulum.DateTime, Document]]:
        index = next(i for i, e in self._editions.items() if e is edition)
        with schema.guarded(self._path):
            rows = self._connection.execute(
                "SELECT valid_from, header, roots FROM states WHERE edition = ? AND seq > 0 "
                "ORDER BY seq",
                (index,),
            ).fetchall()
            for valid_from, header, roots in rows:
                instant = pendulum.parse(valid_from)
                if isinstance(instant, pendulum.DateTime):
                    yield instant, self._nodes.document(header, roots)

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

    def portfolio_names(self) -> list[str]:
        with schema.guarded(self._path):
            row = self._connection.execute(
                "SELECT value FROM meta WHERE key = 'portfolios'"
            ).fetchone()
            return schema.parse_json_list(row[0]) if row else []
