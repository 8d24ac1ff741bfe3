"""Title blocks: the short lines that open a supplement, and its intro paragraphs.

A supplement opens with a *title block* of short lines (registrant,
portfolios, "SUPPLEMENT DATED ... TO PROSPECTUSES DATED ...") and often an
*intro* paragraph ("This Supplement is made as of ...").  This module finds
them; :mod:`.headers` reads what they say.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from typing import TypeVar, overload

import attrs

from ._dates import is_date_only
from ._memo import memo
from ._namelines import edition_line, fund_list, listing, name_like
from ._targets import normalise, words_of
from ._tidy import tidy
from .effective import find_effective
from .grammar import Gate, Words
from .grammar import supplements as grammar
from .instructions import looks_like_instruction
from .lines import CellTable, Line, LineKind, TextTable, Unit, chunks
from .trailers import is_form_code, is_trailer

__all__ = [
    "TitleBlock",
    "has_anchor",
    "is_intro",
    "is_name_line",
    "is_phrase_line",
    "is_title_chunk",
    "title_blocks",
]


_CONNECTOR = re.compile(
    r"^(?:and|and to|to|to the|to:|of|of the|for|for:|and the|to each of the|each)$", re.IGNORECASE
)
_TITLE_WIDTH = 70
_SHORT = 55
_PARENTHESIS_WIDTH = 100
_TITLE_LINES = 40
_MAX_INTRO = 700
_PROBE = 200
_CONTINUATIONS = frozenset({"to", "and", "dated", "as", "of", "for", "each", "or"})
_DANGLING = (" and", " to", " of", " the", " or", ",", " for", " dated")
_DANGLING_WIDTH = max(len(ending) for ending in _DANGLING)
_CONTINUED_WIDTH = 100
_EDITION_WIDTH = 300
_LATE = 2
# The most name lines a title opening late in a run of text may start with, and how
# many make a title's head on their own.
_LATE_NAMES = 12
_NAMES_ENOUGH = 2
_PARAGRAPH_END = (".", ":", ";", "!", "?", '"', "\u201d")
# Lines that open the body, not the title: an effective time, an item number alone.
_NOT_TITLE = re.compile(r"^(?:effective\b|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]$)", re.IGNORECASE)

# An intro opens as one, or names a place, or reads as a lead-in: a paragraph none of
# their rules may match is no intro.
_INTRODUCES = Gate([grammar.INTRO_PLACE, grammar.INTRO, grammar.LEAD_IN])


@attrs.frozen
class TitleBlock:
    """A run of title chunks: unit indices ``[start, end)``.

    ``split`` is where a supplement that this block opens starts: after the
    last page break before the block's supplement phrase.
    """

    start: int
    end: int
    split: int
    anchored: bool


def has_anchor(text: str) -> bool:
    """Whether a title line opens a supplement phrase ("SUPPLEMENT DATED ...")."""
    # Asked of nearly every line: most hold no "supplement" at all, answered here
    # without the cache (which hashes the text).
    if "upplement" not in text and "UPPLEMENT" not in text:
        return False
    return _anchored(text[:_PROBE])


@memo
def _anchored(probe: str) -> bool:
    """:func:`has_anchor` of a line's first characters (remembered per filing)."""
    if "upplement" not in probe and "UPPLEMENT" not in probe:
        return False
    words = tidy(probe)
    # A title line starts with a capital: "supplement, Fasciano Fund will ..." is running
    # text broken after "the date of this".
    return words[:1].isupper() and grammar.ANCHOR.match(Words(words)) is not None


