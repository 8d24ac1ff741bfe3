"""EDGAR plain text into logical lines.

EDGAR text filings mark pages with ``<PAGE>`` (sometimes followed by a page
number) or form feeds, end each page with a page number, and wrap
fixed-width tables in ``<TABLE>`` ... ``</TABLE>`` with ``<CAPTION>``, ``<S>``
and ``<C>`` markers.  This module turns such text into
:mod:`~prospectus_ledger.parsing.lines` units: text lines keep their
indentation, tables are kept whole as :class:`TextTable` units for the table
reader, page markers become breaks, and page numbers furniture.

Some filers leave a ``<TABLE>`` open across the running text that follows
it: a paragraph inside a table that reads as an instruction or a closing
line ("Date: ...") is taken out of the table as text, and the table is split
around it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ._tidy import tidy
from .instructions import looks_like_instruction
from .lines import Line, LineKind, TextTable, Unit, clean_line, is_separator, mark_page_numbers
from .trailers import is_trailer

__all__ = ["plain_text_units"]

_PAGE = re.compile(r"^ *<PAGE>(?: +\S{1,12})? *$", re.IGNORECASE)
_TABLE_OPEN = re.compile(r"^ *<TABLE\b[^<>]{0,200}>", re.IGNORECASE)
_TABLE_CLOSE = re.compile(r"^ *</TABLE>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,20}(?: [^<>]{0,100})?>")
# "|n" is a bullet (a Wingdings "n" in a table cell), not a cell holding text.
_PIPE_BULLET = re.compile(r"^\|[nlq\u2022\u25a0\u00a7](?: |$)")
# Revision and type-face marks inside running text ("<R>", "</B>") carry no words.
_INLINE_MARKS = re.compile(r"</?(?:R|B|I|U|SUP|SUB|F\d{1,2})>", re.IGNORECASE)
# EDGAR structure tags that stray into a line of text ("relative to its<PAGE>").
_RULE_CHARS = frozenset("-=_+|")
_STRAY_TAGS = re.compile(r"</?(?:PAGE|TABLE|CAPTION|S|C|FN)>", re.IGNORECASE)


def _physical_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _classify(number: int, raw: str) -> list[Line]:
    """One physical line as logical lines (a form feed splits it and is a break)."""
    if "\f" not in raw and "<" not in raw:
        # The common case (no form feed, no markup): as the loop below does it.
        text = clean_line(raw)
        if text.startswith("|") and text[1:2] not in ("", "|") and not _PIPE_BULLET.match(text):
            text = " " + text[1:]
        stripped = text.strip()
        if not stripped or stripped == "|":
            return [Line(number, "", LineKind.BLANK)]
        if is_separator(stripped):
            return [Line(number, text, LineKind.SEPARATOR)]
        return [Line(number, text)]
    lines: list[Line] = []
    parts = raw.split("\f")
    for index, part in enumerate(parts):
        if index:
            lines.append(Line(number, "", LineKind.BREAK))
        marked = "<" in part
        text = clean_line(_INLINE_MARKS.sub("", part) if marked else part)
        if text.startswith("|") and text[1:2] not in ("", "|") and not _PIPE_BULLET.match(text):
            # Text flattened from HTML marks table cells with a leading "|".
            text = " " + text[1:]
        stripped = text.strip()
        if not stripped or stripped == "|":
            # A lone "|" is an empty table cell of text flattened from HTML: a gap.
            if len(parts) == 1 or part.strip():
                lines.append(Line(number, "", LineKind.BLANK))
        elif marked and _PAGE.match(text):
            lines.append(Line(number, text, LineKind.BREAK))
        elif marked and not _TAG.sub("", text).strip():
            lines.append(Line(number, text, LineKind.FURNITURE))
        elif marked and _STRAY_TAGS.search(text):
            lines.extend(_classify(number, _STRAY_TAGS.sub(" ", text)))
        elif is_separator(stripped):
            lines.append(Line(number, text, LineKind.SEPARATOR))
        else:
            lines.append(Line(number, text))
    return lines


def _is_prose(lines: Sequence[Line]) -> bool:
    text = tidy(" ".join(_TAG.sub(" ", line.text) for line in lines))
    return bool(text) and (looks_like_instruction(text) or is_trailer(text))


def _table_part(lines: Sequence[Line], first: int, end: int) -> list[Unit]:
    """Table lines as a table, or as furniture when they hold only markup and rules."""
    if any(_TAG.sub("", line.text).strip(" -=_+|") for line in lines):
        return [TextTable(first, tuple(lines), end)]
    return [Line(line.number, line.text, LineKind.FURNITURE) for line in lines if line.text.strip()]


def _table_units(number: int, lines: Sequence[Line], end: int) -> list[Unit]:
    """A table's lines as a table, with running text left inside it taken out."""
    groups: list[tuple[bool, list[Line]]] = []  # (is a paragraph of text, lines)
    for line in lines:
        bare = _TAG.sub("", line.text).strip()
        texty = bool(bare) and not set(bare.replace(" ", "")) <= _RULE_CHARS
        if not groups or groups[-1][0] != texty:
            groups.append((texty, []))
        groups[-1][1].append(line)
    if not any(texty and _is_prose(group) for texty, group in groups):
        return [TextTable(number, tuple(lines), end)]
    units: list[Unit] = []
    pending: list[Line] = []
    for texty, group in groups:
        if texty and _is_prose(group):
            if pending:
                units.extend(
                    _table_part(
                        pending, number if not units else pending[0].number, pending[-1].number
                    )
                )
                pending = []
            for line in group:
                units.extend(_classify(line.number, line.text))
        else:
            pending.extend(group)
    if pending:
        units.extend(_table_part(pending, pending[0].number, end))
    return units


def plain_text_units(text: str, *, first_line: int = 1) -> list[Unit]:
    """Read EDGAR plain text into units.

    Args:
        text: the document's text.
        first_line: the line number of the text's first line in the filing
            (for text taken out of a submission file).
    """
    raw_lines = _physical_lines(text)
    units: list[Unit] = []
    index = 0
    while index < len(raw_lines):
        raw = raw_lines[index]
        number = first_line + index
        # "<TABLE" needs a "<": most lines skip the pattern.
        opening = _TABLE_OPEN.match(raw) if "<" in raw else None
        if opening is None:
            units.extend(_classify(number, raw))
            index += 1
            continue
        table_lines: list[Line] = []
        rest = raw[opening.end() :]
        if rest.strip():
            table_lines.append(Line(number, clean_line(rest)))
        index += 1
        end = number
        while index < len(raw_lines):
            inner = raw_lines[index]
            end = first_line + index
            index += 1
            closing = _TABLE_CLOSE.match(inner)
            if closing is not None:
                tail = inner[closing.end() :]
                if tail.strip():
                    table_lines.append(Line(end, clean_line(tail)))
                break
            table_lines.append(Line(end, clean_line(inner.replace("\f", " "))))
        units.extend(_table_units(number, table_lines, end))
    return mark_page_numbers(units)
