"""Reading a whole filing: decode, normalise, split into supplements, parse each.

:func:`parse_filing` is the entry point; :func:`read_filing` returns the same
supplements with what the parser recognised around them (title and intro
lines, trailers, page furniture), so that tools and tests can check that no
text of the filing was lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any, cast

import attrs
import pendulum

from ..errors import InvalidFilingError
from ..locators import SectionTarget
from ..operations import BlockLocator, Notice, Operation
from ..provenance import Source, SourceLike, as_source
from ..supplement import DocumentRef, Supplement
from ..tree import DocumentKind, Paragraph, block_text
from ._documents import kinds_mentioned
from ._memo import forget
from .amendments import AmendmentContext, build_amendments
from .blocks import Layout, body_items, layout_of
from .decoding import decode_filing, sha256_of
from .effective import EffectiveTime, find_effective
from .headers import Header, inline_phrase, intro_place, read_header, read_intro
from .instructions import Body, split_instructions
from .lines import MARKUP, CellTable, Line, LineKind, TextTable, Unit
from .reading import read_units
from .splitting import Part, split_supplements
from .submission import with_header
from .trailers import closing_date, trailer_date

__all__ = ["FilingSupplements", "ParsedSupplement", "parse_filing", "read_filing"]


@attrs.frozen
class ParsedSupplement:
    """One supplement and what the parser recognised around its instructions.

    Attributes:
        supplement: the supplement.
        header: its header (title lines, intro paragraphs, what they say).
        body: its body split into instruction segments, labels and trailer.
        furniture: page numbers, separators and markup lines in its part of
            the filing (not filing text, but recognised).
    """

    supplement: Supplement
    header: Header
    body: Body
    furniture: tuple[Line, ...] = ()

    def kept_text(self) -> Iterator[str]:
        """Every piece of text the parse kept: recognised lines, lead-ins, then each
        amendment's words and text (tables cell by cell)."""
        yield from (line.text for line in self.header.lines)
        yield from (block_text(item.block) for item in self.header.intro)
        yield from (block_text(item.block) for item in self.body.labels)
        yield from (block_text(item.block) for item in self.body.leads)
        yield from (block_text(item.block) for item in self.body.trailer)
        yield from (line.text for line in self.furniture)
        for amendment in self.supplement.amendments:
            yield amendment.words
            yield amendment.text
            heading = getattr(amendment.operation, "heading", None)
            if isinstance(heading, str):
                yield heading
            locator = getattr(amendment.operation, "locator", None)
            if isinstance(locator, BlockLocator) and locator.anchor:
                # The text of a deleted block, quoted after its instruction.
                yield locator.anchor


@attrs.frozen
class FilingSupplements:
    """A filing's supplements, in filing order, with the source they share."""

    source: Source
    supplements: tuple[ParsedSupplement, ...]


def _file(source: Source | None) -> str | None:
    if source is None:
        return None
    return source.name or source.url or source.accession


def _furniture(units: Sequence[Unit]) -> tuple[Line, ...]:
    kinds = (LineKind.FURNITURE, LineKind.SEPARATOR, LineKind.BREAK)
    return tuple(u for u in units if isinstance(u, Line) and u.kind in kinds and u.stripped)


# A supplement says what it supplements, or at least what to change (an excerpt may
# start past its title); a filing that does neither is some other document (a PDF, an
# annual report, a web page), and reading it as a supplement would hide that.
_SUPPLEMENT_WORD = re.compile(r"\bsupplement", re.IGNORECASE)


def _texts(units: Sequence[Unit]) -> Iterator[str]:
    for unit in units:
        if isinstance(unit, Line):
            yield unit.text
        elif isinstance(unit, TextTable):
            yield from (line.text for line in unit.lines)
        elif isinstance(unit, CellTable):
            yield from (" ".join(row) for row in unit.rows)


