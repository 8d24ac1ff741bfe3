"""Many questions at once: ``ledger.as_of_many(questions)``.

A nightly job asks what thousands of (instant, section) pairs said.  Asked one
at a time, each question finds its section again; here each distinct section
(path, portfolio, document) is found once, as its history, and every instant
asked about it is answered by a binary search over that history's validity
intervals.  A question the history cannot answer (another time of knowledge,
an instant before any version, a path that names several sections) is asked
as one question, so that its answer, or its error, is exactly what
``as_of(when).section(path)`` gives.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._records import Column, Record
from ._render_common import path_text
from .errors import InvalidLedgerDataError, ProspectusLedgerError
from .history import History
from .instants import parse_when
from .provenance import Provenance

if TYPE_CHECKING:
    from .ledger import Ledger

__all__ = ["ANSWERS", "answer_many"]

ANSWERS: tuple[Column, ...] = (
    ("when", "instant"), ("path", "text"), ("portfolio", "text"), ("document", "text"),
    ("known_at", "instant"), ("text", "text"), ("heading_path", "text"), ("edition", "text"),
    ("effective", "instant"), ("known_from", "instant"), ("source", "text"), ("error", "text"),
)  # fmt: skip
"""One row per question: the question, then its answer or the library's message."""

_FIELDS = ("when", "path", "portfolio", "document", "known_at")


def _questions(questions: Any) -> list[dict[str, Any]]:
    """Rows of a DataFrame, an Arrow table, or an iterable of mappings or tuples."""
    if hasattr(questions, "to_pylist"):  # an Arrow table
        questions = questions.to_pylist()
    elif hasattr(questions, "to_dict") and hasattr(questions, "columns"):  # a DataFrame
        questions = questions.to_dict("records")
    rows = []
    for number, question in enumerate(questions):
        if isinstance(question, Mapping):
            row = {name: question.get(name) for name in _FIELDS}
        elif isinstance(question, tuple | list):
            row = dict(zip(_FIELDS, question, strict=False))
        else:
            raise InvalidLedgerDataError(
                f"question {number}: expected a mapping or a tuple "
                f"(when, path, portfolio, document, known_at), got {type(question).__name__}"
            )
        if row.get("when") is None or not row.get("path"):
            raise InvalidLedgerDataError(f"question {number}: 'when' and 'path' are required")
        rows.append({name: row.get(name) for name in _FIELDS})
    return rows


def _missing(value: Any) -> bool:
    """Whether a cell is empty (``None``, or pandas' NaN/NaT for a missing value)."""
    return value is None or (isinstance(value, float) and value != value)


def _found(text: str, path: tuple[str, ...], edition: str, provenance: Provenance | None) -> Record:
    """An answer's columns: a section's text, path, edition and provenance."""
    return {
        "text": text,
        "heading_path": path_text(path),
        "edition": edition,
        "effective": provenance.effective if provenance else None,
        "known_from": provenance.known_at if provenance else None,
        "source": provenance.source.label if provenance else None,
        "error": None,
    }


def answer_many(ledger: Ledger, questions: Any) -> list[Record]:
    """Each question's answer (see the module docstring), in the questions' order.

    Raises:
        InvalidLedgerDataError: for a question without ``when`` or ``path``.
    """
    histories: dict[tuple[str, str | None, str | None], History | None] = {}
    starts: dict[tuple[str, str | None, str | None], list[Any]] = {}
    answers: list[Record] = []
    for question in _questions(questions):
        path = str(question["path"])
        portfolio = None if _missing(question["portfolio"]) else str(question["portfolio"])
        document = None if _missing(question["document"]) else str(question["document"])
        known_at = None if _missing(question["known_at"]) else question["known_at"]
        row: Record = {
            "when": None,
            "path": path,
            "portfolio": portfolio,
            "document": document,
            "known_at": None,
        }
        try:
            instant = parse_when(question["when"])
            row["when"] = instant
            row["known_at"] = parse_when(known_at) if known_at is not None else None
            found = None
            if known_at is None:
                key = (path, portfolio, document)
                if key not in histories:
                    try:
                        history = ledger.history(path, portfolio=portfolio, document=document)
                    except ProspectusLedgerError:
                        history = None  # asked one at a time below, for its own error
                    histories[key] = history
                    starts[key] = [v.valid_from for v in history] if history else []
                history = histories[key]
                if history is not None:
                    at = bisect.bisect_right(starts[key], instant) - 1
                    if at >= 0 and history.versions[at].contains(instant):
                        found = history.versions[at]
            if found is not None and not found.section.placeholder:
                row.update(_found(found.text, found.path, found.edition, found.provenance))
            else:
                row.update(_one(ledger, instant, path, portfolio, document, known_at))
        except ProspectusLedgerError as error:
            row.update({"text": None, "error": str(error)})
        answers.append(row)
    return answers


def _one(
    ledger: Ledger,
    instant: Any,
    path: str,
    portfolio: str | None,
    document: str | None,
    known_at: Any,
) -> Record:
    snapshot = ledger.as_of(instant, known_at=known_at).scoped(
        portfolio=portfolio, document=document
    )
    view = snapshot.section(path)
    return _found(view.text, view.path, view.edition, view.provenance)
