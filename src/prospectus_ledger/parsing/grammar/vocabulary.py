"""The words instructions are made of, each list defined once.

Every pattern of the grammar (:mod:`.rules`) is built from these lists, in
lower case; nothing else in the parser spells them.  A word added here is
known to every rule that uses its list: add "rewritten" to
:data:`REPLACED` and "is hereby rewritten as follows" reads as a
replacement, "has been rewritten" too, and the prefilters that spare a rule
its search are derived from the patterns again (:mod:`._engine`).

The lists are data: tuples of words and phrases, lower case, white space
single spaces.  :func:`alt` turns a list into a regular-expression
alternation (longest first, so that "sub-section" is tried before
"section").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...tree import DocumentKind

__all__ = [
    "ADDED",
    "AUXILIARIES",
    "BLOCK_NOUNS",
    "COUNTS",
    "DELETED",
    "DOCUMENT_NAMES",
    "ENTIRETY",
    "EVENTS",
    "HEADING_NOUNS",
    "INSERTING",
    "INTRODUCERS",
    "MEANING",
    "MODIFIERS",
    "MONTHS",
    "NAME_CONNECTIVES",
    "NEW_TEXT_NOUNS",
    "ORDINALS",
    "REPLACED",
    "SHARE_CLASS_NOUNS",
    "SHARE_CLASS_WORDS",
    "SUBSTITUTED",
    "alt",
    "plural",
]


def alt(words: Iterable[str]) -> str:
    """A non-capturing alternation of ``words`` (escaped), longest first."""
    unique = sorted(set(words), key=lambda word: (-len(word), word))
    return "(?:" + "|".join(re.escape(word).replace("\\ ", " ") for word in unique) + ")"


def plural(word: str) -> str:
    """The plural of a noun or noun phrase of this vocabulary.

    "prospectus" -> "prospectuses", "summary prospectus" -> "summary
    prospectuses", "statement of additional information" -> "statements of
    additional information", "bullet point" -> "bullet points".
    """
    if " of " in word:
        head, _, rest = word.partition(" of ")
        return f"{plural(head)} of {rest}"
    before, _, head = word.rpartition(" ")
    if head.endswith(("s", "x", "ch", "sh")):
        head += "es"
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        head = head[:-1] + "ies"
    else:
        head += "s"
    return f"{before} {head}" if before else head


def with_plurals(words: Iterable[str]) -> tuple[str, ...]:
    """``words`` and their plurals."""
    words = tuple(words)
    return words + tuple(plural(word) for word in words)


def sub_forms(nouns: Iterable[str]) -> tuple[str, ...]:
    """Each noun, and its "sub" forms: "section", "subsection", "sub-section"."""
    out: list[str] = []
    for noun in nouns:
        out.extend((noun, f"sub{noun}", f"sub-{noun}"))
    return tuple(out)


# -- the passive voice --------------------------------------------------------

AUXILIARIES = (
    "is",
    "are",
    "will be",
    "shall be",
    "should be",
    "would be",
    "has been",
    "have been",
    "is being",
    "are being",
    "is to be",
    "are to be",
)
"""Auxiliaries of the passive: "is replaced", "will be deleted", "is being added"."""

MODIFIERS = ("hereby", "also", "each", "both", "further", "now")
"""Words that may stand between an auxiliary and its participle, in any order:
"is hereby replaced", "are each amended", "will also be added"."""

ENTIRETY = ("in its entirety", "in their entirety", "entirely", "in full")
"""Words that say a whole place is meant."""

# -- verbs, grouped by the action they mean -----------------------------------

REPLACED = (
    "replaced",
    "superseded",
    "restated",
    "amended and restated",
    "revised",
    "amended",
    "modified",
    "updated",
    "changed",
    "corrected",
    "rewritten",
)
"""Participles that replace text ("is replaced with", "is revised to read")."""

AMENDED = ("amended", "revised", "modified", "changed", "updated")
"""Participles that say text changed without saying how ("is revised accordingly", "is
amended by adding", "has been modified to reflect", "are revised to denote that")."""

REPLACES = ("replaces", "supersedes", "modifies", "amends", "updates")
"""Active verbs whose subject is the new text ("the following replaces ...")."""

ADDED = ("added", "inserted", "included", "appended")
"""Participles that add text ("the following is added")."""

DELETED = ("deleted", "removed", "eliminated", "rescinded", "omitted")
"""Participles that remove text ("is deleted")."""

DELETING = ("delete", "deleting", "remove", "removing")
"""Forms of deleting that go with a replacement ("by deleting ... and replacing")."""

REPLACING = ("replace", "replacing", "substitute", "substituting")
"""Forms of replacing after a deletion ("... and replacing it with")."""

INSERTING = ("insert", "inserting", "add", "adding")
"""Forms of adding that, after a deletion, replace ("delete X and insert the following")."""

SUBSTITUTED = (
    "replaced with",
    "replaced by",
    "changed to",
    "changed to read",
    "deleted and replaced with",
    "deleted and replaced by",
    "revised to read",
    "amended to read",
    "updated to",
)
"""How references to words become other words: "are replaced with", "are changed to"."""

MEANING = (
    "mean",
    "refer to",
    "be deemed to refer to",
    "be deemed references to",
    "be deemed to be references to",
    "be read as references to",
)
"""References that now stand for other words: "all references to X will mean Y"."""

IMPERATIVES = {
    "replace": ("replace",),
    "insert": ("insert", "add"),
    "delete": ("delete",),
}
"""Instructions given as commands: "please insert the following", "delete the"."""

# -- what the new text is called ------------------------------------------------

NEW_TEXT_NOUNS = (
    "information",
    "disclosure",
    "text",
    "language",
    "paragraph",
    "paragraphs",
    "sentence",
    "sentences",
    "risk",
    "risks",
    "table",
)
"""Nouns for the new text: "the following information", "the sentences below"."""

# -- the document's structure ------------------------------------------------

HEADING_NOUNS = sub_forms(("section", "heading", "caption"))
"""Nouns that name a heading: section, sub-section, heading, subheading, caption."""

INTRODUCERS = (
    "entitled",
    "captioned",
    "titled",
    "called",
    "named",
    "headed",
    "labeled",
    "labelled",
)
"""Words that introduce a heading's words: 'the section entitled "X"'."""

BLOCK_NOUNS = ("paragraph", "sentence", "bullet", "bullet point", "table", "footnote")
"""Nouns that name a block inside a section."""

PART_NOUNS = (
    "paragraph",
    "sentence",
    "bullet",
    "table",
    "footnote",
    "chart",
    "row",
    "column",
    "entry",
    "item",
    "portion",
    "schedule",
    "list",
)
"""Nouns that name only part of a section (an instruction on one is no section change)."""

_POSITIONS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
}
ORDINALS = {
    **_POSITIONS,
    "last": -1,
    "final": -1,
    "penultimate": -2,
    "next-to-last": -2,
    # "the fifth to last paragraph": rewritten to one word before it is read.
    **{f"{word}-to-last": -position for word, position in _POSITIONS.items() if position > 1},
}
"""Ordinals and the position they name (negative: from the end)."""

COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
"""Numbers of blocks written out: "the first two paragraphs"."""

SERVICE_ROLES = (
    "adviser",
    "advisor",
    "subadviser",
    "sub-adviser",
    "subadvisor",
    "sub-advisor",
    "manager",
    "portfolio manager",
    "distributor",
    "principal underwriter",
    "underwriter",
    "transfer agent",
    "custodian",
    "administrator",
    "sponsor",
    "trustee",
)
"""The roles a firm or person serves a fund in ("SunAmerica as subadviser to the Fund")."""

# -- documents --------------------------------------------------------------------

DOCUMENT_NAMES: tuple[tuple[str, DocumentKind], ...] = (
    ("summary prospectus", DocumentKind.SUMMARY_PROSPECTUS),
    ("statutory prospectus", DocumentKind.PROSPECTUS),
    ("statement of additional information", DocumentKind.SAI),
    ("statement of information", DocumentKind.SAI),
    ("sai", DocumentKind.SAI),
    ("prospectus", DocumentKind.PROSPECTUS),
)
"""The documents a supplement amends, by the names filings give them (singular)."""

SHARE_CLASS_NOUNS = ("class", "share")
"""Nouns that name share classes: "Class A, B and C Shares"."""

SHARE_CLASS_WORDS = (
    *with_plurals(SHARE_CLASS_NOUNS),
    "investor",
    "institutional",
    "advisor",
    "adviser",
    "service",
    "retail",
    "retirement",
    "admiral",
    "premier",
    "trust",
    "all",
    "and",
    "or",
)
"""Words that name share classes in a title ("Class A, B and C Shares", "Investor Class"),
between an edition's date and its name ("the May 1, 2006 Class A Shares Prospectus")."""

NAME_CONNECTIVES = (
    "of",
    "and",
    "the",
    "for",
    "a",
    "an",
    "formerly",
    "known",
    "as",
    "each",
    "collectively",
    "together",
    "except",
    "n",
)
"""Small words a line of names may hold in lower case ("Class A Shares of the",
"(formerly, Delaware Value Fund)", "Fund A n Fund B" with a bullet printed as "n")."""

# -- dates and times --------------------------------------------------------------

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
"""Month names and abbreviations, as filings print them."""

EVENTS = (
    "reorganization",
    "reorganisation",
    "merger",
    "closing",
    "transaction",
    "liquidation",
    "conversion",
    "acquisition",
    "transition",
)
"""Events whose date a supplement gives once and then names ("effective upon the
reorganization", "upon the closing of the transaction")."""

EXCHANGE_NAMES = ("new york stock exchange", "nyse", "exchange")
"""Names of the exchange whose close is 16:00."""
