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
from collections.abc import Callable, Sequence

import attrs

from .._text import heading_key, split_heading_path
from ..operations import BlockLocator
from ..tree import BulletList, Paragraph, block_text
from ._locations import section_ref
from ._memo import memo
from ._paragraphs import (
    is_lead_in,
    placed_lead,
    split_news,
    split_substitutions,
    split_word_changes,
)
from ._recognise import Action, Recognised, recognise
from ._runon import looks_like_instruction, split_run_on
from ._segments import Body, Segment
from ._targets import normalise, words_of
from ._tidy import collapsed_length
from .blocks import BodyItem, Marker, SourcedBlock, heading_like
from .effective import find_effective
from .grammar import headings as grammar
from .trailers import is_form_code, is_trailer, trailer_date

__all__ = [
    "Body",
    "Recognised",
    "Segment",
    "looks_like_instruction",
    "recognise",
    "split_instructions",
]


_MAX_LABEL = 200
_LABEL_SLACK = 8
_MAX_ROMAN_LABEL = 80

# "I. In the section ...", "Under the heading ...": a paragraph that opens with a place.
_LOCATION_OPENING = re.compile(
    r"^(?:[IVX]{1,5}\.|\d{1,2}\.|[A-Z]\.|\([a-z0-9]{1,3}\))?\s*(?:in|under|within) the\b",
    re.IGNORECASE,
)
# "ACANI-15-02 October 30, 2015 1.855551.112": a sticker's closing code.
_STICKER_CODE = re.compile(r"^[A-Z]{2,8}-\d{2}-\d{2}\b")
_ITEM_ONLY = re.compile(r"^\s*\(?(?:\d{1,2}|[A-Za-z]|[IVXivx]{1,5})[.)]\s*$")
_SUPERSEDES = re.compile(r"^this supplement\b[^.]{0,40}?\b(?:supersedes|replaces)\b", re.IGNORECASE)
_ROMAN_LABEL = re.compile(r"^[IVX]{1,6}\. {1,3}\S")


# -- splitting --------------------------------------------------------------------

# "Is replaced in its entirety with the following:": the verb of the words before it.
_PREDICATE = re.compile(r"^(?:Is|Are|Will be|Shall be|Has been|Have been)\b")
_FOLLOWING = re.compile(r"\bthe following\b", re.IGNORECASE)
_CHANGES_OF_WORDS = ("replace_section", "replace_block", "delete_section", "delete_block")
_PLACE_ACTIONS = ("replace_section", "insert_blocks", "insert_section", "unknown")


def _paragraph_text(item: SourcedBlock) -> str | None:
    return item.block.text if isinstance(item.block, Paragraph) else None


def _portfolio_label(text: str, portfolios: Sequence[str]) -> str | None:
    return _label_of(text, tuple(portfolios))


@memo
def _label_of(text: str, portfolios: tuple[str, ...]) -> str | None:
    if not portfolios or len(text) > _MAX_LABEL:
        return None
    longest = max(len(name) for name in portfolios)
    if collapsed_length(text) > longest + _LABEL_SLACK:
        return None
    words = (
        _ROMAN_LABEL.sub(lambda match: match.group(0)[-1], text.strip())
        if _ROMAN_LABEL.match(text)
        else text
    )
    key = heading_key(words)
    return next((name for name in portfolios if heading_key(name) == key), None)


