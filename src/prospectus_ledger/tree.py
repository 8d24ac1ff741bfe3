"""The immutable document tree: documents, sections and body blocks.

A :class:`Document` is one edition of a prospectus, summary prospectus or SAI.
It holds top-level :class:`Section` objects; a section has a heading, body
blocks (:class:`Paragraph`, :class:`BulletList`, :class:`Table`) and child
sections.  In a document that covers several portfolios, the part that belongs
to one portfolio is a section whose ``portfolio`` attribute names it; every
section outside such a part is shared by the whole document.

Everything here is frozen.  Changing a tree builds new objects only along the
path to the change and shares every other subtree with the old tree.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeAlias

import attrs
import pendulum

from ._text import clean_text, closest, heading_key
from .errors import AmbiguousSectionError, InvalidLedgerDataError, SectionNotFoundError
from .provenance import Provenance, Source

if TYPE_CHECKING:  # locators builds on this module: imported for the annotation only
    from .locators import SectionTarget

__all__ = [
    "Block",
    "BulletList",
    "Document",
    "DocumentKind",
    "Located",
    "Paragraph",
    "Section",
    "Series",
    "ShareClass",
    "Table",
    "block_text",
    "find_sections",
    "is_summary_title",
    "locate_section",
    "locate_target",
    "walk",
]


class DocumentKind(enum.Enum):
    """The three documents a registrant files and supplements."""

    PROSPECTUS = "prospectus"
    SUMMARY_PROSPECTUS = "summary_prospectus"
    SAI = "sai"

    @classmethod
    def parse(cls, value: DocumentKind | str) -> DocumentKind:
        """Read a kind from its value or a common name ("SAI", "summary prospectus").

        Raises:
            InvalidLedgerDataError: when the name is not one of the three kinds.
        """
        if isinstance(value, DocumentKind):
            return value
        key = heading_key(value).replace("-", " ").replace("_", " ")
        aliases = {
            "prospectus": cls.PROSPECTUS,
            "prospectuses": cls.PROSPECTUS,
            "statutory prospectus": cls.PROSPECTUS,
            "summary prospectus": cls.SUMMARY_PROSPECTUS,
            "summary prospectuses": cls.SUMMARY_PROSPECTUS,
            "sai": cls.SAI,
            "statement of additional information": cls.SAI,
        }
        if key in aliases:
            return aliases[key]
        raise InvalidLedgerDataError(
            f"expected a document kind (prospectus, summary_prospectus, sai), got {value!r}"
        )

    @property
    def title(self) -> str:
        """The kind as people write it."""
        return {
            DocumentKind.PROSPECTUS: "prospectus",
            DocumentKind.SUMMARY_PROSPECTUS: "summary prospectus",
            DocumentKind.SAI: "SAI",
        }[self]


def _clean_cells(rows: Iterable[Iterable[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(clean_text(cell) for cell in row) for row in rows)


def _clean_items(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(clean_text(item) for item in items)


def strings(items: Iterable[str]) -> tuple[str, ...]:
    """Freeze strings into a tuple (an attrs converter)."""
    return tuple(items)


def blocks_tuple(items: Iterable[Block]) -> tuple[Block, ...]:
    """Freeze blocks into a tuple (an attrs converter)."""
    return tuple(items)


def sections_tuple(items: Iterable[Section]) -> tuple[Section, ...]:
    """Freeze sections into a tuple (an attrs converter)."""
    return tuple(items)


@attrs.frozen
class Paragraph:
    """A paragraph of running text."""

    text: str = attrs.field(converter=clean_text)


@attrs.frozen
class BulletList:
    """A list of bullet items, kept as items rather than flattened text."""

    items: tuple[str, ...] = attrs.field(converter=_clean_items)


@attrs.frozen
class Table:
    """A table kept as rows of cells.

    Attributes:
        rows: the rows, each a tuple of cell texts (header rows included).
        caption: the table's caption or title, if it has one.
    """

    rows: tuple[tuple[str, ...], ...] = attrs.field(converter=_clean_cells)
    caption: str = attrs.field(default="", converter=clean_text)


Block: TypeAlias = Paragraph | BulletList | Table
"""A body block of a section."""


def block_text(block: Block) -> str:
    """Plain text of a block: a paragraph's text, bullets one per line, table rows tab-separated."""
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, BulletList):
        return "\n".join(f"\u2022 {item}" for item in block.items)
    lines = [block.caption] if block.caption else []
    lines.extend("\t".join(row) for row in block.rows)
    return "\n".join(lines)


