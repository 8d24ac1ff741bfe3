"""Many questions at once: ``ledger.as_of_many(questions)``.

A nightly job asks what thousands of (instant, section) pairs said.  The
questions are grouped by what they ask about (path, portfolio, document); each
group's answers are one step function of the instant, its plan
(:mod:`prospectus_ledger.engine.plans`), made once per state of the ledger from
the arrays of its candidate sections (:mod:`prospectus_ledger.engine.tracks`).
Every question is then looked up in every plan at once, with NumPy.  A
question its plan settles (exactly one section) is answered from it; every other
question (another time of knowledge, no match, several matches, a section known
only in part) is asked on its own, so that its answer, or its error, is exactly
what ``as_of(when).section(path)`` gives.  Each version's answer is worked out
once, however many questions and calls it answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from ._records import Column, Record
from .engine.plans import Plans
from .engine.tracks import Track
from .errors import InvalidLedgerDataError, ProspectusLedgerError
from .instants import micros, parse_when, query_micros
from .provenance import Provenance
from .render._common import path_text
from .snapshot import _split_path, resolve_portfolio
from .tree import DocumentKind

if TYPE_CHECKING:
    from .engine.compiled import Edition
    from .ledger import Ledger

__all__ = ["ANSWERS", "answer_frame", "answer_many"]

ANSWERS: tuple[Column, ...] = (
    ("when", "instant"), ("path", "text"), ("portfolio", "text"), ("document", "text"),
    ("known_at", "instant"), ("text", "text"), ("heading_path", "text"), ("edition", "text"),
    ("effective", "instant"), ("known_from", "instant"), ("source", "text"), ("error", "text"),
)  # fmt: skip
"""One row per question: the question, then its answer or the library's message."""

_FIELDS = ("when", "path", "portfolio", "document", "known_at")
_ABOUT = ("path", "portfolio", "document")  # what groups questions
_ANSWER_FIELDS = ("text", "heading_path", "edition", "effective", "known_from", "source")
_NAT = np.iinfo(np.int64).min  # numpy's NaT, as an integer
_WIDTH = len(_ANSWER_FIELDS) + 2
_INTEGERS = (len(_ANSWER_FIELDS), len(_ANSWER_FIELDS) + 1)  # the instants, in microseconds


def _columns(questions: Any) -> dict[str, _Coded]:
    """The questions' five columns, coded, from a DataFrame, an Arrow table, or an
    iterable of mappings or tuples."""
    if hasattr(questions, "column_names") and hasattr(questions, "column"):  # Arrow
        names = set(questions.column_names)
        count = questions.num_rows
        return {
            name: _Coded(*_factorize(questions.column(name).to_pylist()))
            if name in names
            else _Coded.missing(count)
            for name in _FIELDS
        }
    if hasattr(questions, "columns") and hasattr(questions, "to_dict"):  # a DataFrame
        count = len(questions)
        return {
            name: _Coded(*_factorize(questions[name]))
            if name in questions.columns
            else _Coded.missing(count)
            for name in _FIELDS
        }
    columns: dict[str, list[Any]] = {name: [] for name in _FIELDS}
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
    return {name: _Coded(*_factorize(values)) for name, values in columns.items()}


@attrs.frozen
class _Coded:
    """A column's values as codes into its distinct values (-1 for a missing value)."""

    codes: Any
    values: list[Any]

    @classmethod
    def missing(cls, count: int) -> _Coded:
        """A column no question gives."""
        return cls(np.full(count, -1, dtype=np.int64), [])

    def texts(self) -> Any:
        """The column as text (``None`` where missing), as an object array."""
        if not self.values:
            return np.full(len(self.codes), None, dtype=object)
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


def _factorize(values: Any) -> tuple[Any, list[Any]]:
    """Each value's code (-1 for a missing one) and the distinct values, in order met;
    ``values`` a list or a pandas Series."""
    try:
        import pandas as pd  # type: ignore[import-untyped]  # the notebook extra: quicker
    except ModuleNotFoundError:
        pd = None
    if pd is not None:
        if not isinstance(values, pd.Series):
            values = pd.Series(values, dtype=object)
        try:
            codes, uniques = pd.factorize(values, use_na_sentinel=True)
            return np.asarray(codes, dtype=np.int64), uniques.tolist()
        except TypeError:  # unhashable values: the loop below says which
            values = values.tolist()
    index: dict[Any, int] = {}
    found = np.fromiter(
        (-1 if _missing(value) else index.setdefault(value, len(index)) for value in values),
        dtype=np.int64,
        count=len(values),
    )
    return found, list(index)


