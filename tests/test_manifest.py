"""Manifests: what EDGAR knows of each filing that its saved file does not say."""

from __future__ import annotations

import csv
import datetime
import json
import shutil
from pathlib import Path

import attrs
import pendulum
import pytest
from click.testing import CliRunner

import prospectus_ledger as pl
from prospectus_ledger.cli import main
from prospectus_ledger.manifest import COLUMNS, Manifest, read_manifest, sources_for

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DELAWARE = FIXTURES / "delaware"
CONFLICTS = "Portfolio Managers -- Description of Material Conflicts of Interest"


def edgar_folder(folder: Path) -> Path:
    """The Delaware base and its 2024 supplements saved as EDGAR serves them (``.htm``,
    no header, no filing date), with the manifest beside them; returns the manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(DELAWARE / "base.html", folder / "base.html")
    texts = {}
    for line in (DELAWARE / "supplements.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        texts[row["url"]] = row["text"]
    with (DELAWARE / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            (folder / row["path"]).write_text(texts.pop(row["url"]), encoding="utf-8")
    assert not texts, "every supplement has a manifest row"
    shutil.copy(DELAWARE / "manifest.csv", folder / "manifest.csv")
    return folder / "manifest.csv"


@pytest.fixture(scope="module")
def delaware(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    manifest = edgar_folder(tmp_path_factory.mktemp("edgar") / "delaware")
    return manifest.parent, manifest


@pytest.fixture(scope="module")
def with_manifest(delaware: tuple[Path, Path]) -> pl.Ledger:
    folder, manifest = delaware
    return pl.load(sorted(folder.glob("*.htm*")), manifest=manifest)


# -- the Delaware supplements of 2024, end to end ------------------------------------


def test_without_a_manifest_three_supplements_have_no_date(delaware: tuple[Path, Path]) -> None:
    folder, _ = delaware
    ledger = pl.load(sorted(folder.glob("*.htm*")))
    unrouted = {p.source.name for p in ledger.problems() if p.kind == "unrouted"}
    assert unrouted == {
        "macquariegroup207122024497.htm",
        "ivy-funds-20240919.htm",
        "macquariecmplxsai0919202497.htm",
    }


def test_with_the_manifest_the_supplements_apply(with_manifest: pl.Ledger) -> None:
    status = {(entry.source.name, entry.action): entry.status for entry in with_manifest.timeline()}
    assert status[("delglobalretail03292024497.htm", "replace")] == "applied"
    assert status[("macquariegroup207122024497.htm", "replace")] == "applied"
    assert status[("macquariecmplxsai0919202497.htm", "insert")] == "applied"
    # "the 'Investment manager' section of each Fund's Statutory Prospectus": of the two
    # sections of that name, the statutory one, not the fund summary's.
    assert status[("ivy-funds-20240919.htm", "insert")] == "applied"
    # Left: the press release's wrapper around copy #3, and text applied from copies
    # that are cut off (each is an excerpt); nothing unrouted, failed or ambiguous.
    kinds = {p.kind for p in with_manifest.problems()}
    assert kinds <= {"not_understood", "cut_off"}
    settled = with_manifest.as_of("2024-09-19").section(
        "Who manages the Fund -- Investment manager"
    )
    assert "Settlement Order" in settled.text
    summary = with_manifest.as_of("2024-09-19").section(
        "Fund summary -- Who manages the Fund? -- Investment manager"
    )
    assert "Settlement Order" not in summary.text


def test_the_july_12_sai_change_is_visible_from_july_12(with_manifest: pl.Ledger) -> None:
    before = with_manifest.as_of("2024-07-11").section(CONFLICTS)
    after = with_manifest.as_of("2024-07-12").section(CONFLICTS)
    assert before.provenance.words is None
    assert "established proprietary accounts" not in before.text
    assert "The Manager has established proprietary accounts" in after.text
    source = after.provenance.source
    assert source.filed == pendulum.date(2024, 7, 12)
    assert source.accession == "0001137439-24-001162"
    assert source.cik == "910682"  # from the URL: the filer, Delaware Group Adviser Funds
    assert source.complete is False
    assert after.provenance.known_at == pendulum.datetime(2024, 7, 12, tz="America/New_York")


ALIAS_SUPPLEMENT = """DELAWARE GROUP EQUITY FUNDS II

