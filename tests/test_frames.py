"""History and Timeline as pandas DataFrames, and Timeline.plot (matplotlib), on the seeds."""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib
import matplotlib.dates
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd  # type: ignore[import-untyped]
from matplotlib.colors import to_hex

import prospectus_ledger as pl
from prospectus_ledger import Timeline

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DREMAN = "MANAGEMENT -- The Advisers -- Dreman Value Management, LLC"
NEW_YORK = "America/New_York"


@pytest.fixture(scope="module")
def ledger() -> pl.Ledger:
    return pl.load(SEEDS)


def test_history_dataframe_has_one_row_per_version_with_real_datetimes(
    ledger: pl.Ledger,
) -> None:
    frame = ledger.history(DREMAN).to_dataframe()
    assert len(frame) == 1
    assert isinstance(frame["valid_from"].dtype, pd.DatetimeTZDtype)
    assert str(frame["valid_from"].dt.tz) == NEW_YORK
    row = frame.iloc[0]
    assert row["valid_from"] == pd.Timestamp("2006-12-21 16:00", tz=NEW_YORK)
    # The 2007-04-30 prospectus takes over from the 2006 edition.
    assert row["valid_to"] == pd.Timestamp("2007-04-30 00:00", tz=NEW_YORK)
    assert row["effective"] == row["valid_from"]
    assert row["known_at"] == pd.Timestamp("2006-12-21", tz=NEW_YORK)
    assert row["source"] == "004_75a3e5324524647b.txt"
    assert row["document"] == "prospectus"
    assert row["portfolio"] == "Dreman Small-Cap Value Portfolio"
    assert row["path"].endswith("The Advisers -- Dreman Value Management, LLC")
    assert "E. Clifton Hoover, Jr." in row["text"]
    assert row["words"].startswith("Effective at the close of the New York Stock Exchange")
    assert not row["illustrative"]
    assert not row["partial"]


def test_history_dataframe_marks_a_version_still_in_force_with_nat(ledger: pl.Ledger) -> None:
    frame = ledger.history("Principal Investment Strategy").to_dataframe()
    assert list(frame["valid_from"]) == [pd.Timestamp("2007-05-22", tz=NEW_YORK)]
    assert frame["valid_to"].isna().all()
    assert isinstance(frame["valid_to"].dtype, pd.DatetimeTZDtype)


def test_empty_history_gives_an_empty_frame_with_the_same_columns(ledger: pl.Ledger) -> None:
    frame = ledger.history("No Such Heading").to_dataframe()
    assert frame.empty
    assert list(frame.columns[:3]) == ["valid_from", "valid_to", "path"]
    assert isinstance(frame["valid_from"].dtype, pd.DatetimeTZDtype)


def test_timeline_dataframe_has_one_row_per_entry(ledger: pl.Ledger) -> None:
    timeline = ledger.timeline()
    frame = timeline.to_dataframe()
    assert len(frame) == len(timeline) == 3
    assert isinstance(frame["effective"].dtype, pd.DatetimeTZDtype)
    assert list(frame["effective"]) == [
        pd.Timestamp("2006-12-21 16:00", tz=NEW_YORK),
        pd.Timestamp("2006-12-21 16:00", tz=NEW_YORK),
        pd.Timestamp("2007-05-22 00:00", tz=NEW_YORK),
    ]
    assert list(frame["known_at"].dt.date.astype(str)) == [
        "2006-12-21",
        "2006-12-21",
        "2007-05-31",
    ]
    assert frame["supplement_date"].dtype.kind == "M"
    assert frame["supplement_date"].iloc[2] == pd.Timestamp("2007-05-31")
    assert list(frame["status"]) == ["applied"] * 3
    assert isinstance(frame["status"].dtype, pd.CategoricalDtype)
    assert list(frame["target"]) == [
        DREMAN,
        "Appendix C -- Dreman Small-Cap Value Portfolio",
        "Principal Investment Strategy",
    ]
    assert list(frame["document"]) == ["prospectus", "sai", "prospectus"]
    assert frame["portfolio"].iloc[2] == "Third Avenue Small Cap Value Portfolio"
    assert frame["reason"].isna().all()
    assert frame["text"].iloc[2].startswith("The Portfolio seeks to achieve its objective")


