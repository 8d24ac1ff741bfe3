"""Text layout for the command line: tables, redlines, section output."""

from __future__ import annotations

import json
from collections.abc import Sequence

import click

from ._text import heading_key, split_heading_path
from .diff import LedgerDiff
from .serialize import unstructure
from .snapshot import SectionView


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, width: int = 60) -> str:
    """A plain fixed-width table; cells longer than ``width`` are cut with an ellipsis."""
    cut = [
        [cell if len(cell) <= width else cell[: width - 1] + "\u2026" for cell in row]
        for row in rows
    ]
    widths = [max([len(header), *(len(row[i]) for row in cut)]) for i, header in enumerate(headers)]
    lines = ["  ".join(header.ljust(widths[i]) for i, header in enumerate(headers)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in cut
    ]
    return "\n".join(lines)


def _matches(path: Sequence[str], wanted: str | None) -> bool:
    if wanted is None:
        return True
    keys = [heading_key(part) for part in split_heading_path(wanted)]
    have = [heading_key(part) for part in path]
    return have[-len(keys) :] == keys


def redline_lines(changes: LedgerDiff, *, section: str | None, colour: bool) -> list[str]:
    """The diff as lines: ``+``/``-`` sections and a word redline of each change."""
    lines: list[str] = []
    for view in changes.added:
        if _matches(view.path, section):
            lines.append(f"+ {' -- '.join(view.path)}")
    for view in changes.removed:
        if _matches(view.path, section):
            lines.append(f"- {' -- '.join(view.path)}")
    for change in changes.changed:
        if not _matches(change.path, section):
            continue
        lines.append(f"~ {' -- '.join(change.path)}")
        if colour:
            parts = []
            for segment in change.redline:
                if segment.kind == "insert":
                    parts.append(click.style(segment.text, fg="green", underline=True))
                elif segment.kind == "delete":
                    parts.append(click.style(segment.text, fg="red", strikethrough=True))
                else:
                    parts.append(segment.text)
            lines.append("  " + " ".join(parts))
        else:
            for segment in change.redline:
                mark = {"insert": "+", "delete": "-", "equal": " "}[segment.kind]
                lines.append(f"{mark} {segment.text}")
    return lines


def section_output(view: SectionView, output_format: str) -> str:
    """A section in one of the ``show`` formats: text, markdown, json or html."""
    origin = view.provenance.describe() if view.provenance else "placeholder: own text unknown"
    if output_format == "json":
        return json.dumps(
            {
                "path": list(view.path),
                "document": view.document.value,
                "edition": view.edition,
                "portfolio": view.portfolio,
                "as_of": view.as_of.isoformat(),
                "text": view.text,
                "section": unstructure(view.section),
                "provenance": unstructure(view.provenance),
            },
            indent=2,
            ensure_ascii=False,
        )
    if output_format == "markdown":
        return str(view._repr_markdown_())
    if output_format == "html":
        return str(view._repr_html_())
    return f"{view.text}\n\n-- {' -- '.join(view.path)} | {origin}"
