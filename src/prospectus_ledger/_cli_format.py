"""Text layout for the command line: tables, redlines, section output."""

from __future__ import annotations

import json
from collections.abc import Sequence

import click

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
    # Filing text is made safe here, before the colours this function adds.
    for view in changes.added:
        if _matches(view.path, section):
            lines.append(terminal_safe(f"+ {' -- '.join(view.path)}"))
    for view in changes.removed:
        if _matches(view.path, section):
            lines.append(terminal_safe(f"- {' -- '.join(view.path)}"))
    for change in changes.changed:
        if not _matches(change.path, section):
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
