"""One document of an edition, from its units to a :class:`~prospectus_ledger.tree.Document`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs
import pendulum

from ..._text import heading_key
from ...provenance import Source
from ...tree import Block, Document, DocumentKind, Series
from ..grammar.items import item_of
from ..layout import Break, Grid, Para, Unit
from ._furniture import TocEntry, find_furniture, find_toc
from ._headings import find_outline
from ._metadata import cover_classes, cover_date, cover_name, portfolio_names
from ._parts import Part
from ._run_in import split_run_in
from ._tree import blocks_of, build_sections
from .details import ContentsEntry, DocumentDetails, HeadingInfo, LeftOut

__all__ = ["ReadDocument", "read_document"]

_SERIES_OF = " a series of "
# Longer than any item heading: a paragraph of text.
_ITEM_LONGEST = 120


@attrs.frozen
class ReadDocument:
    """A document read from its part of the filing, with its details."""

    document: Document
    details: DocumentDetails


def _last_line(units: Sequence[Unit], part: Part) -> int:
    for unit in reversed(units[part.start : part.end]):
        if isinstance(unit, Para | Grid):
            return unit.line
    return units[part.start].line


def _after_cover(units: Sequence[Unit], part: Part) -> int:
    """Where the body starts in a document without a table of contents.

    The title's page is the cover when the document has further pages;
    otherwise the body starts right after the title.  A Form N-1A item heading
    on the title's page starts the body there (a summary prospectus opens with
    its investment objective on its first page).
    """
    for index in range(part.start + 1, part.end):
        unit = units[index]
        if (
            part.kind is not DocumentKind.SAI
            and isinstance(unit, Para)
            and len(unit.text) <= _ITEM_LONGEST
            and item_of(unit.text)
        ):
            return index
        if isinstance(unit, Break):
            rest = units[index + 1 : part.end]
            return index + 1 if any(isinstance(unit, Para) for unit in rest) else part.start + 1
    return part.start + 1


def _page_start(units: Sequence[Unit], index: int) -> int:
    """The first unit of the page ``units[index]`` is on."""
    for position in range(index - 1, -1, -1):
        if isinstance(units[position], Break):
            return position + 1
    return 0


def _front_units(units: Sequence[Unit], start: int, stop: int, skip: set[int]) -> list[Unit]:
    return [units[index] for index in range(start, stop) if index not in skip]


def read_document(
    units: Sequence[Unit],
    part: Part,
    *,
    plain: bool,
    registrant: str | None,
    source: Source,
    illustrative: bool = False,
    names: Mapping[str, str] | None = None,
) -> ReadDocument:
    """Read ``part`` of ``units`` into a document and its details."""
    toc = find_toc(units, part.start, part.end)
    # Headings run into their paragraphs get paragraphs of their own: Form N-1A's items
    # (not in an SAI) and what the table of contents lists.  Only past the contents, so
    # that the places the contents were found at stay where they are.
    after_toc = toc[1] if toc is not None else part.start
    inside = split_run_in(
        units[after_toc : part.end],
        items=part.kind is not DocumentKind.SAI,
        listed=frozenset(entry.key for entry in toc[2]) if toc else frozenset(),
    )
    units = [*units[:after_toc], *inside, *units[part.end :]]
    part = attrs.evolve(part, end=after_toc + len(inside))
    furniture = find_furniture(units, part.start, part.end)
    toc_range: set[int] = set()
    entries: list[TocEntry] = []
    body_start = _after_cover(units, part)
    if toc is not None:
        toc_start, toc_end, entries = toc
        toc_range = set(range(toc_start, toc_end))
        body_start = toc_end
    items = part.kind is not DocumentKind.SAI
    outline = find_outline(
        units, body_start, part.end, furniture, entries, plain=plain, items=items
    )
    first_heading = min(outline.levels, default=part.end)
    skip = toc_range | set(furniture.reasons) | {part.start}
    cover = _front_units(units, part.start + 1, min(first_heading, part.end), skip)
    series_lines = [
        unit
        for unit in units[body_start : part.end]
        if isinstance(unit, Para) and _SERIES_OF in unit.text.lower()
    ]
    # A summary prospectus prints its fund's name above its title, on the same page.
    above = _front_units(units, _page_start(units, part.start), part.start + 1, skip=set())
    found = portfolio_names([*above, *cover, *series_lines], registrant)
    if not found and part.kind is DocumentKind.SUMMARY_PROSPECTUS:
        # A summary prospectus is one fund's: its name is its cover's largest line.
        named = cover_name([*above, *cover])
        found = [named] if named else []
    portfolios = [(names or {}).get(heading_key(name), name) for name in found]
    sections, preamble = build_sections(
        units, first_heading, part.end, furniture, outline, portfolios
    )
    front: list[Block] = [*blocks_of(cover), *preamble]
    date: pendulum.Date | None = cover_date(cover) or cover_date(above)
    # One fund's document names its classes and tickers on its cover ("Class: A (VKMMX),
    # C (VMICX)"); an EDGAR header or inline XBRL, when there is one, says more.
    classes = cover_classes([*above, *cover]) if len(portfolios) == 1 else ()
    document = Document(
        part.kind,
        registrant,
        date,
        portfolios,
        sections,
        complete=True,
        illustrative=illustrative,
        source=source,
        series=(Series(None, portfolios[0], classes),) if classes else (),
    )
    left_out = tuple(
        LeftOut(units[index].line, _text(units[index]), reason)
        for index, reason in sorted(furniture.reasons.items())
    )
    details = DocumentDetails(
        part.kind,
        part.title,
        units[part.start].line,
        _last_line(units, part),
        tuple(front),
        tuple(ContentsEntry(entry.text, entry.level) for entry in entries),
        tuple(
            HeadingInfo(_text(units[index]), level, units[index].line)
            for index, level in sorted(outline.levels.items())
        ),
        left_out,
    )
    return ReadDocument(document, details)


def _text(unit: Unit) -> str:
    return unit.text if isinstance(unit, Para) else ""
