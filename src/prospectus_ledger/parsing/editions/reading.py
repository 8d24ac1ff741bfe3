"""Base editions (SEC form 485BPOS) into document trees.

A 485BPOS filing holds a registrant's full prospectus(es) and statement of
additional information, between a facing page and Part C.
:func:`parse_editions` finds each document, reads its headings from the
typography the document actually uses (see :mod:`._headings`), leaves out
page furniture and tables of contents, and returns one
:class:`~prospectus_ledger.tree.Document` per document.
:func:`parse_edition_details` returns the same documents with what the tree
has no room for: series and class identifiers, covers, tables of contents
and the furniture that was left out.  :func:`looks_like_edition` is a cheap
check that tells an edition from a supplement (form 497).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from ..._text import heading_key
from ...errors import InvalidFilingError
from ...provenance import Source, SourceLike, as_source
from ...tree import Document, DocumentKind
from ..decoding import decode_filing, sha256_of
from ..identify import Identity, identify
from ..layout import Para, Unit
from ..submission import submission_header, with_header
from ._edition import read_document
from ._input import Input, declared_form, read_input
from ._metadata import (
    Facts,
    read_facts,
    registrant_from_text,
    registrant_from_units,
    series_from_facts,
)
from ._parts import Part, find_parts
from .details import EditionDetails

__all__ = ["looks_like_edition", "parse_edition_details", "parse_editions"]

_CIK = re.compile(r"CENTRAL INDEX KEY:[ \t]*(\d{4,10})")
_ILLUSTRATIVE = re.compile(r"\billustrative\s*:\s*true\b", re.IGNORECASE)
_HEADER = 20000
_INCORPORATED = re.compile(r",?\s(?:Inc|INC)\.?$")
_FUND_COMPANY = re.compile(r"\bfunds?,?\s(?:inc|incorporated)\.?$", re.IGNORECASE)


def _file(source: Source | None) -> str | None:
    if source is None:
        return None
    return source.name or source.url or source.accession


def looks_like_edition(data: str | bytes) -> bool:
    """Whether ``data`` is a base edition (prospectus, summary prospectus, SAI), not a
    supplement, as its content shows (:func:`~prospectus_ledger.parsing.identify.identify`).
    Empty or binary data is not an edition."""
    try:
        return identify(data).kind == "edition"
    except InvalidFilingError:
        return False


def _registrant(read: Input, facts: Facts, first_part: int) -> str | None:
    named = facts.values.get("dei:EntityRegistrantName")
    if named and named[0]:
        return named[0]
    from_header = registrant_from_text(read.text, None)
    if from_header:
        return from_header
    from_page = registrant_from_units(read.units[:first_part])
    if from_page:
        return from_page
    return registrant_from_text("", read.root)


def _cik(read: Input, facts: Facts) -> str | None:
    value = facts.values.get("dei:EntityCentralIndexKey")
    if value and value[0]:
        return value[0]
    match = _CIK.search(read.text[:20000])
    return match.group(1) if match else None


def parse_edition_details(
    data: str | bytes, source: SourceLike = None, *, identity: Identity | None = None
) -> EditionDetails:
    """Parse a base edition into its documents and everything else it says about itself.

    Args:
        data: the filing as text or bytes (HTML, inline XBRL, EDGAR plain
            text, or an EDGAR submission file).
        source: where the filing came from; its SHA-256 is filled in when
            missing, and so are the accession number and filing date of an
            EDGAR header.
        identity: what the filing is, when :func:`~..identify.identify` has
            read it already.

    A first line saying ``illustrative: true`` (a base written by hand)
    marks every document illustrative.

    Raises:
        InvalidFilingError: for empty or binary data, a supplement (form 497)
            rather than an edition, or a filing in which no prospectus or
            statement of additional information can be found.
    """
    given = as_source(source)
    file = _file(given)
    text = decode_filing(data, file=file)
    header = submission_header(text)
    source = with_header(attrs.evolve(given, sha256=given.sha256 or sha256_of(data)), header)
    form = declared_form(text) or source.form
    identity = identity or identify(text, form=source.form)
    # Asked for an edition, the reader reads one unless the text says it is a supplement.
    if identity.kind == "supplement" and identity.evidence.opening:
        raise InvalidFilingError(
            file,
            f"this is a supplement ({identity.verdict}), not a base edition; "
            "parse it with parse_filing",
        )
    read = read_input(text, file=file)
    parts = find_parts(read.units) or _whole(read.units, identity)
    if not parts:
        described = f"form {form}" if form else "the filing"
        raise InvalidFilingError(
            file,
            f"{described} holds no prospectus or statement of additional information "
            "(no page titled 'Prospectus', 'Summary Prospectus' or "
            "'Statement of Additional Information')",
            line=next((unit.line for unit in read.units if isinstance(unit, Para)), None),
        )
    facts = read_facts(read.root)
    # EDGAR's filer (a manifest's company) when the document prints no registrant.
    registrant = _registrant(read, facts, parts[0].start) or source.company
    # The filer of an edition is its registrant, whose CIK is its identity.
    source = attrs.evolve(source, cik=_cik(read, facts) or source.cik)
    illustrative = _ILLUSTRATIVE.search(text[:_HEADER]) is not None
    header_series = list(header.series)
    names = {heading_key(s.name): s.name for s in header_series if s.name}
    documents = [
        read_document(
            read.units,
            part,
            plain=read.plain,
            registrant=registrant,
            source=source,
            illustrative=illustrative,
            names=names,
        )
        for part in parts
    ]
    portfolios: dict[str, None] = {}
    for item in documents:
        portfolios.update(dict.fromkeys(item.document.portfolios))
    if registrant is None and len(portfolios) == 1 and _INCORPORATED.search(next(iter(portfolios))):
        # One fund that is a company of its own ("Value Line ... Fund, Inc."): the registrant.
        registrant = next(iter(portfolios))
        documents = [
            attrs.evolve(item, document=attrs.evolve(item.document, registrant=registrant))
            for item in documents
        ]
    if registrant is not None and not portfolios and _FUND_COMPANY.search(registrant):
        # A fund that is a company of its own is its one portfolio (its name was
        # kept out of the portfolios as the registrant's).
        portfolios = {registrant: None}
        documents = [
            attrs.evolve(item, document=attrs.evolve(item.document, portfolios=(registrant,)))
            for item in documents
        ]
    if portfolios:
        # A statement of additional information that names no fund of its own is
        # the filing's: it covers the funds of the prospectuses filed with it.
        documents = [
            attrs.evolve(item, document=attrs.evolve(item.document, portfolios=tuple(portfolios)))
            if item.document.kind is DocumentKind.SAI and not item.document.portfolios
            else item
            for item in documents
        ]
    series = (
        header_series
        or series_from_facts(facts, read.units, list(portfolios))
        or [found for item in documents for found in item.document.series]
    )
    return EditionDetails(
        source,
        registrant,
        source.cik,
        form,
        tuple(item.document for item in documents),
        tuple(item.details for item in documents),
        tuple(series),
    )


def _whole(units: Sequence[Unit], identity: Identity) -> list[Part]:
    """The whole filing as the one document its content shows it is, when no page is
    titled as a document (a summary prospectus whose cover prints no "Summary
    Prospectus" line the reader can find as a title)."""
    if not identity.documents:
        return []
    first = next((index for index, unit in enumerate(units) if isinstance(unit, Para)), None)
    if first is None:
        return []
    para = units[first]
    title = para.first_line_text if isinstance(para, Para) else ""
    return [Part(identity.documents[0], title, first, len(units))]


def parse_editions(
    data: str | bytes, source: SourceLike = None, *, identity: Identity | None = None
) -> list[Document]:
    """Parse a base edition (form 485BPOS) into its documents, in filing order.

    Each document -- prospectus, summary prospectus, statement of additional
    information -- is a complete :class:`~prospectus_ledger.tree.Document`
    with its registrant, its date (from its cover), its portfolios and its
    sections.  The facing page, Part C, signatures and the exhibit index are
    not documents.

    Raises:
        InvalidFilingError: see :func:`parse_edition_details`.
    """
    details = parse_edition_details(data, source, identity=identity)
    if not details.series:
        return list(details.documents)
    return [attrs.evolve(document, series=details.series) for document in details.documents]
