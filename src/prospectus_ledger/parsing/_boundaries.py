"""The splitter's boundary rules, in order: what each paragraph of a body is.

Each rule is a function of the splitter, the paragraph and its words that
answers whether it took the paragraph; :data:`BOUNDARIES` lists them in the
order they are tried (markdown-it's block rule chain, declared the same way).
A paragraph no rule takes is text of the current segment: an instruction's new
text, or news.
"""

from __future__ import annotations

import re

import attrs

from .._text import split_heading_path
from ..operations import BlockLocator
from ..tree import Paragraph, block_text
from ._locations import section_ref
from ._paragraphs import (
    is_lead_in,
    placed_lead,
    split_clauses,
    split_news,
    split_substitutions,
    split_word_changes,
)
from ._recognise import Action, Recognised, recognise
from ._runon import looks_like_instruction, split_run_on
from ._segments import Segment
from ._splitter import ROMAN_LABEL, Rule, Splitter, paragraph_text, part, portfolio_label
from ._targets import normalise, words_of
from .blocks import SourcedBlock
from .effective import find_effective
from .grammar import Words, supplements
from .grammar import headings as grammar
from .grammar import instructions as verbs
from .trailers import is_form_code, is_trailer, trailer_date

__all__ = ["BOUNDARIES"]

_MAX_LABEL = 200
_MAX_STATED = 80
_MAX_ROMAN_LABEL = 80
# "I. In the section ...", "Under the heading ...": a paragraph that opens with a place.
_LOCATION_OPENING = re.compile(
    r"^(?:[IVX]{1,5}\.|\d{1,2}\.|[A-Z]\.|\([a-z0-9]{1,3}\))?\s*(?:in|under|within) the\b",
    re.IGNORECASE,
)
# "ACANI-15-02 October 30, 2015 1.855551.112": a sticker's closing code.
_STICKER_CODE = re.compile(r"^[A-Z]{2,8}-\d{2}-\d{2}\b")
_ITEM_ONLY = re.compile(r"^\s*\(?(?:\d{1,2}|[A-Za-z]|[IVXivx]{1,5})[.)]\s*$")
# A paragraph this long is no instruction: where one holds instructions, its text was
# flattened onto one line.
_FLATTENED = 900
_OPENING_WORDS = 400
# What stands right before an instruction that opens inside flattened text: the end of
# a sentence, or a word in capitals (the end of the title).
_BEFORE_OPENING = re.compile(r"(?:[.:;!?\"'\u201d\u2019)]|\b[A-Z0-9]{2,}) $")
_INSTRUCTION_END = re.compile(r"[:.](?=\s|$)")


# -- splitting --------------------------------------------------------------------

_FOLLOWING = re.compile(r"\bthe following\b", re.IGNORECASE)
_CHANGES_OF_WORDS = ("replace_section", "replace_block", "delete_section", "delete_block")


def _is_roman_label(text: str) -> bool:
    """A heading of the supplement itself: "I.  Change in Portfolio Management Team"."""
    return (
        ROMAN_LABEL.match(text) is not None
        and len(text) <= _MAX_ROMAN_LABEL
        and not looks_like_instruction(text)
    )


def run_on(splitter: Splitter, item: SourcedBlock, text: str) -> bool:
    """An instruction run together with its new text: read each part."""
    head, rest = split_run_on(item, text)
    if rest is None:
        return False
    splitter.paragraph(head, block_text(head.block))
    words = block_text(rest.block)
    if _ITEM_ONLY.match(words):
        # "... is revised as follows: a." -- the number of the item that follows.
        splitter.labels.append(rest)
    elif looks_like_instruction(words):
        # "... is revised as follows: a. The first sentence ... is replaced:" -- items.
        splitter.paragraph(rest, words)
    else:
        splitter.append(rest)
    return True


