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
* :data:`COMPOUNDS`, :data:`BLOCKS` -- the block(s) a replace or delete acts on;
* :data:`PLACES` -- where inserted text goes.
"""

from __future__ import annotations

from collections.abc import Callable

from . import _builds as build
from ._engine import Hit, Rule, Table
from .vocabulary import (
    ADDED,
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
    PART_NOUNS,
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
            r"\b(?:replace[sd]?|supersedes?|modifies|amends"
            r"|the following\b[^.:;\"]{0,120}? supplements|is the following, instead of"
            r"|amended (?:to|by) (?:add|include|insert|delete|replace)"
            r"|(?:shall|will) (?:also )?apply to|all references (?:to|in)"
            rf"|(?:please )?{alt(w for ws in IMPERATIVES.values() for w in ws)} (?:the|it|a)\b"
            rf"|{BE} {_PARTICIPLES})\b",
            "change",
        ),
    ],
)
"""A change verb: a paragraph that holds one (and a :data:`STRUCTURE` word) reads as an
instruction."""

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
            r"\b(?:is|are)(?: hereby)? (?:revised|amended|updated|changed|modified) accordingly\b",
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

DESCRIBED = Rule(
    "the change described in words",
    rf"\b{BE} (?:revised|amended|updated|modified|changed) to (?:state|denote|reflect|indicate"
    r"|clarify|disclose|note|show) that\b(?![^:]{0,200}(?::|\bas follows\b))",
    "described",
)
"""'The table ... is hereby revised to denote that the Fund is diversified.': the change is
described, and no new text follows (a notice, like "revised accordingly")."""

CORRESPONDING = Rule(
    "the corresponding section",
    r"\b(?:the|each) (?:corresponding|similar|applicable|same|relevant|respective)"
    r" (?:sections?|sub-?sections?|headings?|captions?|information|disclosures?|text)\b",
    "headed",
)
"""The place is named by the headings that open the new text: "The following supplements
the corresponding section of the prospectus." / "MANAGEMENT" / "INVESTMENT ADVISER" / ..."""

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
            r"\b(?:amended|changed|revised|modified|supplemented|updated)(?: hereby| further)?"
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
            r"\b(?:has|have) been (?:modified|revised|amended|updated|changed) to reflect\b",
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
            rf"{passive(*DELETED)}{ENTIRE}(?=[.:;,]|$| from\b| on\b)",
            "delete",
            priority=30,
        ),
        Rule("delete the", r"\b(?:please )?delete (?:the|it)\b", "delete", priority=31),
    ],
)
"""The verb of an instruction: the first row that matches decides."""

# -- several blocks at once -------------------------------------------------------------

COMPOUNDS: Table[build.Builder] = Table(
    "compounds",
    [
        Rule(
            "items (i) and (iv)",
            rf"\b(?:items|paragraphs|bullets|sub-?paragraphs) "
            rf"(?P<labels>{_LABEL}(?:,? (?:and )?{_LABEL}){{1,5}})",
            build.items,
            priority=1,
        ),
        Rule(
            "the first n paragraphs",
            rf"\bfirst (?P<n>{COUNT}) (?P<kind>paragraph|bullet)s\b",
            build.first_n,
            priority=2,
        ),
        Rule(
            "the second and third paragraphs",
            rf"\bthe (?P<a>{ORDINAL})(?:,? (?:and|through|to)|,) (?:the )?(?P<b>{ORDINAL}) "
            r"(?P<kind>paragraph|bullet)s\b",
            build.block_range,
            priority=3,
        ),
        Rule(
            "the nth paragraph and the table",
            rf"\bthe (?P<ord>{ORDINAL}) (?P<kind>paragraph|bullet) and the (?:\w+ )?table\b",
            build.block_and_table,
            priority=4,
        ),
        Rule(
            "the table and the preceding sentence",
            r"\btable and the (?:sentence|paragraph) (?:immediately )?preceding\b",
            build.table_and_preceding,
            priority=5,
        ),
    ],
)
"""Changes to several blocks that pair with the new text (not for insertions)."""

SEVERAL = Rule(
    "several blocks",
    rf"\b{ORDINAL}(?:,? (?:and|or|through|to)|,) (?:the )?{ORDINAL} "
    r"(?:paragraph|bullet|sentence)s?\b"
    rf"|\b{ORDINAL} (?:two|three|four|five|six) (?:paragraph|bullet|sentence)s\b"
    r"|\bitems \([ivxlc\d]{1,6}\) and \("
    r"|\b(?:paragraphs?|sentences?|bullets?|tables?) and the (?:\w+ )?"
    r"(?:paragraphs?|sentences?|bullets?|tables?)\b",
    "several",
)
"""Several blocks named in a way no compound row pairs with new text."""

