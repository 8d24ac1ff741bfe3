"""Per-section version lists, so a lookup is a dictionary hit and a binary search.

A replay holds an edition's states; finding a heading in a state means walking
its tree.  The index built here instead keeps, for every section path the
edition ever had, the instants at which that section changed and the section
as it then was.  It is built from the replay by walking only the subtrees that
changed between consecutive states: unchanged subtrees are the same objects
(the tree shares them), so an identity check prunes them.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable, Sequence
from typing import Generic, Protocol, TypeVar

import attrs
import pendulum

from .._text import heading_key
from ..instants import new_york_key
from ..tree import Located, Section, is_subsequence

# Lookup plans kept per index; a nightly job asks the same few thousand
# paths on many days, and the plan does not depend on the day.
_PLANS_KEPT = 16384

# A section's key: its portfolio (or ""), then (heading key, occurrence) per
# level; the occurrence tells apart siblings with the same heading.
PathKey = tuple[object, ...]


@attrs.define(eq=False)
class MemoryVersions:
    """One path's versions, kept in memory: the instants it changed and the section then."""

    path: PathKey
    instants: list[pendulum.DateTime] = attrs.field(factory=list)
    located: list[Located | None] = attrs.field(factory=list)
    # The instants' wall-clock keys while every instant is in New York (the
    # rule for all but hand-made supplements); ``None`` once one is not.  A
    # binary search over them reads one compact array instead of an object per
    # probe, which at 100,000 supplements is mostly not in the processor's
    # caches.
    keys: array[int] | None = attrs.field(factory=lambda: array("q"))

    def add(self, instant: pendulum.DateTime, located: Located | None) -> None:
        if self.instants and self.instants[-1] == instant:
            self.located[-1] = located
            return
        self.instants.append(instant)
        self.located.append(located)
        if self.keys is not None:
            key = new_york_key(instant)
            if key is None:
                self.keys = None
            else:
                self.keys.append(key)

    def at(self, when: pendulum.DateTime, key: int | None) -> Located | None:
        """The version in force at ``when``; ``key`` is its :func:`wall_clock_key` when
        ``when`` is in New York, else ``None``."""
        if key is not None and self.keys is not None:
            position = bisect.bisect_right(self.keys, key) - 1
        else:
            position = bisect.bisect_right(self.instants, when) - 1
        return self.located[position] if position >= 0 else None


class VersionList(Protocol):
    """One path's versions over time, wherever they are kept."""

    @property
    def path(self) -> PathKey:
        """The path's key."""
        ...

    def at(self, when: pendulum.DateTime, key: int | None) -> Located | None:
        """The version in force at ``when`` (``key``: its wall-clock key, if known)."""
        ...


V = TypeVar("V", bound=VersionList)


