"""The catalogue of a store: its editions, their shapes, and every section path, read
once per generation from the tables themselves and checked as they are read."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from ..engine.section_index import PathKey, SectionIndex
from ..errors import StoreError
from ..instants import micros
from ..tree import Located
from . import _rows as rows

if TYPE_CHECKING:
    from ._states import StoredStates


@attrs.define(eq=False)
class StoredVersions:
    """One path's versions as the store keeps them (a :class:`VersionList`)."""

    path: PathKey
    number: int
    edition: int
    first_us: int
    _states: StoredStates = attrs.field(repr=False)

    def at(self, when: pendulum.DateTime, key: int | None) -> Located | None:
        """The version in force at ``when``, read from the store."""
        return self._states.located_at(self, self._states.micros_of(when))


def _damaged(file: str, problem: str) -> StoreError:
    return StoreError(file, f"damaged store: {problem}")


@attrs.frozen
class Shape:
    """An edition's header and top-level paths from ``start_us``."""

    start_us: int
    end_us: int | None
    header: int
    tops: tuple[int, ...]
    covered: frozenset[str]


@attrs.frozen
class EditionRow:
    """One edition's row: its id and name, the instants it is in force, its JSON, parsed."""

    index: int
    name: object
    start_us: int
    end_us: int | None
    data: dict[str, Any]


@attrs.frozen
class Catalogue:
    """Every edition, its shapes, and its section index over the stored paths."""

    editions: tuple[EditionRow, ...] = ()
    shapes: dict[int, list[Shape]] = attrs.field(factory=dict)
    indexes: dict[int, SectionIndex[StoredVersions]] = attrs.field(factory=dict)
    paths: dict[int, StoredVersions] = attrs.field(factory=dict)


def _instant_us(file: str, text: object, what: str) -> int:
    try:
        if isinstance(text, str):
            return micros(dt.datetime.fromisoformat(text))
    except ValueError:
        pass
    raise _damaged(file, f"expected an ISO instant for {what}, found {text!r:.80}")


def read_catalogue(connection: sqlite3.Connection, file: str, states: StoredStates) -> Catalogue:
    """The catalogue of the store as it is now (call inside a read transaction)."""
    editions = _read_editions(connection, file)
    known = {row.index: row for row in editions}
    catalogue = Catalogue(editions, {row.index: [] for row in editions})
    # NOT INDEXED: read the tables, which quick_check vouches for, not their
    # indexes, whose agreement with the tables it does not check.
    for values in connection.execute(
        "SELECT edition, valid_from_us, valid_to_us, header, tops, covered, checksum "
        "FROM shapes NOT INDEXED"
    ):
        *said, check = values
        if rows.checksum(*said) != check or said[0] not in known:
            raise _damaged(file, f"a shape of edition {said[0]!r} does not match its checksum")
        edition, start_us, end_us, header, tops, covered = said
        catalogue.shapes[edition].append(
            Shape(start_us, end_us, header, tuple(ints(tops)), frozenset(strings(covered)))
        )
    for row in editions:
        shapes = sorted(catalogue.shapes[row.index], key=lambda shape: shape.start_us)
        catalogue.shapes[row.index] = shapes
        ends = [shape.start_us for shape in shapes[1:]] + [row.end_us]
        if (
            not shapes
            or shapes[0].start_us != row.start_us
            or any(shape.end_us != end for shape, end in zip(shapes, ends, strict=True))
        ):
            raise _damaged(
                file,
                f"edition {row.index}: its shapes should follow each other from its start "
                "to its end",
            )
        catalogue.indexes[row.index] = SectionIndex()
    for values in connection.execute(
        "SELECT id, edition, key, heading_key, owners, first_us, checksum FROM paths NOT INDEXED"
    ):
        *said, check = values
        if rows.checksum(*said) != check or said[1] not in known:
            raise _damaged(file, f"path {said[0]!r} does not match its checksum")
        number, edition, key_text, heading, owners, first_us = said
        key = tuple(tuple(level) for level in json.loads(key_text))
        versions = StoredVersions(key, number, edition, first_us, states)
        index = catalogue.indexes[edition]
        index.add_path(versions, heading)
        for owner in strings(owners):
            index.add_owner(versions, owner or None, heading)
        catalogue.paths[number] = versions
    return catalogue


def _read_editions(connection: sqlite3.Connection, file: str) -> tuple[EditionRow, ...]:
    found: list[EditionRow] = []
    for values in connection.execute(
        f"SELECT {rows.EDITION_VALUES}, checksum FROM editions NOT INDEXED "  # noqa: S608 - fixed
        "ORDER BY position, id"
    ):
        *said_row, check = values
        if rows.checksum(*said_row) != check:
            raise _damaged(file, f"edition {said_row[0]!r} does not match its checksum")
        index, name, start_us, end_us, text = said_row[:5]
        data = json.loads(text) if isinstance(text, str) else None
        if not isinstance(data, dict) or not isinstance(data.get("document"), dict):
            raise _damaged(file, f"edition {index}: expected a JSON object, found {text!r:.80}")
        # The instants are kept twice, as numbers (to search) and as text.
        said = (
            _instant_us(file, data.get("start"), f"the start of edition {index}"),
            _instant_us(file, data["end"], f"the end of edition {index}")
            if data.get("end") is not None
            else None,
        )
        if said != (start_us, end_us):
            raise _damaged(
                file,
                f"edition {index} is in force from {said[0]} to {said[1]} (microseconds) "
                f"by its JSON, but from {start_us!r} to {end_us!r} by its row",
            )
        found.append(EditionRow(index, name, start_us, end_us, data))
    return tuple(found)


def ints(text: object) -> list[int]:
    values = json.loads(text) if isinstance(text, str) else None
    if not isinstance(values, list) or not all(type(v) is int for v in values):
        raise ValueError(f"expected a JSON list of numbers, found {text!r:.80}")
    return values


def strings(text: object) -> list[str]:
    values = json.loads(text) if isinstance(text, str) else None
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"expected a JSON list of strings, found {text!r:.80}")
    return values
