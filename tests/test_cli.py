"""The command line, through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from prospectus_ledger.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_000 = SEEDS / "000_6de0636f7720f9ef.txt"
SEED_004 = SEEDS / "004_75a3e5324524647b.txt"


def test_parse_prints_a_json_list_per_file() -> None:
    result = CliRunner().invoke(main, ["parse", str(SEED_004)])
    assert result.exit_code == 0, result.output
    (supplement,) = json.loads(result.output)
    assert supplement["supplement_date"] == "2006-12-21"
    assert supplement["documents"][1] == {
        "kind": "sai",
        "date": "2006-05-01",
        "supplemented": ["2006-11-01"],
    }
    first, second = supplement["amendments"]
    assert first["action"] == "replace"
    assert first["target"] == ["MANAGEMENT", "The Advisers", "Dreman Value Management, LLC"]
    assert first["effective"] == "2006-12-21T16:00:00-05:00"
    assert second["document"] == "sai"


def test_parse_output_folder_writes_one_file_per_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["parse", str(SEED_000), str(SEED_004), "--output", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == [f"{SEED_000.name}.json", f"{SEED_004.name}.json"]
    data = json.loads((tmp_path / f"{SEED_000.name}.json").read_text(encoding="utf-8"))
    assert data[0]["amendments"][0]["target"] == ["Principal Investment Strategy"]


def test_parse_bad_file_is_one_clear_line_and_exit_1(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(main, ["parse", str(empty)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert result.output.startswith("Error: ")
    assert "empty.txt" in result.output


def test_show_prints_text_and_provenance() -> None:
    result = CliRunner().invoke(
        main, ["show", str(SEEDS), "--as-of", "2007-05-22", "Principal Investment Strategy"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("The Portfolio seeks to achieve its objective")
    assert "000_6de0636f7720f9ef.txt" in result.output.splitlines()[-1]
    assert "2007-05-22T00:00:00-04:00" in result.output.splitlines()[-1]


def test_show_before_the_text_is_known_is_an_error_line() -> None:
    result = CliRunner().invoke(
        main, ["show", str(SEEDS), "--as-of", "2007-05-21", "Principal Investment Strategy"]
    )
    assert result.exit_code == 1
    assert "no text is known" in result.output


def test_show_scopes_and_known_at() -> None:
    runner = CliRunner()
    scoped = runner.invoke(
        main,
        [
            "show",
            str(SEEDS),
            "--as-of",
            "2006-12-21",
            "--document",
            "sai",
            "--portfolio",
            "Dreman Small-Cap Value Portfolio",
            "Appendix C -- Dreman Small-Cap Value Portfolio",
        ],
    )
    assert scoped.exit_code == 0, scoped.output
    assert "David Dreman" in scoped.output
    hidden = runner.invoke(
        main,
        [
            "show",
            str(SEEDS),
            "--as-of",
            "2007-05-25",
            "--known-at",
            "2007-05-28",
            "Principal Investment Strategy",
        ],
    )
    assert hidden.exit_code == 1


def test_usage_errors_exit_2_and_help_shows_an_example() -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["show", str(SEEDS)]).exit_code == 2
    assert runner.invoke(main, ["parse"]).exit_code == 2
    for command in ("parse", "show"):
        help_text = runner.invoke(main, [command, "--help"]).output
        assert "Example:" in help_text
        assert "prospectus-ledger" in help_text
