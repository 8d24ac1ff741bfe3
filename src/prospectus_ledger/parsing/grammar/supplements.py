"""The supplement grammar: its title phrase, intro, lead-ins and closing lines.

* :data:`KIND` -- a document's name, the named group telling which kind;
  :data:`EDITIONS` -- the tokens of "to the Prospectuses dated May 1, 2006,
  as supplemented ...";
* :data:`ANCHOR`, :data:`SUPPLEMENT_DATE` -- "SUPPLEMENT DATED ..." opening a
  title, and the supplement's own date in it;
* :data:`INTRO`, :data:`LEAD_IN`, :data:`LEAD` -- paragraphs that introduce
  the instructions ("This Supplement is made as of ...", "The Prospectus is
  hereby amended as follows:");
* :data:`DATE_LINE`, :data:`DATE_OF_SUPPLEMENT`, :data:`RETAIN` -- closing
  lines;
* :data:`ANNOUNCEMENT` -- news that changes no text (a reorganisation).
"""

from __future__ import annotations

from ...tree import DocumentKind
from ._engine import Rule
from .instructions import BE, DOCUMENT
from .times import DATE
from .vocabulary import (
    AMENDED,
    DOCUMENT_NAMES,
    SHARE_CLASS_NOUNS,
    SHARE_CLASS_WORDS,
    alt,
    with_plurals,
)

__all__ = [
    "ANCHOR",
    "ANNOUNCEMENT",
    "DATE_LINE",
    "DATE_OF_SUPPLEMENT",
    "EDITIONS",
    "FOLLOWING_CHANGES",
    "FOLLOWING_CHANGES_MADE",
    "INTRO",
    "INTRO_PLACE",
    "KIND",
    "LEAD",
    "LEAD_IN",
    "NAME_WORD",
    "NOT_INTRO",
    "PHRASE_WORD",
    "RETAIN",
    "SUPPLEMENT_DATE",
]


def _names(kind: DocumentKind) -> str:
    return alt(with_plurals(name for name, named in DOCUMENT_NAMES if named is kind))


PAIRED: dict[str, DocumentKind] = {
    name.rpartition(" ")[0]: kind
    for name, kind in DOCUMENT_NAMES
    if name.endswith(" prospectus") and " " in name
}
"""The words that make a prospectus of a kind ("summary", "statutory"): "Summary and
Statutory Prospectuses" names both kinds, the noun shared."""
_PAIR = rf"{alt(PAIRED)} and {alt(PAIRED)} prospectus(?:es)?"

KIND_SOURCE = (
    rf"\b(?:(?P<pair>{_PAIR})"
    rf"|(?P<summary>{_names(DocumentKind.SUMMARY_PROSPECTUS)})"
    rf"|(?P<sai>{_names(DocumentKind.SAI)})"
    # "Prospectus Summary" is a heading, not the prospectus.
    rf"|(?P<prospectus>{_names(DocumentKind.PROSPECTUS)})(?! summary\b))\b"
)
KIND = Rule("document kind", KIND_SOURCE, "kind")
"""A mention of a document; the named group that took part (``pair``, ``summary``,
``sai``, ``prospectus``) tells which kind(s)."""

DATE_LIST = rf"{DATE}(?:(?:,? and |, | ?[-\u2013\u2014] | through | to ){DATE}){{0,12}}"
"""One date or several: "May 1, 2006", "March 1, 2006, April 1, 2006 and May 1, 2006",
a range "August 1, 2017 \u2013 June 1, 2018" (both ends are named)."""
_CLASSES = rf"(?:(?:{alt(SHARE_CLASS_WORDS)}|[a-z]\d?),? ){{0,16}}"

EDITIONS = Rule(
    "editions",
    KIND_SOURCE
    + rf"|\bdated:? (?P<dated>{DATE_LIST})"
    + rf"|\bas (?:previously )?(?:supplemented|revised|amended)(?: on| through)? "
    rf"(?P<supp>{DATE_LIST})"
    # "the April 17, 2003 Class A, B, C Prospectus": the date before the name.
     + rf"|(?P<before>{DATE}) (?={_CLASSES}(?:{_PAIR}|{DOCUMENT})\b)",
    "editions",
)
"""The tokens of an editions phrase, in order: a kind, "dated D" (one date, a list or a
range), "as supplemented D", a date printed before the kind it dates."""