# -- one block -----------------------------------------------------------------------

_SENTENCES = r"(?P<first>first|last) (?P<n>two|three|four|five|six) sentences"
_SENTENCE_RUN = rf"(?P<a>{ORDINAL})(?:,? (?:and|through|to)|,) (?:the )?(?P<b>{ORDINAL}) sentences"
_IN_PARAGRAPH = rf"(?:of|in|set forth in|within) the (?P<pord>{ORDINAL}) paragraph\b"
# What a sentence is counted in when no paragraph is named: a section, a heading, a
# quoted name, a description ("the fifth sentence in the description for X").
_IN_SECTION = (
    rf"(?:of|in|under|within|set forth (?:in|under)) (?:the )?(?:\"\"|{HEADING_NOUN}\b"
    r"|(?:disclosure|description|discussion|information|text|paragraph)\b)"
)

SENTENCES: Table[build.Builder] = Table(
    "sentences",
    [
        Rule(
            "the nth sentence of the nth paragraph",
            rf"\bthe (?P<sord>{ORDINAL}) sentence {_IN_PARAGRAPH}",
            build.sentence_of_nth,
            priority=1,
        ),
        Rule(
            "the first two sentences of the nth paragraph",
            rf"\bthe {_SENTENCES} {_IN_PARAGRAPH}",
            build.end_sentences,
            priority=2,
        ),
        Rule(
            "the second and third sentences of the nth paragraph",
            rf"\bthe {_SENTENCE_RUN} {_IN_PARAGRAPH}",
            build.sentence_run,
            priority=3,
        ),
        Rule(
            "the nth sentence of the paragraph",
            rf"\bthe (?P<sord>{ORDINAL}) sentence (?:of|in) the (?:existing )?paragraph\b",
            build.sentence_of_the,
            priority=4,
        ),
        Rule(
            "all except the last sentences",
            r"\ball (?:except|but) the last (?:(?P<count>two|three|four|five) sentences|sentence)"
            r" of the (?:existing )?paragraph\b",
            build.all_but_last,
            priority=5,
        ),
        Rule(
            "the first two sentences of a section",
            rf"\bthe {_SENTENCES} {_IN_SECTION}",
            build.end_sentences,
            priority=6,
        ),
        Rule(
            "the second and third sentences of a section",
            rf"\bthe {_SENTENCE_RUN} {_IN_SECTION}",
            build.sentence_run,
            priority=7,
        ),
        Rule(
            "the nth sentence of a section",
            rf"\bthe (?P<sord>{ORDINAL}) sentence {_IN_SECTION}",
            build.sentence_under,
            priority=8,
        ),
        Rule(
            "the nth sentence about",
            rf"\bthe (?P<sord>{ORDINAL}) sentence (?:related to|relating to|regarding|about"
            r"|concerning|describing|that (?:begins|starts|reads))\b",
            build.sentence_under,
            priority=9,
        ),
        # "a. The first sentence is deleted ...", under a place named before it.
        Rule(
            "the nth sentence",
            rf"^(?:\(?[a-z\d]{{1,3}}[.)] )?the (?P<sord>{ORDINAL}) sentence\b(?! of\b| in\b)",
            build.sentence_under,
            priority=10,
        ),
    ],
)
"""Sentences a replace or delete acts on (the first row that matches).  Sentences of a
section, with no paragraph named, are counted in its first paragraph (its last, counting
from the end)."""

