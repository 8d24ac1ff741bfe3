"""Reading one file or one filing's bytes: size limits, what a file holds, and the guard
that keeps one unreadable file from stopping a load or an ingest of many."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Literal, TypeAlias, TypeVar

import attrs

from .authoring import read_markdown
from .errors import InvalidFilingError, ProspectusLedgerError
from .provenance import Source
from .supplement import Supplement
from .tree import Document

__all__ = [
    "DEFAULT_MAX_FILING_BYTES",
    "ErrorMode",
    "PathLike",
    "guarded",
    "parse_any",
    "read_bytes",
    "read_file",
    "too_large",
]

DEFAULT_MAX_FILING_BYTES = 64 * 1024 * 1024
"""The largest filing read by default (64 MiB; the largest 485BPOS filings are a few MB)."""

PathLike: TypeAlias = str | os.PathLike[str]


def read_bytes(file: Path, max_bytes: int = DEFAULT_MAX_FILING_BYTES) -> bytes:
    """A file's bytes, refusing files over ``max_bytes`` before reading them.

    Raises:
        InvalidFilingError: for a file that cannot be read or is too large.
    """
    try:
        size = file.stat().st_size
        if size > max_bytes:
            raise InvalidFilingError(str(file), too_large(size, max_bytes))
        return file.read_bytes()
    except OSError as error:
        raise InvalidFilingError(str(file), f"cannot be read: {error.strerror or error}") from error


def too_large(size: int, limit: int) -> str:
    """The reason a filing of ``size`` bytes is refused under ``limit``."""
    return (
        f"is {size:,} bytes; the limit is {limit:,} bytes "
        "(raise it with max_filing_bytes=..., or --max-filing-bytes on the command line)"
    )


def read_file(
    path: PathLike, *, max_bytes: int = DEFAULT_MAX_FILING_BYTES, source: Source | None = None
) -> tuple[bytes, list[Supplement], list[Document]]:
    """Read and parse one file: its bytes, the supplements and base editions it holds.

    ``.md`` files are Markdown bases, ``.json`` files ledger exports, anything
    else a filing.  ``source`` is what is known of the filing beyond its bytes
    (a manifest's row); its name is the file's.

    Raises:
        InvalidFilingError: when the file cannot be read or parsed.
        InvalidLedgerDataError: for a ``.json`` file that is not a valid export.
    """
    file = Path(path)
    source = attrs.evolve(source or Source(), name=file.name)
    data = read_bytes(file, max_bytes)
    suffix = file.suffix.lower()
    if suffix == ".md":
        return data, [], [read_markdown(data, source)]
    if suffix == ".json":
        from .ledger import Ledger  # the ledger reads files through this module

        imported = Ledger.from_json(data, file=str(file))
        return data, list(imported.supplements), list(imported.documents)
    supplements, documents, _doubt = parse_any(data, source, max_bytes=max_bytes)
    return data, supplements, documents


def parse_any(
    data: bytes, source: Source, *, max_bytes: int = DEFAULT_MAX_FILING_BYTES
) -> tuple[list[Supplement], list[Document], str | None]:
    """A filing's supplements or base-edition documents, as its content shows it holds
    (:func:`~prospectus_ledger.parsing.identify.identify`), and the doubt to report
    when the evidence for that is weak (else ``None``).

    Raises:
        InvalidFilingError: for data that is neither, or larger than ``max_bytes``.
    """
    if len(data) > max_bytes:
        raise InvalidFilingError(source.name or source.label, too_large(len(data), max_bytes))
    from .parsing import parse_filing
    from .parsing.decoding import decode_filing, sha256_of
    from .parsing.editions import parse_editions
    from .parsing.identify import identify

    # Decoded once, for telling what it is and for reading it; its identity stays the
    # hash of its bytes.
    text = decode_filing(data, file=source.name or source.label)
    source = attrs.evolve(source, sha256=source.sha256 or sha256_of(data))
    identity = identify(text, form=source.form)
    if identity.kind == "edition":
        return [], parse_editions(text, source, identity=identity), identity.doubt
    return parse_filing(text, source), [], identity.doubt


ErrorMode: TypeAlias = Literal["raise", "record"]

_T = TypeVar("_T")


def guarded(file: Path, read: Callable[[], _T]) -> _T:
    """``read()``, with any error that is not the library's own turned into an
    :class:`InvalidFilingError` naming ``file``: one file the library cannot read must
    never stop a load or an ingest of many (the others are read and kept)."""
    try:
        return read()
    except ProspectusLedgerError:
        raise
    except Exception as error:  # the point: whatever a hostile file provokes
        raise InvalidFilingError(
            str(file),
            f"cannot be read ({type(error).__name__}: {str(error)[:200]}); "
            "this is a defect of prospectus-ledger, please report it",
        ) from error