class _Answers:
    """The answer columns: per question the number of its answer (-1: none) or its
    error; per answer its fields, each distinct answer once.

    The answers the plans settle are numbered first, as the plans keep them (``shared``,
    across calls); those asked alone follow.
    """

    def __init__(self, count: int, shared: Plans) -> None:
        self.count = count
        self.when = np.full(count, _NAT, dtype=np.int64)  # microseconds; NaT unread
        self.when_distinct = np.empty(0, dtype=np.int64)  # each distinct ``when``, read
        # Each question's instant, as a code into the distinct instants read.
        self.when_codes = np.full(count, -1, dtype=np.int64)
        self.when_read: list[Any] = []
        self.known_at: list[Any] = [None] * count
        self.found = np.full(count, -1, dtype=np.int64)
        self.errors: dict[int, str] = {}  # by question: most have none
        self.shared = shared
        self.rows: list[tuple[Any, ...]] = []
        self._offset: int | None = None

    def when_value(self, number: int) -> Any:
        """A question's instant as read (``None`` when it could not be)."""
        return self.when_read[int(self.when_codes[number])]

    def add(self, answer: tuple[Any, ...]) -> int:
        """Keep an answer asked alone; its number.  The plans' answers are all worked
        out by then (:func:`answer_columns` asks alone last)."""
        if self._offset is None:
            self._offset = len(self.shared.answers)
        self.rows.append(answer)
        return self._offset + len(self.rows) - 1

    def answer(self, number: int) -> tuple[Any, ...]:
        """Answer ``number``'s fields."""
        shared = self.shared.answers
        if self._offset is None or number < self._offset:
            return shared[number]
        return self.rows[number - self._offset]

    def columns(self) -> list[Any]:
        """Each answer field's column, one row per question (``None``, or NaT as an
        integer, where a question has no answer)."""
        shared = self.shared.columns(_WIDTH, _INTEGERS)
        offset = len(self.shared.answers) if self._offset is None else self._offset
        found = self.found
        theirs = (found >= 0) & (found < offset)
        take = np.where(theirs, found, 0)
        missing = np.flatnonzero(~theirs)
        mine = np.flatnonzero(found >= offset)
        columns = []
        for field in range(_WIDTH):
            empty = _NAT if field in _INTEGERS else None
            if offset:
                column = shared[field][take]
                column[missing] = empty
            else:
                column = np.full(self.count, empty, dtype=np.int64 if empty is _NAT else object)
            for number in mine.tolist():
                column[number] = self.rows[int(found[number]) - offset][field]
            columns.append(column)
        return columns


def answer_columns(ledger: Ledger, questions: Any) -> tuple[dict[str, _Coded], _Answers]:
    """Every question's answer or error (see the module docstring).

    Raises:
        InvalidLedgerDataError: for a question without ``when`` or ``path``.
    """
    columns = _columns(questions)
    paths = columns["path"]
    empty = [number for number, value in enumerate(paths.values) if not str(value)]
    lacking = (columns["when"].codes < 0) | (paths.codes < 0) | np.isin(paths.codes, empty)
    if lacking.any():
        number = int(np.flatnonzero(lacking)[0])
        raise InvalidLedgerDataError(f"question {number}: 'when' and 'path' are required")
    count = len(paths.codes)
    source = ledger._track_source()
    book = source.plans()
    out = _Answers(count, book)
    alone = _read_instants(columns, out)
    # Questions by what they ask about: path, portfolio, document, as one integer.
    asked = np.flatnonzero((out.when != _NAT) & (columns["known_at"].codes < 0))
    key = np.zeros(len(asked), dtype=np.int64)
    for name in _ABOUT:
        key = key * (len(columns[name].values) + 1) + (columns[name].codes[asked] + 1)
    groups, inverse = _groups(key)
    # One question of each group says what they all ask about.
    first = np.empty(len(groups), dtype=np.int64)
    first[inverse] = asked
    # Each group's plan (made once per state of the ledger), or none: asked alone.
    planned = np.array(
        [_plan_number(book, source, columns, number) for number in first.tolist()],
        dtype=np.int64,
    )
    plan_of = planned[inverse]
    with_plan = plan_of >= 0
    alone.extend(asked[~with_plan].tolist())
    numbers = asked[with_plan]
    slots = book.slots(plan_of[with_plan], out.when_distinct, out.when_codes[numbers])
    found = book.answer_numbers(slots, _version_answer)
    out.found[numbers] = found
    alone.extend(numbers[found < 0].tolist())
    for number in sorted(alone):
        _answer_alone(ledger, out, columns, number)
    return columns, out


def _plan_number(book: Plans, source: Any, columns: dict[str, _Coded], number: int) -> int:
    """The number of the plan of question ``number``'s group (-1: asked alone)."""
    path, portfolio, document = (columns[name].at(number) for name in _ABOUT)
    assert path is not None  # every question has one
    return book.plan_number(path, portfolio, document, _read, source)


