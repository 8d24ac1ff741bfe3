"""DataFrames and a plot for notebooks; pandas and matplotlib are imported only when asked for.

They come with the optional extra ``notebook`` (``pip install
'prospectus-ledger[notebook]'``); without it, these functions raise
:class:`ModuleNotFoundError` saying so.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterable, Sequence
from typing import Any

import pendulum

from .._records import (
    DIFF,
    HISTORY,
    PROBLEMS,
    SECTIONS,
    TIMELINE,
    Column,
    Record,
    diff_records,
    history_records,
    problem_records,
    section_records,
    timeline_records,
)
from ..diff import LedgerDiff
from ..history import History
from ..instants import NEW_YORK
from ..snapshot import SectionView
from ..timeline import Problem, Timeline
from ._common import STATUS_COLOURS, STATUSES, entry_target, excerpt

__all__ = [
    "diff_frame",
    "history_frame",
    "problems_frame",
    "records_frame",
    "sections_frame",
    "timeline_frame",
    "timeline_plot",
]

_ZONE = "America/New_York"


def _optional(module: str, purpose: str) -> Any:
    """Import an optional dependency, or say which extra provides it."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as error:
        raise ModuleNotFoundError(
            f"{purpose} needs {module.split('.')[0]}: "
            "install prospectus-ledger[notebook] (pip install 'prospectus-ledger[notebook]')",
            name=error.name,
        ) from error


def _column(pd: Any, kind: str, values: list[Any]) -> Any:
    """A column of its declared kind: instants as aware New York datetimes, dates as
    midnight datetimes (``None`` as ``NaT``), statuses as a category."""
    if kind in ("instant", "date"):
        texts = pd.Series([v.isoformat() if v else None for v in values], dtype=object)
        if kind == "date":
            return pd.to_datetime(texts, format="ISO8601")
        return pd.to_datetime(texts, utc=True, format="ISO8601").dt.tz_convert(_ZONE)
    if kind == "status":
        return pd.Series(pd.Categorical(values, categories=list(STATUSES)), dtype="category")
    return pd.Series(values, dtype=bool if kind == "flag" else object)


def records_frame(records: Sequence[Record], columns: Sequence[Column], purpose: str) -> Any:
    """A DataFrame of :mod:`._records` rows, its columns typed as declared (also when
    there are no rows)."""
    pd = _optional("pandas", purpose)
    frame = {
        name: _column(pd, kind, [record.get(name) for record in records]) for name, kind in columns
    }
    return pd.DataFrame(frame, columns=[name for name, _ in columns])


def history_frame(history: History) -> Any:
    """One row per version: ``valid_from``/``valid_to`` as aware datetimes, then provenance."""
    return records_frame(history_records(history), HISTORY, "History.to_dataframe()")


def timeline_frame(timeline: Timeline) -> Any:
    """One row per amendment: ``effective``/``known_at`` as aware datetimes, then the rest."""
    return records_frame(timeline_records(timeline), TIMELINE, "Timeline.to_dataframe()")


def problems_frame(problems: Iterable[Problem]) -> Any:
    """One row per problem."""
    return records_frame(problem_records(problems), PROBLEMS, "Problems.to_dataframe()")


def sections_frame(views: Iterable[SectionView]) -> Any:
    """One row per section in force."""
    return records_frame(section_records(views), SECTIONS, "Sections.to_dataframe()")


def diff_frame(diff: LedgerDiff) -> Any:
    """One row per section added, removed or changed."""
    return records_frame(diff_records(diff), DIFF, "LedgerDiff.to_dataframe()")


def _wall_clock(instant: pendulum.DateTime) -> dt.datetime:
    """New York wall-clock time as a naive datetime, so the axis reads in New York dates."""
    local = instant.in_timezone(NEW_YORK)
    return dt.datetime(
        local.year, local.month, local.day, local.hour, local.minute, local.second,
        local.microsecond,
    )  # fmt: skip


def timeline_plot(timeline: Timeline, ax: Any = None) -> Any:
    """Effective dates per section: one row per target, a marker per amendment, by status.

    Amendments without an effective date cannot be placed and are counted in
    the title instead.  Returns the matplotlib ``Axes``.
    """
    pyplot = _optional("matplotlib.pyplot", "Timeline.plot()")
    mdates = _optional("matplotlib.dates", "Timeline.plot()")
    rows: dict[str, int] = {}
    placed: dict[str, list[tuple[dt.datetime, int]]] = {status: [] for status in STATUSES}
    undated = 0
    for entry in timeline:
        label = excerpt(entry_target(entry), 60)
        if entry.portfolio:
            label = f"{label}\n{excerpt(entry.portfolio, 60)}"
        row = rows.setdefault(label, len(rows))
        if entry.effective is None:
            undated += 1
            continue
        placed.setdefault(entry.status, []).append((_wall_clock(entry.effective), row))
    if ax is None:
        _, ax = pyplot.subplots(figsize=(10, 1.5 + 0.6 * max(len(rows), 1)))
    for status, points in placed.items():
        if points:
            ax.scatter(
                [when for when, _ in points],
                [row for _, row in points],
                color=STATUS_COLOURS.get(status, "black"),
                label=status,
                s=60,
                zorder=3,
                edgecolors="white",
            )
    ax.set_yticks(list(rows.values()))
    ax.set_yticklabels(list(rows))
    ax.set_ylim(max(len(rows), 1) - 0.5, -0.5)
    if not rows:
        ax.text(0.5, 0.5, "no amendment in the ledger", transform=ax.transAxes, ha="center")
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.margins(x=0.08)
    ax.grid(axis="x", alpha=0.3)
    ax.set_xlabel("effective (New York time)")
    title = "Amendments by section"
    if undated:
        title += f" ({undated} without an effective date not shown)"
    ax.set_title(title)
    if any(placed.values()):
        ax.legend(title="status", loc="best", fontsize="small")
    return ax
