"""Supplements (SEC form 497) and the amendments they carry."""

from __future__ import annotations

from collections.abc import Iterable

import attrs
import pendulum

from .instants import start_of_day
from .operations import Action, Operation, Scope, SectionTarget
from .provenance import Source
from .tree import DocumentKind, Series, strings

__all__ = ["Amendment", "DocumentRef", "Supplement"]


def _dates(items: Iterable[pendulum.Date]) -> tuple[pendulum.Date, ...]:
    return tuple(items)


def _refs(items: Iterable[DocumentRef]) -> tuple[DocumentRef, ...]:
    return tuple(items)


def _amendments(items: Iterable[Amendment]) -> tuple[Amendment, ...]:
    return tuple(items)


@attrs.frozen
class DocumentRef:
    """An edition a supplement names: "Prospectuses dated April 30, 2007".

    Attributes:
        kind: which document.
        date: the edition's date; ``None`` when the filing does not give one.
        supplemented: the "as supplemented ..." dates that follow, if any.
    """

    kind: DocumentKind
    date: pendulum.Date | None = None
    supplemented: tuple[pendulum.Date, ...] = attrs.field(default=(), converter=_dates)


@attrs.frozen
class Amendment:
    """One instruction of a supplement.

    Attributes:
        operation: what it does to the text.
        document: which document it amends; ``None`` when the supplement
            amends every document it names in the same way.
        effective: the instant it takes effect (New York); ``None`` when
            neither the instruction nor the supplement gives a date.
        effective_words: the words the effective time was read from
            ("Effective at the close of the New York Stock Exchange on ...").
        approximate: ``True`` for "on or about" dates.
        words: the instruction's own words.
        diagnostic: why the parser could not do better (for notices made
            from text it did not understand), else ``None``.
        position: its place in the filing (0-based), the last tie-breaker of
            the order in which instructions apply.
    """

    operation: Operation
    document: DocumentKind | None = None
    effective: pendulum.DateTime | None = None
    effective_words: str = ""
    approximate: bool = False
    words: str = ""
    diagnostic: str | None = None
    position: int = 0

    @property
    def action(self) -> Action:
        """``replace``, ``insert``, ``delete``, ``substitute`` or ``notice``."""
        return self.operation.action

    @property
    def scope(self) -> Scope | None:
        """What the instruction acts on: section, paragraph, sentence, table, bullet, text."""
        return self.operation.scope

    @property
    def target(self) -> SectionTarget | None:
        """The section the instruction names, if any."""
        return self.operation.target

    @property
    def text(self) -> str:
        """The new content (or the notice's text) as plain text."""
        return self.operation.text


def _series(items: Iterable[Series]) -> tuple[Series, ...]:
    return tuple(items)


@attrs.frozen
class Supplement:
    """A supplement to one or more editions, with its ordered amendments.

    Attributes:
        registrant: the trust or company, as printed; ``None`` if not stated.
        portfolios: the portfolios it concerns.
        documents: the editions it amends.
        supplement_date: its own date.
        source: the filing it was read from.
        amendments: its instructions, in filing order.
        known_from: an explicit instant from which it was known, overriding
            the dates (e.g. the EDGAR acceptance time); usually ``None``.
        diagnostics: what the parser could not read in the supplement's own
            header ("'February 30, 2020' is not a real date"); listed among the
            ledger's problems.
        series: the series and classes its EDGAR submission header lists (the
            portfolios it was filed for), when it has one.
    """

    registrant: str | None
    portfolios: tuple[str, ...] = attrs.field(converter=strings)
    documents: tuple[DocumentRef, ...] = attrs.field(converter=_refs)
    supplement_date: pendulum.Date | None
    source: Source
    amendments: tuple[Amendment, ...] = attrs.field(converter=_amendments)
    known_from: pendulum.DateTime | None = None
    diagnostics: tuple[str, ...] = attrs.field(default=(), converter=strings)
    series: tuple[Series, ...] = attrs.field(default=(), converter=_series)

    @property
    def known_at(self) -> pendulum.DateTime | None:
        """When it became known: ``known_from`` if set, else 00:00 New York of its
        filing date if given, else of its date; ``None`` if none is known."""
        if self.known_from is not None:
            return self.known_from
        day = self.source.filed or self.supplement_date
        return start_of_day(day) if day is not None else None