@attrs.frozen
class Section:
    """A heading with its body blocks and child sections.

    Attributes:
        heading: the heading as printed.
        blocks: the body under the heading, before any child section.
        children: the sub-sections, in order.
        portfolio: set on the section that holds one portfolio's part of a
            document shared by several portfolios; ``None`` elsewhere.
        placeholder: ``True`` when the section exists only to hold a known
            child: its own text was never given (no base edition loaded).
        provenance: what last changed this section's own content; ``None``
            when it has not been stamped.
    """

    heading: str = attrs.field(converter=clean_text)
    blocks: tuple[Block, ...] = attrs.field(default=(), converter=blocks_tuple)
    children: tuple[Section, ...] = attrs.field(default=(), converter=sections_tuple)
    portfolio: str | None = None
    placeholder: bool = False
    provenance: Provenance | None = attrs.field(default=None, eq=True)

    @functools.cached_property
    def key(self) -> str:
        """The heading's matching key (see :func:`prospectus_ledger.heading_key`)."""
        return heading_key(self.heading)

    @property
    def own_text(self) -> str:
        """The text of the section's own blocks, paragraphs separated by blank lines."""
        # Asked on every query: most blocks are paragraphs, read without a call.
        return "\n\n".join(
            [block.text if type(block) is Paragraph else block_text(block) for block in self.blocks]
        )

    @property
    def text(self) -> str:
        """All the text under the heading: own blocks, then each child's heading and text."""
        if not self.children:
            return self.own_text  # the usual case: a leaf
        parts = [self.own_text] if self.blocks else []
        for child in self.children:
            parts.append(child.heading)
            child_text = child.text
            if child_text:
                parts.append(child_text)
        return "\n\n".join(parts)


@attrs.frozen
class ShareClass:
    """A share class as a filing identifies it.

    Attributes:
        id: the EDGAR class/contract identifier ("C000006333"), if given.
        name: the class name ("Class A"), if given.
        ticker: the ticker symbol ("DDVAX"), if given.
    """

    id: str | None
    name: str | None = None
    ticker: str | None = None


def _classes(items: Iterable[ShareClass]) -> tuple[ShareClass, ...]:
    return tuple(items)


@attrs.frozen
class Series:
    """A portfolio (series) as a filing identifies it, beyond its name.

    Attributes:
        id: the EDGAR series identifier ("S000002391"), if given.
        name: the series name ("Delaware Value Fund"), if known.
        classes: its share classes.
    """

    id: str | None
    name: str | None = None
    classes: tuple[ShareClass, ...] = attrs.field(default=(), converter=_classes)


def _series(items: Iterable[Series]) -> tuple[Series, ...]:
    return tuple(items)


@attrs.frozen
class Document:
    """One edition of a document (prospectus, summary prospectus or SAI).

    Attributes:
        kind: which document it is.
        registrant: the trust or company that files it, as printed.
        date: the edition's date ("Prospectuses dated April 30, 2007").
        portfolios: the portfolios (series, funds) it covers.
        sections: the top-level sections.
        complete: ``True`` when the whole text of the edition was loaded;
            ``False`` for an edition known only from supplements, whose
            sections exist only where a supplement gave their full text.
        illustrative: ``True`` for a base written by hand rather than read
            from a filing; answers drawn from it say so.
        source: the filing the base was read from, if any.
        series: the portfolios' EDGAR series and class identifiers, where the
            filing gives them.
    """

    kind: DocumentKind
    registrant: str | None
    date: pendulum.Date | None
    portfolios: tuple[str, ...] = attrs.field(default=(), converter=strings)
    sections: tuple[Section, ...] = attrs.field(default=(), converter=sections_tuple)
    complete: bool = True
    illustrative: bool = False
    source: Source | None = None
    series: tuple[Series, ...] = attrs.field(default=(), converter=_series)

    def named_series(self) -> Iterator[tuple[str, Series]]:
        """Each series with the portfolio it is: its own name, or the document's one
        portfolio when it gives none (a series without either is left out)."""
        only = self.portfolios[0] if len(self.portfolios) == 1 else None
        for series in self.series:
            name = series.name or only
            if name is not None:
                yield name, series

    @property
    def cik(self) -> str | None:
        """The registrant's EDGAR central index key, when the filing or its manifest
        gives it (the filer of an edition is its registrant)."""
        return self.source.cik if self.source is not None else None

    @property
    def edition(self) -> str:
        """A name for the edition, e.g. "prospectus dated 2007-04-30"; the registrant
        is named by its CIK when no name is known."""
        date = self.date.to_date_string() if self.date else "undated"
        registrant = self.registrant or (f"CIK {self.cik}" if self.cik else None)
        who = f" of {registrant}" if registrant else ""
        return f"{self.kind.title}{who} dated {date}"


