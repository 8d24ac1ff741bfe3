"""HTML for the notebook views, written with the escaping builder of :mod:`._render_markup`."""

from __future__ import annotations

from collections.abc import Sequence

import pendulum

from ..diff import LedgerDiff, RedlineSegment
from ..history import History
from ..provenance import Provenance
from ..snapshot import SectionView, Snapshot
from ..timeline import Problem, Timeline
from ..tree import Block, BulletList, Paragraph, Section, Table
from ._common import (
    ILLUSTRATIVE_NOTE,
    STATUS_COLOURS,
    UNKNOWN_LATER,
    entry_target,
    excerpt,
    instant_text,
    path_text,
    provenance_kind,
    source_text,
)
from ._markup import CSS, Content, Markup, element

__all__ = [
    "block_html",
    "diff_html",
    "history_html",
    "problems_html",
    "provenance_html",
    "redline_html",
    "section_html",
    "snapshot_html",
    "timeline_html",
]


def _wrapper(kind: str, *content: Content) -> Markup:
    return element("div", element("style", CSS), *content, class_=f"pl-render pl-{kind}")


def _time(instant: pendulum.DateTime) -> Markup:
    return element("time", instant_text(instant), datetime=instant.isoformat())


def _illustrative() -> Markup:
    return element("span", ILLUSTRATIVE_NOTE, class_="pl-illustrative")


def _note(text: str) -> Markup:
    return element("p", text, class_="pl-note")


# -- blocks and sections ---------------------------------------------------------


def _table(table: Table, wrap: str | None) -> Markup:
    width = max((len(row) for row in table.rows), default=0)
    rows = [
        element(
            "tr", [element("td", _wrap(cell, wrap)) for cell in (*row, *[""] * (width - len(row)))]
        )
        for row in table.rows
    ]
    caption = element("caption", _wrap(table.caption, wrap)) if table.caption else None
    return element("table", caption, element("tbody", rows), class_="pl-table")


def _wrap(text: str, wrap: str | None) -> Content:
    """Text, inside ``<ins>`` or ``<del>`` when a diff adds or removes it."""
    if wrap is None or not text:
        return text
    return element(wrap, text)


def block_html(block: Block, wrap: str | None = None) -> Markup:
    """A paragraph as ``<p>``, a bullet list as ``<ul>``, a table as ``<table>``."""
    if isinstance(block, Paragraph):
        return element("p", _wrap(block.text, wrap))
    if isinstance(block, BulletList):
        return element("ul", [element("li", _wrap(item, wrap)) for item in block.items])
    return _table(block, wrap)


def _provenance_line(provenance: Provenance) -> Markup:
    """One line for a sub-section whose text came from another filing than its parent's."""
    return element(
        "p",
        f"{provenance_kind(provenance).capitalize()} from {source_text(provenance.source)}, "
        "effective ",
        _time(provenance.effective),
        ", known ",
        _time(provenance.known_at),
        " ",
        _illustrative() if provenance.illustrative else None,
        class_="pl-meta",
    )


def _section(section: Section, level: int, inherited: Provenance | None) -> Markup:
    heading = element(f"h{min(level, 6)}", section.heading)
    notes: list[Content] = []
    if section.placeholder:
        notes.append(_note("Only this heading is known here: its own text was never given."))
    if section.provenance is not None and section.provenance != inherited:
        notes.append(_provenance_line(section.provenance))
    own = section.provenance or inherited
    return element(
        "section",
        heading,
        notes,
        [block_html(block) for block in section.blocks],
        [_section(child, level + 1, own) for child in section.children],
        class_="pl-section",
    )


def provenance_html(provenance: Provenance | None) -> Markup:
    """The footer under a section: filing, effective, known-at, edition, instruction."""
    if provenance is None:
        return element(
            "footer",
            _note("No provenance: this section's own text is not known (no base loaded)."),
            class_="pl-provenance",
        )
    words: Content = (
        element("blockquote", provenance.words)
        if provenance.words is not None
        else _note("base text of the edition (no instruction)")
    )
    rows: list[Content] = [
        element("dt", "Filing"),
        element("dd", source_text(provenance.source)),
        element("dt", "Effective"),
        element("dd", _time(provenance.effective)),
        element("dt", "Known at"),
        element("dd", _time(provenance.known_at)),
        element("dt", "Edition"),
        element("dd", provenance.edition),
        element("dt", "Instruction"),
        element("dd", words),
    ]
    if provenance.illustrative:
        rows += [element("dt", "Note"), element("dd", _illustrative())]
    return element("footer", element("dl", rows), class_="pl-provenance")


