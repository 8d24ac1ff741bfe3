"""Quickstart: load the seed filings and ask what sections said at several instants.

Run from the repository root:

    python examples/quickstart.py [FOLDER]

FOLDER defaults to seeds/, the two real 497 supplements the project started from.
Beside them it loads examples/example-trust-2020.md, a base edition written by
hand in Markdown (marked illustrative: its text is not from a filing).
"""

from __future__ import annotations

import sys
import textwrap

import prospectus_ledger as pl


def show(title: str, answer: str) -> None:
    print(f"== {title}")
    print(textwrap.indent(answer, "   "))
    print()


def ask(snapshot: pl.Snapshot, path: str) -> str:
    """The section's text and provenance, or the library's own error, as printed lines."""
    try:
        view = snapshot.section(path)
    except pl.ProspectusLedgerError as error:
        return f"{type(error).__name__}: {error}"
    origin = view.provenance.describe() if view.provenance else "placeholder: own text unknown"
    paragraphs = [textwrap.fill(paragraph, 88) for paragraph in view.text.split("\n\n")]
    return "\n\n".join(paragraphs) + f"\n[{origin}]"


MARKDOWN_BASE = "examples/example-trust-2020.md"


def main(folder: str = "seeds/") -> None:
    ledger = pl.load([folder, MARKDOWN_BASE])
    print(f"Loaded {ledger!r} from {folder} and {MARKDOWN_BASE}\n")

    strategy = "Principal Investment Strategy"
    show("Third Avenue strategy as of 2007-05-22", ask(ledger.as_of("2007-05-22"), strategy))
    show("... as of 2007-05-21", ask(ledger.as_of("2007-05-21"), strategy))
    show(
        "... as of 2007-05-25, knowing only what was known on 2007-05-28",
        ask(ledger.as_of("2007-05-25", known_at="2007-05-28"), strategy),
    )

    dreman = "MANAGEMENT -- The Advisers -- Dreman Value Management, LLC"
    at_close = ledger.as_of("2006-12-21")
    show("Dreman adviser section as of 2006-12-21", ask(at_close, dreman))
    show(
        "... as of 2006-12-21T15:00, before the NYSE close",
        ask(ledger.as_of("2006-12-21T15:00"), dreman),
    )

    appendix = at_close.document("sai").section("Appendix C -- Dreman Small-Cap Value Portfolio")
    table = next(block for block in appendix.blocks if isinstance(block, pl.Table))
    managers = [
        row[0] for row in table.rows if (row and "Dreman" in row[0]) or "Hoover" in " ".join(row)
    ]
    show("SAI Appendix C table rows naming the managers", "\n".join(managers) or "(none)")

    example = ledger.as_of("2020-06-01").portfolio("Example Fund")
    show("Example Fund strategy from the Markdown base, as of 2020-06-01", ask(example, strategy))

    print("== Timeline")
    for entry in ledger.timeline():
        print(
            f"   {entry.effective.isoformat() if entry.effective else '-':26} {entry.action:8} "
            f"{' -- '.join(entry.target)} ({entry.source.label}, {entry.status})"
        )


if __name__ == "__main__":
    main(*sys.argv[1:2])
