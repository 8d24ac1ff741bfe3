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

import re
from collections.abc import Sequence

import attrs
import pendulum

from ..supplement import DocumentRef
from ..tree import DocumentKind, Paragraph
from ._dates import DATE_SEARCH, first_date, has_digit, is_date_only, read_date
from ._documents import document_refs, kinds_mentioned
from ._listings import editions_listed, listed_editions
from ._locations import section_ref
from ._targets import normalise
from ._tidy import tidy
from ._titles import (
    TitleBlock,
    has_anchor,
    is_intro,
    is_name_line,
    is_phrase_line,
    is_title_chunk,
    title_blocks,
)
from .blocks import BodyItem, SourcedBlock
from .effective import EffectiveTime, find_effective
from .grammar import Words
from .grammar import supplements as grammar
from .instructions import looks_like_instruction
from .lines import MARKUP, Line, LineKind, TextTable, Unit, chunks

__all__ = [
    "Header",
    "TitleBlock",
    "has_anchor",
    "inline_phrase",
    "is_intro",
    "is_title_chunk",
    "read_header",
    "read_intro",
    "title_blocks",
]

_STRONG_REGISTRANT = re.compile(
    r"\b(?:trust|inc|company|corporation|funds|series|family|investments)\b", re.IGNORECASE
)
_FUND_WORD = re.compile(r"\bfund\b", re.IGNORECASE)
_PORTFOLIO_WORD = re.compile(r"\bportfolio\b", re.IGNORECASE)
_PORTFOLIO_NAME = re.compile(r"\b(?:portfolio|fund|etf|trust|series|account)\b", re.IGNORECASE)
# "Oct. 01, 2019" on an XBRL page: the document's period date, not the supplement's.
_PERIOD_DATE = re.compile(r"^[A-Z][a-z]{2}\. \d{2}, \d{4}$")
# "of the BlackRock Liquidity Funds" ends the phrase above it; a lone "Fund"
# (singular) heads a column of fund names, none of them the registrant.
_OF = re.compile(r"^of\s+(?:the\s+)?")
_GENERIC_NAME = re.compile(r"(?:fund|portfolio)\Z", re.IGNORECASE)
_SERIES_OF = re.compile(r"^\(an? series of (?:the )?([^()]{3,80})\)$", re.IGNORECASE)
_MAX_PAREN = 160
# EDGAR's table markup ("<CAPTION>", "<S>", "<C>"), around a title set in a table.
# How many units (blank lines, markup) may come before a title set in a table.
_TABLE_TITLE_REACH = 12
# How far into a flattened filing its supplement phrase is looked for.
_INLINE_WINDOW = 2000


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
        problems: dates the title prints that do not exist ("'FEBRUARY 30, 2020'
            is not a real date").
    """

    registrant: str | None = None
    portfolios: tuple[str, ...] = ()
    documents: tuple[DocumentRef, ...] = ()
    supplement_date: pendulum.Date | None = None
    lines: tuple[Line, ...] = ()
    intro: tuple[SourcedBlock, ...] = ()
    default_effective: EffectiveTime | None = None
    problems: tuple[str, ...] = ()


def _unreal_dates(texts: Sequence[str]) -> tuple[str, ...]:
    """What is wrong with each date a title prints that names no real day."""
    found: dict[str, None] = {}
    for text in texts:
        if not has_digit(text):
            continue  # no date: most title lines
        for match in DATE_SEARCH.finditer(text):
            reading = read_date(match.group(0))
            if reading.date is None and reading.problem:
                found.setdefault(f"the title's date {reading.problem}")
    return tuple(found)


def _names(lines: Sequence[str]) -> tuple[str | None, tuple[str, ...]]:
    names = [_OF.sub("", _without_term(line)).strip(" ,;") for line in lines]
    column = any(_GENERIC_NAME.match(name) for name in names)
    # A name starts as names are printed, with a capital or a digit: a line that opens
    # in lower case ("for each Delaware Fund (each, a "Fund"), as may be amended") is the
    # rest of a phrase, not a fund's name.
    names = [
        name for name in names if name and not _GENERIC_NAME.match(name) and not name[:1].islower()
    ]
    registrant: str | None = None
    if names and not column:
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


def _without_term(line: str) -> str:
    """A name line without the defined term that ends it ('(the "Fund")')."""
    return Words(line).sub(grammar.TRAILING_TERM, "").text if line.endswith(")") else line


def _title_texts(lines: Sequence[Line]) -> list[str]:
    """The title lines' texts, a parenthesis broken over lines ("(a series of
    JPMorgan Trust" / "I)") joined into one."""
    texts: list[str] = []
    open_paren = False
    for line in lines:
        text = tidy(line.stripped)
        if not text:
            continue
        if open_paren and len(texts[-1]) < _MAX_PAREN:
            texts[-1] = f"{texts[-1]} {text}"
        else:
            texts.append(text)
        open_paren = texts[-1].startswith("(") and texts[-1].count("(") > texts[-1].count(")")
    return texts


