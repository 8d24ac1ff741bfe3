"""The heading-path grammar: how an instruction names the place it changes.

An instruction names its place with a chain of *parts*, each one heading (or
a dash-separated path of headings), quoted or not.  A quoted heading is a
part when the words right before it (:data:`BEFORE_QUOTE`) or right after
it (:data:`AFTER_QUOTE`) say so; an unquoted one when a row of
:data:`UNQUOTED` reads it.  The words between two parts say how they nest
(:data:`OUTER_WORDS`, :data:`INNER_WORDS`); :mod:`.._locations` builds the
path.
"""

from __future__ import annotations

from ._engine import Rule, Table
from .instructions import BE, COUNT, DOCUMENT, HEADING_NOUN, INTRODUCER, ORDINAL
from .vocabulary import DELETED, alt

__all__ = [
    "AFTER_QUOTE",
    "BEFORE_QUOTE",
    "COMMA_AFTER",
    "DOCUMENT_WORD",
    "INNER_WORDS",
    "IN_DOCUMENT",
    "NOT_HEADING",
    "OUTER_WORDS",
    "RUN_IN_CAPTION",
    "TABLE_BEFORE",
    "TRANSPARENT",
    "UNQUOTED",
]

# A heading printed without quotes: capitalised words, small words between them.
_CAP_WORD = r"[A-Z][\w'\u2019&/.\u00ae-]*"
_SMALL = r"(?:of|and|the|on|for|in|to|a|an|or|&|with|about|from|by|at)"
_TITLE = rf"{_CAP_WORD}(?: (?:{_CAP_WORD}|{_SMALL}|\d{{1,4}})){{0,11}}"
# A heading's word in lower case ("the portfolio manager section"): no small word, no
# word that only points ("following", "same").
_LOWER_WORD = (
    rf"(?!(?:{_SMALL}|following|same|corresponding|above|below|new|entire|this|that)\b)"
    r"[a-z][a-z'\u2019-]*"
)
_CAPS_TITLE = r"[A-Z][A-Z0-9'&/,()-]*(?: [A-Z0-9][A-Z0-9'&/,()-]*){0,11}"


def _either(name: str, rows: list[tuple[str, str]]) -> Rule[str]:
    """One rule of several rows, each its own named group, all ending where the text ends."""
    return Rule(
        name, "(?:" + "|".join(f"(?P<{group}>{source})" for group, source in rows) + ")$", name
    )


BEFORE_QUOTE = _either(
    "before a quoted heading",
    [
        # 'the heading "X"', 'the section entitled "X"', 'main heading "X"'
        ("noun", rf"\b(?:main )?{HEADING_NOUN}(?: {INTRODUCER})?,? "),
        # 'entitled "X"'
        ("naming", rf"\b{INTRODUCER},? "),
        # 'under "X"', 'in the "X"', 'at the end of "X"', 'is added to "X"'
        (
            "prep",
            r"\b(?:under|beneath|below|in|within|(?:the )?(?:end|beginning) of"
            r"|(?:added|inserted|appended) (?:to|in|into))(?: the)? ",
        ),
        # 'replace "X" with' names what it replaces
        ("object", r"\b(?:replace|replaces|supersedes?) (?:in (?:its|their) entirety )?(?:the )?"),
        # 'after "X"' names where new text goes
        ("anchor", r"\b(?:after|following|before|preceding) (?:the )?"),
    ],
)
"""The words before a quote that make it a heading: the group that matched says how."""

AFTER_QUOTE = Rule(
    "after a quoted heading",
    rf"^,? (?P<noun>{HEADING_NOUN}|paragraph|table|risks?(?: factors?)?|disclosure|item)\b",
    "noun",
)
"""'"X" section', '"X" paragraph' (a block named by its run-in heading), '"X" table', '"X"
risk'."""

COMMA_AFTER = Rule("comma after a part", rf'^"?(?: {HEADING_NOUN})?,', "comma")
"""A comma after a part, perhaps after its structure word: '"X" section,'."""

