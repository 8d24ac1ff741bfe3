"""An HTML document read into styled units (:mod:`.units`), through lxml: the one HTML
reader, for editions and supplements alike.

Block elements end a paragraph; inline runs inside one are joined without
inserting spaces ("Broker-" + "Defined"); a ``<br>`` starts a new line of the
same paragraph, two in a row a new paragraph.  Every run keeps the style it
inherits (:mod:`.css`).  Hidden elements (the inline-XBRL header in
``display:none``), scripts and images are skipped.  ``<hr>`` and CSS page
breaks become :class:`~.units.Break` units.

Tables whose rows hold at most one filled cell (or a bullet or label and a
text) are layout: their cells are read as paragraphs.  Any other table is a
:class:`~.units.Grid` of cells.  Bullet glyphs, in their own cell, their own
floating ``<div>`` or at the start of a paragraph, make the paragraph a bullet
item.

The parser never touches the network and never builds huge trees
(``no_network=True``, ``huge_tree=False``); comments and processing
instructions are dropped.  lxml's HTML parser loads no external entities.
"""

from __future__ import annotations

import itertools
import re

import attrs
import lxml.etree
import lxml.html

from ..._text import clean_text
from .._lxml import cells as row_cells
from .._lxml import direct_rows, html_root
from .._lxml import tag as tag_of
from .cells import BULLET_GLYPHS, CELL_GLYPHS, cell_marker, layout_row
from .css import TextStyle, block_spacing, element_style, is_hidden
from .units import Break, Cell, Grid, LaidOut, Para, Pre, Run

__all__ = ["html_root", "looks_like_html", "read_html"]

# HTML's own elements: EDGAR plain text uses <PAGE>, <TABLE>, <S> and <C>, never these.
_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|html|body|head|p|div|br|font|span|td|tr|meta|center|li|ul|b|h[1-6])\b",
    re.IGNORECASE,
)
_PROBE = 4096


def looks_like_html(text: str) -> bool:
    """Whether a document's text is HTML rather than EDGAR plain text (its first few
    thousand characters tell; else the whole text)."""
    return _HTML_TAG.search(text[:_PROBE]) is not None or _HTML_TAG.search(text) is not None


