"""JSON for every value of the library, through one cattrs converter.

``converter`` is the single :class:`cattrs.Converter` used for all
serialisation.  It writes pendulum instants as ISO 8601 with their offset and
dates as ``YYYY-MM-DD``, tags the variants of blocks (``"type"``) and of
operations (``"op"``), and rejects unknown keys when reading.

An amendment's JSON carries, besides its ``operation``, the flat keys of the
parser contract (``action``, ``target``, ``scope``, ``text``) derived from the
operation; they are ignored when reading, the operation being the truth.
"""

from __future__ import annotations

import functools
import json
from typing import Any, TypeVar

import attrs
import cattrs
import pendulum
from cattrs.strategies import configure_tagged_union
from cattrs.v import format_exception

from .errors import InvalidLedgerDataError
from .instants import NEW_YORK, read_written_instant
from .locators import SectionTarget
from .operations import (
    DeleteBlock,
    DeleteSection,
    InsertBlocks,
    InsertSection,
    Notice,
    Operation,
    ReplaceBlock,
    ReplaceSection,
    SubstituteText,
)
from .provenance import Source
from .supplement import Amendment, Supplement
from .tree import Block, BulletList, Document, Paragraph, Table

__all__ = [
    "EXPORT_VERSION",
    "LedgerData",
    "converter",
    "dumps",
    "loads",
    "structure",
    "unstructure",
]

EXPORT_VERSION = 1
"""The version of the ledger export format written by :meth:`Ledger.to_json`."""


@attrs.frozen
class LedgerData:
    """A whole ledger's contents, as exported to JSON.

    Attributes:
        format: always ``"prospectus-ledger"``, to recognise the file.
        version: the export format's version (:data:`EXPORT_VERSION`).
        documents: the base editions, in a stable order.
        supplements: the supplements, in a stable order.
    """

    documents: tuple[Document, ...]
    supplements: tuple[Supplement, ...]
    format: str = "prospectus-ledger"
    version: int = EXPORT_VERSION


T = TypeVar("T")

converter = cattrs.Converter(forbid_extra_keys=True)
"""The one converter for all serialisation (see the module docstring)."""


def _structure_datetime(value: Any, _: type) -> pendulum.DateTime:
    if not isinstance(value, str):
        raise InvalidLedgerDataError(f"expected an ISO 8601 datetime string, got {value!r}")
    return parse_datetime(value)


# Ledgers repeat a few thousand instants (effective days, filing days) across many
# thousands of values; instants are immutable, so each spelling is parsed once.
@functools.lru_cache(maxsize=1 << 16)
def parse_datetime(value: str) -> pendulum.DateTime:
    """An ISO 8601 instant as the converter reads it (in New York), parsed once per spelling.

    Raises:
        InvalidLedgerDataError: for anything else.
    """
    found = read_written_instant(value)
    if found is not None:
        return found
    try:
        parsed = pendulum.parse(value, exact=True, strict=True)
    except (ValueError, pendulum.parsing.exceptions.ParserError) as error:
        raise InvalidLedgerDataError(f"expected an ISO 8601 datetime, got {value!r}") from error
    if not isinstance(parsed, pendulum.DateTime):
        raise InvalidLedgerDataError(f"expected an ISO 8601 datetime, got {value!r}")
    return parsed.in_timezone(NEW_YORK)


def _structure_date(value: Any, _: type) -> pendulum.Date:
    if not isinstance(value, str):
        raise InvalidLedgerDataError(f"expected a YYYY-MM-DD date string, got {value!r}")
    return _parse_date(value)


# As instants: a store read back holds a few thousand dates across every supplement.
@functools.lru_cache(maxsize=1 << 16)
def _parse_date(value: str) -> pendulum.Date:
    try:
        parsed = pendulum.parse(value, exact=True, strict=True)
    except (ValueError, pendulum.parsing.exceptions.ParserError) as error:
        raise InvalidLedgerDataError(f"expected a YYYY-MM-DD date, got {value!r}") from error
    if isinstance(parsed, pendulum.DateTime) or not isinstance(parsed, pendulum.Date):
        raise InvalidLedgerDataError(f"expected a YYYY-MM-DD date, got {value!r}")
    return parsed


def _strict(expected: type) -> Any:
    """A structure hook that accepts only ``expected`` (cattrs would coerce 5 to "5")."""

    def hook(value: Any, _: type) -> Any:
        # bool is an int subclass: keep true/false out of integer fields and vice versa.
        if type(value) is not expected:
            raise InvalidLedgerDataError(
                f"expected {expected.__name__}, got {type(value).__name__} {value!r}"
            )
        return value

    return hook


for _type in (str, int, bool):
    converter.register_structure_hook(_type, _strict(_type))

converter.register_unstructure_hook(pendulum.DateTime, lambda value: value.isoformat())
converter.register_structure_hook(pendulum.DateTime, _structure_datetime)
converter.register_unstructure_hook(pendulum.Date, lambda value: value.to_date_string())
converter.register_structure_hook(pendulum.Date, _structure_date)
# Registered before the operations' hooks are made, which take it in: a target says
# "statutory" only when it is (exports of targets without it stay as they were).
converter.register_unstructure_hook(
    SectionTarget,
    cattrs.gen.make_dict_unstructure_fn(
        SectionTarget, converter, statutory=cattrs.gen.override(omit_if_default=True)
    ),
)

