"""The ledger: editions and supplements, and what they said at any instant."""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from ._text import heading_key, split_heading_path
from .catalog import EditionSummary, PortfolioSummary, editions_of, portfolios_of
from .diff import LedgerDiff, diff_snapshots
from .engine import compiled as _engine
from .engine.compiled import Compiled
from .engine.contents import Contents, MemoryContents
from .engine.registrants import document_registrant
from .engine.section_versions import edition_versions
from .engine.tracks import TrackSource
from .errors import (
    AmbiguousSectionError,
    InvalidFilingError,
    InvalidLedgerDataError,
    InvalidManifestError,
    ProspectusLedgerError,
)
from .files import (
    DEFAULT_MAX_FILING_BYTES,
    ErrorMode,
    PathLike,
    guarded,
    parse_any,
    read_bytes,
    read_file,
)
from .history import History, SectionVersion
from .instants import parse_when, query_instant, start_of_day
from .manifest import Manifest, as_manifest, sources_for
from .provenance import Source, SourceLike, as_source
from .reconcile import Reconciliation, reconcile
from .serialize import EXPORT_VERSION, LedgerData, dumps, loads
from .snapshot import Snapshot, resolve_portfolio
from .sources import find_sources
from .supplement import Supplement
from .timeline import Problem, Problems, Timeline, problems_of, timeline_of
from .tree import Document, DocumentKind, Series
from .versions import Versions, versions_of

__all__ = ["ErrorMode", "Ledger", "load"]


