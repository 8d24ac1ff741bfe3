"""What the documents said at one instant: snapshots and section views."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import attrs
import pendulum

from ._text import closest, heading_key, split_heading_path
from .engine.compiled import Edition, StateSource
from .engine.lookup import in_scope
from .errors import (
    AmbiguousSectionError,
    EditionNotFoundError,
    NoTextKnownError,
    SectionNotFoundError,
    UnknownScopeError,
)
from .instants import new_york_key
from .provenance import Provenance
from .tree import (
    Block,
    Document,
    DocumentKind,
    Located,
    Section,
    describe_location,
    find_sections,
    walk,
)

__all__ = ["SectionView", "Sections", "Snapshot"]

PathLike = str | Sequence[str]


def _same_edition(first: Edition, second: Edition) -> bool:
    return first.key == second.key


# What a view shows of itself, in the order its documentation lists.
_VIEW_ATTRIBUTES = (
    "section", "path", "document", "edition", "registrant", "portfolio", "provenance", "as_of",
)  # fmt: skip


@attrs.frozen(repr=False)
class SectionView:
    """A section as it read at one instant, with where it came from.

    Obtain one from :meth:`Snapshot.section` or :meth:`Snapshot.sections`.

    Attributes:
        section: the section value (heading, blocks, children).
        path: the headings from the document's top level down to this one.
        document: the kind of document it belongs to.
        edition: the edition's name, e.g. "prospectus of ... dated 2007-04-30".
        registrant: the registrant of the document.
        portfolio: the portfolio whose part holds it, ``None`` if shared.
        provenance: the filing, instruction, effective instant and known-at
            of its current text; ``None`` for a placeholder whose own text is
            unknown.
        as_of: the instant the view answers for.
    """

    # A view is made on every query, so it holds only what it was found
    # from and works the rest out when asked.
    _located: Located = attrs.field(alias="located")
    _in_edition: Edition = attrs.field(
        alias="in_edition", eq=attrs.cmp_using(eq=_same_edition), hash=False
    )
    as_of: pendulum.DateTime

    @property
    def section(self) -> Section:
        """The section value (heading, blocks, children)."""
        return self._located.section

    @property
    def path(self) -> tuple[str, ...]:
        """The headings from the document's top level down to this one."""
        return self._located.headings

    @property
    def portfolio(self) -> str | None:
        """The portfolio whose part holds the section, ``None`` if shared."""
        return self._located.portfolio

    @property
    def document(self) -> DocumentKind:
        """The kind of document the section belongs to."""
        return self._in_edition.document.kind

    @property
    def edition(self) -> str:
        """The edition's name, e.g. "prospectus of ... dated 2007-04-30"."""
        return self._in_edition.name

    @property
    def registrant(self) -> str | None:
        """The registrant of the document."""
        return self._in_edition.document.registrant

    @property
    def provenance(self) -> Provenance | None:
        """The filing, instruction, effective instant and known-at of the section's
        current text; ``None`` for a placeholder whose own text is unknown."""
        section = self._located.section
        if section.provenance is None and not section.placeholder:
            return self._in_edition.base_provenance
        return section.provenance

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in _VIEW_ATTRIBUTES)
        return f"SectionView({fields})"

    @property
    def heading(self) -> str:
        """The heading as printed."""
        return self.section.heading

    @property
    def text(self) -> str:
        """Plain text under the heading, sub-sections included."""
        return self.section.text

    @property
    def blocks(self) -> tuple[Block, ...]:
        """The section's own body blocks (paragraphs, bullet lists, tables)."""
        return self.section.blocks

    @property
    def children(self) -> tuple[Section, ...]:
        """The sub-sections."""
        return self.section.children

    @property
    def partial(self) -> bool:
        """``True`` when only part of the section is known (no base loaded)."""
        return self.section.placeholder

    def __str__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        """HTML for Jupyter (see :mod:`prospectus_ledger.render`)."""
        from .render._views import section_html

        return section_html(self)

    def _repr_markdown_(self) -> str:
        """Markdown for Jupyter (see :mod:`prospectus_ledger.render`)."""
        from .render._views import section_markdown

        return section_markdown(self)


def _view(edition: Edition, located: Located, when: pendulum.DateTime) -> SectionView:
    return SectionView(located=located, in_edition=edition, as_of=when)


