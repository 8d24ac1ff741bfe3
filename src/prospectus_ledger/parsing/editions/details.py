"""What parsing an edition finds besides the document trees.

:class:`EditionDetails` holds the documents together with what the core
:class:`~prospectus_ledger.tree.Document` has no room for: the series and
class identifiers, each document's cover (front matter), its table of
contents, and every piece of page furniture that was left out, with the
reason.
"""

from __future__ import annotations

import attrs

from ..._text import heading_key
from ...errors import UnknownScopeError
from ...provenance import Source
from ...tree import Block, Document, DocumentKind, Series, ShareClass

__all__ = [
    "ContentsEntry",
    "DocumentDetails",
    "EditionDetails",
    "HeadingInfo",
    "LeftOut",
    "SeriesInfo",
    "ShareClassInfo",
]


# The identifiers are part of the document model; these names are kept for the parser.
ShareClassInfo = ShareClass
SeriesInfo = Series


@attrs.frozen
class ContentsEntry:
    """An entry of a document's table of contents.

    Attributes:
        text: the heading as the table lists it.
        level: its outline level (1 for the top).
    """

    text: str
    level: int


@attrs.frozen
class HeadingInfo:
    """A heading the parser found, with where it is printed.

    Attributes:
        text: the heading as printed.
        level: its level in the document tree (1 for the top).
        line: the 1-based line of the filing where it is.
    """

    text: str
    level: int
    line: int


@attrs.frozen
class LeftOut:
    """A line printed in the filing that is not prospectus text.

    Attributes:
        line: the 1-based line of the filing where it is.
        text: what it says.
        reason: why it was left out ("page number", "running header", ...).
    """

    line: int
    text: str
    reason: str


@attrs.frozen
class DocumentDetails:
    """One document of an edition, as found in the filing.

    Attributes:
        kind: which document.
        title: its title as printed ("Statement of Additional Information").
        first_line: the filing line where it starts (its title).
        last_line: the filing line of its last text.
        front_matter: the cover and anything else before its first heading,
            the table of contents excepted.
        contents: its table of contents, if it has one.
        headings: every heading of its tree, in document order.
        left_out: the page furniture left out of its text.
    """

    kind: DocumentKind
    title: str
    first_line: int
    last_line: int
    front_matter: tuple[Block, ...] = ()
    contents: tuple[ContentsEntry, ...] = ()
    headings: tuple[HeadingInfo, ...] = ()
    left_out: tuple[LeftOut, ...] = ()


@attrs.frozen
class EditionDetails:
    """Everything read from a base edition (a 485BPOS filing).

    Attributes:
        source: the filing.
        registrant: the trust or company that filed it, as printed.
        cik: its EDGAR central index key without leading zeros, when the filing (or
            its manifest) gives it.
        form: the form type the filing declares ("485BPOS"), if any.
        documents: the documents, in filing order.
        parts: for each document (same order), where it is and what was
            left out of it.
        series: the series and classes the filing identifies.
    """

    source: Source
    registrant: str | None
    cik: str | None
    form: str | None
    documents: tuple[Document, ...]
    parts: tuple[DocumentDetails, ...]
    series: tuple[SeriesInfo, ...] = ()

    def document(self, kind: DocumentKind | str) -> Document:
        """The first document of ``kind`` ("prospectus", "sai", ...).

        Raises:
            InvalidLedgerDataError: when ``kind`` is not a document kind.
            UnknownScopeError: when the edition has no such document.
        """
        wanted = DocumentKind.parse(kind)
        for document in self.documents:
            if document.kind is wanted:
                return document
        raise UnknownScopeError(
            "document", wanted.value, [document.kind.value for document in self.documents]
        )

    def series_named(self, name: str) -> SeriesInfo | None:
        """The series whose name matches ``name`` as headings match, if any."""
        key = heading_key(name)
        return next(
            (series for series in self.series if series.name and heading_key(series.name) == key),
            None,
        )
