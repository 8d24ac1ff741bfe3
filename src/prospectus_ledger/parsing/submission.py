"""EDGAR full submission files: the SGML wrapper around a filing's documents.

A submission (``0000320351-98-000001.txt``) holds an ``<SEC-HEADER>`` with the
accession number and filing date, then one ``<DOCUMENT>`` per file, each with a
``<TYPE>`` and its text inside ``<TEXT>``.  A form 497 submission's supplement
is in its ``497`` documents (``497``, ``497K``, ...); exhibits, graphics and
the header are not supplement text.

The wrapper is found with plain string searches (no regular expression runs
over the whole file), so the cost stays linear in the size of the input.
"""

from __future__ import annotations

import html
import re

import attrs
import pendulum

from .._text import clean_text
from ..provenance import Source
from ..tree import Series, ShareClass

__all__ = [
    "Submission",
    "SubmissionDocument",
    "declared_form",
    "is_submission",
    "series_from_header",
    "submission_header",
    "unwrap_submission",
    "visible_head",
    "visible_lines",
    "with_header",
]

_ACCESSION = re.compile(r"ACCESSION NUMBER:[ \t]*([0-9-]{10,25})", re.IGNORECASE)
_FILED = re.compile(r"FILED AS OF DATE:[ \t]*(\d{8})", re.IGNORECASE)
_FORM = re.compile(r"CONFORMED SUBMISSION TYPE:[ \t]*([^\r\n]+)", re.IGNORECASE)
# The first filer's: a supplement filed for a fund complex lists every trust.
_CIK = re.compile(r"CENTRAL INDEX KEY:[ \t]*(\d{1,10})", re.IGNORECASE)
_COMPANY = re.compile(r"COMPANY CONFORMED NAME:[ \t]*([^\r\n]+)", re.IGNORECASE)
_SERIES_BLOCK = re.compile(r"<SERIES>(.*?)</SERIES>", re.DOTALL | re.IGNORECASE)
_CLASS_BLOCK = re.compile(r"<CLASS-CONTRACT>(.*?)</CLASS-CONTRACT>", re.DOTALL | re.IGNORECASE)
_HEADER_SERIES = 200_000  # how far the header's series and classes may run
_PROBE = 20000
# Lower-cases ASCII letters only, so that indices into the result are indices
# into the original (str.lower() can change the length of non-ASCII text).
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@attrs.frozen
class SubmissionDocument:
    """One document of a submission.

    Attributes:
        type: its ``<TYPE>`` ("497", "EX-99", "GRAPHIC"), upper case.
        text: the text inside its ``<TEXT>`` element.
        first_line: the line number (1-based, in the whole submission) where
            ``text`` starts.
    """

    type: str
    text: str
    first_line: int


@attrs.frozen
class Submission:
    """What the wrapper says and the documents that hold the supplement.

    Attributes:
        documents: the documents to read, in order.
        accession: the accession number from the header, if any.
        filed: the "FILED AS OF DATE" from the header, if any.
        form: the "CONFORMED SUBMISSION TYPE", if any.
        cik: the first filer's central index key, if any.
        company: the first filer's "COMPANY CONFORMED NAME", if any.
        series: the series and classes of ``<SERIES-AND-CLASSES-CONTRACTS-DATA>``.
    """

    documents: tuple[SubmissionDocument, ...]
    accession: str | None = None
    filed: pendulum.Date | None = None
    form: str | None = None
    cik: str | None = None
    company: str | None = None
    series: tuple[Series, ...] = ()


def with_header(source: Source, header: Submission | None) -> Source:
    """``source`` with what a submission's header says where ``source`` says nothing
    (accession, filing date, form, filer): what is given wins."""
    if header is None:
        return source
    return attrs.evolve(
        source,
        accession=source.accession or header.accession,
        filed=source.filed or header.filed,
        form=source.form or header.form,
        cik=source.cik or header.cik,
        company=source.company or header.company,
    )


def is_submission(text: str) -> bool:
    """Whether ``text`` is an EDGAR submission file (SGML ``<DOCUMENT>`` wrapper)."""
    probe = text[:_PROBE].lower()
    return "<document>" in probe and ("<type>" in probe or "<text>" in probe)


def _header_value(text: str, pattern: re.Pattern[str]) -> str | None:
    match = pattern.search(text[:_PROBE])
    return match.group(1) if match else None


def _filed(text: str) -> pendulum.Date | None:
    value = _header_value(text, _FILED)
    if value is None:
        return None
    try:
        return pendulum.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None


def _document_type(header: str) -> str:
    lower = header.translate(_ASCII_LOWER)
    start = lower.find("<type>")
    if start < 0:
        return ""
    start += len("<type>")
    end = header.find("\n", start)
    return header[start : end if end >= 0 else len(header)].strip().upper()


