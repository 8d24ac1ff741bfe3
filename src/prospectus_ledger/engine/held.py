"""The supplements a ledger holds, each identified only when something needs it.

A supplement's identity (:func:`~prospectus_ledger.engine.identity.supplement_identity`,
the SHA-256 of its JSON) tells two supplements apart whatever the order of loading.
Working it out costs more than routing the supplement does, and most of the
time nothing needs it: supplements parsed from filings are already told apart
by the filing they come from (the SHA-256 of its bytes, and its name). So
identities are worked out when two supplements of one filing meet (keeping
one of two the same, or ordering two whose instructions tie otherwise) and for
the ledger's listing, never for the other supplements.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from ..supplement import Supplement
from .identity import supplement_identity

__all__ = ["HeldSupplements", "Identified"]


class Identified:
    """A supplement with its identity, worked out the first time it is asked for or
    compared (an order that ties on everything before it compares identities), and
    kept in ``known`` (by the supplement's ``id()``) for the next time."""

    __slots__ = ("_known", "supplement")

    def __init__(self, supplement: Supplement, known: dict[int, str] | None = None) -> None:
        self.supplement = supplement
        self._known = {} if known is None else known

    @property
    def identity(self) -> str:
        """The supplement's identity."""
        found = self._known.get(id(self.supplement))
        if found is None:
            found = self._known[id(self.supplement)] = supplement_identity(self.supplement)
        return found

    def __repr__(self) -> str:
        return f"Identified({self.supplement.source.name!r})"

    # Compared by identity, so that an order tuple ending with one compares as it
    # did with the identity's string: only when all before it tie.
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Identified):
            return NotImplemented
        return self.supplement is other.supplement or self.identity == other.identity

    def __hash__(self) -> int:
        return hash(self.identity)

    def __lt__(self, other: Identified) -> bool:
        return self.identity < other.identity

    def __le__(self, other: Identified) -> bool:
        return self.identity <= other.identity

    def __gt__(self, other: Identified) -> bool:
        return self.identity > other.identity

    def __ge__(self, other: Identified) -> bool:
        return self.identity >= other.identity


def _filing_of(supplement: Supplement) -> tuple[str, str | None] | None:
    """The filing a supplement comes from, when its bytes' SHA-256 is known."""
    source = supplement.source
    return None if source.sha256 is None else (source.sha256, source.name)


class HeldSupplements:
    """Supplements kept once each (by identity), in the order they came.

    Supplements of one filing share a bucket, and only those meeting in one are
    identified; a supplement whose filing is not known is identified as it comes.
    Adding one makes as few objects as it can: a large load adds many thousands,
    and every object the garbage collector tracks makes its full passes longer.
    """

    def __init__(self, supplements: Iterable[Supplement] | Mapping[str, Supplement] = ()) -> None:
        self._held: list[Supplement] = []
        self._buckets: dict[object, Supplement | list[Supplement]] = {}
        # Identities worked out (or given), by the id() of a supplement held.
        self._known: dict[int, str] = {}
        if isinstance(supplements, Mapping):
            for identity, supplement in supplements.items():
                self._known[id(supplement)] = identity
                self._add(supplement)
        else:
            for supplement in supplements:
                self.add(supplement)

    def add(self, supplement: Supplement) -> bool:
        """Keep ``supplement``; ``False`` when one of the same identity is held."""
        if not self._add(supplement):
            # Not held, so its id() may be reused: forget what was worked out for it.
            self._known.pop(id(supplement), None)
            return False
        return True

    def _identity(self, supplement: Supplement) -> str:
        return Identified(supplement, self._known).identity

    def _add(self, supplement: Supplement) -> bool:
        filing = _filing_of(supplement)
        key: object = self._identity(supplement) if filing is None else filing
        found = self._buckets.get(key)
        if found is None:
            self._buckets[key] = supplement
        elif filing is None:
            # The bucket of a supplement of no known filing is its identity.
            return False
        else:
            # Two of one filing are the same supplement only if their identities are.
            bucket = found if isinstance(found, list) else [found]
            identity = self._identity(supplement)
            if any(held is supplement or self._identity(held) == identity for held in bucket):
                return False
            bucket.append(supplement)
            self._buckets[key] = bucket
        self._held.append(supplement)
        return True

    def __len__(self) -> int:
        return len(self._held)

    def __iter__(self) -> Iterator[Identified]:
        known = self._known
        return (Identified(supplement, known) for supplement in self._held)

    def identities(self) -> dict[str, Supplement]:
        """Every supplement by its identity (identifying all of them)."""
        return {self._identity(supplement): supplement for supplement in self._held}
