"""From the bytes of a filing to text, refusing data that is empty or binary.

Filings on EDGAR are mostly ASCII, sometimes Windows-1252 (curly quotes as
single bytes) or Latin-1, and a few are UTF-16 with a byte-order mark.  Decoding
never fails: UTF-8 is tried first, then Windows-1252, then Latin-1 (which maps
every byte).  What cannot be a filing at all -- nothing, or bytes with NULs or
mostly control characters -- raises :class:`InvalidFilingError`.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from ..errors import InvalidFilingError

__all__ = ["decode_filing", "sha256_of"]

# Control characters that plain text legitimately contains.
# Control characters that text does not hold (all but tab, line ends, form feed, escape).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
# Every ASCII byte that is not one of those: deleting them leaves the control bytes.
_NOT_CONTROL = bytes(byte for byte in range(128) if _CONTROL.match(chr(byte)) is None)
# More than this share of control characters in the first part of the data
# marks it as binary.
_CONTROL_SHARE = 0.10
_SAMPLE = 65536


def sha256_of(data: str | bytes) -> str:
    """The SHA-256 (hex) of the filing's bytes; text is encoded as UTF-8."""
    raw = data.encode("utf-8", errors="surrogatepass") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


def _decode_bytes(data: bytes) -> str:
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    for codec in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1", errors="replace")


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _control_count(sample: str) -> int:
    """How many :data:`_CONTROL` characters ``sample`` holds."""
    if sample.isascii():
        # bytes.translate deletes in one table pass, far faster than the regular
        # expression walks the text.
        return len(sample.encode("ascii").translate(None, _NOT_CONTROL))
    return len(_CONTROL.findall(sample))


_PATH_LENGTH = 4096


def _names_a_file(text: str) -> bool:
    """Whether ``text`` is the path of an existing file rather than a filing's text (a
    filing is never one short line naming a file)."""
    if len(text) > _PATH_LENGTH or "\n" in text or not text.strip():
        return False
    try:
        return Path(text.strip()).is_file()
    except (OSError, ValueError):
        return False


def decode_filing(data: str | bytes, *, file: str | None = None) -> str:
    """Return the filing's text.

    Raises:
        InvalidFilingError: when the data is empty (or white space only), a PDF,
            or binary: it holds NUL characters or mostly control characters.
            ``file`` names the filing in the error.
    """
    if isinstance(data, str) and _names_a_file(data):
        raise InvalidFilingError(
            data,
            "is the path of a file, not a filing's text: read it first "
            "(Path(...).read_bytes()), or load it with prospectus_ledger.load",
        )
    text = data if isinstance(data, str) else _decode_bytes(bytes(data))
    if not text.strip():
        raise InvalidFilingError(file, "the filing is empty")
    if text.lstrip()[:5] == "%PDF-":
        raise InvalidFilingError(
            file,
            "the file is a PDF document; prospectus-ledger reads filings as EDGAR serves "
            "them (the .htm or .txt of the filing)",
            line=1,
        )
    nul = text.find("\x00")
    if nul >= 0:
        raise InvalidFilingError(
            file,
            "the filing is binary data (it holds NUL bytes), not text",
            line=_line_of(text, nul),
        )
    sample = text[:_SAMPLE]
    count = _control_count(sample)
    if count > _CONTROL_SHARE * len(sample):
        first = _CONTROL.search(sample)
        raise InvalidFilingError(
            file,
            f"the filing is binary data ({count} control characters in its first "
            f"{len(sample)} characters), not text",
            line=_line_of(text, first.start() if first else 0),
        )
    return text
