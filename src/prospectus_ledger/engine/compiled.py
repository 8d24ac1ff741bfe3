"""The compiled form of a ledger: edition chains, routed amendments, replays.

A :class:`Compiled` is built from the documents and supplements a ledger holds
and is never changed afterwards (its replay cache only memoises), so snapshots
that point at it stay valid when the ledger later grows.

* **Editions** are keyed by (registrant, kind, date).  A base document gives
  an edition its whole text; an edition that only supplements name is a
  placeholder that holds just the sections supplements replaced in full.
* **Chains**: the editions of one (registrant, kind), by date.  Each is in
  force from 00:00 of its date until the next one starts.
* **Steps**: each amendment routed to the edition it names, in the order
  (effective instant, supplement date, filing, position in the filing).
* **Replays**: the states of an edition after each step, for one state of
  knowledge (which supplements were known), computed on first use.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Iterator, Mapping, Sequence
from typing import Protocol

import attrs
import pendulum

from .._text import heading_key
from ..errors import (
    AmbiguousSectionError,
    BlockNotFoundError,
    SectionNotFoundError,
    TextNotFoundError,
)
from ..instants import micros
from ..operations import InsertBlocks, InsertSection, Notice, ReplaceBlock, ReplaceSection
from ..provenance import Provenance, Source
from ..supplement import Amendment, Supplement
from ..tree import Document, DocumentKind, Located
from .cut_off import apply_cut_off, runs_into_cut
from .held import Identified
from .identity import document_identity as document_identity
from .identity import supplement_identity as supplement_identity
from .lookup import covers, in_order
from .plans import Plans
from .registrants import identifiers_of, merged_portfolio_names
from .section_index import MemoryVersions, SectionIndex, build_index
from .states import StateHistory
from .tracks import FOREVER, EditionTracks, Track, memory_track, memory_tracks

# Instructions that bring new text: without it they are not applied (a
# replacement with nothing would silently erase the section).
_NEEDS_TEXT = (ReplaceSection, ReplaceBlock, InsertBlocks, InsertSection)
_APPLY_ERRORS = (SectionNotFoundError, AmbiguousSectionError, BlockNotFoundError, TextNotFoundError)


# Keys are looked up several times per amendment while compiling: hash once.
@attrs.frozen(cache_hash=True)
class EditionKey:
    """Identifies an edition: registrant (as a key), document kind and date, and for a
    summary prospectus the funds it is for (as keys; see :func:`edition_part`)."""

    registrant: str | None
    kind: DocumentKind
    date: pendulum.Date | None
    part: tuple[str, ...] = ()

    @property
    def chain(self) -> ChainKey:
        """The chain of editions it belongs to: each replaces the one before."""
        return (self.registrant, self.kind, self.part)


ChainKey = tuple[str | None, DocumentKind, tuple[str, ...]]
"""Registrant, document kind and part: the editions of one document over time."""


def edition_part(document: Document) -> tuple[str, ...]:
    """What tells a registrant's editions of one kind and date apart: a trust files a
    summary prospectus for each fund, often all on one day, so a summary prospectus is
    its funds'; a prospectus or SAI is the registrant's whole."""
    if document.kind is not DocumentKind.SUMMARY_PROSPECTUS:
        return ()
    return tuple(sorted({heading_key(name) for name in document.portfolios}))


@attrs.frozen
class Step:
    """One amendment routed to one edition."""

    order: tuple[object, ...]
    supplement: Supplement
    amendment: Amendment
    effective: pendulum.DateTime
    known_at: pendulum.DateTime
    provenance: Provenance

    @property
    def identity(self) -> str:
        """The supplement's identity (the last of :attr:`order`, :func:`amendment_order`'s;
        worked out if it was not yet)."""
        held = self.order[-1]
        assert isinstance(held, Identified)  # amendment_order ends with it
        return held.identity


@attrs.frozen
class Outcome:
    """What became of a step in the full-knowledge replay."""

    step: Step
    status: str  # "applied", "notice", "failed", "superseded"
    reason: str | None = None


@attrs.frozen
class Unrouted:
    """An amendment that could not be given to any edition, with the reason."""

    supplement: Supplement
    amendment: Amendment
    reason: str
    order: tuple[object, ...]
    """Where it falls among the steps (see :func:`amendment_order`)."""


# Portfolio coverage answers kept per replay; a job asks about a few thousand
# (run of states, portfolio) pairs.
_COVERS_KEPT = 16384

# The first instant of the calendar: what an amendment with no time sorts as.
_EARLIEST_INSTANT = pendulum.datetime(1, 1, 1, tz="America/New_York")


def amendment_order(
    effective: pendulum.DateTime | None,
    supplement: Supplement,
    amendment: Amendment,
    identity: Identified,
) -> tuple[object, ...]:
    """The order instructions apply in (DESIGN: "Order"): effective instant, supplement
    date, filing hash, position in the filing; the supplement's identity breaks the
    last ties (worked out only for them), so the order never depends on the order of
    loading."""
    return (
        effective or _EARLIEST_INSTANT,
        supplement.supplement_date or earliest_date(),
        supplement.source.sha256 or "",
        amendment.position,
        identity,
    )


@attrs.frozen
class Edition:
    """An edition with the steps routed to it."""

    key: EditionKey
    document: Document
    start: pendulum.DateTime
    known_at: pendulum.DateTime
    end: pendulum.DateTime | None
    steps: tuple[Step, ...]

    # Both are asked on every query; worked out once per edition.
    @functools.cached_property
    def name(self) -> str:
        """The edition's human name."""
        return self.document.edition

    @functools.cached_property
    def base_provenance(self) -> Provenance:
        """The provenance of text that comes straight from the edition's base document."""
        document = self.document
        return Provenance(
            source=document.source or Source(),
            words=None,
            effective=self.start,
            known_at=self.known_at,
            edition=self.name,
            illustrative=document.illustrative,
        )


