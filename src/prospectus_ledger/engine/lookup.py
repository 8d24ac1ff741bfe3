"""Finding the sections a heading path names among the editions in force.

A snapshot asks its state source; the compiled ledger answers from its
section index, the store by walking the states it loads.  Both share the
scope rules and the order of the answers kept here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .._text import heading_key
from ..tree import Document, DocumentKind, Located, find_sections

if TYPE_CHECKING:
    from .compiled import Edition


def covers(document: Document, portfolio: str) -> bool:
    """Whether ``document`` holds text for ``portfolio`` (it names it, or has its part)."""
    wanted = heading_key(portfolio)
    if any(heading_key(name) == wanted for name in document.portfolios):
        return True
    return any(
        section.portfolio is not None and heading_key(section.portfolio) == wanted
        for section in document.sections
    )


def in_scope(
    states: Iterable[tuple[Edition, Document]], portfolio: str | None, kind: DocumentKind | None
) -> list[tuple[Edition, Document]]:
    """The editions (with their states) that a portfolio and document scope keep."""
    return [
        (edition, state)
        for edition, state in states
        if (kind is None or edition.document.kind == kind)
        and (portfolio is None or covers(state, portfolio))
    ]


def in_order(found: list[tuple[Edition, Located]]) -> list[tuple[Edition, Located]]:
    """Matches in one order whatever answered the lookup (index or tree walk)."""
    if len(found) < 2:
        return found
    return sorted(found, key=lambda pair: (pair[0].name, pair[1].headings))


def find_in_states(
    states: Iterable[tuple[Edition, Document]], headings: Sequence[str], portfolio: str | None
) -> list[tuple[Edition, Located]]:
    """The sections ``headings`` names in each state, found by walking its tree."""
    return in_order(
        [
            (edition, located)
            for edition, state in states
            for located in find_sections(state, headings, portfolio=portfolio)
        ]
    )
