"""Compiling a ledger: editions keyed and chained, amendments routed to them.

:func:`compile_ledger` turns the documents and supplements a ledger holds into
a :class:`~prospectus_ledger.engine.compiled.Compiled`: base documents (or placeholders
for editions only supplements name) keyed by (registrant, kind, date), chained
by date, and each amendment routed to the edition it names in the order
(effective instant, supplement date, filing, position in the filing).
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs
import pendulum

from .._text import heading_key
from ..instants import start_of_day
from ..operations import Notice
from ..provenance import Provenance
from ..supplement import Amendment, DocumentRef, Supplement
from ..tree import Document, DocumentKind
from .compiled import (
    ChainKey,
    Compiled,
    Edition,
    EditionKey,
    Step,
    Unrouted,
    amendment_order,
    document_identity,
    earliest_date,
    edition_part,
)
from .held import HeldSupplements, Identified
from .identity import documents_in_order
from .registrants import document_registrant, registrant_aliases, registrant_key


@attrs.define
class _Builder:
    """Collects editions and routes amendments; used once by :func:`compile_ledger`."""

    documents: dict[EditionKey, Document] = attrs.field(factory=dict)
    placeholders: dict[EditionKey, Document] = attrs.field(factory=dict)
    steps: dict[EditionKey, list[Step]] = attrs.field(factory=lambda: defaultdict(list))
    unrouted: list[Unrouted] = attrs.field(factory=list)
    duplicates: list[tuple[Document, Document]] = attrs.field(factory=list)
    names: dict[EditionKey, str] = attrs.field(factory=dict)
    aliases: Mapping[str, str] = attrs.field(factory=dict)
    # Worked out as editions are added, rather than from every edition held for
    # each amendment: the editions of each kind and date (in _order), of each
    # kind (by date), the registrants, and each edition's portfolios (as keys).
    dated: dict[tuple[DocumentKind, pendulum.Date | None], list[EditionKey]] = attrs.field(
        factory=dict
    )
    kinds: dict[DocumentKind, list[EditionKey]] = attrs.field(factory=dict)
    registrants: set[str | None] = attrs.field(factory=set)
    portfolio_keys: dict[EditionKey, tuple[Document, frozenset[str]]] = attrs.field(factory=dict)

    def add_base(self, document: Document) -> None:
        """Add a base edition; bases come in the order of their identities."""
        key = EditionKey(
            document_registrant(document, self.aliases),
            document.kind,
            document.date,
            edition_part(document),
        )
        existing = self.documents.get(key)
        if existing is None:
            self._hold(key)
            self.documents[key] = document
            return
        # Of two bases of one edition the one of the lower identity is kept: the
        # one added first.
        self.duplicates.append((existing, document))

    def _hold(self, key: EditionKey) -> None:
        """Index an edition about to be added (a base or a placeholder)."""
        same = self.dated.setdefault((key.kind, key.date), [])
        if key in same:
            return
        # After the keys that sort equal, as appending and a (stable) sort would.
        bisect.insort(same, key, key=_order)
        bisect.insort(self.kinds.setdefault(key.kind, []), key, key=_date_order)
        self.registrants.add(key.registrant)

    def _keys_for(self, kind: DocumentKind, date: pendulum.Date | None) -> list[EditionKey]:
        return list(self.dated.get((kind, date), ()))

    def resolve(
        self,
        supplement: Supplement,
        named: frozenset[str],
        ref: DocumentRef,
        effective: pendulum.DateTime,
    ) -> tuple[list[EditionKey], str | None]:
        """The editions a reference names (a placeholder is created when none is held),
        or none and the reason."""
        name = registrant_key(supplement.registrant)
        reg = self.aliases.get(name, name) if name is not None else None
        date = ref.date
        if date is None:
            # "the current Statutory Prospectus": the edition in force when the
            # instruction takes effect, in each chain.
            when = effective.date()
            latest: dict[ChainKey, EditionKey] = {}
            for key in self.kinds.get(ref.kind, ()):
                if key.date is not None and key.date <= when:
                    latest[key.chain] = key
            held = self._same_registrant(sorted(latest.values(), key=_order), reg, named)
            if not held:
                return (
                    [],
                    f"the supplement amends the current {ref.kind.title} without dating it, "
                    f"and the ledger holds no edition of it in force on {when.isoformat()}",
                )
            return self._select(held, named), None
        same = self._same_registrant(self._keys_for(ref.kind, date), reg, named)
        if not same:
            key = EditionKey(reg, ref.kind, date)
            if key not in self.placeholders:
                self._hold(key)
                self.placeholders[key] = Document(
                    ref.kind, supplement.registrant, date, portfolios=(), complete=False
                )
            same = [key]
        chosen = self._select(same, named)
        for key in chosen:
            placeholder = self.placeholders.get(key)
            if placeholder is not None and key not in self.documents:
                names = sorted({*placeholder.portfolios, *supplement.portfolios})
                if tuple(names) != placeholder.portfolios:
                    self.placeholders[key] = attrs.evolve(placeholder, portfolios=tuple(names))
        return chosen, None

    def _select(self, keys: list[EditionKey], named: frozenset[str]) -> list[EditionKey]:
        """Of the editions a reference may name, the first registrant's; of its summary
        prospectuses (one per fund), those of the funds the supplement names, else all."""
        mine = [key for key in keys if key.registrant == keys[0].registrant]
        if len(mine) == 1:
            return mine
        covering = [key for key in mine if self._covers(key, named)]
        return covering or mine

    def _covers(self, key: EditionKey, named: frozenset[str]) -> bool:
        """Whether the edition's document covers a portfolio of ``named`` (as keys)."""
        document = self.documents.get(key) or self.placeholders.get(key)
        if document is None:
            return False
        known = self.portfolio_keys.get(key)
        # A placeholder's document grows with the portfolios supplements name.
        if known is None or known[0] is not document:
            known = (document, frozenset(heading_key(name) for name in document.portfolios))
            self.portfolio_keys[key] = known
        return not named.isdisjoint(known[1])

    def _same_registrant(
        self, keys: list[EditionKey], reg: str | None, named: frozenset[str]
    ) -> list[EditionKey]:
        """The editions among ``keys`` that a supplement from ``reg`` can amend.

        Its own registrant's first; else (complex-wide supplements that name no
        registrant, or list several) the editions that cover a portfolio it
        names; else, when it names no registrant, editions of a single registrant.
        """
        if reg is not None:
            own = [key for key in keys if key.registrant == reg]
            if own:
                return own
        covering = [key for key in keys if self._covers(key, named)]
        if covering:
            return covering
        # Complex-wide supplements name a brand ("Delaware Funds by Macquarie")
        # or nothing: with one registrant holding such editions, they are its.
        unknown = reg is None or reg not in self.registrants
        if unknown and len({key.registrant for key in keys}) == 1:
            return list(keys)
        return []

    def edition_name(self, key: EditionKey) -> str:
        """The edition's name, built once (every step's provenance shares it)."""
        name = self.names.get(key)
        if name is None:
            document = self.documents.get(key) or self.placeholders[key]
            name = self.names[key] = document.edition
        return name

    def route(self, held: Identified) -> None:
        """Route each amendment of a supplement to the editions it amends."""
        supplement = held.supplement
        # The portfolios it names, as keys: what tells which edition covers it.
        names = [*supplement.portfolios, *(s.name for s in supplement.series if s.name)]
        named = frozenset(heading_key(name) for name in names)
        known_at = supplement.known_at
        for amendment in supplement.amendments:
            self._route_one(supplement, held, amendment, named, known_at)

    def _route_one(
        self,
        supplement: Supplement,
        identity: Identified,
        amendment: Amendment,
        named: frozenset[str],
        supplement_known_at: pendulum.DateTime | None,
    ) -> None:
        refs = list(supplement.documents)
        if amendment.document is not None:
            refs = [ref for ref in refs if ref.kind == amendment.document]
            if not refs:
                refs = [DocumentRef(amendment.document, None)]
        if isinstance(amendment.operation, Notice) and refs:
            refs = refs[:1]
        if not refs:
            self._unrouted(
                supplement, identity, amendment, "the supplement names no document it amends"
            )
            return
        effective = amendment.effective
        if effective is None and (supplement.supplement_date or supplement.source.filed):
            # No stated time: the supplement's date, or its filing date when the
            # filing's own date line is missing (DESIGN: "Time").
            effective = start_of_day(supplement.supplement_date or supplement.source.filed)  # type: ignore[arg-type]
        if effective is None:
            self._unrouted(
                supplement,
                identity,
                amendment,
                "no effective time: neither the instruction nor the supplement gives a date",
            )
            return
        known_at = supplement_known_at or effective
        for ref in refs:
            keys, reason = self.resolve(supplement, named, ref, effective)
            if not keys:
                self._unrouted(supplement, identity, amendment, reason or "no edition")
            for key in keys:
                self._step(supplement, identity, amendment, key, effective, known_at)

    def _step(
        self,
        supplement: Supplement,
        identity: Identified,
        amendment: Amendment,
        key: EditionKey,
        effective: pendulum.DateTime,
        known_at: pendulum.DateTime,
    ) -> None:
        provenance = Provenance(
            source=supplement.source,
            words=amendment.words,
            effective=effective,
            known_at=known_at,
            edition=self.edition_name(key),
            illustrative=False,
        )
        order = amendment_order(effective, supplement, amendment, identity)
        self.steps[key].append(Step(order, supplement, amendment, effective, known_at, provenance))

    def _unrouted(
        self, supplement: Supplement, identity: Identified, amendment: Amendment, reason: str
    ) -> None:
        # Placed in the timeline by the instruction's own time, if it gives one.
        order = amendment_order(amendment.effective, supplement, amendment, identity)
        self.unrouted.append(Unrouted(supplement, amendment, reason, order))


