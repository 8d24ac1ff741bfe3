"""The ``prospectus-ledger`` command line.

Every command that reads filings takes SOURCE: a folder of filings, one file,
or a store made by ``prospectus-ledger ingest``.  Library errors print one line
and exit 1; usage errors exit 2.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from ._cli_format import (
    FORMATS,
    records_output,
    redline_lines,
    section_output,
    terminal_safe,
)
from ._records import (
    DIFF,
    HISTORY,
    PROBLEMS,
    SECTIONS,
    TIMELINE,
    Column,
    diff_records,
    history_records,
    problem_records,
    section_records,
    timeline_records,
)
from ._text import heading_key, split_heading_path
from .errors import AmbiguousSectionError, ProspectusLedgerError
from .ledger import DEFAULT_MAX_FILING_BYTES, Ledger, load
from .manifest import as_manifest, sources_for
from .serialize import unstructure
from .store import Store, is_store_file, open_store

__all__ = ["main"]

_STRICT_FAILED = 3  # 1 is a library error, 2 a usage error
_SOURCE = click.Path(exists=True, path_type=Path)


def _say(text: str, *, err: bool = False) -> None:
    """Print text that may hold a filing's words: nothing in it acts on the terminal
    (:func:`~._cli_format.terminal_safe`); nothing at all for no text (JSON Lines
    of no rows)."""
    if text:
        click.echo(terminal_safe(text), err=err)


def _cli_message(error: ProspectusLedgerError) -> str:
    """The error's message, with command-line advice where the library's names Python."""
    if isinstance(error, AmbiguousSectionError):
        return error.describe("scope it with --portfolio NAME or --document KIND")
    return str(error)


class _LibraryErrors(click.Group):
    """Turn library errors into one clear line and exit status 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ProspectusLedgerError as error:
            _say(f"Error: {_cli_message(error)}", err=True)
            ctx.exit(1)


def open_source(sources: Sequence[Path], manifest: Path | None = None) -> Ledger:
    """A store (one SQLite file) or the filings in folders and files, as a ledger;
    ``manifest`` says what EDGAR knows of the filings."""
    if len(sources) == 1 and is_store_file(sources[0]):
        if manifest is not None:
            raise click.UsageError(
                f"{sources[0]} is a store, which keeps what it was ingested with; "
                "give --manifest to 'prospectus-ledger ingest' instead"
            )
        return open_store(sources[0])
    return load(sources, manifest=manifest)


_format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="A table as wide as the terminal, or every column, never cut, as JSON, JSON Lines or CSV.",
)


def _names(columns: Sequence[Column]) -> tuple[str, ...]:
    return tuple(name for name, _ in columns)


def _ends_with(path: str, section: str | None) -> bool:
    """Whether a heading path ends with the heading path ``section`` (any dash)."""
    if section is None:
        return True
    wanted = [heading_key(part) for part in split_heading_path(section)]
    have = [heading_key(part) for part in split_heading_path(path)]
    return have[-len(wanted) :] == wanted