class _Splitter:
    def __init__(
        self,
        portfolios: Sequence[str],
        headings: frozenset[int] = frozenset(),
        before_instructions: frozenset[int] = frozenset(),
    ) -> None:
        self.portfolios = tuple(portfolios)
        self.headings = headings
        self.before_instructions = before_instructions
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

    @staticmethod
    def _is_roman_label(text: str) -> bool:
        """A heading of the supplement itself: "I.  Change in Portfolio Management Team"."""
        return (
            _ROMAN_LABEL.match(text) is not None
            and len(text) <= _MAX_ROMAN_LABEL
            and not looks_like_instruction(text)
        )

    def paragraph(self, item: SourcedBlock, text: str) -> None:
        """Read one paragraph: the first boundary rule that takes it decides what it is
        (:data:`BOUNDARIES`); a paragraph none takes is text of the current segment."""
        for _name, rule in BOUNDARIES:
            if rule(self, item, text):
                return
        self.append(item)

    # -- boundary rules, in the order BOUNDARIES tries them --------------------------

    def run_on(self, item: SourcedBlock, text: str) -> bool:
        """An instruction run together with its new text: read each part."""
        head, rest = split_run_on(item, text)
        if rest is None:
            return False
        self.paragraph(head, block_text(head.block))
        words = block_text(rest.block)
        if _ITEM_ONLY.match(words):
            # "... is revised as follows: a." -- the number of the item that follows.
            self.labels.append(rest)
        elif looks_like_instruction(words):
            # "... is revised as follows: a. The first sentence ... is replaced:" -- items.
            self.paragraph(rest, words)
        else:
            self.append(rest)
        return True

    def caption(self, item: SourcedBlock, text: str) -> bool:
        """A run-in caption names the place of the paragraph it opens and of the
        instructions after it, up to the next caption."""
        found = grammar.RUN_IN_CAPTION.match(words_of(normalise(text)))
        if found is None:
            return False
        self.close()
        words = normalise(text)
        self.location = split_heading_path(found["caption"] or "")
        self.place_level = None
        caption = _part(item, words[: found.end()].rstrip())
        self.labels.append(caption)
        rest = words[found.end() :]
        self.paragraph(_part(item, rest), rest)
        return True

    def trailer_line(self, item: SourcedBlock, text: str) -> bool:
        """A closing line ("Date: ...", "retain for future reference") ends the text."""
        if not is_trailer(text):
            return False
        self.close()
        self.trailer.append(item)
        return True

    def sticker_code(self, item: SourcedBlock, text: str) -> bool:
        """A sticker's closing code and date: the next text is another sticker."""
        if not (_STICKER_CODE.match(text) and is_form_code(text) and trailer_date(text)):
            return False
        self.close()
        self.trailer.append(item)
        self.breaks.append((len(self.segments), len(self.trailer)))
        return True

    def portfolio_name(self, item: SourcedBlock, text: str) -> bool:
        """A portfolio's name: the instructions after it concern that portfolio."""
        label = _portfolio_label(text, self.portfolios)
        if label is None or not self.boundary_allowed(
            portfolio=True, before_instruction=id(item) in self.before_instructions
        ):
            return False
        self.close()
        self.scope = label
        self.labels.append(item)
        return True

    def item_number(self, item: SourcedBlock, text: str) -> bool:
        """The number of the item that follows ("1." or "a." alone on its line).  The
        next item of the level that named a place for its sub-items ends that place."""
        if not _ITEM_ONLY.match(text):
            return False
        self.labels.append(item)
        level = _level(text)
        if self.place_level is not None and level == self.place_level:
            self.location = ()
            self.place_level = None
        self.level = level
        return True

    def roman_label(self, item: SourcedBlock, text: str) -> bool:
        """A heading of the supplement itself: "I.  Change in Portfolio Management Team"."""
        if not (self._is_roman_label(text) and self.boundary_allowed(portfolio=False)):
            return False
        self.close()
        self.labels.append(item)
        return True

    def context_heading(self, item: SourcedBlock, text: str) -> bool:
        """The document's headings printed above an instruction: where it applies."""
        if id(item) not in self.headings or not self.boundary_allowed(portfolio=False):
            return False
        self.close()
        self.labels.append(item)
        self.pending.append(text.strip().rstrip(":").strip())
        return True

    def word_changes(self, item: SourcedBlock, text: str) -> bool:
        """News with sentences that change words wherever they stand ("... will no longer
        serve. All references to Ms. Trillo are deleted."): the news is a notice, each
        such sentence an instruction, timed by the news before it."""
        if self.waiting():
            return False
        parts = split_word_changes(text)
        if parts is None:
            return False
        lead = self.lead
        for words, changes_words in parts:
            if changes_words:
                self.instruction(_part(item, words), words, lead)
            else:
                # News; or news that ends with a lead-in ("... As a result, the following
                # portions of the prospectus are amended as indicated below:").
                self.close()
                self.paragraph(_part(item, words), words)
                if find_effective(words).words:
                    lead = words  # the news times what follows it

        return True

    def waiting(self) -> bool:
        """Whether the current instruction still waits for its new text."""
        current = self.current
        return (
            current is not None
            and current.recognised is not None
            and current.recognised.takes_content
            and not self.content
        )

    def predicate(self, item: SourcedBlock, text: str) -> bool:
        """An instruction split around the words it quotes: "... the following language
        in the sub-sections entitled "X":" / <the old words> / "Is replaced in its
        entirety with the following:" -- one instruction, on those words."""
        current = self.current
        if not _PREDICATE.match(text) or current is None or current.head is not None:
            return False
        subject = _paragraph_text(self.content[0]) if self.content else None
        old = [_paragraph_text(piece) for piece in self.content[1:]]
        if not subject or not old or any(words is None for words in old):
            return False
        if not _FOLLOWING.search(subject) or not subject.rstrip().endswith(":"):
            return False
        quoted = " ".join(words for words in old if words)
        found = recognise(f"{subject.rstrip().rstrip(':')} {text}", self.portfolios)
        if found.action not in _CHANGES_OF_WORDS:
            return False
        action: Action = "delete_block" if found.action.startswith("delete") else "replace_block"
        found = attrs.evolve(
            found,
            action=action,
            locator=BlockLocator("block", anchor=quoted, match="contains"),
            words=quoted,
            sentences=None,
        )
        head = SourcedBlock(
            Paragraph("\n\n".join([subject, *(words for words in old if words), text])),
            self.content[0].first_line,
            item.last_line,
        )
        self.current, self.content = None, []
        self.instruction(head, text, self.lead, recognised=found)
        return True

    def supersedes(self, item: SourcedBlock, text: str) -> bool:
        """ "This supplement supersedes and replaces the supplement dated ...": news."""
        if not _SUPERSEDES.match(text):
            return False
        self.close()
        self.current = Segment(item, Recognised("announcement"), portfolio=self.scope)
        return True

    def lead_in(self, item: SourcedBlock, text: str) -> bool:
        """A lead-in ("The Prospectus is amended as follows:") gives the instructions after
        it their time."""
        if not is_lead_in(text):
            return False
        self.close()
        self.leads.append(item)
        self.lead = text
        self.location = ()
        return True

    def placed_lead_in(self, item: SourcedBlock, text: str) -> bool:
        """A lead-in that names the place of the changes after it: "Effective January 1,
        2017, the following changes are made to the third paragraph of the "X" section:"
        gives them their time and their place."""
        location = placed_lead(text)
        if not location:
            return False
        self.close()
        self.leads.append(item)
        self.lead = text
        self.location = location
        self.place_level = None
        return True

    def location_lead(self, item: SourcedBlock, text: str) -> bool:
        """A lead-in that only names a place, for the numbered items after it."""
        location = _location_lead(text)
        if not location:
            return False
        self.close()
        self.leads.append(item)
        self.location = location
        return True

    def instruction_paragraph(self, item: SourcedBlock, text: str) -> bool:
        """An instruction: it starts a segment of its own."""
        if not looks_like_instruction(text):
            return False
        self.instruction(item, text, self.lead)
        return True

    def split_paragraph(self, item: SourcedBlock, text: str) -> bool:
        """A paragraph that holds news and an instruction, or several substitutions."""
        news = split_news(text, looks_like_instruction)
        if news is not None:
            first, rest = (_part(item, words) for words in news)
            current = self.current
            if current is not None and current.head is not None and not self.waiting():
                self.close()
            # The sentences before the instruction are news, or the text of an
            # instruction just before that is still waiting for it.
            self.append(first)
            self.paragraph(rest, block_text(rest.block))
            return True
        several = (
            split_substitutions(text, looks_like_instruction)
            if looks_like_instruction(text)
            else None
        )
        if several is not None:
            for index, words in enumerate(several):
                lead = several[0] if index else self.lead
                self.instruction(_part(item, words), words, lead, shared=index < len(several) - 1)
            return True
        return False

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
        text = _paragraph_text(item)
        if text is not None:
            self.paragraph(item, text)
        elif self._instruction_items(item):
            # "• All references to A are changed to B." "• The following is added ...":
            # a list of instructions, each item read as a paragraph of its own.
            assert isinstance(item.block, BulletList)
            for words in item.block.items:
                self.paragraph(_part(item, words), words)
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
        breaks = tuple(cut for cut in self.breaks if cut[0] < len(self.segments))
        return Body(
            tuple(self.segments),
            (*self.trailer, *tail),
            tuple(self.labels),
            tuple(self.leads),
            breaks,
        )


