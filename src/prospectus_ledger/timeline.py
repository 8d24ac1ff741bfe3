"""Every amendment in effective order, and the instructions that were not applied."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal, TypeAlias

import attrs
import pendulum

from .engine import compiled as _engine
from .engine.compiled import Compiled
from .provenance import Source
from .supplement import Amendment, Supplement
from .tree import DocumentKind

__all__ = [
    "Problem",
    "ProblemKind",
    "Problems",
    "Status",
    "Timeline",
    "TimelineEntry",
]

Status: TypeAlias = Literal["applied", "notice", "failed", "superseded", "unrouted"]
ProblemKind: TypeAlias = Literal[
    "ambiguous",
    "failed",
    "superseded",
    "unrouted",
    "not_understood",
    "cut_off",
    "conflict",
    "duplicate_edition",
    "unreadable_file",
    "skipped_file",
    "uncertain_kind",
    "unreadable_date",
]


@attrs.frozen
class TimelineEntry:
    """One amendment as the ledger treated it.

    Attributes:
        effective: when it takes effect (``None`` if no date was given).
        known_at: when its supplement became known.
        supplement_date: its supplement's date.
        source: the filing.
        document: the document kind it amends.
        edition: the edition it was applied to ("" when none could be found).
        action: replace, insert, delete, substitute or notice.
        target: the heading path it names (empty for notices and renames).
        portfolio: the portfolio it concerns, if any.
        words: the instruction's own words.
        text: the new text, or the notice's text.
        status: ``applied``, ``notice`` (kept, changes no text), ``failed``
            (target not found...), ``superseded`` (effective after its edition
            was replaced) or ``unrouted`` (no edition or date to apply it to).
        reason: why it was not applied, or the parser's diagnostic.
    """

    effective: pendulum.DateTime | None
    known_at: pendulum.DateTime | None
    supplement_date: pendulum.Date | None
    source: Source
    document: DocumentKind | None
    edition: str
    action: str
    target: tuple[str, ...]
    portfolio: str | None
    words: str
    text: str
    status: Status
    reason: str | None = None


@attrs.frozen
class Timeline:
    """The ledger's amendments in the order they apply; iterable and indexable."""

    entries: tuple[TimelineEntry, ...]

    def __iter__(self) -> Iterator[TimelineEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, index: int) -> TimelineEntry:
        return self.entries[index]

    def _repr_html_(self) -> str:
        """HTML for Jupyter (see :mod:`prospectus_ledger.render`)."""
        from .render._views import timeline_html

        return timeline_html(self)

    def _repr_markdown_(self) -> str:
        """Markdown for Jupyter (see :mod:`prospectus_ledger.render`)."""
        from .render._views import timeline_markdown

        return timeline_markdown(self)

    def to_dataframe(self) -> Any:
        """One row per amendment, as a pandas ``DataFrame`` (needs the ``notebook`` extra).

        Columns: ``effective`` and ``known_at`` (New York datetimes),
        ``supplement_date`` (dates), ``action``, ``target``, ``portfolio``,
        ``document``, ``edition``, ``status`` (categorical), ``source``,
        ``reason``, ``words`` and ``text``.

        Raises:
            ModuleNotFoundError: when pandas is not installed.
        """
        from .render._frames import timeline_frame

        return timeline_frame(self)

    def plot(self, ax: Any = None) -> Any:
        """Draw the effective dates per section and return the matplotlib ``Axes``.

        One row per target section, one marker per amendment, coloured by
        status.  Draws on ``ax`` when given, else on a new figure.  Needs the
        ``notebook`` extra.

        Raises:
            ModuleNotFoundError: when matplotlib is not installed.
        """
        from .render._frames import timeline_plot

        return timeline_plot(self, ax)


@attrs.frozen
class Problem:
    """An instruction or filing the ledger could not use as written, with the reason.

    Attributes:
        kind: what went wrong: ``failed`` (target heading, block or text not
            found), ``ambiguous`` (the target heading names several sections;
            the reason lists them), ``superseded``, ``unrouted`` (no edition or
            no date), ``not_understood`` (a notice the parser made from text
            it did not understand), ``cut_off`` (applied from a copy of a
            filing that is cut off inside the instruction's text),
            ``conflict`` (two supplements change one section at one instant
            differently), ``duplicate_edition``,
            ``unreadable_file``, ``skipped_file`` (a file a folder held that is not
            read: a manifest, an image, an archive ...), ``uncertain_kind`` (a
            filing read as an edition or as a supplement on weak evidence; the
            reason says what it showed),
            ``unreadable_date`` (a supplement's title prints a date that does not
            exist, "February 30, 2020").
        reason: a sentence saying why.
        source: the filing concerned.
        words: the instruction's words, when there is an instruction.
        effective: its effective instant, if known.
        document: the document kind concerned, if known.
        place: where in the file, when known (e.g. "line 12").
    """

    kind: ProblemKind
    reason: str
    source: Source
    words: str = ""
    effective: pendulum.DateTime | None = None
    document: DocumentKind | None = None
    place: str | None = None


class Problems(list[Problem]):
    """A ledger's problems (:meth:`Ledger.problems`): a list, with a DataFrame and, in a
    notebook, a table."""

    def to_dataframe(self) -> Any:
        """One row per problem (pandas, from the ``notebook`` extra)."""
        from .render._frames import problems_frame

        return problems_frame(self)

    def _repr_html_(self) -> str:
        """HTML for Jupyter (see :mod:`prospectus_ledger.render`)."""
        from .render._views import problems_html

        return problems_html(self)

    def _repr_markdown_(self) -> str:
        """Markdown for Jupyter."""
        from .render._views import problems_markdown

        return problems_markdown(self)


