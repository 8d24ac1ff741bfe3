"""A section path's versions as arrays, for answering many instants at once.

``as_of(when).section(path)`` finds, in each edition in force at ``when`` that
covers the portfolio asked about, the candidate paths the headings can name,
and keeps the one version in force.  For one (path, portfolio, document) that
depends on ``when`` only through a few intervals: when each edition is in
force, when it covers the portfolio, and when each candidate's versions hold.
A :class:`Tracks` holds those intervals as NumPy arrays, so that a batch of
instants is answered with a few binary searches (``numpy.searchsorted``) per
candidate, whatever the number of instants.

Both the compiled ledger (in memory) and the store give them; the batch
(:mod:`prospectus_ledger.batch`) answers from them what they settle (exactly
one match), and asks the rest one at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from .._text import heading_key
from ..instants import micros
from ..tree import DocumentKind, Located
from .lookup import covers

if TYPE_CHECKING:
    from .compiled import Compiled, Edition
    from .plans import Plans
    from .section_index import MemoryVersions

FOREVER = (1 << 63) - 1
"""The end of an interval that has none (the largest 64-bit integer)."""

IntArray = Any  # numpy.ndarray of int64
BoolArray = Any  # numpy.ndarray of bool


@attrs.frozen(eq=False)
class Track:
    """One candidate path of one edition: version ``i`` holds from ``starts[i]`` until
    ``ends[i]`` (microseconds since 1970, UTC), ``present[i]`` when the path is there
    then; ``owned[i]`` when the portfolio whose part holds it is the one asked about,
    ``shared[i]`` when no portfolio's part holds it; ``located(i)`` is that version."""

    starts: IntArray
    ends: IntArray
    present: BoolArray
    owned: BoolArray
    shared: BoolArray
    located: Callable[[int], Located]
    prepare: Callable[[Sequence[int]], None] | None = None
    """Reads ahead what ``located`` will need for these versions (a store's texts)."""


@attrs.frozen(eq=False)
class EditionTracks:
    """An edition's candidate paths, and when the edition answers: from ``start`` until
    ``end``, and, for a question about a portfolio, within the ``covered`` intervals
    (``None``: always)."""

    edition: Edition
    start: int
    end: int
    tracks: tuple[Track, ...]
    covered: tuple[IntArray, IntArray] | None = None


class TrackSource(Protocol):
    """What answers many instants at once: the compiled ledger, or a store."""

    def tracks(
        self, headings: Sequence[str], portfolio: str | None, kind: DocumentKind | None
    ) -> list[EditionTracks] | None:
        """Every edition that can hold a section ``headings`` names (with everything
        known), with its candidates; ``None`` when they cannot be had as arrays."""
        ...

    def plans(self) -> Plans:
        """The plans of questions (everything known), kept while nothing changes."""
        ...


def memory_track(history: MemoryVersions, start: Any, end_us: int, wanted: str | None) -> Track:
    """A path's versions from the section index in memory: an instant before the edition
    starts counts from its start, and of versions starting at one instant the last holds."""
    import numpy as np  # imported when many questions are asked, not on import

    kept: list[tuple[int, Located | None]] = []
    for instant, located in zip(history.instants, history.located, strict=True):
        at = micros(max(instant, start))
        if kept and kept[-1][0] == at:
            kept.pop()
        kept.append((at, located))
    starts = np.fromiter((at for at, _ in kept), dtype=np.int64, count=len(kept))
    ends = np.append(starts[1:], np.int64(end_us))
    present = np.fromiter((located is not None for _, located in kept), dtype=bool)
    owned = np.fromiter(
        (
            located is not None
            and located.portfolio is not None
            and heading_key(located.portfolio) == wanted
            for _, located in kept
        ),
        dtype=bool,
    )
    shared = np.fromiter(
        (located is not None and located.portfolio is None for _, located in kept), dtype=bool
    )
    placed = [located for _, located in kept]

    def located_at(position: int) -> Located:
        found = placed[position]
        assert found is not None  # only present versions are asked for
        return found

    return Track(starts, ends, present, owned, shared, located_at)


