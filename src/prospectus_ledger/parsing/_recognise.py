"""What one instruction paragraph does: :func:`recognise`.

The reading goes in three steps, each on :func:`~._targets.normalise`'d words:

1. Notices and substitutions: "is revised accordingly" changes no text;
   "all references to X are replaced with Y" (quoted or not) substitutes.
2. The verb: *replace* ("the following replaces", "is deleted and replaced
   with", "is amended and restated", "is amended to read as follows", "is
   the following, instead of", "modifies the similar existing paragraph",
   "replace "X" with"), *insert* ("the following is added", "is amended to
   include", "please insert", "the following supplements") or *delete* ("is
   deleted", "is removed").
3. The block it acts on: sentences of a paragraph ("the third sentence of
   the sixth paragraph", "all except the last two sentences of the
   paragraph"), a paragraph or bullet by ordinal ("the fifth paragraph", "as
   the fifteenth bullet", "following the last paragraph"), by label
   ("paragraph (vii)", "footnote (2)"), by its text (the deleted text that
   follows "the following paragraph is deleted:"; the first words of the
   new text for "replaces a similar paragraph"), a table ("the fee table",
   "the sales charge schedule", "under the chart"), a list ("added to the
   list"), or else the whole section.

What none of this reads is ``unknown``, with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import attrs

from ..operations import BlockLocator, SentenceSpan
from ..tree import DocumentKind
from . import _fold
from . import _phrases as phrases
from ._documents import kinds_mentioned
from ._fold import found as _found
from ._fold import search as _search
from ._substitutions import substitution_pairs
from ._targets import ORDINALS, named_portfolio, normalise, section_ref, unquoted

__all__ = ["Action", "Recognised", "recognise"]

Action = Literal[
    "replace_section",
    "replace_block",
    "delete_section",
    "delete_block",
    "insert_blocks",
    "insert_section",
    "substitute",
    "announcement",
    "unknown",
]
Anchoring = Literal["none", "whole", "start"]
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


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
        position: where inserted blocks go (for a new section: ``start`` is
            its parent's first child, ``end`` its last).
        old: for substitutions, the words replaced.
        new: for substitutions, the words that replace them.
        reason: why the instruction was not understood.
        anchored: how the text after the instruction names the block:
            ``whole`` (it is the block: "the following paragraph is
            deleted:"), ``start`` (the block begins like it: "replaces a
            similar paragraph"), or ``none``.
        note: how the operation only approximates the instruction, if it
            does ("after the second sentence of the tenth paragraph" becomes
            a paragraph after the tenth).
        several: for a change to several blocks ("items (i) and (iv)", "the
            first paragraph and the table"), the blocks, each replaced by its
            part of the new text in turn.
        through: for a change to a run of blocks ("the first four
            paragraphs", "the second and third paragraphs"), the ordinal of
            the last; ``locator`` names the first.
        pairs: for substitutions, every (old, new) pair, in order ("A and B
            ... are replaced with C and D, respectively").
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
    anchored: Anchoring = "none"
    note: str | None = None
    several: tuple[BlockLocator, ...] = ()
    through: int | None = None
    pairs: tuple[tuple[str, str], ...] = ()

    @property
    def takes_content(self) -> bool:
        """Whether the blocks after the instruction are its text (new, or to delete)."""
        return self.action in (
            "replace_section",
            "replace_block",
            "insert_blocks",
            "insert_section",
            "unknown",
        ) or (self.action == "delete_block" and self.anchored == "whole")


def _ordinal(word: str) -> int:
    return ORDINALS[" ".join(word.lower().split())]


def _kind(word: str) -> Literal["paragraph", "bullet"]:
    return "bullet" if word.lower().startswith("bullet") else "paragraph"


def _span(ordinal: str) -> SentenceSpan:
    index = _ordinal(ordinal)
    if index > 0:
        return SentenceSpan(index - 1, index)
    return SentenceSpan(index, index + 1 if index < -1 else None)


def _substitution(base: Recognised, words: str) -> Recognised | None:
    """A substitution (one or several pairs), or ``None`` when the words hold none."""
    pairs = substitution_pairs(words)
    if pairs is None:
        return None
    if isinstance(pairs, str):
        return attrs.evolve(base, reason=pairs)
    (old, new), *_ = pairs
    return attrs.evolve(base, action="substitute", old=old, new=new, pairs=pairs)


def recognise(text: str, portfolios: Sequence[str] = ()) -> Recognised:
    """Read what an instruction paragraph does (see the module docstring)."""
    words = normalise(text)
    own = unquoted(words)
    documents = kinds_mentioned(own)
    portfolio = named_portfolio(own, portfolios)
    ref = section_ref(words)
    path = ref.path if ref is not None else ()
    base = Recognised("unknown", path, portfolio, documents)
    if (
        _found(phrases.ACCORDINGLY, own)
        or _found(phrases.NO_LONGER_APPLICABLE, own)
        or _found(phrases.APPLIES_TO, own)
    ):
        return attrs.evolve(base, action="announcement")
    substituted = _substitution(base, words)
    if substituted is not None:
        return substituted
    scope = _fold.sub(
        phrases.NEW_TEXT_NOUN,
        "the following",
        _fold.sub(phrases.SECOND_TO_LAST, "penultimate", own),
    )
    found = _read_change(base, scope)
    if not path and found.action == "replace_section":
        # Its new text may name the section with a heading of its own.
        return attrs.evolve(found, reason="it names no section the parser can find")
    if not path and found.action in ("delete_section", "insert_section"):
        return attrs.evolve(
            found, action="unknown", reason="it names no section the parser can find"
        )
    return found


def _verb(scope: str) -> Literal["replace", "insert", "delete"] | None:
    if any(_found(pattern, scope) for pattern in phrases.REPLACING):
        return "replace"
    if any(_found(pattern, scope) for pattern in phrases.INSERTING):
        return "insert"
    if _found(phrases.DELETED, scope) or _found(phrases.DELETE, scope):
        return "delete"
    return None


def _read_change(base: Recognised, scope: str) -> Recognised:
    """What an instruction does to the section it names (or to a block of it)."""
    # "the text and table immediately under the heading X": all of it, not a table;
    # 'the "Unusual Market Conditions" paragraph': named by its heading, a section.
    scope = _fold.sub(
        phrases.NAMED_PARAGRAPH, '""', _fold.sub(phrases.TEXT_AND_TABLE, "text", scope)
    )
    verb = _verb(scope)
    if verb is None:
        if not base.path:
            return attrs.evolve(base, reason="it names no section the parser can find")
        return attrs.evolve(base, reason="the parser does not know this kind of instruction")
    several = _fold.sub(phrases.ALL_EXCEPT_LAST, "", scope)
    if verb != "insert":
        compound = _compound(
            base, several, "replace_block" if verb == "replace" else "delete_block"
        )
        if compound is not None:
            return compound
    if phrases.several_blocks(several):
        return attrs.evolve(base, reason="it changes several blocks of a section at once")
    if verb == "insert":
        return _insert(base, scope)
    action: Action = "replace_block" if verb == "replace" else "delete_block"
    block = _block(base, scope, action)
    if block is not None:
        return block
    partial = _search(phrases.PARTIAL, scope)
    if partial is not None:
        return attrs.evolve(base, reason=f"it changes only part of a section ({partial[0]!r})")
    return attrs.evolve(base, action="replace_section" if verb == "replace" else "delete_section")


def _compound(base: Recognised, scope: str, action: Action) -> Recognised | None:
    """A replace or delete of several blocks, if the words name them in a way that pairs
    them with the new text: by label, a run by ordinals, a block and a table."""
    items = _search(phrases.ITEMS, scope)
    if items is not None:
        labels = phrases.LABEL.findall(items["labels"])
        several = tuple(BlockLocator("paragraph", anchor=label) for label in labels)
        return attrs.evolve(base, action=action, several=several)
    first = _search(phrases.FIRST_N, scope)
    if first is not None:
        count = _COUNT_WORDS[first["n"].lower()]
        return attrs.evolve(
            base, action=action, locator=BlockLocator(_kind(first["kind"]), 1), through=count
        )
    run = _search(phrases.BLOCK_RANGE, scope)
    if run is not None and 0 < _ordinal(run["a"]) < _ordinal(run["b"]):
        locator = BlockLocator(_kind(run["kind"]), _ordinal(run["a"]))
        return attrs.evolve(base, action=action, locator=locator, through=_ordinal(run["b"]))
    with_table = _search(phrases.BLOCK_AND_TABLE, scope)
    if with_table is not None:
        block = BlockLocator(_kind(with_table["kind"]), _ordinal(with_table["ord"]))
        return attrs.evolve(base, action=action, several=(block, BlockLocator("table")))
    if _found(phrases.TABLE_AND_PRECEDING, scope) and action == "replace_block":
        return attrs.evolve(
            base,
            action=action,
            several=(BlockLocator("paragraph"), BlockLocator("table")),
            anchored="start",
            note="the sentence before the table is found by the first words of the new one",
        )
    return None


def _block(base: Recognised, scope: str, action: Action) -> Recognised | None:
    """A replace or delete of one block (or sentences of one), if the words name one."""
    sentence = _search(phrases.SENTENCE_OF, scope)
    if sentence is not None:
        locator = BlockLocator("paragraph", _ordinal(sentence["pord"]))
        return attrs.evolve(base, action=action, locator=locator, sentences=_span(sentence["sord"]))
    sentence = _search(phrases.SENTENCE_OF_THE, scope)
    if sentence is not None:
        return attrs.evolve(
            base,
            action=action,
            locator=BlockLocator("paragraph"),
            sentences=_span(sentence["sord"]),
        )
    sentence = _search(phrases.SENTENCE_UNDER, scope)
    if sentence is not None:
        # "the first sentence under "Bank Obligations"": of its first (or last) paragraph.
        index = _ordinal(sentence["sord"])
        locator = BlockLocator("paragraph", 1 if index > 0 else -1)
        return attrs.evolve(base, action=action, locator=locator, sentences=_span(sentence["sord"]))
    except_last = _search(phrases.ALL_EXCEPT_LAST, scope)
    if except_last is not None:
        count = _COUNT_WORDS.get(except_last["count"].lower(), 1)
        return attrs.evolve(
            base,
            action=action,
            locator=BlockLocator("paragraph"),
            sentences=SentenceSpan(None, -count),
        )
    ordinals = [
        m for m in _fold.finditer(phrases.BLOCK_ORDINAL, scope) if m["kind"].lower() != "sentence"
    ]
    if len({(m["ord"].lower(), _kind(m["kind"])) for m in ordinals}) == 1:
        # "the last paragraph ..., instead of the current last paragraph": one block.
        match = ordinals[0]
        return attrs.evolve(
            base, action=action, locator=BlockLocator(_kind(match["kind"]), _ordinal(match["ord"]))
        )
    labelled = _search(phrases.LABELLED_BLOCK, scope)
    if labelled is not None:
        return attrs.evolve(
            base, action=action, locator=BlockLocator("paragraph", anchor=labelled["label"])
        )
    similar = _search(phrases.SIMILAR_BLOCK, scope)
    if similar is not None:
        kind: Literal["paragraph", "bullet"] = "bullet" if similar["bulleted"] else "paragraph"
        return attrs.evolve(
            base,
            action=action,
            locator=BlockLocator(kind),
            anchored="start",
            note="the filing names the block it replaces only as similar to the new one; "
            "it is found by its first words",
        )
    if _found(phrases.ASTERISKED, scope):
        return attrs.evolve(base, action=action, locator=BlockLocator("paragraph", anchor="*"))
    if action == "delete_block" and _found(phrases.FOLLOWING_BLOCK, scope):
        return attrs.evolve(base, action=action, locator=BlockLocator("block"), anchored="whole")
    if _found(phrases.TABLE, scope):
        return attrs.evolve(base, action=action, locator=BlockLocator("table"))
    the_block = _search(phrases.THE_BLOCK, scope)
    if the_block is not None:
        return attrs.evolve(base, action=action, locator=BlockLocator(_kind(the_block["kind"])))
    return None


def _insert(base: Recognised, scope: str) -> Recognised:
    """Where an insertion goes: a new section, after a block, or at the end."""
    if _found(phrases.AS_FIRST_SECTION, scope) and base.path:
        return attrs.evolve(base, action="insert_section", position="start")
    inside = _search(phrases.INSIDE_PARAGRAPH, scope)
    if inside is not None:
        return attrs.evolve(
            base,
            action="insert_blocks",
            position="after",
            locator=BlockLocator("paragraph", _ordinal(inside["pord"])),
            note="the new text belongs inside that paragraph; it is inserted as a paragraph "
            "after it",
        )
    as_nth = _search(phrases.AS_NTH, scope)
    if as_nth is not None:
        index = _ordinal(as_nth["ord"])
        kind = _kind(as_nth["kind"])
        if index == 1:
            return attrs.evolve(
                base, action="insert_blocks", position="before", locator=BlockLocator(kind, 1)
            )
        if index > 1:
            return attrs.evolve(
                base,
                action="insert_blocks",
                position="after",
                locator=BlockLocator(kind, index - 1),
            )
        return attrs.evolve(
            base, action="insert_blocks", position="after", locator=BlockLocator(kind, -1)
        )
    where = _search(phrases.INSERT_AT, scope)
    if where is not None:
        position: Literal["before", "after"] = (
            "before" if where["where"].lower() in ("before", "preceding") else "after"
        )
        return attrs.evolve(
            base,
            action="insert_blocks",
            position=position,
            locator=BlockLocator(_kind(where["kind"]), _ordinal(where["ord"])),
        )
    if _found(phrases.TO_THE_LIST, scope):
        return attrs.evolve(
            base, action="insert_blocks", position="after", locator=BlockLocator("bullet", -1)
        )
    if _found(phrases.UNDER_TABLE, scope):
        return attrs.evolve(
            base, action="insert_blocks", position="after", locator=BlockLocator("table")
        )
    start = _found(phrases.AT_START, scope)
    return attrs.evolve(base, action="insert_blocks", position="start" if start else "end")
