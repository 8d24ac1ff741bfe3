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

import functools
import hashlib
import importlib.metadata
import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from .._text import heading_key
from ..engine.compiled import Compiled, Edition, Replay
from ..engine.identity import document_identity
from ..engine.registrants import merged_portfolio_names
from ..engine.section_index import MemoryVersions, PathKey, SectionIndex, child_keys
from ..instants import micros
from ..timeline import edition_problem_count, ledger_problem_count
from ..tree import Document, Located, Section
from . import _rows as rows
from ._catalogue import strings
from ._values import TextWriter

_Payload = tuple[Any, ...]
_FINGERPRINT, _POSITION, _PROBLEMS, _PORTFOLIOS = (
    rows.EDITION_COLUMNS.index(name)
    for name in ("fingerprint", "position", "problems", "portfolios")
)


def write_derived(
    connection: sqlite3.Connection, compiled: Compiled, identities: Mapping[int, str]
) -> int:
    """Write editions, paths, versions and shapes for ``compiled`` (everything known),
    inside the caller's transaction.

    An edition whose fingerprint (:func:`fingerprint`) the store already holds keeps
    its rows, and takes its place in the new order; the rows of every other stored
    edition go, and the editions not stored are written anew.  ``identities`` maps
    the ``id()`` of each stored base document to its identity (a supplement's comes
    with its steps).  Returns how
    many editions were written.
    """
    stored: dict[bytes, tuple[list[Any], list[str]]] = {}
    every: list[int] = []
    for row in connection.execute(f"SELECT {rows.EDITION_VALUES}, checksum FROM editions"):  # noqa: S608 - fixed
        every.append(row[0])
        keeping = _kept(row)
        if keeping is not None:
            stored[bytes(row[_FINGERPRINT])] = keeping
    problems = ledger_problem_count(compiled)
    names: list[list[str]] = []
    places: list[tuple[int, int, int]] = []
    fresh: list[tuple[int, Edition, bytes]] = []
    for position, edition in enumerate(compiled.editions):
        mark = fingerprint(edition, identities)
        found = stored.pop(mark, None)
        if found is None:
            fresh.append((position, edition, mark))
            names.append([])  # filled in below, in this place
            continue
        values, portfolios = found
        values[_POSITION] = position
        places.append((position, rows.checksum(*values), values[0]))
        problems += values[_PROBLEMS]
        names.append(portfolios)
    kept = {number for _, _, number in places}
    _delete(connection, [number for number in every if number not in kept])
    connection.executemany("UPDATE editions SET position = ?, checksum = ? WHERE id = ?", places)
    (last_edition,) = connection.execute("SELECT coalesce(max(id), -1) FROM editions").fetchone()
    (last_path,) = connection.execute("SELECT coalesce(max(id), 0) FROM paths").fetchone()
    texts = TextWriter(connection)
    numbers = _PathNumbers(last_path)
    for index, (position, edition, mark) in enumerate(fresh, start=last_edition + 1):
        count = edition_problem_count(compiled, edition)
        problems += count
        names[position] = compiled.edition_portfolio_names(edition)
        new = (
            index,
            edition.name,
            micros(edition.start),
            micros(edition.end) if edition.end else None,
            rows.edition_json(edition),
            mark,
            position,
            count,
            rows.json_list(names[position]),
        )
        connection.execute(
            f"INSERT INTO editions ({rows.EDITION_VALUES}, checksum) "  # noqa: S608 - fixed
            f"VALUES ({', '.join('?' * (len(new) + 1))})",
            (*new, rows.checksum(*new)),
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
        "portfolios": rows.json_list(merged_portfolio_names(names)),
        # Counted here, edition by edition, so that an ingest (even one with nothing
        # new) never replays an edition it did not change to report it.
        "problems": str(problems),
    }
    connection.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", meta.items())
    return len(fresh)


def _kept(row: tuple[Any, ...]) -> tuple[list[Any], list[str]] | None:
    """A stored edition's values (:data:`~._rows.EDITION_COLUMNS`) and the portfolios it
    names, or ``None`` for a row that does not match its checksum or reads wrongly: it
    is written anew."""
    *values, check = row
    if rows.checksum(*values) != check or not isinstance(values[_FINGERPRINT], bytes):
        return None
    if type(values[_PROBLEMS]) is not int:
        return None
    try:
        return values, strings(values[_PORTFOLIOS])
    except ValueError:
        return None


def _delete(connection: sqlite3.Connection, editions: list[int]) -> None:
    """Delete the rows of ``editions``, children before parents."""
    if not editions:
        return
    chosen = json.dumps(editions)
    connection.execute(
        "DELETE FROM versions WHERE path IN (SELECT id FROM paths WHERE edition IN "
        "(SELECT value FROM json_each(?)))",
        (chosen,),
    )
    for table in ("shapes", "paths", "editions"):
        column = "id" if table == "editions" else "edition"
        connection.execute(
            f"DELETE FROM {table} WHERE {column} IN (SELECT value FROM json_each(?))",  # noqa: S608 - fixed names
            (chosen,),
        )


def fingerprint(edition: Edition, identities: Mapping[int, str]) -> bytes:
    """The SHA-256 of everything an edition's rows are derived from: this library's
    version (a release may derive them otherwise), the edition without its steps, its
    base document's identity, and per step, in order, the supplement's identity, the
    amendment's place in it, and the instants and provenance the routing gave it."""
    digest = hashlib.sha256()
    document = edition.document
    parts: list[Any] = [
        _library_version(),
        rows.edition_json(edition),
        identities.get(id(document)) or document_identity(document),
    ]
    for step in edition.steps:
        supplement = step.supplement
        provenance = step.provenance
        parts.append(
            [
                step.identity,
                _place(supplement.amendments, step.amendment),
                step.effective.isoformat(),
                step.known_at.isoformat(),
                provenance.source.name,
                provenance.source.sha256,
                provenance.words,
                provenance.effective.isoformat() if provenance.effective else None,
                provenance.known_at.isoformat() if provenance.known_at else None,
                provenance.edition,
                provenance.illustrative,
            ]
        )
    digest.update(json.dumps(parts, ensure_ascii=False).encode("utf-8"))
    return digest.digest()


@functools.cache
def _library_version() -> str:
    """This library's installed version (``unknown`` outside an installed package)."""
    try:
        return importlib.metadata.version("prospectus-ledger")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _place(amendments: Sequence[Any], amendment: Any) -> int:
    """The position of ``amendment`` among its supplement's (routing gives a step the
    supplement's own amendment object; -1 if it is not one of them)."""
    return next((place for place, one in enumerate(amendments) if one is amendment), -1)


class _PathNumbers:
    """Numbers the paths of the editions written, in the order they are met, after
    ``last`` (the largest number the store holds)."""

    def __init__(self, last: int) -> None:
        self._last = last
        self._numbers: dict[tuple[int, PathKey], int] = {}

    def __call__(self, edition: int, key: PathKey) -> int:
        found = self._numbers.get((edition, key))
        if found is None:
            found = self._numbers[(edition, key)] = self._last + len(self._numbers) + 1
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