class Ledger:
    """Editions and supplements of prospectus documents, queried as of any instant.

    Build one with :func:`prospectus_ledger.load` or add to an empty one::

        ledger = Ledger()
        ledger.add_file("seeds/000_6de0636f7720f9ef.txt")
        ledger.as_of("2007-05-22").section("Principal Investment Strategy").text

    Adding is atomic: a filing that cannot be read raises before anything is
    changed.  The order in which filings are added never changes an answer,
    and adding the same filing twice changes nothing.
    """

    def __init__(
        self,
        *,
        max_filing_bytes: int = DEFAULT_MAX_FILING_BYTES,
        contents: Contents | None = None,
    ) -> None:
        self.max_filing_bytes = max_filing_bytes
        # Where what the ledger holds is kept: in memory unless given (a store's).
        self._contents: Contents = contents if contents is not None else MemoryContents()
        self._file_problems: dict[str, Problem] = {}

    # -- adding ------------------------------------------------------------

    def add_supplement(self, supplement: Supplement) -> bool:
        """Add a supplement; return ``False`` if the ledger already held it.

        Raises:
            StoreError: on a ledger over a store, which keeps filings: add them with
                :meth:`add_file` or :meth:`add_filing`.
        """
        return self._contents.add_supplement(supplement)

    def add_document(self, document: Document) -> bool:
        """Add a base edition; return ``False`` if the ledger already held it.

        Raises:
            StoreError: on a ledger over a store (see :meth:`add_supplement`).
        """
        return self._contents.add_document(document)

    def add_filing(self, data: str | bytes, source: SourceLike = None) -> list[Supplement]:
        """Parse one filing and add what it holds; return its supplements.

        A base edition (form 485BPOS) adds its documents (prospectus, summary
        prospectus, SAI); a supplement (form 497) its supplements.  A filing
        already added (same bytes) is not parsed again.

        Raises:
            InvalidFilingError: for empty, binary or unreadable data; the
                ledger is unchanged.
        """
        return self._add_filing(data, as_source(source))

    def add_edgar(self, filing: object) -> list[Supplement]:
        """Add an edgartools ``Filing`` (the ``edgar`` extra): its main document, with
        its form, filing date, accession, filer and series (see
        :mod:`prospectus_ledger.edgar`); return its supplements.

        Raises:
            InvalidFilingError: when the filing gives no document, or it cannot be read.
        """
        from .edgar import read_edgar

        read = read_edgar(filing)
        return self._add_filing(read.text, read.source, read.series)

    def _add_filing(
        self, data: str | bytes, source: Source, series: tuple[Series, ...] = ()
    ) -> list[Supplement]:
        raw = data.encode("utf-8", errors="surrogatepass") if isinstance(data, str) else data
        digest = hashlib.sha256(raw).hexdigest()
        source = attrs.evolve(source, sha256=digest)
        if self._contents.holds(digest):
            return []
        supplements, documents, doubt = parse_any(raw, source, max_bytes=self.max_filing_bytes)
        if series:
            # The series its submission header lists, when the text came without it.
            supplements = [attrs.evolve(s, series=s.series or series) for s in supplements]
        if not self._contents.add_filing(source.name, raw, supplements, documents):
            return []
        if doubt is not None:
            self._file_problems[source.name or source.label] = Problem(
                kind="uncertain_kind", reason=doubt, source=source
            )
        return supplements

    def add_file(self, path: PathLike, source: Source | None = None) -> list[Supplement]:
        """Read a file and add what it holds; return the supplements it held.

        ``.md`` files are Markdown bases (:mod:`prospectus_ledger.authoring`),
        ``.json`` files are ledger exports (:meth:`to_json`); anything else is
        a filing (see :meth:`add_filing`).  ``source`` is what is known of the
        filing beyond its bytes (a manifest's row:
        :meth:`~prospectus_ledger.manifest.Manifest.source_for`); its name is
        the file's.

        Raises:
            InvalidFilingError: when the file cannot be read or parsed; the
                error names the file.
            InvalidLedgerDataError: for a ``.json`` file that is not a valid export.
        """
        file = Path(path)
        source = attrs.evolve(source or Source(), name=file.name)
        if file.suffix.lower() not in (".md", ".json"):
            return self.add_filing(read_bytes(file, self.max_filing_bytes), source)
        data, supplements, documents = read_file(
            file, max_bytes=self.max_filing_bytes, source=source
        )
        if not self._contents.add_filing(file.name, data, supplements, documents):
            return []
        return supplements

    # -- export ------------------------------------------------------------

    def to_json(self, *, indent: int | None = 2) -> str:
        """The ledger's documents and supplements as JSON (same content, same text)."""
        return dumps(LedgerData(self.documents, self.supplements), indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes, *, file: str | None = None) -> Ledger:
        """A new ledger from :meth:`to_json` output.

        Raises:
            InvalidLedgerDataError: for malformed JSON, unknown or invalid
                fields, or an export of another format or a newer version.
        """
        data = loads(text, LedgerData, file=file)
        if data.format != "prospectus-ledger":
            raise InvalidLedgerDataError(
                f"not a prospectus-ledger export (format {data.format!r})", file=file
            )
        if data.version > EXPORT_VERSION:
            raise InvalidLedgerDataError(
                f"export version {data.version} is newer than this library reads "
                f"({EXPORT_VERSION})",
                file=file,
            )
        ledger = cls()
        for document in data.documents:
            ledger.add_document(document)
        for supplement in data.supplements:
            ledger.add_supplement(supplement)
        return ledger

    def record_skipped(self, file: str, reason: str) -> None:
        """Keep a file a folder held and the load left out as a ``skipped_file`` problem."""
        self._file_problems[file] = Problem(
            kind="skipped_file", reason=f"left out: {reason}", source=Source(name=file)
        )

    def record_unreadable(self, file: str, error: ProspectusLedgerError) -> None:
        """Keep a filing that could not be read as a problem instead of raising."""
        self._file_problems[file] = Problem(
            kind="unreadable_file",
            reason=str(error),
            source=Source(name=file),
            place=f"line {error.line}"
            if isinstance(error, InvalidFilingError) and error.line
            else None,
        )

    # -- contents ----------------------------------------------------------

    @property
    def supplements(self) -> tuple[Supplement, ...]:
        """The supplements held, in a stable order (by date, then identity)."""
        return self._contents.supplements()

    @property
    def documents(self) -> tuple[Document, ...]:
        """The base editions held, in a stable order."""
        return self._contents.documents()

    def _compile(self) -> Compiled:
        return self._contents.compiled()

    # -- queries -----------------------------------------------------------

    def as_of(self, when: object, known_at: object = None) -> Snapshot:
        """What every document said at ``when``, applying what was known at ``known_at``.

        ``when`` and ``known_at`` are ISO strings, dates or datetimes.  A date
        means the end of that day in New York; a datetime means that instant
        (naive ones are New York time).  ``known_at=None`` applies everything.

        Raises:
            InvalidDateError: for times that cannot be read or do not exist.
        """
        instant, key = query_instant(when)
        known = parse_when(known_at) if known_at is not None else None
        return Snapshot(self._contents.states(known), instant, known, _when_key=key)

    def as_of_many(self, questions: object) -> Any:
        """Many questions at once, as a DataFrame with one row per question: its text,
        heading path, edition, effective and known-from instants and source, or the
        library's message in ``error`` (see :mod:`prospectus_ledger.batch`).

        ``questions`` is a DataFrame, an Arrow table, or an iterable of mappings or
        tuples with ``when`` and ``path``, and optionally ``portfolio``, ``document``
        and ``known_at``.

        The first call about a path works out when each of its versions answers; the
        ledger keeps that, and every answer it gave, until it changes, so that asking
        again (a nightly job's next batch) costs a few array searches.  Those answers
        are held in memory: one text per version asked about.

        Raises:
            InvalidLedgerDataError: for a question without ``when`` or ``path``.
        """
        from .batch import answer_frame

        return answer_frame(self, questions)

    def _track_source(self) -> TrackSource:
        """What answers many instants at once, everything known."""
        return self._contents.tracks()

    def history(
        self,
        path: str | Sequence[str],
        portfolio: str | None = None,
        document: DocumentKind | str | None = None,
    ) -> History:
        """Every version of a section, across editions, with validity and provenance;
        ``portfolio`` is a name, a series ID, a class ID or a ticker.

        Raises:
            AmbiguousSectionError: when the path names sections of several
                portfolios or documents at some point; scope it.
        """
        compiled = self._compile()
        headings = split_heading_path(path)
        kind = DocumentKind.parse(document) if document is not None else None
        if portfolio is not None:
            portfolio = resolve_portfolio(compiled, portfolio)
        versions: list[SectionVersion] = []
        for edition in compiled.chained():
            if kind is None or edition.document.kind == kind:
                versions.extend(edition_versions(compiled, edition, headings, portfolio))
        owners = {(v.document, v.portfolio and heading_key(v.portfolio)) for v in versions}
        if len(owners) > 1:
            raise AmbiguousSectionError(
                headings,
                sorted(
                    {
                        f"{v.edition} [{v.portfolio or 'shared'}]: {' -- '.join(v.path)}"
                        for v in versions
                    }
                ),
                hint="pass portfolio= or document= to history()",
            )
        versions.sort(key=lambda version: version.valid_from)
        return History(headings, tuple(versions))

    def editions(self) -> list[EditionSummary]:
        """Every edition held, its base loaded or known only from supplements, with when
        it is in force (:class:`~prospectus_ledger.catalog.EditionSummary`)."""
        return editions_of(self._compile())

    def versions(self) -> Versions:
        """The bitemporal version table: one row per version of every section (see
        :mod:`prospectus_ledger.versions`); ``.to_dataframe()`` gives a DataFrame."""
        return versions_of(self._compile())

    def portfolios(self) -> list[PortfolioSummary]:
        """Every portfolio, with its series IDs, classes and tickers."""
        return portfolios_of(self._compile())

    def reconcile(self, new_edition: Document) -> Reconciliation:
        """Compare the state just before ``new_edition`` takes effect with it, section by section.

        Use it to check a ledger against the issuer's own consolidation: every
        section a supplement changed should read the same in the next edition
        (status ``carried``); ``not_carried`` marks a likely error in the
        ledger's reading of a supplement or in the edition.  ``new_edition``
        need not be in the ledger.

        Raises:
            InvalidLedgerDataError: when the new edition has no date.
        """
        if new_edition.date is None:
            raise InvalidLedgerDataError(f"{new_edition.edition} has no date to reconcile at")
        compiled = self._compile()
        switch = start_of_day(new_edition.date)
        chain_key = (
            document_registrant(new_edition, compiled.aliases),
            new_edition.kind,
            _engine.edition_part(new_edition),
        )
        earlier = compiled.latest_before(chain_key, switch)
        if earlier is None:
            return reconcile(None, new_edition, switch=switch, previous=None)
        state = compiled.replay_of(earlier).state_at(switch.subtract(microseconds=1))
        return reconcile(state, new_edition, switch=switch, previous=earlier.name)

    def diff(self, before: object, after: object) -> LedgerDiff:
        """Sections added, removed and changed between two instants, with redlines."""
        return diff_snapshots(self.as_of(before), self.as_of(after))

    def timeline(self) -> Timeline:
        """Every amendment in effective order, notices and failures included."""
        return timeline_of(self._compile())

    def problems(self) -> Problems:
        """Every instruction or filing that was not applied as written, with the reason
        (a list; ``.to_dataframe()`` gives a DataFrame)."""
        problems = Problems(problems_of(self._compile()))
        problems.extend(self._file_problems[name] for name in sorted(self._file_problems))
        return problems

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__}{self._contents.label}: {len(self.documents)} base editions, "
            f"{len(self.supplements)} supplements>"
        )


