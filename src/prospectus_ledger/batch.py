"""Many questions at once: ``ledger.as_of_many(questions)``.

A nightly job asks what thousands of (instant, section) pairs said.  The
questions are grouped by what they ask about (path, portfolio, document); each
group's candidate sections are found once, as arrays of validity intervals
(:mod:`prospectus_ledger._tracks`), and all of the group's instants are
searched in them at once with NumPy.  An instant for which that settles
exactly one section is answered from it; every other question (another time
of knowledge, no match, several matches, a section known only in part) is
asked on its own, so that its answer, or its error, is exactly what
``as_of(when).section(path)`` gives.  Each distinct version's answer is worked
out once, however many questions it answers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ._records import Column, Record
from ._render_common import path_text
from ._tracks import Track, answer_positions
from .errors import InvalidLedgerDataError, ProspectusLedgerError
from .instants import micros, parse_when
from .provenance import Provenance
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
    for number, (when, path) in enumerate(zip(columns["when"], columns["path"], strict=True)):
        if _missing(when) or _missing(path) or not path:
            raise InvalidLedgerDataError(f"question {number}: 'when' and 'path' are required")
    return columns


def _missing(value: Any) -> bool:
    """Whether a cell is empty (``None``, or pandas' NaN/NaT for a missing value)."""
    return value is None or value != value


def _answer(
    text: str, path: tuple[str, ...], edition: str, provenance: Provenance | None
) -> tuple[Any, ...]:
    return (
        text,
        path_text(path),
        edition,
        provenance.effective if provenance else None,
        provenance.known_at if provenance else None,
        provenance.source.label if provenance else None,
    )


class _Answers:
    """The answer columns, filled question by question or many at once."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.when: list[Any] = [None] * count
        self.known_at: list[Any] = [None] * count
        self.found = np.full(count, -1, dtype=np.int64)  # index into ``answers``
        self.answers: list[tuple[Any, ...]] = []
        self.errors: list[str | None] = [None] * count

    def add(self, answer: tuple[Any, ...]) -> int:
        self.answers.append(answer)
        return len(self.answers) - 1


def answer_columns(ledger: Ledger, questions: Any) -> tuple[dict[str, list[Any]], _Answers]:
    """Every question's answer or error (see the module docstring).

    Raises:
        InvalidLedgerDataError: for a question without ``when`` or ``path``.
    """
    columns = _columns(questions)
    count = len(columns["when"])
    out = _Answers(count)
    # Questions by what they ask about; each distinct instant read once.
    groups: dict[tuple[str, str | None, str | None], list[int]] = {}
    instants: dict[Any, Any] = {}
    alone: list[int] = []
    for number in range(count):
        when = columns["when"][number]
        try:
            key = when if isinstance(when, str | int | float) else repr(when)
            if key not in instants:
                instants[key] = parse_when(when)
            out.when[number] = instants[key]
            known_at = columns["known_at"][number]
            if not _missing(known_at):
                out.known_at[number] = parse_when(known_at)
                alone.append(number)
                continue
        except ProspectusLedgerError as error:
            out.errors[number] = str(error)
            continue
        portfolio, document = columns["portfolio"][number], columns["document"][number]
        group = (
            str(columns["path"][number]),
            None if _missing(portfolio) else str(portfolio),
            None if _missing(document) else str(document),
        )
        groups.setdefault(group, []).append(number)
    source = ledger._track_source()
    for (path, portfolio, document), numbers in groups.items():
        alone.extend(_answer_group(ledger, source, out, path, portfolio, document, numbers))
    for number in sorted(alone):
        _answer_alone(ledger, out, columns, number)
    return columns, out


def _answer_group(
    ledger: Ledger,
    source: Any,
    out: _Answers,
    path: str,
    portfolio: str | None,
    document: str | None,
    numbers: list[int],
) -> list[int]:
    """Answer what the group's tracks settle; the questions left to ask alone."""
    headings = _split_path(path)
    try:
        scope = resolve_portfolio(source, portfolio) if portfolio is not None else None
        kind = DocumentKind.parse(document) if document is not None else None
    except (ProspectusLedgerError, ValueError):
        return numbers  # asked alone, for its own error
    editions = source.tracks(headings, scope, kind) if headings else None
    if not editions:
        return numbers
    at = np.fromiter((micros(out.when[n]) for n in numbers), dtype=np.int64, count=len(numbers))
    total, hits = answer_positions(editions, at, scope is not None)
    settled = total == 1
    chosen = np.full(len(numbers), -1, dtype=np.int64)
    edition_of: dict[int, Any] = {}
    for edition in editions:
        for track in edition.tracks:
            edition_of[id(track)] = edition.edition
    made: dict[tuple[int, int], int] = {}
    for track, version, hit in hits:
        mine = np.flatnonzero(hit & settled)
        for spot, at_version in zip(mine, version[mine], strict=True):
            key = (id(track), int(at_version))
            if key not in made:
                made[key] = _version_answer(out, track, key[1], edition_of[id(track)])
            chosen[spot] = made[key]
    left = []
    for position, number in enumerate(numbers):
        if chosen[position] >= 0:
            out.found[number] = int(chosen[position])
        else:
            left.append(number)
    return left


def _version_answer(out: _Answers, track: Track, version: int, edition: Any) -> int:
    """The answer a version gives (its index among the answers); -1 for a section known
    only in part, asked alone."""
    located = track.located(version)
    section = located.section
    if section.placeholder:
        return -1
    provenance = section.provenance if section.provenance is not None else edition.base_provenance
    return out.add(_answer(section.text, located.headings, edition.name, provenance))


def _answer_alone(
    ledger: Ledger, out: _Answers, columns: dict[str, list[Any]], number: int
) -> None:
    portfolio, document = columns["portfolio"][number], columns["document"][number]
    try:
        snapshot = ledger.as_of(out.when[number], known_at=out.known_at[number]).scoped(
            portfolio=None if _missing(portfolio) else str(portfolio),
            document=None if _missing(document) else str(document),
        )
        view = snapshot.section(str(columns["path"][number]))
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
        portfolio, document = columns["portfolio"][number], columns["document"][number]
        row: Record = {
            "when": out.when[number],
            "path": str(columns["path"][number]),
            "portfolio": None if _missing(portfolio) else str(portfolio),
            "document": None if _missing(document) else str(document),
            "known_at": out.known_at[number],
        }
        found = int(out.found[number])
        answer = out.answers[found] if found >= 0 else (None,) * len(_ANSWER_FIELDS)
        row.update(zip(_ANSWER_FIELDS, answer, strict=True))
        row["error"] = out.errors[number]
        rows.append(row)
    return rows


def answer_frame(ledger: Ledger, questions: Any) -> Any:
    """:func:`answer_many` as a DataFrame, built column by column (pandas)."""
    from ._render_frames import _optional

    pd = _optional("pandas", "Ledger.as_of_many()")
    columns, out = answer_columns(ledger, questions)
    found = out.found
    answered = found >= 0
    take = np.where(answered, found, 0)

    def text_column(values: list[Any]) -> Any:
        array = np.empty(len(values), dtype=object)
        array[:] = values
        return pd.Series(array, dtype=object)

    def answer_column(field: int) -> Any:
        values = np.empty(len(out.answers) + 1, dtype=object)
        values[: len(out.answers)] = [answer[field] for answer in out.answers]
        values[len(out.answers)] = None
        return values[np.where(answered, take, len(out.answers))]

    def instants(values: Sequence[Any]) -> Any:
        numbers = np.fromiter(
            (_NAT if value is None else micros(value) for value in values),
            dtype=np.int64,
            count=len(values),
        )
        stamps = pd.DatetimeIndex(numbers.view("datetime64[us]")).tz_localize("UTC")
        return pd.Series(
            stamps.tz_convert("America/New_York").astype("datetime64[ns, America/New_York]")
        )

    frame = {
        "when": instants(out.when),
        "path": text_column([str(path) for path in columns["path"]]),
        "portfolio": text_column([None if _missing(v) else str(v) for v in columns["portfolio"]]),
        "document": text_column([None if _missing(v) else str(v) for v in columns["document"]]),
        "known_at": instants(out.known_at),
        "text": pd.Series(answer_column(0), dtype=object),
        "heading_path": pd.Series(answer_column(1), dtype=object),
        "edition": pd.Series(answer_column(2), dtype=object),
        "effective": instants(list(answer_column(3))),
        "known_from": instants(list(answer_column(4))),
        "source": pd.Series(answer_column(5), dtype=object),
        "error": text_column(out.errors),
    }
    return pd.DataFrame(frame)
