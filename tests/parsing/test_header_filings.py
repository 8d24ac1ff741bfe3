"""Headers of real development filings from fund families the parser was not tuned for.

Each capability is checked on filings of at least two registrants (the
development part of the labelled corpus, ``tests/fixtures/labelled``).
"""

from __future__ import annotations

import pendulum
import pytest

from prospectus_ledger.tree import DocumentKind

from .labelled import supplements

P, S, SP = DocumentKind.PROSPECTUS, DocumentKind.SAI, DocumentKind.SUMMARY_PROSPECTUS


def documents(key: str) -> set[tuple[DocumentKind, pendulum.Date | None]]:
    """The editions every supplement of a development filing names."""
    return {(ref.kind, ref.date) for s in supplements(key) for ref in s.documents}


def day(text: str) -> pendulum.Date:
    return pendulum.parse(text).date()  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        # Lincoln: "to the Summary and Statutory Prospectuses dated August 18, 2023".
        ("000119312523275468", {(SP, "2023-08-18"), (P, "2023-08-18")}),
        # Virtus: "to the Summary and / Statutory Prospectuses dated July 31, 2011".
        ("000119312512224986", {(SP, "2011-07-31"), (P, "2011-07-31")}),
        # Neuberger Berman: "DATED SEPTEMBER 1, 2007, DECEMBER 17, 2007, APRIL / 1, 2008, ...".
        (
            "000089843208000995",
            {
                (P, "2007-09-01"),
                (P, "2007-12-17"),
                (P, "2008-04-01"),
                (P, "2008-04-15"),
                (P, "2008-04-22"),
            },
        ),
        # Transamerica: "Prospectuses dated March 1, 2009 / and July 1, 2009".
        ("000095012309062422", {(P, "2009-03-01"), (P, "2009-07-01")}),
        # American Funds: "prospectuses dated August 1, 2017 - / June 1, 2018".
        ("000005193118000636", {(P, "2017-08-01"), (P, "2018-06-01")}),
        ("000005193122000255", {(P, "2021-05-01"), (P, "2022-03-01")}),
        # Pioneer: "SUPPLEMENT TO THE APRIL 17, 2003 CLASS A, B, C PROSPECTUS, ...".
        ("000101696403000119", {(P, "2003-04-17")}),
        # Pioneer: "Supplement to the May 1, 2006 Class A, B, C Shares, ... Prospectuses".
        ("000093070906000102", {(P, "2006-05-01")}),
        # DFA: "SUPPLEMENT TO THE AUGUST 8, 1994 PROSPECTUS".
        ("eTydq8oS-2eB7tz", {(P, "1994-08-08")}),
    ],
)
def test_editions(key: str, expected: set[tuple[DocumentKind, str]]) -> None:
    assert documents(key) == {(kind, day(date)) for kind, date in expected}


def test_statements_of_information() -> None:
    # JPMorgan: "to the current Summary Prospectuses, Prospectuses and / Statements of
    # Information, as supplemented".
    assert documents("d882709d497k") == {(SP, None), (P, None), (S, None)}


@pytest.mark.parametrize(
    ("key", "date"),
    [
        # First Trust: "... AND STATEMENT OF ADDITIONAL INFORMATION / DATED MAY 1, 2018 /
        # DATED JUNE 15, 2018".
        ("000144554618002742", "2018-06-15"),
        # First Trust: "... / as Previously Supplemented on June 14, 2017 / Dated August 18, 2017".
        ("000144554617003842", "2017-08-18"),
        # Nuveen: "SUPPLEMENT TO PROSPECTUS DATED NOVEMBER 14, 2007 / DATED MARCH 31, 2008".
        ("000119312508071407", "2008-03-31"),
        # Nuveen: "... as supplemented March 31, 2008 / DATED MAY 1, 2008".
        ("000119312508099388", "2008-05-01"),
        # Harbor: "... Information dated / June 22, 2001" dates the editions; the closing
        # "Supplement dated September 13, 2001" dates the supplement (and is no supplement).
        ("000079376901500012", "2001-09-13"),
        ("000079376901500006", "2001-03-21"),
        # Transamerica: "Investors Should Retain this Supplement for Future Reference March
        # 11, 2019" (one paragraph).
        ("000119312519070690", "2019-03-11"),
        ("000119312511270675", "2011-10-13"),
        # Harbor: "January 15, 2015" before the legend and "S0115.SP.UB".
        ("000119312515011857", "2015-01-15"),
        # Harbor: "November 15, 2011" closing the first fund's section.
        ("000119312511313122", "2011-11-15"),
        # Federated Hermes: "July 14, 2025" before the distributor's address.
        ("000162363225000792", "2025-07-14"),
        # DWS: "March 31, 2008 / PS309/402-3600" and "June 9, 2006 st-VBF" before a page
        # break; "July 20, 2006 st-CRPS" at the end.
        ("000008805308000308", "2008-03-31"),
        ("000008805306000636", "2006-06-09"),
        ("000008805306000791", "2006-07-20"),
        # "The date of this Supplement is November 19, 2002." run into the paragraph above.
        ("000117348802000013", "2002-11-19"),
        # Neuberger Berman: "THE DATE OF THIS SUPPLEMENT IS MARCH 27, 2008." after a line
        # break "... as of the date of this / supplement, Fasciano Fund ...".
        ("000089843208000299", "2008-03-27"),
        # John Hancock: "Supplement dated 5-25-12" with en dashes.
        ("000095012312008471", "2012-05-25"),
    ],
)
def test_supplement_date(key: str, date: str) -> None:
    assert supplements(key)[0].supplement_date == day(date)


