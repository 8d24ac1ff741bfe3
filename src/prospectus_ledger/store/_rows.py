"""How values are written in the store's rows, and read back and checked.

Filings, supplements and base editions are compressed (zlib) as they are
written; rows written by schema 1 hold them as they came and read as before.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, TypeVar

import attrs
import orjson
import pendulum

from ..engine.compiled import Edition, EditionKey
from ..engine.identity import NOT_CANONICAL, canonical_json
from ..errors import StoreError
from ..serialize import structure, unstructure
from ..supplement import Amendment, Supplement
from ..tree import Document

# zlib's default: within a few per cent of its best on filings' text, at a third of the time.
_LEVEL = 6

FILING_ENCODINGS = ("identity", "zlib")
"""How a filing's bytes may be kept: as they came (schema 1), or compressed."""


def pack_filing(content: bytes) -> tuple[bytes, str]:
    """A filing's bytes as the store keeps them, and the encoding to record beside them."""
    return zlib.compress(content, _LEVEL), "zlib"


def unpack_filing(stored: object, encoding: object) -> bytes:
    """A filing's original bytes from its row (check them against its SHA-256).

    Raises:
        ValueError: for an encoding the store does not write, or bytes that do not
            decompress.
    """
    if not isinstance(stored, bytes) or encoding not in FILING_ENCODINGS:
        raise ValueError(
            f"expected a filing's bytes and one of {FILING_ENCODINGS}, found "
            f"{type(stored).__name__} and {encoding!r}"
        )
    return zlib.decompress(stored) if encoding == "zlib" else stored


# zlib looks back this far: a dictionary longer than its window is read from its end.
_WINDOW = 32 * 1024
_AGAINST_FILING = b"F"

SHAPES = (
    b'{"blocks": [{"text": "", "type": "paragraph"}], "children": [], "heading": "", '
    b'"placeholder": false, "portfolio": null, "provenance": null}'
    b'{"edition": "prospectus of  dated ", "effective": "T00:00:00-04:00", '
    b'"illustrative": false, "known_at": "T16:00:00-04:00", "source": {"accession": null, '
    b'"complete": true, "filed": null, "name": ".txt", "sha256": "", "url": null}, "words": ""}'
    b'{"headings": [], "portfolio": null}{"registrant": "", "portfolios": [], "documents": '
    b'[{"kind": "prospectus", "date": "", "supplemented": []}], "supplement_date": "", '
    b'"source": {"name": "", "url": null, "accession": null, "sha256": "", "filed": null, '
    b'"complete": true}, "amendments": [{"action": "replace", "document": "prospectus", '
    b'"target": [], "scope": "paragraph", "effective": "T00:00:00-04:00", "effective_words": '
    b'"Effective ", "approximate": false, "text": "", "diagnostic": null, "operation": '
    b'{"target": {"path": [], "portfolio": null}, "locator": {"kind": "paragraph", "ordinal": '
    b'1, "anchor": null, "match": "begins", "through": null}, "blocks": [{"text": "", "type": '
    b'"paragraph"}], "sentences": null, "words": null, "op": "replace_block"}, "words": '
    b'"Effective , the following ", "position": 0}], "known_from": null}'
)
"""What the library's JSON values look like, keys and common values: zlib's dictionary
for them, so that a small value costs little more than what is its own.  Values written
with it can be read only with it: it never changes (a new one would get a new marker)."""


def pack_json(text: str, filing: bytes) -> bytes:
    """JSON text as a ``supplements`` or ``documents`` row keeps it: compressed with its
    filing's bytes as zlib's dictionary, since what it holds is mostly the filing's
    own words (read back with :func:`unpack_json` and the same filing)."""
    packer = zlib.compressobj(_LEVEL, zdict=_dictionary(filing))
    return _AGAINST_FILING + packer.compress(text.encode("utf-8")) + packer.flush()


def _dictionary(filing: bytes) -> bytes:
    """The shapes of JSON values, then as much of the filing's end as zlib's window holds."""
    return SHAPES + filing[-(_WINDOW - len(SHAPES)) :] if filing else SHAPES


def unpack_json(stored: object, filing: Callable[[], bytes]) -> str:
    """Read back :func:`pack_json`; ``filing`` gives the filing's original bytes, asked
    only when needed (a schema 1 row holds the JSON text itself).

    Raises:
        ValueError: for a value that is neither, or bytes that do not decompress.
    """
    if isinstance(stored, str):
        return stored
    if isinstance(stored, bytes) and stored[:1] == _AGAINST_FILING:
        unpacker = zlib.decompressobj(zdict=_dictionary(filing()))
        data = unpacker.decompress(stored[1:]) + unpacker.flush()
        if not unpacker.eof:
            raise ValueError("compressed JSON that ends early")
        return data.decode("utf-8")
    raise ValueError(f"expected JSON text or compressed JSON, found {type(stored).__name__}")


