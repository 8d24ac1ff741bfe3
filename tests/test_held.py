"""Supplements held once each, identified only where something needs it (engine/held.py)."""

from __future__ import annotations

import random

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prospectus_ledger import Document, Ledger, Source, Supplement
from prospectus_ledger.engine import held as held_module
from prospectus_ledger.engine.compiled import supplement_identity
from prospectus_ledger.engine.held import HeldSupplements, Identified
from prospectus_ledger.instants import start_of_day
from tests import strategies
from tests.test_ledger import base, day, loaded_both_ways, replace, strategy_at

EFFECTIVE = start_of_day(day("2020-07-01"))


def strategy(text: str, *, name: str | None = None) -> Supplement:
    return replace(
        "Principal Investment Strategy", text, effective=EFFECTIVE, dated="2020-06-15", name=name
    )


def of_one_filing(*supplements: Supplement) -> list[Supplement]:
    """The supplements as parts of one filing: one name, one hash of its bytes."""
    source = Source(name="one-filing.txt", sha256="ab" * 32)
    return [attrs.evolve(supplement, source=source) for supplement in supplements]


@pytest.fixture
def identified(monkeypatch: pytest.MonkeyPatch) -> list[Supplement]:
    """The supplements whose identity is worked out, in order."""
    asked: list[Supplement] = []

    def counting(supplement: Supplement) -> str:
        asked.append(supplement)
        return supplement_identity(supplement)

    monkeypatch.setattr(held_module, "supplement_identity", counting)
    return asked


def test_supplements_of_different_filings_are_answered_without_identities(
    identified: list[Supplement],
) -> None:
    ledger = Ledger()
    ledger.add_document(base())
    texts = [f"Strategy {n}." for n in range(5)]
    for text in texts:
        assert ledger.add_supplement(strategy(text))
    assert strategy_at(ledger, "2020-07-02") in texts
    assert identified == []
    # The listing is in the order of identities: it works each out, once.
    listed = ledger.supplements
    assert len(listed) == 5
    assert sorted(map(id, identified)) == sorted(map(id, listed))
    ledger.supplements  # noqa: B018 - asked again, nothing is worked out again
    assert len(identified) == 5


def test_the_same_supplement_twice_is_held_once_whatever_its_object() -> None:
    held = HeldSupplements()
    one = strategy("Once.")
    assert held.add(one)
    assert not held.add(one)
    assert not held.add(attrs.evolve(one))
    assert len(held) == 1
    assert held.identities() == {supplement_identity(one): one}


def test_two_supplements_of_one_filing_are_both_held_and_identified(
    identified: list[Supplement],
) -> None:
    first, second = of_one_filing(strategy("First."), strategy("Second."))
    held = HeldSupplements()
    assert held.add(first)
    assert identified == []  # nothing to tell it from yet
    assert held.add(second)
    assert sorted(map(id, identified)) == sorted([id(first), id(second)])
    assert not held.add(attrs.evolve(first))
    assert [h.supplement for h in held] == [first, second]


def test_a_supplement_of_no_known_filing_is_identified_as_it_comes(
    identified: list[Supplement],
) -> None:
    unknown = attrs.evolve(strategy("Unknown."), source=Source(name="typed.txt"))
    held = HeldSupplements([unknown, attrs.evolve(unknown)])
    assert len(held) == 1
    assert len(identified) == 2


def test_a_mapping_of_identities_is_taken_as_it_is(identified: list[Supplement]) -> None:
    one, two = strategy("One."), strategy("Two.")
    held = HeldSupplements({"b": one, "a": two})
    assert [h.identity for h in held] == ["b", "a"]
    assert sorted(held) == [*held][::-1]
    assert identified == []


def test_identified_values_compare_and_hash_by_identity() -> None:
    one, two = strategy("One."), strategy("Two.")
    a, b = Identified(one), Identified(two)
    low, high = sorted([a, b])
    assert low.identity < high.identity
    assert low < high
    assert low <= high
    assert high > low
    assert high >= low
    assert a == Identified(attrs.evolve(one))
    assert hash(a) == hash(Identified(one))
    assert a != b
    assert a.__eq__("a string") is NotImplemented
    assert "one-filing" not in repr(a)
    assert "Principal" in repr(a)


def test_ties_within_one_filing_follow_identities_in_any_order_of_loading() -> None:
    # Two parts of one filing replacing one section at one instant, from the same
    # position: the one of the higher identity applies last, however they are added.
    parts = of_one_filing(strategy("Part A."), strategy("Part B."))
    last = max(parts, key=supplement_identity)
    for order in (parts, parts[::-1]):
        ledger = Ledger()
        ledger.add_document(base())
        for supplement in order:
            ledger.add_supplement(supplement)
        assert strategy_at(ledger, "2020-07-02") == last.amendments[0].operation.blocks[0].text  # type: ignore[union-attr]
        assert [p.kind for p in ledger.problems()].count("conflict") == 1


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base_document=strategies.base_documents(),
    supplements=strategies.supplement_lists,
    seed=st.integers(),
)
def test_parts_of_one_filing_give_the_same_answers_in_any_order(
    base_document: Document, supplements: list[Supplement], seed: int
) -> None:
    # Every supplement made a part of one filing: the order and the duplicates are
    # then decided by identities alone, and must not depend on the order of loading.
    parts = of_one_filing(*supplements)
    shuffled = [*parts, *(attrs.evolve(part) for part in parts[: len(parts) // 2])]
    random.Random(seed).shuffle(shuffled)
    forward, backward = loaded_both_ways(base_document, parts, shuffled)
    assert len(backward.supplements) == len(forward.supplements)
    for offset in (0, 10, 30, 61):
        when = strategies.EDITION_DATE.add(days=offset)
        assert forward.as_of(when).documents() == backward.as_of(when).documents()
    assert forward.timeline() == backward.timeline()
    assert forward.problems() == backward.problems()
