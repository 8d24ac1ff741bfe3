"""Text layout for the command line: tables, redlines, section output."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Mapping, Sequence

import click
import pendulum
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ._text import heading_key, split_heading_path
from .diff import LedgerDiff
from .serialize import unstructure
from .snapshot import SectionView

# Characters a terminal acts on instead of showing: C0 controls but new line and tab,
# DEL, C1 controls, and the bidirectional overrides that reorder what is shown.  Filing
# text with ESC ] 0; (window title), ESC ] 52; (clipboard write) or ESC [ 2J (clear)
# must reach the screen as text.  Each becomes its JSON escape ("\u001b"): visible in
# text, and still the same string inside JSON output.
_UNSAFE = [
    *(code for code in range(0x20) if chr(code) not in "\n\t"),
    *range(0x7F, 0xA0),
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
]
_SAFE = {code: f"\\u{code:04x}" for code in _UNSAFE}


def terminal_safe(text: str) -> str:
    """``text`` with every character a terminal would act on written as its escape."""
    return text.translate(_SAFE)


FORMATS = ("table", "json", "jsonl", "csv")
"""The output formats of every command that prints rows."""


def _plain(value: object) -> object:
    """A record's value as JSON holds it: instants and dates in ISO 8601."""
    if isinstance(value, pendulum.Date):  # a DateTime is a Date too
        return value.isoformat()
    return value


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(_plain(value))


def table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], *, width: int | None = None
) -> str:
    """A table as wide as the terminal (``width``, else the terminal's), its cells wrapped,
    never cut."""
    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for header in headers:
        # "fold": a value too long for its column goes on in the next line, never cut.
        grid.add_column(header, overflow="fold")
    for row in rows:
        grid.add_row(*(Text(cell) for cell in row))
    console = Console(
        file=io.StringIO(),
        width=width or shutil.get_terminal_size((120, 24)).columns,
        color_system=None,
        highlight=False,
        emoji=False,
        markup=False,
    )
    console.print(grid)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in output.splitlines()).strip("\n")


def records_output(
    records: Sequence[Mapping[str, object]],
    columns: Sequence[str],
    output_format: str,
    *,
    shown: Sequence[str] | None = None,
    empty: Mapping[str, str] | None = None,
) -> str:
    """Rows in one of :data:`FORMATS`: a table of the ``shown`` columns (a column's
    missing value shown as ``empty`` says), or every column in JSON, JSON Lines or CSV
    (whole values, never cut)."""
    if output_format == "table":
        picked = shown or columns
        blank = empty or {}
        return table(
            picked,
            [
                [_cell(record.get(name)) or blank.get(name, "") for name in picked]
                for record in records
            ],
        )
    plain = [{name: _plain(record.get(name)) for name in columns} for record in records]
    if output_format == "json":
        return json.dumps(plain, indent=2, ensure_ascii=False)
    if output_format == "jsonl":
        return "\n".join(json.dumps(row, ensure_ascii=False) for row in plain)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows({name: _cell(value) for name, value in row.items()} for row in plain)
    return buffer.getvalue().rstrip("\n")


def ends_with(path: Sequence[str], wanted: str | None) -> bool:
    """Whether a heading path ends with the heading path ``wanted`` (any dash); ``None``
    matches every path."""
    if wanted is None:
        return True
    keys = [heading_key(part) for part in split_heading_path(wanted)]
    have = [heading_key(part) for part in path]
    return have[-len(keys) :] == keys


def redline_lines(changes: LedgerDiff, *, section: str | None, colour: bool) -> list[str]:
    """The diff as lines: ``+``/``-`` sections and a word redline of each change."""
    lines: list[str] = []
    # Filing text is made safe here, before the colours this function adds.
    for view in changes.added:
        if ends_with(view.path, section):
            lines.append(terminal_safe(f"+ {' -- '.join(view.path)}"))
    for view in changes.removed:
        if ends_with(view.path, section):
            lines.append(terminal_safe(f"- {' -- '.join(view.path)}"))
    for view in changes.unknown:
        if ends_with(view.path, section):
            lines.append(terminal_safe(f"? {' -- '.join(view.path)} (not known later)"))
    for change in changes.changed:
        if not ends_with(change.path, section):
            continue
        lines.append(terminal_safe(f"~ {' -- '.join(change.path)}"))
        if colour:
            parts = []
            for segment in change.redline:
                text = terminal_safe(segment.text)
                if segment.kind == "insert":
                    parts.append(click.style(text, fg="green", underline=True))
                elif segment.kind == "delete":
                    parts.append(click.style(text, fg="red", strikethrough=True))
                else:
                    parts.append(text)
            lines.append("  " + " ".join(parts))
        else:
            for segment in change.redline:
                mark = {"insert": "+", "delete": "-", "equal": " "}[segment.kind]
                lines.append(f"{mark} {terminal_safe(segment.text)}")
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
