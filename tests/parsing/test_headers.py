"""Header recognition: registrant, portfolios, editions, dates, intro paragraphs."""

from __future__ import annotations

import pendulum
import pytest

from prospectus_ledger.parsing import parse_filing
from prospectus_ledger.parsing.blocks import body_items
from prospectus_ledger.parsing.headers import (
    Header,
    has_anchor,
    inline_phrase,
    is_intro,
    read_header,
    read_intro,
    title_blocks,
)
from prospectus_ledger.parsing.lines import CellTable, Line
from prospectus_ledger.parsing.plaintext import plain_text_units
from prospectus_ledger.supplement import DocumentRef
from prospectus_ledger.tree import DocumentKind

from .conftest import SEED_004

PROSPECTUS = DocumentKind.PROSPECTUS
SAI = DocumentKind.SAI
SUMMARY = DocumentKind.SUMMARY_PROSPECTUS


def header_of(text: str) -> Header:
    header, body = read_header(plain_text_units(text))
    header, _ = read_intro(header, body_items(body))
    return header


def test_seed_004_title() -> None:
    header = header_of(SEED_004.read_text())
    assert header.registrant == "MET INVESTORS SERIES TRUST"
    assert header.portfolios == ("Dreman Small-Cap Value Portfolio",)
    assert header.supplement_date == pendulum.date(2006, 12, 21)
    assert [line.stripped for line in header.lines][-3:] == [
        "AND",
        "TO STATEMENT OF ADDITIONAL INFORMATION DATED MAY 1, 2006,",
        "AS SUPPLEMENTED NOVEMBER 1, 2006",
    ]
    assert len(header.intro) == 1


