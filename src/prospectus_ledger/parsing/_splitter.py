"""The splitter: a supplement's body read paragraph by paragraph into segments.

:class:`Splitter` holds what the reading has found so far (the segments, the
place and time the lead-ins give, the supplement's own labels) and the
operations the boundary rules (:mod:`._boundaries`) call: close the current
segment, add text to it, start an instruction.  Which rule takes a paragraph
is decided by the rules, in order; the splitter only runs them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import attrs

from .._text import heading_key
from ..tree import BulletList, Paragraph, block_text
from ._memo import memo
from ._recognise import Recognised, recognise
from ._runon import looks_like_instruction
from ._segments import Body, Segment
from ._tidy import collapsed_length
from .blocks import BodyItem, Marker, SourcedBlock
from .trailers import is_form_code

__all__ = ["ROMAN_LABEL", "Rule", "Splitter", "paragraph_text", "part", "portfolio_label"]

Rule = Callable[["Splitter", SourcedBlock, str], bool]
"""A boundary rule: whether it took the paragraph (and did what it says)."""

_MAX_LABEL = 200
_LABEL_SLACK = 8
# "I.  Change in Portfolio Management Team": a heading of the supplement itself.
ROMAN_LABEL = re.compile(r"^[IVX]{1,6}\. {1,3}\S")
_PLACE_ACTIONS = ("replace_section", "insert_blocks", "insert_section", "unknown")


def paragraph_text(item: SourcedBlock) -> str | None:
    return item.block.text if isinstance(item.block, Paragraph) else None


def portfolio_label(text: str, portfolios: Sequence[str]) -> str | None:
    return _label_of(text, tuple(portfolios))


@memo
def _label_of(text: str, portfolios: tuple[str, ...]) -> str | None:
    if not portfolios or len(text) > _MAX_LABEL:
        return None
    longest = max(len(name) for name in portfolios)
    if collapsed_length(text) > longest + _LABEL_SLACK:
        return None
    words = (
        ROMAN_LABEL.sub(lambda match: match.group(0)[-1], text.strip())
        if ROMAN_LABEL.match(text)
        else text
    )
    key = heading_key(words)
    return next((name for name in portfolios if heading_key(name) == key), None)


class Splitter:
    def __init__(
        self,
        rules: Sequence[tuple[str, Rule]],
        portfolios: Sequence[str],
        headings: frozenset[int] = frozenset(),
        before_instructions: frozenset[int] = frozenset(),
        owned: frozenset[int] = frozenset(),
    ) -> None:
        self.rules = tuple(rules)
        self.portfolios = tuple(portfolios)
        self.headings = headings
        self.before_instructions = before_instructions
        # Headings above an instruction that names its own place.
        self.owned = owned
        self.segments: list[Segment] = []
        self.current: Segment | None = None
        # The current segment's content so far: it becomes the segment's when the
        # segment closes (a frozen Segment per appended block would cost one each).
        self.content: list[SourcedBlock] = []
        self.scope: str | None = None
        self.trailer: list[SourcedBlock] = []
        self.labels: list[SourcedBlock] = []
        self.leads: list[SourcedBlock] = []
        self.breaks: list[tuple[int, int]] = []
        # Lines that only state a time, each with the number of segments before it.
        self.stated: list[tuple[int, SourcedBlock]] = []
        self.lead = ""
        self.location: tuple[str, ...] = ()
        self.context: list[str] = []
        self.pending: list[str] = []
        # The style of the last item number ("1.", "a.", "IV."), and of the one whose
        # item named the place of its sub-items.
        self.level: str | None = None
        self.place_level: str | None = None

    def close(self) -> None:
        current = self.current
        if current is not None and self.content:
            # Segment(...) rather than attrs.evolve (which reads the class's fields).
            current = Segment(
                current.head,
                current.recognised,
                (*current.content, *self.content),
                current.portfolio,
                current.lead,
                current.context,
                current.location,
                current.shared,
            )
        if current is not None and current.items:
            self.segments.append(current)
        self.current = None
        self.content = []

    def append(self, item: SourcedBlock) -> None:
        current = self.current
        if current is None or (
            current.recognised is not None and not current.recognised.takes_content
        ):
            self.close()
            self.current = Segment(None, None, portfolio=self.scope)
        self.content.append(item)

    def boundary_allowed(self, *, portfolio: bool, before_instruction: bool = True) -> bool:
        """Whether a heading of the supplement may end the current text.

        A heading right after an instruction is the first line of its new
        text; a portfolio's name ends new text only in supplements that
        name several portfolios, and only when an instruction follows it
        (else it heads part of the new text: a table for some funds).
        """
        current = self.current
        if current is None or current.recognised is None or not current.recognised.takes_content:
            return True
        if portfolio and not before_instruction:
            return False
        return bool(self.content) and (not portfolio or len(self.portfolios) >= 2)

    def paragraph(self, item: SourcedBlock, text: str) -> None:
        """Read one paragraph: the first boundary rule that takes it decides what it is
        (``rules``, in order); a paragraph none takes is text of the current segment."""
        for _name, rule in self.rules:
            if rule(self, item, text):
                return
        self.append(item)

    def waiting(self) -> bool:
        """Whether the current instruction still waits for its new text."""
        current = self.current
        return (
            current is not None
            and current.recognised is not None
            and current.recognised.takes_content
            and not self.content
        )

    def instruction(
        self,
        item: SourcedBlock,
        text: str,
        lead: str,
        *,
        shared: bool = False,
        recognised: Recognised | None = None,
    ) -> None:
        """Start the segment of an instruction (``shared``: one of several in a
        paragraph, whose new text, if it has none of its own, is the next one's;
        ``recognised``: what it does, when read already)."""
        if recognised is None:
            recognised = recognise(text, self.portfolios)
        self._place_for_items()
        self.close()
        if self.pending:
            keep = max(len(self.context) - len(self.pending), 0)
            self.context = [*self.context[:keep], *self.pending]
            self.pending = []
        self.current = Segment(
            item,
            recognised,
            portfolio=self.scope,
            lead=lead,
            context=tuple(self.context),
            location=self.location,
            shared=shared,
        )

    def _place_for_items(self) -> None:
        """An instruction that names a place and is followed at once by another
        instruction names the place of the items after it: "2. The "Who Manages Your
        Money?" section is revised as follows:" / "a. The first sentence is deleted ..."."""
        current = self.current
        found = current.recognised if current is not None else None
        if current is None or found is None or current.head is None or not self.waiting():
            return
        path = found.path or current.location
        if found.action not in _PLACE_ACTIONS or found.locator is not None or not path:
            return
        if not block_text(current.head.block).rstrip().endswith(":"):
            return
        self.leads.append(current.head)
        self.location = path
        self.place_level = self.level
        self.current = None

    def item(self, item: BodyItem) -> None:
        if isinstance(item, Marker):
            if item.kind == "separator":
                self.close()
            return
        text = paragraph_text(item)
        if text is not None:
            self.paragraph(item, text)
        elif self._instruction_items(item):
            # "• All references to A are changed to B." "• The following is added ...":
            # a list of instructions, each item read as a paragraph of its own.
            assert isinstance(item.block, BulletList)
            for words in item.block.items:
                self.paragraph(part(item, words), words)
        else:
            self.append(item)

    def _instruction_items(self, item: SourcedBlock) -> bool:
        """Whether a bullet list's items are instructions (not an instruction's new text)."""
        block = item.block
        if not isinstance(block, BulletList) or self.waiting():
            return False
        return any(looks_like_instruction(words) for words in block.items)

    def finish(self) -> Body:
        self.close()
        for index in range(len(self.segments) - 2, -1, -1):
            segment, following = self.segments[index], self.segments[index + 1]
            if segment.shared and not segment.content and following.head is not None:
                self.segments[index] = attrs.evolve(segment, content=following.content)
        tail: list[SourcedBlock] = []
        while self.segments and self.segments[-1].head is None:
            last = self.segments[-1]
            if not last.content:
                self.segments.pop()
                continue
            text = paragraph_text(last.content[-1])
            if text is None or not is_form_code(text):
                break
            tail.insert(0, last.content[-1])
            self.segments[-1] = attrs.evolve(last, content=last.content[:-1])
            if not self.segments[-1].content:
                self.segments.pop()
        if self.segments and self.segments[-1].head is not None and not self.trailer:
            last = self.segments[-1]
            while last.content:
                text = paragraph_text(last.content[-1])
                if text is None or not is_form_code(text) or len(last.content) == 1:
                    break
                tail.insert(0, last.content[-1])
                last = attrs.evolve(last, content=last.content[:-1])
            self.segments[-1] = last
        breaks = tuple(cut for cut in self.breaks if cut[0] < len(self.segments))
        closing = tuple(item for count, item in self.stated if count >= len(self.segments))
        return Body(
            tuple(self.segments),
            (*self.trailer, *tail),
            tuple(self.labels),
            tuple(self.leads),
            breaks,
            closing,
        )


def part(item: SourcedBlock, words: str) -> SourcedBlock:
    return SourcedBlock(Paragraph(words), item.first_line, item.last_line)
