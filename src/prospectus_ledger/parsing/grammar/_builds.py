"""What the grammar's rows build: the changes a match stands for.

A verb row builds an action (``"replace"``, ``"insert"``, ``"delete"``).  A
block row builds the block an edit acts on (a :class:`Change`: locator,
sentences, anchoring); a compound row several blocks; an insert row the
place new text goes.  Each builder below reads its row's named groups from
the :class:`~._engine.Hit`, and only those: what a phrase means is decided
by its row, never by who matched it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal

from ...operations import BlockLocator, SentenceSpan
from ._engine import Hit
from .vocabulary import COUNTS, ORDINALS

__all__ = [
    "Builder",
    "Change",
    "count",
    "kind_of",
    "ordinal",
]

Change = Mapping[str, Any]
"""Fields of :class:`~prospectus_ledger.parsing.Recognised` a row sets."""
Builder = Callable[[Hit], Change | None]
"""A row's builder: the change its match makes (``None``: the row does not apply)."""


def ordinal(word: str | None) -> int:
    """The position an ordinal names ("third" 3, "last" -1, "second to last" -2)."""
    return ORDINALS[" ".join((word or "").lower().split())]


def count(word: str | None, default: int = 1) -> int:
    """A number written out ("two" 2)."""
    return COUNTS.get((word or "").lower(), default)


def kind_of(word: str | None) -> Literal["paragraph", "bullet"]:
    """The block kind a noun names: bullets, or paragraphs."""
    return "bullet" if (word or "").lower().startswith("bullet") else "paragraph"


def span(word: str | None) -> SentenceSpan:
    """The sentence an ordinal names, as a span."""
    index = ordinal(word)
    if index > 0:
        return SentenceSpan(index - 1, index)
    return SentenceSpan(index, index + 1 if index < -1 else None)


# -- one block ------------------------------------------------------------------------


def sentence_of_nth(hit: Hit) -> Change:
    """ "the third sentence of the sixth paragraph"."""
    return {
        "locator": BlockLocator("paragraph", ordinal(hit["pord"])),
        "sentences": span(hit["sord"]),
    }


def sentence_of_the(hit: Hit) -> Change:
    """ "the second sentence of the paragraph": of the section's one paragraph."""
    return {"locator": BlockLocator("paragraph"), "sentences": span(hit["sord"])}


def sentence_under(hit: Hit) -> Change:
    """ "the first sentence under "X"", "the third sentence of the section": of the first
    paragraph ("the last": of the last)."""
    index = ordinal(hit["sord"])
    return {
        "locator": BlockLocator("paragraph", 1 if index > 0 else -1),
        "sentences": span(hit["sord"]),
    }


def end_sentences(hit: Hit) -> Change:
    """ "the first two sentences of the third paragraph", "the last two sentences"; with
    no paragraph named, of the first (or the last) paragraph."""
    n = count(hit["n"])
    last = hit.low("first") == "last"
    paragraph = ordinal(hit["pord"]) if hit.has("pord") else (-1 if last else 1)
    return {
        "locator": BlockLocator("paragraph", paragraph),
        "sentences": SentenceSpan(-n, None) if last else SentenceSpan(0, n),
    }


def sentence_run(hit: Hit) -> Change | None:
    """ "the second and third sentences of the fourth paragraph" (of the first paragraph
    when none is named)."""
    first, last = ordinal(hit["a"]), ordinal(hit["b"])
    if not 0 < first < last:
        return None
    paragraph = ordinal(hit["pord"]) if hit.has("pord") else 1
    return {
        "locator": BlockLocator("paragraph", paragraph),
        "sentences": SentenceSpan(first - 1, last),
    }


def all_but_last(hit: Hit) -> Change:
    """ "all except the last two sentences of the paragraph"."""
    return {
        "locator": BlockLocator("paragraph"),
        "sentences": SentenceSpan(None, -count(hit["count"])),
    }


def nth_block(hit: Hit) -> Change:
    """ "the fifth paragraph", "the last bullet"."""
    return {"locator": BlockLocator(kind_of(hit["kind"]), ordinal(hit["ord"]))}


def bullet_after_paragraph(hit: Hit) -> Change:
    """ "the second bullet following the second paragraph": counted in the section."""
    return {
        "locator": BlockLocator("bullet", ordinal(hit["ord"])),
        "note": f"the filing counts the bullet after the {hit.low('pord')} paragraph; it is "
        "counted among the section's bullets",
    }


def labelled(hit: Hit) -> Change:
    """ "paragraph (vii)", "footnote (2)", "item 3."."""
    return {"locator": BlockLocator("paragraph", anchor=hit["label"])}