_BLOCK_TAGS = {Paragraph: "paragraph", BulletList: "bullets", Table: "table"}
_OPERATION_TAGS = {
    ReplaceSection: "replace_section",
    DeleteSection: "delete_section",
    InsertSection: "insert_section",
    ReplaceBlock: "replace_block",
    DeleteBlock: "delete_block",
    InsertBlocks: "insert_blocks",
    SubstituteText: "substitute_text",
    Notice: "notice",
}
configure_tagged_union(
    Block,
    converter,
    tag_generator=lambda cls: _BLOCK_TAGS[cls],  # type: ignore[index]
    tag_name="type",
)
configure_tagged_union(
    Operation,
    converter,
    tag_generator=lambda cls: _OPERATION_TAGS[cls],
    tag_name="op",
)

_DERIVED_AMENDMENT_KEYS = ("action", "target", "scope", "text")
_unstructure_amendment_fields = cattrs.gen.make_dict_unstructure_fn(Amendment, converter)
_structure_amendment_fields = cattrs.gen.make_dict_structure_fn(
    Amendment, converter, _cattrs_forbid_extra_keys=True
)


def _unstructure_amendment(amendment: Amendment) -> dict[str, Any]:
    target = amendment.target
    derived = {
        "action": amendment.action,
        "document": amendment.document.value if amendment.document else None,
        "target": list(target.path) if target is not None else [],
        "scope": amendment.scope,
        "effective": amendment.effective.isoformat() if amendment.effective else None,
        "effective_words": amendment.effective_words,
        "approximate": amendment.approximate,
        "text": amendment.text,
        "diagnostic": amendment.diagnostic,
    }
    return {**derived, **_unstructure_amendment_fields(amendment)}


def _structure_amendment(data: Any, _: type) -> Amendment:
    if not isinstance(data, dict):
        raise InvalidLedgerDataError(f"expected an amendment object, got {type(data).__name__}")
    fields = {key: value for key, value in data.items() if key not in _DERIVED_AMENDMENT_KEYS}
    return _structure_amendment_fields(fields, Amendment)


converter.register_unstructure_hook(Amendment, _unstructure_amendment)
converter.register_structure_hook(Amendment, _structure_amendment)

# What a manifest tells of a filing is written only when known, so exports and
# parse output of filings read without one are the same as before it existed.
converter.register_unstructure_hook(
    Source,
    cattrs.gen.make_dict_unstructure_fn(
        Source,
        converter,
        form=cattrs.gen.override(omit_if_default=True),
        cik=cattrs.gen.override(omit_if_default=True),
        company=cattrs.gen.override(omit_if_default=True),
    ),
)
_unstructure_supplement_fields = cattrs.gen.make_dict_unstructure_fn(
    Supplement,
    converter,
    diagnostics=cattrs.gen.override(omit_if_default=True),
    series=cattrs.gen.override(omit_if_default=True),
)
converter.register_unstructure_hook(Supplement, _unstructure_supplement_fields)


def unstructure(value: object) -> Any:
    """Turn any library value into JSON-ready dicts, lists and strings."""
    return converter.unstructure(value)


def structure(data: Any, cls: type[T], *, file: str | None = None) -> T:
    """Build a ``cls`` from JSON-ready data, validating it.

    Raises:
        InvalidLedgerDataError: when the data does not have the shape of
            ``cls`` (unknown or missing keys, wrong types, bad dates); the
            message names the place inside the data.
    """
    try:
        return converter.structure(data, cls)
    except InvalidLedgerDataError as error:
        raise InvalidLedgerDataError(error.problem, file=file, path=error.path) from error
    except RecursionError as error:
        raise InvalidLedgerDataError(
            "nested deeper than a ledger's data can be", file=file
        ) from error
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError, AttributeError) as error:
        raise InvalidLedgerDataError(_describe(error), file=file) from error


def _format_exception(error: BaseException, type_: type | None) -> str:
    # Our own hooks already say what was expected and what arrived.
    if isinstance(error, InvalidLedgerDataError):
        return error.problem
    return format_exception(error, type_)


def _describe(error: BaseException) -> str:
    if isinstance(error, cattrs.BaseValidationError):
        notes = cattrs.transform_error(error, format_exception=_format_exception)
        return "; ".join(notes) if notes else str(error)
    return f"{type(error).__name__}: {error}"


def dumps(value: object, *, indent: int | None = 2) -> str:
    """Serialise any library value to a JSON string (keys in a stable order)."""
    return json.dumps(unstructure(value), indent=indent, ensure_ascii=False)


def loads(text: str | bytes, cls: type[T], *, file: str | None = None) -> T:
    """Read a ``cls`` from a JSON string.

    Raises:
        InvalidLedgerDataError: for malformed JSON or data of the wrong shape.
    """
    try:
        data = json.loads(text)
    except RecursionError as error:
        raise InvalidLedgerDataError(
            "not valid ledger JSON: nested deeper than Python can read", file=file
        ) from error
    except (ValueError, UnicodeDecodeError) as error:
        # ValueError: malformed JSON, and numbers longer than Python reads (4,300 digits).
        raise InvalidLedgerDataError(f"not valid JSON: {error}", file=file) from error
    return structure(data, cls, file=file)
