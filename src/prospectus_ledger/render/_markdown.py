"""Markdown for the notebook views.

Filing text is escaped twice over: ``&``, ``<`` and ``>`` become entities (a
Markdown renderer such as Jupyter's passes raw HTML through, so a filing's
``<script>`` must never reach it as a tag), and the characters Markdown gives
meaning to (emphasis, links, code, tables, headings, lists, ``$`` maths) are
backslash-escaped.  The only HTML written is this module's own ``<ins>`` and
``<del>`` around escaped text in redlines.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

import pendulum

from ..diff import LedgerDiff, RedlineSegment
from ..history import History
from ..provenance import Provenance
from ..snapshot import SectionView, Snapshot
from ..timeline import Problem, Timeline
from ..tree import Block, BulletList, Paragraph, Section
from ._common import (
    ILLUSTRATIVE_NOTE,
    UNKNOWN_LATER,
    entry_target,
    excerpt,
    instant_text,
    path_text,
    provenance_kind,
    source_text,
)

__all__ = [
    "diff_markdown",
    "history_markdown",
    "md_escape",
    "problems_markdown",
    "section_markdown",
    "snapshot_markdown",
    "timeline_markdown",
]

_SIGNIFICANT = re.compile(r"([\\`*_\[\]{}|~$#!])")
_LINE_START = re.compile(r"^(\s*)([-+=])", re.MULTILINE)
_ORDERED = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)
_SPACE = re.compile(r"\s+")


def md_escape(text: str) -> str:
    """``text`` as literal Markdown text on one line (table cells included)."""
    flat = _SPACE.sub(" ", text).strip()
    escaped = _SIGNIFICANT.sub(r"\\\1", html.escape(flat, quote=False))
    escaped = _LINE_START.sub(r"\1\\\2", escaped)
    return _ORDERED.sub(r"\1\\\2", escaped)


def _when(instant: pendulum.DateTime) -> str:
    return md_escape(instant_text(instant))


def _wrap(text: str, wrap: str | None) -> str:
    escaped = md_escape(text)
    if wrap is None or not escaped:
        return escaped
    return f"<{wrap}>{escaped}</{wrap}>"


def _table(rows: Sequence[Sequence[str]], header: Sequence[str] | None = None) -> list[str]:
    """A GFM table; without ``header`` the first row heads it (Markdown needs one)."""
    if header is None:
        header, rows = rows[0], rows[1:]
    width = max(len(header), *(len(row) for row in rows)) if rows else len(header)

    def line(cells: Sequence[str]) -> str:
        padded = [*cells, *[""] * (width - len(cells))]
        return "| " + " | ".join(padded) + " |"

    return [line(header), "|" + " --- |" * width, *(line(row) for row in rows), ""]


def block_markdown(block: Block, wrap: str | None = None) -> list[str]:
    """A block as Markdown lines: a paragraph, a bullet list, or a table."""
    if isinstance(block, Paragraph):
        return [_wrap(block.text, wrap), ""]
    if isinstance(block, BulletList):
        return [*(f"- {_wrap(item, wrap)}" for item in block.items), ""]
    lines = [f"*{_wrap(block.caption, wrap)}*", ""] if block.caption else []
    if block.rows:
        lines += _table([[_wrap(cell, wrap) for cell in row] for row in block.rows])
    return lines


def _provenance_line(provenance: Provenance) -> str:
    mark = f" \\[{md_escape(ILLUSTRATIVE_NOTE)}\\]" if provenance.illustrative else ""
    return (
        f"*{md_escape(provenance_kind(provenance).capitalize())} from "
        f"{md_escape(source_text(provenance.source))}, effective "
        f"{_when(provenance.effective)}, known {_when(provenance.known_at)}*{mark}"
    )


def _section(section: Section, level: int, inherited: Provenance | None) -> list[str]:
    lines = [f"{'#' * min(level, 6)} {md_escape(section.heading)}", ""]
    if section.placeholder:
        lines += ["*Only this heading is known here: its own text was never given.*", ""]
    if section.provenance is not None and section.provenance != inherited:
        lines += [_provenance_line(section.provenance), ""]
    for block in section.blocks:
        lines += block_markdown(block)
    own = section.provenance or inherited
    for child in section.children:
        lines += _section(child, level + 1, own)
    return lines


def _quote(text: str) -> list[str]:
    return [f"> {md_escape(text)}", ""]


def provenance_markdown(provenance: Provenance | None) -> list[str]:
    """The provenance footer: filing, effective, known-at, edition, instruction."""
    if provenance is None:
        return ["---", "", "*No provenance: this section's own text is not known.*", ""]
    lines = [
        "---",
        "",
        f"**Filing:** {md_escape(source_text(provenance.source))}  ",
        f"**Effective:** {_when(provenance.effective)}  ",
        f"**Known at:** {_when(provenance.known_at)}  ",
        f"**Edition:** {md_escape(provenance.edition)}",
        "",
    ]
    if provenance.words is None:
        lines += ["**Instruction:** none (base text of the edition)", ""]
    else:
        lines += ["**Instruction:**", "", *_quote(provenance.words)]
    if provenance.illustrative:
        lines += [f"**Note:** {md_escape(ILLUSTRATIVE_NOTE)}", ""]
    return lines


def _join(lines: Sequence[str]) -> str:
    return "\n".join(lines).rstrip("\n") + "\n"


def section_markdown(view: SectionView) -> str:
    """A section as it read at one instant, with its provenance footer."""
    where = [path_text(view.path), view.edition]
    if view.portfolio and view.portfolio not in view.path:
        where.append(view.portfolio)
    lines = [f"*{md_escape(' · '.join(where))} · as of {_when(view.as_of)}*", ""]
    if view.provenance is not None and view.provenance.illustrative:
        lines += [f"**{md_escape(ILLUSTRATIVE_NOTE)}**", ""]
    if view.partial:
        lines += ["*Only part of this section is known: no base text is loaded.*", ""]
    lines += _section(view.section, 3, view.provenance)
    lines += provenance_markdown(view.provenance)
    return _join(lines)


def _outline_line(view: SectionView) -> str:
    indent = "  " * (len(view.path) - 1)
    line = f"{indent}- **{md_escape(view.heading)}**"
    if view.partial:
        return line + " — *heading only, text not known*"
    if view.provenance is not None:
        provenance = view.provenance
        line += (
            f" — {md_escape(provenance_kind(provenance))} "
            f"{md_escape(provenance.source.label)}, effective {_when(provenance.effective)}"
        )
        if provenance.illustrative:
            line += f" \\[{md_escape(ILLUSTRATIVE_NOTE)}\\]"
    return line


def snapshot_markdown(snapshot: Snapshot) -> str:
    """The documents in force at the snapshot's instant, with their section outlines."""
    scopes = []
    if snapshot.portfolio_scope is not None:
        scopes.append(f"portfolio {snapshot.portfolio_scope}")
    if snapshot.document_scope is not None:
        scopes.append(f"the {snapshot.document_scope.title}")
    scope = ", ".join(scopes) if scopes else "every portfolio and document"
    known = (
        f"applying what was known at {_when(snapshot.known_at)}"
        if snapshot.known_at is not None
        else "applying everything in the ledger"
    )
    lines = [
        f"### Documents in force as of {_when(snapshot.when)}",
        "",
        f"*Scope: {md_escape(scope)}; {known}.*",
        "",
    ]
    views = snapshot.sections()
    documents = snapshot.documents()
    for document in documents:
        status = "whole text loaded" if document.complete else "known only from supplements"
        if document.source is not None:
            status += f"; base from {source_text(document.source)}"
        mark = f" \\[{md_escape(ILLUSTRATIVE_NOTE)}\\]" if document.illustrative else ""
        lines += [f"#### {md_escape(document.edition)}", "", f"*{md_escape(status)}*{mark}", ""]
        own = [_outline_line(view) for view in views if view.edition == document.edition]
        lines += [*own, ""] if own else ["*No section of this document is known yet.*", ""]
    if not documents:
        lines += ["*No document is in force at this instant.*", ""]
    return _join(lines)


