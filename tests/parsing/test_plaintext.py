"""EDGAR plain text into logical lines: pages, form feeds, page numbers, tables, markup."""

from __future__ import annotations

from prospectus_ledger.parsing.lines import Line, LineKind, TextTable
from prospectus_ledger.parsing.plaintext import plain_text_units


def kinds(text: str) -> list[tuple[str, str]]:
    return [
        (unit.kind.value, unit.stripped)
        if isinstance(unit, Line)
        else ("table", str(len(unit.lines) if isinstance(unit, TextTable) else 0))
        for unit in plain_text_units(text)
    ]


def test_page_markers_and_page_numbers() -> None:
    assert kinds("Text one.\n\n    1\n\n<PAGE>   2\n\n- 2 -\n\nText two.") == [
        ("text", "Text one."),
        ("blank", ""),
        ("furniture", "1"),
        ("blank", ""),
        ("break", "<PAGE>   2"),
        ("blank", ""),
        ("furniture", "- 2 -"),
        ("blank", ""),
        ("text", "Text two."),
    ]


def test_a_number_inside_text_is_text() -> None:
    assert kinds("<PAGE>\nSee the table:\n1\nof the fund.") == [
        ("break", "<PAGE>"),
        ("text", "See the table:"),
        ("text", "1"),
        ("text", "of the fund."),
    ]


def test_form_feed_is_a_break() -> None:
    assert kinds("End of page.\fNext page.") == [
        ("text", "End of page."),
        ("break", ""),
        ("text", "Next page."),
    ]


def test_line_endings_tabs_and_invisible_characters() -> None:
    units = plain_text_units("a\r\n\tb\rc\u200bd\u00a0e\u00adf")
    assert [unit.text for unit in units if isinstance(unit, Line)] == ["a", "        b", "cd ef"]


def test_markup_and_separators() -> None:
    assert kinds("<CAPTION>\n<S>   <C>\n* * *\n----------\nThe <R>revised</R> text.") == [
        ("furniture", "<CAPTION>"),
        ("furniture", "<S>   <C>"),
        ("separator", "* * *"),
        ("separator", "----------"),
        ("text", "The revised text."),
    ]


def test_tables_are_kept_whole_with_line_numbers() -> None:
    units = plain_text_units(
        "Intro.\n<TABLE>\n<CAPTION>\nA   B\n1   2\n</TABLE>\nAfter.", first_line=10
    )
    table = units[1]
    assert isinstance(table, TextTable)
    assert (table.number, table.end) == (11, 15)
    assert [line.text for line in table.lines] == ["<CAPTION>", "A   B", "1   2"]
    assert isinstance(units[2], Line)
    assert units[2].number == 16


def test_unclosed_table_runs_to_the_end() -> None:
    (table,) = plain_text_units("<TABLE>\nA   B\n1   2")
    assert isinstance(table, TextTable)
    assert len(table.lines) == 2


def test_line_kinds_and_indent() -> None:
    (line,) = [unit for unit in plain_text_units("     indented") if isinstance(unit, Line)]
    assert line.kind is LineKind.TEXT
    assert line.indent == 5


def test_stray_structure_tags_inside_a_line_are_dropped() -> None:
    assert kinds("relative to its<PAGE>\nthe Fund</FN> more") == [
        ("text", "relative to its"),
        ("text", "the Fund  more"),
    ]


def test_leading_cell_marks_of_flattened_html() -> None:
    # A lone "|" is an empty cell: a gap between paragraphs, like a blank line.
    assert kinds("|Supplement to Statement of Additional Information\n|n\n|") == [
        ("text", "Supplement to Statement of Additional Information"),
        ("text", "|n"),
        ("blank", ""),
    ]