def _title_line(text: str, previous: str, *, across: bool = False) -> bool:
    """Whether one line can be part of a title, given the title line before it
    (``across``: in the paragraph before, which only a dangling word continues)."""
    if has_anchor(text):
        return True
    if text.endswith("\u201c"):
        return False  # "Under the heading entitled \u201c": an instruction, cut at a quote
    first = text.split(" ", 1)[0].lower()
    # Only the end of the line before can end with a dangling word: lower-case that.
    ending = previous[-_DANGLING_WIDTH:].lower()
    in_phrase = bool(previous) and is_phrase_line(previous)
    continues = (
        # Across paragraphs, "To the Prospectus dated ..." but not "As of May 1, the Fund ...".
        (first in _CONTINUATIONS and (not across or is_phrase_line(text)))
        or ending.endswith(_DANGLING)
        # "... to the currently effective" / "Prospectuses, Summary Prospectuses and ..."
        # (a short line is a title line whether it goes on or not).
        or (in_phrase and len(text) > _SHORT and grammar.KIND.match(Words(text)) is not None)
    )
    if (
        "(" in previous
        and previous.count("(") > previous.count(")")
        and (len(text) <= _SHORT or (")" in text and len(text) <= _CONTINUED_WIDTH))
    ):
        # "(a series of JPMorgan Trust" / "I)": the rest of a parenthesis.
        return True
    if len(text) > _SHORT and fund_list(text):
        # "Columbia Retirement Plus 2010 Fund, Columbia Retirement Plus 2015 Fund, ...".
        return True
    if in_phrase and _SHORT < len(text) <= _EDITION_WIDTH and edition_line(text):
        # "PIMCO Global Multi-Asset Fund Class A and Class C Prospectus, dated August 27, 2008".
        return not (is_intro(text) or looks_like_instruction(text))
    if len(text) > _PARENTHESIS_WIDTH and not continues:
        return False
    # _may_be_title holds every short line: call it only for longer ones.
    if len(text) > _SHORT and not _may_be_title(text, previous, continues=continues):
        return False
    return not (
        _NOT_TITLE.match(text) or is_intro(text) or is_trailer(text) or looks_like_instruction(text)
    )


def _may_be_title(text: str, previous: str, *, continues: bool) -> bool:
    """Whether a line's length and words fit a title (before the costlier exclusions)."""
    if len(text) <= _SHORT or (
        len(text) <= _TITLE_WIDTH and (is_phrase_line(text) or is_name_line(text))
    ):
        return True
    if text.startswith("(") and text.endswith(")") and len(text) <= _PARENTHESIS_WIDTH:
        return True
    if len(text) <= _PARENTHESIS_WIDTH and name_like(text):
        # "Class A, Class C, ... and Class R6 Shares of the", "Delaware Global Equity Fund II
        # (formerly, Delaware Global Value Equity Fund)".
        return True
    if len(text) <= _PARENTHESIS_WIDTH and grammar.EDITION_NOTE.found(Words(text)):
        # "American Century Mutual Funds, Inc. (SAI dated July 26, 2013)"
        return True
    if continues and len(text) <= _CONTINUED_WIDTH and previous and is_phrase_line(previous):
        # "Supplement dated April 13, 2010 to the" / "Institutional Class ... Prospectus for the"
        return True
    return continues and is_phrase_line(text)


_T = TypeVar("_T")


class _Window(Sequence[_T]):
    """``items[lo:hi]`` without copying: the title search reads the rest of a run again
    after each title it finds in it, and copying that rest each time made a run of
    many titles (an attack, or a filing of nothing but titles) take quadratic time."""

    __slots__ = ("_hi", "_items", "_lo")

    def __init__(self, items: Sequence[_T], lo: int, hi: int) -> None:
        self._items, self._lo, self._hi = items, lo, hi

    def __len__(self) -> int:
        return self._hi - self._lo

    @overload
    def __getitem__(self, key: int) -> _T: ...

    @overload
    def __getitem__(self, key: slice) -> _Window[_T]: ...

    def __getitem__(self, key: int | slice) -> _T | _Window[_T]:
        if isinstance(key, slice):
            start, stop, _ = key.indices(len(self))
            return _Window(self._items, self._lo + start, self._lo + max(start, stop))
        index = key + len(self) if key < 0 else key
        if not 0 <= index < len(self):
            raise IndexError(key)
        return self._items[self._lo + index]

    def __iter__(self) -> Iterator[_T]:
        # map() over a range runs in C: no generator frame per item.
        return map(self._items.__getitem__, range(self._lo, self._hi))


def _title_prefix(lines: Sequence[Line]) -> int:
    """How many leading lines of a run can be title lines, no title being open."""
    return _prefix_of(_leading_texts(lines))


def _leading_texts(lines: Sequence[Line]) -> tuple[str, ...]:
    """The stripped texts of the lines a title prefix may take (and one more).

    A listing of editions ("PUTNAM OTC & EMERGING GROWTH FUND" / "Prospectus
    dated December 16, 1996") goes on past the cap of title lines.
    """
    texts = [line.stripped for line in lines[:_TITLE_LINES]]
    for line in lines[_TITLE_LINES:]:
        texts.append(line.stripped)
        if not listing(line.stripped):
            break
    return tuple(texts)