Supplement dated July 15, 2024
to the Statement of Additional Information dated April 1, 2024

Effective July 15, 2024, the section entitled "Portfolio Managers - Description of \
Material Conflicts of Interest" is deleted in its entirety and replaced with the following:

Written for this test: the conflicts are now described here.
"""


def test_a_registrant_printed_by_a_supplement_is_the_editions_cik(
    with_manifest: pl.Ledger,
) -> None:
    """The base gives its CIK (inline XBRL) and its name; a supplement prints only the
    name.  With another registrant's SAI of the same date in the ledger, the name finds
    its edition because a registrant is its CIK and its names are aliases."""
    (sai,) = [d for d in with_manifest.documents if d.kind is pl.DocumentKind.SAI]
    assert sai.cik == "27574"
    assert sai.edition == "SAI of DELAWARE GROUP EQUITY FUNDS II dated 2024-04-01"
    other = attrs.evolve(
        sai, registrant=None, source=attrs.evolve(sai.source, cik="1", sha256="0" * 64)
    )
    assert other.edition == "SAI of CIK 1 dated 2024-04-01"
    ledger = pl.Ledger()
    ledger.add_document(sai)
    ledger.add_document(other)
    ledger.add_filing(ALIAS_SUPPLEMENT, pl.Source(name="alias.txt"))
    assert ledger.problems() == []
    (entry,) = ledger.timeline()
    assert entry.status == "applied"
    assert entry.edition == sai.edition


# -- reading manifests ---------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_columns_by_any_of_their_names(tmp_path: Path) -> None:
    manifest = read_manifest(
        write(
            tmp_path / "m.csv",
            "File Name,Date Filed,Form Type,CIK,Accession Number,URL,Company Name,notes\n"
            "a.htm,20240712,497k,0000027574,000113743924001162,https://x/a.htm,"
            "Delaware Group Equity Funds II,kept\n",
        )
    )
    (entry,) = manifest.entries
    assert entry.path == "a.htm"
    assert entry.line == 2
    assert entry.filing_date == pendulum.date(2024, 7, 12)
    assert entry.form == "497K"
    assert entry.cik == "27574"
    assert entry.accession == "0001137439-24-001162"
    assert entry.company == "Delaware Group Equity Funds II"
    assert manifest.source_for(tmp_path / "a.htm") == pl.Source(
        name="a.htm",
        url="https://x/a.htm",
        accession="0001137439-24-001162",
        filed="2024-07-12",
        form="497K",
        cik="27574",
        company="Delaware Group Equity Funds II",
    )


def test_every_column_is_known_by_its_own_name() -> None:
    names = [field for field, _ in COLUMNS]
    assert names == [
        "path",
        "filing_date",
        "form",
        "cik",
        "accession",
        "url",
        "company",
        "complete",
    ]


def test_tab_separated_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "m.tsv"
    path.write_bytes("\ufeffpath\tfiling_date\nsub/a.htm\t2024-01-02\n".encode())
    (entry,) = read_manifest(path).entries
    assert entry.path == "sub/a.htm"
    assert entry.filing_date == pendulum.date(2024, 1, 2)


def test_json_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path / "m.jsonl",
        '{"path": "a.htm", "cik": 27574, "complete": false}\n\n'
        '{"file": "b.htm", "filing_date": "2024-02-03", "registrant": "X Trust"}\n',
    )
    first, second = read_manifest(path).entries
    assert (first.cik, first.complete, first.line) == ("27574", False, 1)
    assert (second.path, second.company, second.line) == ("b.htm", "X Trust", 3)
    assert second.source("b.htm").complete is True


MASTER = """Description:           Master Index of EDGAR Dissemination Feed
Last Data Received:    September 30, 2024
Comments:              webmaster@sec.gov
Anonymous FTP:         ftp://ftp.sec.gov/edgar/
Cloud HTTP:            https://www.sec.gov/Archives/




