"""Reading filings for a store: in this process or a pool, or already parsed elsewhere."""

from __future__ import annotations

import concurrent.futures
import functools
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from .errors import InvalidFilingError, ProspectusLedgerError
from .files import DEFAULT_MAX_FILING_BYTES, PathLike, guarded, read_file
from .provenance import Source
from .supplement import Supplement
from .tree import Document


def _supplement_tuple(items: Iterable[Supplement]) -> tuple[Supplement, ...]:
    return tuple(items)


def _document_tuple(items: Iterable[Document]) -> tuple[Document, ...]:
    return tuple(items)


def _size(content: bytes) -> str:
    return f"<{len(content):,} bytes>"


@attrs.frozen
class ParsedFiling:
    """A file read and parsed, ready for :meth:`Store.add_parsed`.

    Make one with :meth:`read`, in any process: it pickles, so a pool or a
    cluster can parse filings and hand them to the one task that writes a
    store, which then parses nothing again.

    Attributes:
        name: the file's name, stored as the filing's name.
        content: the file's bytes, stored as they are (their SHA-256 is the
            filing's identity).
        supplements: the supplements the file holds.
        documents: the base editions the file holds.
    """

    name: str | None
    content: bytes = attrs.field(repr=_size)
    supplements: tuple[Supplement, ...] = attrs.field(default=(), converter=_supplement_tuple)
    documents: tuple[Document, ...] = attrs.field(default=(), converter=_document_tuple)

    @classmethod
    def read(
        cls,
        path: PathLike,
        *,
        max_bytes: int = DEFAULT_MAX_FILING_BYTES,
        source: Source | None = None,
    ) -> ParsedFiling:
        """Read and parse one file, as :meth:`Store.ingest` does (``.md`` bases, ``.json``
        exports, anything else a filing); ``source`` is what is known of the
        filing beyond its bytes (a manifest's row).

        Raises:
            InvalidFilingError: when the file cannot be read or parsed, naming it.
            InvalidLedgerDataError: for a ``.json`` file that is not a valid export.
        """
        file = Path(path)
        content, supplements, documents = guarded(
            file, lambda: read_file(file, max_bytes=max_bytes, source=source)
        )
        return cls(file.name, content, supplements, documents)


def _read_one(path: str, source: Source, max_bytes: int) -> ParsedFiling | tuple[str, str]:
    """Worker: read and parse one file; an error comes back as (its class name, message)."""
    try:
        return ParsedFiling.read(path, max_bytes=max_bytes, source=source)
    except ProspectusLedgerError as error:
        return type(error).__name__, str(error)


def read_all(
    files: Sequence[Path], jobs: int | None, max_bytes: int, sources: Sequence[Source]
) -> Iterator[tuple[Path, ParsedFiling | ProspectusLedgerError]]:
    """Each file parsed, or the error reading it, in order; ``sources`` are what is
    known of each beyond its bytes.  ``jobs`` processes parse (``None``: one per
    core), and parsed filings come back pickled."""
    if jobs == 1 or len(files) < 2:
        for file, source in zip(files, sources, strict=True):
            try:
                yield file, ParsedFiling.read(file, max_bytes=max_bytes, source=source)
            except ProspectusLedgerError as error:
                yield file, error
        return
    workers = jobs or os.cpu_count() or 1
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        read = functools.partial(_read_one, max_bytes=max_bytes)
        results = pool.map(read, map(str, files), sources, chunksize=4)
        for file, result in zip(files, results, strict=True):
            if isinstance(result, ParsedFiling):
                yield file, result
            else:
                yield file, InvalidFilingError(str(file), f"{result[0]}: {result[1]}")
