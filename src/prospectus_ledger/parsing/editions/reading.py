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

import attrs
import pendulum

from ..._text import heading_key
from ...errors import InvalidFilingError
from ...provenance import Source
from ...tree import Document
from ..decoding import decode_filing, sha256_of
from ._edition import read_document
from ._input import Input, declared_form, read_input, visible_head
from ._layout import Para
from ._metadata import (
    Facts,
    read_facts,
    registrant_from_text,
    registrant_from_units,
    series_from_facts,
    series_from_header,
)
from ._parts import find_parts
from .details import EditionDetails

__all__ = ["looks_like_edition", "parse_edition_details", "parse_editions"]

_SUPPLEMENT = re.compile(
    r"\bsupplement\s+(?:dated|to\s+(?:the\s+|each\s+|our\s+)?(?:current\s+)?"
    r"(?:summary\s+|statutory\s+)?(?:prospectus|statement|sai))"
    r"|\b(?:prospectus|information|sai)\s+supplement\b",
    re.IGNORECASE,
)
_FACING = re.compile(r"\bpost-effective\s+amendment\s+no\b", re.IGNORECASE)
_REGISTRATION = re.compile(
    r"\bregistration\s+statement\s+under\s+the\s+(?:securities|investment\s+company)\s+act",
    re.IGNORECASE,
)
_CIK = re.compile(r"CENTRAL INDEX KEY:[ \t]*(\d{4,10})")
_ACCESSION = re.compile(r"ACCESSION NUMBER:[ \t]*(\d{10}-\d{2}-\d{6})")
_FILED = re.compile(r"FILED AS OF DATE:[ \t]*(\d{4})(\d{2})(\d{2})")
_ILLUSTRATIVE = re.compile(r"\billustrative\s*:\s*true\b", re.IGNORECASE)
_HEADER = 20000
_SUPPLEMENT_HEAD = 3000


def _file(source: Source | None) -> str | None:
    if source is None:
        return None
    return source.name or source.url or source.accession


def looks_like_edition(data: str | bytes) -> bool:
    """Whether ``data`` is a base edition (485BPOS-style full prospectus/SAI), not a supplement.

    Cheap: it reads the declared form type (EDGAR header, ``<TYPE>``,
    ``dei:DocumentType``) and, when there is none, the first few thousand
    characters of text: a facing page ("Post-Effective Amendment No." and
    "Registration Statement under the Securities Act") marks an edition, a
    "Supplement dated ..." opening a supplement.  Empty or binary data is not
    an edition.
    """
    try:
        text = decode_filing(data)
    except InvalidFilingError:
        return False
    form = declared_form(text)
    if form is not None:
        return form.startswith("485")
    head = visible_head(text)
    if _SUPPLEMENT.search(head[:_SUPPLEMENT_HEAD]):
        return False
    return _FACING.search(head) is not None and _REGISTRATION.search(head) is not None


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


def _source(given: Source | None, data: str | bytes, text: str) -> Source:
    """``given`` with the SHA-256, and the accession and filing date of an EDGAR header."""
    given = given or Source()
    accession = _ACCESSION.search(text[:_HEADER])
    filed = _FILED.search(text[:_HEADER])
    filed_on: pendulum.Date | None = None
    if filed is not None:
        try:
            filed_on = pendulum.date(*(int(part) for part in filed.groups()))
        except ValueError:
            filed_on = None
    return attrs.evolve(
        given,
        sha256=given.sha256 or sha256_of(data),
        accession=given.accession or (accession.group(1) if accession else None),
        filed=given.filed or filed_on,
    )


def parse_edition_details(data: str | bytes, source: Source | None = None) -> EditionDetails:
    """Parse a base edition into its documents and everything else it says about itself.

    Args:
        data: the filing as text or bytes (HTML, inline XBRL, EDGAR plain
            text, or an EDGAR submission file).
        source: where the filing came from; its SHA-256 is filled in when
            missing, and so are the accession number and filing date of an
            EDGAR header.

    A first line saying ``illustrative: true`` (a base written by hand)
    marks every document illustrative.

    Raises:
        InvalidFilingError: for empty or binary data, a supplement (form 497)
            rather than an edition, or a filing in which no prospectus or
            statement of additional information can be found.
    """
    file = _file(source)
    text = decode_filing(data, file=file)
    source = _source(source, data, text)
    form = declared_form(text)
    head = visible_head(text)
    if (form is None or not form.startswith("485")) and _SUPPLEMENT.search(head[:_SUPPLEMENT_HEAD]):
        raise InvalidFilingError(
            file,
            "this is a supplement (it opens with 'Supplement dated/to ...'), not a base edition; "
            "parse it with parse_filing",
        )
    read = read_input(text)
    parts = find_parts(read.units)
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
    registrant = _registrant(read, facts, parts[0].start)
    illustrative = _ILLUSTRATIVE.search(text[:_HEADER]) is not None
    header_series = series_from_header(text)
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
    series = header_series or series_from_facts(facts, read.units, list(portfolios))
    return EditionDetails(
        source,
        registrant,
        _cik(read, facts),
        form,
        tuple(item.document for item in documents),
        tuple(item.details for item in documents),
        tuple(series),
    )


def parse_editions(data: str | bytes, source: Source | None = None) -> list[Document]:
    """Parse a base edition (form 485BPOS) into its documents, in filing order.

    Each document -- prospectus, summary prospectus, statement of additional
    information -- is a complete :class:`~prospectus_ledger.tree.Document`
    with its registrant, its date (from its cover), its portfolios and its
    sections.  The facing page, Part C, signatures and the exhibit index are
    not documents.

    Raises:
        InvalidFilingError: see :func:`parse_edition_details`.
    """
    details = parse_edition_details(data, source)
    if not details.series:
        return list(details.documents)
    return [attrs.evolve(document, series=details.series) for document in details.documents]
