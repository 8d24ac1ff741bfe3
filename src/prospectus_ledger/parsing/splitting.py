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
the supplement before it, and the same title printed again at the top of a
later page (after the page's footer code) goes on with it; neither starts a
supplement.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import attrs

from ._dates import first_date
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
    opening: str | None = None  # the title of the supplement the last part holds
    for block in blocks:
        if not block.anchored:
            continue
        title = _title_text(units, block)
        first_body = bisect.bisect_left(body, starts[-1])
        if (
            opening is not None
            and block.split > starts[-1]
            and first_body < len(body)
            and body[first_body] < block.split
            and title != opening
            and not _closes(units, block, body)
        ):
            starts.append(block.split)
            opening = title
        opening = opening if opening is not None else title
    stops = [*starts[1:], len(units)]
    parts = [
        _part(units, blocks, start, stop)
        for start, stop in zip(starts, stops, strict=True)
        if any(_is_content(unit) for unit in units[start:stop])
    ]
    return parts or [Part(tuple(units), tuple(blocks))]


def _title_text(units: Sequence[Unit], block: TitleBlock) -> str:
    """A title block's words from where its supplement would start (after a page's
    footer), to tell a new title from the same title printed again."""
    return " ".join(
        unit.stripped.casefold()
        for unit in units[block.split : block.end]
        if isinstance(unit, Line) and unit.kind is LineKind.TEXT
    )


def _closes(units: Sequence[Unit], block: TitleBlock, body: Sequence[int]) -> bool:
    """Whether a title block is the supplement's closing lines, not a new title: nothing
    but closing lines follows it, and it is closing lines itself ("Supplement dated
    September 13, 2001") or dates nothing (a page's footer "Supplement / Prospectus /
    1"); a dated title cut off at the end of an excerpt is a title."""
    lines = [
        unit.stripped
        for unit in units[block.start : block.end]
        if isinstance(unit, Line) and unit.kind is LineKind.TEXT
    ]
    if not all(map(is_trailer, lines)) and any(first_date(line) for line in lines):
        return False
    for index in body[bisect.bisect_left(body, block.end) :]:
        unit = units[index]
        if not isinstance(unit, Line) or not (
            is_trailer(unit.stripped) or is_form_code(unit.stripped)
        ):
            return False
    return True


def _is_content(unit: Unit) -> bool:
    return not isinstance(unit, Line) or unit.kind is LineKind.TEXT