def verified_json(
    text: object, identity: str, what: str, filing: Callable[[], bytes] = bytes
) -> Any:
    """The JSON of a stored supplement or base edition, checked against its identity.

    A row's identity is the SHA-256 of its content as JSON with sorted keys
    (:func:`~prospectus_ledger.engine.compiled.supplement_identity`); the stored text
    is the same JSON in another key order.  Hashing what was read again shows
    whether the text changed since it was written: SQLite keeps no checksums,
    and a changed byte inside a row is invisible to ``quick_check``.

    Raises:
        ValueError: when the text is not JSON or does not match its identity.
    """
    try:
        raw = unpack_json(text, filing)
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError:  # the standard library is the judge of the rest
            data = json.loads(raw)
    except RecursionError as error:
        raise ValueError(f"{what}: JSON nested deeper than Python reads") from error
    except (ValueError, zlib.error) as error:
        raise ValueError(f"{what}: {error}") from error
    try:
        matches = sha256(canonical_json(data)) == identity
    except NOT_CANONICAL:
        matches = False
    # The quick writer is exact for the values the library writes; anything else is
    # hashed as the identity was made.
    if not matches:
        canonical = json.dumps(data, sort_keys=True, ensure_ascii=False)
        if sha256(canonical.encode("utf-8")) != identity:
            raise ValueError(
                f"{what}: the stored text does not match its identity (it was altered)"
            )
    return data


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def amendment_row(supplement: str, position: int, amendment: Amendment) -> tuple[Any, ...]:
    """One row of the ``amendments`` table."""
    target = amendment.target
    return (
        supplement,
        position,
        amendment.action,
        amendment.document.value if amendment.document else None,
        json.dumps(list(target.path) if target else []),
        amendment.effective.isoformat() if amendment.effective else None,
    )


def edition_json(edition: Edition) -> str:
    """An edition without its steps (the document without its sections)."""
    return json.dumps(
        {
            "key": unstructure(edition.key),
            "document": unstructure(attrs.evolve(edition.document, sections=())),
            "start": edition.start.isoformat(),
            "known_at": edition.known_at.isoformat(),
            "end": edition.end.isoformat() if edition.end else None,
        },
        sort_keys=True,
    )


def _instant(value: Any, file: str) -> pendulum.DateTime:
    parsed = pendulum.parse(value) if isinstance(value, str) else None
    if not isinstance(parsed, pendulum.DateTime):
        raise StoreError(
            file, f"damaged store: expected an ISO instant in the editions table, got {value!r}"
        )
    return parsed


def edition_from_json(text: str, *, file: str) -> Edition:
    """Read back :func:`edition_json`."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise StoreError(file, f"damaged store: an edition is not JSON: {error}") from error
    return edition_from_data(data, file=file)


def edition_from_data(data: Any, *, file: str) -> Edition:
    """Read back :func:`edition_json`, parsed."""
    try:
        return Edition(
            key=structure(data["key"], EditionKey, file=file),
            document=structure(data["document"], Document, file=file),
            start=_instant(data["start"], file),
            known_at=_instant(data["known_at"], file),
            end=_instant(data["end"], file) if data["end"] else None,
            steps=(),
        )
    except (KeyError, TypeError, ValueError) as error:
        # ValueError: JSON that does not parse, InvalidLedgerDataError, ...
        raise StoreError(
            file, f"damaged store: an edition cannot be read ({type(error).__name__}: {error})"
        ) from error


_Content = TypeVar("_Content", Supplement, Document)


def read_contents(
    connection: sqlite3.Connection,
    table: Literal["supplements", "documents"],
    kind: type[_Content],
    path: Path,
) -> dict[str, _Content]:
    """The stored supplements or base editions, by the identities they were stored with,
    each checked against its identity (run it :func:`guarded`)."""
    rows = connection.execute(
        f"SELECT t.identity, t.data, f.sha256, f.content, f.encoding FROM {table} t "  # noqa: S608
        "LEFT JOIN filings f ON f.sha256 = t.filing ORDER BY t.identity"
    ).fetchall()
    found: dict[str, _Content] = {}
    for identity, data, digest, content, encoding in rows:
        what = f"{table}[{identity}]"
        filing = functools.partial(_filing_of, what, digest, content, encoding)
        found[identity] = structure(
            verified_json(data, identity, what, filing), kind, file=f"{path} {what}"
        )
    return found


def read_stored(
    connection: sqlite3.Connection, path: Path
) -> tuple[dict[str, Document], dict[str, Supplement]]:
    """The stored base editions and supplements, by identity (run it ``guarded``)."""
    return (
        read_contents(connection, "documents", Document, path),
        read_contents(connection, "supplements", Supplement, path),
    )


def _filing_of(what: str, digest: object, content: object, encoding: object) -> bytes:
    if digest is None:
        raise ValueError(f"{what}: its filing is missing from the filings table")
    return _filing_bytes(str(digest), content, encoding)


@functools.lru_cache(maxsize=8)
def _filing_bytes(digest: str, content: object, encoding: object) -> bytes:
    """A filing's bytes, checked against their SHA-256 (a filing often holds several
    supplements: the last few read are kept)."""
    raw = unpack_filing(content, encoding)
    if sha256(raw) != digest:
        raise ValueError(f"the filing stored as sha256 {digest} has other bytes")
    return raw


def json_list(values: list[str]) -> str:
    """A JSON list of strings."""
    return json.dumps(values)


def parse_json_list(text: str) -> list[str]:
    """Read back :func:`json_list`."""
    values = json.loads(text)
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        raise ValueError(f"expected a JSON list of strings, found {text!r:.80}")
    return values


EDITION_COLUMNS = (
    "id",
    "name",
    "start_us",
    "end_us",
    "data",
    "fingerprint",
    "position",
    "problems",
    "portfolios",
)
"""An edition row's values, in the order its ``checksum`` is made of (read, written and
checked in this order everywhere)."""

EDITION_VALUES = ", ".join(EDITION_COLUMNS)
"""The columns of :data:`EDITION_COLUMNS`, for SQL."""


def checksum(*values: object) -> int:
    """What a derived row must hash to: its values, as text, in order.

    SQLite keeps no checksums of its own, and a changed byte inside a row is
    invisible to ``quick_check``; a row read is checked against this.
    """
    return zlib.crc32("\x1f".join(map(repr, values)).encode("utf-8"))