def _is_encoded(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith("begin ") or "<pdf>" in head


def unwrap_submission(text: str, forms: tuple[str, ...] = ("497",)) -> Submission:
    """Split a submission into its documents and keep the ones to read.

    The documents of ``forms`` are kept (a 497's supplement documents; a base
    edition's ``485`` document); when there is none, the first document with
    text is.  Uuencoded (graphic, PDF) documents are never kept.
    """
    lower = text.translate(_ASCII_LOWER)
    documents: list[SubmissionDocument] = []
    position = 0
    counted, line = 0, 1
    while True:
        start = lower.find("<document>", position)
        if start < 0:
            break
        end = lower.find("</document>", start)
        stop = end if end >= 0 else len(text)
        text_start = lower.find("<text>", start, stop)
        if text_start < 0:
            position = stop + 1
            continue
        body_start = text_start + len("<text>")
        body_end = lower.find("</text>", body_start, stop)
        body = text[body_start : body_end if body_end >= 0 else stop]
        kind = _document_type(text[start:text_start])
        line += text.count("\n", counted, body_start)
        counted = body_start
        if not _is_encoded(body):
            documents.append(SubmissionDocument(kind, body, line))
        position = stop + 1
    chosen = [document for document in documents if document.type.startswith(forms)]
    if not chosen and documents:
        chosen = documents[:1]
    # The header's other fields (form, filer, series) are read by submission_header, by
    # the readers that keep them: telling what a filing is needs only its documents.
    return Submission(tuple(chosen), _header_value(text, _ACCESSION), _filed(text))


def submission_header(text: str) -> Submission:
    """What an EDGAR submission's ``<SEC-HEADER>`` says (no documents): accession,
    filing date, form, the first filer's CIK and name, the series and classes."""
    company = _header_value(text, _COMPANY)
    form = _header_value(text, _FORM)
    return Submission(
        (),
        _header_value(text, _ACCESSION),
        _filed(text),
        form.strip().upper() if form else None,
        _header_value(text, _CIK),
        company.strip() if company else None,
        tuple(series_from_header(text)),
    )


def _field(block: str, name: str) -> str | None:
    match = re.search(rf"<{name}>[ \t]*([^\r\n<]+)", block, re.IGNORECASE)
    return clean_text(match.group(1)) if match else None


def series_from_header(text: str) -> list[Series]:
    """Series and classes from an EDGAR submission header's ``<SERIES>`` blocks."""
    result: list[Series] = []
    for block in _SERIES_BLOCK.findall(text[:_HEADER_SERIES]):
        classes = tuple(
            ShareClass(
                _field(part, "CLASS-CONTRACT-ID"),
                _field(part, "CLASS-CONTRACT-NAME"),
                _field(part, "CLASS-CONTRACT-TICKER-SYMBOL"),
            )
            for part in _CLASS_BLOCK.findall(block)
        )
        result.append(Series(_field(block, "SERIES-ID"), _field(block, "SERIES-NAME"), classes))
    return result


# -- what a reader sees first -------------------------------------------------------

_FORMS = (
    re.compile(r"CONFORMED SUBMISSION TYPE:[ \t]*([A-Za-z0-9/-]+)"),
    re.compile(r"<TYPE>[ \t]*([A-Za-z0-9/-]+)", re.IGNORECASE),
    re.compile(r"name=\"dei:DocumentType\"[^>]{0,300}>\s*([A-Za-z0-9/-]+)", re.IGNORECASE),
)
_TAG = re.compile(r"<[^<>]{0,4000}>")
# Block-level tags end a paragraph of visible text; every other tag is dropped.
_BLOCK_TAG = re.compile(
    r"<(?:/?(?:p|div|br|tr|td|th|li|h[1-6]|table|center|dt|dd|pre)\b)[^>]*>", re.IGNORECASE
)
_HIDDEN = re.compile(r"<(script|style|ix:header)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_HEAD_PROBE = 400_000


def declared_form(text: str) -> str | None:
    """The form type the filing declares (EDGAR header, ``<TYPE>``, ``dei:DocumentType``)."""
    head = text[:_HEAD_PROBE]
    for pattern in _FORMS:
        match = pattern.search(head)
        if match is not None:
            return match.group(1).upper()
    return None


def visible_head(text: str, limit: int = 6000) -> str:
    """Roughly the first ``limit`` characters a reader sees: tags removed, entities read."""
    body = text[:_HEAD_PROBE]
    hidden_end = body.lower().find("</ix:header>")
    if hidden_end >= 0:
        body = body[hidden_end:]
    stripped = html.unescape(_TAG.sub(" ", body))
    return " ".join(stripped.split())[:limit]


def visible_lines(body: str) -> list[str]:
    """The paragraphs a reader sees in a document: block tags end one, other tags and
    hidden parts go, entities are read, white space collapses (a cheap look, before
    the document is read into blocks)."""
    if "<" in body:
        body = _TAG.sub(" ", _BLOCK_TAG.sub("\n", _HIDDEN.sub(" ", body)))
        body = html.unescape(body)
    lines = (" ".join(line.split()) for line in body.splitlines())
    return [line for line in lines if line]