@pytest.mark.parametrize(
    ("title", "date", "documents"),
    [
        (
            "SUPPLEMENT DATED MAY 31, 2007 TO\nPROSPECTUSES DATED APRIL 30, 2007",
            (2007, 5, 31),
            [DocumentRef(PROSPECTUS, pendulum.date(2007, 4, 30))],
        ),
        (
            "Supplement Dated November 10, 2006 To Prospectus Dated May 1, 2006",
            (2006, 11, 10),
            [DocumentRef(PROSPECTUS, pendulum.date(2006, 5, 1))],
        ),
        (
            "SUPPLEMENT DATED SEPTEMBER 22, 2005 TO PROSPECTUSES AND\n"
            "STATEMENT OF ADDITIONAL INFORMATION DATED MAY 1, 2005",
            (2005, 9, 22),
            [
                DocumentRef(PROSPECTUS, pendulum.date(2005, 5, 1)),
                DocumentRef(SAI, pendulum.date(2005, 5, 1)),
            ],
        ),
        (
            "Supplement Dated May 21, 2010 to\nSummary Prospectus Dated May 1, 2010",
            (2010, 5, 21),
            [DocumentRef(SUMMARY, pendulum.date(2010, 5, 1))],
        ),
        (
            "Supplement Dated November 22, 2010\nto the\nSummary Prospectus and Prospectus Dated "
            "May 1, 2010",
            (2010, 11, 22),
            [
                DocumentRef(SUMMARY, pendulum.date(2010, 5, 1)),
                DocumentRef(PROSPECTUS, pendulum.date(2010, 5, 1)),
            ],
        ),
        (
            "SUPPLEMENT DATED JUNE 19, 2007\nTO\nSTATEMENT OF ADDITIONAL INFORMATION DATED APRIL "
            "30, 2007",
            (2007, 6, 19),
            [DocumentRef(SAI, pendulum.date(2007, 4, 30))],
        ),
        (
            "SUPPLEMENT DATED JULY 25, 2003 TO THE\n\n"
            "STATEMENT OF ADDITIONAL INFORMATION DATED OCTOBER 25, 2002\n"
            "AS PREVIOUSLY SUPPLEMENTED ON FEBRUARY 5, 2003",
            (2003, 7, 25),
            [DocumentRef(SAI, pendulum.date(2002, 10, 25), (pendulum.date(2003, 2, 5),))],
        ),
        (
            "Supplement dated February 11, 2000\nto the Prospectus dated March 1, 1999,\n"
            "as revised June 11, 1999\nand as supplemented June 18, 1999",
            (2000, 2, 11),
            [
                DocumentRef(
                    PROSPECTUS,
                    pendulum.date(1999, 3, 1),
                    (pendulum.date(1999, 6, 11), pendulum.date(1999, 6, 18)),
                )
            ],
        ),
        (
            "Supplement dated April 1, 2024\nto the Summary Prospectus, Prospectus and Statement "
            "of "
            'Additional Information (the "SAI")\ndated May 1, 2023, each as supplemented',
            (2024, 4, 1),
            [
                DocumentRef(SUMMARY, pendulum.date(2023, 5, 1)),
                DocumentRef(PROSPECTUS, pendulum.date(2023, 5, 1)),
                DocumentRef(SAI, pendulum.date(2023, 5, 1)),
            ],
        ),
        (
            "Prospectus Supplement \u2014 Feb. 27, 2012\nto the Prospectuses, as supplemented",
            (2012, 2, 27),
            [DocumentRef(PROSPECTUS)],
        ),
        (
            "Supplement dated 3-25-2009 to the current\nClass A, B and C Shares Prospectus",
            (2009, 3, 25),
            [DocumentRef(PROSPECTUS)],
        ),
        (
            "Statement of Additional Information Supplement dated June 1, 2001",
            (2001, 6, 1),
            [DocumentRef(SAI)],
        ),
        (
            # A stacked "DATED" line after the editions' date: the supplement's own.
            "SUPPLEMENT TO THE PROSPECTUS\nAND STATEMENT OF ADDITIONAL INFORMATION\n"
            "DATED MAY 1, 2018\nDATED JUNE 15, 2018",
            (2018, 6, 15),
            [
                DocumentRef(PROSPECTUS, pendulum.date(2018, 5, 1)),
                DocumentRef(SAI, pendulum.date(2018, 5, 1)),
            ],
        ),
        (
            "SUPPLEMENT TO PROSPECTUS DATED NOVEMBER 14, 2007,\nas supplemented March 31, 2008\n"
            "DATED MAY 1, 2008",
            (2008, 5, 1),
            [DocumentRef(PROSPECTUS, pendulum.date(2007, 11, 14), (pendulum.date(2008, 3, 31),))],
        ),
        (
            "Supplement\nTo the Prospectus\nDated May 1, 2017,\n"
            "as Previously Supplemented on June 14, 2017\nDated August 18, 2017",
            (2017, 8, 18),
            [DocumentRef(PROSPECTUS, pendulum.date(2017, 5, 1), (pendulum.date(2017, 6, 14),))],
        ),
        (
            "SUPPLEMENT TO THE FUNDS' PROSPECTUS\n"
            "THIS SUPPLEMENT SUPERSEDES THE SUPPLEMENT FILED ON MARCH 20, 2020\n"
            "DATED APRIL 23, 2020",
            (2020, 4, 23),
            [DocumentRef(PROSPECTUS)],
        ),
        (
            "Supplement dated 5\u201325\u201312\nto the Prospectus dated 11\u201330\u201311, as "
            "supplemented\n4\u201320\u201312",
            (2012, 5, 25),
            [DocumentRef(PROSPECTUS, pendulum.date(2011, 11, 30), (pendulum.date(2012, 4, 20),))],
        ),
        (
            "Supplement dated 74290 7/01 July 1, 2001\nto the Prospectus dated March 1, 2001",
            (2001, 7, 1),
            [DocumentRef(PROSPECTUS, pendulum.date(2001, 3, 1))],
        ),
        (
            "AMENDED AND RESTATED SUPPLEMENT DATED MARCH 3, 2010\n"
            "TO THE PROSPECTUS DATED MAY 1, 2009",
            (2010, 3, 3),
            [DocumentRef(PROSPECTUS, pendulum.date(2009, 5, 1))],
        ),
        (
            "SUPPLEMENT\nDATED JULY 22, 2009\nTO THE CURRENTLY EFFECTIVE\nCLASS A SHARES "
            "PROSPECTUS\n"
            "EACH DATED MARCH 1, 2009",
            (2009, 7, 22),
            [DocumentRef(PROSPECTUS, pendulum.date(2009, 3, 1))],
        ),
    ],
)
def test_supplement_phrases(
    title: str, date: tuple[int, int, int], documents: list[DocumentRef]
) -> None:
    header = header_of(
        f"SOME TRUST\n\n{title}\n\nThe body of the supplement starts here and runs on.\n"
    )
    assert header.supplement_date == pendulum.date(*date)
    assert list(header.documents) == documents