# "Supplement No. 1 dated ...": a numbered supplement.
_NUMBERED = r"(?: (?:no\.?|number|#) ?\d{1,3})?"
_SUPPLEMENT_WORD = rf"supplement\b{_NUMBERED},?(?: dated:?| date:?)?(?: [-\u2013\u2014])?"
# The document a supplement's title may name before the word: "Prospectus Supplement".
_SUPPLEMENT_OF = r"(?:(?:summary )?prospectus(?:es)? |statements? of additional information |sai )"
_FORM_CODE = r"(?:[a-z]{0,4}\d[\w/.-]{0,12} ){0,2}"
"""A form code printed between "Supplement dated" and the date ("74290 7/01")."""
SUPPLEMENT_DATE = Rule(
    "supplement dated",
    rf"\b(?:{_SUPPLEMENT_WORD}|made as of) {_FORM_CODE}(?P<date>{DATE})",
    "supplement date",
)
"""The supplement's own date: "Supplement dated May 31, 2007", "made as of ...",
"Supplement dated 74290 7/01 July 1, 2001"."""
SUPPLEMENT_PHRASE = Rule(
    "supplement phrase",
    rf"{_SUPPLEMENT_OF}?(?:{_SUPPLEMENT_WORD}|made as of)"
    rf"(?: {_FORM_CODE}{DATE})?",
    " ",
)
"""The words of the supplement's own date, cut before the editions are read."""
INLINE_PHRASE = Rule(
    "supplement phrase in running text",
    rf"\b{DOCUMENT} supplement\b"
    rf"|\bsupplement(?: dated:? {DATE})?,? to "
    rf"(?:[^.;:]{{0,80}}?\b(?:{_PAIR}|{DOCUMENT})\b(?: dated:? {DATE_LIST})?){{1,4}}",
    "inline",
)
"""A supplement phrase inside running text (a filing flattened to one line): "VANGUARD
FUNDS PROSPECTUS SUPPLEMENT IMPORTANT INFORMATION ...", "... Fund Supplement to the
Prospectuses and Summary Prospectuses Effective immediately, ..."."""
CHANGES_TO = Rule(
    "changes to a document",
    rf"\b(?:changes|amendments|revisions) (?:(?:are|have been) made )?to the (?:fund'?s'? )?"
    rf"(?P<named>{DOCUMENT})\b",
    "changes to",
)
"""'The following changes to the Prospectus are necessary ...', 'The following changes are
made to the prospectus.': the document a supplement with no title amends."""
OWN_DATE_LINE = Rule("own date line", rf"^dated:? (?P<date>{DATE})\.?$", "date")
"""'DATED JUNE 15, 2018' alone on a title line: after the editions' dates, the
supplement's own."""
ENDS_IN_KIND = Rule(
    "ends in a document",
    rf"{KIND_SOURCE}(?: \([^()]{{0,40}}\))?,?$",
    "ends in kind",
)
"""A title line that ends with a document's name ("SUPPLEMENT TO PROSPECTUS"): a "dated D"
line after it dates that document."""
OPEN_DATED = Rule("dated, the date below", r"\bdated:?$", "open")
"""A title line that ends "dated" with its date on a later line: in a cover of two
columns, the dates follow the lines they complete, in order."""
DATE_FIRST = Rule(
    "a date that opens a line",
    rf"^{DATE}(?:$|,? as (?:previously )?(?:supplemented|revised|amended)\b)",
    "date first",
)
"""'January 31, 2014, as supplemented': the date of a "... dated" line above it."""
DATE_PENDING = Rule(
    "date to follow",
    r"\b(?:dated|date|supplemented|revised|amended|as of|through|on)[:,]?$",
    "date to follow",
)
"""A title line that ends where a date follows ("... Information dated"): the date line
after it completes it."""

ANCHOR = Rule(
    "supplement anchor",
    rf"^(?:{_SUPPLEMENT_OF}|important |amended and restated )?"
    rf"supplement{_NUMBERED}(?:$|,|:| dated\b| date\b| to\b| [-\u2013\u2014])",
    "anchor",
)
"""A line that opens a supplement's title: "SUPPLEMENT DATED ...", "Prospectus Supplement",
"AMENDED AND RESTATED SUPPLEMENT DATED ..."."""

PHRASE_WORD = Rule(
    "phrase word",
    rf"\b(?:{DOCUMENT}|dated|supplement(?:ed|s)?|revised)\b",
    "phrase",
)
"""A word of the supplement phrase: a document, "dated", "supplemented"."""

