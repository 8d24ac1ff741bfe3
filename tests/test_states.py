"""States kept whole only now and then read back as the states themselves."""

from __future__ import annotations

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import prospectus_ledger as pl
from prospectus_ledger.engine.states import CHECKPOINT_EVERY, StateHistory

BASE = pl.Document(
    pl.DocumentKind.PROSPECTUS,
    "Trust",
    pendulum.date(2007, 4, 30),
    portfolios=("Fund A", "Fund B"),
    sections=[pl.Section(f"Part {n}", [pl.Paragraph(f"Text {n}.")]) for n in range(4)],
)

# A step: replace one top-level section, replace two, rename the portfolios,
# add a top-level section, or change nothing at all.
steps = st.one_of(
    st.tuples(st.just("one"), st.integers(0, 3)),
    st.tuples(st.just("two"), st.integers(0, 3)),
    st.tuples(st.just("rename"), st.integers(0, 9)),
    st.tuples(st.just("add"), st.integers(0, 9)),
    st.tuples(st.just("own"), st.integers(0, 3)),
    st.tuples(st.just("same"), st.just(0)),
)


def _next(state: pl.Document, step: tuple[str, int], number: int) -> pl.Document:
    kind, which = step
    sections = list(state.sections)
    if kind == "same":
        return state
    if kind == "rename":
        return attrs.evolve(state, portfolios=(f"Fund {which}", "Fund B"))
    if kind == "add":
        return attrs.evolve(state, sections=[*sections, pl.Section(f"Added {which}")])
    if kind == "own":  # a top-level section becomes one portfolio's part
        position = which % len(sections)
        sections[position] = attrs.evolve(sections[position], portfolio=f"Fund {number % 3}")
        return attrs.evolve(state, sections=sections)
    for position in (
        {which % len(sections), (which + 1) % len(sections)}
        if kind == "two"
        else {which % len(sections)}
    ):
        sections[position] = pl.Section(
            sections[position].heading, [pl.Paragraph(f"Version {number}.")]
        )
    return attrs.evolve(state, sections=sections)


@given(st.lists(steps, max_size=3 * CHECKPOINT_EVERY))
def test_every_state_reads_back_as_it_was(script: list[tuple[str, int]]) -> None:
    states = [BASE]
    for number, step in enumerate(script):
        states.append(_next(states[-1], step, number))
    history = StateHistory(BASE)
    for state in states[1:]:
        history.append(state)
    assert len(history) == len(states)
    assert list(history) == states
    assert list(history.top_sections()) == [state.sections for state in states]
    for position in reversed(range(len(states))):  # out of order, past the kept rebuilds
        rebuilt = history[position]
        assert rebuilt == states[position]
        # The sections are the replay's own objects: the index's identity checks hold.
        assert all(a is b for a, b in zip(rebuilt.sections, states[position].sections, strict=True))
    assert history[-1] == states[-1]
    assert history[1:3] == states[1:3]
    for position, state in enumerate(states):
        first = states[history.portfolios_from(position)]
        assert first.portfolios == state.portfolios
        assert [s.portfolio for s in first.sections] == [s.portfolio for s in state.sections]
    for position in range(1, len(states)):
        before, after = states[position - 1].sections, states[position].sections
        for top in range(len(after)):
            if not history.may_differ_under(position, {top}):
                assert len(before) == len(after)
                assert after[top] is before[top]
    whole = list(history.whole())
    assert whole[0] is BASE
    assert {state.portfolios for state in whole} == {state.portfolios for state in states}


def test_reading_past_the_end_raises_as_a_list_does() -> None:
    history = StateHistory(BASE)
    history.append(_next(BASE, ("one", 0), 0))
    for outside in (2, -3):
        with pytest.raises(IndexError):
            history[outside]
    assert history[-2] is BASE


def test_a_long_run_of_one_section_changes_keeps_few_whole_states() -> None:
    history = StateHistory(BASE)
    state = BASE
    for number in range(10 * CHECKPOINT_EVERY):
        state = _next(state, ("one", number), number)
        history.append(state)
    assert len(list(history.whole())) <= 11
    assert history[len(history) - 1] == state
