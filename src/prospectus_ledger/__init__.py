"""prospectus-ledger: what a fund's prospectus said at any instant.

Load base editions and supplements (SEC forms 485BPOS and 497), and ask what
any section said at any instant, and where each sentence came from::

    import prospectus_ledger as pl

    ledger = pl.load("seeds/")
    ledger.as_of("2007-05-22").section("Principal Investment Strategy").text
"""

from __future__ import annotations

from ._text import heading_key, split_heading_path
from .catalog import EditionSummary, PortfolioSummary
from .diff import LedgerDiff, RedlineSegment, SectionChange, redline
from .edgar import load_edgar
from .errors import (
    AmbiguousSectionError,
    BlockNotFoundError,
    EditionNotFoundError,
    InvalidDateError,
    InvalidFilingError,
    InvalidLedgerDataError,
    InvalidManifestError,
    NoTextKnownError,
    ProspectusLedgerError,
    SectionNotFoundError,
    StoreError,
    TextNotFoundError,
    UnknownScopeError,
)
from .history import History, SectionVersion
from .instants import NEW_YORK, parse_when
from .ledger import Ledger, load
from .operations import (
    BlockLocator,
    DeleteBlock,
    DeleteSection,
    InsertBlocks,
    InsertSection,
    Notice,
    Operation,
    ReplaceBlock,
    ReplaceSection,
    SectionTarget,
    SentenceSpan,
    SubstituteText,
)
from .parsing import parse_filing
from .provenance import Provenance, Source
from .snapshot import Sections, SectionView, Snapshot
from .store import ParsedFiling, Store, StoredLedger, open_store
from .supplement import Amendment, DocumentRef, Supplement
from .timeline import Problem, Problems, Timeline, TimelineEntry
from .tree import (
    Block,
    BulletList,
    Document,
    DocumentKind,
    Paragraph,
    Section,
    Series,
    ShareClass,
    Table,
)

__all__ = [
    "NEW_YORK",
    "AmbiguousSectionError",
    "Amendment",
    "Block",
    "BlockLocator",
    "BlockNotFoundError",
    "BulletList",
    "DeleteBlock",
    "DeleteSection",
    "Document",
    "DocumentKind",
    "DocumentRef",
    "EditionNotFoundError",
    "EditionSummary",
    "History",
    "InsertBlocks",
    "InsertSection",
    "InvalidDateError",
    "InvalidFilingError",
    "InvalidLedgerDataError",
    "InvalidManifestError",
    "Ledger",
    "LedgerDiff",
    "NoTextKnownError",
    "Notice",
    "Operation",
    "Paragraph",
    "ParsedFiling",
    "PortfolioSummary",
    "Problem",
    "Problems",
    "ProspectusLedgerError",
    "Provenance",
    "RedlineSegment",
    "ReplaceBlock",
    "ReplaceSection",
    "Section",
    "SectionChange",
    "SectionNotFoundError",
    "SectionTarget",
    "SectionVersion",
    "SectionView",
    "Sections",
    "SentenceSpan",
    "Series",
    "ShareClass",
    "Snapshot",
    "Source",
    "Store",
    "StoreError",
    "StoredLedger",
    "SubstituteText",
    "Supplement",
    "Table",
    "TextNotFoundError",
    "Timeline",
    "TimelineEntry",
    "UnknownScopeError",
    "heading_key",
    "load",
    "load_edgar",
    "open_store",
    "parse_filing",
    "parse_when",
    "redline",
    "split_heading_path",
]
