"""HTML editions on small hand-made snippets: typography, furniture, errors, safety.

Every filing text here is written for the test; none is a real filing.
"""

from __future__ import annotations

import pendulum
import pytest

from prospectus_ledger.errors import InvalidFilingError
from prospectus_ledger.parsing.editions import (
    looks_like_edition,
    parse_edition_details,
    parse_editions,
)
from prospectus_ledger.parsing.layout import Grid, Para, html_root, read_html
from prospectus_ledger.parsing.layout.css import TextStyle, element_style, is_faint
from prospectus_ledger.tree import BulletList, DocumentKind, Paragraph, Table, block_text, walk

BREAK = '<hr style="page-break-after:always"/>'
BODY = "font-size:10pt"
TITLE = "font-size:18pt"
SUB = "font-size:11pt;font-weight:bold"
GREY = "color:#B2B2B2;font-size:18pt"


def _p(text: str, style: str = BODY) -> str:
    return f'<p style="{style}">{text}</p>'


def _page_number(number: int) -> str:
    return _p(str(number), BODY + ";text-align:right")


def _edition() -> str:
    """A two-page prospectus with a contents table and an SAI, written for the test."""
    pages = [
        # Facing page.
        _p("SAMPLE TRUST", "text-align:center")
        + _p("(Exact Name of Registrant as Specified in Charter)", "text-align:center")
        + _p("Post-Effective Amendment No. 3"),
        # Prospectus cover.
        _p("Prospectus", TITLE)
        + _p("Sample&#174; Growth Fund", "font-size:22pt")
        + _p("May 1, 2020", "font-size:14pt"),
        # Contents.
        _p("Table of contents", TITLE)
        + "<table>"
        + '<tr><td><p style="font-size:8pt"><b>Fund summary</b></p></td><td>1</td></tr>'
        + '<tr><td><p style="font-size:8pt;margin-left:12pt">Investment objective</p></td>'
        + "<td>1</td></tr>"
        + '<tr><td><p style="font-size:8pt"><b>Management</b></p></td><td>2</td></tr>'
        + "</table>",
        # Body, page 1.
        _p("Fund summary", TITLE)
        + _p("<b>Investment </b><b>objective</b>", SUB)
        + _p("The Fund seeks growth of capital.")
        + _p("<b>Broker-</b><b>Defined Waivers</b>", SUB)
        + _p("Sales through a broker&#8203; may qualify for &#8220;waivers&#8221;.")
        + _p("&#149; first item")
        + '<div><div style="float:left">&#149;</div><div>second item</div></div>'
        + _p("<b>Fees</b>", SUB)
        + _p("<b>Annual fund operating expenses</b>", BODY)
        + "<table><tr><td><b>Class</b></td><td>A</td></tr>"
        + "<tr><td>Management fees</td><td>0.50</td><td>%</td></tr></table>"
        + _p("<b>Glossary term:</b> the text that follows it in the same paragraph.")
        + _page_number(1),
        # Body, page 2, with a running header.
        _p("Fund summary", GREY)
        + _p("Management", TITLE)
        + _p("<b>Investment adviser</b>", SUB)
        + _p("Sample Advisers LLC manages the Fund.")
        + _page_number(2),
        # SAI.
        _p("<b>Statement of Additional Information</b>", "font-size:20pt")
        + _p("May 1, 2020")
        + _p("<b>Investment Restrictions</b>", "font-size:14pt")
        + _p("<b>Fundamental Restrictions</b>", BODY)
        + _p("The Fund may not borrow money.")
        + _p("<b>Trustees</b>", "font-size:14pt")
        + _p("The Board oversees the Trust."),
        # Part C.
        _p("PART C", "text-align:center") + _p("OTHER INFORMATION", "text-align:center"),
    ]
    hidden = (
        '<div style="display:none"><ix:header><ix:hidden>'
        '<ix:nonNumeric name="dei:EntityRegistrantName">SAMPLE TRUST</ix:nonNumeric>'
        '<ix:nonNumeric name="dei:DocumentPeriodEndDate">2019-12-31</ix:nonNumeric>'
        "</ix:hidden></ix:header></div>"
    )
    return "<html><body>" + hidden + BREAK.join(pages) + "</body></html>"


