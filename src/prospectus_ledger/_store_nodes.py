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
    """Decodes nodes into sections, each once, for one connection."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._sections: dict[str, Section] = {}

    def section(self, digest: str) -> Section:
        found = self._sections.get(digest)
        if found is not None:
            return found
        row = self._connection.execute(
            "SELECT data FROM nodes WHERE hash = ?", (digest,)
        ).fetchone()
        if row is None:
            raise StoreError(None, f"damaged store: section node {digest} is missing")
        data: dict[str, Any] = json.loads(row[0])
        children = [self.section(child) for child in data.pop("children")]
        data["children"] = []
        try:
            section = attrs.evolve(structure(data, Section), children=tuple(children))
        except InvalidLedgerDataError as error:
            raise StoreError(None, f"damaged store: section node {digest}: {error}") from error
        self._sections[digest] = section
        return section

    def document(self, header: str, roots: str) -> Document:
        skeleton = structure(json.loads(header), Document)
        return attrs.evolve(
            skeleton, sections=tuple(self.section(root) for root in json.loads(roots))
        )


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
