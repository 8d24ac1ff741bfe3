"""Content hashes of supplements and base documents, computed fast.

An identity is the SHA-256 of ``json.dumps(unstructure(value), sort_keys=True,
ensure_ascii=False)`` encoded as UTF-8.  Identities are stored (the SQLite
store keys its rows by them and checks each row against its own), so these
exact bytes are a contract: what changes here must give the same digests.

Going through the cattrs converter and :func:`json.dumps` costs more than
routing a supplement does, so an identity is worked out in two faster steps
that give the same bytes:

* :func:`_supplement` and :func:`_document` build the dict the converter
  would (:mod:`~prospectus_ledger.serialize` configures it: tags, omitted
  defaults, an amendment's derived keys) with plain code.  Should the model
  gain a field these functions do not know, :data:`_KNOWN_FIELDS` no longer
  matches it and every identity goes through the converter again, so a
  digest can be slow but never silently different.
* :func:`canonical_json` writes the dict with orjson, indented: a raw newline
  can then only be layout (a newline inside a string is written ``\\n``), so
  removing each newline and its indent, after putting a space behind each
  comma that ends a line, gives :func:`json.dumps`'s ``", "`` and ``": "``
  (orjson writes ``": "`` when it indents).

Anything the fast path does not expect (a value of another type, text that
is not valid UTF-8, an integer past 64 bits) goes the old way, which then
answers, or raises, as it always did.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import orjson
import pendulum

from ..locators import BlockLocator, SectionTarget, SentenceSpan
from ..operations import (
    DeleteBlock,
    DeleteSection,
    InsertBlocks,
    InsertSection,
    Notice,
    ReplaceBlock,
    ReplaceSection,
    SubstituteText,
)
from ..provenance import Provenance, Source
from ..serialize import unstructure
from ..supplement import Amendment, DocumentRef, Supplement
from ..tree import BulletList, Document, Paragraph, Section, Series, ShareClass, Table

__all__ = ["document_identity", "documents_in_order", "supplement_identity"]


def supplement_identity(supplement: Supplement) -> str:
    """A content hash that identifies a supplement whatever the order of loading."""
    return _identity(supplement, _supplement)


def document_identity(document: Document) -> str:
    """A content hash that identifies a base document."""
    return _identity(document, _document)


def documents_in_order(by_identity: Mapping[str, Document]) -> tuple[Document, ...]:
    """Base editions in the stable order a ledger gives them: by identity."""
    return tuple(by_identity[key] for key in sorted(by_identity))


class _UnexpectedError(Exception):
    """A value the fast path does not build (the converter then does)."""


# What building or writing a value the fast path does not expect raises: a field of
# another type (AttributeError, KeyError, TypeError, orjson.JSONEncodeError is one),
# text that is not valid UTF-8 (UnicodeEncodeError, a ValueError), an integer past 64
# bits (OverflowError), or the path's own refusal.
_NOT_BUILT = (_UnexpectedError, AttributeError, KeyError, TypeError, ValueError, OverflowError)

NOT_CANONICAL = (TypeError, ValueError, OverflowError)
"""What :func:`canonical_json` raises for a value it does not write (orjson's encode
error is a ``TypeError``)."""


def _identity(value: Any, build: Callable[[Any], dict[str, Any]]) -> str:
    if _FAST:
        try:
            canonical = canonical_json(build(value))
        except _NOT_BUILT:
            # A value of a type the model does not declare, text that is not valid
            # UTF-8, an integer past 64 bits (orjson.JSONEncodeError): the old path
            # below is the judge of those, and answers or raises as it always did.
            canonical = None
        if canonical is not None:
            return hashlib.sha256(canonical).hexdigest()
    payload = json.dumps(unstructure(value), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


# Types orjson would write in a form of its own go to its (absent) ``default``
# instead, which raises: json.dumps is then the judge of them, as before.
_ORJSON_OPTIONS = (
    orjson.OPT_SORT_KEYS
    | orjson.OPT_INDENT_2
    | orjson.OPT_PASSTHROUGH_SUBCLASS
    | orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_DATACLASS
)
# A comma, a newline and the indent are json.dumps's ", "; any other newline and
# its indent go.  (Two regular expressions measured faster than bytes.replace,
# split and join on these few kilobytes.)
_ITEM_LAYOUT = re.compile(rb",\n *")
_LAYOUT = re.compile(rb"\n *")


def canonical_json(data: Any) -> bytes:
    """``json.dumps(data, sort_keys=True, ensure_ascii=False)`` as UTF-8 bytes, for the
    values the library writes (strings, integers within 64 bits, booleans, ``None``,
    lists and dicts of them); raises one of :data:`NOT_CANONICAL` for others."""
    indented = orjson.dumps(data, option=_ORJSON_OPTIONS)
    return _LAYOUT.sub(b"", _ITEM_LAYOUT.sub(b", ", indented))


# -- the converter's dicts, built directly -------------------------------------------


def _date(value: Any) -> Any:
    # The converter writes Date.to_date_string() (strftime, which does not pad
    # years before 1000 here); isoformat() is the same string, several times faster.
    if type(value) is pendulum.Date and value.year >= 1000:
        return value.isoformat()
    return value.to_date_string()


def _optional_date(value: Any) -> Any:
    return None if value is None else _date(value)


def _optional_instant(value: Any) -> Any:
    return None if value is None else value.isoformat()


def _source(source: Source) -> dict[str, Any]:
    data = _full_source(source)
    # Written only when known (serialize: omit_if_default)...
    if data["form"] is None:
        del data["form"]
    if data["cik"] is None:
        del data["cik"]
    if data["company"] is None:
        del data["company"]
    return data


def _full_source(source: Source) -> dict[str, Any]:
    # ...except in the provenance of the first sections of an operation (see
    # _section), where the converter writes them all.
    return {
        "name": source.name,
        "url": source.url,
        "accession": source.accession,
        "sha256": source.sha256,
        "filed": _optional_date(source.filed),
        "complete": source.complete,
        "form": source.form,
        "cik": source.cik,
        "company": source.company,
    }


def _target(target: SectionTarget | None) -> dict[str, Any] | None:
    if target is None:
        return None
    data: dict[str, Any] = {"path": target.path, "portfolio": target.portfolio}
    if target.statutory != False:  # noqa: E712 - the converter's own test of a default
        data["statutory"] = target.statutory
    return data


def _locator(locator: BlockLocator | None) -> dict[str, Any] | None:
    if locator is None:
        return None
    return {
        "kind": locator.kind,
        "ordinal": locator.ordinal,
        "anchor": locator.anchor,
        "match": locator.match,
        "through": locator.through,
    }


def _span(span: SentenceSpan | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "stop": span.stop}


def _block(block: Any) -> dict[str, Any]:
    kind = type(block)
    if kind is Paragraph:
        return {"text": block.text, "type": "paragraph"}
    if kind is BulletList:
        return {"items": block.items, "type": "bullets"}
    if kind is Table:
        return {"rows": block.rows, "caption": block.caption, "type": "table"}
    raise _UnexpectedError(kind)


def _provenance(provenance: Provenance | None, full: bool) -> dict[str, Any] | None:
    if provenance is None:
        return None
    return {
        "source": _full_source(provenance.source) if full else _source(provenance.source),
        "words": provenance.words,
        "effective": provenance.effective.isoformat(),
        "known_at": provenance.known_at.isoformat(),
        "edition": provenance.edition,
        "illustrative": provenance.illustrative,
    }


def _section(section: Section, full: int = 0) -> dict[str, Any]:
    """A section's dict; the provenance of the first ``full`` levels (its own, its
    children's...) writes its source whole.

    The converter made the operations' hooks (a tagged union, configured first)
    before it learnt to omit a source's unknown keys, and they captured the
    section hooks of then: a replaced section's own (one level), an inserted
    section's own and its children's (two).  Deeper sections, and a document's,
    are looked up afresh and omit them.  Stored identities depend on it.
    """
    return {
        "heading": section.heading,
        "blocks": [_block(block) for block in section.blocks],
        "children": [_section(child, full - 1) for child in section.children],
        "portfolio": section.portfolio,
        "placeholder": section.placeholder,
        "provenance": _provenance(section.provenance, full > 0),
    }


def _series(series: Series) -> dict[str, Any]:
    return {
        "id": series.id,
        "name": series.name,
        "classes": [{"id": c.id, "name": c.name, "ticker": c.ticker} for c in series.classes],
    }


def _operation(operation: Any) -> dict[str, Any]:
    kind = type(operation)
    if kind is ReplaceBlock:
        return {
            "target": _target(operation.target),
            "locator": _locator(operation.locator),
            "blocks": [_block(block) for block in operation.blocks],
            "sentences": _span(operation.sentences),
            "words": operation.words,
            "op": "replace_block",
        }
    if kind is ReplaceSection:
        return {
            "target": _target(operation.target),
            "blocks": [_block(block) for block in operation.blocks],
            "children": [_section(child, 1) for child in operation.children],
            "heading": operation.heading,
            "op": "replace_section",
        }
    if kind is InsertBlocks:
        return {
            "target": _target(operation.target),
            "blocks": [_block(block) for block in operation.blocks],
            "position": operation.position,
            "locator": _locator(operation.locator),
            "op": "insert_blocks",
        }
    if kind is Notice:
        return {
            "notice": operation.notice,
            "target": _target(operation.target),
            "op": "notice",
        }
    if kind is SubstituteText:
        return {
            "old": operation.old,
            "new": operation.new,
            "target": _target(operation.target),
            "op": "substitute_text",
        }
    if kind is DeleteBlock:
        return {
            "target": _target(operation.target),
            "locator": _locator(operation.locator),
            "sentences": _span(operation.sentences),
            "words": operation.words,
            "op": "delete_block",
        }
    if kind is DeleteSection:
        return {"target": _target(operation.target), "op": "delete_section"}
    if kind is InsertSection:
        return {
            "anchor": _target(operation.anchor),
            "position": operation.position,
            "section": _section(operation.section, 2),
            "op": "insert_section",
        }
    raise _UnexpectedError(kind)


def _amendment(amendment: Amendment) -> dict[str, Any]:
    # The parser contract's derived keys (serialize._unstructure_amendment) with
    # the fields over them; both give the same document, effective and words.
    target = amendment.target
    return {
        "action": amendment.action,
        "target": list(target.path) if target is not None else [],
        "scope": amendment.scope,
        "text": amendment.text,
        "operation": _operation(amendment.operation),
        "document": amendment.document.value if amendment.document is not None else None,
        "effective": _optional_instant(amendment.effective),
        "effective_words": amendment.effective_words,
        "approximate": amendment.approximate,
        "words": amendment.words,
        "diagnostic": amendment.diagnostic,
        "position": amendment.position,
    }


def _document_ref(ref: DocumentRef) -> dict[str, Any]:
    return {
        "kind": ref.kind.value,
        "date": _optional_date(ref.date),
        "supplemented": [_date(date) for date in ref.supplemented],
    }


def _supplement(supplement: Supplement) -> dict[str, Any]:
    data = {
        "registrant": supplement.registrant,
        "portfolios": supplement.portfolios,
        "documents": [_document_ref(ref) for ref in supplement.documents],
        "supplement_date": _optional_date(supplement.supplement_date),
        "source": _source(supplement.source),
        "amendments": [_amendment(amendment) for amendment in supplement.amendments],
        "known_from": _optional_instant(supplement.known_from),
    }
    # Omitted when empty (serialize: omit_if_default).
    if supplement.diagnostics != ():
        data["diagnostics"] = supplement.diagnostics
    if supplement.series != ():
        data["series"] = [_series(series) for series in supplement.series]
    return data


def _document(document: Document) -> dict[str, Any]:
    source = document.source
    return {
        "kind": document.kind.value,
        "registrant": document.registrant,
        "date": _optional_date(document.date),
        "portfolios": document.portfolios,
        "sections": [_section(section) for section in document.sections],
        "complete": document.complete,
        "illustrative": document.illustrative,
        "source": _source(source) if source is not None else None,
        "series": [_series(series) for series in document.series],
    }


# The fields the functions above write, class by class, in the model's order.
_KNOWN_FIELDS: dict[type, tuple[str, ...]] = {
    Supplement: (
        "registrant", "portfolios", "documents", "supplement_date", "source", "amendments",
        "known_from", "diagnostics", "series",
    ),
    Amendment: (
        "operation", "document", "effective", "effective_words", "approximate", "words",
        "diagnostic", "position",
    ),
    DocumentRef: ("kind", "date", "supplemented"),
    Source: ("name", "url", "accession", "sha256", "filed", "complete", "form", "cik", "company"),
    Provenance: ("source", "words", "effective", "known_at", "edition", "illustrative"),
    Document: (
        "kind", "registrant", "date", "portfolios", "sections", "complete", "illustrative",
        "source", "series",
    ),
    Section: ("heading", "blocks", "children", "portfolio", "placeholder", "provenance"),
    Paragraph: ("text",),
    BulletList: ("items",),
    Table: ("rows", "caption"),
    Series: ("id", "name", "classes"),
    ShareClass: ("id", "name", "ticker"),
    SectionTarget: ("path", "portfolio", "statutory"),
    BlockLocator: ("kind", "ordinal", "anchor", "match", "through"),
    SentenceSpan: ("start", "stop"),
    ReplaceBlock: ("target", "locator", "blocks", "sentences", "words"),
    ReplaceSection: ("target", "blocks", "children", "heading"),
    InsertBlocks: ("target", "blocks", "position", "locator"),
    Notice: ("notice", "target"),
    SubstituteText: ("old", "new", "target"),
    DeleteBlock: ("target", "locator", "sentences", "words"),
    DeleteSection: ("target",),
    InsertSection: ("anchor", "position", "section"),
}  # fmt: skip


def _fields_known() -> bool:
    """Whether the model's fields are still exactly those the fast path writes."""
    return all(
        tuple(field.name for field in attrs.fields(cls)) == names
        for cls, names in _KNOWN_FIELDS.items()
    )


_FAST = _fields_known()