@pytest.mark.parametrize(
    "title",
    [
        # The date completes "... dated": it dates the editions, not the supplement.
        "Supplement to Prospectus and Statement of Additional Information dated\nJune 22, 2001",
        "Supplement to the Prospectus and Summary Prospectus Dated\nDecember 23, 2014",
    ],
)
def test_a_date_line_that_completes_dated_is_the_editions(title: str) -> None:
    header = header_of(f"SOME TRUST\n{title}\n\nThe body of the supplement starts here.\n")
    assert header.supplement_date is None
    assert header.documents
    assert all(ref.date is not None for ref in header.documents)


def test_stacked_dated_lines_of_several_funds_date_editions() -> None:
    # "FUND A / DATED X / FUND B / DATED Y": each date follows a name, not a dated line.
    header = header_of(
        "SUPPLEMENT TO THE PROSPECTUSES OF\nGROWTH FUND\nDATED JULY 29, 1999\n"
        "INCOME FUND\nDATED OCTOBER 28, 1999\n\nThe body starts here.\n"
    )
    assert header.supplement_date is None
    assert header.documents == (
        DocumentRef(PROSPECTUS, pendulum.date(1999, 7, 29)),
        DocumentRef(PROSPECTUS, pendulum.date(1999, 10, 28)),
    )


def test_supplement_to_a_document_with_a_date_line() -> None:
    header = header_of(
        "December 23, 2003\n\n\n   THE DREYFUS FAMILY OF FUNDS\n\n"
        "   Supplement to Statement of Additional Information\n\n\n"
        "The following information supplements and should be read in conjunction with the "
        "section.\n"
    )
    assert header.registrant == "THE DREYFUS FAMILY OF FUNDS"
    assert header.supplement_date == pendulum.date(2003, 12, 23)
    assert header.documents == (DocumentRef(SAI),)


def test_intro_gives_date_and_editions_when_the_title_does_not() -> None:
    header = header_of(
        "MET INVESTORS SERIES TRUST\n\n        MET/PUTNAM CAPITAL OPPORTUNITIES PORTFOLIO\n\n"
        "     This  Supplement is made as of December 1, 2005 to the  Prospectuses  dated\n"
        "May 1, 2005 and the  Statement of  Additional  Information  dated May 1, 2005 as\n"
        'supplemented November 1, 2005 of Met Investors Series Trust (the "Trust").\n\n'
        "     The following replaces in its entirety the information under the heading.\n"
    )
    assert header.registrant == "MET INVESTORS SERIES TRUST"
    assert header.portfolios == ("MET/PUTNAM CAPITAL OPPORTUNITIES PORTFOLIO",)
    assert header.supplement_date == pendulum.date(2005, 12, 1)
    assert header.documents == (
        DocumentRef(PROSPECTUS, pendulum.date(2005, 5, 1)),
        DocumentRef(SAI, pendulum.date(2005, 5, 1), (pendulum.date(2005, 11, 1),)),
    )


