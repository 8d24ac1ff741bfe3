"""The closed set of changes a supplement can make to a document.

Each operation is a frozen value with one method, ``apply(document)``, that
returns the changed document (sharing every untouched subtree) or raises a
specific error when its target is missing:
:class:`~prospectus_ledger.errors.SectionNotFoundError`,
:class:`~prospectus_ledger.errors.AmbiguousSectionError`,
:class:`~prospectus_ledger.errors.BlockNotFoundError` or
:class:`~prospectus_ledger.errors.TextNotFoundError`.

``apply`` takes an optional ``provenance``, stamped on every section whose own
content the operation changes, so that answers can say where text came from.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Literal, TypeAlias

import attrs

from ._substitute import substitute_in_section
from ._text import clean_text, heading_key
from .errors import BlockNotFoundError, SectionNotFoundError, TextNotFoundError
from .locators import (
    BlockLocator,
    SectionTarget,
    SentenceSpan,
    replace_sentences,
    resolve_block,
    resolve_run,
)
from .provenance import Provenance
from .tree import (
    Block,
    BulletList,
    Document,
    Paragraph,
    Section,
    block_text,
    blocks_tuple,
    ensure_path,
    insert_sections,
    locate_target,
    replace_section,
    section_at,
    sections_tuple,
)

__all__ = [
    "Action",
    "BlockLocator",
    "DeleteBlock",
    "DeleteSection",
    "InsertBlocks",
    "InsertSection",
    "Notice",
    "Operation",
    "ReplaceBlock",
    "ReplaceSection",
    "Scope",
    "SectionTarget",
    "SentenceSpan",
    "SubstituteText",
]

Action: TypeAlias = Literal["replace", "insert", "delete", "substitute", "notice"]
Scope: TypeAlias = Literal["section", "paragraph", "sentence", "table", "bullet", "list", "text"]


def _stamp(section: Section, provenance: Provenance | None, **changes: object) -> Section:
    if provenance is not None:
        changes["provenance"] = provenance
    return attrs.evolve(section, placeholder=False, **changes)  # type: ignore[arg-type]


def _stamp_new(sections: Sequence[Section], provenance: Provenance | None) -> tuple[Section, ...]:
    """New sections from a supplement's text: every one of them, at any depth,
    comes from that supplement, so each carries its provenance."""
    if provenance is None:
        return tuple(sections)
    return tuple(
        attrs.evolve(
            section,
            provenance=section.provenance or provenance,
            children=_stamp_new(section.children, provenance),
        )
        for section in sections
    )


def _optional_text(value: str | None) -> str | None:
    return clean_text(value) if value is not None else None


def _replace_words(
    block: Block, item: int | None, words: str, new: str, path: Sequence[str]
) -> list[Block]:
    """A paragraph (or a bullet item) with its first occurrence of ``words`` replaced by
    ``new`` (removed when ``new`` is empty; what remains empty goes)."""
    if isinstance(block, BulletList) and item is not None:
        items = list(block.items)
        text = _words_replaced(items[item], words, new, path)
        if text:
            items[item] = text
        else:
            del items[item]
        return [BulletList(items)] if items else []
    if not isinstance(block, Paragraph):
        raise BlockNotFoundError(path, f"paragraph holding {words!r}", 0)
    text = _words_replaced(block.text, words, new, path)
    return [Paragraph(text)] if text else []


def _words_replaced(text: str, words: str, new: str, path: Sequence[str]) -> str:
    at = text.find(words)
    if at < 0:
        raise TextNotFoundError(words, " -- ".join(path) or "the section")
    return clean_text(f"{text[:at]} {new} {text[at + len(words) :]}")


def _plain(blocks: Sequence[Block]) -> str:
    return " ".join(block_text(block) for block in blocks)


@attrs.frozen
class ReplaceSection:
    """Replace everything under a heading: its blocks and its sub-sections.

    In an edition known only from supplements, a section that does not exist
    yet is created, because a full replacement gives its whole text.

    Attributes:
        target: the section to replace.
        blocks: the new body.
        children: the new sub-sections (none removes the old ones).
        heading: a new heading, or ``None`` to keep the old one.
    """

    target: SectionTarget
    blocks: tuple[Block, ...] = attrs.field(default=(), converter=blocks_tuple)
    children: tuple[Section, ...] = attrs.field(default=(), converter=sections_tuple)
    heading: str | None = None

    action: ClassVar[Action] = "replace"
    scope: ClassVar[Scope] = "section"

    @property
    def text(self) -> str:
        """The new content as plain text."""
        return Section("", self.blocks, self.children).text

    def apply(self, document: Document, *, provenance: Provenance | None = None) -> Document:
        """Return ``document`` with the target section's content replaced."""
        try:
            located = locate_target(document, self.target)
            indices = located.indices
        except SectionNotFoundError:
            if document.complete:
                raise
            portfolio = self.target.portfolio
            if portfolio is not None and any(
                heading_key(portfolio) == heading_key(part) for part in self.target.path
            ):
                portfolio = None
            document, indices = ensure_path(document, self.target.path, portfolio=portfolio)
        old = section_at(document, indices)
        new = _stamp(
            old,
            provenance,
            blocks=self.blocks,
            children=_stamp_new(self.children, provenance),
            heading=self.heading if self.heading is not None else old.heading,
        )
        return replace_section(document, indices, [new])


