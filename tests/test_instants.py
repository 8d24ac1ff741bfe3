"""Query times and effective instants in New York."""

from __future__ import annotations

import datetime as dt

import numpy
import pandas
import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from prospectus_ledger import InvalidDateError, ProspectusLedgerError
from prospectus_ledger.instants import (
    _DATE_ONLY,
    NEW_YORK,
    _calendar_date,
    at_close,
    end_of_day,
    parse_date,
    parse_when,
    query_instant,
    start_of_day,
    wall_clock_key,
)


def test_date_means_end_of_day_in_new_york() -> None:
    when = parse_when("2007-05-22")
    assert when == pendulum.datetime(2007, 5, 22, 23, 59, 59, 999999, tz=NEW_YORK)
    assert parse_when(dt.date(2007, 5, 22)) == when
    assert parse_when(pendulum.date(2007, 5, 22)) == when


def test_naive_datetime_is_new_york_time_and_aware_is_converted() -> None:
    assert parse_when("2006-12-21T15:00") == pendulum.datetime(2006, 12, 21, 15, tz=NEW_YORK)
    assert parse_when(dt.datetime(2006, 12, 21, 15)) == pendulum.datetime(
        2006, 12, 21, 15, tz=NEW_YORK
    )
    assert parse_when("2006-12-21T21:00Z") == pendulum.datetime(2006, 12, 21, 16, tz=NEW_YORK)
    assert parse_when("2006-12-21T16:00-05:00").hour == 16
    assert parse_when("2006-12-21T15:00").timezone_name == "America/New_York"


def test_close_is_1600_with_daylight_saving_offsets() -> None:
    assert at_close(pendulum.date(2006, 12, 21)).isoformat() == "2006-12-21T16:00:00-05:00"
    assert at_close(pendulum.date(2007, 5, 22)).isoformat() == "2007-05-22T16:00:00-04:00"
    assert start_of_day(pendulum.date(2007, 3, 11)).isoformat() == "2007-03-11T00:00:00-05:00"
    assert end_of_day(pendulum.date(2007, 3, 11)) < start_of_day(pendulum.date(2007, 3, 12))


@pytest.mark.parametrize(
    "bad", ["2007-02-30", "yesterday", "next week", "", "2007-5-22x", 3.5, object()]
)
def test_bad_times_raise_the_library_error(bad: object) -> None:
    with pytest.raises(InvalidDateError) as caught:
        parse_when(bad)
    assert isinstance(caught.value, ProspectusLedgerError)
    assert caught.value.value is bad
    assert "expected" in str(caught.value)


def test_parse_date_accepts_only_dates() -> None:
    assert parse_date("2007-04-30") == pendulum.date(2007, 4, 30)
    with pytest.raises(InvalidDateError):
        parse_date("2007-04-31")
    with pytest.raises(InvalidDateError):
        parse_date(dt.datetime(2007, 4, 30, 1))


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_end_of_day_is_pendulums_end_of_day_on_every_date(day: dt.date) -> None:
    midnight = pendulum.datetime(day.year, day.month, day.day, tz=NEW_YORK)
    expected = midnight.end_of("day")
    found = end_of_day(day)
    assert found == expected
    assert found.utcoffset() == expected.utcoffset()
    for mine, pendulums in (
        (start_of_day(day), midnight),
        (at_close(day), pendulum.datetime(day.year, day.month, day.day, 16, tz=NEW_YORK)),
    ):
        assert mine == pendulums
        assert mine.utcoffset() == pendulums.utcoffset()
    assert parse_when(day.isoformat()) == expected
    assert parse_when(day.strftime("%Y%m%d")) == expected


def test_the_same_spelling_gives_the_same_instant_object() -> None:
    assert parse_when("2007-05-22") is parse_when("2007-05-22")
    assert parse_when(dt.date(2007, 5, 22)) == parse_when("2007-05-22")
    # A date and a midnight datetime are different questions, cache or not.
    assert parse_when(dt.datetime(2007, 5, 22)) != parse_when(dt.date(2007, 5, 22))


@pytest.mark.parametrize("mixed", ["2007-0522", "200705-22", "2007-02-29"])
def test_mixed_or_impossible_date_forms_are_refused(mixed: str) -> None:
    with pytest.raises(InvalidDateError):
        parse_when(mixed)


@given(
    st.text(alphabet="0123456789-+ W:T\u0662x", min_size=10, max_size=10)
    | st.dates().map(dt.date.isoformat)
)
@example("000000000:")  # pendulum once raised TypeError for it
def test_the_quick_reading_of_plain_dates_agrees_with_the_pattern(spelling: str) -> None:
    """``parse_when`` reads "YYYY-MM-DD" with the C parser; it must answer as the pattern does."""
    match = _DATE_ONLY.match(spelling)
    try:
        expected: object = end_of_day(_calendar_date(match, spelling)) if match else None
    except InvalidDateError:
        expected = InvalidDateError
    try:
        answer: object = parse_when(spelling)
    except InvalidDateError:
        answer = InvalidDateError
    if expected is None:  # not a plain date: read as a datetime, or refused
        assert answer is InvalidDateError or isinstance(answer, dt.datetime)
        assert not (isinstance(answer, dt.datetime) and answer.time() == dt.time.max)
    else:
        assert answer == expected


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)).flatmap(
        lambda day: st.sampled_from(
            [
                day,
                day.isoformat(),
                pendulum.date(day.year, day.month, day.day),
                dt.datetime(day.year, day.month, day.day, 16, 30),
                f"{day.isoformat()}T09:15:00",
                f"{day.isoformat()}T21:00:00Z",
            ]
        )
    )
)
def test_a_query_instant_comes_with_its_wall_clock_key(value: object) -> None:
    """The key read with a day (from the calendar day, not the instant) is the key of the
    instant it means, for every kind of query time."""
    instant, key = query_instant(value)
    assert instant == parse_when(value)
    assert instant.tzinfo is NEW_YORK
    assert key == wall_clock_key(instant)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (pandas.Timestamp("2007-05-22 16:00"), "2007-05-22T16:00:00-04:00"),
        (pandas.Timestamp("2007-05-22 20:00", tz="UTC"), "2007-05-22T16:00:00-04:00"),
        (pandas.Timestamp("2007-05-22"), "2007-05-22T00:00:00-04:00"),  # midnight: an instant
        (numpy.datetime64("2007-05-22"), "2007-05-22T23:59:59.999999-04:00"),  # a day
        (numpy.datetime64("2007-05-22T16:00"), "2007-05-22T16:00:00-04:00"),
        (numpy.datetime64("2007-05-22T16:00:00.000000001"), "2007-05-22T16:00:00-04:00"),
        (pandas.Period("2007-05-22", freq="D"), "2007-05-22T23:59:59.999999-04:00"),
        (pendulum.date(2007, 5, 22), "2007-05-22T23:59:59.999999-04:00"),
    ],
)
def test_numpy_pandas_and_pendulum_times(value: object, expected: str) -> None:
    assert parse_when(value).isoformat() == expected


@pytest.mark.parametrize(
    "value", [pandas.NaT, numpy.datetime64("NaT"), pandas.Period("2007-05", freq="M")]
)
def test_what_is_not_one_time_is_refused(value: object) -> None:
    with pytest.raises(InvalidDateError):
        parse_when(value)


def test_a_day_from_numpy_or_pandas_is_a_date() -> None:
    assert parse_date(numpy.datetime64("2007-05-22")) == pendulum.date(2007, 5, 22)
    assert parse_date(pandas.Period("2007-05-22", freq="D")) == pendulum.date(2007, 5, 22)