@attrs.frozen
class Located:
    """A section found in a document, with where it sits.

    Attributes:
        indices: child indices from the document's top level down to the section.
        section: the section itself.
        headings: the headings from the top level down to the section.
        portfolio: the portfolio whose part holds it, ``None`` if shared.
    """

    indices: tuple[int, ...]
    section: Section
    headings: tuple[str, ...]
    portfolio: str | None


def walk(sections: Sequence[Section], *, first: int = 0) -> Iterator[Located]:
    """Yield every section below ``sections``, depth first, in document order.

    ``first`` is the top-level index of ``sections[0]`` (to walk part of a document).
    """
    stack: list[tuple[tuple[int, ...], Section, tuple[str, ...], str | None]] = [
        ((index,), section, (section.heading,), section.portfolio)
        for index, section in reversed(list(enumerate(sections, start=first)))
    ]
    while stack:
        indices, section, headings, portfolio = stack.pop()
        yield Located(indices, section, headings, portfolio)
        for index in range(len(section.children) - 1, -1, -1):
            child = section.children[index]
            stack.append(
                (
                    (*indices, index),
                    child,
                    (*headings, child.heading),
                    child.portfolio or portfolio,
                )
            )


def is_subsequence(needle: Sequence[object], haystack: Sequence[object]) -> bool:
    """Whether ``needle``'s items occur in ``haystack`` in order (gaps allowed)."""
    remaining = iter(haystack)
    return all(any(item == candidate for candidate in remaining) for item in needle)


def path_matches(query_keys: Sequence[str], located: Located) -> bool:
    """Whether a query path (as heading keys) names ``located``.

    The last query heading must be the section's own heading; the earlier ones
    must be among its ancestors, in order (levels may be skipped).
    """
    if not query_keys or located.section.key != query_keys[-1]:
        return False
    ancestors = [heading_key(heading) for heading in located.headings[:-1]]
    return is_subsequence(query_keys[:-1], ancestors)


def find_sections(
    document: Document, path: Sequence[str], *, portfolio: str | None = None
) -> list[Located]:
    """Every section of ``document`` that ``path`` names, within the portfolio scope.

    With a portfolio, sections in that portfolio's part are preferred, then the
    parts the whole document shares; sections of other portfolios never match.
    """
    keys = [heading_key(part) for part in path]
    if portfolio is None:
        return [located for located in walk(document.sections) if path_matches(keys, located)]
    wanted = heading_key(portfolio)
    # Other portfolios' parts can never match: skip them without walking them.
    own: list[Located] = []
    shared: list[Located] = []
    for index, section in enumerate(document.sections):
        if section.portfolio is not None and heading_key(section.portfolio) != wanted:
            continue
        for located in walk([section], first=index):
            if not path_matches(keys, located):
                continue
            if located.portfolio is not None and heading_key(located.portfolio) == wanted:
                own.append(located)
            elif located.portfolio is None:
                shared.append(located)
    return own or shared


# The title of a prospectus's summary section (Form N-1A, Items 2-8): "Fund summary",
# "Summary section", "Fund Summaries", "Summary of the Fund".
_SUMMARY_TITLE = re.compile(
    r"^(?:(?:fund|portfolio)s?\s+summar(?:y|ies)|summary(?:\s+section)?"
    r"|summary\s+of\s+the\s+(?:fund|portfolio)s?)$",
    re.IGNORECASE,
)


def is_summary_title(heading: str) -> bool:
    """Whether a heading titles a prospectus's summary section ("Fund summary")."""
    return _SUMMARY_TITLE.match(heading.strip().rstrip(":")) is not None


def locate_target(document: Document, target: SectionTarget) -> Located:
    """:func:`locate_section` for an instruction's target.

    Raises:
        SectionNotFoundError: no section matches.
        AmbiguousSectionError: several sections match.
    """
    return locate_section(
        document, target.path, portfolio=target.portfolio, statutory=target.statutory
    )


