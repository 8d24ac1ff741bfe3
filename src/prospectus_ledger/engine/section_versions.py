"""A section's versions in one edition, from its section index (for ``Ledger.history``)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence

import attrs
import pendulum

from ..errors import AmbiguousSectionError
from ..history import SectionVersion
from ..tree import Located, find_sections
from .compiled import Compiled, Edition, Replay
from .section_index import MemoryVersions, SectionIndex

__all__ = ["edition_versions", "versions_of"]


def edition_versions(
    compiled: Compiled, edition: Edition, headings: tuple[str, ...], portfolio: str | None
) -> list[SectionVersion]:
    """The versions of the section ``headings`` names in ``edition`` (everything known),
    oldest first."""
    replay = compiled.replay_of(edition)
    section_index = compiled.index_of(edition)
    start = edition.start
    # An instruction effective before its edition starts takes effect with it.
    changes = section_index.change_instants(headings, portfolio)
    answers = _answers_where_changed(
        replay,
        start,
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
    replay: Replay,
    start: pendulum.DateTime,
    changes: Sequence[pendulum.DateTime],
    section_index: SectionIndex[MemoryVersions],
    headings: tuple[str, ...],
    portfolio: str | None,
) -> Iterator[tuple[pendulum.DateTime, list[Located]]]:
    """What the path names at each instant a section it can name changed: between two
    such instants every state answers alike, so the other states are not read."""
    positions = section_index.top_positions(headings, portfolio)
    states = replay.states
    for instant in changes:
        # Several states may begin at one instant (instructions that took effect
        # together, or with their edition); those that changed what the path can
        # name were each a version, if only briefly.
        changed = [
            position
            for position in _states_from(replay.instants, start, instant)
            if states.may_differ_under(position, positions)
        ]
        if len(changed) > 1:
            for position in changed:
                yield instant, find_sections(states[position], headings, portfolio=portfolio)
        else:
            yield instant, section_index.find(instant, headings, portfolio)


def _states_from(
    instants: Sequence[pendulum.DateTime], start: pendulum.DateTime, instant: pendulum.DateTime
) -> range:
    """The states that begin at ``instant`` (state ``k`` after ``k`` steps, the steps
    taking effect at ``instants``, none before ``start``)."""
    if instant <= start:
        return range(0, bisect.bisect_right(instants, start) + 1)
    return range(
        bisect.bisect_left(instants, instant) + 1, bisect.bisect_right(instants, instant) + 1
    )
