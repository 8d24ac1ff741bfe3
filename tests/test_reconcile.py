"""Reconciling a ledger with the next edition."""

from __future__ import annotations

import attrs
import pendulum
import pytest

import prospectus_ledger as pl
from prospectus_ledger.instants import start_of_day

TRUST, FUND = "Example Trust", "Example Fund"


def edition(year: int, **texts: str) -> pl.Document:
    sections = [
        pl.Section(heading.replace("_", " "), [pl.Paragraph(text)])
        for heading, text in texts.items()
    ]
    return pl.Document(
        pl.DocumentKind.PROSPECTUS,
        TRUST,
        pendulum.date(year, 5, 1),
        (FUND,),
        sections,
        illustrative=True,
    )


def supplement(heading: str, text: str, day: str) -> pl.Supplement:
    date = pendulum.parse(day, exact=True)
    assert isinstance(date, pendulum.Date)
    return pl.Supplement(
        TRUST,
        (FUND,),
        [pl.DocumentRef(pl.DocumentKind.PROSPECTUS, pendulum.date(2020, 5, 1))],
        date,
        pl.Source(name=f"{heading}-{day}.txt"),
        [
            pl.Amendment(
                pl.ReplaceSection(pl.SectionTarget((heading,)), [pl.Paragraph(text)]),
                pl.DocumentKind.PROSPECTUS,
                start_of_day(date),
                words=f"replace {heading}",
            )
        ],
    )


@pytest.fixture
def ledger() -> pl.Ledger:
    ledger = pl.Ledger()
    ledger.add_document(
        edition(
            2020,
            Objective="Growth.",
            Strategy="Stocks.",
            Risks="Market risk.",
            Fees="1%.",
            Old="Gone.",
        )
    )
    ledger.add_supplement(supplement("Strategy", "Stocks and bonds.", "2020-09-01"))
    ledger.add_supplement(supplement("Risks", "Market and credit risk.", "2020-10-01"))
    return ledger


def test_reconcile_sorts_every_section(ledger: pl.Ledger) -> None:
    new = edition(
        2021,
        Objective="Growth.",
        Strategy="Stocks and bonds.",
        Risks="Market risk only.",
        Fees="0.9%.",
        New="Hi.",
    )
    result = ledger.reconcile(new)
    status = {section.path[-1]: section.status for section in result}
    assert status == {
        "Objective": "unchanged",
        "Strategy": "carried",
        "Risks": "not_carried",
        "Fees": "changed_by_edition",
        "New": "added",
        "Old": "removed",
    }
    assert result.previous == "prospectus of Example Trust dated 2020-05-01"
    assert result.switch == start_of_day(pendulum.date(2021, 5, 1))
    (risks,) = result.with_status("not_carried")
    assert risks.provenance is not None
    assert risks.provenance.source.name == "Risks-2020-10-01.txt"
    assert ("insert", "risk only.") in [(segment.kind, segment.text) for segment in risks.redline]


def test_reconcile_with_the_new_edition_already_loaded(ledger: pl.Ledger) -> None:
    new = edition(
        2021,
        Objective="Growth.",
        Strategy="Stocks and bonds.",
        Risks="Market and credit risk.",
        Fees="1%.",
        Old="Gone.",
    )
    ledger.add_document(new)
    assert {section.status for section in ledger.reconcile(new)} == {"unchanged", "carried"}


def test_reconcile_without_an_earlier_edition_lists_everything_as_added() -> None:
    result = pl.Ledger().reconcile(edition(2021, Objective="Growth."))
    assert [section.status for section in result] == ["added"]
    assert result.previous is None


def test_reconcile_needs_a_dated_edition(ledger: pl.Ledger) -> None:
    with pytest.raises(pl.InvalidLedgerDataError):
        ledger.reconcile(attrs.evolve(edition(2021, Objective="x"), date=None))
