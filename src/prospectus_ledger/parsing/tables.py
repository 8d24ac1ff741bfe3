"""Tables into :class:`~prospectus_ledger.tree.Table` blocks.

EDGAR text tables are fixed-width: the columns are the runs of characters
separated by gaps of white space that every line of a row shares.  Rows are
separated by rule lines (``-----``) when the table has rules between its rows,
else each line is a row and a line whose first column is empty continues the
row above it.  Leading rows with a single cell (centred titles) are the
caption.  Rows are then placed on the columns of the row with the most cells,
so that cells line up; a row that does not fit is kept as it is.  Every word
of the table ends up in some cell or in the caption; footnotes (``<FN>``)
become paragraphs after the table.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence

from ..tree import Block, Paragraph, Table
from .lines import MARKUP, CellTable, TextTable

__all__ = ["cell_table", "text_table_blocks"]

# <S> and <C> mark column starts; replacing them by spaces keeps the columns.
_COLUMN_MARK = re.compile(r"<[SC]>", re.IGNORECASE)
_FOOTNOTES_OPEN = re.compile(r"<FN>", re.IGNORECASE)
_FOOTNOTES_CLOSE = re.compile(r"</FN>", re.IGNORECASE)
_RULE_CHARS = frozenset("-=_+|")
_MIN_GAP = 2
_MAX_WIDTH = 2000

Span = tuple[int, int]
_Row = tuple[tuple[str, ...], tuple[Span, ...]]


def _is_rule(text: str) -> bool:
    marks = text.replace(" ", "")
    return len(marks) >= 3 and set(marks) <= _RULE_CHARS


def _without_markup(text: str) -> str:
    text = _COLUMN_MARK.sub(lambda match: " " * len(match.group(0)), text)
    return MARKUP.sub(lambda match: " " * len(match.group(0)), text).rstrip()


def _spans(lines: Sequence[str]) -> list[Span]:
    """Column spans: runs of columns where some line has text, split by shared gaps."""
    width = max((len(line) for line in lines), default=0)
    used = [False] * width
    for line in lines:
        for column, char in enumerate(line):
            if char != " ":
                used[column] = True
    spans: list[Span] = []
    start: int | None = None
    gap = 0
    for column in range(width):
        if used[column]:
            if start is None:
                start = column
            elif gap >= _MIN_GAP:
                spans.append((start, column - gap))
                start = column
            gap = 0
        else:
            gap += 1
    if start is not None:
        spans.append((start, width - gap))
    return spans


def _cell(lines: Sequence[str], span: Span) -> str:
    parts = (line[span[0] : span[1]].strip() for line in lines)
    return " ".join(part for part in parts if part)


def _row(lines: Sequence[str]) -> _Row:
    spans = _spans(lines)
    return tuple(_cell(lines, span) for span in spans), tuple(spans)


def _line_rows(lines: Sequence[str]) -> list[_Row]:
    """Rows of a group of lines without rules: each line a row, continuations merged."""
    spans = _spans(lines)
    rows: list[list[str]] = []
    for line in lines:
        cells = [line[start:stop].strip() for start, stop in spans]
        if rows and not cells[0]:
            rows[-1] = [
                " ".join(p for p in (old, new) if p)
                for old, new in zip(rows[-1], cells, strict=True)
            ]
        else:
            rows.append(cells)
    result: list[_Row] = []
    for cells in rows:
        kept = [(cell, span) for cell, span in zip(cells, spans, strict=True) if cell]
        result.append((tuple(c for c, _ in kept), tuple(s for _, s in kept)))
    return result


def _place(rows: list[_Row]) -> tuple[tuple[str, ...], ...]:
    """Put each row's cells on the columns of the widest row, where they fit."""
    if not rows:
        return ()
    grid = max(rows, key=lambda row: len(row[0]))[1]
    starts = [start for start, _ in grid]
    stops = [stop for _, stop in grid]
    placed: list[tuple[str, ...]] = []
    for cells, spans in rows:
        indices = [_column(span, starts, stops) for span in spans]
        if all(later > earlier for earlier, later in itertools.pairwise(indices)):
            row = [""] * len(grid)
            for index, cell in zip(indices, cells, strict=True):
                row[index] = cell
            placed.append(tuple(row))
        else:
            placed.append(cells)
    return tuple(placed)


def _column(span: Span, starts: Sequence[int], stops: Sequence[int]) -> int:
    """The first grid column ``span`` overlaps, else the one starting nearest to it."""
    index = bisect.bisect_right(stops, span[0])
    if index < len(starts) and starts[index] < span[1]:
        return index
    after = bisect.bisect_left(starts, span[0])
    candidates = [i for i in (after - 1, after) if 0 <= i < len(starts)]
    return min(candidates, key=lambda i: abs(starts[i] - span[0]))


def _groups(lines: Sequence[str | None]) -> list[list[str]]:
    """Split lines at separators (``None``) into groups of text lines."""
    groups: list[list[str]] = [[]]
    for line in lines:
        if line is None:
            if groups[-1]:
                groups.append([])
        else:
            groups[-1].append(line)
    return [group for group in groups if group]


def _read_rows(lines: list[tuple[str, str]]) -> list[_Row]:
    """Rows from (kind, text) lines, kind being "text", "rule" or "blank"."""
    texts = [index for index, (kind, _) in enumerate(lines) if kind == "text"]
    if not texts:
        return []
    if max(len(lines[index][1]) for index in texts) > _MAX_WIDTH:
        # Not a fixed-width table anyone typed: one cell per line, no columns.
        return [((" ".join(lines[index][1].split()),), ((0, 1),)) for index in texts]
    inner = lines[texts[0] : texts[-1] + 1]
    ruled = any(kind == "rule" for kind, _ in inner)
    if ruled:
        return [
            _row(group)
            for group in _groups([text if kind == "text" else None for kind, text in lines])
        ]
    rows: list[_Row] = []
    for group in _groups([text if kind == "text" else None for kind, text in lines]):
        rows.extend(_line_rows(group))
    return rows


def _footnote_blocks(lines: Sequence[str]) -> list[Block]:
    blocks: list[Block] = []
    for group in _groups([line if line.strip() else None for line in lines]):
        text = " ".join(line.strip() for line in group)
        if text:
            blocks.append(Paragraph(text))
    return blocks


def text_table_blocks(table: TextTable) -> list[Block]:
    """The table of an EDGAR ``<TABLE>``, then its footnotes as paragraphs."""
    lines: list[tuple[str, str]] = []
    footnotes: list[str] = []
    in_footnotes = False
    for line in table.lines:
        raw = line.text
        if _FOOTNOTES_OPEN.search(raw):
            in_footnotes = True
        if in_footnotes:
            footnotes.append(MARKUP.sub(" ", raw))
            if _FOOTNOTES_CLOSE.search(raw):
                in_footnotes = False
            continue
        text = _without_markup(raw)
        if not text.strip():
            lines.append(("blank", ""))
        elif _is_rule(text):
            lines.append(("rule", ""))
        else:
            lines.append(("text", text))
    rows = _read_rows(lines)
    caption: list[str] = []
    if any(len(cells) > 1 for cells, _ in rows):
        while rows and len(rows[0][0]) == 1:
            caption.append(rows.pop(0)[0][0])
    blocks: list[Block] = []
    if rows or caption:
        blocks.append(Table(_place(rows), " ".join(caption)))
    blocks.extend(_footnote_blocks(footnotes))
    return blocks


def cell_table(table: CellTable) -> Table:
    """The table of an HTML ``<table>`` (rows and cells as they are)."""
    return Table(table.rows)
