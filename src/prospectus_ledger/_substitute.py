"""Replacing words everywhere in a section: the work behind ``SubstituteText``."""

from __future__ import annotations

import attrs

from .provenance import Provenance
from .tree import Block, BulletList, Paragraph, Section, Table, block_text


def _substitute_block(block: Block, old: str, new: str) -> Block:
    if isinstance(block, Paragraph):
        return Paragraph(block.text.replace(old, new))
    if isinstance(block, BulletList):
        return BulletList([item.replace(old, new) for item in block.items])
    return Table(
        [[cell.replace(old, new) for cell in row] for row in block.rows],
        block.caption.replace(old, new),
    )


def substitute_in_section(
    section: Section, old: str, new: str, provenance: Provenance | None
) -> tuple[Section, int]:
    """``section`` with every ``old`` replaced by ``new`` (headings, blocks, portfolio
    names, descendants), and how many occurrences there were."""
    count = section.heading.count(old) + sum(
        block_text(block).count(old) for block in section.blocks
    )
    children: list[Section] = []
    for child in section.children:
        new_child, child_count = substitute_in_section(child, old, new, provenance)
        children.append(new_child)
        count += child_count
    if count == 0:
        return section, 0
    own_changed = section.heading.count(old) or any(old in block_text(b) for b in section.blocks)
    changes: dict[str, object] = {
        "heading": section.heading.replace(old, new),
        "blocks": tuple(
            _substitute_block(block, old, new) if old in block_text(block) else block
            for block in section.blocks
        ),
        "children": tuple(children),
        "portfolio": section.portfolio.replace(old, new) if section.portfolio else None,
    }
    if own_changed and provenance is not None:
        changes["provenance"] = provenance
    return attrs.evolve(section, **changes), count  # type: ignore[arg-type]