@pytest.mark.parametrize(
    ("names", "registrant", "portfolios"),
    [
        (
            ["MET INVESTORS SERIES TRUST", "Third Avenue Small Cap Value Portfolio"],
            "MET INVESTORS SERIES TRUST",
            ["Third Avenue Small Cap Value Portfolio"],
        ),
        (
            ["Janus Investment Fund", "Janus Mid Cap Value Fund"],
            "Janus Investment Fund",
            ["Janus Mid Cap Value Fund"],
        ),
        (["AIM LARGE CAP OPPORTUNITIES FUND"], None, ["AIM LARGE CAP OPPORTUNITIES FUND"]),
        (
            [
                "Cyclical Growth and Income ETF Portfolio",
                "Cyclical Growth ETF Portfolio",
                '(collectively, the "Portfolios")',
            ],
            None,
            ["Cyclical Growth and Income ETF Portfolio", "Cyclical Growth ETF Portfolio"],
        ),
        (["PIMCO Funds"], "PIMCO Funds", []),
        (
            ["AIM GLOBAL FINANCIAL SERVICES FUND", "CLASS A, B AND C SHARES"],
            None,
            ["AIM GLOBAL FINANCIAL SERVICES FUND"],
        ),
    ],
)
def test_names(names: list[str], registrant: str | None, portfolios: list[str]) -> None:
    title = "\n".join(f"          {name}" for name in names)
    header = header_of(
        f"{title}\n\n   Supplement dated May 1, 2009 to Prospectus dated May 1, 2008\n\nBody "
        f"text.\n"
    )
    assert header.registrant == registrant
    assert list(header.portfolios) == portfolios


def test_portfolio_after_the_phrase() -> None:
    header = header_of(
        "MET INVESTORS SERIES TRUST\n\nSupplement Dated February 17, 2009\nto\n"
        "Prospectus Dated April 28, 2008\n\n      MET/AIM CAPITAL APPRECIATION PORTFOLIO\n\n"
        "     On January 27, 2009, the Board of Trustees of the Met Investors Series\n"
        'Trust (the "Trust") approved a proposal to reorganize the Portfolio into another.\n'
    )
    assert header.registrant == "MET INVESTORS SERIES TRUST"
    assert header.portfolios == ("MET/AIM CAPITAL APPRECIATION PORTFOLIO",)
    assert header.documents == (DocumentRef(PROSPECTUS, pendulum.date(2008, 4, 28)),)


def test_title_ends_where_running_text_starts_in_the_same_run() -> None:
    units = plain_text_units(
        "Supplement dated April 1, 2024\nto the Summary Prospectus, Prospectus and Statement of "
        "Additional Information\ndated May 1, 2023, each as supplemented\n"
        "This supplement updates certain information contained in the summary prospectus, "
        "prospectus and SAI and should be retained for future reference.\n"
        "The Board of Trustees approved a Plan of Liquidation.\n"
    )
    header, body = read_header(units)
    assert [line.stripped[:20] for line in header.lines] == [
        "Supplement dated Apr",
        "to the Summary Prosp",
        "dated May 1, 2023, e",
    ]
    assert header.supplement_date == pendulum.date(2024, 4, 1)
    assert [unit.number for unit in body if getattr(unit, "text", "")] == [4, 5]


def test_no_title() -> None:
    header, body = read_header(
        plain_text_units('Effective immediately, the section "X" is replaced with the following:\n')
    )
    assert header == Header()
    assert [unit.number for unit in body if getattr(unit, "text", "")] == [1]


def test_banner_before_the_title_stays_body() -> None:
    units = plain_text_units(
        "INVESCO VALUE TRUST\n497, 1999-06-09\nPrevious: VWR SCIENTIFIC PRODUCTS CORP, SC 13D/A, "
        "1999-06-09\n\n"
        "          INVESCO VALUE TRUST\n     INVESCO Intermediate Government Bond Fund\n\n"
        "        Supplement to Prospectus Dated January 1, 1999\n\n"
        'Effective May 13, 1999, the section entitled "Annual Fund Expenses" is amended.\n'
    )
    header, body = read_header(units)
    assert header.registrant == "INVESCO VALUE TRUST"
    assert header.portfolios == ("INVESCO Intermediate Government Bond Fund",)
    assert any(getattr(unit, "text", "").startswith("Previous:") for unit in body)


@pytest.mark.parametrize(
    ("text", "anchored"),
    [
        ("SUPPLEMENT DATED MAY 31, 2007 TO", True),
        ("Supplement to the Current Prospectus", True),
        ("SUPPLEMENT", True),
        ("Statement of Additional Information Supplement", True),
        ("Prospectus Supplement \u2014 Feb. 27, 2012", True),
        ("This Supplement is made as of May 31, 2007", False),
        ("Supplemental information", False),
        ("AMENDED AND RESTATED SUPPLEMENT DATED MARCH 3, 2010", True),
        # Running text broken after "the date of this": no title starts in lower case.
        ("supplement, Fasciano Fund will no longer accept new investors", False),
        ("The supplement dated June 18, 1999 is replaced", False),
    ],
)
def test_anchor(text: str, anchored: bool) -> None:
    assert has_anchor(text) is anchored


