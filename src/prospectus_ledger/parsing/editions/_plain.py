"""An EDGAR plain-text edition read into styled units (:mod:`..layout`).

The text is first read into logical lines by the one EDGAR plain-text reader
(:func:`~..plaintext.plain_text_units`: page breaks, page numbers, fixed-width
tables, markup), as a supplement's is; this module groups those lines into
paragraphs and tables.  Plain text has no fonts, so the typography is read from
the layout: a line in capitals reads as set in capitals, a line centred on the
page as centred, a line underlined with ``----`` or ``====`` as underlined, and
indentation as a left offset (6 points a column).  Blank lines separate paragraphs; a short
heading line directly above body lines is a paragraph of its own.  ``<PAGE>``
lines and form feeds are page breaks.  ``<TABLE>`` ... ``</TABLE>`` blocks are
read as grids, cells split at runs of two or more spaces or at leader dots.  Page
numbers stay paragraphs of their own, for the furniture finder to set aside.
Lines that start with a bullet ("*", "o", "-", "\u2022") start bullet items.
"""

from __future__ import annotations

import re

from ..._text import clean_text
from ..layout import Break, Cell, Grid, Para, Run, Unit
from ..layout.css import TextStyle
from ..lines import CellTable, Line, LineKind, TextTable
from ..lines import Unit as LineUnit
from ..plaintext import plain_text_units

__all__ = ["read_plain"]

_MARKUP = re.compile(r"^\s*</?[A-Za-z][A-Za-z-]*>\s*$")
_COLUMN_MARKS = re.compile(r"(?:<(?:S|C|CAPTION|FN)>)+", re.IGNORECASE)
_LEADER_DOTS = re.compile(r"\.[. ]{2,}")
_CELL_SPLIT = re.compile(r"\s{2,}")
_RULE = re.compile(r"^\s*(?:-{3,}|={3,}|_{3,})\s*$")
_BULLET = re.compile(r"^(\s*)(?:[*\u2022\u00b7o-])\s+(\S.*)$")
_TEXT_KINDS = (LineKind.TEXT, LineKind.SEPARATOR)
_COLUMN = 6.0
_HEADING_LONGEST = 80
_MIN_WIDTH = 60
_MAX_WIDTH = 100


def _width(lines: list[str]) -> int:
    longest = max((len(line.rstrip()) for line in lines), default=_MIN_WIDTH)
    return min(max(longest, _MIN_WIDTH), _MAX_WIDTH)


def _is_centred(line: str, width: int) -> bool:
    text = line.strip()
    lead = len(line) - len(line.lstrip(" "))
    trail = width - lead - len(text)
    return lead >= 8 and abs(lead - trail) <= max(4, width // 7)


def _is_caps(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 3 and all(char.isupper() for char in letters)


def _is_heading_line(line: str, width: int) -> bool:
    text = line.strip()
    return (
        len(text) <= _HEADING_LONGEST
        and not text.endswith((".", ",", ";"))
        and (_is_caps(text) or _is_centred(line, width))
    )


class _Reader:
    def __init__(self, lines: list[LineUnit]) -> None:
        self.lines = lines
        self.width = _width(
            [line.text for line in lines if isinstance(line, Line) and line.kind in _TEXT_KINDS]
        )
        self.units: list[Unit] = []
        self.page = 0

    def para(
        self, group: list[tuple[int, str]], *, bullet: bool = False, underline: bool = False
    ) -> None:
        number, first = group[0]
        text = " ".join(line.strip() for _, line in group)
        if not clean_text(text):
            return
        centred = len(group) == 1 and _is_centred(first, self.width)
        style = TextStyle(
            size=12.0,
            caps=_is_caps(text),
            underline=underline,
            align="center" if centred else "left",
        )
        lead = len(first) - len(first.lstrip(" "))
        self.units.append(
            Para(
                ((Run(text, style),),),
                number,
                page=self.page,
                left=lead * _COLUMN,
                align=style.align,
                bullet=bullet,
            )
        )

    def group(self, group: list[tuple[int, str]]) -> None:
        """One blank-line separated group: heading lines, bullet items and text."""
        current: list[tuple[int, str]] = []
        bullet = False
        index = 0
        while index < len(group):
            number, line = group[index]
            below = group[index + 1][1] if index + 1 < len(group) else ""
            if _RULE.match(below) and not _RULE.match(line):
                self.flush(current, bullet)
                current, bullet = [], False
                self.para([(number, line)], underline=True)
                index += 2
                continue
            match = _BULLET.match(line)
            if match is not None:
                self.flush(current, bullet)
                current, bullet = [(number, match.group(1) + match.group(2))], True
            elif not current and index + 1 < len(group) and _is_heading_line(line, self.width):
                self.para([(number, line)])
            elif _RULE.match(line):
                pass
            else:
                current.append((number, line))
            index += 1
        self.flush(current, bullet)

    def flush(self, current: list[tuple[int, str]], bullet: bool) -> None:
        if current:
            self.para(current, bullet=bullet)

    def table(self, rows: list[tuple[int, str]]) -> None:
        cells: list[tuple[Cell, ...]] = []
        for _, line in rows:
            if _COLUMN_MARKS.fullmatch("".join(line.split())) or not line.strip():
                continue
            lead = len(line) - len(line.lstrip(" "))
            spaced = _LEADER_DOTS.sub("  ", line.strip())
            texts = [part.strip() for part in _CELL_SPLIT.split(spaced) if part.strip()]
            cells.append(
                tuple(
                    Cell(clean_text(text), left=lead * _COLUMN if position == 0 else 0.0, size=12.0)
                    for position, text in enumerate(texts)
                )
            )
        if cells:
            self.units.append(Grid(tuple(cells), rows[0][0], page=self.page))

    def page_break(self, number: int) -> None:
        if self.units and not isinstance(self.units[-1], Break):
            self.units.append(Break(number))
            self.page += 1

    def read(self) -> list[Unit]:
        group: list[tuple[int, str]] = []
        for unit in self.lines:
            if isinstance(unit, Line) and unit.kind in _TEXT_KINDS:
                group.append((unit.number, unit.text))
                continue
            if group:
                self.group(group)
                group = []
            if isinstance(unit, TextTable):
                self.table([(line.number, line.text) for line in unit.lines])
            elif isinstance(unit, CellTable):
                continue
            elif unit.kind is LineKind.BREAK:
                self.page_break(unit.number)
            elif unit.kind is LineKind.FURNITURE and not _MARKUP.match(unit.text):
                self.group([(unit.number, unit.text)])
        if group:
            self.group(group)
        return self.units


def read_plain(text: str, *, first_line: int = 1) -> list[Unit]:
    """Read EDGAR plain text into units (see the module docstring)."""
    return _Reader(plain_text_units(text, first_line=first_line)).read()
