"""Page furniture: what is printed on pages but is not prospectus text.

Page numbers, running headers and footers (a section title repeated in light
grey, or the same line at the top of page after page), "This page
intentionally left blank" and form codes ("PR-456 3/24") are furniture.  So
is a table of contents, which :func:`find_toc` also reads as an outline: its
entries and their levels guide the heading levels of the body.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import attrs

from ..._text import heading_key
from ..grammar.items import item_of
from ..layout import Break, Grid, Para, Unit
from ..layout.css import is_faint

__all__ = ["Furniture", "TocEntry", "find_furniture", "find_toc", "is_page_number"]

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-\u2013\u2014]?\s*(?:[A-Z]{1,3}\s?-\s?)?(?:\d{1,4}|[ivxlc]{1,7})\s*[-\u2013\u2014]?$"
    # "2 of 7"
    r"|^(?:page\s+)?\d{1,4}\s+of\s+\d{1,4}$",
    re.IGNORECASE,
)


def is_page_number(text: str) -> bool:
    """Whether a line is a page number ("7", "ii", "A-3", "Page 2 of 7")."""
    return _PAGE_NUMBER.match(text.strip()) is not None


_FILLER = re.compile(
    r"\b(?:intentionally\s+(?:left\s+)?blank|left\s+blank\s+intentionally)\b", re.I
)
# "PR-456 3/24", "SPRO-470567 (0825-083125)"
_FORM_CODE = re.compile(
    r"^[A-Z]{1,6}-[A-Z0-9]{1,10}(?:-[A-Z0-9]{1,10})?(?:\s+\d{1,2}/\d{2,4})?(?:\s+\([\d-]{3,20}\))?$"
)
_TOC_TITLE = re.compile(r"^(?:table\s+of\s+contents|contents|index)$", re.IGNORECASE)
_TRAILING_REF = re.compile(r"\s(\d{1,3}|[ivxlc]{1,6})$", re.IGNORECASE)
_PAGE_REF = re.compile(r"^(?:page\s+)?(?:[A-Z]{1,2}-)?(?:\d{1,3}|[ivxlc]{1,6})$", re.IGNORECASE)
_REPEATS = 3
_ITEM_LONGEST = 120
_EDGE_LINES = 2
_LEADER_DOTS = 3
# A table of so few entries set alike may well be one level.
_FEW_ENTRIES = 12
_CONTINUED = re.compile(r"\s*\(continued\)$", re.IGNORECASE)
# How many units (breaks, page numbers, a title) may stand between two pages of contents.
_TOC_GAP = 6


@attrs.frozen
class Furniture:
    """The furniture of a stretch of units.

    Attributes:
        reasons: unit index -> why it is furniture ("page number", ...).
        headers: (page, heading key) of every running header.
    """

    reasons: dict[int, str]
    headers: tuple[tuple[int, str], ...]


@attrs.frozen
class TocEntry:
    """An entry of a table of contents: the heading as listed and its outline level (0
    when the table does not show it)."""

    text: str
    level: int

    @property
    def key(self) -> str:
        """The heading key of the entry (see :func:`prospectus_ledger.heading_key`)."""
        return heading_key(self.text)


def _is_faint(para: Para) -> bool:
    runs = para.lettered
    return bool(runs) and all(is_faint(run.style.colour) for run in runs)


def _look(para: Para) -> tuple[str, float, bool, frozenset[str | None]]:
    """A paragraph's text key and style, to recognise the same line printed again."""
    runs = para.lettered
    size = max((run.style.size for run in runs), default=0.0)
    bold = bool(runs) and all(run.style.bold for run in runs)
    return heading_key(para.text), round(size, 1), bold, frozenset(run.style.colour for run in runs)


def _page_edges(units: Sequence[Unit], start: int, end: int) -> set[int]:
    """Indices of the first and last two paragraphs of every page in ``units[start:end]``,
    page numbers aside (a footer of two lines: "Summary Prospectus" / "2 of 8" / the
    fund's name)."""
    edges: set[int] = set()
    page: list[int] = []
    for index in range(start, end + 1):
        unit = units[index] if index < end else None
        if unit is None or isinstance(unit, Break):
            edges.update(page[:_EDGE_LINES])
            edges.update(page[-_EDGE_LINES:])
            page = []
        elif isinstance(unit, Para) and not _PAGE_NUMBER.match(unit.text):
            page.append(index)
    return edges


def _followed_by_grid(units: Sequence[Unit], index: int, end: int) -> bool:
    return index + 1 < end and isinstance(units[index + 1], Grid)


def find_furniture(units: Sequence[Unit], start: int, end: int) -> Furniture:
    """Find the page numbers, running headers, fillers and form codes in ``units[start:end]``."""
    reasons: dict[int, str] = {}
    headers: list[tuple[int, str]] = []
    edges = _page_edges(units, start, end)
    edge_looks: Counter[tuple[str, float, bool, frozenset[str | None]]] = Counter()
    for index in edges:
        unit = units[index]
        if isinstance(unit, Para) and not _followed_by_grid(units, index, end):
            edge_looks[_look(unit)] += 1
    for index in range(start, end):
        unit = units[index]
        if not isinstance(unit, Para):
            continue
        text = unit.text
        if _PAGE_NUMBER.match(text) and not unit.bullet:
            reasons[index] = "page number"
        elif _is_faint(unit) and len(text) <= 120:
            reasons[index] = "running header"
            headers.append((unit.page, heading_key(text)))
        elif _FILLER.search(text) and len(text) <= 80:
            reasons[index] = "blank-page filler"
        elif _FORM_CODE.match(text):
            reasons[index] = "form code"
        elif (
            index in edges
            and len(text) <= 120
            and edge_looks[_look(unit)] >= _REPEATS
            and not _followed_by_grid(units, index, end)
        ):
            reasons[index] = "running header"
            headers.append((unit.page, heading_key(text)))
    return Furniture(reasons, tuple(headers))