@pytest.mark.parametrize(
    ("text", "intro"),
    [
        (
            "This Supplement is made as of May 31, 2007 to the Prospectuses dated April 30, 2007.",
            True,
        ),
        (
            "Capitalized terms used in this Supplement have the meanings given in the Prospectus.",
            True,
        ),
        (
            "The following changes are made to the prospectus of BlackRock Large Cap Core "
            "Portfolio.",
            True,
        ),
        ("Effective April 1, 2012, the Fund's prospectus is amended as described below.", True),
        ("The Statement of Additional Information is hereby supplemented as follows:", True),
        ('The section "Investment Objective" is amended as follows:', False),
        ("This Supplement is made as of May 31, 2007. " + "More text. " * 100, False),
        ("The Portfolio seeks to achieve its objective by investing in equities.", False),
    ],
)
def test_intro(text: str, intro: bool) -> None:
    assert is_intro(text) is intro


def test_title_blocks_split_after_the_last_page_break() -> None:
    units = plain_text_units(
        "A TRUST\n\nSUPPLEMENT DATED MAY 1, 2007\n\n"
        "The body text of the supplement runs on for a while, long enough to be a\n"
        "paragraph of running text rather than a line of a title block.\n\n"
        "MEPS\n\n<PAGE>\n\nA TRUST\n\nSUPPLEMENT DATED MAY 1, 2007 TO SAI\n\nMore body text.\n"
    )
    first, second = (block for block in title_blocks(units) if block.anchored)
    assert first.start == 0
    assert second.split > second.start
    assert units[second.split] == Line(12, "A TRUST")


@pytest.mark.parametrize(
    ("names", "portfolios"),
    [
        # A former name in parentheses makes a line longer than a title's usual width.
        (
            [
                "ACME FUNDS",
                "Acme International Equity Fund II (formerly, Acme Global Value Equity Fund)",
            ],
            ["Acme International Equity Fund II (formerly, Acme Global Value Equity Fund)"],
        ),
        # A long line of share classes before the fund they are "of".
        (
            [
                "BETA TRUST",
                "Class A, Class C, Institutional, Service, Class IR and Class R6 Shares of the",
                "Beta Mid Cap Value Fund",
            ],
            ["Beta Mid Cap Value Fund"],
        ),
        # Names in a list with bullets (one printed as "n"), then their editions.
        (
            [
                "Gamma Income Fund \u25a0 Gamma Growth Fund \u25a0 Gamma Value Fund \u25a0 "
                "Gamma Small Cap Fund",
                "Delta Bond Fund n Delta Money Market Fund n Delta Tax-Free Fund n Delta Fund",
            ],
            [],
        ),
    ],
)
def test_long_name_lines_stay_in_the_title(names: list[str], portfolios: list[str]) -> None:
    title = "\n".join(names)
    header = header_of(
        f"{title}\nSupplement dated May 1, 2009 to the Prospectus dated March 1, 2009\n\n"
        "The body of the supplement starts here and runs on.\n"
    )
    assert header.supplement_date == pendulum.date(2009, 5, 1)
    assert header.documents == (DocumentRef(PROSPECTUS, pendulum.date(2009, 3, 1)),)
    assert [line.stripped for line in header.lines][: len(names)] == names
    assert all(name in header.portfolios for name in portfolios)