@pytest.fixture(scope="module")
def sample() -> str:
    return _edition()


def test_documents_dates_and_portfolios(sample: str) -> None:
    details = parse_edition_details(sample)
    assert [d.kind for d in details.documents] == [DocumentKind.PROSPECTUS, DocumentKind.SAI]
    assert details.registrant == "SAMPLE TRUST"
    prospectus, sai = details.documents
    assert prospectus.date == sai.date == pendulum.date(2020, 5, 1)
    assert prospectus.portfolios == ("Sample Growth Fund",)


def test_levels_from_typography_and_contents(sample: str) -> None:
    prospectus, sai = parse_editions(sample)
    outline = [
        ("  " * (len(loc.indices) - 1)) + loc.section.heading for loc in walk(prospectus.sections)
    ]
    assert outline == [
        "Fund summary",
        "  Investment objective",
        "  Broker-Defined Waivers",
        "  Fees",
        "Management",
        "  Investment adviser",
    ]
    assert [s.heading for s in sai.sections] == ["Investment Restrictions", "Trustees"]
    assert [c.heading for c in sai.sections[0].children] == ["Fundamental Restrictions"]


def test_blocks_bullets_tables_and_text(sample: str) -> None:
    prospectus = parse_editions(sample)[0]
    summary = prospectus.sections[0]
    broker = summary.children[1]
    assert broker.blocks == (
        Paragraph("Sales through a broker may qualify for \u201cwaivers\u201d."),
        BulletList(["first item", "second item"]),
    )
    fees = summary.children[2]
    table = fees.blocks[0]
    assert isinstance(table, Table)
    assert table.caption == "Annual fund operating expenses"
    assert table.rows == (("Class", "A"), ("Management fees", "0.50%"))
    # A run-in bold term is body text, not a heading.
    assert isinstance(fees.blocks[1], Paragraph)
    assert fees.blocks[1].text.startswith("Glossary term: the text")


def test_furniture_is_left_out(sample: str) -> None:
    details = parse_edition_details(sample)
    text = "\n".join(
        block_text(block)
        for document in details.documents
        for located in walk(document.sections)
        for block in located.section.blocks
    )
    assert "2019-12-31" not in text  # hidden inline-XBRL header
    assert "OTHER INFORMATION" not in text
    assert "Exact Name" not in text
    reasons = sorted(item.reason for item in details.parts[0].left_out)
    assert reasons == ["page number", "page number", "running header"]
    assert [(e.text, e.level) for e in details.parts[0].contents] == [
        ("Fund summary", 1),
        ("Investment objective", 2),
        ("Management", 1),
    ]


def test_styles_are_inherited_and_overridden() -> None:
    base = TextStyle()
    paragraph = element_style("p", {}, "font:10pt Arial;color:#333", base)
    assert (paragraph.size, paragraph.bold, paragraph.colour) == (10.0, False, "#333333")
    bold = element_style("b", {}, None, paragraph)
    assert bold.bold
    assert bold.size == 10.0
    assert element_style("span", {}, "font-weight:normal", bold).bold is False
    assert element_style("span", {}, "font: bold 14pt Times", paragraph).size == 14.0
    assert element_style("font", {"size": "4"}, None, base).size == 13.5
    assert element_style("span", {}, "font-size:150%", paragraph).size == 15.0
    assert element_style("p", {"align": "center"}, None, base).align == "center"
    assert element_style("u", {}, None, base).underline
    assert is_faint("#b2b2b2")
    assert not is_faint("#000000")
    assert not is_faint("#ff0000")


def test_runs_are_joined_without_spaces() -> None:
    root = html_root("<p><b>Sub-</b><b>advisor</b> and <i>Fund</i>s&#160;&#8203;here</p>")
    assert root is not None
    (para,) = read_html(root)
    assert isinstance(para, Para)
    assert para.text == "Sub-advisor and Funds here"


def test_layout_tables_are_text_and_data_tables_grids() -> None:
    root = html_root(
        "<table><tr><td>&#8226;</td><td>a bullet in a layout table</td></tr></table>"
        "<table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>"
    )
    assert root is not None
    units = read_html(root)
    assert isinstance(units[0], Para)
    assert units[0].bullet
    assert units[0].text == "a bullet in a layout table"
    assert isinstance(units[1], Grid)
    assert [[c.text for c in row] for row in units[1].rows] == [["1", "2"], ["3", "4"]]


