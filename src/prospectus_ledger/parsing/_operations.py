"""Recognised instructions, with their target and text, into operations.

One instruction is usually one operation.  A change to several blocks that
the new text can be paired with ("items (i) and (iv)", "the first paragraph
and the table", "the first four paragraphs") is several: each block
replaced by its part of the new text, or the first replaced by all of it and
the others deleted.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Literal

import attrs

from ..operations import (
    BlockLocator,
    DeleteBlock,
    DeleteSection,
    InsertBlocks,
    InsertSection,
    Operation,
    ReplaceBlock,
    ReplaceSection,
    SectionTarget,
)
from ..tree import Block, BulletList, Paragraph, Section, Table, block_text
from ._recognise import Recognised
from ._targets import normalise
from .blocks import heading_like

__all__ = ["headed_parts", "heading_line", "placed", "renamed_in", "titled_section"]

_ANCHOR_WORDS = 6


def _first_words(blocks: Sequence[Block]) -> str:
    text = block_text(blocks[0]) if blocks else ""
    return " ".join(text.split()[:_ANCHOR_WORDS])


def _new_section(blocks: Sequence[Block]) -> Section | None:
    """The new section an "added as the first section" instruction gives: heading, body."""
    if not blocks or not isinstance(blocks[0], Paragraph) or not heading_like(blocks[0].text):
        return None
    return Section(blocks[0].text, tuple(blocks[1:]))


_RUN_IN_WORDS = 6
# A form code or a copyright line: page furniture, no heading.
_FURNITURE = re.compile(r"\d{4,}|\d+-\d+|\(c\)|\u00a9", re.IGNORECASE)
_HEADING_WORDS = 12


def titled_section(blocks: Sequence[Block]) -> str | None:
    """The heading new text opens with ("Foreign Securities." on a line of its own,
    then the text), if it does."""
    if len(blocks) < 2 or not isinstance(blocks[0], Paragraph):
        return None
    bare = blocks[0].text.strip().rstrip(".:")
    if len(bare.split()) > _RUN_IN_WORDS or not heading_like(bare):
        return None
    return bare


_HEADING_NUMBER = re.compile(r"^(?:\d{1,2}|[A-Z]|[IVX]{1,5})\.\s+")


def headed_parts(blocks: Sequence[Block]) -> list[tuple[tuple[str, ...], tuple[Block, ...]]]:
    """New text cut at its heading lines, each part with the path of the headings above
    it: several heading lines in a row are a path ("MANAGEMENT" / "INVESTMENT ADVISER");
    a later single one is the sibling of the last ("MANAGEMENT FEE").  Text before the
    first heading has no path."""
    parts: list[tuple[tuple[str, ...], tuple[Block, ...]]] = []
    path: tuple[str, ...] = ()
    run: list[str] = []
    body: list[Block] = []
    for block in blocks:
        heading = heading_line(block)
        if heading is not None:
            if body:
                parts.append((path, tuple(body)))
                body = []
            run.append(heading)
            continue
        if run:
            path = tuple(run) if len(run) > 1 or not path else (*path[:-1], run[0])
            run = []
        body.append(block)
    if body:
        parts.append((path, tuple(body)))
    return parts


def heading_line(block: Block) -> str | None:
    """A paragraph's words when it is a heading line of new text ("MANAGEMENT FEE")."""
    if not isinstance(block, Paragraph):
        return None
    text = _HEADING_NUMBER.sub("", block.text.strip()).rstrip(".:").strip()
    if not text or len(text.split()) > _HEADING_WORDS or not heading_like(text):
        return None
    if _FURNITURE.search(text):
        return None  # "14329-00-0903 (C) 2003 Pioneer Funds Distributor, Inc."
    return text


_HEADER_WORDS = ("current", "former", "old", "existing", "new", "name", "prior")


def renamed_in(blocks: Sequence[Block]) -> tuple[tuple[str, str], ...]:
    """The (current name, new name) rows of the tables among ``blocks``; a header row
    ("Current Name | New Name") and rows without two names are passed over.

    A two-column table read as lines ("Current Name", "New Name", then the names in
    turn: a table whose markup was cut or flattened) is read as its rows when its first
    two lines are such a header.
    """
    rows = [row for block in blocks if isinstance(block, Table) for row in block.rows]
    lines = [block.text for block in blocks if isinstance(block, Paragraph)]
    if not rows and len(lines) >= 4 and _is_header((lines[0], lines[1])):
        rows = [(lines[index], lines[index + 1]) for index in range(0, len(lines) - 1, 2)]
    pairs: list[tuple[str, str]] = []
    for row in rows:
        cells = [cell.strip() for cell in row if cell.strip()]
        if len(cells) < 2 or _is_header((cells[0], cells[-1])) or cells[0] == cells[-1]:
            continue
        pairs.append((cells[0], cells[-1]))
    return tuple(pairs)