@memo
def _prefix_of(texts: tuple[str, ...], before: str = "") -> int:
    count, previous = 0, before
    for raw in texts:
        text = tidy(raw)
        if not _title_line(text, previous, across=bool(before) and not count):
            if count and text[:1].islower() and not is_phrase_line(previous):
                # "The Fund (the "Fund") commenced" / "operations on ...": the line
                # before running text that it goes on in starts that text.
                count -= 1
            break
        count += 1
        previous = text
    return count


def is_title_chunk(lines: Sequence[Line]) -> bool:
    """Whether a whole run of lines is part of a title, no title being open.

    Each line must be short (or continue a supplement phrase, or only name),
    and the run must not read as an intro, an instruction or a trailer.
    """
    return _is_title_chunk(lines, _leading_texts(lines))


def _is_title_chunk(lines: Sequence[Line], leading: tuple[str, ...], before: str = "") -> bool:
    """:func:`is_title_chunk`, given the lines' :func:`_leading_texts`."""
    if not lines or len(lines) > len(leading):
        return False
    if _prefix_of(leading, before) != len(lines):
        return False
    if len(lines) == 1:
        return True
    text = tidy(" ".join(line.stripped for line in lines))
    if not text or is_intro(text) or is_trailer(text):
        return False
    return has_anchor(text) or not looks_like_instruction(text)


def _late_anchor(lines: Sequence[Line], leading: tuple[str, ...], before: str = "") -> int:
    """Where a title starts in a run that opens with other text: at a supplement
    phrase among its first lines, or after a line that ends a paragraph, or at the
    names printed above the phrase (``leading``: the lines' :func:`_leading_texts`)."""
    prefix = _prefix_of(leading, before)
    if not lines or any(has_anchor(text) for text in leading[:prefix]):
        return 0
    texts = [line.stripped for line in lines]
    for offset in range(1, len(texts)):
        if not has_anchor(texts[offset]):
            continue
        if offset <= _LATE or texts[offset - 1].endswith(_PARAGRAPH_END):
            # Within the first lines, or after a paragraph that ends: a new supplement
            # in text with no blank lines ("... for future reference." / "Supplement dated").
            return offset
        # The names above it, read from the few lines they may take (not the whole run).
        base = max(0, offset - _LATE_NAMES - 1)
        names = _names_above(texts[base:offset], offset - base)
        if names is not None:
            return base + names
    return 0


def _names_above(texts: Sequence[str], offset: int) -> int | None:
    """Where the names above a late supplement phrase start ("MGN-SYMPHP-1213P" /
    "NUVEEN SYMPHONY INTERNATIONAL EQUITY FUND" / ... / "SUPPLEMENT DATED DECEMBER 6,
    2013"): after a closing line or a paragraph's end, or two name or date lines at
    least, or names closed by their defined term ('(collectively the "Funds")');
    ``None`` when no names are there."""
    start = offset
    while start > 0 and offset - start < _LATE_NAMES and _heads_title(texts[start - 1]):
        start -= 1
    if start == offset:
        return None
    above = tidy(texts[start - 1]) if start else ""
    if (
        not start
        or grammar.TRAILING_TERM.match(Words(tidy(texts[offset - 1]))) is not None
        or above.endswith(_PARAGRAPH_END)
        or is_form_code(above)
        or is_trailer(above)
        or offset - start >= _NAMES_ENOUGH
    ):
        return start
    return None


def _heads_title(text: str) -> bool:
    """Whether a line may stand above a supplement phrase: a name, a list of names, a date."""
    words = tidy(text)
    return (
        is_date_only(words)
        or fund_list(words)
        or (len(words) <= _SHORT and is_name_line(words))
        or (len(words) <= _PARENTHESIS_WIDTH and name_like(words))
    )


