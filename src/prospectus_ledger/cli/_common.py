"""What every command shares: the group, its options, reading a source, printing safely."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import click

from .._cli_format import FORMATS, terminal_safe
from .._records import Column
from ..errors import AmbiguousSectionError, ProspectusLedgerError
from ..ledger import Ledger, load
from ..store import Store, is_store_file, open_store
from ..store.schema import SCHEMA_VERSION

F = TypeVar("F", bound=Callable[..., object])

__all__ = [
    "SOURCE",
    "STRICT_FAILED",
    "LibraryErrors",
    "cli_message",
    "default_colour",
    "format_option",
    "main",
    "manifest_option",
    "names",
    "open_source",
    "question_options",
    "say",
]

STRICT_FAILED = 3  # 1 is a library error, 2 a usage error
SOURCE = click.Path(exists=True, path_type=Path)


def say(text: str, *, err: bool = False) -> None:
    """Print text that may hold a filing's words: nothing in it acts on the terminal
    (:func:`~._cli_format.terminal_safe`); nothing at all for no text (JSON Lines
    of no rows)."""
    if text:
        click.echo(terminal_safe(text), err=err)


def cli_message(error: ProspectusLedgerError) -> str:
    """The error's message, with command-line advice where the library's names Python."""
    if isinstance(error, AmbiguousSectionError):
        return error.describe("scope it with --portfolio NAME or --document KIND")
    return str(error)


class LibraryErrors(click.Group):
    """Turn library errors into one clear line and exit status 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ProspectusLedgerError as error:
            say(f"Error: {cli_message(error)}", err=True)
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
        ledger = open_store(sources[0])
        say_migrated(ledger.store)
        return ledger
    return load(sources, manifest=manifest)


def say_migrated(store: Store) -> None:
    """Tell the user, on standard error, that opening a store upgraded its schema."""
    if store.migrated_from is not None:
        say(
            f"Upgraded {store.path} from store schema {store.migrated_from} to "
            f"{SCHEMA_VERSION} (it now opens only with this version of prospectus-ledger "
            "or later)",
            err=True,
        )


format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="A table as wide as the terminal, or every column, never cut, as JSON, JSON Lines or CSV.",
)


def names(columns: Sequence[Column]) -> tuple[str, ...]:
    return tuple(name for name, _ in columns)


def question_options(portfolio_help: str, document_help: str) -> Callable[[F], F]:
    """The options of a question about an instant: --as-of, --known-at, --portfolio,
    --document."""
    options = (
        click.option(
            "--as-of", "as_of", required=True, help="Date (end of day, New York) or ISO datetime."
        ),
        click.option("--known-at", default=None, help="Apply only supplements known by this date."),
        click.option("--portfolio", default=None, help=portfolio_help),
        click.option(
            "--document",
            type=click.Choice(["prospectus", "summary_prospectus", "sai"]),
            default=None,
            help=document_help,
        ),
    )

    def decorate(command: F) -> F:
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def default_colour() -> bool:
    """Colour when writing to a terminal, unless NO_COLOR is set (https://no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


manifest_option = click.option(
    "--manifest",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="CSV, JSON Lines or EDGAR master.idx/form.idx listing each file's filing date, "
    "form, CIK, accession, URL and company.",
)


@click.group(cls=LibraryErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="prospectus-ledger")
def main() -> None:
    """Apply prospectus supplements in effective-date order and ask what any section said."""
