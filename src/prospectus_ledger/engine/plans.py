"""A question's answers as one step function of the instant, for all questions at once.

For one (path, portfolio, document), what ``as_of(when).section(path)`` answers
with everything known depends on ``when`` only through the intervals of its
:class:`~prospectus_ledger.engine.tracks.EditionTracks`: when each edition is
in force, when it covers the portfolio, and when each candidate's versions
hold.  Every one of them is a half-open interval, so between two consecutive
ends of any of them the answer cannot change.  A :class:`Plan` evaluates the
tracks once at each of those breaks (:func:`answer_positions`) and keeps, per
break, the one version that settles the question from there on, or none (the
question is then asked alone, for its answer or its error).

A batch of questions about many paths is then looked up in every plan's breaks
together (:meth:`Plans.slots`), whatever the number of paths, instead of a few
searches per path.  A :class:`Plans` keeps the plans
of one state of the ledger, and the answer of each version once it has been
worked out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Sequence
from typing import Any

import attrs

from ..tree import DocumentKind
from .tracks import EditionTracks, IntArray, Track, answer_positions

__all__ = ["Plan", "Plans"]

_PREPARED = 2_000
"""Versions whose answers are worked out together, their texts read ahead at once."""

_BEFORE_ALL = -(1 << 63)
"""A break before every instant (the smallest 64-bit integer)."""


@attrs.frozen(eq=False)
class Plan:
    """From ``breaks[i]`` until ``breaks[i + 1]`` the question is settled by version
    ``versions[slots[i]]`` (a track and its version's position), or by none when
    ``slots[i]`` is -1."""

    breaks: IntArray
    slots: IntArray
    versions: tuple[tuple[Track, int, Any], ...]
    """Per slot: the track, the version's position in it, and the track's edition."""


def plan_of(editions: list[EditionTracks], wanted: bool) -> Plan:
    """The step function the tracks give (``wanted``: the question names a portfolio)."""
    import numpy as np  # imported when many questions are asked, not on import

    ends: list[IntArray] = [np.array([_BEFORE_ALL], dtype=np.int64)]
    for edition in editions:
        ends.append(np.array([edition.start, edition.end], dtype=np.int64))
        if edition.covered is not None:
            ends.extend(edition.covered)
        for track in edition.tracks:
            ends.extend((track.starts, track.ends))
    breaks = np.unique(np.concatenate(ends))
    total, hits = answer_positions(editions, breaks, wanted)
    settled = total == 1
    slots = np.full(len(breaks), -1, dtype=np.int64)
    versions: list[tuple[Track, int, Any]] = []
    edition_of = {id(track): edition.edition for edition in editions for track in edition.tracks}
    for track, version, hit in hits:
        mine = np.flatnonzero(hit & settled)
        if not len(mine):
            continue
        found, inverse = np.unique(version[mine], return_inverse=True)
        slots[mine] = inverse + len(versions)
        owner = edition_of[id(track)]
        versions.extend((track, position, owner) for position in found.tolist())
    # Neighbouring breaks with the same slot are one step.
    keep = np.ones(len(breaks), dtype=bool)
    keep[1:] = slots[1:] != slots[:-1]
    return Plan(breaks[keep], slots[keep], tuple(versions))


Read = tuple[Sequence[str], str | None, DocumentKind | None]
"""A question's headings, portfolio and kind of document, read."""


@attrs.frozen(eq=False)
class _Searched:
    """Every plan's breaks as one sorted array of integers, plan after plan: a break is
    its plan's number times ``len(every)`` plus its rank among ``every`` break, and
    ``slots`` are its slots.  ``buckets`` cut each plan's ranks into runs of
    ``1 << shift``: entry ``plan * per_plan + run`` is the first break at or after the
    run's start (then one more, the number of breaks), so that a question's break is
    found from its run's end by stepping back a break or two, instead of by a binary
    search of every break (many times slower for a hundred thousand questions)."""

    plans: int
    every: IntArray
    placed: IntArray
    slots: IntArray
    shift: int
    buckets: IntArray

    @classmethod
    def of(cls, plans: Sequence[Plan], firsts: Sequence[int]) -> _Searched:
        """The search of ``plans``, whose slots are numbered from ``firsts``."""
        import numpy as np  # imported when many questions are asked, not on import

        breaks = np.concatenate([plan.breaks for plan in plans])
        sizes = np.array([len(plan.breaks) for plan in plans], dtype=np.int64)
        owner = np.repeat(np.arange(len(plans), dtype=np.int64), sizes)
        slots = np.concatenate([plan.slots for plan in plans])
        slots = np.where(slots >= 0, slots + np.asarray(firsts, dtype=np.int64)[owner], -1)
        every = np.unique(breaks)
        width = len(every)
        placed = owner * np.int64(width) + np.searchsorted(every, breaks)
        # About two runs per break: most runs hold no break or one.
        shift = max(0, math.ceil(math.log2(max(1, len(plans) * width / (2 * len(placed))))))
        per_plan = (width >> shift) + 1
        starts = (
            np.arange(len(plans), dtype=np.int64)[:, None] * width
            + (np.arange(per_plan, dtype=np.int64) << shift)[None, :]
        ).ravel()
        buckets = np.append(np.searchsorted(placed, starts), len(placed))
        return cls(len(plans), every, placed, slots, shift, buckets)

    def find(self, numbers: IntArray, instants: IntArray, codes: IntArray) -> IntArray:
        """See :meth:`Plans.slots`."""
        import numpy as np  # imported when many questions are asked, not on import

        # An instant's rank: that of the last break at or before it, among every
        # plan's breaks; each distinct instant is ranked once.
        rank = np.asarray(np.searchsorted(self.every, instants, side="right") - 1)[codes]
        keys = numbers * np.int64(len(self.every)) + rank
        per_plan = (len(self.every) >> self.shift) + 1
        # The last break before the next run: the question's, or a little after it.
        position = self.buckets[numbers * per_plan + (rank >> self.shift) + 1] - 1
        # Every plan's first break (rank 0) comes before every question about it.
        late = np.flatnonzero(self.placed[position] > keys)
        for _ in range(8):
            if not len(late):
                break
            position[late] -= 1
            late = late[self.placed[position[late]] > keys[late]]
        if len(late):  # a crowded run: searched the usual way
            position[late] = np.searchsorted(self.placed, keys[late], side="right") - 1
        return self.slots[position]


class Plans:
    """The plans of one state of a ledger (everything known), made as questions need
    them, and each version's answer, worked out once.

    ``tracks`` gives a question's tracks (see
    :class:`~prospectus_ledger.engine.tracks.TrackSource`).
    """

    def __init__(
        self,
        tracks: Callable[
            [Sequence[str], str | None, DocumentKind | None], list[EditionTracks] | None
        ],
    ) -> None:
        self._tracks = tracks
        self._numbers: dict[tuple[str, str | None, str | None], int] = {}
        self._plans: list[Plan] = []
        self._firsts: list[int] = []  # per plan, the number of its first slot
        self._versions: list[tuple[Track, int, Any]] = []
        # Per slot (numbered across plans): its answer's number, -1 for none (asked
        # alone), -2 until worked out; then one more, -1, for the slot -1 (none).
        self._answer_of: IntArray | None = None
        self.answers: list[tuple[Any, ...]] = []
        """Each answer worked out, once."""
        self._columns: list[Any] = []
        self._searched: _Searched | None = None

    def plan_number(
        self,
        path: str,
        portfolio: str | None,
        document: str | None,
        read: Callable[[Any, str, str | None, str | None], Read | None],
        source: Any,
    ) -> int:
        """The number of the plan of questions about ``path`` in ``portfolio`` and
        ``document`` as asked (-1: they are asked alone); ``read(source, path,
        portfolio, document)`` reads them (``None``: they cannot be read), once."""
        key = (path, portfolio, document)
        found = self._numbers.get(key)
        if found is not None:
            return found
        found = -1
        question = read(source, path, portfolio, document)
        if question is not None:
            headings, scope, kind = question
            editions = self._tracks(headings, scope, kind) if headings else None
            if editions:
                plan = plan_of(editions, scope is not None)
                found = len(self._plans)
                self._plans.append(plan)
                self._firsts.append(len(self._versions))
                self._versions.extend(plan.versions)
        self._numbers[key] = found
        return found

    def slots(self, numbers: IntArray, instants: IntArray, codes: IntArray) -> IntArray:
        """Each question's slot (-1: none settles it), the question ``i`` being asked
        of plan ``numbers[i]`` at ``instants[codes[i]]`` (microseconds)."""
        import numpy as np  # imported when many questions are asked, not on import

        if not self._plans:
            return np.full(len(numbers), -1, dtype=np.int64)
        searched = self._searched
        if searched is None or searched.plans != len(self._plans):
            searched = self._searched = _Searched.of(self._plans, self._firsts)
            known = np.full(len(self._versions) + 1, -2, dtype=np.int64)
            if self._answer_of is not None:
                known[: len(self._answer_of) - 1] = self._answer_of[:-1]
            known[-1] = -1
            self._answer_of = known
        return searched.find(numbers, instants, codes)

    def answer_numbers(
        self, slots: IntArray, answer: Callable[[Track, int, Any], tuple[Any, ...] | None]
    ) -> IntArray:
        """Each slot's answer's number in :attr:`answers` (-1: to be asked alone), for
        slots :meth:`slots` gave; ``answer`` works out those not yet known."""
        import numpy as np  # imported when many questions are asked, not on import

        known = self._answer_of
        if known is None:
            return np.full(len(slots), -1, dtype=np.int64)
        used = slots[slots >= 0]
        missing = np.unique(used[known[used] == -2]).tolist()
        for start in range(0, len(missing), _PREPARED):
            chunk = missing[start : start + _PREPARED]
            # What each track's versions need, read ahead together (a store's texts).
            wanted: dict[int, tuple[Track, list[int]]] = {}
            for slot in chunk:
                track, position, _ = self._versions[slot]
                wanted.setdefault(id(track), (track, []))[1].append(position)
            for track, positions in wanted.values():
                if track.prepare is not None:
                    track.prepare(positions)
            for slot in chunk:
                found = answer(*self._versions[slot])
                if found is not None:
                    self.answers.append(found)
                known[slot] = -1 if found is None else len(self.answers) - 1
        return known[slots]  # a slot of -1 takes the last number, -1

    def columns(self, width: int, integers: Collection[int]) -> list[Any]:
        """:attr:`answers` as one array per field (``width`` fields; those numbered in
        ``integers`` as 64-bit integers, the others as objects), kept until more
        answers are worked out."""
        import numpy as np  # imported when many questions are asked, not on import

        if not self._columns or len(self._columns[0]) != len(self.answers):
            self._columns = []
            for field in range(width):
                values = [answer[field] for answer in self.answers]
                if field in integers:
                    self._columns.append(np.array(values, dtype=np.int64))
                else:
                    column = np.empty(len(values), dtype=object)
                    column[:] = values
                    self._columns.append(column)
        return self._columns