def title_blocks(units: Sequence[Unit]) -> list[TitleBlock]:
    """The runs of title lines in ``units``, in order.

    Blank lines, breaks, furniture and separators may lie between the chunks
    of a run; a table or a chunk that is not a title ends it.  A run of lines
    that opens with a supplement phrase and goes on with running text (as in
    text flattened from HTML) ends the title where the running text starts.
    A supplement phrase later in a run of lines, after a line that ends a
    paragraph, starts a title too (text with no blank lines).
    """
    blocks: list[TitleBlock] = []
    run: TitleBlock | None = None
    context = ""  # the last line of the open title
    previous = 0
    pending = list(chunks(units))
    pending.reverse()
    # The text lines and where they stand, once: each chunk (and what is left of one
    # after a title) is a window on them.
    at: list[int] = []
    text_lines: list[Line] = []
    for index, unit in enumerate(units):
        if isinstance(unit, Line) and unit.kind is LineKind.TEXT:
            at.append(index)
            text_lines.append(unit)
    while pending:
        start, stop = pending.pop()
        gap = units[previous:start]
        previous = stop
        low, high = bisect.bisect_left(at, start), bisect.bisect_left(at, stop)
        indices = _Window(at, low, high)
        lines = _Window(text_lines, low, high)
        if run is not None and any(isinstance(u, (TextTable, CellTable)) for u in gap):
            blocks.append(run)
            run = None
        leading = _leading_texts(lines)
        before = context if run is not None else ""
        if _is_title_chunk(lines, leading, before):
            end, title_lines = stop, lines
            anchored = any(has_anchor(line.stripped) for line in title_lines)
        else:
            offset = _late_anchor(lines, leading, before)
            prefix = _prefix_of(leading, before) if not offset else _title_prefix(lines[offset:])
            title_lines = lines[offset : offset + prefix]
            anchored = any(has_anchor(line.stripped) for line in title_lines)
            # A list of funds and dates that opens a run of text goes on a title
            # already open (a table of funds and their prospectuses' dates).
            extends = (
                run is not None
                and run.anchored
                and not offset
                and all(listing(line.stripped) for line in lines[:prefix])
            )
            if not prefix or not (anchored or extends):
                if run is not None:
                    blocks.append(run)
                    run = None
                continue
            if offset:
                # A line or two of other text before the phrase: the title starts at it.
                if run is not None:
                    blocks.append(run)
                    run = None
                start = indices[offset]
            last = offset + prefix
            end = indices[last] if last < len(indices) else stop
        context = tidy(title_lines[-1].stripped) if title_lines else ""
        broken = any(isinstance(u, Line) and u.kind is LineKind.BREAK for u in gap)
        if run is None:
            run = TitleBlock(start, end, start, anchored)
        else:
            split = start if broken and not run.anchored else run.split
            run = TitleBlock(run.start, end, split, run.anchored or anchored)
        if end < stop:
            blocks.append(run)
            run = None
            # The rest of the run is body text; a later supplement may start in it.
            pending.append((end, stop))
            previous = end
    if run is not None:
        blocks.append(run)
    return blocks


@memo
def is_name_line(text: str) -> bool:
    """Whether a title line holds a word of a name ("Trust", "Fund", "Portfolios")."""
    return grammar.NAME_WORD.found(words_of(text))


@memo
def is_phrase_line(text: str) -> bool:
    """Whether a title line is part of the supplement phrase (documents, dates, connectives)."""
    return (
        has_anchor(text)
        or grammar.PHRASE_WORD.found(words_of(text))
        or _CONNECTOR.match(text) is not None
        or is_date_only(text)
    )


@memo
def is_intro(text: str) -> bool:
    """Whether a paragraph is a supplement's intro or a lead-in that changes nothing itself.

    Intros are short and change nothing: a long paragraph that starts like
    one, or one that also gives an instruction, holds more than an intro
    (text whose paragraph breaks were lost) and stays body text.
    """
    if len(text) > 4 * _MAX_INTRO:
        return False
    words = normalise(text)
    if len(words) > _MAX_INTRO or not _INTRODUCES.may_match(words):
        return False
    read = Words(words)
    if grammar.NOT_INTRO.match(read):
        return False
    if grammar.INTRO_PLACE.match(read):
        # "This Supplement updates the "X" section ...": the place of what follows.
        return True
    introduces = grammar.INTRO.match(read) is not None
    if not introduces and not grammar.LEAD_IN.may_match(read):
        return False  # neither an intro's opening nor a lead-in's words: most paragraphs
    # Lower case does for the tests below (a quote, a word of structure).
    bare = read.sub(grammar.DEFINED_TERM, "").lower
    names_a_part = '"' in bare or grammar.STRUCTURE_WORD.found(Words(bare))
    if grammar.ACTS.found(read):
        # "The above prospectus is supplemented by the addition of the following funds:"
        return False
    if not introduces:
        core = words
        stated = find_effective(words).words
        if stated and core.startswith(stated):
            core = core[len(stated) :].lstrip(", ")
        if names_a_part or not grammar.LEAD_IN.match(Words(core)):
            return False
    return not names_a_part or not looks_like_instruction(words)