TABLE_BEFORE = Rule("table before a quote", r"\btable $", "table")
"""'in the table "Average Annual Total Returns"'."""

NOT_HEADING = Rule(
    "not a heading",
    rf"^(?:(?:the |this )?{DOCUMENT}|(?:the )?(?:following|same|corresponding|above|below|new)"
    r"|this|that|these|those|such|each|(?:fund|funds|portfolio|portfolios|trust)(?:['\u2019]s?)?)$",
    "not a heading",
)
"""Quoted or unquoted words that name no heading: a document, "the Fund"."""

UNQUOTED = Table(
    "unquoted headings",
    [
        Rule(
            "X section",
            rf"\b(?P<u>{_TITLE}) (?P<noun>section|sub-?section)s?\b",
            "heading",
            cased=True,
            priority=1,
        ),
        Rule(
            "the heading X",
            rf"\b(?i:the (?:sub-?)?(?:heading|caption))(?: (?i:entitled))? (?P<u>{_TITLE})"
            r"(?=[.:;,]|$| (?i:in|on|of|for|within|under) )",
            "heading",
            cased=True,
            priority=2,
        ),
        Rule(
            "entitled X",
            rf"\b(?i:{INTRODUCER}) (?P<u>{_TITLE})(?=[.:;,]|$| (?i:in|on|of|under|within|for) )",
            "heading",
            cased=True,
            priority=2,
        ),
        Rule(
            "the section X is",
            r"\b(?i:the (?:sub-?)?section) (?P<u>[A-Z][\w'\u2019&/-]*(?: [\w'\u2019&/-]+){0,8}?"
            r"(?:--[A-Z][\w'\u2019&/-]*(?: [\w'\u2019&/-]+){0,8}?)?)"
            r"(?= (?i:is|are|will|shall|has|have|in|of|on)\b|[,.:;]|$)",
            "heading",
            cased=True,
            priority=2,
        ),
        Rule(
            "Appendix C",
            r"\b(?P<u>Appendix [A-Z0-9]{1,4}(?:-[A-Z0-9]{1,4})?)\b"
            r"(?:,? (?i:entitled|titled) \"(?P<w>[^\"]{1,200})\")?",
            "heading",
            cased=True,
            priority=3,
        ),
        Rule(
            "the Appendix of X",
            rf"\b(?i:the) (?P<u>Appendix(?: (?:{_CAP_WORD}|{_SMALL})){{1,8}})",
            "heading",
            cased=True,
            priority=4,
        ),
        Rule(
            "section 2",
            rf"\b(?P<u>(?i:section) (?:\d{{1,2}}(?:\.[a-z\d]{{1,2}})?(?: {_TITLE})?"
            r"|[IVX]{1,5}))\b",
            "heading",
            cased=True,
            priority=5,
        ),
        Rule(
            "the X table",
            rf"\b(?P<u>{_TITLE}) (?P<noun>table)\b",
            "block",
            cased=True,
            priority=6,
        ),
        Rule(
            "the portfolio manager section",
            rf"^(?:\d{{1,2}}\. )?(?i:the) (?P<u>{_LOWER_WORD}(?: {_LOWER_WORD}){{0,4}})"
            r" (?P<noun>section|sub-?section)\b",
            "heading",
            cased=True,
            priority=6,
        ),
        # "Under The Sub-Advisors, delete ...": the place may open the sentence.
        Rule(
            "under X",
            rf"\b(?i:under) (?!(?i:the (?:sub-?)?(?:heading|caption|section))\b)(?P<u>{_TITLE})",
            "heading",
            cased=True,
            priority=7,
        ),
        Rule(
            "the section describing X",
            rf"\b(?i:the section of the) [\w' ]{{0,40}}?(?i:describing|for|relating to) "
            rf"(?:the )?(?P<u>{_TITLE})",
            "heading",
            cased=True,
            priority=7,
        ),
        Rule(
            "regarding X", rf"\bregarding (?:the )?(?P<u>{_TITLE})", "inner", cased=True, priority=8
        ),
        # (Not "listed in Schedule A": where funds are listed, no place.)
        Rule(
            "in the Fund's X",
            r"\b(?i:in)(?<!listed in)(?<!named in)(?<!identified in)(?<!included in)(?<!shown in)"
            r" (?:(?i:the|each) )?(?:(?i:fund|funds|portfolio|portfolios)['\u2019]s? )?"
            rf"(?P<u>{_CAP_WORD} {_CAP_WORD}(?: {_CAP_WORD}){{0,3}})"
            r"(?= in | of | is | are | will | shall |[,.:;]|$)",
            "summary",
            cased=True,
            priority=9,
        ),
        Rule(
            "X on page 4",
            rf"\b(?i:to|in|under) (?P<u>{_CAPS_TITLE}) (?i:on pages?) \d",
            "heading",
            cased=True,
            priority=10,
        ),
        Rule(
            "page of the X",
            rf"\b(?i:page of the) (?P<u>{_TITLE})",
            "heading",
            cased=True,
            priority=11,
        ),
    ],
)
"""Headings printed without quotes, marked by a structure word or a preposition; the
group ``u`` holds the heading, ``w`` a quoted title inside it, ``noun`` the word that
ranks it.  ``builds``: ``heading``; ``inner`` (nests inside what came before);
``summary`` (a capitalised phrase after "in", kept only when it is no fund or document);
``block`` (a table's name: the innermost part of a place, never a place alone)."""

