"""Every amendment in effective order, and the instructions that were not applied."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal, TypeAlias

import attrs
import pendulum

from .provenance import Source
from .tree import DocumentKind

__all__ = ["Problem", "ProblemKind", "Status", "Timeline", "TimelineEntry"]

Status: TypeAlias = Literal["applied", "notice", "failed", "superseded", "unrouted"]
ProblemKind: TypeAlias = Literal[
    "ambiguous",
    "failed",
    "superseded",
    "unrouted",
    "not_understood",
    "cut_off",
    "conflict",
    "duplicate_edition",
    "unreadable_file",
]


@attrs.frozen
class TimelineEntry:
    """One amendment as the ledger treated it.

    Attributes:
        effective: when it takes effect (``None`` if no date was given).
        known_at: when its supplement became known.
        supplement_date: its supplement's date.
        source: the filing.
        document: the document kind it amends.
        edition: the edition it was applied to ("" when none could be found).
        action: replace, insert, delete, substitute or notice.
        target: the heading path it names (empty for notices and renames).
        portfolio: the portfolio it concerns, if any.
        words: the instruction's own words.
        text: the new text, or the notice's text.
        status: ``applied``, ``notice`` (kept, changes no text), ``failed``
            (target not found...), ``superseded`` (effective after its edition
            was replaced) or ``unrouted`` (no edition or date to apply it to).
        reason: why it was not applied, or the parser's diagnostic.
    """

    effective: pendulum.DateTime | None
    known_at: pendulum.DateTime | None
    supplement_date: pendulum.Date | None
    source: Source
    document: DocumentKind | None
    edition: str
    action: str
    target: tuple[str, ...]
    portfolio: str | None
    words: str
    text: str
    status: Status
    reason: str | None = None


@attrs.frozen
class Timeline:
    """The ledger's amendments in the order they apply; iterable and indexable."""

    entries: tuple[TimelineEntry, ...]

    def __iter__(self) -> Iterator[TimelineEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, index: int) -> TimelineEntry:
        return self.entries[index]

    def _repr_html_(self) -> str:
        """HTML for Jupyter (see :mod:`prospectus_ledger.render`)."""
        from .render import timeline_html

        return timeline_html(self)

    def _repr_markdown_(self) -> str:
        """Markdown for Jupyter (see :mod:`prospectus_ledger.render`)."""
        from .render import timeline_markdown

        return timeline_markdown(self)

    def to_dataframe(self) -> Any:
        """One row per amendment, as a pandas ``DataFrame`` (needs the ``notebook`` extra).

        Columns: ``effective`` and ``known_at`` (New York datetimes),
        ``supplement_date`` (dates), ``action``, ``target``, ``portfolio``,
        ``document``, ``edition``, ``status`` (categorical), ``source``,
        ``reason``, ``words`` and ``text``.

        Raises:
            ModuleNotFoundError: when pandas is not installed.
        """
        from ._render_frames import timeline_frame

        return timeline_frame(self)

    def plot(self, ax: Any = None) -> Any:
        """Draw the effective dates per section and return the matplotlib ``Axes``.

        One row per target section, one marker per amendment, coloured by
        status.  Draws on ``ax`` when given, else on a new figure.  Needs the
        ``notebook`` extra.

        Raises:
            ModuleNotFoundError: when matplotlib is not installed.
        """
        from ._render_frames import timeline_plot

        return timeline_plot(self, ax)


@attrs.frozen
class Problem:
    """An instruction or filing the ledger could not use as written, with the reason.

    Attributes:
        kind: what went wrong: ``failed`` (target heading, block or text not
            found), ``ambiguous`` (the target heading names several sections;
            the reason lists them), ``superseded``, ``unrouted`` (no edition or
            no date), ``not_understood`` (a notice the parser made from text
            it did not understand), ``cut_off`` (applied from a copy of a
            filing that is cut off inside the instruction's text),
            ``conflict`` (two supplements change one section at one instant
            differently), ``duplicate_edition``,
            ``unreadable_file``.
        reason: a sentence saying why.
        source: the filing concerned.
        words: the instruction's words, when there is an instruction.
        effective: its effective instant, if known.
        document: the document kind concerned, if known.
        place: where in the file, when known (e.g. "line 12").
    """

    kind: ProblemKind
    reason: str
    source: Source
    words: str = ""
    effective: pendulum.DateTime | None = None
    document: DocumentKind | None = None
    place: str | None = None