def test_timeline_plot_draws_a_row_per_section_and_colours_by_status(ledger: pl.Ledger) -> None:
    ax = ledger.timeline().plot()
    try:
        labels = [tick.get_text() for tick in ax.get_yticklabels()]
        assert len(labels) == 3
        assert labels[0].startswith("MANAGEMENT -- The Advisers -- Dreman Value Management")
        assert labels[2] == "Principal Investment Strategy\nThird Avenue Small Cap Value Portfolio"
        (markers,) = ax.collections  # all three are applied: one series
        assert len(markers.get_offsets()) == 3
        assert to_hex(markers.get_facecolor()[0]) == "#1a7f37"
        assert [text.get_text() for text in ax.get_legend().get_texts()] == ["applied"]
        assert ax.get_xlabel() == "effective (New York time)"
        # Rows: the Third Avenue change sits on the third row, at May 22, 2007.
        x, y = markers.get_offsets()[2]
        assert y == 2
        day = matplotlib.dates.num2date(x)  # type: ignore[no-untyped-call]
        assert day.date().isoformat() == "2007-05-22"
    finally:
        plt.close(ax.figure)


def test_timeline_plot_uses_the_axes_it_is_given(ledger: pl.Ledger) -> None:
    figure, axes = plt.subplots(1, 2)
    try:
        returned = ledger.timeline().plot(ax=axes[1])
        assert returned is axes[1]
        assert not axes[0].collections
    finally:
        plt.close(figure)


def test_empty_timeline_plots_and_frames(ledger: pl.Ledger) -> None:
    empty = Timeline(())
    assert empty.to_dataframe().empty
    ax = empty.plot()
    try:
        assert not ax.collections
        assert ax.get_legend() is None
    finally:
        plt.close(ax.figure)


def test_missing_pandas_or_matplotlib_names_the_extra(
    ledger: pl.Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ModuleNotFoundError, match=r"install prospectus-ledger\[notebook\]"):
        ledger.timeline().to_dataframe()
    with pytest.raises(ModuleNotFoundError, match=r"History.to_dataframe\(\) needs pandas"):
        ledger.history(DREMAN).to_dataframe()
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ModuleNotFoundError, match=r"Timeline.plot\(\) needs matplotlib") as info:
        ledger.timeline().plot()
    assert isinstance(info.value.__cause__, ModuleNotFoundError)


def test_problems_sections_and_diff_as_dataframes(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\x00binary")
    for seed in SEEDS.glob("*.txt"):
        (tmp_path / seed.name).write_bytes(seed.read_bytes())
    ledger = pl.load(tmp_path, errors="record")
    problems = ledger.problems()
    assert isinstance(problems, list)
    frame = problems.to_dataframe()
    assert list(frame["kind"]) == ["unreadable_file"]
    assert frame.columns[:3].tolist() == ["kind", "source", "reason"]
    assert "pl-problems" in problems._repr_html_()
    sections = ledger.as_of("2007-05-22").sections()
    table = sections.to_dataframe()
    assert len(table) == len(sections)
    assert isinstance(table["effective"].dtype, pd.DatetimeTZDtype)
    changes = ledger.diff("2007-05-21", "2007-05-22").to_dataframe()
    assert set(changes["change"]) == {"added"}
    assert changes["after"].str.contains("diversified fund").any()


def test_empty_results_keep_their_typed_columns() -> None:
    ledger = pl.Ledger()
    assert ledger.problems().to_dataframe().columns.tolist()[:2] == ["kind", "source"]
    frame = pl.load(SEEDS).as_of("1990-01-01").sections().to_dataframe()
    assert frame.empty
    assert isinstance(frame["known_at"].dtype, pd.DatetimeTZDtype)
