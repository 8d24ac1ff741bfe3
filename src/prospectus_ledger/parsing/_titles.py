"""Title blocks: the short lines that open a supplement, and its intro paragraphs.

A supplement opens with a *title block* of short lines (registrant,
portfolios, "SUPPLEMENT DATED ... TO PROSPECTUSES DATED ...") and often an
*intro* paragraph ("This Supplement is made as of ...").  This module finds
them; :mod:`.headers` reads what they say.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from ._dates import is_date_only
from ._memo import memo
from ._targets import normalise
from ._tidy import tidy
from .effective import find_effective
from .grammar import Words
from .grammar import supplements as grammar
from .instructions import looks_like_instruction
from .lines import CellTable, Line, LineKind, TextTable, Unit, chunks
from .trailers import is_trailer

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
# A defined term, '(the "Fund")', names no part of the document.
_DEFINED_TERM = re.compile(r"\((?:the|each|a|an|collectively|together)\b[^()]{0,80}\)", re.I)
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
_NAME_END = re.compile(r"\b(?:Fund|Portfolio|ETF|Trust)\u00ae?$")
_LIST_SEPARATOR = re.compile(r",(?: and)? ")
_LATE = 2
_PARAGRAPH_END = (".", ":", ";", "!", "?", '"', "\u201d")
# Lines that open the body, not the title: an effective time, an item number alone.
_NOT_TITLE = re.compile(r"^(?:effective\b|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]$)", re.IGNORECASE)


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


def _title_line(text: str, previous: str) -> bool:
    """Whether one line can be part of a title, given the title line before it."""
    if has_anchor(text):
        return True
    first = text.split(" ", 1)[0].lower()
    # Only the end of the line before can end with a dangling word: lower-case that.
    ending = previous[-_DANGLING_WIDTH:].lower()
    continues = first in _CONTINUATIONS or ending.endswith(_DANGLING)
    if "(" in previous and previous.count("(") > previous.count(")") and len(text) <= _SHORT:
        # "(a series of JPMorgan Trust" / "I)": the rest of a parenthesis.
        return True
    if _fund_list(text):
        # "Columbia Retirement Plus 2010 Fund, Columbia Retirement Plus 2015 Fund, ...".
        return True
    if len(text) > _PARENTHESIS_WIDTH and not continues:
        return False
    # _may_be_title holds every short line: call it only for longer ones.
    if len(text) > _SHORT and not _may_be_title(text, previous, continues=continues):
        return False
    return not (
        _NOT_TITLE.match(text) or is_intro(text) or is_trailer(text) or looks_like_instruction(text)
    )


def _listing(text: str) -> bool:
    """Whether a title line lists a fund's name or a date (a table of editions)."""
    text = tidy(text)
    return is_date_only(text) or _fund_list(text) or _NAME_END.search(text) is not None


def _fund_list(text: str) -> bool:
    """Whether a line only lists funds' names, separated by commas."""
    if ", " not in text:
        return False  # every separator holds ", ": one name only
    names = _LIST_SEPARATOR.split(text)
    return len(names) >= 2 and all(
        name[:1].isupper() and _NAME_END.search(name) is not None for name in names
    )


def _may_be_title(text: str, previous: str, *, continues: bool) -> bool:
    """Whether a line's length and words fit a title (before the costlier exclusions)."""
    if len(text) <= _SHORT or (
        len(text) <= _TITLE_WIDTH and (is_phrase_line(text) or is_name_line(text))
    ):
        return True
    if text.startswith("(") and text.endswith(")") and len(text) <= _PARENTHESIS_WIDTH:
        return True
    if len(text) <= _PARENTHESIS_WIDTH and grammar.EDITION_NOTE.found(Words(text)):
        # "American Century Mutual Funds, Inc. (SAI dated July 26, 2013)"
        return True
    if continues and len(text) <= _CONTINUED_WIDTH and previous and is_phrase_line(previous):
        # "Supplement dated April 13, 2010 to the" / "Institutional Class ... Prospectus for the"
        return True
    return continues and is_phrase_line(text)


def _title_prefix(lines: Sequence[Line]) -> int:
    """How many leading lines of a run can be title lines."""
    return _prefix_of(_leading_texts(lines))


def _leading_texts(lines: Sequence[Line]) -> tuple[str, ...]:
    """The stripped texts of the lines a title prefix may take (and one more)."""
    return tuple([line.stripped for line in lines[: _TITLE_LINES + 1]])


