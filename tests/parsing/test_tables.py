"""Fixed-width EDGAR tables: columns from shared gaps, rows from rules, no word lost."""

from __future__ import annotations

from prospectus_ledger.parsing.lines import CellTable, Line, TextTable
from prospectus_ledger.parsing.tables import cell_table, text_table_blocks
from prospectus_ledger.tree import Paragraph, Table


def table(*lines: str) -> list[object]:
    return list(
        text_table_blocks(TextTable(1, tuple(Line(n, t) for n, t in enumerate(lines, 2)), 99))
    )


def test_line_rows_with_continuations() -> None:
    (result,) = table(
        "<CAPTION>",
        "                        Current Portfolio                     Successor Portfolio",
        "   <S>                                                 <C>",
        "",
        "   1)  Batterymarch Mid-Cap Stock Portfolio            Lazard Mid-Cap Portfolio, a",
        "                                                       series of the Trust",
        "",
        "   2)  MFS Value Portfolio                             MFS Value Portfolio",
    )
    assert result == Table(
        [
            ("", "Current Portfolio", "Successor Portfolio"),
            (
                "1)",
                "Batterymarch Mid-Cap Stock Portfolio",
                "Lazard Mid-Cap Portfolio, a series of the Trust",
            ),
            ("2)", "MFS Value Portfolio", "MFS Value Portfolio"),
        ]
    )


def test_ruled_rows_merge_their_lines_and_caption() -> None:
    (result,) = table(
        "<CAPTION>",
        "---------------------------------------------",
        "              Some Trust",
        "            Some Portfolio",
        "<S>              <C>          <C>",
        "---------------  -----------  -----------",
        "Portfolio        Number of    Total",
        "Manager          Accounts     Assets",
        "---------------  -----------  -----------",
        "David            19           $15.7",
        "Dreman                        billion",
        "---------------  -----------  -----------",
    )
    assert isinstance(result, Table)
    assert result.caption == "Some Trust Some Portfolio"
    assert result.rows == (
        ("Portfolio Manager", "Number of Accounts", "Total Assets"),
        ("David Dreman", "19", "$15.7 billion"),
    )


def test_short_rows_are_placed_on_the_columns() -> None:
    (result,) = table(
        "------------   ------   --------   ------",
        "Manager        none     $1-$10     over",
        "------------   ------   --------   ------",
        "A. Person      XXX",
        "------------   ------   --------   ------",
        "B. Person                          XXX",
    )
    assert isinstance(result, Table)
    assert result.rows[1] == ("A. Person", "XXX", "", "")
    assert result.rows[2] == ("B. Person", "", "", "XXX")


def test_footnotes_become_paragraphs() -> None:
    blocks = table("A      B", "1      2", "<FN>", "(1) A footnote that", "explains.", "</FN>")
    assert blocks == [Table([("A", "B"), ("1", "2")]), Paragraph("(1) A footnote that explains.")]


def test_every_word_lands_in_a_cell() -> None:
    lines = (
        "Fund        Fee   Other expenses and more words",
        "   Alpha Beta   1.00%   x y   z",
        "Gamma  2.00%    w",
    )
    (result,) = table(*lines)
    assert isinstance(result, Table)
    words = sorted(word for row in result.rows for cell in row for word in cell.split())
    assert words == sorted(word for line in lines for word in line.split())


def test_very_wide_lines_are_kept_whole() -> None:
    wide = "a  " * 1000
    (result,) = table(wide, "b")
    assert isinstance(result, Table)
    assert result.rows == ((wide.strip().replace("  ", " "),), ("b",))


def test_empty_table_gives_no_block() -> None:
    assert table("<CAPTION>", "<S>    <C>", "------", "") == []


def test_cell_table() -> None:
    assert cell_table(CellTable(1, (("a", "b"),), 1)) == Table([("a", "b")])
