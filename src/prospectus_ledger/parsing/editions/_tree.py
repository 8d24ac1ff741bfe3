"""Units and heading levels into the document tree.

Body text under a heading becomes that section's blocks; a deeper heading
opens a child section.  Paragraphs become :class:`~prospectus_ledger.tree.Paragraph`,
runs of bullet items one :class:`~prospectus_ledger.tree.BulletList`, and
data tables :class:`~prospectus_ledger.tree.Table` (with the caption printed
above them).  Furniture is left out.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ..._text import heading_key
from ...tree import Block, BulletList, Paragraph, Section, Table
from ..layout import Grid, Para, Unit
from ._furniture import Furniture
from ._headings import Outline

__all__ = ["blocks_of", "build_sections"]


@attrs.define
class _Open:
    heading: str
    level: int
    blocks: list[Block] = attrs.field(factory=list)
    children: list[Section] = attrs.field(factory=list)
    bullets: list[str] = attrs.field(factory=list)

    def add(self, block: Block) -> None:
        self.close_list()
        self.blocks.append(block)

    def close_list(self) -> None:
        if self.bullets:
            self.blocks.append(BulletList(self.bullets))
            self.bullets = []

    def section(self, portfolio: str | None) -> Section:
        self.close_list()
        return Section(self.heading, self.blocks, self.children, portfolio=portfolio)


class _Builder:
    def __init__(self, portfolios: Sequence[str]) -> None:
        self.preamble = _Open("", 0)
        self.stack: list[_Open] = []
        self.top: list[Section] = []
        self.portfolios = {heading_key(name): name for name in portfolios}

    @property
    def current(self) -> _Open:
        return self.stack[-1] if self.stack else self.preamble

    def close(self) -> None:
        closed = self.stack.pop()
        portfolio = self.portfolios.get(heading_key(closed.heading)) if closed.children else None
        section = closed.section(portfolio if len(self.portfolios) > 1 else None)
        if self.stack:
            self.stack[-1].children.append(section)
        else:
            self.top.append(section)

    def open(self, heading: str, level: int) -> None:
        while self.stack and self.stack[-1].level >= level:
            self.close()
        self.current.close_list()
        self.stack.append(_Open(heading, level))

    def finish(self) -> tuple[list[Section], list[Block]]:
        while self.stack:
            self.close()
        self.preamble.close_list()
        return self.top, self.preamble.blocks


def _table(grid: Grid, caption: str) -> Table:
    return Table([[cell.text for cell in row] for row in grid.rows], caption=caption)


def blocks_of(units: Sequence[Unit], skip: set[int] | None = None) -> list[Block]:
    """Blocks of units outside any heading structure (front matter)."""
    builder = _Builder(())
    for index, unit in enumerate(units):
        if skip and index in skip:
            continue
        if isinstance(unit, Para):
            if unit.bullet:
                builder.current.bullets.append(unit.text)
            else:
                builder.current.add(Paragraph(unit.text))
        elif isinstance(unit, Grid):
            builder.current.add(_table(unit, ""))
    return builder.finish()[1]


def build_sections(
    units: Sequence[Unit],
    start: int,
    end: int,
    furniture: Furniture,
    outline: Outline,
    portfolios: Sequence[str] = (),
) -> tuple[list[Section], list[Block]]:
    """The sections of ``units[start:end]``, and the blocks before the first heading."""
    builder = _Builder(portfolios)
    caption = ""
    for index in range(start, end):
        if index in furniture.reasons:
            continue
        unit = units[index]
        level = outline.levels.get(index)
        if isinstance(unit, Para):
            if level is not None:
                builder.open(unit.text, level)
            elif index in outline.captions:
                caption = unit.text
                continue
            elif unit.bullet:
                builder.current.bullets.append(unit.text)
            else:
                builder.current.add(Paragraph(unit.text))
        elif isinstance(unit, Grid):
            builder.current.add(_table(unit, caption))
        caption = ""
    return builder.finish()
