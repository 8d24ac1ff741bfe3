"""Form N-1A item headings run into the paragraph they open.

Some summary prospectuses print an item's heading at the start of its first
paragraph, set apart by its type: "**Investment Objective.** The primary
investment objective of the Fund is ...".  :func:`split_run_in` gives such a
heading a paragraph of its own, so that the outline finds it as it finds any
heading, and the paragraph keeps the rest of its text.  Only a heading the
item vocabulary knows (:func:`~..grammar.items.run_in_item`), printed with
emphasis of its own, is split off: "Management Risk. The Fund ..." stays a
paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ..grammar.items import run_in_item
from ..layout import Para, Run, Unit

__all__ = ["split_run_in"]

_LONGEST = 120


def split_run_in(units: Sequence[Unit]) -> list[Unit]:
    """``units`` with every run-in item heading a paragraph of its own."""
    out: list[Unit] = []
    for unit in units:
        split = _split(unit) if isinstance(unit, Para) else None
        out.extend(split if split is not None else (unit,))
    return out


def _split(para: Para) -> tuple[Para, Para] | None:
    if para.bullet or len(para.lines) != 1 or not para.lettered:
        return None
    found = run_in_item(para.text[:_LONGEST])
    if found is None:
        return None
    _, start = found
    runs = para.lines[0]
    head: list[Run] = []
    length = 0
    for index, run in enumerate(runs):
        words = " ".join(run.text.split())
        if not words:
            head.append(run)
            continue
        if length + len(words) + (1 if length else 0) >= start - 1:
            # The heading ends in this run: split off there only at the run's end, where
            # the type changes (a heading in the type of its text is no run-in heading).
            if not _emphasised([*head, run]):
                return None
            rest = runs[index + 1 :]
            if not rest or any(_emphasised([other]) for other in rest[:1]):
                return None
            return (
                attrs.evolve(para, lines=((*head, run),)),
                attrs.evolve(para, lines=(tuple(rest),)),
            )
        head.append(run)
        length += len(words) + (1 if length else 0)
    return None


def _emphasised(runs: Sequence[Run]) -> bool:
    """Whether every run with letters is set apart: bold, italic or underlined."""
    lettered = [run for run in runs if any(char.isalpha() for char in run.text)]
    return bool(lettered) and all(
        run.style.bold or run.style.italic or run.style.underline for run in lettered
    )