@pytest.mark.parametrize("key", ["000079376901500012", "000079376901500006"])
def test_a_closing_supplement_dated_line_is_no_supplement(key: str) -> None:
    assert len(supplements(key)) == 1


def test_the_date_completing_dated_is_no_supplement_date() -> None:
    # Vanguard: "Supplement to the Prospectus and Summary Prospectus Dated / December 23, 2014".
    first = supplements("000093247115006633")[0]
    assert first.supplement_date is None
    assert {(ref.kind, ref.date) for ref in first.documents} == {
        (P, day("2014-12-23")),
        (SP, day("2014-12-23")),
    }


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        # Delaware: "Delaware Global Equity Fund II (formerly, Delaware Global Value Equity
        # Fund)" (77 characters) in the title.
        ("000113743924000945", {(SP, None), (P, None), (S, None)}),
        # Macquarie: "(formerly, Delaware Ivy Wilshire Global Allocation Fund)".
        ("000113743925000494", {(SP, None), (P, None), (S, None)}),
        # Goldman Sachs: "Class A, Class C, ... and Class P Shares, of the" and the phrase's
        # second line an HTML paragraph of its own after "Supplement dated ..., to the".
        ("000119312525195087", {(SP, "2025-03-30"), (P, "2025-03-30"), (S, "2025-03-30")}),
        ("000119312515390773", {(P, "2015-07-31")}),
        # Macquarie: "..., Statutory Prospectus, and" / [blank] / "Statement of Additional
        # Information for each Macquarie Fund (each, a "Fund"),".
        ("000113743925001216", {(SP, None), (P, None), (S, None)}),
        # State Street: "... to the currently effective" / "Prospectuses, Summary Prospectuses
        # and Statements of Additional Information (the" / ""Disclosure Documents") of ...".
        ("000119312525140612", {(P, None), (SP, None), (S, None)}),
        # PIMCO: edition lines of 83 to 103 characters.
        ("000119312508253611", {(P, "2008-07-31"), (P, "2008-08-27")}),
        # Calamos: a 255-character edition line after "... Prospectuses for" and a blank.
        ("000119312513341167", {(P, "2013-03-01"), (S, "2013-03-01")}),
        # Putnam: a listing of funds and "Prospectus dated D" lines past 40 lines.
        (
            "kVFA3IRV6quokOp",
            {
                (P, "1996-09-30"),
                (P, "1996-10-30"),
                (P, "1996-11-30"),
                (P, "1996-12-16"),
                (P, "1996-12-30"),
                (P, "1996-12-31"),
                (P, "1997-01-30"),
                (P, "1997-02-28"),
                (P, "1997-03-30"),
            },
        ),
        # Putnam: "Prospectus Supplement / May 16, 2011" / [blank] / "Putnam Capital Spectrum
        # Fund" / "Prospectus dated August 30, 2010" (then the body, no blank line).
        ("000092881611000660", {(P, "2010-08-30")}),
        # American Century: fund lists with bullets and edition notes after the title.
        (
            "000071731610000016",
            {
                (P, "2009-04-01"),
                (P, "2009-08-01"),
                (P, "2009-10-01"),
                (P, "2009-11-01"),
                (P, "2009-12-01"),
                (P, "2010-01-01"),
            },
        ),
        (
            "000129321023000079",
            {
                (P, "2022-08-01"),
                (P, "2022-12-01"),
                (P, "2023-01-01"),
                (P, "2023-02-01"),
                (P, "2023-03-01"),
                (P, "2023-04-01"),
            },
        ),
        # ProFunds: "Filed pursuant to Rule 497" / "File Nos. ..." / "PROFUNDS" / a list of
        # 23 funds before "Supplement dated October 1, 2011 to the Funds' Prospectus ...".
        ("000119312511261458", {(P, "2011-05-01"), (SP, "2011-05-01")}),
    ],
)
def test_title_blocks_that_hold_together(
    key: str, expected: set[tuple[DocumentKind, str | None]]
) -> None:
    assert documents(key) == {(kind, day(date) if date else None) for kind, date in expected}


@pytest.mark.parametrize(
    ("key", "date"),
    [
        ("000119312525195087", "2025-09-03"),
        ("000119312515390773", "2015-11-30"),
        ("000119312511261458", "2011-10-01"),
        # John Hancock: a two-column list of registrants between "Prospectus Supplement" and
        # "Supplement dated September 20, 2021 ...": one title, one supplement.
        ("000113322821004909", "2021-09-20"),
    ],
)
def test_dates_of_long_titles(key: str, date: str) -> None:
    parsed = supplements(key)
    assert len(parsed) == 1
    assert parsed[0].supplement_date == day(date)


