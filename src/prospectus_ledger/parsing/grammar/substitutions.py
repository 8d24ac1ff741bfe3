"""The substitution grammar: words changed wherever they stand.

* :data:`QUOTED_REFERENCES` -- 'all references to "A" (and "B") are replaced
  with "C" (and "D"), respectively';
* :data:`REFERENCES` -- the same with names printed without quotes ("All
  references to SunAmerica are replaced with references to
  AllianceBernstein", "... will mean ...");
* :data:`DELETED_REFERENCES` -- "all references to Ms. Trillo are deleted",
  "please remove all references to Mr. Triplett";
* :data:`RENAMES` -- "X is renamed Y", "X's name is changed to Y", "the name
  of X will change to Y", "the TTY number will change from A to B";
* :data:`RENAME_TABLE` -- "the Funds will be renamed as follows:" over a
  table of current and new names.

The named groups ``old`` and ``new`` hold the names (a list of names, for
lists paired "respectively"); :mod:`.._substitutions` cuts them where the
sentence goes on.
"""

from __future__ import annotations

from ._engine import Rule, Table
from .instructions import BE, DOCUMENT, MENTIONS
from .vocabulary import DELETED, MEANING, SERVICE_ROLES, SUBSTITUTED, alt, with_plurals

__all__ = [
    "DELETED_REFERENCES",
    "DISCLOSURE_DELETED",
    "MENTIONS",
    "NAME_TAIL",
    "PERSON",
    "QUOTED_REFERENCES",
    "REFERENCES",
    "RENAMES",
    "RENAME_TABLE",
    "SCOPE_TAIL",
]

_QUOTED = r"(?:the )?\"[^\"]{1,200}\""
QUOTED_LIST = rf"{_QUOTED}(?:(?:,|,? and|,? or)? {_QUOTED}){{0,5}}"
"""One quoted name or several ('"A," "B" and "C"')."""
_REFERENCES_TO = (
    r"\b(?:(?:any and )?all )?(?:the )?references? "
    r"(?:(?:in|within|throughout) [^\"]{0,120}? )?to (?:the )?"
)
_WHERE = r"(?:,? (?:in|within|throughout|contained in|under) [^:]{0,160}?)?,?"
_VERB = rf"(?:{BE} {alt(SUBSTITUTED)}|(?:will |shall |should |now )?{alt(MEANING)})"
"""How references become other words: "are replaced with", "will mean"."""

QUOTED_REFERENCES = Rule(
    "references to quoted names",
    rf"\b(?:(?:any and )?all )?(?:the )?references? (?:to|in [^\"]{{0,120}}? to) "
    rf"(?P<old>{QUOTED_LIST})[^\"]{{0,160}}? {_VERB} (?:references to )?(?P<new>{QUOTED_LIST})",
    "substitute",
)

REFERENCES = Rule(
    "references to names",
    rf"{_REFERENCES_TO}(?P<old>[^\"]{{2,200}}?){_WHERE} {_VERB}:? (?:references to )?(?:the )?"
    r"(?P<new>.{1,300})",
    "substitute",
)
"""Unquoted names; ``new`` runs on to the end of the words (cut at the sentence's end)."""

DELETED_REFERENCES = Table(
    "references deleted",
    [
        Rule(
            "references to X are deleted",
            rf"{_REFERENCES_TO}(?P<old>[^\"]{{2,200}}?){_WHERE} {BE} {alt(DELETED)}"
            r"(?: in (?:its|their) entirety)?(?=[.;,:]|$| from\b| at\b| on\b| as\b| effective\b)",
            "delete",
            priority=1,
        ),
        Rule(
            "please remove all references to X",
            r"\b(?:please )?(?:remove|delete) (?:(?:any and )?all |any )?references to (?:the )?"
            r"(?P<old>[^\"]{2,200}?)(?=[;,]|\.?$| from\b| in\b| within\b| throughout\b)",
            "delete",
            priority=2,
        ),
    ],
)
"""Words deleted wherever they stand."""

