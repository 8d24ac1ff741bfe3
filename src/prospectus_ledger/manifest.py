"""A manifest: what EDGAR knows of each filing that the saved file does not say.

A document saved from EDGAR as ``.htm`` carries no filing date, form type,
CIK or filer name; EDGAR's indexes do.  A manifest lists them beside the
files, one row per file, in any of these forms (recognised by content):

* **CSV** with a header row (comma, tab, semicolon or ``|`` separated);
* **JSON Lines**, one object per line;
* EDGAR's full-index **master.idx** (``CIK|Company Name|Form Type|Date Filed|Filename``);
* EDGAR's fixed-width **form.idx** and **company.idx**.

A row's columns are :data:`COLUMNS` (by any of the names listed there, in any
case; other columns are ignored).  Only ``path`` is required: the file, relative
to the manifest's folder (or absolute).  A file matches a row when it is that
file, when its path ends with the row's path (an EDGAR mirror read through its
index: ``edgar/data/27574/0001137439-24-000821.txt``), or when its path names
the row's accession number (``0001137439-24-000821``, or the folder
``000113743924000821`` EDGAR keeps a filing's documents in).

What a row says becomes the filing's :class:`~prospectus_ledger.provenance.Source`:
its filing date is when a supplement became known, and the date of
"effective immediately" when the text gives none; its company names a base
edition's registrant when the document prints none.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeAlias

import attrs
import pendulum

from .errors import InvalidDateError, InvalidLedgerDataError, InvalidManifestError
from .instants import parse_date
from .provenance import Source, normal_cik

__all__ = ["COLUMNS", "Manifest", "ManifestEntry", "as_manifest", "read_manifest", "sources_for"]

PathLike: TypeAlias = str | os.PathLike[str]

COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("path", ("path", "file", "filename", "file name")),
    ("filing_date", ("filing date", "date filed", "filed")),
    ("form", ("form", "form type")),
    ("cik", ("cik",)),
    ("accession", ("accession", "accession number", "accession no")),
    ("url", ("url",)),
    ("company", ("company", "company name", "registrant")),
    ("complete", ("complete",)),
)
"""A manifest's columns: each field and the header names it is known by.  Header
names are compared in lower case, with ``_`` and ``-`` read as spaces."""

_FIELD_OF = {name: field for field, names in COLUMNS for name in (field, *names)}
_ACCESSION = re.compile(r"^(\d{10})-?(\d{2})-?(\d{6})$")
_ACCESSION_IN = re.compile(r"(?<!\d)(\d{10})-(\d{2})-(\d{6})(?!\d)|^(\d{18})$")
# EDGAR keeps a filing under each filer's CIK: .../Archives/edgar/data/27574/...
_CIK_IN_URL = re.compile(r"/edgar/data/(\d{1,10})/", re.IGNORECASE)
_EIGHT_DIGITS = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MASTER_HEADER = re.compile(r"^cik\|company name\|form type\|date filed\|file ?name\s*$", re.I)
_FIXED_HEADER = re.compile(r"^(form type|company name)\s{2,}.*\bdate filed\b", re.I)
# The right end of a fixed-width index row: CIK, date filed, file name.
_FIXED_TAIL = re.compile(r"\s(\d{1,10})\s+(\d{4}-\d{2}-\d{2})\s+(\S+)\s*$")
_EDGAR_ARCHIVES = "https://www.sec.gov/Archives/"


def _column_key(name: str) -> str:
    return " ".join(name.strip().lower().replace("_", " ").replace("-", " ").split())


@attrs.frozen
class ManifestEntry:
    """One row of a manifest: a file and what EDGAR knows of it.

    Attributes:
        path: the file, as the row names it.
        line: the row's line in the manifest (1-based).
        filing_date: the EDGAR filing date.
        form: the form type ("497K"), in upper case.
        cik: the filer's central index key, without leading zeros.
        accession: the accession number, as ``0001137439-24-000821``.
        url: where the filing is published.
        company: the filer's name as EDGAR lists it.
        complete: ``False`` when the file is a copy cut off before the filing's
            end (see :attr:`Source.complete`); ``None`` when the row does not say.
    """

    path: str
    line: int
    filing_date: pendulum.Date | None = None
    form: str | None = None
    cik: str | None = None
    accession: str | None = None
    url: str | None = None
    company: str | None = None
    complete: bool | None = None

    def source(self, name: str | None) -> Source:
        """The :class:`Source` of the file ``name`` this row describes."""
        return Source(
            name=name,
            url=self.url,
            accession=self.accession,
            filed=self.filing_date,
            form=self.form,
            cik=self.cik,
            company=self.company,
            complete=self.complete is not False,
        )


@attrs.frozen
class Manifest:
    """The rows of a manifest, and the answer to "what is known of this file?".

    Read one with :func:`read_manifest`.

    Attributes:
        file: the manifest's path; relative paths in it are read from its folder.
        entries: its rows, in order.
    """

    file: Path
    entries: tuple[ManifestEntry, ...]
    _by_path: Mapping[Path, ManifestEntry] = attrs.field(init=False, repr=False)
    _by_name: Mapping[str, tuple[ManifestEntry, ...]] = attrs.field(init=False, repr=False)
    _by_accession: Mapping[str, ManifestEntry] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        by_path: dict[Path, ManifestEntry] = {}
        by_name: dict[str, list[ManifestEntry]] = {}
        by_accession: dict[str, list[ManifestEntry]] = {}
        folder = self.file.parent
        for entry in self.entries:
            where = _resolve(folder, entry.path)
            held = by_path.get(where)
            if held is not None and attrs.evolve(held, line=entry.line) != entry:
                raise InvalidManifestError(
                    str(self.file),
                    f"{entry.path!r} is listed again with other values (first on line "
                    f"{held.line}); list each file once",
                    line=entry.line,
                )
            by_path.setdefault(where, entry)
            by_name.setdefault(Path(entry.path).name.lower(), []).append(entry)
            if entry.accession is not None:
                by_accession.setdefault(entry.accession, []).append(entry)
        object.__setattr__(self, "_by_path", by_path)
        object.__setattr__(self, "_by_name", {k: tuple(v) for k, v in by_name.items()})
        object.__setattr__(self, "_by_accession", {k: _agreed(v) for k, v in by_accession.items()})

    def entry_for(self, path: PathLike) -> ManifestEntry | None:
        """The row that describes the file at ``path``, or ``None`` (see the module
        docstring for how files match rows)."""
        file = Path(path)
        resolved = file.resolve()
        found = self._by_path.get(resolved)
        if found is not None:
            return found
        parts = [part.lower() for part in resolved.parts]
        for entry in self._by_name.get(file.name.lower(), ()):
            tail = [part.lower() for part in Path(entry.path).parts]
            if parts[-len(tail) :] == tail:
                return entry
        for part in reversed(parts):
            accession = _accession_in(part)
            if accession is not None and accession in self._by_accession:
                return self._by_accession[accession]
        return None

    def source_for(self, path: PathLike) -> Source:
        """The :class:`Source` of the file at ``path``: its name, and what its row says."""
        name = Path(path).name
        entry = self.entry_for(path)
        return entry.source(name) if entry is not None else Source(name=name)

    def __len__(self) -> int:
        return len(self.entries)


def _resolve(folder: Path, path: str) -> Path:
    return (folder / path).resolve()


def _accession_in(part: str) -> str | None:
    match = _ACCESSION_IN.search(part)
    if match is None:
        return None
    if match.group(4):
        digits = match.group(4)
        return f"{digits[:10]}-{digits[10:12]}-{digits[12:]}"
    return "-".join(match.group(1, 2, 3))


def _agreed(entries: list[ManifestEntry]) -> ManifestEntry:
    """One row for a filing listed several times (once per co-registrant in EDGAR's
    index): the values every row agrees on; a filer's CIK and name only when one."""
    first = entries[0]
    values = {
        field.name: getattr(first, field.name)
        if all(getattr(entry, field.name) == getattr(first, field.name) for entry in entries)
        else None
        for field in attrs.fields(ManifestEntry)
        if field.name not in ("path", "line")
    }
    return ManifestEntry(first.path, first.line, **values)


