"""Many questions at once: ``ledger.as_of_many(questions)``.

A nightly job asks what thousands of (instant, section) pairs said.  The
questions are grouped by what they ask about (path, portfolio, document); each
group's candidate sections are found once, as arrays of validity intervals
(:mod:`prospectus_ledger.engine.tracks`), and all of the group's instants are
searched in them at once with NumPy.  An instant for which that settles
exactly one section is answered from it; every other question (another time
of knowledge, no match, several matches, a section known only in part) is
asked on its own, so that its answer, or its error, is exactly what
``as_of(when).section(path)`` gives.  Each distinct version's answer is worked
out once, however many questions it answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from ._records import Column, Record
from .engine.tracks import Track, answer_positions
from .errors import InvalidLedgerDataError, ProspectusLedgerError
from .instants import micros, parse_when
from .provenance import Provenance
from .render._common import path_text
from .snapshot import _split_path, resolve_portfolio
from .tree import DocumentKind

if TYPE_CHECKING:
    from .ledger import Ledger

__all__ = ["ANSWERS", "answer_frame", "answer_many"]

ANSWERS: tuple[Column, ...] = (
    ("when", "instant"), ("path", "text"), ("portfolio", "text"), ("document", "text"),
    ("known_at", "instant"), ("text", "text"), ("heading_path", "text"), ("edition", "text"),
    ("effective", "instant"), ("known_from", "instant"), ("source", "text"), ("error", "text"),
)  # fmt: skip
"""One row per question: the question, then its answer or the library's message."""

_FIELDS = ("when", "path", "portfolio", "document", "known_at")
_ANSWER_FIELDS = ("text", "heading_path", "edition", "effective", "known_from", "source")
_NAT = np.iinfo(np.int64).min  # numpy's NaT, as an integer


def _columns(questions: Any) -> dict[str, list[Any]]:
    """The questions' five columns, from a DataFrame, an Arrow table, or an iterable of
    mappings or tuples."""
    if hasattr(questions, "column_names") and hasattr(questions, "column"):  # Arrow
        names = set(questions.column_names)
        count = questions.num_rows
        columns = {
            name: questions.column(name).to_pylist() if name in names else [None] * count
            for name in _FIELDS
        }
    elif hasattr(questions, "columns") and hasattr(questions, "to_dict"):  # a DataFrame
        count = len(questions)
        columns = {
            name: questions[name].tolist() if name in questions.columns else [None] * count
            for name in _FIELDS
        }
    else:
        columns = {name: [] for name in _FIELDS}
        for number, question in enumerate(questions):
            if isinstance(question, Mapping):
                values = [question.get(name) for name in _FIELDS]
            elif isinstance(question, tuple | list):
                values = [*question[: len(_FIELDS)], *[None] * (len(_FIELDS) - len(question))]
            else:
                raise InvalidLedgerDataError(
                    f"question {number}: expected a mapping or a tuple "
                    f"(when, path, portfolio, document, known_at), got {type(question).__name__}"
                )
            for name, value in zip(_FIELDS, values, strict=True):
                columns[name].append(value)
    return columns


@attrs.frozen
class _Coded:
    """A column's values as codes into its distinct values (-1 for a missing value)."""

    codes: Any
    values: list[Any]

    def texts(self) -> Any:
        """The column as text (``None`` where missing), as an object array."""
        distinct = np.empty(len(self.values) + 1, dtype=object)
        distinct[: len(self.values)] = [str(value) for value in self.values]
        distinct[len(self.values)] = None
        return distinct[np.where(self.codes >= 0, self.codes, len(self.values))]

    def at(self, number: int) -> str | None:
        """One question's value as text."""
        code = int(self.codes[number])
        return None if code < 0 else str(self.values[code])


def _missing(value: Any) -> bool:
    """Whether a cell is empty (``None``, or pandas' NaN/NaT for a missing value)."""
    return value is None or value != value


def _answer(
    text: str, path: tuple[str, ...], edition: str, provenance: Provenance | None
) -> tuple[Any, ...]:
    """An answer's fields (:data:`_ANSWER_FIELDS`), then its two instants in microseconds."""
    effective = provenance.effective if provenance else None
    known = provenance.known_at if provenance else None
    return (
        text,
        path_text(path),
        edition,
        effective,
        known,
        provenance.source.label if provenance else None,
        _NAT if effective is None else micros(effective),
        _NAT if known is None else micros(known),
    )


def _factorize(values: list[Any]) -> tuple[Any, list[Any]]:
    """Each value's code (-1 for a missing one) and the distinct values, in order met."""
    try:
        import pandas as pd  # type: ignore[import-untyped]  # the notebook extra: quicker
    except ModuleNotFoundError:
        pd = None
    if pd is not None:
        try:
            codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
            return np.asarray(codes, dtype=np.int64), list(uniques)
        except TypeError:  # unhashable values: the loop below says which
            pass
    index: dict[Any, int] = {}
    found = np.fromiter(
        (-1 if _missing(value) else index.setdefault(value, len(index)) for value in values),
        dtype=np.int64,
        count=len(values),
    )
    return found, list(index)


