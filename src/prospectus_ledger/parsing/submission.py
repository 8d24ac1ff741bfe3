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

import re

import attrs
import pendulum

__all__ = ["Submission", "SubmissionDocument", "is_submission", "unwrap_submission"]

_ACCESSION = re.compile(r"ACCESSION NUMBER:[ \t]*([0-9-]{10,25})", re.IGNORECASE)
_FILED = re.compile(r"FILED AS OF DATE:[ \t]*(\d{8})", re.IGNORECASE)
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
    """

    documents: tuple[SubmissionDocument, ...]
    accession: str | None = None
    filed: pendulum.Date | None = None


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


def unwrap_submission(text: str) -> Submission:
    """Split a submission into its documents and keep those holding the supplement.

    The ``497`` documents are kept; when there is none, the first document
    with text is.  Uuencoded (graphic, PDF) documents are never kept.
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
    chosen = [document for document in documents if document.type.startswith("497")]
    if not chosen and documents:
        chosen = documents[:1]
    return Submission(tuple(chosen), _header_value(text, _ACCESSION), _filed(text))
