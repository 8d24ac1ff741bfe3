"""The words instructions are made of, as regular expressions.

Every pattern works on :func:`~prospectus_ledger.parsing._targets.normalise`'d
text (white space collapsed, double quotes straight) and is linear: quoted
and free-text parts are bounded, and no quantified group holds another
quantifier that could match the same text.
"""

from __future__ import annotations

import re

from ._targets import ORDINAL

CHANGE = re.compile(
    r"\b(?:replaces?|supersedes?|the following (?:information |disclosure |text )?supplements"
    r"|all references (?:to|in)|(?:please )?(?:delete|insert|add|replace) (?:the|it|a)\b"
    r"|(?:is|are|will be|shall be|has been|have been)(?: hereby)?(?: each)? "
    r"(?:added|inserted|deleted|removed|replaced|amended|revised|restated|supplemented|superseded"
    r"|changed|modified|updated|corrected))\b",
    re.IGNORECASE,
)
STRUCTURE = re.compile(
    r"\b(?:sections?|sub-?sections?|headings?|sub-?headings?|captions?|captioned|entitled|paragraphs?"
    r"|sentences?|bullets?|appendix|tables?|footnotes?|prospectus(?:es)?|statements? of additional"
    r"|SAI|the following|accordingly)\b|\"",
    re.IGNORECASE,
)

REPLACE_FOLLOWING = re.compile(
    r"\bthe following(?: (?:information|disclosure|text|paragraphs?|language))?(?: hereby)? "
    r"(?:replaces|supersedes|replaced)(?: and replaces)?\b",
    re.IGNORECASE,
)
REPLACED_WITH = re.compile(
    r"\b(?:is|are|will be|shall be)(?: hereby)?(?: each)? "
    r"(?:(?:deleted|removed)(?: in (?:its|their) entirety)? and |superseded and )?"
    r"(?:replaced|superseded|restated|amended and restated|revised)"
    r"(?: in (?:its|their) entirety)?(?: to read)? (?:with|by|as follows|as set forth below)\b",
    re.IGNORECASE,
)
DELETE_REPLACE = re.compile(
    rf"\bdelete (?:the )?(?P<ord>{ORDINAL}) (?P<kind>paragraph|bullet)\b"
    r"[^.:]{0,120} and replace it with\b",
    re.IGNORECASE,
)
DELETED = re.compile(
    r"\b(?:is|are)(?: hereby)? (?:deleted|removed)(?: in (?:its|their) entirety)?"
    r"(?=[.:;]|$| from\b)",
    re.IGNORECASE,
)
ADDED = re.compile(
    r"\bthe following(?: (?:information|disclosure|text|language|paragraphs?|sentences?|risks?))?"
    r"(?: (?:is|are))(?: hereby)? (?:added|inserted)\b(?P<where>[^:]{0,200})",
    re.IGNORECASE,
)
AFTER = re.compile(
    rf"\b(?:after|following) the (?P<ord>{ORDINAL}) (?P<kind>paragraph|bullet)\b", re.IGNORECASE
)
BLOCK_ORDINAL = re.compile(
    rf"\b(?P<ord>{ORDINAL}) (?P<kind>paragraph|bullet(?: point)?|sentence)s?\b", re.IGNORECASE
)
SEVERAL_BLOCKS = re.compile(
    rf"\b{ORDINAL}(?:,? (?:and|or|through|to)|,) (?:the )?{ORDINAL} "
    r"(?:paragraph|bullet|sentence)s?\b",
    re.IGNORECASE,
)
SENTENCE_OF = re.compile(
    rf"\bthe (?P<sord>{ORDINAL}) sentence (?:of|in|set forth in) "
    rf"the (?P<pord>{ORDINAL}) paragraph\b",
    re.IGNORECASE,
)
PARTIAL = re.compile(
    r"\b(?:paragraphs?|sentences?|bullets?|tables?|footnotes?|charts?|rows?|columns?|entries"
    r"|entry|items?|except|portion|schedule|list)\b",
    re.IGNORECASE,
)
SUPPLEMENTS = re.compile(
    r"\bthe following(?: (?:information|disclosure|text))? supplements\b", re.IGNORECASE
)
TABLE = re.compile(r"\btables?\b", re.IGNORECASE)
NEW_TEXT_NOUN = re.compile(
    r"\bthe following "
    r"(?:information|disclosure|text|language|paragraphs?|sentences?|risks?|table)\b",
    re.IGNORECASE,
)
SUBSTITUTE = re.compile(
    r'\ball references (?:to|in [^"]{0,120}? to) (?:the )?"(?P<old>[^"]{1,200})"[^"]{0,160}? '
    r"(?:are|is|shall be|will be)(?: hereby)? "
    r"(?:replaced with|replaced by|changed to|deleted and replaced with)"
    r' (?:the )?"(?P<new>[^"]{1,200})"',
    re.IGNORECASE,
)
ACCORDINGLY = re.compile(
    r"\b(?:is|are)(?: hereby)? (?:revised|amended|updated|changed|modified) accordingly\b",
    re.IGNORECASE,
)
REFERENCES = re.compile(r"\ball references\b", re.IGNORECASE)