# -- reading ---------------------------------------------------------------------------


def read_manifest(path: PathLike) -> Manifest:
    """Read a manifest (CSV, JSON Lines, or an EDGAR ``master.idx``/``form.idx``).

    Raises:
        InvalidManifestError: for a file that cannot be read, has no ``path``
            column, or holds a value that is not what its column expects; the
            error names the file and the line.
    """
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise InvalidManifestError(
            str(file), f"cannot be read: {error.strerror or error}"
        ) from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # EDGAR's indexes are Latin-1 where they are not ASCII.
        text = data.decode("latin-1")
    lines = text.splitlines()
    rows = _rows(str(file), lines)
    entries = tuple(_entry(str(file), line, row) for line, row in rows)
    return Manifest(file, entries)


def _rows(file: str, lines: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each row's line number and its values by field name, whatever the format."""
    first = next((line for line in lines if line.strip()), None)
    if first is None:
        raise InvalidManifestError(file, "is empty; expected a header row with a 'path' column")
    if first.lstrip().startswith("{"):
        return _json_lines(file, lines)
    for number, line in enumerate(lines[:40]):
        if _MASTER_HEADER.match(line.strip()):
            return _master_index(lines, number + 1)
        if _FIXED_HEADER.match(line.strip()):
            return _fixed_index(file, lines, number + 1)
    return _csv(file, lines)


def _fields(values: Mapping[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name, value in values.items():
        field = _FIELD_OF.get(_column_key(str(name)))
        if field is not None:
            fields[field] = value
    return fields


def _csv(file: str, lines: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    header = next(line for line in lines if line.strip())
    delimiter = max(",\t;|", key=header.count)
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
    columns: list[str | None] | None = None
    for row in reader:
        number = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if columns is None:
            columns = [_FIELD_OF.get(_column_key(cell)) for cell in row]
            if "path" not in columns:
                raise InvalidManifestError(
                    file,
                    f"has no 'path' column; its header is {', '.join(row)!r} "
                    f"(expected a 'path' column and any of "
                    f"{', '.join(field for field, _ in COLUMNS[1:])})",
                    line=number,
                )
            continue
        if len(row) > len(columns):
            raise InvalidManifestError(
                file, f"has {len(row)} values for {len(columns)} columns", line=number
            )
        yield (
            number,
            {field: cell for field, cell in zip(columns, row, strict=False) if field is not None},
        )


def _json_lines(file: str, lines: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as error:
            raise InvalidManifestError(
                file, f"is not a JSON object ({error})", line=number
            ) from error
        if not isinstance(value, dict):
            raise InvalidManifestError(
                file, f"expected a JSON object, got {type(value).__name__}", line=number
            )
        yield number, _fields(value)


def _master_index(lines: list[str], start: int) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(lines[start:], start=start + 1):
        cells = line.split("|")
        if len(cells) != 5:
            continue  # the dashed rule under the header
        cik, company, form, filed, name = (cell.strip() for cell in cells)
        yield number, _index_row(cik, company, form, filed, name)


def _fixed_index(file: str, lines: list[str], start: int) -> Iterator[tuple[int, dict[str, Any]]]:
    header = lines[start - 1]
    form_first = header.lower().startswith("form type")
    split = header.lower().index("company name" if form_first else "form type")
    for number, line in enumerate(lines[start:], start=start + 1):
        if not line.strip() or set(line.strip()) == {"-"}:
            continue
        tail = _FIXED_TAIL.search(line)
        if tail is None:
            raise InvalidManifestError(
                file,
                "expected an EDGAR index row ending in CIK, date filed and file name, "
                f"got {line.strip()[:80]!r}",
                line=number,
            )
        first, second = line[:split].strip(), line[split : tail.start()].strip()
        form, company = (first, second) if form_first else (second, first)
        yield number, _index_row(tail.group(1), company, form, tail.group(2), tail.group(3))


def _index_row(cik: str, company: str, form: str, filed: str, name: str) -> dict[str, Any]:
    return {
        "path": name,
        "cik": cik,
        "company": company,
        "form": form,
        "filing_date": filed,
        "accession": Path(name).stem if _ACCESSION.match(Path(name).stem) else None,
        "url": _EDGAR_ARCHIVES + name if name.startswith("edgar/") else None,
    }


# -- values ----------------------------------------------------------------------------


def _entry(file: str, line: int, row: Mapping[str, Any]) -> ManifestEntry:
    complete = _flag(file, line, row.get("complete"))
    values = {
        field: _text(file, line, field, row.get(field))
        for field, _ in COLUMNS
        if field != "complete"
    }
    path = values.pop("path")
    if path is None:
        raise InvalidManifestError(file, "the row names no file (its 'path' is empty)", line=line)
    return ManifestEntry(
        path=path,
        line=line,
        filing_date=_date(file, line, values["filing_date"]),
        form=values["form"].upper() if values["form"] else None,
        cik=_cik(file, line, values["cik"] or _cik_in(values["url"])),
        accession=_accession(file, line, values["accession"]),
        url=values["url"],
        company=values["company"],
        complete=complete,
    )


def _text(file: str, line: int, field: str, value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InvalidManifestError(
            file, f"expected text for {field!r}, got {type(value).__name__} {value!r}", line=line
        )
    text = str(value).strip()
    return text or None


_FLAGS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def _flag(file: str, line: int, value: object) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str) and not value.strip():
        return None
    flag = _FLAGS.get(str(value).strip().lower())
    if flag is None:
        raise InvalidManifestError(
            file, f"expected true or false for 'complete', got {value!r}", line=line
        )
    return flag


def _date(file: str, line: int, value: str | None) -> pendulum.Date | None:
    if value is None:
        return None
    eight = _EIGHT_DIGITS.match(value)
    try:
        return parse_date("-".join(eight.groups()) if eight else value)
    except InvalidDateError as error:
        raise InvalidManifestError(
            file,
            f"expected a filing date such as '2024-07-12' or '20240712', got {value!r}",
            line=line,
        ) from error


def _cik(file: str, line: int, value: str | None) -> str | None:
    try:
        return normal_cik(value)
    except InvalidLedgerDataError as error:
        raise InvalidManifestError(file, error.problem, line=line) from error


def _cik_in(url: str | None) -> str | None:
    match = _CIK_IN_URL.search(url) if url else None
    return match.group(1) if match else None


def _accession(file: str, line: int, value: str | None) -> str | None:
    if value is None:
        return None
    match = _ACCESSION.match(value)
    if match is None:
        raise InvalidManifestError(
            file,
            f"expected an accession number such as '0001137439-24-000821', got {value!r}",
            line=line,
        )
    return "-".join(match.groups())


def as_manifest(value: PathLike | Manifest | None) -> Manifest | None:
    """A manifest given as a path (read it) or already read."""
    if value is None or isinstance(value, Manifest):
        return value
    return read_manifest(value)


def sources_for(files: Iterable[Path], manifest: Manifest | None) -> list[Source]:
    """Each file's :class:`Source`: its name, and what the manifest says of it.

    Raises:
        InvalidManifestError: when a manifest is given and lists none of the
            files (its paths are read relative to its own folder).
    """
    files = list(files)
    if manifest is None:
        return [Source(name=file.name) for file in files]
    entries = [manifest.entry_for(file) for file in files]
    if files and len(manifest) and all(entry is None for entry in entries):
        raise InvalidManifestError(
            str(manifest.file),
            f"lists none of the {len(files)} files loaded (e.g. {str(files[0])!r}); "
            "its paths are read relative to the manifest's own folder",
        )
    return [
        entry.source(file.name) if entry is not None else Source(name=file.name)
        for file, entry in zip(files, entries, strict=True)
    ]