def _chain_of(key: EditionKey, builder: _Builder) -> ChainKey:
    """The chain an edition belongs to.  An edition only supplements name (a
    placeholder) has no funds of its own: it joins the one chain of its registrant's
    summary prospectuses that holds a fund it names, when there is one."""
    if key in builder.documents or key.kind is not DocumentKind.SUMMARY_PROSPECTUS:
        return key.chain
    placeholder = builder.placeholders[key]
    names = {heading_key(name) for name in placeholder.portfolios}
    parts = {
        held.part
        for held in builder.documents
        if held.registrant == key.registrant and held.kind is key.kind and names & set(held.part)
    }
    return (key.registrant, key.kind, parts.pop()) if len(parts) == 1 else key.chain


def _order(key: EditionKey) -> tuple[str, tuple[str, ...]]:
    return key.registrant or "", key.part


_EARLIEST_DATE = earliest_date()


def _date_order(key: EditionKey) -> pendulum.Date:
    return key.date or _EARLIEST_DATE


def _edition_known_at(document: Document, start: pendulum.DateTime) -> pendulum.DateTime:
    if document.source is not None and document.source.filed is not None:
        return start_of_day(document.source.filed)
    return start


def _find_conflicts(steps: Sequence[Step]) -> list[tuple[Step, Step]]:
    """Pairs of steps from different supplements acting on one target at one instant."""
    by_slot: dict[tuple[object, ...], list[Step]] = defaultdict(list)
    for step in steps:
        target = step.amendment.target
        if target is None or isinstance(step.amendment.operation, Notice):
            continue
        # The same heading in two portfolios' parts is two different sections.
        portfolio = heading_key(target.portfolio) if target.portfolio else ""
        path = tuple(heading_key(part) for part in target.path)
        by_slot[(step.effective, portfolio, path)].append(step)
    conflicts: list[tuple[Step, Step]] = []
    for group in by_slot.values():
        for first, second in itertools.pairwise(group):
            same_supplement = first.supplement is second.supplement
            if not same_supplement and first.amendment.operation != second.amendment.operation:
                conflicts.append((first, second))
    return conflicts


