"""The ``texts`` table: every value a section version is made of, stored once.

A block of text, a section's own fields (its heading and the ids of its
blocks), a provenance, a heading path and a document's header are each kept
as compressed JSON under the SHA-256 of the JSON: however many versions,
states or editions share one, it is stored once.  Every value read is checked
against its digest, so a changed byte (which SQLite's ``quick_check`` cannot
see) is a damaged store, never other text; a value read and checked stays
valid for as long as the store lives, whatever is ingested later.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable
from typing import Any

import attrs
import orjson

from ..errors import InvalidLedgerDataError, StoreError
from ..provenance import Provenance, Source
from ..serialize import converter, parse_datetime, structure, unstructure
from ..tree import Block, Document, Paragraph, Section
from ._rows import SHAPES

# Below this a value is kept as it is: zlib's header and checksum would outweigh
# what it saves.
_SMALL = 24
# Kept as it came, compressed, or compressed with the shapes of the library's JSON
# values as zlib's dictionary (sections, provenances, labels, headers).
_PLAIN, _ZLIB, _SHAPED = b"j", b"z", b"d"

# Decoded values kept per kind; a nightly job asks about a few thousand sections.
_KEPT = 1 << 16
_AHEAD = 500  # texts per query read ahead: well under SQLite's limit of variables


def _json(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def pack_text(raw: bytes) -> bytes:
    """A value as ``texts`` keeps it: the smallest of its forms."""
    if len(raw) <= _SMALL:
        return _PLAIN + raw
    plain = zlib.compress(raw, 6)
    packer = zlib.compressobj(6, zdict=SHAPES)
    shaped = packer.compress(raw) + packer.flush()
    return _SHAPED + shaped if len(shaped) < len(plain) else _ZLIB + plain


def unpack_text(packed: object) -> bytes:
    """Read back :func:`pack_text`.

    Raises:
        ValueError: for bytes that are not a stored text.
    """
    if not isinstance(packed, bytes) or packed[:1] not in (_PLAIN, _ZLIB, _SHAPED):
        raise ValueError("not a stored text")
    kind, body = packed[:1], packed[1:]
    if kind == _PLAIN:
        return body
    if kind == _ZLIB:
        return zlib.decompress(body)
    unpacker = zlib.decompressobj(zdict=SHAPES)
    raw = unpacker.decompress(body) + unpacker.flush()
    if not unpacker.eof:
        raise ValueError("a compressed text that ends early")
    return raw


class TextWriter:
    """Writes values into ``texts`` (inside the caller's transaction), each once.

    Values met again are found by digest; sections and blocks that are the same
    objects (states share unchanged subtrees) are encoded once.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        # Looked up as met: an ingest that writes one edition reads a few texts' ids,
        # not every id the store holds.
        self._ids: dict[bytes, int] = {}
        self._memo: dict[int, int] = {}
        self._alive: list[object] = []  # keeps the memo's keys (object ids) valid

    def value(self, text: str) -> int:
        """The id of the JSON ``text``, written if the store does not hold it yet."""
        raw = text.encode("utf-8")
        digest = hashlib.sha256(raw).digest()
        found = self._ids.get(digest)
        if found is not None:
            return found
        row = self._connection.execute(
            "SELECT id FROM texts WHERE digest = ?", (digest,)
        ).fetchone()
        if row is not None:
            self._ids[digest] = row[0]
            return int(row[0])
        packed = pack_text(raw)
        cursor = self._connection.execute(
            "INSERT INTO texts (digest, data) VALUES (?, ?)", (digest, packed)
        )
        assert cursor.lastrowid is not None  # an INSERT into a rowid table gives one
        self._ids[digest] = cursor.lastrowid
        return cursor.lastrowid

    def _once(self, thing: object, make: str) -> int:
        number = self.value(make)
        self._memo[id(thing)] = number
        self._alive.append(thing)
        return number

    def block(self, block: Block) -> int:
        """The id of a paragraph, list or table."""
        found = self._memo.get(id(block))
        if found is not None:
            return found
        return self._once(block, _json(converter.unstructure(block, unstructure_as=Block)))

    def section(self, section: Section) -> int:
        """The id of a section's own fields: heading, portfolio, placeholder and its
        blocks' ids (not its children, which are versioned on their own)."""
        found = self._memo.get(id(section))
        if found is not None:
            return found
        own = {
            "heading": section.heading,
            "portfolio": section.portfolio,
            "placeholder": section.placeholder,
            "blocks": [self.block(block) for block in section.blocks],
        }
        return self._once(section, _json(own))

    def provenance(self, provenance: Provenance | None) -> int | None:
        """The id of a section's provenance (``None`` for none)."""
        if provenance is None:
            return None
        found = self._memo.get(id(provenance))
        if found is not None:
            return found
        return self._once(provenance, _json(unstructure(provenance)))

    def label(self, headings: tuple[str, ...], portfolio: str | None) -> int:
        """The id of a section's heading path and portfolio."""
        return self.value(_json({"headings": list(headings), "portfolio": portfolio}))

    def header(self, document: Document) -> int:
        """The id of a document without its sections."""
        found = self._memo.get(id(document))
        if found is not None:
            return found
        return self._once(document, _json(unstructure(attrs.evolve(document, sections=()))))


@attrs.frozen
class Own:
    """A section's own fields as stored (its children are versioned on their own)."""

    heading: str
    blocks: tuple[Block, ...]
    portfolio: str | None
    placeholder: bool

    def section(self, children: tuple[Section, ...], provenance: Provenance | None) -> Section:
        """The section with ``children`` and ``provenance``."""
        return Section(
            self.heading,
            self.blocks,
            children,
            portfolio=self.portfolio,
            placeholder=self.placeholder,
            provenance=provenance,
        )


Label = tuple[tuple[str, ...], str | None]
"""A version's heading path, outermost first, and the portfolio whose part holds it."""


class TextReader:
    """Reads values from ``texts``, each checked against its digest and decoded once."""

    def __init__(self, connection: sqlite3.Connection, file: str) -> None:
        self._connection = connection
        self._file = file
        self._cache: dict[tuple[str, int], Any] = {}
        # Texts read ahead (:meth:`prefetch`), checked but not yet decoded.
        self._ahead: dict[int, Any] = {}

    def damaged(self, problem: str) -> StoreError:
        """The error for a damaged store."""
        return StoreError(self._file, f"damaged store: {problem}")

    def _data(self, number: object) -> Any:
        return self._read([number])[number]  # type: ignore[index]

    def _read(self, numbers: list[object]) -> dict[int, Any]:
        """The JSON of the texts ``numbers``: those read ahead, then the others in one
        query."""
        found: dict[int, Any] = {}
        rest: list[int] = []
        for number in numbers:
            if not isinstance(number, int):
                raise self.damaged(f"expected the id of a stored text, found {number!r:.40}")
            if number in self._ahead:
                found[number] = self._ahead.pop(number)
            else:
                rest.append(number)
        if not rest:
            return found
        marks = ",".join("?" * len(rest))
        for number, digest, packed in self._connection.execute(
            f"SELECT id, digest, data FROM texts WHERE id IN ({marks})",  # noqa: S608 - marks
            rest,
        ):
            try:
                raw = unpack_text(packed)
                if hashlib.sha256(raw).digest() != digest:
                    raise ValueError("it does not hold the value its digest was made from")
                found[number] = orjson.loads(raw)
            except (ValueError, zlib.error) as error:
                raise self.damaged(f"text {number} cannot be read: {error}") from error
        for number in numbers:
            if number not in found:
                raise self.damaged(f"text {number} is missing from the texts table")
        return found

    def prefetch(self, wanted: Iterable[tuple[str, object]]) -> None:
        """Read ahead the texts ``wanted`` (kind, id; ``None`` ids are skipped) that are
        not decoded yet, and the blocks of the sections among them: in a query or two
        per :data:`_AHEAD` texts instead of one or two per text."""
        first = [(kind, number) for kind, number in wanted if number is not None]
        blocks = self._read_ahead(first)
        if blocks:
            self._read_ahead([("block", number) for number in blocks])

    def holds(self, kind: str, number: object) -> bool:
        """Whether asking for text ``number`` as a ``kind`` reads nothing: it is decoded,
        or read ahead."""
        return (kind, number) in self._cache or number in self._ahead

    def _read_ahead(self, wanted: list[tuple[str, object]]) -> list[object]:
        """Read ahead ``wanted``; the blocks the sections among them name."""
        missing = list(
            dict.fromkeys(number for kind, number in wanted if not self.holds(kind, number))
        )
        if len(self._ahead) + len(missing) > _KEPT:
            self._ahead.clear()
        for start in range(0, len(missing), _AHEAD):
            self._ahead.update(self._read(missing[start : start + _AHEAD]))
        blocks: list[object] = []
        for kind, number in wanted:
            if kind != "section":
                continue
            data = self._ahead.get(number) if isinstance(number, int) else None
            named = data.get("blocks") if isinstance(data, dict) else None
            if isinstance(named, list):
                blocks.extend(named)
        return blocks

    def _decoded(self, kind: str, number: object, decode: Any) -> Any:
        key = (kind, number)
        found = self._cache.get(key)  # type: ignore[arg-type]
        if found is None:
            found = self._checked(kind, number, decode, self._data(number))
            self._remember(key, found)  # type: ignore[arg-type]
        return found

    def _checked(self, kind: str, number: object, decode: Any, data: Any) -> Any:
        try:
            return decode(data)
        except (InvalidLedgerDataError, KeyError, TypeError, ValueError) as error:
            raise self.damaged(f"text {number} is not a {kind}: {error}") from error

    def _remember(self, key: tuple[str, int], value: Any) -> None:
        if len(self._cache) >= _KEPT:
            self._cache.clear()
        self._cache[key] = value

    def own(self, number: object) -> Own:
        """A section's own fields."""

        def decode(data: Any) -> Own:
            blocks = data["blocks"]
            if not isinstance(blocks, list):
                raise TypeError(f"expected a list of block ids, found {blocks!r:.40}")
            heading, portfolio, placeholder = (
                data["heading"],
                data["portfolio"],
                data["placeholder"],
            )
            if not isinstance(heading, str) or not isinstance(placeholder, bool):
                raise TypeError("expected a heading and a placeholder flag")
            if portfolio is not None and not isinstance(portfolio, str):
                raise TypeError(f"expected a portfolio name, found {portfolio!r:.40}")
            # The blocks not decoded yet are read in one query.
            missing = [b for b in blocks if ("block", b) not in self._cache]
            for number, block in (
                self._read(list(dict.fromkeys(missing))).items() if missing else ()
            ):
                self._remember(("block", number), self._checked("block", number, _block, block))
            return Own(heading, tuple(self.block(b) for b in blocks), portfolio, placeholder)

        found: Own = self._decoded("section", number, decode)
        return found

    def block(self, number: object) -> Block:
        """A paragraph, list or table."""
        found: Block = self._decoded("block", number, _block)
        return found

    def provenance(self, number: object) -> Provenance | None:
        """A provenance (``None`` for none)."""
        if number is None:
            return None
        found: Provenance = self._decoded("provenance", number, _provenance)
        return found

    def label(self, number: object) -> Label:
        """A heading path and its portfolio."""

        def decode(data: Any) -> Label:
            headings, portfolio = data["headings"], data["portfolio"]
            if not isinstance(headings, list) or not all(isinstance(h, str) for h in headings):
                raise TypeError(f"expected a list of headings, found {headings!r:.60}")
            if portfolio is not None and not isinstance(portfolio, str):
                raise TypeError(f"expected a portfolio name, found {portfolio!r:.40}")
            return tuple(headings), portfolio

        found: Label = self._decoded("label", number, decode)
        return found

    def header(self, number: object) -> Document:
        """A document without its sections."""
        found: Document = self._decoded("header", number, lambda data: structure(data, Document))
        return found


_PROVENANCE_FIELDS = frozenset(field.name for field in attrs.fields(Provenance))
_SOURCE_FIELDS = frozenset(field.name for field in attrs.fields(Source))


def _provenance(data: Any) -> Provenance:
    # A provenance is read for nearly every answer a store gives: built directly
    # (its instants parsed once per spelling), with the converter's strictness on
    # its keys; anything unusual goes through the converter itself.
    if (
        isinstance(data, dict)
        and data.keys() <= _PROVENANCE_FIELDS
        and isinstance(data.get("source"), dict)
        and data["source"].keys() <= _SOURCE_FIELDS
        and data["source"].get("filed") is None
        and isinstance(data.get("effective"), str)
        and isinstance(data.get("known_at"), str)
    ):
        return Provenance(
            source=Source(**data["source"]),
            words=data["words"],
            effective=parse_datetime(data["effective"]),
            known_at=parse_datetime(data["known_at"]),
            edition=data["edition"],
            illustrative=data.get("illustrative", False),
        )
    found: Provenance = structure(data, Provenance)
    return found


def _block(data: Any) -> Block:
    # Paragraphs are nearly every block: built directly, without the converter's
    # tagged-union dispatch; lists and tables go through it.
    if isinstance(data, dict) and data.get("type") == "paragraph" and len(data) == 2:
        text = data["text"]
        if not isinstance(text, str):
            raise TypeError(f"expected a paragraph's text, found {text!r:.40}")
        return Paragraph(text)
    found: Block = structure(data, Block)  # type: ignore[arg-type]
    return found
