"""Computing a section's versions from an edition's replay (for ``Ledger.history``)."""

from __future__ import annotations

import attrs

from ._engine import Compiled
from .errors import AmbiguousSectionError
from .history import SectionVersion
from .tree import find_sections

__all__ = ["edition_versions"]


def edition_versions(
    compiled: Compiled, index: int, bucket: int, headings: tuple[str, ...], portfolio: str | None
) -> list[SectionVersion]:
    """The versions of the section ``headings`` names in edition ``index``, oldest first."""
    edition = compiled.editions[index]
    replay = compiled.replay(index, bucket)
    base = edition.base_provenance
    instants = [edition.start, *(max(instant, edition.start) for instant in replay.instants)]
    versions: list[SectionVersion] = []
    previous = None
    for instant, state in zip(instants, replay.states, strict=True):
        matches = find_sections(state, headings, portfolio=portfolio)
        if len(matches) > 1:
            raise AmbiguousSectionError(
                headings,
                [f"{edition.name}: {' -- '.join(m.headings)}" for m in matches],
                hint="pass portfolio= or document= to history()",
            )
        current = matches[0] if matches else None
        if current is not None and previous is not None and current.section is previous.section:
            continue
        if versions and versions[-1].valid_to is None:
            versions[-1] = attrs.evolve(versions[-1], valid_to=instant)
        if current is not None:
            section = current.section
            provenance = section.provenance or (None if section.placeholder else base)
            versions.append(
                SectionVersion(
                    section=section,
                    path=current.headings,
                    document=edition.document.kind,
                    edition=edition.name,
                    portfolio=current.portfolio,
                    valid_from=instant,
                    valid_to=None,
                    provenance=provenance,
                )
            )
        previous = current
    if versions and versions[-1].valid_to is None and edition.end is not None:
        versions[-1] = attrs.evolve(versions[-1], valid_to=edition.end)
    return versions