def compile_ledger(
    documents: Mapping[str, Document] | Iterable[Document],
    supplements: HeldSupplements | Mapping[str, Supplement] | Iterable[Supplement],
) -> Compiled:
    """Build the compiled form from a ledger's contents (order of the inputs is irrelevant).

    ``documents`` and ``supplements`` may map each one's identity to it (a
    ledger already knows them), to save hashing each again; supplements may be
    the :class:`~prospectus_ledger.engine.held.HeldSupplements` a ledger keeps.
    """
    held = supplements if isinstance(supplements, HeldSupplements) else HeldSupplements(supplements)
    with _collector_paused():
        return _compile(_documents_in_order(documents), held)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while compiling.

    Compiling makes a few objects per amendment (steps, provenance, orders) and
    frees none: the collections their number sets off would look at everything
    young, again and again, and find nothing to free (a large ledger spent more
    than half of its compile in them).  Reference counting still frees what it
    can; the collector runs again afterwards.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _documents_in_order(
    documents: Mapping[str, Document] | Iterable[Document],
) -> tuple[Document, ...]:
    """Base documents in the order of their identities (of two bases of one edition, the
    first is kept)."""
    if not isinstance(documents, Mapping):
        documents = {document_identity(document): document for document in documents}
    return documents_in_order(documents)