def describe_location(document: Document, located: Located) -> str:
    """A human description of a found section, for error messages."""
    where = f" [{located.portfolio}]" if located.portfolio else ""
    return f"{document.edition}{where}: {' -- '.join(located.headings)}"


def locate_section(
    document: Document,
    path: Sequence[str],
    *,
    portfolio: str | None = None,
    statutory: bool = False,
) -> Located:
    """The one section of ``document`` that ``path`` names; with ``statutory``, a match
    inside the summary section (under a "Fund summary" heading) gives way to one
    outside it.

    Raises:
        SectionNotFoundError: no section matches; names the closest headings.
        AmbiguousSectionError: several sections match; lists them.
    """
    matches = find_sections(document, path, portfolio=portfolio)
    if statutory and len(matches) > 1:
        outside = [m for m in matches if not any(is_summary_title(h) for h in m.headings[:-1])]
        matches = outside if len(outside) == 1 else matches
    if len(matches) == 1:
        return matches[0]
    scope = document.edition + (f", portfolio {portfolio!r}" if portfolio else "")
    if not matches:
        headings = [located.section.heading for located in walk(document.sections)]
        detail = None if document.complete else "the edition's base text is not loaded"
        raise SectionNotFoundError(
            path, scope=scope, closest=closest(path[-1], headings) if path else (), detail=detail
        )
    raise AmbiguousSectionError(path, [describe_location(document, m) for m in matches])


def rebuild(
    sections: tuple[Section, ...],
    parent_indices: tuple[int, ...],
    change: slice,
    replacement: Sequence[Section],
) -> tuple[Section, ...]:
    """Return ``sections`` with the children slice ``change`` of one parent replaced.

    ``parent_indices`` leads from the top level to the parent (empty for the
    top level).  Only the sections on that path are rebuilt; all others are
    shared with the input.
    """
    if not parent_indices:
        items = list(sections)
        items[change] = list(replacement)
        return tuple(items)
    head, rest = parent_indices[0], parent_indices[1:]
    parent = sections[head]
    new_children = rebuild(parent.children, rest, change, replacement)
    items = list(sections)
    items[head] = attrs.evolve(parent, children=new_children)
    return tuple(items)


def replace_section(
    document: Document, indices: tuple[int, ...], replacement: Sequence[Section]
) -> Document:
    """Replace the section at ``indices`` by ``replacement`` (none deletes it)."""
    last = indices[-1]
    sections = rebuild(document.sections, indices[:-1], slice(last, last + 1), replacement)
    return attrs.evolve(document, sections=sections)


def insert_sections(
    document: Document, parent_indices: tuple[int, ...], position: int, new: Sequence[Section]
) -> Document:
    """Insert ``new`` among the children of the section at ``parent_indices`` at ``position``."""
    sections = rebuild(document.sections, parent_indices, slice(position, position), new)
    return attrs.evolve(document, sections=sections)


def section_at(document: Document, indices: Sequence[int]) -> Section:
    """The section reached by following ``indices`` from the top level."""
    section = document.sections[indices[0]]
    for index in indices[1:]:
        section = section.children[index]
    return section


def ensure_path(
    document: Document, headings: Sequence[str], *, portfolio: str | None
) -> tuple[Document, tuple[int, ...]]:
    """Find or create the path ``headings`` and return the document and its indices.

    Used for editions known only from supplements: a full replacement of a
    section that the ledger has never seen gives its whole text, so the section
    is created, inside the portfolio's part when a portfolio is given.  Missing
    ancestors are created as placeholders.
    """
    parent: tuple[int, ...] = ()
    siblings = document.sections
    plan = list(headings)
    if portfolio is not None:
        plan.insert(0, portfolio)
    for depth, heading in enumerate(plan):
        is_part = portfolio is not None and depth == 0
        key = heading_key(heading)
        found = next(
            (
                index
                for index, sibling in enumerate(siblings)
                if sibling.key == key and (sibling.portfolio is not None) == is_part
            ),
            None,
        )
        if found is None:
            new = Section(heading, portfolio=heading if is_part else None, placeholder=True)
            document = insert_sections(document, parent, len(siblings), [new])
            found = len(siblings)
        parent = (*parent, found)
        siblings = section_at(document, parent).children
    return document, parent
