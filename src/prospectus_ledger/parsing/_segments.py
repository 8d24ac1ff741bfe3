"""What a supplement's body is split into: instruction segments, labels, trailers.

:func:`~prospectus_ledger.parsing.instructions.split_instructions` makes a
:class:`Body` of :class:`Segment` values; :mod:`.amendments` turns each
segment into amendments.
"""

from __future__ import annotations

import itertools

import attrs

from ._recognise import Recognised
from .blocks import SourcedBlock

__all__ = ["Body", "Segment"]


@attrs.frozen
class Segment:
    """An instruction with its text, or text that follows no instruction.

    Attributes:
        head: the instruction paragraph; ``None`` for text outside any instruction.
        recognised: what the instruction does (``None`` without a head).
        content: the blocks that follow it, up to the next boundary.
        portfolio: the portfolio a heading in the body put the text under.
        lead: words that give the instruction its effective time when its
            own words state none: a lead-in before it ("Effective November
            1, 2016:"), or the sentence of the same paragraph it follows.
        context: the headings printed above the instruction in the
            supplement (its place when it names only a block: "The
            following replaces the thirteenth bullet:").
        location: the place a lead-in names for the numbered items after it
            ("I. In the section entitled "Introduction," under the subheading
            "Understanding the Portfolios":"), for an instruction that names
            none.
        shared: one of several instructions in one paragraph; with no text of
            its own it takes the text of the instruction after it ("... is
            replaced with the paragraphs below. For Fund B, ... is replaced
            with the paragraphs below.").
    """

    head: SourcedBlock | None
    recognised: Recognised | None
    content: tuple[SourcedBlock, ...] = ()
    portfolio: str | None = None
    lead: str = ""
    context: tuple[str, ...] = ()
    location: tuple[str, ...] = ()
    shared: bool = False

    @property
    def items(self) -> tuple[SourcedBlock, ...]:
        """Head and content, in order."""
        return ((self.head,) if self.head is not None else ()) + self.content


@attrs.frozen
class Body:
    """A supplement's body split up.

    Attributes:
        segments: the instructions and other text, in order.
        trailer: the closing lines ("Date: ...", form codes).
        labels: headings of the supplement itself ("I. Change in Adviser",
            a portfolio's name, the document's headings printed above an
            instruction) that scope or separate its parts.
        leads: lead-ins ("The prospectus is amended as follows:").
        breaks: where a sticker's closing code ends one supplement of the body
            and the next begins: (segments before it, trailer items before it).
        closing: lines after the last instruction that only state a time
            ("Effective as of June 30, 2010"): the time of every instruction
            that states none.
    """

    segments: tuple[Segment, ...]
    trailer: tuple[SourcedBlock, ...] = ()
    labels: tuple[SourcedBlock, ...] = ()
    leads: tuple[SourcedBlock, ...] = ()
    breaks: tuple[tuple[int, int], ...] = ()
    closing: tuple[SourcedBlock, ...] = ()

    def stickers(self) -> list[Body]:
        """The body cut where a sticker's closing code ends it and another begins.

        Fidelity files several stickers in one filing, each closed by a code
        with its date ("ACANI-15-02 October 30, 2015 1.855551.112"); each is a
        supplement of its own.  Labels and lead-ins stay with the first.
        """
        if not self.breaks:
            return [self]
        bounds = [(0, 0), *self.breaks, (len(self.segments), len(self.trailer))]
        parts = [
            Body(self.segments[a:c], self.trailer[b:d])
            for (a, b), (c, d) in itertools.pairwise(bounds)
        ]
        parts = [part for part in parts if part.segments or part.trailer]
        first = attrs.evolve(parts[0], labels=self.labels, leads=self.leads)
        parts = [first, *parts[1:]]
        parts[-1] = attrs.evolve(parts[-1], closing=self.closing)
        return parts
