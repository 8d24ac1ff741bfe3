"""What a snapshot over a store asks, answered from the store's version tables.

Per generation of the store a handle reads its catalogue once: the editions,
their shapes (header and top-level paths over time) and every section path
with what a lookup matches on, built into the same
:class:`~prospectus_ledger.engine.section_index.SectionIndex` the ledger in memory
uses.  A question then finds its candidate paths in memory and reads one
version row per candidate (an indexed probe on path and instant), and the
texts that row names, each decoded once.  Nothing is replayed, and no text is
read that the answer does not hold.

Another process (or another :class:`~prospectus_ledger.store.Store` object)
may ingest while a handle is open, and an ingest renumbers the editions and
paths.  Every question therefore reads the store's generation first, in the
same read transaction as its answer, and reads the catalogue again when the
generation changed: an old handle answers as a fresh one would.

Every derived row carries a checksum of its values, versions follow each
other without gaps, and the catalogue is read from the tables themselves (not
their indexes, whose damage SQLite's ``quick_check`` does not see): a damaged
store raises :class:`StoreError`, never other text.
"""

from __future__ import annotations

import bisect
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
import pendulum

from .._text import heading_key
from ..engine.compiled import Edition
from ..engine.lookup import in_order
from ..engine.plans import Plans
from ..engine.registrants import identifiers_of
from ..engine.tracks import FOREVER, EditionTracks, Track
from ..errors import StoreError
from ..instants import micros
from ..tree import Document, DocumentKind, Located, Section
from . import _rows as rows
from . import schema
from ._catalogue import Catalogue, EditionRow, Shape, StoredVersions, ints, read_catalogue
from ._values import TextReader

_NEW_YORK = "America/New_York"

# One statement, so one snapshot of the store: the generation it is in (as
# schema.generation reads it) and the version of a path in force at an instant.
_PROBE = (
    "SELECT d.data_version, (SELECT value FROM meta WHERE key = 'generation'), "
    "v.valid_from_us, v.valid_to_us, v.known_from_us, v.section, v.provenance, v.label, "
    "v.place, v.children, v.checksum FROM pragma_data_version AS d LEFT JOIN ("
    "SELECT * FROM versions WHERE path = ? AND valid_from_us <= ? "
    "ORDER BY valid_from_us DESC LIMIT 1) AS v"
)


def _leaf_texts(said: Sequence[Any]) -> tuple[tuple[str, object], ...]:
    """The texts a version row's section is built from, when it is a leaf (a parent's
    children are versioned, and read, on their own): (kind, id) of its heading path,
    own fields and provenance."""
    _, _, _, section, provenance, label, _, children = said
    if section is None or children is not None:
        return ()
    return (("label", label), ("section", section), ("provenance", provenance))


class _StaleError(Exception):
    """A probe saw another generation of the store than the catalogue was read from."""


