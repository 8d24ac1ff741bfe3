"""The instruction grammar: what an instruction does, one row per phrasing.

Rows are :class:`~._engine.Rule` values (name, pattern, what it builds,
priority) gathered in :class:`~._engine.Table` values, tried in order of
priority.  Patterns are built from :mod:`.vocabulary` and are lower case
(they search the lower-cased text) unless a row reads capitals.  Adding a
filing style is adding rows here (see ``docs/grammar.md``).

Every pattern is linear: quoted and free-text parts are bounded, and no
quantified group holds another quantifier that could match the same text.

The tables, in the order the parser consults them:

* :data:`INSTRUCTION` -- whether a paragraph reads as an instruction at all
  (a change verb, :data:`STRUCTURE` -- a word of the document's structure);
* :data:`NOTICES` -- instructions that change no text ("revised accordingly");
* :data:`REWRITES` -- words made plain before the verb is read ("the
  following information" is "the following");
* :data:`VERBS` -- replace, insert or delete;

then :mod:`.blocks` reads where in the section the change is made.
"""

from __future__ import annotations

from collections.abc import Callable

from ._engine import Hit, Rule, Table
from .vocabulary import (
    ADDED,
    AMENDED,
    AUXILIARIES,
    BLOCK_NOUNS,
    COUNTS,
    DELETED,
    DELETING,
    DOCUMENT_NAMES,
    ENTIRETY,
    HEADING_NOUNS,
    IMPERATIVES,
    INSERTING,
    INTRODUCERS,
    MODIFIERS,
    NEW_TEXT_NOUNS,
    ORDINALS,
    REPLACED,
    REPLACES,
    REPLACING,
    alt,
    plural,
    with_plurals,
)

# -- fragments, from the vocabulary -------------------------------------------------

BE = rf"(?:{alt(AUXILIARIES)})(?: {alt(MODIFIERS)}){{0,2}}"
"""The passive auxiliary: "is", "will be", "are hereby", "are each hereby"."""
ENTIRE = rf"(?: {alt(ENTIRETY)})?"
ORDINAL = alt(ORDINALS)
COUNT = alt(COUNTS)
DOCUMENT = alt(with_plurals(name for name, _ in DOCUMENT_NAMES))
"""Any document's name ("prospectuses", "statement of additional information")."""
HEADING_NOUN = alt(with_plurals(HEADING_NOUNS))
INTRODUCER = alt(INTRODUCERS)
BLOCK_NOUN = alt(with_plurals(BLOCK_NOUNS))
NEW_TEXT = alt(NEW_TEXT_NOUNS)
_PARTICIPLES = alt((*REPLACED, *ADDED, *DELETED, "supplemented"))
_LABEL = r"\([ivxlc\d]{1,6}\)"
_KIND = r"(?P<kind>paragraph|bullet(?: point)?)"
_FROM_END = [word.removesuffix("-to-last") for word in ORDINALS if word.endswith("-to-last")]


def passive(*participles: str) -> str:
    """ "is replaced", "are hereby added", "will be deleted": an auxiliary and a participle."""
    return rf"\b{BE} {alt(participles)}"


# -- is it an instruction? ------------------------------------------------------------

INSTRUCTION = Table(
    "instruction",
    [
        Rule(
            "change verb",
            rf"\b(?:replace[sd]?|supersede|{alt(REPLACES)}"
            r"|the following\b[^.:;\"]{0,120}? supplements|is the following, instead of"
            r"|amended (?:to|by) (?:add|include|insert|delete|replace)"
            r"|(?:shall|will) (?:also )?apply to|all references (?:to|in)"
            r"|no longer (?:be )?applicable|will no longer apply"
            rf"|(?:please )?{alt(w for ws in IMPERATIVES.values() for w in ws)} (?:the|it|a)\b"
            r"|\b(?:delete|remove) (?:(?:any and )?all |any )?references to\b"
            rf"|{BE} {_PARTICIPLES})\b",
            "change",
        ),
    ],
)
"""A change verb: a paragraph that holds one (and a :data:`STRUCTURE` word) reads as an
instruction."""

