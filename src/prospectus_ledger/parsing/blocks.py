"""Body lines into tree blocks: paragraphs, bullet lists and tables.

* A paragraph is a run of text lines ended by a blank line, a page break, a
  table, a bullet or a separator.  Inside a run, a line indented deeper than
  the line before it, after a line that ends a sentence, starts a new
  paragraph (first-line indentation without blank lines).  So does a line
  that starts in upper case after a line broken on purpose: one that ends a
  sentence (or reads as a heading of two words or more) and is short enough that the next line's
  first word would have fitted on it -- the way text typed without blank
  lines between paragraphs shows them.  In text whose lines are whole
  paragraphs (HTML flattened to text: some line is far longer than any typed
  line), every such line ends its paragraph whatever its length.  A
  paragraph cut by a page break continues when the text after the break
  starts in lower case.
* A bullet item starts with a bullet ("o ", "•", "-", "*", "|n") and goes on
  over the following lines of its run that are indented past the bullet.
  Consecutive items, blank lines between them or not, form one list.
* Tables come from :mod:`~prospectus_ledger.parsing.tables`.

Every block keeps the lines it came from.  Separators ("* * *") and page
breaks are kept as markers, because they end an instruction's text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

import attrs

from ..tree import Block, BulletList, Paragraph
from ._memo import memo
from ._targets import words_of
from .grammar import Words, instructions
from .lines import CellTable, Line, LineKind, TextTable, Unit
from .tables import cell_table, text_table_blocks

__all__ = [
    "BodyItem",
    "Layout",
    "Marker",
    "SourcedBlock",
    "body_items",
    "heading_like",
    "layout_of",
]


_BULLET = re.compile(
    r"^( *)(?:[o\u2022\u00b7\u25aa\u25a0\u25cf\u25e6\uf0b7*\-\u2013]"
    r"|\|[nlq\u2022\u25a0\u00a7]|\.(?= {2}))( +)(?=\S)"
)
_GLYPH_ONLY = re.compile(
    r"^ *(?:\|[nlq\u2022\u25a0\u00a7]|[\u2022\u00b7\u25aa\u25a0\u25cf\u25e6\uf0b7]) *$"
)
# The first character of every line either pattern above matches (after its spaces).
_BULLET_FIRST = frozenset("o\u2022\u00b7\u25aa\u25a0\u25cf\u25e6\uf0b7*-\u2013|.")
_SENTENCE_END = tuple(".:;!?\"')\u201d\u2019")
# A line longer than this was not typed with line breaks: the text's lines are paragraphs.
_UNWRAPPED = 90
_OPENING = 80  # how much of a line the instruction openings are looked for in
_RULE_CHARS = frozenset("-=_ ")
# "Total Annual Fund Operating Expenses 0.92% 1.61%", "$1,000": a table's row, no heading.
_FIGURES = re.compile(r"\d%|\$\s?\d|(?<![\d.])\d{1,3}\.\d{1,2}(?![\d.])")
_TYPED_WIDTH = 100
_DEFAULT_WIDTH = 80
_HEADING_WIDTH = 80
_HEADING_WORDS = 12
_PREPOSITIONS = frozenset(("in", "under", "within", "for", "to", "of", "on", "at", "by", "with"))
_SMALL_WORDS = frozenset(
    ("a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the")
) | frozenset(("to", "with", "&", "-", "\u2013", "\u2014"))


@attrs.frozen
class Layout:
    """How a text's lines relate to its paragraphs.

    Attributes:
        unwrapped: every line is a whole paragraph (HTML flattened to text).
        width: the column at which typed lines wrap.
    """

    unwrapped: bool = False
    width: int = _DEFAULT_WIDTH


def layout_of(units: Sequence[Unit]) -> Layout:
    """The layout of a text, from the lengths of its text lines."""
    lengths = [
        len(unit.text) for unit in units if isinstance(unit, Line) and unit.kind is LineKind.TEXT
    ]
    if any(length > _UNWRAPPED for length in lengths):
        return Layout(unwrapped=True)
    typed = [length for length in lengths if length <= _TYPED_WIDTH]
    return Layout(width=max(typed, default=_DEFAULT_WIDTH))


@memo
def heading_like(text: str) -> bool:
    """Whether a line reads as a heading: short, no closing punctuation, words capitalised."""
    if len(text) > _HEADING_WIDTH:
        return False  # before splitting: most paragraphs are longer
    words = text.split()
    if not words or len(words) > _HEADING_WORDS:
        return False
    if text.endswith((".", ",", ";", "!", "?")) or words[-1].lower() in _SMALL_WORDS:
        return False
    if _FIGURES.search(text):
        return False  # "Management Fee 0.50% 0.50%": a table's row
    first = next((word for word in words if any(char.isalpha() for char in word)), "")
    if first.lower() in _PREPOSITIONS:
        return False
    # A word's first letter, past any bracket or quote: "(prior to May 21, 2012)" is no heading.
    return all(
        _first_letter(word).isupper() or word.lower() in _SMALL_WORDS for word in words
    ) and any(char.isalpha() for char in text)


def _first_letter(word: str) -> str:
    """A word's first character past any opening bracket or quote, as a capital when
    it is no letter ("25", "(12b-1)")."""
    first = word.lstrip("([{\"'\u201c\u2018")[:1]
    return first if first.isalpha() else "A"


# An item of a numbered list: "2. In the section ...", "B. The Fund ...".
_ITEM = re.compile(r"^(?:\d{1,2}|[A-Z]|[IVX]{1,5})\. {1,4}[A-Z\"\u201c]")


# A lettered item: "a. The first sentence ...", "(b) The Fund ...".
_LETTER_ITEM = re.compile(r"^\(?[a-z]{1,2}[.)] +\S")


def _opens_paragraph(text: str) -> bool:
    first = text[:1]
    return (
        first.isupper()
        or first.isdigit()
        or first in "\"'(\u201c\u2018"
        or _LETTER_ITEM.match(text) is not None
    )


@attrs.frozen
class SourcedBlock:
    """A tree block with the lines it was read from."""

    block: Block
    first_line: int
    last_line: int


@attrs.frozen
class Marker:
    """A separator or a page break between blocks."""

    kind: Literal["separator", "break"]
    line: int
    text: str = ""


BodyItem = SourcedBlock | Marker


class _Reader:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.items: list[BodyItem] = []
        self.paragraph: list[Line] = []
        self.bullets: list[tuple[str, int, int]] = []
        self.item: list[str] | None = None
        self.item_lines: tuple[int, int] = (0, 0)
        self.item_indent = 0
        self.previous_text = False

    # -- paragraphs -----------------------------------------------------------

    def end_paragraph(self) -> None:
        if self.paragraph:
            text = " ".join(line.stripped for line in self.paragraph)
            self.items.append(
                SourcedBlock(Paragraph(text), self.paragraph[0].number, self.paragraph[-1].number)
            )
            self.paragraph = []

    def broken_on_purpose(self, last: Line, line: Line) -> bool:
        """Whether the break between two lines of a run ends a paragraph."""
        text = line.stripped
        if not _opens_paragraph(text):
            return False
        if self.layout.unwrapped and (
            _ITEM.match(text) or instructions.OPENINGS.opens(Words(text[:_OPENING]))
        ):
            return True
        ended = last.stripped.endswith(_SENTENCE_END) or (
            heading_like(last.stripped) and " " in last.stripped
        )
        if self.layout.unwrapped or not ended:
            return ended
        first_word = text.split(" ", 1)[0]
        return len(last.text) + 1 + len(first_word) < self.layout.width

    def add_paragraph_line(self, line: Line) -> None:
        if self.paragraph and self.previous_text:
            last = self.paragraph[-1]
            if (
                len(self.paragraph) >= 2
                and line.indent > last.indent + 1
                and last.stripped.endswith(_SENTENCE_END)
            ) or self.broken_on_purpose(last, line):
                self.end_paragraph()
        elif self.paragraph:
            self.end_paragraph()
        self.paragraph.append(line)

    # -- bullets --------------------------------------------------------------

    def end_item(self) -> None:
        if self.item is not None:
            text = " ".join(part for part in self.item if part)
            if text:
                self.bullets.append((text, *self.item_lines))
            self.item = None

    def end_list(self) -> None:
        self.end_item()
        if self.bullets:
            self.items.append(
                SourcedBlock(
                    BulletList([text for text, _, _ in self.bullets]),
                    self.bullets[0][1],
                    self.bullets[-1][2],
                )
            )
            self.bullets = []

    def start_item(self, line: Line, text: str, indent: int) -> None:
        self.end_paragraph()
        self.end_item()
        self.item = [text] if text else []
        self.item_lines = (line.number, line.number)
        self.item_indent = indent

    def continue_item(self, line: Line) -> None:
        if self.item is not None:
            self.item.append(line.stripped)
            self.item_lines = (self.item_lines[0], line.number)

    # -- units ----------------------------------------------------------------

    def text_line(self, line: Line) -> None:
        if line.stripped == "|":
            return
        marked = line.stripped[:1] in _BULLET_FIRST
        bullet = _BULLET.match(line.text) if marked else None
        if bullet is not None:
            self.start_item(line, line.text[bullet.end() :].strip(), len(bullet.group(1)))
        elif marked and _GLYPH_ONLY.match(line.text):
            self.start_item(line, "", line.indent)
        elif self.item is not None and (
            not self.item or (self.previous_text and line.indent > self.item_indent)
        ):
            self.continue_item(line)
        else:
            self.end_list()
            self.add_paragraph_line(line)
        self.previous_text = True

    def unit(self, unit: Unit) -> None:
        if isinstance(unit, Line):
            if unit.kind is LineKind.TEXT:
                self.text_line(unit)
                return
            if unit.kind is LineKind.FURNITURE:
                return
            self.previous_text = False
            self.end_paragraph()
            if unit.kind is LineKind.BLANK:
                if self.item:
                    self.end_item()
                return
            self.end_list()
            kind: Literal["separator", "break"] = (
                "separator" if unit.kind is LineKind.SEPARATOR else "break"
            )
            self.items.append(Marker(kind, unit.number, unit.stripped))
            return
        self.previous_text = False
        self.end_paragraph()
        self.end_list()
        if isinstance(unit, TextTable):
            for block in text_table_blocks(unit):
                self.items.append(SourcedBlock(block, unit.number, unit.end))
        elif isinstance(unit, CellTable):
            self.items.append(SourcedBlock(cell_table(unit), unit.number, unit.end))


def _is_rule(units: Sequence[Unit], index: int, layout: Layout) -> bool:
    """Whether a separator line rules a typed table: dashes or equals signs between two
    text lines, with no blank line on either side."""
    unit = units[index]
    if layout.unwrapped or not isinstance(unit, Line) or unit.kind is not LineKind.SEPARATOR:
        return False
    if not set(unit.stripped) <= _RULE_CHARS or not 0 < index < len(units) - 1:
        return False
    before, after = units[index - 1], units[index + 1]
    return all(isinstance(line, Line) and line.kind is LineKind.TEXT for line in (before, after))


def _continuation(previous: BodyItem, following: BodyItem) -> SourcedBlock | None:
    """The joined paragraph when ``following`` continues ``previous`` after a break."""
    if not (isinstance(previous, SourcedBlock) and isinstance(following, SourcedBlock)):
        return None
    if not (isinstance(previous.block, Paragraph) and isinstance(following.block, Paragraph)):
        return None
    before, after = previous.block.text, following.block.text
    if not after or not after[0].islower() or before.endswith(_SENTENCE_END):
        return None
    return SourcedBlock(Paragraph(f"{before} {after}"), previous.first_line, following.last_line)


def _is_break(item: BodyItem) -> bool:
    return isinstance(item, Marker) and item.kind == "break"


def _join_across_breaks(items: list[BodyItem]) -> list[BodyItem]:
    """Join a paragraph cut by page breaks with its continuation."""
    joined: list[BodyItem] = []
    for item in items:
        if isinstance(item, SourcedBlock) and isinstance(item.block, Paragraph):
            end = len(joined)
            while end and _is_break(joined[end - 1]):
                end -= 1
            merged = _continuation(joined[end - 1], item) if 0 < end < len(joined) else None
            if merged is not None:
                del joined[end:]
                joined[-1] = merged
                continue
        joined.append(item)
    return joined


# A number that goes on with lower-case words: the rest of a line cut before it.
_PAGE_GOES_ON = re.compile(r"^\d{1,4}(?:-\d{1,4})? (?:of|in|and|to|through)\b")


def _goes_on(before: str, after: str) -> bool:
    """Whether a paragraph goes on in the next: it ends inside a quote, or the next opens
    with its verb."""
    if _open_quote(before):
        return True
    if _PAGE_GOES_ON.match(after) and not before.endswith(_SENTENCE_END):
        return True  # "... on page" / "23 of the Prospectus is deleted ..."
    # The next opens with the verb of this one ("... beneath the headings "A" and "B"" /
    # "Is replaced in its entirety with the following:").
    opens_with_verb = instructions.OPENS_WITH_VERB.match(words_of(after)) is not None
    return opens_with_verb and not before.endswith((".", ":", ";", "!", "?"))


def _open_quote(text: str) -> bool:
    """Whether a paragraph ends inside a curly quote it opened ("Under the heading
    entitled \u201c" / "What are the Fund's Principal Investments?,\u201d ...")."""
    return text.endswith("\u201c") or (
        text.count("\u201c") > text.count("\u201d") and not text.endswith(_SENTENCE_END)
    )


def _join_open_quotes(items: list[BodyItem]) -> list[BodyItem]:
    """Join a paragraph that ends inside a quote with the paragraph that closes it."""
    joined: list[BodyItem] = []
    for item in items:
        previous = joined[-1] if joined else None
        if (
            isinstance(previous, SourcedBlock)
            and isinstance(previous.block, Paragraph)
            and isinstance(item, SourcedBlock)
            and isinstance(item.block, Paragraph)
            and _goes_on(previous.block.text, item.block.text)
        ):
            space = "" if previous.block.text.endswith("\u201c") else " "
            text = f"{previous.block.text}{space}{item.block.text}"
            joined[-1] = SourcedBlock(Paragraph(text), previous.first_line, item.last_line)
            continue
        joined.append(item)
    return joined


def body_items(units: Sequence[Unit], layout: Layout | None = None) -> list[BodyItem]:
    """Read units into blocks and markers, in order (see the module docstring).

    Args:
        units: the units.
        layout: the layout of the whole text they come from; by default read
            from ``units`` alone.
    """
    reader = _Reader(layout if layout is not None else layout_of(units))
    for index, unit in enumerate(units):
        if _is_rule(units, index, reader.layout):
            # A rule under a table's header row, or above its total: a break in the
            # table's lines, not a separator that ends an instruction's text.
            reader.end_paragraph()
            continue
        reader.unit(unit)
    reader.end_paragraph()
    reader.end_list()
    return _join_open_quotes(_join_across_breaks(reader.items))
