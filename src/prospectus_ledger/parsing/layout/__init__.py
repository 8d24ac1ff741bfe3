"""The one reader of laid-out text: an HTML document into styled paragraphs, data tables,
page breaks and preformatted text, for every kind of document.

* :mod:`.css` -- the typography a run of text inherits (:class:`TextStyle`);
* :mod:`.units` -- what the reader makes (:class:`Para`, :class:`Grid`,
  :class:`Break`, :class:`Pre`);
* :mod:`.cells` -- what a cell of a layout table holds (a bullet, a label);
* :mod:`.html` -- the walk through the lxml tree (:func:`read_html`).

The edition reader builds its outline from these units; the supplement reader
turns them into its logical lines (:mod:`..html_text`).
"""

from __future__ import annotations

from .cells import BULLET_GLYPHS, CELL_GLYPHS, cell_marker, layout_row
from .css import TextStyle
from .html import html_root, looks_like_html, read_html
from .units import Break, Cell, Grid, LaidOut, Para, Pre, Run, Unit

__all__ = [
    "BULLET_GLYPHS",
    "CELL_GLYPHS",
    "Break",
    "Cell",
    "Grid",
    "LaidOut",
    "Para",
    "Pre",
    "Run",
    "TextStyle",
    "Unit",
    "cell_marker",
    "html_root",
    "layout_row",
    "looks_like_html",
    "read_html",
]