@attrs.frozen
class DeleteSection:
    """Remove a section and everything under it."""

    target: SectionTarget

    action: ClassVar[Action] = "delete"
    scope: ClassVar[Scope] = "section"

    @property
    def text(self) -> str:
        """Deletions carry no new text."""
        return ""

    def apply(self, document: Document, *, provenance: Provenance | None = None) -> Document:
        """Return ``document`` without the target section."""
        located = locate_target(document, self.target)
        return replace_section(document, located.indices, [])


@attrs.frozen
class InsertSection:
    """Insert a new section before or after another, or as its first or last child.

    Attributes:
        anchor: the section the position refers to; ``None`` means the
            document's top level (with ``first_child`` / ``last_child``).
        position: where the new section goes relative to ``anchor``.
        section: the new section.
    """

    anchor: SectionTarget | None
    position: Literal["before", "after", "first_child", "last_child"]
    section: Section

    action: ClassVar[Action] = "insert"
    scope: ClassVar[Scope] = "section"

    @property
    def target(self) -> SectionTarget | None:
        """The anchor section (the place the instruction names)."""
        return self.anchor

    @property
    def text(self) -> str:
        """The new section's heading and text."""
        return "\n\n".join(part for part in (self.section.heading, self.section.text) if part)

    def apply(self, document: Document, *, provenance: Provenance | None = None) -> Document:
        """Return ``document`` with the new section in place."""
        (new,) = _stamp_new([_stamp(self.section, provenance)], provenance)
        if self.anchor is None:
            position = 0 if self.position == "first_child" else len(document.sections)
            return insert_sections(document, (), position, [new])
        inside = self.position in ("first_child", "last_child")
        try:
            located = locate_target(document, self.anchor)
            indices = located.indices
        except SectionNotFoundError:
            if document.complete or not inside:
                raise
            document, indices = ensure_path(
                document, self.anchor.path, portfolio=self.anchor.portfolio
            )
        if inside:
            count = len(section_at(document, indices).children)
            return insert_sections(
                document, indices, 0 if self.position == "first_child" else count, [new]
            )
        offset = 0 if self.position == "before" else 1
        return insert_sections(document, indices[:-1], indices[-1] + offset, [new])


def _block_scope(locator: BlockLocator, sentences: SentenceSpan | None, words: str | None) -> Scope:
    """What a block operation changes: ``sentence`` for sentence spans, ``text`` for
    quoted words, else the locator's kind."""
    if sentences is not None:
        return "sentence"
    if words is not None:
        return "text"
    return "paragraph" if locator.kind == "block" else locator.kind


def _is_run(locator: BlockLocator, sentences: SentenceSpan | None, words: str | None) -> bool:
    """Whether a block operation acts on a whole run of blocks."""
    return locator.through is not None and sentences is None and words is None


def _edit_run(
    document: Document,
    target: SectionTarget,
    locator: BlockLocator,
    provenance: Provenance | None,
    new: Sequence[Block],
) -> Document:
    """A run of blocks ("the second and third paragraphs") replaced by ``new`` (removed
    when it is empty): the new blocks stand where the first stood; blocks of other kinds
    between them stay."""
    located = locate_target(document, target)
    section = located.section
    run = resolve_run(section, located.headings, locator)
    blocks: list[Block] = []
    for index, block in enumerate(section.blocks):
        if index == run[0]:
            blocks.extend(new)
        elif index not in run:
            blocks.append(block)
    return replace_section(
        document, located.indices, [_stamp(section, provenance, blocks=tuple(blocks))]
    )


