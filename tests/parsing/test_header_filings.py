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