@attrs.frozen
class Replay:
    """States of an edition: ``states[i]`` holds after the first ``i`` applied steps."""

    instants: tuple[pendulum.DateTime, ...]
    states: StateHistory
    outcomes: tuple[Outcome, ...]
    _covers: dict[tuple[int, str], bool] = attrs.field(factory=dict, eq=False, repr=False)

    def state_at(self, when: pendulum.DateTime) -> Document:
        """The document as it stands at ``when``."""
        return self.states[bisect.bisect_right(self.instants, when)]

    def covers_at(self, when: pendulum.DateTime, portfolio: str) -> bool:
        """Whether the document holds text for ``portfolio`` at ``when`` (see
        :func:`~prospectus_ledger.engine.lookup.covers`), asked once per run of states
        with the same portfolios."""
        first = self.states.portfolios_from(bisect.bisect_right(self.instants, when))
        answer = self._covers.get((first, portfolio))
        if answer is None:
            if len(self._covers) >= _COVERS_KEPT:
                self._covers.clear()
            answer = self._covers[(first, portfolio)] = covers(self.states[first], portfolio)
        return answer


def earliest_date() -> pendulum.Date:
    return pendulum.date(1, 1, 1)


class StateSource(Protocol):
    """What a snapshot needs to answer: the states of the editions in force.

    Implemented by :class:`Compiled` (in memory) and by the SQLite store.
    """

    def states_in_force(
        self, when: pendulum.DateTime, known_at: pendulum.DateTime | None
    ) -> list[tuple[Edition, Document]]:
        """Each edition in force at ``when`` (one per chain), as it reads then."""
        ...

    def later_states(self, edition: Edition) -> Iterator[tuple[pendulum.DateTime, Document]]:
        """Every state of ``edition`` after its base, with the instant it took effect
        (all supplements known), oldest first."""
        ...

    def portfolio_names(self) -> list[str]:
        """Every portfolio any edition or supplement names."""
        ...

    def portfolio_identifiers(self) -> dict[str, str]:
        """Each series ID, class ID and ticker the editions give, upper-cased, and the
        portfolio it identifies."""
        ...

    def find_sections(
        self,
        when: pendulum.DateTime,
        known_at: pendulum.DateTime | None,
        headings: Sequence[str],
        portfolio: str | None,
        kind: DocumentKind | None,
        when_key: int | None = None,
    ) -> list[tuple[Edition, Located]]:
        """The sections ``headings`` names in the editions in force at ``when`` that
        cover ``portfolio`` and are of ``kind`` (either ``None`` for any), in the
        order of :func:`~prospectus_ledger.engine.lookup.in_order`; ``when_key`` is
        ``when``'s :func:`~prospectus_ledger.instants.wall_clock_key`, if known."""
        ...


