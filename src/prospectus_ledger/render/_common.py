"""What the HTML and Markdown renderers share: how instants, paths, filings and excerpts read.

Everything here returns plain (unescaped) text; each renderer escapes it for
its own format.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pendulum

from ..instants import NEW_YORK
from ..provenance import Provenance, Source
from ..timeline import Status, TimelineEntry

__all__ = [
    "EXCERPT_LENGTH",
    "ILLUSTRATIVE_NOTE",
    "STATUSES",
    "STATUS_COLOURS",
    "UNKNOWN_LATER",
    "entry_target",
    "excerpt",
    "instant_text",
    "path_text",
    "provenance_kind",
    "source_text",
]

EXCERPT_LENGTH = 160
"""How many characters of a section's text a table row shows."""

STATUSES: tuple[Status, ...] = ("applied", "notice", "failed", "superseded", "unrouted")
"""Every timeline status, in the order legends list them."""

STATUS_COLOURS: dict[str, str] = {
    "applied": "#1a7f37",
    "notice": "#0969da",
    "failed": "#cf222e",
    "superseded": "#6e7781",
    "unrouted": "#bc4c00",
}
"""One colour per timeline status, shared by the HTML tables and the plot."""

ILLUSTRATIVE_NOTE = "illustrative: written by hand, not a filing's text"
"""The mark shown wherever provenance says the text is illustrative."""

_SPACE = re.compile(r"\s+")


def instant_text(instant: pendulum.DateTime) -> str:
    """An instant as analysts read it, in New York time.

    Midnight shows as the date alone ("2007-05-22"), the end of a day as
    "2007-05-21, end of day", any other instant with its time and zone
    ("2006-12-21 16:00 EST").  The exact ISO form goes in the markup beside it.
    """
    local = instant.in_timezone(NEW_YORK)
    date = local.to_date_string()
    clock = (local.hour, local.minute, local.second, local.microsecond)
    if clock == (0, 0, 0, 0):
        return date
    if clock == (23, 59, 59, 999999):
        return f"{date}, end of day"
    pattern = "HH:mm" if (local.second, local.microsecond) == (0, 0) else "HH:mm:ss"
    return f"{date} {local.format(pattern)} {local.tzname()}"


def path_text(path: Sequence[str]) -> str:
    """A heading path as the ledger's queries accept it: "MANAGEMENT -- The Advisers"."""
    return " -- ".join(path)


def excerpt(text: str, limit: int = EXCERPT_LENGTH) -> str:
    """The start of ``text`` on one line, cut at a word boundary, with "…" when cut."""
    flat = _SPACE.sub(" ", text).strip()
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "\u2026"


UNKNOWN_LATER = (
    "Its text at the later instant is not known: that edition is known only from "
    "supplements. Not shown as deleted."
)


def source_text(source: Source) -> str:
    """A filing's label with what else is known of it (accession, filing date, URL, and
    whether this copy of it is cut off)."""
    details = []
    if source.accession and source.accession != source.label:
        details.append(f"accession {source.accession}")
    if source.filed is not None:
        details.append(f"filed {source.filed.to_date_string()}")
    if source.url and source.url != source.label:
        details.append(source.url)
    if not source.complete:
        # As the text view says it (Provenance.describe): the instruction's text may be cut.
        details.append("from a copy of the filing that is cut off")
    return f"{source.label} ({', '.join(details)})" if details else source.label


def provenance_kind(provenance: Provenance) -> str:
    """Say "base text" for an edition's own text, "supplement" for an instruction's."""
    return "base text" if provenance.words is None else "supplement"


def entry_target(entry: TimelineEntry) -> str:
    """What a timeline entry acts on: its heading path, or its action when it names none."""
    return path_text(entry.target) if entry.target else f"({entry.action}, no section named)"