def _phrase(text: str) -> tuple[pendulum.Date | None, tuple[DocumentRef, ...]]:
    """The supplement's date and the editions a phrase names.

    "Statement of Additional Information Supplement dated June 1, 2001" names
    no edition after its own date; the kind it is a supplement to is used.
    """
    words = Words(text)
    match = grammar.SUPPLEMENT_DATE.search(words)
    date = read_date(match["date"] or "").date if match else None
    documents = document_refs(words.sub(grammar.SUPPLEMENT_PHRASE, " ").text)
    if not documents:
        documents = tuple(DocumentRef(kind) for kind in kinds_mentioned(text))
    return date, documents


def parse_title(lines: Sequence[Line]) -> Header:
    """The header a title block's lines give.

    Editions "each as dated below", or listed under a "DATE OF PROSPECTUS"
    column, take the dates printed after that phrase (alone on a line, or
    after a fund's name); those dates are not the supplement's own.
    """
    phrase: list[str] = []
    names: list[str] = []
    bare_dates: list[pendulum.Date] = []
    stacked: pendulum.Date | None = None
    listed: list[pendulum.Date] = []
    listed_kinds: list[DocumentKind] = []
    series: str | None = None
    previous = ""
    texts = _title_texts(lines)
    for text in texts:
        before, previous = previous, text
        own = _own_date(text, before, phrase) if stacked is None else None
        if own is not None:
            stacked = own
            continue
        if (
            text.startswith("(")
            and text.endswith(")")
            and not grammar.DATED_KIND.found(Words(text))
        ):
            of = _SERIES_OF.match(text)
            series = series or (of.group(1) if of else None)
            continue
        marker = grammar.DATED_BELOW.search(Words(text))
        if marker is not None and not listed_kinds:
            named = kinds_mentioned(marker.text) or kinds_mentioned(" ".join([*phrase, text]))
            listed_kinds = list(named)
        elif listed_kinds and not has_anchor(text):
            dated = first_date(text)
            if dated is not None and dated.date is not None:
                listed.append(dated.date)
                text = tidy(DATE_SEARCH.sub(" ", text))
                if not text:
                    continue
        if not is_phrase_line(text) and is_name_line(text) and ":" not in text:
            names.append(text)
            continue
        # Everything else may hold part of the phrase ("2016 TO THE" after
        # "SUPPLEMENT DATED AUGUST 2,"); reading it as phrase text is harmless.
        phrase.append(text)
        if (
            is_date_only(text)
            and not _PERIOD_DATE.match(text)
            and not grammar.DATE_PENDING.found(Words(before))
        ):
            # A date alone is the supplement's, unless it completes "... dated".
            day = read_date(text).date
            if day is not None:
                bare_dates.append(day)
    date, documents = _phrase(" ".join(_paired(phrase)))
    registrant, portfolios = _names(names)
    if series is not None:
        # "(a series of JPMorgan Trust I)": the registrant, said outright.
        if registrant is not None and _PORTFOLIO_NAME.search(registrant):
            portfolios = (registrant, *portfolios)
        registrant = series
    documents = listed_editions(documents, listed_kinds, listed)
    return Header(
        registrant,
        portfolios,
        documents,
        date or stacked or next(iter(bare_dates), None),
        tuple(lines),
        problems=_unreal_dates(texts),
    )


def _paired(texts: list[str]) -> list[str]:
    """Title lines with each date line joined to the "... dated" line it completes.

    A cover printed in two columns, read row by row, gives "Prospectuses dated"
    / "Prospectuses dated" / "June 30, 2014, as supplemented" / "January 31,
    2014, as supplemented": the dates complete the open lines in order.  A date
    line with no open line, "D, as supplemented", dates another edition of the
    kinds dated last.
    """
    if not any(
        text.rstrip(": ").lower().endswith("dated") and grammar.OPEN_DATED.found(Words(text))
        for text in texts
    ):
        return texts
    paired: list[str] = []
    waiting: list[int] = []
    for text in texts:
        read = Words(text)
        if grammar.DATE_FIRST.match(read):
            if waiting:
                at = waiting.pop(0)
                paired[at] = f"{paired[at]} {text}"
                continue
            if not is_date_only(text):
                text = f"dated {text}"
        elif grammar.OPEN_DATED.found(read):
            waiting.append(len(paired))
        paired.append(text)
    return paired


