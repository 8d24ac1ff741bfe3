"""Closing lines: dates, "retain for future reference", form codes."""

from __future__ import annotations

import pendulum
import pytest

from prospectus_ledger.parsing.trailers import (
    closing_date,
    is_form_code,
    is_trailer,
    trailer_date,
)


@pytest.mark.parametrize(
    "text",
    [
        "Date:  May 31, 2007",
        "Date: December 21, 2006",
        "PLEASE RETAIN THIS SUPPLEMENT WITH YOUR PROSPECTUS FOR FUTURE REFERENCE",
        "Please retain this supplement for future reference.",
        "Shareholders should retain this Supplement with the Prospectus for future reference.",
        "This supplement should be retained with your Prospectus for future reference.",
        "Supplement dated September 13, 2001",
        "Investors Should Retain this Supplement for Future Reference March 11, 2019",
    ],
)
def test_trailers(text: str) -> None:
    assert is_trailer(text)


@pytest.mark.parametrize(
    "text",
    [
        "DATED MAY 1, 2006",
        "The Portfolio may retain securities for future investment.",
        "Date of the change is not yet known.",
        "retain " + "x " * 300 + "for future reference",
    ],
)
def test_not_trailers(text: str) -> None:
    assert not is_trailer(text)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Date:  May 31, 2007", (2007, 5, 31)),
        ("Supplement dated September 13, 2001", (2001, 9, 13)),
        ("Supplement dated March 21, 2001.", (2001, 3, 21)),
        # The legend's own date, after it or before it.
        (
            "Investors Should Retain this Supplement for Future Reference October 13, 2011",
            (2011, 10, 13),
        ),
        (
            "January 15, 2015 Investors Should Retain This Supplement For Future Reference",
            (2015, 1, 15),
        ),
        ("July 20, 2006  st-CRPS", (2006, 7, 20)),
        ("MC-12-03 October 15, 2012", (2012, 10, 15)),
        ("F194-041 11/15/12", (2012, 11, 15)),
        ("Please retain this supplement for future reference.", None),
    ],
)
def test_trailer_date(text: str, date: tuple[int, int, int] | None) -> None:
    assert trailer_date(text) == (pendulum.date(*date) if date else None)


@pytest.mark.parametrize(
    ("texts", "date"),
    [
        # A sentence inside a paragraph whose line breaks were lost.
        (
            [
                "The following paragraph is added to the end of the section.",
                "C = (ERV/P) - 1 The date of this Supplement is November 19, 2002.",
                "Please include this supplement with your Statement of Additional Information.",
            ],
            (2002, 11, 19),
        ),
        # The first closing date left among the instructions' text, after a sentence.
        (
            [
                "The following supplements the information:",
                "Mr. Jacobs has co-managed the Fund since 2011.",
                "November 15, 2011",
                "Harbor Small Company Value Fund",
                "The Fund is now closed to new investors.",
                "October 31, 2011",
            ],
            (2011, 11, 15),
        ),
        (["Under a separate agreement the Advisor is paid.", "June 9, 2006  st-VBF"], (2006, 6, 9)),
        (
            ["[Logo] DWS SCUDDER", "July 20, 2006", "st-CRPS", "<PAGE> The section ..."],
            (2006, 7, 20),
        ),
        # Dates listed after funds' names are editions, not the supplement's date.
        (
            [
                "SCHEDULE A",
                "Alpha Emerging Markets Trust",
                "May 1, 2012",
                "Beta Fund",
                "May 1, 2012",
            ],
            None,
        ),
        (["Since December 2008", "Chief Investment Officer"], None),
    ],
)
def test_closing_date(texts: list[str], date: tuple[int, int, int] | None) -> None:
    assert closing_date(texts) == (pendulum.date(*date) if date else None)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("MEPS", True),
        ("SUP-0407", True),
        ("72808  6/01", True),
        ("FIST2 P-3", True),
        ("June 2, 2003                                  MEPS", True),
        ("December 23, 2003", True),
        ("July 20, 2006 st-CRPS", True),
        ("PS309/402-3600", True),
        ("MANAGEMENT OF THE FUNDS", False),
        ("The Fund", False),
        ("", False),
    ],
)
def test_form_codes(text: str, code: bool) -> None:
    assert is_form_code(text) is code
