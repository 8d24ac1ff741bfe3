"""A section's versions read from the index equal those of a walk of every state."""

from __future__ import annotations

import attrs
from hypothesis import HealthCheck, given, settings

import prospectus_ledger as pl
from prospectus_ledger._engine import Compiled
from prospectus_ledger.history import SectionVersion
from prospectus_ledger.tree import find_sections
from tests import strategies


def _walked_versions(
    compiled: Compiled, headings: tuple[str, ...], portfolio: str | None
) -> list[SectionVersion] | type[pl.AmbiguousSectionError]:
    """The versions as ``history`` worked them out before it read the index: every
    state of every edition, one after the other."""
    versions: list[SectionVersion] = []
    for index, edition in enumerate(compiled.editions):
        replay = compiled.replay(index, compiled.bucket(None))
        instants = [edition.start, *(max(i, edition.start) for i in replay.instants)]
        found: list[SectionVersion] = []
        previous = None
        for instant, state in zip(instants, replay.states, strict=True):
            matches = find_sections(state, headings, portfolio=portfolio)
            if len(matches) > 1:
                return pl.AmbiguousSectionError
            current = matches[0] if matches else None
            if current is not None and previous is not None and current.section is previous.section:
                continue
            if found and found[-1].valid_to is None:
                found[-1] = attrs.evolve(found[-1], valid_to=instant)
            if current is not None:
                section = current.section
                found.append(
                    SectionVersion(
                        section=section,
                        path=current.headings,
                        document=edition.document.kind,
                        edition=edition.name,
                        portfolio=current.portfolio,
                        valid_from=instant,
                        valid_to=None,
                        provenance=section.provenance
                        or (None if section.placeholder else edition.base_provenance),
                    )
                )
            previous = current
        if found and found[-1].valid_to is None and edition.end is not None:
            found[-1] = attrs.evolve(found[-1], valid_to=edition.end)
        versions.extend(found)
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
            expected = _walked_versions(compiled, (heading,), portfolio)
            if expected is pl.AmbiguousSectionError:
                try:
                    ledger.history(heading, portfolio=portfolio)
                except pl.AmbiguousSectionError:
                    continue
                raise AssertionError(f"{heading!r} should be ambiguous")
            answer = ledger.history(heading, portfolio=portfolio)
            assert list(answer.versions) == expected, (heading, portfolio)
            # The same section objects, not just equal ones.
            assert [id(v.section) for v in answer.versions] == [
                id(v.section)
                for v in expected  # type: ignore[union-attr]
            ]
