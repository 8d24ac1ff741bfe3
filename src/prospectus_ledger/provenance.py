"""Where a piece of text came from: the filing, the instruction, the instants."""

from __future__ import annotations

import os
from pathlib import Path

import attrs
import pendulum

from .errors import InvalidLedgerDataError
from .instants import parse_date

__all__ = ["Provenance", "Source", "SourceLike", "as_source", "normal_cik"]


def _filed(value: object) -> pendulum.Date | None:
    """A filing date from a date or an ISO string ("2024-07-12")."""
    return None if value is None else parse_date(value)


def normal_cik(value: object) -> str | None:
    """A CIK as digits without leading zeros ("0000027574" and 27574 are "27574")."""
    if value is None:
        return None
    text = str(value).strip() if isinstance(value, str | int) else ""
    if isinstance(value, bool) or not text.isdigit() or len(text) > 10:
        raise InvalidLedgerDataError(f"expected a CIK of up to 10 digits, got {value!r}")
    return text.lstrip("0") or "0"


@attrs.frozen
class Source:
    """The filing a supplement or an edition was read from.

    Attributes:
        name: the file name it was loaded from, if any.
        url: where it was published, if known.
        accession: the EDGAR accession number, if known.
        sha256: the SHA-256 of the filing's bytes; identifies the filing.
        filed: the EDGAR filing date, when known; a supplement is known from then.
            A :class:`datetime.date`, a pendulum date or an ISO string.
        complete: ``False`` when this copy of the filing is known to be cut off
            before its end (as the corpus marks its ~2,000-character excerpts);
            the text of its last instruction is then incomplete, and the
            ledger never lets it cut short the text it replaces.
        form: the EDGAR form type ("497K"), when known from outside the text
            (a manifest).
        cik: the filer's EDGAR central index key, without leading zeros, when known.
        company: the filer's name as EDGAR lists it, when known.  For a base
            edition it is the registrant; a supplement may be filed by one
            trust of a fund complex for all of them, so it does not decide a
            supplement's registrant.
    """

    name: str | None = None
    url: str | None = None
    accession: str | None = None
    sha256: str | None = None
    filed: pendulum.Date | None = attrs.field(default=None, converter=_filed)
    complete: bool = True
    form: str | None = None
    cik: str | None = attrs.field(default=None, converter=normal_cik)
    company: str | None = None

    @property
    def label(self) -> str:
        """A short human name: the file name, else the accession, URL or hash."""
        for candidate in (self.name, self.accession, self.url):
            if candidate:
                return candidate
        return f"sha256:{self.sha256[:12]}" if self.sha256 else "<unnamed filing>"


SourceLike = Source | str | os.PathLike[str] | None
"""What a filing's source may be given as: a :class:`Source`, a file name or path, or nothing."""


def as_source(value: SourceLike) -> Source:
    """The :class:`Source` a user means: a ``Source`` as it is, a file name or path as a
    source of that name (``"name.txt"``, ``Path("filings/name.txt")``), ``None`` as an
    unnamed one."""
    if value is None:
        return Source()
    if isinstance(value, Source):
        return value
    if isinstance(value, str | os.PathLike):
        return Source(name=Path(value).name or str(value))
    raise TypeError(f"expected a Source, a file name or a path, got a {type(value).__name__}")


@attrs.frozen
class Provenance:
    """Why a section reads as it does at some instant.

    Attributes:
        source: the filing the text comes from.
        words: the instruction's own words ("Effective on May 22, 2007, the
            following replaces ..."); ``None`` for the text of a base edition.
        effective: the instant the text took effect.
        known_at: the instant from which the text was known (the supplement's
            date or filing date).
        edition: the edition the text belongs to, e.g. "prospectus dated 2007-04-30".
        illustrative: ``True`` when the text comes from a hand-written base,
            not from a filing.
    """

    source: Source
    words: str | None
    effective: pendulum.DateTime
    known_at: pendulum.DateTime
    edition: str
    illustrative: bool = False

    def describe(self) -> str:
        """One line for people: filing, effective instant, and the instruction."""
        what = "base text" if self.words is None else "supplement"
        mark = " [illustrative, not a filing]" if self.illustrative else ""
        if not self.source.complete:
            mark += " [from a copy of the filing that is cut off]"
        return (
            f"{what} from {self.source.label}, effective {self.effective.isoformat()}, "
            f"known {self.known_at.to_date_string()}, {self.edition}{mark}"
        )
