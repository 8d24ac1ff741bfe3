"""The bitemporal version table: every version of every section, in one table.

:meth:`Ledger.versions` lists, for every edition, each section each time its
text changed: when that version took effect (``valid_from``) and stopped
(``valid_to``), from when it was known (``known_from``), its text, and where it
came from.  It is the table a notebook or a warehouse reads
(``prospectus-ledger export``), and what a point-in-time question over many
sections at once is answered from.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pendulum

from ._records import VERSIONS, Record
from ._text import heading_key
from .engine.compiled import Compiled, Edition
from .render._common import path_text
from .tree import Document, Located

__all__ = ["Versions", "versions_of"]


class Versions(list[Record]):
    """The version table's rows (see the module docstring), with a DataFrame."""

    def to_dataframe(self) -> Any:
        """The table as a DataFrame, instants as New York datetimes (pandas, from the
        ``notebook`` extra)."""
        from .render._frames import records_frame

        return records_frame(self, VERSIONS, "Ledger.versions().to_dataframe()")


def _series_ids(document: Document) -> dict[str, str]:
    found: dict[str, str] = {}
    for named, series in document.named_series():
        if series.id:
            found.setdefault(heading_key(named), series.id)
    return found


def _edition_rows(compiled: Compiled, edition: Edition) -> Iterator[Record]:
    """A row per version of each path of the edition, from its section index: a path's
    section changes (a new object) whenever it or anything below it changes."""
    document = edition.document
    series = _series_ids(document)
    base = edition.base_provenance
    start = edition.start
    for history in compiled.index_of(edition).versions.values():
        # An instruction effective before its edition starts takes effect with it; of
        # versions that then start at one instant, the last holds.
        kept: list[tuple[pendulum.DateTime, Located | None]] = []
        for instant, located in zip(history.instants, history.located, strict=True):
            at = max(instant, start)
            if kept and kept[-1][0] == at:
                kept.pop()
            kept.append((at, located))
        for position, (at, place) in enumerate(kept):
            if place is None:
                continue
            section = place.section
            provenance = section.provenance or (None if section.placeholder else base)
            source = provenance.source if provenance else None
            yield {
                "registrant": document.registrant,
                "cik": document.cik,
                "portfolio": place.portfolio,
                "series_id": series.get(heading_key(place.portfolio)) if place.portfolio else None,
                "document": document.kind.value,
                "edition": edition.name,
                "path": path_text(place.headings),
                "heading": section.heading,
                "valid_from": at,
                "valid_to": kept[position + 1][0] if position + 1 < len(kept) else edition.end,
                "known_from": provenance.known_at if provenance else None,
                "text": section.own_text,
                "partial": section.placeholder,
                "source": source.label if source else None,
                "accession": source.accession if source else None,
                "url": source.url if source else None,
                "words": provenance.words if provenance else None,
            }


def versions_of(compiled: Compiled) -> Versions:
    """Every version of every section of every edition, by edition then path."""
    rows = [row for edition in compiled.editions for row in _edition_rows(compiled, edition)]
    rows.sort(key=_order)
    return Versions(rows)


def _order(row: Record) -> tuple[str, str, float]:
    start = row["valid_from"]
    return str(row["edition"]), str(row["path"]), start.timestamp() if start else 0.0  # type: ignore[union-attr]
