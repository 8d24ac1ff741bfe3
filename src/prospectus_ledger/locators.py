"""Where an operation acts: a section by heading path, a block, some sentences."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, TypeAlias

import attrs

from ._text import heading_key, split_sentences
from .errors import BlockNotFoundError
from .tree import BulletList, Paragraph, Section, Table, block_text, strings

__all__ = [
    "BlockKind",
    "BlockLocator",
    "SectionTarget",
    "SentenceSpan",
    "replace_sentences",
    "resolve_block",
    "resolve_run",
]

BlockKind: TypeAlias = Literal["block", "paragraph", "bullet", "list", "table"]


@attrs.frozen
class SectionTarget:
    """A section named by heading path, optionally within one portfolio's part.

    Attributes:
        path: headings, outermost first, as the filing states them.
        portfolio: the portfolio the instruction concerns; its part of the
            document is searched first, then the shared parts.
        statutory: the instruction names the *statutory* prospectus ("the
            'Investment manager' section of each Fund's Statutory Prospectus"):
            where the heading names a section of the summary section too, the
            statutory one is meant.
    """

    path: tuple[str, ...] = attrs.field(converter=strings)
    portfolio: str | None = None
    statutory: bool = False

    def describe(self) -> str:
        """The path joined for people, with the portfolio if any."""
        where = f" [{self.portfolio}]" if self.portfolio else ""
        return " -- ".join(self.path) + where


@attrs.frozen
class BlockLocator:
    """Which block of a section an operation acts on.

    Attributes:
        kind: count only paragraphs, bullet items, whole bulleted lists, tables, or
            any block.
        ordinal: 1-based position among blocks of that kind (after filtering
            by ``anchor``); negative counts from the end (-1 is the last).
            ``None`` requires exactly one candidate.
        anchor: the block must begin with (or contain) this text.
        match: whether ``anchor`` is matched at the beginning or anywhere.
        through: for a run of blocks ("the second and third paragraphs"), the
            ordinal of the last; ``ordinal`` is the first's.
    """

    kind: BlockKind = "paragraph"
    ordinal: int | None = None
    anchor: str | None = None
    match: Literal["begins", "contains"] = "begins"
    through: int | None = attrs.field(default=None)

    @through.validator
    def _check_through(self, _attribute: object, value: int | None) -> None:
        if value is not None and (self.ordinal is None or not 0 < self.ordinal < value):
            raise ValueError(
                f"a run of blocks needs a first ordinal before its last; got ordinal "
                f"{self.ordinal!r} through {value!r}"
            )

    def describe(self) -> str:
        """E.g. "paragraph 5", "paragraphs 2-3", "last bullet", "paragraph beginning
        'The Fund ...'"."""
        if self.through is not None:
            return f"{self.kind}s {self.ordinal}-{self.through}"
        parts: list[str] = [self.kind]
        if self.ordinal is not None:
            parts.append("last" if self.ordinal == -1 else str(self.ordinal))
        if self.anchor is not None:
            verb = "beginning" if self.match == "begins" else "containing"
            parts.append(f"{verb} {self.anchor!r}")
        return " ".join(parts)


@attrs.frozen
class SentenceSpan:
    """Sentences of a paragraph, as a Python slice of its sentence list.

    "the third sentence" is ``SentenceSpan(2, 3)``; "the second to last
    sentence" is ``SentenceSpan(-2, -1)``; "all except the last two sentences"
    is ``SentenceSpan(None, -2)``.
    """

    start: int | None = None
    stop: int | None = None

    def describe(self) -> str:
        """The span as a slice, for messages."""
        start = "" if self.start is None else str(self.start)
        stop = "" if self.stop is None else str(self.stop)
        return f"sentences [{start}:{stop}]"


def _normal(text: str) -> str:
    return heading_key(text)


def _candidates(section: Section, kind: BlockKind) -> list[tuple[int, int | None, str]]:
    """(block index, item index, text) of every block or bullet item of ``kind``."""
    found: list[tuple[int, int | None, str]] = []
    for index, block in enumerate(section.blocks):
        if kind == "bullet":
            if isinstance(block, BulletList):
                found.extend((index, item, text) for item, text in enumerate(block.items))
        elif (
            kind == "block"
            or (kind == "paragraph" and isinstance(block, Paragraph))
            or (kind == "list" and isinstance(block, BulletList))
            or (kind == "table" and isinstance(block, Table))
        ):
            found.append((index, None, block_text(block)))
    return found


def resolve_block(
    section: Section, path: Sequence[str], locator: BlockLocator
) -> tuple[int, int | None]:
    """(block index, bullet item index or ``None``) of the block ``locator`` names.

    Raises:
        BlockNotFoundError: when no block (or not exactly one, without an
            ordinal) matches.
    """
    candidates = _candidates(section, locator.kind)
    available = len(candidates)
    if locator.anchor is not None:
        wanted = _normal(locator.anchor)
        candidates = [
            c
            for c in candidates
            if (
                _normal(c[2]).startswith(wanted)
                if locator.match == "begins"
                else wanted in _normal(c[2])
            )
        ]
    if locator.ordinal is None:
        if len(candidates) == 1:
            return candidates[0][0], candidates[0][1]
        raise BlockNotFoundError(
            path, locator.describe() + " (exactly one expected)", len(candidates)
        )
    position = locator.ordinal - 1 if locator.ordinal > 0 else locator.ordinal
    if locator.ordinal == 0 or not -len(candidates) <= position < len(candidates):
        raise BlockNotFoundError(path, locator.describe(), available)
    chosen = candidates[position]
    return chosen[0], chosen[1]


def resolve_run(section: Section, path: Sequence[str], locator: BlockLocator) -> list[int]:
    """The block indices of the run ``locator`` names (its ``ordinal`` through its
    ``through``), in order.

    Raises:
        BlockNotFoundError: when the section has fewer blocks of the kind.
    """
    first, last = locator.ordinal, locator.through
    if first is None or last is None:
        return [resolve_block(section, path, locator)[0]]
    candidates = _candidates(section, locator.kind)
    if locator.kind == "bullet" or last > len(candidates):
        raise BlockNotFoundError(path, locator.describe(), len(candidates))
    return [candidates[index][0] for index in range(first - 1, last)]


def replace_sentences(text: str, span: SentenceSpan, new_text: str, path: Sequence[str]) -> str:
    """``text`` with the sentences of ``span`` replaced by ``new_text`` (removed if empty).

    Raises:
        BlockNotFoundError: when the paragraph has no sentence in ``span``.
    """
    sentences = split_sentences(text)
    selected = sentences[span.start : span.stop]
    if not selected:
        raise BlockNotFoundError(path, span.describe(), len(sentences))
    start, stop, _ = slice(span.start, span.stop).indices(len(sentences))
    kept = [*sentences[:start], *([new_text] if new_text else []), *sentences[stop:]]
    return " ".join(kept)
