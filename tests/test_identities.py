"""Portfolios named by series ID, class ID or ticker, in memory, in a store and on the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import prospectus_ledger as pl
from prospectus_ledger.cli import main

BASE = Path(__file__).resolve().parent / "fixtures" / "delaware" / "base.html"
CONFLICTS = "Portfolio Managers -- Description of Material Conflicts of Interest"
NAMES = ["Delaware Value Fund", "DDVAX", "ddvix", "S000002391", "C000006333"]


@pytest.fixture(scope="module")
def ledgers(tmp_path_factory: pytest.TempPathFactory) -> list[pl.Ledger]:
    store = tmp_path_factory.mktemp("store") / "delaware.sqlite"
    pl.Store(store).ingest([BASE])
    return [pl.load(BASE), pl.open_store(store)]


@pytest.mark.parametrize("name", NAMES)
def test_a_portfolio_by_name_ticker_series_or_class(ledgers: list[pl.Ledger], name: str) -> None:
    for ledger in ledgers:
        scoped = ledger.as_of("2024-05-01").portfolio(name)
        assert scoped.portfolio_scope == "Delaware Value Fund"
        view = scoped.document("sai").section(CONFLICTS)
        assert view.text.startswith("Individual portfolio managers")
        assert len(ledger.history(CONFLICTS, portfolio=name)) == 1


def test_an_unknown_identifier_says_what_is_accepted(ledgers: list[pl.Ledger]) -> None:
    for ledger in ledgers:
        with pytest.raises(pl.UnknownScopeError, match="series ID, class ID or ticker"):
            ledger.as_of("2024-05-01").portfolio("ZZZZX")


@pytest.mark.parametrize("name", ["DDVAX", "S000002391"])
def test_cli_portfolio_takes_a_ticker_or_a_series_id(name: str) -> None:
    result = CliRunner().invoke(
        main,
        ["show", str(BASE), CONFLICTS, "--as-of", "2024-05-01", "--portfolio", name,
         "--document", "sai"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Individual portfolio managers")
