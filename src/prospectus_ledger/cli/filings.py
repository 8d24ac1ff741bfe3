"""Commands that read filings into something: parse, ingest, export."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import click

from .._cli_format import FORMATS, records_output
from .._records import VERSIONS
from ..files import DEFAULT_MAX_FILING_BYTES
from ..manifest import as_manifest, sources_for
from ..serialize import unstructure
from ..store import IngestReport, Store
from ._common import (
    SOURCE,
    STRICT_FAILED,
    main,
    manifest_option,
    names,
    open_source,
    say,
    say_migrated,
)


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
@manifest_option
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
    from ..parsing import parse_filing

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
        say(f"{file} -> {target}", err=True)
    if output is None:
        say(_parsed_output(parsed, output_format))


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
@click.argument("sources", nargs=-1, required=True, type=SOURCE)
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
@manifest_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="The summary as a line, or as JSON, JSON Lines or CSV (the counts, and every file "
    "unreadable or skipped).",
)
def ingest(
    sources: tuple[Path, ...],
    store_path: Path,
    jobs: int | None,
    max_filing_bytes: int,
    strict: bool,
    manifest: Path | None,
    output_format: str,
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
    say_migrated(store)
    with click.progressbar(length=1, label="Reading filings", file=sys.stderr) as bar:

        def progress(number: int, total: int, name: str) -> None:
            bar.length = total
            bar.update(1)

        report = store.ingest(list(sources), progress=progress, jobs=jobs, manifest=listing)
    if output_format != "table":
        columns = ("file", "outcome", "reason")
        rows = [
            {"file": "", "outcome": "summary", "reason": _summary(report)},
            *({"file": f, "outcome": "unreadable", "reason": m} for f, m in report.failures),
            *({"file": f, "outcome": "skipped", "reason": r} for f, r in report.skipped),
        ]
        say(records_output(rows, columns, output_format))
        if strict and (report.failures or report.problems):
            sys.exit(STRICT_FAILED)
        return
    click.echo(_summary(report))
    for file, message in report.failures:
        say(f"unreadable: {file}: {message}", err=True)
    for file, reason in report.skipped:
        say(f"skipped: {file}: {reason}", err=True)
    if strict and (report.failures or report.problems):
        say(
            f"--strict: {len(report.failures)} files unreadable, {report.problems} problems; "
            f"list them with 'prospectus-ledger problems {store_path}'",
            err=True,
        )
        sys.exit(STRICT_FAILED)


def _summary(report: IngestReport) -> str:
    return (
        f"{report.files} files, {report.new_filings} new filings, {report.supplements} "
        f"supplements, {report.documents} base editions, {report.amendments} amendments; "
        f"{report.problems} problems in the store; {len(report.failures)} files unreadable; "
        f"{report.editions_written} of {report.editions} editions written"
    )


@main.command()
@click.argument("source", type=SOURCE)
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["parquet", "csv", "jsonl"]),
    default=None,
    help="The file's format (default: from OUT's suffix, else Parquet).",
)
@manifest_option
def export(source: Path, out: Path, output_format: str | None, manifest: Path | None) -> None:
    """Write SOURCE's version table to OUT: one row per version of every section, with
    valid_from, valid_to, known_from, its text and its filing.

    \b
    Example:
        prospectus-ledger export seeds/ versions.parquet
    """
    chosen = output_format or {".csv": "csv", ".jsonl": "jsonl"}.get(out.suffix.lower(), "parquet")
    table = open_source([source], manifest).versions()
    if chosen == "parquet":
        if importlib.util.find_spec("pyarrow") is None:
            raise click.UsageError(
                "Parquet needs pyarrow: pip install 'prospectus-ledger[parquet]', "
                "or choose --format csv or jsonl"
            )
        table.to_dataframe().to_parquet(out, index=False)
    else:
        text = records_output(table, names(VERSIONS), chosen)
        out.write_text(text + "\n" if text else "", encoding="utf-8")
    say(f"{len(table)} versions -> {out}", err=True)
