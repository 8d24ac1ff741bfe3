"""Build docs/demo.ipynb, the notebook tour of the ledger on the two seed filings.

The notebook is written without outputs, so the file depends only on this
script; ``tests/test_demo_notebook.py`` executes it and checks what it shows.

Usage::

    python scripts/make_demo_notebook.py            # write docs/demo.ipynb
    python scripts/make_demo_notebook.py --check    # exit 1 if docs/demo.ipynb is stale
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import nbformat
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "demo.ipynb"

CELLS: list[tuple[str, str]] = [
    (
        "markdown",
        """# prospectus-ledger in a notebook

What did a fund's prospectus say on a given day, and which filing said it? This notebook loads
the two real supplements in `seeds/` and shows the ledger's answers as notebook views: a
section with its provenance, a section's history, a diff between two days, the timeline of
amendments (as a table, a DataFrame and a plot) and the problems list.

Needs the `notebook` extra: `pip install -e '.[notebook]'` (pandas, matplotlib).""",
    ),
    (
        "code",
        """import prospectus_ledger as pl
from IPython.display import HTML

ledger = pl.load("../seeds/")
ledger""",
    ),
    (
        "markdown",
        """## A section as of a day

The May 31, 2007 supplement rewrote the Third Avenue Small Cap Value Portfolio's strategy
*retroactively*, effective May 22, 2007. As of May 22 the new text is in force; the footer
names the filing, the effective instant, when it became known, and the instruction's words.""",
    ),
    (
        "code",
        """view = ledger.as_of("2007-05-22").section("Principal Investment Strategy")
view""",
    ),
    (
        "markdown",
        """The Dreman change took effect at the close of the New York Stock Exchange on
December 21, 2006 (16:00 New York time). Its SAI table keeps its rows and cells.""",
    ),
    (
        "code",
        """snapshot = ledger.as_of("2006-12-21")
snapshot""",
    ),
    (
        "code",
        """snapshot.document("sai").section(("Appendix C", "Dreman Small-Cap Value Portfolio"))""",
    ),
    ("markdown", "## A section's history"),
    ("code", """ledger.history("Principal Investment Strategy")"""),
    (
        "markdown",
        """## What changed between two days

Insertions are underlined on green, deletions struck through on red.""",
    ),
    ("code", """ledger.diff("2007-05-21", "2007-05-22")"""),
    ("markdown", "## The timeline of amendments"),
    (
        "code",
        """timeline = ledger.timeline()
timeline""",
    ),
    (
        "code",
        """frame = timeline.to_dataframe()
frame[["effective", "action", "target", "portfolio", "status", "source"]]""",
    ),
    ("code", """timeline.plot();"""),
    (
        "markdown",
        """## Problems

Every instruction the ledger could not apply as written is listed with its reason;
the seeds have none.""",
    ),
    (
        "code",
        """from prospectus_ledger import render

HTML(render.problems_html(ledger.problems()))""",
    ),
]


def build() -> NotebookNode:
    """The demo notebook, without outputs, with stable cell ids."""
    notebook: NotebookNode = new_notebook()  # type: ignore[no-untyped-call]
    notebook.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    notebook.metadata["language_info"] = {"name": "python"}
    for number, (kind, source) in enumerate(CELLS):
        make: Any = new_markdown_cell if kind == "markdown" else new_code_cell
        cell = make(source)
        cell["id"] = f"cell-{number:02d}"
        notebook.cells.append(cell)
    nbformat.validate(notebook)
    return notebook


def render_notebook() -> str:
    """The notebook file's exact text."""
    text: str = nbformat.writes(build())  # type: ignore[no-untyped-call]
    return text + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the notebook, or with ``--check`` report whether it is up to date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="fail if the notebook is stale")
    arguments = parser.parse_args(argv)
    text = render_notebook()
    if arguments.check:
        current = NOTEBOOK.read_text(encoding="utf-8") if NOTEBOOK.exists() else ""
        if current != text:
            sys.stderr.write(f"{NOTEBOOK} is stale: run python scripts/make_demo_notebook.py\n")
            return 1
        return 0
    NOTEBOOK.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