NAME_WORD = Rule(
    "name word",
    r"\b(?:portfolios?|funds?|trust|series|etf|inc|company|corporation|account|investments)\b",
    "name",
)
"""A word of a registrant's or a portfolio's name."""
_DEFINED_WORDS = r"(?:the|each|a|an|collectively|together|a series)\b[^()]{0,120}"
DEFINED_TERM = Rule("defined term", rf"\({_DEFINED_WORDS}\)", "defined term")
"""A defined term, '(the "Fund")', '(each a "Fund" and together, the "Funds")': it names
no part of the document and no fund."""
TRAILING_TERM = Rule("trailing defined term", rf" ?\({_DEFINED_WORDS}\)$", "defined term")
"""A defined term that ends a line of names."""
CLASS_WORD = Rule("share class word", rf"\b{alt(with_plurals(SHARE_CLASS_NOUNS))}\b", "class")
"""A word of a share class's name ("Class A, Class C and Class R6 Shares of the")."""

DATED_KIND = Rule("kind dated", rf"{KIND_SOURCE}[^()]{{0,60}}\bdated\b", "dated kind")
"""'(Summary Prospectus and Prospectus dated August 1, 2018)': a phrase, not a note."""
DATED_BELOW = Rule(
    "each as dated below",
    rf"\b(?:each )?as dated below\b|\bdate of (?:the )?{DOCUMENT}|^{DOCUMENT} dated$"
    r"|^(?:funds?|portfolios?|series) dated$",
    "dated below",
)
"""Editions whose dates are listed below ("each as dated below", a "DATE OF PROSPECTUS"
column, a "FUND ... DATED" head over funds and their dates)."""
LISTED_AFTER = Rule(
    "editions listed after the title",
    rf"\b{DOCUMENT}\b[^.;]{{0,60}}?\b(?:for|as follows|listed below):$"
    r"|\b(?:listed|set forth|named|identified) (?:in|on) "
    r"(?P<schedule>(?:schedule|appendix|exhibit|annex) [a-z0-9]{1,3})$",
    "listed after",
)
"""A phrase whose editions are listed after the title: "to the prospectuses for:" (a
table of funds and dates follows), "OF THE FUNDS LISTED IN SCHEDULE A" (a schedule with
a column of dates comes later)."""
LISTED_ABOVE = Rule("each as dated above", r"\b(?:each )?as dated above\b", "listed above")
"""A phrase whose editions are dated in a table above the title: "..., each as dated
above:"."""
EDITION_NOTE = Rule(
    "edition note",
    rf"\((?:{DOCUMENT})[^()]{{0,20}}\bdated\b[^()]{{0,60}}\)$",
    "edition note",
)
"""'American Century Mutual Funds, Inc. (SAI dated July 26, 2013)', 'Multisector Income
Fund (Prospectus dated August 1, 2022 as revised February 14, 2023)'."""

INTRO = Rule(
    "intro",
    r"^(?:this (?:supplement|information)\b|capitalized terms\b"
    r"|the following changes (?:are|have been)(?: hereby)? made\b"
    rf"|(?:the )?{DOCUMENT}\b[^.:\"]{{0,120}}? (?:is|are) hereby (?:supplemented|amended)\b)",
    "intro",
)
"""A supplement's intro: "This Supplement is made as of ...", "The Prospectus is hereby
amended ..."."""
INTRO_PLACE = Rule(
    "this supplement updates a section",
    r"^this supplement (?:updates|supplements|amends|revises|modifies|changes)\b[^.]{0,80}?"
    r"\bsections?\b",
    "place",
)
"""'This Supplement updates the "General ProFunds VP Information" section of the
Prospectus ...': the place of the instructions that name none."""
NOT_INTRO = Rule(
    "supersedes another supplement",
    r"^this supplement\b[^.]{0,40}?\b(?:supersedes|replaces)\b",
    "news",
)
"""'This supplement supersedes and replaces the supplement dated ...': news, kept."""

LEAD_IN = Rule(
    "lead-in",
    r"^(?:accordingly, )?(?:the following (?:changes|information)"
    rf"|(?:the |each )?[\w'\u2019 ]{{0,40}}?{DOCUMENT})"
    r"[^.:\"]{0,120}? "
    r"(?:is|are) (?:hereby )?(?:made|amended|supplemented|revised|changed)\b",
    "lead-in",
)
"""'The following changes are made ...', 'The Fund's Prospectus is amended ...'."""

