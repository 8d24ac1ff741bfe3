"""Instructions whose text runs into the end of a copy of a filing that is cut off.

When a copy of a filing is known to be incomplete (``Source.complete`` is
false), the last instruction's new text stops where the copy stops.  Applying
it as written would present a fragment as the whole text, and for a
replacement would drop the rest of the section.  So:

* a replacement whose visible text agrees, word for word, with the start of
  the section's current text keeps the current text (the copy confirms it as
  far as it goes) and records the instruction as a new version;
* a replacement that differs is applied as far as the copy goes, and says so
  (the text it replaces is known to be superseded, so keeping it would be
  worse);
* an addition adds what the copy shows, and says that it was cut off.
"""

from __future__ import annotations

import attrs

from .._text import heading_key, words
from ..operations import Operation, ReplaceSection
from ..provenance import Provenance
from ..supplement import Amendment, Supplement
from ..tree import Document, locate_section, replace_section

CUT_OFF_NOTE = "the copy of this filing is cut off inside this instruction's text"


def runs_into_cut(supplement: Supplement, amendment: Amendment) -> bool:
    """Whether ``amendment`` is the last of a supplement whose copy is cut off."""
    if supplement.source.complete or not supplement.amendments:
        return False
    return amendment.position == max(a.position for a in supplement.amendments)


def _significant(text: str) -> list[str]:
    """The words of ``text`` without bullet glyphs and other punctuation-only tokens,
    which differ between the copies of one text (a base's "•", a supplement's "—")."""
    return [word for word in words(text) if any(char.isalnum() for char in word)]


def _agrees(shown: list[str], current: list[str]) -> int | None:
    """None when ``shown`` (ending in a possibly cut word) starts ``current``; else
    the number of words that agree."""
    if not shown or len(shown) > len(current):
        return 0
    for position, word in enumerate(shown):
        have = heading_key(current[position])
        want = heading_key(word)
        last = position == len(shown) - 1
        if have != want and not (last and have.startswith(want)):
            return position
    return None


def apply_cut_off(
    operation: Operation, document: Document, provenance: Provenance
) -> tuple[Document, str]:
    """Apply an instruction whose text is cut off; return the document and a note.

    Raises:
        SectionNotFoundError: the replacement's target does not exist.
    """
    if not isinstance(operation, ReplaceSection):
        return operation.apply(
            document, provenance=provenance
        ), f"{CUT_OFF_NOTE}: only what it shows was added"
    target = operation.target
    located = locate_section(document, target.path, portfolio=target.portfolio)
    current = _significant(located.section.text)
    shown = _significant(operation.text)
    heading = _significant(located.section.heading)
    if [heading_key(w) for w in shown[: len(heading)]] == [heading_key(w) for w in heading]:
        shown = shown[len(heading) :]  # the new text repeats the heading it replaces
    disagreement = _agrees(shown, current)
    if disagreement is not None:
        note = (
            f"{CUT_OFF_NOTE}: what it shows differs from the current text after {disagreement} "
            "words and is applied as far as it goes; the rest of the new text is unknown"
        )
        return operation.apply(document, provenance=provenance), note
    kept = attrs.evolve(located.section, provenance=provenance)
    note = f"{CUT_OFF_NOTE}; what it shows matches the current text, which is kept"
    return replace_section(document, located.indices, [kept]), note
