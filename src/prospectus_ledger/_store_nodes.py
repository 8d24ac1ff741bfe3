"""Content-addressed section nodes, and the section versions derived from states."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Sequence
from typing import Any

import attrs

from ._engine import Edition
from ._section_index import SectionIndex
from .errors import InvalidLedgerDataError, StoreError
from .serialize import structure, unstructure
from .tree import Document, Section


def micros(instant: dt.datetime) -> int:
    """Microseconds since the Unix epoch, exactly (no float rounding)."""
    return calendar.timegm(instant.utctimetuple()) * 1_000_000 + instant.microsecond


class Encoder:
    """Hashes sections into nodes, remembering the subtrees it has seen.

    States of one edition share unchanged subtrees (the same objects), so each
    object is hashed once; nodes already in the store are not written again.
    """

    def __init__(self, existing: set[str]) -> None:
        self.existing = existing
        self._memo: dict[int, str] = {}
        self._alive: list[Section] = []  # keeps memo keys (ids) valid

    def node(self, section: Section, new: list[tuple[str, str]]) -> str:
        cached = self._memo.get(id(section))
        if cached is not None:
            return cached
        children = [self.node(child, new) for child in section.children]
        own = unstructure(attrs.evolve(section, children=()))
        own["children"] = children
        data = json.dumps(own, sort_keys=True, ensure_ascii=False)
        digest = hashlib.sha256(data.encode("utf-8")).hexdigest()
        if digest not in self.existing:
            self.existing.add(digest)
            new.append((digest, data))
        self._memo[id(section)] = digest
        self._alive.append(section)
        return digest

    def roots(self, sections: Sequence[Section]) -> tuple[str, list[tuple[str, str]]]:
        """The JSON list of root hashes of ``sections``, and the nodes not stored yet."""
        new: list[tuple[str, str]] = []
        return json.dumps([self.node(section, new) for section in sections]), new


class NodeCache:
    """Decodes nodes into sections, each once, for one connection.

    A node's hash is the SHA-256 of its stored text, so each node read is
    checked against it: a changed byte (which SQLite's ``quick_check`` cannot
    see) is a damaged store, never different text.  A node read and checked
    stays valid for as long as the store lives, whatever is ingested later.
    """

    def __init__(self, connection: sqlite3.Connection, file: str) -> None:
        self._connection = connection
        self._file = file
        self._sections: dict[str, Section] = {}

    def _damaged(self, problem: str) -> StoreError:
        return StoreError(self._file, f"damaged store: {problem}")

    def section(self, digest: str) -> Section:
        found = self._sections.get(digest)
        if found is not None:
            return found
        row = self._connection.execute(
            "SELECT data FROM nodes WHERE hash = ?", (digest,)
        ).fetchone()
        if row is None:
            raise self._damaged(f"section node {digest!r} is missing from the nodes table")
        text = row[0]
        if not isinstance(text, str) or hashlib.sha256(text.encode("utf-8")).hexdigest() != digest:
            raise self._damaged(
                f"section node {digest} does not hold the text its hash was made from "
                "(the row was altered)"
            )
        try:
            data = json.loads(text)
        except ValueError as error:
            raise self._damaged(f"section node {digest} is not JSON: {error}") from error
        if not isinstance(data, dict):
            raise self._damaged(
                f"section node {digest}: expected a JSON object, found {type(data).__name__}"
            )
        children = data.pop("children", None)
        if not isinstance(children, list) or not all(isinstance(c, str) for c in children):
            raise self._damaged(
                f"section node {digest}: expected a list of child hashes under 'children', "
                f"found {children!r:.80}"
            )
        sections = tuple(self.section(child) for child in children)
        data["children"] = []
        try:
            section = attrs.evolve(structure(data, Section), children=sections)
        except InvalidLedgerDataError as error:
            raise self._damaged(f"section node {digest}: {error}") from error
        self._sections[digest] = section
        return section

    def document(self, header: object, roots: object) -> Document:
        """A state's document: its header, with the sections its root hashes name."""
        if not isinstance(header, str) or not isinstance(roots, str):
            raise self._damaged("a state's header and roots should be JSON text")
        try:
            skeleton = structure(json.loads(header), Document)
            hashes = json.loads(roots)
        except (InvalidLedgerDataError, ValueError) as error:
            raise self._damaged(f"a state's header or roots cannot be read: {error}") from error
        if not isinstance(hashes, list) or not all(isinstance(h, str) for h in hashes):
            raise self._damaged(
                f"a state's roots: expected a list of node hashes, found {roots!r:.80}"
            )
        return attrs.evolve(skeleton, sections=tuple(self.section(root) for root in hashes))


def version_rows(
    index: int, edition: Edition, versions: SectionIndex, encoder: Encoder
) -> list[tuple[Any, ...]]:
    """Rows of ``section_versions``, from the engine's per-section version index.

    Instants before the edition's start count from its start; the last
    version of a section runs to the edition's end.
    """
    end = micros(edition.end) if edition.end else None
    rows: list[tuple[Any, ...]] = []
    for history in versions.versions.values():
        starts = [micros(max(instant, edition.start)) for instant in history.instants]
        for position, located in enumerate(history.located):
            if located is None:
                continue  # the section is absent from here until its next version
            provenance = located.section.provenance
            rows.append(
                (
                    index,
                    json.dumps(list(located.headings)),
                    located.section.key,
                    located.portfolio,
                    starts[position],
                    starts[position + 1] if position + 1 < len(starts) else end,
                    provenance.known_at.isoformat() if provenance else None,
                    # Every version is a subtree of a state already encoded.
                    encoder.node(located.section, []),
                )
            )
    return rows