def _default_colour() -> bool:
    """Colour when writing to a terminal, unless NO_COLOR is set (https://no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


_manifest_option = click.option(
    "--manifest",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="CSV, JSON Lines or EDGAR master.idx/form.idx listing each file's filing date, "
    "form, CIK, accession, URL and company.",
)


@click.group(cls=_LibraryErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="prospectus-ledger")
def main() -> None:
    """Apply prospectus supplements in effective-date order and ask what any section said."""


@main.command()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one JSON file per input into this folder instead of printing.",
)
@_manifest_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "jsonl", "csv", "table"]),
    default="json",
    show_default=True,
    help="JSON: one document (a file's list of supplements; for several files, a list of "
    "{file, supplements}); JSON Lines: a supplement per line; CSV or a table: an amendment "
    "per row.",
)
def parse(
    files: tuple[Path, ...], output: Path | None, manifest: Path | None, output_format: str
) -> None:
    """Parse 497 supplement FILES and print their supplements ([format](json.md)).

    \b
    Example:
        prospectus-ledger parse seeds/000_6de0636f7720f9ef.txt
    """
    from .parsing import parse_filing

    if output is not None:
        named: dict[str, list[Path]] = {}
        for file in files:
            named.setdefault(file.name, []).append(file)
        clashes = [paths for paths in named.values() if len(paths) > 1]
        if clashes:
            listed = "; ".join(", ".join(str(path) for path in paths) for paths in clashes)
            raise click.UsageError(
                f"inputs with the same name would write the same file in {output}: "
                f"{listed}; parse them into separate folders"
            )
    parsed: list[tuple[Path, Any]] = []
    for file, source in zip(files, sources_for(files, as_manifest(manifest)), strict=True):
        supplements = unstructure(parse_filing(file.read_bytes(), source))
        if output is None:
            parsed.append((file, supplements))
            continue
        output.mkdir(parents=True, exist_ok=True)
        target = output / f"{file.name}.json"
        target.write_text(
            json.dumps(supplements, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        _say(f"{file} -> {target}", err=True)
    if output is None:
        _say(_parsed_output(parsed, output_format))


def _parsed_output(parsed: list[tuple[Path, Any]], output_format: str) -> str:
    if output_format == "json":
        document = (
            parsed[0][1]
            if len(parsed) == 1
            else [{"file": str(file), "supplements": supplements} for file, supplements in parsed]
        )
        return json.dumps(document, indent=2, ensure_ascii=False)
    if output_format == "jsonl":
        return "\n".join(
            json.dumps({"file": str(file), **supplement}, ensure_ascii=False)
            for file, supplements in parsed
            for supplement in supplements
        )
    columns = ("file", "supplement_date", "action", "document", "target", "effective", "text")
    rows = [
        {
            "file": str(file),
            "supplement_date": supplement["supplement_date"],
            "action": amendment["action"],
            "document": amendment["document"],
            "target": " -- ".join(amendment["target"]),
            "effective": amendment["effective"],
            "text": amendment["text"],
        }
        for file, supplements in parsed
        for supplement in supplements
        for amendment in supplement["amendments"]
    ]
    return records_output(rows, columns, output_format, shown=columns[:-1])


@main.command()
@click.argument("source", type=_SOURCE)
@click.argument("section")
@click.option(
    "--as-of", "as_of", required=True, help="Date (end of day, New York) or ISO datetime."
)
@click.option("--known-at", default=None, help="Apply only supplements known by this date.")
@click.option("--portfolio", default=None, help="Limit the lookup to one portfolio.")
@click.option(
    "--document",
    type=click.Choice(["prospectus", "summary_prospectus", "sai"]),
    default=None,
    help="Limit the lookup to one document.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "html", "json", *FORMATS[1:], "table"]),
    default="text",
    show_default=True,
    help="text with a provenance line, Markdown, HTML, the section as JSON; or its row "
    "(path, edition, portfolio, provenance, text) as JSON Lines, CSV or a table.",
)
@_manifest_option
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
    snapshot = open_source([source], manifest).as_of(as_of, known_at=known_at)
    if portfolio:
        snapshot = snapshot.portfolio(portfolio)
    if document:
        snapshot = snapshot.document(document)
    view = snapshot.section(section)
    if output_format in ("jsonl", "csv", "table"):
        _say(records_output(section_records([view]), _names(SECTIONS), output_format))
        return
    _say(section_output(view, output_format))


@main.command()
@click.argument("source", type=_SOURCE)
@click.argument("section")
@click.option("--portfolio", default=None, help="Only this portfolio's section.")
@click.option(
    "--document", type=click.Choice(["prospectus", "summary_prospectus", "sai"]), default=None
)
@_manifest_option
@_format_option
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
    _say(
        records_output(
            history_records(versions), _names(HISTORY), output_format, shown=shown, empty=empty
        )
    )


@main.command()
@click.argument("source", type=_SOURCE)
@click.argument("before")
@click.argument("after")
@click.option(
    "--section", default=None, help="Only sections whose path ends with this heading path."
)
@click.option(
    "--color/--no-color", default=None, help="Colour the redline (default: when a terminal)."
)
@_manifest_option
@_format_option
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
        rows = [r for r in diff_records(changes) if _ends_with(str(r["path"]), section)]
        _say(records_output(rows, _names(DIFF), output_format))
        return
    # NO_COLOR turns the default off; --color still turns it on.
    colour = color if color is not None else _default_colour()
    lines = redline_lines(changes, section=section, colour=colour)
    click.echo("\n".join(lines) if lines else "no changes", color=colour)


@main.command()
@click.argument("source", type=_SOURCE)
@_manifest_option
@_format_option
def timeline(source: Path, manifest: Path | None, output_format: str) -> None:
    """Print every amendment in effective order, with its status.

    \b
    Example:
        prospectus-ledger timeline seeds/
    """
    entries = open_source([source], manifest).timeline()
    shown = ("effective", "action", "document", "target", "status", "source")
    _say(records_output(timeline_records(entries), _names(TIMELINE), output_format, shown=shown))


@main.command()
@click.argument("source", type=_SOURCE)
@_manifest_option
@_format_option
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
    _say(records_output(problem_records(found), _names(PROBLEMS), output_format, shown=shown))


@main.command()
@click.argument("sources", nargs=-1, required=True, type=_SOURCE)
@click.option(
    "--store", "store_path", required=True, type=click.Path(dir_okay=False, path_type=Path)
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that parse filings (default: one per core).",
)
@click.option(
    "--max-filing-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_FILING_BYTES,
    show_default=True,
    help="Refuse filings larger than this.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Exit with status 3 when any file is unreadable or any instruction in the store "
    "is not applied as written (for nightly jobs).",
)
@_manifest_option
def ingest(
    sources: tuple[Path, ...],
    store_path: Path,
    jobs: int | None,
    max_filing_bytes: int,
    strict: bool,
    manifest: Path | None,
) -> None:
    """Load folders of filings into a store; ingesting a filing twice changes nothing.

    Unreadable files are reported and skipped; the exit status is non-zero only
    when the store itself cannot be written, or, with --strict, when a file is
    unreadable or an instruction is not applied (status 3; see
    'prospectus-ledger problems STORE').

    \b
    Example:
        prospectus-ledger ingest seeds/ --store ledger.sqlite
    """
    # The manifest is read first: a bad one stops the ingest before a store is made.
    listing = as_manifest(manifest)
    store = Store(store_path, max_filing_bytes=max_filing_bytes)
    with click.progressbar(length=1, label="Reading filings", file=sys.stderr) as bar:

        def progress(number: int, total: int, name: str) -> None:
            bar.length = total
            bar.update(1)

        report = store.ingest(list(sources), progress=progress, jobs=jobs, manifest=listing)
    click.echo(
        f"{report.files} files, {report.new_filings} new filings, {report.supplements} "
        f"supplements, "
        f"{report.documents} base editions, {report.amendments} amendments; "
        f"{report.problems} problems in the store; {len(report.failures)} files unreadable"
    )
    for file, message in report.failures:
        _say(f"unreadable: {file}: {message}", err=True)
    if strict and (report.failures or report.problems):
        _say(
            f"--strict: {len(report.failures)} files unreadable, {report.problems} problems; "
            f"list them with 'prospectus-ledger problems {store_path}'",
            err=True,
        )
        sys.exit(_STRICT_FAILED)