OPENINGS = Table(
    "instruction openings",
    [
        Rule(
            "place first",
            rf"\b(?:under|in|within) the (?:{HEADING_NOUN}|{BLOCK_NOUN})\b",
            "opening",
        ),
        Rule(
            "the following acts",
            rf"\bthe following (?:{NEW_TEXT} )?"
            rf"(?:{alt(REPLACES)}|supplements|{BE} {_PARTICIPLES})\b",
            "opening",
        ),
        Rule(
            "command",
            rf"\b(?:please )?{alt(w for ws in IMPERATIVES.values() for w in ws)} the\b",
            "opening",
        ),
    ],
)
"""How an instruction opens (:meth:`Table.opens`): a line of a flattened text that opens
so starts a paragraph, whatever the line before it ends with (a list of fund names, a
sentence that lost its full stop); in a text flattened onto one line, an instruction
starts where one opens."""

STRUCTURE = Rule(
    "structure word",
    rf"\b(?:{HEADING_NOUN}|captioned|entitled|{BLOCK_NOUN}|appendix|footnotes?"
    rf"|{DOCUMENT}|the following|accordingly)\b|\"",
    "structure",
)
"""A word of the document's structure (or a quote): what an instruction points at."""

# -- notices ------------------------------------------------------------------------

NOTICES = Table(
    "notices",
    [
        Rule(
            "revised accordingly",
            rf"\b(?:is|are)(?: hereby)? {alt(AMENDED)} accordingly\b",
            "announcement",
        ),
        Rule("no longer applicable", r"\b(?:is|are) no longer applicable\b", "announcement"),
        # "the disclosure in the "X" paragraph shall apply to TempFund as well": no text changes.
        Rule("shall apply to", r"\b(?:shall|will) (?:also )?apply to\b", "announcement"),
    ],
)
"""Instructions that change no text."""

REFERENCES = Rule("all references", r"\ball references\b", "references")
MENTIONS = Rule("references to", r"\breferences? to\b", "references")
"""Words about references to words."""

QUOTED_WORDS = Rule(
    "quoted words replaced or deleted",
    r"\b(?:delete|deleting|replace|replacing|remove|removing|(?:the|following) (?:words|sentence"
    r"|sentences|language|text|phrase|passage))(?: the (?:words|sentence|language|text|phrase))?"
    r":? \"(?P<old>[^\"]{12,1500})\"",
    "words",
)
"""'please delete "A shareholder in the Fund's Class A Shares ..." and replace with the
following:': the quoted words are what is replaced (a passage, not a heading)."""

_DESCRIBE_VERB = alt(AMENDED)
_NO_TEXT_FOLLOWS = r"(?![^:]{0,200}(?::|\bas follows\b))"
DESCRIBED = Table(
    "the change described in words",
    [
        Rule(
            "revised to state that",
            rf"\b{BE} {_DESCRIBE_VERB} to (?:state|denote|reflect|indicate"
            rf"|clarify|disclose|note|show) that\b{_NO_TEXT_FOLLOWS}",
            "described",
        ),
        Rule(
            "revised to remove information",
            rf"\b{BE} {_DESCRIBE_VERB} to (?:remove|delete|eliminate|omit) (?:the |all |any )?"
            rf"(?:information|references?|disclosures?|language|discussion)\b{_NO_TEXT_FOLLOWS}",
            "described",
        ),
        Rule(
            "information about something is removed",
            r"\b(?:information|disclosures?|language|discussion)(?: (?:in|under) this \w+)?"
            r" (?:regarding|related to|relating to|about|concerning|pertaining to)\b"
            r"(?:[^.:]|(?<=mr|ms|dr|jr|sr|st|no)\.){0,300}? "
            rf"{BE} (?:removed|deleted|eliminated|omitted)\b",
            "described",
        ),
    ],
)
"""Changes described in words, with no new text and no words quoted to delete: "The
table ... is hereby revised to denote that the Fund is diversified.", "... are revised to
remove information related to ...", "information in this section regarding the Fund's
investments in China is removed" (a notice, like "revised accordingly")."""