def caption(splitter: Splitter, item: SourcedBlock, text: str) -> bool:
    """A run-in caption names the place of the paragraph it opens and of the
    instructions after it, up to the next caption."""
    words = normalise(text)
    found = grammar.RUN_IN_CAPTION.match(words_of(words))
    if found is None:
        return False
    splitter.close()
    splitter.location = split_heading_path(found["caption"] or "")
    splitter.place_level = None
    caption = part(item, words[: found.end()].rstrip())
    splitter.labels.append(caption)
    rest = words[found.end() :]
    splitter.paragraph(part(item, rest), rest)
    return True


def trailer_line(splitter: Splitter, item: SourcedBlock, text: str) -> bool:
    """A closing line ("Date: ...", "retain for future reference") ends the text."""
    if not is_trailer(text):
        return False
    splitter.close()
    splitter.trailer.append(item)
    return True


def stated_time(splitter: Splitter, item: SourcedBlock, text: str) -> bool:
    """A line that only states a time ("Effective as of June 30, 2010"): the time of the
    instructions after it; closing the body, of every instruction that states none."""
    if len(text) > _MAX_STATED or text.rstrip().endswith(":") or splitter.waiting():
        return False
    words = normalise(text).strip(" .")
    if not words.lower().startswith("effective") or find_effective(words).words != words:
        return False
    splitter.close()
    splitter.leads.append(item)
    splitter.lead = text
    splitter.stated.append((len(splitter.segments), item))
    return True


def sticker_code(splitter: Splitter, item: SourcedBlock, text: str) -> bool:
    """A sticker's closing code and date: the next text is another sticker."""
    if not (_STICKER_CODE.match(text) and is_form_code(text) and trailer_date(text)):
        return False
    splitter.close()
    splitter.trailer.append(item)
    splitter.breaks.append((len(splitter.segments), len(splitter.trailer)))
    return True


def portfolio_name(splitter: Splitter, item: SourcedBlock, text: str) -> bool:
    """A portfolio's name: the instructions after it concern that portfolio."""
    label = portfolio_label(text, splitter.portfolios)
    if label is None or not splitter.boundary_allowed(
        portfolio=True, before_instruction=id(item) in splitter.before_instructions
    ):
        return False
    splitter.close()
    splitter.scope = label
    splitter.labels.append(item)
    return True


def item_number(splitter: Splitter, item: SourcedBlock, text: str) -> bool:
    """The number of the item that follows ("1." or "a." alone on its line).  The
    next item of the level that named a place for its sub-items ends that place."""
    if not _ITEM_ONLY.match(text):
        return False
    splitter.labels.append(item)
    level = _level(text)
    if splitter.place_level is not None and level == splitter.place_level:
        splitter.location = ()
        splitter.place_level = None
    splitter.level = level
    return True


def roman_label(splitter: Splitter, item: SourcedBlock, text: str) -> bool:
    """A heading of the supplement itself: "I.  Change in Portfolio Management Team"."""
    if not (_is_roman_label(text) and splitter.boundary_allowed(portfolio=False)):
        return False
    splitter.close()
    splitter.labels.append(item)
    return True


def context_heading(splitter: Splitter, item: SourcedBlock, text: str) -> bool:
    """The document's headings printed above an instruction: where it applies."""
    if id(item) not in splitter.headings or not splitter.boundary_allowed(portfolio=False):
        return False
    current = splitter.current
    if (
        id(item) in splitter.owned
        and current is not None
        and current.recognised is not None
        and current.recognised.takes_content
        and splitter.content
    ):
        # After new text, above an instruction that names its own place: the new text's
        # last line, not the place of what follows.
        return False
    splitter.close()
    splitter.labels.append(item)
    splitter.pending.append(text.strip().rstrip(":").strip())
    return True


