"""Date phrases as filings print them (private module ``_dates``)."""

from __future__ import annotations

import pendulum
import pytest

from prospectus_ledger.parsing._dates import first_date, is_date_only, read_date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("May 22, 2007", (2007, 5, 22)),
        ("DECEMBER 21, 2006", (2006, 12, 21)),
        ("Sept. 3, 2012", (2012, 9, 3)),
        ("Feb. 27, 2012", (2012, 2, 27)),
        ("June 1st, 2001", (2001, 6, 1)),
        ("May 1 2006", (2006, 5, 1)),
        ("3-25-2009", (2009, 3, 25)),
        ("11/23/11", (2011, 11, 23)),
    ],
)
def test_read_date(text: str, date: tuple[int, int, int]) -> None:
    assert read_date(text).date == pendulum.date(*date)


@pytest.mark.parametrize("text", ["February 30, 2007", "June 12, 209", "13-01-2007", "tomorrow"])
def test_dates_that_do_not_exist(text: str) -> None:
    reading = read_date(text)
    assert reading.date is None
    assert reading.problem is not None


def test_first_date_and_date_only() -> None:
    found = first_date("Effective on May 22, 2007, and June 1, 2007")
    assert found is not None
    assert found.date == pendulum.date(2007, 5, 22)
    assert first_date("no date here") is None
    assert is_date_only(" December 23, 2003 ")
    assert not is_date_only("Date: December 23, 2003")


def test_misprinted_year() -> None:
    near = pendulum.date(2009, 6, 10)
    assert read_date("June 12, 209", near=near).date == pendulum.date(2009, 6, 12)
    assert read_date("June 12, 209").date is None
    assert read_date("June 12, 199", near=near).date is None
