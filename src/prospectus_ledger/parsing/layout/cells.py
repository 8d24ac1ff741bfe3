"""What a cell of an HTML layout table holds: shared by every reader of HTML.

Filings set bullets and numbered items in two-cell table rows (a glyph or a label
in the first cell, the text in the second), and whole pages in one-cell rows.
A table whose every row is such a row is layout, not data: its text is read as
paragraphs.  The HTML reader (:mod:`.html`) asks these questions here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

__all__ = ["BULLET_GLYPHS", "CELL_GLYPHS", "cell_marker", "layout_row"]

BULLET_GLYPHS = frozenset(
    "\u2022\u00b7\u25aa\u25a0\u25cf\u25e6\u25cb\uf0b7\uf0a7\u2219\u27a2\u2713\u2666\u25c6\u25ba"
)
"""Characters that mark a bullet item wherever they stand."""

CELL_GLYPHS = BULLET_GLYPHS | frozenset("nlqo\u00a7\u00d8\u00fc\u0178\u00a8\u2013\u2014-*")
"""Characters that mark a bullet item alone in a layout cell: the bullet glyphs, and the
letters and signs symbol fonts print them as ("l", "n", "q", "\u00a7", "\u00fc" in
Wingdings), and dashes."""

_LABEL = re.compile(r"^\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)]$")


def cell_marker(text: str) -> Literal["bullet", "label"] | None:
    """``"bullet"`` when a layout cell holds only a bullet glyph, ``"label"`` when it holds
    only an item's label ("1.", "(a)", "iv)"), else ``None``."""
    if len(text) == 1 and text in CELL_GLYPHS:
        return "bullet"
    if _LABEL.match(text):
        return "label"
    return None


def layout_row(texts: Sequence[str]) -> bool:
    """Whether a table row (its cells' texts) is layout: one filled cell, or a marker and
    its text."""
    filled = [text for text in texts if text]
    return len(filled) <= 1 or (len(filled) == 2 and cell_marker(filled[0]) is not None)
