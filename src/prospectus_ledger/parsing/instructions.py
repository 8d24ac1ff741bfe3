"""Instructions: recognising them, and splitting a supplement's body into them.

An instruction is a paragraph that says what changes: "Effective on May 22,
2007, the following replaces in its entirety the information appearing under
the heading "Principal Investment Strategy" in the prospectuses:".  What
follows it, up to the next instruction, a separator ("* * *"), a trailer
("Date: ...") or a portfolio heading, is its text.

:func:`looks_like_instruction` is deliberately broad (a change verb and a
reference to the document's structure) so that an instruction the parser does
not understand still ends the text of the one before it.
:func:`recognise` then reads what the instruction does; what it cannot read
is ``unknown`` and becomes a notice with the reason.

The body is read paragraph by paragraph by a :class:`~._splitter.Splitter`
running the boundary rules of :mod:`._boundaries`, in order.
"""

from __future__ import annotations

from collections.abc import Sequence

from ._boundaries import BOUNDARIES
from ._locations import section_refs
from ._recognise import Recognised, recognise
from ._runon import looks_like_instruction
from ._segments import Body, Segment
from ._splitter import Splitter, paragraph_text, portfolio_label
from ._targets import normalise
from .blocks import BodyItem, Marker, heading_like

__all__ = [
    "Body",
    "Recognised",
    "Segment",
    "looks_like_instruction",
    "recognise",
    "split_instructions",
]


def split_instructions(
    items: Sequence[BodyItem],
    *,
    portfolios: Sequence[str] = (),
    place: tuple[str, ...] = (),
) -> Body:
    """Split a supplement's body (after its header) into instruction segments.

    Args:
        items: the body's blocks and markers, in order.
        portfolios: the portfolios the supplement's header names; a body line
            that is one of them scopes the instructions after it.
        place: the section the supplement's intro says it changes ("This
            Supplement updates the "X" section of the Prospectus"): the place
            of instructions that name none.
    """
    splitter = Splitter(BOUNDARIES, portfolios, *_context_headings(items, portfolios))
    splitter.location = place
    for item in items:
        splitter.item(item)
    return splitter.finish()


def _context_headings(
    items: Sequence[BodyItem], portfolios: Sequence[str]
) -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
    """The ``id`` of every heading-like paragraph that, alone or with others like it,
    stands right above an instruction (the document's headings, printed to say
    where the instruction applies), of every portfolio's name that does, and of the
    headings above an instruction that names its own place (after new text, such a
    line is the new text's last: "Real Estate Debt Income" / "Under Manager of
    Managers, delete ...")."""
    headings: set[int] = set()
    labels: set[int] = set()
    owned: set[int] = set()
    run: list[tuple[int, bool]] = []
    for item in items:
        if isinstance(item, Marker):
            if item.kind == "separator":
                run = []  # what stands above a separator ends the text before it
            continue
        text = paragraph_text(item)
        if text is None:
            run = []
            continue
        is_label = portfolio_label(text, portfolios) is not None
        if is_label or (heading_like(text) and not looks_like_instruction(text)):
            run.append((id(item), is_label))
            continue
        if run and looks_like_instruction(text):
            headings.update(key for key, label in run if not label)
            labels.update(key for key, label in run if label)
            if section_refs(normalise(text)):
                owned.update(key for key, label in run if not label)
        run = []
    return frozenset(headings), frozenset(labels), frozenset(owned)
