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
from ._dates import read_date
from .grammar import Hit, Words
from .grammar import supplements as grammar

__all__ = ["document_refs", "kind_of", "kinds_mentioned"]


def kind_of(match: Hit) -> DocumentKind:
    """The document kind a match of the grammar's ``KIND`` (or ``EDITIONS``) names."""
    if match.has("summary"):
        return DocumentKind.SUMMARY_PROSPECTUS
    if match.has("sai"):
        return DocumentKind.SAI
    return DocumentKind.PROSPECTUS


def kinds_mentioned(text: str) -> tuple[DocumentKind, ...]:
    """The distinct document kinds ``text`` mentions, in order of first mention."""
    kinds: list[DocumentKind] = []
    for match in grammar.KIND.finditer(Words(text)):
        kind = kind_of(match)
        if kind not in kinds:
            kinds.append(kind)
    return tuple(kinds)


def document_refs(phrase: str) -> tuple[DocumentRef, ...]:
    """The editions a phrase names, in order.

    Kinds mentioned before a "dated D" all take that date ("Prospectuses and
    Statement of Additional Information dated May 1, 2005"); "as supplemented
    D" adds D to the editions just dated; a further "dated D" with no new kind
    names another edition of the last kind.  The caller removes the
    supplement's own "Supplement dated D" from the phrase first.
    """
    refs: list[DocumentRef] = []
    pending: list[DocumentKind] = []
    last: list[int] = []
    for match in grammar.EDITIONS.finditer(Words(phrase)):
        if match.has("dated"):
            # "dated May 1, 2022 - December 1, 2022": a range of editions, no one date.
            day = None if match.has("range") else read_date(match["dated"] or "").date
            kinds = pending or ([refs[last[-1]].kind] if last else [])
            last = []
            for kind in kinds:
                refs.append(DocumentRef(kind, day))
                last.append(len(refs) - 1)
            pending = []
        elif match.has("supp"):
            day = read_date(match["supp"] or "").date
            if day is not None:
                for index in last:
                    ref = refs[index]
                    refs[index] = DocumentRef(ref.kind, ref.date, (*ref.supplemented, day))
        else:
            kind = kind_of(match)
            if kind not in pending:
                pending.append(kind)
    refs.extend(DocumentRef(kind) for kind in pending if not any(r.kind == kind for r in refs))
    return _distinct(refs)


def _distinct(refs: list[DocumentRef]) -> tuple[DocumentRef, ...]:
    seen: set[tuple[DocumentKind, pendulum.Date | None]] = set()
    kept: list[DocumentRef] = []
    for ref in refs:
        key = (ref.kind, ref.date)
        if key not in seen:
            seen.add(key)
            kept.append(ref)
    return tuple(kept)