_BLOCK = frozenset(
    {
        *("address", "article", "aside", "blockquote", "body", "caption", "center", "dd"),
        *("details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure"),
        *("footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "html"),
        *("li", "main", "menu", "nav", "ol", "p", "section", "summary", "tbody", "tfoot"),
        *("thead", "ul", "tr", "td", "th", "table"),
    }
)
_SKIP = frozenset(
    {
        *("script", "style", "head", "title", "noscript", "template", "object", "embed"),
        *("iframe", "svg", "math", "select", "button", "input", "textarea", "img"),
        *("ix:header",),
    }
)
_BREAK_BEFORE = re.compile(r"page-break-before\s*:\s*always|break-before\s*:\s*page", re.IGNORECASE)
_BREAK_AFTER = re.compile(r"page-break-after\s*:\s*always|break-after\s*:\s*page", re.IGNORECASE)
_MAX_DEPTH = 150
_MAX_TABLES = 20
_MAX_SPAN = 50
_CLOSING = frozenset({")", "%", ")%", "%)", "%)%"})
_OPENING = frozenset({"$", "($", "(", "$("})


def _visible_text(element: lxml.html.HtmlElement) -> str:
    if is_hidden(element.get("style")):
        return ""
    return clean_text(element.text_content())


def _merge_columns(placed: list[dict[int, Cell]], ends: dict[int, int]) -> list[int]:
    """The grid columns to keep, after folding columns that no row fills both of.

    Generated tables split one logical column into several: adjacent columns
    that never both hold text in the same row are one column.  A column whose
    cells span over the next filled column ("Class V" over "0.05" and "%")
    goes into that one, above the values it heads; any other goes into the
    column before it (``ends``: the last grid column each column's cells cover).
    """

    def alone(column: int, other: int) -> bool:
        return not any(column in starts and other in starts for starts in placed)

    def move(column: int, into: int) -> None:
        for starts in placed:
            if column in starts:
                starts[into] = starts.pop(column)

    columns = sorted({position for starts in placed for position in starts})
    following = dict(itertools.pairwise(columns))
    kept: list[int] = []
    for column in columns:
        after = following.get(column)
        if after is not None and ends.get(column, column) >= after and alone(column, after):
            move(column, after)
        elif kept and alone(kept[-1], column):
            move(column, kept[-1])
        else:
            kept.append(column)
    return kept


def _join_marks(starts: dict[int, Cell]) -> dict[int, Cell]:
    """Join cells that hold only ")" or "%" to the cell before, "$" to the cell after."""
    positions = sorted(starts)
    joined: dict[int, Cell] = {}
    carry = ""
    for position in positions:
        cell = starts[position]
        if cell.text in _CLOSING and joined:
            last = max(joined)
            joined[last] = attrs.evolve(joined[last], text=joined[last].text + cell.text)
        elif cell.text in _OPENING:
            carry += cell.text
        else:
            joined[position] = attrs.evolve(cell, text=carry + cell.text) if carry else cell
            carry = ""
    return joined


def _span(cell: lxml.html.HtmlElement) -> int:
    """How many grid columns a cell covers (its ``colspan``, 1 to 50)."""
    value = (cell.get("colspan") or "1").strip()
    return min(max(int(value), 1), _MAX_SPAN) if value.isdigit() else 1


@attrs.frozen
class _Geometry:
    top: float | None
    left: float
    align: str
    line: int
    in_layout: bool


class _Walker:
    """Collects paragraphs, grids and breaks while walking the tree."""

    def __init__(self, page: int = 0) -> None:
        self.units: list[LaidOut] = []
        self.lines: list[list[Run]] = [[]]
        self.geometry: _Geometry | None = None
        self.tags: set[str] = set()
        self.page = page
        self.bullet_pending = False

    # -- paragraphs ------------------------------------------------------

    def add(
        self,
        text: str | None,
        style: TextStyle,
        geometry: _Geometry,
        tags: frozenset[str],
        line: int | None = None,
    ) -> None:
        if not text:
            return
        if self.geometry is None and text.strip():
            self.geometry = geometry if line is None else attrs.evolve(geometry, line=line)
        self.lines[-1].append(Run(text, style))
        self.tags.update(tags)

    def line_break(self) -> None:
        if any(run.text.strip() for run in self.lines[-1]):
            self.lines.append([])
        elif len(self.lines) > 1:
            self.flush()

    def flush(self) -> None:
        lines = tuple(tuple(line) for line in self.lines if any(run.text.strip() for run in line))
        geometry = self.geometry
        self.lines = [[]]
        self.geometry = None
        tags = frozenset(self.tags)
        self.tags = set()
        if not lines or geometry is None:
            return
        para = Para(
            lines,
            geometry.line,
            page=self.page,
            top=geometry.top,
            left=geometry.left,
            align=geometry.align,
            in_layout=geometry.in_layout,
            bullet=self.bullet_pending,
            tags=tags,
        )
        self.bullet_pending = False
        if para.text:
            self.units.append(para)

    def page_break(self, line: int) -> None:
        self.flush()
        if self.units and not isinstance(self.units[-1], Break):
            self.units.append(Break(line))
            self.page += 1

    # -- the walk -----------------------------------------------------------

    def walk(
        self,
        element: lxml.html.HtmlElement,
        inherited: TextStyle,
        geometry: _Geometry,
        tags: frozenset[str],
        depth: int = 0,
        tables: int = 0,
    ) -> None:
        tag = tag_of(element)
        if not tag or tag in _SKIP:
            return
        css = element.get("style")
        if is_hidden(css, element.get("hidden") is not None):
            return
        line = element.sourceline if isinstance(element.sourceline, int) else geometry.line
        if css and _BREAK_BEFORE.search(css):
            self.page_break(line)
        style = element_style(tag, element.attrib, css, inherited)
        if tag.startswith("ix:") and element.get("name"):
            tags = tags | {element.get("name", "")}
        block = tag in _BLOCK
        if block:
            self.flush()
            if tag == "li":
                # A list item is a bullet item: its first paragraph carries the bullet.
                self.bullet_pending = True
            top, left = block_spacing(css, style.size)
            geometry = _Geometry(
                top if top is not None or tag not in ("div", "td", "th", "tr") else geometry.top,
                geometry.left + left,
                style.align,
                line,
                geometry.in_layout,
            )
        if depth > _MAX_DEPTH:
            self.add(element.text_content(), style, geometry, tags)
        elif tag == "br":
            self.line_break()
        elif tag == "hr":
            self.page_break(line)
        elif tag == "pre":
            # EDGAR plain text inside HTML: left raw, for a plain-text reader.
            self.flush()
            self.units.append(Pre(element.text_content(), line, self.page))
        elif tag == "table":
            self.table(element, style, geometry, tags, depth, tables)
        else:
            self.add(element.text, style, geometry, tags, line)
            for child in element:
                self.walk(child, style, geometry, tags, depth + 1, tables)
                child_line = child.sourceline if isinstance(child.sourceline, int) else None
                self.add(child.tail, style, geometry, tags, child_line)
        if block:
            self.flush()
        if css and _BREAK_AFTER.search(css):
            self.page_break(line)

    def table(
        self,
        table: lxml.html.HtmlElement,
        style: TextStyle,
        geometry: _Geometry,
        tags: frozenset[str],
        depth: int,
        tables: int,
    ) -> None:
        rows = [row_cells(row) for row in direct_rows(table)]
        if tables >= _MAX_TABLES:
            self.add(table.text_content(), style, geometry, tags)
            self.flush()
            return
        plain = [[_visible_text(cell) for cell in row] for row in rows]
        if not all(layout_row(row) for row in plain):
            self.grid(table, rows, style, geometry, tags, depth, tables)
            return
        inner = attrs.evolve(geometry, in_layout=True)
        for cells, texts in zip(rows, plain, strict=True):
            filled = [index for index, text in enumerate(texts) if text]
            if len(filled) == 2 and cell_marker(texts[filled[0]]) == "bullet":
                self.flush()
                self.bullet_pending = True
                self.walk(cells[filled[1]], style, inner, tags, depth + 1, tables + 1)
                self.flush()
                self.bullet_pending = False
            elif len(filled) == 2:
                self.flush()
                label, body = cells[filled[0]], cells[filled[1]]
                label_style = element_style("td", label.attrib, label.get("style"), style)
                label_line = label.sourceline if isinstance(label.sourceline, int) else None
                self.add(texts[filled[0]] + " ", label_style, inner, tags, label_line)
                self.walk_inline(body, style, inner, tags, depth + 1, tables + 1)
                self.flush()
            else:
                for cell in cells:
                    self.walk(cell, style, inner, tags, depth + 1, tables + 1)

    def walk_inline(
        self,
        cell: lxml.html.HtmlElement,
        style: TextStyle,
        geometry: _Geometry,
        tags: frozenset[str],
        depth: int,
        tables: int,
    ) -> None:
        """Walk a cell's content into the current paragraph, without breaking it first."""
        cell_style = element_style("td", cell.attrib, cell.get("style"), style)
        self.add(cell.text, cell_style, geometry, tags)
        for child in cell:
            if tag_of(child) in ("p", "div"):
                child_style = element_style(
                    tag_of(child), child.attrib, child.get("style"), cell_style
                )
                self.add(child.text, child_style, geometry, tags)
                for grandchild in child:
                    self.walk(grandchild, child_style, geometry, tags, depth + 1, tables)
                    self.add(grandchild.tail, child_style, geometry, tags)
            else:
                self.walk(child, cell_style, geometry, tags, depth + 1, tables)
            self.add(child.tail, cell_style, geometry, tags)

    def grid(
        self,
        table: lxml.html.HtmlElement,
        rows: list[list[lxml.html.HtmlElement]],
        style: TextStyle,
        geometry: _Geometry,
        tags: frozenset[str],
        depth: int,
        tables: int,
    ) -> None:
        self.flush()
        placed: list[dict[int, Cell]] = []
        # Where each filled cell's columns end: a header over several columns heads the
        # values in the last of them ("Class V" over "0.05" "%").
        ends: dict[int, int] = {}
        for row in rows:
            position = 0
            starts: dict[int, Cell] = {}
            for element in row:
                cell = self.cell(element, style, geometry, tags, depth, tables)
                span = _span(element)
                if cell.text:
                    starts[position] = cell
                    ends[position] = max(ends.get(position, position), position + span - 1)
                position += span
            if starts:
                placed.append(_join_marks(starts))
        used = _merge_columns(placed, ends)
        cells = tuple(
            tuple(starts.get(position, Cell("")) for position in used) for starts in placed
        )
        if cells:
            line = table.sourceline if isinstance(table.sourceline, int) else geometry.line
            self.units.append(Grid(cells, line, page=self.page))

    def cell(
        self,
        cell: lxml.html.HtmlElement,
        style: TextStyle,
        geometry: _Geometry,
        tags: frozenset[str],
        depth: int,
        tables: int,
    ) -> Cell:
        inner = _Walker(self.page)
        inner.walk(cell, style, attrs.evolve(geometry, left=0.0), tags, depth + 1, tables + 1)
        inner.flush()
        parts: list[str] = []
        runs: list[Run] = []
        left: float | None = None
        for unit in inner.units:
            if isinstance(unit, Para):
                parts.append(("\u2022 " if unit.bullet else "") + unit.text)
                runs.extend(unit.runs)
                left = unit.left if left is None else left
            elif isinstance(unit, Grid):
                parts.extend(c.text for row in unit.rows for c in row if c.text)
            elif isinstance(unit, Pre):
                parts.append(unit.text)
        lettered = [run for run in runs if any(char.isalpha() for char in run.text)]
        bold = bool(lettered) and all(run.style.bold for run in lettered)
        size = lettered[0].style.size if lettered else 0.0
        return Cell(clean_text(" ".join(parts)), bold=bold, left=left or 0.0, size=size)


def _strip_glyph(para: Para) -> Para | None:
    """The paragraph without its leading bullet glyph, if it starts with one."""
    text = para.text
    if len(text) < 2 or text[0] not in BULLET_GLYPHS or not text[1].isspace():
        return None
    first = list(para.lines[0])
    for index, run in enumerate(first):
        stripped = run.text.lstrip()
        if stripped:
            first[index] = Run(stripped[1:].lstrip(), run.style)
            break
    return attrs.evolve(para, lines=(tuple(first), *para.lines[1:]), bullet=True)


def mark_bullets(units: list[LaidOut]) -> list[LaidOut]:
    """Fold lone bullet glyphs into the paragraph they mark; strip leading glyphs."""
    result: list[LaidOut] = []
    pending: Para | None = None
    for unit in units:
        if isinstance(unit, Para):
            text = unit.text
            if len(text) == 1 and text in CELL_GLYPHS and text not in "-*":
                pending = unit
                continue
            if pending is not None:
                unit = attrs.evolve(unit, bullet=True, left=min(pending.left, unit.left))
                pending = None
            stripped = _strip_glyph(unit)
            result.append(stripped if stripped is not None else unit)
        else:
            pending = None
            result.append(unit)
    return result


def read_html(root: lxml.html.HtmlElement) -> list[LaidOut]:
    """Read a parsed HTML document into units (see the module docstring)."""
    walker = _Walker()
    body = root.find("body")
    start = body if body is not None else root
    walker.walk(start, TextStyle(), _Geometry(None, 0.0, "left", 1, False), frozenset())
    walker.flush()
    return mark_bullets(walker.units)
