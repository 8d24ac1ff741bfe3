"""Failure modes under hostile input (issue 15): each test failed before its fix.

The store's modes (a stale handle, concurrent creation, damaged files) are in
tests/test_store_failures.py.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import prospectus_ledger as pl
from prospectus_ledger.cli import main
from prospectus_ledger.parsing.editions import parse_editions
from prospectus_ledger.tree import walk

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DELAWARE_BASE = FIXTURES / "delaware" / "base.html"

SUPPLEMENT = (
    "<html><body><p>EXAMPLE TRUST</p>"
    "<p>SUPPLEMENT DATED MAY 1, 2020 TO THE PROSPECTUS DATED MAY 1, 2019</p>"
    "{middle}"
    '<p>Effective immediately, the section entitled "Principal Risks" is deleted in its '
    "entirety.</p></body></html>"
)


def deep(depth: int, tag: str = "div") -> str:
    return f"<{tag}>" * depth + "x" + f"</{tag}>" * depth


# -- 1. deep HTML ------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [300, 3000, 10_000])
def test_deep_html_before_an_instruction_drops_nothing(depth: int) -> None:
    (supplement,) = pl.parse_filing(
        SUPPLEMENT.format(middle=deep(depth)), pl.Source(name="deep.htm")
    )
    (amendment,) = supplement.amendments
    assert amendment.action == "delete"
    assert amendment.target is not None
    assert amendment.target.path == ("Principal Risks",)


def test_a_deep_block_in_a_base_edition_drops_no_section() -> None:
    base = DELAWARE_BASE.read_text(encoding="utf-8")
    body = base.index(">", base.index("<body")) + 1
    nested = base[:body] + deep(300) + base[body:]

    def sections(text: str) -> int:
        return sum(
            1 for d in parse_editions(text, pl.Source(name="b.html")) for _ in walk(d.sections)
        )

    assert sections(nested) == sections(base) == 258


def test_tables_nested_past_what_can_be_read_are_refused_naming_the_place(tmp_path: Path) -> None:
    text = SUPPLEMENT.format(middle="\n" + deep(3000, "table><tr><td"))
    (tmp_path / "tables.htm").write_text(text, encoding="utf-8")
    with pytest.raises(pl.InvalidFilingError) as caught:
        pl.parse_filing(text, pl.Source(name="tables.htm"))
    assert caught.value.file == "tables.htm"
    assert caught.value.line == 2
    assert "nested more than 2,048 elements deep" in str(caught.value)
    ledger = pl.load(tmp_path, errors="record")
    (problem,) = ledger.problems()
    assert (problem.kind, problem.place) == ("unreadable_file", "line 2")


# -- 2, 3. YAML front matter --------------------------------------------------------------


ALIAS_BOMB = (
    "---\n"
    'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 9))
    + "---\n# Investment Objective\n\nText.\n"
)


def test_an_alias_bomb_in_front_matter_is_refused_at_once(tmp_path: Path) -> None:
    from prospectus_ledger.authoring import read_markdown

    assert len(ALIAS_BOMB) < 500
    with pytest.raises(pl.InvalidFilingError) as caught:
        read_markdown(ALIAS_BOMB, pl.Source(name="bomb.md"))
    assert (caught.value.file, caught.value.line) == ("bomb.md", 3)
    assert "aliases (*name) are not allowed" in str(caught.value)
    (tmp_path / "bomb.md").write_text(ALIAS_BOMB, encoding="utf-8")
    with pytest.raises(pl.InvalidFilingError, match=r"bomb\.md, line 3"):
        pl.load(tmp_path / "bomb.md")


def test_deeply_nested_front_matter_is_refused() -> None:
    from prospectus_ledger.authoring import read_markdown

    text = "---\nregistrant: " + "[" * 5000 + "]" * 5000 + "\n---\n# X\n"
    with pytest.raises(pl.InvalidFilingError, match="nested more than 20 levels") as caught:
        read_markdown(text, pl.Source(name="deep.md"))
    assert caught.value.line == 2


def test_anchors_without_aliases_still_read() -> None:
    from prospectus_ledger.authoring import read_markdown

    text = (
        "---\nregistrant: &r Example Trust\ndate: 2020-05-01\n---\n# Investment Objective\n\nT.\n"
    )
    assert read_markdown(text, pl.Source(name="ok.md")).registrant == "Example Trust"


# -- 4. JSON -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested deeper"),
        ('{"documents": [' + "[" * 3000 + "]" * 3000 + '], "supplements": []}', "nested deeper"),
        ('{"documents": [], "supplements": [], "version": ' + "9" * 5000 + "}", "4300 digits"),
    ],
)
def test_hostile_json_is_invalid_ledger_data(text: str, words: str) -> None:
    with pytest.raises(pl.InvalidLedgerDataError, match=words):
        pl.Ledger.from_json(text)


def test_a_hostile_export_in_a_folder_is_an_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (problem,) = pl.load(tmp_path, errors="record").problems()
    assert problem.kind == "unreadable_file"
    with pytest.raises(pl.InvalidLedgerDataError, match=r"deep\.json"):
        pl.load(tmp_path)


# -- 5. one bad file never aborts an ingest -------------------------------------------------


def hostile_folder(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    for seed in SEEDS.glob("*.txt"):
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "bomb.md").write_text(ALIAS_BOMB, encoding="utf-8")
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (folder / "boom.txt").write_text("SUPPLEMENT DATED MAY 1, 2020 TO THE PROSPECTUS\n")
    return folder


@pytest.fixture
def exploding(monkeypatch: pytest.MonkeyPatch) -> None:
    """A filing that makes the parser fail with an error that is not the library's
    own: what an unknown defect would do."""
    import prospectus_ledger.files as files_module
    import prospectus_ledger.ledger as ledger_module

    real = files_module.parse_any

    def parse_any(data: bytes, source: pl.Source, **kwargs: int) -> object:
        if source.name == "boom.txt":
            raise RecursionError("maximum recursion depth exceeded")
        return real(data, source, **kwargs)

    # The ledger reads a filing's bytes itself; the store reads files through files.py.
    monkeypatch.setattr(ledger_module, "parse_any", parse_any)
    monkeypatch.setattr(files_module, "parse_any", parse_any)


@pytest.mark.usefixtures("exploding")
def test_ingest_reports_every_unreadable_file_and_stores_the_rest(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path / "in")
    store = tmp_path / "s.sqlite"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--store", str(store), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "3 files unreadable" in result.output
    for name in ("bomb.md", "deep.json", "boom.txt"):
        assert f"{name}: " in result.output
    assert "Traceback" not in result.output
    assert "RecursionError" in result.output
    assert len(pl.open_store(store, create=False).supplements) == 2


@pytest.mark.usefixtures("exploding")
def test_load_records_every_unreadable_file(tmp_path: Path) -> None:
    ledger = pl.load(hostile_folder(tmp_path), errors="record")
    unreadable = sorted(
        p.source.name or "" for p in ledger.problems() if p.kind == "unreadable_file"
    )
    assert [Path(name).name for name in unreadable] == ["bomb.md", "boom.txt", "deep.json"]
    assert len(ledger.supplements) == 2


# -- 6. linear time ---------------------------------------------------------------------


def _seconds(run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def test_supplement_dated_lines_take_linear_time() -> None:
    """Not a timed test: it compares the time of 4x the input with 1x (quadratic work
    made the ratio 16 and more; linear work keeps it near 4)."""
    line = "SUPPLEMENT DATED JANUARY 1, 2020\n"

    def parse(size: int) -> Callable[[], object]:
        text = line * (size // len(line))
        return lambda: pl.parse_filing(text, pl.Source(name="titles.txt"))

    small, large = _seconds(parse(100_000)), _seconds(parse(400_000))
    assert large / small < 8, (small, large)


# -- 10. terminal injection ----------------------------------------------------------------


ESCAPES = "\x1b]0;owned\x07\x1b]52;c;ZXZpbA==\x07\x1b[2J\x9b31m\u202e"


def test_control_sequences_in_filing_text_never_reach_the_terminal(tmp_path: Path) -> None:
    text = (
        "EXAMPLE TRUST\n\nSUPPLEMENT DATED JUNE 1, 2020 TO THE PROSPECTUS DATED MAY 1, 2020\n\n"
        'Effective June 1, 2020, the section entitled "Principal Risks" is replaced with '
        f"the following:\n\nRisks{ESCAPES} are many.\n"
    )
    base = (
        "---\nregistrant: Example Trust\ndate: 2020-05-01\n---\n# Principal Risks\n\n"
        f"Old risks{ESCAPES}.\n"
    )
    (tmp_path / "base.md").write_text(base, encoding="utf-8")
    (tmp_path / "supplement.txt").write_text(text, encoding="utf-8")
    runs = [
        ["show", str(tmp_path), "Principal Risks", "--as-of", "2020-06-01"],
        ["show", str(tmp_path), "Principal Risks", "--as-of", "2020-06-01", "--format", "json"],
        ["history", str(tmp_path), "Principal Risks"],
        ["diff", str(tmp_path), "2020-05-31", "2020-06-01"],
        ["diff", str(tmp_path), "2020-05-31", "2020-06-01", "--color"],
        ["timeline", str(tmp_path)],
    ]
    for args in runs:
        result = CliRunner().invoke(main, args, color=True)
        assert result.exit_code == 0, result.output
        # Only the CLI's own colour codes (ESC [ ... m) may reach the terminal.
        assert "\x1b" not in re.sub(r"\x1b\[[0-9;]*m", "", result.output), args
        for character in "\x07\x9b\u202e":
            assert character not in result.output, args
    shown = CliRunner().invoke(
        main, ["show", str(tmp_path), "Principal Risks", "--as-of", "2020-06-01"]
    )
    assert "Risks\\u001b]0;owned\\u0007" in shown.output
    as_json = CliRunner().invoke(main, runs[1])
    assert ESCAPES in json.loads(as_json.output)["text"]  # the same text, escaped as JSON
    coloured = CliRunner().invoke(main, runs[4], color=True)
    assert "\x1b[32m" in coloured.output  # the CLI's own colours stay


# -- 11. not a filing -------------------------------------------------------------------------


TEN_K = (
    "<html><body><p>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</p>"
    "<p>Washington, D.C. 20549</p><p>FORM 10-K</p>"
    "<p>ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934</p>"
    "<p>For the fiscal year ended December 31, 2023</p><p>Item 1. Business</p>"
    "<p>We make widgets. Our revenue grew 10% in 2023.</p></body></html>"
)
PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"stream\nx\x9c\xed\xbd\xe9\xae\xa5\xc9\x91\xa5\xf6\nendstream\n%%EOF\n"
)
HIGH_BYTES = bytes(random.Random(15).randrange(0xC0, 0x100) for _ in range(4000))


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("report.htm", TEN_K.encode(), "not a prospectus supplement or edition"),
        ("scan.pdf", PDF, "is a PDF document"),
        ("noise.dat", HIGH_BYTES, "not a prospectus supplement or edition"),
    ],
)
def test_what_is_not_a_filing_is_refused(
    tmp_path: Path, name: str, data: bytes, words: str
) -> None:
    with pytest.raises(pl.InvalidFilingError, match=words):
        pl.Ledger().add_filing(data, pl.Source(name=name))
    (tmp_path / name).write_bytes(data)
    (problem,) = pl.load(tmp_path / name, errors="record").problems()
    assert problem.kind == "unreadable_file"
    assert words in problem.reason


@pytest.mark.parametrize("date", ["FEBRUARY 30, 2020", "13/45/2020"])
def test_a_title_date_that_does_not_exist_is_a_problem(date: str) -> None:
    text = (
        f"EXAMPLE TRUST\n\nSUPPLEMENT DATED {date}\nTO THE PROSPECTUS DATED MAY 1, 2019\n\n"
        'Effective immediately, the section entitled "Principal Risks" is deleted in its '
        "entirety.\n"
    )
    (supplement,) = pl.parse_filing(text, pl.Source(name="bad-date.txt"))
    assert supplement.diagnostics == (f"the title's date {date!r} is not a real date",)
    ledger = pl.Ledger()
    ledger.add_filing(text, pl.Source(name="bad-date.txt"))
    assert ("unreadable_date", f"the title's date {date!r} is not a real date") in {
        (problem.kind, problem.reason) for problem in ledger.problems()
    }
    exported = json.loads(ledger.to_json())["supplements"][0]
    assert exported["diagnostics"] == [f"the title's date {date!r} is not a real date"]


def test_parse_output_refuses_two_inputs_of_one_name(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_bytes((SEEDS / "000_6de0636f7720f9ef.txt").read_bytes())
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["parse", str(tmp_path / "a" / "x.txt"), str(tmp_path / "b" / "x.txt"), "-o", str(out)],
    )
    assert result.exit_code == 2
    assert "inputs with the same name would write the same file" in result.output
    assert not out.exists()