@memo
def _prefix_of(texts: tuple[str, ...]) -> int:
    count, previous = 0, ""
    for raw in texts:
        text = tidy(raw)
        if not _title_line(text, previous):
            if count and text[:1].islower() and not is_phrase_line(previous):
                # "The Fund (the "Fund") commenced" / "operations on ...": the line
                # before running text that it goes on in starts that text.
                count -= 1
            break
        count += 1
        previous = text
    return count


def is_title_chunk(lines: Sequence[Line]) -> bool:
    """Whether a whole run of lines is part of a title.

    Each line must be short (or continue a supplement phrase), and the run
    must not read as an intro, an instruction or a trailer.
    """
    return _is_title_chunk(lines, _leading_texts(lines))


def _is_title_chunk(lines: Sequence[Line], leading: tuple[str, ...]) -> bool:
    """:func:`is_title_chunk`, given the lines' :func:`_leading_texts`."""
    if not lines or len(lines) > _TITLE_LINES:
        return False
    if _prefix_of(leading) != len(lines):
        return False
    if len(lines) == 1:
        return True
    text = tidy(" ".join(line.stripped for line in lines))
    if not text or is_intro(text) or is_trailer(text):
        return False
    return has_anchor(text) or not looks_like_instruction(text)


def _late_anchor(lines: Sequence[Line], leading: tuple[str, ...]) -> int:
    """Where a title starts in a run that opens with other text: at a supplement
    phrase among its first lines, or after a line that ends a paragraph (``leading``:
    the lines' :func:`_leading_texts`)."""
    prefix = _prefix_of(leading)
    if not lines or any(has_anchor(text) for text in leading[:prefix]):
        return 0
    texts = [line.stripped for line in lines]
    for offset, text in enumerate(texts[1:], 1):
        if has_anchor(text) and (offset <= _LATE or texts[offset - 1].endswith(_PARAGRAPH_END)):
            # Within the first lines, or after a paragraph that ends: a new supplement
            # in text with no blank lines ("... for future reference." / "Supplement dated").
            return offset
    return 0


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
    previous = 0
    pending = list(chunks(units))
    pending.reverse()
    while pending:
        start, stop = pending.pop()
        gap = units[previous:start]
        previous = stop
        numbered = [
            (index, unit)
            for index, unit in enumerate(units[start:stop], start)
            if isinstance(unit, Line) and unit.kind is LineKind.TEXT
        ]
        indices = [index for index, _ in numbered]
        lines = [line for _, line in numbered]
        if run is not None and any(isinstance(u, (TextTable, CellTable)) for u in gap):
            blocks.append(run)
            run = None
        leading = _leading_texts(lines)
        if _is_title_chunk(lines, leading):
            end, title_lines = stop, lines
        else:
            offset = _late_anchor(lines, leading)
            prefix = _prefix_of(leading) if not offset else _title_prefix(lines[offset:])
            anchored = any(has_anchor(line.stripped) for line in lines[offset : offset + prefix])
            # A list of funds and dates that opens a run of text goes on a title
            # already open (a table of funds and their prospectuses' dates).
            extends = (
                run is not None
                and run.anchored
                and not offset
                and all(_listing(line.stripped) for line in lines[:prefix])
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
            end, title_lines = (indices[last] if last < len(indices) else stop), lines[offset:last]
        anchored = any(has_anchor(line.stripped) for line in title_lines)
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
    return grammar.NAME_WORD.found(Words(text))


@memo
def is_phrase_line(text: str) -> bool:
    """Whether a title line is part of the supplement phrase (documents, dates, connectives)."""
    return (
        has_anchor(text)
        or grammar.PHRASE_WORD.found(Words(text))
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
    read = Words(words)
    if len(words) > _MAX_INTRO or grammar.NOT_INTRO.match(read):
        return False
    bare = _DEFINED_TERM.sub("", words)
    names_a_part = '"' in bare or grammar.STRUCTURE_WORD.found(Words(bare))
    if not grammar.INTRO.match(read):
        core = words
        stated = find_effective(words).words
        if stated and core.startswith(stated):
            core = core[len(stated) :].lstrip(", ")
        if names_a_part or not grammar.LEAD_IN.match(Words(core)):
            return False
    return not names_a_part or not looks_like_instruction(words)
