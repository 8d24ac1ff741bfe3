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

import click

from ._cli_format import redline_lines, section_output, table, terminal_safe
from .errors import ProspectusLedgerError
from .ledger import DEFAULT_MAX_FILING_BYTES, Ledger, load
from .manifest import as_manifest, sources_for
from .serialize import unstructure
from .store import Store, open_store

__all__ = ["main"]

_STRICT_FAILED = 3  # 1 is a library error, 2 a usage error
_SQLITE_MAGIC = b"SQLite format 3\x00"
_SOURCE = click.Path(exists=True, path_type=Path)


def _say(text: str, *, err: bool = False) -> None:
    """Print text that may hold a filing's words: nothing in it acts on the terminal
    (:func:`~._cli_format.terminal_safe`)."""
    click.echo(terminal_safe(text), err=err)


class _LibraryErrors(click.Group):
    """Turn library errors into one clear line and exit status 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ProspectusLedgerError as error:
            _say(f"Error: {error}", err=True)
            ctx.exit(1)


def _is_store(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as handle:
        return handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC


def open_source(sources: Sequence[Path], manifest: Path | None = None) -> Ledger:
    """A store (one SQLite file) or the filings in folders and files, as a ledger;
    ``manifest`` says what EDGAR knows of the filings."""
    if len(sources) == 1 and _is_store(sources[0]):
        if manifest is not None:
            raise click.UsageError(
                f"{sources[0]} is a store, which keeps what it was ingested with; "
                "give --manifest to 'prospectus-ledger ingest' instead"
            )
        return open_store(sources[0], create=False)
    return load(sources, manifest=manifest)


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
def parse(files: tuple[Path, ...], output: Path | None, manifest: Path | None) -> None:
    """Parse 497 supplement FILES and print each as a JSON list of supplements.

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
    for file, source in zip(files, sources_for(files, as_manifest(manifest)), strict=True):
        supplements = parse_filing(file.read_bytes(), source)
        text = json.dumps(unstructure(supplements), indent=2, ensure_ascii=False)
        if output is None:
            _say(text)
            continue
        output.mkdir(parents=True, exist_ok=True)
        target = output / f"{file.name}.json"
        target.write_text(text + "\n", encoding="utf-8")
        _say(f"{file} -> {target}", err=True)


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
    type=click.Choice(["text", "markdown", "json", "html"]),
    default="text",
    show_default=True,
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
    _say(section_output(snapshot.section(section), output_format))


@main.command()
@click.argument("source", type=_SOURCE)
@click.argument("section")
@click.option("--portfolio", default=None, help="Only this portfolio's section.")
@click.option(
    "--document", type=click.Choice(["prospectus", "summary_prospectus", "sai"]), default=None
)
@_manifest_option
def history(
    source: Path,
    section: str,
    portfolio: str | None,
    document: str | None,
    manifest: Path | None,
) -> None:
    """Print every version of SECTION with its validity interval and filing.

    \b
    Example:
        prospectus-ledger history seeds/ "Principal Investment Strategy"
    """
    versions = open_source([source], manifest).history(
        section, portfolio=portfolio, document=document
    )
    rows = [
        (
            version.valid_from.isoformat(),
            version.valid_to.isoformat() if version.valid_to else "(in force)",
            version.provenance.source.label if version.provenance else "(placeholder)",
            version.text[:60].replace("\n", " "),
        )
        for version in versions
    ]
    _say(table(("valid from", "valid to", "filing", "text"), rows))


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
def diff(
    source: Path,
    before: str,
    after: str,
    section: str | None,
    color: bool | None,
    manifest: Path | None,
) -> None:
    """Print what changed between two dates: a coloured redline in a terminal, +/- lines when piped.

    \b
    Example:
        prospectus-ledger diff seeds/ 2007-05-21 2007-05-22
    """
    changes = open_source([source], manifest).diff(before, after)
    # NO_COLOR turns the default off; --color still turns it on.
    colour = color if color is not None else _default_colour()
    lines = redline_lines(changes, section=section, colour=colour)
    click.echo("\n".join(lines) if lines else "no changes", color=colour)


@main.command()
@click.argument("source", type=_SOURCE)
@_manifest_option
def timeline(source: Path, manifest: Path | None) -> None:
    """Print every amendment in effective order, with its status.

    \b
    Example:
        prospectus-ledger timeline seeds/
    """
    rows = [
        (
            entry.effective.isoformat() if entry.effective else "-",
            entry.action,
            entry.document.value if entry.document else "-",
            " -- ".join(entry.target) or "-",
            entry.status,
            entry.source.label,
        )
        for entry in open_source([source], manifest).timeline()
    ]
    _say(table(("effective", "action", "document", "target", "status", "filing"), rows))


@main.command()
@click.argument("source", type=_SOURCE)
@_manifest_option
def problems(source: Path, manifest: Path | None) -> None:
    """Print every instruction or file that was not applied, with the reason.

    \b
    Example:
        prospectus-ledger problems seeds/
    """
    found = open_source([source], manifest).problems()
    if not found:
        click.echo("no problems")
        return
    rows = [(problem.kind, problem.source.label, problem.reason) for problem in found]
    _say(table(("kind", "filing", "reason"), rows))


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
