"""The unit model: chunks, cleaning, separators, page numbers."""

from __future__ import annotations

import pytest

from prospectus_ledger.parsing.lines import (
    CellTable,
    Line,
    LineKind,
    TextTable,
    Unit,
    chunks,
    clean_line,
    first_line,
    is_separator,
    last_line,
    mark_page_numbers,
    unit_text,
)

BLANK = Line(0, "", LineKind.BLANK)


def test_chunks_are_runs_of_text_lines() -> None:
    units: list[Unit] = [
        Line(1, "a"),
        Line(2, "b"),
        Line(3, "", LineKind.BLANK),
        Line(4, "c"),
        Line(5, "7", LineKind.FURNITURE),
        Line(6, "d"),
        TextTable(7, (), 8),
        Line(9, "e"),
    ]
    assert list(chunks(units)) == [(0, 2), (3, 6), (7, 8)]


def test_clean_line() -> None:
    assert clean_line("\ta\u00a0b\u200b\u00adc  \r") == "        a bc"


@pytest.mark.parametrize(
    ("text", "separator"),
    [("* * *", True), ("-----", True), ("*  *  *", True), ("**", False), ("- a -", False)],
)
def test_is_separator(text: str, separator: bool) -> None:
    assert is_separator(text) is separator


def test_page_numbers_only_next_to_breaks() -> None:
    units = [
        Line(1, "Text"),
        BLANK,
        Line(3, "  12"),
        BLANK,
        Line(5, "", LineKind.BREAK),
        Line(6, "Page 3 of 9"),
        BLANK,
        Line(8, "ii"),
        Line(9, "Text goes on"),
        BLANK,
        Line(11, "4"),
    ]
    marked = mark_page_numbers(units)
    assert [u.kind for u in marked if isinstance(u, Line) and u.number in (3, 6, 8, 11)] == [
        LineKind.FURNITURE,
        LineKind.FURNITURE,
        LineKind.TEXT,
        LineKind.FURNITURE,
    ]


def test_unit_helpers() -> None:
    table = CellTable(3, (("a", "b"),), 5)
    assert (first_line(table), last_line(table), unit_text(table)) == (3, 5, "a\tb")
    text_table = TextTable(1, (Line(2, "x  y"),), 3)
    assert (last_line(text_table), unit_text(text_table)) == (3, "x  y")
    assert unit_text(Line(1, "  z")) == "  z"