def _edit_blocks(
    document: Document,
    target: SectionTarget,
    locator: BlockLocator,
    provenance: Provenance | None,
    edit: object,
) -> Document:
    located = locate_target(document, target)
    section = located.section
    block_index, item_index = resolve_block(section, located.headings, locator)
    blocks = list(section.blocks)
    new_blocks = edit(blocks[block_index], item_index, located.headings)  # type: ignore[operator]
    blocks[block_index : block_index + 1] = new_blocks
    return replace_section(
        document, located.indices, [_stamp(section, provenance, blocks=tuple(blocks))]
    )


@attrs.frozen
class ReplaceBlock:
    """Replace one paragraph, bullet item or table, or some sentences of a paragraph.

    Attributes:
        target: the section holding the block.
        locator: which block.
        blocks: the new content.  For a bullet item or a sentence span, the
            text of the blocks replaces the item or the sentences.
        sentences: when given, only these sentences of the located paragraph
            are replaced.
        words: when given, only these words of the located paragraph or
            bullet item are replaced (the words a filing quotes: 'please
            delete "A shareholder ..." and replace with the following:').
    """

    target: SectionTarget
    locator: BlockLocator
    blocks: tuple[Block, ...] = attrs.field(converter=blocks_tuple)
    sentences: SentenceSpan | None = None
    words: str | None = attrs.field(default=None, converter=_optional_text)

    action: ClassVar[Action] = "replace"

    @property
    def scope(self) -> Scope:
        """``sentence`` for sentence spans, ``text`` for quoted words, else the locator's
        kind."""
        return _block_scope(self.locator, self.sentences, self.words)

    @property
    def text(self) -> str:
        """The new content as plain text."""
        return "\n\n".join(block_text(block) for block in self.blocks)

    def apply(self, document: Document, *, provenance: Provenance | None = None) -> Document:
        """Return ``document`` with the block replaced."""

        if _is_run(self.locator, self.sentences, self.words):
            return _edit_run(document, self.target, self.locator, provenance, self.blocks)

        def edit(block: Block, item: int | None, path: Sequence[str]) -> list[Block]:
            if self.words is not None:
                return _replace_words(block, item, self.words, _plain(self.blocks), path)
            if self.sentences is not None:
                if not isinstance(block, Paragraph):
                    raise BlockNotFoundError(path, "paragraph for a sentence edit", 0)
                return [
                    Paragraph(
                        replace_sentences(block.text, self.sentences, _plain(self.blocks), path)
                    )
                ]
            if item is not None and isinstance(block, BulletList):
                items = list(block.items)
                items[item] = _plain(self.blocks)
                return [BulletList(items)]
            return list(self.blocks)

        return _edit_blocks(document, self.target, self.locator, provenance, edit)


@attrs.frozen
class DeleteBlock:
    """Delete one paragraph, bullet item or table, or some sentences of a paragraph."""

    target: SectionTarget
    locator: BlockLocator
    sentences: SentenceSpan | None = None
    words: str | None = attrs.field(default=None, converter=_optional_text)

    action: ClassVar[Action] = "delete"

    @property
    def scope(self) -> Scope:
        """``sentence`` for sentence spans, ``text`` for quoted words, else the locator's
        kind."""
        return _block_scope(self.locator, self.sentences, self.words)

    @property
    def text(self) -> str:
        """Deletions carry no new text."""
        return ""

    def apply(self, document: Document, *, provenance: Provenance | None = None) -> Document:
        """Return ``document`` without the block."""

        if _is_run(self.locator, self.sentences, self.words):
            return _edit_run(document, self.target, self.locator, provenance, ())

        def edit(block: Block, item: int | None, path: Sequence[str]) -> list[Block]:
            if self.words is not None:
                return _replace_words(block, item, self.words, "", path)
            if self.sentences is not None:
                if not isinstance(block, Paragraph):
                    raise BlockNotFoundError(path, "paragraph for a sentence edit", 0)
                remaining = replace_sentences(block.text, self.sentences, "", path)
                return [Paragraph(remaining)] if remaining else []
            if item is not None and isinstance(block, BulletList):
                items = [text for index, text in enumerate(block.items) if index != item]
                return [BulletList(items)] if items else []
            return []

        return _edit_blocks(document, self.target, self.locator, provenance, edit)