def names_fund_documents(units: Sequence[Unit]) -> bool:
    """Whether the text names a prospectus, an SAI (the supplement grammar's ``KIND``)
    or a supplement anywhere."""
    return any(_SUPPLEMENT_WORD.search(text) or kinds_mentioned(text) for text in _texts(units))


def _has_text(units: tuple[Unit, ...]) -> bool:
    for unit in units:
        if isinstance(unit, Line) and unit.kind is LineKind.TEXT:
            return True
        if isinstance(unit, TextTable) and any(
            MARKUP.sub("", line.text).strip() for line in unit.lines
        ):
            return True
        if isinstance(unit, CellTable) and any(cell for row in unit.rows for cell in row):
            return True
    return False


def _closing_time(body: Body, date: pendulum.Date | None) -> EffectiveTime | None:
    """The time a line closing the body states for every instruction ("Effective as of
    June 30, 2010"), if one does."""
    if not body.closing:
        return None
    time = find_effective(block_text(body.closing[-1].block), default=date)
    return time if time.words else None


def _parse_part(
    part: Part, source: Source, first_position: int, layout: Layout
) -> list[ParsedSupplement]:
    units = part.units
    header, body_units = read_header(units, part.blocks)
    header, items = read_intro(header, body_items(body_units, layout))
    whole = split_instructions(items, portfolios=header.portfolios, place=intro_place(header))
    parsed: list[ParsedSupplement] = []
    position = first_position
    for index, body in enumerate(whole.stickers()):
        date = header.supplement_date if index == 0 else None
        for item in body.trailer:
            if date is None and isinstance(item.block, Paragraph):
                date = trailer_date(item.block.text)
        if date is None:
            date = closing_date(
                [
                    item.block.text
                    for segment in body.segments
                    for item in segment.items
                    if isinstance(item.block, Paragraph)
                ]
            )
        documents = header.documents
        if index == 0 and not header.lines and not documents:
            # No title found: a filing flattened to one line holds its phrase in the text.
            inline_date, documents = inline_phrase(_opening_text(body))
            date = date or inline_date
        documents = documents or _documents_named(body)
        context = AmendmentContext(
            supplement_date=date,
            documents=documents,
            portfolios=header.portfolios,
            default_effective=header.default_effective or _closing_time(body, date),
            first_position=position,
            preamble=tuple(block_text(item.block) for item in header.intro),
        )
        supplement = Supplement(
            registrant=header.registrant,
            portfolios=header.portfolios,
            documents=documents,
            supplement_date=date,
            source=source,
            amendments=build_amendments(body, context),
            diagnostics=header.problems,
        )
        position += len(supplement.amendments)
        if index == 0:
            parsed.append(ParsedSupplement(supplement, header, body, _furniture(units)))
        else:
            parsed.append(ParsedSupplement(supplement, Header(), body))
    return parsed


def _opening_text(body: Body) -> str:
    """The first paragraph of a supplement's body."""
    for segment in body.segments:
        for item in segment.items:
            if isinstance(item.block, Paragraph):
                return item.block.text
    return ""


def _documents_named(body: Body) -> tuple[DocumentRef, ...]:
    """The documents a supplement's instructions name, when its header names none."""
    kinds: list[DocumentKind] = []
    for lead in body.leads:
        named = kinds_mentioned(block_text(lead.block))
        kinds.extend(kind for kind in named if kind not in kinds)
    for segment in body.segments:
        named = segment.recognised.documents if segment.recognised is not None else ()
        kinds.extend(kind for kind in named if kind not in kinds)
    return tuple(DocumentRef(kind) for kind in kinds)


def read_filing(data: str | bytes, source: SourceLike = None) -> FilingSupplements:
    """Parse a filing and keep what was recognised around its supplements.

    Raises:
        InvalidFilingError: for empty or binary data, or a filing with no text.
    """
    forget()
    try:
        return _read_filing(data, as_source(source))
    finally:
        forget()