@pytest.mark.parametrize(
    "title",
    [
        # Each line its own paragraph (HTML), the phrase going on after "to the".
        "Supplement dated September 3, 2025, to the\n\n"
        "Summary Prospectuses, Prospectuses and Statement of Additional Information "
        "(\u201cSAI\u201d),\n\neach dated March 30, 2025, as supplemented to date",
        # "to the currently effective" then the documents, a parenthesis closed on the next line.
        "Supplement dated September 3, 2025 to the currently effective\n\n"
        "Prospectuses, Summary Prospectuses and Statements of Additional Information (the\n\n"
        "\u201cDisclosure Documents\u201d) of each Fund, each dated March 30, 2025",
    ],
)
def test_a_phrase_goes_on_across_paragraphs(title: str) -> None:
    header = header_of(f"OMEGA TRUST\n\n{title}\n\nEffective immediately, the Fund closed.\n")
    assert header.supplement_date == pendulum.date(2025, 9, 3)
    assert {ref.kind for ref in header.documents} == {PROSPECTUS, SUMMARY, SAI}
    assert all(ref.date == pendulum.date(2025, 3, 30) for ref in header.documents)


def test_a_sentence_after_the_title_does_not_continue_it() -> None:
    header = header_of(
        "OMEGA TRUST\n\nSupplement dated May 1, 2009 to the Prospectus dated March 1, 2009\n\n"
        "As of May 1, 2009, the Fund's name is Omega Growth Fund, and its shares trade "
        "under the symbol OMGX.\n"
    )
    assert [line.stripped for line in header.lines] == [
        "OMEGA TRUST",
        "Supplement dated May 1, 2009 to the Prospectus dated March 1, 2009",
    ]


def test_long_edition_lines_continue_the_phrase() -> None:
    header = header_of(
        "PIMCO Funds\nSupplement Dated December 15, 2008 to the\n"
        "Real Return Strategy, Equity-Related & Asset Allocation Funds Class A, Class B and "
        "Class C Prospectus,\ndated July 31, 2008\n"
        "PIMCO Global Multi-Asset Fund Class A and Class C Prospectus, dated August 27, 2008\n\n"
        "The Trust selected a new transfer agent for its shares this year.\n"
    )
    assert header.documents == (
        DocumentRef(PROSPECTUS, pendulum.date(2008, 7, 31)),
        DocumentRef(PROSPECTUS, pendulum.date(2008, 8, 27)),
    )


def test_a_listing_of_editions_goes_past_forty_lines() -> None:
    listing = "".join(
        f"FUND NUMBER {index} FUND\nProspectus dated January {index}, 1997\n"
        for index in range(1, 26)
    )
    header = header_of(
        f"Prospectus Supplement dated July 21, 1997 to Class A share\nProspectus:\n{listing}"
        "Effective April 15, 1997, the prospectus is modified as follows:\n"
    )
    assert len(header.documents) == 25
    assert header.documents[-1] == DocumentRef(PROSPECTUS, pendulum.date(1997, 1, 25))


def test_a_banner_and_a_list_of_funds_before_the_title() -> None:
    funds = ", ".join(f"Zeta VP Sector {index}" for index in range(1, 20))
    header = header_of(
        "Filed pursuant to Rule 497\nFile Nos. 333-28339 and 811-08239\nZETA FUNDS\n"
        f'{funds} and Zeta VP Utilities (each a "Fund" and together, the "Funds")\n'
        "Supplement dated October 1, 2011 to the Funds' Prospectus and Summary Prospectuses "
        '(together, the "Prospectuses") dated May 1, 2011, as supplemented\n'
        "Effective on October 1, 2011, the Prospectuses are revised as follows:\n"
    )
    assert header.supplement_date == pendulum.date(2011, 10, 1)
    assert header.documents == (
        DocumentRef(PROSPECTUS, pendulum.date(2011, 5, 1)),
        DocumentRef(SUMMARY, pendulum.date(2011, 5, 1)),
    )


def test_a_cover_in_two_columns() -> None:
    header = header_of(
        "ACME FUNDS\nSUPPLEMENT DATED OCTOBER 1, 2014 TO\n"
        "Acme Trust I\nAcme Trust II\nProspectus and Statement of Additional Information dated\n"
        "Prospectus and Summary Prospectus dated\n"
        "June 30, 2014, as supplemented\nJanuary 31, 2014, as supplemented\n\n"
        "The body of the supplement starts here and runs on.\n"
    )
    assert header.supplement_date == pendulum.date(2014, 10, 1)
    assert set(header.documents) == {
        DocumentRef(PROSPECTUS, pendulum.date(2014, 6, 30)),
        DocumentRef(SAI, pendulum.date(2014, 6, 30)),
        DocumentRef(PROSPECTUS, pendulum.date(2014, 1, 31)),
        DocumentRef(SUMMARY, pendulum.date(2014, 1, 31)),
    }


