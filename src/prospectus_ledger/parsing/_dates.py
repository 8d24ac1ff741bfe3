"""Calendar dates as filings print them: "May 22, 2007", "DECEMBER 21, 2006", "3-25-2009".

``DATE`` is a regular-expression fragment without groups, to be embedded in
larger patterns; :func:`read_date` turns the text it matched into a date.  All
patterns expect text whose white space has been collapsed to single spaces
(:func:`prospectus_ledger._text.clean_text`).
"""

from __future__ import annotations

import re

import attrs
import pendulum

from ._memo import memo
from .grammar.times import DATE, MONTH
from .grammar.vocabulary import MONTHS

__all__ = [
    "DATE_SEARCH",
    "DateReading",
    "dates_in",
    "first_date",
    "has_digit",
    "is_date_only",
    "read_date",
]

_WORDS = re.compile(rf"^({MONTH}) (\d{{1,2}})(?:st|nd|rd|th)?,? ?(\d{{3,4}})$", re.IGNORECASE)
_DIGITS = re.compile(r"^(\d{1,2})[-/\u2013](\d{1,2})[-/\u2013](\d{4}|\d{2})$")
# A date starts with a digit or a month's first letter: a look-ahead for one, made from
# the month names, spares the case-blind alternation of months at every other place (a
# search of long text runs about twice as fast).
_FIRST_CHARACTERS = "".join(sorted({name[0] for name in MONTHS}))
DATE_SEARCH = re.compile(rf"(?=[{_FIRST_CHARACTERS}\d])(?:{DATE})", re.IGNORECASE)
# Every DATE match holds a digit (its day, or all of it): text with none holds no date,
# answered without the case-blind search of the month names.
_DIGIT = re.compile(r"\d")
# The most characters a DATE match spans ("September 30th, 2015").
_DATE_WIDTH = len("september. 30th, 2015")

# Years outside this range are misprints ("June 12, 209"), not dates.
_FIRST_YEAR = 1900
_LAST_YEAR = 2199


@attrs.frozen
class DateReading:
    """What a date phrase says.

    Attributes:
        text: the words as printed.
        date: the calendar date, or ``None`` when the words name no real date.
        problem: why ``date`` is ``None``, or how a misprint was read.
    """

    text: str
    date: pendulum.Date | None
    problem: str | None = None


def _misprinted_year(year: str, near: pendulum.Date | None) -> int | None:
    """The one year within two years of ``near`` that "209" misprints (2009)."""
    if near is None or len(year) != 3:
        return None
    candidates = {int(year[:cut] + "0" + year[cut:]) for cut in range(4)}
    close = [candidate for candidate in candidates if abs(candidate - near.year) <= 2]
    return close[0] if len(close) == 1 else None


@memo
def read_date(text: str, *, near: pendulum.Date | None = None) -> DateReading:
    """Read a date matched by :data:`DATE`; report dates that do not exist.

    A three-digit year is a misprint: with ``near`` (the supplement's date)
    it is read as the one year within two years of it that a dropped "0"
    gives ("June 12, 209" near June 10, 2009 is June 12, 2009), and
    ``problem`` says so.
    """
    words = text.strip()
    match = _WORDS.match(words)
    if match:
        month = MONTHS[match.group(1).rstrip(".").lower()]
        day, year = int(match.group(2)), int(match.group(3))
    else:
        digits = _DIGITS.match(words)
        if digits is None:
            return DateReading(words, None, f"{words!r} is not a date")
        month, day, year = (int(part) for part in digits.groups())
        if len(digits.group(3)) == 2:
            year += 2000 if year < 70 else 1900
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        fixed = _misprinted_year(str(year), near) if match else None
        if fixed is not None:
            try:
                day_read = pendulum.date(fixed, month, day)
            except ValueError:
                day_read = None
            if day_read is not None:
                note = f"{words!r} read as {day_read.to_date_string()} (misprinted year)"
                return DateReading(words, day_read, note)
        return DateReading(words, None, f"{words!r} is not a real date (year {year})")
    try:
        return DateReading(words, pendulum.date(year, month, day))
    except ValueError:
        return DateReading(words, None, f"{words!r} is not a real date")


def has_digit(text: str) -> bool:
    """Whether ``text`` holds a digit, as every date phrase does (a cheap test before a
    search of :data:`DATE_SEARCH`)."""
    return _DIGIT.search(text) is not None


def first_date(text: str) -> DateReading | None:
    """The first date phrase in ``text``, read; ``None`` when there is none."""
    match = DATE_SEARCH.search(text) if _DIGIT.search(text) else None
    return read_date(match.group(0)) if match else None


def dates_in(text: str) -> list[pendulum.Date]:
    """The real dates ``text`` names, in order ("March 1, 2006, April 1, 2006 and May 1,
    2006")."""
    if not _DIGIT.search(text):
        return []
    found = (read_date(match.group(0)).date for match in DATE_SEARCH.finditer(text))
    return [day for day in found if day is not None]


def is_date_only(text: str) -> bool:
    """Whether ``text`` is a date and nothing else ("December 23, 2003")."""
    words = text.strip()
    if len(words) > _DATE_WIDTH:
        return False  # most lines: longer than any date
    return DATE_SEARCH.fullmatch(words) is not None