@attrs.frozen
class InsertBlocks:
    """Add blocks to a section: at its start or end, or before/after a located block.

    Attributes:
        target: the section that receives the blocks.
        blocks: the new blocks.
        position: ``start``, ``end``, or ``before`` / ``after`` the block that
            ``locator`` names.
        locator: required with ``before`` and ``after``.
    """

    target: SectionTarget
    blocks: tuple[Block, ...] = attrs.field(converter=blocks_tuple)
    position: Literal["start", "end", "before", "after"] = "end"
    locator: BlockLocator | None = None

    action: ClassVar[Action] = "insert"

    @property
    def scope(self) -> Scope:
        """The locator's kind, or ``section`` when the blocks go at an end."""
        if self.locator is None or self.locator.kind == "block":
            return "section" if self.locator is None else "paragraph"
        return self.locator.kind

    @property
    def text(self) -> str:
        """The new blocks as plain text."""
        return "\n\n".join(block_text(block) for block in self.blocks)

    def apply(self, document: Document, *, provenance: Provenance | None = None) -> Document:
        """Return ``document`` with the blocks inserted."""
        located = locate_target(document, self.target)
        section = located.section
        blocks = list(section.blocks)
        if self.position in ("start", "end"):
            at = 0 if self.position == "start" else len(blocks)
        else:
            locator = self.locator or BlockLocator()
            block_index, item = resolve_block(section, located.headings, locator)
            block = blocks[block_index]
            if item is not None and isinstance(block, BulletList):
                items = list(block.items)
                at_item = item + (1 if self.position == "after" else 0)
                items[at_item:at_item] = [block_text(new) for new in self.blocks]
                blocks[block_index] = BulletList(items)
                new_section = _stamp(section, provenance, blocks=tuple(blocks))
                return replace_section(document, located.indices, [new_section])
            at = block_index + (1 if self.position == "after" else 0)
        blocks[at:at] = self.blocks
        new_section = _stamp(section, provenance, blocks=tuple(blocks))
        return replace_section(document, located.indices, [new_section])


@attrs.frozen
class SubstituteText:
    """Replace every occurrence of some words in a scope ("all references to X ...").

    With empty ``new`` words, every occurrence is deleted.

    Headings, paragraphs, bullet items, table cells and portfolio names are all
    rewritten, so fund renames reach every place the old name appeared.

    Attributes:
        old: the words to replace (matched exactly, white space collapsed).
        new: the words that replace them.
        target: the section whose subtree is the scope; ``None`` for the
            whole document.
    """

    old: str = attrs.field(converter=clean_text)
    new: str = attrs.field(converter=clean_text)
    target: SectionTarget | None = None

    scope: ClassVar[Scope] = "text"

    @property
    def action(self) -> Action:
        """``delete`` when the words are removed ("all references to X are deleted")."""
        return "substitute" if self.new else "delete"

    @property
    def text(self) -> str:
        """The replacement words."""
        return self.new

    def apply(self, document: Document, *, provenance: Provenance | None = None) -> Document:
        """Return ``document`` with every occurrence replaced."""
        if not self.old:
            raise TextNotFoundError(self.old, document.edition)
        if self.target is not None:
            located = locate_target(document, self.target)
            new_section, count = substitute_in_section(
                located.section, self.old, self.new, provenance
            )
            if count == 0:
                raise TextNotFoundError(self.old, f"{document.edition}: {self.target.describe()}")
            return replace_section(document, located.indices, [new_section])
        sections: list[Section] = []
        total = 0
        for section in document.sections:
            new_section, count = substitute_in_section(section, self.old, self.new, provenance)
            sections.append(new_section)
            total += count
        portfolios = tuple(name.replace(self.old, self.new) for name in document.portfolios)
        if total == 0 and portfolios == document.portfolios:
            raise TextNotFoundError(self.old, document.edition)
        return attrs.evolve(document, sections=tuple(sections), portfolios=portfolios)


@attrs.frozen
class Notice:
    """An instruction kept on the timeline that changes no text.

    Reorganisation and liquidation announcements, "revised accordingly", and
    anything the parser could not turn into a change become notices; the
    ``diagnostic`` of their amendment says why.

    Attributes:
        notice: the notice's text, whole.
        target: the section the notice mentions, if any.
    """

    notice: str = attrs.field(converter=clean_text)
    target: SectionTarget | None = None

    action: ClassVar[Action] = "notice"

    @property
    def scope(self) -> Scope | None:
        """Notices have no scope."""
        return None

    @property
    def text(self) -> str:
        """The notice's text."""
        return self.notice

    def apply(self, document: Document, *, provenance: Provenance | None = None) -> Document:
        """Return ``document`` unchanged: a notice changes no text."""
        return document


Operation: TypeAlias = (
    ReplaceSection
    | DeleteSection
    | InsertSection
    | ReplaceBlock
    | DeleteBlock
    | InsertBlocks
    | SubstituteText
    | Notice
)
"""Any of the operations."""