def _grid_toc(grid: Grid) -> list[tuple[str, tuple[float, bool, bool]]] | None:
    """The entries of a grid that is a table of contents (text cells, page numbers)."""
    entries: list[tuple[str, tuple[float, bool, bool]]] = []
    referenced = 0
    for row in grid.rows:
        filled = [cell for cell in row if cell.text]
        if not filled:
            continue
        if len(filled) == 1 and _PAGE_REF.match(filled[0].text) is None:
            first = filled[0]
        elif len(filled) >= 2 and _PAGE_REF.match(filled[-1].text):
            first = filled[0]
            referenced += 1
        else:
            continue
        if _PAGE_REF.match(first.text) or first.text.lower() == "page":
            continue
        entries.append((first.text, (first.left, first.bold, first.text.isupper())))
    if referenced < 3 or referenced < len(entries) // 2:
        return None
    return entries


def _levels(entries: list[tuple[str, tuple[float, bool, bool]]]) -> list[TocEntry]:
    """Outline levels from the entries' indentation, then weight and capitals; level 0
    (unknown) for every entry of a table that sets them all alike (it lists headings of
    several levels without saying which)."""
    signatures = sorted(
        {signature for _, signature in entries}, key=lambda s: (s[0], not s[1], not s[2])
    )
    if len(signatures) == 1 and len(entries) > _FEW_ENTRIES:
        return [TocEntry(text, 0) for text, _ in entries]
    level_of = {signature: position + 1 for position, signature in enumerate(signatures)}
    return [TocEntry(text, level_of[signature]) for text, signature in entries]


def _leader_entry(text: str) -> str | None:
    """The entry of a contents line with leader dots ("Fund summary ........ 1")."""
    reference = _TRAILING_REF.search(text)
    if reference is None:
        return None
    before = text[: reference.start()]
    entry = before.rstrip(". ")
    if before[len(entry) :].count(".") < _LEADER_DOTS or not entry:
        return None
    return entry


def find_toc(
    units: Sequence[Unit], start: int, end: int, *, pages: int = 4
) -> tuple[int, int, list[TocEntry]] | None:
    """Find a table of contents near the start of ``units[start:end]``.

    Looks at the first ``pages`` pages.  Returns the index range of the table
    (its title included) and its entries with their levels, or ``None``.
    """
    head = units[start]
    first_page = head.page if isinstance(head, Para | Grid) else 0
    title: int | None = None
    for index in range(start, end):
        unit = units[index]
        if isinstance(unit, Para | Grid) and unit.page > first_page + pages:
            break
        if isinstance(unit, Para) and _TOC_TITLE.match(unit.text):
            title = index
        elif isinstance(unit, Grid):
            grid_entries = _grid_toc(unit)
            if grid_entries:
                last = index
                while (following := _next_grid(units, last + 1, end)) is not None:
                    position, grid = following
                    more = _grid_toc(grid)
                    if not more:
                        break
                    grid_entries.extend(more)
                    last = position
                return (title if title is not None else index), last + 1, _levels(grid_entries)
        elif isinstance(unit, Para) and _leader_entry(unit.text):
            return _leader_toc(units, index, end, title)
        elif isinstance(unit, Para) and len(unit.text) <= _ITEM_LONGEST and item_of(unit.text):
            # A Form N-1A item's heading starts the body: a table after it (the fee
            # table's classes and figures) lists no contents.
            return None
    return None


def _next_grid(units: Sequence[Unit], start: int, end: int) -> tuple[int, Grid] | None:
    """The next grid, past page breaks, page numbers and a repeated contents title (a
    table of contents that goes on over the next pages)."""
    for index in range(start, min(start + _TOC_GAP, end)):
        unit = units[index]
        if isinstance(unit, Grid):
            return index, unit
        if isinstance(unit, Para) and not (
            _PAGE_NUMBER.match(unit.text) or _TOC_TITLE.match(_CONTINUED.sub("", unit.text))
        ):
            return None
    return None


def _leader_toc(
    units: Sequence[Unit], first: int, end: int, title: int | None
) -> tuple[int, int, list[TocEntry]] | None:
    entries: list[tuple[str, tuple[float, bool, bool]]] = []
    index = first
    while index < end:
        unit = units[index]
        if isinstance(unit, Break):
            index += 1
            continue
        if not isinstance(unit, Para):
            break
        entry = _leader_entry(unit.text)
        if entry is None:
            if _PAGE_NUMBER.match(unit.text) or _TOC_TITLE.match(unit.text):
                index += 1
                continue
            break
        bold = all(run.style.bold for run in unit.runs if run.text.strip())
        entries.append((entry, (unit.left, bold, entry.isupper())))
        index += 1
    if len(entries) < 3:
        return None
    return (title if title is not None else first), index, _levels(entries)
