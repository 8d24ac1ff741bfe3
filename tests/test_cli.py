"""The command line, through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
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


def test_history_timeline_problems_tables() -> None:
    runner = CliRunner()
    history = runner.invoke(main, ["history", str(SEEDS), "Principal Investment Strategy"])
    assert history.exit_code == 0, history.output
    assert "2007-05-22T00:00:00-04:00" in history.output
    assert "(in force)" in history.output
    # Wide enough for each row on one line; a narrower terminal wraps the cells.
    timeline = runner.invoke(main, ["timeline", str(SEEDS)], env={"COLUMNS": "200"})
    assert timeline.exit_code == 0, timeline.output
    lines = timeline.output.splitlines()
    assert lines[0].split()[:3] == ["effective", "action", "document"]
    assert len(lines) == 5
    assert "Appendix C -- Dreman Small-Cap Value Portfolio" in timeline.output
    problems = runner.invoke(main, ["problems", str(SEEDS)])
    assert problems.exit_code == 0
    assert problems.output.strip() == "no problems"


def test_diff_plain_when_piped_and_coloured_on_request() -> None:
    runner = CliRunner()
    plain = runner.invoke(main, ["diff", str(SEEDS), "2007-05-21", "2007-05-22"])
    assert plain.exit_code == 0, plain.output
    assert (
        "+ Third Avenue Small Cap Value Portfolio -- Principal Investment Strategy" in plain.output
    )
    assert "\x1b[" not in plain.output
    coloured = runner.invoke(
        main, ["diff", str(SEEDS), "2006-12-20", "2006-12-21", "--color"], color=True
    )
    assert coloured.exit_code == 0
    assert (
        "+ Dreman Small-Cap Value Portfolio -- MANAGEMENT -- The Advisers -- Dreman Value "
        "Management, LLC" in coloured.output
    )
    unchanged = runner.invoke(main, ["diff", str(SEEDS), "2007-05-22", "2007-06-01"])
    assert unchanged.output.strip() == "no changes"


def test_diff_redline_of_a_changed_section(tmp_path: Path) -> None:
    base = Path(__file__).resolve().parent / "fixtures" / "bases" / "example-trust-2020.md"
    (tmp_path / base.name).write_bytes(base.read_bytes())
    supplement = tmp_path / "supplement.txt"
    supplement.write_text(
        "EXAMPLE TRUST\n\nExample Fund\n\nSUPPLEMENT DATED JUNE 1, 2020 TO PROSPECTUS DATED "
        "MAY 1, 2020\n\n"
        "Effective June 1, 2020, the following replaces in its entirety the information "
        "appearing under "
        'the heading "Investment Objective" in the prospectus:\n\n'
        "The Fund seeks long-term capital growth and income.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["diff", str(tmp_path), "2020-05-31", "2020-06-01", "--no-color"]
    )
    assert result.exit_code == 0, result.output
    assert "~ Example Fund -- Investment Objective" in result.output
    assert "- appreciation." in result.output
    assert "+ growth and income." in result.output


def test_ingest_into_a_store_then_query_the_store(tmp_path: Path) -> None:
    runner = CliRunner()
    store = tmp_path / "ledger.sqlite"
    empty = tmp_path / "bad" / "empty.txt"
    empty.parent.mkdir()
    empty.write_bytes(b"")
    first = runner.invoke(main, ["ingest", str(SEEDS), str(empty.parent), "--store", str(store)])
    assert first.exit_code == 0, first.output
    assert "3 files, 2 new filings, 2 supplements" in first.output
    assert "1 files unreadable" in first.output
    assert "3 of 3 editions written" in first.output
    again = runner.invoke(main, ["ingest", str(SEEDS), "--store", str(store)])
    assert "0 new filings" in again.output
    assert "0 of 3 editions written" in again.output
    shown = runner.invoke(
        main, ["show", str(store), "--as-of", "2007-05-22", "Principal Investment Strategy"]
    )
    assert shown.exit_code == 0, shown.output
    assert shown.output.startswith("The Portfolio seeks")
    assert runner.invoke(main, ["timeline", str(store)]).output.count("applied") == 3


def test_show_json_format() -> None:
    result = CliRunner().invoke(
        main,
        [
            "show",
            str(SEEDS),
            "--as-of",
            "2007-05-22",
            "--format",
            "json",
            "Principal Investment Strategy",
        ],
    )
    data = json.loads(result.output)
    assert data["path"][-1] == "Principal Investment Strategy"
    assert data["provenance"]["effective"] == "2007-05-22T00:00:00-04:00"


def test_every_command_has_an_example_in_its_help() -> None:
    runner = CliRunner()
    for command in ("parse", "show", "history", "diff", "timeline", "problems", "ingest"):
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output, command


def test_every_command_works_on_the_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = (
        (Path(__file__).resolve().parent / "fixtures" / "corpus" / "supplements.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    for index, line in enumerate(lines):
        (corpus / f"corpus-{index:03d}.txt").write_text(json.loads(line)["text"], encoding="utf-8")
    runner = CliRunner()
    store = tmp_path / "corpus.sqlite"
    ingest = runner.invoke(main, ["ingest", str(corpus), "--store", str(store), "--jobs", "2"])
    assert ingest.exit_code == 0, ingest.output
    assert f"{len(lines)} files, {len(lines)} new filings" in ingest.output
    for source in (str(corpus), str(store)):
        timeline = runner.invoke(main, ["timeline", source])
        assert timeline.exit_code == 0, timeline.output
        assert len(timeline.output.splitlines()) > len(lines)
        problems = runner.invoke(main, ["problems", source])
        assert problems.exit_code == 0, problems.output
        assert problems.output.splitlines()[0].split()[:3] == ["kind", "source", "reason"]
        diff = runner.invoke(main, ["diff", source, "2005-01-01", "2010-12-31"])
        assert diff.exit_code == 0, diff.output
        assert diff.output.startswith("+ ")
    parsed = runner.invoke(main, ["parse", *map(str, sorted(corpus.iterdir())[:5])])
    assert parsed.exit_code == 0, parsed.output
    show = runner.invoke(
        main,
        ["show", str(store), "--as-of", "2007-05-22", "--document", "sai", "Nonexistent heading"],
    )
    assert show.exit_code == 1
    assert show.output.startswith("Error: ")


def test_h_is_help_on_every_command() -> None:
    for command in ([], ["show"], ["history"], ["diff"], ["timeline"], ["problems"], ["ingest"]):
        result = CliRunner().invoke(main, [*command, "-h"])
        assert result.exit_code == 0, (command, result.output)
        assert "Usage:" in result.output


def test_no_color_turns_the_default_colour_off(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:

    (tmp_path / "base.md").write_text(
        "---\nregistrant: Example Trust\ndate: 2020-05-01\n---\n# Principal Risks\n\nOld.\n"
    )
    (tmp_path / "supplement.txt").write_text(
        "EXAMPLE TRUST\n\nSUPPLEMENT DATED JUNE 1, 2020 TO THE PROSPECTUS DATED MAY 1, 2020\n\n"
        'Effective June 1, 2020, the section entitled "Principal Risks" is replaced with the '
        "following:\n\nNew.\n"
    )
    args = ["diff", str(tmp_path), "2020-05-31", "2020-06-01"]
    monkeypatch.setenv("NO_COLOR", "1")
    plain = CliRunner().invoke(main, args, color=True)
    assert "\x1b[" not in plain.output
    assert "- Old." in plain.output
    forced = CliRunner().invoke(main, [*args, "--color"], color=True)
    assert "\x1b[" in forced.output  # asked for, colour wins over NO_COLOR


class _Terminal:
    def isatty(self) -> bool:
        return True


def test_the_default_colour_is_a_terminal_without_no_color(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from prospectus_ledger.cli import _common

    monkeypatch.setattr(_common.sys, "stdout", _Terminal())
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert _common.default_colour() is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert _common.default_colour() is False


def test_ingest_strict_fails_on_an_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "seed.txt").write_bytes(SEED_000.read_bytes())
    (tmp_path / "in" / "broken.txt").write_bytes(b"\x00\x01binary")
    store = tmp_path / "s.sqlite"
    lenient = CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "--store", str(store)])
    assert lenient.exit_code == 0
    strict = CliRunner().invoke(
        main, ["ingest", str(tmp_path / "in"), "--store", str(store), "--strict"]
    )
    assert strict.exit_code == 3
    assert "--strict: 1 files unreadable" in strict.output
    clean = tmp_path / "clean.sqlite"
    result = CliRunner().invoke(
        main, ["ingest", str(SEED_000), "--store", str(clean), "--strict", "-j", "1"]
    )
    assert result.exit_code == 0, result.output


MACHINE_COMMANDS = [
    ["history", str(SEEDS), "Principal Investment Strategy"],
    ["timeline", str(SEEDS)],
    ["problems", str(SEEDS)],
    ["diff", str(SEEDS), "2007-05-21", "2007-05-22"],
    ["show", str(SEEDS), "Principal Investment Strategy", "--as-of", "2007-05-22"],
    ["parse", str(SEED_000), str(SEED_004)],
    ["editions", str(SEEDS)],
    ["portfolios", str(SEEDS)],
    ["sections", str(SEEDS), "--as-of", "2007-05-22"],
]


@pytest.mark.parametrize("command", MACHINE_COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("output_format", ["json", "jsonl", "csv"])
def test_every_command_writes_machine_formats_whole(command: list[str], output_format: str) -> None:
    import csv
    import io

    result = CliRunner().invoke(main, [*command, "--format", output_format])
    assert result.exit_code == 0, result.output
    text = result.output
    if output_format == "json":
        rows = json.loads(text)
    elif output_format == "jsonl":
        rows = [json.loads(line) for line in text.splitlines()]
    else:
        rows = list(csv.DictReader(io.StringIO(text)))
    if command[0] == "problems":
        assert rows == []
        return
    assert rows
    # Never cut: the whole text of the strategy section is there.
    if command[0] in ("history", "diff", "show"):
        assert "intends to operate as a diversified fund." in text


def test_parse_of_several_files_is_one_json_document() -> None:
    result = CliRunner().invoke(main, ["parse", str(SEED_000), str(SEED_004)])
    document = json.loads(result.output)
    assert [Path(item["file"]).name for item in document] == [SEED_000.name, SEED_004.name]
    assert document[1]["supplements"][0]["supplement_date"] == "2006-12-21"


def test_errors_read_as_english_and_give_cli_advice(tmp_path: Path) -> None:
    empty = CliRunner().invoke(main, ["show", str(SEEDS), "", "--as-of", "2007-05-22"])
    assert empty.exit_code == 1
    assert "expected a heading path such as 'Principal Risks'" in empty.output
    assert "no section ''" not in empty.output
    early = CliRunner().invoke(main, ["show", str(SEEDS), "Anything", "--as-of", "1990-01-01"])
    assert "Error: no document is in force as of 1990-01-01" in early.output
    missing = CliRunner().invoke(main, ["show", str(SEEDS), "Nothing", "--as-of", "2007-05-22"])
    assert "no section 'Nothing' in the documents in force as of" in missing.output
    for name, trust in (("a.md", "Alpha Trust"), ("b.md", "Beta Trust")):
        (tmp_path / name).write_text(
            f"---\nregistrant: {trust}\ndate: 2020-05-01\n---\n# Principal Risks\n\nRisks.\n"
        )
    twice = CliRunner().invoke(
        main, ["show", str(tmp_path), "Principal Risks", "--as-of", "2020-06-01"]
    )
    assert twice.exit_code == 1
    assert "scope it with --portfolio NAME or --document KIND" in twice.output
    assert ".portfolio(name)" not in twice.output


def test_editions_portfolios_and_sections_say_what_to_ask_for() -> None:
    delaware = str(Path(__file__).resolve().parent / "fixtures" / "delaware" / "base.html")
    editions = json.loads(
        CliRunner().invoke(main, ["editions", delaware, "--format", "json"]).output
    )
    assert [(e["document"], e["date"], e["cik"], e["base_loaded"]) for e in editions] == [
        ("prospectus", "2024-04-01", "27574", True),
        ("sai", "2024-04-01", "27574", True),
    ]
    (fund,) = json.loads(
        CliRunner().invoke(main, ["portfolios", delaware, "--format", "json"]).output
    )
    assert fund["portfolio"] == "Delaware Value Fund"
    assert fund["series"] == "S000002391"
    assert fund["tickers"] == "DDVAX; DDVCX; DDVRX; DDVIX; DDZRX"
    listed = CliRunner().invoke(
        main,
        ["sections", delaware, "--as-of", "2024-05-01", "--portfolio", "DDVAX", "--document",
         "sai", "--format", "jsonl"],
    )  # fmt: skip
    paths = [json.loads(line)["path"] for line in listed.output.splitlines()]
    assert "Portfolio Managers -- Description of Material Conflicts of Interest" in paths
    assert all(json.loads(line)["document"] == "sai" for line in listed.output.splitlines())


@pytest.mark.parametrize("output_format", ["json", "jsonl", "csv"])
def test_ingest_summary_in_machine_formats(tmp_path: Path, output_format: str) -> None:
    import csv
    import io

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "seed.txt").write_bytes(SEED_000.read_bytes())
    (tmp_path / "in" / "broken.txt").write_bytes(b"\x00binary")
    (tmp_path / "in" / "logo.png").write_bytes(b"\x89PNG")
    store = tmp_path / f"{output_format}.sqlite"
    result = CliRunner().invoke(
        main,
        ["ingest", str(tmp_path / "in"), "--store", str(store), "-j", "1", "--format",
         output_format],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = result.output[result.output.index("[" if output_format == "json" else "") :]
    lines = [line for line in text.splitlines() if line and not line.startswith("Reading")]
    if output_format == "json":
        rows = json.loads("\n".join(lines))
    elif output_format == "jsonl":
        rows = [json.loads(line) for line in lines]
    else:
        rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
    assert [row["outcome"] for row in rows] == ["summary", "unreadable", "skipped"]
    assert rows[0]["reason"].startswith("2 files")  # the image is skipped, not read