CORRESPONDING = Rule(
    "the corresponding section",
    r"\b(?:the|each) (?:corresponding|similar|applicable|same|relevant|respective)"
    r" (?:sections?|sub-?sections?|headings?|captions?|information|disclosures?|text)\b",
    "headed",
)
"""The place is named by the headings that open the new text: "The following supplements
the corresponding section of the prospectus." / "MANAGEMENT" / "INVESTMENT ADVISER" / ..."""

_QUOTE_MARK = '["\u201c\u201d]'
SECOND_CLAUSE = Rule(
    "a second instruction in the sentence",
    r",? and (?=(?:in addition,? )?(?:the following\b|(?:all |any |the )?(?:information"
    rf"|disclosures?|references?|language)\b|(?:the )?{_QUOTE_MARK}[^\"\u201c\u201d]{{1,200}}"
    rf"{_QUOTE_MARK})[^.:;]{{0,200}}? (?:{BE}|will) (?:no longer (?:be )?applicable"
    rf"|{alt((*DELETED, *ADDED))})\b(?![^.:;]{{0,80}} in (?:its|their) place))",
    "clause",
)
"""Where a second instruction starts in one sentence: '"X" disclosure will be deleted
under "A" and the following risk factor will be added to the section:' (but "... is
deleted and the following is added in its place" is one replacement)."""

SHARED_VERB = Rule(
    "subjects that share a verb",
    r"^(?P<first>[^,]{8,300}), as well as (?P<second>[^,]{3,200}), (?P<verb>(?:is|are|will be"
    r"|shall be|have been|has been) .+)$",
    "shared verb",
)
"""'The section X, as well as all references to Appendix A, are deleted ...': one verb for
two subjects, each an instruction ("The section X are deleted ...", "all references to
Appendix A are deleted ...")."""

REASON = Rule(
    "the reason for a change",
    r"\b(?:in light of|because|due to|in order to|as a result of)\b",
    "reason",
)
"""Words that say why a change is made: what follows them names no place or portfolio."""

OPENS_WITH_VERB = Rule("opens with the verb", rf"^(?:{alt(AUXILIARIES)})\b", "predicate")
"""A paragraph that opens with an auxiliary ("Is replaced in its entirety with the
following:"): the verb of the words before it."""

# -- words made plain before the verb is read -----------------------------------------------

Rewrite = str | Callable[[Hit], str]
REWRITES: Table[Rewrite] = Table(
    "rewrites",
    [
        Rule(
            "fifth to last",
            rf"\b(?P<n>{alt(_FROM_END)}) to (?:the )?last\b",
            lambda hit: f"{hit.low('n')}-to-last",
            priority=0,
        ),
        # "the second full paragraph": a paragraph.
        Rule("full paragraph", r"\bfull (?=paragraphs?\b|sentences?\b)", "", priority=0),
        Rule(
            "the following text",
            rf"\bthe following {NEW_TEXT}\b|\bthe (?:information|disclosure|text|language"
            r"|paragraphs?|sentences?) below\b",
            "the following",
            priority=1,
        ),
        # "the text and table immediately under the heading X": all of it, not a table.
        Rule("text and table", r"\btext and (?:the )?tables?\b", "text", priority=2),
        # 'the "Unusual Market Conditions" paragraph': named by its heading, a section.
        Rule("named paragraph", r'"" paragraph\b', '""', priority=3),
    ],
)
"""Rewrites of the instruction's own words, in order: each row's match becomes its
``builds`` text."""

# -- the verb -------------------------------------------------------------------------

