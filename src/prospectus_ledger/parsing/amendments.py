"""Instruction segments into :class:`~prospectus_ledger.supplement.Amendment` values.

Each recognised instruction becomes its operation (replace a section, replace
or delete a block, insert blocks, delete a section, substitute text).  What
the parser could not turn into a change becomes a :class:`Notice` holding the
whole text, with a diagnostic naming the lines and the reason; announcements
that change no text (reorganisations, liquidations, closings, "revised
accordingly") become notices without a diagnostic.

An instruction takes effect when its words say, else at the time a lead-in
gives every instruction ("Effective November 1, 2006, the following changes
are made ..."), else at the supplement's date.  Text outside any instruction
reports events ("Effective May 23, 2008, Mr. Freeman is ..."); its notice
stands on the timeline at the supplement's date.  A diagnostic also reports
an effective date that does not exist or was misprinted.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

import attrs
import pendulum

from .._text import heading_key
from ..instants import start_of_day
from ..operations import Notice, Operation, ReplaceSection, SectionTarget, SubstituteText
from ..supplement import Amendment, DocumentRef
from ..tree import Block, DocumentKind, Paragraph, Table, block_text
from ._dates import dates_in
from ._documents import kinds_mentioned
from ._operations import headed_parts, heading_line, placed, renamed_in, titled_section
from .blocks import SourcedBlock
from .effective import LAST_DATE, EffectiveTime, defined_times, find_effective, news_time
from .grammar import Words
from .grammar import supplements as grammar
from .instructions import Body, Recognised, Segment

__all__ = ["AmendmentContext", "build_amendments"]

# "In connection with the above changes": the time of the instruction before it.
_FOLLOWS_PREVIOUS = re.compile(
    r"^(?:in connection with|as a result of|in light of) (?:the above|these|such|this|those) "
    r"changes?\b",
    re.IGNORECASE,
)
_PREVIOUS = "\x00previous"
_NEWS = "\x00news"


@attrs.frozen
class AmendmentContext:
    """What the supplement's header tells every instruction.

    Attributes:
        supplement_date: the supplement's date (the default effective day).
        documents: the editions the supplement names.
        portfolios: the portfolios the supplement names.
        default_effective: an effective time a lead-in paragraph states for
            every instruction ("Effective November 1, 2006, the following
            changes are made ..."), if any.
        first_position: the position of the first amendment in the filing.
        preamble: the words of the supplement's intro paragraphs.
    """

    supplement_date: pendulum.Date | None
    documents: tuple[DocumentRef, ...] = ()
    portfolios: tuple[str, ...] = ()
    default_effective: EffectiveTime | None = None
    first_position: int = 0
    preamble: tuple[str, ...] = ()


def _text(items: Sequence[SourcedBlock]) -> str:
    return "\n\n".join(block_text(item.block) for item in items)


def _lines(items: Sequence[SourcedBlock]) -> str:
    first, last = items[0].first_line, items[-1].last_line
    return f"line {first}" if first == last else f"lines {first}-{last}"


def _document(found: Recognised | None, context: AmendmentContext) -> DocumentKind | None:
    named = found.documents if found is not None else ()
    if len(named) == 1:
        return named[0]
    if named:
        return None
    kinds = {ref.kind for ref in context.documents}
    return next(iter(kinds)) if len(kinds) == 1 else None


def _documents(
    operation: Operation, found: Recognised | None, segment: Segment, context: AmendmentContext
) -> tuple[DocumentKind | None, ...]:
    """The documents an operation goes to, one amendment each: those its instruction
    names for its place; words changed wherever they stand ("all references to X are
    deleted") change them in every document the instruction names, else its lead-in,
    else the supplement."""
    single = (_document(found, context),)
    named = found.documents if found is not None else ()
    if isinstance(operation, SubstituteText) and operation.target is None:
        kinds = (
            named
            or kinds_mentioned(segment.lead)
            or tuple(dict.fromkeys(ref.kind for ref in context.documents))
        )
        return tuple(kinds) if len(kinds) >= 2 else single
    if isinstance(operation, Notice) or len(named) < 2:
        return single
    return named


_BLOCK_ACTIONS = ("replace_block", "delete_block", "insert_blocks")


def _portfolio(found: Recognised, segment: Segment, context: AmendmentContext) -> str | None:
    portfolio = found.portfolio or segment.portfolio
    if portfolio is None and len(context.portfolios) == 1:
        portfolio = context.portfolios[0]
    return portfolio


def _target(found: Recognised, segment: Segment, context: AmendmentContext) -> SectionTarget | None:
    portfolio = _portfolio(found, segment, context)
    path = _within(segment.location, found.path)
    by_position = found.locator is not None and (
        found.locator.ordinal is not None or found.sentences is not None
    )
    if not path and segment.context and (by_position or found.action == "insert_blocks"):
        # "The following replaces the thirteenth bullet:", "Add the following two paragraphs
        # before the Cash Management Program:" under headings printed above it.
        path = segment.context
    if not path:
        return None
    if (
        found.portfolio is not None
        and heading_key(path[0]).startswith("appendix")
        and heading_key(path[-1]) != heading_key(found.portfolio)
    ):
        path = (*path, found.portfolio)
    return SectionTarget(path, portfolio)


def _named_parts(
    content: tuple[SourcedBlock, ...], paths: Sequence[tuple[str, ...]]
) -> list[tuple[SourcedBlock, ...]] | None:
    """The new text cut where each place's own heading opens its part, in the order the
    places are named; ``None`` unless every place's heading opens a part, the first at
    the start. A heading line is left out; a run-in heading stays with its paragraph."""
    starts: list[int] = []
    for path in paths:
        if not path:
            return None
        key = heading_key(path[-1])
        after = starts[-1] + 1 if starts else 0
        found = next(
            (index for index in range(after, len(content)) if _opens(content[index].block, key)),
            None,
        )
        if found is None:
            return None
        starts.append(found)
    if starts[0] != 0:
        return None
    bounds = [*starts, len(content)]
    return [
        tuple(item for item in content[a:b] if not (item is content[a] and _is_line(item, path)))
        for (a, b), path in zip(itertools.pairwise(bounds), paths, strict=True)
    ]


def _opens(block: Block, key: str) -> bool:
    """Whether a block is the heading ``key`` or opens with it run in ("Example. ...")."""
    if not isinstance(block, Paragraph):
        return False
    text = block.text.strip()
    line = heading_line(block)
    if line is not None and heading_key(line) == key:
        return True
    head = text.split(". ", 1)[0] if ". " in text[:120] else ""
    return bool(head) and heading_key(head) == key


def _is_line(item: SourcedBlock, path: tuple[str, ...]) -> bool:
    """Whether a block is only the place's heading line."""
    line = heading_line(item.block)
    return line is not None and heading_key(line) == heading_key(path[-1])


def _within(location: tuple[str, ...], path: tuple[str, ...]) -> tuple[str, ...]:
    """The path an instruction names, inside the place a lead-in named for it: "Principal
    Risks." / ""Non-Diversification Risk" is deleted" is ["Principal Risks",
    "Non-Diversification Risk"]; a path of several headings, or one that names the
    place, is kept as it is."""
    if not location or not path:
        return path or location
    keys = {heading_key(heading) for heading in location}
    if len(path) > 1 or heading_key(path[0]) in keys:
        return path
    return (*location, *path)


NO_NEW_TEXT = (
    "no new text follows the instruction (the copy of the filing may be cut off); "
    "an instruction without its text is not applied"
)


Placed = list[tuple[Operation, Recognised]]
"""Operations, each with what the words say of its place (its path, its documents)."""


def _operations(
    found: Recognised, segment: Segment, context: AmendmentContext
) -> tuple[Placed, str | None]:
    """The operations and, when the parser could not do better, why; an instruction
    that names several places side by side makes its change in each."""
    if not found.also or found.action in ("announcement", "unknown", "substitute"):
        operations, reason = _operations_at(found, segment, context)
        return [(operation, found) for operation in operations], reason
    paths = (found.path, *found.also)
    documents = found.documents_at or (found.documents,) * len(paths)
    shares, how = _shares(segment.content, paths)
    placed: Placed = []
    notes: list[str] = [f"it names {len(paths)} places; the change is made in each{how}"]
    for path, kinds, share in zip(paths, documents, shares, strict=True):
        one = attrs.evolve(found, path=path, also=(), documents_at=(), documents=kinds)
        done, note = _operations_at(one, attrs.evolve(segment, content=share), context)
        placed.extend((operation, one) for operation in done)
        if note and note not in notes:
            notes.append(note)
    return placed, "; ".join(notes)


def _shares(
    content: tuple[SourcedBlock, ...], paths: Sequence[tuple[str, ...]]
) -> tuple[list[tuple[SourcedBlock, ...]], str]:
    """The new text for each of the places: the parts its headings open (the places' own,
    printed as lines or run in: "Example. This Example is ..."), or its tables (with the
    text before each), when there is one for each place; else all of it for each."""
    count = len(paths)
    if not content:
        return [() for _ in range(count)], ""
    named = _named_parts(content, paths)
    if named is not None:
        return named, ", each with the part of the new text under its heading"
    headings = [
        index
        for index, item in enumerate(content)
        if heading_line(item.block) is not None
        and (index == 0 or heading_line(content[index - 1].block) is None)
    ]
    if len(headings) == count and headings[0] == 0:
        bounds = [*headings, len(content)]
        # Each part without the headings that open it (the place's own).
        shares = [
            tuple(
                itertools.dropwhile(lambda item: heading_line(item.block) is not None, content[a:b])
            )
            for a, b in itertools.pairwise(bounds)
        ]
        return shares, ", each with the part of the new text under its heading"
    tables = [index for index, item in enumerate(content) if isinstance(item.block, Table)]
    if len(tables) == count:
        bounds = [0, *(index + 1 for index in tables[:-1]), len(content)]
        shares = [tuple(content[a:b]) for a, b in itertools.pairwise(bounds)]
        return shares, ", each with its own table of the new text"
    return [content] * count, ", each with the whole new text"


def _operations_at(
    found: Recognised, segment: Segment, context: AmendmentContext
) -> tuple[list[Operation], str | None]:
    """The operations at the one place an instruction names, and why when the parser
    could not do better."""
    target = _target(found, segment, context)
    blocks = tuple(item.block for item in segment.content)
    whole = _text(segment.items)
    if found.action == "announcement":
        return [Notice(whole, target)], None
    if found.action == "substitute" and found.renames_below:
        pairs = renamed_in(blocks)
        if not pairs:
            return [Notice(whole, target)], "no table of current and new names follows it"
        return [SubstituteText(old, new, target) for old, new in pairs], None
    if found.action == "substitute":
        pairs = found.pairs or ((found.old, found.new),)
        return [SubstituteText(old, new, target) for old, new in pairs], None
    unknown = "the parser does not know this kind of instruction"
    if found.action == "unknown":
        return [Notice(whole, target)], found.reason or unknown
    note: str | None = None
    if target is None and found.headed:
        headed = _headed(found, segment, context, blocks)
        if headed is not None:
            return headed
    if target is None and found.action == "replace_section":
        titled = titled_section(blocks)
        if titled is None:
            return [Notice(whole)], found.reason or "it names no section"
        target = SectionTarget((titled,), _portfolio(found, segment, context))
        note = (
            f"it names no section: the heading its new text opens with, {titled!r}, is taken "
            "as the section it replaces"
        )
        return [ReplaceSection(target, blocks)], note
    if target is None:
        if found.action not in _BLOCK_ACTIONS:
            return [Notice(whole)], found.reason or "it names no section"
        target = SectionTarget((), _portfolio(found, segment, context))
        note = "it names no heading, only the block itself, so the ledger cannot place it"
    if found.takes_content and not blocks:
        # Understood, but its text is missing (most often a copy cut off right
        # after it): keep what it does; the ledger will not apply it without text.
        missing = placed(found, target, blocks) if target.path else None
        if missing is not None:
            return missing[0], NO_NEW_TEXT
        notice = Notice(whole, target if target.path else None)
        return [notice], NO_NEW_TEXT
    done = placed(found, target, blocks)
    if done is None:
        return [Notice(whole, target)], found.reason or (
            "the new text does not match the blocks it names" if found.several else unknown
        )
    operations, detail = done
    notes = [part for part in (note, detail) if part]
    if len(operations) > 1:
        notes.append(f"one instruction, carried out as {len(operations)} operations")
    return operations, "; ".join(notes) if notes else None


def _headed(
    found: Recognised, segment: Segment, context: AmendmentContext, blocks: tuple[Block, ...]
) -> tuple[list[Operation], str | None] | None:
    """One operation per headed part of the new text, at the place its headings name."""
    parts = [(path, body) for path, body in headed_parts(blocks) if path]
    if not parts:
        return None
    portfolio = _portfolio(found, segment, context)
    operations: list[Operation] = []
    for path, body in parts:
        done = placed(found, SectionTarget(path, portfolio), body)
        if done is not None:
            operations.extend(done[0])
    if not operations:
        return None
    note = "it names its places by the headings its new text opens with"
    return operations, note


def _effective(
    segment: Segment, context: AmendmentContext, defined: dict[str, EffectiveTime]
) -> EffectiveTime:
    if segment.head is None:
        # Text outside any instruction reports events ("Effective May 23, 2008, Mr.
        # Freeman is ..."); as a notice it stands on the timeline at the supplement's date
        # (at the time it states, when the supplement's date is not known).
        if context.supplement_date is None:
            return news_time(_text(segment.items))
        return find_effective("", default=context.supplement_date)
    first = segment.items[0]
    words = block_text(first.block) if isinstance(first.block, Paragraph) else ""
    time = find_effective(words, default=context.supplement_date, defined=defined)
    follows = _FOLLOWS_PREVIOUS.match(words) or _FOLLOWS_PREVIOUS.match(segment.lead)
    if not time.words and follows is not None and _PREVIOUS in defined:
        # "In connection with the above changes, ...": when the changes before it take effect.
        return attrs.evolve(defined[_PREVIOUS], words=follows.group(0))
    if not time.words and segment.lead:
        lead = find_effective(segment.lead, default=context.supplement_date, defined=defined)
        if lead.words:
            return lead
    if not time.words and context.default_effective is not None:
        return context.default_effective
    if not time.words and context.supplement_date is None and _NEWS in defined:
        # No date of its own and none of the supplement's: the change the news before it
        # announces ("After the close of business on September 30, 2005, Vanguard will
        # begin implementing a new policy ..." / "The ... section is replaced with ...").
        return defined[_NEWS]
    return time


def _amendments(
    segment: Segment, context: AmendmentContext, position: int, defined: dict[str, EffectiveTime]
) -> list[Amendment]:
    effective = _effective(segment, context, defined)
    whole = _text(segment.items)
    operations: list[tuple[Operation, Recognised | None]]
    if segment.recognised is None:
        announced = grammar.ANNOUNCEMENT.found(Words(whole))
        reason = None if announced else "text outside any recognised instruction"
        operations = [(Notice(whole), None)]
    else:
        done, reason = _operations(segment.recognised, segment, context)
        operations = list(done)
    words = block_text(segment.items[0].block)
    problems = [part for part in (reason, effective.problem) if part]
    diagnostic = f"{_lines(segment.items)}: {'; '.join(problems)}" if problems else None
    going = [
        (operation, _documents(operation, origin, segment, context))
        for operation, origin in operations
    ]
    # Document by document, each with its operations in order (a run of deletions after
    # a replacement stays a run in each document).
    order = dict.fromkeys(document for _, documents in going for document in documents)
    placed = [
        (document, operation)
        for document in order
        for operation, documents in going
        if document in documents
    ]
    return [
        Amendment(
            operation=operation,
            document=document,
            effective=effective.instant,
            effective_words=effective.words,
            approximate=effective.approximate,
            words=words,
            diagnostic=diagnostic,
            position=position + index,
        )
        for index, (document, operation) in enumerate(placed)
    ]


def build_amendments(body: Body, context: AmendmentContext) -> list[Amendment]:
    """The amendments of a supplement's body, in filing order."""
    amendments: list[Amendment] = []
    # Terms a supplement defines ('... on or about May 1, 2020 (the "Closing Date")') may
    # be defined in any paragraph, lead-ins and intro included.
    defined: dict[str, EffectiveTime] = {}
    for text in (*context.preamble, *(block_text(item.block) for item in body.leads)):
        defined.update(defined_times(text, default=context.supplement_date))
    texts = [_text(segment.items) for segment in body.segments]
    terms = [defined_times(text, default=context.supplement_date) for text in texts]
    for found in terms:
        defined.update(found)
    for segment, text, own in zip(body.segments, texts, terms, strict=True):
        if not segment.items:
            continue
        position = context.first_position + len(amendments)
        made = _amendments(segment, context, position, defined)
        amendments.extend(made)
        # A segment's own definitions hold from it on, over later ones of the same name.
        defined.update(own)
        if made and (segment.head is not None or made[-1].effective_words):
            # The time of the changes before ("In connection with the above changes"), or
            # of the news before (what undated instructions take when nothing dates them).
            last = made[-1]
            key = _PREVIOUS if segment.head is not None else _NEWS
            defined[key] = EffectiveTime(last.effective, last.effective_words, last.approximate)
        if segment.head is None:
            days = dates_in(text)
            if days:
                defined[LAST_DATE] = EffectiveTime(start_of_day(days[-1]), "", False)
    return amendments
