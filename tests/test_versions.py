"""A section's versions read from the index equal those of a walk of every state."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

import prospectus_ledger as pl
from prospectus_ledger._engine import Compiled
from prospectus_ledger._versions import versions_of
from prospectus_ledger.history import SectionVersion
from prospectus_ledger.tree import find_sections
from tests import strategies


def _walked_versions(
    compiled: Compiled, headings: tuple[str, ...], portfolio: str | None
) -> list[SectionVersion]:
    """The versions as ``history`` found them before it read the index: what the path
    names in every state of every edition, one after the other."""
    versions: list[SectionVersion] = []
    for index, edition in enumerate(compiled.editions):
        replay = compiled.replay(index, compiled.bucket(None))
        instants = [edition.start, *(max(i, edition.start) for i in replay.instants)]
        answers = [
            (instant, find_sections(state, headings, portfolio=portfolio))
            for instant, state in zip(instants, replay.states, strict=True)
        ]
        versions.extend(versions_of(edition, headings, answers))
    return sorted(versions, key=lambda version: version.valid_from)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=strategies.base_documents(), supplements=strategies.supplement_lists)
def test_history_from_the_index_equals_the_walk_of_every_state(
    base: pl.Document, supplements: list[pl.Supplement]
) -> None:
    """Same-instant instructions and instructions effective with the edition included:
    each state that began at an instant where the section changed is a version."""
    ledger = pl.Ledger()
    ledger.add_document(base)
    for supplement in supplements:
        ledger.add_supplement(supplement)
    compiled = ledger._compile()
    for heading in (*strategies.HEADINGS, "Nonexistent"):
        for portfolio in (None, "Example Fund"):
            try:
                expected = _walked_versions(compiled, (heading,), portfolio)
            except pl.AmbiguousSectionError:
                with pytest.raises(pl.AmbiguousSectionError):
                    ledger.history(heading, portfolio=portfolio)
                continue
            answer = ledger.history(heading, portfolio=portfolio)
            assert list(answer.versions) == expected, (heading, portfolio)
            # The same section objects, not just equal ones.
            assert [id(v.section) for v in answer.versions] == [id(v.section) for v in expected]
