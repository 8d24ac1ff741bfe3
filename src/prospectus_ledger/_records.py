"""The rows every list result is made of, declared once.

Each result a user gets as a list -- a section's history, the timeline, the
problems, a diff, the sections of a snapshot -- is a table whose columns are
declared here.  The command line's machine formats (``--format
json|jsonl|csv``) write these rows, and ``to_dataframe()`` turns the same rows
into a typed DataFrame (:mod:`._render_frames`), so the two never disagree on
what a column is called or holds.

A value is text, ``None``, a flag, or a pendulum instant or date; instants are
aware (New York).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeAlias

import pendulum

from .catalog import EditionSummary, PortfolioSummary
from .diff import LedgerDiff
from .history import History
from .render._common import path_text
from .snapshot import SectionView
from .timeline import Problem, Timeline

__all__ = [
    "DIFF",
    "EDITIONS",
    "HISTORY",
    "PORTFOLIOS",
    "PROBLEMS",
    "SECTIONS",
    "TIMELINE",
    "VERSIONS",
    "Column",
    "Record",
    "Value",
    "diff_records",
    "edition_records",
    "history_records",
    "portfolio_records",
    "problem_records",
    "section_records",
    "timeline_records",
]

Value: TypeAlias = str | bool | pendulum.DateTime | pendulum.Date | None
Record: TypeAlias = dict[str, Value]
Column: TypeAlias = tuple[str, str]
"""A column's name and kind: ``instant``, ``date``, ``status``, ``flag`` or ``text``."""

HISTORY: tuple[Column, ...] = (
    ("valid_from", "instant"), ("valid_to", "instant"), ("path", "text"),
    ("document", "text"), ("edition", "text"), ("portfolio", "text"), ("source", "text"),
    ("words", "text"), ("effective", "instant"), ("known_at", "instant"),
    ("illustrative", "flag"), ("partial", "flag"), ("text", "text"),
)  # fmt: skip
TIMELINE: tuple[Column, ...] = (
    ("effective", "instant"), ("known_at", "instant"), ("supplement_date", "date"),
    ("action", "text"), ("target", "text"), ("portfolio", "text"), ("document", "text"),
    ("edition", "text"), ("status", "status"), ("source", "text"), ("reason", "text"),
    ("words", "text"), ("text", "text"),
)  # fmt: skip
PROBLEMS: tuple[Column, ...] = (
    ("kind", "text"), ("source", "text"), ("reason", "text"), ("place", "text"),
    ("document", "text"), ("effective", "instant"), ("words", "text"), ("url", "text"),
    ("accession", "text"),
)  # fmt: skip
SECTIONS: tuple[Column, ...] = (
    ("path", "text"), ("heading", "text"), ("document", "text"), ("edition", "text"),
    ("portfolio", "text"), ("source", "text"), ("effective", "instant"),
    ("known_at", "instant"), ("partial", "flag"), ("text", "text"),
)  # fmt: skip
EDITIONS: tuple[Column, ...] = (
    ("edition", "text"), ("document", "text"), ("registrant", "text"), ("cik", "text"),
    ("date", "date"), ("valid_from", "instant"), ("valid_to", "instant"),
    ("portfolios", "text"), ("base_loaded", "flag"), ("source", "text"),
    ("amendments", "text"),
)  # fmt: skip
PORTFOLIOS: tuple[Column, ...] = (
    ("portfolio", "text"), ("series", "text"), ("classes", "text"), ("tickers", "text"),
)  # fmt: skip
VERSIONS: tuple[Column, ...] = (
    ("registrant", "text"), ("cik", "text"), ("portfolio", "text"), ("series_id", "text"),
    ("document", "text"), ("edition", "text"), ("path", "text"), ("heading", "text"),
    ("valid_from", "instant"), ("valid_to", "instant"), ("known_from", "instant"),
    ("text", "text"), ("partial", "flag"), ("source", "text"), ("accession", "text"),
    ("url", "text"), ("words", "text"),
)  # fmt: skip
DIFF: tuple[Column, ...] = (
    ("change", "text"), ("path", "text"), ("document", "text"), ("portfolio", "text"),
    ("before", "text"), ("after", "text"), ("source", "text"), ("effective", "instant"),
)  # fmt: skip