@attrs.define
class SectionIndex(Generic[V]):
    """Every section path of one edition's replay, with its versions over time: in
    memory (:func:`build_index`), or as the store keeps them."""

    by_heading: dict[str, list[V]] = attrs.field(factory=dict)
    # (an ancestor's heading key, the heading key): the paths with that heading
    # below that ancestor, so "Portfolio -- Section" does not try every
    # portfolio's "Section".
    by_ancestor: dict[tuple[str, str], list[V]] = attrs.field(factory=dict)
    # (a portfolio's key or None for shared text, the heading key): every path
    # that ever had that heading in that portfolio's part, so a portfolio-scoped
    # query does not try the other portfolios' sections.
    by_portfolio: dict[tuple[str | None, str], list[V]] = attrs.field(factory=dict)
    versions: dict[PathKey, V] = attrs.field(factory=dict)
    _owners: set[tuple[PathKey, str | None]] = attrs.field(factory=set)
    # The version lists a path can name, and the wanted portfolio's key.
    _plans: dict[tuple[tuple[str, ...], str | None], tuple[Sequence[V], str | None]] = attrs.field(
        factory=dict
    )

    def find(
        self,
        when: pendulum.DateTime,
        headings: Sequence[str],
        portfolio: str | None,
        key: int | None = None,
    ) -> list[Located]:
        """The sections ``headings`` names at ``when``, with the same portfolio rule as
        :func:`prospectus_ledger.tree.find_sections`; ``key`` is ``when``'s
        :func:`~prospectus_ledger.instants.wall_clock_key` if the caller has it."""
        candidates, wanted = self._candidates(headings, portfolio)
        if key is None:
            key = new_york_key(when)
        matches = []
        for versions in candidates:
            located = versions.at(when, key)
            if located is not None:
                matches.append(located)
        if len(matches) > 1:
            matches.sort(key=lambda located: located.indices)
        if wanted is None:
            return matches
        own = [m for m in matches if m.portfolio is not None and heading_key(m.portfolio) == wanted]
        return own or [m for m in matches if m.portfolio is None]

    def change_instants(
        self: SectionIndex[MemoryVersions], headings: Sequence[str], portfolio: str | None
    ) -> list[pendulum.DateTime]:
        """Every instant at which a section ``headings`` can name changed (or went),
        oldest first: between two of them :meth:`find` answers alike."""
        candidates, _ = self._candidates(headings, portfolio)
        return sorted({instant for versions in candidates for instant in versions.instants})

    def top_positions(
        self: SectionIndex[MemoryVersions], headings: Sequence[str], portfolio: str | None
    ) -> set[int]:
        """The positions among the top-level sections where any section ``headings``
        can name ever sat (under which it is, or is itself)."""
        candidates, _ = self._candidates(headings, portfolio)
        return {
            located.indices[0]
            for versions in candidates
            for located in versions.located
            if located is not None
        }

    def candidates(self, headings: Sequence[str], portfolio: str | None) -> Sequence[V]:
        """Every path ``headings`` can name at any time, with ``portfolio``'s rule: what
        :meth:`find` tries at each instant."""
        return self._candidates(headings, portfolio)[0]

    def _candidates(
        self, headings: Sequence[str], portfolio: str | None
    ) -> tuple[Sequence[V], str | None]:
        """The version lists a lookup of ``headings`` tries, and the portfolio's key."""
        if portfolio is None and 0 < len(headings) < 3:
            # "Section" or "Portfolio -- Section": the lists kept by heading
            # and by (ancestor, heading) are the answer's candidates as they are.
            last = heading_key(headings[-1])
            if len(headings) == 1:
                return self.by_heading.get(last, ()), None
            return self.by_ancestor.get((heading_key(headings[0]), last), ()), None
        plan_key = (tuple(headings), portfolio)
        plan = self._plans.get(plan_key)
        if plan is None:
            plan = self._plan(headings, portfolio)
            if len(self._plans) >= _PLANS_KEPT:
                self._plans.clear()
            self._plans[plan_key] = plan
        return plan

    def _plan(
        self, headings: Sequence[str], portfolio: str | None
    ) -> tuple[Sequence[V], str | None]:
        """The version lists of every path ``headings`` can name at any time, and
        the portfolio's key: what a lookup needs besides the instant."""
        keys = [heading_key(part) for part in headings]
        if not keys:
            return (), None
        last, ancestors = keys[-1], keys[:-1]
        wanted = heading_key(portfolio) if portfolio is not None else None
        candidates: Sequence[V] = self.by_heading.get(last, ())
        check_ancestors = bool(ancestors)
        if wanted is not None:
            # The portfolio's own sections and the shared ones; a path that
            # changed owner is in both lists.
            owned = self.by_portfolio.get((wanted, last), [])
            candidates = list(dict.fromkeys([*owned, *self.by_portfolio.get((None, last), ())]))
        elif ancestors:
            # Start from the shortest of the ancestors' lists.
            candidates = min(
                (self.by_ancestor.get((ancestor, last), ()) for ancestor in ancestors), key=len
            )
        # The key spells the headings of the path (a renamed section gets a
        # new path), so matching the keys matches the located section.
        kept = tuple(
            versions
            for versions in candidates
            if not check_ancestors
            or is_subsequence(ancestors, [level[0] for level in versions.path[:-1]])  # type: ignore[index]
        )
        return kept, wanted

    def add_path(self, versions: V, heading: str) -> None:
        """Match ``heading`` (a key) to ``versions`` from now on, by itself and below
        each of its path's ancestors."""
        key = versions.path
        self.versions[key] = versions
        self.by_heading.setdefault(heading, []).append(versions)
        for ancestor in {level[0] for level in key[:-1]}:  # type: ignore[index]
            self.by_ancestor.setdefault((ancestor, heading), []).append(versions)

    def add_owner(self, versions: V, owner: str | None, heading: str) -> None:
        """Match ``versions`` to queries scoped to ``owner`` (a portfolio's key, or
        ``None`` for shared text)."""
        if (versions.path, owner) not in self._owners:
            self._owners.add((versions.path, owner))
            self.by_portfolio.setdefault((owner, heading), []).append(versions)

    def _record(
        self: SectionIndex[MemoryVersions],
        instant: pendulum.DateTime,
        key: PathKey,
        located: Located | None,
    ) -> None:
        versions = self.versions.get(key)
        if versions is None:
            versions = MemoryVersions(key)
            if located is not None:
                self.add_path(versions, located.section.key)
            else:
                self.versions[key] = versions
        if located is not None:
            owner = heading_key(located.portfolio) if located.portfolio is not None else None
            self.add_owner(versions, owner, located.section.key)
        versions.add(instant, located)


