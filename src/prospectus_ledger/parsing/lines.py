"""The logical lines a filing is read into, whatever its format.

Every input format (EDGAR plain text, EDGAR submission files, HTML) is first
turned into one sequence of *units*:

* :class:`Line` -- a line of text with its indentation, a blank line, a page
  break, a separator ("* * *") or furniture (a page number, markup);
* :class:`TextTable` -- the raw lines of an EDGAR ``<TABLE>`` (fixed-width);
* :class:`CellTable` -- a table that already has rows and cells (HTML).

Each unit keeps the 1-based line number it came from, so that diagnostics can
name the place.  The later stages (headers, blocks, instructions) only ever
see units.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Sequence
from typing import TypeAlias

import attrs

from .._text import without_invisible

__all__ = [
    "MARKUP",
    "CellTable",
    "Line",
    "LineKind",
    "TextTable",
    "Unit",
    "chunks",
    "clean_line",
    "first_line",
    "is_separator",
    "last_line",
    "mark_page_numbers",
    "unit_text",
]

MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,20}>")
"""An SGML or HTML tag left in a text table's lines ("<S>", "<C>", "</TABLE>")."""


class LineKind(enum.Enum):
    """What a line is."""

    TEXT = "text"
    BLANK = "blank"
    BREAK = "break"
    """A page or document break: ``<PAGE>``, a form feed, an HTML page break."""
    SEPARATOR = "separator"
    """A separator between parts of the text: ``* * *`` or a rule."""
    FURNITURE = "furniture"
    """Not filing text: a page number or a line of markup only."""


@attrs.frozen
class Line:
    """One logical line.

    Attributes:
        number: the 1-based line number in the decoded filing.
        text: the line, tabs expanded, invisible characters removed, without
            trailing white space; leading white space (indentation) is kept.
        kind: what the line is.
        stripped: the text without leading or trailing white space (not
            given: set from ``text``).
    """

    number: int
    text: str
    kind: LineKind = LineKind.TEXT
    # Set when the line is made: a cached property of a slotted class is filled in
    # through ``__getattr__`` on first use, which costs several times the strip,
    # and nearly every line's stripped text is read.
    stripped: str = attrs.field(
        init=False,
        eq=False,
        repr=False,
        default=attrs.Factory(lambda line: line.text.strip(), takes_self=True),
    )

    @property
    def indent(self) -> int:
        """How many columns of white space precede the text."""
        return len(self.text) - len(self.text.lstrip(" "))


@attrs.frozen
class TextTable:
    """The raw lines between an EDGAR ``<TABLE>`` and ``</TABLE>``.

    Attributes:
        number: the line number of the ``<TABLE>`` tag.
        lines: every line inside the table, markup included, in order.
        end: the line number of the ``</TABLE>`` tag (or the last line).
    """

    number: int
    lines: tuple[Line, ...]
    end: int


@attrs.frozen
class CellTable:
    """A table with rows and cells already known (from HTML).

    Attributes:
        number: the line number of the table's start.
        rows: the rows, each a tuple of cell texts.
        end: the line number of the table's end.
    """

    number: int
    rows: tuple[tuple[str, ...], ...]
    end: int


Unit: TypeAlias = Line | TextTable | CellTable
"""One element of a filing's logical sequence."""


def first_line(unit: Unit) -> int:
    """The line number where a unit starts."""
    return unit.number


def last_line(unit: Unit) -> int:
    """The line number where a unit ends."""
    return unit.number if isinstance(unit, Line) else unit.end


def unit_text(unit: Unit) -> str:
    """All the text of a unit, lines separated by newlines, cells by tabs."""
    if isinstance(unit, Line):
        return unit.text
    if isinstance(unit, TextTable):
        return "\n".join(line.text for line in unit.lines)
    return "\n".join("\t".join(row) for row in unit.rows)


def chunks(units: Sequence[Unit]) -> Iterator[tuple[int, int]]:
    """Yield ``(start, stop)`` index ranges of runs of consecutive text lines.

    A run ends at any unit that is not a text line (a blank line, a break, a
    table, a separator).  Furniture lines inside a run are skipped over.
    """
    start: int | None = None
    stop = 0
    for index, unit in enumerate(units):
        if isinstance(unit, Line) and unit.kind is LineKind.TEXT:
            if start is None:
                start = index
            stop = index + 1
        elif isinstance(unit, Line) and unit.kind is LineKind.FURNITURE:
            continue
        elif start is not None:
            yield start, stop
            start = None
    if start is not None:
        yield start, stop


_SEPARATOR_CHARS = frozenset("*-=_~#\u00b7\u2022\u2014\u2013")


def clean_line(text: str) -> str:
    """A raw line made uniform: tabs expanded, no-break spaces made spaces,
    invisible characters (zero-width spaces, soft hyphens, BOMs) removed,
    trailing white space dropped."""
    if "\t" in text:
        text = text.expandtabs(8)
    if text.isascii():
        return text.rstrip()
    return without_invisible(text.replace("\u00a0", " ")).rstrip()


def is_separator(stripped: str) -> bool:
    """Whether a stripped line is a separator: "* * *", "-----", "=====" and the like."""
    if not stripped or stripped[0] not in _SEPARATOR_CHARS:
        return False
    marks = stripped.replace(" ", "")
    return len(marks) >= 3 and set(marks) <= _SEPARATOR_CHARS


def _is_page_number(stripped: str) -> bool:
    text = stripped.strip("-\u2013\u2014 ").lower()
    if text.startswith("page "):
        text = text[5:].split(" of ", 1)[0].strip()
    if not text or len(text) > 7:
        return False
    return text.isdigit() or set(text) <= set("ivxlc")


def mark_page_numbers(units: Sequence[Unit]) -> list[Unit]:
    """Return ``units`` with page numbers next to page breaks marked as furniture.

    A page number is a lone short line ("1", "- 2 -", "Page 3 of 4", "ii")
    that is the last text before a page break (or the end of the filing) or
    the first text after one.
    """
    marked = list(units)

    def is_text(index: int) -> bool:
        unit = marked[index]
        return isinstance(unit, Line) and unit.kind is LineKind.TEXT

    def neighbour(index: int, step: int) -> int | None:
        index += step
        while 0 <= index < len(marked):
            unit = marked[index]
            if not (isinstance(unit, Line) and unit.kind is LineKind.BLANK):
                return index
            index += step
        return None

    def mark(index: int | None) -> None:
        if index is None or not is_text(index):
            return
        unit = marked[index]
        if isinstance(unit, Line) and _is_page_number(unit.stripped):
            alone = all(
                not 0 <= position < len(marked) or not is_text(position)
                for position in (index - 1, index + 1)
            )
            if alone:
                marked[index] = attrs.evolve(unit, kind=LineKind.FURNITURE)

    for index, unit in enumerate(units):
        if isinstance(unit, Line) and unit.kind is LineKind.BREAK:
            mark(neighbour(index, -1))
            mark(neighbour(index, 1))
    if marked:
        mark(neighbour(len(marked), -1))
    return marked
