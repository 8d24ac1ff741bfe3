"""Effective-time phrases: start of day, market close, immediately, approximate, DST."""

from __future__ import annotations

import pendulum
import pytest

from prospectus_ledger.parsing.effective import defined_times, find_effective

SUPPLEMENT_DAY = pendulum.date(2007, 5, 31)


@pytest.mark.parametrize(
    ("text", "instant", "words"),
    [
        (
            "Effective on May 22, 2007, the following replaces in its entirety ...",
            "2007-05-22T00:00:00-04:00",
            "Effective on May 22, 2007",
        ),
        (
            "Effective as of May 22, 2007, the section ...",
            "2007-05-22T00:00:00-04:00",
            "Effective as of May 22, 2007",
        ),
        (
            "Effective May 23, 2008, Mr. Freeman is ...",
            "2008-05-23T00:00:00-04:00",
            "Effective May 23, 2008",
        ),
        (
            "Effective January 2, 2007, the Fund ...",
            "2007-01-02T00:00:00-05:00",
            "Effective January 2, 2007",
        ),
        (
            "Effective at the close of the New York Stock Exchange on December 21, 2006, the ...",
            "2006-12-21T16:00:00-05:00",
            "Effective at the close of the New York Stock Exchange on December 21, 2006",
        ),
        (
            "Effective at the close of business on July 1, 2008, the ...",
            "2008-07-01T16:00:00-04:00",
            "Effective at the close of business on July 1, 2008",
        ),
        (
            "Effective as of the close of business on August 7, 2008 (the ...",
            "2008-08-07T16:00:00-04:00",
            "Effective as of the close of business on August 7, 2008",
        ),
        (
            "converted effective the close of business on February 11, 2000.",
            "2000-02-11T16:00:00-05:00",
            "effective the close of business on February 11, 2000",
        ),
        (
            "Effective   on\nMay 22,\n2007, the following",
            "2007-05-22T00:00:00-04:00",
            "Effective on May 22, 2007",
        ),
        (
            "EFFECTIVE JUNE 19, 2007, THE ...",
            "2007-06-19T00:00:00-04:00",
            "EFFECTIVE JUNE 19, 2007",
        ),
        (
            "Effective Sept. 3, 2012, the ...",
            "2012-09-03T00:00:00-04:00",
            "Effective Sept. 3, 2012",
        ),
        ("Effective 3-25-2009, the ...", "2009-03-25T00:00:00-04:00", "Effective 3-25-2009"),
    ],
)
def test_stated_times(text: str, instant: str, words: str) -> None:
    found = find_effective(text, default=SUPPLEMENT_DAY)
    assert found.instant is not None
    assert found.instant.isoformat() == instant
    assert found.words == words
    assert found.approximate is False
    assert found.problem is None


def test_instants_are_in_new_york() -> None:
    found = find_effective("Effective on May 22, 2007, x", default=None)
    assert found.instant is not None
    assert found.instant.timezone_name == "America/New_York"


def test_close_across_daylight_saving() -> None:
    summer = find_effective("Effective at the close of business on November 3, 2007, x")
    winter = find_effective("Effective at the close of business on November 5, 2007, x")
    assert summer.instant is not None
    assert winter.instant is not None
    assert summer.instant.isoformat() == "2007-11-03T16:00:00-04:00"
    assert winter.instant.isoformat() == "2007-11-05T16:00:00-05:00"


def test_immediately_is_the_supplement_date() -> None:
    found = find_effective("Effective immediately, the section ...", default=SUPPLEMENT_DAY)
    assert found.instant is not None
    assert found.instant.isoformat() == "2007-05-31T00:00:00-04:00"
    assert found.words == "Effective immediately"


def test_no_stated_time_is_the_supplement_date_without_words() -> None:
    found = find_effective("The following replaces ...", default=SUPPLEMENT_DAY)
    assert found.instant is not None
    assert found.instant.isoformat() == "2007-05-31T00:00:00-04:00"
    assert found.words == ""


def test_no_time_and_no_supplement_date() -> None:
    assert find_effective("The following replaces ...").instant is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Effective on or about October 1, 2023, the following ...",
            "Effective on or about October 1, 2023",
        ),
        ("On or about October 1, 2023, the Fund ...", "On or about October 1, 2023"),
    ],
)
def test_on_or_about_is_approximate(text: str, words: str) -> None:
    found = find_effective(text, default=SUPPLEMENT_DAY)
    assert found.instant is not None
    assert found.instant.isoformat() == "2023-10-01T00:00:00-04:00"
    assert found.approximate is True
    assert found.words == words


@pytest.mark.parametrize("date", ["June 12, 199", "February 30, 2007"])
def test_impossible_date_falls_back_and_says_so(date: str) -> None:
    found = find_effective(f"Effective {date}, the information ...", default=SUPPLEMENT_DAY)
    assert found.instant is not None
    assert found.instant.isoformat() == "2007-05-31T00:00:00-04:00"
    assert found.words == f"Effective {date}"
    assert found.problem is not None
    assert date in found.problem


def test_defined_term() -> None:
    defined = defined_times(
        'Effective as of the close of business on August 7, 2008 (the "Transition Date"), '
        "Gallatin ceased to be the adviser."
    )
    assert set(defined) == {"transition date"}
    found = find_effective(
        'Effective as of the Transition Date, the section "Introduction" is replaced ...',
        default=SUPPLEMENT_DAY,
        defined=defined,
    )
    assert found.instant is not None
    assert found.instant.isoformat() == "2008-08-07T16:00:00-04:00"
    assert found.words == "Effective as of the Transition Date"


def test_unknown_defined_term_is_no_time() -> None:
    found = find_effective("Effective as of the Closing Date, the ...", default=SUPPLEMENT_DAY)
    assert found.words == ""


def test_curly_quoted_definition() -> None:
    defined = defined_times(
        "Effective as of September 2, 2008 (the \u201cTransition Date\u201d), SSgA became ..."
    )
    assert defined["transition date"].instant == pendulum.datetime(
        2008, 9, 2, tz="America/New_York"
    )


def test_misprinted_year_near_the_supplement_date() -> None:
    found = find_effective(
        "Effective June 12, 209, the information ...", default=pendulum.date(2009, 6, 10)
    )
    assert found.instant is not None
    assert found.instant.isoformat() == "2009-06-12T00:00:00-04:00"
    assert found.words == "Effective June 12, 209"
    assert found.problem == "'June 12, 209' read as 2009-06-12 (misprinted year)"
