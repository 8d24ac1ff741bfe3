"""The files a source names: files given by name, and the files found in folders.

A file given by name is always read.  In a folder, every file is read by its
content, whatever its name ends with (``.htm``, ``.shtml``, no suffix at all),
except the kinds :data:`SKIPPED_IN_FOLDERS` lists; each file left out is named,
with the reason, so that nothing is skipped without a word.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TypeAlias

import attrs

from .errors import InvalidFilingError

__all__ = ["SKIPPED_IN_FOLDERS", "FoundSources", "expand_sources", "find_sources"]

PathLike: TypeAlias = str | os.PathLike[str]

SKIPPED_IN_FOLDERS: tuple[tuple[tuple[str, ...], str], ...] = (
    ((".csv", ".tsv", ".jsonl", ".idx"), "a manifest or a table, not a filing (give a manifest "
     "with manifest= or --manifest)"),
    ((".sqlite", ".sqlite3", ".db", ".sqlite-wal", ".sqlite-shm", ".db-wal", ".db-shm"),
     "a store or its journal: open a store on its own"),
    ((".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z"), "an archive: unpack it first"),
    ((".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico"), "an image, not a filing"),
    ((".xls", ".xlsx", ".doc", ".docx", ".ppt", ".pptx"), "an office document, not a filing"),
    ((".py", ".pyc", ".ipynb", ".sh"), "a program, not a filing"),
)  # fmt: skip
"""Files a folder may hold beside its filings, by how their names end, and why each is
left out.  Hidden files (names starting with ".") are left out too."""

_SKIPPED = {suffix: reason for suffixes, reason in SKIPPED_IN_FOLDERS for suffix in suffixes}


@attrs.frozen
class FoundSources:
    """The files to read, and those a folder held that are left out, with the reason.

    Attributes:
        files: the files to read, in order.
        skipped: (file, reason) for each file of a folder left out.
    """

    files: tuple[Path, ...]
    skipped: tuple[tuple[Path, str], ...] = ()


def _left_out(path: Path) -> str | None:
    if path.name.startswith("."):
        return "a hidden file"
    return _SKIPPED.get(path.suffix.lower())


def find_sources(
    sources: PathLike | Iterable[PathLike], *, exclude: Iterable[PathLike] = ()
) -> FoundSources:
    """The files ``sources`` name (see the module docstring); ``exclude`` are files never
    to read (a manifest kept beside the filings).

    Raises:
        InvalidFilingError: for a path that does not exist.
    """
    items = [sources] if isinstance(sources, str | os.PathLike) else list(sources)
    left = frozenset(Path(path).resolve() for path in exclude)
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            for found in sorted(p for p in path.iterdir() if p.is_file()):
                if found.resolve() in left:
                    continue  # the manifest given with the filings: the user named it
                reason = _left_out(found)
                if reason is None:
                    files.append(found)
                else:
                    skipped.append((found, reason))
        elif path.exists():
            files.append(path)
        else:
            raise InvalidFilingError(str(path), "no such file or folder")
    return FoundSources(tuple(files), tuple(skipped))


def expand_sources(sources: PathLike | Iterable[PathLike]) -> list[Path]:
    """The files to read of :func:`find_sources`.

    Raises:
        InvalidFilingError: for a path that does not exist.
    """
    return list(find_sources(sources).files)