class StoredStates:
    """A :class:`~prospectus_ledger.engine.StateSource` answered from the store's tables."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._connection = connection
        self._file = str(path)
        # Texts are addressed by content and never change: kept across generations.
        self._texts = TextReader(connection, self._file)
        # Valid for one generation only (an ingest renumbers editions and paths).
        self._generation: schema.Generation | None = None
        self._catalogue = Catalogue()
        self._plans = Plans(self.tracks)
        self._editions: dict[int, Edition] = {}
        self._leaves: dict[tuple[int, int], Section] = {}
        # A section's place as text ("3.5") and as indices, read once per spelling.
        self._places: dict[str, tuple[int, ...]] = {}
        # The last instant asked about, in microseconds: every candidate path of a
        # question is probed at the same instant.
        self._when: tuple[pendulum.DateTime, int] | None = None

    def _damaged(self, problem: str) -> StoreError:
        return StoreError(self._file, f"damaged store: {problem}")

    # -- the catalogue, read once per generation ------------------------------------

    def fresh(self) -> Catalogue:
        """The catalogue of the store as it is now (call inside a read transaction)."""
        now = schema.generation(self._connection)
        if now != self._generation:
            self._editions.clear()
            self._leaves.clear()
            self._catalogue = read_catalogue(self._connection, self._file, self)
            self._plans = Plans(self.tracks)
            self._generation = now
        return self._catalogue

    def plans(self) -> Plans:
        """See :class:`~prospectus_ledger.engine.tracks.TrackSource`: kept while the
        store is of one generation."""
        with schema.guarded(self._file), schema.reading(self._connection):
            self.fresh()
        return self._plans

    def _edition(self, row: EditionRow) -> Edition:
        if row.index not in self._editions:
            edition = rows.edition_from_data(row.data, file=self._file)
            if edition.name != row.name:
                raise self._damaged(
                    f"edition {row.index} is {edition.name!r} by its JSON, "
                    f"but {row.name!r} by its row"
                )
            self._editions[row.index] = edition
        return self._editions[row.index]

    # -- versions, read one row at a time -------------------------------------------

    def micros_of(self, when: pendulum.DateTime) -> int:
        """``when`` in microseconds since 1970, worked out once per question."""
        last = self._when
        if last is None or last[0] is not when:
            last = self._when = (when, micros(when))
        return last[1]

    def located_at(self, path: StoredVersions, at: int) -> Located | None:
        """The version of ``path`` in force at ``at`` (microseconds), or ``None``."""
        data_version, generation, *row = self._connection.execute(
            _PROBE, (path.number, at)
        ).fetchone()
        if (data_version, str(generation) if generation is not None else "0") != self._generation:
            raise _StaleError
        if row[0] is None:
            if at >= path.first_us:
                raise self._damaged(f"path {path.number} has no version at {at} (microseconds)")
            return None
        *said, check = row
        if rows.checksum(path.number, *said) != check:
            raise self._damaged(f"a version of path {path.number} does not match its checksum")
        if said[1] is not None and said[1] <= at:
            raise self._damaged(f"path {path.number} has a gap between its versions at {at}")
        return self._located(path, said, at)

    def _located(self, path: StoredVersions, said: Sequence[Any], at: int) -> Located | None:
        """A version row's section as it reads at ``at`` (its children then)."""
        start_us, _, _, section, provenance, label, place, children = said
        if section is None:
            return None
        if (
            children is None
            and (path.number, start_us) not in self._leaves
            and not self._texts.holds("section", section)
        ):
            # A leaf not yet built, whose texts no batch read ahead: in two queries,
            # not one per text.
            self._texts.prefetch(_leaf_texts(said))
        headings, portfolio = self._texts.label(label)
        indices = self._places.get(place)
        if indices is None:
            indices = tuple(int(part) for part in str(place).split("."))
            if len(self._places) >= 1 << 16:
                self._places.clear()
            self._places[str(place)] = indices
        return Located(
            indices,
            self._section(path, start_us, section, provenance, children, at),
            headings,
            portfolio,
        )

    def _track(self, path: StoredVersions, end_us: int | None, wanted: str | None) -> Track | None:
        """Every version of ``path`` as arrays (``None`` for a path with children, whose
        text changes within a version as its children change)."""
        import numpy as np  # imported when many questions are asked, not on import

        found = self._connection.execute(
            "SELECT valid_from_us, valid_to_us, known_from_us, section, provenance, label, "
            "place, children, checksum FROM versions WHERE path = ? ORDER BY valid_from_us",
            (path.number,),
        ).fetchall()
        said = []
        for row in found:
            *values, check = row
            if rows.checksum(path.number, *values) != check:
                raise self._damaged(f"a version of path {path.number} does not match its checksum")
            if values[7] is not None:
                return None
            said.append(values)
        starts = [values[0] for values in said]
        ends = [values[1] for values in said]
        if not said or starts[0] != path.first_us or ends[:-1] != starts[1:] or ends[-1] != end_us:
            raise self._damaged(f"the versions of path {path.number} do not follow each other")
        labels = [
            self._texts.label(values[5]) if values[3] is not None else None for values in said
        ]
        owners = [
            heading_key(label[1]) if label is not None and label[1] is not None else None
            for label in labels
        ]

        def located(position: int) -> Located:
            values = said[position]
            answer = self._located(path, values, values[0])
            assert answer is not None  # only present versions are asked for
            return answer

        def prepare(positions: Sequence[int]) -> None:
            self._texts.prefetch(need for p in positions for need in _leaf_texts(said[p]))

        return Track(
            np.array(starts, dtype=np.int64),
            np.array([FOREVER if end is None else end for end in ends], dtype=np.int64),
            np.array([values[3] is not None for values in said], dtype=bool),
            np.array([owner is not None and owner == wanted for owner in owners], dtype=bool),
            np.array([label is not None and label[1] is None for label in labels], dtype=bool),
            located,
            prepare,
        )

    def tracks(
        self, headings: Sequence[str], portfolio: str | None, kind: DocumentKind | None
    ) -> list[EditionTracks] | None:
        """See :class:`~prospectus_ledger.engine.tracks.TrackSource`: read from the version rows
        of the candidate paths, in one read transaction; ``None`` when a candidate has
        children."""
        import numpy as np  # imported when many questions are asked, not on import

        wanted = heading_key(portfolio) if portfolio is not None else None
        found: list[EditionTracks] = []
        with schema.guarded(self._file), schema.reading(self._connection):
            catalogue = self.fresh()
            for row in catalogue.editions:
                edition = self._edition(row)
                if kind is not None and edition.document.kind != kind:
                    continue
                candidates = catalogue.indexes[row.index].candidates(headings, portfolio)
                if not candidates:
                    continue
                tracks = []
                for path in candidates:
                    track = self._track(path, row.end_us, wanted)
                    if track is None:
                        return None
                    tracks.append(track)
                covered = None
                if wanted is not None:
                    shapes = [s for s in catalogue.shapes[row.index] if wanted in s.covered]
                    covered = (
                        np.array([s.start_us for s in shapes], dtype=np.int64),
                        np.array(
                            [FOREVER if s.end_us is None else s.end_us for s in shapes],
                            dtype=np.int64,
                        ),
                    )
                end = FOREVER if row.end_us is None else row.end_us
                found.append(EditionTracks(edition, row.start_us, end, tuple(tracks), covered))
        return found

    def _section(
        self,
        path: StoredVersions,
        start_us: int,
        own: object,
        provenance: object,
        children: object,
        at: int,
    ) -> Section:
        if children is None:
            # A section without children is the same object for all of its version.
            found = self._leaves.get((path.number, start_us))
            if found is None:
                if len(self._leaves) >= 1 << 16:
                    self._leaves.clear()
                found = self._texts.own(own).section((), self._texts.provenance(provenance))
                self._leaves[(path.number, start_us)] = found
            return found
        kids = []
        for number in ints(children):
            child = self._catalogue.paths.get(number)
            located = self.located_at(child, at) if child is not None else None
            if located is None:
                raise self._damaged(f"path {path.number} names child {number}, absent at {at}")
            kids.append(located.section)
        return self._texts.own(own).section(tuple(kids), self._texts.provenance(provenance))

    # -- the questions a snapshot asks ----------------------------------------------

    def _in_force(self, at: int) -> Iterator[EditionRow]:
        for row in self._catalogue.editions:
            if row.start_us <= at and (row.end_us is None or at < row.end_us):
                yield row

    def _shape(self, row: EditionRow, at: int) -> Shape:
        shapes = self._catalogue.shapes[row.index]
        position = bisect.bisect_right([shape.start_us for shape in shapes], at) - 1
        if position < 0:
            raise self._damaged(f"edition {row.index} has no shape at {at}")
        return shapes[position]

    def _document(self, row: EditionRow, at: int) -> Document:
        shape = self._shape(row, at)
        header = self._texts.header(shape.header)
        if shape.start_us == row.start_us and header != self._edition(row).document:
            # The first shape's header and the edition's document are one document twice.
            raise self._damaged(
                f"the first state of edition {row.index} should read as the edition's "
                "document, but its header differs"
            )
        sections = []
        for number in shape.tops:
            path = self._catalogue.paths.get(number)
            located = self.located_at(path, at) if path is not None else None
            if located is None:
                raise self._damaged(f"edition {row.index} names top path {number}, absent at {at}")
            sections.append(located.section)
        return attrs.evolve(header, sections=tuple(sections))

    def states_in_force(
        self, when: pendulum.DateTime, known_at: pendulum.DateTime | None
    ) -> list[tuple[Edition, Document]]:
        """Each edition in force at ``when``, as it reads then (everything known)."""
        at = micros(when)
        with schema.guarded(self._file), schema.reading(self._connection):
            self.fresh()
            return [(self._edition(row), self._document(row, at)) for row in self._in_force(at)]

    def later_states(self, edition: Edition) -> Iterator[tuple[pendulum.DateTime, Document]]:
        """Every state of ``edition`` after its base, with the instant it took effect."""
        with schema.guarded(self._file), schema.reading(self._connection):
            catalogue = self.fresh()
            row = next((r for r in catalogue.editions if self._edition(r).key == edition.key), None)
            if row is None:
                return iter(())
            instants = {shape.start_us for shape in catalogue.shapes[row.index]}
            # Every instant a path of the edition changed at, in one query.
            instants.update(
                at
                for (at,) in self._connection.execute(
                    "SELECT DISTINCT v.valid_from_us FROM versions AS v JOIN paths AS p "
                    "ON p.id = v.path WHERE p.edition = ?",
                    (row.index,),
                )
            )
            found = [
                (_instant(at), self._document(row, at))
                for at in sorted(instants)
                if at > row.start_us
            ]
        return iter(found)

    def find_sections(
        self,
        when: pendulum.DateTime,
        known_at: pendulum.DateTime | None,
        headings: Sequence[str],
        portfolio: str | None,
        kind: DocumentKind | None,
        when_key: int | None = None,
    ) -> list[tuple[Edition, Located]]:
        """The sections ``headings`` names at ``when``: a probe per candidate path."""
        at = self.micros_of(when)
        with schema.guarded(self._file):
            if self._generation is not None:
                # Most questions: the catalogue read before, and each probe checks
                # that the store is still of its generation.
                try:
                    return self._find(at, when, headings, portfolio, kind)
                except _StaleError:
                    pass
            with schema.reading(self._connection):
                self.fresh()
                return self._find(at, when, headings, portfolio, kind)

    def _find(
        self,
        at: int,
        when: pendulum.DateTime,
        headings: Sequence[str],
        portfolio: str | None,
        kind: DocumentKind | None,
    ) -> list[tuple[Edition, Located]]:
        catalogue = self._catalogue
        wanted = heading_key(portfolio) if portfolio is not None else None
        found: list[tuple[Edition, Located]] = []
        for row in self._in_force(at):
            edition = self._edition(row)
            if kind is not None and edition.document.kind != kind:
                continue
            if wanted is not None and wanted not in self._shape(row, at).covered:
                continue
            for located in catalogue.indexes[row.index].find(when, headings, portfolio):
                found.append((edition, located))
        return in_order(found)

    def portfolio_identifiers(self) -> dict[str, str]:
        """Each series ID, class ID and ticker the stored editions give, and its portfolio."""
        with schema.guarded(self._file), schema.reading(self._connection):
            catalogue = self.fresh()
            return identifiers_of(self._edition(row).document for row in catalogue.editions)

    def portfolio_names(self) -> list[str]:
        """Every portfolio any edition or supplement names."""
        with schema.guarded(self._file), schema.reading(self._connection):
            row = self._connection.execute(
                "SELECT value FROM meta WHERE key = 'portfolios'"
            ).fetchone()
            return rows.parse_json_list(row[0]) if row else []


def _instant(at: int) -> pendulum.DateTime:
    seconds, micro = divmod(at, 1_000_000)
    return pendulum.from_timestamp(seconds, tz=_NEW_YORK).add(microseconds=micro)
