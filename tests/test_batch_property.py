"""Every answer of as_of_many equals the one-at-a-time answer: a property test over
random questions (instants, paths, portfolios, documents), in memory and in a store."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pandas as pd  # type: ignore[import-untyped]
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import prospectus_ledger as pl

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
BASE = FIXTURES / "bases" / "example-trust-2020.md"

PORTFOLIOS = ("Alpha Fund", "Beta Fund", "Gamma Fund")
SECTIONS = ("Investment Objective", "Principal Risks", "Portfolio Managers")


def _trust() -> pl.Ledger:
    """Two editions of one trust (2010 and 2012) with shared and portfolio sections, and
    supplements that replace, insert into and substitute text in them, some at the
    16:00 close, some before an edition starts, some for a portfolio the later edition
    drops."""
    ledger = pl.Ledger()
    for year, names in ((2010, PORTFOLIOS), (2012, PORTFOLIOS[:2])):
        ledger.add_document(
            pl.Document(
                pl.DocumentKind.PROSPECTUS,
                "Property Trust",
                pendulum.date(year, 5, 1),
                portfolios=names,
                sections=[
                    *(
                        pl.Section(
                            name,
                            portfolio=name,
                            children=[
                                pl.Section(heading, [pl.Paragraph(f"{name} {heading} {year}.")])
                                for heading in SECTIONS
                            ],
                        )
                        for name in names
                    ),
                    pl.Section("Principal Risks", [pl.Paragraph(f"Shared risks {year}.")]),
                ],
                illustrative=True,
            )
        )
    ledger.add_document(
        pl.Document(
            pl.DocumentKind.SAI,
            "Property Trust",
            pendulum.date(2010, 5, 1),
            portfolios=PORTFOLIOS,
            sections=[pl.Section("Portfolio Managers", [pl.Paragraph("SAI managers.")])],
            illustrative=True,
        )
    )
    number = 0
    for year in (2010, 2011, 2012, 2013):
        for month in (3, 6, 9, 12):
            for name in PORTFOLIOS:
                for heading in SECTIONS:
                    number += 1
                    if number % 3:
                        continue
                    effective = pendulum.datetime(
                        year, month, 1 + number % 27, 16 if number % 2 else 0,
                        tz="America/New_York",
                    )  # fmt: skip
                    target = pl.SectionTarget((heading,), portfolio=name)
                    operation: pl.Operation = (
                        pl.ReplaceSection(target, [pl.Paragraph(f"{name} {heading} #{number}.")])
                        if number % 2
                        else pl.InsertBlocks(target, [pl.Paragraph(f"Added #{number}.")])
                    )
                    edition = pendulum.date(2010 if year < 2012 else 2012, 5, 1)
                    ledger.add_supplement(
                        pl.Supplement(
                            "Property Trust",
                            (name,),
                            [pl.DocumentRef(pl.DocumentKind.PROSPECTUS, edition)],
                            effective.date(),
                            pl.Source(name=f"property-{number}.txt"),
                            [pl.Amendment(operation, pl.DocumentKind.PROSPECTUS, effective)],
                        )
                    )
    return ledger


@functools.cache
def _ledgers(tmp: str) -> dict[str, pl.Ledger]:
    memory = {
        "trust": _trust(),
        "seeds": pl.load([SEEDS, BASE, FIXTURES / "delaware" / "base.html"]),
    }
    stored: dict[str, pl.Ledger] = {}
    for name, ledger in memory.items():
        store = pl.Store(Path(tmp) / f"{name}.sqlite")
        filings = [
            pl.ParsedFiling(f"{name}-{index}.json", str(index).encode(), [], [document])
            for index, document in enumerate(ledger.documents)
        ]
        filings += [
            pl.ParsedFiling(f"{name}-s{index}.json", f"s{index}".encode(), [supplement], [])
            for index, supplement in enumerate(ledger.supplements)
        ]
        store.add_parsed(filings)
        stored[f"{name} stored"] = store.ledger()
    return {**memory, **stored}


def _paths(ledger: pl.Ledger) -> list[str]:
    return sorted({str(row["path"]) for row in ledger.versions()})


def _changes(ledger: pl.Ledger) -> list[str]:
    """Instants at and around each version's start: where answers change."""
    found: set[str] = set()
    for row in ledger.versions():
        start = row["valid_from"]
        assert isinstance(start, pendulum.DateTime)
        for instant in (start, start.subtract(microseconds=1), start.add(hours=16)):
            found.add(instant.isoformat())
        found.add(start.date().isoformat())
    return sorted(found)


def _one(ledger: pl.Ledger, question: dict[str, Any]) -> dict[str, Any]:
    try:
        snapshot = ledger.as_of(question["when"]).scoped(
            portfolio=question["portfolio"], document=question["document"]
        )
        view = snapshot.section(question["path"])
    except pl.ProspectusLedgerError as error:
        return {"text": None, "error": str(error)}
    provenance = view.provenance
    return {
        "text": view.text,
        "edition": view.edition,
        "effective": provenance.effective if provenance else None,
        "source": provenance.source.label if provenance else None,
        "error": None,
    }


def _row(row: dict[str, Any]) -> dict[str, Any]:
    def cell(value: Any) -> Any:
        return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value

    if cell(row["error"]) is not None:
        return {"text": None, "error": row["error"]}
    effective = cell(row["effective"])
    return {
        "text": row["text"],
        "edition": row["edition"],
        "effective": pendulum.instance(effective.to_pydatetime()) if effective else None,
        "source": cell(row["source"]),
        "error": None,
    }


instants = st.one_of(
    st.dates(pendulum.date(2006, 1, 1), pendulum.date(2026, 1, 1)).map(lambda d: d.isoformat()),
    st.builds(
        lambda d, h: f"{d.isoformat()}T{h:02d}:00",
        st.dates(pendulum.date(2006, 1, 1), pendulum.date(2026, 1, 1)),
        st.sampled_from([0, 15, 16, 23]),
    ),
)


@pytest.mark.parametrize("name", ["trust", "seeds", "trust stored", "seeds stored"])
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_every_batch_answer_is_the_one_at_a_time_answer(
    tmp_path_factory: pytest.TempPathFactory, name: str, data: st.DataObject
) -> None:
    ledgers = _ledgers(str(tmp_path_factory.getbasetemp()))
    ledger = ledgers[name]
    paths = _paths(ledgers[name.removesuffix(" stored")])
    changes = _changes(ledgers[name.removesuffix(" stored")])
    portfolios = sorted(ledger.portfolios(), key=lambda p: p.name)
    questions = data.draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "when": st.one_of(instants, st.sampled_from(changes)),
                    "path": st.one_of(
                        st.sampled_from(paths),
                        st.sampled_from([*SECTIONS, "No Such Section", "Principal Risks"]),
                    ),
                    "portfolio": st.one_of(
                        st.none(),
                        st.sampled_from([p.name for p in portfolios] or [None]),
                        st.just("Nobody's Fund"),
                    ),
                    "document": st.sampled_from([None, None, "prospectus", "sai", "memo"]),
                }
            ),
            min_size=1,
            max_size=40,
        )
    )
    frame = ledger.as_of_many(pd.DataFrame(questions))
    assert len(frame) == len(questions)
    for question, row in zip(questions, frame.to_dict("records"), strict=True):
        assert _row(row) == _one(ledger, question), question
