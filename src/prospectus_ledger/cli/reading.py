"""Commands that answer questions: show, history, diff, timeline, problems, ask."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click

from .._cli_format import FORMATS, ends_with, records_output, redline_lines, section_output
from .._records import (
    DIFF,
    HISTORY,
    PROBLEMS,
    SECTIONS,
    TIMELINE,
    diff_records,
    history_records,
    problem_records,
    section_records,
    timeline_records,
)
from .._text import split_heading_path
from ..batch import ANSWERS, answer_many
from ..render._frames import records_frame
from ._common import (
    SOURCE,
    default_colour,
    format_option,
    main,
    manifest_option,
    names,
    open_source,
    question_options,
    say,
)


@main.command()
@click.argument("source", type=SOURCE)
@click.argument("section")
@question_options("Limit the lookup to one portfolio.", "Limit the lookup to one document.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "html", "json", *FORMATS[1:], "table"]),
    default="text",
    show_default=True,
    help="text with a provenance line, Markdown, HTML, the section as JSON; or its row "
    "(path, edition, portfolio, provenance, text) as JSON Lines, CSV or a table.",
)
@manifest_option
def show(
    source: Path,
    section: str,
    as_of: str,
    known_at: str | None,
    portfolio: str | None,
    document: str | None,
    output_format: str,
    manifest: Path | None,
) -> None:
    """Print what SECTION of SOURCE said as of a date, with its provenance.

    \b
    Example:
        prospectus-ledger show seeds/ --as-of 2007-05-22 "Principal Investment Strategy"
    """
    snapshot = (
        open_source([source], manifest)
        .as_of(as_of, known_at=known_at)
        .scoped(portfolio=portfolio, document=document)
    )
    view = snapshot.section(section)
    if output_format in ("jsonl", "csv", "table"):
        say(records_output(section_records([view]), names(SECTIONS), output_format))
        return
    say(section_output(view, output_format))


@main.command()
@click.argument("source", type=SOURCE)
@click.argument("section")
@click.option("--portfolio", default=None, help="Only this portfolio's section.")
@click.option(
    "--document", type=click.Choice(["prospectus", "summary_prospectus", "sai"]), default=None
)
@manifest_option
@format_option
def history(
    source: Path,
    section: str,
    portfolio: str | None,
    document: str | None,
    manifest: Path | None,
    output_format: str,
) -> None:
    """Print every version of SECTION with its validity interval and filing.

    \b
    Example:
        prospectus-ledger history seeds/ "Principal Investment Strategy"
    """
    versions = open_source([source], manifest).history(
        section, portfolio=portfolio, document=document
    )
    shown = ("valid_from", "valid_to", "source", "text")
    empty = {"valid_to": "(in force)", "source": "(placeholder)"}
    say(
        records_output(
            history_records(versions), names(HISTORY), output_format, shown=shown, empty=empty
        )
    )


@main.command()
@click.argument("source", type=SOURCE)
@click.argument("before")
@click.argument("after")
@click.option(
    "--section", default=None, help="Only sections whose path ends with this heading path."
)
@click.option(
    "--color/--no-color", default=None, help="Colour the redline (default: when a terminal)."
)
@manifest_option
@format_option
def diff(
    source: Path,
    before: str,
    after: str,
    section: str | None,
    color: bool | None,
    manifest: Path | None,
    output_format: str,
) -> None:
    """Print what changed between two dates: a coloured redline in a terminal, +/- lines when
    piped; with a machine --format, one row per section with its text before and after.

    \b
    Example:
        prospectus-ledger diff seeds/ 2007-05-21 2007-05-22
    """
    changes = open_source([source], manifest).diff(before, after)
    if output_format != "table":
        rows = [
            r
            for r in diff_records(changes)
            if ends_with(split_heading_path(str(r["path"])), section)
        ]
        say(records_output(rows, names(DIFF), output_format))
        return
    # NO_COLOR turns the default off; --color still turns it on.
    colour = color if color is not None else default_colour()
    lines = redline_lines(changes, section=section, colour=colour)
    click.echo("\n".join(lines) if lines else "no changes", color=colour)


@main.command()
@click.argument("source", type=SOURCE)
@manifest_option
@format_option
def timeline(source: Path, manifest: Path | None, output_format: str) -> None:
    """Print every amendment in effective order, with its status.

    \b
    Example:
        prospectus-ledger timeline seeds/
    """
    entries = open_source([source], manifest).timeline()
    shown = ("effective", "action", "document", "target", "status", "source")
    say(records_output(timeline_records(entries), names(TIMELINE), output_format, shown=shown))


@main.command()
@click.argument("source", type=SOURCE)
@manifest_option
@format_option
def problems(source: Path, manifest: Path | None, output_format: str) -> None:
    """Print every instruction or file that was not applied, with the reason.

    \b
    Example:
        prospectus-ledger problems seeds/
    """
    found = open_source([source], manifest).problems()
    if not found and output_format == "table":
        click.echo("no problems")
        return
    shown = ("kind", "source", "reason")
    say(records_output(problem_records(found), names(PROBLEMS), output_format, shown=shown))


@main.command()
@click.argument("source", type=SOURCE)
@click.argument("questions", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice([*FORMATS, "parquet"]),
    default="csv",
    show_default=True,
    help="The answers as CSV, JSON, JSON Lines, a table, or Parquet (with --output).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the answers to this file instead of printing them (Parquet needs one).",
)
@manifest_option
def ask(
    source: Path,
    questions: Path,
    output_format: str,
    output: Path | None,
    manifest: Path | None,
) -> None:
    """Answer every question of QUESTIONS (CSV or JSON Lines with columns when, path and
    optionally portfolio, document, known_at) about SOURCE: one row per question with its
    text, or the reason it has none in 'error'.

    \b
    Example:
        prospectus-ledger ask seeds/ questions.csv --format jsonl
    """
    rows = _question_rows(questions)
    answers = answer_many(open_source([source], manifest), rows)
    if output_format == "parquet":
        if output is None:
            raise click.UsageError("--format parquet writes a file: give --output FILE")
        records_frame(answers, ANSWERS, "ask --format parquet").to_parquet(output, index=False)
        return
    text = records_output(answers, names(ANSWERS), output_format)
    if output is None:
        say(text)
    else:
        output.write_text(text + "\n" if text else "", encoding="utf-8")


def _question_rows(file: Path) -> list[dict[str, str]]:
    """The questions of a CSV or JSON Lines file, as rows of text."""
    text = file.read_text(encoding="utf-8-sig")
    if text.lstrip().startswith("{"):
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise click.UsageError(f"{file}, line {number}: not JSON ({error})") from error
        return rows
    return [
        {key: value for key, value in row.items() if value not in ("", None)}
        for row in csv.DictReader(io.StringIO(text))
    ]