def _is_header(cells: tuple[str, str]) -> bool:
    return all(any(word in cell.lower().split() for word in _HEADER_WORDS) for cell in cells)


def _fits(block: Block, locator: BlockLocator) -> bool:
    """Whether a block of new text can stand for the block a locator names."""
    if locator.anchor is not None:
        label = locator.anchor.strip("()")
        return normalise(block_text(block)).lstrip("(").startswith(label + ")")
    if locator.kind == "table":
        return isinstance(block, Table)
    if locator.kind == "bullet":
        return isinstance(block, BulletList)
    return isinstance(block, Paragraph)


def _pair(
    locators: Sequence[BlockLocator], blocks: Sequence[Block]
) -> list[tuple[Block, ...]] | None:
    """The new text cut into one run of blocks per locator, each starting with a block
    that fits the locator; ``None`` when it does not cut so."""
    if len(locators) == len(blocks):
        return [(block,) for block in blocks]
    if len(blocks) < len(locators):
        return None
    starts = [0]
    for locator in locators[1:]:
        following = range(starts[-1] + 1, len(blocks))
        start = next((index for index in following if _fits(blocks[index], locator)), None)
        if start is None:
            # No block of that kind (a table flattened to lines of text): one block
            # for each earlier part, the rest for the last.
            starts = list(range(len(locators)))
            break
        starts.append(start)
    bounds = [*starts, len(blocks)]
    return [tuple(blocks[a:b]) for a, b in itertools.pairwise(bounds)]


def _several(
    found: Recognised, target: SectionTarget, blocks: tuple[Block, ...]
) -> list[Operation] | None:
    locators = list(found.several)
    if found.anchored == "start" and locators:
        locators[0] = attrs.evolve(locators[0], anchor=_first_words(blocks))
    if found.action == "delete_block":
        return [DeleteBlock(target, locator) for locator in reversed(locators)]
    groups = _pair(locators, blocks)
    if groups is None:
        return None
    return [
        ReplaceBlock(target, locator, group)
        for locator, group in zip(locators, groups, strict=True)
    ]


def _run(
    found: Recognised, target: SectionTarget, blocks: tuple[Block, ...], through: int
) -> list[Operation] | None:
    """A run of paragraphs ("the second and third paragraphs"): one operation on all of
    them."""
    first = found.locator
    if first is None or first.ordinal is None or not 0 < first.ordinal < through:
        return None
    run = attrs.evolve(first, through=through)
    if found.action == "delete_block":
        return [DeleteBlock(target, run)]
    return [ReplaceBlock(target, run, blocks)]


def placed(
    found: Recognised, target: SectionTarget, blocks: tuple[Block, ...]
) -> tuple[list[Operation], str | None] | None:
    """The operations of a recognised change that has its target and (if it needs it)
    text, with a note when they only approximate it; ``None`` when there are none."""
    if found.several:
        operations = _several(found, target, blocks)
        return (operations, found.note) if operations else None
    if found.through is not None:
        operations = _run(found, target, blocks, found.through)
        return (operations, found.note) if operations else None
    single = _single(found, target, blocks)
    return ([single[0]], single[1]) if single is not None else None


def _single(
    found: Recognised, target: SectionTarget, blocks: tuple[Block, ...]
) -> tuple[Operation, str | None] | None:
    locator = found.locator
    if locator is not None and found.anchored == "whole":
        locator = attrs.evolve(locator, anchor=" ".join(block_text(b) for b in blocks))
    elif locator is not None and found.anchored == "start":
        locator = attrs.evolve(locator, anchor=_first_words(blocks))
    if found.action == "replace_section":
        return ReplaceSection(target, blocks), found.note
    if found.action == "delete_section":
        return DeleteSection(target), found.note
    if found.action == "insert_section":
        section = _new_section(blocks)
        if section is not None:
            inside: Literal["first_child", "last_child"] = (
                "first_child" if found.position == "start" else "last_child"
            )
            return InsertSection(target, inside, section), found.note
        note = "its text opens with no heading, so it is added at the start of the section"
        return InsertBlocks(target, blocks, "start"), note
    if found.action == "insert_blocks":
        return InsertBlocks(target, blocks, found.position, locator), found.note
    if locator is not None and found.action == "replace_block":
        if found.sentences is not None or found.words is not None:
            blocks = (Paragraph(" ".join(block_text(block) for block in blocks)),)
        return ReplaceBlock(target, locator, blocks, found.sentences, found.words), found.note
    if locator is not None and found.action == "delete_block":
        return DeleteBlock(target, locator, found.sentences, found.words), found.note
    return None