class _Answers:
    """The answer columns: per question the index of its answer (-1: none) or its error;
    per answer its fields, each distinct answer once."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.when = np.full(count, _NAT, dtype=np.int64)  # microseconds; NaT unread
        # Each question's instant, as a code into the distinct instants read.
        self.when_codes = np.full(count, -1, dtype=np.int64)
        self.when_read: list[Any] = []
        self.known_at: list[Any] = [None] * count
        self.found = np.full(count, -1, dtype=np.int64)
        self.errors: list[str | None] = [None] * count
        self.rows: list[tuple[Any, ...]] = []

    def when_value(self, number: int) -> Any:
        """A question's instant as read (``None`` when it could not be)."""
        return self.when_read[int(self.when_codes[number])]

    def add(self, answer: tuple[Any, ...]) -> int:
        """Keep an answer; its index."""
        self.rows.append(answer)
        return len(self.rows) - 1

    def fields(self) -> list[list[Any]]:
        """The answers' fields, column by column."""
        if not self.rows:
            return [[] for _ in range(len(_ANSWER_FIELDS) + 2)]
        return [list(column) for column in zip(*self.rows, strict=True)]


def answer_columns(ledger: Ledger, questions: Any) -> tuple[dict[str, _Coded], _Answers]:
    """Every question's answer or error (see the module docstring).

    Raises:
        InvalidLedgerDataError: for a question without ``when`` or ``path``.
    """
    raw = _columns(questions)
    columns = {name: _Coded(*_factorize(raw[name])) for name in _FIELDS}
    paths = columns["path"]
    empty = [number for number, value in enumerate(paths.values) if not str(value)]
    lacking = (columns["when"].codes < 0) | (paths.codes < 0) | np.isin(paths.codes, empty)
    if lacking.any():
        number = int(np.flatnonzero(lacking)[0])
        raise InvalidLedgerDataError(f"question {number}: 'when' and 'path' are required")
    count = len(paths.codes)
    out = _Answers(count)
    alone = _read_instants(columns, out)
    # Questions by what they ask about: path, portfolio, document.
    key = np.zeros(count, dtype=np.int64)
    for name in ("path", "portfolio", "document"):
        key = key * (len(columns[name].values) + 1) + (columns[name].codes + 1)
    asked = np.flatnonzero((out.when != _NAT) & (columns["known_at"].codes < 0))
    groups, inverse = np.unique(key[asked], return_inverse=True)
    order = np.argsort(inverse, kind="stable")
    bounds = np.cumsum(np.bincount(inverse, minlength=len(groups)))
    source = ledger._track_source()
    first = 0
    for last in bounds:
        numbers = asked[order[first:last]]
        first = int(last)
        number = int(numbers[0])
        path, portfolio, document = (
            columns[name].at(number) for name in ("path", "portfolio", "document")
        )
        assert path is not None  # every question has one
        alone.extend(_answer_group(source, out, path, portfolio, document, numbers))
    for number in sorted(alone):
        _answer_alone(ledger, out, columns, number)
    return columns, out


def _read_instants(columns: dict[str, _Coded], out: _Answers) -> list[int]:
    """Read each distinct ``when`` and ``known_at`` once; the questions with a
    ``known_at``, to be asked alone."""
    read: dict[str, list[Any]] = {}
    failed: dict[str, dict[int, str]] = {}
    for name in ("when", "known_at"):
        read[name], failed[name] = [], {}
        for code, value in enumerate(columns[name].values):
            try:
                read[name].append(parse_when(value))
            except ProspectusLedgerError as error:
                failed[name][code] = str(error)
                read[name].append(None)
    when = columns["when"]
    us = np.array([_NAT if v is None else micros(v) for v in read["when"]], dtype=np.int64)
    out.when = us[when.codes]
    out.when_read = read["when"]
    out.when_codes = when.codes
    for code, message in failed["when"].items():
        for number in np.flatnonzero(when.codes == code).tolist():
            out.errors[number] = message
    alone: list[int] = []
    known = columns["known_at"]
    for number in np.flatnonzero(known.codes >= 0).tolist():
        if out.errors[number] is not None:
            continue
        code = int(known.codes[number])
        if code in failed["known_at"]:
            out.errors[number] = failed["known_at"][code]
            continue
        out.known_at[number] = read["known_at"][code]
        alone.append(number)
    return alone