OUTER_WORDS = frozenset({"in", "of", "within", "from", "inside"})
"""Between two parts, these make the later one hold the earlier: '"C" in the "B" section'."""
INNER_WORDS = frozenset({"under", "beneath", "below", "regarding"})
"""Between two parts, these put the later one inside the earlier."""

TRANSPARENT = Rule(
    "words between parts",
    rf"\b{HEADING_NOUN}\b|\b{INTRODUCER}\b"
    r"|\b(?:paragraphs?|sentences?|bullets?(?: points?)?|items?|tables?|footnotes?"
    r"|risks?(?: factors?)?|disclosures?|descriptions?"
    rf"|lists?|{ORDINAL}|{COUNT})\b"
    r"|\([ivxlc\d]{1,6}\)|\b[ivx]{1,5}\)"
    r"|\b(?:end|beginning|start|top|bottom) of\b"
    # '"X" disclosure will be deleted under "A"': the verb says nothing of nesting.
    rf"|\b{BE} {alt(DELETED)}\b"
    r"|\b(?:on|at) pages? [\divx]{1,4}(?:[-\u2013 ](?:and|to|through)?[- ]?[\divx]{1,4})?"
    r"|\b(?:the|each|its|this|that|such|main)\b|\b(?:fund|funds|portfolio|portfolios|trust)['\u2019]s?"
    r"|\b(?:information|disclosure|text|contained|found|appearing|included|set forth|located)\b"
    rf"|\b{DOCUMENT}\b",
    " ",
)
"""Words between two parts that say nothing of how they nest ("the", "sub-section",
"on page 4", "of the Prospectus"): blanked before the nesting words are read."""

IN_DOCUMENT = Rule(
    "of the prospectus",
    rf" (?:of|in) (?:the |each )?[\w/&'\u2019 -]{{0,30}}?\b{DOCUMENT}\b",
    "document",
)
"""The document an unquoted heading ends with ("Risk/Return Summary of the Prospectus")."""

DOCUMENT_WORD = Rule("document word", rf"\b{DOCUMENT}\b", "document")

RUN_IN_CAPTION = Rule(
    "run-in caption",
    rf"^(?P<document>{DOCUMENT}) ?[-\u2013\u2014]{{1,2}} ?(?P<caption>[^.:;\"]{{3,160}}?)\. "
    r"(?=[a-z\"(])",
    "caption",
)
"""A paragraph that opens with the place it changes, as a run-in caption: "PROSPECTUS -
INDEX INFORMATION - FIRST TRUST CHINDIA ETF. This section ... is revised as follows:"."""
