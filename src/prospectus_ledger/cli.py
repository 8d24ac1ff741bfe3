"""The ``prospectus-ledger`` command line."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .errors import ProspectusLedgerError
from .ledger import load
from .provenance import Source
from .serialize import unstructure

__all__ = ["main"]


class _LibraryErrors(click.Group):
    """Turn library errors into one clear line and exit status 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ProspectusLedgerError as error:
            click.echo(f"Error: {error}", err=True)
            ctx.exit(1)


@click.group(cls=_LibraryErrors)
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
def parse(files: tuple[Path, ...], output: Path | None) -> None:
    """Parse 497 supplement FILES and print each as a JSON list of supplements.

    \b
    Example:
        prospectus-ledger parse seeds/000_6de0636f7720f9ef.txt
    """
    from .parsing import parse_filing

    for file in files:
        supplements = parse_filing(file.read_bytes(), Source(name=file.name))
        text = json.dumps(unstructure(supplements), indent=2, ensure_ascii=False)
        if output is None:
            click.echo(text)
            continue
        output.mkdir(parents=True, exist_ok=True)
        target = output / f"{file.name}.json"
        target.write_text(text + "\n", encoding="utf-8")
        click.echo(f"{file} -> {target}", err=True)


@main.command()
@click.argument("source", type=click.Path(exists=True, path_type=Path))
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
def show(
    source: Path,
    section: str,
    as_of: str,
    known_at: str | None,
    portfolio: str | None,
    document: str | None,
) -> None:
    """Print what SECTION of the filings in SOURCE said as of a date, with its provenance.

    \b
    Example:
        prospectus-ledger show seeds/ --as-of 2007-05-22 "Principal Investment Strategy"
    """
    snapshot = load(source).as_of(as_of, known_at=known_at)
    if portfolio:
        snapshot = snapshot.portfolio(portfolio)
    if document:
        snapshot = snapshot.document(document)
    view = snapshot.section(section)
    click.echo(view.text)
    click.echo()
    origin = view.provenance.describe() if view.provenance else "placeholder: own text unknown"
    click.echo(f"-- {' -- '.join(view.path)} | {origin}")
