"""The words instructions are made of, as regular expressions.

Every pattern works on :func:`~prospectus_ledger.parsing._targets.normalise`'d
text (white space collapsed, double quotes straight) and is linear: quoted
and free-text parts are bounded, and no quantified group holds another
quantifier that could match the same text.
"""

from __future__ import annotations

import re

from . import _fold
from ._memo import memo
from ._targets import ORDINAL
from ._tidy import holds_any

_CHANGES = (
    r"(?:replace[sd]?|supersedes?|modifies|amends|the following\b[^.:;\"]{0,120}? supplements"
    r"|is the following, instead of|amended (?:to|by) (?:add|include|insert|delete|replace)"
    r"|(?:shall|will) (?:also )?apply to"
    r"|all references (?:to|in)|(?:please )?(?:delete|insert|add|replace) (?:the|it|a)\b"
    r"|(?:is|are|will be|shall be|has been|have been)(?: hereby)?(?: each)? "
    r"(?:added|inserted|deleted|removed|replaced|amended|revised|restated|supplemented|superseded"
    r"|changed|modified|updated|corrected))\b"
)
# Every alternative of _CHANGES opens with one of these letters (keep them in step).
_CHANGE_FIRST = "adhimprstw"
CHANGE = re.compile(rf"\b{_CHANGES}", re.IGNORECASE)
# Python's ``re`` searches lower-cased text with a case-sensitive pattern several
# times faster than mixed-case text with IGNORECASE: the twin below (its pattern
# has no capital letters) answers "does it hold a change?" for hot callers.  Its
# look-ahead for the alternatives' first letters lets most word boundaries fail
# at once instead of trying every alternative.
_CHANGE_LOWER = re.compile(rf"\b(?=[{_CHANGE_FIRST}]){_CHANGES}")


@memo
def changes(text: str) -> bool:
    """Whether normalised ``text`` holds a :data:`CHANGE` phrase (as ``CHANGE.search``)."""
    return _CHANGE_LOWER.search(text.lower()) is not None


CHANGE_STEMS = (
    "replace",
    "supersede",
    "modifie",
    "amend",
    "supplement",
    "reference",
    "delete",
    "insert",
    "add",
    "remove",
    "restate",
    "revise",
    "change",
    "update",
    "correct",
    "instead of",
    "named",
    "name to",
    "apply to",
)
"""Word stems every :data:`CHANGE` phrase holds (lower case): a cheap test before it."""
STRUCTURE = re.compile(
    r"\b(?:sections?|sub-?sections?|headings?|sub-?headings?|captions?|captioned|entitled|paragraphs?"
    r"|sentences?|bullets?|appendix|tables?|footnotes?|prospectus(?:es)?|statements? of additional"
    r"|SAI|the following|accordingly)\b|\"",
    re.IGNORECASE,
)

_ENTIRETY = r"(?: in (?:its|their) entirety)?"
_BE = r"(?:is|are|will be|shall be|has been|have been)(?: hereby)?(?: each)?"

REPLACE_FOLLOWING = re.compile(
    r"\bthe following\b[^:;]{0,200}? (?:hereby )?(?:amends and )?"
    r"(?:replaces?|supersedes?|replaced|modifies)\b",
    re.IGNORECASE,
)
REPLACED_WITH = re.compile(
    rf"\b{_BE} (?:(?:deleted|removed){_ENTIRETY} and |superseded and )?"
    r"(?:replaced|superseded|restated|amended and restated|revised|amended|modified|updated"
    rf"|changed){_ENTIRETY}(?: to (?:read|state))?"
    r"(?: (?:with|by|as follows|as set forth below)\b|(?<=read|tate):)",
    re.IGNORECASE,
)
DELETE_AND_REPLACE = re.compile(
    r"\b(?:delete|deleting|deleted|remove|removing|removed)\b[^.:]{0,200}? and (?:\(\d\) )?(?:to )?"
    r"(?:replace|replacing|replaced|substitute|substituting)\b"
    r"|\bamended to replace\b",
    re.IGNORECASE,
)
INSTEAD_OF = re.compile(r"\bis the following, instead of\b", re.IGNORECASE)
REPLACE_QUOTED = re.compile(r"\breplace \"", re.IGNORECASE)
UPDATED_TO_REFLECT = re.compile(
    r"\b(?:is|are)(?: hereby)? (?:updated|revised|amended) to reflect that\b[^:]{0,200}? "
    r"(?:is|are) as follows\b",
    re.IGNORECASE,
)
MODIFIED_TO_REFLECT = re.compile(
    r"\b(?:has|have) been (?:modified|revised|amended|updated|changed) to reflect\b",
    re.IGNORECASE,
)
REPLACING = (
    REPLACE_FOLLOWING,
    MODIFIED_TO_REFLECT,
    REPLACED_WITH,
    DELETE_AND_REPLACE,
    INSTEAD_OF,
    REPLACE_QUOTED,
    UPDATED_TO_REFLECT,
)
"""Phrases that replace text (the first that matches decides the verb)."""