def _route_order(held: Identified) -> tuple[object, ...]:
    """The order supplements are routed in: those that name their registrant first, so
    that unnamed ones can join an edition a named one (or a base) already
    established; each group by date, then filing; identities settle the rest."""
    supplement = held.supplement
    return (
        supplement.registrant is None,
        supplement.supplement_date or earliest_date(),
        supplement.source.sha256 or "",
        supplement.source.name or "",
        held,
    )


def _compile(documents: Sequence[Document], held: HeldSupplements) -> Compiled:
    builder = _Builder(aliases=registrant_aliases(documents))
    for document in documents:
        builder.add_base(document)
    routed = sorted(held, key=_route_order)
    for supplement in routed:
        builder.route(supplement)

    all_keys = sorted(
        {*builder.documents, *builder.placeholders},
        key=lambda key: (*_order(key), key.kind.value, key.date or earliest_date()),
    )
    chains: dict[ChainKey, list[EditionKey]] = defaultdict(list)
    for key in all_keys:
        chains[_chain_of(key, builder)].append(key)
    for keys in chains.values():
        keys.sort(key=lambda key: key.date or earliest_date())

    editions: list[Edition] = []
    chain_indices: dict[ChainKey, tuple[int, ...]] = {}
    conflicts: list[tuple[Step, Step]] = []
    for chain_key, keys in chains.items():
        indices: list[int] = []
        for position, key in enumerate(keys):
            document = builder.documents.get(key) or builder.placeholders[key]
            start = start_of_day(key.date) if key.date else start_of_day(earliest_date())
            following = keys[position + 1] if position + 1 < len(keys) else None
            end = start_of_day(following.date) if following and following.date else None
            steps = tuple(sorted(builder.steps.get(key, ()), key=lambda step: step.order))
            conflicts.extend(_find_conflicts(steps))
            indices.append(len(editions))
            editions.append(
                Edition(key, document, start, _edition_known_at(document, start), end, steps)
            )
        chain_indices[chain_key] = tuple(indices)

    knowledge = sorted({step.known_at for edition in editions for step in edition.steps})
    return Compiled(
        editions=tuple(editions),
        chains=chain_indices,
        unrouted=tuple(builder.unrouted),
        conflicts=tuple(conflicts),
        duplicates=tuple(builder.duplicates),
        knowledge=tuple(knowledge),
        aliases=builder.aliases,
        diagnosed=tuple(h.supplement for h in routed if h.supplement.diagnostics),
    )
