"""A section's versions in one edition, from its section index (for ``Ledger.history``)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence

import attrs
import pendulum

from ._engine import Compiled, Edition
from ._section_index import SectionIndex
from .errors import AmbiguousSectionError
from .history import SectionVersion
from .tree import Document, Located, find_sections

__all__ = ["edition_versions", "versions_of"]


def edition_versions(
    compiled: Compiled, index: int, bucket: int, headings: tuple[str, ...], portfolio: str | None
) -> list[SectionVersion]:
    """The versions of the section ``headings`` names in edition ``index``, oldest first."""
    edition = compiled.editions[index]
    replay = compiled.replay(index, bucket)
    section_index = compiled.section_index(index, bucket)
    start = edition.start
    # State k holds from held_from[k]; an instruction effective before its
    # edition starts takes effect with it.
    held_from = [start, *(max(instant, start) for instant in replay.instants)]
    changes = section_index.change_instants(headings, portfolio)
    answers = _answers_where_changed(
        replay.states,
        held_from,
        sorted({start, *(max(instant, start) for instant in changes)}),
        section_index,
        headings,
        portfolio,
    )
    return versions_of(edition, headings, answers)


def versions_of(
    edition: Edition,
    headings: tuple[str, ...],
    answers: Iterable[tuple[pendulum.DateTime, list[Located]]],
) -> list[SectionVersion]:
    """The versions that ``answers`` (what the path named, in order, and from when)
    show in ``edition``: one wherever the section named is another object.

    Raises:
        AmbiguousSectionError: when the path names several sections at some point.
    """
    base = edition.base_provenance
    versions: list[SectionVersion] = []
    previous = None
    for instant, matches in answers:
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


def _answers_where_changed(
    states: Sequence[Document],
    held_from: Sequence[pendulum.DateTime],
    changes: Sequence[pendulum.DateTime],
    section_index: SectionIndex,
    headings: tuple[str, ...],
    portfolio: str | None,
) -> Iterator[tuple[pendulum.DateTime, list[Located]]]:
    """What the path names at each instant a section it can name changed: between two
    such instants every state answers alike, so the other states are not read."""
    for instant in changes:
        first = bisect.bisect_left(held_from, instant)
        last = bisect.bisect_right(held_from, instant) - 1
        if last > first:
            # Several states begin at this instant (instructions that took effect
            # together, or with the edition): each was a version, if only briefly.
            for position in range(first, last + 1):
                yield instant, find_sections(states[position], headings, portfolio=portfolio)
        else:
            yield instant, section_index.find(instant, headings, portfolio)