CIK|Company Name|Form Type|Date Filed|Filename
--------------------------------------------------------------------------------
27574|DELAWARE GROUP EQUITY FUNDS II|497|2024-07-12|edgar/data/27574/0001137439-24-001162.txt
910682|DELAWARE GROUP ADVISER FUNDS|497|2024-07-12|edgar/data/910682/0001137439-24-001162.txt
910682|DELAWARE GROUP ADVISER FUNDS|497|2024-03-29|edgar/data/910682/0001137439-24-000821.txt
"""

FORM_INDEX = """Description:           Daily Index of EDGAR Dissemination Feed by Form Type
Last Data Received:    July 12, 2024

Form Type   Company Name                                                  CIK         Date Filed  File Name
---------------------------------------------------------------------------------------------------------------------------------------------
497         DELAWARE GROUP ADVISER FUNDS                                  910682      2024-03-29  edgar/data/910682/0001137439-24-000821.txt
497K        SC 13 TRUST  OF  NAMES                                        1234        2024-03-29  edgar/data/1234/0001234567-24-000001.txt
"""  # noqa: E501


def test_edgar_master_index(tmp_path: Path) -> None:
    manifest = read_manifest(write(tmp_path / "master.idx", MASTER))
    assert len(manifest) == 3
    first = manifest.entries[0]
    assert (first.cik, first.company, first.form) == (
        "27574",
        "DELAWARE GROUP EQUITY FUNDS II",
        "497",
    )
    assert first.accession == "0001137439-24-001162"
    assert first.url == ("https://www.sec.gov/Archives/edgar/data/27574/0001137439-24-001162.txt")
    # A mirror keeps the documents of a filing in its accession's folder.
    saved = tmp_path / "edgar" / "data" / "910682" / "000113743924000821" / "d497.htm"
    source = manifest.source_for(saved)
    assert (source.filed, source.cik) == (pendulum.date(2024, 3, 29), "910682")
    # One filing under two filers: what they agree on, and no one filer.
    shared = manifest.source_for(tmp_path / "0001137439-24-001162" / "d.htm")
    assert shared.filed == pendulum.date(2024, 7, 12)
    assert (shared.cik, shared.company) == (None, None)
    # The index's own path, found under a mirror's root.
    mirrored = tmp_path / "mirror" / "edgar" / "data" / "27574" / "0001137439-24-001162.txt"
    assert manifest.source_for(mirrored).company == "DELAWARE GROUP EQUITY FUNDS II"


def test_edgar_form_index(tmp_path: Path) -> None:
    first, second = read_manifest(write(tmp_path / "form.idx", FORM_INDEX)).entries
    assert (first.form, first.company, first.cik) == (
        "497",
        "DELAWARE GROUP ADVISER FUNDS",
        "910682",
    )
    assert first.filing_date == pendulum.date(2024, 3, 29)
    assert (second.form, second.company, second.cik) == ("497K", "SC 13 TRUST  OF  NAMES", "1234")


def test_edgar_company_index(tmp_path: Path) -> None:
    text = (
        "Company Name                                                  Form Type   CIK"
        "         Date Filed  File Name\n" + "-" * 140 + "\n"
        "DELAWARE GROUP ADVISER FUNDS                                  497         910682"
        "      2024-03-29  edgar/data/910682/0001137439-24-000821.txt\n"
    )
    (entry,) = read_manifest(write(tmp_path / "company.idx", text)).entries
    assert (entry.form, entry.company, entry.cik) == (
        "497",
        "DELAWARE GROUP ADVISER FUNDS",
        "910682",
    )


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", None, "is empty"),
        ("file_date,form\nx,497\n", 1, "has no 'path' column"),
        ("path,filing_date\na.htm,2024-02-30\n", 2, "expected a filing date"),
        ("path,filing_date\na.htm,soon\n", 2, "got 'soon'"),
        ("path,cik\na.htm,12x\n", 2, "expected a CIK of up to 10 digits"),
        ("path,accession\na.htm,123\n", 2, "expected an accession number"),
        ("path,complete\na.htm,maybe\n", 2, "expected true or false"),
        ("path,form\na.htm,497,extra\n", 2, "has 3 values for 2 columns"),
        ("path,form\n,497\n", 2, "names no file"),
        ("path,form\na.htm,497\n./a.htm,497K\n", 3, "listed again with other values"),
        ('{"path": "a.htm"}\n[1]\n', 2, "expected a JSON object"),
        ('{"path": "a.htm"}\n{"path": \n', 2, "is not a JSON object"),
        ('{"path": ["a.htm"]}\n', 1, "expected text for 'path'"),
        ("Form Type   Company Name   CIK   Date Filed  File Name\n---\nnonsense\n", 3, "EDGAR"),
    ],
)
def test_a_bad_manifest_names_the_file_and_line(
    tmp_path: Path, text: str, line: int | None, words: str
) -> None:
    path = write(tmp_path / "m.csv", text)
    with pytest.raises(pl.InvalidManifestError) as caught:
        read_manifest(path)
    assert caught.value.file == str(path)
    assert caught.value.line == line
    assert words in str(caught.value)
    assert str(caught.value).startswith(f"manifest {path}")


def test_a_missing_manifest(tmp_path: Path) -> None:
    with pytest.raises(pl.InvalidManifestError, match="cannot be read"):
        read_manifest(tmp_path / "none.csv")


def test_the_same_row_twice_is_one_row(tmp_path: Path) -> None:
    manifest = read_manifest(write(tmp_path / "m.csv", "path,form\na.htm,497\na.htm,497\n"))
    assert manifest.entry_for(tmp_path / "a.htm") == manifest.entries[0]


def test_a_manifest_that_lists_none_of_the_files(tmp_path: Path) -> None:
    manifest = read_manifest(write(tmp_path / "m.csv", "path\nother.htm\n"))
    with pytest.raises(pl.InvalidManifestError, match="lists none of the 1 files"):
        sources_for([tmp_path / "a.htm"], manifest)
    # Files it does not list are read as they are, beside those it lists.
    both = sources_for([tmp_path / "a.htm", tmp_path / "other.htm"], manifest)
    assert both == [pl.Source(name="a.htm"), pl.Source(name="other.htm")]


def test_load_refuses_a_bad_manifest_before_reading(
    delaware: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, _ = delaware
    bad = write(tmp_path / "m.csv", "path,filing_date\nbase.html,never\n")
    with pytest.raises(pl.InvalidManifestError, match="line 2"):
        pl.load(folder / "base.html", manifest=bad)


def test_a_manifest_object_is_taken_as_it_is(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path / "m.csv", ())
    assert sources_for([tmp_path / "a.htm"], manifest) == [pl.Source(name="a.htm")]


# -- sources ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "filed", ["2024-07-12", datetime.date(2024, 7, 12), pendulum.date(2024, 7, 12)]
)
def test_source_filed_takes_a_date_or_a_string(filed: object) -> None:
    source = pl.Source(name="x", filed=filed)
    assert source.filed == pendulum.date(2024, 7, 12)
    assert "filed 2024-07-12" not in source.label  # the label stays the file's name
    assert isinstance(source.filed, pendulum.Date)


def test_source_filed_refuses_what_is_not_a_date() -> None:
    with pytest.raises(pl.InvalidDateError):
        pl.Source(filed="July")


def test_source_cik_is_digits_without_leading_zeros() -> None:
    assert pl.Source(cik="0000027574").cik == "27574"
    assert pl.Source(cik=27574).cik == "27574"
    with pytest.raises(pl.InvalidLedgerDataError, match="CIK"):
        pl.Source(cik="27574A")


def test_what_a_manifest_adds_is_exported_and_read_back(with_manifest: pl.Ledger) -> None:
    again = pl.Ledger.from_json(with_manifest.to_json())
    assert {s.source for s in again.supplements} == {s.source for s in with_manifest.supplements}
    plain = json.loads(pl.Ledger().to_json())
    assert plain["documents"] == []


# -- the store and the command line -----------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_store_ingest_with_a_manifest(
    delaware: tuple[Path, Path], tmp_path: Path, jobs: int
) -> None:
    folder, manifest = delaware
    store = pl.Store(tmp_path / "s.sqlite")
    report = store.ingest([folder], manifest=manifest, jobs=jobs)
    assert report.failures == ()
    ledger = store.ledger()
    assert "The Manager has established proprietary accounts" in (
        ledger.as_of("2024-07-12").section(CONFLICTS).text
    )
    assert all(p.kind != "unrouted" for p in ledger.problems())


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_show_history_diff_timeline_problems_with_a_manifest(
    delaware: tuple[Path, Path],
) -> None:
    folder, manifest = delaware
    shown = cli(
        "show", str(folder), CONFLICTS, "--as-of", "2024-07-12", "--manifest", str(manifest)
    )
    assert "The Manager has established proprietary accounts" in shown
    assert "macquariegroup207122024497.htm" in shown
    history = cli("history", str(folder), CONFLICTS, "--manifest", str(manifest))
    assert "2024-07-12" in history
    changed = cli("diff", str(folder), "2024-07-11", "2024-07-12", "--manifest", str(manifest))
    assert "proprietary accounts" in changed
    timeline = cli("timeline", str(folder), "--manifest", str(manifest), "--format", "jsonl")
    rows = [json.loads(line) for line in timeline.splitlines()]
    assert ("macquariegroup207122024497.htm", "applied") in {
        (row["source"], row["status"]) for row in rows
    }
    problems = cli("problems", str(folder), "--manifest", str(manifest))
    assert "unrouted" not in problems
    assert "unrouted" in cli("problems", str(folder))


def test_cli_parse_and_ingest_with_a_manifest(delaware: tuple[Path, Path], tmp_path: Path) -> None:
    folder, manifest = delaware
    parsed = json.loads(
        cli("parse", str(folder / "macquariegroup207122024497.htm"), "--manifest", str(manifest))
    )
    assert parsed[0]["source"]["filed"] == "2024-07-12"
    assert parsed[0]["source"]["cik"] == "910682"
    store = tmp_path / "s.sqlite"
    cli("ingest", str(folder), "--store", str(store), "--manifest", str(manifest), "-j", "1")
    shown = cli("show", str(store), CONFLICTS, "--as-of", "2024-07-12")
    assert "The Manager has established proprietary accounts" in shown


def test_cli_a_store_takes_no_manifest(delaware: tuple[Path, Path], tmp_path: Path) -> None:
    folder, manifest = delaware
    store = tmp_path / "s.sqlite"
    cli("ingest", str(folder / "base.html"), "--store", str(store), "-j", "1")
    result = CliRunner().invoke(main, ["timeline", str(store), "--manifest", str(manifest)])
    assert result.exit_code == 2
    assert "give --manifest to 'prospectus-ledger ingest'" in result.output


def test_cli_a_bad_manifest_is_one_line_and_no_store(tmp_path: Path) -> None:
    bad = write(tmp_path / "m.csv", "path,cik\na.htm,x\n")
    store = tmp_path / "s.sqlite"
    result = CliRunner().invoke(
        main, ["ingest", str(tmp_path), "--store", str(store), "--manifest", str(bad)]
    )
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: manifest {bad}, line 2: expected a CIK")
    assert not store.exists()


def _prospectus(text: str, **source: str) -> pl.Document:
    return pl.Document(
        pl.DocumentKind.PROSPECTUS,
        None,
        pendulum.date(2024, 5, 1),
        sections=(pl.Section("Investment Objective", (pl.Paragraph(text),)),),
        source=pl.Source(name=f"{text}.htm", **source),
    )


def test_two_unnamed_prospectuses_of_one_day_are_told_apart_by_their_ciks() -> None:
    ledger = pl.Ledger()
    ledger.add_document(_prospectus("first", cik="1"))
    ledger.add_document(_prospectus("second", cik="2"))
    assert ledger.problems() == []
    # Both are in force: the question names a section of each.
    with pytest.raises(pl.AmbiguousSectionError) as caught:
        ledger.as_of("2024-05-01").section("Investment Objective")
    assert "prospectus of CIK 1 dated 2024-05-01" in str(caught.value)
    assert "prospectus of CIK 2 dated 2024-05-01" in str(caught.value)


def test_without_ciks_the_duplicate_says_a_manifest_tells_them_apart() -> None:
    ledger = pl.Ledger()
    ledger.add_document(_prospectus("first"))
    ledger.add_document(_prospectus("second"))
    (problem,) = ledger.problems()
    assert problem.kind == "duplicate_edition"
    assert "neither names its registrant" in problem.reason
    assert "--manifest" in problem.reason


def test_files_are_read_by_content_and_every_one_left_out_is_named(tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parent.parent / "seeds"
    (tmp_path / "sticker.shtml").write_bytes((seed / "000_6de0636f7720f9ef.txt").read_bytes())
    (tmp_path / "0000950123-06-015500").write_bytes(
        (seed / "004_75a3e5324524647b.txt").read_bytes()
    )
    (tmp_path / "index.csv").write_text("path\nsticker.shtml\n")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00")
    ledger = pl.load(tmp_path)
    assert len(ledger.supplements) == 2
    skipped = {p.source.name: p.reason for p in ledger.problems() if p.kind == "skipped_file"}
    assert {Path(name).name for name in skipped} == {"index.csv", "logo.png", ".DS_Store"}
    assert any("a manifest or a table" in reason for reason in skipped.values())
    # The manifest given for the load is not reported as skipped.
    listed = pl.load(tmp_path, manifest=tmp_path / "index.csv")
    names = {Path(p.source.name or "").name for p in listed.problems()}
    assert "index.csv" not in names
    result = CliRunner().invoke(
        main, ["ingest", str(tmp_path), "--store", str(tmp_path / "s.sqlite"), "-j", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "skipped: " in result.output
    assert "logo.png: an image, not a filing" in result.output
    assert "2 new filings" in result.output


def test_two_printed_names_of_one_cik_are_one_registrant() -> None:
    """ "J.P. Morgan SmartRetirement Funds" in 2019 and "JPMorgan SmartRetirement Funds" in
    2020, both filed under one CIK: the 2020 edition replaces the 2019 one."""
    ledger = pl.Ledger()
    for name, year in (
        ("J.P. Morgan SmartRetirement Funds", 2019),
        ("JPMorgan SmartRetirement Funds", 2020),
    ):
        ledger.add_document(
            pl.Document(
                pl.DocumentKind.PROSPECTUS,
                name,
                pendulum.date(year, 5, 1),
                sections=(pl.Section("Principal Risks", (pl.Paragraph(f"Risks of {year}."),)),),
                source=pl.Source(name=f"{year}.htm", cik="1217286"),
            )
        )
    assert ledger.as_of("2020-06-01").section("Principal Risks").text == "Risks of 2020."
    (first, second) = sorted(ledger.editions(), key=lambda e: e.valid_from)
    assert first.valid_to == second.valid_from
