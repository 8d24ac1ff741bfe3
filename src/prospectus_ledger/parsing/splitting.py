"""One filing, several supplements.

A filing may hold a prospectus supplement and an SAI supplement one after the
other, usually separated by page breaks.  A new supplement starts at a title
block that holds a supplement phrase ("SUPPLEMENT DATED ...") when body text
(not title lines) lies between it and the start of the previous supplement,
and that supplement had a phrase of its own (text before the first phrase is
not a supplement of its own, only the start of the first one).
It starts after the last page break before its phrase, so that the previous
supplement keeps its closing lines.  A title block followed by nothing but
closing lines ("Supplement dated September 13, 2001" at the very end) closes
the supplement before it; it starts none.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import attrs

from .headers import TitleBlock, title_blocks
from .lines import Line, LineKind, Unit
from .trailers import is_form_code, is_trailer

__all__ = ["Part", "split_supplements"]


def _body_positions(units: Sequence[Unit], blocks: Sequence[TitleBlock]) -> list[int]:
    """Indices of body content: text lines outside title blocks, and tables."""
    covered = [False] * len(units)
    for block in blocks:
        covered[block.start : block.end] = [True] * (block.end - block.start)
    return [
        index
        for index, unit in enumerate(units)
        if not covered[index] and (not isinstance(unit, Line) or unit.kind is LineKind.TEXT)
    ]


@attrs.frozen
class Part:
    """The units of one supplement and the title blocks among them.

    Attributes:
        units: the supplement's units, in order.
        blocks: its title blocks, with indices into ``units``.
    """

    units: tuple[Unit, ...]
    blocks: tuple[TitleBlock, ...]


def _part(units: Sequence[Unit], blocks: Sequence[TitleBlock], start: int, stop: int) -> Part:
    inside = [
        TitleBlock(
            max(block.start, start) - start,
            min(block.end, stop) - start,
            max(block.split, start) - start,
            block.anchored,
        )
        for block in blocks
        if block.end > start and block.start < stop
    ]
    return Part(tuple(units[start:stop]), tuple(inside))


def split_supplements(units: Sequence[Unit]) -> list[Part]:
    """Split a filing's units into one part per supplement, in filing order."""
    blocks = title_blocks(units)
    body = _body_positions(units, blocks)
    starts = [0]
    opened = False
    for block in blocks:
        if not block.anchored:
            continue
        first_body = bisect.bisect_left(body, starts[-1])
        if (
            opened
            and block.split > starts[-1]
            and first_body < len(body)
            and body[first_body] < block.split
            and not _closes(units, block, body)
        ):
            starts.append(block.split)
        opened = True
    stops = [*starts[1:], len(units)]
    parts = [
        _part(units, blocks, start, stop)
        for start, stop in zip(starts, stops, strict=True)
        if any(_is_content(unit) for unit in units[start:stop])
    ]
    return parts or [Part(tuple(units), tuple(blocks))]


def _closes(units: Sequence[Unit], block: TitleBlock, body: Sequence[int]) -> bool:
    """Whether a title block is the supplement's closing lines, not a new title: nothing
    but closing lines follows it ("Supplement dated September 13, 2001" at the end)."""
    for index in body[bisect.bisect_left(body, block.end) :]:
        unit = units[index]
        if not isinstance(unit, Line) or not (
            is_trailer(unit.stripped) or is_form_code(unit.stripped)
        ):
            return False
    return True


def _is_content(unit: Unit) -> bool:
    return not isinstance(unit, Line) or unit.kind is LineKind.TEXT
