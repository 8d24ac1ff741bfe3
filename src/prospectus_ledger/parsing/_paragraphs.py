"""Paragraphs that hold more than an instruction, and lead-ins.

* News, then an instruction: "Effective immediately, the Fund is managed by
  X and Y. Accordingly, the paragraph in the "Portfolio Managers" section is
  deleted and replaced with the following:" -- the news is a notice of its
  own, the last sentence is the instruction (:func:`split_news`).
* Several substitutions (or instructions) in one paragraph: "all
  references to A are changed to B. In addition, all references to C are
  changed to D." -- one instruction per sentence; the later ones take the
  first one's effective time, and an earlier one whose new text is "below"
  shares the text of the last (:func:`split_substitutions`).
* Lead-ins that change nothing themselves but give the instructions after
  them their effective time: "Effective November 1, 2016:", "As a result,
  effective on or about June 28, 2019, the prospectuses for the Funds are
  amended as follows:", "The following changes shall be made to the
  prospectus effective immediately:" (:func:`is_lead_in`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from ._locations import section_ref
from ._memo import memo
from ._substitutions import changes_words, may_change_words
from ._targets import changes, normalise, sentences, words_of
from ._tidy import tidy
from .effective import find_effective
from .grammar import instructions as grammar
from .grammar import supplements as phrases

__all__ = [
    "is_lead_in",
    "split_clauses",
    "split_news",
    "split_substitutions",
    "split_word_changes",
]


_MAX_PARAGRAPH = 3000
_MAX_LEAD_IN = 700
_MAX_SENTENCES = 8
_MIN_NEWS_WORDS = 4
_LEAD_ENDINGS = (":", " as follows.", " below.")
_REFERENCES = re.compile(r"\breferences\b", re.IGNORECASE)


def _ends_lead(text: str) -> bool:
    """Whether words end as a lead-in does: with a colon, "as follows." or "below."."""
    return text.rstrip()[-12:].lower().endswith(_LEAD_ENDINGS)


@memo
def is_lead_in(text: str) -> bool:
    """Whether a paragraph only introduces the instructions after it (see the module docstring)."""
    if len(text) > 4 * _MAX_LEAD_IN:
        return False
    words = normalise(text)
    if len(words) > _MAX_LEAD_IN:
        return False
    if not _ends_lead(text) and not (
        # "The following changes ... are effective at the close of business on D.": a
        # lead-in that states its time ends as a sentence does.
        phrases.FOLLOWING_CHANGES.found(words_of(words)) and find_effective(words).words
    ):
        return False
    if not phrases.LEAD.found(words_of(words)):
        # "Effective November 1, 2016:" -- an effective time and nothing else.
        stated = find_effective(words).words
        core = words[len(stated) :] if stated and words.startswith(stated) else words
        return bool(stated) and not core.strip(" ,:")
    if phrases.ACTS.found(words_of(words)) and not phrases.THE_FOLLOWING_CHANGES.found(
        words_of(words)
    ):
        # "the cover page ... is hereby amended to delete ... and to replace ...": a change.
        return False
    return not phrases.BLOCK_WORD.found(words_of(words)) and section_ref(words) is None


@memo
def placed_lead(text: str) -> tuple[str, ...]:
    """The place a lead-in names for the changes after it ("the following changes are
    made to the third paragraph of the "X" section:"); empty for any other paragraph."""
    if len(text) > 4 * _MAX_LEAD_IN or not text.rstrip().endswith(":"):
        return ()
    words = normalise(text)
    if len(words) > _MAX_LEAD_IN or not phrases.FOLLOWING_CHANGES_MADE.found(words_of(words)):
        return ()
    ref = section_ref(words)
    return ref.path if ref is not None else ()


def _changes(text: str) -> bool:
    return changes(normalise(text))


def split_news(text: str, instruction: Callable[[str], bool]) -> tuple[str, str] | None:
    """``(news, rest)`` when a paragraph's last sentences are an instruction or a lead-in
    and the sentences before them change nothing; else ``None``.

    Args:
        text: the paragraph.
        instruction: a callable telling whether some words read as an instruction.
    """
    if len(text) > _MAX_PARAGRAPH:
        return None
    ends = _ends_lead(text)
    if not ends and not phrases.FOLLOWING_CHANGES.may_match(words_of(text)):
        return None  # no lead-in's ending, nor the words of one that states its time
    parts = sentences(text)
    if not 2 <= len(parts) <= _MAX_SENTENCES:
        return None
    if not ends and not is_lead_in(parts[-1]):
        return None
    # The instruction is the shortest run of last sentences that reads as one.
    for cut in range(len(parts) - 1, 0, -1):
        rest = " ".join(parts[cut:])
        if not (instruction(rest) or is_lead_in(rest)):
            continue
        news = " ".join(parts[:cut])
        if len(news.split()) < _MIN_NEWS_WORDS or _changes(news):
            return None
        return news, rest
    return None


def split_word_changes(text: str) -> list[tuple[str, bool]] | None:
    """A paragraph of news with sentences that change words wherever they stand, cut
    into its parts: ``(words, changes_words)`` in order; ``None`` when it holds no such
    sentence, or nothing else.

    "Effective immediately, Ms. Trillo will no longer serve as a portfolio manager.
    All references to Ms. Trillo are hereby deleted." is news, then a deletion.
    """
    if len(text) > _MAX_PARAGRAPH or not may_change_words(text):
        return None
    parts = sentences(text)
    if not 2 <= len(parts) <= _MAX_SENTENCES:
        return None
    marks = [changes_words(normalise(part)) for part in parts]
    if not any(marks) or all(marks):
        return None
    cut: list[tuple[str, bool]] = []
    for part, mark in zip(parts, marks, strict=True):
        if cut and not mark and not cut[-1][1]:
            cut[-1] = (f"{cut[-1][0]} {part}", False)
        else:
            cut.append((part, mark))
    return cut


def split_substitutions(
    text: str, instruction: Callable[[str], bool] | None = None
) -> list[str] | None:
    """The instructions of a paragraph that gives several, one each; else ``None``.

    Several substitutions ("all references to A are ... . In addition, all
    references to C are ..."), or several sentences that each read as an
    instruction (``instruction`` tells), split where each starts.
    """
    if len(text) > _MAX_PARAGRAPH:
        return None
    # "reference" first: no letter of it matches another character ignoring case.
    several_references = "reference" in text.lower() and len(_REFERENCES.findall(text)) >= 2
    if not several_references and instruction is None:
        return None
    parts = sentences(text)
    if not 2 <= len(parts) <= _MAX_SENTENCES:
        return None
    starts = [
        index
        for index, sentence in enumerate(parts)
        if (grammar.REFERENCES.found(words_of(sentence)) and _changes(sentence))
        or (instruction is not None and _changes(sentence) and instruction(sentence))
    ]
    if len(starts) < 2 or starts[0] != 0:
        return None
    bounds = [*starts, len(parts)]
    return [" ".join(parts[a:b]) for a, b in itertools.pairwise(bounds)]


def split_clauses(text: str) -> tuple[str, str] | None:
    """The two instructions of one sentence joined by "and" ('The "X" disclosure will be
    deleted under "A" and the following risk factor will be added to the section:') or
    two subjects of one verb ("The section X, as well as all references to Appendix A,
    are deleted ..."), each as a sentence of its own; ``None`` when it gives one."""
    if len(text) > _MAX_LEAD_IN or (" and " not in text and " as well as " not in text):
        return None
    words = tidy(text)
    shared = grammar.SHARED_VERB.match(words_of(words))
    if shared is not None:
        verb = shared["verb"] or ""
        second = shared["second"] or ""
        return f"{shared['first']} {verb}", f"{second[:1].upper()}{second[1:]} {verb}"
    hit = grammar.SECOND_CLAUSE.search(words_of(words))
    if hit is None or not changes(normalise(words[: hit.start()])):
        return None
    second = words[hit.end() :].strip()
    if second.lower().startswith("in addition"):
        second = second[len("in addition") :].lstrip(" ,")
    return words[: hit.start()].rstrip(" ,"), second[:1].upper() + second[1:]
