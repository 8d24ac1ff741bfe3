"""Supplement headers: who files it, for which portfolios, which editions, dated when.

A supplement opens with a *title block* of short lines::

    MET INVESTORS SERIES TRUST
                 Dreman Small-Cap Value Portfolio
           SUPPLEMENT DATED DECEMBER 21, 2006 TO
               PROSPECTUSES DATED MAY 1, 2006
                           AND
     TO STATEMENT OF ADDITIONAL INFORMATION DATED MAY 1, 2006,
               AS SUPPLEMENTED NOVEMBER 1, 2006

and often an *intro* paragraph ("This Supplement is made as of December 21,
2006 to the Prospectuses dated May 1, 2006 and ...").  Lines of the title that
name documents, dates and connectives ("TO", "AND") form the supplement
phrase; the others are names: the first is the registrant when it reads like
one ("... TRUST", "... FUNDS"), the rest are portfolios.  The intro gives
the date and the editions when the title does not.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import attrs
import pendulum

from .._text import clean_text
from ..supplement import DocumentRef
from ..tree import Paragraph
from ._dates import DATE, is_date_only, read_date
from ._documents import KIND, document_refs, kinds_mentioned
from ._targets import normalise
from .blocks import BodyItem, SourcedBlock
from .effective import EffectiveTime, find_effective
from .instructions import looks_like_instruction
from .lines import CellTable, Line, LineKind, TextTable, Unit, chunks
from .trailers import is_trailer

__all__ = [
    "Header",
    "TitleBlock",
    "has_anchor",
    "is_intro",
    "is_title_chunk",
    "read_header",
    "read_intro",
    "title_blocks",
]

_ANCHOR = re.compile(
    r"^(?:(?:summary )?prospectus(?:es)? |statements? of additional information |sai |important )?"
    r"supplement(?:$|,|:| dated\b| date\b| to\b| [-\u2013\u2014])",
    re.IGNORECASE,
)
_SUPPLEMENT_DATE = re.compile(
    rf"\b(?:supplement,?(?: dated:?| date:?)?(?: [-\u2013\u2014])?|made as of) (?P<date>{DATE})",
    re.IGNORECASE,
)
_CUT = re.compile(
    r"(?:(?:summary )?prospectus(?:es)? |statements? of additional information |sai )?"
    rf"(?:supplement\b,?(?: dated:?| date:?)?(?: [-\u2013\u2014])?|made as of)(?: {DATE})?",
    re.IGNORECASE,
)
_PHRASE_WORDS = re.compile(KIND + r"|\bdated\b|\bsupplement(?:ed|s)?\b|\brevised\b", re.IGNORECASE)
_CONNECTOR = re.compile(
    r"^(?:and|and to|to|to the|to:|of|of the|for|for:|and the|to each of the|each)$", re.IGNORECASE
)
_NAME_WORDS = re.compile(
    r"\b(?:portfolios?|funds?|trust|series|etf|inc|company|corporation|account|investments)\b",
    re.IGNORECASE,
)
_STRONG_REGISTRANT = re.compile(
    r"\b(?:trust|inc|company|corporation|funds|series|family|investments)\b", re.IGNORECASE
)
_FUND_WORD = re.compile(r"\bfund\b", re.IGNORECASE)
_PORTFOLIO_WORD = re.compile(r"\bportfolio\b", re.IGNORECASE)
_PORTFOLIO_NAME = re.compile(r"\b(?:portfolio|fund|etf|trust|series|account)\b", re.IGNORECASE)
_TRAILING_NOTE = re.compile(
    r" ?\((?:the|each|collectively|a series)\b[^()]{0,120}\)$", re.IGNORECASE
)
_INTRO = re.compile(
    r"^(?:this (?:supplement|information)\b|capitalized terms\b"
    r"|the following changes (?:are|have been)(?: hereby)? made\b"
    r"|(?:the )?(?:(?:summary )?prospectus(?:es)?|statements? of additional information|sai)\b"
    r"[^.:\"]{0,120}? (?:is|are) hereby (?:supplemented|amended)\b)",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(
    r"^(?:accordingly, )?(?:the following (?:changes|information)"
    r"|(?:the |each )?[\w'\u2019 ]{0,40}?"
    r"(?:prospectus(?:es)?|statements? of additional information|sai))"
    r"[^.:\"]{0,120}? "
    r"(?:is|are) (?:hereby )?(?:made|amended|supplemented|revised|changed)\b",
    re.IGNORECASE,
)
_STRUCTURE = re.compile(
    r"\b(?:section|sub-?section|heading|caption|paragraph|sentence|table)\b", re.IGNORECASE
)
_TITLE_WIDTH = 70
_SHORT = 55
_PARENTHESIS_WIDTH = 100
_TITLE_LINES = 40
_MAX_INTRO = 700
_PROBE = 200
_CONTINUATIONS = frozenset({"to", "and", "dated", "as", "of", "for", "each", "or"})
_DANGLING = (" and", " to", " of", " the", " or", ",", " for")


@attrs.frozen
class Header:
    """What a supplement's header says.

    Attributes:
        registrant: the registrant as printed, if the header names one.
        portfolios: the portfolios it names, as printed.
        documents: the editions it supplements.
        supplement_date: its date.
        lines: the title lines.
        intro: the intro paragraphs ("This Supplement is made as of ...").
        default_effective: the effective time a lead-in states for all
            instructions ("Effective November 1, 2006, the following changes
            are made to the Portfolios' prospectus:").
    """

    registrant: str | None = None
    portfolios: tuple[str, ...] = ()
    documents: tuple[DocumentRef, ...] = ()
    supplement_date: pendulum.Date | None = None
    lines: tuple[Line, ...] = ()
    intro: tuple[SourcedBlock, ...] = ()
    default_effective: EffectiveTime | None = None


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


@functools.lru_cache(maxsize=4096)
def has_anchor(text: str) -> bool:
    """Whether a title line opens a supplement phrase ("SUPPLEMENT DATED ...")."""
    return _ANCHOR.match(clean_text(text[:_PROBE])) is not None


def _title_line(text: str, previous: str) -> bool:
    """Whether one line can be part of a title, given the title line before it."""
    if has_anchor(text):
        return True
    if is_intro(text) or is_trailer(text) or looks_like_instruction(text):
        return False
    if len(text) <= _SHORT or (
        len(text) <= _TITLE_WIDTH and (_is_phrase_line(text) or _NAME_WORDS.search(text))
    ):
        return True
    if text.startswith("(") and text.endswith(")") and len(text) <= _PARENTHESIS_WIDTH:
        return True
    if not _is_phrase_line(text):
        return False
    first = text.split(" ", 1)[0].lower()
    return first in _CONTINUATIONS or previous.lower().endswith(_DANGLING)


def _title_prefix(lines: Sequence[Line]) -> int:
    """How many leading lines of a run can be title lines."""
    count, previous = 0, ""
    for line in lines[: _TITLE_LINES + 1]:
        if not _title_line(clean_text(line.stripped), previous):
            break
        count += 1
        previous = clean_text(line.stripped)
    return count


def is_title_chunk(lines: Sequence[Line]) -> bool:
    """Whether a whole run of lines is part of a title.

    Each line must be short (or continue a supplement phrase), and the run
    must not read as an intro, an instruction or a trailer.
    """
    if not lines or len(lines) > _TITLE_LINES:
        return False
    if len(lines) == 1:
        return _title_line(clean_text(lines[0].stripped), "")
    text = clean_text(" ".join(line.stripped for line in lines))
    if not text or is_intro(text) or is_trailer(text):
        return False
    if not has_anchor(text) and looks_like_instruction(text):
        return False
    return _title_prefix(lines) == len(lines)


def title_blocks(units: Sequence[Unit]) -> list[TitleBlock]:
    """The runs of title lines in ``units``, in order.

    Blank lines, breaks, furniture and separators may lie between the chunks
    of a run; a table or a chunk that is not a title ends it.  A run of lines
    that opens with a supplement phrase and goes on with running text (as in
    text flattened from HTML) ends the title where the running text starts.
    """
    blocks: list[TitleBlock] = []
    run: TitleBlock | None = None
    previous = 0
    for start, stop in chunks(units):
        gap = units[previous:start]
        previous = stop
        numbered = [
            (index, unit)
            for index, unit in enumerate(units[start:stop], start)
            if isinstance(unit, Line) and unit.kind is LineKind.TEXT
        ]
        indices = [index for index, _ in numbered]
        lines = [line for _, line in numbered]
        if run is not None and any(isinstance(u, TextTable | CellTable) for u in gap):
            blocks.append(run)
            run = None
        if is_title_chunk(lines):
            end, title_lines = stop, lines
        else:
            prefix = _title_prefix(lines)
            anchored = any(has_anchor(line.stripped) for line in lines[:prefix])
            if not prefix or not anchored:
                if run is not None:
                    blocks.append(run)
                    run = None
                continue
            end, title_lines = indices[prefix], lines[:prefix]
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
    if run is not None:
        blocks.append(run)
    return blocks


def _is_text(unit: Unit) -> bool:
    return isinstance(unit, Line) and unit.kind is LineKind.TEXT


def _is_phrase_line(text: str) -> bool:
    return (
        has_anchor(text)
        or _PHRASE_WORDS.search(text) is not None
        or _CONNECTOR.match(text) is not None
        or is_date_only(text)
    )


def _names(lines: Sequence[str]) -> tuple[str | None, tuple[str, ...]]:
    names = [_TRAILING_NOTE.sub("", line).strip(" ,;") for line in lines]
    names = [name for name in names if name]
    registrant: str | None = None
    if names:
        first = names[0]
        several = len(names) >= 2 and (_STRONG_REGISTRANT.search(first) or _FUND_WORD.search(first))
        if (several and not _PORTFOLIO_WORD.search(first)) or (
            len(names) == 1 and _STRONG_REGISTRANT.search(first)
        ):
            registrant = first
            names = names[1:]
    portfolios: list[str] = []
    for name in names:
        if (
            _PORTFOLIO_NAME.search(name)
            and not name.lower().startswith("class ")
            and name != registrant
            and name not in portfolios
        ):
            portfolios.append(name)
    return registrant, tuple(portfolios)


def _phrase(text: str) -> tuple[pendulum.Date | None, tuple[DocumentRef, ...]]:
    """The supplement's date and the editions a phrase names.

    "Statement of Additional Information Supplement dated June 1, 2001" names
    no edition after its own date; the kind it is a supplement to is used.
    """
    match = _SUPPLEMENT_DATE.search(text)
    date = read_date(match.group("date")).date if match else None
    documents = document_refs(_CUT.sub(" ", text))
    if not documents:
        documents = tuple(DocumentRef(kind) for kind in kinds_mentioned(text))
    return date, documents


def parse_title(lines: Sequence[Line]) -> Header:
    """The header a title block's lines give."""
    phrase: list[str] = []
    names: list[str] = []
    bare_dates: list[pendulum.Date] = []
    for line in lines:
        text = clean_text(line.stripped)
        if not text or (text.startswith("(") and text.endswith(")")):
            continue
        if not _is_phrase_line(text) and _NAME_WORDS.search(text) and ":" not in text:
            names.append(text)
            continue
        # Everything else may hold part of the phrase ("2016 TO THE" after
        # "SUPPLEMENT DATED AUGUST 2,"); reading it as phrase text is harmless.
        phrase.append(text)
        if is_date_only(text):
            day = read_date(text).date
            if day is not None:
                bare_dates.append(day)
    date, documents = _phrase(" ".join(phrase))
    registrant, portfolios = _names(names)
    return Header(
        registrant, portfolios, documents, date or next(iter(bare_dates), None), tuple(lines)
    )


def read_header(
    units: Sequence[Unit], blocks: Sequence[TitleBlock] | None = None
) -> tuple[Header, list[Unit]]:
    """Read the title block that heads a supplement's units.

    Args:
        units: the supplement's units.
        blocks: its title blocks, when already known (:func:`title_blocks`).

    Returns the header and the units outside the title block (the body).
    """
    block = _header_block(units, title_blocks(units) if blocks is None else blocks)
    if block is None:
        return Header(), list(units)
    lines = [
        u for u in units[block.start : block.end] if isinstance(u, Line) and u.kind is LineKind.TEXT
    ]
    return parse_title(lines), [*units[: block.start], *units[block.end :]]


def _header_block(units: Sequence[Unit], blocks: Sequence[TitleBlock]) -> TitleBlock | None:
    """The title block that heads the supplement.

    It is the first title block when only furniture precedes it; else the
    first block with a supplement phrase, when no instruction precedes it
    (the lines before it, a web page's banner for instance, stay body text).
    """
    if not blocks:
        return None
    if _only_furniture(units[: blocks[0].start]):
        return blocks[0]
    anchored = next((block for block in blocks if block.anchored), None)
    if anchored is None:
        return None
    for start, stop in chunks(units[: anchored.start]):
        text = " ".join(
            u.stripped for u in units[start:stop] if _is_text(u) and isinstance(u, Line)
        )
        if looks_like_instruction(text):
            return None
    return anchored


def _only_furniture(units: Sequence[Unit]) -> bool:
    return all(isinstance(unit, Line) and unit.kind is not LineKind.TEXT for unit in units)


def is_intro(text: str) -> bool:
    """Whether a paragraph is a supplement's intro or a lead-in that changes nothing itself.

    Intros are short and change nothing: a long paragraph that starts like
    one, or one that also gives an instruction, holds more than an intro
    (text whose paragraph breaks were lost) and stays body text.
    """
    if len(text) > 4 * _MAX_INTRO:
        return False
    words = normalise(text)
    if len(words) > _MAX_INTRO:
        return False
    names_a_part = '"' in words or _STRUCTURE.search(words) is not None
    if not _INTRO.match(words):
        core = words
        stated = find_effective(words).words
        if stated and core.startswith(stated):
            core = core[len(stated) :].lstrip(", ")
        if names_a_part or not _LEAD_IN.match(core):
            return False
    return not names_a_part or not looks_like_instruction(words)


def read_intro(header: Header, items: Sequence[BodyItem]) -> tuple[Header, list[BodyItem]]:
    """Take the intro paragraphs at the start of the body into the header.

    The intro's date and editions fill what the title left out; an effective
    time a lead-in states becomes every instruction's default.
    """
    intro: list[SourcedBlock] = []
    index = 0
    while index < len(items):
        item = items[index]
        if isinstance(item, SourcedBlock):
            if not (isinstance(item.block, Paragraph) and is_intro(item.block.text)):
                break
            intro.append(item)
        index += 1
    if not intro:
        return header, list(items)
    date, documents, default = header.supplement_date, header.documents, header.default_effective
    for item in intro:
        text = normalise(item.block.text) if isinstance(item.block, Paragraph) else ""
        found_date, found_documents = _phrase(text)
        date = date or found_date
        documents = documents or found_documents
        if not text.lower().startswith("this "):
            time = find_effective(text, default=date)
            if time.words and default is None:
                default = time
    header = attrs.evolve(
        header,
        supplement_date=date,
        documents=documents,
        intro=tuple(intro),
        default_effective=default,
    )
    return header, list(items[index:])