def similar(hit: Hit) -> Change:
    """ "replaces the similar existing paragraph": found by the new text's first words."""
    kind: Literal["paragraph", "bullet"] = "bullet" if hit["bulleted"] else "paragraph"
    return {
        "locator": BlockLocator(kind),
        "anchored": "start",
        "note": "the filing names the block it replaces only as similar to the new one; "
        "it is found by its first words",
    }


def similar_block(hit: Hit) -> Change:
    """ "updates the similar information on the cover": the block the new text's first
    words begin."""
    return {
        "locator": BlockLocator("block"),
        "anchored": "start",
        "note": "the filing names the information it replaces only as similar to the new "
        "one; it is found by its first words",
    }


def asterisked(hit: Hit) -> Change:
    """ "the asterisked statement": the paragraph that opens with an asterisk."""
    return {"locator": BlockLocator("paragraph", anchor="*")}


def quoted_after(hit: Hit) -> Change:
    """ "the following paragraph is deleted:": the text after the instruction is the block."""
    return {"locator": BlockLocator("block"), "anchored": "whole"}


def table(hit: Hit) -> Change:
    """ "the fee table", "the schedule"."""
    return {"locator": BlockLocator("table")}


def whole_list(hit: Hit) -> Change:
    """ "the list of Underlying Funds", "the bulleted list": the section's one list."""
    return {"locator": BlockLocator("list")}


def the_block(hit: Hit) -> Change:
    """ "the paragraph", "the bullet": the section's one block of that kind."""
    return {"locator": BlockLocator(kind_of(hit["kind"]))}


# -- several blocks -------------------------------------------------------------------


def items(hit: Hit) -> Change:
    """ "items (i) and (iv)": each by its label."""
    labels = [label for label in (hit["labels"] or "").replace(",", " ").split() if "(" in label]
    return {"several": tuple(BlockLocator("paragraph", anchor=label) for label in labels)}


def first_n(hit: Hit) -> Change:
    """ "the first four paragraphs": a run from the first."""
    return {"locator": BlockLocator(kind_of(hit["kind"]), 1), "through": count(hit["n"])}


def block_range(hit: Hit) -> Change | None:
    """ "the second and third paragraphs", "the fourth through sixth paragraphs"."""
    first, last = ordinal(hit["a"]), ordinal(hit["b"])
    if not 0 < first < last:
        return None
    return {"locator": BlockLocator(kind_of(hit["kind"]), first), "through": last}


def block_and_table(hit: Hit) -> Change:
    """ "the third paragraph and the table"."""
    block = BlockLocator(kind_of(hit["kind"]), ordinal(hit["ord"]))
    return {"several": (block, BlockLocator("table"))}


def block_and_list(hit: Hit) -> Change:
    """ "the third paragraph and the bullets thereunder"."""
    block = BlockLocator(kind_of(hit["kind"]), ordinal(hit["ord"]))
    return {"several": (block, BlockLocator("list"))}


def table_and_preceding(hit: Hit) -> Change:
    """ "the table and the sentence immediately preceding it"."""
    return {
        "several": (BlockLocator("paragraph"), BlockLocator("table")),
        "anchored": "start",
        "note": "the sentence before the table is found by the first words of the new one",
    }


# -- where inserted text goes -----------------------------------------------------------


def as_first_section(hit: Hit) -> Change:
    """ "added as the first section"."""
    return {"action": "insert_section", "position": "start"}


def inside_paragraph(hit: Hit) -> Change:
    """ "after the second sentence of the tenth paragraph", "at the end of the third paragraph"."""
    return {
        "position": "after",
        "locator": BlockLocator("paragraph", ordinal(hit["pord"])),
        "note": "the new text belongs inside that paragraph; it is inserted as a paragraph "
        "after it",
    }


def as_nth(hit: Hit) -> Change:
    """ "added as the fifteenth bullet": after the fourteenth (before the first)."""
    index, kind = ordinal(hit["ord"]), kind_of(hit["kind"])
    if index == 1:
        return {"position": "before", "locator": BlockLocator(kind, 1)}
    if index > 1:
        return {"position": "after", "locator": BlockLocator(kind, index - 1)}
    return {"position": "after", "locator": BlockLocator(kind, -1)}


def next_to(hit: Hit) -> Change:
    """ "after the third paragraph", "preceding the last bullet"."""
    before = hit.low("where") in ("before", "preceding")
    return {
        "position": "before" if before else "after",
        "locator": BlockLocator(kind_of(hit["kind"]), ordinal(hit["ord"])),
    }


def to_the_list(hit: Hit) -> Change:
    """ "added to the bulleted list": after its last item."""
    return {"position": "after", "locator": BlockLocator("bullet", -1)}


def under_table(hit: Hit) -> Change:
    """ "under the table", "following the chart"."""
    return {"position": "after", "locator": BlockLocator("table")}


def at_start(hit: Hit) -> Change:
    """ "at the beginning of"."""
    return {"position": "start"}
