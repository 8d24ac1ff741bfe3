"""The two seed filings, loaded from their raw files, answer as the design says."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

import prospectus_ledger as pl

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
THIRD_AVENUE = "Third Avenue Small Cap Value Portfolio"
DREMAN_PATH = "MANAGEMENT -- The Advisers -- Dreman Value Management, LLC"


@pytest.fixture(scope="module")
def ledger() -> pl.Ledger:
    return pl.load(SEEDS)


def test_seeds_folder_holds_the_two_filings_unchanged() -> None:
    names = sorted(path.name for path in SEEDS.iterdir())
    assert names == ["000_6de0636f7720f9ef.txt", "004_75a3e5324524647b.txt"]


def test_third_avenue_strategy_as_of_may_22(ledger: pl.Ledger) -> None:
    view = ledger.as_of("2007-05-22").section("Principal Investment Strategy")
    assert view.text.startswith(
        "The Portfolio seeks to achieve its objective by investing at least 80%"
    )
    assert "Dow Jones Wilshire U.S. Small-Cap Index" in view.text
    assert view.text.endswith(
        "However, the Portfolio currently intends to operate as a diversified fund."
    )
    assert len(view.blocks) == 3
    assert view.portfolio == THIRD_AVENUE
    assert view.document is pl.DocumentKind.PROSPECTUS
    provenance = view.provenance
    assert provenance is not None
    assert provenance.source.name == "000_6de0636f7720f9ef.txt"
    assert provenance.effective.isoformat() == "2007-05-22T00:00:00-04:00"
    assert provenance.known_at.isoformat() == "2007-05-31T00:00:00-04:00"
    assert provenance.words is not None
    assert provenance.words.startswith(
        "Effective on May 22, 2007, the following replaces in its entirety"
    )


def test_no_text_is_known_before_may_22(ledger: pl.Ledger) -> None:
    with pytest.raises(pl.NoTextKnownError) as caught:
        ledger.as_of("2007-05-21").section("Principal Investment Strategy")
    error = caught.value
    assert str(error.first_known) == "2007-05-22T00:00:00-04:00"
    assert "no text is known" in str(error)
    assert "no base loaded" in str(error)
    assert isinstance(error, pl.SectionNotFoundError)


def test_known_at_may_28_hides_the_retroactive_change(ledger: pl.Ledger) -> None:
    with pytest.raises(pl.NoTextKnownError) as caught:
        ledger.as_of("2007-05-25", known_at="2007-05-28").section("Principal Investment Strategy")
    assert "was not yet known" in str(caught.value)
    later = ledger.as_of("2007-05-25", known_at="2007-05-31").section(
        "Principal Investment Strategy"
    )
    assert later.text.startswith("The Portfolio seeks")


def test_dreman_management_text_at_the_nyse_close(ledger: pl.Ledger) -> None:
    view = ledger.as_of("2006-12-21").section(DREMAN_PATH)
    assert "E. Clifton Hoover, Jr." in view.text
    assert view.text.startswith('DREMAN VALUE MANAGEMENT, LLC ("Dreman"), 520 East Cooper Avenue')
    assert isinstance(view.blocks[1], pl.BulletList)
    assert view.provenance is not None
    assert view.provenance.effective.isoformat() == "2006-12-21T16:00:00-05:00"
    with pytest.raises(pl.NoTextKnownError):
        ledger.as_of("2006-12-21T15:00").section(DREMAN_PATH)
    assert ledger.as_of("2006-12-21T16:00").section(DREMAN_PATH).text == view.text


def test_sai_appendix_c_table_at_the_nyse_close(ledger: pl.Ledger) -> None:
    sai = ledger.as_of("2006-12-21").document("sai")
    view = sai.section("Appendix C -- Dreman Small-Cap Value Portfolio")
    tables = [block for block in view.blocks if isinstance(block, pl.Table)]
    assert len(tables) == 2
    names = [row[0] for row in tables[0].rows]
    assert "David Dreman" in names
    assert "E. Clifton Hoover, Jr." in names
    assert sai.section("Appendix C").text == f"{view.heading}\n\n{view.text}"
    with pytest.raises(pl.NoTextKnownError):
        ledger.as_of("2006-12-21T15:00").document("sai").section("Appendix C")


def test_dreman_text_belongs_to_the_2006_edition_only(ledger: pl.Ledger) -> None:
    with pytest.raises(pl.SectionNotFoundError):
        ledger.as_of("2007-05-22").document("prospectus").section(DREMAN_PATH)
    history = ledger.history(DREMAN_PATH)
    assert len(history) == 1
    assert history[0].valid_to is not None
    assert history[0].valid_to.isoformat() == "2007-04-30T00:00:00-04:00"


def test_timeline_and_problems_on_the_seeds(ledger: pl.Ledger) -> None:
    entries = list(ledger.timeline())
    assert [entry.target[-1] for entry in entries] == [
        "Dreman Value Management, LLC",
        "Dreman Small-Cap Value Portfolio",
        "Principal Investment Strategy",
    ]
    assert all(entry.status == "applied" for entry in entries)
    assert ledger.problems() == []


@pytest.mark.parametrize("order", list(itertools.permutations(sorted(SEEDS.iterdir()))))
def test_seed_answers_do_not_depend_on_the_order_of_loading(order: tuple[Path, ...]) -> None:
    ledger = pl.Ledger()
    for path in order * 2:
        ledger.add_file(path)
    reference = pl.load(SEEDS)
    for when in ("2006-12-21", "2007-05-22", "2008-01-01"):
        assert ledger.as_of(when).documents() == reference.as_of(when).documents()
    assert ledger.timeline() == reference.timeline()


def test_bad_files_are_named_and_leave_the_ledger_unchanged(tmp_path: Path) -> None:
    ledger = pl.load(SEEDS)
    before = ledger.as_of("2007-05-22").documents()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.htm"
    binary.write_bytes(bytes(range(256)) * 4)
    for bad in (empty, binary):
        with pytest.raises(pl.InvalidFilingError) as caught:
            ledger.add_file(bad)
        assert bad.name in str(caught.value)
    with pytest.raises(pl.InvalidFilingError, match="no such file"):
        pl.load(tmp_path / "missing")
    assert ledger.as_of("2007-05-22").documents() == before


def test_load_can_record_unreadable_files_instead_of_raising(tmp_path: Path) -> None:
    for seed in SEEDS.iterdir():
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "empty.txt").write_bytes(b"")
    ledger = pl.load(tmp_path, errors="record")
    (problem,) = ledger.problems()
    assert problem.kind == "unreadable_file"
    assert "empty.txt" in problem.source.label
    assert ledger.as_of("2007-05-22").section("Principal Investment Strategy").text


def test_section_views_compare_and_hash_by_what_they_show() -> None:
    first, second = pl.load(SEEDS), pl.load(SEEDS)
    view = first.as_of("2007-05-22").section("Principal Investment Strategy")
    same = second.as_of("2007-05-22").section("Principal Investment Strategy")
    later = first.as_of("2007-05-23").section("Principal Investment Strategy")
    assert view == same
    assert hash(view) == hash(same)
    assert len({view, same, later}) == 2
    assert view != later
    shown = repr(view)
    for name in ("section=", "path=", "document=", "edition=", "registrant=", "provenance="):
        assert name in shown
