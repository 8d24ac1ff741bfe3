"""Editions listed outside the supplement phrase: tables and schedules of funds and dates.

A phrase may name the kinds of document and leave their dates to a list:

* "SUPPLEMENT / to the prospectuses for:" and a table of funds and dates after
  it (each row's first date: "April 29, 1994 (revised October 28, 1994)");
* "TO THE PROSPECTUSES ... OF THE FUNDS LISTED IN SCHEDULE A" and, later in the
  supplement, "SCHEDULE A" with a column of dates;
* "Supplement to the Prospectuses and Summary Prospectuses and Statements of
  Additional Information, each as dated above:" under a table whose columns are
  headed "Prospectus Date", "SAI Date".
"""

from __future__ import annotations

from collections.abc import Sequence

import pendulum

from ..supplement import DocumentRef
from ..tree import DocumentKind
from ._dates import dates_in, first_date, is_date_only, read_date
from ._documents import kinds_mentioned
from ._tidy import tidy
from .grammar import Words
from .grammar import supplements as grammar
from .lines import CellTable, Line, LineKind, TextTable, Unit

__all__ = ["editions_listed", "listed_editions"]

# The column separator of a table flattened to text ("Fund | March 1, 2021 | May 24, 2021 |").
_CELL = "|"


def listed_editions(
    documents: tuple[DocumentRef, ...],
    kinds: Sequence[DocumentKind],
    dates: Sequence[pendulum.Date],
) -> tuple[DocumentRef, ...]:
    """``documents`` with undated editions of ``kinds`` replaced by one per listed date."""
    if not dates or not kinds:
        return documents
    listed = [DocumentRef(kind, day) for kind in kinds for day in dict.fromkeys(dates)]
    kept = [ref for ref in documents if not (ref.kind in kinds and ref.date is None)]
    return (*kept, *listed)


def editions_listed(
    documents: tuple[DocumentRef, ...],
    title: str,
    before: Sequence[Unit],
    after: Sequence[Unit],
) -> tuple[DocumentRef, ...]:
    """``documents`` (undated, from a title's phrase) dated by the list the phrase points
    to: a table ``after`` the title, a schedule later in the supplement, or a table
    ``before`` the title ("each as dated above")."""
    read = Words(title)
    kinds = [ref.kind for ref in documents]
    match = grammar.LISTED_AFTER.search(read)
    if match is not None:
        schedule = match.low("schedule")
        days = _scheduled_dates(schedule, after) if schedule else _tabled_dates(after)
        return listed_editions(documents, kinds, days)
    if grammar.LISTED_ABOVE.found(read):
        return _dated_above(documents, before)
    return documents


def _texts(unit: Unit) -> list[str]:
    """The texts of a unit's lines or rows."""
    if isinstance(unit, Line):
        return [unit.stripped] if unit.kind is LineKind.TEXT else []
    if isinstance(unit, TextTable):
        return [line.text for line in unit.lines]
    return [" ".join(row) for row in unit.rows]


def _tabled_dates(after: Sequence[Unit]) -> list[pendulum.Date]:
    """The first date of each row of the table that follows (blank lines aside)."""
    table = next((u for u in after if not isinstance(u, Line) or u.kind is LineKind.TEXT), None)
    if not isinstance(table, (TextTable, CellTable)):
        return []
    found = (first_date(tidy(row)) for row in _texts(table))
    return [dated.date for dated in found if dated is not None and dated.date is not None]


def _scheduled_dates(schedule: str, after: Sequence[Unit]) -> list[pendulum.Date]:
    """The dates printed after the heading of a schedule ("SCHEDULE A")."""
    days: list[pendulum.Date] = []
    started = False
    for unit in after:
        for text in _texts(unit):
            if not started:
                started = tidy(text).rstrip(":").lower() == schedule
            else:
                days.extend(dates_in(tidy(text)))
    return days


def _rows(units: Sequence[Unit]) -> list[list[str]]:
    """The rows of the tables among ``units``: an HTML table's, or text lines of cells
    separated by "|"."""
    rows: list[list[str]] = []
    for unit in units:
        if isinstance(unit, CellTable):
            rows.extend([tidy(cell) for cell in row] for row in unit.rows)
        elif isinstance(unit, Line) and unit.kind is LineKind.TEXT and _CELL in unit.text:
            rows.append([tidy(cell) for cell in unit.text.split(_CELL)])
    return rows


def _dated_above(
    documents: tuple[DocumentRef, ...], before: Sequence[Unit]
) -> tuple[DocumentRef, ...]:
    """``documents`` dated by the columns of the table above the title, each headed by the
    kind it dates ("Prospectus Date", "SAI Date"), a row's dates in its columns' order.
    A summary prospectus that no column names takes its prospectus's dates (it is dated
    with the prospectus it summarises)."""
    # The columns' kinds, in order; a row's dates fill them in order (a head row may lack
    # the funds' column: "Prospectus Date | SAI Date").
    columns: list[tuple[DocumentKind, ...]] = []
    dated: dict[DocumentKind, list[pendulum.Date]] = {}
    for cells in _rows(before):
        if not columns:
            columns = [
                kinds
                for cell in cells
                if (kinds := kinds_mentioned(cell)) and first_date(cell) is None
            ]
            continue
        found = [read_date(cell).date for cell in cells if is_date_only(cell)]
        days = [day for day in found if day is not None]
        if len(days) != len(columns):
            continue
        for kinds, day in zip(columns, days, strict=True):
            for kind in kinds:
                dated.setdefault(kind, []).append(day)
    if DocumentKind.SUMMARY_PROSPECTUS not in dated and DocumentKind.PROSPECTUS in dated:
        dated[DocumentKind.SUMMARY_PROSPECTUS] = dated[DocumentKind.PROSPECTUS]
    for kind in dict.fromkeys(ref.kind for ref in documents):
        if kind in dated:
            documents = listed_editions(documents, [kind], dated[kind])
    return documents
