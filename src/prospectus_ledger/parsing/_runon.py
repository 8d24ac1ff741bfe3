"""Recognising an instruction paragraph, and one run together with its new text.

:func:`looks_like_instruction` is deliberately broad (a change verb and a
reference to the document's structure) so that an instruction the parser does
not understand still ends the text of the one before it.
"""

from __future__ import annotations

from ..tree import Paragraph
from ._memo import memo
from ._recognise import recognise
from ._substitutions import CHANGES_WORDS, changes_words
from ._targets import changes, normalise, sentences, words_of
from ._tidy import collapsed_length, tidy
from .blocks import SourcedBlock
from .grammar import Gate, Rule
from .grammar import instructions as grammar

__all__ = ["looks_like_instruction", "split_run_on"]

_MAX_INSTRUCTION = 900
_MAX_SENTENCES = 4

# An instruction and its new text run together: "... with the following: The Portfolio ...".
_RUN_ON = Rule(
    "run on",
    r"\b(?:the following|as follows|below)\b[^:]{0,200}?:(?: (?=\S)|(?=[a-z]))"
    r"|\b(?:the following(?: information| text| disclosure| language)?|as follows)\. (?=[a-z\"])",
    "run on",
)
# An instruction holds a change verb or changes words: text that none of their rules may
# match is none.
_INSTRUCTS = Gate([*grammar.INSTRUCTION, *CHANGES_WORDS.rules])
_OPENS_FOLLOWING = Rule("opens with the following", r"^(?:\S+ )?the following\b", "following")


@memo
def looks_like_instruction(text: str) -> bool:
    """Whether a paragraph reads like an instruction (see the module docstring)."""
    if len(text) > 4 * _MAX_INSTRUCTION:
        return False
    # The length before the stems: a long paragraph is no instruction, whatever it holds.
    if len(text) > _MAX_INSTRUCTION and collapsed_length(text) > _MAX_INSTRUCTION:
        return False
    words = normalise(text)
    if not words or len(words) > _MAX_INSTRUCTION or not _INSTRUCTS.may_match(words_of(words)):
        return False
    if changes_words(words):
        # It changes words wherever they stand: an instruction, though it names no part of
        # the document.
        return True
    if not changes(words):
        return False
    parts = sentences(words)
    if len(parts) > _MAX_SENTENCES:
        return False
    for sentence in {parts[0], parts[-1]}:
        if changes(sentence) and grammar.STRUCTURE.found(words_of(sentence)):
            return True
    return False


def _quotes_closed(text: str) -> bool:
    """Whether every quote opened in ``text`` is closed (a colon inside a quoted heading,
    '"PART I: APPENDIX I-E"', ends no instruction)."""
    return text.count('"') % 2 == 0 and text.count("\u201c") <= text.count("\u201d")


def _following_sentence(text: str) -> int | None:
    """Where the new text starts in "The following ... replaces X. <new text>": after
    the first sentence, when that sentence is an instruction that opens with "the
    following" (what follows it is its text)."""
    if len(text) > 4 * _MAX_INSTRUCTION or _OPENS_FOLLOWING.match(words_of(text)) is None:
        return None
    parts = sentences(text)
    if len(parts) < 2 or not _quotes_closed(parts[0]) or not looks_like_instruction(parts[0]):
        return None
    if not recognise(parts[0]).takes_content:
        return None
    return len(parts[0]) + 1


def split_run_on(item: SourcedBlock, text: str) -> tuple[SourcedBlock, SourcedBlock | None]:
    """Split "<instruction> the following: <new text>" run together in one paragraph
    into the instruction and its text (``None`` for the text when it is not one)."""
    cut = _following_sentence(tidy(text))
    if cut is not None:
        words = tidy(text)
        head = SourcedBlock(Paragraph(words[:cut].rstrip()), item.first_line, item.last_line)
        rest = SourcedBlock(Paragraph(words[cut:]), item.first_line, item.last_line)
        return head, rest
    match = next(
        (
            found
            for found in _RUN_ON.finditer(words_of(text[:_MAX_INSTRUCTION]))
            if _quotes_closed(text[: found.end()])
        ),
        None,
    )
    if match is None or not looks_like_instruction(text[: match.end()]):
        return item, None
    head = SourcedBlock(Paragraph(text[: match.end()]), item.first_line, item.last_line)
    rest = SourcedBlock(Paragraph(text[match.end() :]), item.first_line, item.last_line)
    return head, rest