ADDED = re.compile(
    rf"\bthe following\b[^:;]{{0,200}}? {_BE} (?:added|inserted)\b",
    re.IGNORECASE,
)
AMENDED_TO_ADD = re.compile(
    r"\b(?:amended|supplemented|revised|modified) to (?:add|include|insert)\b"
    r"|\b(?:please )?(?:insert|add) the following\b"
    r"|\b(?:is|are)(?: hereby)? supplemented (?:with|by|as follows)\b",
    re.IGNORECASE,
)
SUPPLEMENTS = re.compile(r"\bthe following\b[^.:;\"]{0,120}? supplements\b", re.IGNORECASE)
INSERTING = (ADDED, AMENDED_TO_ADD, SUPPLEMENTS)
"""Phrases that add text."""

DELETED = re.compile(
    rf"\b{_BE} (?:deleted|removed){_ENTIRETY}(?=[.:;,]|$| from\b| on\b)",
    re.IGNORECASE,
)
DELETE = re.compile(r"\b(?:please )?delete (?:the|it)\b", re.IGNORECASE)

SENTENCE_OF = re.compile(
    rf"\bthe (?P<sord>{ORDINAL}) sentence (?:of|in|set forth in) "
    rf"the (?P<pord>{ORDINAL}) paragraph\b",
    re.IGNORECASE,
)
SENTENCE_OF_THE = re.compile(
    rf"\bthe (?P<sord>{ORDINAL}) sentence (?:of|in) the (?:existing )?paragraph\b",
    re.IGNORECASE,
)
SENTENCE_UNDER = re.compile(
    rf"\bthe (?P<sord>{ORDINAL}) sentence (?:under|of|in) (?:the )?\"\"",
    re.IGNORECASE,
)
ALL_EXCEPT_LAST = re.compile(
    r"\ball (?:except|but) the last (?:(?P<count>two|three|four|five) sentences|sentence)"
    r" of the (?:existing )?paragraph\b",
    re.IGNORECASE,
)
BLOCK_ORDINAL = re.compile(
    rf"\b(?P<ord>{ORDINAL}) (?P<kind>paragraph|bullet(?: point)?|sentence)s?\b", re.IGNORECASE
)
SEVERAL_BLOCKS = re.compile(
    rf"\b{ORDINAL}(?:,? (?:and|or|through|to)|,) (?:the )?{ORDINAL} "
    r"(?:paragraph|bullet|sentence)s?\b"
    rf"|\b{ORDINAL} (?:two|three|four|five|six) (?:paragraph|bullet|sentence)s\b"
    r"|\bitems \([ivxlc\d]{1,6}\) and \(",
    re.IGNORECASE,
)
BLOCKS_AND = re.compile(
    r"\b(?:paragraphs?|sentences?|bullets?|tables?) and the (?:\w+ )?"
    r"(?:paragraphs?|sentences?|bullets?|tables?)\b",
    re.IGNORECASE,
)
_SEVERAL_LOWER = re.compile(f"{SEVERAL_BLOCKS.pattern}|{BLOCKS_AND.pattern}")


# Every match of either holds one of these words (lower case).
_SEVERAL_WORDS = ("paragraph", "bullet", "sentence", "table", "items (")


def several_blocks(text: str) -> bool:
    """Whether ``text`` names several blocks (:data:`SEVERAL_BLOCKS` or :data:`BLOCKS_AND`)."""
    lowered = text.lower()
    if not holds_any(lowered, _SEVERAL_WORDS):
        return False
    return _SEVERAL_LOWER.search(lowered) is not None