def history_markdown(history: History) -> str:
    """A table of a section's versions: valid from / to, filing, and the start of its text."""
    lines = [f"### History of {md_escape(path_text(history.path))}", ""]
    rows = []
    for version in history:
        provenance = version.provenance
        filing = "—"
        if provenance is not None:
            filing = md_escape(f"{provenance_kind(provenance)}: {source_text(provenance.source)}")
            if provenance.illustrative:
                filing += f" \\[{md_escape(ILLUSTRATIVE_NOTE)}\\]"
        edition = version.edition + (f" [{version.portfolio}]" if version.portfolio else "")
        rows.append(
            [
                _when(version.valid_from),
                _when(version.valid_to) if version.valid_to else "in force",
                filing,
                md_escape(edition),
                md_escape(excerpt(version.text)) or "(heading only)",
            ]
        )
    if not rows:
        return _join([*lines, "*No version of this section is known.*"])
    header = ["Valid from", "Valid to", "Filing", "Edition", "Text"]
    return _join([*lines, *_table(rows, header)])


def redline_markdown(segments: Sequence[RedlineSegment]) -> str:
    """A word-level redline: insertions in ``<ins>``, deletions in ``<del>``."""
    parts = []
    for segment in segments:
        wrap = {"insert": "ins", "delete": "del"}.get(segment.kind)
        parts.append(_wrap(segment.text, wrap))
    return " ".join(parts)


