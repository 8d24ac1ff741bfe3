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
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

import attrs

from .._text import heading_key, split_sentences
from ..operations import BlockLocator, SentenceSpan
from ..tree import DocumentKind, Paragraph, block_text
from . import _phrases as phrases
from ._documents import kinds_mentioned
from ._targets import ORDINALS, named_portfolio, normalise, section_ref, unquoted
from .blocks import BodyItem, Marker, SourcedBlock
from .trailers import is_form_code, is_trailer

__all__ = [
    "Body",
    "Recognised",
    "Segment",
    "looks_like_instruction",
    "recognise",
    "split_instructions",
]

Action = Literal[
    "replace_section",
    "replace_block",
    "delete_section",
    "delete_block",
    "insert_blocks",
    "substitute",
    "announcement",
    "unknown",
]

_MAX_INSTRUCTION = 900
_MAX_LABEL = 200
_MAX_ROMAN_LABEL = 80
_MAX_SENTENCES = 4

# An instruction and its new text run together: "... with the following: The Portfolio ...".
_RUN_ON = re.compile(r"\b(?:the following|as follows|below)\b[^:]{0,80}?: (?=\S)", re.IGNORECASE)
_ROMAN_LABEL = re.compile(r"^[IVX]{1,6}\. {1,3}\S")


@attrs.frozen
class Recognised:
    """What an instruction does, as far as the parser can tell.

    Attributes:
        action: the kind of change; ``unknown`` when not understood.
        path: the section it names, outermost first (may be empty).
        portfolio: a portfolio the words name ("with respect to X").
        documents: the document kinds the words name.
        locator: the block, for block changes.
        sentences: the sentences of the block, for sentence changes.
        position: where inserted blocks go.
        old: for substitutions, the words replaced.
        new: for substitutions, the words that replace them.
        reason: why the instruction was not understood.
    """

    action: Action
    path: tuple[str, ...] = ()
    portfolio: str | None = None
    documents: tuple[DocumentKind, ...] = ()
    locator: BlockLocator | None = None
    sentences: SentenceSpan | None = None
    position: Literal["start", "end", "before", "after"] = "end"
    old: str = ""
    new: str = ""
    reason: str | None = None

    @property
    def takes_content(self) -> bool:
        """Whether the blocks after the instruction are its new text."""
        return self.action in ("replace_section", "replace_block", "insert_blocks", "unknown")


def looks_like_instruction(text: str) -> bool:
    """Whether a paragraph reads like an instruction (see the module docstring)."""
    if len(text) > 4 * _MAX_INSTRUCTION:
        return False
    words = normalise(text)
    if not words or len(words) > _MAX_INSTRUCTION or phrases.CHANGE.search(words) is None:
        return False
    sentences = split_sentences(words)
    if len(sentences) > _MAX_SENTENCES:
        return False
    for sentence in {sentences[0], sentences[-1]}:
        if phrases.CHANGE.search(sentence) and phrases.STRUCTURE.search(sentence):
            return True
    return False


def _ordinal(word: str) -> int:
    return ORDINALS[" ".join(word.lower().split())]


def _locator(kind: str, ordinal: str) -> BlockLocator:
    block = "bullet" if kind.lower().startswith("bullet") else "paragraph"
    return BlockLocator(block, _ordinal(ordinal))  # type: ignore[arg-type]


def _span(ordinal: str) -> SentenceSpan:
    index = _ordinal(ordinal)
    if index > 0:
        return SentenceSpan(index - 1, index)
    return SentenceSpan(index, index + 1 if index < -1 else None)


def recognise(text: str, portfolios: Sequence[str] = ()) -> Recognised:
    """Read what an instruction paragraph does (see the module docstring)."""
    words = normalise(text)
    own = unquoted(words)
    documents = kinds_mentioned(own)
    portfolio = named_portfolio(own, portfolios)
    ref = section_ref(words)
    path = ref.path if ref is not None else ()
    base = Recognised("unknown", path, portfolio, documents)
    if phrases.ACCORDINGLY.search(own):
        return attrs.evolve(base, action="announcement")
    substitute = phrases.SUBSTITUTE.search(words)
    if substitute is not None:
        if len(split_sentences(words)) == 1 and words.count('"') == 4:
            new = substitute.group("new").strip().rstrip(",.;")
            return attrs.evolve(
                base, action="substitute", old=substitute.group("old").strip(), new=new
            )
        return attrs.evolve(base, reason="it substitutes several names at once")
    if phrases.REFERENCES.search(own):
        return attrs.evolve(
            base, reason="it substitutes words the parser cannot delimit (several, or not quoted)"
        )
    if ref is None:
        return attrs.evolve(base, reason="it names no section the parser can find")
    scope = phrases.NEW_TEXT_NOUN.sub("the following", own)
    return _read_change(base, scope)


