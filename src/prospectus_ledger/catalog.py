"""What a ledger holds, listed: its editions and its portfolios.

The questions a user asks before asking about a section: which editions are
there, in force when, from which filings; which portfolios, under which series
IDs, class IDs and tickers.  :meth:`Ledger.editions` and
:meth:`Ledger.portfolios` answer them, and so do the ``editions`` and
``portfolios`` commands.
"""

from __future__ import annotations

import attrs
import pendulum

from ._text import heading_key
from .engine.compiled import Compiled
from .tree import DocumentKind, ShareClass

__all__ = ["EditionSummary", "PortfolioSummary", "editions_of", "portfolios_of"]


@attrs.frozen
class EditionSummary:
    """One edition the ledger holds.

    Attributes:
        name: the edition's name ("prospectus of ... dated 2024-04-01").
        document: its kind.
        registrant: the registrant as printed, if known.
        cik: the registrant's CIK, if known.
        date: the edition's date.
        valid_from: when it took effect.
        valid_to: when the next edition replaced it (``None``: in force).
        portfolios: the portfolios it covers.
        base_loaded: ``True`` when its whole text was loaded; ``False`` when it is
            known only from supplements that name it.
        source: the filing of its base text, if loaded.
        amendments: how many amendments were routed to it.
    """

    name: str
    document: DocumentKind
    registrant: str | None
    cik: str | None
    date: pendulum.Date | None
    valid_from: pendulum.DateTime
    valid_to: pendulum.DateTime | None
    portfolios: tuple[str, ...]
    base_loaded: bool
    source: str | None
    amendments: int


@attrs.frozen
class PortfolioSummary:
    """One portfolio, with what identifies it.

    Attributes:
        name: its name.
        series: its EDGAR series IDs ("S000002391").
        classes: its share classes (ID, name, ticker) as the editions give them.
    """

    name: str
    series: tuple[str, ...] = ()
    classes: tuple[ShareClass, ...] = ()

    @property
    def tickers(self) -> tuple[str, ...]:
        """Its classes' tickers."""
        return tuple(share.ticker for share in self.classes if share.ticker)


def editions_of(compiled: Compiled) -> list[EditionSummary]:
    """Every edition, by registrant, document kind and date."""
    found = [
        EditionSummary(
            name=edition.name,
            document=edition.document.kind,
            registrant=edition.document.registrant,
            cik=edition.document.cik,
            date=edition.document.date,
            valid_from=edition.start,
            valid_to=edition.end,
            portfolios=edition.document.portfolios,
            base_loaded=edition.document.complete,
            source=edition.document.source.label if edition.document.source else None,
            amendments=len(edition.steps),
        )
        for edition in compiled.editions
    ]
    return sorted(found, key=lambda e: (e.registrant or "", e.document.value, e.valid_from))


def portfolios_of(compiled: Compiled) -> list[PortfolioSummary]:
    """Every portfolio any edition or supplement names, with its identifiers."""
    series: dict[str, dict[str, None]] = {}
    classes: dict[str, dict[tuple[str | None, str | None, str | None], ShareClass]] = {}
    names = compiled.portfolio_names()
    by_key = {heading_key(name): name for name in names}
    for edition in compiled.editions:
        document = edition.document
        for named, item in document.named_series():
            name = by_key.get(heading_key(named))
            if name is None:
                continue
            if item.id:
                series.setdefault(name, {})[item.id] = None
            for share in item.classes:
                classes.setdefault(name, {})[(share.id, share.name, share.ticker)] = share
    return [
        PortfolioSummary(
            name,
            tuple(series.get(name, {})),
            tuple(classes.get(name, {}).values()),
        )
        for name in names
    ]