def test_a_fund_dated_column() -> None:
    header = header_of(
        "                 October 17, 1997\n\n"
        "     SUPPLEMENT TO THE STATEMENT OF ADDITIONAL INFORMATION FOR\n\n"
        "FUND                                DATED\n"
        "ALPHA FUND                          April 30, 1997\n"
        "BETA FUND                           January 28, 1997\n\n"
        "The following supplements the corresponding section of the Statement.\n"
    )
    assert header.supplement_date == pendulum.date(1997, 10, 17)
    assert header.documents == (
        DocumentRef(SAI, pendulum.date(1997, 4, 30)),
        DocumentRef(SAI, pendulum.date(1997, 1, 28)),
    )


def test_a_table_of_editions_after_the_phrase() -> None:
    units = [
        *plain_text_units("April 3, 1995\n\nSUPPLEMENT\nto the prospectuses for:\n"),
        CellTable(
            5,
            (
                ("Alpha Fund", "April 29, 1994 (revised October 28, 1994)"),
                ("Beta Fund", "July 1, 1994"),
            ),
            6,
        ),
        Line(7, "How to Buy Fund Shares"),
    ]
    header, _ = read_header(units)
    assert header.supplement_date == pendulum.date(1995, 4, 3)
    assert header.documents == (
        DocumentRef(PROSPECTUS, pendulum.date(1994, 4, 29)),
        DocumentRef(PROSPECTUS, pendulum.date(1994, 7, 1)),
    )


def test_editions_in_a_schedule() -> None:
    header = header_of(
        "ACME TRUST\nSUPPLEMENT DATED MARCH 11, 2013 TO THE\n"
        "STATUTORY PROSPECTUSES OF THE FUNDS LISTED IN SCHEDULE A\n\n"
        "The following text replaces any inconsistent information in the Prospectus.\n\n"
        "SCHEDULE A\nFund          Date of Prospectus\nAcme Fund     May 1, 2012\n"
        "Acme II Fund  October 31, 2012\n"
    )
    assert header.documents == (
        DocumentRef(PROSPECTUS, pendulum.date(2012, 5, 1)),
        DocumentRef(PROSPECTUS, pendulum.date(2012, 10, 31)),
    )


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (
            "On February 23, 2010, the SEC adopted amendments to Rule 2a-7. The following "
            "changes to the Prospectus are necessary to comply with those amendments.",
            [PROSPECTUS],
        ),
        (
            "Acme will begin a new policy. The following changes are made to the Statement of "
            "Additional Information.",
            [SAI],
        ),
        ("The Board approved a new adviser for the Fund.", []),
    ],
)
def test_changes_to_a_document_name_it(text: str, kinds: list[DocumentKind]) -> None:
    assert inline_phrase(text) == (None, tuple(DocumentRef(kind) for kind in kinds))


@pytest.mark.parametrize(
    ("text", "date", "documents"),
    [
        (
            "497 1 f.txt ACME FUNDS 497 FILING ACME FUNDS PROSPECTUS SUPPLEMENT IMPORTANT "
            "INFORMATION ABOUT FREQUENT TRADING After the close of business on September 30, "
            "2005, Acme will begin a new policy.",
            None,
            [DocumentRef(PROSPECTUS)],
        ),
        (
            "1 Acme Energy Fund Acme Health Care Fund Supplement dated May 1, 2009 to the "
            "Prospectuses and Summary Prospectuses dated March 1, 2009 Effective immediately, "
            "each Fund has eliminated its redemption fee. See the Statement of Additional "
            "Information.",
            (2009, 5, 1),
            [
                DocumentRef(PROSPECTUS, pendulum.date(2009, 3, 1)),
                DocumentRef(SUMMARY, pendulum.date(2009, 3, 1)),
            ],
        ),
    ],
)
def test_a_phrase_inside_running_text(
    text: str, date: tuple[int, int, int] | None, documents: list[DocumentRef]
) -> None:
    assert inline_phrase(text) == (pendulum.date(*date) if date else None, tuple(documents))