def _read_change(base: Recognised, scope: str) -> Recognised:
    """What an instruction that names a section does to it.

    Block rules come first (ordinal paragraphs and bullets, sentences of a
    paragraph, a table), then whole-section ones; an instruction that names
    blocks in a way the rules do not read is not understood.
    """
    replaces = phrases.REPLACE_FOLLOWING.search(scope) or phrases.REPLACED_WITH.search(scope)
    sentence = phrases.SENTENCE_OF.search(scope)
    ordinals = list(phrases.BLOCK_ORDINAL.finditer(scope))
    partial = phrases.PARTIAL.search(scope)
    if phrases.SEVERAL_BLOCKS.search(scope):
        return attrs.evolve(base, reason="it changes several blocks of a section at once")
    match = phrases.DELETE_REPLACE.search(scope)
    if match is not None and len(ordinals) == 1:
        return attrs.evolve(
            base, action="replace_block", locator=_locator(match["kind"], match["ord"])
        )
    if sentence is not None and len(ordinals) == 2:
        locator = _locator("paragraph", sentence["pord"])
        span = _span(sentence["sord"])
        if replaces:
            return attrs.evolve(base, action="replace_block", locator=locator, sentences=span)
        if phrases.DELETED.search(scope):
            return attrs.evolve(base, action="delete_block", locator=locator, sentences=span)
    if len(ordinals) == 1 and ordinals[0]["kind"].lower() != "sentence":
        locator = _locator(ordinals[0]["kind"], ordinals[0]["ord"])
        added = phrases.ADDED.search(scope)
        after = phrases.AFTER.search(scope)
        if added is not None and after is not None:
            return attrs.evolve(base, action="insert_blocks", locator=locator, position="after")
        if replaces:
            return attrs.evolve(base, action="replace_block", locator=locator)
        if phrases.DELETED.search(scope):
            return attrs.evolve(base, action="delete_block", locator=locator)
    tables = phrases.TABLE.findall(scope)
    if len(tables) == 1 and not ordinals and (replaces or phrases.DELETED.search(scope)):
        action: Action = "replace_block" if replaces else "delete_block"
        return attrs.evolve(base, action=action, locator=BlockLocator("table"))
    if partial is not None or ordinals:
        what = partial.group(0) if partial is not None else "part of it"
        return attrs.evolve(base, reason=f"it changes only part of a section ({what!r})")
    if replaces:
        return attrs.evolve(base, action="replace_section")
    added = phrases.ADDED.search(scope)
    if added is not None or phrases.SUPPLEMENTS.search(scope):
        return attrs.evolve(base, action="insert_blocks", position="end")
    if phrases.DELETED.search(scope) and "replace" not in scope.lower():
        return attrs.evolve(base, action="delete_section")
    return attrs.evolve(base, reason="the parser does not know this kind of instruction")


# -- splitting --------------------------------------------------------------------