def memory_tracks(
    compiled: Compiled,
    headings: Sequence[str],
    portfolio: str | None,
    kind: DocumentKind | None,
) -> list[EditionTracks]:
    """:meth:`TrackSource.tracks` for the compiled ledger, everything known."""
    wanted = heading_key(portfolio) if portfolio is not None else None
    found: list[EditionTracks] = []
    for edition in compiled.editions:
        if kind is not None and edition.document.kind != kind:
            continue
        index = compiled.index_of(edition)
        candidates = index.candidates(headings, portfolio)
        if not candidates:
            continue
        start = micros(edition.start)
        end = micros(edition.end) if edition.end is not None else FOREVER
        tracks = tuple(compiled.track(edition, versions, wanted) for versions in candidates)
        covered = _memory_coverage(compiled, edition, portfolio) if portfolio is not None else None
        found.append(EditionTracks(edition, start, end, tracks, covered))
    return found


def _memory_coverage(
    compiled: Compiled, edition: Edition, portfolio: str
) -> tuple[IntArray, IntArray]:
    """When the edition's replay covers ``portfolio``: per run of states with the same
    portfolios, asked of the run's first state (as a query asks it)."""
    import numpy as np  # imported when many questions are asked, not on import

    replay = compiled.replay_of(edition)
    states = replay.states
    starts: list[int] = []
    ends: list[int] = []
    runs = states.run_starts()
    for number, first in enumerate(runs):
        if not covers(states[first], portfolio):
            continue
        begin = edition.start if first == 0 else max(replay.instants[first - 1], edition.start)
        if number + 1 < len(runs):
            after = max(replay.instants[runs[number + 1] - 1], edition.start)
            finish = micros(after)
        else:
            finish = FOREVER
        starts.append(micros(begin))
        ends.append(finish)
    return np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)


def answer_positions(
    editions: list[EditionTracks], instants: IntArray, wanted: bool
) -> tuple[IntArray, list[tuple[Track, IntArray, BoolArray]]]:
    """How many sections each instant's question matches, and per track the version
    each instant falls in and whether that version is the question's match.

    ``wanted``: the question is about a portfolio, whose own sections are preferred,
    edition by edition, over the shared ones (as :meth:`SectionIndex.find` does).
    """
    import numpy as np  # imported when many questions are asked, not on import

    total = np.zeros(len(instants), dtype=np.int64)
    hits: list[tuple[Track, IntArray, BoolArray]] = []
    for edition in editions:
        answering = (instants >= edition.start) & (instants < edition.end)
        if edition.covered is not None:
            starts, ends = edition.covered
            if not len(starts):
                continue  # the edition never covers the portfolio
            run = np.searchsorted(starts, instants, side="right") - 1
            answering &= (run >= 0) & (instants < ends[np.clip(run, 0, None)])
        own = np.zeros(len(instants), dtype=np.int64)
        shared = np.zeros(len(instants), dtype=np.int64)
        found: list[tuple[Track, IntArray, BoolArray, BoolArray]] = []
        for track in edition.tracks:
            version = np.searchsorted(track.starts, instants, side="right") - 1
            there = answering & (version >= 0)
            version = np.clip(version, 0, None)
            there &= (instants < track.ends[version]) & track.present[version]
            mine = there & track.owned[version] if wanted else there
            others = there & track.shared[version] if wanted else there & False
            own += mine
            shared += others
            found.append((track, version, mine, others))
        # A portfolio's own sections win over the shared ones, in each edition.
        use_own = own > 0
        total += np.where(use_own, own, shared) if wanted else own
        for track, version, mine, others in found:
            hits.append((track, version, mine | (others & ~use_own) if wanted else mine))
    return total, hits