@pytest.mark.parametrize(
    "table",
    [
        # EDGAR text: the title set in a <TABLE>'s <CAPTION>.
        "<TABLE>\n<CAPTION>\n                ALPHA INVESTMENT TRUST\n"
        "       SUPPLEMENT DATED JUNE 1, 2001 TO THE\n          PROSPECTUS DATED MAY 1, 2001\n"
        "</CAPTION>\n<S>                       <C>\n</TABLE>\n",
        # The same title as the cells of an HTML table.
        "<table><tr><td>ALPHA INVESTMENT TRUST</td></tr>"
        "<tr><td>SUPPLEMENT DATED JUNE 1, 2001 TO THE</td></tr>"
        "<tr><td>PROSPECTUS DATED MAY 1, 2001</td></tr></table>\n",
    ],
)
def test_a_title_set_in_a_table(table: str) -> None:
    text = f'{table}\nThe following replaces the section entitled "Management":\n\nNew text.\n'
    if table.startswith("<table>"):
        text = f"<html><body>{table}<p>The following replaces the section entitled "
        text += '"Management":</p><p>New text.</p></body></html>'
    (supplement,) = parse_filing(text)
    assert supplement.supplement_date == pendulum.date(2001, 6, 1)
    assert supplement.documents == (DocumentRef(PROSPECTUS, pendulum.date(2001, 5, 1)),)
    assert supplement.registrant == "ALPHA INVESTMENT TRUST"


def test_a_long_all_funds_except_line() -> None:
    header = header_of(
        "ALPHA FUNDS\n"
        "ALL FUNDS EXCEPT THE ALPHA MONEY MARKET FUND, THE ALPHA TAX-FREE INCOME FUND AND THE\n"
        "ALPHA GOVERNMENT SECURITIES FUND\n"
        "Supplement dated March 3, 2010 to the Prospectuses dated May 1, 2009\n\n"
        'The following replaces the section entitled "Management" in its entirety:\n'
    )
    assert header.supplement_date == pendulum.date(2010, 3, 3)
    assert header.documents == (DocumentRef(PROSPECTUS, pendulum.date(2009, 5, 1)),)
    assert header.registrant == "ALPHA FUNDS"


def test_editions_dated_in_a_table_above_the_title() -> None:
    text = (
        "<html><body><table>"
        "<tr><td></td><td>Prospectus Date</td><td>Statement of Additional Information Date</td>"
        "</tr><tr><td>Acme Growth Fund</td><td>March 1, 2021</td><td>May 24, 2021</td></tr>"
        "<tr><td>Acme Value Fund</td><td>May 1, 2021</td><td>May 1, 2021</td></tr></table>"
        '<p>(each a "Fund" and together the "Funds")</p>'
        "<p>Supplement to the Prospectuses and Statements of Additional Information, each as "
        "dated above:</p><p>The following replaces the section entitled "
        '"Management" in its entirety:</p><p>New text.</p></body></html>'
    )
    (supplement,) = parse_filing(text)
    assert set(supplement.documents) == {
        DocumentRef(PROSPECTUS, pendulum.date(2021, 3, 1)),
        DocumentRef(PROSPECTUS, pendulum.date(2021, 5, 1)),
        DocumentRef(SAI, pendulum.date(2021, 5, 24)),
        DocumentRef(SAI, pendulum.date(2021, 5, 1)),
    }


def test_a_dated_line_after_supplement_dated_dates_an_edition() -> None:
    header = header_of(
        "SOME TRUST\nSUPPLEMENT DATED JUNE 1, 2010 TO THE PROSPECTUS AND SAI\n"
        "AS SUPPLEMENTED MARCH 1, 2010\nDATED MAY 1, 2009\n\n"
        "The body of the supplement starts here and runs on.\n"
    )
    assert header.supplement_date == pendulum.date(2010, 6, 1)
    assert DocumentRef(SAI, pendulum.date(2009, 5, 1)) in header.documents