def flattened(splitter: Splitter, item: SourcedBlock, text: str) -> bool:
    """Text flattened onto one line ("... APRIL 28, 1998 PROSPECTUS The following
    information updates the similar information on the cover of the prospectus: ..."):
    an instruction starts wherever one opens (:data:`~.grammar.instructions.OPENINGS`)
    after a sentence or a title; each part is read as a paragraph."""
    if len(text) <= _FLATTENED:
        return False
    cuts = sorted({at for at in _openings(text) if at > 0})
    if not cuts:
        return False
    for start, end in zip((0, *cuts), (*cuts, len(text)), strict=True):
        words = text[start:end].strip()
        if words:
            splitter.paragraph(part(item, words), words)
    return True


def _openings(text: str) -> list[int]:
    """Where instructions open in flattened text."""
    found: list[int] = []
    words = Words(text)
    for rule in verbs.OPENINGS:
        for hit in rule.finditer(words):
            at = hit.start()
            if not text[at].isupper() or not _BEFORE_OPENING.search(text[max(at - 40, 0) : at]):
                continue
            head = text[at : at + _OPENING_WORDS]
            end = _INSTRUCTION_END.search(head)
            if looks_like_instruction(head[: end.end()] if end is not None else head):
                found.append(at)
    return found


def word_changes(splitter: Splitter, item: SourcedBlock, text: str) -> bool:
    """News with sentences that change words wherever they stand ("... will no longer
    serve. All references to Ms. Trillo are deleted."): the news is a notice, each
    such sentence an instruction, timed by the news before it."""
    if splitter.waiting():
        return False
    parts = split_word_changes(text)
    if parts is None:
        return False
    lead = splitter.lead
    for words, changes_words in parts:
        if changes_words:
            splitter.instruction(part(item, words), words, lead)
        else:
            # News; or news that ends with a lead-in ("... As a result, the following
            # portions of the prospectus are amended as indicated below:").
            splitter.close()
            splitter.paragraph(part(item, words), words)
            if find_effective(words).words:
                lead = words  # the news times what follows it

    return True


def predicate(splitter: Splitter, item: SourcedBlock, text: str) -> bool:
    """An instruction split around the words it quotes: "... the following language
    in the sub-sections entitled "X":" / <the old words> / "Is replaced in its
    entirety with the following:" -- one instruction, on those words."""
    current = splitter.current
    if (
        not text[:1].isupper()
        or verbs.OPENS_WITH_VERB.match(words_of(text)) is None
        or current is None
        or current.head is not None
    ):
        return False
    subject = paragraph_text(splitter.content[0]) if splitter.content else None
    old = [paragraph_text(piece) for piece in splitter.content[1:]]
    if not subject or not old or any(words is None for words in old):
        return False
    if not _FOLLOWING.search(subject) or not subject.rstrip().endswith(":"):
        return False
    quoted = " ".join(words for words in old if words)
    found = recognise(f"{subject.rstrip().rstrip(':')} {text}", splitter.portfolios)
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
        splitter.content[0].first_line,
        item.last_line,
    )
    splitter.current, splitter.content = None, []
    splitter.instruction(head, text, splitter.lead, recognised=found)
    return True


def supersedes(splitter: Splitter, item: SourcedBlock, text: str) -> bool:
    """ "This supplement supersedes and replaces the supplement dated ...": news."""
    if not supplements.NOT_INTRO.match(words_of(normalise(text))):
        return False
    splitter.close()
    splitter.current = Segment(item, Recognised("announcement"), portfolio=splitter.scope)
    return True


def _take_lead(
    splitter: Splitter, item: SourcedBlock, location: tuple[str, ...], *, lead: str | None = None
) -> None:
    """End the current segment at a lead-in that gives the instructions after it their
    place (and, with ``lead``, their time)."""
    splitter.close()
    splitter.leads.append(item)
    if lead is not None:
        splitter.lead = lead
    splitter.location = location


def lead_in(splitter: Splitter, item: SourcedBlock, text: str) -> bool:
    """A lead-in ("The Prospectus is amended as follows:") gives the instructions after
    it their time."""
    if not is_lead_in(text):
        return False
    _take_lead(splitter, item, (), lead=text)
    return True


