"""HTML into logical lines through lxml: entities, hidden text, runs, tables, pre."""

from __future__ import annotations

from prospectus_ledger.operations import ReplaceSection, SectionTarget
from prospectus_ledger.parsing import parse_filing
from prospectus_ledger.parsing.html_text import html_units
from prospectus_ledger.parsing.layout import looks_like_html
from prospectus_ledger.parsing.lines import CellTable, Line, LineKind
from prospectus_ledger.tree import BulletList, Paragraph


def lines(html: str) -> list[str]:
    return [
        unit.text
        for unit in html_units(html)
        if isinstance(unit, Line) and unit.kind in (LineKind.TEXT, LineKind.SEPARATOR)
    ]


def test_entities_quotes_spaces_and_invisible_characters() -> None:
    html = (
        "<html><body><p>Fees &amp; Expenses&nbsp;of the&#160;Fund\u2019s "
        "&ldquo;Class&nbsp;A&rdquo; shares</p><p>Zero\u200bwidth &#8203;gone</p></body></html>"
    )
    assert lines(html) == [
        "Fees & Expenses of the Fund\u2019s \u201cClass A\u201d shares",
        "Zerowidth gone",
    ]


def test_inline_runs_join_without_spaces() -> None:
    assert lines("<p><b>Fund</b><i>s</i> and <font size=2>Port</font>folios</p>") == [
        "Funds and Portfolios"
    ]


def test_scripts_styles_and_hidden_elements_are_dropped() -> None:
    html = (
        "<html><head><title>d497.htm</title><style>p {}</style></head><body>"
        "<script>var x = 1;</script><p>Shown <span style='display: none'>hidden</span>tail</p>"
        "<div style='DISPLAY:NONE'><p>All hidden</p></div><p hidden>Also hidden</p></body></html>"
    )
    assert lines(html) == ["Shown tail"]


def test_block_elements_and_breaks_end_lines() -> None:
    assert lines("<div>One<br>Two<p>Three</p>Four</div>") == ["One", "Two", "Three", "Four"]


def test_page_breaks() -> None:
    # Two breaks in a row (a rule, then a page break before the next paragraph) are one.
    units = html_units("<p>One</p><hr><p style='page-break-before:always'>Two</p><hr><p>3</p>")
    assert [
        unit.kind for unit in units if isinstance(unit, Line) and unit.kind is not LineKind.BLANK
    ] == [
        LineKind.TEXT,
        LineKind.BREAK,
        LineKind.TEXT,
        LineKind.BREAK,
        LineKind.FURNITURE,
    ]


def test_data_table_rows_and_cells() -> None:
    html = (
        "<table><tr><td>Name</td><td></td><td>Accounts</td></tr>"
        "<tr><td>David Dreman</td><td></td><td>19</td></tr>"
        "<tr><td></td><td></td><td></td></tr></table>"
    )
    (table,) = [unit for unit in html_units(html) if isinstance(unit, CellTable)]
    assert table.rows == (("Name", "Accounts"), ("David Dreman", "19"))


def test_layout_table_with_bullet_glyphs_becomes_bullet_lines() -> None:
    html = (
        "<table><tr><td>n</td><td>The Portfolio is managed by a team.</td></tr>"
        "<tr><td>\u2022</td><td>Second item.</td></tr>"
        "<tr><td colspan=2><p>A paragraph in a layout cell.</p></td></tr></table>"
    )
    assert lines(html) == [
        "\u2022 The Portfolio is managed by a team.",
        "\u2022 Second item.",
        "A paragraph in a layout cell.",
    ]


def test_list_items_are_bullets() -> None:
    assert lines("<ul><li>One</li><li><p>Two</p></li></ul>") == ["\u2022 One", "\u2022 Two"]


def test_pre_is_read_as_plain_text() -> None:
    units = html_units("<pre>   Indented line\n\nNext paragraph</pre>")
    assert [
        unit.text for unit in units if isinstance(unit, Line) and unit.kind is LineKind.TEXT
    ] == [
        "   Indented line",
        "Next paragraph",
    ]


def test_not_html() -> None:
    assert looks_like_html("<html><body>x</body></html>")
    assert looks_like_html("<P>Paragraph")
    assert not looks_like_html("<PAGE>\n<TABLE>\n<CAPTION>\n<S>  <C>\n</TABLE>")


def test_empty_document_gives_no_units() -> None:
    assert html_units("<html></html>") == []


def test_html_supplement_parses_like_text() -> None:
    html = (
        "<html><body>"
        "<p align=center>MET INVESTORS SERIES TRUST</p>"
        "<p align=center>Third Avenue Small Cap Value Portfolio</p>"
        "<p align=center>SUPPLEMENT DATED MAY 31, 2007 TO<br>PROSPECTUSES DATED APRIL 30, 2007</p>"
        "<p>This Supplement is made as of May 31, 2007 to the Prospectuses dated April 30, "
        "2007.</p>"
        "<p>Effective on May 22, 2007, the following replaces in its entirety the information "
        "appearing under the heading &ldquo;Principal Investment Strategy&rdquo; in the "
        "prospectuses:</p>"
        "<p>The Portfolio seeks to achieve its objective.</p>"
        "<table><tr><td valign=top>&#149;</td><td>It buys small companies.</td></tr></table>"
        "<p>Date: May 31, 2007</p></body></html>"
    )
    (supplement,) = parse_filing(html.encode("cp1252"))
    assert supplement.portfolios == ("Third Avenue Small Cap Value Portfolio",)
    (amendment,) = supplement.amendments
    assert amendment.operation == ReplaceSection(
        SectionTarget(("Principal Investment Strategy",), "Third Avenue Small Cap Value Portfolio"),
        (
            Paragraph("The Portfolio seeks to achieve its objective."),
            BulletList(["It buys small companies."]),
        ),
    )
    assert amendment.effective_words == "Effective on May 22, 2007"


def test_a_header_over_several_columns_heads_the_values_below_it() -> None:
    """A fee table written for the test: "Class V" spans the value and "%" columns; the
    value's "%" cell joins it, and the header stays above the values, not the labels."""
    html = (
        "<table><tr><td>&nbsp;</td><td>&nbsp;</td><td colspan='3'><b>Class V</b></td></tr>"
        "<tr><td>Management Fees</td><td>&nbsp;</td><td>&nbsp;</td><td>0.05</td><td>%</td></tr>"
        "<tr><td>Other Expenses</td><td></td><td></td><td>0.15</td><td>%</td></tr></table>"
    )
    (table,) = [unit for unit in html_units(html) if isinstance(unit, CellTable)]
    assert table.rows == (
        ("", "Class V"),
        ("Management Fees", "0.05%"),
        ("Other Expenses", "0.15%"),
    )