PERSON = Rule(
    "a person's name",
    r"^(?:(?:Mr|Ms|Mrs|Dr)\. )?[A-Z][a-z]+(?: [A-Z]\.)?(?: [A-Z][a-z'-]+){1,2}$",
    "person",
    cased=True,
)
"""A person's name, whole: "Tina Paris", "Timothy R. Warrick", "Ms. Jane Q. Doe" (a list of
them, references to whom are deleted, is read name by name)."""

DISCLOSURE_DELETED = Rule(
    "the disclosure of a fund is deleted",
    r"\b(?:all )?(?:references and )?(?:disclosures?|information) (?:relating to|related to"
    r"|regarding|concerning|about|with respect to|for) (?P<funds>[^.;:\"]{3,200}?)"
    rf" {BE} {alt(DELETED)}\b",
    "delete",
)
"""'disclosure relating to the Bond Fund and Core Mid Cap Fund is deleted': each fund's
part of the document goes (when every name is a fund's)."""

_CHANGED = rf"(?:{BE} changed|(?:will|shall) (?:be )?change|(?:has|have) changed|changed)"
_CHANGED_TO = f"{_CHANGED} to"
RENAMES = Table(
    "renames",
    [
        Rule(
            "X is renamed Y",
            rf"^(?:the )?(?P<old>.{{3,300}}?) {BE} (?:renamed(?: as)?|re-named) (?:the )?"
            r"(?P<new>.{2,300})$",
            "substitute",
            priority=1,
        ),
        Rule(
            "X will change its name to Y",
            r"^(?:the )?(?P<old>.{3,300}?) (?:will|shall) change (?:its|their) names? to (?:the )?"
            r"(?P<new>.{2,300})$",
            "substitute",
            priority=2,
        ),
        Rule(
            "X's name is changed to Y",
            rf"^(?:the )?(?P<old>.{{3,300}}?)['\u2019]s? names? {_CHANGED_TO} (?:the )?"
            r"(?P<new>.{2,300})$",
            "substitute",
            priority=3,
        ),
        Rule(
            "the name of X is changed to Y",
            rf"^the names? of (?:the )?(?P<old>.{{3,300}}?) {_CHANGED_TO} (?:the )?"
            r"(?P<new>.{2,300})$",
            "substitute",
            priority=4,
        ),
        Rule(
            "the number will change from A to B",
            rf"^(?:the |its |their |each )?[\w'\u2019 -]{{2,60}}? {_CHANGED}"
            r" from (?P<old>.{1,200}?) to (?P<new>.{1,200})$",
            "substitute",
            priority=5,
        ),
    ],
)
"""Renames, read from the first sentence of an instruction (its time left out)."""

RENAME_TABLE = Rule(
    "renamed as follows",
    rf"\b(?:{BE} renamed|(?:will|shall) change (?:its|their) names?"
    rf"|names? of [^.:]{{0,120}}? {_CHANGED})"
    r",? as (?:follows|(?:indicated|shown|listed|set forth)(?: in the (?:table|chart))?"
    r"(?: below)?)\b",
    "rename table",
)
"""Renames listed in a table after the instruction (current name, new name)."""


SCOPE_TAIL = Rule(
    "where the references are",
    rf",? (?:(?:in|within|throughout|contained in|from|of|for|under) (?:the |this |each |all |"
    rf"your |its |their |each of the )?(?:[\w'\u2019-]+ ){{0,4}}?(?:{DOCUMENT}|portfolios?"
    r"|funds?|trusts?|documents?|supplements?|section|sub-?section)\b|(?:as|when) (?:applicable|"
    r"appropriate)\b|at that time\b|respectively\b|effective\b|in (?:its|their) entirety\b"
    r"|(?:with respect to|as it relates to|relating to|regarding)\b"
    rf"|as (?:an? |the )?(?:fund's |funds' )?{alt(with_plurals(SERVICE_ROLES))}\b)",
    "scope",
)
"""Where a name stops: the documents or places the references are in ("in the Prospectus"),
"respectively", "at that time"."""

NAME_TAIL = Rule(
    "the sentence goes on",
    r" (?:and|but) (?:will|shall|is|are|may|can|has|have|was|were|its|their|the|all|any)\b"
    r"|,? (?:which|who|whose|because|so that|in order)\b|; ",
    "tail",
)
"""Where a new name stops: "Class I shares and will be available for ..."."""
