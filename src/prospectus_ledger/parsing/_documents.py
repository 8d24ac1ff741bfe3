"""Mentions of the three documents and the editions a phrase names.

"TO PROSPECTUSES DATED MAY 1, 2006 AND TO STATEMENT OF ADDITIONAL INFORMATION
DATED MAY 1, 2006, AS SUPPLEMENTED NOVEMBER 1, 2006" names two editions; this
module reads such phrases into :class:`~prospectus_ledger.supplement.DocumentRef`
values.  Patterns expect white space collapsed to single spaces.
"""

from __future__ import annotations

import pendulum

from ..supplement import DocumentRef
from ..tree import DocumentKind
from ._dates import dates_in, read_date
from .grammar import Hit, Words
from .grammar import supplements as grammar

__all__ = ["document_refs", "kinds_mentioned", "kinds_of"]


def kinds_of(match: Hit) -> tuple[DocumentKind, ...]:
    """The document kinds a match of the grammar's ``KIND`` (or ``EDITIONS``) names:
    "Summary and Statutory Prospectuses" names two."""
    if match.has("pair"):
        words = match.low("pair").split()
        return tuple(dict.fromkeys((grammar.PAIRED[words[0]], grammar.PAIRED[words[2]])))
    if match.has("summary"):
        return (DocumentKind.SUMMARY_PROSPECTUS,)
    if match.has("sai"):
        return (DocumentKind.SAI,)
    return (DocumentKind.PROSPECTUS,)


def kinds_mentioned(text: str) -> tuple[DocumentKind, ...]:
    """The distinct document kinds ``text`` mentions, in order of first mention."""
    kinds: list[DocumentKind] = []
    for match in grammar.KIND.finditer(Words(text)):
        kinds.extend(kind for kind in kinds_of(match) if kind not in kinds)
    return tuple(kinds)


class _Editions:
    """The state of :func:`document_refs` as it reads a phrase's tokens."""

    def __init__(self) -> None:
        self.refs: list[DocumentRef] = []
        # Kinds named since the last date, each with the date printed before it, if any.
        self.pending: list[tuple[DocumentKind, pendulum.Date | None]] = []
        self.last: list[int] = []  # the refs the last date made
        self.before: pendulum.Date | None = None

    def kind(self, kinds: tuple[DocumentKind, ...]) -> None:
        for kind in kinds:
            if all(kind != waiting for waiting, _ in self.pending):
                self.pending.append((kind, self.before))

    def dated(self, days: list[pendulum.Date | None]) -> None:
        kinds = [kind for kind, _ in self.pending] or list(
            dict.fromkeys(self.refs[index].kind for index in self.last)
        )
        self.last = []
        for kind in kinds:
            for day in days:
                self.refs.append(DocumentRef(kind, day))
                self.last.append(len(self.refs) - 1)
        self.pending = []
        self.before = None

    def flush_before(self) -> None:
        """Kinds a date printed before them dated, when no "dated D" of their own came."""
        led = [(kind, day) for kind, day in self.pending if day is not None]
        if not led:
            return
        self.last = []
        for kind, day in led:
            self.refs.append(DocumentRef(kind, day))
            self.last.append(len(self.refs) - 1)
        self.pending = [(kind, day) for kind, day in self.pending if day is None]

    def supplemented(self, days: list[pendulum.Date]) -> None:
        self.flush_before()
        for index in self.last:
            ref = self.refs[index]
            self.refs[index] = DocumentRef(ref.kind, ref.date, (*ref.supplemented, *days))

    def finish(self) -> tuple[DocumentRef, ...]:
        self.flush_before()
        self.refs.extend(
            DocumentRef(kind)
            for kind, _ in self.pending
            if not any(ref.kind == kind for ref in self.refs)
        )
        return _distinct(self.refs)


def document_refs(phrase: str) -> tuple[DocumentRef, ...]:
    """The editions a phrase names, in order.

    Kinds mentioned before a "dated D" all take that date ("Prospectuses and
    Statement of Additional Information dated May 1, 2005"), and each of
    several dates ("dated March 1, 2006 and May 1, 2006", a range "dated
    August 1, 2017 - June 1, 2018" by its two ends); "as supplemented D" adds
    D to the editions just dated; a further "dated D" with no new kind names
    another edition of the kinds dated last; a date printed before the kinds ("the
    April 17, 2003 Class A Prospectus") dates them when they have no "dated D"
    of their own.  The caller removes the supplement's own "Supplement dated D"
    from the phrase first.
    """
    state = _Editions()
    for match in grammar.EDITIONS.finditer(Words(phrase)):
        if match.has("dated"):
            state.dated(list(dates_in(match["dated"] or "")) or [None])
        elif match.has("supp"):
            state.supplemented(dates_in(match["supp"] or ""))
        elif match.has("before"):
            state.flush_before()
            state.before = read_date(match["before"] or "").date
        else:
            state.kind(kinds_of(match))
    return state.finish()


def _distinct(refs: list[DocumentRef]) -> tuple[DocumentRef, ...]:
    seen: set[tuple[DocumentKind, pendulum.Date | None]] = set()
    kept: list[DocumentRef] = []
    for ref in refs:
        key = (ref.kind, ref.date)
        if key not in seen:
            seen.add(key)
            kept.append(ref)
    return tuple(kept)