ITEMS = re.compile(
    r"\b(?:items|paragraphs|bullets|sub-?paragraphs) "
    r"(?P<labels>\([ivxlc\d]{1,6}\)(?:,? (?:and )?\([ivxlc\d]{1,6}\)){1,5})",
    re.IGNORECASE,
)
LABEL = re.compile(r"\([ivxlc\d]{1,6}\)", re.IGNORECASE)
FIRST_N = re.compile(
    r"\bfirst (?P<n>two|three|four|five|six) (?P<kind>paragraph|bullet)s\b", re.IGNORECASE
)
BLOCK_RANGE = re.compile(
    rf"\bthe (?P<a>{ORDINAL})(?:,? (?:and|through|to)|,) (?:the )?(?P<b>{ORDINAL}) "
    r"(?P<kind>paragraph|bullet)s\b",
    re.IGNORECASE,
)
BLOCK_AND_TABLE = re.compile(
    rf"\bthe (?P<ord>{ORDINAL}) (?P<kind>paragraph|bullet) and the (?:\w+ )?table\b",
    re.IGNORECASE,
)
TABLE_AND_PRECEDING = re.compile(
    r"\btable and the (?:sentence|paragraph) (?:immediately )?preceding\b", re.IGNORECASE
)
LABELLED_BLOCK = re.compile(
    r"\b(?:paragraph|footnote|item|policy) (?P<label>\([ivxlc\d]{1,6}\)|\d{1,2}\.?(?= ))",
    re.IGNORECASE,
)
SIMILAR_BLOCK = re.compile(
    r"\b(?:replaces|modifies) (?:a|the) similar (?:existing )?(?P<bulleted>bulleted )?"
    r"(?:paragraph|bullet)\b",
    re.IGNORECASE,
)
FOLLOWING_BLOCK = re.compile(
    rf"\bthe following\b[^:]{{0,200}}? {_BE} (?:deleted|removed)\b[^:]{{0,200}}:$",
    re.IGNORECASE,
)
# "the asterisked statement" on a cover: a paragraph that begins with an asterisk.
ASTERISKED = re.compile(r"\basterisked (?:statement|sentence|footnote|note)\b", re.IGNORECASE)
THE_BLOCK = re.compile(
    r"\bthe (?P<kind>paragraph|bulleted paragraph|bullet(?: point)?)\b", re.IGNORECASE
)
PARTIAL = re.compile(
    r"\b(?:paragraphs?|sentences?|bullets?|tables?|footnotes?|charts?|rows?|columns?|entries"
    r"|entry|items?|portion|schedule|list)\b|\ball except\b|\bexcept (?:for )?the (?:first|last)\b",
    re.IGNORECASE,
)
TABLE = re.compile(r"\b(?:tables?|schedule|chart)\b", re.IGNORECASE)
NAMED_PARAGRAPH = re.compile(r'"" paragraph\b', re.IGNORECASE)
TEXT_AND_TABLE = re.compile(r"\btext and (?:the )?tables?\b", re.IGNORECASE)

AS_FIRST_SECTION = re.compile(
    r"\b(?:added|inserted) as (?:the|a) (?:first|new) (?:sub-?)?section\b", re.IGNORECASE
)
INSIDE_PARAGRAPH = re.compile(
    rf"\b(?:after the {ORDINAL} sentence (?:of|in) the|(?:to|at) the end of the"
    rf"|as the {ORDINAL} sentence of the) (?P<pord>{ORDINAL}) paragraph\b",
    re.IGNORECASE,
)
AS_NTH = re.compile(
    rf"\b(?:added|inserted) as the (?P<ord>{ORDINAL}) (?P<kind>paragraph|bullet(?: point)?)\b",
    re.IGNORECASE,
)
INSERT_AT = re.compile(
    rf"\b(?P<where>after|following|before|preceding) the (?P<ord>{ORDINAL}) "
    r"(?P<kind>paragraph|bullet)\b",
    re.IGNORECASE,
)
AFTER = INSERT_AT
TO_THE_LIST = re.compile(r"\b(?:added|inserted) to the (?:bulleted )?list\b", re.IGNORECASE)
UNDER_TABLE = re.compile(r"\b(?:under|after|below|following) the (?:chart|table)\b", re.IGNORECASE)
AT_START = re.compile(r"\bat the (?:beginning|start) of\b", re.IGNORECASE)