@attrs.define
class Compiled:
    """Everything a query needs, derived from a ledger's contents."""

    editions: tuple[Edition, ...]
    chains: dict[ChainKey, tuple[int, ...]]
    unrouted: tuple[Unrouted, ...]
    conflicts: tuple[tuple[Step, Step], ...]
    duplicates: tuple[tuple[Document, Document], ...]
    knowledge: tuple[pendulum.DateTime, ...]
    aliases: Mapping[str, str] = attrs.field(factory=dict)
    """Registrant names (as keys) and the CIK key each stands for."""
    diagnosed: tuple[Supplement, ...] = ()
    """The supplements whose own header the parser could not wholly read."""
    _replays: dict[tuple[int, int], Replay] = attrs.field(factory=dict)
    _indexes: dict[tuple[int, int], SectionIndex[MemoryVersions]] = attrs.field(factory=dict)
    _positions: dict[EditionKey, int] = attrs.field(factory=dict)
    _portfolio_names: list[str] | None = None
    _tracks: dict[tuple[int, int, str | None], Track] = attrs.field(factory=dict)
    _plans: Plans | None = None

    def position(self, edition: Edition) -> int:
        """The index of ``edition`` in :attr:`editions`."""
        if not self._positions:
            self._positions.update((e.key, i) for i, e in enumerate(self.editions))
        return self._positions[edition.key]

    def _index_in(self, index: int, bucket: int) -> SectionIndex[MemoryVersions]:
        """Per-section versions of edition ``index``'s replay, built on first use."""
        found = self._indexes.get((index, bucket))
        if found is None:
            replay = self._replay_in(index, bucket)
            found = build_index(
                replay.instants, replay.states.top_sections(), self.editions[index].start
            )
            self._indexes[(index, bucket)] = found
        return found

    def replay_of(self, edition: Edition, known_at: pendulum.DateTime | None = None) -> Replay:
        """The replay of ``edition`` with the supplements known at ``known_at`` (``None``:
        every supplement), worked out once."""
        return self._replay_in(self.position(edition), self._bucket(known_at))

    def index_of(
        self, edition: Edition, known_at: pendulum.DateTime | None = None
    ) -> SectionIndex[MemoryVersions]:
        """The section index of :meth:`replay_of` (every path's versions), built once."""
        return self._index_in(self.position(edition), self._bucket(known_at))

    def chained(self) -> Iterator[Edition]:
        """Every edition, chain by chain, each chain oldest first."""
        for chain in self.chains.values():
            for index in chain:
                yield self.editions[index]

    def latest_before(self, chain: ChainKey, instant: pendulum.DateTime) -> Edition | None:
        """The last edition of ``chain`` that starts before ``instant``, if any."""
        earlier = [
            self.editions[index]
            for index in self.chains.get(chain, ())
            if self.editions[index].start < instant
        ]
        return earlier[-1] if earlier else None

    def track(self, edition: Edition, versions: MemoryVersions, wanted: str | None) -> Track:
        """A candidate path's versions as arrays (everything known), made once."""
        key = (self.position(edition), id(versions), wanted)
        found = self._tracks.get(key)
        if found is None:
            end = micros(edition.end) if edition.end is not None else FOREVER
            found = self._tracks[key] = memory_track(versions, edition.start, end, wanted)
        return found

    def tracks(
        self, headings: Sequence[str], portfolio: str | None, kind: DocumentKind | None
    ) -> list[EditionTracks] | None:
        """See :class:`~prospectus_ledger.engine.tracks.TrackSource`."""
        return memory_tracks(self, headings, portfolio, kind)

    def plans(self) -> Plans:
        """See :class:`~prospectus_ledger.engine.tracks.TrackSource`: kept with the ledger."""
        if self._plans is None:
            self._plans = Plans(self.tracks)
        return self._plans

    def find_sections(
        self,
        when: pendulum.DateTime,
        known_at: pendulum.DateTime | None,
        headings: Sequence[str],
        portfolio: str | None,
        kind: DocumentKind | None,
        when_key: int | None = None,
    ) -> list[tuple[Edition, Located]]:
        """The sections ``headings`` names in force at ``when``: a binary search per path.

        No state is built unless a portfolio scope needs one (to see whether
        the edition covers the portfolio then).
        """
        bucket = self._bucket(known_at)
        found: list[tuple[Edition, Located]] = []
        for position in self.in_force(when, known_at):
            edition = self.editions[position]
            if kind is not None and edition.document.kind != kind:
                continue
            if portfolio is not None and not self._replay_in(position, bucket).covers_at(
                when, portfolio
            ):
                continue
            index = self._index_in(position, bucket)
            for located in index.find(when, headings, portfolio, when_key):
                found.append((edition, located))
        return in_order(found)

    def _bucket(self, known_at: pendulum.DateTime | None) -> int:
        """How many distinct knowledge instants are at or before ``known_at``."""
        if known_at is None:
            return len(self.knowledge)
        return bisect.bisect_right(self.knowledge, known_at)

    def _replay_in(self, index: int, bucket: int) -> Replay:
        """The replay of edition ``index`` with the supplements known in ``bucket``."""
        cached = self._replays.get((index, bucket))
        if cached is None:
            limit = self.knowledge[bucket - 1] if 0 < bucket < len(self.knowledge) else None
            if bucket == 0 and self.knowledge:
                limit = self.knowledge[0].subtract(microseconds=1)
            cached = _replay(self.editions[index], limit)
            self._replays[(index, bucket)] = cached
        return cached

    def states_in_force(
        self, when: pendulum.DateTime, known_at: pendulum.DateTime | None
    ) -> list[tuple[Edition, Document]]:
        """Each edition in force at ``when`` (one per chain), as it reads then."""
        bucket = self._bucket(known_at)
        return [
            (self.editions[index], self._replay_in(index, bucket).state_at(when))
            for index in self.in_force(when, known_at)
        ]

    def later_states(self, edition: Edition) -> Iterator[tuple[pendulum.DateTime, Document]]:
        """Every state of ``edition`` after its base, with the instant it took effect."""
        replay = self._replay_in(self.position(edition), self._bucket(None))
        return zip(replay.instants, itertools.islice(replay.states, 1, None), strict=True)

    def portfolio_names(self) -> list[str]:
        """Every portfolio any edition or supplement names (worked out once)."""
        if self._portfolio_names is None:
            self._portfolio_names = self._collect_portfolio_names()
        return list(self._portfolio_names)

    def _collect_portfolio_names(self) -> list[str]:
        return merged_portfolio_names(self.edition_portfolio_names(e) for e in self.editions)

    def edition_portfolio_names(self, edition: Edition) -> list[str]:
        """The portfolios ``edition``'s states and the supplements routed to it name, each
        once (by its key), in the order met."""
        names: dict[str, str] = {}
        # Renames ("Delaware Value Fund" becomes "Macquarie Value Fund") change the
        # names a state holds, and a state with new names is kept whole; states share
        # their name tuples, so each distinct tuple is read once.
        seen: set[int] = set()
        replay = self._replay_in(self.position(edition), self._bucket(None))
        for state in (edition.document, *replay.states.whole()):
            if id(state.portfolios) in seen:
                continue
            seen.add(id(state.portfolios))
            for name in state.portfolios:
                names.setdefault(heading_key(name), name)
        for step in edition.steps:
            for name in step.supplement.portfolios:
                names.setdefault(heading_key(name), name)
        return list(names.values())

    def portfolio_identifiers(self) -> dict[str, str]:
        """Each series ID, class ID and ticker the editions give, and its portfolio."""
        return identifiers_of(edition.document for edition in self.editions)

    def in_force(self, when: pendulum.DateTime, known_at: pendulum.DateTime | None) -> list[int]:
        """Indices of the editions in force at ``when``, one per chain at most."""
        found: list[int] = []
        for chain in self.chains.values():
            current = None
            for index in chain:
                edition = self.editions[index]
                if edition.start > when:
                    break
                if known_at is None or edition.known_at <= known_at:
                    current = index
            if current is not None:
                found.append(current)
        return found