def _read_filing(data: str | bytes, source: Source | None) -> FilingSupplements:
    file = _file(source)
    text = decode_filing(data, file=file)
    read = read_units(text, file=file)
    if not _has_text(read.units):
        raise InvalidFilingError(file, "the filing holds no text (only markup or white space)")
    given = source or Source()
    header = read.header
    source = with_header(attrs.evolve(given, sha256=given.sha256 or sha256_of(data)), header)
    parsed: list[ParsedSupplement] = []
    position = 0
    layout = layout_of(read.units)
    for part in split_supplements(read.units):
        for supplement in _parse_part(part, source, position, layout):
            position += len(supplement.supplement.amendments)
            parsed.append(supplement)
    instructed = any(
        not isinstance(amendment.operation, Notice)
        for item in parsed
        for amendment in item.supplement.amendments
    )
    if not instructed and not names_fund_documents(read.units):
        raise InvalidFilingError(
            file,
            "not a prospectus supplement or edition: its text never names a prospectus, "
            "a statement of additional information or a supplement, and gives no "
            "instruction to change one",
        )
    parsed = [_statutory(item) for item in parsed]
    if header is not None and header.series:
        # The header's series and classes: the portfolios the filing was filed for.
        parsed = [
            attrs.evolve(item, supplement=attrs.evolve(item.supplement, series=header.series))
            for item in parsed
        ]
    return FilingSupplements(source, tuple(parsed))


# "the 'Investment manager' section of each Fund's Statutory Prospectus": the section of
# the statutory part, not the one of the same name in the summary section.
_STATUTORY = re.compile(r"\bstatutory\s+prospectus", re.IGNORECASE)
_SUMMARY = re.compile(r"\bsummary\s+prospectus", re.IGNORECASE)


def _statutory(item: ParsedSupplement) -> ParsedSupplement:
    """The supplement with the targets of instructions that name the statutory
    prospectus (in their words, or in a title that names no summary prospectus)
    marked so."""
    title = " ".join(line.stripped for line in item.header.lines)
    whole = _STATUTORY.search(title) is not None and _SUMMARY.search(title) is None
    amendments = []
    changed = False
    for amendment in item.supplement.amendments:
        if whole or _names_statutory(amendment.words or ""):
            operation = _mark_statutory(amendment.operation)
            if operation is not amendment.operation:
                amendment = attrs.evolve(amendment, operation=operation)
                changed = True
        amendments.append(amendment)
    if not changed:
        return item
    return attrs.evolve(item, supplement=attrs.evolve(item.supplement, amendments=amendments))


def _names_statutory(words: str) -> bool:
    """``_STATUTORY.search(words)``, answered without the search for words that hold no
    "tatutory" in any case (most instructions; no letter of it has another case-blind
    equivalent in ``re``, as "s" has the long s)."""
    return "tatutory" in words.lower() and _STATUTORY.search(words) is not None


def _mark_statutory(operation: Operation) -> Operation:
    changes = {
        field.name: attrs.evolve(value, statutory=True)
        for field in attrs.fields(type(operation))
        if isinstance(value := getattr(operation, field.name), SectionTarget)
    }
    # Any: attrs.evolve is not typed for a union of operation classes.
    marked: Operation = attrs.evolve(cast(Any, operation), **changes)
    return marked if changes else operation


def parse_filing(data: str | bytes, source: SourceLike = None) -> list[Supplement]:
    """Parse one filing (SEC form 497) into its supplements, in filing order.

    Args:
        data: the filing as text or bytes (EDGAR plain text, an EDGAR
            submission file, or HTML).  Bytes are decoded as UTF-8, else
            Windows-1252, else Latin-1.
        source: where the filing came from (a :class:`Source`, or a file name or
            path naming it); its SHA-256 is filled in when missing, its name,
            URL and accession number are kept.

    Raises:
        InvalidFilingError: for empty or binary data, naming the file.
    """
    return [parsed.supplement for parsed in read_filing(data, source).supplements]
