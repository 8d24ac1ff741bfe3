"""The laid-out units of a document: styled paragraphs, data tables, page breaks.

The HTML reader (:mod:`.html`) makes them for every kind of document, editions
and supplements alike; the edition reader's plain-text reader makes them too.
The edition reader's heading classifier and tree builder only ever see them;
the supplement reader turns them into its logical lines.  Preformatted text
(``<pre>``) stays raw (:class:`Pre`): each reader reads it as plain text.
"""

from __future__ import annotations

import functools
from typing import TypeAlias

import attrs

from ..._text import clean_text
from .css import TextStyle

__all__ = ["Break", "Cell", "Grid", "LaidOut", "Para", "Pre", "Run", "Unit"]


@attrs.frozen
class Run:
    """A stretch of text in one style."""

    text: str
    style: TextStyle


def _runs_text(runs: tuple[Run, ...]) -> str:
    return clean_text("".join(run.text for run in runs))


@attrs.frozen
class Para:
    """A paragraph as printed.

    Attributes:
        lines: the paragraph's lines (split at ``<br>``), each a tuple of runs.
        line: the 1-based source line where it starts.
        page: how many page breaks precede it.
        top: its top margin in points (``None`` when unstated).
        left: its left offset in points (margins, padding, indent).
        align: its alignment ("left", "center", "right", "justify").
        in_layout: it sits in the cell of a layout table.
        bullet: it is a bullet item (the glyph itself is not in the text).
        tags: the inline-XBRL element names around it (``rr:ObjectiveHeading``).
    """

    lines: tuple[tuple[Run, ...], ...]
    line: int
    page: int = 0
    top: float | None = None
    left: float = 0.0
    align: str = "left"
    in_layout: bool = False
    bullet: bool = False
    tags: frozenset[str] = frozenset()

    @functools.cached_property
    def text(self) -> str:
        """The paragraph's text, lines joined by spaces, white space collapsed."""
        return clean_text(" ".join(_runs_text(line) for line in self.lines))

    @property
    def first_line_text(self) -> str:
        """The text of the first line."""
        return _runs_text(self.lines[0]) if self.lines else ""

    @property
    def runs(self) -> tuple[Run, ...]:
        """Every run, in order."""
        return tuple(run for line in self.lines for run in line)

    @functools.cached_property
    def lettered(self) -> tuple[Run, ...]:
        """The runs that hold letters: the ones whose style says how the text looks."""
        return tuple(run for run in self.runs if any(char.isalpha() for char in run.text))


@attrs.frozen
class Cell:
    """A cell of a data table.

    Attributes:
        text: the cell's text.
        bold: every letter of it is bold.
        left: the left offset of its first paragraph, in points.
        size: the font size of its first letters, in points.
    """

    text: str
    bold: bool = False
    left: float = 0.0
    size: float = 0.0


@attrs.frozen
class Grid:
    """A data table: rows of cells (empty rows and columns removed)."""

    rows: tuple[tuple[Cell, ...], ...]
    line: int
    page: int = 0


@attrs.frozen
class Break:
    """A page break."""

    line: int


@attrs.frozen
class Pre:
    """Preformatted text (``<pre>``): EDGAR plain text inside HTML, left raw.

    Attributes:
        text: the text, white space as printed.
        line: the 1-based source line where it starts.
        page: how many page breaks precede it.
    """

    text: str
    line: int
    page: int = 0


Unit: TypeAlias = Para | Grid | Break
"""One laid-out unit of a document's text."""

LaidOut: TypeAlias = Para | Grid | Break | Pre
"""What the HTML reader makes: units, and preformatted text left for a plain-text reader."""