def _diff_entry(view: SectionView, body: list[str]) -> list[str]:
    lines = [f"- **{md_escape(path_text(view.path))}** — {md_escape(view.edition)}", ""]
    lines += ["  " + line if line else "" for line in body]
    if view.provenance is not None:
        lines += ["  " + _provenance_line(view.provenance), ""]
    return lines


def _diff_blocks(view: SectionView, wrap: str) -> list[str]:
    if not view.blocks:
        return ["*(heading only; its own text is not known)*", ""]
    return [line for block in view.blocks for line in block_markdown(block, wrap)]


def diff_markdown(diff: LedgerDiff) -> str:
    """Sections added, removed and changed between two instants, with redlines."""
    lines = [
        f"### Changes from {_when(diff.before.when)} to {_when(diff.after.when)}",
        "",
        f"*{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed.*",
        "",
    ]
    if diff.added:
        lines += ["#### Added", ""]
        for view in diff.added:
            lines += _diff_entry(view, _diff_blocks(view, "ins"))
    if diff.removed:
        lines += ["#### Removed", ""]
        for view in diff.removed:
            lines += _diff_entry(view, _diff_blocks(view, "del"))
    if diff.changed:
        lines += ["#### Changed", ""]
        for change in diff.changed:
            lines += _diff_entry(change.after, [redline_markdown(change.redline), ""])
    if diff.unknown:
        lines += ["#### Not known later", ""]
        for view in diff.unknown:
            lines += _diff_entry(view, [f"*{UNKNOWN_LATER}*", ""])
    if not diff and not diff.unknown:
        lines += ["*No section changed.*"]
    return _join(lines)


def timeline_markdown(timeline: Timeline) -> str:
    """A table of every amendment: effective, action, target, status, filing, reason."""
    lines = ["### Timeline", ""]
    rows = []
    for entry in timeline:
        scope = [entry.document.title if entry.document else None, entry.portfolio]
        where = ", ".join(part for part in scope if part)
        target = md_escape(entry_target(entry)) + (f" ({md_escape(where)})" if where else "")
        rows.append(
            [
                _when(entry.effective) if entry.effective else "no date",
                md_escape(entry.action),
                target,
                md_escape(entry.status),
                md_escape(source_text(entry.source)),
                md_escape(entry.reason or ""),
            ]
        )
    if not rows:
        return _join([*lines, "*No amendment in the ledger.*"])
    header = ["Effective", "Action", "Target", "Status", "Filing", "Reason"]
    return _join([*lines, *_table(rows, header)])


def problems_markdown(problems: Sequence[Problem]) -> str:
    """Every instruction or file not applied as written, with the reason."""
    lines = [f"### Problems ({len(problems)})", ""]
    for problem in problems:
        details = [source_text(problem.source)]
        if problem.place:
            details.append(problem.place)
        if problem.document is not None:
            details.append(problem.document.title)
        where = md_escape("; ".join(details))
        if problem.effective is not None:
            where += f", effective {_when(problem.effective)}"
        lines += [f"- **{md_escape(problem.kind)}**: {md_escape(problem.reason)} ({where})"]
        if problem.words:
            lines += ["", f"  > {md_escape(excerpt(problem.words, 400))}", ""]
    if not problems:
        lines += ["*No problems: every instruction was applied as written.*"]
    return _join(lines)