def placed_lead_in(splitter: Splitter, item: SourcedBlock, text: str) -> bool:
    """A lead-in that names the place of the changes after it: "Effective January 1,
    2017, the following changes are made to the third paragraph of the "X" section:"
    gives them their time and their place."""
    location = placed_lead(text)
    if not location:
        return False
    _take_lead(splitter, item, location, lead=text)
    splitter.place_level = None
    return True


def location_lead(splitter: Splitter, item: SourcedBlock, text: str) -> bool:
    """A lead-in that only names a place, for the numbered items after it."""
    location = _location_lead(text)
    if not location:
        return False
    _take_lead(splitter, item, location)
    return True


def clauses(splitter: Splitter, item: SourcedBlock, text: str) -> bool:
    """Two instructions in one sentence ('"X" disclosure will be deleted under "A" and
    the following risk factor will be added to the section:'): one segment each. One
    that names no place acts where the other does ("the section", "this section"); the
    one that takes the text after the sentence goes last."""
    parts = split_clauses(text)
    if parts is None:
        return False
    read = [recognise(words, splitter.portfolios) for words in parts]
    for index, other in ((0, 1), (1, 0)):
        if not read[index].path and read[other].path:
            place = _holding(read[other])
            read[index] = recognise(parts[index], splitter.portfolios, place=place)
    if any(found.action == "unknown" and not found.described for found in read):
        return False
    if sum(found.takes_content for found in read) > 1:
        return False
    for index in sorted(range(len(parts)), key=lambda index: read[index].takes_content):
        words = parts[index]
        splitter.instruction(part(item, words), words, splitter.lead, recognised=read[index])
    return True


def _holding(found: Recognised) -> tuple[str, ...]:
    """The section an instruction acts in: the one that holds the part it deletes or
    inserts, else its place."""
    if found.action in ("delete_section", "insert_section") and len(found.path) > 1:
        return found.path[:-1]
    return found.path


def instruction_paragraph(splitter: Splitter, item: SourcedBlock, text: str) -> bool:
    """An instruction: it starts a segment of its own."""
    if not looks_like_instruction(text):
        return False
    splitter.instruction(item, text, splitter.lead)
    return True


def split_paragraph(splitter: Splitter, item: SourcedBlock, text: str) -> bool:
    """A paragraph that holds news and an instruction, or several substitutions."""
    news = split_news(text, looks_like_instruction)
    if news is not None:
        first, rest = (part(item, words) for words in news)
        current = splitter.current
        if current is not None and current.head is not None and not splitter.waiting():
            splitter.close()
        # The sentences before the instruction are news, or the text of an
        # instruction just before that is still waiting for it.
        splitter.append(first)
        splitter.paragraph(rest, block_text(rest.block))
        return True
    several = (
        split_substitutions(text, looks_like_instruction) if looks_like_instruction(text) else None
    )
    if several is not None:
        for index, words in enumerate(several):
            lead = several[0] if index else splitter.lead
            splitter.instruction(part(item, words), words, lead, shared=index < len(several) - 1)
        return True
    return False


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


BOUNDARIES: tuple[tuple[str, Rule], ...] = (
    ("run-in caption", caption),
    ("run on", run_on),
    ("trailer", trailer_line),
    ("stated time", stated_time),
    ("sticker code", sticker_code),
    ("portfolio name", portfolio_name),
    ("item number", item_number),
    ("roman label", roman_label),
    ("context heading", context_heading),
    ("flattened", flattened),
    ("news and word changes", word_changes),
    ("news and instruction", split_paragraph),
    ("supersedes", supersedes),
    ("verb of the text before", predicate),
    ("lead-in", lead_in),
    ("lead-in with a place", placed_lead_in),
    ("location lead", location_lead),
    ("two instructions in a sentence", clauses),
    ("instruction", instruction_paragraph),
)
"""The splitter's boundary rules, in order: the first that takes a paragraph decides what
it is."""
