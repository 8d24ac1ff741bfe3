"""HTML filings into logical lines, through lxml.

Block elements (``p``, ``div``, ``li``, headings, ``br`` ...) end a line; the
inline runs inside one (``<font>``, ``<b>``, ``<span>``) are joined without
inserting spaces, because filings split words across runs ("Fund<b>s</b>").
Scripts, styles and elements hidden with ``display:none`` are dropped;
entities are decoded by the parser, no-break spaces become spaces and
zero-width characters vanish.  ``<hr>`` and CSS page breaks become page
breaks.

Tables are read row by row.  A table whose rows each hold at most one
non-empty cell (or a bullet glyph and a text) is layout: its cells are read
as running text, bullets as bullet lines.  Any other table becomes a
:class:`~prospectus_ledger.parsing.lines.CellTable` with its rows and cells.
``<pre>`` text is read as EDGAR plain text.

The parser never touches the network and never expands large trees
(``no_network=True``, ``huge_tree=False``); lxml's HTML parser does not load
external entities at all (it has no ``resolve_entities`` switch: entity
references it does not know stay literal text).
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from ._cells import cell_marker, layout_row
from ._lxml import cells as row_cells
from ._lxml import direct_rows, html_root
from ._lxml import tag as tag_of
from .lines import CellTable, Line, LineKind, Unit, clean_line, is_separator, mark_page_numbers
from .plaintext import plain_text_units

__all__ = ["html_units", "looks_like_html"]

_HTML_TAG = re.compile(
    r"<(?:!doctype html|html|body|head|p|div|br|font|span|td|tr|meta|center|li|ul|h[1-6])\b",
    re.IGNORECASE,
)
_BLOCK = frozenset(
    {
        *("address", "article", "aside", "blockquote", "body", "caption", "center", "dd"),
        *("details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure"),
        *("footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "html"),
        *("li", "main", "menu", "nav", "ol", "p", "section", "summary", "tbody", "tfoot"),
        *("thead", "ul"),
    }
)
_SKIP = frozenset(
    {
        *("script", "style", "head", "title", "noscript", "template", "object", "embed"),
        *("iframe", "svg", "math", "select", "button", "input", "textarea"),
    }
)
_HIDDEN = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_BREAK_BEFORE = re.compile(r"page-break-before\s*:\s*always|break-before\s*:\s*page", re.IGNORECASE)
_BREAK_AFTER = re.compile(r"page-break-after\s*:\s*always|break-after\s*:\s*page", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_MAX_DEPTH = 150
_MAX_TABLE_DEPTH = 20
_PROBE = 4096


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is HTML rather than EDGAR plain text.

    EDGAR plain text uses ``<PAGE>``, ``<TABLE>``, ``<S>`` and ``<C>`` but never
    HTML's paragraph, line-break or font elements.
    """
    return _HTML_TAG.search(text[:_PROBE]) is not None or _HTML_TAG.search(text) is not None


def _is_hidden(element: lxml.html.HtmlElement) -> bool:
    style = element.get("style") or ""
    return element.get("hidden") is not None or _HIDDEN.search(style) is not None


def _squash(text: str) -> str:
    return _SPACES.sub(" ", clean_line(text)).strip()


