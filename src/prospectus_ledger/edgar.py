"""Filings from edgartools: ``Ledger.add_edgar(filing)`` and ``load_edgar(filings)``.

`edgartools <https://github.com/dgunning/edgartools>`_ (the ``edgar`` extra:
``pip install 'prospectus-ledger[edgar]'``) finds and downloads EDGAR filings.
Its ``Filing`` objects carry what a saved ``.htm`` does not: form, filing date,
accession number, the filer's CIK and name, and (in the submission header) the
series and classes.  This module reads them into the library's values; it
imports nothing from edgartools, so any object with the same attributes will do
(a test's stand-in, a filing read from a local SGML file).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from .errors import InvalidFilingError, ProspectusLedgerError
from .ledger import ErrorMode, Ledger
from .parsing.submission import series_from_header
from .provenance import Source
from .tree import Series

__all__ = ["EdgarFiling", "load_edgar", "read_edgar"]


@attrs.frozen
class EdgarFiling:
    """What the library takes from an edgartools ``Filing``.

    Attributes:
        text: the filing's main document (HTML, or text when it has no HTML).
        source: its accession, filing date, form, filer CIK and name, and URL.
        series: the series and classes its submission header lists.
    """

    text: str
    source: Source
    series: tuple[Series, ...] = ()


def _optional(filing: Any, name: str, label: str | None) -> Any:
    """An attribute edgartools may compute by downloading (``None`` when the object has
    none).

    Raises:
        InvalidFilingError: when edgartools cannot give it (no network, no identity set),
            naming the filing and what edgartools said.
    """
    try:
        return getattr(filing, name, None)
    except Exception as error:  # edgartools' own errors, turned into the library's
        raise InvalidFilingError(
            label, f"edgartools could not give the filing's {name}: {type(error).__name__}: {error}"
        ) from error


def read_edgar(filing: Any) -> EdgarFiling:
    """The text, source and series of an edgartools ``Filing``.

    Raises:
        InvalidFilingError: when the filing gives no text, naming its accession.
    """
    accession = str(getattr(filing, "accession_no", "") or "") or None
    name = f"{accession}.htm" if accession else None
    text = None
    for method in ("html", "text"):
        read = getattr(filing, method, None)
        if callable(read):
            text = read()
        if text:
            break
    if not text:
        raise InvalidFilingError(name, "the edgartools filing gives no HTML or text document")
    cik = getattr(filing, "cik", None)
    source = Source(
        name=name,
        url=_optional(filing, "filing_url", name) or _optional(filing, "url", name),
        accession=accession,
        filed=str(getattr(filing, "filing_date", "") or "") or None,
        form=str(getattr(filing, "form", "") or "").upper() or None,
        cik=str(cik) if cik is not None else None,
        company=getattr(filing, "company", None),
    )
    header = _optional(filing, "header", name)
    header_text = getattr(header, "text", None) if header is not None else None
    series = tuple(series_from_header(header_text)) if isinstance(header_text, str) else ()
    return EdgarFiling(str(text), source, series)


def load_edgar(filings: Iterable[Any], *, errors: ErrorMode = "raise") -> Ledger:
    """A new ledger of edgartools ``Filing`` objects (see :meth:`Ledger.add_edgar`);
    with ``errors="record"`` a filing that cannot be read becomes an
    ``unreadable_file`` problem instead of stopping the load.

    Raises:
        InvalidFilingError: (with ``errors="raise"``) for the first filing that cannot
            be read, naming its accession.
    """
    ledger = Ledger()
    for filing in filings:
        try:
            ledger.add_edgar(filing)
        except ProspectusLedgerError as error:
            if errors == "raise":
                raise
            label = str(getattr(filing, "accession_no", "") or "edgartools filing")
            ledger.record_unreadable(label, error)
    return ledger