VERBS = Table(
    "verbs",
    [
        # Additions phrased as amendments: "is changed by adding a new final sentence",
        # "is amended by adding the following", "revised by adding a footnote".
        Rule(
            "amended by adding",
            rf"\b{alt((*AMENDED, 'supplemented'))}(?: hereby| further)?"
            r" by (?:adding|inserting|including|appending)\b",
            "insert",
            priority=5,
        ),
        Rule(
            "the following replaces",
            r"\bthe following\b[^:;]{0,200}? (?:hereby )?(?:amends and )?"
            rf"{alt((*REPLACES, 'replace', 'replaced', 'supersede'))}\b",
            "replace",
            priority=10,
        ),
        Rule(
            "has been modified to reflect",
            rf"\b(?:has|have) been {alt(AMENDED)} to reflect\b",
            "replace",
            priority=11,
        ),
        Rule(
            "is replaced with",
            rf"\b{BE} (?:(?:deleted|removed|revised|amended|modified|updated){ENTIRE} and "
            r"|superseded and )?"
            rf"{alt(REPLACED)}{ENTIRE}(?: to (?:read|state))?{ENTIRE}"
            r"(?:,? (?:with|by|as follows?|as set forth below)\b|(?<=read|tate):)",
            "replace",
            priority=12,
        ),
        Rule(
            "deleted and replaced",
            rf"\b{alt((*DELETING, 'deleted', 'removed'))}\b[^.:]{{0,200}}? and (?:\(\d\) )?"
            rf"(?:to )?{alt((*REPLACING, 'replaced', 'substituted', *INSERTING))}\b"
            r"|\bamended to replace\b",
            "replace",
            priority=13,
        ),
        Rule("instead of", r"\bis the following, instead of\b", "replace", priority=14),
        Rule(
            "replace quoted",
            r"\breplace (?:the (?:words|sentence|phrase|text|language) )?\"",
            "replace",
            priority=15,
        ),
        Rule(
            "updated to reflect that",
            r"\b(?:is|are)(?: hereby)? (?:updated|revised|amended) to reflect that\b[^:]{0,200}? "
            r"(?:is|are) as follows\b",
            "replace",
            priority=16,
        ),
        # "the following supplements and supersedes any contrary information": added.
        Rule(
            "supplements and supersedes any contrary information",
            r"\bsupplements?(?: and (?:supersedes?|replaces?|amends?)){1,3} any (?:contrary"
            r"|inconsistent|conflicting|similar)\b",
            "insert",
            priority=6,
        ),
        Rule(
            "the following is added",
            rf"\bthe following\b[^:;]{{0,200}}? {BE} (?:added|inserted)\b",
            "insert",
            priority=20,
        ),
        Rule(
            "amended to add",
            r"\b(?:amended|supplemented|revised|modified) to (?:add|include|insert)\b"
            r"|\b(?:please )?(?:insert|add) the following\b"
            r"|\b(?:is|are)(?: hereby)? supplemented (?:with|by|as follows?)\b",
            "insert",
            priority=21,
        ),
        Rule(
            "the following supplements",
            r"\bthe following\b[^.:;\"]{0,120}? supplements\b",
            "insert",
            priority=22,
        ),
        Rule(
            "amended by deleting",
            r"\b(?:amended|revised|changed|modified)(?: hereby)? by (?:deleting|removing)\b"
            r"(?![^.:]{0,200}\band (?:by )?(?:replac|substitut|insert|add))",
            "delete",
            priority=9,
        ),
        Rule(
            "is deleted",
            rf"{passive(*DELETED)}{ENTIRE}(?=[.:;,]|$| from\b| on\b| under\b| in the\b)",
            "delete",
            priority=30,
        ),
        Rule("delete the", r"\b(?:please )?delete (?:the|it)\b", "delete", priority=31),
        # '"X" disclosure ... will no longer be applicable to the Fund': that part goes
        # (an unnamed subject is news: NOTICES reads "references to X are no longer
        # applicable" first).
        Rule(
            "no longer applicable",
            r"\bwill no longer (?:be applicable|apply)\b",
            "delete",
            priority=32,
        ),
    ],
)
"""The verb of an instruction: the first row that matches decides."""

__all__ = [
    "BE",
    "CORRESPONDING",
    "DESCRIBED",
    "DOCUMENT",
    "INSTRUCTION",
    "MENTIONS",
    "NOTICES",
    "OPENINGS",
    "OPENS_WITH_VERB",
    "ORDINAL",
    "QUOTED_WORDS",
    "REASON",
    "REFERENCES",
    "REWRITES",
    "SECOND_CLAUSE",
    "SHARED_VERB",
    "STRUCTURE",
    "VERBS",
    "passive",
    "plural",
]
