"""Closing lines: dates, "retain for future reference", form codes."""

from __future__ import annotations

import pendulum
import pytest

from prospectus_ledger.parsing.trailers import is_form_code, is_trailer, trailer_date


@pytest.mark.parametrize(
    "text",
    [
        "Date:  May 31, 2007",
        "Date: December 21, 2006",
        "PLEASE RETAIN THIS SUPPLEMENT WITH YOUR PROSPECTUS FOR FUTURE REFERENCE",
        "Please retain this supplement for future reference.",
        "Shareholders should retain this Supplement with the Prospectus for future reference.",
        "This supplement should be retained with your Prospectus for future reference.",
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


def test_trailer_date() -> None:
    assert trailer_date("Date:  May 31, 2007") == pendulum.date(2007, 5, 31)
    assert trailer_date("Please retain this supplement for future reference.") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("MEPS", True),
        ("SUP-0407", True),
        ("72808  6/01", True),
        ("FIST2 P-3", True),
        ("June 2, 2003                                  MEPS", True),
        ("December 23, 2003", True),
        ("MANAGEMENT OF THE FUNDS", False),
        ("The Fund", False),
        ("", False),
    ],
)
def test_form_codes(text: str, code: bool) -> None:
    assert is_form_code(text) is code