def history_records(history: History) -> list[Record]:
    """One row per version of a section: when it held, where it stands, why it reads so."""
    rows: list[Record] = []
    for version in history:
        provenance = version.provenance
        rows.append(
            {
                "valid_from": version.valid_from,
                "valid_to": version.valid_to,
                "path": path_text(version.path),
                "document": version.document.value,
                "edition": version.edition,
                "portfolio": version.portfolio,
                "source": provenance.source.label if provenance else None,
                "words": provenance.words if provenance else None,
                "effective": provenance.effective if provenance else None,
                "known_at": provenance.known_at if provenance else None,
                "illustrative": bool(provenance and provenance.illustrative),
                "partial": version.section.placeholder,
                "text": version.text,
            }
        )
    return rows


def timeline_records(timeline: Timeline) -> list[Record]:
    """One row per amendment, in the order they apply."""
    return [
        {
            "effective": entry.effective,
            "known_at": entry.known_at,
            "supplement_date": entry.supplement_date,
            "action": entry.action,
            "target": path_text(entry.target),
            "portfolio": entry.portfolio,
            "document": entry.document.value if entry.document else None,
            "edition": entry.edition,
            "status": entry.status,
            "source": entry.source.label,
            "reason": entry.reason,
            "words": entry.words,
            "text": entry.text,
        }
        for entry in timeline
    ]


def problem_records(problems: Iterable[Problem]) -> list[Record]:
    """One row per problem."""
    return [
        {
            "kind": problem.kind,
            "source": problem.source.label,
            "reason": problem.reason,
            "place": problem.place,
            "document": problem.document.value if problem.document else None,
            "effective": problem.effective,
            "words": problem.words or None,
            "url": problem.source.url,
            "accession": problem.source.accession,
        }
        for problem in problems
    ]


def _section_row(view: SectionView) -> Record:
    provenance = view.provenance
    return {
        "path": path_text(view.path),
        "heading": view.path[-1] if view.path else "",
        "document": view.document.value,
        "edition": view.edition,
        "portfolio": view.portfolio,
        "source": provenance.source.label if provenance else None,
        "effective": provenance.effective if provenance else None,
        "known_at": provenance.known_at if provenance else None,
        "partial": view.partial,
        "text": view.text,
    }


def section_records(views: Iterable[SectionView]) -> list[Record]:
    """One row per section in force: its path, edition, portfolio, text and provenance."""
    return [_section_row(view) for view in views]


def diff_records(diff: LedgerDiff) -> list[Record]:
    """One row per section added, removed or changed between two instants, with its
    text before and after."""
    rows: list[Record] = []
    for change, views in (
        ("added", diff.added),
        ("removed", diff.removed),
        ("unknown", diff.unknown),
    ):
        for view in views:
            row = _section_row(view)
            rows.append(
                {
                    "change": change,
                    "path": row["path"],
                    "document": row["document"],
                    "portfolio": row["portfolio"],
                    "before": view.text if change != "added" else None,
                    "after": view.text if change == "added" else None,
                    "source": row["source"],
                    "effective": row["effective"],
                }
            )
    for changed in diff.changed:
        after = _section_row(changed.after)
        rows.append(
            {
                "change": "changed",
                "path": after["path"],
                "document": after["document"],
                "portfolio": after["portfolio"],
                "before": changed.before.text,
                "after": changed.after.text,
                "source": after["source"],
                "effective": after["effective"],
            }
        )
    return rows


def edition_records(editions: Iterable[EditionSummary]) -> list[Record]:
    """One row per edition."""
    return [
        {
            "edition": edition.name,
            "document": edition.document.value,
            "registrant": edition.registrant,
            "cik": edition.cik,
            "date": edition.date,
            "valid_from": edition.valid_from,
            "valid_to": edition.valid_to,
            "portfolios": "; ".join(edition.portfolios) or None,
            "base_loaded": edition.base_loaded,
            "source": edition.source,
            "amendments": str(edition.amendments),
        }
        for edition in editions
    ]


def portfolio_records(portfolios: Iterable[PortfolioSummary]) -> list[Record]:
    """One row per portfolio, with its series IDs, classes and tickers."""
    return [
        {
            "portfolio": portfolio.name,
            "series": "; ".join(portfolio.series) or None,
            "classes": "; ".join(
                " ".join(part for part in (share.name, share.id) if part)
                for share in portfolio.classes
            )
            or None,
            "tickers": "; ".join(portfolio.tickers) or None,
        }
        for portfolio in portfolios
    ]
