"""Where in a section an instruction acts: sentences, blocks, runs of blocks, and the
place inserted text goes.

Rows of :class:`~._engine.Table` values, tried in order of priority; each row's
``builds`` (:mod:`._builds`) reads its named groups into the change it makes.

* :data:`SENTENCES` -- sentences of a paragraph or a section;
* :data:`COMPOUNDS` -- several blocks that pair with the new text;
* :data:`BLOCKS` -- one block (by ordinal, label, text, kind);
* :data:`PLACES` -- where inserted text goes.
"""

from __future__ import annotations

from . import _builds as build
from ._engine import Rule, Table
from .instructions import BE, COUNT, HEADING_NOUN, ORDINAL
from .vocabulary import PART_NOUNS, alt, with_plurals

__all__ = [
    "BLOCKS",
    "COMPOUNDS",
    "DELETE_ONLY",
    "NTH_BLOCK",
    "PARTIAL",
    "PLACES",
    "SENTENCES",
    "SEVERAL",
]

_LABEL = r"\([ivxlc\d]{1,6}\)"
_KIND = r"(?P<kind>paragraph|bullet(?: point)?)"


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
            "the nth paragraph and the bullets under it",
            rf"\bthe (?P<ord>{ORDINAL}) (?P<kind>paragraph) and the (?:bullets?(?: points)?|list)"
            r"(?: thereunder| under it| following it| that follows? it| below it)?\b",
            build.block_and_list,
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
        # "updates the similar information on the cover of the prospectus": the cover has
        # no heading; the block is the one that begins as the new text does.
        Rule(
            "the similar information on the cover",
            r"\b(?:replaces|modifies|updates) (?:a|the) similar (?:existing )?information"
            r" (?:on|in) the cover\b",
            build.similar_block,
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
    rf"\b{alt(with_plurals(PART_NOUNS))}\b|\ball except\b|\bexcept (?:for )?the (?:first|last)\b"
    # "delete the Funds listed for X and replace with the following": what a list names.
    r"|\b(?:the|any|all) \w+ (?:listed|named|shown|identified) (?:for|under|in|by)\b",
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