def _answer_group(
    source: Any,
    out: _Answers,
    path: str,
    portfolio: str | None,
    document: str | None,
    numbers: Any,
) -> list[int]:
    """Answer what the group's tracks settle; the questions left to ask alone."""
    headings = _split_path(path)
    try:
        scope = resolve_portfolio(source, portfolio) if portfolio is not None else None
        kind = DocumentKind.parse(document) if document is not None else None
    except (ProspectusLedgerError, ValueError):
        return list(numbers.tolist())  # asked alone, for its own error
    editions = source.tracks(headings, scope, kind) if headings else None
    if not editions:
        return list(numbers.tolist())
    at = out.when[numbers]
    total, hits = answer_positions(editions, at, scope is not None)
    settled = total == 1
    chosen = np.full(len(numbers), -1, dtype=np.int64)
    edition_of = {id(track): edition.edition for edition in editions for track in edition.tracks}
    for track, version, hit in hits:
        mine = np.flatnonzero(hit & settled)
        if not len(mine):
            continue
        versions = version[mine]
        # Each version's answer is worked out once per track (it keeps them), and
        # kept among this call's answers once.
        lookup = np.full(len(track.starts), -1, dtype=np.int64)
        for needed in np.unique(versions).tolist():
            if needed not in track.answers:
                track.answers[needed] = _version_answer(track, needed, edition_of[id(track)])
            answer = track.answers[needed]
            lookup[needed] = -1 if answer is None else out.add(answer)
        chosen[mine] = lookup[versions]
    answered = chosen >= 0
    out.found[numbers[answered]] = chosen[answered]
    return list(numbers[~answered].tolist())


def _version_answer(track: Track, version: int, edition: Any) -> tuple[Any, ...] | None:
    """The answer a version gives; ``None`` for a section known only in part (asked
    alone)."""
    located = track.located(version)
    section = located.section
    if section.placeholder:
        return None
    provenance = section.provenance if section.provenance is not None else edition.base_provenance
    return _answer(section.text, located.headings, edition.name, provenance)


def _answer_alone(ledger: Ledger, out: _Answers, columns: dict[str, _Coded], number: int) -> None:
    try:
        snapshot = ledger.as_of(out.when_value(number), known_at=out.known_at[number]).scoped(
            portfolio=columns["portfolio"].at(number), document=columns["document"].at(number)
        )
        view = snapshot.section(str(columns["path"].at(number)))
    except ProspectusLedgerError as error:
        out.errors[number] = str(error)
        return
    out.found[number] = out.add(_answer(view.text, view.path, view.edition, view.provenance))


def answer_many(ledger: Ledger, questions: Any) -> list[Record]:
    """Each question's answer, as rows in the questions' order (see the module docstring).

    Raises:
        InvalidLedgerDataError: for a question without ``when`` or ``path``.
    """
    columns, out = answer_columns(ledger, questions)
    rows: list[Record] = []
    for number in range(out.count):
        row: Record = {
            "when": out.when_value(number),
            "path": columns["path"].at(number),
            "portfolio": columns["portfolio"].at(number),
            "document": columns["document"].at(number),
            "known_at": out.known_at[number],
        }
        found = int(out.found[number])
        answer = out.rows[found] if found >= 0 else (None,) * len(_ANSWER_FIELDS)
        row.update(zip(_ANSWER_FIELDS, answer, strict=False))
        row["error"] = out.errors[number]
        rows.append(row)
    return rows


def answer_frame(ledger: Ledger, questions: Any) -> Any:
    """:func:`answer_many` as a DataFrame, built column by column (pandas)."""
    from .render._frames import _optional

    pd = _optional("pandas", "Ledger.as_of_many()")
    columns, out = answer_columns(ledger, questions)
    answered = out.found >= 0
    fields = out.fields()
    # One more answer, empty, for the questions without one.
    take = np.where(answered, out.found, len(out.rows))

    def objects(values: list[Any]) -> Any:
        array = np.empty(len(values), dtype=object)
        array[:] = values
        return array

    def answer_column(field: int) -> Any:
        return pd.Series(objects([*fields[field], None])[take], dtype=object)

    def instants(numbers: Any) -> Any:
        stamps = pd.DatetimeIndex(np.asarray(numbers, dtype=np.int64).view("datetime64[us]"))
        zoned = stamps.tz_localize("UTC").tz_convert("America/New_York")
        return pd.Series(zoned.astype("datetime64[ns, America/New_York]"))

    def texts(name: str) -> Any:
        return pd.Series(columns[name].texts(), dtype=object)

    known_at = [_NAT if v is None else micros(v) for v in out.known_at]
    frame = {
        "when": instants(out.when),
        "path": texts("path"),
        "portfolio": texts("portfolio"),
        "document": texts("document"),
        "known_at": instants(known_at),
        "text": answer_column(0),
        "heading_path": answer_column(1),
        "edition": answer_column(2),
        "effective": instants(np.append(np.asarray(fields[6], dtype=np.int64), _NAT)[take]),
        "known_from": instants(np.append(np.asarray(fields[7], dtype=np.int64), _NAT)[take]),
        "source": answer_column(5),
        "error": pd.Series(objects(out.errors), dtype=object),
    }
    return pd.DataFrame(frame)
