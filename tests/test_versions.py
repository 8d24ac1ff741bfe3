"""The version table (Ledger.versions) and its export, read back with DuckDB."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

import prospectus_ledger as pl
from prospectus_ledger.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
QUESTIONS = [
    ("2007-05-22T23:59:59-04:00", "Principal Investment Strategy", "2007-05-22"),
    ("2006-12-21T16:00:00-05:00", "Dreman Value Management, LLC", "2006-12-21T16:00"),
]


def test_one_row_per_version_with_validity_and_provenance() -> None:
    versions = pl.load(SEEDS).versions()
    strategy = [
        row for row in versions if str(row["path"]).endswith("Principal Investment Strategy")
    ]
    (row,) = strategy
    assert row["valid_to"] is None
    assert row["source"] == "000_6de0636f7720f9ef.txt"
    assert str(row["words"]).startswith("Effective on May 22, 2007")
    assert row["known_from"] == pl.parse_when("2007-05-31T00:00")
    frame = versions.to_dataframe()
    assert len(frame) == len(versions)
    assert str(frame["valid_from"].dt.tz) == "America/New_York"


@pytest.mark.parametrize(("instant", "heading", "when"), QUESTIONS)
def test_the_exported_parquet_answers_the_seeds_questions(
    tmp_path: Path, instant: str, heading: str, when: str
) -> None:
    out = tmp_path / "versions.parquet"
    result = CliRunner().invoke(main, ["export", str(SEEDS), str(out)])
    assert result.exit_code == 0, result.output
    rows = duckdb.sql(
        f"SELECT text FROM '{out}' WHERE heading = ? AND NOT partial "
        "AND valid_from <= CAST(? AS TIMESTAMPTZ) "
        "AND (valid_to IS NULL OR valid_to > CAST(? AS TIMESTAMPTZ))",
        params=[heading, instant, instant],
    ).fetchall()
    expected = pl.load(SEEDS).as_of(when).section(heading).text
    assert [text for (text,) in rows] == [expected]


@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_export_as_csv_or_json_lines(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"versions.{suffix}"
    result = CliRunner().invoke(main, ["export", str(SEEDS), str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    if suffix == "jsonl":
        rows = [json.loads(line) for line in text.splitlines()]
        assert len(rows) == len(pl.load(SEEDS).versions())
        assert rows[0]["valid_from"].startswith("2006-12-21T16:00:00")
    else:
        assert text.splitlines()[0].startswith("registrant,cik,portfolio,series_id")