@attrs.frozen
class Segment:
    """An instruction with its text, or text that follows no instruction.

    Attributes:
        head: the instruction paragraph; ``None`` for text outside any instruction.
        recognised: what the instruction does (``None`` without a head).
        content: the blocks that follow it, up to the next boundary.
        portfolio: the portfolio a heading in the body put the text under.
    """

    head: SourcedBlock | None
    recognised: Recognised | None
    content: tuple[SourcedBlock, ...] = ()
    portfolio: str | None = None

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
            a portfolio's name) that scope or separate its parts.
    """

    segments: tuple[Segment, ...]
    trailer: tuple[SourcedBlock, ...] = ()
    labels: tuple[SourcedBlock, ...] = ()


def _split_run_on(item: SourcedBlock, text: str) -> tuple[SourcedBlock, SourcedBlock | None]:
    """Split "<instruction> the following: <new text>" run together in one paragraph."""
    match = _RUN_ON.search(text[:_MAX_INSTRUCTION])
    if match is None or not looks_like_instruction(text[: match.end()]):
        return item, None
    head = SourcedBlock(Paragraph(text[: match.end()]), item.first_line, item.last_line)
    rest = SourcedBlock(Paragraph(text[match.end() :]), item.first_line, item.last_line)
    return head, rest


def _paragraph_text(item: SourcedBlock) -> str | None:
    return item.block.text if isinstance(item.block, Paragraph) else None


def _portfolio_label(text: str, portfolios: Sequence[str]) -> str | None:
    if not portfolios or len(text) > _MAX_LABEL:
        return None
    words = (
        _ROMAN_LABEL.sub(lambda match: match.group(0)[-1], text.strip())
        if _ROMAN_LABEL.match(text)
        else text
    )
    key = heading_key(words)
    return next((name for name in portfolios if heading_key(name) == key), None)


class _Splitter:
    def __init__(self, portfolios: Sequence[str]) -> None:
        self.portfolios = tuple(portfolios)
        self.segments: list[Segment] = []
        self.current: Segment | None = None
        self.scope: str | None = None
        self.trailer: list[SourcedBlock] = []
        self.labels: list[SourcedBlock] = []

    def close(self) -> None:
        if self.current is not None and self.current.items:
            self.segments.append(self.current)
        self.current = None

    def append(self, item: SourcedBlock) -> None:
        current = self.current
        if current is None or (
            current.recognised is not None and not current.recognised.takes_content
        ):
            self.close()
            current = Segment(None, None, portfolio=self.scope)
        self.current = attrs.evolve(current, content=(*current.content, item))

    def boundary_allowed(self, *, portfolio: bool) -> bool:
        """Whether a heading of the supplement may end the current text.

        A heading right after an instruction is the first line of its new
        text; a portfolio's name ends new text only in supplements that
        name several portfolios.
        """
        current = self.current
        if current is None or current.recognised is None or not current.recognised.takes_content:
            return True
        return bool(current.content) and (not portfolio or len(self.portfolios) >= 2)

    @staticmethod
    def _is_roman_label(text: str) -> bool:
        """A heading of the supplement itself: "I.  Change in Portfolio Management Team"."""
        return (
            _ROMAN_LABEL.match(text) is not None
            and len(text) <= _MAX_ROMAN_LABEL
            and not looks_like_instruction(text)
        )

    def paragraph(self, item: SourcedBlock, text: str) -> None:
        head, rest = _split_run_on(item, text)
        if rest is not None:
            self.paragraph(head, block_text(head.block))
            self.append(rest)
            return
        if is_trailer(text):
            self.close()
            self.trailer.append(item)
            return
        label = _portfolio_label(text, self.portfolios)
        if label is not None and self.boundary_allowed(portfolio=True):
            self.close()
            self.scope = label
            self.labels.append(item)
            return
        if self._is_roman_label(text) and self.boundary_allowed(portfolio=False):
            self.close()
            self.labels.append(item)
            return
        if looks_like_instruction(text):
            recognised = recognise(text, self.portfolios)
            self.close()
            self.current = Segment(item, recognised, portfolio=self.scope)
            return
        self.append(item)

    def item(self, item: BodyItem) -> None:
        if isinstance(item, Marker):
            if item.kind == "separator":
                self.close()
            return
        text = _paragraph_text(item)
        if text is None:
            self.append(item)
        else:
            self.paragraph(item, text)

    def finish(self) -> Body:
        self.close()
        tail: list[SourcedBlock] = []
        while self.segments and self.segments[-1].head is None:
            last = self.segments[-1]
            if not last.content:
                self.segments.pop()
                continue
            text = _paragraph_text(last.content[-1])
            if text is None or not is_form_code(text):
                break
            tail.insert(0, last.content[-1])
            self.segments[-1] = attrs.evolve(last, content=last.content[:-1])
            if not self.segments[-1].content:
                self.segments.pop()
        if self.segments and self.segments[-1].head is not None and not self.trailer:
            last = self.segments[-1]
            while last.content:
                text = _paragraph_text(last.content[-1])
                if text is None or not is_form_code(text) or len(last.content) == 1:
                    break
                tail.insert(0, last.content[-1])
                last = attrs.evolve(last, content=last.content[:-1])
            self.segments[-1] = last
        return Body(tuple(self.segments), (*self.trailer, *tail), tuple(self.labels))


def split_instructions(items: Sequence[BodyItem], *, portfolios: Sequence[str] = ()) -> Body:
    """Split a supplement's body (after its header) into instruction segments.

    Args:
        items: the body's blocks and markers, in order.
        portfolios: the portfolios the supplement's header names; a body line
            that is one of them scopes the instructions after it.
    """
    splitter = _Splitter(portfolios)
    for item in items:
        splitter.item(item)
    return splitter.finish()