BoundaryRule = Callable[[_Splitter, SourcedBlock, str], bool]
BOUNDARIES: tuple[tuple[str, BoundaryRule], ...] = (
    ("run-in caption", _Splitter.caption),
    ("run on", _Splitter.run_on),
    ("trailer", _Splitter.trailer_line),
    ("sticker code", _Splitter.sticker_code),
    ("portfolio name", _Splitter.portfolio_name),
    ("item number", _Splitter.item_number),
    ("roman label", _Splitter.roman_label),
    ("context heading", _Splitter.context_heading),
    ("news and word changes", _Splitter.word_changes),
    ("news and instruction", _Splitter.split_paragraph),
    ("supersedes", _Splitter.supersedes),
    ("verb of the text before", _Splitter.predicate),
    ("lead-in", _Splitter.lead_in),
    ("lead-in with a place", _Splitter.placed_lead_in),
    ("location lead", _Splitter.location_lead),
    ("instruction", _Splitter.instruction_paragraph),
)
"""The splitter's boundary rules, in order: the first that takes a paragraph decides what
it is (markdown-it's block rule chain, declared the same way).  Each is a method of the
splitter that answers whether it took the paragraph."""


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
    splitter = _Splitter(portfolios, *_context_headings(items, portfolios))
    splitter.location = place
    for item in items:
        splitter.item(item)
    return splitter.finish()