def child_keys(
    parent_key: PathKey, children: Sequence[Section], inherited: str | None
) -> list[tuple[PathKey, Section, str | None]]:
    seen: dict[str, int] = {}
    keyed = []
    for child in children:
        occurrence = seen.get(child.key, 0)
        seen[child.key] = occurrence + 1
        portfolio = child.portfolio or inherited
        keyed.append(((*parent_key, (child.key, occurrence)), child, portfolio))
    return keyed


def build_index(
    instants: Sequence[pendulum.DateTime],
    tops: Iterable[Sequence[Section]],
    start: pendulum.DateTime,
) -> SectionIndex[MemoryVersions]:
    """The index of a replay, from each state's top-level sections.

    The first state holds from ``start``, state ``i`` from ``instants[i-1]``.
    """
    index: SectionIndex[MemoryVersions] = SectionIndex()
    current: dict[PathKey, Section] = {}

    def visit(
        instant: pendulum.DateTime,
        key: PathKey,
        section: Section,
        indices: tuple[int, ...],
        headings: tuple[str, ...],
        portfolio: str | None,
    ) -> None:
        old = current.get(key)
        if old is section:
            return  # the same object: nothing in this subtree changed
        current[key] = section
        earlier = index.versions.get(key)
        last = earlier.located[-1] if earlier is not None else None
        if last is not None:
            # A section that changed mostly keeps its place and headings: hold
            # one copy of them for all its versions.
            indices = last.indices if last.indices == indices else indices
            headings = last.headings if last.headings == headings else headings
        index._record(instant, key, Located(indices, section, headings, portfolio))
        new_children = child_keys(key, section.children, portfolio)
        if old is not None:
            kept = {child_key for child_key, _, _ in new_children}
            for child_key, _, _ in child_keys(key, old.children, None):
                if child_key not in kept:
                    _forget(instant, child_key)
        for position, (child_key, child, child_portfolio) in enumerate(new_children):
            visit(
                instant,
                child_key,
                child,
                (*indices, position),
                (*headings, child.heading),
                child_portfolio,
            )

    def _forget(instant: pendulum.DateTime, key: PathKey) -> None:
        old = current.pop(key, None)
        if old is None:
            return
        index._record(instant, key, None)
        for child_key, _, _ in child_keys(key, old.children, None):
            _forget(instant, child_key)

    root: PathKey = ()
    previous_top: list[PathKey] = []
    for instant, sections in zip([start, *instants], tops, strict=True):
        top = child_keys(root, sections, None)
        kept = {key for key, _, _ in top}
        for key in previous_top:
            if key not in kept:
                _forget(instant, key)
        for position, (key, section, portfolio) in enumerate(top):
            visit(instant, key, section, (position,), (section.heading,), portfolio)
        previous_top = [key for key, _, _ in top]
    return index
