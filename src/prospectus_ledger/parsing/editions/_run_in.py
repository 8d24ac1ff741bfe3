"""Headings run into the paragraph they open.

Documents print many headings at the start of their first paragraph, set apart
by their type: "**Investment Objective.** The primary investment objective of
the Fund is ...", "**Borrowing.** The Fund may borrow ...".  :func:`split_run_in`
gives such a heading a paragraph of its own, so that the outline finds it as
it finds any heading, and the paragraph keeps the rest of its text.  Only a
heading something vouches for is split off, printed with emphasis of its own:
a Form N-1A item or part the vocabulary knows
(:func:`~..grammar.items.run_in_item`), or an entry the document's own table
of contents lists.  "Management Risk. The Fund ..." stays a paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ..._text import heading_key
from ..grammar.items import run_in_item
from ..layout import Para, Run, Unit

__all__ = ["split_run_in"]

_LONGEST = 120
# What ends a run-in heading: "Borrowing. The Fund ...". Not a colon: "Investment
# manager: Delaware Management Company" is a glossary's term, however the contents list it.
_MARKS = (". ",)


def split_run_in(
    units: Sequence[Unit], *, items: bool = True, listed: frozenset[str] = frozenset()
) -> list[Unit]:
    """``units`` with every run-in heading a paragraph of its own (``items``: Form N-1A's
    items and parts; ``listed``: the heading keys a table of contents lists)."""
    out: list[Unit] = []
    for unit in units:
        split = _split(unit, items=items, listed=listed) if isinstance(unit, Para) else None
        out.extend(split if split is not None else (unit,))
    return out


def _split(para: Para, *, items: bool, listed: frozenset[str]) -> tuple[Para, Para] | None:
    if para.bullet or len(para.lines) != 1 or not para.lettered:
        return None
    start = _heading_end(para.text[:_LONGEST], items=items, listed=listed)
    if start is None:
        return None
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


def _heading_end(text: str, *, items: bool, listed: frozenset[str]) -> int | None:
    """Where the paragraph's own text starts after a run-in heading something vouches for."""
    if items:
        found = run_in_item(text)
        if found is not None:
            return found[1]
    for mark in _MARKS if listed else ():
        # Every place the mark stands: "Non-U.S. Securities. The Fund ..." ends at the second.
        cut = text.find(mark)
        while cut > 0:
            start = cut + len(mark)
            if heading_key(text[:cut]) in listed and text[start : start + 1].isupper():
                return start
            cut = text.find(mark, start)
    return None