def test_entities_are_not_resolved_and_nothing_is_fetched() -> None:
    hostile = (
        '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        '<html><body><img src="http://example.invalid/x.png"/>'
        '<link rel="stylesheet" href="http://example.invalid/x.css"/>'
        "<p>A &xxe; B</p></body></html>"
    )
    root = html_root(hostile)
    assert root is not None
    texts = [unit.text for unit in read_html(root) if isinstance(unit, Para)]
    assert "A &xxe; B" in texts
    assert not any("root:" in text for text in texts)


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n", b"\x00\x01\x02binary"],
)
def test_empty_or_binary_data_is_refused(data: bytes) -> None:
    assert not looks_like_edition(data)
    with pytest.raises(InvalidFilingError):
        parse_editions(data)


def test_a_supplement_is_not_an_edition() -> None:
    supplement = (
        "<html><body><p>SUPPLEMENT DATED MAY 31, 2007 TO THE PROSPECTUS DATED APRIL 30, 2007</p>"
        "<p>Effective May 22, 2007, the following replaces the section.</p></body></html>"
    )
    assert not looks_like_edition(supplement)
    with pytest.raises(InvalidFilingError, match="supplement"):
        parse_editions(supplement)


def test_a_497_header_is_not_an_edition() -> None:
    assert not looks_like_edition("<SEC-DOCUMENT>\nCONFORMED SUBMISSION TYPE:\t497\n<TEXT>x")
    assert looks_like_edition("<DOCUMENT>\n<TYPE>485BPOS\n<TEXT>\nPROSPECTUS\n</TEXT>")


def test_html_without_documents_names_the_file() -> None:
    from prospectus_ledger.provenance import Source

    with pytest.raises(InvalidFilingError) as caught:
        parse_editions("<html><body><p>Hello</p></body></html>", Source(name="hello.htm"))
    assert caught.value.file == "hello.htm"
    assert caught.value.line == 1
    assert "no prospectus or statement of additional information" in caught.value.problem


def _old(text: str, attributes: str = "") -> str:
    return f'<p{attributes}><font size="2" face="Times New Roman">{text}</font></p>'


def test_old_style_html_with_font_tags_and_centred_capitals() -> None:
    centre = ' align="center"'
    pages = [
        _old("<b>OLDSTYLE FUNDS TRUST</b>", centre)
        + _old("(Exact name of registrant as specified in charter)", centre),
        _old('<font size="5"><b>PROSPECTUS</b></font>', centre)
        + _old("February 28, 2003", centre)
        + _old("<b>Oldstyle Equity Fund</b>", centre)
        + _old("<b>Oldstyle Bond Fund</b>", centre),
        _old("<b>OLDSTYLE EQUITY FUND</b>", centre)
        + _old("<b>Investment Objective</b>")
        + _old("The Fund seeks capital growth.")
        + _old("<b><i>Main Risks</i></b>")
        + _old("Stock prices may fall.")
        + _old("1", centre),
        _old("<b>OLDSTYLE BOND FUND</b>", centre)
        + _old("<b>Investment Objective</b>")
        + _old("The Fund seeks income.")
        + _old("2", centre),
        _old("<b>PART C</b>", centre),
    ]
    details = parse_edition_details("<html><body>" + "<hr>".join(pages) + "</body></html>")
    assert details.registrant == "OLDSTYLE FUNDS TRUST"
    (prospectus,) = details.documents
    assert prospectus.date == pendulum.date(2003, 2, 28)
    assert prospectus.portfolios == ("Oldstyle Equity Fund", "Oldstyle Bond Fund")
    outline = [
        ("  " * (len(loc.indices) - 1)) + loc.section.heading for loc in walk(prospectus.sections)
    ]
    assert outline == [
        "OLDSTYLE EQUITY FUND",
        "  Investment Objective",
        "    Main Risks",
        "OLDSTYLE BOND FUND",
        "  Investment Objective",
    ]
    assert [s.portfolio for s in prospectus.sections] == [
        "Oldstyle Equity Fund",
        "Oldstyle Bond Fund",
    ]
