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

from collections.abc import Iterable, Sequence
from typing import Literal

import attrs

from .._text import heading_key
from ..operations import BlockLocator, SentenceSpan
from ..tree import DocumentKind
from ._documents import kinds_mentioned
from ._locations import SectionRef, section_refs
from ._substitutions import UNDELIMITED, funds_deleted, renames_in_table, substitution_pairs
from ._targets import named_portfolio, normalise, unquoted
from .grammar import Rule, Words
from .grammar import blocks as where
from .grammar import instructions as grammar
from .grammar._builds import Builder, kind_of

__all__ = ["DESCRIBED", "Action", "Recognised", "recognise"]

DESCRIBED = (
    "the filing describes the change in words and gives no new text "
    '("revised to reflect that ..."): a notice'
)

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
Verb = Literal["replace", "insert", "delete"]


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
        renames_below: a substitution whose pairs are the rows of the table
            after it ("the Funds will be renamed as follows:").
        headed: the place is named by the headings that open the new text ("the
            following supplements the corresponding section").
        described: the change is described in words, with no new text ("is revised
            to denote that the Fund is diversified."): a notice, taking no text.
        also: the other places it names side by side with ``path`` ('the tables
            "A" and "B"'): the change is made in each.
        words: the words the instruction quotes as the ones it replaces or deletes
            (only they change, in the block that holds them).
        documents_at: for ``path`` and each of ``also``, the document kinds the
            words name for that place ("... in the Summary and Statutory
            Prospectuses and ... in the Statutory Prospectus").
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
    renames_below: bool = False
    headed: bool = False
    described: bool = False
    also: tuple[tuple[str, ...], ...] = ()
    documents_at: tuple[tuple[DocumentKind, ...], ...] = ()
    words: str | None = None

    @property
    def takes_content(self) -> bool:
        """Whether the blocks after the instruction are its text (new, or to delete)."""
        if self.described:
            return False
        return (
            self.action
            in ("replace_section", "replace_block", "insert_blocks", "insert_section", "unknown")
            or (self.action == "delete_block" and self.anchored == "whole")
            or self.renames_below
        )


def _substitution(base: Recognised, words: str) -> Recognised | None:
    """A substitution (one or several pairs), or ``None`` when the words hold none."""
    pairs = substitution_pairs(words)
    if pairs is None:
        return None
    if isinstance(pairs, str):
        return attrs.evolve(base, reason=pairs)
    (old, new), *_ = pairs
    path = base.path
    if path and heading_key(path[-1]) in {heading_key(words) for words, _ in pairs}:
        path = ()  # "all references to Appendix A": the words, no place they are in
    return attrs.evolve(base, action="substitute", old=old, new=new, pairs=pairs, path=path)


def recognise(text: str, portfolios: Sequence[str] = (), place: tuple[str, ...] = ()) -> Recognised:
    """Read what an instruction paragraph does (see the module docstring); ``place``:
    the section it acts in when its words name none ("added to the section")."""
    words = normalise(text)
    own = unquoted(words)
    documents = kinds_mentioned(own)
    portfolio = named_portfolio(own, portfolios)
    refs = section_refs(words)
    path = refs[0].path if refs else place
    also = tuple(ref.path for ref in refs[1:])
    documents_at = _documents_at(words, refs, documents) if also else ()
    base = Recognised("unknown", path, portfolio, documents, also=also, documents_at=documents_at)
    scope = Words(own)
    if grammar.NOTICES.found(scope):
        return attrs.evolve(base, action="announcement")
    if renames_in_table(own):
        return attrs.evolve(base, action="substitute", renames_below=True)
    funds = funds_deleted(words)
    if funds:
        return attrs.evolve(
            base,
            action="delete_section",
            path=(funds[0],),
            also=tuple((fund,) for fund in funds[1:]),
            documents_at=(),
            note="the disclosure of a portfolio is its part of the document, under its name",
        )
    substituted = _substitution(base, words)
    if substituted is not None and (
        substituted.reason != UNDELIMITED or not _verb_before_references(scope)
    ):
        return substituted
    for rule in grammar.REWRITES:
        scope = scope.sub(rule, rule.builds)
    found = _read_change(base, scope, Words(words))
    if not path and grammar.CORRESPONDING.found(scope):
        found = attrs.evolve(found, headed=True)
    if grammar.DESCRIBED.found(scope):
        found = attrs.evolve(found, action="unknown", described=True, reason=DESCRIBED)
    if not path and found.action == "replace_section":
        # Its new text may name the section with a heading of its own.
        return attrs.evolve(found, reason="it names no section the parser can find")
    if not path and found.action in ("delete_section", "insert_section"):
        return attrs.evolve(
            found, action="unknown", reason="it names no section the parser can find"
        )
    return found


def _documents_at(
    words: str, refs: Sequence[SectionRef], documents: tuple[DocumentKind, ...]
) -> tuple[tuple[DocumentKind, ...], ...]:
    """The documents named for each place: those named between it and the next place
    (the instruction's own, where none are)."""
    found: list[tuple[DocumentKind, ...]] = []
    for index, ref in enumerate(refs):
        stop = refs[index + 1].start if index + 1 < len(refs) else len(words)
        found.append(kinds_mentioned(unquoted(words[ref.end : stop])) or documents)
    return tuple(found)


def _verb_before_references(scope: Words) -> bool:
    """Whether the instruction's verb comes before its mention of references: "The
    following replaces the list ..., and all references to X refer to the following:" is
    read by its verb, not as a substitution the parser cannot delimit."""
    verb = grammar.VERBS.first(scope)
    mention = grammar.MENTIONS.search(scope)
    if verb is None or mention is None:
        return verb is not None
    return verb[1].start() < mention.start() or verb[0].name != "is replaced with"


def _verb(scope: Words) -> Verb | None:
    found = grammar.VERBS.first(scope)
    return found[0].builds if found is not None else None  # type: ignore[return-value]


def _read_change(base: Recognised, scope: Words, quoted: Words) -> Recognised:
    """What an instruction does to the section it names (or to a block of it);
    ``quoted``: its words with their quotes (``scope`` has them blanked)."""
    verb = _verb(scope)
    if verb is None:
        if not base.path:
            return attrs.evolve(base, reason="it names no section the parser can find")
        return attrs.evolve(base, reason="the parser does not know this kind of instruction")
    action: Action = "replace_block" if verb == "replace" else "delete_block"
    if verb != "insert":
        passage = _quoted_words(base, quoted)
        if passage is not None:
            return attrs.evolve(passage, action=action)
        sentences = _first_change(where.SENTENCES, scope, base, action)
        if sentences is not None:
            return sentences
        compound = _first_change(where.COMPOUNDS, scope, base, action)
        if compound is not None:
            return compound
    if where.SEVERAL.found(scope):
        return attrs.evolve(base, reason="it changes several blocks of a section at once")
    if verb == "insert":
        return _insert(base, scope)
    block = _block(base, scope, action)
    if block is not None:
        return block
    partial = where.PARTIAL.search(scope)
    if partial is not None:
        return attrs.evolve(base, reason=f"it changes only part of a section ({partial.text!r})")
    return attrs.evolve(base, action="replace_section" if verb == "replace" else "delete_section")


def _quoted_words(base: Recognised, quoted: Words) -> Recognised | None:
    """The words an instruction quotes as the ones it changes, when it quotes a passage
    rather than a heading."""
    if '"' not in quoted.text:
        return None
    found = grammar.QUOTED_WORDS.search(quoted)
    if found is None or (base.path and found["old"] in base.path):
        return None
    old = (found["old"] or "").strip().rstrip(",")
    locator = BlockLocator("block", anchor=old, match="contains")
    return attrs.evolve(base, locator=locator, words=old)


def _first_change(
    rules: Iterable[Rule[Builder]], scope: Words, base: Recognised, action: Action
) -> Recognised | None:
    """The change the first of ``rules`` that matches and applies makes."""
    for rule in rules:
        hit = rule.search(scope)
        if hit is None:
            continue
        change = rule.builds(hit)
        if change is not None:
            return attrs.evolve(base, action=action, **change)
    return None


def _block(base: Recognised, scope: Words, action: Action) -> Recognised | None:
    """A replace or delete of one block (or sentences of one), if the words name one."""
    rules = [rule for rule in where.BLOCKS if _names_one_block(rule, scope, action)]
    return _first_change(rules, scope, base, action)


def _names_one_block(rule: Rule[Builder], scope: Words, action: Action) -> bool:
    """Whether a row of :data:`~.grammar.blocks.BLOCKS` may read this change."""
    if rule.name in where.DELETE_ONLY and action != "delete_block":
        return False
    if rule is where.NTH_BLOCK:
        # "the last paragraph ..., instead of the current last paragraph": one block,
        # named once or more; two different blocks are no one block.
        named = {(hit.low("ord"), kind_of(hit["kind"])) for hit in rule.finditer(scope)}
        return len(named) == 1
    return True


def _insert(base: Recognised, scope: Words) -> Recognised:
    """Where an insertion goes: a new section, after a block, or at the end."""
    for rule in where.PLACES:
        hit = rule.search(scope)
        if hit is None:
            continue
        change = dict(rule.builds(hit) or {})
        if change.get("action") == "insert_section" and not base.path:
            continue
        change.setdefault("action", "insert_blocks")
        return attrs.evolve(base, **change)
    return attrs.evolve(base, action="insert_blocks", position="end")
