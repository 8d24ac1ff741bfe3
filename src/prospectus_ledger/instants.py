"""Effective instants and query times, always in America/New_York.

Filings state times in New York terms ("at the close of the New York Stock
Exchange on December 21, 2006").  Every instant in the library is an aware
:class:`pendulum.DateTime` in that zone.

* A date given to a query (``as_of("2007-05-22")``) means the **end** of that
  day: every change effective at any time that day is in.
* A datetime given to a query means that instant; a naive one is read as New
  York time.
* An instruction "effective on D" takes effect at 00:00 on D; "at the close of
  business / of the New York Stock Exchange on D" at 16:00 on D.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import functools
import re
from typing import TypeAlias

import pendulum

from .errors import InvalidDateError

__all__ = [
    "MARKET_CLOSE_HOUR",
    "NEW_YORK",
    "WhenLike",
    "at_close",
    "end_of_day",
    "parse_date",
    "parse_when",
    "start_of_day",
]

NEW_YORK = pendulum.timezone("America/New_York")
MARKET_CLOSE_HOUR = 16

WhenLike: TypeAlias = "str | _dt.date | _dt.datetime"
"""What a query accepts as a time: an ISO string, a date or a datetime."""

_EXPECTED = "an ISO date ('2007-05-22') or datetime ('2006-12-21T15:00'), a date or a datetime"
# ISO 8601 calendar dates, extended ("2007-05-22") or basic ("20070522") form.
_DATE_ONLY = re.compile(
    r"^\s*(?P<year>[0-9]{4})(?P<dash>-?)(?P<month>[0-9]{2})(?P=dash)(?P<day>[0-9]{2})\s*$"
)
_HAS_OFFSET = re.compile(r"(?:[+-]\d{2}:?\d{2}|Z)\s*$")
# The form the library writes an instant in (``DateTime.isoformat()``).
_WRITTEN = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{6})?[+-]\d\d:\d\d\Z", re.ASCII)


def start_of_day(day: _dt.date) -> pendulum.DateTime:
    """00:00 of ``day`` in New York."""
    return _start_of_day(day)


# Every supplement's known-at instant is the start of a day, and a trust files
# many on one day: one (immutable) instant per day is shared by all of them.
@functools.lru_cache(maxsize=65536)
def _start_of_day(day: _dt.date) -> pendulum.DateTime:
    return _wall_clock(day, 0, 0, 0, 0)


def end_of_day(day: _dt.date) -> pendulum.DateTime:
    """The last representable instant of ``day`` in New York (23:59:59.999999)."""
    return _wall_clock(day, 23, 59, 59, 999_999)


def at_close(day: _dt.date) -> pendulum.DateTime:
    """16:00 of ``day`` in New York: the close of business and of the NYSE."""
    return _wall_clock(day, MARKET_CLOSE_HOUR, 0, 0, 0)


def _wall_clock(
    day: _dt.date, hour: int, minute: int, second: int, microsecond: int
) -> pendulum.DateTime:
    # New York's clocks change at 02:00, so midnight, the close and the end of
    # the day are never ambiguous or missing: the plain constructor is exact,
    # and several times cheaper than ``pendulum.datetime``'s normalisation
    # (the parser builds one per instruction, a query one per day asked).
    return pendulum.DateTime(
        day.year, day.month, day.day, hour, minute, second, microsecond, tzinfo=NEW_YORK
    )


def read_written_instant(value: str) -> pendulum.DateTime | None:
    """``value`` as a New York instant when it has the form the library writes
    (``YYYY-MM-DDTHH:MM:SS[.ffffff]±HH:MM``) with New York's offset at that wall time;
    ``None`` for anything else, and for the wall times the clocks skip or show twice
    (pendulum's parser reads those).

    A stored ledger's answers each read two instants their process has not met yet,
    and pendulum's parser costs several times the standard library's reading of
    this form.
    """
    if not _WRITTEN.match(value):
        return None
    try:
        read = _dt.datetime.fromisoformat(value)
    except ValueError:  # a day or an hour out of range: the parser says so
        return None
    wall = (read.year, read.month, read.day, read.hour, read.minute, read.second)
    found = pendulum.DateTime(*wall, read.microsecond, tzinfo=NEW_YORK)
    offset = found.utcoffset()
    if offset != read.utcoffset():
        return None
    other = pendulum.DateTime(*wall, read.microsecond, tzinfo=NEW_YORK, fold=1)
    return found if other.utcoffset() == offset else None


def _as_pendulum_date(day: _dt.date) -> pendulum.Date:
    return pendulum.date(day.year, day.month, day.day)


def _calendar_date(match: re.Match[str], value: str) -> _dt.date:
    """The date ``value`` spells (``match`` is :data:`_DATE_ONLY`'s), if it exists."""
    try:
        return _dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError as error:
        raise InvalidDateError(
            value, "an ISO date such as '2007-05-22'", reason=str(error)
        ) from error


def _plain_date(value: str) -> _dt.date | None:
    """The calendar date ``value`` spells, or ``None`` when it is not a date alone.

    Raises:
        InvalidDateError: for a date that does not exist ("2007-02-30").
    """
    if len(value) == 10 and value[4] == "-" and value[7] == "-" and value.isascii():
        # The usual spelling ("2007-05-22"), read by the C parser; what it
        # refuses goes on to the pattern, which says what was wrong.
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            pass
    match = _DATE_ONLY.match(value)
    return _calendar_date(match, value) if match is not None else None


def parse_date(value: object) -> pendulum.Date:
    """Read a calendar date from an ISO string or a date.

    Raises:
        InvalidDateError: for anything else, including dates that do not exist.
    """
    value = _from_numpy_or_pandas(value) or value
    if isinstance(value, _dt.datetime):
        raise InvalidDateError(value, "a date without a time")
    if isinstance(value, _dt.date):
        return _as_pendulum_date(value)
    day = _plain_date(value) if isinstance(value, str) else None
    if day is not None:
        return _as_pendulum_date(day)
    raise InvalidDateError(value, "an ISO date such as '2007-05-22'")


def parse_when(value: object) -> pendulum.DateTime:
    """Turn a query time into an aware instant in New York.

    A date (or a date-only string) means the end of that day; a datetime (or a
    string with a time) means that instant, read as New York time when naive.
    Equal values give the same (immutable) instant object.

    Raises:
        InvalidDateError: for strings that are not ISO dates or datetimes,
            dates that do not exist ("2007-02-30") and other types.
    """
    return query_instant(value)[0]


def query_instant(value: object) -> tuple[pendulum.DateTime, int | None]:
    """:func:`parse_when`'s instant with its :func:`wall_clock_key` (``None`` for an
    instant outside New York): what a lookup searches the version lists with.

    Raises:
        InvalidDateError: as :func:`parse_when` does.
    """
    if isinstance(value, (str, _dt.date)):  # a tuple is quicker than a union
        # A nightly job asks thousands of questions about a few trade dates;
        # reading each spelling once makes the day's parse a dictionary hit.
        return _read_when(value)
    return _instant_and_key(value)


def query_micros(value: object) -> tuple[pendulum.DateTime, int]:
    """:func:`parse_when`'s instant with its :func:`micros`, each spelling of a day
    or an instant read once (as :func:`query_instant` reads it).

    Raises:
        InvalidDateError: as :func:`parse_when` does.
    """
    if isinstance(value, (str, _dt.date)):
        return _read_micros(value)
    return _instant_and_micros(value)


def _instant_and_micros(value: object) -> tuple[pendulum.DateTime, int]:
    instant = parse_when(value)
    return instant, micros(instant)


_read_micros = functools.lru_cache(maxsize=8192, typed=True)(_instant_and_micros)


def wall_clock_key(instant: pendulum.DateTime) -> int:
    """Microseconds of ``instant``'s New York wall clock since 0001-01-01.

    Two datetimes with the same ``tzinfo`` compare by their wall clocks, so for
    instants in :data:`NEW_YORK` these keys order exactly as the datetimes do.
    """
    seconds = instant.toordinal() * 86400 + instant.hour * 3600 + instant.minute * 60
    return (seconds + instant.second) * 1_000_000 + instant.microsecond


def new_york_key(instant: pendulum.DateTime) -> int | None:
    """:func:`wall_clock_key` of an instant in :data:`NEW_YORK`; ``None`` for one in
    another zone, whose wall clock does not order with New York's."""
    return wall_clock_key(instant) if instant.tzinfo is NEW_YORK else None


def _instant_and_key(value: object) -> tuple[pendulum.DateTime, int | None]:
    instant = _parse_when(value)
    return instant, new_york_key(instant)


_read_when = functools.lru_cache(maxsize=8192, typed=True)(_instant_and_key)


def _from_numpy_or_pandas(value: object) -> _dt.date | None:
    """A numpy ``datetime64`` or a pandas ``Period`` of one day as a date or a naive
    datetime (``None`` for anything else), read without importing either library."""
    kind = type(value)
    module = kind.__module__.split(".")[0]
    if module == "numpy" and kind.__name__ == "datetime64":
        item = value.item()  # type: ignore[attr-defined]
        if item is None:
            raise InvalidDateError(value, _EXPECTED, reason="NaT is not a time")
        if isinstance(item, int):  # nanosecond precision: Python's datetime has none
            item = _dt.datetime(1970, 1, 1) + _dt.timedelta(microseconds=item // 1000)
        return item if isinstance(item, _dt.date) else None
    if module == "pandas" and kind.__name__ == "Period":
        if getattr(value, "freqstr", None) != "D":
            raise InvalidDateError(
                value, _EXPECTED, reason="a pandas Period is a time only when it is one day"
            )
        start = value.start_time  # type: ignore[attr-defined]
        return _dt.date(start.year, start.month, start.day)
    return None


def _parse_when(value: object) -> pendulum.DateTime:
    if type(value).__name__ == "NaTType":
        raise InvalidDateError(value, _EXPECTED, reason="NaT is not a time")
    converted = _from_numpy_or_pandas(value)
    if converted is not None:
        value = converted
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None:
            return _in_new_york(value)
        return pendulum.instance(value).in_timezone(NEW_YORK)
    if isinstance(value, _dt.date):
        return end_of_day(value)
    if not isinstance(value, str):
        raise InvalidDateError(value, _EXPECTED, reason=f"a {type(value).__name__} is not a time")
    day = _plain_date(value)
    if day is not None:
        return end_of_day(day)
    written = read_written_instant(value.strip())
    if written is not None:
        return written
    # pendulum raises TypeError for some malformed times ("000000000:"), not ParserError.
    try:
        parsed = pendulum.parse(value.strip(), exact=True, strict=True)
    except (ValueError, TypeError, pendulum.parsing.exceptions.ParserError) as error:
        raise InvalidDateError(value, _EXPECTED, reason=str(error)) from error
    if not isinstance(parsed, _dt.datetime):
        raise InvalidDateError(value, _EXPECTED)
    if _HAS_OFFSET.search(value):
        return pendulum.instance(parsed).in_timezone(NEW_YORK)
    return _in_new_york(parsed)


def _in_new_york(naive: _dt.datetime) -> pendulum.DateTime:
    """Read a naive datetime's wall-clock fields as New York time."""
    return pendulum.datetime(
        naive.year,
        naive.month,
        naive.day,
        naive.hour,
        naive.minute,
        naive.second,
        naive.microsecond,
        tz=NEW_YORK,
    )


_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)


def micros(instant: _dt.datetime) -> int:
    """Microseconds since the Unix epoch, exactly (no float rounding)."""
    # The standard library's subtraction: pendulum's own builds an Interval, at
    # several times the cost, on every question a store answers.
    delta = _dt.datetime.__sub__(instant, _EPOCH)
    if not isinstance(delta, _dt.timedelta):  # a naive instant: its wall clock as UTC
        return calendar.timegm(instant.utctimetuple()) * 1_000_000 + instant.microsecond
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