def _replay(edition: Edition, known_limit: pendulum.DateTime | None) -> Replay:
    state = edition.document
    instants: list[pendulum.DateTime] = []
    states = StateHistory(state)
    outcomes: list[Outcome] = []
    for step in edition.steps:
        if known_limit is not None and step.known_at > known_limit:
            continue
        if edition.end is not None and step.effective >= edition.end:
            reason = (
                f"takes effect after {edition.name} was replaced by a new edition "
                f"on {edition.end.to_date_string()}"
            )
            outcomes.append(Outcome(step, "superseded", reason))
            continue
        note = None
        operation = step.amendment.operation
        if isinstance(operation, _NEEDS_TEXT) and not operation.text:
            reason = "the instruction gives no new text (the copy of the filing may be cut off)"
            outcomes.append(Outcome(step, "failed", reason))
            continue
        try:
            if runs_into_cut(step.supplement, step.amendment):
                state, note = apply_cut_off(step.amendment.operation, state, step.provenance)
            else:
                state = step.amendment.operation.apply(state, provenance=step.provenance)
        except _APPLY_ERRORS as error:
            outcomes.append(Outcome(step, "failed", f"{type(error).__name__}: {error}"))
            continue
        status = "notice" if isinstance(step.amendment.operation, Notice) else "applied"
        outcomes.append(Outcome(step, status, note))
        instants.append(step.effective)
        states.append(state)
    return Replay(tuple(instants), states, tuple(outcomes))
