"""Real supplements applied to a real base: Delaware Group Equity Funds II, April 1, 2024.

The supplements are ~2,000-character excerpts of the real filings (the corpus
marks them ``complete: false``); their own date lines lie beyond the excerpt,
so the EDGAR filing dates (from the file names, as the fixture README says)
are given as ``Source.filed``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pendulum
import pytest

import prospectus_ledger as pl

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "delaware"
FILED = ("2024-03-29", "2024-07-12", "2024-09-19", "2024-09-19")
MERRILL = "Broker-Defined Sales Charge Waiver Policies -- Merrill Lynch"
CONFLICTS = "Portfolio Managers -- Description of Material Conflicts of Interest"


def _records(name: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines()]


def _source(record: dict[str, object], filed: str | None = None) -> pl.Source:
    url = str(record["url"])
    day = pendulum.parse(filed, exact=True) if filed else None
    return pl.Source(
        name=url.rsplit("/", 1)[-1],
        url=url,
        filed=day if isinstance(day, pendulum.Date) else None,
        complete=bool(record["complete"]),
    )


@pytest.fixture(scope="module")
def base() -> pl.Ledger:
    return pl.load(FIXTURES / "base.html")


@pytest.fixture(scope="module")
def ledger() -> pl.Ledger:
    ledger = pl.load(FIXTURES / "base.html")
    for record, filed in zip(_records("supplements.jsonl"), FILED, strict=True):
        ledger.add_filing(str(record["text"]), _source(record, filed))
    return ledger


def test_the_base_splits_into_prospectus_and_sai(base: pl.Ledger) -> None:
    kinds = {document.kind: document for document in base.documents}
    assert set(kinds) == {pl.DocumentKind.PROSPECTUS, pl.DocumentKind.SAI}
    for document in kinds.values():
        assert document.registrant == "DELAWARE GROUP EQUITY FUNDS II"
        assert document.date == pendulum.date(2024, 4, 1)
        assert document.complete
        assert not document.illustrative
        assert any("Delaware Value" in name for name in document.portfolios)
        (series,) = document.series
        assert series.id == "S000002391"
        tickers = {share.ticker for share in series.classes}
        assert tickers == {"DDVAX", "DDVCX", "DDVRX", "DDVIX", "DDZRX"}


def test_every_labelled_heading_answers(base: pl.Ledger) -> None:
    labels = json.loads((FIXTURES / "headings.json").read_text(encoding="utf-8"))
    snapshot = base.as_of("2024-04-01")
    missing = []
    for kind, part in labels["documents"].items():
        scoped = snapshot.document(kind)
        for heading in part["headings"]:
            try:
                scoped.section(heading["text"])
            except pl.AmbiguousSectionError:
                continue  # present more than once (e.g. fund summary and statutory text)
            except pl.SectionNotFoundError:
                missing.append((kind, heading["line"], heading["text"]))
    assert len(missing) <= 0.05 * sum(len(p["headings"]) for p in labels["documents"].values()), (
        missing
    )


def test_sai_conflicts_section_changes_on_july_12_not_before(ledger: pl.Ledger) -> None:
    before = ledger.as_of("2024-07-11").document("sai").section(CONFLICTS)
    after = ledger.as_of("2024-07-12").document("sai").section(CONFLICTS)
    assert (
        "The Manager has adopted procedures designed to allocate investments fairly" in before.text
    )
    assert (
        "The Manager has established proprietary accounts and initial seed accounts" in after.text
    )
    assert after.provenance is not None
    assert after.provenance.source.name == "macquariegroup207122024497.htm"
    assert after.provenance.effective == pendulum.datetime(2024, 7, 12, tz="America/New_York")
    assert before.provenance is not None
    assert before.provenance.words is None  # base text


def test_merrill_rewrite_with_the_same_text_leaves_the_answer_and_records_history(
    base: pl.Ledger, ledger: pl.Ledger
) -> None:
    original = base.as_of("2024-04-01").document("prospectus").section(MERRILL)
    now = ledger.as_of("2024-04-01").document("prospectus").section(MERRILL)
    assert now.text == original.text
    assert now.provenance is not None
    assert now.provenance.source.name == "delglobalretail03292024497.htm"
    versions = ledger.history(MERRILL, document="prospectus")
    assert [v.provenance.source.name for v in versions if v.provenance] == [
        "base.html",
        "delglobalretail03292024497.htm",
    ]
    assert versions[0].text == versions[1].text


def test_the_statutory_prospectuss_investment_manager_receives_the_settlement(
    ledger: pl.Ledger,
) -> None:
    """ "the 'Investment manager' section of each Fund's Statutory Prospectus": the base has
    one in the fund summary and one in the statutory part; the fixture's README says the
    text belongs in the statutory one, and that is where it goes."""
    assert not [p for p in ledger.problems() if p.kind == "ambiguous"]
    statutory = "Who manages the Fund -- Investment manager"
    summary = "Fund summary -- Who manages the Fund? -- Investment manager"
    assert "Settlement Order" in ledger.as_of("2024-09-19").section(statutory).text
    assert "Settlement Order" not in ledger.as_of("2024-09-19").section(summary).text


def test_sai_investment_manager_receives_the_settlement_text(ledger: pl.Ledger) -> None:
    path = "Investment Manager and Other Service Providers -- Investment Manager"
    before = ledger.as_of("2024-09-18").document("sai").section(path)
    after = ledger.as_of("2024-09-19").document("sai").section(path)
    assert "Settlement Order" not in before.text
    assert "Settlement Order" in after.text
    assert after.text.startswith(before.text[:200])
    cut = [p for p in ledger.problems() if p.kind == "cut_off"]
    assert {p.source.name for p in cut} >= {"0001137439-24-001376"}


def test_supplements_to_earlier_editions_do_not_touch_the_2024_edition(ledger: pl.Ledger) -> None:
    def editions_2024(which: pl.Ledger) -> list[pl.Document]:
        documents = which.as_of("2024-12-31").documents()
        return [d for d in documents if d.date == pendulum.date(2024, 4, 1)]

    before = editions_2024(ledger)
    related = pl.Ledger.from_json(ledger.to_json())
    names = []
    for record in _records("related_other_editions.jsonl"):
        supplements = related.add_filing(str(record["text"]), _source(record))
        names.extend(s.source.name for s in supplements)
    assert editions_2024(related) == before
    entries = [entry for entry in related.timeline() if entry.source.name in names]
    assert entries
    assert all(
        entry.status != "applied"
        or entry.edition.endswith(("2010-03-30", "2016-03-29", "2018-03-29"))
        for entry in entries
    )
    assert not any(entry.status == "applied" and "2024-04-01" in entry.edition for entry in entries)
    listed = {p.source.name for p in related.problems()}
    assert set(names) <= listed | {
        entry.source.name for entry in entries if entry.status == "notice"
    }