def load(
    sources: PathLike | Iterable[PathLike],
    *,
    errors: ErrorMode = "raise",
    max_filing_bytes: int = DEFAULT_MAX_FILING_BYTES,
    manifest: PathLike | Manifest | None = None,
) -> Ledger:
    """Load a folder of filings, one file, or a list of files and folders into a new ledger;
    a store made by ``ingest`` (one SQLite file) is opened as :func:`open_store` opens it.

    Files in a folder are read by their content, whatever their names end with, but
    for the kinds :data:`~prospectus_ledger.sources.SKIPPED_IN_FOLDERS` lists, each
    left out as a ``skipped_file`` problem naming it.  With ``errors="record"``, a
    file that cannot be read becomes an ``unreadable_file`` problem (see
    :meth:`Ledger.problems`) instead of stopping the load.

    Files larger than ``max_filing_bytes`` are refused (see :data:`DEFAULT_MAX_FILING_BYTES`).

    ``manifest`` lists what EDGAR knows of each file that the file may not say
    (filing date, form, CIK, accession, URL, company): a CSV or JSON Lines
    file, or EDGAR's own ``master.idx``/``form.idx`` (see
    :mod:`prospectus_ledger.manifest`).

    Raises:
        InvalidFilingError: for a missing path, or (with ``errors="raise"``)
            the first file that cannot be read, naming it.
        InvalidManifestError: for a manifest that cannot be read, or that
            lists none of the files.
    """
    from .store import is_store_file, open_store

    single = [sources] if isinstance(sources, str | os.PathLike) else list(sources)
    if len(single) == 1 and is_store_file(single[0]):
        # A store made by `ingest`, opened as the command line opens one.
        if manifest is not None:
            raise InvalidManifestError(
                str(manifest),
                f"{single[0]} is a store, which keeps what it was ingested with; "
                "give the manifest to Store.ingest instead",
            )
        return open_store(single[0])
    ledger = Ledger(max_filing_bytes=max_filing_bytes)
    listing = as_manifest(manifest)
    found = find_sources(single, exclude=[listing.file] if listing is not None else [])
    for file, reason in found.skipped:
        ledger.record_skipped(str(file), reason)
    files = list(found.files)
    for file, source in zip(files, sources_for(files, listing), strict=True):
        try:
            guarded(file, functools.partial(ledger.add_file, file, source))
        except ProspectusLedgerError as error:
            if errors == "raise":
                raise
            ledger.record_unreadable(str(file), error)
    return ledger