def section_html(view: SectionView) -> Markup:
    """A section as it read at one instant, with its provenance footer."""
    where = [path_text(view.path), view.edition]
    if view.portfolio and view.portfolio not in view.path:
        where.append(view.portfolio)
    illustrative = view.provenance is not None and view.provenance.illustrative
    return _wrapper(
        "section-view",
        element("p", " \u00b7 ".join(where), " \u00b7 as of ", _time(view.as_of), class_="pl-meta"),
        element("p", _illustrative()) if illustrative else None,
        _note("Only part of this section is known: no base text is loaded.")
        if view.partial
        else None,
        _section(view.section, 3, view.provenance),
        provenance_html(view.provenance),
    )


# -- snapshot -------------------------------------------------------------------------


def _outline(views: Sequence[SectionView]) -> Markup:
    """Nested ``<ul>`` of the views' headings; ``views`` are in document order."""
    items: list[Markup] = []
    index = 0
    while index < len(views):
        view = views[index]
        depth = len(view.path)
        end = index + 1
        while end < len(views) and len(views[end].path) > depth:
            end += 1
        label: list[Content] = [element("strong", view.heading)]
        if view.portfolio and depth == 1:
            label.append(element("span", " (portfolio)", class_="pl-meta"))
        if view.partial:
            label.append(element("span", " \u2014 heading only, text not known", class_="pl-note"))
        elif view.provenance is not None:
            label += [
                element(
                    "span",
                    f" \u2014 {provenance_kind(view.provenance)} {view.provenance.source.label}, "
                    "effective ",
                    _time(view.provenance.effective),
                    class_="pl-meta",
                ),
                " ",
                _illustrative() if view.provenance.illustrative else None,
            ]
        children = _outline(views[index + 1 : end]) if end > index + 1 else None
        items.append(element("li", label, children))
        index = end
    return element("ul", items)


def _scope_text(snapshot: Snapshot) -> str:
    scopes = []
    if snapshot.portfolio_scope is not None:
        scopes.append(f"portfolio {snapshot.portfolio_scope}")
    if snapshot.document_scope is not None:
        scopes.append(f"the {snapshot.document_scope.title}")
    return "Scope: " + (", ".join(scopes) if scopes else "every portfolio and document") + "."


def snapshot_html(snapshot: Snapshot) -> Markup:
    """The documents in force at the snapshot's instant, with their section outlines."""
    known: Content = (
        [" Applying what was known at ", _time(snapshot.known_at), "."]
        if snapshot.known_at is not None
        else " Applying everything in the ledger."
    )
    views = snapshot.sections()
    documents = []
    for document in snapshot.documents():
        own = [view for view in views if view.edition == document.edition]
        status = "whole text loaded" if document.complete else "known only from supplements"
        documents.append(
            element(
                "section",
                element("h4", document.edition),
                element(
                    "p",
                    status,
                    f"; base from {source_text(document.source)}" if document.source else None,
                    " ",
                    _illustrative() if document.illustrative else None,
                    class_="pl-meta",
                ),
                _outline(own) if own else _note("No section of this document is known yet."),
                class_="pl-document",
            )
        )
    return _wrapper(
        "snapshot",
        element("h3", "Documents in force as of ", _time(snapshot.when)),
        element("p", _scope_text(snapshot), known, class_="pl-meta"),
        documents or _note("No document is in force at this instant."),
    )


# -- history, diff, timeline, problems ------------------------------------------------


def _header_row(*names: str) -> Markup:
    return element("thead", element("tr", [element("th", name) for name in names]))


def history_html(history: History) -> Markup:
    """A table of a section's versions: valid from / to, filing, and the start of its text."""
    rows = []
    for version in history:
        provenance = version.provenance
        filing: list[Content] = ["\u2014"]
        if provenance is not None:
            filing = [
                f"{provenance_kind(provenance)}: {source_text(provenance.source)} ",
                _illustrative() if provenance.illustrative else None,
            ]
        edition = version.edition + (f" [{version.portfolio}]" if version.portfolio else "")
        rows.append(
            element(
                "tr",
                element("td", _time(version.valid_from)),
                element("td", _time(version.valid_to) if version.valid_to else "in force"),
                element("td", filing),
                element("td", edition),
                element("td", excerpt(version.text) or "(heading only)"),
            )
        )
    count = f"{len(history)} version{'s' if len(history) != 1 else ''}"
    return _wrapper(
        "history",
        element("h3", "History of ", path_text(history.path)),
        element("p", count, class_="pl-meta"),
        element(
            "table",
            _header_row("Valid from", "Valid to", "Filing", "Edition", "Text"),
            element("tbody", rows),
            class_="pl-table",
        )
        if rows
        else _note("No version of this section is known."),
    )


