"""Writing the derived tables: editions, and per edition its paths, versions and shapes.

The compiled ledger's per-section index (every path an edition's replay ever
had, with the section at each change) is written as it is, so that opening a
store and answering needs no replay:

* ``paths``: one row per section path of an edition, with what a lookup
  matches on (its heading's key, its ancestors' keys, its owners);
* ``versions``: one row per version of a path: valid from, valid to, the
  instant it became known, and the ids of its own fields, provenance, heading
  path and children.  A row is written only when one of those changes: a
  section whose child changed keeps its row, since its children are found by
  path at the instant asked about;
* ``shapes``: per edition, its header (every field but its sections) and its
  top-level paths, written only when either changes.

Instants before an edition's start count from its start, and of several
versions that then start at one instant the last is the one in force.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from .._text import heading_key
from ..engine.compiled import Compiled, Edition, Replay
from ..engine.section_index import MemoryVersions, PathKey, SectionIndex, child_keys
from ..instants import micros
from ..timeline import problems_of
from ..tree import Document, Located, Section
from . import _rows as rows
from ._values import TextWriter

_Payload = tuple[Any, ...]


def write_derived(connection: sqlite3.Connection, compiled: Compiled) -> None:
    """Write editions, paths, versions and shapes for ``compiled`` (everything known),
    replacing what the tables held, inside the caller's transaction."""
    for table in ("shapes", "versions", "paths", "editions"):
        connection.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
    texts = TextWriter(connection)
    numbers = _PathNumbers()
    for index, edition in enumerate(compiled.editions):
        connection.execute(
            "INSERT INTO editions (id, name, start_us, end_us, data) VALUES (?, ?, ?, ?, ?)",
            (
                index,
                edition.name,
                micros(edition.start),
                micros(edition.end) if edition.end else None,
                rows.edition_json(edition),
            ),
        )
        versions = compiled.index_of(edition)
        path_rows, version_rows = _version_rows(index, edition, versions, texts, numbers)
        connection.executemany(
            "INSERT INTO paths (id, edition, key, heading_key, owners, first_us, checksum) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            path_rows,
        )
        connection.executemany(
            "INSERT INTO versions (path, valid_from_us, valid_to_us, known_from_us, section, "
            "provenance, label, place, children, checksum) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            version_rows,
        )
        connection.executemany(
            "INSERT INTO shapes (edition, valid_from_us, valid_to_us, header, tops, covered, "
            "checksum) VALUES (?, ?, ?, ?, ?, ?, ?)",
            _shape_rows(index, edition, compiled.replay_of(edition), texts, numbers),
        )
    meta = {
        "portfolios": rows.json_list(compiled.portfolio_names()),
        # Counted here, from the compile just done, so that an ingest (even one with
        # nothing new) never compiles the whole ledger again to report it.
        "problems": str(len(problems_of(compiled))),
    }
    connection.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", meta.items())


class _PathNumbers:
    """Numbers the paths of every edition, in the order they are met."""

    def __init__(self) -> None:
        self._numbers: dict[tuple[int, PathKey], int] = {}

    def __call__(self, edition: int, key: PathKey) -> int:
        found = self._numbers.get((edition, key))
        if found is None:
            found = self._numbers[(edition, key)] = len(self._numbers) + 1
        return found


def _version_rows(
    index: int,
    edition: Edition,
    versions: SectionIndex[MemoryVersions],
    texts: TextWriter,
    numbers: _PathNumbers,
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    start = edition.start
    end = micros(edition.end) if edition.end else None
    path_rows: list[tuple[Any, ...]] = []
    version_rows: list[tuple[Any, ...]] = []
    for key, history in versions.versions.items():
        number = numbers(index, key)
        kept: list[tuple[int, _Payload]] = []
        for instant, located in zip(history.instants, history.located, strict=True):
            at = micros(max(instant, start))
            payload = _payload(index, key, located, texts, numbers)
            if kept and kept[-1][0] == at:
                kept.pop()  # of versions starting at one instant, the last holds
            if kept and kept[-1][1] == payload:
                continue  # nothing of its own changed: the version goes on
            kept.append((at, payload))
        owners = sorted(
            {
                heading_key(located.portfolio) if located.portfolio else ""
                for located in history.located
                if located is not None
            }
        )
        key_text = json.dumps(key)
        heading = str(key[-1][0])  # type: ignore[index]
        owners_text = json.dumps(owners)
        first = kept[0][0]
        path_rows.append(
            (
                number,
                index,
                key_text,
                heading,
                owners_text,
                first,
                rows.checksum(number, index, key_text, heading, owners_text, first),
            )
        )
        for position, (at, payload) in enumerate(kept):
            to = kept[position + 1][0] if position + 1 < len(kept) else end
            values = (number, at, to, *payload)
            version_rows.append((*values, rows.checksum(*values)))
    return path_rows, version_rows


def _payload(
    index: int, key: PathKey, located: Located | None, texts: TextWriter, numbers: _PathNumbers
) -> _Payload:
    """What a version row says besides its path and instants (all ``None`` while the
    path is absent)."""
    if located is None:
        return (None, None, None, None, None, None)
    section = located.section
    provenance = section.provenance
    children = (
        json.dumps(
            [numbers(index, child) for child, _, _ in child_keys(key, section.children, None)]
        )
        if section.children
        else None
    )
    return (
        micros(provenance.known_at) if provenance is not None else None,
        texts.section(section),
        texts.provenance(provenance),
        texts.label(located.headings, located.portfolio),
        ".".join(map(str, located.indices)),
        children,
    )


def _shape_rows(
    index: int, edition: Edition, replay: Replay, texts: TextWriter, numbers: _PathNumbers
) -> list[tuple[Any, ...]]:
    start = edition.start
    kept: list[tuple[int, _Payload]] = []
    shell: Document | None = None
    header = -1
    for instant, shell_now, tops in _states(start, replay):
        if shell_now is not shell:
            shell, header = shell_now, texts.header(shell_now)
        at = micros(max(instant, start))
        keys = [key for key, _, _ in child_keys((), tops, None)]
        covered = {heading_key(name) for name in shell_now.portfolios}
        covered.update(heading_key(s.portfolio) for s in tops if s.portfolio is not None)
        payload = (
            header,
            json.dumps([numbers(index, key) for key in keys]),
            json.dumps(sorted(covered)),
        )
        if kept and kept[-1][0] == at:
            kept.pop()
        if kept and kept[-1][1] == payload:
            continue
        kept.append((at, payload))
    end = micros(edition.end) if edition.end else None
    found = []
    for position, (at, payload) in enumerate(kept):
        to = kept[position + 1][0] if position + 1 < len(kept) else end
        values = (index, at, to, *payload)
        found.append((*values, rows.checksum(*values)))
    return found


def _states(start: Any, replay: Replay) -> Iterator[tuple[Any, Document, Sequence[Section]]]:
    """Each state's instant, the state its fields come from, and its top-level sections."""
    states = replay.states
    return zip([start, *replay.instants], states.shells(), states.top_sections(), strict=True)
