"""Check a ledger against the issuer's own consolidation: the next edition.

When a registrant files a new edition, it should carry every change its
supplements made to the old one.  :func:`reconcile` compares, section by
section, the state just before the new edition takes effect with the new
edition itself, and sorts each section into one of these statuses:

* ``unchanged``: the same text before and after;
* ``changed_by_edition``: no supplement had touched it, and the new edition
  rewrites it;
* ``carried``: a supplement changed it, and the new edition carries that text;
* ``not_carried``: a supplement changed it, but the new edition says something
  else (a likely error in the ledger's reading or in the edition);
* ``added`` / ``removed``: only in the new edition / only before it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal, TypeAlias

import attrs
import pendulum

from ._text import heading_key
from .diff import RedlineSegment, redline
from .provenance import Provenance
from .tree import Document, Section, walk

__all__ = ["Reconciliation", "SectionReconciliation", "Status", "reconcile"]

Status: TypeAlias = Literal[
    "unchanged", "changed_by_edition", "carried", "not_carried", "added", "removed"
]


@attrs.frozen
class SectionReconciliation:
    """One section compared across the edition switch.

    Attributes:
        path: the section's heading path.
        portfolio: the portfolio whose part holds it, ``None`` if shared.
        status: see the module docstring.
        before: the section just before the new edition (``None`` if added).
        after: the section in the new edition (``None`` if removed).
        provenance: what last changed the section before the switch.
        redline: word-level changes of the section's own text.
    """

    path: tuple[str, ...]
    portfolio: str | None
    status: Status
    before: Section | None
    after: Section | None
    provenance: Provenance | None
    redline: tuple[RedlineSegment, ...]


@attrs.frozen
class Reconciliation:
    """The comparison of a ledger's state with a new edition.

    Attributes:
        edition: the new edition's name.
        switch: the instant the new edition takes effect.
        previous: the name of the edition it replaces (``None`` if none is held).
        sections: every section compared, in the new edition's order, then
            the removed ones.
    """

    edition: str
    switch: pendulum.DateTime
    previous: str | None
    sections: tuple[SectionReconciliation, ...]

    def __iter__(self) -> Iterator[SectionReconciliation]:
        return iter(self.sections)

    def __len__(self) -> int:
        return len(self.sections)

    def with_status(self, *statuses: Status) -> list[SectionReconciliation]:
        """The sections with any of ``statuses``."""
        return [section for section in self.sections if section.status in statuses]


def _key(portfolio: str | None, headings: tuple[str, ...]) -> tuple[str, ...]:
    return (heading_key(portfolio) if portfolio else "", *(heading_key(h) for h in headings))


def _index(
    document: Document,
) -> dict[tuple[str, ...], tuple[tuple[str, ...], str | None, Section]]:
    found: dict[tuple[str, ...], tuple[tuple[str, ...], str | None, Section]] = {}
    for located in walk(document.sections):
        found.setdefault(
            _key(located.portfolio, located.headings),
            (located.headings, located.portfolio, located.section),
        )
    return found


def reconcile(
    before: Document | None,
    new_edition: Document,
    *,
    switch: pendulum.DateTime,
    previous: str | None,
) -> Reconciliation:
    """Compare ``before`` (the state just before ``switch``) with ``new_edition``.

    A section counts as changed by a supplement when it carries provenance:
    the ledger stamps provenance only on sections whose own content a
    supplement's instruction changed.
    """
    old = _index(before) if before is not None else {}
    new = _index(new_edition)
    results: list[SectionReconciliation] = []
    for key, (path, portfolio, after) in new.items():
        entry = old.get(key)
        if entry is None:
            results.append(
                SectionReconciliation(
                    path, portfolio, "added", None, after, None, redline("", after.own_text)
                )
            )
            continue
        _, _, previous_section = entry
        same = previous_section.own_text == after.own_text
        touched = previous_section.provenance is not None
        status: Status
        if touched:
            status = "carried" if same else "not_carried"
        else:
            status = "unchanged" if same else "changed_by_edition"
        results.append(
            SectionReconciliation(
                path,
                portfolio,
                status,
                previous_section,
                after,
                previous_section.provenance,
                redline(previous_section.own_text, after.own_text),
            )
        )
    for key, (path, portfolio, previous_section) in old.items():
        if key not in new:
            results.append(
                SectionReconciliation(
                    path,
                    portfolio,
                    "removed",
                    previous_section,
                    None,
                    previous_section.provenance,
                    redline(previous_section.own_text, ""),
                )
            )
    return Reconciliation(new_edition.edition, switch, previous, tuple(results))