def redline_html(segments: Sequence[RedlineSegment]) -> Markup:
    """A word-level redline: insertions in ``<ins>``, deletions in ``<del>``."""
    parts: list[Content] = []
    for number, segment in enumerate(segments):
        if number:
            parts.append(" ")
        if segment.kind == "insert":
            parts.append(element("ins", segment.text))
        elif segment.kind == "delete":
            parts.append(element("del", segment.text))
        else:
            parts.append(segment.text)
    return element("p", parts, class_="pl-redline")


def _diff_item(view: SectionView, body: Content) -> Markup:
    provenance = view.provenance
    return element(
        "li",
        element("strong", path_text(view.path)),
        element("span", f" \u2014 {view.edition}", class_="pl-meta"),
        body,
        _provenance_line(provenance) if provenance is not None else None,
    )


def _blocks_or_note(view: SectionView, wrap: str) -> Content:
    if view.blocks:
        return [block_html(block, wrap) for block in view.blocks]
    return _note("(heading only; its own text is not known)")


def diff_html(diff: LedgerDiff) -> Markup:
    """Sections added, removed and changed between two instants, with redlines."""
    counts = f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed."
    if diff.unknown:
        counts += f" {len(diff.unknown)} not known at the later instant."
    parts: list[Content] = []
    if diff.added:
        parts += [
            element("h4", "Added"),
            element("ul", [_diff_item(v, _blocks_or_note(v, "ins")) for v in diff.added]),
        ]
    if diff.removed:
        parts += [
            element("h4", "Removed"),
            element("ul", [_diff_item(v, _blocks_or_note(v, "del")) for v in diff.removed]),
        ]
    if diff.changed:
        parts += [
            element("h4", "Changed"),
            element(
                "ul",
                [_diff_item(c.after, redline_html(c.redline)) for c in diff.changed],
            ),
        ]
    if diff.unknown:
        note = _note(UNKNOWN_LATER)
        parts += [
            element("h4", "Not known later"),
            element("ul", [_diff_item(v, note) for v in diff.unknown]),
        ]
    return _wrapper(
        "diff",
        element("h3", "Changes from ", _time(diff.before.when), " to ", _time(diff.after.when)),
        element("p", counts, class_="pl-meta"),
        parts or _note("No section changed."),
    )


def _status(status: str) -> Markup:
    css = f"pl-status pl-status-{status}" if status in STATUS_COLOURS else "pl-status"
    return element("span", status, class_=css)


def timeline_html(timeline: Timeline) -> Markup:
    """A table of every amendment: effective, action, target, status, filing, reason."""
    rows = []
    for entry in timeline:
        scope = [entry.document.title if entry.document else None, entry.portfolio]
        where = ", ".join(part for part in scope if part)
        rows.append(
            element(
                "tr",
                element("td", _time(entry.effective) if entry.effective else "no date"),
                element("td", entry.action),
                element(
                    "td",
                    entry_target(entry),
                    element("p", where, class_="pl-meta") if where else None,
                ),
                element("td", _status(entry.status)),
                element("td", source_text(entry.source)),
                element("td", entry.reason or ""),
            )
        )
    count = f"{len(timeline)} amendment{'s' if len(timeline) != 1 else ''}"
    return _wrapper(
        "timeline",
        element("h3", "Timeline"),
        element("p", count, class_="pl-meta"),
        element(
            "table",
            _header_row("Effective", "Action", "Target", "Status", "Filing", "Reason"),
            element("tbody", rows),
            class_="pl-table",
        )
        if rows
        else _note("No amendment in the ledger."),
    )


def problems_html(problems: Sequence[Problem]) -> Markup:
    """Every instruction or file not applied as written, with the reason."""
    items = []
    for problem in problems:
        details = [source_text(problem.source)]
        if problem.place:
            details.append(problem.place)
        if problem.document is not None:
            details.append(problem.document.title)
        items.append(
            element(
                "li",
                element("strong", problem.kind),
                ": ",
                problem.reason,
                element(
                    "p",
                    "; ".join(details),
                    [", effective ", _time(problem.effective)] if problem.effective else None,
                    class_="pl-meta",
                ),
                element("blockquote", excerpt(problem.words, 400)) if problem.words else None,
            )
        )
    return _wrapper(
        "problems",
        element("h3", f"Problems ({len(items)})"),
        element("ul", items)
        if items
        else _note("No problems: every instruction was applied as written."),
    )