def _own_date(text: str, before: str, phrase: Sequence[str]) -> pendulum.Date | None:
    """The supplement's own date, when a title line is "DATED D" alone after a line that
    already holds a date and names no document for it to date ("... DATED MAY 1, 2018" /
    "DATED JUNE 15, 2018", "as Previously Supplemented on June 14, 2017" / "Dated August
    18, 2017"), in a title whose ``phrase`` so far has no "Supplement dated"."""
    if "ated" not in text and "ATED" not in text:
        return None  # most lines: no "dated" (answered without reading the words)
    match = grammar.OWN_DATE_LINE.match(Words(text))
    if match is None or DATE_SEARCH.search(before) is None:
        return None
    if grammar.ENDS_IN_KIND.found(Words(before)):
        return None
    if grammar.SUPPLEMENT_DATE.found(Words(" ".join(phrase))):
        return None
    return read_date(match["date"] or "").date


def inline_phrase(text: str) -> tuple[pendulum.Date | None, tuple[DocumentRef, ...]]:
    """The date and editions a supplement phrase inside the opening text gives, for a
    supplement whose title was not found (a filing flattened to one line of text, an
    excerpt without its title): "... PROSPECTUS SUPPLEMENT ...", "Supplement to the
    Prospectuses ...", else the document "The following changes to the Prospectus are
    ..." names."""
    words = Words(tidy(text[:_INLINE_WINDOW]))
    hit = grammar.INLINE_PHRASE.search(words)
    if hit is not None:
        return _phrase(hit.text)
    named = grammar.CHANGES_TO.search(words)
    kinds = kinds_mentioned(named["named"] or "") if named is not None else ()
    return None, tuple(DocumentRef(kind) for kind in kinds)


def intro_place(header: Header) -> tuple[str, ...]:
    """The section a supplement's intro says it changes ("This Supplement updates the
    "General ProFunds VP Information" section of the Prospectus ...")."""
    for item in header.intro:
        text = normalise(item.block.text) if isinstance(item.block, Paragraph) else ""
        if grammar.INTRO_PLACE.match(Words(text)) is not None:
            ref = section_ref(text)
            if ref is not None:
                return ref.path
    return ()


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
        return _table_title(units)
    lines = [
        u for u in units[block.start : block.end] if isinstance(u, Line) and u.kind is LineKind.TEXT
    ]
    # Text before the title (a banner) and after it are separate paragraphs.
    gap = Line(units[block.start].number, "", LineKind.BLANK)
    header = _editions_listed(parse_title(lines), units[: block.start], units[block.end :])
    return header, [*units[: block.start], gap, *units[block.end :]]


def _table_title(units: Sequence[Unit]) -> tuple[Header, list[Unit]]:
    """The header of a supplement whose title EDGAR set inside a ``<TABLE>`` (its
    ``<CAPTION>``) or an HTML table, when no title block stands outside one: the first
    table, before any text, whose lines are a title with a supplement phrase."""
    for index, unit in enumerate(units[:_TABLE_TITLE_REACH]):
        if isinstance(unit, Line):
            if unit.kind is LineKind.TEXT:
                break
            continue
        if isinstance(unit, TextTable):
            texts = [(line.number, MARKUP.sub(" ", line.text)) for line in unit.lines]
        else:
            texts = [(unit.number, " ".join(row)) for row in unit.rows]
        lines = [Line(number, text.strip()) for number, text in texts if text.strip()]
        if any(has_anchor(line.stripped) for line in lines) and is_title_chunk(lines):
            header = _editions_listed(parse_title(lines), units[:index], units[index + 1 :])
            return header, [*units[:index], *units[index + 1 :]]
        break
    return Header(), list(units)


def _editions_listed(header: Header, before: Sequence[Unit], after: Sequence[Unit]) -> Header:
    """The header with the editions listed around its title (:func:`editions_listed`)."""
    if not header.documents or any(ref.date is not None for ref in header.documents):
        return header
    title = tidy(" ".join(line.stripped for line in header.lines))
    documents = editions_listed(header.documents, title, before, after)
    return header if documents == header.documents else attrs.evolve(header, documents=documents)


def _is_text(unit: Unit) -> bool:
    return isinstance(unit, Line) and unit.kind is LineKind.TEXT


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