SECOND_TO_LAST = re.compile(r"\b(?:second|next) to (?:the )?last\b", re.IGNORECASE)
NEW_TEXT_NOUN = re.compile(
    r"\bthe following "
    r"(?:information|disclosure|text|language|paragraphs?|sentences?|risks?|table)\b"
    r"|\bthe (?:information|disclosure|text|language|paragraphs?|sentences?) below\b",
    re.IGNORECASE,
)
ACCORDINGLY = re.compile(
    r"\b(?:is|are)(?: hereby)? (?:revised|amended|updated|changed|modified) accordingly\b",
    re.IGNORECASE,
)
NO_LONGER_APPLICABLE = re.compile(r"\b(?:is|are) no longer applicable\b", re.IGNORECASE)
# "the disclosure in the "X" paragraph shall apply to TempFund as well": no text changes.
APPLIES_TO = re.compile(r"\b(?:shall|will) (?:also )?apply to\b", re.IGNORECASE)
REFERENCES = re.compile(r"\ball references\b", re.IGNORECASE)

# Words each pattern cannot match without (lower case; one of each group): the
# parser tries dozens of these patterns on every instruction, and most hold
# none of the words, which a substring test tells far faster than the search.
_fold.require(
    {
        REPLACE_FOLLOWING: (("the following",), ("replace", "supersede", "modifies")),
        REPLACED_WITH: (
            (
                "replaced",
                "superseded",
                "restated",
                "revised",
                "amended",
                "modified",
                "updated",
                "changed",
            ),
        ),
        DELETE_AND_REPLACE: (("replac", "substitut"),),
        INSTEAD_OF: (("is the following, instead of",),),
        REPLACE_QUOTED: (('replace "',),),
        UPDATED_TO_REFLECT: (("to reflect that",),),
        MODIFIED_TO_REFLECT: (("to reflect",),),
        ADDED: (("the following",), ("added", "inserted")),
        AMENDED_TO_ADD: (("add", "include", "insert", "supplemented"),),
        SUPPLEMENTS: (("the following",), ("supplements",)),
        DELETED: (("deleted", "removed"),),
        DELETE: (("delete ",),),
        SENTENCE_OF: ((" sentence ",), (" paragraph",)),
        SENTENCE_OF_THE: ((" sentence ",), ("paragraph",)),
        SENTENCE_UNDER: ((" sentence ",), ('""',)),
        ALL_EXCEPT_LAST: ((" the last ",), ("paragraph",)),
        ITEMS: (("items", "paragraphs", "bullets"), ("(",)),
        FIRST_N: (("first ",),),
        BLOCK_ORDINAL: (("paragraph", "bullet", "sentence"),),
        BLOCK_RANGE: (("paragraphs", "bullets"),),
        BLOCK_AND_TABLE: ((" and the ",), ("table",)),
        TABLE_AND_PRECEDING: (("table and the ",),),
        LABELLED_BLOCK: (("paragraph", "footnote", "item", "policy"),),
        SIMILAR_BLOCK: ((" similar ",),),
        FOLLOWING_BLOCK: (("the following",), ("deleted", "removed")),
        ASTERISKED: (("asterisked ",),),
        THE_BLOCK: (("the paragraph", "the bullet"),),
        TABLE: (("table", "schedule", "chart"),),
        TEXT_AND_TABLE: (("text and ",),),
        AS_FIRST_SECTION: ((" as ",), ("section",)),
        INSIDE_PARAGRAPH: ((" paragraph",),),
        AS_NTH: ((" as the ",),),
        INSERT_AT: (("paragraph", "bullet"),),
        TO_THE_LIST: ((" to the ",), ("list",)),
        UNDER_TABLE: (("the chart", "the table"),),
        AT_START: (("at the beginning of", "at the start of"),),
        NAMED_PARAGRAPH: (('"" paragraph',),),
        SECOND_TO_LAST: (("last",),),
        NEW_TEXT_NOUN: (("the following ", " below"),),
        ACCORDINGLY: ((" accordingly",),),
        PARTIAL: (
            (
                "paragraph",
                "sentence",
                "bullet",
                "table",
                "footnote",
                "chart",
                "row",
                "column",
                "entr",
                "item",
                "portion",
                "schedule",
                "list",
                "except",
            ),
        ),
        NO_LONGER_APPLICABLE: ((" no longer applicable",),),
        APPLIES_TO: (("apply to",),),
    }
)