_CHANGES_NOUN = r"(?:changes|revisions|amendments|modifications|updates|disclosures?|information)"
_TAKE_EFFECT = (
    r"(?:take (?:place|effect)|become effective|go into effect|be (?:made|effective)"
    r"|are (?:made|effective)|is effective)"
)
LEAD = Rule(
    "lead",
    rf"\b{DOCUMENT}\b[^:]{{0,700}}? {BE} "
    rf"{alt((*AMENDED, 'supplemented'))}\b"
    rf"|\bthe following {_CHANGES_NOUN}\b[^:]{{0,200}}? (?:{BE} (?:made|effective|revised"
    rf"|amended|modified|updated)\b|(?:will |shall |are expected to |are anticipated to )?"
    rf"{_TAKE_EFFECT}\b)"
    r"|\bplease (?:make|note) (?:the |these )?(?:following )?(?:changes?|revisions?|amendments?)\b",
    "lead",
)
"""A paragraph that says the documents are amended, that the following changes take
effect, or asks the reader to make them ("please make the changes listed below"): a
lead-in, if it names no place."""
FOLLOWING_CHANGES_MADE = Rule(
    "the following changes are made to",
    rf"\bthe following {_CHANGES_NOUN}\b {BE} (?:made|effective) (?:to|in|with respect to)\b",
    "lead",
)
"""'the following changes are made to the third paragraph of the "X" section:': a lead-in
that names the place of what follows."""
FOLLOWING_CHANGES = Rule(
    "the following changes take effect",
    rf"\bthe following {_CHANGES_NOUN}\b[^:]{{0,200}}? (?:{BE} |will |shall )?"
    r"(?:effective|take effect|become effective|go into effect)\b",
    "lead",
)
"""'The following changes ... are effective at the close of business on October 31, 2013.':
a lead-in though it ends with a full stop."""

THE_FOLLOWING_CHANGES = Rule(
    "the following changes",
    r"\bthe following (?:changes|revisions|amendments|modifications)\b",
    "lead",
)
"""'... is amended to include the following changes:': what the words add are changes (a
lead-in), not text."""

ACTS = Rule(
    "acts",
    r"\b(?:to|by) (?:delete|deleting|replace|replacing|add|adding|insert|inserting|include"
    r"|remove)\b|\bby the (?:addition|deletion|insertion|replacement|substitution|removal) of\b",
    "acts",
)
"""'amended to delete ... and to replace ...': the lead-in itself makes a change."""

STRUCTURE_WORD = Rule(
    "title structure word",
    r"\b(?:section|sub-?section|heading|caption|paragraph|sentence|table)\b",
    "structure",
)
BLOCK_WORD = Rule(
    "block word",
    r"\b(?:paragraphs?|sentences?|bullets?|tables?|schedules?|footnotes?|charts?)\b",
    "block",
)

DATE_LINE = Rule("date line", rf"^date:? ?(?P<date>{DATE})\.?$", "date")
"""'Date: May 31, 2007' (but not "DATED MAY 1, 2006", which continues a title)."""
_DATE_OF_SUPPLEMENT = r"(?:the date of this supplement is|this supplement is dated)"
DATE_OF_SUPPLEMENT = Rule(
    "date of this supplement",
    rf"^{_DATE_OF_SUPPLEMENT} (?P<date>{DATE})\.?(?P<rest>.{{0,40}})$",
    "date",
)
"""'The date of this Supplement is July 16, 1999.' (perhaps followed by a form code)."""
DATE_OF_SUPPLEMENT_SENTENCE = Rule(
    "date of this supplement, in a paragraph",
    rf"\b{_DATE_OF_SUPPLEMENT} (?P<date>{DATE})",
    "date",
)
"""The same words inside a paragraph (text whose line breaks were lost): the date, when
nothing else gives one."""
RETAIN = Rule(
    "retain for future reference",
    r"\b(?:retain(?:ed)?|keep|kept)\b[\w ,]{0,120}\bfor (?:future|later) reference\b",
    "retain",
)
EDGE_DATE = Rule("date at an edge", rf"^(?P<first>{DATE})\b|\b(?P<last>{DATE})\.?$", "date")
"""A date that opens or closes a closing line ("... for Future Reference March 11,
2019", "January 15, 2015 Investors Should Retain ...")."""
SUPPLEMENT_DATED_LINE = Rule(
    "supplement dated line",
    rf"^(?:this )?supplement dated:? {_FORM_CODE}(?P<date>{DATE})\.?$",
    "date",
)
"""'Supplement dated September 13, 2001' alone: at the end of a supplement, its closing
line (at the top, its title)."""

ANNOUNCEMENT = Rule(
    "announcement",
    r"\b(?:reorganiz|reorganis|liquidat|merger\b|will merge|closed to (?:all )?new"
    r"|no longer (?:be )?(?:offered|available)|discontinu|(?:revised|amended|updated) accordingly"
    r"|renamed|will be closed|has been closed|is closed\b|approved a proposal"
    r"|(?:is|are) no longer applicable)",
    "announcement",
)
"""News that changes no text: a reorganisation, a liquidation, a fund closed."""
