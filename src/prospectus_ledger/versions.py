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

from ._engine import Compiled, Edition
from ._records import VERSIONS, Record
from ._render_common import path_text
from ._text import heading_key
from .tree import Document, Section, walk

__all__ = ["Versions", "versions_of"]


class Versions(list[Record]):
    """The version table's rows (see the module docstring), with a DataFrame."""

    def to_dataframe(self) -> Any:
        """The table as a DataFrame, instants as New York datetimes (pandas, from the
        ``notebook`` extra)."""
        from ._render_frames import records_frame

        return records_frame(self, VERSIONS, "Ledger.versions().to_dataframe()")


def _series_ids(document: Document) -> dict[str, str]:
    found: dict[str, str] = {}
    for named, series in document.named_series():
        if series.id:
            found.setdefault(heading_key(named), series.id)
    return found


def _edition_rows(compiled: Compiled, index: int) -> Iterator[Record]:
    edition: Edition = compiled.editions[index]
    replay = compiled.replay(index, compiled.bucket(None))
    document = edition.document
    series = _series_ids(document)
    base = edition.base_provenance
    # The instant each state takes effect: the first at the edition's start.
    starts = [edition.start, *(max(at, edition.start) for at in replay.instants)]
    open_rows: dict[tuple[str | None, tuple[str, ...]], tuple[Section, Record]] = {}
    for number, start in enumerate(starts):
        state = replay.states[number]
        seen: set[tuple[str | None, tuple[str, ...]]] = set()
        for place in walk(state.sections):
            key = (place.portfolio, place.headings)
            seen.add(key)
            held = open_rows.get(key)
            if held is not None and held[0] is place.section:
                continue
            if held is not None:
                held[1]["valid_to"] = start
                yield held[1]
            section = place.section
            provenance = section.provenance or (None if section.placeholder else base)
            source = provenance.source if provenance else None
            row: Record = {
                "registrant": document.registrant,
                "cik": document.cik,
                "portfolio": place.portfolio,
                "series_id": series.get(heading_key(place.portfolio)) if place.portfolio else None,
                "document": document.kind.value,
                "edition": edition.name,
                "path": path_text(place.headings),
                "heading": section.heading,
                "valid_from": start,
                "valid_to": None,
                "known_from": provenance.known_at if provenance else None,
                "text": section.own_text,
                "partial": section.placeholder,
                "source": source.label if source else None,
                "accession": source.accession if source else None,
                "url": source.url if source else None,
                "words": provenance.words if provenance else None,
            }
            open_rows[key] = (section, row)
        for key in [key for key in open_rows if key not in seen]:
            _, row = open_rows.pop(key)
            row["valid_to"] = start
            yield row
    for _, row in open_rows.values():
        row["valid_to"] = edition.end
        yield row


def versions_of(compiled: Compiled) -> Versions:
    """Every version of every section of every edition, by edition then path."""
    rows = [
        row for index in range(len(compiled.editions)) for row in _edition_rows(compiled, index)
    ]
    rows.sort(key=_order)
    return Versions(rows)


def _order(row: Record) -> tuple[str, str, float]:
    start = row["valid_from"]
    return str(row["edition"]), str(row["path"]), start.timestamp() if start else 0.0  # type: ignore[union-attr]