BLOCKS: Table[build.Builder] = Table(
    "blocks",
    [
        Rule(
            "the nth bullet after the nth paragraph",
            rf"\bthe (?P<ord>{ORDINAL}) (?P<kind>bullet(?: point)?) (?:following|after|under|below)"
            rf" the (?P<pord>{ORDINAL}) paragraph\b",
            build.bullet_after_paragraph,
            priority=4,
        ),
        Rule(
            "the nth paragraph",
            rf"\b(?P<ord>{ORDINAL}) (?P<kind>paragraph|bullet(?: point)?)s?\b",
            build.nth_block,
            priority=5,
        ),
        Rule(
            "paragraph (vii)",
            r"\b(?:paragraph|footnote|item|policy) (?P<label>\([ivxlc\d]{1,6}\)|\d{1,2}\.?(?= ))",
            build.labelled,
            priority=6,
        ),
        Rule(
            "the similar paragraph",
            r"\b(?:replaces|modifies) (?:a|the) similar (?:existing )?(?P<bulleted>bulleted )?"
            r"(?:paragraph|bullet)\b",
            build.similar,
            priority=7,
        ),
        Rule(
            "the asterisked statement",
            r"\basterisked (?:statement|sentence|footnote|note)\b",
            build.asterisked,
            priority=8,
        ),
        Rule(
            "the following paragraph is deleted:",
            rf"\bthe following\b[^:]{{0,200}}? {BE} (?:deleted|removed)\b[^:]{{0,200}}:$",
            build.quoted_after,
            priority=9,
        ),
        Rule("the table", r"\b(?:tables?|schedule|chart)\b", build.table, priority=10),
        Rule(
            "the list",
            r"\bthe (?:bulleted |following )?list(?: of [^,.:;\"]{1,80}?)?(?= (?:under|in|of|set"
            r" forth|that|which|appearing|following|below)\b|[,.:;]|$)",
            build.whole_list,
            priority=10,
        ),
        Rule(
            "the paragraph",
            r"\bthe (?:related |relevant |accompanying |corresponding |existing |current )?"
            r"(?P<kind>paragraph|bulleted paragraph|bullet(?: point)?)\b",
            build.the_block,
            priority=11,
        ),
    ],
)
"""The one block a replace or delete acts on (the first row that matches)."""

NTH_BLOCK = BLOCKS.rule("the nth paragraph")
"""One block by its ordinal: it applies only when the words name one block."""

DELETE_ONLY = frozenset({"the following paragraph is deleted:"})
"""Block rows that apply to deletions only."""

PARTIAL = Rule(
    "part of a section",
    rf"\b{alt(with_plurals(PART_NOUNS))}\b|\ball except\b|\bexcept (?:for )?the (?:first|last)\b",
    "partial",
)
"""Words that name part of a section: an instruction with them changes no whole section."""

# -- where inserted text goes --------------------------------------------------------------

PLACES: Table[build.Builder] = Table(
    "places",
    [
        Rule(
            "added as the first section",
            r"\b(?:added|inserted) as (?:the|a) (?:first|new) (?:sub-?)?section\b",
            build.as_first_section,
            priority=1,
        ),
        Rule(
            "inside the nth paragraph",
            rf"\b(?:after the {ORDINAL} sentence (?:of|in) the|(?:to|at) the end of the"
            rf"|as the {ORDINAL} sentence of the|(?:a )?new (?:final |last )?sentences? to the)"
            rf" \(?(?P<pord>{ORDINAL})\)? paragraph\b",
            build.inside_paragraph,
            priority=2,
        ),
        Rule(
            "added as the nth paragraph",
            rf"\b(?:added|inserted) as the (?P<ord>{ORDINAL}) {_KIND}\b",
            build.as_nth,
            priority=3,
        ),
        Rule(
            "after the nth paragraph",
            rf"\b(?P<where>after|following|before|preceding) the (?P<ord>{ORDINAL}) "
            r"(?P<kind>paragraph|bullet)\b",
            build.next_to,
            priority=4,
        ),
        Rule(
            "added to the list",
            r"\b(?:added|inserted) to the (?:bulleted )?list\b",
            build.to_the_list,
            priority=5,
        ),
        Rule(
            "under the table",
            r"\b(?:under|after|below|following) the (?:chart|table)\b",
            build.under_table,
            priority=6,
        ),
        Rule("at the beginning", r"\bat the (?:beginning|start) of\b", build.at_start, priority=7),
    ],
)
"""Where an insertion goes; none matching: at the end of the section."""

__all__ = [
    "BE",
    "BLOCKS",
    "COMPOUNDS",
    "CORRESPONDING",
    "DELETE_ONLY",
    "DESCRIBED",
    "DOCUMENT",
    "INSTRUCTION",
    "MENTIONS",
    "NOTICES",
    "NTH_BLOCK",
    "ORDINAL",
    "PARTIAL",
    "PLACES",
    "QUOTED_WORDS",
    "REFERENCES",
    "REWRITES",
    "SENTENCES",
    "SEVERAL",
    "STRUCTURE",
    "VERBS",
    "passive",
    "plural",
]