def _context_headings(
    items: Sequence[BodyItem], portfolios: Sequence[str]
) -> tuple[frozenset[int], frozenset[int]]:
    """The ``id`` of every heading-like paragraph that, alone or with others like it,
    stands right above an instruction (the document's headings, printed to say
    where the instruction applies), and of every portfolio's name that does."""
    headings: set[int] = set()
    labels: set[int] = set()
    run: list[tuple[int, bool]] = []
    for item in items:
        if isinstance(item, Marker):
            continue
        text = _paragraph_text(item)
        if text is None:
            run = []
            continue
        is_label = _portfolio_label(text, portfolios) is not None
        if is_label or (heading_like(text) and not looks_like_instruction(text)):
            run.append((id(item), is_label))
            continue
        if run and looks_like_instruction(text):
            headings.update(key for key, label in run if not label)
            labels.update(key for key, label in run if label)
        run = []
    return frozenset(headings), frozenset(labels)


def _level(label: str) -> str:
    """The style of an item number: digits, roman numerals, or letters."""
    mark = label.strip().strip("().")
    if mark.isdigit():
        return "digit"
    if len(mark) > 1 and all(char in "IVXivx" for char in mark):
        return "roman"
    return "upper" if mark.isupper() else "lower"


def _location_lead(text: str) -> tuple[str, ...]:
    """The place a paragraph names when it only names one, for the items after it:
    "I. In the section entitled "Introduction," under the subheading "X":"."""
    if len(text) > _MAX_LABEL or not text.rstrip().endswith(":") or looks_like_instruction(text):
        return ()
    words = normalise(text)
    if not _LOCATION_OPENING.match(words):
        return ()
    ref = section_ref(words)
    return ref.path if ref is not None else ()


def _part(item: SourcedBlock, words: str) -> SourcedBlock:
    return SourcedBlock(Paragraph(words), item.first_line, item.last_line)
