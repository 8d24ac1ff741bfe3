"""The plans of many questions (engine.plans): the bucketed search finds what a binary
search of every break finds, and plans are made again when the ledger changes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pendulum
import pytest

import prospectus_ledger as pl
from prospectus_ledger.engine.plans import Plan, _Searched

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
STRATEGY = "Principal Investment Strategy"


def _plans(rng: np.random.Generator) -> list[Plan]:
    """Plans of a few breaks, of many, and of many crowded into a short time (more to
    a run of ranks than the bucketed search steps back over)."""
    plans = []
    for number in range(60):
        if number % 10 == 0:
            inner = 1_000_000 + rng.choice(50, size=40, replace=False)  # crowded
        else:
            inner = rng.choice(10**9, size=int(rng.integers(0, 300)), replace=False)
        breaks = np.unique(np.append(inner, -(1 << 63))).astype(np.int64)
        slots = rng.integers(-1, len(breaks), size=len(breaks)).astype(np.int64)
        plans.append(Plan(breaks, slots, ()))
    return plans


def test_the_bucketed_search_finds_each_question_s_break() -> None:
    rng = np.random.default_rng(5)
    plans = _plans(rng)
    firsts = [1000 * number for number in range(len(plans))]
    searched = _Searched.of(plans, firsts)
    count = 20_000
    numbers = rng.integers(0, len(plans), size=count).astype(np.int64)
    instants = np.concatenate(
        [
            rng.integers(-(10**6), 10**9 + 10**6, size=500),
            1_000_000 + np.arange(-5, 60),  # in and around the crowded breaks
            [-(1 << 63) + 1, (1 << 63) - 1],
        ]
    ).astype(np.int64)
    codes = rng.integers(0, len(instants), size=count).astype(np.int64)
    found = searched.find(numbers, instants, codes)
    for number, plan in enumerate(plans):
        mine = np.flatnonzero(numbers == number)
        at = instants[codes[mine]]
        position = np.searchsorted(plan.breaks, at, side="right") - 1
        assert (position >= 0).all()
        slots = plan.slots[position]
        expected = np.where(slots >= 0, slots + firsts[number], -1)
        assert (found[mine] == expected).all(), number


def _supplement(number: int, effective: pendulum.DateTime) -> pl.Supplement:
    target = pl.SectionTarget(("Principal Risks",))
    return pl.Supplement(
        "Plan Trust",
        (),
        [pl.DocumentRef(pl.DocumentKind.PROSPECTUS, pendulum.date(2010, 5, 1))],
        effective.date(),
        pl.Source(name=f"plan-{number}.txt"),
        [
            pl.Amendment(
                pl.ReplaceSection(target, [pl.Paragraph(f"Risks #{number}.")]),
                pl.DocumentKind.PROSPECTUS,
                effective,
            )
        ],
    )


def test_plans_are_made_again_when_the_ledger_changes() -> None:
    ledger = pl.Ledger()
    ledger.add_document(
        pl.Document(
            pl.DocumentKind.PROSPECTUS,
            "Plan Trust",
            pendulum.date(2010, 5, 1),
            sections=[pl.Section("Principal Risks", [pl.Paragraph("Risks.")])],
            illustrative=True,
        )
    )
    ledger.add_supplement(_supplement(1, pendulum.datetime(2011, 1, 3, tz="America/New_York")))
    questions = [{"when": day, "path": "Principal Risks"} for day in ("2011-06-01", "2012-06-01")]
    assert ledger.as_of_many(questions)["text"].tolist() == ["Risks #1."] * 2
    ledger.add_supplement(_supplement(2, pendulum.datetime(2012, 1, 3, tz="America/New_York")))
    assert ledger.as_of_many(questions)["text"].tolist() == ["Risks #1.", "Risks #2."]


def test_a_stored_ledger_s_plans_follow_the_store(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    store = pl.Store(path)
    store.ingest(SEEDS)
    reader = pl.open_store(path)
    questions = [{"when": "2030-01-01", "path": STRATEGY}]
    first = reader.as_of_many(questions)
    assert first["error"][0] is None
    pl.Store(path).ingest([FIXTURES / "bases" / "example-trust-2020.md"])
    # The example trust has a section of that name too: the question is now ambiguous.
    again = reader.as_of_many(questions)
    with pytest.raises(pl.AmbiguousSectionError) as error:
        reader.as_of("2030-01-01").section(STRATEGY)
    assert again["error"][0] == str(error.value)
    assert again["text"][0] is None
