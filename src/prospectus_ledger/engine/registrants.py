"""Who a document is of: registrant keys and aliases, CIKs, the identifiers of
portfolios (series and class IDs, tickers), and portfolio names across editions.

Registrants match as headings do; a registrant with a known CIK is that CIK, and
its printed names are aliases of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .._text import heading_key
from ..tree import Document

__all__ = [
    "cik_key",
    "document_registrant",
    "identifiers_of",
    "merged_portfolio_names",
    "registrant_aliases",
    "registrant_key",
]


def registrant_key(registrant: str | None) -> str | None:
    """Registrants match as headings do ("MET INVESTORS SERIES TRUST" is "Met Investors ...")."""
    return heading_key(registrant) if registrant else None


def registrant_aliases(documents: Iterable[Document]) -> dict[str, str]:
    """Each printed registrant name (as a key) of an edition whose CIK is known, and
    that CIK's key: a registrant is its CIK, and its names are aliases."""
    aliases: dict[str, str] = {}
    for document in sorted(documents, key=lambda d: (d.cik or "", d.registrant or "")):
        name = registrant_key(document.registrant)
        if name is not None and document.cik is not None:
            aliases.setdefault(name, cik_key(document.cik))
    return aliases


def identifiers_of(documents: Iterable[Document]) -> dict[str, str]:
    """Each series ID ("S000002391"), class ID ("C000006333") and ticker ("DDVAX") the
    documents give, upper-cased, and the portfolio it identifies: the series' name, or
    the document's one portfolio when the series has none."""
    found: dict[str, str] = {}
    for document in documents:
        for name, series in document.named_series():
            codes = [
                series.id,
                *(c.id for c in series.classes),
                *(c.ticker for c in series.classes),
            ]
            for code in codes:
                if code:
                    found.setdefault(code.strip().upper(), name)
    return found


def cik_key(cik: str) -> str:
    """The registrant key of a CIK (never equal to a name's key)."""
    return f"cik {cik}"


def document_registrant(document: Document, aliases: Mapping[str, str]) -> str | None:
    """The key of an edition's registrant: its CIK when known, else its name's
    (through ``aliases``, to the CIK another edition gives that name)."""
    if document.cik is not None:
        return cik_key(document.cik)
    name = registrant_key(document.registrant)
    return aliases.get(name, name) if name is not None else None


def merged_portfolio_names(per_edition: Iterable[Iterable[str]]) -> list[str]:
    """Every portfolio the editions name (:meth:`Compiled.edition_portfolio_names`, in the
    editions' order), each once by its key, as first spelt, in order of name."""
    names: dict[str, str] = {}
    for found in per_edition:
        for name in found:
            names.setdefault(heading_key(name), name)
    return sorted(names.values())
