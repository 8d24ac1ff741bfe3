"""HTML filings into the supplement reader's logical lines, from the one HTML reader.

:func:`~prospectus_ledger.parsing.layout.read_html` reads every HTML document,
editions and supplements alike, into styled paragraphs, data tables, page
breaks and preformatted text.  The supplement reader needs less: lines of text.
Each printed line of a paragraph becomes a :class:`~.lines.Line` (a blank line
after it), a bullet item's line starts with the bullet sign, a data table
becomes a :class:`~.lines.CellTable` of its filled columns, a page break a
break line, and ``<pre>`` text is read as EDGAR plain text.  Page numbers are
marked as furniture.

The reader never touches the network and never expands large trees
(``no_network=True``, ``huge_tree=False``); lxml's HTML parser does not load
external entities at all (it has no ``resolve_entities`` switch: entity
references it does not know stay literal text).
"""

from __future__ import annotations

import re

from .layout import Break, Grid, LaidOut, Para, Pre, html_root, read_html
from .lines import CellTable, Line, LineKind, Unit, clean_line, is_separator, mark_page_numbers
from .plaintext import plain_text_units

__all__ = ["html_units", "lines_of"]

_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_BULLET = "\u2022 "


def html_units(text: str, *, first_line: int = 1, file: str | None = None) -> list[Unit]:
    """Read an HTML document into logical lines (see the module docstring).

    Raises:
        InvalidFilingError: for HTML nested too deep to be read whole, naming ``file``.
    """
    root = html_root(text, file=file, first_line=first_line)
    if root is None:
        return []
    return lines_of(read_html(root), first_line=first_line)


def lines_of(units: list[LaidOut], *, first_line: int = 1) -> list[Unit]:
    """The logical lines of laid-out units (``first_line``: where the document starts in
    the filing)."""
    offset = first_line - 1
    out: list[Unit] = []
    for unit in units:
        if isinstance(unit, Para):
            number = unit.line + offset
            for index, line in enumerate(unit.lines):
                text = _squash("".join(run.text for run in line))
                if not text:
                    continue
                if unit.bullet and index == 0:
                    text = _BULLET + text
                kind = LineKind.SEPARATOR if is_separator(text) else LineKind.TEXT
                out.append(Line(number, text, kind))
                out.append(Line(number, "", LineKind.BLANK))
        elif isinstance(unit, Grid):
            table = _cell_table(unit, offset)
            if table is not None:
                out.append(table)
                out.append(Line(table.end, "", LineKind.BLANK))
        elif isinstance(unit, Break):
            out.append(Line(unit.line + offset, "", LineKind.BREAK))
        elif isinstance(unit, Pre):
            out.extend(plain_text_units(unit.text, first_line=unit.line + offset))
    return mark_page_numbers(out)


def _cell_table(grid: Grid, offset: int) -> CellTable | None:
    """A data table's rows, the columns no row fills left out."""
    rows = [tuple(cell.text for cell in row) for row in grid.rows]
    rows = [row for row in rows if any(row)]
    used = {index for row in rows for index, cell in enumerate(row) if cell}
    cells = tuple(tuple(cell for index, cell in enumerate(row) if index in used) for row in rows)
    if not cells:
        return None
    return CellTable(grid.line + offset, cells, grid.line + offset)


def _squash(text: str) -> str:
    return _SPACES.sub(" ", clean_line(text)).strip()