# -- built from a compiled ledger ----------------------------------------------


def timeline_of(compiled: Compiled) -> Timeline:
    """Every amendment of a compiled ledger in effective order (see :meth:`Ledger.timeline`)."""
    entries = [
        pair for edition in compiled.editions for pair in _edition_entries(compiled, edition)
    ]
    entries += _unrouted_entries(compiled)
    entries.sort(key=lambda pair: pair[0])
    return Timeline(tuple(entry for _, entry in entries))


_Ordered = tuple[tuple[object, ...], TimelineEntry]


def _edition_entries(compiled: Compiled, edition: _engine.Edition) -> list[_Ordered]:
    """The entries of ``edition``'s replay, each with its place in the order."""
    return [
        (
            outcome.step.order,
            _entry(
                outcome.step.supplement,
                outcome.step.amendment,
                edition.name,
                outcome.status,
                outcome.reason or outcome.step.amendment.diagnostic,
                outcome.step.effective,
            ),
        )
        for outcome in compiled.replay_of(edition).outcomes
    ]


def _unrouted_entries(compiled: Compiled) -> list[_Ordered]:
    """The entries of the amendments given to no edition, each with its place."""
    return [
        (
            unrouted.order,
            _entry(
                unrouted.supplement,
                unrouted.amendment,
                "",
                "unrouted",
                unrouted.reason,
                unrouted.amendment.effective,
            ),
        )
        for unrouted in compiled.unrouted
    ]


def _problem_kind(status: str, reason: str | None) -> ProblemKind | None:
    """What kind of problem an amendment's outcome is, if it is one."""
    if status == "failed" and (reason or "").startswith("AmbiguousSectionError"):
        return "ambiguous"
    if status in ("failed", "superseded", "unrouted"):
        return status  # type: ignore[return-value]
    if status == "notice" and reason:
        return "not_understood"
    if status == "applied" and reason:
        return "cut_off"
    return None


def edition_problem_count(compiled: Compiled, edition: _engine.Edition) -> int:
    """How many of :func:`problems_of` are outcomes of ``edition``'s replay."""
    return sum(_is_problem(entry) for _, entry in _edition_entries(compiled, edition))


def ledger_problem_count(compiled: Compiled) -> int:
    """How many of :func:`problems_of` are not outcomes of an edition's replay: amendments
    given to no edition, conflicts, unreadable dates and duplicate editions (no replay
    is needed to count them)."""
    unrouted = sum(_is_problem(entry) for _, entry in _unrouted_entries(compiled))
    return unrouted + len(_ledger_problems(compiled))


def problems_of(compiled: Compiled) -> list[Problem]:
    """The instructions of a compiled ledger not applied as written (see :meth:`Ledger.problems`).

    Problems with files (unreadable ones) are the ledger's own and not included.
    """
    found = (_problem(entry) for entry in timeline_of(compiled))
    return [problem for problem in found if problem is not None] + _ledger_problems(compiled)


def _is_problem(entry: TimelineEntry) -> bool:
    """Whether an amendment's entry is a problem (counted without making it one)."""
    return _problem_kind(entry.status, entry.reason) is not None


def _problem(entry: TimelineEntry) -> Problem | None:
    """The problem an amendment's entry is, if it is one."""
    kind = _problem_kind(entry.status, entry.reason)
    if kind is None:
        return None
    return Problem(
        kind=kind,
        reason=entry.reason or kind,
        source=entry.source,
        words=entry.words,
        effective=entry.effective,
        document=entry.document,
    )


def _ledger_problems(compiled: Compiled) -> list[Problem]:
    """The problems that are not an amendment's outcome: conflicts, unreadable dates and
    duplicate editions."""
    problems: list[Problem] = []
    for first, second in compiled.conflicts:
        problems.append(
            Problem(
                kind="conflict",
                reason=(
                    f"{first.supplement.source.label} and {second.supplement.source.label} "
                    f"change {_path_text(first)!r} differently at "
                    f"{first.effective.isoformat()}; applied in that order"
                ),
                source=second.supplement.source,
                words=second.amendment.words,
                effective=second.effective,
                document=second.amendment.document,
            )
        )
    for supplement in compiled.diagnosed:
        problems.extend(
            Problem(kind="unreadable_date", reason=diagnostic, source=supplement.source)
            for diagnostic in supplement.diagnostics
        )
    for keep, drop in compiled.duplicates:
        unnamed = not any(document.registrant or document.cik for document in (keep, drop))
        advice = (
            "; neither names its registrant: a manifest giving each file's CIK or company "
            "(manifest=..., or --manifest on the command line) tells them apart"
            if unnamed
            else ""
        )
        problems.append(
            Problem(
                kind="duplicate_edition",
                reason=(
                    f"two different base texts for {keep.edition}; kept "
                    f"{keep.source.label if keep.source else 'one of them'}{advice}"
                ),
                source=drop.source or Source(),
                document=drop.kind,
            )
        )
    return problems


def _path_text(step: _engine.Step) -> str:
    target = step.amendment.target
    return " -- ".join(target.path) if target is not None else ""


def _entry(
    supplement: Supplement,
    amendment: Amendment,
    edition: str,
    status: str,
    reason: str | None,
    effective: pendulum.DateTime | None,
) -> TimelineEntry:
    target = amendment.target
    return TimelineEntry(
        effective=effective,
        known_at=supplement.known_at,
        supplement_date=supplement.supplement_date,
        source=supplement.source,
        document=amendment.document,
        edition=edition,
        action=amendment.action,
        target=target.path if target is not None else (),
        portfolio=target.portfolio if target is not None else None,
        words=amendment.words,
        text=amendment.text,
        status=status,  # type: ignore[arg-type]
        reason=reason or None,
    )