class _Builder:
    """Collects lines and tables while walking the tree."""

    def __init__(self, first_line: int) -> None:
        self.units: list[Unit] = []
        self.run: list[str] = []
        self.line = first_line
        self.offset = first_line - 1

    def number(self, element: lxml.html.HtmlElement) -> int:
        line = element.sourceline
        return self.offset + line if isinstance(line, int) else self.line

    def add(self, text: str | None, element: lxml.html.HtmlElement | None = None) -> None:
        if text:
            if not self.run and element is not None:
                self.line = self.number(element)
            self.run.append(text)

    def flush(self) -> None:
        text = _squash("".join(self.run))
        self.run = []
        if text:
            kind = LineKind.SEPARATOR if is_separator(text) else LineKind.TEXT
            self.units.append(Line(self.line, text, kind))
            self.units.append(Line(self.line, "", LineKind.BLANK))

    def page_break(self, element: lxml.html.HtmlElement) -> None:
        self.flush()
        self.units.append(Line(self.number(element), "", LineKind.BREAK))

    def walk(self, element: lxml.html.HtmlElement, depth: int = 0, tables: int = 0) -> None:
        tag = tag_of(element)
        if not tag or tag in _SKIP or _is_hidden(element):
            return
        style = element.get("style") or ""
        if _BREAK_BEFORE.search(style):
            self.page_break(element)
        if depth > _MAX_DEPTH:
            self.add(element.text_content(), element)
        elif tag == "br":
            self.flush()
        elif tag == "hr":
            self.page_break(element)
        elif tag == "pre":
            self.flush()
            self.units.extend(
                plain_text_units(element.text_content(), first_line=self.number(element))
            )
        elif tag == "table":
            self.flush()
            self.table(element, depth, tables)
        elif tag == "li":
            self.flush()
            self.add("\u2022 ", element)
            self.add(element.text, element)
            for child in element:
                self.walk(child, depth + 1, tables)
                self.add(child.tail, child)
            self.flush()
        else:
            block = tag in _BLOCK or tag in ("tr", "td", "th")
            if block:
                self.flush()
            self.add(element.text, element)
            for child in element:
                self.walk(child, depth + 1, tables)
                self.add(child.tail, child)
            if block:
                self.flush()
        if _BREAK_AFTER.search(style):
            self.page_break(element)

    def cell_text(self, cell: lxml.html.HtmlElement, depth: int, tables: int) -> str:
        inner = _Builder(self.number(cell))
        inner.walk(cell, depth + 1, tables + 1)
        inner.flush()
        parts: list[str] = []
        for unit in inner.units:
            if isinstance(unit, CellTable):
                parts.extend(cell for row in unit.rows for cell in row if cell)
            elif isinstance(unit, Line) and unit.kind in (LineKind.TEXT, LineKind.SEPARATOR):
                parts.append(unit.text.strip())
        return " ".join(part for part in parts if part)

    def table(self, table: lxml.html.HtmlElement, depth: int, tables: int) -> None:
        rows = [row_cells(row) for row in direct_rows(table)]
        if tables >= _MAX_TABLE_DEPTH:
            self.add(table.text_content(), table)
            self.flush()
            return
        plain = [[_squash(cell.text_content()) for cell in row] for row in rows]
        layout = all(layout_row(row) for row in plain)
        if not layout:
            self.data_table(table, rows, depth, tables)
            return
        for cells, texts in zip(rows, plain, strict=True):
            filled = [index for index, text in enumerate(texts) if text]
            kind = cell_marker(texts[filled[0]]) if len(filled) == 2 else None
            if kind is not None:
                # A bullet reads as the bullet sign; a label ("1.", "(a)") as printed.
                marker = "\u2022" if kind == "bullet" else texts[filled[0]]
                self.flush()
                body = self.cell_text(cells[filled[1]], depth, tables)
                self.add(f"{marker} {body}", cells[filled[1]])
                self.flush()
                continue
            for cell in cells:
                self.flush()
                self.walk(cell, depth + 1, tables + 1)
                self.flush()

    def data_table(
        self,
        table: lxml.html.HtmlElement,
        rows: list[list[lxml.html.HtmlElement]],
        depth: int,
        tables: int,
    ) -> None:
        texts = [[self.cell_text(cell, depth, tables) for cell in row] for row in rows]
        texts = [row for row in texts if any(row)]
        used = {index for row in texts for index, cell in enumerate(row) if cell}
        cells = tuple(
            tuple(cell for index, cell in enumerate(row) if index in used) for row in texts
        )
        if cells:
            end = rows[-1][-1] if rows and rows[-1] else table
            self.units.append(CellTable(self.number(table), cells, self.number(end)))
            self.units.append(Line(self.number(end), "", LineKind.BLANK))


def html_units(text: str, *, first_line: int = 1) -> list[Unit]:
    """Read an HTML document into units (see the module docstring)."""
    root = html_root(text)
    if root is None:
        return []
    builder = _Builder(first_line)
    builder.walk(root)
    builder.flush()
    return mark_page_numbers(builder.units)