def resolve_portfolio(source: StateSource, name: str) -> str:
    """The portfolio ``name`` means: a portfolio's name, or an identifier of one.

    Raises:
        UnknownScopeError: when it is neither.
    """
    known = source.portfolio_names()
    if heading_key(name) in {heading_key(k) for k in known}:
        return name
    found = source.portfolio_identifiers().get(name.strip().upper())
    if found is not None:
        return found
    raise UnknownScopeError("portfolio", name, known)


class Sections(list[SectionView]):
    """The sections of a snapshot (:meth:`Snapshot.sections`): a list, with a DataFrame."""

    def to_dataframe(self) -> Any:
        """One row per section: path, document, edition, portfolio, provenance, text
        (pandas, from the ``notebook`` extra)."""
        from .render._frames import sections_frame

        return sections_frame(self)


@attrs.frozen
class Snapshot:
    """The documents in force at one instant, as known at another.

    Obtain one from :meth:`prospectus_ledger.Ledger.as_of`.  A snapshot never
    changes, even when its ledger later loads more filings.  Narrow it with
    :meth:`portfolio` and :meth:`document`; scopes combine.

    Attributes:
        when: the instant the snapshot answers for (New York).
        known_at: only supplements known by then are applied; ``None`` for all.
        portfolio_scope: the portfolio the queries are limited to, if any.
        document_scope: the document kind the queries are limited to, if any.
    """

    _source: StateSource = attrs.field(repr=False, alias="source")
    when: pendulum.DateTime
    known_at: pendulum.DateTime | None = None
    portfolio_scope: str | None = None
    document_scope: DocumentKind | None = None
    # ``when`` as the section index searches it; the ledger reads it with the
    # day, other callers leave it to be worked out here.
    _when_key: int | None = attrs.field(alias="_when_key", eq=False, repr=False)

    @_when_key.default
    def _key_of_when(self) -> int | None:
        return new_york_key(self.when)

    def _editions(self) -> list[tuple[Edition, Document]]:
        return in_scope(
            self._source.states_in_force(self.when, self.known_at),
            self.portfolio_scope,
            self.document_scope,
        )

    def documents(self) -> list[Document]:
        """The documents in force (within the scopes), as they read at :attr:`when`."""
        return [state for _, state in self._editions()]

    def portfolio(self, name: str) -> Snapshot:
        """The same snapshot limited to one portfolio (and the parts documents share):
        ``name`` is its name, or a series ID ("S000002391"), a class ID ("C000006333")
        or a ticker ("DDVAX") the editions give for it.

        Raises:
            UnknownScopeError: when no document in the ledger covers ``name``.
        """
        return attrs.evolve(self, portfolio_scope=resolve_portfolio(self._source, name))

    def scoped(
        self, *, portfolio: str | None = None, document: DocumentKind | str | None = None
    ) -> Snapshot:
        """:meth:`portfolio` and :meth:`document` together, each only when given.

        Raises:
            UnknownScopeError: as they do.
        """
        snapshot = self.portfolio(portfolio) if portfolio else self
        return snapshot.document(document) if document else snapshot

    def document(self, kind: DocumentKind | str) -> Snapshot:
        """The same snapshot limited to one document kind ("prospectus", "sai", ...).

        Raises:
            UnknownScopeError: when ``kind`` is not a document kind.
        """
        try:
            parsed = DocumentKind.parse(kind)
        except ValueError as error:
            raise UnknownScopeError(
                "document", str(kind), [k.value for k in DocumentKind]
            ) from error
        return attrs.evolve(self, document_scope=parsed)

    def _scope_text(self, default: str = "the documents in force") -> str:
        parts = []
        if self.document_scope is not None:
            parts.append(f"the {self.document_scope.title}")
        if self.portfolio_scope is not None:
            parts.append(f"portfolio {self.portfolio_scope!r}")
        scope = ", ".join(parts) or default
        if self.known_at is not None:
            known = f"applying what was known at {self.known_at.isoformat()}"
            scope = f"{scope}, {known}" if scope else known
        return scope

    def section(self, path: PathLike) -> SectionView:
        """The section a heading path names, as it read at :attr:`when`.

        ``path`` is a string ("MANAGEMENT -- The Advisers -- Dreman Value
        Management, LLC"; any dash separator) or a tuple of headings, outermost
        first; levels in between may be left out.  Headings match without
        regard to case, white space, quotes and dashes.

        Raises:
            SectionNotFoundError: nothing matches; names the closest headings.
            NoTextKnownError: the section's text becomes known only later
                (no base loaded and no supplement had yet given it).
            AmbiguousSectionError: several sections match; scope the query.
            EditionNotFoundError: no edition of any document is in force.
        """
        headings = _split_path(path)
        if not headings:
            raise SectionNotFoundError(("",), when=self.when.isoformat(), scope=self._scope_text())
        matches = self._find(headings)
        if not matches and isinstance(path, str) and len(headings) > 1:
            # A heading may itself contain a dash ("Section 1 - Portfolio Summaries").
            matches = self._find((path,))
        if len(matches) == 1:
            edition, located = matches[0]
            return _view(edition, located, self.when)
        if matches:
            raise AmbiguousSectionError(
                headings, [describe_location(e.document, located) for e, located in matches]
            )
        editions = self._editions()
        if not editions:
            raise EditionNotFoundError(self.when.isoformat(), self._scope_text(default=""))
        raise self._miss(editions, headings)

    def _find(self, headings: tuple[str, ...]) -> list[tuple[Edition, Located]]:
        return self._source.find_sections(
            self.when,
            self.known_at,
            headings,
            self.portfolio_scope,
            self.document_scope,
            self._when_key,
        )

    def _miss(
        self, editions: list[tuple[Edition, Document]], headings: tuple[str, ...]
    ) -> SectionNotFoundError:
        """The most helpful error for a path that matches nothing now."""
        for edition, _ in editions:
            if edition.document.complete:
                continue
            for instant, state in self._source.later_states(edition):
                if instant <= self.when and self.known_at is None:
                    continue
                if find_sections(state, headings, portfolio=self.portfolio_scope):
                    detail = (
                        f"{edition.name} is known only from supplements (no base loaded), "
                        "and none had given this section's text yet"
                    )
                    if instant <= self.when:
                        detail = (
                            f"its text, effective {instant.isoformat()}, was not yet known "
                            f"at {self.known_at.isoformat() if self.known_at else 'that time'}"
                        )
                    return NoTextKnownError(
                        headings,
                        when=self.when.isoformat(),
                        first_known=instant.isoformat(),
                        scope=self._scope_text(default=""),
                        detail=detail,
                    )
        existing = [
            located.section.heading for _, state in editions for located in walk(state.sections)
        ]
        bases = [edition.name for edition, _ in editions if not edition.document.complete]
        missing_base = "no base text loaded for " + "; ".join(bases) if bases else None
        return SectionNotFoundError(
            headings,
            when=self.when.isoformat(),
            scope=self._scope_text(),
            closest=closest(headings[-1], existing),
            detail=missing_base,
        )

    def sections(self) -> Sections:
        """Every section in force within the scopes, in document order (a list;
        ``.to_dataframe()`` gives a DataFrame)."""
        views = Sections()
        for edition, state in self._editions():
            for located in walk(state.sections):
                if (
                    self.portfolio_scope is not None
                    and located.portfolio is not None
                    and heading_key(located.portfolio) != heading_key(self.portfolio_scope)
                ):
                    continue
                views.append(_view(edition, located, self.when))
        return views

    def _repr_html_(self) -> str:
        """HTML for Jupyter (see :mod:`prospectus_ledger.render`)."""
        from .render._views import snapshot_html

        return snapshot_html(self)

    def _repr_markdown_(self) -> str:
        """Markdown for Jupyter (see :mod:`prospectus_ledger.render`)."""
        from .render._views import snapshot_markdown

        return snapshot_markdown(self)


@functools.lru_cache(maxsize=4096)
def _split_cached(path: str | tuple[str, ...]) -> tuple[str, ...]:
    return split_heading_path(path)


def _split_path(path: PathLike) -> tuple[str, ...]:
    """:func:`split_heading_path`, read once per spelling: jobs ask the same paths often."""
    if isinstance(path, (str, tuple)):  # a tuple is quicker than a union
        try:
            return _split_cached(path)
        except TypeError:  # a tuple holding something unhashable
            pass
    return split_heading_path(path)