def _groups(key: Any) -> tuple[Any, Any]:
    """The distinct keys, and each key's index among them."""
    try:
        import pandas as pd  # the notebook extra: hashing, quicker than sorting
    except ModuleNotFoundError:
        return np.unique(key, return_inverse=True)
    inverse, groups = pd.factorize(key)
    return np.asarray(groups, dtype=np.int64), np.asarray(inverse, dtype=np.int64)


def _read(
    source: Any, path: str, portfolio: str | None, document: str | None
) -> tuple[tuple[str, ...], str | None, DocumentKind | None] | None:
    """A question's headings, portfolio and kind of document, or ``None`` when they
    cannot be read (the question is asked alone, for its error)."""
    try:
        scope = resolve_portfolio(source, portfolio) if portfolio is not None else None
        kind = DocumentKind.parse(document) if document is not None else None
    except (ProspectusLedgerError, ValueError):
        return None
    return tuple(_split_path(path)), scope, kind


def _read_instants(columns: dict[str, _Coded], out: _Answers) -> list[int]:
    """Read each distinct ``when`` and ``known_at`` once; the questions with a
    ``known_at``, to be asked alone."""
    read: dict[str, list[Any]] = {}
    failed: dict[str, dict[int, str]] = {}
    us: list[int] = []
    for name in ("when", "known_at"):
        read[name], failed[name] = [], {}
        for code, value in enumerate(columns[name].values):
            try:
                # The instant in microseconds is what the plans are searched with.
                instant, at = query_micros(value) if name == "when" else (parse_when(value), 0)
            except ProspectusLedgerError as error:
                failed[name][code] = str(error)
                instant, at = None, _NAT
            read[name].append(instant)
            if name == "when":
                us.append(at)
    when = columns["when"]
    out.when_distinct = np.array(us, dtype=np.int64)
    out.when = out.when_distinct[when.codes]
    out.when_read = read["when"]
    out.when_codes = when.codes
    for code, message in failed["when"].items():
        for number in np.flatnonzero(when.codes == code).tolist():
            out.errors[number] = message
    alone: list[int] = []
    known = columns["known_at"]
    for number in np.flatnonzero(known.codes >= 0).tolist():
        if number in out.errors:
            continue
        code = int(known.codes[number])
        if code in failed["known_at"]:
            out.errors[number] = failed["known_at"][code]
            continue
        out.known_at[number] = read["known_at"][code]
        alone.append(number)
    return alone


def _version_answer(track: Track, version: int, edition: Edition) -> tuple[Any, ...] | None:
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
        answer = out.answer(found) if found >= 0 else (None,) * len(_ANSWER_FIELDS)
        row.update(zip(_ANSWER_FIELDS, answer, strict=False))
        row["error"] = out.errors.get(number)
        rows.append(row)
    return rows


def answer_frame(ledger: Ledger, questions: Any) -> Any:
    """:func:`answer_many` as a DataFrame, built column by column (pandas)."""
    from .render._frames import _optional

    pd = _optional("pandas", "Ledger.as_of_many()")
    columns, out = answer_columns(ledger, questions)
    fields = out.columns()

    def answer_column(field: int) -> Any:
        return pd.Series(fields[field], dtype=object, copy=False)

    def instants(numbers: Any) -> Any:
        stamps = pd.DatetimeIndex(np.asarray(numbers, dtype=np.int64).view("datetime64[us]"))
        zoned = stamps.tz_localize("UTC").tz_convert("America/New_York")
        return pd.Series(zoned.astype("datetime64[ns, America/New_York]"), copy=False)

    def texts(name: str) -> Any:
        return pd.Series(columns[name].texts(), dtype=object, copy=False)

    known_at = np.full(out.count, _NAT, dtype=np.int64)
    for number in np.flatnonzero(columns["known_at"].codes >= 0).tolist():
        if out.known_at[number] is not None:
            known_at[number] = micros(out.known_at[number])
    errors = np.full(out.count, None, dtype=object)
    for number, message in out.errors.items():
        errors[number] = message
    frame = {
        "when": instants(out.when),
        "path": texts("path"),
        "portfolio": texts("portfolio"),
        "document": texts("document"),
        "known_at": instants(known_at),
        "text": answer_column(0),
        "heading_path": answer_column(1),
        "edition": answer_column(2),
        "effective": instants(fields[6]),
        "known_from": instants(fields[7]),
        "source": answer_column(5),
        "error": pd.Series(errors, dtype=object, copy=False),
    }
    return pd.DataFrame(frame, copy=False)