@pytest.mark.parametrize(
    ("key", "second"),
    [
        # Nuveen: "... FOR FUTURE REFERENCE" / "MGN-SYMPHP-1213P" / four fund names /
        # "SUPPLEMENT DATED DECEMBER 6, 2013" / "TO THE STATEMENT OF ADDITIONAL INFORMATION ...".
        ("000119312513464622", {(S, "2013-01-31")}),
        # Dreyfus: "March 6, 2013" / "Dreyfus Funds Offering Class A Shares" / "Supplement to
        # Current Statement of Additional Information".
        ("000088178013000005", {(S, None)}),
        # Vanguard: "PS 23A 072015" / "Vanguard World Fund" / "Supplement to the Statement of
        # Additional Information Dated December 23, 2014".
        ("000093247115006633", {(S, "2014-12-23")}),
        # John Hancock: "... retain it for future reference." / "John Hancock Funds II" /
        # "Supplement dated 5-25-12 to the current Statement of Additional Information".
        ("000095012312008471", {(S, None)}),
    ],
)
def test_a_second_supplement_after_names(
    key: str, second: set[tuple[DocumentKind, str | None]]
) -> None:
    parsed = supplements(key)
    assert len(parsed) == 2
    assert {(ref.kind, ref.date) for ref in parsed[1].documents} == {
        (kind, day(date) if date else None) for kind, date in second
    }


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        # Pioneer: "SUPPLEMENT / to the prospectuses for:" then a <TABLE> of funds and dates,
        # "April 29, 1994 (revised October 28, 1994)": each row's first date.
        ("xR1-kAB23n_e0ZB", {(P, "1994-04-29"), (P, "1994-07-01"), (P, "1994-10-28")}),
        # Pioneer: "FUND ... DATED" over "PIONEER FUND ... April 30, 1997".
        ("Ulhh3HGslEpQCFO", {(S, "1997-04-30"), (S, "1997-01-28")}),
        # Legg Mason: "TO THE PROSPECTUSES AND / STATEMENTS OF ADDITIONAL INFORMATION / OF THE
        # FUNDS LISTED IN / SCHEDULE A", and Schedule A's "Date of Prospectus and SAI" column.
        (
            "000119312509194066",
            {
                (kind, date)
                for kind in (P, S)
                for date in ("2008-11-07", "2008-12-15", "2009-02-28", "2009-04-30")
            },
        ),
        (
            "000119312513100648",
            {(P, "2012-05-01"), (P, "2012-10-31"), (P, "2013-03-01")},
        ),
        # T. Rowe Price: a table "Prospectus Date | SAI Date" above "(collectively the
        # "Funds")" / "Supplement to the Prospectuses and Summary Prospectuses and Statements of
        # Additional Information ("SAI"), each as dated above:".
        (
            "000174177321001575",
            {
                (P, "2021-03-01"),
                (P, "2021-05-01"),
                (SP, "2021-03-01"),
                (SP, "2021-05-01"),
                (S, "2021-05-01"),
                (S, "2021-05-24"),
            },
        ),
        # Vanguard, flattened to one line: "VANGUARD FUNDS PROSPECTUS SUPPLEMENT IMPORTANT ...".
        ("000093247105001165", {(P, None)}),
        # Vanguard, flattened: "... Fund Supplement to the Prospectuses and Summary
        # Prospectuses Effective immediately, ...".
        ("65787424-Supplement", {(P, None), (SP, None)}),
        # Harbor, an excerpt without its title: "The following changes to the Prospectus are
        # necessary to comply with those amendments."
        ("000119312510184577", {(P, None)}),
        # Fidelity, a whole submission on one line: "SUPPLEMENT TO THE FIDELITY SELECT
        # PORTFOLIOS(registered trademark) APRIL 28, 1998 PROSPECTUS The following ...".
        ("0000722574-98-000135", {(P, "1998-04-28")}),
    ],
)
def test_editions_listed_after_the_title_or_in_running_text(
    key: str, expected: set[tuple[DocumentKind, str | None]]
) -> None:
    assert documents(key) == {(kind, day(date) if date else None) for kind, date in expected}


def test_a_cover_in_two_columns_pairs_dates_with_their_lines() -> None:
    # Nuveen: "Prospectuses and Summary Prospectuses dated" twice, then "June 30, 2014, as
    # supplemented" and "January 31, 2014, as supplemented".
    found = documents("000119312514359786")
    for date in ("2014-06-30", "2014-01-31", "2013-10-31", "2014-02-28", "2014-04-30"):
        assert (P, day(date)) in found
        assert (SP, day(date)) in found
    assert (P, day("2014-01-15")) in found
    assert (SP, day("2014-01-15")) not in found
