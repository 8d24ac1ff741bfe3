"""Commands that list what a source holds: editions, portfolios, sections."""

from __future__ import annotations

from pathlib import Path

import click

from .._cli_format import records_output
from .._records import (
    EDITIONS,
    PORTFOLIOS,
    SECTIONS,
    edition_records,
    portfolio_records,
    section_records,
)
from ._common import (
    SOURCE,
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
@manifest_option
@format_option
def editions(source: Path, manifest: Path | None, output_format: str) -> None:
    """List the editions SOURCE holds, with when each is in force and whether its base
    text is loaded.

    \b
    Example:
        prospectus-ledger editions seeds/
    """
    rows = edition_records(open_source([source], manifest).editions())
    shown = ("edition", "valid_from", "valid_to", "base_loaded", "amendments")
    say(records_output(rows, names(EDITIONS), output_format, shown=shown))


@main.command()
@click.argument("source", type=SOURCE)
@manifest_option
@format_option
def portfolios(source: Path, manifest: Path | None, output_format: str) -> None:
    """List the portfolios SOURCE names, with their series IDs, classes and tickers
    (any of which --portfolio takes).

    \b
    Example:
        prospectus-ledger portfolios seeds/
    """
    rows = portfolio_records(open_source([source], manifest).portfolios())
    say(records_output(rows, names(PORTFOLIOS), output_format))


@main.command()
@click.argument("source", type=SOURCE)
@question_options("A name, series ID, class ID or ticker.", "Only this document.")
@manifest_option
@format_option
def sections(
    source: Path,
    as_of: str,
    known_at: str | None,
    portfolio: str | None,
    document: str | None,
    manifest: Path | None,
    output_format: str,
) -> None:
    """List the sections in force as of a date: the paths to ask 'show' for.

    \b
    Example:
        prospectus-ledger sections seeds/ --as-of 2007-05-22
    """
    snapshot = (
        open_source([source], manifest)
        .as_of(as_of, known_at=known_at)
        .scoped(portfolio=portfolio, document=document)
    )
    rows = section_records(snapshot.sections())
    shown = ("path", "document", "portfolio", "edition")
    say(records_output(rows, names(SECTIONS), output_format, shown=shown))
