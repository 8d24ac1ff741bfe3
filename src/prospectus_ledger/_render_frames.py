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

from ._render_common import STATUS_COLOURS, STATUSES, entry_target, excerpt, path_text
from .history import History
from .instants import NEW_YORK
from .timeline import Timeline

__all__ = ["history_frame", "timeline_frame", "timeline_plot"]

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


def _instants(pd: Any, values: Iterable[pendulum.DateTime | None]) -> Any:
    """A timezone-aware (New York) datetime column; ``None`` becomes ``NaT``."""
    texts = pd.Series([value.isoformat() if value else None for value in values], dtype=object)
    return pd.to_datetime(texts, utc=True, format="ISO8601").dt.tz_convert(_ZONE)


def _dates(pd: Any, values: Iterable[pendulum.Date | None]) -> Any:
    """A date column (midnight, no zone); ``None`` becomes ``NaT``."""
    texts = pd.Series([value.isoformat() if value else None for value in values], dtype=object)
    return pd.to_datetime(texts, format="ISO8601")


def _status_column(pd: Any, values: Sequence[str]) -> Any:
    return pd.Series(pd.Categorical(list(values), categories=list(STATUSES)), dtype="category")


def history_frame(history: History) -> Any:
    """One row per version: ``valid_from``/``valid_to`` as aware datetimes, then provenance."""
    pd = _optional("pandas", "History.to_dataframe()")
    versions = list(history)
    provenances = [version.provenance for version in versions]
    columns: dict[str, Any] = {
        "valid_from": _instants(pd, (v.valid_from for v in versions)),
        "valid_to": _instants(pd, (v.valid_to for v in versions)),
        "path": [path_text(v.path) for v in versions],
        "document": [v.document.value for v in versions],
        "edition": [v.edition for v in versions],
        "portfolio": [v.portfolio for v in versions],
        "source": [p.source.label if p else None for p in provenances],
        "words": [p.words if p else None for p in provenances],
        "effective": _instants(pd, (p.effective if p else None for p in provenances)),
        "known_at": _instants(pd, (p.known_at if p else None for p in provenances)),
        "illustrative": [bool(p and p.illustrative) for p in provenances],
        "partial": [v.section.placeholder for v in versions],
        "text": [v.text for v in versions],
    }
    return pd.DataFrame(columns)


def timeline_frame(timeline: Timeline) -> Any:
    """One row per amendment: ``effective``/``known_at`` as aware datetimes, then the rest."""
    pd = _optional("pandas", "Timeline.to_dataframe()")
    entries = list(timeline)
    columns: dict[str, Any] = {
        "effective": _instants(pd, (e.effective for e in entries)),
        "known_at": _instants(pd, (e.known_at for e in entries)),
        "supplement_date": _dates(pd, (e.supplement_date for e in entries)),
        "action": [e.action for e in entries],
        "target": [path_text(e.target) for e in entries],
        "portfolio": [e.portfolio for e in entries],
        "document": [e.document.value if e.document else None for e in entries],
        "edition": [e.edition for e in entries],
        "status": _status_column(pd, [e.status for e in entries]),
        "source": [e.source.label for e in entries],
        "reason": [e.reason for e in entries],
        "words": [e.words for e in entries],
        "text": [e.text for e in entries],
    }
    return pd.DataFrame(columns)


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
